//! Risk scores: a 0–100 score per task and milestone with the factors behind it, a project
//! roll-up, and a ranked list of warnings with stable codes.
//!
//! Every factor gives a value in `[0, 1]` (1: the worst); the score is
//! `100 × Σ weight × value / Σ weight` over the factors *with data* for that task. A factor
//! whose source is absent — no Monte Carlo report (criticality), no baseline (float
//! consumed), no status date (lateness), no three-point estimate (spread), no loading or no
//! resources (overallocation) — is left out of both sums and listed in
//! [`TaskScore::missing`]; it never counts as 0 silently. The factors (also in
//! `core/DESIGN.md`, "Risk scores"):
//!
//! | code | value | measure |
//! |---|---|---|
//! | `float` | `1 − TF / float_horizon_days`, clamped (negative float: 1) | total float, working days |
//! | `float_consumed` | `slip / float_horizon_days`, clamped | finish − baseline finish, working days |
//! | `criticality` | the criticality index | share of iterations critical |
//! | `merge` | `(p − 1) / (p + 1)` for `p` open predecessors (0 without) | predecessors not complete |
//! | `spread` | `((max − min) / mean) / spread_full`, clamped | the estimate's range over its mean |
//! | `hard_constraint` | 1 for MSO, MFO, SNLT, FNLT; else 0 | — |
//! | `overallocated` | `(peak − max) / max`, clamped, the worst overallocation it is in | peak units, percent |
//! | `deadline` | `1 − margin / deadline_horizon_days`, clamped (missed: 1); no deadline: 0 | deadline − finish, working days |
//! | `late` | planned − actual fraction complete at the status date, at least 0 | percentage points |
//!
//! Working days are on the project calendar (days of the project's day length). The merge
//! value grows with the paths that must all arrive and tends to 1: `(p − 1) / (p + 1)` is 0
//! for one path, ⅓ for two (routine in any network, no warning), ½ for three (the first
//! that warns), ⅗ for four; a complete predecessor no longer counts. The planned fraction
//! complete is the working time from the planned start to the status date over the planned
//! span, the plan being the baseline's dates when the task has them and the schedule's
//! otherwise. Summaries and complete tasks are not scored.
//!
//! **Roll-up.** The project's score is the mean of the top decile of task scores (the
//! `⌈n / 10⌉` highest), so a few dangerous tasks are not averaged away by many safe ones;
//! the maximum and the mean are given beside it.
//!
//! **Warnings.** Each factor whose value reaches `warn_at` (0.5) gives a warning with the
//! factor's code (`low_float`, `float_consumed`, `critical_often`, `merge_point`,
//! `wide_estimate`, `hard_constraint`, `overallocated`, `deadline_near`, `late`), severity
//! `high` from `high_at` (0.8), else `medium`. They are ranked by severity, then the task's
//! score (highest first), then task order, then factor order, and the first `max_warnings`
//! (50) are listed; [`RiskScores::warnings_dropped`] counts the rest.
//!
//! **Default estimate.** With [`ScoreOptions::default_estimate`] a range (the Monte Carlo's
//! `-10 % / +25 %` default), a task without an estimate of its own gets the spread of that
//! range around its duration, and the Monte Carlo samples it too; its sentence says it is the
//! default estimate's. Milestones and pinned tasks get none, as in the simulation.
//!
//! ```
//! let doc = jindu::io::json::read(r#"{"name": "Demo", "start": "2026-01-05",
//!   "tasks": [{"id": "A", "duration": "5d"}, {"id": "B", "duration": "2d"},
//!             {"id": "M", "milestone": true}],
//!   "links": [{"from": "A", "to": "M"}, {"from": "B", "to": "M"}]}"#)?;
//! let s = jindu::risk::assess_scores(&doc.project, &doc.options, &Default::default())?;
//! let a = s.task("A").unwrap();
//! // A is critical (float factor 1, weight 3); M merges two paths (⅓, weight 1); nothing has
//! // a constraint or deadline (0, weights 1 and 2): 100 × 3 / 7.
//! assert_eq!(a.score, 42.9);
//! assert!(a.missing.contains(&"criticality".to_string()));
//! assert_eq!(s.warnings[0].code, "low_float");
//! # Ok::<(), jindu::Error>(())
//! ```

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::calendar::WorkCalendar;
use crate::error::{Error, Item, Result};
use crate::id::TaskIndex;
use crate::io::json::out::Iso;
use crate::level::{LoadOptions, Loading, Period};
use crate::model::{Baseline, Constraint, Project};
use crate::schedule::{Network, Schedule, ScheduleOptions};
use crate::time::{DateTime, Duration};

