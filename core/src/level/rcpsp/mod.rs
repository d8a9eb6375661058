//! The resource-constrained project scheduling problem (RCPSP) over integer periods: the pure
//! solver that levelling calls.
//!
//! A [`Problem`] is activities with durations in periods, precedences between them (finish-to-
//! start, start-to-start, finish-to-finish or start-to-finish, each with a lag), and renewable
//! resources whose capacity may change over time (holidays, part-time staff). [`solve`] finds
//! start periods that respect every precedence and never use more of a resource than it has in
//! any period, and makes the project as short as it can within a [`Budget`]: a number of
//! generated schedules, or milliseconds of a clock the host supplies.
//! The [`Solution`] has the start of every activity, the makespan, a lower bound (so a caller
//! knows when the answer is optimal), and for every activity that starts later than its
//! unconstrained early start the reason ([`Delay`]): the predecessor that holds it, or the
//! resource that was full and the activities that were using it.
//!
//! The method (schedule-generation schemes, priority rules, justification and a genetic
//! algorithm over activity lists) and its references are in `core/DESIGN.md`, section
//! "Levelling", with the figures of the benchmark against PSPLIB (`core/tests/rcpsp_psplib.rs`).
//!
//! Everything is deterministic: the same problem, options and seed give the same solution on
//! every platform (integer arithmetic only, a seeded generator of our own). A time budget is the
//! one exception, since how far a search gets in a given time depends on the machine; the
//! solution then reports how many schedules it generated, and solving again with
//! `Budget::Schedules` of that number and the same seed gives exactly the same result.
//!
//! ```
//! use jindu::level::rcpsp::{self, Activity, Budget, Cause, Options, Precedence, Problem, Resource};
//!
//! // Two crews of one; A and B both need the crew, C follows A.
//! let problem = Problem {
//!     activities: vec![
//!         Activity::new(3).with_demand(0, 1), // 0: A
//!         Activity::new(2).with_demand(0, 1), // 1: B
//!         Activity::new(4),                   // 2: C
//!     ],
//!     precedences: vec![Precedence::finish_to_start(0, 2)],
//!     resources: vec![Resource::new(1)],
//! };
//! let s = rcpsp::solve(&problem, &Options::default())?;
//! // A first (it is on the longest path), then B while C runs.
//! assert_eq!(s.starts, [0, 3, 3]);
//! assert_eq!(s.makespan, 7);
//! assert!(s.optimal());
//! // B waited for the crew, which A was using.
//! assert_eq!(s.delays.len(), 1);
//! assert_eq!(s.delays[0].activity, 1);
//! assert!(matches!(&s.delays[0].cause, Cause::Resource { resource: 0, by, .. } if by == &[0]));
//! # Ok::<(), rcpsp::Error>(())
//! ```

pub use crate::LinkType;

use crate::control::CancelToken;

mod compile;
mod explain;
mod psplib;
pub(crate) mod rng;
mod search;
mod sgs;

use compile::Instance;

/// The most periods a schedule may span (about 67 million): the solver keeps, per resource, the
/// free capacity of every period up to the makespan.
pub const MAX_HORIZON: i64 = 1 << 26;

/// An RCPSP instance: activities, precedences and resources, referred to by their index in these
/// vectors.
///
/// ```
/// use jindu::level::rcpsp::{Activity, Precedence, Problem, Resource};
/// let p = Problem {
///     activities: vec![Activity::new(2).with_demand(0, 3), Activity::new(1)],
///     precedences: vec![Precedence::finish_to_start(0, 1)],
///     resources: vec![Resource::new(4)],
/// };
/// assert_eq!(p.activities[0].demands[0].amount, 3);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problem {
    /// The activities; activity `i` is `activities[i]`.
    pub activities: Vec<Activity>,
    /// The precedences between activities, in any order (duplicates are allowed).
    pub precedences: Vec<Precedence>,
    /// The renewable resources; resource `r` is `resources[r]`.
    pub resources: Vec<Resource>,
}

