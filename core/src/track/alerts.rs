//! Alerts: rules evaluated at the status date, each with a stable code, a severity, the items
//! involved and a message in the report's language, ready for a chat bot.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::{json, Value};

use crate::id::TaskIndex;
use crate::model::{Project, ResourceKind};
use crate::schedule::Schedule;
use crate::time::DateTime;

use super::buffer::Zone;
use super::status::Status;
use super::text::Lang;
use super::Stamp;

/// How serious an alert is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Needs attention this period.
    Warning,
    /// A date or the budget is at risk now.
    Critical,
}

/// What an alert item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// The project as a whole.
    Project,
    /// A task or summary.
    Task,
    /// A milestone.
    Milestone,
    /// A resource.
    Resource,
    /// A buffer.
    Buffer,
}

/// An item an alert is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AlertItem {
    /// What it is.
    pub kind: ItemKind,
    /// Its key.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// Every alert rule's stable code, in the order alerts of one severity are listed.
pub const CODES: &[&str] = &[
    "deadline_missed",
    "milestone_slip",
    "task_late",
    "buffer_penetration",
    "spi_low",
    "cpi_low",
    "deadline_near",
    "critical_path_changed",
    "float_consumed",
    "work_overrun",
    "resource_overallocated",
];

/// One alert.
///
/// `code` is stable, one of [`CODES`]: `deadline_near`, `deadline_missed`, `task_late`,
/// `milestone_slip`, `critical_path_changed`, `float_consumed`, `work_overrun`,
/// `resource_overallocated`, `buffer_penetration`, `spi_low`, `cpi_low`. `title` and
/// `message` are written in the report's language and need nothing else to be understood
/// (see [`Webhook`] for chat bots).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Alert {
    /// The rule's stable code.
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The items involved.
    pub items: Vec<AlertItem>,
    /// A short title.
    pub title: String,
    /// The whole message, one or two sentences.
    pub message: String,
    /// The measured value (days, hours, percent or an index, by rule).
    pub value: Option<f64>,
    /// The threshold it was compared with.
    pub threshold: Option<f64>,
    /// The date concerned (a deadline, a forecast), if any.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub date: Option<Stamp>,
}

/// Alert thresholds; a rule whose code is in `disabled` is not evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct AlertOptions {
    /// `deadline_near`: a deadline within this many working days (default 3).
    pub deadline_days: f64,
    /// `task_late`: behind plan by more than this many working hours (default 48).
    pub late_hours: f64,
    /// `float_consumed`: this share of the plan's total float used, in percent (default 50).
    pub float_consumed_percent: f64,
    /// `resource_overallocated`: look this many working days ahead (default 10).
    pub overallocation_days: i64,
    /// `spi_low`: SPI(t) (else SPI) below this (default 0.9).
    pub spi_below: f64,
    /// `cpi_low`: CPI below this (default 0.9).
    pub cpi_below: f64,
    /// `work_overrun`: an unfinished task's work (actual + remaining) above its baseline work
    /// (else its planned work) by more than this, in percent (default 10).
    pub work_overrun_percent: f64,
    /// Codes of the rules not to evaluate.
    pub disabled: Vec<String>,
}

impl Default for AlertOptions {
    fn default() -> Self {
        AlertOptions {
            deadline_days: 3.0,
            late_hours: 48.0,
            float_consumed_percent: 50.0,
            overallocation_days: 10,
            spi_below: 0.9,
            cpi_below: 0.9,
            work_overrun_percent: 10.0,
            disabled: Vec::new(),
        }
    }
}

/// A chat platform whose incoming-webhook bots take a Markdown message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Webhook {
    /// 钉钉 (DingTalk) custom robot: `msgtype: markdown`.
    DingTalk,
    /// 企业微信 (WeCom) group robot: `msgtype: markdown`.
    WeCom,
    /// 飞书 (Feishu / Lark) custom bot: an interactive card with a Markdown element.
    Feishu,
}

impl std::str::FromStr for Webhook {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Webhook> {
        match s {
            "dingtalk" => Ok(Webhook::DingTalk),
            "wecom" => Ok(Webhook::WeCom),
            "feishu" | "lark" => Ok(Webhook::Feishu),
            _ => Err(crate::Error::parse(
                "webhook",
                s,
                "expected dingtalk, wecom or feishu",
            )),
        }
    }
}

