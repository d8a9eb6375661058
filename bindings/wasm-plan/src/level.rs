//! Resources: levelling (`jindu::level::level`) and loading (`jindu::level::load`) of one
//! document or a portfolio of documents sharing a resource pool (the same resource id in two
//! documents is one resource): the same JSON as `jindu level FILE... --format json` and
//! `jindu load FILE... --format json`.

use jindu::control::{CancelToken, Control};
use jindu::io::json;
use jindu::level::{LevelOptions, Levelling, LoadRequest};
use jindu::{Project, Schedule, ScheduleOptions};
use wasm_bindgen::prelude::*;

use crate::convert::{input_text, output_value};
use crate::error::{bad_argument, Thrown};
use crate::json_text;

/// The options of `level()`, every field optional: the core's one levelling request (the
/// flags of `jindu level` and the keyword arguments of Python's `jindu.level`).
pub use jindu::level::LevelRequest;

/// Levels the documents (JSON text each; each scheduled with its own options) and writes
/// the result as the core does: per project the levelled tasks and every delay with its
/// reason, and the overallocations left (`unresolved`).
pub fn level_text(documents: &[String], request: &LevelRequest) -> jindu::Result<String> {
    let (projects, opts) = prepare(documents, request)?;
    let refs: Vec<(&Project, ScheduleOptions)> = projects.iter().map(|(p, o)| (p, *o)).collect();
    json_text(&jindu::level::level_each(&refs, &opts, Control::default())?)
}

/// The projects of the documents, each with its own schedule options, and the core's options.
fn prepare(
    documents: &[String],
    request: &LevelRequest,
) -> jindu::Result<(Vec<(Project, ScheduleOptions)>, LevelOptions)> {
    let mut projects = Vec::with_capacity(documents.len());
    for d in documents {
        let doc = json::read(d)?;
        projects.push((doc.project, doc.options));
    }
    Ok((projects, request.options()?))
}

/// A levelling run of the documents, owning its projects: what `LevelRun` steps.
pub fn level_run(
    documents: &[String],
    request: &LevelRequest,
) -> jindu::Result<Levelling<'static>> {
    let (projects, opts) = prepare(documents, request)?;
    let refs: Vec<(&Project, ScheduleOptions)> = projects.iter().map(|(p, o)| (p, *o)).collect();
    Ok(Levelling::each(&refs, &opts)?.into_owned())
}

/// The JSON of a run's progress, as `LevelRun.step` returns it.
pub fn progress_text(run: &Levelling<'_>, p: &jindu::level::Progress) -> String {
    serde_json::json!({
        "done": p.done,
        "total": p.total,
        "makespan": p.makespan,
        "conflicts": p.conflicts,
        "finished": run.is_done(),
    })
    .to_string()
}

/// Schedules each document (JSON text) and writes the loading of their resources as the core
/// does: per resource the periods (`work_minutes`, `capacity_minutes`, `load_percent`,
/// `overallocated`) and the overallocated intervals with the tasks causing them.
pub fn load_text(documents: &[String], request: &LoadRequest) -> jindu::Result<String> {
    let options = request.options()?;
    let mut scheduled: Vec<(Project, Schedule)> = Vec::with_capacity(documents.len());
    for d in documents {
        let doc = json::read(d)?;
        let s = jindu::schedule(&doc.project, &doc.options)?;
        scheduled.push((doc.project, s));
    }
    let refs: Vec<(&Project, &Schedule)> = scheduled.iter().map(|(p, s)| (p, s)).collect();
    json_text(&jindu::level::load(&refs, &options)?)
}

/// The documents of a `documents` argument: an array of documents (objects or JSON texts), or
/// one document (an object, or JSON text; text that is a JSON array is a portfolio).
fn documents(value: &JsValue) -> Result<Vec<String>, Thrown> {
    const WHAT: &str = "a project document or an array of them";
    let docs = if js_sys::Array::is_array(value) {
        js_sys::Array::from(value)
            .iter()
            .map(|d| input_text(&d, "a project document"))
            .collect::<Result<Vec<_>, _>>()?
    } else {
        let text = input_text(value, WHAT)?;
        if !text.trim_start().starts_with('[') {
            return Ok(vec![text]);
        }
        let docs: Vec<serde_json::Value> =
            serde_json::from_str(&text).map_err(|e| bad_argument(format!("documents: {e}")))?;
        docs.iter().map(|d| d.to_string()).collect()
    };
    if docs.is_empty() {
        return Err(bad_argument(format!("expected {WHAT}, got an empty array")).into());
    }
    Ok(docs)
}

