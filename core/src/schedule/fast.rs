//! The batch run's fast path for *plain* nodes: leaf tasks in working time with no constraint,
//! deadline, pin, progress or delay, all of whose links are working-time lags between tasks on
//! one calendar. Their dates are integer arithmetic on work indices; everything else goes
//! through the general rules in [`Pass`].
//!
//! The rules here are [`Pass::forward`], [`Pass::backward`], [`Pass::total_float`] and
//! [`Pass::free_float`] with every branch that cannot apply to a plain node removed; a property
//! test runs every network both ways and requires identical results.
//!
//! Which nodes are plain is decided once, when the network is compiled (a bit per node and
//! pass), except for what a run may change: a replaced duration of zero makes a milestone, and
//! a delay takes the general rule.

use crate::error::Result;
use crate::id::{LinkIndex, TaskIndex};
use crate::model::{LinkType, Task};

use super::network::{
    Csr, Edge, Kind, Model, Net, F_ALAP, F_ELAPSED, F_FINISHED, F_MILESTONE, F_PINNED, F_STARTED,
    HIER, NONE, SLOW_LAG,
};
use super::options::{FloatBasis, LagCalendar, ScheduleOptions};
use super::output::Driver;
use super::pass::{Anchor, Pass, Times, NO_DELAY};
use super::run::Sink;

/// Flags that make a node's rules more than plain arithmetic.
const NOT_PLAIN: u8 = F_MILESTONE | F_ELAPSED | F_ALAP | F_PINNED | F_STARTED | F_FINISHED;

/// Per node in [`FastNet::node`]: its early dates may take the fast path (every predecessor
/// edge is integer arithmetic).
const FWD: u8 = 1;
/// Its late dates may (every successor edge is).
const BWD: u8 = 2;
/// Its total and free float may too (every link to a successor goes to a leaf task on the same
/// calendar that has not finished).
const FLOATS: u8 = 4;

/// A network's fast-path facts with the adjacency they describe.
#[derive(Clone, Copy)]
pub(crate) struct Fast<'f> {
    pub facts: &'f FastNet,
    /// The network the run's [`Pass`] walks.
    pub csr: &'f Csr,
}

/// Per node facts, computed once when a network is compiled, that let the batch run take the
/// fast path. A node's edges are read from the network itself (a tree edge by its [`HIER`]
/// marker), their lags and types from copies of [`Model::link_lag`] and [`Model::link_kind`]
/// laid out beside the network's rows ([`FastNet::lay_out`]), so that a pass reads them in
/// order rather than by link index.
#[derive(Debug, Default)]
pub(crate) struct FastNet {
    /// Per node: [`FWD`], [`BWD`] and [`FLOATS`], for a node whose own inputs are plain.
    node: Vec<u8>,
    /// Per entry of [`Csr::preds`]: the lag and type of its link (0 and finish-to-start for a
    /// tree edge).
    pred_lag: Vec<i32>,
    pred_kind: Vec<LinkType>,
    /// The same per entry of [`Csr::succs`].
    succ_lag: Vec<i32>,
    succ_kind: Vec<LinkType>,
    /// Whether every edge runs from a lower to a higher node number (node order is then a
    /// topological order).
    pub(crate) ordered: bool,
}

