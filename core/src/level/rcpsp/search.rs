//! The search: a first schedule by a priority rule, then a genetic algorithm over activity
//! lists (peak, biased uniform and two-point crossover, restarts when it stagnates) whose
//! every child is decoded by the serial scheme and improved by double justification. See
//! `core/DESIGN.md`, "Levelling".

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::control::CancelToken;

use super::compile::Instance;
use super::rng::Rng;
use super::sgs::{self, Profile, Scratch};
use super::{Budget, Hooks, Options, PriorityRule, Progress, Scheme, Stop};

/// The best schedule found.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub(crate) starts: Vec<i64>,
    pub(crate) makespan: i64,
    pub(crate) schedules: u64,
    pub(crate) stop: Stop,
}

/// Counts schedules against the budget and tells the host.
struct Meter<'h> {
    used: u64,
    budget: Budget,
    clock: Option<&'h dyn Fn() -> u64>,
    began: u64,
    cancel: Option<&'h CancelToken>,
    progress: Option<&'h mut dyn FnMut(&Progress)>,
    stop: Option<Stop>,
    best: i64,
    lower_bound: i64,
}

impl Meter<'_> {
    /// Whether one more schedule may be generated.
    fn more(&mut self) -> bool {
        if self.stop.is_some() {
            return false;
        }
        if self.cancel.is_some_and(CancelToken::is_cancelled) {
            self.stop = Some(Stop::Cancelled);
            return false;
        }
        let left = match self.budget {
            Budget::Schedules(n) => self.used < n,
            Budget::Millis(ms) => {
                let now = self.clock.map_or(u64::MAX, |c| c());
                now.saturating_sub(self.began) < ms && self.used < u64::MAX
            }
        };
        if !left {
            self.stop = Some(Stop::Budget);
        }
        left
    }

    fn spend(&mut self) {
        self.used += 1;
        if self.used % 1000 == 0 {
            self.tell();
        }
    }

    fn tell(&mut self) {
        let p = Progress {
            schedules: self.used,
            makespan: self.best,
            lower_bound: self.lower_bound,
        };
        if let Some(f) = self.progress.as_mut() {
            f(&p);
        }
    }
}

/// One member of the population: a topological activity list (in start order of its
/// schedule), its makespan and a hash of its starts.
#[derive(Debug, Clone)]
struct Member {
    list: Vec<u32>,
    starts: Vec<i64>,
    makespan: i64,
    hash: u64,
}

