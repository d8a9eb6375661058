//! What the property tests found wrong in the core, kept as regression tests: rules a summary's
//! schedule broke without reporting them, where the README promises that the rules the schedule
//! breaks are "reported rather than silently fixed", and DESIGN.md that a summary takes deadlines
//! and FNLT constraints. `props.rs` (`check_hard`) now checks these cases with all others.

use jindu::ViolationKind;

use crate::util::run;

/// Violations as (kind, task key, predecessor key of the link).
fn violations(text: &str) -> Vec<(ViolationKind, String, Option<String>)> {
    let (p, s) = run(text);
    s.violations()
        .iter()
        .map(|v| {
            (
                v.kind,
                p.task(v.task).id.to_string(),
                v.link.map(|l| p.task(p.link(l).from).id.to_string()),
            )
        })
        .collect()
}

/// S (one 1d subtask) finishes Monday 17:00; its deadline is Monday 12:00. The deadline takes
/// float away (S and C show -240 minutes) and is reported missed, as on a task without subtasks
/// (it was not).
#[test]
fn a_missed_deadline_of_a_summary_is_reported() {
    let v = violations(
        r#"{"name":"d","start":"2026-01-05T08:00","tasks":[
            {"id":"S","name":"S","deadline":"2026-01-05T12:00"},
            {"id":"C","name":"C","duration":"1d","parent":"S"}]}"#,
    );
    assert!(
        v.iter()
            .any(|(k, t, _)| *k == ViolationKind::DeadlineMissed && t == "S"),
        "{v:?}"
    );
}

/// A (1d) -> S; S's subtask C must start on Monday 08:00 (MSO), which the link A -> S forbids
/// (C may start Tuesday 08:00 at the earliest). C is held at its date and A gets -480 minutes
/// of float; the broken link A -> S is reported as with the link on C directly (it was not).
#[test]
fn a_subtask_held_against_a_link_into_its_summary_is_reported() {
    let v = violations(
        r#"{"name":"d","start":"2026-01-05T08:00","tasks":[
            {"id":"A","name":"A","duration":"1d"},
            {"id":"S","name":"S"},
            {"id":"C","name":"C","duration":"1d","parent":"S",
             "constraint":{"type":"MSO","date":"2026-01-05T08:00"}}],
         "links":[{"from":"A","to":"S"}]}"#,
    );
    assert!(
        v.iter()
            .any(|(k, _, from)| *k == ViolationKind::ConstraintAgainstLink
                && from.as_deref() == Some("A")),
        "{v:?}"
    );
}

/// A (1d) -> S; S must finish no later than Monday 17:00 (FNLT) but its subtask C (1d) can only
/// run on Tuesday. S finishes Tuesday 17:00, after its FNLT date, with negative float: a
/// `ConstraintMissed` on S (there was no violation of any kind).
#[test]
fn a_summary_finishing_after_its_fnlt_is_reported() {
    let (p, s) = run(r#"{"name":"d","start":"2026-01-05T08:00","tasks":[
            {"id":"A","name":"A","duration":"1d"},
            {"id":"S","name":"S","constraint":{"type":"FNLT","date":"2026-01-05T17:00"}},
            {"id":"C","name":"C","duration":"1d","parent":"S"}],
         "links":[{"from":"A","to":"S"}]}"#);
    let si = p.index_of("S").unwrap();
    assert_eq!(s.task(si).finish.to_string(), "2026-01-06T17:00:00");
    assert!(s.task(si).total_float.minutes() < 0);
    let v = s.violations();
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(
        (v[0].kind, v[0].task, v[0].link),
        (ViolationKind::ConstraintMissed, si, None)
    );
    assert_eq!(v[0].required.to_string(), "2026-01-05T17:00:00");
    assert_eq!(v[0].actual.to_string(), "2026-01-06T17:00:00");
}

/// Found by the `mspdi` fuzz target: a calendar's working time at hour 9400 overflowed the
/// minutes-of-day arithmetic (a panic) instead of being refused as a bad time.
#[test]
fn an_hour_beyond_the_day_is_an_error_not_a_panic() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <StartDate>2026-01-05T08:00:00</StartDate>
  <CalendarUID>1</CalendarUID>
  <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>
    <WeekDays><WeekDay><DayType>2</DayType><DayWorking>1</DayWorking>
      <WorkingTimes><WorkingTime><FromTime>09400:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime></WorkingTimes>
    </WeekDay></WeekDays></Calendar></Calendars>
  <Tasks><Task><UID>1</UID><ID>1</ID><Name>A</Name><Duration>PT8H0M0S</Duration></Task></Tasks>
</Project>"#;
    let e = jindu::io::mspdi::read(xml.as_bytes())
        .unwrap_err()
        .to_string();
    assert!(e.contains("09400:00"), "{e}");
}

