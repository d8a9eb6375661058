//! The JSON Schema (draft 2020-12) of the input document, edits, and the outputs, generated
//! from the types that define them ([`super::doc`], [`super::out`]); of the risk scores, the
//! levelling, loading, risk, health and tracking results; and of the requests (the JSON options)
//! every capability reads, in the CLI and every binding. Needs the `schema` feature. `jindu
//! schema NAME` prints them, and the test suite validates every example, conformance vector and
//! what the core computes for them against them.

use serde_json::Value;

use super::doc::{EditInput, ProjectDocument};
use super::out::{DiffOutput, ScheduleOutput};

/// The schema of what is read (a field with a default is optional).
fn schema<T: schemars::JsonSchema>(id: &str) -> Value {
    with_id(schemars::schema_for!(T), id)
}

/// The schema of what is written: a field left out when empty (`skip_serializing_if`) is
/// optional, as a reader of the output must expect.
fn output<T: schemars::JsonSchema>(id: &str) -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    with_id(generator.into_root_schema_for::<T>(), id)
}

fn with_id(schema: schemars::Schema, id: &str) -> Value {
    let mut v =
        serde_json::to_value(schema).expect("a schemars Schema is a serde_json Value already");
    if let Some(o) = v.as_object_mut() {
        o.insert(
            "$id".to_owned(),
            Value::String(format!("https://jindu.invalid/schema/{id}.json")),
        );
    }
    v
}

/// The schema of a project document (what `jindu schedule` and `schedule()` read).
pub fn document() -> Value {
    schema::<ProjectDocument>("document")
}

/// The schema of one edit (what `Scheduler.apply` takes).
pub fn edit() -> Value {
    schema::<EditInput>("edit")
}

/// The schema of a schedule (what `jindu schedule` writes).
pub fn schedule() -> Value {
    output::<ScheduleOutput<'static>>("schedule")
}

/// The schema of a diff (what an edit returns).
pub fn diff() -> Value {
    output::<DiffOutput<'static>>("diff")
}

/// The schema of risk scores (what `jindu scores --format json` writes, and `scores()` in
/// every binding returns).
pub fn scores() -> Value {
    output::<crate::risk::RiskScores>("scores")
}

/// The schema of the risk-score options (what `scores()` in the bindings takes).
pub fn scores_request() -> Value {
    schema::<crate::risk::ScoreRequest>("scores-request")
}

/// The schema of a levelling (what `jindu level --format json` writes and `level()` returns).
pub fn level() -> Value {
    output::<crate::level::Levelled>("level")
}

/// The schema of a resource loading (what `jindu load --format json` writes).
pub fn load() -> Value {
    output::<crate::level::Loading>("load")
}

/// The schema of a Monte Carlo risk report (what `jindu risk --format json` writes).
pub fn risk() -> Value {
    output::<crate::risk::RiskReport>("risk")
}

/// The schema of the DCMA 14-point assessment (what `jindu health --format json` writes).
pub fn health() -> Value {
    output::<crate::risk::Health>("health")
}

/// The schema of earned value and earned schedule at a status date (`evm()`).
pub fn evm() -> Value {
    output::<crate::track::Evm>("evm")
}

/// The schema of the alerts at a status date (`alerts()`: a list).
pub fn alerts() -> Value {
    output::<Vec<crate::track::Alert>>("alerts")
}

/// The schema of the project and feeding buffers (`buffers()`).
pub fn buffers() -> Value {
    output::<crate::track::Buffers>("buffers")
}

/// The schema of the variance against a baseline (`variance()`).
pub fn variance() -> Value {
    output::<crate::track::Variance>("variance")
}

/// The schema of a status report in JSON (`report()` with format `json`).
pub fn report() -> Value {
    output::<crate::track::StatusReport>("report")
}

/// The schema of the client's view (`client_view()`).
pub fn client_view() -> Value {
    output::<crate::track::ClientView>("client-view")
}

/// The schema of a what-if result (`whatif()`).
pub fn whatif() -> Value {
    output::<crate::track::WhatIf>("whatif")
}

