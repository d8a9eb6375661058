//! The JSON forms of the tracking charts' options (earned value, fever):
//! `{"status_date": "2026-01-23T17:00", "baseline": 1, "width": 900, "theme": "dark"}`.

use serde::{Deserialize, Serialize};

use super::request::{date, parsed};
use crate::error::{Error, Result};
use crate::track::TrackOptions;

use super::evm::EvmOptions;
use super::fever::FeverOptions;

/// How to draw the earned value chart, as JSON: every field is optional and defaults as in
/// [`EvmOptions`]; the status date defaults to the document's (one of them must be set).
///
/// ```
/// use jindu::render::{EvmRequest, Theme};
/// let r = EvmRequest::from_json(r#"{"status_date": "2026-01-23T17:00", "baseline": 1,
///     "width": 700, "theme": "dark"}"#)?;
/// assert_eq!(r.track()?.baseline, Some(1));
/// assert_eq!((r.options()?.width, r.options()?.theme), (700, Theme::Dark));
/// assert!(EvmRequest::from_json(r#"{"status": "2026-01-23"}"#).is_err());
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EvmRequest {
    /// The status date (`YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`); default: the document's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<String>,
    /// The baseline planned value comes from (default: the first, else the plan).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<u8>,
    /// Width in pixels (default 900).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Height in pixels (default 480).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// The first instant shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// The end of the time shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// `light` (the default) or `dark`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// `en` (the default) or `zh-CN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

impl EvmRequest {
    /// Reads the JSON form; an unknown field is an error naming it.
    pub fn from_json(text: &str) -> Result<EvmRequest> {
        serde_json::from_str(text).map_err(|e| Error::parse("evm options", text, &e.to_string()))
    }

    /// The tracking options: the status date and baseline.
    pub fn track(&self) -> Result<TrackOptions> {
        track(&self.status_date, self.baseline)
    }

    /// The drawing options; a bad date, theme or locale is an error naming it.
    pub fn options(&self) -> Result<EvmOptions> {
        let d = EvmOptions::default();
        Ok(EvmOptions {
            width: self.width.unwrap_or(d.width),
            height: self.height.unwrap_or(d.height),
            from: self.from.as_deref().map(date).transpose()?,
            to: self.to.as_deref().map(date).transpose()?,
            theme: parsed(&self.theme)?.unwrap_or(d.theme),
            locale: parsed(&self.locale)?.unwrap_or(d.locale),
        })
    }
}

/// How to draw the fever chart, as JSON: every field is optional and defaults as in
/// [`FeverOptions`]; the status date defaults to the document's.
///
/// ```
/// use jindu::render::{FeverRequest, Locale};
/// let r = FeverRequest::from_json(r#"{"locale": "zh-CN", "buffer_percent": 20}"#)?;
/// assert_eq!(r.options()?.locale, Locale::ZhCn);
/// assert_eq!(r.track()?.buffers.project, jindu::track::BufferMethod::Percent(20.0));
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FeverRequest {
    /// The status date; default: the document's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_date: Option<String>,
    /// The baseline the buffers are measured against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<u8>,
    /// The project (and feeding) buffer as a percentage of its chain (default 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buffer_percent: Option<f64>,
    /// Leave out the feeding buffers.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_feeding: bool,
    /// Width in pixels (default 720).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// Height in pixels (default 480).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// `light` (the default) or `dark`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// `en` (the default) or `zh-CN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

impl FeverRequest {
    /// Reads the JSON form; an unknown field is an error naming it.
    pub fn from_json(text: &str) -> Result<FeverRequest> {
        serde_json::from_str(text).map_err(|e| Error::parse("fever options", text, &e.to_string()))
    }

    /// The tracking options: status date, baseline and buffer sizes.
    pub fn track(&self) -> Result<TrackOptions> {
        let mut t = track(&self.status_date, self.baseline)?;
        if let Some(p) = self.buffer_percent {
            if !(p.is_finite() && p >= 0.0) {
                return Err(Error::parse(
                    "fever options",
                    &p.to_string(),
                    "buffer_percent must be a percentage, 0 or more",
                ));
            }
            t.buffers.project = crate::track::BufferMethod::Percent(p);
        }
        t.buffers.no_feeding = self.no_feeding;
        Ok(t)
    }

    /// The drawing options; a bad theme or locale is an error naming it.
    pub fn options(&self) -> Result<FeverOptions> {
        let d = FeverOptions::default();
        Ok(FeverOptions {
            width: self.width.unwrap_or(d.width),
            height: self.height.unwrap_or(d.height),
            theme: parsed(&self.theme)?.unwrap_or(d.theme),
            locale: parsed(&self.locale)?.unwrap_or(d.locale),
        })
    }
}

fn track(status: &Option<String>, baseline: Option<u8>) -> Result<TrackOptions> {
    Ok(TrackOptions {
        status_date: status.as_deref().map(date).transpose()?,
        baseline,
        ..TrackOptions::default()
    })
}
