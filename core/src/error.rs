//! Errors: one structured enum with a stable machine-readable code.

use std::fmt;

use crate::id::{CalendarId, ResourceId, TaskId};

/// The result type of every fallible jindu operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The item of a project that an error is about.
///
/// ```
/// use jindu::Item;
/// assert_eq!(Item::Task("A".into()).to_string(), "task `A`");
/// assert_eq!(Item::Link { from: "A".into(), to: "B".into() }.to_string(), "link `A` -> `B`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Item {
    /// The project itself (its header fields).
    Project,
    /// A task, by key.
    Task(TaskId),
    /// A link, by its predecessor and successor keys.
    Link {
        /// The predecessor's key.
        from: TaskId,
        /// The successor's key.
        to: TaskId,
    },
    /// A calendar, by key.
    Calendar(CalendarId),
    /// A resource, by key.
    Resource(ResourceId),
    /// An assignment of a resource to a task.
    Assignment {
        /// The task's key.
        task: TaskId,
        /// The resource's key.
        resource: ResourceId,
    },
    /// An element of an input document that has no key of its own, by its path
    /// (e.g. `tasks[3]`).
    Path(String),
    /// A risk event of the risk register, by key.
    Risk(String),
}

impl Item {
    /// The key of the task this item is or belongs to, if any (the successor for a link).
    pub fn task_id(&self) -> Option<&TaskId> {
        match self {
            Item::Task(t) => Some(t),
            Item::Link { to, .. } => Some(to),
            Item::Assignment { task, .. } => Some(task),
            _ => None,
        }
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Project => f.write_str("project"),
            Item::Task(t) => write!(f, "task `{t}`"),
            Item::Link { from, to } => write!(f, "link `{from}` -> `{to}`"),
            Item::Calendar(c) => write!(f, "calendar `{c}`"),
            Item::Resource(r) => write!(f, "resource `{r}`"),
            Item::Assignment { task, resource } => {
                write!(f, "assignment of resource `{resource}` to task `{task}`")
            }
            Item::Path(p) => f.write_str(p),
            Item::Risk(r) => write!(f, "risk `{r}`"),
        }
    }
}

