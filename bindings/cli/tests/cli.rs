//! The command line itself: help for every command, completions, the one error form and its
//! exit codes, several files, tables with double-width names, and a quiet standard error when
//! it is not a terminal.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Every command `jindu --help` lists (besides `help`).
const COMMANDS: &[&str] = &[
    "validate",
    "schedule",
    "convert",
    "import",
    "risk",
    "health",
    "scores",
    "level",
    "load",
    "render",
    "track",
    "evm",
    "alerts",
    "buffers",
    "variance",
    "report",
    "client",
    "whatif",
    "compare",
    "schema",
    "completions",
];

fn jindu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jindu"))
        .args(args)
        .output()
        .expect("runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn example(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name)
        .to_str()
        .unwrap()
        .to_owned()
}

fn file(name: &str, text: &str) -> String {
    let p = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_owned()
}

#[test]
fn the_top_help_lists_every_command_and_the_exit_codes() {
    let o = jindu(&["--help"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let help = stdout(&o);
    for c in COMMANDS {
        assert!(
            help.lines()
                .any(|l| l.trim_start().starts_with(&format!("{c} "))),
            "{c} missing from\n{help}"
        );
    }
    assert!(!help.contains("__force-panic"), "{help}");
    for code in [
        "  0   success",
        "  1   an error in the input",
        "  2   a usage error",
        "  70  an internal error",
    ] {
        assert!(help.contains(code), "{code:?} missing from\n{help}");
    }
    assert!(help.contains("JINDU_LIMITS"), "{help}");
    // `-h` and `help` say the same thing as `--help` (clap's short form leaves out after_help).
    assert!(stdout(&jindu(&["-h"])).starts_with(help.lines().next().unwrap()));
    assert_eq!(stdout(&jindu(&["help"])), help);
}

#[test]
fn every_command_has_help_and_short_help() {
    for c in COMMANDS {
        for flag in ["--help", "-h"] {
            let o = jindu(&[c, flag]);
            assert_eq!(o.status.code(), Some(0), "{c} {flag}: {}", stderr(&o));
            let text = stdout(&o);
            assert!(
                text.contains(&format!("Usage: jindu {c} ")),
                "{c} {flag}:\n{text}"
            );
            assert!(stderr(&o).is_empty(), "{c} {flag}: {}", stderr(&o));
        }
    }
    // The flags the README and the tests use are in the help of their command.
    let schedule = stdout(&jindu(&["schedule", "--help"]));
    for flag in [
        "--format <FORMAT>",
        "--timings",
        "--critical-float <DUR>",
        "--longest-path",
        "--float-basis",
        "--lag-calendar",
        "24h",
        "--no-honor-constraints",
        "--status-date <DATETIME|project>",
        "--progress-override",
        "--quiet",
    ] {
        assert!(schedule.contains(flag), "{flag} missing from\n{schedule}");
    }
    let level = stdout(&jindu(&["level", "--help"]));
    for flag in [
        "--psplib <FILE>",
        "--schedules <N>",
        "--time-ms <T>",
        "--within-float",
    ] {
        assert!(level.contains(flag), "{flag} missing from\n{level}");
    }
}

#[test]
fn the_version() {
    let o = jindu(&["--version"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), format!("jindu {}\n", env!("CARGO_PKG_VERSION")));
    assert_eq!(stdout(&jindu(&["-V"])), stdout(&o));
}

#[test]
fn completions_for_every_shell_name_every_command() {
    let bash = jindu(&["completions", "bash"]);
    assert_eq!(bash.status.code(), Some(0), "{}", stderr(&bash));
    let script = stdout(&bash);
    assert!(script.contains("complete -F _jindu"), "{script}");
    for c in COMMANDS {
        // bash's script has a `jindu,<command>)` case for each command.
        assert!(
            script.contains(&format!("jindu,{c})")),
            "{c} missing from bash"
        );
    }
    assert!(script.contains("--critical-float"), "schedule's flags");
    assert!(!script.contains("__force-panic"), "hidden");
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let o = jindu(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let s = stdout(&o);
        for needle in ["schedule", "level", "psplib", "critical-float"] {
            assert!(s.contains(needle), "{shell}: {needle} missing");
        }
    }
    let o = jindu(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("jindu: error [usage]: invalid value 'tcsh' for '<SHELL>'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_file_that_cannot_be_read_is_an_io_error_naming_it() {
    let missing = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no-such-plan.json");
    let missing = missing.to_str().unwrap();
    for cmd in [
        "schedule", "validate", "health", "level", "load", "evm", "render",
    ] {
        let o = jindu(&[cmd, missing]);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!("jindu: error [io]: cannot read {missing}: ")),
            "{cmd}: {err}"
        );
        assert_eq!(err.lines().count(), 1, "{cmd}: {err}");
    }
}

#[test]
fn an_output_that_cannot_be_written_is_an_io_error() {
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no-such-dir/out.json");
    let out = out.to_str().unwrap();
    let o = jindu(&["convert", &example("delivery.json"), out]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with(&format!("jindu: error [io]: cannot write {out}: ")),
        "{}",
        stderr(&o)
    );
    // A full standard output (not a closed one: a reader that went away is quiet).
    if Path::new("/dev/full").exists() {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_jindu"))
            .args(["schema"])
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).starts_with("jindu: error [io]: cannot write standard output: "),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn usage_errors_are_one_form_with_a_hint_to_help() {
    // An unknown command.
    let o = jindu(&["schedul", "x.json"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0], "jindu: error [usage]: unrecognized subcommand 'schedul'",
        "{err}"
    );
    assert!(
        lines[1].trim_start().starts_with("tip: ") && lines[1].contains("'schedule'"),
        "{err}"
    );
    assert_eq!(*lines.last().unwrap(), "See 'jindu --help'.", "{err}");
    // An unknown flag: clap's message and tip, the usage, then the command's help.
    let o = jindu(&["schedule", "x.json", "--formt", "table"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines[0],
        "jindu: error [usage]: unexpected argument '--formt' found"
    );
    assert!(
        err.contains("tip: a similar argument exists: '--format'"),
        "{err}"
    );
    assert!(err.contains("Usage: jindu schedule "), "{err}");
    assert_eq!(*lines.last().unwrap(), "See 'jindu schedule --help'.");
    // A bad value names the flag; a missing FILE says so.
    let o = jindu(&["schedule", "x.json", "--format", "yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .starts_with("jindu: error [usage]: invalid value 'yaml' for '--format <FORMAT>'"),
        "{}",
        stderr(&o)
    );
    let o = jindu(&["risk"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(
            "jindu: error [usage]: the following required arguments were not provided"
        ),
        "{}",
        stderr(&o)
    );
    // No command at all.
    let o = jindu(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("jindu: error [usage]: a command is needed"));
    // A usage error found after parsing has the same form and the command's hint.
    let o = jindu(&["level", &example("delivery.json"), "--time-ms", "5"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "jindu: error [usage]: --time-ms is for --psplib only; project files take --schedules\n\
         See 'jindu level --help'.\n"
    );
}

/// A: 3 days from Mon 5 January 2026; B: 2 days after A.
const A: &str = r#"{"name": "A", "start": "2026-01-05", "tasks": [{"id": "a1", "duration": "3d"},
  {"id": "a2", "duration": "2d"}], "links": [{"from": "a1", "to": "a2"}]}"#;
/// B: one day from Mon 12 January 2026.
const B: &str =
    r#"{"name": "B", "start": "2026-01-12", "tasks": [{"id": "b1", "duration": "1d"}]}"#;

#[test]
fn several_files_are_scheduled_each_into_one_document() {
    let (a, b) = (file("cli_pa.json", A), file("cli_pb.json", B));
    let o = jindu(&["schedule", &a, &b]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    let s = v["schedules"].as_array().unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s[0]["file"], a.as_str());
    assert_eq!(s[1]["file"], b.as_str());
    // A: 3 + 2 working days from Mon 5th 08:00 end Fri 9th 17:00; B: Mon 12th alone.
    assert_eq!(s[0]["schedule"]["project_finish"], "2026-01-09T17:00:00");
    assert_eq!(s[1]["schedule"]["project_finish"], "2026-01-12T17:00:00");
    // One file alone is the schedule itself, as before.
    let one: serde_json::Value = serde_json::from_slice(&jindu(&["schedule", &b]).stdout).unwrap();
    assert_eq!(one, s[1]["schedule"]);
    let table = stdout(&jindu(&["schedule", &a, &b, "--format", "table"]));
    assert!(table.starts_with(&format!("== {a} ==\nA\n")), "{table}");
    assert!(table.contains(&format!("\n\n== {b} ==\nB\n")), "{table}");
    let ok = stdout(&jindu(&["validate", &a, &b]));
    assert_eq!(
        ok,
        format!("{a}: ok: 2 tasks, 1 links\n{b}: ok: 1 tasks, 0 links\n")
    );
}

#[test]
fn commands_of_one_plan_say_why_a_second_file_is_refused() {
    let (a, b) = (file("cli_qa.json", A), file("cli_qb.json", B));
    for (cmd, why) in [
        ("health", "the assessment measures one schedule"),
        ("risk", "a simulation samples one plan's own risk model"),
        ("scores", "the scores rank one plan's tasks"),
        ("render", "a chart draws one plan"),
        ("evm", "tracking measures one plan"),
    ] {
        let o = jindu(&[cmd, &a, &b]);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", stderr(&o));
        assert!(
            stderr(&o).starts_with(&format!(
                "jindu: error [usage]: {cmd} takes one FILE, not 2: {why}"
            )),
            "{cmd}: {}",
            stderr(&o)
        );
    }
}

/// The display width of `s`, counting CJK ideographs as two columns (written out here so the
/// test does not trust the width crate it checks).
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| {
            if ('\u{4e00}'..='\u{9fff}').contains(&c) {
                2
            } else {
                1
            }
        })
        .sum()
}

#[test]
fn chinese_names_keep_the_table_aligned() {
    let f = file(
        "cli_cjk.json",
        r#"{"name": "上线", "start": "2026-01-05", "tasks": [
          {"id": "A", "name": "需求分析与设计", "duration": "3d"},
          {"id": "B", "name": "Build", "duration": "2d"},
          {"id": "C", "name": "测试", "duration": "1d"}],
          "links": [{"from": "A", "to": "B"}, {"from": "B", "to": "C"}]}"#,
    );
    let o = jindu(&["schedule", &f, "--format", "table"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    let head = lines.iter().position(|l| l.starts_with("ID ")).unwrap();
    // The Duration column (after the names) starts at the same display column on every row.
    let at = |line: &str, needle: &str| columns(&line[..line.find(needle).unwrap()]);
    let col = at(lines[head], "Duration");
    for (row, duration) in [(head + 2, "3d"), (head + 3, "2d"), (head + 4, "1d")] {
        assert_eq!(at(lines[row], duration), col, "{text}");
    }
    // 需求分析与设计 is 7 ideographs, 14 columns, the widest name: "Duration" starts after
    // ID (2), two spaces, 14 and two spaces.
    assert_eq!(col, 2 + 2 + 14 + 2, "{text}");
}

#[test]
fn standard_error_that_is_not_a_terminal_gets_no_progress_bar() {
    // Long enough that a bar would have appeared (a run of over a second; the bar waits
    // 400 ms), with standard error piped.
    let o = Command::new(env!("CARGO_BIN_EXE_jindu"))
        .args(["risk", &example("tracking.json"), "--iterations", "100000"])
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
    assert!(
        stdout(&o).contains("\"iterations\": 100000")
            || stdout(&o).contains("\"iterations\":100000")
    );
    // --quiet is accepted before or after the command.
    for args in [
        &["-q", "validate", &example("delivery.json")][..],
        &["validate", &example("delivery.json"), "--quiet"][..],
    ] {
        let o = jindu(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "");
    }
}

#[test]
fn a_bad_link_type_in_a_csv_names_the_cell_and_the_type() {
    let f = file(
        "cli_badtype.csv",
        "id,duration,predecessors\n2,1d,\n3,2d,2XS+1d\n",
    );
    let o = jindu(&["schedule", &f]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "jindu: error [import]: csv line 3, column 3 (predecessors): \"2XS+1d\": invalid link \
         type `XS` after predecessor `2`: expected FS, SS, FF or SF (e.g. 2FS+1d)\n"
    );
}

#[test]
fn a_repeated_flag_takes_its_last_value_and_a_list_flag_every_one() {
    let f = example("tracking.json");
    let codes = |extra: &[&str]| -> Vec<String> {
        let o = jindu(&[&["alerts", &f, "--format", "json"][..], extra].concat());
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|a| a["code"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = codes(&[]);
    assert!(
        all.contains(&"spi_low".into()) && all.contains(&"cpi_low".into()),
        "{all:?}"
    );
    // Both --disable flags count: two alerts fewer.
    let fewer = codes(&["--disable", "cpi_low", "--disable", "spi_low"]);
    assert_eq!(fewer.len(), all.len() - 2, "{fewer:?}");
    // --iterations 7 then 9: 9, as the hand parser did before clap.
    let o = jindu(&["risk", &f, "--iterations", "7", "--iterations", "9"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["iterations"], 9);
}
