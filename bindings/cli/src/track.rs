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

/// `--status-date` and `--baseline`: where the tracking commands measure.
#[derive(clap::Args)]
pub(crate) struct Measure {
    /// The status date (default: the document's)
    #[arg(long, value_name = "YYYY-MM-DDTHH:MM")]
    status_date: Option<String>,
    /// The baseline (default: the first, else the schedule without progress)
    #[arg(long, value_name = "N", value_parser = crate::health::baseline)]
    baseline: Option<u8>,
}

/// `--alert NAME=VALUE` and `--disable CODE`: the alert rules' thresholds.
#[derive(clap::Args)]
pub(crate) struct AlertFlags {
    /// A threshold: deadline_days, late_hours, float_consumed_percent, overallocation_days,
    /// spi_below, cpi_below or work_overrun_percent (repeatable)
    #[arg(long = "alert", value_name = "NAME=VALUE")]
    alert: Vec<String>,
    /// Turn off an alert rule by its code, e.g. float_consumed (repeatable)
    #[arg(long, value_name = "CODE")]
    disable: Vec<String>,
}

/// `buffers` and `variance`.
#[derive(clap::Args)]
pub(crate) struct MeasureArgs {
    /// The plan (one: tracking measures one plan)
    #[arg(value_name = "FILE")]
    file: String,
    /// More files: refused, saying why
    #[arg(hide = true)]
    more: Vec<String>,
    #[command(flatten)]
    measure: Measure,
}

/// `track`.
#[derive(clap::Args)]
#[command(
    after_help = "Prints earned value, variance, alerts and buffers at the status date in \
one JSON object (or a summary table)."
)]
pub(crate) struct TrackArgs {
    /// The plan (one: tracking measures one plan)
    #[arg(value_name = "FILE")]
    file: String,
    /// More files: refused, saying why
    #[arg(hide = true)]
    more: Vec<String>,
    #[command(flatten)]
    measure: Measure,
    #[command(flatten)]
    alerts: AlertFlags,
    /// The alerts' language: en or zh-CN
    #[arg(long)]
    lang: Option<String>,
    /// json or table
    #[arg(long)]
    format: Option<String>,
}

/// `evm`.
#[derive(clap::Args)]
#[command(
    after_help = "Prints the project's earned value and earned schedule (pv, ev, ac, sv, \
cv, spi, cpi, eac, es_working_days, spi_t, forecast_finish, ...) and the same per task under \
\"tasks\"."
)]
pub(crate) struct EvmArgs {
    /// The plan (one: tracking measures one plan)
    #[arg(value_name = "FILE")]
    file: String,
    /// More files: refused, saying why
    #[arg(hide = true)]
    more: Vec<String>,
    #[command(flatten)]
    measure: Measure,
    /// The EAC method: cpi, planned_rate or cpi_spi
    #[arg(long)]
    eac: Option<String>,
    /// The IEAC(t) method: spi_t, planned_rate or cpi_spi_t
    #[arg(long)]
    ieac: Option<String>,
    /// json or table
    #[arg(long)]
    format: Option<String>,
}

/// `alerts`.
#[derive(clap::Args)]
pub(crate) struct AlertsArgs {
    /// The plan (one: tracking measures one plan)
    #[arg(value_name = "FILE")]
    file: String,
    /// More files: refused, saying why
    #[arg(hide = true)]
    more: Vec<String>,
    #[command(flatten)]
    measure: Measure,
    #[command(flatten)]
    alerts: AlertFlags,
    /// Measure critical_path_changed against this earlier version of the plan, not the baseline
    #[arg(long, value_name = "SNAPSHOT")]
    since: Option<String>,
    /// The alerts' language: en or zh-CN
    #[arg(long)]
    lang: Option<String>,
    /// json, table, or a bot message: dingtalk, wecom or feishu
    #[arg(long)]
    format: Option<String>,
}

