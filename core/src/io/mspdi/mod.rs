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
//! ([`Limits::max_input_bytes`](crate::Limits::max_input_bytes)) and element nesting ([`MAX_DEPTH`]), and turns invalid UTF-8, truncated
//! documents and bad values into [`Error::Xml`] with the element, the task UID where known,
//! and the line and column. It does not panic on any input.
//!
//! # Layout
//!
//! `xml` parses the document into an element tree within the limits above; `values` reads
//! elements as numbers, dates and durations with positioned errors; `read` builds the project
//! step by step (header, calendars, resources, tasks, links, assignments, resource calendars),
//! with one task's fields in `tasks`, calendars in `calendars` and recurring exceptions in
//! `recurring`; `write` writes MSPDI.

mod calendars;
mod read;
mod recurring;
mod tasks;
mod values;
mod write;
mod xml;

pub(crate) use read::read_ticked;
pub use read::{read, read_with_control, read_with_limits};
pub use write::write;

#[cfg(doc)]
use crate::io::{Import, ImportWarning};
#[cfg(doc)]
use crate::Error;

/// The deepest element nesting [`read`] accepts (MSPDI needs 7).
pub const MAX_DEPTH: usize = 64;
/// The most elements [`read`] accepts in one document.
pub const MAX_ELEMENTS: usize = 20_000_000;
