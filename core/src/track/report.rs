//! The status report for a period (a day, a week, a month) ending at the status date: what was
//! done and started, what is overdue, due next or blocked, the milestones, progress and
//! performance, risks and alerts — as data, and rendered as Markdown and HTML in English or
//! Simplified Chinese.

use std::fmt::Write as _;
use std::str::FromStr;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::id::TaskIndex;
use crate::model::{LinkType, Visibility};
use crate::time::{Date, DateTime};

use super::alerts::{Alert, Severity};
use super::buffer::{Buffer, Zone};
use super::status::{baseline_of, Status};
use super::text::{html, md, Lang};
use super::Stamp;

/// How long a report's period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// A day (日报).
    Day,
    /// A week (周报, the default).
    #[default]
    Week,
    /// A month (月报).
    Month,
}

impl FromStr for PeriodKind {
    type Err = Error;
    fn from_str(s: &str) -> Result<PeriodKind> {
        match s {
            "day" => Ok(PeriodKind::Day),
            "week" => Ok(PeriodKind::Week),
            "month" => Ok(PeriodKind::Month),
            _ => Err(Error::parse("period", s, "expected day, week or month")),
        }
    }
}

/// What goes into a report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// The period (default a week).
    pub period: PeriodKind,
    /// The language (default English).
    pub lang: Lang,
    /// The currency of the costs, shown with amounts (e.g. `CNY`).
    pub currency: Option<String>,
    /// How many risks to list (default 5).
    pub top_risks: usize,
    /// Whether this is the client's view: nothing internal, no costs.
    pub client: bool,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            period: PeriodKind::Week,
            lang: Lang::En,
            currency: None,
            top_risks: 5,
            client: false,
        }
    }
}

/// A period: after `from`, up to and including `to`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Period {
    /// Its kind.
    pub kind: PeriodKind,
    /// Its start (exclusive).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub from: Stamp,
    /// Its end (inclusive).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub to: Stamp,
}

/// The project's overall state: red with a critical alert, yellow with a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Health {
    /// On track.
    Green,
    /// At risk.
    Yellow,
    /// Off track.
    Red,
}

/// A task in one of the report's lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ReportItem {
    /// The task's key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether it is a milestone.
    pub milestone: bool,
    /// Whether it is critical.
    pub critical: bool,
    /// Scheduled start.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub start: Stamp,
    /// Scheduled finish.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub finish: Stamp,
    /// Planned (baseline) start.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub planned_start: Stamp,
    /// Planned (baseline) finish.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub planned_finish: Stamp,
    /// Actual start.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub actual_start: Option<Stamp>,
    /// Actual finish.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub actual_finish: Option<Stamp>,
    /// Percent complete.
    pub percent_complete: f64,
    /// How far behind its plan it is, in working minutes of its calendar (0 when on plan).
    pub behind_minutes: i64,
    /// For a blocked task, the names of the unfinished predecessors it waits for.
    pub waiting_for: Vec<String>,
}

/// A milestone: its baseline against its forecast.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MilestoneLine {
    /// The milestone's key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its baseline date.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub baseline: Option<Stamp>,
    /// Its forecast (the scheduled date; the actual date once reached).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub forecast: Stamp,
    /// Its deadline.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub deadline: Option<Stamp>,
    /// Forecast − baseline, in working days (positive: late).
    pub variance_working_days: Option<f64>,
    /// `done`, `on_track`, `late` (after its baseline) or `missed` (after its deadline).
    pub status: &'static str,
}

/// Progress and performance at the status date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Summary {
    /// Earned percent complete (EV / BAC).
    pub percent_complete: Option<f64>,
    /// Planned percent complete (PV / BAC).
    pub planned_percent_complete: Option<f64>,
    /// SPI.
    pub spi: Option<f64>,
    /// SPI(t).
    pub spi_t: Option<f64>,
    /// SV(t) in working days.
    pub sv_t_working_days: Option<f64>,
    /// CPI (`null` in the client's view).
    pub cpi: Option<f64>,
    /// BAC (`null` in the client's view).
    pub bac: Option<f64>,
    /// AC (`null` in the client's view).
    pub ac: Option<f64>,
    /// EAC (`null` in the client's view).
    pub eac: Option<f64>,
    /// The forecast finish.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub forecast_finish: Option<Stamp>,
    /// The scheduled finish.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub scheduled_finish: Stamp,
    /// The planned (baseline) finish.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub planned_finish: Stamp,
    /// Forecast − planned finish, in working days.
    pub finish_variance_working_days: Option<f64>,
}

