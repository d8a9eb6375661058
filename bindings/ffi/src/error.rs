//! Errors: the core's [`jindu::Error`] becomes a [`JinduError`], which Python raises as a
//! `JinduError` subclass and Kotlin throws as a `JinduException` subclass.
//!
//! Every variant carries the same four fields: the stable `code` of the core error (e.g.
//! `"cycle"`, `"unknown_task"`), the key of the offending task (`task_id`), the offending field
//! as named in the JSON format (`field`) and the core's message (`detail`). Variants group the
//! codes by what a caller would do about them; the code tells them apart within a group.
//! [`JinduError::File`], for files that cannot be read, also says where in the file: the
//! format, line, column, element (MSPDI), header (CSV) and offending value.
//!
//! Nothing panics across the boundary: [`guard`] catches a panic (a bug in jindu) and returns
//! it as [`JinduError::Internal`] instead of unwinding into the host.

use std::panic::{catch_unwind, AssertUnwindSafe};

use jindu::ErrorCode;

/// An error from jindu, with a stable `code` and the task and field it is about.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum JinduError {
    /// The document or edit cannot be read: not JSON, an unknown or mistyped field, a value that
    /// does not parse, an unsupported version or a size limit; or a format jindu does not write
    /// (codes `json`, `parse`, `unsupported_version`, `limit`, `unsupported_format`).
    #[error("{detail}")]
    Input {
        /// The stable error code.
        code: String,
        /// The key of the task the error is about, if any.
        task_id: Option<String>,
        /// The field the error is about, as named in the JSON format, if any.
        field: Option<String>,
        /// What is wrong, as the core words it.
        detail: String,
        /// The JSON path of the offending value (`tasks[1].duraton`), when the error is
        /// about one.
        path: Option<String>,
        /// The 1-based line of the offending text, for JSON text that does not read.
        line: Option<u32>,
        /// The 1-based column, with `line`.
        column: Option<u32>,
    },
    /// A value is read but not allowed: a bad field value, a duplicate key or link, a link to
    /// itself or one a summary task may not have, a calendar with no working time (codes
    /// `invalid`, `duplicate_task`, `duplicate_calendar`, `duplicate_resource`, `duplicate_link`,
    /// `self_link`, `summary_link`, `no_working_time`).
    #[error("{detail}")]
    Invalid {
        /// The stable error code.
        code: String,
        /// The key of the task the error is about, if any.
        task_id: Option<String>,
        /// The field the error is about, as named in the JSON format, if any.
        field: Option<String>,
        /// What is wrong, as the core words it.
        detail: String,
        /// The JSON path of the offending value in the document read
        /// (`calendars[0].exceptions[2].date`), when it came from one.
        path: Option<String>,
    },
    /// A task, link, calendar or resource is referred to but does not exist (codes
    /// `unknown_task`, `unknown_calendar`, `unknown_resource`, `no_such_task`, `no_such_link`).
    #[error("{detail}")]
    NotFound {
        /// The stable error code.
        code: String,
        /// The key of the task the error is about, if any.
        task_id: Option<String>,
        /// The field the error is about, as named in the JSON format, if any.
        field: Option<String>,
        /// What is wrong, as the core words it.
        detail: String,
    },
    /// Links, summary tasks or calendar bases form a loop (codes `cycle`, `hierarchy_cycle`,
    /// `calendar_cycle`); `task_id` is a task on the loop.
    #[error("{detail}")]
    Cycle {
        /// The stable error code.
        code: String,
        /// The key of a task on the loop, if any.
        task_id: Option<String>,
        /// The field the error is about, if any.
        field: Option<String>,
        /// The loop, as the core words it.
        detail: String,
    },
    /// Scheduling failed for another reason (code `calendar_exhausted`; `cancelled` when a
    /// run's cancel token stopped it before it did anything; and codes added to the core
    /// later).
    #[error("{detail}")]
    Other {
        /// The stable error code.
        code: String,
        /// The key of the task the error is about, if any.
        task_id: Option<String>,
        /// The field the error is about, if any.
        field: Option<String>,
        /// What is wrong, as the core words it.
        detail: String,
    },
    /// A file cannot be read: it is not valid MSPDI, CSV or PSPLIB (codes `xml`, `import`), its
    /// format cannot be told (`unknown_format`), or it cannot be opened (`io`). Nothing was
    /// imported. JSON documents report `json` errors as [`JinduError::Input`].
    #[error("{detail}")]
    File {
        /// The stable error code.
        code: String,
        /// The key of the task the error is about, if any.
        task_id: Option<String>,
        /// The field the error is about (a CSV cell's header), if any.
        field: Option<String>,
        /// What is wrong, as the core words it.
        detail: String,
        /// The format being read (`"mspdi"`, `"csv"` or `"psplib"`), when known.
        format: Option<String>,
        /// The 1-based line of the offending value, when the error is about one.
        line: Option<u32>,
        /// The 1-based column (characters; a CSV cell's field number), when known.
        column: Option<u32>,
        /// The MSPDI element path, e.g. `Task/Duration`, when known.
        element: Option<String>,
        /// The CSV column's header as written, for an error about a cell.
        header: Option<String>,
        /// The offending text, when there is one.
        value: Option<String>,
    },
    /// A bug in jindu (a panic caught at the boundary); code `internal`. Please report it.
    #[error("{detail}")]
    Internal {
        /// Always `"internal"`.
        code: String,
        /// Always absent.
        task_id: Option<String>,
        /// Always absent.
        field: Option<String>,
        /// The panic message.
        detail: String,
    },
}

