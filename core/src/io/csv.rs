//! Task lists exported from spreadsheets (Excel, LibreOffice, Google Sheets, Microsoft Project's
//! "Save as CSV"): one task per row under a header row.
//!
//! ```text
//! ID,Name,Duration,Predecessors,Resources
//! 1,Design,3d,,Alice
//! 2,Build,5 days,1FS+1d,"Bob, Carol[50%]"
//! 3,Write docs,2d,1SS,Alice
//! 4,Go-live,0,"2, 3",
//! ```
//!
//! # Columns
//!
//! Headers are matched case-insensitively, ignoring spaces, `_`, `-` and `.`; the order is free
//! and every column is optional, but the header must name at least one of them.
//!
//! | column | also accepted | value |
//! |---|---|---|
//! | `id` | `#`, `no`, `number`, `task id`, `编号`, `标识号`, `序号` | the task key; without this column, tasks are numbered 1, 2, 3… in row order |
//! | `name` | `task`, `task name`, `title`, `任务名称`, `任务`, `名称` | any text |
//! | `duration` | `dur`, `工期`, `持续时间` | see *Durations*; empty is 0 (a milestone) |
//! | `predecessors` | `predecessor`, `pred`, `depends on`, `dependencies`, `前置任务`, `紧前任务` | see *Predecessors* |
//! | `start` | `start date`, `开始`, `开始时间`, `开始日期` | a start-no-earlier-than (SNET) constraint: `2026-02-02`, `2026-02-02 13:00`, `2026/2/2`, `2026年2月2日`; a date alone means 08:00 |
//! | `resources` | `resource`, `resource names`, `资源名称`, `资源` | names separated by `,` or `;`, each optionally with units: `Bob[50%]` (or `Bob[0.5]`) |
//! | `priority` | `优先级` | 0 to 1000 (default 500) |
//!
//! Other columns are reported as a
//! [`WarningCode::UnknownColumns`](crate::io::WarningCode::UnknownColumns) warning and not
//! imported.
//! Resource names create work [`Resource`]s (key and name = the name as written, capacity 100 %
//! or the largest assignment's units) and [`Assignment`]s.
//!
//! # Durations
//!
//! The core syntax ([`Duration::parse`]: `30m`, `4h`, `2d`, `1w`, `1mo`, elapsed `3ed`…), a bare
//! number of days (`2`, `1.5`), and words: `2 days`, `4 hrs`, `1 week`, `3 edays`, `2天`,
//! `2 个工作日`, `4小时`, `1周`. Microsoft Project's estimate mark (`5 days?`) is ignored.
//!
//! # Predecessors
//!
//! A list separated by `,` or `;` (or `，`/`；`): `3FS+2d, 5SS, 7, 4FF-1d, 2SF+50%`.
//! Each entry is a task id, an optional link type (`FS`, the default, `SS`, `FF`, `SF`) and an
//! optional signed lag in any duration form above or as a percentage of the predecessor's
//! duration: `3FS+2 days` (Microsoft Project's own form), `3 FS + 2d`, `3+2`.
//! Ids may be any text; when an id itself contains `+`, `-` or ends in a link type, the entry is
//! read the way that names an existing task. A known id followed by one or two letters that
//! are no link type (`2XS+1d`, `2 FX`) is an error naming the type, not an unknown predecessor.
//!
//! # The file
//!
//! UTF-8 with or without a byte-order mark, or UTF-16 with one (Excel's "Unicode text").
//! The field separator is `,`, `;` or a tab, whichever the header row uses most (outside quotes).
//! Fields follow RFC 4180: a field in double quotes may hold separators, line breaks and doubled
//! quotes (`""`). Line endings may be `\n`, `\r\n` or `\r`; blank rows are skipped.
//!
//! # Errors
//!
//! Reading is all or nothing: the first bad value is an [`Error::Import`] naming the line and
//! column (1-based), the column's header and the value, and nothing is imported. Duplicate ids,
//! unknown predecessors, self-links and repeated predecessors are errors naming the line; their
//! [`ImportError::cause`] is the core error ([`Error::DuplicateTask`], [`Error::UnknownTask`],
//! [`Error::SelfLink`], [`Error::DuplicateLink`]). Dependency cycles are found when the project
//! is scheduled. Reading never panics, whatever the bytes.
//!
//! ```
//! use jindu::io::csv;
//! let text = "编号,任务名称,工期,前置任务\n1,设计,3天,\n2,施工,5d,1FS+1d\n";
//! let import = csv::read(text)?;
//! let p = &import.project;
//! assert_eq!(p.tasks()[0].name, "设计");
//! assert_eq!(p.links()[0].lag.display(p.settings()).to_string(), "1d");
//! assert!(import.warnings.iter().any(|w| w.code == jindu::io::WarningCode::DefaultStart));
//!
//! let e = csv::read("id,predecessors\n1,\n2,9\n").unwrap_err();
//! assert_eq!(e.to_string(), "csv line 3, column 2 (predecessors): \"9\": unknown predecessor `9`");
//! # Ok::<(), jindu::Error>(())
//! ```

use std::borrow::Cow;
use std::collections::HashMap;

