//! Snapshots of every report format on the January 2017 and November 2016 fixtures, so that
//! every change to output shows in review. Update with `INSTA_UPDATE=always cargo test --test
//! snapshots` (or `cargo insta review`).

use claimdiff::ingest::{read_all, InputSpec, ReadOptions};
use claimdiff::pipeline::{run, Corpus, Mode, RunOptions};
use claimdiff::report::model::Report;
use claimdiff::report::table::TableStyle;

fn report(files: &[&str]) -> Report {
    let rules = claimdiff::config::load(None).unwrap();
    let specs: Vec<InputSpec> = files.iter().map(|f| InputSpec::path(*f)).collect();
    let articles = read_all(&specs, ReadOptions::default()).unwrap();
    let corpus = Corpus::from_articles(&articles, &rules);
    let options = RunOptions {
        // A fixed run date: snapshots must not change with the calendar.
        run_date: Some("2026-01-01".into()),
        ..Default::default()
    };
    run(&corpus, &rules, Mode::Compare, &options)
}

const JANUARY: [&str; 2] = [
    "fixtures/events/2017-01/afp.md",
    "fixtures/events/2017-01/reuters-swiss.md",
];
const NOVEMBER: [&str; 2] = [
    "fixtures/events/2016-11/sputnik.md",
    "fixtures/events/2016-11/rt-france.md",
];
const PLAIN: TableStyle = TableStyle {
    width: Some(120),
    color: false,
};

#[test]
fn january_2017_json() {
    insta::assert_snapshot!(claimdiff::report::json::render_json(&report(&JANUARY)));
}

#[test]
fn january_2017_markdown() {
    // With the explanations (`--explain`): why each group's claims were aligned.
    insta::assert_snapshot!(claimdiff::report::markdown::render_markdown(
        &report(&JANUARY),
        true
    ));
}

#[test]
fn january_2017_table() {
    insta::assert_snapshot!(claimdiff::report::table::render_report(
        &report(&JANUARY),
        PLAIN,
        true
    ));
}

#[test]
fn january_2017_html() {
    insta::assert_snapshot!(claimdiff::report::html::render_html(
        &report(&JANUARY),
        false
    ));
}

#[test]
fn november_2016_json() {
    insta::assert_snapshot!(claimdiff::report::json::render_json(&report(&NOVEMBER)));
}

#[test]
fn november_2016_markdown() {
    insta::assert_snapshot!(claimdiff::report::markdown::render_markdown(
        &report(&NOVEMBER),
        false
    ));
}

#[test]
fn november_2016_table() {
    insta::assert_snapshot!(claimdiff::report::table::render_report(
        &report(&NOVEMBER),
        PLAIN,
        false
    ));
}

#[test]
fn november_2016_html() {
    insta::assert_snapshot!(claimdiff::report::html::render_html(
        &report(&NOVEMBER),
        false
    ));
}

/// One input through every format: they all present the same groups and findings.
#[test]
fn one_input_every_format() {
    let r = report(&JANUARY);
    let json = claimdiff::report::json::render_json(&r);
    let md = claimdiff::report::markdown::render_markdown(&r, false);
    let html = claimdiff::report::html::render_html(&r, false);
    let table = claimdiff::report::table::render_report(&r, PLAIN, false);
    assert!(!r.findings.is_empty() && !r.groups.is_empty());
    for f in &r.findings {
        assert!(json.contains(&format!("\"{}\"", f.id)));
        assert!(md.contains(&f.rule), "markdown lacks {}", f.rule);
        assert!(
            html.contains(&format!("id=\"finding-{}\"", f.id)),
            "html lacks {}",
            f.id
        );
        assert!(table.contains(&f.rule), "table lacks {}", f.rule);
    }
    for g in &r.groups {
        assert!(md.contains(&format!("g{}", &g.id[1..])));
        assert!(html.contains(&format!("data-group=\"{}\"", g.id)));
        assert!(table.contains(&g.id));
    }
}
