//! The JSON form of a simulation's options: what a host passes to `risk` in every language
//! (the npm package's options object, Python's keyword arguments, the `options` of a
//! conformance vector), read into [`RiskOptions`] with the project's duration settings.
//!
//! ```json
//! {"iterations": 2000, "seed": 7, "target": "2026-03-31T17:00",
//!  "default_estimate": {"optimistic_percent": -10, "pessimistic_percent": 25, "shape": "pert"},
//!  "convergence": {"every": 500, "tolerance": "0.5d"}, "histogram_bins": 20, "tornado": 10}
//! ```

use serde::{Deserialize, Serialize};

use crate::error::{Error, Item, Result};
use crate::model::Project;
use crate::schedule::ScheduleOptions;
use crate::time::{DateTime, Duration};

use super::sim::{Convergence, DefaultEstimate, RiskOptions, Shape};

/// How to simulate, as JSON: every field is optional and defaults as in [`RiskOptions`].
///
/// ```
/// use jindu::risk::RiskRequest;
/// let doc = jindu::io::json::read(r#"{"name": "p", "start": "2026-01-05",
///     "tasks": [{"id": "A", "duration": "5d"}]}"#)?;
/// let r = RiskRequest::from_json(r#"{"iterations": 300, "seed": 9,
///     "default_estimate": {"optimistic_percent": -10, "pessimistic_percent": 25}}"#)?;
/// let o = r.options(&doc.project, doc.options)?;
/// assert_eq!((o.iterations, o.seed, o.threads), (300, 9, 0));
/// assert!(o.default_estimate.is_some());
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RiskRequest {
    /// Iterations to run (default 1,000; at least 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterations: Option<u64>,
    /// The seed (default 1): the same seed gives the same report, byte for byte.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// A target finish (`YYYY-MM-DDTHH:MM`) to give the probability of meeting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Threads: 0 (the default) for all cores, 1 for the calling thread only; ignored where
    /// there are no threads (WebAssembly). The report does not depend on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threads: Option<u32>,
    /// The estimate of tasks without one (none: they keep their duration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_estimate: Option<DefaultEstimateRequest>,
    /// Stop early once the finish settles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub convergence: Option<ConvergenceRequest>,
    /// Ranges in each histogram (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub histogram_bins: Option<u32>,
    /// Bars in the tornado (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tornado: Option<u32>,
    /// The host's limits, over the defaults ([`crate::Limits`]; here
    /// `max_risk_samples`, iterations × tasks, is the one that counts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<crate::Limits>,
}

/// The default estimate: `{"optimistic_percent": -10, "pessimistic_percent": 25, "shape":
/// "triangular"}` (a range around each task's duration; `shape` is `triangular`, `pert` or
/// `uniform`), or `{"history": true}` (the task's duration times a ratio drawn from the
/// document's history of finished tasks).
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DefaultEstimateRequest {
    /// Percent to add for the optimistic duration (usually negative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optimistic_percent: Option<i32>,
    /// Percent to add for the pessimistic duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pessimistic_percent: Option<i32>,
    /// The distribution of the range: `triangular` (the default), `pert` or `uniform`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<String>,
    /// Draw from the history instead of a range (the percents must then be absent).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub history: bool,
}

/// Early stopping: check every `every` iterations; stop when P50 and P80 of the finish both
/// moved by at most `tolerance` (a duration, e.g. `"0.5d"`) since the previous check.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConvergenceRequest {
    /// Iterations between checks.
    pub every: u64,
    /// The largest move of P50 and P80 that counts as settled.
    pub tolerance: String,
}

fn bad(field: &str, message: String) -> Error {
    Error::invalid(Item::Project, field, message)
}

impl RiskRequest {
    /// Reads the options from JSON text; a malformed or unknown field is an
    /// [`Error::Json`] naming its path, line and column.
    pub fn from_json(text: &str) -> Result<RiskRequest> {
        crate::io::json::read_value(text)
    }

    /// The simulation options, durations read with `project`'s settings, each iteration
    /// scheduled with `schedule`. A value out of range is an error naming its field.
    pub fn options(&self, project: &Project, schedule: ScheduleOptions) -> Result<RiskOptions> {
        let mut o = RiskOptions {
            schedule,
            ..RiskOptions::default()
        };
        if let Some(n) = self.iterations {
            o.iterations = n;
        }
        if let Some(s) = self.seed {
            o.seed = s;
        }
        if let Some(t) = &self.target {
            o.target = Some(t.parse::<DateTime>().map_err(|_| {
                bad(
                    "target",
                    format!("expected a datetime (2026-03-31T17:00), found {t:?}"),
                )
            })?);
        }
        if let Some(t) = self.threads {
            o.threads = t as usize;
        }
        if let Some(b) = self.histogram_bins {
            o.histogram_bins = b as usize;
        }
        if let Some(t) = self.tornado {
            o.tornado = t as usize;
        }
        if let Some(d) = &self.default_estimate {
            o.default_estimate = Some(d.estimate()?);
        }
        if let Some(l) = self.limits {
            o.limits = l;
        }
        if let Some(c) = &self.convergence {
            o.convergence = Some(Convergence {
                every: c.every,
                tolerance: Duration::parse(&c.tolerance, project.settings())
                    .map_err(|e| e.at(&Item::Project, "convergence.tolerance"))?,
            });
        }
        Ok(o)
    }
}

