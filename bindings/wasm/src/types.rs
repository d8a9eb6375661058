//! The JavaScript-facing data types, from which the TypeScript declarations are generated.
//!
//! Every type here mirrors a JSON shape that the core reads or writes (`jindu::io::json`), field
//! for field and with the same names, so that documents, edits and results are interchangeable
//! between files, this package and the other bindings.
//! tsify turns each type into an `export interface` / `export type` in the package's `.d.ts`.
//!
//! The binding does not deserialise inputs through these types: documents and edits go to the
//! core's own reader as JSON text, so that every language reports the same errors.
//! Outputs are the core's JSON parsed by the JavaScript engine.
//! The tests check both directions against the conformance vectors: every document, edit,
//! schedule and diff in `tests/vectors` reads into these types and writes back unchanged.

use serde::{Deserialize, Serialize};
use tsify::Tsify;

/// A key of a task, calendar or resource: a string, or an integer (read as its decimal text).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(untagged)]
pub enum Key {
    /// A string key.
    Text(String),
    /// An integer key.
    Number(i64),
}

impl From<&str> for Key {
    fn from(s: &str) -> Key {
        Key::Text(s.to_owned())
    }
}

/// A link type: finish-to-start, start-to-start, finish-to-finish or start-to-finish.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::upper_case_acronyms)]
pub enum LinkType {
    /// Finish-to-start.
    FS,
    /// Start-to-start.
    SS,
    /// Finish-to-finish.
    FF,
    /// Start-to-finish.
    SF,
}

/// A constraint type (`SNET` etc. need a date; `ASAP` and `ALAP` take none).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::upper_case_acronyms)]
pub enum ConstraintType {
    /// As soon as possible.
    ASAP,
    /// As late as possible.
    ALAP,
    /// Start no earlier than.
    SNET,
    /// Start no later than.
    SNLT,
    /// Finish no earlier than.
    FNET,
    /// Finish no later than.
    FNLT,
    /// Must start on.
    MSO,
    /// Must finish on.
    MFO,
}

// ---- documents (input) --------------------------------------------------------------------

/// A jindu project document (format version 1): what `schedule()` and `new Scheduler()` take.
///
/// Dates are `YYYY-MM-DDTHH:MM[:SS]` or `YYYY-MM-DD` (then starts take `default_start_time` and
/// finishes `default_finish_time`); durations are strings such as `"3d"`, `"4h"`, `"2w"`, `"1ed"`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct ProjectDocument {
    /// The format version; only `1` is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    /// The project's name.
    pub name: String,
    /// The project start (schedule forward); give this or `finish`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// The project finish (schedule backward); give this or `start`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish: Option<String>,
    /// The status date for progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<String>,
    /// The project calendar's key (default `"standard"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// Working hours in a day `"d"` of duration (default 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_day: Option<f64>,
    /// Days in a week `"w"` of duration (default 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_per_week: Option<f64>,
    /// Days in a month `"mo"` of duration (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_per_month: Option<u32>,
    /// The time a bare start date means (`"HH:MM"`, default `"08:00"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_start_time: Option<String>,
    /// The time a bare finish date means (`"HH:MM"`, default `"17:00"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_finish_time: Option<String>,
    /// Scheduling options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<ScheduleOptions>,
    /// Calendars (a `"standard"` Monday–Friday 08:00–12:00, 13:00–17:00 one always exists).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub calendars: Vec<Calendar>,
    /// Tasks, in outline order; `parent` builds the summary tree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<TaskInput>,
    /// Links (dependencies) between tasks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkInput>,
    /// Resources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<Resource>,
    /// Assignments of resources to tasks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assignments: Vec<Assignment>,
}

/// Which tasks count as critical.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CriticalBy {
    /// Total float at most `critical_float` (Microsoft Project's rule).
    TotalFloat,
    /// The tasks on the longest path.
    LongestPath,
}

/// Which float a task's total float is.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FloatBasis {
    /// The smaller of start and finish float.
    Smaller,
    /// Late start minus early start.
    Start,
    /// Late finish minus early finish.
    Finish,
}

/// The calendar that link lags are counted on.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum LagCalendar {
    /// The successor's calendar.
    Successor,
    /// The predecessor's calendar.
    Predecessor,
    /// The project calendar.
    Project,
    /// Elapsed time, 24 hours a day.
    #[serde(rename = "24h")]
    TwentyFourHours,
}

