//! Scheduling arbitrary generated projects (structure-aware: a [`Plan`] decoded from the bytes
//! and built through the public API). A schedule honours every link that no pin or progress
//! overrides, or reports it broken (and reports no link that holds); scheduling twice gives
//! the same schedule; the JSON document of the project reads back to it; an error is a typed
//! [`jindu::Error`] with a message, never a panic.
#![no_main]

use jindu::io::json;
use jindu::ScheduleOptions;
use jindu_fuzz::{link_holds, overridden, project_diff, Allow, Plan};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|plan: Plan| {
    let Some(p) = plan.build(Allow::ALL) else {
        return;
    };
    let opts = ScheduleOptions::default();
    let s = match jindu::schedule(&p, &opts) {
        Ok(s) => s,
        Err(e) => {
            assert!(!e.to_string().is_empty(), "an error without a message");
            assert_eq!(
                jindu::schedule(&p, &opts).unwrap_err(),
                e,
                "a second run fails differently"
            );
            return;
        }
    };
    assert_eq!(
        jindu::schedule(&p, &opts).as_ref(),
        Ok(&s),
        "not deterministic"
    );
    let over = overridden(&p);
    let v = s.violations();
    for (k, l) in p.links().iter().enumerate() {
        if over[l.to.index()] || over[l.from.index()] {
            continue;
        }
        let Some(holds) = link_holds(&p, &s, l) else {
            continue;
        };
        let reported = v.iter().any(|x| x.link.is_some_and(|li| li.index() == k));
        assert!(
            holds || reported,
            "link {} -> {} ({}, lag {:?}) broken without a violation",
            p.task(l.from).id,
            p.task(l.to).id,
            l.kind,
            l.lag
        );
        assert!(
            !(holds && reported),
            "link {} -> {} ({}) holds but is reported broken",
            p.task(l.from).id,
            p.task(l.to).id,
            l.kind
        );
    }
    let doc = json::Document {
        project: p,
        options: opts,
    };
    let back = json::read(&json::write(&doc)).expect("a built project writes valid JSON");
    assert!(
        back.project == doc.project,
        "JSON round trip changed the project:\n{}",
        project_diff(&doc.project, &back.project)
    );
});
