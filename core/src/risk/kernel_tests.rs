//! The Monte Carlo kernel against the general path: random plain networks simulated both ways
//! must give identical reports.

use super::*;
use crate::model::{Lag, LinkType};
use crate::schedule::{Criticality, FloatBasis, ScheduleOptions};
use crate::{Duration, Link, Project, Task};
use proptest::prelude::*;

/// One random plain network: per task (listed in a shuffled order) a duration and an estimate
/// shape, links from earlier to later tasks of the dependency order with any type and lag.
#[derive(Debug, Clone)]
struct Case {
    /// Per task: duration (minutes), estimate kind 0–4, optimistic and pessimistic offsets.
    tasks: Vec<(i64, u8, i64, i64)>,
    /// (from, to, type 0–3, lag minutes), from < to in dependency order.
    links: Vec<(usize, usize, u8, i64)>,
    /// Listing position of each task in dependency order.
    perm: Vec<usize>,
    threshold: i64,
    basis: u8,
    risk: Option<(f64, usize, i64)>,
    correlated: bool,
    target_days: Option<i64>,
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..24)
        .prop_flat_map(|n| {
            (
                prop::collection::vec((1i64..4000, 0u8..5, 0i64..3000, 0i64..5000), n),
                prop::collection::vec((0..n, 0..n, 0u8..4, -900i64..1500), 0..3 * n),
                Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
                prop_oneof![Just(0i64), 0i64..600],
                0u8..3,
                prop::option::of((0.05f64..0.95, 0..n, 1i64..3000)),
                any::<bool>(),
                prop::option::of(1i64..40),
            )
        })
        .prop_map(
            |(tasks, raw, perm, threshold, basis, risk, correlated, target_days)| {
                let links = raw
                    .into_iter()
                    .filter(|&(a, b, _, _)| a != b)
                    .map(|(a, b, t, lag)| {
                        // Often no lag (a start-to-finish link without lag has a date rule).
                        let lag = if lag % 3 == 0 { 0 } else { lag };
                        ((a.min(b), a.max(b)), (t, lag))
                    })
                    .collect::<std::collections::BTreeMap<_, _>>()
                    .into_iter()
                    .map(|((a, b), (t, lag))| (a, b, t, lag))
                    .collect();
                Case {
                    tasks,
                    links,
                    perm,
                    threshold,
                    basis,
                    risk,
                    correlated,
                    target_days,
                }
            },
        )
}

