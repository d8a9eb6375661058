//! Property tests: invariants of every schedule on random networks.
//!
//! * every link holds in the result;
//! * early dates never exceed late dates and float is never negative without hard constraints or
//!   deadlines; with them, every broken link, missed deadline and negative float is accounted
//!   for by a reported violation, and deadlines never move a task;
//! * on one calendar, a zero-float chain runs from the project start to the project finish;
//! * a planted cycle is reported as `Error::Cycle` whose tasks are a real loop of the project;
//! * the incremental engine always equals a full recompute, and failed edits and previews leave
//!   it unchanged;
//! * output is deterministic and survives a JSON round trip.
//!
//! The generators build acyclic networks by construction: tasks are laid out in pre-order (a
//! summary's subtree is the contiguous range of indices after it), and a link runs from a task
//! to one after the end of its subtree. In the compiled network (a summary is a gate before its
//! subtasks and a rollup after them) every edge then runs forward in the order "gate or leaf at
//! its index, rollup after its last subtask", so there is no cycle, no self-link, no link
//! between a summary and its own subtasks, and no link is dropped to get there. Summary link
//! rules are met by construction too (a finish link into a summary becomes the start link of the
//! same kind, a percent lag out of a summary a working-time lag). Cycles are planted on purpose
//! by their own generator. `generators_are_not_vacuous` draws a fixed-seed sample from every
//! generator and fails when the cases stop exercising what the properties claim to test.

use std::collections::HashSet;

use jindu::io::json;
use jindu::{
    Calendar, CalendarException, Constraint, DateTime, Duration, Edit, Engine, Error, Lag, Link,
    LinkType, Pin, Project, Schedule, ScheduleOptions, Task, TaskId, TaskIndex, ViolationKind,
    WorkCalendar, WorkingTime,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

// ---------------------------------------------------------------------------------------------
// Generators

/// A constraint, with its date as minutes after the project start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cons {
    Snet(i64),
    Fnet(i64),
    Snlt(i64),
    Fnlt(i64),
    Mso(i64),
    Mfo(i64),
}

impl Cons {
    fn hard(self) -> bool {
        matches!(
            self,
            Cons::Snlt(_) | Cons::Fnlt(_) | Cons::Mso(_) | Cons::Mfo(_)
        )
    }
    fn index(self) -> usize {
        match self {
            Cons::Snet(_) => 0,
            Cons::Fnet(_) => 1,
            Cons::Snlt(_) => 2,
            Cons::Fnlt(_) => 3,
            Cons::Mso(_) => 4,
            Cons::Mfo(_) => 5,
        }
    }
    fn to_constraint(self) -> Constraint {
        let at = |m: i64| start().add_minutes(m);
        match self {
            Cons::Snet(m) => Constraint::StartNoEarlierThan(at(m)),
            Cons::Fnet(m) => Constraint::FinishNoEarlierThan(at(m)),
            Cons::Snlt(m) => Constraint::StartNoLaterThan(at(m)),
            Cons::Fnlt(m) => Constraint::FinishNoLaterThan(at(m)),
            Cons::Mso(m) => Constraint::MustStartOn(at(m)),
            Cons::Mfo(m) => Constraint::MustFinishOn(at(m)),
        }
    }
}

