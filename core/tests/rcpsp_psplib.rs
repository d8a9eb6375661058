//! Levelling quality on PSPLIB (J30 and J60 in `shared/data/psplib/`): every instance is read
//! with `Problem::from_psplib`, solved with `level::rcpsp::solve` at a fixed budget and seed, and
//! its schedule checked by a checker of this file's own, on the file's own numbers parsed here
//! (not the solver's instance nor `rcpsp::verify`): one start per job, every successor after
//! its predecessor finishes, no renewable resource over capacity in any period, and a makespan
//! never below the proven optimum (J30) or the best published lower bound (J60).
//!
//! The mean deviation is asserted against what this solver reaches (a regression bound), and
//! printed beside the published figures of Kolisch & Hartmann's survey for comparison (see
//! `core/DESIGN.md`, "Levelling"). `JINDU_RCPSP_SCHEDULES` changes the budget (default 1,000;
//! the bounds asserted are those of the default), `JINDU_RCPSP_SEED` the seed (default 1, the
//! one the bounds are for) and `JINDU_RCPSP_SETS` the sets (`j30,j60`).
//! Without the data the test fails, unless `JINDU_SKIP_SHARED=1`.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use jindu::level::rcpsp::{self, Budget, Options, Problem};

#[path = "common/mod.rs"]
mod common;
use common::{need_shared, shared_file};

/// A PSPLIB instance as this checker reads it: durations, successors and demands by job
/// (0-based), capacities by resource.
struct Sm {
    dur: Vec<i64>,
    succ: Vec<Vec<usize>>,
    demand: Vec<Vec<i64>>,
    cap: Vec<i64>,
}

/// The numbers of a `.sm` file, section by section; panics on anything unexpected (the data
/// is fixed).
fn parse_sm(text: &str) -> Sm {
    let lines: Vec<&str> = text.lines().collect();
    let nums = |l: &str| -> Vec<i64> {
        l.split_whitespace()
            .map(|t| t.parse::<i64>().expect("a number"))
            .collect()
    };
    let n: usize = lines
        .iter()
        .find(|l| l.starts_with("jobs (incl. supersource/sink )"))
        .and_then(|l| l.split(':').nth(1))
        .map(|v| v.trim().parse().expect("job count"))
        .expect("jobs line");
    let at = |head: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(head))
            .unwrap_or_else(|| panic!("no {head} section"))
    };
    let mut succ = vec![Vec::new(); n];
    let p = at("PRECEDENCE RELATIONS:") + 2;
    for l in &lines[p..p + n] {
        let v = nums(l);
        let j = v[0] as usize - 1;
        assert_eq!(
            v[2] as usize,
            v.len() - 3,
            "successor count of job {}",
            j + 1
        );
        succ[j] = v[3..].iter().map(|&s| s as usize - 1).collect();
    }
    let mut dur = vec![0; n];
    let mut demand = vec![Vec::new(); n];
    let r = at("REQUESTS/DURATIONS:") + 3;
    for l in &lines[r..r + n] {
        let v = nums(l);
        let j = v[0] as usize - 1;
        dur[j] = v[2];
        demand[j] = v[3..].to_vec();
    }
    let cap = nums(lines[at("RESOURCEAVAILABILITIES:") + 2]);
    Sm {
        dur,
        succ,
        demand,
        cap,
    }
}

/// The makespan of `starts` if it is a feasible schedule of `sm`, else what is wrong.
fn check(sm: &Sm, starts: &[i64]) -> Result<i64, String> {
    let n = sm.dur.len();
    if starts.len() != n {
        return Err(format!("{} starts for {n} jobs", starts.len()));
    }
    if let Some(j) = (0..n).find(|&j| starts[j] < 0) {
        return Err(format!("job {} starts before period 0", j + 1));
    }
    for j in 0..n {
        for &s in &sm.succ[j] {
            if starts[s] < starts[j] + sm.dur[j] {
                return Err(format!(
                    "job {} starts before job {} finishes",
                    s + 1,
                    j + 1
                ));
            }
        }
    }
    let makespan = (0..n).map(|j| starts[j] + sm.dur[j]).max().unwrap_or(0);
    for (r, &cap) in sm.cap.iter().enumerate() {
        let mut used = vec![0i64; makespan as usize];
        for (j, &s) in starts.iter().enumerate() {
            for t in s..s + sm.dur[j] {
                used[t as usize] += sm.demand[j][r];
            }
        }
        if let Some(t) = used.iter().position(|&u| u > cap) {
            return Err(format!(
                "resource {} uses {} of {cap} in period {t}",
                r + 1,
                used[t]
            ));
        }
    }
    Ok(makespan)
}

/// `instance -> (column 1, column 2)` of a reference CSV; an empty cell is `None`.
fn table(path: &Path) -> HashMap<String, Vec<Option<i64>>> {
    let text = std::fs::read_to_string(path).expect("reference table");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut cells = l.split(',');
            let name = cells.next().expect("instance").to_owned();
            let vals = cells.map(|c| c.trim().parse().ok()).collect();
            (name, vals)
        })
        .collect()
}

fn env_or(var: &str, default: &str) -> String {
    std::env::var(var).unwrap_or_else(|_| default.to_owned())
}

/// What one set gave.
#[derive(Debug, Default)]
struct Stats {
    instances: usize,
    /// Mean % deviation from the reference makespan (optimum or best known).
    dev_ref: f64,
    max_dev_ref: f64,
    /// Mean % deviation from the critical-path bound.
    dev_cp: f64,
    /// Instances solved at the reference makespan.
    hits: usize,
    /// Milliseconds per instance: median and 95th percentile.
    median_ms: f64,
    p95_ms: f64,
}

