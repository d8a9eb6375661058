//! Project levelling tests; every expectation is worked out by hand in the comment above it
//! (the standard calendar works 08:00–12:00 and 13:00–17:00, 480 minutes a day, Monday to
//! Friday; Monday 5 January 2026 is the project start; periods are one working hour).

use proptest::prelude::*;

use super::*;
use crate::io::json;
use crate::level::rcpsp::LinkType;

fn project(text: &str) -> Project {
    json::read(text).unwrap().project
}

fn run(ps: &[&Project], o: &LevelOptions) -> Levelled {
    level(ps, o).unwrap()
}

fn start(l: &Levelled, k: usize, id: &str) -> String {
    let t = l.projects[k].tasks.iter().find(|t| t.id == id).unwrap();
    t.start.0.to_string()
}

fn resource_reason(d: &TaskDelay) -> (&str, String, u32, u32, u32, Vec<(usize, &str)>) {
    match &d.reason {
        Reason::Resource {
            resource,
            at,
            demand,
            capacity,
            used,
            by,
        } => (
            resource.as_str(),
            at.0.to_string(),
            *demand,
            *capacity,
            *used,
            by.iter().map(|t| (t.project, t.task.as_str())).collect(),
        ),
        r => panic!("not a resource reason: {r:?}"),
    }
}

const TWO_ON_ANA: &str = r#"{"name": "P", "start": "2026-01-05",
    "tasks": [{"id": "A", "duration": "2d", "priority": 800}, {"id": "B", "duration": "1d"}],
    "resources": [{"id": "ana"}],
    "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}]}"#;

#[test]
fn the_lower_priority_task_waits_with_its_reason() {
    // A (priority 800) Mon 5 – Tue 6 and B (500) Mon 5 both need all of Ana. A goes first and
    // keeps its dates; B cannot start before A frees Ana: Wednesday 7 at 08:00, a delay of two
    // days = 2 × 480 = 960 working minutes. Starting one hour earlier (Tue 16:00) would need
    // 100% more of Ana where A uses her 100% of 100%.
    let p = project(TWO_ON_ANA);
    let l = run(&[&p], &LevelOptions::default());
    assert_eq!(start(&l, 0, "A"), "2026-01-05T08:00:00");
    assert_eq!(start(&l, 0, "B"), "2026-01-07T08:00:00");
    let d = &l.projects[0].delays;
    assert_eq!(d.len(), 1);
    assert_eq!((d[0].task.as_str(), d[0].project), ("B", 0));
    assert_eq!(d[0].from.0.to_string(), "2026-01-05T08:00:00");
    assert_eq!(d[0].delay_minutes, 960);
    assert_eq!(
        resource_reason(&d[0]),
        (
            "ana",
            "2026-01-06T16:00:00".into(),
            100,
            100,
            100,
            vec![(0, "A")]
        )
    );
    // Before: both finish by Tue 6 17:00; after: B finishes Wed 7 17:00.
    assert_eq!(
        l.projects[0].finish_before.0.to_string(),
        "2026-01-06T17:00:00"
    );
    assert_eq!(l.projects[0].finish.0.to_string(), "2026-01-07T17:00:00");
    assert!(l.unresolved.is_empty());
    // The schedule itself carries the levelled dates (B's driver is the levelling delay).
    let b = p.index_of("B").unwrap();
    assert_eq!(l.projects[0].schedule.task(b).driver, crate::Driver::Delay);
}

#[test]
fn a_team_of_three() {
    // The team has 300%. X (200%, priority 900), Y (200%, 800) and Z (100%, 700), one day each
    // on Monday 5: X first; Y would make 400% > 300% and moves to Tuesday 6; Z fits beside X
    // (200 + 100 = 300%). When Y was placed only X held the team: used 200 of 300, Y needs 200.
    let p = project(
        r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "X", "duration": "1d", "priority": 900},
                  {"id": "Y", "duration": "1d", "priority": 800},
                  {"id": "Z", "duration": "1d", "priority": 700}],
        "resources": [{"id": "team", "max_units": 300}],
        "assignments": [{"task": "X", "resource": "team", "units": 200},
                        {"task": "Y", "resource": "team", "units": 200},
                        {"task": "Z", "resource": "team", "units": 100}]}"#,
    );
    let l = run(&[&p], &LevelOptions::default());
    assert_eq!(start(&l, 0, "X"), "2026-01-05T08:00:00");
    assert_eq!(start(&l, 0, "Y"), "2026-01-06T08:00:00");
    assert_eq!(start(&l, 0, "Z"), "2026-01-05T08:00:00");
    let d = &l.projects[0].delays;
    assert_eq!(d.len(), 1);
    assert_eq!(
        resource_reason(&d[0]),
        (
            "team",
            "2026-01-05T16:00:00".into(),
            200,
            300,
            200,
            vec![(0, "X")]
        )
    );
    assert!(l.unresolved.is_empty());
}

#[test]
fn a_holiday_on_the_resource_calendar() {
    // As above, but Ana is off on Wednesday 7: B, moving anyway, does not start on her day
    // off but on Thursday 8 at 08:00: three working days later on B's (standard) calendar,
    // 3 × 480 = 1440 minutes. Loading finds no overallocation.
    let p = project(
        r#"{"name": "P", "start": "2026-01-05",
        "calendars": [{"id": "ana", "base": "standard",
            "exceptions": [{"date": "2026-01-07", "working": []}]}],
        "tasks": [{"id": "A", "duration": "2d", "priority": 800}, {"id": "B", "duration": "1d"}],
        "resources": [{"id": "ana", "calendar": "ana"}],
        "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}]}"#,
    );
    let l = run(&[&p], &LevelOptions::default());
    assert_eq!(start(&l, 0, "B"), "2026-01-08T08:00:00");
    let d = &l.projects[0].delays[0];
    assert_eq!(d.delay_minutes, 1440);
    assert_eq!(resource_reason(d).5, vec![(0, "A")]);
    assert!(l.unresolved.is_empty());
}

#[test]
fn no_capacity_at_all_for_a_day() {
    // Ana is at 0% on Monday 5 (availability): A (1 day) moves to Tuesday 6; the reason is
    // her capacity of 0 itself, with nobody using her.
    let p = project(
        r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "1d"}],
        "resources": [{"id": "ana", "availability": [
            {"from": "2026-01-05", "to": "2026-01-06", "max_units": 0}]}],
        "assignments": [{"task": "A", "resource": "ana"}]}"#,
    );
    let l = run(&[&p], &LevelOptions::default());
    assert_eq!(start(&l, 0, "A"), "2026-01-06T08:00:00");
    assert_eq!(
        resource_reason(&l.projects[0].delays[0]),
        ("ana", "2026-01-05T16:00:00".into(), 100, 0, 0, vec![])
    );
    assert!(l.unresolved.is_empty());
}

