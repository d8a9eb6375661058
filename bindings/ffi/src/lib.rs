//! # jindu-ffi — jindu for Python and Kotlin/JVM
//!
//! The native binding of the [`jindu`] scheduling core through [uniffi] proc-macros: the
//! Python package `jindu` (a maturin wheel) and a Kotlin/JVM library (generated Kotlin over
//! JNA, packaged as a jar with the native library inside).
//! It is thin: every function takes JSON text or plain values, calls the core and returns the
//! core's own JSON, so that results are byte for byte those of the `jindu` command and the
//! npm package, and every conformance vector runs unchanged in every language.
//!
//! The foreign API (Kotlin names in camelCase, Python in snake_case):
//!
//! * [`schedule_json`] — a document (JSON text) in, the schedule JSON out;
//! * [`Scheduler`] — the incremental engine: `apply(edit)`, `preview(edit)`, `set_duration`,
//!   `add_link`, `set_link`, `remove_link`, `set_constraint`, `set_deadline`, `pin`, `unpin`,
//!   `add_task`, `remove_task` (each returns a diff JSON of only the changed tasks), plus
//!   `schedule()`, `project()`, `task(id)` and `why(id)`;
//! * [`risk`] — Monte Carlo schedule risk (`risk_json`: finish and milestone distributions,
//!   criticality, sensitivity, the tornado) with a [`risk::RiskOptions`] record;
//! * [`health`] — the DCMA 14-point schedule assessment (`health_json`: each check's metric,
//!   threshold, status and offending tasks) with options as JSON;
//! * [`scores`] — risk scores (`scores_json`: a 0–100 score per task with its factors, the
//!   project roll-up and ranked warnings) with options as JSON;
//! * [`track`] — earned value and earned schedule, alerts, buffers, variance, status reports,
//!   the client's view and what-if change sets at a status date (`evm_json`, `alerts_json`,
//!   `buffers_json`, `variance_json`, `report`, `client_view_json`, `whatif_json`);
//! * [`level`] — resource levelling of a document or a portfolio (`level_json`: every delay
//!   with its reason, and what is still overallocated; [`level::LevelRun`] runs it a slice of
//!   passes at a time, with progress and a cancel);
//! * [`typed`] — the same with records in and out ([`records`], generated from the JSON
//!   Schemas): `schedule(document)`, `Scheduler.from_document`, `apply_edit`, `current()`, the
//!   results of levelling, risk, health and tracking (Kotlin data classes and enums);
//! * errors are [`JinduError`] variants (Python `JinduError.Cycle`, …; Kotlin
//!   `JinduException.Cycle`, …) with `code`, `task_id`, `field` and `detail`.
//!
//! The Python package adds a thin Pythonic layer (`bindings/ffi/python/jindu/__init__.py`:
//! dicts in and out, type hints, Jupyter tables) over this surface.
//!
//! ## Layout
//!
//! [`error`] converts core errors and guards against panics, [`session`] holds the engine and
//! its JSON state in plain Rust (tested with `cargo test`), [`types`] the enums and records.
//!
//! [uniffi]: https://mozilla.github.io/uniffi-rs/

#![allow(clippy::result_large_err)] // JinduError is flat for uniffi; its File variant is large.
uniffi::setup_scaffolding!();

pub mod error;
pub mod health;
pub mod io;
pub mod level;
pub mod load;
pub mod records;
pub mod render;
pub mod risk;
pub mod scores;
pub mod session;
pub mod track;
pub mod typed;
pub mod types;

use std::sync::{Arc, Mutex};

use jindu::io::json::{self, doc::ConstraintInput, EditInput, TaskInput};

pub use error::{guard, JinduError};
pub use session::Session;
pub use types::{ConstraintType, DrivingLink, LinkType};

/// The version of the package (and of the jindu core it contains).
#[uniffi::export]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Reads a document (JSON text) and writes its schedule as the core's schedule JSON.
pub fn schedule_text(text: &str) -> jindu::Result<String> {
    let doc = json::read(text)?;
    let s = jindu::schedule(&doc.project, &doc.options)?;
    Ok(json::write_schedule(&doc.project, &s))
}

/// Schedules a project document given as JSON text and returns the schedule as JSON text,
/// exactly as the core writes it.
///
/// Fails with a [`JinduError`] when the document is invalid or its links form a cycle.
#[uniffi::export]
pub fn schedule_json(document: String) -> Result<String, JinduError> {
    guard(|| Ok(schedule_text(&document)?))
}

/// A project with its schedule, kept up to date edit by edit.
///
/// Each edit recomputes only what it can affect and returns a diff (JSON text) with just the
/// tasks whose schedule changed; `preview` does the same without committing.
/// A failed edit raises a [`JinduError`] and changes nothing.
/// Safe to share between threads (calls are serialised).
#[derive(Debug, uniffi::Object)]
pub struct Scheduler {
    session: Mutex<Session>,
}

impl Scheduler {
    /// Runs `f` on the session, guarded against panics.
    fn with<T>(&self, f: impl FnOnce(&mut Session) -> jindu::Result<T>) -> Result<T, JinduError> {
        error::guard_locked(
            &self.session,
            "this scheduler is unusable after an internal error; create a new one",
            f,
        )
    }

    /// Applies a typed edit and returns the diff JSON.
    fn edit(&self, edit: EditInput) -> Result<String, JinduError> {
        self.with(|s| {
            let edit = edit.into_edit(s.project())?;
            Ok(json::write_diff(&s.apply(edit)?))
        })
    }

