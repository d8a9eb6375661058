//! Working calendars and constant-time working-time arithmetic.
//!
//! A [`Calendar`] is the *definition*: working hours per weekday (several intervals a day),
//! dated exceptions (holidays, extra working days, changed hours) and an optional base calendar
//! it inherits from.
//! A [`WorkCalendar`] is the *compiled* form the engine computes with.
//!
//! # How the arithmetic works
//!
//! Every instant `t` has a *work index* `W(t)`: the number of working minutes between a fixed
//! origin and `t`.
//! `W` is non-decreasing, so adding working time is `W(t) + d` followed by one inverse lookup, and
//! the working time between two instants is `W(b) - W(a)`.
//! Outside the span covered by exceptions the calendar repeats every week, so `W` is a closed
//! formula there; inside that span a per-day table holds the cumulative working minutes at the
//! start of each day.
//! Lookups therefore cost O(1) (O(log days) for the inverse inside the exception span), no matter
//! how long the added duration is.
//!
//! An instant can be written two ways when it sits on a non-working gap: as the *finish* of the
//! working minute before the gap (`17:00`) or as the *start* of the working minute after it
//! (`08:00` the next day).
//! [`WorkCalendar::add_work`] returns finishes for positive durations and starts for negative
//! ones, as Microsoft Project does.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Item, Result};
use crate::id::CalendarId;
use crate::time::{parse_clock, Date, DateTime, Weekday, MINUTES_PER_DAY};

/// One interval of working time within a day, in minutes after midnight (`end` may be 1440).
///
/// ```
/// use jindu::WorkingTime;
/// let w: WorkingTime = "08:00-12:00".parse()?;
/// assert_eq!((w.start, w.end), (480, 720));
/// assert_eq!(w.to_string(), "08:00-12:00");
/// assert!("13:00-12:00".parse::<WorkingTime>().is_err());
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WorkingTime {
    /// First working minute of the interval (minutes after midnight).
    pub start: u16,
    /// End of the interval (exclusive, minutes after midnight, at most 1440).
    pub end: u16,
}

impl WorkingTime {
    /// An interval from `start` to `end` minutes after midnight, if `start < end <= 1440`.
    pub fn new(start: u16, end: u16) -> Option<WorkingTime> {
        (start < end && end as i64 <= MINUTES_PER_DAY).then_some(WorkingTime { start, end })
    }

    /// An interval from `start_hour`:00 to `end_hour`:00.
    pub fn hours(start_hour: u16, end_hour: u16) -> Option<WorkingTime> {
        WorkingTime::new(start_hour * 60, end_hour * 60)
    }

    /// Its length in minutes.
    pub fn minutes(self) -> i64 {
        (self.end - self.start) as i64
    }
}

impl FromStr for WorkingTime {
    type Err = Error;

    fn from_str(s: &str) -> Result<WorkingTime> {
        let err = || {
            Error::parse(
                "working time",
                s,
                "expected HH:MM-HH:MM with the start before the end, e.g. 08:00-12:00 (24:00 ends a day)",
            )
        };
        let (a, b) = s.split_once('-').ok_or_else(err)?;
        let start = parse_clock(a.trim()).ok_or_else(err)?;
        let end = parse_clock(b.trim()).ok_or_else(err)?;
        let end = if end == 0 && start > 0 { 1440 } else { end };
        WorkingTime::new(start as u16, end as u16).ok_or_else(err)
    }
}

impl fmt::Display for WorkingTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:02}:{:02}-{:02}:{:02}",
            self.start / 60,
            self.start % 60,
            self.end / 60,
            self.end % 60
        )
    }
}

impl fmt::Debug for WorkingTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A dated exception to the weekly pattern: a holiday (`working` empty), an extra working day or
/// changed hours, for every date from `from` to `to` inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CalendarException {
    /// A label such as "National Day" (may be empty).
    pub name: String,
    /// First date.
    pub from: Option<Date>,
    /// Last date (inclusive); equal to `from` for a single day.
    pub to: Option<Date>,
    /// The working time on those dates; empty for a non-working day.
    pub working: Vec<WorkingTime>,
}

impl CalendarException {
    /// A non-working day (holiday).
    ///
    /// ```
    /// let h = jindu::CalendarException::holiday("New Year", "2026-01-01".parse()?);
    /// assert!(h.working.is_empty());
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn holiday(name: &str, date: Date) -> CalendarException {
        CalendarException {
            name: name.to_owned(),
            from: Some(date),
            to: Some(date),
            working: Vec::new(),
        }
    }

    /// Working time `working` on every date from `from` to `to`.
    pub fn working(
        name: &str,
        from: Date,
        to: Date,
        working: Vec<WorkingTime>,
    ) -> CalendarException {
        CalendarException {
            name: name.to_owned(),
            from: Some(from),
            to: Some(to),
            working,
        }
    }
}

/// A working calendar definition.
///
/// `week[i]` is the working time on weekday `i` (Monday = 0): `Some(vec![])` is a non-working
/// day, `None` inherits the day from the base calendar (non-working without a base).
/// Exceptions of this calendar override those of its base on the same dates.
///
/// ```
/// use jindu::{Calendar, CalendarException, Weekday, WorkingTime};
/// let mut c = Calendar::standard();
/// c.exceptions.push(CalendarException::holiday("New Year", "2026-01-01".parse()?));
/// let w = c.compile_standalone()?;
/// // Wednesday 2025-12-31 17:00 plus one working day skips the holiday.
/// let t = w.add_work("2025-12-31T17:00".parse()?, 480)?;
/// assert_eq!(t.to_string(), "2026-01-02T17:00:00");
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Calendar {
    /// The key other items use to name this calendar.
    pub id: CalendarId,
    /// A display name.
    pub name: String,
    /// The calendar this one inherits weekdays and exceptions from.
    pub base: Option<CalendarId>,
    /// Working time per weekday, Monday first.
    pub week: [Option<Vec<WorkingTime>>; 7],
    /// Dated exceptions.
    pub exceptions: Vec<CalendarException>,
}

