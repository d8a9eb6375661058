//! Earned value and earned schedule at the status date, per task, per summary and for the
//! project.
//!
//! Planned value comes from the plan (the first baseline, else the schedule without
//! progress): each task's budget accrues evenly over its planned working time (Microsoft
//! Project's default prorated accrual), so the planned value curve is exact at every minute.
//! Earned value is the budget times percent complete; actual cost is the task's
//! `actual_cost`, or, when none is recorded, its current cost times percent complete (what
//! Microsoft Project calculates by default).
//!
//! Earned schedule (Lipke 2003) inverts the planned value curve: ES is the latest working
//! time at which the plan had earned what the project has earned now, interpolated linearly
//! within the minute (with whole periods and a linear plan inside each, this is exactly
//! Lipke's `ES = C + I`).

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::id::TaskIndex;
use crate::time::DateTime;

use super::status::Status;
use super::{Basis, Stamp};

/// How the estimate at completion (EAC) is forecast (PMI, *Practice Standard for Earned Value
/// Management*, 2nd ed., 2011, ch. 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EacMethod {
    /// `BAC / CPI`: the remaining work at the cost efficiency so far (the default).
    #[default]
    Cpi,
    /// `AC + (BAC − EV)`: the remaining work at the planned rate (an atypical variance).
    PlannedRate,
    /// `AC + (BAC − EV) / (CPI × SPI)`: cost and schedule efficiency together.
    CpiSpi,
}

/// How the duration at completion IEAC(t) is forecast from earned schedule (Vandevoorde &
/// Vanhoucke 2006, the performance factor PF of `AT + (PD − ES) / PF`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IeacMethod {
    /// PF = SPI(t): `PD / SPI(t)` (the default, Lipke's IEAC(t)).
    #[default]
    SpiT,
    /// PF = 1: `AT + (PD − ES)`, the remaining work as planned.
    PlannedRate,
    /// PF = CPI × SPI(t) (the schedule cost index).
    CpiSpiT,
}

impl FromStr for EacMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<EacMethod> {
        match s {
            "cpi" => Ok(EacMethod::Cpi),
            "planned_rate" => Ok(EacMethod::PlannedRate),
            "cpi_spi" => Ok(EacMethod::CpiSpi),
            _ => Err(Error::parse(
                "EAC method",
                s,
                "expected cpi, planned_rate or cpi_spi",
            )),
        }
    }
}

impl FromStr for IeacMethod {
    type Err = Error;
    fn from_str(s: &str) -> Result<IeacMethod> {
        match s {
            "spi_t" => Ok(IeacMethod::SpiT),
            "planned_rate" => Ok(IeacMethod::PlannedRate),
            "cpi_spi_t" => Ok(IeacMethod::CpiSpiT),
            _ => Err(Error::parse(
                "IEAC(t) method",
                s,
                "expected spi_t, planned_rate or cpi_spi_t",
            )),
        }
    }
}

impl fmt::Display for EacMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EacMethod::Cpi => "cpi",
            EacMethod::PlannedRate => "planned_rate",
            EacMethod::CpiSpi => "cpi_spi",
        })
    }
}

