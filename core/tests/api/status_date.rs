//! Scheduling from a status date (`ScheduleOptions::status_date`): remaining work after it,
//! unstarted tasks moved past it, finished tasks fixed, out-of-sequence progress under retained
//! logic and progress override.
//!
//! Standard calendar (08:00–12:00, 13:00–17:00, Monday to Friday); Monday 2026-01-05 is the
//! project start. A status date of Wednesday 17:00 means uncompleted work resumes Thursday
//! 08:00, the next working minute.

use jindu::{Driver, OutOfSequence, ScheduleOptions};

use crate::util::{doc, dt, run, run_with, task};

fn doc_at(status: Option<&str>, extra: &str, tasks: &str, links: &str) -> String {
    let opts = match status {
        Some(s) => format!(r#", "options": {{"status_date": "{s}"{extra}}}"#),
        None => String::new(),
    };
    format!(
        r#"{{"name": "s", "start": "2026-01-05T08:00", "tasks": [{tasks}], "links": [{links}]{opts}}}"#
    )
}

/// A started task with the status date in the middle: the work done (25 % of 4 days = 1 day,
/// Monday) stays where it happened, the remaining 3 days resume after the status date.
#[test]
fn remaining_work_resumes_after_the_status_date() {
    let tasks = r#"{"id": "A", "duration": "4d", "percent_complete": 25, "actual_start": "2026-01-05T08:00"},
                   {"id": "B", "duration": "1d"}"#;
    let links = r#"{"from": "A", "to": "B"}"#;
    // Without a status date, as before: A runs its 4 days from the actual start, Mon–Thu.
    let (p, s) = run(&doc_at(None, "", tasks, links));
    let a = task(&p, &s, "A");
    assert_eq!(
        (a.start, a.finish),
        (dt("2026-01-05T08:00"), dt("2026-01-08T17:00"))
    );
    // Status date Wed 17:00: 3 days remain from Thu 08:00: Thu, Fri, Mon → Mon 01-12 17:00.
    let (p, s) = run(&doc_at(Some("2026-01-07T17:00"), "", tasks, links));
    let a = task(&p, &s, "A");
    assert_eq!(
        (a.start, a.finish),
        (dt("2026-01-05T08:00"), dt("2026-01-12T17:00"))
    );
    assert_eq!(a.driver, Driver::Actual);
    // B follows A: Tue 01-13, a whole day.
    let b = task(&p, &s, "B");
    assert_eq!(
        (b.start, b.finish),
        (dt("2026-01-13T08:00"), dt("2026-01-13T17:00"))
    );
}

/// A remaining duration overrides the percent complete: 1 day left of 4, so 3 days are done
/// (Mon–Wed, ending at the status date); the remaining day is Thursday.
#[test]
fn remaining_duration_decides_the_work_left() {
    let tasks = r#"{"id": "A", "duration": "4d", "actual_start": "2026-01-05T08:00", "remaining_duration": "1d"}"#;
    let (p, s) = run(&doc_at(Some("2026-01-07T17:00"), "", tasks, ""));
    assert_eq!(task(&p, &s, "A").finish, dt("2026-01-08T17:00"));
    // Progress reported beyond the status date (status Mon 17:00, 3 days done by Wed 17:00):
    // the work continues without a gap, Thursday.
    let (p, s) = run(&doc_at(Some("2026-01-05T17:00"), "", tasks, ""));
    assert_eq!(task(&p, &s, "A").finish, dt("2026-01-08T17:00"));
    // 3 days left of 2 planned: nothing of the plan counts as done; Mon is the work so far,
    // status Mon 17:00, 3 days from Tue 08:00: Tue, Wed, Thu.
    let tasks = r#"{"id": "A", "duration": "2d", "actual_start": "2026-01-05T08:00", "remaining_duration": "3d"}"#;
    let (p, s) = run(&doc_at(Some("2026-01-05T17:00"), "", tasks, ""));
    assert_eq!(task(&p, &s, "A").finish, dt("2026-01-08T17:00"));
}

/// An unstarted task that should have started moves past the status date; it starts at the
/// status date itself when that is working time.
#[test]
fn unstarted_overdue_task_moves_past_the_status_date() {
    let tasks = r#"{"id": "C", "duration": "2d"}"#;
    // Status Wed 10:00: 16 h from then: Wed 10–12, 13–17 (6 h), Thu (8 h, 14), Fri 08–10 (16).
    let (p, s) = run(&doc_at(Some("2026-01-07T10:00"), "", tasks, ""));
    let c = task(&p, &s, "C");
    assert_eq!(
        (c.start, c.finish),
        (dt("2026-01-07T10:00"), dt("2026-01-09T10:00"))
    );
    assert_eq!(c.driver, Driver::StatusDate);
    // Its late dates are still the project's: the project finishes with it, zero float.
    assert_eq!(c.total_float.minutes(), 0);
    // A status date before the project start changes nothing.
    let (p, s) = run(&doc_at(Some("2026-01-02T17:00"), "", tasks, ""));
    let c = task(&p, &s, "C");
    assert_eq!(
        (c.start, c.driver),
        (dt("2026-01-05T08:00"), Driver::ProjectStart)
    );
}

/// A finished task keeps its actual dates even after the status date; its successor, which
/// logic would start on Wednesday, waits for the status date (Wed 17:00 → Thu 08:00).
#[test]
fn finished_task_keeps_its_actual_dates() {
    let tasks = r#"{"id": "D", "duration": "2d", "percent_complete": 100,
                    "actual_start": "2026-01-05T08:00", "actual_finish": "2026-01-09T17:00"},
                   {"id": "E", "duration": "1d"}"#;
    let links = r#"{"from": "D", "to": "E"}"#;
    // D finished Fri 01-09 (late, after the status date): kept; E follows it on Mon 01-12.
    let (p, s) = run(&doc_at(Some("2026-01-07T17:00"), "", tasks, links));
    let d = task(&p, &s, "D");
    assert_eq!(
        (d.start, d.finish),
        (dt("2026-01-05T08:00"), dt("2026-01-09T17:00"))
    );
    assert_eq!(task(&p, &s, "E").start, dt("2026-01-12T08:00"));
    // Finished early (Tue 01-06): E could start Wed, but not before the status date → Thu.
    let tasks = tasks.replace("2026-01-09T17:00", "2026-01-06T17:00");
    let (p, s) = run(&doc_at(Some("2026-01-07T17:00"), "", &tasks, links));
    assert_eq!(task(&p, &s, "D").finish, dt("2026-01-06T17:00"));
    let e = task(&p, &s, "E");
    assert_eq!(
        (e.start, e.driver),
        (dt("2026-01-08T08:00"), Driver::StatusDate)
    );
}

