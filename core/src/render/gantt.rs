//! The Gantt chart: a name column, a two-tier time scale, non-working time shaded, bars,
//! summary brackets, milestone diamonds, links, the critical path, baselines, progress, the
//! status date and deadlines.

use std::fmt::Write as _;
use std::str::FromStr;

use crate::calendar::{Calendar, WorkCalendar};
use crate::error::{Error, Item, Result};
use crate::id::{TaskId, TaskIndex};
use crate::model::{Project, Visibility};
use crate::schedule::Schedule;
use crate::time::DateTime;

use super::scale;
use super::scale::{ticks, tier_labels, unit_days};
use super::svg::{escape, text_width, truncate, FONT, N};

/// The language of the chart's dates and words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    /// English (`en`): `Mar 2026`, `Thu 5 Mar 2026`.
    #[default]
    En,
    /// Simplified Chinese (`zh-CN`): `2026年3月`, `2026年3月5日 周四`.
    ZhCn,
}

impl FromStr for Locale {
    type Err = Error;
    fn from_str(s: &str) -> Result<Locale> {
        match s {
            "en" | "en-US" | "en-GB" => Ok(Locale::En),
            "zh-CN" | "zh" | "zh-Hans" => Ok(Locale::ZhCn),
            _ => Err(Error::parse("locale", s, "expected en or zh-CN")),
        }
    }
}

/// The colours of the chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Theme {
    /// Dark text on white (the default).
    #[default]
    Light,
    /// Light text on a near-black background.
    Dark,
}

impl FromStr for Theme {
    type Err = Error;
    fn from_str(s: &str) -> Result<Theme> {
        match s {
            "light" => Ok(Theme::Light),
            "dark" => Ok(Theme::Dark),
            _ => Err(Error::parse("theme", s, "expected light or dark")),
        }
    }
}

/// Which tasks get a row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TaskFilter {
    /// Every task, in the project's order.
    #[default]
    All,
    /// These tasks only (by key), in the project's order; an unknown key is an error.
    Ids(Vec<TaskId>),
    /// What the client may see: every task except internal ones and their subtasks (as in
    /// [`track::client_view`](crate::track::client_view)).
    Client,
}

/// How to draw a Gantt chart; [`Default`] gives a 1,200 px wide light chart of every task with
/// links and baselines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GanttOptions {
    /// Width in pixels (at least 320).
    pub width: u32,
    /// Height in pixels: the rows shrink (down to 2 px) to fit it. `None`: rows of 24 px,
    /// shrinking for long plans so the chart stays within about 1,800 px of rows (never below
    /// 6 px a row).
    pub height: Option<u32>,
    /// Row height in pixels (at least 2), overriding the automatic choice.
    pub row_height: Option<u32>,
    /// The first instant shown (default: the earliest date drawn, at midnight).
    pub from: Option<DateTime>,
    /// The end of the time shown (default: the day after the latest date drawn).
    pub to: Option<DateTime>,
    /// Which tasks get a row.
    pub tasks: TaskFilter,
    /// Colours.
    pub theme: Theme,
    /// Language of dates and words.
    pub locale: Locale,
    /// Draw the links.
    pub links: bool,
    /// Draw the first baseline under each bar.
    pub baselines: bool,
    /// Draw a "today" line at this instant.
    pub today: Option<DateTime>,
}

impl Default for GanttOptions {
    fn default() -> GanttOptions {
        GanttOptions {
            width: 1200,
            height: None,
            row_height: None,
            from: None,
            to: None,
            tasks: TaskFilter::All,
            theme: Theme::Light,
            locale: Locale::En,
            links: true,
            baselines: true,
            today: None,
        }
    }
}

/// Colours of a theme (shared by every chart).
pub(super) struct Palette {
    pub(super) bg: &'static str,
    pub(super) text: &'static str,
    pub(super) muted: &'static str,
    pub(super) head: &'static str,
    pub(super) stripe: &'static str,
    pub(super) grid: &'static str,
    pub(super) rule: &'static str,
    pub(super) nonwork: &'static str,
    pub(super) bar: &'static str,
    pub(super) done: &'static str,
    pub(super) crit: &'static str,
    pub(super) crit_done: &'static str,
    pub(super) summary: &'static str,
    pub(super) baseline: &'static str,
    pub(super) link: &'static str,
    pub(super) status: &'static str,
    pub(super) today: &'static str,
    pub(super) deadline: &'static str,
    pub(super) missed: &'static str,
}

