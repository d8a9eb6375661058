//! Tracking: earned value and earned schedule, alerts, buffers, variance, status reports, the
//! client's view and what-if change sets at a status date (see `jindu::track`).
//!
//! Every function takes the document as JSON text and a [`TrackOptions`] record and returns the
//! core's JSON (or, for [`report`], Markdown or HTML), exactly what the `jindu` command prints.

use jindu::control::Control;
use jindu::io::json;
use jindu::render::ReportProgress;
use jindu::track::{self, ChangeSet, ReportOptions, Shape, Status};

use crate::error::{guard, JinduError};

/// How to track and report; every field is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct TrackOptions {
    /// The status date, `YYYY-MM-DDTHH:MM[:SS]`; absent, the document's own.
    #[uniffi(default = None)]
    pub status_date: Option<String>,
    /// The baseline to measure against; absent, the first (or the schedule without progress).
    #[uniffi(default = None)]
    pub baseline: Option<u8>,
    /// The EAC method: `cpi` (the default), `planned_rate` or `cpi_spi`.
    #[uniffi(default = None)]
    pub eac: Option<String>,
    /// The IEAC(t) method: `spi_t` (the default), `planned_rate` or `cpi_spi_t`.
    #[uniffi(default = None)]
    pub ieac: Option<String>,
    /// The report's period: `day`, `week` (the default) or `month`.
    #[uniffi(default = None)]
    pub period: Option<String>,
    /// The language of reports and alert messages: `en` (the default) or `zh-CN`.
    #[uniffi(default = None)]
    pub lang: Option<String>,
    /// The currency shown with amounts in reports (e.g. `CNY`).
    #[uniffi(default = None)]
    pub currency: Option<String>,
    /// Whether the report is the client's (nothing internal, no costs).
    #[uniffi(default = false)]
    pub client: bool,
    /// The report's format: `json` (the default), `markdown` or `html`.
    #[uniffi(default = None)]
    pub format: Option<String>,
    /// The alert thresholds and the rules turned off, as JSON
    /// (`{"late_hours": 24, "disabled": ["float_consumed"]}`, see `jindu::track::AlertRequest`);
    /// absent, the defaults.
    #[uniffi(default = None)]
    pub alerts: Option<String>,
}

impl TrackOptions {
    /// The core's tracking and report options; a value that does not parse is an error naming
    /// it.
    pub fn to_core(&self) -> jindu::Result<(track::TrackOptions, ReportOptions)> {
        track::TrackRequest {
            status_date: self.status_date.clone(),
            baseline: self.baseline,
            eac: self.eac.clone(),
            ieac: self.ieac.clone(),
            period: self.period.clone(),
            lang: self.lang.clone(),
            currency: self.currency.clone(),
            client: self.client,
            format: self.format.clone(),
            alerts: self
                .alerts
                .as_deref()
                .map(track::AlertRequest::from_json)
                .transpose()?,
        }
        .to_core()
    }
}

fn text(v: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(v).expect("tracking results serialise")
}

