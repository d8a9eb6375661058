//! Tracking from a shell: `jindu track`, `evm`, `alerts`, `buffers`, `variance`, `report`,
//! `client` and `whatif` (see `jindu::track`).
//!
//! Each reads one project file (any format `jindu` reads), measures it at the status date
//! (`--status-date`, else the document's own) against a baseline (`--baseline N`, else the
//! first, else the schedule without progress) and prints JSON, or a table, Markdown, HTML or
//! a chat-bot payload where the command offers one.

use std::fmt::Write as _;

use jindu::io::json::Document;
use jindu::io::ReadOptions;
use jindu::track::{
    self, Alert, ChangeSet, EacMethod, IeacMethod, Lang, Metrics, PeriodKind, ReportOptions, Shape,
    Status, TrackOptions, Webhook,
};

use crate::{load, read_bytes, write_out, Failure};

/// The usage lines of the tracking commands (a literal, for `concat!` in main.rs).
macro_rules! track_usage {
    () => {
        "\
       jindu track FILE [TRACK OPTIONS] [ALERT OPTIONS] [--lang en|zh-CN] [--format json|table]
       jindu evm FILE [TRACK OPTIONS] [--eac cpi|planned_rate|cpi_spi]
                      [--ieac spi_t|planned_rate|cpi_spi_t] [--format json|table]
       jindu alerts FILE [TRACK OPTIONS] [ALERT OPTIONS] [--since SNAPSHOT] [--lang en|zh-CN]
                         [--format json|table|dingtalk|wecom|feishu]
       jindu buffers FILE [TRACK OPTIONS]
       jindu variance FILE [TRACK OPTIONS]
       jindu report FILE [TRACK OPTIONS] [ALERT OPTIONS] [--period day|week|month]
                         [--lang en|zh-CN] [--currency CODE] [--client]
                         [--format json|markdown|html]
       jindu client FILE [TRACK OPTIONS] [--period day|week|month] [--lang en|zh-CN]
       jindu whatif FILE CHANGES.json [TRACK OPTIONS] [--format json|table]
       jindu compare BEFORE AFTER [--format json|table]
TRACK OPTIONS: [--status-date YYYY-MM-DDTHH:MM] [--baseline N]
ALERT OPTIONS: [--alert NAME=VALUE]... [--disable CODE]...
  NAME: deadline_days, late_hours, float_consumed_percent, overallocation_days, spi_below,
  cpi_below, work_overrun_percent; CODE: an alert rule's code (e.g. float_consumed)"
    };
}

/// What the tracking commands say about themselves in the help text.
macro_rules! track_help {
    () => {
        "\
track prints earned value, variance, alerts and buffers at the status date in one JSON object
(or a summary table); evm prints the project's earned value and earned schedule (pv, ev, ac,
sv, cv, spi, cpi, eac, es_working_days, spi_t, forecast_finish, ...) and the same per task
under \"tasks\"; alerts prints the alert rules' findings (or a DingTalk, WeCom or Feishu bot
message; --since measures critical_path_changed against an earlier version of the plan instead
of the baseline); report prints the status report for the period ending at the status date; client
prints the client's view (nothing marked internal, no costs); whatif applies a change set
({\"changes\": [{\"op\": \"set_duration\", \"task\": \"B\", \"duration\": \"7d\"}, ...]}) to a
copy and prints what moved, finish_delta_minutes, critical_path_changed and the buffer;
compare schedules two versions of a plan (any formats) and prints what moved, what was added
or removed, finish_delta_minutes and how the critical path changed."
    };
}

/// The commands this module runs.
pub const COMMANDS: &[&str] = &[
    "track", "evm", "alerts", "buffers", "variance", "report", "client", "whatif", "compare",
];

/// The parsed command line of a tracking command.
#[derive(Default)]
struct Args {
    files: Vec<String>,
    /// `alerts --since`: an earlier version of the plan.
    since: Option<String>,
    track: TrackOptions,
    report: ReportOptions,
    format: Option<String>,
}

