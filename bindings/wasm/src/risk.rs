//! Monte Carlo schedule risk: a document's estimates, risk register, correlations and history
//! simulated into a report (see `jindu::risk`).
//!
//! The options are the core's [`RiskRequest`] in its JSON form (the same object as the
//! `options` of a conformance vector and Python's keyword arguments), and the report is the
//! core's report JSON, exactly what the native bindings' `risk_json` and
//! `jindu risk FILE --format json` write: the same seed gives the same report, byte for byte,
//! in every language (the draws use the same pure-Rust math everywhere, and WebAssembly runs
//! on one thread, which the report does not depend on).

use jindu::io::json;
use jindu::risk::RiskRequest;
use wasm_bindgen::prelude::*;

use crate::convert::{input_text, output_value};
use crate::error::Thrown;

/// Simulates a document (JSON text) with `request` and writes the report as the core does.
pub fn risk_text(document: &str, request: &RiskRequest) -> jindu::Result<String> {
    let doc = json::read(document)?;
    let opts = request.options(&doc.project, doc.options)?;
    Ok(jindu::risk::simulate(&doc.project, &opts, Default::default())?.to_json())
}

/// The request of an options argument: `undefined` or `null` for the defaults, else an object
/// or its JSON text, read by the core (an unknown or malformed field is a `json` error naming
/// its path).
fn request(options: &JsValue) -> Result<RiskRequest, Thrown> {
    if options.is_undefined() || options.is_null() {
        return Ok(RiskRequest::default());
    }
    let text = input_text(options, "risk options")?;
    Ok(RiskRequest::from_json(&text)?)
}

#[wasm_bindgen(typescript_custom_section)]
const RISK_TS: &'static str = r#"
/** How to simulate (every field optional): the core's risk request. */
export interface RiskOptions {
    /** Iterations to run (default 1000; at least 1). */
    iterations?: number;
    /** The seed (default 1): the same seed gives the same report, byte for byte. */
    seed?: number;
    /** A target finish, `YYYY-MM-DDTHH:MM`, to give the probability of meeting. */
    target?: string;
    /** Threads (ignored in WebAssembly, which runs on one; the report does not depend on it). */
    threads?: number;
    /** The estimate of tasks without one: a range around their duration, or the history. */
    default_estimate?: { optimistic_percent?: number; pessimistic_percent?: number; shape?: "triangular" | "pert" | "uniform"; history?: boolean };
    /** Stop early once P50 and P80 of the finish moved by at most `tolerance` (e.g. `"0.5d"`). */
    convergence?: { every: number; tolerance: string };
    /** Ranges in each histogram (default 20). */
    histogram_bins?: number;
    /** Bars in the tornado (default 10). */
    tornado?: number;
    /** The host's limits over the defaults; `max_risk_samples` (iterations × tasks, default 10^9) counts here. */
    limits?: Partial<Limits>;
}

/** One range of a histogram (a point of the S-curve). */
export interface RiskBin { working_days: number; date: string; count: number; cumulative: number }

/** A simulated date: mean, spread, percentiles (`p5` … `p95`), histogram. */
export interface DateDistribution {
    mean_working_days: number; std_working_days: number; mean: string; min: string;
    p5: string; p10: string; p15: string; p20: string; p25: string; p30: string; p35: string;
    p40: string; p45: string; p50: string; p55: string; p60: string; p65: string; p70: string;
    p75: string; p80: string; p85: string; p90: string; p95: string; max: string;
    deterministic: string; probability_deterministic: number; resolution_minutes: number;
    histogram: RiskBin[];
}

/** The report of `risk()`: the core's report JSON. */
export interface RiskReport {
    iterations: number;
    seed: number;
    stopped: "completed" | "converged" | "cancelled" | "running";
    project_start: string;
    finish: DateDistribution;
    target?: string;
    probability_on_time?: number;
    milestones: { id: string; name: string; finish: DateDistribution; deadline?: string; probability_on_time?: number }[];
    deadlines: { id: string; deadline: string; probability_on_time: number }[];
    tasks: { id: string; name: string; criticality_index: number; sensitivity: number; ssi: number; cruciality: number; mean_duration_days: number; std_duration_days: number }[];
    risks: { id: string; name: string; probability: number; occurred: number; impact_working_days: number; contribution_working_days: number; correlation: number; mean_cost?: number }[];
    cost?: { mean: number; std: number; p10: number; p50: number; p80: number; p90: number; max: number };
    tornado: { kind: "task" | "risk"; id: string; name: string; correlation: number }[];
}
"#;

