//! MSPDI calendars: weekdays, dated and recurring exceptions, work weeks, base calendars, and the
//! union of resource calendars a task with resources on different calendars runs on.

use super::recurring::{read_recurrence, MAX_RECURRENCE_DATES_PER_CALENDAR};
use super::values::{parse_time_of_day, Ctx};
use super::xml::El;
use crate::io::{WarningCode, Warnings};
use crate::{
    Calendar, CalendarException, CalendarId, Date, Error, Item, Project, Result, WorkCalendar,
    WorkingTime,
};

/// Reads one `<Calendar>`: its weekdays, its dated exceptions (the older `DayType 0` days, the
/// `<Exceptions>` with their recurrences, the `<WorkWeeks>`), resolved so that no two overlap.
pub(super) fn read_calendar(cx: &Ctx<'_>, c: &El, w: &mut Warnings) -> Result<Calendar> {
    let Some(uid) = cx.int(c, "UID", &None)? else {
        return Err(cx.err(c, None, "Calendar/UID", "a calendar without a <UID>"));
    };
    let id = uid.to_string();
    let item = Some(Item::Calendar(CalendarId::new(id.clone())));
    let mut cal = Calendar::new(id.as_str());
    cal.name = c.get("Name").unwrap_or("").to_owned();
    let base = cx
        .int(c, "BaseCalendarUID", &item)?
        .filter(|&b| b >= 0 && b != uid);
    let is_base = cx
        .val(c, "IsBaseCalendar", &item, "flag", |v| Some(v == "1"))?
        .unwrap_or(base.is_none());
    cal.base = if is_base {
        None
    } else {
        base.map(|b| CalendarId::new(b.to_string()))
    };
    let mut exceptions = week_days(cx, c, &item, &mut cal, w)?;
    if let Some(ex) = c.child("Exceptions") {
        dated_exceptions(cx, ex, &item, &mut exceptions, w)?;
    }
    if let Some(ww) = c.child("WorkWeeks") {
        work_weeks(cx, ww, &item, &mut exceptions, w)?;
    }
    cal.exceptions = without_overlaps(exceptions, w);
    if cal.base.is_none() {
        let std = Calendar::standard();
        for (k, d) in cal.week.iter_mut().enumerate() {
            if d.is_none() {
                *d = std.week[k].clone();
            }
        }
    }
    Ok(cal)
}

/// Reads `<WeekDays>` into the calendar's week, and returns the dated `DayType 0` exceptions
/// (the older form, read only when there are no `<Exceptions>`, which list the same days).
fn week_days(
    cx: &Ctx<'_>,
    c: &El,
    item: &Option<Item>,
    cal: &mut Calendar,
    w: &mut Warnings,
) -> Result<Vec<CalendarException>> {
    let mut exceptions: Vec<CalendarException> = Vec::new();
    let has_exceptions = c.child("Exceptions").is_some();
    if let Some(wd) = c.child("WeekDays") {
        for d in wd.all("WeekDay") {
            let ty = cx.int(d, "DayType", item)?.unwrap_or(-1);
            let working = read_working(cx, d, item)?;
            match ty {
                1..=7 => {
                    // DayType 1 is Sunday.
                    let k = ((ty + 5) % 7) as usize;
                    cal.week[k] = Some(working);
                }
                0 => {
                    if has_exceptions {
                        continue; // the same exceptions are listed under <Exceptions>
                    }
                    if let Some((from, to)) = period(cx, d, item)? {
                        exceptions.push(CalendarException {
                            name: String::new(),
                            from: Some(from),
                            to: Some(to),
                            working,
                        });
                    }
                }
                _ => w.add(
                    WarningCode::LeftOut,
                    "Calendar/WeekDays/WeekDay",
                    None,
                    "unknown DayType left out",
                ),
            }
        }
    }
    Ok(exceptions)
}

/// Adds the dates of each `<Exception>` (expanded from its recurrence) to `exceptions`.
fn dated_exceptions(
    cx: &Ctx<'_>,
    ex: &El,
    item: &Option<Item>,
    exceptions: &mut Vec<CalendarException>,
    w: &mut Warnings,
) -> Result<()> {
    let mut budget = MAX_RECURRENCE_DATES_PER_CALENDAR;
    for e in ex.all("Exception") {
        let Some(r) = read_recurrence(cx, e, item, w)? else {
            continue;
        };
        let name = e.get("Name").unwrap_or("");
        let working = read_working(cx, e, item)?;
        let (dates, cut) = r.expand(budget);
        if cut {
            w.add(
                WarningCode::LeftOut,
                "Calendar/Exceptions/Exception",
                None,
                "a recurring exception is expanded over at most 100 years and 100000 dates per calendar; later occurrences are left out",
            );
        }
        budget -= dates.len();
        // Runs of consecutive dates become one ranged exception.
        let mut run: Option<(Date, Date)> = None;
        for d in dates {
            match &mut run {
                Some((_, to)) if to.days() + 1 == d.days() => *to = d,
                _ => {
                    if let Some((from, to)) = run.replace((d, d)) {
                        exceptions.push(CalendarException::working(
                            name,
                            from,
                            to,
                            working.clone(),
                        ));
                    }
                }
            }
        }
        if let Some((from, to)) = run {
            exceptions.push(CalendarException::working(name, from, to, working));
        }
    }
    Ok(())
}

