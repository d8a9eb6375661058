//! `jindu scores`: the risk scores of `examples/tracking.json` as JSON and as a table.

use std::path::{Path, PathBuf};
use std::process::Command;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/tracking.json")
}

fn jindu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jindu"))
        .args(args)
        .output()
        .expect("runs")
}

fn scores(extra: &[&str]) -> serde_json::Value {
    let f = example();
    let mut a = vec!["scores", f.to_str().unwrap()];
    a.extend_from_slice(extra);
    let out = jindu(&a);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn task<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn the_tracking_example_as_json() {
    let v = scores(&[]);
    // M: no float (3 × 1) and it finishes on its deadline (2 × 1) over the weights with data
    // (float 3, merge 1, hard constraint 1, deadline 2, late 2): 500 / 9.
    let m = task(&v, "M");
    assert_eq!(m["score"], 55.6);
    assert_eq!(v["score"], 55.6);
    assert_eq!(v["max"], 55.6);
    let missing: Vec<&str> = m["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap())
        .collect();
    assert!(missing.contains(&"criticality"), "{missing:?}");
    assert_eq!(v["warnings"][0]["code"], "low_float");
    assert_eq!(v["warnings"][0]["task"], "M");
    assert_eq!(v["warnings"][1]["code"], "deadline_near");
    assert_eq!(v["status_date"], "2026-01-23T17:00:00");
}

#[test]
fn iterations_add_criticality() {
    let v = scores(&["--iterations", "100", "--seed", "4"]);
    let b = task(&v, "B");
    let crit = b["factors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "criticality")
        .expect("a criticality factor");
    assert_eq!(crit["value"], 1.0);
    assert_eq!(v, scores(&["--iterations", "100", "--seed", "4"]));
}

#[test]
fn the_table_ranks_tasks_and_lists_warnings() {
    let f = example();
    let out = jindu(&["scores", f.to_str().unwrap(), "--format", "table"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    let first = text.lines().nth(1).unwrap_or("");
    assert!(first.contains(" 55.6  M "), "{text}");
    assert!(
        text.contains("high   low_float        M: 0 working days of total float"),
        "{text}"
    );
}

#[test]
fn the_warnings_are_capped() {
    // Five warnings by default (low float on M, B, C and I, M's deadline): two kept.
    let all = scores(&[]);
    assert_eq!(all["warnings"].as_array().unwrap().len(), 5);
    assert_eq!(all["warnings_dropped"], 0);
    let v = scores(&["--max-warnings", "2"]);
    assert_eq!(
        v["warnings"],
        serde_json::json!(all["warnings"].as_array().unwrap()[..2])
    );
    assert_eq!(v["warnings_dropped"], 3);
    let f = example();
    let out = jindu(&[
        "scores",
        f.to_str().unwrap(),
        "--max-warnings",
        "2",
        "--format",
        "table",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("… and 3 more (--max-warnings 2)"), "{text}");
}

#[test]
fn a_default_range_gives_the_unestimated_tasks_a_spread() {
    // Test (C, 2w = 10d) has no estimate: no spread without a default; with -10,25 it is
    // 9d / 10d / 12.5d, (12.5 − 9) / 10.5 = 0.33.
    let spread = |v: &serde_json::Value| {
        task(v, "C")["factors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["code"] == "spread")
            .map(|f| f["value"].clone())
    };
    assert_eq!(spread(&scores(&[])), None);
    let v = scores(&["--default-range", "-10,25"]);
    assert_eq!(spread(&v), Some(serde_json::json!(0.33)));
    // The milestone has nothing to spread.
    assert!(task(&v, "M")["missing"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("spread")));
}

#[test]
fn bad_arguments() {
    let f = example();
    let out = jindu(&["scores", f.to_str().unwrap(), "--iterations", "many"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--iterations"));
    let out = jindu(&["scores", f.to_str().unwrap(), "--baseline", "4"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("baseline 4"));
    let out = jindu(&["scores"]);
    assert_eq!(out.status.code(), Some(2));
    for (flag, v) in [("--max-warnings", "-1"), ("--default-range", "10")] {
        let out = jindu(&["scores", f.to_str().unwrap(), flag, v]);
        assert_eq!(out.status.code(), Some(2), "{flag} {v}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(flag),
            "{flag}"
        );
    }
}
