//! Pieces shared by the statistical charts (resource histogram, S-curve, tornado): the SVG
//! opening with its background and classes, the title line, the legend, value-axis ticks at
//! round numbers and a two-tier time axis (the Gantt's scale).

use std::fmt::Write as _;

use crate::error::{Error, Item, Result};
use crate::time::DateTime;

use super::gantt::{Locale, Palette};
use super::scale::{self, ticks, tier_labels};
use super::svg::{escape, text_width, truncate, FONT, N};

/// Height of the title line.
pub(super) const TITLE_H: f64 = 32.0;

/// The error for a bad chart option: item `chart`, the field named.
pub(super) fn bad(chart: &str, field: &str, message: String) -> Error {
    Error::invalid(Item::Path(chart.into()), field, message)
}

/// The width in px of `s` at `size` px, with a margin over [`text_width`]'s estimate for
/// faces wider than the typical one (bold, or a browser's fallback face).
pub(super) fn px(s: &str, size: f64) -> f64 {
    text_width(s) * size * 1.1
}

/// How much wider bold text runs than regular text, for [`px`].
pub(super) const BOLD: f64 = 1.2;

/// Checks a chart's size: at least 320 × 160 px.
pub(super) fn check_size(chart: &str, width: u32, height: Option<u32>) -> Result<()> {
    if width < 320 {
        return Err(bad(
            chart,
            "width",
            format!("{width} px is too narrow; at least 320"),
        ));
    }
    if let Some(h) = height.filter(|&h| h < 160) {
        return Err(bad(
            chart,
            "height",
            format!("{h} px is too low; at least 160"),
        ));
    }
    Ok(())
}

/// Opens the SVG: the root element, the classes every chart uses (`n` text, `m` muted text,
/// `g` grid lines, `r` rules) followed by `style`, and the background.
pub(super) fn open(o: &mut String, width: f64, height: f64, pal: &Palette, style: &str) {
    let _ = write!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT}\" font-size=\"12\">",
        w = N(width),
        h = N(height)
    );
    let _ = write!(
        o,
        "<style>.n{{fill:{t}}}.s{{font-weight:600}}.m{{fill:{m}}}.g{{stroke:{g};stroke-width:1}}.r{{stroke:{r};stroke-width:1}}{style}</style>",
        t = pal.text,
        m = pal.muted,
        g = pal.grid,
        r = pal.rule,
    );
    let _ = write!(
        o,
        "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        pal.bg
    );
}

/// Opens the SVG as [`open`] does and writes the title on the left and `subtitle` on the
/// right (the tracking charts' title line).
#[allow(clippy::too_many_arguments)]
pub(super) fn open_titled(
    o: &mut String,
    width: f64,
    height: f64,
    pal: &Palette,
    style: &str,
    title: &str,
    subtitle: &str,
) {
    open(o, width, height, pal, style);
    o.push_str("<text class=\"n s\" x=\"12\" y=\"22\" font-size=\"14\">");
    escape(o, &truncate(title, (width * 0.55) / 14.0));
    o.push_str("</text>");
    let _ = write!(
        o,
        "<text class=\"m\" x=\"{}\" y=\"22\" text-anchor=\"end\">",
        N(width - 12.0)
    );
    escape(o, subtitle);
    o.push_str("</text>");
}

/// The title line: `name` in bold, then `subtitle` muted, both cut to leave `room` px free on
/// the right (for the legend).
pub(super) fn title(o: &mut String, name: &str, subtitle: &str, width: f64, room: f64) {
    let avail = (width - room - 20.0).max(60.0);
    let name = truncate(name, (avail * 0.6) / 14.0);
    let name_w = px(&name, 14.0) * BOLD;
    o.push_str("<text class=\"n s\" x=\"10\" y=\"21\" font-size=\"14\">");
    escape(o, &name);
    o.push_str("</text>");
    let left = avail - name_w - 12.0;
    if left > 40.0 && !subtitle.is_empty() {
        let _ = write!(
            o,
            "<text class=\"m\" x=\"{}\" y=\"21\">",
            N(10.0 + name_w + 12.0)
        );
        escape(o, &truncate(subtitle, left / (12.0 * 1.1)));
        o.push_str("</text>");
    }
}

/// A legend entry: a swatch (`fill` a box of that class, or a line of that class when
/// `line`) and its label.
pub(super) struct Key<'a> {
    /// The class of the swatch.
    pub class: &'a str,
    /// A line (stroke) rather than a box (fill).
    pub line: bool,
    /// The words.
    pub label: &'a str,
}

