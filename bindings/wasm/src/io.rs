//! Writing other formats: Microsoft Project XML (MSPDI) out.
//!
//! The readers (`importMspdi`, `importCsv`, `importPsplib`) are in the second module,
//! `jindu/io` (the crate `jindu-wasm-io`, core/DESIGN.md "WebAssembly size"): they return
//! documents, which every function here reads. `exportMspdi` schedules, so it stays here.

use jindu::io::json;
use jindu::io::Format;
use wasm_bindgen::prelude::*;

use crate::convert::input_text;
use crate::error::Thrown;

/// Reads a document (JSON text), schedules it and writes the project with its schedule as
/// MSPDI.
pub fn export_mspdi(text: &str) -> jindu::Result<String> {
    jindu::io::write(Format::Mspdi, &json::read(text)?)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mspdi_export_writes_the_schedule() {
        // Task 1 is 2 days from Monday 2026-01-05 08:00: it finishes Tuesday 17:00.
        let doc =
            r#"{"name": "x", "start": "2026-01-05", "tasks": [{"id": "1", "duration": "2d"}]}"#;
        let xml = export_mspdi(doc).unwrap();
        assert!(
            xml.contains("<Finish>2026-01-06T17:00:00</Finish>"),
            "{xml}"
        );
        assert_eq!(export_mspdi("{").unwrap_err().code().as_str(), "json");
    }
}
