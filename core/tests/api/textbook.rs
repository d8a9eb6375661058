//! Hand-computed networks on the standard calendar (Mon–Fri 08:00–12:00, 13:00–17:00).
//!
//! Working days from Monday 2026-01-05: 0 = Mon 01-05, 1 = Tue 01-06, 2 = Wed 01-07,
//! 3 = Thu 01-08, 4 = Fri 01-09, 5 = Mon 01-12, 6 = Tue 01-13, 7 = Wed 01-14, 8 = Thu 01-15,
//! 9 = Fri 01-16, 10 = Mon 01-19, 11 = Tue 01-20, 12 = Wed 01-21, 13 = Thu 01-22.

use jindu::{Criticality, Driver, Duration, FloatBasis, ScheduleOptions, ViolationKind};

use crate::util::*;

fn doc_of(tasks: &str, links: &str) -> String {
    format!(
        r#"{{"name": "t", "start": "2026-01-05T08:00:00", "tasks": [{tasks}], "links": [{links}]}}"#
    )
}

/// The classic six-task network:
///
/// ```text
/// A(3) ─┬─> B(4) ──> D(5) ─┬─> F(2)
///       └─> C(2) ─┬─> D    │
///                 └─> E(1)─┘
/// ```
/// Forward (in days): A 0–3, B 3–7, C 3–5, D max(7,5)=7–12, E 5–6, F max(12,6)=12–14.
/// Backward: F 12–14, D 7–12, E LF 12 → 11–12, B 3–7, C LF min(7,11)=7 → 5–7, A LF 3 → 0–3.
/// Total float: C 2d, E 6d, others 0. Free float: C min(7−5, 5−5) = 0, E 12−6 = 6d.
#[test]
fn six_task_network() {
    let (p, s) = run(&doc_of(
        r#"{"id":"A","duration":"3d"},{"id":"B","duration":"4d"},{"id":"C","duration":"2d"},
           {"id":"D","duration":"5d"},{"id":"E","duration":"1d"},{"id":"F","duration":"2d"}"#,
        r#"{"from":"A","to":"B"},{"from":"A","to":"C"},{"from":"B","to":"D"},{"from":"C","to":"D"},
           {"from":"C","to":"E"},{"from":"D","to":"F"},{"from":"E","to":"F"}"#,
    ));
    dates(
        &p,
        &s,
        "A",
        ["01-05 08:00", "01-07 17:00", "01-05 08:00", "01-07 17:00"],
    );
    dates(
        &p,
        &s,
        "B",
        ["01-08 08:00", "01-13 17:00", "01-08 08:00", "01-13 17:00"],
    );
    dates(
        &p,
        &s,
        "C",
        ["01-08 08:00", "01-09 17:00", "01-12 08:00", "01-13 17:00"],
    );
    dates(
        &p,
        &s,
        "D",
        ["01-14 08:00", "01-20 17:00", "01-14 08:00", "01-20 17:00"],
    );
    dates(
        &p,
        &s,
        "E",
        ["01-12 08:00", "01-12 17:00", "01-20 08:00", "01-20 17:00"],
    );
    dates(
        &p,
        &s,
        "F",
        ["01-21 08:00", "01-22 17:00", "01-21 08:00", "01-22 17:00"],
    );
    floats(&p, &s, "A", 0, 0);
    floats(&p, &s, "C", 2 * DAY, 0);
    floats(&p, &s, "E", 6 * DAY, 6 * DAY);
    assert_eq!(s.project_finish, dt("2026-01-22T17:00"));
    assert_eq!(critical_ids(&p, &s), ["A", "B", "D", "F"]);
    assert_eq!(s.critical_paths().len(), 1);
    // D is driven by B alone (C finishes two days earlier).
    let d = p.index_of("D").unwrap();
    let drivers: Vec<_> = s
        .driving_links(d)
        .iter()
        .map(|&l| p.task(p.link(l).from).id.to_string())
        .collect();
    assert_eq!(drivers, ["B"]);
}

