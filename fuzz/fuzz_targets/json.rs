//! The JSON reader on arbitrary bytes: never panics; whatever it accepts writes back to a
//! document that reads to the same project, and schedules the same both times.
#![no_main]

use jindu::io::json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = json::read(text) else {
        return;
    };
    let written = json::write(&doc);
    let again = json::read(&written).expect("a written document reads back");
    assert!(
        again.project == doc.project,
        "round trip changed the project"
    );
    assert_eq!(json::write(&again), written, "writing is not idempotent");
    let a = jindu::schedule(&doc.project, &doc.options);
    let b = jindu::schedule(&again.project, &again.options);
    match (a, b) {
        (Ok(a), Ok(b)) => assert_eq!(
            json::write_schedule(&doc.project, &a),
            json::write_schedule(&again.project, &b)
        ),
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("same project, different outcomes: {a:?} vs {b:?}"),
    }
});