use super::model::Estimate;
use super::report::{RiskReport, TaskRisk};
use super::request::DefaultEstimateRequest;
use super::sim::{simulate, DefaultEstimate, RiskOptions, Shape};

/// The weight of each factor (not negative; at least one positive). The defaults weigh what
/// most directly moves the finish highest: float and criticality (3) say whether a slip of
/// the task reaches the finish at all; overallocation, deadline proximity and lateness (2)
/// are evidence that a slip is coming or already there; merge, spread, hard constraints and
/// float consumed (1) are conditions that make a slip likelier or harder to absorb.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Weights {
    /// Float left (3).
    pub float: f64,
    /// Float consumed against the baseline (1).
    pub float_consumed: f64,
    /// Criticality index (3).
    pub criticality: f64,
    /// Merge bias (1).
    pub merge: f64,
    /// Uncertainty spread (1).
    pub spread: f64,
    /// Hard constraint (1).
    pub hard_constraint: f64,
    /// Overallocated resources (2).
    pub overallocated: f64,
    /// Deadline proximity (2).
    pub deadline: f64,
    /// Lateness at the status date (2).
    pub late: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            float: 3.0,
            float_consumed: 1.0,
            criticality: 3.0,
            merge: 1.0,
            spread: 1.0,
            hard_constraint: 1.0,
            overallocated: 2.0,
            deadline: 2.0,
            late: 2.0,
        }
    }
}

impl Weights {
    fn of(&self, f: Factor) -> f64 {
        match f {
            Factor::Float => self.float,
            Factor::FloatConsumed => self.float_consumed,
            Factor::Criticality => self.criticality,
            Factor::Merge => self.merge,
            Factor::Spread => self.spread,
            Factor::HardConstraint => self.hard_constraint,
            Factor::Overallocated => self.overallocated,
            Factor::Deadline => self.deadline,
            Factor::Late => self.late,
        }
    }
}

/// How to score.
///
/// ```
/// let o = jindu::risk::ScoreOptions::default();
/// assert_eq!((o.float_horizon_days, o.weights.float, o.iterations), (10.0, 3.0, 0));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreOptions {
    /// The factor weights.
    pub weights: Weights,
    /// Float at or beyond this many working days scores 0 (10: two working weeks, the usual
    /// near-critical band; a slip smaller than that is absorbed).
    pub float_horizon_days: f64,
    /// A finish this many working days or more before its deadline scores 0 (10, for the
    /// same reason).
    pub deadline_horizon_days: f64,
    /// The relative spread of a three-point estimate, `(largest − smallest) / mean`, that
    /// scores 1 (1.0: a range as wide as the expected duration itself).
    pub spread_full: f64,
    /// The status date for lateness; `None` takes the project's (without one, no lateness).
    pub status_date: Option<DateTime>,
    /// The baseline for float consumed and the planned progress; `None` takes the
    /// lowest-numbered one any task has.
    pub baseline: Option<u8>,
    /// A factor value from which a warning is raised (0.5).
    pub warn_at: f64,
    /// A factor value from which a warning is `high` (0.8).
    pub high_at: f64,
    /// Monte Carlo iterations [`assess_scores`] runs for criticality (0: none).
    pub iterations: u64,
    /// The Monte Carlo seed (1).
    pub seed: u64,
    /// The estimate of the tasks without their own (`None`: none). A range gives them a
    /// spread factor (its percents around the task's duration) and the Monte Carlo the same
    /// uncertainty; the history default is for the Monte Carlo only (no range to measure).
    pub default_estimate: Option<DefaultEstimate>,
    /// The most warnings listed (50); the others, the lowest ranked, are counted in
    /// [`RiskScores::warnings_dropped`].
    pub max_warnings: usize,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        ScoreOptions {
            weights: Weights::default(),
            float_horizon_days: 10.0,
            deadline_horizon_days: 10.0,
            spread_full: 1.0,
            status_date: None,
            baseline: None,
            warn_at: 0.5,
            high_at: 0.8,
            iterations: 0,
            seed: 1,
            default_estimate: None,
            max_warnings: 50,
        }
    }
}