/// Scheduling options stored in a document.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct ScheduleOptions {
    /// Tasks with at most this total float are critical (a duration, default `"0d"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical_float: Option<String>,
    /// How critical tasks are chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical_by: Option<CriticalBy>,
    /// Which float is reported as total float.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub float_basis: Option<FloatBasis>,
    /// The calendar lags are counted on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag_calendar: Option<LagCalendar>,
    /// Whether constraints may hold tasks against their links (default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honor_constraints: Option<bool>,
}

/// A working calendar.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// The calendar's key.
    pub id: Key,
    /// Its display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The calendar it inherits days from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// Working hours per weekday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub week: Option<Week>,
    /// Days or date ranges with other working hours (none for a holiday).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptions: Vec<CalendarException>,
}

impl Default for Key {
    fn default() -> Key {
        Key::Text(String::new())
    }
}

/// Working hours per weekday, each a list of `"HH:MM-HH:MM"` intervals; an empty list is a
/// day off, a missing day is inherited from the base calendar (or off).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Week {
    /// Monday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mon: Option<Vec<String>>,
    /// Tuesday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tue: Option<Vec<String>>,
    /// Wednesday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wed: Option<Vec<String>>,
    /// Thursday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thu: Option<Vec<String>>,
    /// Friday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fri: Option<Vec<String>>,
    /// Saturday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sat: Option<Vec<String>>,
    /// Sunday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sun: Option<Vec<String>>,
}

/// A calendar exception: one `date`, or `from` (and optionally `to`), with its working hours.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct CalendarException {
    /// A name, e.g. `"New Year"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A single day (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The first day of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The last day of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Working intervals on those days (empty or missing: not working).
    #[serde(default)]
    pub working: Vec<String>,
}

/// A task of a document (and of the `add_task` edit).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct TaskInput {
    /// The task's key, unique in the project.
    pub id: Key,
    /// Its display name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Its duration, e.g. `"3d"`; zero or missing makes a milestone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// Whether it is a milestone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub milestone: bool,
    /// The key of its summary task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Key>,
    /// The key of its own calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// Its constraint (default ASAP, or ALAP when scheduling from the finish).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint: Option<ConstraintInput>,
    /// Its deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// Its priority, 0–1000 (default 500).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u16>,
    /// Fixed dates (manual scheduling).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned: Option<PinInput>,
    /// Percent complete, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_complete: Option<u8>,
    /// Its actual start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_start: Option<String>,
    /// Its actual finish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_finish: Option<String>,
    /// Saved baselines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub baselines: Vec<Baseline>,
}

/// A task constraint.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ConstraintInput {
    /// The constraint type.
    #[serde(rename = "type")]
    pub kind: ConstraintType,
    /// Its date (required for all types but `ASAP` and `ALAP`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Fixed dates of a manually scheduled task.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PinInput {
    /// The pinned start.
    pub start: String,
    /// The pinned finish (default: start plus duration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish: Option<String>,
}

/// A saved baseline of a task.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// The baseline number, 0–10.
    #[serde(default)]
    pub number: u8,
    /// Baseline start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// Baseline finish.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish: Option<String>,
    /// Baseline duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
}

/// A link (dependency): `to` depends on `from`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LinkInput {
    /// The predecessor's key.
    pub from: Key,
    /// The successor's key.
    pub to: Key,
    /// The link type (default `"FS"`).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<LinkType>,
    /// The lag: a duration (`"2d"`, `"-4h"`) or a percentage of the predecessor (`"50%"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<String>,
}

/// What a resource is.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    /// People or equipment that work in hours.
    Work,
    /// Consumables.
    Material,
    /// A cost.
    Cost,
}

/// A resource.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// The resource's key.
    pub id: Key,
    /// Its display name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// What it is (default `"work"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ResourceKind>,
    /// Its capacity in percent (default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_units: Option<u32>,
    /// The key of its calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
}

/// A resource assigned to a task.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// The task's key.
    pub task: Key,
    /// The resource's key.
    pub resource: Key,
    /// Units in percent (default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<u32>,
    /// Work, as a duration.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work: Option<String>,
}

// ---- edits (input) ------------------------------------------------------------------------

