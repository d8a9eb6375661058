//! Risk: Monte Carlo schedule risk (distributions, correlation, risk events, evidence from
//! history), risk scores with their reasons, schedule health checks and forecasts.
//!
//! Architecture invariant: this module builds on the model and the schedule kernel (one
//! compiled [`Network`](crate::schedule::Network) re-run with replaced durations in a
//! [`Scenario`](crate::schedule::Scenario), without allocating per iteration) and on nothing
//! else's internals; its results are plain types of its own.
