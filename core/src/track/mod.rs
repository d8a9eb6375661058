//! Tracking: progress against a status date, baselines and variance, earned value and earned
//! schedule, alerts, buffers, what-if change sets, status reports and the client's view.
//!
//! Architecture invariant: this module builds on the model, the schedule kernel and the
//! incremental [`Engine`](crate::Engine) (what-if), and reads other capabilities only through
//! their public result types; its results are plain types of its own.
//!
//! Everything starts from a [`Status`]: a project, its schedule and the plan it is measured
//! against, at a status date. The free functions build one and return one result:
//!
//! ```
//! use jindu::track::{self, TrackOptions};
//! let doc = jindu::io::json::read(r#"{"name": "Portal", "start": "2026-01-05",
//!     "tasks": [{"id": "A", "name": "Design", "duration": "5d", "cost": 5000,
//!                "percent_complete": 40, "actual_start": "2026-01-05", "actual_cost": 2500},
//!               {"id": "B", "name": "Build", "duration": "5d", "cost": 10000}],
//!     "links": [{"from": "A", "to": "B"}]}"#)?;
//! let at = TrackOptions::at("2026-01-07T17:00".parse()?);
//! let evm = track::evm(&doc.project, &doc.options, &at)?;
//! // Three of A's five days were planned by Wednesday evening: PV = 3000; 40 % earned: EV = 2000.
//! assert_eq!((evm.project.pv, evm.project.ev), (3000.0, 2000.0));
//! assert_eq!(evm.project.spi, Some(2000.0 / 3000.0));
//! assert_eq!(evm.project.es_working_days, Some(2.0)); // the plan had earned 2000 by Tuesday evening
//! # Ok::<(), jindu::Error>(())
//! ```
//!
//! The formulas, the accrual rule, the alert rules, the buffer method and what the client's
//! view removes are described in `core/DESIGN.md` ("Tracking").

mod alerts;
mod buffer;
mod client;
mod evm;
mod report;
mod request;
mod status;
mod text;
mod variance;
mod whatif;

use serde::Serialize;

pub use crate::io::json::out::Iso as Stamp;
pub use alerts::{Alert, AlertItem, AlertOptions, ItemKind, Severity, Webhook, CODES};
pub use buffer::{Buffer, BufferKind, BufferMethod, BufferOptions, Buffers, FeverZones, Zone};
pub use client::{ClientLink, ClientTask, ClientView};
pub use evm::{EacMethod, Evm, EvmPoint, EvmSeries, IeacMethod, Metrics, TaskMetrics};
pub use report::{
    Health, MilestoneLine, Period, PeriodKind, ReportItem, ReportOptions, Shape, StatusReport,
    CHARTS_MARK,
};
pub use request::{AlertRequest, TrackRequest};
pub use status::Status;
pub use text::Lang;
pub use variance::{compare, compare_documents, Comparison, Moved, TaskVariance, Variance};
pub use whatif::{whatif, ChangeInput, ChangeSet, TrackChange, WhatIf, WhatIfBuffer};

use crate::error::Result;
use crate::model::Project;
use crate::schedule::ScheduleOptions;
use crate::time::DateTime;

/// What budgets are measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Money: baseline costs, else the tasks' `cost` (and, once the model has them, resource
    /// rates).
    Cost,
    /// Planned working hours, when no task has a cost: schedule indices still mean something,
    /// cost indices are `null`.
    Duration,
}

/// How to track: the status date, the plan to measure against, the forecasting methods and
/// the alert and buffer rules.
///
/// ```
/// use jindu::track::{EacMethod, TrackOptions};
/// let o = TrackOptions::at("2026-02-06T17:00".parse()?).baseline(1).eac(EacMethod::CpiSpi);
/// assert_eq!(o.baseline, Some(1));
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrackOptions {
    /// The status date; `None` takes the project's own.
    pub status_date: Option<DateTime>,
    /// The baseline to measure against; `None` takes the lowest-numbered one, or the schedule
    /// without progress when the project has none.
    pub baseline: Option<u8>,
    /// Budgets in money or in hours; `None`: money when any task has a cost.
    pub basis: Option<Basis>,
    /// The EAC method.
    pub eac: EacMethod,
    /// The IEAC(t) method.
    pub ieac: IeacMethod,
    /// Alert thresholds.
    pub alerts: AlertOptions,
    /// Buffer sizes and zones.
    pub buffers: BufferOptions,
}

impl TrackOptions {
    /// The defaults at status date `d`.
    pub fn at(d: DateTime) -> TrackOptions {
        TrackOptions {
            status_date: Some(d),
            ..TrackOptions::default()
        }
    }

    /// Sets [`TrackOptions::baseline`].
    pub fn baseline(mut self, n: u8) -> Self {
        self.baseline = Some(n);
        self
    }

    /// Sets [`TrackOptions::eac`].
    pub fn eac(mut self, m: EacMethod) -> Self {
        self.eac = m;
        self
    }

    /// Sets [`TrackOptions::ieac`].
    pub fn ieac(mut self, m: IeacMethod) -> Self {
        self.ieac = m;
        self
    }
}

/// Earned value and earned schedule of `project` (scheduled with `options`) at the status
/// date of `track`.
pub fn evm(project: &Project, options: &ScheduleOptions, track: &TrackOptions) -> Result<Evm> {
    Ok(Status::new(project, options, track)?.evm())
}

/// Earned value of `project` as curves over time, a point every `period`, ending in the
/// metrics [`evm`] gives at the status date.
pub fn evm_series(
    project: &Project,
    options: &ScheduleOptions,
    track: &TrackOptions,
    period: PeriodKind,
) -> Result<EvmSeries> {
    Ok(Status::new(project, options, track)?.evm_series(period))
}

/// The alerts of `project` at the status date.
pub fn alerts(
    project: &Project,
    options: &ScheduleOptions,
    track: &TrackOptions,
) -> Result<Vec<Alert>> {
    Ok(Status::new(project, options, track)?.alerts(Lang::En))
}

/// The project and feeding buffers of `project` and how much of each is consumed.
pub fn buffers(
    project: &Project,
    options: &ScheduleOptions,
    track: &TrackOptions,
) -> Result<Buffers> {
    Ok(Status::new(project, options, track)?.buffers())
}

/// Start, finish, duration, work and cost variance of every task against baseline `n` (the
/// first when `None`).
pub fn variance(
    project: &Project,
    options: &ScheduleOptions,
    track: &TrackOptions,
) -> Result<Variance> {
    Ok(Status::new(project, options, track)?.variance())
}

/// The status report of `project` for a period ending at the status date.
pub fn report(
    project: &Project,
    options: &ScheduleOptions,
    track: &TrackOptions,
    report: &ReportOptions,
) -> Result<StatusReport> {
    Ok(Status::new(project, options, track)?.report(report))
}

/// The client's view of `project`: the schedule and the report without internal tasks,
/// resources and costs.
pub fn client_view(
    project: &Project,
    options: &ScheduleOptions,
    track: &TrackOptions,
    report: &ReportOptions,
) -> Result<ClientView> {
    Ok(Status::new(project, options, track)?.client_view(report))
}

#[cfg(test)]
mod tests;
