//! What-if: a change set applied to a copy of the project, rescheduled and compared with the
//! project as it is — what moves, the milestones' and the finish's deltas, the critical path,
//! and how much of the agreed buffer the change consumes ("beyond the buffer triggers the
//! commercial process").

use serde::{Deserialize, Serialize};

use crate::engine::Engine;
use crate::error::{Error, Item, Result};
use crate::io::json::doc::AssignmentInput;
use crate::io::json::{EditInput, ProjectDocument};
use crate::model::Project;
use crate::schedule::ScheduleOptions;

use super::status::Status;
use super::variance::{compare, Comparison};
use super::{Stamp, TrackOptions};

/// A change that is not a schedule edit: resources and costs.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum TrackChange {
    /// Assigns a resource to a task (or changes the assignment's units and work).
    Assign {
        /// The task's key.
        task: String,
        /// The resource's key.
        resource: String,
        /// Units in percent (default 100).
        #[serde(default)]
        units: Option<u32>,
        /// Total work, e.g. `"40h"`.
        #[serde(default)]
        work: Option<String>,
    },
    /// Takes a resource off a task.
    Unassign {
        /// The task's key.
        task: String,
        /// The resource's key.
        resource: String,
    },
    /// Sets a task's budget, or clears it when absent.
    SetCost {
        /// The task's key.
        task: String,
        /// The new budget.
        #[serde(default)]
        cost: Option<serde_json::Number>,
    },
}

/// One change of a change set: an engine edit (`set_duration`, `add_link`, `add_task`, …, as
/// [`EditInput`]) or a resource or cost change ([`TrackChange`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum ChangeInput {
    /// An engine edit.
    Edit(EditInput),
    /// A resource or cost change.
    Track(TrackChange),
}

impl<'de> Deserialize<'de> for ChangeInput {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::Error as _;
        let v = serde_json::Value::deserialize(d)?;
        let op = v.get("op").and_then(|o| o.as_str()).unwrap_or("");
        if matches!(op, "assign" | "unassign" | "set_cost") {
            TrackChange::deserialize(v)
                .map(ChangeInput::Track)
                .map_err(D::Error::custom)
        } else {
            EditInput::deserialize(v)
                .map(ChangeInput::Edit)
                .map_err(D::Error::custom)
        }
    }
}

/// A change set: `{"changes": [{"op": "set_duration", "task": "B", "duration": "7d"}, …]}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangeSet {
    /// The changes, applied in order.
    #[serde(default)]
    pub changes: Vec<ChangeInput>,
}

impl ChangeSet {
    /// Reads a change set from JSON text; an error names the change (`changes[2]`).
    pub fn from_json(text: &str) -> Result<ChangeSet> {
        serde_json::from_str(text).map_err(|e| {
            let mut message = e.to_string();
            if let Some(k) = message.rfind(" at line ") {
                message.truncate(k);
            }
            Error::Json(Box::new(crate::error::JsonError {
                item: None,
                path: "changes".into(),
                line: e.line(),
                column: e.column(),
                message,
            }))
        })
    }
}

/// A milestone before and after the change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct MilestoneDelta {
    /// The milestone's key.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its date before and after.
    #[cfg_attr(feature = "schema", schemars(with = "[String; 2]"))]
    pub finish: [Stamp; 2],
    /// How far it moved, in working minutes of the project calendar.
    pub delta_minutes: i64,
    /// Its deadline, if any.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub deadline: Option<Stamp>,
    /// Whether it is after its deadline once changed.
    pub beyond_deadline: bool,
}

/// The agreed project buffer before and after the change.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WhatIfBuffer {
    /// The buffer's size, in working minutes of the project calendar.
    pub size_minutes: i64,
    /// Consumed before the change.
    pub consumed_before_minutes: i64,
    /// Consumed by the change (the finish delta, within what is left; negative when the
    /// change gives buffer back).
    pub consumed_by_change_minutes: i64,
    /// Consumed after the change.
    pub consumed_after_minutes: i64,
    /// Left after the change (negative: beyond the buffer).
    pub remaining_after_minutes: i64,
    /// The promised date (the planned finish plus the buffer).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub buffer_end: Stamp,
}

