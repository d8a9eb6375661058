//! The published JSON Schema (`jindu::io::json::schema`) describes what jindu really reads and
//! writes: every vector's document, edits, schedules and diffs, the examples, and what the
//! core writes for them validate; documents the reader refuses for an unknown field are refused
//! by the schema too.

use std::path::{Path, PathBuf};

use jindu::io::json::{self, schema};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn validator(v: Value) -> jsonschema::Validator {
    jsonschema::validator_for(&v).expect("the generated schema is a valid JSON Schema")
}

fn check(v: &jsonschema::Validator, value: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

fn vectors() -> Vec<(String, Value)> {
    let out = jindu_conformance::vectors();
    assert!(out.len() >= 15, "the vectors are missing");
    out
}

#[test]
fn vectors_validate_against_the_schema() {
    let doc = validator(schema::document());
    let edit = validator(schema::edit());
    let sched = validator(schema::schedule());
    let diff = validator(schema::diff());
    let (mut docs, mut schedules, mut diffs, mut edits) = (0, 0, 0, 0);
    for (name, v) in vectors() {
        let expect = &v["expect"];
        if let Some(s) = expect.get("schedule") {
            check(&doc, &v["document"], &format!("{name}: document"));
            check(&sched, s, &format!("{name}: schedule"));
            docs += 1;
            schedules += 1;
        } else if expect["error"]["code"] == "json" {
            // A document the reader refuses as JSON of the wrong shape (an unknown field, say)
            // is outside the schema too.
            assert!(
                !doc.is_valid(&v["document"]),
                "{name}: the schema accepts a document the reader refuses"
            );
        }
        for step in v["edits"].as_array().into_iter().flatten() {
            if step["expect"].get("diff").is_some() || step["expect"]["error"]["code"] != "json" {
                check(&edit, &step["edit"], &format!("{name}: edit"));
                edits += 1;
            }
            if let Some(d) = step["expect"].get("diff") {
                check(&diff, d, &format!("{name}: diff"));
                diffs += 1;
            }
        }
        if let Some(f) = v.get("final") {
            check(&sched, f, &format!("{name}: final"));
            schedules += 1;
        }
    }
    assert!(docs >= 12 && schedules >= 13 && edits >= 14 && diffs >= 11,
        "too little was checked: {docs} documents, {schedules} schedules, {edits} edits, {diffs} diffs");
}

#[test]
fn examples_and_their_schedules_validate() {
    let doc = validator(schema::document());
    let sched = validator(schema::schedule());
    let name = "examples/delivery.json";
    let text = std::fs::read_to_string(root().join(name)).expect("example");
    let v: Value = serde_json::from_str(&text).unwrap();
    check(&doc, &v, name);
    let d = json::read(&text).unwrap();
    let s = jindu::schedule(&d.project, &d.options).unwrap();
    let out: Value = serde_json::from_str(&json::write_schedule(&d.project, &s)).unwrap();
    check(&sched, &out, &format!("{name}: schedule"));
    // A written document validates too.
    let written: Value = serde_json::from_str(&json::write(&d)).unwrap();
    check(&doc, &written, &format!("{name}: written back"));
}

#[test]
fn the_schema_is_strict() {
    let sched = validator(schema::schedule());
    let doc = validator(schema::document());
    let ok: Value = serde_json::from_str(
        r#"{"name": "x", "start": "2026-01-05", "tasks": [{"id": 1, "duration": "2d"}]}"#,
    )
    .unwrap();
    assert!(doc.is_valid(&ok));
    let typo: Value = serde_json::from_str(
        r#"{"name": "x", "start": "2026-01-05", "tasks": [{"id": "A", "duraton": "2d"}]}"#,
    )
    .unwrap();
    assert!(!doc.is_valid(&typo), "an unknown task field is refused");
    let bad: Value = serde_json::from_str(r#"{"project": "x", "project_start": "soon"}"#).unwrap();
    assert!(
        !sched.is_valid(&bad),
        "a schedule needs its fields and ISO dates"
    );
}

#[test]
fn risk_scores_and_their_options_validate() {
    let scores = validator(schema::scores());
    let request = validator(schema::scores_request());
    // Every example, with and without the Monte Carlo (criticality), as the core writes it.
    let mut warned = 0;
    for name in [
        "examples/delivery.json",
        "examples/risk.json",
        "examples/tracking.json",
    ] {
        let text = std::fs::read_to_string(root().join(name)).expect("example");
        let d = json::read(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        for options in ["{}", r#"{"iterations": 200, "seed": 3, "warn_at": 0.3}"#] {
            check(&request, &serde_json::from_str(options).unwrap(), options);
            let o = jindu::risk::ScoreRequest::from_json(options)
                .and_then(|r| r.options())
                .unwrap();
            let s = jindu::risk::assess_scores(&d.project, &d.options, &o).unwrap();
            warned += s.warnings.len();
            let v: Value = serde_json::from_str(&s.to_json()).unwrap();
            check(&scores, &v, &format!("{name} {options}: scores"));
        }
    }
    assert!(warned > 0, "no warning was checked");
    // The request is as strict as its reader: an unknown field, a misspelt weight, a string
    // for a number are refused by both.
    for bad in [
        r#"{"weight": {"float": 1}}"#,
        r#"{"weights": {"flaot": 1}}"#,
        r#"{"iterations": "many"}"#,
    ] {
        assert!(
            !request.is_valid(&serde_json::from_str(bad).unwrap()),
            "the schema accepts {bad}"
        );
        assert!(jindu::risk::ScoreRequest::from_json(bad).is_err(), "{bad}");
    }
    // The report's fields are required and typed.
    let bad: Value = serde_json::from_str(r#"{"score": "high", "tasks": []}"#).unwrap();
    assert!(!scores.is_valid(&bad));
    assert_eq!(
        schema::all().map(|(n, _)| n),
        [
            "document",
            "edit",
            "schedule",
            "diff",
            "scores",
            "scores-request",
            "level",
            "load",
            "risk",
            "health",
            "evm",
            "alerts",
            "buffers",
            "variance",
            "report",
            "client-view",
            "whatif",
            "compare",
            "level-request",
            "load-request",
            "risk-request",
            "health-request",
            "track-request",
            "alerts-request",
            "gantt-request",
            "histogram-request",
            "scurve-request",
            "tornado-request",
            "evm-chart-request",
            "fever-request"
        ]
    );
}

/// The validator of the schema named `name` in [`schema::all`].
fn named(name: &str) -> jsonschema::Validator {
    let (_, v) = schema::all()
        .into_iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("no schema {name}"));
    validator(v)
}

#[test]
fn every_capability_entry_of_the_vectors_validates() {
    // Each entry kind of a vector: its options' schema, and each result in `expect` with the
    // schema of what the core writes for it.
    type Kind = (
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    );
    let kinds: [Kind; 4] = [
        ("level", "level-request", &[("levelled", "level")]),
        ("load", "load-request", &[("loading", "load")]),
        ("risk", "risk-request", &[("report", "risk")]),
        (
            "track",
            "track-request",
            &[
                ("evm", "evm"),
                ("alerts", "alerts"),
                ("buffers", "buffers"),
                ("variance", "variance"),
                ("report/en", "report"),
                ("report/zh-CN", "report"),
                ("whatif", "whatif"),
            ],
        ),
    ];
    let mut checked = std::collections::BTreeMap::<&str, usize>::new();
    for (kind, request, results) in kinds {
        let request = named(request);
        let results: Vec<(&str, jsonschema::Validator)> =
            results.iter().map(|&(at, s)| (at, named(s))).collect();
        for (name, v) in vectors() {
            for (k, entry) in v[kind].as_array().into_iter().flatten().enumerate() {
                let what = format!("{name}: {kind} {k}");
                let options = entry.get("options").cloned().unwrap_or(Value::Null);
                if !options.is_null() {
                    check(&request, &options, &format!("{what} options"));
                    *checked.entry("options").or_default() += 1;
                }
                for (at, schema) in &results {
                    let pointer = format!("/expect/{at}");
                    if let Some(result) = entry.pointer(&pointer) {
                        check(schema, result, &format!("{what} {at}"));
                        *checked.entry(kind).or_default() += 1;
                    }
                }
            }
        }
    }
    let count = |k: &str| checked.get(k).copied().unwrap_or(0);
    assert!(
        count("options") >= 12
            && count("level") >= 3
            && count("load") >= 2
            && count("risk") >= 2
            && count("track") >= 20,
        "too little was checked: {checked:?}"
    );
}

#[test]
fn requests_are_as_strict_as_their_readers() {
    // For each request: what its reader accepts, the schema accepts; a misspelt field or a
    // value of the wrong type is refused by both.
    type Reader = fn(&str) -> bool;
    let cases: [(&str, Reader, &[&str], &[&str]); 12] = [
        (
            "level-request",
            |t| jindu::level::LevelRequest::from_json(t).is_ok(),
            &[r#"{"schedules": 100, "seed": 3, "split": true}"#, "{}"],
            &[r#"{"schedule": 100}"#, r#"{"seed": "three"}"#],
        ),
        (
            "load-request",
            |t| jindu::level::LoadRequest::from_json(t).is_ok(),
            &[r#"{"by": "day", "from": "2026-03-02"}"#],
            &[r#"{"period": "day"}"#],
        ),
        (
            "risk-request",
            |t| jindu::risk::RiskRequest::from_json(t).is_ok(),
            &[r#"{"iterations": 200, "seed": 1, "tornado": 3}"#],
            &[r#"{"iteration": 200}"#, r#"{"iterations": "many"}"#],
        ),
        (
            "health-request",
            |t| jindu::risk::HealthRequest::from_json(t).is_ok(),
            &[
                r#"{"status_date": "2026-01-23T17:00", "baseline": 0}"#,
                "{}",
            ],
            &[r#"{"threshold": 1}"#, r#"{"baseline": "first"}"#],
        ),
        (
            "track-request",
            |t| serde_json::from_str::<jindu::track::TrackRequest>(t).is_ok(),
            &[
                r#"{"status_date": "2026-01-23T17:00", "lang": "zh-CN", "alerts": {"late_hours": 8}}"#,
            ],
            &[
                r#"{"statusdate": "2026-01-23"}"#,
                r#"{"alerts": {"late": 8}}"#,
                r#"{"client": "yes"}"#,
            ],
        ),
        (
            "alerts-request",
            |t| jindu::track::AlertRequest::from_json(t).is_ok(),
            &[r#"{"deadline_days": 5, "disabled": ["spi_low"]}"#],
            &[r#"{"deadline": 5}"#, r#"{"disabled": "spi_low"}"#],
        ),
        (
            "gantt-request",
            |t| jindu::render::GanttRequest::from_json(t).is_ok(),
            &[r#"{"width": 800, "row_height": 20, "from": "2026-01-05"}"#],
            &[r#"{"colour": "red"}"#, r#"{"width": "wide"}"#],
        ),
        (
            "histogram-request",
            |t| jindu::render::HistogramRequest::from_json(t).is_ok(),
            &["{}"],
            &[r#"{"colour": "red"}"#],
        ),
        (
            "scurve-request",
            |t| jindu::render::ScurveRequest::from_json(t).is_ok(),
            &["{}"],
            &[r#"{"colour": "red"}"#],
        ),
        (
            "tornado-request",
            |t| jindu::render::TornadoRequest::from_json(t).is_ok(),
            &["{}"],
            &[r#"{"colour": "red"}"#],
        ),
        (
            "evm-chart-request",
            |t| jindu::render::EvmRequest::from_json(t).is_ok(),
            &["{}"],
            &[r#"{"colour": "red"}"#],
        ),
        (
            "fever-request",
            |t| jindu::render::FeverRequest::from_json(t).is_ok(),
            &["{}"],
            &[r#"{"colour": "red"}"#],
        ),
    ];
    for (name, reads, good, bad) in cases {
        let v = named(name);
        for text in good {
            assert!(reads(text), "{name}: the reader refuses {text}");
            check(
                &v,
                &serde_json::from_str(text).unwrap(),
                &format!("{name}: {text}"),
            );
        }
        for text in bad {
            assert!(!reads(text), "{name}: the reader accepts {text}");
            assert!(
                !v.is_valid(&serde_json::from_str(text).unwrap()),
                "{name}: the schema accepts {text}"
            );
        }
    }
}

#[test]
fn the_health_of_every_example_validates() {
    let health = named("health");
    let mut checks = 0;
    for name in [
        "examples/delivery.json",
        "examples/risk.json",
        "examples/tracking.json",
    ] {
        let text = std::fs::read_to_string(root().join(name)).expect("example");
        let d = json::read(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let o = jindu::risk::HealthRequest::from_json("{}")
            .and_then(|r| r.options(d.options))
            .unwrap();
        let h = jindu::risk::assess(&d.project, &o).unwrap();
        let v: Value = serde_json::from_str(&h.to_json()).unwrap();
        checks += v["checks"].as_array().map_or(0, Vec::len);
        check(&health, &v, &format!("{name}: health"));
    }
    assert!(checks >= 3 * 14, "{checks} checks");
}