/// Work weeks: dated weekly patterns, expanded to one exception per covered day that no dated
/// exception covers, added to `exceptions`.
fn work_weeks(
    cx: &Ctx<'_>,
    ww: &El,
    item: &Option<Item>,
    exceptions: &mut Vec<CalendarException>,
    w: &mut Warnings,
) -> Result<()> {
    // Dated exceptions win over work weeks: their spans by first date, with the latest
    // last date so far, to look a day up by binary search.
    let mut spans: Vec<(i64, i64)> = exceptions
        .iter()
        .filter_map(|e| Some((e.from?.days(), e.to?.days())))
        .collect();
    spans.sort_unstable();
    let mut reach = i64::MIN;
    for s in &mut spans {
        reach = reach.max(s.1);
        s.1 = reach;
    }
    let in_exception = |d: i64| {
        let i = spans.partition_point(|s| s.0 <= d);
        i > 0 && spans[i - 1].1 >= d
    };
    // Days already given by an earlier work week.
    let mut by_week = std::collections::HashSet::new();
    for week in ww.all("WorkWeek") {
        let Some((from, to)) = period(cx, week, item)? else {
            continue;
        };
        let mut days: [Option<Vec<WorkingTime>>; 7] = Default::default();
        if let Some(wd) = week.child("WeekDays") {
            for d in wd.all("WeekDay") {
                let ty = cx.int(d, "DayType", item)?.unwrap_or(-1);
                if (1..=7).contains(&ty) {
                    days[((ty + 5) % 7) as usize] = Some(read_working(cx, d, item)?);
                }
            }
        }
        if to.days() - from.days() > 366 * 30 {
            w.add(
                WarningCode::LeftOut,
                "Calendar/WorkWeeks/WorkWeek",
                None,
                "a work week longer than 30 years is cut to 30 years",
            );
        }
        let end = to.days().min(from.days() + 366 * 30);
        let mut d = from;
        while d.days() <= end {
            if let Some(wt) = &days[d.weekday().index()] {
                if !in_exception(d.days()) && by_week.insert(d.days()) {
                    exceptions.push(CalendarException {
                        name: week.get("Name").unwrap_or("").to_owned(),
                        from: Some(d),
                        to: Some(d),
                        working: wt.clone(),
                    });
                }
            }
            d = d.succ();
        }
    }
    Ok(())
}

/// The exceptions sorted by date, with days they share kept for the one starting first.
fn without_overlaps(
    mut exceptions: Vec<CalendarException>,
    w: &mut Warnings,
) -> Vec<CalendarException> {
    // Overlapping exceptions are an error in the core. Two recurring exceptions may share a
    // date (Project keeps both); on shared days the one starting first is kept, and the rest of
    // the other still applies. Only a clash of different working times is worth a warning.
    exceptions.sort_by_key(|e| e.from);
    let mut kept: Vec<CalendarException> = Vec::with_capacity(exceptions.len());
    for mut e in exceptions {
        if let Some(l) = kept.last().filter(|l| l.to >= e.from) {
            if l.working != e.working {
                w.add(
                    WarningCode::Approximated,
                    "Calendar/Exceptions/Exception",
                    None,
                    "exceptions with different working times share days: the one starting first is kept on them",
                );
            }
            if e.to <= l.to {
                continue;
            }
            e.from = l.to.map(|t| t.succ());
        }
        kept.push(e);
    }
    kept
}

/// The days of a `<TimePeriod>` (`FromDate` to `ToDate`, or `FromDate` alone), if any.
pub(super) fn period(cx: &Ctx<'_>, el: &El, item: &Option<Item>) -> Result<Option<(Date, Date)>> {
    let Some(tp) = el.child("TimePeriod") else {
        return Ok(None);
    };
    let from = cx.date(tp, "FromDate", item)?;
    let to = cx.date(tp, "ToDate", item)?;
    Ok(match (from, to) {
        (Some(f), Some(t)) => {
            // ToDate is the last minute of the last day (23:59) or midnight after it.
            let to = if t.minute_of_day() == 0 && t > f {
                t.add_minutes(-1).date()
            } else {
                t.date()
            };
            Some((f.date(), to.max(f.date())))
        }
        (Some(f), None) => Some((f.date(), f.date())),
        _ => None,
    })
}