/// One activity: how long it runs and what it needs while it runs.
///
/// ```
/// use jindu::level::rcpsp::Activity;
/// let a = Activity::new(5).with_demand(0, 2).with_demand(1, 1).with_release(3).with_priority(10);
/// assert_eq!((a.duration, a.demands.len(), a.release, a.priority), (5, 2, 3, 10));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Activity {
    /// The duration in periods (zero for a milestone, which uses no resource).
    pub duration: i64,
    /// What it uses of resources in every period it runs (entries for the same resource add
    /// up; entries of amount 0 are ignored).
    pub demands: Vec<Demand>,
    /// The earliest period it may start (0 by default): the project start, or a
    /// start-no-earlier-than constraint.
    pub release: i64,
    /// A priority, larger first: used by [`PriorityRule::Priority`] only; the makespan is what
    /// the search minimises.
    pub priority: i64,
}

impl Activity {
    /// An activity of `duration` periods that needs nothing.
    pub fn new(duration: i64) -> Activity {
        Activity {
            duration,
            ..Activity::default()
        }
    }

    /// Adds a demand of `amount` units of resource `resource` in every period.
    pub fn with_demand(mut self, resource: usize, amount: u32) -> Activity {
        self.demands.push(Demand { resource, amount });
        self
    }

    /// Sets the earliest start period.
    pub fn with_release(mut self, release: i64) -> Activity {
        self.release = release;
        self
    }

    /// Sets the priority (larger first, for [`PriorityRule::Priority`]).
    pub fn with_priority(mut self, priority: i64) -> Activity {
        self.priority = priority;
        self
    }
}

/// What an activity uses of one resource in every period it runs.
///
/// ```
/// use jindu::level::rcpsp::Demand;
/// let d = Demand { resource: 0, amount: 2 };
/// assert_eq!(d.amount, 2);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Demand {
    /// The resource's index in [`Problem::resources`].
    pub resource: usize,
    /// Units used per period.
    pub amount: u32,
}

/// A precedence: `to` may not start (or finish) before `from` starts (or finishes), plus a lag.
///
/// With start `S` and finish `F = S + duration`, a precedence of kind FS asks
/// `S(to) ≥ F(from) + lag`, SS `S(to) ≥ S(from) + lag`, FF `F(to) ≥ F(from) + lag` and SF
/// `F(to) ≥ S(from) + lag`. Lags may be negative (leads). These are minimum time lags: the
/// precedences must not form a cycle.
///
/// ```
/// use jindu::level::rcpsp::{LinkType, Precedence};
/// let p = Precedence::new(0, 1, LinkType::StartToStart, 2);
/// assert_eq!((p.from, p.to, p.lag), (0, 1, 2));
/// assert_eq!(Precedence::finish_to_start(0, 1).kind, LinkType::FinishToStart);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Precedence {
    /// The predecessor's index.
    pub from: usize,
    /// The successor's index.
    pub to: usize,
    /// Which ends the precedence ties.
    pub kind: LinkType,
    /// The lag in periods (negative for a lead).
    pub lag: i64,
}

impl Precedence {
    /// A precedence of any kind with a lag.
    pub fn new(from: usize, to: usize, kind: LinkType, lag: i64) -> Precedence {
        Precedence {
            from,
            to,
            kind,
            lag,
        }
    }

    /// `to` starts after `from` finishes, without lag.
    pub fn finish_to_start(from: usize, to: usize) -> Precedence {
        Precedence::new(from, to, LinkType::FinishToStart, 0)
    }

