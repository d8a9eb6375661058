//! What every reader returns: [`Import`], its [`ImportWarning`]s and the [`StoredTask`] results
//! a file carried.

use std::fmt;

use crate::io::json::Document;
use crate::io::Format;
use crate::{DateTime, Project, ScheduleOptions, TaskId};

/// The most tasks a grouped warning lists (it still counts every occurrence).
const MAX_WARNING_TASKS: usize = 10;

/// An imported project, the options it asks to be scheduled with, what the reader wants the
/// user to know about it, and the results the file stored (where it stores any).
///
/// Every reader returns it: [`read`](crate::io::read) and the format modules'
/// `read` functions alike.
///
/// ```
/// let imp = jindu::io::csv::read("id,duration,predecessors\n1,2d,\n2,1d,1\n")?;
/// assert_eq!(imp.format, jindu::io::Format::Csv);
/// assert_eq!(imp.project.len(), 2);
/// assert!(imp.stored.is_empty()); // a CSV task list stores no computed dates
/// let doc: jindu::io::json::Document = imp.into();
/// assert_eq!(doc.project.links().len(), 1);
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Import {
    /// The project.
    pub project: Project,
    /// The scheduling options the file asks for (MSPDI's `HonorConstraints` and
    /// `CriticalSlackLimit`, a JSON document's `options`); the defaults for formats that carry
    /// none.
    pub options: ScheduleOptions,
    /// The format the input was read as.
    pub format: Format,
    /// Things in the input that were not imported, imported approximately or filled in; empty
    /// when all went well.
    pub warnings: Vec<ImportWarning>,
    /// The schedule the file stored, one entry per imported task in task order, where the
    /// format stores one (MSPDI: what Microsoft Project had computed); empty otherwise.
    pub stored: Vec<StoredTask>,
}

impl Import {
    /// An import of `project` with default options and no warnings or stored results.
    pub(crate) fn new(format: Format, project: Project) -> Import {
        Import {
            project,
            options: ScheduleOptions::default(),
            format,
            warnings: Vec::new(),
            stored: Vec::new(),
        }
    }
}

impl From<Import> for Document {
    /// The project and its options, ready for [`json::write`](crate::io::json::write) or
    /// [`io::write`](crate::io::write).
    fn from(imp: Import) -> Document {
        Document {
            project: imp.project,
            options: imp.options,
        }
    }
}

/// The dates, slack and critical flag a file stores for one task: what the application that
/// saved it had computed (Microsoft Project, for MSPDI). Absent values are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoredTask {
    /// The task's key (its UID in MSPDI).
    pub id: TaskId,
    /// `Start`.
    pub start: Option<DateTime>,
    /// `Finish`.
    pub finish: Option<DateTime>,
    /// `EarlyStart`.
    pub early_start: Option<DateTime>,
    /// `EarlyFinish`.
    pub early_finish: Option<DateTime>,
    /// `LateStart`.
    pub late_start: Option<DateTime>,
    /// `LateFinish`.
    pub late_finish: Option<DateTime>,
    /// `TotalSlack`, in minutes (MSPDI stores tenths of minutes).
    pub total_slack: Option<i64>,
    /// `FreeSlack`, in minutes.
    pub free_slack: Option<i64>,
    /// `Critical`.
    pub critical: Option<bool>,
}

/// The stable category of an [`ImportWarning`], the same in every binding.
///
/// ```
/// assert_eq!(jindu::io::WarningCode::LeftOut.as_str(), "left_out");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum WarningCode {
    /// Something in the file was not imported: an inactive task, a link to another project, a
    /// second item with the same UID, a value jindu does not model (a levelling delay, a work
    /// contour, a split).
    LeftOut,
    /// Something was imported but will be scheduled differently from the application that
    /// wrote the file: a recurring task's occurrences as ordinary tasks, a milestone with a
    /// duration as a normal task, a task on resources with different calendars on their union.
    Approximated,
    /// A value the file refers to or needs is missing or undefined, and a default stands in for
    /// it: an undefined calendar, a dated constraint without a date.
    Defaulted,
    /// Columns with headers the reader does not know; their values were not imported (CSV).
    /// [`ImportWarning::columns`] lists them.
    UnknownColumns,
    /// Neither the options nor the file gave a project start, so a fixed default was used
    /// (CSV). [`ImportWarning::start`] holds it.
    DefaultStart,
}

impl WarningCode {
    /// The snake_case code, e.g. `"unknown_columns"`.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::LeftOut => "left_out",
            WarningCode::Approximated => "approximated",
            WarningCode::Defaulted => "defaulted",
            WarningCode::UnknownColumns => "unknown_columns",
            WarningCode::DefaultStart => "default_start",
        }
    }
}

