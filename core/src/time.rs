//! Minute-precision local date-times, dates and durations.
//!
//! jindu works in *local* time without time zones, like Microsoft Project and Primavera P6: a
//! schedule is a plan on a wall calendar, not a sequence of UTC instants.
//! Every instant is a whole number of minutes since 1970-01-01T00:00 ([`DateTime`]), every
//! duration a whole number of minutes ([`Duration`]), so all arithmetic is exact integer
//! arithmetic and results are identical on every platform.

use std::fmt;
use std::num::NonZeroI64;
use std::str::FromStr;

use crate::error::{Error, Result};

/// Minutes in one calendar day.
pub const MINUTES_PER_DAY: i64 = 1440;

/// A local date and time with minute precision, between the years 1000 and 9999.
///
/// Internally the number of minutes since 1970-01-01T00:00, so it is `Copy`, ordered and cheap.
/// It parses from and displays as ISO-8601 `YYYY-MM-DDTHH:MM:SS` (seconds must be zero).
///
/// ```
/// use jindu::DateTime;
/// let t: DateTime = "2026-01-05T08:00:00".parse()?;
/// assert_eq!(t.to_string(), "2026-01-05T08:00:00");
/// assert_eq!(t.date().weekday(), jindu::Weekday::Mon);
/// assert_eq!(t.add_minutes(90).to_string(), "2026-01-05T09:30:00");
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(NonZeroI64);

/// A calendar date between the years 1000 and 9999.
///
/// ```
/// use jindu::Date;
/// let d: Date = "2026-02-28".parse()?;
/// assert_eq!(d.succ().to_string(), "2026-03-01");
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[allow(missing_docs)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    /// All weekdays from Monday to Sunday.
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// Zero-based index with Monday = 0.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The three-letter lower-case key used in the JSON format (`"mon"`, …).
    pub fn key(self) -> &'static str {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][self.index()]
    }
}

// Days from 1970-01-01 for the first and last supported dates.
const MIN_DAY: i64 = -354_285; // 1000-01-01
const MAX_DAY: i64 = 2_932_896; // 9999-12-31
const MIN_MINUTE: i64 = MIN_DAY * MINUTES_PER_DAY;
const MAX_MINUTE: i64 = (MAX_DAY + 1) * MINUTES_PER_DAY - 1;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day number (days since 1970-01-01).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// The date with the given year, month (1–12) and day, if it exists and is in range.
    ///
    /// ```
    /// assert!(jindu::Date::from_ymd(2026, 2, 29).is_none());
    /// assert!(jindu::Date::from_ymd(2028, 2, 29).is_some());
    /// ```
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        let y = year as i64;
        if !(1000..=9999).contains(&y) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(y, month) {
            return None;
        }
        Some(Date(days_from_civil(y, month, day) as i32))
    }

    /// The date `days` days after 1970-01-01, if in range.
    pub fn from_days(days: i64) -> Option<Date> {
        (MIN_DAY..=MAX_DAY)
            .contains(&days)
            .then_some(Date(days as i32))
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days(self) -> i64 {
        self.0 as i64
    }

    /// Year, month (1–12) and day of month.
    pub fn ymd(self) -> (i32, u32, u32) {
        let (y, m, d) = civil_from_days(self.0 as i64);
        (y as i32, m, d)
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        Weekday::ALL[(self.0 as i64 + 3).rem_euclid(7) as usize]
    }

    /// The next day (saturating at 9999-12-31).
    pub fn succ(self) -> Date {
        Date::from_days(self.days() + 1).unwrap_or(self)
    }

    /// The date-time at `minute_of_day` minutes after midnight on this date.
    pub fn at(self, minute_of_day: u32) -> DateTime {
        DateTime::raw((self.days() * MINUTES_PER_DAY + minute_of_day as i64).min(MAX_MINUTE))
    }

    /// This date as a `chrono::NaiveDate`.
    pub fn to_chrono(self) -> chrono::NaiveDate {
        let (y, m, d) = self.ymd();
        chrono::NaiveDate::from_ymd_opt(y, m, d)
            .expect("a Date is a real day in the years 1000-9999, which chrono represents")
    }

    /// Converts a `chrono::NaiveDate`, if it lies between the years 1000 and 9999.
    pub fn from_chrono(d: chrono::NaiveDate) -> Option<Date> {
        use chrono::Datelike;
        Date::from_ymd(d.year(), d.month(), d.day())
    }
}

