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
