//! Tracking on hand-built cases, with the arithmetic in the comments. The standard calendar:
//! Monday to Friday, 08:00–12:00 and 13:00–17:00, 480 working minutes a day.

use super::*;
use crate::io::json;

fn doc(text: &str) -> json::Document {
    json::read(text).unwrap_or_else(|e| panic!("{e}"))
}

fn at(s: &str) -> TrackOptions {
    TrackOptions::at(s.parse().unwrap())
}

fn close(a: Option<f64>, b: f64) {
    let a = a.unwrap_or_else(|| panic!("expected {b}, got null"));
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

/// Two tasks in a row, A (5 days, 5,000) then B (5 days, 10,000); on Wednesday evening A is
/// 40 % done and has cost 2,500.
const TWO: &str = r#"{"name": "Two", "start": "2026-01-05",
  "tasks": [{"id": "A", "name": "Design", "duration": "5d", "cost": 5000,
             "percent_complete": 40, "actual_start": "2026-01-05", "actual_cost": 2500},
            {"id": "B", "name": "Build", "duration": "5d", "cost": 10000}],
  "links": [{"from": "A", "to": "B"}]}"#;

#[test]
fn earned_value_by_hand() {
    let d = doc(TWO);
    let e = evm(&d.project, &d.options, &at("2026-01-07T17:00")).unwrap();
    let m = &e.project;
    assert_eq!(e.basis, Basis::Cost);
    assert_eq!(e.baseline, None); // no baseline: the schedule without progress is the plan
                                  // BAC = 5,000 + 10,000.
    assert_eq!(m.bac, 15_000.0);
    // A is planned Mon 5 – Fri 9 Jan; by Wed 17:00 three of its five days: PV = 3/5 × 5,000.
    assert_eq!(m.pv, 3_000.0);
    // EV = 40 % × 5,000; AC = 2,500 (B has no cost yet: 0 % of 10,000).
    assert_eq!(m.ev, 2_000.0);
    assert_eq!(m.ac, Some(2_500.0));
    assert_eq!(m.sv, -1_000.0); // EV − PV
    assert_eq!(m.cv, Some(-500.0)); // EV − AC
    close(m.spi, 2.0 / 3.0); // 2,000 / 3,000
    close(m.cpi, 0.8); // 2,000 / 2,500
    close(m.eac, 18_750.0); // BAC / CPI = 15,000 / 0.8
    close(m.etc, 16_250.0); // EAC − AC
    close(m.vac, -3_750.0); // BAC − EAC
    close(m.tcpi, 1.04); // (15,000 − 2,000) / (15,000 − 2,500)
    close(m.tcpi_eac, 0.8); // 13,000 / (18,750 − 2,500)
                            // Earned schedule: the plan earns 1,000 a day for five days, so 2,000 was planned by Tue
                            // 17:00: ES = 2 days. AT = Mon 08:00 to Wed 17:00 = 3 days. PD = 10 days.
    close(m.es_working_days, 2.0);
    assert_eq!(m.at_working_days, 3.0);
    assert_eq!(m.pd_working_days, 10.0);
    close(m.sv_t_working_days, -1.0); // ES − AT
    close(m.spi_t, 2.0 / 3.0); // ES / AT
    close(m.tspi, 8.0 / 7.0); // (PD − ES) / (PD − AT)
    close(m.ieac_t_working_days, 15.0); // PD / SPI(t) = 10 / (2/3)
                                        // Mon 5 Jan plus 15 working days: Fri 23 Jan 17:00; the plan finishes Fri 16 Jan.
    assert_eq!(
        m.forecast_finish.unwrap().0.to_string(),
        "2026-01-23T17:00:00"
    );
    assert_eq!(m.planned_finish.0.to_string(), "2026-01-16T17:00:00");
    close(m.finish_variance_working_days, 5.0);
    close(m.percent_complete, 2_000.0 / 15_000.0 * 100.0);
    close(m.planned_percent_complete, 20.0);

    // Per task. A: PD 5 days, AT 3, ES 40 % × 5 = 2; SPI(t) 2/3; IEAC(t) 7.5 days from Mon
    // 5 Jan: five days to Fri 9 Jan, two to Tue 13 Jan, half a day: Wed 14 Jan 12:00.
    let a = &e.tasks[0].metrics;
    assert_eq!((a.pv, a.ev, a.ac), (3_000.0, 2_000.0, Some(2_500.0)));
    close(a.es_working_days, 2.0);
    close(a.spi_t, 2.0 / 3.0);
    assert_eq!(
        a.forecast_finish.unwrap().0.to_string(),
        "2026-01-14T12:00:00"
    );
    // B is planned from Mon 12 Jan: nothing planned or earned yet, AT = 0, SPI(t) undefined.
    let b = &e.tasks[1].metrics;
    assert_eq!((b.pv, b.ev, b.ac), (0.0, 0.0, Some(0.0)));
    assert_eq!(b.spi, None);
    assert_eq!(b.spi_t, None);
    assert_eq!(b.at_working_days, 0.0);
}

#[test]
fn eac_and_ieac_methods() {
    let d = doc(TWO);
    let t = at("2026-01-07T17:00");
    let e = evm(
        &d.project,
        &d.options,
        &t.clone().eac(EacMethod::PlannedRate),
    )
    .unwrap();
    close(e.project.eac, 15_500.0); // AC + (BAC − EV) = 2,500 + 13,000
    let e = evm(&d.project, &d.options, &t.clone().eac(EacMethod::CpiSpi)).unwrap();
    // AC + (BAC − EV) / (CPI × SPI) = 2,500 + 13,000 / (0.8 × 2/3) = 2,500 + 24,375.
    close(e.project.eac, 26_875.0);
    let e = evm(
        &d.project,
        &d.options,
        &t.clone().ieac(IeacMethod::PlannedRate),
    )
    .unwrap();
    close(e.project.ieac_t_working_days, 11.0); // AT + (PD − ES) = 3 + 8
    let e = evm(&d.project, &d.options, &t.ieac(IeacMethod::CpiSpiT)).unwrap();
    close(e.project.ieac_t_working_days, 18.0); // 3 + 8 / (0.8 × 2/3) = 3 + 15
}

