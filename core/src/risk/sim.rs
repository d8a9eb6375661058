//! The Monte Carlo loop: a compiled network re-run with sampled durations, in blocks of
//! iterations, into integer statistics.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::calendar::WorkCalendar;
use crate::error::{Error, Item, Result};
use crate::id::{TaskId, TaskIndex};
use crate::model::{Link, Project, ScheduleFrom, Task};
use crate::schedule::kernel::{Kernel, LANES};
use crate::schedule::{Network, Outputs, Scenario, ScheduleOptions, Workspace};
use crate::time::{DateTime, Duration};
use crate::Limits;

use super::corr::{block_draws, Group, Scratch};
use super::dist::Sampler;
use super::model::{Estimate, RiskModel};
use super::report::*;
use super::rng::{Draws, Stream};
use super::stats::{draw_score, rank_scores, Hist, Moments, RankSums};

/// The shape of the default estimate given to tasks without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    /// Triangular, the task's duration as the mode.
    #[default]
    Triangular,
    /// PERT (beta), the task's duration as the mode.
    Pert,
    /// Uniform.
    Uniform,
}

/// The uncertainty given to every open task that has no estimate of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultEstimate {
    /// A range around the task's duration in percent, e.g. −10 % / +25 %: optimistic
    /// `d·(100 + optimistic_percent)/100`, likely `d`, pessimistic
    /// `d·(100 + pessimistic_percent)/100` (whole minutes, rounded down).
    Range {
        /// Percent to add for the optimistic duration (usually negative).
        optimistic_percent: i32,
        /// Percent to add for the pessimistic duration.
        pessimistic_percent: i32,
        /// The distribution.
        shape: Shape,
    },
    /// Evidence-based: the task's duration times a ratio drawn from the project's history.
    History,
}

/// Stop early once the finish percentiles settle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Convergence {
    /// Iterations between checks (rounded up to whole blocks of iterations).
    pub every: u64,
    /// Stop when the 50th and 80th percentiles of the finish both moved by at most this much
    /// working time since the previous check.
    pub tolerance: Duration,
}

/// How to simulate.
///
/// ```
/// let o = jindu::risk::RiskOptions { iterations: 500, seed: 7, ..Default::default() };
/// assert_eq!(o.threads, 0); // all cores (with the `parallel` feature)
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RiskOptions {
    /// Iterations to run (at least 1).
    pub iterations: u64,
    /// The seed: the same seed gives the same report, byte for byte, for any thread count and
    /// on every platform.
    pub seed: u64,
    /// A target finish to give the probability of meeting.
    pub target: Option<DateTime>,
    /// Threads: 0 for all cores, 1 for the calling thread only. Without the `parallel`
    /// feature (and in WebAssembly) every run is on the calling thread.
    pub threads: usize,
    /// The estimate of tasks without one (none: they keep their duration).
    pub default_estimate: Option<DefaultEstimate>,
    /// Stop early when the finish settles.
    pub convergence: Option<Convergence>,
    /// How each iteration schedules.
    pub schedule: ScheduleOptions,
    /// Ranges in each histogram (default 20).
    pub histogram_bins: usize,
    /// Bars in the tornado (default 10).
    pub tornado: usize,
    /// The most iterations × tasks a run may ask for ([`Limits::max_risk_samples`]; default
    /// [`Limits::DEFAULT`]).
    pub limits: Limits,
}

impl Default for RiskOptions {
    fn default() -> RiskOptions {
        RiskOptions {
            iterations: 1000,
            seed: 1,
            target: None,
            threads: 0,
            default_estimate: None,
            convergence: None,
            schedule: ScheduleOptions::default(),
            histogram_bins: 20,
            tornado: 10,
            limits: Limits::DEFAULT,
        }
    }
}

pub use crate::control::CancelToken;

/// How far a simulation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Iterations done.
    pub done: u64,
    /// Iterations asked for.
    pub total: u64,
}

/// The most blocks of iterations a thread runs in one round (without
/// [`Convergence`], whose `every` sets the round): 64 blocks of 256 iterations (larger with a
/// wide correlation group), so a cancel or a progress report waits for at most 16,384
/// iterations a thread, however many are asked for (before this cap a round was 2 % of them:
/// 2^40 iterations could not be cancelled).
pub const MAX_ROUND_BLOCKS: u64 = 64;

/// A progress callback and a cancel token for a simulation, both optional (the crate's
/// [`Control`](crate::control::Control) with the simulation's [`Progress`]).
///
/// The callback is called on the calling thread after every round of iterations (about 2 %
/// of them, at least two blocks of 256 a thread and at most [`MAX_ROUND_BLOCKS`]); the token
/// is looked at before every round, so a cancel takes effect within one round.
pub type Control<'a> = crate::control::Control<'a, Progress>;

/// One uncertain task.
#[derive(Debug, Clone)]
struct Unc {
    task: u32,
    sampler: Sampler,
    /// (group, column) when its duration is correlated.
    group: Option<(u32, u32)>,
}

#[derive(Debug, Clone)]
struct RiskPlan {
    /// Occurs when the draw is below this (p · 2³²).
    threshold: u64,
    impacts: Vec<(u32, Sampler)>,
    contingency: Option<(u32, Sampler)>,
    exists: Vec<u32>,
    /// Cost in cents.
    cost: Option<Sampler>,
}

/// Everything a simulation needs besides the network, resolved to task indices.
#[derive(Debug, Clone)]
struct Plan {
    n: usize,
    base: Vec<Duration>,
    elapsed: Vec<bool>,
    unc: Vec<Unc>,
    groups: Vec<Group>,
    risks: Vec<RiskPlan>,
    /// Tasks that exist only with a risk.
    exist_tasks: Vec<u32>,
    pools: Vec<Vec<f64>>,
    /// Tasks whose duration varies.
    variable: Vec<u32>,
    /// Position in `variable` per task, or `u32::MAX`.
    var_pos: Vec<u32>,
    milestones: Vec<u32>,
    /// Per milestone, its deadline in minutes.
    ms_deadline: Vec<Option<i64>>,
    deadlines: Vec<(u32, i64)>,
    target: Option<i64>,
    block: usize,
    has_cost: bool,
    /// The uncertain tasks sampled one by one (positions in `unc`): those not in `tri`.
    slow_unc: Vec<u32>,
    /// Independent triangular working-time tasks, by Philox block of four draws.
    tri: Vec<TriQuad>,
}

/// Up to four independent triangular tasks in working time whose draws are the words of one
/// Philox block (tasks `4q .. 4q + 3`), sampled together: the same arithmetic as
/// [`Sampler::sample`] lane by lane, which the compiler vectorises.
#[derive(Debug, Clone)]
struct TriQuad {
    quad: u64,
    /// Per lane: the task and its position in `Plan::unc` (`u32::MAX`: no task; its
    /// parameters make a point mass at 1 minute, so that a lane without a task never looks
    /// like a zero duration to [`fill_lane`]).
    task: [u32; 4],
    k: [u32; 4],
    a: [f64; 4],
    b: [f64; 4],
    fc: [f64; 4],
    left: [f64; 4],
    right: [f64; 4],
}

impl TriQuad {
    /// Samples the quad's tasks from draws `w` into `dur` (and keeps the draws).
    #[inline(always)]
    fn put(&self, w: [u32; 4], dur: &mut [Duration], kept: Option<&mut [u32]>) {
        let v = self.sample(w);
        for l in 0..4 {
            if self.task[l] != u32::MAX {
                dur[self.task[l] as usize] = Duration::minutes_work(v[l] as i64);
            }
        }
        if let Some(kept) = kept {
            for l in 0..4 {
                if self.task[l] != u32::MAX {
                    kept[self.k[l] as usize] = w[l];
                }
            }
        }
    }

    /// The samples (whole minutes) of draws `w`. Every sample lies in `[a, b]` up to rounding,
    /// below 2³⁰ (checked when the plan is made), so [`trunc_small`] of `x + 0.5` is what
    /// [`Sampler::sample`] computes: `x + 0.5` truncated for a positive `x`, and 0 for the
    /// tiny negative values rounding can give when optimistic and likely are both 0.
    #[inline(always)]
    fn sample(&self, w: [u32; 4]) -> [i32; 4] {
        // Selections by bit mask, not by branches (the draws are random: a branch on them is
        // mispredicted often), and only between values at hand (the compiler turns a
        // selection between two square roots, or two loads, back into a branch). Every lane
        // is the same straight line, which the compiler vectorises: two lanes to an SSE2
        // register, none of it a branch.
        let sel = |m: u64, x: f64, y: f64| f64::from_bits((x.to_bits() & m) | (y.to_bits() & !m));
        let mut out = [0i32; 4];
        for l in 0..4 {
            // `unit(w)`: `w as f64` through an i32 (exact: both terms are integers below 2⁵³),
            // which converts four at a time.
            let wf = ((w[l] ^ 0x8000_0000) as i32 as f64) + 2_147_483_648.0;
            let u = (wf + 0.5) * (1.0 / 4_294_967_296.0);
            let m = 0u64.wrapping_sub(u64::from(u < self.fc[l]));
            let base = sel(m, self.a[l], self.b[l]);
            let sign = sel(m, 1.0, -1.0);
            // `u·left` or `(1 − u)·right`: the same product of the same two numbers.
            let t = sel(m, u, 1.0 - u) * sel(m, self.left[l], self.right[l]);
            out[l] = trunc_small(base + sign * t.sqrt() + 0.5);
        }
        out
    }
}

/// `x as i32` for `x` in (−1, 2³⁰ + 1), not NaN, by arithmetic alone (no saturating
/// conversion, which costs a compare and two selections a lane): `x` at least 0, rounded to
/// an integer by adding 2⁵² (exact below 2⁵¹: the sum's last mantissa bit is worth 1), less 1
/// when that rounded up. That is `floor(max(x, 0))`, which is truncation on this range.
#[inline(always)]
fn trunc_small(x: f64) -> i32 {
    const BIG: f64 = 4_503_599_627_370_496.0; // 2⁵²
    let x = if x > 0.0 { x } else { 0.0 };
    let big = x + BIG;
    let r = big - BIG;
    (big.to_bits() as u32 as i32) - i32::from(r > x)
}

