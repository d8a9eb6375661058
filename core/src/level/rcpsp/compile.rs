//! A validated problem laid out as flat arrays: precedences as start-to-start gaps in CSR form
//! both ways, demands per activity, capacity steps per resource, a topological order, the
//! resource-free early and late starts and the lower bound.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::{Error, Part, Problem, MAX_HORIZON};

/// An arc of the precedence graph: the other end and the least start-to-start distance.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Arc {
    pub(crate) node: u32,
    pub(crate) gap: i64,
}

#[derive(Debug, Clone)]
pub(crate) struct Instance {
    pub(crate) n: usize,
    pub(crate) dur: Vec<i64>,
    pub(crate) release: Vec<i64>,
    pub(crate) priority: Vec<i64>,
    pred_at: Vec<u32>,
    preds: Vec<Arc>,
    succ_at: Vec<u32>,
    succs: Vec<Arc>,
    dem_at: Vec<u32>,
    dems: Vec<(u32, i32)>,
    /// Per resource, the capacity of each period before its last change (empty for a constant
    /// capacity), and the capacity from then on.
    pub(crate) base: Vec<Vec<i32>>,
    pub(crate) tail: Vec<i32>,
    /// Every period at which some capacity changes, sorted.
    pub(crate) changes: Vec<i64>,
    pub(crate) es: Vec<i64>,
    pub(crate) ls: Vec<i64>,
    pub(crate) critical_path: i64,
    pub(crate) lower_bound: i64,
    /// A topological order (smallest index first among the ready), and each activity's
    /// position in it.
    pub(crate) topo: Vec<u32>,
    pub(crate) rank: Vec<u32>,
    /// Every gap is at least 0 and at least the predecessor's duration minus the successor's
    /// (finish-to-start precedences with non-negative lags, say): then sorting a schedule by
    /// start (or by finish, descending) gives a topological order, and justification never
    /// makes a schedule longer.
    pub(crate) simple: bool,
}

fn invalid(part: Part, message: &'static str) -> Error {
    Error::Invalid { part, message }
}

impl Instance {
    pub(crate) fn compile(p: &Problem) -> Result<Instance, Error> {
        let n = p.activities.len();
        let nres = p.resources.len();
        if n >= u32::MAX as usize || nres >= u32::MAX as usize {
            return Err(invalid(Part::Problem, "too many activities or resources"));
        }
        // Resources.
        let mut base = Vec::with_capacity(nres);
        let mut tail = Vec::with_capacity(nres);
        let mut changes = Vec::new();
        for (r, res) in p.resources.iter().enumerate() {
            let part = Part::Resource(r);
            let cap = |c: u32| i32::try_from(c).map_err(|_| invalid(part, "capacity too large"));
            let mut steps: Vec<i32> = Vec::new();
            let mut cur = cap(res.capacity)?;
            let mut at = 0i64;
            for c in &res.changes {
                if c.from <= at || c.from > MAX_HORIZON {
                    return Err(invalid(
                        part,
                        "capacity changes must be at strictly increasing periods from 1 up to MAX_HORIZON",
                    ));
                }
                steps.resize(c.from as usize, cur);
                cur = cap(c.capacity)?;
                at = c.from;
                changes.push(c.from);
            }
            base.push(steps);
            tail.push(cur);
        }
        changes.sort_unstable();
        changes.dedup();
        // Activities and demands.
        let mut dur = Vec::with_capacity(n);
        let mut release = Vec::with_capacity(n);
        let mut priority = Vec::with_capacity(n);
        let mut dem_at = Vec::with_capacity(n + 1);
        let mut dems: Vec<(u32, i32)> = Vec::new();
        dem_at.push(0);
        for (i, a) in p.activities.iter().enumerate() {
            let part = Part::Activity(i);
            if !(0..=MAX_HORIZON).contains(&a.duration) {
                return Err(invalid(
                    part,
                    "the duration must be 0 to MAX_HORIZON periods",
                ));
            }
            if !(0..=MAX_HORIZON).contains(&a.release) {
                return Err(invalid(part, "the release must be 0 to MAX_HORIZON"));
            }
            dur.push(a.duration);
            release.push(a.release);
            priority.push(a.priority);
            let first = dems.len();
            for d in &a.demands {
                if d.resource >= nres {
                    return Err(invalid(
                        part,
                        "a demand names a resource that does not exist",
                    ));
                }
                if d.amount == 0 || a.duration == 0 {
                    continue;
                }
                let amount = i64::from(d.amount);
                match dems[first..]
                    .iter_mut()
                    .find(|e| e.0 as usize == d.resource)
                {
                    Some(e) => e.1 = i32::try_from(i64::from(e.1) + amount).unwrap_or(i32::MAX),
                    None => {
                        dems.push((d.resource as u32, i32::try_from(amount).unwrap_or(i32::MAX)))
                    }
                }
            }
            for &(r, q) in &dems[first..] {
                let r = r as usize;
                if q > tail[r] {
                    return Err(Error::NeverFits {
                        activity: i,
                        resource: r,
                        demand: u32::try_from(q).unwrap_or(u32::MAX),
                        capacity: u32::try_from(tail[r]).unwrap_or(0),
                    });
                }
            }
            dem_at.push(dems.len() as u32);
        }
        // Precedences as gaps.
        let mut edges: Vec<(u32, u32, i64)> = Vec::with_capacity(p.precedences.len());
        for (k, e) in p.precedences.iter().enumerate() {
            let part = Part::Precedence(k);
            if e.from >= n || e.to >= n {
                return Err(invalid(part, "names an activity that does not exist"));
            }
            if e.from == e.to {
                return Err(invalid(part, "an activity cannot precede itself"));
            }
            if !(-MAX_HORIZON..=MAX_HORIZON).contains(&e.lag) {
                return Err(invalid(part, "the lag must be within MAX_HORIZON periods"));
            }
            let gap = e.start_gap(dur[e.from], dur[e.to]);
            edges.push((e.from as u32, e.to as u32, gap));
        }
        let (pred_at, preds) = csr(n, edges.iter().map(|&(a, b, g)| (b, a, g)));
        let (succ_at, succs) = csr(n, edges.iter().copied());
        let simple = edges
            .iter()
            .all(|&(a, b, g)| g >= 0 && g + dur[b as usize] >= dur[a as usize]);

        let mut inst = Instance {
            n,
            dur,
            release,
            priority,
            pred_at,
            preds,
            succ_at,
            succs,
            dem_at,
            dems,
            base,
            tail,
            changes,
            es: Vec::new(),
            ls: Vec::new(),
            critical_path: 0,
            lower_bound: 0,
            topo: Vec::new(),
            rank: Vec::new(),
            simple,
        };
        inst.order()?;
        inst.times()?;
        Ok(inst)
    }

