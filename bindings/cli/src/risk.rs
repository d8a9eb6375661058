//! `jindu risk FILE`: Monte Carlo schedule risk analysis of a document's estimates, risk
//! register and correlations.

use jindu::risk::{DefaultEstimate, RiskOptions, RiskReport, Shape};
use jindu::DateTime;

use jindu::io::json::Document;
use jindu::io::ReadOptions;

use crate::table::left;
use crate::{load, Failure, Output as Format};

/// `--default-range LOW,HIGH` (e.g. `-10,25`): a triangular range of percents below and above
/// each unestimated task's duration (`jindu risk` and `jindu scores`).
pub(crate) fn default_range(v: &str) -> Result<DefaultEstimate, String> {
    let parsed = v.split_once(',').and_then(|(lo, hi)| {
        Some((
            lo.trim().parse::<i32>().ok()?,
            hi.trim().parse::<i32>().ok()?,
        ))
    });
    let Some((lo, hi)) = parsed else {
        return Err(format!("takes LOW,HIGH percents (e.g. -10,25), not {v:?}"));
    };
    Ok(DefaultEstimate::Range {
        optimistic_percent: lo,
        pessimistic_percent: hi,
        shape: Shape::Triangular,
    })
}

/// `jindu risk`.
#[derive(clap::Args)]
#[command(after_help = "\
Runs a Monte Carlo simulation of the document's estimates, risks and correlations and prints the
finish distribution (working days from the project start, percentiles as datetimes), the chance
of meeting --target, and per task the criticality index and sensitivity. The same seed gives the
same output.")]
pub(crate) struct RiskArgs {
    /// The plan (one: its risk model is the document's own)
    #[arg(value_name = "FILE")]
    file: String,
    /// More files: refused, saying why
    #[arg(hide = true)]
    more: Vec<String>,
    /// Monte Carlo iterations
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = whole)]
    iterations: u64,
    /// The random seed
    #[arg(long, value_name = "S", default_value_t = 1, value_parser = whole)]
    seed: u64,
    /// The date-time whose probability of finishing by is reported
    #[arg(long, value_name = "DATETIME", value_parser = datetime)]
    target: Option<DateTime>,
    /// Threads (default: all cores)
    #[arg(long, value_name = "T", value_parser = whole)]
    threads: Option<u64>,
    /// A triangular range in percent for tasks without an estimate (e.g. -10,25)
    #[arg(long, value_name = "LOW,HIGH", allow_hyphen_values = true, value_parser = default_range)]
    default_range: Option<DefaultEstimate>,
    /// JSON or a table
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
}

/// A whole number, for a flag's value parser.
pub(crate) fn whole(v: &str) -> Result<u64, String> {
    v.parse::<u64>()
        .map_err(|_| format!("takes a whole number, not {v:?}"))
}

/// A date-time such as `2026-03-31T17:00`, for a flag's value parser.
pub(crate) fn datetime(v: &str) -> Result<DateTime, String> {
    v.parse::<DateTime>()
        .map_err(|_| format!("takes a datetime (2026-03-31T17:00), not {v:?}"))
}

/// Runs `jindu risk`.
pub(crate) fn run(a: RiskArgs) -> Result<(), Failure> {
    let file = crate::one_file(
        "risk",
        &a.file,
        &a.more,
        "a simulation samples one plan's own risk model; run it once per file",
    )?;
    let mut opts = RiskOptions {
        limits: crate::limits()?,
        iterations: a.iterations,
        seed: a.seed,
        target: a.target,
        default_estimate: a.default_range,
        ..RiskOptions::default()
    };
    if let Some(t) = a.threads {
        opts.threads = t as usize;
    }
    let doc: Document = load(file, ReadOptions::default())?.into();
    opts.schedule = doc.options;
    let mut bar = crate::progress::Bar::steps("simulating");
    let mut tick = |p: &jindu::risk::Progress| bar.set(p.done, p.total);
    let control = jindu::risk::Control {
        progress: Some(&mut tick),
        cancel: None,
    };
    let r = jindu::risk::simulate(&doc.project, &opts, control)?;
    drop(bar);
    let text = match a.format {
        Format::Json => r.to_json() + "\n",
        Format::Table => table(&r),
    };
    crate::print_out(&text)
}

/// The report for people: the finish percentiles, the chance of the target, the most critical
/// tasks and the tornado.
fn table(r: &RiskReport) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let f = &r.finish;
    let _ = writeln!(
        s,
        "iterations {}  seed {}  ({:?})",
        r.iterations, r.seed, r.stopped
    );
    let _ = writeln!(
        s,
        "finish: mean {:.2} working days (std {:.2}) from {}",
        f.mean_working_days, f.std_working_days, r.project_start
    );
    let _ = writeln!(
        s,
        "  deterministic {}  (P = {:.3})",
        f.deterministic, f.probability_deterministic
    );
    for (p, d) in [
        ("P10", &f.p10),
        ("P50", &f.p50),
        ("P80", &f.p80),
        ("P90", &f.p90),
    ] {
        let _ = writeln!(s, "  {p}  {d}");
    }
    if let (Some(t), Some(p)) = (&r.target, r.probability_on_time) {
        let _ = writeln!(s, "P(finish by {t}) = {p:.3}");
    }
    for d in &r.deadlines {
        let _ = writeln!(
            s,
            "P({} by its deadline {}) = {:.3}",
            d.id, d.deadline, d.probability_on_time
        );
    }
    let mut tasks: Vec<_> = r.tasks.iter().collect();
    tasks.sort_by(|a, b| {
        b.criticality_index
            .total_cmp(&a.criticality_index)
            .then_with(|| a.id.cmp(&b.id))
    });
    let _ = writeln!(
        s,
        "\n{} {:>11} {:>11} {:>8} {:>10}",
        left("task", 20),
        "criticality",
        "sensitivity",
        "ssi",
        "cruciality"
    );
    for t in tasks.iter().take(20) {
        let _ = writeln!(
            s,
            "{} {:>11.3} {:>11.3} {:>8.3} {:>10.3}",
            left(&t.id, 20),
            t.criticality_index,
            t.sensitivity,
            t.ssi,
            t.cruciality
        );
    }
    if !r.risks.is_empty() {
        let _ = writeln!(
            s,
            "\n{} {:>8} {:>14} {:>12}",
            left("risk", 20),
            "occurred",
            "impact (days)",
            "correlation"
        );
        for k in &r.risks {
            let _ = writeln!(
                s,
                "{} {:>8.3} {:>14.2} {:>12.3}",
                left(&k.id, 20),
                k.occurred,
                k.impact_working_days,
                k.correlation
            );
        }
    }
    if !r.tornado.is_empty() {
        let _ = writeln!(s, "\ntornado (Spearman with the finish)");
        for d in &r.tornado {
            let _ = writeln!(s, "  {} {:>7.3}", left(&d.id, 20), d.correlation);
        }
    }
    s
}
