//! Readers and writers: one entry point for every file format.
//!
//! [`read`] takes the bytes of a file and returns an [`Import`]: the project, the scheduling
//! options the file asks for, [`ImportWarning`]s and, where the format stores them, the
//! results the file carried ([`StoredTask`]). The [`Format`] is given in [`ReadOptions`] or
//! told from the content ([`Format::sniff`]), else from the file's name ([`Format::from_path`]).
//! [`write()`] writes a project as a JSON document or, with its computed schedule, as MSPDI.
//!
//! ```
//! use jindu::io::{self, Format, ReadOptions};
//!
//! let csv = b"ID,Name,Duration,Predecessors\n1,Design,3d,\n2,Build,5d,1FS+1d\n";
//! let start = io::parse_start("2026-03-02")?;
//! let imp = io::read(csv, &ReadOptions::default().start(start).name("Office"))?;
//! assert_eq!(imp.format, Format::Csv); // told from the header row
//! let s = jindu::schedule(&imp.project, &imp.options)?;
//! assert_eq!(s.project_finish.to_string(), "2026-03-12T17:00:00");
//!
//! let doc = imp.into();
//! let xml = io::write(Format::Mspdi, &doc)?; // scheduled with the document's options
//! let back = io::read(xml.as_bytes(), &ReadOptions::default())?;
//! assert_eq!((back.format, back.project.name()), (Format::Mspdi, "Office"));
//! assert_eq!(back.stored[1].finish, Some(s.project_finish)); // the schedule the file carries
//! # Ok::<(), jindu::Error>(())
//! ```
//!
//! The formats, each in its own module with its own `read` (and `write`):
//!
//! * [`json`]: the versioned jindu JSON document (read and write).
//! * [`mspdi`]: Microsoft Project XML (read, and write with a computed schedule).
//! * [`csv`]: task lists exported from spreadsheets (read).
//! * [`psplib`]: PSPLIB single-mode RCPSP instances, `.sm` files (read).
//!
//! The readers take raw bytes, never panic, and are all-or-nothing: a bad value is an error
//! naming where it is ([`Error::Json`], [`Error::Xml`] or [`Error::Import`], with the line and
//! column) and nothing is imported.

use crate::control::Control;
use crate::{Date, DateTime, Error, Limits, Result, ScheduleFrom};

pub mod csv;
mod format;
mod import;
pub mod json;
pub mod mspdi;
pub mod psplib;

pub use format::Format;
pub(crate) use import::Warnings;
pub use import::{Import, ImportWarning, StoredTask, WarningCode};

/// Options for [`read`]: the format, and what formats that carry no project name or start
/// should use.
///
/// ```
/// use jindu::io::{Format, ReadOptions};
/// let o = ReadOptions::default().format(Format::Csv).name("Plan").file_name("plan.csv");
/// assert_eq!((o.format, o.name.as_deref()), (Some(Format::Csv), Some("Plan")));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReadOptions {
    /// The format; `None` tells it from the content, else from [`file_name`](Self::file_name)
    /// ([`Format::detect`]).
    pub format: Option<Format>,
    /// The file's name or path, used only to tell the format when the content does not (and
    /// named in the error when neither does).
    pub file_name: Option<String>,
    /// The project's name, for CSV and PSPLIB files, which carry none (default: CSV
    /// `"Imported tasks"`, PSPLIB `"PSPLIB instance"`). JSON documents and MSPDI files keep
    /// their own.
    pub name: Option<String>,
    /// The project start, for CSV and PSPLIB files: a CSV list otherwise starts at its earliest
    /// Start cell, or else at [`csv::default_start`] with a [`WarningCode::DefaultStart`]
    /// warning; a PSPLIB instance at [`psplib::start`]. JSON documents and MSPDI files keep
    /// their own.
    pub start: Option<DateTime>,
    /// What the input may hold: its size in bytes and the project's counts (default
    /// [`Limits::DEFAULT`]). Over one, the read fails with [`Error::Limit`].
    pub limits: Limits,
}

