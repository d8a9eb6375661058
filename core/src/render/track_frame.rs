//! What the tracking charts with axes share (earned value, fever): the page and title, nice
//! steps, amounts written short, and the theme's colours.

use std::fmt::Write as _;

use super::gantt::{Palette, DARK, FONT, LIGHT};
use super::svg::{escape, truncate, N};
use super::Theme;

/// The Gantt's colours for `theme`.
pub(super) fn palette(theme: Theme) -> &'static Palette {
    match theme {
        Theme::Light => &LIGHT,
        Theme::Dark => &DARK,
    }
}

/// Opens the SVG (`width` × `height`, the background filled) with `style` and writes the
/// title on the left and `subtitle` on the right.
pub(super) fn open(
    o: &mut String,
    width: f64,
    height: f64,
    pal: &Palette,
    style: &str,
    title: &str,
    subtitle: &str,
) {
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

/// A step of 1, 2, 2.5 or 5 times a power of ten that cuts `0..max` into about `n` parts.
pub(super) fn nice_step(max: f64, n: f64) -> f64 {
    if max.is_nan() || max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let raw = max / n;
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|k| k * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_nice_and_amounts_short() {
        // 9,400 in about 5 parts: 1,880 rounds up to 2,000; 100 % in 5: 20; 0.9 in 4: 0.25.
        assert_eq!(nice_step(9_400.0, 5.0), 2_000.0);
        assert_eq!(nice_step(100.0, 5.0), 20.0);
        assert_eq!(nice_step(0.9, 4.0), 0.25);
        assert_eq!(nice_step(0.0, 5.0), 1.0);
        assert_eq!(amount(12_500.0), "12,500");
        assert_eq!(amount(10_742.86), "10,743");
        assert_eq!(amount(-3_000.4), "-3,000");
        assert_eq!(amount(2.5), "2.5");
        assert_eq!(amount(0.125), "0.13");
        assert_eq!(amount(999.0), "999");
    }
}
