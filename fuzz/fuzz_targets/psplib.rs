//! The PSPLIB reader on arbitrary bytes: never panics; an accepted instance writes to a JSON
//! document that reads back to the same project.
#![no_main]

use jindu::io::{json, psplib};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(imp) = psplib::read(data) else { return };
    let doc: json::Document = imp.into();
    let back = json::read(&json::write(&doc)).expect("an imported instance writes valid JSON");
    assert!(
        back.project == doc.project,
        "JSON round trip changed the imported project"
    );
    let _ = jindu::schedule(&doc.project, &doc.options);
});