/// The options `cmd` takes besides `--status-date` and `--baseline`.
fn allowed(cmd: &str) -> &'static [&'static str] {
    match cmd {
        "track" => &["--lang", "--format", "--alert", "--disable"],
        "evm" => &["--eac", "--ieac", "--format"],
        "alerts" => &["--lang", "--format", "--alert", "--disable", "--since"],
        "report" => &[
            "--period",
            "--lang",
            "--currency",
            "--client",
            "--format",
            "--alert",
            "--disable",
        ],
        "client" => &["--period", "--lang", "--currency"],
        "whatif" => &["--format"],
        "compare" => &["--format"],
        _ => &[],
    }
}

fn parse(cmd: &str, args: &[String]) -> Result<Args, Failure> {
    let mut a = Args::default();
    // `--alert NAME=VALUE` and `--disable CODE`, read by the core's `AlertRequest`.
    let mut alerts = serde_json::Map::new();
    let mut disabled = Vec::new();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let s = flag.as_str();
        if !s.starts_with("--") || s == "-" {
            a.files.push(s.to_owned());
            continue;
        }
        let measured = cmd != "compare" && matches!(s, "--status-date" | "--baseline");
        if !measured && !allowed(cmd).contains(&s) {
            return Err(Failure::Usage(format!("{cmd}: unknown option {s}")));
        }
        if s == "--client" {
            a.report.client = true;
            continue;
        }
        let v = it
            .next()
            .ok_or_else(|| Failure::Usage(format!("{s} needs a value")))?;
        match s {
            "--status-date" => a.track.status_date = Some(v.parse()?),
            "--baseline" => {
                let n = v.parse::<u8>().map_err(|_| {
                    Failure::Usage(format!("--baseline takes a number 0-255, not {v:?}"))
                })?;
                a.track.baseline = Some(n);
            }
            "--eac" => a.track.eac = v.parse::<EacMethod>()?,
            "--ieac" => a.track.ieac = v.parse::<IeacMethod>()?,
            "--period" => a.report.period = v.parse::<PeriodKind>()?,
            "--lang" => a.report.lang = v.parse::<Lang>()?,
            "--currency" => a.report.currency = Some(v.clone()),
            "--format" => a.format = Some(v.clone()),
            "--alert" => {
                let (name, value) = v
                    .split_once('=')
                    .and_then(|(n, x)| Some((n, x.parse::<f64>().ok()?)))
                    .ok_or_else(|| {
                        Failure::Usage(format!("--alert takes NAME=NUMBER, not {v:?}"))
                    })?;
                let value = if name == "overallocation_days" && value.fract() == 0.0 {
                    serde_json::Value::from(value as i64)
                } else {
                    serde_json::Value::from(value)
                };
                alerts.insert(name.to_owned(), value);
            }
            "--disable" => disabled.push(serde_json::Value::from(v.as_str())),
            "--since" => a.since = Some(v.clone()),
            _ => unreachable!("only allowed options get here"),
        }
    }
    if !alerts.is_empty() || !disabled.is_empty() {
        if !disabled.is_empty() {
            alerts.insert("disabled".into(), disabled.into());
        }
        let text = serde_json::Value::Object(alerts).to_string();
        a.track.alerts = track::AlertRequest::from_json(&text)
            .and_then(|r| r.to_core())
            .map_err(|e| Failure::Usage(format!("--alert/--disable: {e}")))?;
    }
    let want = if matches!(cmd, "whatif" | "compare") {
        2
    } else {
        1
    };
    if a.files.len() != want {
        return Err(Failure::Usage(match cmd {
            "whatif" => "whatif takes FILE and CHANGES".into(),
            "compare" => "compare takes BEFORE and AFTER".into(),
            _ => format!("{cmd} takes one FILE"),
        }));
    }
    Ok(a)
}

fn bad_format(cmd: &str, f: &str, expected: &str) -> Failure {
    Failure::Usage(format!("{cmd}: unknown format {f:?}: expected {expected}"))
}

fn json(v: &impl serde::Serialize) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("tracking results serialise");
    s.push('\n');
    s
}

