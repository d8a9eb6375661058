//! The tornado: the strongest drivers of the finish date (a [`RiskReport`]'s rank
//! correlations) as horizontal bars either side of a zero axis, strongest on top.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::risk::{DefaultEstimateRequest, Driver, DriverKind, RiskReport, RiskRequest};

use super::frame::{self, Key, TITLE_H};
use super::gantt::{palette, Locale};
use super::scurve::{chart_options, RiskChartOptions};
use super::svg::{escape, truncate, N};

/// How to draw the tornado, as JSON: size, theme, locale, `top` (bars, default 10) and the
/// simulation's options as in [`RiskRequest`]. Every field is optional.
///
/// ```
/// use jindu::render::TornadoRequest;
/// let r = TornadoRequest::from_json(r#"{"top": 5, "iterations": 300, "locale": "zh-CN"}"#)?;
/// assert_eq!(r.risk().tornado, Some(5));
/// assert_eq!(r.options()?.locale, jindu::render::Locale::ZhCn);
/// assert!(TornadoRequest::from_json(r#"{"target": "2026-02-13T17:00"}"#).is_err());
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TornadoRequest {
    /// Width in pixels (default 900; at least 320).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Height in pixels (default: from the number of bars; at least 160).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// `light` (the default) or `dark`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// `en` (the default) or `zh-CN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Bars: the strongest drivers (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top: Option<u32>,
    /// Iterations (default 1,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterations: Option<u64>,
    /// The seed (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// The estimate of tasks without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_estimate: Option<DefaultEstimateRequest>,
}

impl TornadoRequest {
    /// Reads the JSON form; an unknown field is an error naming it.
    pub fn from_json(text: &str) -> Result<TornadoRequest> {
        serde_json::from_str(text)
            .map_err(|e| Error::parse("tornado options", text, &e.to_string()))
    }

