//! The critical path method: forward and backward passes, float, critical paths and drivers.
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

use crate::calendar::WorkCalendar;
use crate::error::{Error, Item, Result};
use crate::graph::{
    self, Csr, Kind, Model, Net, F_ALAP, F_COMPLETE, F_ELAPSED, F_FINISHED, F_MILESTONE, F_PINNED,
    F_STARTED, HIER, NONE, SLOW_LAG,
};
use crate::id::{LinkIndex, TaskIndex};
use crate::model::{Constraint, Lag, Link, LinkType, Project, Task};
use crate::time::{DateTime, Duration};

/// Which calendar a link's lag is counted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LagCalendar {
    /// The successor's calendar (Microsoft Project).
    #[default]
    Successor,
    /// The predecessor's calendar (a Primavera P6 option).
    Predecessor,
    /// The project's default calendar (a Primavera P6 option).
    Project,
    /// Around the clock (a Primavera P6 option).
    TwentyFourHour,
}

/// How total float is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FloatBasis {
    /// The smaller of start float (late start − early start) and finish float (late finish −
    /// early finish), as Microsoft Project does.
    #[default]
    Smaller,
    /// Start float only.
    Start,
    /// Finish float only (Primavera P6's default).
    Finish,
}

/// Which tasks count as critical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Criticality {
    /// Total float at most this much working time (Microsoft Project, threshold 0 by default).
    TotalFloat(Duration),
    /// Tasks on a driving path to the project finish (Primavera P6's "longest path").
    LongestPath,
}

impl Default for Criticality {
    fn default() -> Self {
        Criticality::TotalFloat(Duration::ZERO)
    }
}

/// Knobs for [`schedule`]; the defaults reproduce Microsoft Project.
///
/// ```
/// use jindu::{ScheduleOptions, Criticality, FloatBasis, Duration};
/// let o = ScheduleOptions::default()
///     .critical(Criticality::TotalFloat(Duration::days(1)))
///     .float_basis(FloatBasis::Finish);
/// assert_eq!(o.float_basis, FloatBasis::Finish);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ScheduleOptions {
    /// Which tasks are critical.
    pub critical: Criticality,
    /// How total float is measured.
    pub float_basis: FloatBasis,
    /// Which calendar lags are counted on.
    pub lag_calendar: LagCalendar,
    /// Whether hard constraints win over links (Microsoft Project's "tasks will always honor
    /// their constraint dates", on by default). When off, links win and the constraint only
    /// shows as negative float.
    pub honor_constraints: bool,
    /// At most this many critical paths are listed (each is still complete).
    pub max_critical_paths: usize,
}

impl Default for ScheduleOptions {
    fn default() -> Self {
        ScheduleOptions {
            critical: Criticality::default(),
            float_basis: FloatBasis::default(),
            lag_calendar: LagCalendar::default(),
            honor_constraints: true,
            max_critical_paths: 100,
        }
    }
}

impl ScheduleOptions {
    /// Sets [`ScheduleOptions::critical`].
    pub fn critical(mut self, c: Criticality) -> Self {
        self.critical = c;
        self
    }
    /// Sets [`ScheduleOptions::float_basis`].
    pub fn float_basis(mut self, b: FloatBasis) -> Self {
        self.float_basis = b;
        self
    }
    /// Sets [`ScheduleOptions::lag_calendar`].
    pub fn lag_calendar(mut self, c: LagCalendar) -> Self {
        self.lag_calendar = c;
        self
    }
    /// Sets [`ScheduleOptions::honor_constraints`].
    pub fn honor_constraints(mut self, on: bool) -> Self {
        self.honor_constraints = on;
        self
    }
    /// Sets [`ScheduleOptions::max_critical_paths`].
    pub fn max_critical_paths(mut self, n: usize) -> Self {
        self.max_critical_paths = n;
        self
    }
}

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
    /// Total float (working time on the task's calendar; elapsed time for elapsed tasks).
    /// Negative when a hard constraint or deadline cannot be met.
    pub total_float: Duration,
    /// Free float: how far the task can slip without moving any successor (never negative).
    pub free_float: Duration,
    /// Whether the task is critical under [`ScheduleOptions::critical`].
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

/// Early and late dates of one node: instants (minutes since 1970-01-01) and the same dates as
/// work indices on the node's own calendar, so that links, floats and drivers between tasks on
/// one calendar are integer arithmetic. `i64::MAX`/`MIN` mean "no value".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Times {
    pub es: i64,
    pub ef: i64,
    pub ls: i64,
    pub lf: i64,
    pub wes: i64,
    pub wef: i64,
    pub wls: i64,
    pub wlf: i64,
}

/// The start and finish a node shows its successors, as instants and work indices.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ends {
    pub s: i64,
    pub f: i64,
    pub ws: i64,
    pub wf: i64,
}

impl Times {
    #[inline]
    pub(crate) fn early(&self) -> Ends {
        Ends {
            s: self.es,
            f: self.ef,
            ws: self.wes,
            wf: self.wef,
        }
    }

    #[inline]
    pub(crate) fn late(&self) -> Ends {
        Ends {
            s: self.ls,
            f: self.lf,
            ws: self.wls,
            wf: self.wlf,
        }
    }
}

/// Early dates of a node, computed by [`Pass::forward`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fwd {
    pub es: i64,
    pub ef: i64,
    pub wes: i64,
    pub wef: i64,
    pub drv: Driver,
}

/// Late dates of a node, computed by [`Pass::backward`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bwd {
    pub ls: i64,
    pub lf: i64,
    pub wls: i64,
    pub wlf: i64,
}

/// The project start or finish, with its work index on every calendar.
#[derive(Debug, Clone)]
pub(crate) struct Anchor {
    pub t: i64,
    pub w: Vec<i64>,
}

impl Anchor {
    pub(crate) fn new(m: &Model<'_>, t: i64) -> Anchor {
        Anchor {
            t,
            w: m.calendars.iter().map(|c| c.ord(t)).collect(),
        }
    }
}

/// Work index of `v` on `c`, keeping the "no value" sentinels.
#[inline]
fn ordx(c: &WorkCalendar, v: i64) -> i64 {
    if v == i64::MIN || v == i64::MAX {
        v
    } else {
        c.ord(v)
    }
}

/// Everything a pass needs, borrowed.
pub(crate) struct Pass<'x, 'a, N: Net> {
    pub m: &'x Model<'a>,
    pub net: &'x N,
    pub tasks: &'x [Task],
    pub opts: &'x ScheduleOptions,
}

fn exhausted(cal: &WorkCalendar, item: Item, after: bool, at: i64) -> Error {
    Error::CalendarExhausted {
        calendar: cal.id().clone(),
        item,
        direction: if after { "after" } else { "before" },
        at: DateTime::from_minutes(at)
            .map(|d| d.to_string())
            .unwrap_or_else(|| format!("{at} minutes")),
    }
}

impl<'x, 'a, N: Net> Pass<'x, 'a, N> {
    #[inline]
    fn cal(&self, n: usize) -> &WorkCalendar {
        &self.m.calendars[self.m.cal[n] as usize]
    }

    #[inline]
    fn start_of(&self, n: usize, w: i64) -> Result<i64> {
        let c = self.cal(n);
        c.start_of(w)
            .ok_or_else(|| exhausted(c, self.m.item(self.tasks, n), true, w))
    }

    #[inline]
    fn finish_of(&self, n: usize, w: i64) -> Result<i64> {
        let c = self.cal(n);
        c.finish_of(w)
            .ok_or_else(|| exhausted(c, self.m.item(self.tasks, n), false, w))
    }

