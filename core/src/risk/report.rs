//! The results of a simulation: plain types with serde `Serialize` (and, with the `schema`
//! feature, their JSON Schema), the same in every binding.
//!
//! Dates are ISO-8601 local date-times (`2026-03-02T17:00:00`); durations are working days
//! on the project calendar counted from the project start (minutes per day from the project's
//! settings); probabilities, indices and correlations are numbers (rounded to six decimals).

use serde::Serialize;

/// Why a simulation stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stop {
    /// All iterations ran.
    Completed,
    /// The 50th and 80th percentiles of the finish moved less than the tolerance between two
    /// checks.
    Converged,
    /// The cancel token was set; the report covers the iterations completed before (exactly
    /// what a run with that many iterations gives).
    Cancelled,
    /// Taken part-way through a [`Simulation`](super::Simulation) that has more to run.
    Running,
}

/// One range of a histogram, which is also a point of the S-curve.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Bin {
    /// The last value of the range, in working days from the project start.
    pub working_days: f64,
    /// That value as a date.
    pub date: String,
    /// Iterations in the range.
    pub count: u64,
    /// The share of iterations at or before its end (the S-curve).
    pub cumulative: f64,
}

/// The distribution of a date over the iterations: mean and standard deviation in working
/// days from the project start, percentiles as dates, and histogram / S-curve data.
///
/// A percentile is the earliest date by which at least that share of the iterations finished
/// (the inverse of the empirical distribution function). Values are counted in bins of
/// `resolution_minutes` working minutes (1 unless the spread of the finish exceeds 2,048
/// minutes × 2ᵏ), and a percentile is the last minute of its bin.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DateDistribution {
    /// Mean working days from the project start.
    pub mean_working_days: f64,
    /// Sample standard deviation in working days.
    pub std_working_days: f64,
    /// The mean as a date.
    pub mean: String,
    /// The earliest.
    pub min: String,
    /// The 5th percentile.
    pub p5: String,
    /// The 10th percentile.
    pub p10: String,
    /// The 15th percentile.
    pub p15: String,
    /// The 20th percentile.
    pub p20: String,
    /// The 25th percentile.
    pub p25: String,
    /// The 30th percentile.
    pub p30: String,
    /// The 35th percentile.
    pub p35: String,
    /// The 40th percentile.
    pub p40: String,
    /// The 45th percentile.
    pub p45: String,
    /// The median.
    pub p50: String,
    /// The 55th percentile.
    pub p55: String,
    /// The 60th percentile.
    pub p60: String,
    /// The 65th percentile.
    pub p65: String,
    /// The 70th percentile.
    pub p70: String,
    /// The 75th percentile.
    pub p75: String,
    /// The 80th percentile.
    pub p80: String,
    /// The 85th percentile.
    pub p85: String,
    /// The 90th percentile.
    pub p90: String,
    /// The 95th percentile.
    pub p95: String,
    /// The latest.
    pub max: String,
    /// The date of the plan as written (every task at its own duration, no risk occurring).
    pub deterministic: String,
    /// The share of iterations at or before the deterministic date.
    pub probability_deterministic: f64,
    /// Working minutes a histogram bin holds.
    pub resolution_minutes: i64,
    /// Histogram and S-curve.
    pub histogram: Vec<Bin>,
}

/// A milestone's date over the iterations.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MilestoneRisk {
    /// The task's key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its distribution.
    pub finish: DateDistribution,
    /// Its deadline, if it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// The share of iterations in which it finished by its deadline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probability_on_time: Option<f64>,
}

/// A task deadline and the chance of meeting it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct DeadlineRisk {
    /// The task's key.
    pub id: String,
    /// The deadline.
    pub deadline: String,
    /// The share of iterations in which the task finished by it.
    pub probability_on_time: f64,
}

/// What one task does to the finish.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TaskRisk {
    /// The task's key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The share of iterations in which it was critical.
    pub criticality_index: f64,
    /// Duration sensitivity: the rank (Spearman) correlation between its sampled duration and
    /// the project finish; 0 for a task without uncertainty.
    pub sensitivity: f64,
    /// Schedule sensitivity index: criticality index × its duration's standard deviation /
    /// the finish's standard deviation.
    pub ssi: f64,
    /// Cruciality: criticality index × sensitivity.
    pub cruciality: f64,
    /// Mean duration in days (working days; calendar days for elapsed durations), risk delays
    /// included.
    pub mean_duration_days: f64,
    /// Its standard deviation in days.
    pub std_duration_days: f64,
}

/// What one risk event does to the finish.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RiskContribution {
    /// The risk's key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its probability as given.
    pub probability: f64,
    /// The share of iterations in which it occurred.
    pub occurred: f64,
    /// Mean finish (working days) in the iterations where it occurred, minus the mean where it
    /// did not: its impact on the finish when it happens.
    pub impact_working_days: f64,
    /// `occurred × impact_working_days`: how much of the mean finish it accounts for.
    pub contribution_working_days: f64,
    /// The rank correlation between its occurring and the finish.
    pub correlation: f64,
    /// Mean cost over all iterations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_cost: Option<f64>,
}

/// The distribution of the risk events' total cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CostDistribution {
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation.
    pub std: f64,
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 80th percentile.
    pub p80: f64,
    /// 90th percentile.
    pub p90: f64,
    /// The most.
    pub max: f64,
}

/// What a tornado bar is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DriverKind {
    /// A task's duration.
    Task,
    /// A risk event.
    Risk,
}

/// One bar of the tornado: a driver of the finish date and its rank correlation with it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Driver {
    /// Task or risk.
    pub kind: DriverKind,
    /// Its key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Rank correlation with the finish.
    pub correlation: f64,
}

/// The result of a Monte Carlo schedule risk analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RiskReport {
    /// Iterations in the report.
    pub iterations: u64,
    /// The seed.
    pub seed: u64,
    /// Why it stopped.
    pub stopped: Stop,
    /// The project start.
    pub project_start: String,
    /// The project finish.
    pub finish: DateDistribution,
    /// The target date asked about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The share of iterations finishing by the target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub probability_on_time: Option<f64>,
    /// Each milestone's date.
    pub milestones: Vec<MilestoneRisk>,
    /// Each task deadline.
    pub deadlines: Vec<DeadlineRisk>,
    /// Every task, in project order.
    pub tasks: Vec<TaskRisk>,
    /// Every risk event, in register order.
    pub risks: Vec<RiskContribution>,
    /// The risk events' total cost, when any has a cost.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostDistribution>,
    /// The strongest drivers of the finish, strongest first.
    pub tornado: Vec<Driver>,
}

impl RiskReport {
    /// The report as JSON text (pretty-printed, one field a line).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("serde_json fails only on non-string map keys or a failing Serialize impl; the derived report has neither")
    }

    /// The entry of task `id`.
    pub fn task(&self, id: &str) -> Option<&TaskRisk> {
        self.tasks.iter().find(|t| t.id == id)
    }
}
