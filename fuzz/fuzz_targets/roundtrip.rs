//! JSON → MSPDI → JSON: a JSON project document that jindu accepts and exports
//! (`io::write(Format::Mspdi, ..)`) reads back (`io::read`) with every field MSPDI carries —
//! the project's name, start, status date, direction and duration settings; per task its name,
//! duration, milestone flag, parent, constraint, deadline, priority, pin, progress, baselines
//! (with their cost, a zero cost read as none, as Project writes it for a plan without costs)
//! and calendar (by its working time: MSPDI renumbers calendars); the links with type and lag;
//! the calendars; the resources (with their rates, cost per use, group and rate changes) and
//! assignments (with the cost of a cost resource's) — and both schedule to the same dates.
//! MSPDI renumbers keys that are not positive integers and gives the hierarchy by the order of
//! the tasks, so the export writes them in outline order (each summary followed by its subtasks)
//! and they are compared through that order (`Project::outline_order`); a project already in outline order
//! keeps its order.
#![no_main]

use jindu::io::{self, json, Format, ReadOptions};
use jindu::{Calendar, Project, TaskIndex};
use libfuzzer_sys::fuzz_target;

/// A calendar's own definition, without its key and name: (base, week, exceptions).
fn calendar_shape(
    p: &Project,
    c: &Calendar,
) -> (
    Option<String>,
    Vec<Option<Vec<jindu::WorkingTime>>>,
    Vec<jindu::CalendarException>,
) {
    let base = c.base.as_ref().map(|b| match p.calendar(b) {
        Some(b) => format!("{:?}", calendar_shape(p, b)),
        None => b.to_string(),
    });
    // Exceptions in date order: the export groups them (their order means nothing where they do not
    // overlap, and where they do, the dates compared below show it).
    let mut ex = c.exceptions.clone();
    for e in &mut ex {
        e.name.clear();
    }
    ex.sort_by(|a, b| (a.from, a.to, &a.working).cmp(&(b.from, b.to, &b.working)));
    for e in &mut ex {
        e.working = merged(&e.working);
    }
    let week = c.week.iter().map(|d| d.as_deref().map(merged)).collect();
    (base, week, ex)
}

/// Working times with touching intervals joined (09:00-12:00 and 12:00-18:00 are
/// 09:00-18:00), the one form MSPDI gives them.
fn merged(v: &[jindu::WorkingTime]) -> Vec<jindu::WorkingTime> {
    let mut out: Vec<jindu::WorkingTime> = Vec::new();
    for &w in v {
        match out.last_mut() {
            Some(last) if last.end == w.start => last.end = w.end,
            _ => out.push(w),
        }
    }
    out
}

