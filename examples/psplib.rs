//! The RCPSP solver on a set of PSPLIB instances, in process, for `bench/psplib.py`: one JSON
//! line per instance with its makespan, the solver's lower bound, the schedules it generated
//! and the milliseconds the solve took (reading the file not counted).
//!
//! ```text
//! cargo run --release -p jindu-examples --example psplib -- DIR|FILE... \
//!     [--schedules N | --time-ms T] [--seed S]
//! ```
//!
//! Every schedule is checked with `rcpsp::verify` before it is printed; an infeasible one
//! stops the run (exit status 1).

use std::path::PathBuf;
use std::time::Instant;

use jindu::level::rcpsp::{self, Budget, Hooks, Options, Problem};

fn main() {
    let mut files: Vec<PathBuf> = Vec::new();
    let (mut budget, mut seed) = (Budget::Schedules(5000), 1u64);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || -> u64 {
            args.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| fail(&format!("{a} needs a number")))
        };
        match a.as_str() {
            "--schedules" => budget = Budget::Schedules(value()),
            "--time-ms" => budget = Budget::Millis(value()),
            "--seed" => seed = value(),
            _ => {
                let p = PathBuf::from(&a);
                if p.is_dir() {
                    let mut in_dir: Vec<PathBuf> = std::fs::read_dir(&p)
                        .unwrap_or_else(|e| fail(&format!("{a}: {e}")))
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|f| f.extension().is_some_and(|x| x == "sm"))
                        .collect();
                    in_dir.sort();
                    files.extend(in_dir);
                } else {
                    files.push(p);
                }
            }
        }
    }
    if files.is_empty() {
        fail("usage: psplib DIR|FILE... [--schedules N | --time-ms T] [--seed S]");
    }
    let options = Options {
        budget,
        seed,
        ..Options::default()
    };
    for f in &files {
        let name = f
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let bytes = std::fs::read(f).unwrap_or_else(|e| fail(&format!("{}: {e}", f.display())));
        let problem =
            Problem::from_psplib(&bytes).unwrap_or_else(|e| fail(&format!("{name}: {e}")));
        let began = Instant::now();
        let clock = move || began.elapsed().as_millis() as u64;
        let hooks = Hooks {
            clock: Some(&clock),
            ..Hooks::default()
        };
        let s = rcpsp::solve_with(&problem, &options, hooks)
            .unwrap_or_else(|e| fail(&format!("{name}: {e}")));
        let ms = began.elapsed().as_secs_f64() * 1000.0;
        if let Err(v) = rcpsp::verify(&problem, &s.starts) {
            fail(&format!("{name}: an infeasible schedule: {v:?}"));
        }
        println!(
            r#"{{"instance": "{name}", "makespan": {}, "lower_bound": {}, "schedules": {}, "ms": {ms:.3}}}"#,
            s.makespan, s.lower_bound, s.schedules
        );
    }
}

fn fail(msg: &str) -> ! {
    eprintln!("psplib: {msg}");
    std::process::exit(1);
}
