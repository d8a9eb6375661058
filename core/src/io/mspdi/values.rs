//! Values in an MSPDI document: reading a child element as an integer, number, flag, date or
//! duration, with an [`Error::Xml`] naming the element, the item and the position when it does
//! not parse; and the MSPDI value syntaxes themselves.

use super::xml::{line_col, El};
use crate::{DateTime, Error, Item, Result, XmlError};

/// Context for value errors: the document, the item, the element path prefix.
pub(super) struct Ctx<'a> {
    pub(super) bytes: &'a [u8],
}

impl Ctx<'_> {
    pub(super) fn err(
        &self,
        el: &El,
        item: Option<Item>,
        path: &str,
        msg: impl Into<String>,
    ) -> Error {
        let (line, column) = line_col(self.bytes, el.pos);
        Error::Xml(Box::new(XmlError {
            item,
            element: path.to_owned(),
            line,
            column,
            message: msg.into(),
        }))
    }

    /// Child `name` of `el` parsed with `f`; a present but unparsable value is an error.
    pub(super) fn val<T>(
        &self,
        el: &El,
        name: &str,
        item: &Option<Item>,
        what: &str,
        f: impl FnOnce(&str) -> Option<T>,
    ) -> Result<Option<T>> {
        let Some(c) = el.child(name) else {
            return Ok(None);
        };
        let t = c.text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        match f(t) {
            Some(v) => Ok(Some(v)),
            None => Err(self.err(
                c,
                item.clone(),
                &format!("{}/{name}", el.name),
                format!(
                    "invalid {what} {:?}",
                    t.chars().take(80).collect::<String>()
                ),
            )),
        }
    }

    pub(super) fn int(&self, el: &El, name: &str, item: &Option<Item>) -> Result<Option<i64>> {
        self.val(el, name, item, "integer", |t| t.parse::<i64>().ok())
    }

    pub(super) fn num(&self, el: &El, name: &str, item: &Option<Item>) -> Result<Option<f64>> {
        self.val(el, name, item, "number", |t| {
            t.parse::<f64>().ok().filter(|v| v.is_finite())
        })
    }

    pub(super) fn flag(&self, el: &El, name: &str, item: &Option<Item>) -> Result<bool> {
        Ok(self
            .val(el, name, item, "flag (0 or 1)", |t| match t {
                "1" | "true" => Some(true),
                "0" | "false" => Some(false),
                _ => None,
            })?
            .unwrap_or(false))
    }

    pub(super) fn date(
        &self,
        el: &El,
        name: &str,
        item: &Option<Item>,
    ) -> Result<Option<DateTime>> {
        self.val(el, name, item, "date-time", parse_datetime)
    }

    pub(super) fn duration(&self, el: &El, name: &str, item: &Option<Item>) -> Result<Option<i64>> {
        self.val(el, name, item, "duration (PTnHnMnS)", parse_iso_minutes)
    }
}

/// Parses `YYYY-MM-DDTHH:MM:SS` (seconds and fractions are dropped).
pub(super) fn parse_datetime(s: &str) -> Option<DateTime> {
    let b = s.as_bytes();
    if b.len() < 16 || !s.is_char_boundary(16) {
        return None;
    }
    let rest = &s[16..];
    if !(rest.is_empty() || rest.starts_with(':')) {
        return None;
    }
    s[..16].parse().ok()
}

/// Parses an ISO 8601 duration (`PT8H0M0S`, `P2DT4H`, `-PT30M`) into whole minutes (rounded).
pub(super) fn parse_iso_minutes(s: &str) -> Option<i64> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let s = s.strip_prefix('P')?;
    let mut secs = 0f64;
    let mut in_time = false;
    let mut num = String::new();
    let mut any = false;
    for c in s.chars() {
        match c {
            'T' if !in_time && num.is_empty() => in_time = true,
            '0'..='9' | '.' => num.push(c),
            _ => {
                let v: f64 = num.parse().ok()?;
                num.clear();
                any = true;
                let unit = match (c, in_time) {
                    ('Y', false) => 365.0 * 86400.0,
                    ('M', false) => 30.0 * 86400.0,
                    ('W', false) => 7.0 * 86400.0,
                    ('D', false) => 86400.0,
                    ('H', true) => 3600.0,
                    ('M', true) => 60.0,
                    ('S', true) => 1.0,
                    _ => return None,
                };
                secs += v * unit;
            }
        }
    }
    if !num.is_empty() || !any || !secs.is_finite() || secs > 1e13 {
        return None;
    }
    let m = (secs / 60.0).round() as i64;
    Some(if neg { -m } else { m })
}

/// Writes minutes as `PTnHnMnS`.
pub(super) fn iso_minutes(m: i64) -> String {
    let sign = if m < 0 { "-" } else { "" };
    let a = m.unsigned_abs();
    format!("{sign}PT{}H{}M0S", a / 60, a % 60)
}

/// Whether a `DurationFormat` / `LagFormat` code is an elapsed unit.
pub(super) fn elapsed_format(code: i64) -> bool {
    matches!(code, 4 | 6 | 8 | 10 | 12 | 20 | 36 | 38 | 40 | 42 | 44 | 52)
}

/// Whether a `LagFormat` code is a percentage.
pub(super) fn percent_format(code: i64) -> bool {
    matches!(code, 19 | 20 | 51 | 52)
}

/// Parses a time of day `HH:MM[:SS]` (whole minutes, up to 24:00) into minutes since midnight.
pub(super) fn parse_time_of_day(s: &str) -> Option<u16> {
    let mut it = s.split(':');
    let h: u16 = it.next()?.trim().parse().ok()?;
    let m: u16 = it.next()?.trim().parse().ok()?;
    if let Some(sec) = it.next() {
        let sec: f64 = sec.trim().parse().ok()?;
        if sec != 0.0 {
            return None;
        }
    }
    // `then`, not `then_some`: the sum is only computed once `h` is known to be small (an
    // hour of 9400 overflowed it; found by the `mspdi` fuzz target).
    (h <= 24 && m < 60 && h * 60 + m <= 1440).then(|| h * 60 + m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_out_of_range_are_none() {
        assert_eq!(parse_time_of_day("13:30:00"), Some(810));
        assert_eq!(parse_time_of_day("24:00"), Some(1440));
        assert_eq!(parse_time_of_day("09400:00"), None);
        assert_eq!(parse_time_of_day("65535:59"), None);
        assert_eq!(parse_time_of_day("24:01"), None);
    }

    #[test]
    fn iso_durations() {
        assert_eq!(parse_iso_minutes("PT8H0M0S"), Some(480));
        assert_eq!(parse_iso_minutes("PT7H30M0S"), Some(450));
        assert_eq!(parse_iso_minutes("P1DT2H"), Some(1560));
        assert_eq!(parse_iso_minutes("-PT1H"), Some(-60));
        assert_eq!(parse_iso_minutes("PT0H0M30S"), Some(1));
        assert_eq!(parse_iso_minutes("8h"), None);
        assert_eq!(parse_iso_minutes("P"), None);
        assert_eq!(parse_iso_minutes("PT5"), None);
        assert_eq!(iso_minutes(450), "PT7H30M0S");
    }
}