#[wasm_bindgen(typescript_custom_section)]
const LEVEL_TS: &'static str = r#"
/** One document, or several forming a portfolio that shares resources by id. */
export type Documents = ProjectDocument | string | (ProjectDocument | string)[];

/** How to level (every field optional): the flags of `jindu level`. */
export interface LevelOptions {
    /** Passes of the schedule-generation scheme (default 1); more break ties of equal priority at random. */
    schedules?: number;
    /** The seed of those tie-breaks (default 0): the same input and seed give the same result everywhere. */
    seed?: number;
    /** Move tasks only within their float; what cannot be fixed so is reported in `unresolved`. */
    within_float?: boolean;
    /** The levelling step in working minutes (default 60). */
    period_minutes?: number;
    /** Let a task's work pause while its resource is full and resume after, when that finishes it earlier (default false); each split task then has `parts` and `pauses`. */
    split?: boolean;
    /** The host's limits over the defaults; `max_level_schedules` (default 1,000,000) counts here. */
    limits?: Partial<Limits>;
}

/** A task of a project in a portfolio (`project`: its index in the documents given). */
export interface TaskRef { project: number; task: string }

/** Why a task was delayed: a full resource (and the tasks holding it), or a predecessor that moved. */
export type DelayReason =
    | { kind: "resource"; resource: string; at: string; demand: number; capacity: number; used: number; by: TaskRef[] }
    | { kind: "predecessor"; task: TaskRef };

/** The result of `level()`: the core's JSON, as `jindu level --format json` prints it. */
export interface Levelled {
    projects: {
        name: string;
        finish_before: string;
        finish: string;
        /** `parts` and `pauses` only for a task split by levelling (`split: true`): where its work runs, and why it paused between. */
        tasks: { id: string; start: string; finish: string; parts?: { start: string; finish: string }[]; pauses?: { start: string; finish: string; reason: DelayReason }[] }[];
        delays: { task: string; task_name: string; project: number; from: string; to: string; delay_minutes: number; reason: DelayReason }[];
    }[];
    unresolved: { resource: string; start: string; finish: string; peak_units: number; max_units: number; tasks: TaskRef[] }[];
    period_minutes: number;
    schedules_generated: number;
    seed: number;
    /** Present (true) when a `LevelRun` was cancelled: the best of the `schedules_generated` passes run. */
    cancelled?: boolean;
    /** Pooled resources a later document defines differently (the first one's definition is used). */
    conflicts?: PoolConflict[];
}

/** How far a `LevelRun` is: passes run of the total, and the best pass so far. */
export interface LevelProgress {
    /** Passes of the schedule-generation scheme run. */
    done: number;
    /** Passes asked for (`schedules`). */
    total: number;
    /** The makespan of the best pass so far, in levelling periods from the portfolio's start. */
    makespan: number;
    /** The tasks of the best pass so far that could not fit by their latest start. */
    conflicts: number;
    /** Whether the run has finished: every pass run, or cancelled. */
    finished: boolean;
}

/** A pooled resource defined differently in two documents: `used` is the index of the one whose definition counts. */
export interface PoolConflict { id: string; used: number; project: number; fields: ("kind" | "max_units" | "calendar" | "availability")[] }

/** How to measure loading (every field optional): the flags of `jindu load`. */
export interface LoadOptions {
    /** The period: `"hour"`, `"day"`, `"week"` (the default, from Monday) or `"month"`. */
    by?: "hour" | "day" | "week" | "month";
    /** The first period reported is the one containing this instant (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`). */
    from?: string;
    /** The last period reported is the one containing the minute before this instant. */
    to?: string;
}