/// Lipke's construction (Lipke 2003, "Schedule is Different", The Measurable News; PMI,
/// Practice Standard for EVM, 2nd ed., app. D): ES = C + I, where C counts the whole periods
/// whose cumulative PV the EV reaches and I = (EV − PV_C) / (PV_C+1 − PV_C). A plan of one
/// task a week (weeks as periods) makes the cumulative PV 100, 300, 600, 1,000 at the ends of
/// weeks 1–4.
#[test]
fn earned_schedule_is_lipkes_c_plus_i() {
    let d = doc(r#"{"name": "Weeks", "start": "2026-01-05",
      "tasks": [{"id": "W1", "duration": "1w", "cost": 100, "percent_complete": 100,
                 "actual_start": "2026-01-05", "actual_finish": "2026-01-09", "actual_cost": 120},
                {"id": "W2", "duration": "1w", "cost": 200, "percent_complete": 100,
                 "actual_start": "2026-01-12", "actual_finish": "2026-01-20", "actual_cost": 260},
                {"id": "W3", "duration": "1w", "cost": 300, "percent_complete": 50,
                 "actual_start": "2026-01-21", "actual_cost": 200},
                {"id": "W4", "duration": "1w", "cost": 400}],
      "links": [{"from": "W1", "to": "W2"}, {"from": "W2", "to": "W3"}, {"from": "W3", "to": "W4"}]}"#);
    // Status at the end of week 3 (Fri 23 Jan): AT = 3 weeks = 15 days.
    let e = evm(&d.project, &d.options, &at("2026-01-23T17:00")).unwrap();
    let m = &e.project;
    // EV = 100 + 200 + 150 = 450; PV(week 3) = 600; AC = 120 + 260 + 200 = 580.
    assert_eq!((m.ev, m.pv, m.ac), (450.0, 600.0, Some(580.0)));
    // C = 2 (EV ≥ PV of week 2 = 300, < 600), I = (450 − 300) / (600 − 300) = 0.5:
    // ES = 2.5 weeks = 12.5 days; SPI(t) = 2.5 / 3; IEAC(t) = PD / SPI(t) = 4 / (5/6) weeks.
    close(m.es_working_days, 12.5);
    close(m.spi_t, 12.5 / 15.0);
    close(m.ieac_t_working_days, 20.0 / (12.5 / 15.0));
    close(m.spi, 0.75);
    close(m.cpi, 450.0 / 580.0);
}

#[test]
fn planned_value_comes_from_the_first_baseline() {
    // The baseline (number 1; 0 is absent) planned A over Mon–Tue, 1,000 in all; the current
    // plan stretched it to four days. PV at Mon 17:00 is half the budget, from the baseline.
    let d = doc(r#"{"name": "B", "start": "2026-01-05",
      "tasks": [{"id": "A", "duration": "4d", "cost": 1200,
                 "baselines": [{"number": 2, "start": "2026-01-05", "finish": "2026-01-09", "cost": 5},
                               {"number": 1, "start": "2026-01-05T08:00", "finish": "2026-01-06T17:00",
                                "duration": "2d", "cost": 1000}]},
                {"id": "N", "duration": "1d", "cost": 300}]}"#);
    let e = evm(&d.project, &d.options, &at("2026-01-05T17:00")).unwrap();
    assert_eq!(e.baseline, Some(1));
    // BAC = A's baseline cost only: N was added after the baseline and is not in the plan.
    assert_eq!(e.project.bac, 1_000.0);
    assert_eq!(e.project.pv, 500.0);
    assert!(!e.tasks[1].in_plan);
    // Baseline 2 on request.
    let e = evm(&d.project, &d.options, &at("2026-01-05T17:00").baseline(2)).unwrap();
    assert_eq!(e.project.bac, 5.0);
    assert_eq!(e.project.pv, 1.0); // one of five days
                                   // A baseline no task has is an error naming the field.
    let err = evm(&d.project, &d.options, &at("2026-01-05T17:00").baseline(7)).unwrap_err();
    assert_eq!(err.field(), Some("baseline"));
}

#[test]
fn without_costs_the_basis_is_duration() {
    // Hours are the budget: A 2 days = 16 h, B 1 day = 8 h.
    let d = doc(
        r#"{"name": "H", "start": "2026-01-05", "status_date": "2026-01-05T17:00",
      "tasks": [{"id": "A", "duration": "2d", "percent_complete": 25, "actual_start": "2026-01-05"},
                {"id": "B", "duration": "1d"}], "links": [{"from": "A", "to": "B"}]}"#,
    );
    let e = evm(&d.project, &d.options, &TrackOptions::default()).unwrap();
    assert_eq!(e.basis, Basis::Duration);
    assert_eq!(
        (e.project.bac, e.project.pv, e.project.ev),
        (24.0, 8.0, 4.0)
    );
    assert_eq!((e.project.ac, e.project.cpi), (None, None));
    close(e.project.spi, 0.5);
    // ES: 4 h earned was planned by Mon 12:00: 0.5 day; AT 1 day.
    close(e.project.es_working_days, 0.5);
    close(e.project.spi_t, 0.5);
}

#[test]
fn actual_cost_defaults_to_the_earned_share_of_the_current_cost() {
    // No actual cost recorded: Microsoft Project's calculated actual cost, cost × % complete.
    let d = doc(r#"{"name": "C", "start": "2026-01-05",
      "tasks": [{"id": "A", "duration": "2d", "cost": 800, "percent_complete": 50,
                 "actual_start": "2026-01-05"}]}"#);
    let e = evm(&d.project, &d.options, &at("2026-01-05T17:00")).unwrap();
    assert_eq!(e.project.ac, Some(400.0));
    close(e.project.cpi, 1.0);
}

#[test]
fn summaries_roll_up_and_the_project_completes() {
    let d = doc(r#"{"name": "S", "start": "2026-01-05",
      "tasks": [{"id": "P", "name": "Phase"},
                {"id": "A", "parent": "P", "duration": "1d", "cost": 100, "percent_complete": 100,
                 "actual_start": "2026-01-05", "actual_finish": "2026-01-06T17:00", "actual_cost": 150},
                {"id": "B", "parent": "P", "duration": "1d", "cost": 300, "percent_complete": 100,
                 "actual_start": "2026-01-07", "actual_finish": "2026-01-07T17:00", "actual_cost": 300}],
      "links": [{"from": "A", "to": "B"}]}"#);
    let e = evm(&d.project, &d.options, &at("2026-01-09T17:00")).unwrap();
    let p = &e.tasks[0];
    assert!(p.summary);
    assert_eq!(
        (p.metrics.bac, p.metrics.ev, p.metrics.ac),
        (400.0, 400.0, Some(450.0))
    );
    // Complete: ES = PD = 2 days; AT runs to the last actual finish, Wed 17:00 = 3 days;
    // the forecast finish is the actual finish.
    close(p.metrics.es_working_days, 2.0);
    assert_eq!(p.metrics.at_working_days, 3.0);
    close(p.metrics.spi_t, 2.0 / 3.0);
    assert_eq!(
        p.metrics.forecast_finish.unwrap().0.to_string(),
        "2026-01-07T17:00:00"
    );
    assert_eq!(e.project, p.metrics);
}

#[test]
fn costs_read_and_write_back() {
    let text = r#"{"name": "M", "start": "2026-01-05",
      "tasks": [{"id": "A", "duration": "1d", "cost": 1234.5, "actual_cost": 99, "visibility": "internal",
                 "baselines": [{"number": 0, "start": "2026-01-05", "work": "8h", "cost": 1000.25}]}],
      "resources": [{"id": "R", "name": "Ann", "visibility": "internal"}]}"#;
    let d = doc(text);
    let t = &d.project.tasks()[0];
    assert_eq!(t.cost.unwrap().cents(), 123_450);
    assert_eq!(t.visibility, crate::Visibility::Internal);
    assert_eq!(t.baselines[0].cost.unwrap().cents(), 100_025);
    let back = json::write(&d);
    assert!(back.contains("\"cost\": 1234.5"), "{back}");
    assert_eq!(json::read(&back).unwrap(), d);
    for bad in [
        r#""cost": -1"#,
        r#""cost": 1.234"#,
        r#""visibility": "secret""#,
    ] {
        let t =
            format!(r#"{{"name": "M", "start": "2026-01-05", "tasks": [{{"id": "A", {bad}}}]}}"#);
        let e = json::read(&t).unwrap_err();
        assert_eq!(e.task_id().unwrap().as_str(), "A", "{e}");
    }
}

