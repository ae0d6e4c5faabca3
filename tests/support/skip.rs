//! Tests that cannot run say so. A skipped test prints a line straight to the terminal (not
//! through the test harness, which hides a passing test's output), and fails under `CI=true`,
//! where everything a test needs is installed (`.ci/run` installs Chromium). Tests of the
//! shared evaluation data, which no registry serves, are `ignore`d with their reason where it
//! is absent (`build.rs` sets `cfg(shared_data)`).

use std::io::Write;

/// Reports that the calling test cannot run, and why; panics under `CI=true`.
pub fn skip(test: &str, why: &str) {
    let line = format!("SKIPPED {test}: {why}\n");
    // Written to the process's stderr directly: `eprintln!` output is captured and dropped
    // for passing tests.
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
    if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
        panic!("{test} cannot run under CI=true: {why}");
    }
}
