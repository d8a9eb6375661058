//! The output schema: the JSON form of schedules and diffs, as core-owned types.
//!
//! These types *are* the definition of jindu's output: the `jindu` command, the npm package
//! and the Python and Kotlin packages all write them, their TypeScript declarations and the
//! published JSON Schema are generated from them (with the `schema` feature), and nothing
//! else describes the output.
//! They borrow from the project and schedule they show, so writing a million tasks allocates
//! nothing per task.

use std::borrow::Cow;
use std::io;

use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;

use crate::engine::{Change, Diff};
use crate::id::{LinkIndex, TaskIndex};
use crate::model::{Project, Task};
use crate::schedule::{DriverEntry, Schedule, TaskEntry, TaskSchedule, ViolationKind, Warning};
use crate::time::{DateTime, Duration, DurationSettings};

/// A date-time written as `YYYY-MM-DDTHH:MM:SS` (local time, minute precision).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Iso(pub DateTime);

impl Serialize for Iso {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let b = self.0.iso();
        s.serialize_str(std::str::from_utf8(&b).map_err(serde::ser::Error::custom)?)
    }
}

/// An optional amount of money as a document number (an integer when whole, as documents
/// write money), for `serialize_with`; `None` is `null`.
pub(crate) fn money_number<S: Serializer>(
    m: &Option<crate::model::Money>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match m {
        Some(m) => super::money_json(*m).serialize(s),
        None => s.serialize_none(),
    }
}

/// A duration written with the project's units, e.g. `"5d"`, `"2.5h"`, `"3ed"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DurationText(pub Duration, pub DurationSettings);

impl Serialize for DurationText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.display(&self.1).text().as_str())
    }
}

/// A link type code: `FS`, `SS`, `FF` or `SF`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "LinkType"))]
#[cfg_attr(feature = "tsify", tsify(rename = "LinkType"))]
#[allow(clippy::upper_case_acronyms)]
pub enum LinkCode {
    /// Finish-to-start.
    FS,
    /// Start-to-start.
    SS,
    /// Finish-to-finish.
    FF,
    /// Start-to-finish.
    SF,
}

impl From<crate::model::LinkType> for LinkCode {
    fn from(k: crate::model::LinkType) -> LinkCode {
        use crate::model::LinkType as L;
        match k {
            L::FinishToStart => LinkCode::FS,
            L::StartToStart => LinkCode::SS,
            L::FinishToFinish => LinkCode::FF,
            L::StartToFinish => LinkCode::SF,
        }
    }
}

/// What holds a task where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "Driver"))]
#[cfg_attr(feature = "tsify", tsify(rename = "Driver"))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum DriverOutput<'a> {
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
    /// The status date of the options: an unstarted task held until it.
    StatusDate,
    /// Its subtasks (a summary task).
    Subtasks,
    /// The predecessors or constraint of its summary task.
    Summary {
        /// The summary task's key.
        task: Cow<'a, str>,
    },
    /// A link from a predecessor.
    Link {
        /// The predecessor's key.
        from: Cow<'a, str>,
        /// The link type.
        #[cfg_attr(feature = "tsify", tsify(type = "LinkType"))]
        link: LinkCode,
        /// The link's lag, when it has one (e.g. `"2d"`, `"-4h"`, `"50%"`).
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
        #[cfg_attr(feature = "tsify", tsify(type = "string"))]
        lag: Option<LagText>,
    },
}

/// A lag written with the project's units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LagText(pub crate::model::Lag, pub DurationSettings);

impl Serialize for LagText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.text(&self.1).as_str())
    }
}

