//! # jindu-wasm-io — the file readers of the npm package `jindu`, as `jindu/io`
//!
//! A second WebAssembly module, loaded only by `import('jindu/io')` (core/DESIGN.md
//! "WebAssembly size"): users who only schedule never download the MSPDI, CSV and PSPLIB
//! readers. It is its own small binding over the same core as `jindu-wasm`:
//!
//! * `importMspdi(data)`, `importCsv(data, options?)`, `importPsplib(data, options?)` — a file
//!   (`Uint8Array`, `ArrayBuffer` or text) in, a `ProjectDocument` out (with warnings for
//!   MSPDI and CSV), ready for the main module's `schedule()` or `new Scheduler()`.
//!
//! Files cross as bytes (`Uint8Array`, `ArrayBuffer`) or as text (a string, passed on as its
//! UTF-8 bytes), and go to the core's readers as they are, so that byte-order marks, UTF-16 CSV
//! and every error (with its line and column) are the core's. The core writes the imported
//! project as document JSON text, which the JavaScript engine parses: the main module then
//! reads it as it reads any document. Errors are the same `JinduError` objects as the main
//! module's (the same [`error`] module, compiled into both).
//!
//! `exportMspdi` schedules, so it stays in the main module.

// The plain-Rust layer returns the core's own `jindu::Result`: its error is what the binding
// converts, and boxing it would only add an allocation on the error path.
#![allow(clippy::result_large_err)]

// The conversions and errors are the main module's own source, compiled into this module too,
// so that both throw the same `JinduError` objects.
#[path = "../../wasm/src/convert.rs"]
pub mod convert;
#[path = "../../wasm/src/error.rs"]
pub mod error;

use jindu::control::Control;
use jindu::io::json::{self, Document, ProjectDocument};
use jindu::io::{Import, ImportWarning, Progress, WarningCode};
use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::convert::{input_text, output_value, to_js, with_progress};
use crate::error::{bad_argument, Thrown};

/// Options for `importCsv()` and `importPsplib()`.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct ImportOptions {
    /// The project's name (default `"Imported tasks"` for CSV, the PSPLIB reader's own name for
    /// PSPLIB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub name: Option<String>,
    /// The project start, `YYYY-MM-DD` (08:00) or `YYYY-MM-DDTHH:MM[:SS]`; by default CSV takes
    /// the earliest Start cell, or else Monday 2026-01-05 08:00 (with a `default_start`
    /// warning), and PSPLIB Monday 2026-01-05 00:00.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "string | null")]
    pub start: Option<String>,
    /// What the file may hold (its size, its counts), each field optional over the defaults
    /// (256 MiB, a million tasks, …): over one, a `JinduError` with code `limit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[tsify(type = "Partial<Limits> | null")]
    pub limits: Option<jindu::Limits>,
}

/// Something in an MSPDI file that was not imported, or only approximately (one per element
/// kind and reason).
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MspdiWarning {
    /// The element, as a path from its item, e.g. `"Task/Active"`.
    pub element: String,
    /// How many times it occurred.
    pub count: usize,
    /// The first few tasks (by key, i.e. UID) it occurred on, if it is about tasks.
    pub tasks: Vec<String>,
    /// What was done instead.
    pub message: String,
}

/// The result of `importMspdi()`: the project as a document (its tasks keyed by UID), and
/// what could not be imported.
#[derive(Tsify, Serialize, Debug, Clone, PartialEq)]
pub struct MspdiImport {
    /// The imported project, with the scheduling options the file asks for.
    pub project: ProjectDocument,
    /// What was not imported, or only approximately.
    pub warnings: Vec<MspdiWarning>,
}

/// A header column of a CSV file that the reader does not know.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct UnknownColumn {
    /// The 1-based column number.
    pub column: usize,
    /// The header as written.
    pub header: String,
}

