//! The Monte Carlo S-curve: the finish-date histogram of a [`RiskReport`] as bars (left axis:
//! iterations), its cumulative share as a curve (right axis: 0–100 %), and vertical markers at
//! P50, P80, the plan's own date and the target with its probability.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::risk::{DefaultEstimateRequest, RiskReport, RiskRequest};
use crate::time::DateTime;

use super::frame::{self, Key, TIME_AXIS_H, TITLE_H};
use super::gantt::{palette, Locale, Theme};
use super::scale;
use super::svg::{escape, text_width, N};

/// How to draw an S-curve or a tornado; [`Default`] gives a 900 × 420 px light chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RiskChartOptions {
    /// Width in pixels (at least 320).
    pub width: u32,
    /// Height in pixels (at least 160); `None`: 420 for the S-curve, from the number of bars
    /// for the tornado.
    pub height: Option<u32>,
    /// Colours.
    pub theme: Theme,
    /// Language of dates and words.
    pub locale: Locale,
}

impl Default for RiskChartOptions {
    fn default() -> RiskChartOptions {
        RiskChartOptions {
            width: 900,
            height: None,
            theme: Theme::Light,
            locale: Locale::En,
        }
    }
}

/// How to draw the S-curve, as JSON: the chart's size, theme and locale, and the simulation's
/// options as in [`RiskRequest`] (`iterations`, default 1,000; `seed`; `target`;
/// `default_estimate`; `histogram_bins`). Every field is optional.
///
/// ```
/// use jindu::render::{ScurveRequest, Theme};
/// let r = ScurveRequest::from_json(r#"{"iterations": 500, "seed": 3,
///     "target": "2026-02-13T17:00", "theme": "dark"}"#)?;
/// assert_eq!(r.options()?.theme, Theme::Dark);
/// assert_eq!(r.risk().iterations, Some(500));
/// assert!(ScurveRequest::from_json(r#"{"top": 5}"#).is_err()); // a tornado option
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ScurveRequest {
    /// Width in pixels (default 900; at least 320).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Height in pixels (default 420; at least 160).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// `light` (the default) or `dark`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// `en` (the default) or `zh-CN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Iterations (default 1,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterations: Option<u64>,
    /// The seed (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// A target finish (`YYYY-MM-DDTHH:MM`): drawn with the probability of meeting it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// The estimate of tasks without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_estimate: Option<DefaultEstimateRequest>,
    /// Bars in the histogram (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub histogram_bins: Option<u32>,
}

impl ScurveRequest {
    /// Reads the JSON form; an unknown field is an error naming it.
    pub fn from_json(text: &str) -> Result<ScurveRequest> {
        serde_json::from_str(text).map_err(|e| Error::parse("scurve options", text, &e.to_string()))
    }

    /// The simulation's part of the options.
    pub fn risk(&self) -> RiskRequest {
        RiskRequest {
            iterations: self.iterations,
            seed: self.seed,
            target: self.target.clone(),
            default_estimate: self.default_estimate.clone(),
            histogram_bins: self.histogram_bins,
            ..RiskRequest::default()
        }
    }

    /// The chart's options; a bad theme or locale is an error naming it.
    pub fn options(&self) -> Result<RiskChartOptions> {
        chart_options(
            self.width,
            self.height,
            self.theme.as_deref(),
            self.locale.as_deref(),
        )
    }
}

/// Size, theme and locale read into [`RiskChartOptions`].
pub(super) fn chart_options(
    width: Option<u32>,
    height: Option<u32>,
    theme: Option<&str>,
    locale: Option<&str>,
) -> Result<RiskChartOptions> {
    let d = RiskChartOptions::default();
    Ok(RiskChartOptions {
        width: width.unwrap_or(d.width),
        height,
        theme: theme.map(str::parse).transpose()?.unwrap_or(d.theme),
        locale: locale.map(str::parse).transpose()?.unwrap_or(d.locale),
    })
}

/// A date of the report.
fn when(field: &str, s: &str) -> Result<DateTime> {
    s.parse::<DateTime>()
        .map_err(|_| frame::bad("scurve", field, format!("{s:?} is not a date-time")))
}

const LEFT: f64 = 56.0;
const RIGHT: f64 = 52.0;
/// Room above the plot for three rows of marker labels.
const MARKS_H: f64 = 44.0;

/// A vertical marker and its label.
struct Mark {
    t: DateTime,
    class: &'static str,
    label: String,
    /// A dot where it crosses the S-curve (P50, P80).
    dot: bool,
}