#[derive(Debug, Clone)]
struct TSpec {
    minutes: i64,
    elapsed: bool,
    /// Always a lower index; every subtree is a contiguous range (pre-order).
    parent: Option<usize>,
    weekend_calendar: bool,
    constraint: Option<Cons>,
    /// Minutes after the project start.
    deadline: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LagSpec {
    Zero,
    Work(i64),
    Elapsed(i64),
    /// Hundredths of a percent.
    Percent(i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LSpec {
    from: usize,
    to: usize,
    kind: LinkType,
    lag: LagSpec,
}

#[derive(Debug, Clone)]
struct Net {
    tasks: Vec<TSpec>,
    links: Vec<LSpec>,
    /// How many links were drawn; `links` holds all of them unless every pair was taken.
    drawn: usize,
}

impl Net {
    /// The last index of each task's subtree (the task itself for a leaf).
    fn ends(&self) -> Vec<usize> {
        let mut end: Vec<usize> = (0..self.tasks.len()).collect();
        for j in (0..self.tasks.len()).rev() {
            if let Some(p) = self.tasks[j].parent {
                end[p] = end[p].max(end[j]);
            }
        }
        end
    }
    fn is_summary(&self, i: usize) -> bool {
        self.tasks.get(i + 1).is_some_and(|t| t.parent == Some(i))
    }
    /// Whether `a` and `b` are the same task or one is inside the other's subtree.
    fn related(&self, a: usize, b: usize) -> bool {
        let end = self.ends();
        (a <= b && b <= end[a]) || (b <= a && a <= end[b])
    }
    fn depth(&self, i: usize) -> usize {
        let mut d = 0;
        let mut x = i;
        while let Some(p) = self.tasks[x].parent {
            d += 1;
            x = p;
        }
        d
    }
}

/// What a generator may produce.
#[derive(Debug, Clone, Copy)]
struct Gen {
    elapsed: bool,
    calendars: bool,
    /// Soft constraints: SNET, FNET.
    constraints: bool,
    /// Hard constraints (SNLT, FNLT, MSO, MFO) and deadlines.
    hard: bool,
    summaries: bool,
}

const KINDS: [LinkType; 4] = [
    LinkType::FinishToStart,
    LinkType::StartToStart,
    LinkType::FinishToFinish,
    LinkType::StartToFinish,
];

/// A link type allowed into `to`: Project refuses finish links into a summary, so those become
/// the start link from the same end (FF -> FS, SF -> SS).
fn kind_into(net_is_summary: bool, k: u8) -> LinkType {
    let kind = KINDS[k as usize % 4];
    match kind {
        LinkType::FinishToFinish if net_is_summary => LinkType::FinishToStart,
        LinkType::StartToFinish if net_is_summary => LinkType::StartToStart,
        k => k,
    }
}

/// A lag from a raw draw; a percent lag out of a summary becomes working time.
fn lag_of(g: Gen, from_summary: bool, lag_kind: u8, lag: i64) -> LagSpec {
    match lag_kind {
        0..=3 => LagSpec::Zero,
        4..=6 => LagSpec::Work(lag),
        7 if g.elapsed => LagSpec::Elapsed(lag),
        7 => LagSpec::Work(lag / 60 * 60),
        _ if from_summary => LagSpec::Work(lag),
        _ => LagSpec::Percent((lag % 150) as i32 * 100),
    }
}

type RawTask = (i64, bool, Option<u8>, bool, Option<(u8, i64)>, Option<i64>);
type RawLink = (usize, usize, u8, i64, u8);

fn raw_task() -> impl Strategy<Value = RawTask> {
    (
        prop_oneof![
            Just(0i64),
            (1i64..=10).prop_map(|d| d * 480),
            (1i64..=16).prop_map(|h| h * 60),
            1i64..3000
        ],
        prop::bool::weighted(0.15),
        prop::option::weighted(0.3, any::<u8>()),
        prop::bool::weighted(0.2),
        prop::option::weighted(0.25, (any::<u8>(), 0i64..20_000)),
        prop::option::weighted(0.2, 0i64..20_000),
    )
}

/// Resolves raw draws into a network that is valid and acyclic by construction (see the crate
/// docs): nothing is rejected; a repeated (from, to) pair moves to the next free pair.
fn resolve(g: Gen, raw_tasks: Vec<RawTask>, raw_links: Vec<RawLink>) -> Net {
    let mut tasks: Vec<TSpec> = Vec::with_capacity(raw_tasks.len());
    for (i, (minutes, elapsed, nest, cal, cons, deadline)) in raw_tasks.into_iter().enumerate() {
        // The parent is the previous task or one of its ancestors: pre-order by construction.
        let parent = match nest {
            Some(k) if g.summaries && i > 0 => {
                let mut chain = vec![i - 1];
                while let Some(p) = tasks[*chain.last().unwrap()].parent {
                    chain.push(p);
                }
                Some(chain[k as usize % chain.len()])
            }
            _ => None,
        };
        let constraint = cons.and_then(|(k, at)| {
            let all = [
                Cons::Snet(at),
                Cons::Fnet(at),
                Cons::Snlt(at),
                Cons::Fnlt(at),
                Cons::Mso(at),
                Cons::Mfo(at),
            ];
            match (g.constraints, g.hard) {
                (_, true) => Some(all[k as usize % 6]),
                (true, false) => Some(all[k as usize % 2]),
                (false, false) => None,
            }
        });
        tasks.push(TSpec {
            minutes,
            elapsed: g.elapsed && elapsed && minutes > 0,
            parent,
            weekend_calendar: g.calendars && cal,
            constraint,
            deadline: deadline.filter(|_| g.hard),
        });
    }
    let mut net = Net {
        tasks,
        links: Vec::new(),
        drawn: raw_links.len(),
    };
    // A summary takes only ASAP, SNET and FNLT constraints: soft ones become SNET, hard FNLT.
    for i in 0..net.tasks.len() {
        if net.is_summary(i) {
            net.tasks[i].constraint = net.tasks[i].constraint.map(|c| match c {
                Cons::Snet(m) | Cons::Fnet(m) => Cons::Snet(m),
                Cons::Fnlt(m) | Cons::Snlt(m) | Cons::Mso(m) | Cons::Mfo(m) => Cons::Fnlt(m),
            });
        }
    }
    let n = net.tasks.len();
    let end = net.ends();
    let sources: Vec<usize> = (0..n).filter(|&t| end[t] + 1 < n).collect();
    let mut seen = HashSet::new();
    for (a, b, k, lag, lag_kind) in raw_links {
        // The drawn pair, or when it is taken the next free one (later successors of the same
        // task, then the next tasks'); a link is dropped only when every pair is taken.
        let free = (0..sources.len())
            .flat_map(|ds| {
                let from = sources[(a + ds) % sources.len()];
                let lo = end[from] + 1;
                (0..n - lo).map(move |dt| (from, lo + (b + dt) % (n - lo)))
            })
            .find(|pair| !seen.contains(pair));
        let Some((from, to)) = free else { continue };
        seen.insert((from, to));
        net.links.push(LSpec {
            from,
            to,
            kind: kind_into(net.is_summary(to), k),
            lag: lag_of(g, net.is_summary(from), lag_kind, lag),
        });
    }
    net
}

fn net(g: Gen) -> impl Strategy<Value = Net> {
    (2usize..28).prop_flat_map(move |n| {
        let link = (
            0usize..10_000,
            0usize..10_000,
            0u8..4,
            -1500i64..3000,
            0u8..10,
        );
        (
            prop::collection::vec(raw_task(), n),
            prop::collection::vec(link, 0..(2 * n)),
        )
            .prop_map(move |(t, l)| resolve(g, t, l))
    })
}

fn start() -> DateTime {
    "2026-01-05T08:00".parse().unwrap()
}

fn lag(l: LagSpec) -> Lag {
    match l {
        LagSpec::Zero => Lag::ZERO,
        LagSpec::Work(m) => Lag::Time(Duration::minutes_work(m)),
        LagSpec::Elapsed(m) => Lag::Time(Duration::elapsed_minutes(m)),
        LagSpec::Percent(p) => Lag::Percent(p),
    }
}

/// The project of a network. Every task and link of the spec is added; none may be refused.
fn build(spec: &Net) -> Project {
    let mut p = Project::new("prop", start());
    let mut weekend = Calendar::standard();
    weekend.id = "shifted".into();
    weekend.week[5] = Some(vec![WorkingTime::hours(9, 13).unwrap()]);
    weekend.week[0] = Some(vec![
        WorkingTime::hours(10, 12).unwrap(),
        WorkingTime::hours(14, 19).unwrap(),
    ]);
    weekend.exceptions.push(CalendarException::holiday(
        "h",
        "2026-01-08".parse().unwrap(),
    ));
    p.add_calendar(weekend).unwrap();
    let mut idx = Vec::new();
    for (k, t) in spec.tasks.iter().enumerate() {
        let d = if t.elapsed {
            Duration::elapsed_minutes(t.minutes)
        } else {
            Duration::minutes_work(t.minutes)
        };
        let mut task = Task::new(format!("T{k}"), format!("task {k}")).with_duration(d);
        task.parent = t.parent.map(|q| idx[q]);
        if t.weekend_calendar {
            task.calendar = Some("shifted".into());
        }
        if let Some(c) = t.constraint {
            task.constraint = c.to_constraint();
        }
        task.deadline = t.deadline.map(|m| start().add_minutes(m));
        idx.push(p.add_task(task).expect("generated task"));
    }
    for l in &spec.links {
        p.add_link(Link {
            from: idx[l.from],
            to: idx[l.to],
            kind: l.kind,
            lag: lag(l.lag),
        })
        .expect("generated link");
    }
    p
}

/// Schedules a generated (acyclic, valid) network: any error is a failure.
fn schedule(p: &Project) -> Result<Schedule, TestCaseError> {
    jindu::schedule(p, &ScheduleOptions::default())
        .map_err(|e| TestCaseError::fail(format!("a generated network failed to schedule: {e}")))
}

// ---------------------------------------------------------------------------------------------
// Checks. Each returns how many things it checked, so that the non-vacuity test can count them.

fn calendars(p: &Project) -> (WorkCalendar, WorkCalendar) {
    let std = Calendar::standard().compile_standalone().unwrap();
    let shifted =
        WorkCalendar::compile(p.calendar(&"shifted".into()).unwrap(), |id| p.calendar(id)).unwrap();
    (std, shifted)
}

fn cal_of<'a>(p: &Project, i: TaskIndex, c: &'a (WorkCalendar, WorkCalendar)) -> &'a WorkCalendar {
    if p.task(i).calendar.is_some() {
        &c.1
    } else {
        &c.0
    }
}

/// The instant a link's lag moves `t` to, computed with the public calendar API.
fn lagged(p: &Project, l: &Link, t: DateTime, c: &(WorkCalendar, WorkCalendar)) -> DateTime {
    let pred = p.task(l.from);
    let (mins, elapsed) = match l.lag {
        Lag::Time(d) => (d.minutes(), d.is_elapsed()),
        Lag::Percent(pc) => {
            let x = pred.duration.minutes() as i128 * pc as i128;
            let q = x / 10_000;
            let r = x % 10_000;
            (
                (if r.abs() * 2 >= 10_000 {
                    q + r.signum()
                } else {
                    q
                }) as i64,
                pred.duration.is_elapsed(),
            )
        }
    };
    if elapsed {
        t.add_minutes(mins)
    } else {
        cal_of(p, l.to, c).add_work(t, mins).unwrap()
    }
}

/// Whether link `l` holds in `s`.
fn link_holds(p: &Project, s: &Schedule, l: &Link, c: &(WorkCalendar, WorkCalendar)) -> bool {
    let (a, b) = (s.task(l.from), s.task(l.to));
    let base = if l.kind.from_start() {
        a.start
    } else {
        a.finish
    };
    let bound = lagged(p, l, base, c);
    let got = if l.kind.to_finish() {
        b.finish
    } else {
        b.start
    };
    if p.task(l.to).duration.is_elapsed() && !p.is_summary(l.to) {
        got >= bound
    } else {
        cal_of(p, l.to, c).work_between(bound, got) >= 0
    }
}

fn check_links(p: &Project, s: &Schedule) -> Result<usize, TestCaseError> {
    let c = calendars(p);
    for l in p.links() {
        prop_assert!(
            link_holds(p, s, l, &c),
            "link {} -> {} ({}) broken",
            p.task(l.from).id,
            p.task(l.to).id,
            l.kind
        );
    }
    Ok(p.links().len())
}

fn check_floats(p: &Project, s: &Schedule) -> Result<usize, TestCaseError> {
    let c = calendars(p);
    for (k, t) in s.tasks().iter().enumerate() {
        let i = TaskIndex::from_raw(k as u32);
        let id = &p.task(i).id;
        prop_assert!(
            t.total_float.minutes() >= 0,
            "{id}: negative total float {:?}",
            t.total_float
        );
        prop_assert!(t.free_float.minutes() >= 0, "{id}: negative free float");
        prop_assert!(
            t.free_float.minutes() <= t.total_float.minutes(),
            "{id}: free float above total float"
        );
        if p.task(i).duration.is_elapsed() && !p.is_summary(i) {
            prop_assert!(
                t.early_start <= t.late_start && t.early_finish <= t.late_finish,
                "{id}: early after late"
            );
        } else {
            let cal = cal_of(p, i, &c);
            prop_assert!(
                cal.work_between(t.early_start, t.late_start) >= 0,
                "{id}: ES after LS"
            );
            prop_assert!(
                cal.work_between(t.early_finish, t.late_finish) >= 0,
                "{id}: EF after LF"
            );
        }
        if p.is_summary(i) {
            // A summary is a pure rollup of its subtasks (which may start before the project
            // start, held by their own SNET/FNET dates: DESIGN.md, "The project start").
            let kids: Vec<_> = (0..s.tasks().len())
                .filter(|&j| p.tasks()[j].parent == Some(i))
                .map(|j| s.tasks()[j])
                .collect();
            let es = kids.iter().map(|c| c.early_start).min().unwrap();
            let ef = kids.iter().map(|c| c.early_finish).max().unwrap();
            let cal = cal_of(p, i, &c);
            prop_assert!(
                cal.work_between(es, t.early_start) == 0
                    && cal.work_between(ef, t.early_finish) == 0,
                "{id}: early dates {}..{} are not the rollup {es}..{ef} of its subtasks",
                t.early_start,
                t.early_finish
            );
        } else {
            prop_assert!(
                t.early_start >= s.project_start
                    || p.task(i).constraint != Constraint::AsSoonAsPossible,
                "{id}: starts {} before the project without a constraint",
                t.early_start
            );
        }
        prop_assert!(
            t.early_finish <= s.project_finish,
            "{id}: finishes after the project"
        );
    }
    Ok(s.tasks().len())
}

fn check_zero_float_chain(s: &Schedule) -> Result<usize, TestCaseError> {
    let c = Calendar::standard().compile_standalone().unwrap();
    let pf = s.project_finish;
    let ok = s.critical_paths().iter().any(|path| {
        let first = s.task(path[0]);
        let last = s.task(*path.last().unwrap());
        path.iter().all(|&i| s.task(i).total_float.minutes() == 0)
            && c.work_between(s.project_start, first.early_start) == 0
            && c.work_between(last.early_finish, pf) == 0
    });
    prop_assert!(ok, "no zero-float chain; paths {:?}", s.critical_paths());
    Ok(1)
}

/// What [`check_hard`] saw.
#[derive(Debug, Default, Clone, Copy)]
struct HardSeen {
    broken_links: usize,
    missed_deadlines: usize,
    negative_float: usize,
    tasks: usize,
}

/// With hard constraints and deadlines (and honour_constraints on, the default): every broken
/// link is reported as a violation naming it, every reported link violation is a broken link,
/// a deadline is reported missed exactly when the finish is past it, negative float only where
/// some violation explains it, and deadlines move no task (they only take float away).
fn check_hard(p: &Project, s: &Schedule) -> Result<HardSeen, TestCaseError> {
    let c = calendars(p);
    let mut seen = HardSeen {
        tasks: s.tasks().len(),
        ..HardSeen::default()
    };
    let v = s.violations();
    for (k, l) in p.links().iter().enumerate() {
        let reported = v.iter().any(|x| x.link.is_some_and(|li| li.index() == k));
        let holds = link_holds(p, s, l, &c);
        prop_assert!(
            holds || reported,
            "link {} -> {} ({}) broken without a violation",
            p.task(l.from).id,
            p.task(l.to).id,
            l.kind
        );
        prop_assert!(
            !(holds && reported),
            "link {} -> {} ({}) holds but is reported broken",
            p.task(l.from).id,
            p.task(l.to).id,
            l.kind
        );
        seen.broken_links += usize::from(!holds);
    }
    for (k, t) in s.tasks().iter().enumerate() {
        let i = TaskIndex::from_raw(k as u32);
        let task = p.task(i);
        let missed = v
            .iter()
            .any(|x| x.kind == ViolationKind::DeadlineMissed && x.task == i);
        if let Some(d) = task.deadline {
            let cal = cal_of(p, i, &c);
            if cal.work_between(d, t.finish) > 0 {
                prop_assert!(
                    missed,
                    "{}: finishes {} after its deadline {d} unreported",
                    task.id,
                    t.finish
                );
            }
            if missed {
                prop_assert!(
                    t.finish > d,
                    "{}: reported missing its deadline {d}, finishes {}",
                    task.id,
                    t.finish
                );
            }
            seen.missed_deadlines += usize::from(missed);
        } else {
            prop_assert!(!missed, "{}: a missed deadline without a deadline", task.id);
        }
        prop_assert!(
            t.free_float.minutes() >= 0,
            "{}: negative free float",
            task.id
        );
        if t.total_float.minutes() >= 0 {
            prop_assert!(
                t.free_float.minutes() <= t.total_float.minutes(),
                "{}: free float above total float",
                task.id
            );
        }
        seen.negative_float += usize::from(t.total_float.minutes() < 0);
        let missed_fnlt = v
            .iter()
            .any(|x| x.kind == ViolationKind::ConstraintMissed && x.task == i);
        match (p.is_summary(i), task.constraint) {
            (true, Constraint::FinishNoLaterThan(d)) => prop_assert_eq!(
                missed_fnlt,
                t.finish > d,
                "{}: summary finishes {} against its FNLT {}",
                task.id,
                t.finish,
                d
            ),
            _ => prop_assert!(!missed_fnlt, "{}: a missed FNLT without one", task.id),
        }
    }
    prop_assert!(
        seen.negative_float == 0 || !v.is_empty(),
        "negative float without any violation"
    );

    // Deadlines only take float away: without them every date but the late ones is the same.
    if p.tasks().iter().any(|t| t.deadline.is_some()) {
        let mut q = p.clone();
        for k in 0..q.len() as u32 {
            let i = TaskIndex::from_raw(k);
            let mut t = q.task(i).clone();
            t.deadline = None;
            q.replace_task(i, t)
                .expect("the same task without its deadline");
        }
        let free = schedule(&q)?;
        for (k, (a, b)) in s.tasks().iter().zip(free.tasks()).enumerate() {
            let i = TaskIndex::from_raw(k as u32);
            let id = &p.task(i).id;
            prop_assert_eq!(
                (a.start, a.finish, a.early_start, a.early_finish),
                (b.start, b.finish, b.early_start, b.early_finish),
                "{}: a deadline moved the task",
                id
            );
            prop_assert!(
                a.total_float.minutes() <= b.total_float.minutes(),
                "{id}: a deadline added float"
            );
        }
    }
    Ok(seen)
}

/// The number of cases: `PROPTEST_CASES` when set (for long runs), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

const PLAIN: Gen = Gen {
    elapsed: false,
    calendars: false,
    constraints: false,
    hard: false,
    summaries: true,
};
const RICH: Gen = Gen {
    elapsed: true,
    calendars: true,
    constraints: true,
    hard: false,
    summaries: true,
};
const HARD: Gen = Gen {
    elapsed: true,
    calendars: true,
    constraints: true,
    hard: true,
    summaries: true,
};

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(300), ..ProptestConfig::default() })]

    #[test]
    fn every_link_holds(spec in net(RICH)) {
        let p = build(&spec);
        check_links(&p, &schedule(&p)?)?;
    }

    #[test]
    fn early_before_late_and_float_non_negative(spec in net(RICH)) {
        let p = build(&spec);
        check_floats(&p, &schedule(&p)?)?;
    }

    #[test]
    fn hard_constraints_and_deadlines_are_accounted_for(spec in net(HARD)) {
        let p = build(&spec);
        check_hard(&p, &schedule(&p)?)?;
    }

    #[test]
    fn zero_float_chain_from_start_to_finish(spec in net(PLAIN)) {
        let p = build(&spec);
        check_zero_float_chain(&schedule(&p)?)?;
    }

    #[test]
    fn deterministic_and_json_roundtrip(spec in net(HARD)) {
        let p = build(&spec);
        let s = schedule(&p)?;
        let a = json::write_schedule(&p, &s);
        let b = json::write_schedule(&p, &schedule(&p)?);
        prop_assert_eq!(&a, &b);
        let doc = json::Document { project: p.clone(), options: ScheduleOptions::default() };
        let back = json::read(&json::write(&doc)).unwrap();
        prop_assert!(back.project == p, "document round trip changed the project");
        let c = json::write_schedule(&back.project, &schedule(&back.project)?);
        prop_assert_eq!(a, c);
    }
}

