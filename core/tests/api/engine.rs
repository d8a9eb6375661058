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
        .unwrap();
    assert!(matches!(c.driver, Driver::Link(_)));
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
