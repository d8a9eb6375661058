//! The Monte Carlo kernel: the forward and backward passes of a network whose every node is
//! plain (see [`fast`](super::fast)), on the working-minute axis only, over arrays laid out
//! for one purpose: re-running the network many times with other durations, [`LANES`]
//! iterations side by side.
//!
//! On such a network a task's early start is the largest of the project start and its links'
//! bounds, its late finish the smallest of the project finish and its links' bounds, all in
//! working minutes of the one calendar, and its total float is late start less early start
//! (start and finish float are equal: both ends move by the same duration). That is what
//! [`Fast::forward`](super::fast) and [`Fast::backward`](super::fast) compute on work indices,
//! without the dates, drivers and free float a Monte Carlo iteration does not read. The
//! project finish is the finish form of the largest early finish, so the working time from the
//! project start to it is that index less the start's. A property test in `risk` runs random
//! plain networks both ways and requires identical reports.
//!
//! The kernel applies only when every iteration's durations are positive (a duration of zero
//! makes a milestone, which has rules of its own): the caller checks each iteration and takes
//! the general path for one that has a zero.

use super::network::{Kind, F_COMPLETE, F_ELAPSED, SLOW_LAG};
use super::options::Criticality;
use super::run::Network;

/// Iterations the kernel's passes run side by side ([`Kernel::finish_lanes`]).
pub(crate) const LANES: usize = 4;

/// One edge of the kernel: the slot of the value it reads (`2·node` for a start, `2·node + 1`
/// for a finish), the lag to add (forward) or subtract (backward), and a mask of all ones when
/// the node's duration takes part (forward: the link binds the node's finish, so its start is
/// the bound less the duration; backward: the link leaves from the node's start, so its finish
/// is the bound plus the duration), else zero.
#[derive(Debug, Clone, Copy)]
struct KEdge {
    slot: u32,
    lag: i32,
    mask: i64,
}

/// A plain network compiled for repeated runs on the working-minute axis.
#[derive(Debug, Clone)]
pub(crate) struct Kernel {
    /// Per node (a topological order), its task.
    pub task_of: Vec<u32>,
    /// Per node `k`, its predecessor edges `fwd[off[k]..off[k+1]]`.
    fwd_off: Vec<u32>,
    fwd: Vec<KEdge>,
    /// Per node `k`, its successor edges `bwd[off[k]..off[k+1]]`.
    bwd_off: Vec<u32>,
    bwd: Vec<KEdge>,
    /// The project start's work index on the project calendar.
    pub wps: i64,
    /// Critical at a total float of at most this many minutes (`None`: criticality by the
    /// longest path, which a run without the full schedule never reports).
    pub threshold: Option<i64>,
}

impl Kernel {
    /// The kernel of `net`, when every node of it is plain: leaf tasks in working time on the
    /// project calendar, no constraint, deadline, pin, progress, summary, elapsed or
    /// percentage lag; not scheduled from the finish.
    pub(crate) fn compile(net: &Network<'_>) -> Option<Kernel> {
        let m = &net.model;
        let nodes = m.nodes();
        if nodes == 0
            || m.fixed_finish.is_some()
            || m.has_alap
            || !net.fast.all_plain()
            || m.kind.iter().any(|&k| k != Kind::Leaf)
            || m.cal.iter().any(|&c| c != m.project_cal)
            || m.flags.iter().any(|&f| f & (F_ELAPSED | F_COMPLETE) != 0)
        {
            return None;
        }
        // A finish driven by a start-to-finish link without lag keeps the predecessor's start
        // instant (`Fast::forward`): the same work index, another date. It never sets the
        // project finish: the predecessor finishes later (its duration is positive).
        if m.link_lag.contains(&SLOW_LAG) {
            return None;
        }
        let csr = &net.csr;
        let edge = |e: &super::network::Edge, slot: u32, on: bool| {
            debug_assert!(m.link_lag[e.link as usize] != SLOW_LAG);
            KEdge {
                slot,
                lag: m.link_lag[e.link as usize],
                mask: if on { -1 } else { 0 },
            }
        };
        let mut fwd_off = Vec::with_capacity(nodes + 1);
        let mut fwd = Vec::with_capacity(csr.preds.len());
        let mut bwd_off = Vec::with_capacity(nodes + 1);
        let mut bwd = Vec::with_capacity(csr.succs.len());
        fwd_off.push(0);
        bwd_off.push(0);
        for n in 0..nodes {
            for e in &csr.preds[csr.pred_off[n] as usize..csr.pred_off[n + 1] as usize] {
                debug_assert!((e.node as usize) < n, "node order is topological");
                let kind = m.link_kind[e.link as usize];
                let slot = 2 * e.node + u32::from(!kind.from_start());
                fwd.push(edge(e, slot, kind.to_finish()));
            }
            fwd_off.push(fwd.len() as u32);
            for e in &csr.succs[csr.succ_off[n] as usize..csr.succ_off[n + 1] as usize] {
                let kind = m.link_kind[e.link as usize];
                let slot = 2 * e.node + u32::from(kind.to_finish());
                bwd.push(edge(e, slot, kind.from_start()));
            }
            bwd_off.push(bwd.len() as u32);
        }
        let cal = net.calendar();
        Some(Kernel {
            task_of: m.task_of.clone(),
            fwd_off,
            fwd,
            bwd_off,
            bwd,
            wps: cal.ord(m.start),
            threshold: match net.options().critical {
                Criticality::TotalFloat(th) => Some(th.minutes()),
                Criticality::LongestPath => None,
            },
        })
    }

