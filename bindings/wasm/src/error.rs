//! Errors: the core's [`jindu::Error`] becomes a JavaScript `Error` with `code`, `taskId` and
//! `field` properties.
//!
//! Nothing in this crate panics on bad input (a panic would abort the WebAssembly instance):
//! every failure is a value of [`Thrown`], which wasm-bindgen throws as a JavaScript exception.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use crate::types::JinduErrorInfo;

/// The `name` of every `Error` object this package throws.
pub const ERROR_NAME: &str = "JinduError";

/// The machine-readable fields of a core error (what the JavaScript error object carries
/// besides its message).
pub fn error_info(e: &jindu::Error) -> JinduErrorInfo {
    JinduErrorInfo {
        code: e.code().as_str().to_owned(),
        task_id: e.task_id().map(|t| t.as_str().to_owned()),
        field: e.field().map(str::to_owned),
    }
}

/// An error for an argument that is neither a document/edit object nor its JSON text (code
/// `json`, like any other unreadable input).
pub fn bad_argument(message: impl Into<String>) -> jindu::Error {
    jindu::Error::Json(Box::new(jindu::JsonError {
        item: None,
        path: String::new(),
        line: 0,
        column: 0,
        message: message.into(),
    }))
}

/// A value to throw in JavaScript: a `JinduError` built from a core error, or an exception
/// raised by the JavaScript engine itself (passed through).
#[derive(Debug)]
pub struct Thrown(JsValue);

impl From<jindu::Error> for Thrown {
    fn from(e: jindu::Error) -> Thrown {
        let info = error_info(&e);
        let err = js_sys::Error::new(&e.to_string());
        err.set_name(ERROR_NAME);
        let opt = |v: Option<String>| v.map_or(JsValue::NULL, |s| JsValue::from_str(&s));
        // Setting a property on a fresh, ordinary Error object cannot fail.
        let _ = Reflect::set(&err, &"code".into(), &JsValue::from_str(&info.code));
        let _ = Reflect::set(&err, &"taskId".into(), &opt(info.task_id));
        let _ = Reflect::set(&err, &"field".into(), &opt(info.field));
        Thrown(err.into())
    }
}

impl From<JsValue> for Thrown {
    fn from(v: JsValue) -> Thrown {
        Thrown(v)
    }
}

impl From<serde_wasm_bindgen::Error> for Thrown {
    fn from(e: serde_wasm_bindgen::Error) -> Thrown {
        Thrown(e.into())
    }
}

impl From<Thrown> for JsValue {
    fn from(t: Thrown) -> JsValue {
        t.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_carries_code_task_and_field() {
        let e = jindu::io::json::read(
            r#"{"name":"x","start":"2026-01-05","tasks":[{"id":"A","duration":"2 days"}]}"#,
        )
        .unwrap_err();
        let info = error_info(&e);
        assert_eq!(info.code, "invalid");
        assert_eq!(info.task_id.as_deref(), Some("A"));
        assert_eq!(info.field.as_deref(), Some("duration"));
        let e = bad_argument("expected an object");
        assert_eq!(error_info(&e).code, "json");
        assert_eq!(error_info(&e).task_id, None);
        assert_eq!(e.to_string(), "expected an object");
    }
}