impl DateTime {
    /// The earliest supported instant, 1000-01-01T00:00.
    pub const MIN: DateTime = DateTime::raw(MIN_MINUTE);
    /// The latest supported instant, 9999-12-31T23:59.
    pub const MAX: DateTime = DateTime::raw(MAX_MINUTE);

    /// Stores minutes since 1970 (in range) shifted to start at one, so that
    /// `Option<DateTime>` needs no more room than `DateTime`.
    /// Every caller passes `minutes` in `MIN_MINUTE..=MAX_MINUTE` (checked by `from_minutes`,
    /// clamped by the others), so the stored value is at least one.
    const fn raw(minutes: i64) -> DateTime {
        DateTime(
            NonZeroI64::new(minutes - MIN_MINUTE + 1)
                .expect("callers pass minutes >= MIN_MINUTE (checked or clamped), so this is >= 1"),
        )
    }

    /// The instant `minutes` minutes after 1970-01-01T00:00, if in range.
    pub fn from_minutes(minutes: i64) -> Option<DateTime> {
        (MIN_MINUTE..=MAX_MINUTE)
            .contains(&minutes)
            .then(|| DateTime::raw(minutes))
    }

    /// Minutes since 1970-01-01T00:00 (negative before).
    pub const fn minutes(self) -> i64 {
        self.0.get() + MIN_MINUTE - 1
    }

    /// Builds a date-time from its parts, if valid and in range.
    ///
    /// ```
    /// let t = jindu::DateTime::from_parts(2026, 1, 5, 8, 0).unwrap();
    /// assert_eq!(t.to_string(), "2026-01-05T08:00:00");
    /// ```
    pub fn from_parts(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> Option<DateTime> {
        if hour > 23 || minute > 59 {
            return None;
        }
        Date::from_ymd(year, month, day).map(|d| d.at(hour * 60 + minute))
    }

    /// The calendar date of this instant.
    pub fn date(self) -> Date {
        Date(self.minutes().div_euclid(MINUTES_PER_DAY) as i32)
    }

    /// Minutes since midnight (0–1439).
    pub fn minute_of_day(self) -> u32 {
        self.minutes().rem_euclid(MINUTES_PER_DAY) as u32
    }

    /// This instant moved by `minutes` wall-clock minutes (saturating at the supported range).
    pub fn add_minutes(self, minutes: i64) -> DateTime {
        DateTime::raw(
            self.minutes()
                .saturating_add(minutes)
                .clamp(MIN_MINUTE, MAX_MINUTE),
        )
    }

    /// This instant moved by `minutes` wall-clock minutes, or `None` outside the supported range.
    pub fn checked_add_minutes(self, minutes: i64) -> Option<DateTime> {
        DateTime::from_minutes(self.minutes().checked_add(minutes)?)
    }

    /// Wall-clock minutes from `earlier` to `self` (negative if `self` is earlier).
    pub fn minutes_since(self, earlier: DateTime) -> i64 {
        self.minutes() - earlier.minutes()
    }

    /// This instant as a `chrono::NaiveDateTime`.
    pub fn to_chrono(self) -> chrono::NaiveDateTime {
        let m = self.minute_of_day();
        self.date()
            .to_chrono()
            .and_hms_opt(m / 60, m % 60, 0)
            .expect("minute_of_day is 0-1439, so the hour is 0-23 and the minute 0-59")
    }

    /// Converts a `chrono::NaiveDateTime` with whole minutes, if it is in range.
    pub fn from_chrono(t: chrono::NaiveDateTime) -> Option<DateTime> {
        use chrono::Timelike;
        if t.second() != 0 || t.nanosecond() != 0 {
            return None;
        }
        let d = Date::from_chrono(t.date())?;
        Some(d.at(t.hour() * 60 + t.minute()))
    }

    /// Writes `YYYY-MM-DDTHH:MM:SS` into `out` without allocating.
    pub fn write_iso(self, out: &mut String) {
        out.push_str(
            std::str::from_utf8(&self.iso())
                .expect("iso() writes ASCII digits, dashes, a T and colons"),
        );
    }

    /// This instant as the 19 ASCII bytes `YYYY-MM-DDTHH:MM:SS`.
    pub fn iso(self) -> [u8; 19] {
        let (y, mo, d) = civil_from_days(self.minutes().div_euclid(MINUTES_PER_DAY));
        let m = self.minute_of_day();
        let mut buf = *b"0000-00-00T00:00:00";
        // Years are 1000 to 9999, so every field is two digits (the year two pairs).
        let y = y as u32;
        put2(&mut buf, 0, y / 100);
        put2(&mut buf, 2, y % 100);
        put2(&mut buf, 5, mo);
        put2(&mut buf, 8, d);
        put2(&mut buf, 11, m / 60);
        put2(&mut buf, 14, m % 60);
        buf
    }
}

/// The two-digit decimal forms of 0 to 99.
const PAIRS: &[u8; 200] = b"\
0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// Writes `v` (below 100) as two digits at `at`.
#[inline]
fn put2(buf: &mut [u8], at: usize, v: u32) {
    let k = 2 * (v as usize % 100);
    buf[at] = PAIRS[k];
    buf[at + 1] = PAIRS[k + 1];
}

/// A short ASCII text formatted on the stack: a duration, a lag, a date-time.
#[derive(Clone, Copy)]
pub(crate) struct ShortText {
    buf: [u8; 48],
    len: usize,
}

impl ShortText {
    fn new() -> ShortText {
        ShortText {
            buf: [0; 48],
            len: 0,
        }
    }

