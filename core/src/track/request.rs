//! The JSON form of the tracking and report options, shared by the bindings.

use serde::{Deserialize, Serialize};

use super::{ReportOptions, Shape, TrackOptions};
use crate::error::Result;

/// How to track and report, as JSON, every field optional: the flags of the `jindu` tracking
/// commands, the options of the npm functions and the keyword arguments of the Python ones.
///
/// ```
/// use jindu::track::TrackRequest;
/// let r: TrackRequest = serde_json::from_str(r#"{"status_date": "2026-01-23T17:00",
///     "lang": "zh-CN", "client": true}"#)?;
/// let (t, report) = r.to_core()?;
/// assert!(t.status_date.is_some() && report.client);
/// assert!(TrackRequest { eac: Some("guess".into()), ..Default::default() }.to_core().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TrackRequest {
    /// The status date, `YYYY-MM-DDTHH:MM[:SS]`; absent, the document's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<String>,
    /// The baseline to measure against; absent, the first (or the schedule without progress).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<u8>,
    /// The EAC method: `cpi` (the default), `planned_rate` or `cpi_spi`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eac: Option<String>,
    /// The IEAC(t) method: `spi_t` (the default), `planned_rate` or `cpi_spi_t`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ieac: Option<String>,
    /// The report's period: `day`, `week` (the default) or `month`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The language of reports and alert messages: `en` (the default) or `zh-CN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The currency shown with amounts in reports (e.g. `CNY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Whether the report is the client's (nothing internal, no costs).
    #[serde(default)]
    pub client: bool,
    /// The report's format: `json` (the default), `markdown` or `html`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
}

impl TrackRequest {
    /// Reads a request from JSON text; an unknown field or a value of the wrong type is an
    /// error naming it.
    ///
    /// ```
    /// use jindu::track::TrackRequest;
    /// let r = TrackRequest::from_json(r#"{"baseline": 1, "eac": "cpi_spi"}"#)?;
    /// assert_eq!(r.baseline, Some(1));
    /// assert!(TrackRequest::from_json(r#"{"basline": 1}"#).is_err());
    /// # Ok::<(), jindu::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<TrackRequest> {
        crate::io::json::read_value(text)
    }

    /// The core's tracking and report options; a value that does not parse is an error naming
    /// it.
    pub fn to_core(&self) -> Result<(TrackOptions, ReportOptions)> {
        let mut t = TrackOptions {
            status_date: self.status_date.as_deref().map(str::parse).transpose()?,
            baseline: self.baseline,
            ..TrackOptions::default()
        };
        if let Some(m) = &self.eac {
            t.eac = m.parse()?;
        }
        if let Some(m) = &self.ieac {
            t.ieac = m.parse()?;
        }
        let mut r = ReportOptions {
            currency: self.currency.clone(),
            client: self.client,
            ..ReportOptions::default()
        };
        if let Some(p) = &self.period {
            r.period = p.parse()?;
        }
        if let Some(l) = &self.lang {
            r.lang = l.parse()?;
        }
        Ok((t, r))
    }

    /// The report's format (JSON unless given).
    pub fn shape(&self) -> Result<Shape> {
        self.format.as_deref().unwrap_or("json").parse()
    }
}
