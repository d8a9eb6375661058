//! Running the passes over a whole compiled network, in topological order, into reusable
//! buffers: the [`Network`] / [`Workspace`] / [`Run`] seam that levelling, risk and what-if
//! build on.
//!
//! A [`Network`] is compiled once from a project and never changes; a [`Workspace`] holds
//! everything one run writes; [`Network::run`] fills a workspace for a [`Scenario`] (replaced
//! durations, levelling delays, how much to compute) and, once the workspace has been used on
//! that network, allocates nothing.

use crate::calendar::WorkCalendar;
use crate::error::{Error, Item, Result};
use crate::id::{LinkIndex, TaskIndex};
use crate::model::Project;
use crate::time::{DateTime, Duration};

use super::fast::{Fast, FastNet};
use super::network::{
    self, Csr, Kind, Model, Net, F_COMPLETE, F_ELAPSED, F_MILESTONE, F_PINNED, HIER,
};
use super::options::{Criticality, ScheduleOptions};
use super::output::{Driver, Schedule, TaskSchedule};
use super::pass::{to_dt, Anchor, Pass, Times, NO_DELAY};

/// How much a run computes.
///
/// Each level includes the ones before it; a host asks for the least it needs (Monte Carlo
/// iterations need [`Outputs::Float`], a levelling step often only [`Outputs::Dates`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Outputs {
    /// Early (scheduled) dates and the project's start and finish. Late dates are computed as
    /// well when a task is as late as possible or the project is scheduled from its finish
    /// (they decide where such tasks go), but are not to be relied on otherwise.
    Dates,
    /// Also late dates, total float and criticality.
    Float,
    /// Everything a [`Schedule`] holds: also free float, driving links and what drives each
    /// task.
    #[default]
    Full,
}

/// What a run changes relative to the compiled network: replaced durations, levelling delays,
/// and how much to compute.
///
/// ```
/// use jindu::{Duration, Link, Project, ScheduleOptions, Task};
/// use jindu::schedule::{Network, Outputs, Scenario};
///
/// let mut p = Project::new("Demo", "2026-01-05T08:00".parse()?);
/// let a = p.add_task(Task::new("A", "Design").with_duration(Duration::days(2)))?;
/// let b = p.add_task(Task::new("B", "Build").with_duration(Duration::days(3)))?;
/// p.add_link(Link::finish_to_start(a, b))?;
/// let net = Network::compile(&p, &ScheduleOptions::default())?;
/// let mut ws = net.workspace();
///
/// // Design takes four days instead of two.
/// let durations = [Duration::days(4), Duration::days(3)];
/// let scenario = Scenario { durations: Some(&durations), outputs: Outputs::Float, ..Scenario::default() };
/// let run = net.run(&mut ws, &scenario)?;
/// assert_eq!(run.project_finish().to_string(), "2026-01-13T17:00:00");
/// assert!(run.is_critical(a) && run.is_critical(b));
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct Scenario<'a> {
    /// Per task (by [`TaskIndex`]), the duration to schedule with instead of the task's own;
    /// `None` keeps every task's own. Each value must be of the task's kind (working or
    /// elapsed time) and not negative; a working-time duration of zero makes the task a
    /// milestone for this run. Summary tasks ignore theirs (their dates roll up).
    pub durations: Option<&'a [Duration]>,
    /// Per task, the earliest instant it may start in this run (a levelling delay), or `None`.
    /// A delay binds like a start-no-earlier-than constraint after the links, and shows as
    /// [`Driver::Delay`]; pinned and started tasks and summaries ignore it, hard constraints
    /// still hold.
    pub delays: Option<&'a [Option<DateTime>]>,
    /// How much to compute.
    pub outputs: Outputs,
}

