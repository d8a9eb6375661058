//! Risk scores: a 0–100 score per task and milestone with the factors behind it, the project
//! roll-up and the ranked warnings (`jindu::risk::assess_scores`), the same JSON as
//! `jindu scores FILE --format json`.

use wasm_bindgen::prelude::*;

use crate::convert::output_value;
use crate::error::Thrown;

/// The scores of a document (JSON text) as the core writes them; `options` is a
/// [`ScoreRequest`](jindu::risk::ScoreRequest) as JSON (empty text for the defaults).
pub fn scores_text(document: &str, options: &str) -> jindu::Result<String> {
    Ok(jindu::risk::assess_scores_json(document, options)?.to_json())
}

#[wasm_bindgen(typescript_custom_section)]
const SCORES_TS: &'static str = r#"
/** The factors a risk score weighs, in their order in every list. */
export type ScoreFactorCode =
    "float" | "float_consumed" | "criticality" | "merge" | "spread" | "hard_constraint" |
    "overallocated" | "deadline" | "late";

/** Weights to change (not negative, one positive; the others keep their defaults). */
export interface ScoreWeights {
    float?: number; float_consumed?: number; criticality?: number; merge?: number;
    spread?: number; hard_constraint?: number; overallocated?: number; deadline?: number;
    late?: number;
}

/** How to score (every field optional): the core's score request. */
export interface ScoreOptions {
    weights?: ScoreWeights;
    /** Float at or beyond this many working days scores 0 (10). */
    float_horizon_days?: number;
    /** A finish this many working days or more before its deadline scores 0 (10). */
    deadline_horizon_days?: number;
    /** The relative spread `(max − min) / mean` of an estimate that scores 1 (1). */
    spread_full?: number;
    /** The status date, `YYYY-MM-DDTHH:MM` (default: the document's). */
    status_date?: string;
    /** The baseline number (default: the lowest present). */
    baseline?: number;
    /** A factor value from which a warning is raised (0.5). */
    warn_at?: number;
    /** A factor value from which a warning is `high` (0.8). */
    high_at?: number;
    /** Monte Carlo iterations for the criticality factor (0: none). */
    iterations?: number;
    /** The Monte Carlo seed (1). */
    seed?: number;
    /**
     * The estimate of the tasks without their own, as `risk` options write it: a range gives
     * them a spread factor and the Monte Carlo the same uncertainty.
     */
    default_estimate?:
        | { optimistic_percent: number; pessimistic_percent: number; shape?: "triangular" | "pert" | "uniform" }
        | { history: true };
    /** The most warnings listed (50); the rest are counted in `warnings_dropped`. */
    max_warnings?: number;
}

/** One factor of a task's score. */
export interface ScoreFactor {
    code: ScoreFactorCode;
    /** 0 (harmless) to 1 (the worst). */
    value: number;
    /** Its share of the score: `100 × weight × value / Σ weights in play`. */
    points: number;
    weight: number;
    /** The number measured (float in working days, the criticality index, …). */
    measure: number;
    /** One English sentence saying it. */
    sentence: string;
}

/** One incomplete task's or milestone's score. */
export interface TaskScore {
    id: string;
    name: string;
    kind: "task" | "milestone";
    /** 0–100, one decimal. */
    score: number;
    /** The factors with data, in factor order. */
    factors: ScoreFactor[];
    /** The factors without data for this task (left out of the score, not counted as 0). */
    missing: ScoreFactorCode[];
}

/** A warning: a factor of a task at or above `warn_at`. */
export interface ScoreWarning {
    code: "low_float" | "float_consumed" | "critical_often" | "merge_point" | "wide_estimate" |
        "hard_constraint" | "overallocated" | "deadline_near" | "late";
    severity: "high" | "medium";
    task: string;
    /** The task's score. */
    score: number;
    /** `"<task>: <the factor's sentence>"`. */
    message: string;
}

/** The result of `scores()`: the core's JSON, as `jindu scores --format json` prints it. */
export interface RiskScores {
    /** The project's score: the mean of the top decile of task scores. */
    score: number;
    max: number;
    mean: number;
    status_date: string | null;
    baseline: number | null;
    /** Every incomplete task and milestone, in task order. */
    tasks: TaskScore[];
    /** Ranked: severity, then the task's score, then task and factor order; at most `max_warnings`. */
    warnings: ScoreWarning[];
    /** The warnings left out below `max_warnings` (the lowest ranked). */
    warnings_dropped: number;
}
"#;

/// Scores every incomplete task and milestone of a project document (an object or its JSON
/// text) for risk: the project's `score`, `max` and `mean`, the `tasks` (each with its
/// `score`, `factors` and `missing` factors) and the ranked `warnings`.
///
/// Throws a `JinduError` when the document or an option is invalid (naming the field).
#[wasm_bindgen(js_name = scores, unchecked_return_type = "RiskScores")]
pub fn scores_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ScoreOptions | string | null")]
    options: JsValue,
) -> Result<JsValue, Thrown> {
    let (text, options) = crate::document_and_options(&document, &options, "score options")?;
    output_value(&scores_text(&text, &options)?)
}
