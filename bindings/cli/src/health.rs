//! `jindu health FILE`: the DCMA 14-point schedule health check (see `jindu::risk::health`).
//!
//! Prints the assessment as JSON (every check with its metric, threshold, status and offending
//! tasks) or a table, one row per check. The exit code is 0 whether checks pass or fail: it is
//! a report; only a file that cannot be read or scheduled is an error.

use std::fmt::Write as _;

use jindu::io::json::Document;
use jindu::io::ReadOptions;
use jindu::risk::{Health, HealthOptions};
use jindu::DateTime;

use crate::{load, print_out, Failure, Output as Format};

/// `jindu health`.
#[derive(clap::Args)]
#[command(after_help = "\
The checks: logic, leads, lags, relationship types, hard constraints, high and negative float,
high duration, invalid dates, resources, missed tasks, critical path test, CPLI and BEI, each
with its metric, threshold, status and offending tasks. The exit status is 0 whether checks pass
or fail: it is a report.")]
pub(crate) struct HealthArgs {
    /// The plan (one: the assessment measures one schedule)
    #[arg(value_name = "FILE")]
    file: String,
    /// More files: refused, saying why
    #[arg(hide = true)]
    more: Vec<String>,
    /// The status date (default: the document's)
    #[arg(long, value_name = "DATETIME", value_parser = crate::risk::datetime)]
    status_date: Option<DateTime>,
    /// The baseline to measure against (default: the first)
    #[arg(long, value_name = "N", value_parser = baseline)]
    baseline: Option<u8>,
    /// JSON or a table
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

/// A baseline number, for a flag's value parser.
pub(crate) fn baseline(v: &str) -> Result<u8, String> {
    v.parse::<u8>()
        .map_err(|_| format!("takes a number 0-255, not {v:?}"))
}

/// Runs `jindu health`.
pub(crate) fn run(a: HealthArgs) -> Result<(), Failure> {
    let file = crate::one_file(
        "health",
        &a.file,
        &a.more,
        "the assessment measures one schedule; run it once per file",
    )?;
    let doc: Document = load(file, ReadOptions::default())?.into();
    let opts = HealthOptions {
        schedule: doc.options,
        status_date: a.status_date,
        baseline: a.baseline,
        ..HealthOptions::default()
    };
    let h = jindu::risk::assess(&doc.project, &opts)?;
    let text = match a.format {
        Format::Json => h.to_json() + "\n",
        Format::Table => table(&h),
    };
    print_out(&text)
}

/// One row per check: number, name, metric, threshold, status, count; the additional checks
/// (dangling logic) below the fourteen; then the fourteen's totals.
fn table(h: &Health) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:>2}  {:<26} {:>8}  {:<18} {:<14} {:>5}",
        "#", "check", "metric", "threshold", "status", "count"
    );
    for (k, c) in h.checks.iter().chain(&h.additional).enumerate() {
        if k == h.checks.len() {
            let _ = writeln!(s, "    additional (not in the totals)");
        }
        let metric = match c.metric {
            None => "-".to_owned(),
            Some(m) if c.unit == "%" => format!("{m:.1}%"),
            Some(m) if c.unit == "ratio" => format!("{m:.2}"),
            Some(m) => format!("{m:.1}"),
        };
        let _ = writeln!(
            s,
            "{:>2}  {:<26} {:>8}  {:<18} {:<14} {:>5}",
            c.number,
            c.name,
            metric,
            c.threshold,
            c.status.code(),
            c.count
        );
    }
    let _ = writeln!(
        s,
        "\n{} passed, {} failed, {} not applicable (of DCMA's fourteen)",
        h.passed, h.failed, h.not_applicable
    );
    s
}