impl<'a> DriverOutput<'a> {
    fn of(d: &'a DriverEntry, st: DurationSettings) -> DriverOutput<'a> {
        match d {
            DriverEntry::ProjectStart => DriverOutput::ProjectStart,
            DriverEntry::Constraint => DriverOutput::Constraint,
            DriverEntry::Pinned => DriverOutput::Pinned,
            DriverEntry::Actual => DriverOutput::Actual,
            DriverEntry::Delay => DriverOutput::Delay,
            DriverEntry::StatusDate => DriverOutput::StatusDate,
            DriverEntry::Subtasks => DriverOutput::Subtasks,
            DriverEntry::Summary(t) => DriverOutput::Summary {
                task: Cow::Borrowed(t.as_str()),
            },
            DriverEntry::Link { from, kind, lag } => DriverOutput::Link {
                from: Cow::Borrowed(from.as_str()),
                link: (*kind).into(),
                lag: (!lag.is_zero()).then_some(LagText(*lag, st)),
            },
        }
    }
}

/// One task of a schedule (and each side of a change in a diff).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "ScheduledTask"))]
#[cfg_attr(feature = "tsify", tsify(rename = "TaskTimes"))]
pub struct TaskOutput<'a> {
    /// The task's key.
    pub id: Cow<'a, str>,
    /// Its name.
    pub name: Cow<'a, str>,
    /// Whether it is a summary task (its dates roll up from its subtasks).
    pub summary: bool,
    /// Whether it is a milestone.
    pub milestone: bool,
    /// Scheduled start: the early start, or the late start of an as-late-as-possible task, or
    /// the pinned start.
    #[cfg_attr(feature = "schema", schemars(with = "DateTimeSchema"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub start: Iso,
    /// Scheduled finish.
    #[cfg_attr(feature = "schema", schemars(with = "DateTimeSchema"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub finish: Iso,
    /// Early start.
    #[cfg_attr(feature = "schema", schemars(with = "DateTimeSchema"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub early_start: Iso,
    /// Early finish.
    #[cfg_attr(feature = "schema", schemars(with = "DateTimeSchema"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub early_finish: Iso,
    /// Late start.
    #[cfg_attr(feature = "schema", schemars(with = "DateTimeSchema"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub late_start: Iso,
    /// Late finish.
    #[cfg_attr(feature = "schema", schemars(with = "DateTimeSchema"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub late_finish: Iso,
    /// Duration (a summary's: its working time from start to finish).
    #[cfg_attr(feature = "schema", schemars(with = "DurationSchema"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub duration: DurationText,
    /// Total float in minutes (working minutes on the task's calendar, elapsed minutes for
    /// elapsed tasks); negative when a constraint or deadline cannot be met.
    pub total_float_minutes: i64,
    /// Free float in minutes (never negative).
    pub free_float_minutes: i64,
    /// Total float with the project's units.
    #[cfg_attr(feature = "schema", schemars(with = "DurationSchema"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub total_float: DurationText,
    /// Free float with the project's units.
    #[cfg_attr(feature = "schema", schemars(with = "DurationSchema"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub free_float: DurationText,
    /// Whether the task is critical.
    pub critical: bool,
    /// What holds it where it is.
    #[cfg_attr(feature = "tsify", tsify(type = "Driver"))]
    pub driver: DriverOutput<'a>,
    /// The keys of the predecessors whose links hold it where it is (in schedules; not in
    /// diffs).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string[]"))]
    pub driving_predecessors: Option<Predecessors<'a>>,
}

/// The TypeScript declaration of a task in a schedule: a [`TaskOutput`] that always has its
/// `driving_predecessors` (the sides of a diff never do).
#[cfg(feature = "tsify")]
#[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
const TS_SCHEDULED_TASK: &'static str = r#"/**
 * A task of a schedule: its times, and the keys of the predecessors whose links hold it where
 * it is.
 */
export interface ScheduledTask extends TaskTimes {
    driving_predecessors: string[];
}"#;

/// A link that holds a task where it is: what `why` returns in the bindings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "DrivingLink"))]
#[cfg_attr(feature = "tsify", tsify(rename = "DrivingLink"))]
pub struct DrivingLinkOutput<'a> {
    /// The predecessor's key.
    pub from: Cow<'a, str>,
    /// The link type.
    #[serde(rename = "type")]
    #[cfg_attr(feature = "tsify", tsify(type = "LinkType"))]
    pub kind: LinkCode,
    /// The lag, when there is one (e.g. `"2d"`, `"-4h"`, `"50%"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub lag: Option<LagText>,
}

impl<'a> DrivingLinkOutput<'a> {
    /// The output form of a driving link from `from` (an entry of
    /// [`Engine::why`](crate::Engine::why)), its lag written with `settings`.
    pub fn new(
        from: impl Into<Cow<'a, str>>,
        kind: crate::model::LinkType,
        lag: crate::model::Lag,
        settings: DurationSettings,
    ) -> DrivingLinkOutput<'a> {
        DrivingLinkOutput {
            from: from.into(),
            kind: kind.into(),
            lag: (!lag.is_zero()).then_some(LagText(lag, settings)),
        }
    }
}

