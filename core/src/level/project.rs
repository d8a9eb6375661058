//! Levelling real projects (and a portfolio sharing a resource pool): resolving
//! overallocations by delaying tasks, with the reason for every delay.
//!
//! The method (also in `core/DESIGN.md`, "Levelling projects"):
//!
//! 1. Every project is scheduled as it is (the *unlevelled* schedule).
//! 2. The portfolio is laid on a discrete axis: the working time of the first project's
//!    calendar or, when some task works on another calendar, the union of the working times of
//!    every calendar a task works on (so that no task's work falls between two periods), cut
//!    into periods of [`LevelOptions::period_minutes`] working minutes. Every leaf task becomes
//!    an activity covering the periods its unlevelled dates touch (start rounded down, finish
//!    rounded up), released at its unlevelled start period: levelling only ever delays. A
//!    movable task not on the axis calendar covers, wherever a pass tries to start it, the
//!    periods from its first working minute there to its finish on its own calendar, and a
//!    link into it counts its lag on its own calendar, as the engine does.
//! 3. Links become precedences (type and lag, lags rounded up to whole periods, a link to or
//!    from a summary task applying to every leaf under it), each capped at the distance the
//!    unlevelled schedule already has, so that an unlevelled schedule is always feasible.
//! 4. Resources are pooled by id as [`load`](super::load()) pools them. A work resource's
//!    capacity in a period is its smallest max units there (time-varying with
//!    [`Resource::availability`](crate::Resource::availability)); in a period where its
//!    calendar does not work at all it is unlimited, because loading counts no work there.
//!    Demand is the assignment's units (or, with `work`, the units that work needs over the
//!    task's duration, rounded up).
//! 5. A serial schedule-generation pass places the activities one by one, eligible activities
//!    (all predecessors placed) in the order: fixed tasks first, then the larger project
//!    priority ([`Project::priority`](crate::Project::priority); in a portfolio the
//!    project's priority comes before the tasks', as in Microsoft Project, and a client's
//!    value × urgency maps to it by [`Ranking`](crate::Ranking)), then larger
//!    [`Task::priority`](crate::Task::priority), then earlier unlevelled late start, earlier
//!    start, portfolio order. Each goes to its first period from which every demand fits.
//!    Fixed tasks — pinned, started or finished, must-start-on or must-finish-on, and
//!    *do-not-level* tasks (priority 1000, or in a project of priority 1000, as in Microsoft
//!    Project) — are not delayed by
//!    resources, and neither may their predecessors push them (they get a latest start);
//!    start-no-later-than and finish-no-later-than tasks, and with
//!    [`LevelOptions::within_float`] every task, may not start after their unlevelled late
//!    start. A task that cannot fit by its latest start stays where its predecessors put it
//!    and the overallocation is reported in [`Levelled::unresolved`].
//!    With [`LevelOptions::schedules`] above one, further passes break ties between tasks of
//!    equal priority at random (seeded by [`LevelOptions::seed`]) and the best pass is kept
//!    (fewest unresolved conflicts, then shortest makespan, then least total delay).
//! 6. Every activity that the pass started later than its release gets a levelling delay (the
//!    instant its period starts), and each project is rescheduled with those delays
//!    ([`Scenario::delays`]), so that calendars, summaries, float and links are exact. Where
//!    the rescheduled plan is still overallocated and a task starts later than the pass put it
//!    (a link whose lag counts on the task's own calendar, which the axis only approximates),
//!    the best pass runs again with those starts as earliest starts, up to four times, while
//!    that leaves less overallocated.
//! 7. The levelled schedules are measured with [`load`](super::load()): any overallocation
//!    it still reports (one that could not be fixed within float, or one the discrete axis
//!    misses) is listed in [`Levelled::unresolved`] — never hidden.
//!
//! With [`LevelOptions::split`] a movable task on the axis calendar (so none where the axis is a
//! union of calendars) that would be delayed may instead work in the first periods with room,
//! pausing where a resource is full, when that finishes it earlier (or fits its latest start where
//! the whole task does not); its finish less its duration stays within its latest start, links from
//! its finish read the end of its last part, and it is rescheduled with the pauses as its
//! [`Task::splits`](crate::Task::splits) ([`LevelledTask::parts`], [`LevelledTask::pauses`] with
//! each pause's reason).
//!
//! Limits: deadlines do not bound levelling (only hard constraints and
//! `within_float` do); projects scheduled from their finish are levelled as if forward; every
//! project is scheduled with the same [`LevelOptions::schedule`].
//!
//! ```
//! use jindu::level::{level, LevelOptions, Reason};
//! let doc = jindu::io::json::read(r#"{"name": "P", "start": "2026-01-05",
//!   "tasks": [{"id": "A", "duration": "2d", "priority": 800}, {"id": "B", "duration": "1d"}],
//!   "resources": [{"id": "ana"}],
//!   "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}]}"#)?;
//! let l = level(&[&doc.project], &LevelOptions::default())?;
//! // A (priority 800) keeps Monday and Tuesday; B waits until Wednesday 7 January.
//! let d = &l.projects[0].delays[0];
//! assert_eq!((d.task.as_str(), d.to.0.to_string().as_str()), ("B", "2026-01-07T08:00:00"));
//! assert_eq!(d.delay_minutes, 2 * 480);
//! assert!(matches!(&d.reason, Reason::Resource { resource, by, .. } if resource == "ana" && by[0].task == "A"));
//! assert!(l.unresolved.is_empty());
//! # Ok::<(), jindu::Error>(())
//! ```

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use serde::{Deserialize, Serialize};

use super::load::{check_availability, each_piece, load, LoadOptions, Loading, Period};
use super::parts::split_parts;
use super::rcpsp::{Precedence, MAX_HORIZON};
use crate::calendar::WorkCalendar;
use crate::control::Control;
use crate::error::{Error, Item, Result};
use crate::id::{CalendarId, TaskIndex};
use crate::io::json::out::Iso as Stamp;
use crate::model::{Constraint, Lag, Project, Resource, ResourceKind};
use crate::schedule::{LagCalendar, Network, Outputs, Scenario, Schedule, ScheduleOptions};
use crate::time::DateTime;
use crate::Limits;

/// A priority of this value or more marks a task "do not level" (Microsoft Project's rule).
pub const DO_NOT_LEVEL: u16 = 1000;

/// Free capacity of a resource in a period where it does not work: no limit.
const UNLIMITED: i64 = 1 << 40;

/// Options of [`level`].
///
/// ```
/// use jindu::level::LevelOptions;
/// let o = LevelOptions::default();
/// assert_eq!((o.period_minutes, o.schedules, o.seed, o.within_float, o.split), (60, 1, 0, false, false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelOptions {
    /// How every project is scheduled ([`level_each`] and [`Levelling::each`] take each
    /// project's own instead).
    pub schedule: ScheduleOptions,
    /// The length of a levelling period in working minutes of the axis calendar (default 60:
    /// an hour; 480 levels by whole standard days). At least 1. The axis is the first
    /// project's calendar, or the union of the calendars the tasks work on (see the module
    /// documentation).
    pub period_minutes: i64,
    /// Whether a task may only move within its total float (its unlevelled late start): the
    /// project finish does not move, and conflicts that cannot be solved so are reported.
    pub within_float: bool,
    /// Passes of the schedule-generation scheme (default 1: the deterministic priority pass
    /// alone); more passes break ties of equal priority at random and keep the best.
    pub schedules: u64,
    /// The seed of those random tie-breaks.
    pub seed: u64,
    /// Whether a task may be split (Microsoft Project's "leveling can create splits in
    /// remaining work"): its work pauses while a resource is full and resumes after, when
    /// that finishes it earlier than delaying it whole (default false; see the module
    /// documentation for which tasks may be split).
    pub split: bool,
    /// The most [`schedules`](Self::schedules) a run may ask for
    /// ([`Limits::max_level_schedules`]; default [`Limits::DEFAULT`]).
    pub limits: Limits,
}

impl Default for LevelOptions {
    fn default() -> LevelOptions {
        LevelOptions {
            schedule: ScheduleOptions::default(),
            period_minutes: 60,
            within_float: false,
            schedules: 1,
            seed: 0,
            split: false,
            limits: Limits::DEFAULT,
        }
    }
}

/// The options of a levelling as the bindings and the command take them (JSON: every field
/// optional): the one reader of `jindu level`'s flags, the npm `jindu/plan` `LevelOptions`,
/// Python's and Kotlin's `level` options. [`options`](Self::options) gives the core's
/// [`LevelOptions`], scheduled with the default [`ScheduleOptions`] (a binding sets the
/// first document's).
///
/// ```
/// use jindu::level::LevelRequest;
/// let o = LevelRequest::from_json(r#"{"schedules": 20, "seed": 7, "split": true}"#)?.options()?;
/// assert_eq!((o.schedules, o.seed, o.split, o.period_minutes), (20, 7, true, 60));
/// assert!(LevelRequest::from_json(r#"{"sedd": 1}"#).is_err()); // an unknown field
/// let e = LevelRequest::from_json(r#"{"period_minutes": 0}"#)?.options().unwrap_err();
/// assert_eq!(e.field(), Some("period_minutes"));
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LevelRequest {
    /// Passes of the schedule-generation scheme (default 1; more break ties of equal priority
    /// at random, seeded by `seed`, and keep the best; 0 counts as 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedules: Option<u64>,
    /// The seed of those tie-breaks (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Move tasks only within their float (what cannot be fixed so is reported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_float: Option<bool>,
    /// The levelling step in working minutes (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period_minutes: Option<i64>,
    /// Let a task's work pause while its resource is full and resume after, when that
    /// finishes it earlier than delaying it whole ([`LevelOptions::split`]; default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<bool>,
    /// The host's limits over the defaults (`max_level_schedules` counts here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limits: Option<Limits>,
}