    #[inline]
    fn push(&mut self, b: u8) {
        self.buf[self.len] = b;
        self.len += 1;
    }

    #[inline]
    fn push_str(&mut self, s: &str) {
        self.buf[self.len..self.len + s.len()].copy_from_slice(s.as_bytes());
        self.len += s.len();
    }

    /// Appends `v` in decimal.
    fn push_u64(&mut self, mut v: u64) {
        let mut tmp = [0u8; 20];
        let mut k = tmp.len();
        while v >= 100 {
            k -= 2;
            put2(&mut tmp, k, (v % 100) as u32);
            v /= 100;
        }
        if v >= 10 {
            k -= 2;
            put2(&mut tmp, k, v as u32);
        } else {
            k -= 1;
            tmp[k] = b'0' + v as u8;
        }
        let n = tmp.len() - k;
        self.buf[self.len..self.len + n].copy_from_slice(&tmp[k..]);
        self.len += n;
    }

    /// Appends `-` for a negative number, then its magnitude.
    fn push_i64(&mut self, v: i64) {
        if v < 0 {
            self.push(b'-');
        }
        self.push_u64(v.unsigned_abs());
    }

    /// Appends `.D` or `.DD` for a non-zero number of hundredths below 100, without a
    /// trailing zero.
    fn push_hundredths(&mut self, x: u64) {
        self.push(b'.');
        self.push(b'0' + (x / 10) as u8);
        if x % 10 != 0 {
            self.push(b'0' + (x % 10) as u8);
        }
    }

    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII is ever pushed.
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default()
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            std::str::from_utf8(&self.iso())
                .expect("iso() writes ASCII digits, dashes, a T and colons"),
        )
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl fmt::Debug for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0u32, |a, &c| a * 10 + (c - b'0') as u32))
}

fn parse_date_bytes(b: &[u8]) -> Option<Date> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Date::from_ymd(
        digits(&b[0..4])? as i32,
        digits(&b[5..7])?,
        digits(&b[8..10])?,
    )
}