/// What a change set does.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WhatIf {
    /// How many changes were applied.
    pub changes: usize,
    /// The comparison of the project as it is with the changed copy.
    #[serde(flatten)]
    pub comparison: Comparison,
    /// The finish delta with the project's units (e.g. `"2d"`).
    pub finish_delta: String,
    /// Every milestone that moved.
    pub milestones: Vec<MilestoneDelta>,
    /// The agreed buffer.
    pub buffer: WhatIfBuffer,
    /// Whether the change takes the project beyond its buffer: the commercial process (a
    /// change request with a price and a new date) starts.
    pub exceeds_buffer: bool,
}

/// After the resources of task `id` changed in `doc`: what its task type keeps. A task with
/// `work` keeps the work when it is effort-driven (its duration is dropped, so the reader
/// derives the new one from the new units), else keeps the duration and takes the work the
/// new units give; without any units left it keeps its duration.
fn follow_task_type(p: &Project, doc: &mut ProjectDocument, id: &str) {
    let Some(i) = p.index_of(id) else { return };
    let t = p.task(i);
    if t.work.is_none() || t.task_type == crate::model::TaskType::FixedDuration {
        return;
    }
    let units: i64 = doc
        .assignments
        .iter()
        .filter(|a| a.task == id)
        .filter(|a| {
            p.resource_index(&a.resource)
                .is_some_and(|r| p.resources()[r.index()].kind == crate::model::ResourceKind::Work)
        })
        .map(|a| a.units.unwrap_or(100) as i64)
        .sum();
    let s = *p.settings();
    let Some(dt) = doc.tasks.iter_mut().find(|x| x.id == id) else {
        return;
    };
    if units > 0 && t.keeps_work() {
        dt.duration = None;
    } else if units > 0 {
        let w = crate::time::Duration::minutes_work(t.duration.minutes() * units / 100);
        dt.work = Some(w.display(&s).to_string());
    }
}

/// Applies `c` to a copy of `p`.
fn apply_track(p: Project, opts: &ScheduleOptions, c: &TrackChange) -> Result<Project> {
    let mut doc = ProjectDocument::from_project(&p, opts);
    let has_task = |id: &str| p.index_of(id).is_some();
    match c {
        TrackChange::Assign {
            task,
            resource,
            units,
            work,
        } => {
            if !has_task(task) {
                return Err(Error::UnknownTask {
                    id: task.as_str().into(),
                    by: Item::Path("changes".into()),
                });
            }
            doc.assignments
                .retain(|a| !(a.task == *task && a.resource == *resource));
            doc.assignments.push(AssignmentInput {
                task: task.clone(),
                resource: resource.clone(),
                units: *units,
                work: work.clone(),
                actual_work: None,
                cost: None,
            });
            follow_task_type(&p, &mut doc, task);
        }
        TrackChange::Unassign { task, resource } => {
            let before = doc.assignments.len();
            doc.assignments
                .retain(|a| !(a.task == *task && a.resource == *resource));
            if doc.assignments.len() == before {
                return Err(Error::invalid(
                    Item::Task(task.as_str().into()),
                    "resource",
                    format!("resource `{resource}` is not assigned to this task"),
                ));
            }
            follow_task_type(&p, &mut doc, task);
        }
        TrackChange::SetCost { task, cost } => {
            let t = doc
                .tasks
                .iter_mut()
                .find(|t| t.id == *task)
                .ok_or_else(|| Error::UnknownTask {
                    id: task.as_str().into(),
                    by: Item::Path("changes".into()),
                })?;
            t.cost = cost.clone();
        }
    }
    Ok(doc.into_document()?.project)
}

