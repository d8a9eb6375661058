//! `jindu scores FILE`: a 0–100 risk score per task and milestone with the factors behind it,
//! the project roll-up and the ranked warnings (see `jindu::risk::scores`).
//!
//! Prints the scores as JSON or a table (one row per task, highest score first, then the
//! warnings, at most `--max-warnings`, 50 by default). `--default-range LOW,HIGH` gives the
//! tasks without an estimate a triangular range for the spread factor and the Monte Carlo. The exit code is 0 whatever the scores: it is a report.

use std::fmt::Write as _;

use jindu::io::json::Document;
use jindu::io::ReadOptions;
use jindu::risk::{RiskScores, ScoreOptions};
use jindu::DateTime;

use crate::{load, print_out, Failure, Output as Format};

/// Runs `jindu scores` with the arguments after the command name.
pub(crate) fn run(args: &[String]) -> Result<(), Failure> {
    let mut file = None;
    let mut format = Format::Json;
    let mut opts = ScoreOptions::default();
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
                opts.status_date = Some(DateTime::parse_day_or_time(&v).map_err(|_| {
                    Failure::Usage(format!(
                        "--status-date takes a datetime (2026-03-31T17:00), not {v:?}"
                    ))
                })?);
            }
            "--baseline" => {
                let v = value(a)?;
                opts.baseline = Some(v.parse::<u8>().map_err(|_| {
                    Failure::Usage(format!("--baseline takes a number 0-255, not {v:?}"))
                })?);
            }
            "--iterations" => {
                let v = value(a)?;
                opts.iterations = v.parse().map_err(|_| {
                    Failure::Usage(format!("--iterations takes a whole number, not {v:?}"))
                })?;
            }
            "--seed" => {
                let v = value(a)?;
                opts.seed = v.parse().map_err(|_| {
                    Failure::Usage(format!("--seed takes a whole number, not {v:?}"))
                })?;
            }
            "--max-warnings" => {
                let v = value(a)?;
                opts.max_warnings = v.parse().map_err(|_| {
                    Failure::Usage(format!("--max-warnings takes a whole number, not {v:?}"))
                })?;
            }
            "--default-range" => {
                opts.default_estimate = Some(crate::risk::default_range(&value(a)?)?);
            }
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            s if file.is_none() => file = Some(s.to_owned()),
            s => return Err(Failure::Usage(format!("unexpected argument {s:?}"))),
        }
    }
    let file = file.ok_or_else(|| Failure::Usage("scores needs a FILE".into()))?;
    let doc: Document = load(&file, ReadOptions::default())?.into();
    let s = jindu::risk::assess_scores(&doc.project, &doc.options, &opts)?;
    let text = match format {
        Format::Json => s.to_json() + "\n",
        Format::Table => table(&s),
    };
    print_out(&text)
}

/// One row per task (highest score first): score, id, its three largest factors; then the
/// roll-up and the warnings.
fn table(s: &RiskScores) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{:>5}  {:<16} top factors (points)", "score", "task");
    let mut tasks: Vec<_> = s.tasks.iter().collect();
    tasks.sort_by(|a, b| b.score.total_cmp(&a.score));
    for t in tasks {
        let mut f: Vec<_> = t.factors.iter().filter(|f| f.points > 0.0).collect();
        f.sort_by(|a, b| b.points.total_cmp(&a.points));
        let top: Vec<String> = f
            .iter()
            .take(3)
            .map(|f| format!("{} {:.1}", f.code, f.points))
            .collect();
        let _ = writeln!(out, "{:>5.1}  {:<16} {}", t.score, t.id, top.join(", "));
    }
    let _ = writeln!(
        out,
        "\nproject {:.1} (top decile mean), max {:.1}, mean {:.1}",
        s.score, s.max, s.mean
    );
    if !s.warnings.is_empty() {
        let _ = writeln!(out, "\nwarnings:");
        for w in &s.warnings {
            let sev = if w.severity == jindu::risk::Severity::High {
                "high"
            } else {
                "medium"
            };
            let _ = writeln!(out, "  {sev:<6} {:<16} {}", w.code, w.message);
        }
        if s.warnings_dropped > 0 {
            let _ = writeln!(
                out,
                "  … and {} more (--max-warnings {})",
                s.warnings_dropped,
                s.warnings.len()
            );
        }
    }
    out
}