/// The working times of a `<WeekDay>`, `<Exception>` or work-week day (none unless
/// `DayWorking` is 1), merged where they overlap.
fn read_working(cx: &Ctx<'_>, d: &El, item: &Option<Item>) -> Result<Vec<WorkingTime>> {
    if !cx.flag(d, "DayWorking", item)? {
        return Ok(Vec::new());
    }
    let mut v = Vec::new();
    if let Some(wts) = d.child("WorkingTimes") {
        for wt in wts.all("WorkingTime") {
            let from = cx.val(wt, "FromTime", item, "time of day", parse_time_of_day)?;
            let to = cx.val(wt, "ToTime", item, "time of day", parse_time_of_day)?;
            if let (Some(f), Some(t)) = (from, to) {
                let t = if t == 0 { 1440 } else { t };
                match WorkingTime::new(f, t) {
                    Some(x) => v.push(x),
                    None => {
                        return Err(cx.err(
                            wt,
                            item.clone(),
                            "WorkingTime",
                            "a working time that ends before it starts",
                        ))
                    }
                }
            }
        }
    }
    // Merge overlaps so the core accepts the day.
    Ok(union_times(v))
}

/// Merges working-time intervals into sorted, disjoint ones (touching intervals join).
fn union_times(mut v: Vec<WorkingTime>) -> Vec<WorkingTime> {
    v.sort();
    let mut out: Vec<WorkingTime> = Vec::with_capacity(v.len());
    for x in v {
        match out.last_mut() {
            Some(l) if x.start <= l.end => l.end = l.end.max(x.end),
            _ => out.push(x),
        }
    }
    out
}

/// A calendar whose working time is the union of the calendars `ids` (each resolved through its
/// bases): the union of their weekdays, and on every date one of them (or a base) has an
/// exception, the union of what each works that day.
pub(super) fn union_calendar(p: &Project, ids: &[CalendarId]) -> Result<Calendar> {
    let mut key = ids.iter().map(|c| c.as_str()).collect::<Vec<_>>().join("+");
    while p.calendar(&CalendarId::new(key.clone())).is_some() {
        key.push('+');
    }
    let mut cal = Calendar::new(key.as_str());
    let mut names = Vec::new();
    let mut compiled = Vec::new();
    let mut week: [Vec<WorkingTime>; 7] = Default::default();
    let mut days = std::collections::BTreeSet::new();
    for id in ids {
        let c = p.calendar(id).ok_or_else(|| Error::UnknownCalendar {
            id: id.clone(),
            by: Item::Project,
        })?;
        names.push(if c.name.is_empty() {
            id.to_string()
        } else {
            c.name.clone()
        });
        compiled.push(WorkCalendar::compile(c, |b| p.calendar(b))?);
        // The weekdays after inheritance, and every date an exception of the chain covers.
        let mut resolved: [Option<&Vec<WorkingTime>>; 7] = [None; 7];
        let mut link = Some(c);
        let mut hops = 0;
        while let Some(k) = link {
            for (d, w) in k.week.iter().enumerate() {
                if resolved[d].is_none() {
                    resolved[d] = w.as_ref();
                }
            }
            for e in &k.exceptions {
                if let Some(from) = e.from.or(e.to) {
                    let to = e.to.unwrap_or(from);
                    days.extend(from.days()..=to.days());
                }
            }
            hops += 1;
            link = k
                .base
                .as_ref()
                .and_then(|b| p.calendar(b))
                .filter(|_| hops < 64);
        }
        for (d, w) in resolved.iter().enumerate() {
            if let Some(w) = w {
                week[d].extend(w.iter().copied());
            }
        }
    }
    cal.name = names.join(" + ");
    for (d, w) in week.into_iter().enumerate() {
        cal.week[d] = Some(union_times(w));
    }
    // Dated differences from the weekly union, as runs of equal days.
    let mut run: Option<(Date, Date, Vec<WorkingTime>)> = None;
    for day in days {
        let Some(date) = Date::from_days(day) else {
            continue;
        };
        let t = union_times(
            compiled
                .iter()
                .flat_map(|c| c.working_time_on(date))
                .collect(),
        );
        let weekly = cal.week[date.weekday().index()].as_deref() == Some(&t[..]);
        match &mut run {
            Some((_, to, w)) if !weekly && to.days() + 1 == day && *w == t => *to = date,
            _ => {
                if let Some((from, to, w)) = run.take() {
                    cal.exceptions
                        .push(CalendarException::working("", from, to, w));
                }
                if !weekly {
                    run = Some((date, date, t));
                }
            }
        }
    }
    if let Some((from, to, w)) = run {
        cal.exceptions
            .push(CalendarException::working("", from, to, w));
    }
    Ok(cal)
}