/// One change to a project, for `Scheduler.apply()` and `Scheduler.preview()`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Edit {
    /// Sets a task's duration.
    SetDuration {
        /// The task.
        task: Key,
        /// The new duration, e.g. `"5d"`.
        duration: String,
    },
    /// Sets a task's constraint.
    SetConstraint {
        /// The task.
        task: Key,
        /// The new constraint.
        constraint: ConstraintInput,
    },
    /// Sets or (with no or a `null` deadline) clears a task's deadline.
    SetDeadline {
        /// The task.
        task: Key,
        /// The new deadline.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[tsify(type = "string | null")]
        deadline: Option<String>,
    },
    /// Pins a task to fixed dates.
    Pin {
        /// The task.
        task: Key,
        /// The pinned start.
        start: String,
        /// The pinned finish (default: start plus duration).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[tsify(type = "string | null")]
        finish: Option<String>,
    },
    /// Returns a pinned task to automatic scheduling.
    Unpin {
        /// The task.
        task: Key,
    },
    /// Adds a link.
    AddLink {
        /// The predecessor.
        from: Key,
        /// The successor.
        to: Key,
        /// The link type (default `"FS"`).
        #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
        #[tsify(type = "LinkType | null")]
        kind: Option<LinkType>,
        /// The lag (default none).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[tsify(type = "string | null")]
        lag: Option<String>,
    },
    /// Changes the type and lag of a link.
    SetLink {
        /// The predecessor.
        from: Key,
        /// The successor.
        to: Key,
        /// The new link type (default `"FS"`).
        #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
        #[tsify(type = "LinkType | null")]
        kind: Option<LinkType>,
        /// The new lag (default none).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[tsify(type = "string | null")]
        lag: Option<String>,
    },
    /// Removes a link.
    RemoveLink {
        /// The predecessor.
        from: Key,
        /// The successor.
        to: Key,
    },
    /// Adds a task (without links); its `parent` names its summary task.
    AddTask {
        /// The new task.
        task: Box<TaskInput>,
    },
    /// Removes a task with its subtasks and all their links.
    RemoveTask {
        /// The task.
        task: Key,
    },
}

// ---- schedules and diffs (output) ---------------------------------------------------------

/// A computed schedule (the same object as the core's schedule JSON).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// The project's name.
    pub project: String,
    /// The project start.
    pub project_start: String,
    /// The project finish.
    pub project_finish: String,
    /// The critical tasks in schedule order.
    pub critical_path: Vec<String>,
    /// Each critical chain from a start to the project finish.
    pub critical_paths: Vec<Vec<String>>,
    /// Every task in document order.
    pub tasks: Vec<ScheduledTask>,
    /// Links held against by pins or constraints, and missed deadlines.
    pub violations: Vec<Violation>,
    /// Things that are ignored or odd but not errors.
    pub warnings: Vec<ScheduleWarning>,
}

/// One task's computed dates, float and driver.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TaskTimes {
    /// The task's key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether it has subtasks.
    pub summary: bool,
    /// Whether it is a milestone (zero duration).
    pub milestone: bool,
    /// Scheduled start.
    pub start: String,
    /// Scheduled finish.
    pub finish: String,
    /// Early start.
    pub early_start: String,
    /// Early finish.
    pub early_finish: String,
    /// Late start.
    pub late_start: String,
    /// Late finish.
    pub late_finish: String,
    /// Its duration, e.g. `"3d"`.
    pub duration: String,
    /// Total float in working minutes (negative when late).
    pub total_float_minutes: i64,
    /// Free float in working minutes.
    pub free_float_minutes: i64,
    /// Total float as a duration.
    pub total_float: String,
    /// Free float as a duration.
    pub free_float: String,
    /// Whether it is critical.
    pub critical: bool,
    /// What determines its start.
    pub driver: Driver,
}

/// A task in a `Schedule`: its times and the predecessors whose links drive it.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct ScheduledTask {
    /// Dates, float and driver.
    #[serde(flatten)]
    pub times: TaskTimes,
    /// The keys of the predecessors whose links hold the task where it is.
    pub driving_predecessors: Vec<String>,
}

/// What holds a task where it is.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Driver {
    /// The project start (or finish).
    ProjectStart,
    /// Its constraint.
    Constraint,
    /// Its pinned dates.
    Pinned,
    /// Its actual dates (progress).
    Actual,
    /// A levelling delay.
    Delay,
    /// Its subtasks (a summary task).
    Subtasks,
    /// Its summary task.
    Summary {
        /// The summary task's key.
        task: String,
    },
    /// A link from a predecessor.
    Link {
        /// The predecessor's key.
        from: String,
        /// The link type.
        link: LinkType,
        /// The link's lag, when it has one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lag: Option<String>,
    },
}

/// What a violation is.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ViolationKind {
    /// A pinned task starts before its link allows.
    PinnedAgainstLink,
    /// A constraint holds a task before its link allows.
    ConstraintAgainstLink,
    /// A task finishes after its deadline.
    DeadlineMissed,
    /// A summary finishes after its finish-no-later-than date.
    ConstraintMissed,
}

/// A link that a pin or constraint overrides, or a missed deadline.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Violation {
    /// What kind of violation.
    pub kind: ViolationKind,
    /// The task.
    pub task: String,
    /// The predecessor of the overridden link.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The date the link or deadline requires.
    pub required: String,
    /// The task's actual date.
    pub actual: String,
}

