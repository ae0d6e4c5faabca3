//! The binary on the bundled fixtures: compare, check, baseline, rules, exit codes.

mod support;

use support::run::{assert_success, claim_text, claimdiff, json_of};

/// The kinds of a report's findings, in order.
fn kinds_of(r: &serde_json::Value) -> Vec<&str> {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect()
}

#[test]
fn january_kremlin_quote_is_one_group_with_a_quote_finding() {
    let (r, code) = json_of(&[
        "compare",
        "fixtures/events/2017-01/afp.md",
        "fixtures/events/2017-01/reuters-swiss.md",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(r["schema"], "claimdiff.report/1");
    let text_of = |id: &str| claim_text(&r, id).to_string();
    let group = r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| {
            g["claims"].as_array().unwrap().iter().any(|c| {
                text_of(c.as_str().unwrap()).contains("coordination réelle des actions russes")
            })
        })
        .expect("the AFP quote is aligned");
    let members: Vec<String> = group["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| text_of(c.as_str().unwrap()))
        .collect();
    assert!(
        members
            .iter()
            .any(|t| t.contains("véritable coordination entre les actions russes et américaines")),
        "{members:?}"
    );
    let quote = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "quote")
        .expect("a quote finding");
    assert_eq!(quote["group"], group["id"]);
    assert!(quote["locations"][0]
        .as_str()
        .unwrap()
        .starts_with("fixtures/events/2017-01/afp.md:"));
}

#[test]
fn json_is_byte_identical_across_runs() {
    let run = || {
        claimdiff()
            .args([
                "compare",
                "fixtures/events/2016-11/sputnik.md",
                "fixtures/events/2016-11/rt-france.md",
                "--format",
                "json",
            ])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn every_finding_points_at_existing_claims() {
    let (r, _) = json_of(&[
        "compare",
        "fixtures/seeds/000_da1ad20a460b3aa2.txt",
        "fixtures/seeds/001_fefcd0f3b72511c5.txt",
        "fixtures/seeds/002_c77bffe88f816a3e.txt",
        "fixtures/seeds/003_f88875b5d44bba2d.txt",
        "fixtures/seeds/004_43b49ed0a464ae58.txt",
        "--format",
        "json",
    ]);
    let ids: Vec<&str> = r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for f in r["findings"].as_array().unwrap() {
        for c in f["claims"].as_array().unwrap() {
            assert!(ids.contains(&c.as_str().unwrap()), "{f}");
        }
    }
}

#[test]
fn a_new_version_with_one_edit_of_each_kind() {
    let (r, code) = json_of(&[
        "check",
        "fixtures/versions/sputnik-v2.md",
        "--against",
        "fixtures/versions/sputnik-v1.md",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "high findings fail by default");
    let mut kinds = kinds_of(&r);
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        [
            "addition",
            "attribution",
            "date",
            "entity",
            "hedge",
            "hedge",
            "negation",
            "number",
            "omission",
            "quote"
        ]
    );
    assert!(r["summary"]["unchanged"].as_u64().unwrap() > 20);
    // The new version's headline drops the conditional ("pourrait" → "va"): the first finding,
    // pointing at the front-matter titles, whose records are listed with the claims.
    let first = &r["findings"][0];
    assert_eq!(first["rule"], "hedge-change", "{first}");
    assert_eq!(first["claims"], serde_json::json!(["r1.h", "a1.h"]));
    assert_eq!(
        first["locations"],
        serde_json::json!([
            "fixtures/versions/sputnik-v1.md:4:15",
            "fixtures/versions/sputnik-v2.md:4:15"
        ])
    );
    let headline = r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "a1.h")
        .unwrap();
    assert_eq!(headline["role"], "headline");
    assert_eq!(headline["line"], 4);
}

#[test]
fn exit_codes_follow_fail_on() {
    let base = [
        "check",
        "fixtures/versions/sputnik-v2.md",
        "--against",
        "fixtures/versions/sputnik-v1.md",
        "--format",
        "json",
    ];
    claimdiff()
        .args(base)
        .args(["--fail-on", "never"])
        .assert()
        .code(0);
    claimdiff()
        .args(base)
        .args(["--fail-on", "high"])
        .assert()
        .code(1);
    // The same version against itself: nothing to report.
    claimdiff()
        .args([
            "check",
            "fixtures/versions/sputnik-v1.md",
            "--against",
            "fixtures/versions/sputnik-v1.md",
            "--fail-on",
            "info",
            "--format",
            "json",
        ])
        .assert()
        .code(0);
    claimdiff()
        .args(["check", "fixtures/versions/sputnik-v2.md"])
        .assert()
        .code(2);
    claimdiff()
        .args(["compare", "missing.md", "fixtures/events/2017-01/afp.md"])
        .assert()
        .code(2);
}

#[test]
fn baseline_round_trip_and_rule_change() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("baseline.json");
    let b = b.to_str().unwrap();
    claimdiff()
        .args(["baseline", "fixtures/versions/sputnik-v1.md", "-o", b])
        .assert()
        .code(0);
    let (r, code) = json_of(&[
        "check",
        "fixtures/versions/sputnik-v2.md",
        "--against",
        b,
        "--format",
        "json",
        "--update-baseline",
    ]);
    assert_eq!(code, 1);
    assert!(!r["findings"].as_array().unwrap().is_empty());
    let (r, code) = json_of(&[
        "check",
        "fixtures/versions/sputnik-v2.md",
        "--against",
        b,
        "--format",
        "json",
        "--fail-on",
        "info",
    ]);
    assert_eq!(code, 0, "{}", r["findings"]);
    assert!(r["findings"].as_array().unwrap().is_empty());
    // A rule set changed since the baseline: a warning, and the check still runs.
    let out = claimdiff()
        .args([
            "check",
            "fixtures/versions/sputnik-v2.md",
            "--against",
            b,
            "--rules",
            "fixtures/rules/strict.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("rule set changed since the baseline"));
}

#[test]
fn a_new_outlet_against_a_baseline_of_two_others() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("b.json");
    let b = b.to_str().unwrap();
    claimdiff()
        .args([
            "baseline",
            "fixtures/events/2016-11/sputnik.md",
            "fixtures/events/2016-11/rt-france.md",
            "-o",
            b,
        ])
        .assert()
        .code(0);
    let (r, _) = json_of(&[
        "check",
        "fixtures/events/2017-01/afp.md",
        "--against",
        b,
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    let refs = r["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["reference"] == true)
        .count();
    assert_eq!(refs, 2);
    // Every claim of the new article is either aligned with a reference or an addition.
    assert!(r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["kind"] == "addition"));
}

#[test]
fn corrupted_baseline_is_refused_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("b.json");
    claimdiff()
        .args([
            "baseline",
            "fixtures/versions/sputnik-v1.md",
            "-o",
            b.to_str().unwrap(),
        ])
        .assert()
        .code(0);
    let whole = std::fs::read_to_string(&b).unwrap();
    let cut = &whole[..whole.len() / 2];
    std::fs::write(&b, cut).unwrap();
    let out = claimdiff()
        .args([
            "check",
            "fixtures/versions/sputnik-v2.md",
            "--against",
            b.to_str().unwrap(),
            "--update-baseline",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("b.json:") && err.contains("truncated"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(
        std::fs::read_to_string(&b).unwrap(),
        cut,
        "the bad baseline is not overwritten"
    );
}

#[test]
fn rule_files_are_validated_with_positions() {
    claimdiff()
        .args(["rules", "check", "fixtures/rules/strict.yaml"])
        .assert()
        .code(0);
    let cases = [
        (
            "fixtures/rules/bad-unknown-key.yaml",
            "bad-unknown-key.yaml:5:5",
            "did you mean `tolerance`",
        ),
        (
            "fixtures/rules/bad-duplicate.yaml",
            "bad-duplicate.yaml:8:5",
            "duplicate rule id",
        ),
        (
            "fixtures/rules/bad-kind.yaml",
            "bad-kind.yaml:4:11",
            "did you mean `number`",
        ),
        (
            "fixtures/rules/bad-pattern.yaml",
            "bad-pattern.yaml:8:5",
            "bad pattern",
        ),
    ];
    for (file, pos, text) in cases {
        let out = claimdiff().args(["rules", "check", file]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{file}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(pos) && err.contains(text), "{file}: {err}");
        // The error, then how many there are.
        assert_eq!(err.lines().count(), 2, "{err}");
        assert!(err.ends_with(": 1 error\n"), "{err}");
    }
}

#[test]
fn rules_check_reports_every_error_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.yaml");
    std::fs::write(
        &file,
        "version: 1\nextends: default\nrules:\n  - id: quote-drfit\n    severity: high\n  - id: hedge-change\n    patterns: ['(']\n",
    )
    .unwrap();
    let out = claimdiff()
        .args(["rules", "check"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(
        lines[0].contains("r.yaml:4:") && lines[0].contains("did you mean `quote-drift`"),
        "{err}"
    );
    assert!(
        lines[1].contains("r.yaml:") && lines[1].contains("bad pattern"),
        "{err}"
    );
    assert!(lines[2].ends_with(": 2 errors"), "{err}");
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = claimdiff().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("claimdiff") && text.contains("compare"),
            "{shell}"
        );
    }
    let out = claimdiff().arg("man").output().unwrap();
    assert!(out.status.success());
    let roff = String::from_utf8_lossy(&out.stdout);
    assert!(
        roff.starts_with(".ie") || roff.contains(".TH claimdiff"),
        "{roff}"
    );
    assert!(roff.contains("compare"));
}

#[test]
fn format_line_gives_one_line_per_finding() {
    let (json, _) = json_of(&[
        "compare",
        "fixtures/events/2017-01/afp.md",
        "fixtures/events/2017-01/reuters-swiss.md",
        "--format",
        "json",
    ]);
    let out = claimdiff()
        .args([
            "compare",
            "fixtures/events/2017-01/afp.md",
            "fixtures/events/2017-01/reuters-swiss.md",
            "--format",
            "line",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(text.lines().count(), findings.len());
    let line = regex::Regex::new(r"^[^:]+:\d+:\d+: (info|low|medium|high) [a-z]+: \S").unwrap();
    for (l, f) in text.lines().zip(findings) {
        assert!(line.is_match(l), "{l}");
        assert!(l.starts_with(f["locations"][0].as_str().unwrap()), "{l}");
    }
}

#[test]
fn configuration_file_is_found_in_parents_and_shown() {
    let root = tempfile::tempdir().unwrap();
    let deep = root.path().join("desk/today");
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(
        root.path().join("my-rules.yaml"),
        "version: 1\nextends: default\nname: desk rules\nrules:\n  - id: wording-drift\n    enabled: false\n",
    )
    .unwrap();
    std::fs::write(
        root.path().join("claimdiff.toml"),
        "rules = \"my-rules.yaml\"\nformat = \"line\"\nthreshold = 0.35\n",
    )
    .unwrap();
    let out = claimdiff()
        .arg("config")
        .current_dir(&deep)
        .output()
        .unwrap();
    assert_success(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "configuration file: {}",
            root.path().join("claimdiff.toml").display()
        )),
        "{text}"
    );
    assert!(text.contains("rules: desk rules"), "{text}");
    assert!(text.contains("threshold: 0.35 (configuration)"), "{text}");
    assert!(text.contains("format: line (configuration)"), "{text}");
    // It applies: `line` output, and the rule file's name in JSON when asked for.
    let here = env!("CARGO_MANIFEST_DIR");
    let afp = format!("{here}/fixtures/events/2017-01/afp.md");
    let reuters = format!("{here}/fixtures/events/2017-01/reuters-swiss.md");
    let out = claimdiff()
        .args(["compare", &afp, &reuters, "--format", "json"])
        .current_dir(&deep)
        .output()
        .unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["rules"]["name"], "desk rules");
    assert!(!kinds_of(&r).contains(&"wording"));
    let out = claimdiff()
        .args(["compare", &afp, &reuters])
        .current_dir(&deep)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout)
        .lines()
        .all(|l| l.contains(": ")));
    // --no-config reads none.
    let out = claimdiff()
        .args(["config", "--no-config"])
        .current_dir(&deep)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("configuration file: none"));
}

#[test]
fn a_directory_is_walked_for_articles_honouring_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let here = env!("CARGO_MANIFEST_DIR");
    std::fs::create_dir_all(dir.path().join("in/old")).unwrap();
    for (from, to) in [
        ("fixtures/events/2017-01/afp.md", "in/afp.md"),
        ("fixtures/events/2017-01/reuters-swiss.md", "in/reuters.md"),
        ("fixtures/events/2017-05/aps.md", "in/old/aps.md"),
    ] {
        std::fs::copy(format!("{here}/{from}"), dir.path().join(to)).unwrap();
    }
    std::fs::write(dir.path().join("in/notes.csv"), "a,b\n").unwrap();
    std::fs::write(dir.path().join("in/.gitignore"), "old/\n").unwrap();
    let out = claimdiff()
        .args(["compare", "in", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_success(&out);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let paths: Vec<&str> = r["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["in/afp.md", "in/reuters.md"]);
}

#[test]
fn rules_list_and_explain() {
    let out = claimdiff().args(["rules", "list"]).output().unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    for id in [
        "number-changed",
        "quote-drift",
        "hedge-change",
        "claim-omitted",
        "wording-drift",
    ] {
        assert!(s.contains(id), "{id}");
    }
    let out = claimdiff()
        .args(["rules", "explain", "quote-drift"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Example:"));
    claimdiff()
        .args(["rules", "explain", "nope"])
        .assert()
        .code(2);
}

#[test]
fn output_file_is_not_an_input() {
    claimdiff()
        .args([
            "compare",
            "fixtures/events/2017-01/afp.md",
            "fixtures/events/2017-01/reuters-swiss.md",
            "-o",
            "fixtures/events/2017-01/afp.md",
        ])
        .assert()
        .code(2);
}

#[test]
fn check_lists_unchanged_claims_only_with_verbose() {
    let base = [
        "check",
        "fixtures/versions/sputnik-v2.md",
        "--against",
        "fixtures/versions/sputnik-v1.md",
        "--format",
        "json",
        "--fail-on",
        "never",
    ];
    let (quiet, _) = json_of(&base);
    let mut verbose_args = base.to_vec();
    verbose_args.push("--verbose");
    let (verbose, _) = json_of(&verbose_args);
    let (q, v) = (
        quiet["groups"].as_array().unwrap().len(),
        verbose["groups"].as_array().unwrap().len(),
    );
    let unchanged = quiet["summary"]["unchanged"].as_u64().unwrap() as usize;
    assert_eq!(
        v,
        q + unchanged,
        "verbose lists the {unchanged} unchanged claims' groups too"
    );
    assert_eq!(quiet["findings"], verbose["findings"]);

    // Unchanged claims are the verified state, not claims one outlet alone carries: the
    // Markdown report's single-source list holds as many claims as the summary says.
    let claims = quiet["claims"].as_array().unwrap();
    let marked = |prefix: &str| {
        claims
            .iter()
            .filter(|c| c["unchanged"] == true && c["id"].as_str().unwrap().starts_with(prefix))
            .count()
    };
    // The new claims the summary counts, and the reference claims they repeat.
    assert_eq!(marked("a"), unchanged);
    assert!(marked("r") > 0, "no reference claim marked unchanged");
    let mut md_args = base.to_vec();
    md_args[5] = "md";
    let md = String::from_utf8(
        claimdiff()
            .args(&md_args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone(),
    )
    .unwrap();
    let section = &md[md.find("## Claims carried by one outlet only").unwrap()..];
    let listed = section.lines().filter(|l| l.starts_with("- `")).count();
    let singles = quiet["summary"]["single_source_claims"].as_u64().unwrap() as usize;
    assert_eq!(listed, singles, "{section}");
}

/// An HTML page that repeats its lede in the title, a meta tag and JSON-LD: every claim must
/// point at the paragraph a reader sees, and the figure legend is a caption.
#[test]
fn html_claims_point_at_the_visible_text() {
    let (r, _) = json_of(&[
        "claims",
        "--all",
        "--format",
        "json",
        "fixtures/html/kremlin-call.html",
    ]);
    let source = std::fs::read_to_string("fixtures/html/kremlin-call.html").unwrap();
    let lines: Vec<&str> = source.lines().collect();
    let claims = r["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 3);
    for c in claims {
        let text = c["text"].as_str().unwrap();
        assert!(!text.contains('*'), "emphasis marks in {text}");
        let line = lines[c["line"].as_u64().unwrap() as usize - 1];
        let at: String = line
            .chars()
            .skip(c["column"].as_u64().unwrap() as usize - 1)
            .collect();
        let first_words: String = text.chars().take(20).collect();
        assert!(
            at.starts_with(&first_words),
            "{first_words:?} not at {at:?}"
        );
        assert!(!line.contains("<script") && !line.contains("<meta"));
    }
    let segments = r["segments"].as_array().unwrap();
    assert!(segments.iter().any(|s| s["role"] == "caption"
        && s["text"]
            .as_str()
            .unwrap()
            .contains("Donald Trump au téléphone")));
}

#[test]
fn keep_going_compares_the_rest_records_the_skipped_file_and_fails() {
    let out = claimdiff()
        .args([
            "compare",
            "fixtures/events/2017-01/afp.md",
            "missing.md",
            "fixtures/events/2017-01/reuters-swiss.md",
            "--keep-going",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "an incomplete report is an input error"
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["articles"].as_array().unwrap().len(), 2);
    assert_eq!(r["skipped"][0]["path"], "missing.md");
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.md: no such file"));
}

/// With --encoding latin1, start/end still index the file's bytes.
#[test]
fn latin1_spans_are_file_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("l1.txt");
    std::fs::write(
        &path,
        b"Le pr\xe9sident russe a parl\xe9 samedi avec son homologue am\xe9ricain. Il a dit oui.\n",
    )
    .unwrap();
    let (r, code) = json_of(&[
        "claims",
        "--encoding",
        "latin1",
        "--format",
        "json",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let bytes = std::fs::read(&path).unwrap();
    for c in r["claims"].as_array().unwrap() {
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        let slice: String = bytes[s..e].iter().map(|&b| b as char).collect();
        assert_eq!(slice, c["text"].as_str().unwrap());
    }
}

/// `--versions` (or every new article having a reference of its outlet) keeps only the
/// references of the new articles' outlets: the new article is checked against its earlier
/// version, not against other outlets.
#[test]
fn versions_keep_the_references_of_the_same_outlet() {
    let articles = |extra: &[&str]| -> Vec<String> {
        let out = claimdiff()
            .args([
                "check",
                "fixtures/versions/sputnik-v2.md",
                "--against",
                "fixtures/versions/sputnik-v1.md",
                "fixtures/events/2016-11/rt-france.md",
                "--format",
                "json",
            ])
            .args(extra)
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["path"].as_str().unwrap().to_string())
            .collect()
    };
    for extra in [&[][..], &["--versions"][..]] {
        let paths = articles(extra);
        assert!(
            paths.iter().all(|p| !p.contains("rt-france")),
            "{extra:?}: {paths:?}"
        );
        assert!(paths.iter().any(|p| p.contains("sputnik-v1")), "{paths:?}");
    }
}

#[test]
fn a_correction_notice_is_reported_as_such() {
    let (r, code) = json_of(&[
        "check",
        "fixtures/versions/ferry-v2.md",
        "--against",
        "fixtures/versions/ferry-v1.md",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "the changed figure is high");
    let findings = r["findings"].as_array().unwrap();
    let notice: Vec<&serde_json::Value> = findings
        .iter()
        .filter(|f| f["evidence"]["correction"] == true)
        .collect();
    assert_eq!(notice.len(), 1, "{findings:?}");
    assert_eq!(notice[0]["severity"], "medium");
    // The notice is one claim, both of its sentences.
    assert!(notice[0]["evidence"]["claim"]
        .as_str()
        .unwrap()
        .ends_with("It was 214, not 412."));
    assert!(findings.iter().any(|f| f["kind"] == "number"));
    assert_eq!(findings.len(), 2, "{findings:?}");
}

#[test]
fn a_date_conflict_keeps_the_claim_in_its_group() {
    // wire and daily say Tuesday, weekly says Wednesday; daily words the lede differently.
    // The lede is one group of three with a date conflict, not an omission by daily.
    let (r, _) = json_of(&[
        "compare",
        "fixtures/dates/wire.txt",
        "fixtures/dates/daily.txt",
        "fixtures/dates/weekly.txt",
        "--format",
        "json",
    ]);
    let kinds = kinds_of(&r);
    assert_eq!(kinds, ["date"], "{}", r["findings"]);
    assert!(r["groups"]
        .as_array()
        .unwrap()
        .iter()
        .any(|g| g["claims"] == serde_json::json!(["a1.c1", "a2.c1", "a3.c1"])));
}

#[test]
fn claims_can_be_written_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("afp.md");
    std::fs::copy("fixtures/events/2017-01/afp.md", &input).unwrap();
    let before = std::fs::read(&input).unwrap();
    let out = dir.path().join("claims.json");
    claimdiff()
        .args([
            "claims",
            "fixtures/events/2017-01/afp.md",
            "--format",
            "json",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert!(v["claims"].as_array().unwrap().len() > 5);
    // An input is never overwritten.
    claimdiff()
        .arg("claims")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&input).unwrap(), before);
}

#[test]
fn versions_of_two_stories_checked_in_one_run_keep_their_omissions() {
    // Each new version is checked against its own earlier version: the other story's
    // reference does not count as a source that "leaves out" the removed sentence.
    let (r, _) = json_of(&[
        "check",
        "fixtures/versions/sputnik-v2.md",
        "fixtures/versions/ferry-v2.md",
        "--against",
        "fixtures/versions/sputnik-v1.md",
        "fixtures/versions/ferry-v1.md",
        "--format",
        "json",
    ]);
    let kinds = kinds_of(&r);
    assert!(kinds.contains(&"number"), "{kinds:?}");
    // The one omission is Sputnik's removed sentence, missing from Sputnik's new version
    // (a1), carried by its earlier version only.
    let omissions: Vec<&serde_json::Value> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "omission")
        .collect();
    assert_eq!(omissions.len(), 1, "{omissions:?}");
    assert_eq!(omissions[0]["evidence"]["missing_from"], "a1");
    assert_eq!(
        omissions[0]["evidence"]["carried_by"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_new_claim_is_checked_against_every_reference_claim() {
    // A third outlet repeats one reference word for word (Coast Daily, 214 people) and
    // contradicts the other (Harbour Wire, 412): agreeing with one must not hide the other.
    let dir = tempfile::tempdir().unwrap();
    let v2 = std::fs::read_to_string("fixtures/versions/ferry-v2.md").unwrap();
    let as_outlet = |name: &str, outlet: &str| {
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            v2.replace("outlet: Harbour Wire", &format!("outlet: {outlet}")),
        )
        .unwrap();
        path.to_str().unwrap().to_string()
    };
    let (coast, island) = (
        as_outlet("coast.md", "Coast Daily"),
        as_outlet("island.md", "Island Post"),
    );
    let (r, _) = json_of(&[
        "check",
        &island,
        "--against",
        "fixtures/versions/ferry-v1.md",
        &coast,
        "--format",
        "json",
    ]);
    let kinds = kinds_of(&r);
    assert_eq!(kinds, ["number"], "{}", r["findings"]);
}

#[test]
fn two_sentences_merged_into_one_are_not_an_omission() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = dir.path().join("v1.txt");
    let v2 = dir.path().join("v2.txt");
    std::fs::write(
        &v1,
        "Le gouvernement a présenté un plan pour les hôpitaux. Il doit être adopté en Conseil des ministres le 12 juin.\n\nLes syndicats ont appelé à la grève jeudi.\n",
    )
    .unwrap();
    std::fs::write(
        &v2,
        "Le gouvernement a présenté un plan pour les hôpitaux, qui doit être adopté en Conseil des ministres le 12 juin.\n\nLes syndicats ont appelé à la grève jeudi.\n",
    )
    .unwrap();
    let out = claimdiff()
        .args(["check"])
        .arg(&v2)
        .arg("--against")
        .arg(&v1)
        .args(["--format", "json", "--fail-on", "never"])
        .output()
        .unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let kinds = kinds_of(&r);
    assert!(!kinds.contains(&"omission"), "{}", r["findings"]);
}

#[test]
fn a_changed_link_target_is_not_a_changed_claim() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, url: &str| {
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            format!(
                "The river rose two metres overnight, according to [the weather service]({url}).\n"
            ),
        )
        .unwrap();
        path
    };
    let (v1, v2) = (
        write("v1.md", "https://example.org/a"),
        write("v2.md", "/b/new"),
    );
    let out = claimdiff()
        .arg("check")
        .arg(&v2)
        .arg("--against")
        .arg(&v1)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["findings"], serde_json::json!([]));
    assert_eq!(
        r["claims"][0]["text"],
        "The river rose two metres overnight, according to the weather service."
    );
}

/// The text at `path:line:column`, as an editor opens it (columns count characters).
fn text_at(location: &str) -> String {
    let mut parts = location.rsplitn(3, ':');
    let column: usize = parts.next().unwrap().parse().unwrap();
    let line: usize = parts.next().unwrap().parse().unwrap();
    let text = std::fs::read_to_string(parts.next().unwrap()).unwrap();
    text.lines()
        .nth(line - 1)
        .unwrap()
        .chars()
        .skip(column - 1)
        .collect()
}

#[test]
fn finding_locations_point_at_the_words_that_differ() {
    // One article on one line: a claim's start is thousands of columns from its edit.
    let (r, _) = json_of(&[
        "check",
        "fixtures/versions/sputnik-v2.md",
        "--against",
        "fixtures/versions/sputnik-v1.md",
        "--format",
        "json",
    ]);
    // The finding of `kind` on claims of the body, or on the headlines.
    let finding = |kind: &str, headline: bool| -> Vec<String> {
        let f = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| {
                f["kind"] == kind && f["claims"][0].as_str().unwrap().ends_with(".h") == headline
            })
            .unwrap_or_else(|| panic!("no {kind} finding"));
        f["locations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| text_at(l.as_str().unwrap()))
            .collect()
    };
    let at = |kind: &str| finding(kind, false);
    let starts = |kind: &str, words: [&str; 2]| {
        let found = at(kind);
        for (text, word) in found.iter().zip(words) {
            assert!(
                text.starts_with(word),
                "{kind}: {text:.40} does not start with {word}"
            );
        }
    };
    starts("number", ["279 grands électeurs", "297 grands électeurs"]);
    starts("date", ["lundi", "mardi"]);
    starts("entity", ["John Kerry", "Rex Tillerson"]);
    starts("negation", ["a reconnu", "n'a pas reconnu"]);
    assert!(at("hedge")[1].starts_with("pourrait"));
    let headline = finding("hedge", true);
    assert!(
        headline[0].starts_with("pourrait reprendre"),
        "{headline:?}"
    );
    assert!(headline[1].starts_with("va reprendre"), "{headline:?}");
}

#[test]
fn an_earlier_version_replaced_by_a_later_one_is_not_checked_again() {
    // v1 → v2 corrected the number on board; v2 → v3 changed only the inspection day.
    let (r, _) = json_of(&[
        "check",
        "fixtures/versions/ferry-v3.md",
        "--against",
        "fixtures/versions/ferry-v1.md",
        "fixtures/versions/ferry-v2.md",
        "--format",
        "json",
    ]);
    let found: Vec<(&str, &str)> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap(),
                f["claims"][0].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(found, [("date", "r2.c4")], "{found:?}");
}

#[test]
fn two_outlets_that_disagree_with_each_other_but_not_with_the_reference() {
    // The reference gives no figure; the two others give different ones.
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        format!("{}={name}", path.to_str().unwrap())
    };
    let a = write(
        "Alpha",
        "Gunmen killed several villagers in the northern town of Kaura on Sunday, police said.\n",
    );
    let b = write(
        "Beta",
        "Gunmen killed 27 villagers in the northern town of Kaura on Sunday, police said.\n",
    );
    let c = write(
        "Gamma",
        "Gunmen killed 45 villagers in the northern town of Kaura on Sunday, police said.\n",
    );
    let (r, _) = json_of(&["compare", &a, &b, &c, "--format", "json"]);
    let numbers: Vec<&str> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "number")
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        numbers,
        ["Beta says 27, Gamma says 45"],
        "{}",
        r["findings"]
    );
}

#[test]
fn references_take_path_equals_outlet_too() {
    let (r, _) = json_of(&[
        "check",
        "fixtures/versions/ferry-v2.md=Wire",
        "--against",
        "fixtures/versions/ferry-v1.md=Wire",
        "--format",
        "json",
    ]);
    for a in r["articles"].as_array().unwrap() {
        assert_eq!(a["outlet"], "Wire", "{a}");
        assert_eq!(a["outlet_from"], "flag", "{a}");
    }
    assert_eq!(r["articles"][0]["path"], "fixtures/versions/ferry-v1.md");
}

#[test]
fn the_article_date_comes_from_a_dated_line_or_the_page_metadata() {
    let (r, code) = json_of(&[
        "claims",
        "--format",
        "json",
        "fixtures/dates/byline-fr.md",
        "fixtures/dates/byline-en.txt",
        "fixtures/html/dated-page.html",
    ]);
    assert_eq!(code, 0);
    let dates: Vec<(&str, &str)> = r["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["date"].as_str().unwrap(),
                a["date_from"].as_str().unwrap(),
            )
        })
        .collect();
    // The published date, not the update before it; the JSON-LD article date, not the
    // page's `date` meta tag nor the first `<time>`.
    assert_eq!(
        dates,
        [
            ("2025-03-11", "text"),
            ("2025-03-10", "text"),
            ("2025-03-19", "text")
        ]
    );
    // The dated lines are not claims.
    let claims = r["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 6);
    assert!(claims.iter().all(|c| {
        let t = c["text"].as_str().unwrap();
        !t.starts_with("Publié") && !t.starts_with("Published") && !t.starts_with("Updated")
    }));
}

#[test]
fn a_bold_dateline_is_not_part_of_the_first_claim_and_names_the_outlet() {
    let (r, code) = json_of(&["claims", "--format", "json", "fixtures/datelines/bold.md"]);
    assert_eq!(code, 0);
    let article = &r["articles"][0];
    // As written, not "reuters".
    assert_eq!(article["outlet"], "Reuters");
    assert_eq!(article["outlet_from"], "text");
    let first = &r["claims"][0];
    assert_eq!(
        first["text"],
        "Le Sénat a adopté mardi le projet de loi sur l'eau, par 201 voix contre 120."
    );
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(1), Some(23))
    );
}