impl LevelRequest {
    /// Reads the JSON form (empty text for the defaults); an unknown or malformed field is a
    /// `json` error naming it.
    pub fn from_json(text: &str) -> Result<LevelRequest> {
        if text.trim().is_empty() {
            return Ok(LevelRequest::default());
        }
        serde_json::from_str(text).map_err(|e| Error::json(format!("level options: {e}")))
    }

    /// The options this request stands for (the projects scheduled with the default
    /// [`ScheduleOptions`]).
    ///
    /// # Errors
    ///
    /// A `period_minutes` below 1 or above [`MAX_PERIOD_MINUTES`] ([`Error::Invalid`] naming
    /// the field); more `schedules` than the limits allow ([`Error::Limit`]).
    pub fn options(&self) -> Result<LevelOptions> {
        let d = LevelOptions::default();
        let o = LevelOptions {
            schedule: ScheduleOptions::default(),
            schedules: self.schedules.unwrap_or(d.schedules).max(1),
            seed: self.seed.unwrap_or(d.seed),
            within_float: self.within_float.unwrap_or(d.within_float),
            period_minutes: self.period_minutes.unwrap_or(d.period_minutes),
            split: self.split.unwrap_or(d.split),
            limits: self.limits.unwrap_or(d.limits),
        };
        o.check()?;
        Ok(o)
    }
}

impl LevelOptions {
    /// The checks [`Levelling::new`] makes before it schedules anything.
    fn check(&self) -> Result<()> {
        self.limits.check_level(self.schedules)?;
        if self.period_minutes < 1 {
            return Err(Error::invalid(
                Item::Project,
                "period_minutes",
                "the levelling period must be at least one minute",
            ));
        }
        if self.period_minutes > MAX_PERIOD_MINUTES {
            return Err(Error::invalid(
                Item::Project,
                "period_minutes",
                format!(
                    "the levelling period must be at most {MAX_PERIOD_MINUTES} minutes (every \
                     minute of the supported years)"
                ),
            ));
        }
        Ok(())
    }
}

/// A levelled portfolio.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Levelled {
    /// Every project, in the order given.
    pub projects: Vec<LevelledProject>,
    /// The overallocations [`load`](super::load()) still finds in the levelled schedules
    /// (empty when levelling resolved everything).
    pub unresolved: Vec<Unresolved>,
    /// The period length used, working minutes.
    pub period_minutes: i64,
    /// Passes of the schedule-generation scheme run.
    pub schedules_generated: u64,
    /// The seed used.
    pub seed: u64,
    /// Pooled resources a later project defines differently from the first one with them
    /// (whose definition levelling used).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<super::load::PoolConflict>,
    /// Whether a cancel token stopped levelling before all [`LevelOptions::schedules`] passes:
    /// the result is then the best of the `schedules_generated` passes run, exactly what
    /// levelling with that many passes gives (written only when true).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cancelled: bool,
}

/// One levelled project.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LevelledProject {
    /// The project's name.
    pub name: String,
    /// The levelled schedule (not serialized: `tasks` has its dates).
    #[serde(skip)]
    pub schedule: Schedule,
    /// The project finish before levelling.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub finish_before: Stamp,
    /// The project finish after levelling.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub finish: Stamp,
    /// Every task's levelled dates, in project order.
    pub tasks: Vec<LevelledTask>,
    /// Every task that starts later than before levelling, in project order, and why.
    pub delays: Vec<TaskDelay>,
}

impl LevelledProject {
    /// `project` (the one levelled) with the pauses levelling gave its split tasks: the
    /// project whose schedule [`schedule`](Self::schedule) is, for loading or exporting the
    /// levelled plan (levelling delays are in the schedule only, as in Microsoft Project's
    /// levelling delay). Without splitting it is `project` itself.
    ///
    /// # Errors
    ///
    /// A task count that differs from the project's (not the project levelled).
    pub fn apply(&self, project: &Project) -> Result<Project> {
        if project.len() != self.tasks.len() {
            return Err(Error::invalid(
                Item::Project,
                "tasks",
                "this is not the project that was levelled",
            ));
        }
        let mut p = project.clone();
        for (i, lt) in self.tasks.iter().enumerate() {
            if lt.splits.is_empty() {
                continue;
            }
            let ti = TaskIndex(i as u32);
            let mut t = p.task(ti).clone();
            t.splits.clone_from(&lt.splits);
            p.replace_task(ti, t)?;
        }
        Ok(p)
    }
}

/// A task's levelled dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LevelledTask {
    /// The task's key.
    pub id: String,
    /// Levelled start.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub start: Stamp,
    /// Levelled finish.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub finish: Stamp,
    /// When levelling split the task ([`LevelOptions::split`]): where its work runs, in order
    /// (the first part starts at `start`, the last finishes at `finish`); empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<SplitPart>,
    /// The pauses between those parts, each with why the work paused (the resource that was
    /// full at its start and the tasks holding it).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pauses: Vec<SplitPause>,
    /// The pauses as the model holds them ([`Task::splits`](crate::Task::splits): after so
    /// much work, so much working time off), what [`LevelledProject::apply`] writes; not
    /// serialized (`parts` has the dates).
    #[serde(skip)]
    pub splits: Vec<crate::model::Split>,
}

/// A part of a split task: its work runs from `start` to `finish`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SplitPart {
    /// Where the part's work starts.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub start: Stamp,
    /// Where it finishes.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub finish: Stamp,
}

/// A pause of a split task, from the finish of one part to the start of the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SplitPause {
    /// The finish of the part before it.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub start: Stamp,
    /// The start of the part after it.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub finish: Stamp,
    /// Why the work paused.
    pub reason: Reason,
}

/// A task that levelling moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TaskDelay {
    /// The task's key.
    pub task: String,
    /// Its name.
    pub task_name: String,
    /// The project's index in the portfolio.
    pub project: usize,
    /// Its start before levelling.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub from: Stamp,
    /// Its start after levelling.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub to: Stamp,
    /// The move in working minutes of the task's calendar.
    pub delay_minutes: i64,
    /// Why it moved.
    pub reason: Reason,
}

/// A task of the portfolio.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TaskRef {
    /// The project's index in the portfolio.
    pub project: usize,
    /// The task's key.
    pub task: String,
}

/// Why a task moved.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// A resource was full: starting one period earlier would have needed more of it than it
    /// had in the period starting `at`.
    Resource {
        /// The resource's key.
        resource: String,
        /// The start of the period that would have been over capacity.
        #[cfg_attr(feature = "schema", schemars(with = "String"))]
        at: Stamp,
        /// What the task needs of it (units, percent).
        demand: u32,
        /// The resource's max units in that period.
        capacity: u32,
        /// What the competing tasks use of it then (units, percent).
        used: u32,
        /// The competing tasks (those holding the resource then), in portfolio order.
        by: Vec<TaskRef>,
    },
    /// A predecessor (or a summary task above it) moved, and its link holds the task.
    Predecessor {
        /// The predecessor.
        task: TaskRef,
    },
}

/// An overallocation left after levelling.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Unresolved {
    /// The resource's key.
    pub resource: String,
    /// Start of the overallocated interval.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub start: Stamp,
    /// Its end.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub finish: Stamp,
    /// The highest sum of units in it (percent).
    pub peak_units: f64,
    /// The max units at that peak.
    pub max_units: u32,
    /// The tasks working then.
    pub tasks: Vec<TaskRef>,
}

/// One activity of the discrete model.
#[derive(Debug, Clone)]
struct Act {
    project: usize,
    task: TaskIndex,
    release: i64,
    dur: i64,
    /// Latest start period (`i64::MAX`: none).
    bound: i64,
    fixed: bool,
    /// Its project's priority ([`Project::priority`]), compared before the task's own.
    project_priority: u16,
    priority: u16,
    /// Unlevelled late start period (the tie-break after priority).
    late: i64,
    /// (pool, units).
    demands: Vec<(usize, i64)>,
    /// Whether the pass may split it ([`LevelOptions::split`], and a task that can be).
    split: bool,
}

/// A precedence of the model: `to` may start `gap` periods after `from` starts (and, when
/// the link reads `from`'s finish, after the pauses of `from` too).
#[derive(Debug, Clone, Copy)]
struct Prec {
    from: usize,
    to: usize,
    gap: i64,
    from_finish: bool,
    /// It constrains the successor's finish (FF, SF): for a successor whose span depends on
    /// where it starts, the pass finds the first start whose span ends late enough.
    to_finish: bool,
    /// The link's lag in minutes (working minutes on the successor's calendar, or wall-clock
    /// minutes when `elapsed`), for a successor not on the axis ([`Model::after_link`]); `None`
    /// where that does not apply (a summary end, another lag calendar).
    lag: Option<(i64, bool)>,
}