/// The key of the built-in calendar.
pub const STANDARD: &str = "standard";

impl Calendar {
    /// An empty calendar with key `id` (every weekday inherited, or non-working without a base).
    pub fn new(id: impl Into<CalendarId>) -> Calendar {
        Calendar {
            id: id.into(),
            ..Calendar::default()
        }
    }

    /// The built-in `standard` calendar: Monday to Friday 08:00–12:00 and 13:00–17:00.
    pub fn standard() -> Calendar {
        let day = vec![
            WorkingTime::hours(8, 12).expect("8 < 12 <= 24"),
            WorkingTime::hours(13, 17).expect("13 < 17 <= 24"),
        ];
        let mut c = Calendar::new(STANDARD);
        c.name = "Standard".to_owned();
        for (i, w) in c.week.iter_mut().enumerate() {
            *w = Some(if i < 5 { day.clone() } else { Vec::new() });
        }
        c
    }

    /// A calendar that works around the clock, every day.
    pub fn twenty_four_seven(id: impl Into<CalendarId>) -> Calendar {
        let mut c = Calendar::new(id);
        c.name = "24 Hours".to_owned();
        for w in c.week.iter_mut() {
            *w = Some(vec![
                WorkingTime::new(0, 1440).expect("0 < 1440, the whole day")
            ]);
        }
        c
    }

    /// Sets the working time of one weekday (builder style).
    pub fn with_day(mut self, day: Weekday, working: Vec<WorkingTime>) -> Calendar {
        self.week[day.index()] = Some(working);
        self
    }

    /// Compiles a calendar that has no base.
    pub fn compile_standalone(&self) -> Result<WorkCalendar> {
        WorkCalendar::compile(self, |_| None)
    }
}

#[derive(Debug, Clone, Copy)]
struct Seg {
    start: u16,
    end: u16,
    /// Working minutes in this day before `start`.
    cum: u32,
}

#[derive(Debug, Clone, Copy)]
struct Pat {
    off: u32,
    len: u32,
    total: u32,
}

/// Monday 1970-01-05, the origin of the weekly formula.
const MONDAY0: i64 = 4;
/// Minutes in a week.
const WEEK: i64 = 7 * MINUTES_PER_DAY;
/// [`WorkCalendar::split_weeks`] shifts work indices by `2^SPLIT_WEEKS_BITS` weeks (about
/// 2 × 10^13 years), far more than any instant from the years 1000–9999 needs.
const SPLIT_WEEKS_BITS: u32 = 40;
/// Exceptions may span at most this many days in one calendar.
const MAX_DENSE_DAYS: i64 = 200 * 366;

/// A compiled calendar: constant-time working-time arithmetic.
///
/// Build one with [`WorkCalendar::compile`] or [`Calendar::compile_standalone`].
///
/// ```
/// let std = jindu::Calendar::standard().compile_standalone()?;
/// let fri: jindu::DateTime = "2026-01-09T17:00".parse()?;
/// assert_eq!(std.next_work_start(fri)?.to_string(), "2026-01-12T08:00:00");
/// assert_eq!(std.work_between(fri, "2026-01-12T10:00".parse()?), 120);
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    id: CalendarId,
    segs: Vec<Seg>,
    pats: Vec<Pat>,
    week_total: i64,
    wd_pat: [u32; 7],
    wd_cum: [i64; 8],
    lo: i64,
    dense_cum: Vec<i64>,
    dense_pat: Vec<u32>,
    off_hi: i64,
    /// Minute of the week (from Monday 00:00) → working minutes before it that week.
    week_before: Vec<u16>,
    /// Working minute of the week (0-based) → the minute of the week it starts at.
    week_start: Vec<u16>,
    /// `floor(2^64 / week_total)` (`2^64 - 1` for a one-minute week), for a division-free
    /// weekly split (see [`WorkCalendar::split_weeks`]).
    week_magic: u64,
    /// `dense_cum`'s first and last entries, and the instants where the exception span starts
    /// and ends (kept apart so that the hot lookups touch no vector for them).
    lo_cum: i64,
    hi_cum: i64,
    lo_t: i64,
    hi_t: i64,
}

fn normalize(list: &[WorkingTime], item: &Item, field: &str) -> Result<Vec<(u16, u16)>> {
    let mut v: Vec<(u16, u16)> = list.iter().map(|w| (w.start, w.end)).collect();
    for &(s, e) in &v {
        if s >= e || e as i64 > MINUTES_PER_DAY {
            return Err(Error::invalid(
                item.clone(),
                field,
                format!(
                    "working time {} is empty or ends after 24:00",
                    WorkingTime { start: s, end: e }
                ),
            ));
        }
    }
    v.sort_unstable();
    let mut out: Vec<(u16, u16)> = Vec::with_capacity(v.len());
    for (s, e) in v {
        match out.last_mut() {
            Some(last) if s < last.1 => {
                return Err(Error::invalid(
                    item.clone(),
                    field,
                    format!(
                        "working times {} and {} overlap",
                        WorkingTime {
                            start: last.0,
                            end: last.1
                        },
                        WorkingTime { start: s, end: e }
                    ),
                ))
            }
            Some(last) if s == last.1 => last.1 = e,
            _ => out.push((s, e)),
        }
    }
    Ok(out)
}