fn codes(a: &[Alert]) -> Vec<&'static str> {
    a.iter().map(|a| a.code).collect()
}

#[test]
fn alert_deadline_near_and_missed() {
    // D is due Wed 7 Jan 17:00; on Mon 5 Jan 17:00 two working days are left (≤ 3): near.
    let d = doc(r#"{"name": "D", "start": "2026-01-05",
      "tasks": [{"id": "D", "name": "Sign-off", "duration": "2d", "deadline": "2026-01-07T17:00",
                 "percent_complete": 50, "actual_start": "2026-01-05"},
                {"id": "L", "name": "Late", "duration": "3d", "deadline": "2026-01-06T17:00"}]}"#);
    let a = alerts(&d.project, &d.options, &at("2026-01-05T17:00")).unwrap();
    let near = a.iter().find(|a| a.code == "deadline_near").unwrap();
    assert_eq!(near.items[0].id, "D");
    assert_eq!(near.value, Some(2.0));
    assert_eq!(near.severity, Severity::Warning);
    assert_eq!(
        near.message,
        "“Sign-off” is due on 7 Jan 2026 (2 working days left) and is 50% complete."
    );
    // L takes three days from Mon and finishes Wed, after its Tue deadline: missed, critical.
    let missed = a.iter().find(|a| a.code == "deadline_missed").unwrap();
    assert_eq!(missed.items[0].id, "L");
    assert_eq!(missed.severity, Severity::Critical);
    // Four working days out (threshold 3): not near.
    let a = alerts(&d.project, &d.options, &at("2026-01-01T17:00")).unwrap();
    assert!(!a
        .iter()
        .any(|a| a.code == "deadline_near" && a.items[0].id == "D"));
}

#[test]
fn alert_task_late() {
    // T (5 days from Mon) is 10 % done on Thu 17:00: 4 days = 32 h were planned, 0.5 day =
    // 4 h earned: 28 h behind, under the 48 h threshold. On Fri 17:00: 5 days − 0.5 = 36 h;
    // on the next Tue 17:00 the plan is complete: 40 − 4 = 36 h still. With 20 h it alerts.
    let d = doc(r#"{"name": "L", "start": "2026-01-05",
      "tasks": [{"id": "T", "name": "Migration", "duration": "5d", "percent_complete": 10,
                 "actual_start": "2026-01-05"},
                {"id": "U", "name": "Training", "duration": "2d"}],
      "links": [{"from": "T", "to": "U"}]}"#);
    let mut o = at("2026-01-08T17:00");
    let a = alerts(&d.project, &d.options, &o).unwrap();
    assert!(!codes(&a).contains(&"task_late"));
    o.alerts.late_hours = 20.0;
    let a = alerts(&d.project, &d.options, &o).unwrap();
    let late = a.iter().find(|a| a.code == "task_late").unwrap();
    assert_eq!(late.value, Some(28.0));
    assert_eq!(late.severity, Severity::Critical); // T is critical
    assert_eq!(
        late.message,
        "“Migration” is 3.5 working days behind plan: 10% complete where 80% was planned by now."
    );
    // U (2 days) was planned Mon 12 – Tue 13 Jan; on Wed 14 Jan 17:00 it has not started: the
    // whole of it, 16 h, is behind plan (over a 12 h threshold).
    o.alerts.late_hours = 12.0;
    let a = alerts(
        &d.project,
        &d.options,
        &TrackOptions {
            alerts: o.alerts.clone(),
            ..at("2026-01-14T17:00")
        },
    )
    .unwrap();
    let u = a
        .iter()
        .find(|a| a.code == "task_late" && a.items[0].id == "U")
        .unwrap();
    assert_eq!(u.value, Some(16.0));
    assert!(u.message.contains("has not started"), "{}", u.message);
}

#[test]
fn alert_milestone_slip_and_critical_path_change() {
    // The baseline had A (2 days) then M on Tue 6 Jan 17:00, and B (1 day) beside it.
    // A now takes 3 days: M slips one day; B stays off the critical path; but A and M stay on
    // it. Then B grows to 4 days: the critical path runs through B instead of A.
    let text = |a: &str, b: &str| {
        format!(
            r#"{{"name": "M", "start": "2026-01-05",
          "tasks": [{{"id": "A", "name": "Build", "duration": "{a}",
                     "baselines": [{{"number": 0, "start": "2026-01-05", "finish": "2026-01-06T17:00", "duration": "2d"}}]}},
                    {{"id": "B", "name": "Docs", "duration": "{b}",
                     "baselines": [{{"number": 0, "start": "2026-01-05", "finish": "2026-01-05T17:00", "duration": "1d"}}]}},
                    {{"id": "M", "name": "Go-live", "milestone": true, "deadline": "2026-01-07T12:00",
                     "baselines": [{{"number": 0, "start": "2026-01-06T17:00", "finish": "2026-01-06T17:00"}}]}}],
          "links": [{{"from": "A", "to": "M"}}, {{"from": "B", "to": "M"}}]}}"#
        )
    };
    let d = doc(&text("3d", "1d"));
    let a = alerts(&d.project, &d.options, &at("2026-01-05T17:00")).unwrap();
    let m = a.iter().find(|a| a.code == "milestone_slip").unwrap();
    assert_eq!(m.value, Some(1.0));
    // Forecast Wed 17:00 is after the Wed 12:00 deadline too: critical.
    assert_eq!(m.severity, Severity::Critical);
    assert_eq!(
        m.message,
        "Milestone “Go-live” is forecast for 7 Jan 2026, 1 working day after its baseline of 6 Jan 2026, and after its deadline of 7 Jan 2026."
    );
    assert!(!codes(&a).contains(&"critical_path_changed"));
    let d = doc(&text("2d", "4d"));
    let a = alerts(&d.project, &d.options, &at("2026-01-05T17:00")).unwrap();
    let c = a
        .iter()
        .find(|a| a.code == "critical_path_changed")
        .unwrap();
    assert_eq!(
        c.message,
        "The critical path has changed since the baseline: now through “Docs”; no longer through “Build”."
    );
    let zh = Status::new(&d.project, &d.options, &at("2026-01-05T17:00"))
        .unwrap()
        .alerts(Lang::ZhCn);
    let c = zh
        .iter()
        .find(|a| a.code == "critical_path_changed")
        .unwrap();
    assert_eq!(
        c.message,
        "关键路径较基线发生变化：新增“Docs”；移出“Build”。"
    );
}

