//! The incremental engine: a project and its schedule, kept up to date edit by edit.
//!
//! [`Engine::apply`] changes the project and recomputes only the part of the network an edit can
//! reach, in topological order, stopping wherever a date does not change.
//! The topological order itself is maintained incrementally (Pearce–Kelly), so adding a link
//! costs time proportional to the region it reorders, and a link that would close a loop is
//! rejected with the loop spelled out.
//! Every change goes through an undo journal: [`Engine::preview`] applies an edit, reports the
//! diff and rolls back exactly, and an edit that fails leaves the engine as it was.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::error::{Error, Item, Result};
use crate::id::{LinkIndex, TaskId, TaskIndex};
use crate::model::{check_task_fields, Lag, Link, LinkType, Project, Task};
use crate::schedule::network::{
    self as graph, check_summary_link, check_summary_task, task_extra, task_flags, Edge, Extra,
    Kind, Model, Net, F_ALAP, HIER, NONE,
};
use crate::schedule::pass::{Anchor, Pass, Times};
use crate::schedule::run::{self as cpm, Buffers};
use crate::schedule::Outputs;
use crate::schedule::{
    self, Driver, DriverEntry, Schedule, ScheduleOptions, TaskEntry, TaskSchedule,
};
use crate::time::DateTime;

mod edit;
mod propagate;
#[cfg(test)]
mod tests;

pub use edit::{Change, Diff, Edit};
use propagate::same_entry;

/// Adjacency lists that can change.
#[derive(Debug, Default)]
struct Lists {
    preds: Vec<Vec<Edge>>,
    succs: Vec<Vec<Edge>>,
}

impl Net for Lists {
    #[inline]
    fn preds(&self, n: usize) -> &[Edge] {
        &self.preds[n]
    }
    #[inline]
    fn succs(&self, n: usize) -> &[Edge] {
        &self.succs[n]
    }
}

/// One reversible step.
#[derive(Debug)]
enum Undo {
    Times(u32, Times),
    Early(u32, Times),
    Driver(u32, Driver),
    Out(u32, TaskSchedule),
    PopOut,
    Ps(i64),
    Pf(i64),
    Node {
        n: u32,
        kind: Kind,
        dur: i64,
        flags: u8,
        extra: u32,
    },
    Task(u32, Box<Task>),
    PushTask,
    PushNode,
    AddEdge(u32, u32, u32),
    RemoveEdge(u32, u32, u32),
    PushLink,
    /// A removed link: its slot and its index in the project.
    LinkRemoved(u32, u32),
    LinkValue(u32, Link),
    Pos(u32, u32),
    Gate(u32, u32),
    Kid(u32, u32, bool),
    AlapCount(u32),
    EarlyVec(Option<Vec<Times>>),
    CompactPush,
    Compact(Vec<u32>, u32),
}

/// A project with its schedule, updated incrementally by edits.
///
/// ```
/// use jindu::{Engine, Edit, Project, Task, Link, Duration, ScheduleOptions, DriverEntry};
/// let mut p = Project::new("Demo", "2026-01-05T08:00".parse()?);
/// let a = p.add_task(Task::new("A", "Design").with_duration(Duration::days(2)))?;
/// let b = p.add_task(Task::new("B", "Build").with_duration(Duration::days(3)))?;
/// let c = p.add_task(Task::new("C", "Test").with_duration(Duration::days(1)))?;
/// p.add_link(Link::finish_to_start(a, b))?;
/// p.add_link(Link::finish_to_start(b, c))?;
/// let mut e = Engine::new(p, ScheduleOptions::default())?;
///
/// // What would happen if design took a day longer?
/// let d = e.preview(&Edit::SetDuration { task: "A".into(), duration: Duration::days(3) })?;
/// assert_eq!(d.moved().len(), 3);
/// assert_eq!(e.task("C").unwrap().finish.to_string(), "2026-01-12T17:00:00"); // unchanged
///
/// // Commit it: C moves, driven by its link from B.
/// let d = e.apply(Edit::SetDuration { task: "A".into(), duration: Duration::days(3) })?;
/// let c = d.changes.iter().find(|c| c.task.as_str() == "C").unwrap();
/// let after = c.after.as_ref().unwrap();
/// assert_eq!(after.schedule.finish.to_string(), "2026-01-13T17:00:00");
/// assert!(matches!(after.driver, DriverEntry::Link { ref from, .. } if from.as_str() == "B"));
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug)]
pub struct Engine {
    /// The current project: the one owner of the tasks, links and everything else. Task `i` of
    /// the project is task slot `i` of the network.
    project: Project,
    opts: ScheduleOptions,
    kids: Vec<Vec<u32>>,
    link_live: Vec<bool>,
    model: Model<'static>,
    net: Lists,
    pos: Vec<u32>,
    at: Vec<u32>,
    times: Vec<Times>,
    early: Option<Vec<Times>>,
    drivers: Vec<Driver>,
    out: Vec<TaskSchedule>,
    alap_count: u32,
    ps: i64,
    pf: i64,
    journal: Vec<Undo>,
    stamp: Vec<u32>,
    clock: u32,
    /// Link slot -> index in [`Engine::project`] (NONE for removed links).
    link_compact: Vec<u32>,
    live_links: u32,
    /// During an edit: tasks that became summaries, and links changed or removed with their
    /// values before (for the `before` side of the diff).
    promoted: Vec<u32>,
    old_links: Vec<(u32, Link)>,
}

