//! Microsoft Project XML (MSPDI): import and export.
//!
//! [`read`] turns an MSPDI document (the XML Microsoft Project saves with *Save As → XML*) into an
//! [`Import`]: the project with the options it asks for, the schedule Microsoft Project stored in
//! it ([`Import::stored`]) and [`ImportWarning`]s for everything the import could not carry over.
//! [`write()`] writes a project and its computed schedule back as MSPDI.
//! [`io::read`](crate::io::read) reads MSPDI too, telling it from other formats by its content.
//!
//! ```
//! let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
//! <Project xmlns="http://schemas.microsoft.com/project">
//!   <StartDate>2026-01-05T08:00:00</StartDate>
//!   <Tasks>
//!     <Task><UID>1</UID><ID>1</ID><Name>Design</Name><Duration>PT24H0M0S</Duration></Task>
//!     <Task><UID>2</UID><ID>2</ID><Name>Build</Name><Duration>PT16H0M0S</Duration>
//!       <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type>
//!         <LinkLag>4800</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
//!   </Tasks>
//! </Project>"#;
//! let imp = jindu::io::mspdi::read(xml)?;
//! let s = jindu::schedule(&imp.project, &imp.options)?;
//! // 3 days, a 1-day lag, 2 days: Friday 2026-01-09 17:00.
//! assert_eq!(s.project_finish.to_string(), "2026-01-12T17:00:00");
//! let back = jindu::io::mspdi::write(&imp.project, &s);
//! assert!(back.contains("<LinkLag>4800</LinkLag>"));
//! # Ok::<(), jindu::Error>(())
//! ```
//!
//! # What is imported
//!
//! * **Project:** `Name`/`Title`, `StartDate`, `FinishDate` with `ScheduleFromStart=0` (scheduled
//!   from the finish), `CalendarUID`, `MinutesPerDay`, `MinutesPerWeek`, `DaysPerMonth`,
//!   `DefaultStartTime`, `DefaultFinishTime`, `StatusDate`, `HonorConstraints`,
//!   `CriticalSlackLimit` (days).
//! * **Calendars:** weekdays with working times, `DayType 0` exceptions (`TimePeriod`),
//!   `Exceptions` (one-off and recurring, see below), `WorkWeeks` (expanded to dated exceptions
//!   on the days no exception covers), base calendars and resource calendars. Key: the calendar
//!   `UID`.
//!
//! **Recurring calendar exceptions** are expanded to their dates as Microsoft Project does (and
//! as it writes them, expanded, in the older `DayType 0` form). `Type`: 1 and 7 daily (every
//! `Period` days; a one-off range is type 1), 6 weekly (the `DaysOfWeek` bits, 1 = Sunday …
//! 64 = Saturday, in every `Period`-th week, weeks starting on Sunday and counted from the week
//! holding `FromDate`), 4 monthly on day `MonthDay` and 5 monthly on a position (every `Period`-th
//! month), 2 yearly on `MonthDay` of `Month` and 3 yearly on a position (`Month` 0 = January).
//! A position is `MonthPosition` (0 first … 3 fourth, 4 last) of `MonthItem` (0 day, 1 weekday,
//! 2 weekend day, 3 Sunday … 9 Saturday); a `MonthDay` past the month's end means its last day.
//! Occurrences before `FromDate` are skipped; the series ends at `ToDate`, or, without one,
//! after `Occurrences`. Working time: `DayWorking` with `WorkingTimes`. An exception is expanded
//! over at most 100 years and a calendar's exceptions to at most 100 000 dates (with a warning
//! when that cuts some off). Where two exceptions share days (Project lets recurring ones
//! coincide), the one starting first keeps them; a clash of different working times is warned.
//! * **Tasks:** key = `UID` (as a string). `OutlineLevel` builds the summary tree; the project
//!   summary task (UID 0 / outline level 0), blank rows (`IsNull`) and inactive tasks are left
//!   out. `Duration` (`PT..H..M..S`) with `DurationFormat` (elapsed formats give elapsed
//!   durations), `Milestone`, `ConstraintType`/`ConstraintDate`, `Deadline`, `Priority`,
//!   `CalendarUID`, `Manual` (a manually scheduled task is pinned at its `Start`/`Finish`),
//!   `PercentComplete`, `ActualStart`, `ActualFinish`, `Baseline`s.
//! * **Links** (`PredecessorLink`): `Type` 0 = FF, 1 = FS, 2 = SF, 3 = SS; `LinkLag` in tenths of
//!   a minute, or in percent when `LagFormat` is 19 or 20; elapsed `LagFormat`s give elapsed lags.
//! * **Resources and assignments:** `Type`, `MaxUnits`, `CalendarUID`; `Units`, `Work`.
//!
//! **Resource calendars.** Microsoft Project schedules a task that has work resources on the
//! resources' calendars unless the task has its own calendar (or `IgnoreResourceCalendar` is
//! set). The core has one calendar per task, so the import gives such a task the calendar of
//! its work resources when they all share one. When they differ, Project schedules each
//! assignment on its own calendar and the task spans them, its duration being the working time
//! of that span on the union of the calendars; the import gives the task a calendar that is
//! that union (weekdays and dated exceptions, resolved through base calendars; named after its
//! parts, e.g. `Standard + Night Shift`) and warns that this approximates per-assignment
//! scheduling. When a task calendar and a resource calendar would have to be intersected, the
//! task keeps its own calendar and an [`ImportWarning`] says so.
//!
//! Everything else that changes the schedule and is not modelled — split tasks, contoured or
//! delayed assignments, external links, inactive tasks,
//! milestones with a duration, and so on — is reported as an [`ImportWarning`] naming the
//! element and how many times it occurred; nothing is dropped silently.
//!
//! # Safety of the reader
//!
//! The reader never expands DTDs or entities (a `<!DOCTYPE>` is an error; only the five
//! predefined entities and character references are decoded), limits the input size
//! ([`MAX_BYTES`]) and element nesting ([`MAX_DEPTH`]), and turns invalid UTF-8, truncated
//! documents and bad values into [`Error::Xml`] with the element, the task UID where known,
//! and the line and column. It does not panic on any input.

#[cfg(doc)]
use crate::io::ImportWarning;

use std::collections::HashMap;
use std::fmt::Write as _;

use quick_xml::events::Event;

use crate::calendar::{Calendar, CalendarException, WorkCalendar, WorkingTime, STANDARD};
use crate::error::{Error, Item, Result, XmlError};
use crate::id::{CalendarId, ResourceId, TaskId, TaskIndex};
use crate::io::{Format, Import, StoredTask, WarningCode, Warnings};
use crate::model::{
    Assignment, Baseline, Constraint, Lag, Link, LinkType, Pin, Progress, Project, Resource,
    ResourceKind, ScheduleFrom, Task,
};
use crate::time::{Date, DateTime, Duration, DurationSettings, Weekday};
use crate::{Criticality, Schedule, ScheduleOptions};

/// The largest document [`read`] accepts, in bytes (256 MiB).
pub const MAX_BYTES: usize = 256 << 20;
/// The deepest element nesting [`read`] accepts (MSPDI needs 7).
pub const MAX_DEPTH: usize = 64;
/// The most elements [`read`] accepts in one document.
pub const MAX_ELEMENTS: usize = 20_000_000;

// ------------------------------------------------------------------------------------------
// The XML tree.

/// One element: its local name, text, children and byte offset.
#[derive(Debug, Default)]
struct El {
    name: String,
    text: String,
    children: Vec<El>,
    pos: usize,
}

impl El {
    fn child(&self, name: &str) -> Option<&El> {
        self.children.iter().find(|c| c.name == name)
    }
    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    /// The trimmed text of child `name`, if present and non-empty.
    fn get(&self, name: &str) -> Option<&str> {
        self.child(name)
            .map(|c| c.text.trim())
            .filter(|t| !t.is_empty())
    }
}

/// Line and column (1-based, columns in characters) of byte offset `pos`.
fn line_col(bytes: &[u8], pos: usize) -> (usize, usize) {
    let pos = pos.min(bytes.len());
    let before = &bytes[..pos];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |k| k + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

fn xml_err(bytes: &[u8], pos: usize, element: &str, message: impl Into<String>) -> Error {
    let (line, column) = line_col(bytes, pos);
    Error::Xml(Box::new(XmlError {
        item: None,
        element: element.to_owned(),
        line,
        column,
        message: message.into(),
    }))
}

fn parse_tree(bytes: &[u8]) -> Result<El> {
    if bytes.len() > MAX_BYTES {
        return Err(Error::Limit {
            what: "MSPDI document size in bytes",
            limit: MAX_BYTES as u64,
            actual: bytes.len() as u64,
        });
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let off = bytes.len() - body.len();
    if let Err(e) = std::str::from_utf8(body) {
        return Err(xml_err(
            bytes,
            off + e.valid_up_to(),
            "",
            "the document is not valid UTF-8 (MSPDI files are UTF-8)",
        ));
    }
    let mut r = quick_xml::Reader::from_reader(body);
    r.config_mut().check_end_names = true;
    let mut stack: Vec<El> = vec![El::default()];
    let mut count = 0usize;
    let path = |stack: &[El]| {
        stack[1..]
            .iter()
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>()
            .join("/")
    };
    loop {
        let at = off + r.buffer_position() as usize;
        let ev = match r.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let pos = off + r.error_position() as usize;
                return Err(xml_err(
                    bytes,
                    pos,
                    &path(&stack),
                    format!("malformed XML: {e}"),
                ));
            }
        };
        let open = |e: &quick_xml::events::BytesStart<'_>| El {
            name: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
            pos: at,
            ..El::default()
        };
        match ev {
            Event::Start(e) => {
                count += 1;
                if stack.len() > MAX_DEPTH {
                    return Err(Error::Limit {
                        what: "XML element nesting depth",
                        limit: MAX_DEPTH as u64,
                        actual: stack.len() as u64,
                    });
                }
                stack.push(open(&e));
            }
            Event::Empty(e) => {
                count += 1;
                let el = open(&e);
                if let Some(top) = stack.last_mut() {
                    top.children.push(el);
                }
            }
            Event::End(_) => {
                let el = stack.pop().unwrap_or_default();
                match stack.last_mut() {
                    Some(top) => top.children.push(el),
                    None => return Err(xml_err(bytes, at, "", "unbalanced end tag")),
                }
            }
            Event::Text(t) => {
                let s = t
                    .decode()
                    .map_err(|e| xml_err(bytes, at, &path(&stack), format!("bad text: {e}")))?;
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&s);
                }
            }
            Event::CData(t) => {
                let s = t
                    .decode()
                    .map_err(|e| xml_err(bytes, at, &path(&stack), format!("bad CDATA: {e}")))?;
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&s);
                }
            }
            Event::GeneralRef(g) => {
                let c = match g.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => match g.as_ref() {
                        b"lt" => '<',
                        b"gt" => '>',
                        b"amp" => '&',
                        b"apos" => '\'',
                        b"quot" => '"',
                        other => {
                            return Err(xml_err(
                                bytes,
                                at,
                                &path(&stack),
                                format!(
                                    "undefined entity &{};: only the predefined XML entities are \
                                     read (DTD entities are never expanded)",
                                    String::from_utf8_lossy(other)
                                ),
                            ))
                        }
                    },
                    Err(e) => {
                        return Err(xml_err(
                            bytes,
                            at,
                            &path(&stack),
                            format!("bad character reference: {e}"),
                        ))
                    }
                };
                if let Some(top) = stack.last_mut() {
                    top.text.push(c);
                }
            }
            Event::DocType(_) => {
                return Err(xml_err(
                    bytes,
                    at,
                    "",
                    "a <!DOCTYPE> is not allowed in MSPDI (DTDs are never read or expanded)",
                ))
            }
            Event::Decl(d) => {
                if let Some(Ok(enc)) = d.encoding() {
                    let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
                    if enc != "utf-8" && enc != "utf8" && enc != "us-ascii" && enc != "ascii" {
                        return Err(xml_err(
                            bytes,
                            at,
                            "",
                            format!("encoding {enc:?} is not supported: save the file as UTF-8"),
                        ));
                    }
                }
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
        if count > MAX_ELEMENTS {
            return Err(Error::Limit {
                what: "XML elements in one document",
                limit: MAX_ELEMENTS as u64,
                actual: count as u64,
            });
        }
    }
    if stack.len() > 1 {
        return Err(xml_err(
            bytes,
            bytes.len(),
            &path(&stack),
            "the document ends before this element is closed (truncated file?)",
        ));
    }
    let mut root = stack.pop().unwrap_or_default();
    let Some(k) = root.children.iter().position(|c| c.name == "Project") else {
        let pos = root.children.first().map_or(0, |c| c.pos);
        return Err(xml_err(
            bytes,
            pos,
            "",
            "not an MSPDI document: the root element must be <Project>",
        ));
    };
    Ok(root.children.swap_remove(k))
}