/// Runs `f` on the document's status at the options' status date.
fn with_status(
    document: &str,
    options: &TrackOptions,
    f: impl FnOnce(&Status<'_>, &ReportOptions) -> jindu::Result<String>,
) -> Result<String, JinduError> {
    guard(|| {
        let doc = json::read(document)?;
        let (t, r) = options.to_core()?;
        let st = Status::new(&doc.project, &doc.options, &t)?;
        Ok(f(&st, &r)?)
    })
}

/// Earned value and earned schedule of the project (at the top level: `pv`, `ev`, `ac`, `sv`,
/// `cv`, `spi`, `cpi`, `eac`, `es_working_days`, `spi_t`, `forecast_finish`, …) and of every
/// task (under `tasks`), as JSON text.
#[uniffi::export(default(options = None))]
pub fn evm_json(document: String, options: Option<TrackOptions>) -> Result<String, JinduError> {
    with_status(&document, &options.unwrap_or_default(), |s, _| {
        Ok(text(&s.evm()))
    })
}

/// The alerts at the status date (a JSON array, messages in the options' language).
#[uniffi::export(default(options = None))]
pub fn alerts_json(document: String, options: Option<TrackOptions>) -> Result<String, JinduError> {
    with_status(&document, &options.unwrap_or_default(), |s, r| {
        Ok(text(&s.alerts(r.lang)))
    })
}

/// The alerts at the status date with `critical_path_changed` measured against `snapshot`,
/// an earlier version of the plan (JSON text) scheduled with its own options, instead of the
/// baseline.
#[uniffi::export(default(options = None))]
pub fn alerts_since_json(
    document: String,
    snapshot: String,
    options: Option<TrackOptions>,
) -> Result<String, JinduError> {
    with_status(&document, &options.unwrap_or_default(), |s, r| {
        Ok(text(
            &s.alerts_since_document(r.lang, &json::read(&snapshot)?)?,
        ))
    })
}

/// The project and feeding buffers and the fever chart's data, as JSON text.
#[uniffi::export(default(options = None))]
pub fn buffers_json(document: String, options: Option<TrackOptions>) -> Result<String, JinduError> {
    with_status(&document, &options.unwrap_or_default(), |s, _| {
        Ok(text(&s.buffers()))
    })
}

/// Start, finish, duration, work and cost variance of every task against the baseline.
#[uniffi::export(default(options = None))]
pub fn variance_json(
    document: String,
    options: Option<TrackOptions>,
) -> Result<String, JinduError> {
    with_status(&document, &options.unwrap_or_default(), |s, _| {
        Ok(text(&s.variance()))
    })
}

/// The status report for the period ending at the status date, in the options' format (JSON,
/// Markdown or HTML), language and audience. HTML is a whole page with the Gantt, earned value
/// and fever charts inline (what `jindu report FILE --format html` prints).
#[uniffi::export(default(options = None))]
pub fn report(document: String, options: Option<TrackOptions>) -> Result<String, JinduError> {
    guard(|| Ok(report_text(&document, options, Control::default())?))
}

/// [`report`] reporting its steps to `progress` (the status, the report, for HTML the page),
/// which may cancel it (code `cancelled`): for reports on big plans.
#[uniffi::export(default(options = None))]
pub fn report_with_progress(
    document: String,
    progress: Box<dyn crate::io::ProgressListener>,
    options: Option<TrackOptions>,
) -> Result<String, JinduError> {
    guard(|| {
        Ok(crate::io::listened(
            progress.as_ref(),
            |p: &ReportProgress| (u64::from(p.done), u64::from(p.total)),
            |c| report_text(&document, options, c),
        )?)
    })
}

/// The report of `document` in the options' format under `control`.
fn report_text(
    document: &str,
    options: Option<TrackOptions>,
    control: Control<'_, ReportProgress>,
) -> jindu::Result<String> {
    let options = options.unwrap_or_default();
    let shape: Shape = options.format.as_deref().unwrap_or("json").parse()?;
    let doc = json::read(document)?;
    let (t, r) = options.to_core()?;
    jindu::render::report_with(&doc, &t, &r, shape, control)
}

/// The client's view: the visible schedule and the client's report, as JSON text.
#[uniffi::export(default(options = None))]
pub fn client_view_json(
    document: String,
    options: Option<TrackOptions>,
) -> Result<String, JinduError> {
    with_status(&document, &options.unwrap_or_default(), |s, r| {
        Ok(text(&s.client_view(r)))
    })
}

/// Applies a change set (`{"changes": [{"op": "set_duration", "task": "B", "duration":
/// "7d"}, …]}`) to a copy of the document and returns what it does: `finish_delta_minutes`,
/// `moved`, `critical_path_changed`, the milestones and the buffer, as JSON text.
#[uniffi::export(default(options = None))]
pub fn whatif_json(
    document: String,
    changes: String,
    options: Option<TrackOptions>,
) -> Result<String, JinduError> {
    let options = options.unwrap_or_default();
    guard(|| {
        let doc = json::read(&document)?;
        let (t, _) = options.to_core()?;
        let changes = ChangeSet::from_json(&changes)?;
        Ok(text(&track::whatif(
            &doc.project,
            &doc.options,
            &changes,
            &t,
        )?))
    })
}

/// Compares two versions of a plan (JSON text), each scheduled with its own options: the
/// tasks that moved, were added or removed, `finish_delta_minutes` and how the critical path
/// changed, as JSON text (what `jindu compare` prints).
#[uniffi::export]
pub fn compare_json(before: String, after: String) -> Result<String, JinduError> {
    guard(|| {
        Ok(text(&track::compare_documents(
            &json::read(&before)?,
            &json::read(&after)?,
        )?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"name": "Two", "start": "2026-01-05", "status_date": "2026-01-07T17:00",
      "tasks": [{"id": "A", "name": "Design", "duration": "5d", "cost": 5000,
                 "percent_complete": 40, "actual_start": "2026-01-05", "actual_cost": 2500},
                {"id": "B", "name": "Build", "duration": "5d", "cost": 10000}],
      "links": [{"from": "A", "to": "B"}]}"#;

    fn value(s: &str) -> serde_json::Value {
        serde_json::from_str(s).unwrap()
    }

    #[test]
    fn evm_and_options() {
        // PV 3/5 × 5,000; EV 40 % × 5,000; AC 2,500; ES 2 days (see the core's tests).
        let v = value(&evm_json(DOC.into(), None).unwrap());
        assert_eq!(
            (v["pv"].as_f64(), v["ev"].as_f64()),
            (Some(3000.0), Some(2000.0))
        );
        assert_eq!(v["es_working_days"], 2.0);
        let o = TrackOptions {
            eac: Some("planned_rate".into()),
            ..TrackOptions::default()
        };
        let v = value(&evm_json(DOC.into(), Some(o)).unwrap());
        assert_eq!(v["eac"], 15_500.0); // 2,500 + 13,000
                                        // A later status date: A planned complete, PV 5,000.
        let o = TrackOptions {
            status_date: Some("2026-01-09T17:00".into()),
            ..TrackOptions::default()
        };
        assert_eq!(value(&evm_json(DOC.into(), Some(o)).unwrap())["pv"], 5000.0);
    }

    #[test]
    fn bad_options_are_typed_errors() {
        for o in [
            TrackOptions {
                eac: Some("guess".into()),
                ..TrackOptions::default()
            },
            TrackOptions {
                status_date: Some("soon".into()),
                ..TrackOptions::default()
            },
            TrackOptions {
                lang: Some("fr".into()),
                ..TrackOptions::default()
            },
        ] {
            let e = evm_json(DOC.into(), Some(o)).unwrap_err();
            assert_eq!(e.code(), "parse", "{e}");
        }
        let e = whatif_json(DOC.into(), r#"{"changes": [{"op": "x"}]}"#.into(), None).unwrap_err();
        assert_eq!(e.code(), "json", "{e}");
    }

    #[test]
    fn reports_and_whatif() {
        let o = TrackOptions {
            lang: Some("zh-CN".into()),
            format: Some("markdown".into()),
            ..TrackOptions::default()
        };
        let md = report(DOC.into(), Some(o)).unwrap();
        assert!(md.starts_with("# Two项目周报"), "{md}");
        let w = value(
            &whatif_json(
                DOC.into(),
                r#"{"changes": [{"op": "set_duration", "task": "B", "duration": "7d"}]}"#.into(),
                None,
            )
            .unwrap(),
        );
        assert_eq!(w["finish_delta_minutes"], 2 * 480);
        let a = value(&alerts_json(DOC.into(), None).unwrap());
        assert!(a.as_array().unwrap().iter().any(|a| a["code"] == "cpi_low"));
        let c = client_view_json(DOC.into(), None).unwrap();
        assert!(!c.contains("\"cost\""), "{c}");
    }
}
