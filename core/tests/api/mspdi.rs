//! Agreement with Microsoft Project: files from `shared/data/mspdi/` translated to jindu JSON,
//! with the dates, slack and critical flags Microsoft Project stored in them.
//!
//! Every task of every fixture must agree on all nine fields: start, finish, early and late
//! start and finish (to the minute), total and free slack (minutes) and the critical flag.

use std::path::Path;

fn fixtures() -> Vec<(String, serde_json::Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mspdi");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable fixture");
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                serde_json::from_str(&text).expect("JSON fixture"),
            )
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn agrees_with_microsoft_project() {
    let mut tasks = 0;
    let mut failures = Vec::new();
    let all = fixtures();
    assert_eq!(all.len(), 9, "fixtures missing");
    for (name, fx) in &all {
        let text = serde_json::to_string(&fx["document"]).unwrap();
        let d = jindu::io::json::read(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let s = jindu::schedule(&d.project, &d.options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let out: serde_json::Value =
            serde_json::from_str(&jindu::io::json::write_schedule(&d.project, &s)).unwrap();
        let by_id: std::collections::HashMap<&str, &serde_json::Value> = out["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["id"].as_str().unwrap(), t))
            .collect();
        for (uid, want) in fx["expected"].as_object().unwrap() {
            tasks += 1;
            let got = by_id
                .get(uid.as_str())
                .unwrap_or_else(|| panic!("{name}: task {uid} missing"));
            let mut diffs = Vec::new();
            for f in [
                "start",
                "finish",
                "early_start",
                "early_finish",
                "late_start",
                "late_finish",
            ] {
                if want[f] != got[f] {
                    diffs.push(format!("{f}: project {} jindu {}", want[f], got[f]));
                }
            }
            for (f, g) in [
                ("total_slack_minutes", "total_float_minutes"),
                ("free_slack_minutes", "free_float_minutes"),
            ] {
                if want[f] != got[g] {
                    diffs.push(format!("{f}: project {} jindu {}", want[f], got[g]));
                }
            }
            if want["critical"] != got["critical"] {
                diffs.push(format!(
                    "critical: project {} jindu {}",
                    want["critical"], got["critical"]
                ));
            }
            if !diffs.is_empty() {
                failures.push(format!("{name} task {uid}: {}", diffs.join("; ")));
            }
        }
    }
    assert_eq!(tasks, 287, "the fixtures hold 287 tasks");
    assert!(
        failures.is_empty(),
        "{} of {tasks} tasks disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
