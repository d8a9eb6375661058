//! Incremental propagation: from the seeds an edit touched, forward and backward in
//! topological order, stopping wherever a date does not change.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::{Change, Engine, Undo};
use crate::error::Result;
use crate::id::{LinkIndex, TaskIndex};
use crate::schedule::network::{Kind, F_ALAP, HIER};
use crate::schedule::pass::{Anchor, Times};
use crate::schedule::run as cpm;
use crate::schedule::{Driver, TaskEntry};

impl Engine {
    /// Recomputes from the seeds; returns the number of node evaluations.
    pub(super) fn propagate(
        &mut self,
        mut fwd: Vec<u32>,
        mut bwd: Vec<u32>,
        touched: &mut Vec<u32>,
    ) -> Result<usize> {
        fwd.retain(|&n| self.model.kind[n as usize] != Kind::Removed);
        bwd.retain(|&n| self.model.kind[n as usize] != Kind::Removed);
        let mut work = 0;
        if let Some(fixed) = self.model.fixed_finish {
            // Backward first from the fixed finish, then forward from the derived start.
            let changed_b = self.backward(&bwd, fixed, touched, &mut work)?;
            let _ = changed_b;
            let ps = self.min_late_start(fixed);
            if ps != self.ps {
                self.journal.push(Undo::Ps(self.ps));
                self.ps = ps;
                let all: Vec<u32> = self.live_nodes();
                self.forward(&all, Target::Times, touched, &mut work)?;
            } else {
                self.forward(&fwd, Target::Times, touched, &mut work)?;
            }
            return Ok(work);
        }
        if self.early.is_some() {
            let changed_e = self.forward(&fwd, Target::Early, touched, &mut work)?;
            let pf = cpm::project_finish(
                &self.model,
                self.early
                    .as_ref()
                    .expect("inside `if self.early.is_some()`; forward() never takes it"),
                self.ps,
            );
            let mut bwd = bwd;
            bwd.extend_from_slice(&changed_e);
            self.start_link_seeds(&changed_e, &mut bwd);
            let changed_b = self.backward_or_full(&bwd, pf, touched, &mut work)?;
            // Final pass: tasks as late as possible push their successors.
            let mut seeds = fwd;
            seeds.extend(changed_e);
            for &n in &changed_b {
                if self.model.flags[n as usize] & F_ALAP != 0 {
                    seeds.push(n);
                    for e in &self.net.succs[n as usize] {
                        seeds.push(e.node);
                    }
                }
            }
            self.forward(&seeds, Target::Times, touched, &mut work)?;
        } else {
            let changed_f = self.forward(&fwd, Target::Times, touched, &mut work)?;
            let pf = self.finish_after(&changed_f);
            let mut bwd = bwd;
            // Late dates read the node's own early dates (equal minutes) and, under summaries,
            // which subtask starts first.
            bwd.extend_from_slice(&changed_f);
            self.start_link_seeds(&changed_f, &mut bwd);
            self.backward_or_full(&bwd, pf, touched, &mut work)?;
        }
        Ok(work)
    }

    fn live_nodes(&self) -> Vec<u32> {
        (0..self.model.nodes() as u32)
            .filter(|&n| self.model.kind[n as usize] != Kind::Removed)
            .collect()
    }

    /// Under a summary that passes a late-start bound down (from a start link out of it or of
    /// an enclosing summary), late dates depend on which subtask starts first; after early dates
    /// moved, those subtasks must be recomputed.
    fn start_link_seeds(&self, changed: &[u32], bwd: &mut Vec<u32>) {
        let bounded = |sn: usize| self.times[sn].ls != i64::MAX;
        for &x in changed {
            let x = x as usize;
            if self.model.kind[x] == Kind::Summary && bounded(x) {
                for e in &self.net.preds[x] {
                    if e.link == HIER {
                        bwd.push(e.node);
                    }
                }
            }
            if let Some(p) = self.project.task(TaskIndex(self.model.task_of[x])).parent {
                if bounded(self.model.node_of[p.index()] as usize) {
                    bwd.push(x as u32);
                }
            }
        }
    }

