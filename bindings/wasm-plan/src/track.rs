//! Tracking at a status date (`jindu::track`): earned value and earned schedule, alerts,
//! buffers, variance, status reports (JSON, Markdown or HTML, in English or Chinese), the
//! client's view, what-if change sets and the comparison of two versions of a plan: the same
//! JSON as `jindu evm`, `alerts`, `buffers`, `variance`, `report`, `client`, `whatif` and
//! `compare` print with `--format json`.

use jindu::io::json;
use jindu::render::ReportProgress;
use jindu::track::{self, ChangeSet, Shape, Status, TrackRequest};
use wasm_bindgen::prelude::*;

use crate::convert::{input_text, output_value, with_progress};
use crate::error::Thrown;
use crate::json_text;

/// What to compute at the status date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tracked {
    /// Earned value and earned schedule (`jindu evm`).
    Evm,
    /// The alerts (`jindu alerts`).
    Alerts,
    /// The buffers and the fever chart's data (`jindu buffers`).
    Buffers,
    /// Variance against the baseline (`jindu variance`).
    Variance,
    /// The status report in the request's format (`jindu report`): JSON, Markdown, or HTML (a
    /// whole page with the Gantt, earned value and fever charts inline).
    Report,
    /// The client's view (`jindu client`).
    ClientView,
}

/// Measures the document (JSON text) at the request's status date and writes `what` as the
/// core does (JSON text, or the report's Markdown or HTML).
pub fn track_text(document: &str, what: Tracked, request: &TrackRequest) -> jindu::Result<String> {
    let doc = json::read(document)?;
    let (t, r) = request.to_core()?;
    let shape = request.shape()?;
    if what == Tracked::Report && shape == Shape::Html {
        // A whole page with the charts inline, as `jindu report --format html` prints it.
        return jindu::render::report_page(&doc, &t, &r);
    }
    let st = Status::new(&doc.project, &doc.options, &t)?;
    match what {
        Tracked::Evm => json_text(&st.evm()),
        Tracked::Alerts => json_text(&st.alerts(r.lang)),
        Tracked::Buffers => json_text(&st.buffers()),
        Tracked::Variance => json_text(&st.variance()),
        Tracked::Report => Ok(st
            .report(&r)
            .render(shape, st.project().settings().minutes_per_day)),
        Tracked::ClientView => json_text(&st.client_view(&r)),
    }
}

/// Applies a change set (JSON text: `{"changes": [{"op": "set_duration", "task": "B",
/// "duration": "7d"}, …]}`) to a copy of the document and writes what it does.
pub fn whatif_text(document: &str, changes: &str, request: &TrackRequest) -> jindu::Result<String> {
    let doc = json::read(document)?;
    let (t, _) = request.to_core()?;
    let changes = ChangeSet::from_json(changes)?;
    json_text(&track::whatif(&doc.project, &doc.options, &changes, &t)?)
}

/// Compares two versions of a plan (JSON text), each scheduled with its own options.
pub fn compare_text(before: &str, after: &str) -> jindu::Result<String> {
    json_text(&track::compare_documents(
        &json::read(before)?,
        &json::read(after)?,
    )?)
}

#[wasm_bindgen(typescript_custom_section)]
const TRACK_TS: &'static str = r#"
/** Follows a long call (a report on a big plan): called with the steps done and the steps in all, first 0, last all; return `false` to cancel the call, which then throws a `JinduError` with code `cancelled`. */
export type ProgressCallback = (done: number, total: number) => boolean | void;

/** How to track and report (every field optional): the flags of the `jindu` tracking commands. */
export interface TrackOptions {
    /** The status date, `YYYY-MM-DDTHH:MM[:SS]` (default: the document's own). */
    status_date?: string;
    /** The baseline to measure against (default: the first, else the schedule without progress). */
    baseline?: number;
    /** The EAC method (default `"cpi"`). */
    eac?: "cpi" | "planned_rate" | "cpi_spi";
    /** The IEAC(t) method (default `"spi_t"`). */
    ieac?: "spi_t" | "planned_rate" | "cpi_spi_t";
    /** The report's period (default `"week"`). */
    period?: "day" | "week" | "month";
    /** The language of reports and alert messages (default `"en"`). */
    lang?: "en" | "zh-CN";
    /** The currency shown with amounts in reports (e.g. `"CNY"`). */
    currency?: string;
    /** The client's report: nothing internal, no costs. */
    client?: boolean;
    /** The report's format (default `"json"`; `report()` returns text for the others). */
    format?: "json" | "markdown" | "html";
    /** The alert rules' thresholds and the rules turned off (default: the documented defaults). */
    alerts?: AlertThresholds;
}

