//! Progress on stderr (indicatif) for runs long enough to need it; hidden when stderr is not
//! a terminal or with `--quiet`.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(quiet: bool, first: &str) -> Progress {
        if quiet || !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        // Hidden from the start: a spinner made for stderr draws its first frame at once,
        // and a run that ends within the second would leave it in front of the report.
        let bar = ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} {elapsed}").expect("static template"),
        );
        bar.set_message(first.to_string());
        // A spinner that only appears after a second: short runs print nothing.
        bar.enable_steady_tick(Duration::from_millis(120));
        let shown = bar.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(1));
            if !shown.is_finished() {
                shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
        });
        Progress { bar: Some(bar) }
    }

    pub fn stage(&self, name: &str) {
        if let Some(b) = &self.bar {
            b.set_message(name.to_string());
        }
    }

    /// Runs `f` with the spinner off its line, so that what `f` writes to the terminal is
    /// not drawn over.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(b) => b.suspend(f),
            None => f(),
        }
    }

    /// Clears the spinner's line, so that what is written next starts at the left margin.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

/// A run that stops early (an error) clears the spinner too.
impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
