//! CSV task-list import: the sample files in `tests/data/csv/`, every error's line and column,
//! and truncated or mutated inputs that must give an error or a project, never a panic.

use std::path::Path;

use jindu::io::csv::{self, CsvOptions};
use jindu::io::{Import, WarningCode};
use jindu::{
    Constraint, Duration, Error, ErrorCode, Lag, LinkType, Project, ScheduleFrom, ScheduleOptions,
};

use crate::util::dt;

fn sample(name: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/csv")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn import(bytes: &[u8]) -> Import {
    csv::read(bytes).unwrap_or_else(|e| panic!("import failed: {e}"))
}

/// The links as `(from, to, type, lag)` with keys, the lag as the core displays it.
fn links(p: &Project) -> Vec<(String, String, &'static str, String)> {
    p.links()
        .iter()
        .map(|l| {
            (
                p.task(l.from).id.to_string(),
                p.task(l.to).id.to_string(),
                l.kind.code(),
                l.lag.display(p.settings()).to_string(),
            )
        })
        .collect()
}

fn link(
    from: &str,
    to: &str,
    kind: &'static str,
    lag: &str,
) -> (String, String, &'static str, String) {
    (from.into(), to.into(), kind, lag.into())
}

/// Assignments as `(task, resource, units)`.
fn assignments(p: &Project) -> Vec<(String, String, u32)> {
    p.assignments()
        .iter()
        .map(|a| {
            (
                p.task(a.task).id.to_string(),
                p.resources()[a.resource.index()].id.to_string(),
                a.units,
            )
        })
        .collect()
}

#[test]
fn basic_file() {
    let im = import(&sample("basic.csv"));
    let p = &im.project;
    let ids: Vec<&str> = p.tasks().iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3", "4", "5", "6"]);
    assert_eq!(p.tasks()[1].name, "Design, phase 1");
    let durs: Vec<Duration> = p.tasks().iter().map(|t| t.duration).collect();
    assert_eq!(
        durs,
        [
            Duration::ZERO,
            Duration::days(3),
            Duration::days(5),
            Duration::days(2),
            Duration::hours(4),
            Duration::ZERO
        ]
    );
    assert_eq!(
        links(p),
        [
            link("1", "2", "FS", "0d"),
            link("2", "3", "FS", "2d"),
            link("2", "4", "SS", "0d"),
            link("3", "4", "FF", "-1d"),
            link("3", "5", "SF", "50%"),
            link("4", "5", "FS", "0d"),
            link("5", "6", "FS", "2d"),
        ]
    );
    assert_eq!(p.links()[4].lag, Lag::Percent(5000));
    assert_eq!(p.links()[1].kind, LinkType::FinishToStart);
    assert_eq!(p.tasks()[1].priority, 700);
    assert_eq!(p.tasks()[2].priority, 500);
    assert_eq!(
        p.tasks()[0].constraint,
        Constraint::StartNoEarlierThan(dt("2026-01-05T08:00"))
    );
    assert_eq!(
        p.schedule_from(),
        ScheduleFrom::Start(dt("2026-01-05T08:00"))
    );
    let res: Vec<(&str, u32)> = p
        .resources()
        .iter()
        .map(|r| (r.id.as_str(), r.max_units))
        .collect();
    assert_eq!(res, [("Alice", 100), ("Bob", 100), ("Carol", 100)]);
    assert_eq!(
        assignments(p),
        [
            ("2".into(), "Alice".into(), 100),
            ("3".into(), "Bob".into(), 100),
            ("3".into(), "Carol".into(), 50),
            ("4".into(), "Alice".into(), 100),
            ("5".into(), "Bob".into(), 50),
        ]
    );
    assert_eq!(im.warnings.len(), 1);
    let w = &im.warnings[0];
    assert_eq!(w.code, WarningCode::UnknownColumns);
    assert_eq!(w.columns, [(8, "Notes".into()), (9, "% Complete".into())]);
    assert_eq!(
        w.to_string(),
        "columns not imported (unknown header): 8 \"Notes\", 9 \"% Complete\""
    );
    // Design 01-05..01-07; Build after a 2-day lag 01-12..01-16; Docs finish 1 day before
    // Build's (01-15 17:00); Review after Docs 01-16 08:00-12:00; Go-live 2 days later.
    let s = jindu::schedule(p, &ScheduleOptions::default()).expect("schedules");
    assert_eq!(s.project_finish, dt("2026-01-20T12:00"));
}

