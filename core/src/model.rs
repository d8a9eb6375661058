//! The project model: tasks, links, calendars, resources, assignments, progress and baselines.
//!
//! Inputs are plain structs with public fields ([`Task`], [`Link`], [`Calendar`](crate::Calendar),
//! [`Resource`], [`Assignment`]); the [`Project`] that owns them keeps its fields private and
//! validates every addition, so a `Project` is always internally consistent: every link and
//! assignment points at existing items, task keys are unique, the summary tree has no loops.

use std::fmt;
use std::num::NonZeroI64;
use std::str::FromStr;

use hashbrown::{DefaultHashBuilder, HashTable};
use std::hash::BuildHasher;

use crate::calendar::{Calendar, STANDARD};
use crate::error::{Error, Item, Result};
use crate::id::{CalendarId, LinkIndex, ResourceId, ResourceIndex, TaskId, TaskIndex};
use crate::time::{percent_text, scaled_decimal, DateTime, Duration, DurationSettings, ShortText};

/// How a link ties the successor to the predecessor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LinkType {
    /// The successor starts after the predecessor finishes (`FS`).
    #[default]
    FinishToStart,
    /// The successor starts after the predecessor starts (`SS`).
    StartToStart,
    /// The successor finishes after the predecessor finishes (`FF`).
    FinishToFinish,
    /// The successor finishes after the predecessor starts (`SF`).
    StartToFinish,
}

impl LinkType {
    /// The two-letter code: `FS`, `SS`, `FF` or `SF`.
    pub fn code(self) -> &'static str {
        match self {
            LinkType::FinishToStart => "FS",
            LinkType::StartToStart => "SS",
            LinkType::FinishToFinish => "FF",
            LinkType::StartToFinish => "SF",
        }
    }

    /// Whether the link reads the predecessor's start (SS, SF) rather than its finish.
    pub fn from_start(self) -> bool {
        matches!(self, LinkType::StartToStart | LinkType::StartToFinish)
    }

    /// Whether the link constrains the successor's finish (FF, SF) rather than its start.
    pub fn to_finish(self) -> bool {
        matches!(self, LinkType::FinishToFinish | LinkType::StartToFinish)
    }
}

impl FromStr for LinkType {
    type Err = Error;

    /// Parses `FS`, `SS`, `FF` or `SF` (any case).
    fn from_str(s: &str) -> Result<LinkType> {
        let is = |code: &str| s.eq_ignore_ascii_case(code);
        if is("FS") {
            Ok(LinkType::FinishToStart)
        } else if is("SS") {
            Ok(LinkType::StartToStart)
        } else if is("FF") {
            Ok(LinkType::FinishToFinish)
        } else if is("SF") {
            Ok(LinkType::StartToFinish)
        } else {
            Err(Error::parse("link type", s, "expected FS, SS, FF or SF"))
        }
    }
}

impl fmt::Display for LinkType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The delay (or, when negative, lead) a link adds.
///
/// ```
/// use jindu::{Lag, Duration, DurationSettings};
/// let s = DurationSettings::default();
/// assert_eq!(Lag::parse("1d", &s)?, Lag::Time(Duration::days(1)));
/// assert_eq!(Lag::parse("-2h", &s)?, Lag::Time(Duration::hours(-2)));
/// assert_eq!(Lag::parse("50%", &s)?, Lag::Percent(5000));
/// assert_eq!(Lag::Percent(5000).display(&s).to_string(), "50%");
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lag {
    /// Working or elapsed time.
    Time(Duration),
    /// A share of the predecessor's duration, in hundredths of a percent (`5000` = 50 %).
    Percent(i32),
}

impl Default for Lag {
    fn default() -> Self {
        Lag::ZERO
    }
}

impl Lag {
    /// No lag.
    pub const ZERO: Lag = Lag::Time(Duration::ZERO);

    /// Whether the lag is zero.
    pub fn is_zero(self) -> bool {
        match self {
            Lag::Time(d) => d.is_zero(),
            Lag::Percent(p) => p == 0,
        }
    }

    /// The same lag with every zero lag written as [`Lag::ZERO`] (`0%` and `0ed` are no lag).
    pub fn normalized(self) -> Lag {
        if self.is_zero() {
            Lag::ZERO
        } else {
            self
        }
    }

    /// Parses a lag: a [`Duration`] (`1d`, `-4h`, `2ed`) or a percentage (`50%`, `-25%`, `12.5%`).
    pub fn parse(s: &str, settings: &DurationSettings) -> Result<Lag> {
        let t = s.trim();
        if let Some(num) = t.strip_suffix('%') {
            let v = scaled_decimal(num.trim(), 100)
                .filter(|v| v.abs() <= 100_000_000)
                .ok_or_else(|| {
                    Error::parse(
                        "lag",
                        s,
                        "expected a percentage with at most two decimals, e.g. 50%",
                    )
                })?;
            return Ok(Lag::Percent(v as i32));
        }
        Duration::parse(t, settings).map(Lag::Time)
    }

    /// A value that formats the lag like [`Lag::parse`] reads it.
    pub fn display(self, settings: &DurationSettings) -> impl fmt::Display {
        let settings = *settings;
        DisplayFn(move |f: &mut fmt::Formatter<'_>| f.write_str(self.text(&settings).as_str()))
    }

    /// The text [`Lag::display`] shows, formatted on the stack.
    pub(crate) fn text(self, settings: &DurationSettings) -> ShortText {
        match self {
            Lag::Time(d) => d.display(settings).text(),
            Lag::Percent(p) => percent_text(p),
        }
    }
}

struct DisplayFn<F>(F);

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for DisplayFn<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

/// A dependency between two tasks of a project, by index.
///
/// ```
/// use jindu::{Link, LinkType, Lag, Duration, TaskIndex};
/// let (a, b) = (TaskIndex::from_raw(0), TaskIndex::from_raw(1));
/// let l = Link::new(a, b, LinkType::StartToStart).with_lag(Lag::Time(Duration::days(2)));
/// assert_eq!(l.kind.code(), "SS");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Link {
    /// The predecessor.
    pub from: TaskIndex,
    /// The successor.
    pub to: TaskIndex,
    /// The link type.
    pub kind: LinkType,
    /// Delay (positive) or lead (negative).
    pub lag: Lag,
}

impl Link {
    /// A link of type `kind` without lag.
    pub fn new(from: TaskIndex, to: TaskIndex, kind: LinkType) -> Link {
        Link {
            from,
            to,
            kind,
            lag: Lag::ZERO,
        }
    }

    /// A finish-to-start link without lag.
    pub fn finish_to_start(from: TaskIndex, to: TaskIndex) -> Link {
        Link::new(from, to, LinkType::FinishToStart)
    }

    /// The same link with lag `lag`.
    pub fn with_lag(mut self, lag: Lag) -> Link {
        self.lag = lag;
        self
    }
}

/// A date constraint on a task, as in Microsoft Project.
///
/// The *soft* constraints only push a task later (`StartNoEarlierThan`, `FinishNoEarlierThan`);
/// the *hard* ones can hold a task against its links and then show as negative float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Constraint {
    /// As soon as possible (the default).
    #[default]
    AsSoonAsPossible,
    /// As late as possible without delaying successors or the project.
    AsLateAsPossible,
    /// Start no earlier than (SNET).
    StartNoEarlierThan(DateTime),
    /// Start no later than (SNLT).
    StartNoLaterThan(DateTime),
    /// Finish no earlier than (FNET).
    FinishNoEarlierThan(DateTime),
    /// Finish no later than (FNLT).
    FinishNoLaterThan(DateTime),
    /// Must start on (MSO).
    MustStartOn(DateTime),
    /// Must finish on (MFO).
    MustFinishOn(DateTime),
}