/// Parses `HH:MM` or `HH:MM:SS` (seconds must be `00`) into minutes of the day (0–1440; `24:00`
/// is allowed as the end of a day).
pub(crate) fn parse_clock(s: &str) -> Option<u32> {
    let b = s.as_bytes();
    let (hm, sec) = match b.len() {
        5 => (b, None),
        8 if b[5] == b':' => (&b[..5], Some(&b[6..8])),
        _ => return None,
    };
    if hm[2] != b':' {
        return None;
    }
    let h = digits(&hm[0..2])?;
    let m = digits(&hm[3..5])?;
    if let Some(sec) = sec {
        if digits(sec)? != 0 {
            return None;
        }
    }
    if m > 59 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

impl FromStr for Date {
    type Err = Error;

    fn from_str(s: &str) -> Result<Date> {
        parse_date_bytes(s.as_bytes())
            .ok_or_else(|| Error::parse("date", s, "expected YYYY-MM-DD, years 1000-9999"))
    }
}

impl DateTime {
    /// Reads a bare date `YYYY-MM-DD` as its midnight, or a date-time as [`FromStr`] does: the
    /// form options take for a range ("from 2026-03-02").
    ///
    /// ```
    /// use jindu::DateTime;
    /// assert_eq!(DateTime::parse_day_or_time("2026-03-02")?, "2026-03-02T00:00".parse()?);
    /// assert_eq!(DateTime::parse_day_or_time("2026-03-02T08:30")?, "2026-03-02T08:30".parse()?);
    /// assert!(DateTime::parse_day_or_time("March").is_err());
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn parse_day_or_time(s: &str) -> Result<DateTime> {
        if s.len() == 10 {
            return s.parse::<Date>().map(|d| d.at(0));
        }
        s.parse()
    }
}

impl FromStr for DateTime {
    type Err = Error;

    /// Accepts `YYYY-MM-DDTHH:MM:SS` and `YYYY-MM-DDTHH:MM` (a space may replace the `T`).
    fn from_str(s: &str) -> Result<DateTime> {
        let err = || {
            Error::parse(
                "date-time",
                s,
                "expected YYYY-MM-DDTHH:MM:SS with whole minutes, years 1000-9999",
            )
        };
        let b = s.as_bytes();
        if b.len() < 16 || (b[10] != b'T' && b[10] != b' ') {
            return Err(err());
        }
        let date = parse_date_bytes(&b[..10]).ok_or_else(err)?;
        let m = parse_clock(&s[11..]).ok_or_else(err)?;
        if m >= 1440 {
            return Err(err());
        }
        Ok(date.at(m))
    }
}

/// Conversion factors between working-time units, as in Microsoft Project's options.
///
/// A working day is `minutes_per_day` working minutes (default 480 = 8 h), a week
/// `minutes_per_week` (default 2400 = 5 days), a month `days_per_month` days (default 20).
/// These only convert units; *when* work happens is the calendar's business.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DurationSettings {
    /// Working minutes in one day (`1d`).
    pub minutes_per_day: i64,
    /// Working minutes in one week (`1w`).
    pub minutes_per_week: i64,
    /// Working days in one month (`1mo`).
    pub days_per_month: i64,
}

impl Default for DurationSettings {
    fn default() -> Self {
        DurationSettings {
            minutes_per_day: 480,
            minutes_per_week: 2400,
            days_per_month: 20,
        }
    }
}

/// An amount of time in whole minutes: working time on a calendar, or elapsed (wall-clock) time.
///
/// Working durations (`"2d"`) are consumed on a working calendar; elapsed durations (`"2ed"`)
/// run around the clock and ignore it.
/// Negative values are allowed where they make sense (lags, floats).
///
/// ```
/// use jindu::{Duration, DurationSettings};
/// let s = DurationSettings::default();
/// assert_eq!(Duration::parse("2d", &s)?, Duration::days(2));
/// assert_eq!(Duration::parse("1.5h", &s)?.minutes(), 90);
/// assert!(Duration::parse("3ed", &s)?.is_elapsed());
/// assert_eq!(Duration::days(2).display(&s).to_string(), "2d");
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Duration {
    /// The minutes times two, plus one for elapsed time: one word, so that the many
    /// durations a schedule holds cost 8 bytes each.
    bits: i64,
}

impl Duration {
    /// Zero working time.
    pub const ZERO: Duration = Duration { bits: 0 };

    /// The packed form; lengths beyond ±2⁶² minutes (far past any date jindu handles)
    /// saturate.
    #[allow(clippy::manual_clamp)] // `clamp` is not const
    const fn pack(minutes: i64, elapsed: bool) -> Duration {
        const LIMIT: i64 = (1 << 62) - 1;
        Duration {
            bits: ((if minutes > LIMIT {
                LIMIT
            } else if minutes < -LIMIT {
                -LIMIT
            } else {
                minutes
            }) * 2)
                | elapsed as i64,
        }
    }

    /// `n` working minutes.
    pub const fn minutes_work(n: i64) -> Duration {
        Duration::pack(n, false)
    }