    /// A milestone stays at `x` if `x` touches working time, else moves to the next work start.
    #[inline]
    fn milestone_at(&self, n: usize, x: i64) -> Result<i64> {
        let c = self.cal(n);
        if c.works_at(x) || c.works_at(x - 1) {
            Ok(x)
        } else {
            self.start_of(n, c.ord(x))
        }
    }

    /// Lag of link `l` in minutes and whether it is elapsed.
    #[inline]
    fn lag_minutes(&self, l: &Link, pred: usize) -> (i64, bool) {
        match l.lag {
            Lag::Time(d) => (d.minutes(), d.is_elapsed()),
            Lag::Percent(p) => (
                graph::percent_of(self.m.dur[pred], p),
                self.m.flags[pred] & F_ELAPSED != 0,
            ),
        }
    }

    /// The calendar a link's lag is counted on.
    #[inline]
    fn lag_cal(&self, pred: usize, succ: usize) -> u16 {
        match self.opts.lag_calendar {
            LagCalendar::Successor => self.m.cal[succ],
            LagCalendar::Predecessor => self.m.cal[pred],
            LagCalendar::Project => self.m.project_cal,
            LagCalendar::TwentyFourHour => self.m.cal_24h,
        }
    }

    /// `t` moved by the lag of `l` (`sign` = 1 forward, −1 backward).
    ///
    /// Backwards, a successor's date stands for every instant with the same amount of work
    /// before it on the successor's calendar (a 17:00 finish is as good as 07:59 the next
    /// morning). When the predecessor reads time differently — elapsed time, an elapsed lag,
    /// another calendar, or a summary whose subtasks may do either — the bound starts from the
    /// latest of those instants, so that the round trip never takes away time the predecessor
    /// really has.
    #[inline]
    pub(crate) fn lagged(
        &self,
        t: i64,
        l: &Link,
        pred: usize,
        succ: usize,
        sign: i64,
    ) -> Result<i64> {
        let (mins, elapsed) = self.lag_minutes(l, pred);
        let m = self.m;
        let t = if sign < 0
            && m.flags[succ] & F_ELAPSED == 0
            && (elapsed
                || m.flags[pred] & F_ELAPSED != 0
                || m.kind[pred] == Kind::Summary
                || m.cal[pred] != m.cal[succ])
        {
            let c = self.cal(succ);
            c.start_of(c.ord(t)).unwrap_or(t)
        } else {
            t
        };
        let mins = mins * sign;
        if mins == 0 {
            return Ok(t);
        }
        if elapsed {
            return Ok(t + mins);
        }
        let c = &m.calendars[self.lag_cal(pred, succ) as usize];
        let w = c.ord(t) + mins;
        // Forward, a positive lag ends at a finish and a lead at a start (Microsoft Project's
        // convention). Backward, the bound is the latest instant with that much work.
        let r = if mins > 0 && sign > 0 {
            c.finish_of(w)
        } else {
            c.start_of(w)
        };
        r.ok_or_else(|| exhausted(c, m.item(self.tasks, succ), mins > 0, t))
    }

    /// The work index on node `n`'s calendar that link `k` from `p` (showing `x`) requires of
    /// `n`'s start (start links) or finish (finish links). Integer arithmetic when the two
    /// nodes and the lag share a calendar.
    #[inline(always)]
    fn bound_w_k(&self, k: u32, p: usize, n: usize, x: &Ends) -> Result<i64> {
        let m = self.m;
        let lag = m.link_lag[k as usize];
        let from_start = m.link_kind[k as usize].from_start();
        let ci = m.cal[n];
        if lag != SLOW_LAG && m.cal[p] == ci && self.lag_on_succ() {
            return Ok(if from_start { x.ws } else { x.wf } + lag as i64);
        }
        self.bound_w_slow(&m.links[k as usize], p, n, x)
    }

    #[cold]
    #[inline(never)]
    fn bound_w_slow(&self, l: &Link, p: usize, n: usize, x: &Ends) -> Result<i64> {
        let from_start = l.kind.from_start();
        let t = self.lagged(if from_start { x.s } else { x.f }, l, p, n, 1)?;
        Ok(self.cal(n).ord(t))
    }

    /// Whether lags are counted on the successor's calendar (the default).
    #[inline]
    fn lag_on_succ(&self) -> bool {
        self.opts.lag_calendar == LagCalendar::Successor
    }

    /// The work index on node `n`'s calendar that link `l` to `s` (whose late date is `t`/`w`)
    /// allows for `n`'s finish (finish-from links) or start (start-from links).
    #[inline(always)]
    fn unbound_w(&self, k: u32, n: usize, s: usize, t: i64, w: i64) -> Result<i64> {
        let lag = self.m.link_lag[k as usize];
        let ci = self.m.cal[n];
        if lag != SLOW_LAG && self.m.cal[s] == ci && self.lag_on_succ() {
            return Ok(w - lag as i64);
        }
        self.unbound_w_slow(k, n, s, t)
    }

    #[cold]
    #[inline(never)]
    fn unbound_w_slow(&self, k: u32, n: usize, s: usize, t: i64) -> Result<i64> {
        let b = self.lagged(t, &self.m.links[k as usize], n, s, -1)?;
        Ok(self.cal(n).ord(b))
    }

    /// Early dates of node `n`. `src(p)` gives what node `p` shows its successors; `ps` is the
    /// project start.
    pub(crate) fn forward(
        &self,
        n: usize,
        ps: &Anchor,
        src: &impl Fn(usize) -> Ends,
    ) -> Result<Fwd> {
        self.forward_with(n, ps, src, None)
    }

    /// [`Pass::forward`], also appending the links that bind the result to `drivers` (in link
    /// order) when given.
    pub(crate) fn forward_with(
        &self,
        n: usize,
        ps: &Anchor,
        src: &impl Fn(usize) -> Ends,
        drivers: Option<&mut Vec<LinkIndex>>,
    ) -> Result<Fwd> {
        let m = self.m;
        match m.kind[n] {
            Kind::Leaf => self.forward_leaf(n, ps, src, drivers),
            Kind::Gate => {
                // No bound at all is MIN: the subtasks then start like tasks without predecessors.
                let (mut g, mut drv, mut key) = (i64::MIN, Driver::ProjectStart, u32::MAX);
                for e in self.net.preds(n) {
                    let p = e.node as usize;
                    let x = src(p);
                    let b = if e.link == HIER {
                        x.s
                    } else {
                        let l = &m.links[e.link as usize];
                        self.lagged(if l.kind.from_start() { x.s } else { x.f }, l, p, n, 1)?
                    };
                    let k = if e.link == HIER { u32::MAX - 1 } else { e.link };
                    if b > g || (b == g && k < key) {
                        g = b;
                        key = k;
                        drv = if e.link == HIER {
                            Driver::Summary(TaskIndex(m.task_of[p]))
                        } else {
                            Driver::Link(LinkIndex(e.link))
                        };
                    }
                }
                if let Constraint::StartNoEarlierThan(d) = m.constraint(n) {
                    if d.minutes() > g {
                        g = d.minutes();
                        drv = Driver::Constraint;
                    }
                }
                if let Some(out) = drivers {
                    self.driving_links_with(n, g, src, out)?;
                }
                let w = ordx(self.cal(n), g);
                Ok(Fwd {
                    es: g,
                    ef: g,
                    wes: w,
                    wef: w,
                    drv,
                })
            }
            Kind::Summary => {
                let (mut s, mut f) = (i64::MAX, i64::MIN);
                for e in self.net.preds(n) {
                    if e.link == HIER {
                        let x = src(e.node as usize);
                        s = s.min(x.s);
                        f = f.max(x.f);
                    }
                }
                if s == i64::MAX {
                    s = ps.t;
                    f = ps.t;
                }
                let c = self.cal(n);
                Ok(Fwd {
                    es: s,
                    ef: f,
                    wes: c.ord(s),
                    wef: c.ord(f),
                    drv: Driver::Children,
                })
            }
            Kind::Removed => Ok(Fwd {
                es: 0,
                ef: 0,
                wes: 0,
                wef: 0,
                drv: Driver::ProjectStart,
            }),
        }
    }

