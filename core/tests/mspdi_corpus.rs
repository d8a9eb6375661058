//! Agreement with Microsoft Project on the MSPDI corpus in `shared/data/mspdi/`.
//!
//! Every file is imported with `jindu::io::mspdi::read`, rescheduled from its own inputs and
//! compared task by task with the values Microsoft Project stored in it: start, finish, early and
//! late start and finish (to the minute), total and free slack (minutes) and the critical flag.
//! The number of agreeing tasks per file must not fall below `tests/data/mspdi_agreement.tsv`
//! (improvements pass; set `JINDU_BLESS=1` to rewrite the file after one).
//! The corpus lives outside the repository (`../shared/data/mspdi` from the repository root, or
//! `JINDU_MSPDI_DIR`); without it the test fails, unless `JINDU_SKIP_SHARED=1`.
//!
//! The same test also feeds truncations and byte mutations of every file to the reader and
//! checks that it returns (an error or an import) without panicking.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jindu::io::mspdi;

#[path = "common/mod.rs"]
mod common;
use common::need_shared;

#[track_caller]
fn corpus() -> Option<PathBuf> {
    need_shared("mspdi", Some("JINDU_MSPDI_DIR"))
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus directory")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    v.sort();
    v
}

/// Per file: tasks compared, tasks agreeing on all nine fields, and the disagreements.
struct Outcome {
    tasks: usize,
    agree: usize,
    notes: Vec<String>,
}

fn check(bytes: &[u8]) -> Result<Outcome, String> {
    let imp = mspdi::read(bytes).map_err(|e| format!("import: {e}"))?;
    let s = jindu::schedule(&imp.project, &imp.options).map_err(|e| format!("schedule: {e}"))?;
    let mut out = Outcome {
        tasks: 0,
        agree: 0,
        notes: Vec::new(),
    };
    for want in &imp.stored {
        let i = imp.project.index_of(want.id.as_str()).expect("imported");
        let got = s.task(i);
        out.tasks += 1;
        let mut diffs = Vec::new();
        let dates = [
            ("start", want.start, got.start),
            ("finish", want.finish, got.finish),
            ("early_start", want.early_start, got.early_start),
            ("early_finish", want.early_finish, got.early_finish),
            ("late_start", want.late_start, got.late_start),
            ("late_finish", want.late_finish, got.late_finish),
        ];
        for (f, w, g) in dates {
            if let Some(w) = w {
                if w != g {
                    diffs.push(format!("{f} {w} vs {g}"));
                }
            }
        }
        let slacks = [
            ("total_slack", want.total_slack, got.total_float.minutes()),
            ("free_slack", want.free_slack, got.free_float.minutes()),
        ];
        for (f, w, g) in slacks {
            if let Some(w) = w {
                if w != g {
                    diffs.push(format!("{f} {w} vs {g}"));
                }
            }
        }
        if let Some(c) = want.critical {
            if c != got.critical {
                diffs.push(format!("critical {c} vs {}", got.critical));
            }
        }
        if diffs.is_empty() {
            out.agree += 1;
        } else {
            out.notes
                .push(format!("task {}: {}", want.id, diffs.join("; ")));
        }
    }
    Ok(out)
}

fn expected() -> (PathBuf, BTreeMap<String, usize>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mspdi_agreement.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let map = text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut it = l.split('\t');
            let f = it.next()?.to_owned();
            let _tasks = it.next()?;
            let agree = it.next()?.parse().ok()?;
            Some((f, agree))
        })
        .collect();
    (path, map)
}

#[test]
fn corpus_agrees_with_microsoft_project() {
    let Some(dir) = corpus() else { return };
    let (exp_path, exp) = expected();
    let mut table = String::from("# file\ttasks\tagreeing\n");
    let mut regressions = Vec::new();
    let (mut total, mut agree) = (0, 0);
    for f in files(&dir) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&f).expect("readable");
        let o = match check(&bytes) {
            Ok(o) => o,
            Err(e) => {
                regressions.push(format!("{name}: {e}"));
                continue;
            }
        };
        total += o.tasks;
        agree += o.agree;
        table.push_str(&format!("{name}\t{}\t{}\n", o.tasks, o.agree));
        if o.agree < o.tasks {
            eprintln!("{name}: {}/{} agree", o.agree, o.tasks);
            for n in o.notes.iter().take(8) {
                eprintln!("    {n}");
            }
        }
        match exp.get(&name) {
            Some(&want) if o.agree < want => {
                regressions.push(format!("{name}: {} tasks agree, {want} expected", o.agree))
            }
            None if !exp.is_empty() => regressions.push(format!(
                "{name}: not in {} (set JINDU_BLESS=1)",
                exp_path.display()
            )),
            _ => {}
        }
    }
    eprintln!("total: {agree}/{total} tasks agree on all nine fields");
    if std::env::var_os("JINDU_BLESS").is_some() || exp.is_empty() {
        std::fs::write(&exp_path, &table).expect("write expectations");
    }
    assert!(regressions.is_empty(), "{}", regressions.join("\n"));
}

#[test]
fn truncated_and_mutated_files_never_panic() {
    let Some(dir) = corpus() else { return };
    assert!(
        files(&dir).len() >= 12,
        "the corpus folder {} is incomplete",
        dir.display()
    );
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut rand = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for f in files(&dir).iter().take(12) {
        let bytes = std::fs::read(f).expect("readable");
        // Truncations at 40 points, including inside multi-byte characters and tags.
        for k in 0..40 {
            let cut = bytes.len() * k / 40 + (rand() % 7) as usize;
            let cut = cut.min(bytes.len());
            let r = mspdi::read(&bytes[..cut]);
            if cut < bytes.len() / 2 {
                assert!(r.is_err(), "{}: truncated at {cut} read fine", f.display());
            }
        }
        // Byte mutations: flip, insert markup, delete.
        for _ in 0..60 {
            let mut m = bytes.clone();
            for _ in 0..(1 + rand() % 4) {
                let at = (rand() as usize) % m.len().max(1);
                match rand() % 4 {
                    0 => m[at] = (rand() % 256) as u8,
                    1 => m.insert(at, b"<>&;-9"[(rand() % 6) as usize]),
                    2 => {
                        m.remove(at);
                    }
                    _ => {
                        let digit = b'0' + (rand() % 10) as u8;
                        if m[at].is_ascii_digit() {
                            m[at] = digit;
                        }
                    }
                }
            }
            if let Ok(imp) = mspdi::read(&m) {
                // Whatever imports must schedule or fail cleanly too.
                let _ = jindu::schedule(&imp.project, &imp.options);
            }
        }
    }
}