/// A model-level reason, by activity and pool index.
#[derive(Debug, Clone)]
enum Why {
    Pred(usize),
    Res {
        pool: usize,
        period: i64,
        demand: i64,
        cap: i64,
        used: i64,
        by: Vec<usize>,
    },
}

/// The outcome of one pass.
#[derive(Debug)]
struct Pass {
    starts: Vec<i64>,
    whys: Vec<Option<Why>>,
    /// The parts of every activity the pass split (periods `[from, to)`; empty: not split).
    parts: Vec<Vec<(i64, i64)>>,
    /// Why each pause of a split activity paused (one per gap between its parts).
    pauses: Vec<Vec<Why>>,
    conflicts: usize,
    makespan: i64,
    total_delay: i64,
    /// The tie-breaks the pass ran with (to run it again with other earliest starts).
    ties: Vec<u64>,
}

/// The longest levelling period: every minute of the years 1000 to 9999 (9000 × 366 days of
/// 1440 minutes). A longer one means a single period, and the period boundaries
/// (`origin + p × period` for up to [`rcpsp::MAX_HORIZON`](super::rcpsp::MAX_HORIZON)
/// periods) would overflow `i64`: `i64::MAX` panicked in a debug build.
pub const MAX_PERIOD_MINUTES: i64 = 9000 * 366 * 1440;

/// The key of the levelling axis when it is the union of several calendars (no calendar of a
/// project can have it: keys are text a person typed, never control characters).
const AXIS: &str = "\u{1}levelling axis";

/// How many times [`Levelling::result`] runs the best pass again with the starts its
/// rescheduling found later than the pass placed them.
const REPAIR_ROUNDS: usize = 4;

/// Levels `projects` together (one project: a slice of one), sharing resources by id; see the
/// [module documentation](self).
///
/// # Errors
///
/// Scheduling errors of any project; an availability period that is empty or overlaps another
/// (naming the resource); an assignment needing more units than its resource ever has (naming
/// the task and the resource); a `period_minutes` below 1 or above [`MAX_PERIOD_MINUTES`]; a
/// portfolio too long for the discrete axis; more `schedules` than
/// [`Limits::max_level_schedules`] ([`Error::Limit`]).
pub fn level(projects: &[&Project], options: &LevelOptions) -> Result<Levelled> {
    level_with(projects, options, Control::default())
}

/// [`level`] with a progress callback and a cancel token.
///
/// The callback is called after every pass of the schedule-generation scheme with the passes
/// done, the total ([`LevelOptions::schedules`]) and the best pass so far; the token is looked
/// at before every pass. Cancelled after at least one pass, levelling returns the best of the
/// passes run, marked [`Levelled::cancelled`]: the same result as levelling with that many
/// passes (and the same seed), since the passes run in order. Neither changes the result
/// otherwise. [`Levelling`] runs the same passes a slice at a time.
///
/// ```
/// use jindu::control::{CancelToken, Control};
/// use jindu::level::{level, level_with, LevelOptions, Progress};
/// let doc = jindu::io::json::read(r#"{"name": "P", "start": "2026-01-05",
///   "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"}],
///   "resources": [{"id": "ana"}],
///   "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}]}"#)?;
/// let opts = LevelOptions { schedules: 20, seed: 7, ..LevelOptions::default() };
/// let (mut seen, cancel) = (Vec::new(), CancelToken::default());
/// let mut progress = |p: &Progress| seen.push((p.done, p.total));
/// let l = level_with(&[&doc.project], &opts, Control { progress: Some(&mut progress), cancel: Some(&cancel) })?;
/// assert_eq!(seen.len(), 20);
/// assert_eq!((seen[0], seen[19]), ((1, 20), (20, 20)));
/// assert_eq!(l, level(&[&doc.project], &opts)?);
///
/// // Cancelled after the first pass: the first pass's result, marked cancelled.
/// let mut stop = |_: &Progress| cancel.cancel();
/// let l = level_with(&[&doc.project], &opts, Control { progress: Some(&mut stop), cancel: Some(&cancel) })?;
/// assert!(l.cancelled);
/// assert_eq!(l.schedules_generated, 1);
/// let one = level(&[&doc.project], &LevelOptions { schedules: 1, ..opts })?;
/// assert_eq!(l.projects, one.projects);
/// // Cancelled before any pass: nothing to return.
/// let e = level_with(&[&doc.project], &opts, Control { cancel: Some(&cancel), ..Control::default() });
/// assert_eq!(e.unwrap_err().code(), jindu::ErrorCode::Cancelled);
/// # Ok::<(), jindu::Error>(())
/// ```
///
/// # Errors
///
/// As [`level`]; [`Error::Cancelled`] when the token is set before the first pass.
pub fn level_with(
    projects: &[&Project],
    options: &LevelOptions,
    control: Control<'_, Progress>,
) -> Result<Levelled> {
    let each: Vec<(&Project, ScheduleOptions)> =
        projects.iter().map(|&p| (p, options.schedule)).collect();
    level_each(&each, options, control)
}

/// [`level_with`] for a portfolio whose projects are each scheduled with their own options
/// (each document's `options`: its status date, its constraint rule, its lag calendar), as
/// [`load`] schedules them; [`LevelOptions::schedule`] is not used. `jindu level` and the
/// bindings level several documents so: ten client projects each have their own status date.
///
/// ```
/// use jindu::control::Control;
/// use jindu::level::{level, level_each, LevelOptions};
/// use jindu::{DateTime, ScheduleOptions};
/// let doc = |name: &str| jindu::io::json::read(&format!(r#"{{"name": "{name}", "start": "2026-01-05",
///   "tasks": [{{"id": "A", "duration": "2d"}}], "resources": [{{"id": "ana"}}],
///   "assignments": [{{"task": "A", "resource": "ana"}}]}}"#));
/// let (p, q) = (doc("P")?.project, doc("Q")?.project);
/// // Q's work is rescheduled after its status date, Wednesday 7 January: it no longer
/// // overlaps P's Monday and Tuesday, so nothing moves.
/// let wed: DateTime = "2026-01-07T08:00".parse()?;
/// let late = ScheduleOptions { status_date: Some(wed), ..ScheduleOptions::default() };
/// let opts = LevelOptions::default();
/// let l = level_each(&[(&p, ScheduleOptions::default()), (&q, late)], &opts, Control::default())?;
/// assert!(l.projects.iter().all(|x| x.delays.is_empty()));
/// assert_eq!(l.projects[1].tasks[0].start.0.to_string(), "2026-01-07T08:00:00");
/// // Scheduled alike, both start on Monday and one of them waits for Ana.
/// let alike = level(&[&p, &q], &opts)?;
/// assert_eq!(alike.projects.iter().map(|x| x.delays.len()).sum::<usize>(), 1);
/// # Ok::<(), jindu::Error>(())
/// ```
///
/// # Errors
///
/// As [`level_with`].
pub fn level_each(
    projects: &[(&Project, ScheduleOptions)],
    options: &LevelOptions,
    control: Control<'_, Progress>,
) -> Result<Levelled> {
    let mut run = Levelling::each(projects, options)?;
    run.advance(options.schedules.max(1), control)?;
    run.result()
}

/// How far levelling is: passed to the progress callback of [`level_with`] and returned by
/// [`Levelling::advance`].
///
/// ```
/// let p = jindu::level::Progress { done: 3, total: 10, makespan: 16, conflicts: 0 };
/// assert_eq!(p.total - p.done, 7);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Passes of the schedule-generation scheme run so far.
    pub done: u64,
    /// Passes asked for ([`LevelOptions::schedules`], at least 1).
    pub total: u64,
    /// The makespan of the best pass so far, in levelling periods from the portfolio's first
    /// start (0 before the first pass).
    pub makespan: i64,
    /// The tasks of the best pass so far that could not fit by their latest start (the
    /// overallocations it leaves, before they are measured; 0 before the first pass).
    pub conflicts: usize,
}

/// Levelling in progress: the portfolio compiled once into the discrete model, the passes of
/// the schedule-generation scheme run a slice at a time, the result at any point.
///
/// [`level`] and [`level_with`] are the one-call forms; a host that must keep its event loop
/// free (a browser, with a progress bar and a Cancel button) advances a `Levelling` instead.
/// The passes run in order whatever the slices, so the result after `n` passes is exactly what
/// [`level`] gives with `schedules: n` and the same seed.
///
/// ```
/// use jindu::control::Control;
/// use jindu::level::{level, LevelOptions, Levelling};
/// let doc = jindu::io::json::read(r#"{"name": "P", "start": "2026-01-05",
///   "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"}, {"id": "C", "duration": "3d"}],
///   "resources": [{"id": "ana"}],
///   "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"},
///                   {"task": "C", "resource": "ana"}]}"#)?;
/// let opts = LevelOptions { schedules: 50, seed: 3, ..LevelOptions::default() };
/// let mut run = Levelling::new(&[&doc.project], &opts)?;
/// while !run.is_done() {
///     let p = run.advance(8, Control::default())?; // a host would yield to its event loop here
///     assert!(p.done <= 50);
/// }
/// assert_eq!(run.result()?, level(&[&doc.project], &opts)?);
/// // One resource of six days' work: the best finish is six working days, 48 hourly periods.
/// assert_eq!(run.progress().makespan, 48);
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug)]
pub struct Levelling<'p> {
    projects: Vec<Cow<'p, Project>>,
    /// Each project's schedule options.
    project_options: Vec<ScheduleOptions>,
    options: LevelOptions,
    /// The discrete model (`None` for an empty portfolio).
    model: Option<Model>,
    rng: super::rcpsp::rng::Rng,
    best: Option<Pass>,
    done: u64,
    cancelled: bool,
}

