//! The per-node rules of the critical path method: the early dates of one node from its
//! predecessors (forward), its late dates from its successors (backward), its floats, the links
//! that drive it and the rules it breaks.
//!
//! [`Pass`] evaluates one node at a time over any adjacency ([`Net`]): the batch run walks a
//! compiled network in topological order, the incremental engine only the nodes an edit reaches.

use crate::calendar::WorkCalendar;
use crate::error::{Error, Item, Result};
use crate::id::{LinkIndex, TaskIndex};
use crate::model::{Constraint, Lag, Link, LinkType, Task};
use crate::time::DateTime;

use super::network::{
    self, Kind, Model, Net, F_ALAP, F_COMPLETE, F_ELAPSED, F_FINISHED, F_MILESTONE, F_PINNED,
    F_STARTED, HIER, SLOW_LAG,
};
use super::options::{FloatBasis, LagCalendar, OutOfSequence, ScheduleOptions};
use super::output::{Driver, Violation, ViolationKind};

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

    /// Moves the anchor to `t`, reusing its memory.
    pub(crate) fn set(&mut self, m: &Model<'_>, t: i64) {
        self.t = t;
        self.w.clear();
        self.w.extend(m.calendars.iter().map(|c| c.ord(t)));
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
    /// Per node: the duration to schedule with (the model's, or a run's replacement).
    pub dur: &'x [i64],
    /// Per node: the flags to schedule with (the model's; a replaced duration of zero makes a
    /// milestone).
    pub flags: &'x [u8],
    /// Per node: the earliest start a run imposes (a levelling delay), [`NO_DELAY`] for none;
    /// empty when no node has one.
    pub delay: &'x [i64],
}

/// "No delay" in [`Pass::delay`].
pub(crate) const NO_DELAY: i64 = i64::MIN;

impl<'x, 'a, N: Net> Pass<'x, 'a, N> {
    /// A pass over `m` with its own durations and flags and no delays.
    pub(crate) fn new(
        m: &'x Model<'a>,
        net: &'x N,
        tasks: &'x [Task],
        opts: &'x ScheduleOptions,
    ) -> Self {
        Pass {
            m,
            net,
            tasks,
            opts,
            dur: &m.dur,
            flags: &m.flags,
            delay: &[],
        }
    }

    /// The delay imposed on node `n` ([`NO_DELAY`] for none).
    #[inline]
    pub(crate) fn delay_of(&self, n: usize) -> i64 {
        let d = match self.delay.get(n) {
            Some(&d) => d,
            None => NO_DELAY,
        };
        match self.opts.status_date {
            Some(sd) => d.max(sd.minutes()),
            None => d,
        }
    }

    /// The working time leaf `n` spans: its duration plus the pauses of its splits (a task
    /// that a run makes a milestone or that runs in elapsed time has none).
    #[inline]
    fn leaf_span(&self, n: usize) -> i64 {
        let d = self.dur[n];
        if self.flags[n] & (F_ELAPSED | F_MILESTONE) != 0 {
            return d;
        }
        d + self.m.extra(n).map_or(0, |e| e.pause)
    }

    /// The span of started leaf `n` behind it and ahead of it: the work done and left by its
    /// progress, each with the split pauses that fall in it.
    fn done_and_left(&self, n: usize) -> (i64, i64) {
        let task = &self.tasks[self.m.task_of[n] as usize];
        let (mut done, mut left) = task.progress.split_minutes(self.dur[n]);
        if self.flags[n] & (F_ELAPSED | F_MILESTONE) == 0 {
            // A pause before the point the work has reached is behind it, the others ahead.
            let reached = done;
            for sp in &task.splits {
                if sp.after.minutes() < reached {
                    done += sp.pause.minutes();
                } else {
                    left += sp.pause.minutes();
                }
            }
        }
        (done, left)
    }

    /// What imposed [`Pass::delay_of`]: the status date when it is later than the run's
    /// delay, else the delay.
    fn delay_driver(&self, n: usize) -> Driver {
        let d = self.delay.get(n).copied().unwrap_or(NO_DELAY);
        match self.opts.status_date {
            Some(sd) if sd.minutes() > d => Driver::StatusDate,
            _ => Driver::Delay,
        }
    }