// ------------------------------------------------------------------------------------------
// Values.

/// Context for value errors: the document, the item, the element path prefix.
struct Ctx<'a> {
    bytes: &'a [u8],
}

impl Ctx<'_> {
    fn err(&self, el: &El, item: Option<Item>, path: &str, msg: impl Into<String>) -> Error {
        let (line, column) = line_col(self.bytes, el.pos);
        Error::Xml(Box::new(XmlError {
            item,
            element: path.to_owned(),
            line,
            column,
            message: msg.into(),
        }))
    }

    /// Child `name` of `el` parsed with `f`; a present but unparsable value is an error.
    fn val<T>(
        &self,
        el: &El,
        name: &str,
        item: &Option<Item>,
        what: &str,
        f: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>> {
        let Some(c) = el.child(name) else {
            return Ok(None);
        };
        let t = c.text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        match f(t) {
            Some(v) => Ok(Some(v)),
            None => Err(self.err(
                c,
                item.clone(),
                &format!("{}/{name}", el.name),
                format!(
                    "invalid {what} {:?}",
                    t.chars().take(80).collect::<String>()
                ),
            )),
        }
    }

    fn int(&self, el: &El, name: &str, item: &Option<Item>) -> Result<Option<i64>> {
        self.val(el, name, item, "integer", |t| t.parse::<i64>().ok())
    }

    fn num(&self, el: &El, name: &str, item: &Option<Item>) -> Result<Option<f64>> {
        self.val(el, name, item, "number", |t| {
            t.parse::<f64>().ok().filter(|v| v.is_finite())
        })
    }

    fn flag(&self, el: &El, name: &str, item: &Option<Item>) -> Result<bool> {
        Ok(self
            .val(el, name, item, "flag (0 or 1)", |t| match t {
                "1" | "true" => Some(true),
                "0" | "false" => Some(false),
                _ => None,
            })?
            .unwrap_or(false))
    }

    fn date(&self, el: &El, name: &str, item: &Option<Item>) -> Result<Option<DateTime>> {
        self.val(el, name, item, "date-time", parse_datetime)
    }

    fn duration(&self, el: &El, name: &str, item: &Option<Item>) -> Result<Option<i64>> {
        self.val(el, name, item, "duration (PTnHnMnS)", parse_iso_minutes)
    }
}

/// Parses `YYYY-MM-DDTHH:MM:SS` (seconds and fractions are dropped).
fn parse_datetime(s: &str) -> Option<DateTime> {
    let b = s.as_bytes();
    if b.len() < 16 || !s.is_char_boundary(16) {
        return None;
    }
    let rest = &s[16..];
    if !(rest.is_empty() || rest.starts_with(':')) {
        return None;
    }
    s[..16].parse().ok()
}

/// Parses an ISO 8601 duration (`PT8H0M0S`, `P2DT4H`, `-PT30M`) into whole minutes (rounded).
fn parse_iso_minutes(s: &str) -> Option<i64> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let s = s.strip_prefix('P')?;
    let mut secs = 0f64;
    let mut in_time = false;
    let mut num = String::new();
    let mut any = false;
    for c in s.chars() {
        match c {
            'T' if !in_time && num.is_empty() => in_time = true,
            '0'..='9' | '.' => num.push(c),
            _ => {
                let v: f64 = num.parse().ok()?;
                num.clear();
                any = true;
                let unit = match (c, in_time) {
                    ('Y', false) => 365.0 * 86400.0,
                    ('M', false) => 30.0 * 86400.0,
                    ('W', false) => 7.0 * 86400.0,
                    ('D', false) => 86400.0,
                    ('H', true) => 3600.0,
                    ('M', true) => 60.0,
                    ('S', true) => 1.0,
                    _ => return None,
                };
                secs += v * unit;
            }
        }
    }
    if !num.is_empty() || !any || !secs.is_finite() || secs > 1e13 {
        return None;
    }
    let m = (secs / 60.0).round() as i64;
    Some(if neg { -m } else { m })
}

/// Writes minutes as `PTnHnMnS`.
fn iso_minutes(m: i64) -> String {
    let sign = if m < 0 { "-" } else { "" };
    let a = m.unsigned_abs();
    format!("{sign}PT{}H{}M0S", a / 60, a % 60)
}

/// Whether a `DurationFormat` / `LagFormat` code is an elapsed unit.
fn elapsed_format(code: i64) -> bool {
    matches!(code, 4 | 6 | 8 | 10 | 12 | 20 | 36 | 38 | 40 | 42 | 44 | 52)
}

/// Whether a `LagFormat` code is a percentage.
fn percent_format(code: i64) -> bool {
    matches!(code, 19 | 20 | 51 | 52)
}

fn parse_time_of_day(s: &str) -> Option<u16> {
    let mut it = s.split(':');
    let h: u16 = it.next()?.trim().parse().ok()?;
    let m: u16 = it.next()?.trim().parse().ok()?;
    if let Some(sec) = it.next() {
        let sec: f64 = sec.trim().parse().ok()?;
        if sec != 0.0 {
            return None;
        }
    }
    (h <= 24 && m < 60 && h * 60 + m <= 1440).then_some(h * 60 + m)
}

// ------------------------------------------------------------------------------------------
// Reading.

