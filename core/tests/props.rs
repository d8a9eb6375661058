//! Property tests: invariants of every schedule on random networks.
//!
//! * every link holds in the result;
//! * early dates never exceed late dates and float is never negative without hard constraints or
//!   deadlines;
//! * on one calendar, a zero-float chain runs from the project start to the project finish;
//! * the incremental engine always equals a full recompute, and failed edits and previews leave
//!   it unchanged;
//! * output is deterministic and survives a JSON round trip.

use jindu::io::json;
use jindu::{
    Calendar, CalendarException, Constraint, DateTime, Duration, Edit, Engine, Lag, Link, LinkType,
    Pin, Project, Schedule, ScheduleOptions, Task, TaskIndex, WorkCalendar, WorkingTime,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct TSpec {
    minutes: i64,
    elapsed: bool,
    parent: Option<usize>,
    weekend_calendar: bool,
    snet: Option<i64>,
}

#[derive(Debug, Clone)]
struct LSpec {
    from: usize,
    to: usize,
    kind: u8,
    lag: i64,
    lag_kind: u8,
}

#[derive(Debug, Clone)]
struct Net {
    tasks: Vec<TSpec>,
    links: Vec<LSpec>,
}

#[derive(Clone, Copy)]
struct Gen {
    elapsed: bool,
    calendars: bool,
    constraints: bool,
    summaries: bool,
}

fn task_spec(g: Gen, n: usize) -> impl Strategy<Value = Vec<TSpec>> {
    let one = (
        prop_oneof![
            Just(0i64),
            (1i64..=10).prop_map(|d| d * 480),
            (1i64..=16).prop_map(|h| h * 60),
            1i64..3000
        ],
        prop::bool::weighted(0.15),
        prop::option::weighted(0.25, 0usize..1000),
        prop::bool::weighted(0.2),
        prop::option::weighted(0.15, 0i64..20_000),
    );
    prop::collection::vec(one, n).prop_map(move |v| {
        v.into_iter()
            .enumerate()
            .map(
                move |(i, (minutes, elapsed, parent, weekend_calendar, snet))| TSpec {
                    minutes,
                    elapsed: g.elapsed && elapsed && minutes > 0,
                    parent: parent.filter(|_| g.summaries && i > 0).map(|p| p % i),
                    weekend_calendar: g.calendars && weekend_calendar,
                    snet: snet.filter(|_| g.constraints),
                },
            )
            .collect()
    })
}

fn net(g: Gen) -> impl Strategy<Value = Net> {
    (2usize..28).prop_flat_map(move |n| {
        let link =
            (0..n, 0..n, 0u8..4, -1500i64..3000, 0u8..10).prop_map(|(a, b, kind, lag, lk)| LSpec {
                from: a.min(b),
                to: a.max(b),
                kind,
                lag,
                lag_kind: lk,
            });
        (task_spec(g, n), prop::collection::vec(link, 0..(2 * n)))
            .prop_map(|(tasks, links)| Net { tasks, links })
    })
}

fn start() -> DateTime {
    "2026-01-05T08:00".parse().unwrap()
}

/// Builds a project from a spec, skipping links that the summary rules forbid.
fn build(spec: &Net, g: Gen) -> Project {
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
        if let Some(off) = t.snet {
            task.constraint = Constraint::StartNoEarlierThan(start().add_minutes(off));
        }
        idx.push(p.add_task(task).unwrap());
    }
    let _ = g;
    let summary = |p: &Project, i: usize| p.is_summary(idx[i]);
    let related = |p: &Project, a: usize, b: usize| {
        let up = |mut x: TaskIndex, y: TaskIndex| {
            while let Some(q) = p.task(x).parent {
                if q == y {
                    return true;
                }
                x = q;
            }
            false
        };
        up(idx[a], idx[b]) || up(idx[b], idx[a])
    };
    let mut seen = std::collections::HashSet::new();
    for l in &spec.links {
        if l.from == l.to || !seen.insert((l.from, l.to)) {
            continue;
        }
        let kind = [
            LinkType::FinishToStart,
            LinkType::StartToStart,
            LinkType::FinishToFinish,
            LinkType::StartToFinish,
        ][l.kind as usize];
        let lag = match l.lag_kind {
            0..=3 => Lag::ZERO,
            4..=6 => Lag::Time(Duration::minutes_work(l.lag)),
            7 if g.elapsed => Lag::Time(Duration::elapsed_minutes(l.lag)),
            7 => Lag::Time(Duration::minutes_work(l.lag / 60 * 60)),
            _ => Lag::Percent((l.lag % 150) as i32 * 100),
        };
        let (fs, ts) = (summary(&p, l.from), summary(&p, l.to));
        if (fs || ts) && related(&p, l.from, l.to) {
            continue;
        }
        if ts && kind.to_finish() {
            continue;
        }
        if fs && matches!(lag, Lag::Percent(_)) {
            continue;
        }
        p.add_link(Link {
            from: idx[l.from],
            to: idx[l.to],
            kind,
            lag,
        })
        .unwrap();
    }
    p
}

