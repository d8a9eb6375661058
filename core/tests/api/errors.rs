//! Bad input gets a typed error naming the item; never a panic.

use jindu::{Edit, Engine, ErrorCode, Lag, LinkType};

fn err(text: &str) -> jindu::Error {
    match jindu::io::json::read(text) {
        Err(e) => e,
        Ok(d) => jindu::schedule(&d.project, &d.options).expect_err("expected an error"),
    }
}

#[test]
fn cycle_lists_the_tasks_in_order() {
    let e = err(
        r#"{"name":"c","start":"2026-01-05T08:00","tasks":[{"id":"A","duration":"1d"},{"id":"B","duration":"1d"},
        {"id":"C","duration":"1d"},{"id":"D","duration":"1d"}],
        "links":[{"from":"D","to":"A"},{"from":"A","to":"C"},{"from":"C","to":"B"},{"from":"B","to":"A"}]}"#,
    );
    assert_eq!(e.code(), ErrorCode::Cycle);
    assert_eq!(e.to_string(), "dependency cycle: A -> C -> B -> A");
}

#[test]
fn summary_rules() {
    let e = err(
        r#"{"name":"c","start":"2026-01-05T08:00","tasks":[{"id":"S"},{"id":"A","duration":"1d","parent":"S"}],
        "links":[{"from":"S","to":"A"}]}"#,
    );
    assert_eq!(e.code(), ErrorCode::SummaryLink);
    assert!(e.to_string().contains("its own subtasks"), "{e}");
    let e = err(
        r#"{"name":"c","start":"2026-01-05T08:00","tasks":[{"id":"S","constraint":{"type":"MSO","date":"2026-01-06"}},
        {"id":"A","duration":"1d","parent":"S"}]}"#,
    );
    assert_eq!(
        (e.code(), e.field()),
        (ErrorCode::Invalid, Some("constraint"))
    );
}

#[test]
fn calendar_errors() {
    let e = err(r#"{"name":"c","start":"2026-01-05T08:00","calendar":"none",
        "calendars":[{"id":"none","week":{}}],"tasks":[{"id":"A","duration":"1d"}]}"#);
    assert_eq!(e.code(), ErrorCode::NoWorkingTime);
    // A calendar whose only working time is one exception day runs out.
    let e = err(r#"{"name":"c","start":"2026-01-05T08:00","calendar":"once",
        "calendars":[{"id":"once","week":{},"exceptions":[{"date":"2026-01-06","working":["08:00-12:00"]}]}],
        "tasks":[{"id":"A","duration":"1d"}]}"#);
    assert_eq!(e.code(), ErrorCode::CalendarExhausted);
    assert_eq!(e.task_id().map(|t| t.as_str()), Some("A"));
    let e = err(
        r#"{"name":"c","start":"2026-01-05T08:00","calendars":[{"id":"a","base":"b"},{"id":"b","base":"a"}],
        "tasks":[]}"#,
    );
    assert_eq!(e.code(), ErrorCode::CalendarCycle);
}

#[test]
fn duplicate_links_and_engine_errors() {
    let e = err(
        r#"{"name":"c","start":"2026-01-05T08:00","tasks":[{"id":"A","duration":"1d"},{"id":"B","duration":"1d"}],
        "links":[{"from":"A","to":"B"},{"from":"A","to":"B","type":"SS"}]}"#,
    );
    assert_eq!(e.code(), ErrorCode::DuplicateLink);
    let d = jindu::io::json::read(r#"{"name":"c","start":"2026-01-05T08:00","tasks":[{"id":"A","duration":"1d"},{"id":"B","duration":"1d"}]}"#).unwrap();
    let mut eng = Engine::new(d.project, d.options).unwrap();
    let e = eng
        .apply(Edit::AddLink {
            from: "A".into(),
            to: "A".into(),
            kind: LinkType::FinishToStart,
            lag: Lag::ZERO,
        })
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::SelfLink);
    let e = eng
        .apply(Edit::RemoveLink {
            from: "A".into(),
            to: "B".into(),
        })
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::NoSuchLink);
    let e = eng
        .apply(Edit::SetDuration {
            task: "Q".into(),
            duration: jindu::Duration::days(1),
        })
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::UnknownTask);
}

#[test]
fn dates_out_of_range_are_errors() {
    // A lag of a few million working days runs past the year 9999.
    let e = err(
        r#"{"name":"c","start":"9990-01-05T08:00","tasks":[{"id":"A","duration":"1d"},{"id":"B","duration":"1d"}],
        "links":[{"from":"A","to":"B","lag":"100000w"}]}"#,
    );
    assert!(
        matches!(e.code(), ErrorCode::CalendarExhausted | ErrorCode::Invalid),
        "{e}"
    );
}

