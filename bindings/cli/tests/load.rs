//! `jindu load`: per-period loading of one file or a portfolio of several.

use std::path::PathBuf;
use std::process::Command;

fn jindu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jindu"))
        .args(args)
        .output()
        .expect("runs")
}

fn file(name: &str, text: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&p, text).unwrap();
    p
}

/// P1: A Mon 5 – Wed 7 January 2026 (3d) and B Tue 6 – Wed 7 (SS + 1d, 2d), both Ana at 100%.
const P1: &str = r#"{"name": "P1", "start": "2026-01-05",
  "tasks": [{"id": "A", "duration": "3d"}, {"id": "B", "duration": "2d"}],
  "links": [{"from": "A", "to": "B", "type": "SS", "lag": "1d"}],
  "resources": [{"id": "ana", "name": "Ana"}],
  "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}]}"#;

/// P2: C on Wed 7 (1d), also Ana.
const P2: &str = r#"{"name": "P2", "start": "2026-01-07",
  "tasks": [{"id": "C", "duration": "1d"}],
  "resources": [{"id": "ana"}],
  "assignments": [{"task": "C", "resource": "ana"}]}"#;

#[test]
fn a_portfolio_by_day_as_json() {
    let (a, b) = (file("load_p1.json", P1), file("load_p2.json", P2));
    let out = jindu(&[
        "load",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--by",
        "day",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["period"], "day");
    let r = &v["resources"][0];
    assert_eq!(r["id"], "ana");
    // Monday A (480), Tuesday A + B (960), Wednesday A + B + C (1440).
    let work: Vec<i64> = r["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["work_minutes"].as_i64().unwrap())
        .collect();
    assert_eq!(work, [480, 960, 1440]);
    assert_eq!(r["periods"][2]["load_percent"], 300.0);
    let o = &r["overallocations"][0];
    assert_eq!(o["start"], "2026-01-06T08:00:00");
    assert_eq!(o["finish"], "2026-01-07T17:00:00");
    let tasks: Vec<&str> = o["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["task"].as_str().unwrap())
        .collect();
    assert_eq!(tasks, ["A", "B", "C"]);
    assert_eq!(o["tasks"][2]["project_name"], "P2");
}

#[test]
fn a_table_and_a_range() {
    let a = file("load_t1.json", P1);
    let out = jindu(&[
        "load",
        a.to_str().unwrap(),
        "--by",
        "day",
        "--format",
        "table",
        "--from",
        "2026-01-06",
        "--to",
        "2026-01-07",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    // Only Tuesday: A + B = 16 hours of 8, 200%, overallocated.
    assert!(
        text.contains("loading by day from 2026-01-06T00:00:00 to 2026-01-07T00:00:00"),
        "{text}"
    );
    let row = text.lines().find(|l| l.starts_with("ana ")).unwrap();
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["ana", "2026-01-06T00:00:00", "16.0", "8.0", "200*", "-"]
    );
    assert_eq!(
        text.lines().filter(|l| l.starts_with("ana ")).count(),
        2,
        "{text}"
    );
    assert!(text.contains("P1:A 100%, P1:B 100%"), "{text}");
}

#[test]
fn a_cost_column_when_a_resource_has_a_rate() {
    // Ana at 40 an hour with 25 a use on A (Mon 5 – Wed 7) and B (Tue 6 – Wed 7): Monday 8 h
    // × 40 + 25 = 345; Tuesday 16 h × 40 + 25 (B starts) = 665; Wednesday 640. The JSON
    // total is 345 + 665 + 640 = 1650 = 5 days × 8 h × 40 + 2 uses.
    let a = file(
        "load_c1.json",
        &P1.replace(
            r#"{"id": "ana", "name": "Ana"}"#,
            r#"{"id": "ana", "name": "Ana", "standard_rate": 40, "cost_per_use": 25}"#,
        ),
    );
    let out = jindu(&[
        "load",
        a.to_str().unwrap(),
        "--by",
        "day",
        "--format",
        "table",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let head = text.lines().nth(1).unwrap();
    assert!(head.trim_end().ends_with("cost"), "{text}");
    let cost: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("ana ") && !l.contains('–')) // not the overallocation
        .map(|l| l.split_whitespace().last().unwrap())
        .collect();
    assert_eq!(cost, ["345.00", "665.00", "640.00"], "{text}");
    let out = jindu(&["load", a.to_str().unwrap(), "--by", "day"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["resources"][0]["cost"], 1650);
    assert_eq!(v["resources"][0]["periods"][1]["cost"], 665);
    // Without rates the table has no cost column.
    let b = file("load_c2.json", P1);
    let out = jindu(&["load", b.to_str().unwrap(), "--format", "table"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("cost"), "{text}");
}

#[test]
fn bad_arguments_are_usage_errors() {
    let a = file("load_b1.json", P1);
    let out = jindu(&["load", a.to_str().unwrap(), "--by", "fortnight"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--by takes hour, day, week or month"));
    let out = jindu(&["load"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_pool_defined_differently_is_a_warning() {
    // P2b says Ana works at 300 %: P1's 100 % counts, and both load and level say so.
    let a = file("pool-p1.json", P1);
    let b = file(
        "pool-p2b.json",
        &P2.replace(r#"{"id": "ana"}"#, r#"{"id": "ana", "max_units": 300}"#),
    );
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    for cmd in ["load", "level"] {
        let out = jindu(&[cmd, a, b, "--format", "json"]);
        assert!(out.status.success(), "{cmd}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("resource `ana` is defined differently in")
                && err.contains("(max_units)")
                && err.contains(&format!("{a}'s definition is used")),
            "{cmd}: {err}"
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["conflicts"][0]["project"], 1, "{cmd}");
    }
    // The same id defined alike: no warning.
    let out = jindu(&["load", a, file("pool-p2.json", P2).to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
}
