//! Running the binary and reading what it wrote.

use assert_cmd::Command;

/// The binary, without colour and with the sentence encoder off: the tests pin down the
/// word-level behaviour. A test of the encoder turns it on with `--semantic on`.
pub fn claimdiff() -> Command {
    let mut c = Command::cargo_bin("claimdiff").unwrap();
    c.env("NO_COLOR", "1");
    c.env("CLAIMDIFF_SEMANTIC", "off");
    c
}

/// Runs [`claimdiff`] with `args`: the JSON it wrote on stdout, and its exit code. A run that
/// wrote no JSON fails the test, with its stderr.
pub fn json_of(args: &[&str]) -> (serde_json::Value, i32) {
    let out = claimdiff().args(args).output().unwrap();
    let code = out.status.code().unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {} (exit {code})",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, code)
}

/// Fails the test, with the run's stderr, unless the run succeeded.
pub fn assert_success(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The text of claim `id` in a JSON report.
pub fn claim_text<'a>(report: &'a serde_json::Value, id: &str) -> &'a str {
    report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()["text"]
        .as_str()
        .unwrap()
}
