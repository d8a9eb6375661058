//! The search's operators on small instances: justification, the peak crossover and the
//! restarts; and, as properties over random problems of every precedence kind, that every
//! schedule the solver returns is feasible and never beats the lower bound.

use proptest::prelude::*;

use super::*;
use crate::level::rcpsp::rng::Rng;
use crate::level::rcpsp::{self, Activity, LinkType, Precedence, Problem, Resource};

/// A search over `inst` with a budget of `schedules`, and its first member as `run` makes
/// it: the LFT schedule, justified.
fn search(inst: &Instance, schedules: u64) -> Search<'_, 'static> {
    Search {
        inst,
        prof: Profile::new(inst),
        sc: Scratch::default(),
        rng: Rng::new(5),
        meter: Meter {
            used: 0,
            budget: Budget::Schedules(schedules),
            clock: None,
            began: 0,
            cancel: None,
            progress: None,
            stop: None,
            best: i64::MAX,
            lower_bound: inst.lower_bound,
        },
        best: vec![0; inst.n],
        best_makespan: i64::MAX,
        lft: keys(inst, PriorityRule::Lft),
        starts: vec![0; inst.n],
        other: vec![0; inst.n],
        list: Vec::new(),
        restarts: 0,
    }
}

/// Whether `list` holds every activity once, each after all its predecessors.
fn topological(inst: &Instance, list: &[u32]) -> bool {
    let mut at = vec![usize::MAX; inst.n];
    for (k, &j) in list.iter().enumerate() {
        if at[j as usize] != usize::MAX {
            return false;
        }
        at[j as usize] = k;
    }
    list.len() == inst.n
        && (0..inst.n).all(|j| inst.preds(j).iter().all(|a| at[a.node as usize] < at[j]))
}

/// One crew of 2. A (3 periods, 2 units) and B (3 periods, 1 unit) start the project; C
/// (3 periods, 1 unit) follows B; D (2 periods, 1 unit) is free.
fn crew() -> Problem {
    Problem {
        activities: vec![
            Activity::new(3).with_demand(0, 2), // 0: A
            Activity::new(3).with_demand(0, 1), // 1: B
            Activity::new(3).with_demand(0, 1), // 2: C
            Activity::new(2).with_demand(0, 1), // 3: D
        ],
        precedences: vec![Precedence::finish_to_start(1, 2)],
        resources: vec![Resource::new(2)],
    }
}

#[test]
fn justification_keeps_a_schedule_it_cannot_shorten() {
    // The list B, C, D, A decodes to B 0-3, C 3-6, D 0-2 (beside B), and A, needing both
    // units, after C at 6-9: makespan 9, the optimum (A needs the crew alone for 3 periods
    // and B-C takes 6). Right-justified in finish order (A, C, B, D) ending at 9 it is A 6-9,
    // C 3-6, B 0-3, D 4-6 (beside C); forward again in that start order (B, C, D, A) gives
    // back B 0-3, C 3-6, D 0-2, A 6-9. Not shorter, so justification stops there.
    let inst = Instance::compile(&crew()).unwrap();
    let mut s = search(&inst, 100);
    let mut starts = vec![0; 4];
    let mut makespan = sgs::forward(&inst, &mut s.prof, &[1, 2, 3, 0], &mut starts);
    assert_eq!((starts.clone(), makespan), (vec![6, 0, 3, 0], 9));
    s.justify(&mut starts, &mut makespan);
    assert_eq!((starts, makespan), (vec![6, 0, 3, 0], 9));
    // Two passes: backward, forward; the forward pass was not shorter, so it stopped.
    assert_eq!(s.meter.used, 2);
}

#[test]
fn justification_removes_a_gap() {
    // The list D, A, B, C: D 0-2 (1 unit), A needs 2 so waits for D: 2-5; B 0-3? B needs 1
    // and D uses 1 of 2 in 0-2, then A uses both in 2-5, so B goes to 5-8 and C to 8-11:
    // makespan 11. Backward by finish (C, B, A, D) ending at 11: C 8-11, B 5-8, A 2-5,
    // D 9-11 (beside C); forward by those starts (A, B, C, D): A 0-3, B 3-6, C 6-9, D 3-5
    // (beside B): makespan 9, the optimum.
    let inst = Instance::compile(&crew()).unwrap();
    let mut s = search(&inst, 100);
    let mut starts = vec![0; 4];
    let mut makespan = sgs::forward(&inst, &mut s.prof, &[3, 0, 1, 2], &mut starts);
    assert_eq!((starts.clone(), makespan), (vec![2, 5, 8, 0], 11));
    s.justify(&mut starts, &mut makespan);
    assert_eq!((starts, makespan), (vec![0, 3, 6, 3], 9));
    assert_eq!(s.best_makespan, 9);
    // Two rounds of two passes: the second (C 6-9, B 3-6, D 7-9, A 0-3 backward; the same
    // forward) is not shorter.
    assert_eq!(s.meter.used, 4);
}

