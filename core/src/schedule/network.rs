//! The compiled scheduling network.
//!
//! A [`Project`] is compiled into a [`Model`]: dense per-node arrays (structure of arrays) and a
//! network of edges.
//! Every task is one node; a summary task gets a second node, its *gate*, so that the summary
//! occupies two places in the topological order:
//!
//! ```text
//!   links into S ──▶ gate(S) ──▶ children of S ──▶ S ──▶ links out of S
//! ```
//!
//! In the forward pass the gate carries the summary's predecessors to its children and the
//! summary node rolls the children's dates up; in the backward pass the roles swap (the summary
//! node carries successors down, the gate rolls late dates up).
//! Links into a summary attach to its gate, links out of it to the summary node.

use std::borrow::Cow;

use crate::calendar::{Calendar, WorkCalendar, STANDARD};
use crate::error::{Error, Item, Result};
use crate::id::{CalendarId, TaskId, TaskIndex};
use crate::model::{Constraint, Lag, Link, LinkType, Project, ResourceKind, ScheduleFrom, Task};
use crate::time::DateTime;

use super::fast::FastNet;
use super::options::ScheduleOptions;

/// A lag that needs calendar arithmetic (elapsed or a percentage).
pub(crate) const SLOW_LAG: i32 = i32::MIN;

/// The per-link value stored in [`Model::link_lag`] (4 bytes a link: lags beyond ±4,000
/// years of minutes take the slow path).
pub(crate) fn fast_lag(l: &Link) -> i32 {
    match l.lag {
        Lag::Time(d) if !d.is_elapsed() => match i32::try_from(d.minutes()) {
            Ok(m) if m != SLOW_LAG => m,
            _ => SLOW_LAG,
        },
        _ => SLOW_LAG,
    }
}

/// Marks an edge that belongs to the summary tree rather than to a link.
pub(crate) const HIER: u32 = u32::MAX;
/// "No node" / "no value" marker for `u32` slots.
pub(crate) const NONE: u32 = u32::MAX;

/// One end of an edge as seen from a node: the node at the other end and the link index
/// ([`HIER`] for tree edges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Edge {
    pub node: u32,
    pub link: u32,
}

/// Read access to a network's adjacency, implemented by the batch CSR and the engine's lists.
pub(crate) trait Net {
    fn preds(&self, n: usize) -> &[Edge];
    fn succs(&self, n: usize) -> &[Edge];
}

/// Compressed sparse rows: the adjacency of a network that does not change.
#[derive(Debug, Default)]
pub(crate) struct Csr {
    pub(crate) pred_off: Vec<u32>,
    pub(crate) preds: Vec<Edge>,
    pub(crate) succ_off: Vec<u32>,
    pub(crate) succs: Vec<Edge>,
}

impl Net for Csr {
    #[inline]
    fn preds(&self, n: usize) -> &[Edge] {
        &self.preds[self.pred_off[n] as usize..self.pred_off[n + 1] as usize]
    }
    #[inline]
    fn succs(&self, n: usize) -> &[Edge] {
        &self.succs[self.succ_off[n] as usize..self.succ_off[n + 1] as usize]
    }
}

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A task without children.
    Leaf,
    /// A summary task (the node that rolls up early dates and carries its successors).
    Summary,
    /// The gate of a summary (carries its predecessors, rolls up late dates).
    Gate,
    /// A removed task (engine only).
    Removed,
}

pub(crate) const F_MILESTONE: u8 = 1;
pub(crate) const F_ELAPSED: u8 = 2;
pub(crate) const F_ALAP: u8 = 4;
pub(crate) const F_PINNED: u8 = 8;
pub(crate) const F_STARTED: u8 = 16;
pub(crate) const F_FINISHED: u8 = 32;
pub(crate) const F_COMPLETE: u8 = 64;

/// Rarely used per-node inputs, stored sparsely.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Extra {
    pub constraint: Constraint,
    pub deadline: Option<i64>,
    pub pin: Option<(i64, Option<i64>)>,
    pub actual_start: Option<i64>,
    pub actual_finish: Option<i64>,
    /// The working minutes of the task's split pauses (see [`crate::Split`]).
    pub pause: i64,
}

