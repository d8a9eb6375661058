//! The compact form of a schedule, for big plans: the task keys once, and every per-task number
//! in typed arrays (one `Float64Array` and one `Uint8Array` underneath), so that a host gets
//! 10,000 tasks without building 10,000 objects or parsing megabytes of JSON.
//!
//! Index `i` of every array is task `ids[i]`, in the project's order (the order of
//! `schedule().tasks`). Dates are minutes since 1970-01-01T00:00 on the project's wall clock
//! (no time zone): `new Date(m * 60000).toISOString()` shows it as UTC, which is that wall
//! clock. Durations and floats are the minutes the object form gives in `total_float_minutes`.

use jindu::io::json::out::{ScheduleOutput, ViolationOutput, WarningOutput};
use jindu::{Project, Schedule};
use wasm_bindgen::prelude::*;

use crate::convert::{json_strings, to_js};
use crate::error::Thrown;

/// The TypeScript declaration of the compact form.
#[wasm_bindgen(typescript_custom_section)]
const TS_COMPACT_SCHEDULE: &'static str = r#"/**
 * A schedule in compact form (`scheduleCompact`, `Scheduler.scheduleCompact()`): the task keys
 * once and each per-task value in a typed array, index `i` being task `ids[i]` (the order of
 * `Schedule.tasks`). Dates are minutes since 1970-01-01T00:00 on the project's wall clock (no
 * time zone; `new Date(m * 60000).toISOString()` shows that wall clock as UTC). Durations and
 * floats are minutes, as in `total_float_minutes`. The arrays are copies: keep them, change them.
 */
export interface CompactSchedule {
    /** The project's name. */
    project: string;
    /** The project start, in minutes since 1970-01-01T00:00. */
    project_start: number;
    /** The project finish, in minutes since 1970-01-01T00:00. */
    project_finish: number;
    /** The task keys, in the project's order. */
    ids: string[];
    /** Scheduled starts. */
    start: Float64Array;
    /** Scheduled finishes. */
    finish: Float64Array;
    /** Early starts. */
    early_start: Float64Array;
    /** Early finishes. */
    early_finish: Float64Array;
    /** Late starts. */
    late_start: Float64Array;
    /** Late finishes. */
    late_finish: Float64Array;
    /** Durations in minutes (working minutes, or elapsed minutes for elapsed durations). */
    duration_minutes: Float64Array;
    /** Total float in minutes (`total_float_minutes`). */
    total_float_minutes: Float64Array;
    /** Free float in minutes (`free_float_minutes`). */
    free_float_minutes: Float64Array;
    /** 1 for a critical task, else 0. */
    critical: Uint8Array;
    /** 1 for a summary task, else 0. */
    summary: Uint8Array;
    /** 1 for a milestone, else 0. */
    milestone: Uint8Array;
    /** The critical path (`Schedule.critical_path`) as indices into `ids`. */
    critical_path: Uint32Array;
    /** Rules the schedule breaks (as in `Schedule.violations`). */
    violations: Violation[];
    /** Remarks about the input (as in `Schedule.warnings`). */
    warnings: ScheduleWarning[];
}"#;

/// The names of the `Float64Array` fields, in the order of their blocks in [`Compact::numbers`].
pub const NUMBER_FIELDS: [&str; 9] = [
    "start",
    "finish",
    "early_start",
    "early_finish",
    "late_start",
    "late_finish",
    "duration_minutes",
    "total_float_minutes",
    "free_float_minutes",
];

/// The names of the `Uint8Array` fields, in the order of their blocks in [`Compact::flags`].
pub const FLAG_FIELDS: [&str; 3] = ["critical", "summary", "milestone"];

