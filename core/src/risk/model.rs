//! The uncertainty model a project carries: three-point estimates, the risk register,
//! correlations between task durations, and the history of finished tasks.
//!
//! A [`RiskModel`] lives beside the tasks in the [`Project`] ([`Project::risk`],
//! [`Project::set_risk`]), keyed by task keys, and is checked against the project when it is
//! set: every task it names exists, every estimate is well formed, every probability is one.

use std::collections::{BTreeMap, HashSet};

use crate::error::{Error, Item, Result};
use crate::id::TaskId;
use crate::model::Project;
use crate::time::Duration;

/// How one uncertain duration is distributed.
///
/// Three-point forms take the optimistic (O), most likely (L) and pessimistic (P) durations,
/// `O <= L <= P` and `O < P`:
///
/// * [`Estimate::Triangular`]: the triangle on `[O, P]` with its mode at `L`;
/// * [`Estimate::Pert`]: the PERT (beta) distribution on `[O, P]` with mode `L`, shape
///   `α = 1 + 4(L−O)/(P−O)`, `β = 1 + 4(P−L)/(P−O)` (mean `(O + 4L + P)/6`);
/// * [`Estimate::Uniform`]: uniform on `[O, P]` (`L` is not used);
/// * [`Estimate::Normal`]: mean and median `L`, standard deviation `(P−O)/(2·1.2816)`, so
///   that `O` and `P` are the 10th and 90th percentiles of a symmetric estimate (samples below
///   zero count as zero);
/// * [`Estimate::Lognormal`]: median `L`, log-standard deviation `ln(P/O)/(2·1.2816)` (`O > 0`),
///   the long right tail of work that can run away.
///
/// The other forms: [`Estimate::Discrete`] values with relative weights, [`Estimate::History`]
/// (evidence-based: the likely duration times an estimate-to-actual ratio drawn from the
/// project's [history](RiskModel::history)), and [`Estimate::Fixed`] (no uncertainty, for risk
/// impacts that always take the same time).
///
/// ```
/// use jindu::Duration;
/// use jindu::risk::Estimate;
/// let e = Estimate::Pert { optimistic: Duration::days(2), likely: Duration::days(5), pessimistic: Duration::days(14) };
/// assert_eq!(e.mean_minutes(), 6.0 * 480.0); // (2 + 4·5 + 14) / 6 = 6 days
/// assert!(Estimate::Fixed(Duration::days(1)).is_fixed());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Estimate {
    /// The triangular distribution on `[optimistic, pessimistic]` with mode `likely`.
    Triangular {
        /// The least it can take.
        optimistic: Duration,
        /// The mode.
        likely: Duration,
        /// The most it can take.
        pessimistic: Duration,
    },
    /// The PERT (beta) distribution on `[optimistic, pessimistic]` with mode `likely`.
    Pert {
        /// The least it can take.
        optimistic: Duration,
        /// The mode.
        likely: Duration,
        /// The most it can take.
        pessimistic: Duration,
    },
    /// The uniform distribution on `[optimistic, pessimistic]`.
    Uniform {
        /// The least it can take.
        optimistic: Duration,
        /// The most it can take.
        pessimistic: Duration,
    },
    /// The normal distribution with mean `likely`; `optimistic` and `pessimistic` are its 10th
    /// and 90th percentiles (their distance sets the standard deviation).
    Normal {
        /// The 10th percentile.
        optimistic: Duration,
        /// The mean (and median).
        likely: Duration,
        /// The 90th percentile.
        pessimistic: Duration,
    },
    /// The lognormal distribution with median `likely`; `optimistic` and `pessimistic` are its
    /// 10th and 90th percentiles (their ratio sets the spread).
    Lognormal {
        /// The 10th percentile (more than zero).
        optimistic: Duration,
        /// The median.
        likely: Duration,
        /// The 90th percentile.
        pessimistic: Duration,
    },
    /// Each duration with its relative weight (weights need not sum to anything; at least one
    /// is positive).
    Discrete(Vec<(Duration, u32)>),
    /// Evidence-based: `likely` times an estimate-to-actual ratio drawn from the finished tasks
    /// of the [history](RiskModel::history) with the same category and assignee (then the same
    /// category, then the same assignee, then all of them).
    History {
        /// The estimate the ratio multiplies.
        likely: Duration,
        /// The kind of work, matched against the history's categories.
        category: Option<String>,
        /// Who does it, matched against the history's assignees.
        assignee: Option<String>,
    },
    /// Always this duration.
    Fixed(Duration),
}

