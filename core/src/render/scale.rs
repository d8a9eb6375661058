//! The header's time scale: two tiers of calendar units chosen from the pixels one day gets.

use std::fmt::Write as _;

use crate::time::{Date, DateTime};

use super::svg::{escape, text_width, N};

use super::Locale;

/// A calendar unit of a header tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// Hours, `n` at a time.
    Hours(u32),
    /// Days.
    Day,
    /// Weeks starting on Monday.
    Week,
    /// Months.
    Month,
    /// Quarters.
    Quarter,
    /// Years.
    Year,
}

/// The two tiers (top, bottom) for `px_per_day` pixels per day, and whether non-working time
/// is worth shading: below 5 px a day a weekend is a hairline and shading is noise.
pub(crate) fn choose(px_per_day: f64) -> (Unit, Unit) {
    if px_per_day >= 150.0 {
        let px_per_hour = px_per_day / 24.0;
        let step = [1, 2, 3, 4, 6, 12]
            .into_iter()
            .find(|&h| px_per_hour * h as f64 >= 34.0)
            .unwrap_or(12);
        (Unit::Day, Unit::Hours(step))
    } else if px_per_day >= 16.0 {
        (Unit::Month, Unit::Day)
    } else if px_per_day >= 3.0 {
        (Unit::Month, Unit::Week)
    } else if px_per_day >= 1.1 {
        (Unit::Year, Unit::Month)
    } else {
        (Unit::Year, Unit::Quarter)
    }
}

/// The start of the unit holding `t`.
pub(crate) fn floor(unit: Unit, t: DateTime) -> DateTime {
    let d = t.date();
    let (y, m, _) = d.ymd();
    match unit {
        Unit::Hours(n) => {
            let step = n * 60;
            d.at(t.minute_of_day() / step * step)
        }
        Unit::Day => d.at(0),
        Unit::Week => days(d.days() - d.weekday().index() as i64),
        Unit::Month => ymd(y, m),
        Unit::Quarter => ymd(y, (m - 1) / 3 * 3 + 1),
        Unit::Year => ymd(y, 1),
    }
}

/// The start of the unit after the one starting at `t` (`t` from [`floor`]).
pub(crate) fn next(unit: Unit, t: DateTime) -> DateTime {
    let d = t.date();
    let (y, m, _) = d.ymd();
    let months = |k: u32| {
        let z = m - 1 + k;
        ymd(y + (z / 12) as i32, z % 12 + 1)
    };
    match unit {
        Unit::Hours(n) => t.add_minutes(n as i64 * 60),
        Unit::Day => days(d.days() + 1),
        Unit::Week => days(d.days() + 7),
        Unit::Month => months(1),
        Unit::Quarter => months(3),
        Unit::Year => ymd(y + 1, 1),
    }
}

fn days(n: i64) -> DateTime {
    Date::from_days(n).map_or(DateTime::MAX, |d| d.at(0))
}