/// A member of `crew` for the schedule `starts`.
fn member(s: &mut Search<'_, '_>, starts: Vec<i64>) -> Member {
    let inst = s.inst;
    let makespan = (0..inst.n).map(|j| starts[j] + inst.dur[j]).max().unwrap();
    let mut list = Vec::new();
    sgs::order_by(inst, |j| starts[j], false, &mut list, &mut s.sc);
    Member {
        hash: hash(&starts),
        list,
        starts,
        makespan,
    }
}

#[test]
fn the_peak_crossover_keeps_the_fathers_busiest_stretch() {
    // Six independent activities of 2 periods on a crew of 2 (activities 0-3 need 1 unit,
    // 4 and 5 need 2). Father: 0 and 1 at 0-2, 2 and 3 at 2-4, 4 at 4-6, 5 at 6-8: the crew
    // is full all the time, every stretch of a length is as busy, and the first, from
    // period 0, is taken. Its length is 2 to 6 periods (a quarter to three quarters of 8),
    // so the peak holds {0, 1} (2 periods), {0, 1, 2, 3} (3 or 4) or {0, ..., 4} (5 or 6).
    // Nothing starts before it; after the father's order of the peak (by index, as they
    // start) comes the mother's order of the rest: mother 5, 4, 2, 3, 0, 1.
    let p = Problem {
        activities: (0..6)
            .map(|k| Activity::new(2).with_demand(0, if k >= 4 { 2 } else { 1 }))
            .collect(),
        resources: vec![Resource::new(2)],
        ..Problem::default()
    };
    let inst = Instance::compile(&p).unwrap();
    let mut s = search(&inst, 100);
    let father = member(&mut s, vec![0, 0, 2, 2, 4, 6]);
    let mother = member(&mut s, vec![10, 10, 8, 8, 2, 0]);
    assert_eq!(father.list, [0, 1, 2, 3, 4, 5]);
    assert_eq!(mother.list, [5, 4, 2, 3, 0, 1]);
    let expected = [[0, 1, 5, 4, 2, 3], [0, 1, 2, 3, 5, 4], [0, 1, 2, 3, 4, 5]];
    let mut seen = [false; 3];
    for _ in 0..30 {
        let mut child = Vec::new();
        s.peak(&mother, &father, &mut child);
        assert!(topological(&inst, &child), "{child:?}");
        let k = expected.iter().position(|e| e[..] == child[..]);
        assert!(k.is_some(), "{child:?}");
        seen[k.unwrap()] = true;
    }
    assert_eq!(seen, [true; 3]);
}

#[test]
fn the_peak_crossover_puts_first_what_starts_before_the_peak() {
    // Crew of 2. Activity 0 (4 periods) and 1-4 (2 periods), 1 unit each. Father: 0 at
    // 0-4 alone (utilisation 1), 1 and 2 at 4-6, 3 and 4 at 6-8 (utilisation 2). A peak of
    // 2-4 periods is found at 4 (the first of the windows inside 4-8), one of 5 at 3 (sum
    // 1 + 4 × 2 = 9 against 8 from 2 and 7 from 1), one of 6 at 2 (2 × 1 + 4 × 2 = 10):
    // always after 0 starts and holding 1 and 2, so 0 leads, though the mother (1, 2, 3, 4,
    // 0) has it last, and the rest follows in the father's and the mother's common order.
    let p = Problem {
        activities: (0..5)
            .map(|k| Activity::new(if k == 0 { 4 } else { 2 }).with_demand(0, 1))
            .collect(),
        resources: vec![Resource::new(2)],
        ..Problem::default()
    };
    let inst = Instance::compile(&p).unwrap();
    let mut s = search(&inst, 100);
    let father = member(&mut s, vec![0, 4, 4, 6, 6]);
    let mother = member(&mut s, vec![9, 0, 0, 2, 2]);
    assert_eq!(mother.list, [1, 2, 3, 4, 0]);
    for _ in 0..20 {
        let mut child = Vec::new();
        s.peak(&mother, &father, &mut child);
        assert_eq!(child, [0, 1, 2, 3, 4]);
    }
}