impl Constraint {
    /// The short code: `ASAP`, `ALAP`, `SNET`, `SNLT`, `FNET`, `FNLT`, `MSO` or `MFO`.
    pub fn code(self) -> &'static str {
        match self {
            Constraint::AsSoonAsPossible => "ASAP",
            Constraint::AsLateAsPossible => "ALAP",
            Constraint::StartNoEarlierThan(_) => "SNET",
            Constraint::StartNoLaterThan(_) => "SNLT",
            Constraint::FinishNoEarlierThan(_) => "FNET",
            Constraint::FinishNoLaterThan(_) => "FNLT",
            Constraint::MustStartOn(_) => "MSO",
            Constraint::MustFinishOn(_) => "MFO",
        }
    }

    /// The constraint date, for the dated kinds.
    pub fn date(self) -> Option<DateTime> {
        match self {
            Constraint::AsSoonAsPossible | Constraint::AsLateAsPossible => None,
            Constraint::StartNoEarlierThan(d)
            | Constraint::StartNoLaterThan(d)
            | Constraint::FinishNoEarlierThan(d)
            | Constraint::FinishNoLaterThan(d)
            | Constraint::MustStartOn(d)
            | Constraint::MustFinishOn(d) => Some(d),
        }
    }

    /// Builds a constraint from its code and date (`date` is required exactly for dated kinds).
    ///
    /// ```
    /// use jindu::Constraint;
    /// let c = Constraint::from_code("SNET", Some("2026-02-02T08:00".parse()?))?;
    /// assert_eq!(c.code(), "SNET");
    /// assert!(Constraint::from_code("MSO", None).is_err());
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn from_code(code: &str, date: Option<DateTime>) -> Result<Constraint> {
        let c = code.to_ascii_uppercase();
        let need = |f: fn(DateTime) -> Constraint| {
            date.map(f).ok_or_else(|| {
                Error::parse("constraint", code, "this constraint type needs a date")
            })
        };
        let c = match c.as_str() {
            "ASAP" => Constraint::AsSoonAsPossible,
            "ALAP" => Constraint::AsLateAsPossible,
            "SNET" => need(Constraint::StartNoEarlierThan)?,
            "SNLT" => need(Constraint::StartNoLaterThan)?,
            "FNET" => need(Constraint::FinishNoEarlierThan)?,
            "FNLT" => need(Constraint::FinishNoLaterThan)?,
            "MSO" => need(Constraint::MustStartOn)?,
            "MFO" => need(Constraint::MustFinishOn)?,
            _ => {
                return Err(Error::parse(
                    "constraint",
                    code,
                    "expected ASAP, ALAP, SNET, SNLT, FNET, FNLT, MSO or MFO",
                ))
            }
        };
        if date.is_some() && c.date().is_none() {
            return Err(Error::parse(
                "constraint",
                code,
                "ASAP and ALAP take no date",
            ));
        }
        Ok(c)
    }
}

/// Fixed dates for a manually scheduled (pinned) task: the engine keeps them and reports the
/// links they violate instead of moving the task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pin {
    /// The pinned start.
    pub start: DateTime,
    /// The pinned finish; `None` means start plus the task's duration.
    pub finish: Option<DateTime>,
}

/// Progress recorded on a task.
///
/// An actual start fixes the task's start; an actual finish fixes its finish as well.
/// Completed tasks (100 % or an actual finish) are never critical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Progress {
    /// Percent complete, 0–100.
    pub percent_complete: u8,
    /// When work actually started.
    pub actual_start: Option<DateTime>,
    /// When work actually finished.
    pub actual_finish: Option<DateTime>,
    /// The work left on a started task (Microsoft Project's remaining duration); `None` means
    /// the share of the duration that `percent_complete` leaves. Used only when scheduling
    /// from a status date ([`ScheduleOptions::status_date`](crate::ScheduleOptions)).
    pub remaining_duration: Option<Duration>,
    /// The work (resource time) done on the task so far, when the host records it for the task
    /// as a whole (hours logged against it) rather than per assignment
    /// ([`Assignment::actual_work`], which takes precedence when any assignment has one);
    /// `None` means the share of the work that `percent_complete` gives.
    pub actual_work: Option<Duration>,
}

impl Progress {
    /// Whether the task is complete.
    pub fn is_complete(&self) -> bool {
        self.percent_complete >= 100 || self.actual_finish.is_some()
    }

    /// The work done and the work left of a task of `duration` with this progress, as
    /// (actual, remaining) minutes of the duration's kind: the remaining duration when given
    /// (the actual part is what it leaves of the duration, never negative), else the duration
    /// split by percent complete (rounded down for the actual part).
    ///
    /// ```
    /// use jindu::{Duration, Progress};
    /// let p = Progress { percent_complete: 25, ..Progress::default() };
    /// // 25 % of 4 days (1,920 minutes) is 480 minutes done, 1,440 left.
    /// assert_eq!(p.split(Duration::days(4)), (480, 1440));
    /// let p = Progress { remaining_duration: Some(Duration::days(3)), ..p };
    /// // 3 days (1,440 minutes) left of 2 days planned: nothing of the plan counts as done.
    /// assert_eq!(p.split(Duration::days(2)), (0, 1440));
    /// ```
    pub fn split(&self, duration: Duration) -> (i64, i64) {
        self.split_minutes(duration.minutes())
    }

    /// [`Progress::split`] of a duration of `d` minutes.
    pub(crate) fn split_minutes(&self, d: i64) -> (i64, i64) {
        let d = d.max(0);
        match self.remaining_duration {
            Some(r) => {
                let r = r.minutes().max(0);
                ((d - r).max(0), r)
            }
            None => {
                let done = (d as i128 * self.percent_complete.min(100) as i128 / 100) as i64;
                (done, d - done)
            }
        }
    }
}

/// An amount of money in hundredths of the currency unit (cents, 分), exact in documents and
/// models; tracking computes with it as `f64` (see [`Money::value`]).
///
/// `Option<Money>` takes no more room than `Money`.
///
/// ```
/// use jindu::Money;
/// let m = Money::from_value(12_000.5).unwrap();
/// assert_eq!(m.cents(), 1_200_050);
/// assert_eq!(m.value(), 12_000.5);
/// assert!(Money::from_value(0.125).is_none()); // at most two decimals
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Money(NonZeroI64);

impl Money {
    /// Zero.
    pub const ZERO: Money = Money::from_cents(0);

    /// An amount of `cents` hundredths (clamped to the representable range).
    pub const fn from_cents(cents: i64) -> Money {
        let c = if cents == i64::MIN {
            i64::MIN + 1
        } else {
            cents
        };
        Money(
            NonZeroI64::new(c ^ i64::MIN)
                .expect("c ^ i64::MIN is zero only for c = i64::MIN, which is clamped just above"),
        )
    }

    /// The amount in hundredths.
    pub const fn cents(self) -> i64 {
        self.0.get() ^ i64::MIN
    }

    /// The amount as a number of currency units.
    pub fn value(self) -> f64 {
        self.cents() as f64 / 100.0
    }

    /// `v` currency units, if it has at most two decimals and is within ±10^15.
    pub fn from_value(v: f64) -> Option<Money> {
        if !v.is_finite() || v.abs() > 1e15 {
            return None;
        }
        let c = v * 100.0;
        let r = c.round();
        ((c - r).abs() < 1e-6 * r.abs().max(1.0)).then(|| Money::from_cents(r as i64))
    }
}

impl Default for Money {
    fn default() -> Self {
        Money::ZERO
    }
}

impl fmt::Debug for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Money({})", self.value())
    }
}

/// What stays fixed when a task's resources change (Microsoft Project's task types).
///
/// A task with `work` and work assignments has a *resource-driven* duration unless it is
/// fixed-duration: its work shared by its resources in proportion to their units
/// ([`Project::work_duration`]). `effort_driven` (always the case for fixed work) keeps the
/// work when a resource is added or removed, so a second person halves the duration;
/// otherwise the duration stays and the work follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum TaskType {
    /// Units stay (Project's default): the duration follows from the work when only the work
    /// is given.
    #[default]
    FixedUnits,
    /// The duration stays; each assignment's work is its units × the duration.
    FixedDuration,
    /// The work stays: the duration is always the work over the units (effort-driven).
    FixedWork,
}

/// Who may see an item: everyone the plan is shared with, or the team only.
///
/// The client's view ([`track::client_view`](crate::track::client_view)) leaves out every
/// internal task (with its subtasks) and resource, and every cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Visibility {
    /// Shown to the client (the default).
    #[default]
    Client,
    /// Shown to the team only.
    Internal,
}

/// A saved copy of a task's plan (Microsoft Project has baselines 0–10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Baseline {
    /// Baseline number, 0–10.
    pub number: u8,
    /// Baseline start.
    pub start: Option<DateTime>,
    /// Baseline finish.
    pub finish: Option<DateTime>,
    /// Baseline duration.
    pub duration: Option<Duration>,
    /// Baseline work (resource time), if saved.
    pub work: Option<Duration>,
    /// Baseline cost (the task's budget when the baseline was saved), if saved.
    pub cost: Option<Money>,
}

/// A task as the host product describes it.
///
/// A task with children (tasks whose `parent` is it) is a *summary*: its dates roll up from its
/// children and its own `duration` is ignored.
/// A task with zero duration is a milestone; `milestone: true` with a non-zero duration is an error.
///
/// ```
/// use jindu::{Task, Duration, Constraint};
/// let t = Task::new("MIG", "Data migration")
///     .with_duration(Duration::days(10))
///     .with_constraint(Constraint::StartNoEarlierThan("2026-02-02T08:00".parse()?));
/// assert_eq!(t.duration.minutes(), 4800);
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Task {
    /// The host product's stable key.
    pub id: TaskId,
    /// Display name.
    pub name: String,
    /// Working (or elapsed) duration.
    pub duration: Duration,
    /// Whether this is a milestone (requires zero duration).
    pub milestone: bool,
    /// The summary task this task belongs to.
    pub parent: Option<TaskIndex>,
    /// The task's own calendar; `None` uses the project calendar.
    pub calendar: Option<CalendarId>,
    /// Date constraint.
    pub constraint: Constraint,
    /// A target finish that drives late dates (and so float) without moving the task.
    pub deadline: Option<DateTime>,
    /// Priority 0–1000 (default 500), used by levelling.
    pub priority: u16,
    /// Fixed dates for a manually scheduled task.
    pub pinned: Option<Pin>,
    /// Recorded progress.
    pub progress: Progress,
    /// Saved baselines.
    pub baselines: Vec<Baseline>,
    /// The task's budget (budget at completion) when no resource rates give one.
    pub cost: Option<Money>,
    /// What the task has actually cost so far.
    pub actual_cost: Option<Money>,
    /// Who may see the task (an internal summary hides its subtasks too).
    pub visibility: Visibility,
    /// Pauses in the task's work (a split task), in the order of their positions.
    pub splits: Vec<Split>,
    /// What stays fixed when its resources change.
    pub task_type: TaskType,
    /// Whether adding or removing a resource keeps the work (and so changes the duration);
    /// fixed-work tasks always are.
    pub effort_driven: bool,
    /// The task's total work (resource time), shared by its work assignments in proportion to
    /// their units; `None` leaves the work to the assignments (their `work`, else units ×
    /// duration).
    pub work: Option<Duration>,
}

