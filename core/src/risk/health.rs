//! Schedule health: the DCMA 14-point assessment (DCMA-EA PAM 200.1, *Earned Value
//! Management System Program Analysis Pamphlet*, 2012) of a project and its schedule.
//!
//! Each of the fourteen checks gives a metric, its threshold, pass / fail / not applicable, the
//! population it is measured on, and the offending tasks (in task order) or links (in link
//! order). The rules, as this module applies them (also in `core/DESIGN.md`, "Schedule
//! health"):
//!
//! * **Tasks.** Summaries are left out of every check. The *incomplete tasks* (no actual
//!   finish, below 100 %) are the population of checks 1 and 5–7, milestones included; check 8
//!   and 10 leave milestones (zero duration) out as well.
//! * **Links.** Checks 2–4 count the links whose successor is incomplete and neither end is a
//!   summary (a link into a finished task can no longer drive anything). Their offenders are
//!   [`Check::links`]; [`Check::tasks`] then lists each offending link's successor once.
//! * **1 Logic** (`missing_logic`, ≤ 5 %): incomplete tasks without a predecessor, a
//!   successor, or both (links on an enclosing summary do not count: DCMA wants logic on the
//!   tasks themselves). The project's ends are excused: when exactly one incomplete task has
//!   no predecessor and it is a milestone, it is the start milestone and not an offender
//!   (likewise one finish milestone without a successor). [`Check::gaps`] says which end
//!   each offender lacks (`no_predecessor`, `no_successor`).
//! * **2 Leads** (`leads`, 0 %): links with a negative lag. **3 Lags** (`lags`, ≤ 5 %): links
//!   with a positive lag. **4 Relationship types** (`relationship_types`, ≥ 90 % FS): the
//!   metric is the share of finish-to-start links; the offenders are the others.
//! * **5 Hard constraints** (`hard_constraints`, ≤ 5 %): must start on, must finish on, start
//!   no later than, finish no later than.
//! * **6 High float** (`high_float`, ≤ 5 %): total float above 44 working days (of the
//!   project's day length; 24-hour days for elapsed tasks). **7 Negative float**
//!   (`negative_float`, 0 %): total float below zero.
//! * **8 High duration** (`high_duration`, ≤ 5 %): a duration above 44 working days — the
//!   baseline duration when the task has one in the baseline used, else its own.
//! * **9 Invalid dates** (`invalid_dates`, 0 %, needs a status date; every task): a forecast
//!   date before the status date (the start of a task not started, the finish of a task not
//!   finished) or an actual date after it.
//! * **10 Resources** (`resources`, informational): incomplete tasks with a duration and no
//!   assignment. It never fails; it is not applicable when the project has no resources.
//! * **11 Missed tasks** (`missed_tasks`, ≤ 5 %, needs a status date and a baseline): of the
//!   tasks whose baseline finish is at or before the status date, those not finished, or
//!   finished (actual finish, else scheduled finish) after the baseline finish. Tasks with no
//!   finish in the baseline cannot be late against it: they are left out and listed in
//!   [`Check::no_baseline_finish`].
//! * **12 Critical path test** (`critical_path_test`): the earliest incomplete critical task
//!   is made 600 working days longer in a copy of the project, which is scheduled again; the
//!   check passes when the finish — the incomplete task that finishes last (a milestone on a
//!   tie) — moves at least as far as the delayed task (both measured on the project
//!   calendar), i.e. the critical path really drives the finish. The metric is the finish's
//!   move in working days. Not applicable to a project
//!   scheduled from its finish or without incomplete tasks; fails when no incomplete task is
//!   critical.
//! * **13 CPLI** (`cpli`, ≥ 0.95): `(CPL + TF) / CPL`, where CPL is the working time from the
//!   status date (or the project start, whichever is later; the project start without a status
//!   date) to the project finish and TF the smallest total float of the incomplete tasks that
//!   finish at the project finish (0 when none), both in working days. Not applicable when CPL
//!   is not positive. Its tasks are the finishing tasks with negative float.
//! * **14 BEI** (`bei`, ≥ 0.95, needs a status date and a baseline): tasks completed (all of
//!   them, also those planned later) over tasks with a baseline finish at or before the status
//!   date plus the tasks with no baseline finish (DCMA's denominator, listed in
//!   [`Check::no_baseline_finish`]); the offenders are the latter not yet complete. Both
//!   checks are not applicable when the baseline has no finish dates at all.
//! * **Additional: dangling logic** (`dangling_logic`, number 15, ≤ 5 %, in
//!   [`Health::additional`], not in the totals): incomplete tasks with predecessors none of
//!   which is FS or SS (an open start: nothing drives it), or with successors none of which
//!   is FS or FF (an open finish: it drives nothing) — DCMA's DECM test 06A204b and the P6
//!   and Acumen dangling checks. A side with no link at all is check 1's gap, not this one's.
//!
//! Percent metrics are `100 × count / population`; a check with an empty population is not
//! applicable.
//!
//! ```
//! let doc = jindu::io::json::read(r#"{"name": "Demo", "start": "2026-01-05",
//!   "tasks": [{"id": "S", "milestone": true}, {"id": "A", "duration": "5d"},
//!             {"id": "B", "duration": "3d", "constraint": {"type": "MSO", "date": "2026-01-19"}},
//!             {"id": "F", "milestone": true}],
//!   "links": [{"from": "S", "to": "A"}, {"from": "A", "to": "F"}, {"from": "S", "to": "B"},
//!             {"from": "B", "to": "F"}]}"#)?;
//! let opts = jindu::risk::HealthOptions { schedule: doc.options, ..Default::default() };
//! let h = jindu::risk::assess(&doc.project, &opts)?;
//! let hard = h.check("hard_constraints").unwrap();
//! // One of the four incomplete tasks (B) has a hard constraint: 25 % > 5 %.
//! assert_eq!((hard.count, hard.population, hard.metric), (1, 4, Some(25.0)));
//! assert_eq!(hard.tasks, ["B"]);
//! assert_eq!(hard.status, jindu::risk::CheckStatus::Fail);
//! # Ok::<(), jindu::Error>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::calendar::WorkCalendar;
use crate::error::{Error, Item, Result};
use crate::id::TaskIndex;
use crate::io::json::out::Iso;
use crate::model::{Constraint, Lag, LinkType, Project, ScheduleFrom, Task};
use crate::schedule::{Network, Schedule, ScheduleOptions};
use crate::time::{DateTime, Duration};

