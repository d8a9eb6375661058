//! [`Limits`]: what one input may ask of jindu.

use serde::{Deserialize, Serialize};

use crate::{Error, Project, Result};

/// Limits on what one input may ask of jindu: its size, its counts, and the work it may start.
///
/// jindu runs inside other people's servers on files their customers upload. Every reader
/// ([`io::read`](crate::io::read) and the per-format `read` functions) and every long entry point
/// (Monte Carlo in [`risk`](crate::risk), levelling in [`level`](crate::level)) checks its input
/// against a [`Limits`] before it commits memory or time to it, and refuses with
/// [`Error::Limit`] (code `limit`) naming the limit, its value and what the input asked for.
/// The defaults suit a multi-tenant service; a host raises them where it knows better
/// ([`io::ReadOptions::limits`](crate::io::ReadOptions::limits),
/// [`RiskOptions::limits`](crate::risk::RiskOptions::limits),
/// [`LevelOptions::limits`](crate::level::LevelOptions::limits), or `"limits"` in the JSON
/// requests of the bindings). Limits come from the host, never from the document being read:
/// a file cannot raise its own.
///
/// ```
/// use jindu::io::{read, ReadOptions};
/// use jindu::Limits;
/// let doc = br#"{"name": "x", "start": "2026-01-05",
///                "tasks": [{"id": "A", "duration": "1d"}, {"id": "B", "duration": "1d"}]}"#;
/// let strict = ReadOptions::default().limits(Limits { max_tasks: 1, ..Limits::default() });
/// let e = read(doc, &strict).unwrap_err();
/// assert_eq!(e.code().as_str(), "limit");
/// assert_eq!(e.to_string(), "limit exceeded: tasks (2 > 1)");
/// assert_eq!(read(doc, &ReadOptions::default())?.project.len(), 2);
/// # Ok::<(), jindu::Error>(())
/// ```
///
/// Work and memory stay bounded by these and by the input's size: the readers are linear in
/// their input; calendar arithmetic is bounded by its own search horizon
/// ([`Error::CalendarExhausted`]); Monte Carlo by [`max_risk_samples`](Self::max_risk_samples);
/// levelling by [`max_level_schedules`](Self::max_level_schedules) and its period horizon.
///
/// In JSON (the bindings' `limits` option) every field is optional and an unknown one is an
/// error: `{"max_tasks": 5000000, "max_input_bytes": 1073741824}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Bytes of one input file or document (default 256 MiB).
    pub max_input_bytes: u64,
    /// Tasks in one project, summaries and milestones included (default 1,000,000: as many as
    /// Microsoft Project holds).
    pub max_tasks: u64,
    /// Links in one project (default 4,000,000).
    pub max_links: u64,
    /// Calendars in one project (default 10,000).
    pub max_calendars: u64,
    /// Dated exceptions over all the calendars of one project (default 1,000,000).
    pub max_exceptions: u64,
    /// Levels of summary tasks above a task (default 100; Microsoft Project's outline stops
    /// short of that in practice).
    pub max_depth: u64,
    /// Resources in one project (default 100,000).
    pub max_resources: u64,
    /// Assignments in one project (default 4,000,000).
    pub max_assignments: u64,
    /// Monte Carlo iterations × tasks simulated, one run (default 10^9: about 15 s on one core
    /// of a 2024 server, so one request cannot occupy a machine for long).
    pub max_risk_samples: u64,
    /// Schedules one levelling run may build (default 1,000,000).
    pub max_level_schedules: u64,
}

impl Limits {
    /// The defaults, as a constant.
    pub const DEFAULT: Limits = Limits {
        max_input_bytes: 256 << 20,
        max_tasks: 1_000_000,
        max_links: 4_000_000,
        max_calendars: 10_000,
        max_exceptions: 1_000_000,
        max_depth: 100,
        max_resources: 100_000,
        max_assignments: 4_000_000,
        max_risk_samples: 1_000_000_000,
        max_level_schedules: 1_000_000,
    };

    /// No limit at all (every field `u64::MAX`): for trusted input only, such as a host's own
    /// benchmarks.
    pub const NONE: Limits = Limits {
        max_input_bytes: u64::MAX,
        max_tasks: u64::MAX,
        max_links: u64::MAX,
        max_calendars: u64::MAX,
        max_exceptions: u64::MAX,
        max_depth: u64::MAX,
        max_resources: u64::MAX,
        max_assignments: u64::MAX,
        max_risk_samples: u64::MAX,
        max_level_schedules: u64::MAX,
    };

    /// Reads limits from JSON text (`{"max_tasks": 5000000}`; omitted fields keep their
    /// defaults); a malformed or unknown field is an [`Error::Json`] naming it.
    ///
    /// ```
    /// let l = jindu::Limits::from_json(r#"{"max_tasks": 5000000}"#)?;
    /// assert_eq!((l.max_tasks, l.max_links), (5_000_000, jindu::Limits::DEFAULT.max_links));
    /// assert!(jindu::Limits::from_json(r#"{"max_taks": 1}"#).is_err());
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Limits> {
        crate::io::json::read_value(text)
    }

    /// Refuses an input of `bytes` bytes over [`max_input_bytes`](Self::max_input_bytes).
    pub fn check_input(&self, bytes: usize) -> Result<()> {
        check("input bytes", self.max_input_bytes, bytes as u64)
    }