#[test]
fn chinese_semicolons_bom_crlf() {
    let bytes = sample("zh_semicolon_bom.csv");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let im = import(&bytes);
    let p = &im.project;
    assert!(im.warnings.is_empty(), "{:?}", im.warnings);
    let names: Vec<&str> = p.tasks().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["需求分析", "系统设计", "编码", "测试", "上线"]);
    assert_eq!(p.tasks()[0].id.as_str(), "1");
    let durs: Vec<Duration> = p.tasks().iter().map(|t| t.duration).collect();
    assert_eq!(
        durs,
        [
            Duration::days(3),
            Duration::days(5),
            Duration::days(10),
            Duration::hours(4),
            Duration::ZERO
        ]
    );
    assert_eq!(
        links(p),
        [
            link("1", "2", "FS", "0d"),
            link("2", "3", "FS", "1d"),
            link("3", "4", "FS", "0d"),
            link("2", "4", "SS", "2d"),
            link("4", "5", "FS", "0d"),
        ]
    );
    assert_eq!(p.tasks()[1].priority, 800);
    assert_eq!(
        p.schedule_from(),
        ScheduleFrom::Start(dt("2026-02-02T08:00"))
    );
    assert_eq!(
        assignments(p),
        [
            ("1".into(), "张三".into(), 100),
            ("2".into(), "张三".into(), 100),
            ("2".into(), "李四".into(), 100),
            ("3".into(), "李四".into(), 100),
            ("4".into(), "王五".into(), 50),
        ]
    );
}

#[test]
fn microsoft_project_forms() {
    let im = import(&sample("msproject.csv"));
    let p = &im.project;
    let durs: Vec<Duration> = p.tasks().iter().map(|t| t.duration).collect();
    assert_eq!(
        durs,
        [
            Duration::days(2),
            Duration::weeks(1),
            Duration::elapsed_days(3),
            Duration::ZERO
        ]
    );
    assert_eq!(p.tasks()[1].name, "Procure");
    assert_eq!(
        links(p),
        [
            link("1", "2", "FS", "2d"),
            link("2", "3", "FS", "0d"),
            link("3", "4", "FS", "-1d"),
        ]
    );
    assert_eq!(
        p.tasks()[0].constraint,
        Constraint::StartNoEarlierThan(dt("2026-03-02T08:00"))
    );
    assert_eq!(assignments(p)[1], ("2".into(), "Buyer".into(), 25));
}

#[test]
fn without_id_column_rows_are_numbered() {
    let im = import(&sample("no_id.csv"));
    let p = &im.project;
    let t: Vec<(&str, &str, Duration)> = p
        .tasks()
        .iter()
        .map(|t| (t.id.as_str(), t.name.as_str(), t.duration))
        .collect();
    assert_eq!(
        t,
        [
            ("1", "A", Duration::days(1)),
            ("2", "B", Duration::hours(20)),
            ("3", "C", Duration::ZERO)
        ]
    );
    assert_eq!(
        links(p),
        [link("1", "2", "FS", "0d"), link("2", "3", "FS", "0d")]
    );
    assert_eq!(im.warnings.len(), 1);
    assert_eq!(im.warnings[0].code, WarningCode::DefaultStart);
    assert_eq!(im.warnings[0].start, Some(csv::default_start()));
}

#[test]
fn utf16_tab_separated() {
    let text =
        "\u{feff}ID\tName\tDuration\tPredecessors\n1\t设计\t2d\t\n2\tBuild, test\t1d\t1SS+1d\n";
    let mut bytes = Vec::new();
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let p = import(&bytes).project;
    assert_eq!(p.tasks()[0].name, "设计");
    assert_eq!(p.tasks()[1].name, "Build, test");
    assert_eq!(links(&p), [link("1", "2", "SS", "1d")]);
    let mut be = vec![0xFE, 0xFF];
    for u in text.trim_start_matches('\u{feff}').encode_utf16() {
        be.extend_from_slice(&u.to_be_bytes());
    }
    assert_eq!(import(&be).project, p);
}

