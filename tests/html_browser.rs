//! The HTML report in a real browser: headless Chromium loads the page, runs its script, and
//! the test reads the resulting DOM. Skipped, with a note on the terminal, where Chromium is
//! not installed; failed instead under `CI=true`, where `.ci/run` installs it.
//!
//! The layout checks load the report of the five seeds at 1,400 px (a desktop) and 420 px (a
//! phone) with a measuring script added, and read what it measured: every outlet's column
//! and every message inside the viewport, no text cut.

mod support;

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
    // Read the pipes while the browser runs: a page bigger than a pipe's buffer would
    // otherwise block it.
    let read = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            pipe.read_to_end(&mut buf).unwrap();
            buf
        })
    };
    let stdout = read(Box::new(child.stdout.take().unwrap()));
    let stderr = read(Box::new(child.stderr.take().unwrap()));
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > BROWSER_TIMEOUT {
            child.kill().unwrap();
            panic!("chromium did not finish within {BROWSER_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    assert!(
        status.success(),
        "chromium failed: {status}\n{}",
        String::from_utf8_lossy(&stderr)
    );
    String::from_utf8(stdout).unwrap()
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
    ($test:expr) => {
        match chromium() {
            Some(browser) => browser,
            None => {
                support::skip::skip(
                    $test,
                    "chromium not installed (apt-get install -y chromium)",
                );
                return;
            }
        }
    };
}

#[test]
fn browser_shows_groups_and_findings_after_script_runs() {
    let browser = require_chromium!("browser_shows_groups_and_findings_after_script_runs");
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
            &format!("<div class=\"single\" data-claim=\"{claim}\""),
        );
    }
    assert!(dom.contains("<ins>long</ins>"));
    assert!(dom.contains("Poutine | Trump &lt;script&gt;alert(1)&lt;/script&gt;"));
}

#[test]
fn browser_applies_filters_from_the_address() {
    let browser = require_chromium!("browser_applies_filters_from_the_address");
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
    let browser = require_chromium!("browser_screenshot");
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

/// The seeds' report as the command line writes it.
fn seeds_page(dir: &Path) -> PathBuf {
    let page = dir.join("seeds.html");
    let out = Command::new(env!("CARGO_BIN_EXE_claimdiff"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "compare",
            "fixtures/events/2016-11/rt-france.md",
            "fixtures/events/2016-11/sputnik.md",
            "fixtures/events/2017-01/afp.md",
            "fixtures/events/2017-01/reuters-swiss.md",
            "fixtures/events/2017-05/aps.md",
            "--format",
            "html",
            "--quiet",
            "-o",
        ])
        .arg(&page)
        .output()
        .unwrap();
    support::run::assert_success(&out);
    page
}

/// Measures the laid-out page and writes what it found into `<pre id="measured">`: the
/// viewport width, the page's width, and each element that runs past the viewport or cuts
/// its text.
const MEASURE: &str = r##"<script>
window.addEventListener("load", function () {
  var width = document.documentElement.clientWidth, problems = [];
  function visible(e) { var r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }
  function name(e) {
    return e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + String(e.className).split(" ").join(".") : "")
      + (e.dataset.article ? "[" + e.dataset.article + "]" : "") + (e.dataset.claim ? "[" + e.dataset.claim + "]" : "");
  }
  document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  document.querySelectorAll("th, td, .claim, .finding, .message, .text, p, li, h1, h2, summary").forEach(function (e) {
    if (!visible(e)) { return; }
    var r = e.getBoundingClientRect();
    if (r.right > width + 1 || r.left < -1) { problems.push("past the viewport: " + name(e) + " " + Math.round(r.left) + ".." + Math.round(r.right)); }
    if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible" && e.clientWidth > 0) {
      problems.push("text cut: " + name(e));
    }
  });
  var outlets = [];
  document.querySelectorAll("#aligned td.cell").forEach(function (c) {
    if (visible(c) && outlets.indexOf(c.dataset.article) < 0) { outlets.push(c.dataset.article); }
  });
  var pre = document.createElement("pre");
  pre.id = "measured";
  pre.textContent = JSON.stringify({
    viewport: width, page: document.documentElement.scrollWidth, outlets: outlets.sort(),
    headers: Array.prototype.filter.call(document.querySelectorAll("#aligned thead th[data-article]"), visible).length,
    problems: problems
  });
  // In a frame (the phone width, narrower than a headless window can be), the page that
  // holds the frame is the one dumped.
  (window.parent !== window ? window.parent.document.body : document.body).appendChild(
    window.parent !== window ? window.parent.document.adoptNode(pre) : pre);
});
</script>"##;

fn measure(browser: &Path, width: u32) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let page = seeds_page(dir.path());
    let html = std::fs::read_to_string(&page)
        .unwrap()
        .replace("</body>", &format!("{MEASURE}</body>"));
    let measured = dir.path().join("measured.html");
    // Headless windows are at least 500 px wide: narrower viewports are a frame of that width
    // (`srcdoc`, so that the frame is of the page's origin and can write into it).
    if width < 500 {
        let escaped = html.replace('&', "&amp;").replace('"', "&quot;");
        std::fs::write(
            &measured,
            format!(
                "<!DOCTYPE html><html><body style=\"margin:0\"><iframe style=\"width:{width}px;height:900px;border:0\" srcdoc=\"{escaped}\"></iframe></body></html>"
            ),
        )
        .unwrap();
    } else {
        std::fs::write(&measured, html).unwrap();
    }
    let dom = run_chromium(
        browser,
        &[
            format!("--window-size={},900", width.max(500)),
            "--hide-scrollbars".to_string(),
            "--dump-dom".to_string(),
            file_url(&measured),
        ],
    );
    let marker = "<pre id=\"measured\">";
    let start = dom.find(marker).expect("the measuring script ran") + marker.len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = dom[start..end]
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).unwrap()
}

#[test]
fn browser_desktop_shows_every_outlet_at_1400_px() {
    let browser = require_chromium!("browser_desktop_shows_every_outlet_at_1400_px");
    let m = measure(&browser, 1400);
    assert_eq!(m["viewport"], 1400, "{m}");
    assert!(
        m["page"].as_u64().unwrap() <= 1400,
        "the page scrolls sideways: {m}"
    );
    assert_eq!(m["headers"], 5, "an outlet's column is hidden: {m}");
    assert_eq!(
        m["outlets"],
        serde_json::json!(["a1", "a2", "a3", "a4"]),
        "{m}"
    );
    assert_eq!(m["problems"], serde_json::json!([]), "{m}");
}

#[test]
fn browser_phone_layout_at_420_px() {
    let browser = require_chromium!("browser_phone_layout_at_420_px");
    let m = measure(&browser, 420);
    assert_eq!(m["viewport"], 420, "{m}");
    assert!(
        m["page"].as_u64().unwrap() <= 420,
        "the page scrolls sideways: {m}"
    );
    // Cards: every outlet that carries a shared claim is shown, not one column.
    assert_eq!(
        m["outlets"],
        serde_json::json!(["a1", "a2", "a3", "a4"]),
        "{m}"
    );
    assert_eq!(m["problems"], serde_json::json!([]), "{m}");
}
