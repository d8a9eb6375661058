//! A compiled network re-runs without allocating: after a workspace's first run, runs with
//! other durations and delays touch no allocator (counted by a global counting allocator, per
//! thread, so tests running beside this one do not disturb the count).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use jindu::schedule::{Network, Outputs, Scenario};
use jindu::{
    Calendar, Constraint, DateTime, Duration, Lag, Link, LinkType, Project, ScheduleOptions, Task,
    TaskIndex, WorkingTime,
};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded to the system allocator unchanged; the counter is a
// thread-local `Cell` with a const initialiser, which never allocates.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        // SAFETY: the caller's contract for `alloc` is passed on as is.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout` (every allocation goes there).
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|c| c.set(c.get() + 1));
        // SAFETY: as for `alloc` and `dealloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations() -> usize {
    ALLOCATIONS.with(|c| c.get())
}

fn dt(s: &str) -> DateTime {
    s.parse().unwrap()
}

/// A project with every kind of node the passes know: summaries (gates), milestones, elapsed
/// durations, a second calendar, lags of every kind, constraints, a deadline, a pinned task.
fn project(alap: bool) -> Project {
    let mut p = Project::new("alloc", dt("2026-01-05T08:00"));
    let mut night = Calendar::new("night");
    for d in 0..5 {
        night.week[d] = Some(vec![WorkingTime::hours(18, 24).unwrap()]);
    }
    for d in 5..7 {
        night.week[d] = Some(Vec::new());
    }
    p.add_calendar(night).unwrap();
    let mut prev: Option<TaskIndex> = None;
    for phase in 0..12 {
        let s = p.add_task(Task::new(format!("S{phase}"), "phase")).unwrap();
        for k in 0..8 {
            let mut t = Task::new(format!("T{phase}-{k}"), "work")
                .with_duration(Duration::hours(4 + (k * 3 + phase) as i64 % 20))
                .with_parent(s);
            if k == 3 {
                t.duration = Duration::elapsed_days(2);
            }
            if k == 5 {
                t = t.milestone();
            }
            if k == 6 {
                t.calendar = Some("night".into());
            }
            if k == 2 && phase % 3 == 0 {
                t.constraint = Constraint::StartNoEarlierThan(dt("2026-01-12T08:00"));
            }
            if k == 7 && alap {
                t.constraint = Constraint::AsLateAsPossible;
            }
            if k == 4 {
                t.deadline = Some(dt("2026-03-02T17:00"));
            }
            let i = p.add_task(t).unwrap();
            if let Some(q) = prev {
                let kind = [
                    LinkType::FinishToStart,
                    LinkType::StartToStart,
                    LinkType::FinishToFinish,
                    LinkType::StartToFinish,
                ][(k + phase) % 4];
                let lag = match k % 3 {
                    0 => Lag::ZERO,
                    1 => Lag::Time(Duration::hours(3)),
                    _ => Lag::Percent(2500),
                };
                if p.task(q).parent == Some(s) || kind == LinkType::FinishToStart {
                    p.add_link(Link::new(q, i, kind).with_lag(lag)).unwrap();
                }
            }
            prev = Some(i);
        }
        if phase > 0 {
            let before = p.index_of(&format!("S{}", phase - 1)).unwrap();
            p.add_link(Link::finish_to_start(before, s)).unwrap();
        }
    }
    p
}