/// Simulates a project document (an object or its JSON text) `options.iterations` times and
/// returns the risk report: the finish and each milestone as distributions (`finish.p50`,
/// `finish.p80`, …, histograms), `probability_on_time` for a target, per task
/// `criticality_index`, `sensitivity`, `ssi` and `cruciality`, each risk's contribution and
/// the `tornado`.
///
/// Throws a `JinduError` when the document or an option is invalid (naming the field).
#[wasm_bindgen(js_name = risk, unchecked_return_type = "RiskReport")]
pub fn risk_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] project: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RiskOptions | string | null")] options: JsValue,
) -> Result<JsValue, Thrown> {
    let text = input_text(&project, "a project document")?;
    output_value(&risk_text(&text, &request(&options)?)?)
}

/// Simulates a project document given as JSON text, with options as JSON text (or nothing for
/// the defaults), and returns the report as JSON text, exactly as the core writes it (the same
/// bytes as `risk_json` in Python and Kotlin and `jindu risk --format json`).
#[wasm_bindgen(js_name = riskJson)]
pub fn risk_json(text: &str, options: Option<String>) -> Result<String, Thrown> {
    let request = match options {
        Some(o) => RiskRequest::from_json(&o)?,
        None => RiskRequest::default(),
    };
    Ok(risk_text(text, &request)?)
}

/// A Monte Carlo run advanced a slice at a time, so that a page keeps its event loop (a
/// progress bar, a Cancel button) while it simulates: `step(n)` runs about `n` more
/// iterations and returns `{ done, total, finished }`; `cancel()` stops it at the next step;
/// `report()` is the report of the iterations done — exactly what `risk()` gives for that many
/// iterations and the seed.
///
/// ```js
/// const run = new RiskRun(doc, { iterations: 10000, seed: 1 });
/// let p;
/// do { p = run.step(500); bar.value = p.done / p.total; await new Promise(requestAnimationFrame); }
/// while (!p.finished && !cancelled);
/// const report = run.report();
/// ```
#[wasm_bindgen]
pub struct RiskRun {
    sim: jindu::risk::Simulation<'static>,
    cancel: jindu::risk::CancelToken,
}

#[wasm_bindgen]
impl RiskRun {
    /// Compiles the document (an object or its JSON text) with the options; nothing runs yet.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] project: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "RiskOptions | string | null")]
        options: JsValue,
    ) -> Result<RiskRun, Thrown> {
        let text = input_text(&project, "a project document")?;
        let request = request(&options)?;
        let doc = json::read(&text)?;
        let opts = request.options(&doc.project, doc.options)?;
        Ok(RiskRun {
            sim: jindu::risk::Simulation::new(&doc.project, &opts)?.into_owned(),
            cancel: jindu::risk::CancelToken::default(),
        })
    }

    /// Runs about `iterations` more (whole rounds, never past the total; stops when cancelled
    /// or converged): `{ done, total, finished }`.
    #[wasm_bindgen(unchecked_return_type = "{ done: number; total: number; finished: boolean }")]
    pub fn step(&mut self, iterations: f64) -> Result<JsValue, Thrown> {
        let n = if iterations.is_finite() && iterations >= 1.0 {
            iterations as u64
        } else {
            1
        };
        let p = self.sim.advance(
            n,
            jindu::risk::Control {
                cancel: Some(&self.cancel),
                ..Default::default()
            },
        )?;
        let out = serde_json::json!({
            "done": p.done,
            "total": p.total,
            "finished": self.sim.is_done(),
        });
        output_value(&out.to_string())
    }

    /// Stops the run at its next step.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }

    /// The report of the iterations done so far (`stopped`: `completed`, `converged`,
    /// `cancelled` or `running`); throws before any iteration is done.
    #[wasm_bindgen(unchecked_return_type = "RiskReport")]
    pub fn report(&self) -> Result<JsValue, Thrown> {
        output_value(&self.sim.report()?.to_json())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_duration_project_has_one_outcome() {
        // No estimates and no risks: every iteration is the deterministic schedule, A's 5
        // working days from Monday 2026-01-05 08:00 to Friday 17:00, so P50 = P80 = that.
        let doc =
            r#"{"name": "p", "start": "2026-01-05", "tasks": [{"id": "A", "duration": "5d"}]}"#;
        let r = RiskRequest::from_json(r#"{"iterations": 50, "seed": 4}"#).unwrap();
        let report: serde_json::Value = serde_json::from_str(&risk_text(doc, &r).unwrap()).unwrap();
        assert_eq!(report["iterations"], 50);
        assert_eq!(report["finish"]["p50"], "2026-01-09T17:00:00");
        assert_eq!(report["finish"]["p80"], "2026-01-09T17:00:00");
        assert_eq!(report["tasks"][0]["criticality_index"], 1.0);
        let bad = RiskRequest::from_json(r#"{"iterations": 0}"#).unwrap();
        assert_eq!(
            risk_text(doc, &bad).unwrap_err().field(),
            Some("iterations")
        );
    }
}