/// The buffers a run writes, reused from run to run.
///
/// Create one with [`Network::workspace`] (or `Workspace::default()`) and pass it to
/// [`Network::run`] as often as needed; after its first run on a network it allocates nothing.
/// A workspace may be used with several networks (it resizes), one run at a time; a host that
/// runs in parallel gives each thread its own.
#[derive(Debug, Default)]
pub struct Workspace {
    pub(crate) buf: Buffers,
    /// Per node, the durations and flags of the current scenario.
    dur: Vec<i64>,
    flags: Vec<u8>,
    /// Per node, the delays of the current scenario (empty when it has none).
    delay: Vec<i64>,
}

/// The outputs of a run.
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    pub times: Vec<Times>,
    /// Early dates with every task as soon as possible (only with ALAP tasks).
    pub early: Vec<Times>,
    pub drivers: Vec<Driver>,
    /// Per node, the range of `driving` holding its driving links.
    pub span: Vec<(u32, u32)>,
    pub driving: Vec<LinkIndex>,
    /// Per node, the total and free float of its task when the passes computed them on the way
    /// (`i64::MIN` total float: not computed, as for summaries and gates and in runs that
    /// computed no floats). Kept by node so that the backward pass writes it in order.
    pub floats: Vec<(i64, i64)>,
    pub ps: i64,
    pub pf: i64,
    pub outputs: Outputs,
    /// Whether `early` holds the as-soon-as-possible pass (with ALAP tasks).
    pub has_early: bool,
    anchor: Option<Anchor>,
}

/// A project compiled for scheduling, built once and run many times.
///
/// Compiling checks everything that can be checked before dates exist (summary rules,
/// duplicate links, cycles, calendars) and lays the network out in flat arrays; every run then
/// only computes. [`jindu::schedule`](crate::schedule()) is `compile` followed by one full run.
///
/// ```
/// use jindu::{Duration, Link, Project, ScheduleOptions, Task};
/// use jindu::schedule::Network;
///
/// let mut p = Project::new("Demo", "2026-01-05T08:00".parse()?);
/// let a = p.add_task(Task::new("A", "Design").with_duration(Duration::days(2)))?;
/// let b = p.add_task(Task::new("B", "Build").with_duration(Duration::days(3)))?;
/// p.add_link(Link::finish_to_start(a, b))?;
/// let net = Network::compile(&p, &ScheduleOptions::default())?;
/// let s = net.schedule()?;
/// assert_eq!(s.project_finish.to_string(), "2026-01-09T17:00:00");
/// assert_eq!(s, jindu::schedule(&p, &ScheduleOptions::default())?);
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug)]
pub struct Network<'p> {
    project: &'p Project,
    opts: ScheduleOptions,
    pub(crate) model: Model<'p>,
    pub(crate) csr: Csr,
    pub(crate) order: Vec<u32>,
    pub(crate) fast: FastNet,
}

impl<'p> Network<'p> {
    /// Compiles `project` for scheduling with `opts`.
    ///
    /// Fails on what makes the project unschedulable whatever the durations: a dependency
    /// cycle, a duplicate link, a link or constraint a summary task may not have, a calendar
    /// that does not compile.
    pub fn compile(project: &'p Project, opts: &ScheduleOptions) -> Result<Network<'p>> {
        let (mut model, mut csr, fast) = network::compile_with(project, Some(opts))?;
        let mut fast = fast.expect("compile_with builds the fast network when given the options");
        // The topological sort is skipped when the tasks are already listed in dependency order
        // (the common case). Otherwise the nodes are renumbered in topological order, so that
        // the passes walk every per-node array front to back (or back to front).
        if !fast.ordered {
            let order = network::topo_order(&model, &csr, project.tasks())?;
            network::relabel(&mut model, &mut csr, &order);
            fast.relabel(&order);
        }
        fast.lay_out(&model, &csr);
        let order = (0..model.nodes() as u32).collect();
        Ok(Network {
            project,
            opts: *opts,
            model,
            csr,
            order,
            fast,
        })
    }

    /// The project this network was compiled from.
    pub fn project(&self) -> &'p Project {
        self.project
    }

