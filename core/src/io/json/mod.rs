//! The jindu JSON document (version 1) and the JSON form of a schedule.
//!
//! A document is a project header, calendars, tasks (a flat list; `parent` builds the summary
//! tree), links, resources and assignments, plus optional scheduling options:
//!
//! ```json
//! {"version": 1, "name": "Rollout", "start": "2026-01-05T08:00:00", "calendar": "standard",
//!  "tasks": [{"id": "A", "name": "Kickoff", "duration": "2d"},
//!            {"id": "M", "name": "Go-live", "milestone": true, "deadline": "2026-03-31T17:00:00"}],
//!  "links": [{"from": "A", "to": "M", "type": "FS", "lag": "1d"}]}
//! ```
//!
//! Unknown fields and bad values are errors that name the task, link or calendar and the field
//! (and, for syntax errors, the line and column).
//! Dates may be given without a time (`"2026-03-31"`): starts then take the project's default
//! start time (08:00) and finishes its default finish time (17:00).
//!
//! ```
//! let doc = jindu::io::json::read(r#"{"name": "Demo", "start": "2026-01-05",
//!     "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"}],
//!     "links": [{"from": "A", "to": "B"}]}"#)?;
//! let s = jindu::schedule(&doc.project, &doc.options)?;
//! assert_eq!(s.project_finish.to_string(), "2026-01-07T17:00:00");
//!
//! let bad = jindu::io::json::read(r#"{"name": "x", "start": "2026-01-05",
//!     "tasks": [{"id": "A", "duration": "2 days"}]}"#).unwrap_err();
//! assert_eq!(bad.task_id().unwrap().as_str(), "A");
//! assert_eq!(bad.field(), Some("duration"));
//! # Ok::<(), jindu::Error>(())
//! ```

mod borrowed;
pub mod doc;
pub mod out;
#[cfg(feature = "schema")]
pub mod schema;
mod ser;

use doc::{
    AssignmentInput, AvailabilityInput, BaselineInput, CalendarInput, ConstraintInput,
    ExceptionInput, LinkInput, OptionsInput, PinInput, RankingInput, RateInput, ResourceInput,
    SplitInput, WeekInput,
};
pub use doc::{EditInput, ProjectDocument, TaskInput};

pub use out::{DiffOutput, DrivingLinkOutput, ScheduleOutput, TaskOutput};

use crate::calendar::{Calendar, CalendarException, WorkingTime};
use crate::engine::{Diff, Edit};
use crate::error::{Error, Item, Result};
use crate::id::{CalendarId, ResourceId, TaskId, TaskIndex};
use crate::model::{
    Assignment, Availability, Baseline, Constraint, Lag, Link, LinkType, Money, Pin, Progress,
    Project, ProjectPriority, Ranking, RateChange, Resource, ResourceKind, ScheduleFrom, Split,
    Task, TaskType, Visibility,
};
use crate::schedule::{
    Criticality, FloatBasis, LagCalendar, OutOfSequence, Schedule, ScheduleOptions,
};
use crate::time::{parse_clock, Date, DateTime, Duration, DurationSettings, Weekday};

/// The format version this module reads and writes.
pub const VERSION: u64 = 1;

/// A project with the options it should be scheduled with.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The project.
    pub project: Project,
    /// Scheduling options stored in the document (defaults when absent).
    pub options: ScheduleOptions,
}

/// Finds which item a JSON path like `tasks[3].duration` points into, by reading the raw
/// document again (only on the error path).
fn item_at(text: &str, path: &str) -> Option<Item> {
    let (list, rest) = path.split_once('[')?;
    let k: usize = rest.split(']').next()?.parse().ok()?;
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let el = v.get(list)?.get(k)?;
    let s = |key: &str| -> Option<String> {
        match el.get(key)? {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    match list {
        "tasks" => s("id").map(|id| Item::Task(TaskId::new(id))),
        "links" => Some(Item::Link {
            from: TaskId::new(s("from")?),
            to: TaskId::new(s("to")?),
        }),
        "calendars" => s("id").map(|id| Item::Calendar(CalendarId::new(id))),
        "resources" => s("id").map(|id| Item::Resource(ResourceId::new(id))),
        "assignments" => Some(Item::Assignment {
            task: TaskId::new(s("task")?),
            resource: ResourceId::new(s("resource")?),
        }),
        _ => None,
    }
    .or_else(|| Some(Item::Path(format!("{list}[{k}]"))))
}

/// `x` as a whole number of minutes in `1..=max`, allowing for the rounding of a decimal
/// that a writer produced by division.
fn whole_minutes(x: f64, max: i64) -> Option<i64> {
    let r = x.round();
    ((x - r).abs() < 1e-6 && r >= 1.0 && r <= max as f64).then_some(r as i64)
}

/// The document's `hours_per_day`, `days_per_week` and `hours_per_week` for `s`: the week in
/// days when that is exact and at most 7, else in hours (Microsoft Project files may set hours
/// a week independently of hours a day).
fn week_fields(s: &DurationSettings) -> (Option<f64>, Option<f64>, Option<f64>) {
    let hpd = s.minutes_per_day as f64 / 60.0;
    let days = s.minutes_per_week as f64 / s.minutes_per_day as f64;
    if days <= 7.0
        && whole_minutes(days * s.minutes_per_day as f64, 10_080) == Some(s.minutes_per_week)
    {
        (Some(hpd), Some(days), None)
    } else {
        (Some(hpd), None, Some(s.minutes_per_week as f64 / 60.0))
    }
}

/// Reads a JSON document.
///
/// Errors name the offending item and field: syntax errors carry line and column, unknown
/// fields and wrong types the JSON path and the task/link/calendar they belong to, bad values
/// (dates, durations, unknown keys) the item and field. The default [`Limits`](crate::Limits)
/// apply; [`io::read`](crate::io::read) takes others.
pub fn read(text: &str) -> Result<Document> {
    read_with_limits(text, &crate::Limits::DEFAULT)
}

/// [`read`] within `limits`: the text's size first, then the project's counts.
pub fn read_with_limits(text: &str, limits: &crate::Limits) -> Result<Document> {
    read_ticked(text, limits, &mut crate::io::Ticker::none())
}

/// [`read_with_limits`] reporting to `tick`.
pub(crate) fn read_ticked(
    text: &str,
    limits: &crate::Limits,
    tick: &mut crate::io::Ticker<'_, '_>,
) -> Result<Document> {
    limits.check_input(text.len())?;
    let doc = read_unchecked(text, tick)?;
    limits.check_project(&doc.project)?;
    Ok(doc)
}

/// [`read`] without limits.
fn read_unchecked(text: &str, tick: &mut crate::io::Ticker<'_, '_>) -> Result<Document> {
    // The fast path, tasks and links borrowing their text from `text`; on a bad document,
    // read again keeping track of the path for the error. WebAssembly reads the owned
    // document in one pass instead (the same project, or the same error): the borrowed
    // readers cost more than the package's 450 KB budget leaves (core/DESIGN.md
    // "WebAssembly size").
    if cfg!(target_arch = "wasm32") {
        return match serde_json::from_str::<ProjectDocument>(text) {
            Ok(doc) => doc.into_document(),
            Err(_) => read_slow(text)?.into_document(),
        };
    }
    if let Some(doc) = read_streaming(text, tick)? {
        return Ok(doc);
    }
    match serde_json::from_str::<borrowed::Buffered<'_>>(text) {
        Ok(doc) => convert(doc),
        Err(_) => read_slow(text)?.into_document(),
    }
}

/// Reads a document in two passes: the first reads all but the tasks and links (counting
/// them), the second adds tasks and links to the project as it parses them, so that neither
/// list is held in memory. `None` on any error, and when the links come before the tasks: the
/// caller then reads the document in one pass, which gives the same project, or the error.
/// `Err` only when `tick` cancels the read between the passes.
fn read_streaming(text: &str, tick: &mut crate::io::Ticker<'_, '_>) -> Result<Option<Document>> {
    let Ok(outline) = serde_json::from_str(text) else {
        return Ok(None);
    };
    tick.at(1, 2)?;
    Ok(read_second_pass(text, outline))
}

/// The second pass of [`read_streaming`].
fn read_second_pass(
    text: &str,
    mut outline: borrowed::BorrowedDocument<borrowed::Count, borrowed::Count>,
) -> Option<Document> {
    let (tasks, links) = (outline.tasks.0, outline.links.0);
    let mut r = Reader::begin(&mut outline, tasks, links).ok()?;
    let mut de = serde_json::Deserializer::from_str(text);
    serde::Deserializer::deserialize_map(&mut de, borrowed::Stream(&mut r)).ok()?;
    r.finish(outline).ok()
}

/// Reads a document tracking the JSON path, for the error of a document that does not read.
fn read_slow(text: &str) -> Result<ProjectDocument> {
    let mut de = serde_json::Deserializer::from_str(text);
    let doc: ProjectDocument = match serde_path_to_error::deserialize(&mut de) {
        Ok(d) => d,
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.inner();
            let path = if path == "." { String::new() } else { path };
            let item = if path.is_empty() {
                None
            } else {
                item_at(text, &path)
            };
            let mut message = inner.to_string();
            // serde_json appends " at line L column C"; we report those separately.
            if let Some(k) = message.rfind(" at line ") {
                message.truncate(k);
            }
            return Err(Error::Json(Box::new(crate::error::JsonError {
                item,
                path,
                line: inner.line(),
                column: inner.column(),
                message,
            })));
        }
    };
    de.end().map_err(|e| {
        Error::Json(Box::new(crate::error::JsonError {
            item: None,
            path: String::new(),
            line: e.line(),
            column: e.column(),
            message: "trailing characters after the document".to_owned(),
        }))
    })?;
    Ok(doc)
}

