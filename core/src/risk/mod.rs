//! Risk: Monte Carlo schedule risk analysis — "will we make the go-live date, and what
//! threatens it?"
//!
//! Architecture invariant: this module builds on the model and the schedule kernel (one
//! compiled [`Network`](crate::schedule::Network) re-run with replaced durations in a
//! [`Scenario`](crate::schedule::Scenario), without allocating per iteration) and on nothing
//! else's internals; its results are plain types of its own.
//!
//! * **The model** ([`RiskModel`], carried by the [`Project`](crate::Project)): a three-point
//!   [`Estimate`] per task (triangular, PERT, uniform, normal, lognormal, discrete, or drawn
//!   from the [history](HistoryRecord) of finished tasks), the risk register ([`RiskEvent`]:
//!   probability, delays on the tasks it hits, a contingency task, task existence, cost), and
//!   [`Correlation`] groups between durations. In the JSON document: `estimate` on a task, and
//!   `risks`, `correlations` and `history` on the project.
//! * **The simulation** ([`simulate`], or [`Simulation`] a slice at a time): each iteration
//!   samples every duration, decides every risk, and re-runs the compiled network
//!   ([`Outputs::Float`](crate::schedule::Outputs::Float)). The random numbers of iteration `j`
//!   are a pure function of (seed, `j`) — Philox4x32-10, counter-based — and every statistic
//!   is an integer sum, so the report is the same, byte for byte, for any thread count
//!   (the `parallel` feature, rayon) and on every platform, WebAssembly included.
//!   Correlations are induced by Iman and Conover's rank method in blocks of iterations.
//! * **The report** ([`RiskReport`]): the finish and each milestone as distributions (mean,
//!   standard deviation, P5…P95, histogram and S-curve), the chance of meeting a target and
//!   each deadline, per task the criticality index, duration sensitivity (Spearman), schedule
//!   sensitivity index and cruciality, each risk's contribution, and the tornado.
//! * **Schedule health** ([`assess`], [`health`] → [`Health`]): the DCMA 14-point assessment
//!   (logic, leads, lags, relationship types, hard constraints, high and negative float, high
//!   duration, invalid dates, resources, missed tasks, the critical path test, CPLI and BEI),
//!   each check with its metric, threshold, status and offending tasks.
//! * **Risk scores** ([`assess_scores`], [`scores`] → [`RiskScores`]): a 0–100 score per
//!   task and milestone from weighted factors (float, float consumed, criticality, merge,
//!   spread, hard constraints, overallocation, deadline, lateness), each in words and numbers,
//!   a project roll-up and ranked warnings with stable codes.
//!
//! ```
//! let doc = jindu::io::json::read(r#"{"name": "Go-live", "start": "2026-01-05",
//!   "tasks": [{"id": "A", "duration": "5d",
//!              "estimate": {"optimistic": "4d", "likely": "5d", "pessimistic": "9d"}},
//!             {"id": "B", "duration": "3d"},
//!             {"id": "M", "milestone": true}],
//!   "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}],
//!   "risks": [{"id": "R1", "probability": 0.2, "impacts": [{"task": "B", "delay": "5d"}]}]}"#)?;
//! let opts = jindu::risk::RiskOptions { iterations: 2000, seed: 7, ..Default::default() };
//! let r = jindu::risk::simulate(&doc.project, &opts, Default::default())?;
//! assert_eq!(r.iterations, 2000);
//! assert!(r.task("A").unwrap().criticality_index > 0.7);
//! assert!((r.risks[0].occurred - 0.2).abs() < 0.03);
//! # Ok::<(), jindu::Error>(())
//! ```

mod corr;
mod dist;
mod health;
pub mod input;
#[cfg(test)]
mod kernel_tests;
mod model;
mod report;
mod request;
mod rng;
mod score;
mod sim;
mod stats;

pub use dist::normal_quantile;
pub use health::{
    assess, health, Check, CheckStatus, Health, HealthOptions, HealthRequest, LinkRef, LogicGap,
    LogicGapKind, Thresholds,
};
pub use model::{
    Amount, Contingency, Correlation, Estimate, HistoryRecord, Impact, RiskEvent, RiskModel,
    MAX_CORRELATED,
};
pub use report::{
    Bin, CostDistribution, DateDistribution, DeadlineRisk, Driver, DriverKind, MilestoneRisk,
    RiskContribution, RiskReport, Stop, TaskRisk,
};
pub use request::{ConvergenceRequest, DefaultEstimateRequest, RiskRequest};
pub use rng::philox4x32;
pub use score::{
    assess_scores, assess_scores_json, scores, RiskScores, ScoreFactor, ScoreOptions, ScoreRequest,
    Severity, TaskScore, Warning, Weights,
};
pub use sim::{
    simulate, CancelToken, Control, Convergence, DefaultEstimate, Progress, RiskOptions, Shape,
    Simulation, MAX_ROUND_BLOCKS,
};