#[test]
fn alert_float_consumed() {
    // Plan: A 4 days ∥ B 2 days, both into M. B has 2 days of float. A's progress-free plan is
    // the reference; now B's actual start is Wed 7 Jan, so it runs Wed–Thu and its float is 0:
    // 100 % consumed (≥ 50 %).
    let d = doc(r#"{"name": "F", "start": "2026-01-05",
      "tasks": [{"id": "A", "duration": "4d"},
                {"id": "B", "name": "Review", "duration": "2d", "actual_start": "2026-01-07", "percent_complete": 10},
                {"id": "M", "milestone": true}],
      "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}]}"#);
    let a = alerts(&d.project, &d.options, &at("2026-01-07T17:00")).unwrap();
    let f = a.iter().find(|a| a.code == "float_consumed").unwrap();
    assert_eq!(f.items[0].id, "B");
    assert_eq!(f.value, Some(100.0));
    assert_eq!(
        f.message,
        "“Review” has used 100% of its float (0 hours left)."
    );
}

#[test]
fn alert_resource_overallocated() {
    // Ann works full time on A and B, both scheduled Mon–Tue: 200 % of her 100 % on two of
    // the next ten working days.
    let d = doc(r#"{"name": "R", "start": "2026-01-05",
      "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "2d"}, {"id": "C", "duration": "1d"}],
      "resources": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
      "assignments": [{"task": "A", "resource": "ann"}, {"task": "B", "resource": "ann"},
                      {"task": "C", "resource": "bob"}]}"#);
    let a = alerts(&d.project, &d.options, &at("2026-01-02T17:00")).unwrap();
    let r: Vec<&Alert> = a
        .iter()
        .filter(|a| a.code == "resource_overallocated")
        .collect();
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].items[0].id, "ann");
    assert_eq!(r[0].value, Some(200.0));
    assert_eq!(
        r[0].message,
        "“Ann” is booked beyond capacity on 2 of the next 10 working days, at up to 200% of capacity."
    );
}

#[test]
fn alerts_spi_cpi_and_disabled_rules() {
    let d = doc(TWO);
    let mut o = at("2026-01-07T17:00");
    let a = alerts(&d.project, &d.options, &o).unwrap();
    // SPI(t) 0.67 < 0.9 and CPI 0.8 < 0.9.
    assert!(codes(&a).contains(&"spi_low") && codes(&a).contains(&"cpi_low"));
    o.alerts.disabled = vec!["spi_low".into(), "cpi_low".into()];
    let a = alerts(&d.project, &d.options, &o).unwrap();
    assert!(!codes(&a).contains(&"spi_low") && !codes(&a).contains(&"cpi_low"));
    // Alerts are ordered most serious first.
    let a = alerts(&d.project, &d.options, &at("2026-01-07T17:00")).unwrap();
    assert!(a.windows(2).all(|w| w[0].severity >= w[1].severity));
}

/// Three tasks in a chain, 5 + 5 + 5 days, and F (2 days) feeding the last one.
const CHAIN: &str = r#"{"name": "Chain", "start": "2026-01-05",
  "tasks": [{"id": "A", "duration": "5d", "percent_complete": 100, "actual_start": "2026-01-05",
             "actual_finish": "2026-01-13T17:00"},
            {"id": "B", "duration": "5d"}, {"id": "C", "duration": "5d"},
            {"id": "F", "name": "Fixtures", "duration": "2d"}],
  "links": [{"from": "A", "to": "B"}, {"from": "B", "to": "C"}, {"from": "F", "to": "C"}]}"#;

#[test]
fn buffers_and_fever_chart() {
    let d = doc(CHAIN);
    let b = buffers(&d.project, &d.options, &at("2026-01-13T17:00")).unwrap();
    let p = &b.buffers[0];
    assert_eq!(p.chain, ["A", "B", "C"]);
    // 15 % of the 15-day chain = 2.25 days = 1,080 minutes.
    assert_eq!(p.size_minutes, 1_080);
    // A finished two days late (Tue 13 Jan instead of Fri 9 Jan): B and C follow, and the
    // chain is projected to finish Tue 27 Jan instead of Fri 23 Jan: 2 days = 960 minutes.
    assert_eq!(p.projected_finish.0.to_string(), "2026-01-27T17:00:00");
    assert_eq!(p.consumed_minutes, 960);
    assert_eq!(p.remaining_minutes, 120);
    // 960 / 1,080 = 88.9 % consumed with a third of the chain complete: red (the yellow/red
    // line is at 30 + 60 × 1/3 = 50 %).
    close(Some(p.consumed_percent), 960.0 / 1080.0 * 100.0);
    close(Some(p.chain_complete_percent), 100.0 / 3.0);
    assert_eq!(p.zone, Zone::Red);
    // F feeds C: a feeding buffer of 15 % of its 2 days.
    let f = &b.buffers[1];
    assert_eq!(
        (f.id.as_str(), f.merges_into.as_deref()),
        ("feeding:F", Some("C"))
    );
    assert_eq!(f.size_minutes, 144);
    // Cut and paste: half the chain; root sum square: √(3 × (2.5 days)²) = 4.33 days.
    let mut o = at("2026-01-13T17:00");
    o.buffers.project = BufferMethod::CutAndPaste;
    assert_eq!(
        buffers(&d.project, &d.options, &o).unwrap().buffers[0].size_minutes,
        3_600
    );
    o.buffers.project = BufferMethod::RootSumSquare;
    let rss = (3.0f64 * 1200.0 * 1200.0).sqrt().round() as i64;
    assert_eq!(
        buffers(&d.project, &d.options, &o).unwrap().buffers[0].size_minutes,
        rss
    );
    // Zones: green below the green/yellow line, thirds as an option.
    let z = FeverZones::default();
    assert_eq!(z.zone(50.0, 40.0), Zone::Green); // line at 15 + 30 = 45
    assert_eq!(z.zone(50.0, 50.0), Zone::Yellow);
    assert_eq!(z.zone(50.0, 60.0), Zone::Red); // line at 30 + 30 = 60
    assert_eq!(FeverZones::thirds().zone(90.0, 40.0), Zone::Yellow);
    let a = alerts(&d.project, &d.options, &at("2026-01-13T17:00")).unwrap();
    let bp = a.iter().find(|a| a.code == "buffer_penetration").unwrap();
    assert_eq!(bp.severity, Severity::Critical);
}

