//! The input schema: the JSON document (format version 1) and edits, as plain serde types.
//!
//! These types are what [`read`](super::read) and [`read_edit`](super::read_edit) deserialise
//! before checking values, and what hosts may build directly (a binding turns a JavaScript
//! object or a Python dict into them without any JSON text in between). Values stay text as in
//! the document (`"2d"`, `"2026-01-05"`): they are read with the project's settings by
//! [`ProjectDocument::into_document`] and [`EditInput::into_edit`], which report errors that
//! name the item and field.
//! With the `schema` feature they also generate the published JSON Schema.

use serde::{Deserialize, Deserializer, Serialize};

/// A key in a document: a string, or an integer read as its decimal text.
///
/// The key reader of [`borrowed`](super::borrowed), owned: a visitor rather than an untagged
/// enum, so that an error of the text itself (a raw control character, a bad escape) is
/// reported as that error and not as "expected a string or integer id".
pub(crate) fn id_string<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    super::borrowed::key(d).map(std::borrow::Cow::into_owned)
}

fn opt_id_string<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    id_string(d).map(Some)
}

/// The JSON Schema of a key: a string or an integer.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum Key {
    /// A string key.
    Text(String),
    /// An integer key (read as its decimal text).
    Number(i64),
}

/// The TypeScript declarations of the words that the document's text fields take (the fields
/// stay strings here: the reader checks them and names the item on a bad one).
#[cfg(feature = "tsify")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_VOCABULARY: &'static str = r#"/**
 * A key of a task, calendar or resource: a string, or an integer (read as its decimal text).
 */
export type Key = string | number;

/**
 * A constraint type (`SNET` etc. need a date; `ASAP` and `ALAP` take none).
 */
export type ConstraintType = "ASAP" | "ALAP" | "SNET" | "SNLT" | "FNET" | "FNLT" | "MSO" | "MFO";

/**
 * Which tasks are critical: total float at most `critical_float` (Microsoft Project), or the
 * tasks on the longest path (Primavera P6).
 */
export type CriticalBy = "total_float" | "longest_path";

/**
 * Which float a task's total float is: the smaller of start and finish float, or one of them.
 */
export type FloatBasis = "smaller" | "start" | "finish";

/**
 * The calendar that link lags are counted on (`24h`: elapsed time).
 */
export type LagCalendar = "successor" | "predecessor" | "project" | "24h";

/**
 * What a resource is: people or equipment working in hours, consumables, or a cost.
 */
export type ResourceKind = "work" | "material" | "cost";"#;

/// A jindu project document (format version 1): what `jindu schedule`, `schedule()` in every
/// binding and `new Scheduler()` take.
///
/// Dates are `YYYY-MM-DDTHH:MM[:SS]`, or `YYYY-MM-DD` (starts then take `default_start_time`,
/// finishes `default_finish_time`); durations are a number and a unit (`"3d"`, `"4h"`,
/// `"1.5w"`, elapsed `"2ed"`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ProjectDocument {
    /// The format version; only `1` is read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u64>,
    /// The project's name.
    pub name: String,
    /// The project start (schedule forward); give this or `finish`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// The project finish (schedule backward: tasks default to as late as possible).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish: Option<String>,
    /// The status date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<String>,
    /// The project's levelling priority in a portfolio, 0 to 1000 (default 500; 1000: never
    /// delay its tasks); compared before the tasks' own priorities. Or give `ranking`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u16>,
    /// The client's place on the value × urgency matrix, which sets the priority
    /// ([`Ranking`](crate::Ranking): 3 × 3 is 500, 5 × 5 is 900).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ranking: Option<RankingInput>,
    /// The project calendar's key (default `"standard"`: Monday to Friday 08:00–12:00,
    /// 13:00–17:00).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// Working hours in a day of duration (`1d`), default 8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_day: Option<f64>,
    /// Days in a week of duration (`1w`), default 5; or give `hours_per_week`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_per_week: Option<f64>,
    /// Working hours in a week of duration (`1w`), when it is not whole days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_week: Option<f64>,
    /// Days in a month of duration (`1mo`), default 20.
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
    #[cfg_attr(feature = "tsify", tsify(type = "ScheduleOptions"))]
    pub options: Option<OptionsInput>,
    /// Calendars.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "Calendar[]"))]
    pub calendars: Vec<CalendarInput>,
    /// Tasks, in outline order; `parent` builds the summary tree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<TaskInput>,
    /// Links (dependencies) between tasks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkInput>,
    /// Resources.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "Resource[]"))]
    pub resources: Vec<ResourceInput>,
    /// Assignments of resources to tasks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "Assignment[]"))]
    pub assignments: Vec<AssignmentInput>,
    /// The risk register: events with a probability and what they do when they occur.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, unknown>[]"))]
    pub risks: Vec<crate::risk::input::RiskInput>,
    /// Groups of tasks whose durations are correlated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, unknown>[]"))]
    pub correlations: Vec<crate::risk::input::CorrelationInput>,
    /// Finished tasks (estimate and actual), for evidence-based estimates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, unknown>[]"))]
    pub history: Vec<crate::risk::input::HistoryInput>,
}