/// The discrete model of a portfolio, and what the result needs of the unlevelled schedules.
#[derive(Debug)]
struct Model {
    before: Vec<Schedule>,
    axis: WorkCalendar,
    origin: i64,
    acts: Vec<Act>,
    act_of: Vec<Vec<Option<usize>>>,
    precs: Vec<Prec>,
    pred: Vec<Vec<usize>>,
    succ: Vec<Vec<usize>>,
    capacity: Vec<Vec<i64>>,
    /// Every period's start and end instants on the axis calendar.
    bounds: Vec<(i64, i64)>,
    /// Every pool's resource key.
    pools: Vec<String>,
    /// Per activity, how it runs when delayed if not on the axis calendar (see [`Own`]).
    own: Vec<Option<Own>>,
    /// The calendars [`Own::cal`] refers to.
    cals: Vec<WorkCalendar>,
    /// Working minutes per period.
    period: i64,
}

/// How a movable task that is not on the axis calendar (another calendar, or an elapsed
/// duration) runs once delayed: from the start of the period it is delayed to, on its own
/// calendar. The periods it then covers depend on where it starts (a task on a six-day week
/// delayed to a Friday covers Monday's periods too), so a pass measures them at every start
/// it tries ([`Model::span`]) rather than taking the periods its unlevelled dates covered.
#[derive(Debug, Clone, Copy)]
struct Own {
    /// Its calendar, an index into [`Model::cals`].
    cal: usize,
    /// Its working minutes with its pauses (wall-clock minutes when elapsed).
    minutes: i64,
    elapsed: bool,
}

impl Model {
    /// The period that instant `t` (minutes) falls in.
    fn period_of(&self, t: i64) -> i64 {
        (self.axis.ord(t) - self.origin).div_euclid(self.period)
    }

    /// The first period boundary at or after instant `t`.
    fn period_end(&self, t: i64) -> i64 {
        let e = self.axis.ord(t) - self.origin;
        e.div_euclid(self.period) + i64::from(e.rem_euclid(self.period) != 0)
    }

    /// The period in which activity `j` really starts when a pass delays it to period `t`: on
    /// its own calendar it starts at its first working minute from there (a holiday of its
    /// calendar is working time on the axis).
    fn start_at(&self, j: usize, t: i64) -> i64 {
        let Some(o) = self.own[j].filter(|o| !o.elapsed) else {
            return t;
        };
        if t <= self.acts[j].release {
            return t;
        }
        let Some(&(at, _)) = self.bounds.get(t as usize) else {
            return t;
        };
        let c = &self.cals[o.cal];
        match c.start_of(c.ord(at)) {
            Some(s) if s > at && s < i64::MAX / 4 => self.period_of(s).max(t),
            _ => t,
        }
    }

    /// The first period activity `j` (not on the axis) may start in by link `pr` from an
    /// activity the pass delayed to `from_start` with span `from_span`, the lag counted on
    /// `j`'s own calendar as the engine counts it: from the predecessor's start (its first
    /// working minute there) or the end of its last period (never before its finish), plus the
    /// lag, less `j`'s duration where the link binds its finish. `None` where the link keeps
    /// its distance in periods.
    fn after_link(&self, pr: &Prec, from_start: i64, from_span: i64) -> Option<i64> {
        let j = pr.to;
        let o = self.own[j].filter(|o| !o.elapsed)?;
        let (lag, elapsed) = pr.lag?;
        if from_start <= self.acts[pr.from].release {
            return None;
        }
        let x = if pr.from_finish {
            let last = (from_start + from_span - 1).max(from_start);
            self.bounds.get(last as usize)?.1
        } else {
            let at = self.bounds.get(from_start as usize)?.0;
            match self.own[pr.from] {
                Some(f) if !f.elapsed => {
                    let c = &self.cals[f.cal];
                    c.start_of(c.ord(at))?
                }
                _ => at,
            }
        };
        let c = &self.cals[o.cal];
        let w = if elapsed {
            c.ord(x.checked_add(lag)?)
        } else {
            c.ord(x).checked_add(lag)?
        };
        let w = if pr.to_finish { w - o.minutes } else { w };
        let s = c.start_of(w)?;
        if s >= i64::MAX / 4 {
            return None;
        }
        Some(self.period_of(s))
    }

    /// The periods activity `j` covers when it starts in period `t`: those its unlevelled
    /// dates covered when it keeps its start, else from `t` to the period of its finish on
    /// its own calendar (at least one).
    fn span(&self, j: usize, t: i64) -> i64 {
        let a = &self.acts[j];
        let Some(o) = self.own[j] else {
            return a.dur;
        };
        if t <= a.release {
            return a.dur;
        }
        let Some(&(at, _)) = self.bounds.get(t as usize) else {
            return a.dur;
        };
        let c = &self.cals[o.cal];
        let w = c.ord(at);
        let finish = if o.elapsed {
            Some(at + o.minutes)
        } else {
            c.finish_of(w + o.minutes)
        };
        let Some(finish) = finish.filter(|&f| f < i64::MAX / 4) else {
            return a.dur;
        };
        (self.period_end(finish) - t).max(1)
    }
}

