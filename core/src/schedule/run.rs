//! Running all passes over a whole network in topological order.

use crate::error::Result;
use crate::id::LinkIndex;
use crate::time::Duration;

use super::network::{Kind, Model, Net, F_COMPLETE, F_ELAPSED, F_PINNED, HIER};
use super::options::Criticality;
use super::output::{Driver, TaskSchedule};
use super::pass::{to_dt, Anchor, Pass, Times};

/// Runs all passes over a whole network in topological order.
pub(crate) struct Full {
    pub order: Vec<u32>,
    pub times: Vec<Times>,
    pub drivers: Vec<Driver>,
    /// Per node, the range of `driving` holding its driving links.
    pub driving_span: Vec<(u32, u32)>,
    pub driving: Vec<LinkIndex>,
    /// Per task, its total and free float when the passes computed them on the way
    /// (`i64::MIN` total float: not computed, as for summaries).
    pub floats: Option<Vec<(i64, i64)>>,
    pub ps: i64,
    pub pf: i64,
}

pub(crate) fn run_full<N: Net>(p: &Pass<'_, '_, N>, order: Vec<u32>) -> Result<Full> {
    let m = p.m;
    let nodes = m.nodes();
    let mut times = vec![Times::default(); nodes];
    let mut drivers = vec![Driver::ProjectStart; nodes];
    let mut sink = Sink {
        span: vec![(0, 0); nodes],
        links: Vec::with_capacity(nodes + nodes / 4),
    };
    let leaf_like = |n: usize| m.kind[n] == Kind::Leaf;
    // The backward pass; with `floats`, each leaf task's total and free float is taken as soon
    // as its late dates are known, while its successors' dates are still in cache (only valid
    // when those dates are final: no task as late as possible, not scheduled from the finish).
    let backward_all = |times: &mut Vec<Times>,
                        early: Option<&[Times]>,
                        pf: &Anchor,
                        mut floats: Option<&mut Vec<(i64, i64)>>|
     -> Result<()> {
        for &n in order.iter().rev() {
            let n = n as usize;
            let b = {
                let t: &[Times] = times;
                p.backward(n, pf, t, early.unwrap_or(t))?
            };
            let x = &mut times[n];
            (x.ls, x.lf, x.wls, x.wlf) = (b.ls, b.lf, b.wls, b.wlf);
            if let Some(fl) = floats.as_deref_mut() {
                if m.kind[n] == Kind::Leaf {
                    let i = m.task_of[n] as usize;
                    fl[i] = p.floats(i, times)?;
                }
            }
        }
        Ok(())
    };
    let (ps, pf);
    let mut floats = None;
    if let Some(fixed) = m.fixed_finish {
        // Scheduled from the finish: late dates first, then the start they imply.
        pf = fixed;
        backward_all(&mut times, None, &Anchor::new(m, pf), None)?;
        let s = (0..nodes)
            .filter(|&n| leaf_like(n))
            .map(|n| times[n].ls)
            .min()
            .unwrap_or(i64::MAX);
        ps = if s == i64::MAX { fixed } else { s };
        forward_all(
            p,
            &order,
            &Anchor::new(m, ps),
            &mut times,
            &mut drivers,
            false,
            Some(&mut sink),
        )?;
    } else {
        ps = m.start;
        let psa = Anchor::new(m, ps);
        if m.has_alap {
            // Early pass with every task as soon as possible, for the project finish.
            let mut early = times.clone();
            forward_all(p, &order, &psa, &mut early, &mut drivers, false, None)?;
            pf = project_finish(m, &early, ps);
            backward_all(&mut times, Some(&early), &Anchor::new(m, pf), None)?;
            forward_all(
                p,
                &order,
                &psa,
                &mut times,
                &mut drivers,
                true,
                Some(&mut sink),
            )?;
        } else {
            forward_all(
                p,
                &order,
                &psa,
                &mut times,
                &mut drivers,
                false,
                Some(&mut sink),
            )?;
            pf = project_finish(m, &times, ps);
            let mut fl = vec![(i64::MIN, 0); m.node_of.len()];
            backward_all(&mut times, None, &Anchor::new(m, pf), Some(&mut fl))?;
            floats = Some(fl);
        }
    }
    Ok(Full {
        order,
        times,
        drivers,
        driving_span: sink.span,
        driving: sink.links,
        floats,
        ps,
        pf,
    })
}

