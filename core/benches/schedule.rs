//! Scheduling benchmarks (criterion): full schedules of generated layered networks (10k, 100k,
//! 1M tasks), a 10,000-task chain, and one incremental edit on 100k tasks.
//!
//! `cargo bench -p jindu --bench schedule`; set `JINDU_BENCH_1M=0` to skip the 1M case.

use std::time::Duration as StdDuration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use jindu::{Duration, Edit, Engine, ScheduleOptions};

#[path = "networks.rs"]
mod networks;

fn full(c: &mut Criterion) {
    let mut g = c.benchmark_group("schedule");
    let mut sizes = vec![10_000usize, 100_000];
    if std::env::var("JINDU_BENCH_1M").map_or(true, |v| v != "0") {
        sizes.push(1_000_000);
    }
    for n in sizes {
        let p = networks::layered(n);
        g.sample_size(if n >= 1_000_000 { 10 } else { 20 });
        g.measurement_time(StdDuration::from_secs(if n >= 1_000_000 { 20 } else { 8 }));
        g.bench_with_input(BenchmarkId::new("layered", n), &p, |b, p| {
            b.iter(|| jindu::schedule(p, &ScheduleOptions::default()).unwrap())
        });
    }
    let chain = networks::chain(10_000);
    g.sample_size(50);
    g.bench_function("chain/10000", |b| {
        b.iter(|| jindu::schedule(&chain, &ScheduleOptions::default()).unwrap())
    });
    g.finish();
}

fn incremental(c: &mut Criterion) {
    let n = 100_000;
    let mut e = Engine::new(networks::layered(n), ScheduleOptions::default()).unwrap();
    let mut r = networks::Rng::new(7);
    let mut g = c.benchmark_group("incremental");
    g.sample_size(200);
    // One duration change on a random task, then its undo (untimed), so the network stays the
    // same from sample to sample.
    g.bench_function("set_duration/100000", |b| {
        b.iter_custom(|iters| {
            let mut total = StdDuration::ZERO;
            for _ in 0..iters {
                let id = (r.next_u64() % n as u64).to_string();
                let old = e.task_def(&id).unwrap().duration;
                let new = Duration::days(r.range(1, 10) as i64);
                let t = std::time::Instant::now();
                let d = e
                    .apply(Edit::SetDuration {
                        task: id.clone().into(),
                        duration: new,
                    })
                    .unwrap();
                total += t.elapsed();
                std::hint::black_box(d);
                e.apply(Edit::SetDuration {
                    task: id.into(),
                    duration: old,
                })
                .unwrap();
            }
            total
        })
    });
    g.finish();
}

criterion_group!(benches, full, incremental);
criterion_main!(benches);
