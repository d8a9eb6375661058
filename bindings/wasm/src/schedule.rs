//! One-shot scheduling: a document in, its schedule out.

use jindu::io::json::{self, ScheduleOutput};
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::compact::compact_value;
use crate::convert::input_text;
use crate::error::Thrown;
use crate::objects::schedule_value;

/// Reads a document (JSON text) and writes its schedule as the core's schedule JSON.
pub fn schedule_text(text: &str) -> jindu::Result<String> {
    let doc = json::read(text)?;
    let s = jindu::schedule(&doc.project, &doc.options)?;
    Ok(json::write_schedule(&doc.project, &s))
}

/// Schedules a project document (an object or its JSON text) and returns the schedule.
///
/// Throws a `JinduError` (with `code`, `taskId`, `field`) when the document is invalid or its
/// links form a cycle.
#[wasm_bindgen(js_name = schedule)]
pub fn schedule_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] project: JsValue,
) -> Result<Ts<ScheduleOutput<'static>>, Thrown> {
    let text = input_text(&project, "a project document")?;
    let doc = json::read(&text)?;
    let s = jindu::schedule(&doc.project, &doc.options)?;
    Ok(Ts::new_unchecked(schedule_value(&doc.project, &s)?))
}

/// Schedules a project document given as JSON text and returns the schedule as JSON text,
/// exactly as the core writes it (the same bytes as the `jindu` command and every binding).
#[wasm_bindgen(js_name = scheduleJson)]
pub fn schedule_json(text: &str) -> Result<String, Thrown> {
    Ok(schedule_text(text)?)
}

/// Schedules a project document (an object or its JSON text) and returns the schedule in
/// compact form: the task keys once and each per-task value in a typed array (dates as minutes
/// since 1970-01-01T00:00), for plans too big to take as objects.
///
/// Throws a `JinduError` as `schedule` does.
#[wasm_bindgen(js_name = scheduleCompact, unchecked_return_type = "CompactSchedule")]
pub fn schedule_compact(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] project: JsValue,
) -> Result<JsValue, Thrown> {
    let text = input_text(&project, "a project document")?;
    let doc = json::read(&text)?;
    let s = jindu::schedule(&doc.project, &doc.options)?;
    compact_value(&doc.project, &s)
}