/// `report`.
#[derive(clap::Args)]
pub(crate) struct ReportArgs {
    /// The plan (one: tracking measures one plan)
    #[arg(value_name = "FILE")]
    file: String,
    /// More files: refused, saying why
    #[arg(hide = true)]
    more: Vec<String>,
    #[command(flatten)]
    measure: Measure,
    #[command(flatten)]
    alerts: AlertFlags,
    /// The report's period: day, week or month
    #[arg(long)]
    period: Option<String>,
    /// en or zh-CN
    #[arg(long)]
    lang: Option<String>,
    /// The currency code of the costs
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
    /// The client's report: no costs, nothing internal
    #[arg(long)]
    client: bool,
    /// json, markdown or html (a whole page with the charts)
    #[arg(long)]
    format: Option<String>,
}

/// `client`.
#[derive(clap::Args)]
pub(crate) struct ClientArgs {
    /// The plan (one: tracking measures one plan)
    #[arg(value_name = "FILE")]
    file: String,
    /// More files: refused, saying why
    #[arg(hide = true)]
    more: Vec<String>,
    #[command(flatten)]
    measure: Measure,
    /// The period: day, week or month
    #[arg(long)]
    period: Option<String>,
    /// en or zh-CN
    #[arg(long)]
    lang: Option<String>,
    /// The currency code of the costs
    #[arg(long, value_name = "CODE")]
    currency: Option<String>,
}

/// `whatif`.
#[derive(clap::Args)]
#[command(after_help = "CHANGES is a change set, e.g. {\"changes\": [{\"op\": \
\"set_duration\", \"task\": \"B\", \"duration\": \"7d\"}, ...]}; whatif applies it to a copy \
and prints what moved, finish_delta_minutes, critical_path_changed and the buffer.")]
pub(crate) struct WhatifArgs {
    /// The plan
    #[arg(value_name = "FILE")]
    file: String,
    /// The change set (JSON)
    #[arg(value_name = "CHANGES.json")]
    changes: String,
    #[command(flatten)]
    measure: Measure,
    /// json or table
    #[arg(long)]
    format: Option<String>,
}

/// `compare`.
#[derive(clap::Args)]
#[command(
    after_help = "Schedules both versions (any formats) and prints what moved, what was \
added or removed, finish_delta_minutes and how the critical path changed."
)]
pub(crate) struct CompareArgs {
    /// The earlier version
    #[arg(value_name = "BEFORE")]
    before: String,
    /// The later version
    #[arg(value_name = "AFTER")]
    after: String,
    /// json or table
    #[arg(long)]
    format: Option<String>,
}

/// Every tracking command's flags in one shape, for [`run`].
#[derive(Default)]
pub(crate) struct Raw {
    files: Vec<String>,
    status_date: Option<String>,
    baseline: Option<u8>,
    alert: Vec<String>,
    disable: Vec<String>,
    since: Option<String>,
    lang: Option<String>,
    format: Option<String>,
    eac: Option<String>,
    ieac: Option<String>,
    period: Option<String>,
    currency: Option<String>,
    client: bool,
}

impl Raw {
    fn measured(files: Vec<String>, m: Measure) -> Raw {
        Raw {
            files,
            status_date: m.status_date,
            baseline: m.baseline,
            ..Raw::default()
        }
    }

    fn alerting(mut self, a: AlertFlags) -> Raw {
        self.alert = a.alert;
        self.disable = a.disable;
        self
    }
}

impl From<MeasureArgs> for Raw {
    fn from(a: MeasureArgs) -> Raw {
        Raw::measured(one_and_more(a.file, a.more), a.measure)
    }
}

impl From<TrackArgs> for Raw {
    fn from(a: TrackArgs) -> Raw {
        Raw {
            lang: a.lang,
            format: a.format,
            ..Raw::measured(one_and_more(a.file, a.more), a.measure).alerting(a.alerts)
        }
    }
}

impl From<EvmArgs> for Raw {
    fn from(a: EvmArgs) -> Raw {
        Raw {
            eac: a.eac,
            ieac: a.ieac,
            format: a.format,
            ..Raw::measured(one_and_more(a.file, a.more), a.measure)
        }
    }
}

impl From<AlertsArgs> for Raw {
    fn from(a: AlertsArgs) -> Raw {
        Raw {
            since: a.since,
            lang: a.lang,
            format: a.format,
            ..Raw::measured(one_and_more(a.file, a.more), a.measure).alerting(a.alerts)
        }
    }
}

