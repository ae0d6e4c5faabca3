//! The pipeline end to end: a [`Corpus`] of claims with their features → align → diff →
//! rules → one [`Report`]. `compare` treats every article alike; `check` looks at new
//! articles against reference ones (files or a baseline).

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

mod headlines;

use crate::align::equivalence::{
    Assessment, ClaimProfile, ClaimText, EquivalenceModel, PairFeatures,
};
use crate::align::{self, AlignOptions};
use crate::diff::{similarity, word_diff};
use crate::extract::dates::PartialDate;
use crate::extract::{extract, Features};
use crate::ingest::{Article, ArticleMeta};
use crate::lang::Lang;
use crate::normalize::WrittenForms;
use crate::output::round3;
use crate::report::model::AlignedClause;
use crate::report::model::{
    ClaimDiff, ClaimRecord, FindingRecord, GroupRecord, PairRecord, Report, RuleSetInfo, Summary,
    Tool, SCHEMA,
};
use crate::rules::kinds::{self, coverage, ClaimView};
use crate::rules::{Kind, Rule, RuleSet, Severity};
use crate::source::Located;

/// Claims of several articles, with their features: what alignment and rules work on.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub articles: Vec<ArticleMeta>,
    pub claims: Vec<ClaimRecord>,
    pub features: Vec<Features>,
}

/// The claims of an article, numbered `a1.c1`, `a1.c2`… in text order, with where each is in
/// the file: the one place claim ids are made, for `claims` and for reports alike.
pub fn claim_records(a: &Article) -> impl Iterator<Item = ClaimRecord> + '_ {
    a.claim_indices().enumerate().map(|(n, i)| {
        let span = a.source_span(i);
        let (line, column) = a.position(i);
        ClaimRecord::at(
            format!("{}.c{}", a.meta.id, n + 1),
            &a.meta,
            // Claims read as the reader sees them: a Markdown link's target is not a word of
            // the claim (start, end, line and column still locate it in the file).
            crate::normalize::link_texts_only(a.segment_text(i)).into_owned(),
            Located {
                start: span.start,
                end: span.end,
                line,
                column,
            },
        )
    })
}

impl Corpus {
    /// The ids of claims given by index, as reports and baselines name them.
    pub fn claim_ids(&self, claims: &[usize]) -> Vec<String> {
        claims.iter().map(|&c| self.claims[c].id.clone()).collect()
    }

    /// The claims of read articles.
    pub fn from_articles(articles: &[Article], rules: &RuleSet) -> Corpus {
        let claims = articles.iter().flat_map(claim_records).collect();
        let metas: Vec<ArticleMeta> = articles.iter().map(|a| a.meta.clone()).collect();
        Corpus::from_claims(metas, claims, rules)
    }

    /// Claims already split (from a baseline): extract their features again.
    pub fn from_claims(
        articles: Vec<ArticleMeta>,
        claims: Vec<ClaimRecord>,
        rules: &RuleSet,
    ) -> Corpus {
        let by_id: HashMap<&str, &ArticleMeta> =
            articles.iter().map(|a| (a.id.as_str(), a)).collect();
        let features = claims
            .par_iter()
            .map(|c| features_of(&c.text, by_id[c.article.as_str()], rules))
            .collect();
        Corpus {
            articles,
            claims,
            features,
        }
    }

    fn article_index(&self) -> HashMap<&str, usize> {
        self.articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect()
    }
}

/// The features of a text of the article `meta` (a claim, a headline).
/// A sentence that states several facts gets the features of each clause too.
fn features_of(text: &str, meta: &ArticleMeta, rules: &RuleSet) -> Features {
    let lang = Lang::get(meta.lang);
    let date = meta.date.as_deref().and_then(PartialDate::parse_iso);
    let of = |text: &str| extract(text, lang, date, &rules.aliases, &rules.term_sets);
    let mut features = of(text);
    features.clauses = crate::extract::clauses::clauses(text, lang)
        .into_iter()
        .map(|span| crate::extract::clauses::Clause {
            span,
            features: of(&text[span.start..span.end]),
        })
        .collect();
    features
}

/// The later of two versions of one outlet's story: by date when both are dated and the
/// dates differ, else the one given later.
fn later_version(articles: &[ArticleMeta], x: usize, y: usize) -> bool {
    match (&articles[x].date, &articles[y].date) {
        (Some(dx), Some(dy)) if dx != dy => dx > dy,
        _ => x > y,
    }
}

/// What kind of run: every article alike, or new articles against references.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Compare,
    Check,
}

#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub align: AlignOptions,
    /// Outlet whose wording other claims are diffed against.
    pub reference_outlet: Option<String>,
    pub title: Option<String>,
    pub run_date: Option<String>,
    /// `check`: list unchanged claims too.
    pub verbose: bool,
}

/// A finding before it gets its id.
struct Draft {
    rule: usize,
    severity: Severity,
    group: Option<usize>,
    claims: Vec<usize>,
    /// For each claim, the byte offset in its text of the words the finding is about.
    at: Vec<Option<usize>>,
    message: String,
    evidence: serde_json::Value,
}

