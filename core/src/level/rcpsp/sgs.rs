//! Schedule-generation schemes over a time-indexed resource profile: the serial scheme forward
//! (earliest feasible start) and backward (latest feasible finish), and the parallel scheme.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::compile::Instance;

/// The free capacity of every resource in every period, up to where it has been looked at.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    free: Vec<Vec<i32>>,
    /// Per resource, one past the last period written since the last reset.
    dirty: Vec<usize>,
}

impl Profile {
    pub(crate) fn new(inst: &Instance) -> Profile {
        let nres = inst.resources();
        Profile {
            free: (0..nres).map(|r| inst.base[r].clone()).collect(),
            dirty: vec![0; nres],
        }
    }

    /// Frees every period again.
    pub(crate) fn reset(&mut self, inst: &Instance) {
        for r in 0..self.free.len() {
            let end = self.dirty[r];
            let f = &mut self.free[r];
            let b = &inst.base[r];
            let k = end.min(b.len());
            f[..k].copy_from_slice(&b[..k]);
            if end > k {
                f[k..end].fill(inst.tail[r]);
            }
            self.dirty[r] = 0;
        }
    }

    /// Makes resource `r`'s profile reach period `end - 1`.
    #[inline]
    fn reach(&mut self, inst: &Instance, r: usize, end: usize) {
        let f = &mut self.free[r];
        if f.len() < end {
            let want = end.max(2 * f.len()).max(64);
            f.resize(want, inst.tail[r]);
        }
    }

    /// The earliest start `t ≥ t0` at which `j` fits for its whole duration.
    #[inline]
    pub(crate) fn earliest(&mut self, inst: &Instance, j: usize, t0: i64) -> i64 {
        let d = inst.dur[j];
        let mut t = t0;
        if d == 0 {
            return t;
        }
        'retry: loop {
            for &(r, q) in inst.demands(j) {
                let r = r as usize;
                let end = (t + d) as usize;
                self.reach(inst, r, end);
                let f = &self.free[r][t as usize..end];
                if let Some(k) = f.iter().rposition(|&x| x < q) {
                    t += k as i64 + 1;
                    continue 'retry;
                }
            }
            return t;
        }
    }

    /// The latest start `t` with `lo ≤ t ≤ hi` at which `j` fits, if any.
    #[inline]
    pub(crate) fn latest(&mut self, inst: &Instance, j: usize, hi: i64, lo: i64) -> Option<i64> {
        let d = inst.dur[j];
        let mut t = hi;
        if t < lo {
            return None;
        }
        if d == 0 {
            return Some(t);
        }
        'retry: loop {
            for &(r, q) in inst.demands(j) {
                let r = r as usize;
                let end = (t + d) as usize;
                self.reach(inst, r, end);
                let f = &self.free[r][t as usize..end];
                if let Some(k) = f.iter().position(|&x| x < q) {
                    t += k as i64 - d;
                    if t < lo {
                        return None;
                    }
                    continue 'retry;
                }
            }
            return Some(t);
        }
    }

    /// Whether `j` fits from period `t` on.
    #[inline]
    pub(crate) fn fits(&mut self, inst: &Instance, j: usize, t: i64) -> bool {
        let d = inst.dur[j];
        for &(r, q) in inst.demands(j) {
            let r = r as usize;
            let end = (t + d) as usize;
            self.reach(inst, r, end);
            if self.free[r][t as usize..end].iter().any(|&x| x < q) {
                return false;
            }
        }
        true
    }

    /// Books `j` from period `t` on.
    #[inline]
    pub(crate) fn place(&mut self, inst: &Instance, j: usize, t: i64) {
        let d = inst.dur[j];
        if d == 0 {
            return;
        }
        for &(r, q) in inst.demands(j) {
            let r = r as usize;
            let end = (t + d) as usize;
            self.reach(inst, r, end);
            for x in &mut self.free[r][t as usize..end] {
                *x -= q;
            }
            if self.dirty[r] < end {
                self.dirty[r] = end;
            }
        }
    }
}

