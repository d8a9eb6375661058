//! The batch run's fast path for *plain* nodes: leaf tasks in working time with no constraint,
//! deadline, pin, progress or delay, all of whose links are working-time lags between tasks on
//! one calendar. Their dates are integer arithmetic on work indices; everything else goes
//! through the general rules in [`Pass`].
//!
//! The rules here are [`Pass::forward`], [`Pass::backward`], [`Pass::total_float`] and
//! [`Pass::free_float`] with every branch that cannot apply to a plain node removed; a property
//! test runs every network both ways and requires identical results.

use crate::error::Result;
use crate::id::{LinkIndex, TaskIndex};
use crate::model::LinkType;

use super::network::{
    Csr, Kind, Model, Net, F_ALAP, F_ELAPSED, F_FINISHED, F_MILESTONE, F_PINNED, F_STARTED, HIER,
    NONE, SLOW_LAG,
};
use super::options::{FloatBasis, LagCalendar, ScheduleOptions};
use super::output::Driver;
use super::pass::{Anchor, Bwd, Fwd, Pass, Times, NO_DELAY};

/// Marks a summary-tree edge between nodes on one calendar in [`FastNet`]'s lag arrays.
const TREE: i32 = i32::MIN + 1;

/// Flags that make a node's rules more than plain arithmetic.
const NOT_PLAIN: u8 = F_MILESTONE | F_ELAPSED | F_ALAP | F_PINNED | F_STARTED | F_FINISHED;

/// Per edge and node facts, computed once when a network is compiled, that let the batch run
/// take the fast path.
#[derive(Debug, Default)]
pub(crate) struct FastNet {
    /// Per node, where its edges start in `pred_lag` and `succ_lag` (the CSR's offsets).
    pred_off: Vec<u32>,
    succ_off: Vec<u32>,
    /// Per predecessor edge (parallel to the CSR): the lag in working minutes when the edge
    /// needs no calendar arithmetic, [`TREE`] for a tree edge within one calendar, else
    /// [`SLOW_LAG`].
    pred_lag: Vec<i32>,
    /// The same per successor edge.
    succ_lag: Vec<i32>,
    /// Per successor edge: whether the successor task's scheduled node is on the same calendar
    /// too (free float can then be integer arithmetic).
    succ_same: Vec<bool>,
}

impl FastNet {
    pub(crate) fn build(m: &Model<'_>, csr: &Csr, opts: &ScheduleOptions) -> FastNet {
        let nodes = m.nodes();
        let on_succ = opts.lag_calendar == LagCalendar::Successor;
        // Most projects schedule every task on one calendar: then no edge needs a calendar
        // comparison.
        let one_cal = m.cal.iter().all(|&c| c == m.cal[0]);
        let lag_of = |link: u32| -> i32 {
            if link == HIER {
                TREE
            } else if on_succ {
                m.link_lag[link as usize]
            } else {
                SLOW_LAG
            }
        };
        let pred_lag: Vec<i32> = if one_cal {
            csr.preds.iter().map(|e| lag_of(e.link)).collect()
        } else {
            let mut v = Vec::with_capacity(csr.preds.len());
            for n in 0..nodes {
                for e in csr.preds(n) {
                    v.push(if m.cal[e.node as usize] == m.cal[n] {
                        lag_of(e.link)
                    } else {
                        SLOW_LAG
                    });
                }
            }
            v
        };
        let (succ_lag, succ_same): (Vec<i32>, Vec<bool>) = if one_cal {
            (
                csr.succs.iter().map(|e| lag_of(e.link)).collect(),
                vec![true; csr.succs.len()],
            )
        } else {
            let mut l = Vec::with_capacity(csr.succs.len());
            let mut s = Vec::with_capacity(csr.succs.len());
            for n in 0..nodes {
                for e in csr.succs(n) {
                    let to = e.node as usize;
                    l.push(if m.cal[to] == m.cal[n] {
                        lag_of(e.link)
                    } else {
                        SLOW_LAG
                    });
                    let j = m.node_of[m.task_of[to] as usize] as usize;
                    s.push(m.cal[j] == m.cal[n]);
                }
            }
            (l, s)
        };
        FastNet {
            pred_off: csr.pred_off.clone(),
            succ_off: csr.succ_off.clone(),
            pred_lag,
            succ_lag,
            succ_same,
        }
    }