/// Found by the `schedule` fuzz target: a calendar without a base that leaves Tuesday to Sunday
/// out (`None`: non-working, there being nothing to inherit) came back from its JSON document
/// with those days as `Some([])` — the same calendar, but not an equal project. The project now
/// stores the one form.
#[test]
fn a_calendar_without_a_base_reads_back_from_its_document_unchanged() {
    use jindu::io::json;
    use jindu::{Calendar, Project, WorkingTime};
    let mut p = Project::new("c", "2026-01-05T08:00".parse().unwrap());
    let mut c = Calendar::new("c0");
    c.week[0] = Some(vec![WorkingTime::new(0, 568).unwrap()]); // Monday 00:00-09:28
    p.add_calendar(c).unwrap();
    let week = &p.calendars()[0].week;
    assert_eq!(week[0], Some(vec![WorkingTime::new(0, 568).unwrap()]));
    assert!(
        week[1..].iter().all(|d| d.as_deref() == Some(&[][..])),
        "{week:?}"
    );
    let doc = json::Document {
        project: p,
        options: Default::default(),
    };
    let back = json::read(&json::write(&doc)).unwrap();
    assert!(back.project == doc.project);
}

/// The document the MSPDI round-trip findings below start from, exported and read back.
fn through_mspdi(text: &str) -> (jindu::Project, jindu::Project) {
    use jindu::io::{self, json, Format, ReadOptions};
    let doc = json::read(text).unwrap();
    let xml = io::write(Format::Mspdi, &doc).unwrap();
    let back = io::read(xml.as_bytes(), &ReadOptions::default()).unwrap();
    (doc.project, back.project)
}

/// Found by the `roundtrip` fuzz target: a task of zero duration that is not a milestone (a
/// `"0d"` go-live without `"milestone": true`) came back from MSPDI as a milestone — the
/// writer set `<Milestone>` for every zero-duration task — and so entered the risk report's
/// milestones and the what-if milestone deltas. Only M, the real milestone, is one.
#[test]
fn a_zero_duration_task_stays_a_task_through_mspdi() {
    let (p, q) = through_mspdi(
        r#"{"name": "z", "start": "2026-01-05", "tasks": [
            {"id": "A", "duration": "1d"}, {"id": "Z", "duration": "0d"},
            {"id": "M", "milestone": true}],
          "links": [{"from": "A", "to": "Z"}, {"from": "Z", "to": "M"}]}"#,
    );
    let flags = |p: &jindu::Project| p.tasks().iter().map(|t| t.milestone).collect::<Vec<_>>();
    assert_eq!(flags(&p), [false, false, true]);
    assert_eq!(flags(&q), [false, false, true]);
}

/// Found by the `roundtrip` fuzz target: a pin without a finish (the finish follows from the
/// duration) came back from MSPDI pinned at its computed finish too (Tuesday 17:00 for 2 days
/// from Monday 08:00), so a later longer duration no longer moved it. The writer leaves
/// `<ManualFinish>` out for such a pin; the reader now keeps the pin open when it is absent,
/// and keeps a pinned finish when it is there.
#[test]
fn a_pin_without_a_finish_keeps_none_through_mspdi() {
    let (p, q) = through_mspdi(
        r#"{"name": "z", "start": "2026-01-05", "tasks": [
            {"id": "A", "duration": "2d", "pinned": {"start": "2026-01-05T08:00"}},
            {"id": "B", "duration": "1d",
             "pinned": {"start": "2026-01-07T08:00", "finish": "2026-01-09T17:00"}}]}"#,
    );
    assert_eq!(q.tasks()[0].pinned, p.tasks()[0].pinned);
    assert_eq!(q.tasks()[0].pinned.unwrap().finish, None);
    let b = q.tasks()[1].pinned.unwrap();
    assert_eq!(
        (b.start.to_string(), b.finish.map(|f| f.to_string())),
        (
            "2026-01-07T08:00:00".into(),
            Some("2026-01-09T17:00:00".into())
        )
    );
}

/// Found by the `roundtrip` fuzz target: a baseline's work (40 hours) was lost through MSPDI
/// (neither written nor read, though `<Baseline>` has a `<Work>`), so the work variance of
/// tracking lost its baseline after an export.
#[test]
fn a_baseline_keeps_its_work_through_mspdi() {
    let (_, q) = through_mspdi(
        r#"{"name": "z", "start": "2026-01-05", "tasks": [
            {"id": "A", "duration": "5d", "baselines": [{"number": 0,
              "start": "2026-01-05T08:00", "finish": "2026-01-09T17:00",
              "duration": "5d", "work": "40h"}]}]}"#,
    );
    let b = q.tasks()[0].baselines[0];
    assert_eq!(b.work.map(|w| w.minutes()), Some(40 * 60));
    assert_eq!(b.duration.map(|d| d.minutes()), Some(5 * 480));
}

