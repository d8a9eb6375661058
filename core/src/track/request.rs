//! The JSON form of the tracking and report options, shared by the bindings.

use serde::{Deserialize, Serialize};

use super::{AlertOptions, ReportOptions, Shape, TrackOptions, CODES};
use crate::error::{Error, Item, Result};

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
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
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
    /// The alert rules' thresholds and the rules turned off; absent, the defaults.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alerts: Option<AlertRequest>,
}

/// The alert thresholds as JSON, every field optional (the defaults of
/// [`AlertOptions`]): `{"late_hours": 24, "disabled": ["float_consumed"]}`.
///
/// ```
/// use jindu::track::AlertRequest;
/// let a = AlertRequest::from_json(r#"{"deadline_days": 5, "disabled": ["spi_low"]}"#)?;
/// let o = a.to_core()?;
/// assert_eq!((o.deadline_days, o.late_hours), (5.0, 48.0));
/// // A rule that does not exist is named, not ignored.
/// let e = AlertRequest::from_json(r#"{"disabled": ["spi_lo"]}"#)?.to_core().unwrap_err();
/// assert!(e.to_string().contains("spi_lo"));
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AlertRequest {
    /// `deadline_near`: a deadline within this many working days (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_days: Option<f64>,
    /// `task_late`: behind plan by more than this many working hours (default 48).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub late_hours: Option<f64>,
    /// `float_consumed`: this share of the plan's float used, in percent (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub float_consumed_percent: Option<f64>,
    /// `resource_overallocated`: look this many working days ahead (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overallocation_days: Option<i64>,
    /// `spi_low`: SPI(t) (else SPI) below this (default 0.9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spi_below: Option<f64>,
    /// `cpi_low`: CPI below this (default 0.9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpi_below: Option<f64>,
    /// `work_overrun`: work above its budget by more than this, in percent (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_overrun_percent: Option<f64>,
    /// Codes of the rules not to evaluate (each one of [`CODES`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disabled: Vec<String>,
}

impl AlertRequest {
    /// Reads the thresholds from JSON; an unknown field is an error naming it.
    pub fn from_json(text: &str) -> Result<AlertRequest> {
        serde_json::from_str(text).map_err(|e| Error::parse("alert options", text, &e.to_string()))
    }

    /// The core's thresholds; a negative or non-finite threshold, or a code that is no
    /// rule's, is an error naming the field.
    pub fn to_core(&self) -> Result<AlertOptions> {
        let mut o = AlertOptions::default();
        let bad = |field: &str, msg: &str| Error::invalid(Item::Path("alerts".into()), field, msg);
        for (field, given, slot) in [
            ("deadline_days", self.deadline_days, &mut o.deadline_days),
            ("late_hours", self.late_hours, &mut o.late_hours),
            (
                "float_consumed_percent",
                self.float_consumed_percent,
                &mut o.float_consumed_percent,
            ),
            ("spi_below", self.spi_below, &mut o.spi_below),
            ("cpi_below", self.cpi_below, &mut o.cpi_below),
            (
                "work_overrun_percent",
                self.work_overrun_percent,
                &mut o.work_overrun_percent,
            ),
        ] {
            if let Some(v) = given {
                if !v.is_finite() || v < 0.0 {
                    return Err(bad(field, "a threshold is a number of at least 0"));
                }
                *slot = v;
            }
        }
        if let Some(d) = self.overallocation_days {
            if !(0..=3660).contains(&d) {
                return Err(bad("overallocation_days", "0 to 3,660 working days"));
            }
            o.overallocation_days = d;
        }
        for c in &self.disabled {
            if !CODES.contains(&c.as_str()) {
                return Err(bad(
                    "disabled",
                    &format!(
                        "`{c}` is no alert rule's code (one of {})",
                        CODES.join(", ")
                    ),
                ));
            }
        }
        o.disabled = self.disabled.clone();
        Ok(o)
    }
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
        if let Some(a) = &self.alerts {
            t.alerts = a.to_core()?;
        }
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