#[test]
fn options_and_json_round_trip() {
    let opts = CsvOptions {
        name: "Office move".into(),
        start: Some(dt("2026-04-06T08:00")),
        ..CsvOptions::default()
    };
    let im = csv::read_with(sample("basic.csv"), &opts).expect("imports");
    assert_eq!(im.project.name(), "Office move");
    assert_eq!(
        im.project.schedule_from(),
        ScheduleFrom::Start(dt("2026-04-06T08:00"))
    );
    let doc = jindu::io::json::Document {
        project: im.project,
        options: ScheduleOptions::default(),
    };
    let back = jindu::io::json::read(&jindu::io::json::write(&doc)).expect("reads back");
    assert_eq!(back, doc);
}

#[test]
fn example_file_imports_and_schedules() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/tasks.csv");
    let im = import(&std::fs::read(p).expect("examples/tasks.csv"));
    assert!(im.warnings.is_empty(), "{:?}", im.warnings);
    jindu::schedule(&im.project, &ScheduleOptions::default()).expect("schedules");
}

/// `(line, column, header, value)` of an import error, and its cause's code.
type Where<'a> = (
    usize,
    usize,
    Option<&'a str>,
    Option<&'a str>,
    Option<ErrorCode>,
);

fn where_(e: &Error) -> Where<'_> {
    let Error::Import(i) = e else {
        panic!("not an import error: {e:?}")
    };
    assert_eq!(e.code(), ErrorCode::Import);
    assert_eq!(i.format, "csv");
    (
        i.line,
        i.column,
        i.header.as_deref(),
        i.value.as_deref(),
        i.cause.as_ref().map(Error::code),
    )
}

#[test]
fn errors_name_line_column_header_and_value() {
    use ErrorCode as C;
    let cases: &[(&[u8], Where)] = &[
        (
            b"id,duration\n1,2d\n2,abc\n",
            (3, 2, Some("duration"), Some("abc"), None),
        ),
        (
            b"id,duration\n1,-1d\n",
            (2, 2, Some("duration"), Some("-1d"), None),
        ),
        // Parses, but the core refuses it: the row is named, with the core error as cause.
        (
            b"id,duration\n1,9999999999d\n",
            (
                2,
                2,
                Some("duration"),
                Some("9999999999d"),
                Some(C::Invalid),
            ),
        ),
        (
            b"ID,Name\n1,a\n2,b\n1,c\n",
            (4, 1, Some("ID"), Some("1"), Some(C::DuplicateTask)),
        ),
        (
            b"id,predecessors\n1,\n2,9\n",
            (3, 2, Some("predecessors"), Some("9"), Some(C::UnknownTask)),
        ),
        (
            b"id,pred\n1,\n2,1FS; 2SS+1d\n",
            (3, 2, Some("pred"), Some("2SS+1d"), Some(C::SelfLink)),
        ),
        (
            b"id,pred\n1,\n2,\"1, 1SS\"\n",
            (3, 2, Some("pred"), Some("1SS"), Some(C::DuplicateLink)),
        ),
        (
            b"id,pred\n1,\n2,1FS+x\n",
            (3, 2, Some("pred"), Some("1FS+x"), None),
        ),
        (
            b"id,start\n1,01/02/2026\n",
            (2, 2, Some("start"), Some("01/02/2026"), None),
        ),
        (
            b"id,priority\n1,2000\n",
            (2, 2, Some("priority"), Some("2000"), None),
        ),
        (
            b"id,resources\n1,Bob[lots]\n",
            (2, 2, Some("resources"), Some("Bob[lots]"), None),
        ),
        (
            b"id,resources\n1,\"Bob, Bob\"\n",
            (2, 2, Some("resources"), Some("Bob"), None),
        ),
        (b"id,name\n1,\"abc\n2,x\n", (2, 2, Some("name"), None, None)),
        (
            b"id,name\n1,\"abc\"def\n",
            (2, 2, Some("name"), Some("def"), None),
        ),
        (b"id,name\n1,a,b\n", (2, 3, None, Some("b"), None)),
        (b"id,name\n,a\n", (2, 1, Some("id"), Some(""), None)),
        (b"id,name\n1,a\n2,\xff\n", (3, 0, None, None, None)),
        (b"id,ID\n", (1, 2, Some("ID"), Some("ID"), None)),
        (b"foo,bar\n1,2\n", (1, 0, None, None, None)),
        (b"", (0, 0, None, None, None)),
        (b"\xEF\xBB\xBF\n\n", (0, 0, None, None, None)),
        (b"\xFF\xFEa", (0, 0, None, None, None)),
        // The quoted name spans lines 2-3, so the bad duration is on line 4.
        (
            b"id,name,duration\n1,\"a\nb\",2d\n2,x,bad\n",
            (4, 3, Some("duration"), Some("bad"), None),
        ),
    ];
    for (input, want) in cases {
        let e = csv::read(input).expect_err(&String::from_utf8_lossy(input));
        assert_eq!(&where_(&e), want, "{e}");
    }
}