#[test]
fn whatif_reports_moves_milestones_and_the_buffer() {
    let d = doc(r#"{"name": "W", "start": "2026-01-05",
      "tasks": [{"id": "A", "duration": "5d"}, {"id": "B", "duration": "5d"}, {"id": "C", "duration": "2d"},
                {"id": "M", "name": "Go-live", "milestone": true, "deadline": "2026-01-16T17:00"}],
      "links": [{"from": "A", "to": "B"}, {"from": "B", "to": "M"}, {"from": "C", "to": "M"}]}"#);
    let c = ChangeSet::from_json(
        r#"{"changes": [
        {"op": "set_duration", "task": "B", "duration": "7d"},
        {"op": "add_link", "from": "A", "to": "C", "type": "FS"}]}"#,
    )
    .unwrap();
    let w = whatif(&d.project, &d.options, &c, &TrackOptions::default()).unwrap();
    // B two days longer: B, M move by 2 days; C now after A moves by 5 days.
    assert_eq!(w.comparison.finish_delta_minutes, 960);
    assert_eq!(w.finish_delta, "2d");
    let moved: Vec<&str> = w.comparison.moved.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(moved, ["B", "C", "M"]);
    assert_eq!(w.comparison.moved[1].start_delta_minutes, 5 * 480);
    assert!(!w.comparison.critical_path_changed);
    assert_eq!(w.milestones.len(), 1);
    assert!(w.milestones[0].beyond_deadline); // Tue 20 Jan > Fri 16 Jan
                                              // Buffer: 15 % of 10 days = 720 minutes; the change takes 960: beyond the buffer.
    assert_eq!(w.buffer.size_minutes, 720);
    assert_eq!(w.buffer.consumed_by_change_minutes, 960);
    assert!(w.exceeds_buffer);
    // Shortening C to nothing is inside the buffer; a cycle is refused like an edit.
    let c = ChangeSet::from_json(r#"{"changes": [{"op": "add_link", "from": "M", "to": "A"}]}"#)
        .unwrap();
    let e = whatif(&d.project, &d.options, &c, &TrackOptions::default()).unwrap_err();
    assert_eq!(e.code().as_str(), "cycle");
    // Resource and cost changes.
    let c = ChangeSet::from_json(
        r#"{"changes": [{"op": "set_cost", "task": "A", "cost": 10},
        {"op": "assign", "task": "A", "resource": "nobody"}]}"#,
    )
    .unwrap();
    let e = whatif(&d.project, &d.options, &c, &TrackOptions::default()).unwrap_err();
    assert_eq!(e.code().as_str(), "unknown_resource");
    let e =
        ChangeSet::from_json(r#"{"changes": [{"op": "set_durration", "task": "A"}]}"#).unwrap_err();
    assert!(e.to_string().contains("set_durration"), "{e}");
}

#[test]
fn variance_against_the_baseline() {
    let d = doc(r#"{"name": "V", "start": "2026-01-05",
      "tasks": [{"id": "P", "name": "Phase"},
                {"id": "A", "parent": "P", "duration": "3d", "cost": 1500,
                 "baselines": [{"number": 0, "start": "2026-01-05", "finish": "2026-01-06T17:00",
                                "duration": "2d", "work": "16h", "cost": 1000}]},
                {"id": "M", "milestone": true,
                 "baselines": [{"number": 0, "start": "2026-01-06T17:00", "finish": "2026-01-06T17:00"}]}],
      "links": [{"from": "A", "to": "M"}],
      "resources": [{"id": "r"}], "assignments": [{"task": "A", "resource": "r"}]}"#);
    let v = variance(&d.project, &d.options, &at("2026-01-05T17:00")).unwrap();
    assert_eq!(v.baselines, [0]);
    let a = &v.tasks[1];
    // A: one day longer: finish and duration +480; work 3 days × 100 % = 24 h vs 16 h; cost +500.
    assert_eq!(a.start_variance_minutes, Some(0));
    assert_eq!(a.finish_variance_minutes, Some(480));
    assert_eq!(a.duration_variance_minutes, Some(480));
    assert_eq!((a.work_minutes, a.work_variance_minutes), (1440, Some(480)));
    assert_eq!(a.cost_variance, Some(500.0));
    // The summary rolls up its subtask's baseline.
    assert_eq!(v.tasks[0].kind, "summary");
    assert_eq!(v.tasks[0].finish_variance_minutes, Some(480));
    assert_eq!(v.slipped_milestones, ["M"]);
    assert_eq!(v.finish_variance_minutes, Some(480));
}

#[test]
fn report_lists_and_words() {
    let d = doc(r#"{"name": "Portal", "start": "2026-01-05",
      "tasks": [{"id": "A", "name": "Design", "duration": "3d", "percent_complete": 100,
                 "actual_start": "2026-01-05", "actual_finish": "2026-01-07T17:00"},
                {"id": "B", "name": "Build", "duration": "5d", "percent_complete": 20,
                 "actual_start": "2026-01-08"},
                {"id": "C", "name": "Test", "duration": "2d"},
                {"id": "X", "name": "Vendor API", "duration": "2d", "percent_complete": 0},
                {"id": "Y", "name": "Integration", "duration": "1d"},
                {"id": "M", "name": "Go-live", "milestone": true}],
      "links": [{"from": "A", "to": "B"}, {"from": "B", "to": "C"}, {"from": "C", "to": "M"},
                {"from": "X", "to": "Y"}, {"from": "Y", "to": "M"}]}"#);
    let st = Status::new(&d.project, &d.options, &at("2026-01-09T17:00")).unwrap();
    let r = st.report(&ReportOptions::default());
    let ids = |v: &[ReportItem]| v.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&r.done), ["A"]);
    assert_eq!(ids(&r.started), ["A", "B"]);
    // X was planned Mon–Tue and has not started, Y (Wed) waits for it: both overdue, Y
    // blocked.
    assert_eq!(ids(&r.overdue), ["X", "Y"]);
    assert_eq!(ids(&r.blocked), ["Y"]);
    assert_eq!(r.blocked[0].waiting_for, ["Vendor API"]);
    // B (started Thu, five days) finishes Wed 14, C Thu–Fri, M Fri 16 Jan 17:00.
    assert_eq!(ids(&r.due_next), ["B", "C", "M"]);
    assert_eq!(r.milestones[0].status, "on_track");
    let md = r.markdown(480);
    assert!(md.starts_with("# Portal — weekly status report\n"), "{md}");
    assert!(
        md.contains("| Vendor API | 6 Jan 2026 | 0% | 2 working days |"),
        "{md}"
    );
    let zh = st.report(&ReportOptions {
        lang: Lang::ZhCn,
        ..ReportOptions::default()
    });
    let md = zh.markdown(480);
    assert!(md.starts_with("# Portal项目周报\n"), "{md}");
    assert!(md.contains("## 六、受阻事项"), "{md}");
    assert!(
        md.contains("| Integration | 2026年1月7日 | “Vendor API” |"),
        "{md}"
    );
    let html = zh.html(480);
    assert!(html.starts_with("<article class=\"jindu-report\" lang=\"zh-CN\">"));
}

#[test]
fn the_client_view_leaves_out_internal_items_and_costs() {
    let d = doc(r#"{"name": "Client", "start": "2026-01-05",
      "tasks": [{"id": "S", "name": "Internal phase", "visibility": "internal"},
                {"id": "I", "name": "Secret tuning", "parent": "S", "duration": "4d", "cost": 777.77},
                {"id": "A", "name": "Public work", "duration": "2d", "cost": 500},
                {"id": "M", "name": "Go-live", "milestone": true}],
      "links": [{"from": "I", "to": "M"}, {"from": "A", "to": "M"}],
      "resources": [{"id": "hid", "name": "Hidden Person", "visibility": "internal"},
                    {"id": "pub", "name": "Public Person"}],
      "assignments": [{"task": "A", "resource": "hid"}, {"task": "A", "resource": "pub"}]}"#);
    let v = client_view(
        &d.project,
        &d.options,
        &at("2026-01-07T17:00"),
        &ReportOptions::default(),
    )
    .unwrap();
    let ids: Vec<&str> = v.tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["A", "M"]);
    assert_eq!(v.tasks[0].resources, ["Public Person"]);
    assert_eq!(v.links.len(), 1);
    assert_eq!(v.report.summary.cpi, None);
    assert_eq!(v.report.summary.bac, None);
    let all = format!(
        "{}{}{}",
        serde_json::to_string(&v).unwrap(),
        v.report.markdown(480),
        v.report.html(480)
    );
    for secret in [
        "Secret tuning",
        "Internal phase",
        "Hidden Person",
        "\"I\"",
        "\"S\"",
        "777",
    ] {
        assert!(!all.contains(secret), "{secret} leaked");
    }
}