    /// The number of nodes (tasks).
    pub(crate) fn len(&self) -> usize {
        self.task_of.len()
    }

    /// The forward pass of [`LANES`] iterations side by side: `dur[LANES·k + l]` is node
    /// `k`'s duration in iteration `l` (all positive, at most 2⁴⁰), and node `k`'s early start
    /// and finish go to `x[LANES·2k + l]` and `x[LANES·(2k+1) + l]`; returns each lane's
    /// largest early finish.
    ///
    /// Work indices as `f64`: every value is an integer below 2⁵³, where `f64` sums,
    /// differences and comparisons are exact, so each lane computes what the integer pass
    /// computes, to the bit, on every target (IEEE 754 leaves none of it to the platform).
    /// The caller checks that the finish is below 2⁵⁰; a larger one takes the general path.
    /// One walk over the edges serves every lane, and the lanes' arithmetic vectorises
    /// (`maxpd` in SSE2, `f64x2.max`-like selects in WebAssembly SIMD when enabled).
    pub(crate) fn finish_lanes(&self, dur: &[f64], x: &mut [f64]) -> [f64; LANES] {
        let n = self.len();
        let x = &mut x[..2 * n * LANES];
        let off = &self.fwd_off[..n + 1];
        let wps = self.wps as f64;
        let mut pf = [f64::NEG_INFINITY; LANES];
        for (k, d) in dur[..n * LANES].chunks_exact(LANES).enumerate() {
            let mut s = [wps; LANES];
            for e in &self.fwd[off[k] as usize..off[k + 1] as usize] {
                let src = &x[e.slot as usize * LANES..][..LANES];
                let (lag, m) = (e.lag as f64, e.mask as u64);
                for l in 0..LANES {
                    // `x + lag − (d & mask)` of the integer pass: `d` or +0.
                    let v = src[l] + lag - f64::from_bits(d[l].to_bits() & m);
                    s[l] = if v > s[l] { v } else { s[l] };
                }
            }
            let out = &mut x[2 * k * LANES..][..2 * LANES];
            for l in 0..LANES {
                let f = s[l] + d[l];
                out[l] = s[l];
                out[LANES + l] = f;
                pf[l] = if f > pf[l] { f } else { pf[l] };
            }
        }
        pf
    }

    /// The backward pass after [`Kernel::finish_lanes`] (`x`, and `pf` the finishes it
    /// returned): node `k`'s late start and finish into `y[LANES·2k + l]` and
    /// `y[LANES·(2k+1) + l]`, and `valid[l]` (1 or 0) added to `crit[LANES·k + l]` when the
    /// node is critical in lane `l` (total float at most [`Kernel::threshold`]).
    pub(crate) fn late_lanes(
        &self,
        dur: &[f64],
        x: &[f64],
        y: &mut [f64],
        pf: [f64; LANES],
        valid: [u64; LANES],
        crit: &mut [u64],
    ) {
        let n = self.len();
        let (x, y) = (&x[..2 * n * LANES], &mut y[..2 * n * LANES]);
        let (dur, crit) = (&dur[..n * LANES], &mut crit[..n * LANES]);
        let off = &self.bwd_off[..n + 1];
        // Longest-path criticality is never reported by a run without the full schedule. A
        // threshold is a whole number of minutes: as `f64` it compares with the (exact) float
        // as the integer does.
        let th = self.threshold.map_or(f64::NEG_INFINITY, |t| t as f64);
        for k in (0..n).rev() {
            let d = &dur[k * LANES..][..LANES];
            let mut f = pf;
            for e in &self.bwd[off[k] as usize..off[k + 1] as usize] {
                let src = &y[e.slot as usize * LANES..][..LANES];
                let (lag, m) = (e.lag as f64, e.mask as u64);
                for l in 0..LANES {
                    let v = src[l] - lag + f64::from_bits(d[l].to_bits() & m);
                    f[l] = if v < f[l] { v } else { f[l] };
                }
            }
            let es = &x[2 * k * LANES..][..LANES];
            let c = &mut crit[k * LANES..][..LANES];
            let out = &mut y[2 * k * LANES..][..2 * LANES];
            for l in 0..LANES {
                let ls = f[l] - d[l];
                out[l] = ls;
                out[LANES + l] = f[l];
                // Total float: late start less early start (start and finish float are equal).
                c[l] += u64::from(ls - es[l] <= th) & valid[l];
            }
        }
    }
}