pub(super) const LIGHT: Palette = Palette {
    bg: "#ffffff",
    text: "#1f2328",
    muted: "#59636e",
    head: "#f6f8fa",
    stripe: "#f9fafb",
    grid: "#eaeef2",
    rule: "#d1d9e0",
    nonwork: "#eef0f3",
    bar: "#5b8def",
    done: "#2f5fb8",
    crit: "#e5534b",
    crit_done: "#a8302a",
    summary: "#3b4350",
    baseline: "#b4bcc6",
    link: "#8c959f",
    status: "#8250df",
    today: "#1a7f37",
    deadline: "#1a7f37",
    missed: "#cf222e",
};

pub(super) const DARK: Palette = Palette {
    bg: "#0d1117",
    text: "#e6edf3",
    muted: "#9198a1",
    head: "#151b23",
    stripe: "#10151c",
    grid: "#1f252d",
    rule: "#30363d",
    nonwork: "#1a2029",
    bar: "#4c7ee0",
    done: "#9ab9ff",
    crit: "#e0605a",
    crit_done: "#ffb1ab",
    summary: "#c9d1d9",
    baseline: "#5a626c",
    link: "#6e7781",
    status: "#a371f7",
    today: "#3fb950",
    deadline: "#3fb950",
    missed: "#f85149",
};

/// The colours of `theme`.
pub(super) fn palette(theme: Theme) -> &'static Palette {
    match theme {
        Theme::Light => &LIGHT,
        Theme::Dark => &DARK,
    }
}

const TITLE_H: f64 = 32.0;
const TIER_H: f64 = 20.0;
const INDENT: f64 = 12.0;
const GAP: f64 = 5.0;

/// One row of the chart.
struct Row {
    task: TaskIndex,
    depth: u32,
    summary: bool,
}