fn task_calendar(p: &Project, i: TaskIndex) -> Option<String> {
    let id = p.task(i).calendar.as_ref()?;
    Some(match p.calendar(id) {
        Some(c) => format!("{:?}", calendar_shape(p, c)),
        None => id.to_string(),
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(doc) = json::read(text) else { return };
    let Ok(xml) = io::write(Format::Mspdi, &doc) else {
        return;
    };
    let back =
        io::read(xml.as_bytes(), &ReadOptions::default()).expect("exported MSPDI reads back");
    assert_eq!(back.format, Format::Mspdi);
    let (p, q) = (&doc.project, &back.project);
    assert_eq!(q.name(), p.name(), "project name");
    assert_eq!(q.status_date(), p.status_date(), "status date");
    assert_eq!(q.schedule_from(), p.schedule_from(), "direction");
    assert_eq!(q.settings(), p.settings(), "duration settings");
    assert_eq!(q.len(), p.len(), "tasks lost in export");
    // Position in the export of each task of `p`.
    let mut pos = vec![0u32; p.len()];
    for (row, i) in p.outline_order().into_iter().enumerate() {
        pos[i.index()] = row as u32;
    }
    let at = |i: TaskIndex| TaskIndex::from_raw(pos[i.index()]);
    for k in 0..p.len() {
        let i = TaskIndex::from_raw(k as u32);
        let j = at(i);
        let (a, b) = (p.task(i), q.task(j));
        let what = format!("task {} ({k})", a.id);
        assert_eq!(b.name, a.name, "{what}: name");
        if !p.is_summary(i) {
            assert_eq!(b.duration, a.duration, "{what}: duration");
        }
        assert_eq!(b.milestone, a.milestone, "{what}: milestone");
        assert_eq!(b.parent, a.parent.map(at), "{what}: parent");
        assert_eq!(b.constraint, a.constraint, "{what}: constraint");
        assert_eq!(b.deadline, a.deadline, "{what}: deadline");
        assert_eq!(b.priority, a.priority, "{what}: priority");
        assert_eq!(b.pinned, a.pinned, "{what}: pin");
        assert_eq!(b.progress, a.progress, "{what}: progress");
        let base = |t: &jindu::Task| {
            let v: Vec<_> = t
                .baselines
                .iter()
                .map(|b| {
                    let cost = b.cost.filter(|&c| c != jindu::Money::ZERO);
                    (b.number, b.start, b.finish, b.duration, b.work, cost)
                })
                .collect();
            v
        };
        assert_eq!(base(b), base(a), "{what}: baselines");
        assert_eq!(task_calendar(q, j), task_calendar(p, i), "{what}: calendar");
    }
    let links = |p: &Project, at: &dyn Fn(TaskIndex) -> TaskIndex| {
        let mut v: Vec<_> = p
            .links()
            .iter()
            .map(|l| (at(l.from), at(l.to), l.kind, l.lag))
            .collect();
        v.sort_by_key(|l| (l.0, l.1));
        v
    };
    assert_eq!(links(q, &|i| i), links(p, &at), "links");
    assert_eq!(
        format!(
            "{:?}",
            calendar_shape(
                q,
                q.calendar(q.calendar_id()).unwrap_or(&Calendar::standard())
            )
        ),
        format!(
            "{:?}",
            calendar_shape(
                p,
                p.calendar(p.calendar_id()).unwrap_or(&Calendar::standard())
            )
        ),
        "project calendar"
    );
    assert_eq!(q.resources().len(), p.resources().len(), "resources");
    for (r, s) in p.resources().iter().zip(q.resources()) {
        assert_eq!(
            (&s.name, s.kind, s.max_units, &s.availability, &s.group),
            (&r.name, r.kind, r.max_units, &r.availability, &r.group),
            "resource {}",
            r.id
        );
        assert_eq!(
            (s.standard_rate, s.overtime_rate, s.cost_per_use, &s.rates),
            (r.standard_rate, r.overtime_rate, r.cost_per_use, &r.rates),
            "resource {}: rates",
            r.id
        );
    }
    let asg = |p: &Project, at: &dyn Fn(TaskIndex) -> TaskIndex| {
        let mut v: Vec<_> = p
            .assignments()
            .iter()
            .map(|a| {
                // Only a cost resource's assignment carries a cost of its own.
                let own = p.resources()[a.resource.index()].kind == jindu::ResourceKind::Cost;
                let cost = a.cost.filter(|_| own);
                (at(a.task), a.resource, a.units, a.work, a.actual_work, cost)
            })
            .collect();
        v.sort_by_key(|a| (a.0, a.1));
        v
    };
    assert_eq!(asg(q, &|i| i), asg(p, &at), "assignments");
    let s1 = jindu::schedule(p, &doc.options).expect("exported, so it schedules");
    let s2 = jindu::schedule(q, &back.options).expect("the read-back project schedules");
    for (k, a) in s1.tasks().iter().enumerate() {
        let b = s2.task(at(TaskIndex::from_raw(k as u32)));
        assert_eq!(
            (a.start, a.finish),
            (b.start, b.finish),
            "task {} dates changed through MSPDI",
            p.tasks()[k].id
        );
    }
});
