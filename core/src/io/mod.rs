//! Readers and writers.
//!
//! * [`json`]: the versioned jindu JSON document (read and write).
//! * [`csv`]: task lists exported from spreadsheets (read).
//! * [`psplib`]: PSPLIB single-mode RCPSP instances, `.sm` files (read).
//!
//! The importers take raw bytes (or text), never panic, and are all-or-nothing: a bad value is an
//! [`Error::Import`](crate::Error::Import) naming its line and column, and nothing is imported.

use std::fmt;

use crate::model::Project;
use crate::time::DateTime;

pub mod csv;
pub mod json;
pub mod mspdi;
pub mod psplib;

/// An imported project and what the importer wants the user to know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The project.
    pub project: Project,
    /// Things in the input that were not imported or were filled in; empty when all went well.
    pub warnings: Vec<ImportWarning>,
}

/// Something an importer did not import, or filled in by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportWarning {
    /// Header columns the importer does not know; their values were not imported.
    UnknownColumns {
        /// Each unknown column as (1-based column number, header as written).
        columns: Vec<(usize, String)>,
    },
    /// The input gave no project start, so `start` was used.
    DefaultStart {
        /// The start that was used.
        start: DateTime,
    },
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportWarning::UnknownColumns { columns } => {
                f.write_str("columns not imported (unknown header): ")?;
                for (k, (n, h)) in columns.iter().enumerate() {
                    if k > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{n} {h:?}")?;
                }
                Ok(())
            }
            ImportWarning::DefaultStart { start } => write!(
                f,
                "no project start given and no Start dates in the file: the project starts {start}"
            ),
        }
    }
}
