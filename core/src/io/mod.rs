//! Readers and writers.
pub mod json;
pub mod mspdi;