fn bad(field: &str, msg: String) -> Error {
    Error::invalid(Item::Project, field, msg)
}

impl ScoreOptions {
    /// Weights finite and not negative with one positive; horizons and `spread_full`
    /// positive; `warn_at` and `high_at` in `(0, 1]`.
    fn validate(&self) -> Result<()> {
        let w = &self.weights;
        let all = [
            ("float", w.float),
            ("float_consumed", w.float_consumed),
            ("criticality", w.criticality),
            ("merge", w.merge),
            ("spread", w.spread),
            ("hard_constraint", w.hard_constraint),
            ("overallocated", w.overallocated),
            ("deadline", w.deadline),
            ("late", w.late),
        ];
        for (name, v) in all {
            if !v.is_finite() || v < 0.0 {
                return Err(bad(
                    &format!("weights.{name}"),
                    format!("expected a number at least 0, found {v}"),
                ));
            }
        }
        if all.iter().all(|x| x.1 == 0.0) {
            return Err(bad(
                "weights",
                "at least one weight must be positive".into(),
            ));
        }
        for (name, v) in [
            ("float_horizon_days", self.float_horizon_days),
            ("deadline_horizon_days", self.deadline_horizon_days),
            ("spread_full", self.spread_full),
        ] {
            if !v.is_finite() || v <= 0.0 {
                return Err(bad(name, format!("expected a positive number, found {v}")));
            }
        }
        for (name, v) in [("warn_at", self.warn_at), ("high_at", self.high_at)] {
            if !v.is_finite() || v <= 0.0 || v > 1.0 {
                return Err(bad(
                    name,
                    format!("expected a number above 0, at most 1, found {v}"),
                ));
            }
        }
        Ok(())
    }
}

/// The options as JSON: `{"weights": {"float": 3, ...}, "float_horizon_days": 10,
/// "status_date": "2026-02-06T17:00", "iterations": 1000, "seed": 7, ...}`, every field
/// optional.
///
/// ```
/// let r = jindu::risk::ScoreRequest::from_json(r#"{"weights": {"merge": 0}, "iterations": 500}"#)?;
/// let o = r.options()?;
/// assert_eq!((o.weights.merge, o.weights.float, o.iterations), (0.0, 3.0, 500));
/// assert!(jindu::risk::ScoreRequest::from_json(r#"{"weight": {}}"#).is_err());
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScoreRequest {
    /// Weights to change (the others keep their defaults).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<Weights>,
    /// See [`ScoreOptions::float_horizon_days`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub float_horizon_days: Option<f64>,
    /// See [`ScoreOptions::deadline_horizon_days`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_horizon_days: Option<f64>,
    /// See [`ScoreOptions::spread_full`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spread_full: Option<f64>,
    /// The status date, `YYYY-MM-DDTHH:MM` (default: the document's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<String>,
    /// The baseline number (default: the lowest present).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<u8>,
    /// See [`ScoreOptions::warn_at`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_at: Option<f64>,
    /// See [`ScoreOptions::high_at`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high_at: Option<f64>,
    /// Monte Carlo iterations (default 0: no criticality).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterations: Option<u64>,
    /// The Monte Carlo seed (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// The estimate of the tasks without their own, as the Monte Carlo request writes it
    /// (`{"optimistic_percent": -10, "pessimistic_percent": 25}`): see
    /// [`ScoreOptions::default_estimate`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_estimate: Option<DefaultEstimateRequest>,
    /// See [`ScoreOptions::max_warnings`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_warnings: Option<u32>,
}

impl ScoreRequest {
    /// Reads the options from JSON text; a malformed or unknown field is an
    /// [`Error::Json`] naming its path.
    pub fn from_json(text: &str) -> Result<ScoreRequest> {
        crate::io::json::read_value(text)
    }

