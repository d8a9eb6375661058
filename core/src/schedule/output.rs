//! What a schedule run produces: per-task dates and float, drivers, critical paths,
//! violations and warnings.

use crate::error::Item;
use crate::id::{LinkIndex, TaskId, TaskIndex};
use crate::model::{Lag, LinkType, Project};
use crate::time::{DateTime, Duration};

/// What fixed a task's early start: the answer to "why is it here?".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Driver {
    /// Nothing but the project start.
    ProjectStart,
    /// This link (the first one, if several bind equally).
    Link(LinkIndex),
    /// A predecessor or constraint of this enclosing summary task.
    Summary(TaskIndex),
    /// The task's own constraint.
    Constraint,
    /// The task is pinned (manually scheduled).
    Pinned,
    /// Recorded progress (actual start).
    Actual,
    /// A delay imposed by the run (resource levelling): the task could start earlier.
    Delay,
    /// The status date ([`ScheduleOptions::status_date`](crate::ScheduleOptions)): the task
    /// has not started and could have started before it.
    StatusDate,
    /// A summary task: its dates roll up from its children.
    Children,
}

/// The computed dates and float of one task.
///
/// `start`/`finish` are where the task is scheduled: the early dates, except for
/// as-late-as-possible tasks (late dates) and pinned tasks (their pinned dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TaskSchedule {
    /// Scheduled start.
    pub start: DateTime,
    /// Scheduled finish.
    pub finish: DateTime,
    /// Early start.
    pub early_start: DateTime,
    /// Early finish.
    pub early_finish: DateTime,
    /// Late start.
    pub late_start: DateTime,
    /// Late finish.
    pub late_finish: DateTime,
    /// The duration it was scheduled with: its own (or a run's replacement) for a task, the
    /// working time from start to finish on its calendar for a summary (as Microsoft Project
    /// shows it).
    pub duration: Duration,
    /// Total float (working time on the task's calendar; elapsed time for elapsed tasks).
    /// Negative when a hard constraint or deadline cannot be met.
    pub total_float: Duration,
    /// Free float: how far the task can slip without moving any successor (never negative).
    pub free_float: Duration,
    /// Whether the task is critical under [`ScheduleOptions::critical`](crate::ScheduleOptions::critical).
    pub critical: bool,
    /// What fixed the early start.
    pub driver: Driver,
}

/// Why a computed schedule breaks a rule instead of following it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViolationKind {
    /// A pinned task starts (or finishes) earlier than one of its links allows.
    PinnedAgainstLink,
    /// A hard constraint holds a task earlier than one of its links allows.
    ConstraintAgainstLink,
    /// A task finishes after its deadline.
    DeadlineMissed,
    /// A summary finishes after its finish-no-later-than date: its dates roll up from its
    /// subtasks, so the constraint cannot hold it (`required` is the constraint date).
    ConstraintMissed,
}

/// A rule the schedule breaks, reported rather than silently fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Violation {
    /// What kind of violation.
    pub kind: ViolationKind,
    /// The task that is too early (or late, for deadlines).
    pub task: TaskIndex,
    /// The link that is not honoured, if any.
    pub link: Option<LinkIndex>,
    /// The earliest start (finish for finish links and deadlines: the latest finish) that
    /// would be allowed.
    pub required: DateTime,
    /// The date the task has.
    pub actual: DateTime,
}

/// A non-fatal remark about the input.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Warning {
    /// The item concerned.
    pub item: Item,
    /// What was noticed.
    pub message: String,
}

/// A computed schedule: per-task dates and float, the project's dates, critical paths,
/// drivers and violations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// Project start (the fixed start, or the earliest task start when scheduled from finish).
    pub project_start: DateTime,
    /// Project finish (the latest early finish, or the fixed finish).
    pub project_finish: DateTime,
    pub(crate) tasks: Vec<TaskSchedule>,
    pub(crate) critical_order: Vec<TaskIndex>,
    pub(crate) critical_paths: Vec<Vec<TaskIndex>>,
    pub(crate) driving_off: Vec<u32>,
    pub(crate) driving: Vec<LinkIndex>,
    pub(crate) violations: Vec<Violation>,
    pub(crate) warnings: Vec<Warning>,
}

impl Schedule {
    /// The schedule of every task, by [`TaskIndex`].
    pub fn tasks(&self) -> &[TaskSchedule] {
        &self.tasks
    }

    /// The schedule of one task.
    pub fn task(&self, i: TaskIndex) -> &TaskSchedule {
        &self.tasks[i.index()]
    }

    /// Whether task `i` is critical.
    pub fn is_critical(&self, i: TaskIndex) -> bool {
        self.tasks[i.index()].critical
    }