    /// The options it schedules with.
    pub fn options(&self) -> &ScheduleOptions {
        &self.opts
    }

    /// The number of tasks.
    pub fn len(&self) -> usize {
        self.model.node_of.len()
    }

    /// Whether the network has no tasks.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The project's default calendar, compiled (for counting working time from the project
    /// start, say).
    pub fn calendar(&self) -> &WorkCalendar {
        &self.model.calendars[self.model.project_cal as usize]
    }

    /// The compiled calendar task `i` is scheduled on.
    pub fn task_calendar(&self, i: TaskIndex) -> &WorkCalendar {
        &self.model.calendars[self.model.cal[self.model.node_of[i.index()] as usize] as usize]
    }

    /// A workspace sized for this network.
    pub fn workspace(&self) -> Workspace {
        let nodes = self.model.nodes();
        let links = self.model.links.len();
        Workspace {
            buf: Buffers {
                times: Vec::with_capacity(nodes),
                early: Vec::with_capacity(if self.model.has_alap { nodes } else { 0 }),
                drivers: Vec::with_capacity(nodes),
                span: Vec::with_capacity(nodes),
                driving: Vec::with_capacity(links),
                floats: Vec::with_capacity(nodes),
                anchor: Some(Anchor::new(&self.model, self.model.start)),
                ..Buffers::default()
            },
            dur: Vec::with_capacity(nodes),
            flags: Vec::with_capacity(nodes),
            delay: Vec::new(),
        }
    }

    /// Runs the passes for `scenario` into `ws` and returns a view of the results.
    ///
    /// Fails only on what depends on dates: a calendar that runs out of working time, a date
    /// outside the years 1000–9999, or a scenario that does not fit the network (wrong length,
    /// a negative duration, a working duration for an elapsed task or the reverse).
    pub fn run<'w>(
        &'w self,
        ws: &'w mut Workspace,
        scenario: &Scenario<'_>,
    ) -> Result<Run<'w, 'p>> {
        self.prepare(ws, scenario)?;
        let Workspace {
            buf,
            dur,
            flags,
            delay,
        } = ws;
        let pass = Pass {
            m: &self.model,
            net: &self.csr,
            tasks: self.project.tasks(),
            opts: &self.opts,
            dur,
            flags,
            delay,
        };
        let fast = Fast {
            facts: &self.fast,
            csr: &self.csr,
        };
        run_into(&pass, &self.order, buf, scenario.outputs, Some(fast))?;
        Ok(Run { net: self, ws })
    }

    /// Compiles nothing, runs everything: the full [`Schedule`] of the project as compiled
    /// (what [`jindu::schedule`](crate::schedule()) returns).
    pub fn schedule(&self) -> Result<Schedule> {
        let mut ws = self.workspace();
        self.run(&mut ws, &Scenario::default())?.schedule()
    }

    /// Loads the scenario's durations, flags and delays into the workspace.
    fn prepare(&self, ws: &mut Workspace, sc: &Scenario<'_>) -> Result<()> {
        let m = &self.model;
        let n = self.len();
        ws.dur.clear();
        ws.dur.extend_from_slice(&m.dur);
        ws.flags.clear();
        ws.flags.extend_from_slice(&m.flags);
        let tasks = self.project.tasks();
        let wrong_len = |what: &str, got: usize| {
            Error::invalid(
                Item::Project,
                what,
                format!("the scenario gives {got} values for {n} tasks"),
            )
        };
        if let Some(d) = sc.durations {
            if d.len() != n {
                return Err(wrong_len("durations", d.len()));
            }
            for (i, d) in d.iter().enumerate() {
                let node = m.node_of[i] as usize;
                if m.kind[node] != Kind::Leaf {
                    continue;
                }
                let elapsed = m.flags[node] & F_ELAPSED != 0;
                if d.is_elapsed() != elapsed || d.minutes() < 0 || d.minutes() > 1i64 << 40 {
                    return Err(Error::invalid(
                        Item::Task(tasks[i].id.clone()),
                        "duration",
                        if d.minutes() < 0 || d.minutes() > 1i64 << 40 {
                            "the scenario's duration is negative or out of range"
                        } else if elapsed {
                            "the task has an elapsed duration; the scenario gives working time"
                        } else {
                            "the task has a working duration; the scenario gives elapsed time"
                        },
                    ));
                }
                ws.dur[node] = d.minutes();
                let f = &mut ws.flags[node];
                if d.is_zero() {
                    *f |= F_MILESTONE;
                } else {
                    *f &= !F_MILESTONE;
                }
            }
        }
        ws.delay.clear();
        if let Some(d) = sc.delays {
            if d.len() != n {
                return Err(wrong_len("delays", d.len()));
            }
            ws.delay.resize(m.nodes(), NO_DELAY);
            for (i, d) in d.iter().enumerate() {
                let node = m.node_of[i] as usize;
                if let Some(t) = d {
                    if m.kind[node] == Kind::Leaf {
                        ws.delay[node] = t.minutes();
                    }
                }
            }
        }
        Ok(())
    }
}

