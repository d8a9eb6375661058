//! Regenerates `tests/vectors/*.json` from `tests/vectors/src/*.json` with the Rust core.
//!
//! Usage: `make regen-vectors` or `cargo run -p jindu-conformance --bin regen` (from anywhere in
//! the workspace), after a deliberate change; review the diff. `make test` never runs this: it
//! only compares the committed vectors with the core.
//!
//! A source's `hand` section (hand-computed values, see the crate docs) is copied through
//! unchanged. When the schedule the core computes contradicts it, nothing at all is written and
//! the tool exits with status 1: either the hand arithmetic or the core is wrong, and a person
//! has to find out which.

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors");
    let mut names: Vec<_> = std::fs::read_dir(root.join("src"))
        .expect("tests/vectors/src exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    let mut refused = false;
    for src in names {
        let text = std::fs::read_to_string(&src).expect("readable source");
        let v: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
        match jindu_conformance::regenerate(&v) {
            Ok(full) => out.push((root.join(src.file_name().expect("file name")), full)),
            Err(e) => {
                eprintln!(
                    "regen: {}: the hand-computed values are malformed or the core contradicts them:\n{e}",
                    src.display()
                );
                refused = true;
            }
        }
    }
    if refused {
        eprintln!("regen: nothing written");
        std::process::exit(1);
    }
    for (path, full) in out {
        let mut s = serde_json::to_string_pretty(&full).expect("serialises");
        s.push('\n');
        std::fs::write(&path, s).expect("writable vector");
        println!("{}", path.display());
    }
}
