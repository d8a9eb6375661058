//! The earned value chart: planned value over the whole plan, earned value and actual cost up
//! to the status date, the forecast from the status date to the estimate at completion, the
//! budget at completion, and SPI and CPI in the corner.

use std::fmt::Write as _;

use crate::error::{Error, Item, Result};
use crate::time::DateTime;
use crate::track::{Basis, EvmSeries};

use super::frame::{self, amount, nice_step};
use super::scale;
use super::scale::ticks;
use super::svg::{escape, text_width, N};
use super::{Locale, Theme};

/// How to draw the earned value chart; [`Default`] gives a 900 × 480 light chart of the whole
/// plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvmOptions {
    /// Width in pixels (at least 320).
    pub width: u32,
    /// Height in pixels (at least 200).
    pub height: u32,
    /// The first instant shown (default: the first point, at midnight).
    pub from: Option<DateTime>,
    /// The end of the time shown (default: a little after the later of the planned and the
    /// forecast finish).
    pub to: Option<DateTime>,
    /// Colours.
    pub theme: Theme,
    /// Language of dates and words.
    pub locale: Locale,
}

impl Default for EvmOptions {
    fn default() -> EvmOptions {
        EvmOptions {
            width: 900,
            height: 480,
            from: None,
            to: None,
            theme: Theme::Light,
            locale: Locale::En,
        }
    }
}

/// Colours of the curves: (PV, EV, AC) for each theme.
fn curve_colours(theme: Theme) -> [&'static str; 3] {
    match theme {
        Theme::Light => ["#5b8def", "#1a7f37", "#cf4a22"],
        Theme::Dark => ["#6f9cff", "#3fb950", "#f0883e"],
    }
}

const TOP: f64 = 64.0;
const LEFT_MIN: f64 = 56.0;
const RIGHT: f64 = 24.0;
const BOTTOM: f64 = 48.0;

/// The plot's x: `t` on the time axis from `t0` to `t1` over `x0..x0 + w`.
pub(super) fn time_x(t: DateTime, t0: DateTime, t1: DateTime, x0: f64, w: f64) -> f64 {
    x0 + t.minutes_since(t0) as f64 * w / t1.minutes_since(t0).max(1) as f64
}

