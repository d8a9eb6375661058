//! The typed API: the functions of the JSON API with records in and out ([`crate::records`]),
//! for Kotlin (`schedule(doc: Document): ScheduleResult`) and the native Python module.
//!
//! Each converts through the core's JSON with serde: a document record is written as the JSON
//! document and read by the core's reader (the same checks, and errors naming the same items
//! and fields, as `schedule_json`); a result is the core's JSON read into its record. So a
//! typed result holds exactly what the JSON form holds. The records are generated from the
//! schemas (`tests/python_types.rs` fails when they differ), and this module's tests read every
//! result of a tracked plan into its record.

use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{guard, JinduError};
use crate::load::LoadOptions;
use crate::records::{
    Alerts, BuffersResult, ClientView, Comparison, DiffResult, Document, EditOp, EvmResult,
    HealthResult, LevelResult, LoadResult, RiskResult, ScheduleResult, Scores, StatusReport,
    VarianceResult, WhatIfResult,
};
use crate::risk::RiskOptions;
use crate::track::TrackOptions;
use crate::Scheduler;

/// A value whose shape is a union of unrelated kinds (a risk's cost: an amount or a range), as
/// its JSON text; a `String` in Kotlin and Python.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonText(pub serde_json::Value);

impl Serialize for JsonText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for JsonText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<JsonText, D::Error> {
        serde_json::Value::deserialize(d).map(JsonText)
    }
}

uniffi::custom_type!(JsonText, String, {
    lower: |v| v.0.to_string(),
    try_lift: |s| Ok(JsonText(serde_json::from_str(&s)?)),
});

/// A record's JSON text (what the core reads).
pub fn to_json<T: Serialize>(v: &T) -> Result<String, JinduError> {
    serde_json::to_string(v).map_err(|e| JinduError::internal(format!("a record as JSON: {e}")))
}

/// The core's JSON text read into its record; a failure is a bug (the records mirror the
/// schema the core writes).
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, JinduError> {
    serde_json::from_str(text).map_err(|e| {
        JinduError::internal(format!(
            "the core's JSON does not fit its record ({e}); please report it"
        ))
    })
}

/// Schedules a project document and returns the schedule: `schedule_json` with records.
///
/// Fails with a [`JinduError`] when the document is invalid or its links form a cycle.
#[uniffi::export]
pub fn schedule(document: Document) -> Result<ScheduleResult, JinduError> {
    guard(|| from_json(&crate::schedule_text(&to_json(&document)?)?))
}

#[uniffi::export]
impl Scheduler {
    /// Schedules a project document (a record) and keeps it for editing.
    #[uniffi::constructor]
    pub fn from_document(document: Document) -> Result<Arc<Scheduler>, JinduError> {
        Scheduler::new(to_json(&document)?)
    }

    /// Applies an edit (a record: `Edit.SetDuration(task = "A", duration = "3d")`) and returns
    /// what changed.
    pub fn apply_edit(&self, edit: EditOp) -> Result<DiffResult, JinduError> {
        from_json(&self.apply(to_json(&edit)?)?)
    }

    /// What `apply_edit` would return, without changing anything.
    pub fn preview_edit(&self, edit: EditOp) -> Result<DiffResult, JinduError> {
        from_json(&self.preview(to_json(&edit)?)?)
    }

    /// The full current schedule.
    pub fn current(&self) -> Result<ScheduleResult, JinduError> {
        from_json(&self.schedule()?)
    }

    /// The current project as a document record (what `from_document` takes).
    pub fn document(&self) -> Result<Document, JinduError> {
        from_json(&self.project()?)
    }
}

/// Levels a document, or a portfolio of them sharing resources by id: `level_json` with
/// records (`options` is its JSON text, empty for the defaults).
#[uniffi::export(default(options = ""))]
pub fn level(documents: Vec<Document>, options: String) -> Result<LevelResult, JinduError> {
    let docs = documents
        .iter()
        .map(to_json)
        .collect::<Result<Vec<_>, _>>()?;
    from_json(&crate::level::level_json(
        format!("[{}]", docs.join(",")),
        options,
    )?)
}

/// The resource loading of one or more documents (one pool): `load` with records.
#[uniffi::export(default(options = None))]
pub fn loading(
    documents: Vec<Document>,
    options: Option<LoadOptions>,
) -> Result<LoadResult, JinduError> {
    let docs = documents
        .iter()
        .map(to_json)
        .collect::<Result<Vec<_>, _>>()?;
    from_json(&crate::load::load(docs, options)?)
}

/// Monte Carlo schedule risk: `risk_json` with records.
#[uniffi::export(default(options = None))]
pub fn risk(document: Document, options: Option<RiskOptions>) -> Result<RiskResult, JinduError> {
    from_json(&crate::risk::risk_json(to_json(&document)?, options)?)
}