/// Draws `schedule` (computed for `project`) as a standalone SVG Gantt chart.
///
/// Bars run from early start to early finish; rows follow the project's order, summaries
/// indented by level. Fails with [`Error::UnknownTask`] when the filter names a task the
/// project lacks, and with [`Error::Invalid`] (item `gantt`) for a width under 320 px, a row
/// height under 2 px, an empty or reversed time range, or a schedule of another project.
pub fn gantt(project: &Project, schedule: &Schedule, options: &GanttOptions) -> Result<String> {
    let opt_err =
        |field: &str, message: String| Error::invalid(Item::Path("gantt".into()), field, message);
    if schedule.tasks().len() != project.len() {
        return Err(opt_err(
            "schedule",
            format!(
                "the schedule has {} tasks but the project {}: schedule this project first",
                schedule.tasks().len(),
                project.len()
            ),
        ));
    }
    if options.width < 320 {
        return Err(opt_err(
            "width",
            format!("{} px is too narrow; at least 320", options.width),
        ));
    }
    if let Some(h) = options.row_height {
        if h < 2 {
            return Err(opt_err(
                "row_height",
                format!("{h} px is too low; at least 2"),
            ));
        }
    }
    let rows = rows(project, &options.tasks)?;
    let n = rows.len();
    let pal = palette(options.theme);
    let loc = options.locale;

    // The time range: every date drawn, from midnight to the next midnight.
    let (t0, t1) = range(project, schedule, &rows, options)?;
    if t1 <= t0 {
        return Err(opt_err(
            "to",
            format!("the time range {t0} to {t1} is empty: `to` must be after `from`"),
        ));
    }

    // Rows and columns.
    let width = options.width as f64;
    let head_h = TITLE_H + 2.0 * TIER_H;
    let row_h = match (options.row_height, options.height) {
        (Some(h), _) => h as f64,
        (None, Some(h)) => ((h as f64 - head_h - 1.0) / n.max(1) as f64)
            .clamp(2.0, 24.0)
            .floor(),
        (None, None) => (1800.0 / n.max(1) as f64).clamp(6.0, 24.0).floor(),
    };
    let height = options
        .height
        .map_or(head_h + n as f64 * row_h + 1.0, |h| h as f64);
    // Labels: every row when rows are 14 px or more; otherwise every k-th row at 9 px.
    let (font, every) = if row_h >= 14.0 {
        ((row_h * 0.55).clamp(9.0, 12.5), 1)
    } else {
        (9.0, (13.0 / row_h).ceil() as usize)
    };
    let name_em = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(_, r)| text_width(&project.task(r.task).name) * font + r.depth as f64 * INDENT)
        .fold(0.0, f64::max);
    let label_w = (name_em + 20.0).max(110.0).min((width * 0.3).floor());
    let x0 = label_w;
    let chart_w = width - label_w - 12.0;
    let span = t1.minutes_since(t0) as f64;
    let px_min = chart_w / span;
    let px_day = px_min * 1440.0;
    let x = |t: DateTime| x0 + t.minutes_since(t0) as f64 * px_min;
    let xc = |t: DateTime| x(t).clamp(x0 - 20.0, x0 + chart_w + 20.0);
    let y_row = |i: usize| head_h + i as f64 * row_h;
    let rows_bottom = head_h + n as f64 * row_h;

    let mut o = String::with_capacity(4096 + n * 420);
    let _ = write!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FONT}\" font-size=\"12\">",
        w = N(width),
        h = N(height)
    );
    let _ = write!(
        o,
        "<style>.n{{fill:{t}}}.s{{font-weight:600}}.m{{fill:{m}}}.b{{fill:{bar}}}.b.c{{fill:{crit}}}.p{{fill:{done}}}.p.c{{fill:{crit_done}}}.sm{{fill:{sum}}}.sm.c{{fill:{crit}}}.ms{{fill:{bar}}}.ms.c{{fill:{crit}}}.bl{{fill:{base}}}.l{{fill:none;stroke:{link};stroke-width:1}}.l.c{{stroke:{crit}}}.nw{{fill:{nw}}}.g{{stroke:{grid};stroke-width:1}}.r{{stroke:{rule};stroke-width:1}}.dl{{fill:{dl}}}.dl.x{{fill:{miss}}}</style>",
        t = pal.text,
        m = pal.muted,
        bar = pal.bar,
        crit = pal.crit,
        done = pal.done,
        crit_done = pal.crit_done,
        sum = pal.summary,
        base = pal.baseline,
        link = pal.link,
        nw = pal.nonwork,
        grid = pal.grid,
        rule = pal.rule,
        dl = pal.deadline,
        miss = pal.missed,
    );
    let dense = row_h < 9.0;
    let _ = write!(
        o,
        "<defs><clipPath id=\"jc\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>",
        N(x0),
        N(TITLE_H),
        N(chart_w),
        N(height - TITLE_H)
    );
    if !dense {
        for (id, c) in [("ja", pal.link), ("jac", pal.crit)] {
            let _ = write!(o, "<marker id=\"{id}\" viewBox=\"0 0 6 6\" refX=\"6\" refY=\"3\" markerWidth=\"5\" markerHeight=\"5\" orient=\"auto\"><path d=\"M0,0L6,3L0,6z\" fill=\"{c}\"/></marker>");
        }
    }
    o.push_str("</defs>");
    let _ = write!(
        o,
        "<rect width=\"100%\" height=\"100%\" fill=\"{}\"/>",
        pal.bg
    );

    // Title: the project's name on the left, its dates on the right.
    o.push_str("<text class=\"n s\" x=\"10\" y=\"21\" font-size=\"14\">");
    escape(&mut o, &truncate(project.name(), (width * 0.6) / 14.0));
    o.push_str("</text>");
    let dates = format!(
        "{} – {}",
        scale::day(schedule.project_start, loc),
        scale::day(schedule.project_finish, loc)
    );
    let _ = write!(
        o,
        "<text class=\"m\" x=\"{}\" y=\"21\" text-anchor=\"end\">",
        N(width - 12.0)
    );
    escape(&mut o, &dates);
    o.push_str("</text>");

    // Header background and row stripes.
    let _ = write!(
        o,
        "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        N(TITLE_H),
        N(width),
        N(2.0 * TIER_H),
        pal.head
    );
    if row_h >= 8.0 {
        for i in (1..n).step_by(2) {
            let _ = write!(
                o,
                "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                N(y_row(i)),
                N(width),
                N(row_h),
                pal.stripe
            );
        }
    }

    // The time area, clipped to the chart.
    o.push_str("<g clip-path=\"url(#jc)\">");
    let (top, bottom) = scale::choose(px_day);
    if px_day >= 5.0 {
        nonworking(
            &mut o,
            project,
            t0,
            t1,
            px_day >= 150.0,
            &x,
            head_h,
            rows_bottom,
        );
    }
    // Grid: bottom-tier lines through the rows when at least 6 px apart, top-tier lines always.
    let bottom_ticks = ticks(bottom, t0, t1);
    let top_ticks = ticks(top, t0, t1);
    let mut d = String::new();
    if px_day * unit_days(bottom) >= 6.0 {
        for &t in &bottom_ticks {
            let _ = write!(d, "M{},{}V{}", N(x(t)), N(head_h), N(rows_bottom));
        }
        let _ = write!(o, "<path class=\"g\" d=\"{d}\"/>");
    }
    d.clear();
    for &t in &top_ticks {
        let _ = write!(d, "M{},{}V{}", N(x(t)), N(TITLE_H), N(rows_bottom));
    }
    for &t in &bottom_ticks {
        let _ = write!(d, "M{},{}V{}", N(x(t)), N(TITLE_H + TIER_H), N(head_h));
    }
    let _ = write!(
        d,
        "M{},{}H{}M{},{}H{}",
        N(x0),
        N(TITLE_H + TIER_H),
        N(x0 + chart_w),
        N(x0),
        N(head_h),
        N(x0 + chart_w)
    );
    let _ = write!(o, "<path class=\"r\" d=\"{d}\"/>");
    tier_labels(
        &mut o,
        top,
        &top_ticks,
        t1,
        true,
        loc,
        &x,
        x0,
        chart_w,
        TITLE_H + 14.0,
    );
    tier_labels(
        &mut o,
        bottom,
        &bottom_ticks,
        t1,
        false,
        loc,
        &x,
        x0,
        chart_w,
        TITLE_H + TIER_H + 14.0,
    );

    // Geometry of a row's bar.
    let has_baseline = options.baselines
        && rows
            .iter()
            .any(|r| first_baseline(project, r.task).is_some());
    let (bar_dy, bar_h) = if has_baseline {
        (row_h * 0.18, row_h * 0.48)
    } else {
        (row_h * 0.2, row_h * 0.6)
    };
    let mut row_of = vec![u32::MAX; project.len()];
    for (i, r) in rows.iter().enumerate() {
        row_of[r.task.index()] = i as u32;
    }
    let ends = |i: TaskIndex| {
        let ts = schedule.task(i);
        let t = project.task(i);
        if t.milestone && !project.is_summary(i) {
            let c = x(ts.early_start);
            let half = (bar_h * 0.5 + 1.5).max(2.5);
            (c - half, c + half)
        } else {
            let a = xc(ts.early_start);
            let b = xc(ts.early_finish).max(a + 1.0);
            (a, b)
        }
    };

    // Links, under the bars.
    if options.links {
        let mut plain = String::new();
        let mut crit = String::new();
        for (li, l) in project.links().iter().enumerate() {
            let (rf, rt) = (row_of[l.from.index()], row_of[l.to.index()]);
            if rf == u32::MAX || rt == u32::MAX {
                continue;
            }
            let y1 = y_row(rf as usize) + row_h * 0.5;
            let y2 = y_row(rt as usize) + row_h * 0.5;
            let (fa, fb) = ends(l.from);
            let (ta, tb) = ends(l.to);
            let from_start = l.kind.from_start();
            let to_finish = l.kind.to_finish();
            let x1 = if from_start { fa } else { fb };
            let x2 = if to_finish { tb } else { ta };
            let dout = if from_start { -1.0 } else { 1.0 };
            let din = if to_finish { -1.0 } else { 1.0 };
            let xs = x1 + dout * GAP;
            let xe = x2 - din * GAP;
            let critical = schedule.is_critical(l.from)
                && schedule.is_critical(l.to)
                && schedule.driving_links(l.to).iter().any(|d| d.index() == li);
            let path = if critical { &mut crit } else { &mut plain };
            let mid = match (from_start, to_finish) {
                (false, false) if xs <= xe => Some(xs),
                (true, false) => Some(xs.min(xe)),
                (false, true) => Some(xs.max(xe)),
                (true, true) if xe <= xs => Some(xs),
                _ => None,
            };
            match mid {
                Some(m) => {
                    let _ = write!(path, "M{},{}H{}V{}H{}", N(x1), N(y1), N(m), N(y2), N(x2));
                }
                None => {
                    let yc = if y2 > y1 {
                        y2 - row_h * 0.5
                    } else {
                        y2 + row_h * 0.5
                    };
                    let _ = write!(
                        path,
                        "M{},{}H{}V{}H{}V{}H{}",
                        N(x1),
                        N(y1),
                        N(xs),
                        N(yc),
                        N(xe),
                        N(y2),
                        N(x2)
                    );
                }
            }
            if dense {
                continue;
            }
            // One path per link so that each gets its arrowhead.
            let class = if critical { "l c" } else { "l" };
            let marker = if critical { "jac" } else { "ja" };
            let _ = write!(
                o,
                "<path class=\"{class}\" marker-end=\"url(#{marker})\" d=\"{path}\"/>"
            );
            path.clear();
        }
        if dense {
            // Hundreds of arrowheads are noise: thin lines, critical ones on top.
            if !plain.is_empty() {
                let _ = write!(o, "<path class=\"l\" stroke-opacity=\"0.45\" stroke-width=\"0.6\" d=\"{plain}\"/>");
            }
            if !crit.is_empty() {
                let _ = write!(o, "<path class=\"l c\" stroke-width=\"0.8\" d=\"{crit}\"/>");
            }
        }
    }

    // Bars.
    for (i, r) in rows.iter().enumerate() {
        let t = project.task(r.task);
        let ts = schedule.task(r.task);
        let top_y = y_row(i);
        let c = if ts.critical { " c" } else { "" };
        let tip = |o: &mut String| {
            o.push_str("<title>");
            escape(o, &t.name);
            let _ = write!(
                o,
                " ({}): {} – {}",
                t.id,
                scale::day(ts.early_start, loc),
                scale::day(ts.early_finish, loc)
            );
            if t.progress.percent_complete > 0 {
                let _ = write!(o, ", {}%", t.progress.percent_complete);
            }
            o.push_str("</title>");
        };
        if options.baselines {
            if let Some((bs, bf)) = first_baseline(project, r.task) {
                let a = xc(bs);
                let b = xc(bf).max(a + 1.0);
                let by = top_y + bar_dy + bar_h + row_h * 0.06;
                let _ = write!(
                    o,
                    "<rect class=\"bl\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                    N(a),
                    N(by),
                    N(b - a),
                    N((row_h * 0.14).max(1.0))
                );
            }
        }
        let (a, b) = ends(r.task);
        if r.summary {
            // A bracket: a thin bar with a tab hanging at each end.
            let h = (bar_h * 0.45).max(1.5);
            let tab = (bar_h * 0.55).max(1.5);
            let y = top_y + bar_dy;
            let _ = write!(
                o,
                "<path class=\"sm{c}\" d=\"M{},{}H{}V{}L{},{}H{}L{},{}Z\">",
                N(a),
                N(y),
                N(b),
                N(y + h + tab),
                N(b - tab),
                N(y + h),
                N(a + tab),
                N(a),
                N(y + h + tab),
            );
            tip(&mut o);
            o.push_str("</path>");
        } else if t.milestone {
            let cx = (a + b) * 0.5;
            let cy = top_y + bar_dy + bar_h * 0.5;
            let h = (b - a) * 0.5;
            let _ = write!(
                o,
                "<path class=\"ms{c}\" d=\"M{},{}L{},{}L{},{}L{},{}Z\">",
                N(cx),
                N(cy - h),
                N(cx + h),
                N(cy),
                N(cx),
                N(cy + h),
                N(cx - h),
                N(cy)
            );
            tip(&mut o);
            o.push_str("</path>");
        } else {
            let rx = if bar_h >= 6.0 { 2.0 } else { 0.0 };
            let _ = write!(
                o,
                "<rect class=\"b{c}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\">",
                N(a),
                N(top_y + bar_dy),
                N(b - a),
                N(bar_h),
                N(rx)
            );
            tip(&mut o);
            o.push_str("</rect>");
            let pct = t.progress.percent_complete.min(100) as f64 / 100.0;
            if pct > 0.0 {
                let _ = write!(
                    o,
                    "<rect class=\"p{c}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"/>",
                    N(a),
                    N(top_y + bar_dy),
                    N((b - a) * pct),
                    N(bar_h),
                    N(rx)
                );
            }
        }
        if let Some(dl) = t.deadline {
            // A small downward arrow at the deadline, red when the task finishes after it.
            let dx = x(dl);
            let s = (bar_h * 0.5).clamp(2.0, 5.0);
            let late = if ts.early_finish > dl { " x" } else { "" };
            let _ = write!(
                o,
                "<path class=\"dl{late}\" d=\"M{},{}l{},{}h{}Z\"/>",
                N(dx),
                N(top_y + bar_dy + s),
                N(-s),
                N(-s),
                N(2.0 * s)
            );
        }
    }

    // The status date and today.
    let marker = |o: &mut String, t: DateTime, color: &str, word: &str, dash: &str| {
        let lx = x(t);
        if lx < x0 || lx > x0 + chart_w {
            return;
        }
        let _ = write!(
            o,
            "<path d=\"M{},{}V{}\" stroke=\"{color}\" stroke-width=\"1.5\"{dash}/>",
            N(lx),
            N(TITLE_H + TIER_H),
            N(rows_bottom)
        );
        let label = format!("{word} {}", scale::day(t, loc));
        let w = text_width(&label) * 10.0 + 8.0;
        let anchor_right = lx + w > x0 + chart_w;
        let (tx, anchor) = if anchor_right {
            (lx - 3.0, "end")
        } else {
            (lx + 3.0, "start")
        };
        let _ = write!(
            o,
            "<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"{color}\" text-anchor=\"{anchor}\">",
            N(tx),
            N(head_h + 11.0)
        );
        escape(o, &label);
        o.push_str("</text>");
    };
    if let Some(sd) = project.status_date() {
        let word = if loc == Locale::ZhCn {
            "状态日期"
        } else {
            "Status"
        };
        marker(&mut o, sd, pal.status, word, " stroke-dasharray=\"4 3\"");
    }
    if let Some(td) = options.today {
        let word = if loc == Locale::ZhCn {
            "今天"
        } else {
            "Today"
        };
        marker(&mut o, td, pal.today, word, "");
    }
    o.push_str("</g>");

    // The name column, over anything that would spill into it.
    let _ = write!(
        o,
        "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
        N(TITLE_H),
        N(x0),
        N(2.0 * TIER_H),
        pal.head
    );
    let _ = write!(
        o,
        "<text class=\"m s\" x=\"10\" y=\"{}\">{}</text>",
        N(TITLE_H + TIER_H + 14.0),
        if loc == Locale::ZhCn {
            "任务"
        } else {
            "Task"
        }
    );
    let _ = write!(
        o,
        "<path class=\"r\" d=\"M{},{}V{}M0,{}H{}\"/>",
        N(x0 - 0.5),
        N(TITLE_H),
        N(rows_bottom),
        N(head_h),
        N(width)
    );
    let _ = write!(o, "<g font-size=\"{}\">", N(font));
    for (i, r) in rows.iter().enumerate() {
        if i % every != 0 {
            continue;
        }
        let t = project.task(r.task);
        let lx = 10.0 + r.depth as f64 * INDENT;
        let room = (x0 - lx - 8.0) / font;
        let y = y_row(i) + row_h * 0.5 + font * 0.36;
        let class = if r.summary { "n s" } else { "n" };
        let _ = write!(o, "<text class=\"{class}\" x=\"{}\" y=\"{}\">", N(lx), N(y));
        escape(&mut o, &truncate(&t.name, room));
        o.push_str("</text>");
    }
    o.push_str("</g></svg>");
    Ok(o)
}

