//! One hand-built project per check where it fails, and one where every check passes.
//! Dates: 2026-01-05 is a Monday; the standard calendar works 08:00–12:00 and 13:00–17:00,
//! Monday to Friday, 8 hours a day.

use super::*;
use proptest::prelude::*;

fn assess_json(text: &str) -> Health {
    let doc = crate::io::json::read(text).expect("valid document");
    let o = HealthOptions {
        schedule: doc.options,
        ..HealthOptions::default()
    };
    assess(&doc.project, &o).expect("assessed")
}

fn get<'a>(h: &'a Health, code: &str) -> &'a Check {
    h.check(code).unwrap_or_else(|| panic!("no check {code}"))
}

#[track_caller]
fn is(c: &Check, status: CheckStatus, count: usize, population: usize, tasks: &[&str]) {
    assert_eq!(
        (c.status, c.count, c.population),
        (status, count, population),
        "{c:#?}"
    );
    assert_eq!(c.tasks, tasks, "{}", c.code);
}

#[track_caller]
fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a metric");
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

/// Every check passes: S and A are done, B, C and F are planned, all FS, resources on the
/// tasks with a duration.
const CLEAN: &str = r#"{"name": "Clean", "start": "2026-01-05", "status_date": "2026-01-09T17:00",
  "resources": [{"id": "R"}],
  "assignments": [{"task": "A", "resource": "R"}, {"task": "B", "resource": "R"},
                  {"task": "C", "resource": "R"}],
  "tasks": [
    {"id": "S", "milestone": true, "percent_complete": 100,
     "actual_start": "2026-01-05T08:00", "actual_finish": "2026-01-05T08:00",
     "baselines": [{"start": "2026-01-05T08:00", "finish": "2026-01-05T08:00"}]},
    {"id": "A", "duration": "5d", "percent_complete": 100,
     "actual_start": "2026-01-05T08:00", "actual_finish": "2026-01-09T17:00",
     "baselines": [{"start": "2026-01-05T08:00", "finish": "2026-01-09T17:00"}]},
    {"id": "B", "duration": "5d",
     "baselines": [{"start": "2026-01-12T08:00", "finish": "2026-01-16T17:00"}]},
    {"id": "C", "duration": "5d",
     "baselines": [{"start": "2026-01-19T08:00", "finish": "2026-01-23T17:00"}]},
    {"id": "F", "milestone": true, "baselines": [{"finish": "2026-01-23T17:00"}]}],
  "links": [{"from": "S", "to": "A"}, {"from": "A", "to": "B"}, {"from": "B", "to": "C"},
            {"from": "C", "to": "F"}]}"#;

#[test]
fn a_clean_schedule_passes_every_check() {
    let h = assess_json(CLEAN);
    assert_eq!(h.checks.len(), 14);
    for (k, c) in h.checks.iter().enumerate() {
        assert_eq!(c.number as usize, k + 1);
        assert_eq!(c.status, CheckStatus::Pass, "{c:#?}");
        assert_eq!(c.count, 0, "{}", c.code);
        assert!(c.tasks.is_empty() && c.links.is_empty(), "{}", c.code);
    }
    assert_eq!((h.passed, h.failed, h.not_applicable), (14, 0, 0));
    assert_eq!(h.baseline, Some(0));
    // Incomplete: B, C, F. F is the one task without a successor and a milestone: excused.
    is(get(&h, "missing_logic"), CheckStatus::Pass, 0, 3, &[]);
    // Links into incomplete tasks: A→B, B→C, C→F, all FS: 3 of 3 = 100 %.
    let fs = get(&h, "relationship_types");
    assert_eq!(fs.population, 3);
    close(fs.metric, 100.0);
    // High duration and resources measure B and C (F is a milestone).
    assert_eq!(get(&h, "high_duration").population, 2);
    assert_eq!(get(&h, "resources").population, 2);
    // Invalid dates: every task (5).
    assert_eq!(get(&h, "invalid_dates").population, 5);
    // Due by Friday 9th 17:00: S and A, both finished on time. BEI = 2 / 2.
    is(get(&h, "missed_tasks"), CheckStatus::Pass, 0, 2, &[]);
    close(get(&h, "bei").metric, 1.0);
    // B is the first incomplete critical task: 600 more days of B move F by 600 days.
    close(get(&h, "critical_path_test").metric, 600.0);
    // CPL from the status date (Fri 9th 17:00) to F (Fri 23rd 17:00) = 10 working days,
    // finish float 0: CPLI = (10 + 0) / 10 = 1.
    close(get(&h, "cpli").metric, 1.0);
}