/// The DCMA 14-point assessment: `health_json` with records (`options` as its JSON text).
#[uniffi::export(default(options = None))]
pub fn health(document: Document, options: Option<String>) -> Result<HealthResult, JinduError> {
    from_json(&crate::health::health_json(to_json(&document)?, options)?)
}

/// Risk scores: `scores_json` with records (`options` as its JSON text).
#[uniffi::export(default(options = None))]
pub fn scores(document: Document, options: Option<String>) -> Result<Scores, JinduError> {
    from_json(&crate::scores::scores_json(to_json(&document)?, options)?)
}

/// Earned value and earned schedule: `evm_json` with records.
#[uniffi::export(default(options = None))]
pub fn evm(document: Document, options: Option<TrackOptions>) -> Result<EvmResult, JinduError> {
    from_json(&crate::track::evm_json(to_json(&document)?, options)?)
}

/// The alerts at the status date: `alerts_json` with records.
#[uniffi::export(default(options = None))]
pub fn alerts(document: Document, options: Option<TrackOptions>) -> Result<Alerts, JinduError> {
    from_json(&crate::track::alerts_json(to_json(&document)?, options)?)
}

/// The project and feeding buffers: `buffers_json` with records.
#[uniffi::export(default(options = None))]
pub fn buffers(
    document: Document,
    options: Option<TrackOptions>,
) -> Result<BuffersResult, JinduError> {
    from_json(&crate::track::buffers_json(to_json(&document)?, options)?)
}

/// The variance against a baseline: `variance_json` with records.
#[uniffi::export(default(options = None))]
pub fn variance(
    document: Document,
    options: Option<TrackOptions>,
) -> Result<VarianceResult, JinduError> {
    from_json(&crate::track::variance_json(to_json(&document)?, options)?)
}

/// The status report as a record: `report` in its JSON format (the options' `format` is
/// ignored; `report` gives Markdown and HTML).
#[uniffi::export(default(options = None))]
pub fn status_report(
    document: Document,
    options: Option<TrackOptions>,
) -> Result<StatusReport, JinduError> {
    let options = TrackOptions {
        format: None,
        ..options.unwrap_or_default()
    };
    from_json(&crate::track::report(to_json(&document)?, Some(options))?)
}

/// The client's view: `client_view_json` with records.
#[uniffi::export(default(options = None))]
pub fn client_view(
    document: Document,
    options: Option<TrackOptions>,
) -> Result<ClientView, JinduError> {
    from_json(&crate::track::client_view_json(
        to_json(&document)?,
        options,
    )?)
}

/// What a change set (JSON text, `{"changes": [...]}`) does: `whatif_json` with records.
#[uniffi::export(default(options = None))]
pub fn whatif(
    document: Document,
    changes: String,
    options: Option<TrackOptions>,
) -> Result<WhatIfResult, JinduError> {
    from_json(&crate::track::whatif_json(
        to_json(&document)?,
        changes,
        options,
    )?)
}