/// Every link type with lags, a lead and an elapsed lag, all from A (5d, days 0–5):
/// * B SS+2d: ES = Mon 08:00 + 2d = Tue 17:00 ≡ Wed 08:00; 5d → Tue 01-13 17:00.
/// * C FF+1d: EF ≥ Fri 17:00 + 1d = Mon 01-12 17:00; 2d → ES Fri 01-09 08:00.
/// * D SF+3d: EF ≥ Mon 08:00 + 3d = Wed 01-07 17:00; 1d → ES Wed 08:00.
/// * E FS−1d: ES = Fri 17:00 − 1d = Fri 08:00; 2d → Mon 01-12 17:00.
/// * F FS+2ed: Fri 17:00 + 48h = Sun 17:00 → Mon 01-12 08:00.
///
/// The project finishes with B (Tue 01-13 17:00); B's late start Wed 08:00 − 2d = Mon 08:00
/// holds A, so A and B are critical.
#[test]
fn link_types_and_lags() {
    let (p, s) = run(&doc_of(
        r#"{"id":"A","duration":"5d"},{"id":"B","duration":"5d"},{"id":"C","duration":"2d"},
           {"id":"D","duration":"1d"},{"id":"E","duration":"2d"},{"id":"F","duration":"1d"}"#,
        r#"{"from":"A","to":"B","type":"SS","lag":"2d"},{"from":"A","to":"C","type":"FF","lag":"1d"},
           {"from":"A","to":"D","type":"SF","lag":"3d"},{"from":"A","to":"E","lag":"-1d"},
           {"from":"A","to":"F","lag":"2ed"}"#,
    ));
    let es_ef = |id: &str| {
        let t = task(&p, &s, id);
        (t.early_start.to_string(), t.early_finish.to_string())
    };
    assert_eq!(
        es_ef("B"),
        ("2026-01-07T08:00:00".into(), "2026-01-13T17:00:00".into())
    );
    assert_eq!(
        es_ef("C"),
        ("2026-01-09T08:00:00".into(), "2026-01-12T17:00:00".into())
    );
    assert_eq!(
        es_ef("D"),
        ("2026-01-07T08:00:00".into(), "2026-01-07T17:00:00".into())
    );
    assert_eq!(
        es_ef("E"),
        ("2026-01-09T08:00:00".into(), "2026-01-12T17:00:00".into())
    );
    assert_eq!(
        es_ef("F"),
        ("2026-01-12T08:00:00".into(), "2026-01-12T17:00:00".into())
    );
    assert_eq!(s.project_finish, dt("2026-01-13T17:00"));
    assert_eq!(critical_ids(&p, &s), ["A", "B"]);
    // C: LF = PF = Tue 17:00, so float 1d; its FF link to A gives no free float to spend.
    floats(&p, &s, "C", DAY, DAY);
    // F (1d, ES Mon): LF Tue 17:00 → 1d total and free.
    floats(&p, &s, "F", DAY, DAY);
}

/// Hours inside a day: a 4h lag lands across the lunch break, and a 6h task splits around it.
/// A 2h (08–10); B FS+4h: 10:00 + 4h = 15:00 (lunch skipped); B 6h: 15–17 + next day 08–12.
#[test]
fn hours_and_lunch() {
    let (p, s) = run(&doc_of(
        r#"{"id":"A","duration":"2h"},{"id":"B","duration":"6h"}"#,
        r#"{"from":"A","to":"B","lag":"4h"}"#,
    ));
    let b = task(&p, &s, "B");
    assert_eq!(b.start, dt("2026-01-05T15:00"));
    assert_eq!(b.finish, dt("2026-01-06T12:00"));
}

