//! uniffi's binding generator, built from the same `uniffi` version as the library:
//! `uniffi-bindgen generate --library target/debug/libjindu_ffi.so --language kotlin --out-dir …`.
//!
//! One change to what it writes, for Kotlin: uniffi makes the `message` of every
//! `JinduException` a dump of its fields (`code=cycle, taskId=a, …`), and no setting changes
//! that. After generating, the `message` of each variant is made the error's sentence, its
//! `detail` field (`dependency cycle: a -> b -> a`), as `e.message` is in every other binding.
//! Generation fails when the dump is not found, so that a uniffi upgrade that words it
//! otherwise is noticed rather than shipping the dump again.

use std::path::{Path, PathBuf};

/// The start of the line uniffi writes for the message of a `JinduException` variant.
const DUMP: &str = "get() = \"code=${ `code` }, ";
/// What it becomes.
const SENTENCE: &str = "get() = `detail`";

fn main() {
    uniffi::uniffi_bindgen_main();
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|k| args.get(k + 1))
            .cloned()
    };
    if args.iter().any(|a| a == "generate") && value("--language").as_deref() == Some("kotlin") {
        let Some(out) = value("--out-dir") else {
            return;
        };
        if let Err(e) = sentence_messages(Path::new(&out)) {
            eprintln!("uniffi-bindgen (jindu): {e}");
            std::process::exit(1);
        }
    }
}

/// Rewrites the `JinduException` messages in the Kotlin files under `dir`.
fn sentence_messages(dir: &Path) -> Result<(), String> {
    let mut replaced = 0;
    for file in kotlin_files(dir) {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        if !text.contains("sealed class JinduException") {
            continue;
        }
        let mut out = String::with_capacity(text.len());
        for line in text.split_inclusive('\n') {
            let body = line.trim_start();
            if body.starts_with(DUMP) {
                let indent = &line[..line.len() - body.len()];
                out.push_str(indent);
                out.push_str(SENTENCE);
                out.push('\n');
                replaced += 1;
            } else {
                out.push_str(line);
            }
        }
        std::fs::write(&file, out).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    if replaced == 0 {
        return Err(format!(
            "no JinduException message to rewrite under {} (did uniffi change its error template?)",
            dir.display()
        ));
    }
    Ok(())
}

/// The `.kt` files under `dir`, at any depth.
fn kotlin_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(kotlin_files(&path));
        } else if path.extension().is_some_and(|e| e == "kt") {
            found.push(path);
        }
    }
    found
}