impl<'p> Levelling<'p> {
    /// Schedules the projects as they are and builds the discrete model; no pass runs yet.
    ///
    /// # Errors
    ///
    /// As [`level`].
    pub fn new(projects: &[&'p Project], options: &LevelOptions) -> Result<Levelling<'p>> {
        let each: Vec<(&Project, ScheduleOptions)> =
            projects.iter().map(|&p| (p, options.schedule)).collect();
        Levelling::each(&each, options)
    }

    /// [`Levelling::new`] with each project scheduled with its own options, as [`level_each`];
    /// [`LevelOptions::schedule`] is not used.
    ///
    /// # Errors
    ///
    /// As [`level`].
    pub fn each(
        projects: &[(&'p Project, ScheduleOptions)],
        options: &LevelOptions,
    ) -> Result<Levelling<'p>> {
        options.check()?;
        let project_options: Vec<ScheduleOptions> = projects.iter().map(|&(_, o)| o).collect();
        let projects: Vec<&'p Project> = projects.iter().map(|&(p, _)| p).collect();
        let projects = &projects[..];
        let g = options.period_minutes;
        let nets = projects
            .iter()
            .zip(&project_options)
            .map(|(p, o)| Network::compile(p, o))
            .collect::<Result<Vec<_>>>()?;
        let before = nets
            .iter()
            .map(|n| n.schedule())
            .collect::<Result<Vec<_>>>()?;
        let Some(first) = nets.first() else {
            return Ok(Levelling {
                projects: Vec::new(),
                project_options,
                options: *options,
                model: None,
                rng: super::rcpsp::rng::Rng::new(options.seed),
                best: None,
                done: 0,
                cancelled: false,
            });
        };
        // The axis: the first project's calendar, or where a task works on another calendar,
        // the union of their working times, so that no task's work falls between periods.
        // Whether project `k`'s calendar `c` is the calendar `axis` (the first project's own, or
        // one of the same key and definition in another project).
        let same = |k: usize, c: &CalendarId, axis: &CalendarId| {
            c == axis && (k == 0 || projects[k].calendar(c) == projects[0].calendar(c))
        };
        let first_cal = first.calendar();
        let mut others: Vec<&WorkCalendar> = Vec::new();
        let mut seen: BTreeSet<(usize, &CalendarId)> = BTreeSet::new();
        for (k, p) in projects.iter().enumerate() {
            for (i, t) in p.tasks().iter().enumerate() {
                let ti = TaskIndex(i as u32);
                if p.is_summary(ti) || t.duration.minutes() <= 0 || t.duration.is_elapsed() {
                    continue;
                }
                let c = nets[k].task_calendar(ti);
                if !same(k, c.id(), first_cal.id()) && seen.insert((k, c.id())) {
                    others.push(c);
                }
            }
        }
        let union = if others.is_empty() {
            None
        } else {
            others.insert(0, first_cal);
            // Calendars whose exceptions lie too far apart for one calendar keep the first
            // project's as the axis (loading reports what that misses).
            WorkCalendar::union(&CalendarId::from(AXIS), &others).ok()
        };
        let axis = union.as_ref().unwrap_or(first_cal);
        let origin = projects
            .iter()
            .map(|p| match p.schedule_from() {
                crate::model::ScheduleFrom::Start(t) => axis.ord(t.minutes()),
                crate::model::ScheduleFrom::Finish(_) => i64::MAX,
            })
            .chain(before.iter().map(|s| axis.ord(s.project_start.minutes())))
            .min()
            .unwrap_or(0);
        let period_of = |t: DateTime| (axis.ord(t.minutes()) - origin).div_euclid(g);
        let period_end = |t: DateTime| {
            let w = axis.ord(t.minutes()) - origin;
            w.div_euclid(g) + i64::from(w.rem_euclid(g) != 0)
        };

        // Pools, as `load` builds them: one per resource id, defined by the first project with it.
        let mut pool_def: Vec<(&Resource, usize)> = Vec::new();
        let mut by_id: BTreeMap<&str, usize> = BTreeMap::new();
        let mut local: Vec<Vec<usize>> = Vec::with_capacity(projects.len());
        for (k, p) in projects.iter().enumerate() {
            let mut map = Vec::with_capacity(p.resources().len());
            for r in p.resources() {
                let i = *by_id.entry(r.id.as_str()).or_insert_with(|| {
                    pool_def.push((r, k));
                    pool_def.len() - 1
                });
                map.push(i);
            }
            local.push(map);
        }
        for (r, _) in &pool_def {
            check_availability(r)?;
        }

        // Activities.
        let mut acts: Vec<Act> = Vec::new();
        let mut own: Vec<Option<Own>> = Vec::new();
        let mut cals: Vec<WorkCalendar> = Vec::new();
        let mut cal_of: BTreeMap<(usize, CalendarId), usize> = BTreeMap::new();
        let mut act_of: Vec<Vec<Option<usize>>> = Vec::with_capacity(projects.len());
        for (k, p) in projects.iter().enumerate() {
            let s = &before[k];
            let project_priority = p.priority().level();
            let mut map = vec![None; p.len()];
            for (i, t) in p.tasks().iter().enumerate() {
                let ti = TaskIndex(i as u32);
                if p.is_summary(ti) {
                    continue;
                }
                let ts = s.task(ti);
                let release = period_of(ts.start);
                let mut dur = period_end(ts.finish) - release;
                if t.duration.minutes() > 0 && !t.milestone {
                    dur = dur.max(1);
                } else {
                    dur = 0;
                }
                let fixed = t.pinned.is_some()
                    || t.progress.actual_start.is_some()
                    || t.progress.is_complete()
                    || t.priority >= DO_NOT_LEVEL
                    || project_priority >= DO_NOT_LEVEL
                    || matches!(
                        t.constraint,
                        Constraint::MustStartOn(_) | Constraint::MustFinishOn(_)
                    );
                let late = period_of(ts.late_start).max(release);
                let bound = if fixed {
                    release
                } else if options.within_float
                    || matches!(
                        t.constraint,
                        Constraint::StartNoLaterThan(_) | Constraint::FinishNoLaterThan(_)
                    )
                {
                    late
                } else {
                    i64::MAX
                };
                let on_axis = same(k, nets[k].task_calendar(ti).id(), axis.id());
                // Splittable: a movable working-time task on the axis calendar (its pauses are
                // then whole periods of its own working time), not split already.
                let split = options.split
                    && !fixed
                    && dur > 1
                    && t.splits.is_empty()
                    && !t.duration.is_elapsed()
                    && on_axis;
                own.push(
                    (!fixed && dur > 0 && (!on_axis || t.duration.is_elapsed())).then(|| {
                        let c = nets[k].task_calendar(ti);
                        let cal = *cal_of.entry((k, c.id().clone())).or_insert_with(|| {
                            cals.push(c.clone());
                            cals.len() - 1
                        });
                        Own {
                            cal,
                            minutes: t.duration.minutes()
                                + t.splits.iter().map(|x| x.pause.minutes()).sum::<i64>(),
                            elapsed: t.duration.is_elapsed(),
                        }
                    }),
                );
                map[i] = Some(acts.len());
                acts.push(Act {
                    project: k,
                    task: ti,
                    release,
                    dur,
                    bound,
                    fixed,
                    project_priority,
                    priority: t.priority,
                    late,
                    demands: Vec::new(),
                    split,
                });
            }
            act_of.push(map);
        }
        for (k, p) in projects.iter().enumerate() {
            for a in p.assignments() {
                let pool = local[k][a.resource.index()];
                let def = pool_def[pool].0;
                if def.kind != ResourceKind::Work {
                    continue;
                }
                let Some(j) = act_of[k][a.task.index()] else {
                    continue;
                };
                let t = p.task(a.task);
                let dm = t.duration.minutes();
                let units = match a.work {
                    Some(w) if dm > 0 => (w.minutes() * 100 + dm - 1) / dm,
                    _ => i64::from(a.units),
                };
                if units <= 0 || acts[j].dur == 0 {
                    continue;
                }
                let most = def
                    .availability
                    .iter()
                    .map(|v| v.max_units)
                    .chain([def.max_units])
                    .max()
                    .unwrap_or(0);
                if units > i64::from(most) {
                    return Err(Error::invalid(
                        Item::Assignment {
                            task: t.id.clone(),
                            resource: def.id.clone(),
                        },
                        "units",
                        format!(
                            "the task needs {units}% of {} but it never has more than {most}%, so \
                             levelling can never fit it",
                            def.id
                        ),
                    ));
                }
                match acts[j].demands.iter_mut().find(|d| d.0 == pool) {
                    Some(d) => d.1 += units,
                    None => acts[j].demands.push((pool, units)),
                }
            }
        }

        // Precedences, from links (summary ends expanded to their leaves).
        let mut precs: Vec<Prec> = Vec::new();
        for (k, p) in projects.iter().enumerate() {
            let mut leaves: Vec<Vec<usize>> = vec![Vec::new(); p.len()];
            for (i, t) in p.tasks().iter().enumerate() {
                let Some(j) = act_of[k][i] else { continue };
                let mut up = t.parent;
                while let Some(u) = up {
                    leaves[u.index()].push(j);
                    up = p.task(u).parent;
                }
            }
            let ends = |i: TaskIndex| -> Vec<usize> {
                match act_of[k][i.index()] {
                    Some(j) => vec![j],
                    None => leaves[i.index()].clone(),
                }
            };
            let mpw = axis.minutes_per_week().max(1);
            for l in p.links() {
                for &a in &ends(l.from) {
                    for &b in &ends(l.to) {
                        let lag_w = match l.lag {
                            Lag::Time(d) if d.is_elapsed() => d.minutes() * mpw / (7 * 1440),
                            Lag::Time(d) => d.minutes(),
                            Lag::Percent(pc) => {
                                p.task(acts[a].task).duration.minutes() * i64::from(pc) / 10_000
                            }
                        };
                        let lag = lag_w.div_euclid(g) + i64::from(lag_w.rem_euclid(g) != 0);
                        let exact = act_of[k][l.from.index()] == Some(a)
                            && act_of[k][l.to.index()] == Some(b)
                            && project_options[k].lag_calendar == LagCalendar::Successor;
                        let own_lag = match l.lag {
                            Lag::Time(d) => (d.minutes(), d.is_elapsed()),
                            Lag::Percent(pc) => (
                                p.task(acts[a].task).duration.minutes() * i64::from(pc) / 10_000,
                                false,
                            ),
                        };
                        let gap = Precedence::new(a, b, l.kind, lag)
                            .start_gap(acts[a].dur, acts[b].dur)
                            .min(acts[b].release - acts[a].release);
                        precs.push(Prec {
                            from: a,
                            to: b,
                            gap,
                            from_finish: !l.kind.from_start(),
                            to_finish: l.kind.to_finish(),
                            lag: exact.then_some(own_lag),
                        });
                    }
                }
            }
        }
        let n = acts.len();
        let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut pred: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (x, pr) in precs.iter().enumerate() {
            succ[pr.from].push(x);
            pred[pr.to].push(x);
        }
        // Topological order (the projects compiled, so there is no cycle).
        let mut indeg: Vec<usize> = pred.iter().map(Vec::len).collect();
        let mut topo: Vec<usize> = (0..n).filter(|&j| indeg[j] == 0).collect();
        let mut h = 0;
        while h < topo.len() {
            let j = topo[h];
            h += 1;
            for &x in &succ[j] {
                let b = precs[x].to;
                indeg[b] -= 1;
                if indeg[b] == 0 {
                    topo.push(b);
                }
            }
        }
        // Latest starts propagate back to predecessors.
        for &j in topo.iter().rev() {
            if acts[j].bound == i64::MAX {
                continue;
            }
            for &x in &pred[j] {
                let pr = precs[x];
                let b = (acts[j].bound - pr.gap).max(acts[pr.from].release);
                if b < acts[pr.from].bound {
                    acts[pr.from].bound = b;
                }
            }
        }

        // The horizon and every pool's capacity per period.
        let last_change = pool_def
            .iter()
            .flat_map(|(r, _)| r.availability.iter().map(|v| period_end(v.to)))
            .max()
            .unwrap_or(0);
        // A task on its own calendar may cover more periods once delayed than its unlevelled
        // dates did: as many as its working time takes on its calendar's thinnest week, measured
        // in the axis's weeks, and a week more for where it starts.
        let axis_week = axis.minutes_per_week().max(1);
        let week_periods = axis_week / g + 1;
        let longest = |j: usize| -> i64 {
            let a = &acts[j];
            match own[j] {
                None => a.dur,
                Some(o) => {
                    let per_week = if o.elapsed {
                        7 * 1440
                    } else {
                        cals[o.cal].minutes_per_week().max(1)
                    };
                    let weeks = o.minutes / per_week + 1;
                    a.dur.max(
                        weeks
                            .saturating_mul(week_periods)
                            .saturating_add(week_periods),
                    )
                }
            }
        };
        let horizon = acts
            .iter()
            .map(|a| a.release + a.dur)
            .max()
            .unwrap_or(0)
            .max(last_change)
            .saturating_add((0..acts.len()).map(longest).fold(0i64, i64::saturating_add))
            .saturating_add(1);
        let too_long = || {
            Error::invalid(
                Item::Project,
                "period_minutes",
                format!(
                    "the portfolio spans more than {MAX_HORIZON} levelling periods; use longer periods"
                ),
            )
        };
        if horizon > MAX_HORIZON {
            return Err(too_long());
        }
        let mut used = vec![false; pool_def.len()];
        for a in &acts {
            for d in &a.demands {
                used[d.0] = true;
            }
        }
        // Every used pool's calendar, compiled once.
        let mut res_cals: BTreeMap<(usize, CalendarId), WorkCalendar> = BTreeMap::new();
        let mut pool_cal: Vec<Option<(usize, CalendarId)>> = Vec::with_capacity(pool_def.len());
        for (pi, &(def, home)) in pool_def.iter().enumerate() {
            if !used[pi] {
                pool_cal.push(None);
                continue;
            }
            let p = projects[home];
            let id = def
                .calendar
                .clone()
                .unwrap_or_else(|| p.calendar_id().clone());
            if let std::collections::btree_map::Entry::Vacant(e) =
                res_cals.entry((home, id.clone()))
            {
                let c = p.calendar(&id).ok_or_else(|| Error::UnknownCalendar {
                    id: id.clone(),
                    by: Item::Resource(def.id.clone()),
                })?;
                e.insert(WorkCalendar::compile(c, |x| p.calendar(x))?);
            }
            pool_cal.push(Some((home, id)));
        }
        let period_bounds = |p: i64| {
            let a = axis.start_of(origin + p * g).unwrap_or(i64::MAX);
            let b = axis.finish_of(origin + (p + 1) * g).unwrap_or(i64::MAX);
            (a, b)
        };
        // A pool's capacity in the period from `a` to `b`.
        let capacity_in = |pi: usize, (a, b): (i64, i64)| -> i64 {
            let (def, _) = pool_def[pi];
            let Some(res) = pool_cal[pi].as_ref().and_then(|k| res_cals.get(k)) else {
                return UNLIMITED;
            };
            if a >= b {
                return UNLIMITED;
            }
            if res.id() != axis.id() {
                let mut works = false;
                each_piece(res, Some(axis), a, b, |_, _| works = true);
                if !works {
                    return UNLIMITED;
                }
            }
            let mut units = def.max_units;
            for v in &def.availability {
                let (x, y) = (v.from.minutes(), v.to.minutes());
                if x < b && a < y {
                    units = if x <= a && b <= y {
                        v.max_units
                    } else {
                        units.min(v.max_units).min(def.max_units)
                    };
                }
            }
            i64::from(units)
        };
        let mut bounds: Vec<(i64, i64)> = (0..horizon.max(0)).map(period_bounds).collect();
        let mut capacity: Vec<Vec<i64>> = (0..pool_def.len())
            .map(|pi| {
                if used[pi] {
                    bounds.iter().map(|&ab| capacity_in(pi, ab)).collect()
                } else {
                    Vec::new()
                }
            })
            .collect();
        // A moved task starts where all its resources work, so each may also wait out the
        // longest stretch in which one of them does not work at all: the horizon grows by that.
        let idle: Vec<i64> = capacity
            .iter()
            .map(|c| {
                let (mut run, mut most) = (0i64, 0i64);
                for &x in c {
                    run = if x >= UNLIMITED { run + 1 } else { 0 };
                    most = most.max(run);
                }
                most
            })
            .collect();
        let extra = acts
            .iter()
            .map(|a| a.demands.iter().map(|d| idle[d.0]).max().unwrap_or(0))
            .fold(0i64, i64::saturating_add);
        if extra > 0 {
            let more = horizon.saturating_add(extra);
            if more > MAX_HORIZON {
                return Err(too_long());
            }
            let added: Vec<(i64, i64)> = (horizon..more).map(period_bounds).collect();
            for (pi, c) in capacity.iter_mut().enumerate() {
                if used[pi] {
                    c.extend(added.iter().map(|&ab| capacity_in(pi, ab)));
                }
            }
            bounds.extend(added);
        }
        Ok(Levelling {
            projects: projects.iter().map(|&p| Cow::Borrowed(p)).collect(),
            project_options,
            options: *options,
            model: Some(Model {
                before,
                axis: axis.clone(),
                origin,
                acts,
                act_of,
                precs,
                pred,
                succ,
                capacity,
                bounds,
                pools: pool_def.iter().map(|(r, _)| r.id.to_string()).collect(),
                own,
                cals,
                period: g,
            }),
            rng: super::rcpsp::rng::Rng::new(options.seed),
            best: None,
            done: 0,
            cancelled: false,
        })
    }

    /// The same levelling, owning its projects (for a host that keeps it between calls).
    pub fn into_owned(self) -> Levelling<'static> {
        Levelling {
            projects: self
                .projects
                .into_iter()
                .map(|p| Cow::Owned(p.into_owned()))
                .collect(),
            project_options: self.project_options,
            options: self.options,
            model: self.model,
            rng: self.rng,
            best: self.best,
            done: self.done,
            cancelled: self.cancelled,
        }
    }

    /// Whether levelling has finished: every pass run, or cancelled.
    pub fn is_done(&self) -> bool {
        self.cancelled || self.done >= self.total()
    }

    /// Passes asked for.
    fn total(&self) -> u64 {
        if self.model.is_none() {
            0
        } else {
            self.options.schedules.max(1)
        }
    }

    /// How far levelling is.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.done,
            total: self.total(),
            makespan: self.best.as_ref().map_or(0, |b| b.makespan),
            conflicts: self.best.as_ref().map_or(0, |b| b.conflicts),
        }
    }

