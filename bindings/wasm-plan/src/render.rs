//! Charts: a document drawn as standalone SVG by `jindu::render::draw`, the one façade every
//! language calls, so the bytes are those of `jindu render FILE --chart KIND`. The kind is
//! passed through by name: every chart the core draws is drawn here.

use jindu::io::json;
use jindu::render::Chart;
use wasm_bindgen::prelude::*;

use crate::convert::input_text;
use crate::error::{bad_argument, Thrown};

/// Draws chart `chart` (its name: `gantt`, `histogram`, `scurve`, …) of a document (JSON
/// text) with its options as a JSON object (empty text for the defaults).
pub fn chart_text(document: &str, chart: &str, options: &str) -> jindu::Result<String> {
    let chart: Chart = chart.parse()?;
    let doc = json::read(document)?;
    jindu::render::draw(&doc, chart, options)
}

/// The options argument as JSON text (empty for `undefined` or `null`).
fn options_text(options: &JsValue) -> Result<String, Thrown> {
    if options.is_undefined() || options.is_null() {
        return Ok(String::new());
    }
    input_text(options, "chart options")
}

#[wasm_bindgen(typescript_custom_section)]
const RENDER_TS: &'static str = r#"
/** The options of the Gantt chart (every field optional): the core's Gantt request. */
export interface GanttOptions {
    /** Width in pixels (default 1200; at least 320). */
    width?: number;
    /** Height in pixels: rows shrink to fit. */
    height?: number;
    /** Row height in pixels. */
    row_height?: number;
    /** The first instant shown, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`. */
    from?: string;
    /** The end of the time shown. */
    to?: string;
    /** Only these tasks (by key). */
    tasks?: string[];
    /** Only what the client may see (no internal tasks); not with `tasks`. */
    client?: boolean;
    /** `"light"` (the default) or `"dark"`. */
    theme?: "light" | "dark";
    /** `"en"` (the default) or `"zh-CN"`. */
    locale?: "en" | "zh-CN";
    /** Draw the links (default true). */
    links?: boolean;
    /** Draw the first baseline (default true). */
    baselines?: boolean;
    /** Draw a "today" line at this date. */
    today?: string;
}

/** The chart kinds the core draws (`renderChart` passes any name on; the core names the kinds it knows). */
export type ChartKind = "gantt" | "histogram" | "scurve" | "tornado" | "evm" | "fever" | (string & {});
"#;

/// Draws a chart of a project document (an object or its JSON text) as standalone SVG text:
/// `chart` is its kind (`"gantt"`, `"histogram"`, `"scurve"`, `"tornado"`, `"evm"`, `"fever"`)
/// and `options` its options as the core reads them (`{ width: 800, theme: "dark" }`); the
/// same bytes as `jindu render FILE --chart KIND`.
///
/// Throws a `JinduError` for an unknown kind, an option the chart does not take (naming it),
/// or an invalid document.
#[wasm_bindgen(js_name = renderChart)]
pub fn render_chart_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] document: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ChartKind")] chart: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "object | string | null")] options: JsValue,
) -> Result<String, Thrown> {
    let text = input_text(&document, "a project document")?;
    let Some(kind) = chart.as_string() else {
        let got = chart.js_typeof().as_string().unwrap_or_default();
        return Err(
            bad_argument(format!("expected the chart's name (a string), got {got}")).into(),
        );
    };
    Ok(chart_text(&text, &kind, &options_text(&options)?)?)
}

/// Schedules a project document (an object or its JSON text) and draws its Gantt chart as
/// standalone SVG text: `renderChart(document, "gantt", options)`.
#[wasm_bindgen(js_name = renderGantt)]
pub fn render_gantt_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] document: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "GanttOptions | string | null")]
    options: JsValue,
) -> Result<String, Thrown> {
    let text = input_text(&document, "a project document")?;
    Ok(chart_text(&text, "gantt", &options_text(&options)?)?)
}
