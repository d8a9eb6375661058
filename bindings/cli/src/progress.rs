//! The progress bar on standard error for long levelling, risk and import runs.
//!
//! Drawn only when standard error is a terminal and `--quiet` is not given ([`shown`]), and
//! only once a run has taken [`DELAY`]: a quick command never flashes a bar, and a pipe or a
//! log file gets nothing but the errors and warnings.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

/// `--quiet`, set once by `main`.
static QUIET: AtomicBool = AtomicBool::new(false);

/// How long a run goes before its bar appears.
pub(crate) const DELAY: Duration = Duration::from_millis(400);

/// Records `--quiet`.
pub(crate) fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Whether a progress bar is drawn: not with `--quiet`, not when standard error is not a
/// terminal (a pipe, a file, CI), and not on a terminal that says it cannot move the cursor
/// (`TERM=dumb`).
pub(crate) fn shown(quiet: bool, stderr_is_terminal: bool, term: Option<&str>) -> bool {
    !quiet && stderr_is_terminal && term != Some("dumb")
}

/// What a bar counts.
#[derive(Clone, Copy)]
enum Unit {
    Bytes,
    Steps,
}

/// A progress bar that appears after [`DELAY`] if [`shown`], and is cleared when dropped.
pub(crate) struct Bar {
    label: &'static str,
    unit: Unit,
    enabled: bool,
    started: Instant,
    bar: Option<ProgressBar>,
}

impl Bar {
    fn new(label: &'static str, unit: Unit) -> Bar {
        let term = std::env::var("TERM").ok();
        Bar {
            label,
            unit,
            enabled: shown(
                QUIET.load(Ordering::Relaxed),
                std::io::stderr().is_terminal(),
                term.as_deref(),
            ),
            started: Instant::now(),
            bar: None,
        }
    }

    /// A bar counting bytes read.
    pub(crate) fn bytes(label: &'static str) -> Bar {
        Bar::new(label, Unit::Bytes)
    }

    /// A bar counting steps (levelling schedules, Monte Carlo iterations).
    pub(crate) fn steps(label: &'static str) -> Bar {
        Bar::new(label, Unit::Steps)
    }

    /// Moves the bar to `done` of `total`.
    pub(crate) fn set(&mut self, done: u64, total: u64) {
        if !self.enabled {
            return;
        }
        if self.bar.is_none() {
            if self.started.elapsed() < DELAY || done >= total {
                return;
            }
            let template = match self.unit {
                Unit::Bytes => "jindu: {msg} [{bar:30}] {bytes}/{total_bytes} ({eta})",
                Unit::Steps => "jindu: {msg} [{bar:30}] {pos}/{len} ({eta})",
            };
            let style = ProgressStyle::with_template(template)
                .expect("the template is a literal that parses")
                .progress_chars("=> ");
            let bar = ProgressBar::new(total).with_style(style);
            bar.set_message(self.label);
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_length(total);
            bar.set_position(done);
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_only_on_a_terminal_and_never_when_quiet() {
        assert!(shown(false, true, Some("xterm-256color")));
        assert!(shown(false, true, None));
        assert!(!shown(true, true, Some("xterm")), "--quiet");
        assert!(!shown(false, false, Some("xterm")), "a pipe or a file");
        assert!(!shown(false, true, Some("dumb")), "TERM=dumb");
    }

    #[test]
    fn a_disabled_bar_draws_nothing() {
        let mut b = Bar::steps("levelling");
        b.enabled = false;
        b.started -= DELAY * 2;
        b.set(1, 10);
        assert!(b.bar.is_none());
    }
}
