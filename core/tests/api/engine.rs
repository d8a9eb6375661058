//! The incremental engine against hand-checked expectations.

use jindu::{Driver, Duration, Edit, Engine, Lag, LinkType, ScheduleOptions};

use crate::util::*;

fn engine(text: &str) -> Engine {
    let d = doc(text);
    Engine::new(d.project, d.options).unwrap()
}

const CHAIN: &str = r#"{"name":"e","start":"2026-01-05T08:00",
    "tasks":[{"id":"A","duration":"1d"},{"id":"B","duration":"1d"},{"id":"C","duration":"1d"},{"id":"X","duration":"1d"}],
    "links":[{"from":"A","to":"B"},{"from":"B","to":"C"}]}"#;

#[test]
fn changed_tasks_only_and_why() {
    let mut e = engine(CHAIN);
    let d = e
        .apply(Edit::SetDuration {
            task: "B".into(),
            duration: Duration::days(2),
        })
        .unwrap();
    // B and C move; A's float is unchanged (it is critical either way); X gains a day of float.
    let ids: Vec<&str> = d.changes.iter().map(|c| c.task.as_str()).collect();
    assert_eq!(ids, ["B", "C", "X"]);
    assert_eq!(
        d.moved().iter().map(|t| t.as_str()).collect::<Vec<_>>(),
        ["B", "C"]
    );
    assert_eq!(
        d.project_finish,
        (dt("2026-01-07T17:00"), dt("2026-01-08T17:00"))
    );
    let c = d
        .changes
        .iter()
        .find(|c| c.task.as_str() == "C")
        .unwrap()
        .after
        .clone()
        .unwrap();
    assert!(matches!(c.schedule.driver, Driver::Link(_)));
    assert!(matches!(c.driver, jindu::DriverEntry::Link { ref from, .. } if from.as_str() == "B"));
    let why = e.why("C").unwrap();
    assert_eq!(why.len(), 1);
    assert_eq!(
        (why[0].0.as_str(), why[0].1),
        ("B", LinkType::FinishToStart)
    );
    assert_eq!(e.task("X").unwrap().total_float.minutes(), 3 * DAY);
}

#[test]
fn preview_does_not_commit() {
    let mut e = engine(CHAIN);
    let before = e.schedule();
    let d = e
        .preview(&Edit::AddLink {
            from: "X".into(),
            to: "A".into(),
            kind: LinkType::FinishToStart,
            lag: Lag::ZERO,
        })
        .unwrap();
    assert_eq!(d.moved().len(), 3);
    assert_eq!(e.schedule(), before);
    // A failing edit leaves the engine unchanged too.
    assert!(e
        .apply(Edit::AddLink {
            from: "C".into(),
            to: "A".into(),
            kind: LinkType::FinishToStart,
            lag: Lag::ZERO
        })
        .is_err());
    assert_eq!(e.schedule(), before);
}

#[test]
fn only_reachable_nodes_are_recomputed() {
    // Two independent chains of 50; editing the tail of one touches only a few nodes.
    let mut tasks = Vec::new();
    let mut links = Vec::new();
    for c in ["P", "Q"] {
        for k in 0..50 {
            tasks.push(format!(r#"{{"id":"{c}{k}","duration":"1d"}}"#));
            if k > 0 {
                links.push(format!(r#"{{"from":"{c}{}","to":"{c}{k}"}}"#, k - 1));
            }
        }
    }
    let text = format!(
        r#"{{"name":"big","start":"2026-01-05T08:00","tasks":[{}],"links":[{}]}}"#,
        tasks.join(","),
        links.join(",")
    );
    let mut e = engine(&text);
    // Shrinking Q40 changes Q's finish but not the project finish (P is as long): the forward
    // pass reaches Q40..Q49, the backward pass Q0..Q40, nothing of P.
    let d = e
        .apply(Edit::SetDuration {
            task: "Q40".into(),
            duration: Duration::hours(4),
        })
        .unwrap();
    assert!(d.recomputed <= 60, "recomputed {} nodes", d.recomputed);
    assert!(d.changes.iter().all(|c| c.task.as_str().starts_with('Q')));
    let _ = ScheduleOptions::default();
}

/// Found by the `engine` fuzz target: an ALAP predecessor placed against a task that a finish
/// constraint holds does not drive it, incrementally or in a full run.
#[test]
fn alap_predecessor_of_a_held_task_does_not_drive_it() {
    let mut e = engine(
        r#"{"name":"f","start":"2026-01-05T08:00",
        "tasks":[{"id":"T0","duration":"101.5h","constraint":{"type":"FNLT","date":"2026-01-14T05:30"}},
                 {"id":"T1","duration":"127.5h"},
                 {"id":"N1","duration":"53h","constraint":{"type":"ALAP"}}],
        "links":[{"from":"T1","to":"T0","type":"FF"}]}"#,
    );
    e.apply(Edit::AddLink {
        from: "N1".into(),
        to: "T0".into(),
        kind: LinkType::FinishToFinish,
        lag: Lag::Time(Duration::minutes_work(37)),
    })
    .unwrap();
    let p = e.project();
    let full = jindu::schedule(p, e.options()).unwrap();
    let inc = e.schedule();
    let t0 = p.index_of("T0").unwrap();
    assert_eq!(inc.task(t0).driver, Driver::Constraint);
    assert!(
        inc.driving_links(t0).is_empty(),
        "{:?}",
        inc.driving_links(t0)
    );
    assert_eq!(inc, full);
    // N1 sits against T0's held finish: 16:23 + 37 minutes = 17:00.
    let n1 = inc.task(p.index_of("N1").unwrap());
    assert_eq!(n1.finish.to_string(), "2026-01-13T16:23:00");
}

/// The work rule for unlinked pinned tasks holds incrementally: pinning a task that carries
/// resource work keeps it critical, pinning one without work takes it out of the network, and a
/// task added by an edit carries no work. After each edit the engine equals a full recompute.
#[test]
fn pinned_tasks_with_resource_work_incrementally() {
    let mut e = engine(
        r#"{"name":"e","start":"2026-01-05T08:00",
        "tasks":[{"id":"W","duration":"2d"},{"id":"N","duration":"2d"}],
        "resources":[{"id":"ann"}],
        "assignments":[{"task":"W","resource":"ann","work":"16h"}]}"#,
    );
    let pin = jindu::Pin {
        start: dt("2026-01-05T08:00"),
        finish: None,
    };
    let check = |e: &Engine| {
        let full = jindu::schedule(e.project(), &ScheduleOptions::default()).unwrap();
        assert_eq!(e.schedule(), full);
    };
    assert!(e.task("W").unwrap().critical && e.task("N").unwrap().critical);
    for id in ["W", "N"] {
        e.apply(Edit::Pin {
            task: id.into(),
            pin: Some(pin),
        })
        .unwrap();
        check(&e);
    }
    assert!(e.task("W").unwrap().critical);
    assert!(!e.task("N").unwrap().critical);
    let mut t = jindu::Task::new("X", "added").with_duration(Duration::days(2));
    t.pinned = Some(pin);
    e.apply(Edit::AddTask {
        task: Box::new(t),
        parent: None,
    })
    .unwrap();
    check(&e);
    assert!(!e.task("X").unwrap().critical);
    // Linking the work-free pinned task brings it into the network.
    e.apply(Edit::AddLink {
        from: "N".into(),
        to: "X".into(),
        kind: LinkType::StartToStart,
        lag: Lag::ZERO,
    })
    .unwrap();
    check(&e);
    assert!(e.task("N").unwrap().critical && e.task("X").unwrap().critical);
}
