//! Charts: the schedule of a document drawn as a standalone SVG Gantt chart (see
//! `jindu::render`), the same bytes as `jindu render FILE --chart gantt` prints.

use jindu::io::json;
use jindu::render::GanttRequest;

use crate::error::{guard, JinduError};

/// How to draw the Gantt chart; every field is optional (the defaults of
/// `jindu::render::GanttOptions`: 1,200 px wide, light, English, links and baselines shown).
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct GanttOptions {
    /// Width in pixels (default 1,200; at least 320).
    #[uniffi(default = None)]
    pub width: Option<u32>,
    /// Height in pixels: rows shrink to fit.
    #[uniffi(default = None)]
    pub height: Option<u32>,
    /// Row height in pixels.
    #[uniffi(default = None)]
    pub row_height: Option<u32>,
    /// The first instant shown, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (`from` in the core;
    /// renamed because `from` is a keyword in Python and Kotlin's call sites read better).
    #[uniffi(default = None)]
    pub from_date: Option<String>,
    /// The end of the time shown.
    #[uniffi(default = None)]
    pub to_date: Option<String>,
    /// Only these tasks (by key).
    #[uniffi(default = None)]
    pub tasks: Option<Vec<String>>,
    /// Only what the client may see (no internal tasks); not with `tasks`.
    #[uniffi(default = false)]
    pub client: bool,
    /// `light` (the default) or `dark`.
    #[uniffi(default = None)]
    pub theme: Option<String>,
    /// `en` (the default) or `zh-CN`.
    #[uniffi(default = None)]
    pub locale: Option<String>,
    /// Draw the links (default true).
    #[uniffi(default = None)]
    pub links: Option<bool>,
    /// Draw the first baseline (default true).
    #[uniffi(default = None)]
    pub baselines: Option<bool>,
    /// Draw a "today" line at this date.
    #[uniffi(default = None)]
    pub today: Option<String>,
}

impl GanttOptions {
    /// The core's request these options stand for.
    pub fn to_request(&self) -> GanttRequest {
        GanttRequest {
            width: self.width,
            height: self.height,
            row_height: self.row_height,
            from: self.from_date.clone(),
            to: self.to_date.clone(),
            tasks: self.tasks.clone(),
            client: self.client,
            theme: self.theme.clone(),
            locale: self.locale.clone(),
            links: self.links,
            baselines: self.baselines,
            today: self.today.clone(),
        }
    }
}

/// The chart as the core draws it.
pub fn gantt_text(document: &str, request: &GanttRequest) -> jindu::Result<String> {
    let options = request.options()?;
    let doc = json::read(document)?;
    let s = jindu::schedule(&doc.project, &doc.options)?;
    jindu::render::gantt(&doc.project, &s, &options)
}

/// Schedules the document (JSON text) and returns its Gantt chart as standalone SVG text.
#[uniffi::export(default(options = None))]
pub fn render_gantt(document: String, options: Option<GanttOptions>) -> Result<String, JinduError> {
    guard(|| {
        Ok(gantt_text(
            &document,
            &options.unwrap_or_default().to_request(),
        )?)
    })
}

/// Draws a chart of the document (JSON text): `chart` is its kind (`gantt`, `histogram`,
/// `scurve`, `tornado`, `evm` or `fever`) and `options_json` its options as a JSON object
/// (`None` or `"{}"` for the defaults), as `jindu::render::draw` reads them; the same bytes as
/// `jindu render FILE --chart KIND` prints.
#[uniffi::export(default(options_json = None))]
pub fn render_chart(
    document: String,
    chart: String,
    options_json: Option<String>,
) -> Result<String, JinduError> {
    guard(|| {
        let chart: jindu::render::Chart = chart.parse()?;
        let doc = json::read(&document)?;
        Ok(jindu::render::draw(
            &doc,
            chart,
            options_json.as_deref().unwrap_or("{}"),
        )?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"{"name": "Go-live", "start": "2026-01-05",
      "tasks": [{"id": "A", "name": "Build 开发", "duration": "5d"},
                {"id": "M", "name": "Live", "milestone": true}],
      "links": [{"from": "A", "to": "M"}]}"#;

    #[test]
    fn the_chart_is_the_cores() {
        let o = GanttOptions {
            width: Some(800),
            theme: Some("dark".into()),
            ..GanttOptions::default()
        };
        let svg = render_gantt(DOC.into(), Some(o)).unwrap();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("width=\"800\"") && svg.contains("Build 开发"));
        // Both tasks are critical: A is the only path to M.
        assert_eq!(svg.matches("class=\"b c\"").count(), 1);
        assert_eq!(svg.matches("class=\"ms c\"").count(), 1);
    }

    #[test]
    fn any_chart_by_name_is_the_cores() {
        let svg = render_chart(DOC.into(), "gantt".into(), Some(r#"{"width": 800}"#.into()));
        let o = GanttOptions {
            width: Some(800),
            ..GanttOptions::default()
        };
        assert_eq!(svg.unwrap(), render_gantt(DOC.into(), Some(o)).unwrap());
        let e = render_chart(DOC.into(), "pie".into(), None).unwrap_err();
        assert!(e.to_string().contains("expected gantt"), "{e}");
        let e = render_chart(DOC.into(), "gantt".into(), Some(r#"{"widht": 1}"#.into()));
        assert!(e.unwrap_err().to_string().contains("widht"));
    }

    #[test]
    fn bad_options_name_what_is_wrong() {
        let o = GanttOptions {
            tasks: Some(vec!["nope".into()]),
            ..GanttOptions::default()
        };
        let e = render_gantt(DOC.into(), Some(o)).unwrap_err();
        assert!(e.to_string().contains("nope"), "{e}");
    }
}