/// A status report: as data (`serde_json`), and as Markdown ([`StatusReport::markdown`]) and
/// HTML ([`StatusReport::html`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StatusReport {
    /// The project's name.
    pub project: String,
    /// The language of its texts.
    pub lang: Lang,
    /// `team` or `client`.
    pub audience: &'static str,
    /// The status date.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub status_date: Stamp,
    /// The period reported on.
    pub period: Period,
    /// The period after it (what is due next).
    pub next_period: Period,
    /// The overall state.
    pub health: Health,
    /// Progress and performance.
    pub summary: Summary,
    /// Tasks finished in the period.
    pub done: Vec<ReportItem>,
    /// Tasks started in the period.
    pub started: Vec<ReportItem>,
    /// Unfinished tasks past their planned finish.
    pub overdue: Vec<ReportItem>,
    /// Unfinished tasks scheduled to finish in the next period.
    pub due_next: Vec<ReportItem>,
    /// Tasks that should have started and wait for an unfinished predecessor.
    pub blocked: Vec<ReportItem>,
    /// Every milestone.
    pub milestones: Vec<MilestoneLine>,
    /// The project buffer.
    pub buffer: Option<Buffer>,
    /// The most serious alerts (warnings and critical), at most `top_risks`.
    pub risks: Vec<Alert>,
    /// Every alert.
    pub alerts: Vec<Alert>,
    /// The currency of amounts.
    pub currency: Option<String>,
}

pub(super) fn back(d: DateTime, kind: PeriodKind, forward: bool) -> DateTime {
    let sign = if forward { 1 } else { -1 };
    match kind {
        PeriodKind::Day => d.add_minutes(sign * 1440),
        PeriodKind::Week => d.add_minutes(sign * 7 * 1440),
        PeriodKind::Month => {
            let (y, m, day) = d.date().ymd();
            let (y, m) = match (forward, m) {
                (true, 12) => (y + 1, 1),
                (true, m) => (y, m + 1),
                (false, 1) => (y - 1, 12),
                (false, m) => (y, m - 1),
            };
            let mut dd = day;
            let date = loop {
                if let Some(x) = Date::from_ymd(y, m, dd) {
                    break x;
                }
                dd -= 1;
            };
            date.at(d.minute_of_day())
        }
    }
}

