//! The JSON form of a Gantt chart's options: what the command line, Python and Kotlin pass
//! (`{"width": 1600, "from": "2026-03-01", "theme": "dark", "locale": "zh-CN"}`).

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::id::TaskId;
use crate::time::DateTime;

use super::gantt::{GanttOptions, TaskFilter};

/// How to draw a Gantt chart, as JSON: every field is optional and defaults as in
/// [`GanttOptions`]. Dates are `YYYY-MM-DD` (midnight) or `YYYY-MM-DDTHH:MM`.
///
/// ```
/// use jindu::render::{GanttRequest, Locale, TaskFilter, Theme};
/// let r = GanttRequest::from_json(r#"{"width": 900, "theme": "dark", "locale": "zh-CN",
///     "from": "2026-03-01", "client": true, "links": false}"#)?;
/// let o = r.options()?;
/// assert_eq!((o.width, o.theme, o.locale, o.links), (900, Theme::Dark, Locale::ZhCn, false));
/// assert_eq!(o.from.unwrap().to_string(), "2026-03-01T00:00:00");
/// assert_eq!(o.tasks, TaskFilter::Client);
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GanttRequest {
    /// Width in pixels (default 1,200; at least 320).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Height in pixels: rows shrink to fit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// Row height in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_height: Option<u32>,
    /// The first instant shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The end of the time shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Only these tasks (by key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tasks: Option<Vec<String>>,
    /// Only what the client may see (no internal tasks); not with `tasks`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub client: bool,
    /// `light` (the default) or `dark`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// `en` (the default) or `zh-CN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Draw the links (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<bool>,
    /// Draw the first baseline (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baselines: Option<bool>,
    /// Draw a "today" line at this date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub today: Option<String>,
}

impl GanttRequest {
    /// Reads the JSON form; an unknown field is an error naming it.
    pub fn from_json(text: &str) -> Result<GanttRequest> {
        serde_json::from_str(text).map_err(|e| Error::parse("gantt options", text, &e.to_string()))
    }

    /// The options this request stands for; a bad date, theme or locale is an error naming
    /// it, and so is asking for both `tasks` and `client`.
    pub fn options(&self) -> Result<GanttOptions> {
        let d = GanttOptions::default();
        let tasks = match (&self.tasks, self.client) {
            (Some(_), true) => {
                return Err(Error::parse(
                    "gantt options",
                    "tasks + client",
                    "give either `tasks` or `client`, not both",
                ))
            }
            (Some(ids), false) => TaskFilter::Ids(ids.iter().map(TaskId::new).collect()),
            (None, true) => TaskFilter::Client,
            (None, false) => TaskFilter::All,
        };
        Ok(GanttOptions {
            width: self.width.unwrap_or(d.width),
            height: self.height,
            row_height: self.row_height,
            from: self.from.as_deref().map(date).transpose()?,
            to: self.to.as_deref().map(date).transpose()?,
            tasks,
            theme: parsed(&self.theme)?.unwrap_or(d.theme),
            locale: parsed(&self.locale)?.unwrap_or(d.locale),
            links: self.links.unwrap_or(d.links),
            baselines: self.baselines.unwrap_or(d.baselines),
            today: self.today.as_deref().map(date).transpose()?,
        })
    }
}

/// `YYYY-MM-DD` (midnight) or `YYYY-MM-DDTHH:MM` (every chart's request reads dates so).
pub(super) fn date(s: &str) -> Result<DateTime> {
    DateTime::parse_day_or_time(s)
}

/// An optional option read with its `FromStr` (a theme, a locale): an error names the value.
pub(super) fn parsed<T: std::str::FromStr<Err = crate::error::Error>>(
    s: &Option<String>,
) -> Result<Option<T>> {
    s.as_deref().map(str::parse).transpose()
}