    fn forward_leaf(
        &self,
        n: usize,
        ps: &Anchor,
        src: &impl Fn(usize) -> Ends,
        drivers: Option<&mut Vec<LinkIndex>>,
    ) -> Result<Fwd> {
        let m = self.m;
        let f = m.flags[n];
        let dur = m.dur[n];
        let ex = m.extra(n).copied();
        let cal = self.cal(n);
        let done = |es: i64, ef: i64, drv: Driver| Fwd {
            es,
            ef,
            wes: cal.ord(es),
            wef: cal.ord(ef),
            drv,
        };
        if f & (F_PINNED | F_STARTED) != 0 {
            let ex = ex.expect("pinned and started tasks have extras");
            let (s, fin, drv) = if f & F_STARTED != 0 {
                (
                    ex.actual_start.expect("started"),
                    ex.actual_finish,
                    Driver::Actual,
                )
            } else {
                let (s, fin) = ex.pin.expect("pinned");
                (s, fin, Driver::Pinned)
            };
            let fin = match fin {
                Some(x) => x,
                None if f & F_ELAPSED != 0 => s + dur,
                None if dur == 0 => s,
                None => self.finish_of(n, cal.ord(s) + dur)?,
            };
            return Ok(done(s, fin, drv));
        }
        let c = ex.map(|e| e.constraint).unwrap_or_default();
        let honor = self.opts.honor_constraints;
        if f & (F_ELAPSED | F_MILESTONE) != 0 {
            let (es, ef, drv) = self.forward_raw(n, ps.t, src, c)?;
            if let Some(out) = drivers {
                self.driving_links_with(n, es, src, out)?;
            }
            return Ok(done(es, ef, drv));
        }

        // Working time: everything in work indices on this task's calendar.
        // Microsoft Project: a task without predecessors starts at the project start, or at its
        // SNET/FNET date when it has one (even before the project start); a task with
        // predecessors starts where they and its constraint allow, but not before the project
        // start. Ties between equal bounds go to the link with the smallest index, then to the
        // summary, so the driver does not depend on the order edges are stored in.
        let ci = m.cal[n];
        let wps = ps.w[ci as usize];
        let (mut ws, mut sdrv, mut skey) = (i64::MIN, Driver::ProjectStart, u32::MAX);
        let (mut wf, mut fdrv, mut fkey) = (i64::MIN, Driver::ProjectStart, u32::MAX);
        // Links implying the latest start so far are collected into `drivers` as we go.
        let mut drivers = drivers;
        let first = drivers.as_ref().map_or(0, |o| o.len());
        let mut best = i64::MIN;
        for e in self.net.preds(n) {
            let p = e.node as usize;
            let x = src(p);
            if e.link == HIER {
                let g = if x.s == i64::MIN || m.cal[p] == ci {
                    x.ws
                } else {
                    cal.ord(x.s)
                };
                if g > ws || (g == ws && skey == u32::MAX) {
                    ws = g;
                    sdrv = Driver::Summary(TaskIndex(m.task_of[p]));
                    skey = u32::MAX - 1;
                }
                continue;
            }
            let to_finish = m.link_kind[e.link as usize].to_finish();
            let b = self.bound_w_k(e.link, p, n, &x)?;
            if let Some(out) = drivers.as_deref_mut() {
                let implied = if to_finish { b - dur } else { b };
                if implied > best {
                    best = implied;
                    out.truncate(first);
                    out.push(LinkIndex(e.link));
                } else if implied == best {
                    out.push(LinkIndex(e.link));
                }
            }
            if to_finish {
                if b > wf || (b == wf && e.link < fkey) {
                    wf = b;
                    fdrv = Driver::Link(LinkIndex(e.link));
                    fkey = e.link;
                }
            } else if b > ws || (b == ws && e.link < skey) {
                ws = b;
                sdrv = Driver::Link(LinkIndex(e.link));
                skey = e.link;
            }
        }
        let no_preds = ws == i64::MIN && wf == i64::MIN;
        match c {
            Constraint::StartNoEarlierThan(d) => {
                let dw = cal.ord(d.minutes());
                if no_preds || dw > ws {
                    ws = dw;
                    sdrv = Driver::Constraint;
                }
            }
            Constraint::FinishNoEarlierThan(d) => {
                let dw = cal.ord(d.minutes());
                if no_preds || dw > wf {
                    wf = dw;
                    fdrv = Driver::Constraint;
                }
            }
            _ => {}
        }
        if ws == i64::MIN && wf == i64::MIN {
            ws = wps;
        } else if !no_preds && ws < wps {
            ws = wps;
            sdrv = Driver::ProjectStart;
        }
        let mut w = ws;
        let mut drv = sdrv;
        if wf != i64::MIN {
            let mut x = wf - dur;
            if !no_preds {
                x = x.max(wps);
            }
            if x > w {
                w = x;
                drv = fdrv;
            }
        }
        let mut hard = |t: i64, cap: bool| {
            let apply = if cap { w > t } else { honor || t > w };
            if apply {
                w = t;
                drv = Driver::Constraint;
            }
        };
        match c {
            Constraint::MustStartOn(d) => hard(cal.ord(d.minutes()), false),
            Constraint::MustFinishOn(d) => hard(cal.ord(d.minutes()) - dur, false),
            Constraint::StartNoLaterThan(d) if honor => hard(cal.ord(d.minutes()), true),
            Constraint::FinishNoLaterThan(d) if honor => hard(cal.ord(d.minutes()) - dur, true),
            _ => {}
        }
        // Microsoft Project: a finish at the bound of a start-to-finish link without lag is the
        // predecessor's start instant itself (08:00, not the previous 17:00), as nothing is
        // added to it (`sample.xml` UID 21); a lag ends on a finish (17:00) like any addition.
        let sf_instant = matches!(fdrv, Driver::Link(k)
        if w + dur == wf && {
            let l = &m.links[k.index()];
            l.kind == LinkType::StartToFinish && l.lag.is_zero()
        });
        let r = Fwd {
            es: self.start_of(n, w)?,
            ef: if sf_instant {
                self.start_of(n, w + dur)?
            } else {
                self.finish_of(n, w + dur)?
            },
            wes: w,
            wef: w + dur,
            drv,
        };
        if let Some(out) = drivers {
            if best == w {
                out[first..].sort_unstable();
            } else {
                out.truncate(first);
            }
        }
        Ok(r)
    }