/// The schema of the comparison of two versions of a plan (`compare()`).
pub fn compare() -> Value {
    output::<crate::track::Comparison>("compare")
}

/// The schema of the levelling options (`jindu::level::LevelRequest`: what `level()` in the
/// bindings takes).
pub fn level_request() -> Value {
    schema::<crate::level::LevelRequest>("level-request")
}

/// The schema of the loading options (`jindu::level::LoadRequest`: what `load()` takes).
pub fn load_request() -> Value {
    schema::<crate::level::LoadRequest>("load-request")
}

/// The schema of the Monte Carlo options (`jindu::risk::RiskRequest`: what `risk()` takes).
pub fn risk_request() -> Value {
    schema::<crate::risk::RiskRequest>("risk-request")
}

/// The schema of the DCMA check options (`jindu::risk::HealthRequest`: what `health()`
/// takes).
pub fn health_request() -> Value {
    schema::<crate::risk::HealthRequest>("health-request")
}

/// The schema of the tracking and report options (`jindu::track::TrackRequest`: what the
/// tracking functions take).
pub fn track_request() -> Value {
    schema::<crate::track::TrackRequest>("track-request")
}

/// The schema of the alert thresholds (`jindu::track::AlertRequest`: what `jindu alerts
/// --thresholds FILE` reads, and a tracking request's `alerts`).
pub fn alerts_request() -> Value {
    schema::<crate::track::AlertRequest>("alerts-request")
}

/// The schema of the Gantt chart options (`jindu::render::GanttRequest`).
pub fn gantt_request() -> Value {
    schema::<crate::render::GanttRequest>("gantt-request")
}

/// The schema of the resource histogram options (`jindu::render::HistogramRequest`).
pub fn histogram_request() -> Value {
    schema::<crate::render::HistogramRequest>("histogram-request")
}

/// The schema of the Monte Carlo S-curve options (`jindu::render::ScurveRequest`).
pub fn scurve_request() -> Value {
    schema::<crate::render::ScurveRequest>("scurve-request")
}

/// The schema of the tornado chart options (`jindu::render::TornadoRequest`).
pub fn tornado_request() -> Value {
    schema::<crate::render::TornadoRequest>("tornado-request")
}

/// The schema of the earned-value chart options (`jindu::render::EvmRequest`).
pub fn evm_chart_request() -> Value {
    schema::<crate::render::EvmRequest>("evm-chart-request")
}

/// The schema of the buffer fever chart options (`jindu::render::FeverRequest`).
pub fn fever_request() -> Value {
    schema::<crate::render::FeverRequest>("fever-request")
}

/// Every schema by name: `document`, `edit`, `schedule`, `diff`, `scores`, `scores-request`,
/// then the results `level`, `load`, `risk`, `health`, `evm`, `alerts`, `buffers`,
/// `variance`, `report`, `client-view`, `whatif` and `compare`, then the requests
/// `level-request`, `load-request`, `risk-request`, `health-request`, `track-request`,
/// `alerts-request` and the chart options `gantt-request`, `histogram-request`,
/// `scurve-request`, `tornado-request`, `evm-chart-request` and `fever-request`.
pub fn all() -> [(&'static str, Value); 30] {
    [
        ("document", document()),
        ("edit", edit()),
        ("schedule", schedule()),
        ("diff", diff()),
        ("scores", scores()),
        ("scores-request", scores_request()),
        ("level", level()),
        ("load", load()),
        ("risk", risk()),
        ("health", health()),
        ("evm", evm()),
        ("alerts", alerts()),
        ("buffers", buffers()),
        ("variance", variance()),
        ("report", report()),
        ("client-view", client_view()),
        ("whatif", whatif()),
        ("compare", compare()),
        ("level-request", level_request()),
        ("load-request", load_request()),
        ("risk-request", risk_request()),
        ("health-request", health_request()),
        ("track-request", track_request()),
        ("alerts-request", alerts_request()),
        ("gantt-request", gantt_request()),
        ("histogram-request", histogram_request()),
        ("scurve-request", scurve_request()),
        ("tornado-request", tornado_request()),
        ("evm-chart-request", evm_chart_request()),
        ("fever-request", fever_request()),
    ]
}
