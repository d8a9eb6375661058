//! The session behind [`crate::Scheduler`]: the core's [`jindu::Session`] (the engine
//! behind a JSON face, shared with the WASM binding so both write the same diffs), plus the
//! driving links in this binding's own types.

pub use jindu::Session;

use crate::types::{driving_links, DrivingLink};

/// The links that hold task `id` where it is, if there is such a task.
pub fn why(session: &Session, id: &str) -> Option<Vec<DrivingLink>> {
    let links = session.engine().why(id)?;
    Some(driving_links(links, session.project().settings()))
}
