//! Headlines of versions. A new version of a story may change only its headline ("412 on
//! board" → "214 on board"); the body's claims would not show it. The headlines of two
//! versions are checked like two claims of a group; a headline rewritten without any rule
//! firing is reported by the `wording` rule all the same.

use crate::align::equivalence::{ClaimProfile, ClaimText, EquivalenceModel, PairFeatures};
use crate::align::score::ScoreWeights;
use crate::align::{self, Scorer};
use crate::diff::word_diff;
use crate::extract::dates::PartialDate;
use crate::extract::{extract, Features};
use crate::lang::Lang;
use crate::report::model::{round3, ClaimDiff, ClaimRecord, ClaimRole, PairRecord};
use crate::rules::kinds::{self, ClaimView, RuleHit};
use crate::rules::{Rule, RuleSet};

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
/// the version just before it. In `check`, a new article is a version of a reference that no
/// later reference replaces; in `compare`, of the latest article before it.
pub(super) fn version_pairs(
    corpus: &Corpus,
    alignment: &align::Alignment,
    article_of: &[usize],
    mode: Mode,
    superseded: &[bool],
) -> Vec<[usize; 2]> {
    let arts = &corpus.articles;
    let mut groups_of: Vec<Vec<usize>> = vec![Vec::new(); arts.len()];
    for (gi, g) in alignment.groups.iter().enumerate() {
        for &m in &g.members {
            let a = article_of[m];
            if groups_of[a].last() != Some(&gi) {
                groups_of[a].push(gi);
            }
        }
    }
    let share = |x: usize, y: usize| groups_of[x].iter().any(|g| groups_of[y].contains(g));
    // Dated articles in date order, then as given.
    let rank = |a: usize| (arts[a].date.is_none(), arts[a].date.as_deref(), a);
    let mut pairs = Vec::new();
    for later in 0..arts.len() {
        let earlier = (0..arts.len())
            .filter(|&e| {
                e != later
                    && match mode {
                        Mode::Check => {
                            !arts[later].reference && arts[e].reference && !superseded[e]
                        }
                        Mode::Compare => rank(e) < rank(later),
                    }
                    && arts[e].is_outlet(&arts[later].outlet)
                    && share(e, later)
            })
            .max_by_key(|&e| rank(e));
        if let Some(earlier) = earlier {
            pairs.push([earlier, later]);
        }
    }
    pairs
}

/// The headline of an article as a record of `claims` (id `a1.h`), located where its title is
/// written, else at the file's start.
fn headline_record(meta: &crate::ingest::ArticleMeta, title: &str) -> ClaimRecord {
    let at = meta.title_at;
    ClaimRecord {
        id: format!("{}.h", meta.id),
        article: meta.id.clone(),
        text: title.to_string(),
        start: at.map_or(0, |a| a.start),
        end: at.map_or(0, |a| a.end),
        line: at.map_or(1, |a| a.line),
        column: at.map_or(1, |a| a.column),
        reference: meta.reference,
        unchanged: false,
        role: Some(ClaimRole::Headline),
    }
}

/// Headlines that changed between versions, with what the rules say of the change.
pub(super) fn changed_headlines<'r>(
    corpus: &Corpus,
    rules: &RuleSet,
    enabled_rules: &[(usize, &'r Rule)],
    versions: &[[usize; 2]],
    article_of: &[usize],
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
        let features: [Features; 2] = [(metas[0], a), (metas[1], b)].map(|(meta, title)| {
            extract(
                title,
                Lang::get(meta.lang),
                meta.date.as_deref().and_then(PartialDate::parse_iso),
                &rules.aliases,
                &rules.term_sets,
            )
        });
        // Rarity of the headlines' words is judged against the two versions' claims.
        let bodies = corpus
            .features
            .iter()
            .zip(article_of)
            .filter(|(_, &art)| art == earlier || art == later)
            .map(|(f, _)| f.terms.as_slice());
        let (scorer, sets) = Scorer::build(
            [features[0].terms.as_slice(), features[1].terms.as_slice()]
                .into_iter()
                .chain(bodies),
            weights,
        );
        let score = scorer.score(&sets[0], &sets[1]);
        let records = [headline_record(metas[0], a), headline_record(metas[1], b)];
        let profiles = [0, 1].map(|i| {
            ClaimProfile::of(&ClaimText::new(
                &records[i].text,
                &features[i],
                Lang::get(metas[i].lang),
            ))
        });
        let assessment = model.assess(&PairFeatures::between(
            &profiles[0],
            &profiles[1],
            score.score,
        ));
        let outlets = [earlier, later].map(|art| format!("{} headline", labels[art]));
        let view = |i: usize| ClaimView {
            id: &records[i].id,
            outlet: &outlets[i],
            outlet_name: &metas[i].outlet,
            text: &records[i].text,
            features: &features[i],
        };
        let ops = word_diff(a, b);
        let hits = kinds::check_headlines(enabled_rules, &view(0), &view(1), &ops, &assessment);
        if hits.is_empty() {
            continue;
        }
        let written = [a, b];
        let texts = crate::normalize::WrittenForms::new(&written);
        out.push(HeadlineChange {
            articles: [earlier, later],
            pair: PairRecord {
                claims: [records[0].id.clone(), records[1].id.clone()],
                score: round3(score.score),
                equivalence: Some(round3(assessment.probability)),
                top_terms: scorer.explain(&score, 6, &texts),
                same_event_groups: None,
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