    /// The least distance from `from`'s start to `to`'s start this precedence asks, given the
    /// two durations.
    ///
    /// ```
    /// use jindu::level::rcpsp::{LinkType, Precedence};
    /// assert_eq!(Precedence::new(0, 1, LinkType::FinishToStart, 1).start_gap(3, 5), 4);
    /// assert_eq!(Precedence::new(0, 1, LinkType::FinishToFinish, 0).start_gap(3, 5), -2);
    /// ```
    pub fn start_gap(&self, from_duration: i64, to_duration: i64) -> i64 {
        let lag = self.lag;
        match self.kind {
            LinkType::FinishToStart => from_duration.saturating_add(lag),
            LinkType::StartToStart => lag,
            LinkType::FinishToFinish => from_duration.saturating_add(lag) - to_duration,
            LinkType::StartToFinish => lag - to_duration,
        }
    }
}

/// A renewable resource: `capacity` units in every period, changed from given periods on.
///
/// ```
/// use jindu::level::rcpsp::Resource;
/// // Three people, none in periods 10 and 11 (a holiday), two from period 20 on.
/// let r = Resource::new(3).with_change(10, 0).with_change(12, 3).with_change(20, 2);
/// assert_eq!(r.capacity_at(0), 3);
/// assert_eq!(r.capacity_at(11), 0);
/// assert_eq!(r.capacity_at(15), 3);
/// assert_eq!(r.capacity_at(1000), 2);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resource {
    /// Units available per period from period 0 until the first change.
    pub capacity: u32,
    /// Changes of capacity, by strictly increasing period (each holds until the next).
    pub changes: Vec<CapacityChange>,
}

impl Resource {
    /// A resource with a constant capacity.
    pub fn new(capacity: u32) -> Resource {
        Resource {
            capacity,
            changes: Vec::new(),
        }
    }

    /// Adds a change of capacity from period `from` on (changes must be added in increasing
    /// order of period).
    pub fn with_change(mut self, from: i64, capacity: u32) -> Resource {
        self.changes.push(CapacityChange { from, capacity });
        self
    }

    /// The capacity in `period` (changes assumed in order, as [`solve`] requires).
    pub fn capacity_at(&self, period: i64) -> u32 {
        self.changes
            .iter()
            .take_while(|c| c.from <= period)
            .last()
            .map_or(self.capacity, |c| c.capacity)
    }

    /// The capacity that holds for ever after the last change.
    ///
    /// ```
    /// use jindu::level::rcpsp::Resource;
    /// assert_eq!(Resource::new(4).with_change(5, 1).final_capacity(), 1);
    /// ```
    pub fn final_capacity(&self) -> u32 {
        self.changes.last().map_or(self.capacity, |c| c.capacity)
    }
}

/// A change of a resource's capacity.
///
/// ```
/// use jindu::level::rcpsp::CapacityChange;
/// let c = CapacityChange { from: 10, capacity: 0 };
/// assert_eq!(c.from, 10);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct CapacityChange {
    /// The first period with the new capacity (at least 1).
    pub from: i64,
    /// Units available per period from `from` until the next change.
    pub capacity: u32,
}

/// How long the search may run.
///
/// ```
/// use jindu::level::rcpsp::Budget;
/// assert_eq!(Budget::default(), Budget::Schedules(5000));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Budget {
    /// At most this many generated schedules (every pass of a schedule-generation scheme,
    /// forward or backward, counts one). Reproducible.
    Schedules(u64),
    /// At most this many milliseconds by the clock in [`Hooks::clock`] (required). Not
    /// reproducible across machines: see the [module documentation](self).
    Millis(u64),
}

impl Default for Budget {
    fn default() -> Budget {
        Budget::Schedules(5000)
    }
}

/// The schedule-generation scheme of the first schedule.
///
/// ```
/// use jindu::level::rcpsp::Scheme;
/// assert_eq!(Scheme::default(), Scheme::Serial);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Activity by activity in priority order, each at its earliest feasible start
    /// (produces active schedules).
    #[default]
    Serial,
    /// Period by period, starting every eligible activity that fits, in priority order
    /// (produces non-delay schedules).
    Parallel,
}

