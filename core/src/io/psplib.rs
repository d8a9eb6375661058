//! PSPLIB single-mode RCPSP instances (`.sm` files: J30, J60, J90, J120).
//!
//! PSPLIB (Kolisch & Sprecher, 1996) is the standard benchmark library for the
//! resource-constrained project scheduling problem. A `.sm` file lists jobs with a duration in
//! *periods*, finish-to-start successors, and per-period demands on renewable resources with a
//! constant capacity.
//!
//! # How an instance becomes a project
//!
//! * **Time.** One period is one day on a 24-hour, 7-day calendar: the project defines the
//!   calendar [`CALENDAR`] (every day 00:00–24:00) and makes it the default, sets 1 day = 24 hours
//!   (`minutes_per_day` 1440, a week 7 days, a month 30 days) and starts at [`start`]
//!   (Monday 2026-01-05 00:00). A job of `d` periods has duration `d` days, so any length in
//!   periods is the number of minutes between two dates divided by 1440, exactly; the
//!   critical-path length is `(project_finish − project_start) / 1440`.
//! * **Jobs.** One task per job, keyed by the job number (`"1"` … `"n"`), named `Job j`.
//!   The dummy source (job 1) and sink (job n) are kept, named `Source` and `Sink`, as
//!   milestones when their duration is 0 (it always is in PSPLIB), so the network keeps the
//!   file's numbering and a single start and end.
//! * **Precedences.** One finish-to-start link without lag per successor entry, in file order.
//! * **Resources.** One work resource per renewable resource, keyed `R1`, `R2`, …, named as in
//!   the file (`R 1`), with capacity `c` units as `max_units = 100 × c` (jindu counts units in
//!   percent), and one assignment per non-zero demand `q` with `units = 100 × q`.
//!
//! Multi-mode files (`.mm`) and non-renewable resources are rejected with an error.
//! Errors are [`Error::Import`] with format `"psplib"`, the 1-based line and the 1-based character
//! column of the offending token. Reading never panics, whatever the bytes (they are read as
//! Latin-1, so any byte sequence is text).
//!
//! ```
//! let text = "\
//! jobs (incl. supersource/sink ):  4
//! RESOURCES
//!   - renewable                 :  1   R
//!   - nonrenewable              :  0   N
//!   - doubly constrained        :  0   D
//! ****
//! PRECEDENCE RELATIONS:
//! jobnr.    #modes  #successors   successors
//!    1        1          2           2   3
//!    2        1          1           4
//!    3        1          1           4
//!    4        1          0
//! ****
//! REQUESTS/DURATIONS:
//! jobnr. mode duration  R 1
//! ------------------------------------------------------------------------
//!   1      1     0       0
//!   2      1     3       2
//!   3      1     5       1
//!   4      1     0       0
//! ****
//! RESOURCEAVAILABILITIES:
//!   R 1
//!    2
//! ****
//! ";
//! let p = jindu::io::psplib::read(text)?.project;
//! assert_eq!(p.len(), 4);
//! assert_eq!(p.resources()[0].max_units, 200);
//! let s = jindu::schedule(&p, &jindu::ScheduleOptions::default())?;
//! let start = jindu::io::psplib::start();
//! assert_eq!(s.project_finish.minutes_since(start) / 1440, 5); // the critical path: 5 periods
//! # Ok::<(), jindu::Error>(())
//! ```

use crate::io::{Format, Import};
use crate::{
    Assignment, Calendar, CalendarId, DateTime, Duration, DurationSettings, Error, ImportError,
    Link, Project, Resource, ResourceIndex, ResourceKind, Result, Task, TaskIndex,
};

/// The key of the 24-hour calendar an imported instance is scheduled on.
pub const CALENDAR: &str = "24h";

/// The most jobs accepted in one file.
pub const MAX_JOBS: usize = 1_000_000;

/// The most renewable resources accepted in one file.
pub const MAX_RESOURCES: usize = 1_000;

/// Minutes in one PSPLIB period (one day of 24 hours).
pub const MINUTES_PER_PERIOD: i64 = 1440;

/// The start of every imported instance: Monday 2026-01-05 00:00 (period 0).
pub fn start() -> DateTime {
    DateTime::from_parts(2026, 1, 5, 0, 0).unwrap_or(DateTime::MIN)
}

/// Reads a single-mode PSPLIB instance; see the [module documentation](self).
///
/// Takes text or raw bytes (`&str`, `&[u8]`, `Vec<u8>`, …). The import has no warnings, no
/// stored results and the default scheduling options.
///
/// The default [`Limits`](crate::Limits) apply; [`io::read`](crate::io::read) takes others.
pub fn read(input: impl AsRef<[u8]>) -> Result<Import> {
    read_with_limits(input.as_ref(), &crate::Limits::DEFAULT)
}

