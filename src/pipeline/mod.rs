//! The pipeline end to end: a [`Corpus`] of claims with their features → align → diff →
//! rules → one [`Report`]. `compare` treats every article alike; `check` looks at new
//! articles against reference ones (files or a baseline).

use std::collections::{BTreeMap, HashMap};

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
use crate::report::model::{
    ClaimDiff, ClaimRecord, FindingRecord, GroupRecord, PairRecord, Report, RuleSetInfo, Summary,
    Tool, SCHEMA,
};
use crate::rules::kinds::{self, coverage, ClaimView};
use crate::rules::{Kind, RuleSet, Severity};
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
fn features_of(text: &str, meta: &ArticleMeta, rules: &RuleSet) -> Features {
    extract(
        text,
        Lang::get(meta.lang),
        meta.date.as_deref().and_then(PartialDate::parse_iso),
        &rules.aliases,
        &rules.term_sets,
    )
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
    let embeddings = options.semantic.then(|| {
        let texts: Vec<&str> = corpus.claims.iter().map(|c| c.text.as_str()).collect();
        crate::semantic::Encoder::new(options.quiet).embed(&texts)
    });
    let embeddings = embeddings.flatten();
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
    let alignment = align::align(&inputs, options);
    (article_of, alignment)
}

/// Run the pipeline.
pub fn run(corpus: &Corpus, rules: &RuleSet, mode: Mode, options: &RunOptions) -> Report {
    let (article_of, alignment) = align_corpus(corpus, &options.align);
    let outlets = crate::ingest::outlet_ids(&corpus.articles);
    let claims_of = {
        let mut of = vec![Vec::new(); corpus.articles.len()];
        for (c, &a) in article_of.iter().enumerate() {
            of[a].push(c);
        }
        of
    };
    let superseded = superseded_versions(corpus, &alignment, &article_of, &outlets);
    // In `check`, the reference claims a new claim is compared with: not those of an earlier
    // version that a later reference replaces (its changes were reported then).
    let is_ref = |c: usize| corpus.claims[c].reference && !superseded[article_of[c]];

    // The reference claim of each group: the chosen outlet, else (in `check`) the most
    // central reference claim, else the claim of the first article in one order for the
    // whole run: dated articles first, earliest first, then as given on the command line.
    // Every group is then diffed against the same outlet where it can be.
    let article_rank: Vec<(bool, Option<&str>, usize)> = corpus
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.date.is_none(), a.date.as_deref(), i))
        .collect();
    let reference_of = |members: &[usize], pairs: &[align::ScoredPair]| -> usize {
        if let Some(outlet) = &options.reference_outlet {
            if let Some(&m) = members
                .iter()
                .find(|&&m| corpus.articles[article_of[m]].is_outlet(outlet))
            {
                return m;
            }
        }
        if mode == Mode::Check {
            // The claim most tied to the others (ties: the earliest).
            let live = members.iter().any(|&m| is_ref(m));
            if let Some(m) = members
                .iter()
                .copied()
                .filter(|&m| {
                    if live {
                        is_ref(m)
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
        *members
            .iter()
            .min_by_key(|&&m| (article_rank[article_of[m]], m))
            .expect("groups are not empty")
    };

    // Outlets name the sides of a finding; versions of one outlet are told apart by article.
    let labels = crate::ingest::article_labels(&corpus.articles);
    let view = |c: usize| ClaimView {
        id: &corpus.claims[c].id,
        outlet: &labels[article_of[c]],
        outlet_id: outlets[article_of[c]],
        text: &corpus.claims[c].text,
        features: &corpus.features[c],
    };

    // The equivalence test of two claims of a group, from their profiles (made once per
    // claim: groups do not share claims).
    let model = EquivalenceModel::bundled();
    let profile_of = |c: usize| {
        ClaimProfile::of(&ClaimText::new(
            &corpus.claims[c].text,
            &corpus.features[c],
            Lang::get(corpus.articles[article_of[c]].lang),
        ))
    };
    // Every pair of a group the report shows or the rules judge (its links and each claim
    // against the reference), assessed once; `links` already carry their similarity.
    let assess_group = |g: &align::Group, against: &[usize], checked: &dyn Fn(usize) -> bool| {
        // Groups of wire copies hold hundreds of claims: maps, not searches.
        let profiles: rustc_hash::FxHashMap<usize, ClaimProfile> =
            g.members.iter().map(|&m| (m, profile_of(m))).collect();
        let key = |x: usize, y: usize| (x.min(y), x.max(y));
        let mut out: rustc_hash::FxHashMap<(usize, usize), Assessment> = Default::default();
        let mut add = |(x, y): (usize, usize), similarity: f64| {
            out.entry((x, y)).or_insert_with(|| {
                model.assess(&PairFeatures::between(
                    &profiles[&x],
                    &profiles[&y],
                    similarity,
                ))
            });
        };
        for p in &g.pairs {
            add(key(p.a, p.b), p.score.score);
        }
        for &r in against {
            for &m in g.members.iter().filter(|&&m| m != r && checked(m)) {
                let (x, y) = key(r, m);
                add(
                    (x, y),
                    alignment
                        .scorer
                        .similarity(&alignment.sets[x], &alignment.sets[y]),
                );
            }
        }
        out
    };

    let mut groups = Vec::new();
    let mut drafts: Vec<Draft> = Vec::new();
    let mut unchanged: std::collections::HashSet<usize> = std::collections::HashSet::new();
    let enabled_rules: Vec<(usize, &crate::rules::Rule)> = rules
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.enabled)
        .collect();

    // Each group on its own: diffs against the reference claim and the pair rules. Groups are
    // independent, so they run in parallel and are put back in order.
    let per_group: Vec<(GroupRecord, Vec<Draft>, Vec<usize>, usize)> = alignment
        .groups
        .par_iter()
        .enumerate()
        .map(|(gi, g)| {
            let reference = reference_of(&g.members, &g.pairs);
            // In `check`, reference claims were verified already: only new claims are checked,
            // against every reference claim of the group. A new claim that repeats one
            // reference word for word may still contradict another.
            let checked = |m: usize| mode == Mode::Compare || !corpus.claims[m].reference;
            let against: Vec<usize> = std::iter::once(reference)
                .chain(g.members.iter().copied().filter(|&r| {
                    r != reference
                        && match mode {
                            Mode::Check => is_ref(r),
                            // Two other outlets may disagree where each agrees with the
                            // reference ("selon la police, 18 000" / "80 000"): in the daily
                            // case, every pair is checked too.
                            Mode::Compare => g.members.len() <= PAIRWISE_MAX_MEMBERS,
                        }
                }))
                .collect();
            let assessments = assess_group(g, &against, &checked);
            let assessed =
                |x: usize, y: usize| -> &Assessment { &assessments[&(x.min(y), x.max(y))] };
            let mut drafts = Vec::new();
            let mut unchanged = Vec::new();
            let mut diffs = Vec::new();
            // Compare: the rules each claim broke against the reference claim. A pair of two
            // other claims reports only what neither of them broke against it.
            let mut broke: rustc_hash::FxHashMap<usize, Vec<usize>> = Default::default();
            let position = |c: usize| g.members.iter().position(|&x| x == c);
            for &m in &g.members {
                if m == reference {
                    continue;
                }
                let ops = word_diff(&corpus.claims[reference].text, &corpus.claims[m].text);
                if checked(m) {
                    let mut found = false;
                    for &r in &against {
                        let pair_of_others = mode == Mode::Compare && r != reference;
                        if r == m
                            || pair_of_others
                                && (position(r) > position(m)
                                    || corpus.claims[r].text == corpus.claims[m].text)
                        {
                            continue;
                        }
                        let other;
                        let ops_r = if r == reference {
                            &ops
                        } else {
                            other = word_diff(&corpus.claims[r].text, &corpus.claims[m].text);
                            &other
                        };
                        let mut hits = kinds::check_claims(
                            &enabled_rules,
                            &view(r),
                            &view(m),
                            ops_r,
                            assessed(r, m),
                        );
                        if pair_of_others {
                            let seen = |c: usize, rule: usize| {
                                broke.get(&c).is_some_and(|rules| rules.contains(&rule))
                            };
                            hits.retain(|h| {
                                h.severity > Severity::Info
                                    && !seen(r, h.index)
                                    && !seen(m, h.index)
                            });
                        } else if mode == Mode::Compare {
                            broke.insert(m, hits.iter().map(|h| h.index).collect());
                        }
                        found |= !hits.is_empty();
                        drafts.extend(hits.into_iter().map(|hit| Draft {
                            rule: hit.index,
                            // A link ties two claims each grouped elsewhere: what they say
                            // may overlap in part only, so its findings are never high.
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
                    if mode == Mode::Check && !found && similarity(&ops) >= 1.0 {
                        unchanged.push(m);
                    }
                }
                diffs.push(ClaimDiff {
                    claim: corpus.claims[m].id.clone(),
                    against: corpus.claims[reference].id.clone(),
                    ops,
                });
            }
            let pairs = g
                .pairs
                .iter()
                .map(|p| PairRecord {
                    claims: [corpus.claims[p.a].id.clone(), corpus.claims[p.b].id.clone()],
                    score: round3(p.score.score),
                    equivalence: Some(round3(assessed(p.a, p.b).probability)),
                    top_terms: alignment.scorer.explain(
                        &p.score,
                        6,
                        &WrittenForms::new(&[&corpus.claims[p.a].text, &corpus.claims[p.b].text])
                            .with_names(
                                corpus.features[p.a]
                                    .names()
                                    .chain(corpus.features[p.b].names()),
                            ),
                    ),
                    same_event_groups: p.same_event,
                    semantic: p.semantic.map(round3),
                })
                .collect::<Vec<_>>();
            let record = GroupRecord {
                id: crate::report::model::group_id(gi),
                claims: corpus.claim_ids(&g.members),
                score: round3(g.mean_score()),
                label: {
                    let texts: Vec<&str> = std::iter::once(reference)
                        .chain(g.members.iter().copied().filter(|&m| m != reference))
                        .map(|m| corpus.claims[m].text.as_str())
                        .collect();
                    // Names by their alias set ("Vladimir Poutine"): a label names the group.
                    group_label(&alignment, g, &WrittenForms::new(&texts))
                },
                reference_claim: corpus.claims[reference].id.clone(),
                pairs,
                diffs,
                link: g.link,
            };
            (record, drafts, unchanged, reference)
        })
        .collect();
    // Reference claims that a new claim matches word for word.
    let mut matched_references = Vec::new();
    for (record, group_drafts, group_unchanged, reference) in per_group {
        groups.push(record);
        drafts.extend(group_drafts);
        if !group_unchanged.is_empty() {
            matched_references.push(reference);
        }
        unchanged.extend(group_unchanged);
    }

    coverage_findings(
        corpus,
        rules,
        mode,
        &alignment,
        &article_of,
        (&outlets, &claims_of),
        &labels,
        &superseded,
        &mut drafts,
    );

    // Changed headlines of versions: their records follow the claims, their groups the
    // groups of claims.
    let body_claims = corpus.claims.len();
    let mut claim_records = corpus.claims.clone();
    let mut article_of = article_of;
    let versions = headlines::version_pairs(
        corpus,
        &alignment,
        &article_of,
        (mode, &outlets),
        &superseded,
    );
    let changes = headlines::changed_headlines(
        corpus,
        rules,
        &enabled_rules,
        &versions,
        (&outlets, &claims_of),
        &labels,
        alignment.scorer.weights,
    );
    let mut headline_groups = Vec::new();
    for (k, change) in changes.into_iter().enumerate() {
        let gi = alignment.groups.len() + k;
        let first = claim_records.len();
        let members = vec![first, first + 1];
        drafts.extend(change.hits.into_iter().map(|hit| Draft {
            rule: hit.index,
            severity: hit.severity,
            group: Some(gi),
            claims: members.clone(),
            at: hit.at.map(Some).to_vec(),
            message: hit.message,
            evidence: hit.evidence,
        }));
        headline_groups.push(GroupRecord {
            id: crate::report::model::group_id(gi),
            claims: change.records.iter().map(|r| r.id.clone()).collect(),
            score: change.pair.score,
            label: "headline".to_string(),
            reference_claim: change.records[0].id.clone(),
            pairs: vec![change.pair],
            diffs: vec![change.diff],
            link: false,
        });
        claim_records.extend(change.records);
        article_of.extend(change.articles);
    }

    // Findings in the order of the text they are about: headlines first, then group order,
    // then claim order.
    drafts.sort_by_key(|d| {
        let last = d.claims.iter().copied().max().unwrap_or(0);
        (last < body_claims, last, d.group, d.rule)
    });
    let claim_ids = |claims: &[usize]| -> Vec<String> {
        claims
            .iter()
            .map(|&c| claim_records[c].id.clone())
            .collect()
    };
    let location = |c: usize, at: Option<usize>| {
        let cl = &claim_records[c];
        let (line, column) = match at {
            Some(at) if cl.is_verbatim() && cl.text.is_char_boundary(at) => {
                // An insertion point between words: the word after it.
                let at = at + cl.text[at..].len() - cl.text[at..].trim_start().len();
                crate::source::position_after(cl.line, cl.column, &cl.text[..at])
            }
            _ => (cl.line, cl.column),
        };
        format!("{}:{line}:{column}", corpus.articles[article_of[c]].path)
    };
    let cited_groups: std::collections::HashSet<usize> =
        drafts.iter().filter_map(|d| d.group).collect();
    let findings: Vec<FindingRecord> = drafts
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            let rule = &rules.rules[d.rule];
            FindingRecord {
                id: format!("f{}", i + 1),
                rule: rule.id.clone(),
                kind: rule.kind,
                severity: d.severity,
                group: d.group.map(crate::report::model::group_id),
                claims: claim_ids(&d.claims),
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
        .collect();

    // In `check`, groups with nothing new are the verified state: counted, not listed, unless
    // asked (`--verbose`) or a finding points at them.
    if mode == Mode::Check && !options.verbose {
        let mut keep = alignment.groups.iter().enumerate().map(|(gi, g)| {
            cited_groups.contains(&gi)
                || g.members
                    .iter()
                    .any(|&m| !corpus.claims[m].reference && !unchanged.contains(&m))
        });
        groups.retain(|_| keep.next().expect("one record per group"));
    }
    groups.extend(headline_groups);
    let summary = Summary {
        articles: corpus.articles.len(),
        claims: claim_records.len(),
        groups: groups.len(),
        single_source_claims: alignment.singles.len(),
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
        title: options
            .title
            .clone()
            // In `check`, the article checked names the report, not the version it replaces
            // (whose title may carry the figure that was corrected).
            .or_else(|| {
                corpus
                    .articles
                    .iter()
                    .filter(|a| mode == Mode::Compare || !a.reference)
                    .chain(&corpus.articles)
                    .find_map(|a| a.title.clone())
            }),
        run_date: options.run_date.clone(),
        rules: RuleSetInfo::of(rules),
        articles: corpus.articles.clone(),
        claims: {
            // A new claim that matches its reference claim word for word, and that reference
            // claim, are the verified state: not single-source, though their group is not
            // listed.
            for &m in unchanged.iter().chain(&matched_references) {
                claim_records[m].unchanged = true;
            }
            claim_records
        },
        groups,
        findings,
        summary,
        skipped: Vec::new(),
        reference_article: options.reference_outlet.as_ref().and_then(|o| {
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
    terms
        .into_iter()
        .take(4)
        .map(|t| scorer.written(t.0, texts))
        .collect::<Vec<_>>()
        .join(", ")
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
