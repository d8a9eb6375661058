//! Reading MSPDI tasks: each `<Task>` into a [`Task`] (its summary tree from `OutlineLevel`,
//! duration, constraint, calendar, pin, progress and baselines) and the [`StoredTask`] results
//! Microsoft Project saved with it. Values are read in document order, so the first bad one is
//! the one reported.

use super::read::CalendarUids;
use super::values::{elapsed_format, Ctx};
use super::xml::El;
use crate::io::{StoredTask, WarningCode, Warnings};
use crate::{
    Baseline, CalendarId, Constraint, DateTime, Duration, Error, Item, Money, Pin, Progress,
    Project, Result, Task, TaskId, TaskIndex,
};

/// What the later steps need to know about an imported task.
pub(super) struct Pending {
    /// The task.
    pub(super) idx: TaskIndex,
    /// Its UID (its key).
    pub(super) uid: String,
    /// Manually scheduled (`Manual`).
    pub(super) manual: bool,
    /// With a `CalendarUID` of its own.
    pub(super) has_own_calendar: bool,
    /// `IgnoreResourceCalendar`.
    pub(super) ignore_resource_calendar: bool,
}

/// The tasks read: what the later steps need, the stored results, the links still to add, and
/// the UIDs of the tasks left out.
#[derive(Default)]
pub(super) struct Tasks<'a> {
    /// One entry per imported task, in task order.
    pub(super) pending: Vec<Pending>,
    /// The stored results, one per imported task, in task order.
    pub(super) stored: Vec<StoredTask>,
    /// Each `<PredecessorLink>` with its successor's UID.
    pub(super) links: Vec<(String, &'a El)>,
    /// The UIDs of blank and inactive tasks (links from them are left out with a warning).
    pub(super) skipped: Vec<String>,
}

/// Adds the `<Tasks>` to the project, in `ID` order; the project summary task, blank rows and
/// inactive tasks are left out.
pub(super) fn read_tasks<'a>(
    cx: &Ctx<'_>,
    root: &'a El,
    p: &mut Project,
    cals: &CalendarUids,
    from_start: bool,
    w: &mut Warnings,
) -> Result<Tasks<'a>> {
    let mut out = Tasks::default();
    // The open summary tasks, by outline level.
    let mut levels: Vec<(i64, TaskIndex)> = Vec::new();
    for t in in_id_order(root) {
        let Some(uid) = cx.int(t, "UID", &None)? else {
            return Err(cx.err(t, None, "Task/UID", "a task without a <UID>"));
        };
        let id = uid.to_string();
        let item = Some(Item::Task(TaskId::new(id.clone())));
        let level = cx.int(t, "OutlineLevel", &item)?;
        if uid == 0 || level == Some(0) {
            continue; // the project summary task
        }
        let name = t.get_raw("Name").unwrap_or("").to_owned();
        let is_null = cx.flag(t, "IsNull", &item)?;
        if is_null || (name.is_empty() && t.get("Duration").is_none() && t.get("Start").is_none()) {
            out.skipped.push(id);
            continue;
        }
        if !cx
            .val(t, "Active", &item, "flag", |v| Some(v != "0"))?
            .unwrap_or(true)
        {
            w.add(
                WarningCode::LeftOut,
                "Task/Active",
                Some(&id),
                "inactive task left out (it does not take part in the schedule)",
            );
            out.skipped.push(id);
            continue;
        }
        let level = level.unwrap_or(1).max(1);
        while levels.last().is_some_and(|&(l, _)| l >= level) {
            levels.pop();
        }
        let parent = levels.last().map(|&(_, i)| i);
        let task = TaskEl {
            cx,
            t,
            id: &id,
            item: &item,
        };
        let (duration, milestone, summary) = task.duration(w)?;
        let manual = cx.flag(t, "Manual", &item)?;
        let constraint = task.constraint(from_start, w)?;
        let calendar = task.calendar(cals, w)?;
        let priority = cx.int(t, "Priority", &item)?.unwrap_or(500).clamp(0, 1000) as u16;
        let start = cx.date(t, "Start", &item)?;
        let finish = cx.date(t, "Finish", &item)?;
        let pinned = task.pin(manual, summary, start, finish, w);
        let progress = task.progress(w, duration)?;
        let baselines = task.baselines()?;
        task.unmodelled(summary, w)?;
        let ignore_resource_calendar = cx.flag(t, "IgnoreResourceCalendar", &item)?;
        let task = Task {
            id: TaskId::new(id.clone()),
            name,
            duration,
            milestone,
            parent,
            calendar: calendar.clone(),
            constraint,
            deadline: cx.date(t, "Deadline", &item)?,
            priority,
            pinned,
            progress,
            baselines,
            task_type: match cx.int(t, "Type", &item)? {
                Some(1) => crate::model::TaskType::FixedDuration,
                Some(2) => crate::model::TaskType::FixedWork,
                _ => crate::model::TaskType::FixedUnits,
            },
            effort_driven: cx.flag(t, "EffortDriven", &item)?,
            // A summary's work is its subtasks'; zero is Project's "none".
            work: if summary {
                None
            } else {
                super::read::positive_work(cx.duration(t, "Work", &item)?)
            },
            ..Task::default()
        };
        let idx = match p.add_task(task) {
            Ok(i) => i,
            Err(Error::DuplicateTask(_)) => {
                return Err(cx.err(t, item, "Task/UID", "a second task with the same UID"))
            }
            Err(e) => return Err(e),
        };
        levels.push((level, idx));
        out.stored.push(stored(cx, t, &id, &item, start, finish)?);
        for l in t.all("PredecessorLink") {
            out.links.push((id.clone(), l));
        }
        out.pending.push(Pending {
            idx,
            uid: id,
            manual,
            has_own_calendar: calendar.is_some(),
            ignore_resource_calendar,
        });
    }
    Ok(out)
}