    /// `n` working hours.
    pub const fn hours(n: i64) -> Duration {
        Duration::minutes_work(n * 60)
    }

    /// `n` working days of 8 hours (use [`Duration::parse`] for other day lengths).
    pub const fn days(n: i64) -> Duration {
        Duration::minutes_work(n * 480)
    }

    /// `n` working weeks of 40 hours.
    pub const fn weeks(n: i64) -> Duration {
        Duration::minutes_work(n * 2400)
    }

    /// `n` elapsed (wall-clock) minutes.
    pub const fn elapsed_minutes(n: i64) -> Duration {
        Duration::pack(n, true)
    }

    /// `n` elapsed (calendar) days of 24 hours.
    pub const fn elapsed_days(n: i64) -> Duration {
        Duration::elapsed_minutes(n * MINUTES_PER_DAY)
    }

    /// The length in minutes (working or elapsed, see [`Duration::is_elapsed`]).
    pub const fn minutes(self) -> i64 {
        self.bits >> 1
    }

    /// Whether this is elapsed (wall-clock) time rather than working time.
    pub const fn is_elapsed(self) -> bool {
        self.bits & 1 == 1
    }

    /// Whether the length is zero.
    pub const fn is_zero(self) -> bool {
        self.minutes() == 0
    }

    /// The same length with the opposite sign.
    pub const fn neg(self) -> Duration {
        Duration::pack(-self.minutes(), self.is_elapsed())
    }

    /// Parses a duration with a unit: `30m`, `4h`, `2d`, `1w`, `1mo`, their elapsed forms
    /// `30em`, `4eh`, `2ed`, `1ew`, `1emo` (a month of 30 days), a sign, and decimals that give
    /// whole minutes (`1.5d`, `-0.25h`).
    /// A bare `0` is zero working time.
    pub fn parse(s: &str, settings: &DurationSettings) -> Result<Duration> {
        let t = s.trim();
        if t == "0" {
            return Ok(Duration::ZERO);
        }
        let split = t.find(|c: char| c.is_ascii_alphabetic()).ok_or_else(|| {
            Error::parse(
                "duration",
                s,
                "missing unit: use m, h, d, w, mo or an elapsed unit em, eh, ed, ew, emo",
            )
        })?;
        let (num, unit) = t.split_at(split);
        let (per, elapsed) = match unit {
            "m" | "min" => (1, false),
            "h" | "hr" => (60, false),
            "d" | "day" => (settings.minutes_per_day, false),
            "w" | "wk" => (settings.minutes_per_week, false),
            "mo" => (settings.days_per_month * settings.minutes_per_day, false),
            "em" => (1, true),
            "eh" => (60, true),
            "ed" => (MINUTES_PER_DAY, true),
            "ew" => (7 * MINUTES_PER_DAY, true),
            "emo" => (30 * MINUTES_PER_DAY, true),
            // `1e308d` splits as 1 and `e308d`, `NaNd` as nothing and `NaNd`: the number is
            // what is wrong there, not the unit.
            _ if num.trim().is_empty() || unit.contains(|c: char| c.is_ascii_digit()) => {
                return Err(Error::parse(
                    "duration",
                    s,
                    "expected a decimal number and a unit, e.g. 2d, 1.5h, -30m (no exponents)",
                ))
            }
            _ => {
                return Err(Error::parse(
                    "duration",
                    s,
                    "unknown unit: use m, h, d, w, mo or an elapsed unit em, eh, ed, ew, emo",
                ))
            }
        };
        let minutes = scaled_decimal(num.trim(), per).ok_or_else(|| {
            Error::parse(
                "duration",
                s,
                "expected a number that gives whole minutes, e.g. 2d, 1.5h, -30m",
            )
        })?;
        Ok(Duration::pack(minutes, elapsed))
    }

    /// A value that formats this duration in the largest unit that represents it exactly.
    pub fn display(self, settings: &DurationSettings) -> DurationDisplay {
        DurationDisplay {
            d: self,
            settings: *settings,
        }
    }
}

