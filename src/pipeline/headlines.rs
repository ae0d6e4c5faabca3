//! Headlines of versions. A new version of a story may change only its headline ("412 on
//! board" → "214 on board"); the body's claims would not show it. The headlines of two
//! versions are checked like two claims of a group; a headline rewritten without any rule
//! firing is reported by the `wording` rule all the same.

use crate::align::equivalence::{ClaimText, EquivalenceModel, PairFeatures};
use crate::align::score::ScoreWeights;
use crate::align::{self, Scorer};
use crate::diff::word_diff;
use crate::lang::Lang;
use crate::output::round3;
use crate::report::model::{ClaimDiff, ClaimRecord, ClaimRole, PairRecord};
use crate::rules::kinds::{self, ClaimView, RuleHit};
use crate::rules::{Rule, RuleSet};
use crate::source::Located;

use super::{Corpus, Mode};

/// The headlines of an earlier and a later version (by article index) and what the rules
/// found between them.
pub(super) struct HeadlineChange<'r> {
    /// Earlier, later.
    pub articles: [usize; 2],
    pub records: [ClaimRecord; 2],
    pub pair: PairRecord,
    pub diff: ClaimDiff,
    pub hits: Vec<RuleHit<'r>>,
}

/// Each article that is a later version of another (the same outlet, sharing a group) with
/// the version just before it ([`super::later_version`]). In `check`, a new article is a
/// version of a reference that no later reference replaces; in `compare`, of the latest
/// article before it.
pub(super) fn version_pairs(
    corpus: &Corpus,
    alignment: &align::Alignment,
    article_of: &[usize],
    (mode, outlets): (Mode, &[usize]),
    superseded: &[bool],
) -> Vec<[usize; 2]> {
    let arts = &corpus.articles;
    // Each article's groups, ascending, and the articles of each outlet.
    let mut groups_of: Vec<Vec<usize>> = vec![Vec::new(); arts.len()];
    for (gi, g) in alignment.groups.iter().enumerate() {
        for &m in &g.members {
            let a = article_of[m];
            if groups_of[a].last() != Some(&gi) {
                groups_of[a].push(gi);
            }
        }
    }
    let mut of_outlet: Vec<Vec<usize>> = vec![Vec::new(); arts.len()];
    for (a, &o) in outlets.iter().enumerate() {
        of_outlet[o].push(a);
    }
    let mut pairs = Vec::new();
    for later in 0..arts.len() {
        let earlier = of_outlet[outlets[later]]
            .iter()
            .copied()
            .filter(|&e| {
                e != later
                    && match mode {
                        Mode::Check => {
                            !arts[later].reference && arts[e].reference && !superseded[e]
                        }
                        Mode::Compare => super::later_version(arts, later, e),
                    }
                    && align::group::intersect(&groups_of[e], &groups_of[later])
            })
            .reduce(|best, e| {
                if super::later_version(arts, e, best) {
                    e
                } else {
                    best
                }
            });
        if let Some(earlier) = earlier {
            pairs.push([earlier, later]);
        }
    }
    pairs
}

