//! The edits an [`Engine`](super::Engine) takes and the diffs it returns.

use crate::id::TaskId;
use crate::model::{Constraint, Lag, LinkType, Pin, Task};
use crate::schedule::TaskEntry;
use crate::time::{DateTime, Duration, DurationSettings};

/// A change to the project, applied by [`Engine::apply`](super::Engine::apply) or tried by
/// [`Engine::preview`](super::Engine::preview).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Edit {
    /// Changes a task's duration (not allowed on summaries, whose duration rolls up).
    SetDuration {
        /// The task.
        task: TaskId,
        /// The new duration.
        duration: Duration,
    },
    /// Changes a task's constraint.
    SetConstraint {
        /// The task.
        task: TaskId,
        /// The new constraint.
        constraint: Constraint,
    },
    /// Sets or clears a task's deadline.
    SetDeadline {
        /// The task.
        task: TaskId,
        /// The new deadline.
        deadline: Option<DateTime>,
    },
    /// Pins a task to fixed dates (manual scheduling), or unpins it with `None`.
    Pin {
        /// The task.
        task: TaskId,
        /// The pinned dates, or `None` to return the task to automatic scheduling.
        pin: Option<Pin>,
    },
    /// Adds a link.
    AddLink {
        /// Predecessor.
        from: TaskId,
        /// Successor.
        to: TaskId,
        /// Link type.
        kind: LinkType,
        /// Lag.
        lag: Lag,
    },
    /// Changes the type and lag of an existing link.
    SetLink {
        /// Predecessor.
        from: TaskId,
        /// Successor.
        to: TaskId,
        /// New link type.
        kind: LinkType,
        /// New lag.
        lag: Lag,
    },
    /// Removes a link.
    RemoveLink {
        /// Predecessor.
        from: TaskId,
        /// Successor.
        to: TaskId,
    },
    /// Adds a task (without links) under `parent`, or at the top level.
    /// `task.parent` must be `None`: the parent is named by key here.
    AddTask {
        /// The new task (boxed: a task is large, and every edit would carry its size).
        task: Box<Task>,
        /// Its summary task.
        parent: Option<TaskId>,
    },
    /// Removes a task with its subtasks and all their links.
    RemoveTask {
        /// The task.
        task: TaskId,
    },
}

/// How one task's schedule changed.
///
/// Both sides are [`TaskEntry`]s: keys and names, not indices, so a change means the same
/// thing without the project before or after the edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The task.
    pub task: TaskId,
    /// Its entry before the edit (`None` if the edit added it).
    pub before: Option<TaskEntry>,
    /// Its entry after the edit (`None` if the edit removed it); `after.driver` says what
    /// holds it in place now.
    pub after: Option<TaskEntry>,
}

impl Change {
    /// Whether the task's scheduled start or finish moved.
    pub fn moved(&self) -> bool {
        match (&self.before, &self.after) {
            (Some(a), Some(b)) => {
                a.schedule.start != b.schedule.start || a.schedule.finish != b.schedule.finish
            }
            _ => true,
        }
    }
}

/// What an edit changed, self-contained: it can be shown or written without the project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// Every task whose schedule (dates, float, criticality or driver) changed, in task order.
    pub changes: Vec<Change>,
    /// Project start before and after.
    pub project_start: (DateTime, DateTime),
    /// Project finish before and after.
    pub project_finish: (DateTime, DateTime),
    /// How many network nodes were recomputed (a measure of the edit's reach).
    pub recomputed: usize,
    /// The project's unit settings (for writing the durations in the entries).
    pub settings: DurationSettings,
}

impl Diff {
    /// The keys of the tasks whose scheduled dates moved.
    pub fn moved(&self) -> Vec<&TaskId> {
        self.changes
            .iter()
            .filter(|c| c.moved())
            .map(|c| &c.task)
            .collect()
    }
}