/// The scheduling inputs of every node, ready for the passes.
#[derive(Debug)]
pub(crate) struct Model<'a> {
    pub kind: Vec<Kind>,
    pub dur: Vec<i64>,
    pub cal: Vec<u16>,
    pub flags: Vec<u8>,
    pub extra: Vec<u32>,
    pub extras: Vec<Extra>,
    /// Node of each task (its summary node for summaries).
    pub node_of: Vec<u32>,
    /// Gate node of each task ([`NONE`] for leaves).
    pub gate_of: Vec<u32>,
    /// Task of each node.
    pub task_of: Vec<u32>,
    /// Per task: whether it carries resource work (an assignment of a work resource with units
    /// or work), which keeps an unlinked pinned task in the network (see `DESIGN.md`).
    pub carries_work: Vec<bool>,
    pub links: Cow<'a, [Link]>,
    /// Per link: the lag in working minutes when it can be added to a work index directly
    /// (a working-time lag), else [`SLOW_LAG`].
    pub link_lag: Vec<i32>,
    /// Per link: its type, kept apart from [`Model::links`] so that the passes that walk
    /// successors (backward pass, free float) touch 1 byte a link instead of the whole link.
    pub link_kind: Vec<LinkType>,
    pub calendars: Vec<WorkCalendar>,
    /// Calendar used for lags that are not on a task calendar (project default).
    pub project_cal: u16,
    /// Index of the built-in 24-hour calendar.
    pub cal_24h: u16,
    /// Project start (minutes), fixed or derived.
    pub start: i64,
    /// Project finish when scheduled from the finish.
    pub fixed_finish: Option<i64>,
    pub has_alap: bool,
}

impl<'a> Model<'a> {
    #[inline]
    pub fn extra(&self, n: usize) -> Option<&Extra> {
        let e = self.extra[n];
        (e != NONE).then(|| &self.extras[e as usize])
    }

    #[inline]
    pub fn constraint(&self, n: usize) -> Constraint {
        self.extra(n).map(|e| e.constraint).unwrap_or_default()
    }

    #[inline]
    pub fn in_node(&self, task: usize) -> usize {
        let g = self.gate_of[task];
        if g == NONE {
            self.node_of[task] as usize
        } else {
            g as usize
        }
    }

    pub fn nodes(&self) -> usize {
        self.kind.len()
    }

    /// The item naming the task behind node `n`.
    pub fn item(&self, tasks: &[Task], n: usize) -> Item {
        Item::Task(tasks[self.task_of[n] as usize].id.clone())
    }
}

/// The built-in calendars, compiled once: `standard` and the 24-hour calendar used for lags.
static BUILT_IN: std::sync::LazyLock<(WorkCalendar, WorkCalendar)> =
    std::sync::LazyLock::new(|| {
        (
            Calendar::standard().compile_standalone().expect(
                "Calendar::standard has two disjoint working times five days a week and no base",
            ),
            Calendar::twenty_four_seven("24h")
                .compile_standalone()
                .expect("Calendar::twenty_four_seven works all day every day and has no base"),
        )
    });

/// Compiles the calendars of a project: every defined calendar, the built-in standard one and a
/// 24-hour calendar. Returns the compiled list and the index of each key.
pub(crate) fn compile_calendars(project: &Project) -> Result<(Vec<WorkCalendar>, Vec<CalendarId>)> {
    let mut out = Vec::new();
    let mut ids = Vec::new();
    let defs = project.calendars();
    for c in defs {
        out.push(WorkCalendar::compile(c, |id| project.calendar(id))?);
        ids.push(c.id.clone());
    }
    if !defs.iter().any(|c| c.id.as_str() == STANDARD) {
        out.push(BUILT_IN.0.clone());
        ids.push(CalendarId::from(STANDARD));
    }
    out.push(BUILT_IN.1.clone());
    ids.push(CalendarId::from("\u{0}24h"));
    Ok((out, ids))
}