/// Found by the `roundtrip` fuzz target: a task named `"TaskE "` came back from MSPDI as
/// `"TaskE"` (the reader trimmed every element's text, names too). Names keep their spaces;
/// a blank name is still no name.
#[test]
fn names_keep_their_spaces_through_mspdi() {
    let (_, q) = through_mspdi(
        r#"{"name": " Plan ", "start": "2026-01-05", "tasks": [
            {"id": "E", "name": "TaskE ", "duration": "1d"},
            {"id": "F", "name": "  Task F", "duration": "1d"}],
          "resources": [{"id": "ann", "name": "Ann "}],
          "assignments": [{"task": "E", "resource": "ann"}]}"#,
    );
    assert_eq!(q.name(), " Plan ");
    assert_eq!(q.tasks()[0].name, "TaskE ");
    assert_eq!(q.tasks()[1].name, "  Task F");
    assert_eq!(q.resources()[0].name, "Ann ");
}

/// Found by the `schedule` fuzz target: an as-late-as-possible task B (2 days) whose deadline
/// (Monday 08:00, the project start) is earlier than its predecessor A (1 day, Monday) allows
/// was placed at its late dates, which the deadline had pulled to Thursday 1 January 08:00 —
/// before A's finish and the project start — breaking the link A -> B with no violation.
/// DESIGN.md: a deadline moves float, never the task. An ALAP task now sits at its late dates
/// but never before its early ones: B runs Tuesday 08:00 to Wednesday 17:00 (elapsed: from
/// Monday 17:00 for 48 hours), and the deadline is reported missed.
#[test]
fn an_alap_task_is_not_pulled_before_its_predecessor_by_its_deadline() {
    for duration in ["2d", "2ed"] {
        let text = format!(
            r#"{{"name": "d", "start": "2026-01-05T08:00", "tasks": [
                {{"id": "A", "duration": "1d"}},
                {{"id": "B", "duration": "{duration}", "constraint": {{"type": "ALAP"}},
                  "deadline": "2026-01-05T08:00"}}],
              "links": [{{"from": "A", "to": "B"}}]}}"#
        );
        let (p, s) = run(&text);
        let b = p.index_of("B").unwrap();
        let want = if duration == "2d" {
            ("2026-01-06T08:00:00", "2026-01-07T17:00:00")
        } else {
            ("2026-01-05T17:00:00", "2026-01-07T17:00:00")
        };
        let got = (s.task(b).start.to_string(), s.task(b).finish.to_string());
        assert_eq!((got.0.as_str(), got.1.as_str()), want, "{duration}");
        assert!(
            s.violations()
                .iter()
                .any(|v| v.kind == jindu::ViolationKind::DeadlineMissed && v.task == b),
            "{duration}: {:?}",
            s.violations()
        );
    }
}

/// Found by the `roundtrip` fuzz target: a JSON document may list a subtask after tasks
/// outside its summary (C under S2, listed after S2's sibling B). MSPDI gives the hierarchy only
/// by the order of the tasks and their outline levels, and the export wrote them in the
/// project's order, so C came back under B. The export now writes the tasks in outline order
/// (S1, A, S2, C, B, D), and every parent, link and date survives.
#[test]
fn a_subtask_listed_after_another_summary_keeps_its_parent_through_mspdi() {
    let text = r#"{"name": "o", "start": "2026-01-05", "tasks": [
        {"id": "S1", "name": "S1"}, {"id": "A", "name": "A", "duration": "2d", "parent": "S1"},
        {"id": "S2", "name": "S2", "parent": "S1"},
        {"id": "B", "name": "B", "duration": "3d", "parent": "S1"},
        {"id": "C", "name": "C", "duration": "1d", "parent": "S2"},
        {"id": "D", "name": "D", "duration": "2d"}],
      "links": [{"from": "A", "to": "S2"}, {"from": "S1", "to": "D"}]}"#;
    let (p, q) = through_mspdi(text);
    let parent = |p: &jindu::Project, name: &str| {
        let t = p.tasks().iter().find(|t| t.name == name).unwrap();
        t.parent.map(|i| p.task(i).name.clone())
    };
    for (name, want) in [
        ("A", Some("S1")),
        ("S2", Some("S1")),
        ("B", Some("S1")),
        ("C", Some("S2")),
        ("D", None),
        ("S1", None),
    ] {
        assert_eq!(parent(&p, name).as_deref(), want, "{name} before");
        assert_eq!(parent(&q, name).as_deref(), want, "{name} through MSPDI");
    }
    let names: Vec<&str> = q.tasks().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["S1", "A", "S2", "C", "B", "D"]);
    // A (Mon 5 – Tue 6) → S2: C runs Wed 7; S1 spans to B's Wed 7 finish; D after S1: Thu 8 – Fri 9.
    let s = jindu::schedule(&q, &Default::default()).unwrap();
    let d = q.tasks().iter().position(|t| t.name == "D").unwrap();
    assert_eq!(
        s.tasks()[d].finish.to_string(),
        "2026-01-09T17:00:00",
        "D finishes Friday"
    );
}