#[test]
fn webhook_payloads() {
    let d = doc(TWO);
    let a = alerts(&d.project, &d.options, &at("2026-01-07T17:00")).unwrap();
    let ding = Webhook::DingTalk.alerts("Two", &a, Lang::ZhCn);
    assert_eq!(ding["msgtype"], "markdown");
    let text = ding["markdown"]["text"].as_str().unwrap();
    // Project buffer (red), SPI(t) and CPI: three alerts.
    assert!(text.starts_with("### Two：3条预警\n- 【严重】 "), "{text}");
    let wecom = Webhook::WeCom.alerts("Two", &a, Lang::En);
    assert!(wecom["markdown"]["content"]
        .as_str()
        .unwrap()
        .contains("[warning]"));
    let feishu = Webhook::Feishu.alerts("Two", &a, Lang::En);
    assert_eq!(feishu["msg_type"], "interactive");
    assert_eq!(feishu["card"]["elements"][0]["tag"], "markdown");
}

/// Three overlapping tasks, weeks as Lipke's periods, worked by hand with the PMI formulas
/// (PMI, *Practice Standard for Earned Value Management*, 2nd ed., 2011, ch. 4 and 6;
/// Lipke 2003, "Schedule is Different") and side by side with PyPI's pmcontrols 0.2.1, an
/// independent implementation: `evm(plan([0, 1, 2, 3, 4, 5], [0, 1000, 3000, 4000, 7000,
/// 9000]), ev=3500, ac=4000, at=3)` gives exactly the values asserted below (its time unit is
/// the week: es 2.5, sv_t −0.5, ieac_t 6.0).
///
/// A: weeks 1–2, 2,000 (1,000 a week); B: weeks 2–4, 3,000 (1,000 a week), A SS + 1w;
/// C: weeks 4–5, 4,000 (2,000 a week), B SS + 2w. Cumulative PV at the week ends:
/// 1,000, 3,000, 4,000, 7,000, 9,000.
#[test]
fn earned_value_and_schedule_match_the_textbook_and_pmcontrols() {
    let d = doc(r#"{"name": "Text", "start": "2026-01-05",
      "tasks": [{"id": "A", "duration": "2w", "cost": 2000, "percent_complete": 100,
                 "actual_start": "2026-01-05", "actual_finish": "2026-01-16T17:00", "actual_cost": 2200},
                {"id": "B", "duration": "3w", "cost": 3000, "percent_complete": 50,
                 "actual_start": "2026-01-12", "actual_cost": 1800},
                {"id": "C", "duration": "2w", "cost": 4000}],
      "links": [{"from": "A", "to": "B", "type": "SS", "lag": "1w"},
                {"from": "B", "to": "C", "type": "SS", "lag": "2w"}]}"#);
    // Status at the end of week 3, Fri 23 Jan 17:00.
    let e = evm(&d.project, &d.options, &at("2026-01-23T17:00")).unwrap();
    let m = &e.project;
    assert_eq!(m.bac, 9_000.0);
    // PV = 1,000 × 2 (A) + 1,000 × 2 (B, weeks 2–3) = 4,000; EV = 2,000 + 50 % × 3,000.
    assert_eq!((m.pv, m.ev, m.ac), (4_000.0, 3_500.0, Some(4_000.0)));
    assert_eq!((m.sv, m.cv), (-500.0, Some(-500.0)));
    close(m.spi, 0.875); // 3,500 / 4,000
    close(m.cpi, 0.875); // 3,500 / 4,000
    close(m.eac, 9_000.0 / 0.875); // 10,285.71
    close(m.etc, 9_000.0 / 0.875 - 4_000.0); // 6,285.71
    close(m.vac, 9_000.0 - 9_000.0 / 0.875); // −1,285.71
    close(m.tcpi, 1.1); // (9,000 − 3,500) / (9,000 − 4,000)
    close(m.percent_complete, 3_500.0 / 9_000.0 * 100.0);
    // ES: EV 3,500 lies between PV(week 2) = 3,000 and PV(week 3) = 4,000: C = 2, I = 0.5,
    // ES = 2.5 weeks = 12.5 days; AT = 15 days; PD = 25 days.
    close(m.es_working_days, 12.5);
    assert_eq!((m.at_working_days, m.pd_working_days), (15.0, 25.0));
    close(m.sv_t_working_days, -2.5);
    close(m.spi_t, 12.5 / 15.0);
    close(m.tspi, 1.25); // (25 − 12.5) / (25 − 15)
    close(m.ieac_t_working_days, 30.0); // PD / SPI(t) = 25 / (5/6) = 6 weeks
                                        // Mon 5 Jan + 30 working days: Fri 13 Feb 17:00, a week after the planned Fri 6 Feb.
    assert_eq!(
        m.forecast_finish.unwrap().0.to_string(),
        "2026-02-13T17:00:00"
    );
    assert_eq!(m.planned_finish.0.to_string(), "2026-02-06T17:00:00");
    close(m.finish_variance_working_days, 5.0);
    // The other EAC methods (pmcontrols' eac_typical and eac_cpi_spi).
    let t = at("2026-01-23T17:00");
    let e2 = evm(
        &d.project,
        &d.options,
        &t.clone().eac(EacMethod::PlannedRate),
    )
    .unwrap();
    close(e2.project.eac, 9_500.0); // 4,000 + 5,500
    let e3 = evm(&d.project, &d.options, &t.eac(EacMethod::CpiSpi)).unwrap();
    close(e3.project.eac, 4_000.0 + 5_500.0 / (0.875 * 0.875)); // 11,183.67

    // Per task. B: planned Mon 12 Jan – Fri 30 Jan, 1,000 a week; two weeks planned, half
    // earned: PV 2,000, EV 1,500, ES 1.5 weeks (7.5 days) of AT 2 weeks (10 days); CPI
    // 1,500 / 1,800; IEAC(t) = 15 / 0.75 = 20 days from Mon 12 Jan: Fri 6 Feb 17:00.
    let b = &e.tasks[1].metrics;
    assert_eq!((b.pv, b.ev, b.ac), (2_000.0, 1_500.0, Some(1_800.0)));
    close(b.es_working_days, 7.5);
    assert_eq!(b.at_working_days, 10.0);
    close(b.spi_t, 0.75);
    close(b.cpi, 1_500.0 / 1_800.0);
    close(b.ieac_t_working_days, 20.0);
    assert_eq!(
        b.forecast_finish.unwrap().0.to_string(),
        "2026-02-06T17:00:00"
    );
    // A is complete: EV = BAC, ES = PD; its forecast finish is its actual finish.
    let a = &e.tasks[0].metrics;
    assert_eq!((a.ev, a.bac), (2_000.0, 2_000.0));
    close(a.es_working_days, 10.0);
    close(a.spi_t, 1.0);
    assert_eq!(
        a.forecast_finish.unwrap().0.to_string(),
        "2026-01-16T17:00:00"
    );
    // C has not started and was not planned to: nothing planned, earned or spent.
    let c = &e.tasks[2].metrics;
    assert_eq!((c.pv, c.ev, c.ac, c.spi), (0.0, 0.0, Some(0.0), None));
}