/// The quads of triangular tasks among `unc` and the positions of the others.
fn tri_quads(unc: &[Unc], elapsed: &[bool]) -> (Vec<TriQuad>, Vec<u32>) {
    let mut quads: Vec<TriQuad> = Vec::new();
    let mut slow = Vec::new();
    for (k, u) in unc.iter().enumerate() {
        let t = u.task as usize;
        match u.sampler {
            Sampler::Triangular {
                a,
                b,
                fc,
                left,
                right,
            } if u.group.is_none() && !elapsed[t] && a >= 0.0 && b < (1u64 << 30) as f64 => {
                let q = (u.task >> 2) as u64;
                if quads.last().is_none_or(|x| x.quad != q) {
                    quads.push(TriQuad {
                        quad: q,
                        task: [u32::MAX; 4],
                        k: [u32::MAX; 4],
                        a: [1.0; 4],
                        b: [1.0; 4],
                        fc: [0.0; 4],
                        left: [0.0; 4],
                        right: [0.0; 4],
                    });
                }
                let x = quads
                    .last_mut()
                    .expect("pushed just above when empty or of another quad");
                let l = t & 3;
                (x.task[l], x.k[l]) = (u.task, k as u32);
                (x.a[l], x.b[l], x.fc[l], x.left[l], x.right[l]) = (a, b, fc, left, right);
            }
            _ => slow.push(k as u32),
        }
    }
    (quads, slow)
}

/// The lane path: a plan whose every varying duration is an independent triangular task in
/// working time (no risk, correlation, cost or existence risk) on a network the kernel runs,
/// sampled straight into the kernel's lane buffers ([`fill_lane`]): no `Duration` array, no
/// copy of the base durations, no reload in node order, and the duration moments summed where
/// the samples are at hand. Every other plan fills a `Duration` array row by row ([`fill`]).
#[derive(Debug, Clone)]
struct LanePlan {
    /// Per quad of `Plan::tri`, the kernel node of each lane's task (no task: the spare node
    /// [`Kernel::len`] past the kernel's, which it never reads).
    node: Vec<[u32; 4]>,
}

/// The lane path of `p` on kernel `k`, when it applies: every uncertain task in `p.tri`,
/// nothing else varying, and every other task's duration one the kernel takes (positive, at
/// most 2⁴⁰ minutes, as [`kernel_load`] requires), so a row's lane is ready once its samples
/// are.
fn lane_plan(p: &Plan, k: &Kernel) -> Option<LanePlan> {
    if p.tri.is_empty()
        || !p.slow_unc.is_empty()
        || !p.risks.is_empty()
        || !p.exist_tasks.is_empty()
        || !p.groups.is_empty()
        || p.has_cost
        || p.block > 1 << 15
        || 4 * p.tri.len() * p.block > KEEP_DRAWS
    {
        return None;
    }
    let mut node_of = vec![u32::MAX; p.n];
    for (node, &t) in k.task_of.iter().enumerate() {
        node_of[t as usize] = node as u32;
        let m = p.base[t as usize].minutes();
        if p.var_pos[t as usize] == u32::MAX && (m <= 0 || m > 1 << 40) {
            return None;
        }
    }
    let spare = k.len() as u32;
    let node = p
        .tri
        .iter()
        .map(|x| {
            x.task.map(|t| match node_of.get(t as usize) {
                Some(&n) if n != u32::MAX => Some(n),
                _ if t == u32::MAX => Some(spare),
                _ => None,
            })
        })
        .map(|lanes| {
            let mut out = [spare; 4];
            for (o, n) in out.iter_mut().zip(lanes) {
                *o = n?;
            }
            Some(out)
        })
        .collect::<Option<Vec<_>>>()?;
    Some(LanePlan { node })
}

/// Samples iteration `j` straight into lane `lane` of the kernel's durations `dur`
/// ([`LanePlan`]): the same draws and arithmetic as [`fill`] (so the same durations), with
/// each quad's draws into `kept` (four a quad, in quad order) and its samples' Σd and Σd² (in
/// halves, as `Worker::bdur`) into `qm`. Returns whether every duration is positive (else the
/// row takes the general path, and the lane is overwritten by the next row).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn fill_lane(
    p: &Plan,
    lp: &LanePlan,
    draws: &Draws,
    j: u64,
    dur: &mut [f64],
    lane: usize,
    qm: &mut [[[u64; 4]; 3]],
    kept: &mut [u32],
) -> bool {
    let mut lo = [i32::MAX; 4];
    let (tri, node) = (&p.tri[..], &lp.node[..p.tri.len()]);
    let (qm, kept) = (&mut qm[..tri.len()], &mut kept[..4 * tri.len()]);
    let mut q4 = tri
        .chunks_exact(4)
        .zip(node.chunks_exact(4))
        .zip(qm.chunks_exact_mut(4))
        .zip(kept.chunks_exact_mut(16));
    for (((x, n), m), k) in q4.by_ref() {
        let ws = draws.quads(
            Stream::Duration,
            j,
            [x[0].quad, x[1].quad, x[2].quad, x[3].quad],
        );
        for i in 0..4 {
            put_lane(
                &x[i],
                &n[i],
                ws[i],
                dur,
                lane,
                &mut m[i],
                &mut k[4 * i..4 * i + 4],
                &mut lo,
            );
        }
    }
    let rest = tri.len() / 4 * 4;
    for (i, x) in tri.iter().enumerate().skip(rest) {
        let w = draws.quad(Stream::Duration, j, x.quad);
        put_lane(
            x,
            &node[i],
            w,
            dur,
            lane,
            &mut qm[i],
            &mut kept[4 * i..4 * i + 4],
            &mut lo,
        );
    }
    lo.iter().all(|&v| v > 0)
}

/// One quad of [`fill_lane`]: its samples of draws `w` into lane `lane` of `dur` (at the
/// nodes `node`), the draws into `kept`, the sums into `m`, the least sample into `lo`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn put_lane(
    x: &TriQuad,
    node: &[u32; 4],
    w: [u32; 4],
    dur: &mut [f64],
    lane: usize,
    m: &mut [[u64; 4]; 3],
    kept: &mut [u32],
    lo: &mut [i32; 4],
) {
    let v = x.sample(w);
    kept.copy_from_slice(&w);
    for l in 0..4 {
        // 0 ≤ v ≤ 2³⁰ + 1 (`TriQuad::sample`): v² < 2⁶¹.
        let d = v[l] as u32 as u64;
        let q = d * d;
        m[0][l] += d;
        m[1][l] += q >> 32;
        m[2][l] += q & 0xffff_ffff;
        lo[l] = lo[l].min(v[l]);
    }
    for l in 0..4 {
        dur[node[l] as usize * LANES + lane] = v[l] as f64;
    }
}

/// A block's sensitivity sums, column by column: `kept` holds its rows of `width` draws, and
/// column `c` gets Σ a·s (`a` the draw's score, `s` the row's finish score) added to
/// `bsens[c]` and Σ a² in two halves (the high and low 32 bits of each term) to `ba2[c]`.
///
/// Tiles of [`SENS_TILE`] rows, four columns at a time inside: the sums of four columns stay
/// in registers for a tile and the four draws of a row are adjacent, so the arithmetic
/// vectorises. With `h = w − 2³¹` (an `i32`), the score `2w + 1 − 2³²` is `2h + 1`, and its
/// magnitude `2g + 1` with `g = h ^ (h >> 31)` below 2³¹ (`g = h`, or `−h − 1` for a
/// negative `h`), so `a²` is a product of two `u32`s. `a·s` is taken in `f64`: `|a| < 2³³`
/// and `|s| ≤ 2¹⁵` (blocks of at most 2¹⁵ rows), so every product and every partial sum of a
/// tile is an integer below 2⁵², which `f64` holds exactly; the tile's sum converts back
/// exactly.
fn sens_sums(kept: &[u32], width: usize, scores: &[i64], bsens: &mut [i64], ba2: &mut [[u64; 2]]) {
    let rows = scores.len();
    // Column by column in WebAssembly (the same sums): the four-column loop is code the main
    // module's size budget has no room for.
    let four = if cfg!(target_arch = "wasm32") {
        0
    } else {
        width - width % 4
    };
    for r0 in (0..rows).step_by(SENS_TILE) {
        let r1 = (r0 + SENS_TILE).min(rows);
        let (scores, kept) = (&scores[r0..r1], &kept[r0 * width..r1 * width]);
        for c in (0..four).step_by(4) {
            let (mut sa, mut hi, mut lo) = ([0.0f64; 4], [0u64; 4], [0u64; 4]);
            for (row, &s) in scores.iter().enumerate() {
                let w = &kept[row * width + c..][..4];
                let s = s as f64;
                for l in 0..4 {
                    let h = (w[l] ^ 0x8000_0000) as i32;
                    sa[l] += (2.0 * h as f64 + 1.0) * s;
                    let ua = 2 * (h ^ (h >> 31)) as u32 + 1;
                    let q = ua as u64 * ua as u64;
                    hi[l] += q >> 32;
                    lo[l] += q & 0xffff_ffff;
                }
            }
            for l in 0..4 {
                bsens[c + l] += sa[l] as i64;
                ba2[c + l][0] += hi[l];
                ba2[c + l][1] += lo[l];
            }
        }
        for c in four..width {
            let (mut sa, mut hi, mut lo) = (0i64, 0u64, 0u64);
            for (row, &s) in scores.iter().enumerate() {
                let a = draw_score(kept[row * width + c]);
                sa += a * s;
                // |a| < 2³², so a² fits in a u64.
                let q = a.unsigned_abs() * a.unsigned_abs();
                hi += q >> 32;
                lo += q & 0xffff_ffff;
            }
            bsens[c] += sa;
            ba2[c][0] += hi;
            ba2[c][1] += lo;
        }
    }
}

/// Statistics of some iterations; all integers, so merging is exact in any order.
#[derive(Debug, Clone)]
struct Stats {
    finish: Hist,
    finish_m: Moments,
    on_target: u64,
    at_det: u64,
    ms: Vec<(Hist, Moments)>,
    ms_at_det: Vec<u64>,
    ms_on_time: Vec<u64>,
    deadline_ok: Vec<u64>,
    crit: Vec<u64>,
    dur: Vec<Moments>,
    sens: Vec<RankSums>,
    a2: Vec<i128>,
    r2: RankSums,
    occ: Vec<u64>,
    occ_y: Vec<i128>,
    occ_rank: Vec<RankSums>,
    cost: Hist,
    cost_m: Moments,
    risk_cost: Vec<i128>,
    last_block: u64,
    /// Iterations run on the general path (not reported; tests read it).
    general: u64,
}

impl Stats {
    fn new(p: &Plan) -> Stats {
        Stats {
            finish: Hist::new(),
            finish_m: Moments::default(),
            on_target: 0,
            at_det: 0,
            ms: p
                .milestones
                .iter()
                .map(|_| (Hist::new(), Moments::default()))
                .collect(),
            ms_at_det: vec![0; p.milestones.len()],
            ms_on_time: vec![0; p.milestones.len()],
            deadline_ok: vec![0; p.deadlines.len()],
            crit: vec![0; p.n],
            dur: vec![Moments::default(); p.variable.len()],
            sens: vec![RankSums::default(); p.unc.len()],
            a2: vec![0; p.unc.len()],
            r2: RankSums::default(),
            occ: vec![0; p.risks.len()],
            occ_y: vec![0; p.risks.len()],
            occ_rank: vec![RankSums::default(); p.risks.len()],
            cost: Hist::new(),
            cost_m: Moments::default(),
            risk_cost: vec![0; p.risks.len()],
            last_block: 0,
            general: 0,
        }
    }