fn run_set(dir: &Path, set: &str, schedules: u64, seed: u64) -> Stats {
    let reference = table(&shared_file(dir, &format!("{set}_ref.csv")));
    let cp = table(&shared_file(dir, &format!("{set}_cp_lb.csv")));
    let folder = dir.join(set);
    assert!(folder.is_dir(), "{} is missing", folder.display());
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("instance folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "sm"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 480, "{set}: 480 instances expected");
    let options = Options {
        budget: Budget::Schedules(schedules),
        seed,
        ..Options::default()
    };
    let (mut st, mut times) = (Stats::default(), Vec::new());
    for f in &files {
        let name = f.file_stem().expect("name").to_string_lossy().into_owned();
        let bytes = std::fs::read(f).expect("instance");
        let sm = parse_sm(&String::from_utf8_lossy(&bytes));
        let problem = Problem::from_psplib(&bytes).expect("a PSPLIB instance");
        let began = Instant::now();
        let s = rcpsp::solve(&problem, &options).expect("solvable");
        times.push(began.elapsed().as_secs_f64() * 1e3);
        let makespan = check(&sm, &s.starts).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(makespan, s.makespan, "{name}: reported makespan");
        assert!(
            s.schedules <= schedules.max(1),
            "{name}: {} schedules",
            s.schedules
        );
        let row = &reference[&name];
        let best = row[0].expect("reference makespan");
        let cp_lb = cp[&name][0].expect("critical-path bound");
        // The optimum (J30) or the best published lower bound (J60), else the critical path.
        let lb = row.get(1).copied().flatten().unwrap_or(cp_lb);
        assert!(
            makespan >= lb,
            "{name}: makespan {makespan} below the lower bound {lb}"
        );
        assert!(
            s.lower_bound <= lb,
            "{name}: solver's bound {} above {lb}",
            s.lower_bound
        );
        if s.optimal() {
            assert_eq!(makespan, best, "{name}: claimed optimal");
        }
        let d = 100.0 * (makespan - best) as f64 / best as f64;
        st.dev_ref += d;
        st.max_dev_ref = st.max_dev_ref.max(d);
        st.dev_cp += 100.0 * (makespan - cp_lb) as f64 / cp_lb as f64;
        st.hits += usize::from(makespan <= best);
        st.instances += 1;
    }
    st.dev_ref /= st.instances as f64;
    st.dev_cp /= st.instances as f64;
    times.sort_by(f64::total_cmp);
    st.median_ms = times[times.len() / 2];
    st.p95_ms = times[times.len() * 95 / 100];
    eprintln!(
        "{set} at {schedules} schedules, seed {seed}: mean deviation {:.3}% from the optimum/best known \
         (max {:.2}%), {:.2}% above the critical-path bound, {}/{} at the reference, \
         median {:.2} ms, p95 {:.2} ms per instance",
        st.dev_ref, st.max_dev_ref, st.dev_cp, st.hits, st.instances, st.median_ms, st.p95_ms
    );
    st
}

/// The bounds this solver meets at the default budget (1,000 schedules, seed 1); the measured
/// figures are in `core/DESIGN.md`, "Levelling".
#[test]
fn psplib_schedules_are_feasible_and_near_optimal() {
    let Some(dir) = need_shared("psplib", None) else {
        return;
    };
    let schedules: u64 = env_or("JINDU_RCPSP_SCHEDULES", "1000")
        .parse()
        .expect("JINDU_RCPSP_SCHEDULES is a number");
    let seed: u64 = env_or("JINDU_RCPSP_SEED", "1")
        .parse()
        .expect("JINDU_RCPSP_SEED is a number");
    let sets = env_or("JINDU_RCPSP_SETS", "j30,j60");
    for set in sets.split(',').map(str::trim) {
        let st = run_set(&dir, set, schedules, seed);
        if schedules != 1000 || seed != 1 {
            continue;
        }
        match set {
            "j30" => {
                assert!(
                    st.dev_ref <= J30_MEAN,
                    "J30 mean deviation {:.3}%",
                    st.dev_ref
                );
                assert!(st.hits >= J30_HITS, "J30 optimal hits {}", st.hits);
            }
            "j60" => {
                assert!(
                    st.dev_cp <= J60_MEAN_CP,
                    "J60 mean above CP {:.3}%",
                    st.dev_cp
                );
            }
            _ => {}
        }
    }
}

/// Measured at 1,000 schedules, seed 1: 0.298% (419 of 480 optimal). Kolisch & Hartmann
/// (2006) list 0.27–0.38% for the genetic algorithms and scatter search at 1,000 schedules.
const J30_MEAN: f64 = 0.30;
const J30_HITS: usize = 418;
/// Measured: 11.83% above the critical-path bound (published at 1,000: 11.56–12.21%).
const J60_MEAN_CP: f64 = 11.87;

/// The same instance, options and seed give the same schedule; another seed is still feasible.
#[test]
fn psplib_solutions_are_deterministic_for_a_seed() {
    let Some(dir) = need_shared("psplib", None) else {
        return;
    };
    let f = shared_file(&dir, "j60/j6013_1.sm");
    let bytes = std::fs::read(f).expect("instance");
    let sm = parse_sm(&String::from_utf8_lossy(&bytes));
    let p = Problem::from_psplib(&bytes).expect("instance");
    let o = |seed| Options {
        budget: Budget::Schedules(500),
        seed,
        ..Options::default()
    };
    let a = rcpsp::solve(&p, &o(7)).expect("solved");
    let b = rcpsp::solve(&p, &o(7)).expect("solved");
    assert_eq!(a, b);
    let c = rcpsp::solve(&p, &o(8)).expect("solved");
    assert_eq!(check(&sm, &c.starts), Ok(c.makespan));
}