/// Everything that can go wrong in jindu.
///
/// Variants carry the keys of the offending items, never only prose, and each has a stable
/// [`ErrorCode`] for programs (bindings expose it as `code`).
///
/// ```
/// use jindu::{Error, ErrorCode};
/// let e = Error::Cycle { tasks: vec!["A".into(), "C".into(), "B".into(), "A".into()] };
/// assert_eq!(e.to_string(), "dependency cycle: A -> C -> B -> A");
/// assert_eq!(e.code(), ErrorCode::Cycle);
/// assert_eq!(e.code().as_str(), "cycle");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A value could not be parsed (a date, a duration, a working-time interval, …).
    #[error("invalid {what} {value:?}: {reason}")]
    Parse {
        /// What kind of value was expected.
        what: &'static str,
        /// The text that was given.
        value: String,
        /// Why it was rejected.
        reason: String,
    },
    /// A field of an item holds a value that is not allowed.
    ///
    /// Read from a JSON document, the error also has the JSON path of the value
    /// (`calendars[0].exceptions[2].date`); the message then names the field by its path
    /// within the item (`exceptions[2].date`).
    ///
    /// ```
    /// let e = jindu::io::json::read(r#"{"name": "x", "start": "2026-01-05",
    ///     "tasks": [{"id": "A", "duration": "1d", "baselines": [{}, {"start": "soon"}]}]}"#)
    ///     .unwrap_err();
    /// assert_eq!(e.path(), Some("tasks[0].baselines[1].start"));
    /// assert_eq!(e.field(), Some("baselines.start"));
    /// assert!(e.to_string().starts_with("task `A`: field `baselines[1].start`: invalid date-time"));
    /// ```
    #[error("{item}: field `{}`: {message}", within_item(path.as_deref().map(String::as_str), field))]
    Invalid {
        /// The offending item.
        item: Item,
        /// The field name as in the JSON format (nested fields joined with `.`, without
        /// list indices: `exceptions.date`).
        field: String,
        /// What is wrong and how to fix it.
        message: String,
        /// The JSON path of the offending value in the document read, when it came from one
        /// (`tasks[1].duration`, `calendars[0].exceptions[2].date`; `start` for a project
        /// field). Boxed to keep [`Error`] small: a `Box<String>` is one pointer.
        #[allow(clippy::box_collection)]
        path: Option<Box<String>>,
    },
    /// A task key is used but no task has it.
    #[error("unknown task `{id}` (referenced by {by})")]
    UnknownTask {
        /// The missing key.
        id: TaskId,
        /// Who referenced it.
        by: Item,
    },
    /// Two tasks have the same key.
    #[error("duplicate task id `{0}`: task keys must be unique")]
    DuplicateTask(TaskId),
    /// A calendar key is used but no calendar has it.
    #[error("unknown calendar `{id}` (referenced by {by})")]
    UnknownCalendar {
        /// The missing key.
        id: CalendarId,
        /// Who referenced it.
        by: Item,
    },
    /// Two calendars have the same key.
    #[error("duplicate calendar id `{0}`")]
    DuplicateCalendar(CalendarId),
    /// A resource key is used but no resource has it.
    #[error("unknown resource `{id}` (referenced by {by})")]
    UnknownResource {
        /// The missing key.
        id: ResourceId,
        /// Who referenced it.
        by: Item,
    },
    /// Two resources have the same key.
    #[error("duplicate resource id `{0}`")]
    DuplicateResource(ResourceId),
    /// A link from a task to itself.
    #[error("task `{0}` cannot be linked to itself")]
    SelfLink(TaskId),
    /// A second link between the same two tasks.
    #[error("tasks `{from}` and `{to}` are already linked; only one link per pair is allowed")]
    DuplicateLink {
        /// One task of the pair.
        from: TaskId,
        /// The other task of the pair.
        to: TaskId,
    },
    /// The links form a cycle; `tasks` lists one cycle in order, first task repeated at the end.
    #[error("dependency cycle: {}", join_ids(tasks))]
    Cycle {
        /// The tasks of one cycle, e.g. `A, C, B, A`.
        tasks: Vec<TaskId>,
    },
    /// The summary (parent) relation forms a loop.
    #[error("summary hierarchy loop: {}", join_ids(tasks))]
    HierarchyCycle {
        /// The tasks of the loop, each the parent of the next.
        tasks: Vec<TaskId>,
    },
    /// A link that Microsoft Project does not allow on summary tasks.
    #[error("{link}: {reason}")]
    SummaryLink {
        /// The link.
        link: Item,
        /// Why it is not allowed.
        reason: String,
    },
    /// A calendar (after inheritance) has no working time at all.
    #[error("calendar `{0}` has no working time: give it working hours on at least one weekday")]
    NoWorkingTime(CalendarId),
    /// Date arithmetic ran past the end of a calendar's working time or the supported range.
    #[error("{item}: no working time on calendar `{calendar}` {direction} {at}")]
    CalendarExhausted {
        /// The calendar.
        calendar: CalendarId,
        /// The item whose dates were being computed.
        item: Item,
        /// `"after"` or `"before"`.
        direction: &'static str,
        /// Where the search started.
        at: String,
    },
    /// Calendars inherit from each other in a loop.
    #[error("calendar base loop: {}", join_ids(calendars))]
    CalendarCycle {
        /// The calendars of the loop.
        calendars: Vec<CalendarId>,
    },
    /// A JSON document could not be read (boxed to keep [`Error`] small).
    #[error("{0}")]
    Json(Box<JsonError>),
    /// An XML (MSPDI) document could not be read (boxed to keep [`Error`] small).
    #[error("{0}")]
    Xml(Box<XmlError>),
    /// An imported file (CSV task list, PSPLIB instance) could not be read; nothing was
    /// imported (boxed to keep [`Error`] small).
    #[error("{0}")]
    Import(Box<ImportError>),
    /// The document declares a format version this build does not read.
    #[error("unsupported document version {0}: this jindu reads version 1")]
    UnsupportedVersion(u64),
    /// An edit refers to a task that was removed or never existed.
    #[error("task index {0} is not in the project")]
    NoSuchTask(u32),
    /// An edit refers to a link that does not exist.
    #[error("there is no link from `{from}` to `{to}`")]
    NoSuchLink {
        /// The predecessor's key.
        from: TaskId,
        /// The successor's key.
        to: TaskId,
    },
    /// A long computation (a Monte Carlo simulation) was cancelled through its cancel token
    /// before it had a result to return.
    #[error("cancelled before the first iterations completed")]
    Cancelled,
    /// The format of a file could not be told from its content or its name; see
    /// [`Format::detect`](crate::io::Format::detect).
    #[error(
        "cannot tell the format of {}: expected a jindu JSON document, Microsoft Project XML \
         (MSPDI), a CSV task list with a header row or a PSPLIB instance; give the format, or \
         a file name ending in .json, .xml, .csv, .tsv or .sm",
        file.as_deref().map_or_else(|| "the input".to_owned(), |f| format!("`{f}`"))
    )]
    UnknownFormat {
        /// The file's name, when one was given.
        file: Option<String>,
    },
    /// A format jindu reads but does not write; see
    /// [`Format::is_writable`](crate::io::Format::is_writable).
    #[error("jindu does not write {format} files: write a jindu JSON document (json) or Microsoft Project XML (mspdi)")]
    UnsupportedFormat {
        /// The format asked for.
        format: crate::io::Format,
    },
    /// The input exceeds a configured limit (tasks, links, nesting, size).
    #[error("limit exceeded: {what} ({actual} > {limit})")]
    Limit {
        /// Which limit.
        what: &'static str,
        /// The limit.
        limit: u64,
        /// The value found.
        actual: u64,
    },
}

