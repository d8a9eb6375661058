//! Reading MSPDI: the document tree into a [`Project`], step by step in document order: the
//! project header and options, calendars, resources, tasks, links, assignments, and finally the
//! resource calendars of tasks with work resources.

use std::collections::HashMap;

use super::calendars::{read_calendar, union_calendar};
use super::tasks::{read_tasks, Pending};
use super::values::{
    elapsed_format, parse_datetime, parse_iso_minutes, parse_time_of_day, percent_format, Ctx,
};
use super::xml::{parse_tree, El};
use crate::io::{Format, Import, WarningCode, Warnings};
use crate::{
    Assignment, Calendar, CalendarId, Criticality, Duration, DurationSettings, Error, Item, Lag,
    Link, LinkType, Money, Project, RateChange, Resource, ResourceId, ResourceKind, Result,
    ScheduleOptions, Split, TaskId, TaskIndex,
};

/// The UIDs of the calendars read so far, as keys.
pub(super) struct CalendarUids(Vec<String>);

impl CalendarUids {
    /// Whether a calendar with key `id` was read.
    pub(super) fn has(&self, id: &str) -> bool {
        self.0.iter().any(|c| c == id)
    }
}

/// The calendar and kind of each resource, by key.
type ResourceCalendars = HashMap<String, (Option<CalendarId>, ResourceKind)>;

/// The calendars of the work resources assigned to each task (with units), in assignment order;
/// `None` is a resource without a calendar of its own.
type TaskResourceCalendars = HashMap<TaskIndex, Vec<Option<CalendarId>>>;

/// Reads an MSPDI document from bytes (UTF-8 XML).
///
/// This is the entry point for arbitrary input (fuzzing): it returns an error, never panics.
/// The import maps UIDs to keys: a task's key is its `UID` as a string, and likewise for
/// calendars and resources. [`Import::stored`] holds the schedule Microsoft Project stored in
/// the file, one entry per imported task; [`Import::warnings`] what could not be imported.
///
/// The default [`Limits`](crate::Limits) apply; [`io::read`](crate::io::read) takes others.
pub fn read(bytes: &[u8]) -> Result<Import> {
    read_with_limits(bytes, &crate::Limits::DEFAULT)
}

/// [`read`] within `limits`.
pub fn read_with_limits(bytes: &[u8], limits: &crate::Limits) -> Result<Import> {
    read_ticked(bytes, limits, &mut crate::io::Ticker::none())
}

/// [`read_with_limits`] with a progress callback and a cancel token, as
/// [`io::read_with`](crate::io::read_with).
pub fn read_with_control(
    bytes: &[u8],
    limits: &crate::Limits,
    mut control: crate::control::Control<'_, crate::io::Progress>,
) -> Result<Import> {
    crate::io::controlled(bytes.len(), &mut control, |tick| {
        read_ticked(bytes, limits, tick)
    })
}

/// [`read_with_limits`] reporting the parse to `tick`.
pub(crate) fn read_ticked(
    bytes: &[u8],
    limits: &crate::Limits,
    tick: &mut crate::io::Ticker<'_, '_>,
) -> Result<Import> {
    let root = parse_tree(bytes, limits, tick)?;
    let cx = Ctx { bytes };
    let mut w = Warnings::default();
    let (mut p, from_start) = project(&cx, &root)?;
    let options = options(&cx, &root, p.settings())?;
    let cals = calendars(&cx, &root, &mut p, &mut w)?;
    project_calendar(&cx, &root, &mut p, &cals, &mut w)?;
    let resources = resources(&cx, &root, &mut p, &cals, &mut w)?;
    let tasks = read_tasks(&cx, &root, &mut p, &cals, from_start, &mut w)?;
    let mut seen = HashMap::new();
    for (succ, l) in &tasks.links {
        link(&cx, &mut p, succ, l, &tasks.skipped, &mut seen, &mut w)?;
    }
    let task_res = assignments(&cx, &root, &mut p, &resources, &mut w)?;
    resource_calendars(&mut p, &tasks.pending, &task_res, &mut w)?;
    splits(&cx, &root, &mut p, &mut w)?;
    limits.check_project(&p)?;
    let mut imp = Import::new(Format::Mspdi, p);
    imp.options = options;
    imp.stored = tasks.stored;
    imp.warnings = w.into_list();
    Ok(imp)
}

