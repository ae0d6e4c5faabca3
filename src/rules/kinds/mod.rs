//! The rule kinds. Each module holds one kind: its documentation (shown by
//! `claimdiff rules explain`), the parameters it takes, its check, and its tests.

pub mod attribution;
pub mod coverage;
pub mod date;
pub mod entity;
pub mod hedge;
pub mod negation;
pub mod number;
pub mod quote;
pub mod term;
pub mod wording;

use super::Rule;
use super::{Kind, Severity};
use crate::align::equivalence::Assessment;
use crate::diff::DiffOp;
use crate::extract::Features;
use crate::source::Span;

/// A claim as the pair checks see it.
#[derive(Debug, Clone, Copy)]
pub struct ClaimView<'a> {
    pub id: &'a str,
    /// How messages name the claim's side ("AFP", "Harbour Wire (a2)").
    pub outlet: &'a str,
    /// The article's outlet as a number ([`crate::ingest::outlet_ids`]): one per outlet.
    pub outlet_id: usize,
    pub text: &'a str,
    pub features: &'a Features,
}

impl ClaimView<'_> {
    /// Two claims of one outlet are two versions of one story: a figure or a name that
    /// changed between them is an edit, even where two outlets would differ by rounding an
    /// estimate or spelling a name their own way.
    pub fn same_outlet(&self, other: &ClaimView) -> bool {
        self.outlet_id == other.outlet_id
    }
}

/// Most mentions of one sort (numbers, quotes, dates) of each claim that a pair check pairs
/// with the other claim's: pairing is quadratic, and a claim with more is a list or a dump,
/// not a sentence. Real claims hold a handful.
const MAX_PAIRED: usize = 256;

/// The mentions of a claim that a pair check pairs up: the first [`MAX_PAIRED`].
pub(crate) fn paired<T>(mentions: &[T]) -> &[T] {
    &mentions[..mentions.len().min(MAX_PAIRED)]
}

/// What a pair check found.
#[derive(Debug, Clone)]
pub struct Hit {
    pub message: String,
    pub evidence: serde_json::Value,
    /// Overrides the rule's severity (e.g. a one-sided attribution).
    pub severity: Option<Severity>,
    /// The words of each claim (a, b) the finding is about, as byte spans of their texts.
    /// `None`: where the word diff first changes that claim.
    pub at: [Option<Span>; 2],
}

impl Hit {
    pub fn new(message: String, evidence: serde_json::Value) -> Hit {
        Hit {
            message,
            evidence,
            severity: None,
            at: [None, None],
        }
    }

    /// The words of claim a and claim b the finding is about.
    pub fn at(mut self, a: Option<Span>, b: Option<Span>) -> Hit {
        self.at = [a, b];
        self
    }
}

/// What a finding of a kind that sets one value against another needs to be high.
const PLACE_DOC: &str = "Severity: the rule's (high by default) only when the two values fill the same place of the two statements (the word diff deletes one and inserts the other right there, between words both claims share); otherwise medium at most (info for names: a name on one side only is an addition, not a swap), with `same_place: false` in the evidence. A finding on a link (two claims each grouped elsewhere, `groups[].link`) is medium at most.";

/// The documentation of a kind, with an example.
pub fn doc(kind: Kind) -> String {
    match kind {
        Kind::Wording => format!(
            "{}\n{}",
            wording::DOC,
            crate::align::equivalence::EquivalenceModel::bundled().describe()
        ),
        Kind::Number | Kind::Entity | Kind::Date => format!("{}\n{PLACE_DOC}", doc_text(kind)),
        Kind::Hedge | Kind::Attribution | Kind::Negation => {
            format!("{}\n{STATEMENT_DOC}", doc_text(kind))
        }
        _ => doc_text(kind).to_string(),
    }
}

fn doc_text(kind: Kind) -> &'static str {
    match kind {
        Kind::Number => number::DOC,
        Kind::Date => date::DOC,
        Kind::Quote => quote::DOC,
        Kind::Hedge => hedge::DOC,
        Kind::Negation => negation::DOC,
        Kind::Attribution => attribution::DOC,
        Kind::Entity => entity::DOC,
        Kind::Term => term::DOC,
        Kind::Omission => coverage::OMISSION_DOC,
        Kind::Addition => coverage::ADDITION_DOC,
        Kind::Wording => wording::DOC,
    }
}

