//! The state every tracking result is computed from: the project, its current schedule, the
//! plan it is measured against (a baseline, or the schedule without progress), the status
//! date and the compiled calendars.

use crate::calendar::WorkCalendar;
use crate::error::{Error, Item, Result};
use crate::id::TaskIndex;
use crate::model::{Baseline, Progress, Project};
use crate::schedule::{Network, Schedule, ScheduleOptions};
use crate::time::DateTime;

use super::{Basis, TrackOptions};

/// Where one task sits in the plan it is measured against.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Planned {
    /// Planned start and finish.
    pub start: DateTime,
    pub finish: DateTime,
    /// Planned working minutes from start to finish on the task's calendar (elapsed minutes
    /// for elapsed tasks).
    pub work: i64,
    /// The task's budget at completion (currency, or hours on the duration basis); 0 for
    /// summaries and for tasks outside the plan.
    pub budget: f64,
    /// Whether the task is in the plan (a task added after the baseline was saved is not).
    pub in_plan: bool,
}

/// A project at a status date, with everything tracking needs computed once.
///
/// [`evm`](super::evm), [`alerts`](super::alerts), [`buffers`](super::buffers),
/// [`variance`](super::variance) and [`report`](super::report) are methods of this and free
/// functions that build one; build it yourself when you want several of them.
///
/// ```
/// use jindu::track::{Status, TrackOptions};
/// let doc = jindu::io::json::read(r#"{"name": "Demo", "start": "2026-01-05",
///     "tasks": [{"id": "A", "duration": "2d", "cost": 1000, "percent_complete": 50,
///                "actual_start": "2026-01-05", "actual_cost": 600}]}"#)?;
/// let st = Status::new(&doc.project, &doc.options,
///     &TrackOptions::at("2026-01-05T17:00".parse()?))?;
/// let evm = st.evm();
/// assert_eq!((evm.project.pv, evm.project.ev, evm.project.ac), (500.0, 500.0, Some(600.0)));
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug)]
pub struct Status<'p> {
    pub(crate) project: &'p Project,
    pub(crate) track: TrackOptions,
    pub(crate) net: Network<'p>,
    /// The schedule with progress, as the engine computes it.
    pub(crate) schedule: Schedule,
    /// The project without progress and with baseline durations (the plan's network), and
    /// its schedule: the plan's critical path, float and, without baselines, dates.
    pub(crate) plan: Schedule,
    pub(crate) status: DateTime,
    /// The baseline the plan is taken from (`None`: the schedule without progress).
    pub(crate) baseline: Option<u8>,
    pub(crate) basis: Basis,
    pub(crate) planned: Vec<Planned>,
    /// Per task: whether it is a leaf (not a summary).
    pub(crate) leaf: Vec<bool>,
    /// Per task: whether it is visible to the client (it and every ancestor are).
    pub(crate) visible: Vec<bool>,
    /// Per task: its work planned, done and left.
    pub(crate) work: Vec<super::variance::WorkProgress>,
}

/// `project` as planned: no progress, and each task's duration from baseline `n` where it
/// has one of the same kind.
pub(crate) fn plan_project(project: &Project, n: Option<u8>) -> Result<Project> {
    let mut p = project.clone();
    for k in 0..p.len() {
        let i = TaskIndex::from_raw(k as u32);
        let mut t = p.task(i).clone();
        let mut changed = t.progress != Progress::default();
        t.progress = Progress::default();
        if let Some(d) = n
            .and_then(|n| baseline_of(&t.baselines, n))
            .and_then(|b| b.duration)
        {
            if !p.is_summary(i) && d.is_elapsed() == t.duration.is_elapsed() && d != t.duration {
                t.duration = d;
                t.milestone = t.milestone && d.is_zero();
                changed = true;
            }
        }
        if changed {
            p.replace_task(i, t)?;
        }
    }
    Ok(p)
}

pub(crate) fn baseline_of(list: &[Baseline], n: u8) -> Option<&Baseline> {
    list.iter().find(|b| b.number == n)
}

