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