/// The project from its header: name, start or finish, units, default times, status date.
/// `true` with it when it is scheduled from its start.
fn project(cx: &Ctx<'_>, root: &El) -> Result<(Project, bool)> {
    let proj = Some(Item::Project);
    let name = root
        .get_raw("Name")
        .or_else(|| root.get_raw("Title"))
        .unwrap_or("")
        .to_owned();
    let start = cx.date(root, "StartDate", &proj)?;
    let finish = cx.date(root, "FinishDate", &proj)?;
    let from_start = cx.int(root, "ScheduleFromStart", &proj)?.unwrap_or(1) != 0;
    let mut p = if from_start {
        let s = start.ok_or_else(|| {
            cx.err(
                root,
                proj.clone(),
                "Project/StartDate",
                "the project needs a <StartDate>",
            )
        })?;
        Project::new(name, s)
    } else {
        let f = finish.ok_or_else(|| {
            cx.err(
                root,
                proj.clone(),
                "Project/FinishDate",
                "a project scheduled from its finish (ScheduleFromStart 0) needs a <FinishDate>",
            )
        })?;
        Project::new_from_finish(name, f)
    };
    let mut settings = DurationSettings::default();
    let positive =
        |v: Option<i64>, dflt: i64, max: i64| v.filter(|&v| v > 0 && v <= max).unwrap_or(dflt);
    settings.minutes_per_day = positive(cx.int(root, "MinutesPerDay", &proj)?, 480, 1440);
    settings.minutes_per_week = positive(cx.int(root, "MinutesPerWeek", &proj)?, 2400, 7 * 1440);
    settings.days_per_month = positive(cx.int(root, "DaysPerMonth", &proj)?, 20, 31);
    p.set_settings(settings)?;
    let clock = |n: &str, dflt: u16| -> Result<u16> {
        Ok(cx
            .val(root, n, &proj, "time of day (HH:MM:SS)", parse_time_of_day)?
            .filter(|&m| m < 1440)
            .unwrap_or(dflt))
    };
    let (ds, df) = (
        clock("DefaultStartTime", 480)?,
        clock("DefaultFinishTime", 1020)?,
    );
    p.set_default_times(ds, df.max(1))?;
    p.set_status_date(cx.date(root, "StatusDate", &proj)?);
    Ok((p, from_start))
}

/// The scheduling options the header asks for: `HonorConstraints` and `CriticalSlackLimit`
/// (in days of `settings`).
fn options(cx: &Ctx<'_>, root: &El, settings: &DurationSettings) -> Result<ScheduleOptions> {
    let proj = Some(Item::Project);
    let mut options = ScheduleOptions::default();
    if let Some(h) = cx.int(root, "HonorConstraints", &proj)? {
        options.honor_constraints = h != 0;
    }
    if let Some(days) = cx.num(root, "CriticalSlackLimit", &proj)? {
        let m = (days * settings.minutes_per_day as f64).round();
        if m.abs() < 1e12 {
            options.critical = Criticality::TotalFloat(Duration::minutes_work(m as i64));
        }
    }
    Ok(options)
}

/// Adds the `<Calendars>` to the project (a repeated UID is left out, with a warning); a base
/// that no calendar defines is an error.
fn calendars(cx: &Ctx<'_>, root: &El, p: &mut Project, w: &mut Warnings) -> Result<CalendarUids> {
    let mut cal_ids: Vec<String> = Vec::new();
    if let Some(cals) = root.child("Calendars") {
        for c in cals.all("Calendar") {
            let cal = read_calendar(cx, c, w)?;
            if cal_ids.contains(&cal.id.to_string()) {
                w.add(
                    WarningCode::LeftOut,
                    "Calendar",
                    None,
                    "a second calendar with the same UID was left out",
                );
                continue;
            }
            cal_ids.push(cal.id.to_string());
            p.add_calendar(cal)?;
        }
        let unknown_base = p.calendars().iter().find(|c| {
            c.base
                .as_ref()
                .is_some_and(|b| !cal_ids.contains(&b.to_string()))
        });
        if let Some(c) = unknown_base {
            return Err(Error::UnknownCalendar {
                id: c.base.clone().unwrap_or_default(),
                by: Item::Calendar(c.id.clone()),
            });
        }
    }
    Ok(CalendarUids(cal_ids))
}

