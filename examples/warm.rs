//! Times `jindu::schedule` in process, warm, on a jindu JSON document:
//! `cargo run --release -p jindu-examples --example warm -- DOC.json [RUNS]`.
//!
//! Reads the document once (`jindu::io::json::read`, timed once), schedules it once to warm up,
//! then `RUNS` more times (default 11) and prints one JSON line: the median and minimum of the
//! timed schedules, the read time, the project finish, the number of critical tasks and the
//! peak RSS of the process. `bench/compare.py` runs it beside the C floor on the same networks.
//! It uses only the public API (`io::json::read`, `schedule`, the `Schedule` it returns), so it
//! measures whatever the scheduling kernel is today.

use std::time::Instant;

fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: warm DOC.json [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(11);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(2);
    });
    let t = Instant::now();
    let doc = jindu::io::json::read(&text).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let read_ms = t.elapsed().as_secs_f64() * 1e3;
    drop(text);
    let (project, options) = (&doc.project, &doc.options);
    // The warm-up run: its result gives the finish and the critical count.
    let first = jindu::schedule(project, options).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let finish = first.project_finish;
    let critical = first.tasks().iter().filter(|t| t.critical).count();
    let tasks = first.tasks().len();
    drop(first);
    let mut ms = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let s = jindu::schedule(project, options).expect("scheduled once already");
        ms.push(t.elapsed().as_secs_f64() * 1e3);
        std::hint::black_box(&s);
    }
    ms.sort_by(f64::total_cmp);
    let median = if ms.len() % 2 == 1 {
        ms[ms.len() / 2]
    } else {
        (ms[ms.len() / 2 - 1] + ms[ms.len() / 2]) / 2.0
    };
    println!(
        "{{\"tasks\": {tasks}, \"runs\": {}, \"median_ms\": {median:.4}, \"min_ms\": {:.4}, \
         \"read_ms\": {read_ms:.3}, \"finish\": \"{finish}\", \"critical\": {critical}, \
         \"peak_rss_kb\": {}}}",
        ms.len(),
        ms[0],
        peak_rss_kb().unwrap_or(0)
    );
}
