//! Loading tests; every expectation is worked out by hand in the comment above it (the
//! standard calendar works 08:00–12:00 and 13:00–17:00, 480 minutes a day, Monday to Friday).

use super::*;
use crate::io::json;

fn doc(text: &str) -> (Project, Schedule) {
    let d = json::read(text).unwrap();
    let s = crate::schedule(&d.project, &d.options).unwrap();
    (d.project, s)
}

fn run(docs: &[&(Project, Schedule)], period: Period) -> Loading {
    let v: Vec<(&Project, &Schedule)> = docs.iter().map(|(p, s)| (p, s)).collect();
    load(&v, &LoadOptions::new(period)).unwrap()
}

fn work(r: &ResourceLoad) -> Vec<i64> {
    r.periods.iter().map(|p| p.work_minutes).collect()
}

fn cap(r: &ResourceLoad) -> Vec<i64> {
    r.periods.iter().map(|p| p.capacity_minutes).collect()
}

#[test]
fn holiday_on_the_resource_calendar() {
    // A runs Mon 5 – Fri 9 January 2026 on the project calendar; Ana's calendar has Wednesday 7
    // off, so she works 4 days × 480 = 1920 minutes and has no capacity on Wednesday.
    let d = doc(r#"{"name": "P", "start": "2026-01-05",
        "calendars": [{"id": "ana", "base": "standard",
            "exceptions": [{"date": "2026-01-07", "working": []}]}],
        "tasks": [{"id": "A", "duration": "5d"}],
        "resources": [{"id": "ana", "calendar": "ana"}],
        "assignments": [{"task": "A", "resource": "ana"}]}"#);
    let l = run(&[&d], Period::Day);
    let r = &l.resources[0];
    assert_eq!(l.from.0.to_string(), "2026-01-05T00:00:00");
    assert_eq!(l.to.0.to_string(), "2026-01-10T00:00:00");
    assert_eq!(work(r), [480, 480, 0, 480, 480]);
    assert_eq!(cap(r), [480, 480, 0, 480, 480]);
    assert_eq!(r.periods[2].load_percent, None);
    assert_eq!(r.periods[0].load_percent, Some(100.0));
    assert_eq!(r.work_minutes, 1920);
    assert!(r.overallocations.is_empty());
}

#[test]
fn part_time_calendar_with_time_varying_capacity() {
    // Pat works mornings only (240 minutes a day) and at 50% on Thursday 8 and Friday 9.
    // B (Mon 5 – Fri 9 on the project calendar) at 100%: mornings only, 5 × 240 = 1200.
    // Capacity of the week: 3 × 240 × 100% + 2 × 240 × 50% = 720 + 240 = 960; load 125%.
    // Thursday and Friday mornings run at 100% > 50%: one overallocation from Thursday 08:00
    // to Friday 12:00 (Pat's non-working afternoon does not break it).
    let d = doc(r#"{"name": "P", "start": "2026-01-05",
        "calendars": [{"id": "half", "week": {"mon": ["08:00-12:00"], "tue": ["08:00-12:00"],
            "wed": ["08:00-12:00"], "thu": ["08:00-12:00"], "fri": ["08:00-12:00"]}}],
        "tasks": [{"id": "B", "name": "Build", "duration": "5d"}],
        "resources": [{"id": "pat", "calendar": "half",
            "availability": [{"from": "2026-01-08", "to": "2026-01-10", "max_units": 50}]}],
        "assignments": [{"task": "B", "resource": "pat"}]}"#);
    let l = run(&[&d], Period::Week);
    let r = &l.resources[0];
    assert_eq!(work(r), [1200]);
    assert_eq!(cap(r), [960]);
    assert_eq!(r.periods[0].load_percent, Some(125.0));
    assert!(r.periods[0].overallocated);
    assert_eq!(r.overallocations.len(), 1);
    let o = &r.overallocations[0];
    assert_eq!(o.start.0.to_string(), "2026-01-08T08:00:00");
    assert_eq!(o.finish.0.to_string(), "2026-01-09T12:00:00");
    assert_eq!((o.peak_units, o.max_units), (100.0, 50));
    assert_eq!(o.tasks.len(), 1);
    assert_eq!(
        (o.tasks[0].task.as_str(), o.tasks[0].task_name.as_str()),
        ("B", "Build")
    );
}