/// A pause in a task's work (Microsoft Project's split): after `after` of the task's work,
/// the work stops for `pause` of working time on the task's calendar and then resumes. The
/// task keeps its duration (its work) and spans it plus its pauses; the pauses move with it.
///
/// ```
/// use jindu::{Duration, Split, Task};
/// // 10 days of work with 3 days off after the first 4: the task spans 13 working days.
/// let mut t = Task::new("A", "Split").with_duration(Duration::days(10));
/// t.splits.push(Split { after: Duration::days(4), pause: Duration::days(3) });
/// assert_eq!(t.span().minutes(), 13 * 480);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Split {
    /// How much of the task's work comes before the pause (more than zero, less than its
    /// duration).
    pub after: Duration,
    /// How long the work stops (working time, more than zero).
    pub pause: Duration,
}

impl Task {
    /// The working time the task spans: its duration plus the pauses of its splits.
    pub fn span(&self) -> Duration {
        let pauses: i64 = self.splits.iter().map(|s| s.pause.minutes()).sum();
        Duration::minutes_work(self.duration.minutes() + pauses)
    }

    /// The duration this task's `work` gives at `units` percent of work resources in all
    /// (`work × 100 / units` working minutes, rounded up), as [`Project::work_duration`]
    /// says.
    fn work_over_units(&self, units: i64) -> Option<Duration> {
        let work = self.work?;
        if self.task_type == TaskType::FixedDuration || self.duration.is_elapsed() || units <= 0 {
            return None;
        }
        let m = work.minutes().max(0) as i128 * 100;
        // Beyond any calendar when it does not fit: scheduling then says so by name.
        let q = (m + units as i128 - 1) / units as i128;
        Some(Duration::minutes_work(i64::try_from(q).unwrap_or(i64::MAX)))
    }

    /// Whether adding or removing a resource keeps the work: fixed-work tasks, and
    /// effort-driven fixed-units ones.
    pub fn keeps_work(&self) -> bool {
        match self.task_type {
            TaskType::FixedWork => true,
            TaskType::FixedUnits => self.effort_driven,
            TaskType::FixedDuration => false,
        }
    }

    /// A task with key `id`, name `name`, zero duration and priority 500.
    pub fn new(id: impl Into<TaskId>, name: impl Into<String>) -> Task {
        Task {
            id: id.into(),
            name: name.into(),
            priority: 500,
            ..Task::default()
        }
    }

    /// Sets the duration (builder style).
    pub fn with_duration(mut self, d: Duration) -> Task {
        self.duration = d;
        self
    }

    /// Sets the constraint (builder style).
    pub fn with_constraint(mut self, c: Constraint) -> Task {
        self.constraint = c;
        self
    }

    /// Sets the parent summary (builder style).
    pub fn with_parent(mut self, parent: TaskIndex) -> Task {
        self.parent = Some(parent);
        self
    }

    /// Marks the task a milestone and sets its duration to zero (builder style).
    pub fn milestone(mut self) -> Task {
        self.milestone = true;
        self.duration = Duration::ZERO;
        self
    }

    /// Sets the deadline (builder style).
    pub fn with_deadline(mut self, d: DateTime) -> Task {
        self.deadline = Some(d);
        self
    }
}

/// What a resource is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ResourceKind {
    /// People or equipment whose time is booked.
    #[default]
    Work,
    /// Consumables measured in units.
    Material,
    /// A cost item.
    Cost,
}

/// A resource that can be assigned to tasks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resource {
    /// The host product's key.
    pub id: ResourceId,
    /// Display name.
    pub name: String,
    /// What it is.
    pub kind: ResourceKind,
    /// Capacity in percent of one full-time unit (100 = one person).
    pub max_units: u32,
    /// The resource's calendar; `None` uses the project calendar.
    pub calendar: Option<CalendarId>,
    /// Who may see the resource.
    pub visibility: Visibility,
    /// Periods with a different capacity (a team growing, a holiday month at half time):
    /// from each `from` to its `to`, `max_units` replaces [`Resource::max_units`]; they must not
    /// overlap. Empty (the default) keeps `max_units` all the time.
    pub availability: Vec<Availability>,
    /// What an hour of its work costs at the standard rate (a material resource: one unit of
    /// it); `None` when not given. Microsoft Project's `StandardRate`.
    pub standard_rate: Option<Money>,
    /// What an hour of overtime work costs (`OvertimeRate`); kept for the host, since jindu
    /// schedules no overtime.
    pub overtime_rate: Option<Money>,
    /// What each use costs, once per assignment (`CostPerUse`).
    pub cost_per_use: Option<Money>,
    /// Its group or skill (a team, "backend", "QA"); empty when none.
    pub group: String,
    /// Rate changes over time (Microsoft Project's cost rate table A): from each change's
    /// `from` up to the next one's, its rates replace [`Resource::standard_rate`],
    /// [`Resource::overtime_rate`] and [`Resource::cost_per_use`], which hold before the first.
    /// In time order, no two at the same instant. Loading costs each minute of work at the
    /// rate in force then, and a use at the rate in force where the assignment starts;
    /// [`Resource::cost_of`] knows no dates and uses the resource's own rates.
    pub rates: Vec<RateChange>,
}

/// A change of a resource's rates from a date on ([`Resource::rates`]); a `None` rate is no
/// rate from then on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RateChange {
    /// Where the rates start to hold.
    pub from: DateTime,
    /// What an hour of work costs from then on (a material: a unit).
    pub standard_rate: Option<Money>,
    /// What an hour of overtime costs from then on (kept; no overtime is scheduled).
    pub overtime_rate: Option<Money>,
    /// What a use costs from then on.
    pub cost_per_use: Option<Money>,
}

impl Resource {
    /// The standard rate and the cost per use in force at `t` ([`Resource::rates`]).
    ///
    /// ```
    /// use jindu::{Money, RateChange, Resource};
    /// let ana = Resource {
    ///     standard_rate: Money::from_value(50.0),
    ///     rates: vec![RateChange {
    ///         from: "2026-02-01T00:00".parse()?,
    ///         standard_rate: Money::from_value(60.0),
    ///         overtime_rate: None,
    ///         cost_per_use: None,
    ///     }],
    ///     ..Resource::default()
    /// };
    /// assert_eq!(ana.rates_at("2026-01-31T12:00".parse()?).0, Money::from_value(50.0));
    /// assert_eq!(ana.rates_at("2026-02-01T00:00".parse()?).0, Money::from_value(60.0));
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn rates_at(&self, t: DateTime) -> (Option<Money>, Option<Money>) {
        match self.rates.iter().rev().find(|r| r.from <= t) {
            Some(r) => (r.standard_rate, r.cost_per_use),
            None => (self.standard_rate, self.cost_per_use),
        }
    }

    /// Whether the resource has a standard rate or a cost per use at any time.
    pub fn has_rates(&self) -> bool {
        self.standard_rate.is_some()
            || self.cost_per_use.is_some()
            || self
                .rates
                .iter()
                .any(|r| r.standard_rate.is_some() || r.cost_per_use.is_some())
    }

