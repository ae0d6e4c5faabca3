//! Stage benchmarks on the five seed articles: `cargo bench --bench pipeline`.
//! Segmentation is reported in bytes/s, pair scoring in pairs/s.

use claimdiff::align::{align, group::AlignInput, AlignOptions, Scorer};
use claimdiff::extract::{extract, Features};
use claimdiff::ingest::{article_from_text, Article, InputSpec};
use claimdiff::lang::{Lang, LangCode};
use claimdiff::pipeline::{run, Corpus, Mode, RunOptions};
use claimdiff::rules::RuleSet;
use claimdiff::segment::{segment, SegmentOptions};
use claimdiff::source::Span;
use divan::counter::{BytesCount, ItemsCount};
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

const SEEDS: [&str; 5] = [
    "fixtures/seeds/000_da1ad20a460b3aa2.txt",
    "fixtures/seeds/001_fefcd0f3b72511c5.txt",
    "fixtures/seeds/002_c77bffe88f816a3e.txt",
    "fixtures/seeds/003_f88875b5d44bba2d.txt",
    "fixtures/seeds/004_43b49ed0a464ae58.txt",
];

fn texts() -> Vec<String> {
    SEEDS
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn articles() -> Vec<Article> {
    texts()
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            article_from_text(&InputSpec::path(SEEDS[i]), &format!("a{}", i + 1), t).unwrap()
        })
        .collect()
}

fn rules() -> RuleSet {
    claimdiff::config::load(None).unwrap()
}

#[divan::bench]
fn load_default_rules() -> RuleSet {
    rules()
}

#[divan::bench]
fn segmentation(bencher: Bencher) {
    let texts = texts();
    let lang = Lang::get(LangCode::Fr);
    let bytes: usize = texts.iter().map(String::len).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        for t in &texts {
            black_box(segment(
                t,
                Span::new(0, t.len()),
                lang,
                SegmentOptions::default(),
            ));
        }
    });
}

#[divan::bench]
fn normalise_and_extract(bencher: Bencher) {
    let rules = rules();
    let articles = articles();
    let claims: Vec<String> = articles
        .iter()
        .flat_map(|a| {
            a.claim_indices()
                .map(|i| a.segment_text(i).to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    let lang = Lang::get(LangCode::Fr);
    bencher.counter(ItemsCount::new(claims.len())).bench(|| {
        for c in &claims {
            black_box(extract(c, lang, None, &rules.aliases, &rules.term_sets));
        }
    });
}

fn seed_features() -> (Vec<Features>, Vec<usize>) {
    let rules = rules();
    let corpus = Corpus::from_articles(&articles(), &rules);
    let index: std::collections::HashMap<&str, usize> = corpus
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let article_of = corpus
        .claims
        .iter()
        .map(|c| index[c.article.as_str()])
        .collect();
    (corpus.features, article_of)
}

#[divan::bench]
fn pair_scoring(bencher: Bencher) {
    let (features, _) = seed_features();
    let (scorer, sets) = Scorer::build(
        features.iter().map(|f| f.terms.as_slice()),
        Default::default(),
    );
    let n = sets.len();
    bencher.counter(ItemsCount::new(n * (n - 1) / 2)).bench(|| {
        for i in 0..n {
            for j in i + 1..n {
                black_box(scorer.score(&sets[i], &sets[j]));
            }
        }
    });
}

#[divan::bench]
fn grouping(bencher: Bencher) {
    let (features, article_of) = seed_features();
    let inputs: Vec<AlignInput> = features
        .iter()
        .zip(&article_of)
        .map(|(f, &a)| AlignInput {
            embedding: None,
            article: a,
            lang: claimdiff::lang::LangCode::Fr,
            article_date: None,
            features: f,
        })
        .collect();
    let options = AlignOptions::default();
    bencher.bench(|| black_box(align(&inputs, &options).groups.len()));
}

#[divan::bench]
fn rules_and_report(bencher: Bencher) {
    let rules = rules();
    let corpus = Corpus::from_articles(&articles(), &rules);
    let options = RunOptions::default();
    bencher.bench(|| black_box(run(&corpus, &rules, Mode::Compare, &options).findings.len()));
}
