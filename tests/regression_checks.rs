//! Regression checks against a baseline that records its findings (issue 16): the README
//! round trip is quiet, an edit reports exactly itself, accepted findings stay accepted until
//! their words change, resolved findings are listed, a baseline is never read as an
//! article, and outputs never replace what is not a regular file.

mod support;

use std::path::{Path, PathBuf};

use support::run::{claimdiff, json_of};

const AFP: &str = "fixtures/events/2017-01/afp.md";
const REUTERS: &str = "fixtures/events/2017-01/reuters-swiss.md";
const SPUTNIK_V1: &str = "fixtures/versions/sputnik-v1.md";
const SPUTNIK_V2: &str = "fixtures/versions/sputnik-v2.md";

/// `claimdiff baseline ARTICLES -o BASE`, which must succeed.
fn baseline(articles: &[&str], base: &Path) {
    claimdiff()
        .arg("baseline")
        .args(articles)
        .args(["-o", s(base)])
        .assert()
        .code(0);
}

/// `claimdiff check NEW --against BASE` with `flags`: the JSON report and the exit code.
fn check_json(new: &[&str], base: &Path, flags: &[&str]) -> (serde_json::Value, i32) {
    let mut args = vec!["check"];
    args.extend(new);
    args.extend(["--against", s(base)]);
    args.extend(flags);
    args.extend(["--format", "json"]);
    json_of(&args)
}

/// `claimdiff check NEW --against BASE`, for more arguments.
fn check(new: &[&str], base: &Path) -> assert_cmd::Command {
    let mut c = claimdiff();
    c.arg("check").args(new).args(["--against", s(base)]);
    c
}

/// What `claimdiff check NEW --against BASE --format FORMAT` wrote on stdout.
fn check_shown(new: &[&str], base: &Path, format: &str) -> String {
    let out = check(new, base)
        .args(["--format", format])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn findings(r: &serde_json::Value) -> &Vec<serde_json::Value> {
    r["findings"].as_array().unwrap()
}

fn kinds(r: &serde_json::Value) -> Vec<&str> {
    findings(r)
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect()
}

/// A copy of a fixture in `dir`, edited by `edit`.
fn copy(dir: &Path, from: &str, name: &str, edit: impl Fn(String) -> String) -> String {
    let to = dir.join(name);
    std::fs::write(&to, edit(std::fs::read_to_string(from).unwrap())).unwrap();
    to.to_str().unwrap().to_string()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_readme_round_trip_finds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    baseline(&[AFP, REUTERS], &base);
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&base).unwrap()).unwrap();
    assert!(!recorded["findings"].as_array().unwrap().is_empty());
    let (r, code) = check_json(&[AFP, REUTERS], &base, &["--fail-on", "medium"]);
    assert_eq!(code, 0, "{}", r["findings"]);
    assert!(findings(&r).is_empty());
    assert_eq!(r["baseline"]["unchanged"].as_array().unwrap().len(), 2);

    // Text added above moves every line: the same findings are known, not new.
    let moved = copy(dir.path(), AFP, "afp.md", |t| {
        let end = t[3..].find("---").unwrap() + 6;
        format!("{}\n\n\n{}", &t[..end], &t[end..])
    });
    let (r, code) = check_json(&[&moved, REUTERS], &base, &["--fail-on", "info"]);
    assert_eq!(code, 0, "{}", r["findings"]);
    assert!(findings(&r).is_empty(), "{}", r["findings"]);
    assert!(r["baseline"]["known"].as_u64().unwrap() > 0);
    assert!(r["baseline"]["resolved"].as_array().unwrap().is_empty());
    // --show-known lists them, marked, and still exits 0.
    let (r, code) = check_json(
        &[&moved, REUTERS],
        &base,
        &["--fail-on", "info", "--show-known"],
    );
    assert_eq!(code, 0);
    assert!(!findings(&r).is_empty());
    assert!(findings(&r).iter().all(|f| f["status"] == "known"));
    assert_eq!(r["summary"]["findings"], 0);
}