/// The parameters a kind takes.
pub fn params_of(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Number => number::PARAMS,
        Kind::Date => &[],
        Kind::Quote => quote::PARAMS,
        Kind::Hedge => hedge::PARAMS,
        Kind::Negation => negation::PARAMS,
        Kind::Attribution => attribution::PARAMS,
        Kind::Entity => &[],
        Kind::Term => term::PARAMS,
        Kind::Omission => coverage::OMISSION_PARAMS,
        Kind::Addition => coverage::ADDITION_PARAMS,
        Kind::Wording => wording::PARAMS,
    }
}

/// Check parameter values; the message says what to write instead.
pub fn validate(rule: &Rule) -> Result<(), String> {
    let p = &rule.params;
    let unit = |name: &str, v: Option<f64>| match v {
        Some(x) if !(0.0..=1.0).contains(&x) => {
            Err(format!("`{name}` is {x}; write a number between 0 and 1"))
        }
        _ => Ok(()),
    };
    unit("min_share", p.min_share)?;
    unit("min_equivalence", p.min_equivalence)?;
    for (name, value) in [
        ("tolerance", p.tolerance),
        ("approximate_tolerance", p.approximate_tolerance),
    ] {
        if let Some(t) = value.filter(|t| !(*t >= 0.0 && t.is_finite())) {
            return Err(format!(
                "`{name}` is {t}; write a relative tolerance ≥ 0, such as 0.05 for 5 %"
            ));
        }
    }
    if rule.kind == Kind::Term && p.lexicon.is_none() {
        return Err(
            "a `term` rule needs `lexicon:` naming a list of watch-list sets under `lexicons:`"
                .into(),
        );
    }
    Ok(())
}

/// Run the pair check of `rule` on the reference claim `a` and another claim `b`, whose word
/// diff (a → b) is `ops` and whose equivalence test gave `equivalence`. Coverage kinds are not
/// pair checks and return nothing here.
pub fn check_pair(
    rule: &Rule,
    a: &ClaimView,
    b: &ClaimView,
    ops: &[DiffOp],
    equivalence: &Assessment,
) -> Option<Hit> {
    match rule.kind {
        Kind::Number => number::check(rule, a, b),
        Kind::Date => date::check(a, b),
        Kind::Quote => quote::check(rule, a, b),
        Kind::Hedge => hedge::check(rule, a, b),
        Kind::Negation => negation::check(rule, a, b),
        Kind::Attribution => attribution::check(rule, a, b),
        Kind::Entity => entity::check(a, b, ops),
        Kind::Term => term::check(a, b),
        Kind::Wording => wording::check(rule, a, b, ops, equivalence),
        Kind::Omission | Kind::Addition => None,
    }
}

/// A rule's hit on a pair, with its severity settled (the hit's own, else the rule's).
#[derive(Debug, Clone)]
pub struct RuleHit<'r> {
    /// The rule's index in the rule set.
    pub index: usize,
    pub rule: &'r Rule,
    pub severity: Severity,
    pub message: String,
    pub evidence: serde_json::Value,
    /// Byte offsets in the texts of a and b of the words the finding is about: the first
    /// changed word inside the span the check named, else the start of that span, else the
    /// first change of the word diff.
    pub at: [usize; 2],
}

