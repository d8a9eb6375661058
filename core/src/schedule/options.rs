//! Scheduling options: the knobs where Microsoft Project and Primavera P6 differ.

use crate::time::Duration;

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
}

impl Default for ScheduleOptions {
    fn default() -> Self {
        ScheduleOptions {
            critical: Criticality::default(),
            float_basis: FloatBasis::default(),
            lag_calendar: LagCalendar::default(),
            honor_constraints: true,
            max_critical_paths: 100,
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
    /// Sets [`ScheduleOptions::max_critical_paths`].
    pub fn max_critical_paths(mut self, n: usize) -> Self {
        self.max_critical_paths = n;
        self
    }
}