    /// The simulation's part of the options (`top` becomes its `tornado`).
    pub fn risk(&self) -> RiskRequest {
        RiskRequest {
            iterations: self.iterations,
            seed: self.seed,
            default_estimate: self.default_estimate.clone(),
            tornado: Some(self.top.unwrap_or(10)),
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

const RIGHT: f64 = 16.0;
const AXIS_H: f64 = 30.0;

/// Draws the tornado of `report` as a standalone SVG: one bar per driver, sorted by the
/// size of its correlation (strongest on top, ties in the report's order), to the right of
/// the zero axis when longer durations (or the risk occurring) make the finish later, to the
/// left when they make it earlier; tasks and risk events in two colours, each bar labelled
/// with its name and value. `name` is the chart's title (the project's name). A report
/// without drivers draws a note saying so.
///
/// Fails with [`Error::Invalid`] (item `tornado`) for a size under 320 × 160 px.
///
/// ```
/// use jindu::render::{tornado, RiskChartOptions};
/// let doc = jindu::io::json::read(r#"{"name": "P", "start": "2026-01-05",
///   "tasks": [{"id": "A", "name": "Design", "duration": "5d",
///              "estimate": {"optimistic": "4d", "likely": "5d", "pessimistic": "9d"}}]}"#)?;
/// let o = jindu::risk::RiskRequest::from_json(r#"{"iterations": 200}"#)?
///     .options(&doc.project, doc.options)?;
/// let r = jindu::risk::simulate(&doc.project, &o, Default::default())?;
/// let svg = tornado("P", &r, &RiskChartOptions::default())?;
/// assert!(svg.contains(">Design</text>"));
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn tornado(name: &str, report: &RiskReport, options: &RiskChartOptions) -> Result<String> {
    frame::check_size("tornado", options.width, options.height)?;
    let pal = palette(options.theme);
    let zh = options.locale == Locale::ZhCn;
    let mut drivers: Vec<&Driver> = report.tornado.iter().collect();
    drivers.sort_by(|a, b| b.correlation.abs().total_cmp(&a.correlation.abs()));
    let n = drivers.len();

    let width = options.width as f64;
    let top = TITLE_H + 14.0;
    let row_h = match options.height {
        Some(h) => ((h as f64 - top - AXIS_H) / n.max(1) as f64).clamp(12.0, 44.0),
        None => 28.0,
    };
    // Rows keep at least 12 px: a height too low for them grows rather than clipping bars.
    let natural = top + n.max(2) as f64 * row_h + AXIS_H;
    let height = options.height.map_or(natural, |h| (h as f64).max(natural));
    let font = (row_h * 0.46).clamp(9.0, 12.0);
    let names_w = drivers
        .iter()
        .map(|d| frame::px(&d.name, font))
        .fold(0.0, f64::max);
    let label_w = (names_w + 26.0).clamp(90.0, (width * 0.38).floor());
    let x0 = label_w;
    let area = width - label_w - RIGHT;
    let zero = x0 + area * 0.5;
    // The scale: symmetric, to the first tenth at or above the strongest, room for values.
    let strongest = drivers.first().map_or(0.0, |d| d.correlation.abs());
    let m = ((strongest * 10.0).ceil() / 10.0).clamp(0.1, 1.0);
    let half = area * 0.5 - 40.0;
    let x = |c: f64| zero + c / m * half;
    let bottom = top + n.max(2) as f64 * row_h;

    let mut o = String::with_capacity(2048 + n * 400);
    let style = format!(
        ".tk{{fill:{bar}}}.rk{{fill:{crit}}}.z{{stroke:{text};stroke-width:1}}",
        bar = pal.bar,
        crit = pal.crit,
        text = pal.muted,
    );
    frame::open(&mut o, width, height, pal, &style);
    let keys = [
        Key {
            class: "tk",
            line: false,
            label: if zh { "任务工期" } else { "Task duration" },
        },
        Key {
            class: "rk",
            line: false,
            label: if zh { "风险事件" } else { "Risk event" },
        },
    ];
    let legend_w = frame::legend_width(&keys);
    let subtitle = if zh {
        "完工日期的主要驱动因素（秩相关）"
    } else {
        "Drivers of the finish date (rank correlation)"
    };
    frame::title(&mut o, name, subtitle, width, legend_w);
    frame::legend(&mut o, &keys, width - RIGHT, 21.0);

    // Grid at round steps within the scale, labelled under the plot.
    let mut d = String::new();
    let step = frame::nice_step(m, 4);
    let k = (m / step + 1e-9).floor() as i32;
    let ticks: Vec<f64> = (-k..=k).map(|i| i as f64 * step).collect();
    for &t in &ticks {
        let _ = write!(d, "M{},{}V{}", N(x(t)), N(top), N(bottom));
    }
    let _ = write!(o, "<path class=\"g\" d=\"{d}\"/>");
    o.push_str("<g class=\"m\" font-size=\"10\" text-anchor=\"middle\">");
    for (k, &t) in ticks.iter().enumerate() {
        if half < 120.0 && k % 2 != ticks.len() / 2 % 2 {
            continue;
        }
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            N(x(t)),
            N(bottom + 14.0),
            signed(t)
        );
    }
    let _ = write!(
        o,
        "<text x=\"{}\" y=\"{}\">{}</text>",
        N(zero),
        N(bottom + 26.0),
        if zh {
            "← 提前完工 · 推迟完工 →"
        } else {
            "← earlier finish · later finish →"
        }
    );
    o.push_str("</g>");

    if n == 0 {
        let _ = write!(
            o,
            "<text class=\"m\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            N(zero),
            N(top + row_h),
            if zh {
                "没有任务或风险在变化：没有驱动因素"
            } else {
                "No task or risk varies: nothing drives the finish"
            }
        );
    }

    let bar_h = (row_h * 0.62).max(6.0);
    let _ = write!(o, "<g font-size=\"{}\">", N(font));
    for (i, dr) in drivers.iter().enumerate() {
        let cy = top + (i as f64 + 0.5) * row_h;
        let c = dr.correlation;
        let (a, b) = if c >= 0.0 { (zero, x(c)) } else { (x(c), zero) };
        let class = match dr.kind {
            DriverKind::Task => "tk",
            DriverKind::Risk => "rk",
        };
        let _ = write!(
            o,
            "<rect class=\"{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"><title>",
            N(a),
            N(cy - bar_h * 0.5),
            N((b - a).max(1.0)),
            N(bar_h)
        );
        escape(&mut o, &dr.name);
        let kind = match (dr.kind, zh) {
            (DriverKind::Task, false) => "task",
            (DriverKind::Risk, false) => "risk",
            (DriverKind::Task, true) => "任务",
            (DriverKind::Risk, true) => "风险",
        };
        o.push_str(" (");
        escape(&mut o, kind);
        o.push(' ');
        escape(&mut o, &dr.id);
        let _ = write!(o, "): ρ = {}</title></rect>", signed2(c));
        // The value beyond the bar's end.
        let (vx, anchor) = if c >= 0.0 {
            (b + 4.0, "start")
        } else {
            (a - 4.0, "end")
        };
        let _ = write!(
            o,
            "<text class=\"m\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            N(vx),
            N(cy + font * 0.36),
            signed2(c)
        );
        let _ = write!(
            o,
            "<text class=\"n\" x=\"{}\" y=\"{}\" text-anchor=\"end\">",
            N(x0 - 10.0),
            N(cy + font * 0.36)
        );
        escape(&mut o, &truncate(&dr.name, (label_w - 20.0) / font / 1.1));
        o.push_str("</text>");
    }
    o.push_str("</g>");
    let _ = write!(
        o,
        "<path class=\"z\" d=\"M{},{}V{}\"/>",
        N(zero),
        N(top - 4.0),
        N(bottom)
    );
    o.push_str("</svg>");
    Ok(o)
}

/// `+0.5`, `−0.25`, `0`: a tick value with its sign.
fn signed(v: f64) -> String {
    let s = format!("{}", (v * 100.0).round() / 100.0);
    if v > 1e-9 {
        format!("+{s}")
    } else if v < -1e-9 {
        s.replace('-', "−")
    } else {
        "0".into()
    }
}

/// A correlation with two decimals and its sign: `+0.62`, `−0.08`.
fn signed2(v: f64) -> String {
    let s = format!("{:.2}", v.abs());
    if v < 0.0 {
        format!("−{s}")
    } else {
        format!("+{s}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::text_width;

    fn report(drivers: &[(&str, f64, DriverKind)]) -> RiskReport {
        let mut r = super::super::scurve::tests::report(None);
        r.tornado = drivers
            .iter()
            .map(|&(name, correlation, kind)| Driver {
                kind,
                id: name.to_lowercase(),
                name: name.into(),
                correlation,
            })
            .collect();
        r
    }

    /// The names in the label column, top to bottom.
    fn names(svg: &str) -> Vec<String> {
        svg.split("<text class=\"n\" x=\"")
            .skip(1)
            .map(|s| {
                s.split('>')
                    .nth(1)
                    .unwrap()
                    .split('<')
                    .next()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn bars_are_sorted_by_the_size_of_the_correlation() {
        let r = report(&[
            ("Build", 0.41, DriverKind::Task),
            ("Test", -0.72, DriverKind::Task),
            ("Vendor <late> & co", 0.55, DriverKind::Risk),
        ]);
        let svg = tornado("Go-live", &r, &RiskChartOptions::default()).unwrap();
        assert_eq!(
            names(&svg),
            ["Test", "Vendor &lt;late&gt; &amp; co", "Build"]
        );
        assert!(svg.contains(
            "Vendor &lt;late&gt; &amp; co (risk vendor &lt;late&gt; &amp; co): ρ = +0.55"
        ));
        // Scale: 0.72 rounds up to 0.8; the bar area is 900 − label − 16, zero in its middle.
        // "Vendor <late> & co" is the widest name; Test (−0.72) runs left of zero, ending at
        // 0.72 / 0.8 of the half width (less 40 px for the value).
        let rect = svg.split("<rect class=\"tk\" x=\"").nth(2).unwrap();
        let xa: f64 = rect.split('"').next().unwrap().parse().unwrap();
        let label_w = (text_width("Vendor <late> & co") * 12.0 * 1.1 + 26.0).clamp(90.0, 342.0);
        let area = 900.0 - label_w - 16.0;
        let zero = label_w + area / 2.0;
        let want = zero - 0.72 / 0.8 * (area / 2.0 - 40.0);
        assert!((xa - want).abs() <= 0.05, "{xa} vs {want}");
        assert!(svg.contains(">−0.72</text>") && svg.contains(">+0.41</text>"));
        assert_eq!(svg.matches("<rect class=\"rk\" x").count(), 1 + 1); // and the legend
    }

    #[test]
    fn cjk_names_are_measured_wide_and_no_drivers_say_so() {
        let r = report(&[("数据迁移和系统集成测试阶段", 0.5, DriverKind::Task)]);
        let svg = tornado("上线", &r, &RiskChartOptions::default()).unwrap();
        // 13 ideographs at 12 px are 156 px, 171.6 with the 10 % margin: the label column is
        // 171.6 + 26 = 197.6 px, the names end 10 px before it.
        assert!(svg.contains("<text class=\"n\" x=\"187.6\""));
        // Thirty bars in 160 px: rows of at least 12 px, so 46 + 30 × 12 + 30 = 436 px.
        let many: Vec<(&str, f64, DriverKind)> =
            (0..30).map(|_| ("T", 0.1, DriverKind::Task)).collect();
        let o = RiskChartOptions {
            height: Some(160),
            ..Default::default()
        };
        let svg = tornado("P", &report(&many), &o).unwrap();
        assert!(svg.contains("viewBox=\"0 0 900 436\""));
        let r = report(&[]);
        let svg = tornado("P", &r, &RiskChartOptions::default()).unwrap();
        assert!(svg.contains("nothing drives the finish"));
    }
}