/// A client's value × urgency ranking, each 1 to 5 ([`Ranking`](crate::Ranking)).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct RankingInput {
    /// Customer value, 1 (lowest) to 5 (highest).
    pub value: f64,
    /// Urgency, 1 (lowest) to 5 (highest).
    pub urgency: f64,
}

/// Scheduling options: where Microsoft Project and Primavera P6 differ.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "ScheduleOptions"))]
#[cfg_attr(feature = "tsify", tsify(rename = "ScheduleOptions"))]
#[serde(deny_unknown_fields)]
pub struct OptionsInput {
    /// Tasks with at most this much total float are critical (default `"0d"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical_float: Option<String>,
    /// `total_float` (Microsoft Project, the default) or `longest_path` (Primavera P6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "CriticalBy"))]
    pub critical_by: Option<String>,
    /// Total float as the `smaller` of start and finish float (default), or `start`, or
    /// `finish` float only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "FloatBasis"))]
    pub float_basis: Option<String>,
    /// The calendar lags are counted on: `successor` (default), `predecessor`, `project` or
    /// `24h`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "LagCalendar"))]
    pub lag_calendar: Option<String>,
    /// Whether hard constraints win over links (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honor_constraints: Option<bool>,
    /// Schedule uncompleted work from this date (Microsoft Project's "reschedule uncompleted
    /// work to start after", Primavera P6's data date): unstarted tasks start no earlier, and
    /// the remaining work of started tasks resumes no earlier. Without it, progress is kept as
    /// recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<String>,
    /// With a status date, how the remaining work of a task started out of sequence treats its
    /// links: `retained_logic` (default: it waits for them) or `progress_override` (it
    /// continues after the work done).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_sequence: Option<String>,
}

/// A calendar: working times per weekday, exceptions, and a base it inherits from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "Calendar"))]
#[cfg_attr(feature = "tsify", tsify(rename = "Calendar"))]
#[serde(deny_unknown_fields)]
pub struct CalendarInput {
    /// The calendar's key.
    #[serde(deserialize_with = "id_string")]
    #[cfg_attr(feature = "schema", schemars(with = "Key"))]
    #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
    pub id: String,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The calendar it inherits the weekdays it does not define from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// Working times per weekday; required without a `base`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "Week"))]
    pub week: Option<WeekInput>,
    /// Holidays and changed working days.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "CalendarException[]"))]
    pub exceptions: Vec<ExceptionInput>,
}

/// Working times per weekday, each a list of `"HH:MM-HH:MM"`; a missing day inherits from the
/// base (or is non-working without one).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "Week"))]
#[cfg_attr(feature = "tsify", tsify(rename = "Week"))]
#[serde(deny_unknown_fields)]
pub struct WeekInput {
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

impl WeekInput {
    /// The days Monday to Sunday.
    pub fn days(&self) -> [&Option<Vec<String>>; 7] {
        [
            &self.mon, &self.tue, &self.wed, &self.thu, &self.fri, &self.sat, &self.sun,
        ]
    }