#[test]
fn missing_logic() {
    // S → A → B → F, and X alone. No predecessor: S and X (two, so S is not excused);
    // no successor: F and X. Offenders S, X, F of 5 incomplete tasks = 60 %.
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05",
        "tasks": [{"id": "S", "milestone": true}, {"id": "A", "duration": "2d"},
                  {"id": "X", "duration": "2d"}, {"id": "B", "duration": "2d"},
                  {"id": "F", "milestone": true}],
        "links": [{"from": "S", "to": "A"}, {"from": "A", "to": "B"}, {"from": "B", "to": "F"}]}"#,
    );
    let c = get(&h, "missing_logic");
    is(c, CheckStatus::Fail, 3, 5, &["S", "X", "F"]);
    close(c.metric, 60.0);
    assert_eq!(c.threshold, "<= 5%");
    // By kind, in task order: X lacks both ends (start first).
    let gaps: Vec<(&str, LogicGapKind)> = c.gaps.iter().map(|g| (&*g.task, g.kind)).collect();
    assert_eq!(
        gaps,
        [
            ("S", LogicGapKind::NoPredecessor),
            ("X", LogicGapKind::NoPredecessor),
            ("X", LogicGapKind::NoSuccessor),
            ("F", LogicGapKind::NoSuccessor)
        ]
    );
    // Every task has its own links, so nothing dangles.
    is(get(&h, "dangling_logic"), CheckStatus::Pass, 0, 5, &[]);
}

#[test]
fn dangling_logic_is_an_additional_check() {
    // S → A (FS), A → B (FS), A → C (FF), B → D (SS), C → F (FS), D → F (FF), B → E (SF),
    // E → F (SF). Every task has a predecessor and a successor but S and F (the excused
    // ends), so check 1 passes; yet C's one predecessor is FF (nothing drives its start),
    // B's one successor is SS (its finish drives nothing), and E has only SF links on both
    // sides. D is fine: SS in drives its start, FF out is driven by its finish.
    // Dangling: B, C, E of the 7 incomplete tasks = 42.86 % > 5 %.
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05",
        "tasks": [{"id": "S", "milestone": true}, {"id": "A", "duration": "2d"},
                  {"id": "B", "duration": "2d"}, {"id": "C", "duration": "2d"},
                  {"id": "D", "duration": "2d"}, {"id": "E", "duration": "2d"},
                  {"id": "F", "milestone": true}],
        "links": [{"from": "S", "to": "A"}, {"from": "A", "to": "B"},
                  {"from": "A", "to": "C", "type": "FF"}, {"from": "B", "to": "D", "type": "SS"},
                  {"from": "C", "to": "F"}, {"from": "D", "to": "F", "type": "FF"},
                  {"from": "B", "to": "E", "type": "SF"}, {"from": "E", "to": "F", "type": "SF"}]}"#,
    );
    is(get(&h, "missing_logic"), CheckStatus::Pass, 0, 7, &[]);
    assert!(get(&h, "missing_logic").gaps.is_empty());
    let c = get(&h, "dangling_logic");
    is(c, CheckStatus::Fail, 3, 7, &["B", "C", "E"]);
    close(c.metric, 300.0 / 7.0);
    assert_eq!((c.number, c.threshold.as_str()), (15, "<= 5%"));
    let gaps: Vec<(&str, LogicGapKind)> = c.gaps.iter().map(|g| (&*g.task, g.kind)).collect();
    assert_eq!(
        gaps,
        [
            ("B", LogicGapKind::DanglingFinish),
            ("C", LogicGapKind::DanglingStart),
            ("E", LogicGapKind::DanglingStart),
            ("E", LogicGapKind::DanglingFinish)
        ]
    );
    // The fourteen keep their numbers and totals; the additional check is beside them.
    assert_eq!(h.checks.len(), 14);
    assert_eq!(h.passed + h.failed + h.not_applicable, 14);
    assert_eq!(h.additional.len(), 1);
    // In JSON: a new `additional` list and `gaps` on the check; the rest as before.
    let v: serde_json::Value = serde_json::from_str(&h.to_json()).expect("JSON");
    assert_eq!(v["additional"][0]["code"], "dangling_logic");
    assert_eq!(
        v["additional"][0]["gaps"][0],
        serde_json::json!({"task": "B", "kind": "dangling_finish"})
    );
    assert!(v["checks"][0].get("gaps").is_none());
}