    fn merge(&mut self, o: &Stats) {
        self.finish.merge(&o.finish);
        self.finish_m.merge(&o.finish_m);
        self.on_target += o.on_target;
        self.at_det += o.at_det;
        for (a, b) in self.ms.iter_mut().zip(&o.ms) {
            a.0.merge(&b.0);
            a.1.merge(&b.1);
        }
        let add = |a: &mut Vec<u64>, b: &Vec<u64>| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        add(&mut self.ms_at_det, &o.ms_at_det);
        add(&mut self.ms_on_time, &o.ms_on_time);
        add(&mut self.deadline_ok, &o.deadline_ok);
        add(&mut self.crit, &o.crit);
        add(&mut self.occ, &o.occ);
        self.dur
            .iter_mut()
            .zip(&o.dur)
            .for_each(|(a, b)| a.merge(b));
        self.sens
            .iter_mut()
            .zip(&o.sens)
            .for_each(|(a, b)| a.merge(b));
        self.a2.iter_mut().zip(&o.a2).for_each(|(a, b)| *a += b);
        self.r2.merge(&o.r2);
        self.occ_y
            .iter_mut()
            .zip(&o.occ_y)
            .for_each(|(a, b)| *a += b);
        self.occ_rank
            .iter_mut()
            .zip(&o.occ_rank)
            .for_each(|(a, b)| a.merge(b));
        self.cost.merge(&o.cost);
        self.cost_m.merge(&o.cost_m);
        self.risk_cost
            .iter_mut()
            .zip(&o.risk_cost)
            .for_each(|(a, b)| *a += b);
        self.last_block = self.last_block.max(o.last_block);
        self.general += o.general;
    }
}

/// The buffers of one thread.
#[derive(Debug)]
struct Worker {
    /// The general path's workspace, made the first time a row needs that path.
    ws: Option<Workspace>,
    dur: Vec<Duration>,
    present: Vec<bool>,
    ys: Vec<i64>,
    scores: Vec<i64>,
    idx: Vec<u32>,
    occ: Vec<bool>,
    ic: Vec<Vec<u32>>,
    sc: Scratch,
    stats: Stats,
    kb: KernelBufs,
    /// Per uncertain task, the sensitivity sum of the current block.
    bsens: Vec<i64>,
    /// Per uncertain task, Σa² of the current block's draw scores in two halves (high and
    /// low 32 bits of each term).
    ba2: Vec<[u64; 2]>,
    /// Per variable task, the current block's Σd and Σd² (in halves, as `ba2`) of the
    /// durations below 2³² minutes (others go to the moments directly).
    bdur: Vec<[u64; 3]>,
    /// The current block's draws of the uncertain tasks (row by row), when kept: by position
    /// in `Plan::unc`, or on the lane path ([`LanePlan`]) four a quad of `Plan::tri`.
    kept: Vec<u32>,
    /// On the lane path, per quad of `Plan::tri`, the current block's Σd and Σd² (in halves)
    /// of its lanes' samples ([`fill_lane`]), moved to `bdur` when the block ends.
    qm: Vec<[[u64; 4]; 3]>,
    /// On the lane path, the sensitivity sums of the block by quad and lane, before they go
    /// to `bsens` and `ba2` by position in `Plan::unc`.
    lsens: Vec<i64>,
    lba2: Vec<[u64; 2]>,
}

/// Rows of a block whose sensitivity sums are taken together, task by task.
const SENS_TILE: usize = 16;

/// The most draws a worker keeps for a block's sensitivity sums (4 bytes each).
const KEEP_DRAWS: usize = 1 << 22;

/// The kernel's buffers of one thread (empty without it), [`LANES`] iterations side by side.
#[derive(Debug)]
struct KernelBufs {
    /// Durations by node and lane (`LANES·node + lane`).
    dur: Vec<f64>,
    /// Early and late work indices (start and finish per node, by lane).
    x: Vec<f64>,
    y: Vec<f64>,
    /// Critical counts by node and lane, added to the statistics by task after each run of
    /// blocks.
    crit: Vec<u64>,
    /// The rows loaded into the lanes so far.
    rows: [usize; LANES],
    loaded: usize,
}

impl Worker {
    fn new(p: &Plan, kernel: Option<&Kernel>) -> Worker {
        let kn = kernel.map_or(0, Kernel::len);
        // One spare node past the kernel's for the lanes of the lane path without a task.
        let kd = kernel.map_or(0, |k| k.len() + 1);
        Worker {
            bsens: Vec::with_capacity(p.unc.len()),
            ba2: Vec::with_capacity(p.unc.len()),
            bdur: vec![[0; 3]; p.variable.len()],
            kept: Vec::new(),
            qm: Vec::new(),
            lsens: Vec::new(),
            lba2: Vec::new(),
            kb: KernelBufs {
                dur: vec![0.0; kd * LANES],
                x: vec![0.0; 2 * kn * LANES],
                y: vec![0.0; 2 * kn * LANES],
                crit: vec![0; kn * LANES],
                rows: [0; LANES],
                loaded: 0,
            },
            ws: None,
            dur: p.base.clone(),
            present: vec![false; p.n],
            ys: Vec::with_capacity(p.block),
            scores: Vec::with_capacity(p.block),
            idx: Vec::with_capacity(p.block),
            occ: vec![false; p.block * p.risks.len()],
            ic: p
                .groups
                .iter()
                .map(|g| Vec::with_capacity(p.block * g.len()))
                .collect(),
            sc: Scratch::default(),
            stats: Stats::new(p),
        }
    }
}

/// The draw of uncertain task `u` in iteration `j` (row `row` of its block, whose correlated
/// draws `ic` holds), reusing the last Philox block `quad` (its number and words) when the
/// task's draw is in it.
#[inline(always)]
fn unc_word(
    p: &Plan,
    u: &Unc,
    draws: &Draws,
    j: u64,
    row: usize,
    ic: &[Vec<u32>],
    quad: &mut (u64, [u32; 4]),
) -> u32 {
    match u.group {
        Some((g, c)) => {
            let g = &ic[g as usize];
            g[row * (g.len() / p.block) + c as usize]
        }
        None => {
            let q = (u.task >> 2) as u64;
            if q != quad.0 {
                *quad = (q, draws.quad(Stream::Duration, j, q));
            }
            quad.1[(u.task & 3) as usize]
        }
    }
}

/// Fills `dur` with the durations of iteration `j` (row `row` of its block; `ic` holds the
/// block's correlated draws), `occ` with which risks occur, and `kept` (when given) with the
/// draw of each uncertain task; returns the risk cost in cents.
#[allow(clippy::too_many_arguments)]
fn fill(
    p: &Plan,
    draws: &Draws,
    j: u64,
    row: usize,
    ic: &[Vec<u32>],
    present: &mut [bool],
    dur: &mut [Duration],
    occ: &mut [bool],
    risk_cost: Option<&mut [i128]>,
    mut kept: Option<&mut [u32]>,
) -> i64 {
    let kind = |t: usize, v: i64| {
        if p.elapsed[t] {
            Duration::elapsed_minutes(v)
        } else {
            Duration::minutes_work(v)
        }
    };
    dur.copy_from_slice(&p.base);
    let mut quad = (u64::MAX, [0u32; 4]);
    for &k in &p.slow_unc {
        let u = &p.unc[k as usize];
        let w = unc_word(p, u, draws, j, row, ic, &mut quad);
        if let Some(kept) = kept.as_deref_mut() {
            kept[k as usize] = w;
        }
        dur[u.task as usize] = kind(u.task as usize, u.sampler.sample(w, &p.pools));
    }
    // Four blocks of draws at a time: four independent chains of Philox rounds.
    let mut fours = p.tri.chunks_exact(4);
    for x in fours.by_ref() {
        let ws = draws.quads(
            Stream::Duration,
            j,
            [x[0].quad, x[1].quad, x[2].quad, x[3].quad],
        );
        for (x, w) in x.iter().zip(ws) {
            x.put(w, dur, kept.as_deref_mut());
        }
    }
    for x in fours.remainder() {
        x.put(
            draws.quad(Stream::Duration, j, x.quad),
            dur,
            kept.as_deref_mut(),
        );
    }
    let mut cost = 0i64;
    let mut risk_cost = risk_cost;
    for (k, r) in p.risks.iter().enumerate() {
        let on = (draws.word(Stream::Occurs, j, k as u64) as u64) < r.threshold;
        occ[k] = on;
        if !on {
            continue;
        }
        let base = (k as u64) << 20;
        for (m, (t, s)) in r.impacts.iter().enumerate() {
            let t = *t as usize;
            let d = s.sample(draws.word(Stream::Impact, j, base + m as u64), &p.pools);
            dur[t] = kind(t, dur[t].minutes() + d);
        }
        if let Some((t, s)) = &r.contingency {
            let d = s.sample(draws.word(Stream::Impact, j, base + (1 << 19)), &p.pools);
            dur[*t as usize] = Duration::minutes_work(d);
        }
        if let Some(s) = &r.cost {
            let c = s.sample(
                draws.word(Stream::Impact, j, base + (1 << 19) + 1),
                &p.pools,
            );
            cost += c;
            if let Some(rc) = risk_cost.as_deref_mut() {
                rc[k] += c as i128;
            }
        }
        for &t in &r.exists {
            present[t as usize] = true;
        }
    }
    for &t in &p.exist_tasks {
        if !present[t as usize] {
            dur[t as usize] = kind(t as usize, 0);
        }
        present[t as usize] = false;
    }
    cost
}

/// Loads the durations `dur` of block row `row` into the next lane of `b`, when the kernel
/// can run them: every duration positive and at most 2⁴⁰ minutes (the general path refuses a
/// longer one, `Network::run`: so does this; a zero makes a milestone). Returns whether it
/// did; when not, the lane is overwritten by the next row loaded.
fn kernel_load(k: &Kernel, dur: &[Duration], b: &mut KernelBufs, row: usize) -> bool {
    let l = b.loaded;
    let (mut lo, mut hi) = (i64::MAX, i64::MIN);
    for (d, &t) in b.dur[l..].iter_mut().step_by(LANES).zip(&k.task_of) {
        let m = dur[t as usize].minutes();
        lo = lo.min(m);
        hi = hi.max(m);
        *d = m as f64;
    }
    if lo <= 0 || hi > 1 << 40 {
        return false;
    }
    b.rows[l] = row;
    b.loaded += 1;
    true
}

/// The largest work index the kernel's lanes take as exact: every value of a lane lies
/// between the project start and its finish (give or take a lag and a duration), so below
/// this all of them are integers under 2⁵³, where `f64` is exact. Never reached by a
/// calendar's years.
const LANE_LIMIT: f64 = (1u64 << 50) as f64;