    fn min_late_start(&self, fixed: i64) -> i64 {
        let mut s = i64::MAX;
        for (n, k) in self.model.kind.iter().enumerate() {
            if *k == Kind::Leaf {
                s = s.min(self.times[n].ls);
            }
        }
        if s == i64::MAX {
            fixed
        } else {
            s
        }
    }

    /// The project finish after the forward pass changed `changed`, scanning only if needed.
    fn finish_after(&self, changed: &[u32]) -> i64 {
        let mut rescan = false;
        let mut pf = self.pf;
        for &n in changed {
            let n = n as usize;
            if self.model.kind[n] != Kind::Leaf {
                continue;
            }
            let ef = self.times[n].ef;
            if ef > pf {
                pf = ef;
            }
        }
        // A node that used to define the finish may have moved earlier, or been removed.
        if pf == self.pf {
            rescan = true;
        }
        if rescan {
            cpm::project_finish(&self.model, &self.times, self.ps)
        } else {
            pf
        }
    }

    fn backward_or_full(
        &mut self,
        bwd: &[u32],
        pf: i64,
        touched: &mut Vec<u32>,
        work: &mut usize,
    ) -> Result<Vec<u32>> {
        if pf != self.pf {
            self.journal.push(Undo::Pf(self.pf));
            self.pf = pf;
            let all = self.live_nodes();
            self.backward(&all, pf, touched, work)
        } else {
            self.backward(bwd, pf, touched, work)
        }
    }

    fn forward(
        &mut self,
        seeds: &[u32],
        target: Target,
        touched: &mut Vec<u32>,
        work: &mut usize,
    ) -> Result<Vec<u32>> {
        self.clock += 1;
        let c = self.clock;
        let mut heap: BinaryHeap<Reverse<u32>> = BinaryHeap::new();
        for &n in seeds {
            if self.model.kind[n as usize] != Kind::Removed && self.stamp[n as usize] != c {
                self.stamp[n as usize] = c;
                heap.push(Reverse(self.pos[n as usize]));
            }
        }
        let mut changed = Vec::new();
        let psa = Anchor::new(&self.model, self.ps);
        while let Some(Reverse(p)) = heap.pop() {
            let n = self.at[p as usize] as usize;
            *work += 1;
            let r = {
                let pass = self.pass();
                match target {
                    Target::Early => {
                        let t = self
                            .early
                            .as_ref()
                            .expect("Target::Early is passed only when early is Some (propagate)");
                        pass.forward(n, &psa, &|q| t[q].early())?
                    }
                    Target::Times => {
                        let t = &self.times;
                        pass.forward(n, &psa, &|q| pass.src(q, t))?
                    }
                }
            };
            let (es, ef, d) = (r.es, r.ef, r.drv);
            let arr = match target {
                Target::Early => self
                    .early
                    .as_mut()
                    .expect("Target::Early is passed only when early is Some (propagate)"),
                Target::Times => &mut self.times,
            };
            let old = arr[n];
            let moved = old.es != es || old.ef != ef;
            if moved {
                let x = &mut arr[n];
                (x.es, x.ef, x.wes, x.wef) = (es, ef, r.wes, r.wef);
                self.journal.push(match target {
                    Target::Early => Undo::Early(n as u32, old),
                    Target::Times => Undo::Times(n as u32, old),
                });
                changed.push(n as u32);
                touched.push(n as u32);
            }
            if matches!(target, Target::Times) && self.drivers[n] != d {
                self.journal.push(Undo::Driver(n as u32, self.drivers[n]));
                self.drivers[n] = d;
                touched.push(n as u32);
            }
            // ALAP tasks show their successors their late dates, which the forward pass does not
            // change, unless those fall before the early dates (`Pass::alap`): then what they
            // show moves with the early dates.
            let shows = matches!(target, Target::Early)
                || self.model.flags[n] & F_ALAP == 0
                || old.ls < old.es
                || arr[n].ls < arr[n].es;
            if moved && shows {
                for k in 0..self.net.succs[n].len() {
                    let s = self.net.succs[n][k].node as usize;
                    if self.stamp[s] != c {
                        self.stamp[s] = c;
                        heap.push(Reverse(self.pos[s]));
                    }
                }
            }
        }
        Ok(changed)
    }

