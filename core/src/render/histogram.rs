//! The resource histogram: one panel per resource, stacked, with the assigned work of each
//! period as a bar, the capacity as a step line and the work above capacity in the warning
//! colour; drawn from a [`Loading`](crate::level::Loading).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::level::load::{PeriodLoad, ResourceLoad};
use crate::level::{LoadOptions, LoadRequest, Loading, Period};

use super::frame::{self, Key, TIME_AXIS_H, TITLE_H};
use super::gantt::{palette, Locale, Theme};
use super::scale::{self, Unit};
use super::svg::{escape, truncate, N};

/// What the bars measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LoadUnit {
    /// Hours of work (the default); the capacity line is the hours available.
    #[default]
    Hours,
    /// Percent of the period's capacity; the capacity line is 100 %.
    Percent,
}

/// How to draw a resource histogram; [`Default`] gives a 1,000 px wide light chart of every
/// work resource in hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistogramOptions {
    /// Width in pixels (at least 320).
    pub width: u32,
    /// Height in pixels (at least 160): the panels share it, each keeping at least 24 px of
    /// plot (the chart grows when that needs more). `None`: 220 px of plot for one resource,
    /// shrinking to 48 px a panel for many.
    pub height: Option<u32>,
    /// Colours.
    pub theme: Theme,
    /// Language of dates and words.
    pub locale: Locale,
    /// Only these resources (by key), in this order; `None`: every work resource.
    pub resources: Option<Vec<String>>,
    /// Hours or percent of capacity.
    pub unit: LoadUnit,
}

impl Default for HistogramOptions {
    fn default() -> HistogramOptions {
        HistogramOptions {
            width: 1000,
            height: None,
            theme: Theme::Light,
            locale: Locale::En,
            resources: None,
            unit: LoadUnit::Hours,
        }
    }
}

