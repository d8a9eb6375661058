//! The DCMA 14-point health check over the MSPDI corpus in `shared/data/mspdi/` (beside the
//! repository, or `JINDU_MSPDI_DIR`): every file that schedules is assessed without an error,
//! and every check keeps its invariants (offenders are real, non-summary tasks in task order,
//! counts within the population, metrics in range).

#[path = "common/mod.rs"]
mod common;

use jindu::risk::{assess, CheckStatus, HealthOptions};

#[test]
fn corpus_assesses_with_invariants() {
    let Some(dir) = common::need_shared("mspdi", Some("JINDU_MSPDI_DIR")) else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "xml"))
        .collect();
    files.sort();
    assert!(files.len() > 20, "the corpus has {} files", files.len());
    let (mut assessed, mut failed_checks) = (0, 0);
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy();
        let bytes = std::fs::read(f).unwrap();
        let imp = jindu::io::mspdi::read(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let p = &imp.project;
        if jindu::schedule(p, &imp.options).is_err() {
            continue; // the agreement test covers files that do not schedule
        }
        let o = HealthOptions {
            schedule: imp.options,
            ..HealthOptions::default()
        };
        let h = assess(p, &o).unwrap_or_else(|e| panic!("{name}: {e}"));
        assessed += 1;
        assert_eq!(h.checks.len(), 14, "{name}");
        assert_eq!(h.passed + h.failed + h.not_applicable, 14, "{name}");
        assert_eq!(h.additional.len(), 1, "{name}");
        for c in h.checks.iter().chain(&h.additional) {
            let what = format!("{name} check {} {}", c.number, c.code);
            if c.status == CheckStatus::Fail {
                failed_checks += 1;
            }
            let offenders = if (2..=4).contains(&c.number) {
                c.links.len()
            } else {
                c.tasks.len()
            };
            assert_eq!(c.count, offenders, "{what}");
            assert!(c.count <= c.population, "{what}: {c:?}");
            let mut last = None;
            for id in &c.tasks {
                let i = p
                    .index_of(id)
                    .unwrap_or_else(|| panic!("{what}: {id} is no task"));
                assert!(!p.is_summary(i), "{what}: {id} is a summary");
                assert!(last < Some(i.index()), "{what}: not in task order");
                last = Some(i.index());
            }
            for l in &c.links {
                assert!(
                    p.index_of(&l.from).is_some() && p.index_of(&l.to).is_some(),
                    "{what}"
                );
            }
            match (c.status, c.metric) {
                (CheckStatus::NotApplicable, m) => assert_eq!(m, None, "{what}"),
                (_, Some(m)) => {
                    assert!(m.is_finite(), "{what}");
                    if c.unit == "%" {
                        assert!((0.0..=100.0).contains(&m), "{what}: {m}");
                    }
                    if c.code == "bei" || c.code == "critical_path_test" {
                        assert!(m >= 0.0, "{what}: {m}");
                    }
                }
                (_, None) => assert_eq!(c.code, "critical_path_test", "{what}"),
            }
        }
    }
    assert!(assessed > 20, "only {assessed} files assessed");
    // Real plans are not all perfect: some check fails somewhere.
    assert!(failed_checks > 0);
}