impl ReadOptions {
    /// Reads the input as `format` instead of telling the format from the input.
    pub fn format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// Names the file, to tell its format by its extension when its content does not.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Names the project (CSV and PSPLIB).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Starts the project at `start` (CSV and PSPLIB).
    pub fn start(mut self, start: DateTime) -> Self {
        self.start = Some(start);
        self
    }

    /// Reads within `limits` instead of [`Limits::DEFAULT`].
    pub fn limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }
}

/// How far a read is, in bytes of the input: reported by [`read_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes of the input read so far (an estimate for a JSON document, which is read in two
    /// passes: half of it after the first).
    pub done: u64,
    /// Bytes of the input.
    pub total: u64,
}

/// Reports a read's progress about every 1 % of its input (and at least every 64 KiB read),
/// and looks at the cancel token each time.
pub(crate) struct Ticker<'c, 'a> {
    control: Option<&'c mut Control<'a, Progress>>,
    total: u64,
    step: u64,
    next: u64,
}

impl<'c, 'a> Ticker<'c, 'a> {
    /// A ticker over an input of `total` bytes.
    pub(crate) fn new(control: &'c mut Control<'a, Progress>, total: usize) -> Self {
        let total = total as u64;
        let step = (total / 100).max(64 << 10);
        Ticker {
            control: Some(control),
            total,
            step,
            next: 0,
        }
    }

    /// A ticker that reports nothing and never cancels.
    pub(crate) fn none() -> Ticker<'static, 'static> {
        Ticker {
            control: None,
            total: 0,
            step: u64::MAX,
            next: u64::MAX,
        }
    }

    /// `done` of `of` units (bytes of the text being parsed, which may be a decoding of the
    /// input): reports and checks the token when another step has passed.
    #[inline]
    pub(crate) fn at(&mut self, done: usize, of: usize) -> Result<()> {
        let done = done as u64;
        if done < self.next {
            return Ok(());
        }
        self.next = done.saturating_add(self.step);
        let bytes = if of == 0 {
            self.total
        } else {
            (u128::from(done) * u128::from(self.total) / of as u128) as u64
        };
        self.report(bytes)
    }

    /// Reports `done` bytes and checks the token.
    pub(crate) fn report(&mut self, done: u64) -> Result<()> {
        let Some(c) = self.control.as_mut() else {
            return Ok(());
        };
        if c.is_cancelled() {
            return Err(Error::Cancelled);
        }
        c.report(&Progress {
            done: done.min(self.total),
            total: self.total,
        });
        Ok(())
    }
}

/// Reads a file in any format jindu reads: the one entry point for every reader.
///
/// The format is [`ReadOptions::format`], or else told from the content and the file name
/// ([`Format::detect`]: content first). JSON must be UTF-8 (a byte-order mark is skipped);
/// what each other format accepts is in its module. Never panics, whatever the bytes.
///
/// ```
/// use jindu::io::{read, Format, ReadOptions};
/// let json = br#"{"name": "x", "start": "2026-01-05", "tasks": [{"id": "A", "duration": "2d"}]}"#;
/// let imp = read(json, &ReadOptions::default())?;
/// assert_eq!((imp.format, imp.project.len()), (Format::Json, 1));
/// assert!(imp.warnings.is_empty() && imp.stored.is_empty());
///
/// // A bad value names its line and column, whatever the format.
/// let e = read(b"id,duration\n1,2d\n2,soon\n", &ReadOptions::default()).unwrap_err();
/// assert!(e.to_string().starts_with("csv line 3, column 2 (duration): \"soon\": invalid duration"));
/// let e = read(b"?!", &ReadOptions::default().file_name("notes.txt")).unwrap_err();
/// assert_eq!(e.code().as_str(), "unknown_format");
/// # Ok::<(), jindu::Error>(())
/// ```
// Inline, so that a caller that always names the format (the npm package) can leave the
// sniffing code out of its build.
#[inline]
pub fn read(bytes: &[u8], options: &ReadOptions) -> Result<Import> {
    options.limits.check_input(bytes.len())?;
    let format = match options.format {
        Some(f) => f,
        None => Format::detect(bytes, options.file_name.as_deref())?,
    };
    read_as(format, bytes, options, &mut Ticker::none())
}