/// Milestones sit at the end of the work before them: after A (1d) at 17:00, not the next
/// 08:00; a milestone with no predecessor sits at the project start; an SS milestone at the
/// predecessor's start.
#[test]
fn milestones() {
    let (p, s) = run(&doc_of(
        r#"{"id":"A","duration":"1d"},{"id":"M1","milestone":true},{"id":"M0","milestone":true},
           {"id":"M2","milestone":true},{"id":"B","duration":"1d"}"#,
        r#"{"from":"A","to":"M1"},{"from":"A","to":"M2","type":"SS"},{"from":"M1","to":"B"}"#,
    ));
    assert_eq!(task(&p, &s, "M1").start, dt("2026-01-05T17:00"));
    assert_eq!(task(&p, &s, "M1").finish, dt("2026-01-05T17:00"));
    assert_eq!(task(&p, &s, "M0").start, dt("2026-01-05T08:00"));
    assert_eq!(task(&p, &s, "M2").start, dt("2026-01-05T08:00"));
    // B follows the milestone at the next working start.
    assert_eq!(task(&p, &s, "B").start, dt("2026-01-06T08:00"));
    // M0 has no successors: its late finish is the project finish, Tue 17:00; float 2d.
    floats(&p, &s, "M0", 2 * DAY, 2 * DAY);
}

/// Each constraint type on its own task (day numbers as in the module docs).
#[test]
fn constraints() {
    let (p, s) = run(&doc_of(
        r#"{"id":"P","duration":"3d"},
           {"id":"SNET","duration":"1d","constraint":{"type":"SNET","date":"2026-01-10"}},
           {"id":"FNET","duration":"2d","constraint":{"type":"FNET","date":"2026-01-09T17:00"}},
           {"id":"MSO","duration":"1d","constraint":{"type":"MSO","date":"2026-01-06T08:00"}},
           {"id":"MFO","duration":"1d","constraint":{"type":"MFO","date":"2026-01-14T17:00"}},
           {"id":"SNLT","duration":"1d","constraint":{"type":"SNLT","date":"2026-01-07T08:00"}},
           {"id":"FNLT","duration":"2d","constraint":{"type":"FNLT","date":"2026-01-12T17:00"}}"#,
        r#"{"from":"P","to":"MSO"},{"from":"P","to":"SNLT"},{"from":"P","to":"FNLT"}"#,
    ));
    // SNET on a Saturday starts Monday 08:00.
    assert_eq!(task(&p, &s, "SNET").start, dt("2026-01-12T08:00"));
    assert_eq!(task(&p, &s, "SNET").driver, Driver::Constraint);
    // FNET without predecessors: finish Fri 17:00, start two days earlier.
    assert_eq!(task(&p, &s, "FNET").start, dt("2026-01-08T08:00"));
    // MSO holds Tuesday although P ends Wednesday: a violation, and P's float is −2d
    // (P must finish by Mon 17:00 for MSO to start Tue).
    assert_eq!(task(&p, &s, "MSO").start, dt("2026-01-06T08:00"));
    assert_eq!(task(&p, &s, "P").total_float.minutes(), -2 * DAY);
    assert!(s
        .violations()
        .iter()
        .any(|v| v.kind == ViolationKind::ConstraintAgainstLink
            && p.task(v.task).id.as_str() == "MSO"));
    // MFO: finishes exactly on its date; zero float (the project finishes later? no: it ends
    // the project, Wed 01-14 17:00).
    assert_eq!(task(&p, &s, "MFO").finish, dt("2026-01-14T17:00"));
    assert_eq!(s.project_finish, dt("2026-01-14T17:00"));
    // SNLT Wed 08:00: logic wants Thu (P ends Wed 17:00); the honoured constraint keeps Wed.
    // As in Microsoft Project the constrained task shows no float; its predecessor carries the
    // conflict (already −2d from MSO above).
    assert_eq!(task(&p, &s, "SNLT").start, dt("2026-01-07T08:00"));
    assert_eq!(task(&p, &s, "SNLT").total_float.minutes(), 0);
    // FNLT Mon 17:00: logic gives Thu–Fri, which meets it; late finish is the constraint.
    dates(
        &p,
        &s,
        "FNLT",
        ["01-08 08:00", "01-09 17:00", "01-09 08:00", "01-12 17:00"],
    );
    floats(&p, &s, "FNLT", DAY, DAY);

    // With "honor constraints" off, links win over SNLT and MSO; float still shows the conflict.
    let (p, s) = run_with(
        &doc_of(
            r#"{"id":"P","duration":"3d"},
               {"id":"MSO","duration":"1d","constraint":{"type":"MSO","date":"2026-01-06T08:00"}},
               {"id":"SNLT","duration":"1d","constraint":{"type":"SNLT","date":"2026-01-07T08:00"}}"#,
            r#"{"from":"P","to":"MSO"},{"from":"P","to":"SNLT"}"#,
        ),
        &ScheduleOptions::default().honor_constraints(false),
    );
    assert_eq!(task(&p, &s, "MSO").start, dt("2026-01-08T08:00"));
    assert_eq!(task(&p, &s, "SNLT").start, dt("2026-01-08T08:00"));
    assert_eq!(task(&p, &s, "SNLT").total_float.minutes(), -DAY);
}