#[test]
fn dangling_logic_threshold_is_an_option() {
    // A → B (SS) only: A's finish drives nothing, B's start is driven (SS); B has no
    // successor, so check 1 has B, and A dangles: 1 of 2 = 50 %.
    let text = r#"{"name": "p", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "2d"}],
        "links": [{"from": "A", "to": "B", "type": "SS"}]}"#;
    let doc = crate::io::json::read(text).expect("valid");
    let strict = HealthRequest::from_json("{}").expect("options");
    let lenient =
        HealthRequest::from_json(r#"{"thresholds": {"dangling_percent": 50}}"#).expect("options");
    let run = |r: &HealthRequest| {
        let o = r.options(doc.options).expect("options");
        assess(&doc.project, &o).expect("assessed")
    };
    let (h, l) = (run(&strict), run(&lenient));
    is(get(&h, "dangling_logic"), CheckStatus::Fail, 1, 2, &["A"]);
    is(get(&l, "dangling_logic"), CheckStatus::Pass, 1, 2, &["A"]);
    assert_eq!(get(&l, "dangling_logic").threshold, "<= 50%");
    let e = HealthRequest::from_json(r#"{"thresholds": {"dangling_percent": 101}}"#)
        .expect("parsed")
        .options(doc.options)
        .unwrap_err();
    assert!(e.to_string().contains("thresholds.dangling_percent"), "{e}");
}

#[test]
fn leads() {
    // Three links into incomplete tasks, A→B with a one-day lead: 1 / 3 = 33.3 % > 0 %.
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05",
        "tasks": [{"id": "S", "milestone": true}, {"id": "A", "duration": "3d"},
                  {"id": "B", "duration": "3d"}, {"id": "F", "milestone": true}],
        "links": [{"from": "S", "to": "A"}, {"from": "A", "to": "B", "lag": "-1d"},
                  {"from": "B", "to": "F"}]}"#,
    );
    let c = get(&h, "leads");
    is(c, CheckStatus::Fail, 1, 3, &["B"]);
    close(c.metric, 100.0 / 3.0);
    assert_eq!(
        c.links,
        [LinkRef {
            from: "A".into(),
            to: "B".into(),
            kind: "FS".into(),
            lag: "-1d".into()
        }]
    );
    // No positive lag among them.
    is(get(&h, "lags"), CheckStatus::Pass, 0, 3, &[]);
}

#[test]
fn lags() {
    // Four links; A→B has 2d, B→C 50 %: 2 / 4 = 50 % > 5 %.
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05",
        "tasks": [{"id": "S", "milestone": true}, {"id": "A", "duration": "3d"},
                  {"id": "B", "duration": "3d"}, {"id": "C", "duration": "3d"},
                  {"id": "F", "milestone": true}],
        "links": [{"from": "S", "to": "A"}, {"from": "A", "to": "B", "lag": "2d"},
                  {"from": "B", "to": "C", "lag": "50%"}, {"from": "C", "to": "F"}]}"#,
    );
    let c = get(&h, "lags");
    is(c, CheckStatus::Fail, 2, 4, &["B", "C"]);
    close(c.metric, 50.0);
    let lags: Vec<&str> = c.links.iter().map(|l| l.lag.as_str()).collect();
    assert_eq!(lags, ["2d", "50%"]);
}

#[test]
fn relationship_types() {
    // Four links, A→B SS and B→C FF: FS share 2 / 4 = 50 % < 90 %.
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05",
        "tasks": [{"id": "S", "milestone": true}, {"id": "A", "duration": "3d"},
                  {"id": "B", "duration": "3d"}, {"id": "C", "duration": "3d"},
                  {"id": "F", "milestone": true}],
        "links": [{"from": "S", "to": "A"}, {"from": "A", "to": "B", "type": "SS"},
                  {"from": "B", "to": "C", "type": "FF"}, {"from": "C", "to": "F"}]}"#,
    );
    let c = get(&h, "relationship_types");
    is(c, CheckStatus::Fail, 2, 4, &["B", "C"]);
    close(c.metric, 50.0);
    assert_eq!(c.threshold, ">= 90%");
    let kinds: Vec<&str> = c.links.iter().map(|l| l.kind.as_str()).collect();
    assert_eq!(kinds, ["SS", "FF"]);
}

#[test]
fn hard_constraints_and_links_into_finished_tasks() {
    // B is MSO, C FNLT (hard), D SNET (soft).
    // A is finished: its link S→A with a lead is not counted (5 links remain, no lead).
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05",
        "tasks": [{"id": "S", "milestone": true},
                  {"id": "A", "duration": "1d", "percent_complete": 100,
                   "actual_start": "2026-01-05T08:00", "actual_finish": "2026-01-05T17:00"},
                  {"id": "B", "duration": "1d", "constraint": {"type": "MSO", "date": "2026-01-07T08:00"}},
                  {"id": "C", "duration": "1d", "constraint": {"type": "FNLT", "date": "2026-01-30T17:00"}},
                  {"id": "D", "duration": "1d", "constraint": {"type": "SNET", "date": "2026-01-12T08:00"}},
                  {"id": "F", "milestone": true}],
        "links": [{"from": "S", "to": "A", "lag": "-1h"}, {"from": "A", "to": "B"},
                  {"from": "B", "to": "C"}, {"from": "C", "to": "D"}, {"from": "D", "to": "F"},
                  {"from": "S", "to": "F"}]}"#,
    );
    let c = get(&h, "hard_constraints");
    is(c, CheckStatus::Fail, 2, 5, &["B", "C"]);
    // S, B, C, D, F are incomplete (A is finished): 2 / 5 = 40 %.
    close(c.metric, 40.0);
    is(get(&h, "leads"), CheckStatus::Pass, 0, 5, &[]);
}