impl From<ReportArgs> for Raw {
    fn from(a: ReportArgs) -> Raw {
        Raw {
            period: a.period,
            lang: a.lang,
            currency: a.currency,
            client: a.client,
            format: a.format,
            ..Raw::measured(one_and_more(a.file, a.more), a.measure).alerting(a.alerts)
        }
    }
}

impl From<ClientArgs> for Raw {
    fn from(a: ClientArgs) -> Raw {
        Raw {
            period: a.period,
            lang: a.lang,
            currency: a.currency,
            ..Raw::measured(one_and_more(a.file, a.more), a.measure)
        }
    }
}

impl From<WhatifArgs> for Raw {
    fn from(a: WhatifArgs) -> Raw {
        Raw {
            format: a.format,
            ..Raw::measured(vec![a.file, a.changes], a.measure)
        }
    }
}

impl From<CompareArgs> for Raw {
    fn from(a: CompareArgs) -> Raw {
        Raw {
            files: vec![a.before, a.after],
            format: a.format,
            ..Raw::default()
        }
    }
}

/// The FILE and the files after it, as one list.
fn one_and_more(file: String, more: Vec<String>) -> Vec<String> {
    let mut files = vec![file];
    files.extend(more);
    files
}

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

/// The options read into the core's types (a bad value is the core's error, naming it).
fn parse(cmd: &str, r: Raw) -> Result<Args, Failure> {
    if !matches!(cmd, "whatif" | "compare") {
        crate::one_file(
            cmd,
            &r.files[0],
            &r.files[1..],
            "tracking measures one plan at its status date; run it once per file",
        )?;
    }
    let mut a = Args {
        files: r.files,
        since: r.since,
        format: r.format,
        ..Args::default()
    };
    a.report.client = r.client;
    if let Some(v) = &r.status_date {
        a.track.status_date = Some(v.parse()?);
    }
    a.track.baseline = r.baseline;
    if let Some(v) = &r.eac {
        a.track.eac = v.parse::<EacMethod>()?;
    }
    if let Some(v) = &r.ieac {
        a.track.ieac = v.parse::<IeacMethod>()?;
    }
    if let Some(v) = &r.period {
        a.report.period = v.parse::<PeriodKind>()?;
    }
    if let Some(v) = &r.lang {
        a.report.lang = v.parse::<Lang>()?;
    }
    a.report.currency = r.currency;
    // `--alert NAME=VALUE` and `--disable CODE`, read by the core's `AlertRequest`.
    let mut alerts = serde_json::Map::new();
    for v in &r.alert {
        let (name, value) = v
            .split_once('=')
            .and_then(|(n, x)| Some((n, x.parse::<f64>().ok()?)))
            .ok_or_else(|| Failure::Usage(format!("--alert takes NAME=NUMBER, not {v:?}")))?;
        let value = if name == "overallocation_days" && value.fract() == 0.0 {
            serde_json::Value::from(value as i64)
        } else {
            serde_json::Value::from(value)
        };
        alerts.insert(name.to_owned(), value);
    }
    if !alerts.is_empty() || !r.disable.is_empty() {
        if !r.disable.is_empty() {
            let disabled: Vec<serde_json::Value> = r
                .disable
                .iter()
                .map(|d| serde_json::Value::from(d.as_str()))
                .collect();
            alerts.insert("disabled".into(), disabled.into());
        }
        let text = serde_json::Value::Object(alerts).to_string();
        a.track.alerts = track::AlertRequest::from_json(&text)
            .and_then(|r| r.to_core())
            .map_err(|e| Failure::Usage(format!("--alert/--disable: {e}")))?;
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

/// Runs tracking command `cmd` with its flags.
pub(crate) fn run(cmd: &str, raw: Raw) -> Result<(), Failure> {
    let a = parse(cmd, raw)?;
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

/// Aligned columns, the first two left-aligned, the rest right-aligned.
fn columns(rows: &[Vec<String>]) -> String {
    crate::table::columns(rows, 2, false)
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