impl JinduError {
    /// The stable error code, e.g. `"cycle"`.
    pub fn code(&self) -> &str {
        self.parts().0
    }

    /// The key of the task the error is about, if any.
    pub fn task_id(&self) -> Option<&str> {
        self.parts().1
    }

    /// The field the error is about, if any.
    pub fn field(&self) -> Option<&str> {
        self.parts().2
    }

    /// The message.
    pub fn detail(&self) -> &str {
        self.parts().3
    }

    /// The JSON path of the offending value, if any.
    pub fn path(&self) -> Option<&str> {
        match self {
            JinduError::Input { path, .. } | JinduError::Invalid { path, .. } => path.as_deref(),
            _ => None,
        }
    }

    fn parts(&self) -> (&str, Option<&str>, Option<&str>, &str) {
        match self {
            JinduError::Input {
                code,
                task_id,
                field,
                detail,
                ..
            }
            | JinduError::Invalid {
                code,
                task_id,
                field,
                detail,
                ..
            }
            | JinduError::NotFound {
                code,
                task_id,
                field,
                detail,
            }
            | JinduError::Cycle {
                code,
                task_id,
                field,
                detail,
            }
            | JinduError::Other {
                code,
                task_id,
                field,
                detail,
            }
            | JinduError::File {
                code,
                task_id,
                field,
                detail,
                ..
            }
            | JinduError::Internal {
                code,
                task_id,
                field,
                detail,
            } => (code, task_id.as_deref(), field.as_deref(), detail),
        }
    }

    /// A file that cannot be opened or read (code `io`).
    pub fn io(detail: impl Into<String>) -> JinduError {
        JinduError::File {
            code: "io".to_owned(),
            task_id: None,
            field: None,
            detail: detail.into(),
            format: None,
            line: None,
            column: None,
            element: None,
            header: None,
            value: None,
        }
    }

    /// An error for a bug caught at the boundary.
    pub fn internal(detail: impl Into<String>) -> JinduError {
        JinduError::Internal {
            code: "internal".to_owned(),
            task_id: None,
            field: None,
            detail: detail.into(),
        }
    }
}

