//! Integration tests of the public API: one test binary, one module per area.
//!
//! The networks in `textbook` were computed by hand (working days on the standard calendar,
//! Monday 2026-01-05 = day 0); each test states the arithmetic it checks.

#[path = "../common/mod.rs"]
mod common;
mod util;

mod csv;
mod engine;
mod errors;
mod findings;
mod io;
mod limits;
mod mspdi;
mod psplib;
mod status_date;
mod task_types;
mod textbook;
