//! Calendar exceptions in MSPDI: recurring exceptions expanded to their dates as Microsoft
//! Project does, checked against dates derived by hand from each exception's definition, against
//! the expansion Project itself wrote into the same file, and through a schedule.
//!
//! The corpus file lives outside the repository (see `mspdi_corpus.rs`); without it the corpus
//! test fails, unless `JINDU_SKIP_SHARED=1` (then it says loudly that it skipped).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use jindu::io::mspdi;

#[path = "common/mod.rs"]
mod common;
use common::{need_shared, shared_file};
use jindu::{CalendarId, Date, WorkingTime};

const RECURRING: &str = "calendar-recurring-exceptions-project2016-mspdi.xml";

/// A file of the corpus: the test fails when the corpus or the file is missing (the corpus
/// alone may be skipped with `JINDU_SKIP_SHARED=1`).
#[track_caller]
fn corpus_file(name: &str) -> Option<PathBuf> {
    let dir = need_shared("mspdi", Some("JINDU_MSPDI_DIR"))?;
    Some(shared_file(&dir, name))
}

fn d(s: &str) -> Date {
    s.parse().expect("date")
}

fn dates(v: &[&str]) -> Vec<Date> {
    v.iter().map(|s| d(s)).collect()
}

/// The dates each named exception of calendar `cal` covers, ranges expanded.
fn by_name(imp: &jindu::io::Import, cal: &str) -> BTreeMap<String, Vec<Date>> {
    let c = imp
        .project
        .calendar(&CalendarId::new(cal))
        .expect("calendar");
    let mut out: BTreeMap<String, Vec<Date>> = BTreeMap::new();
    for e in &c.exceptions {
        let (from, to) = (e.from.expect("from"), e.to.expect("to"));
        let v = out.entry(e.name.clone()).or_default();
        let mut x = from;
        while x <= to {
            v.push(x);
            x = x.succ();
        }
    }
    out
}

/// The `<WeekDay><DayType>0</DayType>` dates of a file: the older form of the exceptions, which
/// Microsoft Project writes expanded, one entry per occurrence.
fn day_type_0_dates(xml: &str) -> BTreeSet<Date> {
    let mut out = BTreeSet::new();
    for block in xml.split("<WeekDay>").skip(1) {
        let block = block.split("</WeekDay>").next().unwrap_or("");
        if !block.contains("<DayType>0</DayType>") {
            continue;
        }
        let field = |tag: &str| {
            let open = format!("<{tag}>");
            let start = block.find(&open).expect(tag) + open.len();
            d(&block[start..start + 10])
        };
        let (from, to) = (field("FromDate"), field("ToDate"));
        let mut x = from;
        while x <= to {
            out.insert(x);
            x = x.succ();
        }
    }
    out
}