/// Where and why a JSON document could not be read; see [`Error::Json`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// The item the error is in, when known.
    pub item: Option<Item>,
    /// The JSON path of the offending value, e.g. `tasks[3].duration`.
    pub path: String,
    /// 1-based line (0 if unknown).
    pub line: usize,
    /// 1-based column (0 if unknown).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(i) = &self.item {
            write!(f, "{i}: ")?;
        }
        write!(
            f,
            "{}{}",
            self.message,
            location(self.line, self.column, &self.path)
        )
    }
}

/// Where and why an XML (MSPDI) document could not be read; see [`Error::Xml`].
///
/// ```
/// let e = jindu::io::mspdi::read(b"<Project><Tasks><Task><UID>1</UID>").unwrap_err();
/// let jindu::Error::Xml(x) = &e else { panic!("{e}") };
/// assert_eq!(x.line, 1);
/// assert_eq!(e.code().as_str(), "xml");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    /// The item the error is in, when known (a task by its UID, a calendar, a resource).
    pub item: Option<Item>,
    /// The element path of the offending value, e.g. `Tasks/Task/Duration` (may be empty).
    pub element: String,
    /// 1-based line (0 if unknown).
    pub line: usize,
    /// 1-based column in characters (0 if unknown).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(i) = &self.item {
            write!(f, "{i}: ")?;
        }
        f.write_str(&self.message)?;
        if !self.element.is_empty() {
            write!(f, " in <{}>", self.element)?;
        }
        if self.line > 0 {
            write!(f, " (line {}, column {})", self.line, self.column)?;
        }
        Ok(())
    }
}

/// Where and why an imported file could not be read; see [`Error::Import`].
///
/// ```
/// let e = jindu::io::csv::read("id,duration\n1,2d\n2,two days\n").unwrap_err();
/// let jindu::Error::Import(i) = &e else { panic!("{e}") };
/// assert_eq!((i.line, i.column), (3, 2));
/// assert_eq!(i.header.as_deref(), Some("duration"));
/// assert_eq!(i.value.as_deref(), Some("two days"));
/// assert_eq!(e.code(), jindu::ErrorCode::Import);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The format being read: `"csv"` or `"psplib"`.
    pub format: &'static str,
    /// 1-based line of the offending value (0 if the error is about the whole file).
    pub line: usize,
    /// 1-based column (the field number in a CSV row; 0 if the error is about a whole line).
    pub column: usize,
    /// The column's header as written in the file, when the error is about a CSV cell.
    pub header: Option<String>,
    /// The offending text, when there is one (at most 200 characters).
    pub value: Option<String>,
    /// What is wrong and how to fix it.
    pub message: String,
    /// The core error behind this one (e.g. [`Error::DuplicateTask`], [`Error::UnknownTask`],
    /// [`Error::SelfLink`], [`Error::Parse`], [`Error::Limit`]), when there is one.
    pub cause: Option<Error>,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.format)?;
        if self.line > 0 {
            write!(f, " line {}", self.line)?;
        }
        if self.column > 0 {
            write!(f, ", column {}", self.column)?;
        }
        if let Some(h) = &self.header {
            write!(f, " ({h})")?;
        }
        f.write_str(": ")?;
        if let Some(v) = &self.value {
            write!(f, "{v:?}: ")?;
        }
        f.write_str(&self.message)
    }
}

fn join_ids<T: fmt::Display>(ids: &[T]) -> String {
    ids.iter()
        .map(|t| t.to_string())
        .collect::<Vec<_>>()
        .join(" -> ")
}

