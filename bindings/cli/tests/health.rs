//! `jindu health`: the DCMA 14-point assessment of `examples/tracking.json` as JSON and as a
//! table; failing checks do not change the exit code.

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

fn health(extra: &[&str]) -> serde_json::Value {
    let f = example();
    let mut a = vec!["health", f.to_str().unwrap()];
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

fn check<'a>(v: &'a serde_json::Value, code: &str) -> &'a serde_json::Value {
    v["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .unwrap_or_else(|| panic!("no {code}"))
}

#[test]
fn the_tracking_example_as_json() {
    let v = health(&[]);
    assert_eq!(v["status_date"], "2026-01-23T17:00:00");
    assert_eq!(v["checks"].as_array().unwrap().len(), 14);
    // Incomplete: B, I, C, M (A is finished). I and M have no successor: two open ends, so
    // neither is excused as the finish milestone: 2 / 4 = 50 %.
    let logic = check(&v, "missing_logic");
    assert_eq!(logic["status"], "fail");
    assert_eq!(logic["metric"], 50.0);
    assert_eq!(logic["tasks"], serde_json::json!(["I", "M"]));
    // Links into incomplete tasks: A→B SS+1w, B→C SS+2w, B→I, C→M. Lags 2 / 4 = 50 %;
    // FS 2 / 4 = 50 %.
    let lags = check(&v, "lags");
    assert_eq!(
        (lags["population"].as_u64(), lags["count"].as_u64()),
        (Some(4), Some(2))
    );
    assert_eq!(lags["links"][0]["from"], "A");
    assert_eq!(lags["links"][0]["lag"], "5d"); // 1w, written in days
    assert_eq!(check(&v, "relationship_types")["metric"], 50.0);
    // B is the first open critical task, but C follows B's start (SS): 600 more days of
    // Build do not move Go-live.
    let cp = check(&v, "critical_path_test");
    assert_eq!(cp["status"], "fail");
    assert_eq!(cp["tasks"], serde_json::json!(["B"]));
    assert_eq!(cp["metric"], 0.0);
    // From the status date (Fri 23rd 17:00) to the finish (Fri 6 Feb 17:00): 10 working
    // days with no float lost: CPLI = 1.
    assert_eq!(check(&v, "cpli")["metric"], 1.0);
    // No baseline, no resources.
    for code in ["missed_tasks", "bei", "resources"] {
        assert_eq!(check(&v, code)["status"], "not_applicable", "{code}");
    }
    assert_eq!(check(&v, "invalid_dates")["status"], "pass");
    assert_eq!(
        (
            v["passed"].as_u64(),
            v["failed"].as_u64(),
            v["not_applicable"].as_u64()
        ),
        (Some(7), Some(4), Some(3))
    );
}

#[test]
fn a_later_status_date_finds_invalid_dates() {
    // On Wed 28th 17:00, Test (C) has not started but is scheduled from Mon 26th: 1 of 5.
    let v = health(&["--status-date", "2026-01-28T17:00"]);
    let c = check(&v, "invalid_dates");
    assert_eq!(c["status"], "fail");
    assert_eq!(c["tasks"], serde_json::json!(["C"]));
    assert_eq!(c["metric"], 20.0);
}

#[test]
fn the_table_has_a_row_per_check() {
    let f = example();
    let out = jindu(&["health", f.to_str().unwrap(), "--format", "table"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = text.lines().skip(1).take(14).collect();
    assert!(rows[0].trim_start().starts_with("1  Logic"), "{text}");
    assert!(
        rows[0].contains("50.0%") && rows[0].contains("fail"),
        "{text}"
    );
    assert!(
        rows[13]
            .trim_start()
            .starts_with("14  Baseline execution index"),
        "{text}"
    );
    // Below the fourteen, the additional check. Links: A → B SS, B → C SS, B → I FS,
    // C → M FS: every start with a link in is driven (SS or FS), and B's finish drives I, so
    // none of the 4 incomplete tasks (B, I, C, M) dangles.
    let extra: Vec<&str> = text.lines().skip(15).take(2).collect();
    assert_eq!(extra[0].trim(), "additional (not in the totals)", "{text}");
    assert!(
        extra[1].trim_start().starts_with("15  Dangling logic") && extra[1].contains("pass"),
        "{text}"
    );
    assert!(
        text.contains("7 passed, 4 failed, 3 not applicable (of DCMA's fourteen)"),
        "{text}"
    );
}

#[test]
fn dangling_logic_and_missing_baseline_finishes_in_json() {
    let v = health(&[]);
    assert_eq!(v["checks"].as_array().unwrap().len(), 14);
    let d = &v["additional"][0];
    assert_eq!(d["code"], "dangling_logic");
    assert_eq!(
        (d["number"].as_u64(), d["population"].as_u64()),
        (Some(15), Some(4))
    );
    assert_eq!(d["metric"], 0.0);
    // Check 1's offenders by kind: I and M lack a successor.
    assert_eq!(
        check(&v, "missing_logic")["gaps"],
        serde_json::json!([{"task": "I", "kind": "no_successor"},
                           {"task": "M", "kind": "no_successor"}])
    );
    // No baseline: nothing to list.
    assert!(check(&v, "bei").get("no_baseline_finish").is_none());
    assert_eq!(check(&v, "bei")["detail"], "no baseline");
}

#[test]
fn bad_arguments() {
    let f = example();
    let out = jindu(&["health", f.to_str().unwrap(), "--status-date", "soon"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--status-date"));
    let out = jindu(&["health", f.to_str().unwrap(), "--baseline", "4"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("baseline 4"));
    let out = jindu(&["health"]);
    assert_eq!(out.status.code(), Some(2));
}