/// Reads an MSPDI document from bytes (UTF-8 XML).
///
/// This is the entry point for arbitrary input (fuzzing): it returns an error, never panics.
/// The import maps UIDs to keys: a task's key is its `UID` as a string, and likewise for
/// calendars and resources.
pub fn read(bytes: &[u8]) -> Result<Import> {
    let root = parse_tree(bytes)?;
    let cx = Ctx { bytes };
    let mut w = Warnings::default();
    let proj = Some(Item::Project);

    // Project header.
    let name = root
        .get("Name")
        .or_else(|| root.get("Title"))
        .unwrap_or("")
        .to_owned();
    let start = cx.date(&root, "StartDate", &proj)?;
    let finish = cx.date(&root, "FinishDate", &proj)?;
    let from_start = cx.int(&root, "ScheduleFromStart", &proj)?.unwrap_or(1) != 0;
    let mut p = if from_start {
        let s = start.ok_or_else(|| {
            cx.err(
                &root,
                proj.clone(),
                "Project/StartDate",
                "the project needs a <StartDate>",
            )
        })?;
        Project::new(name, s)
    } else {
        let f = finish.ok_or_else(|| {
            cx.err(
                &root,
                proj.clone(),
                "Project/FinishDate",
                "a project scheduled from its finish (ScheduleFromStart 0) needs a <FinishDate>",
            )
        })?;
        Project::new_from_finish(name, f)
    };
    let mut settings = DurationSettings::default();
    let positive =
        |v: Option<i64>, dflt: i64, max: i64| v.filter(|&v| v > 0 && v <= max).unwrap_or(dflt);
    settings.minutes_per_day = positive(cx.int(&root, "MinutesPerDay", &proj)?, 480, 1440);
    settings.minutes_per_week = positive(cx.int(&root, "MinutesPerWeek", &proj)?, 2400, 7 * 1440);
    settings.days_per_month = positive(cx.int(&root, "DaysPerMonth", &proj)?, 20, 31);
    p.set_settings(settings)?;
    let clock = |n: &str, dflt: u16| -> Result<u16> {
        Ok(cx
            .val(&root, n, &proj, "time of day (HH:MM:SS)", parse_time_of_day)?
            .filter(|&m| m < 1440)
            .unwrap_or(dflt))
    };
    let (ds, df) = (
        clock("DefaultStartTime", 480)?,
        clock("DefaultFinishTime", 1020)?,
    );
    p.set_default_times(ds, df.max(1))?;
    p.set_status_date(cx.date(&root, "StatusDate", &proj)?);
    let mut options = ScheduleOptions::default();
    if let Some(h) = cx.int(&root, "HonorConstraints", &proj)? {
        options.honor_constraints = h != 0;
    }
    if let Some(days) = cx.num(&root, "CriticalSlackLimit", &proj)? {
        let m = (days * settings.minutes_per_day as f64).round();
        if m.abs() < 1e12 {
            options.critical = Criticality::TotalFloat(Duration::minutes_work(m as i64));
        }
    }

    // Calendars.
    let mut cal_ids: Vec<String> = Vec::new();
    if let Some(cals) = root.child("Calendars") {
        for c in cals.all("Calendar") {
            let cal = read_calendar(&cx, c, &mut w)?;
            if cal_ids.contains(&cal.id.to_string()) {
                w.add(
                    WarningCode::LeftOut,
                    "Calendar",
                    None,
                    "a second calendar with the same UID was left out",
                );
                continue;
            }
            cal_ids.push(cal.id.to_string());
            p.add_calendar(cal)?;
        }
        // Drop bases that are not defined (they would be errors at scheduling time).
        let known: Vec<String> = cal_ids.clone();
        let fixed: Vec<Calendar> = p
            .calendars()
            .iter()
            .filter(|c| {
                c.base
                    .as_ref()
                    .is_some_and(|b| !known.contains(&b.to_string()))
            })
            .cloned()
            .collect();
        if !fixed.is_empty() {
            return Err(Error::UnknownCalendar {
                id: fixed[0].base.clone().unwrap_or_default(),
                by: Item::Calendar(fixed[0].id.clone()),
            });
        }
    }
    let has_cal = |id: &str| cal_ids.iter().any(|c| c == id);
    if let Some(uid) = cx.int(&root, "CalendarUID", &proj)? {
        let id = uid.to_string();
        if has_cal(&id) {
            p.set_calendar(CalendarId::new(id))?;
        } else if uid >= 0 {
            w.add(
                WarningCode::Defaulted,
                "Project/CalendarUID",
                None,
                "the project calendar is not defined; the standard calendar is used",
            );
        }
    }

    // Resources.
    let mut res_cal: HashMap<String, (Option<CalendarId>, ResourceKind)> = HashMap::new();
    if let Some(rs) = root.child("Resources") {
        for r in rs.all("Resource") {
            let item = None;
            let Some(uid) = cx.int(r, "UID", &item)? else {
                continue;
            };
            let id = uid.to_string();
            let ritem = Some(Item::Resource(ResourceId::new(id.clone())));
            let name = r.get("Name").unwrap_or("").to_owned();
            if cx.flag(r, "IsNull", &ritem)? || (uid == 0 && name.is_empty()) {
                continue;
            }
            let kind = match cx.int(r, "Type", &ritem)? {
                Some(0) => ResourceKind::Material,
                Some(2) => ResourceKind::Cost,
                _ => ResourceKind::Work,
            };
            let max_units = cx
                .num(r, "MaxUnits", &ritem)?
                .map(|u| (u * 100.0).round().clamp(0.0, 1e9) as u32)
                .unwrap_or(100);
            let calendar = cx
                .int(r, "CalendarUID", &ritem)?
                .map(|c| c.to_string())
                .filter(|c| has_cal(c))
                .map(CalendarId::new);
            if p.resource_index(&id).is_some() {
                w.add(
                    WarningCode::LeftOut,
                    "Resource",
                    None,
                    "a second resource with the same UID was left out",
                );
                continue;
            }
            res_cal.insert(id.clone(), (calendar.clone(), kind));
            p.add_resource(Resource {
                id: ResourceId::new(id),
                name,
                kind,
                max_units,
                calendar,
            })?;
        }
    }

    // Tasks.
    struct Pending {
        idx: TaskIndex,
        uid: String,
        manual: bool,
        has_own_calendar: bool,
        ignore_resource_calendar: bool,
    }
    let mut pending: Vec<Pending> = Vec::new();
    let mut stored = Vec::new();
    let mut levels: Vec<(i64, TaskIndex)> = Vec::new();
    let mut links: Vec<(String, &El)> = Vec::new();
    let mut skipped: Vec<String> = Vec::new();
    let mut task_els: Vec<&El> = match root.child("Tasks") {
        Some(ts) => ts.all("Task").collect(),
        None => Vec::new(),
    };
    // Tasks are listed in ID order by Project; sort to be sure (stable, by ID).
    let ids: Vec<Option<i64>> = task_els
        .iter()
        .map(|t| t.get("ID").and_then(|v| v.parse().ok()))
        .collect();
    if ids
        .windows(2)
        .any(|w| matches!(w, [Some(a), Some(b)] if a > b))
    {
        let mut k: Vec<(Option<i64>, &El)> = ids.into_iter().zip(task_els).collect();
        k.sort_by_key(|(id, _)| id.unwrap_or(i64::MAX));
        task_els = k.into_iter().map(|(_, e)| e).collect();
    }
    for t in task_els {
        let Some(uid) = cx.int(t, "UID", &None)? else {
            return Err(cx.err(t, None, "Task/UID", "a task without a <UID>"));
        };
        let id = uid.to_string();
        let item = Some(Item::Task(TaskId::new(id.clone())));
        let level = cx.int(t, "OutlineLevel", &item)?;
        if uid == 0 || level == Some(0) {
            continue; // the project summary task
        }
        let name = t.get("Name").unwrap_or("").to_owned();
        let is_null = cx.flag(t, "IsNull", &item)?;
        if is_null || (name.is_empty() && t.get("Duration").is_none() && t.get("Start").is_none()) {
            skipped.push(id);
            continue;
        }
        if !cx
            .val(t, "Active", &item, "flag", |v| Some(v != "0"))?
            .unwrap_or(true)
        {
            w.add(
                WarningCode::LeftOut,
                "Task/Active",
                Some(&id),
                "inactive task left out (it does not take part in the schedule)",
            );
            skipped.push(id);
            continue;
        }
        let level = level.unwrap_or(1).max(1);
        while levels.last().is_some_and(|&(l, _)| l >= level) {
            levels.pop();
        }
        let parent = levels.last().map(|&(_, i)| i);

        let fmt = cx.int(t, "DurationFormat", &item)?.unwrap_or(7);
        let mins = cx.duration(t, "Duration", &item)?.unwrap_or(0);
        if mins < 0 {
            return Err(cx.err(
                t.child("Duration").unwrap_or(t),
                item,
                "Task/Duration",
                "a negative duration",
            ));
        }
        let mut duration = if elapsed_format(fmt) {
            Duration::elapsed_minutes(mins)
        } else {
            Duration::minutes_work(mins)
        };
        let summary_flag = cx.flag(t, "Summary", &item)?;
        let mut milestone = cx.flag(t, "Milestone", &item)?;
        if milestone && mins > 0 {
            w.add(
                WarningCode::Approximated,
                "Task/Milestone",
                Some(&id),
                "a milestone with a duration is scheduled as a normal task",
            );
            milestone = false;
        }
        if summary_flag {
            duration = Duration::ZERO;
            milestone = false;
        }
        let manual = cx.flag(t, "Manual", &item)?;
        let cons_date = cx.date(t, "ConstraintDate", &item)?;
        let ctype = cx
            .int(t, "ConstraintType", &item)?
            .unwrap_or(if from_start { 0 } else { 1 });
        let code = match ctype {
            0 => "ASAP",
            1 => "ALAP",
            2 => "MSO",
            3 => "MFO",
            4 => "SNET",
            5 => "SNLT",
            6 => "FNET",
            7 => "FNLT",
            _ => {
                return Err(cx.err(
                    t.child("ConstraintType").unwrap_or(t),
                    item,
                    "Task/ConstraintType",
                    format!("unknown constraint type {ctype}: expected 0 to 7"),
                ))
            }
        };
        let constraint = if ctype <= 1 {
            Constraint::from_code(code, None)?
        } else {
            match cons_date {
                Some(d) => Constraint::from_code(code, Some(d))?,
                None => {
                    w.add(
                        WarningCode::Defaulted,
                        "Task/ConstraintDate",
                        Some(&id),
                        "a dated constraint without a date is read as as soon as possible",
                    );
                    Constraint::AsSoonAsPossible
                }
            }
        };
        let calendar = match cx.int(t, "CalendarUID", &item)? {
            Some(c) if c >= 0 => {
                let c = c.to_string();
                if has_cal(&c) {
                    Some(CalendarId::new(c))
                } else {
                    w.add(
                        WarningCode::Defaulted,
                        "Task/CalendarUID",
                        Some(&id),
                        "the task calendar is not defined; the project calendar is used",
                    );
                    None
                }
            }
            _ => None,
        };
        let priority = cx.int(t, "Priority", &item)?.unwrap_or(500).clamp(0, 1000) as u16;
        let start = cx.date(t, "Start", &item)?;
        let finish = cx.date(t, "Finish", &item)?;
        let pinned = if manual && !summary_flag {
            match start {
                Some(s) => Some(Pin {
                    start: s,
                    finish: finish.filter(|&f| f >= s),
                }),
                None => {
                    w.add(
                        WarningCode::Defaulted,
                        "Task/Manual",
                        Some(&id),
                        "a manually scheduled task without a <Start> is scheduled automatically",
                    );
                    None
                }
            }
        } else {
            if manual {
                w.add(
                    WarningCode::Approximated,
                    "Task/Manual",
                    Some(&id),
                    "a manually scheduled summary task is rolled up from its subtasks",
                );
            }
            None
        };
        let pct = cx.num(t, "PercentComplete", &item)?.unwrap_or(0.0);
        let actual_start = cx.date(t, "ActualStart", &item)?;
        let mut actual_finish = cx.date(t, "ActualFinish", &item)?;
        if actual_start.is_none() && actual_finish.is_some() {
            actual_finish = None;
            w.add(
                WarningCode::LeftOut,
                "Task/ActualFinish",
                Some(&id),
                "an actual finish without an actual start is ignored",
            );
        }
        if let (Some(s), Some(f)) = (actual_start, actual_finish) {
            if f < s {
                actual_finish = None;
                w.add(
                    WarningCode::LeftOut,
                    "Task/ActualFinish",
                    Some(&id),
                    "an actual finish before the actual start is ignored",
                );
            }
        }
        let mut baselines = Vec::new();
        for b in t.all("Baseline") {
            let n = cx.int(b, "Number", &item)?.unwrap_or(0);
            if !(0..=10).contains(&n) {
                continue;
            }
            baselines.push(Baseline {
                number: n as u8,
                start: cx.date(b, "Start", &item)?,
                finish: cx.date(b, "Finish", &item)?,
                duration: cx.duration(b, "Duration", &item)?.map(|m| {
                    if elapsed_format(
                        cx.int(b, "DurationFormat", &item)
                            .ok()
                            .flatten()
                            .unwrap_or(7),
                    ) {
                        Duration::elapsed_minutes(m)
                    } else {
                        Duration::minutes_work(m)
                    }
                }),
            });
        }
        // Elements that change Project's schedule and are not modelled.
        if cx.flag(t, "Recurring", &item)? && !summary_flag {
            w.add(
                WarningCode::Approximated,
                "Task/Recurring",
                Some(&id),
                "recurring task: its occurrences are imported as ordinary tasks",
            );
        }
        if cx.int(t, "LevelingDelay", &item)?.unwrap_or(0) != 0 {
            w.add(
                WarningCode::LeftOut,
                "Task/LevelingDelay",
                Some(&id),
                "levelling delay is ignored",
            );
        }
        if t.child("ExternalTask")
            .is_some_and(|e| e.text.trim() == "1")
            || t.child("IsSubproject")
                .is_some_and(|e| e.text.trim() == "1")
        {
            w.add(
                WarningCode::Approximated,
                "Task/ExternalTask",
                Some(&id),
                "an external task or inserted project is imported as an ordinary task",
            );
        }
        let ignore_resource_calendar = cx.flag(t, "IgnoreResourceCalendar", &item)?;
        let task = Task {
            id: TaskId::new(id.clone()),
            name,
            duration,
            milestone,
            parent,
            calendar: calendar.clone(),
            constraint,
            deadline: cx.date(t, "Deadline", &item)?,
            priority,
            pinned,
            progress: Progress {
                percent_complete: pct.round().clamp(0.0, 100.0) as u8,
                actual_start,
                actual_finish,
            },
            baselines,
        };
        let idx = match p.add_task(task) {
            Ok(i) => i,
            Err(Error::DuplicateTask(_)) => {
                return Err(cx.err(t, item, "Task/UID", "a second task with the same UID"))
            }
            Err(e) => return Err(e),
        };
        levels.push((level, idx));
        stored.push(StoredTask {
            id: TaskId::new(id.clone()),
            start,
            finish,
            early_start: cx.date(t, "EarlyStart", &item)?,
            early_finish: cx.date(t, "EarlyFinish", &item)?,
            late_start: cx.date(t, "LateStart", &item)?,
            late_finish: cx.date(t, "LateFinish", &item)?,
            total_slack: cx
                .num(t, "TotalSlack", &item)?
                .map(|v| (v / 10.0).round() as i64),
            free_slack: cx
                .num(t, "FreeSlack", &item)?
                .map(|v| (v / 10.0).round() as i64),
            critical: t.get("Critical").map(|c| c == "1" || c == "true"),
        });
        for l in t.all("PredecessorLink") {
            links.push((id.clone(), l));
        }
        pending.push(Pending {
            idx,
            uid: id,
            manual,
            has_own_calendar: calendar.is_some(),
            ignore_resource_calendar,
        });
    }

    // Links.
    let mut seen_pairs: HashMap<(TaskIndex, TaskIndex), ()> = HashMap::new();
    for (succ, l) in links {
        let item = Some(Item::Task(TaskId::new(succ.clone())));
        if cx.flag(l, "CrossProject", &item)? {
            w.add(
                WarningCode::LeftOut,
                "PredecessorLink/CrossProject",
                Some(&succ),
                "a link to another project is left out",
            );
            continue;
        }
        let Some(pred) = cx.int(l, "PredecessorUID", &item)? else {
            return Err(cx.err(
                l,
                item,
                "PredecessorLink/PredecessorUID",
                "a link without a <PredecessorUID>",
            ));
        };
        let pred = pred.to_string();
        let (Some(from), Some(to)) = (p.index_of(&pred), p.index_of(&succ)) else {
            let why = if skipped.contains(&pred) {
                "a link from a blank or inactive task is left out"
            } else {
                "a link from an unknown task is left out"
            };
            w.add(WarningCode::LeftOut, "PredecessorLink", Some(&succ), why);
            continue;
        };
        if from == to || seen_pairs.insert((from, to), ()).is_some() {
            w.add(
                WarningCode::LeftOut,
                "PredecessorLink",
                Some(&succ),
                "a duplicate or self link is left out",
            );
            continue;
        }
        let kind = match cx.int(l, "Type", &item)?.unwrap_or(1) {
            0 => LinkType::FinishToFinish,
            1 => LinkType::FinishToStart,
            2 => LinkType::StartToFinish,
            3 => LinkType::StartToStart,
            k => {
                return Err(cx.err(
                    l,
                    item,
                    "PredecessorLink/Type",
                    format!("unknown link type {k}: expected 0 (FF), 1 (FS), 2 (SF) or 3 (SS)"),
                ))
            }
        };
        let raw = cx.int(l, "LinkLag", &item)?.unwrap_or(0);
        let fmt = cx.int(l, "LagFormat", &item)?.unwrap_or(7);
        if raw.abs() > 1i64 << 40 {
            return Err(cx.err(l, item, "PredecessorLink/LinkLag", "lag out of range"));
        }
        let lag = if percent_format(fmt) {
            if fmt == 20 || fmt == 52 {
                w.add(
                    WarningCode::Approximated,
                    "PredecessorLink/LagFormat",
                    Some(&succ),
                    "an elapsed percent lag is read as a percent of the predecessor's duration",
                );
            }
            Lag::Percent((raw * 100).clamp(-1_000_000_000, 1_000_000_000) as i32)
        } else {
            // Tenths of a minute, rounded to whole minutes.
            let m = (raw as f64 / 10.0).round() as i64;
            if elapsed_format(fmt) {
                Lag::Time(Duration::elapsed_minutes(m))
            } else {
                Lag::Time(Duration::minutes_work(m))
            }
        };
        p.add_link(Link {
            from,
            to,
            kind,
            lag,
        })?;
    }

    // Assignments.
    let mut task_res: HashMap<TaskIndex, Vec<Option<CalendarId>>> = HashMap::new();
    if let Some(asg) = root.child("Assignments") {
        for a in asg.all("Assignment") {
            let Some(tuid) = cx.int(a, "TaskUID", &None)? else {
                continue;
            };
            let Some(ruid) = cx.int(a, "ResourceUID", &None)? else {
                continue;
            };
            let (tid, rid) = (tuid.to_string(), ruid.to_string());
            let item = Some(Item::Assignment {
                task: TaskId::new(tid.clone()),
                resource: ResourceId::new(rid.clone()),
            });
            let (Some(task), Some(resource)) = (p.index_of(&tid), p.resource_index(&rid)) else {
                continue; // unassigned placeholder (-65535), the project summary, blank rows
            };
            let units = cx
                .num(a, "Units", &item)?
                .map(|u| (u * 100.0).round().clamp(0.0, 1e9) as u32)
                .unwrap_or(100);
            let work = cx.duration(a, "Work", &item)?.map(Duration::minutes_work);
            if a.child("WorkContour").is_some_and(|c| c.text.trim() != "0") {
                w.add(
                    WarningCode::LeftOut,
                    "Assignment/WorkContour",
                    Some(&tid),
                    "work contours are not modelled; the task keeps its stored duration",
                );
            }
            if cx.int(a, "Delay", &item)?.unwrap_or(0) != 0
                || cx.int(a, "LevelingDelay", &item)?.unwrap_or(0) != 0
            {
                w.add(
                    WarningCode::LeftOut,
                    "Assignment/Delay",
                    Some(&tid),
                    "assignment delays are not modelled",
                );
            }
            if has_split(a) {
                w.add(
                    WarningCode::LeftOut,
                    "Assignment/TimephasedData",
                    Some(&tid),
                    "a split task (work stops and resumes) is scheduled without its split",
                );
            }
            if p.add_assignment(Assignment {
                task,
                resource,
                units,
                work,
            })
            .is_err()
            {
                w.add(
                    WarningCode::LeftOut,
                    "Assignment",
                    Some(&tid),
                    "a second assignment of the same resource is left out",
                );
                continue;
            }
            if let Some((cal, ResourceKind::Work)) = res_cal.get(&rid) {
                if units > 0 {
                    task_res
                        .entry(task)
                        .or_default()
                        .push(cal.clone().or_else(|| Some(p.calendar_id().clone())));
                }
            }
        }
    }

    // Resource calendars: a task with work resources runs on their calendar.
    let mut unions: HashMap<Vec<CalendarId>, CalendarId> = HashMap::new();
    for pd in &pending {
        let Some(cals) = task_res.get(&pd.idx) else {
            continue;
        };
        if pd.manual || p.is_summary(pd.idx) || pd.ignore_resource_calendar {
            continue;
        }
        let first = cals[0].clone();
        let same = cals.iter().all(|c| *c == first);
        let task_cal = p
            .task(pd.idx)
            .calendar
            .clone()
            .unwrap_or_else(|| p.calendar_id().clone());
        match first {
            Some(c) if same => {
                if c == task_cal {
                    continue;
                }
                if pd.has_own_calendar {
                    w.add(
                        WarningCode::Approximated,
                        "Task/CalendarUID",
                        Some(&pd.uid),
                        "a task calendar combined with a different resource calendar: the task \
                         calendar is used (Project intersects them)",
                    );
                    continue;
                }
                let mut t = p.task(pd.idx).clone();
                t.calendar = Some(c);
                p.replace_task(pd.idx, t)?;
            }
            _ if pd.has_own_calendar => w.add(
                WarningCode::Approximated,
                "Assignment",
                Some(&pd.uid),
                "resources on different calendars and a task calendar: the task is scheduled on \
                 its own calendar (Project schedules each assignment on its resource's calendar)",
            ),
            _ => {
                // Project schedules each assignment on its resource's calendar and the task
                // spans them; its duration is the working time of that span on the union of
                // their calendars, so the task runs on that union.
                let mut ids: Vec<CalendarId> = cals
                    .iter()
                    .map(|c| c.clone().unwrap_or_else(|| p.calendar_id().clone()))
                    .collect();
                ids.sort();
                ids.dedup();
                let id = match unions.get(&ids) {
                    Some(id) => id.clone(),
                    None => {
                        let cal = union_calendar(&p, &ids)?;
                        let id = cal.id.clone();
                        p.add_calendar(cal)?;
                        unions.insert(ids, id.clone());
                        id
                    }
                };
                let mut t = p.task(pd.idx).clone();
                t.calendar = Some(id);
                p.replace_task(pd.idx, t)?;
                w.add(
                    WarningCode::Approximated,
                    "Assignment",
                    Some(&pd.uid),
                    "resources on different calendars: the task runs on the union of their \
                     working time (Project schedules each assignment on its resource's calendar \
                     and the task spans them)",
                );
            }
        }
    }

    let mut imp = Import::new(Format::Mspdi, p);
    imp.options = options;
    imp.stored = stored;
    imp.warnings = w.into_list();
    Ok(imp)
}