impl DefaultEstimateRequest {
    /// The default estimate; an incomplete range or an unknown shape is an error naming the
    /// field.
    pub(crate) fn estimate(&self) -> Result<DefaultEstimate> {
        let field = "default_estimate";
        if self.history {
            if self.optimistic_percent.is_some()
                || self.pessimistic_percent.is_some()
                || self.shape.is_some()
            {
                return Err(bad(
                    field,
                    "history takes no optimistic_percent, pessimistic_percent or shape".into(),
                ));
            }
            return Ok(DefaultEstimate::History);
        }
        let shape = match self.shape.as_deref() {
            None | Some("triangular") => Shape::Triangular,
            Some("pert") => Shape::Pert,
            Some("uniform") => Shape::Uniform,
            Some(s) => {
                return Err(bad(
                    "default_estimate.shape",
                    format!("expected triangular, pert or uniform, found {s:?}"),
                ))
            }
        };
        match (self.optimistic_percent, self.pessimistic_percent) {
            (Some(lo), Some(hi)) => Ok(DefaultEstimate::Range {
                optimistic_percent: lo,
                pessimistic_percent: hi,
                shape,
            }),
            _ => Err(bad(
                field,
                "needs optimistic_percent and pessimistic_percent (or history: true)".into(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        Project::new("p", "2026-01-05T08:00".parse().unwrap())
    }

    #[test]
    fn every_field_reaches_the_options() {
        let r = RiskRequest::from_json(
            r#"{"iterations": 250, "seed": 3, "target": "2026-02-02T17:00", "threads": 1,
                "default_estimate": {"optimistic_percent": -10, "pessimistic_percent": 30, "shape": "pert"},
                "convergence": {"every": 100, "tolerance": "0.5d"}, "histogram_bins": 8, "tornado": 4}"#,
        )
        .unwrap();
        let o = r.options(&project(), ScheduleOptions::default()).unwrap();
        assert_eq!((o.iterations, o.seed, o.threads), (250, 3, 1));
        assert_eq!(o.target, Some("2026-02-02T17:00".parse().unwrap()));
        assert_eq!((o.histogram_bins, o.tornado), (8, 4));
        assert_eq!(
            o.default_estimate,
            Some(DefaultEstimate::Range {
                optimistic_percent: -10,
                pessimistic_percent: 30,
                shape: Shape::Pert
            })
        );
        let c = o.convergence.unwrap();
        assert_eq!((c.every, c.tolerance), (100, Duration::hours(4)));
        let h = RiskRequest::from_json(r#"{"default_estimate": {"history": true}}"#).unwrap();
        let o = h.options(&project(), ScheduleOptions::default()).unwrap();
        assert_eq!(o.default_estimate, Some(DefaultEstimate::History));
        assert_eq!((o.iterations, o.seed), (1000, 1), "the defaults");
    }

    #[test]
    fn bad_options_name_their_field() {
        let e = RiskRequest::from_json(r#"{"iterations": 10, "seeed": 1}"#).unwrap_err();
        assert!(
            matches!(&e, Error::Json(j) if j.message.contains("seeed")),
            "{e}"
        );
        let cases = [
            (r#"{"target": "soon"}"#, "target"),
            (
                r#"{"default_estimate": {"shape": "pert"}}"#,
                "default_estimate",
            ),
            (
                r#"{"default_estimate": {"optimistic_percent": 1, "pessimistic_percent": 2, "shape": "beta"}}"#,
                "default_estimate.shape",
            ),
            (
                r#"{"default_estimate": {"history": true, "shape": "pert"}}"#,
                "default_estimate",
            ),
            (
                r#"{"convergence": {"every": 5, "tolerance": "soon"}}"#,
                "convergence.tolerance",
            ),
        ];
        for (text, field) in cases {
            let e = RiskRequest::from_json(text)
                .unwrap()
                .options(&project(), ScheduleOptions::default())
                .unwrap_err();
            assert_eq!(e.field(), Some(field), "{text}: {e}");
        }
    }
}
