//! Helpers shared by the test crates in `core/tests/` (each includes this file as a module).

#![allow(dead_code)] // each test crate uses some of these

use std::path::{Path, PathBuf};

/// `shared/data/<sub>`, the read-only reference data beside the repository root, found by
/// looking upwards from the core crate (so a checkout in a nested folder, such as a worktree,
/// finds it too), or the folder the environment variable `env` names, when given and set.
/// `None` when it is not there.
pub fn shared_data(sub: &str, env: Option<&str>) -> Option<PathBuf> {
    if let Some(dir) = env.and_then(std::env::var_os) {
        let dir = PathBuf::from(dir);
        return dir.is_dir().then_some(dir);
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|a| a.join("shared/data").join(sub))
        .find(|d| d.is_dir())
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
