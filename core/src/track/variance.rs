//! Baselines and variance (every task, milestone and summary against a saved baseline), and
//! the comparison of two snapshots of a schedule.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::error::Result;
use crate::id::TaskIndex;
use crate::model::{Project, ResourceKind};
use crate::schedule::{Network, Schedule, ScheduleOptions};
use crate::time::DateTime;

use super::status::{baseline_of, Status};
use super::Stamp;

/// One task against its baseline. Variances are working minutes on the task's calendar
/// (positive: later or more), costs in the currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TaskVariance {
    /// The task's key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `task`, `milestone` or `summary`.
    pub kind: &'static str,
    /// Scheduled start.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub start: Stamp,
    /// Scheduled finish.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub finish: Stamp,
    /// Baseline start (a summary without one: its subtasks' earliest).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub baseline_start: Option<Stamp>,
    /// Baseline finish (a summary without one: its subtasks' latest).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub baseline_finish: Option<Stamp>,
    /// Start − baseline start.
    pub start_variance_minutes: Option<i64>,
    /// Finish − baseline finish.
    pub finish_variance_minutes: Option<i64>,
    /// Duration − baseline duration.
    pub duration_variance_minutes: Option<i64>,
    /// Work (resource time) in minutes: the actual work plus the remaining work, as Microsoft
    /// Project counts it; without recorded actual work, the assignments' work (else units ×
    /// duration).
    pub work_minutes: i64,
    /// The work done: recorded on the assignments, else on the task, else the share of the
    /// work that percent complete gives.
    pub actual_work_minutes: i64,
    /// The work left: none on a finished task, else the planned work less the actual work
    /// (never negative; an overrun shows as work above the plan).
    pub remaining_work_minutes: i64,
    /// Work − baseline work.
    pub work_variance_minutes: Option<i64>,
    /// Cost: the task's `cost` (a summary: its subtasks').
    pub cost: Option<f64>,
    /// Cost − baseline cost.
    pub cost_variance: Option<f64>,
}

/// Every task against one baseline, and the milestones that slipped.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Variance {
    /// The baseline compared with (`null` when the project has none).
    pub baseline: Option<u8>,
    /// Every baseline number the project has.
    pub baselines: Vec<u8>,
    /// The project finish.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub finish: Stamp,
    /// The baseline's project finish (its latest task finish).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub baseline_finish: Option<Stamp>,
    /// Finish − baseline finish, in working minutes of the project calendar.
    pub finish_variance_minutes: Option<i64>,
    /// Every task.
    pub tasks: Vec<TaskVariance>,
    /// The keys of the milestones that finish after their baseline finish.
    pub slipped_milestones: Vec<String>,
}

/// Every task's work done and left, in minutes, from one pass over the assignments.
///
/// Each work assignment plans its work, else its units × the task's scheduled duration. The
/// work done is each assignment's actual work when any assignment of the task records one,
/// else the task's own [`Progress::actual_work`](crate::Progress), else the planned work ×
/// percent complete (all of it on a finished task), rounded down. The work left is none on a
/// finished task, else the plan less what is done, never negative (an overrun raises the
/// work, as in Project).
pub(crate) fn work_progress(p: &Project, s: &Schedule) -> Vec<WorkProgress> {
    // (planned, actual) per work assignment, by task.
    let mut per: Vec<Vec<(i64, Option<i64>)>> = vec![Vec::new(); p.len()];
    for a in p.assignments() {
        if p.resources()[a.resource.index()].kind != ResourceKind::Work {
            continue;
        }
        let duration = s.task(a.task).duration.minutes();
        let planned = a
            .work
            .map_or(duration * a.units as i64 / 100, |w| w.minutes());
        per[a.task.index()].push((planned, a.actual_work.map(|w| w.minutes())));
    }
    p.tasks()
        .iter()
        .zip(&per)
        .map(|(t, work)| task_work(t, work))
        .collect()
}