use crate::error::{Error, ImportError, Item, Result};
use crate::id::{ResourceId, TaskId, TaskIndex};
use crate::io::{Format, Import, ImportWarning};
use crate::model::{Assignment, Constraint, Lag, Link, LinkType, Project, Resource, Task};
use crate::time::{parse_clock, Date, DateTime, Duration, DurationSettings};
use crate::Limits;

/// The longest field accepted, in bytes.
pub const MAX_FIELD_BYTES: usize = 65_536;

/// The most fields accepted in one row.
pub const MAX_FIELDS: usize = 1_024;

/// The project start used when neither [`CsvOptions::start`] nor any Start cell gives one:
/// Monday 2026-01-05 08:00. The import then carries a
/// [`WarningCode::DefaultStart`](crate::io::WarningCode::DefaultStart) warning.
pub fn default_start() -> DateTime {
    DateTime::from_parts(2026, 1, 5, 8, 0).unwrap_or(DateTime::MIN)
}

/// Options for [`read_with`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvOptions {
    /// The project name (default `"Imported tasks"`).
    pub name: String,
    /// The project start; `None` takes the earliest Start cell, or else [`default_start`].
    pub start: Option<DateTime>,
    /// The input's size and the project's counts (default [`Limits::DEFAULT`]).
    pub limits: Limits,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            name: "Imported tasks".to_owned(),
            start: None,
            limits: Limits::DEFAULT,
        }
    }
}

/// Reads a task list with default options; see the [module documentation](self).
///
/// Takes text or raw bytes (`&str`, `&[u8]`, `Vec<u8>`, …), so it can be fed a file's contents
/// as they are.
pub fn read(input: impl AsRef<[u8]>) -> Result<Import> {
    read_with(input, &CsvOptions::default())
}

/// Reads a task list; see the [module documentation](self).
pub fn read_with(input: impl AsRef<[u8]>, options: &CsvOptions) -> Result<Import> {
    read_ticked(input.as_ref(), options, &mut crate::io::Ticker::none())
}

/// [`read_with`] with a progress callback and a cancel token, as
/// [`io::read_with`](crate::io::read_with).
pub fn read_with_control(
    input: impl AsRef<[u8]>,
    options: &CsvOptions,
    mut control: crate::control::Control<'_, crate::io::Progress>,
) -> Result<Import> {
    let input = input.as_ref();
    crate::io::controlled(input.len(), &mut control, |tick| {
        read_ticked(input, options, tick)
    })
}

/// [`read_with`] reporting the rows read to `tick`.
pub(crate) fn read_ticked(
    input: &[u8],
    options: &CsvOptions,
    tick: &mut crate::io::Ticker<'_, '_>,
) -> Result<Import> {
    options.limits.check_input(input.len())?;
    let text = decode(input)?;
    let imp = Reader::default().run(&text, options, tick)?;
    options.limits.check_project(&imp.project)?;
    Ok(imp)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    Name,
    Duration,
    Predecessors,
    Start,
    Resources,
    Priority,
}

/// Whether `header` names a column this reader knows (as a header row would; see the
/// [module documentation](self)).
pub(crate) fn is_known_header(header: &str) -> bool {
    column_kind(header).is_some()
}

fn column_kind(header: &str) -> Option<Col> {
    let key: String = header
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '\u{3000}'))
        .flat_map(char::to_lowercase)
        .collect();
    Some(match key.as_str() {
        "id" | "#" | "no" | "number" | "taskid" | "编号" | "标识号" | "序号" | "任务编号" => {
            Col::Id
        }
        "name" | "task" | "taskname" | "title" | "任务名称" | "任务" | "名称" | "任务名" => {
            Col::Name
        }
        "duration" | "dur" | "工期" | "持续时间" => Col::Duration,
        "predecessors" | "predecessor" | "pred" | "preds" | "dependson" | "dependencies"
        | "前置任务" | "紧前任务" | "前置" => Col::Predecessors,
        "start" | "startdate" | "开始" | "开始时间" | "开始日期" => Col::Start,
        "resources" | "resource" | "resourcenames" | "resourcename" | "资源名称" | "资源" => {
            Col::Resources
        }
        "priority" | "优先级" => Col::Priority,
        _ => return None,
    })
}

/// Turns the input into text: strips a UTF-8 byte-order mark, decodes UTF-16 with a mark.
fn decode(b: &[u8]) -> Result<Cow<'_, str>> {
    if let Some(rest) = b.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest);
    }
    let le = b.starts_with(b"\xFF\xFE");
    if le || b.starts_with(b"\xFE\xFF") {
        let body = &b[2..];
        if body.len() % 2 != 0 {
            return Err(file_error("the UTF-16 file has an odd number of bytes"));
        }
        let units = body.chunks_exact(2).map(|c| {
            let pair = [c[0], c[1]];
            if le {
                u16::from_le_bytes(pair)
            } else {
                u16::from_be_bytes(pair)
            }
        });
        let mut s = String::with_capacity(body.len() / 2);
        let mut line = 1;
        for c in char::decode_utf16(units) {
            match c {
                Ok(c) => {
                    if c == '\n' {
                        line += 1;
                    }
                    s.push(c);
                }
                Err(_) => {
                    return Err(import_error(
                        line,
                        0,
                        None,
                        None,
                        "invalid UTF-16 (an unpaired surrogate)",
                    ))
                }
            }
        }
        return Ok(Cow::Owned(s));
    }
    utf8(b)
}