pub(crate) fn task_extra(t: &Task) -> Option<Extra> {
    let plain = t.constraint == Constraint::AsSoonAsPossible
        && t.deadline.is_none()
        && t.pinned.is_none()
        && t.progress.actual_start.is_none()
        && t.splits.is_empty();
    (!plain).then(|| Extra {
        constraint: t.constraint,
        deadline: t.deadline.map(DateTime::minutes),
        pin: t
            .pinned
            .map(|p| (p.start.minutes(), p.finish.map(DateTime::minutes))),
        actual_start: t.progress.actual_start.map(DateTime::minutes),
        actual_finish: t.progress.actual_finish.map(DateTime::minutes),
        pause: t.splits.iter().map(|s| s.pause.minutes()).sum(),
    })
}

pub(crate) fn task_flags(t: &Task) -> u8 {
    let mut f = 0;
    if t.duration.is_zero() {
        f |= F_MILESTONE;
    }
    if t.duration.is_elapsed() {
        f |= F_ELAPSED;
    }
    if t.constraint == Constraint::AsLateAsPossible {
        f |= F_ALAP;
    }
    if t.pinned.is_some() {
        f |= F_PINNED;
    }
    if t.progress.actual_start.is_some() {
        f |= F_STARTED;
    }
    if t.progress.actual_finish.is_some() {
        f |= F_FINISHED;
    }
    if t.progress.is_complete() {
        f |= F_COMPLETE;
    }
    f
}

/// Checks the rules for a summary task's own fields.
pub(crate) fn check_summary_task(t: &Task) -> Result<()> {
    let item = Item::Task(t.id.clone());
    match t.constraint {
        Constraint::AsSoonAsPossible
        | Constraint::StartNoEarlierThan(_)
        | Constraint::FinishNoLaterThan(_) => {}
        c => {
            return Err(Error::invalid(
                item,
                "constraint",
                format!(
                    "a summary task takes only ASAP, SNET or FNLT constraints, not {}",
                    c.code()
                ),
            ))
        }
    }
    if t.pinned.is_some() {
        return Err(Error::invalid(
            item,
            "pinned",
            "a summary task cannot be pinned: its dates roll up from its children",
        ));
    }
    if !t.splits.is_empty() {
        return Err(Error::invalid(
            item,
            "splits",
            "a summary task cannot be split: its dates roll up from its children",
        ));
    }
    Ok(())
}

/// Checks the rules for a link that touches a summary task.
pub(crate) fn check_summary_link(
    tasks: &[Task],
    l: &Link,
    from_summary: bool,
    to_summary: bool,
    related: bool,
) -> Result<()> {
    let item = || Item::Link {
        from: tasks[l.from.index()].id.clone(),
        to: tasks[l.to.index()].id.clone(),
    };
    if related {
        return Err(Error::SummaryLink {
            link: item(),
            reason: "a summary task cannot be linked to its own subtasks".to_owned(),
        });
    }
    if to_summary && l.kind.to_finish() {
        return Err(Error::SummaryLink {
            link: item(),
            reason: format!(
                "a summary task cannot be the successor of a {} link (as in Microsoft Project); link its subtasks instead",
                l.kind.code()
            ),
        });
    }
    if from_summary && matches!(l.lag, Lag::Percent(_)) {
        return Err(Error::SummaryLink {
            link: item(),
            reason: "a percent lag needs a predecessor with its own duration, not a summary task"
                .to_owned(),
        });
    }
    Ok(())
}

/// Pre/post numbering of the summary tree, for O(1) ancestor tests.
pub(crate) struct Tour {
    pre: Vec<u32>,
    post: Vec<u32>,
}