/// Sets the project calendar (`CalendarUID`) when it is defined.
fn project_calendar(
    cx: &Ctx<'_>,
    root: &El,
    p: &mut Project,
    cals: &CalendarUids,
    w: &mut Warnings,
) -> Result<()> {
    if let Some(uid) = cx.int(root, "CalendarUID", &Some(Item::Project))? {
        let id = uid.to_string();
        if cals.has(&id) {
            p.set_calendar(CalendarId::new(id))?;
        } else if uid >= 0 {
            w.add(
                WarningCode::Defaulted,
                "Project/CalendarUID",
                None,
                "the project calendar is not defined; the standard calendar is used",
            );
        }
    }
    Ok(())
}

/// Adds the `<Resources>` (blank rows and the unnamed UID 0 left out) and returns each one's
/// calendar and kind.
fn resources(
    cx: &Ctx<'_>,
    root: &El,
    p: &mut Project,
    cals: &CalendarUids,
    w: &mut Warnings,
) -> Result<ResourceCalendars> {
    let mut res_cal = ResourceCalendars::new();
    let Some(rs) = root.child("Resources") else {
        return Ok(res_cal);
    };
    for r in rs.all("Resource") {
        let Some(uid) = cx.int(r, "UID", &None)? else {
            continue;
        };
        let id = uid.to_string();
        let ritem = Some(Item::Resource(ResourceId::new(id.clone())));
        let name = r.get_raw("Name").unwrap_or("").to_owned();
        if cx.flag(r, "IsNull", &ritem)? || (uid == 0 && name.is_empty()) {
            continue;
        }
        let kind = match cx.int(r, "Type", &ritem)? {
            Some(0) => ResourceKind::Material,
            Some(2) => ResourceKind::Cost,
            _ => ResourceKind::Work,
        };
        let max_units = cx
            .num(r, "MaxUnits", &ritem)?
            .map(|u| (u * 100.0).round().clamp(0.0, 1e9) as u32)
            .unwrap_or(100);
        let calendar = cx
            .int(r, "CalendarUID", &ritem)?
            .map(|c| c.to_string())
            .filter(|c| cals.has(c))
            .map(CalendarId::new);
        if p.resource_index(&id).is_some() {
            w.add(
                WarningCode::LeftOut,
                "Resource",
                None,
                "a second resource with the same UID was left out",
            );
            continue;
        }
        // Rates are currency an hour (a material: a unit); the cost per use is in cents, as
        // every MSPDI cost is. Zero is what Project writes when none was entered.
        let money = |v: Option<f64>, scale: f64| {
            v.filter(|v| *v != 0.0)
                .map(|v| Money::from_cents((v * scale).round().clamp(-1e15, 1e15) as i64))
        };
        let mut standard_rate = money(cx.num(r, "StandardRate", &ritem)?, 100.0);
        let mut overtime_rate = money(cx.num(r, "OvertimeRate", &ritem)?, 100.0);
        let mut cost_per_use = money(cx.num(r, "CostPerUse", &ritem)?, 1.0);
        // Cost rate table A (`RateTable` 0) with effective dates: the first entry holds from the
        // beginning (the resource's own rates), each later one from its `RatesFrom`. Project
        // writes the resource's `StandardRate` as the rate in force on the day it saved, so
        // with several entries the table decides. Tables B to E are not modelled.
        let mut table = Vec::new();
        for x in r.child("Rates").into_iter().flat_map(|rs| rs.all("Rate")) {
            if cx.int(x, "RateTable", &ritem)?.unwrap_or(0) != 0 {
                continue;
            }
            let Some(from) = cx.date(x, "RatesFrom", &ritem)? else {
                continue;
            };
            table.push(RateChange {
                from,
                standard_rate: money(cx.num(x, "StandardRate", &ritem)?, 100.0),
                overtime_rate: money(cx.num(x, "OvertimeRate", &ritem)?, 100.0),
                cost_per_use: money(cx.num(x, "CostPerUse", &ritem)?, 1.0),
            });
        }
        table.sort_by_key(|x| x.from);
        table.dedup_by_key(|x| x.from);
        let mut rates = Vec::new();
        if table.len() > 1 {
            standard_rate = table[0].standard_rate;
            overtime_rate = table[0].overtime_rate;
            cost_per_use = table[0].cost_per_use;
            rates = table.split_off(1);
        }
        let group = r.get_raw("Group").unwrap_or("").to_owned();
        res_cal.insert(id.clone(), (calendar.clone(), kind));
        p.add_resource(Resource {
            id: ResourceId::new(id),
            name,
            kind,
            max_units,
            calendar,
            standard_rate,
            overtime_rate,
            cost_per_use,
            group,
            rates,
            ..Resource::default()
        })?;
    }
    Ok(res_cal)
}

