//! Readers and writers.
pub mod json;