fn utf8(b: &[u8]) -> Result<Cow<'_, str>> {
    match std::str::from_utf8(b) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) => {
            let at = e.valid_up_to();
            let line = 1 + b[..at].iter().filter(|&&c| c == b'\n').count();
            Err(import_error(
                line,
                0,
                None,
                None,
                &format!(
                    "invalid UTF-8 at byte {at}: save the file as UTF-8 (in Excel: \"CSV UTF-8\")"
                ),
            ))
        }
    }
}

fn import_error(
    line: usize,
    column: usize,
    header: Option<&str>,
    value: Option<&str>,
    message: &str,
) -> Error {
    Error::Import(Box::new(ImportError {
        format: "csv",
        line,
        column,
        header: header.map(str::to_owned),
        value: value.map(|v| v.chars().take(200).collect()),
        message: message.to_owned(),
        cause: None,
    }))
}

fn file_error(message: &str) -> Error {
    import_error(0, 0, None, None, message)
}

/// One field of a row, with the line it starts on.
#[derive(Debug)]
struct Field {
    text: String,
    line: usize,
}

/// One row, with the line it starts on.
#[derive(Debug)]
struct Row {
    line: usize,
    fields: Vec<Field>,
}

/// Picks the separator the header row uses most: `,`, `;` or tab (`,` on a tie or none).
pub(crate) fn detect_separator(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &c in text.as_bytes() {
        match c {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let seps = [b',', b';', b'\t'];
    let mut best = 0;
    for k in 1..3 {
        if counts[k] > counts[best] {
            best = k;
        }
    }
    seps[best]
}

/// Splits text into rows of fields (RFC 4180 quoting).
///
/// `header` names the columns for error messages once the first row is known.
fn split_rows(text: &str, sep: u8, tick: &mut crate::io::Ticker<'_, '_>) -> Result<Vec<Row>> {
    let b = text.as_bytes();
    let n = b.len();
    let mut rows: Vec<Row> = Vec::new();
    let mut fields: Vec<Field> = Vec::new();
    let mut row_line = 1;
    let mut line = 1;
    let mut i = 0;
    let header_name = |rows: &[Row], col: usize| -> Option<String> {
        rows.first()
            .and_then(|r| r.fields.get(col - 1))
            .map(|f| f.text.trim().to_owned())
    };
    loop {
        let field_line = line;
        let col = fields.len() + 1;
        let mut val = String::new();
        // A quoted field may follow leading blanks.
        let mut j = i;
        while j < n && (b[j] == b' ' || (b[j] == b'\t' && sep != b'\t')) {
            j += 1;
        }
        if j < n && b[j] == b'"' {
            i = j + 1;
            let mut seg = i;
            loop {
                if i >= n {
                    return Err(import_error(
                        field_line,
                        col,
                        header_name(&rows, col).as_deref(),
                        None,
                        "a quoted field is not closed: add the closing double quote",
                    ));
                }
                match b[i] {
                    b'"' => {
                        val.push_str(&text[seg..i]);
                        if i + 1 < n && b[i + 1] == b'"' {
                            val.push('"');
                            i += 2;
                            seg = i;
                        } else {
                            i += 1;
                            break;
                        }
                    }
                    b'\n' => {
                        line += 1;
                        i += 1;
                    }
                    b'\r' => {
                        if i + 1 >= n || b[i + 1] != b'\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                    _ => i += 1,
                }
                if val.len() + (i - seg) > MAX_FIELD_BYTES {
                    return Err(too_long(field_line, col, header_name(&rows, col)));
                }
            }
            while i < n && (b[i] == b' ' || (b[i] == b'\t' && sep != b'\t')) {
                i += 1;
            }
            if i < n && b[i] != sep && b[i] != b'\n' && b[i] != b'\r' {
                let end = text[i..]
                    .char_indices()
                    .find(|&(k, c)| k >= 40 || c == sep as char || c == '\n' || c == '\r')
                    .map_or(text.len(), |(k, _)| i + k);
                return Err(import_error(
                    line,
                    col,
                    header_name(&rows, col).as_deref(),
                    Some(&text[i..end]),
                    "text after a closing double quote: quote the whole field and double the \
                     quotes inside it (\"\")",
                ));
            }
        } else {
            let s = i;
            while i < n && b[i] != sep && b[i] != b'\n' && b[i] != b'\r' {
                i += 1;
            }
            if i - s > MAX_FIELD_BYTES {
                return Err(too_long(field_line, col, header_name(&rows, col)));
            }
            val.push_str(&text[s..i]);
        }
        if fields.len() >= MAX_FIELDS {
            return Err(Error::Import(Box::new(ImportError {
                format: "csv",
                line: row_line,
                column: col,
                header: None,
                value: None,
                message: format!("a row may have at most {MAX_FIELDS} fields"),
                cause: Some(Error::Limit {
                    what: "fields in one row",
                    limit: MAX_FIELDS as u64,
                    actual: col as u64,
                }),
            })));
        }
        fields.push(Field {
            text: val,
            line: field_line,
        });
        if i >= n {
            rows.push(Row {
                line: row_line,
                fields,
            });
            break;
        }
        if b[i] == sep {
            i += 1;
            continue;
        }
        // End of the row.
        if b[i] == b'\r' && i + 1 < n && b[i + 1] == b'\n' {
            i += 1;
        }
        i += 1;
        line += 1;
        rows.push(Row {
            line: row_line,
            fields: std::mem::take(&mut fields),
        });
        tick.at(i, n)?;
        row_line = line;
        if i >= n {
            break;
        }
    }
    Ok(rows)
}

fn too_long(line: usize, col: usize, header: Option<String>) -> Error {
    Error::Import(Box::new(ImportError {
        format: "csv",
        line,
        column: col,
        header,
        value: None,
        message: format!("the field is longer than {MAX_FIELD_BYTES} bytes"),
        cause: Some(Error::Limit {
            what: "bytes in one field",
            limit: MAX_FIELD_BYTES as u64,
            actual: MAX_FIELD_BYTES as u64 + 1,
        }),
    }))
}

/// Maps a duration in any accepted form to the core syntax (`"2 days"` → `"2d"`).
fn duration_text(s: &str) -> Option<String> {
    let t = s.trim();
    let t = t.strip_suffix(['?', '？']).unwrap_or(t).trim_end();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | '+' | '-')))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    if num.is_empty() {
        return None;
    }
    let unit: String = unit
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let core = match unit.as_str() {
        "" | "d" | "day" | "days" | "dy" | "dys" | "天" | "日" | "工作日" | "个工作日" => {
            "d"
        }
        "m" | "min" | "mins" | "minute" | "minutes" | "分钟" | "分" => "m",
        "h" | "hr" | "hrs" | "hour" | "hours" | "小时" | "个小时" | "工时" | "时" => "h",
        "w" | "wk" | "wks" | "week" | "weeks" | "周" | "星期" | "个星期" | "个周" => "w",
        "mo" | "mon" | "mons" | "month" | "months" | "月" | "个月" => "mo",
        "em" | "emin" | "emins" | "eminute" | "eminutes" => "em",
        "eh" | "ehr" | "ehrs" | "ehour" | "ehours" => "eh",
        "ed" | "eday" | "edays" | "edy" | "edys" | "日历天" => "ed",
        "ew" | "ewk" | "ewks" | "eweek" | "eweeks" => "ew",
        "emo" | "emon" | "emons" | "emonth" | "emonths" => "emo",
        _ => return None,
    };
    Some(format!("{num}{core}"))
}