    /// What an assignment of this resource at `units` percent costs, as Microsoft Project
    /// computes it: a work resource's `work_minutes` in hours at the standard rate, plus the
    /// cost per use for each unit assigned (two people at 200 % are two uses); a material
    /// resource's quantity (`units` / 100) at the standard rate, plus the cost per use once.
    /// Rounded to the cent once, half away from zero. `None` for a cost resource (its cost is
    /// the assignment's own) and for a resource with neither a rate nor a cost per use.
    ///
    /// ```
    /// use jindu::{Money, Resource};
    /// let ana = Resource {
    ///     standard_rate: Money::from_value(50.0),
    ///     cost_per_use: Money::from_value(20.0),
    ///     ..Resource::default()
    /// };
    /// // 24 hours at 50 an hour, plus 20 for the use, at 100 %; at 50 % half a use.
    /// assert_eq!(ana.cost_of(100, 24 * 60), Money::from_value(1220.0));
    /// assert_eq!(ana.cost_of(50, 24 * 60), Money::from_value(1210.0));
    /// ```
    pub fn cost_of(&self, units: u32, work_minutes: i64) -> Option<Money> {
        if self.kind == ResourceKind::Cost
            || (self.standard_rate.is_none() && self.cost_per_use.is_none())
        {
            return None;
        }
        let rate = i128::from(self.standard_rate.map_or(0, Money::cents));
        let per_use = i128::from(self.cost_per_use.map_or(0, Money::cents));
        let units = i128::from(units);
        // In 1/6000 of a cent: minutes / 60 and units / 100 share the denominator.
        let sixths = match self.kind {
            ResourceKind::Material => rate * units * 60 + per_use * 6000,
            _ => rate * i128::from(work_minutes) * 100 + per_use * units * 60,
        };
        let cents = (sixths + sixths.signum() * 3000) / 6000;
        Some(Money::from_cents(
            cents.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64,
        ))
    }
}

/// A period of a resource's time-varying capacity: `max_units` from `from` up to `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Availability {
    /// Where the period starts (inclusive).
    pub from: DateTime,
    /// Where it ends (exclusive); after `from`.
    pub to: DateTime,
    /// Capacity in percent during the period.
    pub max_units: u32,
}

/// A resource working on a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    /// The task.
    pub task: TaskIndex,
    /// The resource.
    pub resource: ResourceIndex,
    /// Units in percent (100 = full time).
    pub units: u32,
    /// Total work, if given.
    pub work: Option<Duration>,
    /// The work done on this assignment so far (Microsoft Project's actual work), if recorded;
    /// `None` means the share of its work that the task's percent complete gives.
    pub actual_work: Option<Duration>,
    /// What the assignment costs, for a cost resource (a fee, a trip: Microsoft Project's
    /// assignment `Cost`), spread over the task's working time like work
    /// ([`crate::level::load()`]); `None` for every other resource, whose cost follows from its
    /// rates ([`Resource::cost_of`]).
    pub cost: Option<Money>,
}

/// Which end of the project is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScheduleFrom {
    /// Scheduled forward from this start.
    Start(DateTime),
    /// Scheduled backward from this finish (tasks default to as-late-as-possible).
    Finish(DateTime),
}

/// An entry of a project's key index: the task's position, and its key itself when the key is
/// short (most are), so that looking a key up reads the table and not the task and its heap
/// string (a link's two endpoints are looked up this way for every link a reader adds).
#[derive(Clone, Copy)]
struct KeySlot {
    /// The task's index.
    task: u32,
    /// The key's length when it is stored in `key`, else [`KeySlot::LONG`].
    len: u8,
    /// The key's bytes (the first `len`), for a key of at most [`KeySlot::INLINE`] bytes.
    key: [u8; KeySlot::INLINE],
}

impl KeySlot {
    /// The longest key stored in the slot.
    const INLINE: usize = 11;
    /// `len` of a key longer than [`KeySlot::INLINE`] bytes: it is read from the task.
    const LONG: u8 = u8::MAX;

    /// The slot of task `task` with key `id`.
    fn new(id: &str, task: u32) -> KeySlot {
        let mut key = [0; KeySlot::INLINE];
        let len = if id.len() <= KeySlot::INLINE {
            key[..id.len()].copy_from_slice(id.as_bytes());
            id.len() as u8
        } else {
            KeySlot::LONG
        };
        KeySlot { task, len, key }
    }

    /// The key of this slot (`tasks` are the project's tasks, for a long key).
    fn key<'a>(&'a self, tasks: &'a [Task]) -> &'a str {
        if self.len == KeySlot::LONG {
            tasks[self.task as usize].id.as_str()
        } else {
            // The bytes are a whole key copied from a `str`.
            std::str::from_utf8(&self.key[..self.len as usize]).unwrap_or_default()
        }
    }

    /// Whether this slot is the one of key `id`.
    fn is(&self, id: &str, tasks: &[Task]) -> bool {
        if self.len == KeySlot::LONG {
            id.len() > KeySlot::INLINE && tasks[self.task as usize].id.as_str() == id
        } else {
            id.len() == self.len as usize && self.key[..id.len()] == *id.as_bytes()
        }
    }
}

/// A project's priority when several projects share resources ([`crate::level::level`] on a
/// portfolio): the project's priority is compared first, then the tasks' own
/// [`Task::priority`], as Microsoft Project does across a resource pool. 1000
/// ([`DO_NOT_LEVEL`](crate::level::DO_NOT_LEVEL)) means the project's tasks are never delayed.
///
/// ```
/// use jindu::{ProjectPriority, Ranking};
/// assert_eq!(ProjectPriority::default().level(), 500);
/// assert_eq!(ProjectPriority::Number(800).level(), 800);
/// let r = Ranking::new(5.0, 4.0)?; // high value, fairly urgent
/// assert_eq!(ProjectPriority::Ranking(r).level(), 794);
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ProjectPriority {
    /// A priority 0 (lowest) to 1000 (do not level); the default is 500.
    Number(u16),
    /// A client's place on the value × urgency matrix, mapped by [`Ranking::priority`].
    Ranking(Ranking),
}

impl Default for ProjectPriority {
    fn default() -> Self {
        ProjectPriority::Number(500)
    }
}

impl ProjectPriority {
    /// The number levelling compares, 0 to 1000.
    pub fn level(&self) -> u16 {
        match self {
            ProjectPriority::Number(n) => *n,
            ProjectPriority::Ranking(r) => r.priority(),
        }
    }
}

/// A client's place on the value × urgency matrix delivery teams rank clients on: customer
/// value and urgency, each from 1 (lowest) to 5 (highest); fractions are allowed.
///
/// [`Ranking::priority`] maps it to a levelling priority by the geometric mean of the two,
/// linearly: `100 + 200 × (√(value × urgency) − 1)`, rounded. So the corners are 100 (1 × 1)
/// and 900 (5 × 5); the middle cell 3 × 3 is 500, the default of a project without one; cells
/// of equal product rank equal (5 × 1 and 1 × 5 are both 347), as on the matrix; and the range
/// stays clear of 0 and of 1000 (do not level), which only a number sets. The geometric mean
/// keeps the matrix's order (a higher product is a higher priority) while spacing the rows
/// evenly along the diagonal (2 × 2 is 300, 4 × 4 is 700).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranking {
    /// Customer value, 1 to 5.
    pub value: f64,
    /// Urgency, 1 to 5.
    pub urgency: f64,
}

impl Ranking {
    /// A ranking; either number outside 1 to 5 (or not finite) is an error naming it.
    pub fn new(value: f64, urgency: f64) -> Result<Ranking> {
        for (field, x) in [("value", value), ("urgency", urgency)] {
            if !(1.0..=5.0).contains(&x) {
                return Err(Error::invalid(
                    Item::Project,
                    field,
                    "expected a number from 1 to 5",
                ));
            }
        }
        Ok(Ranking { value, urgency })
    }

    /// The levelling priority, 100 to 900 (see [`Ranking`]).
    pub fn priority(&self) -> u16 {
        let g = (self.value * self.urgency).sqrt();
        // value, urgency in [1, 5] (checked by `new`; a hand-built one is clamped): g in [1, 5].
        (100.0 + 200.0 * (g.clamp(1.0, 5.0) - 1.0)).round() as u16
    }
}

/// A project: header, calendars, tasks, links, resources and assignments, always consistent.
///
/// ```
/// use jindu::{Project, Task, Link, Duration};
/// let mut p = Project::new("Rollout", "2026-01-05T08:00".parse()?);
/// let a = p.add_task(Task::new("A", "Design").with_duration(Duration::days(3)))?;
/// let b = p.add_task(Task::new("B", "Build").with_duration(Duration::days(5)))?;
/// p.add_link(Link::finish_to_start(a, b))?;
/// assert_eq!(p.index_of("B"), Some(b));
/// assert!(p.add_link(Link::finish_to_start(b, b)).is_err());
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Clone)]
pub struct Project {
    name: String,
    from: ScheduleFrom,
    calendar: CalendarId,
    calendars: Vec<Calendar>,
    settings: DurationSettings,
    default_start_time: u16,
    default_finish_time: u16,
    status_date: Option<DateTime>,
    priority: ProjectPriority,
    tasks: Vec<Task>,
    children: Vec<u32>,
    index: HashTable<KeySlot>,
    hasher: DefaultHashBuilder,
    links: Vec<Link>,
    resources: Vec<Resource>,
    assignments: Vec<Assignment>,
    /// The uncertainty model (estimates, risks, correlations, history), keyed by task keys.
    risk: crate::risk::RiskModel,
}

impl fmt::Debug for Project {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Project")
            .field("name", &self.name)
            .field("from", &self.from)
            .field("calendar", &self.calendar)
            .field("tasks", &self.tasks.len())
            .field("links", &self.links.len())
            .finish_non_exhaustive()
    }
}

