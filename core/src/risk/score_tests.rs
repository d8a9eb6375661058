//! Risk scores on hand-built projects. Dates: 2026-01-05 is a Monday; the standard calendar
//! works 8 hours a day, Monday to Friday. Default weights: float 3, float consumed 1,
//! criticality 3, merge 1, spread 1, hard constraint 1, overallocated 2, deadline 2, late 2.

use super::*;
use proptest::prelude::*;

fn run(text: &str, o: &ScoreOptions) -> RiskScores {
    let doc = crate::io::json::read(text).expect("valid document");
    assess_scores(&doc.project, &doc.options, o).expect("scored")
}

fn factor<'a>(s: &'a RiskScores, task: &str, code: &str) -> &'a ScoreFactor {
    let t = s.task(task).unwrap_or_else(|| panic!("no task {task}"));
    t.factors
        .iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("{task} has no factor {code}: {t:#?}"))
}

/// A (20d) and B (5d) in parallel into the milestone M; C (3d) also into M.
const NET: &str = r#"{"name": "Net", "start": "2026-01-05",
  "tasks": [{"id": "A", "duration": "20d"}, {"id": "B", "duration": "5d"},
            {"id": "C", "duration": "3d", "constraint": {"type": "MSO", "date": "2026-01-05"}},
            {"id": "M", "milestone": true}],
  "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}, {"from": "C", "to": "M"}]}"#;

#[test]
fn zero_float_scores_1_and_float_beyond_the_horizon_0() {
    let s = run(NET, &ScoreOptions::default());
    let a = factor(&s, "A", "float");
    assert_eq!((a.value, a.measure, a.weight), (1.0, 0.0, 3.0));
    let b = factor(&s, "B", "float");
    // 15 working days of float > the 10-day horizon.
    assert_eq!((b.value, b.measure, b.points), (0.0, 15.0, 0.0));
    assert_eq!(b.sentence, "15 working days of total float");
    // A: float 1 × 3 over the weights in play (float 3, merge 1, hard 1, deadline 2).
    assert_eq!(s.task("A").unwrap().score, 42.9);
    assert_eq!(factor(&s, "A", "float").points, 42.9);
}

#[test]
fn a_merge_of_three_predecessors_is_one_half() {
    let s = run(NET, &ScoreOptions::default());
    let m = factor(&s, "M", "merge");
    assert_eq!((m.value, m.measure), (0.5, 3.0));
    assert_eq!(m.sentence, "3 paths converge on it");
    assert_eq!(factor(&s, "A", "merge").value, 0.0);
    // M: (3 × 1 + 1 × (3 − 1) / (3 + 1)) / 7 = 50.
    assert_eq!(s.task("M").unwrap().score, 50.0);
    assert_eq!(s.task("M").unwrap().kind, "milestone");
}

#[test]
fn a_complete_predecessor_no_longer_counts_in_the_merge() {
    let text = r#"{"name": "Done", "start": "2026-01-05",
      "tasks": [{"id": "P1", "duration": "1d", "percent_complete": 100,
                 "actual_start": "2026-01-05T08:00", "actual_finish": "2026-01-05T17:00"},
                {"id": "P2", "duration": "2d"}, {"id": "P3", "duration": "2d"},
                {"id": "X", "duration": "1d"}],
      "links": [{"from": "P1", "to": "X"}, {"from": "P2", "to": "X"}, {"from": "P3", "to": "X"}]}"#;
    let s = run(text, &ScoreOptions::default());
    let m = factor(&s, "X", "merge");
    // Two open paths: (2 − 1) / (2 + 1).
    assert_eq!((m.measure, m.value), (2.0, 0.33));
    assert!(s.task("P1").is_none(), "a complete task is not scored");
}

