//! # jindu-wasm — jindu for JavaScript and TypeScript
//!
//! The WebAssembly binding of the [`jindu`] scheduling core, published on npm as `jindu`.
//! It is thin: every function converts its arguments at the edge ([`convert`]), calls the
//! core, and converts results and errors back ([`error`]); no scheduling logic lives here.
//!
//! The JavaScript API (camelCase methods, data objects with the JSON format's field names):
//!
//! * `schedule(project)` — a document object or its JSON text in, a typed `Schedule` out;
//! * `scheduleJson(text)` — JSON text in, the core's schedule JSON out, byte for byte;
//! * `new Scheduler(project)` — the incremental engine ([`Scheduler`]): `apply(edit)`,
//!   `preview(edit)`, `setDuration`, `addLink`, `setLink`, `removeLink`, `setConstraint`,
//!   `setDeadline`, `pin`, `unpin`, `addTask`, `removeTask` (each returns a `Diff` of only the
//!   changed tasks), plus `schedule()`, `project()`, `task(id)` and `why(id)`;
//! * `importMspdi(data)`, `importCsv(data, options?)`, `importPsplib(data, options?)` — a file
//!   (`Uint8Array`, `ArrayBuffer` or text) in, a `ProjectDocument` out (with warnings for
//!   MSPDI and CSV), and `exportMspdi(project)` — a document in, Microsoft Project XML with
//!   its computed schedule out ([`io`]);
//! * errors are thrown as `Error` objects named `JinduError` with `code`, `taskId` and `field`
//!   (and, on errors reading a file, `line`, `column`, `element`, `header`, `value`, `format`).
//!
//! The TypeScript declarations are generated from [`types`] by tsify.
//!
//! ## Layout
//!
//! One module per core capability ([`schedule`], [`scheduler`], [`io`]); a new capability of the core
//! (levelling, simulation, …) gets its own module with its `#[wasm_bindgen]` functions, its
//! types in [`types`] and, if needed, a plain-Rust part that native tests can reach.
//! The plain-Rust parts ([`schedule::schedule_text`], [`Session`], the functions of [`io`]) run under `cargo test`;
//! the JavaScript surface is tested under Node (`bindings/wasm/tests`).

// The plain-Rust layer returns the core's own `jindu::Result`: its error is what the binding
// converts, and boxing it would only add an allocation on the error path.
#![allow(clippy::result_large_err)]

pub mod convert;
pub mod error;
pub mod io;
pub mod schedule;
pub mod scheduler;
pub mod types;

use wasm_bindgen::prelude::*;

pub use error::{error_info, Thrown};
pub use io::{export_mspdi, import_csv, import_mspdi, import_psplib, Imported};
pub use schedule::schedule_text;
pub use scheduler::{why, Scheduler, Session};

/// The version of the package (and of the jindu core it contains).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}
