//! Agreement with Microsoft Project on the MSPDI corpus (`shared/data/mspdi/`), and the
//! expectations file that records it (`core/tests/data/mspdi_agreement.tsv`).
//!
//! Shared by the test `core/tests/mspdi_corpus.rs`, which only compares what it measures with
//! the expectations, and the tool `bless-mspdi` (`make bless-mspdi`, crate
//! `jindu-conformance`), which is the only thing that writes them.
//!
//! The expectations file has one corpus file a line, four columns separated by tabs (`#`
//! starts a comment): the file name, `tasks`, `agreeing` and `disagreeing`, for example
//! `mspdiduration.xml`, `10`, `6`, `1,2,3,4`.
//!
//! `tasks` is how many tasks carry values stored by Project, `agreeing` how many agree on all
//! nine fields, `disagreeing` the UIDs of the others (`-` for none).

#![allow(dead_code)] // the test and the tool each use part of this

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use jindu::io::mspdi;

/// The header line of the expectations file.
pub const HEADER: &str = "# file\ttasks\tagreeing\tdisagreeing";

/// What rescheduling one file gave: the tasks compared, the UIDs of those that disagree with
/// Project on at least one field, and a note per disagreeing task.
#[derive(Debug)]
pub struct Outcome {
    pub tasks: usize,
    pub disagree: Vec<String>,
    pub notes: Vec<String>,
}

impl Outcome {
    pub fn agree(&self) -> usize {
        self.tasks - self.disagree.len()
    }
}

/// One line of the expectations file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub tasks: usize,
    pub agree: usize,
    pub disagree: Vec<String>,
}

/// The `.xml` files of the corpus folder, sorted by name.
pub fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("corpus directory {}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    v.sort();
    v
}

/// Imports one file, reschedules it from its own inputs and compares every task that has
/// values stored by Project on all nine fields.
pub fn check(bytes: &[u8]) -> Result<Outcome, String> {
    let imp = mspdi::read(bytes).map_err(|e| format!("import: {e}"))?;
    let s = jindu::schedule(&imp.project, &imp.options).map_err(|e| format!("schedule: {e}"))?;
    let mut out = Outcome {
        tasks: 0,
        disagree: Vec::new(),
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
        if !diffs.is_empty() {
            out.disagree.push(want.id.to_string());
            out.notes
                .push(format!("task {}: {}", want.id, diffs.join("; ")));
        }
    }
    Ok(out)
}

/// Every file of the corpus: its outcome, or why it could not be imported or scheduled.
pub fn measure(dir: &Path) -> BTreeMap<String, Result<Outcome, String>> {
    corpus_files(dir)
        .into_iter()
        .map(|f| {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            (name, check(&bytes))
        })
        .collect()
}

/// Reads the expectations file. Every non-comment line must be well formed (a malformed line is
/// an error, never silently skipped), and each file may appear once.
pub fn parse(text: &str) -> Result<BTreeMap<String, Expected>, String> {
    let mut map = BTreeMap::new();
    for (k, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = |why: &str| format!("line {}: {why}: {line:?}", k + 1);
        let cols: Vec<&str> = line.split('\t').collect();
        let [file, tasks, agree, disagree] = cols[..] else {
            return Err(bad("expected 4 tab-separated columns"));
        };
        let tasks: usize = tasks.parse().map_err(|_| bad("tasks is not a number"))?;
        let agree: usize = agree.parse().map_err(|_| bad("agreeing is not a number"))?;
        let disagree: Vec<String> = match disagree {
            "-" => Vec::new(),
            list => list.split(',').map(str::to_owned).collect(),
        };
        if agree + disagree.len() != tasks {
            return Err(bad("agreeing + disagreeing UIDs is not the task count"));
        }
        let e = Expected {
            tasks,
            agree,
            disagree,
        };
        if map.insert(file.to_owned(), e).is_some() {
            return Err(bad("file listed twice"));
        }
    }
    Ok(map)
}

/// The expectations file for `outcomes` (every file must have one).
pub fn format(outcomes: &BTreeMap<String, Outcome>) -> String {
    let mut s = format!("{HEADER}\n");
    for (name, o) in outcomes {
        let dis = if o.disagree.is_empty() {
            "-".to_owned()
        } else {
            o.disagree.join(",")
        };
        s.push_str(&format!("{name}\t{}\t{}\t{dis}\n", o.tasks, o.agree()));
    }
    s
}

/// Everything in which the measured corpus differs from the expectations, as messages; empty
/// when they agree exactly. Tasks that now agree are reported too: the expectations must be
/// rewritten (deliberately, with the tool) for the improvement to be kept.
pub fn compare(
    expected: &BTreeMap<String, Expected>,
    measured: &BTreeMap<String, Result<Outcome, String>>,
    bless: &str,
) -> Vec<String> {
    let mut problems = Vec::new();
    if expected.is_empty() {
        problems.push(format!("the expectations list no file: run `{bless}`"));
    }
    if measured.is_empty() {
        problems.push("the corpus folder holds no .xml file".to_owned());
    }
    for name in expected.keys() {
        if !measured.contains_key(name) {
            problems.push(format!(
                "{name}: in the expectations but not in the corpus (an incomplete copy of the data?)"
            ));
        }
    }
    for (name, got) in measured {
        let o = match got {
            Ok(o) => o,
            Err(e) => {
                problems.push(format!("{name}: {e}"));
                continue;
            }
        };
        let Some(want) = expected.get(name) else {
            problems.push(format!(
                "{name}: in the corpus but not in the expectations: run `{bless}` and review"
            ));
            continue;
        };
        if o.tasks != want.tasks {
            problems.push(format!(
                "{name}: {} tasks with stored values, {} expected",
                o.tasks, want.tasks
            ));
        }
        let was: BTreeSet<&String> = want.disagree.iter().collect();
        let now: BTreeSet<&String> = o.disagree.iter().collect();
        let worse: Vec<&String> = now.difference(&was).copied().collect();
        let better: Vec<&String> = was.difference(&now).copied().collect();
        if !worse.is_empty() {
            let notes: Vec<&String> = o
                .notes
                .iter()
                .filter(|n| worse.iter().any(|w| n.starts_with(&format!("task {w}:"))))
                .take(8)
                .collect();
            problems.push(format!(
                "{name}: regression, {} of {} tasks agree ({} expected); newly disagreeing: {}\n    {}",
                o.agree(),
                o.tasks,
                want.agree,
                join(&worse),
                notes
                    .iter()
                    .map(|n| n.as_str())
                    .collect::<Vec<_>>()
                    .join("\n    ")
            ));
        }
        if !better.is_empty() {
            problems.push(format!(
                "{name}: tasks {} now agree with Project; if that is a deliberate improvement, \
                 run `{bless}` and commit the expectations",
                join(&better)
            ));
        }
    }
    problems
}

fn join(v: &[&String]) -> String {
    v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}