/// As late as possible: B (1d, ALAP) before D, in parallel with C (3d): B moves to day 2,
/// pushing nothing beyond D's start; as in Microsoft Project its float reads zero.
#[test]
fn as_late_as_possible() {
    let (p, s) = run(&doc_of(
        r#"{"id":"A","duration":"1d"},{"id":"B","duration":"1d","constraint":{"type":"ALAP"}},
           {"id":"C","duration":"3d"},{"id":"D","duration":"1d"},{"id":"X","duration":"1d"}"#,
        r#"{"from":"A","to":"B"},{"from":"A","to":"C"},{"from":"B","to":"D"},{"from":"C","to":"D"},
           {"from":"B","to":"X"}"#,
    ));
    let b = task(&p, &s, "B");
    assert_eq!(
        (b.start, b.finish),
        (dt("2026-01-08T08:00"), dt("2026-01-08T17:00"))
    );
    assert_eq!(b.early_start, dt("2026-01-06T08:00"));
    assert_eq!(b.total_float.minutes(), 0);
    // X follows B's scheduled (late) finish.
    assert_eq!(task(&p, &s, "X").start, dt("2026-01-09T08:00"));
    assert_eq!(s.project_finish, dt("2026-01-09T17:00"));
}

/// A deadline two days before the logic finish: late dates pull in, float goes negative on the
/// whole chain, and the miss is reported.
#[test]
fn deadlines() {
    let (p, s) = run(&doc_of(
        r#"{"id":"A","duration":"5d"},{"id":"B","duration":"5d","deadline":"2026-01-14T17:00"},
           {"id":"C","duration":"1d"}"#,
        r#"{"from":"A","to":"B"},{"from":"A","to":"C"}"#,
    ));
    floats(&p, &s, "B", -2 * DAY, 0);
    assert_eq!(task(&p, &s, "A").total_float.minutes(), -2 * DAY);
    assert_eq!(task(&p, &s, "B").late_finish, dt("2026-01-14T17:00"));
    let v = &s.violations()[0];
    assert_eq!(
        (v.kind, p.task(v.task).id.as_str()),
        (ViolationKind::DeadlineMissed, "B")
    );
    assert_eq!(v.actual, dt("2026-01-16T17:00"));
}