// ---------------------------------------------------------------------------------------------
// Cycles, planted on purpose.

/// An acyclic network and links that close at least one cycle in it, drawn from the raw values.
#[derive(Debug, Clone)]
struct Planted {
    net: Net,
    /// Added after `net.links` (none repeats a pair of `net.links`).
    cycle: Vec<LSpec>,
    /// Whether the cycle runs through a summary and one of its subtasks (else it is a loop of
    /// links only).
    through_summary: bool,
}

fn fresh_task(net: &mut Net, parent: Option<usize>) -> usize {
    net.tasks.push(TSpec {
        minutes: 480,
        elapsed: false,
        parent,
        weekend_calendar: false,
        constraint: None,
        deadline: None,
    });
    net.tasks.len() - 1
}

/// Plants a cycle in `net`: either a loop of 2 to 6 tasks linked in a ring (consecutive tasks
/// unrelated in the summary tree), or a summary, a chain of 1 to 3 tasks outside it and one of
/// its subtasks (`S -> X.. -> C`: C rolls up into S, closing the loop). When the network has
/// no suitable tasks, fresh ones are appended (top level, or a summary with one subtask).
fn plant(
    mut net: Net,
    through_summary: bool,
    len: usize,
    picks: &[usize],
    kinds: &[u8],
    lags: &[(u8, i64)],
) -> Planted {
    let n = net.tasks.len();
    let pick = |k: usize| picks[k % picks.len()];
    let mut ring: Vec<usize> = Vec::new();
    if through_summary {
        let summaries: Vec<usize> = (0..n).filter(|&i| net.is_summary(i)).collect();
        let (s, c) = if summaries.is_empty() {
            let s = fresh_task(&mut net, None);
            (s, fresh_task(&mut net, Some(s)))
        } else {
            let s = summaries[pick(0) % summaries.len()];
            let end = net.ends()[s];
            (s, s + 1 + pick(1) % (end - s))
        };
        ring.push(s);
        for j in 0..1 + len % 3 {
            let prev = *ring.last().unwrap();
            let m = net.tasks.len();
            let found = (0..m)
                .map(|d| (pick(2 + j) + d) % m)
                .find(|&x| !ring.contains(&x) && !net.related(x, s) && !net.related(x, prev));
            match found {
                Some(x) => ring.push(x),
                None if j == 0 => ring.push(fresh_task(&mut net, None)),
                None => break,
            }
        }
        ring.push(c);
    } else {
        ring.push(pick(0) % n);
        for j in 1..=len {
            let prev = *ring.last().unwrap();
            let found = (0..n)
                .map(|d| (pick(j) + d) % n)
                .find(|&x| !ring.contains(&x) && !net.related(x, prev));
            match found {
                Some(x) => ring.push(x),
                None => break,
            }
        }
        while ring.len() >= 2 && net.related(*ring.last().unwrap(), ring[0]) {
            ring.pop();
        }
        if ring.len() < 2 {
            ring.push(fresh_task(&mut net, None));
        }
    }
    // The links: along the chain, and back to the start for a ring.
    let mut pairs: Vec<(usize, usize)> = ring.windows(2).map(|w| (w[0], w[1])).collect();
    if !through_summary {
        pairs.push((*ring.last().unwrap(), ring[0]));
    }
    let g = RICH;
    let mut cycle = Vec::new();
    for (k, (a, b)) in pairs.into_iter().enumerate() {
        if net.links.iter().any(|l| (l.from, l.to) == (a, b)) {
            continue;
        }
        let (lk, lag) = lags[k % lags.len()];
        cycle.push(LSpec {
            from: a,
            to: b,
            kind: kind_into(net.is_summary(b), kinds[k % kinds.len()]),
            lag: lag_of(g, net.is_summary(a), lk, lag),
        });
    }
    Planted {
        net,
        cycle,
        through_summary,
    }
}

