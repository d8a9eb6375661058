//! The incremental engine under arbitrary edit sequences: after every edit its schedule
//! equals a full recompute of its project, and a failed edit changes nothing.
#![no_main]

use jindu::io::json;
use jindu::{
    Constraint, DateTime, Duration, Edit, Engine, Lag, Link, LinkType, Pin, Project,
    ScheduleOptions, Task, TaskIndex,
};
use libfuzzer_sys::fuzz_target;

/// Reads the input one byte at a time, zeros once it runs out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }
    fn i16(&mut self) -> i64 {
        i16::from_le_bytes([self.u8(), self.u8()]) as i64
    }
    fn done(&self) -> bool {
        self.0.is_empty()
    }
}

const KINDS: [LinkType; 4] = [
    LinkType::FinishToStart,
    LinkType::StartToStart,
    LinkType::FinishToFinish,
    LinkType::StartToFinish,
];

fn start() -> DateTime {
    DateTime::from_parts(2026, 1, 5, 8, 0).expect("valid")
}

fn lag(b: &mut Bytes) -> Lag {
    match b.u8() % 4 {
        0 => Lag::Time(Duration::minutes_work(b.i16() % 2400)),
        1 => Lag::Time(Duration::elapsed_minutes(b.i16() % 4320)),
        2 => Lag::Percent(((b.u8() as i32 % 150) - 25) * 100),
        _ => Lag::Time(Duration::ZERO),
    }
}

fn build(b: &mut Bytes) -> Option<Project> {
    let mut p = Project::new("fuzz", start());
    let n = 1 + b.u8() as usize % 24;
    for i in 0..n {
        let flags = b.u8();
        let mut t = Task::new(format!("T{i}"), "");
        if i > 0 && flags & 1 == 1 {
            t.parent = Some(TaskIndex::from_raw((b.u8() as usize % i) as u32));
        }
        if flags & 2 == 2 {
            t.milestone = true;
        } else {
            t = t.with_duration(Duration::minutes_work(b.u8() as i64 * 30));
        }
        if flags & 4 == 4 {
            t.constraint = Constraint::StartNoEarlierThan(start().add_minutes(b.i16().abs() * 10));
        }
        if flags & 8 == 8 {
            t.constraint = Constraint::AsLateAsPossible;
        }
        if flags & 16 == 16 {
            t.deadline = Some(start().add_minutes(b.i16().abs() * 20));
        }
        // Invalid combinations are the reader's and validator's business, not this target's.
        p.add_task(t).ok();
    }
    let m = b.u8() as usize % (2 * n + 1);
    for _ in 0..m {
        let (f, t) = (b.u8() as usize % n, b.u8() as usize % n);
        let link = Link::new(
            TaskIndex::from_raw(f as u32),
            TaskIndex::from_raw(t as u32),
            KINDS[b.u8() as usize % 4],
        )
        .with_lag(lag(b));
        p.add_link(link).ok();
    }
    (!p.is_empty()).then_some(p)
}

fn edit(b: &mut Bytes, p: &Project, fresh: &mut u32) -> Edit {
    let n = p.len();
    let id = |k: u8| p.tasks()[k as usize % n].id.clone();
    let at = |v: i64| start().add_minutes(v.abs() * 10);
    match b.u8() % 10 {
        0 => Edit::SetDuration {
            task: id(b.u8()),
            duration: Duration::minutes_work(b.u8() as i64 * 30),
        },
        1 => Edit::AddLink {
            from: id(b.u8()),
            to: id(b.u8()),
            kind: KINDS[b.u8() as usize % 4],
            lag: lag(b),
        },
        2 => Edit::RemoveLink {
            from: id(b.u8()),
            to: id(b.u8()),
        },
        3 => Edit::SetLink {
            from: id(b.u8()),
            to: id(b.u8()),
            kind: KINDS[b.u8() as usize % 4],
            lag: lag(b),
        },
        4 => Edit::SetConstraint {
            task: id(b.u8()),
            constraint: match b.u8() % 4 {
                0 => Constraint::AsSoonAsPossible,
                1 => Constraint::AsLateAsPossible,
                2 => Constraint::StartNoEarlierThan(at(b.i16())),
                _ => Constraint::FinishNoLaterThan(at(b.i16())),
            },
        },
        5 => Edit::SetDeadline {
            task: id(b.u8()),
            deadline: b.u8().is_multiple_of(2).then(|| at(b.i16())),
        },
        6 => Edit::Pin {
            task: id(b.u8()),
            pin: b.u8().is_multiple_of(2).then(|| Pin {
                start: at(b.i16()),
                finish: None,
            }),
        },
        7 | 8 => {
            *fresh += 1;
            let parent = b.u8().is_multiple_of(3).then(|| id(b.u8()));
            Edit::AddTask {
                task: Box::new(
                    Task::new(format!("N{fresh}"), "")
                        .with_duration(Duration::minutes_work(b.u8() as i64 * 15)),
                ),
                parent,
            }
        }
        _ => Edit::RemoveTask { task: id(b.u8()) },
    }
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    let Some(p) = build(&mut b) else { return };
    let opts = ScheduleOptions::default();
    let Ok(mut e) = Engine::new(p, opts) else {
        return;
    };
    let mut fresh = 0;
    for _ in 0..32 {
        if b.done() {
            break;
        }
        let proj = e.project().clone();
        if proj.is_empty() {
            break;
        }
        let ed = edit(&mut b, &proj, &mut fresh);
        let before = e.schedule();
        let preview = e.preview(&ed);
        match e.apply(ed.clone()) {
            Ok(diff) => {
                assert_eq!(Ok(diff), preview, "preview and apply disagree on {ed:?}");
                let now = e.project();
                let full = jindu::schedule(now, &opts).expect("the engine accepted this project");
                assert_eq!(
                    json::write_schedule(now, &e.schedule()),
                    json::write_schedule(now, &full),
                    "incremental != full after {ed:?}"
                );
            }
            Err(err) => {
                assert_eq!(Err(err), preview);
                assert_eq!(e.schedule(), before, "a failed edit changed the schedule");
                assert!(*e.project() == proj, "a failed edit changed the project");
            }
        }
    }
});
