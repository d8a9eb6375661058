//! Reading and writing files: MSPDI, CSV and PSPLIB (and JSON documents) in, MSPDI out, through
//! the core's one entry point [`jindu::io::read`] and its writer [`jindu::io::write`].
//!
//! Files are read from a path (the binding reads it; the core takes bytes) or from bytes.
//! An import comes back as an [`Import`] record: the project as a document (JSON text, what
//! [`crate::schedule_json`] and [`crate::Scheduler`] take), the format it was read as, the
//! warnings and the results the file stored. A file that cannot be read raises
//! [`JinduError::File`] with its line, column, element or header.

use jindu::io::{self, ReadOptions as CoreOptions};

use crate::error::{guard, JinduError};

/// How to read a file; every field is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, uniffi::Record)]
pub struct ReadOptions {
    /// The format: `"json"`, `"mspdi"` (or `"xml"`), `"csv"` or `"psplib"`; absent, it is told
    /// from the content, else from `file_name`.
    #[uniffi(default = None)]
    pub format: Option<String>,
    /// The file's name, to tell the format by its extension when the content does not (a path
    /// given to `read_file` is used when this is absent).
    #[uniffi(default = None)]
    pub file_name: Option<String>,
    /// The project's name, for CSV and PSPLIB files (which carry none).
    #[uniffi(default = None)]
    pub name: Option<String>,
    /// The project start for CSV and PSPLIB files: `YYYY-MM-DD` (08:00) or
    /// `YYYY-MM-DDTHH:MM[:SS]`.
    #[uniffi(default = None)]
    pub start: Option<String>,
    /// What the file may hold (size and counts); absent, the defaults of `jindu::Limits`.
    #[uniffi(default = None)]
    pub limits: Option<Limits>,
}

/// Limits on what one input may hold or ask for (`jindu::Limits`): a file or run over one is
/// refused with an error of code `limit` naming it. Every field is optional; an absent one
/// keeps its default, which suits a service reading its users' files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, uniffi::Record)]
pub struct Limits {
    /// Bytes of one input (default 256 MiB).
    #[uniffi(default = None)]
    pub max_input_bytes: Option<u64>,
    /// Tasks in one project (default 1,000,000).
    #[uniffi(default = None)]
    pub max_tasks: Option<u64>,
    /// Links in one project (default 4,000,000).
    #[uniffi(default = None)]
    pub max_links: Option<u64>,
    /// Calendars in one project (default 10,000).
    #[uniffi(default = None)]
    pub max_calendars: Option<u64>,
    /// Dated calendar exceptions in one project (default 1,000,000).
    #[uniffi(default = None)]
    pub max_exceptions: Option<u64>,
    /// Levels of summary tasks above a task (default 100).
    #[uniffi(default = None)]
    pub max_depth: Option<u64>,
    /// Resources in one project (default 100,000).
    #[uniffi(default = None)]
    pub max_resources: Option<u64>,
    /// Assignments in one project (default 4,000,000).
    #[uniffi(default = None)]
    pub max_assignments: Option<u64>,
    /// Monte Carlo iterations × tasks in one run (default 10^9).
    #[uniffi(default = None)]
    pub max_risk_samples: Option<u64>,
    /// Schedules one levelling run may build (default 1,000,000).
    #[uniffi(default = None)]
    pub max_level_schedules: Option<u64>,
}

impl Limits {
    /// The core's limits: each given field over the default.
    pub fn to_core(self) -> jindu::Limits {
        let d = jindu::Limits::DEFAULT;
        jindu::Limits {
            max_input_bytes: self.max_input_bytes.unwrap_or(d.max_input_bytes),
            max_tasks: self.max_tasks.unwrap_or(d.max_tasks),
            max_links: self.max_links.unwrap_or(d.max_links),
            max_calendars: self.max_calendars.unwrap_or(d.max_calendars),
            max_exceptions: self.max_exceptions.unwrap_or(d.max_exceptions),
            max_depth: self.max_depth.unwrap_or(d.max_depth),
            max_resources: self.max_resources.unwrap_or(d.max_resources),
            max_assignments: self.max_assignments.unwrap_or(d.max_assignments),
            max_risk_samples: self.max_risk_samples.unwrap_or(d.max_risk_samples),
            max_level_schedules: self.max_level_schedules.unwrap_or(d.max_level_schedules),
        }
    }
}

/// A CSV column the reader does not know.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct UnknownColumn {
    /// The 1-based column number.
    pub column: u32,
    /// The header as written.
    pub header: String,
}

