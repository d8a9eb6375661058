//! The committed vectors are compared with the Rust core, never rewritten: every source in
//! `tests/vectors/src/` must have its vector, generated from exactly that source, and every
//! vector must match what the core computes now (`make regen-vectors` or `cargo run -p
//! jindu-conformance --bin regen` rewrites them on purpose). The hand-computed `hand` sections
//! must agree with the core too, and must cover the cases the suite promises.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jindu_conformance::{
    canonical, check_hand, check_level_hand, check_risk_hand, check_track_hand, regenerate, run,
    source_of, TRACK_REPORT_LANGS,
};
use serde_json::{json, Value};

const REGEN: &str = "`cargo run -p jindu-conformance --bin regen` (make regen-vectors)";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

fn json_files(dir: &Path) -> BTreeMap<String, Value> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable");
            let v = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.file_name().unwrap().to_string_lossy().into_owned(), v)
        })
        .collect()
}

#[test]
fn vectors_match_their_sources_and_the_core() {
    let sources = json_files(&root().join("src"));
    let vectors = json_files(&root());
    for name in vectors.keys() {
        assert!(
            sources.contains_key(name),
            "tests/vectors/{name} has no source in tests/vectors/src"
        );
    }
    let mut hand_values = 0;
    let mut risk_hand_values = 0;
    let mut track_hand_values = 0;
    let mut level_hand_values = 0;
    for (name, src) in &sources {
        let stored = vectors
            .get(name)
            .unwrap_or_else(|| panic!("missing vector tests/vectors/{name}: run {REGEN}"));
        assert!(
            canonical(&source_of(stored)) == canonical(src),
            "tests/vectors/{name} was not generated from its source (or its hand section was \
             edited there): run {REGEN} and review the diff"
        );
        let fresh = run(stored);
        assert_eq!(
            canonical(stored),
            canonical(&fresh),
            "tests/vectors/{name} is stale: run {REGEN} and review the diff"
        );
        risk_hand_values += check_risk_hand(stored).unwrap_or_else(|e| {
            panic!("{name}: the Monte Carlo report contradicts the closed-form values:\n{e}")
        });
        level_hand_values += check_level_hand(stored).unwrap_or_else(|e| {
            panic!("{name}: the core contradicts the hand-worked levelling values:\n{e}")
        });
        track_hand_values += check_track_hand(stored).unwrap_or_else(|e| {
            panic!("{name}: the core contradicts the hand-worked tracking values:\n{e}")
        });
        if stored.get("hand").is_some() {
            let schedule = fresh["expect"]
                .get("schedule")
                .unwrap_or_else(|| panic!("{name}: a hand section on a vector that fails"));
            hand_values += check_hand(stored, schedule)
                .unwrap_or_else(|e| panic!("{name}: the core contradicts the hand values:\n{e}"));
        }
    }
    assert!(
        sources.len() >= 20,
        "expected at least 20 vectors, found {}",
        sources.len()
    );
    assert!(
        risk_hand_values >= 6,
        "only {risk_hand_values} closed-form Monte Carlo values checked"
    );
    assert!(
        level_hand_values >= 8,
        "only {level_hand_values} hand-worked levelling values checked"
    );
    assert!(
        track_hand_values >= 60,
        "only {track_hand_values} hand-worked tracking values checked"
    );
    assert!(
        hand_values >= 240,
        "only {hand_values} hand-computed values checked"
    );
}

