//! Conversions at the boundary: JavaScript arguments to the JSON text the core reads, and the
//! core's JSON text and values to JavaScript values.
//!
//! Documents and edits cross as JSON text on purpose: the core's reader then reports the same
//! errors (with the same item, field and message) as in every other language.

use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

use jindu::io::json::DrivingLinkOutput;

use crate::error::{bad_argument, Thrown};

thread_local! {
    /// Whether the latest argument [`input_text`] converted was an object (JSON text this
    /// module wrote, not the caller): a JSON error then says where by its path only (see
    /// [`take_built`]).
    static BUILT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the latest argument was written from an object, clearing the mark: read when a core
/// error becomes a JavaScript one. A call's arguments are converted before the core reads any
/// of them; with a string and an object, the one converted last decides.
pub fn take_built() -> bool {
    BUILT.with(|b| b.replace(false))
}

/// The JSON text of a document or edit argument: a string is taken as JSON text as it is, an
/// object is written with `JSON.stringify`; `what` names the expected value in errors.
pub fn input_text(value: &JsValue, what: &str) -> Result<String, Thrown> {
    BUILT.with(|b| b.set(false));
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    if !value.is_object() {
        let got = if value.is_null() {
            "null".to_owned()
        } else {
            value.js_typeof().as_string().unwrap_or_default()
        };
        return Err(bad_argument(format!(
            "expected {what} (an object or its JSON text), got {got}"
        ))
        .into());
    }
    BUILT.with(|b| b.set(true));
    match js_sys::JSON::stringify(value) {
        Ok(text) => text.as_string().ok_or_else(|| {
            bad_argument(format!("expected {what}, got a value with no JSON form")).into()
        }),
        Err(e) => Err(bad_argument(format!(
            "{what} cannot be written as JSON: {}",
            js_message(&e)
        ))
        .into()),
    }
}

/// The message of a JavaScript exception.
fn js_message(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => String::from(err.message()),
        None => e.as_string().unwrap_or_else(|| format!("{e:?}")),
    }
}

/// Parses JSON text that the core wrote into a JavaScript value.
pub fn output_value(text: &str) -> Result<JsValue, Thrown> {
    Ok(js_sys::JSON::parse(text)?)
}

/// A JSON array of strings (for `JSON.parse`, which makes thousands of strings far faster
/// than creating them one by one across the boundary).
pub fn json_strings<'a>(strings: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::from("[");
    for (k, s) in strings.enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push('"');
        if !s.bytes().any(|b| b == b'"' || b == b'\\' || b < 0x20) {
            out.push_str(s);
            out.push('"');
            continue;
        }
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if (c as u32) < 0x20 => {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
    out.push(']');
    out
}

/// Converts a Rust value to a plain JavaScript value (objects, not `Map`s).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, Thrown> {
    Ok(value.serialize(&serde_wasm_bindgen::Serializer::json_compatible())?)
}

/// The links that drive a task, as `why()` returns them (lags written with the project's
/// duration settings, omitted when zero).
pub fn driving_links(
    links: Vec<(jindu::TaskId, jindu::LinkType, jindu::Lag)>,
    settings: &jindu::DurationSettings,
) -> Vec<DrivingLinkOutput<'static>> {
    links
        .into_iter()
        .map(|(from, kind, lag)| {
            DrivingLinkOutput::new(from.as_str().to_owned(), kind, lag, *settings)
        })
        .collect()
}

/// Runs `f` with the caller's `progress` function (undefined or null: none) as its control:
/// called with `(done, total)` (`of` a progress value) at each report; returning `false`
/// cancels (a `JinduError` with code `cancelled`), and an exception it throws cancels the call
/// and is rethrown as it was.
pub fn with_progress<P, T>(
    progress: &JsValue,
    of: impl Fn(&P) -> (f64, f64),
    f: impl FnOnce(jindu::control::Control<'_, P>) -> jindu::Result<T>,
) -> Result<T, Thrown> {
    if progress.is_undefined() || progress.is_null() {
        return Ok(f(jindu::control::Control::default())?);
    }
    let Some(func) = progress.dyn_ref::<js_sys::Function>() else {
        return Err(
            bad_argument("progress must be a function (done, total) => boolean | void").into(),
        );
    };
    let cancel = jindu::control::CancelToken::default();
    let mut thrown = None;
    let result = {
        let mut report = |p: &P| {
            let (done, total) = of(p);
            match func.call2(
                &JsValue::NULL,
                &JsValue::from_f64(done),
                &JsValue::from_f64(total),
            ) {
                Ok(v) if v.as_bool() == Some(false) => cancel.cancel(),
                Ok(_) => {}
                Err(e) => {
                    thrown.get_or_insert(e);
                    cancel.cancel();
                }
            }
        };
        f(jindu::control::Control {
            progress: Some(&mut report),
            cancel: Some(&cancel),
        })
    };
    if let Some(e) = thrown {
        return Err(e.into());
    }
    if cancel.is_cancelled() {
        return Err(jindu::Error::Cancelled.into());
    }
    Ok(result?)
}