/// Something a reader did not import, imported approximately, or filled in (one per element
/// and reason, counted).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ImportWarning {
    /// The stable code: `left_out`, `approximated`, `defaulted`, `unknown_columns` or
    /// `default_start`.
    pub code: String,
    /// What was not imported and what was done instead.
    pub message: String,
    /// The MSPDI element it is about, e.g. `Task/Active`.
    pub element: Option<String>,
    /// The CSV columns it is about.
    pub columns: Vec<UnknownColumn>,
    /// How many times it occurred.
    pub count: u64,
    /// The first few tasks (keys) it occurred on.
    pub tasks: Vec<String>,
    /// The project start the reader used, for `default_start`.
    pub start: Option<String>,
    /// The whole warning as one line, as the `jindu` command prints it.
    pub text: String,
}

/// The dates, slack and critical flag a file stored for one task (what Microsoft Project had
/// computed); absent values are none.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StoredTask {
    /// The task's key.
    pub id: String,
    /// `Start`.
    pub start: Option<String>,
    /// `Finish`.
    pub finish: Option<String>,
    /// `EarlyStart`.
    pub early_start: Option<String>,
    /// `EarlyFinish`.
    pub early_finish: Option<String>,
    /// `LateStart`.
    pub late_start: Option<String>,
    /// `LateFinish`.
    pub late_finish: Option<String>,
    /// `TotalSlack` in minutes.
    pub total_slack_minutes: Option<i64>,
    /// `FreeSlack` in minutes.
    pub free_slack_minutes: Option<i64>,
    /// `Critical`.
    pub critical: Option<bool>,
}

/// An imported file.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Import {
    /// The project as a jindu JSON document (text), with the scheduling options the file asks
    /// for.
    pub document: String,
    /// The format it was read as: `"json"`, `"mspdi"`, `"csv"` or `"psplib"`.
    pub format: String,
    /// What was not imported, imported approximately or filled in.
    pub warnings: Vec<ImportWarning>,
    /// The results the file stored, one per task in task order (MSPDI); empty otherwise.
    pub stored: Vec<StoredTask>,
}

impl From<io::Import> for Import {
    fn from(imp: io::Import) -> Import {
        let text = |d: Option<jindu::DateTime>| d.map(|d| d.to_string());
        let warnings = imp
            .warnings
            .iter()
            .map(|w| ImportWarning {
                code: w.code.as_str().to_owned(),
                message: w.message.clone(),
                element: w.element.clone(),
                columns: w
                    .columns
                    .iter()
                    .map(|(column, header)| UnknownColumn {
                        column: u32::try_from(*column).unwrap_or(u32::MAX),
                        header: header.clone(),
                    })
                    .collect(),
                count: w.count as u64,
                tasks: w.tasks.iter().map(|t| t.as_str().to_owned()).collect(),
                start: text(w.start),
                text: w.to_string(),
            })
            .collect();
        let stored = imp
            .stored
            .iter()
            .map(|t| StoredTask {
                id: t.id.as_str().to_owned(),
                start: text(t.start),
                finish: text(t.finish),
                early_start: text(t.early_start),
                early_finish: text(t.early_finish),
                late_start: text(t.late_start),
                late_finish: text(t.late_finish),
                total_slack_minutes: t.total_slack,
                free_slack_minutes: t.free_slack,
                critical: t.critical,
            })
            .collect();
        Import {
            format: imp.format.as_str().to_owned(),
            warnings,
            stored,
            document: jindu::io::json::write(&imp.into()),
        }
    }
}

/// The core's options: the format and start parsed (a bad one is a `parse` error).
fn core_options(options: ReadOptions) -> jindu::Result<CoreOptions> {
    let mut o = CoreOptions::default();
    if let Some(f) = &options.format {
        o = o.format(f.parse()?);
    }
    if let Some(f) = options.file_name {
        o = o.file_name(f);
    }
    if let Some(n) = options.name {
        o = o.name(n);
    }
    if let Some(s) = &options.start {
        o = o.start(io::parse_start(s)?);
    }
    if let Some(l) = options.limits {
        o = o.limits(l.to_core());
    }
    Ok(o)
}

/// Reads `bytes` with `options`.
pub fn read_with(bytes: &[u8], options: ReadOptions) -> Result<Import, JinduError> {
    Ok(io::read(bytes, &core_options(options)?)?.into())
}

/// Reads the file at `path` with `options` (its name tells the format when the content does
/// not); a file that cannot be opened is a [`JinduError::File`] with code `io`.
pub fn read_path(path: &str, mut options: ReadOptions) -> Result<Import, JinduError> {
    let bytes =
        std::fs::read(path).map_err(|e| JinduError::io(format!("cannot read {path}: {e}")))?;
    if options.file_name.is_none() {
        options.file_name = Some(path.to_owned());
    }
    read_with(&bytes, options)
}

