//! Schedule health: the DCMA 14-point assessment of a document (`jindu::risk::assess`), the
//! same JSON as `jindu health FILE --format json`.

use jindu::io::json;
use jindu::risk::HealthRequest;
use wasm_bindgen::prelude::*;

use crate::convert::output_value;
use crate::error::Thrown;

/// The assessment of a document (JSON text) as the core writes it; `options` is a
/// [`HealthRequest`] as JSON (empty text for the defaults).
pub fn health_text(document: &str, options: &str) -> jindu::Result<String> {
    let doc = json::read(document)?;
    let request = if options.trim().is_empty() {
        HealthRequest::default()
    } else {
        HealthRequest::from_json(options)?
    };
    let opts = request.options(doc.options)?;
    Ok(jindu::risk::assess(&doc.project, &opts)?.to_json())
}

#[wasm_bindgen(typescript_custom_section)]
const HEALTH_TS: &'static str = r#"
/** DCMA's thresholds, to change some (the others keep DCMA's values). */
export interface HealthThresholds {
    logic_percent?: number; leads_percent?: number; lags_percent?: number; fs_percent?: number;
    hard_constraints_percent?: number; high_float_days?: number; high_float_percent?: number;
    negative_float_percent?: number; high_duration_days?: number; high_duration_percent?: number;
    invalid_dates_percent?: number; missed_percent?: number; critical_path_delay_days?: number;
    cpli?: number; bei?: number;
    /** The additional dangling-logic check's largest share, in percent (5). */
    dangling_percent?: number;
}

/** How to assess (every field optional): the core's health request. */
export interface HealthOptions {
    /** The status date, `YYYY-MM-DDTHH:MM` (default: the document's). */
    status_date?: string;
    /** The baseline number (default: the lowest present). */
    baseline?: number;
    /** Thresholds to change. */
    thresholds?: HealthThresholds;
}

/** A logic check's offender and what it lacks. */
export interface HealthLogicGap {
    task: string;
    kind: "no_predecessor" | "no_successor" | "dangling_start" | "dangling_finish";
}

/** One of the fourteen checks, or an additional one (number 15 and up). */
export interface HealthCheck {
    number: number;
    code: string;
    name: string;
    metric: number | null;
    threshold: string;
    unit: string;
    population: number;
    count: number;
    status: "pass" | "fail" | "not_applicable";
    /** The offending tasks' keys. */
    tasks: string[];
    /** The offending links (only on the link checks, when there are any). */
    links?: { from: string; to: string; type: string; lag: string }[];
    /** The logic checks' offenders by kind (when there are any). */
    gaps?: HealthLogicGap[];
    /** Missed tasks and BEI: the tasks with no finish in the baseline (when there are any). */
    no_baseline_finish?: string[];
    detail: string;
}

/** The result of `health()`: the core's JSON, as `jindu health --format json` prints it. */
export interface Health {
    status_date: string | null;
    baseline: number | null;
    passed: number;
    failed: number;
    not_applicable: number;
    checks: HealthCheck[];
    /** Checks beyond DCMA's fourteen (`dangling_logic`), not in the totals. */
    additional: HealthCheck[];
}
"#;

/// Runs the DCMA 14-point schedule assessment of a project document (an object or its JSON
/// text): `passed`, `failed`, `not_applicable` and the `checks`, each with its `metric`,
/// `threshold`, `status` and the offending `tasks` (and `links`).
///
/// Throws a `JinduError` when the document or an option is invalid (naming the field).
#[wasm_bindgen(js_name = health, unchecked_return_type = "Health")]
pub fn health_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "HealthOptions | string | null")]
    options: JsValue,
) -> Result<JsValue, Thrown> {
    let (text, options) = crate::document_and_options(&document, &options, "health options")?;
    output_value(&health_text(&text, &options)?)
}
