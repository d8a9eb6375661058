//! Schedules one generated network (for profiling): `one [N] [REPEATS]`.
#[path = "../core/benches/networks.rs"]
mod networks;
fn main() {
    let mut a = std::env::args().skip(1);
    let n: usize = a.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let reps: usize = a.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let p = networks::layered(n);
    for _ in 0..reps {
        let s = jindu::schedule(&p, &jindu::ScheduleOptions::default()).unwrap();
        std::hint::black_box(&s);
    }
}