/// Merges working-time intervals into sorted, disjoint ones (touching intervals join).
fn union_times(mut v: Vec<WorkingTime>) -> Vec<WorkingTime> {
    v.sort();
    let mut out: Vec<WorkingTime> = Vec::with_capacity(v.len());
    for x in v {
        match out.last_mut() {
            Some(l) if x.start <= l.end => l.end = l.end.max(x.end),
            _ => out.push(x),
        }
    }
    out
}

/// A calendar whose working time is the union of the calendars `ids` (each resolved through its
/// bases): the union of their weekdays, and on every date one of them (or a base) has an
/// exception, the union of what each works that day.
fn union_calendar(p: &Project, ids: &[CalendarId]) -> Result<Calendar> {
    let mut key = ids.iter().map(|c| c.as_str()).collect::<Vec<_>>().join("+");
    while p.calendar(&CalendarId::new(key.clone())).is_some() {
        key.push('+');
    }
    let mut cal = Calendar::new(key.as_str());
    let mut names = Vec::new();
    let mut compiled = Vec::new();
    let mut week: [Vec<WorkingTime>; 7] = Default::default();
    let mut days = std::collections::BTreeSet::new();
    for id in ids {
        let c = p.calendar(id).ok_or_else(|| Error::UnknownCalendar {
            id: id.clone(),
            by: Item::Project,
        })?;
        names.push(if c.name.is_empty() {
            id.to_string()
        } else {
            c.name.clone()
        });
        compiled.push(WorkCalendar::compile(c, |b| p.calendar(b))?);
        // The weekdays after inheritance, and every date an exception of the chain covers.
        let mut resolved: [Option<&Vec<WorkingTime>>; 7] = [None; 7];
        let mut link = Some(c);
        let mut hops = 0;
        while let Some(k) = link {
            for (d, w) in k.week.iter().enumerate() {
                if resolved[d].is_none() {
                    resolved[d] = w.as_ref();
                }
            }
            for e in &k.exceptions {
                if let Some(from) = e.from.or(e.to) {
                    let to = e.to.unwrap_or(from);
                    days.extend(from.days()..=to.days());
                }
            }
            hops += 1;
            link = k
                .base
                .as_ref()
                .and_then(|b| p.calendar(b))
                .filter(|_| hops < 64);
        }
        for (d, w) in resolved.iter().enumerate() {
            if let Some(w) = w {
                week[d].extend(w.iter().copied());
            }
        }
    }
    cal.name = names.join(" + ");
    for (d, w) in week.into_iter().enumerate() {
        cal.week[d] = Some(union_times(w));
    }
    // Dated differences from the weekly union, as runs of equal days.
    let mut run: Option<(Date, Date, Vec<WorkingTime>)> = None;
    for day in days {
        let Some(date) = Date::from_days(day) else {
            continue;
        };
        let t = union_times(
            compiled
                .iter()
                .flat_map(|c| c.working_time_on(date))
                .collect(),
        );
        let weekly = cal.week[date.weekday().index()].as_deref() == Some(&t[..]);
        match &mut run {
            Some((_, to, w)) if !weekly && to.days() + 1 == day && *w == t => *to = date,
            _ => {
                if let Some((from, to, w)) = run.take() {
                    cal.exceptions
                        .push(CalendarException::working("", from, to, w));
                }
                if !weekly {
                    run = Some((date, date, t));
                }
            }
        }
    }
    if let Some((from, to, w)) = run {
        cal.exceptions
            .push(CalendarException::working("", from, to, w));
    }
    Ok(cal)
}

