//! Resource rates, cost per use and groups from MSPDI, and the cost of an assignment checked
//! against the costs Microsoft Project stored in the same files; the JSON and MSPDI round trips
//! keep them.
//!
//! The corpus lives outside the repository (see `mspdi_corpus.rs`); without it these tests
//! fail, unless `JINDU_SKIP_SHARED=1` (then they say loudly that they skipped).

use std::path::PathBuf;

use jindu::io::{json, mspdi};
use jindu::{Money, Project};

#[path = "common/mod.rs"]
mod common;
use common::{need_shared, shared_file};

#[track_caller]
fn corpus(name: &str) -> Option<Project> {
    let dir: PathBuf = need_shared("mspdi", Some("JINDU_MSPDI_DIR"))?;
    let bytes = std::fs::read(shared_file(&dir, name)).expect("read the corpus file");
    Some(mspdi::read(&bytes).expect("the corpus file reads").project)
}

fn money(v: f64) -> Option<Money> {
    Money::from_value(v)
}

/// (resource name, assignment cost) for every assignment with a cost, in file order.
fn costs(p: &Project) -> Vec<(String, Option<Money>)> {
    p.assignments()
        .iter()
        .map(|a| {
            let r = &p.resources()[a.resource.index()];
            let work = a
                .work
                .expect("every corpus assignment has its work")
                .minutes();
            (r.name.clone(), r.cost_of(a.units, work))
        })
        .filter(|(_, c)| c.is_some_and(|c| c != Money::ZERO))
        .collect()
}

#[test]
fn rates_and_groups_read_from_mspdiresource() {
    let Some(p) = corpus("mspdiresource.xml") else {
        return;
    };
    // The file's <Resource> elements: StandardRate 50/75/100 an hour, OvertimeRate
    // 100/150/200, Group Steelray/Tapsterrock/Steelray; Concrete (material) has CostPerUse
    // 50000, in cents: 500.
    let by = |name: &str| p.resources().iter().find(|r| r.name == name).unwrap();
    let wade = by("Wade Golden");
    assert_eq!(
        (wade.standard_rate, wade.overtime_rate, wade.group.as_str()),
        (money(50.0), money(100.0), "Steelray")
    );
    let jon = by("Jon Iles");
    assert_eq!(
        (jon.standard_rate, jon.overtime_rate, jon.group.as_str()),
        (money(75.0), money(150.0), "Tapsterrock")
    );
    assert_eq!(by("Brian Leach").standard_rate, money(100.0));
    let concrete = by("Concrete");
    assert_eq!(
        (
            concrete.standard_rate,
            concrete.cost_per_use,
            concrete.group.as_str()
        ),
        (None, money(500.0), "Mat")
    );
}

#[test]
fn assignment_costs_agree_with_project() {
    let Some(p) = corpus("mspdiresource.xml") else {
        return;
    };
    // Project's <Assignment><Cost> values (cents) in the file: 120000, 180000, 240000, 200000,
    // 80000 — 24 h × 50, 24 h × 75, 24 h × 100, 40 h × 50, 16 h × 50.
    let want = [
        ("Wade Golden", 1200.0),
        ("Jon Iles", 1800.0),
        ("Brian Leach", 2400.0),
        ("Wade Golden", 2000.0),
        ("Wade Golden", 800.0),
    ];
    let got = costs(&p);
    let want: Vec<(String, Option<Money>)> = want
        .iter()
        .map(|(n, c)| (n.to_string(), money(*c)))
        .collect();
    assert_eq!(got, want);

    // sample.xml: First Resource at 10 an hour with a cost per use of 3000 cents (30),
    // assigned at 50 % for 200 h: 2000 + 30 × 0.5 = 2015, Project's 201500 cents; Second
    // Resource at 5 an hour, 1500 cents a use, 75 % for 300 h: 1500 + 15 × 0.75 = 1511.25,
    // Project's 151125. A use is charged per unit assigned, as Project's field help says.
    let Some(p) = corpus("sample.xml") else {
        return;
    };
    assert_eq!(
        costs(&p),
        vec![
            ("First Resource".to_string(), money(2015.0)),
            ("Second Resource".to_string(), money(1511.25)),
        ]
    );

    // mspdiassignmentcustom.xml: Resource One at 26 an hour, 1700 cents a use, 100 % for 344 h:
    // 8944 + 17 = 8961, Project's 896100. (Resource Two's stored cost, 390978, is 6 cents
    // above 216 h 43 min at 18 plus 14 × 0.63: the file's work is rounded to the minute.)
    let Some(p) = corpus("mspdiassignmentcustom.xml") else {
        return;
    };
    assert_eq!(costs(&p)[0], ("Resource One".to_string(), money(8961.0)));
}

