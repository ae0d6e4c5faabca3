//! The HTML report in a real browser: headless Chromium loads the page, runs its script, and
//! the test reads the resulting DOM. Skipped, with a note, where Chromium is not installed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use claimdiff::report::html::render_html;
use claimdiff::report::model::Report;

/// A hung browser must fail the test, not stall the suite.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(30);

fn chromium() -> Option<PathBuf> {
    let fixed = PathBuf::from("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed);
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("chromium"))
        .find(|p| p.is_file())
}

fn sample_report() -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/reports/call-2017-01-28.json");
    let mut report: Report = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    report.run_date = Some("2026-11-20".to_string());
    report
}

/// The page written to a fresh directory, kept alive as long as the returned guard.
fn write_page() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, render_html(&sample_report(), false)).unwrap();
    (dir, page)
}

/// Runs Chromium headless with a throwaway profile and everything that could reach the
/// network switched off; returns its standard output.
fn run_chromium(browser: &Path, args: &[String]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > BROWSER_TIMEOUT {
            child.kill().unwrap();
            panic!("chromium did not finish within {BROWSER_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "chromium failed: {}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn dump_dom(browser: &Path, url: &str) -> String {
    run_chromium(browser, &["--dump-dom".to_string(), url.to_string()])
}

fn file_url(page: &Path) -> String {
    format!("file://{}", page.display())
}

/// The opening tag of the element whose tag contains `marker`.
fn tag_with<'a>(dom: &'a str, marker: &str) -> &'a str {
    let at = dom
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} not in the DOM"));
    let start = dom[..at].rfind('<').unwrap();
    let end = at + dom[at..].find('>').unwrap();
    &dom[start..=end]
}

macro_rules! require_chromium {
    () => {
        match chromium() {
            Some(browser) => browser,
            None => {
                eprintln!("skipped: chromium not installed (apt-get install chromium)");
                return;
            }
        }
    };
}

#[test]
fn browser_shows_groups_and_findings_after_script_runs() {
    let browser = require_chromium!();
    let (_dir, page) = write_page();
    let dom = dump_dom(&browser, &file_url(&page));
    // The status line is empty in the file: its text proves the filter script ran.
    assert!(
        dom.contains("<p id=\"filter-status\" aria-live=\"polite\">Showing 5 of 5 findings</p>"),
        "{dom}"
    );
    for group in ["g1", "g2"] {
        let row = tag_with(
            &dom,
            &format!("<tr class=\"group\" id=\"group-{group}\" data-group=\"{group}\""),
        );
        assert!(!row.contains("hidden"), "{row}");
    }
    for (id, severity, kind) in [
        ("f1", "high", "number"),
        ("f2", "medium", "quote"),
        ("f3", "low", "omission"),
        ("f4", "info", "addition"),
        ("f5", "low", "omission"),
    ] {
        let tag = tag_with(&dom, &format!("id=\"finding-{id}\""));
        assert!(
            tag.contains(&format!(
                "data-severity=\"{severity}\" data-kind=\"{kind}\""
            )),
            "{tag}"
        );
        assert!(!tag.contains("hidden"), "{tag}");
    }
    for claim in ["a1.c3", "a3.c2"] {
        tag_with(
            &dom,
            &format!("<tr class=\"single\" data-claim=\"{claim}\""),
        );
    }
    assert!(dom.contains("<ins>long</ins>"));
    assert!(dom.contains("Poutine | Trump &lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn browser_applies_filters_from_the_address() {
    let browser = require_chromium!();
    let (_dir, page) = write_page();
    let dom = dump_dom(&browser, &format!("{}#hide=high,clean", file_url(&page)));
    assert!(dom.contains(">Showing 4 of 5 findings</p>"), "{dom}");
    let high = tag_with(&dom, "id=\"finding-f1\"");
    assert!(high.contains("hidden"), "{high}");
    assert!(!tag_with(&dom, "id=\"finding-f2\"").contains("hidden"));
    // g1's only finding is filtered out, so its rows go; g2 keeps its medium finding.
    assert!(tag_with(&dom, "<tr class=\"group\" id=\"group-g1\"").contains("hidden"));
    assert!(tag_with(&dom, "<tr class=\"heat-row\" data-group=\"g1\"").contains("hidden"));
    assert!(!tag_with(&dom, "<tr class=\"group\" id=\"group-g2\"").contains("hidden"));
}

#[test]
fn browser_screenshot() {
    let browser = require_chromium!();
    let (_dir, page) = write_page();
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-report.png");
    let _ = std::fs::remove_file(&shot);
    run_chromium(
        &browser,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1400,900".to_string(),
            file_url(&page),
        ],
    );
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    eprintln!("screenshot: {}", shot.display());
}