    /// Early dates of started, unfinished leaf `n` scheduled from status date `sd`: the work
    /// done runs from the actual start, the remaining work resumes at the later of the end of
    /// the work done and the status date, and, with retained logic, where the task's links
    /// allow (a start link bounds the resume, a finish link the finish).
    #[inline(never)]
    fn forward_started(
        &self,
        n: usize,
        s: i64,
        sd: i64,
        src: &impl Fn(usize) -> Ends,
    ) -> Result<Fwd> {
        let m = self.m;
        let cal = self.cal(n);
        let (done, left) = self.done_and_left(n);
        let retained = self.opts.out_of_sequence == OutOfSequence::RetainedLogic;
        if self.flags[n] & F_ELAPSED != 0 {
            let mut resume = (s + done).max(sd);
            let mut fb = i64::MIN;
            if retained {
                for e in self.net.preds(n) {
                    let p = e.node as usize;
                    let x = src(p);
                    if e.link == HIER {
                        resume = resume.max(x.s);
                        continue;
                    }
                    let l = &m.links[e.link as usize];
                    let b = self.lagged(if l.kind.from_start() { x.s } else { x.f }, l, p, n, 1)?;
                    if l.kind.to_finish() {
                        fb = fb.max(b);
                    } else {
                        resume = resume.max(b);
                    }
                }
            }
            let ef = (resume + left).max(fb);
            return Ok(Fwd {
                es: s,
                ef,
                wes: cal.ord(s),
                wef: cal.ord(ef),
                drv: Driver::Actual,
            });
        }
        let mut resume = (cal.ord(s) + done).max(cal.ord(sd));
        let mut wf = i64::MIN;
        if retained {
            let ci = m.cal[n];
            for e in self.net.preds(n) {
                let p = e.node as usize;
                let x = src(p);
                if e.link == HIER {
                    if x.s != i64::MIN {
                        resume = resume.max(if m.cal[p] == ci { x.ws } else { cal.ord(x.s) });
                    }
                    continue;
                }
                let b = self.bound_w_k(e.link, p, n, &x)?;
                if m.link_kind[e.link as usize].to_finish() {
                    wf = wf.max(b);
                } else {
                    resume = resume.max(b);
                }
            }
        }
        let w = (resume + left).max(wf);
        Ok(Fwd {
            es: s,
            ef: self.finish_of(n, w)?,
            wes: cal.ord(s),
            wef: w,
            drv: Driver::Actual,
        })
    }
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

/// The error for a work index `w` beyond the working time of `cal`, naming the instant where
/// that working time ends (or begins), not `w` itself: a work index is a count of working
/// minutes, not a date.
fn exhausted_work(cal: &WorkCalendar, item: Item, w: i64) -> Error {
    let (after, at) = cal.exhausted_at(w);
    exhausted(cal, item, after, at.unwrap_or(w))
}

impl<'x, 'a, N: Net> Pass<'x, 'a, N> {
    #[inline]
    fn cal(&self, n: usize) -> &WorkCalendar {
        &self.m.calendars[self.m.cal[n] as usize]
    }

    #[inline]
    pub(crate) fn start_of(&self, n: usize, w: i64) -> Result<i64> {
        let c = self.cal(n);
        c.start_of(w)
            .ok_or_else(|| exhausted_work(c, self.m.item(self.tasks, n), w))
    }

