//! Pictures: SVG charts (Gantt, resource histogram, risk S-curve and tornado, earned-value
//! curves, fever chart) drawn from the results of the other capabilities.
//!
//! Architecture invariant: rendering only reads public result types (a
//! [`Schedule`](crate::Schedule), loading, risk and tracking results) and returns SVG text; it
//! computes no schedule of its own and has no I/O.