#[test]
fn within_float_reports_what_it_cannot_fix() {
    // A and B, two days each on Ana, both critical (no float): within float neither may move,
    // so nothing moves and the overallocation Mon 5 08:00 – Tue 6 17:00 (200% of 100%) is
    // reported. Without the option B waits until Wednesday 7.
    let p = project(
        r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "2d", "priority": 800}, {"id": "B", "duration": "2d"}],
        "resources": [{"id": "ana"}],
        "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}]}"#,
    );
    let o = LevelOptions {
        within_float: true,
        ..LevelOptions::default()
    };
    let l = run(&[&p], &o);
    assert!(l.projects[0].delays.is_empty());
    assert_eq!(l.unresolved.len(), 1);
    let u = &l.unresolved[0];
    assert_eq!(u.resource, "ana");
    assert_eq!(u.start.0.to_string(), "2026-01-05T08:00:00");
    assert_eq!(u.finish.0.to_string(), "2026-01-06T17:00:00");
    assert_eq!((u.peak_units, u.max_units), (200.0, 100));
    let l = run(&[&p], &LevelOptions::default());
    assert_eq!(start(&l, 0, "B"), "2026-01-07T08:00:00");
    assert!(l.unresolved.is_empty());
}

#[test]
fn within_float_uses_the_float_there_is() {
    // C (no resource) runs three days, Mon 5 – Wed 7, so the project finishes Wed 17:00. A (1
    // day, priority 800) and B (1 day, 2 days of float) share Ana: B moves to Tuesday 6, within
    // its float, and the finish does not move.
    let p = project(
        r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "1d", "priority": 800}, {"id": "B", "duration": "1d"},
                  {"id": "C", "duration": "3d"}],
        "resources": [{"id": "ana"}],
        "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}]}"#,
    );
    let o = LevelOptions {
        within_float: true,
        ..LevelOptions::default()
    };
    let l = run(&[&p], &o);
    assert_eq!(start(&l, 0, "B"), "2026-01-06T08:00:00");
    assert_eq!(l.projects[0].finish.0.to_string(), "2026-01-07T17:00:00");
    assert!(l.unresolved.is_empty());
}

#[test]
fn a_portfolio_shares_one_resource_and_priorities_decide() {
    // Ana works for both projects. X (project 0, 2 days, priority 300) and Y (project 1, 2
    // days, priority 700) both start Monday 5: Y wins, X waits until Wednesday 7, because of Y
    // of project 1. With the priorities swapped, Y waits instead.
    let doc = |px: u16, py: u16| {
        (
            project(&format!(
                r#"{{"name": "P0", "start": "2026-01-05",
                "tasks": [{{"id": "X", "duration": "2d", "priority": {px}}}],
                "resources": [{{"id": "ana"}}],
                "assignments": [{{"task": "X", "resource": "ana"}}]}}"#
            )),
            project(&format!(
                r#"{{"name": "P1", "start": "2026-01-05",
                "tasks": [{{"id": "Y", "duration": "2d", "priority": {py}}}],
                "resources": [{{"id": "ana"}}],
                "assignments": [{{"task": "Y", "resource": "ana"}}]}}"#
            )),
        )
    };
    let (p0, p1) = doc(300, 700);
    let l = run(&[&p0, &p1], &LevelOptions::default());
    assert_eq!(start(&l, 0, "X"), "2026-01-07T08:00:00");
    assert_eq!(start(&l, 1, "Y"), "2026-01-05T08:00:00");
    assert!(l.projects[1].delays.is_empty());
    let d = &l.projects[0].delays[0];
    assert_eq!(d.project, 0);
    assert_eq!(resource_reason(d).5, vec![(1, "Y")]);
    assert!(l.unresolved.is_empty());

    let (p0, p1) = doc(700, 300);
    let l = run(&[&p0, &p1], &LevelOptions::default());
    assert_eq!(start(&l, 0, "X"), "2026-01-05T08:00:00");
    assert_eq!(start(&l, 1, "Y"), "2026-01-07T08:00:00");
    assert_eq!(resource_reason(&l.projects[1].delays[0]).5, vec![(0, "X")]);
}

/// Two projects sharing Ana, one two-day task each (X in P0, Y in P1), with the project
/// fields `p0` and `p1` spliced into each document.
fn two_clients(p0: &str, p1: &str, px: u16, py: u16) -> (Project, Project) {
    let doc = |name: &str, field: &str, id: &str, pr: u16| {
        project(&format!(
            r#"{{"name": "{name}", "start": "2026-01-05", {field}
            "tasks": [{{"id": "{id}", "duration": "2d", "priority": {pr}}}],
            "resources": [{{"id": "ana"}}],
            "assignments": [{{"task": "{id}", "resource": "ana"}}]}}"#
        ))
    };
    (doc("P0", p0, "X", px), doc("P1", p1, "Y", py))
}

