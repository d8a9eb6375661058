//! # jindu — the scheduling core
//!
//! jindu (进度, "schedule / progress") schedules a project the way Microsoft Project does:
//! a dependency network of tasks on real working calendars, with early and late dates, total
//! and free float, the critical path and the links that drive each task.
//! It is a pure library — no I/O, no global state, deterministic — fast enough for a million
//! tasks and for rescheduling during a drag in a browser.
//!
//! ## Quick start
//!
//! ```
//! use jindu::{Project, Task, Link, LinkType, Lag, Duration, ScheduleOptions};
//!
//! let mut p = Project::new("Rollout", "2026-01-05T08:00".parse()?);
//! let design = p.add_task(Task::new("D", "Design").with_duration(Duration::days(3)))?;
//! let build = p.add_task(Task::new("B", "Build").with_duration(Duration::days(5)))?;
//! let docs = p.add_task(Task::new("W", "Write docs").with_duration(Duration::days(2)))?;
//! let live = p.add_task(Task::new("L", "Go-live").milestone())?;
//! p.add_link(Link::finish_to_start(design, build).with_lag(Lag::Time(Duration::days(1))))?;
//! p.add_link(Link::new(design, docs, LinkType::StartToStart))?;
//! p.add_link(Link::finish_to_start(build, live))?;
//! p.add_link(Link::finish_to_start(docs, live))?;
//!
//! let s = jindu::schedule(&p, &ScheduleOptions::default())?;
//! assert_eq!(s.project_finish.to_string(), "2026-01-15T17:00:00");
//! assert_eq!(s.critical_path(), &[design, build, live]);
//! assert_eq!(s.task(docs).total_float, Duration::days(7));
//! # Ok::<(), jindu::Error>(())
//! ```
//!
//! ## Concepts
//!
//! * **Project** ([`Project`]): tasks, links, calendars, resources; always consistent.
//! * **Calendar** ([`Calendar`], compiled to [`WorkCalendar`]): working hours per weekday,
//!   exceptions, inheritance. All date arithmetic is in working minutes on a calendar.
//! * **Schedule** ([`schedule()`] → [`Schedule`]): forward pass (early dates), backward pass (late
//!   dates), float, critical tasks and paths, driving links, violations.
//! * **Engine** ([`Engine`]): holds a project and its schedule, applies edits and recomputes only
//!   what an edit can affect, reporting what moved and why; [`Engine::preview`] does the same
//!   without committing.
//! * **Formats** ([`io::json`]): the versioned JSON document; [`io::mspdi`]: Microsoft Project
//!   XML (MSPDI) import and export.
//! * **Formats** ([`io::json`]): the versioned JSON document; importers for spreadsheet task
//!   lists ([`io::csv`]) and PSPLIB benchmark instances ([`io::psplib`]).
//! * **Long operations** ([`control`]): Monte Carlo risk and levelling take a cancel token and
//!   a progress callback, and can be advanced a step at a time.
//!
//! ## Crate features
//!
//! None: the crate has no optional features and no dependency on any host (WASM, FFI); it
//! builds for `wasm32-unknown-unknown` as is.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
// No panic on any input (core/DESIGN.md "Panics"): outside unit tests the core
// has no `unwrap`, `panic!`, `todo!`, `unimplemented!` or `unreachable!`; an `expect` states the
// invariant that makes it infallible and why it holds where it is called. Unit tests, integration
// tests and doctests may unwrap.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::panic,
        clippy::todo,
        clippy::unimplemented,
        clippy::unreachable
    )
)]

mod calendar;
pub mod control;
mod engine;
mod error;
mod id;
pub mod io;
pub mod level;
mod limits;
mod model;
pub mod render;
pub mod risk;
pub mod schedule;
mod session;
mod time;
pub mod track;

pub use calendar::{Calendar, CalendarException, WorkCalendar, WorkingTime, STANDARD};
pub use engine::{Change, Diff, Edit, Engine};
pub use error::{
    internal_message, Error, ErrorCode, ImportError, Item, JsonError, Result, XmlError,
};
pub use id::{CalendarId, LinkIndex, ResourceId, ResourceIndex, TaskId, TaskIndex};
pub use limits::Limits;
pub use model::{
    Assignment, Availability, Baseline, Constraint, Lag, Link, LinkType, Money, Pin, Progress,
    Project, ProjectPriority, Ranking, RateChange, Resource, ResourceKind, ScheduleFrom, Split,
    Task, TaskType, Visibility,
};
pub use schedule::{
    schedule, Criticality, Driver, DriverEntry, FloatBasis, LagCalendar, OutOfSequence, Schedule,
    ScheduleOptions, TaskEntry, TaskSchedule, Violation, ViolationKind, Warning,
};
pub use session::Session;
pub use time::{Date, DateTime, Duration, DurationDisplay, DurationSettings, Weekday};

/// The Rust examples of the repository README, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