#[test]
fn high_float() {
    // S → A (50d) → F and S → B (2d) → F: B has 50 − 2 = 48 working days of float > 44.
    // Incomplete: S, A, B, F; 1 / 4 = 25 %.
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05",
        "tasks": [{"id": "S", "milestone": true}, {"id": "A", "duration": "50d"},
                  {"id": "B", "duration": "2d"}, {"id": "F", "milestone": true}],
        "links": [{"from": "S", "to": "A"}, {"from": "A", "to": "F"},
                  {"from": "S", "to": "B"}, {"from": "B", "to": "F"}]}"#,
    );
    let c = get(&h, "high_float");
    is(c, CheckStatus::Fail, 1, 4, &["B"]);
    close(c.metric, 25.0);
    // A is 50 days long (> 44): 1 of the 2 tasks with a duration.
    is(get(&h, "high_duration"), CheckStatus::Fail, 1, 2, &["A"]);
}

/// S → A (5d, finishing Fri 9th 17:00) → F with a deadline on Thu 8th 17:00.
const LATE: &str = r#"{"name": "p", "start": "2026-01-05",
    "tasks": [{"id": "S", "milestone": true}, {"id": "A", "duration": "5d"},
              {"id": "F", "milestone": true, "deadline": "2026-01-08T17:00"}],
    "links": [{"from": "S", "to": "A"}, {"from": "A", "to": "F"}]}"#;

#[test]
fn negative_float_and_cpli() {
    let h = assess_json(LATE);
    // The deadline is one day before F's early finish: S, A and F have −1d of float.
    is(
        get(&h, "negative_float"),
        CheckStatus::Fail,
        3,
        3,
        &["S", "A", "F"],
    );
    // CPL from the project start (Mon 5th 08:00, no status date) to the finish (Fri 9th
    // 17:00) = 5 working days; the finishing tasks A and F have −1d: CPLI = (5 − 1) / 5 = 0.8.
    let c = get(&h, "cpli");
    is(c, CheckStatus::Fail, 2, 2, &["A", "F"]);
    close(c.metric, 0.8);
    assert_eq!(c.threshold, ">= 0.95");
    // Without a status date or baseline, the date checks do not apply.
    for code in ["invalid_dates", "missed_tasks", "bei"] {
        let c = get(&h, code);
        assert_eq!(c.status, CheckStatus::NotApplicable, "{code}");
        assert_eq!(c.metric, None, "{code}");
    }
    assert_eq!(get(&h, "resources").status, CheckStatus::NotApplicable);
}

#[test]
fn high_duration_reads_the_baseline_duration() {
    // A: 50d, no baseline → 50 > 44. B: 10d, baseline 45d → 45 > 44. C: 60d, baseline 40d →
    // 40, fine. D: 5d. Milestones S, F are not measured: 2 / 4 = 50 %.
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05",
        "tasks": [{"id": "S", "milestone": true}, {"id": "A", "duration": "50d"},
                  {"id": "B", "duration": "10d", "baselines": [{"duration": "45d"}]},
                  {"id": "C", "duration": "60d", "baselines": [{"duration": "40d"}]},
                  {"id": "D", "duration": "5d"}, {"id": "F", "milestone": true}],
        "links": [{"from": "S", "to": "A"}, {"from": "A", "to": "B"}, {"from": "B", "to": "C"},
                  {"from": "C", "to": "D"}, {"from": "D", "to": "F"}]}"#,
    );
    let c = get(&h, "high_duration");
    is(c, CheckStatus::Fail, 2, 4, &["A", "B"]);
    close(c.metric, 50.0);
    // A baseline without finishes: nothing is due, so missed tasks and BEI do not apply.
    assert_eq!(get(&h, "missed_tasks").status, CheckStatus::NotApplicable);
    assert_eq!(get(&h, "bei").status, CheckStatus::NotApplicable);
}

#[test]
fn invalid_dates() {
    // Status Wed 7th 17:00. A started Mon 5th, 40 %: its forecast finish Fri 9th is after the
    // status date, fine. B has not started and is scheduled from Mon 5th: a forecast start in
    // the past. C records an actual start on Thu 8th: after the status date. D finished on
    // Tue 6th: fine. 2 / 4 = 50 %.
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05", "status_date": "2026-01-07T17:00",
        "tasks": [{"id": "A", "duration": "5d", "percent_complete": 40,
                   "actual_start": "2026-01-05T08:00"},
                  {"id": "B", "duration": "2d"},
                  {"id": "C", "duration": "2d", "actual_start": "2026-01-08T08:00"},
                  {"id": "D", "duration": "2d", "percent_complete": 100,
                   "actual_start": "2026-01-05T08:00", "actual_finish": "2026-01-06T17:00"}]}"#,
    );
    let c = get(&h, "invalid_dates");
    is(c, CheckStatus::Fail, 2, 4, &["B", "C"]);
    close(c.metric, 50.0);
    assert_eq!(c.threshold, "<= 0%");
}