/// Something a CSV import did not import, or filled in by itself.
#[derive(Tsify, Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CsvWarning {
    /// Columns with headers the reader does not know; their values were not imported.
    UnknownColumns {
        /// The columns.
        columns: Vec<UnknownColumn>,
        /// The warning as text.
        message: String,
    },
    /// Neither the options nor the file gave a project start, so `start` was used.
    DefaultStart {
        /// The start that was used.
        start: String,
        /// The warning as text.
        message: String,
    },
    /// A warning this version of the package has no structured form for.
    Other {
        /// The warning as text.
        message: String,
    },
}

/// The result of `importCsv()`: the project as a document, and what was not imported.
#[derive(Tsify, Serialize, Debug, Clone, PartialEq)]
pub struct CsvImport {
    /// The imported project.
    pub project: ProjectDocument,
    /// Unknown columns and filled-in values.
    pub warnings: Vec<CsvWarning>,
}

/// An imported project as document JSON text, with the importer's warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported<W> {
    /// The project as a jindu JSON document (what `jindu::io::json::write` writes).
    pub document: String,
    /// What the importer did not import, or filled in.
    pub warnings: Vec<W>,
}

/// The readers of this module.
#[derive(Debug, Clone, Copy)]
enum Reader {
    Mspdi,
    Csv,
    Psplib,
}

/// Reads `bytes` as `format` with the `name` and `start` of `options` (a date alone means
/// 08:00): what `jindu::io::read` does once the format is known, calling the one reader
/// directly so that the others (and the JSON document reader) stay out of this module.
fn read(
    bytes: &[u8],
    format: Reader,
    options: &ImportOptions,
    control: Control<'_, Progress>,
) -> jindu::Result<Import> {
    let start = options
        .start
        .as_deref()
        .map(jindu::io::parse_start)
        .transpose()?;
    let limits = options.limits.unwrap_or_default();
    match format {
        Reader::Csv => {
            let mut opts = jindu::io::csv::CsvOptions {
                start,
                limits,
                ..Default::default()
            };
            if let Some(name) = &options.name {
                opts.name = name.clone();
            }
            jindu::io::csv::read_with_control(bytes, &opts, control)
        }
        Reader::Psplib => {
            let mut imp = jindu::io::psplib::read_with_limits(bytes, &limits)?;
            if let Some(t) = start {
                imp.project.set_schedule_from(jindu::ScheduleFrom::Start(t));
            }
            if let Some(name) = &options.name {
                imp.project.set_name(name.clone());
            }
            Ok(imp)
        }
        Reader::Mspdi => jindu::io::mspdi::read_with_control(bytes, &limits, control),
    }
}

/// The import as document JSON text, with its warnings in their JavaScript form.
fn imported<W>(imp: Import, warning: impl Fn(&ImportWarning) -> W) -> Imported<W> {
    let warnings = imp.warnings.iter().map(warning).collect();
    let document = json::write(&imp.into());
    Imported { document, warnings }
}

/// Reads an MSPDI file (bytes of UTF-8 XML) into document JSON and its warnings (of
/// `options`, only `limits` counts here).
pub fn import_mspdi(
    bytes: &[u8],
    options: &ImportOptions,
) -> jindu::Result<Imported<MspdiWarning>> {
    import_mspdi_with(bytes, options, Control::default())
}

fn import_mspdi_with(
    bytes: &[u8],
    options: &ImportOptions,
    control: Control<'_, Progress>,
) -> jindu::Result<Imported<MspdiWarning>> {
    let imp = read(bytes, Reader::Mspdi, options, control)?;
    Ok(imported(imp, |w| MspdiWarning {
        element: w.element.clone().unwrap_or_default(),
        count: w.count,
        tasks: w.tasks.iter().map(|t| t.as_str().to_owned()).collect(),
        message: w.message.clone(),
    }))
}