/// An amount of money from a document number (at most two decimals, not negative).
fn money(
    n: Option<&serde_json::Number>,
    item: &dyn Fn() -> Item,
    field: &str,
) -> Result<Option<Money>> {
    let Some(n) = n else { return Ok(None) };
    n.as_f64()
        .filter(|v| *v >= 0.0)
        .and_then(Money::from_value)
        .map(Some)
        .ok_or_else(|| {
            Error::invalid(
                item(),
                field,
                format!("{n}: expected an amount of at least 0 with at most two decimals"),
            )
        })
}

/// The document number of an amount of money (an integer when it is whole).
fn money_json(m: Money) -> serde_json::Number {
    if m.cents() % 100 == 0 {
        serde_json::Number::from(m.cents() / 100)
    } else {
        serde_json::Number::from_f64(m.value()).unwrap_or_else(|| serde_json::Number::from(0))
    }
}

/// A visibility from its document text.
fn visibility(s: Option<&str>, item: &dyn Fn() -> Item) -> Result<Visibility> {
    match s {
        None | Some("client") => Ok(Visibility::Client),
        Some("internal") => Ok(Visibility::Internal),
        Some(x) => Err(Error::invalid(
            item(),
            "visibility",
            format!("{x:?}: expected client or internal"),
        )),
    }
}

fn task_type(s: Option<&str>, item: &dyn Fn() -> Item) -> Result<TaskType> {
    match s {
        None | Some("fixed_units") => Ok(TaskType::FixedUnits),
        Some("fixed_duration") => Ok(TaskType::FixedDuration),
        Some("fixed_work") => Ok(TaskType::FixedWork),
        Some(x) => Err(Error::invalid(
            item(),
            "task_type",
            format!("{x:?}: expected fixed_units, fixed_duration or fixed_work"),
        )),
    }
}

/// Gives each task with `work` and no `duration` the duration its work and units give
/// ([`Project::work_duration`]); a duration given is kept (Microsoft Project's files carry
/// both, and resource calendars or contours can make them differ).
fn resource_driven(p: &mut Project, worked: &[(TaskIndex, bool)]) -> Result<()> {
    if worked.iter().all(|&(_, given)| given) {
        return Ok(());
    }
    let derived = p.work_durations();
    for &(i, given) in worked {
        if given || p.is_summary(i) {
            continue;
        }
        let Some(d) = derived[i.index()] else {
            continue;
        };
        let t = p.task(i);
        if t.milestone {
            return Err(Error::invalid(
                Item::Task(t.id.clone()),
                "work",
                "a milestone has no work; drop `milestone` or the work",
            ));
        }
        p.task_mut(i).duration = d;
    }
    Ok(())
}

fn task_type_json(t: TaskType) -> Option<String> {
    match t {
        TaskType::FixedUnits => None,
        TaskType::FixedDuration => Some("fixed_duration".into()),
        TaskType::FixedWork => Some("fixed_work".into()),
    }
}

fn visibility_json(v: Visibility) -> Option<String> {
    (v == Visibility::Internal).then(|| "internal".to_owned())
}

/// Parses a date-time, or a bare date completed with `default_minute`.
fn parse_when(s: &str, default_minute: u16) -> Result<DateTime> {
    if s.len() == 10 {
        let d: Date = s.parse()?;
        return Ok(d.at(default_minute as u32));
    }
    s.parse()
}

impl ProjectDocument {
    /// The project and options this document describes, with every value checked; errors
    /// name the item and field.
    ///
    /// ```
    /// use jindu::io::json::{ProjectDocument, TaskInput};
    /// let doc = ProjectDocument {
    ///     name: "Demo".into(),
    ///     start: Some("2026-01-05".into()),
    ///     tasks: vec![TaskInput { id: "A".into(), duration: Some("2d".into()), ..TaskInput::default() }],
    ///     ..ProjectDocument::default()
    /// };
    /// let d = doc.into_document()?;
    /// assert_eq!(d.project.len(), 1);
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn into_document(self) -> Result<Document> {
        convert(self.into())
    }

    /// The document form of `project` with `options` (what [`write()`] serialises).
    pub fn from_project(project: &Project, options: &ScheduleOptions) -> ProjectDocument {
        document_of(project, options)
    }
}

/// A document being converted into a project, part by part: the header, then tasks, then
/// links, then the rest (so that a reader can add tasks and links as it parses them).
struct Reader {
    /// The project so far.
    p: Project,
    /// Its duration settings.
    settings: DurationSettings,
    /// The time a bare start date means.
    ds: u16,
    /// The time a bare finish date means.
    df: u16,
    /// Whether the project is scheduled from its finish.
    from_finish: bool,
    /// Tasks with a parent, and the parent's key, set once all tasks are in.
    parents: Vec<(TaskIndex, String)>,
    /// How many links have been added (the index of the next in the document's `links`).
    links_read: usize,
    /// The tasks' estimates, by task key.
    estimates: Vec<(String, crate::risk::input::EstimateInput)>,
    /// Tasks with `work`, and whether their `duration` was given: their durations follow
    /// from the work once the assignments are in.
    worked: Vec<(TaskIndex, bool)>,
}