#[test]
fn recurring_exceptions_expand_like_project() {
    let Some(path) = corpus_file(RECURRING) else {
        return;
    };
    let xml = std::fs::read_to_string(path).expect("read");
    let imp = mspdi::read(xml.as_bytes()).expect("import");
    assert!(
        !imp.warnings
            .iter()
            .any(|w| w.element.as_deref() == Some("Calendar/Exceptions/Exception")),
        "{:?}",
        imp.warnings
    );
    let got = by_name(&imp, "1");
    // 27 exceptions: "Daily 1" (type 1, a plain date range) and 26 recurring ones.
    assert_eq!(got.len(), 27, "{:?}", got.keys().collect::<Vec<_>>());

    // Expectations derived by hand from each exception's definition in the file.
    let want: &[(&str, &[&str])] = &[
        // Type 1 (daily), 2000-01-01 to 2000-01-03.
        ("Daily 1", &["2000-01-01", "2000-01-02", "2000-01-03"]),
        // Type 7, every 3 days from 2000-02-01, 4 occurrences.
        (
            "Daily 2",
            &["2000-02-01", "2000-02-04", "2000-02-07", "2000-02-10"],
        ),
        // Type 6, every 2 weeks on Tuesday (DaysOfWeek 4) from Monday 2001-01-01, 4 times.
        (
            "Weekly 2 Tuesday",
            &["2001-01-02", "2001-01-16", "2001-01-30", "2001-02-13"],
        ),
        // Type 6, every 7 weeks on Sunday (DaysOfWeek 1) from Monday 2001-01-01, 9 times.
        // Weeks start on Sunday, so the first week is the one of Sunday 2000-12-31, whose
        // Sunday comes before the first date; the next is 7 weeks later, then every 49 days.
        (
            "Weekly 7 Sunday",
            &[
                "2001-02-18",
                "2001-04-08",
                "2001-05-27",
                "2001-07-15",
                "2001-09-02",
                "2001-10-21",
                "2001-12-09",
                "2002-01-27",
                "2002-03-17",
            ],
        ),
        // Type 5, first (0) Monday (MonthItem 4) of every 2 months from 2002-01, 3 times.
        (
            "Monthly Relative 1",
            &["2002-01-07", "2002-03-04", "2002-05-06"],
        ),
        // Type 5, last (4) Friday (8) of every 6 months from 2002-01, 7 times.
        (
            "Monthly Relative 5",
            &[
                "2002-01-25",
                "2002-07-26",
                "2003-01-31",
                "2003-07-25",
                "2004-01-30",
                "2004-07-30",
                "2005-01-28",
            ],
        ),
        // Type 5, second (1) Sunday (3) of every 8 months from 2002-01, 9 times.
        (
            "Monthly Relative 7",
            &[
                "2002-01-13",
                "2002-09-08",
                "2003-05-11",
                "2004-01-11",
                "2004-09-12",
                "2005-05-08",
                "2006-01-08",
                "2006-09-10",
                "2007-05-13",
            ],
        ),
        // Type 4, day 4 of every 5 months from 2003-01-01, 6 times.
        (
            "Monthly Absolute 2",
            &[
                "2003-01-04",
                "2003-06-04",
                "2003-11-04",
                "2004-04-04",
                "2004-09-04",
                "2005-02-04",
            ],
        ),
        // Type 3, first (0) Tuesday (5) of March (Month 2) every year from 2004, 4 times.
        (
            "Yearly Relative 1",
            &["2004-03-02", "2005-03-01", "2006-03-07", "2007-03-06"],
        ),
        // Type 3, second (1) Wednesday (6) of April (3) every year from 2004, 5 times.
        (
            "Yearly Relative 2",
            &[
                "2004-04-14",
                "2005-04-13",
                "2006-04-12",
                "2007-04-11",
                "2008-04-09",
            ],
        ),
        // Type 2, 3 April (Month 3, MonthDay 3) every year from 2005, 5 times.
        (
            "Yearly Absolute 3",
            &[
                "2005-04-03",
                "2006-04-03",
                "2007-04-03",
                "2008-04-03",
                "2009-04-03",
            ],
        ),
        // Type 5, first Saturday (9) of every month from 2010-01-01, 3 times, working.
        (
            "Recurring Working",
            &["2010-01-02", "2010-02-06", "2010-03-06"],
        ),
    ];
    // Type 4, day 1 of every 2 months from 2003-01-01, 3 times: 1 January, 1 March, 1 May 2003.
    // Saturday 1 March 2003 is also the first Saturday of "Monthly Relative 6" (every 7 months
    // from 2002-01: Jan 2002, Aug 2002, Mar 2003, ...), listed earlier, which keeps that day.
    assert_eq!(
        got.get("Monthly Absolute 1"),
        Some(&dates(&["2003-01-01", "2003-05-01"]))
    );
    assert!(got["Monthly Relative 6"].contains(&d("2003-03-01")));
    for (name, days) in want {
        assert_eq!(got.get(*name), Some(&dates(days)), "{name}");
    }

    // Every exception's occurrence count, from its <Occurrences>.
    let counts: BTreeMap<&str, usize> = got.iter().map(|(k, v)| (k.as_str(), v.len())).collect();
    assert_eq!(counts["Weekly 6 Saturday"], 8);
    assert_eq!(counts["Monthly Relative 6"], 8);
    assert_eq!(counts["Yearly Absolute 2"], 4);

    // The working exception keeps its hours; the others are non-working.
    let cal = imp
        .project
        .calendar(&CalendarId::new("1"))
        .expect("calendar");
    for e in &cal.exceptions {
        if e.name == "Recurring Working" {
            assert_eq!(
                e.working,
                vec![
                    WorkingTime::new(9 * 60, 13 * 60).unwrap(),
                    WorkingTime::new(14 * 60, 17 * 60).unwrap()
                ]
            );
        } else {
            assert!(e.working.is_empty(), "{}", e.name);
        }
    }

    // Project also wrote the exceptions expanded (the older DayType 0 form) into the same file:
    // the same dates.
    let all: BTreeSet<Date> = got.values().flatten().copied().collect();
    assert_eq!(all, day_type_0_dates(&xml));
}

