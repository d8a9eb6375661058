//! Errors: the core's [`jindu::Error`] becomes a JavaScript `Error` named `JinduError` with
//! `code`, `taskId` and `field` properties, plus where in the input it is (`path`, the JSON path
//! of the offending value; `line`, `column`, `element`, `header`, `value`, `format`) on errors
//! reading JSON, MSPDI, CSV or PSPLIB. For a document or edit given as an object, a JSON error
//! has its path but no line and column: those would be in the text `JSON.stringify` wrote.
//!
//! Each module exports the class `JinduError` (`import { JinduError } from 'jindu'`, also from
//! `jindu/io` and `jindu/plan`), so that `err instanceof JinduError` tells jindu's errors from
//! others: [`JinduError`]'s `Symbol.hasInstance` accepts every `Error` named `JinduError`,
//! whichever of the three modules threw it.
//!
//! Nothing in this crate panics on bad input: every failure is a value of [`Thrown`], which
//! wasm-bindgen throws as a JavaScript exception.
//!
//! No panic crosses the boundary as a trap either. On `wasm32-unknown-unknown` a panic aborts:
//! left alone it would trap (`WebAssembly.RuntimeError: unreachable`) and leave the instance in
//! whatever state the aborted call left it. [`start`], the module's start function, installs a
//! panic hook that throws a `JinduError` with code `internal` and the panic's message instead,
//! and schedules the instance to be replaced by a fresh one before the next call (wasm-bindgen's
//! reinit), so that nothing of the aborted call survives: the memory it held, its half-made
//! values, Rust's count of panics in progress. The caveat: objects made before the panic
//! (a `Scheduler`, a `RiskRun`, a `LevelRun`) lived in the old instance; using one afterwards
//! throws wasm-bindgen's `Error` "Invalid stale object from previous Wasm instance", so make
//! them again. This file is compiled into all three modules, so each has the same hook.

use js_sys::{Object, Reflect};
use serde::Serialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

/// The `name` of every `Error` object this package throws.
pub const ERROR_NAME: &str = "JinduError";

/// The properties of the `Error` objects that jindu functions throw (their `name` is
/// `"JinduError"` and their `message` the core's message): the JavaScript form of
/// [`jindu::Error`]'s code, item and field, and where in the input it is.
#[derive(Tsify, Serialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct JinduErrorInfo {
    /// A stable snake_case category, the same in every binding: `"cycle"`, `"unknown_task"`,
    /// `"invalid"`, `"json"`, `"xml"`, `"import"`, …
    pub code: String,
    /// The key of the task the error is about, if any.
    #[tsify(type = "string | null")]
    pub task_id: Option<String>,
    /// The offending field, if the error is about one field.
    #[tsify(type = "string | null")]
    pub field: Option<String>,
    /// The JSON path of the offending value in a document or edit (`"tasks[1].duraton"`,
    /// `"calendars[0].exceptions[2].date"`), when the error is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The 1-based line of the offending text, on errors reading JSON, XML (MSPDI), CSV or
    /// PSPLIB when it is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The 1-based column (characters; the field number in a CSV row), with `line`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The element path of the offending value on MSPDI errors, e.g. `"Tasks/Task/Duration"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub element: Option<String>,
    /// The column's header as written in the file, on CSV errors about a cell (also in `field`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub header: Option<String>,
    /// The offending text on CSV and PSPLIB errors, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The format being read on import errors: `"csv"` or `"psplib"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}

/// The machine-readable fields of a core error (what the JavaScript error object carries
/// besides its message).
pub fn error_info(e: &jindu::Error) -> JinduErrorInfo {
    let mut info = JinduErrorInfo {
        code: e.code().as_str().to_owned(),
        task_id: e.task_id().map(|t| t.as_str().to_owned()),
        field: e.field().map(str::to_owned),
        path: e.path().map(str::to_owned),
        line: None,
        column: None,
        element: None,
        header: None,
        value: None,
        format: None,
    };
    // Where in the text: a line of 0 means the error is about the whole input.
    let mut at = |line: usize, column: usize| {
        if line > 0 {
            info.line = Some(line);
            info.column = (column > 0).then_some(column);
        }
    };
    match e {
        jindu::Error::Json(j) => at(j.line, j.column),
        jindu::Error::Xml(x) => {
            at(x.line, x.column);
            info.element = (!x.element.is_empty()).then(|| x.element.clone());
        }
        jindu::Error::Import(i) => {
            at(i.line, i.column);
            info.header = i.header.clone();
            info.value = i.value.clone();
            info.format = Some(i.format.to_owned());
        }
        _ => {}
    }
    info
}