#[test]
fn the_project_priority_comes_before_the_task_priority() {
    // X has the higher task priority (900 against 100), but P1 the higher project priority
    // (700 against 300): the project's is compared first (Microsoft Project across a pool), so
    // Y runs Monday 5 – Tuesday 6 and X waits until Wednesday 7, because of Y of project 1.
    let (p0, p1) = two_clients(r#""priority": 300,"#, r#""priority": 700,"#, 900, 100);
    let l = run(&[&p0, &p1], &LevelOptions::default());
    assert_eq!(start(&l, 1, "Y"), "2026-01-05T08:00:00");
    assert_eq!(start(&l, 0, "X"), "2026-01-07T08:00:00");
    assert_eq!(resource_reason(&l.projects[0].delays[0]).5, vec![(1, "Y")]);
    // Equal project priorities: the tasks' decide, and X goes first.
    let (p0, p1) = two_clients(r#""priority": 600,"#, r#""priority": 600,"#, 900, 100);
    let l = run(&[&p0, &p1], &LevelOptions::default());
    assert_eq!(start(&l, 0, "X"), "2026-01-05T08:00:00");
    assert_eq!(start(&l, 1, "Y"), "2026-01-07T08:00:00");
}

#[test]
fn value_and_urgency_rank_the_clients() {
    // P0 is a 4 × 4 client (100 + 200 × (4 − 1) = 700), P1 a 5 × 1 client (100 + 200 × (√5 − 1)
    // = 347.2 → 347): P0 wins though its task priority is lower.
    let (p0, p1) = two_clients(
        r#""ranking": {"value": 4, "urgency": 4},"#,
        r#""ranking": {"value": 5, "urgency": 1},"#,
        100,
        900,
    );
    assert_eq!(p0.priority().level(), 700);
    assert_eq!(p1.priority().level(), 347);
    let l = run(&[&p0, &p1], &LevelOptions::default());
    assert_eq!(start(&l, 0, "X"), "2026-01-05T08:00:00");
    assert_eq!(start(&l, 1, "Y"), "2026-01-07T08:00:00");
    // The ranking survives the JSON round trip as a ranking, not as the number it maps to.
    let back = project(&json::write_project(&p0, &Default::default()));
    assert_eq!(back.priority(), p0.priority());
    assert!(json::write_project(&p0, &Default::default()).contains(r#""urgency": 4.0"#));
}

#[test]
fn a_do_not_level_project_keeps_its_dates() {
    // P0 has project priority 1000: X is never delayed, even against Y's task priority 900 in
    // a project of priority 999; Y waits until Wednesday 7.
    let (p0, p1) = two_clients(r#""priority": 1000,"#, r#""priority": 999,"#, 0, 900);
    let l = run(&[&p0, &p1], &LevelOptions::default());
    assert_eq!(start(&l, 0, "X"), "2026-01-05T08:00:00");
    assert_eq!(start(&l, 1, "Y"), "2026-01-07T08:00:00");
    assert!(l.projects[0].delays.is_empty());
}

#[test]
fn a_bad_project_priority_names_its_field() {
    let bad = |field: &str| {
        let text = format!(r#"{{"name": "P", "start": "2026-01-05", {field} "tasks": []}}"#);
        json::read(&text).unwrap_err().to_string()
    };
    let e = bad(r#""priority": 1001,"#);
    assert!(e.contains("priority") && e.contains("0 to 1000"), "{e}");
    let e = bad(r#""ranking": {"value": 6, "urgency": 3},"#);
    assert!(e.contains("ranking.value") && e.contains("1 to 5"), "{e}");
    let e = bad(r#""ranking": {"value": 3, "urgency": 0.5},"#);
    assert!(e.contains("ranking.urgency"), "{e}");
    let e = bad(r#""priority": 500, "ranking": {"value": 3, "urgency": 3},"#);
    assert!(e.contains("not both"), "{e}");
    let e = bad(r#""ranking": {"value": 3},"#);
    assert!(e.contains("urgency"), "{e}");
}

#[test]
fn do_not_level_and_started_tasks_stay() {
    // D has priority 1000 (do not level) and S has started: neither moves, even against the
    // higher priority of B (900), which waits until both are done: D and S run Monday 5,
    // Ana has 200%, B needs 100% → Tuesday 6.
    let p = project(
        r#"{"name": "P", "start": "2026-01-05", "status_date": "2026-01-05T12:00",
        "tasks": [{"id": "D", "duration": "1d", "priority": 1000},
                  {"id": "S", "duration": "1d", "priority": 100, "actual_start": "2026-01-05T08:00"},
                  {"id": "B", "duration": "1d", "priority": 900}],
        "resources": [{"id": "ana", "max_units": 200}],
        "assignments": [{"task": "D", "resource": "ana"}, {"task": "S", "resource": "ana"},
                        {"task": "B", "resource": "ana"}]}"#,
    );
    let l = run(&[&p], &LevelOptions::default());
    assert_eq!(start(&l, 0, "D"), "2026-01-05T08:00:00");
    assert_eq!(start(&l, 0, "S"), "2026-01-05T08:00:00");
    assert_eq!(start(&l, 0, "B"), "2026-01-06T08:00:00");
    assert_eq!(
        resource_reason(&l.projects[0].delays[0]).5,
        vec![(0, "D"), (0, "S")]
    );
}

#[test]
fn a_successor_moves_because_its_predecessor_did() {
    // B waits for A until Wednesday 7 (as in the first test); C (no resource) follows B and so
    // moves from Tuesday 6 to Thursday 8, because of B.
    let p = project(
        r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "2d", "priority": 800}, {"id": "B", "duration": "1d"},
                  {"id": "C", "duration": "1d"}],
        "links": [{"from": "B", "to": "C"}],
        "resources": [{"id": "ana"}],
        "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}]}"#,
    );
    let l = run(&[&p], &LevelOptions::default());
    assert_eq!(start(&l, 0, "C"), "2026-01-08T08:00:00");
    let d = &l.projects[0].delays;
    assert_eq!(d.len(), 2);
    assert_eq!(d[1].task, "C");
    assert_eq!(
        d[1].reason,
        Reason::Predecessor {
            task: TaskRef {
                project: 0,
                task: "B".into()
            }
        }
    );
}

#[test]
fn bad_input_is_a_typed_error() {
    // 300% of a resource that never has more than 100%.
    let p = project(
        r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "1d"}],
        "resources": [{"id": "ana"}],
        "assignments": [{"task": "A", "resource": "ana", "units": 300}]}"#,
    );
    let e = level(&[&p], &LevelOptions::default()).unwrap_err();
    match &e {
        Error::Invalid {
            item: Item::Assignment { task, resource },
            ..
        } => assert_eq!((task.as_str(), resource.as_str()), ("A", "ana")),
        e => panic!("{e:?}"),
    }
    // An unknown resource and negative units are refused when the document is read.
    let unknown = json::read(
        r#"{"name": "P", "start": "2026-01-05", "tasks": [{"id": "A", "duration": "1d"}],
        "assignments": [{"task": "A", "resource": "bob"}]}"#,
    )
    .unwrap_err();
    assert!(unknown.to_string().contains("bob"), "{unknown}");
    let negative = json::read(
        r#"{"name": "P", "start": "2026-01-05", "tasks": [{"id": "A", "duration": "1d"}],
        "resources": [{"id": "ana"}],
        "assignments": [{"task": "A", "resource": "ana", "units": -50}]}"#,
    );
    assert!(negative.is_err());
    // A period of zero minutes.
    let o = LevelOptions {
        period_minutes: 0,
        ..LevelOptions::default()
    };
    assert!(level(&[&p], &o).is_err());
}

#[test]
fn progress_counts_every_pass_and_a_cancel_keeps_the_passes_run() {
    // A (2 days), B (1 day) and C (3 days) all need all of Ana: whatever the order, she works
    // 2 + 1 + 3 = 6 days = 48 hourly periods, so every pass has makespan 48 and no conflict.
    let p = project(
        r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"},
                  {"id": "C", "duration": "3d"}],
        "resources": [{"id": "ana"}],
        "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"},
                        {"task": "C", "resource": "ana"}]}"#,
    );
    let o = LevelOptions {
        schedules: 12,
        seed: 9,
        ..LevelOptions::default()
    };
    let mut seen = Vec::new();
    let mut progress = |q: &Progress| seen.push(*q);
    let control = Control {
        progress: Some(&mut progress),
        cancel: None,
    };
    let l = level_with(&[&p], &o, control).unwrap();
    let want: Vec<Progress> = (1..=12)
        .map(|done| Progress {
            done,
            total: 12,
            makespan: 48,
            conflicts: 0,
        })
        .collect();
    assert_eq!(seen, want);
    assert_eq!(l, run(&[&p], &o));
    assert!(!l.cancelled);
    assert!(!serde_json::to_string(&l).unwrap().contains("cancelled"));

    // Cancelled at the third report: three passes run, the result of `schedules: 3`.
    let token = crate::control::CancelToken::default();
    let mut calls = 0;
    let mut stop = |q: &Progress| {
        calls += 1;
        if q.done == 3 {
            token.cancel();
        }
    };
    let control = Control {
        progress: Some(&mut stop),
        cancel: Some(&token),
    };
    let l = level_with(&[&p], &o, control).unwrap();
    assert_eq!(calls, 3);
    assert!(l.cancelled);
    assert_eq!(l.schedules_generated, 3);
    let three = run(&[&p], &LevelOptions { schedules: 3, ..o });
    assert_eq!(
        (&l.projects, &l.unresolved),
        (&three.projects, &three.unresolved)
    );
    assert!(serde_json::to_string(&l)
        .unwrap()
        .contains(r#""cancelled":true"#));

    // Set before the first pass: nothing to return.
    let control = Control {
        progress: None,
        cancel: Some(&token),
    };
    let e = level_with(&[&p], &o, control).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::Cancelled);
    let mut r = Levelling::new(&[&p], &o).unwrap();
    assert_eq!(r.result().unwrap_err().code(), crate::ErrorCode::Cancelled);
    // A cancelled run stays stopped.
    let control = Control {
        progress: None,
        cancel: Some(&token),
    };
    assert_eq!(r.advance(5, control).unwrap().done, 0);
    assert!(r.is_done());
    assert_eq!(r.advance(5, Control::default()).unwrap().done, 0);

    // An empty portfolio is done at once, with nothing to level.
    let mut e = Levelling::new(&[], &o).unwrap();
    assert!(e.is_done());
    assert_eq!(e.advance(3, Control::default()).unwrap().total, 0);
    assert_eq!(e.result().unwrap().schedules_generated, 0);
}

