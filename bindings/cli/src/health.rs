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

/// Runs `jindu health` with the arguments after the command name.
pub(crate) fn run(args: &[String]) -> Result<(), Failure> {
    let mut file = None;
    let mut format = Format::Json;
    let mut status: Option<DateTime> = None;
    let mut baseline = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| Failure::Usage(format!("{name} needs a value")))
        };
        match a.as_str() {
            "--format" => format = Format::parse(&value(a)?)?,
            "--status-date" => {
                let v = value(a)?;
                status = Some(v.parse().map_err(|_| {
                    Failure::Usage(format!(
                        "--status-date takes a datetime (2026-03-31T17:00), not {v:?}"
                    ))
                })?);
            }
            "--baseline" => {
                let v = value(a)?;
                baseline = Some(v.parse::<u8>().map_err(|_| {
                    Failure::Usage(format!("--baseline takes a number 0-255, not {v:?}"))
                })?);
            }
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            s if file.is_none() => file = Some(s.to_owned()),
            s => return Err(Failure::Usage(format!("unexpected argument {s:?}"))),
        }
    }
    let file = file.ok_or_else(|| Failure::Usage("health needs a FILE".into()))?;
    let doc: Document = load(&file, ReadOptions::default())?.into();
    let opts = HealthOptions {
        schedule: doc.options,
        status_date: status,
        baseline,
        ..HealthOptions::default()
    };
    let h = jindu::risk::assess(&doc.project, &opts)?;
    let text = match format {
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