/// The priority rule of the first schedule: which eligible activity goes first.
/// Ties go to the smaller activity index.
///
/// ```
/// use jindu::level::rcpsp::PriorityRule;
/// assert_eq!(PriorityRule::default(), PriorityRule::Lft);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum PriorityRule {
    /// Latest finish time first (from the resource-free backward pass).
    #[default]
    Lft,
    /// Latest start time first.
    Lst,
    /// Minimum slack (latest minus earliest start) first.
    Mslk,
    /// Most total successors (direct and indirect) first.
    Mts,
    /// Greatest rank positional weight first: the duration plus the durations of the direct
    /// successors.
    Grpw,
    /// Larger [`Activity::priority`] first, then LFT.
    Priority,
}

/// Options of [`solve`].
///
/// ```
/// use jindu::level::rcpsp::{Budget, Options, PriorityRule, Scheme};
/// let o = Options { budget: Budget::Schedules(1), rule: PriorityRule::Grpw, ..Options::default() };
/// assert_eq!((o.seed, o.scheme), (0, Scheme::Serial));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Options {
    /// How long to search; `Schedules(1)` is the single pass of `scheme` with `rule`.
    pub budget: Budget,
    /// The seed of the search's random choices.
    pub seed: u64,
    /// The priority rule of the first schedule.
    pub rule: PriorityRule,
    /// The schedule-generation scheme of the first schedule.
    pub scheme: Scheme,
}

/// Where a running search stands, as passed to [`Hooks::progress`].
///
/// ```
/// use jindu::level::rcpsp::Progress;
/// let p = Progress { schedules: 10, makespan: 43, lower_bound: 38 };
/// assert_eq!(p.makespan - p.lower_bound, 5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Progress {
    /// Schedules generated so far.
    pub schedules: u64,
    /// The best makespan so far.
    pub makespan: i64,
    /// The lower bound of the problem (the search stops when it reaches it).
    pub lower_bound: i64,
}

/// What the host lends a search: a clock, a cancel flag and a progress callback.
///
/// ```
/// use jindu::control::CancelToken;
/// use jindu::level::rcpsp::{self, Activity, Budget, Hooks, Options, Problem, Resource};
///
/// let p = Problem {
///     activities: vec![Activity::new(2).with_demand(0, 1), Activity::new(2).with_demand(0, 1)],
///     resources: vec![Resource::new(1)],
///     ..Problem::default()
/// };
/// let start = std::time::Instant::now();
/// let clock = move || start.elapsed().as_millis() as u64;
/// let cancel = CancelToken::default();
/// let mut seen = Vec::new();
/// let mut progress = |p: &rcpsp::Progress| seen.push(p.makespan);
/// let hooks = Hooks { clock: Some(&clock), cancel: Some(&cancel), progress: Some(&mut progress) };
/// let o = Options { budget: Budget::Millis(100), ..Options::default() };
/// let s = rcpsp::solve_with(&p, &o, hooks)?;
/// assert_eq!(s.makespan, 4);
/// assert_eq!(seen, [4]);
/// # Ok::<(), rcpsp::Error>(())
/// ```
#[derive(Default)]
pub struct Hooks<'a> {
    /// Milliseconds since any fixed origin, never decreasing; needed by [`Budget::Millis`]. The
    /// core reads no clock of its own.
    pub clock: Option<&'a dyn Fn() -> u64>,
    /// When cancelled (by another thread, say), the search stops at the next schedule and
    /// returns the best so far.
    pub cancel: Option<&'a CancelToken>,
    /// Called with every improvement, and every 1,000 schedules.
    pub progress: Option<&'a mut dyn FnMut(&Progress)>,
}