/// A random project: tasks of whole hours on a few resources, forward links between them.
fn arb_project() -> impl Strategy<Value = Project> {
    (
        prop::collection::vec((1i64..=16, 0u16..=1000, 0usize..3, 1u32..=2), 1..10),
        prop::collection::vec((0usize..10, 0usize..10, 0u8..3, -2i64..=3), 0..10),
        prop::collection::vec(1u32..=3, 3),
    )
        .prop_map(|(tasks, links, caps)| {
            let mut p = Project::new("R", "2026-01-05T08:00".parse().unwrap());
            for (k, c) in caps.iter().enumerate() {
                p.add_resource(crate::Resource {
                    id: format!("r{k}").as_str().into(),
                    max_units: c * 100,
                    ..crate::Resource::default()
                })
                .unwrap();
            }
            for (k, &(h, pr, r, u)) in tasks.iter().enumerate() {
                let mut t = crate::Task::new(format!("T{k}"), format!("T{k}"))
                    .with_duration(crate::Duration::hours(h));
                t.priority = pr.min(999);
                let i = p.add_task(t).unwrap();
                let units = (u * 100).min(caps[r] * 100);
                p.add_assignment(crate::Assignment {
                    task: i,
                    resource: crate::ResourceIndex(r as u32),
                    units,
                    work: None,
                    actual_work: None,
                    cost: None,
                })
                .unwrap();
            }
            let n = tasks.len();
            let mut seen = std::collections::BTreeSet::new();
            for (a, b, kind, lag) in links {
                let (a, b) = (a % n, b % n);
                if a >= b || !seen.insert((a, b)) {
                    continue;
                }
                let kind = [
                    LinkType::FinishToStart,
                    LinkType::StartToStart,
                    LinkType::FinishToFinish,
                ][kind as usize];
                let l = crate::Link::new(TaskIndex(a as u32), TaskIndex(b as u32), kind)
                    .with_lag(Lag::Time(crate::Duration::hours(lag)));
                let _ = p.add_link(l);
            }
            p
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn levelled_schedules_are_feasible(p in arb_project(), seed in 0u64..4, passes in 1u64..4) {
        let o = LevelOptions { schedules: passes, seed, ..LevelOptions::default() };
        let l = level(&[&p], &o).unwrap();
        // No overallocation left, by the loading's own count.
        prop_assert!(l.unresolved.is_empty(), "{:?}", l.unresolved);
        let s1 = &l.projects[0].schedule;
        let s0 = crate::schedule(&p, &o.schedule).unwrap();
        let ld = load(&[(&p, s1)], &LoadOptions::new(Period::Day)).unwrap();
        prop_assert!(ld.resources.iter().all(|r| r.overallocations.is_empty()));
        // Every link holds and nothing starts before its unlevelled early start.
        prop_assert!(s1.violations().is_empty(), "{:?}", s1.violations());
        for (i, t) in s1.tasks().iter().enumerate() {
            prop_assert!(t.start >= s0.tasks()[i].early_start, "task {i}");
        }
        let cal = crate::Calendar::standard().compile_standalone().unwrap();
        for link in p.links() {
            let (a, b) = (s1.task(link.from), s1.task(link.to));
            let Lag::Time(lag) = link.lag else { unreachable!() };
            let (from, to) = match link.kind {
                LinkType::FinishToStart => (a.finish, b.start),
                LinkType::StartToStart => (a.start, b.start),
                _ => (a.finish, b.finish),
            };
            // The successor's end is at least the lag (working time) after the predecessor's.
            let gap = if to >= from { cal.work_between(from, to) } else { -cal.work_between(to, from) };
            prop_assert!(gap >= lag.minutes(), "{link:?}: {gap} < {}", lag.minutes());
        }
        // Delays are reported for exactly the tasks that moved.
        let moved = (0..p.len()).filter(|&i| s1.tasks()[i].start > s0.tasks()[i].start).count();
        prop_assert_eq!(moved, l.projects[0].delays.len());
        // Same input and seed, same output.
        prop_assert_eq!(&l, &level(&[&p], &o).unwrap());
    }

    #[test]
    fn split_levelled_schedules_are_feasible(
        p in arb_project(),
        seed in 0u64..4,
        passes in 1u64..4,
        within_float in any::<bool>(),
    ) {
        let o = LevelOptions { split: true, within_float, schedules: passes, seed, ..LevelOptions::default() };
        let l = level(&[&p], &o).unwrap();
        let lp = &l.projects[0];
        let s1 = &lp.schedule;
        let s0 = crate::schedule(&p, &o.schedule).unwrap();
        // The levelled project (with its splits) schedules to the levelled dates given the
        // delays, and loading it by the hour finds no period over capacity.
        let q = lp.apply(&p).unwrap();
        let ld = load(&[(&q, s1)], &LoadOptions::new(Period::Hour)).unwrap();
        if within_float {
            prop_assert_eq!(s1.project_finish, s0.project_finish);
        } else {
            prop_assert!(l.unresolved.is_empty(), "{:?}\n{}\n{}", l.unresolved, json::write_project(&p, &o.schedule), serde_json::to_string(&l).unwrap());
            for r in &ld.resources {
                prop_assert!(r.overallocations.is_empty(), "{}: {:?}", r.id, r.overallocations);
                for pd in &r.periods {
                    prop_assert!(pd.work_minutes <= pd.capacity_minutes, "{}: {:?}", r.id, pd);
                }
            }
        }
        // Every link holds, measured from the last part's finish.
        prop_assert!(s1.violations().is_empty(), "{:?}", s1.violations());
        let cal = crate::Calendar::standard().compile_standalone().unwrap();
        for link in p.links() {
            let (a, b) = (s1.task(link.from), s1.task(link.to));
            let Lag::Time(lag) = link.lag else { unreachable!() };
            let (from, to) = match link.kind {
                LinkType::FinishToStart => (a.finish, b.start),
                LinkType::StartToStart => (a.start, b.start),
                _ => (a.finish, b.finish),
            };
            let gap = if to >= from { cal.work_between(from, to) } else { -cal.work_between(to, from) };
            prop_assert!(gap >= lag.minutes(), "{link:?}: {gap} < {}", lag.minutes());
        }
        for (i, lt) in lp.tasks.iter().enumerate() {
            let (t0, t) = (&s0.tasks()[i], p.tasks()[i].clone());
            // Nothing starts before its unlevelled early start.
            prop_assert!(s1.tasks()[i].start >= t0.early_start, "task {i}");
            if lt.parts.is_empty() {
                prop_assert!(lt.pauses.is_empty());
                continue;
            }
            // Parts in order, from the start to the finish, one pause between each two, and
            // they work exactly the task's duration.
            prop_assert_eq!(lt.parts[0].start, lt.start);
            prop_assert_eq!(lt.parts[lt.parts.len() - 1].finish, lt.finish);
            prop_assert_eq!(lt.pauses.len(), lt.parts.len() - 1);
            for (w, pause) in lt.parts.windows(2).zip(&lt.pauses) {
                prop_assert!(w[0].start.0 < w[0].finish.0 && w[0].finish.0 < w[1].start.0);
                prop_assert_eq!((pause.start, pause.finish), (w[0].finish, w[1].start));
                let full = matches!(&pause.reason, Reason::Resource { used, demand, capacity, .. } if used + demand > *capacity);
                prop_assert!(full, "{:?}", pause.reason);
            }
            let worked: i64 = lt.parts.iter().map(|x| cal.work_between(x.start.0, x.finish.0)).sum();
            prop_assert_eq!(worked, t.duration.minutes(), "task {}", i);
        }
        // Same input and seed, same output.
        prop_assert_eq!(&l, &level(&[&p], &o).unwrap());
    }

    #[test]
    fn slices_progress_and_cancel_change_nothing(
        p in arb_project(),
        seed in 0u64..4,
        passes in 1u64..12,
        slices in prop::collection::vec(1u64..5, 1..12),
        stop_at in 1u64..12,
    ) {
        let o = LevelOptions { schedules: passes, seed, ..LevelOptions::default() };
        let plain = level(&[&p], &o).unwrap();
        // Advanced in slices, with a progress callback: the same result; the reports count
        // every pass once, in order, and the best makespan never grows.
        let mut run = Levelling::new(&[&p], &o).unwrap();
        let mut seen = Vec::new();
        let mut k = 0;
        while !run.is_done() {
            let mut progress = |q: &Progress| seen.push(*q);
            let control = Control { progress: Some(&mut progress), cancel: None };
            run.advance(slices[k % slices.len()], control).unwrap();
            k += 1;
        }
        prop_assert_eq!(&run.result().unwrap(), &plain);
        prop_assert_eq!(seen.iter().map(|q| q.done).collect::<Vec<_>>(), (1..=passes).collect::<Vec<_>>());
        prop_assert!(seen.windows(2).all(|w| (w[1].conflicts, w[1].makespan) <= (w[0].conflicts, w[0].makespan)));
        // Cancelled at report `stop_at`: the result of that many passes.
        let token = crate::control::CancelToken::default();
        let mut stop = |q: &Progress| if q.done == stop_at { token.cancel() };
        let control = Control { progress: Some(&mut stop), cancel: Some(&token) };
        let l = level_with(&[&p], &o, control).unwrap();
        let ran = stop_at.min(passes);
        prop_assert_eq!(l.cancelled, stop_at < passes);
        prop_assert_eq!(l.schedules_generated, ran);
        let fewer = level(&[&p], &LevelOptions { schedules: ran, ..o }).unwrap();
        prop_assert_eq!(&l.projects, &fewer.projects);
    }

    #[test]
    fn within_float_keeps_the_finish(p in arb_project()) {
        // Every task stays within its late start, so the project finish does not move, and
        // whatever is still overallocated is reported (never more than before).
        let o = LevelOptions { within_float: true, ..LevelOptions::default() };
        let l = level(&[&p], &o).unwrap();
        let s0 = crate::schedule(&p, &o.schedule).unwrap();
        prop_assert_eq!(l.projects[0].schedule.project_finish, s0.project_finish);
        for (i, t) in l.projects[0].schedule.tasks().iter().enumerate() {
            prop_assert!(t.start <= s0.tasks()[i].late_start, "task {i}");
        }
    }

    #[test]
    fn levelling_a_feasible_schedule_changes_nothing(p in arb_project()) {
        // Give every resource room for all its assignments at once: nothing is overallocated.
        let mut q = p.clone();
        let total: u32 = q.assignments().iter().map(|a| a.units).sum();
        let rs: Vec<crate::Resource> = q.resources().iter().cloned().map(|mut r| {
            r.max_units = total;
            r
        }).collect();
        let mut fresh = Project::new("R", "2026-01-05T08:00".parse().unwrap());
        for r in rs { fresh.add_resource(r).unwrap(); }
        for t in q.tasks() { fresh.add_task(t.clone()).unwrap(); }
        for l in q.links() { fresh.add_link(*l).unwrap(); }
        for a in q.assignments() { fresh.add_assignment(*a).unwrap(); }
        q = fresh;
        let l = level(&[&q], &LevelOptions::default()).unwrap();
        prop_assert!(l.projects[0].delays.is_empty());
        prop_assert_eq!(&l.projects[0].schedule, &crate::schedule(&q, &ScheduleOptions::default()).unwrap());
    }
}

/// H (priority 800, 1 day) must start no earlier than Tuesday 6; T (4 days) and H both need
/// all of Ana; S follows T finish-to-start and needs no one.
const BUSY_TUESDAY: &str = r#"{"name": "P", "start": "2026-01-05",
    "tasks": [{"id": "T", "duration": "4d"},
              {"id": "H", "duration": "1d", "priority": 800,
               "constraint": {"type": "SNET", "date": "2026-01-06"}},
              {"id": "S", "duration": "1d"}],
    "links": [{"from": "T", "to": "S"}],
    "resources": [{"id": "ana"}],
    "assignments": [{"task": "T", "resource": "ana"}, {"task": "H", "resource": "ana"}]}"#;

fn task<'l>(l: &'l Levelled, id: &str) -> &'l LevelledTask {
    l.projects[0].tasks.iter().find(|t| t.id == id).unwrap()
}