impl Estimate {
    /// The durations the estimate names, for checks (all must be of one kind).
    pub(crate) fn points(&self) -> Vec<Duration> {
        match self {
            Estimate::Triangular {
                optimistic,
                likely,
                pessimistic,
            }
            | Estimate::Pert {
                optimistic,
                likely,
                pessimistic,
            }
            | Estimate::Normal {
                optimistic,
                likely,
                pessimistic,
            }
            | Estimate::Lognormal {
                optimistic,
                likely,
                pessimistic,
            } => vec![*optimistic, *likely, *pessimistic],
            Estimate::Uniform {
                optimistic,
                pessimistic,
            } => vec![*optimistic, *pessimistic],
            Estimate::Discrete(v) => v.iter().map(|x| x.0).collect(),
            Estimate::History { likely, .. } => vec![*likely],
            Estimate::Fixed(d) => vec![*d],
        }
    }

    /// Whether every sample is the same duration.
    pub fn is_fixed(&self) -> bool {
        match self {
            Estimate::Fixed(_) => true,
            Estimate::Discrete(v) => {
                let mut w = v.iter().filter(|x| x.1 > 0);
                let first = w.next().map(|x| x.0);
                w.all(|x| Some(x.0) == first)
            }
            _ => false,
        }
    }

    /// Whether the durations are elapsed time (they are all of one kind once checked).
    pub fn is_elapsed(&self) -> bool {
        self.points().first().is_some_and(|d| d.is_elapsed())
    }

    /// The mean in minutes, from the distribution's formula (the history form: its likely
    /// duration; the normal form ignores the truncation at zero).
    pub fn mean_minutes(&self) -> f64 {
        let m = |d: &Duration| d.minutes() as f64;
        match self {
            Estimate::Triangular {
                optimistic,
                likely,
                pessimistic,
            } => (m(optimistic) + m(likely) + m(pessimistic)) / 3.0,
            Estimate::Pert {
                optimistic,
                likely,
                pessimistic,
            } => (m(optimistic) + 4.0 * m(likely) + m(pessimistic)) / 6.0,
            Estimate::Uniform {
                optimistic,
                pessimistic,
            } => (m(optimistic) + m(pessimistic)) / 2.0,
            Estimate::Normal { likely, .. } => m(likely),
            Estimate::Lognormal {
                optimistic,
                likely,
                pessimistic,
            } => {
                let s = (m(pessimistic) / m(optimistic)).ln() / (2.0 * super::dist::Z90);
                m(likely) * (s * s / 2.0).exp()
            }
            Estimate::Discrete(v) => {
                let w: f64 = v.iter().map(|x| x.1 as f64).sum();
                v.iter().map(|x| m(&x.0) * x.1 as f64).sum::<f64>() / w
            }
            Estimate::History { likely, .. } => m(likely),
            Estimate::Fixed(d) => m(d),
        }
    }

