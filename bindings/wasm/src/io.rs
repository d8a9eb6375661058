//! Reading and writing other formats: Microsoft Project XML (MSPDI) in and out, CSV task lists
//! and PSPLIB instances in.
//!
//! Files cross as bytes (`Uint8Array`, `ArrayBuffer`) or as text (a string, passed on as its
//! UTF-8 bytes), and go to the core's readers as they are, so that byte-order marks, UTF-16 CSV
//! and every error (with its line and column) are the core's.
//! Imported projects come back as documents (the core's JSON parsed by the JavaScript engine),
//! ready for `schedule()` or `new Scheduler()`.

use jindu::io::json::{self, Document};
use jindu::io::{Format, Import, ImportWarning, ReadOptions, WarningCode};
use serde::Serialize;
use tsify::Ts;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::convert::{input_text, output_value, to_js};
use crate::error::{bad_argument, Thrown};
use crate::types;

/// An imported project as document JSON text, with the importer's warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported<W> {
    /// The project as a jindu JSON document (what `jindu::io::json::write` writes).
    pub document: String,
    /// What the importer did not import, or filled in.
    pub warnings: Vec<W>,
}

/// Reads `bytes` as `format` through the core's one entry point, with the `name` and `start`
/// of `options` (a date alone means 08:00).
fn read(bytes: &[u8], format: Format, options: &types::ImportOptions) -> jindu::Result<Import> {
    // The format is set as a plain field (not through the builder) so that the optimiser sees
    // it is always given, and the core's format sniffing stays out of the .wasm (4 KB).
    let mut opts = ReadOptions::default();
    opts.start = options
        .start
        .as_deref()
        .map(jindu::io::parse_start)
        .transpose()?;
    opts.name = options.name.clone();
    opts.format = Some(format);
    jindu::io::read(bytes, &opts)
}

/// The import as document JSON text, with its warnings in their JavaScript form.
fn imported<W>(imp: Import, warning: impl Fn(&ImportWarning) -> W) -> Imported<W> {
    let warnings = imp.warnings.iter().map(warning).collect();
    let document = json::write(&imp.into());
    Imported { document, warnings }
}

/// Reads an MSPDI file (bytes of UTF-8 XML) into document JSON and its warnings.
pub fn import_mspdi(bytes: &[u8]) -> jindu::Result<Imported<types::MspdiWarning>> {
    let imp = read(bytes, Format::Mspdi, &types::ImportOptions::default())?;
    Ok(imported(imp, |w| types::MspdiWarning {
        element: w.element.clone().unwrap_or_default(),
        count: w.count,
        tasks: w.tasks.iter().map(|t| t.as_str().to_owned()).collect(),
        message: w.message.clone(),
    }))
}

/// Reads a document (JSON text), schedules it and writes the project with its schedule as
/// MSPDI.
pub fn export_mspdi(text: &str) -> jindu::Result<String> {
    jindu::io::write(Format::Mspdi, &json::read(text)?)
}

/// Reads a CSV task list into document JSON and its warnings.
pub fn import_csv(
    bytes: &[u8],
    options: &types::ImportOptions,
) -> jindu::Result<Imported<types::CsvWarning>> {
    Ok(imported(read(bytes, Format::Csv, options)?, csv_warning))
}

/// Reads a PSPLIB single-mode instance (`.sm`) into document JSON.
pub fn import_psplib(bytes: &[u8], options: &types::ImportOptions) -> jindu::Result<String> {
    let doc: Document = read(bytes, Format::Psplib, options)?.into();
    Ok(json::write(&doc))
}