/// The vectors with hand-computed values, and what together they must exercise.
#[test]
fn hand_values_cover_the_textbook_cases() {
    let vectors = json_files(&root());
    let with_hand: Vec<&String> = vectors
        .iter()
        .filter(|(_, v)| v.get("hand").is_some())
        .map(|(k, _)| k)
        .collect();
    for want in [
        "textbook-cpm.json",
        "link-types.json",
        "holidays.json",
        "negative-float.json",
        "summaries.json",
        "deadline.json",
    ] {
        assert!(
            with_hand.iter().any(|k| *k == want),
            "{want} must carry hand values"
        );
    }
    let mut link_types = std::collections::BTreeSet::new();
    let (mut lags, mut leads, mut holidays, mut negative, mut summaries, mut free_differs) =
        (0, 0, 0, 0, 0, 0);
    for name in &with_hand {
        let v = &vectors[*name];
        let doc = &v["document"];
        for l in doc["links"].as_array().into_iter().flatten() {
            link_types.insert(l["type"].as_str().unwrap_or("FS").to_owned());
            match l["lag"].as_str() {
                Some(s) if s.starts_with('-') => leads += 1,
                Some(_) => lags += 1,
                None => {}
            }
        }
        for c in doc["calendars"].as_array().into_iter().flatten() {
            holidays += c["exceptions"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|e| e["working"] == json!([]))
                .count();
        }
        for (id, t) in v["hand"]["tasks"].as_object().unwrap() {
            let (tf, ff) = (&t["total_float_minutes"], &t["free_float_minutes"]);
            negative += usize::from(tf.as_i64().is_some_and(|m| m < 0));
            free_differs += usize::from(
                tf.as_i64().is_some_and(|m| m > 0) && ff.as_i64().is_some() && tf != ff,
            );
            let summary = doc["tasks"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["parent"] == id.as_str());
            summaries += usize::from(summary);
            assert!(
                t.get("total_float_minutes").is_some() && t.get("late_finish").is_some(),
                "{name}: hand task {id} lacks float or late dates"
            );
        }
        assert!(
            v["hand"]["working"].as_array().unwrap().len() >= 3,
            "{name}: show the arithmetic"
        );
    }
    assert_eq!(
        link_types.into_iter().collect::<Vec<_>>(),
        ["FF", "FS", "SF", "SS"]
    );
    assert!(lags >= 2 && leads >= 2, "lags {lags}, leads {leads}");
    assert!(holidays >= 1, "no holiday");
    assert!(negative >= 3, "negative float in {negative} tasks");
    assert!(summaries >= 2, "{summaries} summaries");
    assert!(
        free_differs >= 3,
        "free float differs from total in {free_differs} tasks"
    );
}

/// `check_hand` itself catches a wrong value, an unknown field, a missing task and a missing
/// `working` note (so the test above cannot pass because the check compares nothing).
#[test]
fn check_hand_fails_on_every_kind_of_mistake() {
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("textbook-cpm.json")).unwrap())
            .unwrap();
    let schedule = v["expect"]["schedule"].clone();
    let n = check_hand(&v, &schedule).expect("the committed vector agrees");
    assert!(n >= 60, "{n} values");
    let broken = |f: &dyn Fn(&mut Value)| {
        let mut w = v.clone();
        f(&mut w);
        check_hand(&w, &schedule)
    };
    type Edit<'a> = &'a dyn Fn(&mut Value);
    let cases: [(&str, Edit); 7] = [
        ("hand 960", &|w| {
            w["hand"]["tasks"]["I"]["free_float_minutes"] = json!(960)
        }),
        ("late_finsh: unknown", &|w| {
            w["hand"]["tasks"]["B"]["late_finsh"] = json!("x")
        }),
        ("hand.tasks.Z.critical", &|w| {
            w["hand"]["tasks"]["Z"] = json!({"critical": true})
        }),
        ("hand.working", &|w| w["hand"]["working"] = json!([])),
        ("hand.tasks: a non-empty", &|w| {
            w["hand"]["tasks"] = json!({})
        }),
        ("hand.project_finish", &|w| {
            w["hand"]["project_finish"] = json!("2026-01-27T17:00:00")
        }),
        ("hand.colour: unknown", &|w| w["hand"]["colour"] = json!(1)),
    ];
    for (want, f) in cases {
        let e = broken(f).expect_err(want);
        assert!(e.contains(want), "{want}: {e}");
    }
    assert_eq!(check_hand(&json!({}), &schedule), Ok(0));
}

