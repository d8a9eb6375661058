//! Resource loading across a portfolio: per resource and period, the assigned work, the
//! available capacity and the load, and the exact intervals where a resource is overallocated,
//! with the tasks (and projects) causing them.
//!
//! The rules (also in `core/DESIGN.md`, "Loading"):
//!
//! - An assignment works from its task's scheduled start to its scheduled finish, on the
//!   working time of the task's calendar *and* the resource's calendar (wall-clock time
//!   replaces the task calendar for an elapsed task). If that intersection is empty, the task's
//!   working time alone is used.
//! - Its work is `work` when given, else `units` × that working time. Work is spread evenly over
//!   that working time (Microsoft Project's flat contour), so an assignment whose `work` differs
//!   from `units` × time works at `work / time` (its *effective units*). Per period the work is
//!   rounded to whole minutes so that the periods add up to the assignment's work exactly.
//! - A material assignment consumes `units / 100` of the material over its task (fixed
//!   consumption, as Microsoft Project stores material units ×100), spread the same way.
//! - Capacity is the resource calendar's working minutes × the max units at that time
//!   ([`Resource::availability`] replaces [`Resource::max_units`] inside its periods).
//! - A resource is overallocated at a working minute of its calendar where the effective units
//!   of the assignments working then add up to more than its max units then. An
//!   [`Overallocation`] is a maximal interval of such minutes (non-working time of the resource
//!   does not break it).
//! - A pooled resource is the same resource id in several projects of the portfolio: it is one
//!   resource, defined (kind, max units, availability, calendar) by the first project that has
//!   it; the others' assignments of that id add to its load. Where a later project defines it
//!   differently, [`Loading::conflicts`] says so (nothing is dropped silently).
//!
//! ```
//! use jindu::level::{load, LoadOptions, Period};
//! let doc = jindu::io::json::read(r#"{"name": "P", "start": "2026-01-05",
//!   "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"}],
//!   "resources": [{"id": "ana"}],
//!   "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}]}"#)?;
//! let s = jindu::schedule(&doc.project, &doc.options)?;
//! let l = load(&[(&doc.project, &s)], &LoadOptions::new(Period::Week))?;
//! // Two 8-hour days of A and one of B, all on Monday 5 and Tuesday 6 January.
//! assert_eq!(l.resources[0].periods[0].work_minutes, 3 * 480);
//! // A and B both run on Monday: one overallocation, 08:00–17:00.
//! assert_eq!(l.resources[0].overallocations[0].start.0.to_string(), "2026-01-05T08:00:00");
//! # Ok::<(), jindu::Error>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::calendar::{WorkCalendar, STANDARD};
use crate::error::{Error, Item, Result};
use crate::id::CalendarId;
use crate::io::json::out::Iso as Stamp;
use crate::model::{Money, Project, Resource, ResourceKind};
use crate::schedule::Schedule;
use crate::time::{Date, DateTime, MINUTES_PER_DAY};

/// The length of a loading period. Weeks start on Monday; months are calendar months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Period {
    /// One hour.
    Hour,
    /// One day, midnight to midnight.
    Day,
    /// One week, Monday 00:00 to the next Monday.
    #[default]
    Week,
    /// One calendar month.
    Month,
}

impl FromStr for Period {
    type Err = Error;
    fn from_str(s: &str) -> Result<Period> {
        match s {
            "hour" => Ok(Period::Hour),
            "day" => Ok(Period::Day),
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            _ => Err(Error::invalid(
                Item::Project,
                "by",
                format!("{s:?}: expected hour, day, week or month"),
            )),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Period::Hour => "hour",
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        })
    }
}

impl Period {
    /// The start of the period containing minute `t`.
    fn floor(self, t: i64) -> i64 {
        match self {
            Period::Hour => t.div_euclid(60) * 60,
            Period::Day => t.div_euclid(MINUTES_PER_DAY) * MINUTES_PER_DAY,
            Period::Week => {
                let d = t.div_euclid(MINUTES_PER_DAY);
                let wd = Date::from_days(d).map_or(0, |x| x.weekday().index() as i64);
                (d - wd) * MINUTES_PER_DAY
            }
            Period::Month => {
                let d = t.div_euclid(MINUTES_PER_DAY);
                match Date::from_days(d).and_then(|x| {
                    let (y, m, _) = x.ymd();
                    Date::from_ymd(y, m, 1)
                }) {
                    Some(first) => first.days() * MINUTES_PER_DAY,
                    None => d * MINUTES_PER_DAY,
                }
            }
        }
    }

