//! `jindu risk FILE`: Monte Carlo schedule risk analysis of a document's estimates, risk
//! register and correlations.

use std::io::Write;

use jindu::risk::{DefaultEstimate, RiskOptions, RiskReport, Shape};
use jindu::DateTime;

use jindu::io::json::Document;
use jindu::io::ReadOptions;

use crate::{load, Failure, Output as Format};

/// `--default-range LOW,HIGH` (e.g. `-10,25`): a triangular range of percents below and above
/// each unestimated task's duration (`jindu risk` and `jindu scores`).
pub(crate) fn default_range(v: &str) -> Result<DefaultEstimate, Failure> {
    let parsed = v.split_once(',').and_then(|(lo, hi)| {
        Some((
            lo.trim().parse::<i32>().ok()?,
            hi.trim().parse::<i32>().ok()?,
        ))
    });
    let Some((lo, hi)) = parsed else {
        return Err(Failure::Usage(format!(
            "--default-range takes LOW,HIGH percents (e.g. -10,25), not {v:?}"
        )));
    };
    Ok(DefaultEstimate::Range {
        optimistic_percent: lo,
        pessimistic_percent: hi,
        shape: Shape::Triangular,
    })
}

/// Runs `jindu risk` with the arguments after the command name.
pub(crate) fn run(args: &[String]) -> Result<(), Failure> {
    let mut file = None;
    let mut format = Format::Json;
    let mut opts = RiskOptions {
        limits: crate::limits()?,
        ..RiskOptions::default()
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
                .map_err(|_| Failure::Usage(format!("{name} takes a whole number, not {v:?}")))
        };
        match a.as_str() {
            "--format" => format = Format::parse(&value(a)?)?,
            "--iterations" => opts.iterations = number(a, value(a)?)?,
            "--seed" => opts.seed = number(a, value(a)?)?,
            "--threads" => opts.threads = number(a, value(a)?)? as usize,
            "--target" => {
                let v = value(a)?;
                opts.target = Some(v.parse::<DateTime>().map_err(|_| {
                    Failure::Usage(format!(
                        "--target takes a datetime (2026-03-31T17:00), not {v:?}"
                    ))
                })?);
            }
            "--default-range" => opts.default_estimate = Some(default_range(&value(a)?)?),
            s if s.starts_with("--") => return Err(Failure::Usage(format!("unknown option {s}"))),
            s if file.is_none() => file = Some(s.to_owned()),
            s => return Err(Failure::Usage(format!("unexpected argument {s:?}"))),
        }
    }
    let file = file.ok_or_else(|| Failure::Usage("risk needs a FILE".into()))?;
    let doc: Document = load(&file, ReadOptions::default())?.into();
    opts.schedule = doc.options;
    let r = jindu::risk::simulate(&doc.project, &opts, Default::default())?;
    let text = match format {
        Format::Json => r.to_json() + "\n",
        Format::Table => table(&r),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|_| out.flush())
        .map_err(|e| Failure::Io(format!("cannot write output: {e}")))
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
        "\n{:<20} {:>11} {:>11} {:>8} {:>10}",
        "task", "criticality", "sensitivity", "ssi", "cruciality"
    );
    for t in tasks.iter().take(20) {
        let _ = writeln!(
            s,
            "{:<20} {:>11.3} {:>11.3} {:>8.3} {:>10.3}",
            t.id, t.criticality_index, t.sensitivity, t.ssi, t.cruciality
        );
    }
    if !r.risks.is_empty() {
        let _ = writeln!(
            s,
            "\n{:<20} {:>8} {:>14} {:>12}",
            "risk", "occurred", "impact (days)", "correlation"
        );
        for k in &r.risks {
            let _ = writeln!(
                s,
                "{:<20} {:>8.3} {:>14.2} {:>12.3}",
                k.id, k.occurred, k.impact_working_days, k.correlation
            );
        }
    }
    if !r.tornado.is_empty() {
        let _ = writeln!(s, "\ntornado (Spearman with the finish)");
        for d in &r.tornado {
            let _ = writeln!(s, "  {:<20} {:>7.3}", d.id, d.correlation);
        }
    }
    s
}