/// One task's work done and left from its work assignments' (planned, actual) minutes.
fn task_work(t: &crate::model::Task, work: &[(i64, Option<i64>)]) -> WorkProgress {
    let pct = if t.progress.is_complete() {
        100
    } else {
        t.progress.percent_complete.min(100) as i64
    };
    let share = |w: i64| (w as i128 * pct as i128 / 100) as i64;
    let left = |planned: i64, done: i64| {
        if pct >= 100 {
            0
        } else {
            (planned - done).max(0)
        }
    };
    if work.iter().any(|w| w.1.is_some()) {
        work.iter()
            .fold(WorkProgress::default(), |acc, &(planned, actual)| {
                let done = actual.unwrap_or_else(|| share(planned));
                acc + WorkProgress {
                    planned,
                    actual: done,
                    remaining: left(planned, done),
                }
            })
    } else {
        let planned: i64 = work.iter().map(|w| w.0).sum();
        let done = t
            .progress
            .actual_work
            .map_or_else(|| share(planned), |w| w.minutes());
        WorkProgress {
            planned,
            actual: done,
            remaining: left(planned, done),
        }
    }
}

/// A task's work in minutes: as planned, done and left ([`work_progress`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct WorkProgress {
    /// The assignments' work (else units × duration).
    pub planned: i64,
    /// The work done.
    pub actual: i64,
    /// The work left.
    pub remaining: i64,
}

impl WorkProgress {
    /// Actual + remaining: the work as it now stands.
    pub fn total(self) -> i64 {
        self.actual + self.remaining
    }
}

impl std::ops::Add for WorkProgress {
    type Output = WorkProgress;

    fn add(self, o: WorkProgress) -> WorkProgress {
        WorkProgress {
            planned: self.planned + o.planned,
            actual: self.actual + o.actual,
            remaining: self.remaining + o.remaining,
        }
    }
}

impl Status<'_> {
    /// Every task against the plan's baseline.
    pub fn variance(&self) -> Variance {
        let p = self.project;
        let n = self.baseline;
        let mut baselines: Vec<u8> = p
            .tasks()
            .iter()
            .flat_map(|t| t.baselines.iter().map(|b| b.number))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        baselines.dedup();
        let mut tasks = Vec::with_capacity(p.len());
        let mut slipped = Vec::new();
        for i in self.tasks() {
            let t = p.task(i);
            let s = self.schedule.task(i);
            let summary = !self.leaf[i.index()];
            let b = n.and_then(|n| baseline_of(&t.baselines, n));
            let leaves = if summary {
                self.leaves_under(i)
            } else {
                vec![i]
            };
            let lb = |f: &dyn Fn(TaskIndex) -> Option<DateTime>, max: bool| {
                let v = leaves.iter().filter_map(|&k| f(k));
                if max {
                    v.max()
                } else {
                    v.min()
                }
            };
            let base_of = |k: TaskIndex| n.and_then(|n| baseline_of(&p.task(k).baselines, n));
            let bs = b.and_then(|b| b.start).or_else(|| {
                summary
                    .then(|| lb(&|k| base_of(k).and_then(|b| b.start), false))
                    .flatten()
            });
            let bf = b.and_then(|b| b.finish).or_else(|| {
                summary
                    .then(|| lb(&|k| base_of(k).and_then(|b| b.finish), true))
                    .flatten()
            });
            let wp = leaves.iter().fold(WorkProgress::default(), |acc, &k| {
                acc + self.work[k.index()]
            });
            let work = wp.total();
            let bwork: Option<i64> = if summary {
                leaves
                    .iter()
                    .map(|&k| base_of(k).and_then(|b| b.work).map(|w| w.minutes()))
                    .sum()
            } else {
                b.and_then(|b| b.work).map(|w| w.minutes())
            };
            let cost: Option<f64> = if summary {
                let v: Vec<f64> = leaves
                    .iter()
                    .filter_map(|&k| p.task(k).cost.map(|m| m.value()))
                    .collect();
                (!v.is_empty()).then(|| v.iter().sum())
            } else {
                t.cost.map(|m| m.value())
            };
            let bcost: Option<f64> = if summary {
                let v: Vec<f64> = leaves
                    .iter()
                    .filter_map(|&k| base_of(k).and_then(|b| b.cost).map(|m| m.value()))
                    .collect();
                (!v.is_empty()).then(|| v.iter().sum())
            } else {
                b.and_then(|b| b.cost).map(|m| m.value())
            };
            let milestone = !summary && t.duration.is_zero();
            let fv = bf.map(|bf| self.task_time(i, bf, s.finish));
            if milestone && fv.is_some_and(|v| v > 0) {
                slipped.push(t.id.to_string());
            }
            let bdur = if summary {
                bs.zip(bf).map(|(a, b)| self.task_time(i, a, b))
            } else {
                b.and_then(|b| b.duration).map(|d| d.minutes())
            };
            tasks.push(TaskVariance {
                id: t.id.to_string(),
                name: t.name.clone(),
                kind: if summary {
                    "summary"
                } else if milestone {
                    "milestone"
                } else {
                    "task"
                },
                start: Stamp(s.start),
                finish: Stamp(s.finish),
                baseline_start: bs.map(Stamp),
                baseline_finish: bf.map(Stamp),
                start_variance_minutes: bs.map(|bs| self.task_time(i, bs, s.start)),
                finish_variance_minutes: fv,
                duration_variance_minutes: bdur.map(|d| s.duration.minutes() - d),
                work_minutes: work,
                actual_work_minutes: wp.actual,
                remaining_work_minutes: wp.remaining,
                work_variance_minutes: bwork.map(|b| work - b),
                cost,
                cost_variance: cost.zip(bcost).map(|(c, b)| c - b),
            });
        }
        let bfin = n.and_then(|n| {
            p.tasks()
                .iter()
                .filter_map(|t| baseline_of(&t.baselines, n).and_then(|b| b.finish))
                .max()
        });
        Variance {
            baseline: n,
            baselines,
            finish: Stamp(self.schedule.project_finish),
            baseline_finish: bfin.map(Stamp),
            finish_variance_minutes: bfin.map(|b| self.work(b, self.schedule.project_finish)),
            tasks,
            slipped_milestones: slipped,
        }
    }
}