    /// [`ScoreRequest::from_json`], blank text giving the defaults (how the bindings pass
    /// absent options).
    pub fn from_json_or_default(text: &str) -> Result<ScoreRequest> {
        if text.trim().is_empty() {
            Ok(ScoreRequest::default())
        } else {
            ScoreRequest::from_json(text)
        }
    }

    /// The options; an out-of-range value is an error naming its field.
    pub fn options(&self) -> Result<ScoreOptions> {
        let d = ScoreOptions::default();
        let status_date = match &self.status_date {
            None => None,
            Some(s) => Some(DateTime::parse_day_or_time(s).map_err(|_| {
                bad(
                    "status_date",
                    format!("expected a datetime (2026-02-06T17:00), found {s:?}"),
                )
            })?),
        };
        let o = ScoreOptions {
            weights: self.weights.clone().unwrap_or_default(),
            float_horizon_days: self.float_horizon_days.unwrap_or(d.float_horizon_days),
            deadline_horizon_days: self
                .deadline_horizon_days
                .unwrap_or(d.deadline_horizon_days),
            spread_full: self.spread_full.unwrap_or(d.spread_full),
            status_date,
            baseline: self.baseline,
            warn_at: self.warn_at.unwrap_or(d.warn_at),
            high_at: self.high_at.unwrap_or(d.high_at),
            iterations: self.iterations.unwrap_or(d.iterations),
            seed: self.seed.unwrap_or(d.seed),
            default_estimate: match &self.default_estimate {
                Some(e) => Some(e.estimate()?),
                None => None,
            },
            max_warnings: self.max_warnings.map_or(d.max_warnings, |m| m as usize),
        };
        o.validate()?;
        Ok(o)
    }
}

/// The factors, in their order in every list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Factor {
    Float,
    FloatConsumed,
    Criticality,
    Merge,
    Spread,
    HardConstraint,
    Overallocated,
    Deadline,
    Late,
}

const FACTORS: [Factor; 9] = [
    Factor::Float,
    Factor::FloatConsumed,
    Factor::Criticality,
    Factor::Merge,
    Factor::Spread,
    Factor::HardConstraint,
    Factor::Overallocated,
    Factor::Deadline,
    Factor::Late,
];

impl Factor {
    fn code(self) -> &'static str {
        match self {
            Factor::Float => "float",
            Factor::FloatConsumed => "float_consumed",
            Factor::Criticality => "criticality",
            Factor::Merge => "merge",
            Factor::Spread => "spread",
            Factor::HardConstraint => "hard_constraint",
            Factor::Overallocated => "overallocated",
            Factor::Deadline => "deadline",
            Factor::Late => "late",
        }
    }

    fn warning(self) -> &'static str {
        match self {
            Factor::Float => "low_float",
            Factor::FloatConsumed => "float_consumed",
            Factor::Criticality => "critical_often",
            Factor::Merge => "merge_point",
            Factor::Spread => "wide_estimate",
            Factor::HardConstraint => "hard_constraint",
            Factor::Overallocated => "overallocated",
            Factor::Deadline => "deadline_near",
            Factor::Late => "late",
        }
    }
}

/// One factor of a task's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ScoreFactor {
    /// `float`, `float_consumed`, `criticality`, `merge`, `spread`, `hard_constraint`,
    /// `overallocated`, `deadline` or `late`.
    pub code: String,
    /// Its value, 0 (harmless) to 1 (the worst).
    pub value: f64,
    /// What it adds to the score: `100 × weight × value / Σ weights in play`.
    pub points: f64,
    /// Its weight.
    pub weight: f64,
    /// The number measured (see the module documentation for its unit).
    pub measure: f64,
    /// One English sentence saying it.
    pub sentence: String,
}

/// One task's or milestone's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TaskScore {
    /// The task's key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `task` or `milestone`.
    pub kind: &'static str,
    /// 0–100, rounded to one decimal.
    pub score: f64,
    /// The factors with data, in factor order.
    pub factors: Vec<ScoreFactor>,
    /// The codes of the factors without data for this task.
    pub missing: Vec<String>,
}