/// Summary tasks: dates roll up; a link into a summary holds all its subtasks; a link out of a
/// summary waits for the last subtask.
#[test]
fn summaries() {
    let (p, s) = run(&doc_of(
        r#"{"id":"P","duration":"2d"},{"id":"S","name":"Phase"},{"id":"S1","duration":"3d","parent":"S"},
           {"id":"S2","duration":"1d","parent":"S"},{"id":"N","name":"Nested","parent":"S"},
           {"id":"N1","duration":"4d","parent":"N"},{"id":"Q","duration":"1d"}"#,
        r#"{"from":"P","to":"S"},{"from":"S","to":"Q"},{"from":"S1","to":"S2"}"#,
    ));
    // Subtasks wait for P (days 0–2): S1 2–5, S2 5–6, N1 2–6.
    assert_eq!(task(&p, &s, "S1").start, dt("2026-01-07T08:00"));
    assert_eq!(task(&p, &s, "N1").start, dt("2026-01-07T08:00"));
    assert_eq!(task(&p, &s, "S2").finish, dt("2026-01-12T17:00"));
    // Rolled up: S from S1's start to the later of S2 and N1 (both Mon 01-12 17:00).
    dates(
        &p,
        &s,
        "S",
        ["01-07 08:00", "01-12 17:00", "01-07 08:00", "01-12 17:00"],
    );
    dates(
        &p,
        &s,
        "N",
        ["01-07 08:00", "01-12 17:00", "01-07 08:00", "01-12 17:00"],
    );
    assert_eq!(task(&p, &s, "Q").start, dt("2026-01-13T08:00"));
    assert_eq!(task(&p, &s, "S").driver, Driver::Children);
    assert!(matches!(task(&p, &s, "S1").driver, Driver::Summary(_)));
    assert_eq!(critical_ids(&p, &s), ["P", "S1", "N1", "S2", "Q"]);
    // Two critical paths: P → S1 → S2 → Q and P → N1 → Q (through the summaries).
    let paths: Vec<Vec<&str>> = s
        .critical_paths()
        .iter()
        .map(|x| x.iter().map(|&i| p.task(i).id.as_str()).collect())
        .collect();
    assert!(paths.contains(&vec!["P", "S1", "S2", "Q"]), "{paths:?}");
    assert!(paths.contains(&vec!["P", "N1", "Q"]), "{paths:?}");
}

/// Elapsed durations ignore the calendar: 3ed after a Friday 17:00 finish runs to Monday 17:00.
#[test]
fn elapsed_durations() {
    let (p, s) = run(&doc_of(
        r#"{"id":"A","duration":"5d"},{"id":"B","duration":"3ed"},{"id":"C","duration":"1d"}"#,
        r#"{"from":"A","to":"B"},{"from":"B","to":"C"}"#,
    ));
    let b = task(&p, &s, "B");
    assert_eq!(
        (b.start, b.finish),
        (dt("2026-01-09T17:00"), dt("2026-01-12T17:00"))
    );
    assert!(b.total_float.is_elapsed());
    assert_eq!(task(&p, &s, "C").start, dt("2026-01-13T08:00"));
}

/// A calendar with two working periods a day, a holiday and a half day:
/// 9–12 and 13–18 (8h); Wed 01-07 is a holiday, Thu 01-08 works 9–12.
/// A 20h task from Mon 09:00: Mon 8h, Tue 8h (16h), Thu 3h (19h), Fri 9–10 → 10:00.
#[test]
fn holidays_and_split_days() {
    let (p, s) = run(
        r#"{"name":"c","start":"2026-01-05T08:00","calendar":"office",
            "calendars":[{"id":"office","week":{"mon":["09:00-12:00","13:00-18:00"],"tue":["09:00-12:00","13:00-18:00"],
              "wed":["09:00-12:00","13:00-18:00"],"thu":["09:00-12:00","13:00-18:00"],"fri":["09:00-12:00","13:00-18:00"]},
              "exceptions":[{"name":"Holiday","date":"2026-01-07","working":[]},{"date":"2026-01-08","working":["09:00-12:00"]}]}],
            "tasks":[{"id":"A","duration":"20h"},{"id":"B","duration":"1d"}],
            "links":[{"from":"A","to":"B"}]}"#,
    );
    let a = task(&p, &s, "A");
    assert_eq!(
        (a.start, a.finish),
        (dt("2026-01-05T09:00"), dt("2026-01-09T10:00"))
    );
    // B: Fri 10–12, 13–18 (7h) + Mon 9–10 → Mon 10:00.
    assert_eq!(task(&p, &s, "B").finish, dt("2026-01-12T10:00"));
}