    /// Checks the estimate's shape; `item` and `field` name it in errors.
    pub(crate) fn check(&self, item: &Item, field: &str) -> Result<()> {
        let bad = |sub: &str, msg: &str| {
            let f = if sub.is_empty() {
                field.to_owned()
            } else {
                format!("{field}.{sub}")
            };
            Err(Error::invalid(item.clone(), &f, msg))
        };
        let points = self.points();
        if points.is_empty() {
            return bad("values", "a discrete estimate needs at least one value");
        }
        if points
            .iter()
            .any(|d| d.is_elapsed() != points[0].is_elapsed())
        {
            return bad(
                "",
                "mix of working and elapsed durations: give all of an estimate in one kind",
            );
        }
        if points.iter().any(|d| d.minutes() < 0) {
            return bad("", "durations cannot be negative");
        }
        if points.iter().any(|d| d.minutes() > 1 << 40) {
            return bad("", "duration out of range");
        }
        let three = |o: &Duration, l: &Duration, p: &Duration| -> Result<()> {
            let (o, l, p) = (o.minutes(), l.minutes(), p.minutes());
            if o > p {
                return bad(
                    "optimistic",
                    "the optimistic duration is longer than the pessimistic one (inverted estimate)",
                );
            }
            if o == p {
                return bad(
                    "pessimistic",
                    "the optimistic and pessimistic durations are equal (a zero-width estimate): \
                     give a range, or no estimate for a fixed duration",
                );
            }
            if l < o || l > p {
                return bad(
                    "likely",
                    "the likely duration must lie between the optimistic and pessimistic ones",
                );
            }
            Ok(())
        };
        match self {
            Estimate::Triangular {
                optimistic,
                likely,
                pessimistic,
            }
            | Estimate::Pert {
                optimistic,
                likely,
                pessimistic,
            }
            | Estimate::Normal {
                optimistic,
                likely,
                pessimistic,
            } => three(optimistic, likely, pessimistic),
            Estimate::Lognormal {
                optimistic,
                likely,
                pessimistic,
            } => {
                three(optimistic, likely, pessimistic)?;
                if optimistic.minutes() == 0 {
                    return bad(
                        "optimistic",
                        "a lognormal estimate needs an optimistic duration above zero",
                    );
                }
                Ok(())
            }
            Estimate::Uniform {
                optimistic,
                pessimistic,
            } => three(optimistic, optimistic, pessimistic),
            Estimate::Discrete(v) => {
                if v.iter().all(|x| x.1 == 0) {
                    return bad("values", "at least one weight must be above zero");
                }
                if v.iter().map(|x| x.1 as u64).sum::<u64>() > u32::MAX as u64 {
                    return bad("values", "the weights add up to more than 4294967295");
                }
                Ok(())
            }
            Estimate::History { .. } | Estimate::Fixed(_) => Ok(()),
        }
    }
}

/// An amount of money, as three points of a triangular distribution (all equal for a fixed
/// amount). Amounts are counted in hundredths (cents) when summed, so totals are exact.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    /// The least.
    pub optimistic: f64,
    /// The mode.
    pub likely: f64,
    /// The most.
    pub pessimistic: f64,
}

impl Amount {
    /// A fixed amount.
    ///
    /// ```
    /// assert_eq!(jindu::risk::Amount::fixed(5.0).pessimistic, 5.0);
    /// ```
    pub fn fixed(x: f64) -> Amount {
        Amount {
            optimistic: x,
            likely: x,
            pessimistic: x,
        }
    }
}

/// Extra duration a risk event adds to a task when it occurs.
#[derive(Debug, Clone, PartialEq)]
pub struct Impact {
    /// The task hit.
    pub task: TaskId,
    /// How much longer it takes (of the task's kind: working or elapsed time).
    pub delay: Estimate,
}

/// A contingency task a risk event inserts into the plan: linked finish-to-start after
/// `after` and before `before`, taking `duration` when the risk occurs and no time otherwise
/// (its links hold either way, like a risk task in Primavera Risk Analysis).
#[derive(Debug, Clone, PartialEq)]
pub struct Contingency {
    /// The new task's key (no task of the project may have it).
    pub task: TaskId,
    /// Its name.
    pub name: String,
    /// The tasks it follows.
    pub after: Vec<TaskId>,
    /// The tasks that follow it.
    pub before: Vec<TaskId>,
    /// How long it takes when the risk occurs (working time).
    pub duration: Estimate,
}

