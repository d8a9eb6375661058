//! Tracking: progress against a status date, baselines and variance, earned value and earned
//! schedule, alerts, buffers, what-if change sets, status reports and the client's view.
//!
//! Architecture invariant: this module builds on the model, the schedule kernel and the
//! incremental [`Engine`](crate::Engine) (what-if), and reads other capabilities only through
//! their public result types; its results are plain types of its own.
