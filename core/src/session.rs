//! [`Session`]: an [`Engine`] with its full schedule kept between edits, and the JSON faces the
//! `jindu` command and the language bindings share.

use crate::engine::{Diff, Edit, Engine};
use crate::error::Result;
use crate::io::json;
use crate::model::Project;
use crate::schedule::{Schedule, ScheduleOptions};

/// An [`Engine`] for a host: typed edits in, self-contained [`Diff`]s out, and the full
/// [`Schedule`] computed on demand and kept until the next edit.
///
/// The engine owns the project; a session adds nothing but the cached schedule and JSON
/// conveniences (`*_json`), which read and write exactly what the `jindu` command and every
/// binding read and write.
///
/// ```
/// use jindu::{Duration, Edit, Session};
///
/// let mut s = Session::open_json(r#"{"name":"p","start":"2026-01-05T08:00",
///     "tasks":[{"id":"A","duration":"2d"},{"id":"B","duration":"1d"}],
///     "links":[{"from":"A","to":"B"}]}"#)?;
/// let diff = s.apply(Edit::SetDuration { task: "A".into(), duration: Duration::days(3) })?;
/// assert_eq!(diff.moved().len(), 2);
/// let b = s.project().index_of("B").unwrap();
/// assert_eq!(s.schedule().task(b).finish.to_string(), "2026-01-08T17:00:00");
/// let text = s.apply_json(r#"{"op":"set_duration","task":"B","duration":"2d"}"#)?;
/// assert!(text.contains("\"id\": \"B\""));
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug)]
pub struct Session {
    engine: Engine,
    /// The full schedule, computed on demand and dropped by every committed edit.
    schedule: Option<Schedule>,
}

impl Session {
    /// Schedules `project` with `options` and keeps it for editing.
    pub fn new(project: Project, options: ScheduleOptions) -> Result<Session> {
        Ok(Session {
            engine: Engine::new(project, options)?,
            schedule: None,
        })
    }

    /// Reads a document (JSON text) and schedules it.
    pub fn open_json(text: &str) -> Result<Session> {
        let doc = json::read(text)?;
        Session::new(doc.project, doc.options)
    }

    /// Applies an edit; on error nothing changes.
    pub fn apply(&mut self, edit: Edit) -> Result<Diff> {
        let d = self.engine.apply(edit)?;
        self.schedule = None;
        Ok(d)
    }

    /// What [`Session::apply`] would return, without changing anything.
    pub fn preview(&mut self, edit: &Edit) -> Result<Diff> {
        self.engine.preview(edit)
    }

    /// Applies an edit given as JSON text (see [`read_edit`](crate::io::json::read_edit)) and
    /// returns the diff as JSON text ([`write_diff`](crate::io::json::write_diff)).
    pub fn apply_json(&mut self, edit: &str) -> Result<String> {
        let edit = json::read_edit(edit, self.engine.project())?;
        Ok(json::write_diff(&self.apply(edit)?))
    }

    /// [`Session::preview`] with JSON text in and out.
    pub fn preview_json(&mut self, edit: &str) -> Result<String> {
        let edit = json::read_edit(edit, self.engine.project())?;
        Ok(json::write_diff(&self.preview(&edit)?))
    }

    /// The current schedule (computed once after each edit).
    pub fn schedule(&mut self) -> &Schedule {
        let engine = &self.engine;
        self.schedule.get_or_insert_with(|| engine.schedule())
    }

    /// The current project with its current schedule (computed once after each edit), for a
    /// host that reads both at once.
    pub fn project_and_schedule(&mut self) -> (&Project, &Schedule) {
        let engine = &self.engine;
        let s = self.schedule.get_or_insert_with(|| engine.schedule());
        (engine.project(), s)
    }

    /// The current schedule as JSON text.
    pub fn schedule_json(&mut self) -> String {
        let (p, s) = self.project_and_schedule();
        json::write_schedule(p, s)
    }

    /// The current schedule entry of task `id` as JSON text, if there is such a task.
    pub fn task_json(&mut self, id: &str) -> Option<String> {
        let i = self.engine.project().index_of(id)?;
        let (p, s) = self.project_and_schedule();
        Some(json::write_task(p, s, i))
    }

    /// The current project.
    pub fn project(&self) -> &Project {
        self.engine.project()
    }

    /// The current project as a document (JSON text), options included.
    pub fn document_json(&self) -> String {
        json::write_project(self.engine.project(), self.engine.options())
    }

    /// The engine (for what a session does not wrap, such as [`Engine::why`]).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }
}
