//! Recurring calendar exceptions (MSPDI `<Exceptions>`): when each one occurs, expanded to its
//! dates as Microsoft Project does, within a horizon and a budget of dates.

use super::calendars::period;
use super::values::Ctx;
use super::xml::El;
use crate::io::{WarningCode, Warnings};
use crate::{Date, Item, Result, Weekday};

/// Most days a calendar exception is expanded over, from its first date (100 years).
pub(super) const MAX_RECURRENCE_DAYS: i64 = 36_525;
/// Most dates the exceptions of one calendar expand to.
pub(super) const MAX_RECURRENCE_DATES_PER_CALENDAR: usize = 100_000;

/// How a calendar exception repeats, from its `<Type>` (the codes of the MSPDI schema, as
/// Project writes them): 1 and 7 daily, 2 yearly on a day of a month, 3 yearly on a position
/// (e.g. the first Monday of March), 4 monthly on a day, 5 monthly on a position, 6 weekly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pattern {
    /// Every `period` days (types 1 and 7; a one-off exception is type 1 with period 1).
    Daily,
    /// The days of the `DaysOfWeek` mask (bit 0 Sunday … bit 6 Saturday) in every `period`-th
    /// week, weeks starting on Sunday and counted from the week holding the first date (type 6).
    Weekly(u8),
    /// Day `MonthDay` (the month's last day if it has fewer) of every `period`-th month (type 4).
    MonthlyDay(u32),
    /// The `MonthPosition`-th `MonthItem` of every `period`-th month (type 5).
    MonthlyPos(u8, u8),
    /// Day `MonthDay` of `Month` (1–12 here; 0–11 in the file) every `period`-th year (type 2).
    YearlyDay(u32, u32),
    /// The `MonthPosition`-th `MonthItem` of `Month` every `period`-th year (type 3).
    YearlyPos(u32, u8, u8),
}

/// A calendar exception's dates: a pattern from a first date to a last date or for a number of
/// occurrences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Recurrence {
    pattern: Pattern,
    /// Every `period` days, weeks, months or years (at least 1).
    period: i64,
    /// First date (`TimePeriod/FromDate`); no occurrence comes before it.
    from: Date,
    /// Last date (`TimePeriod/ToDate`) if given; otherwise the range ends after `count`.
    to: Option<Date>,
    /// Number of occurrences (`Occurrences`), used when there is no `ToDate`.
    count: u64,
}

/// The weekday of a Sunday-based index (0 Sunday … 6 Saturday).
fn weekday_from_sunday(i: u32) -> Weekday {
    Weekday::ALL[((i + 6) % 7) as usize]
}

/// The `pos`-th (0 first … 3 fourth, 4 last) day of month `month` of `year` that is an `item`:
/// 0 any day, 1 a weekday (Monday to Friday), 2 a weekend day, 3–9 Sunday to Saturday.
fn nth_in_month(year: i32, month: u32, item: u8, pos: u8) -> Option<Date> {
    let fits = |d: &Date| match item {
        0 => true,
        1 => d.weekday().index() < 5,
        2 => d.weekday().index() >= 5,
        _ => d.weekday() == weekday_from_sunday(u32::from(item) - 3),
    };
    let mut days = (1..=31)
        .filter_map(|d| Date::from_ymd(year, month, d))
        .filter(fits);
    if pos >= 4 {
        days.next_back()
    } else {
        days.nth(usize::from(pos))
    }
}

/// Day `day` of a month, or the month's last day if it has fewer days.
fn clamped_day(year: i32, month: u32, day: u32) -> Option<Date> {
    (1..=day.clamp(1, 31))
        .rev()
        .find_map(|d| Date::from_ymd(year, month, d))
}