/// The precedence-and-release bound of `j` given the starts of its predecessors.
#[inline]
pub(crate) fn ready_at(inst: &Instance, j: usize, starts: &[i64]) -> i64 {
    let mut t = inst.release[j];
    for a in inst.preds(j) {
        t = t.max(starts[a.node as usize] + a.gap);
    }
    t
}

/// The serial scheme forward: activities in `list` order (a topological order), each at its
/// earliest feasible start. Writes `starts`, returns the makespan.
pub(crate) fn forward(
    inst: &Instance,
    prof: &mut Profile,
    list: &[u32],
    starts: &mut [i64],
) -> i64 {
    prof.reset(inst);
    let mut makespan = 0;
    for &j in list {
        let j = j as usize;
        let t = prof.earliest(inst, j, ready_at(inst, j, starts));
        prof.place(inst, j, t);
        starts[j] = t;
        makespan = makespan.max(t + inst.dur[j]);
    }
    makespan
}

/// The serial scheme backward: activities in `list` order (a reverse topological order), each
/// at its latest feasible start finishing by `end`, never before its release. Writes `starts`;
/// false (and `starts` partly written) when some activity would have to start before its
/// release.
pub(crate) fn backward(
    inst: &Instance,
    prof: &mut Profile,
    list: &[u32],
    end: i64,
    starts: &mut [i64],
) -> bool {
    prof.reset(inst);
    for &j in list {
        let j = j as usize;
        let mut hi = end - inst.dur[j];
        for a in inst.succs(j) {
            hi = hi.min(starts[a.node as usize] - a.gap);
        }
        match prof.latest(inst, j, hi, inst.release[j]) {
            Some(t) => {
                prof.place(inst, j, t);
                starts[j] = t;
            }
            None => return false,
        }
    }
    true
}

/// Reusable buffers of the schemes that choose as they go.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scratch {
    missing: Vec<u32>,
    eligible: Vec<u32>,
    decision: Vec<u32>,
    ready: Vec<i64>,
    events: BinaryHeap<Reverse<i64>>,
}

/// The serial scheme choosing as it goes: at each stage `choose` picks one of the eligible
/// activities (all predecessors scheduled), given as a slice; it is started at its earliest
/// feasible start. Writes `starts` and the order into `list`; returns the makespan.
pub(crate) fn serial_by(
    inst: &Instance,
    prof: &mut Profile,
    sc: &mut Scratch,
    choose: &mut dyn FnMut(&[u32]) -> usize,
    starts: &mut [i64],
    list: &mut Vec<u32>,
) -> i64 {
    prof.reset(inst);
    list.clear();
    sc.missing.clear();
    sc.missing
        .extend((0..inst.n).map(|j| inst.preds(j).len() as u32));
    sc.eligible.clear();
    sc.eligible
        .extend((0..inst.n as u32).filter(|&j| sc.missing[j as usize] == 0));
    let mut makespan = 0;
    while !sc.eligible.is_empty() {
        let k = choose(&sc.eligible).min(sc.eligible.len() - 1);
        // The eligible set stays in index order, so choices never depend on its history.
        let j = sc.eligible.remove(k) as usize;
        let t = prof.earliest(inst, j, ready_at(inst, j, starts));
        prof.place(inst, j, t);
        starts[j] = t;
        makespan = makespan.max(t + inst.dur[j]);
        list.push(j as u32);
        for a in inst.succs(j) {
            let m = &mut sc.missing[a.node as usize];
            *m -= 1;
            if *m == 0 {
                let pos = sc.eligible.partition_point(|&x| x < a.node);
                sc.eligible.insert(pos, a.node);
            }
        }
    }
    makespan
}

