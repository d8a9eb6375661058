//! What the structure-aware targets share: [`Plan`], an `arbitrary`-derived description that
//! [`Plan::build`] turns into a [`Project`] through the public API (up to 64 tasks with
//! summaries, all four link types with positive, negative, elapsed and percent lags,
//! constraints, deadlines, pins, calendars with odd working times and exceptions, resources and
//! assignments, a status date and progress), and the checks several targets make.

use arbitrary::Arbitrary;
use jindu::{
    Assignment, Calendar, CalendarException, CalendarId, Constraint, Date, DateTime, Duration, Lag,
    Link, LinkType, Pin, Progress, Project, Resource, ResourceIndex, Schedule, Task, TaskIndex,
    WorkCalendar, WorkingTime,
};

/// Most tasks a plan builds.
pub const MAX_TASKS: usize = 64;

/// A project to build.
#[derive(Arbitrary, Debug, Clone)]
pub struct Plan {
    /// The tasks (the first [`MAX_TASKS`]).
    pub tasks: Vec<TaskSpec>,
    /// The links (the first `2 * MAX_TASKS`).
    pub links: Vec<LinkSpec>,
    /// Calendars `c0`, `c1`, `c2` (the first three).
    pub calendars: Vec<CalSpec>,
    /// The project's calendar: `c<k>` when that calendar exists, else the standard one.
    pub project_calendar: Option<u8>,
    /// A status date, in hours after the project start.
    pub status_hours: Option<u16>,
    /// Resources `r0`…`r3`.
    pub resources: Vec<ResSpec>,
    /// Assignments (the first `MAX_TASKS`).
    pub assignments: Vec<AsgSpec>,
}

/// One task.
#[derive(Arbitrary, Debug, Clone)]
pub struct TaskSpec {
    /// The parent, as an index among the earlier tasks (taken modulo their number).
    pub parent: Option<u8>,
    /// Duration in minutes (times 15 unless `exact`).
    pub minutes: u16,
    /// Whether `minutes` is taken as is (odd durations).
    pub exact: bool,
    /// An elapsed duration.
    pub elapsed: bool,
    /// A milestone (duration zero).
    pub milestone: bool,
    /// A constraint: kind (modulo 8) and a date, in quarter hours after the project start.
    pub constraint: Option<(u8, i16)>,
    /// A deadline, in quarter hours after the project start.
    pub deadline: Option<i16>,
    /// A pin: start and finish in quarter hours after the project start.
    pub pin: Option<(i16, Option<i16>)>,
    /// The task's calendar: `c<k>` (which may not exist: the project refuses it).
    pub calendar: Option<u8>,
    /// Progress.
    pub progress: Option<ProgressSpec>,
    /// Priority (levelling).
    pub priority: u16,
}

/// Progress on a task.
#[derive(Arbitrary, Debug, Clone)]
pub struct ProgressSpec {
    /// Percent complete (modulo 101).
    pub percent: u8,
    /// Actual start, in quarter hours after the project start.
    pub start: i16,
    /// Actual finish, in quarter hours after the actual start.
    pub finish: Option<u16>,
    /// Remaining duration in minutes.
    pub remaining: Option<u16>,
}

/// One link, between tasks taken modulo the number of tasks.
#[derive(Arbitrary, Debug, Clone)]
pub struct LinkSpec {
    /// The predecessor.
    pub from: u8,
    /// The successor.
    pub to: u8,
    /// FS, SS, FF, SF (modulo 4).
    pub kind: u8,
    /// The lag.
    pub lag: LagSpec,
}

/// A link's lag.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub enum LagSpec {
    /// None.
    Zero,
    /// Working minutes (negative: a lead).
    Work(i16),
    /// Elapsed minutes.
    Elapsed(i16),
    /// Hundredths of a percent of the predecessor's duration.
    Percent(i16),
}

/// A calendar.
#[derive(Arbitrary, Debug, Clone)]
pub struct CalSpec {
    /// Based on the standard calendar (else standalone).
    pub based: bool,
    /// Working time per weekday (`None`: inherited).
    pub week: [Option<Vec<(u16, u16)>>; 7],
    /// Dated exceptions.
    pub exceptions: Vec<ExceptionSpec>,
    /// Whether intervals are given as they are (possibly invalid) rather than cleaned.
    pub raw: bool,
}

/// A calendar exception.
#[derive(Arbitrary, Debug, Clone)]
pub struct ExceptionSpec {
    /// First day, in days after the project start (may be before it).
    pub day: i8,
    /// Days it lasts, minus one.
    pub days: u8,
    /// Its working time (empty: a holiday).
    pub working: Vec<(u16, u16)>,
}