impl std::fmt::Debug for Hooks<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hooks")
            .field("clock", &self.clock.is_some())
            .field("cancel", &self.cancel.map(CancelToken::is_cancelled))
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// Why a search stopped.
///
/// ```
/// use jindu::level::rcpsp::Stop;
/// assert_ne!(Stop::LowerBound, Stop::Budget);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stop {
    /// The makespan reached the lower bound: the solution is optimal.
    LowerBound,
    /// The budget ran out.
    Budget,
    /// The cancel flag was set.
    Cancelled,
}

/// A solved problem.
///
/// ```
/// use jindu::level::rcpsp::{self, Activity, Options, Problem, Stop};
/// let p = Problem { activities: vec![Activity::new(3)], ..Problem::default() };
/// let s = rcpsp::solve(&p, &Options::default())?;
/// assert_eq!((s.starts[0], s.makespan, s.lower_bound, s.stop), (0, 3, 3, Stop::LowerBound));
/// # Ok::<(), rcpsp::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// The start period of every activity, by index.
    pub starts: Vec<i64>,
    /// The latest finish of any activity (0 without activities).
    pub makespan: i64,
    /// A lower bound on the makespan of any feasible schedule: the longest precedence path
    /// and the work each resource must do.
    pub lower_bound: i64,
    /// Every activity that starts after its unconstrained early start, by index, and why.
    pub delays: Vec<Delay>,
    /// Schedules generated.
    pub schedules: u64,
    /// Why the search stopped.
    pub stop: Stop,
}

impl Solution {
    /// Whether the makespan is proven optimal (it equals the lower bound).
    pub fn optimal(&self) -> bool {
        self.makespan == self.lower_bound
    }
}

/// An activity that starts later than it could without resource limits.
///
/// ```
/// use jindu::level::rcpsp::{Cause, Delay};
/// let d = Delay { activity: 2, early_start: 0, start: 3, cause: Cause::Predecessor { activity: 1 } };
/// assert_eq!(d.start - d.early_start, 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delay {
    /// The activity's index.
    pub activity: usize,
    /// Its start without resource limits (precedences and release only).
    pub early_start: i64,
    /// Its start in the solution.
    pub start: i64,
    /// What holds it there.
    pub cause: Cause,
}

/// What holds a delayed activity at its start.
///
/// ```
/// use jindu::level::rcpsp::Cause;
/// let c = Cause::Resource { resource: 0, period: 4, demand: 2, capacity: 3, used: 2, by: vec![5] };
/// assert!(matches!(c, Cause::Resource { used: 2, .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// A precedence from this (itself delayed) predecessor: the activity starts as soon as the
    /// predecessor allows. The predecessor with the smallest index when several bind.
    Predecessor {
        /// The predecessor's index.
        activity: usize,
    },
    /// A resource was full: starting one period earlier would need more than the resource has
    /// in `period`.
    Resource {
        /// The resource's index.
        resource: usize,
        /// The period that would be over capacity.
        period: i64,
        /// What the activity needs of the resource.
        demand: u32,
        /// The resource's capacity in that period.
        capacity: u32,
        /// What the other activities use of it in that period.
        used: u32,
        /// The activities using it in that period (empty when the capacity itself is too
        /// small then, as on a holiday), by index.
        by: Vec<usize>,
    },
}

/// The part of a problem an [`Error`] is about.
///
/// ```
/// use jindu::level::rcpsp::Part;
/// assert_eq!(Part::Activity(3).to_string(), "activity 3");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// The problem as a whole.
    Problem,
    /// An activity, by index.
    Activity(usize),
    /// A precedence, by index in [`Problem::precedences`].
    Precedence(usize),
    /// A resource, by index.
    Resource(usize),
}

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Part::Problem => f.write_str("problem"),
            Part::Activity(i) => write!(f, "activity {i}"),
            Part::Precedence(i) => write!(f, "precedence {i}"),
            Part::Resource(i) => write!(f, "resource {i}"),
        }
    }
}

