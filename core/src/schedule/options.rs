//! Scheduling options: the knobs where Microsoft Project and Primavera P6 differ.

use crate::time::{DateTime, Duration};

/// Which calendar a link's lag is counted on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LagCalendar {
    /// The successor's calendar (Microsoft Project).
    #[default]
    Successor,
    /// The predecessor's calendar (a Primavera P6 option).
    Predecessor,
    /// The project's default calendar (a Primavera P6 option).
    Project,
    /// Around the clock (a Primavera P6 option).
    TwentyFourHour,
}

/// How total float is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum FloatBasis {
    /// The smaller of start float (late start − early start) and finish float (late finish −
    /// early finish), as Microsoft Project does.
    #[default]
    Smaller,
    /// Start float only.
    Start,
    /// Finish float only (Primavera P6's default).
    Finish,
}

/// Which tasks count as critical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Criticality {
    /// Total float at most this much working time (Microsoft Project, threshold 0 by default).
    TotalFloat(Duration),
    /// Tasks on a driving path to the project finish (Primavera P6's "longest path").
    LongestPath,
}

impl Default for Criticality {
    fn default() -> Self {
        Criticality::TotalFloat(Duration::ZERO)
    }
}

/// How a started task's remaining work treats its predecessors when scheduling from a status
/// date (out-of-sequence progress: the task started before its logic allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum OutOfSequence {
    /// The remaining work waits for the task's links as an unstarted task's start would
    /// (Primavera P6's default, "retained logic").
    #[default]
    RetainedLogic,
    /// Progress overrides the links: the remaining work continues right after the work done,
    /// never before the status date (P6's "progress override").
    ProgressOverride,
}

/// Knobs for [`schedule()`](crate::schedule()); the defaults reproduce Microsoft Project.
///
/// ```
/// use jindu::{ScheduleOptions, Criticality, FloatBasis, Duration};
/// let o = ScheduleOptions::default()
///     .critical(Criticality::TotalFloat(Duration::days(1)))
///     .float_basis(FloatBasis::Finish);
/// assert_eq!(o.float_basis, FloatBasis::Finish);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ScheduleOptions {
    /// Which tasks are critical.
    pub critical: Criticality,
    /// How total float is measured.
    pub float_basis: FloatBasis,
    /// Which calendar lags are counted on.
    pub lag_calendar: LagCalendar,
    /// Whether hard constraints win over links (Microsoft Project's "tasks will always honor
    /// their constraint dates", on by default). When off, links win and the constraint only
    /// shows as negative float.
    pub honor_constraints: bool,
    /// At most this many critical paths are listed (each is still complete).
    pub max_critical_paths: usize,
    /// Schedule uncompleted work from this status date (Microsoft Project's "reschedule
    /// uncompleted work to start after", Primavera P6's data date): no unstarted task starts
    /// before it, and the remaining work of a started task resumes no earlier than it.
    /// Finished tasks keep their actual dates. `None` (the default) leaves progress as it is:
    /// a started task keeps its actual start and runs its whole duration from it.
    pub status_date: Option<DateTime>,
    /// How remaining work of out-of-sequence progress treats links (with a status date).
    pub out_of_sequence: OutOfSequence,
}

impl Default for ScheduleOptions {
    fn default() -> Self {
        ScheduleOptions {
            critical: Criticality::default(),
            float_basis: FloatBasis::default(),
            lag_calendar: LagCalendar::default(),
            honor_constraints: true,
            max_critical_paths: 100,
            status_date: None,
            out_of_sequence: OutOfSequence::default(),
        }
    }
}

impl ScheduleOptions {
    /// Sets [`ScheduleOptions::critical`].
    pub fn critical(mut self, c: Criticality) -> Self {
        self.critical = c;
        self
    }
    /// Sets [`ScheduleOptions::float_basis`].
    pub fn float_basis(mut self, b: FloatBasis) -> Self {
        self.float_basis = b;
        self
    }
    /// Sets [`ScheduleOptions::lag_calendar`].
    pub fn lag_calendar(mut self, c: LagCalendar) -> Self {
        self.lag_calendar = c;
        self
    }
    /// Sets [`ScheduleOptions::honor_constraints`].
    pub fn honor_constraints(mut self, on: bool) -> Self {
        self.honor_constraints = on;
        self
    }
    /// Sets [`ScheduleOptions::status_date`].
    pub fn status_date(mut self, d: Option<DateTime>) -> Self {
        self.status_date = d;
        self
    }
    /// Sets [`ScheduleOptions::out_of_sequence`].
    pub fn out_of_sequence(mut self, o: OutOfSequence) -> Self {
        self.out_of_sequence = o;
        self
    }
    /// Sets [`ScheduleOptions::max_critical_paths`].
    pub fn max_critical_paths(mut self, n: usize) -> Self {
        self.max_critical_paths = n;
        self
    }
}