/// Parses a duration cell (see the module documentation).
fn parse_duration(s: &str, settings: &DurationSettings) -> Option<Duration> {
    let t = duration_text(s)?;
    Duration::parse(&t, settings).ok()
}

/// Parses a lag: a signed duration in any accepted form, or a percentage.
fn parse_lag(s: &str, settings: &DurationSettings) -> Option<Lag> {
    let t = s.trim();
    let (neg, body) = match t.as_bytes().first()? {
        b'+' => (false, &t[1..]),
        b'-' => (true, &t[1..]),
        _ => (false, t),
    };
    let body = body.trim();
    if body.starts_with(['+', '-']) {
        return None;
    }
    let sign = if neg { "-" } else { "" };
    if let Some(p) = body.strip_suffix('%') {
        return Lag::parse(&format!("{sign}{}%", p.trim()), settings).ok();
    }
    let d = duration_text(body)?;
    Lag::parse(&format!("{sign}{d}"), settings).ok()
}

/// Parses a Start cell: ISO date-time, or a date (`-`, `/`, `.` or 年月日) with an optional time.
fn parse_start(s: &str, default_minute: u32) -> Option<DateTime> {
    let t = s.trim();
    if let Ok(d) = t.parse::<DateTime>() {
        return Some(d);
    }
    let (date, time) = match t.find(|c: char| c == 'T' || c.is_whitespace()) {
        Some(k) => (&t[..k], t[k..].trim_start_matches('T').trim()),
        None => (t, ""),
    };
    let date = date.trim_end_matches('日');
    let parts: Vec<&str> = date.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts[..] else {
        return None;
    };
    let num = |s: &str, max_len: usize| -> Option<u32> {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if y.len() != 4 {
        return None;
    }
    let date = Date::from_ymd(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?)?;
    let minute = if time.is_empty() {
        default_minute
    } else {
        let time = if time.len() == 4 || time.len() == 7 {
            Cow::Owned(format!("0{time}"))
        } else {
            Cow::Borrowed(time)
        };
        parse_clock(&time).filter(|&m| m < 1440)?
    };
    Some(date.at(minute))
}

/// Splits a list cell at `,`, `;`, `，` or `；`, dropping empty entries.
fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split([',', ';', '，', '；'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
}

/// Strips a trailing link type (`FS`, `SS`, `FF`, `SF`, any case) from `head`.
fn strip_type(head: &str) -> (&str, Option<LinkType>) {
    let h = head.trim();
    if h.len() > 2 {
        if let (Some(id), Some(code)) = (h.get(..h.len() - 2), h.get(h.len() - 2..)) {
            if let Ok(k) = code.parse::<LinkType>() {
                return (id.trim_end(), Some(k));
            }
        }
    }
    (h, None)
}

/// What a predecessor entry says.
enum Pred<'a> {
    Ok(TaskIndex, LinkType, Lag),
    Unknown(&'a str),
    BadLag(&'a str),
    /// A known task's id followed by letters that are no link type (`2XS+1d`): the id and
    /// the letters.
    BadType(&'a str, &'a str),
}

/// `head` as a known task's id followed by one or two letters that are not a link type
/// (`2XS`, `T-1 FX`): the id and the letters. The id must end in something other than a
/// letter, or be set apart by a space, so that an unknown id of letters (`AXS` beside a task
/// `A`) stays an unknown predecessor.
fn bad_type<'a>(head: &'a str, p: &Project) -> Option<(&'a str, &'a str)> {
    let h = head.trim();
    let letters = h.bytes().rev().take_while(u8::is_ascii_alphabetic).count();
    if !(1..=2).contains(&letters) || letters == h.len() {
        return None;
    }
    let (id, code) = h.split_at(h.len() - letters);
    let spaced = id.ends_with(char::is_whitespace);
    let id = id.trim_end();
    let apart = spaced || id.chars().last().is_some_and(|c| !c.is_alphabetic());
    (apart && p.index_of(id).is_some()).then_some((id, code))
}

fn parse_pred<'a>(entry: &'a str, p: &Project) -> Pred<'a> {
    let s = p.settings();
    if let Some(i) = p.index_of(entry) {
        return Pred::Ok(i, LinkType::FinishToStart, Lag::ZERO);
    }
    if let (id, Some(k)) = strip_type(entry) {
        if let Some(i) = p.index_of(id) {
            return Pred::Ok(i, k, Lag::ZERO);
        }
    }
    let signs: Vec<usize> = entry
        .char_indices()
        .filter(|&(k, c)| k > 0 && (c == '+' || c == '-'))
        .map(|(k, _)| k)
        .collect();
    for &k in &signs {
        let (head, lag) = entry.split_at(k);
        let (id, kind) = strip_type(head);
        let Some(i) = p.index_of(id).or_else(|| p.index_of(head.trim())) else {
            continue;
        };
        let kind = if p.index_of(id).is_some() {
            kind.unwrap_or_default()
        } else {
            LinkType::FinishToStart
        };
        if let Some(l) = parse_lag(lag, s) {
            return Pred::Ok(i, kind, l);
        }
    }
    // Nothing fits: blame the id if the natural reading's id is unknown, else the lag.
    let head = signs.first().map_or(entry, |&k| &entry[..k]);
    let (id, _) = strip_type(head);
    if p.index_of(id).is_none() && p.index_of(head.trim()).is_none() {
        let mut heads = signs.iter().map(|&k| &entry[..k]).chain([entry]);
        if let Some((id, code)) = heads.find_map(|h| bad_type(h, p)) {
            return Pred::BadType(id, code);
        }
        return Pred::Unknown(id);
    }
    Pred::BadLag(signs.first().map_or(entry, |&k| &entry[k..]))
}