/// An event of the risk register: it occurs in an iteration with its probability and then
/// delays the tasks it hits, takes its contingency task's time, lets the tasks that exist only
/// with it take their time, and costs its amount.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RiskEvent {
    /// The risk's key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The chance that it occurs, 0 to 1.
    pub probability: f64,
    /// Extra duration on the tasks it hits.
    pub impacts: Vec<Impact>,
    /// A contingency task it inserts.
    pub contingency: Option<Contingency>,
    /// Tasks that exist only when the risk occurs (task existence risk): in iterations where
    /// it does not occur they take no time.
    pub exists: Vec<TaskId>,
    /// What it costs when it occurs.
    pub cost: Option<Amount>,
}

/// Task durations that move together, with a rank correlation coefficient for every pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Correlation {
    /// The tasks (two or more).
    pub tasks: Vec<TaskId>,
    /// The target rank correlation of each pair, -1 to 1.
    pub coefficient: f64,
}

/// The most tasks in one [`Correlation`] group. Inducing a group's correlation costs
/// 4k³ operations a block of iterations for k tasks (blocks of 4k iterations, k² per
/// iteration) and 64k² bytes: 500 tasks are half a second a block and 16 MB, where one group
/// of 2,000 tasks ran for minutes on ten iterations.
pub const MAX_CORRELATED: usize = 500;

/// A finished task of this or an earlier project: what was estimated and what it took.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRecord {
    /// The estimate.
    pub estimate: Duration,
    /// What it actually took.
    pub actual: Duration,
    /// The kind of work.
    pub category: Option<String>,
    /// Who did it.
    pub assignee: Option<String>,
}

/// Everything a project says about uncertainty: per-task estimates, the risk register,
/// correlations and history. Empty by default (a project without it schedules as it always
/// did, and a simulation of it gives the deterministic schedule every time).
///
/// ```
/// use jindu::{Duration, Project, Task};
/// use jindu::risk::{Estimate, RiskModel};
/// let mut p = Project::new("Demo", "2026-01-05T08:00".parse()?);
/// p.add_task(Task::new("A", "Build").with_duration(Duration::days(5)))?;
/// let mut risk = RiskModel::default();
/// risk.estimates.insert("A".into(), Estimate::Triangular {
///     optimistic: Duration::days(3), likely: Duration::days(5), pessimistic: Duration::days(10) });
/// p.set_risk(risk)?;
/// assert_eq!(p.risk().estimates.len(), 1);
///
/// let mut bad = RiskModel::default();
/// bad.estimates.insert("A".into(), Estimate::Uniform { optimistic: Duration::days(4), pessimistic: Duration::days(4) });
/// let e = p.set_risk(bad).unwrap_err();
/// assert_eq!((e.task_id().unwrap().as_str(), e.field()), ("A", Some("estimate.pessimistic")));
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RiskModel {
    /// Per task key, the distribution of its duration.
    pub estimates: BTreeMap<TaskId, Estimate>,
    /// The risk register.
    pub risks: Vec<RiskEvent>,
    /// Correlation groups.
    pub correlations: Vec<Correlation>,
    /// Finished tasks, for evidence-based estimates.
    pub history: Vec<HistoryRecord>,
}

impl RiskModel {
    /// Whether the model says nothing.
    pub fn is_empty(&self) -> bool {
        self.estimates.is_empty()
            && self.risks.is_empty()
            && self.correlations.is_empty()
            && self.history.is_empty()
    }