    #[inline]
    pub(crate) fn finish_of(&self, n: usize, w: i64) -> Result<i64> {
        let c = self.cal(n);
        c.finish_of(w)
            .ok_or_else(|| exhausted_work(c, self.m.item(self.tasks, n), w))
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
                network::percent_of(self.dur[pred], p),
                self.flags[pred] & F_ELAPSED != 0,
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
            && self.flags[succ] & F_ELAPSED == 0
            && (elapsed
                || self.flags[pred] & F_ELAPSED != 0
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
        let f = self.flags[n];
        let dur = self.leaf_span(n);
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
            let ex = ex.expect("task_extra is Some for a pinned or started task: task_flags and task_extra read the same Task");
            if let (Some(sd), Some(s), None) =
                (self.opts.status_date, ex.actual_start, ex.actual_finish)
            {
                if f & (F_COMPLETE | F_MILESTONE) == 0 {
                    return self.forward_started(n, s, sd.minutes(), src);
                }
            }
            let (s, fin, drv) = if f & F_STARTED != 0 {
                (
                    ex.actual_start.expect("F_STARTED is set from actual_start"),
                    ex.actual_finish,
                    Driver::Actual,
                )
            } else {
                let (s, fin) = ex
                    .pin
                    .expect("F_PINNED is set from the pin, and F_STARTED is not set here");
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
        let delay = self.delay_of(n);
        if delay != NO_DELAY {
            let dw = cal.ord(delay);
            if dw > w {
                w = dw;
                drv = self.delay_driver(n);
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
        let f = self.flags[n];
        let dur = self.dur[n];
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
        let delay = self.delay_of(n);
        if f & F_ELAPSED != 0 {
            let (mut es, mut drv) = (sb, sdrv);
            if fb != i64::MIN && (fb - dur).max(floor) > es {
                es = (fb - dur).max(floor);
                drv = fdrv;
            }
            if delay > es {
                es = delay;
                drv = self.delay_driver(n);
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
        if delay > x {
            // The delay drives the milestone only when it moves it: a bound in non-working time
            // (a start-no-earlier-than on a Saturday) already places it at the next working
            // instant, which may be the delay itself.
            if delay > self.milestone_at(n, x)? {
                drv = self.delay_driver(n);
            }
            x = delay;
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
        let f = self.flags[n];
        let dur = self.leaf_span(n);
        let ex = m.extra(n).copied();
        if f & F_FINISHED != 0 {
            let ex = ex.expect(
                "a finished task has an actual start (Project checks it), so task_extra is Some",
            );
            return Ok(with_w(
                ex.actual_start
                    .expect("Project rejects an actual finish without an actual start"),
                ex.actual_finish
                    .expect("F_FINISHED is set from actual_finish"),
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
            let s = ex
                .and_then(|e| e.actual_start)
                .expect("F_STARTED is set from actual_start, which makes task_extra Some");
            let unfinished = ex.is_some_and(|e| e.actual_finish.is_none());
            if self.opts.status_date.is_some() && unfinished && f & (F_COMPLETE | F_MILESTONE) == 0
            {
                // From a status date, the late start of a started task is that of its remaining
                // work (Primavera P6's remaining late start): what its predecessors must allow.
                let left = self.done_and_left(n).1;
                if f & F_ELAPSED != 0 {
                    return Ok(with_w(lf - left, lf));
                }
                return Ok(Bwd {
                    ls: self.start_of(n, wlf - left)?,
                    lf,
                    wls: wlf - left,
                    wlf,
                });
            }
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
        let pinned = self.flags[n] & F_PINNED != 0 && m.kind[n] == Kind::Leaf;
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
        if self.flags[n] & F_ELAPSED != 0 {
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
        if self.flags[p] & F_ALAP != 0 && self.m.fixed_finish.is_none() {
            Self::alap(&t[p])
        } else {
            t[p].early()
        }
    }

    /// Where an as-late-as-possible task sits: at its late dates, but never before its early
    /// dates (a deadline or a hard constraint further on can pull its late dates before what
    /// its predecessors allow; a deadline never moves a task, and the links hold it).
    #[inline]
    fn alap(x: &Times) -> Ends {
        if x.ls >= x.es {
            x.late()
        } else {
            x.early()
        }
    }

    /// Scheduled start and finish of task `i`.
    #[inline]
    pub(crate) fn scheduled(&self, i: usize, t: &[Times]) -> Ends {
        let n = self.m.node_of[i] as usize;
        if self.flags[n] & F_ALAP != 0 {
            if self.m.fixed_finish.is_none() {
                Self::alap(&t[n])
            } else {
                t[n].late()
            }
        } else {
            t[n].early()
        }
    }

    /// Total and free float of task `i` (minutes).
    pub(crate) fn floats(&self, i: usize, t: &[Times]) -> Result<(i64, i64)> {
        let tf = self.total_float(i, t);
        Ok((tf, self.free_float(i, t, tf)?))
    }

    /// Total float of task `i` (minutes).
    pub(crate) fn total_float(&self, i: usize, t: &[Times]) -> i64 {
        let m = self.m;
        let n = m.node_of[i] as usize;
        let f = self.flags[n];
        let x = &t[n];
        let simple = m.kind[n] == Kind::Leaf && f & F_ELAPSED == 0;
        if f & F_ALAP != 0 && m.fixed_finish.is_none() {
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
        }
    }

    /// Free float of task `i` (minutes), given its total float `tf`.
    pub(crate) fn free_float(&self, i: usize, t: &[Times], tf: i64) -> Result<i64> {
        let m = self.m;
        let n = m.node_of[i] as usize;
        let f = self.flags[n];
        let simple = m.kind[n] == Kind::Leaf && f & F_ELAPSED == 0;
        let me = self.scheduled(i, t);
        let mut ff = i64::MAX;
        for e in self.net.succs(n) {
            if e.link == HIER {
                continue;
            }
            let j = m.task_of[e.node as usize] as usize;
            let jn = m.node_of[j] as usize;
            if self.flags[jn] & F_FINISHED != 0 {
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
        Ok(ff.min(tf).max(0))
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
        let f = self.flags[n];
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
        let f = self.flags[n];
        let first = out.len();
        let dur = self.leaf_span(n);
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
    /// allows — their own links or links into a summary above them —, missed deadlines of
    /// tasks and summaries), appended to `out` in a fixed order.
    ///
    /// Never fails: a link whose lag needs more working time than its calendar has after the
    /// predecessor can be met by no start, so it is a violation with `required` at
    /// [`DateTime::MAX`]; a lead reaching back before the calendar's first working time is met
    /// by any start (the forward pass does not measure the links of a pinned task, and
    /// measures those of a working-time task in work indices, so this is the first place
    /// such a bound is computed as an instant; the engine reports schedules without
    /// re-running the pass).
    pub(crate) fn violations(&self, n: usize, t: &[Times], out: &mut Vec<Violation>) {
        let first = out.len();
        self.violations_unsorted(n, t, out);
        out[first..].sort_by_key(|v| (v.kind as u8, v.link));
    }

    /// The bound link `l` from `p` puts on `succ` (see [`Pass::lagged`]); when the lag runs
    /// past the calendar's last working time (`lagged` fails only when its calendar has no
    /// working minute there), `i64::MAX` for a lag (no start meets it) and `i64::MIN` for a
    /// lead (every start does).
    fn required(&self, t: i64, l: &Link, p: usize, succ: usize) -> i64 {
        self.lagged(t, l, p, succ, 1).unwrap_or_else(|_| {
            if self.lag_minutes(l, p).0 > 0 {
                i64::MAX
            } else {
                i64::MIN
            }
        })
    }

    fn violations_unsorted(&self, n: usize, t: &[Times], out: &mut Vec<Violation>) {
        let m = self.m;
        if !matches!(m.kind[n], Kind::Leaf | Kind::Summary) {
            return;
        }
        let f = self.flags[n];
        let ex = m.extra(n);
        let Some(ex) = ex else {
            return;
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
        if let (Kind::Summary, Constraint::FinishNoLaterThan(d), true) =
            (m.kind[n], c, self.opts.honor_constraints)
        {
            let fin = self.scheduled(task.index(), t).f;
            if fin > d.minutes() && f & F_COMPLETE == 0 {
                out.push(Violation {
                    kind: ViolationKind::ConstraintMissed,
                    task,
                    link: None,
                    required: d,
                    actual: DateTime::from_minutes(fin).unwrap_or(DateTime::MAX),
                });
            }
        }
        if m.kind[n] != Kind::Leaf || (f & F_PINNED == 0 && !(hard && self.opts.honor_constraints))
        {
            return;
        }
        let kind = if f & F_PINNED != 0 {
            ViolationKind::PinnedAgainstLink
        } else {
            ViolationKind::ConstraintAgainstLink
        };
        let x = &t[n];
        let elapsed = f & F_ELAPSED != 0;
        let cal = self.cal(n);
        let late = |b: i64, actual: i64| {
            if b == i64::MAX || b == i64::MIN {
                b == i64::MAX
            } else if elapsed {
                b > actual
            } else {
                cal.ord(b) > cal.ord(actual)
            }
        };
        let mut gate = None;
        for e in self.net.preds(n) {
            if e.link == HIER {
                gate = Some(e.node as usize);
                continue;
            }
            let p = e.node as usize;
            let l = &m.links[e.link as usize];
            let y = self.src(p, t);
            let b = self.required(if l.kind.from_start() { y.s } else { y.f }, l, p, n);
            let actual = if l.kind.to_finish() { x.ef } else { x.es };
            if late(b, actual) {
                out.push(Violation {
                    kind,
                    task,
                    link: Some(LinkIndex(e.link)),
                    required: DateTime::from_minutes(b).unwrap_or(DateTime::MAX),
                    actual: DateTime::from_minutes(actual).unwrap_or(DateTime::MIN),
                });
            }
        }
        // Links into the summaries above the task bind its start through their gates (a gate's
        // bound is the start its subtasks may not precede, whatever the link type): walk up the
        // gates, one per level, comparing on each summary's calendar as its links are.
        while let Some(g) = gate.take() {
            for e in self.net.preds(g) {
                if e.link == HIER {
                    gate = Some(e.node as usize);
                    continue;
                }
                let p = e.node as usize;
                let l = &m.links[e.link as usize];
                let y = self.src(p, t);
                let b = self.required(if l.kind.from_start() { y.s } else { y.f }, l, p, g);
                // Measured as the link is, on the summary's calendar.
                let gc = self.cal(g);
                if b == i64::MAX || (b != i64::MIN && gc.ord(b) > gc.ord(x.es)) {
                    out.push(Violation {
                        kind,
                        task,
                        link: Some(LinkIndex(e.link)),
                        required: DateTime::from_minutes(b).unwrap_or(DateTime::MAX),
                        actual: DateTime::from_minutes(x.es).unwrap_or(DateTime::MIN),
                    });
                }
            }
        }
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