/// Adds one `<PredecessorLink>` of task `succ`. Links to other projects, from blank, inactive
/// or unknown tasks, and duplicate or self links are left out with a warning.
fn link(
    cx: &Ctx<'_>,
    p: &mut Project,
    succ: &str,
    l: &El,
    skipped: &[String],
    seen: &mut HashMap<(TaskIndex, TaskIndex), ()>,
    w: &mut Warnings,
) -> Result<()> {
    let item = Some(Item::Task(TaskId::new(succ)));
    if cx.flag(l, "CrossProject", &item)? {
        w.add(
            WarningCode::LeftOut,
            "PredecessorLink/CrossProject",
            Some(succ),
            "a link to another project is left out",
        );
        return Ok(());
    }
    let Some(pred) = cx.int(l, "PredecessorUID", &item)? else {
        return Err(cx.err(
            l,
            item,
            "PredecessorLink/PredecessorUID",
            "a link without a <PredecessorUID>",
        ));
    };
    let pred = pred.to_string();
    let (Some(from), Some(to)) = (p.index_of(&pred), p.index_of(succ)) else {
        let why = if skipped.contains(&pred) {
            "a link from a blank or inactive task is left out"
        } else {
            "a link from an unknown task is left out"
        };
        w.add(WarningCode::LeftOut, "PredecessorLink", Some(succ), why);
        return Ok(());
    };
    if from == to || seen.insert((from, to), ()).is_some() {
        w.add(
            WarningCode::LeftOut,
            "PredecessorLink",
            Some(succ),
            "a duplicate or self link is left out",
        );
        return Ok(());
    }
    let kind = match cx.int(l, "Type", &item)?.unwrap_or(1) {
        0 => LinkType::FinishToFinish,
        1 => LinkType::FinishToStart,
        2 => LinkType::StartToFinish,
        3 => LinkType::StartToStart,
        k => {
            return Err(cx.err(
                l,
                item,
                "PredecessorLink/Type",
                format!("unknown link type {k}: expected 0 (FF), 1 (FS), 2 (SF) or 3 (SS)"),
            ))
        }
    };
    let lag = lag(cx, l, &item, succ, w)?;
    p.add_link(Link {
        from,
        to,
        kind,
        lag,
    })?;
    Ok(())
}

/// A link's lag: `LinkLag` in tenths of a minute, or in percent for the percent `LagFormat`s;
/// elapsed formats give elapsed lags.
fn lag(cx: &Ctx<'_>, l: &El, item: &Option<Item>, succ: &str, w: &mut Warnings) -> Result<Lag> {
    let raw = cx.int(l, "LinkLag", item)?.unwrap_or(0);
    let fmt = cx.int(l, "LagFormat", item)?.unwrap_or(7);
    if raw.abs() > 1i64 << 40 {
        return Err(cx.err(
            l,
            item.clone(),
            "PredecessorLink/LinkLag",
            "lag out of range",
        ));
    }
    Ok(if percent_format(fmt) {
        if fmt == 20 || fmt == 52 {
            w.add(
                WarningCode::Approximated,
                "PredecessorLink/LagFormat",
                Some(succ),
                "an elapsed percent lag is read as a percent of the predecessor's duration",
            );
        }
        Lag::Percent((raw * 100).clamp(-1_000_000_000, 1_000_000_000) as i32)
    } else {
        // Tenths of a minute, rounded to whole minutes.
        let m = (raw as f64 / 10.0).round() as i64;
        if elapsed_format(fmt) {
            Lag::Time(Duration::elapsed_minutes(m))
        } else {
            Lag::Time(Duration::minutes_work(m))
        }
    })
}