fn ymd(y: i32, m: u32) -> DateTime {
    Date::from_ymd(y, m, 1).map_or(DateTime::MAX, |d| d.at(0))
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const WEEKDAYS_ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

/// The label of the unit starting at `t`: a long form for the top tier, a short one for the
/// bottom tier.
pub(crate) fn label(unit: Unit, t: DateTime, top: bool, loc: Locale) -> String {
    let d = t.date();
    let (y, m, dd) = d.ymd();
    let zh = loc == Locale::ZhCn;
    match (unit, zh) {
        (Unit::Hours(_), _) => format!("{:02}:00", t.minute_of_day() / 60),
        (Unit::Day, false) if top => {
            format!(
                "{} {dd} {} {y}",
                WEEKDAYS_EN[d.weekday().index()],
                MONTHS[m as usize - 1]
            )
        }
        (Unit::Day, true) if top => {
            format!("{y}年{m}月{dd}日 周{}", WEEKDAYS_ZH[d.weekday().index()])
        }
        (Unit::Day | Unit::Week, false) => dd.to_string(),
        (Unit::Day | Unit::Week, true) => format!("{dd}日"),
        (Unit::Month, false) if top => format!("{} {y}", MONTHS[m as usize - 1]),
        (Unit::Month, true) if top => format!("{y}年{m}月"),
        (Unit::Month, false) => MONTHS[m as usize - 1].to_owned(),
        (Unit::Month, true) => format!("{m}月"),
        (Unit::Quarter, _) => format!("Q{}", (m - 1) / 3 + 1),
        (Unit::Year, false) => y.to_string(),
        (Unit::Year, true) => format!("{y}年"),
    }
}

/// A day as the chart's title and markers write it: `6 Mar 2026`, `2026年3月6日`.
pub(crate) fn day(t: DateTime, loc: Locale) -> String {
    let (y, m, dd) = t.date().ymd();
    match loc {
        Locale::En => format!("{dd} {} {y}", MONTHS[m as usize - 1]),
        Locale::ZhCn => format!("{y}年{m}月{dd}日"),
    }
}

/// The starts of the units of `unit` from the one holding `t0` to the last before `t1`.
pub(crate) fn ticks(unit: Unit, t0: DateTime, t1: DateTime) -> Vec<DateTime> {
    let mut out = Vec::new();
    let mut t = floor(unit, t0);
    while t < t1 && out.len() < 20_000 {
        out.push(t);
        let n = next(unit, t);
        if n <= t {
            break;
        }
        t = n;
    }
    out
}

/// Rough length of a unit in days (for the grid's density).
pub(crate) fn unit_days(unit: Unit) -> f64 {
    match unit {
        Unit::Hours(h) => h as f64 / 24.0,
        Unit::Day => 1.0,
        Unit::Week => 7.0,
        Unit::Month => 30.0,
        Unit::Quarter => 91.0,
        Unit::Year => 365.0,
    }
}

/// The labels of a tier, each centred on the visible part of its cell; cells too narrow for
/// their label stay blank.
#[allow(clippy::too_many_arguments)]
pub(crate) fn tier_labels(
    o: &mut String,
    unit: Unit,
    ticks: &[DateTime],
    t1: DateTime,
    top: bool,
    loc: Locale,
    x: &dyn Fn(DateTime) -> f64,
    x0: f64,
    chart_w: f64,
    y: f64,
) {
    let size = if top { 11.0 } else { 10.0 };
    let _ = write!(
        o,
        "<g class=\"m\" font-size=\"{}\" text-anchor=\"middle\">",
        N(size)
    );
    for (k, &t) in ticks.iter().enumerate() {
        let end = ticks
            .get(k + 1)
            .copied()
            .unwrap_or(next(unit, t).min(t1.max(t)));
        let a = x(t).max(x0);
        let b = x(end).min(x0 + chart_w);
        let label = label(unit, t, top, loc);
        if b - a < text_width(&label) * size + 4.0 {
            continue;
        }
        let _ = write!(o, "<text x=\"{}\" y=\"{}\">", N((a + b) * 0.5), N(y));
        escape(o, &label);
        o.push_str("</text>");
    }
    o.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime {
        s.parse().unwrap()
    }

    #[test]
    fn tiers_follow_pixels_per_day() {
        // 200 px a day is 8.3 px an hour: 4 h cells are 33.3 px (< 34), 6 h cells 50 px.
        assert_eq!(choose(200.0), (Unit::Day, Unit::Hours(6)));
        assert_eq!(choose(40.0), (Unit::Month, Unit::Day));
        assert_eq!(choose(5.0), (Unit::Month, Unit::Week));
        assert_eq!(choose(2.0), (Unit::Year, Unit::Month));
        assert_eq!(choose(0.5), (Unit::Year, Unit::Quarter));
    }

    #[test]
    fn units_start_where_the_calendar_says() {
        // 2026-03-05 is a Thursday: its week starts on Monday 2 March.
        let x = t("2026-03-05T13:30");
        assert_eq!(floor(Unit::Week, x), t("2026-03-02T00:00"));
        assert_eq!(floor(Unit::Hours(6), x), t("2026-03-05T12:00"));
        assert_eq!(floor(Unit::Quarter, x), t("2026-01-01T00:00"));
        assert_eq!(
            next(Unit::Quarter, t("2026-10-01T00:00")),
            t("2027-01-01T00:00")
        );
        assert_eq!(
            next(Unit::Month, t("2026-12-01T00:00")),
            t("2027-01-01T00:00")
        );
        assert_eq!(label(Unit::Month, x, true, Locale::ZhCn), "2026年3月");
        assert_eq!(label(Unit::Day, x, true, Locale::En), "Thu 5 Mar 2026");
        assert_eq!(label(Unit::Day, x, true, Locale::ZhCn), "2026年3月5日 周四");
    }
}