/// A task calendar: a weekend crew (Sat–Sun 08–16) picks up after a weekday task.
#[test]
fn task_calendar() {
    let (p, s) = run(r#"{"name":"c","start":"2026-01-05T08:00",
            "calendars":[{"id":"weekend","week":{"sat":["08:00-16:00"],"sun":["08:00-16:00"]}}],
            "tasks":[{"id":"A","duration":"1d"},{"id":"W","duration":"12h","calendar":"weekend"}],
            "links":[{"from":"A","to":"W"}]}"#);
    let w = task(&p, &s, "W");
    assert_eq!(
        (w.start, w.finish),
        (dt("2026-01-10T08:00"), dt("2026-01-11T12:00"))
    );
}

/// A project scheduled from its finish: tasks are as late as possible, the start is derived.
#[test]
fn scheduled_from_finish() {
    let (p, s) = run(r#"{"name":"b","finish":"2026-01-16T17:00",
            "tasks":[{"id":"A","duration":"2d"},{"id":"B","duration":"3d"},{"id":"C","duration":"1d"}],
            "links":[{"from":"A","to":"B"}]}"#);
    assert_eq!(task(&p, &s, "B").finish, dt("2026-01-16T17:00"));
    assert_eq!(task(&p, &s, "A").start, dt("2026-01-12T08:00"));
    assert_eq!(task(&p, &s, "C").start, dt("2026-01-16T08:00"));
    assert_eq!(s.project_start, dt("2026-01-12T08:00"));
    // C could start as early as the project start: four days of float.
    floats(&p, &s, "C", 4 * DAY, 4 * DAY);
    assert_eq!(critical_ids(&p, &s), ["A", "B"]);
}

/// A pinned task keeps its dates against its link, and the violation is reported.
#[test]
fn pinned_tasks() {
    let (p, s) = run(&doc_of(
        r#"{"id":"A","duration":"3d"},{"id":"B","duration":"1d","pinned":{"start":"2026-01-06T08:00"}},
           {"id":"C","duration":"1d"}"#,
        r#"{"from":"A","to":"B"},{"from":"B","to":"C"}"#,
    ));
    let b = task(&p, &s, "B");
    assert_eq!(
        (b.start, b.finish, b.driver),
        (
            dt("2026-01-06T08:00"),
            dt("2026-01-06T17:00"),
            Driver::Pinned
        )
    );
    assert_eq!(task(&p, &s, "C").start, dt("2026-01-07T08:00"));
    let v = s
        .violations()
        .iter()
        .find(|v| v.kind == ViolationKind::PinnedAgainstLink)
        .unwrap();
    assert_eq!(v.required, dt("2026-01-07T17:00"));
}