fn build(c: &Case) -> (Project, RiskOptions) {
    let w = Duration::minutes_work;
    let mut p = Project::new("K", "2026-01-05T08:00".parse().expect("a date"));
    let n = c.tasks.len();
    // Task in dependency order k is listed at position perm[k].
    let mut listed = vec![0usize; n];
    for (k, &pos) in c.perm.iter().enumerate() {
        listed[pos] = k;
    }
    let mut index = vec![crate::id::TaskIndex::from_raw(0); n];
    for &k in &listed {
        let (d, _, _, _) = c.tasks[k];
        index[k] = p
            .add_task(Task::new(format!("T{k}"), format!("Task {k}")).with_duration(w(d)))
            .expect("a new id");
    }
    for &(a, b, t, lag) in &c.links {
        let kind = [
            LinkType::FinishToStart,
            LinkType::StartToStart,
            LinkType::FinishToFinish,
            LinkType::StartToFinish,
        ][t as usize];
        p.add_link(Link::new(index[a], index[b], kind).with_lag(Lag::Time(w(lag))))
            .expect("a new link");
    }
    let mut risk = RiskModel::default();
    for (k, &(d, shape, lo, hi)) in c.tasks.iter().enumerate() {
        // Optimistic down to zero (an iteration with a zero duration takes the general path).
        let (o, pe) = ((d - lo).max(0), d + hi + 1);
        let e = match shape {
            0 => Estimate::Triangular {
                optimistic: w(o),
                likely: w(d),
                pessimistic: w(pe),
            },
            1 => Estimate::Uniform {
                optimistic: w(o),
                pessimistic: w(pe),
            },
            2 => Estimate::Pert {
                optimistic: w(o),
                likely: w(d),
                pessimistic: w(pe),
            },
            3 => Estimate::Discrete(vec![(w(o), 1), (w(d), 2), (w(pe), 1)]),
            _ => continue,
        };
        risk.estimates.insert(format!("T{k}").into(), e);
    }
    if c.correlated {
        let ids: Vec<_> = (0..n)
            .filter(|&k| c.tasks[k].1 <= 2)
            .take(3)
            .map(|k| format!("T{k}").into())
            .collect();
        if ids.len() >= 2 {
            risk.correlations.push(Correlation {
                tasks: ids,
                coefficient: 0.6,
            });
        }
    }
    if let Some((prob, t, delay)) = c.risk {
        risk.risks.push(RiskEvent {
            id: "R1".into(),
            name: "Late supplier".into(),
            probability: prob,
            impacts: vec![Impact {
                task: format!("T{t}").into(),
                delay: Estimate::Uniform {
                    optimistic: w(0),
                    pessimistic: w(delay),
                },
            }],
            ..RiskEvent::default()
        });
    }
    p.set_risk(risk).expect("a valid risk model");
    let schedule = ScheduleOptions::default()
        .critical(Criticality::TotalFloat(w(c.threshold)))
        .float_basis(
            [FloatBasis::Smaller, FloatBasis::Start, FloatBasis::Finish][c.basis as usize],
        );
    let target = c.target_days.map(|d| {
        crate::Calendar::standard()
            .compile_standalone()
            .expect("the standard calendar")
            .add_work("2026-01-05T08:00".parse().expect("a date"), d * 480)
            .expect("a finish")
    });
    let opts = RiskOptions {
        iterations: 700,
        seed: 11,
        threads: 1,
        target,
        schedule,
        ..RiskOptions::default()
    };
    (p, opts)
}

