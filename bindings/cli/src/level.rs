//! `jindu level FILE... [--schedules N] [--seed S] [--within-float] [--split] [--period-minutes M]
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
use jindu::level::{LevelRequest, Levelled, Reason, TaskRef};
use jindu::Project;

use crate::table::left;
use crate::{print_out, read_bytes, write_out, Failure, Output};

/// `jindu level`.
#[derive(clap::Args)]
#[command(after_help = "\
level FILE... delays tasks so that no resource is overallocated, higher priority first (priority
1000 and started tasks stay), and prints every delay with its reason (the full resource and the
tasks holding it, or the predecessor that moved) and any overallocation it could not fix.
Several FILEs are a portfolio sharing resources by id.
level --psplib FILE solves a PSPLIB instance (RCPSP) within a budget of generated schedules
(default 5000) or milliseconds, deterministic for a seed (default 0), and prints
{makespan: M, starts: {<job number>: <start period>, ...}} as JSON, or a table.")]
pub(crate) struct LevelArgs {
    /// The plans to level together (a portfolio sharing resources by id)
    #[arg(
        value_name = "FILE",
        required_unless_present = "psplib",
        conflicts_with = "psplib"
    )]
    files: Vec<String>,
    /// Solve this PSPLIB instance instead
    #[arg(long, value_name = "FILE")]
    psplib: Option<String>,
    /// Tie-breaks of equal priority to try (project files: default 1; --psplib: 5000)
    #[arg(long, value_name = "N", value_parser = number)]
    schedules: Option<u64>,
    /// --psplib: a budget in milliseconds instead of schedules
    #[arg(long, value_name = "T", value_parser = number, conflicts_with = "schedules")]
    time_ms: Option<u64>,
    /// The seed of the tie-breaks
    #[arg(long, value_name = "S", value_parser = number)]
    seed: Option<u64>,
    /// Move tasks only within their float
    #[arg(long, conflicts_with = "psplib")]
    within_float: bool,
    /// Let a task's work pause while its resource is full and resume after, when that
    /// finishes it earlier than delaying it whole
    #[arg(long, conflicts_with = "psplib")]
    split: bool,
    /// The levelling period in minutes (default 60: one working hour)
    #[arg(long, value_name = "M", value_parser = number, conflicts_with = "psplib")]
    period_minutes: Option<u64>,
    /// JSON or a table
    #[arg(long, value_enum, default_value_t = Output::Json)]
    format: Output,
}

/// A whole number, for a flag's value parser.
fn number(v: &str) -> Result<u64, String> {
    v.parse::<u64>()
        .map_err(|_| format!("needs a whole number, not {v:?}"))
}

/// Runs `jindu level`.
pub(crate) fn level(a: LevelArgs) -> Result<(), Failure> {
    let Some(file) = &a.psplib else {
        return projects(&a);
    };
    let budget = match (a.schedules, a.time_ms) {
        (_, Some(t)) => Budget::Millis(t),
        (Some(n), None) => Budget::Schedules(n),
        (None, None) => Budget::default(),
    };
    if let Budget::Schedules(n) = budget {
        crate::limits()?.check_level(n)?;
    }
    let problem = Problem::from_psplib(read_bytes(file)?)?;
    let options = Options {
        budget,
        seed: a.seed.unwrap_or(0),
        ..Options::default()
    };
    let began = Instant::now();
    let clock = move || began.elapsed().as_millis() as u64;
    let hooks = Hooks {
        clock: Some(&clock),
        ..Hooks::default()
    };
    let s = rcpsp::solve_with(&problem, &options, hooks)
        .map_err(|e| Failure::Coded(e.code(), e.to_string()))?;
    let mut out = String::new();
    match a.format {
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
fn projects(a: &LevelArgs) -> Result<(), Failure> {
    if a.time_ms.is_some() {
        return Err(Failure::Usage(
            "--time-ms is for --psplib only; project files take --schedules".into(),
        ));
    }
    let period_minutes = a
        .period_minutes
        .map(i64::try_from)
        .transpose()
        .map_err(|_| Failure::Usage("--period-minutes is too large".into()))?;
    let request = LevelRequest {
        schedules: a.schedules,
        seed: a.seed,
        within_float: Some(a.within_float),
        period_minutes,
        split: Some(a.split),
        limits: Some(crate::limits()?),
    };
    let opts = request.options()?;
    let files = &a.files;
    // Each file is scheduled with its own options (its status date), as `jindu load` does.
    let mut docs: Vec<Document> = Vec::with_capacity(files.len());
    for f in files {
        docs.push(crate::load(f, ReadOptions::default())?.into());
    }
    let refs: Vec<(&Project, jindu::ScheduleOptions)> =
        docs.iter().map(|d| (&d.project, d.options)).collect();
    let mut bar = crate::progress::Bar::steps("levelling");
    let mut tick = |p: &jindu::level::Progress| bar.set(p.done, p.total);
    let control = jindu::control::Control {
        progress: Some(&mut tick),
        cancel: None,
    };
    let l = jindu::level::level_each(&refs, &opts, control)?;
    drop(bar);
    crate::load::warn_conflicts(files, &l.conflicts);
    let text = match a.format {
        Output::Json => serde_json::to_string(&l).expect("a levelled portfolio serialises") + "\n",
        Output::Table => table(&l),
    };
    print_out(&text)
}

/// `project/task` of a task reference.
fn name(l: &Levelled, t: &TaskRef) -> String {
    format!("{}/{}", l.projects[t.project].name, t.task)
}

/// A delay's or a pause's reason in words.
fn reason(l: &Levelled, r: &Reason) -> String {
    match r {
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
    }
}

/// One row per delay (task, project, from → to, delay in working hours, reason), then every
/// split task's parts and pauses, then what is still overallocated.
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
        "{} {} {:<16}    {:<16} {:>8}  reason",
        left("task", 12),
        left("project", 12),
        "from",
        "to",
        "delay h"
    );
    for p in &l.projects {
        for d in &p.delays {
            let reason = reason(l, &d.reason);
            let _ = writeln!(
                s,
                "{} {} {:<16} -> {:<16} {:>8.1}  {reason}",
                left(&d.task, 12),
                left(&p.name, 12),
                d.from.0.to_string(),
                d.to.0.to_string(),
                d.delay_minutes as f64 / 60.0
            );
        }
    }
    for p in &l.projects {
        for t in p.tasks.iter().filter(|t| !t.parts.is_empty()) {
            let parts: Vec<String> = t
                .parts
                .iter()
                .map(|x| format!("{} - {}", x.start.0, x.finish.0))
                .collect();
            let _ = writeln!(s, "split: {} {}: {}", p.name, t.id, parts.join(", "));
            for x in &t.pauses {
                let _ = writeln!(
                    s,
                    "  paused {} - {}: {}",
                    x.start.0,
                    x.finish.0,
                    reason(l, &x.reason)
                );
            }
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
