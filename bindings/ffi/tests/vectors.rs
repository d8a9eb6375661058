//! Every conformance vector through the binding's Rust layer ([`jindu_ffi::schedule_text`],
//! [`jindu_ffi::Scheduler`]), compared like the reference runner: the Python and Kotlin suites
//! then only add their own conversions on top.

use std::path::Path;

use jindu_conformance::canonical;
use jindu_ffi::{schedule_json, JinduError, Scheduler};
use serde_json::{json, Value};

fn error_json(e: &JinduError) -> Value {
    json!({"code": e.code(), "task": e.task_id(), "field": e.field(), "message": e.detail()})
}

fn outcome(r: Result<String, JinduError>, key: &str) -> Value {
    match r {
        Ok(text) => json!({ key: serde_json::from_str::<Value>(&text).expect("JSON") }),
        Err(e) => json!({ "error": error_json(&e) }),
    }
}

/// The `load` and `level` entries through `load` and `level_json`, the documents as canonical
/// text (the vector's own, then the entry's `portfolio`).
fn resource_entries(v: &Value, name: &str) {
    for (k, e) in v["load"].as_array().into_iter().flatten().enumerate() {
        let docs = jindu_conformance::documents_of(v, e);
        let o = &e["options"];
        let s = |f: &str| o.get(f).and_then(Value::as_str).map(str::to_owned);
        let options = jindu_ffi::load::LoadOptions {
            by: s("by"),
            from_date: s("from"),
            to_date: s("to"),
        };
        let texts = docs.iter().map(canonical).collect();
        let got = outcome(jindu_ffi::load::load(texts, Some(options)), "loading");
        assert_eq!(canonical(&got), canonical(&e["expect"]), "{name} load {k}");
    }
    for (k, e) in v["level"].as_array().into_iter().flatten().enumerate() {
        let docs = Value::Array(jindu_conformance::documents_of(v, e));
        let got = outcome(
            jindu_ffi::level::level_json(canonical(&docs), canonical(&e["options"])),
            "levelled",
        );
        assert_eq!(canonical(&got), canonical(&e["expect"]), "{name} level {k}");
    }
}

#[test]
fn every_vector_through_the_binding() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("vectors") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let name = path.display().to_string();
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let text = canonical(&v["document"]);
        let got = outcome(schedule_json(text.clone()), "schedule");
        assert_eq!(canonical(&got), canonical(&v["expect"]), "{name}");
        resource_entries(&v, &name);
        let Some(edits) = v["edits"].as_array() else {
            checked += 1;
            continue;
        };
        let s = Scheduler::new(text).expect("the document schedules");
        for (k, step) in edits.iter().enumerate() {
            let edit = canonical(&step["edit"]);
            let before = s.schedule().unwrap();
            let previewed = outcome(s.preview(edit.clone()), "diff");
            assert_eq!(
                s.schedule().unwrap(),
                before,
                "{name} edit {k}: preview committed"
            );
            let got = outcome(s.apply(edit), "diff");
            assert_eq!(previewed, got, "{name} edit {k}: preview != apply");
            assert_eq!(
                canonical(&got),
                canonical(&step["expect"]),
                "{name} edit {k}"
            );
        }
        let fin: Value = serde_json::from_str(&s.schedule().unwrap()).unwrap();
        assert_eq!(canonical(&fin), canonical(&v["final"]), "{name} final");
        checked += 1;
    }
    assert!(
        checked >= 10,
        "expected at least 10 vectors, found {checked}"
    );
}