/// A plan with a gap: when EV equals the plateau of a flat stretch of the PV curve, ES is
/// the end of the plateau (Lipke's C counts every period whose PV the EV reaches); before
/// the project's start ES is zero and SPI(t) undefined.
#[test]
fn earned_schedule_on_a_plateau_and_before_the_start() {
    // A: week 1, 500; B: week 3, 500 (A FS + 1w): PV is flat at 500 through week 2.
    let d = doc(r#"{"name": "Gap", "start": "2026-01-05",
      "tasks": [{"id": "A", "duration": "1w", "cost": 500, "percent_complete": 100,
                 "actual_start": "2026-01-05", "actual_finish": "2026-01-09T17:00", "actual_cost": 500},
                {"id": "B", "duration": "1w", "cost": 500}],
      "links": [{"from": "A", "to": "B", "lag": "1w"}]}"#);
    // At the end of week 3 with B not started: EV = 500 = PV(week 1) = PV(week 2): ES = 2 weeks.
    let e = evm(&d.project, &d.options, &at("2026-01-23T17:00")).unwrap();
    assert_eq!((e.project.pv, e.project.ev), (1_000.0, 500.0));
    close(e.project.es_working_days, 10.0);
    close(e.project.spi_t, 10.0 / 15.0);
    close(e.project.spi, 0.5);
    // Before the start: AT = 0, nothing planned: SPI and SPI(t) are undefined, not infinite.
    let e = evm(&d.project, &d.options, &at("2026-01-02T17:00")).unwrap();
    assert_eq!(e.project.at_working_days, 0.0);
    assert_eq!(e.project.pv, 0.0);
    assert_eq!((e.project.spi, e.project.spi_t), (None, None));
}

#[test]
fn evm_series_ends_in_the_point_metrics() {
    for (text, status) in [
        (TWO, "2026-01-07T17:00"),
        (
            include_str!("../../../examples/tracking.json"),
            "2026-01-23T17:00",
        ),
    ] {
        let d = doc(text);
        let o = at(status);
        let e = evm(&d.project, &d.options, &o).unwrap().project;
        let s = evm_series(&d.project, &d.options, &o, PeriodKind::Day).unwrap();
        assert_eq!(s.metrics, e);
        // Exactly the point metrics at the status date (the same accrual, not a second formula).
        let now = s
            .points
            .iter()
            .find(|p| p.date.0 == s.status_date.0)
            .expect("a point at the status date");
        assert_eq!((now.pv, now.ev, now.ac), (e.pv, Some(e.ev), e.ac));
        // PV at the planned finish is BAC, and stays there.
        let fin = s
            .points
            .iter()
            .find(|p| p.date.0 == e.planned_finish.0)
            .expect("a point at the planned finish");
        assert_eq!(fin.pv, e.bac);
        assert_eq!(s.points.last().unwrap().pv, e.bac);
        // In time order, each date once; EV and AC only up to the status date; PV never falls.
        for w in s.points.windows(2) {
            assert!(w[0].date.0 < w[1].date.0);
            assert!(w[0].pv <= w[1].pv);
        }
        for p in &s.points {
            assert_eq!(p.ev.is_some(), p.date.0 <= s.status_date.0);
        }
    }
}

#[test]
fn evm_series_spreads_ev_and_ac_over_the_time_in_progress() {
    // A started Mon 5 Jan 08:00 and by Wed 17:00 (three working days) has earned 2,000 and
    // cost 2,500: at Tue 00:00 (one day in) a third of each, at Wed 00:00 two thirds. PV
    // accrues 1,000 a day.
    let d = doc(TWO);
    let s = evm_series(
        &d.project,
        &d.options,
        &at("2026-01-07T17:00"),
        PeriodKind::Day,
    )
    .unwrap();
    let p = |day: &str| {
        let t: crate::time::DateTime = day.parse().unwrap();
        s.points.iter().find(|p| p.date.0 == t).unwrap().clone()
    };
    let tue = p("2026-01-06T00:00");
    assert_eq!(tue.pv, 1_000.0);
    close(tue.ev, 2_000.0 / 3.0);
    close(tue.ac, 2_500.0 / 3.0);
    let wed = p("2026-01-07T00:00");
    close(wed.ev, 4_000.0 / 3.0);
    // The first point is the planned start, Mon 08:00: all zero. After the status date: no EV,
    // no AC.
    let mon = s.points[0].clone();
    assert_eq!(mon.date.0, "2026-01-05T08:00".parse().unwrap());
    assert_eq!((mon.pv, mon.ev, mon.ac), (0.0, Some(0.0), Some(0.0)));
    let thu = p("2026-01-08T00:00");
    assert_eq!((thu.pv, thu.ev, thu.ac), (3_000.0, None, None));
    // The plan ends Fri 16 Jan 17:00 at BAC = 15,000.
    assert_eq!(
        s.points.last().unwrap().date.0,
        "2026-01-16T17:00".parse().unwrap()
    );
}

/// A (5 days) with Ann full time: 40 hours planned; the baseline saved 40 hours too.
const WORKED: &str = r#"{"name": "W", "start": "2026-01-05",
  "tasks": [{"id": "A", "name": "Build", "duration": "5d", "percent_complete": 50,
             "actual_start": "2026-01-05",
             "baselines": [{"number": 0, "start": "2026-01-05", "finish": "2026-01-09T17:00",
                            "duration": "5d", "work": "40h"}]},
            {"id": "B", "name": "Docs", "duration": "2d"}],
  "resources": [{"id": "ann", "name": "Ann"}, {"id": "bob", "name": "Bob"}],
  "assignments": [ASSIGN]}"#;

/// The variance of the document's first task at `status`.
fn first_task(d: &json::Document, status: &str) -> TaskVariance {
    variance(&d.project, &d.options, &at(status)).unwrap().tasks[0].clone()
}

fn worked(assign: &str) -> json::Document {
    doc(&WORKED.replace("ASSIGN", assign))
}