/// The field of an [`Error::Invalid`] as its message names it: by its path within the item
/// when there is one (`exceptions[2].date` of `calendars[0].exceptions[2].date`), else by name.
fn within_item<'a>(path: Option<&'a str>, field: &'a str) -> &'a str {
    let Some(path) = path else { return field };
    match path.split_once("].") {
        // `list[k].rest`: the item is the list's element.
        Some((head, rest)) if !head.contains('.') => rest,
        _ => path,
    }
}

fn location(line: usize, column: usize, path: &str) -> String {
    let mut s = String::new();
    if !path.is_empty() {
        s.push_str(&format!(" at `{path}`"));
    }
    if line > 0 {
        s.push_str(&format!(" (line {line}, column {column})"));
    }
    s
}

/// A stable, machine-readable error category, the same in every language binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
#[allow(missing_docs)]
pub enum ErrorCode {
    Parse,
    Invalid,
    UnknownTask,
    DuplicateTask,
    UnknownCalendar,
    DuplicateCalendar,
    UnknownResource,
    DuplicateResource,
    SelfLink,
    DuplicateLink,
    Cycle,
    HierarchyCycle,
    SummaryLink,
    NoWorkingTime,
    CalendarExhausted,
    CalendarCycle,
    Json,
    Xml,
    Import,
    UnsupportedVersion,
    NoSuchTask,
    NoSuchLink,
    Limit,
    Cancelled,
    UnknownFormat,
    UnsupportedFormat,
}

impl ErrorCode {
    /// The snake_case code, e.g. `"unknown_task"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Parse => "parse",
            ErrorCode::Invalid => "invalid",
            ErrorCode::UnknownTask => "unknown_task",
            ErrorCode::DuplicateTask => "duplicate_task",
            ErrorCode::UnknownCalendar => "unknown_calendar",
            ErrorCode::DuplicateCalendar => "duplicate_calendar",
            ErrorCode::UnknownResource => "unknown_resource",
            ErrorCode::DuplicateResource => "duplicate_resource",
            ErrorCode::SelfLink => "self_link",
            ErrorCode::DuplicateLink => "duplicate_link",
            ErrorCode::Cycle => "cycle",
            ErrorCode::HierarchyCycle => "hierarchy_cycle",
            ErrorCode::SummaryLink => "summary_link",
            ErrorCode::NoWorkingTime => "no_working_time",
            ErrorCode::CalendarExhausted => "calendar_exhausted",
            ErrorCode::CalendarCycle => "calendar_cycle",
            ErrorCode::Json => "json",
            ErrorCode::Xml => "xml",
            ErrorCode::Import => "import",
            ErrorCode::UnsupportedVersion => "unsupported_version",
            ErrorCode::NoSuchTask => "no_such_task",
            ErrorCode::NoSuchLink => "no_such_link",
            ErrorCode::Limit => "limit",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::UnknownFormat => "unknown_format",
            ErrorCode::UnsupportedFormat => "unsupported_format",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// A JSON error with only a message (no position or item): for input a host hands over
    /// that is not JSON text or a JSON value at all, reported with the code `json` like any
    /// other unreadable input.
    ///
    /// ```
    /// let e = jindu::Error::json("expected a project document");
    /// assert_eq!(e.code(), jindu::ErrorCode::Json);
    /// assert_eq!(e.to_string(), "expected a project document");
    /// ```
    pub fn json(message: impl Into<String>) -> Error {
        Error::Json(Box::new(JsonError {
            item: None,
            path: String::new(),
            line: 0,
            column: 0,
            message: message.into(),
        }))
    }

    pub(crate) fn parse(what: &'static str, value: &str, reason: &str) -> Error {
        Error::Parse {
            what,
            value: value.chars().take(200).collect(),
            reason: reason.to_owned(),
        }
    }

    pub(crate) fn invalid(item: Item, field: &str, message: impl Into<String>) -> Error {
        Error::Invalid {
            item,
            field: field.to_owned(),
            message: message.into(),
            path: None,
        }
    }