impl fmt::Display for WarningCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something a reader did not import, imported approximately, or filled in by itself.
///
/// One type for every format: a stable [`code`](Self::code), a message, and where it applies:
/// the element (MSPDI, e.g. `Task/Active`), the columns (CSV), how often it occurred and the
/// first tasks it occurred on. Readers group warnings: one per element and reason, counted.
///
/// ```
/// use jindu::io::{ImportWarning, WarningCode};
/// let xml = br#"<Project><StartDate>2026-01-05T08:00:00</StartDate><Tasks>
///   <Task><UID>1</UID><Name>A</Name><Duration>PT8H0M0S</Duration><Active>0</Active></Task>
/// </Tasks></Project>"#;
/// let imp = jindu::io::mspdi::read(xml)?;
/// let w: &ImportWarning = &imp.warnings[0];
/// assert_eq!((w.code, w.element.as_deref(), w.count), (WarningCode::LeftOut, Some("Task/Active"), 1));
/// assert_eq!(w.tasks, [jindu::TaskId::new("1")]);
/// assert_eq!(w.to_string(), "<Task/Active> ×1: inactive task left out (it does not take part in the schedule) (tasks 1)");
///
/// let imp = jindu::io::csv::read("id,colour\n1,red\n")?;
/// assert_eq!(imp.warnings[0].code, WarningCode::UnknownColumns);
/// assert_eq!(imp.warnings[0].columns, [(2, "colour".to_owned())]);
/// assert_eq!(imp.warnings[1].code, WarningCode::DefaultStart);
/// assert_eq!(imp.warnings[1].start, Some(jindu::io::csv::default_start()));
/// # Ok::<(), jindu::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ImportWarning {
    /// The stable category.
    pub code: WarningCode,
    /// What was not imported and what was done instead, in words.
    pub message: String,
    /// The element it is about, as a path from its item (MSPDI, e.g. `Task/Active` or
    /// `Calendar/Exceptions/Exception`).
    pub element: Option<String>,
    /// The columns it is about, as (1-based column number, header as written) (CSV).
    pub columns: Vec<(usize, String)>,
    /// How many times it occurred (at least 1).
    pub count: usize,
    /// The first few tasks (by key) it occurred on, if it is about tasks (at most 10).
    pub tasks: Vec<TaskId>,
    /// The project start the reader used, for [`WarningCode::DefaultStart`].
    pub start: Option<DateTime>,
}

impl ImportWarning {
    fn bare(code: WarningCode, message: String) -> ImportWarning {
        ImportWarning {
            code,
            message,
            element: None,
            columns: Vec::new(),
            count: 1,
            tasks: Vec::new(),
            start: None,
        }
    }

    /// Columns the reader does not know.
    pub(crate) fn unknown_columns(columns: Vec<(usize, String)>) -> ImportWarning {
        let mut message = String::from("columns not imported (unknown header): ");
        for (k, (n, h)) in columns.iter().enumerate() {
            if k > 0 {
                message.push_str(", ");
            }
            message.push_str(&format!("{n} {h:?}"));
        }
        ImportWarning {
            columns,
            ..ImportWarning::bare(WarningCode::UnknownColumns, message)
        }
    }

    /// No project start given: `start` was used.
    pub(crate) fn default_start(start: DateTime) -> ImportWarning {
        let message = format!(
            "no project start given and no Start dates in the file: the project starts {start}"
        );
        ImportWarning {
            start: Some(start),
            ..ImportWarning::bare(WarningCode::DefaultStart, message)
        }
    }
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(e) = &self.element {
            write!(f, "<{e}> ×{}: ", self.count)?;
        }
        f.write_str(&self.message)?;
        if !self.tasks.is_empty() {
            let ids: Vec<&str> = self.tasks.iter().map(|t| t.as_str()).collect();
            write!(
                f,
                " (tasks {}{})",
                ids.join(", "),
                if self.count > ids.len() { ", …" } else { "" }
            )?;
        }
        Ok(())
    }
}

/// Collects element warnings, one per (element, message), counting occurrences and keeping
/// the first tasks.
#[derive(Debug, Default)]
pub(crate) struct Warnings {
    list: Vec<ImportWarning>,
}

impl Warnings {
    /// Records one occurrence of `message` about `element` (on `task`, if it is about one).
    pub(crate) fn add(
        &mut self,
        code: WarningCode,
        element: &str,
        task: Option<&str>,
        message: &str,
    ) {
        if let Some(w) = self
            .list
            .iter_mut()
            .find(|w| w.element.as_deref() == Some(element) && w.message == message)
        {
            w.count += 1;
            if let Some(t) = task {
                if w.tasks.len() < MAX_WARNING_TASKS {
                    w.tasks.push(TaskId::new(t));
                }
            }
            return;
        }
        self.list.push(ImportWarning {
            element: Some(element.to_owned()),
            tasks: task.map(TaskId::new).into_iter().collect(),
            ..ImportWarning::bare(code, message.to_owned())
        });
    }

    /// The warnings, in the order they first occurred.
    pub(crate) fn into_list(self) -> Vec<ImportWarning> {
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_warnings_are_grouped_and_capped() {
        let mut w = Warnings::default();
        for k in 0..12 {
            w.add(
                WarningCode::LeftOut,
                "Task/Active",
                Some(&k.to_string()),
                "gone",
            );
        }
        w.add(
            WarningCode::Defaulted,
            "Project/CalendarUID",
            None,
            "standard",
        );
        let list = w.into_list();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].count, 12);
        assert_eq!(list[0].tasks.len(), 10);
        assert_eq!(
            list[0].to_string(),
            "<Task/Active> ×12: gone (tasks 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, …)"
        );
        assert_eq!(list[1].code, WarningCode::Defaulted);
        assert_eq!(list[1].to_string(), "<Project/CalendarUID> ×1: standard");
    }

    #[test]
    fn csv_warnings_read_as_before() {
        let w = ImportWarning::unknown_columns(vec![(4, "Colour".into()), (5, String::new())]);
        assert_eq!(
            w.to_string(),
            "columns not imported (unknown header): 4 \"Colour\", 5 \"\""
        );
        assert_eq!(
            (w.code.as_str(), w.count, w.element),
            ("unknown_columns", 1, None)
        );
        let start = DateTime::from_parts(2026, 1, 5, 8, 0).unwrap();
        assert_eq!(
            ImportWarning::default_start(start).to_string(),
            "no project start given and no Start dates in the file: the project starts 2026-01-05T08:00:00"
        );
    }
}