/// The compact form of a schedule in plain Rust (what `scheduleCompact` hands to JavaScript).
#[derive(Debug, Clone, PartialEq)]
pub struct Compact {
    /// The task keys as a JSON array (parsed once by `JSON.parse` on the JavaScript side).
    pub ids_json: String,
    /// [`NUMBER_FIELDS`]`.len()` blocks of one value per task, block `k` being field
    /// `NUMBER_FIELDS[k]`.
    pub numbers: Vec<f64>,
    /// [`FLAG_FIELDS`]`.len()` blocks of one 0/1 per task.
    pub flags: Vec<u8>,
    /// The critical path as task indices.
    pub critical_path: Vec<u32>,
    /// The project start and finish, in minutes since 1970-01-01T00:00.
    pub project_start: f64,
    /// See `project_start`.
    pub project_finish: f64,
}

/// The compact form of schedule `s` of project `p`.
pub fn compact(p: &Project, s: &Schedule) -> Compact {
    let tasks = s.tasks();
    let n = tasks.len();
    let mut numbers = vec![0.0; NUMBER_FIELDS.len() * n];
    let mut flags = vec![0u8; FLAG_FIELDS.len() * n];
    for (i, t) in tasks.iter().enumerate() {
        let values = [
            t.start.minutes(),
            t.finish.minutes(),
            t.early_start.minutes(),
            t.early_finish.minutes(),
            t.late_start.minutes(),
            t.late_finish.minutes(),
            t.duration.minutes(),
            t.total_float.minutes(),
            t.free_float.minutes(),
        ];
        for (k, v) in values.into_iter().enumerate() {
            numbers[k * n + i] = v as f64;
        }
        let summary = p.is_summary(jindu::TaskIndex::from_raw(i as u32));
        flags[i] = t.critical as u8;
        flags[n + i] = summary as u8;
        flags[2 * n + i] = (!summary && t.duration.is_zero()) as u8;
    }
    Compact {
        ids_json: json_strings(p.tasks().iter().map(|t| t.id.as_str())),
        numbers,
        flags,
        critical_path: s.critical_path().iter().map(|i| i.get()).collect(),
        project_start: s.project_start.minutes() as f64,
        project_finish: s.project_finish.minutes() as f64,
    }
}

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) -> Result<(), Thrown> {
    js_sys::Reflect::set(obj, &JsValue::from_str(key), value)?;
    Ok(())
}

/// The `CompactSchedule` object of schedule `s` of project `p`.
pub fn compact_value(p: &Project, s: &Schedule) -> Result<JsValue, Thrown> {
    let c = compact(p, s);
    let n = s.tasks().len() as u32;
    let obj = js_sys::Object::new();
    set(&obj, "project", &JsValue::from_str(p.name()))?;
    set(&obj, "project_start", &JsValue::from_f64(c.project_start))?;
    set(&obj, "project_finish", &JsValue::from_f64(c.project_finish))?;
    set(&obj, "ids", &js_sys::JSON::parse(&c.ids_json)?)?;
    let numbers = js_sys::Float64Array::new_with_length(c.numbers.len() as u32);
    numbers.copy_from(&c.numbers);
    for (k, name) in NUMBER_FIELDS.iter().enumerate() {
        let k = k as u32;
        set(&obj, name, &numbers.subarray(k * n, (k + 1) * n))?;
    }
    let flags = js_sys::Uint8Array::new_with_length(c.flags.len() as u32);
    flags.copy_from(&c.flags);
    for (k, name) in FLAG_FIELDS.iter().enumerate() {
        let k = k as u32;
        set(&obj, name, &flags.subarray(k * n, (k + 1) * n))?;
    }
    set(
        &obj,
        "critical_path",
        &js_sys::Uint32Array::from(&c.critical_path[..]),
    )?;
    let out = ScheduleOutput::new(p, s);
    let violations: &[ViolationOutput] = &out.violations;
    let warnings: &[WarningOutput] = &out.warnings;
    set(&obj, "violations", &to_js(&violations)?)?;
    set(&obj, "warnings", &to_js(&warnings)?)?;
    Ok(obj.into())
}