/// How bad a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The factor's value is at least `high_at`.
    High,
    /// At least `warn_at`.
    Medium,
}

/// A warning on one task.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Warning {
    /// A stable code: `low_float`, `float_consumed`, `critical_often`, `merge_point`,
    /// `wide_estimate`, `hard_constraint`, `overallocated`, `deadline_near`, `late`.
    pub code: String,
    /// `high` or `medium`.
    pub severity: Severity,
    /// The task's key.
    pub task: String,
    /// The task's score.
    pub score: f64,
    /// `"<task>: <the factor's sentence>"`.
    pub message: String,
}

/// Every task's score, the project roll-up and the warnings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RiskScores {
    /// The project's score: the mean of the top decile of task scores (0 without tasks).
    pub score: f64,
    /// The highest task score.
    pub max: f64,
    /// The mean task score.
    pub mean: f64,
    /// The status date used, if any.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub status_date: Option<Iso>,
    /// The baseline used, if any.
    pub baseline: Option<u8>,
    /// Every incomplete task and milestone (no summaries), in task order.
    pub tasks: Vec<TaskScore>,
    /// The warnings, ranked, at most [`ScoreOptions::max_warnings`] of them.
    pub warnings: Vec<Warning>,
    /// How many warnings were left out below `max_warnings` (the lowest ranked).
    pub warnings_dropped: usize,
}