/// A task whose scheduled dates differ between two snapshots.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Moved {
    /// The task's key.
    pub id: String,
    /// Its name (in the later snapshot).
    pub name: String,
    /// Whether it is a milestone.
    pub milestone: bool,
    /// Start before and after.
    #[cfg_attr(feature = "schema", schemars(with = "[String; 2]"))]
    pub start: [Stamp; 2],
    /// Finish before and after.
    #[cfg_attr(feature = "schema", schemars(with = "[String; 2]"))]
    pub finish: [Stamp; 2],
    /// How far the start moved, in working minutes of the project calendar.
    pub start_delta_minutes: i64,
    /// How far the finish moved, in working minutes of the project calendar.
    pub finish_delta_minutes: i64,
    /// Whether it was critical before and after.
    pub critical: [bool; 2],
}

/// What changed between two snapshots of a schedule (two versions of a plan, or a plan and a
/// what-if): tasks that moved, came or went, the finish, and the critical path.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Comparison {
    /// The project finish before and after.
    #[cfg_attr(feature = "schema", schemars(with = "[String; 2]"))]
    pub project_finish: [Stamp; 2],
    /// How far the finish moved, in working minutes of the project calendar (positive:
    /// later).
    pub finish_delta_minutes: i64,
    /// The tasks whose start or finish moved, in the later snapshot's order.
    pub moved: Vec<Moved>,
    /// Tasks only in the later snapshot.
    pub added: Vec<String>,
    /// Tasks only in the earlier snapshot.
    pub removed: Vec<String>,
    /// The critical path before.
    pub critical_path_before: Vec<String>,
    /// The critical path after.
    pub critical_path_after: Vec<String>,
    /// Whether the critical path is a different list of tasks.
    pub critical_path_changed: bool,
    /// Tasks that became critical.
    pub became_critical: Vec<String>,
    /// Tasks that are no longer critical.
    pub no_longer_critical: Vec<String>,
}

fn path(p: &Project, s: &Schedule) -> Vec<String> {
    s.critical_path()
        .iter()
        .map(|&i| p.task(i).id.to_string())
        .collect()
}