/// [`read`] within `limits`.
pub fn read_with_limits(input: &[u8], limits: &crate::Limits) -> Result<Import> {
    limits.check_input(input.len())?;
    // Latin-1: every byte is one character, so any input is text.
    let text: String = input.iter().map(|&b| b as char).collect();
    let project = Parser::default().run(&text)?;
    limits.check_project(&project)?;
    Ok(Import::new(Format::Psplib, project))
}

fn error(line: usize, column: usize, value: Option<&str>, message: &str) -> Error {
    Error::Import(Box::new(ImportError {
        format: "psplib",
        line,
        column,
        header: None,
        value: value.map(|v| v.chars().take(200).collect()),
        message: message.to_owned(),
        cause: None,
    }))
}

/// The whitespace-separated tokens of a line with their 1-based character columns.
fn tokens(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut col = 0;
    let mut begin_col = 0;
    for (k, c) in line.char_indices() {
        col += 1;
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((begin_col, &line[s..k]));
            }
        } else if start.is_none() {
            start = Some(k);
            begin_col = col;
        }
    }
    if let Some(s) = start {
        out.push((begin_col, &line[s..]));
    }
    out
}

#[derive(Default)]
struct Parser {
    jobs: Option<usize>,
    renewable: Option<usize>,
    successors: Vec<Option<Vec<usize>>>,
    durations: Vec<Option<(i64, Vec<u32>)>>,
    capacities: Option<Vec<u32>>,
}

/// A number token, or an error naming it.
fn number(line: usize, (col, t): (usize, &str), what: &str, max: u64) -> Result<u64> {
    t.parse::<u64>().ok().filter(|&v| v <= max).ok_or_else(|| {
        error(
            line,
            col,
            Some(t),
            &format!("expected {what} (a whole number up to {max})"),
        )
    })
}

/// The job number and mode at the start of a precedence or request line: a job in `1..=n` in
/// mode 1 (multi-mode files are refused with `mode_message`).
fn job_and_mode(
    line: usize,
    toks: &[(usize, &str)],
    n: usize,
    mode_what: &str,
    mode_message: &str,
) -> Result<usize> {
    let job = number(line, toks[0], "a job number", n as u64)? as usize;
    if job == 0 {
        return Err(error(
            line,
            toks[0].0,
            Some(toks[0].1),
            "jobs are numbered from 1",
        ));
    }
    if number(line, toks[1], mode_what, u32::MAX as u64)? != 1 {
        return Err(error(line, toks[1].0, Some(toks[1].1), mode_message));
    }
    Ok(job)
}

/// The number after the `:` of a header line such as `jobs (incl. supersource/sink ):  32`.
fn header_value(line_no: usize, line: &str, what: &str, max: u64) -> Result<u64> {
    let Some(k) = line.find(':') else {
        return Err(error(
            line_no,
            0,
            Some(line.trim()),
            &format!("expected `: {what}`"),
        ));
    };
    let offset = line[..=k].chars().count();
    let toks = tokens(&line[k + 1..]);
    let Some(&(c, t)) = toks.first() else {
        return Err(error(
            line_no,
            0,
            Some(line.trim()),
            &format!("missing {what}"),
        ));
    };
    number(line_no, (c + offset, t), what, max)
}

fn is_section_end(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('*') || t.starts_with("RESOURCEAVAILABILITIES") || t.starts_with("REQUESTS")
}

impl Parser {
    fn jobs(&self, line: usize) -> Result<usize> {
        self.jobs.ok_or_else(|| {
            error(
                line,
                0,
                None,
                "the `jobs (incl. supersource/sink )` line must come before this section",
            )
        })
    }

    fn renewable(&self, line: usize) -> Result<usize> {
        self.renewable.ok_or_else(|| {
            error(
                line,
                0,
                None,
                "the `- renewable` line must come before this section",
            )
        })
    }

