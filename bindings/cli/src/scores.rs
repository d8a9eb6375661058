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

/// `jindu scores`.
#[derive(clap::Args)]
#[command(after_help = "\
Factors: float, float consumed against the baseline, criticality, merge, estimate spread, hard
constraints, overallocation, deadline, lateness at the status date, each in words and numbers.
Without --iterations the criticality factor is listed as missing. The exit status is 0 whatever
the scores: it is a report.")]
pub(crate) struct ScoresArgs {
    /// The plan (one: the scores rank one plan's tasks)
    #[arg(value_name = "FILE")]
    file: String,
    /// More files: refused, saying why
    #[arg(hide = true)]
    more: Vec<String>,
    /// The status date (default: the document's)
    #[arg(long, value_name = "DATETIME", value_parser = day_or_time)]
    status_date: Option<DateTime>,
    /// The baseline to measure against (default: the first)
    #[arg(long, value_name = "N", value_parser = crate::health::baseline)]
    baseline: Option<u8>,
    /// Monte Carlo iterations for the criticality factor (default: none)
    #[arg(long, value_name = "N", value_parser = crate::risk::whole)]
    iterations: Option<u64>,
    /// The Monte Carlo's seed
    #[arg(long, value_name = "S", value_parser = crate::risk::whole)]
    seed: Option<u64>,
    /// A triangular range in percent for tasks without an estimate (e.g. -10,25)
    #[arg(long, value_name = "LOW,HIGH", allow_hyphen_values = true, value_parser = crate::risk::default_range)]
    default_range: Option<jindu::risk::DefaultEstimate>,
    /// At most this many warnings (default 50), with the count of those left out
    #[arg(long, value_name = "N", allow_hyphen_values = true, value_parser = crate::risk::whole)]
    max_warnings: Option<u64>,
    /// JSON or a table
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

/// A date-time or a bare date, for a flag's value parser.
fn day_or_time(v: &str) -> Result<DateTime, String> {
    DateTime::parse_day_or_time(v)
        .map_err(|_| format!("takes a datetime (2026-03-31T17:00), not {v:?}"))
}

/// Runs `jindu scores`.
pub(crate) fn run(a: ScoresArgs) -> Result<(), Failure> {
    let file = crate::one_file(
        "scores",
        &a.file,
        &a.more,
        "the scores rank one plan's tasks; run it once per file",
    )?;
    let mut opts = ScoreOptions {
        status_date: a.status_date,
        baseline: a.baseline,
        default_estimate: a.default_range,
        ..ScoreOptions::default()
    };
    if let Some(n) = a.iterations {
        opts.iterations = n;
    }
    if let Some(s) = a.seed {
        opts.seed = s;
    }
    if let Some(m) = a.max_warnings {
        opts.max_warnings =
            usize::try_from(m).map_err(|_| Failure::Usage("--max-warnings is too large".into()))?;
    }
    let doc: Document = load(file, ReadOptions::default())?.into();
    let s = jindu::risk::assess_scores(&doc.project, &doc.options, &opts)?;
    let text = match a.format {
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
        let _ = writeln!(
            out,
            "{:>5.1}  {} {}",
            t.score,
            crate::table::left(&t.id, 16),
            top.join(", ")
        );
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