/// The thresholds of the checks; the defaults are DCMA's.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Thresholds {
    /// Largest share of incomplete tasks missing logic, in percent (5).
    pub logic_percent: f64,
    /// Largest share of links with a lead, in percent (0).
    pub leads_percent: f64,
    /// Largest share of links with a lag, in percent (5).
    pub lags_percent: f64,
    /// Smallest share of finish-to-start links, in percent (90).
    pub fs_percent: f64,
    /// Largest share of incomplete tasks with a hard constraint, in percent (5).
    pub hard_constraints_percent: f64,
    /// Total float above this many working days is high (44).
    pub high_float_days: f64,
    /// Largest share of incomplete tasks with high float, in percent (5).
    pub high_float_percent: f64,
    /// Largest share of incomplete tasks with negative float, in percent (0).
    pub negative_float_percent: f64,
    /// A duration above this many working days is high (44).
    pub high_duration_days: f64,
    /// Largest share of incomplete tasks with a high duration, in percent (5).
    pub high_duration_percent: f64,
    /// Largest share of tasks with invalid dates, in percent (0).
    pub invalid_dates_percent: f64,
    /// Largest share of missed tasks, in percent (5).
    pub missed_percent: f64,
    /// The delay the critical path test adds, in working days (600).
    pub critical_path_delay_days: f64,
    /// Smallest critical path length index (0.95).
    pub cpli: f64,
    /// Smallest baseline execution index (0.95).
    pub bei: f64,
    /// Largest share of incomplete tasks with dangling logic, in percent (5; the additional
    /// `dangling_logic` check).
    pub dangling_percent: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            logic_percent: 5.0,
            leads_percent: 0.0,
            lags_percent: 5.0,
            fs_percent: 90.0,
            hard_constraints_percent: 5.0,
            high_float_days: 44.0,
            high_float_percent: 5.0,
            negative_float_percent: 0.0,
            high_duration_days: 44.0,
            high_duration_percent: 5.0,
            invalid_dates_percent: 0.0,
            missed_percent: 5.0,
            critical_path_delay_days: 600.0,
            cpli: 0.95,
            bei: 0.95,
            dangling_percent: 5.0,
        }
    }
}

impl Thresholds {
    /// Every threshold must be a finite number, not negative; percents at most 100; the
    /// critical path delay at least a minute.
    fn validate(&self) -> Result<()> {
        let t = self;
        let all = [
            ("logic_percent", t.logic_percent, true),
            ("leads_percent", t.leads_percent, true),
            ("lags_percent", t.lags_percent, true),
            ("fs_percent", t.fs_percent, true),
            ("hard_constraints_percent", t.hard_constraints_percent, true),
            ("high_float_days", t.high_float_days, false),
            ("high_float_percent", t.high_float_percent, true),
            ("negative_float_percent", t.negative_float_percent, true),
            ("high_duration_days", t.high_duration_days, false),
            ("high_duration_percent", t.high_duration_percent, true),
            ("invalid_dates_percent", t.invalid_dates_percent, true),
            ("missed_percent", t.missed_percent, true),
            (
                "critical_path_delay_days",
                t.critical_path_delay_days,
                false,
            ),
            ("cpli", t.cpli, false),
            ("bei", t.bei, false),
            ("dangling_percent", t.dangling_percent, true),
        ];
        for (name, v, percent) in all {
            let limit = if percent { 100.0 } else { 100_000.0 };
            if !v.is_finite() || !(0.0..=limit).contains(&v) {
                return Err(Error::invalid(
                    Item::Project,
                    &format!("thresholds.{name}"),
                    format!("expected a number from 0 to {limit}, found {v}"),
                ));
            }
        }
        if t.critical_path_delay_days <= 0.0 {
            return Err(Error::invalid(
                Item::Project,
                "thresholds.critical_path_delay_days",
                "the critical path test needs a positive delay",
            ));
        }
        Ok(())
    }
}

/// How to assess a schedule: the status date, the baseline, the thresholds, and the options the
/// project is scheduled with (for [`assess`] and the critical path test).
///
/// ```
/// let o = jindu::risk::HealthOptions::default();
/// assert_eq!(o.thresholds.high_float_days, 44.0);
/// assert_eq!((o.status_date, o.baseline), (None, None));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HealthOptions {
    /// How the project is scheduled (the document's options).
    pub schedule: ScheduleOptions,
    /// The status date; `None` takes the project's, and without one checks 9, 11 and 14 are
    /// not applicable.
    pub status_date: Option<DateTime>,
    /// The baseline to compare with; `None` takes the lowest-numbered one any task has.
    pub baseline: Option<u8>,
    /// The thresholds.
    pub thresholds: Thresholds,
}