#[test]
fn without_split_the_task_waits_for_the_busy_day() {
    // Unlevelled: T Mon 5 – Thu 8, H Tue 6. H (800) goes first and keeps Tuesday; T's four
    // days in one piece first fit from Wednesday 7: Wed, Thu, Fri 9, Mon 12, finishing Monday
    // 12 at 17:00; S follows on Tuesday 13.
    let p = project(BUSY_TUESDAY);
    let l = run(&[&p], &LevelOptions::default());
    let t = task(&l, "T");
    assert_eq!(t.start.0.to_string(), "2026-01-07T08:00:00");
    assert_eq!(t.finish.0.to_string(), "2026-01-12T17:00:00");
    assert!(t.parts.is_empty() && t.pauses.is_empty());
    assert_eq!(start(&l, 0, "S"), "2026-01-13T08:00:00");
    assert!(l.unresolved.is_empty());
}

#[test]
fn with_split_the_task_works_around_the_busy_day() {
    // With splitting T works Monday 5 (8 periods), pauses on Tuesday 6 while H holds Ana, and
    // resumes Wednesday 7 for its other 3 days: Wed, Thu 8, Fri 9, finishing Friday 9 at
    // 17:00, a working day before the whole task would (Monday 12). Its start does not move,
    // so there is no delay; its pause names Ana (H uses her 100% of 100% on Tuesday 08:00).
    // S follows T's last part: Monday 12.
    let p = project(BUSY_TUESDAY);
    let o = LevelOptions {
        split: true,
        ..LevelOptions::default()
    };
    let l = run(&[&p], &o);
    let t = task(&l, "T");
    assert_eq!(t.start.0.to_string(), "2026-01-05T08:00:00");
    assert_eq!(t.finish.0.to_string(), "2026-01-09T17:00:00");
    let parts: Vec<(String, String)> = t
        .parts
        .iter()
        .map(|x| (x.start.0.to_string(), x.finish.0.to_string()))
        .collect();
    assert_eq!(
        parts,
        [
            ("2026-01-05T08:00:00".into(), "2026-01-05T17:00:00".into()),
            ("2026-01-07T08:00:00".into(), "2026-01-09T17:00:00".into())
        ]
    );
    // One pause of one day after one day of work, in the model's terms.
    assert_eq!(
        t.splits,
        [crate::Split {
            after: crate::Duration::minutes_work(480),
            pause: crate::Duration::minutes_work(480)
        }]
    );
    assert_eq!(t.pauses.len(), 1);
    let pause = &t.pauses[0];
    assert_eq!(
        (pause.start.0.to_string(), pause.finish.0.to_string()),
        ("2026-01-05T17:00:00".into(), "2026-01-07T08:00:00".into())
    );
    match &pause.reason {
        Reason::Resource {
            resource,
            at,
            demand,
            capacity,
            used,
            by,
        } => {
            assert_eq!(
                (resource.as_str(), at.0.to_string().as_str()),
                ("ana", "2026-01-06T08:00:00")
            );
            assert_eq!((*demand, *capacity, *used), (100, 100, 100));
            assert_eq!(
                by,
                &[TaskRef {
                    project: 0,
                    task: "H".into()
                }]
            );
        }
        r => panic!("not a resource reason: {r:?}"),
    }
    assert!(l.projects[0].delays.iter().all(|d| d.task != "T"));
    assert_eq!(start(&l, 0, "S"), "2026-01-12T08:00:00");
    assert_eq!(l.projects[0].finish.0.to_string(), "2026-01-12T17:00:00");
    // Loading honours the pause: nothing is overallocated.
    assert!(l.unresolved.is_empty());
    // The levelled project carries the split, and scheduling it gives the same dates.
    let q = l.projects[0].apply(&p).unwrap();
    let ti = q.index_of("T").unwrap();
    assert_eq!(q.task(ti).splits, t.splits);
}