#[test]
fn error_messages_read_well() {
    let e = csv::read("id,name\n1,a\n2,b\n1,c\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "csv line 4, column 1 (id): \"1\": duplicate id: line 2 has the same id"
    );
    assert_eq!(e.task_id().map(|t| t.as_str()), Some("1"));
    let e = csv::read("id,pred\n1,\n2,7\n").unwrap_err();
    assert_eq!(e.task_id().map(|t| t.as_str()), Some("7"));
    assert_eq!(e.field(), Some("pred"));
}

#[test]
fn huge_field_is_a_limit_error() {
    let mut input = b"id,name\n1,".to_vec();
    input.extend(std::iter::repeat_n(b'x', csv::MAX_FIELD_BYTES + 1));
    let e = csv::read(&input).unwrap_err();
    assert_eq!(where_(&e).4, Some(ErrorCode::Limit));
    let mut quoted = b"id,name\n1,\"".to_vec();
    quoted.extend(std::iter::repeat_n(b'x', csv::MAX_FIELD_BYTES + 1));
    quoted.extend(b"\"\n");
    assert_eq!(
        where_(&csv::read(&quoted).unwrap_err()).4,
        Some(ErrorCode::Limit)
    );
    let wide = format!("id{}\n", ",x".repeat(csv::MAX_FIELDS));
    assert_eq!(
        where_(&csv::read(wide).unwrap_err()).4,
        Some(ErrorCode::Limit)
    );
}

/// Reads `input` and, when it imports, schedules and writes it: none of it may panic.
pub fn exercise(input: &[u8]) {
    match csv::read(input) {
        Ok(im) => {
            let _ = jindu::schedule(&im.project, &ScheduleOptions::default());
            for w in &im.warnings {
                let _ = w.to_string();
            }
        }
        Err(e) => {
            let _ = e.to_string();
            if let Error::Import(i) = &e {
                let lines = input.iter().filter(|&&c| c == b'\n').count() + 1;
                assert!(
                    i.line <= lines.max(1) + 1,
                    "line {} of {lines}: {e}",
                    i.line
                );
            }
        }
    }
}

#[test]
fn truncations_and_mutations_never_panic() {
    const BYTES: &[u8] = b"\",;\t\n\r\xff\xe5+-[]%09daFS \xEF\xBB\xBF";
    for name in [
        "basic.csv",
        "zh_semicolon_bom.csv",
        "msproject.csv",
        "no_id.csv",
    ] {
        let data = sample(name);
        for n in 0..=data.len() {
            exercise(&data[..n]);
        }
        let mut next = crate::common::xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..3000 {
            let mut m = data.clone();
            for _ in 0..1 + next() % 4 {
                let at = (next() as usize) % m.len().max(1);
                match next() % 4 {
                    // Long numbers reach the core's own range checks.
                    3 => {
                        let at = at.min(m.len());
                        m.splice(at..at, *b"99999999999");
                    }
                    0 if !m.is_empty() => m[at] = BYTES[(next() as usize) % BYTES.len()],
                    1 if !m.is_empty() => {
                        m.remove(at);
                    }
                    _ => m.insert(at.min(m.len()), BYTES[(next() as usize) % BYTES.len()]),
                }
            }
            exercise(&m);
        }
    }
}

#[test]
fn values_under_a_blank_header_are_reported() {
    let im = import(b"id,name,\n1,a,\n2,b,note\n");
    assert_eq!(im.warnings[0].code, WarningCode::UnknownColumns);
    assert_eq!(im.warnings[0].columns, [(3, String::new())]);
    let im = import(b"id,name,\n1,a,\n");
    assert!(!im
        .warnings
        .iter()
        .any(|w| w.code == WarningCode::UnknownColumns));
}