    /// Early dates of node `n` if it is plain in this run (else `None`: use the general rule).
    /// Appends the links that drive it to `drivers` when given, as [`Pass::forward_with`] does.
    #[inline]
    pub(crate) fn forward<N: Net>(
        &self,
        p: &Pass<'_, '_, N>,
        n: usize,
        ps: &Anchor,
        t: &[Times],
        drivers: Option<&mut Vec<LinkIndex>>,
    ) -> Option<Result<Fwd>> {
        let m = p.m;
        if m.kind[n] != Kind::Leaf
            || m.extra[n] != NONE
            || p.flags[n] & NOT_PLAIN != 0
            || p.delay_of(n) != NO_DELAY
        {
            return None;
        }
        self.forward_plain(p, n, ps, t, drivers)
    }

    #[inline(always)]
    fn forward_plain<N: Net>(
        &self,
        p: &Pass<'_, '_, N>,
        n: usize,
        ps: &Anchor,
        t: &[Times],
        mut drivers: Option<&mut Vec<LinkIndex>>,
    ) -> Option<Result<Fwd>> {
        let m = p.m;
        let dur = p.dur[n];
        let wps = ps.w[m.cal[n] as usize];
        let preds = p.net.preds(n);
        let a = self.pred_off[n] as usize;
        let b = a + preds.len();
        let (mut ws, mut sdrv, mut skey) = (i64::MIN, Driver::ProjectStart, u32::MAX);
        let (mut wf, mut fdrv, mut fkey) = (i64::MIN, Driver::ProjectStart, u32::MAX);
        let first = drivers.as_ref().map_or(0, |o| o.len());
        let mut best = i64::MIN;
        for (e, &lag) in preds.iter().zip(&self.pred_lag[a..b]) {
            let x = &t[e.node as usize];
            if lag == SLOW_LAG {
                // This edge needs calendar arithmetic: the general rule takes the node.
                if let Some(out) = drivers {
                    out.truncate(first);
                }
                return None;
            }
            if lag == TREE {
                let g = x.wes;
                if g > ws || (g == ws && skey == u32::MAX) {
                    ws = g;
                    sdrv = Driver::Summary(TaskIndex(m.task_of[e.node as usize]));
                    skey = u32::MAX - 1;
                }
                continue;
            }
            let kind = m.link_kind[e.link as usize];
            let bound = if kind.from_start() { x.wes } else { x.wef } + lag as i64;
            let to_finish = kind.to_finish();
            if let Some(out) = drivers.as_deref_mut() {
                let implied = if to_finish { bound - dur } else { bound };
                if implied > best {
                    best = implied;
                    out.truncate(first);
                    out.push(LinkIndex(e.link));
                } else if implied == best {
                    out.push(LinkIndex(e.link));
                }
            }
            if to_finish {
                if bound > wf || (bound == wf && e.link < fkey) {
                    wf = bound;
                    fdrv = Driver::Link(LinkIndex(e.link));
                    fkey = e.link;
                }
            } else if bound > ws || (bound == ws && e.link < skey) {
                ws = bound;
                sdrv = Driver::Link(LinkIndex(e.link));
                skey = e.link;
            }
        }
        let no_preds = ws == i64::MIN && wf == i64::MIN;
        if no_preds {
            ws = wps;
        } else if ws < wps {
            ws = wps;
            sdrv = Driver::ProjectStart;
        }
        let (mut w, mut drv) = (ws, sdrv);
        if wf != i64::MIN {
            let x = (wf - dur).max(wps);
            if x > w {
                w = x;
                drv = fdrv;
            }
        }
        // A finish at the bound of a start-to-finish link without lag keeps the predecessor's
        // start instant (see `Pass::forward_leaf`).
        let sf_instant = matches!(fdrv, Driver::Link(k)
        if w + dur == wf && {
            let l = &m.links[k.index()];
            l.kind == LinkType::StartToFinish && l.lag.is_zero()
        });
        let c = &m.calendars[m.cal[n] as usize];
        // Calendar lookups; when one fails, the general rule builds the error.
        let es = match c.start_of(w).map_or_else(|| p.start_of(n, w), Ok) {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let ef = if sf_instant {
            c.start_of(w + dur)
                .map_or_else(|| p.start_of(n, w + dur), Ok)
        } else {
            c.start_of(w + dur - 1)
                .map_or_else(|| p.finish_of(n, w + dur), |x| Ok(x + 1))
        };
        let ef = match ef {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let r = Fwd {
            es,
            ef,
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
        Some(Ok(r))
    }

    /// Late dates of node `n` if it is plain in this run (else `None`), in a run with no task
    /// as late as possible and not scheduled from the finish.
    #[inline]
    pub(crate) fn backward<N: Net>(
        &self,
        p: &Pass<'_, '_, N>,
        n: usize,
        pf: &Anchor,
        t: &[Times],
    ) -> Option<Result<Bwd>> {
        let m = p.m;
        if m.kind[n] != Kind::Leaf || m.extra[n] != NONE || p.flags[n] & NOT_PLAIN != 0 {
            return None;
        }
        self.backward_plain(p, n, pf, t)
    }

    #[inline(always)]
    fn backward_plain<N: Net>(
        &self,
        p: &Pass<'_, '_, N>,
        n: usize,
        pf: &Anchor,
        t: &[Times],
    ) -> Option<Result<Bwd>> {
        let m = p.m;
        let dur = p.dur[n];
        let (mut wfb, mut wsb) = (pf.w[m.cal[n] as usize], i64::MAX);
        let succs = p.net.succs(n);
        let a = self.succ_off[n] as usize;
        let b = a + succs.len();
        let me = &t[n];
        for (e, &lag) in succs.iter().zip(&self.succ_lag[a..b]) {
            let x = &t[e.node as usize];
            if lag == SLOW_LAG {
                return None;
            }
            if lag == TREE {
                wfb = wfb.min(x.wlf);
                if x.ls != i64::MAX && me.es == x.es {
                    wsb = wsb.min(x.wls);
                }
                continue;
            }
            let kind = m.link_kind[e.link as usize];
            let bound = if kind.to_finish() { x.wlf } else { x.wls } - lag as i64;
            if kind.from_start() {
                wsb = wsb.min(bound);
            } else {
                wfb = wfb.min(bound);
            }
        }
        let mut w = wfb;
        if wsb != i64::MAX {
            w = w.min(wsb + dur);
        }
        let c = &m.calendars[m.cal[n] as usize];
        let ls = c
            .start_of(w - dur)
            .map_or_else(|| p.start_of(n, w - dur), Ok);
        let lf = c
            .start_of(w - 1)
            .map_or_else(|| p.finish_of(n, w), |x| Ok(x + 1));
        let (mut ls, mut lf) = match (ls, lf) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => return Some(Err(e)),
        };
        // A late date never reads earlier than an early date that is the same working minute.
        if lf < me.ef && w == me.wef {
            lf = me.ef;
        }
        if ls < me.es && w - dur == me.wes {
            ls = me.es;
        }
        Some(Ok(Bwd {
            ls,
            lf,
            wls: w - dur,
            wlf: w,
        }))
    }

    /// Total and free float of plain task `i` (its node `n`), in a run with no task as late as
    /// possible and not scheduled from the finish; `None` when a successor needs the general
    /// rule. `both` asks for free float too (else it is 0).
    #[inline]
    pub(crate) fn floats<N: Net>(
        &self,
        p: &Pass<'_, '_, N>,
        n: usize,
        t: &[Times],
        both: bool,
    ) -> Option<(i64, i64)> {
        let m = p.m;
        if m.kind[n] != Kind::Leaf || m.extra[n] != NONE || p.flags[n] & NOT_PLAIN != 0 {
            return None;
        }
        let x = &t[n];
        let (ss, fs) = (x.wls - x.wes, x.wlf - x.wef);
        let tf = match p.opts.float_basis {
            FloatBasis::Smaller => ss.min(fs),
            FloatBasis::Start => ss,
            FloatBasis::Finish => fs,
        };
        let succs = p.net.succs(n);
        let a = self.succ_off[n] as usize;
        let b = a + succs.len();
        let mut ff = i64::MAX;
        for ((e, &lag), &same) in succs
            .iter()
            .zip(&self.succ_lag[a..b])
            .zip(&self.succ_same[a..b])
        {
            if lag == SLOW_LAG {
                return None;
            }
            if lag == TREE || !both {
                continue;
            }
            let j = m.task_of[e.node as usize] as usize;
            let jn = m.node_of[j] as usize;
            if p.flags[jn] & F_FINISHED != 0 {
                continue;
            }
            if !same {
                return None;
            }
            let them = &t[jn];
            let kind = m.link_kind[e.link as usize];
            let bound = if kind.from_start() { x.wes } else { x.wef } + lag as i64;
            ff = ff.min(if kind.to_finish() { them.wef } else { them.wes } - bound);
        }
        if !both {
            return Some((tf, 0));
        }
        if ff == i64::MAX {
            ff = tf;
        }
        Some((tf, ff.min(tf).max(0)))
    }
}