    /// Early dates of a milestone or an elapsed task, which keep exact instants.
    #[inline(never)]
    fn forward_raw(
        &self,
        n: usize,
        ps: i64,
        src: &impl Fn(usize) -> Ends,
        c: Constraint,
    ) -> Result<(i64, i64, Driver)> {
        let m = self.m;
        let f = m.flags[n];
        let dur = m.dur[n];
        let (mut sb, mut sdrv, mut skey) = (i64::MIN, Driver::ProjectStart, u32::MAX);
        let (mut fb, mut fdrv, mut fkey) = (i64::MIN, Driver::ProjectStart, u32::MAX);
        for e in self.net.preds(n) {
            let p = e.node as usize;
            let x = src(p);
            if e.link == HIER {
                if x.s > sb || (x.s == sb && skey == u32::MAX) {
                    sb = x.s;
                    sdrv = Driver::Summary(TaskIndex(m.task_of[p]));
                    skey = u32::MAX - 1;
                }
                continue;
            }
            let l = &m.links[e.link as usize];
            let b = self.lagged(if l.kind.from_start() { x.s } else { x.f }, l, p, n, 1)?;
            if l.kind.to_finish() {
                if b > fb || (b == fb && e.link < fkey) {
                    fb = b;
                    fdrv = Driver::Link(LinkIndex(e.link));
                    fkey = e.link;
                }
            } else if b > sb || (b == sb && e.link < skey) {
                sb = b;
                sdrv = Driver::Link(LinkIndex(e.link));
                skey = e.link;
            }
        }
        let no_preds = sb == i64::MIN && fb == i64::MIN;
        match c {
            Constraint::StartNoEarlierThan(d) if no_preds || d.minutes() > sb => {
                sb = d.minutes();
                sdrv = Driver::Constraint;
            }
            Constraint::FinishNoEarlierThan(d) if no_preds || d.minutes() > fb => {
                fb = d.minutes();
                fdrv = Driver::Constraint;
            }
            _ => {}
        }
        let floor = if no_preds { i64::MIN } else { ps };
        if sb == i64::MIN && fb == i64::MIN {
            sb = ps;
        } else if !no_preds && sb < ps {
            sb = ps;
            sdrv = Driver::ProjectStart;
        }
        let honor = self.opts.honor_constraints;
        if f & F_ELAPSED != 0 {
            let (mut es, mut drv) = (sb, sdrv);
            if fb != i64::MIN && (fb - dur).max(floor) > es {
                es = (fb - dur).max(floor);
                drv = fdrv;
            }
            let mut hard = |target: i64, cap: bool| {
                let apply = if cap {
                    es > target
                } else {
                    honor || target > es
                };
                if apply {
                    es = target;
                    drv = Driver::Constraint;
                }
            };
            match c {
                Constraint::MustStartOn(d) => hard(d.minutes(), false),
                Constraint::MustFinishOn(d) => hard(d.minutes() - dur, false),
                Constraint::StartNoLaterThan(d) if honor => hard(d.minutes(), true),
                Constraint::FinishNoLaterThan(d) if honor => hard(d.minutes() - dur, true),
                _ => {}
            }
            return Ok((es, es + dur, drv));
        }
        // A milestone.
        let (mut x, mut drv) = (sb, sdrv);
        if fb != i64::MIN && fb.max(floor) > x {
            x = fb.max(floor);
            drv = fdrv;
        }
        match c {
            Constraint::MustStartOn(d) | Constraint::MustFinishOn(d)
                if honor || d.minutes() > x =>
            {
                x = d.minutes();
                drv = Driver::Constraint;
            }
            Constraint::StartNoLaterThan(d) | Constraint::FinishNoLaterThan(d)
                if honor && d.minutes() < x =>
            {
                x = d.minutes();
                drv = Driver::Constraint;
            }
            _ => {}
        }
        let x = self.milestone_at(n, x)?;
        Ok((x, x, drv))
    }

    /// Late dates of node `n` given the project finish `pf`, the late dates in `t` and the early
    /// dates in `early` (the same slice as `t`, except with as-late-as-possible tasks, where it
    /// holds the dates of the pass that treats them as soon as possible).
    pub(crate) fn backward(
        &self,
        n: usize,
        pf: &Anchor,
        t: &[Times],
        early: &[Times],
    ) -> Result<Bwd> {
        let m = self.m;
        let c = self.cal(n);
        let with_w = |ls: i64, lf: i64| Bwd {
            ls,
            lf,
            wls: ordx(c, ls),
            wlf: ordx(c, lf),
        };
        match m.kind[n] {
            Kind::Gate => {
                let (mut ls, mut lf) = (i64::MAX, i64::MIN);
                for e in self.net.succs(n) {
                    let x = &t[e.node as usize];
                    ls = ls.min(x.ls);
                    lf = lf.max(x.lf);
                }
                if ls == i64::MAX {
                    return Ok(with_w(pf.t, pf.t));
                }
                return Ok(with_w(ls, lf));
            }
            Kind::Removed => {
                return Ok(Bwd {
                    ls: 0,
                    lf: 0,
                    wls: 0,
                    wlf: 0,
                })
            }
            Kind::Summary => {
                let (sb, fb) = self.backward_bounds(n, pf.t, t, early)?;
                return Ok(with_w(sb, fb));
            }
            Kind::Leaf => {}
        }
        let f = m.flags[n];
        let dur = m.dur[n];
        let ex = m.extra(n).copied();
        if f & F_FINISHED != 0 {
            let ex = ex.expect("finished tasks have extras");
            return Ok(with_w(
                ex.actual_start.expect("started"),
                ex.actual_finish.expect("finished"),
            ));
        }
        let (ls, lf, wls, wlf) = if f & (F_ELAPSED | F_MILESTONE | F_PINNED) != 0 {
            let (sb, fb) = self.backward_bounds(n, pf.t, t, early)?;
            let (ls, lf) = if f & F_ELAPSED != 0 {
                let lf = if sb != i64::MAX { fb.min(sb + dur) } else { fb };
                (lf - dur, lf)
            } else if f & F_MILESTONE != 0 {
                let x = self.milestone_at(n, fb.min(sb))?;
                (x, x)
            } else {
                let mut w = c.ord(fb);
                if sb != i64::MAX {
                    w = w.min(c.ord(sb) + dur);
                }
                // A manually scheduled task keeps the late finish logic gives it, even at the
                // start of a working period (08:00 rather than the previous 17:00).
                let lf = if c.ord(fb) == w {
                    fb
                } else {
                    self.finish_of(n, w)?
                };
                (self.start_of(n, w - dur)?, lf)
            };
            (ls, lf, c.ord(ls), c.ord(lf))
        } else {
            let ci = m.cal[n];
            let (mut wfb, mut wsb) = (pf.w[ci as usize], i64::MAX);
            for e in self.net.succs(n) {
                let s = e.node as usize;
                let x = &t[s];
                if e.link == HIER {
                    let conv = |v: i64, w: i64| {
                        if v == i64::MAX || m.cal[s] == ci {
                            w
                        } else {
                            c.ord(v)
                        }
                    };
                    wfb = wfb.min(conv(x.lf, x.wlf));
                    if x.ls != i64::MAX && (m.fixed_finish.is_some() || early[n].es == early[s].es)
                    {
                        wsb = wsb.min(conv(x.ls, x.wls));
                    }
                    continue;
                }
                let kind = m.link_kind[e.link as usize];
                let b = if kind.to_finish() {
                    self.unbound_w(e.link, n, s, x.lf, x.wlf)?
                } else {
                    self.unbound_w(e.link, n, s, x.ls, x.wls)?
                };
                if kind.from_start() {
                    wsb = wsb.min(b);
                } else {
                    wfb = wfb.min(b);
                }
            }
            if let Some(ex) = ex {
                match ex.constraint {
                    Constraint::FinishNoLaterThan(d) | Constraint::MustFinishOn(d) => {
                        wfb = wfb.min(c.ord(d.minutes()))
                    }
                    Constraint::StartNoLaterThan(d) | Constraint::MustStartOn(d) => {
                        wsb = wsb.min(c.ord(d.minutes()))
                    }
                    _ => {}
                }
                if let Some(d) = ex.deadline {
                    wfb = wfb.min(c.ord(d));
                }
            }
            let mut w = wfb;
            if wsb != i64::MAX {
                w = w.min(wsb + dur);
            }
            (
                self.start_of(n, w - dur)?,
                self.finish_of(n, w)?,
                w - dur,
                w,
            )
        };
        if f & F_STARTED != 0 {
            let s = ex.and_then(|e| e.actual_start).expect("started");
            return Ok(Bwd {
                ls: s,
                lf,
                wls: c.ord(s),
                wlf,
            });
        }
        // The same working minute can read as 17:00 or as the next 08:00; a late date never
        // reads earlier than an early date that is the same minute (a milestone pushed to
        // Monday 08:00 whose late finish is "Friday 17:00", say).
        let (mut ls, mut lf) = (ls, lf);
        if m.fixed_finish.is_none() && f & F_ELAPSED == 0 {
            let e = &early[n];
            if lf < e.ef && wlf == e.wef {
                lf = e.ef;
            }
            if ls < e.es && wls == e.wes {
                ls = e.es;
            }
        }
        Ok(Bwd { ls, lf, wls, wlf })
    }

