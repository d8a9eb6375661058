//! Tracking and what-if on a generated project with progress, baselines and costs: an arbitrary
//! change set (every engine edit, with durations, lags and dates as text, some of them odd,
//! and resource and cost changes) through `whatif`, then alerts, variance, earned value,
//! buffers, the status report and the client view. Nothing panics; each result is the same
//! when computed twice; an error is a typed error.
#![no_main]

use arbitrary::Arbitrary;
use jindu::io::json::doc::ConstraintInput;
use jindu::io::json::{EditInput, TaskInput};
use jindu::track::{
    self, Basis, ChangeInput, ChangeSet, Lang, PeriodKind, ReportOptions, TrackChange, TrackOptions,
};
use jindu::{Baseline, Money, Project, ScheduleOptions, TaskIndex};
use jindu_fuzz::{start, Allow, Plan};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Change {
    SetDuration(u8, u8),
    SetConstraint(u8, u8, u8),
    SetDeadline(u8, Option<u8>),
    Pin(u8, u8, Option<u8>),
    Unpin(u8),
    AddLink(u8, u8, u8, Option<u8>),
    SetLink(u8, u8, u8, Option<u8>),
    RemoveLink(u8, u8),
    AddTask(u8, Option<u8>, Option<u8>),
    RemoveTask(u8),
    Assign(u8, u8, Option<u16>, Option<u8>),
    Unassign(u8, u8),
    SetCost(u8, Option<i32>),
}

#[derive(Arbitrary, Debug)]
struct Input {
    plan: Plan,
    /// Baselines on tasks: (task, number, start and finish offsets in hours, cost).
    baselines: Vec<(u8, u8, i16, u16, Option<u32>)>,
    /// Budgets: (task, cents).
    costs: Vec<(u8, u32, Option<u32>)>,
    changes: Vec<Change>,
    status_hours: Option<u16>,
    baseline: Option<u8>,
    basis: Option<bool>,
    period: u8,
    lang: bool,
}

/// Durations, lags and dates as a change set spells them, odd ones included.
const DURATIONS: [&str; 12] = [
    "0d",
    "1d",
    "3d",
    "2h",
    "90m",
    "1.5d",
    "2w",
    "-1d",
    "3ed",
    "1mo",
    "99999999d",
    "x",
];
const LAGS: [&str; 8] = ["0d", "2d", "-1d", "4h", "50%", "-25%", "2ed", "1e9d"];
const DATES: [&str; 8] = [
    "2026-01-05T08:00",
    "2026-01-07",
    "2026-01-09T17:00",
    "2026-02-02T10:30",
    "2025-12-31",
    "2026-01-10T03:00",
    "9999-12-31",
    "2026-02-30",
];
const TYPES: [&str; 5] = ["FS", "SS", "FF", "SF", "XX"];
const CONSTRAINTS: [&str; 9] = [
    "ASAP", "ALAP", "SNET", "SNLT", "FNET", "FNLT", "MSO", "MFO", "BAD",
];

