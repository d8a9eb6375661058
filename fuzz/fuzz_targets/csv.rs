//! The CSV task-list reader on arbitrary bytes: never panics; an accepted list writes to a
//! JSON document that reads back to the same project.
#![no_main]

use jindu::io::{csv, json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(im) = csv::read(data) else { return };
    let doc: json::Document = im.into();
    let back = json::read(&json::write(&doc)).expect("an imported list writes valid JSON");
    assert!(
        back.project == doc.project,
        "JSON round trip changed the imported project"
    );
    let _ = jindu::schedule(&doc.project, &doc.options);
});