/// How to draw a resource histogram, as JSON: the chart's options and the loading's (`by`,
/// `from`, `to` as in [`LoadRequest`]). Every field is optional.
///
/// ```
/// use jindu::render::{HistogramRequest, LoadUnit, Theme};
/// let r = HistogramRequest::from_json(r#"{"by": "day", "resources": ["ana"],
///     "unit": "percent", "theme": "dark", "width": 800}"#)?;
/// let o = r.options()?;
/// assert_eq!((o.width, o.theme, o.unit), (800, Theme::Dark, LoadUnit::Percent));
/// assert_eq!(r.load_options()?.period, jindu::level::Period::Day);
/// assert!(HistogramRequest::from_json(r#"{"period": "day"}"#).is_err());
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct HistogramRequest {
    /// Width in pixels (default 1,000; at least 320).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Height in pixels (default: from the number of resources).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// `light` (the default) or `dark`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// `en` (the default) or `zh-CN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// The period: `hour`, `day`, `week` (the default) or `month`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    /// The first period shown is the one containing this instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The last period shown is the one containing the minute before this instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Only these resources (by key), one panel each in this order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<Vec<String>>,
    /// `hours` (the default) or `percent` of capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

impl HistogramRequest {
    /// Reads the JSON form; an unknown field is an error naming it.
    pub fn from_json(text: &str) -> Result<HistogramRequest> {
        serde_json::from_str(text)
            .map_err(|e| Error::parse("histogram options", text, &e.to_string()))
    }

    /// The loading's options (`by`, `from`, `to`); a bad period or date is an error naming it.
    pub fn load_options(&self) -> Result<LoadOptions> {
        LoadRequest {
            by: self.by.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
        }
        .options()
    }

    /// The chart's options; a bad theme, locale or unit is an error naming it.
    pub fn options(&self) -> Result<HistogramOptions> {
        let d = HistogramOptions::default();
        Ok(HistogramOptions {
            width: self.width.unwrap_or(d.width),
            height: self.height,
            theme: super::request::parsed(&self.theme)?.unwrap_or(d.theme),
            locale: super::request::parsed(&self.locale)?.unwrap_or(d.locale),
            resources: self.resources.clone(),
            unit: match self.unit.as_deref() {
                None | Some("hours") => LoadUnit::Hours,
                Some("percent") => LoadUnit::Percent,
                Some(u) => return Err(Error::parse("unit", u, "expected hours or percent")),
            },
        })
    }
}

/// The words of the chart.
struct Words {
    per: &'static str,
    work: &'static str,
    over: &'static str,
    flagged: &'static str,
    capacity: &'static str,
    max: &'static str,
    overallocation: &'static str,
    overallocations: &'static str,
    of: &'static str,
    none: &'static str,
}

const EN: Words = Words {
    per: "Load per",
    work: "Work",
    over: "Above capacity",
    flagged: "Overallocated period",
    capacity: "Capacity",
    max: "max",
    overallocation: "overallocation",
    overallocations: "overallocations",
    of: "of",
    none: "no capacity",
};

const ZH: Words = Words {
    per: "负荷 每",
    work: "工作",
    over: "超出能力",
    flagged: "超分配时段",
    capacity: "能力",
    max: "最大",
    overallocation: "次超分配",
    overallocations: "次超分配",
    of: "/",
    none: "无能力",
};

const LEFT: f64 = 60.0;
const RIGHT: f64 = 16.0;
const PANEL_HEAD: f64 = 26.0;
const PANEL_GAP: f64 = 12.0;

/// Draws `loading` as a standalone SVG: one panel per resource (work resources, or those the
/// options name), a bar per period, the capacity as a step line, work above capacity and
/// periods touched by an overallocation in the warning colour, and the periods' dates under
/// the last panel. `name` is the chart's title (the project's name).
///
/// Fails with [`Error::Invalid`] (item `histogram`) for a size under 320 × 160 px, an unknown
/// or non-work resource in `resources`, or a loading without any work resource.
///
/// ```
/// use jindu::level::{load, LoadOptions, Period};
/// use jindu::render::{histogram, HistogramOptions};
/// let doc = jindu::io::json::read(r#"{"name": "P", "start": "2026-01-05",
///   "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"}],
///   "resources": [{"id": "ana", "name": "Ana"}],
///   "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"}]}"#)?;
/// let s = jindu::schedule(&doc.project, &doc.options)?;
/// let l = load(&[(&doc.project, &s)], &LoadOptions::new(Period::Day))?;
/// let svg = histogram("P", &l, &HistogramOptions::default())?;
/// // Monday holds 16 h against 8: the 8 h above capacity are drawn in the warning colour.
/// assert!(svg.contains("Ana: Mon 5 Jan 2026: 16 h of 8 h (200%)"));
/// assert_eq!(svg.matches("class=\"ov\"").count(), 1 + 1); // and the legend's swatch
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn histogram(name: &str, loading: &Loading, options: &HistogramOptions) -> Result<String> {
    frame::check_size("histogram", options.width, options.height)?;
    let res = chosen(loading, options.resources.as_deref())?;
    let n = res.len();
    let pal = palette(options.theme);
    let loc = options.locale;
    let w = if loc == Locale::ZhCn { &ZH } else { &EN };
    let pct = options.unit == LoadUnit::Percent;

    let width = options.width as f64;
    let head = TITLE_H + 8.0;
    let fixed = head + TIME_AXIS_H + 8.0;
    let plot_h = match options.height {
        Some(h) => ((h as f64 - fixed) / n as f64 - PANEL_HEAD - PANEL_GAP).max(24.0),
        None => (1000.0_f64 / n as f64).clamp(48.0, 220.0),
    }
    .floor();
    let panel = PANEL_HEAD + plot_h + PANEL_GAP;
    // A height too low for 24 px panels grows to fit them rather than clip the last ones.
    let height = options.height.map_or(fixed + n as f64 * panel, |h| {
        (h as f64).max(fixed + n as f64 * panel)
    });
    let x0 = LEFT;
    let chart_w = width - LEFT - RIGHT;
    let (t0, t1) = (loading.from.0, loading.to.0);
    let span = t1.minutes_since(t0).max(1) as f64;
    let x = |t: crate::time::DateTime| x0 + t.minutes_since(t0) as f64 * chart_w / span;

    let mut o = String::with_capacity(4096 + n * 4096);
    let style = format!(
        ".b{{fill:{bar}}}.b.x{{fill:{crit};fill-opacity:.45}}.ov{{fill:{crit}}}.cap{{fill:none;stroke:{cap};stroke-width:1.5}}",
        bar = pal.bar,
        crit = pal.crit,
        cap = pal.summary
    );
    frame::open(&mut o, width, height, pal, &style);
    let keys = [
        Key {
            class: "b",
            line: false,
            label: w.work,
        },
        Key {
            class: "ov",
            line: false,
            label: w.over,
        },
        Key {
            class: "b x",
            line: false,
            label: w.flagged,
        },
        Key {
            class: "cap",
            line: true,
            label: w.capacity,
        },
    ];
    let legend_w = frame::legend_width(&keys);
    let show_legend = legend_w < width * 0.6;
    let subtitle = format!(
        "{} {} · {} – {}",
        w.per,
        period_word(loading.period, loc),
        scale::day(t0, loc),
        scale::day(t1.add_minutes(-1), loc)
    );
    frame::title(
        &mut o,
        name,
        &subtitle,
        width,
        if show_legend { legend_w } else { 0.0 },
    );
    if show_legend {
        frame::legend(&mut o, &keys, width - RIGHT, 21.0);
    }

    let unit = if pct { "%" } else { " h" };
    for (k, r) in res.iter().enumerate() {
        let top = head + k as f64 * panel;
        let py = top + PANEL_HEAD;
        let base = py + plot_h;
        // The panel's heading: name, max units and overallocations.
        o.push_str("<text class=\"n s\" x=\"10\" y=\"");
        let _ = write!(o, "{}\">", N(top + 13.0));
        let label = truncate(&r.name, (width * 0.45) / 12.0);
        escape(&mut o, &label);
        o.push_str("</text>");
        let mut info = format!("{} {}%", w.max, r.max_units);
        if !r.overallocations.is_empty() {
            let k = r.overallocations.len();
            let word = if k == 1 {
                w.overallocation
            } else {
                w.overallocations
            };
            let _ = write!(info, " · {k} {word}");
        }
        let _ = write!(
            o,
            "<text class=\"m\" x=\"{}\" y=\"{}\" font-size=\"11\">",
            N(10.0 + frame::px(&label, 12.0) * frame::BOLD + 10.0),
            N(top + 13.0)
        );
        escape(&mut o, &info);
        o.push_str("</text>");

        let values: Vec<(f64, f64)> = r.periods.iter().map(|p| value(p, pct)).collect();
        let max = values.iter().map(|&(v, c)| v.max(c)).fold(0.0, f64::max);
        let ticks = frame::value_ticks(max, if plot_h >= 90.0 { 4 } else { 2 });
        let vmax = ticks.last().copied().unwrap_or(1.0);
        let y = |v: f64| base - v / vmax * plot_h;
        // Grid and value labels.
        let mut d = String::new();
        for &t in &ticks {
            let _ = write!(d, "M{},{}H{}", N(x0), N(y(t)), N(x0 + chart_w));
        }
        let _ = write!(o, "<path class=\"g\" d=\"{d}\"/>");
        o.push_str("<g class=\"m\" font-size=\"10\" text-anchor=\"end\">");
        for (i, &t) in ticks.iter().enumerate() {
            let last = i + 1 == ticks.len();
            let _ = write!(
                o,
                "<text x=\"{}\" y=\"{}\">{}{}</text>",
                N(x0 - 6.0),
                N(y(t) + 3.5),
                frame::number(t),
                if last { unit } else { "" }
            );
        }
        o.push_str("</g>");

        // Bars, with a tooltip each; where a period is under 2 px wide (years by day) nobody
        // can point at one bar, so each class of bar is one path, without tooltips.
        let merged = r.periods.len() as f64 * 2.0 > chart_w;
        let mut paths = [String::new(), String::new(), String::new()]; // b, b x, ov
        for (p, &(v, c)) in r.periods.iter().zip(&values) {
            if p.work_minutes <= 0 {
                continue;
            }
            let (a, b) = (x(p.start.0), x(p.end.0));
            let gap = if b - a >= 6.0 {
                ((b - a) * 0.12).max(1.0)
            } else {
                0.0
            };
            let (a, bw) = (a + gap * 0.5, (b - a - gap).max(0.5));
            let within = v.min(c);
            if merged {
                let k = usize::from(p.overallocated);
                if within > 0.0 {
                    let _ = write!(
                        paths[k],
                        "M{},{}h{}V{}h{}Z",
                        N(a),
                        N(base),
                        N(bw),
                        N(y(within)),
                        N(-bw)
                    );
                }
                if v > c {
                    let _ = write!(
                        paths[2],
                        "M{},{}h{}V{}h{}Z",
                        N(a),
                        N(y(c)),
                        N(bw),
                        N(y(v)),
                        N(-bw)
                    );
                }
                continue;
            }
            let _ = write!(o, "<g class=\"pd\"><title>");
            escape(&mut o, &r.name);
            let _ = write!(
                o,
                ": {}: {}",
                period_label(loading.period, p, loc),
                tip(p, w)
            );
            o.push_str("</title>");
            let flag = if p.overallocated { " x" } else { "" };
            if within > 0.0 {
                let _ = write!(
                    o,
                    "<rect class=\"b{flag}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                    N(a),
                    N(y(within)),
                    N(bw),
                    N(base - y(within))
                );
            }
            if v > c {
                let _ = write!(
                    o,
                    "<rect class=\"ov\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                    N(a),
                    N(y(v)),
                    N(bw),
                    N(y(c) - y(v))
                );
            }
            o.push_str("</g>");
        }
        for (class, d) in ["b", "b x", "ov"].iter().zip(&paths) {
            if !d.is_empty() {
                let _ = write!(o, "<path class=\"{class}\" d=\"{d}\"/>");
            }
        }

        // The capacity as a step line. Where periods are narrower than 6 px, a period without
        // capacity (a weekend by day) keeps the level before it rather than drawing a comb.
        let dense = r.periods.len() as f64 * 6.0 > chart_w;
        let mut d = String::new();
        let mut level = None;
        for (i, (p, &(_, c))) in r.periods.iter().zip(&values).enumerate() {
            let c = match level {
                Some(l) if dense && c <= 0.0 => l,
                _ => c,
            };
            level = Some(c);
            if i == 0 {
                let _ = write!(d, "M{},{}", N(x(p.start.0)), N(y(c)));
            } else {
                let _ = write!(d, "V{}", N(y(c)));
            }
            let _ = write!(d, "H{}", N(x(p.end.0)));
        }
        if !d.is_empty() {
            let _ = write!(o, "<path class=\"cap\" d=\"{d}\"/>");
        }
        let _ = write!(
            o,
            "<path class=\"r\" d=\"M{},{}H{}\"/>",
            N(x0),
            N(base),
            N(x0 + chart_w)
        );
    }

    let axis_y = head + n as f64 * panel - PANEL_GAP + 1.0;
    frame::time_axis(&mut o, t0, t1, &x, x0, chart_w, axis_y, head, loc);
    o.push_str("</svg>");
    Ok(o)
}

/// The resources drawn: those named, in that order, or every work resource.
fn chosen<'a>(loading: &'a Loading, ids: Option<&[String]>) -> Result<Vec<&'a ResourceLoad>> {
    let out: Vec<&ResourceLoad> = match ids {
        None => loading
            .resources
            .iter()
            .filter(|r| r.kind == "work")
            .collect(),
        Some(ids) => ids
            .iter()
            .map(|id| {
                let r = loading
                    .resources
                    .iter()
                    .find(|r| &r.id == id)
                    .ok_or_else(|| {
                        frame::bad(
                            "histogram",
                            "resources",
                            format!("no resource {id:?} in the project"),
                        )
                    })?;
                if r.kind != "work" {
                    return Err(frame::bad(
                        "histogram",
                        "resources",
                        format!("{id:?} is a {} resource; the histogram draws work", r.kind),
                    ));
                }
                Ok(r)
            })
            .collect::<Result<_>>()?,
    };
    if out.is_empty() {
        return Err(frame::bad(
            "histogram",
            "resources",
            "no work resource to draw: give the project resources and assignments".into(),
        ));
    }
    Ok(out)
}

