//! Rewrites `core/tests/data/mspdi_agreement.tsv`, the expectations of the MSPDI corpus test
//! (`core/tests/mspdi_corpus.rs`), from what the core computes now.
//!
//! Usage: `make bless-mspdi` or `cargo run -p jindu-conformance --bin bless-mspdi`, after a
//! deliberate change to the agreement with Microsoft Project; review the diff it prints and
//! commit the file. The corpus is `shared/data/mspdi` beside the repository, or
//! `JINDU_MSPDI_DIR`. `make test` never runs this.
//!
//! It refuses (exit status 1, nothing written) when the corpus is missing or a file of it no
//! longer imports or schedules.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::exit;

#[path = "../../../core/tests/common/mspdi_agreement.rs"]
mod agreement;
#[path = "../../../core/tests/common/mod.rs"]
mod common;

fn main() {
    let dir = match std::env::var_os("JINDU_MSPDI_DIR") {
        Some(d) => PathBuf::from(d),
        None => common::shared_data("mspdi").unwrap_or_else(|| {
            eprintln!("bless-mspdi: shared/data/mspdi not found beside the repository (or set JINDU_MSPDI_DIR)");
            exit(1)
        }),
    };
    if !dir.is_dir() {
        eprintln!("bless-mspdi: {} is not a directory", dir.display());
        exit(1);
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/tests/data/mspdi_agreement.tsv");
    let old = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| agreement::parse(&t).ok())
        .unwrap_or_default();

    let mut outcomes = BTreeMap::new();
    let mut failed = false;
    for (name, r) in agreement::measure(&dir) {
        match r {
            Ok(o) => {
                outcomes.insert(name, o);
            }
            Err(e) => {
                eprintln!("bless-mspdi: {name}: {e}");
                failed = true;
            }
        }
    }
    if failed || outcomes.is_empty() {
        eprintln!("bless-mspdi: nothing written");
        exit(1);
    }
    let (mut tasks, mut agree) = (0, 0);
    for (name, o) in &outcomes {
        tasks += o.tasks;
        agree += o.agree();
        match old.get(name) {
            None => println!("new   {name}: {}/{} agree", o.agree(), o.tasks),
            Some(e) if e.disagree != o.disagree || e.tasks != o.tasks => println!(
                "moved {name}: {}/{} -> {}/{} agree (disagreeing: {} -> {})",
                e.agree,
                e.tasks,
                o.agree(),
                o.tasks,
                list(&e.disagree),
                list(&o.disagree)
            ),
            Some(_) => {}
        }
    }
    for name in old.keys().filter(|n| !outcomes.contains_key(*n)) {
        println!("gone  {name}");
    }
    std::fs::write(&path, agreement::format(&outcomes)).unwrap_or_else(|e| {
        eprintln!("bless-mspdi: {}: {e}", path.display());
        exit(1)
    });
    println!(
        "bless-mspdi: wrote {} ({} files, {agree}/{tasks} tasks agree); review `git diff` before committing",
        path.display(),
        outcomes.len()
    );
}

fn list(v: &[String]) -> String {
    if v.is_empty() {
        "-".to_owned()
    } else {
        v.join(",")
    }
}