/// [`read`] with a progress callback and a cancel token, for large files: the callback is
/// called on the calling thread about every 1 % of the input (at least every 64 KiB) with the
/// bytes read, and once more with all of them when the project is built; the token is looked
/// at each time, and a cancelled read fails with [`Error::Cancelled`] (nothing is returned
/// half-read). Neither changes the result.
///
/// ```
/// use jindu::control::{CancelToken, Control};
/// use jindu::io::{read, read_with, Progress, ReadOptions};
/// let csv = "id,duration\n".to_owned() + &(1..=20_000).map(|k| format!("{k},1d\n")).collect::<String>();
/// let mut seen = Vec::new();
/// let mut progress = |p: &Progress| seen.push(p.done);
/// let o = ReadOptions::default();
/// let imp = read_with(csv.as_bytes(), &o, Control { progress: Some(&mut progress), cancel: None })?;
/// assert_eq!(imp.project.len(), 20_000);
/// assert_eq!(seen.last(), Some(&(csv.len() as u64)));
/// assert!(seen.len() > 2 && seen.windows(2).all(|w| w[0] <= w[1]));
///
/// let cancel = CancelToken::default();
/// let mut stop = |_: &Progress| cancel.cancel();
/// let e = read_with(csv.as_bytes(), &o, Control { progress: Some(&mut stop), cancel: Some(&cancel) });
/// assert_eq!(e.unwrap_err().code().as_str(), "cancelled");
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn read_with(
    bytes: &[u8],
    options: &ReadOptions,
    mut control: Control<'_, Progress>,
) -> Result<Import> {
    options.limits.check_input(bytes.len())?;
    let format = match options.format {
        Some(f) => f,
        None => Format::detect(bytes, options.file_name.as_deref())?,
    };
    controlled(bytes.len(), &mut control, |tick| {
        read_as(format, bytes, options, tick)
    })
}

/// Runs the read `f` of `len` bytes under `control`: a report at 0, `f`'s own, and one at
/// `len` once it is done.
pub(crate) fn controlled<T>(
    len: usize,
    control: &mut Control<'_, Progress>,
    f: impl FnOnce(&mut Ticker<'_, '_>) -> Result<T>,
) -> Result<T> {
    let mut tick = Ticker::new(control, len);
    tick.report(0)?;
    let out = f(&mut tick)?;
    tick.report(len as u64)?;
    Ok(out)
}

/// [`read`] once the format is known.
fn read_as(
    format: Format,
    bytes: &[u8],
    options: &ReadOptions,
    tick: &mut Ticker<'_, '_>,
) -> Result<Import> {
    match format {
        Format::Json => {
            let doc = json::read_ticked(json_text(bytes)?, &options.limits, tick)?;
            let mut imp = Import::new(Format::Json, doc.project);
            imp.options = doc.options;
            Ok(imp)
        }
        Format::Mspdi => mspdi::read_ticked(bytes, &options.limits, tick),
        Format::Csv => {
            let mut opts = csv::CsvOptions {
                start: options.start,
                limits: options.limits,
                ..csv::CsvOptions::default()
            };
            if let Some(name) = &options.name {
                opts.name = name.clone();
            }
            csv::read_ticked(bytes, &opts, tick)
        }
        Format::Psplib => {
            let mut imp = psplib::read_with_limits(bytes, &options.limits)?;
            if let Some(t) = options.start {
                imp.project.set_schedule_from(ScheduleFrom::Start(t));
            }
            if let Some(name) = &options.name {
                imp.project.set_name(name.clone());
            }
            Ok(imp)
        }
    }
}