#[test]
fn a_split_that_would_not_finish_earlier_is_not_made() {
    // H busy on Monday 5 instead: T's first free period is Tuesday 08:00 in one piece as well,
    // so T simply waits (start Tue 6, finish Fri 9) and is not split.
    let p = project(&BUSY_TUESDAY.replace("2026-01-06", "2026-01-05"));
    let o = LevelOptions {
        split: true,
        ..LevelOptions::default()
    };
    let l = run(&[&p], &o);
    let t = task(&l, "T");
    assert!(t.parts.is_empty());
    assert_eq!(t.start.0.to_string(), "2026-01-06T08:00:00");
    assert_eq!(t.finish.0.to_string(), "2026-01-09T17:00:00");
}

#[test]
fn a_do_not_level_task_is_never_split() {
    // T at priority 1000 is not levelled at all: it keeps Mon 5 – Thu 8 whole, and H waits
    // for Ana until Friday 9.
    let p = project(&BUSY_TUESDAY.replace(
        r#""id": "T", "duration": "4d""#,
        r#""id": "T", "duration": "4d", "priority": 1000"#,
    ));
    let o = LevelOptions {
        split: true,
        ..LevelOptions::default()
    };
    let l = run(&[&p], &o);
    let t = task(&l, "T");
    assert!(t.parts.is_empty());
    assert_eq!(t.finish.0.to_string(), "2026-01-08T17:00:00");
    assert_eq!(start(&l, 0, "H"), "2026-01-09T08:00:00");
    assert!(task(&l, "H").parts.is_empty());
}