    /// Runs up to `schedules` more passes (at least one; never past the total), calling the
    /// progress callback after each and stopping for good when the cancel token is set.
    /// Returns the progress.
    ///
    /// # Errors
    ///
    /// A task that no period has room for (naming it); the levelling stays where it was.
    pub fn advance(
        &mut self,
        schedules: u64,
        mut control: Control<'_, Progress>,
    ) -> Result<Progress> {
        let Some(m) = &self.model else {
            return Ok(self.progress());
        };
        let until = self.total().min(self.done.saturating_add(schedules.max(1)));
        let projects: Vec<&Project> = self.projects.iter().map(|p| &**p).collect();
        let n = m.acts.len();
        while self.done < until && !self.cancelled {
            if control.is_cancelled() {
                self.cancelled = true;
                break;
            }
            // The first pass is the deterministic priority pass; later ones break ties at random.
            let ties: Vec<u64> = if self.done == 0 {
                vec![0; n]
            } else {
                (0..n).map(|_| self.rng.next_u64()).collect()
            };
            let pass = serial(m, ties, &[], &projects)?;
            let better = self.best.as_ref().is_none_or(|b| {
                (pass.conflicts, pass.makespan, pass.total_delay)
                    < (b.conflicts, b.makespan, b.total_delay)
            });
            if better {
                self.best = Some(pass);
            }
            self.done += 1;
            control.report(&self.progress());
        }
        Ok(self.progress())
    }