impl Recurrence {
    /// The first day of the `k`-th period and the occurrences in it, in order.
    fn period_dates(&self, k: i64) -> Option<(i64, Vec<Date>)> {
        let step = k.checked_mul(self.period)?;
        let (y0, m0, _) = self.from.ymd();
        // The month `months` months after the first date's month, as (year, month).
        let month_at = |months: i64| -> Option<(i32, u32)> {
            let i = i64::from(y0) * 12 + i64::from(m0) - 1 + months;
            Some((
                i32::try_from(i.div_euclid(12)).ok()?,
                (i.rem_euclid(12) + 1) as u32,
            ))
        };
        let year_at = |years: i64| i32::try_from(i64::from(y0) + years).ok();
        let first_of = |y: i32, m: u32| Date::from_ymd(y, m, 1).map(|d| d.days());
        Some(match self.pattern {
            Pattern::Daily => {
                let d = Date::from_days(self.from.days().checked_add(step)?)?;
                (d.days(), vec![d])
            }
            Pattern::Weekly(mask) => {
                let sunday = self.from.days() - (self.from.weekday().index() as i64 + 1) % 7;
                let start = sunday.checked_add(step.checked_mul(7)?)?;
                let dates = (0..7)
                    .filter(|i| mask & (1 << i) != 0)
                    .filter_map(|i| Date::from_days(start + i))
                    .collect();
                (start, dates)
            }
            Pattern::MonthlyDay(day) => {
                let (y, m) = month_at(step)?;
                (
                    first_of(y, m)?,
                    clamped_day(y, m, day).into_iter().collect(),
                )
            }
            Pattern::MonthlyPos(item, pos) => {
                let (y, m) = month_at(step)?;
                (
                    first_of(y, m)?,
                    nth_in_month(y, m, item, pos).into_iter().collect(),
                )
            }
            Pattern::YearlyDay(month, day) => {
                let y = year_at(step)?;
                (
                    first_of(y, month)?,
                    clamped_day(y, month, day).into_iter().collect(),
                )
            }
            Pattern::YearlyPos(month, item, pos) => {
                let y = year_at(step)?;
                (
                    first_of(y, month)?,
                    nth_in_month(y, month, item, pos).into_iter().collect(),
                )
            }
        })
    }

    /// The dates of the exception, at most `budget` of them and none more than
    /// [`MAX_RECURRENCE_DAYS`] after the first date; `true` with them if that cut some off.
    pub(super) fn expand(&self, budget: usize) -> (Vec<Date>, bool) {
        let horizon = self.from.days() + MAX_RECURRENCE_DAYS - 1;
        let last = self.to.map_or(horizon, |t| t.days().min(horizon));
        let mut out: Vec<Date> = Vec::new();
        let mut k = 0;
        loop {
            let Some((start, dates)) = self.period_dates(k) else {
                return (out, false); // past the last representable date
            };
            if start > last {
                // Cut if the rule would still have gone on.
                let more = match self.to {
                    Some(t) => start <= t.days(),
                    None => (out.len() as u64) < self.count,
                };
                return (out, more);
            }
            for d in dates {
                if d < self.from {
                    continue;
                }
                let done = self.to.is_none() && out.len() as u64 >= self.count;
                if done || self.to.is_some_and(|t| d > t) {
                    return (out, false);
                }
                if d.days() > last || out.len() >= budget {
                    return (out, true);
                }
                out.push(d);
            }
            k += 1;
        }
    }
}

