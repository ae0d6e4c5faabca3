//! Do two aligned claims state the same thing? The similarity score says how much two claims
//! share; this test says whether what they share is the whole statement. Two claims can share
//! most of their terms while one adds a clause ("…, which says he's the leading suspect"),
//! and two can share few terms yet say the same thing in other words.
//!
//! The test is a logistic model over ten features of the pair, each one a plain measure a
//! reader can check. Its weights are data (`rules/equivalence.yaml`), fitted on MSRP train by
//! `cargo run --release --example fit_equivalence` (README, "Quality"). Every assessment
//! lists what pushed it up or down, so a verdict can be explained in a sentence.
//!
//! The words compared are the claim's *statement*: the words of the claim without the
//! attribution ("…, police said") and the dates, with every number written as one slot.
//! Attribution, dates and numbers have rules of their own, which report their changes.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::extract::{Features, TermKind};
use crate::lang::Lang;
use crate::normalize::{fold, words, SpanCover, WordKind};
use crate::source::Span;

/// The features, in the order of [`PairFeatures::values`].
pub const FEATURES: [&str; 10] = [
    "overlap",
    "word_coverage",
    "containment",
    "word_order",
    "longest_addition",
    "longest_term_addition",
    "character_overlap",
    "length_gap",
    "unmatched_numbers",
    "negation_mismatch",
];

/// How a feature's value reads.
#[derive(Clone, Copy)]
enum Unit {
    /// A share, written as a percentage.
    Share,
    /// A count or a score, written as is.
    Plain,
}

/// Each feature in a few words, for messages a reader sees: the phrase when it pushed toward
/// "same statement", and the phrase when it pushed away (`{}` is the value).
const FEATURE_PHRASES: [(&str, &str, Unit); 10] = [
    (
        "terms largely shared ({})",
        "few terms shared ({})",
        Unit::Plain,
    ),
    (
        "{} of the longer claim's words in the other",
        "only {} of the longer claim's words in the other",
        Unit::Share,
    ),
    (
        "reworded rather than copied ({} of phrases shared)",
        "one claim copies the other's phrases ({}) and adds more",
        Unit::Share,
    ),
    (
        "word order kept over {} of the longer claim",
        "word order kept over only {} of the longer claim",
        Unit::Share,
    ),
    (
        "no long passage added (at most {} words in a row)",
        "one claim adds {} words in a row",
        Unit::Plain,
    ),
    (
        "no run of added content words (at most {})",
        "one claim adds {} content words in a row",
        Unit::Plain,
    ),
    (
        "much the same characters ({})",
        "different characters ({})",
        Unit::Plain,
    ),
    (
        "lengths close ({} words apart)",
        "lengths differ by {} words",
        Unit::Plain,
    ),
    (
        "numbers agree ({} on one side only)",
        "{} number(s) on one side only",
        Unit::Plain,
    ),
    (
        "no negation on one side only",
        "negation on one side only",
        Unit::Plain,
    ),
];

/// What each feature measures, for `claimdiff rules explain wording`.
pub const FEATURE_DOCS: [&str; 10] = [
    "the similarity score (weighted overlap of terms)",
    "share of the longer statement's words found in the other",
    "share of the shorter statement's four-word phrases found in the other: near 1 when one claim is the other with more added",
    "longest common word sequence, as a share of the longer statement",
    "longest run of words of one statement absent from the other",
    "longest run of content terms of one claim absent from the other",
    "overlap of character trigrams (spelling variants, compounds)",
    "difference in length, in words",
    "numbers written in one claim only",
    "one claim is negated and the other is not",
];

/// Word pairs compared in the longest common subsequence: two scraped pages with no
/// punctuation would make it quadratic; beyond this, word coverage stands in for it.
const LCS_MAX_WORK: usize = 1 << 22;

/// What one claim brings to the test.
#[derive(Debug, Clone, Copy)]
pub struct ClaimText<'a> {
    pub text: &'a str,
    pub features: &'a Features,
    pub lang: &'a Lang,
}

