//! Regenerates `tests/vectors/*.json` from `tests/vectors/src/*.json` with the Rust core.
//!
//! Usage: `cargo run -p jindu-conformance --bin regen` (from anywhere in the workspace).

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors");
    let mut names: Vec<_> = std::fs::read_dir(root.join("src"))
        .expect("tests/vectors/src exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    for src in names {
        let text = std::fs::read_to_string(&src).expect("readable source");
        let v: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        let full = jindu_conformance::run(&v);
        let out = root.join(src.file_name().expect("file name"));
        let mut s = serde_json::to_string_pretty(&full).expect("serialises");
        s.push('\n');
        std::fs::write(&out, s).expect("writable vector");
        println!("{}", out.display());
    }
}