/// An error for an argument that is neither a document/edit object nor its JSON text (code
/// `json`, like any other unreadable input).
pub fn bad_argument(message: impl Into<String>) -> jindu::Error {
    jindu::Error::json(message)
}

/// A value to throw in JavaScript: a `JinduError` built from a core error, or an exception
/// raised by the JavaScript engine itself (passed through).
#[derive(Debug)]
pub struct Thrown(JsValue);

/// A `JinduError` object: `name`, `message`, `code`, `taskId` and `field`.
fn js_error(
    message: &str,
    code: &str,
    task_id: Option<String>,
    field: Option<String>,
) -> js_sys::Error {
    let err = js_sys::Error::new(message);
    err.set_name(ERROR_NAME);
    let opt = |v: Option<String>| v.map_or(JsValue::NULL, |s| JsValue::from_str(&s));
    // Setting a property on a fresh, ordinary Error object cannot fail.
    let _ = Reflect::set(&err, &"code".into(), &JsValue::from_str(code));
    let _ = Reflect::set(&err, &"taskId".into(), &opt(task_id));
    let _ = Reflect::set(&err, &"field".into(), &opt(field));
    err
}

/// The module's start function (wasm-bindgen runs it when the module is instantiated, and
/// again for every fresh instance; it is not exported to JavaScript): installs the panic hook
/// described in the [module documentation](self).
#[wasm_bindgen(start, private)]
pub fn start() {
    install_class();
    std::panic::set_hook(Box::new(|info| {
        let message = jindu::internal_message(info.payload());
        let err = js_error(&message, "internal", None, None);
        #[cfg(target_arch = "wasm32")]
        {
            // The next call into this module gets a fresh instance; this throw unwinds the
            // aborted call's frames to the caller, as the package's usual error.
            wasm_bindgen::handler::schedule_reinit();
            wasm_bindgen::throw_val(err.into());
        }
        #[cfg(not(target_arch = "wasm32"))]
        drop(err);
    }));
}

/// Panics with `message`, to prove that a panic reaches JavaScript as a `JinduError` with code
/// `internal` and that the module works afterwards. It exists only for the package's tests;
/// nothing else should call it (it is not in the TypeScript declarations).
#[doc(hidden)]
#[wasm_bindgen(js_name = forcePanicForTests, skip_typescript)]
#[allow(clippy::panic)]
pub fn force_panic_for_tests(message: &str) {
    panic!("{message}")
}

/// The class of the errors jindu throws, exported as `JinduError` for `instanceof` (the
/// errors themselves are plain `Error` objects named `JinduError`; [`start`] gives the class its
/// `Symbol.hasInstance`). Not constructible from JavaScript.
#[wasm_bindgen(skip_typescript)]
pub struct JinduError {
    _private: (),
}