/// A resource mention: name and units in percent.
fn parse_resource(entry: &str) -> Option<(&str, u32)> {
    let Some(open) = entry.find('[') else {
        return Some((entry, 100));
    };
    let name = entry[..open].trim();
    let inner = entry[open + 1..].trim_end().strip_suffix(']')?.trim();
    if name.is_empty() {
        return None;
    }
    let units = match inner.strip_suffix('%') {
        Some(p) => crate::time::scaled_decimal(p.trim(), 1)?,
        None => crate::time::scaled_decimal(inner, 100)?,
    };
    (1..=1_000_000)
        .contains(&units)
        .then_some((name, units as u32))
}

#[derive(Default)]
struct Reader {
    headers: Vec<String>,
}

/// Deferred cells of one row, read once every id is known.
struct Pending {
    task: TaskIndex,
    preds: Option<(usize, usize, String)>,
    resources: Option<(usize, usize, String)>,
}

impl Reader {
    fn header(&self, col: usize) -> Option<&str> {
        self.headers.get(col.checked_sub(1)?).map(String::as_str)
    }

    fn cell_error(&self, line: usize, col: usize, value: &str, message: &str) -> Error {
        import_error(line, col, self.header(col), Some(value), message)
    }

    fn caused(&self, line: usize, col: usize, value: &str, message: &str, cause: Error) -> Error {
        let mut e = self.cell_error(line, col, value, message);
        if let Error::Import(i) = &mut e {
            i.cause = Some(cause);
        }
        e
    }

