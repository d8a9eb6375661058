//! The file readers' plain-Rust layer (run by `cargo test`, no JavaScript needed): what they
//! return fits the TypeScript-facing types, and every vector's document survives MSPDI.

use std::path::Path;

use jindu::io::json::ProjectDocument;
use jindu_conformance::canonical;
use jindu_wasm_io::{
    import_csv, import_mspdi, import_psplib, CsvWarning, ImportOptions, MspdiWarning,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// The main module's `exportMspdi`: schedules the document and writes it as MSPDI.
fn export_mspdi(text: &str) -> jindu::Result<String> {
    jindu::io::write(jindu::io::Format::Mspdi, &jindu::io::json::read(text)?)
}

fn vectors() -> Vec<(String, Value)> {
    let out = jindu_conformance::vectors();
    assert!(out.len() >= 10, "expected the conformance vectors");
    out
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("jindu writes JSON")
}

/// `value` reads into `T` and writes back unchanged: `T` (and so its TypeScript declaration)
/// names every field of that JSON shape, with the right optionality.
fn round_trips<T: Serialize + DeserializeOwned>(what: &str, value: &Value) {
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{what} does not fit its type: {e}\n{value}"));
    let back = serde_json::to_value(&typed).expect("serialises");
    assert_eq!(
        canonical(&back),
        canonical(value),
        "{what} changed in a round trip"
    );
}

/// `value` reads into `T`, the core's input type (which reads integer keys as their text, so a
/// document does not write back byte for byte), and into the core's reader.
fn reads_as<T: DeserializeOwned>(what: &str, value: &Value) -> T {
    serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{what} does not fit its type: {e}\n{value}"))
}

/// What the importers return fits the declared types: documents read into `ProjectDocument`,
/// warnings into `MspdiWarning` and `CsvWarning`.
#[test]
fn imported_documents_and_warnings_fit_their_types() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let csv = std::fs::read(root.join("examples/tasks.csv")).expect("examples/tasks.csv");
    let imp = import_csv(&csv, &ImportOptions::default()).expect("tasks.csv imports");
    reads_as::<ProjectDocument>("tasks.csv", &parse(&imp.document));
    let imp = import_csv(b"id,colour\n1,red\n", &ImportOptions::default()).expect("csv");
    assert_eq!(imp.warnings.len(), 2);
    let warnings = serde_json::to_value(&imp.warnings).expect("serialises");
    round_trips::<Vec<CsvWarning>>("csv warnings", &warnings);
    assert_eq!(warnings[0]["kind"], "unknown_columns");
    assert_eq!(warnings[1]["kind"], "default_start");

    // Every vector's document through MSPDI and back: a document, and the same schedule.
    let mut seen = 0;
    for (name, v) in vectors() {
        let doc = canonical(&v["document"]);
        let Ok(xml) = export_mspdi(&doc) else {
            continue;
        };
        let imp = import_mspdi(xml.as_bytes(), &Default::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        reads_as::<ProjectDocument>(&name, &parse(&imp.document));
        let warnings = serde_json::to_value(&imp.warnings).expect("serialises");
        round_trips::<Vec<MspdiWarning>>(&name, &warnings);
        seen += 1;
    }
    assert!(seen >= 5, "{seen}");

    let sm = "jobs (incl. supersource/sink ):  3
RESOURCES
  - renewable                 :  1   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
****
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          1           2
   2        1          1           3
   3        1          0
****
REQUESTS/DURATIONS:
jobnr. mode duration  R 1
------------------------------------------------------------------------
  1      1     0       0
  2      1     3       2
  3      1     0       0
****
RESOURCEAVAILABILITIES:
  R 1
   2
****
";
    let doc = import_psplib(sm.as_bytes(), &ImportOptions::default()).expect("psplib");
    reads_as::<ProjectDocument>("psplib", &parse(&doc));
}
