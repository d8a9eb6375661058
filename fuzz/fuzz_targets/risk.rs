//! Monte Carlo on a generated project with a generated risk model (every estimate kind, with
//! zero-width, inverted and huge ranges; risk events with odd probabilities, impacts,
//! contingency tasks and costs; correlations with any coefficient; history): at most 20
//! iterations with a fixed seed, run twice, gives the same report; the risk scores with that
//! simulation and the health check run too. A refused model or an error is a typed error,
//! never a panic.
#![no_main]

use arbitrary::Arbitrary;
use jindu::risk::{
    self, Amount, Contingency, Correlation, DefaultEstimate, Estimate, HistoryRecord, Impact,
    RiskEvent, RiskModel, RiskOptions, ScoreOptions, Shape,
};
use jindu::{Duration, Project, TaskId};
use jindu_fuzz::{Allow, Plan};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct EstimateSpec {
    kind: u8,
    points: [u16; 3],
    elapsed: bool,
    weights: Vec<(u16, u8)>,
}

#[derive(Arbitrary, Debug)]
struct EventSpec {
    probability: u8,
    odd_probability: Option<f64>,
    impacts: Vec<(u8, EstimateSpec)>,
    contingency: Option<(Vec<u8>, Vec<u8>, EstimateSpec)>,
    exists: Vec<u8>,
    cost: Option<(f64, f64, f64)>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    plan: Plan,
    estimates: Vec<(u8, EstimateSpec)>,
    events: Vec<EventSpec>,
    correlations: Vec<(Vec<u8>, i8, Option<f64>)>,
    history: Vec<(u16, u16, Option<u8>)>,
    default_estimate: Option<(i8, i16, u8)>,
    iterations: u8,
    seed: u64,
    target_hours: Option<u16>,
}

fn minutes(m: u16, elapsed: bool) -> Duration {
    if elapsed {
        Duration::elapsed_minutes(m as i64 * 15)
    } else {
        Duration::minutes_work(m as i64 * 15)
    }
}

fn estimate(e: &EstimateSpec) -> Estimate {
    let [o, l, p] = e.points.map(|m| minutes(m, e.elapsed));
    match e.kind % 8 {
        0 => Estimate::Triangular {
            optimistic: o,
            likely: l,
            pessimistic: p,
        },
        1 => Estimate::Pert {
            optimistic: o,
            likely: l,
            pessimistic: p,
        },
        2 => Estimate::Uniform {
            optimistic: o,
            pessimistic: p,
        },
        3 => Estimate::Normal {
            optimistic: o,
            likely: l,
            pessimistic: p,
        },
        4 => Estimate::Lognormal {
            optimistic: o,
            likely: l,
            pessimistic: p,
        },
        5 => Estimate::Discrete(
            e.weights
                .iter()
                .take(8)
                .map(|&(m, w)| (minutes(m, e.elapsed), w as u32))
                .collect(),
        ),
        6 => Estimate::History {
            likely: l,
            category: e.points[0].is_multiple_of(2).then(|| "c".to_owned()),
            assignee: None,
        },
        _ => Estimate::Fixed(l),
    }
}

fn ids(p: &Project, v: &[u8]) -> Vec<TaskId> {
    v.iter()
        .take(6)
        .map(|&k| p.tasks()[k as usize % p.len()].id.clone())
        .collect()
}

fn model(p: &Project, input: &Input) -> RiskModel {
    let mut m = RiskModel::default();
    for (k, e) in input.estimates.iter().take(64) {
        m.estimates
            .insert(p.tasks()[*k as usize % p.len()].id.clone(), estimate(e));
    }
    for (k, e) in input.events.iter().take(8).enumerate() {
        m.risks.push(RiskEvent {
            id: format!("R{k}"),
            name: String::new(),
            probability: e.odd_probability.unwrap_or(e.probability as f64 / 200.0),
            impacts: e
                .impacts
                .iter()
                .take(6)
                .map(|(t, d)| Impact {
                    task: ids(p, &[*t])[0].clone(),
                    delay: estimate(d),
                })
                .collect(),
            contingency: e
                .contingency
                .as_ref()
                .map(|(after, before, d)| Contingency {
                    task: format!("K{k}").into(),
                    name: String::new(),
                    after: ids(p, after),
                    before: ids(p, before),
                    duration: estimate(d),
                }),
            exists: ids(p, &e.exists),
            cost: e.cost.map(|(o, l, x)| Amount {
                optimistic: o,
                likely: l,
                pessimistic: x,
            }),
        });
    }
    for (tasks, c, odd) in input.correlations.iter().take(4) {
        m.correlations.push(Correlation {
            tasks: ids(p, tasks),
            coefficient: odd.unwrap_or(*c as f64 / 100.0),
        });
    }
    for (e, a, c) in input.history.iter().take(16) {
        m.history.push(HistoryRecord {
            estimate: Duration::minutes_work(*e as i64),
            actual: Duration::minutes_work(*a as i64),
            category: c.map(|c| if c % 2 == 0 { "c" } else { "d" }.to_owned()),
            assignee: None,
        });
    }
    m
}

fuzz_target!(|input: Input| {
    let Some(mut p) = input.plan.build(Allow::ALL) else {
        return;
    };
    let m = model(&p, &input);
    if let Err(e) = p.set_risk(m) {
        assert!(!e.to_string().is_empty());
        return;
    }
    let options = RiskOptions {
        iterations: 1 + input.iterations as u64 % 20,
        seed: input.seed,
        threads: 1,
        target: input
            .target_hours
            .map(|h| jindu_fuzz::start().add_minutes(h as i64 * 60)),
        default_estimate: input.default_estimate.map(|(o, x, s)| match s % 4 {
            3 => DefaultEstimate::History,
            s => DefaultEstimate::Range {
                optimistic_percent: o as i32,
                pessimistic_percent: x as i32,
                shape: [Shape::Triangular, Shape::Pert, Shape::Uniform][s as usize],
            },
        }),
        ..RiskOptions::default()
    };
    let run = || risk::simulate(&p, &options, Default::default());
    match run() {
        Ok(r) => {
            assert_eq!(r.iterations, options.iterations, "iterations not all run");
            assert_eq!(
                format!("{:?}", run()),
                format!("{:?}", Ok::<_, jindu::Error>(r)),
                "not deterministic"
            );
        }
        Err(e) => assert_eq!(run().unwrap_err(), e, "fails differently the second time"),
    }
    let so = ScoreOptions {
        iterations: options.iterations,
        seed: options.seed,
        default_estimate: options.default_estimate,
        ..ScoreOptions::default()
    };
    let sched = jindu::ScheduleOptions::default();
    let a = risk::assess_scores(&p, &sched, &so);
    assert_eq!(
        format!("{a:?}"),
        format!("{:?}", risk::assess_scores(&p, &sched, &so)),
        "scores not deterministic"
    );
    let _ = risk::assess(&p, &Default::default());
});
