//! PSPLIB import: every J30 instance's critical path equals its published bound, a
//! hand-checked instance, errors with line numbers, and mutated files that must not panic.

use std::path::PathBuf;

use jindu::io::psplib;
use jindu::{Duration, Error, ErrorCode, LinkType, ScheduleOptions};

use crate::common::{need_shared, shared_file, xorshift};

/// `shared/data/psplib` (see [`need_shared`]: the test fails when it is missing, unless
/// `JINDU_SKIP_SHARED=1`, when it returns `None` and the caller returns).
#[track_caller]
fn data_dir() -> Option<PathBuf> {
    need_shared("psplib", None)
}

/// The critical-path length in periods of an imported instance, scheduled by the core.
fn cp_periods(p: &jindu::Project) -> i64 {
    let s = jindu::schedule(p, &ScheduleOptions::default()).expect("schedules");
    let minutes = s.project_finish.minutes_since(psplib::start());
    assert_eq!(
        minutes % psplib::MINUTES_PER_PERIOD,
        0,
        "a whole number of periods"
    );
    assert_eq!(s.project_start, psplib::start());
    minutes / psplib::MINUTES_PER_PERIOD
}

#[test]
fn all_j30_critical_paths_match_the_published_bound() {
    let Some(dir) = data_dir() else { return };
    let table = std::fs::read_to_string(shared_file(&dir, "j30_cp_lb.csv")).expect("j30_cp_lb.csv");
    let mut checked = 0;
    for row in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let (name, lb) = row.split_once(',').expect("instance,cp_lower_bound");
        let lb: i64 = lb.trim().parse().expect("a number");
        let bytes = std::fs::read(shared_file(&dir, &format!("j30/{name}.sm"))).expect(name);
        let p = psplib::read(&bytes)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .project;
        assert_eq!(p.len(), 32, "{name}");
        assert_eq!(p.resources().len(), 4, "{name}");
        assert_eq!(cp_periods(&p), lb, "{name}");
        checked += 1;
    }
    assert_eq!(checked, 480);
}

#[test]
fn hand_checked_j301_1() {
    let Some(dir) = data_dir() else { return };
    let p = psplib::read(std::fs::read(shared_file(&dir, "j30/j301_1.sm")).unwrap())
        .unwrap()
        .project;
    // RESOURCEAVAILABILITIES: 12 13 4 12.
    let caps: Vec<(&str, &str, u32)> = p
        .resources()
        .iter()
        .map(|r| (r.id.as_str(), r.name.as_str(), r.max_units))
        .collect();
    assert_eq!(
        caps,
        [
            ("R1", "R 1", 1200),
            ("R2", "R 2", 1300),
            ("R3", "R 3", 400),
            ("R4", "R 4", 1200)
        ]
    );
    assert_eq!(p.len(), 32);
    assert_eq!(p.calendar_id().as_str(), psplib::CALENDAR);
    let t = |id: &str| p.task_by_id(id).unwrap();
    assert!(t("1").milestone && t("32").milestone);
    assert_eq!(t("1").name, "Source");
    assert_eq!(t("32").name, "Sink");
    assert_eq!(t("2").name, "Job 2");
    // Job 2: 8 periods; job 16: 10 periods.
    assert_eq!(t("2").duration, Duration::minutes_work(8 * 1440));
    assert_eq!(t("16").duration, Duration::minutes_work(10 * 1440));
    assert_eq!(t("2").duration.display(p.settings()).to_string(), "8d");
    // 48 successor entries; job 1 -> 2, 3, 4; all FS without lag.
    assert_eq!(p.links().len(), 48);
    let first: Vec<&str> = p.links()[..3]
        .iter()
        .map(|l| p.task(l.to).id.as_str())
        .collect();
    assert_eq!(first, ["2", "3", "4"]);
    assert!(p
        .links()
        .iter()
        .all(|l| l.kind == LinkType::FinishToStart && l.lag.is_zero()));
    // Demands: job 3 needs 10 of R1, job 4 needs 3 of R4, job 26 needs 4 of R3.
    let units = |task: &str, res: &str| {
        p.assignments()
            .iter()
            .find(|a| {
                p.task(a.task).id.as_str() == task
                    && p.resources()[a.resource.index()].id.as_str() == res
            })
            .map(|a| a.units)
    };
    assert_eq!(units("3", "R1"), Some(1000));
    assert_eq!(units("4", "R4"), Some(300));
    assert_eq!(units("26", "R3"), Some(400));
    assert_eq!(units("4", "R1"), None);
    // Each of the 30 real jobs of J30 needs exactly one resource in this instance.
    assert_eq!(p.assignments().len(), 30);
    assert_eq!(cp_periods(&p), 38);
}

const SMALL: &str = "\
jobs (incl. supersource/sink ):  4
horizon                       :  8
RESOURCES
  - renewable                 :  2   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          2           2   3
   2        1          1           4
   3        1          1           4
   4        1          0
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  R 2
------------------------------------------------------------------------
  1      1     0       0    0
  2      1     3       2    0
  3      1     5       1    1
  4      1     0       0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  R 2
    2    1
************************************************************************
";