    /// The late start and finish bounds (instants) that successors, the enclosing summary,
    /// constraints and the deadline put on node `n`: `(start bound, finish bound)`.
    #[inline(never)]
    fn backward_bounds(
        &self,
        n: usize,
        pf: i64,
        t: &[Times],
        early: &[Times],
    ) -> Result<(i64, i64)> {
        let m = self.m;
        let (mut fb, mut sb) = (pf, i64::MAX);
        let pinned = m.flags[n] & F_PINNED != 0 && m.kind[n] == Kind::Leaf;
        for e in self.net.succs(n) {
            let s = e.node as usize;
            if e.link == HIER {
                fb = fb.min(t[s].lf);
                // A start link out of a summary binds the subtask that sets the summary's start
                // (its earliest), not every subtask; scheduled from the finish, before early
                // dates exist, it binds them all.
                if t[s].ls != i64::MAX && (m.fixed_finish.is_some() || early[n].es == early[s].es) {
                    sb = sb.min(t[s].ls);
                }
                continue;
            }
            let l = &m.links[e.link as usize];
            if pinned && l.kind.from_start() {
                // Microsoft Project: links from a manually scheduled task's start do not pull
                // its late dates in.
                continue;
            }
            let base = if l.kind.to_finish() { t[s].lf } else { t[s].ls };
            let b = self.lagged(base, l, n, s, -1)?;
            if l.kind.from_start() {
                sb = sb.min(b);
            } else {
                fb = fb.min(b);
            }
        }
        if let Some(ex) = m.extra(n) {
            match ex.constraint {
                Constraint::FinishNoLaterThan(d) | Constraint::MustFinishOn(d) => {
                    fb = fb.min(d.minutes())
                }
                Constraint::StartNoLaterThan(d) | Constraint::MustStartOn(d) => {
                    sb = sb.min(d.minutes())
                }
                _ => {}
            }
            if let Some(d) = ex.deadline {
                fb = fb.min(d);
            }
        }
        Ok((sb, fb))
    }

    /// Working (or elapsed) minutes from `a` to `b` on node `n`'s calendar.
    #[inline]
    pub(crate) fn span(&self, n: usize, a: i64, b: i64) -> i64 {
        if self.m.flags[n] & F_ELAPSED != 0 {
            b - a
        } else {
            let c = self.cal(n);
            c.ord(b) - c.ord(a)
        }
    }

    /// What node `p` shows its successors in the final forward pass: its late dates for an
    /// as-late-as-possible task (Microsoft Project), else its early dates. In a project
    /// scheduled from its finish, where every task is ALAP by default, early dates measure
    /// float from the start, so successors read early dates there.
    #[inline]
    pub(crate) fn src(&self, p: usize, t: &[Times]) -> Ends {
        if self.m.flags[p] & F_ALAP != 0 && self.m.fixed_finish.is_none() {
            t[p].late()
        } else {
            t[p].early()
        }
    }

    /// Scheduled start and finish of task `i`.
    #[inline]
    pub(crate) fn scheduled(&self, i: usize, t: &[Times]) -> Ends {
        let n = self.m.node_of[i] as usize;
        if self.m.flags[n] & F_ALAP != 0 {
            t[n].late()
        } else {
            t[n].early()
        }
    }

    /// Total and free float of task `i` (minutes).
    pub(crate) fn floats(&self, i: usize, t: &[Times]) -> Result<(i64, i64)> {
        let m = self.m;
        let n = m.node_of[i] as usize;
        let f = m.flags[n];
        let x = &t[n];
        let simple = m.kind[n] == Kind::Leaf && f & F_ELAPSED == 0;
        let tf = if f & F_ALAP != 0 && m.fixed_finish.is_none() {
            0
        } else {
            let (ss, fs) = if simple {
                (x.wls - x.wes, x.wlf - x.wef)
            } else {
                let (ls, lf) = if m.kind[n] == Kind::Summary {
                    let g = &t[m.gate_of[i] as usize];
                    (g.ls, g.lf)
                } else {
                    (x.ls, x.lf)
                };
                (self.span(n, x.es, ls), self.span(n, x.ef, lf))
            };
            if f & F_STARTED != 0 {
                fs
            } else {
                match self.opts.float_basis {
                    FloatBasis::Smaller => ss.min(fs),
                    FloatBasis::Start => ss,
                    FloatBasis::Finish => fs,
                }
            }
        };
        let me = self.scheduled(i, t);
        let mut ff = i64::MAX;
        for e in self.net.succs(n) {
            if e.link == HIER {
                continue;
            }
            let j = m.task_of[e.node as usize] as usize;
            let jn = m.node_of[j] as usize;
            if m.flags[jn] & F_FINISHED != 0 {
                continue;
            }
            let kind = m.link_kind[e.link as usize];
            let them = self.scheduled(j, t);
            let lag = m.link_lag[e.link as usize];
            let ci = m.cal[n];
            let gap = if simple
                && lag != SLOW_LAG
                && m.cal[jn] == ci
                && m.cal[e.node as usize] == ci
                && self.lag_on_succ()
            {
                let b = if kind.from_start() { me.ws } else { me.wf } + lag as i64;
                (if kind.to_finish() { them.wf } else { them.ws }) - b
            } else {
                let l = &m.links[e.link as usize];
                let b = self.lagged(
                    if l.kind.from_start() { me.s } else { me.f },
                    l,
                    n,
                    e.node as usize,
                    1,
                )?;
                self.span(n, b, if l.kind.to_finish() { them.f } else { them.s })
            };
            ff = ff.min(gap);
        }
        if ff == i64::MAX {
            ff = tf;
        }
        if f & F_FINISHED != 0 {
            ff = 0;
        }
        // Free float never exceeds total float: slipping further would move the project finish
        // (or a deadline) even where no successor moves.
        Ok((tf, ff.min(tf).max(0)))
    }

    /// The links that bind node `n`'s early start (or finish), appended to `out` in link order.
    pub(crate) fn driving_links(
        &self,
        n: usize,
        t: &[Times],
        out: &mut Vec<LinkIndex>,
    ) -> Result<()> {
        let m = self.m;
        if m.kind[n] == Kind::Summary || m.kind[n] == Kind::Removed {
            return Ok(());
        }
        let f = m.flags[n];
        if f & (F_PINNED | F_STARTED) != 0 {
            return Ok(());
        }
        let x = &t[n];
        let raw = m.kind[n] == Kind::Gate || f & (F_ELAPSED | F_MILESTONE) != 0;
        let target = if raw { x.es } else { x.wes };
        self.driving_links_with(n, target, &|p| self.src(p, t), out)
    }

