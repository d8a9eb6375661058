//! The status reports of `examples/tracking.json`, byte for byte against the golden files
//! (`make bless-reports` rewrites them after a deliberate change; review the diff). A missing
//! golden file fails the test.

#[path = "report/fixtures.rs"]
mod fixtures;

#[test]
fn reports_match_the_golden_files() {
    let mut failed = Vec::new();
    for &(name, lang, client, period, shape) in fixtures::CASES {
        let path = fixtures::dir().join(name);
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run make bless-reports)", path.display()));
        if fixtures::render(lang, client, period, shape) != want {
            failed.push(name);
        }
    }
    assert!(
        failed.is_empty(),
        "reports differ from their golden files: {failed:?} (make bless-reports, then review)"
    );
}

#[test]
fn the_client_goldens_hold_nothing_internal() {
    // The example's internal task and the amounts the team's report shows.
    for &(name, _, client, _, _) in fixtures::CASES {
        let text = std::fs::read_to_string(fixtures::dir().join(name)).unwrap();
        if client {
            assert!(!text.contains("Internal code review"), "{name}");
            assert!(
                !text.contains("CNY") && !text.contains('元'),
                "{name}: an amount in the client's report"
            );
        }
    }
}
