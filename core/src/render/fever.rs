//! The fever chart: each buffer's consumption against its chain's completion, over the green,
//! yellow and red zones.
//!
//! A fever chart often draws each buffer's trail over past status dates; a jindu document holds
//! only the current status, so each buffer is one point (a trail needs status history in the
//! data first).

use std::fmt::Write as _;

use crate::error::{Error, Item, Result};
use crate::track::{BufferKind, Buffers, Zone};

use super::frame::{self, nice_step};
use super::svg::{escape, text_width, truncate, N};
use super::{Locale, Theme};

/// How to draw the fever chart; [`Default`] gives a 720 × 480 light chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeverOptions {
    /// Width in pixels (at least 320).
    pub width: u32,
    /// Height in pixels (at least 240).
    pub height: u32,
    /// Colours.
    pub theme: Theme,
    /// Language of words.
    pub locale: Locale,
}

impl Default for FeverOptions {
    fn default() -> FeverOptions {
        FeverOptions {
            width: 720,
            height: 480,
            theme: Theme::Light,
            locale: Locale::En,
        }
    }
}

/// The zone's class name in the SVG (`green`, `yellow`, `red`).
pub(super) fn zone_class(z: Zone) -> &'static str {
    match z {
        Zone::Green => "green",
        Zone::Yellow => "yellow",
        Zone::Red => "red",
    }
}

/// (band fill, point fill) per zone for each theme.
fn zone_colours(theme: Theme) -> [(&'static str, &'static str); 3] {
    match theme {
        Theme::Light => [
            ("#e3f6e8", "#1a7f37"),
            ("#fff4c2", "#9a6700"),
            ("#ffe3e0", "#cf222e"),
        ],
        Theme::Dark => [
            ("#12301c", "#3fb950"),
            ("#3a3010", "#d29922"),
            ("#3d1518", "#f85149"),
        ],
    }
}

const TOP: f64 = 44.0;
const BOTTOM: f64 = 46.0;
const LEFT: f64 = 58.0;
const RIGHT: f64 = 20.0;