/// Draws the finish-date distribution of `report` as a standalone SVG: bars of iterations
/// per histogram bin between its dates, the S-curve of the cumulative share, and labelled
/// markers at P50, P80, the deterministic date and the target (with its probability). `name`
/// is the chart's title (the project's name).
///
/// Fails with [`Error::Invalid`] (item `scurve`) for a size under 320 × 160 px or a report
/// whose dates do not read.
///
/// ```
/// use jindu::render::{scurve, RiskChartOptions};
/// let doc = jindu::io::json::read(r#"{"name": "P", "start": "2026-01-05",
///   "tasks": [{"id": "A", "duration": "5d",
///              "estimate": {"optimistic": "4d", "likely": "5d", "pessimistic": "9d"}}]}"#)?;
/// let mut o = jindu::risk::RiskRequest::from_json(r#"{"iterations": 200}"#)?
///     .options(&doc.project, doc.options)?;
/// let r = jindu::risk::simulate(&doc.project, &o, Default::default())?;
/// let svg = scurve("P", &r, &RiskChartOptions::default())?;
/// assert!(svg.contains(">P50 ") && svg.contains(">P80 "));
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn scurve(name: &str, report: &RiskReport, options: &RiskChartOptions) -> Result<String> {
    frame::check_size("scurve", options.width, options.height)?;
    let pal = palette(options.theme);
    let loc = options.locale;
    let zh = loc == Locale::ZhCn;
    let f = &report.finish;
    let width = options.width as f64;
    let height = options.height.unwrap_or(420) as f64;

    // The bins' ranges in time: each from the previous bin's end to its own date.
    let ends: Vec<DateTime> = f
        .histogram
        .iter()
        .map(|b| when("histogram", &b.date))
        .collect::<Result<_>>()?;
    let min = when("min", &f.min)?;
    let mut starts = Vec::with_capacity(ends.len());
    for (i, &e) in ends.iter().enumerate() {
        starts.push(match i {
            0 => {
                let w = ends.get(1).map_or(0, |&n| n.minutes_since(e));
                if min < e {
                    min
                } else {
                    e.add_minutes(-w.max(60))
                }
            }
            _ => ends[i - 1],
        });
    }
    let p50 = when("p50", &f.p50)?;
    let p80 = when("p80", &f.p80)?;
    let det = when("deterministic", &f.deterministic)?;
    let target = report
        .target
        .as_deref()
        .map(|t| when("target", t))
        .transpose()?;

    let mut marks = vec![
        Mark {
            t: p50,
            class: "pk",
            label: format!("P50 {}", scale::day(p50, loc)),
            dot: true,
        },
        Mark {
            t: p80,
            class: "pk",
            label: format!("P80 {}", scale::day(p80, loc)),
            dot: true,
        },
        Mark {
            t: det,
            class: "dt",
            label: format!(
                "{} {} · {}%",
                if zh { "计划" } else { "Plan" },
                scale::day(det, loc),
                (f.probability_deterministic * 100.0).round()
            ),
            dot: false,
        },
    ];
    if let Some(t) = target {
        let p = report.probability_on_time.unwrap_or(0.0);
        marks.push(Mark {
            t,
            class: if p >= 0.8 { "tg" } else { "tg x" },
            label: format!(
                "{} {} · {}%",
                if zh { "目标" } else { "Target" },
                scale::day(t, loc),
                (p * 100.0).round()
            ),
            dot: false,
        });
    }

    // The time shown: every bar and marker, with a margin of 4 % each side.
    let mut t0 = starts.first().copied().unwrap_or(det);
    let mut t1 = ends.last().copied().unwrap_or(det);
    for m in &marks {
        t0 = t0.min(m.t);
        t1 = t1.max(m.t);
    }
    let pad = (t1.minutes_since(t0) / 25).max(720);
    let (t0, t1) = (t0.add_minutes(-pad), t1.add_minutes(pad));

    let x0 = LEFT;
    let chart_w = width - LEFT - RIGHT;
    let top = TITLE_H + MARKS_H;
    let base = height - TIME_AXIS_H - 6.0;
    let plot_h = (base - top).max(40.0);
    let span = t1.minutes_since(t0).max(1) as f64;
    let x = |t: DateTime| x0 + t.minutes_since(t0) as f64 * chart_w / span;
    let ticks = frame::value_ticks(
        f.histogram.iter().map(|b| b.count).max().unwrap_or(0) as f64,
        4,
    );
    let cmax = ticks.last().copied().unwrap_or(1.0);
    let y = |c: f64| base - c / cmax * plot_h;
    let yp = |share: f64| base - share * plot_h;

    let mut o = String::with_capacity(8192);
    let style = format!(
        ".b{{fill:{bar};fill-opacity:.55}}.sc{{fill:none;stroke:{line};stroke-width:2.2}}.dot{{fill:{line}}}.pk{{stroke:{line};stroke-width:1.2;stroke-dasharray:4 3}}.pk.t{{fill:{line};stroke:none}}.dt{{stroke:{muted};stroke-width:1.2;stroke-dasharray:2 3}}.dt.t{{fill:{muted};stroke:none}}.tg{{stroke:{ok};stroke-width:1.5}}.tg.t{{fill:{ok};stroke:none}}.tg.x{{stroke:{miss}}}.tg.x.t{{fill:{miss};stroke:none}}",
        bar = pal.bar,
        line = pal.status,
        muted = pal.muted,
        ok = pal.deadline,
        miss = pal.missed,
    );
    frame::open(&mut o, width, height, pal, &style);
    let keys = [
        Key {
            class: "b",
            line: false,
            label: if zh { "迭代次数" } else { "Iterations" },
        },
        Key {
            class: "sc",
            line: true,
            label: if zh { "累计概率" } else { "Cumulative" },
        },
    ];
    let legend_w = frame::legend_width(&keys);
    let subtitle = if zh {
        format!("完工日期 · {} 次迭代", report.iterations)
    } else {
        format!("Finish date · {} iterations", report.iterations)
    };
    frame::title(&mut o, name, &subtitle, width, legend_w);
    frame::legend(&mut o, &keys, width - 14.0, 21.0);

    // Value grid, left labels (iterations), right labels (cumulative percent).
    let mut d = String::new();
    for &c in &ticks {
        let _ = write!(d, "M{},{}H{}", N(x0), N(y(c)), N(x0 + chart_w));
    }
    let _ = write!(o, "<path class=\"g\" d=\"{d}\"/>");
    o.push_str("<g class=\"m\" font-size=\"10\" text-anchor=\"end\">");
    for &c in &ticks {
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            N(x0 - 6.0),
            N(y(c) + 3.5),
            frame::number(c)
        );
    }
    o.push_str("</g><g class=\"m\" font-size=\"10\">");
    for k in 0..=4 {
        let s = k as f64 * 0.25;
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\">{}%</text>",
            N(x0 + chart_w + 6.0),
            N(yp(s) + 3.5),
            k * 25
        );
    }
    o.push_str("</g>");

    // Bars, each with its tooltip.
    for ((b, &a), &e) in f.histogram.iter().zip(&starts).zip(&ends) {
        let (xa, xb) = (x(a), x(e));
        let gap = if xb - xa >= 6.0 { 1.0 } else { 0.0 };
        let _ = write!(
            o,
            "<rect class=\"b\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>",
            N(xa + gap * 0.5),
            N(y(b.count as f64)),
            N((xb - xa - gap).max(0.5)),
            N(base - y(b.count as f64))
        );
        let share = b.count as f64 / report.iterations.max(1) as f64 * 100.0;
        let by = scale::day(e, loc);
        let cum = (b.cumulative * 100.0).round();
        if zh {
            let _ = write!(
                o,
                "{by}前：{} 次（{}%），累计 {cum}%",
                b.count,
                frame::number(share)
            );
        } else {
            let _ = write!(
                o,
                "By {by}: {} iterations ({}%), {cum}% in all",
                b.count,
                frame::number(share)
            );
        }
        o.push_str("</title></rect>");
    }

    // The S-curve, from 0 at the first bar's start.
    if let Some(&a) = starts.first() {
        let mut d = format!("M{},{}", N(x(a)), N(yp(0.0)));
        for (b, &e) in f.histogram.iter().zip(&ends) {
            let _ = write!(d, "L{},{}", N(x(e)), N(yp(b.cumulative)));
        }
        let _ = write!(o, "<path class=\"sc\" d=\"{d}\"/>");
    }

    // Markers, each label on the lowest row free of the others.
    let mut rows: Vec<Vec<(f64, f64)>> = vec![Vec::new(); 3];
    marks.sort_by_key(|m| m.t);
    for m in &marks {
        let mx = x(m.t);
        let _ = write!(
            o,
            "<path class=\"{}\" d=\"M{},{}V{}\"/>",
            m.class,
            N(mx),
            N(top - 4.0),
            N(base)
        );
        if m.dot {
            let _ = write!(
                o,
                "<circle class=\"dot\" cx=\"{}\" cy=\"{}\" r=\"3.5\"/>",
                N(mx),
                N(yp(on_curve(&starts, &ends, &f.histogram, m.t)))
            );
        }
        let w = text_width(&m.label) * 11.0;
        let (lx, anchor, a, b) = if mx + 3.0 + w > x0 + chart_w + RIGHT - 4.0 {
            (mx - 3.0, "end", mx - 3.0 - w, mx)
        } else {
            (mx + 3.0, "start", mx, mx + 3.0 + w)
        };
        let row = rows
            .iter()
            .position(|r| r.iter().all(|&(p, q)| b + 6.0 < p || a > q + 6.0))
            .unwrap_or(rows.len() - 1);
        rows[row].push((a, b));
        let _ = write!(
            o,
            "<text class=\"{} t\" x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"{anchor}\">",
            m.class,
            N(lx),
            N(top - 8.0 - row as f64 * 13.0)
        );
        escape(&mut o, &m.label);
        o.push_str("</text>");
    }

    frame::time_axis(&mut o, t0, t1, &x, x0, chart_w, base, top, loc);
    o.push_str("</svg>");
    Ok(o)
}