/// A pinned task without links is outside the network and never critical, unless it carries
/// resource work (Microsoft Project: the unlinked manual tasks with work assignments in the
/// `assignment-*-2010/2013/2016/2019` files are critical, those without work in the
/// `task-*-2010/2016/2019` files are not).
/// The project runs Mon 08:00 to Fri 17:00 (A, 5d). W, P and M are pinned Mon–Fri (5d): zero
/// float each. W has a person assigned (critical); P has nobody, M only material (neither is).
/// Q is pinned Mon (1d) with a person: 4d of float, not critical.
#[test]
fn pinned_tasks_with_resource_work() {
    let text = r#"{"name": "t", "start": "2026-01-05T08:00:00",
        "tasks": [{"id":"A","duration":"5d"},
                  {"id":"W","duration":"5d","pinned":{"start":"2026-01-05T08:00"}},
                  {"id":"P","duration":"5d","pinned":{"start":"2026-01-05T08:00"}},
                  {"id":"M","duration":"5d","pinned":{"start":"2026-01-05T08:00"}},
                  {"id":"Q","duration":"1d","pinned":{"start":"2026-01-05T08:00"}}],
        "resources": [{"id":"ann"},{"id":"sand","kind":"material"}],
        "assignments": [{"task":"W","resource":"ann","work":"40h"},
                        {"task":"M","resource":"sand","units":100},
                        {"task":"Q","resource":"ann","work":"8h"}]}"#;
    let (p, s) = run(text);
    for id in ["A", "W", "P", "M"] {
        dates(
            &p,
            &s,
            id,
            ["01-05 08:00", "01-09 17:00", "01-05 08:00", "01-09 17:00"],
        );
        floats(&p, &s, id, 0, 0);
    }
    floats(&p, &s, "Q", 4 * DAY, 4 * DAY);
    assert_eq!(critical_ids(&p, &s), ["A", "W"]);
}

/// A finish set by a start-to-finish link without lag is the predecessor's start instant (as
/// Microsoft Project shows it, `sample.xml` UID 21); with a lag it ends on a finish.
/// X (1d) runs Mon; A (1d) follows it, Tue 08:00–17:00. B (1d, SF from A, no lag) must finish
/// by A's start, Tue 08:00: it runs Mon 08:00 to Tue 08:00. C (1d, SF from A + 1d) must finish
/// a working day after Tue 08:00, Tue 17:00: it runs Tue.
#[test]
fn start_to_finish_without_lag_keeps_the_instant() {
    let (p, s) = run(&doc_of(
        r#"{"id":"X","duration":"1d"},{"id":"A","duration":"1d"},{"id":"B","duration":"1d"},
           {"id":"C","duration":"1d"}"#,
        r#"{"from":"X","to":"A"},{"from":"A","to":"B","type":"SF"},
           {"from":"A","to":"C","type":"SF","lag":"1d"}"#,
    ));
    let b = task(&p, &s, "B");
    assert_eq!(
        (b.start, b.finish, b.early_finish),
        (
            dt("2026-01-05T08:00"),
            dt("2026-01-06T08:00"),
            dt("2026-01-06T08:00")
        )
    );
    let c = task(&p, &s, "C");
    assert_eq!(
        (c.start, c.finish),
        (dt("2026-01-06T08:00"), dt("2026-01-06T17:00"))
    );
}

/// Float options: the critical threshold and the longest path.
/// A 2d → C 2d is the driving chain (days 0–4); B (1d) → C has 1d of float; D (1d) must finish
/// by Mon 17:00, so its float is 0 from the constraint alone.
#[test]
fn criticality_options() {
    let text = doc_of(
        r#"{"id":"A","duration":"2d"},{"id":"B","duration":"1d"},{"id":"C","duration":"2d"},
           {"id":"D","duration":"1d","constraint":{"type":"FNLT","date":"2026-01-05T17:00"}}"#,
        r#"{"from":"A","to":"C"},{"from":"B","to":"C"}"#,
    );
    // Ordered by early start, then early finish: D (Mon–Mon) before A (Mon–Tue).
    let (p, s) = run(&text);
    assert_eq!(critical_ids(&p, &s), ["D", "A", "C"]);
    let opts = ScheduleOptions::default().critical(Criticality::TotalFloat(Duration::days(1)));
    let (p, s) = run_with(&text, &opts);
    assert_eq!(critical_ids(&p, &s), ["B", "D", "A", "C"]);
    // P6's longest path: only the chain that drives the finish; D's zero float comes from its
    // constraint, not from the path to the finish.
    let (p, s) = run_with(
        &text,
        &ScheduleOptions::default().critical(Criticality::LongestPath),
    );
    assert_eq!(critical_ids(&p, &s), ["A", "C"]);
}