/// Adds the `<Assignments>` between imported tasks and resources, and returns the calendars of
/// each task's work resources.
fn assignments(
    cx: &Ctx<'_>,
    root: &El,
    p: &mut Project,
    res_cal: &ResourceCalendars,
    w: &mut Warnings,
) -> Result<TaskResourceCalendars> {
    let mut task_res = TaskResourceCalendars::new();
    let Some(asg) = root.child("Assignments") else {
        return Ok(task_res);
    };
    for a in asg.all("Assignment") {
        let Some(tuid) = cx.int(a, "TaskUID", &None)? else {
            continue;
        };
        let Some(ruid) = cx.int(a, "ResourceUID", &None)? else {
            continue;
        };
        let (tid, rid) = (tuid.to_string(), ruid.to_string());
        let item = Some(Item::Assignment {
            task: TaskId::new(tid.clone()),
            resource: ResourceId::new(rid.clone()),
        });
        let (Some(task), Some(resource)) = (p.index_of(&tid), p.resource_index(&rid)) else {
            continue; // unassigned placeholder (-65535), the project summary, blank rows
        };
        let units = cx
            .num(a, "Units", &item)?
            .map(|u| (u * 100.0).round().clamp(0.0, 1e9) as u32)
            .unwrap_or(100);
        let work = cx.duration(a, "Work", &item)?.map(Duration::minutes_work);
        let actual_work = positive_work(cx.duration(a, "ActualWork", &item)?);
        // A cost resource's assignment carries its own cost (cents, as every MSPDI cost); the
        // others' `Cost` is what the rates give, and loading computes it from them.
        let cost = match res_cal.get(&rid) {
            Some((_, ResourceKind::Cost)) => cx
                .num(a, "Cost", &item)?
                .map(|c| Money::from_cents(c.round().clamp(-1e15, 1e15) as i64)),
            _ => None,
        };
        unmodelled_assignment(cx, a, &item, &tid, w)?;
        if p.add_assignment(Assignment {
            task,
            resource,
            units,
            work,
            actual_work,
            cost,
        })
        .is_err()
        {
            w.add(
                WarningCode::LeftOut,
                "Assignment",
                Some(&tid),
                "a second assignment of the same resource is left out",
            );
            continue;
        }
        if let Some((cal, ResourceKind::Work)) = res_cal.get(&rid) {
            if units > 0 {
                task_res
                    .entry(task)
                    .or_default()
                    .push(cal.clone().or_else(|| Some(p.calendar_id().clone())));
            }
        }
    }
    // A task's own actual work is the sum of its assignments'; it is kept only for a task
    // whose assignments carry none (the model's precedence, `Progress::actual_work`).
    let with_actual: Vec<TaskIndex> = p
        .assignments()
        .iter()
        .filter(|a| a.actual_work.is_some())
        .map(|a| a.task)
        .collect();
    for i in with_actual {
        p.task_mut(i).progress.actual_work = None;
    }
    Ok(task_res)
}

/// An `ActualWork` read as minutes: only a positive one is kept, since Project writes zero
/// for every task and assignment without recorded work, and the model derives that from
/// percent complete.
pub(super) fn positive_work(minutes: Option<i64>) -> Option<Duration> {
    minutes.filter(|&m| m > 0).map(Duration::minutes_work)
}

/// Warnings for what an assignment has that the model does not: contours, delays, splits.
fn unmodelled_assignment(
    cx: &Ctx<'_>,
    a: &El,
    item: &Option<Item>,
    tid: &str,
    w: &mut Warnings,
) -> Result<()> {
    if a.child("WorkContour").is_some_and(|c| c.text.trim() != "0") {
        w.add(
            WarningCode::LeftOut,
            "Assignment/WorkContour",
            Some(tid),
            "work contours are not modelled; the task keeps its stored duration",
        );
    }
    if cx.int(a, "Delay", item)?.unwrap_or(0) != 0
        || cx.int(a, "LevelingDelay", item)?.unwrap_or(0) != 0
    {
        w.add(
            WarningCode::LeftOut,
            "Assignment/Delay",
            Some(tid),
            "assignment delays are not modelled",
        );
    }
    Ok(())
}

/// A pause read from timephased data: the work before it, its start and its end (minutes).
type Pause = (i64, i64, i64);

