//! Every command holds its input to `jindu::Limits`; `JINDU_LIMITS` raises or lowers them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
}

fn jindu(limits: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jindu"));
    c.args(args);
    match limits {
        Some(l) => c.env("JINDU_LIMITS", l),
        None => c.env_remove("JINDU_LIMITS"),
    };
    c.output().expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_file_over_a_limit_is_refused_naming_the_limit() {
    let csv = example("tasks.csv");
    let csv = csv.to_str().unwrap();
    // examples/tasks.csv has 9 tasks.
    let out = jindu(Some(r#"{"max_tasks": 8}"#), &["schedule", csv]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("error [limit]: limit exceeded: tasks (9 > 8)"),
        "{}",
        stderr(&out)
    );
    let at = jindu(Some(r#"{"max_tasks": 9}"#), &["schedule", csv]);
    assert!(at.status.success(), "{}", stderr(&at));
    assert!(jindu(None, &["schedule", csv]).status.success());
}

#[test]
fn monte_carlo_and_levelling_budgets_are_limited() {
    let csv = example("tasks.csv");
    let csv = csv.to_str().unwrap();
    // 9 tasks × 200 iterations = 1,800 samples.
    let out = jindu(
        Some(r#"{"max_risk_samples": 1799}"#),
        &["risk", csv, "--iterations", "200"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("limit exceeded: Monte Carlo iterations × tasks (1800 > 1799)"),
        "{}",
        stderr(&out)
    );
    let out = jindu(
        Some(r#"{"max_level_schedules": 5}"#),
        &["level", csv, "--schedules", "6"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("limit exceeded: levelling schedules (6 > 5)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_malformed_jindu_limits_is_a_usage_error_naming_the_field() {
    let csv = example("tasks.csv");
    let out = jindu(
        Some(r#"{"max_taks": 1}"#),
        &["schedule", csv.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("JINDU_LIMITS"), "{}", stderr(&out));
    assert!(stderr(&out).contains("max_taks"), "{}", stderr(&out));
}
