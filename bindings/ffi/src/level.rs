//! Resource levelling of a project or a portfolio sharing a resource pool (see
//! `jindu::level::level`): the same JSON as `jindu level FILE... --format json` prints.

use std::sync::{Arc, Mutex};

use jindu::control::{CancelToken, Control};
use jindu::io::json;
use jindu::level::{LevelOptions, LevelRequest, Levelling};
use jindu::{Project, ScheduleOptions};

use crate::error::{bad_argument, guard, JinduError};

/// The projects and options of a levelling: `documents` is one document, or a JSON array of
/// documents forming a portfolio; `options` is JSON text (`{"schedules": N, "seed": S,
/// "within_float": true, "period_minutes": M, "split": true}`, every field optional; empty for the
/// defaults). Each document is scheduled with its own options.
fn prepare(
    documents: &str,
    options: &str,
) -> Result<(Vec<(Project, ScheduleOptions)>, LevelOptions), JinduError> {
    let opts = LevelRequest::from_json(options)?.options()?;
    let texts: Vec<String> = match documents.trim_start().as_bytes().first() {
        Some(b'[') => {
            let v: Vec<serde_json::Value> = serde_json::from_str(documents)
                .map_err(|e| bad_argument(format!("level documents: {e}")))?;
            v.iter().map(|d| d.to_string()).collect()
        }
        _ => vec![documents.to_owned()],
    };
    let mut projects = Vec::with_capacity(texts.len());
    for t in &texts {
        let doc = json::read(t)?;
        projects.push((doc.project, doc.options));
    }
    Ok((projects, opts))
}

/// Levels the documents (see [`level_json`] for `documents` and `options`) and writes the
/// result as the core's JSON.
pub fn level_text(documents: &str, options: &str) -> Result<String, JinduError> {
    let (projects, opts) = prepare(documents, options)?;
    let refs: Vec<(&Project, ScheduleOptions)> = projects.iter().map(|(p, o)| (p, *o)).collect();
    let l = jindu::level::level_each(&refs, &opts, Control::default())?;
    Ok(serde_json::to_string(&l).expect("a levelled portfolio serialises"))
}

/// Levels a document or a portfolio (a JSON array of documents sharing resources by id) and
/// returns the result as JSON text: per project the levelled task dates and every delay with
/// its reason (`resource` with the competing tasks, or `predecessor`), and the overallocations
/// still left (`unresolved`). `options` is JSON text (`{"schedules": N, "seed": S,
/// "within_float": true, "period_minutes": M, "split": true}`, every field optional; empty for the defaults).
#[uniffi::export(default(options = ""))]
pub fn level_json(documents: String, options: String) -> Result<String, JinduError> {
    guard(|| level_text(&documents, &options))
}

/// How far a [`LevelRun`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct LevelProgress {
    /// Passes of the schedule-generation scheme run.
    pub done: u64,
    /// Passes asked for (`schedules`).
    pub total: u64,
    /// The makespan of the best pass so far, in levelling periods from the portfolio's start.
    pub makespan: i64,
    /// The tasks of the best pass so far that could not fit by their latest start.
    pub conflicts: u64,
    /// Whether the run has finished: every pass run, or cancelled.
    pub finished: bool,
}

/// A levelling that a host advances a slice of passes at a time, for a progress bar and a
/// Cancel button: `step` runs more passes and says how far it is, `cancel` (from any thread,
/// even while a `step` runs) stops it before its next pass, and `result_json` gives the best
/// result so far — exactly what `level_json` gives with `schedules` set to the passes run
/// (marked `"cancelled": true` when cancelled).
#[derive(Debug, uniffi::Object)]
pub struct LevelRun {
    run: Mutex<Levelling<'static>>,
    cancel: CancelToken,
}

impl LevelRun {
    fn with<T>(
        &self,
        f: impl FnOnce(&mut Levelling<'static>) -> jindu::Result<T>,
    ) -> Result<T, JinduError> {
        crate::error::guard_locked(&self.run, crate::risk::RUN_POISONED, f)
    }
}

#[uniffi::export]
impl LevelRun {
    /// Schedules the documents and builds the levelling model (`documents` and `options` as
    /// for `level_json`); no pass runs yet.
    #[uniffi::constructor(default(options = ""))]
    pub fn new(documents: String, options: String) -> Result<Arc<LevelRun>, JinduError> {
        guard(|| {
            let (projects, opts) = prepare(&documents, &options)?;
            let refs: Vec<(&Project, ScheduleOptions)> =
                projects.iter().map(|(p, o)| (p, *o)).collect();
            let run = Levelling::each(&refs, &opts)?.into_owned();
            Ok(Arc::new(LevelRun {
                run: Mutex::new(run),
                cancel: CancelToken::default(),
            }))
        })
    }

