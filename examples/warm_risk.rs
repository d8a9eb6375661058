//! Times Monte Carlo schedule risk (`jindu::risk::simulate`) in process, warm:
//! `cargo run --release -p jindu-examples --example warm_risk -- DOC.json ITERATIONS THREADS [RUNS]`.
//!
//! Reads the document once, simulates once to warm up, then `RUNS` more times (default 3) with
//! seed 1 and prints one JSON line: the median and minimum time (wall clock), the median CPU
//! time of the calling thread (`cpu_median_ms`, from `/proc/thread-self/schedstat`: with THREADS
//! 1 every iteration runs on it; on a machine shared with other work it is the figure that
//! does not count the time others had the core), the finish's P50 and P80 and its mean in
//! working days, and the peak RSS of the process. `bench/compare.py --parts risk`
//! runs it beside the peers' plain C Monte Carlo loop on the same networks. THREADS 0 is every
//! core; the report is the same for any thread count.

use std::time::Instant;

use jindu::risk::{simulate, Control, RiskRequest};

fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// The calling thread's CPU time in nanoseconds (Linux; 0 elsewhere).
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn fail(what: impl std::fmt::Display) -> ! {
    eprintln!("warm_risk: {what}");
    std::process::exit(1);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        eprintln!("usage: warm_risk DOC.json ITERATIONS THREADS [RUNS]");
        std::process::exit(2);
    }
    let number = |i: usize, default: u64| -> u64 {
        args.get(i)
            .map(|a| {
                a.parse()
                    .unwrap_or_else(|_| fail(format!("not a number: {a}")))
            })
            .unwrap_or(default)
    };
    let (iterations, threads, runs) = (number(1, 1000), number(2, 0), number(3, 3));
    let text = std::fs::read_to_string(&args[0])
        .unwrap_or_else(|e| fail(format!("cannot read {}: {e}", args[0])));
    let doc = jindu::io::json::read(&text).unwrap_or_else(|e| fail(e));
    let request = format!(r#"{{"iterations": {iterations}, "seed": 1, "threads": {threads}}}"#);
    let options = RiskRequest::from_json(&request)
        .and_then(|r| r.options(&doc.project, doc.options))
        .unwrap_or_else(|e| fail(e));
    let first = simulate(&doc.project, &options, Control::default()).unwrap_or_else(|e| fail(e));
    let (mut ms, mut cpu) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(1) {
        let (t, c) = (Instant::now(), thread_cpu_ns());
        let r = simulate(&doc.project, &options, Control::default()).unwrap_or_else(|e| fail(e));
        cpu.push((thread_cpu_ns() - c) as f64 * 1e-6);
        ms.push(t.elapsed().as_secs_f64() * 1e3);
        if r.finish.p80 != first.finish.p80 {
            fail("the same seed gave another report");
        }
    }
    ms.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    println!(
        "{{\"tasks\": {}, \"iterations\": {iterations}, \"threads\": {threads}, \"runs\": {}, \
         \"median_ms\": {:.3}, \"min_ms\": {:.3}, \"cpu_median_ms\": {:.3}, \"p50\": \"{}\", \"p80\": \"{}\", \
         \"mean_working_days\": {:.4}, \"peak_rss_kb\": {}}}",
        doc.project.tasks().len(),
        ms.len(),
        ms[ms.len() / 2],
        ms[0],
        cpu[cpu.len() / 2],
        first.finish.p50,
        first.finish.p80,
        first.finish.mean_working_days,
        peak_rss_kb().unwrap_or(0)
    );
}