#[test]
fn variance_counts_actual_and_remaining_work() {
    // Without recorded actual work: 50 % of 40 h is done, 20 h left; work stays 40 h.
    let d = worked(r#"{"task": "A", "resource": "ann"}"#);
    let v = variance(&d.project, &d.options, &at("2026-01-07T12:00")).unwrap();
    let a = &v.tasks[0];
    assert_eq!(
        (
            a.actual_work_minutes,
            a.remaining_work_minutes,
            a.work_minutes
        ),
        (1200, 1200, 2400)
    );
    assert_eq!(a.work_variance_minutes, Some(0));
    // Ann logged 30 h: 40 − 30 = 10 h left, work still 40 h.
    let d = worked(r#"{"task": "A", "resource": "ann", "actual_work": "30h"}"#);
    let a = first_task(&d, "2026-01-07T12:00");
    assert_eq!(
        (
            a.actual_work_minutes,
            a.remaining_work_minutes,
            a.work_minutes
        ),
        (1800, 600, 2400)
    );
    // She logged 46 h: nothing of the plan is left, so the work is the 46 h done, 6 h above
    // the baseline's 40.
    let d = worked(r#"{"task": "A", "resource": "ann", "actual_work": "46h"}"#);
    let a = first_task(&d, "2026-01-07T12:00");
    assert_eq!((a.actual_work_minutes, a.remaining_work_minutes), (2760, 0));
    assert_eq!(a.work_variance_minutes, Some(360));
    // Two people, one with logged hours: Ann 12 h of 40 (28 left), Bob at 50 % has no record,
    // so his half of 20 h (10) counts as done, 10 left: 22 done, 38 left, 60 in all.
    let d = worked(
        r#"{"task": "A", "resource": "ann", "actual_work": "12h"},
           {"task": "A", "resource": "bob", "units": 50}"#,
    );
    let a = first_task(&d, "2026-01-07T12:00");
    assert_eq!(
        (
            a.actual_work_minutes,
            a.remaining_work_minutes,
            a.work_minutes
        ),
        (1320, 2280, 3600)
    );
}

#[test]
fn a_tasks_own_actual_work_counts_when_no_assignment_has_one() {
    // Hours logged on the task as a whole (20 h of Ann's 40) count where the assignment has
    // none; an assignment's own record takes precedence (8 h).
    let text = WORKED
        .replace("ASSIGN", r#"{"task": "A", "resource": "ann"}"#)
        .replace(
            r#""percent_complete": 50,"#,
            r#""percent_complete": 50, "actual_work": "20h","#,
        );
    let d = doc(&text);
    let a = first_task(&d, "2026-01-07T12:00");
    assert_eq!(
        (a.actual_work_minutes, a.remaining_work_minutes),
        (1200, 1200)
    );
    let d = doc(&text.replace(
        r#"{"task": "A", "resource": "ann"}"#,
        r#"{"task": "A", "resource": "ann", "actual_work": "8h"}"#,
    ));
    let a = first_task(&d, "2026-01-07T12:00");
    assert_eq!(
        (a.actual_work_minutes, a.remaining_work_minutes),
        (480, 1920)
    );
    // A finished task has no work left, whatever it logged.
    let d = doc(&WORKED
        .replace(
            "ASSIGN",
            r#"{"task": "A", "resource": "ann", "actual_work": "35h"}"#,
        )
        .replace(
            r#""percent_complete": 50,"#,
            r#""percent_complete": 100, "actual_finish": "2026-01-09T17:00","#,
        ));
    let a = first_task(&d, "2026-01-12T12:00");
    assert_eq!(
        (
            a.actual_work_minutes,
            a.remaining_work_minutes,
            a.work_variance_minutes
        ),
        (2100, 0, Some(-300))
    );
}

#[test]
fn alert_work_overrun() {
    // Ann has logged 38 h of the 40 h budget at 50 %: 2 h of the plan are left, 40 h in all,
    // no overrun. At 46 h logged the work is 46 h, 15 % over the baseline's 40 (> 10 %), and
    // more than the whole budget is spent already: critical.
    let calm = worked(r#"{"task": "A", "resource": "ann", "actual_work": "38h"}"#);
    let a = alerts(&calm.project, &calm.options, &at("2026-01-07T12:00")).unwrap();
    assert!(a.iter().all(|a| a.code != "work_overrun"), "{a:?}");
    let d = worked(r#"{"task": "A", "resource": "ann", "actual_work": "46h"}"#);
    let a = alerts(&d.project, &d.options, &at("2026-01-07T12:00")).unwrap();
    let w = a.iter().find(|a| a.code == "work_overrun").unwrap();
    assert_eq!(w.items[0].id, "A");
    assert_eq!(w.severity, Severity::Critical);
    close(w.value, 15.0); // (46 − 40) / 40
    assert_eq!(w.threshold, Some(10.0));
    assert_eq!(
        w.message,
        "“Build” now needs 46 hours of work against 40 hours budgeted (15% over); 46 hours done."
    );
    let mut o = at("2026-01-07T12:00");
    let st = Status::new(&d.project, &d.options, &o).unwrap();
    let zh = st.alerts(Lang::ZhCn);
    let w = zh.iter().find(|a| a.code == "work_overrun").unwrap();
    assert_eq!(w.title, "工时超支：Build");
    assert_eq!(
        w.message,
        "“Build”预计总工时46小时，超出预算40小时的15%；已投入46小时。"
    );
    // The team's report has it; the client's does not (effort against budget is internal).
    let team = st.report(&ReportOptions::default());
    assert!(team.alerts.iter().any(|a| a.code == "work_overrun"));
    let client = st.report(&ReportOptions {
        client: true,
        ..ReportOptions::default()
    });
    assert!(client.alerts.iter().all(|a| a.code != "work_overrun"));
    // A threshold of 20 % keeps it quiet; so does turning the rule off.
    o.alerts = AlertRequest::from_json(r#"{"work_overrun_percent": 20}"#)
        .unwrap()
        .to_core()
        .unwrap();
    let a = Status::new(&d.project, &d.options, &o)
        .unwrap()
        .alerts(Lang::En);
    assert!(a.iter().all(|a| a.code != "work_overrun"));
    o.alerts = AlertRequest::from_json(r#"{"disabled": ["work_overrun"]}"#)
        .unwrap()
        .to_core()
        .unwrap();
    let a = Status::new(&d.project, &d.options, &o)
        .unwrap()
        .alerts(Lang::En);
    assert!(a.iter().all(|a| a.code != "work_overrun"));
}

#[test]
fn alert_thresholds_from_json() {
    let r: TrackRequest = serde_json::from_str(
        r#"{"status_date": "2026-01-07T12:00",
            "alerts": {"late_hours": 12, "overallocation_days": 5, "disabled": ["spi_low", "cpi_low"]}}"#,
    )
    .unwrap();
    let (t, _) = r.to_core().unwrap();
    assert_eq!(
        (t.alerts.late_hours, t.alerts.overallocation_days),
        (12.0, 5)
    );
    assert_eq!(t.alerts.deadline_days, 3.0); // the default
    assert_eq!(t.alerts.disabled, ["spi_low", "cpi_low"]);
    // Errors name what is wrong.
    let err = |text: &str| match AlertRequest::from_json(text).and_then(|a| a.to_core()) {
        Err(e) => e.to_string(),
        Ok(o) => panic!("accepted {text}: {o:?}"),
    };
    assert!(err(r#"{"late_hour": 12}"#).contains("late_hour"));
    assert!(err(r#"{"late_hours": -1}"#).contains("late_hours"));
    assert!(err(r#"{"disabled": ["float_used"]}"#).contains("float_used"));
    assert!(err(r#"{"overallocation_days": 100000}"#).contains("overallocation_days"));
}
