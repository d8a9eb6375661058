//! [`Session`]: the incremental engine behind a JSON face, shared by the language bindings.

use crate::engine::{Edit, Engine};
use crate::error::Result;
use crate::io::json::{self, Document};
use crate::model::{Project, Task};
use crate::Schedule;

/// An [`Engine`] behind a JSON face: documents and edits in as JSON text, schedules and diffs
/// out as JSON text, exactly as the `jindu` command and every language binding write them.
///
/// It keeps the committed project beside the engine, so that diffs name tasks and links as the
/// host knows them, and caches the full schedule until the next edit.
///
/// ```
/// use jindu::io::json::Session;
///
/// let mut s = Session::open(r#"{"name":"p","start":"2026-01-05T08:00",
///     "tasks":[{"id":"A","duration":"2d"},{"id":"B","duration":"1d"}],
///     "links":[{"from":"A","to":"B"}]}"#)?;
/// let diff = s.apply(r#"{"op":"set_duration","task":"A","duration":"3d"}"#)?;
/// assert!(diff.contains("\"id\": \"B\""));
/// assert!(s.task("B").unwrap().contains("2026-01-08T17:00:00"));
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug)]
pub struct Session {
    engine: Engine,
    /// The committed project, as [`Engine::project`] returns it: diffs are written against it
    /// and edits are read with its settings.
    project: Project,
    /// The full schedule, computed on demand and dropped by every committed edit.
    schedule: Option<Schedule>,
}

impl Session {
    /// Reads a document (JSON text) and schedules it.
    pub fn open(text: &str) -> Result<Session> {
        let doc = json::read(text)?;
        let engine = Engine::new(doc.project, doc.options)?;
        Ok(Session {
            project: engine.project(),
            engine,
            schedule: None,
        })
    }

    /// Applies an edit (JSON text, see [`read_edit`](crate::io::json::read_edit)) and returns the
    /// diff JSON.
    /// On error nothing changes.
    pub fn apply(&mut self, edit: &str) -> Result<String> {
        let edit = json::read_edit(edit, &self.project)?;
        let only = only_task(&edit);
        let diff = self.engine.apply(edit)?;
        let def = only.and_then(|id| self.engine.task_def(&id).cloned());
        let after = self.after(def, |e| e.project());
        let text = json::write_diff(&after, Some(&self.project), &diff);
        self.project = after;
        self.schedule = None;
        Ok(text)
    }

    /// Returns the diff JSON that [`Session::apply`] would return, without changing anything.
    pub fn preview(&mut self, edit: &str) -> Result<String> {
        let edit = json::read_edit(edit, &self.project)?;
        let (diff, after) = match only_task(&edit) {
            // Only the task's definition changes: take it, not a rebuilt project.
            Some(id) => {
                let (diff, def) = self
                    .engine
                    .preview_with(&edit, |e, _| e.task_def(&id).cloned())?;
                let after = self.after(def, |e| {
                    // Unreachable in practice (the engine knows the task it just edited); a
                    // correct, slower answer rather than a panic.
                    e.preview_with(&edit, |e, _| e.project())
                        .map(|(_, p)| p)
                        .unwrap_or_else(|_| e.project())
                });
                (diff, after)
            }
            None => self.engine.preview_with(&edit, |e, _| e.project())?,
        };
        Ok(json::write_diff(&after, Some(&self.project), &diff))
    }

    /// The project after an edit: the committed one with task definition `def` put in place
    /// when the edit changed only that definition, else `rebuild` of the engine.
    fn after(
        &mut self,
        def: Option<Task>,
        rebuild: impl FnOnce(&mut Engine) -> Project,
    ) -> Project {
        if let Some(mut def) = def {
            if let Some(i) = self.project.index_of(def.id.as_str()) {
                // The engine's `parent` is in its own numbering; the committed project's is the
                // one that counts, and these edits never change it.
                def.parent = self.project.task(i).parent;
                let mut p = self.project.clone();
                if p.replace_task(i, def).is_ok() {
                    return p;
                }
            }
        }
        rebuild(&mut self.engine)
    }

    /// Whether the kept project is exactly the engine's (a check for tests).
    #[doc(hidden)]
    pub fn project_is_current(&self) -> bool {
        self.project == self.engine.project()
    }

    /// The current schedule JSON.
    pub fn schedule(&mut self) -> String {
        let engine = &self.engine;
        let s = self.schedule.get_or_insert_with(|| engine.schedule());
        json::write_schedule(&self.project, s)
    }

    /// The current project as a document (JSON text), options included.
    pub fn project(&self) -> String {
        json::write(&Document {
            project: self.project.clone(),
            options: *self.engine.options(),
        })
    }

    /// The current schedule entry of task `id` (JSON text), if there is such a task.
    /// The first call after an edit computes the full schedule (kept until the next edit).
    pub fn task(&mut self, id: &str) -> Option<String> {
        let i = self.project.index_of(id)?;
        let engine = &self.engine;
        let s = self.schedule.get_or_insert_with(|| engine.schedule());
        Some(json::write_task(&self.project, s, i))
    }

    /// The engine (for what the JSON face does not cover, such as [`Engine::why`]).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The committed project: task and link indices in diffs and schedules refer to it.
    pub fn committed(&self) -> &Project {
        &self.project
    }
}

/// The task an edit changes, when it changes nothing but that task's own definition (no links,
/// no tasks added or removed): the project after it is then the one before with one task
/// replaced, which is much cheaper than [`Engine::project`] rebuilding all of it.
fn only_task(edit: &Edit) -> Option<String> {
    match edit {
        Edit::SetDuration { task, .. }
        | Edit::SetConstraint { task, .. }
        | Edit::SetDeadline { task, .. }
        | Edit::Pin { task, .. } => Some(task.as_str().to_owned()),
        _ => None,
    }
}