/// Headlines that changed between versions, with what the rules say of the change.
/// `claims_of`: each article's claims, against which the headlines' words are weighed.
pub(super) fn changed_headlines<'r>(
    corpus: &Corpus,
    rules: &RuleSet,
    enabled_rules: &[(usize, &'r Rule)],
    versions: &[[usize; 2]],
    (outlets, claims_of): (&[usize], &[Vec<usize>]),
    labels: &[String],
    weights: ScoreWeights,
) -> Vec<HeadlineChange<'r>> {
    let model = EquivalenceModel::bundled();
    let mut out = Vec::new();
    for &[earlier, later] in versions {
        let metas = [&corpus.articles[earlier], &corpus.articles[later]];
        let (Some(a), Some(b)) = (metas[0].title.as_deref(), metas[1].title.as_deref()) else {
            continue;
        };
        if a.split_whitespace().eq(b.split_whitespace()) {
            continue;
        }
        let features = [(metas[0], a), (metas[1], b)]
            .map(|(meta, title)| super::features_of(title, meta, rules));
        // Rarity of the headlines' words is judged against the two versions' claims.
        let bodies = claims_of[earlier]
            .iter()
            .chain(&claims_of[later])
            .map(|&c| corpus.features[c].terms.as_slice());
        let (scorer, sets) = Scorer::build(
            [features[0].terms.as_slice(), features[1].terms.as_slice()]
                .into_iter()
                .chain(bodies),
            weights,
        );
        let score = scorer.score(&sets[0], &sets[1]);
        let records = [(metas[0], a), (metas[1], b)].map(|(meta, title)| {
            let mut r = ClaimRecord::at(
                format!("{}.h", meta.id),
                meta,
                title.to_string(),
                // Not found as written: the file's start.
                meta.title_at.unwrap_or(Located {
                    start: 0,
                    end: 0,
                    line: 1,
                    column: 1,
                }),
            );
            r.role = Some(ClaimRole::Headline);
            r
        });
        let texts = [0, 1]
            .map(|i| ClaimText::new(&records[i].text, &features[i], Lang::get(metas[i].lang)));
        let assessment = model.assess(&PairFeatures::of(&texts[0], &texts[1], score.score));
        let sides = [earlier, later].map(|art| format!("{} headline", labels[art]));
        let view = |i: usize| ClaimView {
            id: &records[i].id,
            outlet: &sides[i],
            outlet_id: outlets[[earlier, later][i]],
            text: &records[i].text,
            features: &features[i],
        };
        let ops = word_diff(a, b);
        let hits = kinds::check_headlines(enabled_rules, &view(0), &view(1), &ops, &assessment);
        if hits.is_empty() {
            continue;
        }
        let written = [a, b];
        let forms = crate::normalize::WrittenForms::new(&written)
            .with_names(features[0].names().chain(features[1].names()));
        out.push(HeadlineChange {
            articles: [earlier, later],
            pair: PairRecord {
                claims: [records[0].id.clone(), records[1].id.clone()],
                score: round3(score.score),
                equivalence: Some(round3(assessment.probability)),
                top_terms: scorer.explain(&score, 6, &forms),
                same_event_groups: None,
                semantic: None,
                semantic_words: Vec::new(),
                clauses: Vec::new(),
            },
            diff: ClaimDiff {
                claim: records[1].id.clone(),
                against: records[0].id.clone(),
                ops,
            },
            records,
            hits,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::ingest::{article_from_text, InputSpec};
    use crate::pipeline::{run, Corpus, Mode, RunOptions};

    fn report(files: &[(&str, &str)], mode: Mode) -> crate::report::model::Report {
        let rules = crate::config::load(None).unwrap();
        let mut articles: Vec<_> = files
            .iter()
            .enumerate()
            .map(|(i, (name, text))| {
                article_from_text(
                    &InputSpec::path(*name),
                    &format!("a{}", i + 1),
                    text.to_string(),
                )
                .unwrap()
            })
            .collect();
        if mode == Mode::Check {
            articles[0].meta.reference = true;
        }
        let corpus = Corpus::from_articles(&articles, &rules);
        run(&corpus, &rules, mode, &RunOptions::default())
    }

    const BODY: &str = "A passenger ferry carrying 412 people ran aground off Crete on Tuesday, \
        the coast guard said.\n\nAll passengers were taken ashore by early afternoon.\n";

    fn version(outlet: &str, title: &str) -> String {
        format!("---\noutlet: {outlet}\ndate: 2025-06-03\nlang: en\n---\n\n# {title}\n\n{BODY}")
    }

    #[test]
    fn a_changed_figure_in_the_headline_of_a_new_version_is_found_there() {
        let v1 = version("Harbour Wire", "Ferry with 412 on board runs aground");
        let v2 = version("Harbour Wire", "Ferry with 214 on board runs aground");
        for mode in [Mode::Compare, Mode::Check] {
            let r = report(&[("v1.md", &v1), ("v2.md", &v2)], mode);
            let f = r
                .findings
                .iter()
                .find(|f| f.rule == "number-changed")
                .expect("headline number change");
            assert_eq!(f.claims, ["a1.h", "a2.h"]);
            assert_eq!(f.locations, ["v1.md:7:14", "v2.md:7:14"]);
            let h = r.claims.iter().find(|c| c.id == "a2.h").unwrap();
            assert_eq!(&v2[h.start..h.end], "Ferry with 214 on board runs aground");
            assert_eq!(r.summary.claims, r.claims.len());
        }
    }

    #[test]
    fn a_headline_rewritten_without_other_change_is_reported_as_wording() {
        let v1 = version("Harbour Wire", "Ferry runs aground off Crete");
        let v2 = version("Harbour Wire", "Ferry sinks off Crete");
        let r = report(&[("v1.md", &v1), ("v2.md", &v2)], Mode::Check);
        assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
        let f = &r.findings[0];
        assert_eq!(f.rule, "wording-drift");
        assert_eq!(f.evidence["headline"], true);
        assert_eq!(f.evidence["added"][0], "sinks");
    }

    #[test]
    fn headlines_of_other_outlets_or_unchanged_ones_are_not_compared() {
        let a = version("Harbour Wire", "Ferry with 412 on board runs aground");
        let b = version("Island Post", "Ferry with 214 on board runs aground");
        let r = report(&[("a.md", &a), ("b.md", &b)], Mode::Compare);
        assert!(r.claims.iter().all(|c| c.role.is_none()), "{:?}", r.claims);
        let same = report(&[("v1.md", &a), ("v2.md", &a)], Mode::Check);
        assert!(same.findings.is_empty(), "{:?}", same.findings);
    }
}