/// The article (index) of each claim, and the claims aligned: the first stages of [`run`],
/// all a baseline needs.
pub fn align_corpus(
    corpus: &Corpus,
    options: &align::AlignOptions,
) -> (Vec<usize>, align::Alignment) {
    let art_index = corpus.article_index();
    let article_of: Vec<usize> = corpus
        .claims
        .iter()
        .map(|c| art_index[c.article.as_str()])
        .collect();
    // The claims' vectors, then their clauses' in claim order.
    let clause_of: Vec<(usize, &crate::extract::clauses::Clause)> = corpus
        .features
        .iter()
        .enumerate()
        .flat_map(|(c, f)| f.clauses.iter().map(move |k| (c, k)))
        .collect();
    let embeddings = options.semantic.then(|| {
        let texts: Vec<&str> = corpus
            .claims
            .iter()
            .map(|c| c.text.as_str())
            .chain(
                clause_of
                    .iter()
                    .map(|&(c, k)| &corpus.claims[c].text[k.span.start..k.span.end]),
            )
            .collect();
        crate::semantic::Encoder::new(options.quiet).embed(&texts)
    });
    let embeddings = embeddings.flatten();
    let n = corpus.claims.len();
    let clauses: Vec<align::ClauseInput> = clause_of
        .iter()
        .enumerate()
        .map(|(i, &(c, k))| align::ClauseInput {
            claim: c,
            span: k.span,
            features: &k.features,
            embedding: embeddings.as_ref().map(|e| &e[n + i]),
        })
        .collect();
    let inputs: Vec<align::group::AlignInput> = corpus
        .features
        .iter()
        .zip(&article_of)
        .enumerate()
        .map(|(i, (f, &a))| align::group::AlignInput {
            embedding: embeddings.as_ref().map(|e| &e[i]),
            article: a,
            lang: corpus.articles[a].lang,
            article_date: corpus.articles[a]
                .partial_date()
                .and_then(PartialDate::day_range),
            features: f,
        })
        .collect();
    let alignment = align::align_with_clauses(&inputs, &clauses, options);
    (article_of, alignment)
}

/// Run the pipeline: the stages of ARCHITECTURE.md's table, in order.
pub fn run(corpus: &Corpus, rules: &RuleSet, mode: Mode, options: &RunOptions) -> Report {
    let aligned = align_stage(corpus, rules, mode, options);
    let compared = aligned.compare();
    let coverage = aligned.coverage();
    let headlines = aligned.headlines();
    aligned.assemble(compared, coverage, headlines)
}

/// What the align stage leaves for the others: the claims aligned, and what every later stage
/// asks of them (the article of each claim, outlets, labels, the versions replaced).
struct Aligned<'a> {
    corpus: &'a Corpus,
    rules: &'a RuleSet,
    mode: Mode,
    options: &'a RunOptions,
    article_of: Vec<usize>,
    alignment: align::Alignment,
    outlets: Vec<usize>,
    claims_of: Vec<Vec<usize>>,
    superseded: Vec<bool>,
    labels: Vec<String>,
    enabled_rules: Vec<(usize, &'a Rule)>,
    /// For each aligned pair (by claim index, smaller first) that meaning helped align, the
    /// word pairs the encoder matched ([`crate::semantic::words`]).
    meaning_words: rustc_hash::FxHashMap<(usize, usize), Vec<crate::semantic::words::WordPair>>,
}

/// The equivalence test of the pairs of one group, by (smaller, larger) claim index.
type Assessments = rustc_hash::FxHashMap<(usize, usize), Assessment>;

/// What comparing the groups gives: their records and findings, and in `check` the new claims
/// that repeat a reference claim word for word.
#[derive(Default)]
struct Compared {
    groups: Vec<GroupRecord>,
    drafts: Vec<Draft>,
    unchanged: HashSet<usize>,
    /// Reference claims that a new claim matches word for word.
    matched_references: Vec<usize>,
}

/// One group compared: its record, its findings, its unchanged claims, its reference claim.
struct GroupOutcome {
    record: GroupRecord,
    drafts: Vec<Draft>,
    unchanged: Vec<usize>,
    reference: usize,
}

/// Changed headlines of versions: their records follow the claims, their groups the groups
/// of claims.
struct Headlines {
    /// Every claim record, the headlines' after the claims'.
    claims: Vec<ClaimRecord>,
    /// The article of each of `claims`.
    article_of: Vec<usize>,
    groups: Vec<GroupRecord>,
    drafts: Vec<Draft>,
}

/// Align: the claims grouped, with what the later stages read of them.
fn align_stage<'a>(
    corpus: &'a Corpus,
    rules: &'a RuleSet,
    mode: Mode,
    options: &'a RunOptions,
) -> Aligned<'a> {
    let (article_of, alignment) = align_corpus(corpus, &options.align);
    let outlets = crate::ingest::outlet_ids(&corpus.articles);
    let mut claims_of = vec![Vec::new(); corpus.articles.len()];
    for (c, &a) in article_of.iter().enumerate() {
        claims_of[a].push(c);
    }
    let superseded = superseded_versions(corpus, &alignment, &article_of, &outlets);
    let meaning_words = if options.align.semantic {
        meaning_words(corpus, &alignment, options.align.quiet)
    } else {
        Default::default()
    };
    Aligned {
        corpus,
        rules,
        mode,
        options,
        // Outlets name the sides of a finding; versions of one outlet are told apart by
        // article.
        labels: crate::ingest::article_labels(&corpus.articles),
        enabled_rules: rules
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.enabled)
            .collect(),
        article_of,
        alignment,
        outlets,
        claims_of,
        superseded,
        meaning_words,
    }
}