#[test]
fn an_edited_article_reports_exactly_its_edits_and_tells_versions_apart() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    baseline(&[SPUTNIK_V1], &base);
    let (r, code) = check_json(&[SPUTNIK_V2], &base, &[]);
    assert_eq!(code, 1);
    assert_eq!(
        kinds(&r),
        [
            "hedge",
            "omission",
            "attribution",
            "date",
            "quote",
            "number",
            "hedge",
            "negation",
            "entity",
            "addition"
        ]
    );
    let number = findings(&r).iter().find(|f| f["kind"] == "number").unwrap();
    assert_eq!(number["versions"][0], "baseline, 2016-11-15");
    assert_eq!(number["versions"][1], "new");
    assert_eq!(number["earlier"], number["claims"][0]);
    assert_eq!(number["status"], "new");
    // The table says which side is which after each location.
    let table = check_shown(&[SPUTNIK_V2], &base, "table");
    assert!(
        table.contains("sputnik-v1.md:9:3174 (baseline, 2016-11-15)")
            && table.contains("sputnik-v2.md:9:3175 (new)"),
        "{table}"
    );
    assert!(check_shown(&[SPUTNIK_V2], &base, "md").contains("(baseline, 2016-11-15)"));
}

#[test]
fn accepted_findings_stay_accepted_until_their_words_change() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    let v2 = copy(dir.path(), SPUTNIK_V2, "sputnik.md", |t| t);
    baseline(&[SPUTNIK_V1], &base);
    let (r, _) = check_json(&[&v2], &base, &[]);
    let number = findings(&r).iter().find(|f| f["kind"] == "number").unwrap();
    let fingerprint = number["fingerprint"].as_str().unwrap();

    // Accept one finding (by the first digits of its fingerprint), not the others.
    let before = std::fs::read_to_string(&base).unwrap();
    check(&[&v2], &base)
        .args(["--format", "json", "--accept", &fingerprint[..8]])
        .assert()
        .code(1);
    let after = std::fs::read_to_string(&base).unwrap();
    assert_ne!(before, after);
    assert!(after.contains(fingerprint));
    let (r, code) = check_json(&[&v2], &base, &[]);
    assert_eq!(code, 1, "the others stay until fixed");
    assert_eq!(findings(&r).len(), 9);
    assert!(!kinds(&r).contains(&"number"));
    // A fingerprint no finding has is refused; the baseline is left as it was.
    let out = check(&[&v2], &base)
        .args(["--accept", "ffffffff"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&base).unwrap(), after);

    // Its words change: it comes back.
    std::fs::write(
        &v2,
        std::fs::read_to_string(&v2)
            .unwrap()
            .replace("297 grands", "298 grands"),
    )
    .unwrap();
    let (r, _) = check_json(&[&v2], &base, &[]);
    assert!(kinds(&r).contains(&"number"), "{:?}", kinds(&r));
    assert_eq!(findings(&r).len(), 10);

    // --update-baseline accepts everything reported: nothing comes back.
    check(&[&v2], &base)
        .args(["--update-baseline", "--format", "json"])
        .assert()
        .code(1);
    let (r, code) = check_json(&[&v2], &base, &["--fail-on", "info"]);
    assert_eq!(code, 0, "{}", r["findings"]);
    assert!(findings(&r).is_empty());
}

#[test]
fn a_removed_divergence_is_listed_as_resolved() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    let reuters = copy(dir.path(), REUTERS, "reuters.md", |t| t);
    baseline(&[AFP, &reuters], &base);
    // Reuters drops the sentence whose quote of the Kremlin differs from AFP's.
    std::fs::write(
        &reuters,
        std::fs::read_to_string(&reuters)
            .unwrap()
            .lines()
            .filter(|l| !l.contains("véritable coordination"))
            .collect::<Vec<_>>()
            .join("\n"),
    )
    .unwrap();
    let (r, code) = check_json(&[AFP, &reuters], &base, &["--fail-on", "medium"]);
    assert_eq!(kinds(&r), ["omission"], "{}", r["findings"]);
    assert_eq!(code, 1);
    let resolved = r["baseline"]["resolved"].as_array().unwrap();
    assert_eq!(resolved.len(), 1, "{resolved:?}");
    assert_eq!(resolved[0]["kind"], "quote");
    assert!(check_shown(&[AFP, &reuters], &base, "table").contains("resolved: "));
}