fn assert_reruns_do_not_allocate(p: &Project, outputs: Outputs) {
    let net = Network::compile(p, &ScheduleOptions::default()).unwrap();
    let mut ws = net.workspace();
    let base: Vec<Duration> = p
        .tasks()
        .iter()
        .map(|t| {
            if p.is_summary(p.index_of(t.id.as_str()).unwrap()) {
                Duration::ZERO
            } else {
                t.duration
            }
        })
        .collect();
    let mut durations = base.clone();
    let mut delays: Vec<Option<DateTime>> = vec![None; p.len()];
    let first = net
        .run(
            &mut ws,
            &Scenario {
                durations: Some(&durations),
                delays: Some(&delays),
                outputs,
            },
        )
        .unwrap()
        .project_finish();
    let mut finishes = Vec::with_capacity(64);
    let before = allocations();
    for round in 0..50i64 {
        for (k, d) in durations.iter_mut().enumerate() {
            let b = base[k];
            *d = if b.is_elapsed() {
                Duration::elapsed_minutes(b.minutes() + (round * 37 + k as i64) % 300)
            } else if b.is_zero() {
                b
            } else {
                Duration::minutes_work(b.minutes() + (round * 53 + k as i64 * 7) % 900)
            };
        }
        for (k, d) in delays.iter_mut().enumerate() {
            *d = ((k as i64 + round) % 7 == 0)
                .then(|| DateTime::from_minutes(dt("2026-01-06T08:00").minutes() + round * 60))
                .flatten();
        }
        let run = net
            .run(
                &mut ws,
                &Scenario {
                    durations: Some(&durations),
                    delays: Some(&delays),
                    outputs,
                },
            )
            .unwrap();
        finishes.push(run.project_finish());
        if outputs >= Outputs::Float {
            // Reading results allocates nothing either.
            let i = TaskIndex::from_raw(3);
            std::hint::black_box((run.total_float(i), run.is_critical(i), run.late(i)));
        }
    }
    let after = allocations();
    assert_eq!(
        after - before,
        0,
        "{outputs:?}: allocations during 50 re-runs"
    );
    // The runs did real work: the longer durations moved the finish.
    assert!(finishes.iter().any(|&f| f > first), "{first} {finishes:?}");
}

#[test]
fn reruns_with_new_durations_and_delays_do_not_allocate() {
    // The counter sees allocations made on this thread.
    let a = allocations();
    std::hint::black_box(vec![1u8; 10]);
    assert_eq!(allocations(), a + 1);
    for alap in [false, true] {
        let p = project(alap);
        for outputs in [Outputs::Dates, Outputs::Float, Outputs::Full] {
            assert_reruns_do_not_allocate(&p, outputs);
        }
    }
    let mut p = project(false);
    p.set_schedule_from(jindu::ScheduleFrom::Finish(dt("2026-06-30T17:00")));
    // Scheduled from the finish the runs move the start, not the finish; check no allocation.
    let net = Network::compile(&p, &ScheduleOptions::default()).unwrap();
    let mut ws = net.workspace();
    net.run(&mut ws, &Scenario::default()).unwrap();
    let before = allocations();
    for _ in 0..10 {
        std::hint::black_box(
            net.run(&mut ws, &Scenario::default())
                .unwrap()
                .project_start(),
        );
    }
    assert_eq!(allocations() - before, 0);
}

#[test]
fn a_full_run_matches_schedule_and_scenarios_match_edited_projects() {
    let p = project(true);
    let opts = ScheduleOptions::default();
    let net = Network::compile(&p, &opts).unwrap();
    let mut ws = net.workspace();
    let s = net
        .run(&mut ws, &Scenario::default())
        .unwrap()
        .schedule()
        .unwrap();
    assert_eq!(s, jindu::schedule(&p, &opts).unwrap());
    // Replacing durations in a run is the same as scheduling the project with those durations.
    let mut edited = p.clone();
    let mut durations = Vec::new();
    for k in 0..p.len() {
        let i = TaskIndex::from_raw(k as u32);
        let mut t = p.task(i).clone();
        if !p.is_summary(i) && !t.duration.is_zero() {
            t.duration = if t.duration.is_elapsed() {
                Duration::elapsed_minutes(t.duration.minutes() * 2)
            } else {
                Duration::minutes_work(t.duration.minutes() + 240)
            };
        }
        durations.push(t.duration);
        edited.replace_task(i, t).unwrap();
    }
    let run = net
        .run(
            &mut ws,
            &Scenario {
                durations: Some(&durations),
                ..Scenario::default()
            },
        )
        .unwrap();
    assert_eq!(
        run.schedule().unwrap(),
        jindu::schedule(&edited, &opts).unwrap()
    );
}