/// The word pairs behind each aligned pair that meaning helped align (its score above the
/// words' own): the content words only one claim of the pair has, matched by the encoder.
fn meaning_words(
    corpus: &Corpus,
    alignment: &align::Alignment,
    quiet: bool,
) -> rustc_hash::FxHashMap<(usize, usize), Vec<crate::semantic::words::WordPair>> {
    let helped: Vec<(usize, usize)> = alignment
        .groups
        .iter()
        .flat_map(|g| &g.pairs)
        .filter(|p| p.semantic.is_some() && p.score.score > p.words + 1e-9)
        .map(|p| (p.a.min(p.b), p.a.max(p.b)))
        .collect();
    // Each claim's words once. Figures are hidden from the encoder (spelled out too: "five"
    // is not matched with "six") and names mean little alone: words only.
    let mut words_of: rustc_hash::FxHashMap<usize, Vec<String>> = Default::default();
    for &c in helped.iter().flat_map(|(a, b)| [a, b]) {
        words_of.entry(c).or_insert_with(|| {
            let f = &corpus.features[c];
            let names: Vec<String> = f
                .entities
                .iter()
                .map(|e| e.text.as_str())
                .chain(f.numbers.iter().map(|n| n.text.as_str()))
                .flat_map(crate::normalize::fold_words)
                .collect();
            let mut words = crate::rules::kinds::content_words(&corpus.claims[c].text);
            words.retain(|w| !names.contains(w) && !w.chars().any(|c| c.is_ascii_digit()));
            words.sort_unstable();
            words.dedup();
            words
        });
    }
    let own_words = |x: usize, y: usize| -> Vec<String> {
        let theirs = crate::rules::kinds::content_words(&corpus.claims[y].text);
        let mut mine = words_of[&x].clone();
        mine.retain(|w| !theirs.contains(w));
        mine
    };
    let lists: Vec<(Vec<String>, Vec<String>)> = helped
        .iter()
        .map(|&(a, b)| (own_words(a, b), own_words(b, a)))
        .collect();
    let encoder = crate::semantic::Encoder::new(quiet);
    crate::semantic::words::matched_words(&encoder, &lists)
        .map(|found| helped.into_iter().zip(found).collect())
        .unwrap_or_default()
}