/// Why a problem cannot be solved. Nothing is searched for an invalid problem.
///
/// ```
/// use jindu::level::rcpsp::{self, Activity, Error, Options, Problem, Resource};
/// let p = Problem {
///     activities: vec![Activity::new(2).with_demand(0, 5)],
///     resources: vec![Resource::new(4)],
///     ..Problem::default()
/// };
/// let e = rcpsp::solve(&p, &Options::default()).unwrap_err();
/// assert_eq!(e, Error::NeverFits { activity: 0, resource: 0, demand: 5, capacity: 4 });
/// assert_eq!(e.code(), "never_fits");
/// assert_eq!(e.to_string(), "activity 0 needs 5 of resource 0, which never has more than 4 from its last capacity change on");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An activity needs more of a resource than the resource has after its last capacity
    /// change, so it may never fit.
    #[error("activity {activity} needs {demand} of resource {resource}, which never has more than {capacity} from its last capacity change on")]
    NeverFits {
        /// The activity's index.
        activity: usize,
        /// The resource's index.
        resource: usize,
        /// What the activity needs.
        demand: u32,
        /// The resource's final capacity.
        capacity: u32,
    },
    /// The precedences form a cycle: these activities, each a predecessor of the next and the
    /// last of the first, starting at the smallest index.
    #[error("precedence cycle through activities {activities:?}")]
    Cycle {
        /// The activities of one cycle.
        activities: Vec<usize>,
    },
    /// A value is out of range (a negative duration, an unknown index, capacity changes out of
    /// order, a horizon beyond [`MAX_HORIZON`], …).
    #[error("{part}: {message}")]
    Invalid {
        /// The part of the problem.
        part: Part,
        /// What is wrong.
        message: &'static str,
    },
    /// [`Budget::Millis`] without a [`Hooks::clock`].
    #[error("a time budget needs a clock (Hooks::clock)")]
    NoClock,
}

impl Error {
    /// A stable machine-readable code: `never_fits`, `cycle`, `invalid` or `no_clock`.
    ///
    /// ```
    /// assert_eq!(jindu::level::rcpsp::Error::NoClock.code(), "no_clock");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::NeverFits { .. } => "never_fits",
            Error::Cycle { .. } => "cycle",
            Error::Invalid { .. } => "invalid",
            Error::NoClock => "no_clock",
        }
    }
}

/// Solves `problem` within `options.budget`; see the [module documentation](self).
///
/// # Errors
///
/// [`Error`] when the problem is invalid or an activity can never fit, and [`Error::NoClock`]
/// for a time budget (use [`solve_with`] and a clock).
pub fn solve(problem: &Problem, options: &Options) -> Result<Solution, Error> {
    solve_with(problem, options, Hooks::default())
}

/// [`solve`] with a clock, a cancel flag and a progress callback from the host.
///
/// # Errors
///
/// As [`solve`]; [`Error::NoClock`] for [`Budget::Millis`] without [`Hooks::clock`].
pub fn solve_with(
    problem: &Problem,
    options: &Options,
    hooks: Hooks<'_>,
) -> Result<Solution, Error> {
    if matches!(options.budget, Budget::Millis(_)) && hooks.clock.is_none() {
        return Err(Error::NoClock);
    }
    let inst = Instance::compile(problem)?;
    let found = search::run(&inst, options, hooks);
    let delays = explain::delays(&inst, &found.starts);
    Ok(Solution {
        makespan: found.makespan,
        starts: found.starts,
        lower_bound: inst.lower_bound,
        delays,
        schedules: found.schedules,
        stop: found.stop,
    })
}