/// Draws `buffers` (of the project `name`) as a standalone SVG fever chart: x is the chain's
/// completion (0–100 %), y the buffer consumed (0–100 %, more when a buffer is overrun); one
/// labelled point per buffer, the project buffer larger, in its zone's class.
///
/// Fails with [`Error::Invalid`] (item `fever chart`) for a width under 320 px or a height
/// under 240 px.
///
/// ```
/// use jindu::render::{fever, FeverOptions};
/// use jindu::track::{self, TrackOptions};
/// let doc = jindu::io::json::read(r#"{"name": "Demo", "start": "2026-01-05",
///     "tasks": [{"id": "A", "duration": "10d", "percent_complete": 20,
///                "actual_start": "2026-01-05"}]}"#)?;
/// let b = track::buffers(&doc.project, &doc.options, &TrackOptions::at("2026-01-09T17:00".parse()?))?;
/// let svg = fever("Demo", &b, &FeverOptions::default())?;
/// assert!(svg.contains("class=\"pt red\""));
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn fever(name: &str, buffers: &Buffers, options: &FeverOptions) -> Result<String> {
    let err = |field: &str, m: String| Error::invalid(Item::Path("fever chart".into()), field, m);
    if options.width < 320 {
        return Err(err(
            "width",
            format!("{} px is too narrow; at least 320", options.width),
        ));
    }
    if options.height < 240 {
        return Err(err(
            "height",
            format!("{} px is too low; at least 240", options.height),
        ));
    }
    let zh = options.locale == Locale::ZhCn;
    let pal = super::gantt::palette(options.theme);
    let zc = zone_colours(options.theme);
    let (width, height) = (options.width as f64, options.height as f64);
    let over = buffers
        .buffers
        .iter()
        .map(|b| b.consumed_percent)
        .filter(|v| v.is_finite())
        .fold(100.0, f64::max);
    // Up to 200 %: a buffer overrun further sits on the top edge with its number.
    let ystep = nice_step(over.min(200.0) * 1.08, 5).max(10.0);
    let ytop = ((over.min(200.0) * 1.08 / ystep).ceil() * ystep).max(100.0);
    let pw = width - LEFT - RIGHT;
    let ph = height - TOP - BOTTOM;
    let (x0, y0) = (LEFT, TOP + ph);
    let x = |c: f64| x0 + c.clamp(0.0, 100.0) / 100.0 * pw;
    let y = |v: f64| y0 - v.clamp(0.0, ytop) / ytop * ph;

    let mut o = String::with_capacity(4096);
    let style = format!(
        ".zg{{fill:{}}}.zy{{fill:{}}}.zr{{fill:{}}}.pt{{stroke:{};stroke-width:1.5}}.pt.green{{fill:{}}}.pt.yellow{{fill:{}}}.pt.red{{fill:{}}}",
        zc[0].0, zc[1].0, zc[2].0, pal.bg, zc[0].1, zc[1].1, zc[2].1
    );
    let title = if zh {
        format!("{name} · 缓冲区消耗")
    } else {
        format!("{name} · Buffer fever chart")
    };
    let count = buffers.buffers.len();
    let subtitle = if zh {
        format!("{count} 个缓冲区")
    } else if count == 1 {
        "1 buffer".to_owned()
    } else {
        format!("{count} buffers")
    };
    frame::open_titled(&mut o, width, height, pal, &style, &title, &subtitle);

    // The zones: below the green/yellow line green, up to the yellow/red line yellow, above red.
    let z = &buffers.zones;
    let line = |l: [f64; 2]| (y(l[0]), y(l[1]));
    let (gy0, gy1) = line(z.green_yellow);
    let (yr0, yr1) = line(z.yellow_red);
    let (xl, xr, yt) = (x(0.0), x(100.0), y(ytop));
    let _ = write!(
        o,
        "<path class=\"zr\" d=\"M{a},{yt}H{b}V{yr1}L{a},{yr0}Z\"/><path class=\"zy\" d=\"M{a},{yr0}L{b},{yr1}V{gy1}L{a},{gy0}Z\"/><path class=\"zg\" d=\"M{a},{gy0}L{b},{gy1}V{y0}H{a}Z\"/>",
        a = N(xl),
        b = N(xr),
        yt = N(yt),
        yr0 = N(yr0),
        yr1 = N(yr1),
        gy0 = N(gy0),
        gy1 = N(gy1),
        y0 = N(y0)
    );

    // Grid and axes.
    let mut d = String::new();
    let mut k = 0.0;
    while k <= ytop + 1e-9 {
        let _ = write!(d, "M{},{}H{}", N(x0), N(y(k)), N(xr));
        let _ = write!(
            o,
            "<text class=\"m\" x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\">{}%</text>",
            N(x0 - 6.0),
            N(y(k) + 4.0),
            k.round()
        );
        k += ystep;
    }
    for c in (0..=100).step_by(20) {
        let _ = write!(d, "M{},{}V{}", N(x(c as f64)), N(yt), N(y0));
        let _ = write!(
            o,
            "<text class=\"m\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{c}%</text>",
            N(x(c as f64)),
            N(y0 + 16.0)
        );
    }
    let _ = write!(
        o,
        "<path class=\"r\" stroke-opacity=\"0.45\" d=\"{d}\"/><path class=\"r\" d=\"M{},{}H{}M{},{}V{}\"/>",
        N(x0),
        N(y0),
        N(xr),
        N(x0),
        N(yt),
        N(y0)
    );
    let (xa, ya) = if zh {
        ("关键链完成 %", "缓冲区消耗 %")
    } else {
        ("Chain complete", "Buffer consumed")
    };
    let _ = write!(
        o,
        "<text class=\"m s\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{xa}</text>",
        N(x0 + pw / 2.0),
        N(y0 + 36.0)
    );
    let _ = write!(
        o,
        "<text class=\"m s\" font-size=\"11\" text-anchor=\"middle\" transform=\"translate({},{}) rotate(-90)\">{ya}</text>",
        N(14.0),
        N(TOP + ph / 2.0)
    );

    // The points: feeding buffers first, the project buffer on top.
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by_key(|&i| buffers.buffers[i].kind == BufferKind::Project);
    let mut placed: Vec<(f64, f64, f64)> = Vec::new();
    for i in order {
        let b = &buffers.buffers[i];
        let (px, py) = (x(b.chain_complete_percent), y(b.consumed_percent));
        let r = if b.kind == BufferKind::Project {
            7.0
        } else {
            5.0
        };
        let _ = write!(
            o,
            "<circle class=\"pt {}\" cx=\"{}\" cy=\"{}\" r=\"{}\"><title>",
            zone_class(b.zone),
            N(px),
            N(py),
            N(r)
        );
        let tip = format!(
            "{}: {:.0}% {}, {:.0}% {}",
            b.name,
            b.chain_complete_percent,
            if zh { "完成" } else { "complete" },
            b.consumed_percent,
            if zh { "已消耗" } else { "consumed" }
        );
        escape(&mut o, &tip);
        o.push_str("</title></circle>");
        let label = if b.kind == BufferKind::Project {
            if zh {
                "项目缓冲".to_owned()
            } else {
                "Project buffer".to_owned()
            }
        } else {
            truncate(&b.name, 16.0)
        };
        let label = if b.consumed_percent > ytop {
            format!("{label} ({:.0}%)", b.consumed_percent)
        } else {
            label
        };
        let w = text_width(&label) * 11.0;
        // Right of the point, or left near the right edge; moved down past labels in the way.
        let (mut tx, anchor) = if px + r + 4.0 + w > xr {
            (px - r - 4.0, "end")
        } else {
            (px + r + 4.0, "start")
        };
        let mut ty = py + 4.0;
        let left = |tx: f64| if anchor == "end" { tx - w } else { tx };
        for _ in 0..6 {
            let hit = placed.iter().any(|&(lx, ly, lw)| {
                (ty - ly).abs() < 13.0 && left(tx) < lx + lw && lx < left(tx) + w
            });
            if !hit {
                break;
            }
            ty += 13.0;
        }
        ty = ty.min(y0 - 4.0);
        tx = tx.max(x0 + 2.0);
        placed.push((left(tx), ty, w));
        let _ = write!(
            o,
            "<text class=\"n\" x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"{anchor}\">",
            N(tx),
            N(ty)
        );
        escape(&mut o, &label);
        o.push_str("</text>");
    }
    o.push_str("</svg>");
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::track::{self, FeverZones, TrackOptions};

    fn buffers(name: &str) -> Buffers {
        let text = include_str!("../../../examples/tracking.json").replace("Portal", name);
        let doc = crate::io::json::read(&text).unwrap();
        let at = TrackOptions::at("2026-01-23T17:00".parse().unwrap());
        track::buffers(&doc.project, &doc.options, &at).unwrap()
    }

    #[test]
    fn a_buffer_half_done_and_80_percent_used_is_red() {
        let mut b = buffers("Portal");
        let p = &mut b.buffers[0];
        // Default zones at 50 % complete: yellow from 15 + 60/2 = 45 %, red from 30 + 60/2 = 60 %.
        (p.chain_complete_percent, p.consumed_percent) = (50.0, 80.0);
        p.zone = FeverZones::default().zone(50.0, 80.0);
        assert_eq!(p.zone, Zone::Red);
        let svg = fever("Portal", &b, &FeverOptions::default()).unwrap();
        // 720 × 480: plot x 58..700, y 434 (0 %) up to 44 (125 %: 100 % with 8 % headroom, in
        // steps of 25). The point: x = 58 + 0.5 × 642 = 379, y = 434 − 80/125 × 390 = 184.4.
        assert!(svg.contains("<circle class=\"pt red\" cx=\"379\" cy=\"184.4\" r=\"7\">"));
        // The yellow band's top, the yellow/red line, runs from 30 % at 0 % complete
        // (434 − 0.24 × 390 = 340.4) to 90 % at 100 % (434 − 0.72 × 390 = 153.2).
        assert!(svg.contains("<path class=\"zy\" d=\"M58,340.4L700,153.2"));
        p_zone_green(&mut b);
    }

    fn p_zone_green(b: &mut Buffers) {
        let p = &mut b.buffers[0];
        (p.chain_complete_percent, p.consumed_percent) = (50.0, 10.0);
        p.zone = FeverZones::default().zone(50.0, 10.0);
        let svg = fever("Portal", b, &FeverOptions::default()).unwrap();
        assert!(svg.contains("class=\"pt green\""));
    }

    #[test]
    fn names_are_escaped() {
        let b = buffers("R&D <x>");
        let svg = fever("R&D <x>", &b, &FeverOptions::default()).unwrap();
        assert!(svg.contains("R&amp;D &lt;x&gt; · Buffer fever chart"));
        assert!(svg.contains("<title>R&amp;D &lt;x&gt;: "));
        assert!(!svg.contains("<x>"));
    }
}