#[test]
fn the_same_pair_gives_the_same_finding_whichever_side_is_the_reference() {
    let quote = |a: &str, b: &str| {
        let (r, _) = json_of(&["compare", a, b, "--format", "json"]);
        findings(&r).iter().find(|f| f["kind"] == "quote").unwrap()["message"]
            .as_str()
            .unwrap()
            .rsplit(": ")
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(quote(AFP, REUTERS), quote(REUTERS, AFP));
}

#[test]
fn a_baseline_or_a_report_given_as_an_article_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    baseline(&[SPUTNIK_V1], &base);
    let before = std::fs::read(&base).unwrap();
    let out = check(&[s(&base)], &base)
        .arg("--update-baseline")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("base.json") && err.contains("claimdiff.baseline/1"));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(std::fs::read(&base).unwrap(), before);
    let report = dir.path().join("report.json");
    claimdiff()
        .args(["compare", AFP, REUTERS, "-o", s(&report)])
        .assert()
        .code(0);
    let out = claimdiff()
        .args(["compare", s(&report), AFP])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("claimdiff.report/1"));
}

/// Run `sh -c script` in `dir`, returning the exit code.
fn sh(dir: &Path, script: &str) -> i32 {
    let bin = assert_cmd::cargo::cargo_bin("claimdiff");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    std::process::Command::new("sh")
        .args(["-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .status()
        .unwrap()
        .code()
        .unwrap()
}

#[test]
fn the_readme_ci_and_cron_recipes_exit_0_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let root = std::env::current_dir().unwrap();
    for sub in ["articles", "inbox"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
    }
    for (from, name) in [(AFP, "afp.md"), (REUTERS, "reuters.md")] {
        std::fs::copy(root.join(from), dir.path().join("articles").join(name)).unwrap();
    }
    std::fs::copy(root.join(SPUTNIK_V1), dir.path().join("inbox/sputnik.md")).unwrap();
    // Once, after verifying (README): the baselines.
    assert_eq!(
        sh(
            dir.path(),
            "claimdiff baseline articles/*.md -o baseline.json -q"
        ),
        0
    );
    assert_eq!(
        sh(dir.path(), "claimdiff baseline inbox/*.md -o inbox.json -q"),
        0
    );
    // The CI step, as README writes it, twice on unchanged input.
    let ci = "claimdiff check articles/*.md --against baseline.json --fail-on medium --format md -o report.md";
    assert_eq!(sh(dir.path(), ci), 0);
    assert_eq!(sh(dir.path(), ci), 0);
    // The cron line, as README writes it (mail replaced by a file), on an article that
    // changed: the first run reports it, the second is quiet.
    std::fs::copy(root.join(SPUTNIK_V2), dir.path().join("inbox/sputnik.md")).unwrap();
    let cron = "claimdiff check inbox/*.md --against inbox.json --update-baseline --fail-on high -q -o report.json || cp report.json mailed.json";
    assert_eq!(sh(dir.path(), cron), 0);
    assert!(dir.path().join("mailed.json").exists());
    std::fs::remove_file(dir.path().join("mailed.json")).unwrap();
    assert_eq!(sh(dir.path(), cron), 0);
    assert!(!dir.path().join("mailed.json").exists());
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("report.json")).unwrap())
            .unwrap();
    assert!(findings(&report).is_empty());
}

#[cfg(unix)]
mod special_outputs {
    use super::*;
    use std::os::unix::fs::FileTypeExt;

