//! `jindu import`, `convert` and `schedule` on every format: CSV, PSPLIB and MSPDI files to
//! the JSON document, formats told by content or name, errors on standard error.

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

/// Runs `jindu` with `input` on standard input.
fn jindu_stdin(args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write as _;
    let mut child = Command::new(env!("CARGO_BIN_EXE_jindu"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("writes");
    child.wait_with_output().expect("finishes")
}

/// Every command reads every format through one entry point: the format is told from the
/// content (standard input has no name), else from the file's extension.
#[test]
fn formats_are_told_by_content_then_by_name() {
    let csv = std::fs::read(root().join("examples/tasks.csv")).unwrap();
    let out = jindu_stdin(&["convert", "-", "-"], &csv);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = jindu::io::json::read(std::str::from_utf8(&out.stdout).unwrap()).unwrap();
    assert_eq!(
        (doc.project.name(), doc.project.len()),
        ("Imported tasks", 9)
    );

    // JSON to MSPDI (by the output's name) and back through standard input.
    let dir = std::env::temp_dir().join(format!("jindu-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xml = dir.join("plan.xml");
    let delivery = root().join("examples/delivery.json");
    let out = jindu(&["convert", delivery.to_str().unwrap(), xml.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = jindu_stdin(&["schedule", "-"], &std::fs::read(&xml).unwrap());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let direct = jindu(&["schedule", delivery.to_str().unwrap()]);
    let finish = |o: &[u8]| {
        let text = String::from_utf8_lossy(o).into_owned();
        let at = text.find("\"project_finish\"").expect("project_finish");
        text[at..at + 40].to_owned()
    };
    assert_eq!(finish(&out.stdout), finish(&direct.stdout));

    // jindu writes JSON and MSPDI only.
    let out = jindu(&["convert", delivery.to_str().unwrap(), "plan.csv"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("jindu: error [unsupported_format]: jindu does not write csv files"),
        "{err}"
    );

    // Content nothing recognises and a name that does not tell.
    let notes = dir.join("notes.txt");
    std::fs::write(&notes, "just some notes\n").unwrap();
    let out = jindu(&["schedule", notes.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("error [unknown_format]: cannot tell the format of `"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `jindu import` takes an MSPDI file too; `--name` renames it, `--start` is refused (the file
/// has its own start).
#[test]
fn imports_mspdi_and_refuses_a_start_for_it() {
    let dir = std::env::temp_dir().join(format!("jindu-import-xml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xml = dir.join("plan.xml");
    let delivery = root().join("examples/delivery.json");
    let out = jindu(&["convert", delivery.to_str().unwrap(), xml.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = jindu(&["import", xml.to_str().unwrap(), "--name", "From Project"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = jindu::io::json::read(std::str::from_utf8(&out.stdout).unwrap()).unwrap();
    let original = jindu::io::json::read(&std::fs::read_to_string(&delivery).unwrap()).unwrap();
    assert_eq!(doc.project.name(), "From Project");
    assert_eq!(doc.project.len(), original.project.len());
    let out = jindu(&["import", xml.to_str().unwrap(), "--start", "2026-03-02"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--start applies to CSV task lists and PSPLIB"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `jindu schedule --status-date`: the status-date vector's document without its options
/// (so that only the command line asks for the status date). Status date Wed 2026-01-07 17:00:
/// B (4d, 25 % done on Mon) resumes Thu and finishes Mon 01-12 17:00; D (started out of
/// sequence, 1 of 2 days done) waits for C (Thu–Fri) under retained logic and finishes Mon
/// 01-12 17:00, or Thu 01-08 17:00 with --progress-override.
#[test]
fn schedules_from_a_status_date() {
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("tests/vectors/src/status-date.json")).unwrap(),
    )
    .unwrap();
    let mut doc = v["document"].clone();
    doc.as_object_mut().unwrap().remove("options");
    let dir = std::env::temp_dir().join(format!("jindu-status-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("status.json");
    std::fs::write(&f, doc.to_string()).unwrap();
    let f = f.to_str().unwrap();
    let finish_of = |args: &[&str], id: &str| -> String {
        let out = jindu(args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let t = s["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap();
        t["finish"].as_str().unwrap().to_owned()
    };
    // Without the option, as recorded: B runs 4 days from Mon (Thu 01-08), D 2 from Tue.
    assert_eq!(finish_of(&["schedule", f], "B"), "2026-01-08T17:00:00");
    assert_eq!(finish_of(&["schedule", f], "D"), "2026-01-07T17:00:00");
    let sd = ["schedule", f, "--status-date", "2026-01-07T17:00"];
    assert_eq!(finish_of(&sd, "B"), "2026-01-12T17:00:00");
    assert_eq!(finish_of(&sd, "D"), "2026-01-12T17:00:00");
    // A bare date is the end of that day; `project` takes the document's own status date.
    let day = ["schedule", f, "--status-date", "2026-01-07"];
    assert_eq!(finish_of(&day, "D"), "2026-01-12T17:00:00");
    let own = [
        "schedule",
        f,
        "--status-date",
        "project",
        "--progress-override",
    ];
    assert_eq!(finish_of(&own, "D"), "2026-01-08T17:00:00");
    // A bad date is a usage error naming the option.
    let out = jindu(&["schedule", f, "--status-date", "soon"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--status-date"));
}