#[test]
fn small_instance() {
    let imp = psplib::read(SMALL).unwrap();
    assert_eq!(imp.format, jindu::io::Format::Psplib);
    assert!(imp.warnings.is_empty() && imp.stored.is_empty());
    assert_eq!(imp.options, ScheduleOptions::default());
    let p = imp.project;
    assert_eq!(p.len(), 4);
    assert_eq!(p.links().len(), 4);
    assert_eq!(p.assignments().len(), 3);
    assert_eq!(cp_periods(&p), 5);
}

fn err_at(text: &str) -> (usize, usize, Option<String>) {
    match psplib::read(text) {
        Err(Error::Import(i)) => {
            assert_eq!(i.format, "psplib");
            (i.line, i.column, i.value)
        }
        other => panic!("expected an import error, got {other:?}"),
    }
}

#[test]
fn bad_files_name_the_line() {
    let replace = |from: &str, to: &str| {
        assert!(SMALL.contains(from), "{from}");
        SMALL.replacen(from, to, 1)
    };
    // Two modes: a multi-mode file.
    assert_eq!(
        err_at(&replace(
            "   2        1          1           4",
            "   2        2          1           4"
        )),
        (11, 13, Some("2".into()))
    );
    // Says 2 successors, lists 1.
    assert_eq!(
        err_at(&replace(
            "   3        1          1",
            "   3        1          2"
        ))
        .0,
        12
    );
    // A successor that does not exist.
    assert_eq!(
        err_at(&replace("           2   3\n", "           2   9\n")),
        (10, 40, Some("9".into()))
    );
    // A job that succeeds itself.
    assert_eq!(
        err_at(&replace("           4\n   3", "           2\n   3")).0,
        11
    );
    // A duration that is not a number.
    assert_eq!(
        err_at(&replace("  2      1     3", "  2      1     x")),
        (19, 16, Some("x".into()))
    );
    // Too few demands.
    assert_eq!(
        err_at(&replace(
            "  3      1     5       1    1",
            "  3      1     5       1"
        ))
        .0,
        20
    );
    // A job missing from the precedences.
    assert!(err_at(&replace("   4        1          0\n", ""))
        .2
        .is_none());
    // Non-renewable resources.
    assert_eq!(err_at(&replace(":  0   N", ":  1   N")).0, 5);
    // No capacities.
    assert_eq!(
        err_at(&SMALL[..SMALL.find("RESOURCEAVAILABILITIES").unwrap()]).1,
        0
    );
    assert_eq!(err_at("").0, 0);
    let e = psplib::read("jobs (incl. supersource/sink ):  x").unwrap_err();
    assert_eq!(e.code(), ErrorCode::Import);
    assert_eq!(e.to_string(), "psplib line 1, column 34: \"x\": expected the number of jobs (a whole number up to 1000000)");
}

#[test]
fn a_cycle_is_found_when_scheduling() {
    let text = SMALL.replacen(
        "   4        1          0",
        "   4        1          1           2",
        1,
    );
    let p = psplib::read(&text).unwrap().project;
    let e = jindu::schedule(&p, &ScheduleOptions::default()).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Cycle);
}

/// Truncations and byte mutations of `data` never panic; returns how many of the inputs read
/// as an instance and scheduled, so callers can check the mutations were not all rejected at
/// the first byte.
fn never_panics(data: &[u8], seed: u64) -> (usize, usize) {
    let (mut read, mut scheduled) = (0, 0);
    let mut run = |b: &[u8]| {
        if let Ok(imp) = psplib::read(b) {
            read += 1;
            if jindu::schedule(&imp.project, &imp.options).is_ok() {
                scheduled += 1;
            }
        }
    };
    for n in (0..=data.len()).step_by(3) {
        run(&data[..n]);
    }
    const BYTES: &[u8] = b"0123456789 \n*-:R\xff";
    let mut next = xorshift(seed);
    for _ in 0..3000 {
        let mut m = data.to_vec();
        for _ in 0..1 + next() % 4 {
            let at = (next() as usize) % m.len().max(1);
            match next() % 3 {
                0 if !m.is_empty() => m[at] = BYTES[(next() as usize) % BYTES.len()],
                1 if !m.is_empty() => {
                    m.remove(at);
                }
                _ => m.insert(at.min(m.len()), BYTES[(next() as usize) % BYTES.len()]),
            }
        }
        run(&m);
    }
    (read, scheduled)
}

#[test]
fn truncations_and_mutations_of_the_small_instance_never_panic() {
    let (read, scheduled) = never_panics(SMALL.as_bytes(), 0x2545_f491_4f6c_dd1d);
    // Mutations that only change a number keep a readable instance: some must get through.
    assert!(
        read >= 100 && scheduled >= 100,
        "{read} read, {scheduled} scheduled"
    );
}

#[test]
fn truncations_and_mutations_of_j301_1_never_panic() {
    let Some(dir) = data_dir() else { return };
    let data = std::fs::read(shared_file(&dir, "j30/j301_1.sm")).expect("j301_1.sm");
    let (read, scheduled) = never_panics(&data, 0x2545_f491_4f6c_dd1d);
    assert!(
        read >= 100 && scheduled >= 100,
        "{read} read, {scheduled} scheduled"
    );
}
