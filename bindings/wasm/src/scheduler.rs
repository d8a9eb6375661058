//! The incremental engine for JavaScript: a `Scheduler` object that holds a project and its
//! schedule and answers each edit with only the tasks that changed.

use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::compact::compact_value;
use crate::convert::{driving_links, input_text, output_value, to_js};
use crate::error::{bad_argument, Thrown};
use crate::objects::schedule_value;
use jindu::io::json::{
    self, doc::ConstraintInput, DiffOutput, DrivingLinkOutput, EditInput, ProjectDocument,
    ScheduleOutput, TaskInput,
};
pub use jindu::Session;

/// The links that hold task `id` where it is, if there is such a task (the JavaScript form of
/// [`jindu::Engine::why`]).
pub fn why(session: &Session, id: &str) -> Option<Vec<DrivingLinkOutput<'static>>> {
    let links = session.engine().why(id)?;
    Some(driving_links(links, session.project().settings()))
}

/// A project with its schedule, kept up to date edit by edit.
///
/// Each edit recomputes only what it can affect and returns a `Diff` with just the tasks whose
/// schedule changed; `preview` does the same without committing (for dragging a bar).
/// Failed edits throw a `JinduError` and change nothing.
/// Call `free()` (or use `using`) to release its memory early.
#[wasm_bindgen]
#[derive(Debug)]
pub struct Scheduler {
    session: Session,
}

fn diff_value(text: &str) -> Result<Ts<DiffOutput<'static>>, Thrown> {
    Ok(Ts::new_unchecked(output_value(text)?))
}

