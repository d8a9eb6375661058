//! `jindu level --psplib`: a hand-solved instance, in JSON and as a table, and bad arguments.

use std::process::Command;

/// Jobs 2 (3 periods, 2 units) and 3 (5 periods, 1 unit) of a resource of 2, both after the
/// source: they cannot overlap, so the optimum is 8, one after the other (the solver's bound
/// is 6: 11 units of work at 2 a period).
const SM: &str = "\
jobs (incl. supersource/sink ):  4
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
****
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           4
   4        1          0
****
REQUESTS/DURATIONS:
jobnr. mode duration  R 1
------------------------------------------------------------------------
  1      1     0       0
  2      1     3       2
  3      1     5       1
  4      1     0       0
****
RESOURCEAVAILABILITIES:
  R 1
   2
****
";

fn instance(name: &str, text: &str) -> String {
    let dir = std::env::temp_dir().join(format!("jindu-cli-level-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let f = dir.join(name);
    std::fs::write(&f, text).expect("write instance");
    f.to_string_lossy().into_owned()
}

fn jindu(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_jindu"))
        .args(args)
        .output()
        .expect("run jindu")
}

#[test]
fn prints_makespan_and_starts_as_json() {
    let f = instance("a.sm", SM);
    let out = jindu(&["level", "--psplib", &f, "--schedules", "100", "--seed", "3"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["makespan"], 8);
    let starts = &v["starts"];
    assert_eq!(starts["1"], 0);
    assert_eq!(starts["4"], 8);
    // One of jobs 2 and 3 at 0, the other when it finishes.
    let (s2, s3) = (starts["2"].as_i64().unwrap(), starts["3"].as_i64().unwrap());
    assert!((s2, s3) == (0, 3) || (s2, s3) == (5, 0), "{s2} {s3}");
}

#[test]
fn prints_a_table() {
    let f = instance("b.sm", SM);
    let out = jindu(&[
        "level",
        "--psplib",
        &f,
        "--format",
        "table",
        "--time-ms",
        "20",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("makespan 8 (lower bound 6)"), "{text}");
    assert_eq!(text.lines().count(), 2 + 4);
}

#[test]
fn bad_arguments_and_files_are_errors() {
    let out = jindu(&["level", "--schedules", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--schedules needs a whole number"));
    let out = jindu(&["level"]);
    assert_eq!(out.status.code(), Some(2));
    let f = instance("c.sm", "jobs (incl. supersource/sink ):  x\n");
    let out = jindu(&["level", "--psplib", &f]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("psplib"));
}

/// P0: X (2 days, priority 300) on Ana from Monday 5 January 2026; P1: Y (2 days, priority
/// 700) on the same Ana (one pooled resource).
const P0: &str = r#"{"name": "P0", "start": "2026-01-05",
  "tasks": [{"id": "X", "duration": "2d", "priority": 300}],
  "resources": [{"id": "ana"}],
  "assignments": [{"task": "X", "resource": "ana"}]}"#;
const P1: &str = r#"{"name": "P1", "start": "2026-01-05",
  "tasks": [{"id": "Y", "duration": "2d", "priority": 700}],
  "resources": [{"id": "ana"}],
  "assignments": [{"task": "Y", "resource": "ana"}]}"#;

#[test]
fn levels_a_portfolio_as_json() {
    // Y (priority 700) keeps Mon 5 – Tue 6; X waits for Ana until Wednesday 7 at 08:00, two
    // working days (960 minutes) later, because Y of P1 holds her.
    let (a, b) = (instance("p0.json", P0), instance("p1.json", P1));
    let out = jindu(&["level", &a, &b, "--seed", "1"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let d = &v["projects"][0]["delays"][0];
    assert_eq!(d["task"], "X");
    assert_eq!(d["from"], "2026-01-05T08:00:00");
    assert_eq!(d["to"], "2026-01-07T08:00:00");
    assert_eq!(d["delay_minutes"], 960);
    assert_eq!(d["reason"]["kind"], "resource");
    assert_eq!(d["reason"]["resource"], "ana");
    assert_eq!(d["reason"]["by"][0]["project"], 1);
    assert_eq!(d["reason"]["by"][0]["task"], "Y");
    assert_eq!(v["projects"][1]["delays"].as_array().unwrap().len(), 0);
    assert_eq!(v["projects"][0]["finish"], "2026-01-08T17:00:00");
    assert_eq!(v["unresolved"].as_array().unwrap().len(), 0);
    assert_eq!(v["seed"], 1);
}

#[test]
fn each_file_of_a_portfolio_keeps_its_own_options() {
    // P1 with a status date of Wednesday 7 at 08:00 in its own options: Y is rescheduled to
    // Wed 7 – Thu 8, clear of X's Mon 5 – Tue 6 on Ana, so nothing waits. P0 first: were the
    // files scheduled with the first one's options, Y would start on Monday and X would wait.
    let late = P1.replacen(
        r#""start": "2026-01-05","#,
        r#""start": "2026-01-05", "options": {"status_date": "2026-01-07T08:00"},"#,
        1,
    );
    let (a, b) = (instance("o0.json", P0), instance("o1.json", &late));
    let out = jindu(&["level", &a, &b]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for k in 0..2 {
        assert_eq!(v["projects"][k]["delays"].as_array().unwrap().len(), 0);
    }
    assert_eq!(v["projects"][1]["tasks"][0]["start"], "2026-01-07T08:00:00");
    assert_eq!(v["projects"][0]["finish"], "2026-01-06T17:00:00");
}

#[test]
fn levels_as_a_table_and_within_float() {
    let (a, b) = (instance("t0.json", P0), instance("t1.json", P1));
    let out = jindu(&["level", &a, &b, "--format", "table"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    // Two finish lines, the header, one delay row.
    assert_eq!(text.lines().count(), 4, "{text}");
    let row = text.lines().nth(3).unwrap();
    assert!(row.starts_with("X "), "{row}");
    assert!(
        row.contains("2026-01-05T08:00:00 -> 2026-01-07T08:00:00"),
        "{row}"
    );
    assert!(row.contains("16.0"), "{row}");
    assert!(row.contains("used by [P1/Y]"), "{row}");
    // Within float neither task may move (both are critical): the overallocation stays and
    // is reported, Mon 5 08:00 – Tue 6 17:00 at 200% of 100%.
    let out = jindu(&["level", &a, &b, "--within-float", "--format", "table"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap();
    assert_eq!(
        last,
        "unresolved: ana 2026-01-05T08:00:00 -> 2026-01-06T17:00:00 at 200% of 100% [P0/X, P1/Y]"
    );
}

#[test]
fn level_errors_name_the_task_and_resource() {
    let f = instance(
        "bad.json",
        r#"{"name": "P", "start": "2026-01-05", "tasks": [{"id": "A", "duration": "1d"}],
        "resources": [{"id": "ana"}],
        "assignments": [{"task": "A", "resource": "ana", "units": 300}]}"#,
    );
    let out = jindu(&["level", &f]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("A") && err.contains("ana") && err.contains("300%"),
        "{err}"
    );
    let out = jindu(&["level", &f, "--time-ms", "5"]);
    assert_eq!(out.status.code(), Some(2));
}

/// T (4 days) and H (priority 800, 1 day, no earlier than Tuesday 6 January 2026) both need
/// all of Ana; S follows T.
const BUSY_TUESDAY: &str = r#"{"name": "P", "start": "2026-01-05",
    "tasks": [{"id": "T", "duration": "4d"},
              {"id": "H", "duration": "1d", "priority": 800,
               "constraint": {"type": "SNET", "date": "2026-01-06"}},
              {"id": "S", "duration": "1d"}],
    "links": [{"from": "T", "to": "S"}],
    "resources": [{"id": "ana"}],
    "assignments": [{"task": "T", "resource": "ana"}, {"task": "H", "resource": "ana"}]}"#;

#[test]
fn split_lets_a_task_work_around_a_busy_day() {
    let f = instance("busy.json", BUSY_TUESDAY);
    let task = |v: &serde_json::Value, id: &str| {
        v["projects"][0]["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .find(|t| t["id"] == id)
            .expect("task")
            .clone()
    };
    // Without --split T waits for Ana as a whole: Wed 7 – Mon 12.
    let out = jindu(&["level", &f]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let t = task(&v, "T");
    assert_eq!(
        (t["start"].as_str(), t["finish"].as_str()),
        (Some("2026-01-07T08:00:00"), Some("2026-01-12T17:00:00"))
    );
    assert!(t.get("parts").is_none());
    // With --split it works Monday, pauses Tuesday for H and works Wednesday to Friday 9.
    let out = jindu(&["level", &f, "--split"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let t = task(&v, "T");
    assert_eq!(
        (t["start"].as_str(), t["finish"].as_str()),
        (Some("2026-01-05T08:00:00"), Some("2026-01-09T17:00:00"))
    );
    assert_eq!(
        t["parts"],
        serde_json::json!([
            {"start": "2026-01-05T08:00:00", "finish": "2026-01-05T17:00:00"},
            {"start": "2026-01-07T08:00:00", "finish": "2026-01-09T17:00:00"}
        ])
    );
    assert_eq!(t["pauses"][0]["reason"]["resource"], "ana");
    assert_eq!(
        t["pauses"][0]["reason"]["by"],
        serde_json::json!([{"project": 0, "task": "H"}])
    );
    assert_eq!(task(&v, "S")["start"], "2026-01-12T08:00:00");
    // The table lists the parts and the pause's reason.
    let out = jindu(&["level", &f, "--split", "--format", "table"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("split: P T: 2026-01-05T08:00:00 - 2026-01-05T17:00:00, 2026-01-07T08:00:00 - 2026-01-09T17:00:00"),
        "{text}"
    );
    assert!(text.contains("  paused 2026-01-05T17:00:00 - 2026-01-07T08:00:00: ana full at 2026-01-06T08:00:00: needs 100%, 100% of 100% used by [P/H]"), "{text}");
    // --split is for project files.
    let sm = instance("b.sm", SM);
    assert_eq!(
        jindu(&["level", "--psplib", &sm, "--split"]).status.code(),
        Some(2)
    );
}