/// Whether an assignment's timephased work has a zero period between two periods with work
/// (how MSPDI shows a split task).
fn has_split(a: &El) -> bool {
    let mut v: Vec<(&str, bool)> = a
        .all("TimephasedData")
        .filter(|d| matches!(d.get("Type"), Some("1") | Some("2")))
        .filter_map(|d| {
            let start = d.get("Start")?;
            let zero = parse_iso_minutes(d.get("Value")?)? == 0;
            Some((start, zero))
        })
        .collect();
    v.sort();
    let first = v.iter().position(|x| !x.1);
    let last = v.iter().rposition(|x| !x.1);
    match (first, last) {
        (Some(f), Some(l)) => v[f..l].iter().any(|x| x.1),
        _ => false,
    }
}

fn read_calendar(cx: &Ctx<'_>, c: &El, w: &mut Warnings) -> Result<Calendar> {
    let Some(uid) = cx.int(c, "UID", &None)? else {
        return Err(cx.err(c, None, "Calendar/UID", "a calendar without a <UID>"));
    };
    let id = uid.to_string();
    let item = Some(Item::Calendar(CalendarId::new(id.clone())));
    let mut cal = Calendar::new(id.as_str());
    cal.name = c.get("Name").unwrap_or("").to_owned();
    let base = cx
        .int(c, "BaseCalendarUID", &item)?
        .filter(|&b| b >= 0 && b != uid);
    let is_base = cx
        .val(c, "IsBaseCalendar", &item, "flag", |v| Some(v == "1"))?
        .unwrap_or(base.is_none());
    cal.base = if is_base {
        None
    } else {
        base.map(|b| CalendarId::new(b.to_string()))
    };
    let mut exceptions: Vec<CalendarException> = Vec::new();
    let has_exceptions = c.child("Exceptions").is_some();
    if let Some(wd) = c.child("WeekDays") {
        for d in wd.all("WeekDay") {
            let ty = cx.int(d, "DayType", &item)?.unwrap_or(-1);
            let working = read_working(cx, d, &item)?;
            match ty {
                1..=7 => {
                    // DayType 1 is Sunday.
                    let k = ((ty + 5) % 7) as usize;
                    cal.week[k] = Some(working);
                }
                0 => {
                    if has_exceptions {
                        continue; // the same exceptions are listed under <Exceptions>
                    }
                    if let Some((from, to)) = period(cx, d, &item)? {
                        exceptions.push(CalendarException {
                            name: String::new(),
                            from: Some(from),
                            to: Some(to),
                            working,
                        });
                    }
                }
                _ => w.add(
                    WarningCode::LeftOut,
                    "Calendar/WeekDays/WeekDay",
                    None,
                    "unknown DayType left out",
                ),
            }
        }
    }
    if let Some(ex) = c.child("Exceptions") {
        let mut budget = MAX_RECURRENCE_DATES_PER_CALENDAR;
        for e in ex.all("Exception") {
            let Some(r) = read_recurrence(cx, e, &item, w)? else {
                continue;
            };
            let name = e.get("Name").unwrap_or("");
            let working = read_working(cx, e, &item)?;
            let (dates, cut) = r.expand(budget);
            if cut {
                w.add(
                    WarningCode::LeftOut, "Calendar/Exceptions/Exception",
                    None,
                    "a recurring exception is expanded over at most 100 years and 100000 dates per calendar; later occurrences are left out",
                );
            }
            budget -= dates.len();
            // Runs of consecutive dates become one ranged exception.
            let mut run: Option<(Date, Date)> = None;
            for d in dates {
                match &mut run {
                    Some((_, to)) if to.days() + 1 == d.days() => *to = d,
                    _ => {
                        if let Some((from, to)) = run.replace((d, d)) {
                            exceptions.push(CalendarException::working(
                                name,
                                from,
                                to,
                                working.clone(),
                            ));
                        }
                    }
                }
            }
            if let Some((from, to)) = run {
                exceptions.push(CalendarException::working(name, from, to, working));
            }
        }
    }
    // Work weeks: dated weekly patterns, expanded to one exception per covered day.
    if let Some(ww) = c.child("WorkWeeks") {
        // Dated exceptions win over work weeks: their spans by first date, with the latest
        // last date so far, to look a day up by binary search.
        let mut spans: Vec<(i64, i64)> = exceptions
            .iter()
            .filter_map(|e| Some((e.from?.days(), e.to?.days())))
            .collect();
        spans.sort_unstable();
        let mut reach = i64::MIN;
        for s in &mut spans {
            reach = reach.max(s.1);
            s.1 = reach;
        }
        let in_exception = |d: i64| {
            let i = spans.partition_point(|s| s.0 <= d);
            i > 0 && spans[i - 1].1 >= d
        };
        // Days already given by an earlier work week.
        let mut by_week = std::collections::HashSet::new();
        for week in ww.all("WorkWeek") {
            let Some((from, to)) = period(cx, week, &item)? else {
                continue;
            };
            let mut days: [Option<Vec<WorkingTime>>; 7] = Default::default();
            if let Some(wd) = week.child("WeekDays") {
                for d in wd.all("WeekDay") {
                    let ty = cx.int(d, "DayType", &item)?.unwrap_or(-1);
                    if (1..=7).contains(&ty) {
                        days[((ty + 5) % 7) as usize] = Some(read_working(cx, d, &item)?);
                    }
                }
            }
            if to.days() - from.days() > 366 * 30 {
                w.add(
                    WarningCode::LeftOut,
                    "Calendar/WorkWeeks/WorkWeek",
                    None,
                    "a work week longer than 30 years is cut to 30 years",
                );
            }
            let end = to.days().min(from.days() + 366 * 30);
            let mut d = from;
            while d.days() <= end {
                if let Some(wt) = &days[d.weekday().index()] {
                    if !in_exception(d.days()) && by_week.insert(d.days()) {
                        exceptions.push(CalendarException {
                            name: week.get("Name").unwrap_or("").to_owned(),
                            from: Some(d),
                            to: Some(d),
                            working: wt.clone(),
                        });
                    }
                }
                d = d.succ();
            }
        }
    }
    // Overlapping exceptions are an error in the core. Two recurring exceptions may share a
    // date (Project keeps both); on shared days the one starting first is kept, and the rest of
    // the other still applies. Only a clash of different working times is worth a warning.
    exceptions.sort_by_key(|e| e.from);
    let mut kept: Vec<CalendarException> = Vec::with_capacity(exceptions.len());
    for mut e in exceptions {
        if let Some(l) = kept.last().filter(|l| l.to >= e.from) {
            if l.working != e.working {
                w.add(
                    WarningCode::Approximated, "Calendar/Exceptions/Exception",
                    None,
                    "exceptions with different working times share days: the one starting first is kept on them",
                );
            }
            if e.to <= l.to {
                continue;
            }
            e.from = l.to.map(|t| t.succ());
        }
        kept.push(e);
    }
    cal.exceptions = kept;
    if cal.base.is_none() {
        let std = Calendar::standard();
        for (k, d) in cal.week.iter_mut().enumerate() {
            if d.is_none() {
                *d = std.week[k].clone();
            }
        }
    }
    Ok(cal)
}

fn period(cx: &Ctx<'_>, el: &El, item: &Option<Item>) -> Result<Option<(Date, Date)>> {
    let Some(tp) = el.child("TimePeriod") else {
        return Ok(None);
    };
    let from = cx.date(tp, "FromDate", item)?;
    let to = cx.date(tp, "ToDate", item)?;
    Ok(match (from, to) {
        (Some(f), Some(t)) => {
            // ToDate is the last minute of the last day (23:59) or midnight after it.
            let to = if t.minute_of_day() == 0 && t > f {
                t.add_minutes(-1).date()
            } else {
                t.date()
            };
            Some((f.date(), to.max(f.date())))
        }
        (Some(f), None) => Some((f.date(), f.date())),
        _ => None,
    })
}

/// Most days a calendar exception is expanded over, from its first date (100 years).
const MAX_RECURRENCE_DAYS: i64 = 36_525;
/// Most dates the exceptions of one calendar expand to.
const MAX_RECURRENCE_DATES_PER_CALENDAR: usize = 100_000;

/// How a calendar exception repeats, from its `<Type>` (the codes of the MSPDI schema, as
/// Project writes them): 1 and 7 daily, 2 yearly on a day of a month, 3 yearly on a position
/// (e.g. the first Monday of March), 4 monthly on a day, 5 monthly on a position, 6 weekly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pattern {
    /// Every `period` days (types 1 and 7; a one-off exception is type 1 with period 1).
    Daily,
    /// The days of the `DaysOfWeek` mask (bit 0 Sunday … bit 6 Saturday) in every `period`-th
    /// week, weeks starting on Sunday and counted from the week holding the first date (type 6).
    Weekly(u8),
    /// Day `MonthDay` (the month's last day if it has fewer) of every `period`-th month (type 4).
    MonthlyDay(u32),
    /// The `MonthPosition`-th `MonthItem` of every `period`-th month (type 5).
    MonthlyPos(u8, u8),
    /// Day `MonthDay` of `Month` (1–12 here; 0–11 in the file) every `period`-th year (type 2).
    YearlyDay(u32, u32),
    /// The `MonthPosition`-th `MonthItem` of `Month` every `period`-th year (type 3).
    YearlyPos(u32, u8, u8),
}