    /// Checks the model against `project`: the tasks it names exist (and can be estimated),
    /// every estimate and amount is well formed, probabilities and coefficients are in range.
    pub fn check(&self, project: &Project) -> Result<()> {
        let find = |id: &TaskId, by: &Item| {
            project
                .index_of(id.as_str())
                .ok_or_else(|| Error::UnknownTask {
                    id: id.clone(),
                    by: by.clone(),
                })
        };
        for (id, e) in &self.estimates {
            let item = Item::Task(id.clone());
            let i = find(id, &Item::Project)?;
            e.check(&item, "estimate")?;
            let t = project.task(i);
            if project.is_summary(i) {
                return Err(Error::invalid(
                    item,
                    "estimate",
                    "a summary task's duration rolls up from its subtasks: estimate those",
                ));
            }
            if t.milestone {
                return Err(Error::invalid(
                    item,
                    "estimate",
                    "a milestone takes no time: estimate the work before it",
                ));
            }
            if e.is_elapsed() != t.duration.is_elapsed() {
                return Err(Error::invalid(
                    item,
                    "estimate",
                    "the estimate and the task's duration must both be working time or both elapsed",
                ));
            }
            if let Estimate::History { .. } = e {
                if self.history.is_empty() {
                    return Err(Error::invalid(
                        item,
                        "estimate.distribution",
                        "a history estimate needs the project's `history` of finished tasks",
                    ));
                }
            }
        }
        // Sets, not lists: a register of 10^5 risks (or a correlation of 10^5 tasks) checked
        // with `contains` on a list took minutes.
        let mut ids: HashSet<&str> = HashSet::with_capacity(self.risks.len());
        for (k, r) in self.risks.iter().enumerate() {
            if r.id.is_empty() {
                return Err(Error::invalid(
                    Item::Path(format!("risks[{k}]")),
                    "id",
                    "a risk needs a key",
                ));
            }
            let item = Item::Risk(r.id.clone());
            if !ids.insert(&r.id) {
                return Err(Error::invalid(
                    item,
                    "id",
                    "two risks have this key: risk keys must be unique",
                ));
            }
            if !(0.0..=1.0).contains(&r.probability) {
                return Err(Error::invalid(
                    item,
                    "probability",
                    format!("{} is not a probability: give 0 to 1", r.probability),
                ));
            }
            for im in &r.impacts {
                let i = find(&im.task, &item)?;
                im.delay.check(&item, "impacts.delay")?;
                if let Estimate::History { .. } = im.delay {
                    return Err(Error::invalid(
                        item,
                        "impacts.delay",
                        "a risk's delay cannot be a history estimate",
                    ));
                }
                if project.is_summary(i) {
                    return Err(Error::invalid(
                        item,
                        "impacts.task",
                        format!(
                            "task `{}` is a summary task: a risk delays work, not its rollup",
                            im.task
                        ),
                    ));
                }
                if im.delay.is_elapsed() != project.task(i).duration.is_elapsed() {
                    return Err(Error::invalid(
                        item,
                        "impacts.delay",
                        format!(
                            "the delay and task `{}`'s duration must both be working time or both elapsed",
                            im.task
                        ),
                    ));
                }
            }
            if let Some(c) = &r.contingency {
                if c.task.as_str().is_empty() {
                    return Err(Error::invalid(
                        item,
                        "insert.id",
                        "the contingency task needs a key",
                    ));
                }
                if project.index_of(c.task.as_str()).is_some()
                    || self.risks[..k]
                        .iter()
                        .any(|o| o.contingency.as_ref().is_some_and(|oc| oc.task == c.task))
                {
                    return Err(Error::DuplicateTask(c.task.clone()));
                }
                for t in c.after.iter().chain(&c.before) {
                    find(t, &item)?;
                }
                if c.after.is_empty() && c.before.is_empty() {
                    return Err(Error::invalid(
                        item,
                        "insert",
                        "a contingency task needs tasks to follow (`after`) or to precede (`before`)",
                    ));
                }
                c.duration.check(&item, "insert.duration")?;
                if c.duration.is_elapsed() || matches!(c.duration, Estimate::History { .. }) {
                    return Err(Error::invalid(
                        item,
                        "insert.duration",
                        "a contingency task's duration is working time, as a fixed or three-point estimate",
                    ));
                }
            }
            for t in &r.exists {
                let i = find(t, &item)?;
                if project.is_summary(i) {
                    return Err(Error::invalid(
                        item,
                        "exists",
                        format!("task `{t}` is a summary task: give the work that may not happen"),
                    ));
                }
            }
            if let Some(a) = &r.cost {
                let ok = [a.optimistic, a.likely, a.pessimistic]
                    .iter()
                    .all(|x| x.is_finite() && x.abs() < 1e15)
                    && a.optimistic >= 0.0
                    && a.optimistic <= a.likely
                    && a.likely <= a.pessimistic;
                if !ok {
                    return Err(Error::invalid(
                        item,
                        "cost",
                        "a cost is an amount, or optimistic <= likely <= pessimistic amounts",
                    ));
                }
            }
        }
        for (k, c) in self.correlations.iter().enumerate() {
            let item = Item::Path(format!("correlations[{k}]"));
            if !(-1.0..=1.0).contains(&c.coefficient) {
                return Err(Error::invalid(
                    item,
                    "coefficient",
                    format!(
                        "{} is not a correlation coefficient: give -1 to 1",
                        c.coefficient
                    ),
                ));
            }
            let mut seen: HashSet<&TaskId> = HashSet::with_capacity(c.tasks.len());
            for t in &c.tasks {
                find(t, &item)?;
                if !seen.insert(t) {
                    return Err(Error::invalid(
                        item,
                        "tasks",
                        format!("task `{t}` is listed twice"),
                    ));
                }
            }
            if c.tasks.len() < 2 {
                return Err(Error::invalid(
                    item,
                    "tasks",
                    "a correlation needs at least two tasks",
                ));
            }
            if c.tasks.len() > MAX_CORRELATED {
                return Err(Error::Limit {
                    what: "tasks in one correlation group",
                    limit: MAX_CORRELATED as u64,
                    actual: c.tasks.len() as u64,
                });
            }
        }
        for (k, h) in self.history.iter().enumerate() {
            if h.estimate.minutes() <= 0 || h.actual.minutes() < 0 {
                return Err(Error::invalid(
                    Item::Path(format!("history[{k}]")),
                    "estimate",
                    "a finished task needs an estimate above zero and an actual duration",
                ));
            }
        }
        Ok(())
    }