/// Runs the rows loaded into the kernel's lanes: per lane (the first `n` of them, `n`
/// returned too), its row and the project duration and finish in minutes, with the critical
/// counts added to `b.crit`, or `None` (nothing counted) when the finish is beyond the
/// calendar or the years it covers, so the row takes the general path.
#[allow(clippy::type_complexity)]
fn kernel_flush(
    k: &Kernel,
    cal: &WorkCalendar,
    b: &mut KernelBufs,
) -> ([(usize, Option<(i64, i64)>); LANES], usize) {
    let last = k.finish_lanes(&b.dur, &mut b.x);
    let mut out = [(0, None); LANES];
    let mut valid = [0u64; LANES];
    for l in 0..b.loaded {
        // The finish's date first: when it is beyond the calendar, nothing is counted.
        let r = (last[l].abs() < LANE_LIMIT)
            .then_some(last[l] as i64)
            .and_then(|w| {
                let pf = cal.finish_of(w).and_then(DateTime::from_minutes)?;
                Some((w - k.wps, pf.minutes()))
            });
        valid[l] = u64::from(r.is_some());
        out[l] = (b.rows[l], r);
    }
    k.late_lanes(&b.dur, &b.x, &mut b.y, last, valid, &mut b.crit);
    let n = std::mem::take(&mut b.loaded);
    (out, n)
}

/// The network of the general path, compiled the first time a row needs it: rows the
/// kernel takes never do, so a plain network is compiled once a simulation (in
/// [`Simulation::new`], for the deterministic dates) rather than again for every call of
/// [`Simulation::advance`] (2 ms at 10,000 tasks, a step of a `RiskRun` included).
struct General<'a, 'p> {
    project: &'p Project,
    opts: &'a ScheduleOptions,
    net: OnceLock<Network<'p>>,
}

impl<'p> General<'_, 'p> {
    fn get(&self) -> Result<&Network<'p>> {
        if let Some(n) = self.net.get() {
            return Ok(n);
        }
        // Two threads may both compile it; the first to finish is kept (the same network).
        let n = Network::compile(self.project, self.opts)?;
        Ok(self.net.get_or_init(|| n))
    }
}

/// One iteration by the general path (the compiled network's run): the project duration
/// and finish (minutes), with its critical tasks, milestones and deadlines counted.
#[allow(clippy::too_many_arguments)]
fn general_run(
    p: &Plan,
    net: &General<'_, '_>,
    ws: &mut Option<Workspace>,
    dur: &[Duration],
    st: &mut Stats,
    cal: &WorkCalendar,
    ps: DateTime,
    det: &[i64],
) -> Result<(i64, i64)> {
    st.general += 1;
    let net = net.get()?;
    let ws = ws.get_or_insert_with(|| net.workspace());
    let run = net.run(
        ws,
        &Scenario {
            durations: Some(dur),
            delays: None,
            outputs: Outputs::Float,
        },
    )?;
    for i in 0..p.n {
        if run.is_critical(TaskIndex::from_raw(i as u32)) {
            st.crit[i] += 1;
        }
    }
    for (k, &m) in p.milestones.iter().enumerate() {
        let f = run.dates(TaskIndex::from_raw(m)).1;
        let wm = cal.work_between(ps, f);
        st.ms[k].0.add(wm);
        st.ms[k].1.add(wm);
        if wm <= det[k] {
            st.ms_at_det[k] += 1;
        }
        if p.ms_deadline[k].is_some_and(|d| f.minutes() <= d) {
            st.ms_on_time[k] += 1;
        }
    }
    for (k, &(t, d)) in p.deadlines.iter().enumerate() {
        if run.dates(TaskIndex::from_raw(t)).1.minutes() <= d {
            st.deadline_ok[k] += 1;
        }
    }
    Ok((
        run.project_duration().minutes(),
        run.project_finish().minutes(),
    ))
}

/// Counts block row `row`'s project duration `y` and finish `pf` (minutes) into `st`, with
/// the risks that occurred in it (`occ`, the block's rows), and keeps `y` for the block's
/// ranks.
#[allow(clippy::too_many_arguments)]
fn record(
    p: &Plan,
    st: &mut Stats,
    det: i64,
    occ: &[bool],
    ys: &mut [i64],
    row: usize,
    y: i64,
    pf: i64,
) {
    st.finish.add(y);
    st.finish_m.add(y);
    if y <= det {
        st.at_det += 1;
    }
    if p.target.is_some_and(|t| pf <= t) {
        st.on_target += 1;
    }
    let nr = p.risks.len();
    for k in 0..nr {
        if occ[row * nr + k] {
            st.occ[k] += 1;
            st.occ_y[k] += y as i128;
        }
    }
    ys[row] = y;
}

/// Runs blocks `blocks` (of `p.block` iterations; the last may be short) into the worker.
#[allow(clippy::too_many_arguments)]
fn run_blocks(
    p: &Plan,
    net: &General<'_, '_>,
    kernel: Option<&Kernel>,
    lanes: Option<&LanePlan>,
    cal: &WorkCalendar,
    ps: DateTime,
    det: (i64, &[i64]),
    draws: &Draws,
    total: u64,
    blocks: std::ops::Range<u64>,
    w: &mut Worker,
) -> Result<()> {
    let b = p.block as u64;
    let nr = p.risks.len();
    // The lane path needs the kernel (`lane_plan` was made from it). Not in WebAssembly: the
    // main module's size budget has no room for a second copy of the sampling, and the row
    // path gives the same report.
    let lanes = lanes.filter(|_| kernel.is_some() && !cfg!(target_arch = "wasm32"));
    // The draws of a block are kept for its sensitivity sums when they take at most 16 MiB
    // (a block of 256 iterations of 16,384 uncertain tasks); larger plans draw them again.
    // The lane path keeps them four a quad (`lane_plan` checked that they fit).
    let keep = lanes.is_some() || p.unc.len() * p.block <= KEEP_DRAWS;
    let width = if lanes.is_some() {
        4 * p.tri.len()
    } else {
        p.unc.len()
    };
    if keep && w.kept.len() < width * p.block {
        // Zeroed by the allocator (fresh pages need no memset): every row is written before
        // it is read.
        w.kept = vec![0; width * p.block];
    }
    if let (Some(k), Some(_)) = (kernel, lanes) {
        // The lane path writes only the varying durations: the others are set once, in
        // every lane.
        for (d, &t) in w.kb.dur.chunks_exact_mut(LANES).zip(&k.task_of) {
            d.fill(p.base[t as usize].minutes() as f64);
        }
        w.qm.clear();
        w.qm.resize(p.tri.len(), [[0; 4]; 3]);
    }
    for blk in blocks {
        let first = blk * b;
        let rows = (total - first).min(b) as usize;
        for (g, grp) in p.groups.iter().enumerate() {
            block_draws(grp, g, draws, blk, p.block, &mut w.sc, &mut w.ic[g]);
        }
        w.ys.clear();
        w.ys.resize(rows, 0);
        for row in 0..rows {
            let j = first + row as u64;
            let Worker {
                ws,
                dur,
                present,
                occ,
                ic,
                stats: st,
                kb,
                kept,
                ys,
                bdur,
                qm,
                ..
            } = w;
            if let Some(lp) = lanes {
                let kept = &mut kept[row * width..(row + 1) * width];
                if fill_lane(p, lp, draws, j, &mut kb.dur, kb.loaded, qm, kept) {
                    kb.rows[kb.loaded] = row;
                    kb.loaded += 1;
                } else {
                    // A zero duration: the row's durations again, for the general path (its
                    // draws and moments are counted already).
                    let o = &mut occ[row * nr..(row + 1) * nr];
                    fill(p, draws, j, row, ic, present, dur, o, None, None);
                    let (y, pf) = general_run(p, net, ws, dur, st, cal, ps, det.1)?;
                    record(p, st, det.0, occ, ys, row, y, pf);
                }
            } else {
                let nu = width;
                let cost = fill(
                    p,
                    draws,
                    j,
                    row,
                    ic,
                    present,
                    dur,
                    &mut occ[row * nr..(row + 1) * nr],
                    p.has_cost.then_some(&mut st.risk_cost[..]),
                    keep.then(|| &mut kept[row * nu..(row + 1) * nu]),
                );
                for ((m, b), &t) in st.dur.iter_mut().zip(bdur.iter_mut()).zip(&p.variable) {
                    let d = dur[t as usize].minutes();
                    if (0..1 << 32).contains(&d) {
                        // d² < 2⁶⁴: its halves, each below 2³², summed in u64 over the block.
                        let (du, q) = (d as u64, (d as u64) * (d as u64));
                        b[0] += du;
                        b[1] += q >> 32;
                        b[2] += q & 0xffff_ffff;
                    } else {
                        m.sum += d as i128;
                        m.sq += (d as i128) * (d as i128);
                    }
                }
                if p.has_cost {
                    st.cost.add(cost);
                    st.cost_m.add(cost);
                }
                // A row the kernel can take waits in its lanes until they are full (or the block
                // ends); the others run now on the general path. The statistics are sums: the
                // order the rows are counted in does not matter.
                if !kernel.is_some_and(|k| kernel_load(k, dur, kb, row)) {
                    let (y, pf) = general_run(p, net, ws, dur, st, cal, ps, det.1)?;
                    record(p, st, det.0, occ, ys, row, y, pf);
                }
            }
            let Some(k) = kernel else { continue };
            if kb.loaded == 0 || (kb.loaded < LANES && row + 1 < rows) {
                continue;
            }
            let (done, n) = kernel_flush(k, cal, kb);
            for &(row, r) in &done[..n] {
                let (y, pf) = match r {
                    Some(r) => r,
                    None => {
                        // Beyond the calendar: the row's durations again, for the general
                        // path (its draws, risks and cost were kept and counted already).
                        let j = first + row as u64;
                        let o = &mut occ[row * nr..(row + 1) * nr];
                        fill(p, draws, j, row, ic, present, dur, o, None, None);
                        general_run(p, net, ws, dur, st, cal, ps, det.1)?
                    }
                };
                record(p, st, det.0, occ, ys, row, y, pf);
            }
        }
        // Every row counted every variable task's duration: the block's sums into the moments
        // (on the lane path, by quad and lane first).
        if lanes.is_some() {
            for (x, m) in p.tri.iter().zip(w.qm.iter_mut()) {
                let m = std::mem::take(m);
                for l in 0..4 {
                    if x.task[l] != u32::MAX {
                        let b = &mut w.bdur[p.var_pos[x.task[l] as usize] as usize];
                        for (b, m) in b.iter_mut().zip(m) {
                            *b += m[l];
                        }
                    }
                }
            }
        }
        for (m, b) in w.stats.dur.iter_mut().zip(w.bdur.iter_mut()) {
            let [sum, hi, lo] = std::mem::take(b);
            m.n += rows as u64;
            m.sum += sum as i128;
            m.sq += ((hi as i128) << 32) + lo as i128;
        }
        // Rank sums of the block: within-block mid-ranks of the finish against each task's
        // draw and each risk's occurrence.
        rank_scores(&w.ys, &mut w.idx, &mut w.scores);
        let short = rows < p.block;
        if short {
            w.stats.last_block = rows as u64;
        }
        let pick = |r: &mut RankSums, v: i128| {
            if short {
                r.last += v
            } else {
                r.full += v
            }
        };
        let s2: i128 = w.scores.iter().map(|&s| (s as i128) * (s as i128)).sum();
        pick(&mut w.stats.r2, s2);
        // |a·s| < 2³²·block, so a block's sums stay below 2³²·block² ≤ 2⁶² for blocks of up
        // to 2¹⁵ iterations (256 unless a correlation group is wide); else they go to i128.
        let narrow = p.block <= 1 << 15;
        w.bsens.clear();
        w.bsens.resize(p.unc.len(), 0);
        let nu = p.unc.len();
        if keep && narrow {
            // Σa² goes to two 64-bit halves (each term below 2³², so below 2⁴⁷ for a block
            // of 2¹⁵ rows) instead of an i128 per draw.
            w.ba2.clear();
            w.ba2.resize(nu, [0; 2]);
            if lanes.is_some() {
                // Columns are quads' lanes: back to positions in `Plan::unc` (a lane without
                // a task has a column but no position).
                w.lsens.clear();
                w.lsens.resize(width, 0);
                w.lba2.clear();
                w.lba2.resize(width, [0; 2]);
                sens_sums(&w.kept, width, &w.scores, &mut w.lsens, &mut w.lba2);
                for (c, x) in p.tri.iter().enumerate() {
                    for l in 0..4 {
                        if x.k[l] != u32::MAX {
                            w.bsens[x.k[l] as usize] = w.lsens[4 * c + l];
                            w.ba2[x.k[l] as usize] = w.lba2[4 * c + l];
                        }
                    }
                }
            } else {
                sens_sums(&w.kept, width, &w.scores, &mut w.bsens, &mut w.ba2);
            }
            for (a2, &[hi, lo]) in w.stats.a2.iter_mut().zip(&w.ba2) {
                *a2 += ((hi as i128) << 32) + lo as i128;
            }
            for row in 0..rows {
                for k in 0..nr {
                    if w.occ[row * nr + k] {
                        pick(&mut w.stats.occ_rank[k], w.scores[row] as i128);
                    }
                }
            }
        } else {
            for row in 0..rows {
                let j = first + row as u64;
                let s = w.scores[row] as i128;
                let s64 = w.scores[row];
                let mut quad = (u64::MAX, [0u32; 4]);
                for (k, u) in p.unc.iter().enumerate() {
                    let wd = if keep {
                        w.kept[row * nu + k]
                    } else {
                        unc_word(p, u, draws, j, row, &w.ic, &mut quad)
                    };
                    let a = draw_score(wd);
                    if narrow {
                        w.bsens[k] += a * s64;
                    } else {
                        pick(&mut w.stats.sens[k], a as i128 * s);
                    }
                    // |a| < 2³², so a² fits in a u64.
                    let ua = a.unsigned_abs();
                    w.stats.a2[k] += (ua * ua) as i128;
                }
                for k in 0..nr {
                    if w.occ[row * nr + k] {
                        pick(&mut w.stats.occ_rank[k], s);
                    }
                }
            }
        }
        if narrow {
            for (r, &v) in w.stats.sens.iter_mut().zip(&w.bsens) {
                pick(r, v as i128);
            }
        }
    }
    if let Some(k) = kernel {
        for (c, &t) in w.kb.crit.chunks_exact_mut(LANES).zip(&k.task_of) {
            w.stats.crit[t as usize] += c.iter().sum::<u64>();
            c.fill(0);
        }
    }
    Ok(())
}

