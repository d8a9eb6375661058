//! `jindu level --psplib FILE [--schedules N | --time-ms T] [--seed S] [--format json|table]`:
//! solves a PSPLIB instance with `jindu::level::rcpsp` and prints the makespan and the start
//! period of every job, so that anyone can check feasibility and makespan independently.

use std::fmt::Write as _;
use std::time::Instant;

use jindu::level::rcpsp::{self, Budget, Hooks, Options, Problem};

use crate::{read_bytes, write_out, Failure, Output};

/// Runs `jindu level` on the arguments after the command name.
pub(crate) fn level(args: &[String]) -> Result<(), Failure> {
    let mut file = None;
    let mut format = Output::Json;
    let mut budget = Budget::default();
    let mut seed = 0u64;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        let number = |name: &str, v: String| {
            v.parse::<u64>()
                .map_err(|_| Failure::Usage(format!("{name} needs a whole number, not {v:?}")))
        };
        match a.as_str() {
            "--psplib" => file = Some(value(a)?),
            "--schedules" => budget = Budget::Schedules(number(a, value(a)?)?),
            "--time-ms" => budget = Budget::Millis(number(a, value(a)?)?),
            "--seed" => seed = number(a, value(a)?)?,
            "--format" => format = Output::parse(&value(a)?)?,
            other => {
                return Err(Failure::Usage(format!(
                    "level: unexpected argument {other:?}"
                )))
            }
        }
    }
    let Some(file) = file else {
        return Err(Failure::Usage(
            "level needs --psplib FILE (levelling project files is not available yet)".into(),
        ));
    };
    let problem = Problem::from_psplib(read_bytes(&file)?)?;
    let options = Options {
        budget,
        seed,
        ..Options::default()
    };
    let began = Instant::now();
    let clock = move || began.elapsed().as_millis() as u64;
    let hooks = Hooks {
        clock: Some(&clock),
        ..Hooks::default()
    };
    let s = rcpsp::solve_with(&problem, &options, hooks)
        .map_err(|e| Failure::Io(format!("error [{}]: {e}", e.code())))?;
    let mut out = String::new();
    match format {
        Output::Json => {
            // Jobs in file order (an object keyed by job number, 1-based).
            let _ = write!(out, "{{\"makespan\": {}, \"starts\": {{", s.makespan);
            for (j, t) in s.starts.iter().enumerate() {
                let sep = if j == 0 { "" } else { ", " };
                let _ = write!(out, "{sep}\"{}\": {t}", j + 1);
            }
            out.push_str("}}\n");
        }
        Output::Table => {
            let _ = writeln!(
                out,
                "makespan {} (lower bound {}{}), {} schedules",
                s.makespan,
                s.lower_bound,
                if s.optimal() { ", optimal" } else { "" },
                s.schedules
            );
            let _ = writeln!(
                out,
                "{:>6}  {:>6}  {:>8}  {:>6}",
                "job", "start", "duration", "finish"
            );
            for (j, (t, a)) in s.starts.iter().zip(&problem.activities).enumerate() {
                let _ = writeln!(
                    out,
                    "{:>6}  {:>6}  {:>8}  {:>6}",
                    j + 1,
                    t,
                    a.duration,
                    t + a.duration
                );
            }
        }
    }
    write_out("-", &out)
}