fn planted() -> impl Strategy<Value = Planted> {
    (
        net(RICH),
        any::<bool>(),
        1usize..=5,
        prop::collection::vec(any::<usize>(), 8),
        prop::collection::vec(0u8..4, 7),
        prop::collection::vec((0u8..10, -1500i64..3000), 7),
    )
        .prop_map(|(net, through, len, picks, kinds, lags)| {
            plant(net, through, len, &picks, &kinds, &lags)
        })
}

/// Checks that `tasks` is a real cycle of `p` (plus `extra`, a link refused by the engine): at
/// least one distinct pair, first equals last and is the smallest key, every consecutive pair a
/// link or a parent and its subtask, and only summaries (a gate and a rollup) seen twice.
fn check_cycle(
    p: &Project,
    extra: Option<&Link>,
    tasks: &[TaskId],
) -> Result<usize, TestCaseError> {
    prop_assert!(tasks.len() >= 3, "cycle {:?} too short", tasks);
    prop_assert_eq!(
        tasks.first(),
        tasks.last(),
        "cycle {:?} does not close",
        tasks
    );
    prop_assert!(
        tasks.iter().all(|t| t >= &tasks[0]),
        "cycle {:?} does not start at its smallest key",
        tasks
    );
    let idx = |t: &TaskId| p.index_of(t.as_str()).expect("a task of the project");
    let mut links = 0;
    let mut tree = 0;
    for w in tasks.windows(2) {
        let (a, b) = (idx(&w[0]), idx(&w[1]));
        prop_assert!(a != b, "cycle {:?} repeats {}", tasks, w[0]);
        let is_link = p
            .links()
            .iter()
            .chain(extra)
            .any(|l| l.from == a && l.to == b);
        let is_tree = p.task(b).parent == Some(a) || p.task(a).parent == Some(b);
        prop_assert!(
            is_link || is_tree,
            "cycle {:?}: {} -> {} is neither a link nor a summary relation",
            tasks,
            w[0],
            w[1]
        );
        links += usize::from(is_link);
        tree += usize::from(!is_link);
    }
    prop_assert!(links > 0, "cycle {:?} has no link", tasks);
    let body = &tasks[..tasks.len() - 1];
    for (k, t) in body.iter().enumerate() {
        if body[k + 1..].contains(t) {
            prop_assert!(
                p.is_summary(idx(t)),
                "cycle {:?} repeats the leaf {}",
                tasks,
                t
            );
        }
    }
    Ok(tree)
}