impl RiskScores {
    /// The score of the task with key `id`.
    pub fn task(&self, id: &str) -> Option<&TaskScore> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// The scores as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("serde_json fails only on non-string map keys or a failing Serialize impl; the derived scores have neither")
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Reads a project document (JSON text) and scores it (see [`assess_scores`]) with the options
/// `request`, a [`ScoreRequest`] as JSON text (blank for the defaults): what `scores()` returns
/// in every binding, and `jindu scores FILE --format json` prints.
///
/// ```
/// let s = jindu::risk::assess_scores_json(
///     r#"{"name": "p", "start": "2026-01-05", "tasks": [{"id": "A", "duration": "5d"}]}"#,
///     r#"{"weights": {"hard_constraint": 0, "deadline": 0}}"#)?;
/// // A alone is critical: float 1 is all that weighs (merge 0 with weight 1): 100 × 3 / 4.
/// assert_eq!(s.task("A").unwrap().score, 75.0);
/// assert!(jindu::risk::assess_scores_json("{}", "").is_err());
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn assess_scores_json(document: &str, request: &str) -> Result<RiskScores> {
    let doc = crate::io::json::read(document)?;
    let options = ScoreRequest::from_json_or_default(request)?.options()?;
    assess_scores(&doc.project, &doc.options, &options)
}

/// Schedules `project` with `schedule`, runs the Monte Carlo when `options.iterations > 0`
/// (criticality), measures the resources' loading when it has resources, and scores it
/// (see [`scores`]).
pub fn assess_scores(
    project: &Project,
    schedule: &ScheduleOptions,
    options: &ScoreOptions,
) -> Result<RiskScores> {
    options.validate()?;
    let s = crate::schedule::schedule(project, schedule)?;
    let risk = if options.iterations > 0 {
        let ro = RiskOptions {
            iterations: options.iterations,
            seed: options.seed,
            schedule: *schedule,
            default_estimate: options.default_estimate,
            ..RiskOptions::default()
        };
        Some(simulate(project, &ro, Default::default())?)
    } else {
        None
    };
    let load = if project.resources().is_empty() {
        None
    } else {
        Some(crate::level::load(
            &[(project, &s)],
            &LoadOptions::new(Period::Week),
        )?)
    };
    scores(project, &s, options, risk.as_ref(), load.as_ref())
}

/// Scores every incomplete task and milestone of `project` with its `schedule`, the Monte
/// Carlo `risk` report (for criticality) and the resources' `load` (for overallocation: the
/// loading of a portfolio whose first project is this one) when given. Fails when the options are out of range, the schedule is not the project's, or the
/// baseline asked for is on no task.
pub fn scores(
    project: &Project,
    schedule: &Schedule,
    options: &ScoreOptions,
    risk: Option<&RiskReport>,
    load: Option<&Loading>,
) -> Result<RiskScores> {
    options.validate()?;
    let n = project.len();
    let baseline = super::health::checked_baseline(project, schedule, options.baseline)?;
    let net = Network::compile(project, &ScheduleOptions::default())?;
    let cx = Cx {
        project,
        schedule,
        cal: net.calendar(),
        day: project.settings().minutes_per_day.max(1) as f64,
        o: options,
        risk: risk.map(|r| r.tasks.iter().map(|t| (t.id.as_str(), t)).collect()),
        over: load
            .filter(|_| !project.resources().is_empty())
            .map(worst_overallocations),
        status: options.status_date.or(project.status_date()),
        baseline,
        preds: {
            let mut p = vec![0usize; n];
            // A finished predecessor can no longer arrive late.
            for l in project.links() {
                if !project.task(l.from).progress.is_complete() {
                    p[l.to.index()] += 1;
                }
            }
            p
        },
    };
    let mut tasks = Vec::new();
    for k in 0..n {
        let i = TaskIndex::from_raw(k as u32);
        let t = project.task(i);
        if project.is_summary(i) || t.progress.is_complete() {
            continue;
        }
        tasks.push(cx.task(i));
    }
    let mut sorted: Vec<f64> = tasks.iter().map(|t| t.score).collect();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let (score, max, mean) = if sorted.is_empty() {
        (0.0, 0.0, 0.0)
    } else {
        let top = sorted.len().div_ceil(10);
        let m = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        (round1(m(&sorted[..top])), sorted[0], round1(m(&sorted)))
    };
    let mut ranked: Vec<(Severity, f64, usize, usize, Warning)> = Vec::new();
    for (ti, t) in tasks.iter().enumerate() {
        for f in &t.factors {
            if f.value < options.warn_at {
                continue;
            }
            let severity = if f.value >= options.high_at {
                Severity::High
            } else {
                Severity::Medium
            };
            let fi = FACTORS.iter().position(|x| x.code() == f.code).unwrap_or(0);
            ranked.push((
                severity,
                t.score,
                ti,
                fi,
                Warning {
                    code: FACTORS[fi].warning().into(),
                    severity,
                    task: t.id.clone(),
                    score: t.score,
                    message: format!("{}: {}", t.id, f.sentence),
                },
            ));
        }
    }
    ranked.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.total_cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let warnings_dropped = ranked.len().saturating_sub(options.max_warnings);
    ranked.truncate(options.max_warnings);
    Ok(RiskScores {
        score,
        max,
        mean,
        status_date: cx.status.map(Iso),
        baseline,
        tasks,
        warnings: ranked.into_iter().map(|r| r.4).collect(),
        warnings_dropped,
    })
}

/// Per task key of the first project of `load`, the largest relative excess
/// `(peak − max) / max` among the overallocations it works in, and that resource's key.
fn worst_overallocations(load: &Loading) -> HashMap<&str, (f64, &str)> {
    let mut worst: HashMap<&str, (f64, &str)> = HashMap::new();
    for r in &load.resources {
        for o in r.overallocations.iter().filter(|o| o.max_units > 0) {
            let over = (o.peak_units - o.max_units as f64) / o.max_units as f64;
            for x in o.tasks.iter().filter(|x| x.project == 0) {
                let e = worst
                    .entry(x.task.as_str())
                    .or_insert((over, r.id.as_str()));
                if over > e.0 {
                    *e = (over, r.id.as_str());
                }
            }
        }
    }
    worst
}

struct Cx<'a> {
    project: &'a Project,
    schedule: &'a Schedule,
    cal: &'a WorkCalendar,
    day: f64,
    o: &'a ScoreOptions,
    /// Per task key, its Monte Carlo result (`None` without a report).
    risk: Option<HashMap<&'a str, &'a TaskRisk>>,
    /// Per task key of the first project, its worst overallocation (relative excess, the
    /// resource); `None` without a loading or without resources.
    over: Option<HashMap<&'a str, (f64, &'a str)>>,
    status: Option<DateTime>,
    baseline: Option<u8>,
    preds: Vec<usize>,
}