/// What changed between two versions of a plan: `compare_json` with records.
#[uniffi::export]
pub fn compare(before: Document, after: Document) -> Result<Comparison, JinduError> {
    from_json(&crate::track::compare_json(
        to_json(&before)?,
        to_json(&after)?,
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::{Edit, LinkInput, TaskInput};

    fn task(id: &str, duration: &str) -> TaskInput {
        from_json(&format!(r#"{{"id": "{id}", "duration": "{duration}"}}"#)).expect("a task")
    }

    /// Design (2d) then build (3d) from Monday 2026-01-05 on the standard calendar: design
    /// ends Tuesday 17:00, build Wednesday to Friday, the project Friday 2026-01-09 17:00.
    fn plan() -> Document {
        Document {
            name: "Launch".to_owned(),
            start: Some("2026-01-05".to_owned()),
            tasks: vec![task("design", "2d"), task("build", "3d")],
            links: vec![LinkInput {
                from: "design".to_owned(),
                to: "build".to_owned(),
                kind: None,
                lag: None,
            }],
            ..from_json(r#"{"name": ""}"#).expect("an empty document")
        }
    }

    #[test]
    fn a_typed_schedule_is_the_json_one() {
        let s = schedule(plan()).expect("schedules");
        assert_eq!(s.project_finish, "2026-01-09T17:00:00");
        assert_eq!(s.critical_path, ["design", "build"]);
        assert_eq!(s.tasks[1].start, "2026-01-07T08:00:00");
        // The same as the JSON form, field for field.
        let text = crate::schedule_text(&to_json(&plan()).expect("JSON")).expect("schedules");
        assert_eq!(
            serde_json::to_value(&s).expect("a value"),
            serde_json::from_str::<serde_json::Value>(&text).expect("JSON")
        );
    }

    #[test]
    fn a_typed_edit_returns_a_typed_diff() {
        let sch = Scheduler::from_document(plan()).expect("opens");
        let d = sch
            .apply_edit(Edit::SetDuration {
                task: "build".to_owned(),
                duration: "4d".to_owned(),
            })
            .expect("applies");
        // Build 3d -> 4d: it ends Monday 2026-01-12 17:00, and so does the project.
        assert_eq!(
            d.project_finish,
            ["2026-01-09T17:00:00", "2026-01-12T17:00:00"]
        );
        assert_eq!(d.changes.len(), 1);
        let after = d.changes[0].after.as_ref().expect("build is still there");
        assert_eq!(after.finish, "2026-01-12T17:00:00");
        assert_eq!(
            sch.current().expect("a schedule").project_finish,
            after.finish
        );
        assert_eq!(
            sch.document().expect("a document").tasks[1]
                .duration
                .as_deref(),
            Some("4d")
        );
    }

    /// Every result of a tracked plan reads into its record (a field the record lacks or
    /// types differently would fail the read): A (5d, 40 % done, 5000) then B (5d, 10000) from
    /// Monday 2026-01-05, status Wednesday 17:00, with a baseline.
    #[test]
    fn every_typed_result_reads_the_core_json() {
        let doc: Document = from_json(
            r#"{"name": "Two", "start": "2026-01-05", "status_date": "2026-01-07T17:00",
              "tasks": [{"id": "A", "duration": "5d", "cost": 5000, "percent_complete": 40,
                         "actual_start": "2026-01-05", "actual_cost": 2500,
                         "baselines": [{"start": "2026-01-05", "finish": "2026-01-09",
                                        "duration": "5d", "cost": 5000}],
                         "estimate": {"optimistic": "4d", "likely": "5d", "pessimistic": "8d"}},
                        {"id": "B", "duration": "5d", "cost": 10000,
                         "baselines": [{"start": "2026-01-12", "finish": "2026-01-16",
                                        "duration": "5d", "cost": 10000}]}],
              "links": [{"from": "A", "to": "B"}],
              "resources": [{"id": "r"}],
              "assignments": [{"task": "A", "resource": "r"}, {"task": "B", "resource": "r"}]}"#,
        )
        .expect("a document");
        // B follows A: 10 working days, Friday 2026-01-16 17:00.
        let l = level(vec![doc.clone()], String::new()).expect("levels");
        assert_eq!(l.projects[0].tasks.len(), 2);
        assert!(l.unresolved.is_empty());
        let load = loading(vec![doc.clone()], None).expect("loads");
        assert_eq!(load.resources[0].id, "r");
        let r = risk(doc.clone(), None).expect("simulates");
        assert_eq!(r.iterations, 1000);
        let h = health(doc.clone(), None).expect("assesses");
        assert_eq!(h.checks.len(), 14);
        let sc = scores(doc.clone(), None).expect("scores");
        assert!(sc.score >= 0.0 && sc.score <= 100.0);
        // A: 40 % of 5000 earned (2000) for 2500 spent.
        let e = evm(doc.clone(), None).expect("earned value");
        assert_eq!(e.ev, 2000.0);
        assert_eq!(e.ac, Some(2500.0));
        alerts(doc.clone(), None).expect("alerts");
        buffers(doc.clone(), None).expect("buffers");
        let v = variance(doc.clone(), None).expect("variance");
        assert_eq!(v.tasks.len(), 2);
        let rep = status_report(doc.clone(), None).expect("a report");
        assert_eq!(rep.project, "Two");
        client_view(doc.clone(), None).expect("the client's view");
        let w = whatif(
            doc.clone(),
            r#"{"changes": [{"op": "set_duration", "task": "B", "duration": "7d"}]}"#.to_owned(),
            None,
        )
        .expect("what if");
        // B 5d -> 7d: the finish moves 2 working days (960 minutes).
        assert_eq!(w.finish_delta_minutes, 960);
        let c = compare(doc.clone(), doc).expect("compares");
        assert!(c.moved.is_empty() && !c.critical_path_changed);
    }

    #[test]
    fn an_invalid_typed_document_fails_as_the_json_one_does() {
        let mut doc = plan();
        doc.tasks[1].duration = Some("three days".to_owned());
        let e = schedule(doc).expect_err("a bad duration");
        let e = format!("{e:?}");
        assert!(e.contains(r#"task_id: Some("build")"#), "{e}");
        assert!(e.contains("three days"), "{e}");
    }
}
