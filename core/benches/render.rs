//! Rendering benchmark (criterion): the SVG Gantt chart of a generated 1,000-task layered
//! network (the schedule benchmark's generator), target at most 20 ms.
//!
//! `cargo bench -p jindu --bench render`

use criterion::{criterion_group, criterion_main, Criterion};
use jindu::render::{gantt, GanttOptions};
use jindu::ScheduleOptions;

#[path = "gen.rs"]
mod gen;

fn render(c: &mut Criterion) {
    let p = gen::layered(1000);
    let s = jindu::schedule(&p, &ScheduleOptions::default()).unwrap();
    let o = GanttOptions::default();
    let svg = gantt(&p, &s, &o).unwrap();
    eprintln!("gantt/1000: {} bytes of SVG", svg.len());
    c.bench_function("gantt/1000", |b| b.iter(|| gantt(&p, &s, &o).unwrap()));
}

criterion_group!(benches, render);
criterion_main!(benches);