/// A minimal MSPDI project on the Standard calendar with `exceptions` and one task of
/// `hours` working hours starting on `start`.
fn synthetic(exceptions: &str, start: &str, hours: u32) -> String {
    let mut week = String::new();
    for day in 1..=7 {
        if day == 1 || day == 7 {
            week.push_str(&format!(
                "<WeekDay><DayType>{day}</DayType><DayWorking>0</DayWorking></WeekDay>"
            ));
        } else {
            week.push_str(&format!(
                "<WeekDay><DayType>{day}</DayType><DayWorking>1</DayWorking><WorkingTimes>\
                 <WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>\
                 <WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime></WorkingTime>\
                 </WorkingTimes></WeekDay>"
            ));
        }
    }
    format!(
        "<Project xmlns=\"http://schemas.microsoft.com/project\">\
         <StartDate>{start}T08:00:00</StartDate><CalendarUID>1</CalendarUID>\
         <MinutesPerDay>480</MinutesPerDay><MinutesPerWeek>2400</MinutesPerWeek>\
         <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>\
         <WeekDays>{week}</WeekDays><Exceptions>{exceptions}</Exceptions></Calendar></Calendars>\
         <Tasks><Task><UID>1</UID><ID>1</ID><Name>Work</Name>\
         <Duration>PT{hours}H0M0S</Duration><DurationFormat>7</DurationFormat></Task></Tasks>\
         </Project>"
    )
}

fn finish(xml: &str) -> String {
    let imp = mspdi::read(xml.as_bytes()).expect("import");
    assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
    let s = jindu::schedule(&imp.project, &imp.options).expect("schedule");
    let i = imp.project.index_of("1").expect("task");
    s.task(i).finish.to_string()
}

#[test]
fn recurring_holiday_moves_a_finish() {
    // Christmas every year (type 2: Month 11 is December, MonthDay 25) from 2020 to 2030.
    let christmas = "<Exception><EnteredByOccurrences>0</EnteredByOccurrences>\
        <TimePeriod><FromDate>2020-01-01T00:00:00</FromDate><ToDate>2030-12-25T23:59:00</ToDate></TimePeriod>\
        <Occurrences>11</Occurrences><Name>Christmas</Name><Type>2</Type>\
        <Month>11</Month><MonthDay>25</MonthDay><DayWorking>0</DayWorking></Exception>";
    // The first Monday (MonthItem 4, MonthPosition 0) of every month, 12 times from 2026-01.
    let first_monday = "<Exception><EnteredByOccurrences>1</EnteredByOccurrences>\
        <TimePeriod><FromDate>2026-01-01T00:00:00</FromDate></TimePeriod>\
        <Occurrences>12</Occurrences><Name>First Monday</Name><Type>5</Type><Period>1</Period>\
        <MonthItem>4</MonthItem><MonthPosition>0</MonthPosition><DayWorking>0</DayWorking></Exception>";

    // Three days from Wednesday 2025-12-24: Wed, Thu, Fri without holidays.
    assert_eq!(
        finish(&synthetic("", "2025-12-24", 24)),
        "2025-12-26T17:00:00"
    );
    // Thursday 25 December is off: Wed, Fri, Mon.
    assert_eq!(
        finish(&synthetic(christmas, "2025-12-24", 24)),
        "2025-12-29T17:00:00"
    );
    // From Friday 2026-01-02, two days: Friday, then Monday 5 January (the first Monday) is
    // off, so Tuesday.
    assert_eq!(
        finish(&synthetic(first_monday, "2026-01-02", 16)),
        "2026-01-06T17:00:00"
    );
    // Both: eight days from Christmas Eve run Wed 24, Fri 26, Mon 29, Tue 30, Wed 31, Thu 1 (no
    // New Year here), Fri 2 and, past Monday 5 January, Tue 6.
    let both = format!("{christmas}{first_monday}");
    assert_eq!(
        finish(&synthetic(&both, "2025-12-24", 8 * 8)),
        "2026-01-06T17:00:00"
    );
}