    /// The days Monday to Sunday, mutably.
    pub fn days_mut(&mut self) -> [&mut Option<Vec<String>>; 7] {
        [
            &mut self.mon,
            &mut self.tue,
            &mut self.wed,
            &mut self.thu,
            &mut self.fri,
            &mut self.sat,
            &mut self.sun,
        ]
    }
}

/// A calendar exception: a holiday (no `working` times) or changed working times, on one
/// `date` or from `from` to `to`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "CalendarException"))]
#[cfg_attr(feature = "tsify", tsify(rename = "CalendarException"))]
#[serde(deny_unknown_fields)]
pub struct ExceptionInput {
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The one date it applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The first date of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The last date of a range (default `from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Working times on those dates; empty for a holiday.
    #[serde(default)]
    pub working: Vec<String>,
}

/// A task's constraint: `ASAP`, `ALAP`, or `SNET`, `SNLT`, `FNET`, `FNLT`, `MSO`, `MFO` with
/// a date.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct ConstraintInput {
    /// The constraint type.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "tsify", tsify(type = "ConstraintType"))]
    pub kind: String,
    /// Its date (required except for ASAP and ALAP).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// Fixed dates of a manually scheduled (pinned) task.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct PinInput {
    /// The pinned start.
    pub start: String,
    /// The pinned finish (default: start plus the duration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish: Option<String>,
}

/// A saved baseline of a task.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "Baseline"))]
#[cfg_attr(feature = "tsify", tsify(rename = "Baseline"))]
#[serde(deny_unknown_fields)]
pub struct BaselineInput {
    /// Baseline number, 0–10.
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
    /// Baseline work (resource time), e.g. `"80h"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work: Option<String>,
    /// Baseline cost: the task's budget when the baseline was saved (at most two decimals).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<serde_json::Number>,
}

/// A task.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct TaskInput {
    /// The task's key.
    #[serde(deserialize_with = "id_string")]
    #[cfg_attr(feature = "schema", schemars(with = "Key"))]
    #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
    pub id: String,
    /// Its name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Its duration (default zero: a milestone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// Whether it is a milestone (zero duration).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub milestone: bool,
    /// The key of its summary task.
    #[serde(
        default,
        deserialize_with = "opt_id_string",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Key>"))]
    #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
    pub parent: Option<String>,
    /// Its calendar's key (default the project calendar).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// Its constraint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub constraint: Option<ConstraintInput>,
    /// A target finish that moves float (and reports a violation) but not the task.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// Priority 0–1000 (default 500).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<u16>,
    /// Fixed dates: the task is manually scheduled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned: Option<PinInput>,
    /// Percent complete, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_complete: Option<u8>,
    /// When work actually started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_start: Option<String>,
    /// When work actually finished.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_finish: Option<String>,
    /// The work left on a started task (`"3d"`); without it, what `percent_complete` leaves of
    /// the duration. Used when scheduling from a status date (`options.status_date`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining_duration: Option<String>,
    /// The work done on the task so far (`"12h"`), when recorded for the task as a whole;
    /// an assignment's own `actual_work` takes precedence. Without either, the share of the
    /// work that `percent_complete` gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_work: Option<String>,
    /// Saved baselines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "Baseline[]"))]
    pub baselines: Vec<BaselineInput>,
    /// The task's budget (budget at completion), at most two decimals; tracking accrues it
    /// evenly over the task's working time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<serde_json::Number>,
    /// What the task has actually cost so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_cost: Option<serde_json::Number>,
    /// `client` (default: shown in the client's view) or `internal` (the team only; an
    /// internal summary hides its subtasks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
    /// How uncertain its duration is, for risk analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, unknown>"))]
    pub estimate: Option<crate::risk::input::EstimateInput>,
    /// Pauses in the task's work (a split task), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "Split[]"))]
    pub splits: Vec<SplitInput>,
    /// The task's total work (`"40h"`), shared by its resources in proportion to their units:
    /// without a `duration`, the duration is the work over the units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work: Option<String>,
    /// What stays fixed when its resources change: `fixed_units` (the default),
    /// `fixed_duration` or `fixed_work` (the duration always follows from `work`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "tsify",
        tsify(type = "\"fixed_units\" | \"fixed_duration\" | \"fixed_work\"")
    )]
    pub task_type: Option<String>,
    /// Whether adding or removing a resource keeps the work (default false; fixed-work tasks
    /// always do).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub effort_driven: bool,
}

/// A pause in a task's work (a split): after `after` of its work (`"4d"`), the work stops for
/// `pause` of working time (`"3d"`) and resumes; the task spans its duration plus its pauses.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "Split"))]
#[cfg_attr(feature = "tsify", tsify(rename = "Split"))]
#[serde(deny_unknown_fields)]
pub struct SplitInput {
    /// How much of the task's work comes before the pause (working time).
    pub after: String,
    /// How long the work stops (working time on the task's calendar).
    pub pause: String,
}