impl FastNet {
    /// The fast-path facts of compiled network `m` of `tasks`, scheduled with `opts`;
    /// `ordered` when every edge runs from a lower to a higher node number.
    pub(crate) fn build(
        m: &Model<'_>,
        tasks: &[Task],
        opts: &ScheduleOptions,
        ordered: bool,
    ) -> FastNet {
        /// Per node: an edge into it needs the general rule.
        const SLOW_IN: u8 = 1;
        /// An edge out of it does.
        const SLOW_OUT: u8 = 2;
        /// A link out of it goes to a summary or to a finished task.
        const NO_FLOATS: u8 = 4;
        let mut acc = vec![0u8; m.nodes()];
        let on_succ = opts.lag_calendar == LagCalendar::Successor;
        // Most projects have one calendar, no summaries and no finished tasks: then only the
        // lags need a look.
        let one_cal = m.cal.iter().all(|&c| c == m.project_cal);
        let plain_succs =
            !m.kind.contains(&Kind::Summary) && m.flags.iter().all(|&f| f & F_FINISHED == 0);
        let ends = |k: usize| {
            let l = &m.links[k];
            (l.from.index(), m.in_node(l.to.index()))
        };
        let slow = |acc: &mut [u8], (from, to): (usize, usize)| {
            acc[to] |= SLOW_IN;
            acc[from] |= SLOW_OUT;
        };
        if on_succ && one_cal {
            for (k, _) in (m.link_lag.iter().enumerate()).filter(|&(_, &lag)| lag == SLOW_LAG) {
                slow(&mut acc, ends(k));
            }
        } else {
            for (k, &lag) in m.link_lag.iter().enumerate() {
                let (from, to) = ends(k);
                if lag == SLOW_LAG || !on_succ || m.cal[from] != m.cal[to] {
                    slow(&mut acc, (from, to));
                }
            }
        }
        if !plain_succs {
            for k in 0..m.links.len() {
                let (from, to) = ends(k);
                if m.kind[to] != Kind::Leaf || m.flags[to] & F_FINISHED != 0 {
                    acc[from] |= NO_FLOATS;
                }
            }
        }
        if !one_cal {
            for (i, t) in tasks.iter().enumerate() {
                if let Some(p) = t.parent {
                    // The tree edges gate(p) → child and child → p, on p's and the child's
                    // calendars.
                    if m.cal[p.index()] != m.cal[i] {
                        slow(&mut acc, (m.in_node(p.index()), m.in_node(i)));
                        slow(&mut acc, (i, p.index()));
                    }
                }
            }
        }
        let node = (m.kind.iter().zip(&m.extra).zip(&m.flags).zip(&acc))
            .map(|(((&kind, &extra), &flags), &acc)| {
                // A run can make a task a milestone or give it back a duration; the rest is
                // fixed.
                let own =
                    kind == Kind::Leaf && extra == NONE && flags & (NOT_PLAIN & !F_MILESTONE) == 0;
                if !own {
                    0
                } else {
                    let fwd = if acc & SLOW_IN == 0 { FWD } else { 0 };
                    let bwd = if acc & SLOW_OUT == 0 { BWD } else { 0 };
                    let floats = if acc & (SLOW_OUT | NO_FLOATS) == 0 {
                        FLOATS
                    } else {
                        0
                    };
                    fwd | bwd | floats
                }
            })
            .collect();
        FastNet {
            node,
            ordered,
            ..FastNet::default()
        }
    }

    /// Copies the lag and type of every edge of `csr` (the network of `m`, as the runs will
    /// walk it) beside its entry.
    pub(crate) fn lay_out(&mut self, m: &Model<'_>, csr: &Csr) {
        let copy = |edges: &[Edge], lag: &mut Vec<i32>, kind: &mut Vec<LinkType>| {
            lag.clear();
            kind.clear();
            for e in edges {
                let (l, k) = if e.link == HIER {
                    (0, LinkType::FinishToStart)
                } else {
                    (m.link_lag[e.link as usize], m.link_kind[e.link as usize])
                };
                lag.push(l);
                kind.push(k);
            }
        };
        copy(&csr.preds, &mut self.pred_lag, &mut self.pred_kind);
        copy(&csr.succs, &mut self.succ_lag, &mut self.succ_kind);
    }

    /// Whether every node's early and late dates and total float may take the fast path (the
    /// condition of the Monte Carlo [`Kernel`](super::kernel::Kernel)).
    pub(crate) fn all_plain(&self) -> bool {
        self.node.iter().all(|&b| b == FWD | BWD | FLOATS)
    }

    /// Follows [`network::relabel`](super::network::relabel): node `k` becomes old node
    /// `order[k]`, and node order is then topological.
    pub(crate) fn relabel(&mut self, order: &[u32]) {
        self.node = order.iter().map(|&o| self.node[o as usize]).collect();
        self.ordered = true;
    }
}

