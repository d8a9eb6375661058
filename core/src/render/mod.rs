//! Pictures: SVG charts (Gantt, resource histogram, risk S-curve and tornado, earned-value
//! curves, fever chart) drawn from the results of the other capabilities.
//!
//! Architecture invariant: rendering only reads public result types (a
//! [`Schedule`](crate::Schedule), loading, risk and tracking results) and returns SVG text; it
//! computes no schedule of its own and has no I/O.
//!
//! Each chart is one standalone SVG string: no external fonts or style sheets (a generic
//! `system-ui, …, sans-serif` stack), coordinates with one decimal at most, and the same bytes
//! for the same input on every platform. The Gantt ([`gantt`]), the resource histogram
//! ([`histogram`]), the Monte Carlo S-curve ([`scurve`]) and the tornado of its drivers
//! ([`tornado`]) share the palette, the font stack, the text measure and the time scale:
//!
//! ```
//! use jindu::render::{gantt, GanttOptions};
//! let doc = jindu::io::json::read(r#"{"name": "Launch", "start": "2026-03-02",
//!     "tasks": [{"id": "A", "name": "Design 设计", "duration": "3d"},
//!               {"id": "B", "name": "Go-live", "milestone": true}],
//!     "links": [{"from": "A", "to": "B"}]}"#)?;
//! let s = jindu::schedule(&doc.project, &doc.options)?;
//! let svg = gantt(&doc.project, &s, &GanttOptions::default())?;
//! assert!(svg.starts_with("<svg") && svg.contains("Design 设计"));
//! # Ok::<(), jindu::Error>(())
//! ```

mod draw;
mod evm;
mod fever;
mod frame;
mod gantt;
mod histogram;
mod report;
mod request;
mod scale;
mod scurve;
mod svg;
mod tornado;
mod track_request;

pub use draw::{draw, Chart};
pub use evm::{evm, EvmOptions};
pub use fever::{fever, FeverOptions};
pub use gantt::{gantt, GanttOptions, Locale, TaskFilter, Theme};
pub use histogram::{histogram, HistogramOptions, HistogramRequest, LoadUnit};
pub use report::{report_page, report_with, ReportProgress};
pub use request::GanttRequest;
pub use scurve::{scurve, RiskChartOptions, ScurveRequest};
pub use svg::{char_width, is_wide, text_width, truncate};
pub use tornado::{tornado, TornadoRequest};
pub use track_request::{EvmRequest, FeverRequest};
