//! One small pair of articles per rule kind (fixtures/kinds/KIND/{a,b}.md): each raises
//! exactly one finding, of that kind, and nothing else.

use assert_cmd::Command;

fn findings(kind: &str) -> Vec<serde_json::Value> {
    let dir = format!("fixtures/kinds/{kind}");
    let (a, b) = (format!("{dir}/a.md"), format!("{dir}/b.md"));
    let mut cmd = Command::cargo_bin("claimdiff").unwrap();
    // Coverage kinds need a reference to be missing from: b is a new version of a.
    if kind == "omission" || kind == "addition" {
        cmd.args(["check", &b, "--against", &a, "--fail-on", "never"]);
    } else {
        cmd.args(["compare", &a, &b]);
    }
    let out = cmd.args(["--format", "json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    r["findings"].as_array().unwrap().clone()
}

#[test]
fn each_kind_fixture_raises_exactly_its_finding() {
    let mut failures = Vec::new();
    // Every kind the tool knows, so that a new kind without a fixture fails here.
    for kind in claimdiff::rules::Kind::ALL.map(|k| k.as_str()) {
        let f = findings(kind);
        let kinds: Vec<&str> = f.iter().map(|x| x["kind"].as_str().unwrap()).collect();
        if kinds != [kind] {
            failures.push(format!(
                "{kind}: got {kinds:?}: {:?}",
                f.iter()
                    .map(|x| x["message"].as_str().unwrap())
                    .collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
