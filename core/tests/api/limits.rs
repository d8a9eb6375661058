//! `jindu::Limits` at every reader and long entry point: over a limit is an `Error::Limit`
//! naming it (code `limit`), at the limit is accepted, and a host raises a limit by passing
//! its own.

use jindu::io::{self, Format, ReadOptions};
use jindu::level::{level, LevelOptions};
use jindu::risk::{simulate, Control, RiskOptions};
use jindu::{Error, Limits};

/// A JSON document of `n` one-day tasks in a chain (n − 1 links).
fn chain(n: usize) -> String {
    let tasks: Vec<String> = (0..n)
        .map(|k| format!(r#"{{"id": "t{k}", "duration": "1d"}}"#))
        .collect();
    let links: Vec<String> = (1..n)
        .map(|k| format!(r#"{{"from": "t{}", "to": "t{k}"}}"#, k - 1))
        .collect();
    format!(
        r#"{{"name": "c", "start": "2026-01-05", "tasks": [{}], "links": [{}]}}"#,
        tasks.join(","),
        links.join(",")
    )
}

fn limit(e: Error) -> (&'static str, u64, u64) {
    match e {
        Error::Limit {
            what,
            limit,
            actual,
        } => (what, limit, actual),
        other => panic!("expected a limit error, got {other:?}"),
    }
}

fn with(limits: Limits) -> ReadOptions {
    ReadOptions::default().limits(limits)
}

#[test]
fn the_json_reader_counts_tasks_links_and_bytes() {
    let doc = chain(5);
    let at = Limits {
        max_tasks: 5,
        max_links: 4,
        ..Limits::DEFAULT
    };
    assert_eq!(
        io::read(doc.as_bytes(), &with(at)).unwrap().project.len(),
        5
    );
    let tasks = Limits {
        max_tasks: 4,
        ..Limits::DEFAULT
    };
    assert_eq!(
        limit(io::read(doc.as_bytes(), &with(tasks)).unwrap_err()),
        ("tasks", 4, 5)
    );
    let links = Limits {
        max_links: 3,
        ..Limits::DEFAULT
    };
    assert_eq!(
        limit(io::read(doc.as_bytes(), &with(links)).unwrap_err()),
        ("links", 3, 4)
    );
    let bytes = Limits {
        max_input_bytes: doc.len() as u64 - 1,
        ..Limits::DEFAULT
    };
    assert_eq!(
        limit(io::read(doc.as_bytes(), &with(bytes)).unwrap_err()),
        ("input bytes", doc.len() as u64 - 1, doc.len() as u64)
    );
    // The per-format reader applies the defaults; raising them takes io::read or read_with_limits.
    assert!(io::json::read(&doc).is_ok());
    assert!(io::json::read_with_limits(&doc, &tasks).is_err());
}

#[test]
fn every_format_is_held_to_the_same_limits() {
    let doc = io::json::read(&chain(3)).unwrap();
    let xml = io::write(Format::Mspdi, &doc).unwrap();
    let two = Limits {
        max_tasks: 2,
        ..Limits::DEFAULT
    };
    assert_eq!(
        limit(io::read(xml.as_bytes(), &with(two)).unwrap_err()),
        ("tasks", 2, 3)
    );
    assert_eq!(
        io::read(xml.as_bytes(), &ReadOptions::default())
            .unwrap()
            .project
            .len(),
        3
    );
    let csv = b"id,duration,predecessors\n1,1d,\n2,1d,1\n3,1d,2\n";
    assert_eq!(
        limit(io::read(csv, &with(two)).unwrap_err()),
        ("tasks", 2, 3)
    );
    let sm = "jobs (incl. supersource/sink ):  3\n- renewable : 1 R\n\
              PRECEDENCE RELATIONS:\n 1 1 1 2\n 2 1 1 3\n 3 1 0\n****\n\
              REQUESTS/DURATIONS:\n 1 1 0 0\n 2 1 3 1\n 3 1 0 0\n****\n\
              RESOURCEAVAILABILITIES:\n R 1\n 1\n****\n";
    assert_eq!(
        limit(io::read(sm.as_bytes(), &with(two).format(Format::Psplib)).unwrap_err()),
        ("tasks", 2, 3)
    );
}

#[test]
fn calendars_exceptions_and_nesting_are_counted() {
    let cal = r#"{"name": "c", "start": "2026-01-05",
        "calendars": [{"id": "x", "base": "standard", "exceptions": [
            {"from": "2026-01-06", "to": "2026-01-06"}, {"from": "2026-01-08", "to": "2026-01-08"}]}],
        "tasks": [{"id": "a", "duration": "1d", "calendar": "x"}]}"#;
    let one = Limits {
        max_exceptions: 1,
        ..Limits::DEFAULT
    };
    assert_eq!(
        limit(io::read(cal.as_bytes(), &with(one)).unwrap_err()),
        ("calendar exceptions", 1, 2)
    );
    // `x` (the built-in standard calendar is not one of the document's).
    let none = Limits {
        max_calendars: 0,
        ..Limits::DEFAULT
    };
    assert_eq!(
        limit(io::read(cal.as_bytes(), &with(none)).unwrap_err()),
        ("calendars", 0, 1)
    );
    // a > b > c: c has two summaries above it.
    let nested = r#"{"name": "n", "start": "2026-01-05", "tasks": [
        {"id": "a"}, {"id": "b", "parent": "a"}, {"id": "c", "parent": "b", "duration": "1d"}]}"#;
    let flat = Limits {
        max_depth: 1,
        ..Limits::DEFAULT
    };
    assert_eq!(
        limit(io::read(nested.as_bytes(), &with(flat)).unwrap_err()),
        ("summary nesting depth", 1, 2)
    );
    let deep = Limits {
        max_depth: 2,
        ..Limits::DEFAULT
    };
    assert!(io::read(nested.as_bytes(), &with(deep)).is_ok());
}

#[test]
fn monte_carlo_is_bounded_in_iterations_times_tasks() {
    let doc = io::json::read(&chain(10)).unwrap();
    // 10 tasks × 100 iterations = 1,000 samples.
    let opts = |max| RiskOptions {
        iterations: 100,
        limits: Limits {
            max_risk_samples: max,
            ..Limits::DEFAULT
        },
        ..RiskOptions::default()
    };
    assert!(simulate(&doc.project, &opts(1_000), Control::default()).is_ok());
    let e = simulate(&doc.project, &opts(999), Control::default()).unwrap_err();
    assert_eq!(limit(e), ("Monte Carlo iterations × tasks", 999, 1_000));
    // The default allows a thousand iterations of a million tasks, not 2^40 of ten.
    let huge = RiskOptions {
        iterations: 1 << 40,
        ..RiskOptions::default()
    };
    let e = simulate(&doc.project, &huge, Control::default()).unwrap_err();
    assert_eq!(e.code().as_str(), "limit");
}

#[test]
fn levelling_is_bounded_in_schedules() {
    let doc = io::json::read(&chain(2)).unwrap();
    let opts = LevelOptions {
        schedules: 11,
        limits: Limits {
            max_level_schedules: 10,
            ..Limits::DEFAULT
        },
        ..LevelOptions::default()
    };
    let e = level(&[&doc.project], &opts).unwrap_err();
    assert_eq!(limit(e), ("levelling schedules", 10, 11));
    let ok = LevelOptions {
        schedules: 10,
        ..opts
    };
    assert!(level(&[&doc.project], &ok).is_ok());
}

#[test]
fn limits_read_from_json_keep_unnamed_defaults_and_refuse_unknown_fields() {
    let l = Limits::from_json(r#"{"max_tasks": 5000000, "max_depth": 10}"#).unwrap();
    assert_eq!((l.max_tasks, l.max_depth), (5_000_000, 10));
    assert_eq!(l.max_links, Limits::DEFAULT.max_links);
    let e = Limits::from_json(r#"{"max_task": 1}"#).unwrap_err();
    assert!(e.to_string().contains("max_task"), "{e}");
}