/// Options for one format, with a name and start.
fn given(format: &str, name: Option<String>, start: Option<String>) -> ReadOptions {
    ReadOptions {
        format: Some(format.to_owned()),
        file_name: None,
        name,
        start,
        limits: None,
    }
}

/// Reads a file in any format jindu reads, from the bytes of its content; the format is
/// `options.format`, else told from the content, else from `options.file_name`.
#[uniffi::export(default(options = None))]
pub fn read_bytes(bytes: Vec<u8>, options: Option<ReadOptions>) -> Result<Import, JinduError> {
    guard(|| read_with(&bytes, options.unwrap_or_default()))
}

/// Follows a long operation (a large read, a report on a big plan): implemented by the caller.
#[uniffi::export(callback_interface)]
pub trait ProgressListener: Send + Sync {
    /// Called on the calling thread with how far the operation is — for a read, the bytes read
    /// so far of the file's size, about every 1 %; for a report, steps done of its steps —
    /// first with 0 and last with `done == total`; return `false` to cancel, and the call then
    /// fails with code `cancelled` (nothing is returned half-done).
    fn progress(&self, done: u64, total: u64) -> bool;
}

/// Runs `f` with `listener` as its control (`P` gives `(done, total)`): a `false` from the
/// listener cancels; cancelled at the last report, the call is still cancelled.
pub(crate) fn listened<P, T>(
    listener: &dyn ProgressListener,
    of: impl Fn(&P) -> (u64, u64),
    f: impl FnOnce(jindu::control::Control<'_, P>) -> jindu::Result<T>,
) -> jindu::Result<T> {
    let cancel = jindu::control::CancelToken::default();
    let mut report = |p: &P| {
        let (done, total) = of(p);
        if !listener.progress(done, total) {
            cancel.cancel();
        }
    };
    let out = f(jindu::control::Control {
        progress: Some(&mut report),
        cancel: Some(&cancel),
    })?;
    if cancel.is_cancelled() {
        return Err(jindu::Error::Cancelled);
    }
    Ok(out)
}

/// [`read_bytes`] reporting to `progress`, which may cancel the read.
#[uniffi::export(default(options = None))]
pub fn read_bytes_with_progress(
    bytes: Vec<u8>,
    progress: Box<dyn ProgressListener>,
    options: Option<ReadOptions>,
) -> Result<Import, JinduError> {
    guard(|| {
        let options = core_options(options.unwrap_or_default())?;
        let imp = listened(
            progress.as_ref(),
            |p: &io::Progress| (p.done, p.total),
            |c| io::read_with(&bytes, &options, c),
        )?;
        Ok(imp.into())
    })
}

/// Reads the file at `path` in any format jindu reads; the format is `options.format`, else
/// told from the content, else from the file's extension.
#[uniffi::export(default(options = None))]
pub fn read_file(path: String, options: Option<ReadOptions>) -> Result<Import, JinduError> {
    guard(|| read_path(&path, options.unwrap_or_default()))
}

/// Reads a Microsoft Project XML (MSPDI) file: tasks keyed by UID, the file's scheduling
/// options, and the schedule Project stored (`stored`).
#[uniffi::export]
pub fn read_mspdi(path: String) -> Result<Import, JinduError> {
    guard(|| read_path(&path, given("mspdi", None, None)))
}

/// Reads Microsoft Project XML (MSPDI) from the bytes of the file.
#[uniffi::export]
pub fn read_mspdi_bytes(bytes: Vec<u8>) -> Result<Import, JinduError> {
    guard(|| read_with(&bytes, given("mspdi", None, None)))
}

/// Reads a CSV task list (UTF-8 or UTF-16; English or Chinese headers), named `name` and
/// starting at `start` when given.
#[uniffi::export(default(name = None, start = None))]
pub fn read_csv(
    path: String,
    name: Option<String>,
    start: Option<String>,
) -> Result<Import, JinduError> {
    guard(|| read_path(&path, given("csv", name, start)))
}

/// Reads a CSV task list from the bytes of the file.
#[uniffi::export(default(name = None, start = None))]
pub fn read_csv_bytes(
    bytes: Vec<u8>,
    name: Option<String>,
    start: Option<String>,
) -> Result<Import, JinduError> {
    guard(|| read_with(&bytes, given("csv", name, start)))
}

/// Reads a PSPLIB single-mode instance (`.sm`): one period is one day on a 24-hour calendar.
#[uniffi::export(default(name = None, start = None))]
pub fn read_psplib(
    path: String,
    name: Option<String>,
    start: Option<String>,
) -> Result<Import, JinduError> {
    guard(|| read_path(&path, given("psplib", name, start)))
}

/// Reads a PSPLIB single-mode instance from the bytes of the file.
#[uniffi::export(default(name = None, start = None))]
pub fn read_psplib_bytes(
    bytes: Vec<u8>,
    name: Option<String>,
    start: Option<String>,
) -> Result<Import, JinduError> {
    guard(|| read_with(&bytes, given("psplib", name, start)))
}

/// Schedules a project document (JSON text) and writes it with its schedule as Microsoft
/// Project XML (MSPDI) text.
#[uniffi::export]
pub fn write_mspdi(document: String) -> Result<String, JinduError> {
    guard(|| {
        let doc = jindu::io::json::read(&document)?;
        Ok(io::write(io::Format::Mspdi, &doc)?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &[u8] = b"ID,Name,Duration,Predecessors,Colour\n1,Design,3d,,red\n2,Build,5d,1,\n";

    #[test]
    fn reads_csv_with_name_and_start_and_its_warnings() {
        let imp = read_with(
            CSV,
            given("csv", Some("Plan".into()), Some("2026-03-02".into())),
        )
        .unwrap();
        assert_eq!(imp.format, "csv");
        assert!(imp.stored.is_empty());
        let doc = jindu::io::json::read(&imp.document).unwrap();
        assert_eq!(doc.project.name(), "Plan");
        assert_eq!(doc.project.links().len(), 1);
        let [w] = &imp.warnings[..] else {
            panic!("{:?}", imp.warnings)
        };
        assert_eq!(w.code, "unknown_columns");
        assert_eq!(
            w.columns,
            [UnknownColumn {
                column: 5,
                header: "Colour".into()
            }]
        );
        assert_eq!(
            w.text,
            "columns not imported (unknown header): 5 \"Colour\""
        );
        // Without a start: the default start, with a warning that carries it.
        let imp = read_with(CSV, ReadOptions::default()).unwrap();
        assert_eq!(imp.warnings[1].code, "default_start");
        assert_eq!(
            imp.warnings[1].start.as_deref(),
            Some("2026-01-05T08:00:00")
        );
    }

    #[test]
    fn mspdi_round_trip_with_stored_results() {
        let doc = r#"{"name": "x", "start": "2026-01-05", "tasks": [
            {"id": "1", "duration": "2d"}, {"id": "2", "duration": "1d"}],
            "links": [{"from": "1", "to": "2"}]}"#;
        let xml = write_mspdi(doc.into()).unwrap();
        let imp = read_bytes(xml.into_bytes(), None).unwrap();
        assert_eq!(imp.format, "mspdi");
        assert!(imp.warnings.is_empty(), "{:?}", imp.warnings);
        assert_eq!(imp.stored.len(), 2);
        assert_eq!(imp.stored[1].finish.as_deref(), Some("2026-01-07T17:00:00"));
        assert_eq!(imp.stored[1].total_slack_minutes, Some(0));
        assert_eq!(imp.stored[1].critical, Some(true));
        assert_eq!(
            crate::schedule_text(&imp.document).unwrap(),
            crate::schedule_text(doc).unwrap()
        );
    }

    #[test]
    fn bad_files_and_options_are_typed_errors() {
        let e = read_file("/nonexistent/plan.xml".into(), None).unwrap_err();
        assert_eq!(e.code(), "io");
        assert!(
            e.detail()
                .starts_with("cannot read /nonexistent/plan.xml: "),
            "{e}"
        );
        let e =
            read_mspdi_bytes(b"<Project><StartDate>x</StartDate></Project>".to_vec()).unwrap_err();
        assert!(
            matches!(&e, JinduError::File { line: Some(1), .. }),
            "{e:?}"
        );
        let e = read_bytes(CSV.to_vec(), Some(given("yaml", None, None))).unwrap_err();
        assert!(matches!(e, JinduError::Input { .. }), "{e:?}");
        assert_eq!(e.code(), "parse");
        let e = read_csv_bytes(CSV.to_vec(), None, Some("March".into())).unwrap_err();
        assert_eq!(e.code(), "parse");
        let e = read_psplib_bytes(CSV.to_vec(), None, None).unwrap_err();
        assert!(
            matches!(&e, JinduError::File { format: Some(f), .. } if f == "psplib"),
            "{e:?}"
        );
    }
}
