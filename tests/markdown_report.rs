//! The Markdown report of the five seeds, as a desk pastes it: it parses as CommonMark with
//! GitHub tables, holds no JSON and no escaped identifiers, and shows every aligned claim.

mod support;

use assert_cmd::Command;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The seed articles with front matter, in the order a shell expands
/// `fixtures/events/*/*.md`.
const SEEDS: [&str; 5] = [
    "fixtures/events/2016-11/rt-france.md",
    "fixtures/events/2016-11/sputnik.md",
    "fixtures/events/2017-01/afp.md",
    "fixtures/events/2017-01/reuters-swiss.md",
    "fixtures/events/2017-05/aps.md",
];

fn compare(format: &str) -> Vec<u8> {
    let out = Command::cargo_bin("claimdiff")
        .unwrap()
        .arg("compare")
        .args(SEEDS)
        .args(["--format", format, "--quiet"])
        .output()
        .unwrap();
    support::run::assert_success(&out);
    out.stdout
}

#[test]
fn seeds_markdown_is_publishable() {
    let md = String::from_utf8(compare("md")).unwrap();
    let report: serde_json::Value = serde_json::from_slice(&compare("json")).unwrap();

    assert!(!md.contains("{\""), "JSON in the Markdown");
    assert!(!md.contains("\\_"), "escaped identifier in the Markdown");

    // It parses: headings, tables with whole rows, inline HTML only for diff and shared-word
    // markup.
    let mut headings = Vec::new();
    let mut heading: Option<String> = None;
    let mut rows: Vec<usize> = Vec::new();
    let mut widths: Vec<usize> = Vec::new();
    let mut html = std::collections::BTreeSet::new();
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => headings.push(heading.take().unwrap()),
            Event::Text(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::Start(Tag::Table(align)) => widths.push(align.len()),
            Event::Start(Tag::TableHead | Tag::TableRow) => rows.push(0),
            Event::End(TagEnd::TableCell) => *rows.last_mut().unwrap() += 1,
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => {
                assert_eq!(rows.last(), widths.last(), "ragged table row");
            }
            Event::InlineHtml(h) | Event::Html(h) => {
                html.insert(h.to_string());
            }
            _ => {}
        }
    }
    let allowed = ["<ins>", "</ins>", "<del>", "</del>", "<b>", "</b>"];
    for tag in &html {
        assert!(allowed.contains(&tag.as_str()), "unexpected HTML {tag:?}");
    }
    assert!(headings[0].ends_with("compared"), "{headings:?}");
    let order: Vec<usize> = ["Summary", "Sources", "Aligned claims"]
        .iter()
        .map(|h| headings.iter().position(|x| x == h).expect(h))
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{headings:?}");
    assert!(md.contains("> **Warning:** The articles are 169 days apart"));

    // Every aligned claim, in groups with findings or without.
    let mut shown = 0;
    for group in report["groups"].as_array().unwrap() {
        for claim in group["claims"].as_array().unwrap() {
            let id = claim.as_str().unwrap();
            assert!(md.contains(&format!(" {id}")), "aligned claim {id} missing");
            shown += 1;
        }
    }
    assert!(shown >= 14, "{shown} aligned claims");
    // The November call's first group has no finding and is shown all the same.
    assert!(md.contains("### g1 · "));
}