/// Any positive hours a week round-trip through the document: in days when exact and at most
/// seven (the usual case), else in hours (found by the `mspdi` fuzz target: a Project file with
/// more minutes a week than seven of its days held).
#[test]
fn week_lengths_round_trip_through_the_document() {
    use jindu::io::json;
    use jindu::{DurationSettings, Project};
    for (day, week, field) in [
        (450, 2250, "\"days_per_week\": 5"),
        (450, 2400, "\"days_per_week\""),
        (60, 2400, "\"hours_per_week\": 40"),
        (1440, 2399, "\"days_per_week\""),
    ] {
        let mut p = Project::new("w", "2026-01-05T08:00".parse().unwrap());
        p.set_settings(DurationSettings {
            minutes_per_day: day,
            minutes_per_week: week,
            ..DurationSettings::default()
        })
        .unwrap();
        let text = json::write(&json::Document {
            project: p,
            options: Default::default(),
        });
        assert!(text.contains(field), "{day}/{week}: {text}");
        let back = json::read(&text).unwrap();
        assert_eq!(back.project.settings().minutes_per_week, week, "{text}");
        assert_eq!(back.project.settings().minutes_per_day, day);
    }
    let both = r#"{"name":"w","start":"2026-01-05T08:00","days_per_week":5,"hours_per_week":40,"tasks":[]}"#;
    let e = json::read(both).unwrap_err();
    assert_eq!(e.field(), Some("hours_per_week"), "{e}");
    let e = json::read(r#"{"name":"w","start":"2026-01-05T08:00","days_per_week":8,"tasks":[]}"#)
        .unwrap_err();
    assert_eq!(e.field(), Some("days_per_week"), "{e}");
}

/// A link into a pinned task whose lag needs more working time than the calendar has left is a
/// violation that no start can meet (`required` is `DateTime::MAX`), in the batch schedule and in
/// the engine after an edit alike; the engine used to panic building its schedule ("violations
/// were computable"), since its passes never measure the links of a pinned task.
#[test]
fn a_lag_past_the_calendar_into_a_pinned_task_is_a_violation() {
    // "once" works 2026-01-06 08:00-12:00 (working minutes 0-240) and 2026-01-15 08:00-12:00
    // (240-480). A starts no earlier than 01-15 10:00 (minute 360) and finishes at 11:00 (420);
    // B is pinned at 11:00. A 2h lag needs minute 420 + 120 = 540 > 480: past the calendar.
    let doc = |lag: &str| {
        format!(
            r#"{{"name":"c","start":"2026-01-05T08:00",
            "calendars":[{{"id":"once","week":{{}},"exceptions":[
              {{"date":"2026-01-06","working":["08:00-12:00"]}},{{"date":"2026-01-15","working":["08:00-12:00"]}}]}}],
            "tasks":[{{"id":"A","duration":"1h","calendar":"once","constraint":{{"type":"SNET","date":"2026-01-15T10:00"}}}},
              {{"id":"B","duration":"1h","calendar":"once","pinned":{{"start":"2026-01-15T11:00"}}}}],
            "links":[{{"from":"A","to":"B","lag":"{lag}"}}]}}"#
        )
    };
    let check = |s: &jindu::Schedule| {
        let v = s.violations();
        assert_eq!(v.len(), 1, "{v:?}");
        assert_eq!(v[0].kind, jindu::ViolationKind::PinnedAgainstLink);
        assert_eq!(v[0].required, jindu::DateTime::MAX);
        assert_eq!(v[0].actual.to_string(), "2026-01-15T11:00:00");
    };
    let d = jindu::io::json::read(&doc("2h")).unwrap();
    check(&jindu::schedule(&d.project, &d.options).unwrap());

    // Without the lag the pin meets the link (11:00 = A's finish): no violation.
    let d = jindu::io::json::read(&doc("0h")).unwrap();
    let mut eng = Engine::new(d.project, d.options).unwrap();
    assert!(eng.schedule().violations().is_empty());
    eng.apply(Edit::SetLink {
        from: "A".into(),
        to: "B".into(),
        kind: LinkType::FinishToStart,
        lag: Lag::Time(jindu::Duration::hours(2)),
    })
    .unwrap();
    check(&eng.schedule());
}