    fn run(
        mut self,
        text: &str,
        options: &CsvOptions,
        tick: &mut crate::io::Ticker<'_, '_>,
    ) -> Result<Import> {
        let sep = detect_separator(text);
        let rows = split_rows(text, sep, tick)?;
        let mut rows = rows.into_iter();
        let header = rows
            .next()
            .filter(|r| r.fields.iter().any(|f| !f.text.trim().is_empty()))
            .ok_or_else(|| file_error("the file is empty: expected a header row"))?;
        self.headers = header
            .fields
            .iter()
            .map(|f| f.text.trim().to_owned())
            .collect();
        let mut cols: Vec<Option<Col>> = Vec::with_capacity(self.headers.len());
        let mut unknown = Vec::new();
        for (k, h) in self.headers.iter().enumerate() {
            let c = column_kind(h);
            if let Some(c) = c {
                if let Some(first) = cols.iter().position(|&x| x == Some(c)) {
                    return Err(self.cell_error(
                        header.line,
                        k + 1,
                        h,
                        &format!(
                            "the same column as column {} ({})",
                            first + 1,
                            self.headers[first]
                        ),
                    ));
                }
            } else if !h.is_empty() {
                unknown.push((k + 1, h.clone()));
            }
            cols.push(c);
        }
        if cols.iter().all(Option::is_none) {
            return Err(import_error(
                header.line,
                0,
                None,
                None,
                "no known column in the header row: name at least one of id, name, duration, \
                 predecessors, start, resources, priority",
            ));
        }
        let col_of = |c: Col| cols.iter().position(|&x| x == Some(c)).map(|k| k + 1);
        let id_col = col_of(Col::Id);

        // First pass: tasks.
        let mut project = Project::new(
            options.name.clone(),
            options.start.unwrap_or(default_start()),
        );
        let settings = *project.settings();
        let (start_minute, _) = project.default_times();
        let mut earliest: Option<DateTime> = None;
        let mut first_line: HashMap<TaskId, usize> = HashMap::new();
        let mut pending: Vec<(usize, Pending)> = Vec::new();
        let mut number = 0usize;
        // Columns without a header: reported (like unknown ones) when a row uses them.
        let mut blank_used: Vec<bool> = self.headers.iter().map(|_| false).collect();
        for row in rows {
            if row.fields.iter().all(|f| f.text.trim().is_empty()) {
                continue;
            }
            number += 1;
            for (k, used) in blank_used.iter_mut().enumerate() {
                if !*used && self.headers[k].is_empty() {
                    *used = row.fields.get(k).is_some_and(|f| !f.text.trim().is_empty());
                }
            }
            if let Some((k, f)) = row
                .fields
                .iter()
                .enumerate()
                .skip(cols.len())
                .find(|(_, f)| !f.text.trim().is_empty())
            {
                return Err(import_error(
                    f.line,
                    k + 1,
                    None,
                    Some(f.text.trim()),
                    &format!(
                        "this row has more fields than the header ({}); quote fields that \
                         contain the separator",
                        cols.len()
                    ),
                ));
            }
            let cell = |c: Option<usize>| -> Option<(usize, usize, &str)> {
                let c = c?;
                let f = row.fields.get(c - 1)?;
                let t = f.text.trim();
                (!t.is_empty()).then_some((f.line, c, t))
            };
            let id = match id_col {
                Some(c) => match cell(Some(c)) {
                    Some((_, _, t)) => t.to_owned(),
                    None => {
                        return Err(self.cell_error(
                            row.line,
                            c,
                            "",
                            "empty id: every task needs one",
                        ))
                    }
                },
                None => number.to_string(),
            };
            let id = TaskId::from(id.as_str());
            if let Some(&prev) = first_line.get(&id) {
                let (l, c) = id_col.map_or((row.line, 0), |c| {
                    (row.fields.get(c - 1).map_or(row.line, |f| f.line), c)
                });
                return Err(self.caused(
                    l,
                    c,
                    id.as_str(),
                    &format!("duplicate id: line {prev} has the same id"),
                    Error::DuplicateTask(id.clone()),
                ));
            }
            let mut task = Task::new(id.clone(), "");
            if let Some((_, _, t)) = cell(col_of(Col::Name)) {
                task.name = t.to_owned();
            }
            if let Some((l, c, t)) = cell(col_of(Col::Duration)) {
                let d = parse_duration(t, &settings).ok_or_else(|| {
                    self.cell_error(
                        l,
                        c,
                        t,
                        "invalid duration: expected e.g. 3d, 4h, 2ed, 2 days, 2天 or a number of days",
                    )
                })?;
                if d.minutes() < 0 {
                    return Err(self.cell_error(l, c, t, "durations cannot be negative"));
                }
                task.duration = d;
            }
            if let Some((l, c, t)) = cell(col_of(Col::Start)) {
                let d = parse_start(t, start_minute as u32).ok_or_else(|| {
                    self.cell_error(
                        l,
                        c,
                        t,
                        "invalid start: expected YYYY-MM-DD, optionally with a time HH:MM",
                    )
                })?;
                earliest = Some(earliest.map_or(d, |e| e.min(d)));
                task.constraint = Constraint::StartNoEarlierThan(d);
            }
            if let Some((l, c, t)) = cell(col_of(Col::Priority)) {
                task.priority = t
                    .parse::<u16>()
                    .ok()
                    .filter(|&p| p <= 1000)
                    .ok_or_else(|| {
                        self.cell_error(
                            l,
                            c,
                            t,
                            "invalid priority: expected a whole number 0 to 1000",
                        )
                    })?;
            }
            let i = project.add_task(task).map_err(|e| {
                // Name the cell the core complains about when it is one of ours.
                let col = match e.field() {
                    Some("duration") => col_of(Col::Duration),
                    Some("priority") => col_of(Col::Priority),
                    Some("id") => id_col,
                    _ => None,
                };
                match cell(col) {
                    Some((l, c, t)) => self.caused(l, c, t, &e.to_string(), e.clone()),
                    None => self.caused(row.line, 0, id.as_str(), &e.to_string(), e.clone()),
                }
            })?;
            first_line.insert(id, row.line);
            let own = |c: Option<usize>| cell(c).map(|(l, c, t)| (l, c, t.to_owned()));
            pending.push((
                row.line,
                Pending {
                    task: i,
                    preds: own(col_of(Col::Predecessors)),
                    resources: own(col_of(Col::Resources)),
                },
            ));
        }

        // Second pass: links, then resources and assignments.
        for (_, pd) in &pending {
            let Some((l, c, text)) = &pd.preds else {
                continue;
            };
            let (l, c) = (*l, *c);
            let me = project.task(pd.task).id.clone();
            let mut seen: Vec<TaskIndex> = Vec::new();
            for entry in list(text) {
                let (from, kind, lag) = match parse_pred(entry, &project) {
                    Pred::Ok(i, k, lag) => (i, k, lag),
                    Pred::Unknown(id) => {
                        return Err(self.caused(
                            l,
                            c,
                            entry,
                            &format!("unknown predecessor `{id}`"),
                            Error::UnknownTask {
                                id: TaskId::from(id),
                                by: Item::Task(me.clone()),
                            },
                        ))
                    }
                    Pred::BadType(id, code) => {
                        return Err(self.cell_error(
                            l,
                            c,
                            entry,
                            &format!(
                                "invalid link type `{code}` after predecessor `{id}`: expected \
                                 FS, SS, FF or SF (e.g. {id}FS+1d)"
                            ),
                        ))
                    }
                    Pred::BadLag(lag) => {
                        return Err(self.cell_error(
                            l,
                            c,
                            entry,
                            &format!(
                                "invalid lag {lag:?}: expected e.g. 3FS+2d, 4FF-1d, 2SF+50%, \
                                 3FS+2 days"
                            ),
                        ))
                    }
                };
                if from == pd.task {
                    return Err(self.caused(
                        l,
                        c,
                        entry,
                        "a task cannot be its own predecessor",
                        Error::SelfLink(me.clone()),
                    ));
                }
                if seen.contains(&from) {
                    let f = project.task(from).id.clone();
                    return Err(self.caused(
                        l,
                        c,
                        entry,
                        &format!("predecessor `{f}` is listed twice"),
                        Error::DuplicateLink {
                            from: f,
                            to: me.clone(),
                        },
                    ));
                }
                seen.push(from);
                project
                    .add_link(Link::new(from, pd.task, kind).with_lag(lag))
                    .map_err(|e| self.caused(l, c, entry, &e.to_string(), e.clone()))?;
            }
        }

        let mut resources: Vec<Resource> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        let mut assignments: Vec<(usize, usize, usize, String, Assignment)> = Vec::new();
        for (_, pd) in &pending {
            let Some((l, c, text)) = &pd.resources else {
                continue;
            };
            let (l, c) = (*l, *c);
            let mut mine: Vec<usize> = Vec::new();
            for entry in list(text) {
                let (name, units) = parse_resource(entry).ok_or_else(|| {
                    self.cell_error(
                        l,
                        c,
                        entry,
                        "invalid resource: expected a name, optionally with units like Bob[50%]",
                    )
                })?;
                let r = match by_name.get(name) {
                    Some(&r) => r,
                    None => {
                        by_name.insert(name.to_owned(), resources.len());
                        resources.push(Resource {
                            id: ResourceId::from(name),
                            name: name.to_owned(),
                            max_units: 100,
                            ..Resource::default()
                        });
                        resources.len() - 1
                    }
                };
                if mine.contains(&r) {
                    return Err(self.cell_error(
                        l,
                        c,
                        entry,
                        &format!("resource `{name}` is listed twice"),
                    ));
                }
                mine.push(r);
                resources[r].max_units = resources[r].max_units.max(units);
                assignments.push((
                    l,
                    c,
                    r,
                    entry.to_owned(),
                    Assignment {
                        task: pd.task,
                        resource: crate::id::ResourceIndex::from_raw(r as u32),
                        units,
                        work: None,
                        actual_work: None,
                        cost: None,
                    },
                ));
            }
        }
        for r in resources {
            project
                .add_resource(r)
                .map_err(|e| file_error(&e.to_string()))?;
        }
        for (l, c, _, entry, a) in assignments {
            project
                .add_new_assignment(a)
                .map_err(|e| self.caused(l, c, &entry, &e.to_string(), e.clone()))?;
        }

        for (k, _) in blank_used.iter().enumerate().filter(|&(_, &u)| u) {
            unknown.push((k + 1, String::new()));
        }
        unknown.sort();
        let mut warnings = Vec::new();
        if !unknown.is_empty() {
            warnings.push(ImportWarning::unknown_columns(unknown));
        }
        if options.start.is_none() {
            match earliest {
                Some(e) => project.set_schedule_from(crate::model::ScheduleFrom::Start(e)),
                None => warnings.push(ImportWarning::default_start(default_start())),
            }
        }
        let mut imp = Import::new(Format::Csv, project);
        imp.warnings = warnings;
        Ok(imp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s() -> DurationSettings {
        DurationSettings::default()
    }

    #[test]
    fn durations_in_words() {
        let d = |x: &str| parse_duration(x, &s());
        assert_eq!(d("2"), Some(Duration::days(2)));
        assert_eq!(d("1.5"), Some(Duration::hours(12)));
        assert_eq!(d("2 days"), Some(Duration::days(2)));
        assert_eq!(d("5 days?"), Some(Duration::days(5)));
        assert_eq!(d("2天"), Some(Duration::days(2)));
        assert_eq!(d("2 个工作日"), Some(Duration::days(2)));
        assert_eq!(d("4小时"), Some(Duration::hours(4)));
        assert_eq!(d("3 edays"), Some(Duration::elapsed_days(3)));
        assert_eq!(d("3ed"), Some(Duration::elapsed_days(3)));
        assert_eq!(d("1 wk"), Some(Duration::weeks(1)));
        assert_eq!(d("two"), None);
        assert_eq!(d("2 fortnights"), None);
        assert_eq!(d("d"), None);
    }

    #[test]
    fn lags() {
        let l = |x: &str| parse_lag(x, &s());
        assert_eq!(l("+2d"), Some(Lag::Time(Duration::days(2))));
        assert_eq!(l("+2 days"), Some(Lag::Time(Duration::days(2))));
        assert_eq!(l("- 1 day"), Some(Lag::Time(Duration::days(-1))));
        assert_eq!(l("+50%"), Some(Lag::Percent(5000)));
        assert_eq!(l("+2"), Some(Lag::Time(Duration::days(2))));
        assert_eq!(l("+-2"), None);
        assert_eq!(l("+x"), None);
    }

    #[test]
    fn starts() {
        let p = |x: &str| parse_start(x, 480).map(|d| d.to_string());
        assert_eq!(p("2026-02-02").as_deref(), Some("2026-02-02T08:00:00"));
        assert_eq!(p("2026/2/2 9:30").as_deref(), Some("2026-02-02T09:30:00"));
        assert_eq!(p("2026年2月2日").as_deref(), Some("2026-02-02T08:00:00"));
        assert_eq!(
            p("2026-02-02T13:00").as_deref(),
            Some("2026-02-02T13:00:00")
        );
        assert_eq!(p("2/2/2026"), None);
        assert_eq!(p("2026-02-30"), None);
        assert_eq!(p("2026-02-02 25:00"), None);
    }

    #[test]
    fn separators_and_quotes() {
        assert_eq!(detect_separator("a;b;\"c,d,e\"\n1,2,3"), b';');
        assert_eq!(detect_separator("a,b\n"), b',');
        assert_eq!(detect_separator("a\tb\n"), b'\t');
        let rows = split_rows(
            "a,\"b,\"\"c\"\"\nd\"\r\n1,2\n",
            b',',
            &mut crate::io::Ticker::none(),
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].fields[1].text, "b,\"c\"\nd");
        assert_eq!(rows[1].line, 3);
        assert!(split_rows("a,\"b", b',', &mut crate::io::Ticker::none()).is_err());
        assert!(split_rows("a,\"b\"x", b',', &mut crate::io::Ticker::none()).is_err());
    }

    #[test]
    fn predecessor_entries() {
        let mut p = Project::new("p", default_start());
        for id in ["1", "T-1", "PASS", "A"] {
            p.add_task(Task::new(id, "")).unwrap();
        }
        let ok = |e: &str| match parse_pred(e, &p) {
            Pred::Ok(i, k, l) => Some((p.task(i).id.to_string(), k.code(), l)),
            _ => None,
        };
        assert_eq!(ok("T-1"), Some(("T-1".into(), "FS", Lag::ZERO)));
        assert_eq!(
            ok("T-1SS-1d"),
            Some(("T-1".into(), "SS", Lag::Time(Duration::days(-1))))
        );
        assert_eq!(ok("PASS"), Some(("PASS".into(), "FS", Lag::ZERO)));
        assert_eq!(ok("PASSSF"), Some(("PASS".into(), "SF", Lag::ZERO)));
        assert_eq!(
            ok("1 FS + 2 days"),
            Some(("1".into(), "FS", Lag::Time(Duration::days(2))))
        );
        assert!(matches!(parse_pred("9FS", &p), Pred::Unknown("9")));
        assert!(matches!(parse_pred("1FS+x", &p), Pred::BadLag("+x")));
        // A known id, then letters that are no link type: the type is what is wrong.
        assert!(matches!(parse_pred("1XS+1d", &p), Pred::BadType("1", "XS")));
        assert!(matches!(parse_pred("1X", &p), Pred::BadType("1", "X")));
        assert!(matches!(
            parse_pred("T-1 FX-2d", &p),
            Pred::BadType("T-1", "FX")
        ));
        // Letters glued to an id of letters read as one unknown id; so do three letters.
        assert!(matches!(parse_pred("AXS", &p), Pred::Unknown("AXS")));
        assert!(matches!(parse_pred("A XS", &p), Pred::BadType("A", "XS")));
        assert!(matches!(parse_pred("1XYZ", &p), Pred::Unknown("1XYZ")));
        assert!(matches!(parse_pred("9XS", &p), Pred::Unknown("9XS")));
    }

    #[test]
    fn a_bad_link_type_names_the_cell_and_the_type() {
        let e = read("id,duration,predecessors\n2,1d,\n3,2d,2XS+1d\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "csv line 3, column 3 (predecessors): \"2XS+1d\": invalid link type `XS` after \
             predecessor `2`: expected FS, SS, FF or SF (e.g. 2FS+1d)"
        );
    }
}