/// Reads a CSV task list into document JSON and its warnings.
pub fn import_csv(bytes: &[u8], options: &ImportOptions) -> jindu::Result<Imported<CsvWarning>> {
    import_csv_with(bytes, options, Control::default())
}

fn import_csv_with(
    bytes: &[u8],
    options: &ImportOptions,
    control: Control<'_, Progress>,
) -> jindu::Result<Imported<CsvWarning>> {
    Ok(imported(
        read(bytes, Reader::Csv, options, control)?,
        csv_warning,
    ))
}

/// Reads a PSPLIB single-mode instance (`.sm`) into document JSON.
pub fn import_psplib(bytes: &[u8], options: &ImportOptions) -> jindu::Result<String> {
    let doc: Document = read(bytes, Reader::Psplib, options, Control::default())?.into();
    Ok(json::write(&doc))
}

/// The JavaScript form of a CSV import warning.
fn csv_warning(w: &ImportWarning) -> CsvWarning {
    let message = w.to_string();
    match w.code {
        WarningCode::UnknownColumns => CsvWarning::UnknownColumns {
            columns: w
                .columns
                .iter()
                .map(|(column, header)| UnknownColumn {
                    column: *column,
                    header: header.clone(),
                })
                .collect(),
            message,
        },
        WarningCode::DefaultStart => CsvWarning::DefaultStart {
            start: w.start.map(|s| s.to_string()).unwrap_or_default(),
            message,
        },
        _ => CsvWarning::Other { message },
    }
}

// ---- JavaScript ---------------------------------------------------------------------------

/// The bytes of a file argument: a string (its UTF-8 bytes), a `Uint8Array` (or Node `Buffer`,
/// or any other typed array or `DataView`: the bytes it views, also from another realm such as
/// a `vm` context or an iframe) or an `ArrayBuffer`. Anything else is an error of `format`'s
/// reader.
fn input_bytes(value: &JsValue, format: &'static str) -> Result<Vec<u8>, Thrown> {
    if let Some(text) = value.as_string() {
        return Ok(text.into_bytes());
    }
    if let Some(a) = value.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(a.to_vec());
    }
    if let Some(b) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        return Ok(js_sys::Uint8Array::new(b).to_vec());
    }
    if js_sys::ArrayBuffer::is_view(value) {
        let get = |key: &str| js_sys::Reflect::get(value, &key.into());
        let number = |v: JsValue| v.as_f64().filter(|n| *n >= 0.0).unwrap_or(0.0) as u32;
        let offset = number(get("byteOffset")?);
        let length = number(get("byteLength")?);
        // A view of a detached buffer has no bytes (and a view over it cannot be made).
        if length == 0 {
            return Ok(Vec::new());
        }
        let view =
            js_sys::Uint8Array::new_with_byte_offset_and_length(&get("buffer")?, offset, length);
        return Ok(view.to_vec());
    }
    let got = if value.is_null() {
        "null".to_owned()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    };
    let message =
        format!("expected the file as a Uint8Array, an ArrayBuffer or a string, got {got}");
    Err(match format {
        "mspdi" => jindu::Error::Xml(Box::new(jindu::XmlError {
            item: None,
            element: String::new(),
            line: 0,
            column: 0,
            message,
        })),
        _ => jindu::Error::Import(Box::new(jindu::ImportError {
            format,
            line: 0,
            column: 0,
            header: None,
            value: None,
            message,
            cause: None,
        })),
    }
    .into())
}

/// The options argument (`undefined` or `null` for the defaults).
#[wasm_bindgen(typescript_custom_section)]
const PROGRESS_TS: &'static str = r#"
/** Follows a long read: called about every 1 % of the file with the bytes read and the file's size (first 0, last all of them); return `false` to cancel the read, which then throws a `JinduError` with code `cancelled`. */
export type ReadProgress = (done: number, total: number) => boolean | void;
"#;

/// A read's progress as `(done, total)` bytes.
fn bytes_of(p: &Progress) -> (f64, f64) {
    (p.done as f64, p.total as f64)
}