/// The JSON path of the offending value, for every kind of document error: unknown fields and
/// wrong types (serde's errors, which also have a line and column) and values that do not
/// parse (which name the item and field), in top-level lists and in lists nested in an item.
#[test]
fn document_errors_carry_the_json_path() {
    let doc = |tail: &str| format!(r#"{{"name":"p","start":"2026-01-05",{tail}}}"#);
    let two = r#""tasks":[{"id":"A","duration":"1d"},"#;
    // (document tail, path, field, code)
    let cases = [
        // An unknown field in the second task.
        (format!(r#"{two}{{"id":"B","duraton":"2d"}}]"#), "tasks[1].duraton", "duraton", ErrorCode::Json),
        // A number where a duration string belongs.
        (format!(r#"{two}{{"id":"B","duration":2}}]"#), "tasks[1].duration", "duration", ErrorCode::Json),
        // A duration that does not parse.
        (format!(r#"{two}{{"id":"B","duration":"2 days"}}]"#), "tasks[1].duration", "duration", ErrorCode::Invalid),
        // A bad date in the third exception of the first calendar.
        (
            r#""calendars":[{"id":"c","week":{"mon":["08:00-12:00"]},"exceptions":[{"date":"2026-01-01"},{"date":"2026-01-02"},{"date":"2026-13-01"}]}],"tasks":[]"#.to_owned(),
            "calendars[0].exceptions[2].date",
            "exceptions.date",
            ErrorCode::Invalid,
        ),
        // The second working time of a Monday.
        (
            r#""calendars":[{"id":"c","week":{"mon":["08:00-12:00","noon"]}}],"tasks":[]"#.to_owned(),
            "calendars[0].week.mon[1]",
            "mon",
            ErrorCode::Invalid,
        ),
        // A bad duration in the second baseline of a task, and in a split.
        (
            r#""tasks":[{"id":"A","duration":"1d","baselines":[{},{"duration":"long"}]}]"#.to_owned(),
            "tasks[0].baselines[1].duration",
            "baselines.duration",
            ErrorCode::Invalid,
        ),
        (
            r#""tasks":[{"id":"A","duration":"3d","splits":[{"after":"1d","pause":"x"}]}]"#.to_owned(),
            "tasks[0].splits[0].pause",
            "splits.pause",
            ErrorCode::Invalid,
        ),
        // The lag of the second link.
        (
            format!(r#"{two}{{"id":"B","duration":"1d"}}],"links":[{{"from":"A","to":"B"}},{{"from":"B","to":"A","lag":"soon"}}]"#),
            "links[1].lag",
            "lag",
            ErrorCode::Invalid,
        ),
        // A resource's availability, an assignment's work, a project option.
        (
            r#""resources":[{"id":"r"},{"id":"s","availability":[{"from":"2026-01-01","to":"later","max_units":50}]}],"tasks":[]"#.to_owned(),
            "resources[1].availability[0].to",
            "availability",
            ErrorCode::Invalid,
        ),
        (
            r#""resources":[{"id":"r"}],"tasks":[{"id":"A","duration":"1d"}],"assignments":[{"task":"A","resource":"r","work":"lots"}]"#.to_owned(),
            "assignments[0].work",
            "work",
            ErrorCode::Invalid,
        ),
        (
            r#""tasks":[],"options":{"status_date":"today"}"#.to_owned(),
            "options.status_date",
            "options.status_date",
            ErrorCode::Invalid,
        ),
    ];
    for (tail, path, field, code) in cases {
        let text = doc(&tail);
        let e = jindu::io::json::read(&text).expect_err(&text);
        assert_eq!(
            (e.path(), e.field(), e.code()),
            (Some(path), Some(field), code),
            "{e}"
        );
    }
}

/// What the messages say about where: a serde error names the path and, in text, the line and
/// column (which a binding drops for text it wrote itself); a bad value names the item and the
/// field by its path within the item.
#[test]
fn document_error_messages_say_where() {
    let text = "{\"name\": \"p\", \"start\": \"2026-01-05\",\n \"tasks\": [{\"id\": \"A\",\n \"duraton\": \"1d\"}]}";
    let e = jindu::io::json::read(text).unwrap_err();
    let prefix = "task `A`: unknown field `duraton`, expected one of `id`, ";
    assert!(e.to_string().starts_with(prefix), "{e}");
    // Line 3, column 10: the closing quote of `"duraton"` (a space, then 9 characters).
    assert!(
        e.to_string()
            .ends_with(" at `tasks[0].duraton` (line 3, column 10)"),
        "{e}"
    );
    assert_eq!(e.position(), Some((3, 10)));
    let e = e.without_text_position();
    assert!(e.to_string().ends_with(" at `tasks[0].duraton`"), "{e}");
    assert_eq!((e.position(), e.path()), (None, Some("tasks[0].duraton")));

    let e = jindu::io::json::read(
        r#"{"name":"p","start":"2026-01-05","calendars":[{"id":"c","week":{},"exceptions":[{"date":"2026-01-01"},{"date":"1 May"}]}],"tasks":[]}"#,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "calendar `c`: field `exceptions[1].date`: invalid date \"1 May\": expected YYYY-MM-DD, years 1000-9999"
    );
    // A value error has no position in the text, and dropping it changes nothing.
    assert_eq!(e.position(), None);
    assert_eq!(e.clone().without_text_position(), e);
    // A field of a top-level item is named as before: the item says which element it is.
    let e = jindu::io::json::read(
        r#"{"name":"p","start":"2026-01-05","tasks":[{"id":"A","duration":"1d"},{"id":"B","duration":"2 days"}]}"#,
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("task `B`: field `duration`: invalid duration \"2 days\""),
        "{e}"
    );
}