impl Webhook {
    /// The request body that posts `markdown` under `title` to the platform's bot.
    ///
    /// ```
    /// use jindu::track::Webhook;
    /// let body = Webhook::DingTalk.payload("Alerts", "**2** alerts");
    /// assert_eq!(body["msgtype"], "markdown");
    /// assert_eq!(body["markdown"]["text"], "**2** alerts");
    /// ```
    pub fn payload(self, title: &str, markdown: &str) -> Value {
        match self {
            Webhook::DingTalk => json!({
                "msgtype": "markdown",
                "markdown": {"title": title, "text": markdown}
            }),
            Webhook::WeCom => json!({
                "msgtype": "markdown",
                "markdown": {"content": markdown}
            }),
            Webhook::Feishu => json!({
                "msg_type": "interactive",
                "card": {
                    "header": {"title": {"tag": "plain_text", "content": title}},
                    "elements": [{"tag": "markdown", "content": markdown}]
                }
            }),
        }
    }

    /// The body that posts `alerts` as one message: a title line and one bullet an alert,
    /// most serious first.
    pub fn alerts(self, project: &str, alerts: &[Alert], lang: Lang) -> Value {
        let title = if lang.zh() {
            format!("{project}：{}条预警", alerts.len())
        } else {
            format!("{project}: {} alerts", alerts.len())
        };
        let mut text = format!("### {}\n", super::text::md(&title));
        for a in alerts {
            let mark = match a.severity {
                Severity::Critical => lang.pick("[critical]", "【严重】"),
                Severity::Warning => lang.pick("[warning]", "【警告】"),
                Severity::Info => lang.pick("[info]", "【提示】"),
            };
            text.push_str(&format!("- {mark} {}\n", super::text::md(&a.message)));
        }
        self.payload(&title, &text)
    }
}