fn hash(starts: &[i64]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for &s in starts {
        h = (h ^ s as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Random keys of a member's start order: its starts as a fraction of its makespan in the
/// high 64 bits, its list position in the low ones (so ties keep its order).
fn start_keys(m: &Member) -> Vec<u128> {
    let mut keys = vec![0u128; m.list.len()];
    let ms = m.makespan.max(1) as u128;
    for (pos, &j) in m.list.iter().enumerate() {
        let s = m.starts[j as usize].max(0) as u128;
        keys[j as usize] = (((s << 32) / ms) << 64) | pos as u128;
    }
    keys
}

/// Priority keys of a rule, smaller first (ties to the smaller index).
fn keys(inst: &Instance, rule: PriorityRule) -> Vec<i64> {
    let n = inst.n;
    match rule {
        PriorityRule::Lft => (0..n).map(|j| inst.ls[j] + inst.dur[j]).collect(),
        PriorityRule::Lst => inst.ls.clone(),
        PriorityRule::Mslk => (0..n).map(|j| inst.ls[j] - inst.es[j]).collect(),
        PriorityRule::Mts => inst.total_successors().iter().map(|&c| -c).collect(),
        PriorityRule::Grpw => (0..n)
            .map(|j| {
                let s: i64 = inst
                    .succs(j)
                    .iter()
                    .map(|a| inst.dur[a.node as usize])
                    .sum();
                -(inst.dur[j] + s)
            })
            .collect(),
        PriorityRule::Priority => {
            // Priority first, then LFT: scale so both fit one key.
            let lft: Vec<i64> = (0..n).map(|j| inst.ls[j] + inst.dur[j]).collect();
            let span =
                lft.iter().copied().max().unwrap_or(0) - lft.iter().copied().min().unwrap_or(0) + 1;
            let lo = lft.iter().copied().min().unwrap_or(0);
            (0..n)
                .map(|j| {
                    (-inst.priority[j])
                        .clamp(-(1 << 30), 1 << 30)
                        .saturating_mul(span)
                        .saturating_add(lft[j] - lo)
                })
                .collect()
        }
    }
}

/// The candidate with the smallest key (the first of them on ties: candidates are in index
/// order).
fn argmin(cands: &[u32], key: &[i64]) -> usize {
    let mut best = 0;
    for (k, &j) in cands.iter().enumerate() {
        if key[j as usize] < key[cands[best] as usize] {
            best = k;
        }
    }
    best
}

/// Regret-based biased random sampling (Drexl 1991; Kolisch 1996): the chance of a candidate
/// grows with its regret, how much worse the worst candidate's key is than its own, plus one.
fn regret_pick(cands: &[u32], key: &[i64], rng: &mut Rng) -> usize {
    let worst = cands.iter().map(|&j| key[j as usize]).max().unwrap_or(0);
    let total: u64 = cands
        .iter()
        .map(|&j| (worst - key[j as usize]) as u64 + 1)
        .sum();
    let mut x = ((u128::from(rng.next_u64()) * u128::from(total)) >> 64) as u64;
    for (k, &j) in cands.iter().enumerate() {
        let w = (worst - key[j as usize]) as u64 + 1;
        if x < w {
            return k;
        }
        x -= w;
    }
    cands.len() - 1
}

/// Population size of the genetic algorithm.
const POPULATION: usize = 40;
/// Chance (per thousand) that a position of a child's list is swapped with the next.
const MUTATION: u64 = 50;
/// Chance (per thousand) that a child is made by the peak crossover rather than the two-point
/// one (on simple instances).
const PEAK: u64 = 500;
/// The shortest and longest peak, in thousandths of the father's makespan.
const PEAK_SPAN: (usize, usize) = (250, 750);
/// Chance (per thousand) that a child is made by the biased uniform crossover of start keys
/// rather than by the peak or the two-point one.
const UNIFORM: u64 = 300;
/// Share (per thousand) of the population, by makespan, from which the uniform crossover's
/// elite parent is drawn.
const ELITE: usize = 250;
/// Chance (per thousand) that a key of a uniform child comes from its elite parent.
const ELITE_KEY: u64 = 700;
/// Children without a new best, per activity, before the population is sampled afresh.
const STALE_PER_ACTIVITY: u64 = 5;

struct Search<'a, 'h> {
    inst: &'a Instance,
    prof: Profile,
    sc: Scratch,
    rng: Rng,
    meter: Meter<'h>,
    best: Vec<i64>,
    best_makespan: i64,
    lft: Vec<i64>,
    // Buffers.
    starts: Vec<i64>,
    other: Vec<i64>,
    list: Vec<u32>,
    /// Restarts of the genetic algorithm so far.
    #[cfg(test)]
    restarts: u64,
}

impl Search<'_, '_> {
    /// Offers a schedule of the serial scheme forward as the best.
    fn offer(&mut self, starts: &[i64], makespan: i64) {
        if makespan < self.best_makespan {
            self.best_makespan = makespan;
            self.best.copy_from_slice(starts);
            self.meter.best = makespan;
            self.meter.tell();
            if makespan <= self.inst.lower_bound {
                self.meter.stop = Some(Stop::LowerBound);
            }
        }
    }

    /// Decodes `list` with the serial scheme and improves it by justification; the member
    /// holds the justified schedule and its start-ordered list. None when the budget ran out
    /// before the first pass.
    fn evaluate(&mut self, list: &[u32]) -> Option<Member> {
        if !self.meter.more() {
            return None;
        }
        let inst = self.inst;
        let mut starts = vec![0i64; inst.n];
        let mut makespan = sgs::forward(inst, &mut self.prof, list, &mut starts);
        self.meter.spend();
        self.offer(&starts, makespan);
        self.justify(&mut starts, &mut makespan);
        let mut ordered = Vec::with_capacity(inst.n);
        sgs::order_by(inst, |j| starts[j], false, &mut ordered, &mut self.sc);
        Some(Member {
            hash: hash(&starts),
            list: ordered,
            starts,
            makespan,
        })
    }

    /// Double justification (Valls, Ballestín & Quintanilla 2005), repeated while it
    /// shortens the schedule: every activity as late as it can go in order of finish
    /// (the backward serial scheme), then as early as it can go in order of start.
    fn justify(&mut self, starts: &mut Vec<i64>, makespan: &mut i64) {
        let inst = self.inst;
        loop {
            if !self.meter.more() {
                return;
            }
            let s = &*starts;
            sgs::order_by(
                inst,
                |j| -(s[j] + inst.dur[j]),
                true,
                &mut self.list,
                &mut self.sc,
            );
            let ok = sgs::backward(inst, &mut self.prof, &self.list, *makespan, &mut self.other);
            self.meter.spend();
            if !ok || !self.meter.more() {
                return;
            }
            let o = &self.other;
            sgs::order_by(inst, |j| o[j], false, &mut self.list, &mut self.sc);
            let m = sgs::forward(inst, &mut self.prof, &self.list, &mut self.starts);
            self.meter.spend();
            if m > *makespan {
                return;
            }
            std::mem::swap(starts, &mut self.starts);
            let better = m < *makespan;
            *makespan = m;
            let (s, mk) = (starts.clone(), m);
            self.offer(&s, mk);
            if !better {
                return;
            }
        }
    }

    /// A schedule sampled by regret-biased LFT with either scheme, justified.
    fn sample(&mut self, parallel: bool) -> Option<Member> {
        if !self.meter.more() {
            return None;
        }
        let inst = self.inst;
        let mut starts = vec![0i64; inst.n];
        let mut list = Vec::with_capacity(inst.n);
        let lft = std::mem::take(&mut self.lft);
        let rng = &mut self.rng;
        let mut choose = |c: &[u32]| regret_pick(c, &lft, rng);
        let mut makespan = if parallel {
            sgs::parallel_by(
                inst,
                &mut self.prof,
                &mut self.sc,
                &mut choose,
                &mut starts,
                &mut list,
            )
        } else {
            sgs::serial_by(
                inst,
                &mut self.prof,
                &mut self.sc,
                &mut choose,
                &mut starts,
                &mut list,
            )
        };
        self.lft = lft;
        self.meter.spend();
        if !parallel {
            self.offer(&starts, makespan);
        }
        self.justify(&mut starts, &mut makespan);
        if parallel {
            // A parallel schedule is only offered after a forward serial pass (justify's).
            self.repass(&mut starts, &mut makespan);
        }
        let mut ordered = Vec::with_capacity(inst.n);
        sgs::order_by(inst, |j| starts[j], false, &mut ordered, &mut self.sc);
        Some(Member {
            hash: hash(&starts),
            list: ordered,
            starts,
            makespan,
        })
    }

    /// Decodes a schedule's start order with the serial scheme forward (never later in any
    /// activity on simple instances), so that it may be offered.
    fn repass(&mut self, starts: &mut Vec<i64>, makespan: &mut i64) {
        if !self.meter.more() {
            return;
        }
        let inst = self.inst;
        let s = &*starts;
        sgs::order_by(inst, |j| s[j], false, &mut self.list, &mut self.sc);
        let m = sgs::forward(inst, &mut self.prof, &self.list, &mut self.starts);
        self.meter.spend();
        if m <= *makespan {
            std::mem::swap(starts, &mut self.starts);
            *makespan = m;
            let s = starts.clone();
            self.offer(&s, m);
        }
    }

    /// Binary tournament by makespan.
    fn pick(&mut self, pop: &[Member]) -> usize {
        let a = self.rng.below(pop.len());
        let b = self.rng.below(pop.len());
        if pop[b].makespan < pop[a].makespan {
            b
        } else {
            a
        }
    }

    /// Two-point crossover of activity lists (Hartmann 1998): the child takes the mother's
    /// first part, then the father's order of what is missing up to the second point, then the
    /// mother's order of the rest. Children of topological lists are topological.
    fn crossover(&mut self, mother: &[u32], father: &[u32], child: &mut Vec<u32>) {
        let n = mother.len();
        let mut a = self.rng.below(n + 1);
        let mut b = self.rng.below(n + 1);
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        let mut taken = vec![false; n];
        child.clear();
        for &j in &mother[..a] {
            taken[j as usize] = true;
            child.push(j);
        }
        for &j in father {
            if child.len() >= b {
                break;
            }
            if !taken[j as usize] {
                taken[j as usize] = true;
                child.push(j);
            }
        }
        for &j in mother {
            if !taken[j as usize] {
                taken[j as usize] = true;
                child.push(j);
            }
        }
    }

    /// Peak crossover (Valls, Ballestín & Quintanilla 2008): the child keeps the father's
    /// busiest stretch of time (by resource utilisation), the activities starting in it in
    /// the father's order; those starting before it in the father come first, in the mother's
    /// order, and the rest after, in the mother's order. On a simple instance every part is
    /// closed under predecessors as needed, so the child is topological.
    fn peak(&mut self, mother: &Member, father: &Member, child: &mut Vec<u32>) {
        let inst = self.inst;
        let ms = father.makespan.max(0) as usize;
        if ms < 2 {
            child.clone_from(&mother.list);
            return;
        }
        // Utilisation per period, in 1/2^16 of each resource's capacity.
        let mut use_ = vec![0i64; ms + 1];
        for j in 0..inst.n {
            let (s, d) = (father.starts[j], inst.dur[j]);
            if d == 0 {
                continue;
            }
            for &(r, q) in inst.demands(j) {
                for t in s..s + d {
                    let cap = i64::from(inst.capacity(r as usize, t)).max(1);
                    use_[t as usize] += (i64::from(q) << 16) / cap;
                }
            }
        }
        let (lo, hi) = PEAK_SPAN;
        let span = (ms * lo / 1000).max(1);
        let len = span + self.rng.below((ms * hi / 1000).max(span) - span + 1);
        let len = len.min(ms);
        let mut sum: i64 = use_[..len].iter().sum();
        let (mut best, mut at) = (sum, 0usize);
        for t in 1..=ms - len {
            sum += use_[t + len - 1] - use_[t - 1];
            if sum > best {
                best = sum;
                at = t;
            }
        }
        let (t1, t2) = (at as i64, (at + len) as i64);
        let f = &father.starts;
        child.clear();
        child.extend(mother.list.iter().filter(|&&j| f[j as usize] < t1));
        child.extend(
            father
                .list
                .iter()
                .filter(|&&j| (t1..t2).contains(&f[j as usize])),
        );
        child.extend(mother.list.iter().filter(|&&j| f[j as usize] >= t2));
    }

    /// Biased uniform crossover of random keys (after Gonçalves, Resende & Mendes 2011): the
    /// keys of a member are its start order (starts as a fraction of its makespan, ties by its
    /// list); the child takes each activity's key from an elite parent (drawn from the best
    /// `ELITE` share by makespan) with chance `ELITE_KEY`, else from a member drawn at random,
    /// and its list is the topological order by those keys, the eligible activity with the
    /// smallest key first.
    fn uniform(&mut self, pop: &[Member], child: &mut Vec<u32>) {
        let inst = self.inst;
        let mut order: Vec<usize> = (0..pop.len()).collect();
        order.sort_by_key(|&i| pop[i].makespan);
        let elites = (pop.len() * ELITE / 1000).max(1);
        let elite = &pop[order[self.rng.below(elites)]];
        let other = &pop[self.rng.below(pop.len())];
        let (ke, ko) = (start_keys(elite), start_keys(other));
        let keys: Vec<u128> = ke
            .iter()
            .zip(&ko)
            .map(|(&e, &o)| {
                if self.rng.chance(ELITE_KEY, 1000) {
                    e
                } else {
                    o
                }
            })
            .collect();
        // Kahn's algorithm with the keys as priorities: keys mixed from two schedules need not
        // respect precedence, so a plain sort would not do.
        child.clear();
        let mut missing: Vec<u32> = (0..inst.n).map(|j| inst.preds(j).len() as u32).collect();
        let mut heap: BinaryHeap<Reverse<(u128, u32)>> = (0..inst.n)
            .filter(|&j| missing[j] == 0)
            .map(|j| Reverse((keys[j], j as u32)))
            .collect();
        while let Some(Reverse((_, j))) = heap.pop() {
            child.push(j);
            for a in inst.succs(j as usize) {
                let s = a.node as usize;
                missing[s] -= 1;
                if missing[s] == 0 {
                    heap.push(Reverse((keys[s], a.node)));
                }
            }
        }
    }

    /// Swaps neighbours of the list that no precedence ties, each with a small chance.
    fn mutate(&mut self, list: &mut [u32]) {
        for k in 0..list.len().saturating_sub(1) {
            if self.rng.chance(MUTATION, 1000)
                && !self.inst.precedes(list[k] as usize, list[k + 1] as usize)
            {
                list.swap(k, k + 1);
            }
        }
    }

    /// The genetic algorithm: a population of sampled schedules, children by the biased
    /// uniform crossover (`UNIFORM` of them) or by binary tournament and the peak or two-point
    /// crossover, then mutation, each replacing the worst member when it is no worse and not
    /// already there. When the best schedule has not improved for `STALE_PER_ACTIVITY`
    /// children per activity the population is sampled afresh but for its best member (a
    /// restart: it keeps the search from settling in one region).
    fn genetic(&mut self, first: Member) {
        let mut pop = vec![first];
        let mut k = 0;
        while pop.len() < POPULATION {
            match self.sample(k % 2 == 1) {
                Some(m) => pop.push(m),
                None => return,
            }
            k += 1;
        }
        let mut child = Vec::with_capacity(self.inst.n);
        let (mut stale, mut record) = (0u64, self.best_makespan);
        let limit = STALE_PER_ACTIVITY * self.inst.n as u64;
        loop {
            if self.best_makespan < record {
                record = self.best_makespan;
                stale = 0;
            }
            stale += 1;
            if stale > limit {
                stale = 0;
                #[cfg(test)]
                {
                    self.restarts += 1;
                }
                let keep = (0..pop.len()).min_by_key(|&i| pop[i].makespan).unwrap_or(0);
                pop.swap(0, keep);
                pop.truncate(1);
                while pop.len() < POPULATION {
                    match self.sample(k % 2 == 1) {
                        Some(m) => pop.push(m),
                        None => return,
                    }
                    k += 1;
                }
            }
            if self.rng.chance(UNIFORM, 1000) {
                self.uniform(&pop, &mut child);
            } else {
                let a = self.pick(&pop);
                let b = self.pick(&pop);
                if self.inst.simple && self.rng.chance(PEAK, 1000) {
                    self.peak(&pop[a], &pop[b], &mut child);
                } else {
                    let (mother, father) = (pop[a].list.clone(), pop[b].list.clone());
                    self.crossover(&mother, &father, &mut child);
                }
            }
            self.mutate(&mut child);
            let Some(m) = self.evaluate(&child) else {
                return;
            };
            let worst = (0..pop.len()).max_by_key(|&i| pop[i].makespan).unwrap_or(0);
            if m.makespan <= pop[worst].makespan && pop.iter().all(|p| p.hash != m.hash) {
                pop[worst] = m;
            }
        }
    }
}

/// Runs the search on a compiled instance.
pub(crate) fn run(inst: &Instance, options: &Options, hooks: Hooks<'_>) -> Found {
    let began = hooks.clock.map_or(0, |c| c());
    let meter = Meter {
        used: 0,
        budget: options.budget,
        clock: hooks.clock,
        began,
        cancel: hooks.cancel,
        progress: hooks.progress,
        stop: None,
        best: i64::MAX,
        lower_bound: inst.lower_bound,
    };
    let lft = keys(inst, PriorityRule::Lft);
    let mut s = Search {
        inst,
        prof: Profile::new(inst),
        sc: Scratch::default(),
        rng: Rng::new(options.seed),
        meter,
        best: vec![0; inst.n],
        best_makespan: i64::MAX,
        lft,
        starts: vec![0; inst.n],
        other: vec![0; inst.n],
        list: Vec::with_capacity(inst.n),
        #[cfg(test)]
        restarts: 0,
    };
    // The first schedule: one deterministic pass of the chosen rule and scheme. It is made
    // even when the budget allows none, so that there is always an answer.
    let key = keys(inst, options.rule);
    let mut starts = vec![0i64; inst.n];
    let mut list = Vec::with_capacity(inst.n);
    let mut choose = |c: &[u32]| argmin(c, &key);
    let mut makespan = match options.scheme {
        Scheme::Serial => sgs::serial_by(
            inst,
            &mut s.prof,
            &mut s.sc,
            &mut choose,
            &mut starts,
            &mut list,
        ),
        Scheme::Parallel => sgs::parallel_by(
            inst,
            &mut s.prof,
            &mut s.sc,
            &mut choose,
            &mut starts,
            &mut list,
        ),
    };
    s.meter.spend();
    if options.scheme == Scheme::Serial {
        s.offer(&starts, makespan);
    } else {
        // The parallel schedule through the serial scheme: as good or better, and explainable.
        s.meter.used -= 1; // the first schedule stands for both passes
        s.offer_forced(&mut starts, &mut makespan);
    }
    if s.meter.more() {
        s.justify(&mut starts, &mut makespan);
        let mut ordered = Vec::with_capacity(inst.n);
        sgs::order_by(inst, |j| starts[j], false, &mut ordered, &mut s.sc);
        let first = Member {
            hash: hash(&starts),
            list: ordered,
            starts,
            makespan,
        };
        s.genetic(first);
    }
    Found {
        starts: s.best,
        makespan: s.best_makespan,
        schedules: s.meter.used,
        stop: s.meter.stop.unwrap_or(Stop::Budget),
    }
}

impl Search<'_, '_> {
    /// The serial decode of a parallel schedule's start order, offered whatever the budget
    /// (it is the answer of a one-schedule budget).
    fn offer_forced(&mut self, starts: &mut Vec<i64>, makespan: &mut i64) {
        let inst = self.inst;
        let s = &*starts;
        sgs::order_by(inst, |j| s[j], false, &mut self.list, &mut self.sc);
        let m = sgs::forward(inst, &mut self.prof, &self.list, &mut self.starts);
        self.meter.spend();
        std::mem::swap(starts, &mut self.starts);
        *makespan = m;
        let s = starts.clone();
        self.offer(&s, m);
    }
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