#[test]
fn resources_are_informational() {
    // A has R, B has none, M is a milestone: 1 of 2 = 50 %, but the check does not fail.
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05", "resources": [{"id": "R"}],
        "assignments": [{"task": "A", "resource": "R"}],
        "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "2d"},
                  {"id": "M", "milestone": true}],
        "links": [{"from": "A", "to": "B"}, {"from": "B", "to": "M"}]}"#,
    );
    let c = get(&h, "resources");
    is(c, CheckStatus::Pass, 1, 2, &["B"]);
    close(c.metric, 50.0);
    assert_eq!(c.threshold, "informational");
}

#[test]
fn missed_tasks_and_bei_count_all_completions() {
    // Status Fri 16th 17:00. Due (baseline finish ≤ status): A (9th; finished 12th, late),
    // B (14th; not finished), C (16th; finished 15th, early). D (23rd) is not due; E (23rd)
    // is not due but already finished.
    // Missed: A and B = 2 / 3 = 66.7 % > 5 %.
    // BEI: completed A, C, E = 3 over 3 due = 1.0, passing; B is the one due and open.
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05", "status_date": "2026-01-16T17:00",
        "tasks": [
          {"id": "A", "duration": "6d", "percent_complete": 100, "actual_start": "2026-01-05T08:00",
           "actual_finish": "2026-01-12T17:00", "baselines": [{"finish": "2026-01-09T17:00"}]},
          {"id": "B", "duration": "8d", "percent_complete": 50, "actual_start": "2026-01-07T08:00",
           "baselines": [{"finish": "2026-01-14T17:00"}]},
          {"id": "C", "duration": "4d", "percent_complete": 100, "actual_start": "2026-01-12T08:00",
           "actual_finish": "2026-01-15T17:00", "baselines": [{"finish": "2026-01-16T17:00"}]},
          {"id": "D", "duration": "5d", "baselines": [{"finish": "2026-01-23T17:00"}]},
          {"id": "E", "duration": "3d", "percent_complete": 100, "actual_start": "2026-01-12T08:00",
           "actual_finish": "2026-01-14T17:00", "baselines": [{"finish": "2026-01-23T17:00"}]}]}"#,
    );
    let c = get(&h, "missed_tasks");
    is(c, CheckStatus::Fail, 2, 3, &["A", "B"]);
    close(c.metric, 200.0 / 3.0);
    let b = get(&h, "bei");
    is(b, CheckStatus::Pass, 1, 3, &["B"]);
    close(b.metric, 1.0);
    // Every task has a baseline finish: nothing is left out, the sentences as before.
    assert!(c.no_baseline_finish.is_empty() && b.no_baseline_finish.is_empty());
    assert_eq!(
        b.detail,
        "3 tasks complete of 3 due by the status date: BEI 1"
    );
}

#[test]
fn missed_tasks_and_bei_without_a_baseline() {
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05", "status_date": "2026-01-16T17:00",
        "tasks": [{"id": "A", "duration": "5d", "percent_complete": 100,
                   "actual_start": "2026-01-05T08:00", "actual_finish": "2026-01-09T17:00"},
                  {"id": "B", "duration": "5d"}]}"#,
    );
    assert_eq!(h.baseline, None);
    for code in ["missed_tasks", "bei"] {
        let c = get(&h, code);
        is(c, CheckStatus::NotApplicable, 0, 0, &[]);
        assert_eq!((c.metric, c.detail.as_str()), (None, "no baseline"));
        assert!(c.no_baseline_finish.is_empty());
    }
}

#[test]
fn missed_tasks_and_bei_with_a_baseline_without_finishes() {
    // Baseline 0 records durations only: no task can be due by a baseline finish.
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05", "status_date": "2026-01-16T17:00",
        "tasks": [{"id": "A", "duration": "5d", "baselines": [{"duration": "4d"}]},
                  {"id": "B", "duration": "5d", "baselines": [{"duration": "5d"}]}]}"#,
    );
    assert_eq!(h.baseline, Some(0));
    for code in ["missed_tasks", "bei"] {
        let c = get(&h, code);
        is(c, CheckStatus::NotApplicable, 0, 0, &[]);
        assert_eq!(
            c.detail,
            "baseline 0 has no finish dates, so no task is due by a baseline finish"
        );
        assert_eq!(c.no_baseline_finish, ["A", "B"]);
    }
}