fn change(p: &Project, c: &Change, fresh: &mut usize) -> ChangeInput {
    let id = |k: &u8| {
        if (*k as usize) < 250 {
            p.tasks()[*k as usize % p.len()].id.to_string()
        } else {
            "nope".to_owned()
        }
    };
    let d = |k: &u8| DURATIONS[*k as usize % DURATIONS.len()].to_owned();
    let date = |k: &u8| DATES[*k as usize % DATES.len()].to_owned();
    let lag = |k: &Option<u8>| k.map(|k| LAGS[k as usize % LAGS.len()].to_owned());
    let kind = |k: &u8| Some(TYPES[*k as usize % TYPES.len()].to_owned());
    let res = |k: &u8| format!("r{}", k % 5);
    ChangeInput::Edit(match c {
        Change::SetDuration(t, x) => EditInput::SetDuration {
            task: id(t),
            duration: d(x),
        },
        Change::SetConstraint(t, k, x) => {
            let kind = CONSTRAINTS[*k as usize % CONSTRAINTS.len()];
            EditInput::SetConstraint {
                task: id(t),
                constraint: ConstraintInput {
                    kind: kind.to_owned(),
                    date: (!matches!(kind, "ASAP" | "ALAP") || x % 7 == 0).then(|| date(x)),
                },
            }
        }
        Change::SetDeadline(t, x) => EditInput::SetDeadline {
            task: id(t),
            deadline: x.as_ref().map(date),
        },
        Change::Pin(t, s, f) => EditInput::Pin {
            task: id(t),
            start: date(s),
            finish: f.as_ref().map(date),
        },
        Change::Unpin(t) => EditInput::Unpin { task: id(t) },
        Change::AddLink(a, b, k, l) => EditInput::AddLink {
            from: id(a),
            to: id(b),
            kind: kind(k),
            lag: lag(l),
        },
        Change::SetLink(a, b, k, l) => EditInput::SetLink {
            from: id(a),
            to: id(b),
            kind: kind(k),
            lag: lag(l),
        },
        Change::RemoveLink(a, b) => EditInput::RemoveLink {
            from: id(a),
            to: id(b),
        },
        Change::AddTask(x, parent, pc) => {
            *fresh += 1;
            EditInput::AddTask {
                task: Box::new(TaskInput {
                    id: format!("N{fresh}"),
                    name: format!("new {fresh}"),
                    duration: Some(d(x)),
                    parent: parent.as_ref().map(id),
                    percent_complete: *pc,
                    ..TaskInput::default()
                }),
            }
        }
        Change::RemoveTask(t) => EditInput::RemoveTask { task: id(t) },
        Change::Assign(t, r, units, work) => {
            return ChangeInput::Track(TrackChange::Assign {
                task: id(t),
                resource: res(r),
                units: units.map(|u| u as u32),
                work: work.as_ref().map(d),
            })
        }
        Change::Unassign(t, r) => {
            return ChangeInput::Track(TrackChange::Unassign {
                task: id(t),
                resource: res(r),
            })
        }
        Change::SetCost(t, c) => {
            return ChangeInput::Track(TrackChange::SetCost {
                task: id(t),
                cost: c.map(|c| (c as i64).into()),
            })
        }
    })
}

fuzz_target!(|input: Input| {
    let Some(mut p) = input.plan.build(Allow::ALL) else {
        return;
    };
    for (t, n, s, f, c) in input.baselines.iter().take(64) {
        let i = TaskIndex::from_raw((*t as usize % p.len()) as u32);
        let mut task = p.task(i).clone();
        let from = start().add_minutes(*s as i64 * 60);
        task.baselines.push(Baseline {
            number: n % 12,
            start: Some(from),
            finish: Some(from.add_minutes(*f as i64 * 60)),
            cost: c.map(|c| Money::from_cents(c as i64)),
            ..Baseline::default()
        });
        p.replace_task(i, task).ok();
    }
    for (t, c, a) in input.costs.iter().take(64) {
        let i = TaskIndex::from_raw((*t as usize % p.len()) as u32);
        let mut task = p.task(i).clone();
        task.cost = Some(Money::from_cents(*c as i64));
        task.actual_cost = a.map(|a| Money::from_cents(a as i64));
        p.replace_task(i, task).ok();
    }
    let mut fresh = 0;
    let changes = ChangeSet {
        changes: input
            .changes
            .iter()
            .take(16)
            .map(|c| change(&p, c, &mut fresh))
            .collect(),
    };
    let opts = ScheduleOptions::default();
    let track = TrackOptions {
        status_date: input
            .status_hours
            .map(|h| start().add_minutes(h as i64 % 4000 * 60)),
        baseline: input.baseline.map(|b| b % 12),
        basis: input
            .basis
            .map(|b| if b { Basis::Cost } else { Basis::Duration }),
        ..TrackOptions::default()
    };
    let report = ReportOptions {
        period: [PeriodKind::Day, PeriodKind::Week, PeriodKind::Month][input.period as usize % 3],
        lang: if input.lang { Lang::ZhCn } else { Lang::En },
        ..ReportOptions::default()
    };
    macro_rules! twice {
        ($e:expr) => {{
            let a = format!("{:?}", $e);
            assert_eq!(
                a,
                format!("{:?}", $e),
                "not deterministic: {}",
                stringify!($e)
            );
        }};
    }
    twice!(track::whatif(&p, &opts, &changes, &track));
    twice!(track::alerts(&p, &opts, &track));
    twice!(track::variance(&p, &opts, &track));
    twice!(track::evm(&p, &opts, &track));
    twice!(track::buffers(&p, &opts, &track));
    twice!(track::report(&p, &opts, &track, &report));
    twice!(track::client_view(&p, &opts, &track, &report));
});
