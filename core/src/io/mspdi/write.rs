//! Writing MSPDI: a project and its computed schedule as the XML Microsoft Project reads.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::values::iso_minutes;
use crate::{
    Calendar, CalendarId, Constraint, DateTime, Duration, Lag, Link, LinkType, Project,
    ResourceKind, Schedule, ScheduleFrom, TaskIndex, Weekday, WorkCalendar, WorkingTime, STANDARD,
};

/// Writes a project and its schedule as an MSPDI document.
///
/// Each task gets its key as `UID` when the key is a positive integer (as after
/// [`read`](super::read)), else the next free number; the computed schedule fills `Start`,
/// `Finish`, `EarlyStart`, `EarlyFinish`, `LateStart`, `LateFinish`, `TotalSlack`, `FreeSlack`
/// (tenths of minutes) and `Critical`. Calendars, constraints, deadlines, links with lags,
/// progress, baselines, resources and assignments are written too, so [`read`](super::read)
/// (and other MSPDI readers) read them back.
pub fn write(p: &Project, s: &Schedule) -> String {
    let mut o = String::new();
    o.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    o.push_str("<Project xmlns=\"http://schemas.microsoft.com/project\">\n");
    let cals = calendars_to_write(p);
    let cuid = CalendarUids::new(&cals);
    header(&mut o, p, s, &cuid);
    calendars(&mut o, &cals, &cuid);
    let tuid = uids(p.tasks().iter().map(|t| t.id.as_str()), &[0]);
    tasks(&mut o, p, s, &tuid, &cuid);
    resources_and_assignments(&mut o, p, s, &tuid, &cuid);
    o.push_str("</Project>\n");
    o
}

/// One element with text on a line of its own, indented by `ind` tabs.
fn tag(o: &mut String, ind: usize, name: &str, v: &str) {
    let _ = writeln!(o, "{}<{name}>{}</{name}>", "\t".repeat(ind), esc(v));
}

/// A time of day in minutes as `HH:MM:00`.
fn hm(m: u16) -> String {
    format!("{:02}:{:02}:00", m / 60, m % 60)
}

/// The calendars to write: the defined ones, plus the built-in standard when it is used.
fn calendars_to_write(p: &Project) -> Vec<Calendar> {
    let mut cals: Vec<Calendar> = p.calendars().to_vec();
    let std_used = p.calendar_id().as_str() == STANDARD
        || p.tasks()
            .iter()
            .any(|t| t.calendar.as_ref().is_some_and(|c| c.as_str() == STANDARD))
        || p.resources()
            .iter()
            .any(|r| r.calendar.as_ref().is_some_and(|c| c.as_str() == STANDARD))
        || cals
            .iter()
            .any(|c| c.base.as_ref().is_some_and(|b| b.as_str() == STANDARD));
    if std_used && !cals.iter().any(|c| c.id.as_str() == STANDARD) {
        cals.insert(0, Calendar::standard());
    }
    cals
}

/// The UID each calendar is written with.
struct CalendarUids(HashMap<String, i64>);

impl CalendarUids {
    fn new(cals: &[Calendar]) -> CalendarUids {
        CalendarUids(
            cals.iter()
                .map(|c| c.id.to_string())
                .zip(uids(cals.iter().map(|c| c.id.as_str()), &[]))
                .collect(),
        )
    }

    /// The UID of calendar `id` (-1 for a calendar that is not written).
    fn of(&self, id: &CalendarId) -> i64 {
        self.0.get(id.as_str()).copied().unwrap_or(-1)
    }
}