/// The `track` entries: the two tracking vectors with hand-worked values, every result kind in
/// them (a what-if among them, the report in every language), and a refused entry of each
/// vector.
#[test]
fn track_entries_cover_every_result() {
    let vectors = json_files(&root());
    let mut with_whatif = 0;
    for name in ["tracking-evm.json", "tracking-whatif.json"] {
        let v = &vectors[name];
        let entries = v["track"].as_array().expect("a track list");
        assert!(
            entries.iter().any(|e| e.get("hand").is_some()),
            "{name}: hand values"
        );
        assert!(
            entries.iter().any(|e| e["expect"].get("error").is_some()),
            "{name}: a refused entry"
        );
        for e in entries
            .iter()
            .filter(|e| e["expect"].get("error").is_none())
        {
            let x = &e["expect"];
            for k in ["evm", "alerts", "buffers", "variance"] {
                assert!(x.get(k).is_some(), "{name}: {k}");
            }
            for lang in TRACK_REPORT_LANGS {
                assert_eq!(x["report"][lang]["lang"], lang, "{name}: the {lang} report");
            }
            assert_eq!(x.get("whatif").is_some(), e.get("changes").is_some());
            with_whatif += usize::from(e.get("changes").is_some());
        }
    }
    assert!(with_whatif >= 1);
    let evm = &vectors["tracking-evm.json"]["track"][0];
    let values = evm["hand"]["values"].as_object().unwrap();
    for k in [
        "evm.pv",
        "evm.ev",
        "evm.ac",
        "evm.sv",
        "evm.cv",
        "evm.spi",
        "evm.cpi",
        "evm.eac",
        "evm.es_working_days",
        "evm.spi_t",
        "evm.forecast_finish",
        "evm.tasks.B.forecast_finish",
    ] {
        assert!(values.contains_key(k), "tracking-evm: hand {k}");
    }
    let w = &vectors["tracking-whatif.json"]["track"][0]["hand"]["values"];
    for k in [
        "whatif.finish_delta_minutes",
        "whatif.moved.*.id",
        "whatif.critical_path_changed",
    ] {
        assert!(w.get(k).is_some(), "tracking-whatif: hand {k}");
    }
}

/// `check_track_hand` catches a wrong value, a value outside its tolerance, a path that finds
/// nothing, an unknown field and a missing `working` note; and `regenerate` (what `regen`
/// writes) refuses a source whose hand values the core contradicts.
#[test]
fn track_hand_check_fails_on_every_kind_of_mistake() {
    let v = json_files(&root()).remove("tracking-evm.json").unwrap();
    let n = check_track_hand(&v).expect("the committed vector agrees");
    assert!(n >= 40, "{n} values");
    type Edit<'a> = &'a dyn Fn(&mut Value);
    let cases: [(&str, Edit); 6] = [
        ("evm.pv: hand", &|w| {
            w["track"][0]["hand"]["values"]["evm.pv"]["value"] = json!(9000.0)
        }),
        ("evm.spi: hand", &|w| {
            w["track"][0]["hand"]["values"]["evm.spi"] = json!({"value": 0.8501, "within": 1e-6})
        }),
        ("evm.tasks.Z.ev: hand", &|w| {
            w["track"][0]["hand"]["values"]["evm.tasks.Z.ev"] = json!({"value": 1.0})
        }),
        ("evm.forecast_finish: hand", &|w| {
            w["track"][0]["hand"]["values"]["evm.forecast_finish"] =
                json!({"value": "2026-01-22T14:42:00"})
        }),
        ("track[1].hand.working", &|w| {
            w["track"][1]["hand"]["working"] = json!([])
        }),
        ("hand.notes: unknown", &|w| {
            w["track"][0]["hand"]["notes"] = json!("x")
        }),
    ];
    for (want, f) in cases {
        let mut w = v.clone();
        f(&mut w);
        let e = check_track_hand(&w).expect_err(want);
        assert!(e.contains(want), "{want}: {e}");
        let refused = regenerate(&source_of(&w)).expect_err(want);
        assert!(refused.contains(want), "regen {want}: {refused}");
    }
    let mut failing = v.clone();
    failing["track"][2]["hand"] = v["track"][0]["hand"].clone();
    let e = regenerate(&source_of(&failing)).expect_err("a hand section on a refused entry");
    assert!(
        e.contains("track[2]: a hand section on an entry that fails"),
        "{e}"
    );
}