/// A resource.
#[derive(Arbitrary, Debug, Clone)]
pub struct ResSpec {
    /// Max units, percent.
    pub max_units: u8,
    /// Its calendar `c<k>`.
    pub calendar: Option<u8>,
}

/// An assignment.
#[derive(Arbitrary, Debug, Clone)]
pub struct AsgSpec {
    /// The task (modulo the number of tasks).
    pub task: u8,
    /// The resource (modulo the number of resources).
    pub resource: u8,
    /// Units, percent.
    pub units: u8,
    /// Work, in quarter hours.
    pub work: Option<u16>,
}

/// What [`Plan::build`] can leave out.
#[derive(Debug, Clone, Copy)]
pub struct Allow {
    /// Progress and the status date.
    pub progress: bool,
    /// Resources and assignments.
    pub resources: bool,
    /// Pins.
    pub pins: bool,
    /// Elapsed durations and lags.
    pub elapsed: bool,
    /// Calendars other than the standard one.
    pub calendars: bool,
    /// Work on assignments (else units alone).
    pub work: bool,
}

impl Allow {
    /// Everything.
    pub const ALL: Allow = Allow {
        progress: true,
        resources: true,
        pins: true,
        elapsed: true,
        calendars: true,
        work: true,
    };
}

/// The project start of every plan: Monday 5 January 2026, 08:00.
pub fn start() -> DateTime {
    DateTime::from_parts(2026, 1, 5, 8, 0).expect("a valid date")
}

fn quarter(q: i16) -> DateTime {
    start().add_minutes(q as i64 * 15)
}

/// Working intervals from raw pairs: taken as they are when `raw` (the calendar may refuse
/// them), else clipped to the day, sorted and made disjoint.
fn intervals(pairs: &[(u16, u16)], raw: bool) -> Vec<WorkingTime> {
    let pairs = &pairs[..pairs.len().min(6)];
    if raw {
        return pairs
            .iter()
            .map(|&(a, b)| WorkingTime { start: a, end: b })
            .collect();
    }
    let mut v: Vec<(u16, u16)> = pairs
        .iter()
        .map(|&(a, b)| {
            let (a, b) = (a % 1441, b % 1441);
            (a.min(b), a.max(b))
        })
        .filter(|(a, b)| a < b)
        .collect();
    v.sort();
    let mut out: Vec<WorkingTime> = Vec::new();
    for (a, b) in v {
        match out.last_mut() {
            Some(last) if a <= last.end => last.end = last.end.max(b),
            _ => out.push(WorkingTime { start: a, end: b }),
        }
    }
    out
}

fn calendar(k: usize, c: &CalSpec) -> Calendar {
    let mut cal = Calendar::new(format!("c{k}"));
    cal.name = format!("Calendar {k}");
    if c.based {
        cal.base = Some(jindu::STANDARD.into());
    }
    for (d, w) in c.week.iter().enumerate() {
        cal.week[d] = w.as_ref().map(|w| intervals(w, c.raw));
    }
    let first = start().date().days();
    for e in c.exceptions.iter().take(8) {
        let from = Date::from_days(first + e.day as i64);
        let to = Date::from_days(first + e.day as i64 + (e.days % 16) as i64);
        cal.exceptions.push(CalendarException {
            name: String::new(),
            from,
            to,
            working: intervals(&e.working, c.raw),
        });
    }
    cal
}

const KINDS: [LinkType; 4] = [
    LinkType::FinishToStart,
    LinkType::StartToStart,
    LinkType::FinishToFinish,
    LinkType::StartToFinish,
];

fn constraint(kind: u8, q: i16) -> Constraint {
    let d = quarter(q);
    match kind % 8 {
        0 => Constraint::AsLateAsPossible,
        1 => Constraint::StartNoEarlierThan(d),
        2 => Constraint::StartNoLaterThan(d),
        3 => Constraint::FinishNoEarlierThan(d),
        4 => Constraint::FinishNoLaterThan(d),
        5 => Constraint::MustStartOn(d),
        6 => Constraint::MustFinishOn(d),
        _ => Constraint::AsSoonAsPossible,
    }
}