/// The project after `changes`, each engine edit applied through the incremental engine (so
/// a change that would close a loop or name an unknown task is refused as an edit is).
pub(crate) fn changed(
    project: &Project,
    options: &ScheduleOptions,
    changes: &ChangeSet,
) -> Result<Project> {
    let mut engine = Engine::new(project.clone(), *options)?;
    for c in &changes.changes {
        match c {
            ChangeInput::Edit(e) => {
                let edit = e.clone().into_edit(engine.project())?;
                engine.apply(edit)?;
            }
            ChangeInput::Track(t) => {
                let p = apply_track(engine.into_project(), options, t)?;
                engine = Engine::new(p, *options)?;
            }
        }
    }
    Ok(engine.into_project())
}

/// Applies `changes` to a copy of `project`, reschedules it and says what moved, by how much
/// the finish and the milestones move, whether the critical path changes and how much of the
/// agreed project buffer ([`TrackOptions::buffers`]) the change consumes.
///
/// The status date is `track`'s, else the project's, else its start (no progress measured).
///
/// ```
/// use jindu::track::{whatif, ChangeSet, TrackOptions};
/// let doc = jindu::io::json::read(r#"{"name": "p", "start": "2026-01-05",
///     "tasks": [{"id": "A", "duration": "10d"}, {"id": "B", "duration": "5d"}],
///     "links": [{"from": "A", "to": "B"}]}"#)?;
/// let c = ChangeSet::from_json(r#"{"changes": [{"op": "set_duration", "task": "B", "duration": "7d"}]}"#)?;
/// let w = whatif(&doc.project, &doc.options, &c, &TrackOptions::default())?;
/// assert_eq!(w.comparison.finish_delta_minutes, 2 * 480);
/// assert_eq!(w.buffer.size_minutes, 15 * 480 * 15 / 100); // 15 % of the 15-day chain
/// assert!(!w.exceeds_buffer);
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn whatif(
    project: &Project,
    options: &ScheduleOptions,
    changes: &ChangeSet,
    track: &TrackOptions,
) -> Result<WhatIf> {
    let mut track = track.clone();
    if track.status_date.is_none() && project.status_date().is_none() {
        track.status_date = Some(crate::schedule(project, options)?.project_start);
    }
    let before = Status::new(project, options, &track)?;
    let after_p = changed(project, options, changes)?;
    let after = Status::new(&after_p, options, &track)?;
    let comparison = compare((project, before.schedule()), (&after_p, after.schedule()))?;
    let cal = before.pcal();
    let mut milestones = Vec::new();
    for m in &comparison.moved {
        if !m.milestone {
            continue;
        }
        let deadline = after_p.task_by_id(&m.id).and_then(|t| t.deadline);
        milestones.push(MilestoneDelta {
            id: m.id.clone(),
            name: m.name.clone(),
            finish: m.finish,
            delta_minutes: m.finish_delta_minutes,
            deadline: deadline.map(Stamp),
            beyond_deadline: deadline.is_some_and(|d| m.finish[1].0 > d),
        });
    }
    let pb = before.buffers().buffers.remove(0);
    let raw_before = cal.work_between(pb.planned_finish.0, pb.projected_finish.0);
    let consumed_before = raw_before.max(0);
    let consumed_after = (raw_before + comparison.finish_delta_minutes).max(0);
    let buffer = WhatIfBuffer {
        size_minutes: pb.size_minutes,
        consumed_before_minutes: consumed_before,
        consumed_by_change_minutes: consumed_after - consumed_before,
        consumed_after_minutes: consumed_after,
        remaining_after_minutes: pb.size_minutes - consumed_after,
        buffer_end: pb.buffer_end,
    };
    let st = *project.settings();
    Ok(WhatIf {
        changes: changes.changes.len(),
        finish_delta: crate::time::Duration::minutes_work(comparison.finish_delta_minutes)
            .display(&st)
            .to_string(),
        exceeds_buffer: consumed_after > pb.size_minutes,
        comparison,
        milestones,
        buffer,
    })
}