impl Aligned<'_> {
    /// In `check`, the reference claims a new claim is compared with: not those of an earlier
    /// version that a later reference replaces (its changes were reported then).
    fn is_ref(&self, c: usize) -> bool {
        self.corpus.claims[c].reference && !self.superseded[self.article_of[c]]
    }

    /// In `check`, reference claims were verified already: only new claims are checked.
    fn checked(&self, m: usize) -> bool {
        self.mode == Mode::Compare || !self.corpus.claims[m].reference
    }

    /// What of claims `x` and `y` group `g` compares: the clause of each that their pair
    /// rests on, with where it starts in the claim; else the whole claim. Two claims aligned
    /// by one clause are compared on it: the rest of the sentence states other facts.
    fn parts(&self, g: &align::Group, x: usize, y: usize) -> [(ClaimView<'_>, Option<usize>); 2] {
        // Only a link (two claims) rests on clauses: a group of wire copies is never searched.
        let pair = g
            .pairs
            .iter()
            .filter(|_| g.link)
            .find(|p| (p.a, p.b) == (x, y) || (p.a, p.b) == (y, x));
        let clause_of = |c: usize| {
            let p = pair?;
            p.clauses[usize::from(p.b == c)]
        };
        [x, y].map(|c| self.clause_view(c, clause_of(c)))
    }

    /// Claim `c`, or its clause at `clause`, with where the clause starts.
    fn clause_view(
        &self,
        c: usize,
        clause: Option<crate::source::Span>,
    ) -> (ClaimView<'_>, Option<usize>) {
        let whole = self.view(c);
        let Some(span) = clause else {
            return (whole, None);
        };
        let Some(k) = self.corpus.features[c]
            .clauses
            .iter()
            .find(|k| k.span == span)
        else {
            return (whole, None);
        };
        let view = ClaimView {
            text: &whole.text[span.start..span.end],
            features: &k.features,
            ..whole
        };
        (view, Some(span.start))
    }

    fn view(&self, c: usize) -> ClaimView<'_> {
        ClaimView {
            id: &self.corpus.claims[c].id,
            outlet: &self.labels[self.article_of[c]],
            outlet_id: self.outlets[self.article_of[c]],
            text: &self.corpus.claims[c].text,
            features: &self.corpus.features[c],
        }
    }

    /// The reference claim of a group: the chosen outlet, else (in `check`) the most central
    /// reference claim, else the claim of the first article in one order for the whole run:
    /// dated articles first, earliest first, then as given on the command line. Every group
    /// is then diffed against the same outlet where it can be.
    fn reference_of(&self, members: &[usize], pairs: &[align::ScoredPair]) -> usize {
        let corpus = self.corpus;
        if let Some(outlet) = &self.options.reference_outlet {
            if let Some(&m) = members
                .iter()
                .find(|&&m| corpus.articles[self.article_of[m]].is_outlet(outlet))
            {
                return m;
            }
        }
        if self.mode == Mode::Check {
            // The claim most tied to the others (ties: the earliest).
            let live = members.iter().any(|&m| self.is_ref(m));
            if let Some(m) = members
                .iter()
                .copied()
                .filter(|&m| {
                    if live {
                        self.is_ref(m)
                    } else {
                        corpus.claims[m].reference
                    }
                })
                .max_by(|&x, &y| {
                    centrality(x, pairs)
                        .total_cmp(&centrality(y, pairs))
                        .then(y.cmp(&x))
                })
            {
                return m;
            }
        }
        let rank = |a: usize| {
            let article = &corpus.articles[a];
            (article.date.is_none(), article.date.as_deref(), a)
        };
        *members
            .iter()
            .min_by_key(|&&m| (rank(self.article_of[m]), m))
            .expect("groups are not empty")
    }

    /// The claims each checked claim of a group is compared with: the reference first.
    fn against(&self, g: &align::Group, reference: usize) -> Vec<usize> {
        std::iter::once(reference)
            .chain(g.members.iter().copied().filter(|&r| {
                r != reference
                    && match self.mode {
                        // A new claim that repeats one reference word for word may still
                        // contradict another: every reference claim of the group.
                        Mode::Check => self.is_ref(r),
                        // Two other outlets may disagree where each agrees with the reference
                        // ("selon la police, 18 000" / "80 000"): in the daily case, every
                        // pair is checked too.
                        Mode::Compare => g.members.len() <= PAIRWISE_MAX_MEMBERS,
                    }
            }))
            .collect()
    }

    /// Assess: every pair of a group the report shows or the rules judge (its links and each
    /// checked claim against `against`), by the equivalence test; `links` already carry their
    /// similarity.
    fn assess(&self, g: &align::Group, against: &[usize]) -> Assessments {
        let (corpus, model) = (self.corpus, EquivalenceModel::bundled());
        // Profiles are made once per claim (groups do not share claims); groups of wire
        // copies hold hundreds of claims: maps, not searches.
        let profiles: rustc_hash::FxHashMap<usize, ClaimProfile> = g
            .members
            .iter()
            .map(|&c| {
                let lang = Lang::get(corpus.articles[self.article_of[c]].lang);
                let text = ClaimText::new(&corpus.claims[c].text, &corpus.features[c], lang);
                (c, ClaimProfile::of(&text))
            })
            .collect();
        let key = |x: usize, y: usize| (x.min(y), x.max(y));
        let mut out = Assessments::default();
        let mut add = |(x, y): (usize, usize), similarity: f64| {
            out.entry((x, y)).or_insert_with(|| {
                let [px, py] = self.parts(g, x, y);
                if px.1.is_none() && py.1.is_none() {
                    return model.assess(&PairFeatures::between(
                        &profiles[&x],
                        &profiles[&y],
                        similarity,
                    ));
                }
                // A pair aligned on a clause: the test reads the clauses.
                let profile = |c: usize, (v, _): &(ClaimView, Option<usize>)| {
                    let lang = Lang::get(corpus.articles[self.article_of[c]].lang);
                    ClaimProfile::of(&ClaimText::new(v.text, v.features, lang))
                };
                model.assess(&PairFeatures::between(
                    &profile(x, &px),
                    &profile(y, &py),
                    similarity,
                ))
            });
        };
        for p in &g.pairs {
            add(key(p.a, p.b), p.score.score);
        }
        for &r in against {
            for &m in g.members.iter().filter(|&&m| m != r && self.checked(m)) {
                let (x, y) = key(r, m);
                let sets = &self.alignment.sets;
                add((x, y), self.alignment.scorer.similarity(&sets[x], &sets[y]));
            }
        }
        out
    }

    /// Compare: each group on its own, diffs against the reference claim and the pair rules.
    /// Groups are independent, so they run in parallel and are put back in order.
    fn compare(&self) -> Compared {
        let per_group: Vec<GroupOutcome> = self
            .alignment
            .groups
            .par_iter()
            .enumerate()
            .map(|(gi, g)| self.compare_group(gi, g))
            .collect();
        let mut compared = Compared::default();
        for outcome in per_group {
            compared.groups.push(outcome.record);
            compared.drafts.extend(outcome.drafts);
            if !outcome.unchanged.is_empty() {
                compared.matched_references.push(outcome.reference);
            }
            compared.unchanged.extend(outcome.unchanged);
        }
        compared
    }

    fn compare_group(&self, gi: usize, g: &align::Group) -> GroupOutcome {
        let corpus = self.corpus;
        let reference = self.reference_of(&g.members, &g.pairs);
        let against = self.against(g, reference);
        let assessments = self.assess(g, &against);
        let (mut drafts, mut unchanged, mut diffs) = (Vec::new(), Vec::new(), Vec::new());
        // Compare: the rules each claim broke against the reference claim. A pair of two
        // other claims reports only what neither of them broke against it.
        let mut broke: rustc_hash::FxHashMap<usize, Vec<usize>> = Default::default();
        for &m in g.members.iter().filter(|&&m| m != reference) {
            let ops = word_diff(&corpus.claims[reference].text, &corpus.claims[m].text);
            if self.checked(m) {
                let found = self.member_findings(
                    (gi, g, reference),
                    (&against, &assessments),
                    (m, &ops),
                    &mut broke,
                    &mut drafts,
                );
                if self.mode == Mode::Check && !found && similarity(&ops) >= 1.0 {
                    unchanged.push(m);
                }
            }
            diffs.push(ClaimDiff {
                claim: corpus.claims[m].id.clone(),
                against: corpus.claims[reference].id.clone(),
                ops,
            });
        }
        let texts: Vec<&str> = std::iter::once(reference)
            .chain(g.members.iter().copied().filter(|&m| m != reference))
            .map(|m| corpus.claims[m].text.as_str())
            .collect();
        let record = GroupRecord {
            id: crate::report::model::group_id(gi),
            claims: corpus.claim_ids(&g.members),
            score: round3(g.mean_score()),
            // Names by their alias set ("Vladimir Poutine"): a label names the group.
            label: group_label(&self.alignment, g, &WrittenForms::new(&texts)),
            reference_claim: corpus.claims[reference].id.clone(),
            pairs: self.pair_records(g, &assessments),
            diffs,
            link: g.link,
        };
        GroupOutcome {
            record,
            drafts,
            unchanged,
            reference,
        }
    }

    /// The pair rules on claim `m` (its diff against the reference is `ops`) against each
    /// claim of `against`, as drafts of findings; whether any rule fired.
    fn member_findings(
        &self,
        (gi, g, reference): (usize, &align::Group, usize),
        (against, assessments): (&[usize], &Assessments),
        (m, ops): (usize, &[crate::diff::DiffOp]),
        broke: &mut rustc_hash::FxHashMap<usize, Vec<usize>>,
        drafts: &mut Vec<Draft>,
    ) -> bool {
        let claims = &self.corpus.claims;
        let position = |c: usize| g.members.iter().position(|&x| x == c);
        let mut found = false;
        for &r in against {
            let pair_of_others = self.mode == Mode::Compare && r != reference;
            if r == m
                || pair_of_others && (position(r) > position(m) || claims[r].text == claims[m].text)
            {
                continue;
            }
            let [(view_r, from_r), (view_m, from_m)] = self.parts(g, r, m);
            let other;
            let ops_r = if r == reference && from_r.is_none() && from_m.is_none() {
                ops
            } else {
                other = word_diff(view_r.text, view_m.text);
                &other
            };
            let assessment = &assessments[&(r.min(m), r.max(m))];
            let mut hits =
                kinds::check_claims(&self.enabled_rules, &view_r, &view_m, ops_r, assessment);
            // Where a clause was compared, its words are located in the whole claim.
            for h in &mut hits {
                h.at[0] += from_r.unwrap_or(0);
                h.at[1] += from_m.unwrap_or(0);
            }
            if pair_of_others {
                let seen = |c: usize, rule: usize| {
                    broke.get(&c).is_some_and(|rules| rules.contains(&rule))
                };
                hits.retain(|h| h.severity > Severity::Info);
                // Where one of the two broke the rule against the reference and the other did
                // not, the pair repeats that finding: the other claim joins it, on the
                // reference's side. Where both broke it, they may differ from each other too
                // (13, 19 and 20 dead): reported.
                hits.retain(|h| match (seen(r, h.index), seen(m, h.index)) {
                    (true, false) => !self.side_with(drafts, h.index, [reference, r], (m, h.at[1])),
                    (false, true) => !self.side_with(drafts, h.index, [reference, m], (r, h.at[0])),
                    _ => true,
                });
            } else if self.mode == Mode::Compare {
                broke.insert(m, hits.iter().map(|h| h.index).collect());
            }
            found |= !hits.is_empty();
            drafts.extend(hits.into_iter().map(|hit| Draft {
                rule: hit.index,
                // A link ties two claims each grouped elsewhere: what they say may overlap
                // in part only, so its findings are never high.
                severity: if g.link && hit.severity > Severity::Medium {
                    Severity::Medium
                } else {
                    hit.severity
                },
                group: Some(gi),
                claims: vec![r, m],
                at: hit.at.map(Some).to_vec(),
                message: hit.message,
                evidence: hit.evidence,
            }));
        }
        found
    }

    /// Add claim `c` (its words the finding is about at `at`) to the finding of `rule` on
    /// `pair` (reference, other) as one more claim that says what the reference says; whether
    /// that finding was there.
    fn side_with(
        &self,
        drafts: &mut [Draft],
        rule: usize,
        pair: [usize; 2],
        (c, at): (usize, usize),
    ) -> bool {
        let Some(d) = drafts
            .iter_mut()
            .find(|d| d.rule == rule && d.claims.starts_with(&pair))
        else {
            return false;
        };
        d.claims.push(c);
        d.at.push(Some(at));
        let (id, outlet) = (&self.corpus.claims[c].id, self.view(c).outlet);
        d.message.push_str(&format!(
            " ({outlet} says as {})",
            self.view(pair[0]).outlet
        ));
        if let Some(map) = d.evidence.as_object_mut() {
            let list = map
                .entry("as_left")
                .or_insert_with(|| serde_json::Value::Array(Vec::new()));
            if let Some(list) = list.as_array_mut() {
                list.push(serde_json::Value::String(id.clone()));
            }
        }
        true
    }

    /// The aligned pairs of a group as the report shows them.
    fn pair_records(&self, g: &align::Group, assessments: &Assessments) -> Vec<PairRecord> {
        let (claims, features) = (&self.corpus.claims, &self.corpus.features);
        g.pairs
            .iter()
            .map(|p| PairRecord {
                claims: [claims[p.a].id.clone(), claims[p.b].id.clone()],
                score: round3(p.score.score),
                equivalence: Some(round3(
                    assessments[&(p.a.min(p.b), p.a.max(p.b))].probability,
                )),
                top_terms: self.alignment.scorer.explain(
                    &p.score,
                    6,
                    &WrittenForms::new(&[&claims[p.a].text, &claims[p.b].text])
                        .with_names(features[p.a].names().chain(features[p.b].names())),
                ),
                same_event_groups: p.same_event,
                semantic: p.semantic.map(round3),
                semantic_words: self
                    .meaning_words
                    .get(&(p.a.min(p.b), p.a.max(p.b)))
                    .cloned()
                    .unwrap_or_default(),
                clauses: [p.a, p.b]
                    .into_iter()
                    .zip(p.clauses)
                    .filter_map(|(c, span)| {
                        let span = span?;
                        Some(AlignedClause {
                            claim: claims[c].id.clone(),
                            start: span.start,
                            end: span.end,
                            text: claims[c].text[span.start..span.end].to_string(),
                        })
                    })
                    .collect(),
            })
            .collect()
    }

    /// Coverage: what an outlet says alone, or leaves out, by the coverage rules.
    fn coverage(&self) -> Vec<Draft> {
        let mut drafts = Vec::new();
        coverage_findings(
            self.corpus,
            self.rules,
            self.mode,
            &self.alignment,
            &self.article_of,
            (&self.outlets, &self.claims_of),
            &self.labels,
            &self.superseded,
            &mut drafts,
        );
        drafts
    }

    /// Headlines: the headlines of two versions of one story, checked like a claim pair.
    fn headlines(&self) -> Headlines {
        let versions = headlines::version_pairs(
            self.corpus,
            &self.alignment,
            &self.article_of,
            (self.mode, &self.outlets),
            &self.superseded,
        );
        let changes = headlines::changed_headlines(
            self.corpus,
            self.rules,
            &self.enabled_rules,
            &versions,
            (&self.outlets, &self.claims_of),
            &self.labels,
            self.alignment.scorer.weights,
        );
        let mut out = Headlines {
            claims: self.corpus.claims.clone(),
            article_of: self.article_of.clone(),
            groups: Vec::new(),
            drafts: Vec::new(),
        };
        for (k, change) in changes.into_iter().enumerate() {
            let gi = self.alignment.groups.len() + k;
            let first = out.claims.len();
            let members = vec![first, first + 1];
            out.drafts.extend(change.hits.into_iter().map(|hit| Draft {
                rule: hit.index,
                severity: hit.severity,
                group: Some(gi),
                claims: members.clone(),
                at: hit.at.map(Some).to_vec(),
                message: hit.message,
                evidence: hit.evidence,
            }));
            out.groups.push(GroupRecord {
                id: crate::report::model::group_id(gi),
                claims: change.records.iter().map(|r| r.id.clone()).collect(),
                score: change.pair.score,
                label: "headline".to_string(),
                reference_claim: change.records[0].id.clone(),
                pairs: vec![change.pair],
                diffs: vec![change.diff],
                link: false,
            });
            out.claims.extend(change.records);
            out.article_of.extend(change.articles);
        }
        out
    }

    /// The findings, numbered in the order of the text they are about: headlines first,
    /// then group order, then claim order; each located at the words it is about.
    fn findings(&self, mut drafts: Vec<Draft>, headlines: &Headlines) -> Vec<FindingRecord> {
        let body_claims = self.corpus.claims.len();
        drafts.sort_by_key(|d| {
            let last = d.claims.iter().copied().max().unwrap_or(0);
            (last < body_claims, last, d.group, d.rule)
        });
        let records = &headlines.claims;
        let location = |c: usize, at: Option<usize>| {
            let cl = &records[c];
            let (line, column) = match at {
                Some(at) if cl.is_verbatim() && cl.text.is_char_boundary(at) => {
                    // An insertion point between words: the word after it.
                    let at = at + cl.text[at..].len() - cl.text[at..].trim_start().len();
                    crate::source::position_after(cl.line, cl.column, &cl.text[..at])
                }
                _ => (cl.line, cl.column),
            };
            let article = &self.corpus.articles[headlines.article_of[c]];
            format!("{}:{line}:{column}", article.path)
        };
        drafts
            .into_iter()
            .enumerate()
            .map(|(i, d)| {
                let rule = &self.rules.rules[d.rule];
                FindingRecord {
                    id: format!("f{}", i + 1),
                    rule: rule.id.clone(),
                    kind: rule.kind,
                    severity: d.severity,
                    group: d.group.map(crate::report::model::group_id),
                    claims: d.claims.iter().map(|&c| records[c].id.clone()).collect(),
                    locations: d
                        .claims
                        .iter()
                        .zip(&d.at)
                        .map(|(&c, &at)| location(c, at))
                        .collect(),
                    message: d.message,
                    evidence: d.evidence,
                    versions: Vec::new(),
                    earlier: None,
                    fingerprint: None,
                    status: None,
                }
            })
            .collect()
    }

    /// Assemble the report from what the stages found.
    fn assemble(
        &self,
        compared: Compared,
        coverage: Vec<Draft>,
        mut headlines: Headlines,
    ) -> Report {
        let (corpus, mode) = (self.corpus, self.mode);
        let Compared {
            mut groups,
            mut drafts,
            unchanged,
            matched_references,
        } = compared;
        drafts.extend(coverage);
        drafts.extend(std::mem::take(&mut headlines.drafts));
        let cited_groups: HashSet<usize> = drafts.iter().filter_map(|d| d.group).collect();
        let findings = self.findings(drafts, &headlines);
        // In `check`, groups with nothing new are the verified state: counted, not listed,
        // unless asked (`--verbose`) or a finding points at them.
        if mode == Mode::Check && !self.options.verbose {
            let mut keep = self.alignment.groups.iter().enumerate().map(|(gi, g)| {
                cited_groups.contains(&gi)
                    || g.members
                        .iter()
                        .any(|&m| !corpus.claims[m].reference && !unchanged.contains(&m))
            });
            groups.retain(|_| keep.next().expect("one record per group"));
        }
        groups.extend(headlines.groups);
        // A new claim that matches its reference claim word for word, and that reference
        // claim, are the verified state: not single-source, though their group is not listed.
        let mut claims = headlines.claims;
        for &m in unchanged.iter().chain(&matched_references) {
            claims[m].unchanged = true;
        }
        let summary = Summary {
            articles: corpus.articles.len(),
            claims: claims.len(),
            groups: groups.len(),
            single_source_claims: self.alignment.singles.len(),
            unchanged: (mode == Mode::Check).then_some(unchanged.len()),
            ..Default::default()
        };
        let mut report = Report {
            schema: SCHEMA.to_string(),
            tool: Tool::current(),
            command: match mode {
                Mode::Compare => "compare",
                Mode::Check => "check",
            }
            .to_string(),
            title: self.title(),
            run_date: self.options.run_date.clone(),
            rules: RuleSetInfo::of(self.rules),
            articles: corpus.articles.clone(),
            claims,
            groups,
            findings,
            summary,
            skipped: Vec::new(),
            reference_article: self.options.reference_outlet.as_ref().and_then(|o| {
                corpus
                    .articles
                    .iter()
                    .find(|a| a.is_outlet(o))
                    .map(|a| a.id.clone())
            }),
            baseline: None,
        };
        count_findings(&mut report);
        report
    }

    /// The report's title: the one asked for, else the first article's. In `check`, the
    /// article checked names the report, not the version it replaces (whose title may carry
    /// the figure that was corrected).
    fn title(&self) -> Option<String> {
        self.options.title.clone().or_else(|| {
            self.corpus
                .articles
                .iter()
                .filter(|a| self.mode == Mode::Compare || !a.reference)
                .chain(&self.corpus.articles)
                .find_map(|a| a.title.clone())
        })
    }
}