/// The project's own elements: name, schedule direction, dates, calendar, units.
fn header(o: &mut String, p: &Project, s: &Schedule, cuid: &CalendarUids) {
    let st = p.settings();
    tag(o, 1, "SaveVersion", "14");
    tag(o, 1, "Name", p.name());
    tag(o, 1, "Title", p.name());
    match p.schedule_from() {
        ScheduleFrom::Start(_) => tag(o, 1, "ScheduleFromStart", "1"),
        ScheduleFrom::Finish(_) => tag(o, 1, "ScheduleFromStart", "0"),
    }
    tag(o, 1, "StartDate", &dt(s.project_start));
    tag(o, 1, "FinishDate", &dt(s.project_finish));
    tag(o, 1, "CalendarUID", &cuid.of(p.calendar_id()).to_string());
    let (ds, df) = p.default_times();
    tag(o, 1, "DefaultStartTime", &hm(ds));
    tag(o, 1, "DefaultFinishTime", &hm(df.min(1439)));
    tag(o, 1, "MinutesPerDay", &st.minutes_per_day.to_string());
    tag(o, 1, "MinutesPerWeek", &st.minutes_per_week.to_string());
    tag(o, 1, "DaysPerMonth", &st.days_per_month.to_string());
    if let Some(sd) = p.status_date() {
        tag(o, 1, "StatusDate", &dt(sd));
    }
}

/// `<Calendars>`: each calendar's weekdays and its dated exceptions.
fn calendars(o: &mut String, cals: &[Calendar], cuid: &CalendarUids) {
    o.push_str("\t<Calendars>\n");
    for c in cals {
        o.push_str("\t\t<Calendar>\n");
        tag(o, 3, "UID", &cuid.of(&c.id).to_string());
        tag(
            o,
            3,
            "Name",
            if c.name.is_empty() {
                c.id.as_str()
            } else {
                &c.name
            },
        );
        tag(
            o,
            3,
            "IsBaseCalendar",
            if c.base.is_some() { "0" } else { "1" },
        );
        tag(
            o,
            3,
            "BaseCalendarUID",
            &c.base.as_ref().map_or(-1, |c| cuid.of(c)).to_string(),
        );
        o.push_str("\t\t\t<WeekDays>\n");
        let day = |o: &mut String, working: &[WorkingTime]| {
            let _ = writeln!(
                o,
                "\t\t\t\t\t<DayWorking>{}</DayWorking>",
                u8::from(!working.is_empty())
            );
            if !working.is_empty() {
                o.push_str("\t\t\t\t\t<WorkingTimes>\n");
                for wt in working {
                    let end = if wt.end == 1440 { 0 } else { wt.end };
                    let _ = writeln!(
                        o,
                        "\t\t\t\t\t\t<WorkingTime><FromTime>{}</FromTime><ToTime>{}</ToTime></WorkingTime>",
                        hm(wt.start),
                        hm(end)
                    );
                }
                o.push_str("\t\t\t\t\t</WorkingTimes>\n");
            }
        };
        for wd in Weekday::ALL {
            if let Some(working) = &c.week[wd.index()] {
                o.push_str("\t\t\t\t<WeekDay>\n");
                let _ = writeln!(
                    o,
                    "\t\t\t\t\t<DayType>{}</DayType>",
                    (wd.index() + 1) % 7 + 1
                );
                day(o, working);
                o.push_str("\t\t\t\t</WeekDay>\n");
            }
        }
        o.push_str("\t\t\t</WeekDays>\n");
        // Dated exceptions in the Project 2007+ form, which carries their names.
        if !c.exceptions.is_empty() {
            o.push_str("\t\t\t<Exceptions>\n");
            for e in &c.exceptions {
                let (Some(f), Some(t)) = (e.from, e.to) else {
                    continue;
                };
                o.push_str("\t\t\t\t<Exception>\n");
                o.push_str("\t\t\t\t\t<EnteredByOccurrences>0</EnteredByOccurrences>\n");
                let _ = writeln!(
                    o,
                    "\t\t\t\t\t<TimePeriod><FromDate>{}</FromDate><ToDate>{}</ToDate></TimePeriod>",
                    dt(f.at(0)),
                    dt(t.at(23 * 60 + 59))
                );
                o.push_str("\t\t\t\t\t<Occurrences>1</Occurrences>\n");
                tag(o, 5, "Name", &e.name);
                o.push_str("\t\t\t\t\t<Type>1</Type>\n");
                day(o, &e.working);
                o.push_str("\t\t\t\t</Exception>\n");
            }
            o.push_str("\t\t\t</Exceptions>\n");
        }
        o.push_str("\t\t</Calendar>\n");
    }
    o.push_str("\t</Calendars>\n");
}