#[test]
fn a_must_start_on_constraint_adds_hard_constraint() {
    let s = run(NET, &ScoreOptions::default());
    let c = factor(&s, "C", "hard_constraint");
    assert_eq!(c.value, 1.0);
    assert!(c.sentence.contains("MSO"), "{}", c.sentence);
    assert_eq!(factor(&s, "A", "hard_constraint").value, 0.0);
    let w: Vec<_> = s
        .warnings
        .iter()
        .filter(|w| w.code == "hard_constraint")
        .collect();
    assert_eq!(w.len(), 1);
    assert_eq!((w[0].task.as_str(), w[0].severity), ("C", Severity::High));
    assert_eq!(w[0].message, "C: a hard constraint (MSO) fixes its dates");
}

#[test]
fn changed_weights_change_the_score_as_computed_by_hand() {
    let o = ScoreRequest::from_json(r#"{"weights": {"float": 1, "merge": 3}}"#)
        .and_then(|r| r.options())
        .expect("options");
    let s = run(NET, &o);
    // M: (1 × 1 + 3 × ½) / (1 + 3 + 1 + 2) = 2.5 / 7.
    assert_eq!(s.task("M").unwrap().score, 35.7);
    assert_eq!(factor(&s, "M", "merge").points, 21.4);
    // A: 1 × 1 / 7.
    assert_eq!(s.task("A").unwrap().score, 14.3);
    let only_float = ScoreRequest::from_json(
        r#"{"weights": {"merge": 0, "hard_constraint": 0, "deadline": 0}}"#,
    )
    .and_then(|r| r.options())
    .expect("options");
    assert_eq!(run(NET, &only_float).task("A").unwrap().score, 100.0);
}

#[test]
fn a_factor_without_data_is_missing_and_the_score_normalises_over_the_rest() {
    let s = run(NET, &ScoreOptions::default());
    let a = s.task("A").unwrap();
    assert_eq!(
        a.missing,
        [
            "float_consumed",
            "criticality",
            "spread",
            "overallocated",
            "late"
        ]
    );
    assert!(a.factors.iter().all(|f| f.code != "criticality"));
    // With the Monte Carlo (deterministic durations: A is critical in every iteration):
    // (3 × 1 + 3 × 1) / (3 + 3 + 1 + 1 + 2) = 60.
    let o = ScoreOptions {
        iterations: 50,
        seed: 3,
        ..ScoreOptions::default()
    };
    let s = run(NET, &o);
    let a = s.task("A").unwrap();
    assert!(!a.missing.contains(&"criticality".to_owned()));
    assert_eq!(factor(&s, "A", "criticality").value, 1.0);
    assert_eq!(factor(&s, "B", "criticality").value, 0.0);
    assert_eq!(a.score, 60.0);
}

#[test]
fn warnings_are_ranked_by_severity_then_score() {
    let s = run(NET, &ScoreOptions::default());
    let got: Vec<(&str, &str, Severity)> = s
        .warnings
        .iter()
        .map(|w| (w.code.as_str(), w.task.as_str(), w.severity))
        .collect();
    // High: C (an MSO fixes it, so its late dates equal its early ones: no float; score
    // (3 + 1) / 7 = 57.1) low float and hard constraint, M (50) low float, A (42.9) low
    // float; medium: M's merge (½).
    assert_eq!(
        got,
        [
            ("low_float", "C", Severity::High),
            ("hard_constraint", "C", Severity::High),
            ("low_float", "M", Severity::High),
            ("low_float", "A", Severity::High),
            ("merge_point", "M", Severity::Medium),
        ]
    );
    assert_eq!(s.task("C").unwrap().score, 57.1);
    assert_eq!(s.task("B").unwrap().score, 0.0);
    // Roll-up: 4 tasks, the top decile is the best one; the mean of all four.
    assert_eq!((s.score, s.max), (57.1, 57.1));
    assert_eq!(s.mean, 37.5); // (57.1 + 50 + 42.9 + 0) / 4
}

#[test]
fn baseline_slip_lateness_deadline_spread_and_overallocation() {
    // A: baseline 5 days, Jan 5–9, but now 7 days (finishes Jan 13), 20 % done at the status
    // date Jan 7 17:00 (3 of 5 baseline days: 60 % planned). B: parallel, 4 days, deadline
    // Jan 14 17:00 (finishes Jan 8: 4 days of margin), an estimate 4d/5d/9d (mean 6d, range 5d).
    // R works 100 % on both at once: peak 200 % of 100 %.
    let text = r#"{"name": "Track", "start": "2026-01-05", "status_date": "2026-01-07T17:00",
      "resources": [{"id": "R"}],
      "assignments": [{"task": "A", "resource": "R"}, {"task": "B", "resource": "R"}],
      "tasks": [
        {"id": "A", "duration": "7d", "percent_complete": 20, "actual_start": "2026-01-05T08:00",
         "baselines": [{"start": "2026-01-05T08:00", "finish": "2026-01-09T17:00"}]},
        {"id": "B", "duration": "4d", "deadline": "2026-01-14T17:00",
         "estimate": {"optimistic": "4d", "likely": "5d", "pessimistic": "9d"}}]}"#;
    let s = run(text, &ScoreOptions::default());
    let slip = factor(&s, "A", "float_consumed");
    assert_eq!((slip.measure, slip.value), (2.0, 0.2));
    let late = factor(&s, "A", "late");
    assert_eq!((late.measure, late.value), (40.0, 0.4));
    assert_eq!(
        late.sentence,
        "20% complete at the status date, 60% planned"
    );
    let d = factor(&s, "B", "deadline");
    assert_eq!((d.measure, d.value), (4.0, 0.6));
    let sp = factor(&s, "B", "spread");
    assert_eq!((sp.measure, sp.value), (0.83, 0.83));
    let o = factor(&s, "A", "overallocated");
    assert_eq!((o.measure, o.value), (100.0, 1.0));
    assert_eq!(s.baseline, Some(0));
    // B has no baseline: no float consumed; its planned dates are the schedule's.
    assert!(s
        .task("B")
        .unwrap()
        .missing
        .contains(&"float_consumed".to_owned()));
    assert!(s.task("A").unwrap().missing.contains(&"spread".to_owned()));
}