/// Parses a signed decimal and multiplies it by `per`, if the product is a whole number.
pub(crate) fn scaled_decimal(num: &str, per: i64) -> Option<i64> {
    let (neg, body) = match num.as_bytes().first()? {
        b'-' => (true, &num[1..]),
        b'+' => (false, &num[1..]),
        _ => (false, num),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    if (int.is_empty() && frac.is_empty()) || frac.len() > 9 {
        return None;
    }
    if !int.bytes().all(|c| c.is_ascii_digit()) || !frac.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let int_v: i128 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let scale = 10i128.pow(frac.len() as u32);
    let frac_v: i128 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    let total = (int_v * scale + frac_v).checked_mul(per as i128)?;
    if total % scale != 0 {
        return None;
    }
    let v = total / scale;
    let v = if neg { -v } else { v };
    // Keep well inside i64 so that later sums cannot overflow.
    (v.abs() <= 1i128 << 50).then_some(v as i64)
}

impl fmt::Debug for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.display(&DurationSettings::default()))
    }
}

/// Formats a [`Duration`] in its largest exact unit; see [`Duration::display`].
#[derive(Debug, Clone, Copy)]
pub struct DurationDisplay {
    d: Duration,
    settings: DurationSettings,
}

impl DurationDisplay {
    /// The text, formatted on the stack.
    pub(crate) fn text(&self) -> ShortText {
        let mut t = ShortText::new();
        let m = self.d.minutes();
        let (day, units): (i64, [&str; 3]) = if self.d.is_elapsed() {
            (MINUTES_PER_DAY, ["ed", "eh", "em"])
        } else {
            (self.settings.minutes_per_day, ["d", "h", "m"])
        };
        if m == 0 {
            t.push(b'0');
            t.push_str(units[0]);
            return t;
        }
        for (per, unit) in [(day, units[0]), (60, units[1])] {
            if per > 0 && (m * 100) % per == 0 {
                let hundredths = m * 100 / per;
                if hundredths < 0 {
                    t.push(b'-');
                }
                let a = hundredths.unsigned_abs();
                t.push_u64(a / 100);
                if a % 100 != 0 {
                    t.push_hundredths(a % 100);
                }
                t.push_str(unit);
                return t;
            }
        }
        t.push_i64(m);
        t.push_str(units[2]);
        t
    }
}

impl fmt::Display for DurationDisplay {
    /// Days (`"21.5d"`) when the length is a whole number of hundredths of a day, else hours
    /// (`"1.5h"`) likewise, else minutes; elapsed durations the same with `ed`, `eh`, `em`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().as_str())
    }
}

