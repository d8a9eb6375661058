//! Project levelling benchmark (criterion): a generated 1,000-task layered plan (durations 1–10
//! days, about 2.3 links a task) with 20 resources of 100–300% and one assignment per task at
//! 50–200%, levelled by the hour and by the day, one pass.
//!
//! `cargo bench -p jindu --bench level_project`.

use std::time::Duration as StdDuration;

use criterion::{criterion_group, criterion_main, Criterion};
use jindu::level::{level, LevelOptions};
use jindu::{Assignment, Resource, ResourceId, TaskIndex};

#[path = "networks.rs"]
mod networks;

fn bench(c: &mut Criterion) {
    let mut p = networks::layered(1_000);
    let mut r = networks::Rng::new(8);
    let caps: Vec<u32> = (0..20).map(|_| 100 * r.range(1, 3) as u32).collect();
    let res: Vec<_> = caps
        .iter()
        .enumerate()
        .map(|(k, &cap)| {
            p.add_resource(Resource {
                id: ResourceId::new(format!("r{k}")),
                max_units: cap,
                ..Resource::default()
            })
            .unwrap()
        })
        .collect();
    for i in 0..p.len() {
        let t = TaskIndex::from_raw(i as u32);
        if p.is_summary(t) || p.task(t).duration.is_zero() {
            continue;
        }
        let k = r.range(0, 19) as usize;
        let units = (50 * r.range(1, 4) as u32).min(caps[k]);
        p.add_assignment(Assignment {
            task: t,
            resource: res[k],
            units,
            work: None,
            actual_work: None,
            cost: None,
        })
        .unwrap();
    }
    let hour = LevelOptions::default();
    let day = LevelOptions {
        period_minutes: 480,
        ..LevelOptions::default()
    };
    let l = level(&[&p], &hour).unwrap();
    let moved: usize = l.projects[0].delays.len();
    eprintln!(
        "level_project: {moved} of {} tasks delayed, finish {} -> {}, {} unresolved",
        p.len(),
        l.projects[0].finish_before.0,
        l.projects[0].finish.0,
        l.unresolved.len()
    );
    let mut g = c.benchmark_group("level_project");
    g.sample_size(10)
        .measurement_time(StdDuration::from_secs(10));
    g.bench_function("1000 tasks, 20 resources, by hour", |b| {
        b.iter(|| level(&[&p], &hour).unwrap())
    });
    g.bench_function("1000 tasks, 20 resources, by day", |b| {
        b.iter(|| level(&[&p], &day).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
