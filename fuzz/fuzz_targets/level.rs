//! Levelling a generated project, or a portfolio of two sharing resources by id, with a tiny
//! budget (at most 20 schedule-generation passes). In the levelled schedules no resource works
//! above its capacity — counted here by a sweep over the assignments, independently of the
//! loading — except where `unresolved` reports it; levelling twice gives the same result; an
//! error is a typed error, never a panic.
#![no_main]

use arbitrary::Arbitrary;
use jindu::level::{level, LevelOptions, Levelled};
use jindu::{Calendar, Project, Schedule};
use jindu_fuzz::{Allow, Plan};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Input {
    first: Plan,
    second: Option<Plan>,
    period: u8,
    passes: u8,
    seed: u8,
    within_float: bool,
}

/// Calendars stay standard (so that a sweep in wall-clock time sees the loading's working
/// minutes), units without work (so that an assignment's rate is its units), no progress.
const ALLOW: Allow = Allow {
    progress: false,
    resources: true,
    pins: true,
    elapsed: false,
    calendars: false,
    work: false,
};

/// Every interval where the leaf tasks assigned to a resource need more than its max units
/// (of the first project defining it) in working time: (resource, from, to, units, max).
fn overloads(
    projects: &[&Project],
    schedules: &[&Schedule],
) -> Vec<(String, jindu::DateTime, jindu::DateTime, u32, u32)> {
    let cal = Calendar::standard()
        .compile_standalone()
        .expect("the standard calendar compiles");
    let mut ids: Vec<String> = Vec::new();
    let mut caps: Vec<u32> = Vec::new();
    for p in projects {
        for r in p.resources() {
            if !ids.iter().any(|i| i == r.id.as_str()) {
                ids.push(r.id.to_string());
                caps.push(r.max_units);
            }
        }
    }
    let mut out = Vec::new();
    for (k, id) in ids.iter().enumerate() {
        let mut ev: Vec<(jindu::DateTime, i64)> = Vec::new();
        for (p, s) in projects.iter().zip(schedules) {
            for a in p.assignments() {
                if p.resources()[a.resource.index()].id.as_str() != id || p.is_summary(a.task) {
                    continue;
                }
                let t = s.task(a.task);
                if t.finish > t.start && a.units > 0 {
                    ev.push((t.start, a.units as i64));
                    ev.push((t.finish, -(a.units as i64)));
                }
            }
        }
        ev.sort();
        let mut sum = 0;
        for w in 0..ev.len() {
            sum += ev[w].1;
            if w + 1 < ev.len() {
                let (a, b) = (ev[w].0, ev[w + 1].0);
                if sum > caps[k] as i64 && cal.work_between(a, b) > 0 {
                    out.push((id.clone(), a, b, sum as u32, caps[k]));
                }
            }
        }
    }
    out
}

fuzz_target!(|input: Input| {
    let Some(a) = input.first.build(ALLOW) else {
        return;
    };
    let b = input.second.as_ref().and_then(|p| p.build(ALLOW));
    let mut projects = vec![&a];
    projects.extend(b.as_ref());
    let options = LevelOptions {
        period_minutes: [1, 15, 60, 480, 7][input.period as usize % 5],
        schedules: 1 + input.passes as u64 % 20,
        seed: input.seed as u64,
        within_float: input.within_float,
        ..LevelOptions::default()
    };
    let l: Levelled = match level(&projects, &options) {
        Ok(l) => l,
        Err(e) => {
            assert!(!e.to_string().is_empty(), "an error without a message");
            assert_eq!(
                level(&projects, &options).unwrap_err(),
                e,
                "not deterministic"
            );
            return;
        }
    };
    assert_eq!(
        level(&projects, &options).as_ref(),
        Ok(&l),
        "not deterministic"
    );
    let schedules: Vec<&Schedule> = l.projects.iter().map(|p| &p.schedule).collect();
    for (r, from, to, units, max) in overloads(&projects, &schedules) {
        assert!(
            l.unresolved
                .iter()
                .any(|u| u.resource == r && u.start.0 < to && from < u.finish.0),
            "{r} works {units}% (max {max}%) from {from} to {to}, not reported: {:?}",
            l.unresolved
        );
    }
});