#[test]
fn bad_options_name_their_field() {
    let e = ScoreRequest::from_json(r#"{"weights": {"float": -1}}"#)
        .and_then(|r| r.options())
        .unwrap_err()
        .to_string();
    assert!(e.contains("weights.float"), "{e}");
    let e = ScoreRequest::from_json(r#"{"float_horizon_days": 0}"#)
        .and_then(|r| r.options())
        .unwrap_err()
        .to_string();
    assert!(e.contains("float_horizon_days"), "{e}");
    let e = ScoreRequest::from_json(r#"{"iterationz": 5}"#)
        .unwrap_err()
        .to_string();
    assert!(e.contains("iterationz"), "{e}");
    let zero = r#"{"weights": {"float": 0, "float_consumed": 0, "criticality": 0, "merge": 0,
      "spread": 0, "hard_constraint": 0, "overallocated": 0, "deadline": 0, "late": 0}}"#;
    assert!(ScoreRequest::from_json(zero).unwrap().options().is_err());
}

#[test]
fn the_warnings_are_capped_and_the_dropped_counted() {
    // A chain of 60 one-day tasks: every one is critical (float 0: value 1, a high
    // low_float warning each), nothing else warns. 60 warnings: 50 listed, 10 dropped.
    let tasks: Vec<String> = (0..60)
        .map(|k| format!(r#"{{"id": "T{k}", "duration": "1d"}}"#))
        .collect();
    let links: Vec<String> = (1..60)
        .map(|k| format!(r#"{{"from": "T{}", "to": "T{k}"}}"#, k - 1))
        .collect();
    let text = format!(
        r#"{{"name": "Chain", "start": "2026-01-05", "tasks": [{}], "links": [{}]}}"#,
        tasks.join(","),
        links.join(",")
    );
    let s = run(&text, &ScoreOptions::default());
    assert_eq!((s.warnings.len(), s.warnings_dropped), (50, 10));
    // All score the same (float 3 over 3 + merge 1 + hard 1 + deadline 2 = 42.9), so the
    // ranking is task order: T0 to T49 are kept.
    assert_eq!(s.warnings[0].task, "T0");
    assert_eq!(s.warnings[49].task, "T49");
    // The cap is an option; what is kept is the head of the full ranking.
    let all = run(
        &text,
        &ScoreOptions {
            max_warnings: usize::MAX,
            ..ScoreOptions::default()
        },
    );
    assert_eq!((all.warnings.len(), all.warnings_dropped), (60, 0));
    let o = ScoreRequest::from_json(r#"{"max_warnings": 3}"#)
        .and_then(|r| r.options())
        .unwrap();
    let three = run(&text, &o);
    assert_eq!((three.warnings.len(), three.warnings_dropped), (3, 57));
    assert_eq!(three.warnings[..], all.warnings[..3]);
    // In JSON: a new field beside the list.
    let v: serde_json::Value = serde_json::from_str(&three.to_json()).unwrap();
    assert_eq!(v["warnings_dropped"], 57);
}

/// A (10d, no estimate of its own), B (10d, its own estimate 8d / 10d / 16d), M a milestone.
const UNESTIMATED: &str = r#"{"name": "Ranges", "start": "2026-01-05",
  "tasks": [{"id": "A", "duration": "10d"},
            {"id": "B", "duration": "10d",
             "estimate": {"optimistic": "8d", "likely": "10d", "pessimistic": "16d"}},
            {"id": "M", "milestone": true}],
  "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}]}"#;

#[test]
fn the_spread_reads_the_default_estimate_when_one_is_set() {
    // Without a default estimate, A has no spread (missing, not 0).
    let s = run(UNESTIMATED, &ScoreOptions::default());
    assert!(s.task("A").unwrap().missing.contains(&"spread".to_owned()));
    // B's own: (16 − 8) / ((8 + 10 + 16) / 3) = 8 / 11.33 = 0.71.
    assert_eq!(factor(&s, "B", "spread").value, 0.71);
    // −10 % / +25 % (triangular): 9d, 10d, 12.5d; mean 10.5d; (12.5 − 9) / 10.5 = 0.33.
    let o = ScoreRequest::from_json(
        r#"{"default_estimate": {"optimistic_percent": -10, "pessimistic_percent": 25}}"#,
    )
    .and_then(|r| r.options())
    .unwrap();
    let s = run(UNESTIMATED, &o);
    let a = factor(&s, "A", "spread");
    assert_eq!((a.value, a.measure), (0.33, 0.33));
    assert_eq!(
        a.sentence,
        "the default estimate ranges over 33.33% of its expected duration"
    );
    // B keeps its own estimate; the milestone has nothing to spread.
    assert_eq!(factor(&s, "B", "spread").value, 0.71);
    assert!(s.task("M").unwrap().missing.contains(&"spread".to_owned()));
    // PERT: mean (9 + 4 × 10 + 12.5) / 6 = 10.25d; 3.5 / 10.25 = 0.34.
    let pert = ScoreRequest::from_json(
        r#"{"default_estimate": {"optimistic_percent": -10, "pessimistic_percent": 25,
            "shape": "pert"}}"#,
    )
    .and_then(|r| r.options())
    .unwrap();
    assert_eq!(factor(&run(UNESTIMATED, &pert), "A", "spread").value, 0.34);
    // The history default has no range to measure: still missing.
    let history = ScoreOptions {
        default_estimate: Some(DefaultEstimate::History),
        ..ScoreOptions::default()
    };
    let doc = crate::io::json::read(UNESTIMATED).unwrap();
    let s = scores(
        &doc.project,
        &crate::schedule::schedule(&doc.project, &doc.options).unwrap(),
        &history,
        None,
        None,
    )
    .unwrap();
    assert!(s.task("A").unwrap().missing.contains(&"spread".to_owned()));
    // A bad default names its field.
    let e = ScoreRequest::from_json(r#"{"default_estimate": {"optimistic_percent": -10}}"#)
        .and_then(|r| r.options())
        .unwrap_err()
        .to_string();
    assert!(e.contains("default_estimate"), "{e}");
}

#[test]
fn the_monte_carlo_samples_the_default_estimate_too() {
    // A (10d) and B (9d) into M. Without uncertainty A is always the critical one; with
    // ±50 % on both, B is longer than A in some iterations.
    let text = r#"{"name": "Close", "start": "2026-01-05",
      "tasks": [{"id": "A", "duration": "10d"}, {"id": "B", "duration": "9d"},
                {"id": "M", "milestone": true}],
      "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}]}"#;
    let plain = ScoreOptions {
        iterations: 300,
        seed: 5,
        ..ScoreOptions::default()
    };
    assert_eq!(factor(&run(text, &plain), "B", "criticality").value, 0.0);
    let wide = ScoreOptions {
        default_estimate: Some(DefaultEstimate::Range {
            optimistic_percent: -50,
            pessimistic_percent: 50,
            shape: Shape::Uniform,
        }),
        ..plain
    };
    let s = run(text, &wide);
    let b = factor(&s, "B", "criticality").value;
    assert!(b > 0.0 && b < 1.0, "{b}");
    // Uniform 4.5d to 13.5d around 9d: mean 9d, spread 9 / 9 = 1.
    assert_eq!(factor(&s, "B", "spread").value, 1.0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn scores_stay_within_0_and_100_and_are_deterministic(
        durs in proptest::collection::vec(0u32..30, 1..8),
        w in proptest::collection::vec(0.0f64..5.0, 9),
        horizon in 0.5f64..30.0,
    ) {
        let tasks: Vec<String> = durs
            .iter()
            .enumerate()
            .map(|(k, d)| format!(r#"{{"id": "T{k}", "duration": "{d}d"}}"#))
            .collect();
        // Every task links to the last one: merges of every size.
        let last = durs.len() - 1;
        let links: Vec<String> = (0..last)
            .map(|k| format!(r#"{{"from": "T{k}", "to": "T{last}"}}"#))
            .collect();
        let text = format!(
            r#"{{"name": "P", "start": "2026-01-05", "tasks": [{}], "links": [{}]}}"#,
            tasks.join(","),
            links.join(",")
        );
        let o = ScoreOptions {
            weights: Weights {
                float: w[0] + 0.1, float_consumed: w[1], criticality: w[2], merge: w[3],
                spread: w[4], hard_constraint: w[5], overallocated: w[6], deadline: w[7],
                late: w[8],
            },
            float_horizon_days: horizon,
            ..ScoreOptions::default()
        };
        let a = run(&text, &o);
        let b = run(&text, &o);
        prop_assert_eq!(&a, &b);
        // A cap keeps the head of the ranking and counts the rest.
        let capped = run(&text, &ScoreOptions { max_warnings: 2, ..o.clone() });
        prop_assert_eq!(capped.warnings.len(), a.warnings.len().min(2));
        prop_assert_eq!(capped.warnings_dropped + capped.warnings.len(), a.warnings.len() + a.warnings_dropped);
        prop_assert_eq!(&capped.warnings[..], &a.warnings[..capped.warnings.len()]);
        prop_assert!((0.0..=100.0).contains(&a.score));
        for t in &a.tasks {
            prop_assert!((0.0..=100.0).contains(&t.score), "{:?}", t);
            for f in &t.factors {
                prop_assert!((0.0..=1.0).contains(&f.value));
            }
        }
    }
}