/// The parallel scheme: at each decision period `t` (a release, a finish, a capacity change
/// or a precedence bound), `choose` repeatedly picks one of the activities that are eligible,
/// ready by `t` and fit from `t` (given as a slice in index order), which starts at `t`, until
/// none is left; then time moves to the next decision period. Writes `starts` and the order
/// into `list`; returns the makespan.
pub(crate) fn parallel_by(
    inst: &Instance,
    prof: &mut Profile,
    sc: &mut Scratch,
    choose: &mut dyn FnMut(&[u32]) -> usize,
    starts: &mut [i64],
    list: &mut Vec<u32>,
) -> i64 {
    prof.reset(inst);
    list.clear();
    let n = inst.n;
    sc.missing.clear();
    sc.missing
        .extend((0..n).map(|j| inst.preds(j).len() as u32));
    sc.ready.clear();
    sc.ready.resize(n, 0);
    sc.eligible.clear();
    sc.events.clear();
    for &c in &inst.changes {
        sc.events.push(Reverse(c));
    }
    for j in 0..n as u32 {
        if sc.missing[j as usize] == 0 {
            sc.eligible.push(j);
            let r = inst.release[j as usize];
            sc.ready[j as usize] = r;
            sc.events.push(Reverse(r));
        }
    }
    let mut makespan = 0;
    let mut t = sc.events.peek().map_or(0, |e| e.0);
    while !sc.eligible.is_empty() {
        loop {
            sc.decision.clear();
            for &j in &sc.eligible {
                if sc.ready[j as usize] <= t && prof.fits(inst, j as usize, t) {
                    sc.decision.push(j);
                }
            }
            if sc.decision.is_empty() {
                break;
            }
            let k = choose(&sc.decision).min(sc.decision.len() - 1);
            let j = sc.decision[k];
            let ju = j as usize;
            if let Ok(pos) = sc.eligible.binary_search(&j) {
                sc.eligible.remove(pos);
            }
            prof.place(inst, ju, t);
            starts[ju] = t;
            let f = t + inst.dur[ju];
            makespan = makespan.max(f);
            sc.events.push(Reverse(f));
            list.push(j);
            for a in inst.succs(ju) {
                let s = a.node as usize;
                sc.missing[s] -= 1;
                if sc.missing[s] == 0 {
                    let r = ready_at(inst, s, starts);
                    sc.ready[s] = r;
                    sc.events.push(Reverse(r));
                    let pos = sc.eligible.partition_point(|&x| x < a.node);
                    sc.eligible.insert(pos, a.node);
                }
            }
        }
        // The next decision period.
        while let Some(&Reverse(e)) = sc.events.peek() {
            if e > t {
                break;
            }
            sc.events.pop();
        }
        match sc.events.peek() {
            Some(&Reverse(e)) => t = e,
            None => break,
        }
    }
    makespan
}

/// Writes into `list` a topological order of the activities by `key`, smallest first, with
/// ties in topological rank order. When the instance is [`simple`](Instance::simple) and the
/// keys come from a schedule (its starts, or its negated finishes), a plain sort does it;
/// otherwise Kahn's algorithm with the keys as priorities.
pub(crate) fn order_by(
    inst: &Instance,
    key: impl Fn(usize) -> i64,
    reverse: bool,
    list: &mut Vec<u32>,
    sc: &mut Scratch,
) {
    list.clear();
    if inst.simple {
        list.extend(0..inst.n as u32);
        if reverse {
            list.sort_unstable_by_key(|&j| (key(j as usize), Reverse(inst.rank[j as usize])));
        } else {
            list.sort_unstable_by_key(|&j| (key(j as usize), inst.rank[j as usize]));
        }
        return;
    }
    let n = inst.n;
    sc.missing.clear();
    let mut heap: BinaryHeap<Reverse<(i64, i64, u32)>> = BinaryHeap::new();
    let tie = |j: usize| {
        let r = i64::from(inst.rank[j]);
        if reverse {
            -r
        } else {
            r
        }
    };
    for j in 0..n {
        let deg = if reverse {
            inst.succs(j).len()
        } else {
            inst.preds(j).len()
        } as u32;
        sc.missing.push(deg);
        if deg == 0 {
            heap.push(Reverse((key(j), tie(j), j as u32)));
        }
    }
    while let Some(Reverse((_, _, j))) = heap.pop() {
        list.push(j);
        let next = if reverse {
            inst.preds(j as usize)
        } else {
            inst.succs(j as usize)
        };
        for a in next {
            let s = a.node as usize;
            sc.missing[s] -= 1;
            if sc.missing[s] == 0 {
                heap.push(Reverse((key(s), tie(s), a.node)));
            }
        }
    }
}
