//! Typed identifiers.
//!
//! Host products name things with their own string keys ([`TaskId`], [`CalendarId`],
//! [`ResourceId`]); the engine works on dense `u32` indices ([`TaskIndex`], [`LinkIndex`],
//! [`ResourceIndex`]) that a [`Project`](crate::Project) hands out.
//! Both are newtypes, so a task key can never be passed where a calendar key belongs.

use std::borrow::Borrow;
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        pub struct $name(String);

        impl $name {
            /// Wraps a key.
            pub fn new(key: impl Into<String>) -> Self {
                $name(key.into())
            }

            /// The key as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

string_id!(
    /// The host product's stable key for a task, e.g. `"PRJ-42"`.
    ///
    /// ```
    /// let id = jindu::TaskId::from("A");
    /// assert_eq!(id.as_str(), "A");
    /// ```
    TaskId
);
string_id!(
    /// The key of a calendar, e.g. `"standard"`.
    ///
    /// ```
    /// assert_eq!(jindu::CalendarId::from("standard").to_string(), "standard");
    /// ```
    CalendarId
);
string_id!(
    /// The key of a resource.
    ///
    /// ```
    /// assert_eq!(jindu::ResourceId::new("alice").as_str(), "alice");
    /// ```
    ResourceId
);

macro_rules! index_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
        pub struct $name(pub(crate) u32);

        impl $name {
            /// The index as a `usize`, for indexing slices.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            /// The raw `u32` value.
            pub fn get(self) -> u32 {
                self.0
            }

            /// Builds an index from a raw value (no check against any project).
            pub fn from_raw(v: u32) -> Self {
                $name(v)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "#{}", self.0)
            }
        }
    };
}

index_id!(
    /// The dense position of a task in its [`Project`](crate::Project) (0, 1, 2, …).
    ///
    /// ```
    /// let mut p = jindu::Project::new("p", "2026-01-05T08:00".parse()?);
    /// let a = p.add_task(jindu::Task::new("A", "First"))?;
    /// assert_eq!(a.index(), 0);
    /// # Ok::<(), jindu::Error>(())
    /// ```
    TaskIndex
);
index_id!(
    /// The dense position of a link in its [`Project`](crate::Project).
    ///
    /// ```
    /// assert_eq!(jindu::LinkIndex::from_raw(3).index(), 3);
    /// ```
    LinkIndex
);
index_id!(
    /// The dense position of a resource in its [`Project`](crate::Project).
    ///
    /// ```
    /// assert_eq!(jindu::ResourceIndex::from_raw(1).get(), 1);
    /// ```
    ResourceIndex
);