/// Count the report's findings in its summary: in all, by severity, by kind and by outlet
/// (each outlet a finding is about once). Findings a baseline knows are not counted.
pub fn count_findings(report: &mut Report) {
    let outlet_of: HashMap<&str, &str> = report
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.outlet.as_str()))
        .collect();
    let article_of: HashMap<&str, &str> = report
        .claims
        .iter()
        .map(|c| (c.id.as_str(), c.article.as_str()))
        .collect();
    let summary = &mut report.summary;
    summary.findings = 0;
    summary.by_severity.clear();
    summary.by_kind.clear();
    summary.by_outlet.clear();
    for f in report.findings.iter().filter(|f| !f.is_known()) {
        summary.findings += 1;
        *summary
            .by_severity
            .entry(f.severity.to_string())
            .or_default() += 1;
        *summary.by_kind.entry(f.kind.to_string()).or_default() += 1;
        let mut outlets: Vec<&str> = f
            .claims
            .iter()
            .filter_map(|c| article_of.get(c.as_str()))
            .filter_map(|a| outlet_of.get(a).copied())
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        for o in outlets {
            *summary.by_outlet.entry(o.to_string()).or_default() += 1;
        }
    }
}

fn centrality(m: usize, pairs: &[align::ScoredPair]) -> f64 {
    pairs
        .iter()
        .filter(|p| p.a == m || p.b == m)
        .map(|p| p.score.score)
        .sum()
}

