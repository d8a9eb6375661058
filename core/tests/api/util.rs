//! Shared helpers: build projects from compact specs and check schedules field by field.

use jindu::io::json::Document;
use jindu::{DateTime, Project, Schedule, ScheduleOptions, TaskSchedule};

pub fn dt(s: &str) -> DateTime {
    s.parse().unwrap_or_else(|e| panic!("bad date {s}: {e}"))
}

/// Reads a JSON document (panicking with the error on failure).
pub fn doc(text: &str) -> Document {
    jindu::io::json::read(text).unwrap_or_else(|e| panic!("document rejected: {e}"))
}

pub fn run(text: &str) -> (Project, Schedule) {
    let d = doc(text);
    let s =
        jindu::schedule(&d.project, &d.options).unwrap_or_else(|e| panic!("schedule failed: {e}"));
    (d.project, s)
}

pub fn run_with(text: &str, opts: &ScheduleOptions) -> (Project, Schedule) {
    let d = doc(text);
    let s = jindu::schedule(&d.project, opts).unwrap_or_else(|e| panic!("schedule failed: {e}"));
    (d.project, s)
}

pub fn task<'a>(p: &Project, s: &'a Schedule, id: &str) -> &'a TaskSchedule {
    let i = p.index_of(id).unwrap_or_else(|| panic!("no task {id}"));
    s.task(i)
}

/// Asserts a task's early and late dates: `[es, ef, ls, lf]` as `MM-DD HH:MM` in 2026.
#[track_caller]
pub fn dates(p: &Project, s: &Schedule, id: &str, want: [&str; 4]) {
    let t = task(p, s, id);
    let got = [t.early_start, t.early_finish, t.late_start, t.late_finish]
        .map(|d| d.to_string()[5..16].replace('T', " "));
    assert_eq!(
        got,
        want.map(String::from),
        "dates of {id} (es, ef, ls, lf)"
    );
}

/// Asserts total and free float in working minutes.
#[track_caller]
pub fn floats(p: &Project, s: &Schedule, id: &str, total: i64, free: i64) {
    let t = task(p, s, id);
    assert_eq!(
        (t.total_float.minutes(), t.free_float.minutes()),
        (total, free),
        "floats of {id} (total, free)"
    );
}

pub fn critical_ids(p: &Project, s: &Schedule) -> Vec<String> {
    s.critical_path()
        .iter()
        .map(|&i| p.task(i).id.to_string())
        .collect()
}

pub const DAY: i64 = 480;