    /// The links into `n` whose implied start equals `target` (an instant for gates, milestones
    /// and elapsed tasks, a work index otherwise), when that is the latest any link implies.
    #[inline(never)]
    fn driving_links_with(
        &self,
        n: usize,
        target: i64,
        src: &impl Fn(usize) -> Ends,
        out: &mut Vec<LinkIndex>,
    ) -> Result<()> {
        let m = self.m;
        let f = m.flags[n];
        let first = out.len();
        let dur = m.dur[n];
        let raw = m.kind[n] == Kind::Gate || f & (F_ELAPSED | F_MILESTONE) != 0;
        let mut latest = i64::MIN;
        for e in self.net.preds(n) {
            if e.link == HIER {
                continue;
            }
            let p = e.node as usize;
            let l = &m.links[e.link as usize];
            let y = src(p);
            let implied = if raw {
                let b = self.lagged(if l.kind.from_start() { y.s } else { y.f }, l, p, n, 1)?;
                if m.kind[n] == Kind::Gate {
                    b
                } else if f & F_MILESTONE != 0 {
                    self.milestone_at(n, b)?
                } else if l.kind.to_finish() {
                    b - dur
                } else {
                    b
                }
            } else {
                let b = self.bound_w_k(e.link, p, n, &y)?;
                if l.kind.to_finish() {
                    b - dur
                } else {
                    b
                }
            };
            latest = latest.max(implied);
            if implied == target {
                out.push(LinkIndex(e.link));
            }
        }
        if latest != target {
            // A constraint holds the task off its links' latest bound: a link that happens to
            // meet the held date (say an ALAP predecessor placed against this task) does not
            // drive it.
            out.truncate(first);
        }
        out[first..].sort_unstable();
        Ok(())
    }

    /// Violations at node `n` (pinned or hard-constrained tasks that start before a link
    /// allows, missed deadlines), appended to `out` in a fixed order.
    pub(crate) fn violations(&self, n: usize, t: &[Times], out: &mut Vec<Violation>) -> Result<()> {
        let first = out.len();
        self.violations_unsorted(n, t, out)?;
        out[first..].sort_by_key(|v| (v.kind as u8, v.link));
        Ok(())
    }

    fn violations_unsorted(&self, n: usize, t: &[Times], out: &mut Vec<Violation>) -> Result<()> {
        let m = self.m;
        if m.kind[n] != Kind::Leaf {
            return Ok(());
        }
        let f = m.flags[n];
        let ex = m.extra(n);
        let Some(ex) = ex else {
            return Ok(());
        };
        let c = ex.constraint;
        let hard = matches!(
            c,
            Constraint::MustStartOn(_)
                | Constraint::MustFinishOn(_)
                | Constraint::StartNoLaterThan(_)
                | Constraint::FinishNoLaterThan(_)
        );
        let task = TaskIndex(m.task_of[n]);
        if let Some(d) = ex.deadline {
            let fin = self.scheduled(task.index(), t).f;
            if fin > d && f & F_COMPLETE == 0 {
                out.push(Violation {
                    kind: ViolationKind::DeadlineMissed,
                    task,
                    link: None,
                    required: DateTime::from_minutes(d).unwrap_or(DateTime::MAX),
                    actual: DateTime::from_minutes(fin).unwrap_or(DateTime::MAX),
                });
            }
        }
        if f & F_PINNED == 0 && !(hard && self.opts.honor_constraints) {
            return Ok(());
        }
        let kind = if f & F_PINNED != 0 {
            ViolationKind::PinnedAgainstLink
        } else {
            ViolationKind::ConstraintAgainstLink
        };
        let x = &t[n];
        let elapsed = f & F_ELAPSED != 0;
        let cal = self.cal(n);
        for e in self.net.preds(n) {
            if e.link == HIER {
                continue;
            }
            let p = e.node as usize;
            let l = &m.links[e.link as usize];
            let y = self.src(p, t);
            let b = self.lagged(if l.kind.from_start() { y.s } else { y.f }, l, p, n, 1)?;
            let actual = if l.kind.to_finish() { x.ef } else { x.es };
            let late = if elapsed {
                b > actual
            } else {
                cal.ord(b) > cal.ord(actual)
            };
            if late {
                out.push(Violation {
                    kind,
                    task,
                    link: Some(LinkIndex(e.link)),
                    required: DateTime::from_minutes(b).unwrap_or(DateTime::MAX),
                    actual: DateTime::from_minutes(actual).unwrap_or(DateTime::MIN),
                });
            }
        }
        Ok(())
    }
}

/// Converts minutes to a [`DateTime`], naming the task if out of range.
pub(crate) fn to_dt(x: i64, tasks: &[Task], i: usize, field: &str) -> Result<DateTime> {
    DateTime::from_minutes(x).ok_or_else(|| {
        Error::invalid(
            Item::Task(tasks[i].id.clone()),
            field,
            "the computed date falls outside the years 1000-9999",
        )
    })
}

/// Runs all passes over a whole network in topological order.
pub(crate) struct Full {
    pub order: Vec<u32>,
    pub times: Vec<Times>,
    pub drivers: Vec<Driver>,
    /// Per node, the range of `driving` holding its driving links.
    pub driving_span: Vec<(u32, u32)>,
    pub driving: Vec<LinkIndex>,
    /// Per task, its total and free float when the passes computed them on the way
    /// (`i64::MIN` total float: not computed, as for summaries).
    pub floats: Option<Vec<(i64, i64)>>,
    pub ps: i64,
    pub pf: i64,
}

pub(crate) fn run_full<N: Net>(p: &Pass<'_, '_, N>, order: Vec<u32>) -> Result<Full> {
    let m = p.m;
    let nodes = m.nodes();
    let mut times = vec![Times::default(); nodes];
    let mut drivers = vec![Driver::ProjectStart; nodes];
    let mut sink = Sink {
        span: vec![(0, 0); nodes],
        links: Vec::with_capacity(nodes + nodes / 4),
    };
    let leaf_like = |n: usize| m.kind[n] == Kind::Leaf;
    // The backward pass; with `floats`, each leaf task's total and free float is taken as soon
    // as its late dates are known, while its successors' dates are still in cache (only valid
    // when those dates are final: no task as late as possible, not scheduled from the finish).
    let backward_all = |times: &mut Vec<Times>,
                        early: Option<&[Times]>,
                        pf: &Anchor,
                        mut floats: Option<&mut Vec<(i64, i64)>>|
     -> Result<()> {
        for &n in order.iter().rev() {
            let n = n as usize;
            let b = {
                let t: &[Times] = times;
                p.backward(n, pf, t, early.unwrap_or(t))?
            };
            let x = &mut times[n];
            (x.ls, x.lf, x.wls, x.wlf) = (b.ls, b.lf, b.wls, b.wlf);
            if let Some(fl) = floats.as_deref_mut() {
                if m.kind[n] == Kind::Leaf {
                    let i = m.task_of[n] as usize;
                    fl[i] = p.floats(i, times)?;
                }
            }
        }
        Ok(())
    };
    let (ps, pf);
    let mut floats = None;
    if let Some(fixed) = m.fixed_finish {
        // Scheduled from the finish: late dates first, then the start they imply.
        pf = fixed;
        backward_all(&mut times, None, &Anchor::new(m, pf), None)?;
        let s = (0..nodes)
            .filter(|&n| leaf_like(n))
            .map(|n| times[n].ls)
            .min()
            .unwrap_or(i64::MAX);
        ps = if s == i64::MAX { fixed } else { s };
        forward_all(
            p,
            &order,
            &Anchor::new(m, ps),
            &mut times,
            &mut drivers,
            false,
            Some(&mut sink),
        )?;
    } else {
        ps = m.start;
        let psa = Anchor::new(m, ps);
        if m.has_alap {
            // Early pass with every task as soon as possible, for the project finish.
            let mut early = times.clone();
            forward_all(p, &order, &psa, &mut early, &mut drivers, false, None)?;
            pf = project_finish(m, &early, ps);
            backward_all(&mut times, Some(&early), &Anchor::new(m, pf), None)?;
            forward_all(
                p,
                &order,
                &psa,
                &mut times,
                &mut drivers,
                true,
                Some(&mut sink),
            )?;
        } else {
            forward_all(
                p,
                &order,
                &psa,
                &mut times,
                &mut drivers,
                false,
                Some(&mut sink),
            )?;
            pf = project_finish(m, &times, ps);
            let mut fl = vec![(i64::MIN, 0); m.node_of.len()];
            backward_all(&mut times, None, &Anchor::new(m, pf), Some(&mut fl))?;
            floats = Some(fl);
        }
    }
    Ok(Full {
        order,
        times,
        drivers,
        driving_span: sink.span,
        driving: sink.links,
        floats,
        ps,
        pf,
    })
}

