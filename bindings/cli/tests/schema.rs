//! `jindu schema NAME`: the JSON Schemas by name, the risk scores and their options among them.

use std::process::Command;

fn jindu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jindu"))
        .args(args)
        .output()
        .expect("runs")
}

fn schema(name: &str) -> serde_json::Value {
    let out = jindu(&["schema", name]);
    assert_eq!(out.status.code(), Some(0), "{name}");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

#[test]
fn the_scores_and_their_request() {
    let s = schema("scores");
    assert_eq!(s["$id"], "https://jindu.invalid/schema/scores.json");
    for field in ["score", "max", "mean", "tasks", "warnings"] {
        assert!(s["properties"].get(field).is_some(), "scores: no {field}");
    }
    let r = schema("scores-request");
    assert_eq!(r["$id"], "https://jindu.invalid/schema/scores-request.json");
    // The request is read with deny_unknown_fields: the schema says so.
    assert_eq!(r["additionalProperties"], false);
    assert!(r["properties"].get("iterations").is_some());
    // The default is still the document.
    assert_eq!(
        schema("document")["$id"],
        "https://jindu.invalid/schema/document.json"
    );
}

#[test]
fn the_requests_every_command_reads() {
    for (name, field) in [
        ("level-request", "schedules"),
        ("load-request", "by"),
        ("risk-request", "iterations"),
        ("health-request", "thresholds"),
        ("track-request", "status_date"),
        ("alerts-request", "late_hours"),
        ("gantt-request", "row_height"),
        ("evm-chart-request", "width"),
    ] {
        let r = schema(name);
        // Every request is read with deny_unknown_fields: the schema says so.
        assert_eq!(r["additionalProperties"], false, "{name}");
        assert!(r["properties"].get(field).is_some(), "{name}: no {field}");
    }
}

#[test]
fn an_unknown_name_lists_the_known_ones() {
    let out = jindu(&["schema", "healthy"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("scores-request"), "{err}");
}

#[test]
fn every_schema_has_its_name() {
    for (name, _) in jindu::io::json::schema::all() {
        assert_eq!(
            schema(name)["$id"],
            format!("https://jindu.invalid/schema/{name}.json"),
            "{name}"
        );
    }
}
