//! The hostile-input suite: every file or request a customer could upload to crash, hang or
//! exhaust a host, each through `jindu::io::read` (JSON, MSPDI, CSV, PSPLIB, told from the
//! content) and the entry points (`schedule`, `level`, `risk::simulate`, `track`).
//!
//! What it proves: each case ends in the exact error (its code and what it names: the task,
//! field, line and column, or the limit with its numbers) or the correct result (dates worked
//! out by hand in the comments); it finishes within a watchdog ([`WATCHDOG`], a termination
//! guarantee, not a speed check) on a 2 MiB thread stack; and its peak live heap is at most
//! [`PER_BYTE`] × its input + [`SLACK`] (a counting allocator, per thread). The README's
//! "Guarantees" points here. The CLI half is `bindings/cli/tests/adversarial.rs`.
//!
//! | test | the hostile input | the outcome it asserts |
//! |---|---|---|
//! | `billion_laughs_is_refused_at_the_doctype` | 10 nested entities (10^9 expansions) | `xml` at the DOCTYPE, line 2 |
//! | `external_entities_are_never_resolved` | `<!ENTITY SYSTEM "file:///etc/passwd">`; an undefined `&xxe;` | `xml` at the DOCTYPE; `xml` at the reference, line 4 col 8 |
//! | `utf16_xml_with_and_without_a_byte_order_mark_is_named` | UTF-16 LE/BE MSPDI, with and without BOM | sniffed as MSPDI; `xml` "the document is UTF-16", 1:1 (*fixed*) |
//! | `a_byte_order_mark_then_garbage` | BOM + bytes, lone surrogates, a bare BOM, nothing | `unknown_format`; as `.json`, `json` at 1:1 |
//! | `nul_bytes` | raw NUL in a JSON key; `\u0000`; NUL in CSV and MSPDI names | `json` "control character…" at 1:51 (*fixed*); kept as is |
//! | `invalid_utf8_in_every_reader_names_its_place` | a 0xFF byte in each format | `json` 1:11, `xml` 4:8, `import` line 2, PSPLIB (Latin-1) a bad number at 1:34 |
//! | `truncated_files` | each format cut short | the EOF error at its line and column, the open element, the unclosed quote |
//! | `deeply_nested_input` | JSON arrays and XML elements 10^5 deep | `json` at column 44; `limit` XML depth 64 |
//! | `summaries_nested_a_hundred_thousand_deep` | a chain of 10^5 nested summaries; the chain as a loop; a task its own parent | `limit` summary nesting depth 100 by default; with the limit lifted, correct dates (read in linear time, *fixed*); `hierarchy_cycle` naming the closing pair |
//! | `mspdi_outline_levels_twenty_thousand_deep` | OutlineLevel 1 … 20,000 | `limit` summary nesting depth by default; with the limit lifted, a 20,000-deep tree, correct finish |
//! | `a_million_links_on_one_task` | one hub with 10^6 − 1 successors (the default `max_tasks`) | every successor Tuesday, 100 critical paths kept; over `max_tasks`, `limit` |
//! | `a_csv_with_a_million_columns` | a header of 10^6 fields; one field of 10^5 predecessors | `limit` 1024 fields at 1:1025; `limit` 65,536 bytes at line 100,002 |
//! | `declared_sizes_are_not_trusted` | PSPLIB declaring 10^9 jobs / resources | `import` at the number, nothing allocated |
//! | `dates_at_year_1_and_9999` | start in year 1, 1000, 9999; a finish past 9999 (JSON, CSV) | `invalid` naming the years (*message fixed*); exact dates; `invalid` task `finish` |
//! | `durations_and_lags_near_integer_overflow` | ±i64::MAX minutes, 4·10^12 m, `1e308d`, `NaNd`, 10^14 %, MSPDI and CSV forms | `invalid` on the task's `duration` / link's `lag`; `xml`, `import` at their places |
//! | `negative_and_nan_values` | −1d, a NaN literal, hours per day 1e308 / 0 / −8, cost −1e308, CSV NaN / inf / negative units | each an error naming its field or cell |
//! | `a_calendar_with_no_working_time` | a week without work (task and milestone) | `no_working_time` |
//! | `a_calendar_whose_only_work_is_one_minute_a_year` | 200 one-minute exceptions | 10 minutes end 2036-01-01 08:01; 1,000 minutes `calendar_exhausted` *after 2225-01-01T08:01* (*fixed*: it printed a work index as 1970) |
//! | `an_exception_over_nine_thousand_years` | one exception 1000–9999; two 9,000 years apart | `limit` 73,200 days, both ways |
//! | `self_links_and_duplicate_ids` | self link, duplicate task / link / resource, a missing resource (JSON, CSV, MSPDI) | the core errors; MSPDI's self link left out *with a warning* |
//! | `a_cycle_through_a_hundred_thousand_tasks` | 0 → 1 → … → 99999 → 0 | `cycle` listing all 100,001 |
//! | `a_link_graph_with_two_to_the_sixty_four_driving_paths` | 64 stages of 2, fully linked | finish 2 April, 100 paths of 64 (never enumerated) |
//! | `a_levelling_problem_that_can_never_fit` | 200 % on a 100 % resource; any on 0 %; a period of i64::MAX; levelling in 9999 | `invalid` naming task and resource; `invalid` `period_minutes` (*fixed*: overflow panic); exact dates |
//! | `risk_models_with_zero_width_or_inverted_estimates` | 4d/4d/4d, 9d/4d/2d, likely outside; probability 1.5 / −0.5; correlation 2 | `invalid` on the field |
//! | `a_hundred_thousand_risk_events_on_one_task` | 10^5 certain one-minute risks | the finish, exact, with no spread (*fixed*: quadratic key check) |
//! | `monte_carlo_iterations_times_tasks` | 2^40 + 1 iterations; 2^40 under the default limits; 2^40 with the limits lifted, cancelled; a 501-task correlation | `invalid`; `limit` 10^9 samples; cancelled after one bounded round (*fixed*); `limit` 500 (*added*) |
//! | `tracking_at_the_ends_of_the_calendar` | status dates 9999-12-31 and 1000-01-01 | PV 24 h / 0, the alerts |
//! | `what_if_change_sets` | a change nested 10^5 deep; 10^4 changes to one task; a missing task | `json` recursion limit; the last change wins (+2d); `unknown_task` |
//! | `budgets_in_the_request_are_limited` | u64::MAX levelling schedules, 10^9 iterations of two tasks; 10^4 schedules, 10^5 iterations | `limit` (10^6 schedules, 10^9 samples); exact results, memory not growing with the count |

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::Duration as StdDuration;

use jindu::io::{self, Format, ReadOptions};
use jindu::{Error, ErrorCode, Item};

// ---------------------------------------------------------------------------------------------
// The harness: peak live bytes and a watchdog.