#[test]
fn overlap_and_a_pooled_resource_across_two_projects() {
    // P1: A Mon 5 – Wed 7 (3d), B Tue 6 – Wed 7 (SS + 1d, 2d), both Ana at 100%.
    // P2: C on Wed 7 (1d), also Ana (the same id: one pooled resource).
    // Tuesday: A + B = 200%; Wednesday: A + B + C = 300%: one overallocation from Tuesday
    // 08:00 to Wednesday 17:00, peak 300% against 100%, caused by A, B (P1) and C (P2).
    // The week: work 3×480 + 2×480 + 480 = 2880, capacity 5 × 480 = 2400, load 120%.
    let p1 = doc(r#"{"name": "P1", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "3d"}, {"id": "B", "duration": "2d"}],
        "links": [{"from": "A", "to": "B", "type": "SS", "lag": "1d"}],
        "resources": [{"id": "ana", "name": "Ana"}],
        "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}]}"#);
    let p2 = doc(r#"{"name": "P2", "start": "2026-01-07",
        "tasks": [{"id": "C", "duration": "1d"}],
        "resources": [{"id": "ana"}],
        "assignments": [{"task": "C", "resource": "ana"}]}"#);
    let l = run(&[&p1, &p2], Period::Week);
    assert_eq!(l.resources.len(), 1);
    // P2 names Ana by id only: not a different definition.
    assert!(l.conflicts.is_empty(), "{:?}", l.conflicts);
    let r = &l.resources[0];
    assert_eq!(
        (r.name.as_str(), r.projects.as_slice()),
        ("Ana", &[0, 1][..])
    );
    assert_eq!(work(r), [2880]);
    assert_eq!(cap(r), [2400]);
    assert_eq!(r.periods[0].load_percent, Some(120.0));
    assert_eq!(r.overallocations.len(), 1);
    let o = &r.overallocations[0];
    assert_eq!(o.start.0.to_string(), "2026-01-06T08:00:00");
    assert_eq!(o.finish.0.to_string(), "2026-01-07T17:00:00");
    assert_eq!((o.peak_units, o.max_units), (300.0, 100));
    let named: Vec<_> = o
        .tasks
        .iter()
        .map(|t| (t.project, t.project_name.as_str(), t.task.as_str()))
        .collect();
    assert_eq!(named, [(0, "P1", "A"), (0, "P1", "B"), (1, "P2", "C")]);

    // P1 alone: only Tuesday 08:00 – Wednesday 17:00 at 200%, A and B.
    let l = run(&[&p1], Period::Day);
    let o = &l.resources[0].overallocations;
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].start.0.to_string(), "2026-01-06T08:00:00");
    assert_eq!(o[0].finish.0.to_string(), "2026-01-07T17:00:00");
    assert_eq!(o[0].peak_units, 200.0);
    // By day, Monday has A alone: not overallocated.
    let flags: Vec<bool> = l.resources[0]
        .periods
        .iter()
        .map(|p| p.overallocated)
        .collect();
    assert_eq!(flags, [false, true, true]);
}

#[test]
fn week_and_month_boundaries_and_the_flat_contour() {
    // D: 10 working days from Thursday 29 January 2026: Jan 29, 30; Feb 2–6; Feb 9, 10, 11.
    // At 50%: 240 a day. By month: January 2 × 240 = 480, February 8 × 240 = 1920.
    // By week (Monday starts): week of Jan 26: 480, Feb 2: 5 × 240 = 1200, Feb 9: 720.
    // E: the same days with work 20h = 1200 minutes spread flat over 4800 working minutes
    // (effective units 25%): January 1200 × 960 / 4800 = 240, February 960.
    let text = r#"{"name": "P", "start": "2026-01-29",
        "tasks": [{"id": "D", "duration": "10d"}, {"id": "E", "duration": "10d"}],
        "resources": [{"id": "d"}, {"id": "e"}],
        "assignments": [{"task": "D", "resource": "d", "units": 50},
                        {"task": "E", "resource": "e", "work": "20h"}]}"#;
    let d = doc(text);
    let m = run(&[&d], Period::Month);
    assert_eq!(m.from.0.to_string(), "2026-01-01T00:00:00");
    assert_eq!(m.to.0.to_string(), "2026-03-01T00:00:00");
    assert_eq!(work(&m.resources[0]), [480, 1920]);
    // Capacity: January 2026 has 22 working days, February 20: 22 × 480 = 10560, 9600.
    assert_eq!(cap(&m.resources[0]), [10560, 9600]);
    assert_eq!(work(&m.resources[1]), [240, 960]);
    let w = run(&[&d], Period::Week);
    assert_eq!(w.from.0.to_string(), "2026-01-26T00:00:00");
    assert_eq!(work(&w.resources[0]), [480, 1200, 720]);
    assert_eq!(
        w.resources[0].periods[2].start.0.to_string(),
        "2026-02-09T00:00:00"
    );
    // Hours start at the first assignment's hour: D's first hour (Thursday 08:00–09:00) at
    // 50% is 30 minutes; the fifth (12:00–13:00) is lunch.
    let h = run(&[&d], Period::Hour);
    assert_eq!(
        h.resources[0].periods[0].start.0.to_string(),
        "2026-01-29T08:00:00"
    );
    assert_eq!(h.resources[0].periods[0].work_minutes, 30);
    assert_eq!(h.resources[0].periods[4].work_minutes, 0);
}