/// The results of one run, borrowed from its workspace.
#[derive(Debug, Clone, Copy)]
pub struct Run<'w, 'p> {
    net: &'w Network<'p>,
    ws: &'w Workspace,
}

impl<'w, 'p> Run<'w, 'p> {
    fn pass(&self) -> Pass<'w, 'p, Csr> {
        Pass {
            m: &self.net.model,
            net: &self.net.csr,
            tasks: self.net.project.tasks(),
            opts: &self.net.opts,
            dur: &self.ws.dur,
            flags: &self.ws.flags,
            delay: &self.ws.delay,
        }
    }

    fn dt(t: i64) -> DateTime {
        DateTime::from_minutes(t).unwrap_or(if t < 0 { DateTime::MIN } else { DateTime::MAX })
    }

    /// What the run computed.
    pub fn outputs(&self) -> Outputs {
        self.ws.buf.outputs
    }

    /// The project start.
    pub fn project_start(&self) -> DateTime {
        Self::dt(self.ws.buf.ps)
    }

    /// The project finish.
    pub fn project_finish(&self) -> DateTime {
        Self::dt(self.ws.buf.pf)
    }

    /// Working time from the project start to the project finish on the project calendar.
    pub fn project_duration(&self) -> Duration {
        let c = self.net.calendar();
        Duration::minutes_work(c.ord(self.ws.buf.pf) - c.ord(self.ws.buf.ps))
    }

    /// Task `i`'s scheduled start and finish (early dates, late ones for as-late-as-possible
    /// tasks, pinned dates for pinned tasks).
    pub fn dates(&self, i: TaskIndex) -> (DateTime, DateTime) {
        let e = self.pass().scheduled(i.index(), &self.ws.buf.times);
        (Self::dt(e.s), Self::dt(e.f))
    }

    /// Task `i`'s early start and early finish.
    pub fn early(&self, i: TaskIndex) -> (DateTime, DateTime) {
        let x = &self.ws.buf.times[self.net.model.node_of[i.index()] as usize];
        (Self::dt(x.es), Self::dt(x.ef))
    }

    /// Task `i`'s late start and late finish, if the run computed them.
    pub fn late(&self, i: TaskIndex) -> Option<(DateTime, DateTime)> {
        if self.ws.buf.outputs < Outputs::Float {
            return None;
        }
        let m = &self.net.model;
        let n = m.node_of[i.index()] as usize;
        let x = if m.kind[n] == Kind::Summary {
            &self.ws.buf.times[m.gate_of[i.index()] as usize]
        } else {
            &self.ws.buf.times[n]
        };
        Some((Self::dt(x.ls), Self::dt(x.lf)))
    }

