//! Deterministic generated networks for benchmarks, shaped like the peer benchmark's
//! ("layered"): tasks spread over 200 phases, each with 2–3 predecessors from the previous
//! 1–3 phases (70/20/10 %); 85 % FS without lag, 7.5 % SS and 7.5 % FF with 1–3 day lags,
//! 2 % FS with a 1–2 day lag; durations 1–10 days, 2 % milestones; the standard calendar.

#![allow(dead_code)]

use jindu::{Duration, Lag, Link, LinkType, Project, Task, TaskIndex};

/// A small deterministic generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// A generator with the given seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }
    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn link(r: &mut Rng, p: TaskIndex, s: TaskIndex) -> Link {
    let x = r.unit();
    let (kind, lag) = if x < 0.075 {
        (LinkType::StartToStart, r.range(1, 3) as i64)
    } else if x < 0.15 {
        (LinkType::FinishToFinish, r.range(1, 3) as i64)
    } else if x < 0.17 {
        (LinkType::FinishToStart, r.range(1, 2) as i64)
    } else {
        (LinkType::FinishToStart, 0)
    };
    Link::new(p, s, kind).with_lag(Lag::Time(Duration::days(lag)))
}

/// A layered network of `n` tasks (about 2.3 links a task), seeded by `n`.
pub fn layered(n: usize) -> Project {
    let mut r = Rng::new(20250106 + n as u64);
    let mut p = Project::new(format!("layered-{n}"), "2025-01-06T08:00".parse().unwrap());
    // About 2.32 links a task; readers reserve exactly, as here.
    p.reserve(n, n * 233 / 100);
    for i in 0..n {
        let d = if r.unit() < 0.02 {
            0
        } else {
            r.range(1, 10) as i64
        };
        p.add_task(Task::new(i.to_string(), "").with_duration(Duration::days(d)))
            .unwrap();
    }
    let levels = 200.min(n / 5).max(1);
    let bound = |l: usize| (l * n + levels / 2) / levels;
    for lvl in 1..levels {
        for i in bound(lvl)..bound(lvl + 1) {
            let k = if r.range(0, 2) == 2 { 3 } else { 2 };
            let mut chosen = Vec::with_capacity(3);
            for _ in 0..k {
                let x = r.unit();
                let back = if x < 0.7 {
                    1
                } else if x < 0.9 {
                    2
                } else {
                    3
                };
                let pl = lvl.saturating_sub(back);
                let (a, b) = (bound(pl), bound(pl + 1));
                let q = a + (r.next_u64() as usize) % (b - a);
                if !chosen.contains(&q) {
                    chosen.push(q);
                }
            }
            chosen.sort_unstable();
            for q in chosen {
                let l = link(
                    &mut r,
                    TaskIndex::from_raw(q as u32),
                    TaskIndex::from_raw(i as u32),
                );
                p.add_link(l).unwrap();
            }
        }
    }
    p
}

/// A single finish-to-start chain of `n` one-day tasks.
pub fn chain(n: usize) -> Project {
    let mut p = Project::new(format!("chain-{n}"), "2025-01-06T08:00".parse().unwrap());
    for i in 0..n {
        let t = p
            .add_task(Task::new(i.to_string(), "").with_duration(Duration::days(1)))
            .unwrap();
        if i > 0 {
            p.add_link(Link::finish_to_start(TaskIndex::from_raw(i as u32 - 1), t))
                .unwrap();
        }
    }
    p
}
