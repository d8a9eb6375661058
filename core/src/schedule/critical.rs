//! Critical tasks and critical paths: criticality by longest path, the critical order and the
//! enumeration of critical paths over the leaf-level driving graph.

use crate::id::TaskIndex;

use super::network::{Kind, Net, HIER, NONE};
use super::options::Criticality;
use super::output::{Driver, Schedule};
use super::pass::Pass;

/// Leaf-level drivers of node `n` that pass `keep`: the leaf tasks whose links bind it, looking
/// through summaries (a summary predecessor stands for its subtasks that set its rolled-up date).
fn driver_leaves<N: Net>(
    p: &Pass<'_, '_, N>,
    n: usize,
    sched: &Schedule,
    drivers: &[Driver],
    keep: &dyn Fn(usize) -> bool,
    out: &mut Vec<u32>,
) {
    let m = p.m;
    let mut stack: Vec<(usize, bool)> = Vec::new();
    // Links that drive `n` or, through the summary tree, the gates it inherits its start from.
    let mut node = n;
    loop {
        let i = m.task_of[node] as usize;
        for li in sched.driving_links(TaskIndex(i as u32)) {
            let l = &m.links[li.index()];
            stack.push((m.node_of[l.from.index()] as usize, l.kind.from_start()));
        }
        match drivers[node] {
            Driver::Summary(s) if m.gate_of[s.index()] != NONE => {
                node = m.gate_of[s.index()] as usize
            }
            _ => break,
        }
    }
    while let Some((q, from_start)) = stack.pop() {
        let qi = m.task_of[q] as usize;
        if !keep(qi) {
            continue;
        }
        if m.kind[q] == Kind::Leaf {
            out.push(qi as u32);
            continue;
        }
        let target = if from_start {
            sched.tasks[qi].start
        } else {
            sched.tasks[qi].finish
        };
        for e in p.net.preds(q) {
            if e.link == HIER {
                let ci = m.task_of[e.node as usize] as usize;
                let cs = &sched.tasks[ci];
                let v = if from_start { cs.start } else { cs.finish };
                if v == target {
                    stack.push((m.node_of[ci] as usize, from_start));
                }
            }
        }
    }
}

/// Fills the derived parts of a schedule: criticality by longest path, critical order and paths.
pub(crate) fn finish_schedule<N: Net>(
    p: &Pass<'_, '_, N>,
    order: &[u32],
    drivers: &[Driver],
    sched: &mut Schedule,
) {
    let m = p.m;
    let n_tasks = m.node_of.len();
    // Ties are broken by the depth of a node in the network (longest chain of edges from a
    // source) and then by task index: both independent of how the network is stored.
    let mut pos = vec![0u32; m.nodes()];
    for &n in order {
        let n = n as usize;
        pos[n] = p
            .net
            .preds(n)
            .iter()
            .map(|e| pos[e.node as usize] + 1)
            .max()
            .unwrap_or(0);
    }
    let is_leaf = |i: usize| m.kind[m.node_of[i] as usize] == Kind::Leaf;
    let mut buf = Vec::new();

    if p.opts.critical == Criticality::LongestPath {
        // Mark tasks that finish at the project finish and, transitively, their drivers.
        let pf = sched.project_finish;
        let mut stack: Vec<usize> = (0..n_tasks)
            .filter(|&i| {
                is_leaf(i) && {
                    let c = &m.calendars[m.project_cal as usize];
                    c.ord(sched.tasks[i].finish.minutes()) == c.ord(pf.minutes())
                }
            })
            .collect();
        for &i in &stack {
            sched.tasks[i].critical = true;
        }
        while let Some(i) = stack.pop() {
            buf.clear();
            driver_leaves(p, m.in_node(i), sched, drivers, &|_| true, &mut buf);
            for &q in &buf {
                let q = q as usize;
                if !sched.tasks[q].critical {
                    sched.tasks[q].critical = true;
                    stack.push(q);
                }
            }
        }
        // A summary is on the longest path when one of its subtasks is.
        let mut changed = true;
        while changed {
            changed = false;
            for i in 0..n_tasks {
                if sched.tasks[i].critical {
                    if let Some(par) = p.tasks[i].parent {
                        if !sched.tasks[par.index()].critical {
                            sched.tasks[par.index()].critical = true;
                            changed = true;
                        }
                    }
                }
            }
        }
    }

    let mut crit: Vec<usize> = (0..n_tasks)
        .filter(|&i| {
            is_leaf(i) && sched.tasks[i].critical && m.kind[m.node_of[i] as usize] != Kind::Removed
        })
        .collect();
    crit.sort_by_key(|&i| {
        let t = &sched.tasks[i];
        (t.early_start, t.early_finish, pos[m.node_of[i] as usize], i)
    });
    sched.critical_order = crit.iter().map(|&i| TaskIndex(i as u32)).collect();

    // Critical paths over the leaf-level driving graph.
    // The critical predecessors of critical task `i` are `flat[off[slot[i]]..off[slot[i] + 1]]`
    // (flat lists: nothing per non-critical task but its slot).
    let mut slot = vec![u32::MAX; n_tasks];
    let mut off: Vec<u32> = Vec::with_capacity(crit.len() + 1);
    let mut flat: Vec<u32> = Vec::new();
    let mut has_succ = vec![false; n_tasks];
    off.push(0);
    for (k, &i) in crit.iter().enumerate() {
        buf.clear();
        let crit_flag = |q: usize| sched.tasks[q].critical;
        driver_leaves(p, m.in_node(i), sched, drivers, &crit_flag, &mut buf);
        buf.sort_unstable();
        buf.dedup();
        for &q in &buf {
            has_succ[q as usize] = true;
        }
        flat.extend_from_slice(&buf);
        off.push(flat.len() as u32);
        slot[i] = k as u32;
    }
    let preds_of = |v: usize| match slot[v] {
        u32::MAX => &flat[..0],
        k => &flat[off[k as usize] as usize..off[k as usize + 1] as usize],
    };
    // Enumerate from the ends backwards, then reverse each path.
    let mut paths: Vec<Vec<TaskIndex>> = Vec::new();
    let ends: Vec<usize> = crit.iter().copied().filter(|&i| !has_succ[i]).collect();
    'outer: for &end in &ends {
        let mut stack: Vec<(usize, usize)> = vec![(end, 0)];
        let mut path: Vec<u32> = vec![end as u32];
        while let Some(&mut (v, ref mut k)) = stack.last_mut() {
            let ps = preds_of(v);
            if ps.is_empty() {
                let mut pth: Vec<TaskIndex> = path.iter().rev().map(|&x| TaskIndex(x)).collect();
                pth.shrink_to_fit();
                paths.push(pth);
                if paths.len() >= p.opts.max_critical_paths {
                    break 'outer;
                }
                stack.pop();
                path.pop();
                continue;
            }
            if *k < ps.len() {
                let q = ps[*k] as usize;
                *k += 1;
                stack.push((q, 0));
                path.push(q as u32);
            } else {
                stack.pop();
                path.pop();
            }
        }
    }
    paths.sort_by(|a, b| {
        let key = |x: &Vec<TaskIndex>| {
            x.iter()
                .map(|i| (pos[m.node_of[i.index()] as usize], i.index()))
                .collect::<Vec<_>>()
        };
        key(a).cmp(&key(b))
    });
    sched.critical_paths = paths;
}
