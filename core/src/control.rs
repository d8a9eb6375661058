//! Following and stopping long operations: a [`CancelToken`] that a host sets from anywhere (a
//! Cancel button, another thread, a request timeout) and a [`Control`] that lends an operation
//! the token and a progress callback.
//!
//! Monte Carlo risk ([`risk::simulate`](crate::risk::simulate), [`risk::Simulation`]) and
//! levelling ([`level::level_with`](crate::level::level_with), [`level::Levelling`]) take one,
//! each with its own progress type ([`risk::Progress`], [`level::Progress`]). Neither the
//! callback nor the token changes a result: the same input and seed give the same answer with
//! or without them, and a cancelled operation returns what it completed, marked so (or
//! [`Error::Cancelled`](crate::Error::Cancelled) when it completed nothing).
//!
//! [`risk::Simulation`]: crate::risk::Simulation
//! [`level::Levelling`]: crate::level::Levelling
//! [`risk::Progress`]: crate::risk::Progress
//! [`level::Progress`]: crate::level::Progress
//!
//! ```
//! use jindu::control::{CancelToken, Control};
//!
//! let token = CancelToken::default();
//! let mut seen = Vec::new();
//! let mut progress = |p: &u64| seen.push(*p);
//! let mut control: Control<'_, u64> = Control { progress: Some(&mut progress), cancel: Some(&token) };
//! control.report(&1);
//! token.clone().cancel(); // from a Cancel button, say
//! assert!(control.is_cancelled());
//! drop(control);
//! assert_eq!(seen, [1]);
//! ```

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Lets a host cancel a running operation from another thread (a Cancel button); clones share
/// one flag.
///
/// ```
/// let t = jindu::control::CancelToken::default();
/// let for_button = t.clone();
/// for_button.cancel();
/// assert!(t.is_cancelled());
/// ```
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// Asks the operations using this token to stop at their next step.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// Whether [`cancel`](CancelToken::cancel) was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// A progress callback and a cancel token, both optional, for an operation whose progress is a
/// `P` (when each is looked at is the operation's to say).
pub struct Control<'a, P> {
    /// Called on the calling thread with the progress after each step.
    pub progress: Option<&'a mut dyn FnMut(&P)>,
    /// Stops the operation at its next step when cancelled.
    pub cancel: Option<&'a CancelToken>,
}

impl<P> Control<'_, P> {
    /// Whether the token is set.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_some_and(CancelToken::is_cancelled)
    }

    /// Calls the progress callback, if any, with `progress`.
    pub fn report(&mut self, progress: &P) {
        if let Some(f) = self.progress.as_mut() {
            f(progress);
        }
    }
}

impl<P> Default for Control<'_, P> {
    fn default() -> Self {
        Control {
            progress: None,
            cancel: None,
        }
    }
}

impl<P> std::fmt::Debug for Control<'_, P> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Control")
            .field("progress", &self.progress.is_some())
            .field("cancel", &self.cancel)
            .finish()
    }
}