/// Runs tracking command `cmd` with `args` (after the command's name).
pub fn run(cmd: &str, args: &[String]) -> Result<(), Failure> {
    let a = parse(cmd, args)?;
    let doc: Document = load(&a.files[0], ReadOptions::default())?.into();
    let (p, o) = (&doc.project, &doc.options);
    let format = a.format.as_deref();
    let day = p.settings().minutes_per_day;
    let text = match cmd {
        "compare" => {
            let after: Document = load(&a.files[1], ReadOptions::default())?.into();
            let c = track::compare_documents(&doc, &after)?;
            match format.unwrap_or("json") {
                "json" => json(&c),
                "table" => {
                    let mut out = comparison_summary(
                        &c,
                        &jindu::Duration::minutes_work(c.finish_delta_minutes)
                            .display(after.project.settings())
                            .to_string(),
                    );
                    out.push_str(&moved_table(&c));
                    out
                }
                f => return Err(bad_format(cmd, f, "json or table")),
            }
        }
        "whatif" => {
            let bytes = read_bytes(&a.files[1])?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Failure::Io(format!("{} is not UTF-8 text", a.files[1])))?;
            let changes = ChangeSet::from_json(&text)?;
            let w = track::whatif(p, o, &changes, &a.track)?;
            match format.unwrap_or("json") {
                "json" => json(&w),
                "table" => whatif_table(&w),
                f => return Err(bad_format(cmd, f, "json or table")),
            }
        }
        _ => {
            let st = Status::new(p, o, &a.track)?;
            let lang = a.report.lang;
            match (cmd, format) {
                ("track", None | Some("json")) => json(&serde_json::json!({
                    "evm": st.evm(),
                    "variance": st.variance(),
                    "alerts": st.alerts(lang),
                    "buffers": st.buffers(),
                })),
                ("track", Some("table")) => {
                    let mut s = evm_table(p.name(), &st);
                    s.push('\n');
                    s.push_str(&alerts_table(&st.alerts(lang), lang));
                    s
                }
                ("track", Some(f)) => return Err(bad_format(cmd, f, "json or table")),
                ("evm", None | Some("json")) => json(&st.evm()),
                ("evm", Some("table")) => evm_table(p.name(), &st),
                ("evm", Some(f)) => return Err(bad_format(cmd, f, "json or table")),
                ("alerts", f) => {
                    let alerts = match &a.since {
                        Some(file) => {
                            let snap: Document = load(file, ReadOptions::default())?.into();
                            st.alerts_since_document(lang, &snap)?
                        }
                        None => st.alerts(lang),
                    };
                    match f.unwrap_or("json") {
                        "json" => json(&alerts),
                        "table" => alerts_table(&alerts, lang),
                        w => match w.parse::<Webhook>() {
                            Ok(hook) => json(&hook.alerts(p.name(), &alerts, lang)),
                            Err(_) => {
                                return Err(bad_format(
                                    cmd,
                                    w,
                                    "json, table, dingtalk, wecom or feishu",
                                ))
                            }
                        },
                    }
                }
                ("buffers", _) => json(&st.buffers()),
                ("variance", _) => json(&st.variance()),
                ("report", f) => {
                    let shape = f.unwrap_or("json").parse::<Shape>()?;
                    if shape == Shape::Html {
                        // A whole page with the Gantt, EVM and fever charts inline.
                        jindu::render::report_page(&doc, &a.track, &a.report)?
                    } else {
                        st.report(&a.report).render(shape, day)
                    }
                }
                ("client", _) => json(&st.client_view(&a.report)),
                _ => unreachable!("main dispatches only tracking commands here"),
            }
        }
    };
    write_out("-", &text)
}