/// A Monte Carlo schedule risk analysis in progress: compiled once, advanced by rounds,
/// reported at any point.
///
/// [`simulate`] is the one-call form; a host that wants to keep its event loop free (a
/// browser) advances a `Simulation` a slice at a time instead.
///
/// ```
/// use jindu::{Duration, Link, Project, Task};
/// use jindu::risk::{Control, Estimate, RiskModel, RiskOptions, Simulation};
///
/// let mut p = Project::new("Demo", "2026-01-05T08:00".parse()?);
/// let a = p.add_task(Task::new("A", "Design").with_duration(Duration::days(3)))?;
/// let b = p.add_task(Task::new("B", "Build").with_duration(Duration::days(5)))?;
/// p.add_link(Link::finish_to_start(a, b))?;
/// let mut risk = RiskModel::default();
/// risk.estimates.insert("B".into(), Estimate::Uniform { optimistic: Duration::days(4), pessimistic: Duration::days(8) });
/// p.set_risk(risk)?;
///
/// let opts = RiskOptions { iterations: 2000, seed: 42, threads: 1, ..Default::default() };
/// let mut sim = Simulation::new(&p, &opts)?;
/// while !sim.is_done() {
///     sim.advance(500, Control::default())?; // a host would yield to its event loop here
/// }
/// let report = sim.report()?;
/// assert_eq!(report.iterations, 2000);
/// assert_eq!(report.task("A").unwrap().criticality_index, 1.0);
/// // Uniform 4–8 days after 3 days: 7 to 11 working days, mean 9.
/// assert!((report.finish.mean_working_days - 9.0).abs() < 0.1);
/// assert_eq!(report, jindu::risk::simulate(&p, &opts, Control::default())?);
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug)]
pub struct Simulation<'p> {
    project: Cow<'p, Project>,
    opts: RiskOptions,
    plan: Plan,
    cal: WorkCalendar,
    ps: DateTime,
    /// Deterministic finish and milestone dates in working minutes from the start.
    det: (i64, Vec<i64>),
    totals: Stats,
    done: u64,
    stopped: Option<Stop>,
    last_check: Option<(i64, i64)>,
    /// The Monte Carlo kernel, when the network is plain and the report needs no milestone or
    /// deadline dates.
    kernel: Option<Kernel>,
    /// The lane path, when the plan allows it on the kernel.
    lanes: Option<LanePlan>,
}

/// Runs a Monte Carlo schedule risk analysis of `project` (its [`RiskModel`] and the
/// `options`' default estimate) and returns the report.
///
/// Fails like [`jindu::schedule`](crate::schedule()) on a project that does not schedule,
/// with [`Error::Invalid`] on inconsistent correlations or options, and with
/// [`Error::Cancelled`] when the cancel token stops it before the first round completes
/// (later, the report of the completed rounds comes back, marked [`Stop::Cancelled`]).
///
/// ```
/// use jindu::{Duration, Link, Project, Task};
/// use jindu::risk::{simulate, Control, Estimate, RiskModel, RiskOptions};
///
/// let mut p = Project::new("Go-live", "2026-01-05T08:00".parse()?);
/// let a = p.add_task(Task::new("A", "Build").with_duration(Duration::days(5)))?;
/// let m = p.add_task(Task::new("M", "Live").milestone())?;
/// p.add_link(Link::finish_to_start(a, m))?;
/// let mut risk = RiskModel::default();
/// risk.estimates.insert("A".into(), Estimate::Triangular {
///     optimistic: Duration::days(4), likely: Duration::days(5), pessimistic: Duration::days(9) });
/// p.set_risk(risk)?;
/// let opts = jindu::risk::RiskOptions {
///     iterations: 4000, seed: 1, target: Some("2026-01-12T17:00".parse()?), ..Default::default() };
/// let r = simulate(&p, &opts, Control::default())?;
/// // Mean (4 + 5 + 9) / 3 = 6 days; P(A ≤ 6 days) = 1 − 3²/(5·4) = 0.55.
/// assert!((r.finish.mean_working_days - 6.0).abs() < 0.05);
/// assert!((r.probability_on_time.unwrap() - 0.55).abs() < 0.03);
/// assert_eq!(r.milestones[0].id, "M");
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn simulate(
    project: &Project,
    options: &RiskOptions,
    control: Control<'_>,
) -> Result<RiskReport> {
    let mut sim = Simulation::new(project, options)?;
    sim.advance(options.iterations, control)?;
    if sim.done == 0 {
        return Err(Error::Cancelled);
    }
    sim.report()
}

fn opt_err(field: &str, msg: &str) -> Error {
    Error::invalid(Item::Project, field, msg)
}

/// The project with the contingency tasks of its risk register added (borrowed when there
/// are none).
fn expand(project: &Project) -> Result<Cow<'_, Project>> {
    let r = project.risk();
    if r.risks.iter().all(|x| x.contingency.is_none()) {
        return Ok(Cow::Borrowed(project));
    }
    let mut p = project.clone();
    for risk in &r.risks {
        if let Some(c) = &risk.contingency {
            let name = if c.name.is_empty() {
                format!("{} (contingency)", risk.id)
            } else {
                c.name.clone()
            };
            let i = p.add_task(Task::new(c.task.clone(), name))?;
            for a in &c.after {
                let k = p.index_of(a.as_str()).expect("RiskModel::check (Project::set_risk; kept by replace_task and remove_task) found every task a contingency names");
                p.add_link(Link::finish_to_start(k, i))?;
            }
            for b in &c.before {
                let k = p.index_of(b.as_str()).expect("RiskModel::check (Project::set_risk; kept by replace_task and remove_task) found every task a contingency names");
                p.add_link(Link::finish_to_start(i, k))?;
            }
        }
    }
    Ok(Cow::Owned(p))
}