#[test]
fn missed_tasks_and_bei_with_some_baseline_finishes_missing() {
    // Status Fri 16th 17:00. A: baseline finish Fri 9th, finished then. B: baseline finish
    // Wed 14th, half done. C: not in the baseline, finished. D: a baseline duration but no
    // finish, not started. E: baseline finish Fri 23rd, not due.
    // Missed tasks leaves C and D out: due A and B, B missed: 1 / 2 = 50 %.
    // BEI counts them as due (DCMA): completed A and C = 2 over A, B, C, D = 4: 0.5; the
    // ones due and open are B and D.
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05", "status_date": "2026-01-16T17:00",
        "tasks": [
          {"id": "A", "duration": "5d", "percent_complete": 100, "actual_start": "2026-01-05T08:00",
           "actual_finish": "2026-01-09T17:00", "baselines": [{"finish": "2026-01-09T17:00"}]},
          {"id": "B", "duration": "8d", "percent_complete": 50, "actual_start": "2026-01-07T08:00",
           "baselines": [{"finish": "2026-01-14T17:00"}]},
          {"id": "C", "duration": "3d", "percent_complete": 100, "actual_start": "2026-01-05T08:00",
           "actual_finish": "2026-01-07T17:00"},
          {"id": "D", "duration": "5d", "baselines": [{"duration": "5d"}]},
          {"id": "E", "duration": "5d", "baselines": [{"finish": "2026-01-23T17:00"}]}]}"#,
    );
    let m = get(&h, "missed_tasks");
    is(m, CheckStatus::Fail, 1, 2, &["B"]);
    close(m.metric, 50.0);
    assert_eq!(m.no_baseline_finish, ["C", "D"]);
    assert_eq!(
        m.detail,
        "1 of 2 tasks due by the status date finished late or are not finished (50%); \
         2 tasks without a baseline finish left out"
    );
    let b = get(&h, "bei");
    is(b, CheckStatus::Fail, 2, 4, &["B", "D"]);
    close(b.metric, 0.5);
    assert_eq!(b.no_baseline_finish, ["C", "D"]);
    assert!(
        b.detail
            .contains("2 tasks without a baseline finish (counted as due)"),
        "{}",
        b.detail
    );
}

#[test]
fn bei_fails_when_work_due_is_not_done() {
    // Status Fri 16th 17:00; A, B and C all due by then, only C finished: BEI = 1 / 3.
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05", "status_date": "2026-01-16T17:00",
        "tasks": [
          {"id": "A", "duration": "5d", "percent_complete": 60, "actual_start": "2026-01-05T08:00",
           "baselines": [{"finish": "2026-01-09T17:00"}]},
          {"id": "B", "duration": "5d", "baselines": [{"finish": "2026-01-16T17:00"}]},
          {"id": "C", "duration": "5d", "percent_complete": 100, "actual_start": "2026-01-05T08:00",
           "actual_finish": "2026-01-09T17:00", "baselines": [{"finish": "2026-01-09T17:00"}]}]}"#,
    );
    let b = get(&h, "bei");
    is(b, CheckStatus::Fail, 2, 3, &["A", "B"]);
    close(b.metric, 1.0 / 3.0);
}

#[test]
fn critical_path_test_fails_behind_a_hard_constraint() {
    // F must finish on Fri 9th 17:00 and constraints are honoured: delaying S (the first
    // critical task) by 600 days moves A but not F, the finish: F moves 0 days.
    let h = assess_json(
        r#"{"name": "p", "start": "2026-01-05",
        "tasks": [{"id": "S", "milestone": true}, {"id": "A", "duration": "5d"},
                  {"id": "F", "milestone": true,
                   "constraint": {"type": "MFO", "date": "2026-01-09T17:00"}}],
        "links": [{"from": "S", "to": "A"}, {"from": "A", "to": "F"}]}"#,
    );
    let c = get(&h, "critical_path_test");
    is(c, CheckStatus::Fail, 1, 1, &["S"]);
    close(c.metric, 0.0);
    assert!(c.detail.contains("(F)"), "{}", c.detail);
}

#[test]
fn critical_path_test_with_a_shorter_delay() {
    // S → A (5d) → F: delaying A by 10 days moves F by 10 days.
    let doc = crate::io::json::read(
        r#"{"name": "p", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "5d"}, {"id": "F", "milestone": true}],
        "links": [{"from": "A", "to": "F"}]}"#,
    )
    .unwrap();
    let o = HealthOptions {
        schedule: doc.options,
        thresholds: Thresholds {
            critical_path_delay_days: 10.0,
            ..Thresholds::default()
        },
        ..HealthOptions::default()
    };
    let s = crate::schedule::schedule(&doc.project, &o.schedule).unwrap();
    let h = health(&doc.project, &s, &o).unwrap();
    let c = get(&h, "critical_path_test");
    is(c, CheckStatus::Pass, 0, 1, &[]);
    close(c.metric, 10.0);
    assert_eq!(c.threshold, "finish slips 10 wd");
}