#[test]
fn material_totals() {
    // 10 tons (units 1000) of cement over a 5-day task: 2 tons a day, 10 in the week.
    let d = doc(r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "F", "duration": "5d"}],
        "resources": [{"id": "cement", "kind": "material"}],
        "assignments": [{"task": "F", "resource": "cement", "units": 1000}]}"#);
    let l = run(&[&d], Period::Day);
    let r = &l.resources[0];
    let q: Vec<f64> = r.periods.iter().map(|p| p.quantity).collect();
    assert_eq!(q, [2.0; 5]);
    assert_eq!(r.quantity, 10.0);
    assert_eq!((r.kind, r.work_minutes), ("material", 0));
    assert!(r.overallocations.is_empty());
}

#[test]
fn errors_name_the_resource_or_the_assignment() {
    let d = doc(r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "1d"}],
        "resources": [{"id": "ana", "availability": [
            {"from": "2026-01-05", "to": "2026-01-09", "max_units": 50},
            {"from": "2026-01-08", "to": "2026-01-12", "max_units": 0}]}]}"#);
    let e = load(&[(&d.0, &d.1)], &LoadOptions::default()).unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::Invalid);
    assert!(e.to_string().contains("ana"), "{e}");
    let d = doc(r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "M", "milestone": true}],
        "resources": [{"id": "ana"}],
        "assignments": [{"task": "M", "resource": "ana", "work": "8h"}]}"#);
    let e = load(&[(&d.0, &d.1)], &LoadOptions::default()).unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains('M') && text.contains("ana") && text.contains("work"),
        "{text}"
    );
    // An assignment to a resource that does not exist fails when the document is read.
    let e = json::read(
        r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "1d"}],
        "assignments": [{"task": "A", "resource": "bob"}]}"#,
    )
    .unwrap_err();
    assert_eq!(e.code(), crate::ErrorCode::UnknownResource);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// The periods add up to every assignment's work, and capacity is never negative.
    #[test]
    fn periods_add_up(
        tasks in proptest::collection::vec((1i64..4000, 0u32..300, proptest::option::of(1i64..5000), 0i64..3000), 1..12),
        by in 0usize..4,
    ) {
        let mut ts = String::new();
        let mut asg = String::new();
        let mut expected = 0i64;
        for (k, (dur, units, work, lag)) in tasks.iter().enumerate() {
            ts += &format!(r#"{{"id": "T{k}", "duration": "{dur}m", "constraint": {{"type": "SNET", "date": "{}"}}}},"#,
                DateTime::from_parts(2026, 1, 5, 8, 0).unwrap().add_minutes(*lag * 7));
            let w = work.map(|w| format!(r#", "work": "{w}m""#)).unwrap_or_default();
            asg += &format!(r#"{{"task": "T{k}", "resource": "r{}", "units": {units}{w}}},"#, k % 2);
            // Work when given, else units × duration (the task and resource share a calendar).
            expected += work.unwrap_or((*dur * *units as i64 * 2 + 100) / 200);
        }
        ts.pop();
        asg.pop();
        let text = format!(r#"{{"name": "P", "start": "2026-01-05", "tasks": [{ts}],
            "resources": [{{"id": "r0"}}, {{"id": "r1", "availability": [{{"from": "2026-01-07", "to": "2026-01-20", "max_units": 30}}]}}],
            "assignments": [{asg}]}}"#);
        let d = doc(&text);
        let period = [Period::Hour, Period::Day, Period::Week, Period::Month][by];
        let l = run(&[&d], period);
        let sum: i64 = l.resources.iter().flat_map(|r| r.periods.iter().map(|p| p.work_minutes)).sum();
        proptest::prop_assert_eq!(sum, expected);
        for r in &l.resources {
            for p in &r.periods {
                proptest::prop_assert!(p.capacity_minutes >= 0);
            }
        }
    }
}

#[test]
fn a_pooled_resource_defined_differently_is_reported() {
    // P1 has Ana at 100 %, P2 says 200 % on another calendar: P1's definition counts (the
    // week's capacity stays 5 × 480), and the difference is reported, for loading and levelling.
    let p1 = doc(r#"{"name": "P1", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "1d"}],
        "resources": [{"id": "ana", "name": "Ana"}],
        "assignments": [{"task": "A", "resource": "ana"}]}"#);
    let p2 = doc(r#"{"name": "P2", "start": "2026-01-05",
        "calendars": [{"id": "night", "base": "standard"}],
        "tasks": [{"id": "C", "duration": "1d"}],
        "resources": [{"id": "ana", "name": "Ana", "max_units": 200, "calendar": "night"}],
        "assignments": [{"task": "C", "resource": "ana"}]}"#);
    let l = run(&[&p1, &p2], Period::Week);
    assert_eq!(cap(&l.resources[0]), [2400]);
    assert_eq!(
        l.conflicts,
        [PoolConflict {
            id: "ana".into(),
            used: 0,
            project: 1,
            fields: vec!["max_units", "calendar"],
        }]
    );
    let lv = crate::level::level(&[&p1.0, &p2.0], &crate::level::LevelOptions::default()).unwrap();
    assert_eq!(lv.conflicts, l.conflicts);
    let json = serde_json::to_value(&l).unwrap();
    assert_eq!(
        json["conflicts"][0]["fields"],
        serde_json::json!(["max_units", "calendar"])
    );
}

fn costs(r: &ResourceLoad) -> Vec<Option<f64>> {
    r.periods.iter().map(|p| p.cost.map(Money::value)).collect()
}

#[test]
fn work_costs_per_period_and_the_cost_per_use_at_the_start() {
    // Ana at 50 an hour with 20 a use works A (Mon 5 – Wed 7, 3 days) at 100 %: 8 h × 50 =
    // 400 a day, and the use on Monday where A starts: 420, 400, 400; total 1220 =
    // cost_of(100, 24 h) = 1200 + 20. Bob at 200 % (two people) on B (Mon 5, 1 day): 16 h ×
    // 30 = 480, plus two uses of 10: 500. Cid has no rate: no cost at all.
    let d = doc(r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "3d"}, {"id": "B", "duration": "1d"}],
        "resources": [{"id": "ana", "standard_rate": 50, "cost_per_use": 20},
                      {"id": "bob", "max_units": 200, "standard_rate": 30, "cost_per_use": 10},
                      {"id": "cid"}],
        "assignments": [{"task": "A", "resource": "ana"},
                        {"task": "B", "resource": "bob", "units": 200},
                        {"task": "B", "resource": "cid"}]}"#);
    let l = run(&[&d], Period::Day);
    let [ana, bob, cid] = &l.resources[..] else {
        panic!("three resources")
    };
    assert_eq!(costs(ana), [Some(420.0), Some(400.0), Some(400.0)]);
    assert_eq!(ana.cost, Money::from_value(1220.0));
    assert_eq!(ana.cost, d.0.resources()[0].cost_of(100, 24 * 60));
    assert_eq!(costs(bob), [Some(500.0), Some(0.0), Some(0.0)]);
    assert_eq!(bob.cost, Money::from_value(500.0));
    assert_eq!(costs(cid), [None, None, None]);
    assert_eq!(cid.cost, None);
    // Without a rate the JSON has no cost; with one it is a number.
    let v = serde_json::to_value(&l).unwrap();
    assert_eq!(v["resources"][0]["periods"][0]["cost"], 420);
    assert_eq!(v["resources"][0]["cost"], 1220);
    assert!(v["resources"][2]["periods"][0].get("cost").is_none());
    assert!(v["resources"][2].get("cost").is_none());

    // From Tuesday on, the use is behind the range: 400 + 400 = 800.
    let v: Vec<(&Project, &Schedule)> = vec![(&d.0, &d.1)];
    let from = DateTime::from_parts(2026, 1, 6, 0, 0).unwrap();
    let to = DateTime::from_parts(2026, 1, 8, 0, 0).unwrap();
    let part = load(&v, &LoadOptions::new(Period::Day).between(from, to)).unwrap();
    assert_eq!(costs(&part.resources[0]), [Some(400.0), Some(400.0)]);
    assert_eq!(part.resources[0].cost, Money::from_value(800.0));
}