    /// The predecessors of `j` with their gaps.
    #[inline]
    pub(crate) fn preds(&self, j: usize) -> &[Arc] {
        &self.preds[self.pred_at[j] as usize..self.pred_at[j + 1] as usize]
    }

    /// The successors of `j` with their gaps.
    #[inline]
    pub(crate) fn succs(&self, j: usize) -> &[Arc] {
        &self.succs[self.succ_at[j] as usize..self.succ_at[j + 1] as usize]
    }

    /// What `j` needs, as (resource, amount) pairs (none for a milestone).
    #[inline]
    pub(crate) fn demands(&self, j: usize) -> &[(u32, i32)] {
        &self.dems[self.dem_at[j] as usize..self.dem_at[j + 1] as usize]
    }

    /// The number of resources.
    pub(crate) fn resources(&self) -> usize {
        self.tail.len()
    }

    /// The capacity of resource `r` in period `u`.
    #[inline]
    pub(crate) fn capacity(&self, r: usize, u: i64) -> i32 {
        let b = &self.base[r];
        if (u as usize) < b.len() && u >= 0 {
            b[u as usize]
        } else {
            self.tail[r]
        }
    }

    /// Whether `b` is a direct successor of `a`.
    pub(crate) fn precedes(&self, a: usize, b: usize) -> bool {
        self.succs(a).iter().any(|s| s.node as usize == b)
    }

    /// The topological order (Kahn's algorithm, smallest index first), or the cycle.
    fn order(&mut self) -> Result<(), Error> {
        let n = self.n;
        let mut indeg: Vec<u32> = (0..n).map(|j| self.preds(j).len() as u32).collect();
        let mut ready: BinaryHeap<Reverse<u32>> = (0..n as u32)
            .filter(|&j| indeg[j as usize] == 0)
            .map(Reverse)
            .collect();
        let mut topo = Vec::with_capacity(n);
        while let Some(Reverse(j)) = ready.pop() {
            topo.push(j);
            for s in self.succs(j as usize) {
                let d = &mut indeg[s.node as usize];
                *d -= 1;
                if *d == 0 {
                    ready.push(Reverse(s.node));
                }
            }
        }
        if topo.len() < n {
            return Err(Error::Cycle {
                activities: self.cycle(&indeg),
            });
        }
        let mut rank = vec![0u32; n];
        for (k, &j) in topo.iter().enumerate() {
            rank[j as usize] = k as u32;
        }
        self.topo = topo;
        self.rank = rank;
        Ok(())
    }