impl<'p> Status<'p> {
    /// Schedules `project` with `options` and prepares tracking at the options' status date
    /// (else the project's own; one of them must be set).
    pub fn new(
        project: &'p Project,
        options: &ScheduleOptions,
        track: &TrackOptions,
    ) -> Result<Status<'p>> {
        let status = track.status_date.or(project.status_date()).ok_or_else(|| {
            Error::invalid(
                Item::Project,
                "status_date",
                "tracking needs a status date: give one, or set the document's `status_date`",
            )
        })?;
        let net = Network::compile(project, options)?;
        let schedule = net.schedule()?;
        let first = project
            .tasks()
            .iter()
            .flat_map(|t| t.baselines.iter().map(|b| b.number))
            .min();
        let baseline = match track.baseline {
            Some(n) => {
                if !project
                    .tasks()
                    .iter()
                    .any(|t| baseline_of(&t.baselines, n).is_some())
                {
                    return Err(Error::invalid(
                        Item::Project,
                        "baseline",
                        format!("no task has baseline {n}"),
                    ));
                }
                Some(n)
            }
            None => first,
        };
        let plan_p = plan_project(project, baseline)?;
        let plan = crate::schedule(&plan_p, options)?;
        let n = project.len();
        let leaf: Vec<bool> = (0..n)
            .map(|k| !project.is_summary(TaskIndex::from_raw(k as u32)))
            .collect();
        let mut visible = vec![true; n];
        for (k, v) in visible.iter_mut().enumerate() {
            let mut cur = Some(TaskIndex::from_raw(k as u32));
            while let Some(c) = cur {
                if project.task(c).visibility == crate::model::Visibility::Internal {
                    *v = false;
                    break;
                }
                cur = project.task(c).parent;
            }
        }
        let basis = track.basis.unwrap_or_else(|| {
            let costed = project.tasks().iter().any(|t| {
                t.cost.is_some()
                    || t.actual_cost.is_some()
                    || t.baselines.iter().any(|b| b.cost.is_some())
            });
            if costed {
                Basis::Cost
            } else {
                Basis::Duration
            }
        });
        let work = super::variance::work_progress(project, &schedule);
        let mut st = Status {
            project,
            track: track.clone(),
            net,
            schedule,
            plan,
            status,
            baseline,
            basis,
            planned: Vec::with_capacity(n),
            leaf,
            visible,
            work,
        };
        for k in 0..n {
            let p = st.planned_of(TaskIndex::from_raw(k as u32))?;
            st.planned.push(p);
        }
        Ok(st)
    }

    fn planned_of(&self, i: TaskIndex) -> Result<Planned> {
        let t = self.project.task(i);
        let elapsed = t.duration.is_elapsed();
        let cal = self.net.task_calendar(i);
        let (start, finish, in_plan) = match self.baseline {
            Some(n) => match baseline_of(&t.baselines, n) {
                Some(b) => match (b.start, b.finish, b.duration) {
                    (Some(s), Some(f), _) => (s, f.max(s), true),
                    (Some(s), None, d) => {
                        let d = d.unwrap_or(t.duration);
                        let f = if d.is_elapsed() {
                            s.add_minutes(d.minutes())
                        } else {
                            cal.add_work(s, d.minutes())?
                        };
                        (s, f, true)
                    }
                    _ => {
                        let p = self.plan.task(i);
                        (p.start, p.finish, false)
                    }
                },
                None => {
                    let p = self.plan.task(i);
                    (p.start, p.finish, false)
                }
            },
            None => {
                let p = self.plan.task(i);
                (p.start, p.finish, true)
            }
        };
        let work = measure(cal, elapsed, start, finish).max(0);
        let budget = if !self.leaf[i.index()] || !in_plan {
            0.0
        } else {
            self.budget_of(i, work)
        };
        Ok(Planned {
            start,
            finish,
            work,
            budget,
            in_plan,
        })
    }

    /// Task `i`'s budget at completion. Resource rates, once the model has them, give the
    /// budget here (the cost of each assignment's work); until then it is the baseline's cost,
    /// else the task's `cost`; on the duration basis it is the planned working hours.
    fn budget_of(&self, i: TaskIndex, work: i64) -> f64 {
        let t = self.project.task(i);
        match self.basis {
            Basis::Cost => self
                .baseline
                .and_then(|n| baseline_of(&t.baselines, n))
                .and_then(|b| b.cost)
                .or(t.cost)
                .map_or(0.0, |m| m.value()),
            Basis::Duration => work as f64 / 60.0,
        }
    }

    /// The current budget of task `i` (what its actual cost is estimated from when none is
    /// recorded): its `cost`, else its budget.
    pub(crate) fn current_cost(&self, i: TaskIndex) -> f64 {
        let t = self.project.task(i);
        match self.basis {
            Basis::Cost => t.cost.map_or(self.planned[i.index()].budget, |m| m.value()),
            Basis::Duration => self.planned[i.index()].budget,
        }
    }

    /// The project.
    pub fn project(&self) -> &'p Project {
        self.project
    }

    /// The current schedule (with progress).
    pub fn schedule(&self) -> &Schedule {
        &self.schedule
    }

    /// The plan's schedule: the project without progress, with baseline durations.
    pub fn plan(&self) -> &Schedule {
        &self.plan
    }

    /// The status date.
    pub fn status_date(&self) -> DateTime {
        self.status
    }

    /// The baseline the plan comes from, if any.
    pub fn baseline(&self) -> Option<u8> {
        self.baseline
    }

    /// How budgets are measured.
    pub fn basis(&self) -> Basis {
        self.basis
    }

    /// The tracking options.
    pub fn options(&self) -> &TrackOptions {
        &self.track
    }

    /// Whether task `i` (with all its ancestors) may be shown to the client.
    pub fn visible(&self, i: TaskIndex) -> bool {
        self.visible[i.index()]
    }

    pub(crate) fn cal(&self, i: TaskIndex) -> &WorkCalendar {
        self.net.task_calendar(i)
    }

    pub(crate) fn pcal(&self) -> &WorkCalendar {
        self.net.calendar()
    }

    /// Working minutes of task `i`'s own time (its calendar, or wall-clock for elapsed tasks)
    /// from `a` to `b`.
    pub(crate) fn task_time(&self, i: TaskIndex, a: DateTime, b: DateTime) -> i64 {
        let t = self.project.task(i);
        measure(self.cal(i), t.duration.is_elapsed(), a, b)
    }

    /// Working minutes on the project calendar from `a` to `b`.
    pub(crate) fn work(&self, a: DateTime, b: DateTime) -> i64 {
        self.pcal().work_between(a, b)
    }

    /// Minutes in a working day (`1d`).
    pub(crate) fn day(&self) -> f64 {
        self.project.settings().minutes_per_day as f64
    }

    /// Percent complete of task `i`, 0–100 (100 once it has an actual finish).
    pub(crate) fn percent(&self, i: TaskIndex) -> f64 {
        let p = &self.project.task(i).progress;
        if p.is_complete() {
            100.0
        } else {
            p.percent_complete as f64
        }
    }

    /// Whether task `i` is complete.
    pub(crate) fn complete(&self, i: TaskIndex) -> bool {
        self.project.task(i).progress.is_complete()
    }

    /// Whether task `i` has started.
    pub(crate) fn started(&self, i: TaskIndex) -> bool {
        let p = &self.project.task(i).progress;
        p.actual_start.is_some() || p.percent_complete > 0 || p.actual_finish.is_some()
    }

    pub(crate) fn tasks(&self) -> impl Iterator<Item = TaskIndex> {
        (0..self.project.len()).map(|k| TaskIndex::from_raw(k as u32))
    }

    /// The leaves under task `i` (itself for a leaf).
    pub(crate) fn leaves_under(&self, i: TaskIndex) -> Vec<TaskIndex> {
        if self.leaf[i.index()] {
            return vec![i];
        }
        self.tasks()
            .filter(|&k| self.leaf[k.index()] && self.is_under(k, i))
            .collect()
    }

    /// Whether `k` is a descendant of `i`.
    pub(crate) fn is_under(&self, k: TaskIndex, i: TaskIndex) -> bool {
        let mut cur = self.project.task(k).parent;
        while let Some(c) = cur {
            if c == i {
                return true;
            }
            cur = self.project.task(c).parent;
        }
        false
    }
}

/// Minutes from `a` to `b` on `cal` (wall-clock minutes when `elapsed`).
pub(crate) fn measure(cal: &WorkCalendar, elapsed: bool, a: DateTime, b: DateTime) -> i64 {
    if elapsed {
        b.minutes_since(a)
    } else {
        cal.work_between(a, b)
    }
}