/// Counts live bytes and their peak per thread: each case runs on a thread of its own, so
/// its peak is its own whatever the other tests (running beside it) allocate. Bytes freed on
/// another thread than the one that allocated them count there (a case's result, dropped by
/// the test's thread, lowers that thread's count, not the case's).
struct Peak;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn grew(n: usize) {
    let _ = LIVE.try_with(|l| {
        let now = l.get() + n as isize;
        l.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
}

fn shrank(n: usize) {
    let _ = LIVE.try_with(|l| l.set(l.get() - n as isize));
}

// SAFETY: every call is forwarded to the system allocator unchanged; the counters are
// thread-local `Cell`s with const initialisers, which never allocate.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on as is.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrank(layout.size());
        // SAFETY: `ptr` was allocated by `System` with `layout` (every allocation goes there).
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `alloc` and `dealloc`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            shrank(layout.size());
            grew(new_size);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Peak = Peak;

/// The watchdog. It is a termination guarantee, not a speed check: every case finishes in
/// well under a second in release and a few seconds in a debug build on a loaded machine; a
/// case still running after a minute is looping (or working in proportion to a number in the
/// input rather than to its size), which is the bug this catches.
const WATCHDOG: StdDuration = StdDuration::from_secs(60);

/// Headroom of every memory bound, for what does not grow with the input: the test harness,
/// the thread's own allocations (its name, the channel), the fixed tables of a compiled calendar (a 10,080-entry week
/// and the interned day patterns), the 256-iteration blocks of the Monte Carlo and the
/// levelling search's fixed-size state.
const SLACK: usize = 8 << 20;

/// The memory bound of every case: `PER_BYTE` × the input's size + [`SLACK`]. Measured with
/// this allocator (debug build), the large inputs peak at 7–30× their size: 11× for 10^6
/// links, 24× for 10^5 nested summaries (a parsed task is a few hundred bytes of model, key
/// and index from 30 bytes of text, and the schedule adds dates, floats and the compiled
/// network), 29× for 10^5 risk events (their occurrence flags for a block of 256 iterations).
/// 64 leaves twice that, while a quadratic or number-driven allocation (a million-fold
/// blow-up of a kilobyte file, a table sized by a declared count) cannot pass. The small
/// inputs peak below 1.1 MB (a compiled calendar of 200 years of exceptions), inside `SLACK`.
const PER_BYTE: usize = 64;

/// Runs `f` on a worker thread (a 2 MiB stack, Rust's default for spawned threads: deep
/// inputs must not need a deeper one) under the watchdog, measuring its peak live bytes, and
/// asserts the peak is within `PER_BYTE × input + SLACK`. Cases run in parallel (each its own
/// thread and count).
fn case<T: Send + 'static>(name: &str, input: usize, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let v = f();
            // The peak of this thread (which started at zero), with `v` still alive.
            let peak = PEAK.with(Cell::get).max(0) as usize;
            let _ = tx.send((v, peak));
        })
        .expect("spawn a worker thread");
    let (value, peak) = match rx.recv_timeout(WATCHDOG) {
        Ok(v) => v,
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            panic!("{name}: still running after {WATCHDOG:?} (unbounded work)")
        }
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            panic!("{name}: the case panicked (see above)")
        }
    };
    let bound = PER_BYTE * input + SLACK;
    eprintln!(
        "{name}: input {input} B, peak {peak} B ({:.1}x input), bound {bound} B",
        peak as f64 / input.max(1) as f64
    );
    assert!(
        peak <= bound,
        "{name}: peak live bytes {peak} > {bound} (= {PER_BYTE} × {input} + {SLACK})"
    );
    value
}

/// `jindu::io::read` with the format told from the content.
fn read(bytes: &[u8]) -> jindu::Result<io::Import> {
    io::read(bytes, &ReadOptions::default())
}

/// Reads `bytes` (told from the content) and schedules the project.
fn read_and_schedule(bytes: &[u8]) -> jindu::Result<(io::Import, jindu::Schedule)> {
    let imp = read(bytes)?;
    let s = jindu::schedule(&imp.project, &imp.options)?;
    Ok((imp, s))
}

/// [`read_and_schedule`] with no summary nesting limit: for the cases that show nesting far
/// beyond [`jindu::Limits::DEFAULT`]'s is still linear when a host allows it.
fn read_and_schedule_deep(bytes: &[u8]) -> jindu::Result<(io::Import, jindu::Schedule)> {
    let deep = jindu::Limits {
        max_depth: u64::MAX,
        ..jindu::Limits::DEFAULT
    };
    let imp = io::read(bytes, &io::ReadOptions::default().limits(deep))?;
    let s = jindu::schedule(&imp.project, &imp.options)?;
    Ok((imp, s))
}

/// Runs `read_and_schedule` as a case and returns the error it must give.
fn rejects(name: &str, bytes: Vec<u8>) -> Error {
    let n = bytes.len();
    case(name, n, move || read_and_schedule(&bytes).err())
        .unwrap_or_else(|| panic!("{name}: accepted"))
}

fn xml(e: &Error) -> &jindu::XmlError {
    match e {
        Error::Xml(x) => x,
        e => panic!("not an XML error: {e:?}"),
    }
}

fn json_err(e: &Error) -> &jindu::JsonError {
    match e {
        Error::Json(j) => j,
        e => panic!("not a JSON error: {e:?}"),
    }
}

fn import(e: &Error) -> &jindu::ImportError {
    match e {
        Error::Import(i) => i,
        e => panic!("not an import error: {e:?}"),
    }
}

/// `(what, limit, actual)` of a limit error, directly or as the cause of an import error.
fn limit(e: &Error) -> (&'static str, u64, u64) {
    match e {
        Error::Limit {
            what,
            limit,
            actual,
        } => (what, *limit, *actual),
        Error::Import(i) => limit(i.cause.as_ref().unwrap_or_else(|| panic!("{e:?}"))),
        e => panic!("not a limit error: {e:?}"),
    }
}

/// The head of an MSPDI document (four lines; task elements follow on line 4).
const H: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Project xmlns=\"http://schemas.microsoft.com/project\">\n<Name>x</Name><StartDate>2026-01-05T08:00:00</StartDate>\n";

