//! `jindu risk`: the Monte Carlo report on standard output, the same bytes for a seed.

use std::path::{Path, PathBuf};
use std::process::Command;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/risk.json")
}

fn jindu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jindu"))
        .args(args)
        .output()
        .expect("runs")
}

fn risk(extra: &[&str]) -> std::process::Output {
    let f = example();
    let mut a = vec![
        "risk",
        f.to_str().unwrap(),
        "--iterations",
        "1000",
        "--seed",
        "5",
    ];
    a.extend_from_slice(extra);
    jindu(&a)
}

#[test]
fn prints_the_report_with_the_documented_fields() {
    let out = risk(&["--target", "2026-02-13T17:00"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["iterations"], 1000);
    assert_eq!(v["seed"], 5);
    let f = &v["finish"];
    for k in ["p10", "p50", "p80", "p90"] {
        assert!(
            f[k].as_str().unwrap().starts_with("2026-0"),
            "{k}: {}",
            f[k]
        );
    }
    // The plan as written takes 20 working days (design 5, build 10, test 5); every
    // estimate's mode is its duration and every range skews late, so the mean is later.
    let mean = f["mean_working_days"].as_f64().unwrap();
    assert!(mean > 20.0 && mean < 30.0, "mean {mean}");
    assert!(f["std_working_days"].as_f64().unwrap() > 0.0);
    let p = v["probability_on_time"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p));
    let tasks = v["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 5);
    let design = tasks.iter().find(|t| t["id"] == "design").unwrap();
    // Design precedes everything: critical in every iteration.
    assert_eq!(design["criticality_index"], 1.0);
    assert!(design["sensitivity"].as_f64().unwrap() > 0.0);
}

#[test]
fn same_seed_same_bytes_for_any_thread_count() {
    let a = risk(&["--threads", "1"]);
    let b = risk(&["--threads", "2"]);
    assert!(a.status.success() && b.status.success());
    assert_eq!(a.stdout, b.stdout);
    let t = risk(&["--format", "table"]);
    let text = String::from_utf8(t.stdout).unwrap();
    assert!(text.contains("P50") && text.contains("tornado"), "{text}");
}

#[test]
fn bad_arguments_are_usage_errors() {
    let out = risk(&["--iterations", "many"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--iterations"));
    let out = risk(&["--iterations", "0"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("iterations"));
}