#[test]
fn cents_are_rounded_so_the_periods_add_up() {
    // 10.01 an hour over 2 days (960 minutes) by hour: the hours cost 10.01 each, but the
    // cumulative cost is rounded once per period boundary, so 16 hours give exactly
    // 16 × 10.01 = 160.16; by day 80.08 and 80.08. At 33.33 an hour, 1 day at 50 % (240
    // minutes of work over 480, 0.5 minutes a minute): the morning's 2 h cost 66.66 and the
    // day 133.32 = cost_of(50, 240).
    let d = doc(r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"}],
        "resources": [{"id": "ana", "standard_rate": 10.01}, {"id": "eve", "standard_rate": 33.33}],
        "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "eve", "units": 50}]}"#);
    let l = run(&[&d], Period::Hour);
    let ana = &l.resources[0];
    let paid: Vec<f64> = costs(ana)
        .into_iter()
        .flatten()
        .filter(|&c| c != 0.0)
        .collect();
    assert_eq!(paid, [10.01; 16]);
    assert_eq!(ana.cost, Money::from_value(160.16));
    let l = run(&[&d], Period::Day);
    assert_eq!(costs(&l.resources[0]), [Some(80.08), Some(80.08)]);
    assert_eq!(costs(&l.resources[1]), [Some(133.32), Some(0.0)]);
    assert_eq!(l.resources[1].cost, d.0.resources()[1].cost_of(50, 240));
}

#[test]
fn material_and_cost_resource_costs() {
    // 4 units of cement (units 400) at 12.50 a unit and 30 a use over F (Mon 5 – Tue 6):
    // 2 units a day, 25 a day, the use on Monday: 55, 25; total 80 = 4 × 12.5 + 30.
    // A permit (cost resource) of 1000 over G (Mon 5 – Wed 7) is prorated over G's working
    // time like work: the cumulative cost rounded at each day's end, 333.33, 666.67 and 1000,
    // gives 333.33, 333.34, 333.33. A fee of 150 on the milestone M (Wed 7, 17:00) falls on
    // its day: the cost resource's Wednesday is 333.33 + 150 = 483.33, its total 1150.
    let d = doc(r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "F", "duration": "2d"}, {"id": "G", "duration": "3d"},
                  {"id": "M", "milestone": true}],
        "links": [{"from": "G", "to": "M"}],
        "resources": [{"id": "cement", "kind": "material", "standard_rate": 12.5, "cost_per_use": 30},
                      {"id": "permits", "kind": "cost"}],
        "assignments": [{"task": "F", "resource": "cement", "units": 400},
                        {"task": "G", "resource": "permits", "cost": 1000},
                        {"task": "M", "resource": "permits", "cost": 150}]}"#);
    let l = run(&[&d], Period::Day);
    let [cement, permits] = &l.resources[..] else {
        panic!("two resources")
    };
    assert_eq!(costs(cement), [Some(55.0), Some(25.0), Some(0.0)]);
    assert_eq!(cement.cost, Money::from_value(80.0));
    assert_eq!(cement.cost, d.0.resources()[0].cost_of(400, 0));
    assert_eq!(costs(permits), [Some(333.33), Some(333.34), Some(483.33)]);
    assert_eq!(permits.cost, Money::from_value(1150.0));
    assert_eq!(
        (permits.kind, permits.work_minutes, permits.quantity),
        ("cost", 0, 0.0)
    );
    assert!(permits
        .periods
        .iter()
        .all(|p| p.work_minutes == 0 && p.capacity_minutes == 0));

    // A cost belongs to a cost resource's assignment only.
    let e = json::read(
        r#"{"name": "P", "start": "2026-01-05", "tasks": [{"id": "A", "duration": "1d"}],
        "resources": [{"id": "ana"}], "assignments": [{"task": "A", "resource": "ana", "cost": 5}]}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("ana") && e.contains("cost"), "{e}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Over the whole range each resource's periods cost exactly what `cost_of` gives for its
    /// assignments (the cumulative cost is rounded once per period boundary, so the cents add
    /// up), whatever the period, units, work and rates.
    #[test]
    fn period_costs_add_up_to_cost_of(
        tasks in proptest::collection::vec((1i64..3000, 1u32..300, proptest::option::of(1i64..5000), 0i64..3000), 1..10),
        rates in proptest::collection::vec((1i64..100_000, 0i64..5000), 2),
        by in 0usize..4,
    ) {
        let mut ts = String::new();
        let mut asg = String::new();
        for (k, (dur, units, work, lag)) in tasks.iter().enumerate() {
            ts += &format!(r#"{{"id": "T{k}", "duration": "{dur}m", "constraint": {{"type": "SNET", "date": "{}"}}}},"#,
                DateTime::from_parts(2026, 1, 5, 8, 0).unwrap().add_minutes(*lag * 7));
            let w = work.map(|w| format!(r#", "work": "{w}m""#)).unwrap_or_default();
            asg += &format!(r#"{{"task": "T{k}", "resource": "r{}", "units": {units}{w}}},"#, k % 2);
        }
        ts.pop();
        asg.pop();
        let m = |c: i64| Money::from_cents(c).value();
        let text = format!(r#"{{"name": "P", "start": "2026-01-05", "tasks": [{ts}],
            "resources": [{{"id": "r0", "standard_rate": {}, "cost_per_use": {}}},
                          {{"id": "r1", "standard_rate": {}, "cost_per_use": {}}}],
            "assignments": [{asg}]}}"#, m(rates[0].0), m(rates[0].1), m(rates[1].0), m(rates[1].1));
        let d = doc(&text);
        let period = [Period::Hour, Period::Day, Period::Week, Period::Month][by];
        let l = run(&[&d], period);
        for (k, r) in l.resources.iter().enumerate() {
            let def = &d.0.resources()[k];
            // Each assignment's work as loading spreads it: its own, else units × duration.
            let want: i64 = d.0.assignments().iter().zip(&tasks)
                .filter(|(a, _)| a.resource.index() == k)
                .map(|(a, (dur, units, work, _))| {
                    let w = work.unwrap_or((*dur * *units as i64 * 2 + 100) / 200);
                    def.cost_of(a.units, w).map_or(0, Money::cents)
                })
                .sum();
            let sum: i64 = r.periods.iter().map(|p| p.cost.map_or(0, Money::cents)).sum();
            proptest::prop_assert_eq!(sum, want);
            proptest::prop_assert_eq!(r.cost.map(Money::cents), Some(want));
        }
    }
}

#[test]
fn a_rate_change_costs_each_minute_at_the_rate_in_force() {
    // Ana costs 50 an hour and 20 a use until Wednesday 7 January 12:00, then 80 and 30.
    // A (Mon 5 – Fri 9, 100 %): Monday 8 h × 50 + the use at A's start, 20 = 420; Tuesday
    // 400; Wednesday 4 h × 50 + 4 h × 80 = 520; Thursday and Friday 640. B (Thursday 8, 1 day
    // at 50 %) starts after the change: 4 h × 80 + half a use of 30 = 335, so Thursday is
    // 975. Total 420 + 400 + 520 + 975 + 640 = 2955.
    let d = doc(r#"{"name": "P", "start": "2026-01-05",
        "tasks": [{"id": "A", "duration": "5d"},
                  {"id": "B", "duration": "1d", "constraint": {"type": "SNET", "date": "2026-01-08"}}],
        "resources": [{"id": "ana", "standard_rate": 50, "cost_per_use": 20,
            "rates": [{"from": "2026-01-07T12:00", "standard_rate": 80, "cost_per_use": 30}]}],
        "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana", "units": 50}]}"#);
    let l = run(&[&d], Period::Day);
    let ana = &l.resources[0];
    assert_eq!(
        costs(ana),
        [
            Some(420.0),
            Some(400.0),
            Some(520.0),
            Some(975.0),
            Some(640.0)
        ]
    );
    assert_eq!(ana.cost, Money::from_value(2955.0));
    // By week the same total: the cumulative rounding does not depend on the periods.
    assert_eq!(run(&[&d], Period::Week).resources[0].cost, ana.cost);
    // Rates out of order are refused, naming the resource and the field.
    let e = json::read(
        r#"{"name": "P", "start": "2026-01-05", "tasks": [],
        "resources": [{"id": "ana", "rates": [{"from": "2026-02-01", "standard_rate": 1},
                                              {"from": "2026-01-01", "standard_rate": 2}]}]}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("ana") && e.contains("rates"), "{e}");
}