/// The latest early finish of any non-summary task (the project start if there is none).
pub(crate) fn project_finish(m: &Model<'_>, t: &[Times], ps: i64) -> i64 {
    let mut pf = i64::MIN;
    for (n, k) in m.kind.iter().enumerate() {
        if *k == Kind::Leaf {
            pf = pf.max(t[n].ef);
        }
    }
    if pf == i64::MIN {
        ps
    } else {
        pf
    }
}

/// Driving links collected by a forward pass: per node a range of `links`.
struct Sink {
    span: Vec<(u32, u32)>,
    links: Vec<LinkIndex>,
}

fn forward_all<N: Net>(
    p: &Pass<'_, '_, N>,
    order: &[u32],
    ps: &Anchor,
    times: &mut [Times],
    drivers: &mut [Driver],
    scheduled: bool,
    mut sink: Option<&mut Sink>,
) -> Result<()> {
    for &n in order {
        let n = n as usize;
        let r = {
            let t: &[Times] = times;
            let out = sink.as_deref_mut().map(|s| &mut s.links);
            let first = out.as_ref().map_or(0, |o| o.len());
            let r = if scheduled {
                p.forward_with(n, ps, &|q| p.src(q, t), out)?
            } else {
                p.forward_with(n, ps, &|q| t[q].early(), out)?
            };
            if let Some(s) = sink.as_deref_mut() {
                s.span[n] = (first as u32, s.links.len() as u32);
            }
            r
        };
        let x = &mut times[n];
        (x.es, x.ef, x.wes, x.wef) = (r.es, r.ef, r.wes, r.wef);
        drivers[n] = r.drv;
    }
    Ok(())
}

/// Builds the public output of one task.
pub(crate) fn task_output<N: Net>(
    p: &Pass<'_, '_, N>,
    i: usize,
    t: &[Times],
    drivers: &[Driver],
    floats: Option<(i64, i64)>,
) -> Result<TaskSchedule> {
    let m = p.m;
    let n = m.node_of[i] as usize;
    let x = &t[n];
    let (ls, lf) = if m.kind[n] == Kind::Summary {
        let g = &t[m.gate_of[i] as usize];
        (g.ls, g.lf)
    } else {
        (x.ls, x.lf)
    };
    let sch = p.scheduled(i, t);
    let (start, finish) = (sch.s, sch.f);
    let (tf, ff) = match floats {
        Some(f) if f.0 != i64::MIN => f,
        _ => p.floats(i, t)?,
    };
    let f = m.flags[n];
    let elapsed = f & F_ELAPSED != 0;
    let critical = match p.opts.critical {
        Criticality::TotalFloat(th) => {
            // Microsoft Project: a pinned (manual) task with no links and no resource work is
            // outside the network and never critical; linked pinned tasks, and pinned tasks
            // carrying resource work, are in it.
            let outside = f & F_PINNED != 0
                && !m.carries_work[i]
                && !p
                    .net
                    .preds(n)
                    .iter()
                    .chain(p.net.succs(n))
                    .any(|e| e.link != HIER);
            tf <= th.minutes() && f & F_COMPLETE == 0 && !outside
        }
        Criticality::LongestPath => false,
    };
    let dur = |v: i64| {
        if elapsed {
            Duration::elapsed_minutes(v)
        } else {
            Duration::minutes_work(v)
        }
    };
    let tasks = p.tasks;
    let driver = if m.kind[n] == Kind::Summary {
        Driver::Children
    } else {
        drivers[n]
    };
    Ok(TaskSchedule {
        start: to_dt(start, tasks, i, "start")?,
        finish: to_dt(finish, tasks, i, "finish")?,
        early_start: to_dt(x.es, tasks, i, "early_start")?,
        early_finish: to_dt(x.ef, tasks, i, "early_finish")?,
        late_start: to_dt(ls, tasks, i, "late_start")?,
        late_finish: to_dt(lf, tasks, i, "late_finish")?,
        total_float: dur(tf),
        free_float: dur(ff),
        critical,
        driver,
    })
}

/// Leaf-level drivers of node `n` that pass `keep`: the leaf tasks whose links bind it, looking
/// through summaries (a summary predecessor stands for its subtasks that set its rolled-up date).
fn driver_leaves<N: Net>(
    p: &Pass<'_, '_, N>,
    n: usize,
    sched: &Schedule,
    drivers: &[Driver],
    keep: &dyn Fn(usize) -> bool,
    out: &mut Vec<u32>,
) {
    let m = p.m;
    let mut stack: Vec<(usize, bool)> = Vec::new();
    // Links that drive `n` or, through the summary tree, the gates it inherits its start from.
    let mut node = n;
    loop {
        let i = m.task_of[node] as usize;
        for li in sched.driving_links(TaskIndex(i as u32)) {
            let l = &m.links[li.index()];
            stack.push((m.node_of[l.from.index()] as usize, l.kind.from_start()));
        }
        match drivers[node] {
            Driver::Summary(s) if m.gate_of[s.index()] != NONE => {
                node = m.gate_of[s.index()] as usize
            }
            _ => break,
        }
    }
    while let Some((q, from_start)) = stack.pop() {
        let qi = m.task_of[q] as usize;
        if !keep(qi) {
            continue;
        }
        if m.kind[q] == Kind::Leaf {
            out.push(qi as u32);
            continue;
        }
        let target = if from_start {
            sched.tasks[qi].start
        } else {
            sched.tasks[qi].finish
        };
        for e in p.net.preds(q) {
            if e.link == HIER {
                let ci = m.task_of[e.node as usize] as usize;
                let cs = &sched.tasks[ci];
                let v = if from_start { cs.start } else { cs.finish };
                if v == target {
                    stack.push((m.node_of[ci] as usize, from_start));
                }
            }
        }
    }
}

