//! Risk: Monte Carlo schedule risk analysis of a document's estimates, risk register,
//! correlations and history (see `jindu::risk`).
//!
//! [`risk_json`] takes the document as JSON text and a [`RiskOptions`] record and returns the
//! core's report JSON, exactly what `jindu risk FILE --format json` prints: the same seed
//! gives the same report, byte for byte, here, in the npm package and in the command.

use std::sync::{Arc, Mutex};

use jindu::io::json;
use jindu::risk::{CancelToken, Control, ConvergenceRequest, DefaultEstimateRequest, RiskRequest};

use crate::error::{guard, JinduError};

/// How to simulate; every field is optional (the defaults of `jindu::risk::RiskOptions`).
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct RiskOptions {
    /// Iterations to run (default 1,000).
    #[uniffi(default = None)]
    pub iterations: Option<u64>,
    /// The seed (default 1): the same seed gives the same report.
    #[uniffi(default = None)]
    pub seed: Option<u64>,
    /// A target finish, `YYYY-MM-DDTHH:MM`, to give the probability of meeting.
    #[uniffi(default = None)]
    pub target: Option<String>,
    /// Threads: 0 for all cores, 1 for the calling thread; the report does not depend on it.
    #[uniffi(default = None)]
    pub threads: Option<u32>,
    /// The default estimate of tasks without one: percent added for the optimistic duration
    /// (e.g. -10); needs `default_pessimistic_percent`.
    #[uniffi(default = None)]
    pub default_optimistic_percent: Option<i32>,
    /// Percent added for the pessimistic duration (e.g. 25).
    #[uniffi(default = None)]
    pub default_pessimistic_percent: Option<i32>,
    /// The default range's distribution: `triangular` (the default), `pert` or `uniform`.
    #[uniffi(default = None)]
    pub default_shape: Option<String>,
    /// Tasks without an estimate draw from the document's history instead of a range.
    #[uniffi(default = false)]
    pub default_history: bool,
    /// Stop early: check every this many iterations (needs `convergence_tolerance`).
    #[uniffi(default = None)]
    pub convergence_every: Option<u64>,
    /// Stop early when P50 and P80 moved by at most this duration (e.g. `0.5d`).
    #[uniffi(default = None)]
    pub convergence_tolerance: Option<String>,
    /// Ranges in each histogram (default 20).
    #[uniffi(default = None)]
    pub histogram_bins: Option<u32>,
    /// Bars in the tornado (default 10).
    #[uniffi(default = None)]
    pub tornado: Option<u32>,
    /// The host's limits (here `max_risk_samples`, iterations × tasks, default 10^9, is the
    /// one that counts); absent, the defaults.
    #[uniffi(default = None)]
    pub limits: Option<crate::io::Limits>,
}

impl RiskOptions {
    /// The core's request these options stand for; a half-given default estimate or
    /// convergence rule is an error naming it.
    pub fn to_request(&self) -> jindu::Result<RiskRequest> {
        let range = self.default_optimistic_percent.is_some()
            || self.default_pessimistic_percent.is_some()
            || self.default_shape.is_some();
        let default_estimate = (range || self.default_history).then(|| DefaultEstimateRequest {
            optimistic_percent: self.default_optimistic_percent,
            pessimistic_percent: self.default_pessimistic_percent,
            shape: self.default_shape.clone(),
            history: self.default_history,
        });
        let convergence = match (self.convergence_every, &self.convergence_tolerance) {
            (None, None) => None,
            (Some(every), Some(t)) => Some(ConvergenceRequest {
                every,
                tolerance: t.clone(),
            }),
            _ => {
                return Err(jindu::Error::Parse {
                    what: "convergence",
                    value: String::new(),
                    reason: "convergence_every and convergence_tolerance go together".into(),
                })
            }
        };
        Ok(RiskRequest {
            iterations: self.iterations,
            seed: self.seed,
            target: self.target.clone(),
            threads: self.threads,
            default_estimate,
            convergence,
            histogram_bins: self.histogram_bins,
            tornado: self.tornado,
            limits: self.limits.map(crate::io::Limits::to_core),
        })
    }
}

/// The report as the core writes it.
pub fn risk_text(document: &str, request: &RiskRequest) -> jindu::Result<String> {
    let doc = json::read(document)?;
    let opts = request.options(&doc.project, doc.options)?;
    Ok(jindu::risk::simulate(&doc.project, &opts, Default::default())?.to_json())
}

/// Simulates the document `options.iterations` times and returns the risk report as JSON
/// text: the finish and each milestone as distributions (`finish.p50`, `finish.p80`, …,
/// histograms), `probability_on_time` for a target, per task `criticality_index`,
/// `sensitivity`, `ssi` and `cruciality`, each risk's contribution and the `tornado`.
#[uniffi::export(default(options = None))]
pub fn risk_json(document: String, options: Option<RiskOptions>) -> Result<String, JinduError> {
    guard(|| {
        let request = options.unwrap_or_default().to_request()?;
        Ok(risk_text(&document, &request)?)
    })
}

