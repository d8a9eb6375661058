//! Agreement with Microsoft Project: files from `shared/data/mspdi/` translated to jindu JSON,
//! with the dates, slack and critical flags Microsoft Project stored in them.
//!
//! Every task of every fixture must agree on all nine fields: start, finish, early and late
//! start and finish (to the minute), total and free slack (minutes) and the critical flag.

use std::path::Path;

fn fixtures() -> Vec<(String, serde_json::Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mspdi");
    let mut v: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixture directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable fixture");
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                serde_json::from_str(&text).expect("JSON fixture"),
            )
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn agrees_with_microsoft_project() {
    let mut tasks = 0;
    let mut failures = Vec::new();
    let all = fixtures();
    assert_eq!(all.len(), 9, "fixtures missing");
    for (name, fx) in &all {
        let text = serde_json::to_string(&fx["document"]).unwrap();
        let d = jindu::io::json::read(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let s = jindu::schedule(&d.project, &d.options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let out: serde_json::Value =
            serde_json::from_str(&jindu::io::json::write_schedule(&d.project, &s)).unwrap();
        let by_id: std::collections::HashMap<&str, &serde_json::Value> = out["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["id"].as_str().unwrap(), t))
            .collect();
        for (uid, want) in fx["expected"].as_object().unwrap() {
            tasks += 1;
            let got = by_id
                .get(uid.as_str())
                .unwrap_or_else(|| panic!("{name}: task {uid} missing"));
            let mut diffs = Vec::new();
            for f in [
                "start",
                "finish",
                "early_start",
                "early_finish",
                "late_start",
                "late_finish",
            ] {
                if want[f] != got[f] {
                    diffs.push(format!("{f}: project {} jindu {}", want[f], got[f]));
                }
            }
            for (f, g) in [
                ("total_slack_minutes", "total_float_minutes"),
                ("free_slack_minutes", "free_float_minutes"),
            ] {
                if want[f] != got[g] {
                    diffs.push(format!("{f}: project {} jindu {}", want[f], got[g]));
                }
            }
            if want["critical"] != got["critical"] {
                diffs.push(format!(
                    "critical: project {} jindu {}",
                    want["critical"], got["critical"]
                ));
            }
            if !diffs.is_empty() {
                failures.push(format!("{name} task {uid}: {}", diffs.join("; ")));
            }
        }
    }
    assert_eq!(tasks, 287, "the fixtures hold 287 tasks");
    assert!(
        failures.is_empty(),
        "{} of {tasks} tasks disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A task with two work resources on different calendars runs on the union of their working
/// time (Microsoft Project schedules each assignment on its resource's calendar and the task
/// spans them; its duration is the working time of that span on the union).
/// Day shift: Mon–Fri 08:00–12:00, 13:00–17:00. Evening shift: Mon–Fri 18:00–22:00, except
/// Tuesday 2026-01-06 (off). The union works 12 hours a day, 8 on that Tuesday. 24 hours from
/// Monday 08:00: Monday 12 h (to 22:00), Tuesday 8 h (to 17:00), Wednesday 4 h: 12:00.
#[test]
fn resources_on_different_calendars_use_their_union() {
    let day = |d: u8, times: &str| {
        if times.is_empty() {
            format!("<WeekDay><DayType>{d}</DayType><DayWorking>0</DayWorking></WeekDay>")
        } else {
            let w: String = times
                .split(',')
                .map(|t| {
                    let (a, b) = t.split_once('-').unwrap();
                    format!("<WorkingTime><FromTime>{a}:00</FromTime><ToTime>{b}:00</ToTime></WorkingTime>")
                })
                .collect();
            format!("<WeekDay><DayType>{d}</DayType><DayWorking>1</DayWorking><WorkingTimes>{w}</WorkingTimes></WeekDay>")
        }
    };
    let cal = |uid: u8, name: &str, times: &str, extra: &str| {
        let days: String = (1..=7)
            .map(|d| day(d, if (2..=6).contains(&d) { times } else { "" }))
            .collect();
        format!("<Calendar><UID>{uid}</UID><Name>{name}</Name><IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID><WeekDays>{days}{extra}</WeekDays></Calendar>")
    };
    let off = "<WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2026-01-06T00:00:00</FromDate><ToDate>2026-01-06T23:59:00</ToDate></TimePeriod></WeekDay>";
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <StartDate>2026-01-05T08:00:00</StartDate><CalendarUID>1</CalendarUID>
  <Calendars>{}{}</Calendars>
  <Tasks><Task><UID>1</UID><ID>1</ID><Name>Both shifts</Name><Duration>PT24H0M0S</Duration></Task></Tasks>
  <Resources>
    <Resource><UID>1</UID><Name>Day</Name><Type>1</Type><CalendarUID>1</CalendarUID></Resource>
    <Resource><UID>2</UID><Name>Evening</Name><Type>1</Type><CalendarUID>2</CalendarUID></Resource>
  </Resources>
  <Assignments>
    <Assignment><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Units>1</Units><Work>PT16H0M0S</Work></Assignment>
    <Assignment><TaskUID>1</TaskUID><ResourceUID>2</ResourceUID><Units>1</Units><Work>PT8H0M0S</Work></Assignment>
  </Assignments>
</Project>"#,
        cal(1, "Day", "08:00-12:00,13:00-17:00", ""),
        cal(2, "Evening", "18:00-22:00", off),
    );
    let imp = jindu::io::mspdi::read(xml.as_bytes()).unwrap();
    let t = imp.project.task(imp.project.index_of("1").unwrap());
    let c = imp.project.calendar(t.calendar.as_ref().unwrap()).unwrap();
    assert_eq!(c.name, "Day + Evening");
    let s = jindu::schedule(&imp.project, &imp.options).unwrap();
    let got = s.task(imp.project.index_of("1").unwrap());
    assert_eq!(
        (got.start.to_string(), got.finish.to_string()),
        ("2026-01-05T08:00:00".into(), "2026-01-07T12:00:00".into())
    );
    let w = imp
        .warnings
        .iter()
        .find(|w| w.element.as_deref() == Some("Assignment"))
        .expect("a warning about the union calendar");
    assert_eq!(w.code, jindu::io::WarningCode::Approximated);
    assert_eq!((w.count, &w.tasks[..]), (1, &["1".into()][..]));
}
