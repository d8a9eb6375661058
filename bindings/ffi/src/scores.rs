//! Risk scores: a 0–100 score per task and milestone with its factors, the project roll-up and
//! the ranked warnings (see `jindu::risk::scores`).
//!
//! [`scores_json`] takes the document and the options as JSON text and returns the core's
//! scores JSON, exactly what `jindu scores FILE --format json` prints.

use crate::error::{guard, JinduError};

/// The scores as the core writes them; `options` is a
/// [`ScoreRequest`](jindu::risk::ScoreRequest) as JSON (empty: the defaults).
pub fn scores_text(document: &str, options: &str) -> jindu::Result<String> {
    Ok(jindu::risk::assess_scores_json(document, options)?.to_json())
}

/// Scores every incomplete task and milestone of a project document for risk and returns JSON
/// text: `score` (the mean of the top decile), `max`, `mean`, `tasks` (each with `score`,
/// `factors` — `code`, `value` 0–1, `points`, `weight`, `measure`, `sentence` — and the
/// `missing` factors) and the ranked `warnings` (`code`, `severity`, `task`, `message`).
///
/// `options` is JSON text (or absent): `{"weights": {"float": 3, "criticality": 3, ...},
/// "float_horizon_days": 10, "deadline_horizon_days": 10, "spread_full": 1,
/// "status_date": "2026-02-06T17:00", "baseline": 0, "warn_at": 0.5, "high_at": 0.8,
/// "iterations": 0, "seed": 1, "max_warnings": 50, "default_estimate": {"optimistic_percent":
/// -10, "pessimistic_percent": 25}}`, every field optional; `iterations` above 0 runs the Monte
/// Carlo for the criticality factor; a `default_estimate` range gives the tasks without an
/// estimate a spread (and the Monte Carlo the same range); warnings beyond `max_warnings`
/// are counted in `warnings_dropped`.
#[uniffi::export(default(options = None))]
pub fn scores_json(document: String, options: Option<String>) -> Result<String, JinduError> {
    guard(|| Ok(scores_text(&document, options.as_deref().unwrap_or(""))?))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A (5d) critical, B (2d) with 3 days of float, both into M.
    const DOC: &str = r#"{"name": "Demo", "start": "2026-01-05",
      "tasks": [{"id": "A", "duration": "5d"}, {"id": "B", "duration": "2d"},
                {"id": "M", "milestone": true}],
      "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}]}"#;

    #[test]
    fn the_scores_are_the_cores() {
        let v: serde_json::Value =
            serde_json::from_str(&scores_json(DOC.into(), None).unwrap()).unwrap();
        // M: float 1 × 3 + merge ⅓ × 1 over 7 (float, merge, hard constraint, deadline).
        assert_eq!(v["tasks"][2]["id"], "M");
        assert_eq!(v["tasks"][2]["score"], 47.6);
        let only_float = r#"{"weights": {"merge": 0, "hard_constraint": 0, "deadline": 0}}"#;
        let v: serde_json::Value =
            serde_json::from_str(&scores_json(DOC.into(), Some(only_float.into())).unwrap())
                .unwrap();
        assert_eq!(v["tasks"][0]["score"], 100.0);
    }

    #[test]
    fn bad_options_are_typed_errors() {
        let e = scores_json(DOC.into(), Some(r#"{"warn_at": 2}"#.into())).unwrap_err();
        assert!(
            matches!(&e, JinduError::Invalid { field: Some(f), .. } if f == "warn_at"),
            "{e:?}"
        );
    }
}