impl Status<'_> {
    fn item(&self, i: TaskIndex) -> AlertItem {
        let t = self.project.task(i);
        AlertItem {
            kind: if self.leaf[i.index()] && t.duration.is_zero() {
                ItemKind::Milestone
            } else {
                ItemKind::Task
            },
            id: t.id.to_string(),
            name: t.name.clone(),
        }
    }

    /// How far leaf `i` is behind its plan at the status date, in its working minutes, with
    /// the percent the plan expected by now.
    pub(crate) fn lateness(&self, i: TaskIndex) -> Option<(i64, f64)> {
        let p = &self.planned[i.index()];
        if !p.in_plan || self.complete(i) || !self.leaf[i.index()] {
            return None;
        }
        if p.work == 0 {
            let late = self.task_time(i, p.finish, self.status);
            return (late > 0).then_some((late, 100.0));
        }
        let expected = self.task_time(i, p.start, self.status).clamp(0, p.work);
        let earned = (self.percent(i) / 100.0 * p.work as f64).round() as i64;
        let late = expected - earned;
        (late > 0).then(|| (late, expected as f64 * 100.0 / p.work as f64))
    }

    /// The alerts at the status date, measured against the plan, with messages in `lang`.
    pub fn alerts(&self, lang: Lang) -> Vec<Alert> {
        self.alerts_since(lang, None)
    }

    /// The alerts, with `critical_path_changed` measured against an earlier version of the
    /// plan given as a document (last week's export), scheduled with its own options.
    pub fn alerts_since_document(
        &self,
        lang: Lang,
        snapshot: &crate::io::json::Document,
    ) -> crate::error::Result<Vec<Alert>> {
        let s = crate::schedule(&snapshot.project, &snapshot.options)?;
        Ok(self.alerts_since(lang, Some((&snapshot.project, &s))))
    }

    /// The alerts, with `critical_path_changed` measured against an earlier snapshot (a
    /// project and its schedule) instead of the plan.
    pub fn alerts_since(&self, lang: Lang, snapshot: Option<(&Project, &Schedule)>) -> Vec<Alert> {
        let o = &self.track.alerts;
        let on = |code: &str| !o.disabled.iter().any(|d| d == code);
        let mpd = self.project.settings().minutes_per_day;
        let mut out = Vec::new();
        let day = self.day();
        let sd = self.status;
        for i in self.tasks() {
            let t = self.project.task(i);
            let s = self.schedule.task(i);
            let name = lang.quote(&t.name);
            let done = self.complete(i);
            // Deadlines.
            if let (Some(dl), false) = (t.deadline, done) {
                if (sd > dl || s.finish > dl) && on("deadline_missed") {
                    let message = if sd > dl {
                        if lang.zh() {
                            format!(
                                "{name}已过截止日期{}，目前仅完成{}。",
                                lang.short_date(dl),
                                lang.percent(self.percent(i))
                            )
                        } else {
                            format!(
                                "{name} missed its deadline of {} and is {} complete.",
                                lang.short_date(dl),
                                lang.percent(self.percent(i))
                            )
                        }
                    } else if lang.zh() {
                        format!(
                            "{name}预计{}完成，晚于截止日期{}。",
                            lang.short_date(s.finish),
                            lang.short_date(dl)
                        )
                    } else {
                        format!(
                            "{name} is forecast to finish on {}, after its deadline of {}.",
                            lang.short_date(s.finish),
                            lang.short_date(dl)
                        )
                    };
                    out.push(Alert {
                        code: "deadline_missed",
                        severity: Severity::Critical,
                        items: vec![self.item(i)],
                        title: format!(
                            "{}{}",
                            lang.pick("Deadline missed: ", "截止日期失守："),
                            t.name
                        ),
                        message,
                        value: Some(self.task_time(i, dl, s.finish.max(sd)) as f64 / day),
                        threshold: Some(0.0),
                        date: Some(Stamp(dl)),
                    });
                } else if sd <= dl && on("deadline_near") {
                    let left = self.task_time(i, sd, dl);
                    if (left as f64) <= o.deadline_days * day {
                        let message = if lang.zh() {
                            format!(
                                "{name}将于{}截止（剩余{}），目前完成{}。",
                                lang.short_date(dl),
                                lang.span(left, mpd),
                                lang.percent(self.percent(i))
                            )
                        } else {
                            format!(
                                "{name} is due on {} ({} left) and is {} complete.",
                                lang.short_date(dl),
                                lang.span(left, mpd),
                                lang.percent(self.percent(i))
                            )
                        };
                        out.push(Alert {
                            code: "deadline_near",
                            severity: Severity::Warning,
                            items: vec![self.item(i)],
                            title: format!(
                                "{}{}",
                                lang.pick("Deadline near: ", "截止临近："),
                                t.name
                            ),
                            message,
                            value: Some(left as f64 / day),
                            threshold: Some(o.deadline_days),
                            date: Some(Stamp(dl)),
                        });
                    }
                }
            }
            // Lateness against the plan.
            if let Some((late, expected)) = self.lateness(i) {
                if late as f64 > o.late_hours * 60.0 && on("task_late") {
                    let started = self.started(i);
                    let p = &self.planned[i.index()];
                    let message = match (started, lang.zh()) {
                        (false, true) => format!(
                            "{name}计划于{}开始，至今尚未开始，已落后计划{}。",
                            lang.short_date(p.start),
                            lang.span(late, mpd)
                        ),
                        (false, false) => format!(
                            "{name} was planned to start on {} and has not started: {} behind plan.",
                            lang.short_date(p.start),
                            lang.span(late, mpd)
                        ),
                        (true, true) => format!(
                            "{name}落后计划{}：实际完成{}，按计划此时应完成{}。",
                            lang.span(late, mpd),
                            lang.percent(self.percent(i)),
                            lang.percent(expected)
                        ),
                        (true, false) => format!(
                            "{name} is {} behind plan: {} complete where {} was planned by now.",
                            lang.span(late, mpd),
                            lang.percent(self.percent(i)),
                            lang.percent(expected)
                        ),
                    };
                    out.push(Alert {
                        code: "task_late",
                        severity: if s.critical {
                            Severity::Critical
                        } else {
                            Severity::Warning
                        },
                        items: vec![self.item(i)],
                        title: format!("{}{}", lang.pick("Late: ", "进度滞后："), t.name),
                        message,
                        value: Some(late as f64 / 60.0),
                        threshold: Some(o.late_hours),
                        date: None,
                    });
                }
            }
            // Milestones against their baseline and deadline.
            if self.leaf[i.index()] && t.duration.is_zero() && !done && on("milestone_slip") {
                let base = self
                    .baseline
                    .and_then(|n| super::status::baseline_of(&t.baselines, n))
                    .and_then(|b| b.finish);
                let past_deadline = t.deadline.is_some_and(|d| s.finish > d);
                if let Some(b) = base.filter(|b| s.finish > *b) {
                    let slip = self.task_time(i, b, s.finish);
                    if slip > 0 {
                        let mut message = if lang.zh() {
                            format!(
                                "里程碑{name}预计{}达成，比基线{}推迟{}",
                                lang.short_date(s.finish),
                                lang.short_date(b),
                                lang.span(slip, mpd)
                            )
                        } else {
                            format!(
                                "Milestone {name} is forecast for {}, {} after its baseline of {}",
                                lang.short_date(s.finish),
                                lang.span(slip, mpd),
                                lang.short_date(b)
                            )
                        };
                        if let (true, Some(d)) = (past_deadline, t.deadline) {
                            message.push_str(&if lang.zh() {
                                format!("，且晚于截止日期{}", lang.short_date(d))
                            } else {
                                format!(", and after its deadline of {}", lang.short_date(d))
                            });
                        }
                        message.push_str(lang.pick(".", "。"));
                        out.push(Alert {
                            code: "milestone_slip",
                            severity: if past_deadline || s.critical {
                                Severity::Critical
                            } else {
                                Severity::Warning
                            },
                            items: vec![self.item(i)],
                            title: format!(
                                "{}{}",
                                lang.pick("Milestone slips: ", "里程碑推迟："),
                                t.name
                            ),
                            message,
                            value: Some(slip as f64 / day),
                            threshold: Some(0.0),
                            date: Some(Stamp(s.finish)),
                        });
                    }
                }
            }
            // Float consumed.
            if self.leaf[i.index()] && !done && on("float_consumed") {
                let plan_tf = self.plan.task(i).total_float.minutes();
                let now_tf = s.total_float.minutes();
                if plan_tf > 0 && now_tf < plan_tf {
                    let used = (plan_tf - now_tf) as f64 * 100.0 / plan_tf as f64;
                    if used >= o.float_consumed_percent {
                        let left = if now_tf >= 0 {
                            lang.span(now_tf, mpd)
                        } else {
                            format!("{}{}", lang.pick("−", "负"), lang.span(-now_tf, mpd))
                        };
                        out.push(Alert {
                            code: "float_consumed",
                            severity: if now_tf < 0 {
                                Severity::Critical
                            } else {
                                Severity::Warning
                            },
                            items: vec![self.item(i)],
                            title: format!(
                                "{}{}",
                                lang.pick("Float used: ", "浮动时间告急："),
                                t.name
                            ),
                            message: if lang.zh() {
                                format!(
                                    "{name}的总浮动时间已消耗{}（剩余{left}）。",
                                    lang.percent(used)
                                )
                            } else {
                                format!(
                                    "{name} has used {} of its float ({left} left).",
                                    lang.percent(used)
                                )
                            },
                            value: Some(used),
                            threshold: Some(o.float_consumed_percent),
                            date: None,
                        });
                    }
                }
            }
            // Work beyond its budget.
            if self.leaf[i.index()] && !done && on("work_overrun") {
                let w = self.work[i.index()];
                let budget = self
                    .baseline
                    .and_then(|n| super::status::baseline_of(&t.baselines, n))
                    .and_then(|b| b.work)
                    .map_or(w.planned, |b| b.minutes());
                let over = (w.total() - budget) as f64 * 100.0 / budget.max(1) as f64;
                if budget > 0 && over > o.work_overrun_percent {
                    let (now, plan, spent) = (
                        lang.work_hours(w.total()),
                        lang.work_hours(budget),
                        lang.work_hours(w.actual),
                    );
                    out.push(Alert {
                        code: "work_overrun",
                        // Already spent more than the whole budget, with work still left.
                        severity: if w.actual > budget {
                            Severity::Critical
                        } else {
                            Severity::Warning
                        },
                        items: vec![self.item(i)],
                        title: format!("{}{}", lang.pick("Over budget: ", "工时超支："), t.name),
                        message: if lang.zh() {
                            format!(
                                "{name}预计总工时{now}，超出预算{plan}的{}；已投入{spent}。",
                                lang.percent(over)
                            )
                        } else {
                            format!(
                                "{name} now needs {now} of work against {plan} budgeted ({} over); {spent} done.",
                                lang.percent(over)
                            )
                        },
                        value: Some(over),
                        threshold: Some(o.work_overrun_percent),
                        date: None,
                    });
                }
            }
        }
        if on("critical_path_changed") {
            out.extend(self.critical_path_alert(lang, snapshot));
        }
        if on("resource_overallocated") {
            out.extend(self.overallocation_alerts(lang));
        }
        if on("buffer_penetration") {
            for b in self.buffers().buffers {
                let sev = match b.zone {
                    Zone::Green => continue,
                    Zone::Yellow => Severity::Warning,
                    Zone::Red => Severity::Critical,
                };
                let kind = match (b.kind, lang.zh()) {
                    (super::BufferKind::Project, true) => "项目缓冲".to_owned(),
                    (super::BufferKind::Project, false) => "The project buffer".to_owned(),
                    (super::BufferKind::Feeding, true) => format!("接驳缓冲（{}）", b.name),
                    (super::BufferKind::Feeding, false) => {
                        format!("The feeding buffer of {}", lang.quote(&b.name))
                    }
                };
                let zone = match (b.zone, lang.zh()) {
                    (Zone::Yellow, true) => "黄色区域，需制定应对措施",
                    (Zone::Red, true) => "红色区域，需立即采取行动",
                    (Zone::Yellow, false) => "yellow: plan a recovery",
                    (_, false) => "red: act now",
                    _ => "",
                };
                out.push(Alert {
                    code: "buffer_penetration",
                    severity: sev,
                    items: vec![AlertItem {
                        kind: ItemKind::Buffer,
                        id: b.id.clone(),
                        name: b.name.clone(),
                    }],
                    title: format!("{}{}", lang.pick("Buffer: ", "缓冲侵蚀："), b.name),
                    message: if lang.zh() {
                        format!(
                            "{kind}已消耗{}，对应链路完成{}（{zone}）。",
                            lang.percent(b.consumed_percent),
                            lang.percent(b.chain_complete_percent)
                        )
                    } else {
                        format!(
                            "{kind} is {} consumed with its chain {} complete ({zone}).",
                            lang.percent(b.consumed_percent),
                            lang.percent(b.chain_complete_percent)
                        )
                    },
                    value: Some(b.consumed_percent),
                    threshold: None,
                    date: None,
                });
            }
        }
        let m = self.project_metrics();
        let spi = m.spi_t.or(m.spi);
        if let Some(v) = spi.filter(|v| *v < o.spi_below) {
            if on("spi_low") {
                let which = if m.spi_t.is_some() { "SPI(t)" } else { "SPI" };
                out.push(Alert {
                    code: "spi_low",
                    severity: Severity::Warning,
                    items: vec![self.project_item()],
                    title: lang.pick("Behind schedule", "进度滞后").to_owned(),
                    message: if lang.zh() {
                        format!(
                            "项目整体进度滞后：{which}为{v:.2}（预警阈值{:.2}）。",
                            o.spi_below
                        )
                    } else {
                        format!(
                            "The project is behind schedule: {which} is {v:.2} (threshold {:.2}).",
                            o.spi_below
                        )
                    },
                    value: Some(v),
                    threshold: Some(o.spi_below),
                    date: m.forecast_finish,
                });
            }
        }
        if let Some(v) = m.cpi.filter(|v| *v < o.cpi_below) {
            if on("cpi_low") {
                out.push(Alert {
                    code: "cpi_low",
                    severity: Severity::Warning,
                    items: vec![self.project_item()],
                    title: lang.pick("Over budget", "成本超支").to_owned(),
                    message: if lang.zh() {
                        format!("项目成本超支：CPI为{v:.2}（预警阈值{:.2}）。", o.cpi_below)
                    } else {
                        format!(
                            "The project is over budget: CPI is {v:.2} (threshold {:.2}).",
                            o.cpi_below
                        )
                    },
                    value: Some(v),
                    threshold: Some(o.cpi_below),
                    date: None,
                });
            }
        }
        let rank = |c: &str| CODES.iter().position(|x| *x == c).unwrap_or(99);
        out.sort_by(|a, b| {
            b.severity
                .cmp(&a.severity)
                .then(rank(a.code).cmp(&rank(b.code)))
                .then_with(|| {
                    a.items
                        .first()
                        .map(|x| &x.id)
                        .cmp(&b.items.first().map(|x| &x.id))
                })
        });
        out
    }

    fn project_item(&self) -> AlertItem {
        AlertItem {
            kind: ItemKind::Project,
            id: String::new(),
            name: self.project.name().to_owned(),
        }
    }

    /// The incomplete critical leaf tasks of the current schedule and of the reference (an
    /// earlier snapshot, or the plan).
    fn critical_path_alert(
        &self,
        lang: Lang,
        snapshot: Option<(&Project, &Schedule)>,
    ) -> Option<Alert> {
        let p = self.project;
        let incomplete = |id: &str| p.task_by_id(id).is_some_and(|t| !t.progress.is_complete());
        let now: BTreeSet<String> = self
            .schedule
            .critical_path()
            .iter()
            .map(|&i| p.task(i).id.to_string())
            .collect();
        let (before, since): (BTreeSet<String>, &str) = match snapshot {
            Some((q, s)) => (
                s.critical_path()
                    .iter()
                    .map(|&i| q.task(i).id.to_string())
                    .filter(|id| incomplete(id))
                    .collect(),
                lang.pick("the last snapshot", "上次快照"),
            ),
            None => (
                self.plan
                    .critical_path()
                    .iter()
                    .map(|&i| p.task(i).id.to_string())
                    .filter(|id| incomplete(id))
                    .collect(),
                if self.baseline.is_some() {
                    lang.pick("the baseline", "基线")
                } else {
                    lang.pick("the plan", "原计划")
                },
            ),
        };
        if now == before {
            return None;
        }
        let names = |ids: Vec<&String>| -> Vec<String> {
            ids.into_iter()
                .map(|id| lang.quote(&p.task_by_id(id).map_or(id.clone(), |t| t.name.clone())))
                .collect()
        };
        let entered = names(now.difference(&before).collect());
        let left = names(before.difference(&now).collect());
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
        let items = now
            .symmetric_difference(&before)
            .filter_map(|id| p.index_of(id))
            .map(|i| self.item(i))
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

    /// Work resources booked beyond their capacity on working days of the look-ahead window:
    /// each day, the units of every assignment whose incomplete task is scheduled that day.
    fn overallocation_alerts(&self, lang: Lang) -> Vec<Alert> {
        let p = self.project;
        let o = &self.track.alerts;
        if p.resources().is_empty() || o.overallocation_days <= 0 {
            return Vec::new();
        }
        let cal = self.pcal();
        let mpd = p.settings().minutes_per_day;
        let Ok(from) = cal.next_work_start(self.status) else {
            return Vec::new();
        };
        let to = cal
            .add_work(from, o.overallocation_days * mpd)
            .unwrap_or(from);
        // Each working day in the window: its start and finish.
        let mut days: Vec<(DateTime, DateTime)> = Vec::new();
        let mut t = from;
        while t < to && days.len() < 400 {
            let fin = cal.prev_work_finish(t.date().succ().at(0)).unwrap_or(t);
            days.push((t, fin.min(to)));
            match cal.next_work_start(fin) {
                Ok(n) if n > t => t = n,
                _ => break,
            }
        }
        let mut load: BTreeMap<usize, (Vec<f64>, u32)> = BTreeMap::new();
        for a in p.assignments() {
            let r = &p.resources()[a.resource.index()];
            if r.kind != ResourceKind::Work || self.complete(a.task) || !self.leaf[a.task.index()] {
                continue;
            }
            let s = self.schedule.task(a.task);
            let e = load
                .entry(a.resource.index())
                .or_insert_with(|| (vec![0.0; days.len()], r.max_units));
            for (k, (ds, df)) in days.iter().enumerate() {
                if s.start < *df && s.finish > *ds {
                    e.0[k] += a.units as f64;
                }
            }
        }
        let mut out = Vec::new();
        for (r, (units, max)) in load {
            let over: Vec<f64> = units.iter().copied().filter(|u| *u > max as f64).collect();
            if over.is_empty() {
                continue;
            }
            let peak = over.iter().cloned().fold(0.0, f64::max);
            let res = &p.resources()[r];
            let pct = peak * 100.0 / max.max(1) as f64;
            out.push(Alert {
                code: "resource_overallocated",
                severity: Severity::Warning,
                items: vec![AlertItem {
                    kind: ItemKind::Resource,
                    id: res.id.to_string(),
                    name: res.name.clone(),
                }],
                title: format!("{}{}", lang.pick("Overallocated: ", "资源超负荷："), res.name),
                message: if lang.zh() {
                    format!(
                        "{}在未来{}个工作日中有{}天超负荷，最高负荷为其能力的{}。",
                        lang.quote(&res.name),
                        o.overallocation_days,
                        over.len(),
                        lang.percent(pct)
                    )
                } else {
                    format!(
                        "{} is booked beyond capacity on {} of the next {} working days, at up to {} of capacity.",
                        lang.quote(&res.name),
                        over.len(),
                        o.overallocation_days,
                        lang.percent(pct)
                    )
                },
                value: Some(pct),
                threshold: Some(100.0),
                date: None,
            });
        }
        out
    }
}