    /// Every critical non-summary task, ordered by early start, early finish and network order.
    pub fn critical_path(&self) -> &[TaskIndex] {
        &self.critical_order
    }

    /// The critical paths: chains of critical tasks, each following driving links from a
    /// task with no critical driver to one that drives no critical task.
    pub fn critical_paths(&self) -> &[Vec<TaskIndex>] {
        &self.critical_paths
    }

    /// The links that drive task `i`'s early start (all of them when several bind equally).
    pub fn driving_links(&self, i: TaskIndex) -> &[LinkIndex] {
        let a = self.driving_off[i.index()] as usize;
        let b = self.driving_off[i.index() + 1] as usize;
        &self.driving[a..b]
    }

    /// Rules the schedule breaks (pinned tasks against links, hard constraints against links,
    /// missed deadlines).
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// Remarks about the input (e.g. a summary's own duration being ignored).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }
}

/// What holds a task where it is, with keys instead of indices (see [`Driver`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DriverEntry {
    /// The project start (or finish).
    ProjectStart,
    /// A link from predecessor `from`.
    Link {
        /// The predecessor's key.
        from: TaskId,
        /// The link type.
        kind: LinkType,
        /// The link's lag.
        lag: Lag,
    },
    /// The predecessors or constraint of enclosing summary `0`.
    Summary(TaskId),
    /// Its own constraint.
    Constraint,
    /// Its pinned dates.
    Pinned,
    /// Its actual dates (progress).
    Actual,
    /// A levelling delay.
    Delay,
    /// The status date (no uncompleted work before it).
    StatusDate,
    /// Its subtasks (a summary task).
    Subtasks,
}

/// One task of a schedule as a host sees it: keys and names instead of indices, so that it
/// means the same thing without the project it came from (a [`Diff`](crate::Diff) holds these).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskEntry {
    /// The task's key.
    pub id: TaskId,
    /// Its name.
    pub name: String,
    /// Whether it is a summary task.
    pub summary: bool,
    /// Whether it is a milestone (a task of zero duration that is not a summary).
    pub milestone: bool,
    /// Its dates, duration, float and criticality (`schedule.driver` in the indices of the
    /// project it came from; [`TaskEntry::driver`] is the same with keys).
    pub schedule: TaskSchedule,
    /// What holds it where it is.
    pub driver: DriverEntry,
}

impl DriverEntry {
    /// `d` with the keys of `project`.
    pub fn new(project: &Project, d: Driver) -> DriverEntry {
        match d {
            Driver::ProjectStart => DriverEntry::ProjectStart,
            Driver::Link(l) => {
                let l = project.link(l);
                DriverEntry::Link {
                    from: project.task(l.from).id.clone(),
                    kind: l.kind,
                    lag: l.lag,
                }
            }
            Driver::Summary(s) => DriverEntry::Summary(project.task(s).id.clone()),
            Driver::Constraint => DriverEntry::Constraint,
            Driver::Pinned => DriverEntry::Pinned,
            Driver::Actual => DriverEntry::Actual,
            Driver::Delay => DriverEntry::Delay,
            Driver::StatusDate => DriverEntry::StatusDate,
            Driver::Children => DriverEntry::Subtasks,
        }
    }
}

impl TaskEntry {
    /// The entry of task `i` of `project` with schedule `s`.
    pub fn new(project: &Project, i: TaskIndex, s: &TaskSchedule) -> TaskEntry {
        let def = project.task(i);
        let summary = project.is_summary(i);
        TaskEntry {
            id: def.id.clone(),
            name: def.name.clone(),
            summary,
            milestone: !summary && s.duration.is_zero(),
            schedule: *s,
            driver: DriverEntry::new(project, s.driver),
        }
    }
}

impl Schedule {
    /// Task `i`'s entry, with the keys and names of `project` (the project this schedule is
    /// of).
    ///
    /// ```
    /// use jindu::{Duration, Link, Project, ScheduleOptions, Task, DriverEntry};
    /// let mut p = Project::new("Demo", "2026-01-05T08:00".parse()?);
    /// let a = p.add_task(Task::new("A", "Design").with_duration(Duration::days(2)))?;
    /// let b = p.add_task(Task::new("B", "Build").with_duration(Duration::days(3)))?;
    /// p.add_link(Link::finish_to_start(a, b))?;
    /// let s = jindu::schedule(&p, &ScheduleOptions::default())?;
    /// let e = s.entry(&p, b);
    /// assert_eq!((e.id.as_str(), e.name.as_str()), ("B", "Build"));
    /// assert!(matches!(e.driver, DriverEntry::Link { ref from, .. } if from.as_str() == "A"));
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn entry(&self, project: &Project, i: TaskIndex) -> TaskEntry {
        TaskEntry::new(project, i, self.task(i))
    }
}
