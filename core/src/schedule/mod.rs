//! The schedule kernel: compiling a project into a network and running the critical path
//! method over it — forward and backward passes, float, critical paths and drivers.
//!
//! Semantics follow Microsoft Project (see `DESIGN.md` for every rule and where Primavera P6
//! differs):
//!
//! * A task starts at the start of its first working minute and finishes at the end of its last
//!   one (17:00, not the next day's 08:00).
//! * A milestone sits at the end of the working time before it, or at the instant logic gives it
//!   when that instant is working time.
//! * Lags are working time on the successor's calendar ([`LagCalendar`] changes that).
//! * Hard constraints (MSO, MFO, SNLT, FNLT) win over links and show as negative float;
//!   deadlines only pull late dates in.
//! * Total float is the smaller of start float and finish float ([`FloatBasis`]); an
//!   as-late-as-possible task has zero float and pushes its successors.
//!
//! Layout: [`options`](ScheduleOptions) and outputs ([`Schedule`]) are the public face;
//! `network` compiles a project, `pass` holds the per-node rules, `run` walks a whole network,
//! `critical` derives critical paths.

mod critical;
mod fast;
pub(crate) mod kernel;
pub(crate) mod network;
mod options;
mod output;
pub(crate) mod pass;
pub(crate) mod run;

pub use options::{Criticality, FloatBasis, LagCalendar, OutOfSequence, ScheduleOptions};
pub use output::{
    Driver, DriverEntry, Schedule, TaskEntry, TaskSchedule, Violation, ViolationKind, Warning,
};
pub use run::{Network, Outputs, Run, Scenario, Workspace};

pub(crate) use critical::finish_schedule;

use crate::error::{Item, Result};
use crate::model::Project;

use network::{Kind, Model};

/// Schedules a project: early and late dates, float, critical path and drivers for every task.
///
/// ```
/// use jindu::{Project, Task, Link, Duration, ScheduleOptions};
/// let mut p = Project::new("Demo", "2026-01-05T08:00".parse()?);
/// let a = p.add_task(Task::new("A", "Design").with_duration(Duration::days(3)))?;
/// let b = p.add_task(Task::new("B", "Build").with_duration(Duration::days(5)))?;
/// let c = p.add_task(Task::new("C", "Docs").with_duration(Duration::days(2)))?;
/// p.add_link(Link::finish_to_start(a, b))?;
/// p.add_link(Link::finish_to_start(a, c))?;
/// let s = jindu::schedule(&p, &ScheduleOptions::default())?;
/// assert_eq!(s.project_finish.to_string(), "2026-01-14T17:00:00");
/// assert_eq!(s.critical_path(), &[a, b]);
/// assert_eq!(s.task(c).total_float, Duration::days(3));
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn schedule(project: &Project, opts: &ScheduleOptions) -> Result<Schedule> {
    Network::compile(project, opts)?.schedule()
}

/// The warnings about summary tasks' own fields (none without summaries).
pub(crate) fn warnings_for(project: &Project, m: &Model<'_>) -> Vec<Warning> {
    let mut w = Vec::new();
    if !m.kind.contains(&Kind::Summary) {
        return w;
    }
    for (i, t) in project.tasks().iter().enumerate() {
        let summary = m.kind[m.node_of[i] as usize] == Kind::Summary;
        if summary && !t.duration.is_zero() {
            w.push(Warning {
                item: Item::Task(t.id.clone()),
                message: format!(
                    "summary task: its own duration {} is ignored, its dates roll up from its subtasks",
                    t.duration.display(project.settings())
                ),
            });
        }
        if summary && t.milestone {
            w.push(Warning {
                item: Item::Task(t.id.clone()),
                message: "summary task: the milestone flag is ignored".to_owned(),
            });
        }
    }
    w
}