impl Tour {
    pub(crate) fn build(parents: &[Option<TaskIndex>]) -> Tour {
        let n = parents.len();
        let mut first_child = vec![NONE; n];
        let mut next_sibling = vec![NONE; n];
        for i in (0..n).rev() {
            if let Some(p) = parents[i] {
                next_sibling[i] = first_child[p.index()];
                first_child[p.index()] = i as u32;
            }
        }
        let mut pre = vec![0u32; n];
        let mut post = vec![0u32; n];
        let mut clock = 0u32;
        let mut stack: Vec<(u32, bool)> = Vec::new();
        for (r, parent) in parents.iter().enumerate() {
            if parent.is_some() {
                continue;
            }
            stack.push((r as u32, false));
            while let Some((v, done)) = stack.pop() {
                if done {
                    post[v as usize] = clock;
                    clock += 1;
                    continue;
                }
                pre[v as usize] = clock;
                clock += 1;
                stack.push((v, true));
                let mut c = first_child[v as usize];
                while c != NONE {
                    stack.push((c, false));
                    c = next_sibling[c as usize];
                }
            }
        }
        Tour { pre, post }
    }

    /// Whether `a` is an ancestor of `b` or `b` of `a`.
    pub(crate) fn related(&self, a: usize, b: usize) -> bool {
        let anc = |x: usize, y: usize| self.pre[x] <= self.pre[y] && self.post[y] <= self.post[x];
        anc(a, b) || anc(b, a)
    }
}

/// Compiles a project into a model and its CSR network.
pub(crate) fn compile(project: &Project) -> Result<(Model<'_>, Csr)> {
    let (model, csr, _) = compile_with(project, None)?;
    Ok((model, csr))
}

/// [`compile`], with the fast path's facts for a batch run with `fast` options.
pub(crate) fn compile_with<'p>(
    project: &'p Project,
    fast: Option<&ScheduleOptions>,
) -> Result<(Model<'p>, Csr, Option<FastNet>)> {
    let tasks = project.tasks();
    let n = tasks.len();
    let (calendars, cal_ids) = compile_calendars(project)?;
    let cal_index = |id: &CalendarId| cal_ids.iter().position(|c| c == id).map(|i| i as u16);
    let project_cal = cal_index(project.calendar_id()).ok_or_else(|| Error::UnknownCalendar {
        id: project.calendar_id().clone(),
        by: Item::Project,
    })?;
    let cal_24h = (calendars.len() - 1) as u16;
    let (start, fixed_finish, from_finish) = match project.schedule_from() {
        ScheduleFrom::Start(s) => (s.minutes(), None, false),
        ScheduleFrom::Finish(f) => (f.minutes(), Some(f.minutes()), true),
    };

    // Nodes: tasks first, then one gate per summary.
    let mut gate_of = vec![NONE; n];
    let mut task_of: Vec<u32> = (0..n as u32).collect();
    let mut kind = vec![Kind::Leaf; n];
    let mut next = n as u32;
    for i in 0..n {
        if project.is_summary(TaskIndex(i as u32)) {
            check_summary_task(&tasks[i])?;
            kind[i] = Kind::Summary;
            gate_of[i] = next;
            task_of.push(i as u32);
            kind.push(Kind::Gate);
            next += 1;
        }
    }
    let nodes = next as usize;
    let mut dur = vec![0i64; nodes];
    let mut cal = vec![project_cal; nodes];
    let mut flags = vec![0u8; nodes];
    let mut extra = vec![NONE; nodes];
    let mut extras = Vec::new();
    let mut has_alap = false;
    for (i, t) in tasks.iter().enumerate() {
        if let Some(c) = &t.calendar {
            cal[i] = cal_index(c).ok_or_else(|| Error::UnknownCalendar {
                id: c.clone(),
                by: Item::Task(t.id.clone()),
            })?;
        }
        if kind[i] == Kind::Leaf {
            dur[i] = t.duration.minutes();
            flags[i] = task_flags(t);
        }
        has_alap |= flags[i] & F_ALAP != 0 && !from_finish;
        if let Some(e) = task_extra(t) {
            extra[i] = extras.len() as u32;
            if gate_of[i] != NONE {
                extra[gate_of[i] as usize] = extras.len() as u32;
            }
            extras.push(e);
        }
        if gate_of[i] != NONE {
            cal[gate_of[i] as usize] = cal[i];
        }
    }

    // Link rules that involve summaries.
    let links = project.links();
    if kind.contains(&Kind::Summary) {
        let parents: Vec<Option<TaskIndex>> = tasks.iter().map(|t| t.parent).collect();
        let tour = Tour::build(&parents);
        for l in links {
            let (a, b) = (l.from.index(), l.to.index());
            let fs = kind[a] == Kind::Summary;
            let ts = kind[b] == Kind::Summary;
            if fs || ts {
                check_summary_link(tasks, l, fs, ts, tour.related(a, b))?;
            }
        }
    }

    // The network: per link an edge into the successor's node (its gate for a summary), and
    // per subtask two tree edges, gate(parent) → child and child → parent.
    let (csr, order) = if nodes == n {
        layout(nodes, links, &[], |t| t)
    } else {
        layout(nodes, links, tasks, |t| {
            if gate_of[t] == NONE {
                t
            } else {
                gate_of[t] as usize
            }
        })
    };
    let mut carries_work = vec![false; n];
    let resources = project.resources();
    for a in project.assignments() {
        if resources[a.resource.index()].kind == ResourceKind::Work
            && (a.units > 0 || a.work.is_some_and(|w| !w.is_zero()))
        {
            carries_work[a.task.index()] = true;
        }
    }

    let model = Model {
        kind,
        dur,
        cal,
        flags,
        extra,
        extras,
        node_of: (0..n as u32).collect(),
        gate_of,
        task_of,
        carries_work,
        links: Cow::Borrowed(links),
        link_lag: links.iter().map(fast_lag).collect(),
        link_kind: links.iter().map(|l| l.kind).collect(),
        calendars,
        project_cal,
        cal_24h,
        start,
        fixed_finish,
        has_alap,
    };
    if !order.sorted {
        check_duplicate_links(project, &model, &csr)?;
    }
    let fast = fast.map(|opts| FastNet::build(&model, tasks, opts, order.ordered));
    Ok((model, csr, fast))
}

