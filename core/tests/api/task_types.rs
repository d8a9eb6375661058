//! Task types and resource-driven durations (DESIGN "Loading", task types): a task's `work`
//! shared by its resources gives its duration when none is given; a change of resources keeps
//! the work of an effort-driven task (the duration follows) and the duration of the others (the
//! work follows). The standard calendar: 480 working minutes a day.

use jindu::io::json;
use jindu::track::{self, ChangeSet, TrackOptions};
use jindu::TaskType;

fn doc(text: &str) -> json::Document {
    json::read(text).unwrap_or_else(|e| panic!("{e}"))
}

const BASE: &str = r#"{"name": "W", "start": "2026-01-05", "status_date": "2026-01-05T08:00",
  "tasks": [TASK, {"id": "M", "milestone": true}],
  "links": [{"from": "A", "to": "M"}],
  "resources": [{"id": "ana", "name": "Ana"}, {"id": "bob", "name": "Bob"}, {"id": "kit", "kind": "material"}],
  "assignments": [ASSIGN]}"#;

fn project(task: &str, assign: &str) -> json::Document {
    doc(&BASE.replace("TASK", task).replace("ASSIGN", assign))
}

fn minutes(d: &json::Document, id: &str) -> i64 {
    d.project.task_by_id(id).unwrap().duration.minutes()
}

#[test]
fn work_over_units_gives_the_duration() {
    // 40 hours at 50 %: 80 working hours = 10 days = 4,800 minutes.
    let d = project(
        r#"{"id": "A", "work": "40h"}"#,
        r#"{"task": "A", "resource": "ana", "units": 50}"#,
    );
    assert_eq!(minutes(&d, "A"), 4800);
    let s = jindu::schedule(&d.project, &d.options).unwrap();
    assert_eq!(s.project_finish.to_string(), "2026-01-16T17:00:00");
    // Two people full time share it: 40 h over 200 % = 20 hours = 1,200 minutes. A material
    // resource does not count.
    let d = project(
        r#"{"id": "A", "work": "40h", "task_type": "fixed_work"}"#,
        r#"{"task": "A", "resource": "ana"}, {"task": "A", "resource": "bob"}, {"task": "A", "resource": "kit"}"#,
    );
    assert_eq!(minutes(&d, "A"), 1200);
    assert_eq!(
        d.project.task_by_id("A").unwrap().task_type,
        TaskType::FixedWork
    );
    // 10 hours at 300 %: 200 minutes exactly; 10 hours at 70 %: 857.14… rounded up to 858.
    let d = project(
        r#"{"id": "A", "work": "10h"}"#,
        r#"{"task": "A", "resource": "ana", "units": 70}"#,
    );
    assert_eq!(minutes(&d, "A"), 858);
    // A duration given is kept, and so is a fixed duration; without units the work gives none.
    let d = project(
        r#"{"id": "A", "work": "40h", "duration": "2d"}"#,
        r#"{"task": "A", "resource": "ana", "units": 50}"#,
    );
    assert_eq!(minutes(&d, "A"), 960);
    let d = project(r#"{"id": "A", "work": "40h"}"#, "");
    assert_eq!(minutes(&d, "A"), 0);
}

#[test]
fn bad_task_types_and_work_name_themselves() {
    let e = json::read(
        &BASE
            .replace("TASK", r#"{"id": "A", "task_type": "fixed_cost"}"#)
            .replace("ASSIGN", ""),
    )
    .unwrap_err();
    assert_eq!(
        (e.task_id().map(|t| t.as_str()), e.field()),
        (Some("A"), Some("task_type"))
    );
    let e = json::read(
        &BASE
            .replace("TASK", r#"{"id": "A", "work": "-4h"}"#)
            .replace("ASSIGN", ""),
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("work"));
    let e = json::read(
        &BASE
            .replace("TASK", r#"{"id": "A", "work": "4h", "milestone": true}"#)
            .replace("ASSIGN", r#"{"task": "A", "resource": "ana"}"#),
    )
    .unwrap_err();
    assert_eq!(
        (e.task_id().map(|t| t.as_str()), e.field()),
        (Some("A"), Some("work"))
    );
}

/// The what-if of giving A a second person, Bob at 100 %.
fn add_bob(task: &str) -> (i64, json::Document) {
    let d = project(task, r#"{"task": "A", "resource": "ana"}"#);
    let changes = ChangeSet::from_json(
        r#"{"changes": [{"op": "assign", "task": "A", "resource": "bob", "units": 100}]}"#,
    )
    .unwrap();
    let w = track::whatif(&d.project, &d.options, &changes, &TrackOptions::default()).unwrap();
    (w.comparison.finish_delta_minutes, d)
}

#[test]
fn a_second_person_halves_an_effort_driven_task() {
    // 40 h, Ana alone: 5 days. Effort-driven (or fixed work): Bob takes half, 2.5 days, and
    // the finish comes 1,200 working minutes sooner.
    for task in [
        r#"{"id": "A", "work": "40h", "effort_driven": true}"#,
        r#"{"id": "A", "work": "40h", "task_type": "fixed_work"}"#,
    ] {
        let (delta, d) = add_bob(task);
        assert_eq!(minutes(&d, "A"), 2400, "{task}");
        assert_eq!(delta, -1200, "{task}");
    }
    // Not effort-driven, or fixed duration: the duration stays (the work doubles).
    for task in [
        r#"{"id": "A", "work": "40h"}"#,
        r#"{"id": "A", "work": "40h", "duration": "5d", "task_type": "fixed_duration"}"#,
    ] {
        let (delta, _) = add_bob(task);
        assert_eq!(delta, 0, "{task}");
    }
}

#[test]
fn task_types_round_trip_through_json_and_mspdi() {
    let d = project(
        r#"{"id": "A", "name": "Build", "work": "40h", "task_type": "fixed_work", "effort_driven": true}"#,
        r#"{"task": "A", "resource": "ana", "units": 50}"#,
    );
    let check = |p: &jindu::Project, how: &str| {
        // By name: MSPDI keys tasks by their UIDs.
        let t = p.tasks().iter().find(|t| t.name == "Build").unwrap();
        assert_eq!(
            (
                t.task_type,
                t.effort_driven,
                t.work.map(|w| w.minutes()),
                t.duration.minutes()
            ),
            (TaskType::FixedWork, true, Some(2400), 4800),
            "{how}"
        );
    };
    check(&d.project, "read");
    check(&json::read(&json::write(&d)).unwrap().project, "JSON");
    let s = jindu::schedule(&d.project, &d.options).unwrap();
    let back = jindu::io::mspdi::read(jindu::io::mspdi::write(&d.project, &s).as_bytes()).unwrap();
    check(&back.project, "MSPDI");
}
