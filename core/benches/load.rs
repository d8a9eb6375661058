//! Loading benchmark (criterion): a generated 10,000-task layered plan with 50 resources (one
//! assignment per task, 50–100% units, one resource with a part-time calendar), by week and by
//! day. The target is well under 100 ms by week.
//!
//! `cargo bench -p jindu --bench load`.

use std::time::Duration as StdDuration;

use criterion::{criterion_group, criterion_main, Criterion};
use jindu::level::{load, LoadOptions, Period};
use jindu::{Assignment, Calendar, Resource, ResourceId, ScheduleOptions, Weekday, WorkingTime};

#[path = "networks.rs"]
mod networks;

fn bench(c: &mut Criterion) {
    let mut p = networks::layered(10_000);
    let mut half = Calendar::new("half");
    for d in [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
    ] {
        half = half.with_day(d, vec![WorkingTime::hours(8, 12).unwrap()]);
    }
    p.add_calendar(half).unwrap();
    let mut r = networks::Rng::new(3);
    let res: Vec<_> = (0..50)
        .map(|k| {
            p.add_resource(Resource {
                id: ResourceId::new(format!("R{k}")),
                name: format!("Resource {k}"),
                max_units: 100,
                calendar: (k == 0).then(|| "half".into()),
                ..Resource::default()
            })
            .unwrap()
        })
        .collect();
    for i in 0..p.tasks().len() {
        let task = jindu::TaskIndex::from_raw(i as u32);
        if p.is_summary(task) {
            continue;
        }
        let resource = res[r.range(0, 49) as usize];
        p.add_assignment(Assignment {
            task,
            resource,
            units: 50 + r.range(0, 50) as u32,
            work: None,
            actual_work: None,
            cost: None,
        })
        .unwrap();
    }
    let s = jindu::schedule(&p, &ScheduleOptions::default()).unwrap();
    let mut g = c.benchmark_group("load");
    g.sample_size(20);
    g.measurement_time(StdDuration::from_secs(6));
    for (name, period) in [("week", Period::Week), ("day", Period::Day)] {
        g.bench_function(format!("10000x50/{name}"), |b| {
            b.iter(|| load(&[(&p, &s)], &LoadOptions::new(period)).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