/// The predecessors of a task's driving links, written as their keys.
#[derive(Debug, Clone, Copy)]
pub struct Predecessors<'a> {
    project: &'a Project,
    links: &'a [LinkIndex],
}

impl Serialize for Predecessors<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.links.len()))?;
        for &l in self.links {
            seq.serialize_element(self.project.task(self.project.link(l).from).id.as_str())?;
        }
        seq.end()
    }
}

impl<'a> TaskOutput<'a> {
    fn with(
        id: &'a str,
        name: &'a str,
        summary: bool,
        t: &TaskSchedule,
        driver: DriverOutput<'a>,
        st: DurationSettings,
    ) -> TaskOutput<'a> {
        TaskOutput {
            id: Cow::Borrowed(id),
            name: Cow::Borrowed(name),
            summary,
            milestone: !summary && t.duration.is_zero(),
            start: Iso(t.start),
            finish: Iso(t.finish),
            early_start: Iso(t.early_start),
            early_finish: Iso(t.early_finish),
            late_start: Iso(t.late_start),
            late_finish: Iso(t.late_finish),
            duration: DurationText(t.duration, st),
            total_float_minutes: t.total_float.minutes(),
            free_float_minutes: t.free_float.minutes(),
            total_float: DurationText(t.total_float, st),
            free_float: DurationText(t.free_float, st),
            critical: t.critical,
            driver,
            driving_predecessors: None,
        }
    }

    /// Task `i` of schedule `s` of project `p`, with its driving predecessors.
    pub fn of_schedule(p: &'a Project, s: &'a Schedule, i: TaskIndex) -> TaskOutput<'a> {
        let def: &Task = p.task(i);
        let t = s.task(i);
        let st = *p.settings();
        use crate::schedule::Driver;
        let driver = match t.driver {
            Driver::Link(l) => {
                let l = p.link(l);
                DriverOutput::Link {
                    from: Cow::Borrowed(p.task(l.from).id.as_str()),
                    link: l.kind.into(),
                    lag: (!l.lag.is_zero()).then_some(LagText(l.lag, st)),
                }
            }
            Driver::Summary(x) => DriverOutput::Summary {
                task: Cow::Borrowed(p.task(x).id.as_str()),
            },
            Driver::ProjectStart => DriverOutput::ProjectStart,
            Driver::Constraint => DriverOutput::Constraint,
            Driver::Pinned => DriverOutput::Pinned,
            Driver::Actual => DriverOutput::Actual,
            Driver::Delay => DriverOutput::Delay,
            Driver::StatusDate => DriverOutput::StatusDate,
            Driver::Children => DriverOutput::Subtasks,
        };
        let mut out = TaskOutput::with(def.id.as_str(), &def.name, p.is_summary(i), t, driver, st);
        out.driving_predecessors = Some(Predecessors {
            project: p,
            links: s.driving_links(i),
        });
        out
    }

    /// The output form of an entry (a side of a change).
    pub fn of_entry(e: &'a TaskEntry, st: DurationSettings) -> TaskOutput<'a> {
        TaskOutput::with(
            e.id.as_str(),
            &e.name,
            e.summary,
            &e.schedule,
            DriverOutput::of(&e.driver, st),
            st,
        )
    }
}

/// A rule the schedule breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "Violation"))]
#[cfg_attr(feature = "tsify", tsify(rename = "Violation"))]
pub struct ViolationOutput<'a> {
    /// What kind of rule: `pinned_against_link`, `constraint_against_link` or
    /// `deadline_missed`.
    #[cfg_attr(feature = "tsify", tsify(type = "ViolationKind"))]
    pub kind: ViolationCode,
    /// The task.
    pub task: Cow<'a, str>,
    /// The predecessor of the link that is not honoured, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Cow<'a, str>>,
    /// The date the rule requires.
    #[cfg_attr(feature = "schema", schemars(with = "DateTimeSchema"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub required: Iso,
    /// The date the task has.
    #[cfg_attr(feature = "schema", schemars(with = "DateTimeSchema"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub actual: Iso,
}

/// The kind of a violation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "ViolationKind"))]
#[cfg_attr(feature = "tsify", tsify(rename = "ViolationKind"))]
#[serde(rename_all = "snake_case")]
pub enum ViolationCode {
    /// A pinned task is earlier than a link allows.
    PinnedAgainstLink,
    /// A hard constraint holds a task earlier than a link allows.
    ConstraintAgainstLink,
    /// A task finishes after its deadline.
    DeadlineMissed,
    /// A summary finishes after its finish-no-later-than date.
    ConstraintMissed,
}

