//! Alignment on the January 2017 seed event: AFP and the Reuters-based Swiss dispatch quote
//! the same Kremlin statement in different words; the scorer must keep them well above the
//! alignment threshold, whatever its weights.

use claimdiff::align::group::AlignInput;
use claimdiff::align::{align, AlignOptions};
use claimdiff::extract::{extract, Features};
use claimdiff::ingest::{read_all, InputSpec, ReadOptions};

/// Claims of the two articles: (article, text, features).
fn claims() -> Vec<(usize, String, Features)> {
    let specs = [
        InputSpec::path("fixtures/events/2017-01/afp.md"),
        InputSpec::path("fixtures/events/2017-01/reuters-swiss.md"),
    ];
    let articles = read_all(&specs, ReadOptions::default()).unwrap();
    let rules = claimdiff::rules::ruleset::build(None).unwrap();
    let mut out = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        for i in article.claim_indices() {
            let text = article.segment_text(i).to_string();
            let f = extract(
                &text,
                article.lang(),
                article.meta.partial_date(),
                &rules.aliases,
                &rules.term_sets,
            );
            out.push((a, text, f));
        }
    }
    out
}

#[test]
fn kremlin_quote_aligns_across_outlets() {
    let claims = claims();
    let find = |article: usize, needle: &str| {
        claims
            .iter()
            .position(|(a, t, _)| *a == article && t.contains(needle))
            .unwrap_or_else(|| panic!("no claim with {needle:?}"))
    };
    let afp = find(0, "coordination réelle des actions russes");
    let reuters = find(1, "véritable coordination entre les actions russes");
    let inputs: Vec<AlignInput> = claims
        .iter()
        .map(|(a, _, f)| AlignInput {
            embedding: None,
            article: *a,
            lang: claimdiff::lang::LangCode::Fr,
            article_date: None,
            features: f,
        })
        .collect();
    let options = AlignOptions::default();
    let alignment = align(&inputs, &options);
    let pair = alignment
        .scorer
        .score(&alignment.sets[afp], &alignment.sets[reuters]);
    println!(
        "AFP–Reuters Kremlin quote: score {:.3} (threshold {}), top terms {:?}",
        pair.score,
        options.threshold,
        alignment
            .scorer
            .explain(&pair, 5, &claimdiff::normalize::WrittenForms::new(&[]))
    );
    assert!(
        pair.score >= 1.5 * options.threshold,
        "score {} is not well above the threshold {}",
        pair.score,
        options.threshold
    );
    assert!(
        alignment
            .groups
            .iter()
            .any(|g| g.members.contains(&afp) && g.members.contains(&reuters)),
        "the two quotes are not in one group"
    );
}