impl Reader {
    /// Reads the document's header and calendars (taking them out of `d`), for a project of
    /// `tasks` tasks and `links` links.
    fn begin<T, L>(
        d: &mut borrowed::BorrowedDocument<T, L>,
        tasks: usize,
        links: usize,
    ) -> Result<Reader> {
        if let Some(v) = d.version {
            if v != VERSION {
                return Err(Error::UnsupportedVersion(v));
            }
        }
        let proj = Item::Project;
        let clock = |s: &Option<String>, field: &str, dflt: u16| -> Result<u16> {
            match s {
                None => Ok(dflt),
                Some(s) => parse_clock(s)
                    .filter(|&m| m < 1440)
                    .map(|m| m as u16)
                    .ok_or_else(|| {
                        Error::invalid(
                            Item::Project,
                            field,
                            format!("invalid time {s:?}: expected HH:MM"),
                        )
                    }),
            }
        };
        let ds = clock(&d.default_start_time, "default_start_time", 8 * 60)?;
        let df = clock(&d.default_finish_time, "default_finish_time", 17 * 60)?;
        let at = |s: &str, item: &Item, field: &str, finish: bool| {
            parse_when(s, if finish { df } else { ds }).map_err(|e| e.at(item, field))
        };

        let from = match (&d.start, &d.finish) {
            (Some(s), None) => ScheduleFrom::Start(at(s, &proj, "start", false)?),
            (None, Some(f)) => ScheduleFrom::Finish(at(f, &proj, "finish", true)?),
            (Some(_), Some(_)) => return Err(Error::invalid(
                proj,
                "finish",
                "give either `start` (schedule forward) or `finish` (schedule backward), not both",
            )),
            (None, None) => {
                return Err(Error::invalid(
                    proj,
                    "start",
                    "the project needs a `start` (or a `finish`)",
                ))
            }
        };
        let from_finish = matches!(from, ScheduleFrom::Finish(_));
        let mut p = match from {
            ScheduleFrom::Start(s) => Project::new(std::mem::take(&mut d.name), s),
            ScheduleFrom::Finish(f) => Project::new_from_finish(std::mem::take(&mut d.name), f),
        };
        p.set_default_times(ds, df)?;
        p.reserve(tasks, links);

        let mut settings = DurationSettings::default();
        if let Some(h) = d.hours_per_day {
            settings.minutes_per_day = whole_minutes(h * 60.0, 1440).ok_or_else(|| {
                Error::invalid(
                    Item::Project,
                    "hours_per_day",
                    "expected hours that give whole minutes, 0 < h <= 24",
                )
            })?;
            settings.minutes_per_week = settings.minutes_per_day * 5;
        }
        match (d.days_per_week, d.hours_per_week) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid(
                    Item::Project,
                    "hours_per_week",
                    "give days_per_week or hours_per_week, not both",
                ))
            }
            (Some(w), None) => {
                settings.minutes_per_week =
                    whole_minutes(w * settings.minutes_per_day as f64, 10_080)
                        .filter(|_| w <= 7.0)
                        .ok_or_else(|| {
                            Error::invalid(
                                Item::Project,
                                "days_per_week",
                                "expected 0 < days <= 7 that give whole minutes",
                            )
                        })?;
            }
            (None, Some(h)) => {
                settings.minutes_per_week = whole_minutes(h * 60.0, 10_080).ok_or_else(|| {
                    Error::invalid(
                        Item::Project,
                        "hours_per_week",
                        "expected hours that give whole minutes, 0 < h <= 168",
                    )
                })?;
            }
            (None, None) => {}
        }
        if let Some(m) = d.days_per_month {
            if m == 0 || m > 31 {
                return Err(Error::invalid(
                    Item::Project,
                    "days_per_month",
                    "expected 1 to 31 days",
                ));
            }
            settings.days_per_month = m as i64;
        }
        p.set_settings(settings)?;
        if let Some(s) = &d.status_date {
            p.set_status_date(Some(at(s, &proj, "status_date", true)?));
        }
        match (d.priority, &d.ranking) {
            (Some(_), Some(_)) => {
                return Err(Error::invalid(
                    Item::Project,
                    "ranking",
                    "give priority or ranking, not both",
                ))
            }
            (Some(n), None) => p.set_priority(ProjectPriority::Number(n))?,
            (None, Some(r)) => {
                let r = ProjectPriority::Ranking(Ranking {
                    value: r.value,
                    urgency: r.urgency,
                });
                p.set_priority(r).map_err(|e| match e {
                    Error::Invalid {
                        item,
                        field,
                        message,
                        path,
                    } => Error::Invalid {
                        item,
                        field: format!("ranking.{field}"),
                        message,
                        path,
                    },
                    e => e,
                })?
            }
            (None, None) => {}
        }

        for (k, c) in std::mem::take(&mut d.calendars).into_iter().enumerate() {
            Self::calendar(&mut p, c).map_err(|e| e.in_list("calendars", k))?;
        }
        if let Some(c) = d.calendar.take() {
            p.set_calendar(CalendarId::new(c))?;
        }

        Ok(Reader {
            settings: *p.settings(),
            p,
            ds,
            df,
            from_finish,
            parents: Vec::new(),
            estimates: Vec::new(),
            worked: Vec::new(),
            links_read: 0,
        })
    }
    /// Adds calendar `c` to `p`.
    fn calendar(p: &mut Project, c: CalendarInput) -> Result<()> {
        let item = Item::Calendar(CalendarId::new(c.id.clone()));
        let mut cal = Calendar::new(c.id.as_str());
        cal.name = c.name.unwrap_or_default();
        cal.base = c.base.map(CalendarId::new);
        if let Some(w) = &c.week {
            for (k, day) in w.days().into_iter().enumerate() {
                if let Some(list) = day {
                    let key = Weekday::ALL[k].key();
                    let v = list
                        .iter()
                        .enumerate()
                        .map(|(j, s)| {
                            s.parse::<WorkingTime>().map_err(|e| {
                                e.at(&item, key).with_path(|| format!("week.{key}[{j}]"))
                            })
                        })
                        .collect::<Result<Vec<_>>>()?;
                    cal.week[k] = Some(v);
                }
            }
            if cal.base.is_none() {
                for day in cal.week.iter_mut() {
                    day.get_or_insert_with(Vec::new);
                }
            }
        } else if cal.base.is_none() {
            return Err(Error::invalid(
                item,
                "week",
                "a calendar without a `base` needs a `week`",
            ));
        }
        for (j, ex) in c.exceptions.into_iter().enumerate() {
            let exception = || -> Result<CalendarException> {
                let date = |s: &Option<String>, f: &str| -> Result<Option<Date>> {
                    s.as_deref()
                        .map(|s| s.parse::<Date>().map_err(|e| e.at(&item, f)))
                        .transpose()
                };
                let (from, to) = match (
                    date(&ex.date, "exceptions.date")?,
                    date(&ex.from, "exceptions.from")?,
                ) {
                    (Some(d), None) if ex.to.is_none() => (d, d),
                    (None, Some(f)) => (f, date(&ex.to, "exceptions.to")?.unwrap_or(f)),
                    _ => {
                        return Err(Error::invalid(
                            item.clone(),
                            "exceptions",
                            "an exception has either `date`, or `from` (and optionally `to`)",
                        ))
                    }
                };
                let working = ex
                    .working
                    .iter()
                    .map(|s| {
                        s.parse::<WorkingTime>()
                            .map_err(|e| e.at(&item, "exceptions.working"))
                    })
                    .collect::<Result<Vec<_>>>()?;
                Ok(CalendarException {
                    name: ex.name.clone().unwrap_or_default(),
                    from: Some(from),
                    to: Some(to),
                    working,
                })
            };
            let ex = exception().map_err(|e| e.in_list("exceptions", j))?;
            cal.exceptions.push(ex);
        }
        p.add_calendar(cal)
    }

    /// Adds a task.
    fn task(&mut self, t: borrowed::BorrowedTask<'_>) -> Result<()> {
        let (ds, df, settings) = (self.ds, self.df, self.settings);
        let at = |s: &str, item: &Item, field: &str, finish: bool| {
            parse_when(s, if finish { df } else { ds }).map_err(|e| e.at(item, field))
        };
        if let Some(e) = t.estimate {
            self.estimates.push((t.id.to_string(), *e));
        }
        // The item of an error, built only on an error.
        let item = || Item::Task(TaskId::new(&*t.id));
        let duration = match &t.duration {
            Some(s) => Duration::parse(s, &settings).map_err(|e| e.at(&item(), "duration"))?,
            None => Duration::ZERO,
        };
        let date = |s: &Option<std::borrow::Cow<'_, str>>,
                    f: &str,
                    finish: bool|
         -> Result<Option<DateTime>> {
            s.as_deref()
                .map(|s| parse_when(s, if finish { df } else { ds }).map_err(|e| e.at(&item(), f)))
                .transpose()
        };
        let date_s = |s: &Option<String>, f: &str, finish: bool| -> Result<Option<DateTime>> {
            s.as_deref()
                .map(|s| parse_when(s, if finish { df } else { ds }).map_err(|e| e.at(&item(), f)))
                .transpose()
        };
        let constraint = match &t.constraint {
            None => {
                if self.from_finish {
                    Constraint::AsLateAsPossible
                } else {
                    Constraint::AsSoonAsPossible
                }
            }
            Some(c) => {
                let finish = matches!(
                    c.kind.to_ascii_uppercase().as_str(),
                    "FNET" | "FNLT" | "MFO"
                );
                let when = date_s(&c.date, "constraint.date", finish)?;
                Constraint::from_code(&c.kind, when).map_err(|e| e.at(&item(), "constraint"))?
            }
        };
        let pinned = match &t.pinned {
            None => None,
            Some(pj) => Some(Pin {
                start: at(&pj.start, &item(), "pinned.start", false)?,
                finish: date_s(&pj.finish, "pinned.finish", true)?,
            }),
        };
        let mut baselines = Vec::new();
        for (j, b) in t.baselines.iter().enumerate() {
            let baseline = || -> Result<Baseline> {
                Ok(Baseline {
                    number: b.number,
                    start: date_s(&b.start, "baselines.start", false)?,
                    finish: date_s(&b.finish, "baselines.finish", true)?,
                    duration: b
                        .duration
                        .as_deref()
                        .map(|s| {
                            Duration::parse(s, &settings)
                                .map_err(|e| e.at(&item(), "baselines.duration"))
                        })
                        .transpose()?,
                    work: b
                        .work
                        .as_deref()
                        .map(|s| {
                            Duration::parse(s, &settings)
                                .map_err(|e| e.at(&item(), "baselines.work"))
                        })
                        .transpose()?,
                    cost: money(b.cost.as_ref(), &item, "baselines.cost")?,
                })
            };
            baselines.push(baseline().map_err(|e| e.in_list("baselines", j))?);
        }
        let task = Task {
            id: TaskId::new(&*t.id),
            name: t.name.to_string(),
            duration,
            milestone: t.milestone,
            parent: None,
            calendar: t.calendar.as_deref().map(CalendarId::new),
            constraint,
            deadline: date(&t.deadline, "deadline", true)?,
            priority: t.priority.unwrap_or(500),
            pinned,
            progress: Progress {
                percent_complete: t.percent_complete.unwrap_or(0),
                actual_start: date(&t.actual_start, "actual_start", false)?,
                actual_finish: date(&t.actual_finish, "actual_finish", true)?,
                remaining_duration: t
                    .remaining_duration
                    .as_deref()
                    .map(|s| {
                        Duration::parse(s, &settings)
                            .map_err(|e| e.at(&item(), "remaining_duration"))
                    })
                    .transpose()?,
                actual_work: t
                    .actual_work
                    .as_deref()
                    .map(|s| {
                        Duration::parse(s, &settings).map_err(|e| e.at(&item(), "actual_work"))
                    })
                    .transpose()?,
            },
            baselines,
            cost: money(t.cost.as_deref(), &item, "cost")?,
            actual_cost: money(t.actual_cost.as_deref(), &item, "actual_cost")?,
            visibility: visibility(t.visibility.as_deref(), &item)?,
            splits: t
                .splits
                .iter()
                .enumerate()
                .map(|(j, sp)| {
                    let d = |s: &str, f: &str| {
                        Duration::parse(s, &settings)
                            .map_err(|e| e.at(&item(), f).in_list("splits", j))
                    };
                    Ok(Split {
                        after: d(&sp.after, "splits.after")?,
                        pause: d(&sp.pause, "splits.pause")?,
                    })
                })
                .collect::<Result<Vec<_>>>()?,
            task_type: task_type(t.task_type.as_deref(), &item)?,
            effort_driven: t.effort_driven,
            work: t
                .work
                .as_deref()
                .map(|s| Duration::parse(s, &settings).map_err(|e| e.at(&item(), "work")))
                .transpose()?,
        };
        let worked = task.work.is_some();
        let i = self.p.add_task(task)?;
        if worked {
            self.worked.push((i, t.duration.is_some()));
        }
        if let Some(par) = t.parent {
            self.parents.push((i, par.into_owned()));
        }
        Ok(())
    }

    /// Sets the parents of the tasks added, once all are.
    fn end_tasks(&mut self) -> Result<()> {
        // All keys first, then every parent at once ([`Project::set_parents`]: linear, where
        // one `set_parent` after another is quadratic on a deep tree).
        let mut pairs = Vec::with_capacity(self.parents.len());
        for (i, par) in std::mem::take(&mut self.parents) {
            let pi = self.p.index_of(&par).ok_or_else(|| Error::UnknownTask {
                id: TaskId::new(&*par),
                by: Item::Task(self.p.task(i).id.clone()),
            })?;
            pairs.push((i, pi));
        }
        self.p.set_parents(&pairs)
    }

    /// Adds the links of `batch` in order, emptying it (after [`Reader::end_tasks`]).
    ///
    /// The keys of the whole batch are looked up first: each lookup is a cache miss or two
    /// in a large project, and lookups that do not wait on each other overlap.
    fn links(&mut self, batch: &mut Vec<borrowed::BorrowedLink<'_>>) -> Result<()> {
        let ends: Vec<_> = batch
            .iter()
            .map(|l| (self.p.index_of(&l.from), self.p.index_of(&l.to)))
            .collect();
        for (l, (from, to)) in batch.drain(..).zip(ends) {
            let k = self.links_read;
            self.link(l, from, to).map_err(|e| e.in_list("links", k))?;
            self.links_read += 1;
        }
        Ok(())
    }

    /// Adds link `l`, whose tasks' indices (`None` for an unknown key) are `from` and `to`.
    fn link(
        &mut self,
        l: borrowed::BorrowedLink<'_>,
        from: Option<TaskIndex>,
        to: Option<TaskIndex>,
    ) -> Result<()> {
        // The item of an error, built only on an error.
        let item = || Item::Link {
            from: TaskId::new(&*l.from),
            to: TaskId::new(&*l.to),
        };
        let known = |i: Option<TaskIndex>, k: &str| {
            i.ok_or_else(|| Error::UnknownTask {
                id: TaskId::new(k),
                by: item(),
            })
        };
        let (from, to) = (known(from, &l.from)?, known(to, &l.to)?);
        let kind = match l.kind.as_deref() {
            None | Some("FS") => LinkType::FinishToStart,
            Some(k) => k.parse::<LinkType>().map_err(|e| e.at(&item(), "type"))?,
        };
        let lag = match &l.lag {
            Some(s) => Lag::parse(s, &self.settings).map_err(|e| e.at(&item(), "lag"))?,
            None => Lag::ZERO,
        };
        self.p.add_link(Link {
            from,
            to,
            kind,
            lag,
        })?;
        Ok(())
    }

    /// Adds the resources, assignments, risk model and options of `d` to the project.
    fn finish<T, L>(self, d: borrowed::BorrowedDocument<T, L>) -> Result<Document> {
        let Reader {
            mut p,
            settings,
            estimates,
            df,
            worked,
            ..
        } = self;
        let risk_in = crate::risk::input::RiskInputs {
            risks: d.risks,
            correlations: d.correlations,
            history: d.history,
            estimates,
        };
        for (k, r) in d.resources.into_iter().enumerate() {
            let item = Item::Resource(ResourceId::new(r.id.clone()));
            let in_list = |e: Error| e.in_list("resources", k);
            let kind = match r.kind.as_deref() {
                None | Some("work") => ResourceKind::Work,
                Some("material") => ResourceKind::Material,
                Some("cost") => ResourceKind::Cost,
                Some(other) => {
                    return Err(in_list(Error::invalid(
                        item,
                        "kind",
                        format!("unknown resource kind {other:?}: expected work, material or cost"),
                    )))
                }
            };
            p.add_resource(Resource {
                id: ResourceId::new(r.id),
                name: r.name,
                kind,
                max_units: r.max_units.unwrap_or(100),
                calendar: r.calendar.map(CalendarId::new),
                visibility: visibility(r.visibility.as_deref(), &|| item.clone())
                    .map_err(&in_list)?,
                availability: r
                    .availability
                    .iter()
                    .enumerate()
                    .map(|(j, a)| {
                        let at = |s: &str, f: &str| {
                            parse_when(s, 0).map_err(|e| {
                                let e = e.at(&item, "availability");
                                in_list(e.with_path(|| format!("availability[{j}].{f}")))
                            })
                        };
                        Ok(Availability {
                            from: at(&a.from, "from")?,
                            to: at(&a.to, "to")?,
                            max_units: a.max_units,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?,
                standard_rate: money(r.standard_rate.as_ref(), &|| item.clone(), "standard_rate")
                    .map_err(&in_list)?,
                overtime_rate: money(r.overtime_rate.as_ref(), &|| item.clone(), "overtime_rate")
                    .map_err(&in_list)?,
                cost_per_use: money(r.cost_per_use.as_ref(), &|| item.clone(), "cost_per_use")
                    .map_err(&in_list)?,
                group: r.group,
                rates: r
                    .rates
                    .iter()
                    .enumerate()
                    .map(|(j, x)| {
                        let at =
                            |e: Error, f: &str| in_list(e.with_path(|| format!("rates[{j}].{f}")));
                        let m = |v: Option<&serde_json::Number>, f: &str| {
                            money(v, &|| item.clone(), "rates").map_err(|e| at(e, f))
                        };
                        Ok(RateChange {
                            from: parse_when(&x.from, 0)
                                .map_err(|e| at(e.at(&item, "rates"), "from"))?,
                            standard_rate: m(x.standard_rate.as_ref(), "standard_rate")?,
                            overtime_rate: m(x.overtime_rate.as_ref(), "overtime_rate")?,
                            cost_per_use: m(x.cost_per_use.as_ref(), "cost_per_use")?,
                        })
                    })
                    .collect::<Result<Vec<_>>>()?,
            })
            .map_err(&in_list)?;
        }
        for (k, a) in d.assignments.into_iter().enumerate() {
            let in_list = |e: Error| e.in_list("assignments", k);
            let item = Item::Assignment {
                task: TaskId::new(a.task.clone()),
                resource: ResourceId::new(a.resource.clone()),
            };
            let task = p.index_of(&a.task).ok_or_else(|| Error::UnknownTask {
                id: TaskId::new(a.task.clone()),
                by: item.clone(),
            })?;
            let resource = p
                .resource_index(&a.resource)
                .ok_or_else(|| Error::UnknownResource {
                    id: ResourceId::new(a.resource.clone()),
                    by: item.clone(),
                })?;
            let work = a
                .work
                .as_deref()
                .map(|s| Duration::parse(s, &settings).map_err(|e| in_list(e.at(&item, "work"))))
                .transpose()?;
            let actual_work = a
                .actual_work
                .as_deref()
                .map(|s| {
                    Duration::parse(s, &settings).map_err(|e| in_list(e.at(&item, "actual_work")))
                })
                .transpose()?;
            let cost = money(a.cost.as_ref(), &|| item.clone(), "cost").map_err(&in_list)?;
            p.add_assignment(Assignment {
                task,
                resource,
                units: a.units.unwrap_or(100),
                work,
                actual_work,
                cost,
            })
            .map_err(in_list)?;
        }
        resource_driven(&mut p, &worked)?;

        if risk_in != crate::risk::input::RiskInputs::default() {
            let m = risk_in.to_model(&p)?;
            p.set_risk(m)?;
        }
        let options = match d.options {
            None => ScheduleOptions::default(),
            Some(o) => convert_options(o, &settings, df)?,
        };
        Ok(Document {
            project: p,
            options,
        })
    }
}

/// How many links [`Reader::links`] takes at a time.
const LINK_BATCH: usize = 256;

/// Converts a whole deserialised document.
fn convert(d: borrowed::Buffered<'_>) -> Result<Document> {
    convert_parts(d).map_err(Error::at_top)
}

/// [`convert`], errors in list elements with their path.
fn convert_parts(mut d: borrowed::Buffered<'_>) -> Result<Document> {
    let tasks = std::mem::take(&mut d.tasks);
    let links = std::mem::take(&mut d.links);
    let mut r = Reader::begin(&mut d, tasks.len(), links.len())?;
    for (k, t) in tasks.into_iter().enumerate() {
        r.task(t).map_err(|e| e.in_list("tasks", k))?;
    }
    r.end_tasks()?;
    let mut batch = Vec::with_capacity(LINK_BATCH);
    for l in links {
        batch.push(l);
        if batch.len() == LINK_BATCH {
            r.links(&mut batch)?;
        }
    }
    r.links(&mut batch)?;
    r.finish(d)
}

fn convert_options(
    o: OptionsInput,
    settings: &DurationSettings,
    default_finish: u16,
) -> Result<ScheduleOptions> {
    let item = Item::Project;
    let mut opts = ScheduleOptions::default();
    let threshold = match &o.critical_float {
        Some(s) => {
            Duration::parse(s, settings).map_err(|e| e.at(&item, "options.critical_float"))?
        }
        None => Duration::ZERO,
    };
    opts.critical = match o.critical_by.as_deref() {
        None | Some("total_float") => Criticality::TotalFloat(threshold),
        Some("longest_path") => Criticality::LongestPath,
        Some(x) => {
            return Err(Error::invalid(
                item,
                "options.critical_by",
                format!("{x:?}: expected total_float or longest_path"),
            ))
        }
    };
    opts.float_basis = match o.float_basis.as_deref() {
        None | Some("smaller") => FloatBasis::Smaller,
        Some("start") => FloatBasis::Start,
        Some("finish") => FloatBasis::Finish,
        Some(x) => {
            return Err(Error::invalid(
                item,
                "options.float_basis",
                format!("{x:?}: expected smaller, start or finish"),
            ))
        }
    };
    opts.lag_calendar = match o.lag_calendar.as_deref() {
        None | Some("successor") => LagCalendar::Successor,
        Some("predecessor") => LagCalendar::Predecessor,
        Some("project") => LagCalendar::Project,
        Some("24h") => LagCalendar::TwentyFourHour,
        Some(x) => {
            return Err(Error::invalid(
                item,
                "options.lag_calendar",
                format!("{x:?}: expected successor, predecessor, project or 24h"),
            ))
        }
    };
    opts.honor_constraints = o.honor_constraints.unwrap_or(true);
    if let Some(s) = &o.status_date {
        // A bare date is the end of that day, as the project's status date.
        opts.status_date =
            Some(parse_when(s, default_finish).map_err(|e| e.at(&item, "options.status_date"))?);
    }
    opts.out_of_sequence = match o.out_of_sequence.as_deref() {
        None | Some("retained_logic") => OutOfSequence::RetainedLogic,
        Some("progress_override") => OutOfSequence::ProgressOverride,
        Some(x) => {
            return Err(Error::invalid(
                item,
                "options.out_of_sequence",
                format!("{x:?}: expected retained_logic or progress_override"),
            ))
        }
    };
    Ok(opts)
}

fn options_json(o: &ScheduleOptions, settings: &DurationSettings) -> Option<OptionsInput> {
    let d = ScheduleOptions::default();
    if o.critical == d.critical
        && o.float_basis == d.float_basis
        && o.lag_calendar == d.lag_calendar
        && o.honor_constraints == d.honor_constraints
        && o.status_date == d.status_date
        && o.out_of_sequence == d.out_of_sequence
    {
        return None;
    }
    let mut j = OptionsInput::default();
    match o.critical {
        Criticality::TotalFloat(t) if !t.is_zero() => {
            j.critical_float = Some(t.display(settings).to_string())
        }
        Criticality::TotalFloat(_) => {}
        Criticality::LongestPath => j.critical_by = Some("longest_path".into()),
    }
    j.float_basis = match o.float_basis {
        FloatBasis::Smaller => None,
        FloatBasis::Start => Some("start".into()),
        FloatBasis::Finish => Some("finish".into()),
    };
    j.lag_calendar = match o.lag_calendar {
        LagCalendar::Successor => None,
        LagCalendar::Predecessor => Some("predecessor".into()),
        LagCalendar::Project => Some("project".into()),
        LagCalendar::TwentyFourHour => Some("24h".into()),
    };
    j.honor_constraints = (!o.honor_constraints).then_some(false);
    j.status_date = o.status_date.map(|d| d.to_string());
    j.out_of_sequence = (o.out_of_sequence == OutOfSequence::ProgressOverride)
        .then(|| "progress_override".to_owned());
    Some(j)
}

/// Writes a document as pretty-printed JSON that [`read`] reads back to an equal document.
pub fn write(doc: &Document) -> String {
    write_project(&doc.project, &doc.options)
}

/// [`write()`] for a project and its options held apart (an engine's, say).
pub fn write_project(p: &Project, options: &ScheduleOptions) -> String {
    serde_json::to_string_pretty(&document_of(p, options)).expect("serde_json fails only on non-string map keys or a failing Serialize impl; the derived document has neither")
}

fn document_of(p: &Project, options: &ScheduleOptions) -> ProjectDocument {
    let s = p.settings();
    let dt = |d: DateTime| d.to_string();
    let (ds, df) = p.default_times();
    let clock = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
    let mut j = ProjectDocument {
        version: Some(VERSION),
        name: p.name().to_owned(),
        calendar: Some(p.calendar_id().to_string()),
        status_date: p.status_date().map(dt),
        priority: match p.priority() {
            ProjectPriority::Number(n) if n != ProjectPriority::default().level() => Some(n),
            _ => None,
        },
        ranking: match p.priority() {
            ProjectPriority::Ranking(r) => Some(RankingInput {
                value: r.value,
                urgency: r.urgency,
            }),
            ProjectPriority::Number(_) => None,
        },
        options: options_json(options, s),
        ..ProjectDocument::default()
    };
    match p.schedule_from() {
        ScheduleFrom::Start(t) => j.start = Some(dt(t)),
        ScheduleFrom::Finish(t) => j.finish = Some(dt(t)),
    }
    let dflt = DurationSettings::default();
    if s.minutes_per_day != dflt.minutes_per_day || s.minutes_per_week != dflt.minutes_per_week {
        (j.hours_per_day, j.days_per_week, j.hours_per_week) = week_fields(s);
    }
    if s.days_per_month != dflt.days_per_month {
        j.days_per_month = Some(s.days_per_month as u32);
    }
    if ds != 480 || df != 1020 {
        j.default_start_time = Some(clock(ds));
        j.default_finish_time = Some(clock(df));
    }
    for c in p.calendars() {
        let mut w = WeekInput::default();
        for (k, slot) in w.days_mut().into_iter().enumerate() {
            *slot = c.week[k]
                .as_ref()
                .map(|v| v.iter().map(|x| x.to_string()).collect());
        }
        j.calendars.push(CalendarInput {
            id: c.id.to_string(),
            name: (!c.name.is_empty()).then(|| c.name.clone()),
            base: c.base.as_ref().map(|b| b.to_string()),
            week: Some(w),
            exceptions: c
                .exceptions
                .iter()
                .map(|e| {
                    let single = e.from == e.to;
                    ExceptionInput {
                        name: (!e.name.is_empty()).then(|| e.name.clone()),
                        date: if single {
                            e.from.map(|d| d.to_string())
                        } else {
                            None
                        },
                        from: if single {
                            None
                        } else {
                            e.from.map(|d| d.to_string())
                        },
                        to: if single {
                            None
                        } else {
                            e.to.map(|d| d.to_string())
                        },
                        working: e.working.iter().map(|x| x.to_string()).collect(),
                    }
                })
                .collect(),
        });
    }
    let from_finish = matches!(p.schedule_from(), ScheduleFrom::Finish(_));
    for t in p.tasks() {
        let default_c = if from_finish {
            Constraint::AsLateAsPossible
        } else {
            Constraint::AsSoonAsPossible
        };
        j.tasks.push(TaskInput {
            id: t.id.to_string(),
            name: t.name.clone(),
            duration: (!t.duration.is_zero() || t.duration.is_elapsed())
                .then(|| t.duration.display(s).to_string()),
            milestone: t.milestone,
            parent: t.parent.map(|x| p.task(x).id.to_string()),
            calendar: t.calendar.as_ref().map(|c| c.to_string()),
            constraint: (t.constraint != default_c).then(|| ConstraintInput {
                kind: t.constraint.code().to_owned(),
                date: t.constraint.date().map(dt),
            }),
            deadline: t.deadline.map(dt),
            priority: (t.priority != 500).then_some(t.priority),
            pinned: t.pinned.map(|x| PinInput {
                start: dt(x.start),
                finish: x.finish.map(dt),
            }),
            percent_complete: (t.progress.percent_complete != 0)
                .then_some(t.progress.percent_complete),
            actual_start: t.progress.actual_start.map(dt),
            actual_finish: t.progress.actual_finish.map(dt),
            remaining_duration: t
                .progress
                .remaining_duration
                .map(|d| d.display(s).to_string()),
            actual_work: t.progress.actual_work.map(|d| d.display(s).to_string()),
            baselines: t
                .baselines
                .iter()
                .map(|b| BaselineInput {
                    number: b.number,
                    start: b.start.map(dt),
                    finish: b.finish.map(dt),
                    duration: b.duration.map(|d| d.display(s).to_string()),
                    work: b.work.map(|d| d.display(s).to_string()),
                    cost: b.cost.map(money_json),
                })
                .collect(),
            cost: t.cost.map(money_json),
            actual_cost: t.actual_cost.map(money_json),
            visibility: visibility_json(t.visibility),
            estimate: None,
            splits: t
                .splits
                .iter()
                .map(|sp| SplitInput {
                    after: sp.after.display(s).to_string(),
                    pause: sp.pause.display(s).to_string(),
                })
                .collect(),
            work: t.work.map(|w| w.display(s).to_string()),
            task_type: task_type_json(t.task_type),
            effort_driven: t.effort_driven,
        });
    }
    if !p.risk().is_empty() {
        let r = crate::risk::input::RiskInputs::of(p.risk(), s);
        for (id, e) in r.estimates {
            if let Some(i) = p.index_of(&id) {
                j.tasks[i.index()].estimate = Some(e);
            }
        }
        (j.risks, j.correlations, j.history) = (r.risks, r.correlations, r.history);
    }
    for l in p.links() {
        j.links.push(LinkInput {
            from: p.task(l.from).id.to_string(),
            to: p.task(l.to).id.to_string(),
            kind: (l.kind != LinkType::FinishToStart).then(|| l.kind.code().to_owned()),
            lag: (!l.lag.is_zero()).then(|| l.lag.display(s).to_string()),
        });
    }
    for r in p.resources() {
        j.resources.push(ResourceInput {
            id: r.id.to_string(),
            name: r.name.clone(),
            kind: match r.kind {
                ResourceKind::Work => None,
                ResourceKind::Material => Some("material".into()),
                ResourceKind::Cost => Some("cost".into()),
            },
            max_units: (r.max_units != 100).then_some(r.max_units),
            calendar: r.calendar.as_ref().map(|c| c.to_string()),
            visibility: visibility_json(r.visibility),
            availability: r
                .availability
                .iter()
                .map(|a| AvailabilityInput {
                    from: a.from.to_string(),
                    to: a.to.to_string(),
                    max_units: a.max_units,
                })
                .collect(),
            standard_rate: r.standard_rate.map(money_json),
            overtime_rate: r.overtime_rate.map(money_json),
            cost_per_use: r.cost_per_use.map(money_json),
            group: r.group.clone(),
            rates: r
                .rates
                .iter()
                .map(|x| RateInput {
                    from: x.from.to_string(),
                    standard_rate: x.standard_rate.map(money_json),
                    overtime_rate: x.overtime_rate.map(money_json),
                    cost_per_use: x.cost_per_use.map(money_json),
                })
                .collect(),
        });
    }
    for a in p.assignments() {
        j.assignments.push(AssignmentInput {
            task: p.task(a.task).id.to_string(),
            resource: p.resources()[a.resource.index()].id.to_string(),
            units: (a.units != 100).then_some(a.units),
            work: a.work.map(|w| w.display(s).to_string()),
            actual_work: a.actual_work.map(|w| w.display(s).to_string()),
            cost: a.cost.map(money_json),
        });
    }
    j
}

/// Writes a schedule as JSON: `project`, `project_start`, `project_finish`, `critical_path`
/// (keys in order), `critical_paths`, and per task `id, name, summary, milestone, start,
/// finish, early_start, early_finish, late_start, late_finish, duration, total_float_minutes,
/// free_float_minutes, total_float, free_float, critical, driver, driving_predecessors`, then
/// `violations` and `warnings` — the [`ScheduleOutput`] of the output schema.
///
/// One task per line, so the output stays readable and diffable at any size.
pub fn write_schedule(p: &Project, s: &Schedule) -> String {
    out::to_string(|w| ScheduleOutput::new(p, s).layout(w), 400 * p.len() + 256)
}

/// Writes a schedule into `w` as [`write_schedule`] does, without building the text first.
pub fn write_schedule_to<W: std::io::Write>(
    w: &mut W,
    p: &Project,
    s: &Schedule,
) -> std::io::Result<()> {
    ScheduleOutput::new(p, s).write(w)
}

/// Writes the entry of task `i` in [`write_schedule`] on its own: the same JSON object, with
/// `driving_predecessors`, for callers that want one task without writing the whole schedule.
///
/// `s` must be a schedule of `p` and `i` one of its tasks (otherwise this panics, like
/// [`Schedule::task`]).
///
/// ```
/// let doc = jindu::io::json::read(r#"{"name": "Demo", "start": "2026-01-05",
///     "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"}],
///     "links": [{"from": "A", "to": "B"}]}"#)?;
/// let s = jindu::schedule(&doc.project, &doc.options)?;
/// let b = doc.project.index_of("B").unwrap();
/// let text = jindu::io::json::write_task(&doc.project, &s, b);
/// assert!(text.starts_with(r#"{"id": "B", "name": "", "summary": false"#));
/// assert!(text.ends_with(r#""driving_predecessors": ["A"]}"#));
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn write_task(p: &Project, s: &Schedule, i: TaskIndex) -> String {
    out::to_string(|w| w.line(&TaskOutput::of_schedule(p, s, i)), 512)
}

/// Reads one value of a request type (e.g. [`crate::risk::RiskRequest`]) from JSON text; a
/// malformed or unknown field is an [`Error::Json`] with its path, line and column.
pub(crate) fn read_value<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let v = serde_path_to_error::deserialize(&mut de).map_err(json_error)?;
    de.end().map_err(|e| Error::json(e.to_string()))?;
    Ok(v)
}

fn json_error(e: serde_path_to_error::Error<serde_json::Error>) -> Error {
    let inner = e.inner();
    let mut message = inner.to_string();
    if let Some(k) = message.rfind(" at line ") {
        message.truncate(k);
    }
    let path = e.path().to_string();
    Error::Json(Box::new(crate::error::JsonError {
        item: None,
        path: if path == "." { String::new() } else { path },
        line: inner.line(),
        column: inner.column(),
        message,
    }))
}

/// Reads one edit in JSON, e.g. `{"op": "set_duration", "task": "A", "duration": "3d"}`.
///
/// Operations: `set_duration`, `set_constraint` (`constraint: {type, date}`), `set_deadline`
/// (`deadline`; absent or null clears it), `pin` (`start`, optional `finish`), `unpin`,
/// `add_link`, `set_link` and `remove_link` (`from`, `to`, optional `type` and `lag`),
/// `add_task` (`task`: a task object as in documents, whose `parent` names its summary) and
/// `remove_task`.
/// Durations and dates are read with `project`'s settings and default times.
///
/// ```
/// use jindu::{Edit, Project};
/// let p = Project::new("p", "2026-01-05T08:00".parse()?);
/// let e = jindu::io::json::read_edit(r#"{"op": "set_duration", "task": "A", "duration": "3d"}"#, &p)?;
/// assert_eq!(e, Edit::SetDuration { task: "A".into(), duration: jindu::Duration::days(3) });
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn read_edit(text: &str, project: &Project) -> Result<Edit> {
    let mut de = serde_json::Deserializer::from_str(text);
    let j: EditInput = serde_path_to_error::deserialize(&mut de).map_err(json_error)?;
    j.into_edit(project)
}

impl EditInput {
    /// The edit this input stands for, its durations and dates read with `project`'s settings
    /// and default times.
    ///
    /// ```
    /// use jindu::io::json::EditInput;
    /// use jindu::{Duration, Edit, Project};
    /// let p = Project::new("p", "2026-01-05T08:00".parse()?);
    /// let input = EditInput::SetDuration { task: "A".into(), duration: "3d".into() };
    /// assert_eq!(input.into_edit(&p)?, Edit::SetDuration { task: "A".into(), duration: Duration::days(3) });
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn into_edit(self, project: &Project) -> Result<Edit> {
        edit_from(self, project)
    }
}

fn edit_from(j: EditInput, project: &Project) -> Result<Edit> {
    let settings = *project.settings();
    let (ds, df) = project.default_times();
    let when = |s: &str, item: &Item, field: &str, finish: bool| {
        parse_when(s, if finish { df } else { ds }).map_err(|e| e.at(item, field))
    };
    let link_parts = |from: &str,
                      to: &str,
                      kind: &Option<String>,
                      lag: &Option<String>|
     -> Result<(LinkType, Lag)> {
        let item = Item::Link {
            from: TaskId::new(from),
            to: TaskId::new(to),
        };
        let kind = match kind {
            Some(k) => k.parse::<LinkType>().map_err(|e| e.at(&item, "type"))?,
            None => LinkType::FinishToStart,
        };
        let lag = match lag {
            Some(s) => Lag::parse(s, &settings).map_err(|e| e.at(&item, "lag"))?,
            None => Lag::ZERO,
        };
        Ok((kind, lag))
    };
    Ok(match j {
        EditInput::SetDuration { task, duration } => {
            let item = Item::Task(TaskId::new(task.clone()));
            Edit::SetDuration {
                duration: Duration::parse(&duration, &settings)
                    .map_err(|e| e.at(&item, "duration"))?,
                task: TaskId::new(task),
            }
        }
        EditInput::SetConstraint { task, constraint } => {
            let item = Item::Task(TaskId::new(task.clone()));
            let finish = matches!(
                constraint.kind.to_ascii_uppercase().as_str(),
                "FNET" | "FNLT" | "MFO"
            );
            let date = constraint
                .date
                .as_deref()
                .map(|d| when(d, &item, "constraint.date", finish))
                .transpose()?;
            Edit::SetConstraint {
                constraint: Constraint::from_code(&constraint.kind, date)
                    .map_err(|e| e.at(&item, "constraint"))?,
                task: TaskId::new(task),
            }
        }
        EditInput::SetDeadline { task, deadline } => {
            let item = Item::Task(TaskId::new(task.clone()));
            Edit::SetDeadline {
                deadline: deadline
                    .as_deref()
                    .map(|d| when(d, &item, "deadline", true))
                    .transpose()?,
                task: TaskId::new(task),
            }
        }
        EditInput::Pin {
            task,
            start,
            finish,
        } => {
            let item = Item::Task(TaskId::new(task.clone()));
            Edit::Pin {
                pin: Some(Pin {
                    start: when(&start, &item, "start", false)?,
                    finish: finish
                        .as_deref()
                        .map(|f| when(f, &item, "finish", true))
                        .transpose()?,
                }),
                task: TaskId::new(task),
            }
        }
        EditInput::Unpin { task } => Edit::Pin {
            task: TaskId::new(task),
            pin: None,
        },
        EditInput::AddLink {
            from,
            to,
            kind,
            lag,
        } => {
            let (kind, lag) = link_parts(&from, &to, &kind, &lag)?;
            Edit::AddLink {
                from: TaskId::new(from),
                to: TaskId::new(to),
                kind,
                lag,
            }
        }
        EditInput::SetLink {
            from,
            to,
            kind,
            lag,
        } => {
            let (kind, lag) = link_parts(&from, &to, &kind, &lag)?;
            Edit::SetLink {
                from: TaskId::new(from),
                to: TaskId::new(to),
                kind,
                lag,
            }
        }
        EditInput::RemoveLink { from, to } => Edit::RemoveLink {
            from: TaskId::new(from),
            to: TaskId::new(to),
        },
        EditInput::AddTask { task } => {
            let mut task = *task;
            let parent = task.parent.take().map(TaskId::new);
            let calendar = task.calendar.take().map(CalendarId::new);
            // Reuse the document reader for the task's own fields.
            let (hours_per_day, days_per_week, hours_per_week) = week_fields(&settings);
            let doc = ProjectDocument {
                name: String::new(),
                start: Some("2000-01-03T08:00:00".to_owned()),
                hours_per_day,
                days_per_week,
                hours_per_week,
                days_per_month: Some(settings.days_per_month as u32),
                default_start_time: Some(format!("{:02}:{:02}", ds / 60, ds % 60)),
                default_finish_time: Some(format!("{:02}:{:02}", df / 60, df % 60)),
                tasks: vec![task],
                ..ProjectDocument::default()
            };
            let d = convert(doc.into())?;
            let mut t = d.project.tasks()[0].clone();
            t.calendar = calendar;
            Edit::AddTask {
                task: Box::new(t),
                parent,
            }
        }
        EditInput::RemoveTask { task } => Edit::RemoveTask {
            task: TaskId::new(task),
        },
    })
}

/// Writes a diff as JSON: `project_start` and `project_finish` as `[before, after]`, and
/// `changes`, each `{id, before, after}` with the task objects of [`write_schedule`] (without
/// `driving_predecessors`), `null` for a task the edit added or removed — the [`DiffOutput`] of
/// the output schema. A diff is self-contained: no project is needed.
pub fn write_diff(d: &Diff) -> String {
    out::to_string(
        |w| DiffOutput::new(d).layout(w),
        256 + 800 * d.changes.len(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"version": 1, "name": "Demo", "start": "2026-01-05T08:00:00", "calendar": "standard",
      "calendars": [{"id": "standard", "week": {"mon": ["08:00-12:00", "13:00-17:00"], "tue": ["08:00-12:00", "13:00-17:00"],
        "wed": ["08:00-12:00", "13:00-17:00"], "thu": ["08:00-12:00", "13:00-17:00"], "fri": ["08:00-12:00", "13:00-17:00"]},
        "exceptions": [{"date": "2026-01-01", "working": []}]}],
      "tasks": [{"id": "A", "name": "Kickoff", "duration": "2d"},
                {"id": "M", "name": "Go-live", "milestone": true, "deadline": "2026-03-31T17:00:00"}],
      "links": [{"from": "A", "to": "M", "type": "FS", "lag": "1d"}]}"#;

    #[test]
    fn reads_the_issue_example() {
        let d = read(DOC).unwrap();
        let s = crate::schedule(&d.project, &d.options).unwrap();
        let m = d.project.index_of("M").unwrap();
        assert_eq!(s.task(m).start.to_string(), "2026-01-07T17:00:00");
        assert_eq!(s.project_finish.to_string(), "2026-01-07T17:00:00");
    }

    #[test]
    fn write_task_is_the_schedule_entry() {
        let d = read(DOC).unwrap();
        let s = crate::schedule(&d.project, &d.options).unwrap();
        let all: serde_json::Value = serde_json::from_str(&write_schedule(&d.project, &s)).unwrap();
        for k in 0..d.project.len() {
            let one: serde_json::Value =
                serde_json::from_str(&write_task(&d.project, &s, TaskIndex(k as u32))).unwrap();
            assert_eq!(one, all["tasks"][k]);
        }
    }

    #[test]
    fn write_read_roundtrip() {
        let d = read(DOC).unwrap();
        let text = write(&d);
        let d2 = read(&text).unwrap();
        assert_eq!(d, d2);
        assert_eq!(write(&d2), text);
    }

    fn err(doc: &str) -> Error {
        read(doc).unwrap_err()
    }

    #[test]
    fn errors_name_the_item_and_field() {
        let e = err(r#"{"name":"x","start":"2026-01-05","tasks":[{"id":"A","durration":"1d"}]}"#);
        assert_eq!(e.task_id().map(|t| t.as_str()), Some("A"));
        assert_eq!(e.field(), Some("durration"));
        assert!(e.to_string().contains("unknown field `durration`"), "{e}");
        let e = err(
            r#"{"name":"x","start":"2026-01-05","tasks":[{"id":"A"}],"links":[{"from":"A","to":"Z"}]}"#,
        );
        assert_eq!(
            e.to_string(),
            "unknown task `Z` (referenced by link `A` -> `Z`)"
        );
        let e = err(
            r#"{"name":"x","start":"2026-01-05","tasks":[{"id":"A"},{"id":"B"}],"links":[{"from":"A","to":"B","lag":"soon"}]}"#,
        );
        assert_eq!(e.field(), Some("lag"));
        assert!(
            e.to_string().starts_with("link `A` -> `B`: field `lag`"),
            "{e}"
        );
        let e = err(
            r#"{"name":"x","start":"2026-01-05","tasks":[{"id":"A","constraint":{"type":"SNET"}}]}"#,
        );
        assert_eq!(e.field(), Some("constraint"));
        let e = err("{\"name\":\"x\",\n \"start\": 2026}");
        assert!(matches!(&e, Error::Json(j) if j.line == 2), "{e:?}");
        let e = err(r#"{"name":"x","start":"2026-01-05","version":2}"#);
        assert_eq!(e.code().as_str(), "unsupported_version");
        let e = err(
            r#"{"name":"x","start":"2026-01-05","calendars":[{"id":"c","week":{"mon":["9-17"]}}]}"#,
        );
        // The field by its path within the calendar: the first interval of Monday's week.
        assert!(
            e.to_string()
                .starts_with("calendar `c`: field `week.mon[0]`"),
            "{e}"
        );
        assert_eq!(
            (e.field(), e.path()),
            (Some("mon"), Some("calendars[0].week.mon[0]"))
        );
        let e = err(r#"{"name":"x","start":"2026-01-05","tasks":[{"id":"A"},{"id":"A"}]}"#);
        assert_eq!(e.code().as_str(), "duplicate_task");
        let e = err(r#"{"name":"x","start":"2026-01-05","tasks":[{"id":"A","parent":"Q"}]}"#);
        assert_eq!(e.code().as_str(), "unknown_task");
    }

    #[test]
    fn bare_dates_take_default_times_and_ids_may_be_numbers() {
        let d = read(r#"{"name":"x","start":"2026-01-05","tasks":[{"id":1,"duration":"1d","deadline":"2026-01-09",
            "constraint":{"type":"SNET","date":"2026-01-06"}}]}"#)
        .unwrap();
        let t = d.project.task_by_id("1").unwrap();
        assert_eq!(t.deadline.unwrap().to_string(), "2026-01-09T17:00:00");
        assert_eq!(
            t.constraint.date().unwrap().to_string(),
            "2026-01-06T08:00:00"
        );
    }
}