impl Plan {
    /// The project, built through the public API; what the project refuses (a bad calendar,
    /// a cycle-free but otherwise invalid link, a duplicate assignment) is left out. `None`
    /// when no task is left.
    pub fn build(&self, allow: Allow) -> Option<Project> {
        let mut p = Project::new("fuzz", start());
        if allow.calendars {
            for (k, c) in self.calendars.iter().take(3).enumerate() {
                p.add_calendar(calendar(k, c)).ok();
            }
            if let Some(k) = self.project_calendar {
                p.set_calendar(format!("c{}", k % 3).into()).ok();
            }
        }
        // A calendar reference picks one of the project's calendars or none (the project's).
        let cals: Vec<CalendarId> = p.calendars().iter().map(|c| c.id.clone()).collect();
        let cal_id = |k: u8| -> Option<CalendarId> {
            let k = k as usize % (cals.len() + 1);
            cals.get(k).cloned()
        };
        let mut idx: Vec<TaskIndex> = Vec::new();
        for (k, t) in self.tasks.iter().take(MAX_TASKS).enumerate() {
            let mut task = Task::new(format!("T{k}"), format!("task {k}"));
            let m = if t.exact {
                t.minutes as i64
            } else {
                t.minutes as i64 % 2000 * 15
            };
            if t.milestone {
                task = task.milestone();
            } else if t.elapsed && allow.elapsed {
                task = task.with_duration(Duration::elapsed_minutes(m));
            } else {
                task = task.with_duration(Duration::minutes_work(m));
            }
            if let Some(q) = t.parent {
                if !idx.is_empty() {
                    task.parent = Some(idx[q as usize % idx.len()]);
                }
            }
            if let Some((kind, q)) = t.constraint {
                task.constraint = constraint(kind, q);
            }
            task.deadline = t.deadline.map(quarter);
            if allow.pins {
                task.pinned = t.pin.map(|(s, f)| Pin {
                    start: quarter(s),
                    finish: f.map(quarter),
                });
            }
            task.calendar = t.calendar.and_then(cal_id);
            if allow.progress {
                if let Some(g) = &t.progress {
                    let s = quarter(g.start);
                    task.progress = Progress {
                        percent_complete: g.percent % 101,
                        actual_start: Some(s),
                        actual_finish: g.finish.map(|f| s.add_minutes(f as i64 * 15)),
                        remaining_duration: g.remaining.map(|r| Duration::minutes_work(r as i64)),
                        ..Progress::default()
                    };
                }
            }
            task.priority = t.priority % 1001;
            if let Ok(i) = p.add_task(task) {
                idx.push(i);
            }
        }
        if idx.is_empty() {
            return None;
        }
        let n = idx.len();
        for l in self.links.iter().take(2 * MAX_TASKS) {
            let lag = match l.lag {
                LagSpec::Zero => Lag::ZERO,
                LagSpec::Work(m) => Lag::Time(Duration::minutes_work(m as i64)),
                LagSpec::Elapsed(m) if allow.elapsed => {
                    Lag::Time(Duration::elapsed_minutes(m as i64))
                }
                LagSpec::Elapsed(m) => Lag::Time(Duration::minutes_work(m as i64)),
                LagSpec::Percent(pc) => Lag::Percent(pc as i32),
            };
            let link = Link::new(
                idx[l.from as usize % n],
                idx[l.to as usize % n],
                KINDS[l.kind as usize % 4],
            )
            .with_lag(lag);
            p.add_link(link).ok();
        }
        if allow.resources && !self.resources.is_empty() {
            for (k, r) in self.resources.iter().take(4).enumerate() {
                let res = Resource {
                    id: format!("r{k}").into(),
                    name: format!("Resource {k}"),
                    max_units: r.max_units as u32 * 5,
                    calendar: r.calendar.and_then(cal_id),
                    ..Resource::default()
                };
                p.add_resource(res).ok();
            }
            let nr = p.resources().len();
            if nr > 0 {
                for a in self.assignments.iter().take(MAX_TASKS) {
                    p.add_assignment(Assignment {
                        task: idx[a.task as usize % n],
                        resource: ResourceIndex::from_raw((a.resource as usize % nr) as u32),
                        units: a.units as u32 * 5,
                        work: a
                            .work
                            .filter(|_| allow.work)
                            .map(|w| Duration::minutes_work(w as i64 * 15)),
                        actual_work: None,
                        cost: None,
                    })
                    .ok();
                }
            }
        }
        if allow.progress {
            if let Some(h) = self.status_hours {
                p.set_status_date(Some(start().add_minutes(h as i64 % 4000 * 60)));
            }
        }
        Some(p)
    }
}

/// The compiled calendar of task `i` (its own, else the project's).
pub fn task_calendar(p: &Project, i: TaskIndex) -> Option<WorkCalendar> {
    let id = p.task(i).calendar.as_ref().unwrap_or(p.calendar_id());
    let cal = if id.as_str() == jindu::STANDARD {
        p.calendar(id).cloned().unwrap_or_else(Calendar::standard)
    } else {
        p.calendar(id)?.clone()
    };
    WorkCalendar::compile(&cal, |id| {
        p.calendar(id)
            .or_else(|| (id.as_str() == jindu::STANDARD).then_some(standard()))
    })
    .ok()
}

