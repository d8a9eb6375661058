//! Helpers shared by the test crates in `core/tests/` (each includes this file as a module; so
//! does `bindings/cli/tests/import.rs`).

#![allow(dead_code)] // each test crate uses some of these

use std::path::{Path, PathBuf};

/// The environment variable that lets tests which need `shared/data` skip when it is missing
/// (`JINDU_SKIP_SHARED=1`). Without it, a missing folder fails the test.
pub const SKIP_SHARED: &str = "JINDU_SKIP_SHARED";

/// The folders where `shared/data/<sub>` is looked for: `shared/data/<sub>` under every
/// ancestor of the crate being tested (so a checkout in a nested folder, such as a worktree
/// beside `shared/`, finds it too).
fn candidates(sub: &str) -> Vec<PathBuf> {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/data").join(sub))
        .collect()
}

/// `shared/data/<sub>`, the read-only reference data beside the repository root (see
/// [`candidates`]), or `None` when it is not there. Tests call [`need_shared`] instead, which
/// fails when the data is missing.
pub fn shared_data(sub: &str) -> Option<PathBuf> {
    candidates(sub).into_iter().find(|d| d.is_dir())
}

/// Whether `JINDU_SKIP_SHARED` is set (to anything but empty or `0`).
pub fn skip_shared() -> bool {
    std::env::var_os(SKIP_SHARED).is_some_and(|v| !v.is_empty() && v != "0")
}

/// Writes a line to the process's real stderr. libtest captures what `eprintln!` prints in a
/// passing test, and a skipped check must not go unseen.
pub fn loud(msg: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{msg}");
}

/// The folder of shared data a test needs: `shared/data/<sub>` (see [`candidates`]), or the
/// folder named by the environment variable `env` when that is given and set.
///
/// When the data is missing the test fails with a message naming the folders it looked in,
/// unless `JINDU_SKIP_SHARED=1`: then it returns `None` (the caller returns at once) after
/// saying, on the real stderr, that the test checked nothing. A variable `env` that names
/// something other than a directory always fails: it is a mistake, not missing data.
#[track_caller]
pub fn need_shared(sub: &str, env: Option<&str>) -> Option<PathBuf> {
    if let Some(var) = env {
        if let Some(dir) = std::env::var_os(var) {
            let dir = PathBuf::from(dir);
            assert!(
                dir.is_dir(),
                "{var}={} is not a directory (unset it to use shared/data/{sub})",
                dir.display()
            );
            return Some(dir);
        }
    }
    if let Some(dir) = shared_data(sub) {
        return Some(dir);
    }
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_owned();
    let looked: Vec<String> = candidates(sub)
        .iter()
        .map(|d| format!("  {}", d.display()))
        .collect();
    if skip_shared() {
        loud(&format!(
            "\n*** SKIPPED {test}: shared/data/{sub} is missing and {SKIP_SHARED} is set; \
             this test checked nothing ***\n"
        ));
        return None;
    }
    let hint = env.map_or(String::new(), |v| format!(", or point {v} at it"));
    panic!(
        "{test} needs the shared data folder shared/data/{sub}, which is missing. Looked in:\n{}\n\
         Put the data beside the repository{hint}; or set {SKIP_SHARED}=1 to skip the tests \
         that need it.",
        looked.join("\n")
    );
}

/// A file inside a shared-data folder that [`need_shared`] found: the folder being there but
/// the file missing is a broken copy of the data, and always fails.
#[track_caller]
pub fn shared_file(dir: &Path, name: &str) -> PathBuf {
    let f = dir.join(name);
    assert!(
        f.is_file(),
        "{} is missing from the shared data folder {}",
        name,
        dir.display()
    );
    f
}

/// A xorshift64 generator from `seed` (non-zero): cheap, reproducible noise for mutation tests.
pub fn xorshift(seed: u64) -> impl FnMut() -> u64 {
    let mut x = seed;
    move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    }
}
