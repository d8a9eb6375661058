//! The typed APIs against the one output schema. The Python package's TypedDicts
//! (`python/jindu/types.py`): every TypedDict has exactly the keys of the schema object it
//! mirrors, required where the schema requires them, and every object of every schema has its
//! TypedDict (`tests/typing/check_types.py`; the package itself is not needed: types.py imports
//! only `typing`). Both generated files, types.py and `src/records.rs` (the Kotlin records), are
//! what their generators give from today's schemas. Runs `python3` (or `$PYTHON`).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Map, Value};

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every schema by name, as `jindu schema NAME` prints them.
fn schemas() -> Map<String, Value> {
    jindu::io::json::schema::all()
        .into_iter()
        .map(|(n, v)| (n.to_owned(), v))
        .collect()
}

/// `schemas` in a file, for the scripts.
fn schemas_file(schemas: &Map<String, Value>, tag: &str) -> PathBuf {
    let file = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("schemas-{tag}.json"));
    std::fs::write(&file, serde_json::to_string(schemas).expect("JSON")).expect("writes");
    file
}

fn python(script: &Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
    Command::new(python)
        .arg(script)
        .args(args)
        .output()
        .expect("python3 runs (set PYTHON to another interpreter)")
}

/// Runs the checker on `types` and `schemas`: its exit status and its report.
fn check(types: &Path, schemas: &Map<String, Value>, tag: &str) -> (bool, String) {
    let file = schemas_file(schemas, tag);
    let script = manifest().join("tests/typing/check_types.py");
    let out = python(&script, &[types.as_os_str(), file.as_os_str()]);
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

fn types_py() -> PathBuf {
    manifest().join("python/jindu/types.py")
}

#[test]
fn every_typeddict_has_the_keys_of_its_schema() {
    let (ok, report) = check(&types_py(), &schemas(), "all");
    assert!(
        ok,
        "types.py has drifted from the schemas (run scripts/gen-python-types.py):\n{report}"
    );
    assert_eq!(report, "");
}

#[test]
fn the_check_sees_a_key_added_made_optional_or_a_new_object() {
    let mut s = schemas();
    let task = &mut s["schedule"]["$defs"]["ScheduledTask"];
    task["properties"]["duraton"] = serde_json::json!({"type": "string"});
    // `name` stays in `properties` but is no longer required.
    let required = task["required"].as_array_mut().expect("required is a list");
    required.retain(|k| k != "name");
    s["level"]["$defs"]["Novel"] = serde_json::json!({
        "type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]
    });
    let (ok, report) = check(&types_py(), &s, "changed");
    assert!(!ok);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(
        lines,
        [
            "ScheduledTask: no key 'duraton' (schedule#/$defs/ScheduledTask has it)",
            "ScheduledTask: key 'name' is optional in schedule#/$defs/ScheduledTask",
            // The diff's ScheduledTask, unchanged, is no longer the one the TypedDict mirrors.
            "diff#/$defs/ScheduledTask: no TypedDict mirrors it",
            "level#/$defs/Novel: no TypedDict mirrors it",
        ]
    );
}

#[test]
fn the_generated_files_are_what_the_schemas_give() {
    let file = schemas_file(&schemas(), "generate");
    for script in ["gen-python-types.py", "gen-ffi-records.py"] {
        let path = manifest().join("../../scripts").join(script);
        let out = python(
            &path,
            &["--schemas".as_ref(), file.as_os_str(), "--check".as_ref()],
        );
        assert!(
            out.status.success(),
            "{script}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