fn standard() -> &'static Calendar {
    static STD: std::sync::OnceLock<Calendar> = std::sync::OnceLock::new();
    STD.get_or_init(Calendar::standard)
}

/// The instant link `l`'s lag moves `t` to, on the successor's calendar (the default
/// [`LagCalendar`](jindu::LagCalendar)), as `core/tests/props.rs` computes it.
fn lagged(p: &Project, l: &Link, t: DateTime, cal: &WorkCalendar) -> Option<DateTime> {
    let pred = p.task(l.from);
    let (mins, elapsed) = match l.lag {
        Lag::Time(d) => (d.minutes(), d.is_elapsed()),
        Lag::Percent(pc) => {
            let x = pred.duration.minutes() as i128 * pc as i128;
            let (q, r) = (x / 10_000, x % 10_000);
            let m = if r.abs() * 2 >= 10_000 {
                q + r.signum()
            } else {
                q
            };
            (m as i64, pred.duration.is_elapsed())
        }
    };
    if elapsed {
        Some(t.add_minutes(mins))
    } else {
        cal.add_work(t, mins).ok()
    }
}

/// Whether link `l` holds in `s` (`None`: not decidable with the public calendar API, e.g. a
/// lag running off the calendar's range).
pub fn link_holds(p: &Project, s: &Schedule, l: &Link) -> Option<bool> {
    let cal = task_calendar(p, l.to)?;
    let (a, b) = (s.task(l.from), s.task(l.to));
    let base = if l.kind.from_start() {
        a.start
    } else {
        a.finish
    };
    let bound = lagged(p, l, base, &cal)?;
    let got = if l.kind.to_finish() {
        b.finish
    } else {
        b.start
    };
    Some(
        if p.task(l.to).duration.is_elapsed() && !p.is_summary(l.to) {
            got >= bound
        } else {
            cal.work_between(bound, got) >= 0
        },
    )
}

/// The tasks whose dates something other than links decides: a pin or progress on the task,
/// on any task under it, or on any summary above it.
pub fn overridden(p: &Project) -> Vec<bool> {
    let own: Vec<bool> = p
        .tasks()
        .iter()
        .map(|t| {
            t.pinned.is_some()
                || t.progress.actual_start.is_some()
                || t.progress.actual_finish.is_some()
                || t.progress.percent_complete > 0
        })
        .collect();
    let mut out = own.clone();
    for (k, _) in own.iter().enumerate().filter(|(_, &o)| o) {
        // Up through the ancestors (a summary containing it) ...
        let mut q = p.tasks()[k].parent;
        while let Some(i) = q {
            out[i.index()] = true;
            q = p.task(i).parent;
        }
        // ... and down through the descendants.
        for (j, o) in out.iter_mut().enumerate() {
            let mut q = p.tasks()[j].parent;
            while let Some(i) = q {
                if i.index() == k {
                    *o = true;
                    break;
                }
                q = p.task(i).parent;
            }
        }
    }
    out
}

/// Where two projects differ, for an assertion message: the first differing task, link,
/// calendar, resource and assignment (Debug), and the project-level fields.
pub fn project_diff(a: &Project, b: &Project) -> String {
    fn first<T: std::fmt::Debug + PartialEq>(what: &str, x: &[T], y: &[T]) -> Option<String> {
        if x.len() != y.len() {
            return Some(format!("{what}: {} vs {}", x.len(), y.len()));
        }
        x.iter()
            .zip(y)
            .enumerate()
            .find(|(_, (u, v))| u != v)
            .map(|(k, (u, v))| format!("{what} {k}:\n  {u:?}\n  {v:?}"))
    }
    let mut out: Vec<String> = [
        first("task", a.tasks(), b.tasks()),
        first("link", a.links(), b.links()),
        first("calendar", a.calendars(), b.calendars()),
        first("resource", a.resources(), b.resources()),
        first("assignment", a.assignments(), b.assignments()),
    ]
    .into_iter()
    .flatten()
    .collect();
    for (what, x, y) in [
        ("name", a.name().to_owned(), b.name().to_owned()),
        (
            "calendar",
            a.calendar_id().to_string(),
            b.calendar_id().to_string(),
        ),
        (
            "status date",
            format!("{:?}", a.status_date()),
            format!("{:?}", b.status_date()),
        ),
        (
            "settings",
            format!("{:?} {:?}", a.settings(), a.default_times()),
            format!("{:?} {:?}", b.settings(), b.default_times()),
        ),
        ("risk", format!("{:?}", a.risk()), format!("{:?}", b.risk())),
    ] {
        if x != y {
            out.push(format!("{what}: {x} vs {y}"));
        }
    }
    out.join("\n")
}