impl PartialEq for Project {
    fn eq(&self, o: &Project) -> bool {
        self.name == o.name
            && self.from == o.from
            && self.calendar == o.calendar
            && self.calendars == o.calendars
            && self.settings == o.settings
            && self.default_start_time == o.default_start_time
            && self.default_finish_time == o.default_finish_time
            && self.status_date == o.status_date
            && self.priority == o.priority
            && self.tasks == o.tasks
            && self.links == o.links
            && self.resources == o.resources
            && self.assignments == o.assignments
            && self.risk == o.risk
    }
}

impl Project {
    /// An empty project scheduled forward from `start` on the built-in `standard` calendar.
    pub fn new(name: impl Into<String>, start: DateTime) -> Project {
        Project {
            name: name.into(),
            from: ScheduleFrom::Start(start),
            calendar: CalendarId::from(STANDARD),
            calendars: Vec::new(),
            settings: DurationSettings::default(),
            default_start_time: 8 * 60,
            default_finish_time: 17 * 60,
            status_date: None,
            priority: ProjectPriority::default(),
            tasks: Vec::new(),
            children: Vec::new(),
            index: HashTable::new(),
            hasher: DefaultHashBuilder::default(),
            links: Vec::new(),
            resources: Vec::new(),
            assignments: Vec::new(),
            risk: crate::risk::RiskModel::default(),
        }
    }

    /// An empty project scheduled backward from `finish`.
    pub fn new_from_finish(name: impl Into<String>, finish: DateTime) -> Project {
        let mut p = Project::new(name, finish);
        p.from = ScheduleFrom::Finish(finish);
        p
    }

    /// The project name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Renames the project.
    pub fn set_name(&mut self, name: impl Into<String>) {
        self.name = name.into();
    }

    /// Which end is fixed, and when.
    pub fn schedule_from(&self) -> ScheduleFrom {
        self.from
    }

    /// Fixes the start or the finish.
    pub fn set_schedule_from(&mut self, from: ScheduleFrom) {
        self.from = from;
    }

    /// The default calendar's key.
    pub fn calendar_id(&self) -> &CalendarId {
        &self.calendar
    }

    /// Sets the default calendar; it must be defined (or be the built-in `standard`).
    pub fn set_calendar(&mut self, id: CalendarId) -> Result<()> {
        if self.calendar(&id).is_none() {
            return Err(Error::UnknownCalendar {
                id,
                by: Item::Project,
            });
        }
        self.calendar = id;
        Ok(())
    }

    /// Unit conversion settings (minutes per day and week, days per month).
    pub fn settings(&self) -> &DurationSettings {
        &self.settings
    }

    /// Replaces the unit conversion settings; all must be positive.
    pub fn set_settings(&mut self, s: DurationSettings) -> Result<()> {
        if s.minutes_per_day <= 0 || s.minutes_per_week <= 0 || s.days_per_month <= 0 {
            return Err(Error::invalid(
                Item::Project,
                "minutes_per_day",
                "minutes per day, minutes per week and days per month must be positive",
            ));
        }
        self.settings = s;
        Ok(())
    }

    /// Default start and finish times of day, in minutes after midnight (used to complete dates
    /// given without a time).
    pub fn default_times(&self) -> (u16, u16) {
        (self.default_start_time, self.default_finish_time)
    }

    /// Sets the default start and finish times of day.
    pub fn set_default_times(&mut self, start: u16, finish: u16) -> Result<()> {
        if start >= 1440 || finish > 1440 {
            return Err(Error::invalid(
                Item::Project,
                "default_start_time",
                "times must be within a day",
            ));
        }
        self.default_start_time = start;
        self.default_finish_time = finish;
        Ok(())
    }

    /// The status date, if set.
    pub fn status_date(&self) -> Option<DateTime> {
        self.status_date
    }

    /// Sets or clears the status date.
    pub fn set_status_date(&mut self, d: Option<DateTime>) {
        self.status_date = d;
    }

    /// The project's priority when levelling a portfolio: a number, or a place on the value ×
    /// urgency matrix ([`ProjectPriority`]).
    pub fn priority(&self) -> ProjectPriority {
        self.priority
    }

    /// Sets the project's priority; a number above 1000 or a [`Ranking`] out of range is an
    /// error naming the field.
    pub fn set_priority(&mut self, priority: ProjectPriority) -> Result<()> {
        match priority {
            ProjectPriority::Number(n) if n > crate::level::DO_NOT_LEVEL => {
                return Err(Error::invalid(
                    Item::Project,
                    "priority",
                    "priority is 0 to 1000",
                ))
            }
            ProjectPriority::Ranking(r) => {
                Ranking::new(r.value, r.urgency)?;
            }
            ProjectPriority::Number(_) => {}
        }
        self.priority = priority;
        Ok(())
    }

    /// The calendars defined in the project (the built-in `standard` is not listed unless
    /// redefined).
    pub fn calendars(&self) -> &[Calendar] {
        &self.calendars
    }

    /// The calendar with key `id`: a defined one, or the built-in `standard`.
    pub fn calendar(&self, id: &CalendarId) -> Option<&Calendar> {
        self.calendars
            .iter()
            .find(|c| &c.id == id)
            .or_else(|| (id.as_str() == STANDARD).then(|| &*STANDARD_CALENDAR))
    }

    /// Adds a calendar; its key must be new. Bases are checked when the project is scheduled.
    /// A weekday a calendar without a base leaves out (`None`) is stored as non-working
    /// (`Some(vec![])`), which is what it means: one form for one meaning, the form the JSON
    /// reader gives, so that a project reads back from its document unchanged.
    pub fn add_calendar(&mut self, mut cal: Calendar) -> Result<()> {
        if self.calendars.iter().any(|c| c.id == cal.id) {
            return Err(Error::DuplicateCalendar(cal.id));
        }
        if cal.base.is_none() {
            for day in cal.week.iter_mut() {
                day.get_or_insert_with(Vec::new);
            }
        }
        self.calendars.push(cal);
        Ok(())
    }

    /// All tasks, in index order.
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    /// The task at `i` (panics if out of range, like slice indexing).
    pub fn task(&self, i: TaskIndex) -> &Task {
        &self.tasks[i.index()]
    }

    /// The number of tasks.
    pub fn len(&self) -> usize {
        self.tasks.len()
    }

    /// Whether the project has no tasks.
    pub fn is_empty(&self) -> bool {
        self.tasks.is_empty()
    }

    /// The tasks in outline order: each task followed by its subtasks, depth first, siblings
    /// in the project's order. A project may list a subtask after tasks outside its summary
    /// (a JSON document may); formats that give the hierarchy by order and outline level
    /// (MSPDI) are written in this order. For a project already in outline order it is
    /// `0..len()`.
    ///
    /// ```
    /// # use jindu::{Project, Task, DateTime};
    /// let mut p = Project::new("p", "2026-01-05T08:00".parse::<DateTime>()?);
    /// let s = p.add_task(Task::new("S", "Summary"))?;
    /// let a = p.add_task(Task::new("A", "Outside"))?;
    /// let b = p.add_task(Task { parent: Some(s), ..Task::new("B", "Inside") })?;
    /// assert_eq!(p.outline_order(), vec![s, b, a]);
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn outline_order(&self) -> Vec<TaskIndex> {
        let mut kids: Vec<Vec<TaskIndex>> = vec![Vec::new(); self.len()];
        let mut roots = Vec::new();
        for (k, t) in self.tasks.iter().enumerate() {
            let i = TaskIndex(k as u32);
            match t.parent {
                Some(q) => kids[q.index()].push(i),
                None => roots.push(i),
            }
        }
        let mut out = Vec::with_capacity(self.len());
        let mut stack: Vec<TaskIndex> = roots.into_iter().rev().collect();
        while let Some(i) = stack.pop() {
            out.push(i);
            stack.extend(kids[i.index()].iter().rev());
        }
        out
    }

    /// Whether the task at `i` has children.
    pub fn is_summary(&self, i: TaskIndex) -> bool {
        self.children[i.index()] > 0
    }

    /// The index of the task with key `id`.
    pub fn index_of(&self, id: &str) -> Option<TaskIndex> {
        let h = self.hasher.hash_one(id.as_bytes());
        self.index
            .find(h, |e| e.is(id, &self.tasks))
            .map(|e| TaskIndex(e.task))
    }

    /// The task with key `id`.
    pub fn task_by_id(&self, id: &str) -> Option<&Task> {
        self.index_of(id).map(|i| self.task(i))
    }

    fn check_index(&self, i: TaskIndex, by: &Item) -> Result<()> {
        if i.index() < self.tasks.len() {
            Ok(())
        } else {
            Err(Error::UnknownTask {
                id: TaskId::new(i.to_string()),
                by: by.clone(),
            })
        }
    }