fn plan(p: &Project, o: &RiskOptions) -> Result<Plan> {
    let r: &RiskModel = p.risk();
    let n = p.len();
    let tasks = p.tasks();
    let idx = |id: &TaskId| {
        p.index_of(id.as_str()).expect("RiskModel::check (Project::set_risk; kept by replace_task and remove_task) found every task the model names").0
    };
    let base: Vec<Duration> = tasks.iter().map(|t| t.duration).collect();
    let elapsed: Vec<bool> = tasks.iter().map(|t| t.duration.is_elapsed()).collect();
    let contingency: Vec<u32> = r
        .risks
        .iter()
        .filter_map(|x| x.contingency.as_ref().map(|c| idx(&c.task)))
        .collect();

    // History pools, by (category, assignee), sorted ratios.
    let mut pools: Vec<Vec<f64>> = Vec::new();
    let mut pool_of: BTreeMap<(Option<String>, Option<String>), usize> = BTreeMap::new();
    let mut pool = |category: &Option<String>, assignee: &Option<String>| -> usize {
        let tries = [
            (category.clone(), assignee.clone()),
            (category.clone(), None),
            (None, assignee.clone()),
            (None, None),
        ];
        for key in tries {
            if let Some(&k) = pool_of.get(&key) {
                return k;
            }
            let mut v: Vec<f64> = r
                .history
                .iter()
                .filter(|h| {
                    key.0
                        .as_ref()
                        .is_none_or(|c| h.category.as_ref() == Some(c))
                        && key
                            .1
                            .as_ref()
                            .is_none_or(|a| h.assignee.as_ref() == Some(a))
                })
                .map(|h| h.actual.minutes() as f64 / h.estimate.minutes() as f64)
                .collect();
            if !v.is_empty() {
                v.sort_by(f64::total_cmp);
                pools.push(v);
                pool_of.insert(key, pools.len() - 1);
                return pools.len() - 1;
            }
        }
        usize::MAX
    };
    let assignee_of = |i: usize| -> Option<String> {
        p.assignments()
            .iter()
            .find(|a| a.task.index() == i)
            .map(|a| p.resources()[a.resource.index()].id.to_string())
    };

    // Each task's own estimate, by index: one hash lookup an estimate rather than a search of
    // the map by key a task (1.6 ms at 10,000 tasks).
    let mut own_of: Vec<Option<&Estimate>> = vec![None; tasks.len()];
    for (id, e) in &r.estimates {
        if let Some(k) = p.index_of(id.as_str()) {
            own_of[k.index()] = Some(e);
        }
    }
    let mut unc = Vec::new();
    for (i, t) in tasks.iter().enumerate() {
        let ti = TaskIndex::from_raw(i as u32);
        let own = own_of[i];
        let sampler = match own {
            Some(
                e @ Estimate::History {
                    category, assignee, ..
                },
            ) => {
                let a = assignee.clone().or_else(|| assignee_of(i));
                Some(Sampler::of(e, pool(category, &a)))
            }
            Some(e) => Some(Sampler::of(e, 0)),
            None => {
                let open = !p.is_summary(ti)
                    && !t.milestone
                    && t.duration.minutes() > 0
                    && t.pinned.is_none()
                    && !t.progress.is_complete()
                    && !contingency.contains(&(i as u32));
                match (o.default_estimate, open) {
                    (
                        Some(DefaultEstimate::Range {
                            optimistic_percent,
                            pessimistic_percent,
                            shape,
                        }),
                        true,
                    ) => {
                        let d = t.duration.minutes();
                        let at = |pct: i32| {
                            let v = (d as i128 * (100 + pct as i128)).div_euclid(100) as i64;
                            if t.duration.is_elapsed() {
                                Duration::elapsed_minutes(v.max(0))
                            } else {
                                Duration::minutes_work(v.max(0))
                            }
                        };
                        let (lo, hi) = (at(optimistic_percent), at(pessimistic_percent));
                        (lo.minutes() < hi.minutes()).then(|| {
                            Sampler::of(
                                &match shape {
                                    Shape::Triangular => Estimate::Triangular {
                                        optimistic: lo,
                                        likely: t.duration,
                                        pessimistic: hi,
                                    },
                                    Shape::Pert => Estimate::Pert {
                                        optimistic: lo,
                                        likely: t.duration,
                                        pessimistic: hi,
                                    },
                                    Shape::Uniform => Estimate::Uniform {
                                        optimistic: lo,
                                        pessimistic: hi,
                                    },
                                },
                                0,
                            )
                        })
                    }
                    (Some(DefaultEstimate::History), true) => {
                        if r.history.is_empty() {
                            return Err(opt_err(
                                "default_estimate",
                                "the history default needs the project's `history` of finished tasks",
                            ));
                        }
                        let a = assignee_of(i);
                        Some(Sampler::History {
                            likely: t.duration.minutes() as f64,
                            pool: pool(&None, &a),
                        })
                    }
                    _ => None,
                }
            }
        };
        if let Some(s) = sampler {
            if !s.is_fixed() || own.is_some() {
                unc.push(Unc {
                    task: i as u32,
                    sampler: s,
                    group: None,
                });
            }
        }
    }

    // Correlation groups: connected sets of pairs, Iman–Conover per set.
    let mut pairs: BTreeMap<(u32, u32), f64> = BTreeMap::new();
    let mut parent: BTreeMap<u32, u32> = BTreeMap::new();
    fn root(parent: &mut BTreeMap<u32, u32>, x: u32) -> u32 {
        let mut r = x;
        while let Some(&q) = parent.get(&r) {
            if q == r {
                break;
            }
            r = q;
        }
        parent.insert(x, r);
        r
    }
    for (k, c) in r.correlations.iter().enumerate() {
        let ids: Vec<u32> = c.tasks.iter().map(idx).collect();
        for &t in &ids {
            if !unc.iter().any(|u| u.task == t && !u.sampler.is_fixed()) {
                return Err(Error::invalid(
                    Item::Task(tasks[t as usize].id.clone()),
                    "estimate",
                    format!(
                        "the task is in correlations[{k}] but its duration has no uncertainty: \
                         give it an estimate"
                    ),
                ));
            }
            parent.entry(t).or_insert(t);
        }
        for a in 0..ids.len() {
            for b in a + 1..ids.len() {
                let key = (ids[a].min(ids[b]), ids[a].max(ids[b]));
                if let Some(old) = pairs.insert(key, c.coefficient) {
                    if old != c.coefficient {
                        return Err(Error::invalid(
                            Item::Path(format!("correlations[{k}]")),
                            "coefficient",
                            format!(
                                "tasks `{}` and `{}` are given two coefficients ({old} and {})",
                                tasks[key.0 as usize].id, tasks[key.1 as usize].id, c.coefficient
                            ),
                        ));
                    }
                }
                let (ra, rb) = (root(&mut parent, ids[a]), root(&mut parent, ids[b]));
                if ra != rb {
                    parent.insert(ra.max(rb), ra.min(rb));
                }
            }
        }
    }
    let mut members: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    let keys: Vec<u32> = parent.keys().copied().collect();
    for t in keys {
        let rt = root(&mut parent, t);
        members.entry(rt).or_default().push(t);
    }
    let mut groups = Vec::new();
    for (_, mut m) in members {
        m.sort_unstable();
        let k = m.len();
        let mut c = vec![0.0; k * k];
        for a in 0..k {
            c[a * k + a] = 1.0;
            for b in 0..k {
                if let Some(&rho) = pairs.get(&(m[a].min(m[b]), m[a].max(m[b]))) {
                    if a != b {
                        // A Pearson correlation of 2·sin(πρ/6) between normal scores is a
                        // rank correlation of ρ.
                        c[a * k + b] = 2.0 * libm::sin(std::f64::consts::PI * rho / 6.0);
                    }
                }
            }
        }
        let names: Vec<String> = m
            .iter()
            .map(|&t| tasks[t as usize].id.to_string())
            .collect();
        let g = Group::new(m.clone(), &c, &names)?;
        for (col, t) in m.iter().enumerate() {
            let u = unc
                .iter_mut()
                .find(|u| u.task == *t)
                .expect("the loop over correlations returned an error for any correlated task without an uncertain estimate");
            u.group = Some((groups.len() as u32, col as u32));
        }
        groups.push(g);
    }
    let (tri, slow_unc) = tri_quads(&unc, &elapsed);
    let widest = groups.iter().map(Group::len).max().unwrap_or(0);
    let block = (4 * widest).max(256).div_ceil(256) * 256;

    let cents = |a: &super::model::Amount| {
        let c = |x: f64| (x * 100.0).round() as i64;
        if a.optimistic == a.pessimistic {
            Sampler::Fixed(c(a.optimistic))
        } else {
            Sampler::of(
                &Estimate::Triangular {
                    optimistic: Duration::minutes_work(c(a.optimistic)),
                    likely: Duration::minutes_work(c(a.likely)),
                    pessimistic: Duration::minutes_work(c(a.pessimistic)),
                },
                0,
            )
        }
    };
    let mut risks = Vec::new();
    let mut exist_tasks: Vec<u32> = Vec::new();
    for x in &r.risks {
        let exists: Vec<u32> = x.exists.iter().map(idx).collect();
        exist_tasks.extend(&exists);
        risks.push(RiskPlan {
            threshold: (x.probability * 4_294_967_296.0).round() as u64,
            impacts: x
                .impacts
                .iter()
                .map(|im| (idx(&im.task), Sampler::of(&im.delay, 0)))
                .collect(),
            contingency: x
                .contingency
                .as_ref()
                .map(|c| (idx(&c.task), Sampler::of(&c.duration, 0))),
            exists,
            cost: x.cost.as_ref().map(cents),
        });
    }
    exist_tasks.sort_unstable();
    exist_tasks.dedup();
    let has_cost = risks.iter().any(|x| x.cost.is_some());

    let mut variable: Vec<u32> = unc.iter().map(|u| u.task).collect();
    for x in &risks {
        variable.extend(x.impacts.iter().map(|i| i.0));
        variable.extend(x.contingency.iter().map(|c| c.0));
    }
    variable.extend(&exist_tasks);
    variable.sort_unstable();
    variable.dedup();
    let mut var_pos = vec![u32::MAX; n];
    for (k, &t) in variable.iter().enumerate() {
        var_pos[t as usize] = k as u32;
    }

    let mut milestones = Vec::new();
    let mut ms_deadline = Vec::new();
    let mut deadlines = Vec::new();
    for (i, t) in tasks.iter().enumerate() {
        let ti = TaskIndex::from_raw(i as u32);
        let leaf = !p.is_summary(ti);
        if leaf
            && (t.milestone || (t.duration.is_zero() && var_pos[i] == u32::MAX))
            && !contingency.contains(&(i as u32))
        {
            milestones.push(i as u32);
            ms_deadline.push(t.deadline.map(|d| d.minutes()));
        }
        if let Some(d) = t.deadline {
            deadlines.push((i as u32, d.minutes()));
        }
    }
    Ok(Plan {
        n,
        base,
        elapsed,
        unc,
        groups,
        risks,
        exist_tasks,
        pools,
        variable,
        var_pos,
        milestones,
        ms_deadline,
        deadlines,
        target: o.target.map(|t| t.minutes()),
        block,
        has_cost,
        slow_unc,
        tri,
    })
}

/// Rounds to six decimals (reports read better, and stay exact across platforms).
fn r6(x: f64) -> f64 {
    if x.is_finite() {
        (x * 1e6).round() / 1e6
    } else {
        0.0
    }
}