/// Fills the derived parts of a schedule: criticality by longest path, critical order and paths.
pub(crate) fn finish_schedule<N: Net>(
    p: &Pass<'_, '_, N>,
    order: &[u32],
    drivers: &[Driver],
    sched: &mut Schedule,
) {
    let m = p.m;
    let n_tasks = m.node_of.len();
    // Ties are broken by the depth of a node in the network (longest chain of edges from a
    // source) and then by task index: both independent of how the network is stored.
    let mut pos = vec![0u32; m.nodes()];
    for &n in order {
        let n = n as usize;
        pos[n] = p
            .net
            .preds(n)
            .iter()
            .map(|e| pos[e.node as usize] + 1)
            .max()
            .unwrap_or(0);
    }
    let is_leaf = |i: usize| m.kind[m.node_of[i] as usize] == Kind::Leaf;
    let mut buf = Vec::new();

    if p.opts.critical == Criticality::LongestPath {
        // Mark tasks that finish at the project finish and, transitively, their drivers.
        let pf = sched.project_finish;
        let mut stack: Vec<usize> = (0..n_tasks)
            .filter(|&i| {
                is_leaf(i) && {
                    let c = &m.calendars[m.project_cal as usize];
                    c.ord(sched.tasks[i].finish.minutes()) == c.ord(pf.minutes())
                }
            })
            .collect();
        for &i in &stack {
            sched.tasks[i].critical = true;
        }
        while let Some(i) = stack.pop() {
            buf.clear();
            driver_leaves(p, m.in_node(i), sched, drivers, &|_| true, &mut buf);
            for &q in &buf {
                let q = q as usize;
                if !sched.tasks[q].critical {
                    sched.tasks[q].critical = true;
                    stack.push(q);
                }
            }
        }
        // A summary is on the longest path when one of its subtasks is.
        let mut changed = true;
        while changed {
            changed = false;
            for i in 0..n_tasks {
                if sched.tasks[i].critical {
                    if let Some(par) = p.tasks[i].parent {
                        if !sched.tasks[par.index()].critical {
                            sched.tasks[par.index()].critical = true;
                            changed = true;
                        }
                    }
                }
            }
        }
    }

    let mut crit: Vec<usize> = (0..n_tasks)
        .filter(|&i| {
            is_leaf(i) && sched.tasks[i].critical && m.kind[m.node_of[i] as usize] != Kind::Removed
        })
        .collect();
    crit.sort_by_key(|&i| {
        let t = &sched.tasks[i];
        (t.early_start, t.early_finish, pos[m.node_of[i] as usize], i)
    });
    sched.critical_order = crit.iter().map(|&i| TaskIndex(i as u32)).collect();

    // Critical paths over the leaf-level driving graph.
    // The critical predecessors of critical task `i` are `flat[off[slot[i]]..off[slot[i] + 1]]`
    // (flat lists: nothing per non-critical task but its slot).
    let mut slot = vec![u32::MAX; n_tasks];
    let mut off: Vec<u32> = Vec::with_capacity(crit.len() + 1);
    let mut flat: Vec<u32> = Vec::new();
    let mut has_succ = vec![false; n_tasks];
    off.push(0);
    for (k, &i) in crit.iter().enumerate() {
        buf.clear();
        let crit_flag = |q: usize| sched.tasks[q].critical;
        driver_leaves(p, m.in_node(i), sched, drivers, &crit_flag, &mut buf);
        buf.sort_unstable();
        buf.dedup();
        for &q in &buf {
            has_succ[q as usize] = true;
        }
        flat.extend_from_slice(&buf);
        off.push(flat.len() as u32);
        slot[i] = k as u32;
    }
    let preds_of = |v: usize| match slot[v] {
        u32::MAX => &flat[..0],
        k => &flat[off[k as usize] as usize..off[k as usize + 1] as usize],
    };
    // Enumerate from the ends backwards, then reverse each path.
    let mut paths: Vec<Vec<TaskIndex>> = Vec::new();
    let ends: Vec<usize> = crit.iter().copied().filter(|&i| !has_succ[i]).collect();
    'outer: for &end in &ends {
        let mut stack: Vec<(usize, usize)> = vec![(end, 0)];
        let mut path: Vec<u32> = vec![end as u32];
        while let Some(&mut (v, ref mut k)) = stack.last_mut() {
            let ps = preds_of(v);
            if ps.is_empty() {
                let mut pth: Vec<TaskIndex> = path.iter().rev().map(|&x| TaskIndex(x)).collect();
                pth.shrink_to_fit();
                paths.push(pth);
                if paths.len() >= p.opts.max_critical_paths {
                    break 'outer;
                }
                stack.pop();
                path.pop();
                continue;
            }
            if *k < ps.len() {
                let q = ps[*k] as usize;
                *k += 1;
                stack.push((q, 0));
                path.push(q as u32);
            } else {
                stack.pop();
                path.pop();
            }
        }
    }
    paths.sort_by(|a, b| {
        let key = |x: &Vec<TaskIndex>| {
            x.iter()
                .map(|i| (pos[m.node_of[i.index()] as usize], i.index()))
                .collect::<Vec<_>>()
        };
        key(a).cmp(&key(b))
    });
    sched.critical_paths = paths;
}

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
    let (model, csr) = graph::compile(project)?;
    let order = graph::topo_order_csr(&model, &csr, project.tasks())?;
    schedule_compiled(project, &model, &csr, order, opts)
}

pub(crate) fn warnings_for(project: &Project, m: &Model<'_>) -> Vec<Warning> {
    let mut w = Vec::new();
    for (i, t) in project.tasks().iter().enumerate() {
        if m.kind[i] == Kind::Summary && !t.duration.is_zero() {
            w.push(Warning {
                item: Item::Task(t.id.clone()),
                message: format!(
                    "summary task: its own duration {} is ignored, its dates roll up from its subtasks",
                    t.duration.display(project.settings())
                ),
            });
        }
        if m.kind[i] == Kind::Summary && t.milestone {
            w.push(Warning {
                item: Item::Task(t.id.clone()),
                message: "summary task: the milestone flag is ignored".to_owned(),
            });
        }
    }
    w
}

fn schedule_compiled(
    project: &Project,
    model: &Model<'_>,
    csr: &Csr,
    order: Vec<u32>,
    opts: &ScheduleOptions,
) -> Result<Schedule> {
    let pass = Pass {
        m: model,
        net: csr,
        tasks: project.tasks(),
        opts,
    };
    let full = run_full(&pass, order)?;
    let n = project.len();
    let mut tasks = Vec::with_capacity(n);
    let mut driving_off = Vec::with_capacity(n + 1);
    let mut driving = Vec::new();
    let mut violations = Vec::new();
    driving_off.push(0u32);
    for i in 0..n {
        let floats = full.floats.as_ref().map(|f| f[i]);
        tasks.push(task_output(&pass, i, &full.times, &full.drivers, floats)?);
        let (a, b) = full.driving_span[model.in_node(i)];
        driving.extend_from_slice(&full.driving[a as usize..b as usize]);
        driving_off.push(driving.len() as u32);
        pass.violations(model.node_of[i] as usize, &full.times, &mut violations)?;
    }
    let mut s = Schedule {
        project_start: DateTime::from_minutes(full.ps).ok_or_else(|| {
            Error::invalid(
                Item::Project,
                "start",
                "the project start is outside the years 1000-9999",
            )
        })?,
        project_finish: DateTime::from_minutes(full.pf).ok_or_else(|| {
            Error::invalid(
                Item::Project,
                "finish",
                "the project finish is outside the years 1000-9999",
            )
        })?,
        tasks,
        critical_order: Vec::new(),
        critical_paths: Vec::new(),
        driving_off,
        driving,
        violations,
        warnings: warnings_for(project, model),
    };
    finish_schedule(&pass, &full.order, &full.drivers, &mut s);
    Ok(s)
}