impl<'r> RuleHit<'r> {
    /// What rule `index` of the rule set found, pointed at the words of `changed` (the
    /// diff's changed spans of each claim) that it names.
    fn of(index: usize, rule: &'r Rule, hit: Hit, changed: &[Vec<Span>; 2]) -> RuleHit<'r> {
        RuleHit {
            index,
            rule,
            severity: hit.severity.unwrap_or(rule.severity),
            message: hit.message,
            evidence: hit.evidence,
            at: [0, 1].map(|side| point_at(hit.at[side], &changed[side])),
        }
    }
}

/// A value against another is solid evidence only where the two fill the same place of the
/// two statements: the word diff sets one against the other (one deleted, the other inserted
/// right there) between words both claims share. Paraphrases put "Chengdu" and "Guangyuan",
/// or "7,0" and "6,5", in unrelated places of their sentences; such a finding is medium at
/// most, and its evidence says why (`same_place: false`).
fn weigh_place(hit: &mut RuleHit, ops: &[DiffOp]) {
    let placed = matches!(hit.rule.kind, Kind::Number | Kind::Entity | Kind::Date);
    if !placed || hit.severity == Severity::Info || same_place(ops, hit.at) {
        return;
    }
    // A name in one place and another name elsewhere is an addition and an omission, not a
    // swap; two figures or dates in other places may still be one fact told twice.
    hit.severity = if hit.rule.kind == Kind::Entity {
        Severity::Info
    } else {
        hit.severity.min(Severity::Medium)
    };
    if let Some(e) = hit.evidence.as_object_mut() {
        e.insert("same_place".into(), serde_json::Value::Bool(false));
    }
}

/// Below this estimate that two claims state the same thing, a hedge, a source or a
/// negation on one side only is told as info: the claims may be two statements on one topic
/// ("a deal is possible", says a senator; the Kremlin says the leaders backed one), and the
/// modal word or the speaker belongs to each statement.
const SAME_STATEMENT: f64 = 0.2;

/// What a hedge, attribution or negation finding needs to be above info.
const STATEMENT_DOC: &str = "Severity: the rule's only when the equivalence test finds the two claims likely to state the same thing (estimate 0.2 or more); below, `info` with `same_statement: false` in the evidence.";

fn weigh_statement(hit: &mut RuleHit, equivalence: &Assessment) {
    let kinds = matches!(
        hit.rule.kind,
        Kind::Hedge | Kind::Attribution | Kind::Negation
    );
    if !kinds || hit.severity == Severity::Info || equivalence.probability >= SAME_STATEMENT {
        return;
    }
    hit.severity = Severity::Info;
    if let Some(e) = hit.evidence.as_object_mut() {
        e.insert("same_statement".into(), serde_json::Value::Bool(false));
    }
}

/// Is the word at offset `at[0]` of claim a deleted, and the word at `at[1]` of claim b
/// inserted, by two neighbouring operations of the word diff, with shared words before and
/// after them?
fn same_place(ops: &[DiffOp], at: [usize; 2]) -> bool {
    use crate::diff::DiffTagKind::{Delete, Equal, Insert};
    let (mut pa, mut pb) = (0, 0);
    let (mut ia, mut ib) = (None, None);
    for (i, op) in ops.iter().enumerate() {
        let len = op.text.len();
        match op.op {
            Equal => {
                pa += len;
                pb += len;
            }
            Delete => {
                if (pa..pa + len).contains(&at[0]) {
                    ia = Some(i);
                }
                pa += len;
            }
            Insert => {
                if (pb..pb + len).contains(&at[1]) {
                    ib = Some(i);
                }
                pb += len;
            }
        }
    }
    let (Some(ia), Some(ib)) = (ia, ib) else {
        return false;
    };
    let (first, last) = (ia.min(ib), ia.max(ib));
    let shared = |op: Option<&DiffOp>| {
        op.is_some_and(|o| o.op == Equal && o.text.chars().any(char::is_alphanumeric))
    };
    // Shared words on both sides: a value at the very end ("… rapporte l'Insee." / "…, avant
    // l'élection de François Hollande.") has only the full stop after it, which any two
    // sentences share.
    last == first + 1 && first > 0 && shared(ops.get(first - 1)) && shared(ops.get(last + 1))
}

/// The offset a finding points at in one claim: see [`RuleHit::at`].
fn point_at(named: Option<Span>, changed: &[Span]) -> usize {
    match named {
        // A word changed inside the span; else a place where the other claim has words this
        // one lacks.
        Some(span) => changed
            .iter()
            .find(|c| c.end > span.start && c.start < span.end)
            .or_else(|| {
                changed
                    .iter()
                    .find(|c| c.is_empty() && span.contains(c.start))
            })
            .map_or(span.start, |c| c.start.max(span.start)),
        None => changed.first().map_or(0, |c| c.start),
    }
}

/// Run every pair rule of `rules` (with their indices in the rule set) on the reference claim
/// `a` and another claim `b`, then `wording` where nothing above `info` was found: a source
/// named on one side does not explain a claim that says something else. `compare`, `check`
/// and `pairs` all judge a pair this way.
pub fn check_claims<'r>(
    rules: &[(usize, &'r Rule)],
    a: &ClaimView,
    b: &ClaimView,
    ops: &[DiffOp],
    equivalence: &Assessment,
) -> Vec<RuleHit<'r>> {
    let mut hits: Vec<RuleHit> = Vec::new();
    let changed = std::cell::OnceCell::new();
    let run = |index: usize, rule: &'r Rule, hits: &mut Vec<RuleHit<'r>>| {
        if let Some(hit) = check_pair(rule, a, b, ops, equivalence) {
            let changed = changed.get_or_init(|| crate::diff::changed_spans(ops));
            let mut hit = RuleHit::of(index, rule, hit, changed);
            weigh_place(&mut hit, ops);
            weigh_statement(&mut hit, equivalence);
            hits.push(hit);
        }
    };
    for &(i, rule) in rules.iter().filter(|(_, r)| r.kind != Kind::Wording) {
        run(i, rule, &mut hits);
    }
    if hits.iter().all(|h| h.severity == Severity::Info) {
        for &(i, rule) in rules.iter().filter(|(_, r)| r.kind == Kind::Wording) {
            run(i, rule, &mut hits);
        }
    }
    hits
}

/// The pair rules on the headlines of two versions of one story ([`check_claims`]); a
/// headline rewritten without any of them firing is still reported, by the `wording` rule:
/// a new version's headline is what most readers see, and its changes are what a
/// fact-checker tracks.
pub fn check_headlines<'r>(
    rules: &[(usize, &'r Rule)],
    a: &ClaimView,
    b: &ClaimView,
    ops: &[DiffOp],
    equivalence: &Assessment,
) -> Vec<RuleHit<'r>> {
    let hits = check_claims(rules, a, b, ops, equivalence);
    if !hits.is_empty() {
        return hits;
    }
    let Some(&(index, rule)) = rules.iter().find(|(_, r)| r.kind == Kind::Wording) else {
        return hits;
    };
    let hit = wording::headline_rewrite(a, b, ops, equivalence);
    vec![RuleHit::of(
        index,
        rule,
        hit,
        &crate::diff::changed_spans(ops),
    )]
}

/// Cue spans of a claim: those the extraction found (`found`) and the rule's own `patterns`.
pub(crate) fn cue_spans(
    found: &[crate::extract::Cue],
    rule: &Rule,
    text: &str,
) -> Vec<(usize, usize)> {
    let mut spans: Vec<(usize, usize)> = found.iter().map(|c| (c.span.start, c.span.end)).collect();
    for p in &rule.patterns {
        pattern_matches(p, text, &mut spans);
    }
    spans
}

/// Bytes of a claim one search of a user's pattern reads. A pattern such as `[^#]+#|[a-z]`
/// reads to the end of the text for every match it finds; within windows of this size the
/// work per byte is bounded whatever the pattern.
const PATTERN_WINDOW: usize = 2048;

/// Longest cue a pattern surely finds in a long claim: a window with no match is searched
/// again from this far before its end, so no shorter match is cut.
const MAX_PATTERN_CUE: usize = 256;

/// The matches of a user's pattern in `text`, as `find_iter` gives them; in a claim longer
/// than [`PATTERN_WINDOW`], searched window by window (a match is cut at its window's end),
/// so that the time stays linear in the claim's length.
fn pattern_matches(p: &regex::Regex, text: &str, out: &mut Vec<(usize, usize)>) {
    if text.len() <= PATTERN_WINDOW {
        out.extend(p.find_iter(text).map(|m| (m.start(), m.end())));
        return;
    }
    let boundary = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let mut pos = 0;
    while pos < text.len() {
        let end = boundary(pos + PATTERN_WINDOW);
        match p.find_at(&text[..end], pos) {
            Some(m) => {
                out.push((m.start(), m.end()));
                let step = text[m.end()..].chars().next().map_or(1, char::len_utf8);
                pos = if m.end() > m.start() {
                    m.end()
                } else {
                    m.end() + step
                };
            }
            // None here: on from where a cue could start and still end in the next window.
            None if end < text.len() => pos = boundary(end - MAX_PATTERN_CUE),
            None => break,
        }
    }
}

/// Does the other claim (its content words, `other_words`) share a word of the cue at `span`
/// or of the `before` words before it and `after` words after it? A cue on a clause the other
/// claim does not report is not a change to that claim.
pub(crate) fn anchored(
    text: &str,
    span: (usize, usize),
    before: usize,
    after: usize,
    other_words: &[String],
) -> bool {
    let head: Vec<&str> = text[..span.0]
        .split_whitespace()
        .rev()
        .take(before)
        .collect();
    let tail: Vec<&str> = text[span.1..].split_whitespace().take(after).collect();
    let around = format!(
        "{} {} {}",
        head.join(" "),
        &text[span.0..span.1],
        tail.join(" ")
    );
    content_words(&around)
        .iter()
        .any(|w| other_words.contains(w))
}

/// A folded word that carries content: longer than two letters, not a function word.
pub(crate) fn is_content_word(w: &str) -> bool {
    w.chars().count() > 2 && !crate::lang::is_function_word(w)
}

/// A claim's content words, folded on first use and kept for the rest of the pair's checks:
/// a rule that anchors cues may need them twice, and most pairs never do.
pub(crate) struct LazyWords<'a> {
    text: &'a str,
    words: std::cell::OnceCell<Vec<String>>,
}

