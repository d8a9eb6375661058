//! Schedule health: the DCMA 14-point assessment of a document (see `jindu::risk::health`).
//!
//! [`health_json`] takes the document and the options as JSON text and returns the core's
//! assessment JSON, exactly what `jindu health FILE --format json` prints.

use jindu::io::json;
use jindu::risk::HealthRequest;

use crate::error::{guard, JinduError};

/// The assessment as the core writes it; `options` is a [`HealthRequest`] as JSON (empty: the
/// defaults).
pub fn health_text(document: &str, options: &str) -> jindu::Result<String> {
    let doc = json::read(document)?;
    let request = if options.trim().is_empty() {
        HealthRequest::default()
    } else {
        HealthRequest::from_json(options)?
    };
    let opts = request.options(doc.options)?;
    Ok(jindu::risk::assess(&doc.project, &opts)?.to_json())
}

/// Runs the DCMA 14-point schedule assessment of a project document and returns it as JSON
/// text: `passed`, `failed`, `not_applicable` and `checks`, each with `number`, `code`,
/// `name`, `metric`, `threshold`, `unit`, `population`, `count`, `status` (`pass`, `fail`,
/// `not_applicable`), the offending `tasks` (and `links`; `gaps` by kind on the logic checks,
/// `no_baseline_finish` on missed tasks and BEI) and a `detail` sentence; and `additional`,
/// the checks beyond the fourteen (`dangling_logic`), not in the totals.
///
/// `options` is JSON text (or absent): `{"status_date": "2026-02-06T17:00", "baseline": 0,
/// "thresholds": {"logic_percent": 5, "high_float_days": 44, "cpli": 0.95, ...}}`, every field
/// optional (DCMA's thresholds, the document's status date, the first baseline).
#[uniffi::export(default(options = None))]
pub fn health_json(document: String, options: Option<String>) -> Result<String, JinduError> {
    guard(|| Ok(health_text(&document, options.as_deref().unwrap_or(""))?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// S → A (5d) → F, F due Thu 8th 17:00 but finishing Fri 9th 17:00.
    const DOC: &str = r#"{"name": "Late", "start": "2026-01-05",
      "tasks": [{"id": "S", "milestone": true}, {"id": "A", "duration": "5d"},
                {"id": "F", "milestone": true, "deadline": "2026-01-08T17:00"}],
      "links": [{"from": "S", "to": "A"}, {"from": "A", "to": "F"}]}"#;

    fn check(v: &serde_json::Value, code: &str) -> serde_json::Value {
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["code"] == code)
            .unwrap()
            .clone()
    }

    #[test]
    fn the_assessment_is_the_cores() {
        let text = health_json(DOC.into(), None).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        // One day late on a five-day critical path: CPLI = (5 − 1) / 5 = 0.8; S, A, F all
        // carry −1d of float.
        assert_eq!(check(&v, "cpli")["metric"], 0.8);
        assert_eq!(
            check(&v, "negative_float")["tasks"],
            serde_json::json!(["S", "A", "F"])
        );
        // A lower bar passes it.
        let lenient = health_json(DOC.into(), Some(r#"{"thresholds": {"cpli": 0.8}}"#.into()));
        let v: serde_json::Value = serde_json::from_str(&lenient.unwrap()).unwrap();
        assert_eq!(check(&v, "cpli")["status"], "pass");
    }

    #[test]
    fn bad_options_are_typed_errors() {
        let e = health_json(DOC.into(), Some(r#"{"baseline": 2}"#.into())).unwrap_err();
        assert!(
            matches!(&e, JinduError::Invalid { field: Some(f), .. } if f == "baseline"),
            "{e:?}"
        );
        let e = health_json(DOC.into(), Some(r#"{"thresholds": {"x": 1}}"#.into())).unwrap_err();
        assert!(!format!("{e:?}").is_empty());
    }
}