#[test]
fn a_list_item_that_states_something_is_a_claim_in_text_order() {
    let (r, code) = json_of(&["claims", "--format", "json", "fixtures/lists/bullets.md"]);
    assert_eq!(code, 0);
    let claims: Vec<(&str, &str)> = r["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["text"].as_str().unwrap()))
        .collect();
    // "Key points:" and "Latest" are labels.
    assert_eq!(
        claims,
        [
            (
                "a1.c1",
                "A storm hit the coast overnight, cutting power to thousands of homes."
            ),
            ("a1.c2", "Police say 12 people were hurt"),
            ("a1.c3", "Ferries between the islands were cancelled"),
            ("a1.c4", "The storm is expected to weaken by Thursday."),
        ]
    );
}

#[test]
fn a_weekday_in_the_future_tense_is_the_coming_one() {
    // Both articles are of Tuesday 3 June 2025.
    let (r, _) = json_of(&[
        "compare",
        "fixtures/dates/future-a.md",
        "fixtures/dates/future-b.md",
        "--format",
        "json",
    ]);
    assert_eq!(kinds_of(&r), ["date"], "{}", r["findings"]);
    let evidence = &r["findings"][0]["evidence"];
    assert_eq!(
        (&evidence["left_date"], &evidence["right_date"]),
        (
            &serde_json::json!("2025-06-04"),
            &serde_json::json!("2025-06-05")
        )
    );
}

/// The report a run prints on a terminal (a pseudo-terminal made by util-linux `script`), on
/// two articles of `sentences` sentences each, with the text before the report.
fn on_a_terminal(sentences: usize) -> Option<(String, usize)> {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "util-linux `script` is needed to give the run a terminal"
        );
        eprintln!("SKIPPED: no `script` command to give the run a terminal");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = |outlet: &str, shift: usize| {
        let body: String = (0..sentences)
            .map(|i| {
                let n = i + shift;
                format!(
                    "The council of district {n} approved a budget of {} euros for {} schools on Monday.\n\n",
                    n * 7,
                    n % 13
                )
            })
            .collect();
        let path = dir.path().join(format!("{outlet}.md"));
        let text = format!("---\noutlet: {outlet}\ndate: 2024-03-04\nlang: en\n---\n\n{body}");
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let (a, b) = (article("Wire A", 0), article("Paper B", 1));
    let bin = assert_cmd::cargo::cargo_bin("claimdiff");
    let run = format!(
        "{} compare '{a}' '{b}' --format table --semantic off",
        bin.display()
    );
    let out = std::process::Command::new("script")
        .args(["-qec", &run, "/dev/null"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let report = text
        .find("Wire A and Paper B compared")
        .expect("the report");
    Some((text, report))
}

fn is_spinner(c: char) -> bool {
    ('\u{2800}'..='\u{28ff}').contains(&c)
}

/// A run that ends within a second draws no spinner at all: nothing stands in front of the
/// report (the first frame used to, "⠁ reading 0s").
#[test]
fn a_short_run_on_a_terminal_draws_no_spinner() {
    let Some((text, report)) = on_a_terminal(20) else {
        return;
    };
    assert!(
        !text[..report].contains(is_spinner),
        "{:?}",
        &text[..report]
    );
}

/// A long run shows the spinner (after a second) and clears its line before the report.
#[test]
fn the_spinner_clears_its_line_before_the_report() {
    let Some((text, report)) = on_a_terminal(40_000) else {
        return;
    };
    let Some(frame) = text[..report].rfind(is_spinner) else {
        panic!("the run ended before the spinner showed: make the articles longer");
    };
    assert!(
        text[frame..report].contains("\u{1b}[2K"),
        "the spinner's line is not cleared before the report: {:?}",
        &text[frame..report]
    );
}