    fn validate_task(&self, t: &Task, own: Option<TaskIndex>) -> Result<()> {
        check_task_fields(t, &|c| self.calendar(c).is_some())?;
        if let Some(p) = t.parent {
            self.check_index(p, &Item::Task(t.id.clone()))?;
            if let Some(me) = own {
                let mut cur = Some(p);
                while let Some(c) = cur {
                    if c == me {
                        return Err(Error::HierarchyCycle {
                            tasks: vec![
                                t.id.clone(),
                                self.tasks[p.index()].id.clone(),
                                t.id.clone(),
                            ],
                        });
                    }
                    cur = self.tasks[c.index()].parent;
                }
            }
        }
        Ok(())
    }

    /// Reserves room for `tasks` more tasks and `links` more links, so that building a large
    /// project allocates each table once (readers that know the counts call this).
    pub fn reserve(&mut self, tasks: usize, links: usize) {
        self.tasks.reserve_exact(tasks);
        self.children.reserve_exact(tasks);
        let (all, hasher) = (&self.tasks, &self.hasher);
        self.index
            .reserve(tasks, |e| hasher.hash_one(e.key(all).as_bytes()));
        self.links.reserve_exact(links);
    }

    /// Adds a task and returns its index.
    ///
    /// Fails on a duplicate or empty key, an unknown parent or calendar, a negative duration, a
    /// milestone with a duration, or out-of-range priority or progress.
    pub fn add_task(&mut self, task: Task) -> Result<TaskIndex> {
        self.validate_task(&task, None)?;
        let id = task.id.as_str();
        let h = self.hasher.hash_one(id.as_bytes());
        let (tasks, hasher) = (&self.tasks, &self.hasher);
        let slot = match self.index.entry(
            h,
            |e| e.is(id, tasks),
            |e| hasher.hash_one(e.key(tasks).as_bytes()),
        ) {
            hashbrown::hash_table::Entry::Occupied(_) => {
                return Err(Error::DuplicateTask(task.id));
            }
            hashbrown::hash_table::Entry::Vacant(v) => v,
        };
        if tasks.len() >= u32::MAX as usize / 2 {
            return Err(Error::Limit {
                what: "tasks in one project",
                limit: u32::MAX as u64 / 2,
                actual: tasks.len() as u64 + 1,
            });
        }
        let i = tasks.len() as u32;
        slot.insert(KeySlot::new(id, i));
        if let Some(p) = task.parent {
            self.children[p.index()] += 1;
        }
        self.tasks.push(task);
        self.children.push(0);
        Ok(TaskIndex(i))
    }

    /// Replaces the task at `i` with `task` (which may change its key, parent, anything), with
    /// the same checks as [`Project::add_task`] plus a check that the summary tree stays a tree.
    pub fn replace_task(&mut self, i: TaskIndex, task: Task) -> Result<()> {
        self.check_index(i, &Item::Task(task.id.clone()))?;
        self.validate_task(&task, Some(i))?;
        if let Some(other) = self.index_of(task.id.as_str()) {
            if other != i {
                return Err(Error::DuplicateTask(task.id));
            }
        }
        let old = std::mem::replace(&mut self.tasks[i.index()], task);
        if let Some(p) = old.parent {
            self.children[p.index()] -= 1;
        }
        if let Some(p) = self.tasks[i.index()].parent {
            self.children[p.index()] += 1;
        }
        if old.id != self.tasks[i.index()].id {
            self.risk.rename_task(&old.id, &self.tasks[i.index()].id);
            self.rebuild_index();
        }
        Ok(())
    }

    /// Sets (or clears) the parent of task `child`, keeping the summary tree a tree.
    pub fn set_parent(&mut self, child: TaskIndex, parent: Option<TaskIndex>) -> Result<()> {
        self.check_index(child, &Item::Project)?;
        let mut t = self.tasks[child.index()].clone();
        t.parent = parent;
        self.replace_task(child, t)
    }

    /// Sets the parents of many tasks at once, in time linear in the project: the readers'
    /// form of [`Project::set_parent`] called for each pair in order, which walks every new
    /// parent's ancestors and so is quadratic on a deep summary tree (a chain of 10^5 nested
    /// summaries took minutes).
    ///
    /// Gives the error the first call of that sequence to fail would give (an index out of
    /// range, or the [`Error::HierarchyCycle`] of the pair that closes the first loop), and
    /// changes nothing when it fails. A child named twice falls back to those calls, in order.
    pub(crate) fn set_parents(&mut self, pairs: &[(TaskIndex, TaskIndex)]) -> Result<()> {
        let n = self.tasks.len();
        // The position in `pairs` of each child's new parent.
        let mut pos = vec![usize::MAX; n];
        for (k, &(c, p)) in pairs.iter().enumerate() {
            self.check_index(c, &Item::Project)?;
            self.check_index(p, &Item::Task(self.tasks[c.index()].id.clone()))?;
            if pos[c.index()] != usize::MAX {
                for &(c, p) in pairs {
                    self.set_parent(c, Some(p))?;
                }
                return Ok(());
            }
            pos[c.index()] = k;
        }
        let mut parent: Vec<Option<TaskIndex>> = self.tasks.iter().map(|t| t.parent).collect();
        for &(c, p) in pairs {
            parent[c.index()] = Some(p);
        }
        // Each walk up stops at a task seen before: every task is visited once. The summary
        // graph has one parent per task, so the loops are disjoint and each appears when its
        // last pair (in order) is set: the first call to fail is the smallest such position.
        let (fresh, walking, done) = (0u8, 1u8, 2u8);
        let mut state = vec![fresh; n];
        let mut path = Vec::new();
        let mut first: Option<usize> = None;
        for s in 0..n {
            path.clear();
            let mut cur = Some(s);
            while let Some(c) = cur.filter(|&c| state[c] == fresh) {
                state[c] = walking;
                path.push(c);
                cur = parent[c].map(TaskIndex::index);
            }
            if let Some(c) = cur.filter(|&c| state[c] == walking) {
                let from = path.iter().position(|&x| x == c).unwrap_or(0);
                let closing = path[from..].iter().map(|&x| pos[x]).max();
                if let Some(k) = closing.filter(|&k| k != usize::MAX) {
                    first = Some(first.map_or(k, |f| f.min(k)));
                }
            }
            for &x in &path {
                state[x] = done;
            }
        }
        if let Some(k) = first {
            let (c, p) = pairs[k];
            let t = self.tasks[c.index()].id.clone();
            return Err(Error::HierarchyCycle {
                tasks: vec![t.clone(), self.tasks[p.index()].id.clone(), t],
            });
        }
        for &(c, p) in pairs {
            if let Some(old) = self.tasks[c.index()].parent {
                self.children[old.index()] -= 1;
            }
            self.tasks[c.index()].parent = Some(p);
            self.children[p.index()] += 1;
        }
        Ok(())
    }

    fn rebuild_index(&mut self) {
        self.index.clear();
        let (tasks, hasher) = (&self.tasks, &self.hasher);
        for (i, t) in tasks.iter().enumerate() {
            let h = hasher.hash_one(t.id.as_str().as_bytes());
            self.index
                .insert_unique(h, KeySlot::new(t.id.as_str(), i as u32), |e| {
                    hasher.hash_one(e.key(tasks).as_bytes())
                });
        }
    }

    /// Removes task `i` together with its descendants, their links and assignments.
    /// Returns the removed keys. Indices of the remaining tasks shift down to stay dense.
    pub fn remove_task(&mut self, i: TaskIndex) -> Result<Vec<TaskId>> {
        self.check_index(i, &Item::Project)?;
        let n = self.tasks.len();
        let mut gone = vec![false; n];
        gone[i.index()] = true;
        // Parents come before children only if added that way, so iterate to a fixed point.
        let mut changed = true;
        while changed {
            changed = false;
            for k in 0..n {
                if !gone[k] {
                    if let Some(p) = self.tasks[k].parent {
                        if gone[p.index()] {
                            gone[k] = true;
                            changed = true;
                        }
                    }
                }
            }
        }
        let mut remap = vec![u32::MAX; n];
        let mut next = 0u32;
        for k in 0..n {
            if !gone[k] {
                remap[k] = next;
                next += 1;
            }
        }
        let mut removed = Vec::new();
        let old = std::mem::take(&mut self.tasks);
        for (k, mut t) in old.into_iter().enumerate() {
            if gone[k] {
                removed.push(t.id);
            } else {
                t.parent = t.parent.map(|p| TaskIndex(remap[p.index()]));
                self.tasks.push(t);
            }
        }
        self.links
            .retain(|l| !gone[l.from.index()] && !gone[l.to.index()]);
        for l in &mut self.links {
            l.from = TaskIndex(remap[l.from.index()]);
            l.to = TaskIndex(remap[l.to.index()]);
        }
        self.assignments.retain(|a| !gone[a.task.index()]);
        for a in &mut self.assignments {
            a.task = TaskIndex(remap[a.task.index()]);
        }
        self.children = vec![0; self.tasks.len()];
        for t in &self.tasks {
            if let Some(p) = t.parent {
                self.children[p.index()] += 1;
            }
        }
        self.risk.forget_tasks(&removed);
        self.rebuild_index();
        Ok(removed)
    }