/// The rows the filter selects, in the project's order, with their outline depth.
fn rows(project: &Project, filter: &TaskFilter) -> Result<Vec<Row>> {
    let n = project.len();
    let mut shown = vec![true; n];
    match filter {
        TaskFilter::All => {}
        TaskFilter::Ids(ids) => {
            shown = vec![false; n];
            for id in ids {
                let i = project
                    .index_of(id.as_str())
                    .ok_or_else(|| Error::UnknownTask {
                        id: id.clone(),
                        by: Item::Path("gantt tasks".into()),
                    })?;
                shown[i.index()] = true;
            }
        }
        TaskFilter::Client => {
            for (i, t) in project.tasks().iter().enumerate() {
                let mut hidden = t.visibility == Visibility::Internal;
                let mut p = t.parent;
                while let (false, Some(q)) = (hidden, p) {
                    hidden = project.task(q).visibility == Visibility::Internal;
                    p = project.task(q).parent;
                }
                shown[i] = !hidden;
            }
        }
    }
    let mut out = Vec::new();
    for (i, t) in project.tasks().iter().enumerate() {
        if !shown[i] {
            continue;
        }
        let mut depth = 0;
        let mut p = t.parent;
        while let Some(q) = p {
            if shown[q.index()] {
                depth += 1;
            }
            p = project.task(q).parent;
        }
        let task = TaskIndex(i as u32);
        out.push(Row {
            task,
            depth,
            summary: project.is_summary(task),
        });
    }
    Ok(out)
}