impl<'a> ClaimText<'a> {
    pub fn new(text: &'a str, features: &'a Features, lang: &'a Lang) -> Self {
        ClaimText {
            text,
            features,
            lang,
        }
    }
}

/// The ten feature values of one pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PairFeatures {
    pub values: [f64; 10],
}

/// What the test needs of one claim, computed once per claim: words, terms and character
/// trigrams as sorted or ordered hashes, so that comparing two claims allocates little.
#[derive(Debug, Clone, Default)]
pub struct ClaimProfile {
    /// Statement words in order (hashes of the folded words).
    words: Vec<u64>,
    /// The same, sorted.
    words_sorted: Vec<u64>,
    /// Four-word phrases of the statement, sorted.
    phrases: Vec<u64>,
    /// Term keys in order, and sorted without repeats.
    terms: Vec<u64>,
    terms_set: Vec<u64>,
    /// Number terms, sorted without repeats.
    numbers: Vec<u64>,
    /// Character trigrams of the folded claim, sorted.
    trigrams: Vec<u64>,
    /// Words of the whole claim.
    length: usize,
    negated: bool,
}

fn hash_of<T: std::hash::Hash + ?Sized>(x: &T) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(x)
}

fn sorted(mut v: Vec<u64>) -> Vec<u64> {
    v.sort_unstable();
    v
}

fn sorted_set(v: Vec<u64>) -> Vec<u64> {
    let mut v = sorted(v);
    v.dedup();
    v
}

impl ClaimProfile {
    pub fn of(c: &ClaimText) -> ClaimProfile {
        let (statement, length) = statement_words(c);
        let hashed: Vec<u64> = statement.iter().map(|w| hash_of(w.as_str())).collect();
        let phrases = hashed.windows(4).map(hash_of).collect();
        let terms: Vec<u64> = c
            .features
            .terms
            .iter()
            .map(|t| hash_of(t.key.as_str()))
            .collect();
        let numbers = c
            .features
            .terms
            .iter()
            .filter(|t| t.kind == TermKind::Number)
            .map(|t| hash_of(t.key.as_str()))
            .collect();
        let chars: Vec<char> = fold(c.text).chars().collect();
        let trigrams = chars
            .windows(3)
            .map(|w| (u64::from(w[0]) << 42) | (u64::from(w[1]) << 21) | u64::from(w[2]))
            .collect();
        ClaimProfile {
            words_sorted: sorted(hashed.clone()),
            words: hashed,
            phrases: sorted(phrases),
            terms_set: sorted_set(terms.clone()),
            terms,
            numbers: sorted_set(numbers),
            trigrams: sorted(trigrams),
            length,
            negated: !c.features.negations.is_empty(),
        }
    }
}

/// The statement words of a claim: folded, without attribution, dates and attribution verbs,
/// numbers as `#` (one slot for "5 000" or "1.2 billion"); and how many words the claim has.
fn statement_words(c: &ClaimText) -> (Vec<String>, usize) {
    let date_spans: Vec<Span> = c.features.dates.iter().map(|d| d.span).collect();
    let dates = SpanCover::new(&date_spans);
    let skip_spans: Vec<Span> = c
        .features
        .attributions
        .iter()
        .filter(|a| !a.nested)
        .map(|a| a.span)
        .chain(date_spans.iter().copied())
        .collect();
    let skip = SpanCover::new(&skip_spans);
    let within = |spans: &SpanCover, w: &crate::normalize::WordSpan| spans.overlaps(w.start, w.end);
    let mut out: Vec<String> = Vec::new();
    let all = words(c.text);
    for &w in &all {
        if within(&skip, &w) {
            // The preposition of a date goes with it ("on Tuesday", "le 28 janvier").
            if within(&dates, &w) && out.last().is_some_and(|p| c.lang.stopwords.contains(p)) {
                out.pop();
            }
            continue;
        }
        if w.kind == WordKind::Number {
            if out.last().map(String::as_str) != Some("#") {
                out.push("#".into());
            }
            continue;
        }
        let f = fold(&c.text[w.start..w.end]);
        if c.lang.attribution_verbs.contains(&f) {
            continue;
        }
        out.push(f);
    }
    (out, all.len())
}