fn both(p: &Project, o: &RiskOptions) -> (RiskReport, RiskReport) {
    let mut fast = Simulation::new(p, o).expect("compiles");
    assert!(fast.uses_kernel(), "a plain network takes the kernel");
    fast.advance(o.iterations, Control::default())
        .expect("runs");
    let mut slow = Simulation::new(p, o).expect("compiles");
    slow.use_general_path();
    slow.advance(o.iterations, Control::default())
        .expect("runs");
    (
        fast.report().expect("a report"),
        slow.report().expect("a report"),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_kernel_reports_what_the_general_path_reports(c in case()) {
        let (p, o) = build(&c);
        let (fast, slow) = both(&p, &o);
        prop_assert_eq!(fast, slow);
    }
}

#[test]
fn a_hand_network_gives_the_same_report_both_ways() {
    // A (2d) → B (3d) FS, A → C SS +1d, C → B FF; C uniform from 240 to 4,800 minutes.
    let w = Duration::minutes_work;
    let mut p = Project::new("H", "2026-01-05T08:00".parse().expect("a date"));
    let a = p
        .add_task(Task::new("A", "A").with_duration(w(960)))
        .expect("new");
    let b = p
        .add_task(Task::new("B", "B").with_duration(w(1440)))
        .expect("new");
    let c = p
        .add_task(Task::new("C", "C").with_duration(w(480)))
        .expect("new");
    p.add_link(Link::finish_to_start(a, b)).expect("new");
    p.add_link(Link::new(a, c, LinkType::StartToStart).with_lag(Lag::Time(w(480))))
        .expect("new");
    p.add_link(Link::new(c, b, LinkType::FinishToFinish))
        .expect("new");
    let mut risk = RiskModel::default();
    risk.estimates.insert(
        "C".into(),
        Estimate::Uniform {
            optimistic: w(240),
            pessimistic: w(4800),
        },
    );
    p.set_risk(risk).expect("valid");
    let o = RiskOptions {
        iterations: 1000,
        seed: 3,
        threads: 1,
        ..RiskOptions::default()
    };
    let (fast, slow) = both(&p, &o);
    assert_eq!(fast, slow);
    // C finishes at 480 + C, B at max(960 + 1,440, 480 + C): B always finishes last, and C is
    // critical when 480 + C ≥ 2,400, i.e. C ≥ 1,920: P = (4,800 − 1,920)/(4,800 − 240) =
    // 0.632. A is critical either way: through B when C is short, through C's start (SS +1d
    // from A's start) when C drives.
    let ci = |id: &str| fast.task(id).expect("a task").criticality_index;
    assert!((ci("C") - 0.632).abs() < 0.04, "{}", ci("C"));
    assert_eq!((ci("A"), ci("B")), (1.0, 1.0));
}

#[test]
fn networks_the_kernel_cannot_take_keep_the_general_path() {
    let w = Duration::minutes_work;
    let mut p = Project::new("G", "2026-01-05T08:00".parse().expect("a date"));
    let a = p
        .add_task(Task::new("A", "A").with_duration(w(960)))
        .expect("new");
    let m = p.add_task(Task::new("M", "M").milestone()).expect("new");
    p.add_link(Link::finish_to_start(a, m)).expect("new");
    let o = RiskOptions {
        iterations: 10,
        threads: 1,
        ..RiskOptions::default()
    };
    // A milestone is reported with its own finish distribution: the general path.
    assert!(!Simulation::new(&p, &o).expect("compiles").uses_kernel());
    let mut r = Project::new("P", "2026-01-05T08:00".parse().expect("a date"));
    let a = r
        .add_task(Task::new("A", "A").with_duration(w(960)))
        .expect("new");
    let b = r
        .add_task(Task::new("B", "B").with_duration(w(960)))
        .expect("new");
    r.add_link(Link::finish_to_start(a, b).with_lag(Lag::Percent(5000)))
        .expect("new");
    // A percentage lag needs the calendar.
    assert!(!Simulation::new(&r, &o).expect("compiles").uses_kernel());
}

#[test]
fn an_iteration_the_general_path_refuses_fails_the_same_way() {
    // Durations up to 2⁴¹ minutes: beyond what a run takes (2⁴⁰) and the calendar's years.
    let w = Duration::minutes_work;
    let mut p = Project::new("X", "2026-01-05T08:00".parse().expect("a date"));
    let a = p
        .add_task(Task::new("A", "A").with_duration(w(960)))
        .expect("new");
    let b = p
        .add_task(Task::new("B", "B").with_duration(w(960)))
        .expect("new");
    p.add_link(Link::finish_to_start(a, b)).expect("new");
    let mut risk = RiskModel::default();
    risk.estimates.insert(
        "B".into(),
        Estimate::Uniform {
            optimistic: w(480),
            pessimistic: w(1 << 40),
        },
    );
    // A risk that adds up to 2⁴⁰ more.
    risk.risks.push(RiskEvent {
        id: "R".into(),
        probability: 0.9,
        impacts: vec![Impact {
            task: "B".into(),
            delay: Estimate::Uniform {
                optimistic: w(0),
                pessimistic: w(1 << 40),
            },
        }],
        ..RiskEvent::default()
    });
    p.set_risk(risk).expect("valid");
    let o = RiskOptions {
        iterations: 300,
        threads: 1,
        ..RiskOptions::default()
    };
    let mut fast = Simulation::new(&p, &o).expect("compiles");
    assert!(fast.uses_kernel());
    let mut slow = Simulation::new(&p, &o).expect("compiles");
    slow.use_general_path();
    let (f, s) = (
        fast.advance(300, Control::default()),
        slow.advance(300, Control::default()),
    );
    assert!(f.is_err(), "{f:?}");
    assert_eq!(format!("{f:?}"), format!("{s:?}"));
}

/// The same plan three ways: sampled into the kernel's lanes, row by row into the kernel, and
/// on the general path.
fn three(p: &Project, o: &RiskOptions) -> [(RiskReport, u64); 3] {
    let run = |how: u8| {
        let mut s = Simulation::new(p, o).expect("compiles");
        assert!(
            s.uses_lanes(),
            "independent triangular tasks on a plain network"
        );
        match how {
            1 => s.use_row_path(),
            2 => s.use_general_path(),
            _ => {}
        }
        s.advance(o.iterations, Control::default()).expect("runs");
        (s.report().expect("a report"), s.general_rows())
    };
    [run(0), run(1), run(2)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn the_lane_path_reports_what_the_row_path_reports(c in case()) {
        // Only triangular estimates or none (task 0 triangular), no risk, no correlation:
        // the plans the lane path takes. Optimistic durations reach zero, so some iterations
        // have a zero duration and fall back to the general path.
        let mut c = c;
        for t in &mut c.tasks {
            t.1 = if t.1 % 2 == 0 { 0 } else { 4 };
        }
        c.tasks[0].1 = 0;
        (c.risk, c.correlated) = (None, false);
        let (p, o) = build(&c);
        let [lanes, rows, general] = three(&p, &o);
        prop_assert_eq!(&lanes, &rows);
        prop_assert_eq!(&lanes.0, &general.0);
        prop_assert_eq!(general.1, o.iterations);
    }
}

#[test]
fn the_lane_path_takes_zero_durations_to_the_general_path() {
    // A (1d) → B, B triangular 0 / 0 / 10 minutes, then C (1d). B's sample is
    // trunc(10 − √((1 − u)·100) + 0.5), 0 when √(1 − u) > 0.95, i.e. u < 0.0975: about 10 %
    // of the 1,000 iterations (none with probability 0.9025¹⁰⁰⁰ ≈ 10⁻⁴⁵) run on the general
    // path, where B is a milestone. Six tasks, so the last Philox block is part empty.
    let w = Duration::minutes_work;
    let mut p = Project::new("Z", "2026-01-05T08:00".parse().expect("a date"));
    let ids = ["A", "B", "C", "D", "E", "F"];
    let mut idx = Vec::new();
    for id in ids {
        idx.push(
            p.add_task(Task::new(id, id).with_duration(w(480)))
                .expect("new"),
        );
    }
    for k in 1..idx.len() {
        p.add_link(Link::finish_to_start(idx[k - 1], idx[k]))
            .expect("new");
    }
    let mut risk = RiskModel::default();
    risk.estimates.insert(
        "B".into(),
        Estimate::Triangular {
            optimistic: w(0),
            likely: w(0),
            pessimistic: w(10),
        },
    );
    risk.estimates.insert(
        "F".into(),
        Estimate::Triangular {
            optimistic: w(300),
            likely: w(480),
            pessimistic: w(900),
        },
    );
    p.set_risk(risk).expect("valid");
    let o = RiskOptions {
        iterations: 1000,
        seed: 4,
        threads: 1,
        ..RiskOptions::default()
    };
    let [(lanes, on_general), rows, general] = three(&p, &o);
    assert_eq!((&lanes, on_general), (&rows.0, rows.1));
    assert_eq!(lanes, general.0);
    // Binomial(1,000, 0.0975): mean 97.5, sd 9.4; ±4 sd.
    assert!((60..=135).contains(&on_general), "{on_general}");
    // A chain: every task is critical in every iteration; the finish is 4 × 480 + B + F
    // minutes, B's mean (0 + 0 + 10)/3 and F's (300 + 480 + 900)/3 = 560: 2,483.3 minutes,
    // 5.17 working days (sd about 125 minutes, so the mean of 1,000 is within ±0.03 days).
    assert!(lanes.tasks.iter().all(|t| t.criticality_index == 1.0));
    let mean = (4.0 * 480.0 + 10.0 / 3.0 + 560.0) / 480.0;
    assert!(
        (lanes.finish.mean_working_days - mean).abs() < 0.03,
        "{}",
        lanes.finish.mean_working_days
    );
}
