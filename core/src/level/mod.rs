//! Resources: loading (work, capacity and overallocation per resource and period, across a
//! portfolio) and levelling (resolving overallocations by delaying tasks, with the reason for
//! every delay).
//!
//! Architecture invariant: this module builds on the model and the schedule kernel
//! ([`Network`](crate::schedule::Network) runs with levelling delays in a
//! [`Scenario`](crate::schedule::Scenario)) and on nothing else's internals; its results are
//! plain types of its own.

pub mod load;
mod parts;
pub mod project;
pub mod rcpsp;
pub use load::{load, LoadOptions, LoadRequest, Loading, Period, PoolConflict};
pub use project::{
    level, level_each, level_with, LevelOptions, LevelRequest, Levelled, LevelledProject,
    LevelledTask, Levelling, Progress, Reason, SplitPart, SplitPause, TaskDelay, TaskRef,
    Unresolved, DO_NOT_LEVEL,
};