/// What [`layout`] learns about the order of the links.
struct LinkOrder {
    /// Sorted by successor node, then predecessor, strictly: no pair can repeat.
    sorted: bool,
    /// Every edge runs from a lower to a higher node number.
    ordered: bool,
}

/// Lays the links (into `in_node` of their successor) and the summary tree of `tasks` out as
/// compressed rows: per node its link edges in link order, then its tree edges. Without
/// summaries `tasks` may be empty (there is no tree to walk).
fn layout(
    nodes: usize,
    links: &[Link],
    tasks: &[Task],
    in_node: impl Fn(usize) -> usize,
) -> (Csr, LinkOrder) {
    let mut pred_off = vec![0u32; nodes + 1];
    let mut succ_off = vec![0u32; nodes + 1];
    // No link runs from node 0 to node 0, so the first one passes the check against (0, 0).
    let (mut sorted, mut ordered, mut prev) = (true, true, (0, 0));
    for l in links {
        let (from, to) = (l.from.index(), in_node(l.to.index()));
        pred_off[to + 1] += 1;
        succ_off[from + 1] += 1;
        sorted &= (to, from) > prev;
        ordered &= from < to;
        prev = (to, from);
    }
    let tree = || {
        tasks.iter().enumerate().filter_map(|(i, t)| {
            t.parent.map(|p| {
                let p = p.index();
                [(in_node(p) as u32, in_node(i) as u32), (i as u32, p as u32)]
            })
        })
    };
    // A summary's in-node is its gate; the tree edges are gate → child and child → summary.
    let mut tree_edges = 0;
    for [(g, c), (i, p)] in tree() {
        pred_off[c as usize + 1] += 1;
        succ_off[g as usize + 1] += 1;
        pred_off[p as usize + 1] += 1;
        succ_off[i as usize + 1] += 1;
        tree_edges += 2;
    }
    ordered &= tree_edges == 0;
    for i in 0..nodes {
        pred_off[i + 1] += pred_off[i];
        succ_off[i + 1] += succ_off[i];
    }
    let edges = links.len() + tree_edges;
    let blank = Edge { node: 0, link: 0 };
    // Links sorted by successor without tree edges are already the predecessor rows.
    let mut preds = if sorted && tree_edges == 0 {
        (links.iter().enumerate())
            .map(|(k, l)| Edge {
                node: l.from.0,
                link: k as u32,
            })
            .collect()
    } else {
        vec![blank; edges]
    };
    let scatter_preds = !(sorted && tree_edges == 0);
    let mut succs = vec![blank; edges];
    let mut pf = if scatter_preds {
        pred_off.clone()
    } else {
        Vec::new()
    };
    let mut sf = succ_off.clone();
    let mut put = |from: u32, to: u32, link: u32| {
        if scatter_preds {
            let p = &mut pf[to as usize];
            preds[*p as usize] = Edge { node: from, link };
            *p += 1;
        }
        let s = &mut sf[from as usize];
        succs[*s as usize] = Edge { node: to, link };
        *s += 1;
    };
    for (k, l) in links.iter().enumerate() {
        put(l.from.0, in_node(l.to.index()) as u32, k as u32);
    }
    for [(g, c), (i, p)] in tree() {
        put(g, c, HIER);
        put(i, p, HIER);
    }
    let csr = Csr {
        pred_off,
        preds,
        succ_off,
        succs,
    };
    (csr, LinkOrder { sorted, ordered })
}