    /// The start of the period after the one starting at `t`.
    fn next(self, t: i64) -> i64 {
        match self {
            Period::Hour => t + 60,
            Period::Day => t + MINUTES_PER_DAY,
            Period::Week => t + 7 * MINUTES_PER_DAY,
            Period::Month => {
                let d = t.div_euclid(MINUTES_PER_DAY);
                match Date::from_days(d).and_then(|x| {
                    let (y, m, _) = x.ymd();
                    let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                    Date::from_ymd(y, m, 1)
                }) {
                    Some(first) => first.days() * MINUTES_PER_DAY,
                    None => t + 31 * MINUTES_PER_DAY,
                }
            }
        }
    }
}

/// How [`load`] measures: the period length and, optionally, the range reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoadOptions {
    /// The period length (default a week).
    pub period: Period,
    /// The first period is the one containing this instant (default: the earliest assignment
    /// start of the portfolio).
    pub from: Option<DateTime>,
    /// The last period is the one containing the minute before this instant (default: the
    /// latest assignment finish).
    pub to: Option<DateTime>,
}

impl LoadOptions {
    /// Options measuring by `period` over the whole portfolio.
    pub fn new(period: Period) -> LoadOptions {
        LoadOptions {
            period,
            ..LoadOptions::default()
        }
    }

    /// Limits the range to the periods touching `from`..`to` (builder style).
    pub fn between(mut self, from: DateTime, to: DateTime) -> LoadOptions {
        self.from = Some(from);
        self.to = Some(to);
        self
    }
}

/// The JSON form of [`LoadOptions`], as the command line and the bindings take it:
/// `{"by": "week", "from": "2026-03-02", "to": "2026-04-01"}`. Every field is optional; dates
/// are `YYYY-MM-DD` (midnight) or `YYYY-MM-DDTHH:MM`.
///
/// ```
/// use jindu::level::{LoadRequest, Period};
/// let o = LoadRequest::from_json(r#"{"by": "day", "from": "2026-03-02"}"#)?.options()?;
/// assert_eq!(o.period, Period::Day);
/// assert_eq!(o.from, Some("2026-03-02T00:00".parse()?));
/// assert!(LoadRequest::from_json(r#"{"period": "day"}"#).is_err()); // the field is `by`
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LoadRequest {
    /// `hour`, `day`, `week` (the default, from Monday) or `month`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The first period reported is the one containing this instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The last period reported is the one containing the minute before this instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

impl LoadRequest {
    /// Reads the JSON form; an unknown field is an error naming it.
    pub fn from_json(text: &str) -> Result<LoadRequest> {
        serde_json::from_str(text).map_err(|e| Error::parse("load options", text, &e.to_string()))
    }

    /// The options this request stands for; a bad period or date is an error naming it.
    pub fn options(&self) -> Result<LoadOptions> {
        Ok(LoadOptions {
            period: self
                .by
                .as_deref()
                .map(str::parse)
                .transpose()?
                .unwrap_or_default(),
            from: self
                .from
                .as_deref()
                .map(|s| day_or_time(s, "from"))
                .transpose()?,
            to: self
                .to
                .as_deref()
                .map(|s| day_or_time(s, "to"))
                .transpose()?,
        })
    }
}

/// A date or date-time option, an error naming `field` when it is neither.
fn day_or_time(s: &str, field: &str) -> Result<DateTime> {
    DateTime::parse_day_or_time(s).map_err(|e| e.at(&Item::Project, field))
}

/// The loading of every resource of a portfolio.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Loading {
    /// The period length.
    pub period: Period,
    /// Start of the first period.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub from: Stamp,
    /// End of the last period.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub to: Stamp,
    /// Every resource (pooled by id), in the order the projects list them.
    pub resources: Vec<ResourceLoad>,
    /// Pooled resources that a later project defines differently from the first project
    /// with them (whose definition counts).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<PoolConflict>,
}

/// A pooled resource defined differently in two projects of a portfolio: the first
/// project's definition is used, and this says what the other one had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PoolConflict {
    /// The resource's key.
    pub id: String,
    /// The project (index in the portfolio) whose definition is used.
    pub used: usize,
    /// The project whose definition differs.
    pub project: usize,
    /// What differs: `kind`, `max_units`, `calendar`, `availability` (the fields that change
    /// the numbers; a name is only shown).
    pub fields: Vec<&'static str>,
}