/// The group's heaviest shared terms, as a short label, written as the group's claims write
/// them (`texts`, the reference claim first): "coréenne", not "coreenne".
fn group_label(alignment: &align::Alignment, g: &align::Group, texts: &WrittenForms) -> String {
    let scorer = &alignment.scorer;
    let mut weight: BTreeMap<u32, f64> = BTreeMap::new();
    for p in &g.pairs {
        for &(id, w) in &p.score.shared {
            *weight.entry(id).or_default() += w;
        }
    }
    let mut terms: Vec<(u32, f64)> = weight.into_iter().collect();
    terms.sort_by(|a, b| {
        b.1.total_cmp(&a.1)
            .then(scorer.display(a.0).cmp(scorer.display(b.0)))
    });
    let words = terms
        .into_iter()
        .take(4)
        .map(|t| scorer.written(t.0, texts))
        .collect::<Vec<_>>()
        .join(", ");
    // A claim of a link is in another group too: every report says why it shows twice.
    if g.link {
        format!("link (each claim is also grouped elsewhere): {words}")
    } else {
        words
    }
}

/// Groups up to this size (the daily case: a few outlets) have every pair of claims checked
/// in `compare`, not only each claim against the reference claim; wire copies carried by
/// hundreds of outlets are checked against the reference only.
const PAIRWISE_MAX_MEMBERS: usize = 12;