/// A warning about the input.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ScheduleWarning {
    /// The item it is about, e.g. ``"task `S`"``.
    pub item: String,
    /// What is odd.
    pub message: String,
}

/// What an edit changed: only the tasks whose schedule changed.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Diff {
    /// Project start, before and after.
    pub project_start: (String, String),
    /// Project finish, before and after.
    pub project_finish: (String, String),
    /// The changed tasks in task order.
    pub changes: Vec<TaskChange>,
}

/// How one task's schedule changed (`before` is `null` for an added task, `after` for a removed one).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TaskChange {
    /// The task's key.
    pub id: String,
    /// Its schedule before the edit.
    #[tsify(type = "TaskTimes | null")]
    pub before: Option<TaskTimes>,
    /// Its schedule after the edit.
    #[tsify(type = "TaskTimes | null")]
    pub after: Option<TaskTimes>,
}

/// A link that drives a task (`Scheduler.why()`).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DrivingLink {
    /// The predecessor's key.
    pub from: String,
    /// The link type.
    #[serde(rename = "type")]
    pub kind: LinkType,
    /// The lag, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<String>,
}

// ---- imports (output) ---------------------------------------------------------------------

/// Options for `importCsv()` and `importPsplib()`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct ImportOptions {
    /// The project's name (default `"Imported tasks"` for CSV, the PSPLIB reader's own name for
    /// PSPLIB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub name: Option<String>,
    /// The project start, `YYYY-MM-DD` (08:00) or `YYYY-MM-DDTHH:MM[:SS]`; by default CSV takes
    /// the earliest Start cell, or else Monday 2026-01-05 08:00 (with a `default_start`
    /// warning), and PSPLIB Monday 2026-01-05 00:00.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub start: Option<String>,
}

/// Something in an MSPDI file that was not imported, or only approximately (one per element
/// kind and reason).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MspdiWarning {
    /// The element, as a path from its item, e.g. `"Task/Active"`.
    pub element: String,
    /// How many times it occurred.
    pub count: usize,
    /// The first few tasks (by key, i.e. UID) it occurred on, if it is about tasks.
    pub tasks: Vec<String>,
    /// What was done instead.
    pub message: String,
}

/// The result of `importMspdi()`: the project as a document (its tasks keyed by UID), and
/// what could not be imported.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MspdiImport {
    /// The imported project, with the scheduling options the file asks for.
    pub project: ProjectDocument,
    /// What was not imported, or only approximately.
    pub warnings: Vec<MspdiWarning>,
}

/// A header column of a CSV file that the reader does not know.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct UnknownColumn {
    /// The 1-based column number.
    pub column: usize,
    /// The header as written.
    pub header: String,
}

/// Something a CSV import did not import, or filled in by itself.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CsvWarning {
    /// Columns with headers the reader does not know; their values were not imported.
    UnknownColumns {
        /// The columns.
        columns: Vec<UnknownColumn>,
        /// The warning as text.
        message: String,
    },
    /// Neither the options nor the file gave a project start, so `start` was used.
    DefaultStart {
        /// The start that was used.
        start: String,
        /// The warning as text.
        message: String,
    },
    /// A warning this version of the package has no structured form for.
    Other {
        /// The warning as text.
        message: String,
    },
}

/// The result of `importCsv()`: the project as a document, and what was not imported.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CsvImport {
    /// The imported project.
    pub project: ProjectDocument,
    /// Unknown columns and filled-in values.
    pub warnings: Vec<CsvWarning>,
}

/// The properties of the `Error` objects that jindu functions throw (their `name` is
/// `"JinduError"` and their `message` the core's message).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JinduErrorInfo {
    /// A stable snake_case category, the same in every binding: `"cycle"`, `"unknown_task"`,
    /// `"invalid"`, `"json"`, `"xml"`, `"import"`, …
    pub code: String,
    /// The key of the task the error is about, if any.
    #[tsify(type = "string | null")]
    pub task_id: Option<String>,
    /// The offending field, if the error is about one field.
    #[tsify(type = "string | null")]
    pub field: Option<String>,
    /// The 1-based line of the offending text, on errors reading JSON, XML (MSPDI), CSV or
    /// PSPLIB when it is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The 1-based column (characters; the field number in a CSV row), with `line`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The element path of the offending value on MSPDI errors, e.g. `"Tasks/Task/Duration"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    /// The column's header as written in the file, on CSV errors about a cell (also in `field`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// The offending text on CSV and PSPLIB errors, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The format being read on import errors: `"csv"` or `"psplib"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}
