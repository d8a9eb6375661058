//! Words: the languages reports and alerts are written in, and how dates, spans and numbers
//! read in each.

use std::fmt::Write as _;
use std::str::FromStr;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::time::{DateTime, Weekday};

/// The language of reports and alert messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Lang {
    /// English (`en`).
    #[default]
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese (`zh-CN`).
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl FromStr for Lang {
    type Err = Error;
    fn from_str(s: &str) -> Result<Lang> {
        match s {
            "en" | "en-US" | "en-GB" => Ok(Lang::En),
            "zh-CN" | "zh" | "zh-Hans" => Ok(Lang::ZhCn),
            _ => Err(Error::parse("language", s, "expected en or zh-CN")),
        }
    }
}

impl Lang {
    /// The tag: `en` or `zh-CN`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// Whether this is Chinese.
    pub(crate) fn zh(self) -> bool {
        self == Lang::ZhCn
    }

    /// `en` or `zh` by language.
    pub(crate) fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        if self.zh() {
            zh
        } else {
            en
        }
    }

    /// A day: `Fri 6 Feb 2026`, `2026年2月6日（周五）`.
    pub(crate) fn date(self, d: DateTime) -> String {
        let day = d.date();
        let (y, m, dd) = day.ymd();
        let wd = day.weekday();
        if self.zh() {
            const ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
            format!("{y}年{m}月{dd}日（周{}）", ZH[wd.index()])
        } else {
            const EN: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            format!("{} {dd} {} {y}", weekday_en(wd), EN[(m - 1) as usize])
        }
    }

    /// A day without the weekday: `6 Feb 2026`, `2026年2月6日`.
    pub(crate) fn short_date(self, d: DateTime) -> String {
        let (y, m, dd) = d.date().ymd();
        if self.zh() {
            format!("{y}年{m}月{dd}日")
        } else {
            const EN: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            format!("{dd} {} {y}", EN[(m - 1) as usize])
        }
    }

    /// A span of working time: `2 working days`, `6 hours`; `2个工作日`, `6小时`.
    pub(crate) fn span(self, minutes: i64, minutes_per_day: i64) -> String {
        let m = minutes.abs();
        if m < minutes_per_day {
            let h = m as f64 / 60.0;
            let h = trim(h, 1);
            return if self.zh() {
                format!("{h}小时")
            } else if h == "1" {
                "1 hour".to_owned()
            } else {
                format!("{h} hours")
            };
        }
        let d = trim(m as f64 / minutes_per_day as f64, 1);
        if self.zh() {
            format!("{d}个工作日")
        } else if d == "1" {
            "1 working day".to_owned()
        } else {
            format!("{d} working days")
        }
    }

    /// An amount of work (resource time) in hours: `30 hours`, `1 hour`; `30小时`.
    pub(crate) fn work_hours(self, minutes: i64) -> String {
        let h = trim(minutes as f64 / 60.0, 1);
        if self.zh() {
            format!("{h}小时")
        } else if h == "1" {
            "1 hour".to_owned()
        } else {
            format!("{h} hours")
        }
    }

    /// A whole percent: `42%`.
    pub(crate) fn percent(self, v: f64) -> String {
        format!("{}%", v.round() as i64)
    }

    /// An index with two decimals, or a dash.
    pub(crate) fn index(self, v: Option<f64>) -> String {
        v.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"))
    }

    /// An amount, whole units with thousands separators, with the currency if given.
    pub(crate) fn money(self, v: f64, currency: Option<&str>) -> String {
        let n = group(v.round() as i64);
        match currency {
            Some("CNY") | Some("RMB") if self.zh() => format!("{n}元"),
            Some(c) => format!("{n} {c}"),
            None => n,
        }
    }

    /// A list of names: `A, B and C`; `A、B和C`.
    pub(crate) fn list(self, items: &[String]) -> String {
        match items.len() {
            0 => String::new(),
            1 => items[0].clone(),
            n => {
                let head = items[..n - 1].join(self.pick(", ", "、"));
                format!("{head}{}{}", self.pick(" and ", "和"), items[n - 1])
            }
        }
    }

    /// A quoted name: `“Design”` in both languages.
    pub(crate) fn quote(self, name: &str) -> String {
        format!("“{name}”")
    }
}

fn weekday_en(w: Weekday) -> &'static str {
    ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][w.index()]
}

/// `v` with at most `places` decimals, trailing zeros dropped.
pub(crate) fn trim(v: f64, places: usize) -> String {
    let s = format!("{v:.places$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// `1234567` as `1,234,567`.
fn group(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    if n < 0 {
        out.push('-');
    }
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Escapes text for HTML.
pub(crate) fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for a Markdown table cell or line: the characters Markdown would read as
/// markup.
pub(crate) fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    let _ = write!(out, "");
    out
}