/// The latest early finish of any non-summary task (the project start if there is none).
pub(crate) fn project_finish(m: &Model<'_>, t: &[Times], ps: i64) -> i64 {
    let mut pf = i64::MIN;
    for (n, k) in m.kind.iter().enumerate() {
        if *k == Kind::Leaf {
            pf = pf.max(t[n].ef);
        }
    }
    if pf == i64::MIN {
        ps
    } else {
        pf
    }
}

/// Driving links collected by a forward pass: per node a range of `links`.
struct Sink {
    span: Vec<(u32, u32)>,
    links: Vec<LinkIndex>,
}

fn forward_all<N: Net>(
    p: &Pass<'_, '_, N>,
    order: &[u32],
    ps: &Anchor,
    times: &mut [Times],
    drivers: &mut [Driver],
    scheduled: bool,
    mut sink: Option<&mut Sink>,
) -> Result<()> {
    for &n in order {
        let n = n as usize;
        let r = {
            let t: &[Times] = times;
            let out = sink.as_deref_mut().map(|s| &mut s.links);
            let first = out.as_ref().map_or(0, |o| o.len());
            let r = if scheduled {
                p.forward_with(n, ps, &|q| p.src(q, t), out)?
            } else {
                p.forward_with(n, ps, &|q| t[q].early(), out)?
            };
            if let Some(s) = sink.as_deref_mut() {
                s.span[n] = (first as u32, s.links.len() as u32);
            }
            r
        };
        let x = &mut times[n];
        (x.es, x.ef, x.wes, x.wef) = (r.es, r.ef, r.wes, r.wef);
        drivers[n] = r.drv;
    }
    Ok(())
}

/// Builds the public output of one task.
pub(crate) fn task_output<N: Net>(
    p: &Pass<'_, '_, N>,
    i: usize,
    t: &[Times],
    drivers: &[Driver],
    floats: Option<(i64, i64)>,
) -> Result<TaskSchedule> {
    let m = p.m;
    let n = m.node_of[i] as usize;
    let x = &t[n];
    let (ls, lf) = if m.kind[n] == Kind::Summary {
        let g = &t[m.gate_of[i] as usize];
        (g.ls, g.lf)
    } else {
        (x.ls, x.lf)
    };
    let sch = p.scheduled(i, t);
    let (start, finish) = (sch.s, sch.f);
    let (tf, ff) = match floats {
        Some(f) if f.0 != i64::MIN => f,
        _ => p.floats(i, t)?,
    };
    let f = m.flags[n];
    let elapsed = f & F_ELAPSED != 0;
    let critical = match p.opts.critical {
        Criticality::TotalFloat(th) => {
            // Microsoft Project: a pinned (manual) task with no links and no resource work is
            // outside the network and never critical; linked pinned tasks, and pinned tasks
            // carrying resource work, are in it.
            let outside = f & F_PINNED != 0
                && !m.carries_work[i]
                && !p
                    .net
                    .preds(n)
                    .iter()
                    .chain(p.net.succs(n))
                    .any(|e| e.link != HIER);
            tf <= th.minutes() && f & F_COMPLETE == 0 && !outside
        }
        Criticality::LongestPath => false,
    };
    let dur = |v: i64| {
        if elapsed {
            Duration::elapsed_minutes(v)
        } else {
            Duration::minutes_work(v)
        }
    };
    let tasks = p.tasks;
    let driver = if m.kind[n] == Kind::Summary {
        Driver::Children
    } else {
        drivers[n]
    };
    Ok(TaskSchedule {
        start: to_dt(start, tasks, i, "start")?,
        finish: to_dt(finish, tasks, i, "finish")?,
        early_start: to_dt(x.es, tasks, i, "early_start")?,
        early_finish: to_dt(x.ef, tasks, i, "early_finish")?,
        late_start: to_dt(ls, tasks, i, "late_start")?,
        late_finish: to_dt(lf, tasks, i, "late_finish")?,
        total_float: dur(tf),
        free_float: dur(ff),
        critical,
        driver,
    })
}