/// `<Tasks>`: each task with its computed schedule, constraint, links and baselines.
fn tasks(o: &mut String, p: &Project, s: &Schedule, tuid: &[i64], cuid: &CalendarUids) {
    let depth = |mut i: usize| {
        let mut d = 1;
        while let Some(q) = p.tasks()[i].parent {
            d += 1;
            i = q.index();
        }
        d
    };
    let mut preds: Vec<Vec<&Link>> = vec![Vec::new(); p.len()];
    for l in p.links() {
        preds[l.to.index()].push(l);
    }
    o.push_str("\t<Tasks>\n");
    // MSPDI gives the hierarchy only by the tasks' order and outline levels.
    for (row, i) in p.outline_order().into_iter().enumerate() {
        let k = i.index();
        let t = &p.tasks()[k];
        let ts = s.task(i);
        let summary = p.is_summary(i);
        o.push_str("\t\t<Task>\n");
        tag(o, 3, "UID", &tuid[k].to_string());
        tag(o, 3, "ID", &(row + 1).to_string());
        tag(o, 3, "Name", &t.name);
        let ty = match t.task_type {
            crate::model::TaskType::FixedUnits => 0,
            crate::model::TaskType::FixedDuration => 1,
            crate::model::TaskType::FixedWork => 2,
        };
        tag(o, 3, "Type", &ty.to_string());
        tag(o, 3, "Manual", if t.pinned.is_some() { "1" } else { "0" });
        tag(o, 3, "OutlineLevel", &depth(k).to_string());
        tag(o, 3, "Priority", &t.priority.to_string());
        tag(o, 3, "Start", &dt(ts.start));
        tag(o, 3, "Finish", &dt(ts.finish));
        let dur = if summary {
            // A summary's duration is its rolled-up span on its calendar; written as working
            // time between start and finish is what Project shows, but readers recompute it.
            Duration::ZERO
        } else {
            t.duration
        };
        tag(o, 3, "Duration", &iso_minutes(dur.minutes()));
        let fmt = if dur.is_elapsed() { "8" } else { "7" };
        tag(o, 3, "DurationFormat", fmt);
        if let Some(w) = t.work {
            tag(o, 3, "Work", &iso_minutes(w.minutes()));
        }
        tag(
            o,
            3,
            "EffortDriven",
            if t.effort_driven { "1" } else { "0" },
        );
        tag(
            o,
            3,
            "Milestone",
            // The task's own flag: a task of zero duration need not be a milestone.
            if t.milestone && !summary { "1" } else { "0" },
        );
        tag(o, 3, "Summary", if summary { "1" } else { "0" });
        tag(o, 3, "Critical", if ts.critical { "1" } else { "0" });
        tag(o, 3, "EarlyStart", &dt(ts.early_start));
        tag(o, 3, "EarlyFinish", &dt(ts.early_finish));
        tag(o, 3, "LateStart", &dt(ts.late_start));
        tag(o, 3, "LateFinish", &dt(ts.late_finish));
        tag(
            o,
            3,
            "FreeSlack",
            &(ts.free_float.minutes() * 10).to_string(),
        );
        tag(
            o,
            3,
            "TotalSlack",
            &(ts.total_float.minutes() * 10).to_string(),
        );
        tag(
            o,
            3,
            "PercentComplete",
            &t.progress.percent_complete.to_string(),
        );
        if let Some(a) = t.progress.actual_start {
            tag(o, 3, "ActualStart", &dt(a));
        }
        if let Some(a) = t.progress.actual_finish {
            tag(o, 3, "ActualFinish", &dt(a));
        }
        let (done, left) = if t.progress.actual_finish.is_some() {
            (dur.minutes(), 0)
        } else {
            t.progress.split(dur)
        };
        tag(o, 3, "ActualDuration", &iso_minutes(done));
        // The task's own actual work, only where no assignment carries one (the reader's
        // and the model's precedence).
        if let Some(w) = t.progress.actual_work {
            if !p
                .assignments()
                .iter()
                .any(|a| a.task == i && a.actual_work.is_some())
            {
                tag(o, 3, "ActualWork", &iso_minutes(w.minutes()));
            }
        }
        tag(o, 3, "RemainingDuration", &iso_minutes(left));
        let (ct, cd) = match t.constraint {
            Constraint::AsSoonAsPossible => (0, None),
            Constraint::AsLateAsPossible => (1, None),
            Constraint::MustStartOn(d) => (2, Some(d)),
            Constraint::MustFinishOn(d) => (3, Some(d)),
            Constraint::StartNoEarlierThan(d) => (4, Some(d)),
            Constraint::StartNoLaterThan(d) => (5, Some(d)),
            Constraint::FinishNoEarlierThan(d) => (6, Some(d)),
            Constraint::FinishNoLaterThan(d) => (7, Some(d)),
        };
        tag(o, 3, "ConstraintType", &ct.to_string());
        if let Some(d) = cd {
            tag(o, 3, "ConstraintDate", &dt(d));
        }
        if let Some(d) = t.deadline {
            tag(o, 3, "Deadline", &dt(d));
        }
        tag(
            o,
            3,
            "CalendarUID",
            &t.calendar.as_ref().map_or(-1, |c| cuid.of(c)).to_string(),
        );
        if let Some(pin) = t.pinned {
            tag(o, 3, "ManualStart", &dt(pin.start));
            if let Some(f) = pin.finish {
                tag(o, 3, "ManualFinish", &dt(f));
            }
        }
        for l in &preds[k] {
            o.push_str("\t\t\t<PredecessorLink>\n");
            tag(o, 4, "PredecessorUID", &tuid[l.from.index()].to_string());
            let ty = match l.kind {
                LinkType::FinishToFinish => 0,
                LinkType::FinishToStart => 1,
                LinkType::StartToFinish => 2,
                LinkType::StartToStart => 3,
            };
            tag(o, 4, "Type", &ty.to_string());
            let (lag, fmt) = match l.lag {
                Lag::Time(d) if d.is_elapsed() => (d.minutes() * 10, 8),
                Lag::Time(d) => (d.minutes() * 10, 7),
                Lag::Percent(pc) => ((pc as i64) / 100, 19),
            };
            tag(o, 4, "LinkLag", &lag.to_string());
            tag(o, 4, "LagFormat", &fmt.to_string());
            o.push_str("\t\t\t</PredecessorLink>\n");
        }
        for b in &t.baselines {
            o.push_str("\t\t\t<Baseline>\n");
            tag(o, 4, "Number", &b.number.to_string());
            if let Some(x) = b.start {
                tag(o, 4, "Start", &dt(x));
            }
            if let Some(x) = b.finish {
                tag(o, 4, "Finish", &dt(x));
            }
            if let Some(x) = b.duration {
                tag(o, 4, "Duration", &iso_minutes(x.minutes()));
                tag(
                    o,
                    4,
                    "DurationFormat",
                    if x.is_elapsed() { "8" } else { "7" },
                );
            }
            if let Some(x) = b.work {
                tag(o, 4, "Work", &iso_minutes(x.minutes()));
            }
            if let Some(c) = b.cost {
                tag(o, 4, "Cost", &c.cents().to_string());
            }
            o.push_str("\t\t\t</Baseline>\n");
        }
        o.push_str("\t\t</Task>\n");
    }
    o.push_str("\t</Tasks>\n");
}

