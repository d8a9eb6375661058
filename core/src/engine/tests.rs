//! The engine against full recomputation: edits, undo, previews and cycles.

use super::*;
use crate::model::Task;
use crate::time::Duration;

fn dt(s: &str) -> DateTime {
    s.parse().unwrap()
}

fn chain(n: usize) -> Project {
    let mut p = Project::new("c", dt("2026-01-05T08:00"));
    let mut prev = None;
    for k in 0..n {
        let i = p
            .add_task(Task::new(format!("T{k}"), "t").with_duration(Duration::days(1)))
            .unwrap();
        if let Some(q) = prev {
            p.add_link(Link::finish_to_start(q, i)).unwrap();
        }
        prev = Some(i);
    }
    p
}

fn same_as_full(e: &Engine) {
    let full = crate::schedule::schedule(e.project(), e.options()).unwrap();
    let inc = e.schedule();
    assert_eq!(inc.tasks(), full.tasks());
    assert_eq!(inc.project_finish, full.project_finish);
    assert_eq!(inc.critical_path(), full.critical_path());
}

#[test]
fn cycle_is_rejected_and_state_kept() {
    let mut e = Engine::new(chain(4), ScheduleOptions::default()).unwrap();
    let err = e
        .apply(Edit::AddLink {
            from: "T3".into(),
            to: "T1".into(),
            kind: LinkType::FinishToStart,
            lag: Lag::ZERO,
        })
        .unwrap_err();
    assert_eq!(err.to_string(), "dependency cycle: T1 -> T2 -> T3 -> T1");
    same_as_full(&e);
}

#[test]
fn add_link_backwards_reorders() {
    let mut p = Project::new("r", dt("2026-01-05T08:00"));
    for k in 0..5 {
        p.add_task(Task::new(format!("T{k}"), "t").with_duration(Duration::days(1)))
            .unwrap();
    }
    let mut e = Engine::new(p, ScheduleOptions::default()).unwrap();
    e.apply(Edit::AddLink {
        from: "T4".into(),
        to: "T0".into(),
        kind: LinkType::FinishToStart,
        lag: Lag::ZERO,
    })
    .unwrap();
    e.apply(Edit::AddLink {
        from: "T3".into(),
        to: "T4".into(),
        kind: LinkType::FinishToStart,
        lag: Lag::ZERO,
    })
    .unwrap();
    assert_eq!(e.task("T0").unwrap().start, dt("2026-01-07T08:00"));
    same_as_full(&e);
}

#[test]
fn add_and_remove_tasks_with_summaries() {
    let mut e = Engine::new(chain(3), ScheduleOptions::default()).unwrap();
    e.apply(Edit::AddTask {
        task: Box::new(Task::new("S", "sum")),
        parent: None,
    })
    .unwrap();
    e.apply(Edit::AddTask {
        task: Box::new(Task::new("C1", "c").with_duration(Duration::days(2))),
        parent: Some("S".into()),
    })
    .unwrap();
    e.apply(Edit::AddLink {
        from: "T2".into(),
        to: "S".into(),
        kind: LinkType::FinishToStart,
        lag: Lag::ZERO,
    })
    .unwrap();
    assert_eq!(e.task("C1").unwrap().start, dt("2026-01-08T08:00"));
    same_as_full(&e);
    e.apply(Edit::AddTask {
        task: Box::new(Task::new("C2", "c").with_duration(Duration::days(1))),
        parent: Some("C1".into()),
    })
    .unwrap();
    same_as_full(&e);
    e.apply(Edit::RemoveTask { task: "C2".into() }).unwrap();
    same_as_full(&e);
    e.apply(Edit::RemoveTask { task: "S".into() }).unwrap();
    assert!(e.task("C1").is_none());
    same_as_full(&e);
}

#[test]
fn preview_with_sees_the_edited_state() {
    let edits = [
        Edit::SetDuration {
            task: "T1".into(),
            duration: Duration::days(4),
        },
        Edit::AddTask {
            task: Box::new(Task::new("X", "x").with_duration(Duration::days(9))),
            parent: Some("T2".into()),
        },
        Edit::AddLink {
            from: "T0".into(),
            to: "T3".into(),
            kind: LinkType::StartToStart,
            lag: Lag::Time(Duration::days(1)),
        },
        Edit::RemoveTask { task: "T0".into() },
    ];
    for edit in edits {
        let mut e = Engine::new(chain(5), ScheduleOptions::default()).unwrap();
        let before = e.schedule();
        let (d, (p, s)) = e
            .preview_with(&edit, |e, _| (e.project().clone(), e.schedule()))
            .unwrap();
        assert_eq!(e.schedule(), before, "{edit:?}");
        assert_eq!(*e.project(), chain(5), "{edit:?}");
        let mut committed = Engine::new(chain(5), ScheduleOptions::default()).unwrap();
        assert_eq!(committed.apply(edit.clone()).unwrap(), d, "{edit:?}");
        assert_eq!(*committed.project(), p, "{edit:?}");
        assert_eq!(committed.schedule(), s, "{edit:?}");
    }
    let mut e = Engine::new(chain(5), ScheduleOptions::default()).unwrap();
    let bad = Edit::RemoveTask {
        task: "nope".into(),
    };
    assert!(e.preview_with(&bad, |_, _| ()).is_err());
    assert_eq!(*e.project(), chain(5));
}

#[test]
fn preview_restores_everything() {
    let mut e = Engine::new(chain(5), ScheduleOptions::default()).unwrap();
    let before = e.schedule();
    let d = e
        .preview(&Edit::AddTask {
            task: Box::new(Task::new("X", "x").with_duration(Duration::days(9))),
            parent: Some("T2".into()),
        })
        .unwrap();
    assert!(!d.changes.is_empty());
    assert_eq!(e.schedule(), before);
    assert_eq!(*e.project(), chain(5));
    let d = e.preview(&Edit::RemoveTask { task: "T0".into() }).unwrap();
    assert!(d.changes.iter().any(|c| c.after.is_none()));
    assert_eq!(e.schedule(), before);
    assert_eq!(*e.project(), chain(5));
}
