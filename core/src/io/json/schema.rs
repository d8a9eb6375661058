//! The JSON Schema (draft 2020-12) of the input document, edits, and the outputs, generated
//! from the types that define them ([`super::doc`], [`super::out`]), and of the risk scores
//! with their options ([`crate::risk::RiskScores`], [`crate::risk::ScoreRequest`]); needs the
//! `schema` feature. `jindu schema` prints them, and the test suite validates every example and
//! conformance vector against them.

use serde_json::Value;

use super::doc::{EditInput, ProjectDocument};
use super::out::{DiffOutput, ScheduleOutput};

fn schema<T: schemars::JsonSchema>(id: &str) -> Value {
    let mut v = serde_json::to_value(schemars::schema_for!(T))
        .expect("a schemars Schema is a serde_json Value already");
    if let Some(o) = v.as_object_mut() {
        o.insert(
            "$id".to_owned(),
            Value::String(format!("https://jindu.invalid/schema/{id}.json")),
        );
    }
    v
}

/// The schema of a project document (what `jindu schedule` and `schedule()` read).
pub fn document() -> Value {
    schema::<ProjectDocument>("document")
}

/// The schema of one edit (what `Scheduler.apply` takes).
pub fn edit() -> Value {
    schema::<EditInput>("edit")
}

/// The schema of a schedule (what `jindu schedule` writes).
pub fn schedule() -> Value {
    schema::<ScheduleOutput<'static>>("schedule")
}

/// The schema of a diff (what an edit returns).
pub fn diff() -> Value {
    schema::<DiffOutput<'static>>("diff")
}

/// The schema of risk scores (what `jindu scores --format json` writes, and `scores()` in
/// every binding returns).
pub fn scores() -> Value {
    schema::<crate::risk::RiskScores>("scores")
}

/// The schema of the risk-score options (what `scores()` in the bindings takes).
pub fn scores_request() -> Value {
    schema::<crate::risk::ScoreRequest>("scores-request")
}

/// Every schema by name: `document`, `edit`, `schedule`, `diff`, `scores`, `scores-request`.
pub fn all() -> [(&'static str, Value); 6] {
    [
        ("document", document()),
        ("edit", edit()),
        ("schedule", schedule()),
        ("diff", diff()),
        ("scores", scores()),
        ("scores-request", scores_request()),
    ]
}