/// The options as JSON (what every binding passes): `{"status_date": "2026-02-06T17:00",
/// "baseline": 0, "thresholds": {"logic_percent": 5, ...}}`, every field optional.
///
/// ```
/// let r = jindu::risk::HealthRequest::from_json(
///     r#"{"status_date": "2026-02-06T17:00", "thresholds": {"cpli": 0.9}}"#)?;
/// let o = r.options(Default::default())?;
/// assert_eq!(o.thresholds.cpli, 0.9);
/// assert_eq!(o.thresholds.bei, 0.95);
/// assert_eq!(o.status_date, Some("2026-02-06T17:00".parse()?));
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HealthRequest {
    /// The status date, `YYYY-MM-DDTHH:MM` (default: the document's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<String>,
    /// The baseline number (default: the lowest present).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<u8>,
    /// Thresholds to change (the others keep DCMA's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<Thresholds>,
}

impl HealthRequest {
    /// Reads the options from JSON text; a malformed or unknown field is an
    /// [`Error::Json`] naming its path.
    pub fn from_json(text: &str) -> Result<HealthRequest> {
        crate::io::json::read_value(text)
    }

    /// The options, with the project scheduled with `schedule`.
    pub fn options(&self, schedule: ScheduleOptions) -> Result<HealthOptions> {
        let status_date = match &self.status_date {
            None => None,
            Some(s) => Some(s.parse::<DateTime>().map_err(|_| {
                Error::invalid(
                    Item::Project,
                    "status_date",
                    format!("expected a datetime (2026-02-06T17:00), found {s:?}"),
                )
            })?),
        };
        let thresholds = self.thresholds.clone().unwrap_or_default();
        thresholds.validate()?;
        Ok(HealthOptions {
            schedule,
            status_date,
            baseline: self.baseline,
            thresholds,
        })
    }
}

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// Within the threshold.
    Pass,
    /// Outside it.
    Fail,
    /// Nothing to measure (no status date, no baseline, an empty population).
    NotApplicable,
}

impl CheckStatus {
    /// `pass`, `fail` or `not_applicable`.
    pub fn code(self) -> &'static str {
        match self {
            CheckStatus::Pass => "pass",
            CheckStatus::Fail => "fail",
            CheckStatus::NotApplicable => "not_applicable",
        }
    }
}

/// A link named by its tasks' keys.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LinkRef {
    /// The predecessor's key.
    pub from: String,
    /// The successor's key.
    pub to: String,
    /// `FS`, `SS`, `FF` or `SF`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The lag as written (`2d`, `-1d`, `50%`, `0`).
    pub lag: String,
}

/// Why a task offends a logic check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LogicGapKind {
    /// No predecessor at all (check 1).
    NoPredecessor,
    /// No successor at all (check 1).
    NoSuccessor,
    /// Predecessors, but none FS or SS: nothing drives the start (`dangling_logic`).
    DanglingStart,
    /// Successors, but none FS or FF: the finish drives nothing (`dangling_logic`).
    DanglingFinish,
}

/// One task's gap in the logic: the task and the kind of gap (a task can have two).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LogicGap {
    /// The task's key.
    pub task: String,
    /// What is missing.
    pub kind: LogicGapKind,
}

/// One check: one of DCMA's fourteen, or an additional one ([`Health::additional`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Check {
    /// 1 to 14, DCMA's order; 15 and up for the additional checks.
    pub number: u8,
    /// A stable snake_case code: `missing_logic`, `leads`, `lags`, `relationship_types`,
    /// `hard_constraints`, `high_float`, `negative_float`, `high_duration`, `invalid_dates`,
    /// `resources`, `missed_tasks`, `critical_path_test`, `cpli`, `bei`; additionally
    /// `dangling_logic`.
    pub code: String,
    /// The check's name in English.
    pub name: String,
    /// The measured value (in `unit`); `null` when not applicable, and for a failed critical
    /// path test that found no critical task to delay.
    pub metric: Option<f64>,
    /// The threshold as DCMA writes it, e.g. `<= 5%`, `>= 0.95`.
    pub threshold: String,
    /// `%`, `ratio` or `working days`.
    pub unit: String,
    /// What the metric is measured over (tasks or links; see the module documentation).
    pub population: usize,
    /// How many offend (the length of `links` for checks 2–4, else of `tasks`).
    pub count: usize,
    /// Pass, fail or not applicable.
    pub status: CheckStatus,
    /// The offending tasks' keys, in task order.
    pub tasks: Vec<String>,
    /// The offending links, in link order (checks 2–4 only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkRef>,
    /// The logic checks (1 and `dangling_logic`) only: each offender's gaps, in task order
    /// (a task missing both ends, or dangling at both, appears twice, start first).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<LogicGap>,
    /// Missed tasks and BEI only: the tasks (not summaries) with no finish in the baseline
    /// used, in task order. Missed tasks leaves them out of its population; BEI counts them
    /// as due, as DCMA defines it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub no_baseline_finish: Vec<String>,
    /// One English sentence on the outcome.
    pub detail: String,
}

/// The DCMA 14-point assessment of a schedule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Health {
    /// The status date used, if any.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub status_date: Option<Iso>,
    /// The baseline used, if any.
    pub baseline: Option<u8>,
    /// Checks that passed.
    pub passed: usize,
    /// Checks that failed.
    pub failed: usize,
    /// Checks that do not apply.
    pub not_applicable: usize,
    /// The fourteen checks, in order.
    pub checks: Vec<Check>,
    /// Checks beyond DCMA's fourteen, numbered from 15 and not counted in `passed`, `failed`
    /// and `not_applicable`: `dangling_logic` (DCMA's DECM and the P6 and Acumen schedule
    /// checks).
    pub additional: Vec<Check>,
}