    /// An `add_link` or `set_link` edit.
    fn link_edit(
        &self,
        set: bool,
        from: String,
        to: String,
        kind: Option<LinkType>,
        lag: Option<String>,
    ) -> Result<String, JinduError> {
        let kind = kind.map(|k| k.code().to_owned());
        self.edit(if set {
            EditInput::SetLink {
                from,
                to,
                kind,
                lag,
            }
        } else {
            EditInput::AddLink {
                from,
                to,
                kind,
                lag,
            }
        })
    }
}

#[uniffi::export]
impl Scheduler {
    /// Schedules a project document (JSON text) and keeps it for editing.
    #[uniffi::constructor]
    pub fn new(document: String) -> Result<Arc<Scheduler>, JinduError> {
        guard(|| {
            Ok(Arc::new(Scheduler {
                session: Mutex::new(Session::open_json(&document)?),
            }))
        })
    }

    /// Applies an edit (JSON text such as `{"op": "set_duration", "task": "A", "duration":
    /// "3d"}`) and returns the diff JSON.
    pub fn apply(&self, edit: String) -> Result<String, JinduError> {
        self.with(|s| s.apply_json(&edit))
    }

    /// Returns the diff JSON that `apply` would return, without changing anything.
    pub fn preview(&self, edit: String) -> Result<String, JinduError> {
        self.with(|s| s.preview_json(&edit))
    }

    /// Sets a task's duration (e.g. `"5d"`, `"4h"`).
    pub fn set_duration(&self, task: String, duration: String) -> Result<String, JinduError> {
        self.edit(EditInput::SetDuration { task, duration })
    }

    /// Adds a link from `from` to `to` (type default finish-to-start, lag default none).
    #[uniffi::method(default(kind = None, lag = None))]
    pub fn add_link(
        &self,
        from: String,
        to: String,
        kind: Option<LinkType>,
        lag: Option<String>,
    ) -> Result<String, JinduError> {
        self.link_edit(false, from, to, kind, lag)
    }

    /// Changes the type and lag of the link from `from` to `to`.
    #[uniffi::method(default(kind = None, lag = None))]
    pub fn set_link(
        &self,
        from: String,
        to: String,
        kind: Option<LinkType>,
        lag: Option<String>,
    ) -> Result<String, JinduError> {
        self.link_edit(true, from, to, kind, lag)
    }

    /// Removes the link from `from` to `to`.
    pub fn remove_link(&self, from: String, to: String) -> Result<String, JinduError> {
        self.edit(EditInput::RemoveLink { from, to })
    }

    /// Sets a task's constraint; every type but as-soon/as-late-as-possible needs a `date`
    /// (e.g. `"2026-03-02"` or `"2026-03-02T13:00"`).
    #[uniffi::method(default(date = None))]
    pub fn set_constraint(
        &self,
        task: String,
        kind: ConstraintType,
        date: Option<String>,
    ) -> Result<String, JinduError> {
        let constraint = ConstraintInput {
            kind: kind.code().to_owned(),
            date,
        };
        self.edit(EditInput::SetConstraint { task, constraint })
    }

    /// Sets a task's deadline, or clears it when `deadline` is absent.
    #[uniffi::method(default(deadline = None))]
    pub fn set_deadline(
        &self,
        task: String,
        deadline: Option<String>,
    ) -> Result<String, JinduError> {
        self.edit(EditInput::SetDeadline { task, deadline })
    }

    /// Pins a task to a start (and optionally a finish): it stays there whatever its links say.
    #[uniffi::method(default(finish = None))]
    pub fn pin(
        &self,
        task: String,
        start: String,
        finish: Option<String>,
    ) -> Result<String, JinduError> {
        self.edit(EditInput::Pin {
            task,
            start,
            finish,
        })
    }

    /// Returns a pinned task to automatic scheduling.
    pub fn unpin(&self, task: String) -> Result<String, JinduError> {
        self.edit(EditInput::Unpin { task })
    }

    /// Adds a task given as the JSON text of a task object as in documents (without links;
    /// its `parent` names its summary task).
    pub fn add_task(&self, task: String) -> Result<String, JinduError> {
        let task: TaskInput = serde_json::from_str(&task)
            .map_err(|e| error::bad_argument(format!("expected a task object (JSON text): {e}")))?;
        self.edit(EditInput::AddTask {
            task: Box::new(task),
        })
    }

    /// Removes a task with its subtasks and all their links.
    pub fn remove_task(&self, task: String) -> Result<String, JinduError> {
        self.edit(EditInput::RemoveTask { task })
    }

    /// The full current schedule (JSON text).
    pub fn schedule(&self) -> Result<String, JinduError> {
        self.with(|s| Ok(s.schedule_json()))
    }

    /// The current project as a document (JSON text; what the constructor takes).
    pub fn project(&self) -> Result<String, JinduError> {
        self.with(|s| Ok(s.document_json()))
    }

    /// The current schedule of task `id` (JSON text), or none if there is no such task.
    ///
    /// The first call after an edit computes the full schedule (then kept until the next
    /// edit); to follow edits, merge the diffs they return instead.
    pub fn task(&self, id: String) -> Result<Option<String>, JinduError> {
        self.with(|s| Ok(s.task_json(&id)))
    }

    /// The links that hold task `id` where it is (empty when its constraint, pin, progress or
    /// the project start holds it), or none if there is no such task.
    pub fn why(&self, id: String) -> Result<Option<Vec<DrivingLink>>, JinduError> {
        self.with(|s| Ok(session::why(s, &id)))
    }
}