#[test]
fn rates_and_groups_survive_json_and_mspdi() {
    let Some(p) = corpus("mspdiresource.xml") else {
        return;
    };
    let text = json::write_project(&p, &Default::default());
    assert!(text.contains(r#""standard_rate": 75"#), "{text}");
    assert!(text.contains(r#""cost_per_use": 500"#), "{text}");
    assert!(text.contains(r#""group": "Tapsterrock""#), "{text}");
    let back = json::read(&text).unwrap().project;
    assert_eq!(back.resources(), p.resources());

    let xml = mspdi::write(&p, &jindu::schedule(&p, &Default::default()).unwrap());
    let again = mspdi::read(xml.as_bytes()).unwrap().project;
    let key = |p: &Project| -> Vec<_> {
        p.resources()
            .iter()
            .map(|r| {
                (
                    r.name.clone(),
                    r.standard_rate,
                    r.overtime_rate,
                    r.cost_per_use,
                    r.group.clone(),
                )
            })
            .collect()
    };
    assert_eq!(key(&again), key(&p));
}

#[test]
fn a_bad_rate_names_the_resource_and_field() {
    let doc = |field: &str| {
        format!(
            r#"{{"name": "p", "start": "2026-01-05", "tasks": [],
               "resources": [{{"id": "ana", {field}}}]}}"#
        )
    };
    for (field, name) in [
        (r#""standard_rate": -5"#, "standard_rate"),
        (r#""overtime_rate": 1.005"#, "overtime_rate"),
        (r#""cost_per_use": -1"#, "cost_per_use"),
    ] {
        let e = json::read(&doc(field)).unwrap_err().to_string();
        assert!(e.contains("ana") && e.contains(name), "{field}: {e}");
    }
    // Without rates there is no cost to compute.
    let p = json::read(&doc(r#""group": "QA""#)).unwrap().project;
    assert_eq!(p.resources()[0].cost_of(100, 480), None);
    assert_eq!(p.resources()[0].group, "QA");
}

#[test]
fn loading_totals_agree_with_the_costs_project_stored() {
    // Over the whole project each resource's loading total is the sum of the assignment
    // costs Project stored: in mspdiresource.xml Wade Golden 1200 + 2000 + 800 = 4000, Jon
    // Iles 1800, Brian Leach 2400 (the file's <Assignment><Cost>, in cents), and Concrete
    // (cost per use only, no assignment) nothing; in sample.xml 2015 and 1511.25.
    use jindu::level::{load, LoadOptions, Period};
    for (file, want) in [
        (
            "mspdiresource.xml",
            &[
                ("Wade Golden", 4000.0),
                ("Jon Iles", 1800.0),
                ("Brian Leach", 2400.0),
                ("Concrete", 0.0),
            ][..],
        ),
        (
            "sample.xml",
            &[("First Resource", 2015.0), ("Second Resource", 1511.25)][..],
        ),
    ] {
        let Some(p) = corpus(file) else {
            return;
        };
        let s = jindu::schedule(&p, &Default::default()).unwrap();
        for by in [Period::Day, Period::Week, Period::Month] {
            let l = load(&[(&p, &s)], &LoadOptions::new(by)).unwrap();
            for (name, cost) in want {
                let r = l.resources.iter().find(|r| r.name == *name).unwrap();
                assert_eq!(r.cost, money(*cost), "{file} {name} by {by}");
                let sum: i64 = r.periods.iter().map(|p| p.cost.unwrap().cents()).sum();
                assert_eq!(Some(sum), r.cost.map(Money::cents), "{file} {name} by {by}");
            }
        }
    }
}

#[test]
fn a_cost_resource_assignment_cost_survives_json_and_mspdi() {
    // A cost resource's assignment cost (1234.56) is written as MSPDI's <Cost> in cents
    // (123456) and read back; JSON keeps it as a number.
    let doc = json::read(
        r#"{"name": "p", "start": "2026-01-05", "tasks": [{"id": "A", "duration": "2d"}],
            "resources": [{"id": "fees", "kind": "cost"}],
            "assignments": [{"task": "A", "resource": "fees", "cost": 1234.56}]}"#,
    )
    .unwrap();
    let p = doc.project;
    assert_eq!(p.assignments()[0].cost, money(1234.56));
    let text = json::write_project(&p, &Default::default());
    assert!(text.contains(r#""cost": 1234.56"#), "{text}");
    assert_eq!(
        json::read(&text).unwrap().project.assignments(),
        p.assignments()
    );
    let xml = mspdi::write(&p, &jindu::schedule(&p, &Default::default()).unwrap());
    assert!(xml.contains("<Cost>123456</Cost>"), "{xml}");
    let back = mspdi::read(xml.as_bytes()).unwrap().project;
    assert_eq!(back.assignments()[0].cost, money(1234.56));
    assert_eq!(back.resources()[0].kind, jindu::ResourceKind::Cost);
}

#[test]
fn rate_tables_survive_json_and_mspdi() {
    // Ana: 50 an hour (20 a use) until 1 July 2026, then 60 (25 a use), from 2027 on 72.5 and
    // no cost per use. MSPDI writes cost rate table A: three <Rate> entries from Project's
    // earliest date, each to the minute before the next, with the cost per use in cents.
    let doc = json::read(
        r#"{"name": "p", "start": "2026-01-05", "tasks": [],
            "resources": [{"id": "ana", "standard_rate": 50, "cost_per_use": 20,
              "rates": [{"from": "2026-07-01", "standard_rate": 60, "cost_per_use": 25},
                        {"from": "2027-01-01T08:00", "standard_rate": 72.5}]}]}"#,
    )
    .unwrap();
    let p = doc.project;
    let r = &p.resources()[0];
    assert_eq!(r.rates.len(), 2);
    assert_eq!(r.rates[1].standard_rate, money(72.5));
    assert_eq!(r.rates[1].cost_per_use, None);
    let text = json::write_project(&p, &Default::default());
    assert!(text.contains(r#""from": "2026-07-01T00:00:00""#), "{text}");
    assert_eq!(
        json::read(&text).unwrap().project.resources(),
        p.resources()
    );
    let xml = mspdi::write(&p, &jindu::schedule(&p, &Default::default()).unwrap());
    assert!(
        xml.contains("<RatesFrom>1984-01-01T00:00:00</RatesFrom>"),
        "{xml}"
    );
    assert!(
        xml.contains("<RatesTo>2026-06-30T23:59:00</RatesTo>"),
        "{xml}"
    );
    assert!(xml.contains("<CostPerUse>2500</CostPerUse>"), "{xml}");
    let back = mspdi::read(xml.as_bytes()).unwrap().project;
    let b = &back.resources()[0];
    assert_eq!(
        (b.standard_rate, b.cost_per_use, &b.rates),
        (r.standard_rate, r.cost_per_use, &r.rates)
    );
}

/// Every task's baselines as (number, cost), those with a cost only.
fn baseline_costs(p: &Project) -> Vec<(String, u8, Money)> {
    p.tasks()
        .iter()
        .flat_map(|t| {
            t.baselines
                .iter()
                .filter_map(move |b| b.cost.map(|c| (t.name.clone(), b.number, c)))
        })
        .collect()
}

#[test]
fn baseline_costs_read_from_project_files() {
    // MPXJ's baseline files set "Baseline Cost" to 1 and "BaselineN Cost" to N + 1 (Project
    // stores them in cents: 100, 200, …, 1100), each on the task named after the field; no
    // other task of them has a baseline cost (the fixed-cost fields are others).
    for name in [
        "task-baselines-project2002-mspdi.xml",
        "task-baselines-project2016-mspdi.xml",
    ] {
        let Some(p) = corpus(name) else {
            return;
        };
        let want: Vec<(String, u8, Money)> = (0..=10u8)
            .map(|n| {
                let field = if n == 0 {
                    "Baseline".to_owned()
                } else {
                    format!("Baseline{n}")
                };
                let cost = money(f64::from(n) + 1.0).unwrap();
                (format!("{field} Cost - Task"), n, cost)
            })
            .collect();
        assert_eq!(baseline_costs(&p), want, "{name}");
    }
    // baselines.xml: Task One with baselines 1 to 10 costing 1 to 10 (and baseline 0, saved
    // at no cost, without one).
    let Some(p) = corpus("baselines.xml") else {
        return;
    };
    let want: Vec<(String, u8, Money)> = (1..=10u8)
        .map(|n| ("Task One".to_owned(), n, money(f64::from(n)).unwrap()))
        .collect();
    assert_eq!(baseline_costs(&p), want);
}

#[test]
fn baseline_costs_survive_json_and_mspdi() {
    let Some(p) = corpus("task-baselines-project2016-mspdi.xml") else {
        return;
    };
    let o = Default::default();
    let back = json::read(&json::write_project(&p, &o)).unwrap().project;
    assert_eq!(baseline_costs(&back), baseline_costs(&p));
    let xml = mspdi::write(&p, &jindu::schedule(&p, &o).unwrap());
    assert!(
        xml.contains("<Cost>1100</Cost>"),
        "baseline 10's cost in cents"
    );
    let again = mspdi::read(xml.as_bytes()).unwrap().project;
    assert_eq!(baseline_costs(&again).len(), 11);
    // Every baseline field, not only the cost, comes back.
    let all = |p: &Project| -> Vec<Vec<jindu::Baseline>> {
        p.tasks().iter().map(|t| t.baselines.clone()).collect()
    };
    assert_eq!(all(&again), all(&p));
}