#[test]
fn a_stale_population_is_sampled_afresh() {
    // crew() has a lower bound of 7 (14 units of work on a crew of 2; the path B-C is 6)
    // and an optimum of 9, so the search runs its whole budget without improving once it
    // has 9. It restarts after STALE_PER_ACTIVITY * 4 = 20 children without a new best. A
    // child costs at most 13 schedules (one forward pass and at most 6 rounds of two, as a
    // round only repeats when it shortens a schedule of at most 14 periods, the durations'
    // sum, towards 9), and a sampled member one more (its first pass): a whole cycle, 21
    // children and 39 samples, costs at most 21 × 13 + 39 × 14 = 819 schedules, so 5,000
    // allow at least 5 restarts.
    let inst = Instance::compile(&crew()).unwrap();
    assert_eq!(inst.lower_bound, 7);
    let o = rcpsp::Options::default();
    let mut s = search(&inst, 5000);
    let first = s.sample(false).unwrap();
    s.genetic(first);
    assert_eq!(s.best_makespan, 9);
    assert_eq!(s.meter.used, 5000);
    assert!(s.restarts >= 5, "{}", s.restarts);
    // And solve itself agrees.
    assert_eq!(rcpsp::solve(&crew(), &o).unwrap().makespan, 9);
}

fn kind(k: u8) -> LinkType {
    match k % 4 {
        0 => LinkType::FinishToStart,
        1 => LinkType::StartToStart,
        2 => LinkType::FinishToFinish,
        _ => LinkType::StartToFinish,
    }
}

/// Random problems: up to 10 activities (durations 0-5, releases 0-4, demands up to 3),
/// precedences of every kind from a lower to a higher index with lags of -2 to 3, and up
/// to 2 resources of 3-5 units with an optional holiday (capacity 0 for 2 periods).
fn problems() -> impl Strategy<Value = Problem> {
    (
        prop::collection::vec((0i64..6, 0i64..5, 0u32..4, 0u32..4), 1..10),
        prop::collection::vec((0usize..10, 0usize..10, 0u8..4, -2i64..4), 0..14),
        prop::collection::vec((3u32..6, prop::option::of(1i64..8)), 1..3),
    )
        .prop_map(|(acts, precs, res)| {
            let n = acts.len();
            let nres = res.len();
            let activities = acts
                .iter()
                .map(|&(d, rel, q0, q1)| {
                    let mut a = Activity::new(d).with_release(rel).with_demand(0, q0);
                    if nres > 1 {
                        a = a.with_demand(1, q1);
                    }
                    a
                })
                .collect();
            let precedences = precs
                .iter()
                .filter(|&&(a, b, _, _)| a % n < b % n)
                .map(|&(a, b, k, lag)| Precedence::new(a % n, b % n, kind(k), lag))
                .collect();
            let resources = res
                .iter()
                .map(|&(c, h)| match h {
                    Some(h) => Resource::new(c).with_change(h, 0).with_change(h + 2, c),
                    None => Resource::new(c),
                })
                .collect();
            Problem {
                activities,
                precedences,
                resources,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Whatever the budget and seed, the solution is feasible, never below the lower bound,
    /// within the budget, and the same for the same seed.
    #[test]
    fn every_solution_is_feasible(p in problems(), budget in 1u64..400, seed in 0u64..4) {
        let o = rcpsp::Options { budget: Budget::Schedules(budget), seed, ..rcpsp::Options::default() };
        let s = rcpsp::solve(&p, &o).unwrap();
        prop_assert_eq!(rcpsp::verify(&p, &s.starts), Ok(()));
        prop_assert!(s.makespan >= s.lower_bound);
        prop_assert!(s.schedules <= budget);
        prop_assert_eq!(rcpsp::solve(&p, &o).unwrap(), s);
    }

    /// Justification never lengthens a schedule and leaves it feasible, and the peak
    /// crossover of two members' lists is a topological list.
    #[test]
    fn justification_never_lengthens_and_peaks_stay_topological(p in problems(), seed in 0u64..8) {
        let inst = Instance::compile(&p).unwrap();
        let mut s = search(&inst, 1000);
        s.rng = Rng::new(seed);
        let mut members = Vec::new();
        for parallel in [false, true] {
            let mut starts = vec![0; inst.n];
            let mut list = Vec::new();
            let lft = s.lft.clone();
            let rng = &mut s.rng;
            let mut choose = |c: &[u32]| regret_pick(c, &lft, rng);
            let mut makespan = if parallel {
                sgs::parallel_by(&inst, &mut s.prof, &mut s.sc, &mut choose, &mut starts, &mut list)
            } else {
                sgs::serial_by(&inst, &mut s.prof, &mut s.sc, &mut choose, &mut starts, &mut list)
            };
            prop_assert_eq!(rcpsp::verify(&p, &starts), Ok(()));
            let before = makespan;
            s.justify(&mut starts, &mut makespan);
            prop_assert!(makespan <= before);
            prop_assert_eq!(rcpsp::verify(&p, &starts), Ok(()));
            members.push(member(&mut s, starts));
        }
        prop_assert!(topological(&inst, &members[0].list));
        if inst.simple {
            let mut child = Vec::new();
            s.peak(&members[0], &members[1], &mut child);
            prop_assert!(topological(&inst, &child), "{:?}", child);
        }
    }
}
