//! Resource loading: per resource and period, the assigned work, the capacity, the load and
//! the overallocated intervals with the tasks causing them, across one document or a portfolio
//! of documents sharing one resource pool (see `jindu::level::load`).
//!
//! [`load`] returns the core's JSON, exactly what `jindu load FILE... --format json` prints.

use jindu::io::json;
use jindu::level::LoadRequest;
use jindu::{Project, Schedule};

use crate::error::{guard, JinduError};

/// How to measure; every field is optional (a week from Monday, over every assignment).
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct LoadOptions {
    /// The period: `hour`, `day`, `week` (the default) or `month`.
    #[uniffi(default = None)]
    pub by: Option<String>,
    /// The first period reported is the one containing this instant, `YYYY-MM-DD` or
    /// `YYYY-MM-DDTHH:MM` (`from` in the core; renamed because `from` is a keyword in Python
    /// and Kotlin's call sites read better).
    #[uniffi(default = None)]
    pub from_date: Option<String>,
    /// The last period reported is the one containing the minute before this instant.
    #[uniffi(default = None)]
    pub to_date: Option<String>,
}

impl LoadOptions {
    /// The core's request these options stand for.
    pub fn to_request(&self) -> LoadRequest {
        LoadRequest {
            by: self.by.clone(),
            from: self.from_date.clone(),
            to: self.to_date.clone(),
        }
    }
}

/// The loading as the core computes it: every document scheduled, then loaded together.
pub fn load_text(documents: &[String], request: &LoadRequest) -> jindu::Result<String> {
    let options = request.options()?;
    let mut scheduled: Vec<(Project, Schedule)> = Vec::with_capacity(documents.len());
    for d in documents {
        let doc = json::read(d)?;
        let s = jindu::schedule(&doc.project, &doc.options)?;
        scheduled.push((doc.project, s));
    }
    let refs: Vec<(&Project, &Schedule)> = scheduled.iter().map(|(p, s)| (p, s)).collect();
    let l = jindu::level::load(&refs, &options)?;
    Ok(serde_json::to_string(&l).expect("a loading serialises"))
}

/// Schedules each document (JSON text) and returns the loading of their resources (one pool:
/// the same resource id in two documents is one resource) as JSON text.
#[uniffi::export(default(options = None))]
pub fn load(documents: Vec<String>, options: Option<LoadOptions>) -> Result<String, JinduError> {
    guard(|| {
        Ok(load_text(
            &documents,
            &options.unwrap_or_default().to_request(),
        )?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(name: &str, task: &str, days: u32) -> String {
        format!(
            r#"{{"name": "{name}", "start": "2026-01-05",
              "tasks": [{{"id": "{task}", "duration": "{days}d"}}],
              "resources": [{{"id": "ana"}}],
              "assignments": [{{"task": "{task}", "resource": "ana"}}]}}"#
        )
    }

    #[test]
    fn two_documents_share_one_pool() {
        // P's A (2 days) and Q's B (1 day) both start Monday 5 January: ana works 2 + 1 days =
        // 24 h in that week and is over 100% on Monday 08:00-17:00.
        let o = LoadOptions {
            by: Some("week".into()),
            ..LoadOptions::default()
        };
        let text = load(vec![doc("P", "A", 2), doc("Q", "B", 1)], Some(o)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let ana = &v["resources"][0];
        assert_eq!(ana["id"], "ana");
        assert_eq!(ana["periods"][0]["work_minutes"], 3 * 480);
        let over = &ana["overallocations"][0];
        assert_eq!(over["start"], "2026-01-05T08:00:00");
        assert_eq!(over["finish"], "2026-01-05T17:00:00");
        assert_eq!(over["tasks"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn bad_options_name_what_is_wrong() {
        let o = LoadOptions {
            by: Some("fortnight".into()),
            ..LoadOptions::default()
        };
        let e = load(vec![doc("P", "A", 1)], Some(o)).unwrap_err();
        assert!(e.to_string().contains("fortnight"), "{e}");
        let o = LoadOptions {
            from_date: Some("soon".into()),
            ..LoadOptions::default()
        };
        let e = load(vec![doc("P", "A", 1)], Some(o)).unwrap_err();
        assert!(e.to_string().contains("soon"), "{e}");
    }
}