impl Status<'_> {
    fn shown(&self, i: TaskIndex, client: bool) -> bool {
        !client || self.visible[i.index()]
    }

    fn report_item(&self, i: TaskIndex, client: bool) -> ReportItem {
        let t = self.project.task(i);
        let s = self.schedule.task(i);
        let p = &self.planned[i.index()];
        let waiting_for = self
            .project
            .links()
            .iter()
            .filter(|l| l.to == i && self.shown(l.from, client))
            .filter(|l| match l.kind {
                LinkType::StartToStart | LinkType::StartToFinish => !self.started(l.from),
                _ => !self.complete(l.from),
            })
            .map(|l| self.project.task(l.from).name.clone())
            .collect();
        ReportItem {
            id: t.id.to_string(),
            name: t.name.clone(),
            milestone: t.duration.is_zero(),
            critical: s.critical,
            start: Stamp(s.start),
            finish: Stamp(s.finish),
            planned_start: Stamp(p.start),
            planned_finish: Stamp(p.finish),
            actual_start: t.progress.actual_start.map(Stamp),
            actual_finish: t.progress.actual_finish.map(Stamp),
            percent_complete: self.percent(i),
            behind_minutes: self.lateness(i).map_or(0, |(l, _)| l),
            waiting_for,
        }
    }

    /// The status report for the period ending at the status date.
    pub fn report(&self, o: &ReportOptions) -> StatusReport {
        let client = o.client;
        let sd = self.status;
        let period = Period {
            kind: o.period,
            from: Stamp(back(sd, o.period, false)),
            to: Stamp(sd),
        };
        let next = Period {
            kind: o.period,
            from: Stamp(sd),
            to: Stamp(back(sd, o.period, true)),
        };
        let leaves: Vec<TaskIndex> = self
            .tasks()
            .filter(|&i| self.leaf[i.index()] && self.shown(i, client))
            .collect();
        let within =
            |d: Option<DateTime>, p: &Period| d.is_some_and(|d| d > p.from.0 && d <= p.to.0);
        let pick = |f: &dyn Fn(TaskIndex) -> bool| -> Vec<ReportItem> {
            leaves
                .iter()
                .copied()
                .filter(|&i| f(i))
                .map(|i| self.report_item(i, client))
                .collect()
        };
        let done = pick(&|i| within(self.project.task(i).progress.actual_finish, &period));
        let started = pick(&|i| within(self.project.task(i).progress.actual_start, &period));
        let overdue = pick(&|i| {
            !self.complete(i)
                && self.planned[i.index()].in_plan
                && self.planned[i.index()].finish <= sd
        });
        let due_next =
            pick(&|i| !self.complete(i) && within(Some(self.schedule.task(i).finish), &next));
        let blocked: Vec<ReportItem> =
            pick(&|i| !self.started(i) && self.planned[i.index()].start <= sd)
                .into_iter()
                .filter(|r| !r.waiting_for.is_empty())
                .collect();
        let milestones = leaves
            .iter()
            .copied()
            .filter(|&i| self.project.task(i).duration.is_zero())
            .map(|i| {
                let t = self.project.task(i);
                let s = self.schedule.task(i);
                let base = self
                    .baseline
                    .and_then(|n| baseline_of(&t.baselines, n))
                    .and_then(|b| b.finish);
                let forecast = t.progress.actual_finish.unwrap_or(s.finish);
                let var = base.map(|b| self.task_time(i, b, forecast) as f64 / self.day());
                let status = if self.complete(i) {
                    "done"
                } else if t.deadline.is_some_and(|d| forecast > d) {
                    "missed"
                } else if var.is_some_and(|v| v > 0.0) || self.lateness(i).is_some() {
                    "late"
                } else {
                    "on_track"
                };
                MilestoneLine {
                    id: t.id.to_string(),
                    name: t.name.clone(),
                    baseline: base.map(Stamp),
                    forecast: Stamp(forecast),
                    deadline: t.deadline.map(Stamp),
                    variance_working_days: var,
                    status,
                }
            })
            .collect();
        let alerts = self.alerts_for(o.lang, None, client);
        let risks: Vec<Alert> = alerts
            .iter()
            .filter(|a| a.severity >= Severity::Warning)
            .take(o.top_risks)
            .cloned()
            .collect();
        let health = if alerts.iter().any(|a| a.severity == Severity::Critical) {
            Health::Red
        } else if alerts.iter().any(|a| a.severity == Severity::Warning) {
            Health::Yellow
        } else {
            Health::Green
        };
        let m = self.project_metrics();
        let money = |v: Option<f64>| if client { None } else { v };
        let summary = Summary {
            percent_complete: m.percent_complete,
            planned_percent_complete: m.planned_percent_complete,
            spi: m.spi,
            spi_t: m.spi_t,
            sv_t_working_days: m.sv_t_working_days,
            cpi: money(m.cpi),
            bac: money((m.bac > 0.0 && self.basis == super::Basis::Cost).then_some(m.bac)),
            ac: money(if self.basis == super::Basis::Cost {
                m.ac
            } else {
                None
            }),
            eac: money(if self.basis == super::Basis::Cost {
                m.eac
            } else {
                None
            }),
            forecast_finish: m.forecast_finish,
            scheduled_finish: Stamp(self.schedule.project_finish),
            planned_finish: m.planned_finish,
            finish_variance_working_days: m.finish_variance_working_days,
        };
        let mut buffer = self.buffers().buffers.into_iter().next();
        if let (Some(b), true) = (&mut buffer, client) {
            b.chain.retain(|id| {
                self.project
                    .index_of(id)
                    .is_some_and(|i| self.visible[i.index()])
            });
        }
        StatusReport {
            project: self.project.name().to_owned(),
            lang: o.lang,
            audience: if client { "client" } else { "team" },
            status_date: Stamp(sd),
            period,
            next_period: next,
            health,
            summary,
            done,
            started,
            overdue,
            due_next,
            blocked,
            milestones,
            buffer,
            risks,
            alerts,
            currency: if client { None } else { o.currency.clone() },
        }
    }

    /// The alerts, for the client (`client`) with nothing internal: rules about internal
    /// tasks and resources are left out, and so are costs.
    pub(crate) fn alerts_for(
        &self,
        lang: Lang,
        snapshot: Option<(&crate::model::Project, &crate::schedule::Schedule)>,
        client: bool,
    ) -> Vec<Alert> {
        if !client {
            return self.alerts_since(lang, snapshot);
        }
        let internal_resource = |id: &str| {
            self.project
                .resources()
                .iter()
                .any(|r| r.id.as_str() == id && r.visibility == Visibility::Internal)
        };
        let internal_task = |id: &str| {
            self.project
                .index_of(id)
                .is_some_and(|i| !self.visible[i.index()])
        };
        let mut out: Vec<Alert> = self
            .alerts_since(lang, snapshot)
            .into_iter()
            // Cost and effort against budget are the team's (`cpi_low`, `work_overrun`).
            .filter(|a| !matches!(a.code, "cpi_low" | "work_overrun" | "critical_path_changed"))
            .filter(|a| {
                a.items.iter().all(|it| match it.kind {
                    super::ItemKind::Task | super::ItemKind::Milestone => !internal_task(&it.id),
                    super::ItemKind::Resource => !internal_resource(&it.id),
                    super::ItemKind::Buffer => it
                        .id
                        .strip_prefix("feeding:")
                        .is_none_or(|k| !internal_task(k)),
                    super::ItemKind::Project => true,
                })
            })
            .collect();
        // The critical path alert names tasks: rebuilt from the visible ones only.
        if let Some(a) = self.critical_path_alert_visible(lang) {
            out.push(a);
        }
        out
    }

    fn critical_path_alert_visible(&self, lang: Lang) -> Option<Alert> {
        let p = self.project;
        let shown = |i: &TaskIndex| self.visible[i.index()] && !self.complete(*i);
        let now: Vec<TaskIndex> = self
            .schedule
            .critical_path()
            .iter()
            .copied()
            .filter(shown)
            .collect();
        let before: Vec<TaskIndex> = self
            .plan
            .critical_path()
            .iter()
            .copied()
            .filter(shown)
            .collect();
        let entered: Vec<String> = now
            .iter()
            .filter(|i| !before.contains(i))
            .map(|&i| lang.quote(&p.task(i).name))
            .collect();
        let left: Vec<String> = before
            .iter()
            .filter(|i| !now.contains(i))
            .map(|&i| lang.quote(&p.task(i).name))
            .collect();
        if entered.is_empty() && left.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        if !entered.is_empty() {
            parts.push(if lang.zh() {
                format!("新增{}", lang.list(&entered))
            } else {
                format!("now through {}", lang.list(&entered))
            });
        }
        if !left.is_empty() {
            parts.push(if lang.zh() {
                format!("移出{}", lang.list(&left))
            } else {
                format!("no longer through {}", lang.list(&left))
            });
        }
        let since = if self.baseline.is_some() {
            lang.pick("the baseline", "基线")
        } else {
            lang.pick("the plan", "原计划")
        };
        let items = now
            .iter()
            .filter(|i| !before.contains(i))
            .chain(before.iter().filter(|i| !now.contains(i)))
            .map(|&i| super::AlertItem {
                kind: if p.task(i).duration.is_zero() {
                    super::ItemKind::Milestone
                } else {
                    super::ItemKind::Task
                },
                id: p.task(i).id.to_string(),
                name: p.task(i).name.clone(),
            })
            .collect();
        Some(Alert {
            code: "critical_path_changed",
            severity: Severity::Info,
            items,
            title: lang
                .pick("Critical path changed", "关键路径变化")
                .to_owned(),
            message: if lang.zh() {
                format!("关键路径较{since}发生变化：{}。", parts.join("；"))
            } else {
                format!(
                    "The critical path has changed since {since}: {}.",
                    parts.join("; ")
                )
            },
            value: None,
            threshold: None,
            date: None,
        })
    }
}