/// Earned value and earned schedule of the project, a summary or a task.
///
/// Amounts are in the currency of the costs (hours on the duration basis); times are working
/// days of the project calendar (`1d`). A ratio is `null` when its denominator is zero.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Metrics {
    /// Budget at completion (BAC).
    pub bac: f64,
    /// Planned value at the status date (PV, BCWS).
    pub pv: f64,
    /// Earned value (EV, BCWP): budget × percent complete.
    pub ev: f64,
    /// Actual cost (AC, ACWP); `null` on the duration basis.
    pub ac: Option<f64>,
    /// Schedule variance `EV − PV`.
    pub sv: f64,
    /// Cost variance `EV − AC`.
    pub cv: Option<f64>,
    /// Schedule performance index `EV / PV`.
    pub spi: Option<f64>,
    /// Cost performance index `EV / AC`.
    pub cpi: Option<f64>,
    /// Estimate at completion, by the selected method.
    pub eac: Option<f64>,
    /// Estimate to complete `EAC − AC`.
    pub etc: Option<f64>,
    /// Variance at completion `BAC − EAC`.
    pub vac: Option<f64>,
    /// To-complete performance index to meet the budget `(BAC − EV) / (BAC − AC)`.
    pub tcpi: Option<f64>,
    /// To-complete performance index to meet the estimate `(BAC − EV) / (EAC − AC)`.
    pub tcpi_eac: Option<f64>,
    /// Earned percent complete `EV / BAC × 100`.
    pub percent_complete: Option<f64>,
    /// Planned percent complete `PV / BAC × 100`.
    pub planned_percent_complete: Option<f64>,
    /// Planned duration PD, from the planned start to the planned finish.
    pub pd_working_days: f64,
    /// Actual time AT, from the planned start to the status date (or the actual finish).
    pub at_working_days: f64,
    /// Earned schedule ES: when the plan had earned what is earned now.
    pub es_working_days: Option<f64>,
    /// Schedule variance in time `ES − AT`.
    pub sv_t_working_days: Option<f64>,
    /// Schedule performance index in time `ES / AT`.
    pub spi_t: Option<f64>,
    /// To-complete schedule performance index `(PD − ES) / (PD − AT)`.
    pub tspi: Option<f64>,
    /// Independent estimate of the duration at completion, by the selected method.
    pub ieac_t_working_days: Option<f64>,
    /// The planned start.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub planned_start: Stamp,
    /// The planned finish.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub planned_finish: Stamp,
    /// The forecast finish: the planned start plus IEAC(t) (the actual finish once complete).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub forecast_finish: Option<Stamp>,
    /// Forecast finish less planned finish, in working days (positive: late).
    pub finish_variance_working_days: Option<f64>,
}

/// The metrics of one task or summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct TaskMetrics {
    /// The task's key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether it is a summary (its metrics roll up from its subtasks).
    pub summary: bool,
    /// Whether it is a milestone.
    pub milestone: bool,
    /// Whether it is in the plan (a task without the baseline has no planned value).
    pub in_plan: bool,
    /// Its metrics.
    #[serde(flatten)]
    pub metrics: Metrics,
}

/// Earned value and earned schedule at a status date: the project's metrics (at the top
/// level) and every task's.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Evm {
    /// The status date.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub status_date: Stamp,
    /// What budgets are measured in: `cost` or `duration` (planned hours).
    pub basis: Basis,
    /// The baseline planned value comes from (`null`: the schedule without progress).
    pub baseline: Option<u8>,
    /// The EAC method.
    pub eac_method: EacMethod,
    /// The IEAC(t) method.
    pub ieac_method: IeacMethod,
    /// The project's metrics.
    #[serde(flatten)]
    pub project: Metrics,
    /// Every task's metrics, in the project's order.
    pub tasks: Vec<TaskMetrics>,
}

/// A set of leaf tasks measured together (a task, a summary or the project).
struct Frame {
    origin: DateTime,
    end: DateTime,
    pd: i64,
    bac: f64,
    pv: f64,
    ev: f64,
    ac: Option<f64>,
    es: Option<f64>,
    at: i64,
    done: Option<DateTime>,
}