/// `x` with up to two decimals, no trailing zeros.
fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn plural(x: f64, one: &str) -> String {
    if x == 1.0 {
        format!("1 {one}")
    } else {
        format!("{} {one}s", num(x))
    }
}

impl Cx<'_> {
    /// Working days of duration `d` (24-hour days for elapsed time).
    fn days(&self, d: Duration) -> f64 {
        let per = if d.is_elapsed() { 1440.0 } else { self.day };
        d.minutes() as f64 / per
    }

    /// Working days on the project calendar from `a` to `b`.
    fn work_days(&self, a: DateTime, b: DateTime) -> f64 {
        self.cal.work_between(a, b) as f64 / self.day
    }

    fn baseline_of(&self, i: TaskIndex) -> Option<&Baseline> {
        let n = self.baseline?;
        self.project
            .task(i)
            .baselines
            .iter()
            .find(|b| b.number == n)
    }

    /// The default range estimate of task `i`, which has none of its own: its duration
    /// widened by the percents, as the Monte Carlo samples it (whole minutes, rounded down);
    /// `None` without a range default, for a milestone or a pinned task, or when the range
    /// is empty.
    fn default_range(&self, i: TaskIndex) -> Option<Estimate> {
        let Some(DefaultEstimate::Range {
            optimistic_percent,
            pessimistic_percent,
            shape,
        }) = self.o.default_estimate
        else {
            return None;
        };
        let t = self.project.task(i);
        let d = t.duration.minutes();
        if t.milestone || d <= 0 || t.pinned.is_some() {
            return None;
        }
        let at = |pct: i32| {
            let v = (i128::from(d) * (100 + i128::from(pct))).div_euclid(100) as i64;
            if t.duration.is_elapsed() {
                Duration::elapsed_minutes(v.max(0))
            } else {
                Duration::minutes_work(v.max(0))
            }
        };
        let (optimistic, pessimistic) = (at(optimistic_percent), at(pessimistic_percent));
        if optimistic.minutes() >= pessimistic.minutes() {
            return None;
        }
        let likely = t.duration;
        Some(match shape {
            Shape::Triangular => Estimate::Triangular {
                optimistic,
                likely,
                pessimistic,
            },
            Shape::Pert => Estimate::Pert {
                optimistic,
                likely,
                pessimistic,
            },
            Shape::Uniform => Estimate::Uniform {
                optimistic,
                pessimistic,
            },
        })
    }

    /// The factor's (value, measure, sentence), or `None` without data.
    fn factor(&self, f: Factor, i: TaskIndex) -> Option<(f64, f64, String)> {
        let t = self.project.task(i);
        let s = self.schedule.task(i);
        let clamp = |x: f64| x.clamp(0.0, 1.0);
        match f {
            Factor::Float => {
                let d = self.days(s.total_float);
                let v = clamp(1.0 - d / self.o.float_horizon_days);
                Some((v, d, format!("{} of total float", plural(d, "working day"))))
            }
            Factor::FloatConsumed => {
                let bf = self.baseline_of(i)?.finish?;
                let slip = self.work_days(bf, s.finish);
                let v = clamp(slip / self.o.float_horizon_days);
                let text = if slip > 0.0 {
                    format!(
                        "finishes {} after its baseline",
                        plural(slip, "working day")
                    )
                } else {
                    "finishes on or before its baseline".to_owned()
                };
                Some((v, slip, text))
            }
            Factor::Criticality => {
                let r = *self.risk.as_ref()?.get(t.id.as_str())?;
                let ci = r.criticality_index;
                Some((
                    clamp(ci),
                    ci,
                    format!("critical in {}% of the simulations", num(ci * 100.0)),
                ))
            }
            Factor::Merge => {
                let p = self.preds[i.index()] as f64;
                let v = if p > 0.0 { (p - 1.0) / (p + 1.0) } else { 0.0 };
                let text = if p > 1.0 {
                    format!("{} paths converge on it", num(p))
                } else {
                    "no paths converge on it".to_owned()
                };
                Some((v, p, text))
            }
            Factor::Spread => {
                let (e, whose) = match self.project.risk().estimates.get(&t.id) {
                    Some(e) => (e.clone(), "its estimate"),
                    None => (self.default_range(i)?, "the default estimate"),
                };
                let pts = e.points();
                let lo = pts.iter().map(|d| d.minutes()).min()?;
                let hi = pts.iter().map(|d| d.minutes()).max()?;
                let likely = e.mean_minutes();
                if pts.len() < 2 || likely <= 0.0 {
                    return None;
                }
                let spread = (hi - lo) as f64 / likely;
                Some((
                    clamp(spread / self.o.spread_full),
                    spread,
                    format!(
                        "{whose} ranges over {}% of its expected duration",
                        num(spread * 100.0)
                    ),
                ))
            }
            Factor::HardConstraint => Some(match t.constraint {
                c @ (Constraint::MustStartOn(_)
                | Constraint::MustFinishOn(_)
                | Constraint::StartNoLaterThan(_)
                | Constraint::FinishNoLaterThan(_)) => (
                    1.0,
                    1.0,
                    format!("a hard constraint ({}) fixes its dates", c.code()),
                ),
                _ => (0.0, 0.0, "no hard constraint".to_owned()),
            }),
            Factor::Overallocated => {
                let worst = self.over.as_ref()?;
                Some(match worst.get(t.id.as_str()) {
                    Some(&(over, r)) => (
                        clamp(over),
                        round2(over * 100.0),
                        format!(
                            "{r} is overallocated by {}% while it works",
                            num(over * 100.0)
                        ),
                    ),
                    None => (0.0, 0.0, "no resource of it is overallocated".to_owned()),
                })
            }
            Factor::Deadline => Some(match t.deadline {
                Some(d) => {
                    let margin = self.work_days(s.finish, d);
                    let v = clamp(1.0 - margin / self.o.deadline_horizon_days);
                    let text = if margin < 0.0 {
                        format!(
                            "finishes {} after its deadline",
                            plural(-margin, "working day")
                        )
                    } else {
                        format!(
                            "finishes {} before its deadline",
                            plural(margin, "working day")
                        )
                    };
                    (v, margin, text)
                }
                None => (0.0, 0.0, "no deadline".to_owned()),
            }),
            Factor::Late => {
                let at = self.status?;
                let b = self.baseline_of(i);
                let start = b.and_then(|b| b.start).unwrap_or(s.start);
                let finish = b.and_then(|b| b.finish).unwrap_or(s.finish);
                let span = self.cal.work_between(start, finish);
                let planned = if at >= finish {
                    1.0
                } else if at <= start || span <= 0 {
                    0.0
                } else {
                    self.cal.work_between(start, at) as f64 / span as f64
                };
                let planned = clamp(planned);
                let actual = f64::from(t.progress.percent_complete.min(100)) / 100.0;
                let gap = (planned - actual).max(0.0);
                let text = format!(
                    "{}% complete at the status date, {}% planned",
                    num(actual * 100.0),
                    num(planned * 100.0)
                );
                Some((gap, round2(gap * 100.0), text))
            }
        }
    }

    fn task(&self, i: TaskIndex) -> TaskScore {
        let t = self.project.task(i);
        let mut present = Vec::new();
        let mut missing = Vec::new();
        for f in FACTORS {
            match self.factor(f, i) {
                Some(x) => present.push((f, x)),
                None => missing.push(f.code().to_owned()),
            }
        }
        let total: f64 = present.iter().map(|(f, _)| self.o.weights.of(*f)).sum();
        let mut score = 0.0;
        let factors = present
            .into_iter()
            .map(|(f, (value, measure, sentence))| {
                let weight = self.o.weights.of(f);
                let points = if total > 0.0 {
                    100.0 * weight * value / total
                } else {
                    0.0
                };
                score += points;
                ScoreFactor {
                    code: f.code().into(),
                    value: round2(value),
                    points: round1(points),
                    weight,
                    measure: round2(measure),
                    sentence,
                }
            })
            .collect();
        TaskScore {
            id: t.id.to_string(),
            name: t.name.clone(),
            kind: if t.duration.is_zero() {
                "milestone"
            } else {
                "task"
            },
            score: round1(score.clamp(0.0, 100.0)),
            factors,
            missing,
        }
    }
}

#[cfg(test)]
#[path = "score_tests.rs"]
mod tests;