/// The pooled resources of a portfolio that a later project defines differently from the
/// first one with them, in the order the projects list them.
pub(crate) fn pool_conflicts(projects: &[&Project]) -> Vec<PoolConflict> {
    let mut first: HashMap<&str, (usize, &Resource)> = HashMap::new();
    let mut out = Vec::new();
    for (k, p) in projects.iter().enumerate() {
        for r in p.resources() {
            let (used, d) = *first.entry(r.id.as_str()).or_insert((k, r));
            if used == k {
                continue;
            }
            let fields: Vec<&'static str> = [
                ("kind", d.kind != r.kind),
                ("max_units", d.max_units != r.max_units),
                ("calendar", d.calendar != r.calendar),
                ("availability", d.availability != r.availability),
            ]
            .into_iter()
            .filter_map(|(f, differs)| differs.then_some(f))
            .collect();
            if !fields.is_empty() {
                out.push(PoolConflict {
                    id: r.id.to_string(),
                    used,
                    project: k,
                    fields,
                });
            }
        }
    }
    out
}

/// One resource's loading.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ResourceLoad {
    /// The resource's key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `work`, `material` or `cost`.
    pub kind: &'static str,
    /// Max units (percent) outside its availability periods.
    pub max_units: u32,
    /// The indices (in the portfolio) of the projects with this resource.
    pub projects: Vec<usize>,
    /// Total assigned work in minutes (work resources), within the range.
    pub work_minutes: i64,
    /// Total quantity (material resources), within the range.
    pub quantity: f64,
    /// Total cost within the range, the sum of the periods' costs; absent for a work or
    /// material resource with neither a standard rate nor a cost per use. Over a range that
    /// holds every assignment it is what the resource's rates give for its assignments (a
    /// cost resource: the sum of its assignments' costs).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::io::json::out::money_number"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<f64>"))]
    pub cost: Option<Money>,
    /// One entry per period, in order.
    pub periods: Vec<PeriodLoad>,
    /// The overallocated intervals, in time order (work resources).
    pub overallocations: Vec<Overallocation>,
}

/// A resource in one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct PeriodLoad {
    /// Period start.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub start: Stamp,
    /// Period end (the next period's start).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub end: Stamp,
    /// Assigned work, minutes.
    pub work_minutes: i64,
    /// Available capacity, minutes: calendar working time × max units (rounded).
    pub capacity_minutes: i64,
    /// `work / capacity × 100`, or `null` without capacity.
    pub load_percent: Option<f64>,
    /// Material consumed in the period (material resources; 0 otherwise).
    pub quantity: f64,
    /// The cost incurred in the period (absent when the resource's `cost` is): a work
    /// resource's work in the period at its standard rate, a material's quantity at its rate
    /// per unit, a cost resource's assignment costs prorated over their tasks' working time
    /// like work; each assignment's cost per use falls in the period where it starts.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "crate::io::json::out::money_number"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<f64>"))]
    pub cost: Option<Money>,
    /// Whether an overallocation touches the period.
    pub overallocated: bool,
}

/// A maximal interval where a resource is overallocated.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Overallocation {
    /// Start of the first overallocated working minute.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub start: Stamp,
    /// End of the last one.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub finish: Stamp,
    /// The highest sum of units (percent) in the interval.
    pub peak_units: f64,
    /// The max units at that peak.
    pub max_units: u32,
    /// The assignments working while it is overallocated, in portfolio order.
    pub tasks: Vec<LoadTask>,
}

/// An assignment named in an [`Overallocation`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LoadTask {
    /// The project's index in the portfolio.
    pub project: usize,
    /// The project's name.
    pub project_name: String,
    /// The task's key.
    pub task: String,
    /// The task's name.
    pub task_name: String,
    /// The assignment's effective units (percent).
    pub units: f64,
}

/// The working time of an assignment: its task's calendar (`None`: wall-clock) intersected
/// with its resource's calendar.
#[derive(Clone, Copy)]
struct Cal<'a> {
    task: Option<&'a WorkCalendar>,
    res: &'a WorkCalendar,
}

impl Cal<'_> {
    /// Whether the working time is the resource calendar alone.
    fn plain(&self) -> bool {
        match self.task {
            None => true,
            Some(t) => std::ptr::eq(t, self.res) || t.id() == self.res.id(),
        }
    }

    /// Working minutes in `[a, b)`.
    fn work(&self, a: i64, b: i64) -> i64 {
        if b <= a {
            return 0;
        }
        if self.plain() {
            return self.res.ord(b) - self.res.ord(a);
        }
        let t = self
            .task
            .expect("plain() is true without a task, and returned above");
        let mut sum = 0;
        each_piece(self.res, Some(t), a, b, |x, y| sum += y - x);
        sum
    }
}