    fn run(mut self, text: &str) -> Result<Project> {
        let lines: Vec<&str> = text.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line_no = i + 1;
            let line = lines[i];
            let t = line.trim_start();
            if t.starts_with("jobs (incl. supersource/sink") {
                let n = header_value(line_no, line, "the number of jobs", MAX_JOBS as u64)?;
                if n < 1 {
                    return Err(error(
                        line_no,
                        0,
                        Some(line.trim()),
                        "an instance needs jobs",
                    ));
                }
                self.jobs = Some(n as usize);
                self.successors = vec![None; n as usize];
                self.durations = vec![None; n as usize];
            } else if t.starts_with("- renewable") {
                let k = header_value(
                    line_no,
                    line,
                    "the number of renewable resources",
                    MAX_RESOURCES as u64,
                )?;
                self.renewable = Some(k as usize);
            } else if t.starts_with("- nonrenewable") || t.starts_with("- doubly constrained") {
                let k = header_value(line_no, line, "a resource count", u32::MAX as u64)?;
                if k != 0 {
                    return Err(error(
                        line_no,
                        0,
                        Some(line.trim()),
                        "only renewable resources are supported (single-mode RCPSP files)",
                    ));
                }
            } else if t.starts_with("PRECEDENCE RELATIONS") {
                i = self.precedences(&lines, i + 1)?;
                continue;
            } else if t.starts_with("REQUESTS/DURATIONS") {
                i = self.requests(&lines, i + 1)?;
                continue;
            } else if t.starts_with("RESOURCEAVAILABILITIES") {
                i = self.availabilities(&lines, i + 1)?;
                continue;
            }
            i += 1;
        }
        self.build(lines.len())
    }

    /// Reads the data rows of a section starting at `i`, skipping header and rule lines.
    fn rows<'a>(lines: &[&'a str], mut i: usize) -> (Vec<(usize, &'a str)>, usize) {
        let mut out = Vec::new();
        while i < lines.len() && !is_section_end(lines[i]) {
            let t = lines[i].trim_start();
            if t.starts_with(|c: char| c.is_ascii_digit()) {
                out.push((i + 1, lines[i]));
            } else if !t.is_empty()
                && !t.starts_with("jobnr")
                && !t.starts_with('-')
                && !t.starts_with("R ")
                && !t.starts_with("N ")
            {
                break;
            }
            i += 1;
        }
        (out, i)
    }

    fn precedences(&mut self, lines: &[&str], i: usize) -> Result<usize> {
        let n = self.jobs(i)?;
        let (rows, end) = Self::rows(lines, i);
        for (line_no, line) in rows {
            let toks = tokens(line);
            if toks.len() < 3 {
                return Err(error(
                    line_no,
                    0,
                    Some(line.trim()),
                    "expected `job #modes #successors successors…`",
                ));
            }
            let job = job_and_mode(
                line_no,
                &toks,
                n,
                "the number of modes",
                "only single-mode files (.sm) are supported: every job needs 1 mode",
            )?;
            let count = number(line_no, toks[2], "the number of successors", n as u64)? as usize;
            if toks.len() != 3 + count {
                return Err(error(
                    line_no,
                    0,
                    Some(line.trim()),
                    &format!(
                        "the line says {count} successors but lists {}",
                        toks.len() - 3
                    ),
                ));
            }
            if self.successors[job - 1].is_some() {
                return Err(error(
                    line_no,
                    toks[0].0,
                    Some(toks[0].1),
                    "this job is listed twice",
                ));
            }
            let mut succ = Vec::with_capacity(count);
            for &tok in &toks[3..] {
                let s = number(line_no, tok, "a successor job number", n as u64)? as usize;
                if s == 0 {
                    return Err(error(
                        line_no,
                        tok.0,
                        Some(tok.1),
                        "jobs are numbered from 1",
                    ));
                }
                if s == job {
                    return Err(error(
                        line_no,
                        tok.0,
                        Some(tok.1),
                        "a job cannot succeed itself",
                    ));
                }
                if succ.contains(&s) {
                    return Err(error(
                        line_no,
                        tok.0,
                        Some(tok.1),
                        "this successor is listed twice",
                    ));
                }
                succ.push(s);
            }
            self.successors[job - 1] = Some(succ);
        }
        if let Some(j) = self.successors.iter().position(Option::is_none) {
            return Err(error(
                i,
                0,
                None,
                &format!("job {} is missing from PRECEDENCE RELATIONS", j + 1),
            ));
        }
        Ok(end)
    }

    fn requests(&mut self, lines: &[&str], i: usize) -> Result<usize> {
        let n = self.jobs(i)?;
        let k = self.renewable(i)?;
        let (rows, end) = Self::rows(lines, i);
        for (line_no, line) in rows {
            let toks = tokens(line);
            if toks.len() != 3 + k {
                return Err(error(
                    line_no,
                    0,
                    Some(line.trim()),
                    &format!("expected `job mode duration` and {k} resource demands"),
                ));
            }
            let job = job_and_mode(
                line_no,
                &toks,
                n,
                "a mode",
                "only single-mode files (.sm) are supported: the mode must be 1",
            )?;
            let d = number(line_no, toks[2], "a duration in periods", 1_000_000)? as i64;
            let mut demand = Vec::with_capacity(k);
            for &tok in &toks[3..] {
                demand.push(number(line_no, tok, "a resource demand", 10_000_000)? as u32);
            }
            if self.durations[job - 1].is_some() {
                return Err(error(
                    line_no,
                    toks[0].0,
                    Some(toks[0].1),
                    "this job is listed twice",
                ));
            }
            self.durations[job - 1] = Some((d, demand));
        }
        if let Some(j) = self.durations.iter().position(Option::is_none) {
            return Err(error(
                i,
                0,
                None,
                &format!("job {} is missing from REQUESTS/DURATIONS", j + 1),
            ));
        }
        Ok(end)
    }

    fn availabilities(&mut self, lines: &[&str], i: usize) -> Result<usize> {
        let k = self.renewable(i)?;
        let (rows, end) = Self::rows(lines, i);
        let Some(&(line_no, line)) = rows.first() else {
            return Err(error(i, 0, None, "missing the line of resource capacities"));
        };
        let toks = tokens(line);
        if toks.len() != k {
            return Err(error(
                line_no,
                0,
                Some(line.trim()),
                &format!("expected {k} resource capacities"),
            ));
        }
        let caps = toks
            .iter()
            .map(|&t| number(line_no, t, "a resource capacity", 10_000_000).map(|v| v as u32))
            .collect::<Result<Vec<u32>>>()?;
        self.capacities = Some(caps);
        Ok(end)
    }

    fn build(self, last_line: usize) -> Result<Project> {
        let missing = |what: &str| error(last_line, 0, None, &format!("missing {what}"));
        let n = self
            .jobs
            .ok_or_else(|| missing("the `jobs (incl. supersource/sink )` line"))?;
        let k = self
            .renewable
            .ok_or_else(|| missing("the `- renewable` line"))?;
        if self.successors.iter().any(Option::is_none) {
            return Err(missing("the PRECEDENCE RELATIONS section"));
        }
        if self.durations.iter().any(Option::is_none) {
            return Err(missing("the REQUESTS/DURATIONS section"));
        }
        let caps = self
            .capacities
            .ok_or_else(|| missing("the RESOURCEAVAILABILITIES section"))?;
        if caps.len() != k || self.durations.iter().flatten().any(|(_, d)| d.len() != k) {
            return Err(missing(
                "consistent resource counts (the `- renewable` line changed)",
            ));
        }

        let whole = |e: Error| error(0, 0, None, &e.to_string());
        let mut p = Project::new("PSPLIB instance", start());
        p.add_calendar(Calendar::twenty_four_seven(CALENDAR))
            .map_err(whole)?;
        p.set_calendar(CalendarId::from(CALENDAR)).map_err(whole)?;
        p.set_settings(DurationSettings {
            minutes_per_day: MINUTES_PER_PERIOD,
            minutes_per_week: 7 * MINUTES_PER_PERIOD,
            days_per_month: 30,
        })
        .map_err(whole)?;
        for (r, &c) in caps.iter().enumerate() {
            p.add_resource(Resource {
                id: format!("R{}", r + 1).as_str().into(),
                name: format!("R {}", r + 1),
                kind: ResourceKind::Work,
                max_units: c * 100,
                calendar: None,
                ..Resource::default()
            })
            .map_err(whole)?;
        }
        for (j, d) in self.durations.iter().enumerate() {
            let Some((d, _)) = d else { continue };
            let name = match j {
                0 => "Source".to_owned(),
                _ if j + 1 == n => "Sink".to_owned(),
                _ => format!("Job {}", j + 1),
            };
            let mut t = Task::new((j + 1).to_string().as_str(), name)
                .with_duration(Duration::minutes_work(d * MINUTES_PER_PERIOD));
            t.milestone = (j == 0 || j + 1 == n) && *d == 0;
            p.add_task(t).map_err(whole)?;
        }
        for (j, s) in self.successors.iter().enumerate() {
            for &s in s.iter().flatten() {
                let from = TaskIndex::from_raw(j as u32);
                let to = TaskIndex::from_raw(s as u32 - 1);
                p.add_link(Link::finish_to_start(from, to)).map_err(whole)?;
            }
        }
        for (j, d) in self.durations.iter().enumerate() {
            let Some((_, demand)) = d else { continue };
            for (r, &q) in demand.iter().enumerate() {
                if q > 0 {
                    p.add_new_assignment(Assignment {
                        task: TaskIndex::from_raw(j as u32),
                        resource: ResourceIndex::from_raw(r as u32),
                        units: q * 100,
                        work: None,
                        actual_work: None,
                        cost: None,
                    })
                    .map_err(whole)?;
                }
            }
        }
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_columns() {
        assert_eq!(tokens("  12 3"), vec![(3, "12"), (6, "3")]);
        assert_eq!(tokens(""), vec![]);
    }
}