/// What a planted cycle gave: the cycle lengths and how many reported pairs were summary
/// relations, for the batch schedule and for the engine.
#[derive(Debug, Default, Clone, Copy)]
struct CycleSeen {
    batch_len: usize,
    batch_tree_pairs: usize,
    engine_refusals: usize,
    engine_tree_pairs: usize,
}

fn check_planted(c: &Planted) -> Result<CycleSeen, TestCaseError> {
    let mut seen = CycleSeen::default();
    // The whole project at once.
    let mut all = c.net.clone();
    all.links.extend(c.cycle.iter().copied());
    let p = build(&all);
    match jindu::schedule(&p, &ScheduleOptions::default()) {
        Err(Error::Cycle { tasks }) => {
            seen.batch_len = tasks.len() - 1;
            seen.batch_tree_pairs = check_cycle(&p, None, &tasks)?;
        }
        other => prop_assert!(false, "expected a cycle error, got {:?}", other.map(|_| ())),
    }
    // The engine: the acyclic network, then the planted links one by one; at least one must be
    // refused (all of them together close a cycle), each with a real cycle through it.
    let base = build(&c.net);
    let mut e = Engine::new(base, ScheduleOptions::default())
        .map_err(|e| TestCaseError::fail(format!("the acyclic part failed: {e}")))?;
    for l in &c.cycle {
        let proj = e.project().clone();
        let (from, to) = (
            proj.tasks()[l.from].id.clone(),
            proj.tasks()[l.to].id.clone(),
        );
        let edit = Edit::AddLink {
            from,
            to,
            kind: l.kind,
            lag: lag(l.lag),
        };
        match e.apply(edit) {
            Ok(_) => {}
            Err(Error::Cycle { tasks }) => {
                let extra = Link {
                    from: TaskIndex::from_raw(l.from as u32),
                    to: TaskIndex::from_raw(l.to as u32),
                    kind: l.kind,
                    lag: lag(l.lag),
                };
                seen.engine_refusals += 1;
                seen.engine_tree_pairs += check_cycle(&proj, Some(&extra), &tasks)?;
                prop_assert!(*e.project() == proj, "a refused link changed the project");
            }
            Err(other) => prop_assert!(false, "expected a cycle error, got {other}"),
        }
    }
    prop_assert!(
        seen.engine_refusals > 0,
        "the engine accepted every link of a cycle"
    );
    Ok(seen)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(300), ..ProptestConfig::default() })]

    /// A planted cycle (a ring of links of every type, or a summary linked to one of its own
    /// subtasks through other tasks) is `Error::Cycle`, listing a real loop of the project.
    #[test]
    fn a_planted_cycle_is_reported_as_a_real_cycle(c in planted()) {
        check_planted(&c)?;
    }
}

// ---------------------------------------------------------------------------------------------
// The incremental engine.

#[derive(Debug, Clone)]
enum Op {
    Duration(usize, i64),
    AddLink(usize, usize, u8, i64),
    RemoveLink(usize),
    SetLink(usize, u8, i64),
    Snet(usize, Option<i64>),
    Alap(usize),
    Deadline(usize, Option<i64>),
    Pin(usize, Option<i64>),
    AddTask(i64, Option<usize>),
    RemoveTask(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0usize..1000, prop_oneof![Just(0i64), 1i64..4000]).prop_map(|(a, d)| Op::Duration(a, d)),
        3 => (0usize..1000, 0usize..1000, 0u8..4, -960i64..2000).prop_map(|(a, b, k, l)| Op::AddLink(a, b, k, l)),
        2 => (0usize..1000).prop_map(Op::RemoveLink),
        1 => (0usize..1000, 0u8..4, -960i64..2000).prop_map(|(a, k, l)| Op::SetLink(a, k, l)),
        1 => (0usize..1000, prop::option::of(0i64..20_000)).prop_map(|(a, o)| Op::Snet(a, o)),
        1 => (0usize..1000).prop_map(Op::Alap),
        1 => (0usize..1000, prop::option::of(0i64..20_000)).prop_map(|(a, o)| Op::Deadline(a, o)),
        1 => (0usize..1000, prop::option::of(0i64..8_000)).prop_map(|(a, o)| Op::Pin(a, o)),
        1 => (0i64..3000, prop::option::of(0usize..1000)).prop_map(|(d, p)| Op::AddTask(d, p)),
        1 => (0usize..1000).prop_map(Op::RemoveTask),
    ]
}

fn to_edit(p: &Project, o: &Op, fresh: &mut usize) -> Option<Edit> {
    let n = p.len();
    if n == 0 {
        return None;
    }
    let id = |k: usize| p.tasks()[k % n].id.clone();
    let kind = |k: u8| KINDS[k as usize];
    let link = |k: usize| {
        let links = p.links();
        (!links.is_empty()).then(|| links[k % links.len()])
    };
    Some(match *o {
        Op::Duration(a, d) => Edit::SetDuration {
            task: id(a),
            duration: Duration::minutes_work(d),
        },
        Op::AddLink(a, b, k, l) => Edit::AddLink {
            from: id(a),
            to: id(b),
            kind: kind(k),
            lag: Lag::Time(Duration::minutes_work(l)),
        },
        Op::RemoveLink(k) => {
            let l = link(k)?;
            Edit::RemoveLink {
                from: p.task(l.from).id.clone(),
                to: p.task(l.to).id.clone(),
            }
        }
        Op::SetLink(k, t, lag) => {
            let l = link(k)?;
            Edit::SetLink {
                from: p.task(l.from).id.clone(),
                to: p.task(l.to).id.clone(),
                kind: kind(t),
                lag: Lag::Time(Duration::minutes_work(lag)),
            }
        }
        Op::Snet(a, off) => Edit::SetConstraint {
            task: id(a),
            constraint: off.map_or(Constraint::AsSoonAsPossible, |o| {
                Constraint::StartNoEarlierThan(start().add_minutes(o))
            }),
        },
        Op::Alap(a) => Edit::SetConstraint {
            task: id(a),
            constraint: Constraint::AsLateAsPossible,
        },
        Op::Deadline(a, off) => Edit::SetDeadline {
            task: id(a),
            deadline: off.map(|o| start().add_minutes(o)),
        },
        Op::Pin(a, off) => Edit::Pin {
            task: id(a),
            pin: off.map(|o| Pin {
                start: start().add_minutes(o),
                finish: None,
            }),
        },
        Op::AddTask(d, parent) => {
            *fresh += 1;
            Edit::AddTask {
                task: Box::new(
                    Task::new(format!("N{fresh}"), "new").with_duration(Duration::minutes_work(d)),
                ),
                parent: parent.map(id),
            }
        }
        Op::RemoveTask(a) => Edit::RemoveTask { task: id(a) },
    })
}

/// What an edit sequence did: edits applied and refused.
#[derive(Debug, Default, Clone, Copy)]
struct EditsSeen {
    applied: usize,
    refused: usize,
}