/// Float basis: a pinned task whose finish is later than its duration implies has different
/// start and finish float. P pinned Mon 08:00–Wed 17:00 (duration 1d); the project runs to
/// Fri 17:00 (L, 5d). Late finish Fri 17:00, late start Fri 08:00: start float 4d, finish
/// float 2d.
#[test]
fn float_basis() {
    let text = doc_of(
        r#"{"id":"P","duration":"1d","pinned":{"start":"2026-01-05T08:00","finish":"2026-01-07T17:00"}},
           {"id":"L","duration":"5d"}"#,
        "",
    );
    for (basis, want) in [
        (FloatBasis::Smaller, 2),
        (FloatBasis::Start, 4),
        (FloatBasis::Finish, 2),
    ] {
        let (p, s) = run_with(&text, &ScheduleOptions::default().float_basis(basis));
        assert_eq!(
            task(&p, &s, "P").total_float.minutes(),
            want * DAY,
            "{basis:?}"
        );
    }
}

/// Progress: actual dates fix a task; a finished task is never critical.
#[test]
fn progress() {
    let (p, s) = run(&doc_of(
        r#"{"id":"A","duration":"2d","actual_start":"2026-01-06T08:00","actual_finish":"2026-01-08T17:00","percent_complete":100},
           {"id":"B","duration":"1d"}"#,
        r#"{"from":"A","to":"B"}"#,
    ));
    let a = task(&p, &s, "A");
    assert_eq!(
        (a.start, a.finish, a.critical),
        (dt("2026-01-06T08:00"), dt("2026-01-08T17:00"), false)
    );
    assert_eq!(task(&p, &s, "B").start, dt("2026-01-09T08:00"));
    assert!(task(&p, &s, "B").critical);
}

/// Percent lags: B starts when A is 25 % done (A 4d → 1d in).
#[test]
fn percent_lag() {
    let (p, s) = run(&doc_of(
        r#"{"id":"A","duration":"4d"},{"id":"B","duration":"1d"}"#,
        r#"{"from":"A","to":"B","type":"SS","lag":"25%"}"#,
    ));
    assert_eq!(task(&p, &s, "B").start, dt("2026-01-06T08:00"));
}

/// A summary's duration in the JSON schedule is the working time from its start to its finish
/// on its calendar, as Microsoft Project shows it (here 2d + a 1d gap + 3d = 6d, across a
/// weekend and a holiday that do not count).
#[test]
fn summary_duration_is_the_working_time_it_spans() {
    let d = doc(r#"{"name":"s","start":"2026-01-07T08:00",
        "calendars":[{"id":"standard","week":{"mon":["08:00-12:00","13:00-17:00"],"tue":["08:00-12:00","13:00-17:00"],
            "wed":["08:00-12:00","13:00-17:00"],"thu":["08:00-12:00","13:00-17:00"],"fri":["08:00-12:00","13:00-17:00"]},
            "exceptions":[{"date":"2026-01-12","working":[]}]}],
        "tasks":[{"id":"S","name":"Phase"},
                 {"id":"A","duration":"2d","parent":"S"},
                 {"id":"B","duration":"3d","parent":"S"}],
        "links":[{"from":"A","to":"B","lag":"1d"}]}"#);
    let s = jindu::schedule(&d.project, &d.options).unwrap();
    let text = jindu::io::json::write_schedule(&d.project, &s);
    let line = text.lines().find(|l| l.contains("\"id\": \"S\"")).unwrap();
    // A: Wed 7 - Thu 8; lag Fri 9; B: Tue 13 - Thu 15 (Mon 12 is a holiday).
    assert!(
        line.contains("\"finish\": \"2026-01-15T17:00:00\""),
        "{line}"
    );
    assert!(line.contains("\"duration\": \"6d\""), "{line}");
    let a = text.lines().find(|l| l.contains("\"id\": \"A\"")).unwrap();
    assert!(a.contains("\"duration\": \"2d\""), "{a}");
}