/// The edge of a leaf's summary (its gate before it, its summary after it), which the network
/// lists after the leaf's links; and the links.
#[inline(always)]
fn split_tree(edges: &[Edge]) -> (&[Edge], Option<usize>) {
    match edges.split_last() {
        Some((e, links)) if e.link == HIER => {
            debug_assert!(links.iter().all(|e| e.link != HIER));
            (links, Some(e.node as usize))
        }
        _ => (edges, None),
    }
}

impl Fast<'_> {
    /// The forward pass of a run with no task as late as possible and not scheduled from the
    /// finish: early dates, drivers and, with `sink`, driving links of every node in `order`,
    /// plain nodes by [`Fast::forward`], the others by [`Pass::forward_with`].
    #[inline(never)]
    pub(crate) fn forward_all<N: Net>(
        self,
        p: &Pass<'_, '_, N>,
        order: &[u32],
        ps: &Anchor,
        times: &mut [Times],
        drivers: &mut [Driver],
        mut sink: Option<&mut Sink<'_>>,
    ) -> Result<()> {
        let bits = &self.facts.node[..];
        for &n in order {
            let n = n as usize;
            let first = sink.as_ref().map_or(0, |s| s.links.len());
            let plain =
                bits[n] & FWD != 0 && p.flags[n] & F_MILESTONE == 0 && p.delay_of(n) == NO_DELAY;
            let out = sink.as_deref_mut().map(|s| &mut *s.links);
            if !(plain && self.forward(p, n, ps, times, drivers, out)) {
                let out = sink.as_deref_mut().map(|s| &mut *s.links);
                let r = p.forward_with(n, ps, &|q| times[q].early(), out)?;
                let x = &mut times[n];
                (x.es, x.ef, x.wes, x.wef) = (r.es, r.ef, r.wes, r.wef);
                drivers[n] = r.drv;
            }
            if let Some(s) = sink.as_deref_mut() {
                s.span[n] = (first as u32, s.links.len() as u32);
            }
        }
        Ok(())
    }

    /// Early dates and driver of plain node `n` into `t[n]` and `drivers[n]`
    /// ([`Pass::forward_leaf`] without the branches that cannot apply), appending the links
    /// that drive it to `out` when given, in link order. False (and nothing written) when a
    /// calendar runs out: the general rule then reports it.
    #[inline(always)]
    fn forward<N: Net>(
        self,
        p: &Pass<'_, '_, N>,
        n: usize,
        ps: &Anchor,
        t: &mut [Times],
        drivers: &mut [Driver],
        mut out: Option<&mut Vec<LinkIndex>>,
    ) -> bool {
        let m = p.m;
        let dur = p.dur[n];
        let ci = m.cal[n] as usize;
        let wps = ps.w[ci];
        let (a, b) = (
            self.csr.pred_off[n] as usize,
            self.csr.pred_off[n + 1] as usize,
        );
        let (preds, gate) = split_tree(&self.csr.preds[a..b]);
        let (lags, kinds) = (
            &self.facts.pred_lag[a..a + preds.len()],
            &self.facts.pred_kind[a..a + preds.len()],
        );
        // What the `k`-th link `e` requires of this task's start (or, for a finish link, its
        // finish).
        let bound = |t: &[Times], k: usize, e: &Edge| {
            let x = &t[e.node as usize];
            let (lag, kind) = (lags[k], kinds[k]);
            debug_assert!(lag != SLOW_LAG);
            (
                if kind.from_start() { x.wes } else { x.wef } + lag as i64,
                kind.to_finish(),
            )
        };
        // The latest start and finish bounds, and the latest start any link implies (a finish
        // link implies its bound less the duration): the first edge implying it (the smallest
        // link index: the edges are in link order) and how many do.
        let (mut ws, mut wf) = (i64::MIN, i64::MIN);
        let (mut best, mut bpos, mut ties) = (i64::MIN, 0, 0u32);
        for (k, e) in preds.iter().enumerate() {
            let (v, to_finish) = bound(t, k, e);
            let implied = if to_finish {
                wf = wf.max(v);
                v - dur
            } else {
                ws = ws.max(v);
                v
            };
            if implied > best {
                (best, bpos, ties) = (implied, k, 1);
            } else if implied == best {
                ties += 1;
            }
        }
        // The summary's gate binds the start too; ties with a link go to the link.
        let tree = gate.filter(|&g| t[g].wes > ws || ws == i64::MIN);
        if let Some(g) = tree {
            ws = t[g].wes;
        }
        // Microsoft Project: a task without predecessors starts at the project start; with
        // predecessors, where they allow but not before the project start. The start side wins
        // ties with the finish side.
        let (mut w, mut by_link) = if ws == i64::MIN && wf == i64::MIN || ws < wps {
            (wps, false)
        } else {
            (ws, tree.is_none())
        };
        if wf != i64::MIN && (wf - dur).max(wps) > w {
            (w, by_link) = (wf - dur, true);
        }
        // The links implying the start (when any does, the latest implied is the start): the
        // driving links, and the first of the side that sets the start drives the task.
        let first = out.as_ref().map_or(0, |o| o.len());
        let (mut driver, mut fmin) = (u32::MAX, u32::MAX);
        if best == w {
            if ties == 1 {
                let e = &preds[bpos];
                (driver, fmin) = (e.link, e.link);
                if let Some(out) = out.as_deref_mut() {
                    out.push(LinkIndex(e.link));
                }
            } else {
                let mut smin = u32::MAX;
                for (k, e) in preds.iter().enumerate() {
                    let (v, to_finish) = bound(t, k, e);
                    if (if to_finish { v - dur } else { v }) == w {
                        if let Some(out) = out.as_deref_mut() {
                            out.push(LinkIndex(e.link));
                        }
                        if to_finish {
                            fmin = fmin.min(e.link);
                        } else {
                            smin = smin.min(e.link);
                        }
                    }
                }
                // The start side sets the start unless the finish side is later.
                driver = if w == ws { smin } else { fmin };
            }
        }
        let drv = if by_link {
            Driver::Link(LinkIndex(driver))
        } else if let Some(g) = tree.filter(|_| w == ws || ws == i64::MIN && wf == i64::MIN) {
            Driver::Summary(TaskIndex(m.task_of[g]))
        } else {
            Driver::ProjectStart
        };
        // A finish at the bound of a start-to-finish link without lag keeps the predecessor's
        // start instant (see `Pass::forward_leaf`).
        let sf_instant = wf != i64::MIN && w + dur == wf && {
            let l = &m.links[fmin as usize];
            l.kind == LinkType::StartToFinish && l.lag.is_zero()
        };
        let c = &m.calendars[ci];
        let ends = if sf_instant {
            c.start_of(w).zip(c.start_of(w + dur))
        } else {
            c.start_finish(w, dur)
        };
        let Some((es, ef)) = ends else {
            if let Some(out) = out {
                out.truncate(first);
            }
            return false;
        };
        let x = &mut t[n];
        (x.es, x.ef, x.wes, x.wef) = (es, ef, w, w + dur);
        drivers[n] = drv;
        true
    }

    /// The backward pass of a run with no task as late as possible and not scheduled from the
    /// finish: late dates of every node in `order` (in reverse) and, with `floats`, the total
    /// and free float of every leaf task (`Some(true)`: free float as well, else 0) while its
    /// successors' dates are in cache. Plain nodes by [`Fast::backward`], the others by the
    /// general rules.
    #[inline(never)]
    pub(crate) fn backward_all<N: Net>(
        self,
        p: &Pass<'_, '_, N>,
        order: &[u32],
        pf: &Anchor,
        times: &mut [Times],
        mut floats: Option<(&mut [(i64, i64)], bool)>,
    ) -> Result<()> {
        let m = p.m;
        let bits = &self.facts.node[..];
        let want = floats.as_ref().map(|(_, both)| *both);
        for &n in order.iter().rev() {
            let n = n as usize;
            let plain = bits[n] & BWD != 0 && p.flags[n] & F_MILESTONE == 0;
            let fl = match plain
                .then(|| self.backward(p, n, pf, times, want))
                .flatten()
            {
                Some(r) => r,
                None => {
                    let b = p.backward(n, pf, times, times)?;
                    let x = &mut times[n];
                    (x.ls, x.lf, x.wls, x.wlf) = (b.ls, b.lf, b.wls, b.wlf);
                    None
                }
            };
            if let Some((out, both)) = floats.as_mut() {
                if m.kind[n] == Kind::Leaf {
                    let i = m.task_of[n] as usize;
                    out[n] = match fl {
                        Some(x) => x,
                        None => {
                            let tf = p.total_float(i, times);
                            let ff = if *both {
                                p.free_float(i, times, tf)?
                            } else {
                                0
                            };
                            (tf, ff)
                        }
                    };
                }
            }
        }
        Ok(())
    }

    /// Late dates of plain node `n` ([`Pass::backward`] without the branches that cannot
    /// apply), written to `t[n]`, and with `floats` its total and free float when those are
    /// plain too; `None` (and nothing written) when a calendar runs out.
    #[inline(always)]
    #[allow(clippy::option_option)]
    fn backward<N: Net>(
        self,
        p: &Pass<'_, '_, N>,
        n: usize,
        pf: &Anchor,
        t: &mut [Times],
        floats: Option<bool>,
    ) -> Option<Option<(i64, i64)>> {
        let m = p.m;
        let dur = p.dur[n];
        let ci = m.cal[n] as usize;
        let (mut wfb, mut wsb) = (pf.w[ci], i64::MAX);
        // For free float, per side of this task the links leave from: the earliest early date
        // a successor has, less the link's lag.
        let (mut ffs, mut fff) = (i64::MAX, i64::MAX);
        let (a, b) = (
            self.csr.succ_off[n] as usize,
            self.csr.succ_off[n + 1] as usize,
        );
        let (succs, summary) = split_tree(&self.csr.succs[a..b]);
        let (lags, kinds) = (
            &self.facts.succ_lag[a..a + succs.len()],
            &self.facts.succ_kind[a..a + succs.len()],
        );
        let me = t[n];
        for ((e, &lag), &kind) in succs.iter().zip(lags).zip(kinds) {
            let x = &t[e.node as usize];
            debug_assert!(lag != SLOW_LAG);
            let lag = lag as i64;
            let (late, early) = if kind.to_finish() {
                (x.wlf, x.wef)
            } else {
                (x.wls, x.wes)
            };
            if kind.from_start() {
                wsb = wsb.min(late - lag);
                ffs = ffs.min(early - lag);
            } else {
                wfb = wfb.min(late - lag);
                fff = fff.min(early - lag);
            }
        }
        if let Some(s) = summary {
            // A finish link out of the summary binds every subtask, a start link only the one
            // that sets the summary's start.
            let x = &t[s];
            wfb = wfb.min(x.wlf);
            if x.ls != i64::MAX && me.es == x.es {
                wsb = wsb.min(x.wls);
            }
        }
        let mut w = wfb;
        if wsb != i64::MAX {
            w = w.min(wsb + dur);
        }
        let (wls, wlf) = (w - dur, w);
        let (mut ls, mut lf) = m.calendars[ci].start_finish(wls, dur)?;
        // A late date never reads earlier than an early date that is the same working minute.
        if lf < me.ef && wlf == me.wef {
            lf = me.ef;
        }
        if ls < me.es && wls == me.wes {
            ls = me.es;
        }
        let x = &mut t[n];
        (x.ls, x.lf, x.wls, x.wlf) = (ls, lf, wls, wlf);
        Some(match floats {
            Some(both) if self.facts.node[n] & FLOATS != 0 => {
                let (ss, fs) = (wls - me.wes, wlf - me.wef);
                let tf = match p.opts.float_basis {
                    FloatBasis::Smaller => ss.min(fs),
                    FloatBasis::Start => ss,
                    FloatBasis::Finish => fs,
                };
                if both {
                    let gap = |b: i64, from: i64| if b == i64::MAX { b } else { b - from };
                    let ff = gap(ffs, me.wes).min(gap(fff, me.wef));
                    // Without successors, free float is total float; never negative, never
                    // more than total float.
                    let ff = if ff == i64::MAX { tf } else { ff };
                    Some((tf, ff.min(tf).max(0)))
                } else {
                    Some((tf, 0))
                }
            }
            _ => None,
        })
    }
}