/// Compares two snapshots, each a project with its schedule; deltas are measured on the later
/// project's calendar.
///
/// ```
/// use jindu::{Duration, Link, Project, ScheduleOptions, Task};
/// let mut p = Project::new("p", "2026-01-05T08:00".parse()?);
/// let a = p.add_task(Task::new("A", "a").with_duration(Duration::days(2)))?;
/// let b = p.add_task(Task::new("B", "b").with_duration(Duration::days(1)))?;
/// p.add_link(Link::finish_to_start(a, b))?;
/// let mut q = p.clone();
/// q.replace_task(a, Task::new("A", "a").with_duration(Duration::days(3)))?;
/// let o = ScheduleOptions::default();
/// let (s1, s2) = (jindu::schedule(&p, &o)?, jindu::schedule(&q, &o)?);
/// let c = jindu::track::compare((&p, &s1), (&q, &s2))?;
/// assert_eq!(c.finish_delta_minutes, 480);
/// assert_eq!(c.moved.len(), 2);
/// assert!(!c.critical_path_changed);
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn compare(before: (&Project, &Schedule), after: (&Project, &Schedule)) -> Result<Comparison> {
    compare_schedules(before, after)
}

/// Compares two versions of a plan given as documents (last week's export and today's, say),
/// each scheduled with its own options; deltas are measured on the later one's calendar.
///
/// ```
/// use jindu::io::json;
/// let before = json::read(r#"{"name": "p", "start": "2026-01-05",
///     "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"}],
///     "links": [{"from": "A", "to": "B"}]}"#)?;
/// let after = json::read(r#"{"name": "p", "start": "2026-01-05",
///     "tasks": [{"id": "A", "duration": "3d"}, {"id": "B", "duration": "1d"}, {"id": "C"}],
///     "links": [{"from": "A", "to": "B"}]}"#)?;
/// let c = jindu::track::compare_documents(&before, &after)?;
/// assert_eq!(c.finish_delta_minutes, 480);
/// assert_eq!(c.added, ["C"]);
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn compare_documents(
    before: &crate::io::json::Document,
    after: &crate::io::json::Document,
) -> Result<Comparison> {
    let s0 = crate::schedule(&before.project, &before.options)?;
    let s1 = crate::schedule(&after.project, &after.options)?;
    compare_schedules((&before.project, &s0), (&after.project, &s1))
}

fn compare_schedules(
    before: (&Project, &Schedule),
    after: (&Project, &Schedule),
) -> Result<Comparison> {
    let (p0, s0) = before;
    let (p1, s1) = after;
    let net = Network::compile(p1, &ScheduleOptions::default())?;
    let cal = net.calendar();
    let mut moved = Vec::new();
    let mut added = Vec::new();
    let old: HashMap<&str, TaskIndex> = (0..p0.len())
        .map(|k| {
            let i = TaskIndex::from_raw(k as u32);
            (p0.task(i).id.as_str(), i)
        })
        .collect();
    for k in 0..p1.len() {
        let i = TaskIndex::from_raw(k as u32);
        let t = p1.task(i);
        let Some(&j) = old.get(t.id.as_str()) else {
            added.push(t.id.to_string());
            continue;
        };
        let (a, b) = (s0.task(j), s1.task(i));
        if a.start != b.start || a.finish != b.finish {
            moved.push(Moved {
                id: t.id.to_string(),
                name: t.name.clone(),
                milestone: !p1.is_summary(i) && b.duration.is_zero(),
                start: [Stamp(a.start), Stamp(b.start)],
                finish: [Stamp(a.finish), Stamp(b.finish)],
                start_delta_minutes: cal.work_between(a.start, b.start),
                finish_delta_minutes: cal.work_between(a.finish, b.finish),
                critical: [a.critical, b.critical],
            });
        }
    }
    let removed = p0
        .tasks()
        .iter()
        .filter(|t| p1.index_of(t.id.as_str()).is_none())
        .map(|t| t.id.to_string())
        .collect();
    let (c0, c1) = (path(p0, s0), path(p1, s1));
    let set0: BTreeSet<&String> = c0.iter().collect();
    let set1: BTreeSet<&String> = c1.iter().collect();
    Ok(Comparison {
        project_finish: [Stamp(s0.project_finish), Stamp(s1.project_finish)],
        finish_delta_minutes: cal.work_between(s0.project_finish, s1.project_finish),
        moved,
        added,
        removed,
        critical_path_changed: c0 != c1,
        became_critical: c1.iter().filter(|k| !set0.contains(k)).cloned().collect(),
        no_longer_critical: c0.iter().filter(|k| !set1.contains(k)).cloned().collect(),
        critical_path_before: c0,
        critical_path_after: c1,
    })
}