#[test]
fn options_errors_name_the_field() {
    let doc = crate::io::json::read(CLEAN).unwrap();
    let bad = HealthOptions {
        baseline: Some(3),
        ..HealthOptions::default()
    };
    let e = assess(&doc.project, &bad).unwrap_err();
    assert!(
        matches!(&e, Error::Invalid { field, .. } if field == "baseline"),
        "{e:?}"
    );
    let e = HealthRequest::from_json(r#"{"thresholds": {"cpli": -1}}"#)
        .unwrap()
        .options(ScheduleOptions::default())
        .unwrap_err();
    assert!(
        matches!(&e, Error::Invalid { field, .. } if field == "thresholds.cpli"),
        "{e:?}"
    );
    let e = HealthRequest::from_json(r#"{"status_date": "soon"}"#)
        .unwrap()
        .options(ScheduleOptions::default())
        .unwrap_err();
    assert!(
        matches!(&e, Error::Invalid { field, .. } if field == "status_date"),
        "{e:?}"
    );
    assert!(HealthRequest::from_json(r#"{"thresholds": {"nope": 1}}"#).is_err());
    // A schedule of another project is refused, not indexed out of bounds.
    let other = crate::io::json::read(LATE).unwrap();
    let s = crate::schedule::schedule(&other.project, &other.options).unwrap();
    let e = health(&doc.project, &s, &HealthOptions::default()).unwrap_err();
    assert!(
        matches!(&e, Error::Invalid { field, .. } if field == "schedule"),
        "{e:?}"
    );
}

#[test]
fn a_status_date_in_the_options_wins() {
    // CLEAN at Fri 16th 17:00 instead: B (baseline finish 16th) is due and not finished.
    let doc = crate::io::json::read(CLEAN).unwrap();
    let o = HealthOptions {
        schedule: doc.options,
        status_date: Some("2026-01-16T17:00".parse().unwrap()),
        ..HealthOptions::default()
    };
    let h = assess(&doc.project, &o).unwrap();
    // Due: S, A, B; missed: B = 1 / 3.
    is(get(&h, "missed_tasks"), CheckStatus::Fail, 1, 3, &["B"]);
    // B has not started and is scheduled from Mon 12th: a forecast start in the past; and
    // C's forecast start? Mon 19th, after. Invalid: B (1 of 5).
    is(get(&h, "invalid_dates"), CheckStatus::Fail, 1, 5, &["B"]);
    assert_eq!(h.status_date.map(|d| d.0), o.status_date);
}

/// A random project: up to eight tasks, links forward in task order with any type and a lag
/// of −2 to 3 days, some constraints, progress and baselines.
fn arb_doc() -> impl Strategy<Value = String> {
    let task = (
        0u32..60,
        0u8..4,
        0u8..3,
        proptest::option::of(0u32..40),
        proptest::option::of(0u32..60),
    );
    (
        proptest::collection::vec(task, 1..8),
        proptest::collection::vec((0usize..8, 0usize..8, 0u8..4, -2i32..4), 0..12),
        proptest::option::of(0u32..40),
        any::<bool>(),
    )
        .prop_map(|(tasks, links, status, res)| {
            let n = tasks.len();
            let day = |d: u32| {
                let date = crate::time::Date::from_ymd(2026, 1, 5)
                    .expect("a date")
                    .days()
                    + i64::from(d);
                crate::time::Date::from_days(date)
                    .expect("in range")
                    .at(17 * 60)
            };
            let mut ts = Vec::new();
            for (k, (dur, cons, prog, bf, bd)) in tasks.iter().enumerate() {
                let mut t =
                    serde_json::json!({"id": format!("T{k}"), "duration": format!("{dur}d")});
                match cons {
                    1 => {
                        t["constraint"] =
                            serde_json::json!({"type": "MSO", "date": "2026-01-12T08:00"})
                    }
                    2 => {
                        t["constraint"] =
                            serde_json::json!({"type": "SNET", "date": "2026-01-07T08:00"})
                    }
                    _ => {}
                }
                match prog {
                    1 => {
                        t["percent_complete"] = 100.into();
                        t["actual_start"] = "2026-01-05T08:00".into();
                        t["actual_finish"] = day(*dur).to_string().into();
                    }
                    2 => {
                        t["percent_complete"] = 30.into();
                        t["actual_start"] = "2026-01-05T08:00".into();
                    }
                    _ => {}
                }
                if bf.is_some() || bd.is_some() {
                    let mut b = serde_json::json!({});
                    if let Some(f) = bf {
                        b["finish"] = day(*f).to_string().into();
                    }
                    if let Some(d) = bd {
                        b["duration"] = format!("{d}d").into();
                    }
                    t["baselines"] = serde_json::json!([b]);
                }
                ts.push(t);
            }
            let mut seen = std::collections::BTreeSet::new();
            let mut ls = Vec::new();
            for (a, b, kind, lag) in links {
                let (a, b) = (a % n, b % n);
                if a >= b || !seen.insert((a, b)) {
                    continue;
                }
                let kind = ["FS", "SS", "FF", "SF"][kind as usize];
                ls.push(
                    serde_json::json!({"from": format!("T{a}"), "to": format!("T{b}"),
                    "type": kind, "lag": format!("{lag}d")}),
                );
            }
            let mut doc = serde_json::json!({"name": "p", "start": "2026-01-05",
                "tasks": ts, "links": ls});
            if let Some(s) = status {
                doc["status_date"] = day(s).to_string().into();
            }
            if res {
                doc["resources"] = serde_json::json!([{"id": "R"}]);
                doc["assignments"] = serde_json::json!([{"task": "T0", "resource": "R"}]);
            }
            doc.to_string()
        })
}

/// What every assessment satisfies, whatever the project.
pub(crate) fn invariants(p: &Project, h: &Health) {
    assert_eq!(h.checks.len(), 14);
    assert_eq!(h.passed + h.failed + h.not_applicable, 14);
    for (k, c) in h.checks.iter().enumerate() {
        assert_eq!(c.number as usize, k + 1);
        let offenders = if (2..=4).contains(&c.number) {
            c.links.len()
        } else {
            c.tasks.len()
        };
        assert_eq!(c.count, offenders, "{}", c.code);
        if c.status == CheckStatus::NotApplicable {
            assert_eq!((c.metric, c.count), (None, 0), "{}", c.code);
            continue;
        }
        assert!(c.count <= c.population, "{c:#?}");
        let Some(m) = c.metric else {
            // Only the critical path test without a critical task has nothing to measure.
            assert_eq!((c.number, c.status), (12, CheckStatus::Fail), "{c:#?}");
            continue;
        };
        assert!(m.is_finite(), "{}", c.code);
        let share = 100.0 * c.count as f64 / c.population.max(1) as f64;
        match c.number {
            4 => assert!((m - (100.0 - share)).abs() < 1e-9, "{}", c.code),
            12 => assert!(m >= 0.0),
            13 => {}
            14 => assert!(m >= 0.0),
            _ => assert_eq!(m, share, "{}", c.code),
        }
        // Offenders are real tasks, in task order, each once.
        let at: Vec<usize> = c
            .tasks
            .iter()
            .map(|id| p.index_of(id).expect("a task of the project").index())
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{}: {at:?}", c.code);
        assert!(at.iter().all(|&k| !p.is_summary(idx(k))), "{}", c.code);
    }
    assert_eq!(h.additional.len(), 1);
    let d = &h.additional[0];
    assert_eq!((d.number, d.code.as_str()), (15, "dangling_logic"));
    assert_eq!(d.population, h.checks[0].population);
    for c in [&h.checks[0], d] {
        // The gaps name exactly the offenders, in task order, and the right kinds.
        let mut named: Vec<&str> = c.gaps.iter().map(|g| g.task.as_str()).collect();
        named.dedup();
        assert_eq!(named, c.tasks, "{}", c.code);
        assert_eq!(c.count, c.tasks.len(), "{}", c.code);
        for g in &c.gaps {
            let logic = matches!(
                g.kind,
                LogicGapKind::NoPredecessor | LogicGapKind::NoSuccessor
            );
            assert_eq!(logic, c.number == 1, "{}: {g:?}", c.code);
        }
        if let Some(m) = c.metric {
            assert_eq!(
                m,
                100.0 * c.count as f64 / c.population as f64,
                "{}",
                c.code
            );
        }
    }
    // A task with no link on one side is check 1's gap there, never a dangling one.
    for g in &d.gaps {
        let k = p.index_of(&g.task).expect("a task");
        let (ins, outs) = (
            p.links().iter().filter(|l| l.to == k).count(),
            p.links().iter().filter(|l| l.from == k).count(),
        );
        match g.kind {
            LogicGapKind::DanglingStart => assert!(ins > 0, "{g:?}"),
            _ => assert!(outs > 0, "{g:?}"),
        }
    }
    // Missed tasks and BEI list only real non-summary tasks without a baseline finish.
    for c in [&h.checks[10], &h.checks[13]] {
        for id in &c.no_baseline_finish {
            let k = p.index_of(id).expect("a task");
            assert!(!p.is_summary(k), "{}", c.code);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn offenders_match_counts_and_metrics(text in arb_doc()) {
        let doc = crate::io::json::read(&text).expect("valid");
        let o = HealthOptions { schedule: doc.options, ..HealthOptions::default() };
        let h = assess(&doc.project, &o).expect("assessed");
        invariants(&doc.project, &h);
    }
}