/// A calendar exception's dates: a pattern from a first date to a last date or for a number of
/// occurrences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Recurrence {
    pattern: Pattern,
    /// Every `period` days, weeks, months or years (at least 1).
    period: i64,
    /// First date (`TimePeriod/FromDate`); no occurrence comes before it.
    from: Date,
    /// Last date (`TimePeriod/ToDate`) if given; otherwise the range ends after `count`.
    to: Option<Date>,
    /// Number of occurrences (`Occurrences`), used when there is no `ToDate`.
    count: u64,
}

/// The weekday of a Sunday-based index (0 Sunday … 6 Saturday).
fn weekday_from_sunday(i: u32) -> Weekday {
    Weekday::ALL[((i + 6) % 7) as usize]
}

/// The `pos`-th (0 first … 3 fourth, 4 last) day of month `month` of `year` that is an `item`:
/// 0 any day, 1 a weekday (Monday to Friday), 2 a weekend day, 3–9 Sunday to Saturday.
fn nth_in_month(year: i32, month: u32, item: u8, pos: u8) -> Option<Date> {
    let fits = |d: &Date| match item {
        0 => true,
        1 => d.weekday().index() < 5,
        2 => d.weekday().index() >= 5,
        _ => d.weekday() == weekday_from_sunday(u32::from(item) - 3),
    };
    let mut days = (1..=31)
        .filter_map(|d| Date::from_ymd(year, month, d))
        .filter(fits);
    if pos >= 4 {
        days.next_back()
    } else {
        days.nth(usize::from(pos))
    }
}

/// Day `day` of a month, or the month's last day if it has fewer days.
fn clamped_day(year: i32, month: u32, day: u32) -> Option<Date> {
    (1..=day.clamp(1, 31))
        .rev()
        .find_map(|d| Date::from_ymd(year, month, d))
}

impl Recurrence {
    /// The first day of the `k`-th period and the occurrences in it, in order.
    fn period_dates(&self, k: i64) -> Option<(i64, Vec<Date>)> {
        let step = k.checked_mul(self.period)?;
        let (y0, m0, _) = self.from.ymd();
        // The month `months` months after the first date's month, as (year, month).
        let month_at = |months: i64| -> Option<(i32, u32)> {
            let i = i64::from(y0) * 12 + i64::from(m0) - 1 + months;
            Some((
                i32::try_from(i.div_euclid(12)).ok()?,
                (i.rem_euclid(12) + 1) as u32,
            ))
        };
        let year_at = |years: i64| i32::try_from(i64::from(y0) + years).ok();
        let first_of = |y: i32, m: u32| Date::from_ymd(y, m, 1).map(|d| d.days());
        Some(match self.pattern {
            Pattern::Daily => {
                let d = Date::from_days(self.from.days().checked_add(step)?)?;
                (d.days(), vec![d])
            }
            Pattern::Weekly(mask) => {
                let sunday = self.from.days() - (self.from.weekday().index() as i64 + 1) % 7;
                let start = sunday.checked_add(step.checked_mul(7)?)?;
                let dates = (0..7)
                    .filter(|i| mask & (1 << i) != 0)
                    .filter_map(|i| Date::from_days(start + i))
                    .collect();
                (start, dates)
            }
            Pattern::MonthlyDay(day) => {
                let (y, m) = month_at(step)?;
                (
                    first_of(y, m)?,
                    clamped_day(y, m, day).into_iter().collect(),
                )
            }
            Pattern::MonthlyPos(item, pos) => {
                let (y, m) = month_at(step)?;
                (
                    first_of(y, m)?,
                    nth_in_month(y, m, item, pos).into_iter().collect(),
                )
            }
            Pattern::YearlyDay(month, day) => {
                let y = year_at(step)?;
                (
                    first_of(y, month)?,
                    clamped_day(y, month, day).into_iter().collect(),
                )
            }
            Pattern::YearlyPos(month, item, pos) => {
                let y = year_at(step)?;
                (
                    first_of(y, month)?,
                    nth_in_month(y, month, item, pos).into_iter().collect(),
                )
            }
        })
    }

    /// The dates of the exception, at most `budget` of them and none more than
    /// [`MAX_RECURRENCE_DAYS`] after the first date; `true` with them if that cut some off.
    fn expand(&self, budget: usize) -> (Vec<Date>, bool) {
        let horizon = self.from.days() + MAX_RECURRENCE_DAYS - 1;
        let last = self.to.map_or(horizon, |t| t.days().min(horizon));
        let mut out: Vec<Date> = Vec::new();
        let mut k = 0;
        loop {
            let Some((start, dates)) = self.period_dates(k) else {
                return (out, false); // past the last representable date
            };
            if start > last {
                // Cut if the rule would still have gone on.
                let more = match self.to {
                    Some(t) => start <= t.days(),
                    None => (out.len() as u64) < self.count,
                };
                return (out, more);
            }
            for d in dates {
                if d < self.from {
                    continue;
                }
                let done = self.to.is_none() && out.len() as u64 >= self.count;
                if done || self.to.is_some_and(|t| d > t) {
                    return (out, false);
                }
                if d.days() > last || out.len() >= budget {
                    return (out, true);
                }
                out.push(d);
            }
            k += 1;
        }
    }
}

/// Reads when a calendar exception occurs (see [`Pattern`]); `None` (with a warning) for a
/// pattern that cannot be read, or without a `FromDate`.
fn read_recurrence(
    cx: &Ctx<'_>,
    e: &El,
    item: &Option<Item>,
    w: &mut Warnings,
) -> Result<Option<Recurrence>> {
    let Some((from, to)) = period(cx, e, item)? else {
        return Ok(None);
    };
    let has_to = e
        .child("TimePeriod")
        .is_some_and(|tp| tp.get("ToDate").is_some());
    let ty = cx.int(e, "Type", item)?.unwrap_or(1);
    let period = cx.int(e, "Period", item)?.unwrap_or(1).clamp(1, 100_000);
    let count = cx
        .int(e, "Occurrences", item)?
        .unwrap_or(1)
        .clamp(1, 100_000) as u64;
    let int = |name: &str| -> Result<Option<i64>> { cx.int(e, name, item) };
    let month_day = int("MonthDay")?.unwrap_or(i64::from(from.ymd().2));
    let month = int("Month")?.unwrap_or(i64::from(from.ymd().1) - 1);
    let month_item = int("MonthItem")?.unwrap_or(0);
    let position = int("MonthPosition")?.unwrap_or(0);
    let valid_day = (1..=31).contains(&month_day);
    let valid_month = (0..=11).contains(&month);
    let valid_pos = (0..=9).contains(&month_item) && (0..=4).contains(&position);
    let pattern = match ty {
        1 | 7 => Some(Pattern::Daily),
        6 => {
            let mask = (int("DaysOfWeek")?.unwrap_or(0) & 0x7f) as u8;
            // Without days, the weekday of the first date.
            let own = 1u8 << ((from.weekday().index() + 1) % 7);
            Some(Pattern::Weekly(if mask == 0 { own } else { mask }))
        }
        4 if valid_day => Some(Pattern::MonthlyDay(month_day as u32)),
        5 if valid_pos => Some(Pattern::MonthlyPos(month_item as u8, position as u8)),
        2 if valid_day && valid_month => {
            Some(Pattern::YearlyDay(month as u32 + 1, month_day as u32))
        }
        3 if valid_pos && valid_month => Some(Pattern::YearlyPos(
            month as u32 + 1,
            month_item as u8,
            position as u8,
        )),
        _ => None,
    };
    let Some(pattern) = pattern else {
        w.add(
            WarningCode::LeftOut, "Calendar/Exceptions/Exception",
            None,
            "an exception with an unknown Type, Month, MonthDay, MonthItem or MonthPosition is left out",
        );
        return Ok(None);
    };
    Ok(Some(Recurrence {
        pattern,
        period,
        from,
        to: has_to.then_some(to),
        count,
    }))
}

fn read_working(cx: &Ctx<'_>, d: &El, item: &Option<Item>) -> Result<Vec<WorkingTime>> {
    if !cx.flag(d, "DayWorking", item)? {
        return Ok(Vec::new());
    }
    let mut v = Vec::new();
    if let Some(wts) = d.child("WorkingTimes") {
        for wt in wts.all("WorkingTime") {
            let from = cx.val(wt, "FromTime", item, "time of day", parse_time_of_day)?;
            let to = cx.val(wt, "ToTime", item, "time of day", parse_time_of_day)?;
            if let (Some(f), Some(t)) = (from, to) {
                let t = if t == 0 { 1440 } else { t };
                match WorkingTime::new(f, t) {
                    Some(x) => v.push(x),
                    None => {
                        return Err(cx.err(
                            wt,
                            item.clone(),
                            "WorkingTime",
                            "a working time that ends before it starts",
                        ))
                    }
                }
            }
        }
    }
    // Merge overlaps so the core accepts the day.
    v.sort();
    let mut out: Vec<WorkingTime> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some(l) if x.start <= l.end => l.end = l.end.max(x.end),
            _ => out.push(x),
        }
    }
    Ok(out)
}

// ------------------------------------------------------------------------------------------
// Writing.

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => {}
            c => o.push(c),
        }
    }
    o
}

/// Numeric UIDs for keys: a key that is a unique non-negative integer keeps its number, others
/// get the next free numbers in order.
fn uids<'a>(keys: impl Iterator<Item = &'a str>, reserved: &[i64]) -> Vec<i64> {
    let keys: Vec<&str> = keys.collect();
    let mut used: std::collections::BTreeSet<i64> = reserved.iter().copied().collect();
    let mut out = vec![-1i64; keys.len()];
    for (k, key) in keys.iter().enumerate() {
        if let Ok(n) = key.parse::<i64>() {
            if (1..i32::MAX as i64).contains(&n) && n.to_string() == *key && used.insert(n) {
                out[k] = n;
            }
        }
    }
    let first = used.iter().next_back().copied().unwrap_or(0).max(0) + 1;
    for (next, o) in (first..).zip(out.iter_mut().filter(|o| **o < 0)) {
        *o = next;
    }
    out
}

fn dt(d: DateTime) -> String {
    d.to_string()
}