/// Two links from the same predecessor to the same successor are an error.
fn check_duplicate_links(project: &Project, m: &Model<'_>, net: &Csr) -> Result<()> {
    let mut seen: Vec<u32> = vec![NONE; m.nodes()];
    for n in 0..m.nodes() {
        for e in net.preds(n) {
            if e.link == HIER {
                continue;
            }
            let other = e.node as usize;
            if seen[other] == n as u32 {
                let l = &m.links[e.link as usize];
                return Err(Error::DuplicateLink {
                    from: project.task(l.from).id.clone(),
                    to: project.task(l.to).id.clone(),
                });
            }
            seen[other] = n as u32;
        }
    }
    Ok(())
}

/// Kahn's algorithm: a topological order of all nodes, or the cycle error.
pub(crate) fn topo_order(m: &Model<'_>, net: &impl Net, tasks: &[Task]) -> Result<Vec<u32>> {
    let nodes = m.nodes();
    let mut indeg: Vec<u32> = (0..nodes).map(|n| net.preds(n).len() as u32).collect();
    let mut order: Vec<u32> = Vec::with_capacity(nodes);
    for (n, &d) in indeg.iter().enumerate() {
        if d == 0 && m.kind[n] != Kind::Removed {
            order.push(n as u32);
        }
    }
    // The order vector doubles as the FIFO queue.
    let mut head = 0;
    while head < order.len() {
        let v = order[head];
        head += 1;
        for e in net.succs(v as usize) {
            let d = &mut indeg[e.node as usize];
            *d -= 1;
            if *d == 0 {
                order.push(e.node);
            }
        }
    }
    let live = m.kind.iter().filter(|k| **k != Kind::Removed).count();
    if order.len() < live {
        return Err(find_cycle(m, net, tasks, |n| indeg[n] > 0));
    }
    Ok(order)
}