    /// Records that this error is about element `k` of the list `list` of a JSON document
    /// (`tasks`, or `exceptions` within a calendar): an [`Error::Invalid`] whose field is in
    /// that element gets the element in front of its path (`exceptions.date` at 2 becomes
    /// `exceptions[2].date`; then `calendars` at 0 makes it `calendars[0].exceptions[2].date`).
    /// A field not under `list` (a nested list's own errors, `week` of a calendar) is put
    /// under the element as it is. Other errors pass through.
    pub(crate) fn in_list(self, list: &str, k: usize) -> Error {
        match self {
            Error::Invalid {
                item,
                field,
                message,
                path,
            } => {
                let rest = path.as_deref().map_or(field.as_str(), String::as_str);
                let path = match rest.strip_prefix(list) {
                    // A nested list: its field starts with the list's name.
                    Some(r) if r.is_empty() || r.starts_with('.') => format!("{list}[{k}]{r}"),
                    _ => format!("{list}[{k}].{rest}"),
                };
                Error::Invalid {
                    item,
                    field,
                    message,
                    path: Some(Box::new(path)),
                }
            }
            e => e,
        }
    }

    /// Records that this error is about a field at the top of a JSON document (a project
    /// field, `options.status_date`): an [`Error::Invalid`] about the project without a path
    /// gets its field as its path. Other errors pass through.
    pub(crate) fn at_top(self) -> Error {
        match self {
            Error::Invalid {
                item: item @ Item::Project,
                field,
                message,
                path: None,
            } => Error::Invalid {
                path: Some(Box::new(field.clone())),
                item,
                field,
                message,
            },
            e => e,
        }
    }

    /// This error with `path` as the path of its [`Error::Invalid`]; other errors pass through.
    pub(crate) fn with_path(self, path: impl FnOnce() -> String) -> Error {
        match self {
            Error::Invalid {
                item,
                field,
                message,
                ..
            } => Error::Invalid {
                item,
                field,
                message,
                path: Some(Box::new(path())),
            },
            e => e,
        }
    }