/// Schedules, treating a cycle (possible through summaries) as "no case".
fn schedule(p: &Project) -> Option<Schedule> {
    match jindu::schedule(p, &ScheduleOptions::default()) {
        Ok(s) => Some(s),
        Err(e) if e.code() == jindu::ErrorCode::Cycle => None,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

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

fn check_links(p: &Project, s: &Schedule) -> Result<(), TestCaseError> {
    let c = calendars(p);
    for l in p.links() {
        let (a, b) = (s.task(l.from), s.task(l.to));
        let base = if l.kind.from_start() {
            a.start
        } else {
            a.finish
        };
        let bound = lagged(p, l, base, &c);
        let got = if l.kind.to_finish() {
            b.finish
        } else {
            b.start
        };
        let ok = if p.task(l.to).duration.is_elapsed() && !p.is_summary(l.to) {
            got >= bound
        } else {
            let cal = cal_of(p, l.to, &c);
            cal.work_between(bound, got) >= 0
        };
        prop_assert!(
            ok,
            "link {} -> {} ({}) broken: bound {bound}, got {got}",
            p.task(l.from).id,
            p.task(l.to).id,
            l.kind
        );
    }
    Ok(())
}

fn check_floats(p: &Project, s: &Schedule) -> Result<(), TestCaseError> {
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
        prop_assert!(
            t.early_start >= s.project_start
                || p.task(i).constraint != Constraint::AsSoonAsPossible
        );
        prop_assert!(
            t.early_finish <= s.project_finish,
            "{id}: finishes after the project"
        );
    }
    Ok(())
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
    summaries: true,
};
const RICH: Gen = Gen {
    elapsed: true,
    calendars: true,
    constraints: true,
    summaries: true,
};

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(300), ..ProptestConfig::default() })]

    #[test]
    fn every_link_holds(spec in net(RICH)) {
        let p = build(&spec, RICH);
        if let Some(s) = schedule(&p) {
            check_links(&p, &s)?;
        }
    }

    #[test]
    fn early_before_late_and_float_non_negative(spec in net(RICH)) {
        let p = build(&spec, RICH);
        if let Some(s) = schedule(&p) {
            check_floats(&p, &s)?;
        }
    }

    #[test]
    fn zero_float_chain_from_start_to_finish(spec in net(PLAIN)) {
        let p = build(&spec, PLAIN);
        if let Some(s) = schedule(&p) {
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
        }
    }

    #[test]
    fn deterministic_and_json_roundtrip(spec in net(RICH)) {
        let p = build(&spec, RICH);
        if let Some(s) = schedule(&p) {
            let a = json::write_schedule(&p, &s);
            let b = json::write_schedule(&p, &schedule(&p).unwrap());
            prop_assert_eq!(&a, &b);
            let doc = json::Document { project: p.clone(), options: ScheduleOptions::default() };
            let back = json::read(&json::write(&doc)).unwrap();
            prop_assert!(back.project == p, "document round trip changed the project");
            let c = json::write_schedule(&back.project, &schedule(&back.project).unwrap());
            prop_assert_eq!(a, c);
        }
    }
}

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