/// Finds one cycle among the nodes for which `stuck` holds (every such node lies on or behind a
/// cycle) and reports it as task keys in order, the first repeated at the end.
pub(crate) fn find_cycle(
    m: &Model<'_>,
    net: &impl Net,
    tasks: &[Task],
    stuck: impl Fn(usize) -> bool,
) -> Error {
    let nodes = m.nodes();
    // Walk predecessors from a stuck node: each stuck node has a stuck predecessor, so the walk
    // must revisit a node; the revisited stretch is a cycle.
    let start = (0..nodes).find(|&n| stuck(n)).expect(
        "called only when Kahn's order is short of the live nodes, so some node kept indeg > 0",
    );
    let mut seen_at = vec![NONE; nodes];
    let mut path: Vec<u32> = Vec::new();
    let mut v = start;
    loop {
        if seen_at[v] != NONE {
            break;
        }
        seen_at[v] = path.len() as u32;
        path.push(v as u32);
        v = net
            .preds(v)
            .iter()
            .map(|e| e.node as usize)
            .find(|&p| stuck(p))
            .expect("a node keeps indeg > 0 only through a predecessor Kahn's order never emitted, itself stuck");
    }
    // path[seen_at[v]..] walks backwards along the cycle; reverse it to follow the links.
    let mut cyc: Vec<u32> = path[seen_at[v] as usize..].to_vec();
    cyc.reverse();
    let mut ids: Vec<TaskId> = Vec::new();
    for &n in &cyc {
        let id = &tasks[m.task_of[n as usize] as usize].id;
        if ids.last() != Some(id) {
            ids.push(id.clone());
        }
    }
    if ids.len() > 1 && ids.first() == ids.last() {
        ids.pop();
    }
    // Start the report at the smallest key so the message does not depend on node numbering.
    if let Some(min) = (0..ids.len()).min_by(|&a, &b| ids[a].cmp(&ids[b])) {
        ids.rotate_left(min);
    }
    let first = ids[0].clone();
    ids.push(first);
    Error::Cycle { tasks: ids }
}

/// Resolves `Link` lags that are a percent of the predecessor's duration.
#[inline]
pub(crate) fn percent_of(dur: i64, hundredths: i32) -> i64 {
    // Round half away from zero to whole minutes.
    let x = dur as i128 * hundredths as i128;
    let q = x / 10_000;
    let r = x % 10_000;
    (if r.abs() * 2 >= 10_000 {
        q + r.signum()
    } else {
        q
    }) as i64
}

/// Renumbers the nodes of a compiled batch network so that node `k` is the `k`-th of `order`
/// (a topological order of every node): per-node arrays, the task ↔ node maps and both
/// adjacencies follow, each node's edges keep their order. Afterwards every edge runs from a
/// lower to a higher node, and passes in node order walk memory sequentially instead of jumping
/// through it. Returns the new position of every old node.
pub(crate) fn relabel(m: &mut Model<'_>, net: &mut Csr, order: &[u32]) -> Vec<u32> {
    let nodes = m.nodes();
    assert_eq!(order.len(), nodes, "a batch network has no removed nodes");
    let mut rank = vec![0u32; nodes];
    for (k, &o) in order.iter().enumerate() {
        rank[o as usize] = k as u32;
    }
    fn permute<T: Copy>(v: &mut Vec<T>, order: &[u32]) {
        *v = order.iter().map(|&o| v[o as usize]).collect();
    }
    permute(&mut m.kind, order);
    permute(&mut m.dur, order);
    permute(&mut m.cal, order);
    permute(&mut m.flags, order);
    permute(&mut m.extra, order);
    permute(&mut m.task_of, order);
    for n in m.node_of.iter_mut() {
        *n = rank[*n as usize];
    }
    for g in m.gate_of.iter_mut().filter(|g| **g != NONE) {
        *g = rank[*g as usize];
    }
    let rows = |off: &[u32], edges: &[Edge]| {
        let mut new_off = Vec::with_capacity(nodes + 1);
        let mut new_edges = Vec::with_capacity(edges.len());
        new_off.push(0u32);
        for &o in order {
            let row = &edges[off[o as usize] as usize..off[o as usize + 1] as usize];
            new_edges.extend(row.iter().map(|e| Edge {
                node: rank[e.node as usize],
                link: e.link,
            }));
            new_off.push(new_edges.len() as u32);
        }
        (new_off, new_edges)
    };
    let (pred_off, preds) = rows(&net.pred_off, &net.preds);
    let (succ_off, succs) = rows(&net.succ_off, &net.succs);
    *net = Csr {
        pred_off,
        preds,
        succ_off,
        succs,
    };
    rank
}
