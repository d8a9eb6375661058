//! The binding's plain-Rust layer against the conformance vectors, and the TypeScript-facing
//! input types against every document and edit in them (run by `cargo test`, no JavaScript
//! needed). The output types are the core's writers themselves (`jindu::io::json::out`), so
//! they cannot differ from what the binding returns.

use jindu::io::json::{EditInput, ProjectDocument};
use jindu_conformance::{canonical, error_json};
use jindu_wasm::{schedule_text, Session};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn vectors() -> Vec<(String, Value)> {
    let out = jindu_conformance::vectors();
    assert!(out.len() >= 10, "expected the conformance vectors");
    out
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("jindu writes JSON")
}

/// `value` reads into `T` and writes back unchanged: `T` (and so its TypeScript declaration)
/// names every field of that JSON shape, with the right optionality.
fn round_trips<T: Serialize + DeserializeOwned>(what: &str, value: &Value) {
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{what} does not fit its type: {e}\n{value}"));
    let back = serde_json::to_value(&typed).expect("serialises");
    assert_eq!(
        canonical(&back),
        canonical(value),
        "{what} changed in a round trip"
    );
}

/// `value` reads into `T`, the core's input type (which reads integer keys as their text, so a
/// document does not write back byte for byte), and into the core's reader.
fn reads_as<T: DeserializeOwned>(what: &str, value: &Value) -> T {
    serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{what} does not fit its type: {e}\n{value}"))
}

#[test]
fn vectors_pass_through_the_binding_layer() {
    for (name, v) in vectors() {
        let doc = canonical(&v["document"]);
        match (schedule_text(&doc), v["expect"].get("schedule")) {
            (Ok(text), Some(want)) => {
                assert_eq!(canonical(&parse(&text)), canonical(want), "{name}")
            }
            (Err(e), None) => assert_eq!(
                canonical(&error_json(&e)),
                canonical(&v["expect"]["error"]),
                "{name}"
            ),
            (r, _) => panic!("{name}: unexpected result {r:?}"),
        }
        let Some(edits) = v.get("edits").and_then(Value::as_array) else {
            continue;
        };
        let mut s = Session::open_json(&doc).expect("the document schedules");
        for (k, step) in edits.iter().enumerate() {
            let edit = canonical(&step["edit"]);
            let before = s.schedule_json();
            let previewed = s.preview_json(&edit);
            assert_eq!(
                s.schedule_json(),
                before,
                "{name} edit {k}: preview committed"
            );
            let got = match s.apply_json(&edit) {
                Ok(text) => {
                    assert_eq!(
                        previewed.as_deref().ok(),
                        Some(text.as_str()),
                        "{name} edit {k}"
                    );
                    serde_json::json!({ "diff": parse(&text) })
                }
                Err(e) => {
                    assert!(previewed.is_err(), "{name} edit {k}");
                    assert_eq!(
                        s.schedule_json(),
                        before,
                        "{name} edit {k}: failed edit committed"
                    );
                    serde_json::json!({ "error": error_json(&e) })
                }
            };
            assert_eq!(
                canonical(&got),
                canonical(&step["expect"]),
                "{name} edit {k}"
            );
        }
        assert_eq!(
            canonical(&parse(&s.schedule_json())),
            canonical(&v["final"]),
            "{name}"
        );
    }
}

#[test]
fn input_types_read_every_document_and_edit_in_the_vectors() {
    let mut seen = [0usize; 3];
    for (name, v) in vectors() {
        // Documents that are wrong on purpose (unknown fields) are not of the type.
        if v["expect"]["error"]["code"] != "json" {
            let doc: ProjectDocument = reads_as(&name, &v["document"]);
            assert_eq!(Some(doc.name.as_str()), v["document"]["name"].as_str());
            seen[0] += 1;
        }
        for step in v
            .get("edits")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let edit: EditInput = reads_as(&name, &step["edit"]);
            assert_eq!(
                serde_json::to_value(&edit).unwrap()["op"],
                step["edit"]["op"],
                "{name}"
            );
            seen[1] += 1;
        }
        // What the binding returns from `project()`: the core's document writer.
        if let Ok(s) = Session::open_json(&canonical(&v["document"])) {
            let text = s.document_json();
            round_trips::<ProjectDocument>(&name, &parse(&text));
            seen[2] += 1;
        }
    }
    assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
}