    fn backward(
        &mut self,
        seeds: &[u32],
        pf: i64,
        touched: &mut Vec<u32>,
        work: &mut usize,
    ) -> Result<Vec<u32>> {
        self.clock += 1;
        let c = self.clock;
        let mut heap: BinaryHeap<u32> = BinaryHeap::new();
        for &n in seeds {
            if self.model.kind[n as usize] != Kind::Removed && self.stamp[n as usize] != c {
                self.stamp[n as usize] = c;
                heap.push(self.pos[n as usize]);
            }
        }
        let mut changed = Vec::new();
        let pfa = Anchor::new(&self.model, pf);
        while let Some(p) = heap.pop() {
            let n = self.at[p as usize] as usize;
            *work += 1;
            let b = {
                let early = self.early.as_deref().unwrap_or(&self.times);
                self.pass().backward(n, &pfa, &self.times, early)?
            };
            let old = self.times[n];
            if old.ls != b.ls || old.lf != b.lf {
                self.set_times(
                    n,
                    Times {
                        ls: b.ls,
                        lf: b.lf,
                        wls: b.wls,
                        wlf: b.wlf,
                        ..old
                    },
                );
                changed.push(n as u32);
                touched.push(n as u32);
                for k in 0..self.net.preds[n].len() {
                    let q = self.net.preds[n][k].node as usize;
                    if self.stamp[q] != c {
                        self.stamp[q] = c;
                        heap.push(self.pos[q]);
                    }
                }
            }
        }
        Ok(changed)
    }

    /// Recomputes the output of every task a touched node can influence and returns the
    /// changes. `links_before` is the link numbering before the edit, when it changed.
    pub(super) fn refresh(
        &mut self,
        touched: Vec<u32>,
        links_before: Option<&[u32]>,
    ) -> Result<Vec<Change>> {
        let mut tasks: Vec<u32> = Vec::with_capacity(touched.len() * 2);
        for &n in &touched {
            let n = n as usize;
            let i = self.model.task_of[n];
            tasks.push(i);
            // Free float of predecessors depends on this task's dates.
            let inn = self.model.in_node(i as usize);
            for e in &self.net.preds[inn] {
                if e.link != HIER {
                    tasks.push(self.model.task_of[e.node as usize]);
                }
            }
        }
        tasks.sort_unstable();
        tasks.dedup();
        let mut changes = Vec::new();
        for i in tasks {
            let iu = i as usize;
            let after = cpm::task_output(&self.pass(), iu, &self.times, &self.drivers, None)?;
            // A task the edit added has no schedule before it.
            if iu >= self.out.len() {
                self.out.push(after);
                self.journal.push(Undo::PopOut);
                changes.push(Change {
                    task: self.project.task(TaskIndex(i)).id.clone(),
                    before: None,
                    after: Some(self.entry_of(iu, &after, false)),
                });
                continue;
            }
            let before = self.out[iu];
            if before != after {
                self.journal.push(Undo::Out(i, before));
                self.out[iu] = after;
                let mut b = self.entry_of(iu, &before, true);
                if let (Some(map), Driver::Link(k)) = (links_before, before.driver) {
                    b.schedule.driver = Driver::Link(LinkIndex(map[k.index()]));
                }
                changes.push(Change {
                    task: self.project.task(TaskIndex(i)).id.clone(),
                    before: Some(b),
                    after: Some(self.entry_of(iu, &after, false)),
                });
            }
        }
        Ok(changes)
    }
}

/// Whether two entries of one task show the same schedule (the duration alone does not make a
/// change: a pinned task keeps its dates whatever its duration).
pub(super) fn same_entry(a: &TaskEntry, b: &TaskEntry) -> bool {
    let (x, y) = (&a.schedule, &b.schedule);
    (
        x.start,
        x.finish,
        x.early_start,
        x.early_finish,
        x.late_start,
        x.late_finish,
    ) == (
        y.start,
        y.finish,
        y.early_start,
        y.early_finish,
        y.late_start,
        y.late_finish,
    ) && (x.total_float, x.free_float, x.critical) == (y.total_float, y.free_float, y.critical)
        && a.driver == b.driver
        && a.summary == b.summary
}

#[derive(Clone, Copy)]
pub(super) enum Target {
    Early,
    Times,
}