    /// One cycle among the activities Kahn's algorithm could not order (each has an unordered
    /// predecessor): walk back through the smallest such predecessor until a repeat.
    fn cycle(&self, indeg: &[u32]) -> Vec<usize> {
        let left = |j: usize| indeg[j] > 0;
        let Some(mut v) = (0..self.n).find(|&j| left(j)) else {
            return Vec::new();
        };
        let mut seen = vec![usize::MAX; self.n];
        let mut walk = Vec::new();
        while seen[v] == usize::MAX {
            seen[v] = walk.len();
            walk.push(v);
            let Some(p) = self
                .preds(v)
                .iter()
                .map(|a| a.node as usize)
                .filter(|&p| left(p))
                .min()
            else {
                return walk;
            };
            v = p;
        }
        let mut cyc: Vec<usize> = walk[seen[v]..].to_vec();
        cyc.reverse(); // each a predecessor of the next
        let k = (0..cyc.len()).min_by_key(|&k| cyc[k]).unwrap_or(0);
        cyc.rotate_left(k);
        cyc
    }

    /// Early and late starts without resources, the critical path and the lower bound; and a
    /// check that every schedule the solver may build stays within [`MAX_HORIZON`].
    fn times(&mut self) -> Result<(), Error> {
        let n = self.n;
        let mut es = self.release.clone();
        for k in 0..n {
            let j = self.topo[k] as usize;
            let mut t = es[j];
            for a in self.preds(j) {
                t = t.max(es[a.node as usize] + a.gap);
            }
            es[j] = t;
        }
        let cp = (0..n).map(|j| es[j] + self.dur[j]).max().unwrap_or(0);
        let mut ls: Vec<i64> = (0..n).map(|j| cp - self.dur[j]).collect();
        for k in (0..n).rev() {
            let j = self.topo[k] as usize;
            let mut t = ls[j];
            for a in self.succs(j) {
                t = t.min(ls[a.node as usize] - a.gap);
            }
            ls[j] = t;
        }
        // A bound on any schedule a generation scheme builds: past the last release and capacity
        // change, activity j starts at most `extra` after everything placed before it finishes.
        let mut bound = self.release.iter().copied().max().unwrap_or(0);
        bound = bound.max(self.changes.last().copied().unwrap_or(0));
        for j in 0..n {
            let extra = self
                .preds(j)
                .iter()
                .map(|a| a.gap - self.dur[a.node as usize])
                .max()
                .unwrap_or(0)
                .max(0);
            bound = bound.saturating_add(extra + self.dur[j]);
        }
        if bound > MAX_HORIZON || cp > MAX_HORIZON {
            return Err(invalid(
                Part::Problem,
                "a schedule could span more than MAX_HORIZON periods",
            ));
        }
        let mut lb = cp.max(0);
        for r in 0..self.resources() {
            let work: i64 = (0..n)
                .flat_map(|j| self.demands(j).iter().map(move |&(rr, q)| (j, rr, q)))
                .filter(|&(_, rr, _)| rr as usize == r)
                .map(|(j, _, q)| i64::from(q) * self.dur[j])
                .sum();
            lb = lb.max(self.energy_bound(r, work));
        }
        self.es = es;
        self.ls = ls;
        self.critical_path = cp;
        self.lower_bound = lb;
        Ok(())
    }

    /// The first period by which resource `r` can have supplied `work` units from period 0.
    fn energy_bound(&self, r: usize, work: i64) -> i64 {
        if work <= 0 {
            return 0;
        }
        let mut left = work;
        for (u, &c) in self.base[r].iter().enumerate() {
            left -= i64::from(c);
            if left <= 0 {
                return u as i64 + 1;
            }
        }
        let c = i64::from(self.tail[r]).max(1);
        self.base[r].len() as i64 + (left + c - 1) / c
    }

    /// The number of direct and indirect successors of every activity (bit sets, 64 targets
    /// at a time).
    pub(crate) fn total_successors(&self) -> Vec<i64> {
        let n = self.n;
        let mut count = vec![0i64; n];
        let mut bits = vec![0u64; n];
        for block in (0..n).step_by(64) {
            for k in (0..n).rev() {
                let j = self.topo[k] as usize;
                let mut b = 0u64;
                for s in self.succs(j) {
                    let s = s.node as usize;
                    b |= bits[s];
                    if (block..block + 64).contains(&s) {
                        b |= 1 << (s - block);
                    }
                }
                bits[j] = b;
                count[j] += i64::from(b.count_ones());
            }
        }
        count
    }
}

/// Adjacency lists in CSR form, in input order within each node.
fn csr(n: usize, edges: impl Iterator<Item = (u32, u32, i64)> + Clone) -> (Vec<u32>, Vec<Arc>) {
    let mut at = vec![0u32; n + 1];
    for (a, _, _) in edges.clone() {
        at[a as usize + 1] += 1;
    }
    for k in 0..n {
        at[k + 1] += at[k];
    }
    let mut fill = at.clone();
    let mut out = vec![Arc { node: 0, gap: 0 }; at[n] as usize];
    for (a, b, g) in edges {
        let slot = &mut fill[a as usize];
        out[*slot as usize] = Arc { node: b, gap: g };
        *slot += 1;
    }
    (at, out)
}