impl From<jindu::Error> for JinduError {
    fn from(e: jindu::Error) -> JinduError {
        let code = e.code().as_str().to_owned();
        let task_id = e.task_id().map(|t| t.as_str().to_owned());
        let field = e.field().map(str::to_owned);
        let path = e.path().map(str::to_owned);
        let detail = e.to_string();
        let num = |n: usize| (n > 0).then(|| u32::try_from(n).unwrap_or(u32::MAX));
        let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
        match &e {
            jindu::Error::Xml(x) => {
                return JinduError::File {
                    code,
                    task_id,
                    field,
                    detail,
                    format: Some("mspdi".to_owned()),
                    line: num(x.line),
                    column: num(x.line).and(num(x.column)),
                    element: text(&x.element),
                    header: None,
                    value: None,
                }
            }
            jindu::Error::Import(i) => {
                return JinduError::File {
                    code,
                    task_id,
                    field,
                    detail,
                    format: Some(i.format.to_owned()),
                    line: num(i.line),
                    column: num(i.line).and(num(i.column)),
                    element: None,
                    header: i.header.clone(),
                    value: i.value.clone(),
                }
            }
            jindu::Error::UnknownFormat { .. } => {
                return JinduError::File {
                    code,
                    task_id,
                    field,
                    detail,
                    format: None,
                    line: None,
                    column: None,
                    element: None,
                    header: None,
                    value: None,
                }
            }
            _ => {}
        }
        match e.code() {
            ErrorCode::Json
            | ErrorCode::Parse
            | ErrorCode::UnsupportedVersion
            | ErrorCode::UnsupportedFormat
            | ErrorCode::Limit => {
                let (line, column) = e.position().map_or((None, None), |(l, c)| (num(l), num(c)));
                JinduError::Input {
                    code,
                    task_id,
                    field,
                    detail,
                    path,
                    line,
                    column,
                }
            }
            ErrorCode::Invalid
            | ErrorCode::DuplicateTask
            | ErrorCode::DuplicateCalendar
            | ErrorCode::DuplicateResource
            | ErrorCode::DuplicateLink
            | ErrorCode::SelfLink
            | ErrorCode::SummaryLink
            | ErrorCode::NoWorkingTime => JinduError::Invalid {
                code,
                task_id,
                field,
                detail,
                path,
            },
            ErrorCode::UnknownTask
            | ErrorCode::UnknownCalendar
            | ErrorCode::UnknownResource
            | ErrorCode::NoSuchTask
            | ErrorCode::NoSuchLink => JinduError::NotFound {
                code,
                task_id,
                field,
                detail,
            },
            ErrorCode::Cycle | ErrorCode::HierarchyCycle | ErrorCode::CalendarCycle => {
                JinduError::Cycle {
                    code,
                    task_id,
                    field,
                    detail,
                }
            }
            _ => JinduError::Other {
                code,
                task_id,
                field,
                detail,
            },
        }
    }
}

/// A JSON error for an argument the binding itself rejects (code `json`, like any other
/// unreadable input).
pub fn bad_argument(message: impl Into<String>) -> JinduError {
    jindu::Error::json(message).into()
}

/// Runs `f`, turning a panic into [`JinduError::Internal`] so that no panic unwinds into the
/// host language.
pub fn guard<T>(f: impl FnOnce() -> Result<T, JinduError>) -> Result<T, JinduError> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(payload) => Err(JinduError::internal(jindu::internal_message(
            payload.as_ref(),
        ))),
    }
}

/// [`guard`] around `f` on the value behind `m`, the state of a binding object (a scheduler, a
/// run); a lock poisoned by an earlier caught panic is [`JinduError::Internal`] with `poisoned`.
pub fn guard_locked<S, T>(
    m: &std::sync::Mutex<S>,
    poisoned: &str,
    f: impl FnOnce(&mut S) -> jindu::Result<T>,
) -> Result<T, JinduError> {
    guard(|| {
        let mut state = m.lock().map_err(|_| JinduError::internal(poisoned))?;
        Ok(f(&mut state)?)
    })
}

