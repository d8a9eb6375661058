//! `jindu load FILE...`: resource loading per period; several files are a portfolio sharing
//! one resource pool (the same resource id in two files is one resource).

use std::fmt::Write as _;

use jindu::io::json::Document;
use jindu::io::ReadOptions;
use jindu::level::{LoadOptions, Loading, Period};
use jindu::{DateTime, Project, Schedule};

use crate::{print_out, Failure, Output as Format};

/// A date-time or a bare date (midnight), for `--from` / `--to`.
fn when(name: &str, v: &str) -> Result<DateTime, Failure> {
    DateTime::parse_day_or_time(v).map_err(|_| {
        Failure::Usage(format!(
            "{name} takes a date (2026-03-02) or datetime (2026-03-02T08:00), not {v:?}"
        ))
    })
}

/// Runs `jindu load` with the arguments after the command name.
pub(crate) fn run(args: &[String]) -> Result<(), Failure> {
    let mut files = Vec::new();
    let mut format = Format::Json;
    let mut opts = LoadOptions::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match a.as_str() {
            "--format" => format = Format::parse(&value(a)?)?,
            "--by" => {
                let v = value(a)?;
                opts.period = v.parse::<Period>().map_err(|_| {
                    Failure::Usage(format!("--by takes hour, day, week or month, not {v:?}"))
                })?;
            }
            "--from" => opts.from = Some(when(a, &value(a)?)?),
            "--to" => opts.to = Some(when(a, &value(a)?)?),
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            s => files.push(s.to_owned()),
        }
    }
    if files.is_empty() {
        return Err(Failure::Usage("load needs at least one FILE".into()));
    }
    let mut docs: Vec<(Project, Schedule)> = Vec::with_capacity(files.len());
    for f in &files {
        let doc: Document = crate::load(f, ReadOptions::default())?.into();
        let s = jindu::schedule(&doc.project, &doc.options)?;
        docs.push((doc.project, s));
    }
    let refs: Vec<(&Project, &Schedule)> = docs.iter().map(|(p, s)| (p, s)).collect();
    let l = jindu::level::load(&refs, &opts)?;
    warn_conflicts(&files, &l.conflicts);
    let text = match format {
        Format::Json => serde_json::to_string(&l).expect("a loading serialises") + "\n",
        Format::Table => table(&l),
    };
    print_out(&text)
}

/// A warning on standard error for each pooled resource a later file defines differently.
pub(crate) fn warn_conflicts(files: &[String], conflicts: &[jindu::level::PoolConflict]) {
    for c in conflicts {
        eprintln!(
            "jindu: warning: resource `{}` is defined differently in {} ({}); {}'s definition is used",
            c.id,
            files[c.project],
            c.fields.join(", "),
            files[c.used]
        );
    }
}

/// Hours of `minutes`, with one decimal.
fn hours(minutes: i64) -> String {
    format!("{:.1}", minutes as f64 / 60.0)
}

/// One row per resource and period (work and capacity in hours, load in percent; `*` marks an
/// overallocated period), then the overallocations with the tasks causing them.
fn table(l: &Loading) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "loading by {} from {} to {}", l.period, l.from.0, l.to.0);
    let _ = writeln!(
        s,
        "{:<16} {:<19} {:>9} {:>9} {:>7} {:>9}",
        "resource", "period", "work h", "cap h", "load %", "quantity"
    );
    for r in &l.resources {
        for p in &r.periods {
            let load = p
                .load_percent
                .map_or_else(|| "-".to_owned(), |x| format!("{x:.0}"));
            let _ = writeln!(
                s,
                "{:<16} {:<19} {:>9} {:>9} {:>7}{} {:>8}",
                r.id,
                p.start.0.to_string(),
                hours(p.work_minutes),
                hours(p.capacity_minutes),
                load,
                if p.overallocated { "*" } else { " " },
                if r.kind == "material" {
                    format!("{:.2}", p.quantity)
                } else {
                    "-".to_owned()
                },
            );
        }
    }
    let overs: Vec<_> = l
        .resources
        .iter()
        .flat_map(|r| r.overallocations.iter().map(move |o| (r, o)))
        .collect();
    if !overs.is_empty() {
        let _ = writeln!(s, "\noverallocations");
        for (r, o) in overs {
            let tasks: Vec<String> = o
                .tasks
                .iter()
                .map(|t| format!("{}:{} {:.0}%", t.project_name, t.task, t.units))
                .collect();
            let _ = writeln!(
                s,
                "{:<16} {} – {}  {:.0}% of {}%  {}",
                r.id,
                o.start.0,
                o.finish.0,
                o.peak_units,
                o.max_units,
                tasks.join(", ")
            );
        }
    }
    s
}
