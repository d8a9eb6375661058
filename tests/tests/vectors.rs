//! Every checked-in vector must match what the Rust core computes now, and every source must
//! have its vector (regenerate with `cargo run -p jindu-conformance --bin regen`).

use std::path::Path;

use jindu_conformance::{canonical, run};

#[test]
fn vectors_match_the_core() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors");
    let mut checked = 0;
    for entry in std::fs::read_dir(root.join("src")).expect("sources exist") {
        let src = entry.expect("entry").path();
        if src.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let name = src.file_name().expect("name");
        let vector_path = root.join(name);
        let text = std::fs::read_to_string(&vector_path)
            .unwrap_or_else(|_| panic!("missing vector {}: run regen", vector_path.display()));
        let stored: serde_json::Value = serde_json::from_str(&text).expect("vector is JSON");
        let fresh = run(&stored);
        assert_eq!(
            canonical(&stored),
            canonical(&fresh),
            "{} is stale: run `cargo run -p jindu-conformance --bin regen` and review the diff",
            vector_path.display()
        );
        checked += 1;
    }
    assert!(
        checked >= 10,
        "expected at least 10 vectors, found {checked}"
    );
}