/// A resource's cost rate table A with its effective dates (`<Rates>`, after `CalendarUID` in
/// the schema's order): the resource's own rates from Project's earliest date, then each
/// change from its `from`; each entry runs to the minute before the next one starts, the last
/// to Project's latest date.
fn rates(o: &mut String, r: &crate::Resource) {
    let first = crate::RateChange {
        from: DateTime::from_parts(1984, 1, 1, 0, 0).unwrap_or(DateTime::MIN),
        standard_rate: r.standard_rate,
        overtime_rate: r.overtime_rate,
        cost_per_use: r.cost_per_use,
    };
    let all: Vec<&crate::RateChange> = std::iter::once(&first).chain(&r.rates).collect();
    let last = DateTime::from_parts(2049, 12, 31, 23, 59).unwrap_or(DateTime::MIN);
    o.push_str("\t\t\t<Rates>\n");
    for (k, x) in all.iter().enumerate() {
        let to = all.get(k + 1).map_or(last, |n| n.from.add_minutes(-1));
        o.push_str("\t\t\t\t<Rate>\n");
        tag(o, 5, "RatesFrom", &x.from.to_string());
        tag(o, 5, "RatesTo", &to.to_string());
        tag(o, 5, "RateTable", "0");
        let rate = |m: Option<crate::Money>| format!("{:.2}", m.map_or(0.0, crate::Money::value));
        tag(o, 5, "StandardRate", &rate(x.standard_rate));
        tag(o, 5, "OvertimeRate", &rate(x.overtime_rate));
        tag(
            o,
            5,
            "CostPerUse",
            &x.cost_per_use.map_or(0, crate::Money::cents).to_string(),
        );
        o.push_str("\t\t\t\t</Rate>\n");
    }
    o.push_str("\t\t\t</Rates>\n");
}