impl Status<'_> {
    /// Planned value of task `i` at `t`.
    fn pv_task(&self, i: TaskIndex, t: DateTime) -> f64 {
        let p = &self.planned[i.index()];
        if p.budget == 0.0 {
            return 0.0;
        }
        if p.work == 0 {
            return if t >= p.finish { p.budget } else { 0.0 };
        }
        let done = self.task_time(i, p.start, t).clamp(0, p.work);
        p.budget * done as f64 / p.work as f64
    }

    fn ev_task(&self, i: TaskIndex) -> f64 {
        self.planned[i.index()].budget * self.percent(i) / 100.0
    }

    /// Actual cost of leaf `i` (`None` on the duration basis).
    pub(crate) fn ac_task(&self, i: TaskIndex) -> Option<f64> {
        if self.basis == Basis::Duration {
            return None;
        }
        Some(match self.project.task(i).actual_cost {
            Some(m) => m.value(),
            None => self.current_cost(i) * self.percent(i) / 100.0,
        })
    }

    fn frame(&self, leaves: &[TaskIndex]) -> Option<Frame> {
        let plan: Vec<TaskIndex> = leaves
            .iter()
            .copied()
            .filter(|&i| self.planned[i.index()].in_plan)
            .collect();
        let origin = plan.iter().map(|&i| self.planned[i.index()].start).min()?;
        let end = plan.iter().map(|&i| self.planned[i.index()].finish).max()?;
        let cal = self.pcal();
        let pd = cal.work_between(origin, end).max(0);
        let pv_at = |t: DateTime| plan.iter().map(|&i| self.pv_task(i, t)).sum::<f64>();
        let bac: f64 = plan.iter().map(|&i| self.planned[i.index()].budget).sum();
        let ev: f64 = plan.iter().map(|&i| self.ev_task(i)).sum();
        let ac = leaves.iter().map(|&i| self.ac_task(i)).sum::<Option<f64>>();
        let done = if leaves.iter().all(|&i| self.complete(i)) {
            leaves
                .iter()
                .filter_map(|&i| self.project.task(i).progress.actual_finish)
                .max()
        } else {
            None
        };
        let until = done.map_or(self.status, |d| d.min(self.status));
        let at = cal.work_between(origin, until).max(0);
        let at_x = |x: i64| cal.add_work(origin, x).unwrap_or(end);
        let es = if bac <= 0.0 || pd == 0 {
            None
        } else if ev >= bac {
            Some(pd as f64)
        } else {
            // The latest minute x with PV(x) <= EV, then the share of the next minute.
            let (mut lo, mut hi) = (0i64, pd);
            if pv_at(at_x(0)) > ev {
                Some(0.0)
            } else {
                while hi - lo > 1 {
                    let mid = lo + (hi - lo) / 2;
                    if pv_at(at_x(mid)) <= ev {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                let (a, b) = (pv_at(at_x(lo)), pv_at(at_x(lo + 1)));
                let share = if b > a {
                    ((ev - a) / (b - a)).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                Some(lo as f64 + share)
            }
        };
        Some(Frame {
            origin,
            end,
            pd,
            bac,
            pv: pv_at(self.status),
            ev,
            ac,
            es,
            at,
            done,
        })
    }

    fn metrics(&self, f: &Frame) -> Metrics {
        let t = &self.track;
        let day = self.day();
        let ratio = |a: f64, b: f64| (b != 0.0 && (a / b).is_finite()).then(|| a / b);
        let (bac, pv, ev) = (f.bac, f.pv, f.ev);
        let spi = ratio(ev, pv);
        let cpi = f.ac.and_then(|ac| ratio(ev, ac));
        let eac = f.ac.and_then(|ac| match t.eac {
            EacMethod::Cpi => cpi.and_then(|c| ratio(bac, c)),
            EacMethod::PlannedRate => Some(ac + bac - ev),
            EacMethod::CpiSpi => match (cpi, spi) {
                (Some(c), Some(s)) => ratio(bac - ev, c * s).map(|r| ac + r),
                _ => None,
            },
        });
        let (pd, at) = (f.pd as f64, f.at as f64);
        let spi_t = f.es.and_then(|es| ratio(es, at));
        let ieac = f.es.and_then(|es| match t.ieac {
            IeacMethod::SpiT => spi_t.and_then(|s| ratio(pd, s)),
            IeacMethod::PlannedRate => Some(at + pd - es),
            IeacMethod::CpiSpiT => match (cpi, spi_t) {
                (Some(c), Some(s)) => ratio(pd - es, c * s).map(|r| at + r),
                _ => None,
            },
        });
        let cal = self.pcal();
        let forecast = match f.done {
            Some(d) => Some(d),
            None => ieac
                .filter(|x| *x < 1e12)
                .and_then(|x| cal.add_work(f.origin, x.round() as i64).ok()),
        };
        Metrics {
            bac,
            pv,
            ev,
            ac: f.ac,
            sv: ev - pv,
            cv: f.ac.map(|ac| ev - ac),
            spi,
            cpi,
            eac,
            etc: eac.zip(f.ac).map(|(e, a)| e - a),
            vac: eac.map(|e| bac - e),
            tcpi: f.ac.and_then(|ac| ratio(bac - ev, bac - ac)),
            tcpi_eac: eac.zip(f.ac).and_then(|(e, ac)| ratio(bac - ev, e - ac)),
            percent_complete: ratio(ev, bac).map(|r| r * 100.0),
            planned_percent_complete: ratio(pv, bac).map(|r| r * 100.0),
            pd_working_days: pd / day,
            at_working_days: at / day,
            es_working_days: f.es.map(|e| e / day),
            sv_t_working_days: f.es.map(|e| (e - at) / day),
            spi_t,
            tspi: f.es.and_then(|es| ratio(pd - es, pd - at)),
            ieac_t_working_days: ieac.map(|x| x / day),
            planned_start: Stamp(f.origin),
            planned_finish: Stamp(f.end),
            forecast_finish: forecast.map(Stamp),
            finish_variance_working_days: forecast
                .map(|d| self.pcal().work_between(f.end, d) as f64 / day),
        }
    }

    /// Metrics of a task or summary, or `None` for a task outside the plan.
    pub(crate) fn task_metrics(&self, i: TaskIndex) -> Option<Metrics> {
        let leaves = self.leaves_under(i);
        self.frame(&leaves).map(|f| self.metrics(&f))
    }

    /// The project's metrics.
    pub(crate) fn project_metrics(&self) -> Metrics {
        let leaves: Vec<TaskIndex> = self.tasks().filter(|&i| self.leaf[i.index()]).collect();
        match self.frame(&leaves) {
            Some(f) => self.metrics(&f),
            None => self.metrics(&Frame {
                origin: self.schedule.project_start,
                end: self.schedule.project_finish,
                pd: self.work(self.schedule.project_start, self.schedule.project_finish),
                bac: 0.0,
                pv: 0.0,
                ev: 0.0,
                ac: leaves.iter().map(|&i| self.ac_task(i)).sum(),
                es: None,
                at: self.work(self.schedule.project_start, self.status).max(0),
                done: None,
            }),
        }
    }

    /// Earned value and earned schedule of the project and every task.
    pub fn evm(&self) -> Evm {
        let project = self.project_metrics();
        let tasks = self
            .tasks()
            .map(|i| {
                let t = self.project.task(i);
                let summary = !self.leaf[i.index()];
                let in_plan = if summary {
                    self.leaves_under(i)
                        .iter()
                        .any(|&k| self.planned[k.index()].in_plan)
                } else {
                    self.planned[i.index()].in_plan
                };
                let metrics = self.task_metrics(i).unwrap_or_else(|| {
                    let s = self.schedule.task(i);
                    self.metrics(&Frame {
                        origin: s.start,
                        end: s.finish,
                        pd: 0,
                        bac: 0.0,
                        pv: 0.0,
                        ev: 0.0,
                        ac: self.leaves_under(i).iter().map(|&k| self.ac_task(k)).sum(),
                        es: None,
                        at: 0,
                        done: t.progress.actual_finish,
                    })
                });
                TaskMetrics {
                    id: t.id.to_string(),
                    name: t.name.clone(),
                    summary,
                    milestone: !summary && t.duration.is_zero(),
                    in_plan,
                    metrics,
                }
            })
            .collect();
        Evm {
            status_date: Stamp(self.status),
            basis: self.basis,
            baseline: self.baseline,
            eac_method: self.track.eac,
            ieac_method: self.track.ieac,
            project,
            tasks,
        }
    }
}

/// One date of an [`EvmSeries`]: planned value over the whole plan, earned value and actual
/// cost up to the status date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EvmPoint {
    /// The instant.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub date: Stamp,
    /// Planned value at this instant.
    pub pv: f64,
    /// Earned value; `null` after the status date.
    pub ev: Option<f64>,
    /// Actual cost; `null` after the status date and on the duration basis.
    pub ac: Option<f64>,
}

/// The project's earned value as curves over time (what an earned value chart draws), with
/// the point metrics it ends in.
///
/// Planned value is the same accrual as [`Metrics::pv`] at every date. Earned value and actual
/// cost are known only at the status date; before it each task's EV and AC are spread evenly
/// over the working time it has been in progress (its actual start, else its scheduled start,
/// to its actual finish or the status date), so the curves end exactly at
/// [`Metrics::ev`] and [`Metrics::ac`].
///
/// ```
/// use jindu::track::{self, PeriodKind, TrackOptions};
/// let doc = jindu::io::json::read(r#"{"name": "Demo", "start": "2026-01-05",
///     "tasks": [{"id": "A", "duration": "2d", "cost": 1000, "percent_complete": 50,
///                "actual_start": "2026-01-05", "actual_cost": 600}]}"#)?;
/// let at = TrackOptions::at("2026-01-05T17:00".parse()?);
/// let s = track::evm_series(&doc.project, &doc.options, &at, PeriodKind::Day)?;
/// let now = s.points.iter().find(|p| p.date == s.status_date).unwrap();
/// assert_eq!((now.pv, now.ev, now.ac), (500.0, Some(500.0), Some(600.0)));
/// assert_eq!(s.points.last().unwrap().pv, s.metrics.bac);
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct EvmSeries {
    /// The status date.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub status_date: Stamp,
    /// What amounts are measured in.
    pub basis: Basis,
    /// The baseline planned value comes from (`null`: the schedule without progress).
    pub baseline: Option<u8>,
    /// The step between points.
    pub period: super::PeriodKind,
    /// The project's metrics at the status date.
    pub metrics: Metrics,
    /// The points in time order: the first planned or actual start, every period boundary,
    /// the status date and the planned finish (each once).
    pub points: Vec<EvmPoint>,
}

impl Status<'_> {
    /// The share (0–1) of task `i`'s earned value and actual cost accrued by `t`: all of it
    /// from the status date on; before, in proportion to the working time the task has been in
    /// progress.
    fn accrued(&self, i: TaskIndex, t: DateTime) -> f64 {
        if t >= self.status {
            return 1.0;
        }
        let pr = &self.project.task(i).progress;
        if !self.started(i) {
            return 0.0;
        }
        let a = pr.actual_start.unwrap_or(self.schedule.task(i).start);
        let b = pr.actual_finish.map_or(self.status, |f| f.min(self.status));
        if b <= a {
            return if t >= b { 1.0 } else { 0.0 };
        }
        let whole = self.task_time(i, a, b);
        if whole <= 0 {
            return if t >= b { 1.0 } else { 0.0 };
        }
        (self.task_time(i, a, t.min(b)).max(0) as f64 / whole as f64).clamp(0.0, 1.0)
    }

    /// Earned value and actual cost as curves, a point every `period` (see [`EvmSeries`]).
    pub fn evm_series(&self, period: super::PeriodKind) -> EvmSeries {
        let metrics = self.project_metrics();
        let leaves: Vec<TaskIndex> = self.tasks().filter(|&i| self.leaf[i.index()]).collect();
        let plan: Vec<TaskIndex> = leaves
            .iter()
            .copied()
            .filter(|&i| self.planned[i.index()].in_plan)
            .collect();
        let (start, finish) = (metrics.planned_start.0, metrics.planned_finish.0);
        let first = leaves
            .iter()
            .filter(|&&i| self.started(i))
            .map(|&i| {
                let p = &self.project.task(i).progress;
                p.actual_start.unwrap_or(self.schedule.task(i).start)
            })
            .fold(start, DateTime::min)
            .min(self.status);
        let last = finish.max(self.status);
        let mut dates = vec![first, self.status, finish];
        let mut t = first.date().at(0);
        while t < last && dates.len() < 20_000 {
            let n = super::report::back(t, period, true);
            if n <= t {
                break;
            }
            t = n;
            dates.push(t.min(last));
        }
        dates.sort();
        dates.dedup();
        let points = dates
            .into_iter()
            .map(|d| {
                let pv = plan.iter().map(|&i| self.pv_task(i, d)).sum::<f64>();
                let (ev, ac) = if d > self.status {
                    (None, None)
                } else {
                    let ev = plan
                        .iter()
                        .map(|&i| self.ev_task(i) * self.accrued(i, d))
                        .sum::<f64>();
                    let ac = leaves
                        .iter()
                        .map(|&i| self.ac_task(i).map(|c| c * self.accrued(i, d)))
                        .sum::<Option<f64>>();
                    (Some(ev), ac)
                };
                EvmPoint {
                    date: Stamp(d),
                    pv,
                    ev,
                    ac,
                }
            })
            .collect();
        EvmSeries {
            status_date: Stamp(self.status),
            basis: self.basis,
            baseline: self.baseline,
            period,
            metrics,
            points,
        }
    }
}