impl From<ViolationKind> for ViolationCode {
    fn from(k: ViolationKind) -> ViolationCode {
        match k {
            ViolationKind::PinnedAgainstLink => ViolationCode::PinnedAgainstLink,
            ViolationKind::ConstraintAgainstLink => ViolationCode::ConstraintAgainstLink,
            ViolationKind::DeadlineMissed => ViolationCode::DeadlineMissed,
            ViolationKind::ConstraintMissed => ViolationCode::ConstraintMissed,
        }
    }
}

/// A remark about the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "ScheduleWarning"))]
#[cfg_attr(feature = "tsify", tsify(rename = "ScheduleWarning"))]
pub struct WarningOutput<'a> {
    /// The item concerned, e.g. ``task `A` ``.
    pub item: Cow<'a, str>,
    /// What was noticed.
    pub message: Cow<'a, str>,
}

impl<'a> WarningOutput<'a> {
    /// The output form of `w`.
    pub fn of(w: &'a Warning) -> WarningOutput<'a> {
        WarningOutput {
            item: Cow::Owned(w.item.to_string()),
            message: Cow::Borrowed(&w.message),
        }
    }
}

/// A schedule: the project's dates, its critical path and every task.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "Schedule"))]
#[cfg_attr(feature = "tsify", tsify(rename = "Schedule"))]
pub struct ScheduleOutput<'a> {
    /// The project's name.
    pub project: Cow<'a, str>,
    /// The project start.
    #[cfg_attr(feature = "schema", schemars(with = "DateTimeSchema"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub project_start: Iso,
    /// The project finish.
    #[cfg_attr(feature = "schema", schemars(with = "DateTimeSchema"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    pub project_finish: Iso,
    /// The critical tasks (not summaries) in order of their early dates.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string[]"))]
    pub critical_path: Keys<'a>,
    /// The critical paths: chains of critical tasks linked by driving links.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Vec<String>>"))]
    #[cfg_attr(feature = "tsify", tsify(type = "string[][]"))]
    pub critical_paths: Paths<'a>,
    /// Every task, in the project's order.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<TaskOutput<'static>>"))]
    #[cfg_attr(feature = "tsify", tsify(type = "ScheduledTask[]"))]
    pub tasks: Tasks<'a>,
    /// Rules the schedule breaks.
    #[cfg_attr(feature = "tsify", tsify(type = "Violation[]"))]
    pub violations: Vec<ViolationOutput<'a>>,
    /// Remarks about the input.
    #[cfg_attr(feature = "tsify", tsify(type = "ScheduleWarning[]"))]
    pub warnings: Vec<WarningOutput<'a>>,
}

/// Task keys, written from indices.
#[derive(Debug, Clone, Copy)]
pub struct Keys<'a>(&'a Project, &'a [TaskIndex]);

impl Serialize for Keys<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().map(|&i| self.0.task(i).id.as_str()))
    }
}

/// Critical paths, written as lists of keys.
#[derive(Debug, Clone, Copy)]
pub struct Paths<'a>(&'a Project, &'a [Vec<TaskIndex>]);

impl Serialize for Paths<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().map(|p| Keys(self.0, p)))
    }
}

/// Every task of a schedule, written one by one.
#[derive(Debug, Clone, Copy)]
pub struct Tasks<'a>(&'a Project, &'a Schedule);

impl Serialize for Tasks<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            (0..self.1.tasks().len())
                .map(|k| TaskOutput::of_schedule(self.0, self.1, TaskIndex(k as u32))),
        )
    }
}

impl<'a> ScheduleOutput<'a> {
    /// The output form of schedule `s` of project `p`.
    pub fn new(p: &'a Project, s: &'a Schedule) -> ScheduleOutput<'a> {
        ScheduleOutput {
            project: Cow::Borrowed(p.name()),
            project_start: Iso(s.project_start),
            project_finish: Iso(s.project_finish),
            critical_path: Keys(p, s.critical_path()),
            critical_paths: Paths(p, s.critical_paths()),
            tasks: Tasks(p, s),
            violations: s
                .violations()
                .iter()
                .map(|v| ViolationOutput {
                    kind: v.kind.into(),
                    task: Cow::Borrowed(p.task(v.task).id.as_str()),
                    from: v
                        .link
                        .map(|l| Cow::Borrowed(p.task(p.link(l).from).id.as_str())),
                    required: Iso(v.required),
                    actual: Iso(v.actual),
                })
                .collect(),
            warnings: s.warnings().iter().map(WarningOutput::of).collect(),
        }
    }
}