/// The pauses in an assignment's timephased remaining work (`Type` 1): a run of periods with
/// zero work between periods with work is a pause, from the start of its first period to the
/// start of the next period with work; periods without a value (non-working days) are
/// neutral. Each pause is `(work before it, from, to)` in minutes. An assignment with a
/// pattern contour (`WorkContour` 1 to 7: back loaded to turtle) has none: its low periods are
/// the contour, not a split (`mspdiresource.xml`); flat (0) and edited (8, "contoured", as
/// Project marks a split assignment in `mspdisplittask.xml`) work is read.
fn timephased_pauses(a: &El) -> Vec<Pause> {
    if a.get("WorkContour")
        .is_some_and(|c| !matches!(c.trim(), "0" | "8"))
    {
        return Vec::new();
    }
    // Per period: its start and its work, `None` without a value, `Some(None)` for exactly
    // zero (every digit 0: "PT0H0M0S"), else the minutes.
    let mut v: Vec<(i64, Option<Option<i64>>)> = a
        .all("TimephasedData")
        .filter(|d| d.get("Type") == Some("1"))
        .filter_map(|d| {
            let start = parse_datetime(d.get("Start")?)?.minutes();
            let value = d.get("Value").map(|x| {
                if x.chars().filter(char::is_ascii_digit).all(|c| c == '0') {
                    None
                } else {
                    Some(parse_iso_minutes(x).unwrap_or(0))
                }
            });
            Some((start, value))
        })
        .collect();
    v.sort();
    let mut out = Vec::new();
    let (mut acc, mut gap, mut worked) = (0i64, None, false);
    for (start, value) in v {
        match value {
            Some(None) if worked && gap.is_none() => gap = Some(start),
            Some(Some(x)) => {
                if let Some(from) = gap.take() {
                    out.push((acc, from, start));
                }
                acc += x;
                worked = true;
            }
            _ => {}
        }
    }
    out
}

/// Split tasks: the pauses in the timephased remaining work of an unstarted working-time
/// task's assignments (the unassigned placeholder's too), in working time on the task's
/// calendar. Assignments of one task that disagree, or a split of a started or elapsed task,
/// leave the task without splits, with a warning.
fn splits(cx: &Ctx<'_>, root: &El, p: &mut Project, w: &mut Warnings) -> Result<()> {
    let Some(asg) = root.child("Assignments") else {
        return Ok(());
    };
    let mut found: Vec<(TaskIndex, Vec<Pause>)> = Vec::new();
    for a in asg.all("Assignment") {
        let Some(tuid) = cx.int(a, "TaskUID", &None)? else {
            continue;
        };
        let Some(task) = p.index_of(&tuid.to_string()) else {
            continue;
        };
        let pauses = timephased_pauses(a);
        if pauses.is_empty() {
            continue;
        }
        match found.iter().find(|(t, _)| *t == task) {
            Some((_, prev)) if *prev != pauses => {
                w.add(
                    WarningCode::LeftOut,
                    "Assignment/TimephasedData",
                    Some(&tuid.to_string()),
                    "assignments of a split task pause at different times; it is scheduled without its splits",
                );
                found.retain(|(t, _)| *t != task);
            }
            Some(_) => {}
            None => found.push((task, pauses)),
        }
    }
    if found.is_empty() {
        return Ok(());
    }
    let (cals, ids) = crate::schedule::network::compile_calendars(p)?;
    for (task, pauses) in found {
        let t = p.task(task);
        let id = t.id.to_string();
        if t.progress.actual_start.is_some() || t.duration.is_elapsed() || p.is_summary(task) {
            w.add(
                WarningCode::LeftOut,
                "Assignment/TimephasedData",
                Some(&id),
                "a split of a started, elapsed or summary task is not modelled; it is scheduled without its split",
            );
            continue;
        }
        let cal_id = t.calendar.as_ref().unwrap_or(p.calendar_id());
        let Some(cal) = ids.iter().position(|c| c == cal_id).map(|k| &cals[k]) else {
            continue;
        };
        let mut t = t.clone();
        t.splits = pauses
            .iter()
            .filter_map(|&(after, from, to)| {
                let pause = cal.ord(to) - cal.ord(from);
                (pause > 0).then(|| Split {
                    after: Duration::minutes_work(after),
                    pause: Duration::minutes_work(pause),
                })
            })
            .collect();
        if p.replace_task(task, t).is_err() {
            w.add(
                WarningCode::LeftOut,
                "Assignment/TimephasedData",
                Some(&id),
                "the split does not fit the task's duration; it is scheduled without it",
            );
        }
    }
    Ok(())
}