impl Health {
    /// The check with code `code`, one of the fourteen or an additional one.
    pub fn check(&self, code: &str) -> Option<&Check> {
        self.checks
            .iter()
            .chain(&self.additional)
            .find(|c| c.code == code)
    }

    /// The assessment as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("serde_json fails only on non-string map keys or a failing Serialize impl; the derived report has neither")
    }
}

/// Schedules `project` with `options.schedule` and assesses it (see [`health`]).
pub fn assess(project: &Project, options: &HealthOptions) -> Result<Health> {
    let net = Network::compile(project, &options.schedule)?;
    let schedule = net.schedule()?;
    run(project, &net, &schedule, options)
}

/// The DCMA 14-point assessment of `project` with its `schedule` (computed with
/// `options.schedule`, which the critical path test schedules a copy with).
///
/// Fails when the thresholds are out of range, the baseline asked for is on no task, or the
/// critical path test's copy cannot be scheduled.
pub fn health(project: &Project, schedule: &Schedule, options: &HealthOptions) -> Result<Health> {
    let net = Network::compile(project, &options.schedule)?;
    run(project, &net, schedule, options)
}

/// What the checks share.
struct Ctx<'a> {
    project: &'a Project,
    schedule: &'a Schedule,
    cal: &'a WorkCalendar,
    day: i64,
    /// Per task: a summary.
    summary: Vec<bool>,
    /// Per task: complete.
    complete: Vec<bool>,
    /// Per task: a leaf that is not complete.
    open: Vec<bool>,
    status: Option<DateTime>,
    baseline: Option<u8>,
    t: &'a Thresholds,
}

fn run(
    project: &Project,
    net: &Network<'_>,
    schedule: &Schedule,
    options: &HealthOptions,
) -> Result<Health> {
    options.thresholds.validate()?;
    let n = project.len();
    let baseline = checked_baseline(project, schedule, options.baseline)?;
    let summary: Vec<bool> = (0..n).map(|k| project.is_summary(idx(k))).collect();
    let complete: Vec<bool> = project
        .tasks()
        .iter()
        .map(|t| t.progress.is_complete())
        .collect();
    let open = (0..n).map(|k| !summary[k] && !complete[k]).collect();
    let cx = Ctx {
        project,
        schedule,
        cal: net.calendar(),
        day: project.settings().minutes_per_day.max(1),
        summary,
        complete,
        open,
        status: options.status_date.or(project.status_date()),
        baseline,
        t: &options.thresholds,
    };
    let checks = vec![
        cx.logic(),
        cx.link_check(2),
        cx.link_check(3),
        cx.link_check(4),
        cx.hard_constraints(),
        cx.high_float(),
        cx.negative_float(),
        cx.high_duration(),
        cx.invalid_dates(),
        cx.resources(),
        cx.missed(),
        cx.critical_path_test(options)?,
        cx.cpli(),
        cx.bei(),
    ];
    let count = |s: CheckStatus| checks.iter().filter(|c| c.status == s).count();
    Ok(Health {
        status_date: cx.status.map(Iso),
        baseline,
        passed: count(CheckStatus::Pass),
        failed: count(CheckStatus::Fail),
        not_applicable: count(CheckStatus::NotApplicable),
        checks,
        additional: vec![cx.dangling()],
    })
}

fn idx(k: usize) -> TaskIndex {
    TaskIndex::from_raw(k as u32)
}

/// `p` with up to two decimals and no trailing zeros (`5`, `0.95`, `12.5`).
/// The schedule is `project`'s (one entry per task), and the baseline to use: `asked` when
/// some task has it (an error naming it otherwise), else the lowest one any task has. Shared
/// by the health check and the risk scores.
pub(crate) fn checked_baseline(
    project: &Project,
    schedule: &Schedule,
    asked: Option<u8>,
) -> Result<Option<u8>> {
    let n = project.len();
    if schedule.tasks().len() != n {
        return Err(Error::invalid(
            Item::Project,
            "schedule",
            format!(
                "the schedule has {} tasks, the project {n}",
                schedule.tasks().len()
            ),
        ));
    }
    let numbers = || {
        project
            .tasks()
            .iter()
            .flat_map(|t| t.baselines.iter().map(|b| b.number))
    };
    match asked {
        Some(b) if numbers().any(|x| x == b) => Ok(Some(b)),
        Some(b) => Err(Error::invalid(
            Item::Project,
            "baseline",
            format!("no task has baseline {b}"),
        )),
        None => Ok(numbers().min()),
    }
}