/// The calendars a generated plan may use: a six-day week (09:00–13:00, 14:00–18:00), mornings
/// only, the standard week with two holidays and a working Saturday (a 调休 make-up day), and a
/// late shift (10:00–14:00, 15:00–19:00) that overlaps the standard day only in part.
const CALENDARS: &str = r#"[
    {"id": "six", "week": {"mon": ["09:00-13:00", "14:00-18:00"], "tue": ["09:00-13:00", "14:00-18:00"],
        "wed": ["09:00-13:00", "14:00-18:00"], "thu": ["09:00-13:00", "14:00-18:00"],
        "fri": ["09:00-13:00", "14:00-18:00"], "sat": ["09:00-13:00", "14:00-18:00"]}},
    {"id": "half", "week": {"mon": ["08:00-12:00"], "tue": ["08:00-12:00"], "wed": ["08:00-12:00"],
        "thu": ["08:00-12:00"], "fri": ["08:00-12:00"]}},
    {"id": "hol", "base": "standard", "exceptions": [
        {"date": "2026-01-07", "working": []}, {"date": "2026-01-14", "working": []},
        {"date": "2026-01-10", "working": ["08:00-12:00", "13:00-17:00"]}]},
    {"id": "late", "week": {"mon": ["10:00-14:00", "15:00-19:00"], "tue": ["10:00-14:00", "15:00-19:00"],
        "wed": ["10:00-14:00", "15:00-19:00"], "thu": ["10:00-14:00", "15:00-19:00"],
        "fri": ["10:00-14:00", "15:00-19:00"]}}]"#;

/// A calendar's key by number: 0 none (the project's, or the standard week), else one of
/// [`CALENDARS`].
fn cal_key(k: u8) -> Option<&'static str> {
    [None, Some("six"), Some("half"), Some("hol"), Some("late")][k as usize % 5]
}

