//! Resource levelling of a project or a portfolio sharing a resource pool (see
//! `jindu::level::level`): the same JSON as `jindu level FILE... --format json` prints.

use jindu::io::json;
use jindu::level::LevelOptions;
use jindu::Project;
use serde::Deserialize;

use crate::error::{bad_argument, guard, JinduError};

/// The options as JSON: every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionsInput {
    schedules: Option<u64>,
    seed: Option<u64>,
    within_float: Option<bool>,
    period_minutes: Option<i64>,
}

/// Levels the documents (`documents`: one document, or a JSON array of documents forming a
/// portfolio) with `options` (JSON text: `{"schedules": N, "seed": S, "within_float": true,
/// "period_minutes": M}`, every field optional; empty text for the defaults). The documents are
/// scheduled with the first one's options.
pub fn level_text(documents: &str, options: &str) -> Result<String, JinduError> {
    let input: OptionsInput = if options.trim().is_empty() {
        OptionsInput::default()
    } else {
        serde_json::from_str(options).map_err(|e| bad_argument(format!("level options: {e}")))?
    };
    let texts: Vec<String> = match documents.trim_start().as_bytes().first() {
        Some(b'[') => {
            let v: Vec<serde_json::Value> = serde_json::from_str(documents)
                .map_err(|e| bad_argument(format!("level documents: {e}")))?;
            v.iter().map(|d| d.to_string()).collect()
        }
        _ => vec![documents.to_owned()],
    };
    let mut opts = LevelOptions::default();
    let mut projects: Vec<Project> = Vec::with_capacity(texts.len());
    for (k, t) in texts.iter().enumerate() {
        let doc = json::read(t)?;
        if k == 0 {
            opts.schedule = doc.options;
        }
        projects.push(doc.project);
    }
    opts.schedules = input.schedules.unwrap_or(opts.schedules).max(1);
    opts.seed = input.seed.unwrap_or(opts.seed);
    opts.within_float = input.within_float.unwrap_or(opts.within_float);
    opts.period_minutes = input.period_minutes.unwrap_or(opts.period_minutes);
    let refs: Vec<&Project> = projects.iter().collect();
    let l = jindu::level::level(&refs, &opts)?;
    Ok(serde_json::to_string(&l).expect("a levelled portfolio serialises"))
}

/// Levels a document or a portfolio (a JSON array of documents sharing resources by id) and
/// returns the result as JSON text: per project the levelled task dates and every delay with
/// its reason (`resource` with the competing tasks, or `predecessor`), and the overallocations
/// still left (`unresolved`).
#[uniffi::export(default(options = ""))]
pub fn level_json(documents: String, options: String) -> Result<String, JinduError> {
    guard(|| level_text(&documents, &options))
}

#[cfg(test)]
mod tests {
    use super::*;

    const P0: &str = r#"{"name": "P0", "start": "2026-01-05",
      "tasks": [{"id": "X", "duration": "2d", "priority": 300}],
      "resources": [{"id": "ana"}],
      "assignments": [{"task": "X", "resource": "ana"}]}"#;
    const P1: &str = r#"{"name": "P1", "start": "2026-01-05",
      "tasks": [{"id": "Y", "duration": "2d", "priority": 700}],
      "resources": [{"id": "ana"}],
      "assignments": [{"task": "Y", "resource": "ana"}]}"#;

    #[test]
    fn a_portfolio_as_an_array() {
        // Y (700) keeps Monday 5 – Tuesday 6; X waits for Ana until Wednesday 7.
        let text = level_json(format!("[{P0}, {P1}]"), r#"{"seed": 2}"#.into()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["projects"][0]["delays"][0]["to"], "2026-01-07T08:00:00");
        assert_eq!(
            v["projects"][0]["delays"][0]["reason"]["by"][0]["task"],
            "Y"
        );
        assert_eq!(v["seed"], 2);
        // One document alone: nothing to level.
        let v: serde_json::Value =
            serde_json::from_str(&level_json(P0.into(), String::new()).unwrap()).unwrap();
        assert_eq!(v["projects"][0]["delays"].as_array().unwrap().len(), 0);
    }

    #[test]
    fn bad_options_and_demands_are_errors() {
        let e = level_json(P0.into(), r#"{"sedd": 1}"#.into()).unwrap_err();
        assert_eq!(e.code(), "json");
        let bad = P0.replace(
            r#""resource": "ana"}"#,
            r#""resource": "ana", "units": 250}"#,
        );
        let e = level_json(bad, String::new()).unwrap_err();
        assert_eq!(e.task_id(), Some("X"));
        assert!(e.detail().contains("ana"), "{}", e.detail());
    }
}
