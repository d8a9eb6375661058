//! The status report as a self-contained HTML page with its charts inline: the Gantt (the
//! client's tasks for a client report), the earned value curves (not for the client: they
//! show costs) and the fever chart when there are buffers (for the client the project buffer
//! only: feeding buffers carry task names).
//!
//! Architecture invariant: `track` writes the report and knows nothing of drawing; this
//! module, above both, puts the charts where the report marks
//! ([`CHARTS_MARK`](crate::track::CHARTS_MARK)).

use std::fmt::Write as _;

use crate::control::Control;
use crate::error::{Error, Result};
use crate::io::json::Document;
use crate::track::{Lang, ReportOptions, Shape, Status, StatusReport, TrackOptions, CHARTS_MARK};

use super::{evm, fever, gantt, EvmOptions, FeverOptions, GanttOptions, Locale, TaskFilter};

/// The status report of `doc` at the status date of `track` as a whole HTML page (UTF-8,
/// no external files) with the charts inline after the summary.
///
/// ```
/// use jindu::render::report_page;
/// use jindu::track::{ReportOptions, TrackOptions};
/// let doc = jindu::io::json::read(r#"{"name": "Demo", "start": "2026-01-05",
///     "tasks": [{"id": "A", "duration": "4d", "cost": 1000, "percent_complete": 25,
///                "actual_start": "2026-01-05", "actual_cost": 400}]}"#)?;
/// let page = report_page(&doc, &TrackOptions::at("2026-01-06T17:00".parse()?),
///     &ReportOptions::default())?;
/// assert!(page.starts_with("<!DOCTYPE html>") && page.matches("<svg").count() == 3);
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn report_page(doc: &Document, track: &TrackOptions, report: &ReportOptions) -> Result<String> {
    let st = Status::new(&doc.project, &doc.options, track)?;
    let r = st.report(report);
    page(doc, &st, &r, report)
}

/// How far [`report_with`] is: `done` of `total` steps (the status — the schedule, baselines
/// and progress at the status date —, the report, and for HTML the page with its charts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportProgress {
    /// Steps done.
    pub done: u32,
    /// Steps in all: 3 for JSON and Markdown, 4 for the HTML page.
    pub total: u32,
}

/// The status report of `doc` in `shape` — JSON, Markdown, or for [`Shape::Html`] the whole
/// page of [`report_page`] — with a progress callback and a cancel token, for reports on big
/// plans: the callback is called on the calling thread before the first step and after each,
/// and the token is looked at before each step; a cancelled report is
/// [`Error::Cancelled`]. Neither changes the result.
///
/// ```
/// use jindu::control::{CancelToken, Control};
/// use jindu::render::{report_with, ReportProgress};
/// use jindu::track::{ReportOptions, Shape, TrackOptions};
/// let doc = jindu::io::json::read(r#"{"name": "Demo", "start": "2026-01-05",
///     "tasks": [{"id": "A", "duration": "4d", "percent_complete": 25, "actual_start": "2026-01-05"}]}"#)?;
/// let (t, r) = (TrackOptions::at("2026-01-06T17:00".parse()?), ReportOptions::default());
/// let mut seen = Vec::new();
/// let mut progress = |p: &ReportProgress| seen.push((p.done, p.total));
/// let md = report_with(&doc, &t, &r, Shape::Markdown, Control { progress: Some(&mut progress), cancel: None })?;
/// assert!(md.starts_with("# "));
/// assert_eq!(seen, [(0, 3), (1, 3), (2, 3), (3, 3)]);
///
/// let cancel = CancelToken::default();
/// let mut stop = |p: &ReportProgress| if p.done == 1 { cancel.cancel() };
/// let e = report_with(&doc, &t, &r, Shape::Html, Control { progress: Some(&mut stop), cancel: Some(&cancel) });
/// assert_eq!(e.unwrap_err().code().as_str(), "cancelled");
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn report_with(
    doc: &Document,
    track: &TrackOptions,
    report: &ReportOptions,
    shape: Shape,
    mut control: Control<'_, ReportProgress>,
) -> Result<String> {
    let total = if shape == Shape::Html { 4 } else { 3 };
    let mut step = |done: u32| -> Result<()> {
        if done < total && control.is_cancelled() {
            return Err(Error::Cancelled);
        }
        control.report(&ReportProgress { done, total });
        Ok(())
    };
    step(0)?;
    let st = Status::new(&doc.project, &doc.options, track)?;
    step(1)?;
    let r = st.report(report);
    step(2)?;
    let out = if shape == Shape::Html {
        let out = page(doc, &st, &r, report)?;
        step(3)?;
        out
    } else {
        r.render(shape, doc.project.settings().minutes_per_day)
    };
    step(total)?;
    Ok(out)
}

/// The page of `r`, the report of `st`, with the charts.
fn page(
    doc: &Document,
    st: &Status<'_>,
    r: &StatusReport,
    report: &ReportOptions,
) -> Result<String> {
    let day = doc.project.settings().minutes_per_day;
    let article = r.html(day);
    let zh = report.lang == Lang::ZhCn;
    let locale = if zh { Locale::ZhCn } else { Locale::En };

    let mut charts = String::from("<section class=\"jindu-charts\">\n");
    let mut figure = |svg: String, caption: &str| {
        let _ = writeln!(
            charts,
            "<figure>{svg}<figcaption>{caption}</figcaption></figure>"
        );
    };
    let g = GanttOptions {
        width: 960,
        tasks: if report.client {
            TaskFilter::Client
        } else {
            TaskFilter::All
        },
        locale,
        ..GanttOptions::default()
    };
    figure(
        gantt(&doc.project, st.schedule(), &g)?,
        if zh { "进度计划" } else { "Schedule" },
    );
    if !report.client {
        let s = st.evm_series(crate::track::PeriodKind::Day);
        let o = EvmOptions {
            width: 960,
            locale,
            ..EvmOptions::default()
        };
        figure(
            evm(doc.project.name(), &s, &o)?,
            if zh { "挣值曲线" } else { "Earned value" },
        );
    }
    let mut b = st.buffers();
    if report.client {
        // A feeding buffer is named after its chain's last task, which may be internal.
        b.buffers
            .retain(|x| x.kind == crate::track::BufferKind::Project);
    }
    if !b.buffers.is_empty() {
        let o = FeverOptions {
            locale,
            ..FeverOptions::default()
        };
        figure(
            fever(doc.project.name(), &b, &o)?,
            if zh {
                "缓冲区消耗"
            } else {
                "Buffer consumption"
            },
        );
    }
    charts.push_str("</section>");
    let body = match article.find(CHARTS_MARK) {
        Some(at) => format!(
            "{}{charts}{}",
            &article[..at],
            &article[at + CHARTS_MARK.len()..]
        ),
        None => article.replace("</article>", &format!("{charts}\n</article>")),
    };
    let mut title = String::new();
    super::svg::escape(&mut title, &r.project);
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{title}</title>\n<style>body{{margin:2em;color:#1f2328;background:#fff}}.jindu-charts figure{{margin:1.5em 0}}.jindu-charts svg{{max-width:100%;height:auto;border:1px solid #d1d9e0;border-radius:6px}}.jindu-charts figcaption{{color:#59636e;font-size:.9em;margin-top:.3em}}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        lang = report.lang.tag(),
    ))
}