/// The S-curve's value at `t`: the line through 0 at the first bar's start and each bin's
/// cumulative share at its end.
fn on_curve(starts: &[DateTime], ends: &[DateTime], bins: &[crate::risk::Bin], t: DateTime) -> f64 {
    let (Some(&first), Some(last)) = (starts.first(), bins.last()) else {
        return 0.0;
    };
    let mut prev = (first, 0.0);
    for (b, &e) in bins.iter().zip(ends) {
        if t <= e {
            let span = e.minutes_since(prev.0).max(1) as f64;
            let k = (t.minutes_since(prev.0) as f64 / span).clamp(0.0, 1.0);
            return prev.1 + (b.cumulative - prev.1) * k;
        }
        prev = (e, b.cumulative);
    }
    last.cumulative
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::risk::{simulate, RiskRequest};

    pub(crate) fn report(target: Option<&str>) -> RiskReport {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../examples/risk.json"
        ))
        .unwrap();
        let doc = crate::io::json::read(&text).unwrap();
        let r = RiskRequest {
            iterations: Some(400),
            target: target.map(str::to_owned),
            ..Default::default()
        };
        let o = r.options(&doc.project, doc.options).unwrap();
        simulate(&doc.project, &o, Default::default()).unwrap()
    }

    fn marker_x(svg: &str, label: &str) -> f64 {
        // The marker's path comes just before its label: `M{x},{y}V{y}`.
        let i = svg.find(label).unwrap();
        let path = svg[..i].rfind("d=\"M").unwrap();
        svg[path + 4..].split(',').next().unwrap().parse().unwrap()
    }

    #[test]
    fn markers_sit_at_their_dates_and_bars_follow_the_bins() {
        let r = report(Some("2026-02-13T17:00"));
        let o = RiskChartOptions::default();
        let svg = scurve("Go-live", &r, &o).unwrap();
        assert_eq!(
            svg.matches("<rect class=\"b\" x").count(),
            r.finish.histogram.len() + 1 // and the legend's swatch
        );
        // The time scale: 4 % margins around the bars and markers, 56 px to 900 − 52 px.
        let p50: DateTime = r.finish.p50.parse().unwrap();
        let label = format!(">P50 {}<", scale::day(p50, Locale::En));
        assert!(svg.contains(&label), "{label}");
        let first: DateTime = r.finish.min.parse().unwrap();
        let last: DateTime = r.finish.histogram.last().unwrap().date.parse().unwrap();
        let target: DateTime = "2026-02-13T17:00".parse().unwrap();
        let det: DateTime = r.finish.deterministic.parse().unwrap();
        let (lo, hi) = (first.min(det), last.max(target));
        let pad = (hi.minutes_since(lo) / 25).max(720);
        let t0 = lo.add_minutes(-pad);
        let span = hi.minutes_since(lo) + 2 * pad;
        let want = 56.0 + p50.minutes_since(t0) as f64 * (900.0 - 108.0) / span as f64;
        assert!((marker_x(&svg, &label[1..]) - want).abs() <= 0.05);
        // The target carries the probability of meeting it.
        let p = (r.probability_on_time.unwrap() * 100.0).round();
        assert!(svg.contains(&format!("Target 13 Feb 2026 · {p}%")));
    }

    #[test]
    fn the_curve_ends_at_one_hundred_percent() {
        let r = report(None);
        let svg = scurve("Go-live", &r, &RiskChartOptions::default()).unwrap();
        // The plot's base is 420 − 34 − 6 = 380, its top 32 + 44 = 76: 100 % is y 76.
        let d = svg.split("<path class=\"sc\" d=\"").nth(2).unwrap();
        let d = d.split('"').next().unwrap();
        assert!(d.ends_with(",76"), "{d}");
        assert!(d.starts_with("M") && d.contains(",380L"));
        assert!(!svg.contains("Target"));
    }
}