impl<'a> LazyWords<'a> {
    pub(crate) fn new(text: &'a str) -> LazyWords<'a> {
        LazyWords {
            text,
            words: std::cell::OnceCell::new(),
        }
    }

    pub(crate) fn get(&self) -> &[String] {
        self.words.get_or_init(|| content_words(self.text))
    }
}

/// Folded content words of a text, for overlap checks.
pub(crate) fn content_words(text: &str) -> Vec<String> {
    crate::normalize::fold_words(text)
        .into_iter()
        .filter(|w| is_content_word(w))
        .collect()
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use crate::extract::dates::PartialDate;
    use crate::lang::{Lang, LangCode};

    fn features_in(text: &str, date: Option<&str>, code: LangCode) -> Features {
        let rules = crate::rules::ruleset::build(None).unwrap();
        crate::extract::extract(
            text,
            Lang::get(code),
            date.and_then(PartialDate::parse_iso),
            &rules.aliases,
            &rules.term_sets,
        )
    }

    /// Run rule `id` of the default set on two French claims.
    pub fn run(id: &str, a: &str, b: &str) -> Option<Hit> {
        run_in(LangCode::Fr, id, a, b)
    }

    /// Run rule `id` of the default set on two claims in `code`, of two outlets.
    pub fn run_in(code: LangCode, id: &str, a: &str, b: &str) -> Option<Hit> {
        run_with(code, false, id, a, b)
    }

    /// Run rule `id` of the default set on two versions of one outlet's claim, in `code`.
    pub fn run_versions(code: LangCode, id: &str, a: &str, b: &str) -> Option<Hit> {
        run_with(code, true, id, a, b)
    }

    fn run_with(code: LangCode, versions: bool, id: &str, a: &str, b: &str) -> Option<Hit> {
        let rules = crate::rules::ruleset::build(None).unwrap();
        let rule = rules.rule(id).unwrap();
        let (fa, fb) = (
            features_in(a, Some("2017-01-28"), code),
            features_in(b, Some("2017-01-28"), code),
        );
        let va = ClaimView {
            id: "a1.c1",
            outlet: "afp",
            outlet_id: 0,
            text: a,
            features: &fa,
        };
        let vb = ClaimView {
            id: "a2.c1",
            outlet: "reuters",
            outlet_id: if versions { 0 } else { 1 },
            text: b,
            features: &fb,
        };
        let lang = Lang::get(code);
        let (scorer, sets) = crate::align::Scorer::build(
            [fa.terms.as_slice(), fb.terms.as_slice()],
            Default::default(),
        );
        use crate::align::equivalence::{ClaimText, EquivalenceModel, PairFeatures};
        let equivalence = EquivalenceModel::bundled().assess(&PairFeatures::of(
            &ClaimText::new(a, &fa, lang),
            &ClaimText::new(b, &fb, lang),
            scorer.similarity(&sets[0], &sets[1]),
        ));
        check_pair(rule, &va, &vb, &crate::diff::word_diff(a, b), &equivalence)
    }
}

#[cfg(test)]
mod place_tests {
    use super::same_place;
    use crate::diff::word_diff;