/// The words of a report in one language.
struct Words {
    lang: Lang,
}

impl Words {
    fn title(&self, r: &StatusReport) -> String {
        let l = self.lang;
        match (r.period.kind, l.zh()) {
            (PeriodKind::Day, true) => format!("{}项目日报", r.project),
            (PeriodKind::Week, true) => format!("{}项目周报", r.project),
            (PeriodKind::Month, true) => format!("{}项目月报", r.project),
            (PeriodKind::Day, false) => format!("{} — daily status report", r.project),
            (PeriodKind::Week, false) => format!("{} — weekly status report", r.project),
            (PeriodKind::Month, false) => format!("{} — monthly status report", r.project),
        }
    }

    fn this(&self, k: PeriodKind) -> &'static str {
        match (k, self.lang.zh()) {
            (PeriodKind::Day, true) => "今日",
            (PeriodKind::Week, true) => "本周",
            (PeriodKind::Month, true) => "本月",
            (PeriodKind::Day, false) => "today",
            (PeriodKind::Week, false) => "this week",
            (PeriodKind::Month, false) => "this month",
        }
    }

    fn next(&self, k: PeriodKind) -> &'static str {
        match (k, self.lang.zh()) {
            (PeriodKind::Day, true) => "明日",
            (PeriodKind::Week, true) => "下周",
            (PeriodKind::Month, true) => "下月",
            (PeriodKind::Day, false) => "tomorrow",
            (PeriodKind::Week, false) => "next week",
            (PeriodKind::Month, false) => "next month",
        }
    }

    fn health(&self, h: Health) -> &'static str {
        match (h, self.lang.zh()) {
            (Health::Green, true) => "🟢 正常",
            (Health::Yellow, true) => "🟡 有风险",
            (Health::Red, true) => "🔴 高风险",
            (Health::Green, false) => "🟢 On track",
            (Health::Yellow, false) => "🟡 At risk",
            (Health::Red, false) => "🔴 Off track",
        }
    }

    fn severity(&self, s: Severity) -> &'static str {
        match (s, self.lang.zh()) {
            (Severity::Critical, true) => "严重",
            (Severity::Warning, true) => "警告",
            (Severity::Info, true) => "提示",
            (Severity::Critical, false) => "Critical",
            (Severity::Warning, false) => "Warning",
            (Severity::Info, false) => "Info",
        }
    }

    fn milestone_status(&self, s: &str) -> &'static str {
        match (s, self.lang.zh()) {
            ("done", true) => "已达成",
            ("late", true) => "推迟",
            ("missed", true) => "超过截止日期",
            (_, true) => "正常",
            ("done", false) => "Reached",
            ("late", false) => "Late",
            ("missed", false) => "Past deadline",
            (_, false) => "On track",
        }
    }

    fn zone(&self, z: Zone) -> &'static str {
        match (z, self.lang.zh()) {
            (Zone::Green, true) => "绿色区域",
            (Zone::Yellow, true) => "黄色区域",
            (Zone::Red, true) => "红色区域",
            (Zone::Green, false) => "green",
            (Zone::Yellow, false) => "yellow",
            (Zone::Red, false) => "red",
        }
    }

    /// The summary's lines.
    fn summary(&self, r: &StatusReport, mpd: i64) -> Vec<String> {
        let l = self.lang;
        let s = &r.summary;
        let mut out = Vec::new();
        let pct = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| l.percent(v));
        out.push(if l.zh() {
            format!(
                "进度：已完成{}，按计划应完成{}。",
                pct(s.percent_complete),
                pct(s.planned_percent_complete)
            )
        } else {
            format!(
                "Progress: {} complete against {} planned.",
                pct(s.percent_complete),
                pct(s.planned_percent_complete)
            )
        });
        let mut perf = if l.zh() {
            format!(
                "进度绩效：SPI(t) {}，SPI {}",
                l.index(s.spi_t),
                l.index(s.spi)
            )
        } else {
            format!(
                "Schedule: SPI(t) {}, SPI {}",
                l.index(s.spi_t),
                l.index(s.spi)
            )
        };
        if let Some(v) = s.sv_t_working_days {
            let minutes = (v * mpd as f64).round() as i64;
            if minutes < 0 {
                perf.push_str(&if l.zh() {
                    format!("，落后计划{}", l.span(minutes, mpd))
                } else {
                    format!("; {} behind plan", l.span(minutes, mpd))
                });
            } else if minutes > 0 {
                perf.push_str(&if l.zh() {
                    format!("，领先计划{}", l.span(minutes, mpd))
                } else {
                    format!("; {} ahead of plan", l.span(minutes, mpd))
                });
            } else {
                perf.push_str(l.pick("; on plan", "，与计划一致"));
            }
        }
        perf.push_str(l.pick(".", "。"));
        out.push(perf);
        if let (Some(cpi), Some(ac), Some(bac)) = (s.cpi, s.ac, s.bac) {
            let cur = r.currency.as_deref();
            let eac = s.eac.map(|e| l.money(e, cur));
            out.push(if l.zh() {
                let mut t = format!(
                    "成本：CPI {cpi:.2}，已发生成本{}，总预算{}",
                    l.money(ac, cur),
                    l.money(bac, cur)
                );
                if let Some(e) = eac {
                    t.push_str(&format!("，预计完工成本{e}"));
                }
                t + "。"
            } else {
                let mut t = format!(
                    "Cost: CPI {cpi:.2}; {} spent of a {} budget",
                    l.money(ac, cur),
                    l.money(bac, cur)
                );
                if let Some(e) = eac {
                    t.push_str(&format!(", {e} estimated at completion"));
                }
                t + "."
            });
        }
        let planned = s.planned_finish.0;
        let forecast = s
            .forecast_finish
            .map(|f| f.0)
            .unwrap_or(s.scheduled_finish.0);
        let var = s
            .finish_variance_working_days
            .map(|v| (v * mpd as f64).round() as i64)
            .unwrap_or(0);
        out.push(match (l.zh(), var.signum()) {
            (true, 1) => format!(
                "预计完工：{}（基线为{}，推迟{}）。",
                l.short_date(forecast),
                l.short_date(planned),
                l.span(var, mpd)
            ),
            (true, -1) => format!(
                "预计完工：{}（基线为{}，提前{}）。",
                l.short_date(forecast),
                l.short_date(planned),
                l.span(var, mpd)
            ),
            (true, _) => format!("预计完工：{}，与基线一致。", l.short_date(forecast)),
            (false, 1) => format!(
                "Forecast finish: {} (baseline {}, {} late).",
                l.short_date(forecast),
                l.short_date(planned),
                l.span(var, mpd)
            ),
            (false, -1) => format!(
                "Forecast finish: {} (baseline {}, {} early).",
                l.short_date(forecast),
                l.short_date(planned),
                l.span(var, mpd)
            ),
            (false, _) => format!(
                "Forecast finish: {}, as in the baseline.",
                l.short_date(forecast)
            ),
        });
        if let Some(b) = &r.buffer {
            out.push(if l.zh() {
                format!(
                    "项目缓冲：共{}，已消耗{}，关键链完成{}（{}）。",
                    l.span(b.size_minutes, mpd),
                    l.percent(b.consumed_percent),
                    l.percent(b.chain_complete_percent),
                    self.zone(b.zone)
                )
            } else {
                format!(
                    "Project buffer: {}, {} used with the critical chain {} complete ({}).",
                    l.span(b.size_minutes, mpd),
                    l.percent(b.consumed_percent),
                    l.percent(b.chain_complete_percent),
                    self.zone(b.zone)
                )
            });
        }
        out
    }
}

