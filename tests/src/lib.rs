//! Cross-language conformance vectors: the reference runner.
//!
//! A vector (`tests/vectors/*.json`) is a JSON object:
//!
//! ```json
//! {"name": "fs-lag", "description": "…",
//!  "document": {…a jindu JSON document…},
//!  "expect": {"schedule": {…}} | {"error": {"code": "cycle", "task": "A", "field": null, "message": "…"}},
//!  "edits": [{"edit": {"op": "set_duration", …}, "expect": {"diff": {…}} | {"error": {…}}}],
//!  "final": {…the schedule after all edits…}}
//! ```
//!
//! `schedule` is what `jindu::io::json::write_schedule` writes, `diff` what
//! `jindu::io::json::write_diff` writes. Every language binding runs every vector and compares
//! its results with the expectations after [`canonical`] formatting.
//!
//! Runners pass documents and edits to jindu as [`canonical`] text (sorted keys, no
//! whitespace), so that error messages that carry a line and column agree everywhere.

use jindu::io::json;
use jindu::{Engine, Error};
use serde_json::{json, Map, Value};

/// Serialises a JSON value with object keys sorted and no whitespace, the form in which all
/// bindings compare results.
///
/// ```
/// let v: serde_json::Value = serde_json::from_str(r#"{"b": 1, "a": [true, null]}"#).unwrap();
/// assert_eq!(jindu_conformance::canonical(&v), r#"{"a":[true,null],"b":1}"#);
/// ```
pub fn canonical(v: &Value) -> String {
    fn sort(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                let mut out = Map::new();
                for k in keys {
                    out.insert(k.clone(), sort(&m[k]));
                }
                Value::Object(out)
            }
            Value::Array(a) => Value::Array(a.iter().map(sort).collect()),
            v => v.clone(),
        }
    }
    serde_json::to_string(&sort(v)).expect("JSON values serialise")
}

/// The `error` object of a vector: code, task, field and message.
pub fn error_json(e: &Error) -> Value {
    json!({
        "code": e.code().as_str(),
        "task": e.task_id().map(|t| t.as_str()),
        "field": e.field(),
        "message": e.to_string(),
    })
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("jindu writes valid JSON")
}

/// Runs a vector's `document` and `edits` through the Rust core and returns the vector with
/// `expect`, each edit's `expect` and `final` filled in from the results.
pub fn run(vector: &Value) -> Value {
    let mut out = vector.clone();
    let doc_text = canonical(&vector["document"]);
    let doc = match json::read(&doc_text) {
        Ok(d) => d,
        Err(e) => {
            out["expect"] = json!({ "error": error_json(&e) });
            return out;
        }
    };
    match jindu::schedule(&doc.project, &doc.options) {
        Ok(s) => {
            out["expect"] = json!({ "schedule": parse(&json::write_schedule(&doc.project, &s)) })
        }
        Err(e) => {
            out["expect"] = json!({ "error": error_json(&e) });
            return out;
        }
    }
    let Some(edits) = vector.get("edits").and_then(Value::as_array) else {
        return out;
    };
    let mut engine = Engine::new(doc.project, doc.options).expect("scheduled above");
    let mut results = Vec::new();
    for step in edits {
        let edit_text = canonical(&step["edit"]);
        let result = match json::read_edit(&edit_text, engine.project()) {
            Ok(e) => engine.apply(e),
            Err(e) => Err(e),
        };
        let expect = match result {
            Ok(d) => {
                json!({ "diff": parse(&json::write_diff(&d)) })
            }
            Err(e) => json!({ "error": error_json(&e) }),
        };
        results.push(json!({ "edit": step["edit"].clone(), "expect": expect }));
    }
    out["edits"] = Value::Array(results);
    out["final"] = parse(&json::write_schedule(engine.project(), &engine.schedule()));
    out
}