    /// The levelled portfolio of the best pass so far: every project rescheduled with its
    /// delays, each delay's reason, and what loading still finds overallocated.
    ///
    /// # Errors
    ///
    /// [`Error::Cancelled`] when no pass has run (cancelled before the first, or not advanced
    /// yet); scheduling errors of the levelled projects.
    pub fn result(&self) -> Result<Levelled> {
        let g = self.options.period_minutes;
        let Some(m) = &self.model else {
            return Ok(Levelled {
                projects: Vec::new(),
                unresolved: Vec::new(),
                period_minutes: g,
                schedules_generated: 0,
                seed: self.options.seed,
                conflicts: Vec::new(),
                cancelled: self.cancelled,
            });
        };
        let Some(best) = &self.best else {
            return Err(Error::Cancelled);
        };
        let (acts, act_of, before, bounds) = (&m.acts, &m.act_of, &m.before, &m.bounds);
        // The pass rescheduled with its delays. Where a task then starts later than the pass
        // placed it (a link measured on its own calendar, which the axis rounds), the pass
        // runs again with those starts as earliest starts, while that still leaves loading
        // less to report (at most `REPAIR_ROUNDS` times).
        let projects_all: Vec<&Project> = self.projects.iter().map(|p| &**p).collect();
        let mut repaired: Option<Pass> = None;
        let (mut split, mut after) = self.reschedule(m, best)?;
        let mut earliest: Vec<i64> = acts.iter().map(|a| a.release).collect();
        let mut loading = load_weekly(&split, &after)?;
        for _ in 0..REPAIR_ROUNDS {
            let left = overloads(&loading);
            if left == 0 {
                break;
            }
            let pass = repaired.as_ref().unwrap_or(best);
            let mut moved = false;
            for (j, a) in acts.iter().enumerate() {
                if a.fixed || !pass.parts[j].is_empty() {
                    continue;
                }
                let t = after[a.project].task(a.task).start;
                let real = m.period_of(t.minutes());
                if real > pass.starts[j] && real > earliest[j] {
                    earliest[j] = real;
                    moved = true;
                }
            }
            if !moved {
                break;
            }
            // A pass that no longer fits in the horizon (or a reschedule that fails) leaves the
            // result as it was: the repair only ever replaces it with a better one.
            let Ok(again) = serial(m, pass.ties.clone(), &earliest, &projects_all) else {
                break;
            };
            let Ok((s2, a2)) = self.reschedule(m, &again) else {
                break;
            };
            let Ok(l2) = load_weekly(&s2, &a2) else {
                break;
            };
            if overloads(&l2) >= left {
                break;
            }
            (split, after, loading) = (s2, a2, l2);
            repaired = Some(again);
        }
        let best = repaired.as_ref().unwrap_or(best);
        let projects: Vec<&Project> = split.iter().map(|p| &**p).collect();
        let projects = &projects[..];
        let nets = projects
            .iter()
            .zip(&self.project_options)
            .map(|(p, o)| Network::compile(p, o))
            .collect::<Result<Vec<_>>>()?;

        // Delays and their reasons.
        let tref = |j: usize| TaskRef {
            project: acts[j].project,
            task: projects[acts[j].project].task(acts[j].task).id.to_string(),
        };
        let reason_of = |w: Why| match w {
            Why::Res {
                pool,
                period,
                demand,
                cap,
                used,
                by,
            } => Reason::Resource {
                resource: m.pools[pool].clone(),
                at: stamp(bounds.get(period as usize).map_or(0, |b| b.0)),
                demand: demand as u32,
                capacity: cap as u32,
                used: used.max(0) as u32,
                by: by.into_iter().map(tref).collect(),
            },
            Why::Pred(a) => Reason::Predecessor { task: tref(a) },
        };
        let mut out = Vec::with_capacity(projects.len());
        for (k, p) in projects.iter().enumerate() {
            let (s0, s1) = (&before[k], &after[k]);
            let mut delays = Vec::new();
            for (i, t) in p.tasks().iter().enumerate() {
                let ti = TaskIndex(i as u32);
                let (from, to) = (s0.task(ti).start, s1.task(ti).start);
                if to <= from || p.is_summary(ti) {
                    continue;
                }
                let why = act_of[k][i].and_then(|j| best.whys[j].clone());
                let reason = match why {
                    Some(w) => reason_of(w),
                    None => {
                        // Pushed in the reschedule by a link: the driving predecessor.
                        let from_task = match s1.task(ti).driver {
                            crate::schedule::Driver::Link(li) => p.link(li).from,
                            crate::schedule::Driver::Summary(si) => si,
                            _ => ti,
                        };
                        Reason::Predecessor {
                            task: TaskRef {
                                project: k,
                                task: p.task(from_task).id.to_string(),
                            },
                        }
                    }
                };
                let cal = nets[k].task_calendar(ti);
                delays.push(TaskDelay {
                    task: t.id.to_string(),
                    task_name: t.name.clone(),
                    project: k,
                    from: Stamp(from),
                    to: Stamp(to),
                    delay_minutes: cal.work_between(from, to),
                    reason,
                });
            }
            out.push(LevelledProject {
                name: p.name().to_owned(),
                finish_before: Stamp(s0.project_finish),
                finish: Stamp(s1.project_finish),
                tasks: p
                    .tasks()
                    .iter()
                    .zip(s1.tasks())
                    .enumerate()
                    .map(|(i, (t, ts))| {
                        // The parts and pauses of a task levelling split.
                        let (mut parts, mut pauses) = (Vec::new(), Vec::new());
                        if let Some(j) = act_of[k][i].filter(|&j| best.parts[j].len() > 1) {
                            let cal = nets[k].task_calendar(TaskIndex(i as u32));
                            let ps = split_parts(
                                cal,
                                ts.start.minutes(),
                                ts.finish.minutes(),
                                &t.splits,
                            );
                            parts = ps
                                .iter()
                                .map(|&(a, b)| SplitPart {
                                    start: stamp(a),
                                    finish: stamp(b),
                                })
                                .collect();
                            pauses = ps
                                .windows(2)
                                .zip(&best.pauses[j])
                                .map(|(w, why)| SplitPause {
                                    start: stamp(w[0].1),
                                    finish: stamp(w[1].0),
                                    reason: reason_of(why.clone()),
                                })
                                .collect();
                        }
                        LevelledTask {
                            id: t.id.to_string(),
                            start: Stamp(ts.start),
                            finish: Stamp(ts.finish),
                            splits: if parts.is_empty() {
                                Vec::new()
                            } else {
                                t.splits.clone()
                            },
                            parts,
                            pauses,
                        }
                    })
                    .collect(),
                schedule: after[k].clone(),
                delays,
            });
        }

        // What loading still finds.
        let unresolved = loading
            .resources
            .iter()
            .flat_map(|r| {
                r.overallocations.iter().map(|o| Unresolved {
                    resource: r.id.clone(),
                    start: o.start,
                    finish: o.finish,
                    peak_units: o.peak_units,
                    max_units: o.max_units,
                    tasks: o
                        .tasks
                        .iter()
                        .map(|t| TaskRef {
                            project: t.project,
                            task: t.task.clone(),
                        })
                        .collect(),
                })
            })
            .collect();
        Ok(Levelled {
            projects: out,
            unresolved,
            period_minutes: g,
            schedules_generated: self.done,
            seed: self.options.seed,
            conflicts: super::load::pool_conflicts(projects),
            cancelled: self.cancelled,
        })
    }

    /// Every project with the splits of `pass` rescheduled with its delays: the projects (a
    /// split task with its pauses) and their levelled schedules.
    fn reschedule(&self, m: &Model, pass: &Pass) -> Result<(Vec<Cow<'_, Project>>, Vec<Schedule>)> {
        let (acts, before) = (&m.acts, &m.before);
        let (axis, origin) = (&m.axis, m.origin);
        let g = self.options.period_minutes;
        // Every split activity's task gets its pauses (working minutes of the axis calendar,
        // which is its own): from where it starts, each part's end to the next part's start.
        let mut split: Vec<Cow<'_, Project>> =
            self.projects.iter().map(|p| Cow::Borrowed(&**p)).collect();
        for (j, a) in acts.iter().enumerate() {
            let ps = &pass.parts[j];
            if ps.len() < 2 {
                continue;
            }
            let p = &self.projects[a.project];
            let mut t = p.task(a.task).clone();
            let w0 = if pass.starts[j] > a.release {
                origin + pass.starts[j] * g
            } else {
                axis.ord(before[a.project].task(a.task).start.minutes())
            };
            let mut paused = 0;
            for w in ps.windows(2) {
                let (end, resume) = (origin + w[0].1 * g, origin + w[1].0 * g);
                let after = end - w0 - paused;
                if after <= 0 || after >= t.duration.minutes() {
                    break;
                }
                t.splits.push(crate::model::Split {
                    after: crate::Duration::minutes_work(after),
                    pause: crate::Duration::minutes_work(resume - end),
                });
                paused += resume - end;
            }
            if !t.splits.is_empty() {
                split[a.project].to_mut().replace_task(a.task, t)?;
            }
        }
        let nets = split
            .iter()
            .zip(&self.project_options)
            .map(|(p, o)| Network::compile(p, o))
            .collect::<Result<Vec<_>>>()?;

        // Reschedule every project with the delays.
        let mut after = Vec::with_capacity(split.len());
        for (k, net) in nets.iter().enumerate() {
            let p = &*split[k];
            let mut delays: Vec<Option<DateTime>> = vec![None; p.len()];
            for (j, a) in acts.iter().enumerate() {
                if a.project != k {
                    continue;
                }
                if pass.starts[j] > a.release {
                    let w = origin + pass.starts[j] * g;
                    delays[a.task.index()] = axis.start_of(w).and_then(DateTime::from_minutes);
                } else if pass.parts[j].len() > 1 {
                    // A split task that keeps its start is held there: its longer span would
                    // let a finish link pull it earlier.
                    delays[a.task.index()] = Some(before[k].task(a.task).start);
                }
            }
            let mut ws = net.workspace();
            let sc = Scenario {
                delays: Some(&delays),
                outputs: Outputs::Full,
                ..Scenario::default()
            };
            after.push(net.run(&mut ws, &sc)?.schedule()?);
        }

        Ok((split, after))
    }
}

