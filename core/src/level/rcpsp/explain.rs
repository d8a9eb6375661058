//! Why each delayed activity starts where it does, read off a finished schedule.

use super::compile::Instance;
use super::sgs::ready_at;
use super::{Cause, Delay};

/// The [`Delay`] of every activity that starts after its resource-free early start.
///
/// `starts` must come from the serial scheme forward (every schedule the search returns does):
/// then an activity that starts later than its predecessors allow could not start one period
/// earlier, because some resource was full, and this finds that resource and period.
pub(crate) fn delays(inst: &Instance, starts: &[i64]) -> Vec<Delay> {
    let n = inst.n;
    let nres = inst.resources();
    let makespan = (0..n)
        .map(|j| starts[j] + inst.dur[j])
        .max()
        .unwrap_or(0)
        .max(0) as usize;
    // Usage per resource and period, built only when something is delayed by a resource.
    let mut usage: Vec<Vec<i64>> = Vec::new();
    let mut out = Vec::new();
    for j in 0..n {
        let start = starts[j];
        if start <= inst.es[j] {
            continue;
        }
        let bound = ready_at(inst, j, starts);
        if start == bound {
            if let Some(p) = inst
                .preds(j)
                .iter()
                .filter(|a| starts[a.node as usize] + a.gap == bound)
                .map(|a| a.node as usize)
                .min()
            {
                out.push(Delay {
                    activity: j,
                    early_start: inst.es[j],
                    start,
                    cause: Cause::Predecessor { activity: p },
                });
                continue;
            }
        }
        if usage.is_empty() {
            usage = vec![vec![0; makespan + 1]; nres];
            for (i, &s) in starts.iter().enumerate() {
                for &(r, q) in inst.demands(i) {
                    for u in s..s + inst.dur[i] {
                        usage[r as usize][u as usize] += i64::from(q);
                    }
                }
            }
        }
        let t = start - 1;
        let d = inst.dur[j];
        let mut found = None;
        'periods: for u in t.max(0)..t + d {
            for &(r, q) in inst.demands(j) {
                let r = r as usize;
                let mine = if u >= start { i64::from(q) } else { 0 };
                let others = usage[r][u as usize] - mine;
                let cap = i64::from(inst.capacity(r, u));
                if others + i64::from(q) > cap {
                    found = Some((r, u, q, cap, others));
                    break 'periods;
                }
            }
        }
        debug_assert!(found.is_some(), "activity {j} could start earlier");
        let Some((r, u, q, cap, others)) = found else {
            continue;
        };
        let by = (0..n)
            .filter(|&i| i != j && starts[i] <= u && u < starts[i] + inst.dur[i])
            .filter(|&i| inst.demands(i).iter().any(|&(rr, _)| rr as usize == r))
            .collect();
        out.push(Delay {
            activity: j,
            early_start: inst.es[j],
            start,
            cause: Cause::Resource {
                resource: r,
                period: u,
                demand: q as u32,
                capacity: cap as u32,
                used: others.max(0) as u32,
                by,
            },
        });
    }
    out
}