/// Panics with `message` inside [`guard`], to prove that a panic comes back as
/// [`JinduError::Internal`] (code `internal`, the message in `detail`) and that the library
/// still works afterwards. It exists only for the Python and Kotlin test suites; nothing else
/// should call it.
#[doc(hidden)]
#[uniffi::export]
#[allow(clippy::panic)]
pub fn force_panic_for_tests(message: String) -> Result<(), JinduError> {
    guard(|| panic!("{message}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_code_task_and_field() {
        let e: JinduError = jindu::io::json::read(
            r#"{"name":"x","start":"2026-01-05","tasks":[{"id":"A","duration":"2 days"}]}"#,
        )
        .unwrap_err()
        .into();
        assert!(matches!(e, JinduError::Invalid { .. }), "{e:?}");
        assert_eq!(e.code(), "invalid");
        assert_eq!(e.task_id(), Some("A"));
        assert_eq!(e.field(), Some("duration"));
        let e: JinduError = jindu::Error::Cycle {
            tasks: vec!["A".into(), "B".into(), "A".into()],
        }
        .into();
        assert!(matches!(e, JinduError::Cycle { .. }));
        assert_eq!(e.code(), "cycle");
        assert_eq!(e.task_id(), Some("A"));
        assert_eq!(e.to_string(), "dependency cycle: A -> B -> A");
        let e = bad_argument("expected an object");
        assert!(matches!(e, JinduError::Input { .. }));
        assert_eq!((e.code(), e.task_id()), ("json", None));
    }

    #[test]
    fn document_errors_keep_the_path_and_where_in_the_text() {
        let e: JinduError = jindu::io::json::read(
            "{\"name\":\"x\",\"start\":\"2026-01-05\",\n\"tasks\":[{\"id\":\"A\",\"duraton\":\"1d\"}]}",
        )
        .unwrap_err()
        .into();
        // Line 2: `"tasks":[{"id":"A","duraton"` ends at column 28 (9 + 10 + 9 characters).
        let JinduError::Input {
            path, line, column, ..
        } = &e
        else {
            panic!("{e:?}")
        };
        assert_eq!(
            (path.as_deref(), *line, *column),
            (Some("tasks[0].duraton"), Some(2), Some(28))
        );
        assert_eq!(
            (e.field(), e.path()),
            (Some("duraton"), Some("tasks[0].duraton"))
        );
        assert!(
            e.detail()
                .ends_with(" at `tasks[0].duraton` (line 2, column 28)"),
            "{e}"
        );
        let e: JinduError = jindu::io::json::read(
            r#"{"name":"x","start":"2026-01-05","calendars":[{"id":"c","week":{},"exceptions":[{"date":"2026-01-01"},{"date":"x"}]}]}"#,
        )
        .unwrap_err()
        .into();
        assert!(matches!(&e, JinduError::Invalid { .. }), "{e:?}");
        assert_eq!(e.path(), Some("calendars[0].exceptions[1].date"));
        assert_eq!(e.field(), Some("exceptions.date"));
        // Errors about no value of a document have no path.
        let e: JinduError = jindu::Error::SelfLink("A".into()).into();
        assert_eq!(e.path(), None);
    }

    #[test]
    fn file_errors_keep_where_they_are() {
        let e: JinduError = jindu::io::csv::read("id,duration\n1,2d\n2,two days\n")
            .unwrap_err()
            .into();
        let JinduError::File {
            code,
            format,
            line,
            column,
            header,
            value,
            element,
            ..
        } = &e
        else {
            panic!("{e:?}")
        };
        assert_eq!((code.as_str(), format.as_deref()), ("import", Some("csv")));
        assert_eq!((*line, *column), (Some(3), Some(2)));
        assert_eq!(
            (header.as_deref(), value.as_deref()),
            (Some("duration"), Some("two days"))
        );
        assert_eq!((element, e.field()), (&None, Some("duration")));
        let e: JinduError =
            jindu::io::mspdi::read(b"<Project>\n<StartDate>soon</StartDate></Project>")
                .unwrap_err()
                .into();
        let JinduError::File {
            format,
            line,
            element,
            ..
        } = &e
        else {
            panic!("{e:?}")
        };
        assert_eq!((format.as_deref(), *line), (Some("mspdi"), Some(2)));
        assert_eq!(element.as_deref(), Some("Project/StartDate"));
        let e: JinduError = jindu::io::read(b"?", &Default::default())
            .unwrap_err()
            .into();
        assert!(matches!(e, JinduError::File { line: None, .. }), "{e:?}");
        assert_eq!(e.code(), "unknown_format");
        let e = JinduError::io("cannot read x.xml: not found");
        assert_eq!(
            (e.code(), e.detail()),
            ("io", "cannot read x.xml: not found")
        );
    }

    #[test]
    fn guard_turns_a_panic_into_an_internal_error() {
        let r: Result<(), JinduError> = guard(|| panic!("boom {}", 1));
        let e = r.unwrap_err();
        assert_eq!(e.code(), "internal");
        assert!(e.detail().ends_with("boom 1"), "{e}");
        assert_eq!(guard(|| Ok(3)), Ok(3));
        let e = force_panic_for_tests("forced".into()).unwrap_err();
        assert!(matches!(&e, JinduError::Internal { .. }), "{e:?}");
        assert_eq!(
            e.detail(),
            "internal error in jindu (please report it): forced"
        );
    }
}
