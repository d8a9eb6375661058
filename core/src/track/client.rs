//! The client's view (客户专属视图): the schedule and the status report with every internal
//! task (and its subtasks), every internal resource and every cost left out, so a host can
//! show the client exactly this and nothing more.
//!
//! What is left out: tasks marked `internal` and everything under them, links touching them,
//! resources marked `internal`, all amounts of money (budgets, actual costs, CPI, EAC), the
//! drivers of tasks (they could name an internal predecessor), alerts about internal items and
//! cost alerts; the critical path and the buffer's chain list visible tasks only.

use serde::Serialize;

use crate::model::Visibility;

use super::report::{ReportOptions, StatusReport};
use super::status::{baseline_of, Status};
use super::Stamp;

/// A task as the client sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClientTask {
    /// The task's key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its summary task's key.
    pub parent: Option<String>,
    /// Whether it is a summary.
    pub summary: bool,
    /// Whether it is a milestone.
    pub milestone: bool,
    /// Scheduled start.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub start: Stamp,
    /// Scheduled finish.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub finish: Stamp,
    /// Baseline start.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub baseline_start: Option<Stamp>,
    /// Baseline finish.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub baseline_finish: Option<Stamp>,
    /// Percent complete (a summary: its subtasks' durations weighted).
    pub percent_complete: f64,
    /// Whether it is critical.
    pub critical: bool,
    /// The names of the visible resources assigned to it.
    pub resources: Vec<String>,
}

/// A link between two visible tasks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClientLink {
    /// The predecessor's key.
    pub from: String,
    /// The successor's key.
    pub to: String,
    /// `FS`, `SS`, `FF` or `SF`.
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// The client's view of a project at a status date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ClientView {
    /// The project's name.
    pub project: String,
    /// The status date.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub status_date: Stamp,
    /// The project's scheduled start and finish.
    #[cfg_attr(feature = "schema", schemars(with = "[String; 2]"))]
    pub dates: [Stamp; 2],
    /// The visible tasks, in the project's order.
    pub tasks: Vec<ClientTask>,
    /// The links between visible tasks.
    pub links: Vec<ClientLink>,
    /// The critical path's visible tasks.
    pub critical_path: Vec<String>,
    /// The status report, for the client.
    pub report: StatusReport,
}

impl Status<'_> {
    /// The client's view: the report for `o` (forced to the client's audience) and the
    /// visible schedule.
    pub fn client_view(&self, o: &ReportOptions) -> ClientView {
        let p = self.project;
        let report = self.report(&ReportOptions {
            client: true,
            ..o.clone()
        });
        let tasks = self
            .tasks()
            .filter(|&i| self.visible[i.index()])
            .map(|i| {
                let t = p.task(i);
                let s = self.schedule.task(i);
                let leaves = self.leaves_under(i);
                let (mut w, mut done) = (0.0, 0.0);
                for &k in &leaves {
                    let d = self.schedule.task(k).duration.minutes().max(0) as f64;
                    w += d;
                    done += d * self.percent(k) / 100.0;
                }
                let pct = if !self.leaf[i.index()] && w > 0.0 {
                    done * 100.0 / w
                } else {
                    self.percent(i)
                };
                let b = self.baseline.and_then(|n| baseline_of(&t.baselines, n));
                ClientTask {
                    id: t.id.to_string(),
                    name: t.name.clone(),
                    parent: t.parent.map(|q| p.task(q).id.to_string()),
                    summary: !self.leaf[i.index()],
                    milestone: self.leaf[i.index()] && t.duration.is_zero(),
                    start: Stamp(s.start),
                    finish: Stamp(s.finish),
                    baseline_start: b.and_then(|b| b.start).map(Stamp),
                    baseline_finish: b.and_then(|b| b.finish).map(Stamp),
                    percent_complete: pct,
                    critical: s.critical,
                    resources: p
                        .assignments()
                        .iter()
                        .filter(|a| a.task == i)
                        .map(|a| &p.resources()[a.resource.index()])
                        .filter(|r| r.visibility == Visibility::Client)
                        .map(|r| r.name.clone())
                        .collect(),
                }
            })
            .collect();
        let links = p
            .links()
            .iter()
            .filter(|l| self.visible[l.from.index()] && self.visible[l.to.index()])
            .map(|l| ClientLink {
                from: p.task(l.from).id.to_string(),
                to: p.task(l.to).id.to_string(),
                kind: l.kind.code(),
            })
            .collect();
        ClientView {
            project: p.name().to_owned(),
            status_date: Stamp(self.status),
            dates: [
                Stamp(self.schedule.project_start),
                Stamp(self.schedule.project_finish),
            ],
            tasks,
            links,
            critical_path: self
                .schedule
                .critical_path()
                .iter()
                .filter(|i| self.visible[i.index()])
                .map(|&i| p.task(i).id.to_string())
                .collect(),
            report,
        }
    }
}