/// A report section: a heading, the column headers and the rows, or a line for none.
struct Section {
    heading: String,
    columns: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    empty: String,
}

impl StatusReport {
    fn sections(&self, mpd: i64) -> (String, String, Vec<String>, Vec<Section>) {
        let l = self.lang;
        let w = Words { lang: l };
        let k = self.period.kind;
        let title = w.title(self);
        let meta = if l.zh() {
            format!(
                "状态日期：{}　报告周期：{}至{}　总体状态：{}",
                l.date(self.status_date.0),
                l.short_date(self.period.from.0),
                l.short_date(self.period.to.0),
                w.health(self.health)
            )
        } else {
            format!(
                "Status date: {} · Period: {} to {} · Overall: {}",
                l.date(self.status_date.0),
                l.short_date(self.period.from.0),
                l.short_date(self.period.to.0),
                w.health(self.health)
            )
        };
        let summary = w.summary(self, mpd);
        let zh = l.zh();
        let num = ["一", "二", "三", "四", "五", "六", "七", "八"];
        let head = |n: usize, en: String, cn: String| {
            if zh {
                format!("{}、{cn}", num[n])
            } else {
                en
            }
        };
        let d = |s: Stamp| l.short_date(s.0);
        let pc = |v: f64| l.percent(v);
        let mut sections = vec![Section {
            heading: head(0, "Summary".into(), "总体情况".into()),
            columns: vec![],
            rows: vec![],
            empty: String::new(),
        }];
        let name = |r: &ReportItem| {
            if r.critical {
                format!("{}{}", r.name, l.pick(" (critical)", "（关键）"))
            } else {
                r.name.clone()
            }
        };
        sections.push(Section {
            heading: head(
                1,
                format!("Done {}", w.this(k)),
                format!("{}完成", w.this(k)),
            ),
            columns: if zh {
                vec!["任务", "完成日期"]
            } else {
                vec!["Task", "Finished"]
            },
            rows: self
                .done
                .iter()
                .map(|r| vec![name(r), r.actual_finish.map(d).unwrap_or_default()])
                .collect(),
            empty: if zh {
                format!("{}无完成事项。", w.this(k))
            } else {
                format!("Nothing was finished {}.", w.this(k))
            },
        });
        sections.push(Section {
            heading: head(
                2,
                format!("Started {}", w.this(k)),
                format!("{}启动", w.this(k)),
            ),
            columns: if zh {
                vec!["任务", "开始日期", "完成比例"]
            } else {
                vec!["Task", "Started", "Complete"]
            },
            rows: self
                .started
                .iter()
                .map(|r| {
                    vec![
                        name(r),
                        r.actual_start.map(d).unwrap_or_default(),
                        pc(r.percent_complete),
                    ]
                })
                .collect(),
            empty: if zh {
                format!("{}无新启动事项。", w.this(k))
            } else {
                format!("Nothing was started {}.", w.this(k))
            },
        });
        sections.push(Section {
            heading: head(3, "Overdue".into(), "逾期事项".into()),
            columns: if zh {
                vec!["任务", "计划完成", "完成比例", "落后"]
            } else {
                vec!["Task", "Planned finish", "Complete", "Behind by"]
            },
            rows: self
                .overdue
                .iter()
                .map(|r| {
                    vec![
                        name(r),
                        d(r.planned_finish),
                        pc(r.percent_complete),
                        l.span(r.behind_minutes, mpd),
                    ]
                })
                .collect(),
            empty: l.pick("Nothing is overdue.", "无逾期事项。").to_owned(),
        });
        sections.push(Section {
            heading: head(
                4,
                format!("Due {}", w.next(k)),
                format!("{}计划", w.next(k)),
            ),
            columns: if zh {
                vec!["任务", "计划完成", "完成比例"]
            } else {
                vec!["Task", "Due", "Complete"]
            },
            rows: self
                .due_next
                .iter()
                .map(|r| vec![name(r), d(r.finish), pc(r.percent_complete)])
                .collect(),
            empty: if zh {
                format!("{}无到期事项。", w.next(k))
            } else {
                format!("Nothing is due {}.", w.next(k))
            },
        });
        sections.push(Section {
            heading: head(5, "Blocked".into(), "受阻事项".into()),
            columns: if zh {
                vec!["任务", "计划开始", "等待"]
            } else {
                vec!["Task", "Planned start", "Waiting for"]
            },
            rows: self
                .blocked
                .iter()
                .map(|r| {
                    let names: Vec<String> = r.waiting_for.iter().map(|n| l.quote(n)).collect();
                    vec![name(r), d(r.planned_start), l.list(&names)]
                })
                .collect(),
            empty: l.pick("Nothing is blocked.", "无受阻事项。").to_owned(),
        });
        sections.push(Section {
            heading: head(6, "Milestones".into(), "里程碑".into()),
            columns: if zh {
                vec!["里程碑", "基线日期", "预测日期", "偏差", "状态"]
            } else {
                vec!["Milestone", "Baseline", "Forecast", "Variance", "Status"]
            },
            rows: self
                .milestones
                .iter()
                .map(|m| {
                    let var = m.variance_working_days.map_or_else(
                        || "–".to_owned(),
                        |v| {
                            let minutes = (v * mpd as f64).round() as i64;
                            match minutes.signum() {
                                0 => "0".to_owned(),
                                1 => format!("+{}", l.span(minutes, mpd)),
                                _ => format!("−{}", l.span(minutes, mpd)),
                            }
                        },
                    );
                    vec![
                        m.name.clone(),
                        m.baseline.map(d).unwrap_or_else(|| "–".into()),
                        d(m.forecast),
                        var,
                        w.milestone_status(m.status).to_owned(),
                    ]
                })
                .collect(),
            empty: l
                .pick("The plan has no milestones.", "计划中没有里程碑。")
                .to_owned(),
        });
        sections.push(Section {
            heading: head(7, "Risks and alerts".into(), "风险与预警".into()),
            columns: vec![],
            rows: self
                .alerts
                .iter()
                .map(|a| vec![w.severity(a.severity).to_owned(), a.message.clone()])
                .collect(),
            empty: l.pick("No alerts.", "暂无预警。").to_owned(),
        });
        (title, meta, summary, sections)
    }