/// Reference articles that a later reference of the same outlet replaces: an earlier
/// version of the same story (they share a group). Later: by date when both are dated, else
/// in the order given. Only references are ever superseded.
fn superseded_versions(
    corpus: &Corpus,
    alignment: &align::Alignment,
    article_of: &[usize],
    outlets: &[usize],
) -> Vec<bool> {
    let arts = &corpus.articles;
    let mut superseded = vec![false; arts.len()];
    for g in &alignment.groups {
        let mut refs: Vec<usize> = g
            .members
            .iter()
            .map(|&m| article_of[m])
            .filter(|&a| arts[a].reference)
            .collect();
        refs.sort_unstable();
        refs.dedup();
        for &x in &refs {
            if refs
                .iter()
                .any(|&y| y != x && outlets[y] == outlets[x] && later_version(arts, y, x))
            {
                superseded[x] = true;
            }
        }
    }
    superseded
}

/// Omissions and additions: who carries which claim (the checks are in
/// `rules/kinds/coverage.rs`).
#[allow(clippy::too_many_arguments)]
fn coverage_findings(
    corpus: &Corpus,
    rules: &RuleSet,
    mode: Mode,
    alignment: &align::Alignment,
    article_of: &[usize],
    (outlets, claims_of): (&[usize], &[Vec<usize>]),
    labels: &[String],
    superseded: &[bool],
    drafts: &mut Vec<Draft>,
) {
    let view = coverage::CoverageView {
        article_of,
        labels,
        article_ids: corpus.articles.iter().map(|a| a.id.as_str()).collect(),
        claim_texts: corpus.claims.iter().map(|c| c.text.as_str()).collect(),
        claim_words: corpus
            .claims
            .iter()
            .map(|c| kinds::LazyWords::new(&c.text))
            .collect(),
        correction_patterns: corpus
            .articles
            .iter()
            .map(|a| Lang::get(a.lang).patterns().corrections.as_slice())
            .collect(),
        // In `check`, the references are the sources and the new articles are checked.
        source: corpus
            .articles
            .iter()
            .zip(superseded)
            .map(|(a, &old)| mode == Mode::Compare || a.reference && !old)
            .collect(),
        checked: corpus
            .articles
            .iter()
            .map(|a| mode == Mode::Compare || !a.reference)
            .collect(),
        claims_of,
        peers: (mode == Mode::Check).then(|| {
            let references: Vec<usize> = (0..corpus.articles.len())
                .filter(|&r| corpus.articles[r].reference && !superseded[r])
                .collect();
            (0..corpus.articles.len())
                .map(|a| {
                    let own: Vec<usize> = references
                        .iter()
                        .copied()
                        .filter(|&r| outlets[r] == outlets[a])
                        .collect();
                    if own.is_empty() {
                        references.clone()
                    } else {
                        own
                    }
                })
                .collect()
        }),
    };
    let mut carriers: Vec<coverage::Carrier> = alignment
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.link)
        .map(|(gi, g)| coverage::Carrier {
            group: Some(gi),
            members: g.members.clone(),
        })
        .collect();
    carriers.extend(alignment.singles.iter().map(|&s| coverage::Carrier {
        group: None,
        members: vec![s],
    }));
    for (ri, rule) in rules.rules.iter().enumerate().filter(|(_, r)| r.enabled) {
        let hits = match rule.kind {
            Kind::Omission => coverage::omissions(rule, &view, &carriers),
            Kind::Addition => {
                // In `compare`, lone claims are listed in the report anyway; in `check`, a
                // group with no reference claim is new too.
                let lone: Vec<&coverage::Carrier> = carriers
                    .iter()
                    .filter(|c| match mode {
                        Mode::Compare => c.group.is_none(),
                        Mode::Check => !c.members.iter().any(|&m| corpus.claims[m].reference),
                    })
                    .collect();
                coverage::additions(rule, &view, &lone, mode == Mode::Compare)
            }
            _ => continue,
        };
        drafts.extend(hits.into_iter().map(|h| Draft {
            rule: ri,
            severity: h.severity.unwrap_or(rule.severity),
            group: h.group,
            at: vec![None; h.claims.len()],
            claims: h.claims,
            message: h.message,
            evidence: h.evidence,
        }));
    }
}

/// Exit status of a run: does any finding reach `fail_on`?
pub fn reaches(report: &Report, fail_on: Option<Severity>) -> bool {
    fail_on.is_some_and(|level| {
        report
            .findings
            .iter()
            .any(|f| !f.is_known() && f.severity >= level)
    })
}