/// Aligned columns, the first left-aligned, the rest right-aligned.
fn columns(rows: &[Vec<String>]) -> String {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut w = vec![0; n];
    for r in rows {
        for (k, c) in r.iter().enumerate() {
            w[k] = w[k].max(c.chars().count());
        }
    }
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (k, c) in r.iter().enumerate() {
            let pad = " ".repeat(w[k] - c.chars().count());
            if k > 0 {
                line.push_str("  ");
            }
            if k < 2 {
                line.push_str(c);
                line.push_str(&pad);
            } else {
                line.push_str(&pad);
                line.push_str(c);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn num(v: f64) -> String {
    if v == v.round() && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

fn opt(v: Option<f64>, places: usize) -> String {
    v.map_or_else(|| "-".into(), |v| format!("{v:.places$}"))
}

fn row(id: &str, name: &str, m: &Metrics) -> Vec<String> {
    vec![
        id.to_owned(),
        name.to_owned(),
        num(m.bac),
        num(m.pv),
        num(m.ev),
        m.ac.map_or_else(|| "-".into(), num),
        opt(m.spi, 2),
        opt(m.cpi, 2),
        opt(m.es_working_days, 1),
        opt(m.spi_t, 2),
        m.forecast_finish
            .map_or_else(|| "-".into(), |d| d.0.to_string()[..16].replace('T', " ")),
    ]
}

/// The project's and every task's earned value as a table.
fn evm_table(name: &str, st: &Status<'_>) -> String {
    let e = st.evm();
    let mut rows = vec![[
        "ID", "Task", "BAC", "PV", "EV", "AC", "SPI", "CPI", "ES (d)", "SPI(t)", "Forecast",
    ]
    .map(String::from)
    .to_vec()];
    rows.push(row("", name, &e.project));
    for t in &e.tasks {
        rows.push(row(&t.id, &t.name, &t.metrics));
    }
    let mut out = format!(
        "Earned value at {} ({} basis{})\n",
        e.status_date.0.to_string()[..16].replace('T', " "),
        match e.basis {
            track::Basis::Cost => "cost",
            track::Basis::Duration => "hours",
        },
        e.baseline
            .map_or_else(|| ", no baseline".into(), |n| format!(", baseline {n}"))
    );
    out.push_str(&columns(&rows));
    out
}

fn alerts_table(alerts: &[Alert], lang: Lang) -> String {
    if alerts.is_empty() {
        return match lang {
            Lang::ZhCn => "无预警。\n",
            _ => "No alerts.\n",
        }
        .to_owned();
    }
    let mut out = String::new();
    for a in alerts {
        let sev = match a.severity {
            track::Severity::Critical => "critical",
            track::Severity::Warning => "warning",
            track::Severity::Info => "info",
        };
        let _ = writeln!(out, "{sev:<8}  {:<22}  {}", a.code, a.message);
    }
    out
}

/// The first line of a comparison: the finish before and after, its delta, and whether the
/// critical path changed.
fn comparison_summary(c: &track::Comparison, delta: &str) -> String {
    format!(
        "finish {} -> {} ({}{}), critical path {}\n",
        c.project_finish[0].0,
        c.project_finish[1].0,
        if c.finish_delta_minutes > 0 { "+" } else { "" },
        delta,
        if c.critical_path_changed {
            "changed"
        } else {
            "unchanged"
        }
    )
}

/// The tasks that moved, with their deltas in working minutes, and those added or removed.
fn moved_table(c: &track::Comparison) -> String {
    let mut out = String::new();
    let mut rows = vec![["ID", "Task", "Start delta", "Finish delta"]
        .map(String::from)
        .to_vec()];
    for m in &c.moved {
        rows.push(vec![
            m.id.clone(),
            m.name.clone(),
            m.start_delta_minutes.to_string(),
            m.finish_delta_minutes.to_string(),
        ]);
    }
    if rows.len() > 1 {
        out.push_str(&columns(&rows));
    }
    for (what, ids) in [("added", &c.added), ("removed", &c.removed)] {
        if !ids.is_empty() {
            let _ = writeln!(out, "{what}: {}", ids.join(", "));
        }
    }
    out
}

fn whatif_table(w: &track::WhatIf) -> String {
    let c = &w.comparison;
    let mut out = format!(
        "{} change(s): {}",
        w.changes,
        comparison_summary(c, &w.finish_delta)
    );
    let _ = writeln!(
        out,
        "buffer: {} of {} working minutes used after the change{}",
        w.buffer.consumed_after_minutes,
        w.buffer.size_minutes,
        if w.exceeds_buffer {
            ": beyond the buffer"
        } else {
            ""
        }
    );
    out.push_str(&moved_table(c));
    out
}