/// The JavaScript form of a CSV import warning.
fn csv_warning(w: &ImportWarning) -> types::CsvWarning {
    let message = w.to_string();
    match w.code {
        WarningCode::UnknownColumns => types::CsvWarning::UnknownColumns {
            columns: w
                .columns
                .iter()
                .map(|(column, header)| types::UnknownColumn {
                    column: *column,
                    header: header.clone(),
                })
                .collect(),
            message,
        },
        WarningCode::DefaultStart => types::CsvWarning::DefaultStart {
            start: w.start.map(|s| s.to_string()).unwrap_or_default(),
            message,
        },
        _ => types::CsvWarning::Other { message },
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
fn import_options(value: &JsValue) -> Result<types::ImportOptions, Thrown> {
    if value.is_undefined() || value.is_null() {
        return Ok(types::ImportOptions::default());
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
#[wasm_bindgen(js_name = importMspdi)]
pub fn import_mspdi_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | string")] data: JsValue,
) -> Result<Ts<types::MspdiImport>, Thrown> {
    let bytes = input_bytes(&data, "mspdi")?;
    let imp = import_mspdi(&bytes)?;
    Ok(Ts::new_unchecked(import_result(&imp)?))
}

/// Schedules a project document (an object or its JSON text) and returns it as Microsoft
/// Project XML (MSPDI) text with the computed dates, float and critical flags.
///
/// Throws a `JinduError` when the document is invalid or its links form a cycle.
#[wasm_bindgen(js_name = exportMspdi)]
pub fn export_mspdi_js(
    #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] project: JsValue,
) -> Result<String, Thrown> {
    let text = input_text(&project, "a project document")?;
    Ok(export_mspdi(&text)?)
}

/// Imports a CSV task list (columns such as ID, Name, Duration, Predecessors, Start, Resources,
/// in English or Chinese): the file's bytes (UTF-8 with or without a BOM, or UTF-16 with one)
/// or its text.
///
/// Returns the project as a document and warnings (unknown columns, a default start). Throws a
/// `JinduError` with code `import` and `line`, `column`, `header` and `value` on the first bad
/// cell; nothing is imported then.
#[wasm_bindgen(js_name = importCsv)]
pub fn import_csv_js(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | string")] data: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ImportOptions | null")] options: JsValue,
) -> Result<Ts<types::CsvImport>, Thrown> {
    let bytes = input_bytes(&data, "csv")?;
    let options = import_options(&options)?;
    let imp = import_csv(&bytes, &options)?;
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
) -> Result<Ts<types::ProjectDocument>, Thrown> {
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
            &types::ImportOptions::default(),
        )
        .unwrap();
        assert!(imp.document.contains("\"name\": \"设计\""));
        assert!(matches!(
            &imp.warnings[0],
            types::CsvWarning::UnknownColumns { columns, .. } if columns[0].column == 4
        ));
        assert!(matches!(
            &imp.warnings[1],
            types::CsvWarning::DefaultStart { start, .. } if start == "2026-01-05T08:00:00"
        ));
        let opts = types::ImportOptions {
            name: Some("Plan".into()),
            start: Some("2026-03-02".into()),
        };
        let imp = import_csv(b"id,duration\n1,1d\n", &opts).unwrap();
        assert!(imp.warnings.is_empty());
        let doc = json::read(&imp.document).unwrap();
        assert_eq!(doc.project.name(), "Plan");
        let bad = types::ImportOptions {
            name: None,
            start: Some("March".into()),
        };
        assert_eq!(
            import_csv(b"id\n1\n", &bad).unwrap_err().code().as_str(),
            "parse"
        );
    }

    #[test]
    fn psplib_takes_name_and_start() {
        let sm = "jobs (incl. supersource/sink ):  2\n- renewable : 1 R\n\
                  PRECEDENCE RELATIONS:\n 1 1 1 2\n 2 1 0\n****\n\
                  REQUESTS/DURATIONS:\n 1 1 0 0\n 2 1 3 1\n****\n\
                  RESOURCEAVAILABILITIES:\n R 1\n 1\n****\n";
        let opts = types::ImportOptions {
            name: Some("j".into()),
            start: Some("2026-03-02".into()),
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
        let xml = export_mspdi(doc).unwrap();
        let imp = import_mspdi(xml.as_bytes()).unwrap();
        assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
        let a = crate::schedule_text(doc).unwrap();
        let b = crate::schedule_text(&imp.document).unwrap();
        assert_eq!(a, b);
    }
}
