//! `jindu level FILE... [--schedules N] [--seed S] [--within-float] [--period-minutes M]
//! [--format json|table]`: levels one project, or a portfolio sharing a resource pool, with
//! `jindu::level::level` and prints every delay with its reason.
//!
//! `jindu level --psplib FILE [--schedules N | --time-ms T] [--seed S] [--format json|table]`:
//! solves a PSPLIB instance with `jindu::level::rcpsp` and prints the makespan and the start
//! period of every job, so that anyone can check feasibility and makespan independently.

use std::fmt::Write as _;
use std::time::Instant;

use jindu::io::json::Document;
use jindu::io::ReadOptions;
use jindu::level::rcpsp::{self, Budget, Hooks, Options, Problem};
use jindu::level::{LevelOptions, Levelled, Reason, TaskRef};
use jindu::Project;

use crate::{print_out, read_bytes, write_out, Failure, Output};

/// Runs `jindu level` on the arguments after the command name.
pub(crate) fn level(args: &[String]) -> Result<(), Failure> {
    if !args.iter().any(|a| a == "--psplib") {
        return projects(args);
    }
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
    if let Budget::Schedules(n) = budget {
        crate::limits()?.check_level(n)?;
    }
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

/// `jindu level FILE...`: levels the documents together.
fn projects(args: &[String]) -> Result<(), Failure> {
    let mut files = Vec::new();
    let mut format = Output::Json;
    let mut opts = LevelOptions {
        limits: crate::limits()?,
        ..LevelOptions::default()
    };
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
            "--schedules" => opts.schedules = number(a, value(a)?)?.max(1),
            "--seed" => opts.seed = number(a, value(a)?)?,
            "--within-float" => opts.within_float = true,
            "--period-minutes" => {
                opts.period_minutes = i64::try_from(number(a, value(a)?)?)
                    .map_err(|_| Failure::Usage("--period-minutes is too large".into()))?
            }
            "--format" => format = Output::parse(&value(a)?)?,
            "--time-ms" => {
                return Err(Failure::Usage(
                    "level: --time-ms is for --psplib only; use --schedules".into(),
                ))
            }
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            s => files.push(s.to_owned()),
        }
    }
    if files.is_empty() {
        return Err(Failure::Usage(
            "level needs at least one FILE (or --psplib FILE)".into(),
        ));
    }
    let mut docs: Vec<Project> = Vec::with_capacity(files.len());
    for (k, f) in files.iter().enumerate() {
        let doc: Document = crate::load(f, ReadOptions::default())?.into();
        if k == 0 {
            opts.schedule = doc.options;
        }
        docs.push(doc.project);
    }
    let refs: Vec<&Project> = docs.iter().collect();
    let l = jindu::level::level(&refs, &opts)?;
    crate::load::warn_conflicts(&files, &l.conflicts);
    let text = match format {
        Output::Json => serde_json::to_string(&l).expect("a levelled portfolio serialises") + "\n",
        Output::Table => table(&l),
    };
    print_out(&text)
}

/// `project/task` of a task reference.
fn name(l: &Levelled, t: &TaskRef) -> String {
    format!("{}/{}", l.projects[t.project].name, t.task)
}

/// One row per delay (task, project, from → to, delay in working hours, reason), then what is
/// still overallocated.
fn table(l: &Levelled) -> String {
    let mut s = String::new();
    for p in &l.projects {
        let _ = writeln!(
            s,
            "{}: finish {} -> {}",
            p.name, p.finish_before.0, p.finish.0
        );
    }
    let _ = writeln!(
        s,
        "{:<12} {:<12} {:<16}    {:<16} {:>8}  reason",
        "task", "project", "from", "to", "delay h"
    );
    for p in &l.projects {
        for d in &p.delays {
            let reason = match &d.reason {
                Reason::Resource {
                    resource,
                    at,
                    demand,
                    capacity,
                    used,
                    by,
                } => {
                    let by: Vec<String> = by.iter().map(|t| name(l, t)).collect();
                    format!(
                        "{resource} full at {at}: needs {demand}%, {used}% of {capacity}% used by [{}]",
                        by.join(", "),
                        at = at.0
                    )
                }
                Reason::Predecessor { task } => format!("after {}", name(l, task)),
            };
            let _ = writeln!(
                s,
                "{:<12} {:<12} {:<16} -> {:<16} {:>8.1}  {reason}",
                d.task,
                p.name,
                d.from.0.to_string(),
                d.to.0.to_string(),
                d.delay_minutes as f64 / 60.0
            );
        }
    }
    for u in &l.unresolved {
        let tasks: Vec<String> = u.tasks.iter().map(|t| name(l, t)).collect();
        let _ = writeln!(
            s,
            "unresolved: {} {} -> {} at {}% of {}% [{}]",
            u.resource,
            u.start.0,
            u.finish.0,
            u.peak_units,
            u.max_units,
            tasks.join(", ")
        );
    }
    s
}