/// Out-of-sequence progress: S started (Tue, 1 of 2 days done) before its predecessor P (3
/// days, not started). Status date Wed 17:00: P runs Thu 01-08 to Mon 01-12.
/// Retained logic: S's remaining day waits for P: Tue 01-13.
/// Progress override: it resumes after the status date: Thu 01-08.
#[test]
fn out_of_sequence_successor_under_both_options() {
    let tasks = r#"{"id": "P", "duration": "3d"},
                   {"id": "S", "duration": "2d", "percent_complete": 50, "actual_start": "2026-01-06T08:00"}"#;
    let links = r#"{"from": "P", "to": "S"}"#;
    let (p, s) = run(&doc_at(Some("2026-01-07T17:00"), "", tasks, links));
    let pt = task(&p, &s, "P");
    assert_eq!(
        (pt.start, pt.finish),
        (dt("2026-01-08T08:00"), dt("2026-01-12T17:00"))
    );
    let st = task(&p, &s, "S");
    assert_eq!(
        (st.start, st.finish),
        (dt("2026-01-06T08:00"), dt("2026-01-13T17:00"))
    );
    // S's late start is that of its remaining day (LF Tue 17:00 − 1d = Tue 08:00), so P's late
    // finish is Mon 17:00 = its early finish: zero float, P and S critical.
    assert_eq!(st.late_start, dt("2026-01-13T08:00"));
    assert_eq!(task(&p, &s, "P").total_float.minutes(), 0);
    let over = r#", "out_of_sequence": "progress_override""#;
    let (p, s) = run(&doc_at(Some("2026-01-07T17:00"), over, tasks, links));
    let st = task(&p, &s, "S");
    assert_eq!(
        (st.start, st.finish),
        (dt("2026-01-06T08:00"), dt("2026-01-08T17:00"))
    );
    // The link still binds P backwards: the project finishes with P (Mon 01-12 17:00), S's
    // remaining day may be as late as Mon 08:00–17:00, so P should have finished by Fri 17:00:
    // one day (480 minutes) of negative float shows the broken link.
    assert_eq!(st.late_start, dt("2026-01-12T08:00"));
    assert_eq!(task(&p, &s, "P").total_float.minutes(), -480);
    // The same through the Rust options.
    let d = doc(&doc_at(None, "", tasks, links));
    let o = ScheduleOptions::default()
        .status_date(Some(dt("2026-01-07T17:00")))
        .out_of_sequence(OutOfSequence::ProgressOverride);
    let (p, s) = run_with(&doc_at(None, "", tasks, links), &o);
    assert_eq!(task(&p, &s, "S").finish, dt("2026-01-08T17:00"));
    // Without a status date S keeps today's rule: 2 days from its actual start, Tue–Wed.
    let s0 = jindu::schedule(&d.project, &ScheduleOptions::default()).unwrap();
    assert_eq!(task(&d.project, &s0, "S").finish, dt("2026-01-07T17:00"));
}