/// Draws `series` (of the project `name`) as a standalone SVG earned value chart.
///
/// Fails with [`Error::Invalid`] (item `evm chart`) for a width under 320 px, a height under
/// 200 px or an empty time range.
///
/// ```
/// use jindu::render::{evm, EvmOptions};
/// use jindu::track::{self, PeriodKind, TrackOptions};
/// let doc = jindu::io::json::read(r#"{"name": "Demo", "start": "2026-01-05",
///     "tasks": [{"id": "A", "duration": "4d", "cost": 1000, "percent_complete": 25,
///                "actual_start": "2026-01-05", "actual_cost": 400}]}"#)?;
/// let at = TrackOptions::at("2026-01-06T17:00".parse()?);
/// let s = track::evm_series(&doc.project, &doc.options, &at, PeriodKind::Day)?;
/// let svg = evm("Demo", &s, &EvmOptions::default())?;
/// assert!(svg.contains("class=\"pv\"") && svg.contains("SPI 0.50"));
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn evm(name: &str, series: &EvmSeries, options: &EvmOptions) -> Result<String> {
    let err = |field: &str, m: String| Error::invalid(Item::Path("evm chart".into()), field, m);
    if options.width < 320 {
        return Err(err(
            "width",
            format!("{} px is too narrow; at least 320", options.width),
        ));
    }
    if options.height < 200 {
        return Err(err(
            "height",
            format!("{} px is too low; at least 200", options.height),
        ));
    }
    let m = &series.metrics;
    let zh = options.locale == Locale::ZhCn;
    let loc = options.locale;
    let pal = super::gantt::palette(options.theme);
    let [c_pv, c_ev, c_ac] = curve_colours(options.theme);
    let status = series.status_date.0;
    let forecast = m.forecast_finish.map(|f| f.0);

    // Time range.
    let first = series.points.first().map_or(status, |p| p.date.0);
    let last = series
        .points
        .last()
        .map_or(status, |p| p.date.0)
        .max(forecast.unwrap_or(status))
        .max(status);
    let mut t0 = first.date().at(0);
    let mut t1 = last.date().succ().at(0);
    t1 = t1.add_minutes(t1.minutes_since(t0) / 40);
    if let Some(f) = options.from {
        t0 = f;
    }
    if let Some(t) = options.to {
        t1 = t;
    }
    if t1 <= t0 {
        return Err(err(
            "to",
            format!("the time range {t0} to {t1} is empty: `to` must be after `from`"),
        ));
    }

    // Value range.
    let mut vmax = m.bac.max(m.eac.unwrap_or(0.0));
    for p in &series.points {
        vmax = vmax
            .max(p.pv)
            .max(p.ev.unwrap_or(0.0))
            .max(p.ac.unwrap_or(0.0));
    }
    let step = nice_step(vmax * 1.05, 5);
    let vtop = ((vmax * 1.05 / step).ceil() * step).max(step);
    let labels: Vec<String> = (0..=((vtop / step).round() as usize))
        .map(|k| amount(k as f64 * step))
        .collect();
    let label_w = labels
        .iter()
        .map(|l| text_width(l) * 11.0)
        .fold(0.0, f64::max);
    let (width, height) = (options.width as f64, options.height as f64);
    let x0 = (label_w + 22.0).max(LEFT_MIN);
    let pw = width - x0 - RIGHT;
    let ph = height - TOP - BOTTOM;
    let y0 = TOP + ph;
    let x = |t: DateTime| time_x(t, t0, t1, x0, pw);
    let y = |v: f64| y0 - v / vtop * ph;

    let mut o = String::with_capacity(8192);
    let style = format!(
        ".pv{{fill:none;stroke:{c_pv};stroke-width:2.5}}.ev{{fill:none;stroke:{c_ev};stroke-width:2.5}}.ac{{fill:none;stroke:{c_ac};stroke-width:2.5}}.fc{{fill:none;stroke:{c_ac};stroke-width:2;stroke-dasharray:6 4}}.bac{{stroke:{mu};stroke-width:1;stroke-dasharray:2 3}}.sd{{stroke:{st};stroke-width:1.5;stroke-dasharray:4 3}}",
        mu = pal.muted,
        st = pal.status
    );
    let mut subtitle = format!(
        "{} {}",
        if zh { "状态日期" } else { "Status date" },
        scale::day(status, loc)
    );
    if series.basis == Basis::Duration {
        // Without costs the amounts are planned working hours.
        subtitle.push_str(if zh {
            " · 单位：工时"
        } else {
            " · in hours"
        });
    }
    let title = if zh {
        format!("{name} · 挣值")
    } else {
        format!("{name} · Earned value")
    };
    frame::open_titled(&mut o, width, height, pal, &style, &title, &subtitle);
    let _ = write!(
        o,
        "<defs><clipPath id=\"ec\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath></defs>",
        N(x0),
        N(TOP - 6.0),
        N(pw),
        N(ph + 6.0)
    );

    // Legend, under the title.
    let mut lx = 12.0;
    let entries: [(&str, &str, &str); 4] = if zh {
        [
            ("pv", c_pv, "计划价值 PV"),
            ("ev", c_ev, "挣值 EV"),
            ("ac", c_ac, "实际成本 AC"),
            ("fc", c_ac, "预测 EAC"),
        ]
    } else {
        [
            ("pv", c_pv, "Planned value (PV)"),
            ("ev", c_ev, "Earned value (EV)"),
            ("ac", c_ac, "Actual cost (AC)"),
            ("fc", c_ac, "Forecast (EAC)"),
        ]
    };
    for (class, _, word) in entries {
        if (class == "ac" && series.basis == Basis::Duration) || (class == "fc" && m.eac.is_none())
        {
            continue;
        }
        let _ = write!(
            o,
            "<path class=\"{class}\" d=\"M{},42H{}\"/><text class=\"n\" x=\"{}\" y=\"46\">",
            N(lx),
            N(lx + 22.0),
            N(lx + 28.0)
        );
        escape(&mut o, word);
        o.push_str("</text>");
        lx += 28.0 + text_width(word) * 12.0 + 18.0;
    }

    // Grid and value axis.
    let mut d = String::new();
    for (k, l) in labels.iter().enumerate() {
        let v = k as f64 * step;
        let _ = write!(d, "M{},{}H{}", N(x0), N(y(v)), N(x0 + pw));
        let _ = write!(
            o,
            "<text class=\"m\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\">{l}</text>",
            N(x0 - 6.0),
            N(y(v) + 4.0)
        );
    }
    // Time axis: the Gantt's units, chosen for about a third of its density.
    let px_day = pw / (t1.minutes_since(t0) as f64 / 1440.0);
    let (top, bottom) = scale::choose(px_day / 3.0);
    let bt = ticks(bottom, t0, t1);
    for &t in &bt {
        if t > t0 {
            let _ = write!(d, "M{},{}V{}", N(x(t)), N(TOP), N(y0));
        }
    }
    let _ = write!(o, "<path class=\"g\" d=\"{d}\"/>");
    let _ = write!(
        o,
        "<path class=\"r\" d=\"M{},{}H{}M{},{}V{}\"/>",
        N(x0),
        N(y0),
        N(x0 + pw),
        N(x0),
        N(TOP),
        N(y0)
    );
    let mut right_edge = f64::MIN;
    o.push_str("<g class=\"m\" font-size=\"11\" text-anchor=\"middle\">");
    for &t in &bt {
        let tx = x(t);
        let l = scale::label(bottom, t, false, loc);
        let w = text_width(&l) * 11.0;
        if tx - w / 2.0 < x0 + 2.0
            || tx + w / 2.0 > x0 + pw + RIGHT
            || tx - w / 2.0 < right_edge + 6.0
        {
            continue;
        }
        right_edge = tx + w / 2.0;
        let _ = write!(o, "<text x=\"{}\" y=\"{}\">", N(tx), N(y0 + 16.0));
        escape(&mut o, &l);
        o.push_str("</text>");
    }
    o.push_str("</g><g class=\"m s\" font-size=\"11\">");
    let tt = ticks(top, t0, t1);
    let mut right_edge = f64::MIN;
    for &t in &tt {
        let tx = x(t).max(x0);
        let l = scale::label(top, t, true, loc);
        let w = text_width(&l) * 11.0;
        if tx + w > x0 + pw + RIGHT || tx < right_edge + 8.0 {
            continue;
        }
        right_edge = tx + w;
        let _ = write!(o, "<text x=\"{}\" y=\"{}\">", N(tx), N(y0 + 34.0));
        escape(&mut o, &l);
        o.push_str("</text>");
    }
    o.push_str("</g>");

    // BAC level, labelled at the right under the line (the corner box is top left).
    let _ = write!(
        o,
        "<path class=\"bac\" d=\"M{},{}H{}\"/>",
        N(x0),
        N(y(m.bac)),
        N(x0 + pw)
    );
    let _ = write!(
        o,
        "<text class=\"m\" x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">BAC {}</text>",
        N(x0 + pw - 6.0),
        N(y(m.bac) + 15.0),
        amount(m.bac)
    );

    // The curves, clipped to the plot.
    o.push_str("<g clip-path=\"url(#ec)\">");
    let line = |o: &mut String, class: &str, pts: &mut dyn Iterator<Item = (DateTime, f64)>| {
        let mut path = String::new();
        for (k, (t, v)) in pts.enumerate() {
            let _ = write!(
                path,
                "{}{},{}",
                if k == 0 { "M" } else { "L" },
                N(x(t)),
                N(y(v))
            );
        }
        if !path.is_empty() {
            let _ = write!(o, "<path class=\"{class}\" d=\"{path}\"/>");
        }
    };
    line(
        &mut o,
        "pv",
        &mut series.points.iter().map(|p| (p.date.0, p.pv)),
    );
    let now = series.points.iter().rfind(|p| p.date.0 <= status);
    if let (Some(eac), Some(ac)) = (m.eac, now.and_then(|p| p.ac)) {
        let end = forecast.unwrap_or(m.planned_finish.0).max(status);
        line(&mut o, "fc", &mut [(status, ac), (end, eac)].into_iter());
    }
    line(
        &mut o,
        "ac",
        &mut series.points.iter().filter_map(|p| Some((p.date.0, p.ac?))),
    );
    line(
        &mut o,
        "ev",
        &mut series.points.iter().filter_map(|p| Some((p.date.0, p.ev?))),
    );
    o.push_str("</g>");

    // The status date.
    let sx = x(status);
    if (x0..=x0 + pw).contains(&sx) {
        let _ = write!(
            o,
            "<path class=\"sd\" d=\"M{},{}V{}\"/>",
            N(sx),
            N(TOP - 4.0),
            N(y0)
        );
    }
    // Dots where the curves end, and the EAC at the forecast finish.
    if let Some(p) = now {
        for (v, c) in [(p.ev, c_ev), (p.ac, c_ac)] {
            if let Some(v) = v {
                let _ = write!(
                    o,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{c}\"/>",
                    N(sx),
                    N(y(v))
                );
            }
        }
    }
    if let Some(eac) = m.eac {
        let end = forecast.unwrap_or(m.planned_finish.0).max(status);
        let (ex, ey) = (x(end), y(eac));
        if (x0..=x0 + pw + 1.0).contains(&ex) {
            let l = format!("EAC {}", amount(eac));
            let w = text_width(&l) * 11.0;
            let (tx, anchor) = if ex + w + 8.0 > x0 + pw {
                (ex - 6.0, "end")
            } else {
                (ex + 6.0, "start")
            };
            let _ = write!(
                o,
                "<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"{c_ac}\"/><text x=\"{}\" y=\"{}\" fill=\"{c_ac}\" font-size=\"11\" font-weight=\"600\" text-anchor=\"{anchor}\">{l}</text>",
                N(ex),
                N(ey),
                N(tx),
                N(ey - 7.0)
            );
        }
    }

    // SPI and CPI in the top-left corner of the plot.
    let f2 = |v: Option<f64>| v.map_or("–".to_owned(), |v| format!("{v:.2}"));
    let mut lines = vec![format!("SPI {}", f2(m.spi))];
    if series.basis == Basis::Cost {
        lines.push(format!("CPI {}", f2(m.cpi)));
    }
    let bw = lines
        .iter()
        .map(|l| text_width(l) * 13.0)
        .fold(0.0, f64::max)
        + 20.0;
    let bh = 10.0 + lines.len() as f64 * 18.0;
    let _ = write!(
        o,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"{}\" stroke=\"{}\"/>",
        N(x0 + 10.0),
        N(TOP + 8.0),
        N(bw),
        N(bh),
        pal.head,
        pal.rule
    );
    for (k, l) in lines.iter().enumerate() {
        let v = if k == 0 { m.spi } else { m.cpi };
        let fill = match v {
            Some(v) if v < 0.9 => pal.missed,
            Some(_) => pal.today,
            None => pal.muted,
        };
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"13\" font-weight=\"600\" fill=\"{fill}\">{l}</text>",
            N(x0 + 20.0),
            N(TOP + 26.0 + k as f64 * 18.0)
        );
    }
    o.push_str("</svg>");
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::track::{self, PeriodKind, TrackOptions};

    fn series(name: &str) -> (EvmSeries, String) {
        let text = include_str!("../../../examples/tracking.json").replace("Portal", name);
        let doc = crate::io::json::read(&text).unwrap();
        let at = TrackOptions::at("2026-01-23T17:00".parse().unwrap());
        let s = track::evm_series(&doc.project, &doc.options, &at, PeriodKind::Day).unwrap();
        (s, doc.project.name().to_owned())
    }

    /// The value of attribute `attr` on the first element with `class="{class}"`.
    fn attr(svg: &str, class: &str, attr: &str) -> String {
        let at = svg
            .find(&format!("class=\"{class}\""))
            .expect("the element");
        let el = &svg[at..at + svg[at..].find('>').unwrap()];
        let v = el.find(&format!("{attr}=\"")).expect("the attribute") + attr.len() + 2;
        el[v..v + el[v..].find('"').unwrap()].to_owned()
    }

    #[test]
    fn the_status_line_is_at_the_status_date() {
        let (s, name) = series("Portal");
        let o = EvmOptions {
            from: Some("2026-01-05T00:00".parse().unwrap()),
            to: Some("2026-02-16T00:00".parse().unwrap()),
            ..EvmOptions::default()
        };
        let svg = evm(&name, &s, &o).unwrap();
        // 900 px wide: the y labels up to "12,500" (five digits of 0.56 em and a comma of 0.3,
        // 3.1 em at 11 px = 34.1 px) + 22 put the plot at x0 = 56.1 and 900 − 56.1 − 24 =
        // 819.9 px wide for 42 days; Fri 23 Jan 17:00 is 18 days 17 hours in:
        // 56.1 + 819.9 × 26,940 / 60,480 = 421.3. The line runs from 4 px above the plot
        // (64) to its bottom (480 − 48).
        let x = time_x(s.status_date.0, o.from.unwrap(), o.to.unwrap(), 56.1, 819.9);
        assert!((x - 421.3).abs() < 0.05, "{x}");
        assert_eq!(attr(&svg, "sd", "d"), format!("M{},60V432", N(x)));
        // SPI = EV / PV = 3,500 / 4,000 (A done: 2,000; B half: 1,500; PV 2,000 + 2,000).
        assert!(svg.contains("SPI 0.88"));
        assert!(svg.contains("BAC 9,400"));
    }

    #[test]
    fn labels_are_escaped_and_options_checked() {
        let (s, name) = series("R&D <Portal>");
        let svg = evm(&name, &s, &EvmOptions::default()).unwrap();
        assert!(svg.contains("R&amp;D &lt;Portal&gt; · Earned value"));
        assert!(!svg.contains("<Portal"));
        let zh = evm(
            &name,
            &s,
            &EvmOptions {
                locale: Locale::ZhCn,
                ..EvmOptions::default()
            },
        )
        .unwrap();
        assert!(zh.contains("状态日期 2026年1月23日") && zh.contains("挣值 EV"));
        let narrow = EvmOptions {
            width: 300,
            ..EvmOptions::default()
        };
        assert!(evm(&name, &s, &narrow)
            .unwrap_err()
            .to_string()
            .contains("320"));
    }
}