    /// The uncertainty model: three-point estimates, the risk register, correlations and the
    /// history of finished tasks (empty unless set).
    pub fn risk(&self) -> &crate::risk::RiskModel {
        &self.risk
    }

    /// Replaces the uncertainty model after checking it against the project (every task it
    /// names exists and every value is in range; see [`RiskModel::check`](crate::risk::RiskModel::check)).
    pub fn set_risk(&mut self, risk: crate::risk::RiskModel) -> Result<()> {
        risk.check(self)?;
        self.risk = risk;
        Ok(())
    }

    /// All links, in index order.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// The link at `i`.
    pub fn link(&self, i: LinkIndex) -> &Link {
        &self.links[i.index()]
    }

    /// An [`Item`] naming link `l` by its tasks' keys.
    pub fn link_item(&self, l: &Link) -> Item {
        Item::Link {
            from: self.tasks[l.from.index()].id.clone(),
            to: self.tasks[l.to.index()].id.clone(),
        }
    }

    /// Adds a link. Fails if a task index is out of range or the link is a self-link.
    /// Duplicate pairs and cycles are reported when the project is scheduled (checking them here
    /// would cost memory on every project).
    pub fn add_link(&mut self, mut link: Link) -> Result<LinkIndex> {
        link.lag = link.lag.normalized();
        self.check_index(link.from, &Item::Project)?;
        self.check_index(link.to, &Item::Project)?;
        if link.from == link.to {
            return Err(Error::SelfLink(self.tasks[link.from.index()].id.clone()));
        }
        if let Lag::Time(d) = link.lag {
            if d.minutes().abs() > 1i64 << 40 {
                return Err(Error::invalid(
                    self.link_item(&link),
                    "lag",
                    "lag is out of range",
                ));
            }
        }
        let i = self.links.len() as u32;
        self.links.push(link);
        Ok(LinkIndex(i))
    }

    /// Removes the link at `i`; later links shift down.
    pub fn remove_link(&mut self, i: LinkIndex) -> Link {
        self.links.remove(i.index())
    }

    /// Replaces the link at `i`, with the same checks as [`Project::add_link`].
    pub fn replace_link(&mut self, i: LinkIndex, mut link: Link) -> Result<()> {
        link.lag = link.lag.normalized();
        self.check_index(link.from, &Item::Project)?;
        self.check_index(link.to, &Item::Project)?;
        if link.from == link.to {
            return Err(Error::SelfLink(self.tasks[link.from.index()].id.clone()));
        }
        self.links[i.index()] = link;
        Ok(())
    }

    /// Puts `task` back at `i` without checks: the engine's undo of an edit it validated,
    /// which never changes a task's key or parent.
    pub(crate) fn restore_task(&mut self, i: TaskIndex, task: Task) {
        debug_assert_eq!(self.tasks[i.index()].id, task.id);
        debug_assert_eq!(self.tasks[i.index()].parent, task.parent);
        self.tasks[i.index()] = task;
    }

    /// A mutable reference to task `i` for edits that change neither its key nor its parent
    /// (the engine validates them first).
    pub(crate) fn task_mut(&mut self, i: TaskIndex) -> &mut Task {
        &mut self.tasks[i.index()]
    }

    /// Removes the last task (the engine's undo of an added task, which has no links,
    /// children or assignments yet).
    pub(crate) fn pop_task(&mut self) {
        if let Some(t) = self.tasks.pop() {
            self.children.pop();
            if let Some(p) = t.parent {
                self.children[p.index()] -= 1;
            }
            let h = self.hasher.hash_one(t.id.as_str().as_bytes());
            let last = self.tasks.len() as u32;
            if let Ok(e) = self.index.find_entry(h, |e| e.task == last) {
                e.remove();
            }
        }
    }

    /// Removes the last link (the engine's undo of an added link).
    pub(crate) fn pop_link(&mut self) {
        self.links.pop();
    }

    /// Puts `link` back at index `i` (the engine's undo of a removed link).
    pub(crate) fn insert_link(&mut self, i: LinkIndex, link: Link) {
        self.links.insert(i.index(), link);
    }

    /// Replaces link `i` without checks (the engine validated it).
    pub(crate) fn set_link(&mut self, i: LinkIndex, link: Link) {
        self.links[i.index()] = link;
    }

    /// All resources.
    pub fn resources(&self) -> &[Resource] {
        &self.resources
    }

    /// The index of the resource with key `id`.
    pub fn resource_index(&self, id: &str) -> Option<ResourceIndex> {
        self.resources
            .iter()
            .position(|r| r.id.as_str() == id)
            .map(|i| ResourceIndex(i as u32))
    }

    /// Adds a resource; its key must be new and its calendar defined.
    pub fn add_resource(&mut self, r: Resource) -> Result<ResourceIndex> {
        if self.resource_index(r.id.as_str()).is_some() {
            return Err(Error::DuplicateResource(r.id));
        }
        if r.id.as_str().is_empty() {
            return Err(Error::invalid(
                Item::Resource(r.id),
                "id",
                "a resource needs a non-empty id",
            ));
        }
        if let Some(c) = &r.calendar {
            if self.calendar(c).is_none() {
                return Err(Error::UnknownCalendar {
                    id: c.clone(),
                    by: Item::Resource(r.id),
                });
            }
        }
        if let Some(w) = r.rates.windows(2).find(|w| w[1].from <= w[0].from) {
            return Err(Error::invalid(
                Item::Resource(r.id.clone()),
                "rates",
                format!(
                    "the rate changes must be in time order, one per instant: {} comes after {}",
                    w[1].from, w[0].from
                ),
            ));
        }
        self.resources.push(r);
        Ok(ResourceIndex(self.resources.len() as u32 - 1))
    }

    /// All assignments.
    pub fn assignments(&self) -> &[Assignment] {
        &self.assignments
    }

    /// Assigns a resource to a task.
    pub fn add_assignment(&mut self, a: Assignment) -> Result<()> {
        self.check_assignment(&a)?;
        if self
            .assignments
            .iter()
            .any(|b| b.task == a.task && b.resource == a.resource)
        {
            return Err(Error::invalid(
                Item::Assignment {
                    task: self.tasks[a.task.index()].id.clone(),
                    resource: self.resources[a.resource.index()].id.clone(),
                },
                "resource",
                "this resource is already assigned to this task",
            ));
        }
        self.assignments.push(a);
        Ok(())
    }

    /// The duration task `i`'s work gives: its `work` shared by its work assignments in
    /// proportion to their units, `work × 100 / Σ units` working minutes rounded up — `None`
    /// for a fixed-duration task, a task without `work`, or one without work assignments with
    /// units.
    ///
    /// ```
    /// use jindu::{Assignment, Duration, Project, Resource, Task};
    /// let mut p = Project::new("p", "2026-01-05T08:00".parse()?);
    /// let mut t = Task::new("A", "Build");
    /// t.work = Some(Duration::hours(40));
    /// let a = p.add_task(t)?;
    /// let ana = p.add_resource(Resource { id: "ana".into(), max_units: 100, ..Resource::default() })?;
    /// p.add_assignment(Assignment { task: a, resource: ana, units: 50, work: None, actual_work: None, cost: None })?;
    /// // 40 hours of work at 50 %: 80 working hours, 10 days.
    /// assert_eq!(p.work_duration(a), Some(Duration::hours(80)));
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn work_duration(&self, i: TaskIndex) -> Option<Duration> {
        let units: i64 = self
            .assignments
            .iter()
            .filter(|a| {
                a.task == i && self.resources[a.resource.index()].kind == ResourceKind::Work
            })
            .map(|a| a.units as i64)
            .sum();
        self.tasks.get(i.index())?.work_over_units(units)
    }

    /// Every task's [`Project::work_duration`], from one pass over the assignments.
    pub(crate) fn work_durations(&self) -> Vec<Option<Duration>> {
        let mut units = vec![0i64; self.tasks.len()];
        for a in &self.assignments {
            if self.resources[a.resource.index()].kind == ResourceKind::Work {
                units[a.task.index()] += a.units as i64;
            }
        }
        self.tasks
            .iter()
            .zip(units)
            .map(|(t, u)| t.work_over_units(u))
            .collect()
    }

    /// [`Project::add_assignment`] for callers that already know the task–resource pair is new
    /// (importers): the same checks but the scan for a duplicate pair, which is linear.
    pub(crate) fn add_new_assignment(&mut self, a: Assignment) -> Result<()> {
        self.check_assignment(&a)?;
        self.assignments.push(a);
        Ok(())
    }