    /// `claimdiff compare AFP REUTERS --format json -o TARGET`.
    fn compare_into(target: &str) -> assert_cmd::Command {
        let mut c = claimdiff();
        c.args(["compare", AFP, REUTERS, "--format", "json", "-o", target]);
        c
    }

    fn make_node(args: &[&str]) -> Result<(), String> {
        let out = std::process::Command::new(args[0])
            .args(&args[1..])
            .output()
            .map_err(|e| e.to_string())?;
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }

    #[test]
    fn a_fifo_is_written_to_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("out.fifo");
        make_node(&["mkfifo", s(&fifo)]).expect("mkfifo");
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        compare_into(s(&fifo)).assert().code(0);
        let got = reader.join().unwrap();
        assert!(got.contains("claimdiff.report/1"));
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_character_device_is_written_to_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let node = dir.path().join("null");
        // A device of our own (the same as /dev/null: 1, 3) where mknod is permitted; else
        // /dev/null itself, and a visible note says so.
        let target: PathBuf = match make_node(&["mknod", s(&node), "c", "1", "3"]) {
            Ok(()) => node,
            Err(e) => {
                eprintln!(
                    "NOTE: mknod not permitted here ({e}): the character-device case runs on /dev/null instead of a device made in a temporary directory"
                );
                PathBuf::from("/dev/null")
            }
        };
        compare_into(s(&target)).assert().code(0);
        assert!(std::fs::metadata(&target)
            .unwrap()
            .file_type()
            .is_char_device());
        assert_eq!(std::fs::read(&target).unwrap().len(), 0);
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .filter(|n| n.to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }

    #[test]
    fn dev_full_is_a_write_error_naming_it_and_dev_stdout_is_stdout() {
        if Path::new("/dev/full").exists() {
            let out = compare_into("/dev/full").output().unwrap();
            assert_eq!(out.status.code(), Some(2));
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains("/dev/full: cannot write"), "{err}");
            assert!(std::fs::metadata("/dev/full")
                .unwrap()
                .file_type()
                .is_char_device());
        } else {
            eprintln!("NOTE: no /dev/full here: the write-error case was not run");
        }
        let out = compare_into("/dev/stdout").output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(String::from_utf8_lossy(&out.stdout).contains("claimdiff.report/1"));
    }

    #[test]
    fn sigterm_during_a_large_write_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A long article: its claim listing is tens of megabytes, written for a while.
        let sentence = "Le président a déclaré que la situation était stable selon les autorités locales lundi soir";
        let text: String = (0..60_000).map(|i| format!("{sentence} {i}. ")).collect();
        let input = dir.path().join("long.txt");
        std::fs::write(&input, text).unwrap();
        let out_dir = dir.path().join("out");
        std::fs::create_dir(&out_dir).unwrap();
        let out = out_dir.join("claims.json");
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimdiff"))
            .args([
                "claims",
                s(&input),
                "--lang",
                "fr",
                "--format",
                "json",
                "-o",
                s(&out),
            ])
            .spawn()
            .unwrap();
        let temporary = || {
            std::fs::read_dir(&out_dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
                .filter(|n| n.starts_with(".claimdiff-") && n.ends_with(".tmp"))
                .collect::<Vec<_>>()
        };
        let mut seen = false;
        while child.try_wait().unwrap().is_none() {
            if !temporary().is_empty() {
                seen = true;
                let killed = std::process::Command::new("kill")
                    .args(["-TERM", &child.id().to_string()])
                    .status()
                    .unwrap();
                assert!(killed.success());
                break;
            }
            std::thread::sleep(std::time::Duration::from_micros(500));
        }
        let status = child.wait().unwrap();
        assert!(
            seen,
            "the write ended before it could be interrupted: the test did not test anything"
        );
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(status.signal(), Some(15), "{status:?}");
        assert!(temporary().is_empty(), "{:?}", temporary());
        assert!(!out.exists());
    }
}