/// The `<Task>` elements in `ID` order: Project lists them so; they are sorted (stably, by ID)
/// to be sure.
fn in_id_order(root: &El) -> Vec<&El> {
    let task_els: Vec<&El> = match root.child("Tasks") {
        Some(ts) => ts.all("Task").collect(),
        None => Vec::new(),
    };
    let ids: Vec<Option<i64>> = task_els
        .iter()
        .map(|t| t.get("ID").and_then(|v| v.parse().ok()))
        .collect();
    if !ids
        .windows(2)
        .any(|w| matches!(w, [Some(a), Some(b)] if a > b))
    {
        return task_els;
    }
    let mut k: Vec<(Option<i64>, &El)> = ids.into_iter().zip(task_els).collect();
    k.sort_by_key(|(id, _)| id.unwrap_or(i64::MAX));
    k.into_iter().map(|(_, e)| e).collect()
}

/// One `<Task>` element being read, with its UID and item for errors and warnings.
struct TaskEl<'a> {
    cx: &'a Ctx<'a>,
    t: &'a El,
    id: &'a str,
    item: &'a Option<Item>,
}

impl TaskEl<'_> {
    /// The duration (elapsed for elapsed `DurationFormat`s; zero for a summary) and whether
    /// the task is a milestone and a summary (`Summary`).
    fn duration(&self, w: &mut Warnings) -> Result<(Duration, bool, bool)> {
        let (cx, t, item) = (self.cx, self.t, self.item);
        let fmt = cx.int(t, "DurationFormat", item)?.unwrap_or(7);
        let mins = cx.duration(t, "Duration", item)?.unwrap_or(0);
        if mins < 0 {
            return Err(cx.err(
                t.child("Duration").unwrap_or(t),
                item.clone(),
                "Task/Duration",
                "a negative duration",
            ));
        }
        let mut duration = if elapsed_format(fmt) {
            Duration::elapsed_minutes(mins)
        } else {
            Duration::minutes_work(mins)
        };
        let summary = cx.flag(t, "Summary", item)?;
        let mut milestone = cx.flag(t, "Milestone", item)?;
        if milestone && mins > 0 {
            w.add(
                WarningCode::Approximated,
                "Task/Milestone",
                Some(self.id),
                "a milestone with a duration is scheduled as a normal task",
            );
            milestone = false;
        }
        if summary {
            duration = Duration::ZERO;
            milestone = false;
        }
        Ok((duration, milestone, summary))
    }

    /// The constraint (`ConstraintType`, `ConstraintDate`); the default is as soon as possible,
    /// or as late as possible in a project scheduled from its finish.
    fn constraint(&self, from_start: bool, w: &mut Warnings) -> Result<Constraint> {
        let (cx, t, item) = (self.cx, self.t, self.item);
        let cons_date = cx.date(t, "ConstraintDate", item)?;
        let ctype = cx
            .int(t, "ConstraintType", item)?
            .unwrap_or(if from_start { 0 } else { 1 });
        let code = match ctype {
            0 => "ASAP",
            1 => "ALAP",
            2 => "MSO",
            3 => "MFO",
            4 => "SNET",
            5 => "SNLT",
            6 => "FNET",
            7 => "FNLT",
            _ => {
                return Err(cx.err(
                    t.child("ConstraintType").unwrap_or(t),
                    item.clone(),
                    "Task/ConstraintType",
                    format!("unknown constraint type {ctype}: expected 0 to 7"),
                ))
            }
        };
        if ctype <= 1 {
            return Constraint::from_code(code, None);
        }
        match cons_date {
            Some(d) => Constraint::from_code(code, Some(d)),
            None => {
                w.add(
                    WarningCode::Defaulted,
                    "Task/ConstraintDate",
                    Some(self.id),
                    "a dated constraint without a date is read as as soon as possible",
                );
                Ok(Constraint::AsSoonAsPossible)
            }
        }
    }

    /// The task's own calendar (`CalendarUID`), when it is defined.
    fn calendar(&self, cals: &CalendarUids, w: &mut Warnings) -> Result<Option<CalendarId>> {
        Ok(match self.cx.int(self.t, "CalendarUID", self.item)? {
            Some(c) if c >= 0 => {
                let c = c.to_string();
                if cals.has(&c) {
                    Some(CalendarId::new(c))
                } else {
                    w.add(
                        WarningCode::Defaulted,
                        "Task/CalendarUID",
                        Some(self.id),
                        "the task calendar is not defined; the project calendar is used",
                    );
                    None
                }
            }
            _ => None,
        })
    }

    /// A manually scheduled task's pin at its stored `Start` (and `Finish`, when not before;
    /// none when the file gives a `ManualStart` without a `ManualFinish`, as jindu writes a
    /// pin whose finish follows from the duration).
    fn pin(
        &self,
        manual: bool,
        summary: bool,
        start: Option<DateTime>,
        finish: Option<DateTime>,
        w: &mut Warnings,
    ) -> Option<Pin> {
        if !manual {
            return None;
        }
        if summary {
            w.add(
                WarningCode::Approximated,
                "Task/Manual",
                Some(self.id),
                "a manually scheduled summary task is rolled up from its subtasks",
            );
            return None;
        }
        let from_duration =
            self.t.child("ManualStart").is_some() && self.t.child("ManualFinish").is_none();
        match start {
            Some(s) => Some(Pin {
                start: s,
                finish: finish.filter(|&f| f >= s && !from_duration),
            }),
            None => {
                w.add(
                    WarningCode::Defaulted,
                    "Task/Manual",
                    Some(self.id),
                    "a manually scheduled task without a <Start> is scheduled automatically",
                );
                None
            }
        }
    }

    /// `PercentComplete`, `ActualStart`, `ActualFinish` and, for a started, unfinished task,
    /// `RemainingDuration` (kept only when it says more than the percent complete of
    /// `duration`); an actual finish without an actual start, or before it, is ignored.
    fn progress(&self, w: &mut Warnings, duration: Duration) -> Result<Progress> {
        let (cx, t, item) = (self.cx, self.t, self.item);
        let pct = cx.num(t, "PercentComplete", item)?.unwrap_or(0.0);
        let actual_start = cx.date(t, "ActualStart", item)?;
        let mut actual_finish = cx.date(t, "ActualFinish", item)?;
        if actual_start.is_none() && actual_finish.is_some() {
            actual_finish = None;
            w.add(
                WarningCode::LeftOut,
                "Task/ActualFinish",
                Some(self.id),
                "an actual finish without an actual start is ignored",
            );
        }
        if let (Some(s), Some(f)) = (actual_start, actual_finish) {
            if f < s {
                actual_finish = None;
                w.add(
                    WarningCode::LeftOut,
                    "Task/ActualFinish",
                    Some(self.id),
                    "an actual finish before the actual start is ignored",
                );
            }
        }
        let mut p = Progress {
            percent_complete: pct.round().clamp(0.0, 100.0) as u8,
            actual_start,
            actual_finish,
            remaining_duration: None,
            actual_work: super::read::positive_work(cx.duration(t, "ActualWork", item)?),
        };
        if actual_start.is_some() && actual_finish.is_none() && !p.is_complete() {
            if let Some(r) = cx.duration(t, "RemainingDuration", item)? {
                if r >= 0 && r != p.split(duration).1 {
                    p.remaining_duration = Some(if duration.is_elapsed() {
                        Duration::elapsed_minutes(r)
                    } else {
                        Duration::minutes_work(r)
                    });
                }
            }
        }
        Ok(p)
    }

    /// The `<Baseline>`s numbered 0 to 10.
    fn baselines(&self) -> Result<Vec<Baseline>> {
        let (cx, item) = (self.cx, self.item);
        let mut baselines = Vec::new();
        for b in self.t.all("Baseline") {
            let n = cx.int(b, "Number", item)?.unwrap_or(0);
            if !(0..=10).contains(&n) {
                continue;
            }
            baselines.push(Baseline {
                number: n as u8,
                start: cx.date(b, "Start", item)?,
                finish: cx.date(b, "Finish", item)?,
                duration: cx.duration(b, "Duration", item)?.map(|m| {
                    if elapsed_format(
                        cx.int(b, "DurationFormat", item)
                            .ok()
                            .flatten()
                            .unwrap_or(7),
                    ) {
                        Duration::elapsed_minutes(m)
                    } else {
                        Duration::minutes_work(m)
                    }
                }),
                work: cx.duration(b, "Work", item)?.map(Duration::minutes_work),
                // In cents, as every MSPDI cost. Project writes 0 in a baseline of a plan
                // without costs: that is no cost (else the earned value of every such file
                // would be measured in money, of a budget of nothing).
                cost: cx
                    .num(b, "Cost", item)?
                    .filter(|&c| c != 0.0)
                    .map(|c| Money::from_cents(c.round().clamp(-1e15, 1e15) as i64)),
            });
        }
        Ok(baselines)
    }

    /// Warnings for elements that change Project's schedule and are not modelled.
    fn unmodelled(&self, summary: bool, w: &mut Warnings) -> Result<()> {
        let (cx, t, item) = (self.cx, self.t, self.item);
        if cx.flag(t, "Recurring", item)? && !summary {
            w.add(
                WarningCode::Approximated,
                "Task/Recurring",
                Some(self.id),
                "recurring task: its occurrences are imported as ordinary tasks",
            );
        }
        if cx.int(t, "LevelingDelay", item)?.unwrap_or(0) != 0 {
            w.add(
                WarningCode::LeftOut,
                "Task/LevelingDelay",
                Some(self.id),
                "levelling delay is ignored",
            );
        }
        if t.child("ExternalTask")
            .is_some_and(|e| e.text.trim() == "1")
            || t.child("IsSubproject")
                .is_some_and(|e| e.text.trim() == "1")
        {
            w.add(
                WarningCode::Approximated,
                "Task/ExternalTask",
                Some(self.id),
                "an external task or inserted project is imported as an ordinary task",
            );
        }
        Ok(())
    }
}

/// The results Microsoft Project stored for a task (slack in tenths of minutes, rounded).
fn stored(
    cx: &Ctx<'_>,
    t: &El,
    id: &str,
    item: &Option<Item>,
    start: Option<DateTime>,
    finish: Option<DateTime>,
) -> Result<StoredTask> {
    Ok(StoredTask {
        id: TaskId::new(id),
        start,
        finish,
        early_start: cx.date(t, "EarlyStart", item)?,
        early_finish: cx.date(t, "EarlyFinish", item)?,
        late_start: cx.date(t, "LateStart", item)?,
        late_finish: cx.date(t, "LateFinish", item)?,
        total_slack: cx
            .num(t, "TotalSlack", item)?
            .map(|v| (v / 10.0).round() as i64),
        free_slack: cx
            .num(t, "FreeSlack", item)?
            .map(|v| (v / 10.0).round() as i64),
        critical: t.get("Critical").map(|c| c == "1" || c == "true"),
    })
}