    /// The offset of `word` in `text`.
    fn at(text: &str, word: &str) -> usize {
        text.find(word).unwrap()
    }

    #[test]
    fn a_value_set_against_another_between_shared_words_is_in_the_same_place() {
        let (a, b) = (
            "Un séisme de magnitude 7,0 a frappé mardi soir le Sichuan.",
            "Un séisme de magnitude 6,5 a frappé mardi soir le Sichuan.",
        );
        assert!(same_place(&word_diff(a, b), [at(a, "7,0"), at(b, "6,5")]));
    }

    #[test]
    fn two_endings_that_share_only_the_full_stop_are_not() {
        let (a, b) = (
            "Il retrouve son niveau de début 2012, rapporte l'Insee.",
            "Il retrouve son niveau de début 2012, avant l'élection de François Hollande.",
        );
        assert!(!same_place(
            &word_diff(a, b),
            [at(a, "Insee"), at(b, "François")]
        ));
    }

    #[test]
    fn values_in_unrelated_places_of_two_paraphrases_are_not() {
        let (a, b) = (
            "La ville de Guangyuan a été touchée mardi, a dit l'agence Chine nouvelle.",
            "L'agence Chine nouvelle a dit que les secours partaient mardi de Chengdu.",
        );
        assert!(!same_place(
            &word_diff(a, b),
            [at(a, "Guangyuan"), at(b, "Chengdu")]
        ));
    }
}
