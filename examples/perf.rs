//! Times full schedules and incremental edits on generated networks and reports peak memory:
//! `cargo run --release -p jindu-examples --example perf -- [N ...]`.

use std::time::Instant;

use jindu::{Duration, Edit, Engine, ScheduleOptions};

#[path = "../core/benches/networks.rs"]
mod networks;

fn peak_rss_kb() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000, 1_000_000]
    } else {
        sizes
    };
    let opts = ScheduleOptions::default();
    for n in sizes {
        let base = peak_rss_kb().unwrap_or(0);
        let p = networks::layered(n);
        let after_build = peak_rss_kb().unwrap_or(0);
        let reps = if n >= 1_000_000 {
            5
        } else if n >= 100_000 {
            15
        } else {
            50
        };
        let mut times = Vec::new();
        for _ in 0..reps {
            let t = Instant::now();
            let s = jindu::schedule(&p, &opts).unwrap();
            times.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(s);
        }
        let peak = peak_rss_kb().unwrap_or(0);
        println!(
            "layered {n:>8}: {} links, schedule median {:.2} ms (min {:.2}), peak RSS {:.0} MB \
             ({:.0} bytes/task; project alone {:.0} bytes/task)",
            p.links().len(),
            median(times.clone()),
            times.iter().cloned().fold(f64::MAX, f64::min),
            peak as f64 / 1024.0,
            (peak.saturating_sub(base)) as f64 * 1024.0 / n as f64,
            (after_build.saturating_sub(base)) as f64 * 1024.0 / n as f64,
        );
        if n == 100_000 {
            let mut e = Engine::new(p, opts).unwrap();
            let mut r = networks::Rng::new(7);
            let mut times = Vec::new();
            let mut reach = Vec::new();
            for _ in 0..400 {
                let id = (r.next_u64() % n as u64).to_string();
                let old = e.task_def(&id).unwrap().duration;
                let new = Duration::days(r.range(1, 10) as i64);
                let t = Instant::now();
                let d = e
                    .apply(Edit::SetDuration {
                        task: id.clone().into(),
                        duration: new,
                    })
                    .unwrap();
                times.push(t.elapsed().as_secs_f64() * 1e3);
                reach.push(d.recomputed as f64);
                e.apply(Edit::SetDuration {
                    task: id.into(),
                    duration: old,
                })
                .unwrap();
            }
            println!(
                "incremental edit on {n}: median {:.3} ms, p90 {:.3} ms, median nodes recomputed {:.0}",
                median(times.clone()),
                {
                    let mut v = times.clone();
                    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
                    v[v.len() * 9 / 10]
                },
                median(reach)
            );
        }
    }
    let c = networks::chain(10_000);
    let mut times = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        std::hint::black_box(jindu::schedule(&c, &opts).unwrap());
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!("chain 10000: median {:.3} ms", median(times));
}