#[wasm_bindgen]
impl Scheduler {
    /// Schedules a project document (an object or its JSON text) and keeps it for editing.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ProjectDocument | string")] project: JsValue,
    ) -> Result<Scheduler, Thrown> {
        let text = input_text(&project, "a project document")?;
        Ok(Scheduler {
            session: Session::open_json(&text)?,
        })
    }

    fn run(&mut self, edit: &str, commit: bool) -> Result<Ts<DiffOutput<'static>>, Thrown> {
        let text = if commit {
            self.session.apply_json(edit)?
        } else {
            self.session.preview_json(edit)?
        };
        diff_value(&text)
    }

    /// Applies a typed edit.
    fn edit(&mut self, edit: EditInput) -> Result<Ts<DiffOutput<'static>>, Thrown> {
        let edit = edit.into_edit(self.session.project())?;
        diff_value(&json::write_diff(&self.session.apply(edit)?))
    }

    /// Applies an edit (an object such as `{op: "set_duration", task: "A", duration: "3d"}`,
    /// or its JSON text) and returns what changed.
    pub fn apply(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Edit | string")] edit: JsValue,
    ) -> Result<Ts<DiffOutput<'static>>, Thrown> {
        let text = input_text(&edit, "an edit")?;
        self.run(&text, true)
    }

    /// Returns what an edit would change, without changing anything.
    pub fn preview(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Edit | string")] edit: JsValue,
    ) -> Result<Ts<DiffOutput<'static>>, Thrown> {
        let text = input_text(&edit, "an edit")?;
        self.run(&text, false)
    }

    /// Sets a task's duration (e.g. `"5d"`, `"4h"`).
    #[wasm_bindgen(js_name = setDuration)]
    pub fn set_duration(
        &mut self,
        task: &str,
        duration: &str,
    ) -> Result<Ts<DiffOutput<'static>>, Thrown> {
        self.edit(EditInput::SetDuration {
            task: task.to_owned(),
            duration: duration.to_owned(),
        })
    }

    /// Adds a link from `from` to `to` (type default `"FS"`, lag default none).
    #[wasm_bindgen(js_name = addLink)]
    pub fn add_link(
        &mut self,
        from: &str,
        to: &str,
        #[wasm_bindgen(js_name = "type", unchecked_optional_param_type = "LinkType | null")]
        kind: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] lag: Option<String>,
    ) -> Result<Ts<DiffOutput<'static>>, Thrown> {
        self.edit(EditInput::AddLink {
            from: from.to_owned(),
            to: to.to_owned(),
            kind,
            lag,
        })
    }

    /// Changes the type and lag of the link from `from` to `to`.
    #[wasm_bindgen(js_name = setLink)]
    pub fn set_link(
        &mut self,
        from: &str,
        to: &str,
        #[wasm_bindgen(js_name = "type", unchecked_optional_param_type = "LinkType | null")]
        kind: Option<String>,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] lag: Option<String>,
    ) -> Result<Ts<DiffOutput<'static>>, Thrown> {
        self.edit(EditInput::SetLink {
            from: from.to_owned(),
            to: to.to_owned(),
            kind,
            lag,
        })
    }

    /// Removes the link from `from` to `to`.
    #[wasm_bindgen(js_name = removeLink)]
    pub fn remove_link(&mut self, from: &str, to: &str) -> Result<Ts<DiffOutput<'static>>, Thrown> {
        self.edit(EditInput::RemoveLink {
            from: from.to_owned(),
            to: to.to_owned(),
        })
    }

    /// Sets a task's constraint, e.g. `setConstraint("T", "SNET", "2026-03-02")`.
    #[wasm_bindgen(js_name = setConstraint)]
    pub fn set_constraint(
        &mut self,
        task: &str,
        #[wasm_bindgen(js_name = "type", unchecked_param_type = "ConstraintType")] kind: &str,
        date: Option<String>,
    ) -> Result<Ts<DiffOutput<'static>>, Thrown> {
        self.edit(EditInput::SetConstraint {
            task: task.to_owned(),
            constraint: ConstraintInput {
                kind: kind.to_owned(),
                date,
            },
        })
    }

    /// Sets a task's deadline, or clears it when `deadline` is `null` or missing.
    #[wasm_bindgen(js_name = setDeadline)]
    pub fn set_deadline(
        &mut self,
        task: &str,
        deadline: Option<String>,
    ) -> Result<Ts<DiffOutput<'static>>, Thrown> {
        self.edit(EditInput::SetDeadline {
            task: task.to_owned(),
            deadline,
        })
    }

    /// Pins a task to a start (and optionally a finish): it stays there whatever its links say.
    pub fn pin(
        &mut self,
        task: &str,
        start: &str,
        finish: Option<String>,
    ) -> Result<Ts<DiffOutput<'static>>, Thrown> {
        self.edit(EditInput::Pin {
            task: task.to_owned(),
            start: start.to_owned(),
            finish,
        })
    }

    /// Returns a pinned task to automatic scheduling.
    pub fn unpin(&mut self, task: &str) -> Result<Ts<DiffOutput<'static>>, Thrown> {
        self.edit(EditInput::Unpin {
            task: task.to_owned(),
        })
    }

    /// Adds a task (without links); its `parent` names its summary task.
    #[wasm_bindgen(js_name = addTask)]
    pub fn add_task(&mut self, task: Ts<TaskInput>) -> Result<Ts<DiffOutput<'static>>, Thrown> {
        let task = task.js_value();
        if task.is_string() {
            return Err(bad_argument("expected a task object, got a string").into());
        }
        // JSON.stringify's output of an object: one JSON value to put in the edit as it is.
        let task = input_text(&task, "a task")?;
        self.run(&format!(r#"{{"op":"add_task","task":{task}}}"#), true)
    }

    /// Removes a task with its subtasks and all their links.
    #[wasm_bindgen(js_name = removeTask)]
    pub fn remove_task(&mut self, task: &str) -> Result<Ts<DiffOutput<'static>>, Thrown> {
        self.edit(EditInput::RemoveTask {
            task: task.to_owned(),
        })
    }

    /// The full current schedule.
    pub fn schedule(&mut self) -> Result<Ts<ScheduleOutput<'static>>, Thrown> {
        let (p, s) = self.session.project_and_schedule();
        Ok(Ts::new_unchecked(schedule_value(p, s)?))
    }

    /// The full current schedule in compact form (`CompactSchedule`: the task keys once and
    /// each per-task value in a typed array), for plans too big to take as objects.
    #[wasm_bindgen(js_name = scheduleCompact, unchecked_return_type = "CompactSchedule")]
    pub fn schedule_compact(&mut self) -> Result<JsValue, Thrown> {
        let (p, s) = self.session.project_and_schedule();
        compact_value(p, s)
    }

    /// The current project as a document (what `new Scheduler()` takes).
    pub fn project(&self) -> Result<Ts<ProjectDocument>, Thrown> {
        Ok(Ts::new_unchecked(output_value(
            &self.session.document_json(),
        )?))
    }

    /// The current schedule of task `id`, or `undefined` if there is no such task.
    ///
    /// The first call after an edit computes the full schedule (then kept until the next
    /// edit); to follow edits, merge the diffs they return instead.
    #[wasm_bindgen(unchecked_return_type = "ScheduledTask | undefined")]
    pub fn task(&mut self, id: &str) -> Result<JsValue, Thrown> {
        match self.session.task_json(id) {
            Some(text) => output_value(&text),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// The links that hold task `id` where it is (empty when its constraint, pin, progress or
    /// the project start holds it), or `undefined` if there is no such task.
    #[wasm_bindgen(unchecked_return_type = "DrivingLink[] | undefined")]
    pub fn why(&self, id: &str) -> Result<JsValue, Thrown> {
        match why(&self.session, id) {
            Some(links) => to_js(&links),
            None => Ok(JsValue::UNDEFINED),
        }
    }
}