/// The bar's value and the capacity, in hours or percent of capacity. Work without capacity
/// in percent is drawn as 100 %, all of it above capacity.
fn value(p: &PeriodLoad, pct: bool) -> (f64, f64) {
    if !pct {
        return (
            p.work_minutes as f64 / 60.0,
            p.capacity_minutes as f64 / 60.0,
        );
    }
    match p.load_percent {
        Some(l) => (l, 100.0),
        None if p.work_minutes > 0 => (100.0, 0.0),
        None => (0.0, 0.0),
    }
}

/// The tooltip's numbers: `48 h of 40 h (120%)`.
fn tip(p: &PeriodLoad, w: &Words) -> String {
    let h = |m: i64| frame::number(m as f64 / 60.0);
    match p.load_percent {
        Some(l) => format!(
            "{} h {} {} h ({}%)",
            h(p.work_minutes),
            w.of,
            h(p.capacity_minutes),
            l.round()
        ),
        None => format!("{} h ({})", h(p.work_minutes), w.none),
    }
}

/// The period's name in the subtitle.
fn period_word(p: Period, loc: Locale) -> &'static str {
    match (p, loc) {
        (Period::Hour, Locale::En) => "hour",
        (Period::Day, Locale::En) => "day",
        (Period::Week, Locale::En) => "week",
        (Period::Month, Locale::En) => "month",
        (Period::Hour, Locale::ZhCn) => "小时",
        (Period::Day, Locale::ZhCn) => "日",
        (Period::Week, Locale::ZhCn) => "周",
        (Period::Month, Locale::ZhCn) => "月",
    }
}