/** The result of `load()`: the core's JSON, as `jindu load --format json` prints it. */
export interface Loading {
    period: "hour" | "day" | "week" | "month";
    from: string;
    to: string;
    resources: {
        id: string;
        name: string;
        kind: string;
        max_units: number;
        projects: number[];
        work_minutes: number;
        quantity: number;
        periods: { start: string; end: string; work_minutes: number; capacity_minutes: number; load_percent: number | null; quantity: number; overallocated: boolean }[];
        overallocations: { start: string; finish: string; peak_units: number; max_units: number; tasks: { project: number; project_name: string; task: string; task_name: string; units: number }[] }[];
    }[];
    /** Pooled resources a later document defines differently (the first one's definition is used). */
    conflicts?: PoolConflict[];
}
"#;

/// Levels a project document, or a portfolio of them sharing resources by id (an array of
/// documents): delays tasks so that no resource is overallocated, higher `priority` first
/// (priority 1000 and started tasks stay), honouring links and constraints.
///
/// Returns per project the levelled task dates and every delay (`from`, `to`,
/// `delay_minutes`, `reason`), and the overallocations left (`unresolved`). Throws a
/// `JinduError` when a document or an option is invalid (naming the task or field).
#[wasm_bindgen(js_name = level, unchecked_return_type = "Levelled")]
pub fn level_js(
    #[wasm_bindgen(unchecked_param_type = "Documents")] documents: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions | string | null")]
    options: JsValue,
) -> Result<JsValue, Thrown> {
    let docs = self::documents(&documents)?;
    let request: LevelRequest = crate::options(&options, "level options")?;
    output_value(&level_text(&docs, &request)?)
}

/// A levelling advanced a slice of passes at a time, so that a page keeps its event loop (a
/// progress bar, a Cancel button) while it levels: `step(n)` runs up to `n` more passes and
/// returns a `LevelProgress`; `cancel()` stops it before its next pass; `result()` is the best
/// result so far — exactly what `level()` gives with `schedules` set to the passes run, marked
/// `cancelled: true` when cancelled (it throws a `JinduError` with code `cancelled` before any
/// pass).
///
/// ```js
/// const run = new LevelRun(docs, { schedules: 2000, seed: 1 });
/// let p;
/// do { p = run.step(50); bar.value = p.done / p.total; await new Promise(requestAnimationFrame); }
/// while (!p.finished && !cancelled);
/// const levelled = run.result();
/// ```
#[wasm_bindgen]
pub struct LevelRun {
    run: Levelling<'static>,
    cancel: CancelToken,
}

#[wasm_bindgen]
impl LevelRun {
    /// Schedules the documents (as for `level()`) and builds the levelling model; no pass runs
    /// yet.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Documents")] documents: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "LevelOptions | string | null")]
        options: JsValue,
    ) -> Result<LevelRun, Thrown> {
        let docs = self::documents(&documents)?;
        let request: LevelRequest = crate::options(&options, "level options")?;
        Ok(LevelRun {
            run: level_run(&docs, &request)?,
            cancel: CancelToken::default(),
        })
    }

    /// Runs up to `schedules` more passes (at least one; never past the total; none once
    /// cancelled).
    #[wasm_bindgen(unchecked_return_type = "LevelProgress")]
    pub fn step(&mut self, schedules: f64) -> Result<JsValue, Thrown> {
        let n = if schedules.is_finite() && schedules >= 1.0 {
            schedules as u64
        } else {
            1
        };
        let control = Control {
            cancel: Some(&self.cancel),
            ..Control::default()
        };
        let p = self.run.advance(n, control)?;
        output_value(&progress_text(&self.run, &p))
    }

    /// Stops the run before its next pass.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }

    /// The result of the passes run so far (the `Levelled` of `level()`).
    #[wasm_bindgen(unchecked_return_type = "Levelled")]
    pub fn result(&self) -> Result<JsValue, Thrown> {
        output_value(&json_text(&self.run.result()?)?)
    }
}

/// Schedules a project document, or a portfolio of them (an array), and returns the loading
/// of their resources (one pool: the same resource id in two documents is one resource): per
/// resource and period the work, the capacity and the load, and the overallocated intervals
/// with the tasks causing them.
#[wasm_bindgen(js_name = load, unchecked_return_type = "Loading")]
pub fn load_js(
    #[wasm_bindgen(unchecked_param_type = "Documents")] documents: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "LoadOptions | string | null")] options: JsValue,
) -> Result<JsValue, Thrown> {
    let docs = self::documents(&documents)?;
    let request: LoadRequest = crate::options(&options, "load options")?;
    output_value(&load_text(&docs, &request)?)
}