/// After every edit the engine's schedule equals a full recompute of its project; failed edits
/// change nothing; a preview predicts the diff of the real edit and commits nothing.
fn check_edits(spec: &Net, ops: &[Op]) -> Result<EditsSeen, TestCaseError> {
    let p = build(spec);
    schedule(&p)?;
    let mut e = Engine::new(p, ScheduleOptions::default())
        .map_err(|e| TestCaseError::fail(format!("engine: {e}")))?;
    let mut fresh = 0;
    let mut seen = EditsSeen::default();
    for o in ops {
        let proj = e.project().clone();
        let Some(edit) = to_edit(&proj, o, &mut fresh) else {
            continue;
        };
        let before = e.schedule();
        let preview = e.preview(&edit);
        prop_assert_eq!(
            &e.schedule(),
            &before,
            "preview changed the engine ({:?})",
            edit
        );
        prop_assert!(*e.project() == proj, "preview changed the project");
        match e.apply(edit.clone()) {
            Ok(diff) => {
                seen.applied += 1;
                prop_assert_eq!(
                    Ok(diff),
                    preview,
                    "preview and apply disagree on {:?}",
                    edit
                );
                let full = jindu::schedule(e.project(), e.options()).unwrap();
                let inc = e.schedule();
                prop_assert_eq!(
                    json::write_schedule(e.project(), &inc),
                    json::write_schedule(e.project(), &full),
                    "after {:?}",
                    edit
                );
            }
            Err(err) => {
                seen.refused += 1;
                prop_assert_eq!(Err(err), preview);
                prop_assert_eq!(&e.schedule(), &before, "a failed edit changed the engine");
                prop_assert!(*e.project() == proj, "a failed edit changed the project");
            }
        }
    }
    Ok(seen)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(200), ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_full(spec in net(RICH), ops in prop::collection::vec(op(), 1..25)) {
        check_edits(&spec, &ops)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Calendars.

type RawDay = Vec<(u16, u16)>;

fn intervals(iv: &[(u16, u16)]) -> Vec<WorkingTime> {
    let mut v = Vec::new();
    let mut at = 0u16;
    for &(gap, len) in iv {
        let s = (at + gap).min(23) * 60;
        let e = ((at + gap + len).min(24)) * 60;
        if s >= at * 60 && s < e {
            v.push(WorkingTime::new(s, e).unwrap());
            at = e / 60;
        }
    }
    v
}

/// What a calendar case checked: whether the calendar compiled, and how many amounts were
/// compared with the brute-force walk.
#[derive(Debug, Default, Clone, Copy)]
struct CalSeen {
    compiled: bool,
    compared: usize,
}

/// Calendar arithmetic agrees with a minute-by-minute walk.
fn check_calendar(
    days: &[RawDay],
    holidays: &[(i64, RawDay)],
    from: i64,
    amounts: &[i64],
) -> Result<CalSeen, TestCaseError> {
    let mut seen = CalSeen::default();
    let mut c = Calendar::new("r");
    for (k, d) in days.iter().enumerate() {
        c.week[k] = Some(intervals(d));
    }
    let base: jindu::Date = "2026-01-05".parse().unwrap();
    let mut used = HashSet::new();
    for (off, iv) in holidays {
        if !used.insert(*off) {
            continue;
        }
        let d = jindu::Date::from_days(base.days() + off).unwrap();
        c.exceptions
            .push(CalendarException::working("x", d, d, intervals(iv)));
    }
    // A calendar without any working time is an error by design (never an endless search).
    let Ok(w) = c.compile_standalone() else {
        let any_week = c.week.iter().flatten().any(|v| !v.is_empty());
        prop_assert!(
            !any_week,
            "a calendar with working weekdays failed to compile"
        );
        return Ok(seen);
    };
    seen.compiled = true;
    let t0 = base.at(0).add_minutes(from);
    for &n in amounts {
        // Brute force: walk minutes; give up (like the calendar) after a long stretch.
        let mut m = t0;
        let mut left = n.abs();
        let mut steps = 0;
        while left > 0 && steps < 3_000_000 {
            if n > 0 {
                if w.is_working(m) {
                    left -= 1;
                }
                m = m.add_minutes(1);
            } else {
                m = m.add_minutes(-1);
                if w.is_working(m) {
                    left -= 1;
                }
            }
            steps += 1;
        }
        if left > 0 {
            continue;
        }
        // The brute walk stops right after the last minute; the calendar returns the same
        // instant for finishes (n > 0) and starts (n < 0).
        prop_assert_eq!(w.add_work(t0, n).unwrap(), m, "add_work({}, {})", t0, n);
        prop_assert_eq!(w.work_between(t0, m), n);
        seen.compared += 1;
    }
    Ok(seen)
}

/// Weekdays, exception days (offset from 2026-01-05, intervals), a start offset in minutes and
/// the amounts of work to add.
type RawCalendar = (Vec<RawDay>, Vec<(i64, RawDay)>, i64, Vec<i64>);

fn raw_calendar() -> impl Strategy<Value = RawCalendar> {
    (
        prop::collection::vec(prop::collection::vec((0u16..24, 1u16..6), 0..3), 7),
        prop::collection::vec(
            (0i64..60, prop::collection::vec((0u16..24, 1u16..4), 0..2)),
            0..6,
        ),
        0i64..(40 * 1440),
        prop::collection::vec(-3000i64..3000, 1..8),
    )
}

proptest! {
    /// Calendar arithmetic agrees with a minute-by-minute walk on random calendars.
    #[test]
    fn calendar_matches_brute_force((days, holidays, from, amounts) in raw_calendar()) {
        check_calendar(&days, &holidays, from, &amounts)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Non-vacuity: the generators produce what the properties are meant to exercise.

/// `n` values of `s` from proptest's fixed-seed runner (the same values on every run).
fn sample<T: std::fmt::Debug>(s: impl Strategy<Value = T>, n: usize) -> Vec<T> {
    let mut runner = TestRunner::deterministic();
    (0..n)
        .map(|_| s.new_tree(&mut runner).expect("a value").current())
        .collect()
}

/// Counts over a sample of networks, and over the schedules of those networks.
#[derive(Debug, Default)]
struct NetStats {
    cases: usize,
    tasks: usize,
    with_links: usize,
    links: usize,
    drawn: usize,
    kinds: [usize; 4],
    lag_positive: usize,
    lag_negative: usize,
    lag_elapsed: usize,
    lag_percent: usize,
    with_summary: usize,
    nested: usize,
    links_into_summary: usize,
    links_out_of_summary: usize,
    with_constraint: usize,
    constraints: [usize; 6],
    with_deadline: usize,
    with_elapsed_task: usize,
    with_two_calendars: usize,
    with_positive_float: usize,
    with_free_below_total: usize,
    with_negative_float: usize,
    with_violation: usize,
}

fn net_stats(nets: &[Net]) -> NetStats {
    let mut st = NetStats::default();
    for net in nets {
        st.cases += 1;
        st.tasks += net.tasks.len();
        st.links += net.links.len();
        st.drawn += net.drawn;
        st.with_links += usize::from(!net.links.is_empty());
        for l in &net.links {
            st.kinds[KINDS.iter().position(|k| *k == l.kind).unwrap()] += 1;
            match l.lag {
                LagSpec::Work(m) if m > 0 => st.lag_positive += 1,
                LagSpec::Work(m) if m < 0 => st.lag_negative += 1,
                LagSpec::Elapsed(_) => st.lag_elapsed += 1,
                LagSpec::Percent(_) => st.lag_percent += 1,
                _ => {}
            }
            st.links_into_summary += usize::from(net.is_summary(l.to));
            st.links_out_of_summary += usize::from(net.is_summary(l.from));
        }
        let n = net.tasks.len();
        st.with_summary += usize::from((0..n).any(|i| net.is_summary(i)));
        st.nested += usize::from((0..n).any(|i| net.depth(i) >= 2));
        st.with_constraint += usize::from(net.tasks.iter().any(|t| t.constraint.is_some()));
        for t in &net.tasks {
            if let Some(c) = t.constraint {
                st.constraints[c.index()] += 1;
            }
        }
        st.with_deadline += usize::from(net.tasks.iter().any(|t| t.deadline.is_some()));
        st.with_elapsed_task += usize::from(net.tasks.iter().any(|t| t.elapsed));
        st.with_two_calendars += usize::from(
            net.tasks.iter().any(|t| t.weekend_calendar)
                && net.tasks.iter().any(|t| !t.weekend_calendar),
        );
        let p = build(net);
        let s = schedule(&p).expect("a generated network schedules");
        let ts = s.tasks();
        st.with_positive_float += usize::from(ts.iter().any(|t| t.total_float.minutes() > 0));
        st.with_free_below_total += usize::from(ts.iter().any(|t| {
            t.free_float.minutes() > 0 && t.free_float.minutes() < t.total_float.minutes()
        }));
        st.with_negative_float += usize::from(ts.iter().any(|t| t.total_float.minutes() < 0));
        st.with_violation += usize::from(!s.violations().is_empty());
    }
    st
}

/// `part` is at least `pct` percent of `whole`.
#[track_caller]
fn share(what: &str, part: usize, whole: usize, pct: usize) {
    assert!(
        part * 100 >= whole * pct && whole > 0,
        "vacuous generator: {what}: {part} of {whole}, fewer than {pct} %"
    );
}

fn report(name: &str, st: &NetStats) {
    common_loud(&format!(
        "non-vacuity {name}: {} cases, {} tasks, {} links kept of {} drawn; cases with links {}, \
         summaries {}, nesting {}, constraints {}, deadlines {}, elapsed tasks {}, two calendars {}; \
         links FS/SS/FF/SF {:?}, lags +{} -{} elapsed {} percent {}, into/out of summaries {}/{}; \
         constraints SNET/FNET/SNLT/FNLT/MSO/MFO {:?}; cases with float > 0 {}, 0 < free < total {}, \
         negative float {}, violations {}",
        st.cases,
        st.tasks,
        st.links,
        st.drawn,
        st.with_links,
        st.with_summary,
        st.nested,
        st.with_constraint,
        st.with_deadline,
        st.with_elapsed_task,
        st.with_two_calendars,
        st.kinds,
        st.lag_positive,
        st.lag_negative,
        st.lag_elapsed,
        st.lag_percent,
        st.links_into_summary,
        st.links_out_of_summary,
        st.constraints,
        st.with_positive_float,
        st.with_free_below_total,
        st.with_negative_float,
        st.with_violation,
    ));
}

/// Prints past libtest's capture, so that the statistics show in every run.
fn common_loud(msg: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{msg}");
}

const SAMPLE: usize = 400;

#[test]
fn generators_are_not_vacuous() {
    // RICH: links of every type with every kind of lag, summaries, soft constraints, elapsed
    // tasks, two calendars, and schedules with float.
    let rich = sample(net(RICH), SAMPLE);
    let st = net_stats(&rich);
    report("RICH", &st);
    share("cases with links", st.with_links, st.cases, 90);
    share(
        "links kept (dropped only when every pair is taken)",
        st.links,
        st.drawn,
        97,
    );
    for (k, &c) in st.kinds.iter().enumerate() {
        share(&format!("{} links", KINDS[k]), c, st.links, 10);
    }
    share("positive lags", st.lag_positive, st.links, 10);
    share("leads (negative lags)", st.lag_negative, st.links, 5);
    share("elapsed lags", st.lag_elapsed, st.links, 3);
    share("percent lags", st.lag_percent, st.links, 5);
    share("links into summaries", st.links_into_summary, st.links, 5);
    share(
        "links out of summaries",
        st.links_out_of_summary,
        st.links,
        5,
    );
    share("cases with summaries", st.with_summary, st.cases, 50);
    share("cases with nested summaries", st.nested, st.cases, 20);
    share("cases with constraints", st.with_constraint, st.cases, 50);
    share("SNET", st.constraints[0], st.tasks, 2);
    share("FNET", st.constraints[1], st.tasks, 2);
    share(
        "cases with elapsed tasks",
        st.with_elapsed_task,
        st.cases,
        50,
    );
    share(
        "cases with two calendars",
        st.with_two_calendars,
        st.cases,
        60,
    );
    share(
        "cases with positive float",
        st.with_positive_float,
        st.cases,
        70,
    );
    share(
        "cases where 0 < free < total float",
        st.with_free_below_total,
        st.cases,
        20,
    );
    assert_eq!(
        st.with_negative_float, 0,
        "negative float without hard constraints"
    );
    assert!(
        rich.iter()
            .flat_map(|n| &n.tasks)
            .all(|t| !t.constraint.is_some_and(Cons::hard) && t.deadline.is_none()),
        "RICH must stay free of hard constraints and deadlines (its float property needs it)"
    );

    // Every schedule-level check runs on every link and task of the sample.
    let (mut links, mut tasks) = (0, 0);
    for net in &rich {
        let p = build(net);
        let s = schedule(&p).unwrap();
        links += check_links(&p, &s).unwrap();
        tasks += check_floats(&p, &s).unwrap();
    }
    assert_eq!(
        (links, tasks),
        (st.links, st.tasks),
        "checks skipped links or tasks"
    );

    // HARD: every hard constraint, deadlines, and the negative float and violations they force.
    let hard = sample(net(HARD), SAMPLE);
    let st = net_stats(&hard);
    report("HARD", &st);
    for (k, name) in ["SNET", "FNET", "SNLT", "FNLT", "MSO", "MFO"]
        .iter()
        .enumerate()
    {
        share(name, st.constraints[k], st.tasks, 1);
    }
    share("cases with deadlines", st.with_deadline, st.cases, 50);
    share(
        "cases with negative float",
        st.with_negative_float,
        st.cases,
        20,
    );
    share("cases with violations", st.with_violation, st.cases, 20);
    let mut seen = HardSeen::default();
    for net in &hard {
        let p = build(net);
        let h = check_hard(&p, &schedule(&p).unwrap()).unwrap();
        seen.broken_links += h.broken_links;
        seen.missed_deadlines += h.missed_deadlines;
        seen.negative_float += h.negative_float;
        seen.tasks += h.tasks;
    }
    common_loud(&format!("non-vacuity HARD checks: {seen:?}"));
    assert_eq!(seen.tasks, st.tasks);
    share("broken links (reported)", seen.broken_links, SAMPLE, 10);
    share(
        "missed deadlines (reported)",
        seen.missed_deadlines,
        SAMPLE,
        20,
    );
    share(
        "tasks with negative float",
        seen.negative_float,
        st.tasks,
        2,
    );

    // PLAIN: the zero-float chain check runs on every case.
    let plain = sample(net(PLAIN), SAMPLE);
    let st = net_stats(&plain);
    report("PLAIN", &st);
    share("cases with links", st.with_links, st.cases, 90);
    share("cases with summaries", st.with_summary, st.cases, 50);
    let chains: usize = plain
        .iter()
        .map(|n| check_zero_float_chain(&schedule(&build(n)).unwrap()).unwrap())
        .sum();
    assert_eq!(chains, SAMPLE);

    // Cycles: both shapes, rings of several lengths, links of every type, and reported cycles
    // that pass through a summary relation.
    let cycles = sample(planted(), SAMPLE);
    let (mut through, mut kinds, mut tree, mut engine_tree) = (0, [0usize; 4], 0, 0);
    let mut lengths = std::collections::BTreeMap::new();
    for c in &cycles {
        through += usize::from(c.through_summary);
        for l in &c.cycle {
            kinds[KINDS.iter().position(|k| *k == l.kind).unwrap()] += 1;
        }
        let seen = check_planted(c).unwrap();
        *lengths.entry(seen.batch_len).or_insert(0usize) += 1;
        tree += usize::from(seen.batch_tree_pairs > 0);
        engine_tree += usize::from(seen.engine_tree_pairs > 0);
    }
    common_loud(&format!(
        "non-vacuity cycles: {SAMPLE} cases, {through} through a summary; planted links \
         FS/SS/FF/SF {kinds:?}; reported cycle lengths {lengths:?}; reported with a summary \
         relation: batch {tree}, engine {engine_tree}"
    ));
    share("cycles through a summary", through, SAMPLE, 30);
    share("rings of links only", SAMPLE - through, SAMPLE, 30);
    let planted_links: usize = kinds.iter().sum();
    for (k, &c) in kinds.iter().enumerate() {
        share(&format!("planted {} links", KINDS[k]), c, planted_links, 10);
    }
    assert!(lengths.len() >= 4, "cycle lengths {lengths:?}");
    share("batch cycles through a summary relation", tree, SAMPLE, 20);
    share(
        "engine cycles through a summary relation",
        engine_tree,
        SAMPLE,
        10,
    );

    // Edits: most apply, some are refused (cycles, summary rules), and every one is checked.
    let edits = sample((net(RICH), prop::collection::vec(op(), 1..25)), SAMPLE / 4);
    let mut seen = EditsSeen::default();
    for (spec, ops) in &edits {
        let e = check_edits(spec, ops).unwrap();
        seen.applied += e.applied;
        seen.refused += e.refused;
    }
    common_loud(&format!("non-vacuity edits: {seen:?}"));
    share(
        "edits applied",
        seen.applied,
        seen.applied + seen.refused,
        50,
    );
    share(
        "edits refused",
        seen.refused,
        seen.applied + seen.refused,
        3,
    );

    // Calendars: most random calendars compile and most amounts are compared.
    let cals = sample(raw_calendar(), SAMPLE);
    let (mut compiled, mut compared, mut amounts) = (0, 0, 0);
    for (days, holidays, from, am) in &cals {
        let c = check_calendar(days, holidays, *from, am).unwrap();
        compiled += usize::from(c.compiled);
        compared += c.compared;
        amounts += am.len();
    }
    common_loud(&format!(
        "non-vacuity calendars: {compiled} of {SAMPLE} compiled, {compared} of {amounts} amounts compared"
    ));
    share("calendars compiled", compiled, SAMPLE, 80);
    share("amounts compared", compared, amounts, 70);
}

/// The generators' own guarantees, checked directly on a sample: no self-links, links only
/// from a task to one past the end of its subtree, subtrees contiguous, summary rules met.
#[test]
fn generated_networks_are_valid_by_construction() {
    for net in sample(net(HARD), SAMPLE) {
        let n = net.tasks.len();
        let end = net.ends();
        for (i, t) in net.tasks.iter().enumerate() {
            if let Some(p) = t.parent {
                assert!(
                    p < i && i <= end[p],
                    "task {i}: parent {p} out of pre-order"
                );
                // Contiguous: every task between the parent and this one is inside the parent.
                assert!((p + 1..i).all(|j| j <= end[p]));
            }
            if net.is_summary(i) {
                assert!(
                    matches!(
                        t.constraint,
                        None | Some(Cons::Snet(_)) | Some(Cons::Fnlt(_))
                    ),
                    "summary {i} with {:?}",
                    t.constraint
                );
            }
        }
        let mut pairs = HashSet::new();
        for l in &net.links {
            assert!(l.from < l.to && l.to < n, "{l:?}");
            assert!(l.to > end[l.from], "{l:?} into its own subtree");
            assert!(!net.related(l.from, l.to), "{l:?} links related tasks");
            assert!(pairs.insert((l.from, l.to)), "{l:?} repeated");
            if net.is_summary(l.to) {
                assert!(!l.kind.to_finish(), "{l:?}: a finish link into a summary");
            }
            if net.is_summary(l.from) {
                assert!(
                    !matches!(l.lag, LagSpec::Percent(_)),
                    "{l:?}: percent from a summary"
                );
            }
        }
        // And the core agrees: the project builds and schedules (acyclic, valid).
        let p = build(&net);
        assert!(jindu::schedule(&p, &ScheduleOptions::default()).is_ok());
    }
}

// ---------------------------------------------------------------------------------------------
// Scheduling from a status date.

/// Gives every third leaf task progress: started at the project start, `(37 k) % 100` percent
/// complete. Returns the indices of the tasks it started.
fn add_progress(p: &mut Project) -> Vec<TaskIndex> {
    let mut started = Vec::new();
    for k in (0..p.len()).step_by(3) {
        let i = TaskIndex::from_raw(k as u32);
        if p.is_summary(i) {
            continue;
        }
        let mut t = p.task(i).clone();
        t.progress.actual_start = Some(start());
        t.progress.percent_complete = (k * 37 % 100) as u8;
        p.replace_task(i, t).expect("progress on a leaf is valid");
        started.push(i);
    }
    started
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(200), ..ProptestConfig::default() })]

    /// Without progress, a status date at or before the earliest early start changes nothing:
    /// the whole schedule (dates, floats, drivers, paths, violations) is the plain one.
    #[test]
    fn status_date_before_any_work_changes_nothing(spec in net(HARD), back in 0i64..3000) {
        let p = build(&spec);
        let plain = schedule(&p)?;
        let first = (0..p.len())
            .map(|k| plain.task(TaskIndex::from_raw(k as u32)).early_start)
            .min()
            .unwrap_or(plain.project_start);
        let o = ScheduleOptions::default().status_date(Some(first.add_minutes(-back)));
        let with = jindu::schedule(&p, &o).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(json::write_schedule(&p, &with), json::write_schedule(&p, &plain));
        prop_assert_eq!(with, plain);
    }

    /// With a status date, no uncompleted work is before it: unstarted tasks start no earlier
    /// (early dates; scheduled dates too, except as-late-as-possible tasks, whose late dates a
    /// started successor may pull before it), and started, unfinished tasks finish after it.
    /// The incremental engine agrees with the batch schedule.
    #[test]
    fn no_uncompleted_work_before_the_status_date(spec in net(RICH), at in 0i64..20_000) {
        let mut p = build(&spec);
        let started = add_progress(&mut p);
        let sd = start().add_minutes(at);
        let o = ScheduleOptions::default().status_date(Some(sd));
        let s = jindu::schedule(&p, &o).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for k in 0..p.len() {
            let i = TaskIndex::from_raw(k as u32);
            let (t, ts) = (p.task(i), s.task(i));
            if p.is_summary(i) {
                continue;
            }
            if started.contains(&i) {
                prop_assert_eq!(ts.start, start(), "{} keeps its actual start", t.id);
                if !t.progress.is_complete() && !t.duration.is_zero() {
                    prop_assert!(ts.finish > sd, "{} finishes at {} before {}", t.id, ts.finish, sd);
                }
            } else {
                prop_assert!(ts.early_start >= sd, "{} starts at {} before {}", t.id, ts.early_start, sd);
                if t.constraint != Constraint::AsLateAsPossible {
                    prop_assert!(ts.start >= sd, "{} starts at {} before {}", t.id, ts.start, sd);
                }
            }
        }
        let e = Engine::new(p.clone(), o).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(json::write_schedule(&p, &e.schedule()), json::write_schedule(&p, &s));
    }
}