fn num(p: f64) -> String {
    let s = format!("{p:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

const NAMES: [(&str, &str); 15] = [
    ("missing_logic", "Logic"),
    ("leads", "Leads"),
    ("lags", "Lags"),
    ("relationship_types", "Relationship types"),
    ("hard_constraints", "Hard constraints"),
    ("high_float", "High float"),
    ("negative_float", "Negative float"),
    ("high_duration", "High duration"),
    ("invalid_dates", "Invalid dates"),
    ("resources", "Resources"),
    ("missed_tasks", "Missed tasks"),
    ("critical_path_test", "Critical path test"),
    ("cpli", "Critical path length index"),
    ("bei", "Baseline execution index"),
    ("dangling_logic", "Dangling logic"),
];

/// A check without a result yet: number, threshold and unit.
fn blank(number: u8, threshold: String, unit: &str) -> Check {
    let (code, name) = NAMES[number as usize - 1];
    Check {
        number,
        code: code.into(),
        name: name.into(),
        metric: None,
        threshold,
        unit: unit.into(),
        population: 0,
        count: 0,
        status: CheckStatus::NotApplicable,
        tasks: Vec::new(),
        links: Vec::new(),
        gaps: Vec::new(),
        no_baseline_finish: Vec::new(),
        detail: String::new(),
    }
}

/// `1 task`, `3 tasks`.
fn tasks(n: usize) -> String {
    if n == 1 {
        "1 task".into()
    } else {
        format!("{n} tasks")
    }
}

/// The tasks missed tasks and BEI measure: those due by their baseline finish (with it), and
/// those with no baseline finish (`unset`), each in task order.
struct Due {
    due: Vec<(usize, DateTime)>,
    unset: Vec<usize>,
}

fn not_applicable(mut c: Check, why: &str) -> Check {
    c.detail = why.into();
    c
}

impl Ctx<'_> {
    fn task(&self, k: usize) -> &Task {
        &self.project.tasks()[k]
    }

    fn id(&self, k: usize) -> String {
        self.task(k).id.to_string()
    }

    fn leaves(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.project.len()).filter(|&k| !self.summary[k])
    }

    fn open_tasks(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.project.len()).filter(|&k| self.open[k])
    }

    /// Whether task `k` has (zero) duration: a milestone.
    fn milestone(&self, k: usize) -> bool {
        let t = self.task(k);
        t.milestone || t.duration.is_zero()
    }

    /// A duration in days: working days of the project's length, 24-hour days when elapsed.
    fn days(&self, d: Duration) -> f64 {
        let per = if d.is_elapsed() { 1440 } else { self.day };
        d.minutes() as f64 / per as f64
    }

    /// Working days on the project calendar from `a` to `b`.
    fn work_days(&self, a: DateTime, b: DateTime) -> f64 {
        self.cal.work_between(a, b) as f64 / self.day as f64
    }

    /// The baseline of task `k` in the baseline used.
    fn baseline_of(&self, k: usize) -> Option<&crate::model::Baseline> {
        let n = self.baseline?;
        self.task(k).baselines.iter().find(|b| b.number == n)
    }

    /// A percent check over `population` tasks: offenders `bad`, passing at most `max` %.
    fn percent(&self, mut c: Check, population: &[usize], bad: Vec<usize>, max: f64) -> Check {
        c.threshold = format!("<= {}%", num(max));
        if population.is_empty() {
            return not_applicable(c, "no tasks to measure");
        }
        let m = 100.0 * bad.len() as f64 / population.len() as f64;
        c.population = population.len();
        c.count = bad.len();
        c.metric = Some(m);
        c.status = if m <= max {
            CheckStatus::Pass
        } else {
            CheckStatus::Fail
        };
        c.detail = format!(
            "{} of {} {} ({}%)",
            bad.len(),
            population.len(),
            c.detail,
            num(m)
        );
        c.tasks = bad.iter().map(|&k| self.id(k)).collect();
        c
    }

    fn logic(&self) -> Check {
        let n = self.project.len();
        let (mut pred, mut succ) = (vec![false; n], vec![false; n]);
        for l in self.project.links() {
            succ[l.from.index()] = true;
            pred[l.to.index()] = true;
        }
        let pop: Vec<usize> = self.open_tasks().collect();
        // The project's one start milestone and one finish milestone are its ends, not gaps.
        let only = |has: &[bool]| {
            let mut v = pop.iter().copied().filter(|&k| !has[k]);
            match (v.next(), v.next()) {
                (Some(k), None) if self.milestone(k) => Some(k),
                _ => None,
            }
        };
        let (start, end) = (only(&pred), only(&succ));
        let mut c = blank(1, String::new(), "%");
        c.detail = "incomplete tasks lack a predecessor or a successor".into();
        let gaps = pop.iter().flat_map(|&k| {
            [
                (!pred[k] && Some(k) != start).then_some((k, LogicGapKind::NoPredecessor)),
                (!succ[k] && Some(k) != end).then_some((k, LogicGapKind::NoSuccessor)),
            ]
            .into_iter()
            .flatten()
        });
        self.gap_check(c, &pop, gaps.collect(), self.t.logic_percent)
    }

    /// The additional check: incomplete tasks whose predecessors are all FF or SF (an open
    /// start) or whose successors are all SS or SF (an open finish). A task without any
    /// predecessor or successor is check 1's, not this one's.
    fn dangling(&self) -> Check {
        let n = self.project.len();
        // Per task: (links in, links driving the start) and (links out, links driven by
        // the finish).
        let (mut ins, mut outs) = (vec![(0, 0); n], vec![(0, 0); n]);
        for l in self.project.links() {
            let (a, b) = (l.from.index(), l.to.index());
            let (from_finish, to_start) = match l.kind {
                LinkType::FinishToStart => (true, true),
                LinkType::StartToStart => (false, true),
                LinkType::FinishToFinish => (true, false),
                LinkType::StartToFinish => (false, false),
            };
            ins[b].0 += 1;
            ins[b].1 += usize::from(to_start);
            outs[a].0 += 1;
            outs[a].1 += usize::from(from_finish);
        }
        let open_end = |(all, driving): (usize, usize)| all > 0 && driving == 0;
        let pop: Vec<usize> = self.open_tasks().collect();
        let gaps = pop.iter().flat_map(|&k| {
            [
                open_end(ins[k]).then_some((k, LogicGapKind::DanglingStart)),
                open_end(outs[k]).then_some((k, LogicGapKind::DanglingFinish)),
            ]
            .into_iter()
            .flatten()
        });
        let mut c = blank(15, String::new(), "%");
        c.detail = "incomplete tasks have a start no FS or SS link drives, or a finish that \
                    drives no FS or FF link"
            .into();
        self.gap_check(c, &pop, gaps.collect(), self.t.dangling_percent)
    }

    /// A logic check: the offenders are the tasks with a gap, each once.
    fn gap_check(
        &self,
        c: Check,
        pop: &[usize],
        gaps: Vec<(usize, LogicGapKind)>,
        max: f64,
    ) -> Check {
        let mut bad: Vec<usize> = gaps.iter().map(|&(k, _)| k).collect();
        bad.dedup();
        let mut c = self.percent(c, pop, bad, max);
        c.gaps = gaps
            .into_iter()
            .map(|(k, kind)| LogicGap {
                task: self.id(k),
                kind,
            })
            .collect();
        c
    }

    /// Checks 2 (leads), 3 (lags) and 4 (relationship types) over the links into incomplete
    /// tasks.
    fn link_check(&self, number: u8) -> Check {
        let p = self.project;
        let st = p.settings();
        let mut pop = 0;
        let mut bad = Vec::new();
        for l in p.links() {
            let (a, b) = (l.from.index(), l.to.index());
            if self.summary[a] || self.summary[b] || !self.open[b] {
                continue;
            }
            pop += 1;
            let sign = match l.lag {
                Lag::Time(d) => d.minutes().signum(),
                Lag::Percent(x) => x.signum() as i64,
            };
            let offends = match number {
                2 => sign < 0,
                3 => sign > 0,
                _ => l.kind != LinkType::FinishToStart,
            };
            if offends {
                bad.push(l);
            }
        }
        let (max, what) = match number {
            2 => (
                self.t.leads_percent,
                "links into incomplete tasks have a lead",
            ),
            3 => (
                self.t.lags_percent,
                "links into incomplete tasks have a lag",
            ),
            _ => (self.t.fs_percent, "links into incomplete tasks are not FS"),
        };
        let mut c = blank(
            number,
            if number == 4 {
                format!(">= {}%", num(max))
            } else {
                format!("<= {}%", num(max))
            },
            "%",
        );
        if pop == 0 {
            return not_applicable(c, "no links into incomplete tasks");
        }
        let share = 100.0 * bad.len() as f64 / pop as f64;
        let (m, ok) = if number == 4 {
            let fs = 100.0 * (pop - bad.len()) as f64 / pop as f64;
            (fs, fs >= max)
        } else {
            (share, share <= max)
        };
        c.metric = Some(m);
        c.population = pop;
        c.count = bad.len();
        c.status = if ok {
            CheckStatus::Pass
        } else {
            CheckStatus::Fail
        };
        c.detail = if number == 4 {
            format!(
                "{} of {pop} links into incomplete tasks are FS ({}%)",
                pop - bad.len(),
                num(m)
            )
        } else {
            format!("{} of {pop} {what} ({}%)", bad.len(), num(m))
        };
        let mut succ = vec![false; p.len()];
        for l in &bad {
            succ[l.to.index()] = true;
        }
        c.tasks = (0..p.len())
            .filter(|&k| succ[k])
            .map(|k| self.id(k))
            .collect();
        c.links = bad
            .iter()
            .map(|l| LinkRef {
                from: p.task(l.from).id.to_string(),
                to: p.task(l.to).id.to_string(),
                kind: l.kind.code().into(),
                lag: if l.lag.is_zero() {
                    "0".into()
                } else {
                    l.lag.display(st).to_string()
                },
            })
            .collect();
        c
    }

    fn hard_constraints(&self) -> Check {
        let pop: Vec<usize> = self.open_tasks().collect();
        let bad = pop
            .iter()
            .copied()
            .filter(|&k| {
                matches!(
                    self.task(k).constraint,
                    Constraint::MustStartOn(_)
                        | Constraint::MustFinishOn(_)
                        | Constraint::StartNoLaterThan(_)
                        | Constraint::FinishNoLaterThan(_)
                )
            })
            .collect();
        let mut c = blank(5, String::new(), "%");
        c.detail = "incomplete tasks have a hard constraint (MSO, MFO, SNLT, FNLT)".into();
        self.percent(c, &pop, bad, self.t.hard_constraints_percent)
    }

    fn high_float(&self) -> Check {
        let pop: Vec<usize> = self.open_tasks().collect();
        let limit = self.t.high_float_days;
        let bad = pop
            .iter()
            .copied()
            .filter(|&k| self.days(self.schedule.task(idx(k)).total_float) > limit)
            .collect();
        let mut c = blank(6, String::new(), "%");
        c.detail = format!(
            "incomplete tasks have more than {} working days of total float",
            num(limit)
        );
        self.percent(c, &pop, bad, self.t.high_float_percent)
    }

    fn negative_float(&self) -> Check {
        let pop: Vec<usize> = self.open_tasks().collect();
        let bad = pop
            .iter()
            .copied()
            .filter(|&k| self.schedule.task(idx(k)).total_float.minutes() < 0)
            .collect();
        let mut c = blank(7, String::new(), "%");
        c.detail = "incomplete tasks have negative total float".into();
        self.percent(c, &pop, bad, self.t.negative_float_percent)
    }

    fn high_duration(&self) -> Check {
        let pop: Vec<usize> = self.open_tasks().filter(|&k| !self.milestone(k)).collect();
        let limit = self.t.high_duration_days;
        let bad = pop
            .iter()
            .copied()
            .filter(|&k| {
                let d = self
                    .baseline_of(k)
                    .and_then(|b| b.duration)
                    .unwrap_or(self.task(k).duration);
                self.days(d) > limit
            })
            .collect();
        let mut c = blank(8, String::new(), "%");
        c.detail = format!(
            "incomplete tasks are longer than {} working days",
            num(limit)
        );
        self.percent(c, &pop, bad, self.t.high_duration_percent)
    }

    fn invalid_dates(&self) -> Check {
        let c = blank(9, format!("<= {}%", num(self.t.invalid_dates_percent)), "%");
        let Some(status) = self.status else {
            return not_applicable(c, "no status date");
        };
        let pop: Vec<usize> = self.leaves().collect();
        let bad = pop
            .iter()
            .copied()
            .filter(|&k| {
                let p = &self.task(k).progress;
                let s = self.schedule.task(idx(k));
                let started = p.actual_start.is_some() || p.percent_complete > 0;
                let actual_late = p.actual_start.is_some_and(|d| d > status)
                    || p.actual_finish.is_some_and(|d| d > status);
                let forecast_early = (!started && !self.complete[k] && s.start < status)
                    || (!self.complete[k] && s.finish < status);
                actual_late || forecast_early
            })
            .collect();
        let mut c = c;
        c.detail =
            "tasks have a forecast date before, or an actual date after, the status date".into();
        self.percent(c, &pop, bad, self.t.invalid_dates_percent)
    }

    fn resources(&self) -> Check {
        let mut c = blank(10, "informational".into(), "%");
        if self.project.resources().is_empty() {
            return not_applicable(c, "the project has no resources");
        }
        let mut assigned = vec![false; self.project.len()];
        for a in self.project.assignments() {
            assigned[a.task.index()] = true;
        }
        let pop: Vec<usize> = self.open_tasks().filter(|&k| !self.milestone(k)).collect();
        if pop.is_empty() {
            return not_applicable(c, "no incomplete tasks with a duration");
        }
        let bad: Vec<usize> = pop.iter().copied().filter(|&k| !assigned[k]).collect();
        let m = 100.0 * bad.len() as f64 / pop.len() as f64;
        c.metric = Some(m);
        c.population = pop.len();
        c.count = bad.len();
        c.status = CheckStatus::Pass;
        c.detail = format!(
            "{} of {} incomplete tasks with a duration have no resource ({}%; informational)",
            bad.len(),
            pop.len(),
            num(m)
        );
        c.tasks = bad.iter().map(|&k| self.id(k)).collect();
        c
    }

    /// The tasks with a baseline finish at or before the status date and the tasks with no
    /// baseline finish, or why the checks on them cannot be made.
    fn due(&self) -> std::result::Result<Due, String> {
        let Some(status) = self.status else {
            return Err("no status date".into());
        };
        let Some(number) = self.baseline else {
            return Err("no baseline".into());
        };
        let (mut due, mut unset) = (Vec::new(), Vec::new());
        for k in self.leaves() {
            match self.baseline_of(k).and_then(|b| b.finish) {
                Some(f) if f <= status => due.push((k, f)),
                Some(_) => {}
                None => unset.push(k),
            }
        }
        if unset.len() == self.leaves().count() {
            return Err(format!(
                "baseline {number} has no finish dates, so no task is due by a baseline finish"
            ));
        }
        Ok(Due { due, unset })
    }

    /// A check on the due tasks that cannot be made: not applicable, saying why; the tasks
    /// without a baseline finish are listed whenever there is a baseline.
    fn due_not_applicable(&self, mut c: Check, why: &str) -> Check {
        if self.baseline.is_some() {
            c.no_baseline_finish = self
                .leaves()
                .filter(|&k| self.baseline_of(k).and_then(|b| b.finish).is_none())
                .map(|k| self.id(k))
                .collect();
        }
        not_applicable(c, why)
    }

    fn missed(&self) -> Check {
        let mut c = blank(11, format!("<= {}%", num(self.t.missed_percent)), "%");
        let Due { due, unset } = match self.due() {
            Ok(d) if d.due.is_empty() => {
                c.no_baseline_finish = d.unset.iter().map(|&k| self.id(k)).collect();
                return not_applicable(
                    c,
                    "no task has a baseline finish at or before the status date",
                );
            }
            Ok(d) => d,
            Err(why) => return self.due_not_applicable(c, &why),
        };
        c.no_baseline_finish = unset.iter().map(|&k| self.id(k)).collect();
        let pop: Vec<usize> = due.iter().map(|&(k, _)| k).collect();
        let bad = due
            .iter()
            .filter(|&&(k, bf)| {
                if !self.complete[k] {
                    return true;
                }
                let done = self.task(k).progress.actual_finish;
                done.unwrap_or(self.schedule.task(idx(k)).finish) > bf
            })
            .map(|&(k, _)| k)
            .collect();
        c.detail = "tasks due by the status date finished late or are not finished".into();
        let mut c = self.percent(c, &pop, bad, self.t.missed_percent);
        if !unset.is_empty() {
            c.detail += &format!(
                "; {} without a baseline finish left out",
                tasks(unset.len())
            );
        }
        c
    }

    fn critical_path_test(&self, options: &HealthOptions) -> Result<Check> {
        let delay_days = self.t.critical_path_delay_days;
        let mut c = blank(
            12,
            format!("finish slips {} wd", num(delay_days)),
            "working days",
        );
        if matches!(self.project.schedule_from(), ScheduleFrom::Finish(_)) {
            return Ok(not_applicable(
                c,
                "the project is scheduled from its finish",
            ));
        }
        if self.open_tasks().next().is_none() {
            return Ok(not_applicable(c, "no incomplete tasks"));
        }
        c.population = 1;
        let Some(&i) = self
            .schedule
            .critical_path()
            .iter()
            .find(|&&i| self.open[i.index()])
        else {
            c.status = CheckStatus::Fail;
            c.detail = "no incomplete task is critical".into();
            return Ok(c);
        };
        let k = i.index();
        let mut p = self.project.clone();
        let mut t = p.task(i).clone();
        let minutes = (delay_days * self.day as f64).round() as i64;
        let add = if t.duration.is_elapsed() {
            Duration::elapsed_minutes((delay_days * 1440.0).round() as i64)
        } else {
            Duration::minutes_work(minutes)
        };
        t.duration = if t.duration.is_elapsed() {
            Duration::elapsed_minutes(t.duration.minutes() + add.minutes())
        } else {
            Duration::minutes_work(t.duration.minutes() + add.minutes())
        };
        t.milestone = false;
        if let Some(pin) = &mut t.pinned {
            pin.finish = None;
        }
        p.replace_task(i, t)?;
        // The finish: the incomplete task finishing last, a milestone on a tie, else the last
        // in task order.
        let s = self.schedule;
        let end = self
            .open_tasks()
            .max_by_key(|&e| (s.task(idx(e)).finish, self.milestone(e), e))
            .unwrap_or(k);
        let s2 = crate::schedule::schedule(&p, &options.schedule)?;
        let slip = |j: usize| {
            self.cal
                .work_between(s.task(idx(j)).finish, s2.task(idx(j)).finish)
        };
        let (task_slip, finish_slip) = (slip(k), slip(end));
        let m = finish_slip as f64 / self.day as f64;
        c.metric = Some(m);
        let (id, end_id) = (self.id(k), self.id(end));
        if task_slip > 0 && finish_slip >= task_slip {
            c.status = CheckStatus::Pass;
            c.detail = format!(
                "delaying {id} by {} working days moved the finish ({end_id}) {} working days",
                num(delay_days),
                num(m)
            );
        } else {
            c.status = CheckStatus::Fail;
            c.count = 1;
            c.tasks = vec![id.clone()];
            c.detail = format!(
                "delaying {id} by {} working days moved it {} and the finish ({end_id}) {} \
                 working days",
                num(delay_days),
                num(task_slip as f64 / self.day as f64),
                num(m)
            );
        }
        Ok(c)
    }

    fn cpli(&self) -> Check {
        let min = self.t.cpli;
        let mut c = blank(13, format!(">= {}", num(min)), "ratio");
        let s = self.schedule;
        let from = self
            .status
            .map_or(s.project_start, |d| d.max(s.project_start));
        let cpl = self.work_days(from, s.project_finish);
        if cpl <= 0.0 {
            return not_applicable(c, "the project finish is not after the status date");
        }
        let ends: Vec<usize> = self
            .open_tasks()
            .filter(|&k| s.task(idx(k)).finish == s.project_finish)
            .collect();
        let tf = ends
            .iter()
            .map(|&k| self.days(s.task(idx(k)).total_float))
            .fold(None, |m: Option<f64>, v| Some(m.map_or(v, |m| m.min(v))))
            .unwrap_or(0.0);
        let m = (cpl + tf) / cpl;
        c.metric = Some(m);
        c.population = ends.len();
        c.tasks = ends
            .iter()
            .copied()
            .filter(|&k| s.task(idx(k)).total_float.minutes() < 0)
            .map(|k| self.id(k))
            .collect();
        c.count = c.tasks.len();
        c.status = if m >= min {
            CheckStatus::Pass
        } else {
            CheckStatus::Fail
        };
        c.detail = format!(
            "critical path length {} working days, finish float {} working days: CPLI {}",
            num(cpl),
            num(tf),
            num(m)
        );
        c
    }

    fn bei(&self) -> Check {
        let min = self.t.bei;
        let mut c = blank(14, format!(">= {}", num(min)), "ratio");
        let Due { due, unset } = match self.due() {
            Ok(d) => d,
            Err(why) => return self.due_not_applicable(c, &why),
        };
        // DCMA-EA PAM 200.1 (2012): the denominator is the tasks with a baseline finish at or
        // before the status date plus the tasks missing a baseline finish.
        let mut should: Vec<usize> = due
            .iter()
            .map(|&(k, _)| k)
            .chain(unset.iter().copied())
            .collect();
        should.sort_unstable();
        c.no_baseline_finish = unset.iter().map(|&k| self.id(k)).collect();
        if should.is_empty() {
            return not_applicable(
                c,
                "no task has a baseline finish at or before the status date",
            );
        }
        let done = self.leaves().filter(|&k| self.complete[k]).count();
        let m = done as f64 / should.len() as f64;
        c.metric = Some(m);
        c.population = should.len();
        c.tasks = should
            .iter()
            .filter(|&&k| !self.complete[k])
            .map(|&k| self.id(k))
            .collect();
        c.count = c.tasks.len();
        c.status = if m >= min {
            CheckStatus::Pass
        } else {
            CheckStatus::Fail
        };
        c.detail = if unset.is_empty() {
            format!(
                "{done} tasks complete of {} due by the status date: BEI {}",
                due.len(),
                num(m)
            )
        } else {
            format!(
                "{done} tasks complete of {} due by the status date and {} without a baseline \
                 finish (counted as due): BEI {}",
                due.len(),
                tasks(unset.len()),
                num(m)
            )
        };
        c
    }
}

#[cfg(test)]
#[path = "health_tests.rs"]
mod tests;