impl Engine {
    /// Schedules `project` and keeps it for editing.
    pub fn new(project: Project, opts: ScheduleOptions) -> Result<Engine> {
        let (model, csr) = graph::compile(&project)?;
        let order = graph::topo_order(&model, &csr, project.tasks())?;
        let n_nodes = model.nodes();
        let mut net = Lists {
            preds: Vec::with_capacity(n_nodes),
            succs: Vec::with_capacity(n_nodes),
        };
        for n in 0..n_nodes {
            net.preds.push(csr.preds(n).to_vec());
            net.succs.push(csr.succs(n).to_vec());
        }
        let model: Model<'static> = Model {
            links: Cow::Owned(model.links.to_vec()),
            ..model
        };
        drop(csr);
        let n = project.len();
        let mut kids = vec![Vec::new(); n];
        for (i, t) in project.tasks().iter().enumerate() {
            if let Some(p) = t.parent {
                kids[p.index()].push(i as u32);
            }
        }
        let n_links = model.links.len();
        let link_live = vec![true; n_links];
        let alap_count = (0..model.nodes())
            .filter(|&k| model.flags[k] & F_ALAP != 0)
            .count() as u32;
        let mut pos = vec![0u32; n_nodes];
        for (k, &v) in order.iter().enumerate() {
            pos[v as usize] = k as u32;
        }
        let mut e = Engine {
            project,
            opts,
            kids,
            link_live,
            model,
            net,
            pos,
            at: order,
            times: Vec::new(),
            early: None,
            drivers: Vec::new(),
            out: Vec::new(),
            alap_count,
            ps: 0,
            pf: 0,
            journal: Vec::new(),
            stamp: vec![0; n_nodes],
            clock: 0,
            link_compact: (0..n_links as u32).collect(),
            live_links: n_links as u32,
            promoted: Vec::new(),
            old_links: Vec::new(),
        };
        e.full_recompute()?;
        Ok(e)
    }

    fn pass(&self) -> Pass<'_, 'static, Lists> {
        Pass::new(&self.model, &self.net, self.project.tasks(), &self.opts)
    }

    fn full_recompute(&mut self) -> Result<()> {
        let order = self.at.clone();
        let full = {
            let pass = self.pass();
            let order: Vec<u32> = order
                .into_iter()
                .filter(|&n| self.model.kind[n as usize] != Kind::Removed)
                .collect();
            let mut b = Buffers::default();
            cpm::run_into(&pass, &order, &mut b, Outputs::Full, None)?;
            b
        };
        self.times = full.times;
        self.drivers = full.drivers;
        self.ps = full.ps;
        self.pf = full.pf;
        self.early = if self.alap_count > 0 && self.model.fixed_finish.is_none() {
            Some(self.compute_early_full()?)
        } else {
            None
        };
        let mut out = Vec::with_capacity(self.project.len());
        for i in 0..self.project.len() {
            out.push(cpm::task_output(
                &self.pass(),
                i,
                &self.times,
                &self.drivers,
                None,
            )?);
        }
        self.out = out;
        Ok(())
    }

    /// Early dates with every task as soon as possible (used for the project finish when some
    /// tasks are as late as possible).
    fn compute_early_full(&self) -> Result<Vec<Times>> {
        let pass = self.pass();
        let psa = Anchor::new(&self.model, self.ps);
        let mut early = vec![Times::default(); self.model.nodes()];
        for &n in &self.at {
            let n = n as usize;
            if self.model.kind[n] == Kind::Removed {
                continue;
            }
            let r = {
                let t: &[Times] = &early;
                pass.forward(n, &psa, &|q| t[q].early())?
            };
            let x = &mut early[n];
            (x.es, x.ef, x.wes, x.wef) = (r.es, r.ef, r.wes, r.wef);
        }
        Ok(early)
    }

    /// The options the engine schedules with.
    pub fn options(&self) -> &ScheduleOptions {
        &self.opts
    }

    /// The number of tasks.
    pub fn len(&self) -> usize {
        self.project.len()
    }

    /// Whether there are no tasks.
    pub fn is_empty(&self) -> bool {
        self.project.is_empty()
    }

    /// The current project: every committed edit is in it. Indices in [`Engine::schedule`] and
    /// [`Engine::task`] refer to it.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Takes the current project out of the engine.
    pub fn into_project(self) -> Project {
        self.project
    }

    /// The current schedule of task `id`, its driver numbered like [`Engine::project`].
    pub fn task(&self, id: &str) -> Option<TaskSchedule> {
        let i = self.project.index_of(id)?;
        Some(self.public(self.out[i.index()]))
    }

    /// Task `id`'s current entry (dates, float, driver with keys).
    pub fn entry(&self, id: &str) -> Option<TaskEntry> {
        let i = self.project.index_of(id)?;
        Some(self.entry_of(i.index(), &self.out[i.index()], false))
    }

    /// The current definition of task `id`.
    pub fn task_def(&self, id: &str) -> Option<&Task> {
        self.project.task_by_id(id)
    }

    /// The current project start.
    pub fn project_start(&self) -> DateTime {
        DateTime::from_minutes(self.ps).unwrap_or(DateTime::MIN)
    }

    /// The current project finish.
    pub fn project_finish(&self) -> DateTime {
        DateTime::from_minutes(self.pf).unwrap_or(DateTime::MAX)
    }

    /// The links that hold task `id` where it is now: each as (predecessor key, link type, lag).
    ///
    /// Empty when the task is held by the project start, its constraint, its pin or its
    /// progress (see [`TaskSchedule::driver`]).
    pub fn why(&self, id: &str) -> Option<Vec<(TaskId, LinkType, Lag)>> {
        let i = self.project.index_of(id)?.index();
        let mut links = Vec::new();
        self.pass()
            .driving_links(self.model.in_node(i), &self.times, &mut links)
            .ok()?;
        Some(
            links
                .into_iter()
                .map(|l| {
                    let link = &self.model.links[l.index()];
                    (self.project.task(link.from).id.clone(), link.kind, link.lag)
                })
                .collect(),
        )
    }

    /// A task schedule with its driver renumbered from link slots to [`Engine::project`]
    /// indices.
    fn public(&self, t: TaskSchedule) -> TaskSchedule {
        let driver = match t.driver {
            Driver::Link(l) => Driver::Link(LinkIndex(self.link_compact[l.index()])),
            d => d,
        };
        TaskSchedule { driver, ..t }
    }

    /// The entry of task slot `i` with schedule `t`; with `before`, as it was before the
    /// current edit (its summary flag and the links the edit changed).
    fn entry_of(&self, i: usize, t: &TaskSchedule, before: bool) -> TaskEntry {
        let def = self.project.task(TaskIndex(i as u32));
        let mut summary = self.is_summary(i);
        if before && self.promoted.contains(&(i as u32)) {
            summary = false;
        }
        let driver = match t.driver {
            Driver::Link(k) => {
                let l = before
                    .then(|| self.old_links.iter().find(|(s, _)| *s == k.0).map(|x| x.1))
                    .flatten()
                    .unwrap_or(self.model.links[k.index()]);
                DriverEntry::Link {
                    from: self.project.task(l.from).id.clone(),
                    kind: l.kind,
                    lag: l.lag,
                }
            }
            Driver::Summary(s) => DriverEntry::Summary(self.project.task(s).id.clone()),
            d => DriverEntry::new(&self.project, d),
        };
        TaskEntry {
            id: def.id.clone(),
            name: def.name.clone(),
            summary,
            milestone: !summary && t.duration.is_zero(),
            schedule: self.public(*t),
            driver,
        }
    }

    /// The full current schedule (with critical paths), indexed like [`Engine::project`].
    pub fn schedule(&self) -> Schedule {
        let pass = self.pass();
        let n = self.project.len();
        let mut driving_off = vec![0u32];
        let mut driving = Vec::new();
        let mut violations = Vec::new();
        let mut tasks = Vec::with_capacity(n);
        for i in 0..n {
            tasks.push(self.out[i]);
            pass.driving_links(self.model.in_node(i), &self.times, &mut driving)
                .expect("driving_links measures each link as the forward pass that placed the node did, with the same times, and that pass succeeded");
            pass.violations(self.model.node_of[i] as usize, &self.times, &mut violations);
            driving_off.push(driving.len() as u32);
        }
        let mut s = Schedule {
            project_start: self.project_start(),
            project_finish: self.project_finish(),
            tasks,
            critical_order: Vec::new(),
            critical_paths: Vec::new(),
            driving_off,
            driving,
            violations,
            warnings: schedule::warnings_for(&self.project, &self.model),
        };
        let order: Vec<u32> = self
            .at
            .iter()
            .copied()
            .filter(|&v| self.model.kind[v as usize] != Kind::Removed)
            .collect();
        schedule::finish_schedule(&pass, &order, &self.drivers, &mut s);
        // Links are numbered by slot inside the engine; the project numbers live links densely.
        if self.live_links as usize != self.link_live.len() {
            let fix = |l: LinkIndex| LinkIndex(self.link_compact[l.index()]);
            for l in &mut s.driving {
                *l = fix(*l);
            }
            for t in &mut s.tasks {
                if let Driver::Link(l) = t.driver {
                    t.driver = Driver::Link(fix(l));
                }
            }
            for v in &mut s.violations {
                v.link = v.link.map(fix);
            }
        }
        s
    }

    /// Applies `edit`, recomputes what it can affect and returns what changed.
    /// On error the engine is left exactly as it was.
    pub fn apply(&mut self, edit: Edit) -> Result<Diff> {
        if let Edit::RemoveTask { task } = &edit {
            let (next, diff) = self.without(task)?;
            *self = next;
            return Ok(diff);
        }
        self.journal.clear();
        match self.run(&edit) {
            Ok(d) => {
                self.end_edit();
                Ok(d)
            }
            Err(e) => {
                self.rollback();
                Err(e)
            }
        }
    }

    /// Returns what `edit` would change, without changing anything.
    pub fn preview(&mut self, edit: &Edit) -> Result<Diff> {
        self.preview_with(edit, |_, _| ()).map(|(d, ())| d)
    }

    /// Like [`Engine::preview`], but first lets `inspect` look at the engine in the edited state
    /// (its [`Engine::project`], [`Engine::schedule`], [`Engine::why`], …); then everything is
    /// rolled back as by [`Engine::preview`].
    ///
    /// ```
    /// use jindu::{Edit, Engine, Link, Project, ScheduleOptions, Task, Duration, LinkType, Lag};
    /// let mut p = Project::new("Demo", "2026-01-05T08:00".parse()?);
    /// p.add_task(Task::new("A", "Design").with_duration(Duration::days(2)))?;
    /// p.add_task(Task::new("B", "Build").with_duration(Duration::days(3)))?;
    /// let mut e = Engine::new(p, ScheduleOptions::default())?;
    /// let edit = Edit::AddLink { from: "A".into(), to: "B".into(), kind: LinkType::FinishToStart, lag: Lag::ZERO };
    /// let (diff, links) = e.preview_with(&edit, |e, _| e.project().links().len())?;
    /// assert_eq!(links, 1);
    /// assert_eq!(e.project().links().len(), 0); // nothing was committed
    /// assert_eq!(diff.moved().len(), 1);
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn preview_with<R>(
        &mut self,
        edit: &Edit,
        inspect: impl FnOnce(&Engine, &Diff) -> R,
    ) -> Result<(Diff, R)> {
        if let Edit::RemoveTask { task } = edit {
            let (next, diff) = self.without(task)?;
            let seen = inspect(&next, &diff);
            return Ok((diff, seen));
        }
        self.journal.clear();
        let r = self.run(edit).map(|d| {
            let seen = inspect(self, &d);
            (d, seen)
        });
        self.rollback();
        r
    }

    /// Clears what an edit kept for its diff and undo.
    fn end_edit(&mut self) {
        self.journal.clear();
        self.promoted.clear();
        self.old_links.clear();
    }

    /// The engine without task `id` (and its subtasks, their links and assignments), and the
    /// diff from this one to it.
    ///
    /// Removing a task renumbers the tasks after it, so the engine is rebuilt from the edited
    /// project rather than patched: the cost of a full schedule.
    fn without(&self, id: &TaskId) -> Result<(Engine, Diff)> {
        let i = self.slot(id)?;
        let mut project = self.project.clone();
        let gone = project.remove_task(TaskIndex(i as u32))?;
        let next = Engine::new(project, self.opts)?;
        let mut changes = Vec::new();
        for (k, before) in self.out.iter().enumerate() {
            let id = &self.project.task(TaskIndex(k as u32)).id;
            let before = self.entry_of(k, before, false);
            let after = if gone.contains(id) {
                None
            } else {
                next.project
                    .index_of(id.as_str())
                    .map(|j| next.entry_of(j.index(), &next.out[j.index()], false))
            };
            let same = after.as_ref().is_some_and(|a| same_entry(&before, a));
            if !same {
                changes.push(Change {
                    task: id.clone(),
                    before: Some(before),
                    after,
                });
            }
        }
        let diff = Diff {
            changes,
            project_start: (self.project_start(), next.project_start()),
            project_finish: (self.project_finish(), next.project_finish()),
            recomputed: next.model.nodes(),
            settings: *self.project.settings(),
        };
        Ok((next, diff))
    }

    fn rollback(&mut self) {
        self.promoted.clear();
        self.old_links.clear();
        while let Some(u) = self.journal.pop() {
            match u {
                Undo::Times(n, t) => self.times[n as usize] = t,
                Undo::Early(n, t) => self.early.as_mut().expect("Undo::Early is journaled by a write into early while it is Some; a later change of early is journaled after it (Undo::EarlyVec) and unwound first")[n as usize] = t,
                Undo::Driver(n, d) => self.drivers[n as usize] = d,
                Undo::Out(i, o) => self.out[i as usize] = o,
                Undo::PopOut => {
                    self.out.pop();
                }
                Undo::Ps(v) => self.ps = v,
                Undo::Pf(v) => self.pf = v,
                Undo::Node {
                    n,
                    kind,
                    dur,
                    flags,
                    extra,
                } => {
                    let n = n as usize;
                    self.model.kind[n] = kind;
                    self.model.dur[n] = dur;
                    self.model.flags[n] = flags;
                    self.model.extra[n] = extra;
                }
                Undo::Task(i, t) => self.project.restore_task(TaskIndex(i), *t),
                Undo::PushTask => {
                    self.project.pop_task();
                    self.kids.pop();
                    self.model.node_of.pop();
                    self.model.gate_of.pop();
                    self.model.carries_work.pop();
                }
                Undo::PushNode => {
                    let m = &mut self.model;
                    m.kind.pop();
                    m.dur.pop();
                    m.cal.pop();
                    m.flags.pop();
                    m.extra.pop();
                    m.task_of.pop();
                    self.net.preds.pop();
                    self.net.succs.pop();
                    self.times.pop();
                    if let Some(e) = self.early.as_mut() {
                        e.pop();
                    }
                    self.drivers.pop();
                    self.stamp.pop();
                    let p = self.pos.pop().expect("Undo::PushNode is journaled by push_node after pushing pos");
                    debug_assert_eq!(p as usize, self.at.len() - 1);
                    self.at.pop();
                }
                Undo::AddEdge(a, b, l) => self.edge_add_raw(a, b, l),
                Undo::RemoveEdge(a, b, l) => self.edge_remove_raw(a, b, l),
                Undo::PushLink => {
                    self.model.links.to_mut().pop();
                    self.model.link_lag.pop();
                    self.model.link_kind.pop();
                    self.link_live.pop();
                    self.project.pop_link();
                }
                Undo::LinkRemoved(k, at) => {
                    self.link_live[k as usize] = true;
                    let l = self.model.links[k as usize];
                    self.project.insert_link(LinkIndex(at), l);
                }
                Undo::LinkValue(k, l) => {
                    self.model.links.to_mut()[k as usize] = l;
                    self.model.link_lag[k as usize] = graph::fast_lag(&l);
                    self.model.link_kind[k as usize] = l.kind;
                    let at = self.link_compact[k as usize];
                    self.project.set_link(LinkIndex(at), l);
                }
                Undo::Pos(n, p) => {
                    self.pos[n as usize] = p;
                    self.at[p as usize] = n;
                }
                Undo::Gate(i, g) => self.model.gate_of[i as usize] = g,
                Undo::Kid(p, c, added) => {
                    let k = &mut self.kids[p as usize];
                    if added {
                        let at = k.iter().position(|&x| x == c).expect("Undo::Kid(.., true) is journaled right after pushing c into kids[p]");
                        k.remove(at);
                    } else {
                        k.push(c);
                        k.sort_unstable();
                    }
                }
                Undo::AlapCount(c) => {
                    self.alap_count = c;
                    self.model.has_alap = c > 0 && self.model.fixed_finish.is_none();
                }
                Undo::EarlyVec(v) => self.early = v,
                Undo::CompactPush => {
                    self.link_compact.pop();
                    self.live_links -= 1;
                }
                Undo::Compact(l, n) => {
                    self.link_compact = l;
                    self.live_links = n;
                }
            }
        }
    }

    // ---- journaled primitives -------------------------------------------------------------

    fn set_times(&mut self, n: usize, t: Times) {
        self.journal.push(Undo::Times(n as u32, self.times[n]));
        self.times[n] = t;
    }

    fn set_node(&mut self, n: usize, kind: Kind, dur: i64, flags: u8, extra: u32) {
        let m = &mut self.model;
        self.journal.push(Undo::Node {
            n: n as u32,
            kind: m.kind[n],
            dur: m.dur[n],
            flags: m.flags[n],
            extra: m.extra[n],
        });
        m.kind[n] = kind;
        m.dur[n] = dur;
        m.flags[n] = flags;
        m.extra[n] = extra;
    }

    fn set_task(&mut self, i: usize, t: Task) {
        let old = std::mem::replace(self.project.task_mut(TaskIndex(i as u32)), t);
        self.journal.push(Undo::Task(i as u32, Box::new(old)));
    }

    fn edge_add_raw(&mut self, a: u32, b: u32, l: u32) {
        self.net.succs[a as usize].push(Edge { node: b, link: l });
        self.net.preds[b as usize].push(Edge { node: a, link: l });
    }

    fn edge_remove_raw(&mut self, a: u32, b: u32, l: u32) {
        let s = &mut self.net.succs[a as usize];
        let k = s
            .iter()
            .position(|e| e.node == b && e.link == l)
            .expect("the edge is in the network: rollback removes only edges add_edge added, and edits remove links they found in the model");
        s.remove(k);
        let p = &mut self.net.preds[b as usize];
        let k = p
            .iter()
            .position(|e| e.node == a && e.link == l)
            .expect("the edge is in the network: rollback removes only edges add_edge added, and edits remove links they found in the model");
        p.remove(k);
    }

    fn add_edge(&mut self, a: u32, b: u32, l: u32) {
        self.edge_add_raw(a, b, l);
        self.journal.push(Undo::RemoveEdge(a, b, l));
    }

    fn remove_edge(&mut self, a: u32, b: u32, l: u32) {
        self.edge_remove_raw(a, b, l);
        self.journal.push(Undo::AddEdge(a, b, l));
    }

    fn set_pos(&mut self, n: u32, p: u32) {
        self.journal.push(Undo::Pos(n, self.pos[n as usize]));
        self.pos[n as usize] = p;
        self.at[p as usize] = n;
    }

    fn push_node(
        &mut self,
        task: u32,
        kind: Kind,
        dur: i64,
        cal: u16,
        flags: u8,
        extra: u32,
    ) -> u32 {
        let m = &mut self.model;
        let n = m.kind.len() as u32;
        m.kind.push(kind);
        m.dur.push(dur);
        m.cal.push(cal);
        m.flags.push(flags);
        m.extra.push(extra);
        m.task_of.push(task);
        self.net.preds.push(Vec::new());
        self.net.succs.push(Vec::new());
        self.times.push(Times::default());
        if let Some(e) = self.early.as_mut() {
            e.push(Times::default());
        }
        self.drivers.push(Driver::ProjectStart);
        self.stamp.push(0);
        self.pos.push(self.at.len() as u32);
        self.at.push(n);
        self.journal.push(Undo::PushNode);
        n
    }

    fn set_alap_count(&mut self, c: u32) -> Result<()> {
        if c == self.alap_count {
            return Ok(());
        }
        self.journal.push(Undo::AlapCount(self.alap_count));
        self.alap_count = c;
        self.model.has_alap = c > 0 && self.model.fixed_finish.is_none();
        let want = c > 0 && self.model.fixed_finish.is_none();
        if want && self.early.is_none() {
            // Before this edit no task was ALAP, so the early dates are the current ones.
            self.journal.push(Undo::EarlyVec(None));
            self.early = Some(self.times.clone());
        } else if !want && self.early.is_some() {
            let old = self.early.take();
            self.journal.push(Undo::EarlyVec(old));
        }
        Ok(())
    }

    fn add_extra(&mut self, e: Option<Extra>) -> u32 {
        match e {
            None => NONE,
            Some(e) => {
                // Extras are append-only; an old entry that is no longer referenced is harmless.
                self.model.extras.push(e);
                self.model.extras.len() as u32 - 1
            }
        }
    }

    // ---- lookups ----------------------------------------------------------------------------

    fn slot(&self, id: &TaskId) -> Result<usize> {
        self.project
            .index_of(id.as_str())
            .map(|i| i.index())
            .ok_or_else(|| Error::UnknownTask {
                id: id.clone(),
                by: Item::Project,
            })
    }

    fn is_summary(&self, i: usize) -> bool {
        self.model.gate_of[i] != NONE
    }

    fn find_link(&self, from: usize, to: usize) -> Option<u32> {
        let a = self.model.node_of[from];
        self.net.preds[self.model.in_node(to)]
            .iter()
            .find(|e| e.node == a && e.link != HIER)
            .map(|e| e.link)
    }

    fn related(&self, a: usize, b: usize) -> bool {
        let up = |mut x: usize, y: usize| loop {
            match self.project.task(TaskIndex(x as u32)).parent {
                Some(p) if p.index() == y => return true,
                Some(p) => x = p.index(),
                None => return false,
            }
        };
        up(a, b) || up(b, a)
    }

    // ---- the edit ---------------------------------------------------------------------------

    fn run(&mut self, edit: &Edit) -> Result<Diff> {
        let before_ps = self.project_start();
        let before_pf = self.project_finish();
        let mut fwd: Vec<u32> = Vec::new();
        let mut bwd: Vec<u32> = Vec::new();
        let mut touched: Vec<u32> = Vec::new();
        let removal = matches!(edit, Edit::RemoveLink { .. });
        let links_before = removal.then(|| self.link_compact.clone());
        self.mutate(edit, &mut fwd, &mut bwd, &mut touched)?;
        if removal {
            self.recompact();
        }
        let recomputed = self.propagate(fwd, bwd, &mut touched)?;
        let changes = self.refresh(touched, links_before.as_deref())?;
        Ok(Diff {
            changes,
            project_start: (before_ps, self.project_start()),
            project_finish: (before_pf, self.project_finish()),
            recomputed,
            settings: *self.project.settings(),
        })
    }

    /// Recomputes the link compaction map after a link removal, keeping the old one in the
    /// journal.
    fn recompact(&mut self) {
        let mut l = vec![NONE; self.link_live.len()];
        let mut k = 0;
        for (i, &v) in self.link_live.iter().enumerate() {
            if v {
                l[i] = k;
                k += 1;
            }
        }
        let old_l = std::mem::replace(&mut self.link_compact, l);
        self.journal.push(Undo::Compact(old_l, self.live_links));
        self.live_links = k;
    }

    /// Changes the model for `edit` and collects the nodes whose inputs changed.
    fn mutate(
        &mut self,
        edit: &Edit,
        fwd: &mut Vec<u32>,
        bwd: &mut Vec<u32>,
        touched: &mut Vec<u32>,
    ) -> Result<()> {
        match edit {
            Edit::SetDuration { task, duration } => {
                let i = self.slot(task)?;
                if self.is_summary(i) {
                    return Err(Error::invalid(
                        Item::Task(task.clone()),
                        "duration",
                        "a summary task's duration rolls up from its subtasks and cannot be set",
                    ));
                }
                let mut t = self.project.task(TaskIndex(i as u32)).clone();
                t.duration = *duration;
                t.milestone = t.milestone && duration.is_zero();
                self.update_leaf(i, t, fwd, bwd, touched)?;
            }
            Edit::SetConstraint { task, constraint } => {
                let i = self.slot(task)?;
                let mut t = self.project.task(TaskIndex(i as u32)).clone();
                t.constraint = *constraint;
                if self.is_summary(i) {
                    check_summary_task(&t)?;
                    self.update_summary(i, t, fwd, bwd, touched);
                } else {
                    self.update_leaf(i, t, fwd, bwd, touched)?;
                }
            }
            Edit::SetDeadline { task, deadline } => {
                let i = self.slot(task)?;
                let mut t = self.project.task(TaskIndex(i as u32)).clone();
                t.deadline = *deadline;
                if self.is_summary(i) {
                    self.update_summary(i, t, fwd, bwd, touched);
                } else {
                    self.update_leaf(i, t, fwd, bwd, touched)?;
                }
            }
            Edit::Pin { task, pin } => {
                let i = self.slot(task)?;
                let mut t = self.project.task(TaskIndex(i as u32)).clone();
                t.pinned = *pin;
                if self.is_summary(i) {
                    check_summary_task(&t)?;
                    self.update_summary(i, t, fwd, bwd, touched);
                } else {
                    self.update_leaf(i, t, fwd, bwd, touched)?;
                }
            }
            Edit::AddLink {
                from,
                to,
                kind,
                lag,
            } => {
                let (a, b) = (self.slot(from)?, self.slot(to)?);
                if a == b {
                    return Err(Error::SelfLink(from.clone()));
                }
                if self.find_link(a, b).is_some() {
                    return Err(Error::DuplicateLink {
                        from: from.clone(),
                        to: to.clone(),
                    });
                }
                let link = Link {
                    from: TaskIndex(a as u32),
                    to: TaskIndex(b as u32),
                    kind: *kind,
                    lag: lag.normalized(),
                };
                self.check_link(&link)?;
                let k = self.model.links.len() as u32;
                self.project.add_link(link)?;
                self.model.links.to_mut().push(link);
                self.model.link_lag.push(graph::fast_lag(&link));
                self.model.link_kind.push(link.kind);
                self.link_live.push(true);
                self.journal.push(Undo::PushLink);
                self.link_compact.push(self.live_links);
                self.live_links += 1;
                self.journal.push(Undo::CompactPush);
                let (na, nb) = (self.model.node_of[a], self.model.in_node(b) as u32);
                self.insert_edge(na, nb, k)?;
                fwd.push(nb);
                bwd.push(na);
                touched.extend([na, nb]);
            }
            Edit::SetLink {
                from,
                to,
                kind,
                lag,
            } => {
                let (a, b) = (self.slot(from)?, self.slot(to)?);
                let k = self.find_link(a, b).ok_or_else(|| Error::NoSuchLink {
                    from: from.clone(),
                    to: to.clone(),
                })?;
                let old = self.model.links[k as usize];
                let link = Link {
                    kind: *kind,
                    lag: lag.normalized(),
                    ..old
                };
                self.check_link(&link)?;
                self.journal.push(Undo::LinkValue(k, old));
                self.old_links.push((k, old));
                self.project
                    .set_link(LinkIndex(self.link_compact[k as usize]), link);
                self.model.links.to_mut()[k as usize] = link;
                self.model.link_lag[k as usize] = graph::fast_lag(&link);
                self.model.link_kind[k as usize] = link.kind;
                let (na, nb) = (self.model.node_of[a], self.model.in_node(b) as u32);
                fwd.push(nb);
                bwd.push(na);
                touched.extend([na, nb]);
            }
            Edit::RemoveLink { from, to } => {
                let (a, b) = (self.slot(from)?, self.slot(to)?);
                let k = self.find_link(a, b).ok_or_else(|| Error::NoSuchLink {
                    from: from.clone(),
                    to: to.clone(),
                })?;
                let (na, nb) = (self.model.node_of[a], self.model.in_node(b) as u32);
                self.remove_edge(na, nb, k);
                let at = self.link_compact[k as usize];
                self.project.remove_link(LinkIndex(at));
                self.journal.push(Undo::LinkRemoved(k, at));
                self.link_live[k as usize] = false;
                fwd.push(nb);
                bwd.push(na);
                touched.extend([na, nb]);
            }
            Edit::AddTask { task, parent } => {
                if task.parent.is_some() {
                    return Err(Error::invalid(
                        Item::Task(task.id.clone()),
                        "parent",
                        "name the parent in the edit's `parent` field, not in the task",
                    ));
                }
                check_task_fields(task, &|c| self.project.calendar(c).is_some())?;
                if self.project.index_of(task.id.as_str()).is_some() {
                    return Err(Error::DuplicateTask(task.id.clone()));
                }
                let parent = match parent {
                    Some(p) => Some(self.slot(p)?),
                    None => None,
                };
                self.add_task((**task).clone(), parent, fwd, bwd, touched)?;
            }
            Edit::RemoveTask { task } => {
                // `apply` and `preview` rebuild the engine for a removal (see `without`).
                return Err(Error::invalid(
                    Item::Task(task.clone()),
                    "op",
                    "internal: a removal is not patched into the network",
                ));
            }
        }
        Ok(())
    }

    fn check_link(&self, l: &Link) -> Result<()> {
        let (a, b) = (l.from.index(), l.to.index());
        let (fs, ts) = (self.is_summary(a), self.is_summary(b));
        if fs || ts {
            check_summary_link(self.project.tasks(), l, fs, ts, self.related(a, b))?;
        }
        if let Lag::Time(d) = l.lag {
            if d.minutes().abs() > 1i64 << 40 {
                return Err(Error::invalid(
                    Item::Link {
                        from: self.project.task(TaskIndex(a as u32)).id.clone(),
                        to: self.project.task(TaskIndex(b as u32)).id.clone(),
                    },
                    "lag",
                    "lag is out of range",
                ));
            }
        }
        Ok(())
    }

    fn cal_index(&self, t: &Task) -> Result<u16> {
        match &t.calendar {
            None => Ok(self.model.project_cal),
            Some(c) => self
                .model
                .calendars
                .iter()
                .position(|w| w.id() == c)
                .map(|k| k as u16)
                .ok_or_else(|| Error::UnknownCalendar {
                    id: c.clone(),
                    by: Item::Task(t.id.clone()),
                }),
        }
    }

    fn update_leaf(
        &mut self,
        i: usize,
        t: Task,
        fwd: &mut Vec<u32>,
        bwd: &mut Vec<u32>,
        touched: &mut Vec<u32>,
    ) -> Result<()> {
        check_task_fields(&t, &|c| self.project.calendar(c).is_some())?;
        let n = self.model.node_of[i] as usize;
        let flags = task_flags(&t);
        let was_alap = self.model.flags[n] & F_ALAP != 0;
        let is_alap = flags & F_ALAP != 0;
        let extra = self.add_extra(task_extra(&t));
        self.set_node(n, Kind::Leaf, t.duration.minutes(), flags, extra);
        self.set_task(i, t);
        if was_alap != is_alap {
            let c = if is_alap {
                self.alap_count + 1
            } else {
                self.alap_count - 1
            };
            self.set_alap_count(c)?;
        }
        fwd.push(n as u32);
        bwd.push(n as u32);
        touched.push(n as u32);
        // Percent lags of outgoing links depend on this duration.
        for e in &self.net.succs[n] {
            fwd.push(e.node);
        }
        Ok(())
    }

    fn update_summary(
        &mut self,
        i: usize,
        t: Task,
        fwd: &mut Vec<u32>,
        bwd: &mut Vec<u32>,
        touched: &mut Vec<u32>,
    ) {
        let n = self.model.node_of[i] as usize;
        let g = self.model.gate_of[i] as usize;
        let extra = self.add_extra(task_extra(&t));
        self.set_node(n, Kind::Summary, 0, 0, extra);
        self.set_node(g, Kind::Gate, 0, 0, extra);
        self.set_task(i, t);
        fwd.push(g as u32);
        bwd.push(n as u32);
        touched.extend([n as u32, g as u32]);
    }

    /// Adds edge `a → b` and repairs the topological order (Pearce–Kelly); a cycle is an error.
    fn insert_edge(&mut self, a: u32, b: u32, link: u32) -> Result<()> {
        let (pa, pb) = (self.pos[a as usize], self.pos[b as usize]);
        if pa < pb {
            self.add_edge(a, b, link);
            return Ok(());
        }
        // Forward region from b bounded by pa; backward region from a bounded by pb.
        self.clock += 1;
        let c = self.clock;
        let mut df: Vec<u32> = Vec::new();
        let mut parent: HashMap<u32, u32> = HashMap::new();
        let mut stack = vec![b];
        self.stamp[b as usize] = c;
        while let Some(v) = stack.pop() {
            df.push(v);
            for e in &self.net.succs[v as usize] {
                let w = e.node;
                if w == a {
                    // b reaches a: the new edge closes a loop a -> b -> ... -> a.
                    parent.insert(w, v);
                    let mut path = vec![a];
                    let mut x = a;
                    while x != b {
                        x = parent[&x];
                        path.push(x);
                    }
                    path.reverse();
                    return Err(self.cycle_error(a, &path));
                }
                if self.stamp[w as usize] != c && self.pos[w as usize] < pa {
                    self.stamp[w as usize] = c;
                    parent.insert(w, v);
                    stack.push(w);
                }
            }
        }
        let mut db: Vec<u32> = Vec::new();
        self.clock += 1;
        let c2 = self.clock;
        let mut stack = vec![a];
        self.stamp[a as usize] = c2;
        while let Some(v) = stack.pop() {
            db.push(v);
            for e in &self.net.preds[v as usize] {
                let w = e.node;
                if self.stamp[w as usize] != c2 && self.pos[w as usize] > pb {
                    self.stamp[w as usize] = c2;
                    stack.push(w);
                }
            }
        }
        db.sort_by_key(|&v| self.pos[v as usize]);
        df.sort_by_key(|&v| self.pos[v as usize]);
        let mut slots: Vec<u32> = db
            .iter()
            .chain(df.iter())
            .map(|&v| self.pos[v as usize])
            .collect();
        slots.sort_unstable();
        let seq: Vec<u32> = db.into_iter().chain(df).collect();
        for (v, p) in seq.into_iter().zip(slots) {
            if self.pos[v as usize] != p {
                self.set_pos(v, p);
            }
        }
        self.add_edge(a, b, link);
        Ok(())
    }

    fn cycle_error(&self, a: u32, path: &[u32]) -> Error {
        // path runs b -> ... -> a; with the new edge a -> b it is a cycle.
        let mut ids: Vec<TaskId> = Vec::new();
        for &n in std::iter::once(&a).chain(path.iter()) {
            let id = &self
                .project
                .task(TaskIndex(self.model.task_of[n as usize]))
                .id;
            if ids.last() != Some(id) {
                ids.push(id.clone());
            }
        }
        if ids.len() > 1 && ids.first() == ids.last() {
            ids.pop();
        }
        if let Some(min) = (0..ids.len()).min_by(|&x, &y| ids[x].cmp(&ids[y])) {
            ids.rotate_left(min);
        }
        let first = ids[0].clone();
        ids.push(first);
        Error::Cycle { tasks: ids }
    }

    fn add_task(
        &mut self,
        task: Task,
        parent: Option<usize>,
        fwd: &mut Vec<u32>,
        bwd: &mut Vec<u32>,
        touched: &mut Vec<u32>,
    ) -> Result<()> {
        if let Some(p) = parent {
            if !self.is_summary(p) {
                self.promote(p, fwd, bwd, touched)?;
            }
        }
        let i = self.project.len() as u32;
        let cal = self.cal_index(&task)?;
        let flags = task_flags(&task);
        let extra = self.add_extra(task_extra(&task));
        let mut stored = task;
        stored.parent = parent.map(|p| TaskIndex(p as u32));
        let alap = flags & F_ALAP != 0;
        let dur = stored.duration.minutes();
        self.project.add_task(stored)?;
        self.kids.push(Vec::new());
        self.model.node_of.push(NONE);
        self.model.gate_of.push(NONE);
        // A task added by an edit has no assignments.
        self.model.carries_work.push(false);
        self.journal.push(Undo::PushTask);
        let n = self.push_node(i, Kind::Leaf, dur, cal, flags, extra);
        self.model.node_of[i as usize] = n;
        if alap {
            self.set_alap_count(self.alap_count + 1)?;
        }
        if let Some(p) = parent {
            self.kids[p].push(i);
            self.journal.push(Undo::Kid(p as u32, i, true));
            let g = self.model.gate_of[p];
            let pn = self.model.node_of[p];
            self.insert_edge(g, n, HIER)?;
            self.insert_edge(n, pn, HIER)?;
            fwd.push(pn);
            bwd.push(g);
            touched.extend([pn, g]);
        }
        fwd.push(n);
        bwd.push(n);
        touched.push(n);
        Ok(())
    }

    /// Turns leaf `p` into a summary: adds its gate and moves its predecessors onto it.
    fn promote(
        &mut self,
        p: usize,
        fwd: &mut Vec<u32>,
        bwd: &mut Vec<u32>,
        touched: &mut Vec<u32>,
    ) -> Result<()> {
        let t = self.project.task(TaskIndex(p as u32)).clone();
        self.promoted.push(p as u32);
        check_summary_task(&t)?;
        let pn = self.model.node_of[p];
        for e in self.net.preds[pn as usize].clone() {
            if e.link != HIER {
                let l = self.model.links[e.link as usize];
                check_summary_link(self.project.tasks(), &l, false, true, false)?;
            }
        }
        for e in self.net.succs[pn as usize].clone() {
            if e.link != HIER {
                let l = self.model.links[e.link as usize];
                check_summary_link(self.project.tasks(), &l, true, false, false)?;
            }
        }
        if self.model.flags[pn as usize] & F_ALAP != 0 {
            self.set_alap_count(self.alap_count - 1)?;
        }
        let extra = self.model.extra[pn as usize];
        let cal = self.model.cal[pn as usize];
        self.set_node(pn as usize, Kind::Summary, 0, 0, extra);
        let g = self.push_node(p as u32, Kind::Gate, 0, cal, 0, extra);
        self.journal.push(Undo::Gate(p as u32, NONE));
        self.model.gate_of[p] = g;
        for e in self.net.preds[pn as usize].clone() {
            self.remove_edge(e.node, pn, e.link);
            self.insert_edge(e.node, g, e.link)?;
            // The predecessor (or enclosing gate) now reads its late dates from the gate.
            bwd.push(e.node);
        }
        fwd.extend([g, pn]);
        bwd.extend([g, pn]);
        touched.extend([g, pn]);
        Ok(())
    }
}