/// Resource calendars: Microsoft Project schedules a task with work resources on their
/// calendars unless it has its own calendar or ignores them. A task whose work resources share
/// one calendar gets it; one whose resources differ runs on the union of their calendars.
fn resource_calendars(
    p: &mut Project,
    pending: &[Pending],
    task_res: &TaskResourceCalendars,
    w: &mut Warnings,
) -> Result<()> {
    let mut unions: HashMap<Vec<CalendarId>, CalendarId> = HashMap::new();
    for pd in pending {
        let Some(cals) = task_res.get(&pd.idx) else {
            continue;
        };
        if pd.manual || p.is_summary(pd.idx) || pd.ignore_resource_calendar {
            continue;
        }
        let first = cals[0].clone();
        let same = cals.iter().all(|c| *c == first);
        let task_cal = p
            .task(pd.idx)
            .calendar
            .clone()
            .unwrap_or_else(|| p.calendar_id().clone());
        match first {
            Some(c) if same => {
                if c == task_cal {
                    continue;
                }
                if pd.has_own_calendar {
                    w.add(
                        WarningCode::Approximated,
                        "Task/CalendarUID",
                        Some(&pd.uid),
                        "a task calendar combined with a different resource calendar: the task \
                         calendar is used (Project intersects them)",
                    );
                    continue;
                }
                set_task_calendar(p, pd.idx, c)?;
            }
            _ if pd.has_own_calendar => w.add(
                WarningCode::Approximated,
                "Assignment",
                Some(&pd.uid),
                "resources on different calendars and a task calendar: the task is scheduled on \
                 its own calendar (Project schedules each assignment on its resource's calendar)",
            ),
            _ => {
                // Project schedules each assignment on its resource's calendar and the task
                // spans them; its duration is the working time of that span on the union of
                // their calendars, so the task runs on that union.
                let id = union_of(p, cals, &mut unions)?;
                set_task_calendar(p, pd.idx, id)?;
                w.add(
                    WarningCode::Approximated,
                    "Assignment",
                    Some(&pd.uid),
                    "resources on different calendars: the task runs on the union of their \
                     working time (Project schedules each assignment on its resource's calendar \
                     and the task spans them)",
                );
            }
        }
    }
    Ok(())
}

/// The key of the union of the calendars `cals` (`None`: the project calendar), added to the
/// project the first time it is needed.
fn union_of(
    p: &mut Project,
    cals: &[Option<CalendarId>],
    unions: &mut HashMap<Vec<CalendarId>, CalendarId>,
) -> Result<CalendarId> {
    let mut ids: Vec<CalendarId> = cals
        .iter()
        .map(|c| c.clone().unwrap_or_else(|| p.calendar_id().clone()))
        .collect();
    ids.sort();
    ids.dedup();
    if let Some(id) = unions.get(&ids) {
        return Ok(id.clone());
    }
    let cal: Calendar = union_calendar(p, &ids)?;
    let id = cal.id.clone();
    p.add_calendar(cal)?;
    unions.insert(ids, id.clone());
    Ok(id)
}

/// Puts task `idx` on calendar `id`.
fn set_task_calendar(p: &mut Project, idx: TaskIndex, id: CalendarId) -> Result<()> {
    let mut t = p.task(idx).clone();
    t.calendar = Some(id);
    p.replace_task(idx, t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_have_positions() {
        let e = read(b"<Project>\n<StartDate>2026-01-05T08:00:00</StartDate>\n<Tasks><Task><UID>1</UID><Duration>8h</Duration></Task></Tasks></Project>").unwrap_err();
        let Error::Xml(x) = &e else { panic!("{e}") };
        assert_eq!(x.line, 3);
        assert_eq!(x.element, "Task/Duration");
        assert_eq!(e.task_id().map(|t| t.as_str()), Some("1"));
        let e = read(b"<!DOCTYPE x [<!ENTITY a \"b\">]><Project/>").unwrap_err();
        assert!(e.to_string().contains("DOCTYPE"), "{e}");
        let e = read(b"<Project><Name>&a;</Name></Project>").unwrap_err();
        assert!(e.to_string().contains("undefined entity"), "{e}");
        let e = read(b"<Project><Name>\xff</Name></Project>").unwrap_err();
        assert!(e.to_string().contains("UTF-8"), "{e}");
        let deep = "<a>".repeat(100);
        assert!(matches!(read(deep.as_bytes()), Err(Error::Limit { .. })));
    }
}