/// Bad progress and options are typed errors naming the item and field.
#[test]
fn bad_status_inputs_are_named() {
    let e = jindu::io::json::read(&doc_at(
        Some("2026-01-07"),
        r#", "out_of_sequence": "sideways""#,
        r#"{"id": "A", "duration": "1d"}"#,
        "",
    ))
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("out_of_sequence") && e.contains("sideways"),
        "{e}"
    );
    let e = jindu::io::json::read(&doc_at(
        None,
        "",
        r#"{"id": "A", "duration": "1d", "actual_start": "2026-01-05", "remaining_duration": "-1d"}"#,
        "",
    ))
    .unwrap_err()
    .to_string();
    assert!(e.contains("remaining_duration") && e.contains('A'), "{e}");
    let e = jindu::io::json::read(&doc_at(Some("yesterday"), "", r#"{"id": "A"}"#, ""))
        .unwrap_err()
        .to_string();
    assert!(e.contains("options.status_date"), "{e}");
}

/// The options and the remaining duration survive a JSON round trip; a bare status date is the
/// end of that day (17:00).
#[test]
fn status_options_round_trip() {
    let text = doc_at(
        Some("2026-01-07"),
        r#", "out_of_sequence": "progress_override""#,
        r#"{"id": "A", "duration": "4d", "actual_start": "2026-01-05", "remaining_duration": "1.5d"}"#,
        "",
    );
    let d = doc(&text);
    assert_eq!(d.options.status_date, Some(dt("2026-01-07T17:00")));
    assert_eq!(d.options.out_of_sequence, OutOfSequence::ProgressOverride);
    let r = d.project.tasks()[0].progress.remaining_duration.unwrap();
    assert_eq!(r.minutes(), 720); // 1.5 × 480
    let back = jindu::io::json::read(&jindu::io::json::write(&d)).unwrap();
    assert_eq!(back, d);
}

/// A split task spans its work plus its pauses, and the pauses move with it: 10 days of work
/// with 3 days off after the fourth span 13 working days, Mon 01-05 to Wed 01-21 (weeks of
/// 5: 01-05..09, 12..16, 19..21). Its successor follows on Thu 01-22.
#[test]
fn a_split_task_spans_its_pauses() {
    let tasks = r#"{"id": "A", "duration": "10d", "splits": [{"after": "4d", "pause": "3d"}]},
                   {"id": "B", "duration": "1d"}"#;
    let links = r#"{"from": "A", "to": "B"}"#;
    let (p, s) = run(&doc_at(None, "", tasks, links));
    let a = task(&p, &s, "A");
    assert_eq!(
        (a.start, a.finish),
        (dt("2026-01-05T08:00"), dt("2026-01-21T17:00"))
    );
    assert_eq!(task(&p, &s, "B").start, dt("2026-01-22T08:00"));
    // Pushed by a 2-day predecessor, it keeps its shape: 13 working days from Wed 01-07.
    let tasks2 = format!(r#"{{"id": "P", "duration": "2d"}}, {tasks}"#);
    let (p, s) = run(&doc_at(None, "", &tasks2, r#"{"from": "P", "to": "A"}"#));
    // 01-07..09 (3), 12..16 (8), 19..23 (13).
    assert_eq!(task(&p, &s, "A").finish, dt("2026-01-23T17:00"));
    // Late dates move the whole span too: B is the project's end, A has no float.
    assert_eq!(task(&p, &s, "A").total_float.minutes(), 0);
}

/// From a status date, a split task's pauses fall where its work has reached: 50 % of 10 days
/// is 5 done, past the pause after 4, so the work done spans 8 days (Mon 01-05 to Wed 01-14);
/// with the status date Fri 01-16 17:00 the remaining 5 days run Mon 01-19 to Fri 01-23.
/// At 20 % (2 days done, Mon–Tue) the pause is still ahead: 8 + 3 = 11 days from Wed 01-07
/// (status Tue 17:00): 01-07..09 (3), 12..16 (8), 19..21 (11).
#[test]
fn a_started_split_task_from_a_status_date() {
    let tasks = |pct: u8| {
        format!(
            r#"{{"id": "A", "duration": "10d", "percent_complete": {pct}, "actual_start": "2026-01-05",
                 "splits": [{{"after": "4d", "pause": "3d"}}]}}"#
        )
    };
    let (p, s) = run(&doc_at(Some("2026-01-16T17:00"), "", &tasks(50), ""));
    assert_eq!(task(&p, &s, "A").finish, dt("2026-01-23T17:00"));
    let (p, s) = run(&doc_at(Some("2026-01-06T17:00"), "", &tasks(20), ""));
    assert_eq!(task(&p, &s, "A").finish, dt("2026-01-21T17:00"));
}

/// Splits must fit the task: after some work, before its end, in order, with a pause.
#[test]
fn bad_splits_are_named() {
    for splits in [
        r#"[{"after": "2d", "pause": "1d"}]"#,
        r#"[{"after": "0d", "pause": "1d"}]"#,
        r#"[{"after": "1d", "pause": "0d"}]"#,
        r#"[{"after": "1d", "pause": "1d"}, {"after": "1d", "pause": "1d"}]"#,
        r#"[{"after": "1d", "pause": "1ed"}]"#,
    ] {
        let e = jindu::io::json::read(&doc_at(
            None,
            "",
            &format!(r#"{{"id": "A", "duration": "2d", "splits": {splits}}}"#),
            "",
        ))
        .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("splits") && msg.contains('A'),
            "{splits}: {msg}"
        );
    }
}

/// The remaining duration and splits survive JSON; the remaining duration survives MSPDI
/// (`RemainingDuration` of a started task), and a plain started task reads back without one.
#[test]
fn remaining_duration_round_trips_through_mspdi() {
    let text = doc_at(
        None,
        "",
        r#"{"id": "A", "duration": "4d", "percent_complete": 25, "actual_start": "2026-01-05", "remaining_duration": "2d"},
           {"id": "B", "duration": "4d", "percent_complete": 25, "actual_start": "2026-01-05"},
           {"id": "C", "duration": "10d", "splits": [{"after": "4d", "pause": "3d"}]}"#,
        "",
    );
    let d = doc(&text);
    let back = jindu::io::json::read(&jindu::io::json::write(&d)).unwrap();
    assert_eq!(back, d);
    let s = jindu::schedule(&d.project, &d.options).unwrap();
    let xml = jindu::io::mspdi::write(&d.project, &s);
    let imp = jindu::io::mspdi::read(xml.as_bytes()).unwrap();
    // The import keys tasks by UID; they keep their order (A, B, C).
    let t = imp.project.tasks();
    assert_eq!(t.len(), 3);
    assert_eq!(
        t[0].progress.remaining_duration.map(|r| r.minutes()),
        Some(960)
    ); // 2 × 480
    assert_eq!(t[1].progress.remaining_duration, None); // 75 % of 4d: what 25 % says already
                                                        // C's split travels as timephased work on Project's unassigned placeholder: 4 days, a
                                                        // 3-day pause, 6 days; it reads back as the same split and schedules to the same dates.
    assert!(xml.contains("<ResourceUID>-65535</ResourceUID>"), "{xml}");
    assert_eq!(t[2].splits, d.project.tasks()[2].splits);
    let s2 = jindu::schedule(&imp.project, &imp.options).unwrap();
    assert_eq!(s2.tasks()[2].finish, s.tasks()[2].finish);
    assert_eq!(s.tasks()[2].finish, dt("2026-01-21T17:00")); // 13 working days from 01-05
}

/// A split task with an assignment carries its segments on that assignment (not on a
/// placeholder) and reads back with the same split.
#[test]
fn a_split_survives_mspdi_on_its_assignment() {
    let text = r#"{"name": "s", "start": "2026-01-05T08:00",
        "tasks": [{"id": "A", "duration": "5d", "splits": [{"after": "2d", "pause": "1d"}, {"after": "3d", "pause": "2d"}]}],
        "resources": [{"id": "ana"}],
        "assignments": [{"task": "A", "resource": "ana", "units": 50}]}"#;
    let d = doc(text);
    let s = jindu::schedule(&d.project, &d.options).unwrap();
    // 2d work (Mon-Tue), 1d pause (Wed), 1d (Thu), 2d pause (Fri, Mon), 2d (Tue-Wed 01-14).
    assert_eq!(s.tasks()[0].finish, dt("2026-01-14T17:00"));
    let xml = jindu::io::mspdi::write(&d.project, &s);
    assert!(!xml.contains("-65535"), "{xml}");
    assert_eq!(xml.matches("<TimephasedData>").count(), 5);
    let imp = jindu::io::mspdi::read(xml.as_bytes()).unwrap();
    assert_eq!(imp.project.tasks()[0].splits, d.project.tasks()[0].splits);
    let s2 = jindu::schedule(&imp.project, &imp.options).unwrap();
    assert_eq!(s2.tasks()[0].finish, s.tasks()[0].finish);
}
