//! The MSPDI reader on arbitrary bytes: never panics; whatever it accepts and schedules
//! exports to MSPDI that reads back and schedules to the same dates.
#![no_main]

use jindu::io::{json, mspdi};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(im) = mspdi::read(data) else { return };
    let Ok(s) = jindu::schedule(&im.project, &im.options) else {
        return;
    };
    let xml = mspdi::write(&im.project, &s);
    let back = mspdi::read(xml.as_bytes()).expect("exported MSPDI reads back");
    assert_eq!(back.project.len(), im.project.len(), "tasks lost in export");
    let s2 = jindu::schedule(&back.project, &back.options).expect("re-imported project schedules");
    for (a, b) in s.tasks().iter().zip(s2.tasks()) {
        assert_eq!(
            (a.start, a.finish),
            (b.start, b.finish),
            "dates changed through export"
        );
    }
    // The JSON form of an imported project reads back too.
    let doc = json::Document {
        project: im.project,
        options: im.options,
    };
    json::read(&json::write(&doc)).expect("imported project writes valid JSON");
});
