//! The parts of a split task: where its work runs between the pauses of its
//! [`Split`](crate::Split)s, shared by loading (which spreads work over the parts only) and
//! levelling (which reports them).

use crate::calendar::WorkCalendar;
use crate::model::Split;

/// The working parts `[start, finish)` (minutes) of a task scheduled from `start` to `finish`
/// on `cal` with `splits` (its pauses in working time of `cal`, after so much work each): one
/// part without splits. A pause that would end past the calendar leaves the rest as one part.
pub(crate) fn split_parts(
    cal: &WorkCalendar,
    start: i64,
    finish: i64,
    splits: &[Split],
) -> Vec<(i64, i64)> {
    let mut out = Vec::with_capacity(splits.len() + 1);
    let w0 = cal.ord(start);
    let (mut from, mut paused) = (start, 0);
    for s in splits {
        let stop = w0 + s.after.minutes() + paused;
        let (Some(end), Some(resume)) =
            (cal.finish_of(stop), cal.start_of(stop + s.pause.minutes()))
        else {
            break;
        };
        if end <= from || resume >= finish {
            break;
        }
        out.push((from, end));
        paused += s.pause.minutes();
        from = resume;
    }
    out.push((from, finish));
    out
}

#[cfg(test)]
mod tests {
    use crate::level::{load, LoadOptions, Period};

    #[test]
    fn loading_spreads_a_split_task_over_its_parts_only() {
        // A: 3 days of Ana from Monday 5 January 2026, pausing one day after the first: it
        // works Mon 5, Wed 7 and Thu 8 (480 minutes each) and not Tuesday 6; B (1 day) on
        // Tuesday then shares nothing with it, so nothing is overallocated.
        let doc = crate::io::json::read(
            r#"{"name": "P", "start": "2026-01-05",
            "tasks": [{"id": "A", "duration": "3d", "splits": [{"after": "1d", "pause": "1d"}]},
                      {"id": "B", "duration": "1d", "constraint": {"type": "SNET", "date": "2026-01-06"}}],
            "resources": [{"id": "ana"}],
            "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}]}"#,
        )
        .unwrap();
        let s = crate::schedule(&doc.project, &doc.options).unwrap();
        let l = load(&[(&doc.project, &s)], &LoadOptions::new(Period::Day)).unwrap();
        let r = &l.resources[0];
        let work: Vec<i64> = r.periods.iter().map(|p| p.work_minutes).collect();
        // Mon A, Tue B, Wed A, Thu A: 480 each; A's 3 × 480 = 1,440 and B's 480 in all.
        assert_eq!(work, [480, 480, 480, 480]);
        assert_eq!(r.work_minutes, 4 * 480);
        assert!(r.overallocations.is_empty(), "{:?}", r.overallocations);
    }

    #[test]
    fn parts_run_between_the_pauses() {
        // 3 days with a day off after the first, from Monday 08:00: Mon 08:00–17:00 and
        // Wed 08:00 – Thu 17:00 (minutes since 1970 by the crate's own parser).
        let cal = crate::Calendar::standard().compile_standalone().unwrap();
        let at = |s: &str| s.parse::<crate::DateTime>().unwrap().minutes();
        let split = crate::Split {
            after: crate::Duration::days(1),
            pause: crate::Duration::days(1),
        };
        let ps = super::split_parts(
            &cal,
            at("2026-01-05T08:00"),
            at("2026-01-08T17:00"),
            &[split],
        );
        assert_eq!(
            ps,
            [
                (at("2026-01-05T08:00"), at("2026-01-05T17:00")),
                (at("2026-01-07T08:00"), at("2026-01-08T17:00"))
            ]
        );
        // No splits: the whole span.
        assert_eq!(super::split_parts(&cal, 1, 2, &[]), [(1, 2)]);
    }
}