/// `<Resources>` and `<Assignments>`.
fn resources_and_assignments(
    o: &mut String,
    p: &Project,
    s: &Schedule,
    tuid: &[i64],
    cuid: &CalendarUids,
) {
    let ruid = uids(p.resources().iter().map(|r| r.id.as_str()), &[0]);
    o.push_str("\t<Resources>\n");
    for (k, r) in p.resources().iter().enumerate() {
        o.push_str("\t\t<Resource>\n");
        tag(o, 3, "UID", &ruid[k].to_string());
        tag(o, 3, "ID", &(k + 1).to_string());
        tag(o, 3, "Name", &r.name);
        let ty = match r.kind {
            ResourceKind::Material => 0,
            ResourceKind::Work => 1,
            ResourceKind::Cost => 2,
        };
        tag(o, 3, "Type", &ty.to_string());
        if !r.group.is_empty() {
            tag(o, 3, "Group", &r.group);
        }
        tag(
            o,
            3,
            "MaxUnits",
            &format!("{:.2}", r.max_units as f64 / 100.0),
        );
        // In the schema's order: Group before MaxUnits, the rates after it and before
        // CalendarUID; rates in currency an hour, the cost per use in cents (as MSPDI stores them).
        for (name, rate) in [
            ("StandardRate", r.standard_rate),
            ("OvertimeRate", r.overtime_rate),
        ] {
            if let Some(m) = rate {
                tag(o, 3, name, &format!("{:.2}", m.value()));
            }
        }
        if let Some(m) = r.cost_per_use {
            tag(o, 3, "CostPerUse", &m.cents().to_string());
        }
        if let Some(c) = &r.calendar {
            tag(o, 3, "CalendarUID", &cuid.of(c).to_string());
        }
        if !r.rates.is_empty() {
            rates(o, r);
        }
        o.push_str("\t\t</Resource>\n");
    }
    o.push_str("\t</Resources>\n");
    // The task calendars, compiled once, only when a task is split.
    let cals = p
        .tasks()
        .iter()
        .any(|t| !t.splits.is_empty())
        .then(|| crate::schedule::network::compile_calendars(p).ok())
        .flatten();
    let cals = cals.as_ref();
    o.push_str("\t<Assignments>\n");
    for (k, a) in p.assignments().iter().enumerate() {
        o.push_str("\t\t<Assignment>\n");
        tag(o, 3, "UID", &(k + 1).to_string());
        tag(o, 3, "TaskUID", &tuid[a.task.index()].to_string());
        tag(o, 3, "ResourceUID", &ruid[a.resource.index()].to_string());
        if let Some(w) = a.actual_work {
            tag(o, 3, "ActualWork", &iso_minutes(w.minutes()));
        }
        if let Some(c) = a.cost {
            tag(o, 3, "Cost", &c.cents().to_string());
        }
        tag(o, 3, "Units", &format!("{:.2}", a.units as f64 / 100.0));
        if let Some(wk) = a.work {
            tag(o, 3, "Work", &iso_minutes(wk.minutes()));
        }
        if let Some(segs) = split_segments(p, s, cals, a.task) {
            timephased(o, &segs);
        }
        o.push_str("\t\t</Assignment>\n");
    }
    // A split task without assignments carries its segments on Project's unassigned
    // placeholder, as Project itself writes it.
    let mut uid = p.assignments().len();
    for (i, &task_uid) in tuid.iter().enumerate().take(p.len()) {
        let task = TaskIndex::from_raw(i as u32);
        if p.assignments().iter().any(|a| a.task == task) {
            continue;
        }
        let Some(segs) = split_segments(p, s, cals, task) else {
            continue;
        };
        uid += 1;
        o.push_str("\t\t<Assignment>\n");
        tag(o, 3, "UID", &uid.to_string());
        tag(o, 3, "TaskUID", &task_uid.to_string());
        tag(o, 3, "ResourceUID", "-65535");
        tag(o, 3, "Units", "1.00");
        timephased(o, &segs);
        o.push_str("\t\t</Assignment>\n");
    }
    o.push_str("\t</Assignments>\n");
}