    /// The JSON path of the offending value, when the error is about a value of a JSON
    /// document ([`Error::Json`], and [`Error::Invalid`] from the document reader).
    ///
    /// ```
    /// let e = jindu::io::json::read(r#"{"name": "x", "start": "2026-01-05",
    ///     "tasks": [{"id": "A", "duration": "1d"}, {"id": "B", "duraton": "2d"}]}"#).unwrap_err();
    /// assert_eq!(e.path(), Some("tasks[1].duraton"));
    /// let e = jindu::io::json::read(r#"{"name": "x", "start": "soon", "tasks": []}"#).unwrap_err();
    /// assert_eq!(e.path(), Some("start"));
    /// ```
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::Invalid { path, .. } => path.as_deref().map(String::as_str),
            Error::Json(j) if !j.path.is_empty() => Some(&j.path),
            _ => None,
        }
    }

    /// Where in the text the error is: the 1-based line and column of a JSON, XML (MSPDI),
    /// CSV or PSPLIB error, when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        let (line, column) = match self {
            Error::Json(j) => (j.line, j.column),
            Error::Xml(x) => (x.line, x.column),
            Error::Import(i) => (i.line, i.column),
            _ => (0, 0),
        };
        (line > 0).then_some((line, column))
    }

    /// This error without its line and column in JSON text: for a binding that wrote the text
    /// itself from a host value (a Python dict, a JavaScript object), where the position is in
    /// text its caller never saw; the [path](Error::path) still says where the value is.
    /// Other errors pass through.
    ///
    /// ```
    /// let e = jindu::io::json::read(r#"{"name":"x","start":"2026-01-05","tasks":[{"id":"A","duraton":"1d"}]}"#)
    ///     .unwrap_err();
    /// assert!(e.to_string().ends_with("at `tasks[0].duraton` (line 1, column 61)"), "{e}");
    /// let e = e.without_text_position();
    /// assert!(e.to_string().ends_with("at `tasks[0].duraton`"), "{e}");
    /// assert_eq!(e.position(), None);
    /// ```
    pub fn without_text_position(self) -> Error {
        match self {
            Error::Json(mut j) => {
                j.line = 0;
                j.column = 0;
                Error::Json(j)
            }
            e => e,
        }
    }

    /// Attaches an item and field to a bare [`Error::Parse`]; other errors pass through.
    pub(crate) fn at(self, item: &Item, field: &str) -> Error {
        match self {
            Error::Parse {
                what,
                value,
                reason,
            } => Error::Invalid {
                item: item.clone(),
                field: field.to_owned(),
                message: format!("invalid {what} {value:?}: {reason}"),
                path: None,
            },
            e => e,
        }
    }

    /// The stable category of this error.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Parse { .. } => ErrorCode::Parse,
            Error::Invalid { .. } => ErrorCode::Invalid,
            Error::UnknownTask { .. } => ErrorCode::UnknownTask,
            Error::DuplicateTask(_) => ErrorCode::DuplicateTask,
            Error::UnknownCalendar { .. } => ErrorCode::UnknownCalendar,
            Error::DuplicateCalendar(_) => ErrorCode::DuplicateCalendar,
            Error::UnknownResource { .. } => ErrorCode::UnknownResource,
            Error::DuplicateResource(_) => ErrorCode::DuplicateResource,
            Error::SelfLink(_) => ErrorCode::SelfLink,
            Error::DuplicateLink { .. } => ErrorCode::DuplicateLink,
            Error::Cycle { .. } => ErrorCode::Cycle,
            Error::HierarchyCycle { .. } => ErrorCode::HierarchyCycle,
            Error::SummaryLink { .. } => ErrorCode::SummaryLink,
            Error::NoWorkingTime(_) => ErrorCode::NoWorkingTime,
            Error::CalendarExhausted { .. } => ErrorCode::CalendarExhausted,
            Error::CalendarCycle { .. } => ErrorCode::CalendarCycle,
            Error::Json(_) => ErrorCode::Json,
            Error::Xml(_) => ErrorCode::Xml,
            Error::Import(_) => ErrorCode::Import,
            Error::UnsupportedVersion(_) => ErrorCode::UnsupportedVersion,
            Error::NoSuchTask(_) => ErrorCode::NoSuchTask,
            Error::NoSuchLink { .. } => ErrorCode::NoSuchLink,
            Error::Limit { .. } => ErrorCode::Limit,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::UnknownFormat { .. } => ErrorCode::UnknownFormat,
            Error::UnsupportedFormat { .. } => ErrorCode::UnsupportedFormat,
        }
    }

    /// The key of the task the error is about, when there is one.
    ///
    /// ```
    /// let e = jindu::Error::SelfLink("A".into());
    /// assert_eq!(e.task_id().map(|t| t.as_str()), Some("A"));
    /// ```
    pub fn task_id(&self) -> Option<&TaskId> {
        match self {
            Error::Invalid { item, .. } | Error::CalendarExhausted { item, .. } => item.task_id(),
            Error::UnknownTask { id, .. } => Some(id),
            Error::DuplicateTask(t) | Error::SelfLink(t) => Some(t),
            Error::DuplicateLink { to, .. } | Error::NoSuchLink { to, .. } => Some(to),
            Error::Cycle { tasks } | Error::HierarchyCycle { tasks } => tasks.first(),
            Error::SummaryLink { link, .. } => link.task_id(),
            Error::Json(j) => j.item.as_ref().and_then(Item::task_id),
            Error::Xml(x) => x.item.as_ref().and_then(Item::task_id),
            Error::Import(i) => i.cause.as_ref().and_then(Error::task_id),
            Error::UnknownCalendar { by, .. } | Error::UnknownResource { by, .. } => by.task_id(),
            _ => None,
        }
    }

    /// The item the error is about, when there is one.
    pub fn item(&self) -> Option<&Item> {
        match self {
            Error::Invalid { item, .. } | Error::CalendarExhausted { item, .. } => Some(item),
            Error::UnknownTask { by, .. }
            | Error::UnknownCalendar { by, .. }
            | Error::UnknownResource { by, .. } => Some(by),
            Error::SummaryLink { link, .. } => Some(link),
            Error::Json(j) => j.item.as_ref(),
            Error::Xml(x) => x.item.as_ref(),
            Error::Import(i) => i.cause.as_ref().and_then(Error::item),
            _ => None,
        }
    }

    /// The offending field name, for errors about one field.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            Error::Json(j) if !j.path.is_empty() => {
                let last = j.path.rsplit('.').next().unwrap_or(&j.path);
                Some(last.split('[').next().unwrap_or(last))
            }
            Error::Import(i) => i.header.as_deref(),
            _ => None,
        }
    }
}

/// The message of an internal error: what a binding reports for a panic it caught at its
/// boundary (a bug in jindu), from the panic's payload. Every binding and the `jindu` command
/// word it so, with the code `internal`.
///
/// ```
/// let payload = std::panic::catch_unwind(|| panic!("boom {}", 1)).unwrap_err();
/// assert_eq!(jindu::internal_message(payload.as_ref()), "internal error in jindu (please report it): boom 1");
/// ```
pub fn internal_message(payload: &(dyn std::any::Any + Send)) -> String {
    let msg = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("unknown panic");
    format!("internal error in jindu (please report it): {msg}")
}