/// Calls `f` on each working interval of `res` ∩ `task` within `[a, b)`, in order.
pub(super) fn each_piece(
    res: &WorkCalendar,
    task: Option<&WorkCalendar>,
    a: i64,
    b: i64,
    mut f: impl FnMut(i64, i64),
) {
    let (d0, d1) = (
        a.div_euclid(MINUTES_PER_DAY),
        (b - 1).div_euclid(MINUTES_PER_DAY),
    );
    for d in d0..=d1 {
        let base = d * MINUTES_PER_DAY;
        for (s, e) in res.day_segments(d) {
            let (s, e) = ((base + s).max(a), (base + e).min(b));
            if s >= e {
                continue;
            }
            match task {
                None => f(s, e),
                Some(t) => {
                    for (ts, te) in t.day_segments(d) {
                        let (x, y) = (s.max(base + ts), e.min(base + te));
                        if x < y {
                            f(x, y);
                        }
                    }
                }
            }
        }
    }
}

/// `round(total × num / den)` without overflow (half away from zero).
fn share(total: i64, num: i64, den: i64) -> i64 {
    let p = total as i128 * num as i128;
    let d = den as i128;
    ((2 * p + d) / (2 * d)) as i64
}

/// One assignment as loading sees it.
struct Entry<'a> {
    project: usize,
    task: usize,
    start: i64,
    finish: i64,
    cal: Cal<'a>,
    /// Working minutes of `cal` from start to finish.
    time: i64,
    /// Work minutes (work), hundredths (material), cents (cost).
    total: i64,
    /// Effective units, percent.
    units: f64,
    /// What one of `total` costs at the start, in 1/6000 of a cent (see [`Entry::cost_to`]).
    rate: i128,
    /// The cost per use charged at the start, in 1/6000 of a cent.
    per_use: i128,
    /// The rate changes after the start and before the finish: where (minute), by how much
    /// (1/6000 of a cent per one of the assignment's total), and how much of it is done by then.
    changes: Vec<(i64, i128, i64)>,
    /// For a part of a split task: how much of the assignment's total its earlier parts did
    /// (0 for the first part and for an unsplit task).
    before: i64,
    /// Whether this is a later part of a split task (the cost per use is behind it).
    later: bool,
}

impl Entry<'_> {
    /// The cost in cents from the assignment's start up to the point where `done` of its
    /// `total` is done (`started`: the start is behind, so the cost per use is charged),
    /// rounded once as [`Resource::cost_of`] rounds: the periods' differences of it add up to
    /// `cost_of` over the whole assignment.
    fn cost_to(&self, done: i64, started: bool) -> i64 {
        if !started && !self.later {
            return 0;
        }
        let done = self.before + done;
        // Work done after a rate change costs the difference more (or less).
        let changed: i128 = self
            .changes
            .iter()
            .filter(|c| c.2 < done)
            .map(|c| c.1 * i128::from(done - c.2))
            .sum();
        let sixths = self.rate * i128::from(done) + self.per_use + changed;
        ((sixths + sixths.signum() * 3000) / 6000).clamp(i128::from(i64::MIN), i128::from(i64::MAX))
            as i64
    }
}

/// An assignment's cost rates at minute `t`: `(rate, per_use)` of an [`Entry`] (a work or
/// material resource without rates: zero). A cost resource's `total` is its cost in cents,
/// so its rate is one cent.
fn costing(r: &Resource, units: u32, t: i64) -> (i128, i128) {
    let (standard, use_) =
        DateTime::from_minutes(t).map_or((r.standard_rate, r.cost_per_use), |t| r.rates_at(t));
    let rate = i128::from(standard.map_or(0, Money::cents));
    let per_use = i128::from(use_.map_or(0, Money::cents));
    match r.kind {
        ResourceKind::Cost => (6000, 0),
        // Hundredths of a unit: rate × 60 sixths each; the use charged once.
        ResourceKind::Material => (rate * 60, per_use * 6000),
        // Minutes: rate / 60 cents each; a use per unit assigned (as `cost_of`).
        ResourceKind::Work => (rate * 100, per_use * i128::from(units) * 60),
    }
}