    /// Runs up to `schedules` more passes (at least one; never past the total; none once
    /// cancelled) and returns how far the run is.
    pub fn step(&self, schedules: u64) -> Result<LevelProgress, JinduError> {
        let cancel = self.cancel.clone();
        self.with(|run| {
            let p = run.advance(
                schedules,
                Control {
                    cancel: Some(&cancel),
                    ..Control::default()
                },
            )?;
            Ok(LevelProgress {
                done: p.done,
                total: p.total,
                makespan: p.makespan,
                conflicts: p.conflicts as u64,
                finished: run.is_done(),
            })
        })
    }

    /// Stops the run before its next pass (safe from another thread while `step` runs).
    pub fn cancel(&self) {
        self.cancel.cancel();
    }

    /// The result of the passes run so far, as JSON text (`schedules_generated` says how many;
    /// `"cancelled": true` when cancelled). Fails with code `cancelled` before any pass.
    pub fn result_json(&self) -> Result<String, JinduError> {
        self.with(|run| {
            let l = run.result()?;
            Ok(serde_json::to_string(&l).expect("a levelled portfolio serialises"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const P0: &str = r#"{"name": "P0", "start": "2026-01-05",
      "tasks": [{"id": "X", "duration": "2d", "priority": 300}],
      "resources": [{"id": "ana"}],
      "assignments": [{"task": "X", "resource": "ana"}]}"#;
    const P1: &str = r#"{"name": "P1", "start": "2026-01-05",
      "tasks": [{"id": "Y", "duration": "2d", "priority": 700}],
      "resources": [{"id": "ana"}],
      "assignments": [{"task": "Y", "resource": "ana"}]}"#;

    #[test]
    fn a_portfolio_as_an_array() {
        // Y (700) keeps Monday 5 – Tuesday 6; X waits for Ana until Wednesday 7.
        let text = level_json(format!("[{P0}, {P1}]"), r#"{"seed": 2}"#.into()).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["projects"][0]["delays"][0]["to"], "2026-01-07T08:00:00");
        assert_eq!(
            v["projects"][0]["delays"][0]["reason"]["by"][0]["task"],
            "Y"
        );
        assert_eq!(v["seed"], 2);
        // One document alone: nothing to level.
        let v: serde_json::Value =
            serde_json::from_str(&level_json(P0.into(), String::new()).unwrap()).unwrap();
        assert_eq!(v["projects"][0]["delays"].as_array().unwrap().len(), 0);
    }

    #[test]
    fn a_run_steps_cancels_and_equals_the_plain_call() {
        // Y (700) goes first whatever the tie-breaks: 5 passes all give X on Wednesday 7.
        let docs = format!("[{P0}, {P1}]");
        let opts = r#"{"schedules": 5, "seed": 2}"#;
        let run = LevelRun::new(docs.clone(), opts.into()).unwrap();
        let p = run.step(2).unwrap();
        // X and Y each 2 days = 16 hourly periods, one after the other: makespan 32.
        assert_eq!(
            (p.done, p.total, p.makespan, p.conflicts, p.finished),
            (2, 5, 32, 0, false)
        );
        let p = run.step(10).unwrap();
        assert_eq!((p.done, p.finished), (5, true));
        assert_eq!(
            run.result_json().unwrap(),
            level_json(docs.clone(), opts.into()).unwrap()
        );
        // Cancelled after one pass: the one-pass result, marked cancelled.
        let run = LevelRun::new(docs.clone(), opts.into()).unwrap();
        run.step(1).unwrap();
        run.cancel();
        let p = run.step(10).unwrap();
        assert_eq!((p.done, p.finished), (1, true));
        let v: serde_json::Value = serde_json::from_str(&run.result_json().unwrap()).unwrap();
        let one: serde_json::Value = serde_json::from_str(
            &level_json(docs.clone(), r#"{"schedules": 1, "seed": 2}"#.into()).unwrap(),
        )
        .unwrap();
        assert_eq!(
            (&v["cancelled"], &v["schedules_generated"]),
            (&true.into(), &1.into())
        );
        assert_eq!(v["projects"], one["projects"]);
        // Cancelled before any pass: a typed error.
        let run = LevelRun::new(docs, opts.into()).unwrap();
        run.cancel();
        assert_eq!(run.step(3).unwrap().done, 0);
        assert_eq!(run.result_json().unwrap_err().code(), "cancelled");
    }

    #[test]
    fn bad_options_and_demands_are_errors() {
        let e = level_json(P0.into(), r#"{"sedd": 1}"#.into()).unwrap_err();
        assert_eq!(e.code(), "json");
        let bad = P0.replace(
            r#""resource": "ana"}"#,
            r#""resource": "ana", "units": 250}"#,
        );
        let e = level_json(bad, String::new()).unwrap_err();
        assert_eq!(e.task_id(), Some("X"));
        assert!(e.detail().contains("ana"), "{}", e.detail());
    }
}