    /// Task `i`'s total float (working time on its calendar, elapsed time for elapsed tasks),
    /// if the run computed it.
    pub fn total_float(&self, i: TaskIndex) -> Option<Duration> {
        if self.ws.buf.outputs < Outputs::Float {
            return None;
        }
        let tf = self.total_float_minutes(i.index());
        let n = self.net.model.node_of[i.index()] as usize;
        Some(if self.ws.flags[n] & F_ELAPSED != 0 {
            Duration::elapsed_minutes(tf)
        } else {
            Duration::minutes_work(tf)
        })
    }

    fn total_float_minutes(&self, i: usize) -> i64 {
        match self.ws.buf.floats.get(self.net.model.node_of[i] as usize) {
            Some(&(tf, _)) if tf != i64::MIN => tf,
            _ => self.pass().total_float(i, &self.ws.buf.times),
        }
    }

    /// Whether task `i` is critical under the network's options (false when the run computed
    /// no floats). With [`Criticality::LongestPath`] only [`Run::schedule`] can tell.
    pub fn is_critical(&self, i: TaskIndex) -> bool {
        self.ws.buf.outputs >= Outputs::Float
            && critical_by_float(&self.pass(), i.index(), self.total_float_minutes(i.index()))
    }

    /// The full schedule (allocates). Needs a run with [`Outputs::Full`].
    pub fn schedule(&self) -> Result<Schedule> {
        if self.ws.buf.outputs != Outputs::Full {
            return Err(Error::invalid(
                Item::Project,
                "outputs",
                "a full schedule needs a run with Outputs::Full",
            ));
        }
        let pass = self.pass();
        schedule_output(self.net.project, &pass, &self.net.order, &self.ws.buf)
    }
}