/// The text of a percentage lag given in hundredths of a percent (`5000` is `50%`, `-1250`
/// is `-12.5%`).
pub(crate) fn percent_text(p: i32) -> ShortText {
    let mut t = ShortText::new();
    if p % 100 == 0 {
        t.push_i64((p / 100) as i64);
    } else {
        if p < 0 {
            t.push(b'-');
        }
        let a = p.unsigned_abs() as u64;
        t.push_u64(a / 100);
        t.push_hundredths(a % 100);
    }
    t.push(b'%');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_roundtrip_and_weekdays() {
        for z in (MIN_DAY..=MAX_DAY).step_by(97) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(Date::from_ymd(1000, 1, 1).unwrap().days(), MIN_DAY);
        assert_eq!(Date::from_ymd(9999, 12, 31).unwrap().days(), MAX_DAY);
        // 2026-01-05 is a Monday, 2000-02-29 a Tuesday.
        assert_eq!(Date::from_ymd(2026, 1, 5).unwrap().weekday(), Weekday::Mon);
        assert_eq!(Date::from_ymd(2000, 2, 29).unwrap().weekday(), Weekday::Tue);
        assert!(Date::from_ymd(1900, 2, 29).is_none());
    }

    #[test]
    fn datetime_parse_and_format() {
        let t: DateTime = "2026-03-31T17:00:00".parse().unwrap();
        assert_eq!(t.to_string(), "2026-03-31T17:00:00");
        assert_eq!("2026-03-31 17:00".parse::<DateTime>().unwrap(), t);
        assert!("2026-03-31T17:00:30".parse::<DateTime>().is_err());
        assert!("2026-02-30T08:00:00".parse::<DateTime>().is_err());
        assert!("2026-03-31T24:00:00".parse::<DateTime>().is_err());
        assert!("0999-12-31T08:00".parse::<DateTime>().is_err());
        assert_eq!(t.to_chrono().to_string(), "2026-03-31 17:00:00");
        assert_eq!(DateTime::from_chrono(t.to_chrono()), Some(t));
        assert_eq!(DateTime::MAX.to_string(), "9999-12-31T23:59:00");
        assert_eq!(DateTime::MIN.to_string(), "1000-01-01T00:00:00");
    }

    #[test]
    fn durations() {
        let s = DurationSettings::default();
        let p = |x| Duration::parse(x, &s);
        assert_eq!(p("30m").unwrap().minutes(), 30);
        assert_eq!(p("4h").unwrap().minutes(), 240);
        assert_eq!(p("2d").unwrap().minutes(), 960);
        assert_eq!(p("1w").unwrap().minutes(), 2400);
        assert_eq!(p("1mo").unwrap().minutes(), 9600);
        assert_eq!(p("-1d").unwrap().minutes(), -480);
        assert_eq!(p("0.5d").unwrap().minutes(), 240);
        assert_eq!(p("5ed").unwrap(), Duration::elapsed_days(5));
        assert_eq!(p("1emo").unwrap().minutes(), 43200);
        assert_eq!(p("0").unwrap(), Duration::ZERO);
        assert!(p("0.3m").is_err());
        assert!(p("2x").is_err());
        assert!(p("d").is_err());
        assert!(p("2").is_err());
        assert!(p("1e9w").is_err());
        let custom = DurationSettings {
            minutes_per_day: 450,
            minutes_per_week: 2250,
            days_per_month: 20,
        };
        assert_eq!(Duration::parse("2d", &custom).unwrap().minutes(), 900);
        assert_eq!(
            Duration::minutes_work(900).display(&custom).to_string(),
            "2d"
        );
        assert_eq!(Duration::minutes_work(90).display(&s).to_string(), "1.5h");
        assert_eq!(Duration::minutes_work(91).display(&s).to_string(), "91m");
        assert_eq!(Duration::hours(172).display(&s).to_string(), "21.5d");
        assert_eq!(Duration::weeks(2).display(&s).to_string(), "10d");
        assert_eq!(Duration::minutes_work(12).display(&s).to_string(), "0.2h");
        assert_eq!(Duration::elapsed_days(3).display(&s).to_string(), "3ed");
        assert_eq!(Duration::hours(-3).display(&s).to_string(), "-3h");
        assert_eq!(Duration::hours(-12).display(&s).to_string(), "-1.5d");
        // Everything displayed reads back to the same duration.
        for m in [
            -2401i64, -90, -1, 1, 7, 59, 61, 90, 240, 479, 481, 2400, 100_000,
        ] {
            for d in [Duration::minutes_work(m), Duration::elapsed_minutes(m)] {
                let text = d.display(&s).to_string();
                assert_eq!(Duration::parse(&text, &s).unwrap(), d, "{text}");
            }
        }
    }
}

#[cfg(test)]
mod size_tests {
    use super::*;

    #[test]
    fn optional_instants_and_durations_cost_one_word() {
        assert_eq!(std::mem::size_of::<Option<DateTime>>(), 8);
        assert_eq!(std::mem::size_of::<Duration>(), 8);
    }

    #[test]
    fn packed_durations_keep_sign_kind_and_saturate() {
        let d = Duration::elapsed_minutes(-479);
        assert_eq!((d.minutes(), d.is_elapsed()), (-479, true));
        assert_eq!(d.neg().minutes(), 479);
        let w = Duration::minutes_work(-480);
        assert_eq!((w.minutes(), w.is_elapsed()), (-480, false));
        assert_ne!(Duration::minutes_work(5), Duration::elapsed_minutes(5));
        let big = Duration::minutes_work(i64::MAX);
        assert_eq!((big.minutes(), big.is_elapsed()), ((1 << 62) - 1, false));
        let small = Duration::elapsed_minutes(i64::MIN);
        assert_eq!(
            (small.minutes(), small.is_elapsed()),
            (-(1 << 62) + 1, true)
        );
        assert_eq!(DateTime::MIN.minutes(), DateTime::MIN.date().days() * 1440);
        assert_eq!(
            DateTime::from_minutes(0).unwrap().to_string(),
            "1970-01-01T00:00:00"
        );
        assert_eq!(
            Date::from_ymd(9999, 12, 31).unwrap().at(1440),
            DateTime::MAX
        );
    }
}