/// A pooled resource while it is built.
struct Pool<'a> {
    def: &'a Resource,
    project: usize,
    projects: Vec<usize>,
    entries: Vec<Entry<'a>>,
    /// Costs charged at one instant (cents): the cost per use, or a cost resource's cost, of
    /// an assignment whose task has no working time (a milestone).
    charges: Vec<(i64, i64)>,
}

/// The loading of every resource across `projects` (each with its schedule), by period.
///
/// Fails, naming the resource or the task and resource, when an availability period is empty
/// or overlaps another, or when an assignment has work but its task no working time.
pub fn load(projects: &[(&Project, &Schedule)], options: &LoadOptions) -> Result<Loading> {
    // Compiled calendars per project.
    let mut cals: Vec<HashMap<CalendarId, WorkCalendar>> = Vec::with_capacity(projects.len());
    let standard = CalendarId::from(STANDARD);
    for (p, _) in projects {
        let mut m = HashMap::new();
        for c in p.calendars().iter().chain(p.calendar(&standard)) {
            if !m.contains_key(&c.id) {
                m.insert(c.id.clone(), WorkCalendar::compile(c, |id| p.calendar(id))?);
            }
        }
        cals.push(m);
    }
    let cal_of = |k: usize, id: Option<&CalendarId>| -> Result<&WorkCalendar> {
        let p = projects[k].0;
        let id = id.unwrap_or(p.calendar_id());
        cals[k].get(id).ok_or_else(|| Error::UnknownCalendar {
            id: id.clone(),
            by: Item::Project,
        })
    };

    let mut pools: Vec<Pool<'_>> = Vec::new();
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut local: Vec<Vec<usize>> = Vec::with_capacity(projects.len());
    for (k, (p, _)) in projects.iter().enumerate() {
        let mut map = Vec::with_capacity(p.resources().len());
        for r in p.resources() {
            let i = *by_id.entry(r.id.as_str()).or_insert_with(|| {
                pools.push(Pool {
                    def: r,
                    project: k,
                    projects: Vec::new(),
                    entries: Vec::new(),
                    charges: Vec::new(),
                });
                pools.len() - 1
            });
            if pools[i].projects.last() != Some(&k) {
                pools[i].projects.push(k);
            }
            map.push(i);
        }
        local.push(map);
    }
    for pool in &pools {
        check_availability(pool.def)?;
    }

    for (k, (p, s)) in projects.iter().enumerate() {
        for a in p.assignments() {
            let pi = local[k][a.resource.index()];
            let (def, home) = (pools[pi].def, pools[pi].project);
            let t = p.task(a.task);
            let ts = s.task(a.task);
            let res = cal_of(home, def.calendar.as_ref())?;
            let task_cal = if t.duration.is_elapsed() {
                None
            } else {
                Some(cal_of(k, t.calendar.as_ref())?)
            };
            let (start, finish) = (ts.start.minutes(), ts.finish.minutes());
            let kind = def.kind;
            // A split task works in its parts only.
            let pieces = match task_cal {
                Some(tc) if !t.splits.is_empty() => {
                    super::parts::split_parts(tc, start, finish, &t.splits)
                }
                _ => vec![(start, finish)],
            };
            let work_of = |c: &Cal<'_>| pieces.iter().map(|&(a, b)| c.work(a, b)).sum::<i64>();
            // A cost resource has no working time of its own: its cost follows the task's.
            let mut cal = match (kind, task_cal) {
                (ResourceKind::Cost, Some(tc)) => Cal {
                    task: None,
                    res: tc,
                },
                _ => Cal {
                    task: task_cal,
                    res,
                },
            };
            let mut time = work_of(&cal);
            if time == 0 {
                if let Some(tc) = task_cal {
                    cal = Cal {
                        task: None,
                        res: tc,
                    };
                    time = work_of(&cal);
                }
            }
            let material = kind == ResourceKind::Material;
            let total = match kind {
                ResourceKind::Material => a.units as i64,
                ResourceKind::Cost => a.cost.map_or(0, Money::cents),
                ResourceKind::Work => a
                    .work
                    .map(|w| w.minutes())
                    .unwrap_or_else(|| share(time, a.units as i64, 100)),
            };
            let (rate, per_use) = costing(def, a.units, start);
            if time == 0 {
                // A milestone's cost per use, or a cost resource's cost, falls at its date.
                let charge = if kind == ResourceKind::Cost {
                    total
                } else {
                    ((per_use + 3000) / 6000) as i64
                };
                if charge != 0 {
                    pools[pi].charges.push((start, charge));
                }
                if total != 0 && kind != ResourceKind::Cost {
                    return Err(Error::invalid(
                        Item::Assignment {
                            task: t.id.clone(),
                            resource: def.id.clone(),
                        },
                        if material { "units" } else { "work" },
                        "the task has no working time to spread this over (a milestone?)",
                    ));
                }
                continue;
            }
            // The rate changes while the assignment works: from each, the difference.
            let mut changes = Vec::new();
            if kind != ResourceKind::Cost {
                let mut before = rate;
                for c in &def.rates {
                    let at = c.from.minutes();
                    if at <= start || at >= finish {
                        continue;
                    }
                    let (now, _) = costing(def, a.units, at);
                    let by_then: i64 = pieces
                        .iter()
                        .map(|&(p, q)| cal.work(p, q.min(at).max(p)))
                        .sum();
                    changes.push((at, now - before, share(total, by_then, time)));
                    before = now;
                }
            }
            let units = if kind != ResourceKind::Work {
                0.0
            } else if a.work.is_some() {
                total as f64 * 100.0 / time as f64
            } else {
                a.units as f64
            };
            // One entry a part, the work shared by working time (rounded cumulatively); each
            // part's cost is taken on the assignment's running total (`before`), so the parts'
            // costs add up as one assignment's do.
            let (mut cum, mut done) = (0, 0);
            for (j, &(start, finish)) in pieces.iter().enumerate() {
                let piece = cal.work(start, finish);
                if piece == 0 {
                    continue;
                }
                cum += piece;
                let now = share(total, cum, time);
                pools[pi].entries.push(Entry {
                    project: k,
                    task: a.task.index(),
                    start,
                    finish,
                    cal,
                    time: piece,
                    total: now - done,
                    units,
                    rate,
                    per_use,
                    changes: changes.clone(),
                    before: done,
                    later: j > 0,
                });
                done = now;
            }
        }
    }

    // The range and the periods.
    let period = options.period;
    let lo = options.from.map(|t| t.minutes()).or_else(|| {
        pools
            .iter()
            .flat_map(|p| {
                let charges = p.charges.iter().map(|c| c.0);
                p.entries.iter().map(|e| e.start).chain(charges)
            })
            .min()
    });
    // A charge at `t` falls in the period containing `t`, so the range reaches past it.
    let hi = options.to.map(|t| t.minutes()).or_else(|| {
        pools
            .iter()
            .flat_map(|p| {
                let charges = p.charges.iter().map(|c| c.0 + 1);
                p.entries.iter().map(|e| e.finish).chain(charges)
            })
            .max()
    });
    let mut bounds = Vec::new();
    if let (Some(lo), Some(hi)) = (lo, hi) {
        let mut t = period.floor(lo);
        bounds.push(t);
        while t < hi {
            t = period.next(t);
            bounds.push(t);
        }
        if bounds.len() == 1 {
            bounds.push(period.next(t));
        }
    }
    let n = bounds.len().saturating_sub(1);
    let (r_lo, r_hi) = match (bounds.first(), bounds.last()) {
        (Some(&a), Some(&b)) => (a, b),
        _ => (0, 0),
    };

    let mut out = Vec::with_capacity(pools.len());
    for pool in &pools {
        let def = pool.def;
        let res = cal_of(pool.project, def.calendar.as_ref())?;
        let mut work = vec![0i64; n];
        let costed = def.kind == ResourceKind::Cost || def.has_rates();
        let mut cost = vec![0i64; if costed { n } else { 0 }];
        for e in &pool.entries {
            let (a, b) = (e.start.max(r_lo), e.finish.min(r_hi));
            if a >= b {
                continue;
            }
            let first = bounds.partition_point(|&x| x <= a) - 1;
            let mut cum = e.cal.work(e.start, bounds[first].max(e.start));
            let mut done = share(e.total, cum, e.time);
            // The cost so far: the cost per use is behind once the start is.
            let mut spent = e.cost_to(done, e.start < bounds[first]);
            for (p, w) in work.iter_mut().enumerate().skip(first) {
                if bounds[p] >= b {
                    break;
                }
                let end = bounds[p + 1].min(e.finish);
                cum += e.cal.work(bounds[p].max(e.start), end);
                let now = share(e.total, cum, e.time);
                *w += now - done;
                done = now;
                if let Some(c) = cost.get_mut(p) {
                    let s = e.cost_to(now, true);
                    *c += s - spent;
                    spent = s;
                }
            }
        }
        for &(t, cents) in &pool.charges {
            if costed && r_lo <= t && t < r_hi {
                let p = bounds.partition_point(|&x| x <= t) - 1;
                cost[p] += cents;
            }
        }
        let overs = if def.kind == ResourceKind::Work {
            overallocations(def, res, &pool.entries, r_lo, r_hi)
        } else {
            Vec::new()
        };
        let material = def.kind == ResourceKind::Material;
        let mut periods = Vec::with_capacity(n);
        let mut oi = 0;
        for (p, &w) in work.iter().enumerate() {
            let (a, b) = (bounds[p], bounds[p + 1]);
            let capacity = if def.kind == ResourceKind::Work {
                capacity(def, res, a, b)
            } else {
                0
            };
            while oi < overs.len() && overs[oi].1 <= a {
                oi += 1;
            }
            let overallocated = oi < overs.len() && overs[oi].0 < b;
            let (wm, q) = match def.kind {
                ResourceKind::Material => (0, w as f64 / 100.0),
                ResourceKind::Cost => (0, 0.0),
                ResourceKind::Work => (w, 0.0),
            };
            periods.push(PeriodLoad {
                start: stamp(a),
                end: stamp(b),
                work_minutes: wm,
                capacity_minutes: capacity,
                load_percent: (capacity > 0 && !material)
                    .then(|| wm as f64 * 100.0 / capacity as f64),
                quantity: q,
                cost: cost.get(p).map(|&c| Money::from_cents(c)),
                overallocated,
            });
        }
        let overallocations = overs
            .into_iter()
            .map(|(a, b, peak, max, tasks)| Overallocation {
                start: stamp(a),
                finish: stamp(b),
                peak_units: peak,
                max_units: max,
                tasks: {
                    let mut tasks: Vec<LoadTask> = tasks
                        .into_iter()
                        .map(|i| {
                            let e = &pool.entries[i];
                            let p = projects[e.project].0;
                            let t = &p.tasks()[e.task];
                            LoadTask {
                                project: e.project,
                                project_name: p.name().to_owned(),
                                task: t.id.to_string(),
                                task_name: t.name.clone(),
                                units: e.units,
                            }
                        })
                        .collect();
                    // The parts of a split task are one task.
                    tasks.dedup();
                    tasks
                },
            })
            .collect();
        let work_minutes = periods.iter().map(|p| p.work_minutes).sum();
        let quantity = work.iter().sum::<i64>() as f64 / 100.0;
        out.push(ResourceLoad {
            id: def.id.to_string(),
            name: def.name.clone(),
            kind: match def.kind {
                ResourceKind::Work => "work",
                ResourceKind::Material => "material",
                ResourceKind::Cost => "cost",
            },
            max_units: def.max_units,
            projects: pool.projects.clone(),
            work_minutes,
            quantity: if material { quantity } else { 0.0 },
            cost: costed.then(|| Money::from_cents(cost.iter().sum())),
            periods,
            overallocations,
        });
    }
    let all: Vec<&Project> = projects.iter().map(|(p, _)| *p).collect();
    Ok(Loading {
        period,
        from: stamp(r_lo),
        to: stamp(r_hi),
        resources: out,
        conflicts: pool_conflicts(&all),
    })
}