impl<'p> Simulation<'p> {
    /// Compiles `project` for simulation: checks the options, inserts contingency tasks,
    /// resolves estimates, correlations and risks to tasks, and schedules the plan as written
    /// once (its dates are the reports' `deterministic` values).
    pub fn new(project: &'p Project, options: &RiskOptions) -> Result<Simulation<'p>> {
        if options.iterations == 0 || options.iterations > 1 << 40 {
            return Err(opt_err("iterations", "give 1 to 2^40 iterations"));
        }
        if let ScheduleFrom::Finish(_) = project.schedule_from() {
            return Err(opt_err(
                "finish",
                "risk analysis simulates forward: schedule the project from its start",
            ));
        }
        if let Some(c) = &options.convergence {
            if c.every == 0 || c.tolerance.minutes() < 0 {
                return Err(opt_err(
                    "convergence",
                    "checks need a positive number of iterations between them and a tolerance of zero or more",
                ));
            }
        }
        if let Some(DefaultEstimate::Range {
            optimistic_percent,
            pessimistic_percent,
            ..
        }) = options.default_estimate
        {
            if !(-100..=0).contains(&optimistic_percent)
                || !(0..=10_000).contains(&pessimistic_percent)
                || optimistic_percent == pessimistic_percent
            {
                return Err(opt_err(
                    "default_estimate",
                    "give an optimistic percent from -100 to 0 and a pessimistic one from 0 to 10000, not both 0",
                ));
            }
        }
        let project = expand(project)?;
        options
            .limits
            .check_risk(options.iterations, project.len())?;
        let plan = plan(&project, options)?;
        let net = Network::compile(&project, &options.schedule)?;
        let cal = net.calendar().clone();
        let mut ws = net.workspace();
        let run = net.run(
            &mut ws,
            &Scenario {
                outputs: Outputs::Float,
                ..Scenario::default()
            },
        )?;
        let ps = run.project_start();
        let det_ms = plan
            .milestones
            .iter()
            .map(|&m| cal.work_between(ps, run.dates(TaskIndex::from_raw(m)).1))
            .collect();
        let det = (run.project_duration().minutes(), det_ms);
        let totals = Stats::new(&plan);
        let kernel = (plan.milestones.is_empty() && plan.deadlines.is_empty())
            .then(|| Kernel::compile(&net))
            .flatten();
        let lanes = kernel.as_ref().and_then(|k| lane_plan(&plan, k));
        Ok(Simulation {
            opts: options.clone(),
            plan,
            cal,
            ps,
            det,
            totals,
            done: 0,
            stopped: None,
            last_check: None,
            kernel,
            lanes,
            project,
        })
    }

    /// Whether the iterations run on the Monte Carlo kernel (a plain network).
    #[cfg(test)]
    pub(crate) fn uses_kernel(&self) -> bool {
        self.kernel.is_some()
    }

    /// Runs every iteration on the general path (for tests comparing the two).
    #[cfg(test)]
    pub(crate) fn use_general_path(&mut self) {
        self.kernel = None;
        self.lanes = None;
    }

    /// Whether the iterations sample straight into the kernel's lanes ([`LanePlan`]).
    #[cfg(test)]
    pub(crate) fn uses_lanes(&self) -> bool {
        self.lanes.is_some()
    }

    /// Iterations run so far on the general path.
    #[cfg(test)]
    pub(crate) fn general_rows(&self) -> u64 {
        self.totals.general
    }

    /// Runs the kernel without the lane path (for tests comparing the two).
    #[cfg(test)]
    pub(crate) fn use_row_path(&mut self) {
        self.lanes = None;
    }

    /// Iterations done so far.
    pub fn done(&self) -> u64 {
        self.done
    }

    /// The same simulation owning its project (cloned if it was borrowed), so that a host can
    /// keep it between calls: a binding's run object that a UI advances a slice at a time.
    pub fn into_owned(self) -> Simulation<'static> {
        Simulation {
            project: Cow::Owned(self.project.into_owned()),
            opts: self.opts,
            plan: self.plan,
            cal: self.cal,
            ps: self.ps,
            det: self.det,
            totals: self.totals,
            done: self.done,
            stopped: self.stopped,
            last_check: self.last_check,
            kernel: self.kernel,
            lanes: self.lanes,
        }
    }

    /// Whether the simulation has finished (all iterations, converged or cancelled).
    pub fn is_done(&self) -> bool {
        self.stopped.is_some()
    }

    /// The number of iterations in a block (the unit of correlation and of work between
    /// threads): 256, or four times the largest correlation group rounded up to 256.
    pub fn block(&self) -> usize {
        self.plan.block
    }

    /// The durations of iteration `iteration` (task order; risk delays, contingency and
    /// existence included): what that iteration scheduled, for replaying or checking it.
    pub fn durations(&self, iteration: u64) -> Vec<Duration> {
        let p = &self.plan;
        let draws = Draws::new(self.opts.seed);
        let blk = iteration / p.block as u64;
        let mut sc = Scratch::default();
        let ic: Vec<Vec<u32>> = p
            .groups
            .iter()
            .enumerate()
            .map(|(g, grp)| {
                let mut out = Vec::new();
                block_draws(grp, g, &draws, blk, p.block, &mut sc, &mut out);
                out
            })
            .collect();
        let mut dur = p.base.clone();
        let mut present = vec![false; p.n];
        let mut occ = vec![false; p.risks.len()];
        fill(
            p,
            &draws,
            iteration,
            (iteration % p.block as u64) as usize,
            &ic,
            &mut present,
            &mut dur,
            &mut occ,
            None,
            None,
        );
        dur
    }