/// The text of a JSON document: UTF-8, with a byte-order mark skipped; invalid UTF-8 is an
/// [`Error::Json`] at the first bad byte.
fn json_text(bytes: &[u8]) -> Result<&str> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| {
        let before = &body[..e.valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |k| k + 1);
        let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
        Error::Json(Box::new(crate::JsonError {
            item: None,
            path: String::new(),
            line,
            column,
            message: "the document is not valid UTF-8 (save it as UTF-8)".to_owned(),
        }))
    })
}

/// Writes a document in `format`: a jindu JSON document ([`json::write`]), or MSPDI with the
/// schedule computed with the document's options ([`mspdi::write`]).
///
/// Fails with the scheduling error when an MSPDI export cannot be scheduled (a cycle, a
/// calendar without working time), and with [`Error::UnsupportedFormat`] for a format jindu
/// only reads ([`Format::is_writable`]).
///
/// ```
/// use jindu::io::{json, write, Format};
/// let doc = json::read(r#"{"name": "x", "start": "2026-01-05", "tasks": [{"id": "1", "duration": "1d"}]}"#)?;
/// assert!(write(Format::Json, &doc)?.contains("\"duration\": \"1d\""));
/// assert!(write(Format::Mspdi, &doc)?.contains("<Finish>2026-01-05T17:00:00</Finish>"));
/// assert_eq!(write(Format::Csv, &doc).unwrap_err().code().as_str(), "unsupported_format");
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn write(format: Format, doc: &json::Document) -> Result<String> {
    match format {
        Format::Json => Ok(json::write(doc)),
        Format::Mspdi => {
            let s = crate::schedule(&doc.project, &doc.options)?;
            Ok(mspdi::write(&doc.project, &s))
        }
        Format::Csv | Format::Psplib => Err(Error::UnsupportedFormat { format }),
    }
}

/// Reads a project start given on a command line or in a binding's options: `YYYY-MM-DD`
/// (at 08:00, the default start time) or `YYYY-MM-DDTHH:MM[:SS]`.
///
/// ```
/// assert_eq!(jindu::io::parse_start("2026-03-02")?.to_string(), "2026-03-02T08:00:00");
/// assert_eq!(jindu::io::parse_start("2026-03-02T13:30")?.to_string(), "2026-03-02T13:30:00");
/// assert_eq!(jindu::io::parse_start("March").unwrap_err().code().as_str(), "parse");
/// # Ok::<(), jindu::Error>(())
/// ```
pub fn parse_start(text: &str) -> Result<DateTime> {
    if text.len() == 10 {
        Ok(text.parse::<Date>()?.at(8 * 60))
    } else {
        text.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_must_be_utf8_and_may_have_a_bom() {
        let doc = "\u{feff}{\"name\": \"x\", \"start\": \"2026-01-05\"}";
        let imp = read(doc.as_bytes(), &ReadOptions::default()).unwrap();
        assert_eq!(imp.project.name(), "x");
        let e = read(b"{\"name\":\n \"\xff\"}", &ReadOptions::default()).unwrap_err();
        let Error::Json(j) = &e else { panic!("{e}") };
        assert_eq!((j.line, j.column), (2, 3));
    }

    #[test]
    fn options_name_and_start_csv_and_psplib_only() {
        let start = parse_start("2026-03-02").unwrap();
        let o = ReadOptions::default().name("N").start(start);
        let csv = read(b"id\n1\n", &o).unwrap();
        assert_eq!(csv.project.name(), "N");
        assert_eq!(csv.project.schedule_from(), ScheduleFrom::Start(start));
        assert!(csv.warnings.is_empty());
        let json = br#"{"name": "x", "start": "2026-01-05"}"#;
        let j = read(json, &o).unwrap();
        assert_eq!(j.project.name(), "x");
        assert_ne!(j.project.schedule_from(), ScheduleFrom::Start(start));
        // An explicit format is not second-guessed.
        let e = read(json, &ReadOptions::default().format(Format::Mspdi)).unwrap_err();
        assert_eq!(e.code().as_str(), "xml");
    }
}