/// A JSON document starting Monday 2026-01-05 (08:00) with `tasks` and `extra` top-level
/// members (each starting with a comma).
fn j(tasks: &str, extra: &str) -> Vec<u8> {
    format!(r#"{{"name":"x","start":"2026-01-05","tasks":[{tasks}]{extra}}}"#).into_bytes()
}

/// The JSON project of `j(tasks, extra)`, read directly.
fn project(tasks: &str, extra: &str) -> jindu::Project {
    let b = j(tasks, extra);
    read(&b).expect("the document reads").project
}

fn ids(ts: &[jindu::TaskId]) -> Vec<&str> {
    ts.iter().map(|t| t.as_str()).collect()
}

fn text(e: &Error) -> String {
    e.to_string()
}

// ---------------------------------------------------------------------------------------------
// XML: entities, DTDs, encodings.

#[test]
fn billion_laughs_is_refused_at_the_doctype() {
    // The classic: ten entities, each ten of the one before; expanded, 10^9 "lol"s (3 GB).
    let mut s = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for k in 1..10 {
        let prev = if k == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", k - 1)
        };
        s.push_str(&format!(
            " <!ENTITY lol{k} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    s.push_str("]>\n<Project><Name>&lol9;</Name></Project>\n");
    let e = rejects("billion laughs", s.into_bytes());
    // The DOCTYPE opens on line 2, column 1: it is refused before any entity is read.
    let x = xml(&e);
    assert_eq!((x.line, x.column), (2, 1), "{e}");
    assert_eq!(
        x.message,
        "a <!DOCTYPE> is not allowed in MSPDI (DTDs are never read or expanded)"
    );
}

#[test]
fn external_entities_are_never_resolved() {
    // XXE: an entity naming a local file; refused at the DOCTYPE (line 2), never opened.
    let doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<Project><Name>&xxe;</Name></Project>";
    let e = rejects("external entity", doc.into());
    assert_eq!((xml(&e).line, xml(&e).column), (2, 1));
    assert!(xml(&e).message.starts_with("a <!DOCTYPE> is not allowed"));
    // Without a DOCTYPE the reference is an undefined entity at its place: line 4, column 8
    // (`<Title>` is seven characters), inside Project/Title.
    let e = rejects(
        "undefined entity",
        format!("{H}<Title>&xxe;</Title></Project>").into(),
    );
    let x = xml(&e);
    assert_eq!(
        (x.line, x.column, x.element.as_str()),
        (4, 8, "Project/Title")
    );
    assert!(x.message.starts_with("undefined entity &xxe;"), "{e}");
}

fn utf16(s: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if big_endian {
            [0xfe, 0xff]
        } else {
            [0xff, 0xfe]
        });
    }
    for u in s.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

#[test]
fn utf16_xml_with_and_without_a_byte_order_mark_is_named() {
    // Told from the content as MSPDI (the sniffer decodes UTF-16), then refused by the reader
    // as UTF-16 at line 1, column 1. Before the fix the mark-less file was read as UTF-8 and
    // failed as "truncated" inside an element path of NUL-separated names.
    let doc = format!(
        "{H}<Tasks><Task><UID>1</UID><ID>1</ID><Name>A</Name><Duration>PT8H0M0S</Duration></Task></Tasks></Project>"
    );
    for (be, bom) in [(false, true), (true, true), (false, false), (true, false)] {
        let bytes = utf16(&doc, be, bom);
        assert_eq!(io::Format::sniff(&bytes), Some(Format::Mspdi));
        let e = rejects("utf-16 xml", bytes);
        let x = xml(&e);
        assert_eq!((x.line, x.column), (1, 1), "{e}");
        assert_eq!(
            x.message,
            "the document is UTF-16: MSPDI files are read as UTF-8 (save it as UTF-8)"
        );
    }
}

#[test]
fn a_byte_order_mark_then_garbage() {
    // Neither content nor name tells a format: `unknown_format`, naming no file.
    for bytes in [
        &b"\xef\xbb\xbf\x00\x01garbage\xff\xfe"[..],
        b"\xff\xfe\x00\xd8garbage",
        b"\xfe\xff",
        b"",
    ] {
        let e = rejects("bom then garbage", bytes.to_vec());
        assert_eq!(e, Error::UnknownFormat { file: None });
    }
    // Named `.json`, the garbage after the mark is bad JSON at line 1, column 1.
    let e = case("bom garbage as json", 16, || {
        io::read(
            b"\xef\xbb\xbfgarbage",
            &ReadOptions::default().file_name("plan.json"),
        )
        .unwrap_err()
    });
    assert_eq!((json_err(&e).line, json_err(&e).column), (1, 1), "{e}");
}

#[test]
fn nul_bytes() {
    // JSON forbids a raw control character in a string: the error says so at the NUL, line 1,
    // column 51 (the 50 characters before it), in `tasks[0].id`. Before the fix the key reader
    // replaced it with "expected a string or integer id".
    let e = rejects("nul in json", j("{\"id\":\"A\0\",\"duration\":\"1d\"}", ""));
    let je = json_err(&e);
    assert_eq!(
        (je.line, je.column, je.path.as_str()),
        (1, 51, "tasks[0].id")
    );
    assert!(je.message.starts_with("control character"), "{e}");
    // Escaped, a NUL is a character like any other, and is kept.
    let (imp, _) = case("escaped nul in json", 80, || {
        read_and_schedule(&j(r#"{"id":"A\u0000B","duration":"1d"}"#, "")).unwrap()
    });
    assert_eq!(imp.project.tasks()[0].id.as_str(), "A\0B");
    // In a CSV name and an MSPDI name it is kept too (no silent loss).
    let (imp, s) = case("nul in csv", 24, || {
        read_and_schedule(b"id,name,duration\n1,a\x00b,1d\n").unwrap()
    });
    assert_eq!(imp.project.tasks()[0].name, "a\0b");
    assert_eq!(s.project_finish.to_string(), "2026-01-05T17:00:00");
    let doc = format!("{H}<Tasks><Task><UID>1</UID><ID>1</ID><Name>a\0b</Name><Duration>PT8H0M0S</Duration></Task></Tasks></Project>");
    let n = doc.len();
    let (imp, _) = case("nul in mspdi", n, move || {
        read_and_schedule(doc.as_bytes()).unwrap()
    });
    assert_eq!(imp.project.tasks()[0].name, "a\0b");
}

// ---------------------------------------------------------------------------------------------
// Text that is not text: invalid UTF-8, truncated files.

#[test]
fn invalid_utf8_in_every_reader_names_its_place() {
    // JSON: the byte 0xFF is the 11th character of line 1.
    let e = rejects("bad utf-8 json", b"{\"name\":\"x\xff\"}".to_vec());
    assert_eq!((json_err(&e).line, json_err(&e).column), (1, 11));
    assert_eq!(
        json_err(&e).message,
        "the document is not valid UTF-8 (save it as UTF-8)"
    );
    // MSPDI: line 4, column 8 (after `<Title>`).
    let mut doc = format!("{H}<Title>X</Title></Project>").into_bytes();
    let at = doc.iter().position(|&b| b == b'X').unwrap();
    doc[at] = 0xff;
    let e = rejects("bad utf-8 mspdi", doc);
    assert_eq!((xml(&e).line, xml(&e).column), (4, 8));
    assert_eq!(
        xml(&e).message,
        "the document is not valid UTF-8 (MSPDI files are UTF-8)"
    );
    // CSV: line 2 (byte 11 of the file).
    let e = rejects("bad utf-8 csv", b"id,name\n1,a\xffb\n".to_vec());
    assert_eq!((import(&e).format, import(&e).line), ("csv", 2));
    assert!(
        import(&e).message.starts_with("invalid UTF-8 at byte 11"),
        "{e}"
    );
    // PSPLIB reads Latin-1 (any byte is a character): the bad byte is a bad number at
    // line 1, column 34, with the text as read.
    let e = rejects(
        "bad byte psplib",
        b"jobs (incl. supersource/sink ):  \xff4\n".to_vec(),
    );
    let i = import(&e);
    assert_eq!((i.format, i.line, i.column), ("psplib", 1, 34));
    assert_eq!(i.value.as_deref(), Some("\u{ff}4"));
}

#[test]
fn truncated_files() {
    // JSON cut after 40 bytes, inside the first task: EOF at line 1, column 40.
    let full = j(r#"{"id":"A","duration":"1d"}"#, "");
    let e = rejects("truncated json", full[..40].to_vec());
    assert_eq!((json_err(&e).line, json_err(&e).column), (1, 40));
    assert_eq!(json_err(&e).message, "EOF while parsing an object");
    // MSPDI cut inside a tag (line 4, column 20), and after a complete element.
    let e = rejects(
        "truncated mspdi tag",
        format!("{H}<Tasks><Task><UID>1</UI").into(),
    );
    let x = xml(&e);
    assert_eq!(
        (x.line, x.column, x.element.as_str()),
        (4, 20, "Project/Tasks/Task/UID")
    );
    assert!(x.message.starts_with("malformed XML"), "{e}");
    let e = rejects(
        "truncated mspdi",
        format!("{H}<Tasks><Task><UID>1</UID>").into(),
    );
    let x = xml(&e);
    assert_eq!(x.element, "Project/Tasks/Task");
    assert_eq!(
        x.message,
        "the document ends before this element is closed (truncated file?)"
    );
    // CSV cut inside a quoted field: line 2, column 2 (name).
    let e = rejects("truncated csv", b"id,name\n1,\"abc".to_vec());
    let i = import(&e);
    assert_eq!(
        (i.line, i.column, i.header.as_deref()),
        (2, 2, Some("name"))
    );
    assert_eq!(
        i.message,
        "a quoted field is not closed: add the closing double quote"
    );
    // PSPLIB cut after the header lines: the missing section is named, never a panic.
    let e = rejects(
        "truncated psplib",
        b"jobs (incl. supersource/sink ):  4\nRESOURCES\n  - renewable                 :  1   R\n"
            .to_vec(),
    );
    assert_eq!(import(&e).format, "psplib");
    assert_eq!(e.code(), ErrorCode::Import);
}

// ---------------------------------------------------------------------------------------------
// Depth and size.

#[test]
fn deeply_nested_input() {
    // JSON arrays 10^5 deep where the tasks go: the typed reader stops at the third `[`,
    // column 44 after the 41-character head (the list of tasks, a task read as a list, and
    // where its key should be), never recursing further.
    let mut doc = b"{\"name\":\"x\",\"start\":\"2026-01-05\",\"tasks\":".to_vec();
    doc.extend(b"[".repeat(100_000));
    let e = rejects("json arrays 10^5 deep", doc);
    let je = json_err(&e);
    assert_eq!(
        (je.message.as_str(), je.path.as_str(), je.line, je.column),
        (
            "invalid type: sequence, expected a string or integer id",
            "tasks[0][0]",
            1,
            44
        )
    );
    // XML elements 10^5 deep: the depth limit (64), at the 65th open element.
    let e = rejects(
        "xml 10^5 deep",
        format!("{H}{}</Project>", "<a>".repeat(100_000)).into(),
    );
    assert_eq!(limit(&e), ("XML element nesting depth", 64, 65));
}

/// A chain of `n` tasks, each the summary of the next; the last has a day of work.
fn summary_chain(n: usize) -> Vec<u8> {
    let mut t = String::from(r#"{"id":"0"}"#);
    for k in 1..n {
        let d = if k == n - 1 {
            r#","duration":"1d""#
        } else {
            ""
        };
        t.push_str(&format!(r#",{{"id":"{k}","parent":"{}"{d}}}"#, k - 1));
    }
    j(&t, "")
}

#[test]
fn summaries_nested_a_hundred_thousand_deep() {
    // Each task the parent of the next: 99,999 summaries over one 1-day leaf, all from Monday
    // 08:00 to 17:00. Before the fix the reader set the parents one by one, each walking all
    // its ancestors for a loop (n²/2 = 5·10^9 steps: minutes); now one linear pass.
    let n = 100_000;
    let doc = summary_chain(n);
    let len = doc.len();
    // The default limits refuse it: task 99999 has 99,999 summaries above it.
    let e = rejects("summary chain 10^5, default limits", doc.clone());
    assert_eq!(limit(&e), ("summary nesting depth", 100, 99_999));
    // A host that allows it gets it read and scheduled in linear time.
    let (imp, s) = case("summary chain 10^5", len, move || {
        read_and_schedule_deep(&doc).unwrap()
    });
    assert_eq!(imp.project.len(), n);
    let top = imp.project.index_of("0").unwrap();
    let leaf = imp.project.index_of(&(n - 1).to_string()).unwrap();
    assert!(imp.project.is_summary(top) && !imp.project.is_summary(leaf));
    assert_eq!(
        imp.project.task(leaf).parent,
        imp.project.index_of(&(n - 2).to_string())
    );
    assert_eq!(s.task(top).early_finish.to_string(), "2026-01-05T17:00:00");
    assert_eq!(s.project_finish.to_string(), "2026-01-05T17:00:00");
    // The same chain closed into a loop (0's parent is the last): the loop is named by the
    // pair that closes it in document order, task 99999 under 0 (as `set_parent` one by one
    // reported it).
    let mut t = String::new();
    for k in 0..n {
        if k > 0 {
            t.push(',');
        }
        t.push_str(&format!(r#"{{"id":"{k}","parent":"{}"}}"#, (k + 1) % n));
    }
    let e = rejects("summary loop 10^5", j(&t, ""));
    assert_eq!(
        e,
        Error::HierarchyCycle {
            tasks: vec!["99999".into(), "0".into(), "99999".into()]
        }
    );
    // A task its own parent.
    let e = rejects("own parent", j(r#"{"id":"A","parent":"A"}"#, ""));
    assert_eq!(
        e,
        Error::HierarchyCycle {
            tasks: vec!["A".into(), "A".into(), "A".into()]
        }
    );
}

#[test]
fn mspdi_outline_levels_twenty_thousand_deep() {
    // OutlineLevel k on the k-th task: each the summary of the next, the last with 8 hours.
    let n = 20_000;
    let tasks: String = (1..=n)
        .map(|k| {
            let d = if k == n { "<Duration>PT8H0M0S</Duration>" } else { "" };
            format!("<Task><UID>{k}</UID><ID>{k}</ID><Name>T</Name><OutlineLevel>{k}</OutlineLevel>{d}</Task>")
        })
        .collect();
    let doc = format!("{H}<Tasks>{tasks}</Tasks></Project>");
    let len = doc.len();
    let e = rejects(
        "mspdi outline 2·10^4, default limits",
        doc.clone().into_bytes(),
    );
    assert_eq!(limit(&e), ("summary nesting depth", 100, 19_999));
    let (imp, s) = case("mspdi outline 2·10^4", len, move || {
        read_and_schedule_deep(doc.as_bytes()).unwrap()
    });
    assert_eq!(imp.project.len(), n);
    let first = imp.project.index_of("1").unwrap();
    assert!(imp.project.is_summary(first));
    assert_eq!(s.project_finish.to_string(), "2026-01-05T17:00:00");
}

#[test]
fn a_million_links_on_one_task() {
    // A hub of one day (Monday) and 10^6 − 1 successors of one day each: all on Tuesday (a
    // million tasks in all, `Limits::DEFAULT.max_tasks`; one more is refused, below).
    let n = 999_999;
    let mut t = String::with_capacity(40 * n);
    let mut l = String::with_capacity(30 * n);
    t.push_str(r#"{"id":"hub","duration":"1d"}"#);
    for k in 0..n {
        t.push_str(&format!(r#",{{"id":"{k}","duration":"1d"}}"#));
        if k > 0 {
            l.push(',');
        }
        l.push_str(&format!(r#"{{"from":"hub","to":"{k}"}}"#));
    }
    let doc = j(&t, &format!(r#","links":[{l}]"#));
    drop((t, l));
    let len = doc.len();
    let (imp, s) = case("10^6 links on one task", len, move || {
        read_and_schedule(&doc).unwrap()
    });
    assert_eq!((imp.project.len(), imp.project.links().len()), (n + 1, n));
    let last = imp.project.index_of(&(n - 1).to_string()).unwrap();
    assert_eq!(s.task(last).early_start.to_string(), "2026-01-06T08:00:00");
    assert_eq!(s.project_finish.to_string(), "2026-01-06T17:00:00");
    // Every successor is critical and driven by the hub: a million critical paths would be
    // 10^6 lists; the schedule keeps `max_critical_paths` (100).
    assert_eq!(s.critical_paths().len(), 100);
    let one_more = j(r#"{"id":"a"},{"id":"b"}"#, "");
    let tight = io::ReadOptions::default().limits(jindu::Limits {
        max_tasks: 1,
        ..jindu::Limits::DEFAULT
    });
    assert_eq!(
        limit(&io::read(&one_more, &tight).unwrap_err()),
        ("tasks", 1, 2)
    );
}

#[test]
fn a_csv_with_a_million_columns() {
    let mut c = String::from("id");
    for k in 0..1_000_000 {
        c.push_str(&format!(",c{k}"));
    }
    c.push_str("\n1\n");
    // Refused at the 1,025th field of the header row, before the rest is split.
    let e = rejects("csv 10^6 columns", c.into_bytes());
    let i = import(&e);
    assert_eq!((i.line, i.column), (1, 1025));
    assert_eq!(limit(&e), ("fields in one row", 1024, 1025));
    // One field of 10^5 predecessors (588,894 bytes): the field limit, at line 100,002.
    let mut c = String::from("id,duration,predecessors\n");
    for k in 1..=100_000 {
        c.push_str(&format!("{k},1d,\n"));
    }
    c.push_str("hub,1d,\"");
    c.push_str(
        &(1..=100_000)
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join(","),
    );
    c.push_str("\"\n");
    let e = rejects("csv field of 10^5 predecessors", c.into_bytes());
    let i = import(&e);
    assert_eq!(
        (i.line, i.column, i.header.as_deref()),
        (100_002, 3, Some("predecessors"))
    );
    assert_eq!(limit(&e), ("bytes in one field", 65_536, 65_537));
}

#[test]
fn declared_sizes_are_not_trusted() {
    // A PSPLIB header declaring 10^9 jobs or 10^9 resources (a "1 GB" table, never
    // allocated): refused at the number, line 1 / 3, column 34.
    let e = rejects(
        "psplib 10^9 jobs",
        b"jobs (incl. supersource/sink ):  1000000000\nRESOURCES\n".to_vec(),
    );
    let i = import(&e);
    assert_eq!(
        (i.line, i.column, i.value.as_deref()),
        (1, 34, Some("1000000000"))
    );
    assert_eq!(
        i.message,
        "expected the number of jobs (a whole number up to 1000000)"
    );
    let e = rejects(
        "psplib 10^9 resources",
        b"jobs (incl. supersource/sink ):  4\nRESOURCES\n  - renewable                 :  1000000000   R\n"
            .to_vec(),
    );
    let i = import(&e);
    assert_eq!((i.line, i.column), (3, 34));
    assert_eq!(
        i.message,
        "expected the number of renewable resources (a whole number up to 1000)"
    );
    // MSPDI and JSON declare no lengths; a file over `Limits::max_input_bytes` (256 MiB by
    // default) is refused by its size before it is parsed. Shown with a small limit (a 300 MB
    // buffer is not built here): 4 KB of MSPDI against 1 KB.
    assert_eq!(jindu::Limits::DEFAULT.max_input_bytes, 256 << 20);
    let mut xml = b"<Project><Name>x</Name>".to_vec();
    xml.resize(4096, b' ');
    let small = jindu::io::ReadOptions::default().limits(jindu::Limits {
        max_input_bytes: 1024,
        ..jindu::Limits::DEFAULT
    });
    let e = jindu::io::read(&xml, &small).unwrap_err();
    assert_eq!(e.to_string(), "limit exceeded: input bytes (4096 > 1024)");
}

// ---------------------------------------------------------------------------------------------
// Dates and numbers at the edges.

#[test]
fn dates_at_year_1_and_9999() {
    // Year 1 is outside the supported years 1000–9999, and the message says so.
    let e = rejects(
        "start in year 1",
        br#"{"name":"x","start":"0001-01-01","tasks":[{"id":"A","duration":"1d"}]}"#.to_vec(),
    );
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert_eq!(
        text(&e),
        "project: field `start`: invalid date \"0001-01-01\": expected YYYY-MM-DD, years 1000-9999"
    );
    // The first supported day: Wednesday 1000-01-01 (proleptic Gregorian) works on the
    // standard calendar, 08:00–17:00.
    let (_, s) = case("start in year 1000", 80, || {
        read_and_schedule(
            br#"{"name":"x","start":"1000-01-01","tasks":[{"id":"A","duration":"1d"}]}"#,
        )
        .unwrap()
    });
    assert_eq!(s.project_finish.to_string(), "1000-01-01T17:00:00");
    // Monday 9999-12-20: two days end Tuesday 21 at 17:00.
    let (_, s) = case("start in year 9999", 80, || {
        read_and_schedule(br#"{"name":"x","start":"9999-12-20","tasks":[{"id":"A","duration":"2d","deadline":"9999-12-31T23:59"}]}"#)
            .unwrap()
    });
    assert_eq!(s.project_finish.to_string(), "9999-12-21T17:00:00");
    // Twenty days would end in year 10000: an error naming the task and field.
    let e = rejects(
        "finish beyond 9999",
        br#"{"name":"x","start":"9999-12-20","tasks":[{"id":"A","duration":"20d"}]}"#.to_vec(),
    );
    assert_eq!(
        e,
        Error::Invalid {
            item: Item::Task("A".into()),
            field: "finish".into(),
            message: "the computed date falls outside the years 1000-9999".into(),
            path: None,
        }
    );
    // The same through CSV (Start = SNET 9999-12-25) and a CSV start in year 1.
    let e = rejects(
        "csv finish beyond 9999",
        b"id,duration,start\n1,20d,9999-12-25\n".to_vec(),
    );
    assert_eq!(
        (e.code(), e.task_id().map(|t| t.as_str())),
        (ErrorCode::Invalid, Some("1"))
    );
    let e = rejects(
        "csv start in year 1",
        b"id,duration,start\n1,1d,0001-01-01\n".to_vec(),
    );
    let i = import(&e);
    assert_eq!(
        (i.line, i.column, i.value.as_deref()),
        (2, 3, Some("0001-01-01"))
    );
}

fn two_tasks_with_lag(lag: &str) -> Vec<u8> {
    j(
        r#"{"id":"A","duration":"1d"},{"id":"B","duration":"1d"}"#,
        &format!(r#","links":[{{"from":"A","to":"B","lag":"{lag}"}}]"#),
    )
}

#[test]
fn durations_and_lags_near_integer_overflow() {
    let dur = |d: &str| j(&format!(r#"{{"id":"A","duration":"{d}"}}"#), "");
    let task_a = Item::Task("A".into());
    // i64::MAX minutes does not parse as whole minutes that fit.
    let e = rejects("duration i64::MAX", dur("9223372036854775807m"));
    assert_eq!((e.item(), e.field()), (Some(&task_a), Some("duration")));
    assert!(
        text(&e).contains("expected a number that gives whole minutes"),
        "{e}"
    );
    // 4·10^12 minutes parse but are beyond every supported date: out of range.
    let e = rejects("duration 4e12 minutes", dur("4000000000000m"));
    assert_eq!(
        text(&e),
        "task `A`: field `duration`: the duration is out of range"
    );
    // "1e308d", "NaNd", "infd": the number is what is wrong, and the message says so (it
    // said "unknown unit", the unit read as `e308d`).
    for d in ["1e308d", "NaNd", "infd"] {
        let e = rejects("duration 1e308d", dur(d));
        assert_eq!((e.item(), e.field()), (Some(&task_a), Some("duration")));
        assert_eq!(
            text(&e),
            format!(
                "task `A`: field `duration`: invalid duration {d:?}: expected a decimal number \
                 and a unit, e.g. 2d, 1.5h, -30m (no exponents)"
            )
        );
    }
    // Lags of ±i64::MAX minutes, working and elapsed, and a 10^14 % lag: each an error on the
    // link's `lag` field.
    let link = Item::Link {
        from: "A".into(),
        to: "B".into(),
    };
    for lag in [
        "9223372036854775807m",
        "-9223372036854775807m",
        "9223372036854775807em",
        "100000000000000%",
    ] {
        let e = rejects("lag near i64::MAX", two_tasks_with_lag(lag));
        assert_eq!(
            (e.item(), e.field()),
            (Some(&link), Some("lag")),
            "{lag}: {e}"
        );
    }
    // The largest lag that parses, 4·10^12 minutes, is out of range too.
    let e = rejects("lag 4e12 minutes", two_tasks_with_lag("4000000000000m"));
    assert_eq!((e.item(), e.field()), (Some(&link), Some("lag")), "{e}");
    // MSPDI: a 10^17-hour duration and an i64::MAX lag (tenths of minutes).
    let e = rejects(
        "mspdi duration 1e17 h",
        format!("{H}<Tasks><Task><UID>1</UID><ID>1</ID><Name>A</Name><Duration>PT99999999999999999H0M0S</Duration></Task></Tasks></Project>").into(),
    );
    assert_eq!(
        (xml(&e).element.as_str(), xml(&e).line),
        ("Task/Duration", 4)
    );
    let e = rejects(
        "mspdi lag i64::MAX",
        format!("{H}<Tasks><Task><UID>1</UID><ID>1</ID><Name>A</Name></Task><Task><UID>2</UID><ID>2</ID><Name>B</Name><PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>9223372036854775807</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task></Tasks></Project>").into(),
    );
    assert_eq!(xml(&e).element, "PredecessorLink/LinkLag");
    assert_eq!(xml(&e).message, "lag out of range");
    assert_eq!(e.task_id().map(|t| t.as_str()), Some("2"));
    // CSV: the same lag, and a 1e300 % lag, at line 3, column 3.
    for lag in ["1FS+9223372036854775807m", "1FS+1e300%"] {
        let e = rejects(
            "csv lag near overflow",
            format!("id,duration,predecessors\n1,1d,\n2,1d,{lag}\n").into(),
        );
        let i = import(&e);
        assert_eq!((i.line, i.column, i.value.as_deref()), (3, 3, Some(lag)));
    }
}

#[test]
fn negative_and_nan_values() {
    let e = rejects("negative duration", j(r#"{"id":"A","duration":"-1d"}"#, ""));
    assert_eq!(
        text(&e),
        "task `A`: field `duration`: durations cannot be negative"
    );
    // JSON has no NaN: the literal is a syntax error at its place.
    let e = rejects(
        "NaN literal",
        br#"{"name":"x","start":"2026-01-05","hours_per_day":NaN,"tasks":[]}"#.to_vec(),
    );
    let je = json_err(&e);
    assert_eq!(
        (je.path.as_str(), je.line, je.column),
        ("hours_per_day", 1, 50)
    );
    for h in ["1e308", "0", "-8"] {
        let e = rejects(
            "hours per day",
            format!(r#"{{"name":"x","start":"2026-01-05","hours_per_day":{h},"tasks":[]}}"#).into(),
        );
        assert_eq!(
            (e.item(), e.field()),
            (Some(&Item::Project), Some("hours_per_day"))
        );
    }
    let e = rejects(
        "cost -1e308",
        j(r#"{"id":"A","duration":"1d","cost":-1e308}"#, ""),
    );
    assert_eq!(e.field(), Some("cost"));
    assert_eq!(e.task_id().map(|t| t.as_str()), Some("A"));
    // CSV: NaN, inf and 1e308 durations; NaN priority; NaN, negative and 1e308 % units.
    for (row, header) in [
        ("1,NaN", "duration"),
        ("1,inf", "duration"),
        ("1,1e308", "duration"),
    ] {
        let e = rejects("csv bad number", format!("id,{header}\n{row}\n").into());
        let i = import(&e);
        assert_eq!(
            (i.line, i.column, i.header.as_deref()),
            (2, 2, Some(header))
        );
    }
    let e = rejects("csv NaN priority", b"id,priority\n1,NaN\n".to_vec());
    assert_eq!(import(&e).header.as_deref(), Some("priority"));
    for units in ["bob[NaN]", "bob[-50%]", "bob[1e308%]"] {
        let e = rejects("csv units", format!("id,resources\n1,{units}\n").into());
        let i = import(&e);
        assert_eq!((i.line, i.column, i.value.as_deref()), (2, 2, Some(units)));
    }
    // MSPDI: a negative duration.
    let e = rejects(
        "mspdi negative duration",
        format!("{H}<Tasks><Task><UID>1</UID><ID>1</ID><Name>A</Name><Duration>PT-8H0M0S</Duration></Task></Tasks></Project>").into(),
    );
    assert_eq!(xml(&e).message, "invalid duration (PTnHnMnS) \"PT-8H0M0S\"");
    assert_eq!(e.task_id().map(|t| t.as_str()), Some("1"));
}

// ---------------------------------------------------------------------------------------------
// Calendars.

const NO_WEEK: &str = r#""week":{"mon":[],"tue":[],"wed":[],"thu":[],"fri":[],"sat":[],"sun":[]}"#;

#[test]
fn a_calendar_with_no_working_time() {
    for task in [
        r#"{"id":"A","duration":"1d","calendar":"off"}"#,
        r#"{"id":"A","milestone":true,"calendar":"off"}"#,
    ] {
        let e = rejects(
            "calendar without work",
            j(task, &format!(r#","calendars":[{{"id":"off",{NO_WEEK}}}]"#)),
        );
        assert_eq!(e, Error::NoWorkingTime("off".into()));
    }
}

#[test]
fn a_calendar_whose_only_work_is_one_minute_a_year() {
    // No weekly work; one exception a year, 1 January 08:00–08:01, for 2026 to 2225 (200
    // years: the span the dense exception table allows).
    let ex: Vec<String> = (2026..2226)
        .map(|y| format!(r#"{{"date":"{y}-01-01","working":["08:00-08:01"]}}"#))
        .collect();
    let cal = format!(
        r#","calendars":[{{"id":"y",{NO_WEEK},"exceptions":[{}]}}]"#,
        ex.join(",")
    );
    // Ten minutes of work from Monday 2026-01-05 take the minutes of 2027 to 2036: the last
    // ends 2036-01-01 at 08:01. Nothing loops over the years in between.
    let doc = j(r#"{"id":"A","duration":"10m","calendar":"y"}"#, &cal);
    let n = doc.len();
    let (_, s) = case("one minute a year", n, move || {
        read_and_schedule(&doc).unwrap()
    });
    assert_eq!(s.project_finish.to_string(), "2036-01-01T08:01:00");
    // A thousand minutes are more than the calendar's 199 after the start: exhausted after
    // its last working minute (2225-01-01 08:01). Before the fix the error said "before
    // 1970-01-01T16:41" (a count of working minutes printed as a date).
    let e = rejects(
        "one minute a year, exhausted",
        j(r#"{"id":"A","duration":"1000m","calendar":"y"}"#, &cal),
    );
    assert_eq!(
        e,
        Error::CalendarExhausted {
            calendar: "y".into(),
            item: Item::Task("A".into()),
            direction: "after",
            at: "2225-01-01T08:01:00".into(),
        }
    );
}

#[test]
fn an_exception_over_nine_thousand_years() {
    // 1000-01-01 to 9999-12-31 is 3,287,181 days; the dense table allows 73,200 (200 years).
    let e = rejects(
        "exception over 9000 years",
        j(
            r#"{"id":"A","duration":"1d","calendar":"c"}"#,
            r#","calendars":[{"id":"c","base":"standard","exceptions":[{"from":"1000-01-01","to":"9999-12-31","working":[]}]}]"#,
        ),
    );
    assert_eq!(
        limit(&e),
        ("days covered by one calendar exception", 73_200, 3_287_181)
    );
    // Two one-day exceptions 9,000 years apart: the span between them is refused the same way.
    let e = rejects(
        "exceptions 9000 years apart",
        j(
            r#"{"id":"A","duration":"1d","calendar":"c"}"#,
            r#","calendars":[{"id":"c","base":"standard","exceptions":[{"date":"1000-01-01","working":[]},{"date":"9999-12-31","working":[]}]}]"#,
        ),
    );
    assert_eq!(
        limit(&e),
        (
            "days between the first and last exception of a calendar",
            73_200,
            3_287_181
        )
    );
}

// ---------------------------------------------------------------------------------------------
// Keys and links.

#[test]
fn self_links_and_duplicate_ids() {
    let e = rejects(
        "self link",
        j(
            r#"{"id":"A","duration":"1d"}"#,
            r#","links":[{"from":"A","to":"A"}]"#,
        ),
    );
    assert_eq!(e, Error::SelfLink("A".into()));
    let e = rejects(
        "duplicate task",
        j(r#"{"id":"A","duration":"1d"},{"id":"A"}"#, ""),
    );
    assert_eq!(e, Error::DuplicateTask("A".into()));
    let e = rejects(
        "duplicate link",
        j(
            r#"{"id":"A","duration":"1d"},{"id":"B"}"#,
            r#","links":[{"from":"A","to":"B"},{"from":"A","to":"B","type":"SS"}]"#,
        ),
    );
    assert_eq!(e.code(), ErrorCode::DuplicateLink);
    let e = rejects(
        "duplicate resource",
        j(
            r#"{"id":"A","duration":"1d"}"#,
            r#","resources":[{"id":"r"},{"id":"r"}]"#,
        ),
    );
    assert_eq!(e, Error::DuplicateResource("r".into()));
    let e = rejects(
        "assignment to a missing resource",
        j(
            r#"{"id":"A","duration":"1d"}"#,
            r#","assignments":[{"task":"A","resource":"ghost"}]"#,
        ),
    );
    assert_eq!(
        e,
        Error::UnknownResource {
            id: "ghost".into(),
            by: Item::Assignment {
                task: "A".into(),
                resource: "ghost".into()
            }
        }
    );
    // CSV: the cause is the core error, at the line.
    let e = rejects("csv self link", b"id,predecessors\n1,1\n".to_vec());
    assert_eq!(import(&e).line, 2);
    assert_eq!(import(&e).cause, Some(Error::SelfLink("1".into())));
    let e = rejects("csv duplicate id", b"id\n1\n1\n".to_vec());
    assert_eq!(import(&e).line, 3);
    assert_eq!(import(&e).cause, Some(Error::DuplicateTask("1".into())));
    // MSPDI: a second task with one UID is an error at it; a self link is left out with a
    // warning (Project writes such files), never silently.
    let e = rejects(
        "mspdi duplicate uid",
        format!("{H}<Tasks><Task><UID>1</UID><ID>1</ID><Name>A</Name></Task><Task><UID>1</UID><ID>2</ID><Name>B</Name></Task></Tasks></Project>").into(),
    );
    assert_eq!(xml(&e).message, "a second task with the same UID");
    let doc = format!("{H}<Tasks><Task><UID>1</UID><ID>1</ID><Name>A</Name><PredecessorLink><PredecessorUID>1</PredecessorUID></PredecessorLink></Task></Tasks></Project>");
    let n = doc.len();
    let (imp, _) = case("mspdi self link", n, move || {
        read_and_schedule(doc.as_bytes()).unwrap()
    });
    assert!(imp.project.links().is_empty());
    assert_eq!(imp.warnings.len(), 1);
    assert_eq!(imp.warnings[0].code, io::WarningCode::LeftOut);
    assert!(imp.warnings[0]
        .message
        .contains("a duplicate or self link is left out"));
}

#[test]
fn a_cycle_through_a_hundred_thousand_tasks() {
    // 0 → 1 → … → 99999 → 0: the error lists the whole cycle, the first task repeated.
    let n = 100_000;
    let t: Vec<String> = (0..n)
        .map(|k| format!(r#"{{"id":"{k}","duration":"1d"}}"#))
        .collect();
    let l: Vec<String> = (0..n)
        .map(|k| format!(r#"{{"from":"{k}","to":"{}"}}"#, (k + 1) % n))
        .collect();
    let e = rejects(
        "cycle of 10^5",
        j(&t.join(","), &format!(r#","links":[{}]"#, l.join(","))),
    );
    let Error::Cycle { tasks } = &e else {
        panic!("{e:?}")
    };
    assert_eq!(tasks.len(), n + 1);
    assert_eq!(
        (tasks[0].as_str(), tasks[1].as_str(), tasks[n].as_str()),
        ("0", "1", "0")
    );
    assert_eq!(ids(&tasks[n - 1..]), ["99999", "0"]);
}

#[test]
fn a_link_graph_with_two_to_the_sixty_four_driving_paths() {
    // 64 stages of two one-day tasks, each linked to both of the next stage: 2^64 paths from
    // the first stage to the last, all critical and all driving. The finish is 64 working
    // days from Monday 5 January: 12 weeks and 4 days, Thursday 2 April 17:00. Paths are not
    // counted by enumeration: the schedule keeps `max_critical_paths` (100) of them.
    let mut t = Vec::new();
    let mut l = Vec::new();
    for s in 0..64 {
        for k in 0..2 {
            t.push(format!(r#"{{"id":"{s}-{k}","duration":"1d"}}"#));
            if s > 0 {
                for q in 0..2 {
                    l.push(format!(r#"{{"from":"{}-{q}","to":"{s}-{k}"}}"#, s - 1));
                }
            }
        }
    }
    let doc = j(&t.join(","), &format!(r#","links":[{}]"#, l.join(",")));
    let n = doc.len();
    let (imp, s) = case("2^64 paths", n, move || read_and_schedule(&doc).unwrap());
    assert_eq!(s.project_finish.to_string(), "2026-04-02T17:00:00");
    assert_eq!(s.critical_path().len(), 128);
    assert_eq!(s.critical_paths().len(), 100);
    assert!(s.critical_paths().iter().all(|p| p.len() == 64));
    // Both predecessors drive every task after the first stage.
    let last = imp.project.index_of("63-1").unwrap();
    assert_eq!(s.driving_links(last).len(), 2);
}

// ---------------------------------------------------------------------------------------------
// Levelling, risk and tracking.

#[test]
fn a_levelling_problem_that_can_never_fit() {
    use jindu::level::{level, LevelOptions};
    // A task needing 200 % of a resource that has 100 %, and one needing any of a resource
    // with 0 %: refused before any search, naming the task, the resource and the numbers.
    for (res, units, have) in [
        (r#"{"id":"ana"}"#, 200, 100),
        (r#"{"id":"ana","max_units":0}"#, 100, 0),
    ] {
        let p = project(
            r#"{"id":"A","duration":"2d"},{"id":"B","duration":"1d"}"#,
            &format!(
                r#","resources":[{res}],"assignments":[{{"task":"A","resource":"ana","units":{units}}}]"#
            ),
        );
        let e = case("levelling never fits", 300, move || {
            level(&[&p], &LevelOptions::default()).unwrap_err()
        });
        assert_eq!(
            (e.item(), e.field()),
            (
                Some(&Item::Assignment {
                    task: "A".into(),
                    resource: "ana".into()
                }),
                Some("units")
            )
        );
        assert!(
            text(&e).contains(&format!(
                "the task needs {units}% of ana but it never has more than {have}%, so levelling can never fit it"
            )),
            "{e}"
        );
    }
    // A period of i64::MAX minutes: refused (it overflowed the period arithmetic).
    let p = project(
        r#"{"id":"A","duration":"2d"},{"id":"B","duration":"1d"}"#,
        r#","resources":[{"id":"ana"}],"assignments":[{"task":"A","resource":"ana"},{"task":"B","resource":"ana"}]"#,
    );
    let e = case("levelling period i64::MAX", 300, move || {
        let o = LevelOptions {
            period_minutes: i64::MAX,
            ..LevelOptions::default()
        };
        level(&[&p], &o).unwrap_err()
    });
    assert_eq!(
        (e.item(), e.field()),
        (Some(&Item::Project), Some("period_minutes"))
    );
    // At the end of the calendar: Ana's two tasks of ten days from Wednesday 9999-12-01 are
    // levelled one after the other, B from Wednesday 15 to Tuesday 28 (ten working days).
    let p = read(
        br#"{"name":"P","start":"9999-12-01","tasks":[{"id":"A","duration":"10d"},{"id":"B","duration":"10d"}],
        "resources":[{"id":"ana"}],"assignments":[{"task":"A","resource":"ana"},{"task":"B","resource":"ana"}]}"#,
    )
    .unwrap()
    .project;
    let l = case("levelling in 9999", 300, move || {
        level(&[&p], &LevelOptions::default()).unwrap()
    });
    assert_eq!(l.projects[0].finish.0.to_string(), "9999-12-28T17:00:00");
}

#[test]
fn risk_models_with_zero_width_or_inverted_estimates() {
    let est = |o: &str, m: &str, p: &str| {
        j(
            &format!(
                r#"{{"id":"A","duration":"4d","estimate":{{"optimistic":"{o}","likely":"{m}","pessimistic":"{p}"}}}}"#
            ),
            "",
        )
    };
    let a = Item::Task("A".into());
    let e = rejects("zero-width estimate", est("4d", "4d", "4d"));
    assert_eq!(
        (e.item(), e.field()),
        (Some(&a), Some("estimate.pessimistic"))
    );
    assert!(text(&e).contains("(a zero-width estimate)"), "{e}");
    let e = rejects("inverted estimate", est("9d", "4d", "2d"));
    assert_eq!(
        (e.item(), e.field()),
        (Some(&a), Some("estimate.optimistic"))
    );
    assert!(text(&e).contains("(inverted estimate)"), "{e}");
    let e = rejects("likely outside", est("2d", "10d", "4d"));
    assert_eq!(e.field(), Some("estimate.likely"));
    // Probabilities and correlations outside their ranges.
    for p in ["1.5", "-0.5"] {
        let e = rejects(
            "probability",
            j(
                r#"{"id":"A","duration":"4d"}"#,
                &format!(
                    r#","risks":[{{"id":"R","probability":{p},"impacts":[{{"task":"A","delay":"1d"}}]}}]"#
                ),
            ),
        );
        assert_eq!(
            (e.item(), e.field()),
            (Some(&Item::Risk("R".into())), Some("probability"))
        );
    }
    let e = rejects(
        "correlation 2",
        j(
            r#"{"id":"A","duration":"4d"},{"id":"B","duration":"4d"}"#,
            r#","correlations":[{"tasks":["A","B"],"coefficient":2}]"#,
        ),
    );
    assert_eq!(e.field(), Some("coefficient"));
}

#[test]
fn a_hundred_thousand_risk_events_on_one_task() {
    use jindu::risk::{simulate, RiskOptions};
    // Each certain (probability 1) and one minute: A's 4 days grow by 100,000 minutes =
    // 208 days and 160 minutes, 212 working days in all from Monday 5 January: 42 weeks and
    // 2 days to Wednesday 28 October, then 08:00 + 160 minutes. Every iteration the same.
    // Before the fix the duplicate-key check compared each key with all before it (minutes).
    let r: Vec<String> = (0..100_000)
        .map(|k| {
            format!(r#"{{"id":"R{k}","probability":1,"impacts":[{{"task":"A","delay":"1m"}}]}}"#)
        })
        .collect();
    let doc = j(
        r#"{"id":"A","duration":"4d"}"#,
        &format!(r#","risks":[{}]"#, r.join(",")),
    );
    let n = doc.len();
    let rep = case("10^5 risk events", n, move || {
        let p = read(&doc).unwrap().project;
        let o = RiskOptions {
            iterations: 10,
            seed: 1,
            threads: 1,
            ..RiskOptions::default()
        };
        simulate(&p, &o, Default::default()).unwrap()
    });
    assert_eq!(rep.iterations, 10);
    assert_eq!(rep.risks.len(), 100_000);
    assert_eq!(
        (rep.finish.min.as_str(), rep.finish.max.as_str()),
        ("2026-10-28T10:40:00", "2026-10-28T10:40:00")
    );
    assert_eq!(rep.finish.std_working_days, 0.0);
}

#[test]
fn monte_carlo_iterations_times_tasks() {
    use jindu::risk::{
        simulate, CancelToken, Control, RiskOptions, MAX_CORRELATED, MAX_ROUND_BLOCKS,
    };
    let p = project(
        r#"{"id":"A","duration":"4d","estimate":{"optimistic":"3d","likely":"4d","pessimistic":"8d"}}"#,
        "",
    );
    // More than 2^40 iterations: refused.
    let q = p.clone();
    let e = case("2^40 + 1 iterations", 300, move || {
        let o = RiskOptions {
            iterations: (1 << 40) + 1,
            ..RiskOptions::default()
        };
        simulate(&q, &o, Default::default()).unwrap_err()
    });
    assert_eq!(
        (e.field(), text(&e).contains("give 1 to 2^40 iterations")),
        (Some("iterations"), true)
    );
    // The default limits refuse 2^40 iterations of one task (over 10^9 samples) before any runs.
    let q = p.clone();
    let e = case("2^40 iterations, default limits", 300, move || {
        let o = RiskOptions {
            iterations: 1 << 40,
            ..RiskOptions::default()
        };
        simulate(&q, &o, Default::default()).unwrap_err()
    });
    assert_eq!(
        limit(&e),
        ("Monte Carlo iterations × tasks", 1_000_000_000, 1 << 40)
    );
    // A host that lifts the limits: 2^40 iterations would run for days, and it stops them
    // with the cancel token, which the simulation checks every round — here the progress
    // callback cancels after the first.
    let e = case("2^40 iterations, cancelled", 300, move || {
        let token = CancelToken::default();
        let t2 = token.clone();
        let mut rounds = 0u32;
        let mut progress = |_: &jindu::risk::Progress| {
            rounds += 1;
            t2.cancel();
        };
        let o = RiskOptions {
            iterations: 1 << 40,
            threads: 1,
            limits: jindu::Limits::NONE,
            ..RiskOptions::default()
        };
        let r = simulate(
            &p,
            &o,
            Control {
                progress: Some(&mut progress),
                cancel: Some(&token),
            },
        );
        let r = r.unwrap();
        (r.iterations, r.stopped, rounds)
    });
    // One round ran: 64 blocks of 256 iterations (`MAX_ROUND_BLOCKS`), and the report says
    // it was cancelled. Before the fix a round was 2 % of 2^40 iterations (days).
    assert_eq!(e, (MAX_ROUND_BLOCKS * 256, jindu::risk::Stop::Cancelled, 1));
    // A correlation group's cost is cubic in its size: groups are capped at 500 tasks
    // (before, one group of 2,000 tasks ran for minutes on ten iterations).
    let t: Vec<String> = (0..=MAX_CORRELATED)
        .map(|k| format!(r#"{{"id":"T{k}","duration":"4d","estimate":{{"optimistic":"3d","likely":"4d","pessimistic":"8d"}}}}"#))
        .collect();
    let c: Vec<String> = (0..=MAX_CORRELATED).map(|k| format!(r#""T{k}""#)).collect();
    let e = rejects(
        "correlation of 501 tasks",
        j(
            &t.join(","),
            &format!(
                r#","correlations":[{{"tasks":[{}],"coefficient":0.5}}]"#,
                c.join(",")
            ),
        ),
    );
    assert_eq!(limit(&e), ("tasks in one correlation group", 500, 501));
}

#[test]
fn tracking_at_the_ends_of_the_calendar() {
    use jindu::track::{alerts, evm, TrackOptions};
    // A (2 days) then B (1 day) on Ana: 24 planned hours, none done.
    let p = project(
        r#"{"id":"A","duration":"2d"},{"id":"B","duration":"1d"}"#,
        r#","links":[{"from":"A","to":"B"}]"#,
    );
    let q = p.clone();
    let (late, early) = case("tracking at 9999 and 1000", 300, move || {
        let at = |s: &str| TrackOptions::at(s.parse().unwrap());
        let late = evm(&q, &Default::default(), &at("9999-12-31T23:59")).unwrap();
        let early = evm(&q, &Default::default(), &at("1000-01-01T00:00")).unwrap();
        (
            (late.project.pv, late.project.ev),
            (early.project.pv, early.project.ev),
        )
    });
    // By the last minute of 9999 all 24 hours were planned; in year 1000 none.
    assert_eq!(late, (24.0, 0.0));
    assert_eq!(early, (0.0, 0.0));
    let a = case("alerts at 9999", 300, move || {
        alerts(
            &p,
            &Default::default(),
            &TrackOptions::at("9999-12-31T23:59".parse().unwrap()),
        )
        .unwrap()
        .iter()
        .map(|a| a.code)
        .collect::<Vec<_>>()
    });
    // Nothing was done by the end of time: the schedule index has fallen below 0.9, and the
    // project buffer (15 % of the chain) is consumed.
    assert_eq!(a, ["buffer_penetration", "spi_low"]);
}

#[test]
fn budgets_in_the_request_are_limited() {
    // Work that grows with a number in the request, not with the input: `Limits` caps it
    // (levelling schedules, Monte Carlo iterations × tasks), and within the caps memory does
    // not grow with the number: 10^4 levelling schedules and 10^5 Monte Carlo iterations stay
    // within the bound of a 300-byte input.
    use jindu::level::{level, LevelOptions};
    use jindu::risk::{simulate, RiskOptions};
    let p = project(
        r#"{"id":"A","duration":"2d","estimate":{"optimistic":"1d","likely":"2d","pessimistic":"4d"}},{"id":"B","duration":"1d"}"#,
        r#","resources":[{"id":"ana"}],"assignments":[{"task":"A","resource":"ana"},{"task":"B","resource":"ana"}]"#,
    );
    let q = p.clone();
    let e = case("u64::MAX levelling schedules", 300, move || {
        let o = LevelOptions {
            schedules: u64::MAX,
            ..LevelOptions::default()
        };
        level(&[&q], &o).unwrap_err()
    });
    assert_eq!(limit(&e), ("levelling schedules", 1_000_000, u64::MAX));
    let q = p.clone();
    let e = case("10^9 iterations of two tasks", 300, move || {
        let o = RiskOptions {
            iterations: 1_000_000_000,
            ..RiskOptions::default()
        };
        simulate(&q, &o, Default::default()).unwrap_err()
    });
    assert_eq!(
        limit(&e),
        (
            "Monte Carlo iterations × tasks",
            1_000_000_000,
            2_000_000_000
        )
    );
    let q = p.clone();
    let l = case("10^4 levelling schedules", 300, move || {
        let o = LevelOptions {
            schedules: 10_000,
            ..LevelOptions::default()
        };
        level(&[&q], &o).unwrap()
    });
    // A (2 days, Mon–Tue) keeps Ana first (listed first, equal priority); B waits to Wednesday.
    assert_eq!(l.schedules_generated, 10_000);
    assert_eq!(l.projects[0].finish.0.to_string(), "2026-01-07T17:00:00");
    let r = case("10^5 iterations", 300, move || {
        let o = RiskOptions {
            iterations: 100_000,
            seed: 1,
            threads: 1,
            ..RiskOptions::default()
        };
        simulate(&p, &o, Default::default()).unwrap()
    });
    // B follows A only through levelling, which the simulation does not do: the finish is
    // A's, between Monday 17:00 (1 day) and Thursday 17:00 (4 days).
    assert_eq!(r.iterations, 100_000);
    assert!(
        r.finish.min.as_str() >= "2026-01-05T17:00:00",
        "{}",
        r.finish.min
    );
    assert!(
        r.finish.max.as_str() <= "2026-01-08T17:00:00",
        "{}",
        r.finish.max
    );
    assert!(r.finish.min < r.finish.max);
}

#[test]
fn what_if_change_sets() {
    use jindu::track::{whatif, ChangeSet, TrackOptions};
    // A change nested 10^5 arrays deep: the JSON reader's recursion limit (128), not the
    // thread's stack, ends it.
    let deep = format!(r#"{{"changes":[{}"#, "[".repeat(100_000));
    let n = deep.len();
    let e = case("change nested 10^5 deep", n, move || {
        ChangeSet::from_json(&deep).unwrap_err()
    });
    assert_eq!(
        (e.code(), json_err(&e).path.as_str()),
        (ErrorCode::Json, "changes")
    );
    assert!(
        json_err(&e).message.contains("recursion limit exceeded"),
        "{e}"
    );
    // 10^4 changes to one task, the last setting 3 days: A (1 day) then B (1 day) become
    // A's 3 days (Mon–Wed) then B on Thursday, two days later than planned.
    let mut c: Vec<String> = (0..9_999)
        .map(|k| {
            format!(
                r#"{{"op":"set_duration","task":"A","duration":"{}d"}}"#,
                k % 7 + 1
            )
        })
        .collect();
    c.push(r#"{"op":"set_duration","task":"A","duration":"3d"}"#.into());
    let text = format!(r#"{{"changes":[{}]}}"#, c.join(","));
    let n = text.len();
    let p = project(
        r#"{"id":"A","duration":"1d"},{"id":"B","duration":"1d"}"#,
        r#","links":[{"from":"A","to":"B"}]"#,
    );
    let q = p.clone();
    let w = case("10^4 changes", n, move || {
        let set = ChangeSet::from_json(&text).unwrap();
        whatif(&q, &Default::default(), &set, &TrackOptions::default()).unwrap()
    });
    assert_eq!(w.changes, 10_000);
    assert_eq!(w.finish_delta, "2d");
    // A change naming a task that does not exist.
    let set = ChangeSet::from_json(
        r#"{"changes":[{"op":"set_duration","task":"ghost","duration":"1d"}]}"#,
    )
    .unwrap();
    let e = case("change to a missing task", 100, move || {
        whatif(&p, &Default::default(), &set, &TrackOptions::default()).unwrap_err()
    });
    assert_eq!(
        (e.code(), e.task_id().map(|t| t.as_str())),
        (ErrorCode::UnknownTask, Some("ghost"))
    );
}
