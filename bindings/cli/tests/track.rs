//! `jindu track`, `evm`, `alerts`, `report`, `client` and `whatif` on `examples/tracking.json`:
//! the values are the hand-computed ones of `core/src/track/tests.rs`
//! (`earned_value_and_schedule_match_the_textbook_and_pmcontrols`), plus an internal task.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example() -> String {
    root()
        .join("examples/tracking.json")
        .to_str()
        .unwrap()
        .to_owned()
}

fn jindu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jindu"))
        .args(args)
        .output()
        .expect("runs")
}

fn ok(args: &[&str]) -> String {
    let out = jindu(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The codes of a JSON list of alerts.
fn codes(v: serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap().to_owned())
        .collect()
}

/// Writes each text to a file of its own under the test target's scratch folder (named after
/// `tag`), and returns their paths.
fn temp_files(tag: &str, texts: &[&str]) -> Vec<String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(tag);
    std::fs::create_dir_all(&dir).unwrap();
    texts
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let f = dir.join(format!("{k}.json"));
            std::fs::write(&f, t).unwrap();
            f.to_str().unwrap().to_owned()
        })
        .collect()
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(args)).unwrap()
}

#[test]
fn evm_prints_the_project_and_every_task() {
    let f = example();
    let v = json(&["evm", &f, "--status-date", "2026-01-23T17:00"]);
    // BAC 9,000 + the internal review's 400; PV 4,000, EV 3,500, AC 4,000 (see the header).
    assert_eq!(v["bac"], 9400.0);
    assert_eq!(
        (v["pv"].as_f64(), v["ev"].as_f64()),
        (Some(4000.0), Some(3500.0))
    );
    assert_eq!(
        (v["ac"].as_f64(), v["sv"].as_f64()),
        (Some(4000.0), Some(-500.0))
    );
    assert_eq!(
        (v["cv"].as_f64(), v["spi"].as_f64()),
        (Some(-500.0), Some(0.875))
    );
    assert_eq!(v["cpi"], 0.875);
    assert!((v["eac"].as_f64().unwrap() - 9400.0 / 0.875).abs() < 1e-9);
    assert_eq!(v["es_working_days"], 12.5);
    assert!((v["spi_t"].as_f64().unwrap() - 12.5 / 15.0).abs() < 1e-12);
    assert_eq!(v["forecast_finish"], "2026-02-13T17:00:00");
    let tasks = v["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 5);
    assert_eq!(tasks[1]["id"], "B");
    assert_eq!(
        (tasks[1]["pv"].as_f64(), tasks[1]["ev"].as_f64()),
        (Some(2000.0), Some(1500.0))
    );
    assert_eq!(tasks[1]["spi_t"], 0.75);
    // The document's own status date is the same; another EAC method on request.
    let v = json(&["evm", &f, "--eac", "planned_rate"]);
    assert_eq!(v["eac"], 4000.0 + 9400.0 - 3500.0);
    assert_eq!(v["eac_method"], "planned_rate");
    // The table has a row per task and the project's on top.
    let t = ok(&["evm", &f, "--format", "table"]);
    assert!(t.lines().nth(2).unwrap().contains("12.5"), "{t}");
    assert_eq!(t.lines().count(), 2 + 1 + 5, "{t}");
}

#[test]
fn track_alerts_and_webhooks() {
    let f = example();
    let v = json(&["track", &f]);
    for k in ["evm", "variance", "alerts", "buffers"] {
        assert!(v.get(k).is_some(), "{k} missing");
    }
    let codes: Vec<&str> = v["alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect();
    // SPI(t) 0.83 and CPI 0.875 are below the 0.9 thresholds.
    assert!(
        codes.contains(&"spi_low") && codes.contains(&"cpi_low"),
        "{codes:?}"
    );
    let hook = json(&["alerts", &f, "--lang", "zh-CN", "--format", "dingtalk"]);
    assert_eq!(hook["msgtype"], "markdown");
    assert!(hook.to_string().contains("CPI"), "{hook}");
    let table = ok(&["alerts", &f, "--format", "table"]);
    assert!(table.contains("spi_low"), "{table}");
}

#[test]
fn reports_in_both_languages_and_the_clients_view() {
    let f = example();
    let md = ok(&["report", &f, "--lang", "zh-CN", "--format", "markdown"]);
    assert!(md.starts_with("# Portal项目周报"), "{md}");
    assert!(md.contains("2026年1月23日"), "{md}");
    let html = ok(&["report", &f, "--period", "month", "--format", "html"]);
    assert!(
        html.contains("<article") && html.contains("monthly"),
        "{html}"
    );
    let team = ok(&["report", &f]);
    assert!(team.contains("\"audience\": \"team\""), "{team}");
    // Nothing internal, and no amount, in anything the client sees.
    for out in [
        ok(&["client", &f]),
        ok(&["report", &f, "--client"]),
        ok(&["report", &f, "--client", "--format", "markdown"]),
        ok(&[
            "report", &f, "--client", "--lang", "zh-CN", "--format", "html",
        ]),
    ] {
        assert!(!out.contains("Internal code review"), "{out}");
        assert!(!out.contains("\"I\""), "{out}");
        assert!(!out.contains("4,000") && !out.contains("2200"), "{out}");
    }
}

#[test]
fn whatif_prints_the_delta_and_the_buffer() {
    let dir = std::env::temp_dir().join(format!("jindu-whatif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ch = dir.join("changes.json");
    std::fs::write(
        &ch,
        r#"{"changes": [{"op": "set_duration", "task": "C", "duration": "3w"}]}"#,
    )
    .unwrap();
    let v = json(&["whatif", &example(), ch.to_str().unwrap()]);
    // C one week longer: C's finish, M and the project finish move 5 days = 2,400 minutes.
    assert_eq!(v["finish_delta_minutes"], 2400);
    assert_eq!(v["finish_delta"], "5d");
    let moved: Vec<&str> = v["moved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(moved, ["C", "M"]);
    assert_eq!(v["critical_path_changed"], false);
    assert_eq!(v["exceeds_buffer"], true);
    // An unknown task is an error naming it.
    std::fs::write(
        &ch,
        r#"{"changes": [{"op": "set_duration", "task": "Z", "duration": "3w"}]}"#,
    )
    .unwrap();
    let out = jindu(&["whatif", &example(), ch.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains('Z'));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_arguments_are_usage_errors_and_bad_values_name_themselves() {
    let f = example();
    let out = jindu(&["evm", &f, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("error [usage]: unexpected argument '--lang' found"));
    let out = jindu(&["evm", &f, "--status-date", "tomorrow"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"tomorrow\""));
    let out = jindu(&["report", &f, "--lang", "fr"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("fr"));
    let out = jindu(&["evm", &f, "--baseline", "3"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("baseline"));
    let out = jindu(&["whatif", &f]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn alert_thresholds_and_disabled_rules() {
    // The example's SPI(t) is 0.83 and its CPI 0.875, both below the default 0.9.
    let f = example();
    let all = codes(json(&["alerts", &f, "--format", "json"]));
    assert!(
        all.contains(&"spi_low".into()) && all.contains(&"cpi_low".into()),
        "{all:?}"
    );
    // An SPI threshold of 0.8 is above 0.83; CPI off.
    let some = codes(json(&[
        "alerts",
        &f,
        "--alert",
        "spi_below=0.8",
        "--disable",
        "cpi_low",
        "--format",
        "json",
    ]));
    assert!(
        !some.contains(&"spi_low".into()) && !some.contains(&"cpi_low".into()),
        "{some:?}"
    );
    assert_eq!(some.len(), all.len() - 2);
    let spi = json(&[
        "alerts",
        &f,
        "--alert",
        "spi_below=0.85",
        "--format",
        "json",
    ]);
    let spi = spi
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "spi_low")
        .unwrap();
    assert_eq!(spi["threshold"], 0.85);
    for (args, says) in [
        (&["--alert", "spi_belo=0.8"][..], "spi_belo"),
        (&["--alert", "spi_below"][..], "NAME=NUMBER"),
        (&["--disable", "cpi_lo"][..], "cpi_lo"),
        (&["--alert", "late_hours=-3"][..], "late_hours"),
    ] {
        let out = jindu(&[&["alerts", &f][..], args].concat());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(says),
            "{args:?}"
        );
    }
    // evm takes no alert options.
    assert_eq!(
        jindu(&["evm", &f, "--disable", "cpi_low"]).status.code(),
        Some(2)
    );
}

#[test]
fn compare_prints_what_moved_between_two_versions() {
    // A grows from 2 to 3 days and B follows it; X goes and C comes: the finish moves a day.
    let files = temp_files(
        "compare",
        &[
            r#"{"name": "p", "start": "2026-01-05", "tasks": [{"id": "A", "name": "Spec", "duration": "2d"},
               {"id": "B", "name": "Build", "duration": "1d"}, {"id": "X", "duration": "1d"}],
               "links": [{"from": "A", "to": "B"}]}"#,
            r#"{"name": "p", "start": "2026-01-05", "tasks": [{"id": "A", "name": "Spec", "duration": "3d"},
               {"id": "B", "name": "Build", "duration": "1d"}, {"id": "C", "duration": "1d"}],
               "links": [{"from": "A", "to": "B"}]}"#,
        ],
    );
    let (b, a) = (files[0].as_str(), files[1].as_str());
    let c = json(&["compare", b, a]);
    assert_eq!(c["finish_delta_minutes"], 480);
    assert_eq!(c["moved"][1]["id"], "B");
    assert_eq!(c["moved"][1]["start_delta_minutes"], 480);
    assert_eq!(c["added"], serde_json::json!(["C"]));
    assert_eq!(c["removed"], serde_json::json!(["X"]));
    let table = ok(&["compare", b, a, "--format", "table"]);
    assert!(
        table.starts_with("finish 2026-01-07T17:00:00 -> 2026-01-08T17:00:00 (+1d)"),
        "{table}"
    );
    assert!(table.contains("added: C\nremoved: X"), "{table}");
    assert_eq!(jindu(&["compare", b]).status.code(), Some(2));
    assert_eq!(
        jindu(&["compare", b, a, "--status-date", "2026-01-05"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn alerts_since_an_earlier_version() {
    // Last week A (2 days) drove M; now B takes 3 days and drives it.
    let week = r#"{"name": "p", "start": "2026-01-05", "status_date": "2026-01-05T08:00",
      "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"}, {"id": "M", "milestone": true}],
      "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}]}"#;
    let files = temp_files("since", &[week, &week.replace(r#""1d""#, r#""3d""#)]);
    let (before, now) = (files[0].as_str(), files[1].as_str());
    let plain = codes(json(&["alerts", now, "--format", "json"]));
    assert!(
        !plain.contains(&"critical_path_changed".into()),
        "{plain:?}"
    );
    let since = codes(json(&[
        "alerts", now, "--since", before, "--format", "json",
    ]));
    assert!(since.contains(&"critical_path_changed".into()), "{since:?}");
    assert_eq!(jindu(&["evm", now, "--since", now]).status.code(), Some(2));
}
