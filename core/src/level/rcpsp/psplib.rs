//! A PSPLIB instance as a [`Problem`](super::Problem): the benchmark the solver is measured on.

use super::{Activity, Precedence, Problem, Resource};
use crate::io::psplib::{self, MINUTES_PER_PERIOD};
use crate::{Error, ImportError, Result};

fn error(message: String) -> Error {
    Error::Import(Box::new(ImportError {
        format: "psplib",
        line: 0,
        column: 0,
        header: None,
        value: None,
        message,
        cause: None,
    }))
}

impl Problem {
    /// Reads a single-mode PSPLIB instance (`.sm`) with [`jindu::io::psplib::read`](psplib::read)
    /// and lays it out as a problem: activity `j - 1` is job `j` (the dummy source and sink
    /// included, as milestones of duration 0), one finish-to-start precedence per successor
    /// entry, and one resource per renewable resource with the file's capacity and demands.
    ///
    /// ```
    /// use jindu::level::rcpsp::{self, Options, Problem};
    /// let text = "\
    /// jobs (incl. supersource/sink ):  4
    /// RESOURCES
    ///   - renewable                 :  1   R
    ///   - nonrenewable              :  0   N
    ///   - doubly constrained        :  0   D
    /// ****
    /// PRECEDENCE RELATIONS:
    /// jobnr.    #modes  #successors   successors
    ///    1        1          2           2   3
    ///    2        1          1           4
    ///    3        1          1           4
    ///    4        1          0
    /// ****
    /// REQUESTS/DURATIONS:
    /// jobnr. mode duration  R 1
    /// ------------------------------------------------------------------------
    ///   1      1     0       0
    ///   2      1     3       2
    ///   3      1     5       1
    ///   4      1     0       0
    /// ****
    /// RESOURCEAVAILABILITIES:
    ///   R 1
    ///    2
    /// ****
    /// ";
    /// let p = Problem::from_psplib(text)?;
    /// assert_eq!(p.activities.len(), 4);
    /// assert_eq!(p.resources[0].capacity, 2);
    /// // Jobs 2 and 3 need 2 + 1 of a capacity of 2: one after the other.
    /// let s = rcpsp::solve(&p, &Options::default()).unwrap();
    /// assert_eq!(s.makespan, 8);
    /// # Ok::<(), jindu::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// The reader's [`Error::Import`] for a malformed file, and an import error for a job whose
    /// duration is not a whole number of periods.
    pub fn from_psplib(input: impl AsRef<[u8]>) -> Result<Problem> {
        let project = psplib::read(input)?.project;
        let mut activities = Vec::with_capacity(project.len());
        for t in project.tasks() {
            let m = t.duration.minutes();
            if m % MINUTES_PER_PERIOD != 0 {
                return Err(error(format!(
                    "job {}: the duration is not a whole number of periods",
                    t.id
                )));
            }
            activities.push(Activity::new(m / MINUTES_PER_PERIOD));
        }
        let resources = project
            .resources()
            .iter()
            .map(|r| Resource::new(r.max_units / 100))
            .collect();
        for a in project.assignments() {
            if let Some(act) = activities.get_mut(a.task.index()) {
                *act = std::mem::take(act).with_demand(a.resource.index(), a.units / 100);
            }
        }
        let precedences = project
            .links()
            .iter()
            .map(|l| Precedence::finish_to_start(l.from.index(), l.to.index()))
            .collect();
        Ok(Problem {
            activities,
            precedences,
            resources,
        })
    }
}