/// The first baseline (lowest number) with both dates.
fn first_baseline(project: &Project, i: TaskIndex) -> Option<(DateTime, DateTime)> {
    project
        .task(i)
        .baselines
        .iter()
        .filter_map(|b| Some((b.number, b.start?, b.finish?)))
        .min_by_key(|b| b.0)
        .map(|(_, s, f)| (s, f.max(s)))
}

/// The time shown: the options' range, or every date drawn from midnight to midnight.
fn range(
    project: &Project,
    schedule: &Schedule,
    rows: &[Row],
    options: &GanttOptions,
) -> Result<(DateTime, DateTime)> {
    if let (Some(a), Some(b)) = (options.from, options.to) {
        return Ok((a, b));
    }
    let mut lo = DateTime::MAX;
    let mut hi = DateTime::MIN;
    let mut see = |t: DateTime| {
        lo = lo.min(t);
        hi = hi.max(t);
    };
    for r in rows {
        let ts = schedule.task(r.task);
        see(ts.early_start);
        see(ts.early_finish);
        if options.baselines {
            if let Some((s, f)) = first_baseline(project, r.task) {
                see(s);
                see(f);
            }
        }
        if let Some(d) = project.task(r.task).deadline {
            see(d);
        }
    }
    if rows.is_empty() {
        see(schedule.project_start);
        see(schedule.project_finish);
    }
    if let Some(s) = project.status_date() {
        see(s);
    }
    if let Some(t) = options.today {
        see(t);
    }
    let mut a = lo.date().at(0);
    let mut b = hi.date().at(0);
    if b <= hi {
        b = hi.date().succ().at(0);
    }
    // A little room after the last date for the diamonds and markers.
    b = b.add_minutes(b.minutes_since(a) / 50);
    if let Some(f) = options.from {
        a = f;
    }
    if let Some(t) = options.to {
        b = t;
    }
    Ok((a, b))
}