    /// Forgets everything about the tasks `gone` (they were removed from the project).
    pub(crate) fn forget_tasks(&mut self, gone: &[TaskId]) {
        if self.is_empty() {
            return;
        }
        for t in gone {
            self.estimates.remove(t);
        }
        let keep = |t: &TaskId| !gone.contains(t);
        for r in &mut self.risks {
            r.impacts.retain(|i| keep(&i.task));
            r.exists.retain(keep);
            if let Some(c) = &mut r.contingency {
                c.after.retain(keep);
                c.before.retain(keep);
            }
            if r.contingency
                .as_ref()
                .is_some_and(|c| c.after.is_empty() && c.before.is_empty())
            {
                r.contingency = None;
            }
        }
        for c in &mut self.correlations {
            c.tasks.retain(keep);
        }
        self.correlations.retain(|c| c.tasks.len() >= 2);
    }

    /// Follows a task's change of key from `old` to `new`.
    pub(crate) fn rename_task(&mut self, old: &TaskId, new: &TaskId) {
        if self.is_empty() {
            return;
        }
        if let Some(e) = self.estimates.remove(old) {
            self.estimates.insert(new.clone(), e);
        }
        let fix = |t: &mut TaskId| {
            if t == old {
                *t = new.clone();
            }
        };
        for r in &mut self.risks {
            r.impacts.iter_mut().for_each(|i| fix(&mut i.task));
            r.exists.iter_mut().for_each(fix);
            if let Some(c) = &mut r.contingency {
                c.after.iter_mut().chain(c.before.iter_mut()).for_each(fix);
            }
        }
        for c in &mut self.correlations {
            c.tasks.iter_mut().for_each(fix);
        }
    }
}