/// A link (dependency) from a predecessor to a successor.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(deny_unknown_fields)]
pub struct LinkInput {
    /// The predecessor's key.
    #[serde(deserialize_with = "id_string")]
    #[cfg_attr(feature = "schema", schemars(with = "Key"))]
    #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
    pub from: String,
    /// The successor's key.
    #[serde(deserialize_with = "id_string")]
    #[cfg_attr(feature = "schema", schemars(with = "Key"))]
    #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
    pub to: String,
    /// `FS` (default), `SS`, `FF` or `SF`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "LinkType"))]
    pub kind: Option<String>,
    /// Lag (`"1d"`), lead (`"-4h"`), elapsed (`"2ed"`) or a percent of the predecessor's
    /// duration (`"50%"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lag: Option<String>,
}

/// A resource.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "Resource"))]
#[cfg_attr(feature = "tsify", tsify(rename = "Resource"))]
#[serde(deny_unknown_fields)]
pub struct ResourceInput {
    /// The resource's key.
    #[serde(deserialize_with = "id_string")]
    #[cfg_attr(feature = "schema", schemars(with = "Key"))]
    #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
    pub id: String,
    /// Its name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// `work` (default), `material` or `cost`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "tsify", tsify(type = "ResourceKind"))]
    pub kind: Option<String>,
    /// Capacity in percent (default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_units: Option<u32>,
    /// Its calendar's key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// `client` (default) or `internal` (left out of the client's view).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<String>,
    /// Periods with another capacity: `[{"from": "2026-03-01", "to": "2026-04-01",
    /// "max_units": 50}]` (`to` exclusive; bare dates are midnight).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "Availability[]"))]
    pub availability: Vec<AvailabilityInput>,
    /// What an hour of work costs (a material resource: a unit), at most two decimals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard_rate: Option<serde_json::Number>,
    /// What an hour of overtime costs (kept; jindu schedules no overtime).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overtime_rate: Option<serde_json::Number>,
    /// What each assignment of it costs once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_use: Option<serde_json::Number>,
    /// Its group or skill ("backend", "QA").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub group: String,
    /// Rate changes over time, in time order: `[{"from": "2026-07-01", "standard_rate": 60}]`;
    /// from each `from` on, its rates replace the resource's (a rate left out is none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "RateChange[]"))]
    pub rates: Vec<RateInput>,
}

/// A change of a resource's rates from a date on.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "RateChange"))]
#[cfg_attr(feature = "tsify", tsify(rename = "RateChange"))]
#[serde(deny_unknown_fields)]
pub struct RateInput {
    /// Where the rates start to hold, a date-time or a date (midnight).
    pub from: String,
    /// What an hour of work costs from then on (a material: a unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standard_rate: Option<serde_json::Number>,
    /// What an hour of overtime costs from then on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overtime_rate: Option<serde_json::Number>,
    /// What a use costs from then on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_per_use: Option<serde_json::Number>,
}

/// A period of a resource's time-varying capacity.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "Availability"))]
#[cfg_attr(feature = "tsify", tsify(rename = "Availability"))]
#[serde(deny_unknown_fields)]
pub struct AvailabilityInput {
    /// Start (inclusive), a date-time or a date (midnight).
    pub from: String,
    /// End (exclusive), a date-time or a date (midnight).
    pub to: String,
    /// Capacity in percent during the period.
    pub max_units: u32,
}

/// A resource assigned to a task.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "Assignment"))]
#[cfg_attr(feature = "tsify", tsify(rename = "Assignment"))]
#[serde(deny_unknown_fields)]
pub struct AssignmentInput {
    /// The task's key.
    #[serde(deserialize_with = "id_string")]
    #[cfg_attr(feature = "schema", schemars(with = "Key"))]
    #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
    pub task: String,
    /// The resource's key.
    #[serde(deserialize_with = "id_string")]
    #[cfg_attr(feature = "schema", schemars(with = "Key"))]
    #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
    pub resource: String,
    /// Units in percent (default 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<u32>,
    /// Total work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work: Option<String>,
    /// The work done on this assignment so far (`"12h"`); without it, the share of its work
    /// that the task's `percent_complete` gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_work: Option<String>,
    /// What the assignment costs, for a cost resource only (a fee, travel), at most two
    /// decimals; loading spreads it over the task's working time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<serde_json::Number>,
}

