//! Segmentation measured on the Pragmatic Segmenter golden rules (English 48, French 5), from
//! ../shared/data/segmentation when it is there. Every segment counts, whatever its role.
//! Run: cargo test --test golden_rules -- --nocapture

use claimdiff::lang::{Lang, LangCode};
use claimdiff::segment::{segment, SegmentOptions};
use claimdiff::source::Span;

#[derive(serde::Deserialize)]
struct Case {
    lang: String,
    text: String,
    expected: Vec<String>,
}

#[derive(serde::Deserialize)]
struct Rules {
    cases: Vec<Case>,
}

#[test]
#[cfg_attr(
    not(shared_data),
    ignore = "needs ../shared/data/segmentation/golden_rules.json beside the repository"
)]
fn golden_rules_pass_rate() {
    let path = std::path::Path::new("../shared/data/segmentation/golden_rules.json");
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e} (it was there at build time)", path.display()));
    let rules: Rules = serde_json::from_str(&text).unwrap();
    let mut passed = std::collections::BTreeMap::<String, (usize, usize)>::new();
    for case in &rules.cases {
        let code = LangCode::parse(&case.lang).unwrap();
        let got: Vec<String> = segment(
            &case.text,
            Span::new(0, case.text.len()),
            Lang::get(code),
            SegmentOptions::default(),
        )
        .iter()
        .map(|s| case.text[s.span.start..s.span.end].trim().to_string())
        .collect();
        let entry = passed.entry(case.lang.clone()).or_default();
        entry.1 += 1;
        if got == case.expected {
            entry.0 += 1;
        } else {
            println!(
                "{}: {:?}\n   got {got:?}\n  want {:?}",
                case.lang, case.text, case.expected
            );
        }
    }
    for (lang, (ok, all)) in &passed {
        println!(
            "golden rules {lang}: {ok} of {all} ({:.1} %)",
            100.0 * *ok as f64 / *all as f64
        );
    }
    let en = passed["en"];
    // pySBD passes 47 of 48; news segmentation needs most of them.
    assert!(en.0 * 100 >= en.1 * 75, "{en:?}");
}