/// Items two sorted lists share, counted with repeats (a multiset intersection).
pub(crate) fn shared_count<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    n
}

/// Items one sorted list has and the other does not, both ways.
fn unshared_count(a: &[u64], b: &[u64]) -> usize {
    a.len() + b.len() - 2 * shared_count(a, b)
}

fn lcs(a: &[u64], b: &[u64]) -> Option<usize> {
    if a.len().saturating_mul(b.len()) > LCS_MAX_WORK {
        return None;
    }
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()])
}

/// The longest run of items of `a` that `b_sorted` (sorted) does not have.
fn longest_absent_run(a: &[u64], b_sorted: &[u64]) -> usize {
    let (mut best, mut run) = (0, 0);
    for x in a {
        run = if b_sorted.binary_search(x).is_ok() {
            0
        } else {
            run + 1
        };
        best = best.max(run);
    }
    best
}

impl PairFeatures {
    /// The features of claims `a` and `b`, whose similarity score is `overlap`.
    pub fn of(a: &ClaimText, b: &ClaimText, overlap: f64) -> PairFeatures {
        PairFeatures::between(&ClaimProfile::of(a), &ClaimProfile::of(b), overlap)
    }

    /// The features of two claims by their profiles.
    pub fn between(a: &ClaimProfile, b: &ClaimProfile, overlap: f64) -> PairFeatures {
        let longer = a.words.len().max(b.words.len()) as f64;
        let word_coverage = if longer > 0.0 {
            shared_count(&a.words_sorted, &b.words_sorted) as f64 / longer
        } else {
            0.0
        };
        let fewer_phrases = a.phrases.len().min(b.phrases.len());
        // A statement under four words has no phrase: its words stand in for them.
        let containment = if fewer_phrases > 0 {
            shared_count(&a.phrases, &b.phrases) as f64 / fewer_phrases as f64
        } else {
            word_coverage
        };
        let word_order = match lcs(&a.words, &b.words) {
            Some(l) if longer > 0.0 => l as f64 / longer,
            Some(_) => 0.0,
            None => word_coverage,
        };
        let longest_addition = longest_absent_run(&a.words, &b.words_sorted)
            .max(longest_absent_run(&b.words, &a.words_sorted));
        let longest_term_addition = longest_absent_run(&a.terms, &b.terms_set)
            .max(longest_absent_run(&b.terms, &a.terms_set));
        let trigrams = a.trigrams.len() + b.trigrams.len();
        let character_overlap = if trigrams > 0 {
            2.0 * shared_count(&a.trigrams, &b.trigrams) as f64 / trigrams as f64
        } else {
            0.0
        };
        PairFeatures {
            values: [
                overlap,
                word_coverage,
                containment,
                word_order,
                longest_addition as f64,
                longest_term_addition as f64,
                character_overlap,
                a.length.abs_diff(b.length) as f64,
                unshared_count(&a.numbers, &b.numbers) as f64,
                f64::from(u8::from(a.negated != b.negated)),
            ],
        }
    }
}

/// One feature's part in an assessment.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Reason {
    /// Feature name (see `claimdiff rules explain wording`).
    pub feature: &'static str,
    pub value: f64,
    /// Its push on the log-odds of "same statement", against a typical pair of the data the
    /// model was fitted on: positive toward equivalent, negative away from it.
    pub contribution: f64,
}

/// The test's answer for one pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Estimated probability that the two claims state the same thing.
    pub probability: f64,
    /// `probability >= threshold`.
    pub equivalent: bool,
    /// Every feature's part: those that pushed toward the answer first, strongest first.
    pub reasons: Vec<Reason>,
}