    /// Runs about `iterations` more iterations (whole blocks, in rounds that never go past
    /// the blocks asked for, nor past the total), calling
    /// the progress callback after each round and stopping when the cancel token is set or the
    /// finish converges. Returns the progress.
    pub fn advance(&mut self, iterations: u64, mut control: Control<'_>) -> Result<Progress> {
        let total = self.opts.iterations;
        if self.stopped.is_some() {
            return Ok(Progress {
                done: self.done,
                total,
            });
        }
        let net = General {
            project: &self.project,
            opts: &self.opts.schedule,
            net: OnceLock::new(),
        };
        let b = self.plan.block as u64;
        let threads = self.threads();
        let round_blocks = match &self.opts.convergence {
            Some(c) => c.every.div_ceil(b),
            // About 2 %, but never more than `MAX_ROUND_BLOCKS` a thread: a round is how
            // long a cancel waits, and 2 % of 2^40 iterations is days.
            None => (total.div_ceil(50).div_ceil(b))
                .max(2 * threads as u64)
                .min(MAX_ROUND_BLOCKS * threads as u64),
        }
        .max(1);
        let until = total.min(self.done.saturating_add(iterations.max(1)));
        let mut workers: Vec<Worker> = (0..threads)
            .map(|_| Worker::new(&self.plan, self.kernel.as_ref()))
            .collect();
        let draws = Draws::new(self.opts.seed);
        #[cfg(feature = "parallel")]
        let pool = if threads > 1 && self.opts.threads != 0 {
            Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(threads)
                    .build()
                    .map_err(|e| opt_err("threads", &e.to_string()))?,
            )
        } else {
            None
        };
        let mut result = Ok(());
        while self.done < until {
            if control.is_cancelled() {
                self.stopped = Some(Stop::Cancelled);
                break;
            }
            let b0 = self.done / b;
            // A round never goes past the blocks this call was asked for: on many threads
            // a round is at least two blocks a thread, which would otherwise make a small
            // step run far more than asked (the report is the same either way).
            let b1 = (b0 + round_blocks)
                .min(total.div_ceil(b))
                .min(until.div_ceil(b).max(b0 + 1));
            let nb = b1 - b0;
            let per = nb.div_ceil(threads as u64);
            let (plan, cal, ps) = (&self.plan, &self.cal, self.ps);
            let kernel = self.kernel.as_ref();
            let lanes = self.lanes.as_ref();
            let det = (self.det.0, &self.det.1[..]);
            let work = |k: usize, w: &mut Worker| {
                let lo = (b0 + k as u64 * per).min(b1);
                let hi = (lo + per).min(b1);
                run_blocks(
                    plan,
                    &net,
                    kernel,
                    lanes,
                    cal,
                    ps,
                    det,
                    &draws,
                    total,
                    lo..hi,
                    w,
                )
            };
            let r: Result<()> = if threads == 1 {
                work(0, &mut workers[0])
            } else {
                #[cfg(feature = "parallel")]
                {
                    use rayon::prelude::*;
                    let mut go = || {
                        workers
                            .par_iter_mut()
                            .enumerate()
                            .map(|(k, w)| work(k, w))
                            .collect::<Vec<Result<()>>>()
                            .into_iter()
                            .collect::<Result<()>>()
                    };
                    match &pool {
                        Some(pool) => pool.install(go),
                        None => go(),
                    }
                }
                // threads() is 1 without the parallel feature; were it more, the workers would
                // run one after another (the same results).
                #[cfg(not(feature = "parallel"))]
                {
                    workers
                        .iter_mut()
                        .enumerate()
                        .try_for_each(|(k, w)| work(k, w))
                }
            };
            if let Err(e) = r {
                result = Err(e);
                break;
            }
            self.done = (b1 * b).min(total);
            control.report(&Progress {
                done: self.done,
                total,
            });
            if self.done >= total {
                self.stopped = Some(Stop::Completed);
            } else if let Some(c) = self.opts.convergence {
                let mut h = self.totals.finish.clone();
                for w in &workers {
                    h.merge(&w.stats.finish);
                }
                let now = (h.quantile(5000), h.quantile(8000));
                if let Some(prev) = self.last_check {
                    let tol = c.tolerance.minutes();
                    if (now.0 - prev.0).abs() <= tol && (now.1 - prev.1).abs() <= tol {
                        self.stopped = Some(Stop::Converged);
                    }
                }
                self.last_check = Some(now);
                if self.stopped.is_some() {
                    break;
                }
            }
        }
        // Merge in worker order (the sums are exact, so any order gives the same totals).
        for w in &workers {
            self.totals.merge(&w.stats);
        }
        result?;
        Ok(Progress {
            done: self.done,
            total,
        })
    }

    fn threads(&self) -> usize {
        #[cfg(feature = "parallel")]
        {
            match self.opts.threads {
                0 => rayon::current_num_threads().max(1),
                t => t,
            }
        }
        #[cfg(not(feature = "parallel"))]
        {
            1
        }
    }

    fn distribution(&self, h: &Hist, m: &Moments, det: i64, at_det: u64) -> DateDistribution {
        let mpd = self.project.settings().minutes_per_day as f64;
        let date = |w: i64| {
            self.cal
                .add_work(self.ps, w)
                .map(|d| d.to_string())
                .unwrap_or_default()
        };
        let n = h.len().max(1) as f64;
        let q = |bp: u64| date(h.quantile(bp));
        let mut cum = 0u64;
        let histogram = h
            .ranges(self.opts.histogram_bins)
            .into_iter()
            .map(|(end, count)| {
                cum += count;
                Bin {
                    working_days: r6(end as f64 / mpd),
                    date: date(end),
                    count,
                    cumulative: r6(cum as f64 / n),
                }
            })
            .collect();
        DateDistribution {
            mean_working_days: r6(m.mean() / mpd),
            std_working_days: r6(m.std() / mpd),
            mean: date(m.mean().round() as i64),
            min: date(h.min()),
            p5: q(500),
            p10: q(1000),
            p15: q(1500),
            p20: q(2000),
            p25: q(2500),
            p30: q(3000),
            p35: q(3500),
            p40: q(4000),
            p45: q(4500),
            p50: q(5000),
            p55: q(5500),
            p60: q(6000),
            p65: q(6500),
            p70: q(7000),
            p75: q(7500),
            p80: q(8000),
            p85: q(8500),
            p90: q(9000),
            p95: q(9500),
            max: date(h.max()),
            deterministic: date(det),
            probability_deterministic: r6(at_det as f64 / n),
            resolution_minutes: h.width(),
            histogram,
        }
    }

    /// The report of the iterations done so far.
    ///
    /// Fails with [`Error::Cancelled`] when no iteration has run.
    pub fn report(&self) -> Result<RiskReport> {
        let t = &self.totals;
        let p = &self.plan;
        if self.done == 0 {
            return Err(Error::Cancelled);
        }
        let n = self.done as f64;
        let tasks = self.project.tasks();
        let mpd = self.project.settings().minutes_per_day as f64;
        let block = p.block as u64;
        // Σ s²/(2r)², the normaliser of the finish's rank scores.
        let r2sq = {
            let mut v = t.r2.full as f64 / (4.0 * (block * block) as f64);
            if t.last_block > 0 {
                v += t.r2.last as f64 / (4.0 * (t.last_block * t.last_block) as f64);
            }
            v
        };
        let sd_y = t.finish_m.std();
        let mut sens = vec![0.0; p.n];
        for (k, u) in p.unc.iter().enumerate() {
            let den = (t.a2[k] as f64 * r2sq).sqrt();
            if den > 0.0 && !u.sampler.is_fixed() {
                sens[u.task as usize] = t.sens[k].value(block, t.last_block) / den;
            }
        }
        let days = |i: usize, v: f64| {
            if p.elapsed[i] {
                v / 1440.0
            } else {
                v / mpd
            }
        };
        let task_rows: Vec<TaskRisk> = tasks
            .iter()
            .enumerate()
            .map(|(i, task)| {
                let ci = t.crit[i] as f64 / n;
                let (mean, sd) = match p.var_pos[i] {
                    u32::MAX => (p.base[i].minutes() as f64, 0.0),
                    k => (t.dur[k as usize].mean(), t.dur[k as usize].std()),
                };
                let ssi = if sd_y > 0.0 { ci * sd / sd_y } else { 0.0 };
                TaskRisk {
                    id: task.id.as_str().to_owned(),
                    name: task.name.clone(),
                    criticality_index: r6(ci),
                    sensitivity: r6(sens[i]),
                    ssi: r6(ssi),
                    cruciality: r6(ci * sens[i]),
                    mean_duration_days: r6(days(i, mean)),
                    std_duration_days: r6(days(i, sd)),
                }
            })
            .collect();
        let reg = &self.project.risk().risks;
        let risk_rows: Vec<RiskContribution> = reg
            .iter()
            .enumerate()
            .map(|(k, x)| {
                let occ = t.occ[k] as f64;
                let mean_if = if t.occ[k] > 0 {
                    t.occ_y[k] as f64 / occ
                } else {
                    0.0
                };
                let rest = n - occ;
                let mean_not = if rest > 0.0 {
                    (t.finish_m.sum - t.occ_y[k]) as f64 / rest
                } else {
                    0.0
                };
                let impact = if t.occ[k] > 0 && rest > 0.0 {
                    (mean_if - mean_not) / mpd
                } else {
                    0.0
                };
                let var_i = occ * (1.0 - occ / n);
                let den = (var_i * r2sq).sqrt();
                let corr = if den > 0.0 {
                    t.occ_rank[k].value(block, t.last_block) / den
                } else {
                    0.0
                };
                RiskContribution {
                    id: x.id.clone(),
                    name: x.name.clone(),
                    probability: x.probability,
                    occurred: r6(occ / n),
                    impact_working_days: r6(impact),
                    contribution_working_days: r6(occ / n * impact),
                    correlation: r6(corr),
                    mean_cost: x
                        .cost
                        .as_ref()
                        .map(|_| r6(t.risk_cost[k] as f64 / n / 100.0)),
                }
            })
            .collect();
        // The tornado: the drivers by |correlation|, then key, then tasks before risks and in
        // their order (a total order, so picking the top ones first and sorting only them
        // gives what sorting all would). Only the top ones are copied.
        let mut cand: Vec<(f64, &str, usize)> = task_rows
            .iter()
            .map(|x| (x.sensitivity, x.id.as_str()))
            .chain(risk_rows.iter().map(|x| (x.correlation, x.id.as_str())))
            .enumerate()
            .filter(|(_, (c, _))| *c != 0.0)
            .map(|(k, (c, id))| (c, id, k))
            .collect();
        let order = |a: &(f64, &str, usize), b: &(f64, &str, usize)| {
            b.0.abs()
                .total_cmp(&a.0.abs())
                .then_with(|| a.1.cmp(b.1))
                .then(a.2.cmp(&b.2))
        };
        let top = self.opts.tornado.min(cand.len());
        if top < cand.len() && top > 0 {
            cand.select_nth_unstable_by(top - 1, order);
        }
        cand.truncate(top);
        cand.sort_unstable_by(order);
        let nt = task_rows.len();
        let tornado: Vec<Driver> = cand
            .iter()
            .map(|&(correlation, _, k)| match k.checked_sub(nt) {
                None => Driver {
                    kind: DriverKind::Task,
                    id: task_rows[k].id.clone(),
                    name: task_rows[k].name.clone(),
                    correlation,
                },
                Some(r) => Driver {
                    kind: DriverKind::Risk,
                    id: risk_rows[r].id.clone(),
                    name: risk_rows[r].name.clone(),
                    correlation,
                },
            })
            .collect();
        let milestones = p
            .milestones
            .iter()
            .enumerate()
            .map(|(k, &m)| {
                let task = &tasks[m as usize];
                MilestoneRisk {
                    id: task.id.to_string(),
                    name: task.name.clone(),
                    finish: self.distribution(
                        &t.ms[k].0,
                        &t.ms[k].1,
                        self.det.1[k],
                        t.ms_at_det[k],
                    ),
                    deadline: task.deadline.map(|d| d.to_string()),
                    probability_on_time: p.ms_deadline[k].map(|_| r6(t.ms_on_time[k] as f64 / n)),
                }
            })
            .collect();
        let deadlines = p
            .deadlines
            .iter()
            .enumerate()
            .map(|(k, &(i, _))| DeadlineRisk {
                id: tasks[i as usize].id.to_string(),
                deadline: tasks[i as usize]
                    .deadline
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                probability_on_time: r6(t.deadline_ok[k] as f64 / n),
            })
            .collect();
        let cost = p.has_cost.then(|| {
            let c = |v: i64| r6(v as f64 / 100.0);
            CostDistribution {
                mean: r6(t.cost_m.mean() / 100.0),
                std: r6(t.cost_m.std() / 100.0),
                p10: c(t.cost.quantile(1000)),
                p50: c(t.cost.quantile(5000)),
                p80: c(t.cost.quantile(8000)),
                p90: c(t.cost.quantile(9000)),
                max: c(t.cost.max()),
            }
        });
        Ok(RiskReport {
            iterations: self.done,
            seed: self.opts.seed,
            stopped: self.stopped.unwrap_or(Stop::Running),
            project_start: self.ps.to_string(),
            finish: self.distribution(&t.finish, &t.finish_m, self.det.0, t.at_det),
            target: self.opts.target.map(|d| d.to_string()),
            probability_on_time: self.opts.target.map(|_| r6(t.on_target as f64 / n)),
            milestones,
            deadlines,
            tasks: task_rows,
            risks: risk_rows,
            cost,
            tornado,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunc_small_truncates_like_as() {
        let mut xs = vec![
            -0.999_999,
            -0.5,
            -1e-300,
            -0.0,
            0.0,
            1e-300,
            0.5,
            0.999_999_999,
        ];
        for k in [
            1.0f64,
            2.0,
            3.0,
            7.0,
            480.0,
            1_048_575.0,
            (1u64 << 30) as f64,
        ] {
            // An integer, the numbers either side of it, and the half above it (ties of the
            // rounding by 2⁵² go to even: both parities are here).
            xs.extend([
                k,
                k.next_down(),
                k.next_up(),
                k + 0.5,
                k + 0.5 - 1e-9,
                k - 0.5,
            ]);
        }
        let draws = Draws::new(3);
        xs.extend((0..10_000u64).map(|i| {
            let w = draws.word(Stream::Duration, i, 1) as f64;
            w / 4.0 - 0.75 // quarters of a minute: exact halves and integers among them
        }));
        for x in xs {
            assert_eq!(trunc_small(x), x as i32, "{x}");
        }
    }

    #[test]
    fn triangular_quads_sample_what_the_sampler_samples() {
        let d = Duration::minutes_work;
        // (optimistic, likely, pessimistic): skewed both ways, a mode at zero, a point mass.
        let shapes = [
            (100, 200, 500),
            (0, 0, 900),
            (0, 700, 700),
            (37, 38, 1 << 29),
            (5, 5, 5),
        ];
        let unc: Vec<Unc> = shapes
            .iter()
            .enumerate()
            .map(|(t, &(a, c, b))| Unc {
                task: t as u32,
                sampler: Sampler::of(
                    &Estimate::Triangular {
                        optimistic: d(a),
                        likely: d(c),
                        pessimistic: d(b),
                    },
                    0,
                ),
                group: None,
            })
            .collect();
        let (quads, slow) = tri_quads(&unc, &[false; 5]);
        // Tasks 0–3 share a Philox block, task 4 starts the next; none is sampled alone.
        assert_eq!((quads.len(), slow.len()), (2, 0));
        assert_eq!(quads[1].task, [4, u32::MAX, u32::MAX, u32::MAX]);
        let draws = Draws::new(5);
        let mut words: Vec<u32> = vec![0, 1, u32::MAX, u32::MAX - 1, 1 << 31, (1 << 30) - 1];
        words.extend((0..20_000).map(|i| draws.word(Stream::Duration, i, 0)));
        for w in words {
            for x in &quads {
                let v = x.sample([w; 4]);
                for l in 0..4 {
                    if x.task[l] != u32::MAX {
                        let u = &unc[x.k[l] as usize];
                        assert_eq!(
                            v[l] as i64,
                            u.sampler.sample(w, &[]),
                            "task {} draw {w}",
                            u.task
                        );
                    }
                }
            }
        }
    }
}
