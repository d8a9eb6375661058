//! One call for every chart: [`draw`] takes a document, the chart's kind and its options as
//! JSON, computes what the chart shows (the schedule, the load, the risk report, earned value)
//! and draws it. The command line (`jindu render FILE --chart KIND`), npm, Python and Kotlin
//! all call it, so a new chart reaches every language through this one function.
//!
//! This is the one place in `render` that computes anything: it composes the capabilities'
//! public entry points and hands their results to the chart functions, which only read them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::io::json::Document;

use super::histogram::HistogramRequest;
use super::request::GanttRequest;
use super::scurve::ScurveRequest;
use super::tornado::TornadoRequest;
use super::track_request::{EvmRequest, FeverRequest};

/// The kinds of chart [`draw`] knows, by the names the command line and bindings use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Chart {
    /// The Gantt chart of the schedule ([`gantt`](super::gantt)).
    Gantt,
    /// The resource histogram: load per period against capacity.
    Histogram,
    /// The Monte Carlo finish-date histogram with its S-curve.
    Scurve,
    /// The tornado of the top drivers of the finish date.
    Tornado,
    /// Earned value: planned, earned and actual cost curves.
    Evm,
    /// The fever chart of buffer consumption.
    Fever,
}

impl Chart {
    /// Every kind, in the order the documentation lists them.
    pub const ALL: [Chart; 6] = [
        Chart::Gantt,
        Chart::Histogram,
        Chart::Scurve,
        Chart::Tornado,
        Chart::Evm,
        Chart::Fever,
    ];

    /// The name the command line and the bindings use (`gantt`, `scurve`, …).
    pub fn name(self) -> &'static str {
        match self {
            Chart::Gantt => "gantt",
            Chart::Histogram => "histogram",
            Chart::Scurve => "scurve",
            Chart::Tornado => "tornado",
            Chart::Evm => "evm",
            Chart::Fever => "fever",
        }
    }
}

impl fmt::Display for Chart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Chart {
    type Err = Error;

    /// Reads a chart's name; anything else is an error listing the kinds.
    ///
    /// ```
    /// use jindu::render::Chart;
    /// assert_eq!("scurve".parse::<Chart>()?, Chart::Scurve);
    /// assert!("pie".parse::<Chart>().unwrap_err().to_string().contains("gantt"));
    /// # Ok::<(), jindu::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Chart> {
        Chart::ALL
            .into_iter()
            .find(|c| c.name() == s)
            .ok_or_else(|| {
                Error::parse(
                    "chart",
                    s,
                    "expected gantt, histogram, scurve, tornado, evm or fever",
                )
            })
    }
}

/// Draws `chart` for the document with the chart's options given as a JSON object (`""` or
/// `"{}"` for the defaults). Each kind reads its own options, and an unknown field is an error
/// naming it: the Gantt takes a [`GanttRequest`], the histogram a
/// [`HistogramRequest`](super::HistogramRequest) (the loading is computed by period), the
/// S-curve a [`ScurveRequest`](super::ScurveRequest) and the tornado a
/// [`TornadoRequest`](super::TornadoRequest) (both run a Monte Carlo simulation, 1,000
/// iterations by default), the earned value chart an [`EvmRequest`] (its curves from
/// [`track::evm_series`](crate::track::evm_series), a point a day) and the fever chart a
/// [`FeverRequest`] (from [`track::buffers`](crate::track::buffers)).
///
/// ```
/// use jindu::render::{draw, Chart};
/// let doc = jindu::io::json::read(r#"{"name": "Launch", "start": "2026-03-02",
///     "tasks": [{"id": "A", "name": "Design", "duration": "3d"}]}"#)?;
/// let svg = draw(&doc, Chart::Gantt, r#"{"width": 800}"#)?;
/// assert!(svg.starts_with("<svg") && svg.contains("width=\"800\""));
/// assert!(draw(&doc, Chart::Gantt, r#"{"widht": 800}"#).is_err());
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn draw(doc: &Document, chart: Chart, options: &str) -> Result<String> {
    let options = if options.trim().is_empty() {
        "{}"
    } else {
        options
    };
    match chart {
        Chart::Gantt => {
            let o = GanttRequest::from_json(options)?.options()?;
            let s = crate::schedule(&doc.project, &doc.options)?;
            super::gantt(&doc.project, &s, &o)
        }
        Chart::Histogram => {
            let r = HistogramRequest::from_json(options)?;
            let o = r.options()?;
            let s = crate::schedule(&doc.project, &doc.options)?;
            let l = crate::level::load(&[(&doc.project, &s)], &r.load_options()?)?;
            super::histogram(doc.project.name(), &l, &o)
        }
        Chart::Scurve => {
            let r = ScurveRequest::from_json(options)?;
            let o = r.options()?;
            super::scurve(doc.project.name(), &simulate(doc, &r.risk())?, &o)
        }
        Chart::Tornado => {
            let r = TornadoRequest::from_json(options)?;
            let o = r.options()?;
            super::tornado(doc.project.name(), &simulate(doc, &r.risk())?, &o)
        }
        Chart::Evm => {
            let r = EvmRequest::from_json(options)?;
            let (o, t) = (r.options()?, r.track()?);
            let st = crate::track::Status::new(&doc.project, &doc.options, &t)?;
            let s = st.evm_series(evm_period(&st));
            super::evm(doc.project.name(), &s, &o)
        }
        Chart::Fever => {
            let r = FeverRequest::from_json(options)?;
            let (o, t) = (r.options()?, r.track()?);
            let b = crate::track::buffers(&doc.project, &doc.options, &t)?;
            super::fever(doc.project.name(), &b, &o)
        }
    }
}

/// The risk report of the document for a chart's simulation options.
fn simulate(doc: &Document, r: &crate::risk::RiskRequest) -> Result<crate::risk::RiskReport> {
    let o = r.options(&doc.project, doc.options)?;
    crate::risk::simulate(&doc.project, &o, Default::default())
}

/// A point a day for plans up to about a year and a half, a week for longer ones.
fn evm_period(st: &crate::track::Status<'_>) -> crate::track::PeriodKind {
    let s = st.plan();
    let days = s.project_finish.minutes_since(s.project_start) / 1440;
    if days <= 550 {
        crate::track::PeriodKind::Day
    } else {
        crate::track::PeriodKind::Week
    }
}