    /// Refuses a project over any of the count limits (tasks, links, calendars, exceptions,
    /// summary depth, resources, assignments). Linear in the project's size.
    pub fn check_project(&self, project: &Project) -> Result<()> {
        check("tasks", self.max_tasks, project.len() as u64)?;
        check("links", self.max_links, project.links().len() as u64)?;
        let cals = project.calendars();
        check("calendars", self.max_calendars, cals.len() as u64)?;
        let exceptions = cals.iter().map(|c| c.exceptions.len() as u64).sum();
        check("calendar exceptions", self.max_exceptions, exceptions)?;
        check(
            "resources",
            self.max_resources,
            project.resources().len() as u64,
        )?;
        check(
            "assignments",
            self.max_assignments,
            project.assignments().len() as u64,
        )?;
        check("summary nesting depth", self.max_depth, depth(project))
    }

    /// Refuses a Monte Carlo run of `iterations` over `tasks` tasks beyond
    /// [`max_risk_samples`](Self::max_risk_samples).
    pub fn check_risk(&self, iterations: u64, tasks: usize) -> Result<()> {
        let samples = iterations.saturating_mul(tasks.max(1) as u64);
        check(
            "Monte Carlo iterations × tasks",
            self.max_risk_samples,
            samples,
        )
    }

    /// Refuses a levelling budget of `schedules` beyond
    /// [`max_level_schedules`](Self::max_level_schedules).
    pub fn check_level(&self, schedules: u64) -> Result<()> {
        check("levelling schedules", self.max_level_schedules, schedules)
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

fn check(what: &'static str, limit: u64, actual: u64) -> Result<()> {
    if actual > limit {
        Err(Error::Limit {
            what,
            limit,
            actual,
        })
    } else {
        Ok(())
    }
}

/// The most summary levels above any task: 0 for a flat list. Each task's depth is computed
/// once (memoised along the walk up), so the whole is linear; a parent cycle (refused when the
/// project is scheduled) stops the walk at the task count instead of looping.
fn depth(project: &Project) -> u64 {
    let tasks = project.tasks();
    if tasks.iter().all(|t| t.parent.is_none()) {
        return 0;
    }
    const UNKNOWN: u32 = u32::MAX;
    let mut depth = vec![UNKNOWN; tasks.len()];
    let mut path = Vec::new();
    let mut most = 0;
    let n = tasks.len();
    for start in 0..n {
        // Climb to a root, to a task whose depth is known, or round a cycle; the top of the
        // path then has depth `d`.
        let mut at = Some(start);
        let mut d = loop {
            match at {
                None => break 0,
                Some(i) if depth[i] != UNKNOWN => break depth[i].saturating_add(1),
                Some(_) if path.len() > n => break n as u32,
                Some(i) => {
                    path.push(i);
                    at = tasks[i].parent.map(|p| p.index()).filter(|&p| p < n);
                }
            }
        };
        // Unwind: each task below the top is one level deeper.
        while let Some(i) = path.pop() {
            if depth[i] == UNKNOWN {
                depth[i] = d;
            }
            d = d.saturating_add(1);
        }
        most = most.max(depth[start]);
    }
    u64::from(most)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Task, TaskIndex};

    fn chain(n: usize) -> Project {
        let mut p = Project::new("deep", "2026-01-05T08:00".parse().unwrap());
        for k in 0..n {
            let mut t = Task::new(format!("t{k}"), "t");
            t.parent = k.checked_sub(1).map(|j| TaskIndex::from_raw(j as u32));
            p.add_task(t).unwrap();
        }
        p
    }

    #[test]
    fn depth_counts_summary_levels_above_the_deepest_task() {
        assert_eq!(depth(&chain(1)), 0, "one task: no summary above it");
        assert_eq!(depth(&chain(2)), 1);
        // t0 > t1 > … > t9: t9 has nine summaries above it.
        assert_eq!(depth(&chain(10)), 9);
    }

    #[test]
    fn a_project_over_a_limit_is_refused_naming_it() {
        let p = chain(102);
        let e = Limits::default().check_project(&p).unwrap_err();
        assert_eq!(
            e.to_string(),
            "limit exceeded: summary nesting depth (101 > 100)"
        );
        let tight = Limits {
            max_tasks: 100,
            ..Limits::default()
        };
        let e = tight.check_project(&p).unwrap_err();
        assert_eq!(e.to_string(), "limit exceeded: tasks (102 > 100)");
        assert!(Limits::NONE.check_project(&p).is_ok());
    }

    #[test]
    fn risk_and_levelling_budgets_are_bounded() {
        let l = Limits::default();
        assert!(
            l.check_risk(1_000, 1_000_000).is_ok(),
            "10^9 samples is the limit"
        );
        let e = l.check_risk(1_001, 1_000_000).unwrap_err();
        assert_eq!(
            e.to_string(),
            "limit exceeded: Monte Carlo iterations × tasks (1001000000 > 1000000000)"
        );
        assert!(l.check_risk(u64::MAX, usize::MAX).is_err(), "no overflow");
        assert!(l.check_level(1_000_000).is_ok());
        assert_eq!(
            l.check_level(1_000_001).unwrap_err().code().as_str(),
            "limit"
        );
    }
}