/** The alert rules' thresholds (every field optional) and the codes of rules not to run. */
export interface AlertThresholds {
    /** `deadline_near`: a deadline within this many working days (default 3). */
    deadline_days?: number;
    /** `task_late`: behind plan by more than this many working hours (default 48). */
    late_hours?: number;
    /** `float_consumed`: this share of the plan's float used, in percent (default 50). */
    float_consumed_percent?: number;
    /** `resource_overallocated`: look this many working days ahead (default 10). */
    overallocation_days?: number;
    /** `spi_low`: SPI(t) (else SPI) below this (default 0.9). */
    spi_below?: number;
    /** `cpi_low`: CPI below this (default 0.9). */
    cpi_below?: number;
    /** `work_overrun`: work above its budget by more than this, in percent (default 10). */
    work_overrun_percent?: number;
    /** Codes of the rules not to evaluate, e.g. `["float_consumed"]`. */
    disabled?: string[];
}

/** Earned value metrics (`null` where undefined, e.g. cost indices without costs). */
export interface EvmMetrics {
    pv: number; ev: number; ac: number; sv: number; cv: number;
    spi: number | null; cpi: number | null; bac: number;
    eac: number | null; etc: number | null; vac: number | null; tcpi: number | null;
    [field: string]: unknown;
}

/** The result of `evm()`: the project's earned value and earned schedule, and each task's. */
export interface Evm extends EvmMetrics {
    status_date: string;
    es_working_days: number | null;
    spi_t: number | null;
    forecast_finish: string | null;
    tasks: ({ id: string; name: string } & EvmMetrics)[];
}

/** One alert (a late start or finish, a slipped milestone, negative float, a low index, …). */
export interface TrackAlert { code: string; severity: string; message: string; [field: string]: unknown }

/** A change of a what-if change set (`op` as in the edits: `set_duration`, `add_link`, …). */
export interface TrackChange { op: string; [field: string]: unknown }

/** A what-if change set: `{ changes: [...] }`, or just the list. */
export type ChangeSetInput = { changes: TrackChange[] } | TrackChange[] | string;

/** The result of `whatIf()`. */
export interface WhatIf {
    finish_delta_minutes: number;
    critical_path_changed: boolean;
    moved: { id: string; [field: string]: unknown }[];
    [field: string]: unknown;
}

/** A task that moved between two versions of a plan. */
export interface MovedTask {
    id: string;
    name: string;
    milestone: boolean;
    /** Before and after. */
    start: [string, string];
    finish: [string, string];
    /** In working minutes of the later plan's calendar. */
    start_delta_minutes: number;
    finish_delta_minutes: number;
    critical: [boolean, boolean];
}

/** The result of `compare()`: what changed between two versions of a plan. */
export interface Comparison {
    project_finish: [string, string];
    finish_delta_minutes: number;
    moved: MovedTask[];
    added: string[];
    removed: string[];
    critical_path_before: string[];
    critical_path_after: string[];
    critical_path_changed: boolean;
    became_critical: string[];
    no_longer_critical: string[];
}

/** A tracking result: the core's JSON object, as the `jindu` command prints it. */
export interface TrackResult { [field: string]: unknown }
"#;

/// The document and options of a tracking function, read.
fn args(document: &JsValue, options: &JsValue) -> Result<(String, TrackRequest), Thrown> {
    let text = input_text(document, "a project document")?;
    Ok((text, crate::options(options, "track options")?))
}

/// Runs `what` on the arguments and parses its JSON.
fn tracked(what: Tracked, document: &JsValue, options: &JsValue) -> Result<JsValue, Thrown> {
    let (text, request) = args(document, options)?;
    output_value(&track_text(&text, what, &request)?)
}

/// Earned value and earned schedule at the status date (the document's own unless
/// `options.status_date`): `pv`, `ev`, `ac`, `sv`, `cv`, `spi`, `cpi`, `eac`, `etc`, `vac`,
/// `tcpi`, `es_working_days`, `spi_t`, `forecast_finish`, and the same per task under `tasks`.
#[wasm_bindgen(js_name = evm, unchecked_return_type = "Evm")]
pub fn evm_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TrackOptions | string | null")]
    options: JsValue,
) -> Result<JsValue, Thrown> {
    tracked(Tracked::Evm, &document, &options)
}