fn stamp(t: i64) -> Stamp {
    Stamp(DateTime::from_minutes(t).unwrap_or(DateTime::MIN))
}

/// Availability periods must be non-empty and must not overlap.
pub(super) fn check_availability(r: &Resource) -> Result<()> {
    let mut v: Vec<_> = r.availability.iter().collect();
    v.sort_by_key(|a| a.from);
    for (i, a) in v.iter().enumerate() {
        if a.to <= a.from {
            return Err(Error::invalid(
                Item::Resource(r.id.clone()),
                "availability",
                format!("the period from {} to {} is empty", a.from, a.to),
            ));
        }
        if i > 0 && v[i - 1].to > a.from {
            return Err(Error::invalid(
                Item::Resource(r.id.clone()),
                "availability",
                format!(
                    "the periods starting {} and {} overlap",
                    v[i - 1].from,
                    a.from
                ),
            ));
        }
    }
    Ok(())
}

/// Max units of `r` at minute `t`.
fn units_at(r: &Resource, t: i64) -> u32 {
    r.availability
        .iter()
        .find(|a| a.from.minutes() <= t && t < a.to.minutes())
        .map_or(r.max_units, |a| a.max_units)
}

/// Capacity minutes of `r` in `[a, b)`: working minutes × max units, rounded.
fn capacity(r: &Resource, cal: &WorkCalendar, a: i64, b: i64) -> i64 {
    let w = |x: i64, y: i64| if y > x { cal.ord(y) - cal.ord(x) } else { 0 };
    let mut unit_minutes = w(a, b) * r.max_units as i64;
    for av in &r.availability {
        let (x, y) = (av.from.minutes().max(a), av.to.minutes().min(b));
        unit_minutes += w(x, y) * (av.max_units as i64 - r.max_units as i64);
    }
    share(unit_minutes, 1, 100)
}