fn import_options(value: &JsValue) -> Result<ImportOptions, Thrown> {
    if value.is_undefined() || value.is_null() {
        return Ok(ImportOptions::default());
    }
    let text = input_text(value, "import options")?;
    serde_json::from_str(&text)
        .map_err(|e| bad_argument(format!("invalid import options: {e}")).into())
}

/// `{ project, warnings }` as a JavaScript object: the document parsed by the JavaScript engine.
fn import_result<W: Serialize>(imp: &Imported<W>) -> Result<JsValue, Thrown> {
    let out = js_sys::Object::new();
    js_sys::Reflect::set(&out, &"project".into(), &output_value(&imp.document)?)?;
    js_sys::Reflect::set(&out, &"warnings".into(), &to_js(&imp.warnings)?)?;
    Ok(out.into())
}

/// Imports a Microsoft Project XML (MSPDI) file: the bytes of the `.xml` (a `Uint8Array` or
/// `ArrayBuffer`) or its text.
///
/// Returns the project as a document (task keys are the file's UIDs, with the scheduling
/// options the file asks for) and warnings for everything that was not imported. Throws a
/// `JinduError` with code `xml` and `line`, `column` and `element` when the file cannot be read.
/// `progress` (optional) follows a large file and may cancel it
/// ([`with_progress`]).
#[wasm_bindgen(js_name = importMspdi)]
pub fn import_mspdi_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | string")] data: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ImportOptions | null")] options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ReadProgress | null")] progress: JsValue,
) -> Result<Ts<MspdiImport>, Thrown> {
    let bytes = input_bytes(&data, "mspdi")?;
    let options = import_options(&options)?;
    let imp = with_progress(&progress, bytes_of, |c| {
        import_mspdi_with(&bytes, &options, c)
    })?;
    Ok(Ts::new_unchecked(import_result(&imp)?))
}

/// Imports a CSV task list (columns such as ID, Name, Duration, Predecessors, Start, Resources,
/// in English or Chinese): the file's bytes (UTF-8 with or without a BOM, or UTF-16 with one)
/// or its text.
///
/// Returns the project as a document and warnings (unknown columns, a default start). Throws a
/// `JinduError` with code `import` and `line`, `column`, `header` and `value` on the first bad
/// cell; nothing is imported then. `progress` (optional) follows a large file and may cancel it
/// ([`with_progress`]).
#[wasm_bindgen(js_name = importCsv)]
pub fn import_csv_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | string")] data: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ImportOptions | null")] options: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ReadProgress | null")] progress: JsValue,
) -> Result<Ts<CsvImport>, Thrown> {
    let bytes = input_bytes(&data, "csv")?;
    let options = import_options(&options)?;
    let imp = with_progress(&progress, bytes_of, |c| {
        import_csv_with(&bytes, &options, c)
    })?;
    Ok(Ts::new_unchecked(import_result(&imp)?))
}