/// A period as the tooltip names it: `Mon 5 Jan 2026`, `week of 5 Jan 2026`, `Jan 2026`.
fn period_label(by: Period, p: &PeriodLoad, loc: Locale) -> String {
    let t = p.start.0;
    match (by, loc) {
        (Period::Hour, _) => format!(
            "{} {}",
            scale::day(t, loc),
            scale::label(Unit::Hours(1), t, false, loc)
        ),
        (Period::Day, _) => scale::label(Unit::Day, t, true, loc),
        (Period::Week, Locale::En) => format!("week of {}", scale::day(t, loc)),
        (Period::Week, Locale::ZhCn) => format!("{}起一周", scale::day(t, loc)),
        (Period::Month, _) => scale::label(Unit::Month, t, true, loc),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::level::load;

    /// Ana (100 %) on A (Mon–Tue) and B (Mon), Bo (50 %) on C (Wed): by day, Monday is
    /// 16 h of 8 h for Ana; Bo has 4 h of capacity a day and 8 h of work on Wednesday.
    fn loading(by: &str) -> Loading {
        let doc = crate::io::json::read(
            r#"{"name": "P", "start": "2026-01-05",
            "tasks": [{"id": "A", "duration": "2d"}, {"id": "B", "duration": "1d"},
                      {"id": "C", "duration": "1d"}],
            "links": [{"from": "A", "to": "C"}],
            "resources": [{"id": "ana", "name": "Ana <R&D>"}, {"id": "bo", "name": "Bo", "max_units": 50}],
            "assignments": [{"task": "A", "resource": "ana"}, {"task": "B", "resource": "ana"},
                            {"task": "C", "resource": "bo"}]}"#,
        )
        .unwrap();
        let s = crate::schedule(&doc.project, &doc.options).unwrap();
        let o = LoadRequest {
            by: Some(by.into()),
            ..Default::default()
        };
        load(&[(&doc.project, &s)], &o.options().unwrap()).unwrap()
    }

    fn attr(tag: &str, name: &str) -> f64 {
        let k = format!(" {name}=\"");
        let i = tag.find(&k).unwrap() + k.len();
        tag[i..].split('"').next().unwrap().parse().unwrap()
    }

    #[test]
    fn one_bar_group_per_loaded_period_and_the_excess_is_marked() {
        let l = loading("day");
        let svg = histogram("P", &l, &HistogramOptions::default()).unwrap();
        // Ana works Mon and Tue, Bo Wed: three groups, each with a tooltip.
        assert_eq!(svg.matches("<g class=\"pd\">").count(), 3);
        // Ana's Monday: 16 h of 8 h, overallocated; Tuesday 8 h of 8 h; Bo's Wednesday 8 h
        // of 4 h, all of it from one task at 50 % max units: overallocated too.
        assert!(svg.contains("Ana &lt;R&amp;D&gt;: Mon 5 Jan 2026: 16 h of 8 h (200%)"));
        assert!(svg.contains("Bo: Wed 7 Jan 2026: 8 h of 4 h (200%)"));
        assert_eq!(svg.matches("class=\"ov\"").count(), 2 + 1); // and the legend
        assert_eq!(svg.matches("class=\"b x\"").count(), 2 + 1); // two bars + the legend
        assert_eq!(svg.matches("class=\"b\"").count(), 1 + 1); // Tuesday + the legend
    }

    #[test]
    fn the_capacity_line_sits_at_the_capacity() {
        let l = loading("day");
        let o = HistogramOptions {
            resources: Some(vec!["ana".into()]),
            ..Default::default()
        };
        let svg = histogram("P", &l, &o).unwrap();
        // One panel: plot 220 px high from y = 40 + 26 = 66 to 286. Ana's days peak at 16 h,
        // so the axis runs to 20 (16 / 4 = 4 rounds up to steps of 5) and the 8 h capacity is
        // at 286 − 8 / 20 × 220 = 198.
        let cap = svg.split("<path class=\"cap\" d=\"").nth(2).unwrap();
        let d = cap.split('"').next().unwrap();
        assert!(d.starts_with("M60,198H"), "{d}");
        // The Tuesday bar (8 h, within capacity) tops out on the line.
        let tue = svg.split("<rect class=\"b\" ").nth(2).unwrap();
        assert_eq!(attr(tue, "y"), 198.0);
        assert_eq!(attr(tue, "height"), 88.0);
        assert!(!svg.contains(">Bo<"));
    }

    #[test]
    fn percent_puts_the_capacity_at_one_hundred() {
        let l = loading("week");
        let o = HistogramOptions {
            unit: LoadUnit::Percent,
            resources: Some(vec!["bo".into()]),
            ..Default::default()
        };
        let svg = histogram("P", &l, &o).unwrap();
        // Bo's week: 8 h of 5 × 4 = 20 h is 40 %; the axis runs 0–100 by 25 with "100%" on top.
        assert!(svg.contains("Bo: week of 5 Jan 2026: 8 h of 20 h (40%)"));
        assert!(svg.contains(">100%</text>"));
        assert_eq!(svg.matches("class=\"ov\"").count(), 1); // the legend only
    }

    #[test]
    fn bars_under_two_pixels_merge_into_one_path_per_class() {
        // By hour, Mon 08:00 to Wed 17:00 is 57 periods in 320 − 60 − 16 = 244 px: 4.3 px
        // each, so the bars keep their tooltips.
        let l = loading("hour");
        let o = HistogramOptions {
            width: 320,
            ..Default::default()
        };
        let svg = histogram("P", &l, &o).unwrap();
        assert!(svg.contains("<g class=\"pd\">"));
        let mut l = l;
        for r in &mut l.resources {
            let p = r.periods.clone();
            for _ in 0..3 {
                r.periods.extend(p.iter().cloned());
            }
        }
        // Four times as many, 228 periods in 244 px: about 1 px each, merged.
        let svg = histogram("P", &l, &o).unwrap();
        assert!(!svg.contains("<g class=\"pd\">"));
        assert_eq!(svg.matches("<path class=\"ov\"").count(), 2); // Ana's and Bo's
    }

    #[test]
    fn bad_resources_are_errors_naming_them() {
        let l = loading("day");
        let o = HistogramOptions {
            resources: Some(vec!["zed".into()]),
            ..Default::default()
        };
        let e = histogram("P", &l, &o).unwrap_err().to_string();
        assert!(e.contains("zed") && e.contains("resources"), "{e}");
        let o = HistogramOptions {
            width: 200,
            ..Default::default()
        };
        assert!(histogram("P", &l, &o)
            .unwrap_err()
            .to_string()
            .contains("width"));
    }
}