#[test]
fn task_and_why_agree_with_the_schedule() {
    let mut checked = 0;
    for (name, v) in vectors() {
        let Ok(mut s) = Session::open_json(&canonical(&v["document"])) else {
            continue;
        };
        let full = parse(&s.schedule_json());
        for t in full["tasks"].as_array().unwrap() {
            let id = t["id"].as_str().unwrap();
            let one = parse(&s.task_json(id).expect("task exists"));
            assert_eq!(&one, t, "{name} {id}");
            let why = jindu_wasm::why(&s, id).expect("task exists");
            let froms: Vec<&str> = why.iter().map(|l| l.from.as_ref()).collect();
            let want: Vec<&str> = t["driving_predecessors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap())
                .collect();
            assert_eq!(froms, want, "{name} {id}");
            checked += 1;
        }
        assert!(s.task_json("no such task").is_none());
        assert!(jindu_wasm::why(&s, "no such task").is_none());
    }
    assert!(checked > 20);
}

#[test]
fn task_follows_edits_and_removals() {
    let doc = r#"{"name":"d","start":"2026-01-05","tasks":[{"id":"A","duration":"2d"},{"id":"B","duration":"3d"},{"id":"C","duration":"1d"}],
        "links":[{"from":"A","to":"B","lag":"1d"},{"from":"B","to":"C"}]}"#;
    let mut s = Session::open_json(doc).unwrap();
    assert_eq!(
        serde_json::to_value(jindu_wasm::why(&s, "B").unwrap()).unwrap(),
        serde_json::json!([{"from": "A", "type": "FS", "lag": "1d"}])
    );
    // A: Jan 5-6, lag 1d (Jan 7), B: Jan 8, 9, 12; C on Jan 13.
    let c = parse(&s.task_json("C").unwrap());
    assert_eq!(c["start"], "2026-01-13T08:00:00");
    s.apply_json(r#"{"op":"remove_task","task":"A"}"#).unwrap();
    let c = parse(&s.task_json("C").unwrap());
    assert_eq!(c["start"], "2026-01-08T08:00:00");
    assert_eq!(c["driver"]["from"], "B");
    assert!(s.task_json("A").is_none());
    // Field edits update the kept project in place; it stays the engine's, with summaries too.
    for edit in [
        r#"{"op":"add_task","task":{"id":"S","name":"Summary"}}"#,
        r#"{"op":"add_task","task":{"id":"K","duration":"2d","parent":"S"}}"#,
        r#"{"op":"set_duration","task":"K","duration":"4d"}"#,
        r#"{"op":"set_constraint","task":"K","constraint":{"type":"SNET","date":"2026-01-20"}}"#,
        r#"{"op":"set_deadline","task":"K","deadline":"2026-01-21"}"#,
        r#"{"op":"pin","task":"B","start":"2026-01-07"}"#,
        r#"{"op":"unpin","task":"B"}"#,
        r#"{"op":"set_deadline","task":"K"}"#,
    ] {
        let previewed = s.preview_json(edit).unwrap();
        assert_eq!(s.apply_json(edit).unwrap(), previewed, "{edit}");
    }
    let k = parse(&s.task_json("K").unwrap());
    assert_eq!(k["start"], "2026-01-20T08:00:00");
    assert_eq!(k["duration"], "4d");
    // A failed edit leaves everything as it was.
    let before = s.schedule_json();
    assert!(s
        .apply_json(r#"{"op":"add_link","from":"C","to":"B"}"#)
        .is_err());
    assert_eq!(s.schedule_json(), before);
}