/// The alerts at the status date (late starts and finishes, slipped milestones, negative
/// float, low indices, …), their messages in `options.lang` (`en` or `zh-CN`); with `since`
/// (an earlier version of the plan), `critical_path_changed` is measured against it instead
/// of the baseline.
#[wasm_bindgen(js_name = alerts, unchecked_return_type = "TrackAlert[]")]
pub fn alerts_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TrackOptions | string | null")]
    options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ProjectDocument | string | null")]
    since: JsValue,
) -> Result<JsValue, Thrown> {
    if since.is_undefined() || since.is_null() {
        return tracked(Tracked::Alerts, &document, &options);
    }
    let (text, request) = args(&document, &options)?;
    let snapshot = input_text(&since, "the earlier project document")?;
    output_value(&alerts_since_text(&text, &snapshot, &request)?)
}

/// The alerts of the document (JSON text) with `critical_path_changed` measured against an
/// earlier version (JSON text), as `jindu alerts --since` writes them.
pub fn alerts_since_text(
    document: &str,
    snapshot: &str,
    request: &TrackRequest,
) -> jindu::Result<String> {
    let doc = json::read(document)?;
    let (t, r) = request.to_core()?;
    let st = Status::new(&doc.project, &doc.options, &t)?;
    json_text(&st.alerts_since_document(r.lang, &json::read(snapshot)?)?)
}

/// The project and feeding buffers at the status date, with the fever chart's data.
#[wasm_bindgen(js_name = buffers, unchecked_return_type = "TrackResult")]
pub fn buffers_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TrackOptions | string | null")]
    options: JsValue,
) -> Result<JsValue, Thrown> {
    tracked(Tracked::Buffers, &document, &options)
}

/// Start, finish, duration, work and cost variance of every task against a baseline.
#[wasm_bindgen(js_name = variance, unchecked_return_type = "TrackResult")]
pub fn variance_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TrackOptions | string | null")]
    options: JsValue,
) -> Result<JsValue, Thrown> {
    tracked(Tracked::Variance, &document, &options)
}

/// The status report for the period (`options.period`: `day`, `week` or `month`) ending at
/// the status date: an object for `format: "json"` (the default), else Markdown or HTML text;
/// `lang` `en` or `zh-CN`; `client: true` for the client's report (nothing internal, no costs).
/// `progress` (optional), for reports on big plans, is called with `(done, total)` steps (the
/// status, the report, for HTML the page) and may cancel it by returning `false`.
#[wasm_bindgen(js_name = report, unchecked_return_type = "TrackResult | string")]
pub fn report_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TrackOptions | string | null")]
    options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ProgressCallback | null")] progress: JsValue,
) -> Result<JsValue, Thrown> {
    let (text, request) = args(&document, &options)?;
    let shape = request.shape()?;
    let out = with_progress(
        &progress,
        |p: &ReportProgress| (f64::from(p.done), f64::from(p.total)),
        |c| {
            let doc = json::read(&text)?;
            let (t, r) = request.to_core()?;
            jindu::render::report_with(&doc, &t, &r, shape, c)
        },
    )?;
    match shape {
        Shape::Json => output_value(&out),
        _ => Ok(JsValue::from_str(&out)),
    }
}

/// The client's view: the tasks the client may see (nothing internal, no costs), with the
/// client's report.
#[wasm_bindgen(js_name = clientView, unchecked_return_type = "TrackResult")]
pub fn client_view_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TrackOptions | string | null")]
    options: JsValue,
) -> Result<JsValue, Thrown> {
    tracked(Tracked::ClientView, &document, &options)
}

/// What a change set does, without changing the document: `changes` is
/// `{ changes: [{ op: "set_duration", task: "B", duration: "7d" }, …] }`, its list, or its JSON
/// text. Returns `finish_delta_minutes`, `moved`, `critical_path_changed`, the milestones and
/// the buffer.
#[wasm_bindgen(js_name = whatIf, unchecked_return_type = "WhatIf")]
pub fn whatif_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] document: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ChangeSetInput")] changes: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TrackOptions | string | null")]
    options: JsValue,
) -> Result<JsValue, Thrown> {
    let (text, request) = args(&document, &options)?;
    let changes = if js_sys::Array::is_array(&changes) {
        let set = js_sys::Object::new();
        js_sys::Reflect::set(&set, &"changes".into(), &changes)?;
        input_text(&set.into(), "a change set")?
    } else {
        input_text(&changes, "a change set")?
    };
    output_value(&whatif_text(&text, &changes, &request)?)
}

/// Compares two versions of a plan (last week's and today's), each scheduled with its own
/// options: the tasks that moved (with their deltas in working minutes), were added or
/// removed, the finish delta and how the critical path changed.
#[wasm_bindgen(js_name = compare, unchecked_return_type = "Comparison")]
pub fn compare_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] before: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] after: JsValue,
) -> Result<JsValue, Thrown> {
    let before = input_text(&before, "the earlier project document")?;
    let after = input_text(&after, "the later project document")?;
    output_value(&compare_text(&before, &after)?)
}
