//! # jindu-wasm-plan — levelling, loading, health, tracking and charts, as `jindu/plan`
//!
//! A third WebAssembly module of the npm package `jindu`, loaded only by `import('jindu/plan')`
//! (core/DESIGN.md "WebAssembly size"): the main module (scheduling and risk) is near its
//! budget, and a page that only schedules never downloads what is here. It is a thin binding
//! over the same core as `jindu-wasm`, mirroring the Python functions of the same names:
//!
//! * `level(documents, options?)` and `load(documents, options?)` — resource levelling and
//!   loading of one document or a portfolio sharing resources by id ([`level`]); `new
//!   LevelRun(documents, options?)` levels a slice of passes at a time (`step`, `cancel`,
//!   `result`), for a progress bar and a Cancel button;
//! * `health(document, options?)` — the DCMA 14-point assessment ([`health`]);
//! * `scores(document, options?)` — a 0–100 risk score per task with its factors, the
//!   project roll-up and the ranked warnings ([`scores`]);
//! * `evm`, `alerts`, `buffers`, `variance`, `report`, `clientView` and `whatIf` — tracking
//!   at a status date ([`track`]);
//! * `renderChart(document, chart, options?)` and `renderGantt(document, options?)` — the
//!   core's SVG charts through `jindu::render::draw` ([`render`]).
//!
//! Every result is the core's JSON, exactly what the `jindu` command prints with
//! `--format json` (parsed by the JavaScript engine into an object), or text (Markdown and
//! HTML reports, SVG). Documents and options cross as objects or their JSON text, so the core's
//! readers report the same errors as in every language; errors are the same `JinduError`
//! objects as the other modules' (the same [`error`] module, compiled into each). Options are
//! the core's JSON field names (`status_date`, `within_float`), as in the risk options of
//! the main module.
//!
//! Each capability has a plain-Rust part (`*_text` functions over JSON text, run by
//! `cargo test`) and its `#[wasm_bindgen]` functions; the JavaScript surface is tested under
//! Node (`bindings/wasm/tests/plan.test.mjs`).

// The plain-Rust layer returns the core's own `jindu::Result`: its error is what the binding
// converts, and boxing it would only add an allocation on the error path.
#![allow(clippy::result_large_err)]

// The conversions and errors are the main module's own source, compiled into this module too,
// so that every module throws the same `JinduError` objects.
#[path = "../../wasm/src/convert.rs"]
pub mod convert;
#[path = "../../wasm/src/error.rs"]
pub mod error;

pub mod health;
pub mod level;
pub mod render;
pub mod scores;
pub mod track;

use wasm_bindgen::prelude::*;

use crate::convert::input_text;
use crate::error::Thrown;

pub use health::health_text;
pub use jindu::track::TrackRequest;
pub use level::{level_run, level_text, load_text, LevelRequest};
pub use render::chart_text;
pub use scores::scores_text;
pub use track::{compare_text, track_text, whatif_text, Tracked};

/// JSON text of a result the core computed (its field names, as the `jindu` command prints
/// it); the core's result types only hold strings, numbers and lists, so this cannot fail in
/// practice, and if it did it would be a `json` error rather than a panic.
pub(crate) fn json_text(value: &impl serde::Serialize) -> jindu::Result<String> {
    serde_json::to_string(value).map_err(|e| jindu::Error::json(e.to_string()))
}

/// A document argument and an options argument as JSON text: each an object or its JSON text;
/// `undefined` or `null` options give empty text (the defaults). `what` names the options in
/// an error.
pub(crate) fn document_and_options(
    document: &JsValue,
    options: &JsValue,
    what: &str,
) -> Result<(String, String), Thrown> {
    let text = input_text(document, "a project document")?;
    let options = if options.is_undefined() || options.is_null() {
        String::new()
    } else {
        input_text(options, what)?
    };
    Ok((text, options))
}

/// Reads an options argument: `undefined` or `null` give `T::default()`, else an object or its
/// JSON text read into `T` (an unknown or malformed field is a `json` error naming `what`).
pub(crate) fn options<T: serde::de::DeserializeOwned + Default>(
    value: &JsValue,
    what: &str,
) -> Result<T, Thrown> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    Ok(parse_options(&input_text(value, what)?, what)?)
}

/// Reads options JSON text into `T` (empty text for the defaults).
pub fn parse_options<T: serde::de::DeserializeOwned + Default>(
    text: &str,
    what: &str,
) -> jindu::Result<T> {
    if text.trim().is_empty() {
        return Ok(T::default());
    }
    serde_json::from_str(text).map_err(|e| jindu::Error::json(format!("{what}: {e}")))
}