/// The width of a legend in px (font 11).
pub(super) fn legend_width(keys: &[Key<'_>]) -> f64 {
    keys.iter().map(|k| 18.0 + px(k.label, 11.0) + 14.0).sum()
}

/// Draws a legend ending at `right`, its text's baseline at `y`.
pub(super) fn legend(o: &mut String, keys: &[Key<'_>], right: f64, y: f64) {
    let mut x = right - legend_width(keys) + 14.0;
    o.push_str("<g font-size=\"11\">");
    for k in keys {
        if k.line {
            let _ = write!(
                o,
                "<path class=\"{}\" d=\"M{},{}h14\"/>",
                k.class,
                N(x),
                N(y - 4.0)
            );
        } else {
            let _ = write!(
                o,
                "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"12\" height=\"10\" rx=\"1.5\"/>",
                k.class,
                N(x),
                N(y - 9.0)
            );
        }
        let _ = write!(o, "<text class=\"m\" x=\"{}\" y=\"{}\">", N(x + 18.0), N(y));
        escape(o, k.label);
        o.push_str("</text>");
        x += 18.0 + px(k.label, 11.0) + 14.0;
    }
    o.push_str("</g>");
}

/// A round step (1, 2 or 5 × 10ᵏ) so that `max` needs at most `count` steps.
pub(super) fn nice_step(max: f64, count: usize) -> f64 {
    if !max.is_finite() || max <= 0.0 {
        return 1.0;
    }
    let raw = (max / count.max(1) as f64).max(1e-9);
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|&s| s >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * p)
}

/// The ticks of a value axis from 0 to the first round number at or above `max`, at most
/// `count` steps (at least one: `max` 0 gives 0 and 1).
pub(super) fn value_ticks(max: f64, count: usize) -> Vec<f64> {
    let max = if max > 0.0 { max } else { 1.0 };
    let step = nice_step(max, count);
    let n = (max / step - 1e-9).ceil().max(1.0) as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// An amount with thousands separators, whole from 100 up, else with no more decimals than it
/// needs (two at most): `12,500`, `10,743`, `0.25`, `-3,000`.
pub(super) fn amount(v: f64) -> String {
    let neg = v < 0.0;
    let cents = if v.abs() >= 100.0 {
        v.abs().round() as u64 * 100
    } else {
        (v.abs() * 100.0).round() as u64
    };
    let (whole, frac) = (cents / 100, cents % 100);
    let digits = whole.to_string();
    let mut s = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            s.push(',');
        }
        s.push(c);
    }
    if frac != 0 {
        if frac % 10 == 0 {
            let _ = write!(s, ".{}", frac / 10);
        } else {
            let _ = write!(s, ".{frac:02}");
        }
    }
    if neg && cents != 0 {
        s.insert(0, '-');
    }
    s
}

/// A number for a label: whole, or with one decimal when it has one (`12`, `2.5`).
pub(super) fn number(v: f64) -> String {
    N(v).to_string()
}

/// The time axis under a plot: the Gantt's two tiers of calendar units (chosen from the
/// pixels a day gets), the fine tier's labels at `y` + 13 and the coarse tier's at `y` + 27,
/// ticks on the axis and the coarse tier's lines up through the plot from `grid_top`.
#[allow(clippy::too_many_arguments)]
pub(super) fn time_axis(
    o: &mut String,
    t0: DateTime,
    t1: DateTime,
    x: &dyn Fn(DateTime) -> f64,
    x0: f64,
    w: f64,
    y: f64,
    grid_top: f64,
    loc: Locale,
) {
    let days = (t1.minutes_since(t0) as f64 / 1440.0).max(1e-6);
    let (top, bottom) = scale::choose(w / days);
    let fine = ticks(bottom, t0, t1);
    let coarse = ticks(top, t0, t1);
    let mut d = String::new();
    for &t in coarse.iter().filter(|&&t| t > t0) {
        let _ = write!(d, "M{},{}V{}", N(x(t)), N(grid_top), N(y));
    }
    if !d.is_empty() {
        let _ = write!(o, "<path class=\"g\" d=\"{d}\"/>");
    }
    d.clear();
    let _ = write!(d, "M{},{}H{}", N(x0), N(y), N(x0 + w));
    for &t in fine.iter().filter(|&&t| t >= t0) {
        let _ = write!(d, "M{},{}v4", N(x(t)), N(y));
    }
    for &t in coarse.iter().filter(|&&t| t >= t0) {
        let _ = write!(d, "M{},{}v30", N(x(t)), N(y));
    }
    let _ = write!(o, "<path class=\"r\" d=\"{d}\"/>");
    tier_labels(o, bottom, &fine, t1, false, loc, x, x0, w, y + 14.0);
    tier_labels(o, top, &coarse, t1, true, loc, x, x0, w, y + 28.0);
}

/// Height the time axis takes under the plot.
pub(super) const TIME_AXIS_H: f64 = 34.0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_ticks_stop_at_the_first_round_number_above_the_max() {
        // 47 in at most 4 steps: 47 / 4 = 11.75 rounds up to a step of 20 (10 < 11.75).
        assert_eq!(value_ticks(47.0, 4), [0.0, 20.0, 40.0, 60.0]);
        // 100 % in 4 steps of 25.
        assert_eq!(value_ticks(100.0, 4), [0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(value_ticks(0.0, 4), [0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(value_ticks(0.62, 2), [0.0, 0.5, 1.0]);
    }

    #[test]
    fn steps_are_nice_and_amounts_short() {
        // 9,400 in about 5 parts: 1,880 rounds up to 2,000; 100 % in 5: 20; 0.9 in 4: 0.25.
        assert_eq!(nice_step(9_400.0, 5), 2_000.0);
        assert_eq!(nice_step(100.0, 5), 20.0);
        assert_eq!(nice_step(0.9, 4), 0.25);
        assert_eq!(nice_step(0.0, 5), 1.0);
        assert_eq!(amount(12_500.0), "12,500");
        assert_eq!(amount(10_742.86), "10,743");
        assert_eq!(amount(-3_000.4), "-3,000");
        assert_eq!(amount(2.5), "2.5");
        assert_eq!(amount(0.125), "0.13");
        assert_eq!(amount(999.0), "999");
    }
}