/// How far a [`RiskRun`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct RiskProgress {
    /// Iterations done.
    pub done: u64,
    /// Iterations asked for.
    pub total: u64,
    /// Whether the run has finished: all iterations, converged, or cancelled.
    pub finished: bool,
}

/// A Monte Carlo run that a host advances a slice at a time, for a progress bar and a Cancel
/// button: `step` runs more iterations and says how far it is, `cancel` (from any thread, even
/// while a `step` runs) stops it at the next round, and `report_json` gives the report of the
/// iterations done — exactly what `risk_json` gives for that many iterations and the seed.
#[derive(Debug, uniffi::Object)]
pub struct RiskRun {
    sim: Mutex<jindu::risk::Simulation<'static>>,
    cancel: CancelToken,
}

/// What a run whose lock an earlier caught panic poisoned says.
pub(crate) const RUN_POISONED: &str = "this run is unusable after an internal error; start another";

impl RiskRun {
    fn with<T>(
        &self,
        f: impl FnOnce(&mut jindu::risk::Simulation<'static>) -> jindu::Result<T>,
    ) -> Result<T, JinduError> {
        crate::error::guard_locked(&self.sim, RUN_POISONED, f)
    }
}

#[uniffi::export]
impl RiskRun {
    /// Compiles the document (JSON text) for simulation with the options; nothing runs yet.
    #[uniffi::constructor(default(options = None))]
    pub fn new(document: String, options: Option<RiskOptions>) -> Result<Arc<RiskRun>, JinduError> {
        guard(|| {
            let request = options.unwrap_or_default().to_request()?;
            let doc = json::read(&document)?;
            let opts = request.options(&doc.project, doc.options)?;
            let sim = jindu::risk::Simulation::new(&doc.project, &opts)?.into_owned();
            Ok(Arc::new(RiskRun {
                sim: Mutex::new(sim),
                cancel: CancelToken::default(),
            }))
        })
    }

    /// Runs about `iterations` more (whole rounds, never past the total; stops early when
    /// cancelled or converged) and returns how far the run is.
    pub fn step(&self, iterations: u64) -> Result<RiskProgress, JinduError> {
        let cancel = self.cancel.clone();
        self.with(|sim| {
            let p = sim.advance(
                iterations.max(1),
                Control {
                    cancel: Some(&cancel),
                    ..Control::default()
                },
            )?;
            Ok(RiskProgress {
                done: p.done,
                total: p.total,
                finished: sim.is_done(),
            })
        })
    }

    /// Stops the run at its next round (safe from another thread while `step` runs).
    pub fn cancel(&self) {
        self.cancel.cancel();
    }

    /// The report of the iterations done so far, as JSON text (`stopped` says whether the
    /// run completed, converged, was cancelled or is still running).
    pub fn report_json(&self) -> Result<String, JinduError> {
        self.with(|sim| Ok(sim.report()?.to_json()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"name": "Go-live", "start": "2026-01-05",
      "tasks": [{"id": "A", "duration": "5d",
                 "estimate": {"optimistic": "4d", "likely": "5d", "pessimistic": "9d"}},
                {"id": "M", "milestone": true}],
      "links": [{"from": "A", "to": "M"}]}"#;

    fn value(s: &str) -> serde_json::Value {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn the_report_is_the_cores() {
        let o = RiskOptions {
            iterations: Some(400),
            seed: Some(5),
            target: Some("2026-01-12T17:00".into()),
            ..RiskOptions::default()
        };
        let text = risk_json(DOC.into(), Some(o.clone())).unwrap();
        let v = value(&text);
        assert_eq!(v["iterations"], 400);
        // Triangular(4, 5, 9): mean 6 working days; P(≤ 6 days) = 0.55 (core/tests/risk.rs).
        let mean = v["finish"]["mean_working_days"].as_f64().unwrap();
        assert!((mean - 6.0).abs() < 0.2, "{mean}");
        let p = v["probability_on_time"].as_f64().unwrap();
        assert!((p - 0.55).abs() < 0.08, "{p}");
        assert_eq!(text, risk_json(DOC.into(), Some(o)).unwrap(), "same seed");
    }

    #[test]
    fn options_and_errors() {
        let half = RiskOptions {
            convergence_every: Some(100),
            ..RiskOptions::default()
        };
        let e = risk_json(DOC.into(), Some(half)).unwrap_err();
        assert!(
            matches!(&e, JinduError::Input { code, .. } if code == "parse"),
            "{e:?}"
        );
        let shape = RiskOptions {
            default_optimistic_percent: Some(-10),
            default_pessimistic_percent: Some(20),
            default_shape: Some("beta".into()),
            ..RiskOptions::default()
        };
        let e = risk_json(DOC.into(), Some(shape)).unwrap_err();
        assert!(
            matches!(&e, JinduError::Invalid { field: Some(f), .. } if f == "default_estimate.shape"),
            "{e:?}"
        );
        let ranged = RiskOptions {
            iterations: Some(50),
            default_optimistic_percent: Some(-10),
            default_pessimistic_percent: Some(20),
            ..RiskOptions::default()
        };
        let r = ranged.to_request().unwrap();
        assert_eq!(r.default_estimate.unwrap().pessimistic_percent, Some(20));
    }
}