/// Builds the public schedule of a whole run.
///
/// Tasks are built in node order, so that the per-node arrays are read front to back and each
/// task's entry is written once wherever it goes (after [`network::relabel`] node order is not
/// task order); driving links and violations are then gathered in task order.
pub(crate) fn schedule_output(
    project: &Project,
    pass: &Pass<'_, '_, Csr>,
    order: &[u32],
    b: &Buffers,
) -> Result<Schedule> {
    let model = pass.m;
    let n = project.len();
    let blank = TaskSchedule {
        start: DateTime::MIN,
        finish: DateTime::MIN,
        early_start: DateTime::MIN,
        early_finish: DateTime::MIN,
        late_start: DateTime::MIN,
        late_finish: DateTime::MIN,
        duration: Duration::ZERO,
        total_float: Duration::ZERO,
        free_float: Duration::ZERO,
        critical: false,
        driver: Driver::ProjectStart,
    };
    let mut tasks = vec![blank; n];
    let mut failed = None;
    for (node, &kind) in model.kind.iter().enumerate() {
        if kind == Kind::Gate {
            continue;
        }
        let i = model.task_of[node] as usize;
        let floats = b.floats.get(node).copied();
        match task_output(pass, i, &b.times, &b.drivers, floats) {
            Ok(t) => tasks[i] = t,
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    let mut driving_off = Vec::with_capacity(n + 1);
    let mut driving = Vec::with_capacity(b.driving.len());
    driving_off.push(0u32);
    for i in 0..n {
        let (a, e) = b.span[model.in_node(i)];
        driving.extend_from_slice(&b.driving[a as usize..e as usize]);
        driving_off.push(driving.len() as u32);
    }
    let mut violations = Vec::new();
    // Only constraints, deadlines and pins can be broken.
    if !model.extras.is_empty() || failed.is_some() {
        for i in 0..n {
            let node = model.node_of[i] as usize;
            if failed.is_some() {
                // Report the error a task-by-task build meets first.
                let floats = b.floats.get(node).copied();
                task_output(pass, i, &b.times, &b.drivers, floats)?;
            }
            if model.extra[node] != network::NONE {
                pass.violations(node, &b.times, &mut violations);
            }
        }
    }
    if let Some(e) = failed {
        return Err(e);
    }
    let mut s = Schedule {
        project_start: DateTime::from_minutes(b.ps).ok_or_else(|| {
            Error::invalid(
                Item::Project,
                "start",
                "the project start is outside the years 1000-9999",
            )
        })?,
        project_finish: DateTime::from_minutes(b.pf).ok_or_else(|| {
            Error::invalid(
                Item::Project,
                "finish",
                "the project finish is outside the years 1000-9999",
            )
        })?,
        tasks,
        critical_order: Vec::new(),
        critical_paths: Vec::new(),
        driving_off,
        driving,
        violations,
        warnings: super::warnings_for(project, model),
    };
    super::finish_schedule(pass, order, &b.drivers, &mut s);
    Ok(s)
}

/// Runs every pass over the nodes in `order` (a topological order) into `b`.
pub(crate) fn run_into<N: Net>(
    p: &Pass<'_, '_, N>,
    order: &[u32],
    b: &mut Buffers,
    outputs: Outputs,
    fast: Option<Fast<'_>>,
) -> Result<()> {
    let m = p.m;
    let nodes = m.nodes();
    b.outputs = outputs;
    b.times.clear();
    b.times.resize(nodes, Times::default());
    b.drivers.clear();
    b.drivers.resize(nodes, Driver::ProjectStart);
    b.span.clear();
    b.driving.clear();
    let full = outputs == Outputs::Full;
    if full {
        b.span.resize(nodes, (0, 0));
    }
    b.floats.clear();
    b.floats.resize(nodes, (i64::MIN, 0));
    b.has_early = false;
    let mut anchor = b.anchor.take().unwrap_or_else(|| Anchor::new(m, m.start));
    let r = run_passes(p, order, b, outputs, &mut anchor, fast);
    b.anchor = Some(anchor);
    r
}

fn run_passes<N: Net>(
    p: &Pass<'_, '_, N>,
    order: &[u32],
    b: &mut Buffers,
    outputs: Outputs,
    anchor: &mut Anchor,
    fast: Option<Fast<'_>>,
) -> Result<()> {
    let m = p.m;
    let full = outputs == Outputs::Full;
    let Buffers {
        times,
        early,
        drivers,
        span,
        driving,
        floats,
        ps,
        pf,
        has_early,
        ..
    } = b;
    let mut sink = full.then_some(Sink {
        span,
        links: driving,
    });
    if let Some(fixed) = m.fixed_finish {
        // Scheduled from the finish: late dates first, then the start they imply.
        *pf = fixed;
        anchor.set(m, fixed);
        backward_all(p, order, times, None, anchor, None)?;
        let s = (0..m.nodes())
            .filter(|&n| m.kind[n] == Kind::Leaf)
            .map(|n| times[n].ls)
            .min()
            .unwrap_or(i64::MAX);
        *ps = if s == i64::MAX { fixed } else { s };
        anchor.set(m, *ps);
        forward_all(
            p,
            order,
            anchor,
            times,
            drivers,
            Forward::Early,
            sink.as_mut(),
        )?;
    } else if m.has_alap {
        *ps = m.start;
        anchor.set(m, *ps);
        // Early pass with every task as soon as possible, for the project finish.
        early.clear();
        early.resize(times.len(), Times::default());
        forward_all(p, order, anchor, early, drivers, Forward::Early, None)?;
        *has_early = true;
        *pf = project_finish(m, early, *ps);
        anchor.set(m, *pf);
        backward_all(p, order, times, Some(early), anchor, None)?;
        anchor.set(m, *ps);
        forward_all(
            p,
            order,
            anchor,
            times,
            drivers,
            Forward::Scheduled,
            sink.as_mut(),
        )?;
    } else {
        *ps = m.start;
        anchor.set(m, *ps);
        // Nothing is as late as possible: plain nodes may take the fast path.
        match fast {
            Some(f) => f.forward_all(p, order, anchor, times, drivers, sink.as_mut())?,
            None => forward_all(
                p,
                order,
                anchor,
                times,
                drivers,
                Forward::Early,
                sink.as_mut(),
            )?,
        }
        *pf = project_finish(m, times, *ps);
        if outputs >= Outputs::Float {
            anchor.set(m, *pf);
            match fast {
                Some(f) => f.backward_all(p, order, anchor, times, Some((floats, full)))?,
                None => {
                    let want = if full {
                        FloatsWanted::Both
                    } else {
                        FloatsWanted::Total
                    };
                    backward_all(p, order, times, None, anchor, Some((floats, want)))?
                }
            }
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FloatsWanted {
    Total,
    Both,
}

/// The backward pass; with `floats`, each leaf task's float is taken as soon as its late
/// dates are known, while its successors' dates are still in cache (only valid when those
/// dates are final: no task as late as possible, not scheduled from the finish).
fn backward_all<N: Net>(
    p: &Pass<'_, '_, N>,
    order: &[u32],
    times: &mut [Times],
    early: Option<&[Times]>,
    pf: &Anchor,
    mut floats: Option<(&mut Vec<(i64, i64)>, FloatsWanted)>,
) -> Result<()> {
    let m = p.m;
    for &n in order.iter().rev() {
        let n = n as usize;
        let b = {
            let t: &[Times] = times;
            p.backward(n, pf, t, early.unwrap_or(t))?
        };
        let x = &mut times[n];
        (x.ls, x.lf, x.wls, x.wlf) = (b.ls, b.lf, b.wls, b.wlf);
        if let Some((out, want)) = floats.as_mut() {
            if m.kind[n] == Kind::Leaf {
                let i = m.task_of[n] as usize;
                let tf = p.total_float(i, times);
                let ff = if *want == FloatsWanted::Both {
                    p.free_float(i, times, tf)?
                } else {
                    0
                };
                out[n] = (tf, ff);
            }
        }
    }
    Ok(())
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
pub(crate) struct Sink<'b> {
    pub span: &'b mut Vec<(u32, u32)>,
    pub links: &'b mut Vec<LinkIndex>,
}

/// What a forward pass reads from predecessors.
#[derive(Clone, Copy)]
enum Forward {
    /// Early dates (every task as soon as possible).
    Early,
    /// Scheduled dates (late ones for as-late-as-possible tasks).
    Scheduled,
}

fn forward_all<N: Net>(
    p: &Pass<'_, '_, N>,
    order: &[u32],
    ps: &Anchor,
    times: &mut [Times],
    drivers: &mut [Driver],
    mode: Forward,
    mut sink: Option<&mut Sink<'_>>,
) -> Result<()> {
    for &n in order {
        let n = n as usize;
        let r = {
            let t: &[Times] = times;
            let out = sink.as_deref_mut().map(|s| &mut *s.links);
            let first = out.as_ref().map_or(0, |o| o.len());
            let r = match mode {
                Forward::Scheduled => p.forward_with(n, ps, &|q| p.src(q, t), out)?,
                Forward::Early => p.forward_with(n, ps, &|q| t[q].early(), out)?,
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

/// Whether task `i` with total float `tf` is critical by the float threshold.
fn critical_by_float<N: Net>(p: &Pass<'_, '_, N>, i: usize, tf: i64) -> bool {
    let m = p.m;
    let n = m.node_of[i] as usize;
    let f = p.flags[n];
    match p.opts.critical {
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
    }
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
    let f = p.flags[n];
    let elapsed = f & F_ELAPSED != 0;
    let critical = critical_by_float(p, i, tf);
    let dur = |v: i64| {
        if elapsed {
            Duration::elapsed_minutes(v)
        } else {
            Duration::minutes_work(v)
        }
    };
    let duration = if m.kind[n] == Kind::Summary {
        // Microsoft Project shows a summary's working time from start to finish.
        let c = &m.calendars[m.cal[n] as usize];
        Duration::minutes_work((c.ord(finish) - c.ord(start)).max(0))
    } else {
        dur(p.dur[n])
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
        duration,
        total_float: dur(tf),
        free_float: dur(ff),
        critical,
        driver,
    })
}