/// A lower bound on the makespan of every feasible schedule of `problem`: the longest path of
/// precedences (from the releases) and, per resource, the first period by which its capacity
/// can have done all the work asked of it.
///
/// ```
/// use jindu::level::rcpsp::{self, Activity, Problem, Resource};
/// let p = Problem {
///     activities: vec![Activity::new(3).with_demand(0, 2), Activity::new(3).with_demand(0, 2)],
///     resources: vec![Resource::new(3)],
///     ..Problem::default()
/// };
/// assert_eq!(rcpsp::lower_bound(&p)?, 4); // 12 units of work at 3 a period
/// # Ok::<(), rcpsp::Error>(())
/// ```
///
/// # Errors
///
/// As [`solve`], for an invalid problem.
pub fn lower_bound(problem: &Problem) -> Result<i64, Error> {
    Ok(Instance::compile(problem)?.lower_bound)
}

/// A broken rule of a schedule, as found by [`verify`].
///
/// ```
/// use jindu::level::rcpsp::Violation;
/// let v = Violation::Precedence { precedence: 0 };
/// assert_ne!(v, Violation::Release { activity: 0 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Violation {
    /// The schedule does not give one start per activity.
    Length,
    /// An activity starts before its release.
    Release {
        /// The activity's index.
        activity: usize,
    },
    /// A precedence does not hold.
    Precedence {
        /// The precedence's index.
        precedence: usize,
    },
    /// A resource is used beyond its capacity in a period.
    Capacity {
        /// The resource's index.
        resource: usize,
        /// The first such period.
        period: i64,
    },
}

/// Checks `starts` against every rule of `problem`, by direct counting (independently of the
/// solver), and returns the first broken rule found.
///
/// ```
/// use jindu::level::rcpsp::{self, Activity, Precedence, Problem, Resource, Violation};
/// let p = Problem {
///     activities: vec![Activity::new(2).with_demand(0, 1), Activity::new(2).with_demand(0, 1)],
///     precedences: vec![],
///     resources: vec![Resource::new(1)],
/// };
/// assert_eq!(rcpsp::verify(&p, &[0, 2]), Ok(()));
/// assert_eq!(rcpsp::verify(&p, &[0, 1]), Err(Violation::Capacity { resource: 0, period: 1 }));
/// ```
///
/// # Errors
///
/// The first [`Violation`] found.
pub fn verify(problem: &Problem, starts: &[i64]) -> Result<(), Violation> {
    if starts.len() != problem.activities.len() {
        return Err(Violation::Length);
    }
    for (i, a) in problem.activities.iter().enumerate() {
        if starts[i] < a.release {
            return Err(Violation::Release { activity: i });
        }
    }
    for (k, p) in problem.precedences.iter().enumerate() {
        let (Some(a), Some(b)) = (problem.activities.get(p.from), problem.activities.get(p.to))
        else {
            return Err(Violation::Precedence { precedence: k });
        };
        let gap = p.start_gap(a.duration, b.duration);
        if starts[p.to] < starts[p.from].saturating_add(gap) {
            return Err(Violation::Precedence { precedence: k });
        }
    }
    // Sweep each resource's usage over the start and finish events.
    for (r, res) in problem.resources.iter().enumerate() {
        let mut events: Vec<(i64, i64)> = Vec::new();
        for (i, a) in problem.activities.iter().enumerate() {
            let q: i64 = a
                .demands
                .iter()
                .filter(|d| d.resource == r)
                .map(|d| i64::from(d.amount))
                .sum();
            if q > 0 && a.duration > 0 {
                events.push((starts[i], q));
                events.push((starts[i].saturating_add(a.duration), -q));
            }
        }
        let mut points: Vec<i64> = events.iter().map(|e| e.0).collect();
        points.extend(res.changes.iter().map(|c| c.from));
        points.sort_unstable();
        points.dedup();
        events.sort_unstable();
        let (mut used, mut k) = (0i64, 0);
        for &t in &points {
            while k < events.len() && events[k].0 <= t {
                used += events[k].1;
                k += 1;
            }
            if used > i64::from(res.capacity_at(t)) {
                return Err(Violation::Capacity {
                    resource: r,
                    period: t,
                });
            }
        }
    }
    Ok(())
}
