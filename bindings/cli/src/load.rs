//! `jindu load FILE...`: resource loading per period; several files are a portfolio sharing
//! one resource pool (the same resource id in two files is one resource).

use std::fmt::Write as _;

use jindu::io::json::Document;
use jindu::io::ReadOptions;
use jindu::level::{LoadOptions, Loading, Period};
use jindu::{DateTime, Project, Schedule};

use crate::{print_out, Failure, Output as Format};

/// `jindu load`.
#[derive(clap::Args)]
#[command(after_help = "\
Prints each resource's work, capacity and load per period and the intervals where it is
overallocated, with the tasks causing them. Several FILEs are a portfolio: the same resource id
in two files is one pooled resource.")]
pub(crate) struct LoadArgs {
    /// The plans (a portfolio sharing resources by id)
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// The period
    #[arg(long, value_name = "PERIOD", default_value = "week", value_parser = period)]
    by: Period,
    /// From this date or date-time (default: the first start)
    #[arg(long, value_name = "DATE", value_parser = when)]
    from: Option<DateTime>,
    /// To this date or date-time (default: the last finish)
    #[arg(long, value_name = "DATE", value_parser = when)]
    to: Option<DateTime>,
    /// JSON or a table
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

/// A loading period, for `--by`.
fn period(v: &str) -> Result<Period, String> {
    v.parse::<Period>()
        .map_err(|_| format!("takes hour, day, week or month, not {v:?}"))
}

/// A date-time or a bare date (midnight), for `--from` / `--to`.
fn when(v: &str) -> Result<DateTime, String> {
    DateTime::parse_day_or_time(v)
        .map_err(|_| format!("takes a date (2026-03-02) or datetime (2026-03-02T08:00), not {v:?}"))
}

/// Runs `jindu load`.
pub(crate) fn run(a: LoadArgs) -> Result<(), Failure> {
    let opts = LoadOptions {
        period: a.by,
        from: a.from,
        to: a.to,
    };
    let files = &a.files;
    let mut docs: Vec<(Project, Schedule)> = Vec::with_capacity(files.len());
    for f in files {
        let doc: Document = crate::load(f, ReadOptions::default())?.into();
        let s = jindu::schedule(&doc.project, &doc.options)?;
        docs.push((doc.project, s));
    }
    let refs: Vec<(&Project, &Schedule)> = docs.iter().map(|(p, s)| (p, s)).collect();
    let l = jindu::level::load(&refs, &opts)?;
    warn_conflicts(files, &l.conflicts);
    let text = match a.format {
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
/// overallocated period; a cost column when any resource has a cost), then the
/// overallocations with the tasks causing them.
fn table(l: &Loading) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "loading by {} from {} to {}", l.period, l.from.0, l.to.0);
    let costed = l.resources.iter().any(|r| r.cost.is_some());
    let _ = write!(
        s,
        "{} {:<19} {:>9} {:>9} {:>7} {:>9}",
        crate::table::left("resource", 16),
        "period",
        "work h",
        "cap h",
        "load %",
        "quantity"
    );
    let _ = writeln!(s, "{}", if costed { "        cost" } else { "" });
    for r in &l.resources {
        for p in &r.periods {
            let load = p
                .load_percent
                .map_or_else(|| "-".to_owned(), |x| format!("{x:.0}"));
            let _ = write!(
                s,
                "{} {:<19} {:>9} {:>9} {:>7}{} {:>8}",
                crate::table::left(&r.id, 16),
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
            let cost = if !costed {
                String::new()
            } else {
                p.cost
                    .map_or_else(|| "-".to_owned(), |c| format!("{:.2}", c.value()))
            };
            let _ = writeln!(s, "{}", if costed { format!(" {cost:>11}") } else { cost });
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
                "{} {} – {}  {:.0}% of {}%  {}",
                crate::table::left(&r.id, 16),
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