impl Assessment {
    /// The `n` strongest reasons in words, said the way they pushed: "one claim adds 7 words
    /// in a row", "word order kept over 90 % of the longer claim".
    pub fn summary(&self, n: usize) -> String {
        self.reasons
            .iter()
            .take(n)
            .map(|r| {
                let k = FEATURES.iter().position(|&f| f == r.feature).unwrap_or(0);
                let (toward, away, unit) = FEATURE_PHRASES[k];
                let value = match unit {
                    Unit::Share => format!("{:.0} %", r.value * 100.0),
                    Unit::Plain => fmt_value(r.value),
                };
                let phrase = if r.contribution >= 0.0 { toward } else { away };
                phrase.replace("{}", &value)
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn fmt_value(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}

/// One feature's weight, as written in `rules/equivalence.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FeatureWeight {
    pub weight: f64,
    /// The feature's mean on the fitting data: contributions are told against it.
    pub mean: f64,
}

/// The fitted model: `rules/equivalence.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EquivalenceModel {
    /// Where the weights come from, for people reading the file.
    pub fitted_on: String,
    /// Log-odds of a pair whose features all sit at their mean.
    pub intercept: f64,
    /// `equivalent` when the probability is at least this (chosen on the fitting data).
    pub threshold: f64,
    /// One entry per name of [`FEATURES`].
    pub features: std::collections::BTreeMap<String, FeatureWeight>,
}

pub const BUNDLED_FILE: &str = "rules/equivalence.yaml";
pub const BUNDLED_YAML: &str = include_str!("../../rules/equivalence.yaml");

impl EquivalenceModel {
    pub fn from_yaml(file: &str, text: &str) -> Result<EquivalenceModel, Error> {
        let model: EquivalenceModel = crate::input::parse_yaml(file, text)?;
        for name in FEATURES {
            if !model.features.contains_key(name) {
                return Err(Error::input(file, format!("features: `{name}` is missing")));
            }
        }
        if let Some(extra) = model
            .features
            .keys()
            .find(|k| !FEATURES.contains(&k.as_str()))
        {
            return Err(Error::input(
                file,
                format!(
                    "features: unknown feature `{extra}`; the features are {}",
                    FEATURES.join(", ")
                ),
            ));
        }
        if !(0.0..=1.0).contains(&model.threshold) {
            return Err(Error::input(
                file,
                format!("threshold: {} is not in [0, 1]", model.threshold),
            ));
        }
        Ok(model)
    }

    /// The bundled model, parsed once per process.
    pub fn bundled() -> &'static EquivalenceModel {
        static MODEL: OnceLock<EquivalenceModel> = OnceLock::new();
        MODEL.get_or_init(|| {
            // Tested; a failure here is a build defect, not user input.
            EquivalenceModel::from_yaml(BUNDLED_FILE, BUNDLED_YAML)
                .unwrap_or_else(|e| panic!("bundled equivalence model: {e}"))
        })
    }

    /// The features with what they measure and their weights, for `rules explain`.
    pub fn describe(&self) -> String {
        let mut out = format!(
            "The equivalence test ({BUNDLED_FILE}; `equivalent` at {:.3} and above). A positive \
             weight pushes toward the same statement:\n",
            self.threshold
        );
        for (name, doc) in FEATURES.iter().zip(FEATURE_DOCS) {
            let w = &self.features[*name];
            out.push_str(&format!(
                "  {name:<22} {:+.3} per unit (mean {:.2}): {doc}\n",
                w.weight, w.mean
            ));
        }
        out.push_str(&format!("Fitted on {}.", self.fitted_on));
        out
    }

    pub fn assess(&self, f: &PairFeatures) -> Assessment {
        let mut logit = self.intercept;
        let mut reasons: Vec<Reason> = FEATURES
            .iter()
            .zip(f.values)
            .map(|(&name, value)| {
                let w = &self.features[name];
                let contribution = w.weight * (value - w.mean);
                logit += contribution;
                Reason {
                    feature: name,
                    value: crate::output::round3(value),
                    contribution: (contribution * 100.0).round() / 100.0,
                }
            })
            .collect();
        let probability = 1.0 / (1.0 + (-logit).exp());
        let equivalent = probability >= self.threshold;
        // What made the answer first, strongest first; then what pulled the other way.
        let toward = |r: &Reason| (r.contribution > 0.0) == equivalent;
        reasons.sort_by(|x, y| {
            toward(y)
                .cmp(&toward(x))
                .then(y.contribution.abs().total_cmp(&x.contribution.abs()))
        });
        Assessment {
            probability,
            equivalent,
            reasons,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::LangCode;

    fn features_of(a: &str, b: &str) -> PairFeatures {
        let lang = Lang::get(LangCode::En);
        let rules = crate::rules::ruleset::build(None).unwrap();
        let ex = |t: &str| crate::extract::extract(t, lang, None, &rules.aliases, &rules.term_sets);
        let (fa, fb) = (ex(a), ex(b));
        let (scorer, sets) = crate::align::Scorer::build(
            [fa.terms.as_slice(), fb.terms.as_slice()],
            Default::default(),
        );
        PairFeatures::of(
            &ClaimText::new(a, &fa, lang),
            &ClaimText::new(b, &fb, lang),
            scorer.similarity(&sets[0], &sets[1]),
        )
    }

    fn value(f: &PairFeatures, name: &str) -> f64 {
        f.values[FEATURES.iter().position(|&n| n == name).unwrap()]
    }

    #[test]
    fn attribution_dates_and_figures_are_not_part_of_the_statement() {
        let f = features_of(
            "The company will cut 1,200 jobs, a spokesman said on Tuesday.",
            "The company will cut 900 jobs.",
        );
        assert_eq!(value(&f, "word_coverage"), 1.0);
        assert_eq!(value(&f, "word_order"), 1.0);
        assert_eq!(value(&f, "longest_addition"), 0.0);
        // The changed figure is still seen, as a number on one side only (twice: each side).
        assert_eq!(value(&f, "unmatched_numbers"), 2.0);
    }

    #[test]
    fn an_added_clause_is_measured_and_lowers_the_estimate() {
        let short = "The talks ended without an agreement on the border.";
        let long = "The talks, which both sides had called decisive for the region and its people, ended without an agreement on the border.";
        let same = features_of(short, short);
        let added = features_of(short, long);
        // "which both sides had called decisive for": "the" and "and" are in the short claim.
        assert_eq!(value(&added, "longest_addition"), 7.0);
        let model = EquivalenceModel::bundled();
        let (p_same, p_added) = (model.assess(&same), model.assess(&added));
        assert!(
            p_same.equivalent && !p_added.equivalent,
            "{p_same:?} {p_added:?}"
        );
        // The reasons that made the answer come first.
        assert!(p_added.reasons[0].contribution < 0.0);
        assert!(p_same.reasons[0].contribution > 0.0);
        assert!(p_added.summary(2).contains('('));
    }

    #[test]
    fn negation_on_one_side_is_a_feature() {
        let f = features_of("The minister will resign.", "The minister will not resign.");
        assert_eq!(value(&f, "negation_mismatch"), 1.0);
    }

    #[test]
    fn model_files_are_checked() {
        EquivalenceModel::from_yaml(BUNDLED_FILE, BUNDLED_YAML).unwrap();
        let missing = BUNDLED_YAML.replace("  overlap:", "  overlapp:");
        let e = EquivalenceModel::from_yaml("m.yaml", &missing)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.yaml: features:"), "{e}");
        let bad = BUNDLED_YAML.replace("threshold: ", "threshold: 1");
        let e = EquivalenceModel::from_yaml("m.yaml", &bad)
            .unwrap_err()
            .to_string();
        assert!(e.contains("threshold"), "{e}");
    }

    #[test]
    fn huge_claims_skip_the_quadratic_measure() {
        let a: Vec<u64> = (0..3000).collect();
        assert_eq!(lcs(&a, &a), None);
        assert_eq!(lcs(&a[..10], &a[5..20]), Some(5));
    }
}
