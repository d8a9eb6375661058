//! Agreement with Microsoft Project on the MSPDI corpus in `shared/data/mspdi/`.
//!
//! Every file is imported with `jindu::io::mspdi::read`, rescheduled from its own inputs and
//! compared task by task with the values Microsoft Project stored in it: start, finish, early and
//! late start and finish (to the minute), total and free slack (minutes) and the critical flag.
//! The result must equal `tests/data/mspdi_agreement.tsv` exactly: the same files, the same
//! number of tasks, the same tasks disagreeing. A task that newly disagrees is a regression; a
//! task that newly agrees fails too, until the expectations are rewritten on purpose with
//! `make bless-mspdi` (`cargo run -p jindu-conformance --bin bless-mspdi`). This test never
//! writes them.
//!
//! The corpus lives outside the repository (`shared/data/mspdi` beside the repository, or
//! `JINDU_MSPDI_DIR`); without it the tests fail, unless `JINDU_SKIP_SHARED=1`, when they say
//! loudly that they skipped.
//!
//! The same test also feeds truncations and byte mutations of every file to the reader and
//! checks that it returns (an error or an import) without panicking.

use std::path::{Path, PathBuf};

use jindu::io::mspdi;

#[path = "common/mod.rs"]
mod common;
use common::need_shared;

#[path = "common/mspdi_agreement.rs"]
mod agreement;
use agreement::corpus_files as files;

#[track_caller]
fn corpus() -> Option<PathBuf> {
    need_shared("mspdi", Some("JINDU_MSPDI_DIR"))
}

const BLESS: &str = "make bless-mspdi";

#[test]
fn corpus_agrees_with_microsoft_project() {
    let Some(dir) = corpus() else { return };
    let exp_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/mspdi_agreement.tsv");
    let text = std::fs::read_to_string(&exp_path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; the expectations are committed, `{BLESS}` rewrites them",
            exp_path.display()
        )
    });
    let expected =
        agreement::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", exp_path.display()));
    let measured = agreement::measure(&dir);
    let (mut total, mut agree) = (0, 0);
    for (name, o) in &measured {
        if let Ok(o) = o {
            total += o.tasks;
            agree += o.agree();
            if o.agree() < o.tasks {
                eprintln!("{name}: {}/{} agree", o.agree(), o.tasks);
                for n in o.notes.iter().take(8) {
                    eprintln!("    {n}");
                }
            }
        }
    }
    eprintln!("total: {agree}/{total} tasks agree on all nine fields");
    // The corpus is 57 files, 1,395 tasks with stored values (README, docs/mspdi-agreement.md).
    assert!(
        measured.len() >= 57 && total >= 1395,
        "{} files, {total} tasks: not the whole corpus",
        measured.len()
    );
    let problems = agreement::compare(&expected, &measured, BLESS);
    assert!(
        problems.is_empty(),
        "{} differs from the corpus:\n{}",
        exp_path.display(),
        problems.join("\n")
    );
}