/// A random plan as a JSON document: its own project calendar, tasks on their own calendars,
/// resources on theirs with a window of other capacity (none at all, even), links with lags;
/// no assignment above `most` units (in hundreds) or its resource's max units.
fn arb_calendared_document(most: u32) -> impl Strategy<Value = String> {
    (
        0u8..5,
        prop::collection::vec((1i64..=16, 0u16..=1000, 0usize..3, 1u32..=2, 0u8..12), 1..10),
        prop::collection::vec((0usize..10, 0usize..10, 0u8..3, -2i64..=3), 0..10),
        prop::collection::vec((1u32..=3, 0u8..5, prop::option::of((0u32..=3, 1u8..=4))), 3),
    )
        .prop_map(move |(project_cal, tasks, links, resources)| {
            let quote = |k: Option<&str>| k.map(|c| format!(r#""calendar": "{c}", "#)).unwrap_or_default();
            let rs: Vec<String> = resources
                .iter()
                .enumerate()
                .map(|(k, &(cap, cal, window))| {
                    let availability = window
                        .map(|(units, days)| {
                            format!(r#", "availability": [{{"from": "2026-01-06", "to": "2026-01-{:02}", "max_units": {}}}]"#,
                                6 + days, units * 100)
                        })
                        .unwrap_or_default();
                    format!(r#"{{"id": "r{k}", {}"max_units": {}{availability}}}"#, quote(cal_key(cal)), cap * 100)
                })
                .collect();
            let mut ts = Vec::new();
            let mut assignments = Vec::new();
            for (k, &(h, priority, r, units, cal)) in tasks.iter().enumerate() {
                // A task keeps the project's calendar more often than not.
                let cal = if cal < 7 { None } else { cal_key(cal - 6) };
                ts.push(format!(r#"{{"id": "T{k}", {}"duration": "{h}h", "priority": {}}}"#, quote(cal), priority.min(999)));
                let units = units.min(resources[r].0).min(most) * 100;
                assignments.push(format!(r#"{{"task": "T{k}", "resource": "r{r}", "units": {units}}}"#));
            }
            let n = tasks.len();
            let mut seen = std::collections::BTreeSet::new();
            let mut ls = Vec::new();
            for (a, b, kind, lag) in links {
                let (a, b) = (a % n, b % n);
                if a < b && seen.insert((a, b)) {
                    let kind = ["FS", "SS", "FF"][kind as usize];
                    ls.push(format!(r#"{{"from": "T{a}", "to": "T{b}", "type": "{kind}", "lag": "{lag}h"}}"#));
                }
            }
            format!(
                r#"{{"name": "C", "start": "2026-01-05", {}"calendars": {CALENDARS}, "tasks": [{}],
                "links": [{}], "resources": [{}], "assignments": [{}]}}"#,
                quote(cal_key(project_cal)),
                ts.join(", "),
                ls.join(", "),
                rs.join(", "),
                assignments.join(", ")
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn levelled_schedules_are_feasible_on_any_calendar(
        first in arb_calendared_document(3),
        // The second project's resources are the first's (by id), so at least 100%.
        second in prop::option::of(arb_calendared_document(1)),
        seed in 0u64..4,
        passes in 1u64..4,
        split in any::<bool>(),
    ) {
        // One project, or a portfolio of two sharing the resources by id (the first
        // project's definitions hold), each on its own calendars.
        let texts: Vec<&String> = std::iter::once(&first).chain(second.as_ref()).collect();
        let ps: Vec<Project> = texts.iter().map(|t| json::read(t).unwrap().project).collect();
        let refs: Vec<&Project> = ps.iter().collect();
        let o = LevelOptions { schedules: passes, seed, split, ..LevelOptions::default() };
        let l = level(&refs, &o).unwrap_or_else(|e| panic!("{e}\n{texts:?}"));
        // Loaded by the hour on every resource's own calendar and capacity: no period over
        // capacity, and levelling left nothing unresolved.
        let levelled: Vec<Project> = l.projects.iter().zip(&ps).map(|(lp, p)| lp.apply(p).unwrap()).collect();
        let pairs: Vec<(&Project, &crate::Schedule)> =
            levelled.iter().zip(&l.projects).map(|(p, lp)| (p, &lp.schedule)).collect();
        let ld = load(&pairs, &LoadOptions::new(Period::Hour)).unwrap();
        for r in &ld.resources {
            prop_assert!(r.overallocations.is_empty(), "{}: {:?}\n{texts:?}", r.id, r.overallocations);
        }
        prop_assert!(l.unresolved.is_empty(), "{:?}\n{texts:?}", l.unresolved);
        for (k, p) in ps.iter().enumerate() {
            let s1 = &l.projects[k].schedule;
            let s0 = crate::schedule(p, &o.schedule).unwrap();
            // Every link holds and nothing starts before its unlevelled early start.
            prop_assert!(s1.violations().is_empty(), "{:?}\n{texts:?}", s1.violations());
            for (i, t) in s1.tasks().iter().enumerate() {
                prop_assert!(t.start >= s0.tasks()[i].early_start, "task {i}\n{texts:?}");
            }
            // Delays are reported for exactly the tasks that moved.
            let moved = (0..p.len()).filter(|&i| s1.tasks()[i].start > s0.tasks()[i].start).count();
            prop_assert_eq!(moved, l.projects[k].delays.len());
        }
        // Same input and seed, same output.
        prop_assert_eq!(&l, &level(&refs, &o).unwrap());
    }

    #[test]
    fn levelling_a_feasible_plan_on_any_calendar_changes_nothing(text in arb_calendared_document(3)) {
        // Every resource (and every window of its capacity) at 1,000 people: nothing is
        // overallocated, so nothing moves.
        let mut roomy = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(at) = rest.find(r#""max_units": "#) {
            let (head, tail) = rest.split_at(at + r#""max_units": "#.len());
            roomy.push_str(head);
            roomy.push_str("100000");
            rest = tail.trim_start_matches(|c: char| c.is_ascii_digit());
        }
        roomy.push_str(rest);
        let p = json::read(&roomy).unwrap().project;
        let l = level(&[&p], &LevelOptions::default()).unwrap();
        prop_assert!(l.projects[0].delays.is_empty(), "{:?}\n{roomy}", l.projects[0].delays);
        prop_assert!(l.unresolved.is_empty());
        prop_assert_eq!(&l.projects[0].schedule, &crate::schedule(&p, &ScheduleOptions::default()).unwrap());
    }
}

#[test]
fn tasks_on_other_calendars_are_levelled_on_the_union_of_their_working_times() {
    // The project works a late shift (Mon–Fri 10–14, 15–19), and so does Ana (the project
    // calendar). T0 (priority 67, 2 h) works the standard day, 08:00–10:00 on Monday 5; T1
    // (1 h) the late shift, 10:00–11:00; T2 (5 h, critical) a six-day week (09–13, 14–18),
    // 09:00–13:00 and 14:00–15:00. All need all of Ana.
    //
    // The axis is the union of the three calendars: Monday 08:00–19:00, one period an hour.
    // T0 goes first (priority) and uses none of Ana's time. T2 goes before T1 (earlier late
    // start) and keeps 09:00–15:00 (its span: the pass sees it as one block), which holds Ana
    // from 10:00 to 14:00; 14:00–15:00 is not Ana's time, so T1, moving anyway, starts at
    // 15:00: four working hours of its calendar later (10–14). The last full period was
    // 13:00, held by T2. Nothing is left overallocated (on the first project's calendar alone
    // as the axis, T2's work after 14:00 fell between periods and T1 landed on it at 16:00).
    let p = project(
        r#"{"name": "P", "start": "2026-01-05", "calendar": "late",
        "calendars": [
            {"id": "six", "week": {"mon": ["09:00-13:00", "14:00-18:00"], "tue": ["09:00-13:00", "14:00-18:00"],
                "wed": ["09:00-13:00", "14:00-18:00"], "thu": ["09:00-13:00", "14:00-18:00"],
                "fri": ["09:00-13:00", "14:00-18:00"], "sat": ["09:00-13:00", "14:00-18:00"]}},
            {"id": "late", "week": {"mon": ["10:00-14:00", "15:00-19:00"], "tue": ["10:00-14:00", "15:00-19:00"],
                "wed": ["10:00-14:00", "15:00-19:00"], "thu": ["10:00-14:00", "15:00-19:00"],
                "fri": ["10:00-14:00", "15:00-19:00"]}}],
        "tasks": [{"id": "T0", "calendar": "standard", "duration": "2h", "priority": 67},
                  {"id": "T1", "duration": "1h"},
                  {"id": "T2", "calendar": "six", "duration": "5h"}],
        "resources": [{"id": "ana"}],
        "assignments": [{"task": "T0", "resource": "ana"}, {"task": "T1", "resource": "ana"},
                        {"task": "T2", "resource": "ana"}]}"#,
    );
    let l = run(&[&p], &LevelOptions::default());
    assert_eq!(start(&l, 0, "T0"), "2026-01-05T08:00:00");
    assert_eq!(start(&l, 0, "T2"), "2026-01-05T09:00:00");
    assert_eq!(start(&l, 0, "T1"), "2026-01-05T15:00:00");
    let d = &l.projects[0].delays;
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].delay_minutes, 240);
    assert_eq!(
        resource_reason(&d[0]),
        (
            "ana",
            "2026-01-05T13:00:00".into(),
            100,
            100,
            100,
            vec![(0, "T2")]
        )
    );
    assert!(l.unresolved.is_empty(), "{:?}", l.unresolved);
}