/// The work periods and pauses of a split task as scheduled: `(start, finish, working
/// minutes)`, a pause having 0. `None` for a task without splits (or one the reader would not
/// read a split of: started, elapsed or summary), and without `cals` (the compiled calendars and
/// their ids) or if the calendar arithmetic fails.
fn split_segments(
    p: &Project,
    s: &Schedule,
    cals: Option<&(Vec<WorkCalendar>, Vec<CalendarId>)>,
    task: TaskIndex,
) -> Option<Vec<(DateTime, DateTime, i64)>> {
    let t = p.task(task);
    if t.splits.is_empty()
        || t.progress.actual_start.is_some()
        || t.duration.is_elapsed()
        || p.is_summary(task)
    {
        return None;
    }
    let (cals, ids) = cals?;
    let cal_id = t.calendar.as_ref().unwrap_or(p.calendar_id());
    let cal = &cals[ids.iter().position(|c| c == cal_id)?];
    let mut out = Vec::with_capacity(2 * t.splits.len() + 1);
    let mut at = s.tasks()[task.index()].start;
    let mut done = 0;
    for sp in &t.splits {
        let work = sp.after.minutes() - done;
        let end = cal.add_work(at, work).ok()?;
        let resume = cal
            .next_work_start(cal.add_work(end, sp.pause.minutes()).ok()?)
            .ok()?;
        out.push((at, end, work));
        out.push((end, resume, 0));
        done = sp.after.minutes();
        at = resume;
    }
    let rest = t.duration.minutes() - done;
    out.push((at, cal.add_work(at, rest).ok()?, rest));
    Some(out)
}

/// Timephased remaining work (`Type` 1), one period per segment, which the reader turns back
/// into the splits. The values are the task's working time (its work at 100 % units).
fn timephased(o: &mut String, segs: &[(DateTime, DateTime, i64)]) {
    for &(start, finish, minutes) in segs {
        o.push_str("\t\t\t<TimephasedData>\n");
        tag(o, 4, "Type", "1");
        tag(o, 4, "Start", &dt(start));
        tag(o, 4, "Finish", &dt(finish));
        tag(o, 4, "Unit", "2");
        tag(o, 4, "Value", &iso_minutes(minutes));
        o.push_str("\t\t\t</TimephasedData>\n");
    }
}

/// `s` with the XML special characters escaped and control characters dropped.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '&' => o.push_str("&amp;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => {}
            c => o.push(c),
        }
    }
    o
}

/// Numeric UIDs for keys: a key that is a unique non-negative integer keeps its number, others
/// get the next free numbers in order.
fn uids<'a>(keys: impl Iterator<Item = &'a str>, reserved: &[i64]) -> Vec<i64> {
    let keys: Vec<&str> = keys.collect();
    let mut used: std::collections::BTreeSet<i64> = reserved.iter().copied().collect();
    let mut out = vec![-1i64; keys.len()];
    for (k, key) in keys.iter().enumerate() {
        if let Ok(n) = key.parse::<i64>() {
            if (1..i32::MAX as i64).contains(&n) && n.to_string() == *key && used.insert(n) {
                out[k] = n;
            }
        }
    }
    let first = used.iter().next_back().copied().unwrap_or(0).max(0) + 1;
    for (next, o) in (first..).zip(out.iter_mut().filter(|o| **o < 0)) {
        *o = next;
    }
    out
}

/// A date-time as MSPDI writes it (`YYYY-MM-DDTHH:MM:SS`).
fn dt(d: DateTime) -> String {
    d.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uid_assignment() {
        assert_eq!(
            uids(["3", "A", "1", "3", "07"].into_iter(), &[0]),
            vec![3, 4, 1, 5, 6]
        );
    }
}