/// How one task changed in an edit.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "TaskChange"))]
#[cfg_attr(feature = "tsify", tsify(rename = "TaskChange"))]
pub struct ChangeOutput<'a> {
    /// The task's key.
    pub id: Cow<'a, str>,
    /// The task before the edit (`null` if the edit added it).
    #[cfg_attr(feature = "tsify", tsify(type = "TaskTimes | null"))]
    pub before: Option<TaskOutput<'a>>,
    /// The task after the edit (`null` if the edit removed it).
    #[cfg_attr(feature = "tsify", tsify(type = "TaskTimes | null"))]
    pub after: Option<TaskOutput<'a>>,
}

impl<'a> ChangeOutput<'a> {
    /// The output form of `c`.
    pub fn of(c: &'a Change, st: DurationSettings) -> ChangeOutput<'a> {
        ChangeOutput {
            id: Cow::Borrowed(c.task.as_str()),
            before: c.before.as_ref().map(|e| TaskOutput::of_entry(e, st)),
            after: c.after.as_ref().map(|e| TaskOutput::of_entry(e, st)),
        }
    }
}

/// What an edit changed: the project's dates before and after, and every task whose schedule
/// changed.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[cfg_attr(feature = "schema", schemars(rename = "Diff"))]
#[cfg_attr(feature = "tsify", tsify(rename = "Diff"))]
pub struct DiffOutput<'a> {
    /// The project start before and after.
    #[cfg_attr(feature = "schema", schemars(with = "[DateTimeSchema; 2]"))]
    #[cfg_attr(feature = "tsify", tsify(type = "[string, string]"))]
    pub project_start: [Iso; 2],
    /// The project finish before and after.
    #[cfg_attr(feature = "schema", schemars(with = "[DateTimeSchema; 2]"))]
    #[cfg_attr(feature = "tsify", tsify(type = "[string, string]"))]
    pub project_finish: [Iso; 2],
    /// The tasks whose schedule changed, in task order.
    #[cfg_attr(feature = "tsify", tsify(type = "TaskChange[]"))]
    pub changes: Vec<ChangeOutput<'a>>,
}

impl<'a> DiffOutput<'a> {
    /// The output form of `d`.
    pub fn new(d: &'a Diff) -> DiffOutput<'a> {
        DiffOutput {
            project_start: [Iso(d.project_start.0), Iso(d.project_start.1)],
            project_finish: [Iso(d.project_finish.0), Iso(d.project_finish.1)],
            changes: d
                .changes
                .iter()
                .map(|c| ChangeOutput::of(c, d.settings))
                .collect(),
        }
    }
}

/// The JSON Schema form of a date-time.
#[cfg(feature = "schema")]
struct DateTimeSchema;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for DateTimeSchema {
    fn schema_name() -> Cow<'static, str> {
        "DateTime".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A local date-time with minute precision: YYYY-MM-DDTHH:MM:SS",
            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$"
        })
    }
}

/// The JSON Schema form of a duration.
#[cfg(feature = "schema")]
struct DurationSchema;

#[cfg(feature = "schema")]
impl schemars::JsonSchema for DurationSchema {
    fn schema_name() -> Cow<'static, str> {
        "Duration".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A duration: a number and a unit (m, h, d, w, mo; elapsed em, eh, ed, ew, emo)",
            "pattern": r"^-?[0-9]+(\.[0-9]+)?(m|h|d|w|mo|em|eh|ed|ew|emo)$"
        })
    }
}

// ---- layout ------------------------------------------------------------------------------

/// How much output is gathered before it goes to the writer.
const CHUNK: usize = 64 * 1024;

/// Where the layout writes: a buffer that, when there is a writer, goes to it a chunk at a
/// time (so a million tasks stream through 64 KB), else holds the whole text.
pub(crate) struct Sink<'a> {
    buf: &'a mut Vec<u8>,
    to: Option<&'a mut dyn io::Write>,
}