fn to_edit(e: &Engine, p: &Project, o: &Op, fresh: &mut usize) -> Option<Edit> {
    let n = p.len();
    if n == 0 {
        return None;
    }
    let id = |k: usize| p.tasks()[k % n].id.clone();
    let kind = |k: u8| {
        [
            LinkType::FinishToStart,
            LinkType::StartToStart,
            LinkType::FinishToFinish,
            LinkType::StartToFinish,
        ][k as usize]
    };
    let link = |k: usize| {
        let links = p.links();
        (!links.is_empty()).then(|| links[k % links.len()])
    };
    let _ = e;
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
                task: Task::new(format!("N{fresh}"), "new")
                    .with_duration(Duration::minutes_work(d)),
                parent: parent.map(id),
            }
        }
        Op::RemoveTask(a) => Edit::RemoveTask { task: id(a) },
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(200), ..ProptestConfig::default() })]

    /// After every edit the engine's schedule equals a full recompute of its project; failed
    /// edits change nothing; a preview predicts the diff of the real edit and commits nothing.
    #[test]
    fn incremental_equals_full(spec in net(RICH), ops in prop::collection::vec(op(), 1..25)) {
        let p = build(&spec, RICH);
        let Some(_) = schedule(&p) else { return Ok(()); };
        let mut e = Engine::new(p, ScheduleOptions::default()).unwrap();
        let mut fresh = 0;
        for o in &ops {
            let proj = e.project().clone();
            let Some(edit) = to_edit(&e, &proj, o, &mut fresh) else { continue };
            let before = e.schedule();
            let preview = e.preview(&edit);
            prop_assert_eq!(&e.schedule(), &before, "preview changed the engine ({:?})", edit);
            prop_assert!(*e.project() == proj, "preview changed the project");
            match e.apply(edit.clone()) {
                Ok(diff) => {
                    prop_assert_eq!(Ok(diff), preview, "preview and apply disagree on {:?}", edit);
                    let full = jindu::schedule(e.project(), e.options()).unwrap();
                    let inc = e.schedule();
                    prop_assert_eq!(
                        json::write_schedule(e.project(), &inc),
                        json::write_schedule(e.project(), &full),
                        "after {:?}", edit
                    );
                }
                Err(err) => {
                    prop_assert_eq!(Err(err), preview);
                    prop_assert_eq!(&e.schedule(), &before, "a failed edit changed the engine");
                    prop_assert!(*e.project() == proj, "a failed edit changed the project");
                }
            }
        }
    }
}

proptest! {
    /// Calendar arithmetic agrees with a minute-by-minute walk on random calendars.
    #[test]
    fn calendar_matches_brute_force(
        days in prop::collection::vec(prop::collection::vec((0u16..24, 1u16..6), 0..3), 7),
        holidays in prop::collection::vec((0i64..60, prop::collection::vec((0u16..24, 1u16..4), 0..2)), 0..6),
        from in 0i64..(40 * 1440),
        amounts in prop::collection::vec(-3000i64..3000, 1..8),
    ) {
        let mut c = Calendar::new("r");
        for (k, d) in days.iter().enumerate() {
            let mut v: Vec<WorkingTime> = Vec::new();
            let mut at = 0u16;
            for &(gap, len) in d {
                let s = (at + gap).min(23) * 60;
                let e = ((at + gap + len).min(24)) * 60;
                if s >= at * 60 && s < e {
                    v.push(WorkingTime::new(s, e).unwrap());
                    at = e / 60;
                }
            }
            c.week[k] = Some(v);
        }
        let base: jindu::Date = "2026-01-05".parse().unwrap();
        let mut used = std::collections::HashSet::new();
        for (off, iv) in &holidays {
            if !used.insert(*off) { continue; }
            let d = jindu::Date::from_days(base.days() + off).unwrap();
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
            c.exceptions.push(CalendarException::working("x", d, d, v));
        }
        let Ok(w) = c.compile_standalone() else { return Ok(()); };
        let t0 = base.at(0).add_minutes(from);
        for &n in &amounts {
            // Brute force: walk minutes; give up (like the calendar) after a long stretch.
            let mut m = t0;
            let mut left = n.abs();
            let mut steps = 0;
            while left > 0 && steps < 3_000_000 {
                if n > 0 {
                    if w.is_working(m) { left -= 1; }
                    m = m.add_minutes(1);
                } else {
                    m = m.add_minutes(-1);
                    if w.is_working(m) { left -= 1; }
                }
                steps += 1;
            }
            if left > 0 { continue; }
            // The brute walk stops right after the last minute; the calendar returns the same
            // instant for finishes (n > 0) and starts (n < 0).
            prop_assert_eq!(w.add_work(t0, n).unwrap(), m, "add_work({}, {})", t0, n);
            prop_assert_eq!(w.work_between(t0, m), n);
        }
    }
}