    /// The report as Markdown, as a person would write it (headings, short lines, tables).
    pub fn markdown(&self, minutes_per_day: i64) -> String {
        let (title, meta, summary, sections) = self.sections(minutes_per_day);
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", md(&title));
        let _ = writeln!(out, "{}\n", md(&meta));
        for s in sections {
            let _ = writeln!(out, "## {}\n", md(&s.heading));
            if s.heading.ends_with("Summary") || s.heading.ends_with("总体情况") {
                for line in &summary {
                    let _ = writeln!(out, "- {}", md(line));
                }
                out.push('\n');
                continue;
            }
            if s.rows.is_empty() {
                let _ = writeln!(out, "{}\n", md(&s.empty));
                continue;
            }
            if s.columns.is_empty() {
                for r in &s.rows {
                    let _ = writeln!(out, "- **{}** {}", md(&r[0]), md(&r[1]));
                }
                out.push('\n');
                continue;
            }
            let _ = writeln!(out, "| {} |", s.columns.join(" | "));
            let _ = writeln!(
                out,
                "|{}",
                s.columns.iter().map(|_| " --- |").collect::<String>()
            );
            for r in &s.rows {
                let cells: Vec<String> = r.iter().map(|c| md(c)).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
            out.push('\n');
        }
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }

    /// The report as a self-contained HTML fragment (an `<article>` with its own small style),
    /// every text escaped.
    pub fn html(&self, minutes_per_day: i64) -> String {
        let (title, meta, summary, sections) = self.sections(minutes_per_day);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "<article class=\"jindu-report\" lang=\"{}\">",
            self.lang.tag()
        );
        out.push_str(
            "<style>.jindu-report{font-family:system-ui,sans-serif;max-width:60em}\
.jindu-report table{border-collapse:collapse;margin:.5em 0}\
.jindu-report th,.jindu-report td{border:1px solid #ccc;padding:.2em .6em;text-align:left}\
.jindu-report .critical{color:#b00020}.jindu-report .warning{color:#8a6d00}</style>\n",
        );
        let _ = writeln!(out, "<h1>{}</h1>", html(&title));
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", html(&meta));
        for s in sections {
            let _ = writeln!(out, "<h2>{}</h2>", html(&s.heading));
            if s.heading.ends_with("Summary") || s.heading.ends_with("总体情况") {
                out.push_str("<ul>\n");
                for line in &summary {
                    let _ = writeln!(out, "<li>{}</li>", html(line));
                }
                out.push_str("</ul>\n");
                // Where `render::report_page` puts the charts.
                out.push_str(CHARTS_MARK);
                out.push('\n');
                continue;
            }
            if s.rows.is_empty() {
                let _ = writeln!(out, "<p>{}</p>", html(&s.empty));
                continue;
            }
            if s.columns.is_empty() {
                out.push_str("<ul>\n");
                for (r, a) in s.rows.iter().zip(&self.alerts) {
                    let class = match a.severity {
                        Severity::Critical => "critical",
                        Severity::Warning => "warning",
                        Severity::Info => "info",
                    };
                    let _ = writeln!(
                        out,
                        "<li class=\"{class}\"><strong>{}</strong> {}</li>",
                        html(&r[0]),
                        html(&r[1])
                    );
                }
                out.push_str("</ul>\n");
                continue;
            }
            out.push_str("<table>\n<tr>");
            for c in &s.columns {
                let _ = write!(out, "<th>{}</th>", html(c));
            }
            out.push_str("</tr>\n");
            for r in &s.rows {
                out.push_str("<tr>");
                for c in r {
                    let _ = write!(out, "<td>{}</td>", html(c));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</table>\n");
        }
        out.push_str("</article>\n");
        out
    }
}

/// The comment [`StatusReport::html`] leaves after the summary, where
/// [`render::report_page`](crate::render::report_page) inserts the charts.
pub const CHARTS_MARK: &str = "<!-- jindu:charts -->";

/// How a report is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// The data, as JSON.
    Json,
    /// Markdown.
    Markdown,
    /// HTML.
    Html,
}

impl FromStr for Shape {
    type Err = Error;
    fn from_str(s: &str) -> Result<Shape> {
        match s {
            "json" => Ok(Shape::Json),
            "markdown" | "md" => Ok(Shape::Markdown),
            "html" => Ok(Shape::Html),
            _ => Err(Error::parse("format", s, "expected json, markdown or html")),
        }
    }
}

impl StatusReport {
    /// The report in `shape`: pretty JSON, Markdown or HTML.
    pub fn render(&self, shape: Shape, minutes_per_day: i64) -> String {
        match shape {
            Shape::Json => {
                let mut s = serde_json::to_string_pretty(self).expect("serde_json fails only on non-string map keys or a failing Serialize impl; the derived report has neither");
                s.push('\n');
                s
            }
            Shape::Markdown => self.markdown(minutes_per_day),
            Shape::Html => self.html(minutes_per_day),
        }
    }
}