#[wasm_bindgen]
impl JinduError {
    /// Whether `value` is an error jindu threw: an `Error` named `JinduError` (from any of the
    /// package's modules). The class's `Symbol.hasInstance`.
    #[wasm_bindgen(js_name = isJinduError, skip_typescript)]
    pub fn is_jindu_error(value: &JsValue) -> bool {
        value.is_instance_of::<js_sys::Error>()
            && Reflect::get(value, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .as_deref()
                == Some(ERROR_NAME)
    }
}

#[wasm_bindgen(typescript_custom_section)]
const JINDU_ERROR_TS: &'static str = r#"
/**
 * What every jindu function throws: an `Error` named `"JinduError"` whose `message` is the
 * sentence (`"dependency cycle: A -> B -> A"`). `err instanceof JinduError` holds for errors
 * from `jindu`, `jindu/io` and `jindu/plan` alike.
 */
export class JinduError extends Error {
  private constructor();
  readonly name: "JinduError";
  /** A stable snake_case category, the same in every binding: `"cycle"`, `"unknown_task"`, `"json"`, … */
  readonly code: string;
  /** The key of the task the error is about, if any. */
  readonly taskId: string | null;
  /** The offending field, if the error is about one field. */
  readonly field: string | null;
  /** The JSON path of the offending value (`"tasks[1].duraton"`), when the error is about one. */
  readonly path?: string;
  /** The 1-based line of the offending text (JSON text, a file), when known; never for a document given as an object. */
  readonly line?: number;
  /** The 1-based column, with `line`. */
  readonly column?: number;
  /** The element path of the offending value on MSPDI errors, e.g. `"Tasks/Task/Duration"`. */
  readonly element?: string;
  /** The column's header on CSV errors about a cell. */
  readonly header?: string;
  /** The offending text on CSV and PSPLIB errors. */
  readonly value?: string;
  /** The format being read on import errors: `"csv"` or `"psplib"`. */
  readonly format?: string;
}
"#;

/// Gives the exported `JinduError` class its `Symbol.hasInstance` ([`JinduError::is_jindu_error`])
/// and `Error.prototype` under its own, reaching the class through an instance (wasm-bindgen
/// makes one with the class's prototype). Failures leave `instanceof` as JavaScript has it.
fn install_class() {
    let probe = JsValue::from(JinduError { _private: () });
    let proto = Object::get_prototype_of(&probe);
    let Ok(class) = Reflect::get(&proto, &"constructor".into()) else {
        return;
    };
    let Ok(check) = Reflect::get(&class, &"isJinduError".into()) else {
        return;
    };
    let desc = Object::new();
    let _ = Reflect::set(&desc, &"value".into(), &check);
    if let Some(class) = class.dyn_ref::<Object>() {
        Object::define_property(class, &js_sys::Symbol::has_instance(), &desc);
    }
    let error_proto = js_sys::Error::new("").into();
    let error_proto = Object::get_prototype_of(&error_proto);
    Object::set_prototype_of(&proto, &error_proto);
}

impl From<jindu::Error> for Thrown {
    fn from(e: jindu::Error) -> Thrown {
        // JSON text the binding wrote from an object: its line and column mean nothing to the
        // caller (the path says where).
        let e = if crate::convert::take_built() {
            e.without_text_position()
        } else {
            e
        };
        let info = error_info(&e);
        let err = js_error(&e.to_string(), &info.code, info.task_id, info.field);
        // Where in the input, only on errors that have it.
        let num = |v: Option<usize>| v.map(|n| JsValue::from_f64(n as f64));
        let text = |v: Option<String>| v.map(|s| JsValue::from_str(&s));
        let extra = [
            ("path", text(info.path)),
            ("line", num(info.line)),
            ("column", num(info.column)),
            ("element", text(info.element)),
            ("header", text(info.header)),
            ("value", text(info.value)),
            ("format", text(info.format)),
        ];
        for (key, v) in extra {
            if let Some(v) = v {
                let _ = Reflect::set(&err, &key.into(), &v);
            }
        }
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

    #[test]
    fn info_carries_where_in_the_file() {
        let e = jindu::io::csv::read("id,duration\n1,2d\n2,two days\n").unwrap_err();
        let info = error_info(&e);
        assert_eq!(info.code, "import");
        assert_eq!((info.line, info.column), (Some(3), Some(2)));
        assert_eq!(info.header.as_deref(), Some("duration"));
        assert_eq!(info.field.as_deref(), Some("duration"));
        assert_eq!(info.value.as_deref(), Some("two days"));
        assert_eq!(info.format.as_deref(), Some("csv"));
        let e = jindu::io::mspdi::read(b"<Project>\n<StartDate>soon</StartDate></Project>")
            .unwrap_err();
        let info = error_info(&e);
        assert_eq!(info.code, "xml");
        assert_eq!(info.line, Some(2));
        assert!(info.column.is_some());
        assert_eq!(info.element.as_deref(), Some("Project/StartDate"));
        assert_eq!(info.format, None);
        // Errors that are not about a place in a file have none of these.
        let e = jindu::Error::SelfLink("A".into());
        let info = error_info(&e);
        assert_eq!((info.line, info.column, info.element), (None, None, None));
    }
}
