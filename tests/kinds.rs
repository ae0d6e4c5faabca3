//! Small pairs of articles per rule kind: fixtures/kinds/KIND/{a,b}.md, and one pair per case
//! the kind reads with care in fixtures/kinds/KIND/CASE/{a,b}.md. Each raises exactly one
//! finding, of that kind, and nothing else.

mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn findings(kind: &str, dir: &Path) -> Vec<serde_json::Value> {
    let (a, b) = (dir.join("a.md"), dir.join("b.md"));
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let mut cmd = Command::cargo_bin("claimdiff").unwrap();
    // Each kind's fixture pins word-level alignment; tests/semantic.rs runs the encoder.
    cmd.env("CLAIMDIFF_SEMANTIC", "off");
    // Coverage kinds need a reference to be missing from: b is a new version of a.
    if kind == "omission" || kind == "addition" {
        cmd.args(["check", b, "--against", a, "--fail-on", "never"]);
    } else {
        cmd.args(["compare", a, b]);
    }
    let out = cmd.args(["--format", "json"]).output().unwrap();
    support::run::assert_success(&out);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    r["findings"].as_array().unwrap().clone()
}

/// The kind's own pair, then its cases in name order.
fn fixture_dirs(kind: &str) -> Vec<PathBuf> {
    let top = PathBuf::from(format!("fixtures/kinds/{kind}"));
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&top)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.join("a.md").is_file())
                .collect()
        })
        .unwrap_or_default();
    cases.sort();
    std::iter::once(top).chain(cases).collect()
}

#[test]
fn each_kind_fixture_raises_exactly_its_finding() {
    let mut failures = Vec::new();
    // Every kind the tool knows, so that a new kind without a fixture fails here.
    for kind in claimdiff::rules::Kind::ALL.map(|k| k.as_str()) {
        for dir in fixture_dirs(kind) {
            let f = findings(kind, &dir);
            let kinds: Vec<&str> = f.iter().map(|x| x["kind"].as_str().unwrap()).collect();
            if kinds != [kind] {
                failures.push(format!(
                    "{}: got {kinds:?}: {:?}",
                    dir.display(),
                    f.iter()
                        .map(|x| x["message"].as_str().unwrap())
                        .collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_plural_of_thousands_is_one_range_of_figures() {
    let f = findings(
        "number",
        Path::new("fixtures/kinds/number/tens-of-thousands"),
    );
    let e = &f[0]["evidence"];
    assert_eq!(e["left"], "dizaines de milliers");
    assert_eq!(e["right"], "centaines de milliers");
    // Two ranges that exclude each other: a conflict, at the rule's severity.
    assert_eq!(f[0]["severity"], "high", "{}", f[0]["message"]);
}

#[test]
fn a_source_in_apposition_is_the_person_with_the_title() {
    let f = findings(
        "attribution",
        Path::new("fixtures/kinds/attribution/apposition"),
    );
    let e = &f[0]["evidence"];
    assert_eq!(e["left_text"][0], "Le Premier ministre, François Garnier");
    assert_eq!(e["left"][0], "premier ministre francois garnier");
    assert_eq!(e["right"][0], "porte parole gouvernement");
}

/// Three outlets, one of which differs: the finding names all three, the outlet that agrees
/// with the reference on its side (`evidence.as_left`), each located at its figure.
#[test]
fn an_outlet_that_agrees_with_the_reference_joins_its_finding() {
    let dir = Path::new("fixtures/kinds/number/three-outlets");
    let files: Vec<String> = ["a.md", "b.md", "c.md"]
        .iter()
        .map(|f| dir.join(f).to_str().unwrap().to_string())
        .collect();
    let out = Command::cargo_bin("claimdiff")
        .unwrap()
        .env("CLAIMDIFF_SEMANTIC", "off")
        .args(["compare", "--format", "json"])
        .args(&files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = r["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{findings:?}");
    let f = &findings[0];
    assert_eq!(f["kind"], "number");
    assert_eq!(f["claims"], serde_json::json!(["a1.c1", "a2.c1", "a3.c1"]));
    assert_eq!(f["evidence"]["as_left"], serde_json::json!(["a3.c1"]));
    assert!(f["message"]
        .as_str()
        .unwrap()
        .contains("Radio C says as Agence A"));
    assert!(f["locations"][2].as_str().unwrap().ends_with("c.md:8:24"));
}