/// An overallocation while it is built: start, finish, peak, max units at the peak, entries.
type Over = (i64, i64, f64, u32, Vec<usize>);

/// The overallocated intervals of resource `r` (calendar `res`) from its `entries`, within
/// `[lo, hi)`.
fn overallocations(
    r: &Resource,
    res: &WorkCalendar,
    entries: &[Entry<'_>],
    lo: i64,
    hi: i64,
) -> Vec<Over> {
    const EPS: f64 = 1e-9;
    let mut cuts: Vec<i64> = Vec::with_capacity(2 * entries.len() + 2 * r.availability.len());
    for e in entries {
        cuts.push(e.start.max(lo));
        cuts.push(e.finish.min(hi));
    }
    for a in &r.availability {
        cuts.push(a.from.minutes().clamp(lo, hi));
        cuts.push(a.to.minutes().clamp(lo, hi));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| entries[i].start);
    let mut next = 0;
    let mut active: Vec<usize> = Vec::new();
    let mut out: Vec<Over> = Vec::new();
    let mut open: Option<Over> = None;
    let close = |open: &mut Option<Over>, out: &mut Vec<Over>| {
        if let Some(mut o) = open.take() {
            o.4.sort_unstable();
            o.4.dedup();
            out.push(o);
        }
    };
    for w in cuts.windows(2) {
        let (t0, t1) = (w[0], w[1]);
        active.retain(|&i| entries[i].finish > t0);
        while next < order.len() && entries[order[next]].start <= t0 {
            let i = order[next];
            if entries[i].finish > t0 {
                active.push(i);
            }
            next += 1;
        }
        let cap = units_at(r, t0);
        let sum: f64 = active.iter().map(|&i| entries[i].units).sum();
        if sum <= cap as f64 + EPS {
            if res.ord(t1) > res.ord(t0) {
                close(&mut open, &mut out);
            }
            continue;
        }
        if active.iter().all(|&i| entries[i].cal.plain()) {
            if res.ord(t1) == res.ord(t0) {
                continue;
            }
            let a = res.start_of(res.ord(t0)).unwrap_or(t0);
            let b = res.finish_of(res.ord(t1)).unwrap_or(t1);
            let o = open.get_or_insert_with(|| (a, b, sum, cap, Vec::new()));
            o.1 = b;
            if sum > o.2 {
                o.2 = sum;
                o.3 = cap;
            }
            o.4.extend(active.iter().copied());
            continue;
        }
        // Calendars differ: walk the resource's working pieces, split where a task calendar
        // starts or stops working.
        let mut marks: Vec<i64> = Vec::new();
        each_piece(res, None, t0, t1, |x, y| {
            marks.clear();
            marks.push(x);
            marks.push(y);
            for &i in &active {
                if let Some(tc) = entries[i].cal.task {
                    if !entries[i].cal.plain() {
                        each_piece(tc, None, x, y, |u, v| {
                            marks.push(u);
                            marks.push(v);
                        });
                    }
                }
            }
            marks.sort_unstable();
            marks.dedup();
            for m in marks.windows(2) {
                let (u, v) = (m[0], m[1]);
                let working = |i: usize| {
                    let c = entries[i].cal;
                    c.plain() || c.task.is_some_and(|tc| tc.works_at(u))
                };
                let s: f64 = active
                    .iter()
                    .filter(|&&i| working(i))
                    .map(|&i| entries[i].units)
                    .sum();
                if s <= cap as f64 + EPS {
                    close(&mut open, &mut out);
                    continue;
                }
                let o = open.get_or_insert_with(|| (u, v, s, cap, Vec::new()));
                o.1 = v;
                if s > o.2 {
                    o.2 = s;
                    o.3 = cap;
                }
                o.4.extend(active.iter().copied().filter(|&i| working(i)));
            }
        });
    }
    close(&mut open, &mut out);
    out
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