/// The loading of `schedules` of `projects` (by week: only its overallocations are read).
fn load_weekly(projects: &[Cow<'_, Project>], schedules: &[Schedule]) -> Result<Loading> {
    let pairs: Vec<(&Project, &Schedule)> = projects
        .iter()
        .map(|p| &**p)
        .zip(schedules.iter())
        .collect();
    load(&pairs, &LoadOptions::new(Period::Week))
}

/// How many overallocated intervals `loading` found.
fn overloads(loading: &Loading) -> usize {
    loading
        .resources
        .iter()
        .map(|r| r.overallocations.len())
        .sum()
}

fn stamp(t: i64) -> Stamp {
    Stamp(DateTime::from_minutes(t).unwrap_or(DateTime::MIN))
}

#[cfg(test)]
#[path = "project_tests.rs"]
mod tests;

/// One serial pass: eligible activities in priority order (`ties` breaks ties of equal
/// fixedness and priority), each at its first period where it fits, or, when it may be split
/// and that finishes it earlier, in the first periods where it fits with pauses between.
/// One serial pass over the model; `earliest` (empty: none) holds a period before which an
/// activity may not start, beyond its release.
fn serial(m: &Model, ties: Vec<u64>, earliest: &[i64], projects: &[&Project]) -> Result<Pass> {
    let (acts, precs, pred, succ, capacity) = (&m.acts, &m.precs, &m.pred, &m.succ, &m.capacity);
    let n = acts.len();
    let mut free: Vec<Vec<i64>> = capacity.to_vec();
    let mut starts = vec![i64::MIN; n];
    let mut spans: Vec<i64> = acts.iter().map(|a| a.dur).collect();
    let mut parts: Vec<Vec<(i64, i64)>> = vec![Vec::new(); n];
    let mut pauses: Vec<Vec<Why>> = vec![Vec::new(); n];
    let mut whys: Vec<Option<Why>> = vec![None; n];
    let mut placed: Vec<usize> = Vec::with_capacity(n);
    let mut left: Vec<usize> = pred.iter().map(Vec::len).collect();
    type Key = std::cmp::Reverse<(
        bool,
        std::cmp::Reverse<u16>,
        std::cmp::Reverse<u16>,
        u64,
        i64,
        i64,
        usize,
    )>;
    let key = |j: usize| -> Key {
        let a = &acts[j];
        std::cmp::Reverse((
            !a.fixed,
            std::cmp::Reverse(a.project_priority),
            std::cmp::Reverse(a.priority),
            ties[j],
            a.late,
            a.release,
            j,
        ))
    };
    let mut heap: BinaryHeap<Key> = (0..n).filter(|&j| left[j] == 0).map(key).collect();
    let mut conflicts = 0;
    let fits_from = |free: &[Vec<i64>], j: usize, t: i64, span: i64| -> Option<(usize, i64)> {
        for &(r, q) in &acts[j].demands {
            for u in t..t + span {
                if free[r][u as usize] < q {
                    return Some((r, u));
                }
            }
        }
        None
    };
    // The first resource of `j` without room in period `u`.
    let full_at = |free: &[Vec<i64>], j: usize, u: i64| -> Option<usize> {
        acts[j]
            .demands
            .iter()
            .find(|&&(r, q)| free[r][u as usize] < q)
            .map(|d| d.0)
    };
    // Where some resource of `j` does not work at all in period `u` (no part starts there).
    let idle_at = |j: usize, u: i64| -> bool {
        acts[j]
            .demands
            .iter()
            .any(|&(r, _)| capacity[r][u as usize] >= UNLIMITED)
    };
    while let Some(std::cmp::Reverse((.., j))) = heap.pop() {
        let a = &acts[j];
        let mut ready = a.release.max(earliest.get(j).copied().unwrap_or(i64::MIN));
        let mut by_pred = None;
        // The latest finish a finish link asks for, where `j`'s span depends on its start.
        let mut finish_by: Option<(i64, usize)> = None;
        for &x in &pred[j] {
            let pr = precs[x];
            let mut t = starts[pr.from] + pr.gap;
            if pr.from_finish {
                t += spans[pr.from] - acts[pr.from].dur;
            }
            if let Some(e) = m.after_link(&pr, starts[pr.from], spans[pr.from]) {
                if e > ready {
                    ready = e;
                    by_pred = Some(pr.from);
                }
            }
            if pr.to_finish && m.own[j].is_some() {
                let f = t + a.dur;
                if finish_by.is_none_or(|(g, _)| f > g) {
                    finish_by = Some((f, pr.from));
                }
            } else if t > ready {
                ready = t;
                by_pred = Some(pr.from);
            }
        }
        if let Some((f, from)) = finish_by {
            let mut t = ready;
            while t + m.span(j, t) < f {
                t += 1;
            }
            if t > ready {
                ready = t;
                by_pred = Some(from);
            }
        }
        let limit = a
            .demands
            .iter()
            .map(|d| free[d.0].len() as i64)
            .min()
            .unwrap_or(0);
        let mut t = ready;
        let mut last_fail = None;
        let mut conflict = false;
        // The first start that fits where a resource of the task does not work, kept in case
        // no later one where they all work is within the horizon.
        let mut idle_fit = None;
        let start = loop {
            if a.demands.is_empty() {
                break ready;
            }
            if t > a.bound || (a.fixed && t > ready) {
                conflict = true;
                break ready;
            }
            let real = m.start_at(j, t);
            if real > t {
                t = real;
                continue;
            }
            let span = m.span(j, t);
            if t + span > limit {
                if let Some(t0) = idle_fit {
                    break t0;
                }
                let p = projects[a.project];
                return Err(Error::invalid(
                    Item::Task(p.task(a.task).id.clone()),
                    "assignments",
                    "levelling found no period where every resource of this task has room for it",
                ));
            }
            match fits_from(&free, j, t, span) {
                // A task that moves anyway starts where all its resources work.
                None if t > a.release && idle_at(j, t) => {
                    idle_fit.get_or_insert(t);
                    t += 1;
                }
                None => break t,
                Some((r, u)) => {
                    last_fail = Some((r, u));
                    t = u + 1;
                }
            }
        };
        // Split: work in the first periods with room from `ready` on, pausing where a resource
        // is full; kept when it finishes earlier than the whole task (or fits its latest start
        // where the whole task does not), its finish less its duration within that latest start.
        let mut plan: Vec<(i64, i64)> = Vec::new();
        let mut plan_pauses: Vec<Why> = Vec::new();
        if a.split && (conflict || start > ready) {
            let mut u = ready;
            let mut got = 0;
            let mut open: Option<i64> = None;
            let mut paused: Option<Why> = None;
            // Nothing past the whole task's finish can finish earlier than it.
            let stop = if conflict {
                limit
            } else {
                limit.min(start + a.dur)
            };
            while got < a.dur && u < stop {
                match full_at(&free, j, u) {
                    None if open.is_none() && u > a.release && idle_at(j, u) => {}
                    None => {
                        if open.is_none() {
                            open = Some(u);
                            plan_pauses.extend(paused.take());
                        }
                        got += 1;
                    }
                    Some(r) => {
                        if let Some(s0) = open.take() {
                            plan.push((s0, u));
                            paused = Some(why_res(
                                &spans, &starts, &parts, &placed, acts, capacity, &free, j, r, u,
                            ));
                        }
                    }
                }
                u += 1;
            }
            if let Some(s0) = open {
                plan.push((s0, u));
            }
            let finish = plan.last().map_or(i64::MAX, |p| p.1);
            let legal = got == a.dur && (a.bound == i64::MAX || finish - a.dur <= a.bound);
            if !(legal && plan.len() > 1 && (conflict || finish < start + a.dur)) {
                plan.clear();
                plan_pauses.clear();
            }
        }
        let start = match plan.first() {
            Some(p) => {
                spans[j] = plan.last().map_or(a.dur, |l| l.1) - p.0;
                p.0
            }
            None => {
                if conflict {
                    conflicts += 1;
                }
                spans[j] = m.span(j, start);
                start
            }
        };
        if start > a.release {
            whys[j] = if start == ready || last_fail.is_none() {
                by_pred.map(Why::Pred)
            } else {
                last_fail.map(|(r, u)| {
                    why_res(
                        &spans, &starts, &parts, &placed, acts, capacity, &free, j, r, u,
                    )
                })
            };
        }
        if plan.is_empty() {
            for &(r, q) in &a.demands {
                for u in start..start + spans[j] {
                    free[r][u as usize] -= q;
                }
            }
        } else {
            for &(r, q) in &a.demands {
                for &(x, y) in &plan {
                    for u in x..y {
                        free[r][u as usize] -= q;
                    }
                }
            }
        }
        starts[j] = start;
        parts[j] = plan;
        pauses[j] = plan_pauses;
        placed.push(j);
        for &x in &succ[j] {
            let b = precs[x].to;
            left[b] -= 1;
            if left[b] == 0 {
                heap.push(key(b));
            }
        }
    }
    let makespan = (0..n).map(|j| starts[j] + spans[j]).max().unwrap_or(0);
    let total_delay = (0..n).map(|j| starts[j] - acts[j].release).sum();
    Ok(Pass {
        starts,
        whys,
        parts,
        pauses,
        conflicts,
        makespan,
        total_delay,
        ties,
    })
}

/// Why activity `j` could not use pool `r` in period `u`: what it needs, what the pool has,
/// and the placed activities working on it then.
#[allow(clippy::too_many_arguments)]
fn why_res(
    spans: &[i64],
    starts: &[i64],
    parts: &[Vec<(i64, i64)>],
    placed: &[usize],
    acts: &[Act],
    capacity: &[Vec<i64>],
    free: &[Vec<i64>],
    j: usize,
    r: usize,
    u: i64,
) -> Why {
    let works = |i: usize| match parts[i].as_slice() {
        [] => starts[i] <= u && u < starts[i] + spans[i],
        ps => ps.iter().any(|&(x, y)| x <= u && u < y),
    };
    let mut by: Vec<usize> = placed
        .iter()
        .copied()
        .filter(|&i| works(i) && acts[i].demands.iter().any(|d| d.0 == r))
        .collect();
    by.sort_unstable();
    let demand = acts[j].demands.iter().find(|d| d.0 == r).map_or(0, |d| d.1);
    let cap = capacity[r][u as usize];
    Why::Res {
        pool: r,
        period: u,
        demand,
        cap,
        used: cap - free[r][u as usize],
        by,
    }
}