impl<'a> Sink<'a> {
    /// A sink that keeps everything in `buf`.
    pub(crate) fn memory(buf: &'a mut Vec<u8>) -> Sink<'a> {
        Sink { buf, to: None }
    }

    fn raw(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }

    /// Writes `v` on one line (compact, with `", "` and `": "` separators).
    pub(crate) fn line<T: Serialize + ?Sized>(&mut self, v: &T) -> io::Result<()> {
        super::ser::line(self.buf, v)?;
        match &mut self.to {
            Some(w) if self.buf.len() >= CHUNK => {
                w.write_all(self.buf)?;
                self.buf.clear();
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Passes what is left to the writer.
    fn finish(self) -> io::Result<()> {
        match self.to {
            Some(w) => {
                w.write_all(self.buf)?;
                self.buf.clear();
                Ok(())
            }
            None => Ok(()),
        }
    }
}

/// Runs `layout` into `w` through a chunk buffer.
fn stream<W: io::Write>(
    w: &mut W,
    layout: impl FnOnce(&mut Sink<'_>) -> io::Result<()>,
) -> io::Result<()> {
    let mut buf = Vec::with_capacity(CHUNK + 4096);
    let mut sink = Sink {
        buf: &mut buf,
        to: Some(w),
    };
    layout(&mut sink)?;
    sink.finish()
}

/// Writes a top-level field `key` and its value on one line.
fn field<T: Serialize + ?Sized>(w: &mut Sink<'_>, first: bool, key: &str, v: &T) -> io::Result<()> {
    w.raw(if first { b"{\n  " } else { b",\n  " });
    w.line(key)?;
    w.raw(b": ");
    w.line(v)
}

/// Writes a top-level list field with one element a line.
fn list<T: Serialize>(
    w: &mut Sink<'_>,
    key: &str,
    items: impl Iterator<Item = T>,
) -> io::Result<()> {
    w.raw(b",\n  ");
    w.line(key)?;
    w.raw(b": [");
    let mut any = false;
    for v in items {
        w.raw(if any { b",\n    " } else { b"\n    " });
        w.line(&v)?;
        any = true;
    }
    w.raw(if any { b"\n  ]" } else { b"]" });
    Ok(())
}

impl ScheduleOutput<'_> {
    /// Writes the schedule as jindu writes it everywhere: the fields one a line, one task a
    /// line (readable and diffable at any size). The text goes to `w` in chunks of 64 KB, so
    /// `w` needs no buffer of its own.
    pub fn write<W: io::Write>(&self, w: &mut W) -> io::Result<()> {
        stream(w, |s| self.layout(s))
    }

    pub(crate) fn layout(&self, w: &mut Sink<'_>) -> io::Result<()> {
        field(w, true, "project", &self.project)?;
        field(w, false, "project_start", &self.project_start)?;
        field(w, false, "project_finish", &self.project_finish)?;
        field(w, false, "critical_path", &self.critical_path)?;
        list(
            w,
            "critical_paths",
            self.critical_paths
                .1
                .iter()
                .map(|p| Keys(self.critical_paths.0, p)),
        )?;
        let (p, s) = (self.tasks.0, self.tasks.1);
        list(
            w,
            "tasks",
            (0..s.tasks().len()).map(|k| TaskOutput::of_schedule(p, s, TaskIndex(k as u32))),
        )?;
        list(w, "violations", self.violations.iter())?;
        list(w, "warnings", self.warnings.iter())?;
        w.raw(b"\n}\n");
        Ok(())
    }
}

impl DiffOutput<'_> {
    /// Writes the diff as jindu writes it everywhere (one change a line).
    pub fn write<W: io::Write>(&self, w: &mut W) -> io::Result<()> {
        stream(w, |s| self.layout(s))
    }

    pub(crate) fn layout(&self, w: &mut Sink<'_>) -> io::Result<()> {
        field(w, true, "project_start", &self.project_start)?;
        field(w, false, "project_finish", &self.project_finish)?;
        list(w, "changes", self.changes.iter())?;
        w.raw(b"\n}\n");
        Ok(())
    }
}

/// A layout written into a `String` of capacity `size`.
pub(crate) fn to_string(f: impl FnOnce(&mut Sink<'_>) -> io::Result<()>, size: usize) -> String {
    let mut buf = Vec::with_capacity(size);
    // Writing into memory cannot fail, and serde_json writes valid UTF-8.
    let _ = f(&mut Sink::memory(&mut buf));
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