/// Imports a PSPLIB single-mode instance (a `.sm` file of J30, J60, J90, J120): the file's
/// bytes or its text. Each period is one day on a 24-hour, 7-day calendar.
///
/// Returns the project as a document. Throws a `JinduError` with code `import` and `line` and
/// `column` when the file cannot be read.
#[wasm_bindgen(js_name = importPsplib)]
pub fn import_psplib_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | string")] data: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ImportOptions | null")] options: JsValue,
) -> Result<Ts<ProjectDocument>, Thrown> {
    let bytes = input_bytes(&data, "psplib")?;
    let options = import_options(&options)?;
    let text = import_psplib(&bytes, &options)?;
    Ok(Ts::new_unchecked(output_value(&text)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_warnings_and_options() {
        let imp = import_csv(
            "ID,名称,工期,Colour\n1,设计,2天,red\n".as_bytes(),
            &ImportOptions::default(),
        )
        .unwrap();
        assert!(imp.document.contains("\"name\": \"设计\""));
        assert!(matches!(
            &imp.warnings[0],
            CsvWarning::UnknownColumns { columns, .. } if columns[0].column == 4
        ));
        assert!(matches!(
            &imp.warnings[1],
            CsvWarning::DefaultStart { start, .. } if start == "2026-01-05T08:00:00"
        ));
        let opts = ImportOptions {
            name: Some("Plan".into()),
            start: Some("2026-03-02".into()),
            ..Default::default()
        };
        let imp = import_csv(b"id,duration\n1,1d\n", &opts).unwrap();
        assert!(imp.warnings.is_empty());
        let doc = json::read(&imp.document).unwrap();
        assert_eq!(doc.project.name(), "Plan");
        let bad = ImportOptions {
            name: None,
            start: Some("March".into()),
            ..Default::default()
        };
        assert_eq!(
            import_csv(b"id\n1\n", &bad).unwrap_err().code().as_str(),
            "parse"
        );
    }

    #[test]
    fn every_reader_takes_limits() {
        let strict = ImportOptions {
            limits: Some(jindu::Limits {
                max_tasks: 1,
                ..jindu::Limits::DEFAULT
            }),
            ..Default::default()
        };
        let e = import_csv(b"id,duration\n1,1d\n2,1d\n", &strict).unwrap_err();
        assert_eq!(e.to_string(), "limit exceeded: tasks (2 > 1)");
        let tiny = ImportOptions {
            limits: Some(jindu::Limits {
                max_input_bytes: 10,
                ..jindu::Limits::DEFAULT
            }),
            ..Default::default()
        };
        let e = import_mspdi(b"<Project></Project>", &tiny).unwrap_err();
        assert_eq!(e.to_string(), "limit exceeded: input bytes (19 > 10)");
        let e = import_psplib(b"jobs (incl. supersource/sink ):  2\n", &tiny).unwrap_err();
        assert_eq!(e.code().as_str(), "limit");
    }

    #[test]
    fn psplib_takes_name_and_start() {
        let sm = "jobs (incl. supersource/sink ):  2\n- renewable : 1 R\n\
                  PRECEDENCE RELATIONS:\n 1 1 1 2\n 2 1 0\n****\n\
                  REQUESTS/DURATIONS:\n 1 1 0 0\n 2 1 3 1\n****\n\
                  RESOURCEAVAILABILITIES:\n R 1\n 1\n****\n";
        let opts = ImportOptions {
            name: Some("j".into()),
            start: Some("2026-03-02".into()),
            ..Default::default()
        };
        let doc = json::read(&import_psplib(sm.as_bytes(), &opts).unwrap()).unwrap();
        assert_eq!(doc.project.name(), "j");
        assert_eq!(doc.project.len(), 2);
        let s = jindu::schedule(&doc.project, &doc.options).unwrap();
        assert_eq!(s.project_start.to_string(), "2026-03-02T08:00:00");
        assert_eq!(s.project_finish.minutes_since(s.project_start), 3 * 1440);
    }

    #[test]
    fn mspdi_round_trip_keeps_the_schedule() {
        let doc = r#"{"name": "x", "start": "2026-01-05", "tasks": [
            {"id": "1", "duration": "2d"}, {"id": "2", "duration": "1d"}],
            "links": [{"from": "1", "to": "2", "lag": "1d"}]}"#;
        let xml = jindu::io::write(jindu::io::Format::Mspdi, &json::read(doc).unwrap()).unwrap();
        let imp = import_mspdi(xml.as_bytes(), &ImportOptions::default()).unwrap();
        assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
        let schedule = |text: &str| {
            let d = json::read(text).unwrap();
            json::write_schedule(
                &d.project,
                &jindu::schedule(&d.project, &d.options).unwrap(),
            )
        };
        assert_eq!(schedule(doc), schedule(&imp.document));
    }
}