    /// The checks every new assignment passes: its task and resource exist, and its work and
    /// actual work are not negative.
    fn check_assignment(&self, a: &Assignment) -> Result<()> {
        self.check_index(a.task, &Item::Project)?;
        if a.resource.index() >= self.resources.len() {
            return Err(Error::UnknownResource {
                id: ResourceId::new(a.resource.to_string()),
                by: Item::Task(self.tasks[a.task.index()].id.clone()),
            });
        }
        let item = || Item::Assignment {
            task: self.tasks[a.task.index()].id.clone(),
            resource: self.resources[a.resource.index()].id.clone(),
        };
        if a.work.is_some_and(|w| w.minutes() < 0) {
            return Err(Error::invalid(item(), "work", "the work is negative"));
        }
        if a.actual_work.is_some_and(|w| w.minutes() < 0) {
            return Err(Error::invalid(
                item(),
                "actual_work",
                "the actual work is negative",
            ));
        }
        if a.cost.is_some() && self.resources[a.resource.index()].kind != ResourceKind::Cost {
            return Err(Error::invalid(
                item(),
                "cost",
                "only a cost resource's assignment has its own cost; a work or material \
                 resource's follows from its standard_rate and cost_per_use",
            ));
        }
        Ok(())
    }
}

/// Checks a task's own fields (everything but its parent and key uniqueness).
pub(crate) fn check_task_fields(
    t: &Task,
    has_calendar: &dyn Fn(&CalendarId) -> bool,
) -> Result<()> {
    // The item of an error, built only on an error.
    let item = || Item::Task(t.id.clone());
    if t.id.as_str().is_empty() {
        return Err(Error::invalid(item(), "id", "a task needs a non-empty id"));
    }
    if t.duration.minutes() < 0 {
        return Err(Error::invalid(
            item(),
            "duration",
            "durations cannot be negative",
        ));
    }
    if t.duration.minutes() > 1i64 << 40 {
        return Err(Error::invalid(
            item(),
            "duration",
            "the duration is out of range",
        ));
    }
    if t.milestone && !t.duration.is_zero() {
        return Err(Error::invalid(
            item(),
            "duration",
            "a milestone has zero duration; drop `milestone` or the duration",
        ));
    }
    if t.priority > 1000 {
        return Err(Error::invalid(item(), "priority", "priority is 0 to 1000"));
    }
    if let Some(c) = &t.calendar {
        if !has_calendar(c) {
            return Err(Error::UnknownCalendar {
                id: c.clone(),
                by: item(),
            });
        }
    }
    if let Some(pin) = t.pinned {
        if pin.finish.is_some_and(|f| f < pin.start) {
            return Err(Error::invalid(
                item(),
                "pinned",
                "the pinned finish is before the pinned start",
            ));
        }
    }
    let mut last = 0;
    for s in &t.splits {
        let bad = |why: &str| Err(Error::invalid(item(), "splits", why.to_owned()));
        if t.duration.is_elapsed() || s.after.is_elapsed() || s.pause.is_elapsed() {
            return bad("a split is working time on a working-time task");
        }
        if s.pause.minutes() <= 0 {
            return bad("a split's pause is more than zero");
        }
        if s.after.minutes() <= last || s.after.minutes() >= t.duration.minutes() {
            return bad("a split comes after some of the task's work, before its end, in order");
        }
        last = s.after.minutes();
    }
    let pr = &t.progress;
    if pr.percent_complete > 100 {
        return Err(Error::invalid(
            item(),
            "percent_complete",
            "percent complete is 0 to 100",
        ));
    }
    if pr.remaining_duration.is_some_and(|r| r.minutes() < 0) {
        return Err(Error::invalid(
            item(),
            "remaining_duration",
            "the remaining duration is negative",
        ));
    }
    if t.work.is_some_and(|w| w.minutes() < 0) {
        return Err(Error::invalid(item(), "work", "the work is negative"));
    }
    if pr.actual_work.is_some_and(|w| w.minutes() < 0) {
        return Err(Error::invalid(
            item(),
            "actual_work",
            "the actual work is negative",
        ));
    }
    if pr.actual_finish.is_some() && pr.actual_start.is_none() {
        return Err(Error::invalid(
            item(),
            "actual_finish",
            "an actual finish needs an actual start",
        ));
    }
    if let (Some(s), Some(f)) = (pr.actual_start, pr.actual_finish) {
        if f < s {
            return Err(Error::invalid(
                item(),
                "actual_finish",
                "the actual finish is before the actual start",
            ));
        }
    }
    for (m, field) in [(t.cost, "cost"), (t.actual_cost, "actual_cost")] {
        if m.is_some_and(|m| m.cents() < 0) {
            return Err(Error::invalid(item(), field, "costs cannot be negative"));
        }
    }
    for b in &t.baselines {
        if b.number > 10 {
            return Err(Error::invalid(
                item(),
                "baselines",
                "baseline numbers are 0 to 10",
            ));
        }
    }
    Ok(())
}

static STANDARD_CALENDAR: std::sync::LazyLock<Calendar> =
    std::sync::LazyLock::new(Calendar::standard);

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime {
        s.parse().unwrap()
    }

    #[test]
    fn add_and_find_tasks() {
        let mut p = Project::new("p", t("2026-01-05T08:00"));
        let a = p.add_task(Task::new("A", "a")).unwrap();
        let b = p.add_task(Task::new("B", "b").with_parent(a)).unwrap();
        assert!(p.is_summary(a));
        assert!(!p.is_summary(b));
        assert_eq!(p.index_of("B"), Some(b));
        assert!(matches!(
            p.add_task(Task::new("A", "dup")),
            Err(Error::DuplicateTask(_))
        ));
        let e = p
            .add_task(
                Task::new("M", "m")
                    .with_duration(Duration::days(1))
                    .tap(|t| t.milestone = true),
            )
            .unwrap_err();
        assert_eq!(e.field(), Some("duration"));
        // Making A a child of B would loop.
        let e = p.set_parent(a, Some(b)).unwrap_err();
        assert!(matches!(e, Error::HierarchyCycle { .. }), "{e}");
    }

    #[test]
    fn remove_task_removes_subtree_and_links() {
        let mut p = Project::new("p", t("2026-01-05T08:00"));
        let s = p.add_task(Task::new("S", "s")).unwrap();
        let c = p.add_task(Task::new("C", "c").with_parent(s)).unwrap();
        let x = p.add_task(Task::new("X", "x")).unwrap();
        let y = p.add_task(Task::new("Y", "y")).unwrap();
        p.add_link(Link::finish_to_start(c, x)).unwrap();
        p.add_link(Link::finish_to_start(x, y)).unwrap();
        let gone = p.remove_task(s).unwrap();
        assert_eq!(gone, vec![TaskId::from("S"), TaskId::from("C")]);
        assert_eq!(p.len(), 2);
        assert_eq!(p.links().len(), 1);
        assert_eq!(p.index_of("Y"), Some(TaskIndex(1)));
        assert_eq!(p.links()[0].to, TaskIndex(1));
    }

    #[test]
    fn lag_parse_and_display() {
        let s = DurationSettings::default();
        assert_eq!(Lag::parse("12.5%", &s).unwrap(), Lag::Percent(1250));
        assert_eq!(Lag::Percent(1250).display(&s).to_string(), "12.5%");
        assert_eq!(Lag::Percent(-2500).display(&s).to_string(), "-25%");
        assert!(Lag::parse("12.345%", &s).is_err());
        assert_eq!(
            Lag::parse("2ed", &s).unwrap(),
            Lag::Time(Duration::elapsed_days(2))
        );
    }

    trait Tap: Sized {
        fn tap(self, f: impl FnOnce(&mut Self)) -> Self;
    }
    impl Tap for Task {
        fn tap(mut self, f: impl FnOnce(&mut Self)) -> Self {
            f(&mut self);
            self
        }
    }

    proptest::proptest! {
        /// `set_parents` is `set_parent` pair by pair, in linear time: the same tree, or the
        /// same first error (loops included), and nothing changed on an error.
        #[test]
        fn set_parents_is_set_parent_in_order(
            n in 1usize..10,
            raw in proptest::collection::vec((0usize..10, 0usize..10), 0..10),
        ) {
            let mut p = Project::new("p", t("2026-01-05T08:00"));
            for k in 0..n {
                p.add_task(Task::new(format!("T{k}"), "t")).unwrap();
            }
            // Each child at most once (the readers' case); parents may be anything in range.
            let mut seen = vec![false; n];
            let pairs: Vec<(TaskIndex, TaskIndex)> = raw
                .into_iter()
                .map(|(c, q)| (c % n, q % n))
                .filter(|&(c, _)| !std::mem::replace(&mut seen[c], true))
                .map(|(c, q)| (TaskIndex(c as u32), TaskIndex(q as u32)))
                .collect();
            let mut one_by_one = p.clone();
            let expected = pairs
                .iter()
                .try_for_each(|&(c, q)| one_by_one.set_parent(c, Some(q)));
            let mut bulk = p.clone();
            let got = bulk.set_parents(&pairs);
            proptest::prop_assert_eq!(&got, &expected);
            if got.is_ok() {
                proptest::prop_assert_eq!(bulk.tasks(), one_by_one.tasks());
                proptest::prop_assert_eq!(&bulk.children, &one_by_one.children);
            } else {
                proptest::prop_assert_eq!(bulk.tasks(), p.tasks());
                proptest::prop_assert_eq!(&bulk.children, &p.children);
            }
        }
    }
}