/// Reads when a calendar exception occurs (see [`Pattern`]); `None` (with a warning) for a
/// pattern that cannot be read, or without a `FromDate`.
pub(super) fn read_recurrence(
    cx: &Ctx<'_>,
    e: &El,
    item: &Option<Item>,
    w: &mut Warnings,
) -> Result<Option<Recurrence>> {
    let Some((from, to)) = period(cx, e, item)? else {
        return Ok(None);
    };
    let has_to = e
        .child("TimePeriod")
        .is_some_and(|tp| tp.get("ToDate").is_some());
    let ty = cx.int(e, "Type", item)?.unwrap_or(1);
    let period = cx.int(e, "Period", item)?.unwrap_or(1).clamp(1, 100_000);
    let count = cx
        .int(e, "Occurrences", item)?
        .unwrap_or(1)
        .clamp(1, 100_000) as u64;
    let int = |name: &str| -> Result<Option<i64>> { cx.int(e, name, item) };
    let month_day = int("MonthDay")?.unwrap_or(i64::from(from.ymd().2));
    let month = int("Month")?.unwrap_or(i64::from(from.ymd().1) - 1);
    let month_item = int("MonthItem")?.unwrap_or(0);
    let position = int("MonthPosition")?.unwrap_or(0);
    let valid_day = (1..=31).contains(&month_day);
    let valid_month = (0..=11).contains(&month);
    let valid_pos = (0..=9).contains(&month_item) && (0..=4).contains(&position);
    let pattern = match ty {
        1 | 7 => Some(Pattern::Daily),
        6 => {
            let mask = (int("DaysOfWeek")?.unwrap_or(0) & 0x7f) as u8;
            // Without days, the weekday of the first date.
            let own = 1u8 << ((from.weekday().index() + 1) % 7);
            Some(Pattern::Weekly(if mask == 0 { own } else { mask }))
        }
        4 if valid_day => Some(Pattern::MonthlyDay(month_day as u32)),
        5 if valid_pos => Some(Pattern::MonthlyPos(month_item as u8, position as u8)),
        2 if valid_day && valid_month => {
            Some(Pattern::YearlyDay(month as u32 + 1, month_day as u32))
        }
        3 if valid_pos && valid_month => Some(Pattern::YearlyPos(
            month as u32 + 1,
            month_item as u8,
            position as u8,
        )),
        _ => None,
    };
    let Some(pattern) = pattern else {
        w.add(
            WarningCode::LeftOut,
            "Calendar/Exceptions/Exception",
            None,
            "an exception with an unknown Type, Month, MonthDay, MonthItem or MonthPosition is left out",
        );
        return Ok(None);
    };
    Ok(Some(Recurrence {
        pattern,
        period,
        from,
        to: has_to.then_some(to),
        count,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::mspdi::read;

    fn rec(pattern: Pattern, period: i64, from: &str, to: Option<&str>, count: u64) -> Recurrence {
        Recurrence {
            pattern,
            period,
            from: from.parse().unwrap(),
            to: to.map(|t| t.parse().unwrap()),
            count,
        }
    }

    fn shown(v: &[Date]) -> Vec<String> {
        v.iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn recurrence_positions_and_clamping() {
        // The last weekday (1, position 4) of each month: Fri 31 Jan, Fri 28 Feb, Mon 31 Mar 2025.
        let r = rec(Pattern::MonthlyPos(1, 4), 1, "2025-01-01", None, 3);
        assert_eq!(
            shown(&r.expand(100).0),
            ["2025-01-31", "2025-02-28", "2025-03-31"]
        );
        // The first weekend day (2, position 0): Sat 4 Jan, Sat 1 Feb, Sat 1 Mar 2025.
        let r = rec(Pattern::MonthlyPos(2, 0), 1, "2025-01-01", None, 3);
        assert_eq!(
            shown(&r.expand(100).0),
            ["2025-01-04", "2025-02-01", "2025-03-01"]
        );
        // The third day (0, position 2) of every other month.
        let r = rec(
            Pattern::MonthlyPos(0, 2),
            2,
            "2025-01-10",
            Some("2025-07-03"),
            99,
        );
        assert_eq!(
            shown(&r.expand(100).0),
            ["2025-03-03", "2025-05-03", "2025-07-03"]
        );
        // Day 31 falls on the last day of shorter months; 29 February only in leap years.
        let r = rec(Pattern::MonthlyDay(31), 1, "2024-01-31", None, 3);
        assert_eq!(
            shown(&r.expand(100).0),
            ["2024-01-31", "2024-02-29", "2024-03-31"]
        );
        let r = rec(Pattern::YearlyDay(2, 29), 1, "2024-01-01", None, 2);
        assert_eq!(shown(&r.expand(100).0), ["2024-02-29", "2025-02-28"]);
        // Mon, Wed and Fri (bits 1, 3, 5) every other week from Wednesday 2025-01-01: the
        // Monday of the first week comes before the first date.
        let r = rec(Pattern::Weekly(0b10_1010), 2, "2025-01-01", None, 4);
        assert_eq!(
            shown(&r.expand(100).0),
            ["2025-01-01", "2025-01-03", "2025-01-13", "2025-01-15"]
        );
    }

    #[test]
    fn recurrence_is_capped() {
        // Every day from 2000 to 9999: cut at 100 years.
        let r = rec(Pattern::Daily, 1, "2000-01-01", Some("9999-12-31"), 1);
        let (v, cut) = r.expand(usize::MAX);
        assert!(cut);
        assert_eq!(v.len() as i64, MAX_RECURRENCE_DAYS);
        // A budget of dates.
        let (v, cut) = r.expand(10);
        assert!(cut);
        assert_eq!(v.len(), 10);
        // Occurrences without an end date go no further than 100 years either.
        let r = rec(
            Pattern::YearlyPos(12, 9, 4),
            1_000,
            "2000-01-01",
            None,
            100_000,
        );
        assert_eq!(
            r.expand(usize::MAX),
            (vec!["2000-12-30".parse().unwrap()], true)
        );
        // The last Saturday of December every 10 years, 3 times.
        let r = rec(Pattern::YearlyPos(12, 9, 4), 10, "2000-01-01", None, 3);
        let (v, cut) = r.expand(usize::MAX);
        assert_eq!(shown(&v), ["2000-12-30", "2010-12-25", "2020-12-26"]);
        assert!(!cut);
        // A whole range ends cleanly.
        let r = rec(Pattern::Daily, 7, "2025-01-01", Some("2025-01-20"), 1);
        assert_eq!(
            r.expand(100),
            (
                vec![
                    "2025-01-01".parse().unwrap(),
                    "2025-01-08".parse().unwrap(),
                    "2025-01-15".parse().unwrap()
                ],
                false
            )
        );
    }

    #[test]
    fn hostile_recurring_exceptions_import() {
        let x = |body: &str| {
            format!(
                "<Project><StartDate>2026-01-05T08:00:00</StartDate><CalendarUID>1</CalendarUID>\
                 <Calendars><Calendar><UID>1</UID><IsBaseCalendar>1</IsBaseCalendar><Exceptions>{body}</Exceptions></Calendar></Calendars>\
                 <Tasks><Task><UID>1</UID><Duration>PT8H0M0S</Duration></Task></Tasks></Project>"
            )
        };
        let forever = "<Exception><TimePeriod><FromDate>2000-01-01T00:00:00</FromDate><ToDate>9999-12-31T23:59:00</ToDate></TimePeriod><Type>6</Type><DaysOfWeek>127</DaysOfWeek><DayWorking>0</DayWorking></Exception>";
        let imp = read(x(forever).as_bytes()).unwrap();
        let w = imp
            .warnings
            .iter()
            .find(|w| w.message.contains("100 years"))
            .expect("a warning about the cut");
        assert_eq!(w.code, WarningCode::LeftOut);
        assert_eq!(w.element.as_deref(), Some("Calendar/Exceptions/Exception"));
        let bad = "<Exception><TimePeriod><FromDate>2026-01-01T00:00:00</FromDate></TimePeriod><Type>5</Type><MonthItem>12</MonthItem><DayWorking>0</DayWorking></Exception>";
        let imp = read(x(bad).as_bytes()).unwrap();
        assert!(imp
            .warnings
            .iter()
            .any(|w| w.message.contains("unknown Type")));
    }
}