/// Writes a project and its schedule as an MSPDI document.
///
/// Each task gets its key as `UID` when the key is a positive integer (as after [`read`]), else
/// the next free number; the computed schedule fills `Start`, `Finish`, `EarlyStart`,
/// `EarlyFinish`, `LateStart`, `LateFinish`, `TotalSlack`, `FreeSlack` (tenths of minutes) and
/// `Critical`. Calendars, constraints, deadlines, links with lags, progress, baselines, resources
/// and assignments are written too, so [`read`] (and other MSPDI readers) read them back.
pub fn write(p: &Project, s: &Schedule) -> String {
    let st = p.settings();
    let mut o = String::new();
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    o.push_str("<Project xmlns=\"http://schemas.microsoft.com/project\">\n");
    let tag = |o: &mut String, ind: usize, name: &str, v: &str| {
        let _ = writeln!(o, "{}<{name}>{}</{name}>", "\t".repeat(ind), esc(v));
    };
    // Calendars: the defined ones, plus the built-in standard when it is used.
    let mut cals: Vec<Calendar> = p.calendars().to_vec();
    let std_used = p.calendar_id().as_str() == STANDARD
        || p.tasks()
            .iter()
            .any(|t| t.calendar.as_ref().is_some_and(|c| c.as_str() == STANDARD))
        || p.resources()
            .iter()
            .any(|r| r.calendar.as_ref().is_some_and(|c| c.as_str() == STANDARD))
        || cals
            .iter()
            .any(|c| c.base.as_ref().is_some_and(|b| b.as_str() == STANDARD));
    if std_used && !cals.iter().any(|c| c.id.as_str() == STANDARD) {
        cals.insert(0, Calendar::standard());
    }
    let cal_uid: HashMap<String, i64> = cals
        .iter()
        .map(|c| c.id.to_string())
        .zip(uids(cals.iter().map(|c| c.id.as_str()), &[]))
        .collect();
    let cuid = |id: &CalendarId| cal_uid.get(id.as_str()).copied().unwrap_or(-1);

    tag(&mut o, 1, "SaveVersion", "14");
    tag(&mut o, 1, "Name", p.name());
    tag(&mut o, 1, "Title", p.name());
    match p.schedule_from() {
        ScheduleFrom::Start(_) => tag(&mut o, 1, "ScheduleFromStart", "1"),
        ScheduleFrom::Finish(_) => tag(&mut o, 1, "ScheduleFromStart", "0"),
    }
    tag(&mut o, 1, "StartDate", &dt(s.project_start));
    tag(&mut o, 1, "FinishDate", &dt(s.project_finish));
    tag(&mut o, 1, "CalendarUID", &cuid(p.calendar_id()).to_string());
    let (ds, df) = p.default_times();
    let hm = |m: u16| format!("{:02}:{:02}:00", m / 60, m % 60);
    tag(&mut o, 1, "DefaultStartTime", &hm(ds));
    tag(&mut o, 1, "DefaultFinishTime", &hm(df.min(1439)));
    tag(&mut o, 1, "MinutesPerDay", &st.minutes_per_day.to_string());
    tag(
        &mut o,
        1,
        "MinutesPerWeek",
        &st.minutes_per_week.to_string(),
    );
    tag(&mut o, 1, "DaysPerMonth", &st.days_per_month.to_string());
    if let Some(sd) = p.status_date() {
        tag(&mut o, 1, "StatusDate", &dt(sd));
    }

    o.push_str("\t<Calendars>\n");
    for c in &cals {
        o.push_str("\t\t<Calendar>\n");
        tag(&mut o, 3, "UID", &cuid(&c.id).to_string());
        tag(
            &mut o,
            3,
            "Name",
            if c.name.is_empty() {
                c.id.as_str()
            } else {
                &c.name
            },
        );
        tag(
            &mut o,
            3,
            "IsBaseCalendar",
            if c.base.is_some() { "0" } else { "1" },
        );
        tag(
            &mut o,
            3,
            "BaseCalendarUID",
            &c.base.as_ref().map_or(-1, cuid).to_string(),
        );
        o.push_str("\t\t\t<WeekDays>\n");
        let day = |o: &mut String, working: &[WorkingTime]| {
            let _ = writeln!(
                o,
                "\t\t\t\t\t<DayWorking>{}</DayWorking>",
                u8::from(!working.is_empty())
            );
            if !working.is_empty() {
                o.push_str("\t\t\t\t\t<WorkingTimes>\n");
                for wt in working {
                    let end = if wt.end == 1440 { 0 } else { wt.end };
                    let _ = writeln!(
                        o,
                        "\t\t\t\t\t\t<WorkingTime><FromTime>{}</FromTime><ToTime>{}</ToTime></WorkingTime>",
                        hm(wt.start),
                        hm(end)
                    );
                }
                o.push_str("\t\t\t\t\t</WorkingTimes>\n");
            }
        };
        for wd in Weekday::ALL {
            if let Some(working) = &c.week[wd.index()] {
                o.push_str("\t\t\t\t<WeekDay>\n");
                let _ = writeln!(
                    o,
                    "\t\t\t\t\t<DayType>{}</DayType>",
                    (wd.index() + 1) % 7 + 1
                );
                day(&mut o, working);
                o.push_str("\t\t\t\t</WeekDay>\n");
            }
        }
        o.push_str("\t\t\t</WeekDays>\n");
        // Dated exceptions in the Project 2007+ form, which carries their names.
        if !c.exceptions.is_empty() {
            o.push_str("\t\t\t<Exceptions>\n");
            for e in &c.exceptions {
                let (Some(f), Some(t)) = (e.from, e.to) else {
                    continue;
                };
                o.push_str("\t\t\t\t<Exception>\n");
                o.push_str("\t\t\t\t\t<EnteredByOccurrences>0</EnteredByOccurrences>\n");
                let _ = writeln!(
                    o,
                    "\t\t\t\t\t<TimePeriod><FromDate>{}</FromDate><ToDate>{}</ToDate></TimePeriod>",
                    dt(f.at(0)),
                    dt(t.at(23 * 60 + 59))
                );
                o.push_str("\t\t\t\t\t<Occurrences>1</Occurrences>\n");
                tag(&mut o, 5, "Name", &e.name);
                o.push_str("\t\t\t\t\t<Type>1</Type>\n");
                day(&mut o, &e.working);
                o.push_str("\t\t\t\t</Exception>\n");
            }
            o.push_str("\t\t\t</Exceptions>\n");
        }
        o.push_str("\t\t</Calendar>\n");
    }
    o.push_str("\t</Calendars>\n");

    let tuid = uids(p.tasks().iter().map(|t| t.id.as_str()), &[0]);
    let depth = |mut i: usize| {
        let mut d = 1;
        while let Some(q) = p.tasks()[i].parent {
            d += 1;
            i = q.index();
        }
        d
    };
    let mut preds: Vec<Vec<&Link>> = vec![Vec::new(); p.len()];
    for l in p.links() {
        preds[l.to.index()].push(l);
    }
    o.push_str("\t<Tasks>\n");
    for (k, t) in p.tasks().iter().enumerate() {
        let i = TaskIndex::from_raw(k as u32);
        let ts = s.task(i);
        let summary = p.is_summary(i);
        o.push_str("\t\t<Task>\n");
        tag(&mut o, 3, "UID", &tuid[k].to_string());
        tag(&mut o, 3, "ID", &(k + 1).to_string());
        tag(&mut o, 3, "Name", &t.name);
        tag(
            &mut o,
            3,
            "Manual",
            if t.pinned.is_some() { "1" } else { "0" },
        );
        tag(&mut o, 3, "OutlineLevel", &depth(k).to_string());
        tag(&mut o, 3, "Priority", &t.priority.to_string());
        tag(&mut o, 3, "Start", &dt(ts.start));
        tag(&mut o, 3, "Finish", &dt(ts.finish));
        let dur = if summary {
            // A summary's duration is its rolled-up span on its calendar; written as working
            // time between start and finish is what Project shows, but readers recompute it.
            Duration::ZERO
        } else {
            t.duration
        };
        tag(&mut o, 3, "Duration", &iso_minutes(dur.minutes()));
        let fmt = if dur.is_elapsed() { "8" } else { "7" };
        tag(&mut o, 3, "DurationFormat", fmt);
        tag(
            &mut o,
            3,
            "Milestone",
            if t.milestone || (!summary && dur.is_zero()) {
                "1"
            } else {
                "0"
            },
        );
        tag(&mut o, 3, "Summary", if summary { "1" } else { "0" });
        tag(&mut o, 3, "Critical", if ts.critical { "1" } else { "0" });
        tag(&mut o, 3, "EarlyStart", &dt(ts.early_start));
        tag(&mut o, 3, "EarlyFinish", &dt(ts.early_finish));
        tag(&mut o, 3, "LateStart", &dt(ts.late_start));
        tag(&mut o, 3, "LateFinish", &dt(ts.late_finish));
        tag(
            &mut o,
            3,
            "FreeSlack",
            &(ts.free_float.minutes() * 10).to_string(),
        );
        tag(
            &mut o,
            3,
            "TotalSlack",
            &(ts.total_float.minutes() * 10).to_string(),
        );
        tag(
            &mut o,
            3,
            "PercentComplete",
            &t.progress.percent_complete.to_string(),
        );
        if let Some(a) = t.progress.actual_start {
            tag(&mut o, 3, "ActualStart", &dt(a));
        }
        if let Some(a) = t.progress.actual_finish {
            tag(&mut o, 3, "ActualFinish", &dt(a));
        }
        let done = if t.progress.actual_finish.is_some() {
            dur.minutes()
        } else {
            dur.minutes() * t.progress.percent_complete as i64 / 100
        };
        tag(&mut o, 3, "ActualDuration", &iso_minutes(done));
        tag(
            &mut o,
            3,
            "RemainingDuration",
            &iso_minutes(dur.minutes() - done),
        );
        let (ct, cd) = match t.constraint {
            Constraint::AsSoonAsPossible => (0, None),
            Constraint::AsLateAsPossible => (1, None),
            Constraint::MustStartOn(d) => (2, Some(d)),
            Constraint::MustFinishOn(d) => (3, Some(d)),
            Constraint::StartNoEarlierThan(d) => (4, Some(d)),
            Constraint::StartNoLaterThan(d) => (5, Some(d)),
            Constraint::FinishNoEarlierThan(d) => (6, Some(d)),
            Constraint::FinishNoLaterThan(d) => (7, Some(d)),
        };
        tag(&mut o, 3, "ConstraintType", &ct.to_string());
        if let Some(d) = cd {
            tag(&mut o, 3, "ConstraintDate", &dt(d));
        }
        if let Some(d) = t.deadline {
            tag(&mut o, 3, "Deadline", &dt(d));
        }
        tag(
            &mut o,
            3,
            "CalendarUID",
            &t.calendar.as_ref().map_or(-1, cuid).to_string(),
        );
        if let Some(pin) = t.pinned {
            tag(&mut o, 3, "ManualStart", &dt(pin.start));
            if let Some(f) = pin.finish {
                tag(&mut o, 3, "ManualFinish", &dt(f));
            }
        }
        for l in &preds[k] {
            o.push_str("\t\t\t<PredecessorLink>\n");
            tag(
                &mut o,
                4,
                "PredecessorUID",
                &tuid[l.from.index()].to_string(),
            );
            let ty = match l.kind {
                LinkType::FinishToFinish => 0,
                LinkType::FinishToStart => 1,
                LinkType::StartToFinish => 2,
                LinkType::StartToStart => 3,
            };
            tag(&mut o, 4, "Type", &ty.to_string());
            let (lag, fmt) = match l.lag {
                Lag::Time(d) if d.is_elapsed() => (d.minutes() * 10, 8),
                Lag::Time(d) => (d.minutes() * 10, 7),
                Lag::Percent(pc) => ((pc as i64) / 100, 19),
            };
            tag(&mut o, 4, "LinkLag", &lag.to_string());
            tag(&mut o, 4, "LagFormat", &fmt.to_string());
            o.push_str("\t\t\t</PredecessorLink>\n");
        }
        for b in &t.baselines {
            o.push_str("\t\t\t<Baseline>\n");
            tag(&mut o, 4, "Number", &b.number.to_string());
            if let Some(x) = b.start {
                tag(&mut o, 4, "Start", &dt(x));
            }
            if let Some(x) = b.finish {
                tag(&mut o, 4, "Finish", &dt(x));
            }
            if let Some(x) = b.duration {
                tag(&mut o, 4, "Duration", &iso_minutes(x.minutes()));
                tag(
                    &mut o,
                    4,
                    "DurationFormat",
                    if x.is_elapsed() { "8" } else { "7" },
                );
            }
            o.push_str("\t\t\t</Baseline>\n");
        }
        o.push_str("\t\t</Task>\n");
    }
    o.push_str("\t</Tasks>\n");

    let ruid = uids(p.resources().iter().map(|r| r.id.as_str()), &[0]);
    o.push_str("\t<Resources>\n");
    for (k, r) in p.resources().iter().enumerate() {
        o.push_str("\t\t<Resource>\n");
        tag(&mut o, 3, "UID", &ruid[k].to_string());
        tag(&mut o, 3, "ID", &(k + 1).to_string());
        tag(&mut o, 3, "Name", &r.name);
        let ty = match r.kind {
            ResourceKind::Material => 0,
            ResourceKind::Work => 1,
            ResourceKind::Cost => 2,
        };
        tag(&mut o, 3, "Type", &ty.to_string());
        tag(
            &mut o,
            3,
            "MaxUnits",
            &format!("{:.2}", r.max_units as f64 / 100.0),
        );
        if let Some(c) = &r.calendar {
            tag(&mut o, 3, "CalendarUID", &cuid(c).to_string());
        }
        o.push_str("\t\t</Resource>\n");
    }
    o.push_str("\t</Resources>\n");
    o.push_str("\t<Assignments>\n");
    for (k, a) in p.assignments().iter().enumerate() {
        o.push_str("\t\t<Assignment>\n");
        tag(&mut o, 3, "UID", &(k + 1).to_string());
        tag(&mut o, 3, "TaskUID", &tuid[a.task.index()].to_string());
        tag(
            &mut o,
            3,
            "ResourceUID",
            &ruid[a.resource.index()].to_string(),
        );
        tag(
            &mut o,
            3,
            "Units",
            &format!("{:.2}", a.units as f64 / 100.0),
        );
        if let Some(wk) = a.work {
            tag(&mut o, 3, "Work", &iso_minutes(wk.minutes()));
        }
        o.push_str("\t\t</Assignment>\n");
    }
    o.push_str("\t</Assignments>\n");
    o.push_str("</Project>\n");
    o
}

