//! Rendering benchmark (criterion): the SVG Gantt chart of a generated 1,000-task layered
//! network (the schedule benchmark's generator), target at most 20 ms; the resource
//! histogram of that network with 20 resources by day; the S-curve and tornado of a
//! 1,000-iteration simulation of a 200-task network (drawing only: the loading and the
//! simulation are computed once, outside the timing).
//!
//! `cargo bench -p jindu --bench render`

use criterion::{criterion_group, criterion_main, Criterion};
use jindu::level::{load, LoadOptions, Period};
use jindu::render::{gantt, histogram, scurve, tornado, GanttOptions, HistogramOptions};
use jindu::risk::{DefaultEstimate, RiskOptions, Shape};
use jindu::{Assignment, Resource, ResourceId, ScheduleOptions};

#[path = "networks.rs"]
mod networks;

fn render(c: &mut Criterion) {
    let p = networks::layered(1000);
    let s = jindu::schedule(&p, &ScheduleOptions::default()).unwrap();
    let o = GanttOptions::default();
    let svg = gantt(&p, &s, &o).unwrap();
    eprintln!("gantt/1000: {} bytes of SVG", svg.len());
    c.bench_function("gantt/1000", |b| b.iter(|| gantt(&p, &s, &o).unwrap()));

    let mut p = networks::layered(1000);
    let res: Vec<_> = (0..20)
        .map(|k| {
            p.add_resource(Resource {
                id: ResourceId::new(format!("R{k}")),
                name: format!("Resource {k}"),
                max_units: 100,
                ..Resource::default()
            })
            .unwrap()
        })
        .collect();
    for i in 0..p.tasks().len() {
        let task = jindu::TaskIndex::from_raw(i as u32);
        if !p.is_summary(task) {
            p.add_assignment(Assignment {
                task,
                resource: res[i % 20],
                units: 100,
                work: None,
                actual_work: None,
                cost: None,
            })
            .unwrap();
        }
    }
    let s = jindu::schedule(&p, &ScheduleOptions::default()).unwrap();
    let l = load(&[(&p, &s)], &LoadOptions::new(Period::Day)).unwrap();
    let o = HistogramOptions::default();
    let svg = histogram("bench", &l, &o).unwrap();
    eprintln!(
        "histogram/20x{}: {} bytes of SVG",
        l.resources[0].periods.len(),
        svg.len()
    );
    c.bench_function("histogram/20 resources by day", |b| {
        b.iter(|| histogram("bench", &l, &o).unwrap())
    });

    let p = networks::layered(200);
    let ro = RiskOptions {
        iterations: 1000,
        default_estimate: Some(DefaultEstimate::Range {
            optimistic_percent: -10,
            pessimistic_percent: 30,
            shape: Shape::Triangular,
        }),
        ..RiskOptions::default()
    };
    let r = jindu::risk::simulate(&p, &ro, Default::default()).unwrap();
    let o = Default::default();
    c.bench_function("scurve", |b| b.iter(|| scurve("bench", &r, &o).unwrap()));
    c.bench_function("tornado", |b| b.iter(|| tornado("bench", &r, &o).unwrap()));
}

criterion_group!(benches, render);
criterion_main!(benches);
