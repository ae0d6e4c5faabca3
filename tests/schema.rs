//! The JSON Schemas in docs/schema/ are generated from the code. This test fails when they are
//! stale; `UPDATE_SCHEMA=1 cargo test --test schema` rewrites them.

fn check(path: &str, schema: schemars::Schema) {
    let mut fresh = serde_json::to_string_pretty(&schema).unwrap();
    fresh.push('\n');
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &fresh).unwrap();
        return;
    }
    let current = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        current == fresh,
        "{path} is stale: run `UPDATE_SCHEMA=1 cargo test --test schema` and commit it"
    );
}

#[test]
fn report_schema_is_current() {
    check(
        "docs/schema/report.schema.json",
        schemars::schema_for!(claimdiff::report::model::Report),
    );
}

#[test]
fn baseline_schema_is_current() {
    check(
        "docs/schema/baseline.schema.json",
        schemars::schema_for!(claimdiff::check::Baseline),
    );
}

#[test]
fn claims_schema_is_current() {
    check(
        "docs/schema/claims.schema.json",
        schemars::schema_for!(claimdiff::report::model::ClaimListing),
    );
}

#[test]
fn a_real_report_has_the_contract_fields() {
    let out = assert_cmd::Command::cargo_bin("claimdiff")
        .unwrap()
        .env("CLAIMDIFF_SEMANTIC", "off")
        .args([
            "compare",
            "fixtures/events/2017-01/afp.md",
            "fixtures/events/2017-01/reuters-swiss.md",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["schema"], "claimdiff.report/1");
    for a in r["articles"].as_array().unwrap() {
        for k in ["id", "path", "outlet", "date", "lang"] {
            assert!(a.get(k).is_some(), "article lacks {k}");
        }
    }
    for c in r["claims"].as_array().unwrap() {
        for k in ["id", "article", "text", "start", "end", "line", "column"] {
            assert!(c.get(k).is_some(), "claim lacks {k}");
        }
    }
    for g in r["groups"].as_array().unwrap() {
        for k in ["id", "claims", "score"] {
            assert!(g.get(k).is_some(), "group lacks {k}");
        }
    }
    for f in r["findings"].as_array().unwrap() {
        for k in [
            "id", "rule", "kind", "severity", "claims", "message", "evidence",
        ] {
            assert!(f.get(k).is_some(), "finding lacks {k}");
        }
    }
}