/// Shades the project calendar's non-working time between `t0` and `t1`: whole days, and the
/// hours between working times too when `hours` (the hour scale).
#[allow(clippy::too_many_arguments)]
fn nonworking(
    o: &mut String,
    project: &Project,
    t0: DateTime,
    t1: DateTime,
    hours: bool,
    x: &dyn Fn(DateTime) -> f64,
    y0: f64,
    y1: f64,
) {
    let standard;
    let cal = match project.calendar(project.calendar_id()) {
        Some(c) => c,
        None => {
            standard = Calendar::standard();
            &standard
        }
    };
    let Ok(work) = WorkCalendar::compile(cal, |id| project.calendar(id)) else {
        return;
    };
    // Non-working intervals, merged when they touch.
    let mut spans: Vec<(DateTime, DateTime)> = Vec::new();
    let mut push = |a: DateTime, b: DateTime| {
        if b <= a {
            return;
        }
        match spans.last_mut() {
            Some(last) if last.1 >= a => last.1 = last.1.max(b),
            _ => spans.push((a, b)),
        }
    };
    let mut d = t0.date();
    let last = t1.date();
    let mut guard = 0;
    while d <= last && guard < 40_000 {
        guard += 1;
        let day = d.at(0);
        let next = d.succ().at(0);
        let wt = work.working_time_on(d);
        if wt.is_empty() {
            push(day, next);
        } else if hours {
            let mut at = day;
            for w in &wt {
                push(at, day.add_minutes(w.start as i64));
                at = day.add_minutes(w.end as i64);
            }
            push(at, next);
        }
        d = d.succ();
    }
    if spans.is_empty() {
        return;
    }
    let mut path = String::new();
    for (a, b) in spans {
        let (xa, xb) = (x(a.max(t0)), x(b.min(t1)));
        let _ = write!(path, "M{},{}H{}V{}H{}Z", N(xa), N(y0), N(xb), N(y1), N(xa));
    }
    let _ = write!(o, "<path class=\"nw\" d=\"{path}\"/>");
}