impl WorkCalendar {
    /// Compiles `cal`, resolving base calendars through `lookup`.
    ///
    /// Fails if a base is unknown or the bases loop, if working times overlap, if two
    /// exceptions of one calendar overlap, or if no working time is left at all.
    pub fn compile<'a>(
        cal: &'a Calendar,
        lookup: impl Fn(&CalendarId) -> Option<&'a Calendar>,
    ) -> Result<WorkCalendar> {
        // The inheritance chain, most derived first.
        let mut chain: Vec<&Calendar> = vec![cal];
        while let Some(base) = &chain
            .last()
            .expect("the chain starts with `cal` and only grows")
            .base
        {
            if chain.iter().any(|c| &c.id == base) {
                let mut ids: Vec<CalendarId> = chain.iter().map(|c| c.id.clone()).collect();
                ids.push(base.clone());
                return Err(Error::CalendarCycle { calendars: ids });
            }
            let next = lookup(base).ok_or_else(|| Error::UnknownCalendar {
                id: base.clone(),
                by: Item::Calendar(
                    chain
                        .last()
                        .expect("the chain starts with `cal` and only grows")
                        .id
                        .clone(),
                ),
            })?;
            chain.push(next);
        }
        let item = Item::Calendar(cal.id.clone());

        let mut wc = WorkCalendar {
            id: cal.id.clone(),
            segs: Vec::new(),
            pats: Vec::new(),
            week_total: 0,
            wd_pat: [0; 7],
            wd_cum: [0; 8],
            lo: 0,
            dense_cum: Vec::new(),
            dense_pat: Vec::new(),
            off_hi: 0,
            week_before: Vec::new(),
            week_start: Vec::new(),
            week_magic: 0,
            lo_cum: 0,
            hi_cum: 0,
            lo_t: 0,
            hi_t: 0,
        };
        let mut pat_ids: HashMap<Vec<(u16, u16)>, u32> = HashMap::new();
        let mut intern = |wc: &mut WorkCalendar, v: Vec<(u16, u16)>| -> u32 {
            if let Some(&p) = pat_ids.get(&v) {
                return p;
            }
            let off = wc.segs.len() as u32;
            let mut cum = 0u32;
            for &(s, e) in &v {
                wc.segs.push(Seg {
                    start: s,
                    end: e,
                    cum,
                });
                cum += (e - s) as u32;
            }
            let p = wc.pats.len() as u32;
            wc.pats.push(Pat {
                off,
                len: v.len() as u32,
                total: cum,
            });
            pat_ids.insert(v, p);
            p
        };

        for wd in 0..7 {
            let day = chain.iter().find_map(|c| c.week[wd].as_ref());
            let norm = match day {
                Some(list) => normalize(list, &item, Weekday::ALL[wd].key())?,
                None => Vec::new(),
            };
            wc.wd_pat[wd] = intern(&mut wc, norm);
        }
        for wd in 0..7 {
            wc.wd_cum[wd + 1] = wc.wd_cum[wd] + wc.pats[wc.wd_pat[wd] as usize].total as i64;
        }
        wc.week_total = wc.wd_cum[7];
        if wc.week_total > 0 {
            // Tables for the weekly pattern, filled segment by segment.
            let mut before = vec![0u16; WEEK as usize + 1];
            let mut start = Vec::with_capacity(wc.week_total as usize);
            let mut acc = 0u16;
            let mut at = 0usize;
            for wd in 0..7 {
                for s in wc.segs_of(wc.wd_pat[wd]) {
                    let (a, b) = (wd * 1440 + s.start as usize, wd * 1440 + s.end as usize);
                    before[at..a].fill(acc);
                    for (k, slot) in before[a..b].iter_mut().enumerate() {
                        *slot = acc + k as u16;
                    }
                    start.extend((a..b).map(|m| m as u16));
                    acc += (b - a) as u16;
                    at = b;
                }
            }
            before[at..].fill(acc);
            wc.week_before = before;
            wc.week_start = start;
            wc.week_magic = (u64::MAX / wc.week_total as u64).max(1);
        }

        // Exceptions: base first, so that derived calendars override.
        let mut days: BTreeMap<i64, u32> = BTreeMap::new();
        for c in chain.iter().rev() {
            let mut own: BTreeMap<i64, usize> = BTreeMap::new();
            for (k, ex) in c.exceptions.iter().enumerate() {
                let citem = Item::Calendar(c.id.clone());
                let (Some(from), Some(to)) = (ex.from, ex.to.or(ex.from)) else {
                    return Err(Error::invalid(
                        citem,
                        "exceptions",
                        "an exception needs a date",
                    ));
                };
                if to < from {
                    return Err(Error::invalid(
                        citem,
                        "exceptions",
                        format!(
                            "exception {:?} ends ({to}) before it starts ({from})",
                            ex.name
                        ),
                    ));
                }
                if to.days() - from.days() > MAX_DENSE_DAYS {
                    return Err(Error::Limit {
                        what: "days covered by one calendar exception",
                        limit: MAX_DENSE_DAYS as u64,
                        actual: (to.days() - from.days()) as u64,
                    });
                }
                let norm = normalize(&ex.working, &citem, "exceptions")?;
                let p = intern(&mut wc, norm);
                for d in from.days()..=to.days() {
                    if let Some(prev) = own.insert(d, k) {
                        return Err(Error::invalid(
                            citem,
                            "exceptions",
                            format!(
                                "exceptions {:?} and {:?} both cover {}",
                                c.exceptions[prev].name,
                                ex.name,
                                Date::from_days(d)
                                    .expect("d lies between the days of two valid Dates")
                            ),
                        ));
                    }
                    days.insert(d, p);
                }
            }
        }

        if let (Some((&first, _)), Some((&last, _))) =
            (days.first_key_value(), days.last_key_value())
        {
            if last - first > MAX_DENSE_DAYS {
                return Err(Error::Limit {
                    what: "days between the first and last exception of a calendar",
                    limit: MAX_DENSE_DAYS as u64,
                    actual: (last - first) as u64,
                });
            }
            let lo = first;
            let hi = last + 1;
            wc.lo = lo;
            let n = (hi - lo) as usize;
            wc.dense_cum.reserve(n + 1);
            wc.dense_pat.reserve(n);
            let mut cum = wc.periodic_cum(lo);
            for d in lo..hi {
                let p = days.get(&d).copied().unwrap_or(wc.wd_pat[Self::weekday(d)]);
                wc.dense_cum.push(cum);
                wc.dense_pat.push(p);
                cum += wc.pats[p as usize].total as i64;
            }
            wc.dense_cum.push(cum);
            wc.off_hi = cum - wc.periodic_cum(hi);
        } else {
            wc.lo = 0;
            wc.dense_cum.push(wc.periodic_cum(0));
        }

        wc.lo_cum = wc.dense_cum[0];
        wc.hi_cum = *wc
            .dense_cum
            .last()
            .expect("both branches above push at least one entry");
        wc.lo_t = wc.lo * MINUTES_PER_DAY;
        wc.hi_t = wc.hi() * MINUTES_PER_DAY;
        let any_exception_work = wc.dense_cum.last() != wc.dense_cum.first();
        if wc.week_total == 0 && !any_exception_work {
            return Err(Error::NoWorkingTime(cal.id.clone()));
        }
        Ok(wc)
    }

    /// The key of the calendar this was compiled from.
    pub fn id(&self) -> &CalendarId {
        &self.id
    }

    /// Working minutes in a normal week (without exceptions).
    pub fn minutes_per_week(&self) -> i64 {
        self.week_total
    }

    #[inline]
    fn weekday(d: i64) -> usize {
        (d - MONDAY0).rem_euclid(7) as usize
    }

    #[inline]
    fn periodic_cum(&self, d: i64) -> i64 {
        let q = (d - MONDAY0).div_euclid(7);
        q * self.week_total + self.wd_cum[Self::weekday(d)]
    }

    #[inline]
    fn hi(&self) -> i64 {
        self.lo + self.dense_pat.len() as i64
    }

    /// Cumulative work at the start of day `d`, and the day's pattern.
    #[inline]
    fn day(&self, d: i64) -> (i64, u32) {
        let k = d - self.lo;
        if k >= 0 && (k as usize) < self.dense_pat.len() {
            return (self.dense_cum[k as usize], self.dense_pat[k as usize]);
        }
        let p = self.wd_pat[Self::weekday(d)];
        if k < 0 {
            (self.periodic_cum(d), p)
        } else {
            (self.periodic_cum(d) + self.off_hi, p)
        }
    }

    #[inline]
    fn segs_of(&self, p: u32) -> &[Seg] {
        let pat = self.pats[p as usize];
        &self.segs[pat.off as usize..(pat.off + pat.len) as usize]
    }

    /// The work index `W(t)`: working minutes from the calendar's origin to `t`.
    #[inline]
    pub(crate) fn ord(&self, t: i64) -> i64 {
        let (lo_t, hi_t) = (self.lo_t, self.hi_t);
        if (t < lo_t || t >= hi_t) && self.week_total > 0 {
            // Outside the exceptions: the weekly pattern, by table.
            let x = t - MONDAY0 * MINUTES_PER_DAY;
            let q = x.div_euclid(WEEK);
            let mw = (x - q * WEEK) as usize;
            let off = if t < lo_t { 0 } else { self.off_hi };
            return q * self.week_total + self.week_before[mw] as i64 + off;
        }
        let d = t.div_euclid(MINUTES_PER_DAY);
        let m = (t - d * MINUTES_PER_DAY) as u16;
        let (cum, p) = self.day(d);
        let mut before = self.pats[p as usize].total as i64;
        for s in self.segs_of(p) {
            if m <= s.start {
                before = s.cum as i64;
                break;
            }
            if m < s.end {
                before = s.cum as i64 + (m - s.start) as i64;
                break;
            }
        }
        cum + before
    }

    /// The day whose working time contains the 0-based working minute `w`, with its cumulative
    /// work at day start and pattern.
    #[inline]
    fn find_day(&self, w: i64) -> Option<(i64, i64, u32)> {
        let (lo_cum, hi_cum) = (self.lo_cum, self.hi_cum);
        if w >= lo_cum && w < hi_cum {
            let days = &self.dense_cum[..self.dense_pat.len()];
            let i = days.partition_point(|&c| c <= w) - 1;
            return Some((self.lo + i as i64, self.dense_cum[i], self.dense_pat[i]));
        }
        if self.week_total == 0 {
            return None;
        }
        let off = if w < lo_cum { 0 } else { self.off_hi };
        let v = w - off;
        let q = v.div_euclid(self.week_total);
        let r = v - q * self.week_total;
        let mut wd = 0;
        while wd < 6 && self.wd_cum[wd + 1] <= r {
            wd += 1;
        }
        let d = MONDAY0 + q * 7 + wd as i64;
        debug_assert!(w < lo_cum && d < self.lo || w >= hi_cum && d >= self.hi());
        Some((
            d,
            q * self.week_total + self.wd_cum[wd] + off,
            self.wd_pat[wd],
        ))
    }

    /// The instant at which working minute `w` (0-based) starts: the *start form* of index `w`.
    #[inline(always)]
    pub(crate) fn start_of(&self, w: i64) -> Option<i64> {
        let (lo_cum, hi_cum) = (self.lo_cum, self.hi_cum);
        if (w < lo_cum || w >= hi_cum) && self.week_total > 0 {
            // Outside the exceptions: split into whole weeks and a table lookup.
            let (q, r) = self.split_weeks(w - if w < lo_cum { 0 } else { self.off_hi });
            return Some(MONDAY0 * MINUTES_PER_DAY + q * WEEK + self.week_start[r] as i64);
        }
        self.start_of_exception(w)
    }

    /// `v` as whole weeks of work and the working minute within the week (0-based), on a
    /// calendar with weekly work.
    #[inline(always)]
    fn split_weeks(&self, v: i64) -> (i64, usize) {
        let wt = self.week_total;
        // Shifted by a whole number of weeks so that it is not negative, `x / wt` is the high
        // word of `x * floor(2^64 / wt)` or one more (the estimate is low by less than
        // `x / 2^64 + 1`), so one correction step makes it exact: a multiplication instead of a
        // division.
        let x = v.wrapping_add(wt << SPLIT_WEEKS_BITS) as u64;
        if x >= 1 << 62 {
            return (v.div_euclid(wt), v.rem_euclid(wt) as usize);
        }
        let wt = wt as u64;
        let mut q = ((x as u128 * self.week_magic as u128) >> 64) as u64;
        let mut r = x - q * wt;
        if r >= wt {
            q += 1;
            r -= wt;
        }
        (q as i64 - (1 << SPLIT_WEEKS_BITS), r as usize)
    }

    /// The start form of `w` and the finish form of `w + dur` (`dur` > 0): where a task of
    /// `dur` working minutes that starts at working minute `w` starts and finishes
    /// ([`WorkCalendar::start_of`] and [`WorkCalendar::finish_of`] in one).
    #[inline(always)]
    pub(crate) fn start_finish(&self, w: i64, dur: i64) -> Option<(i64, i64)> {
        debug_assert!(dur > 0);
        let e = w + dur - 1;
        let (lo_cum, hi_cum) = (self.lo_cum, self.hi_cum);
        if (e < lo_cum || w >= hi_cum) && self.week_total > 0 {
            // Both ends on the same side of the exceptions: one split, the finish relative to it.
            let (q, r) = self.split_weeks(w - if w < lo_cum { 0 } else { self.off_hi });
            let (q2, r2) = self.split_weeks(r as i64 + dur - 1);
            let base = MONDAY0 * MINUTES_PER_DAY + q * WEEK;
            return Some((
                base + self.week_start[r] as i64,
                base + q2 * WEEK + self.week_start[r2] as i64 + 1,
            ));
        }
        Some((self.start_of(w)?, self.finish_of(w + dur)?))
    }

    /// [`WorkCalendar::start_of`] inside the span of exceptions (or on a calendar whose only
    /// work is in exceptions).
    #[inline(never)]
    fn start_of_exception(&self, w: i64) -> Option<i64> {
        let (d, cum, p) = self.find_day(w)?;
        let r = (w - cum) as u32;
        let seg = self
            .segs_of(p)
            .iter()
            .rev()
            .find(|s| s.cum <= r)
            .expect("find_day returns the day holding working minute w, so r is within its work and its first segment (cum 0) matches");
        Some(d * MINUTES_PER_DAY + seg.start as i64 + (r - seg.cum) as i64)
    }

    /// Where the working time runs out for a work index `w` that [`Self::start_of`] or
    /// [`Self::finish_of`] cannot place (a calendar whose only work is in exceptions):
    /// `(true, the end of its last working minute)` when `w` lies after all of its work,
    /// `(false, the start of its first)` when before.
    pub(crate) fn exhausted_at(&self, w: i64) -> (bool, Option<i64>) {
        if w >= self.hi_cum {
            (true, self.finish_of(self.hi_cum))
        } else {
            (false, self.start_of(self.lo_cum))
        }
    }

    /// The instant at which working minute `w - 1` ends: the *finish form* of index `w`.
    #[inline]
    pub(crate) fn finish_of(&self, w: i64) -> Option<i64> {
        self.start_of(w - 1).map(|t| t + 1)
    }

    /// Whether the minute starting at `t` is working time.
    #[inline]
    pub(crate) fn works_at(&self, t: i64) -> bool {
        let d = t.div_euclid(MINUTES_PER_DAY);
        let m = (t - d * MINUTES_PER_DAY) as u16;
        let (_, p) = self.day(d);
        self.segs_of(p).iter().any(|s| s.start <= m && m < s.end)
    }

    fn to_dt(&self, t: Option<i64>, from: DateTime, after: bool) -> Result<DateTime> {
        t.and_then(DateTime::from_minutes)
            .ok_or_else(|| Error::CalendarExhausted {
                calendar: self.id.clone(),
                item: Item::Calendar(self.id.clone()),
                direction: if after { "after" } else { "before" },
                at: from.to_string(),
            })
    }

    /// Whether the minute starting at `t` is working time.
    ///
    /// ```
    /// let c = jindu::Calendar::standard().compile_standalone()?;
    /// assert!(c.is_working("2026-01-05T08:00".parse()?));
    /// assert!(!c.is_working("2026-01-05T12:00".parse()?));
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn is_working(&self, t: DateTime) -> bool {
        self.works_at(t.minutes())
    }

    /// The first working instant at or after `t`.
    pub fn next_work_start(&self, t: DateTime) -> Result<DateTime> {
        self.to_dt(self.start_of(self.ord(t.minutes())), t, true)
    }

    /// The end of the last working minute at or before `t`.
    ///
    /// ```
    /// let c = jindu::Calendar::standard().compile_standalone()?;
    /// let mon = "2026-01-12T08:00".parse()?;
    /// assert_eq!(c.prev_work_finish(mon)?.to_string(), "2026-01-09T17:00:00");
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn prev_work_finish(&self, t: DateTime) -> Result<DateTime> {
        self.to_dt(self.finish_of(self.ord(t.minutes())), t, false)
    }

    /// `t` moved by `minutes` of working time: a finish for positive amounts, a start for
    /// negative ones, `t` itself for zero.
    ///
    /// ```
    /// let c = jindu::Calendar::standard().compile_standalone()?;
    /// let t = "2026-01-05T08:00".parse()?;
    /// assert_eq!(c.add_work(t, 480)?.to_string(), "2026-01-05T17:00:00");
    /// assert_eq!(c.add_work(t, -60)?.to_string(), "2026-01-02T16:00:00");
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn add_work(&self, t: DateTime, minutes: i64) -> Result<DateTime> {
        if minutes == 0 {
            return Ok(t);
        }
        let w = self.ord(t.minutes()) + minutes;
        if minutes > 0 {
            self.to_dt(self.finish_of(w), t, true)
        } else {
            self.to_dt(self.start_of(w), t, false)
        }
    }

    /// Working minutes from `a` to `b` (negative if `b` is before `a`).
    pub fn work_between(&self, a: DateTime, b: DateTime) -> i64 {
        self.ord(b.minutes()) - self.ord(a.minutes())
    }

    /// The union of the working times of `cals`: a minute works in it when it works in any of
    /// them (levelling lays a portfolio whose tasks work on several calendars on it). Its key
    /// is `id`; the days the calendars have exceptions on are its exceptions, runs of days
    /// alike merged.
    pub(crate) fn union(id: &CalendarId, cals: &[&WorkCalendar]) -> Result<WorkCalendar> {
        fn merge(mut v: Vec<(u16, u16)>) -> Vec<WorkingTime> {
            v.sort_unstable();
            let mut out: Vec<(u16, u16)> = Vec::with_capacity(v.len());
            for (s, e) in v {
                match out.last_mut() {
                    Some(last) if s <= last.1 => last.1 = last.1.max(e),
                    _ => out.push((s, e)),
                }
            }
            out.into_iter()
                .map(|(start, end)| WorkingTime { start, end })
                .collect()
        }
        let mut c = Calendar::new(id.clone());
        for (wd, day) in c.week.iter_mut().enumerate() {
            let segs = cals
                .iter()
                .flat_map(|w| w.segs_of(w.wd_pat[wd]).iter().map(|s| (s.start, s.end)))
                .collect();
            *day = Some(merge(segs));
        }
        let dense = cals.iter().filter(|w| w.hi() > w.lo);
        let lo = dense.clone().map(|w| w.lo).min();
        let hi = dense.map(|w| w.hi()).max();
        if let (Some(lo), Some(hi)) = (lo, hi) {
            if hi - lo > MAX_DENSE_DAYS {
                return Err(Error::Limit {
                    what: "days between the first and last exception of a calendar",
                    limit: MAX_DENSE_DAYS as u64,
                    actual: (hi - lo) as u64,
                });
            }
            let mut run: Option<(i64, i64, Vec<WorkingTime>)> = None;
            let date = |d: i64| Date::from_days(d).expect("a day of a compiled calendar");
            for d in lo..=hi {
                let day = (d < hi).then(|| {
                    merge(
                        cals.iter()
                            .flat_map(|w| w.day_segments(d))
                            .map(|(s, e)| (s as u16, e as u16))
                            .collect(),
                    )
                });
                match (&mut run, day) {
                    (Some((_, to, working)), Some(day)) if *working == day => *to = d,
                    (r, day) => {
                        if let Some((from, to, working)) = r.take() {
                            c.exceptions.push(CalendarException::working(
                                "",
                                date(from),
                                date(to),
                                working,
                            ));
                        }
                        *r = day.map(|day| (d, d, day));
                    }
                }
            }
        }
        c.compile_standalone()
    }

    /// The working intervals of day `d` (days since the epoch, as [`Date::days`]), in minutes
    /// after midnight, without allocating.
    pub(crate) fn day_segments(&self, d: i64) -> impl Iterator<Item = (i64, i64)> + '_ {
        let (_, p) = self.day(d);
        self.segs_of(p)
            .iter()
            .map(|s| (s.start as i64, s.end as i64))
    }

    /// The working time on `date`, after exceptions and inheritance.
    ///
    /// ```
    /// let c = jindu::Calendar::standard().compile_standalone()?;
    /// let day = c.working_time_on("2026-01-05".parse()?);
    /// assert_eq!(day.len(), 2);
    /// assert!(c.working_time_on("2026-01-10".parse()?).is_empty());
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn working_time_on(&self, date: Date) -> Vec<WorkingTime> {
        let (_, p) = self.day(date.days());
        self.segs_of(p)
            .iter()
            .map(|s| WorkingTime {
                start: s.start,
                end: s.end,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> DateTime {
        s.parse().unwrap()
    }

    #[test]
    fn the_union_works_when_any_calendar_works() {
        // Standard (Mon–Fri 08–12, 13–17, off on Wednesday 7 January 2026) ∪ a late shift
        // (Mon–Fri 10–14, 15–19) ∪ a six-day week (Mon–Sat 09–13, with Saturday 10 off).
        let mut standard = Calendar::standard();
        standard.exceptions.push(CalendarException::holiday(
            "",
            "2026-01-07".parse().unwrap(),
        ));
        let late: Vec<WorkingTime> = ["10:00-14:00", "15:00-19:00"]
            .iter()
            .map(|t| t.parse().unwrap())
            .collect();
        let mut shift = Calendar::new("late");
        for d in &Weekday::ALL[..5] {
            shift = shift.with_day(*d, late.clone());
        }
        let mut six = Calendar::new("six");
        for d in &Weekday::ALL[..6] {
            six = six.with_day(*d, vec!["09:00-13:00".parse().unwrap()]);
        }
        six.exceptions.push(CalendarException::holiday(
            "",
            "2026-01-10".parse().unwrap(),
        ));
        let cals: Vec<WorkCalendar> = [standard, shift, six]
            .iter()
            .map(|c| c.compile_standalone().unwrap())
            .collect();
        let refs: Vec<&WorkCalendar> = cals.iter().collect();
        let u = WorkCalendar::union(&"axis".into(), &refs).unwrap();
        assert_eq!(u.id().as_str(), "axis");
        let day = |d: &str| -> Vec<String> {
            u.working_time_on(d.parse().unwrap())
                .iter()
                .map(ToString::to_string)
                .collect()
        };
        // Monday: 08–14 (08–12 ∪ 09–13 ∪ 10–14) and 13–19 (13–17 ∪ 15–19) meet: 08–19.
        assert_eq!(day("2026-01-05"), ["08:00-19:00"]);
        // Wednesday 7: the standard day is off, the late shift and the six-day week are not.
        assert_eq!(day("2026-01-07"), ["09:00-14:00", "15:00-19:00"]);
        // Saturday 10 is off in the six-day week, Saturday 17 is not; Sunday never works.
        assert!(day("2026-01-10").is_empty());
        assert_eq!(day("2026-01-17"), ["09:00-13:00"]);
        assert!(day("2026-01-11").is_empty());
        // Minute by minute over three weeks: a minute works in the union when it works in one.
        let from = dt("2026-01-04T00:00").minutes();
        for m in from..from + 21 * 1440 {
            assert_eq!(
                u.works_at(m),
                cals.iter().any(|c| c.works_at(m)),
                "{:?}",
                DateTime::from_minutes(m)
            );
        }
        assert_eq!(u.minutes_per_week(), 5 * 11 * 60 + 240);
    }

    /// Reference implementation: walk minute by minute.
    fn brute_add(c: &Calendar, t: DateTime, mut n: i64) -> DateTime {
        let wc = WorkCalendar::compile(c, |_| None).unwrap();
        let mut m = t.minutes();
        if n > 0 {
            while n > 0 {
                if wc.works_at(m) {
                    n -= 1;
                }
                m += 1;
            }
        } else {
            while n < 0 {
                m -= 1;
                if wc.works_at(m) {
                    n += 1;
                }
            }
        }
        DateTime::from_minutes(m).unwrap()
    }

    #[test]
    fn standard_week() {
        let c = Calendar::standard().compile_standalone().unwrap();
        assert_eq!(c.minutes_per_week(), 2400);
        // Monday 08:00 + 1d = Monday 17:00, + 5d = Friday 17:00, + 6d = next Monday 17:00.
        assert_eq!(
            c.add_work(dt("2026-01-05T08:00"), 480).unwrap(),
            dt("2026-01-05T17:00")
        );
        assert_eq!(
            c.add_work(dt("2026-01-05T08:00"), 2400).unwrap(),
            dt("2026-01-09T17:00")
        );
        assert_eq!(
            c.add_work(dt("2026-01-05T08:00"), 2880).unwrap(),
            dt("2026-01-12T17:00")
        );
        // Four hours from 10:00 crosses lunch.
        assert_eq!(
            c.add_work(dt("2026-01-05T10:00"), 240).unwrap(),
            dt("2026-01-05T15:00")
        );
        // Subtraction lands on starts.
        assert_eq!(
            c.add_work(dt("2026-01-05T17:00"), -480).unwrap(),
            dt("2026-01-05T08:00")
        );
        assert_eq!(
            c.add_work(dt("2026-01-05T13:00"), -240).unwrap(),
            dt("2026-01-05T08:00")
        );
        assert_eq!(
            c.next_work_start(dt("2026-01-05T12:00")).unwrap(),
            dt("2026-01-05T13:00")
        );
        assert_eq!(
            c.next_work_start(dt("2026-01-10T09:00")).unwrap(),
            dt("2026-01-12T08:00")
        );
        assert_eq!(
            c.prev_work_finish(dt("2026-01-05T13:00")).unwrap(),
            dt("2026-01-05T12:00")
        );
        assert_eq!(
            c.work_between(dt("2026-01-02T17:00"), dt("2026-01-05T08:00")),
            0
        );
        // A thousand years of work costs the same as a day.
        let far = c
            .add_work(dt("2026-01-05T08:00"), 2400 * 52 * 1000)
            .unwrap();
        assert_eq!(
            c.work_between(dt("2026-01-05T08:00"), far),
            2400 * 52 * 1000
        );
    }

    #[test]
    fn exceptions_and_inheritance() {
        let mut base = Calendar::standard();
        base.exceptions.push(CalendarException::holiday(
            "New Year",
            "2026-01-01".parse().unwrap(),
        ));
        let mut derived = Calendar::new("derived");
        derived.base = Some(CalendarId::from(STANDARD));
        derived.week[5] = Some(vec![WorkingTime::hours(9, 13).unwrap()]);
        // Works on the holiday anyway, 10:00-12:00.
        derived.exceptions.push(CalendarException::working(
            "Stocktake",
            "2026-01-01".parse().unwrap(),
            "2026-01-01".parse().unwrap(),
            vec![WorkingTime::hours(10, 12).unwrap()],
        ));
        let lookup = |id: &CalendarId| (id.as_str() == STANDARD).then_some(&base);
        let wb = WorkCalendar::compile(&base, |_| None).unwrap();
        let wd = WorkCalendar::compile(&derived, lookup).unwrap();
        assert_eq!(wd.minutes_per_week(), 2400 + 240);
        assert_eq!(
            wb.add_work(dt("2025-12-31T17:00"), 60).unwrap(),
            dt("2026-01-02T09:00")
        );
        assert_eq!(
            wd.add_work(dt("2025-12-31T17:00"), 60).unwrap(),
            dt("2026-01-01T11:00")
        );
        // Saturday works 09:00-13:00 in the derived calendar.
        assert_eq!(
            wd.next_work_start(dt("2026-01-03T00:00")).unwrap(),
            dt("2026-01-03T09:00")
        );
        // Brute-force agreement across the exception span in both directions.
        let start = dt("2025-12-24T10:30");
        let lookup_cal = derived.clone();
        let _ = lookup_cal;
        for n in (-3000..3000).step_by(37) {
            let fast = wb.add_work(start, n).unwrap();
            assert_eq!(fast, brute_add(&base, start, n), "n = {n}");
        }
    }

    #[test]
    fn night_shift_crosses_midnight() {
        // 23:00-24:00 and 00:00-08:00 from Monday night to Saturday morning.
        let mut c = Calendar::new("night");
        c.week[0] = Some(vec![WorkingTime::hours(23, 24).unwrap()]);
        for d in 1..5 {
            c.week[d] = Some(vec![
                WorkingTime::hours(0, 3).unwrap(),
                WorkingTime::hours(4, 8).unwrap(),
                WorkingTime::hours(23, 24).unwrap(),
            ]);
        }
        c.week[5] = Some(vec![
            WorkingTime::hours(0, 3).unwrap(),
            WorkingTime::hours(4, 8).unwrap(),
        ]);
        let w = c.compile_standalone().unwrap();
        assert_eq!(w.minutes_per_week(), 40 * 60);
        // Monday 23:00 + 8h work = Tuesday 08:00 (with the 03:00-04:00 break).
        assert_eq!(
            w.add_work(dt("2026-01-05T23:00"), 480).unwrap(),
            dt("2026-01-06T08:00")
        );
        // Finishing exactly at midnight reads as 24:00 = next day 00:00.
        assert_eq!(
            w.add_work(dt("2026-01-05T23:00"), 60).unwrap(),
            dt("2026-01-06T00:00")
        );
        for n in (-2000..2000).step_by(13) {
            let s = dt("2026-01-07T02:10");
            assert_eq!(w.add_work(s, n).unwrap(), brute_add(&c, s, n), "n = {n}");
        }
    }

    #[test]
    fn bad_calendars_are_errors() {
        let none = Calendar::new("off");
        assert!(matches!(
            none.compile_standalone(),
            Err(Error::NoWorkingTime(_))
        ));
        let mut overlap = Calendar::standard();
        overlap.week[0] = Some(vec![
            WorkingTime::hours(8, 12).unwrap(),
            WorkingTime::hours(11, 13).unwrap(),
        ]);
        let e = overlap.compile_standalone().unwrap_err();
        assert!(e.to_string().contains("overlap"), "{e}");
        let mut a = Calendar::new("a");
        a.base = Some("b".into());
        let mut b = Calendar::new("b");
        b.base = Some("a".into());
        let e = WorkCalendar::compile(&a, |id| {
            (id.as_str() == "b")
                .then_some(&b)
                .or((id.as_str() == "a").then_some(&a))
        })
        .unwrap_err();
        assert!(matches!(e, Error::CalendarCycle { .. }), "{e}");
        let mut orphan = Calendar::new("o");
        orphan.base = Some("missing".into());
        assert!(matches!(
            orphan.compile_standalone(),
            Err(Error::UnknownCalendar { .. })
        ));
    }

    #[test]
    fn only_exception_work_runs_out() {
        // No weekly work, but one working day in exceptions: finite work, then an error.
        let mut c = Calendar::new("once");
        c.exceptions.push(CalendarException::working(
            "the day",
            "2026-01-07".parse().unwrap(),
            "2026-01-07".parse().unwrap(),
            vec![WorkingTime::hours(8, 12).unwrap()],
        ));
        let w = c.compile_standalone().unwrap();
        assert_eq!(
            w.add_work(dt("2026-01-01T00:00"), 240).unwrap(),
            dt("2026-01-07T12:00")
        );
        assert!(matches!(
            w.add_work(dt("2026-01-01T00:00"), 241),
            Err(Error::CalendarExhausted { .. })
        ));
        assert!(w.add_work(dt("2026-01-09T00:00"), -241).is_err());
    }

    #[test]
    fn overlapping_exceptions_rejected() {
        let mut c = Calendar::standard();
        c.exceptions.push(CalendarException::working(
            "a",
            "2026-01-01".parse().unwrap(),
            "2026-01-05".parse().unwrap(),
            vec![],
        ));
        c.exceptions.push(CalendarException::holiday(
            "b",
            "2026-01-05".parse().unwrap(),
        ));
        let e = c.compile_standalone().unwrap_err();
        assert!(e.to_string().contains("both cover 2026-01-05"), "{e}");
    }
}
