//! `jindu import`: CSV and PSPLIB files to the JSON document, errors on standard error.

use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "../../../core/tests/common/mod.rs"]
mod common;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn jindu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jindu"))
        .args(args)
        .output()
        .expect("runs")
}

#[test]
fn imports_the_example_csv() {
    let dir = std::env::temp_dir().join(format!("jindu-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let json = dir.join("tasks.json");
    let out = jindu(&[
        "import",
        root().join("examples/tasks.csv").to_str().unwrap(),
        "-o",
        json.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = jindu::io::json::read(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(doc.project.name(), "tasks");
    assert_eq!(doc.project.len(), 9);
    assert_eq!(doc.project.links().len(), 11);
    assert_eq!(doc.project.resources().len(), 4);
    let s = jindu::schedule(&doc.project, &doc.options).unwrap();
    assert_eq!(s.project_finish.to_string(), "2026-02-05T17:00:00");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn errors_go_to_stderr_with_line_and_column() {
    let dir = std::env::temp_dir().join(format!("jindu-import-err-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "id,duration\n1,2d\n2,abc\n").unwrap();
    let out = jindu(&["import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error [import]: csv line 3, column 2 (duration): \"abc\""),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn imports_a_psplib_instance_to_stdout() {
    // Fails without shared/data/psplib, unless JINDU_SKIP_SHARED=1.
    let Some(dir) = common::need_shared("psplib", None) else {
        return;
    };
    let sm = common::shared_file(&dir, "j30/j301_1.sm");
    let out = jindu(&["import", sm.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = jindu::io::json::read(std::str::from_utf8(&out.stdout).unwrap()).unwrap();
    assert_eq!(doc.project.name(), "j301_1");
    let s = jindu::schedule(&doc.project, &doc.options).unwrap();
    // The critical path of j301_1 is 38 periods of one 24-hour day.
    assert_eq!(s.project_finish.minutes_since(s.project_start), 38 * 1440);
}

/// `jindu schedule` takes a CSV task list directly, with the same result as importing it first.
#[test]
fn schedules_a_csv_directly() {
    let out = jindu(&[
        "schedule",
        root().join("examples/tasks.csv").to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("\"project_finish\": \"2026-02-05T17:00:00\""),
        "{text}"
    );
    assert_eq!(text.matches("{\"id\": ").count(), 9);
    // A CSV error names the line and column, and the command fails.
    let dir = std::env::temp_dir().join(format!("jindu-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "id,duration\n1,2d\n2,two days\n").unwrap();
    let out = jindu(&["schedule", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3, column 2"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
