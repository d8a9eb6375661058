//! The plain-Rust layer of `jindu/plan` (run by `cargo test`, no JavaScript needed): values
//! worked out by hand, and errors that name what is wrong.

use jindu_wasm_plan::{
    chart_text, health_text, level_text, load_text, parse_options, scores_text, track_text,
    whatif_text, LevelRequest, TrackRequest, Tracked,
};
use serde_json::Value;

/// A and B, two days each on Ana from Monday 2026-01-05: 200% on Monday and Tuesday.
const OVER: &str = r#"{"name": "Over", "start": "2026-01-05",
  "tasks": [{"id": "A", "name": "Design", "duration": "2d"}, {"id": "B", "name": "Build", "duration": "2d"}],
  "resources": [{"id": "ana"}],
  "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}]}"#;

/// A (5d, 5,000) then B (5d, 10,000), status Wednesday 17:00, A 40% done for 2,500.
const TRACKED: &str = r#"{"name": "Two", "start": "2026-01-05", "status_date": "2026-01-07T17:00",
  "tasks": [{"id": "A", "name": "Design", "duration": "5d", "cost": 5000,
             "percent_complete": 40, "actual_start": "2026-01-05", "actual_cost": 2500},
            {"id": "B", "name": "Build", "duration": "5d", "cost": 10000}],
  "links": [{"from": "A", "to": "B"}]}"#;

fn value(text: &str) -> Value {
    serde_json::from_str(text).expect("the core writes JSON")
}

#[test]
fn levelling_delays_b_until_a_is_done() {
    let v = value(&level_text(&[OVER.into()], &LevelRequest::default()).unwrap());
    let delay = &v["projects"][0]["delays"][0];
    assert_eq!(delay["task"], "B");
    assert_eq!(delay["to"], "2026-01-07T08:00:00");
    assert_eq!(delay["delay_minutes"], 960);
    assert_eq!(delay["reason"]["by"][0]["task"], "A");
    let within: LevelRequest = parse_options(r#"{"within_float": true}"#, "level options").unwrap();
    let v = value(&level_text(&[OVER.into()], &within).unwrap());
    assert_eq!(v["unresolved"][0]["resource"], "ana");
    let e = parse_options::<LevelRequest>(r#"{"sedd": 1}"#, "level options").unwrap_err();
    assert_eq!(e.code().as_str(), "json");
    assert!(e.to_string().contains("sedd"), "{e}");
}

#[test]
fn loading_per_day() {
    let request = jindu::level::LoadRequest::from_json(r#"{"by": "day"}"#).unwrap();
    let v = value(&load_text(&[OVER.into()], &request).unwrap());
    let period = &v["resources"][0]["periods"][0];
    assert_eq!(period["work_minutes"], 960);
    assert_eq!(period["capacity_minutes"], 480);
    assert_eq!(period["load_percent"], 200.0);
}

#[test]
fn health_names_the_tasks_without_logic() {
    let v = value(&health_text(OVER, "").unwrap());
    let logic = v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "missing_logic")
        .unwrap();
    assert_eq!(logic["status"], "fail");
    assert_eq!(logic["tasks"], serde_json::json!(["A", "B"]));
    let e = health_text(OVER, r#"{"baseline": 2}"#).unwrap_err();
    assert_eq!(e.field(), Some("baseline"));
}

#[test]
fn scores_by_hand() {
    // A (5d) and B (2d) into M. A and M are critical: float 1 × 3; M also merges two open
    // paths, (2 − 1) / (2 + 1) = ⅓ × 1; no constraint, no deadline (0 × 1, 0 × 2): the weights
    // in play are 3 + 1 + 1 + 2 = 7. A: 100 × 3 / 7 = 42.9; M: 100 × (3 + ⅓) / 7 = 47.6;
    // B has 3 days of float: 1 − 3 / 10 = 0.7 × 3: 100 × 2.1 / 7 = 30.
    let doc = r#"{"name": "Demo", "start": "2026-01-05",
      "tasks": [{"id": "A", "duration": "5d"}, {"id": "B", "duration": "2d"},
                {"id": "M", "milestone": true}],
      "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}]}"#;
    let v = value(&scores_text(doc, "").unwrap());
    let score = |k: usize| v["tasks"][k]["score"].as_f64();
    assert_eq!(
        (score(0), score(1), score(2)),
        (Some(42.9), Some(30.0), Some(47.6))
    );
    // Top decile of 3 tasks: the one highest, M.
    assert_eq!(v["score"], 47.6);
    let e = scores_text(doc, r#"{"warn_at": 2}"#).unwrap_err();
    assert_eq!(e.field(), Some("warn_at"));
    let e = scores_text(doc, r#"{"weight": {}}"#).unwrap_err();
    assert_eq!(e.code().as_str(), "json");
}

#[test]
fn tracking_by_hand() {
    // PV 3/5 × 5,000; EV 40% × 5,000; AC 2,500.
    let v = value(&track_text(TRACKED, Tracked::Evm, &TrackRequest::default()).unwrap());
    assert_eq!(
        (v["pv"].as_f64(), v["ev"].as_f64()),
        (Some(3000.0), Some(2000.0))
    );
    let zh: TrackRequest = parse_options(
        r#"{"format": "markdown", "lang": "zh-CN"}"#,
        "track options",
    )
    .unwrap();
    let md = track_text(TRACKED, Tracked::Report, &zh).unwrap();
    assert!(md.starts_with("# Two项目周报"), "{md}");
    let w = value(
        &whatif_text(
            TRACKED,
            r#"{"changes": [{"op": "set_duration", "task": "B", "duration": "7d"}]}"#,
            &TrackRequest::default(),
        )
        .unwrap(),
    );
    assert_eq!(w["finish_delta_minutes"], 960);
    let bad: TrackRequest = parse_options(r#"{"eac": "guess"}"#, "track options").unwrap();
    let e = track_text(TRACKED, Tracked::Evm, &bad).unwrap_err();
    assert_eq!(e.code().as_str(), "parse");
}

#[test]
fn charts_by_name() {
    let svg = chart_text(TRACKED, "gantt", r#"{"width": 800}"#).unwrap();
    assert!(svg.starts_with("<svg") && svg.contains("width=\"800\""));
    assert!(svg.contains("Design") && svg.contains("Build"));
    assert_eq!(
        chart_text(TRACKED, "gantt", "").unwrap(),
        chart_text(TRACKED, "gantt", "{}").unwrap()
    );
    let e = chart_text(TRACKED, "pie", "").unwrap_err();
    assert!(e.to_string().contains("expected gantt"), "{e}");
    let e = chart_text(TRACKED, "gantt", r#"{"widht": 1}"#).unwrap_err();
    assert!(e.to_string().contains("widht"), "{e}");
}