/// An edit for the incremental engine, as a host sends it:
/// `{"op": "set_duration", "task": "A", "duration": "3d"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "Edit"))]
#[cfg_attr(feature = "tsify", tsify(rename = "Edit"))]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum EditInput {
    /// Changes a task's duration.
    SetDuration {
        /// The task's key.
        #[serde(deserialize_with = "id_string")]
        #[cfg_attr(feature = "schema", schemars(with = "Key"))]
        #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
        task: String,
        /// The new duration.
        duration: String,
    },
    /// Changes a task's constraint.
    SetConstraint {
        /// The task's key.
        #[serde(deserialize_with = "id_string")]
        #[cfg_attr(feature = "schema", schemars(with = "Key"))]
        #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
        task: String,
        /// The new constraint.
        constraint: ConstraintInput,
    },
    /// Sets a task's deadline, or clears it when absent or null.
    SetDeadline {
        /// The task's key.
        #[serde(deserialize_with = "id_string")]
        #[cfg_attr(feature = "schema", schemars(with = "Key"))]
        #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
        task: String,
        /// The new deadline.
        #[serde(default)]
        #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
        deadline: Option<String>,
    },
    /// Pins a task to fixed dates.
    Pin {
        /// The task's key.
        #[serde(deserialize_with = "id_string")]
        #[cfg_attr(feature = "schema", schemars(with = "Key"))]
        #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
        task: String,
        /// The pinned start.
        start: String,
        /// The pinned finish (default: start plus the duration).
        #[serde(default)]
        #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
        finish: Option<String>,
    },
    /// Returns a pinned task to automatic scheduling.
    Unpin {
        /// The task's key.
        #[serde(deserialize_with = "id_string")]
        #[cfg_attr(feature = "schema", schemars(with = "Key"))]
        #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
        task: String,
    },
    /// Adds a link.
    AddLink {
        /// The predecessor's key.
        #[serde(deserialize_with = "id_string")]
        #[cfg_attr(feature = "schema", schemars(with = "Key"))]
        #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
        from: String,
        /// The successor's key.
        #[serde(deserialize_with = "id_string")]
        #[cfg_attr(feature = "schema", schemars(with = "Key"))]
        #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
        to: String,
        /// `FS` (default), `SS`, `FF` or `SF`.
        #[serde(default, rename = "type")]
        #[cfg_attr(feature = "tsify", tsify(type = "LinkType | null"))]
        kind: Option<String>,
        /// The lag.
        #[serde(default)]
        #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
        lag: Option<String>,
    },
    /// Changes the type and lag of a link.
    SetLink {
        /// The predecessor's key.
        #[serde(deserialize_with = "id_string")]
        #[cfg_attr(feature = "schema", schemars(with = "Key"))]
        #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
        from: String,
        /// The successor's key.
        #[serde(deserialize_with = "id_string")]
        #[cfg_attr(feature = "schema", schemars(with = "Key"))]
        #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
        to: String,
        /// `FS` (default), `SS`, `FF` or `SF`.
        #[serde(default, rename = "type")]
        #[cfg_attr(feature = "tsify", tsify(type = "LinkType | null"))]
        kind: Option<String>,
        /// The lag.
        #[serde(default)]
        #[cfg_attr(feature = "tsify", tsify(type = "string | null"))]
        lag: Option<String>,
    },
    /// Removes a link.
    RemoveLink {
        /// The predecessor's key.
        #[serde(deserialize_with = "id_string")]
        #[cfg_attr(feature = "schema", schemars(with = "Key"))]
        #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
        from: String,
        /// The successor's key.
        #[serde(deserialize_with = "id_string")]
        #[cfg_attr(feature = "schema", schemars(with = "Key"))]
        #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
        to: String,
    },
    /// Adds a task (without links); its `parent` names its summary task.
    AddTask {
        /// The task, as in documents.
        task: Box<TaskInput>,
    },
    /// Removes a task with its subtasks and all their links.
    RemoveTask {
        /// The task's key.
        #[serde(deserialize_with = "id_string")]
        #[cfg_attr(feature = "schema", schemars(with = "Key"))]
        #[cfg_attr(feature = "tsify", tsify(type = "Key"))]
        task: String,
    },
}