/// The comparison itself fails on each kind of difference (so the test above cannot pass
/// because `compare` ignores something).
#[test]
fn compare_reports_every_difference() {
    type Measured<'a> = Vec<(&'a str, Result<agreement::Outcome, String>)>;
    let exp = agreement::parse(&format!(
        "{}\na.xml\t3\t2\t7\nb.xml\t2\t2\t-\nc.xml\t1\t1\t-\n",
        agreement::HEADER
    ))
    .unwrap();
    let o = |tasks: usize, dis: &[&str]| {
        Ok(agreement::Outcome {
            tasks,
            disagree: dis.iter().map(|s| s.to_string()).collect(),
            notes: dis
                .iter()
                .map(|d| format!("task {d}: start x vs y"))
                .collect(),
        })
    };
    let same = [
        ("a.xml", o(3, &["7"])),
        ("b.xml", o(2, &[])),
        ("c.xml", o(1, &[])),
    ];
    let run = |m: Measured| {
        let m = m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        agreement::compare(&exp, &m, BLESS)
    };
    assert!(run(same.into_iter().collect()).is_empty());
    let cases: Vec<(Measured, &str)> = vec![
        (
            vec![
                ("a.xml", o(3, &["7", "8"])),
                ("b.xml", o(2, &[])),
                ("c.xml", o(1, &[])),
            ],
            "regression",
        ),
        (
            vec![
                ("a.xml", o(3, &["8"])),
                ("b.xml", o(2, &[])),
                ("c.xml", o(1, &[])),
            ],
            "regression",
        ),
        (
            vec![
                ("a.xml", o(3, &[])),
                ("b.xml", o(2, &[])),
                ("c.xml", o(1, &[])),
            ],
            "now agree",
        ),
        (
            vec![
                ("a.xml", o(4, &["7"])),
                ("b.xml", o(2, &[])),
                ("c.xml", o(1, &[])),
            ],
            "4 tasks",
        ),
        (
            vec![("a.xml", o(3, &["7"])), ("b.xml", o(2, &[]))],
            "not in the corpus",
        ),
        (
            vec![
                ("a.xml", o(3, &["7"])),
                ("b.xml", o(2, &[])),
                ("c.xml", o(1, &[])),
                ("d.xml", o(1, &[])),
            ],
            "not in the expectations",
        ),
        (
            vec![
                ("a.xml", o(3, &["7"])),
                ("b.xml", Err("import: bad".into())),
                ("c.xml", o(1, &[])),
            ],
            "import: bad",
        ),
    ];
    for (m, want) in cases {
        let p = run(m);
        assert!(p.iter().any(|x| x.contains(want)), "{want}: {p:?}");
    }
    assert!(
        agreement::compare(&Default::default(), &Default::default(), BLESS)
            .iter()
            .any(|p| p.contains("list no file"))
    );
    for bad in [
        "a.xml\t3\t2\n",
        "a.xml\t3\tx\t-\n",
        "a.xml\t3\t3\t7\n",
        "a.xml\t1\t1\t-\na.xml\t1\t1\t-\n",
    ] {
        assert!(agreement::parse(bad).is_err(), "{bad:?} parsed");
    }
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

/// Every corpus file that schedules exports to MSPDI that reads back with the same tasks,
/// splits and dates (the `mspdi` fuzz target's property, on Project's own files: it found
/// `mspdisplittask.xml` losing its splits on export).
#[test]
fn corpus_exports_read_back_with_the_same_dates() {
    let Some(dir) = corpus() else { return };
    let mut checked = 0;
    for f in files(&dir) {
        let bytes = std::fs::read(&f).expect("readable");
        let Ok(im) = jindu::io::mspdi::read(&bytes) else {
            continue;
        };
        let Ok(s) = jindu::schedule(&im.project, &im.options) else {
            continue;
        };
        let xml = jindu::io::mspdi::write(&im.project, &s);
        let back = jindu::io::mspdi::read(xml.as_bytes())
            .unwrap_or_else(|e| panic!("{}: the export does not read back: {e}", f.display()));
        assert_eq!(back.project.len(), im.project.len(), "{}", f.display());
        let s2 = jindu::schedule(&back.project, &back.options)
            .unwrap_or_else(|e| panic!("{}: the export does not schedule: {e}", f.display()));
        for (k, (a, b)) in s.tasks().iter().zip(s2.tasks()).enumerate() {
            let t = &im.project.tasks()[k];
            assert_eq!(
                (a.start, a.finish),
                (b.start, b.finish),
                "{}: task {} moved through export",
                f.display(),
                t.id
            );
            assert_eq!(
                back.project.tasks()[k].splits,
                t.splits,
                "{}: {}",
                f.display(),
                t.id
            );
        }
        checked += 1;
    }
    assert!(checked >= 50, "only {checked} corpus files scheduled");
}