/// Whether `bytes` look like an MSPDI document (an XML document whose root is `<Project>`),
/// judging by the first kilobytes only.
///
/// ```
/// assert!(jindu::io::mspdi::sniff(b"<?xml version=\"1.0\"?>\n<Project xmlns=\"x\">"));
/// assert!(!jindu::io::mspdi::sniff(b"{\"name\": \"x\"}"));
/// ```
pub fn sniff(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let text = String::from_utf8_lossy(head);
    let t = text.trim_start();
    t.starts_with("<?xml") && t.contains("<Project") || t.starts_with("<Project")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_durations() {
        assert_eq!(parse_iso_minutes("PT8H0M0S"), Some(480));
        assert_eq!(parse_iso_minutes("PT7H30M0S"), Some(450));
        assert_eq!(parse_iso_minutes("P1DT2H"), Some(1560));
        assert_eq!(parse_iso_minutes("-PT1H"), Some(-60));
        assert_eq!(parse_iso_minutes("PT0H0M30S"), Some(1));
        assert_eq!(parse_iso_minutes("8h"), None);
        assert_eq!(parse_iso_minutes("P"), None);
        assert_eq!(parse_iso_minutes("PT5"), None);
        assert_eq!(iso_minutes(450), "PT7H30M0S");
    }

    #[test]
    fn uid_assignment() {
        assert_eq!(
            uids(["3", "A", "1", "3", "07"].into_iter(), &[0]),
            vec![3, 4, 1, 5, 6]
        );
    }

    #[test]
    fn errors_have_positions() {
        let e = read(b"<Project>\n<StartDate>2026-01-05T08:00:00</StartDate>\n<Tasks><Task><UID>1</UID><Duration>8h</Duration></Task></Tasks></Project>").unwrap_err();
        let Error::Xml(x) = &e else { panic!("{e}") };
        assert_eq!(x.line, 3);
        assert_eq!(x.element, "Task/Duration");
        assert_eq!(e.task_id().map(|t| t.as_str()), Some("1"));
        let e = read(b"<!DOCTYPE x [<!ENTITY a \"b\">]><Project/>").unwrap_err();
        assert!(e.to_string().contains("DOCTYPE"), "{e}");
        let e = read(b"<Project><Name>&a;</Name></Project>").unwrap_err();
        assert!(e.to_string().contains("undefined entity"), "{e}");
        let e = read(b"<Project><Name>\xff</Name></Project>").unwrap_err();
        assert!(e.to_string().contains("UTF-8"), "{e}");
        let deep = "<a>".repeat(100);
        assert!(matches!(read(deep.as_bytes()), Err(Error::Limit { .. })));
    }

    fn rec(pattern: Pattern, period: i64, from: &str, to: Option<&str>, count: u64) -> Recurrence {
        Recurrence {
            pattern,
            period,
            from: from.parse().unwrap(),
            to: to.map(|t| t.parse().unwrap()),
            count,
        }
    }

    fn shown(v: &[Date]) -> Vec<String> {
        v.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn recurrence_positions_and_clamping() {
        // The last weekday (1, position 4) of each month: Fri 31 Jan, Fri 28 Feb, Mon 31 Mar 2025.
        let r = rec(Pattern::MonthlyPos(1, 4), 1, "2025-01-01", None, 3);
        assert_eq!(
            shown(&r.expand(100).0),
            ["2025-01-31", "2025-02-28", "2025-03-31"]
        );
        // The first weekend day (2, position 0): Sat 4 Jan, Sat 1 Feb, Sat 1 Mar 2025.
        let r = rec(Pattern::MonthlyPos(2, 0), 1, "2025-01-01", None, 3);
        assert_eq!(
            shown(&r.expand(100).0),
            ["2025-01-04", "2025-02-01", "2025-03-01"]
        );
        // The third day (0, position 2) of every other month.
        let r = rec(
            Pattern::MonthlyPos(0, 2),
            2,
            "2025-01-10",
            Some("2025-07-03"),
            99,
        );
        assert_eq!(
            shown(&r.expand(100).0),
            ["2025-03-03", "2025-05-03", "2025-07-03"]
        );
        // Day 31 falls on the last day of shorter months; 29 February only in leap years.
        let r = rec(Pattern::MonthlyDay(31), 1, "2024-01-31", None, 3);
        assert_eq!(
            shown(&r.expand(100).0),
            ["2024-01-31", "2024-02-29", "2024-03-31"]
        );
        let r = rec(Pattern::YearlyDay(2, 29), 1, "2024-01-01", None, 2);
        assert_eq!(shown(&r.expand(100).0), ["2024-02-29", "2025-02-28"]);
        // Mon, Wed and Fri (bits 1, 3, 5) every other week from Wednesday 2025-01-01: the
        // Monday of the first week comes before the first date.
        let r = rec(Pattern::Weekly(0b10_1010), 2, "2025-01-01", None, 4);
        assert_eq!(
            shown(&r.expand(100).0),
            ["2025-01-01", "2025-01-03", "2025-01-13", "2025-01-15"]
        );
    }

    #[test]
    fn recurrence_is_capped() {
        // Every day from 2000 to 9999: cut at 100 years.
        let r = rec(Pattern::Daily, 1, "2000-01-01", Some("9999-12-31"), 1);
        let (v, cut) = r.expand(usize::MAX);
        assert!(cut);
        assert_eq!(v.len() as i64, MAX_RECURRENCE_DAYS);
        // A budget of dates.
        let (v, cut) = r.expand(10);
        assert!(cut);
        assert_eq!(v.len(), 10);
        // Occurrences without an end date go no further than 100 years either.
        let r = rec(
            Pattern::YearlyPos(12, 9, 4),
            1_000,
            "2000-01-01",
            None,
            100_000,
        );
        assert_eq!(
            r.expand(usize::MAX),
            (vec!["2000-12-30".parse().unwrap()], true)
        );
        // The last Saturday of December every 10 years, 3 times.
        let r = rec(Pattern::YearlyPos(12, 9, 4), 10, "2000-01-01", None, 3);
        let (v, cut) = r.expand(usize::MAX);
        assert_eq!(shown(&v), ["2000-12-30", "2010-12-25", "2020-12-26"]);
        assert!(!cut);
        // A whole range ends cleanly.
        let r = rec(Pattern::Daily, 7, "2025-01-01", Some("2025-01-20"), 1);
        assert_eq!(
            r.expand(100),
            (
                vec![
                    "2025-01-01".parse().unwrap(),
                    "2025-01-08".parse().unwrap(),
                    "2025-01-15".parse().unwrap()
                ],
                false
            )
        );
    }

    #[test]
    fn hostile_recurring_exceptions_import() {
        let x = |body: &str| {
            format!(
                "<Project><StartDate>2026-01-05T08:00:00</StartDate><CalendarUID>1</CalendarUID>\
                 <Calendars><Calendar><UID>1</UID><IsBaseCalendar>1</IsBaseCalendar><Exceptions>{body}</Exceptions></Calendar></Calendars>\
                 <Tasks><Task><UID>1</UID><Duration>PT8H0M0S</Duration></Task></Tasks></Project>"
            )
        };
        let forever = "<Exception><TimePeriod><FromDate>2000-01-01T00:00:00</FromDate><ToDate>9999-12-31T23:59:00</ToDate></TimePeriod><Type>6</Type><DaysOfWeek>127</DaysOfWeek><DayWorking>0</DayWorking></Exception>";
        let imp = read(x(forever).as_bytes()).unwrap();
        assert!(imp.warnings.iter().any(|w| w.message.contains("100 years")));
        let bad = "<Exception><TimePeriod><FromDate>2026-01-01T00:00:00</FromDate></TimePeriod><Type>5</Type><MonthItem>12</MonthItem><DayWorking>0</DayWorking></Exception>";
        let imp = read(x(bad).as_bytes()).unwrap();
        assert!(imp
            .warnings
            .iter()
            .any(|w| w.message.contains("unknown Type")));
    }
}
