//! Claims below the sentence: a sentence that states several facts
//! ([`crate::extract::clauses`]) is compared clause by clause too, and a link between two
//! claims may rest on one clause of each. The groups keep whole claims, one per article; a
//! clause only links claims grouped apart, as [`super::group`]'s links do.

use rayon::prelude::*;

use super::group::{blend, dates_conflict, weeks_apart, AlignInput, AlignOptions};
use super::group::{combined, ScoredPair};
use super::score::{PairScore, Scorer, TermSet};
use crate::extract::Features;
use crate::source::Span;

/// One clause of a claim, as alignment needs it.
pub struct ClauseInput<'a> {
    /// The claim (index into the claims aligned) the clause is part of.
    pub claim: usize,
    /// Where the clause is in the claim's text (bytes).
    pub span: Span,
    pub features: &'a Features,
    pub embedding: Option<&'a crate::semantic::Vector>,
}

/// A thing compared: a whole claim, or one clause of it.
#[derive(Clone, Copy)]
struct Unit<'a> {
    clause: Option<Span>,
    features: &'a Features,
    set: &'a TermSet,
    embedding: Option<&'a crate::semantic::Vector>,
}

/// The claims and clauses compared, with each claim's clauses as units.
struct Units<'a> {
    claims: &'a [AlignInput<'a>],
    sets: &'a [TermSet],
    of_claim: Vec<Vec<Unit<'a>>>,
}

impl<'a> Units<'a> {
    fn new(
        claims: &'a [AlignInput<'a>],
        sets: &'a [TermSet],
        clauses: &'a [ClauseInput<'a>],
        clause_sets: &'a [TermSet],
    ) -> Units<'a> {
        let mut of_claim: Vec<Vec<Unit>> = vec![Vec::new(); claims.len()];
        for (c, set) in clauses.iter().zip(clause_sets) {
            of_claim[c.claim].push(Unit {
                clause: Some(c.span),
                features: c.features,
                set,
                embedding: c.embedding,
            });
        }
        Units {
            claims,
            sets,
            of_claim,
        }
    }

    fn whole(&self, i: usize) -> Unit<'a> {
        Unit {
            clause: None,
            features: self.claims[i].features,
            set: &self.sets[i],
            embedding: self.claims[i].embedding,
        }
    }

    fn has_clauses(&self, i: usize) -> bool {
        !self.of_claim[i].is_empty()
    }

    /// Every pair of a unit of `a` and a unit of `b` where one at least is a clause.
    fn clause_pairs(&self, a: usize, b: usize) -> impl Iterator<Item = (Unit<'a>, Unit<'a>)> + '_ {
        let units =
            |i: usize| std::iter::once(self.whole(i)).chain(self.of_claim[i].iter().copied());
        units(a)
            .flat_map(move |u| units(b).map(move |v| (u, v)))
            .filter(|(u, v)| u.clause.is_some() || v.clause.is_some())
    }
}

/// The clauses' term sets, against the claims' vocabulary.
fn clause_sets(scorer: &Scorer, clauses: &[ClauseInput]) -> Vec<TermSet> {
    clauses
        .iter()
        .map(|c| scorer.set_of(&c.features.terms))
        .collect()
}

/// The best pair of clauses (or of a clause and a whole claim) of each candidate pair of
/// claims that would link them ([`AlignOptions::link_threshold`]), with the clauses named in
/// [`ScoredPair::clauses`]. Links rest on meaning: with no sentence encoder, none.
pub(super) fn clause_links(
    scorer: &Scorer,
    sets: &[TermSet],
    claims: &[AlignInput],
    clauses: &[ClauseInput],
    candidates: &[(usize, usize)],
    options: &AlignOptions,
) -> Vec<ScoredPair> {
    if clauses.is_empty() {
        return Vec::new();
    }
    let clause_sets = clause_sets(scorer, clauses);
    let units = Units::new(claims, sets, clauses, &clause_sets);
    candidates
        .par_iter()
        .filter(|&&(a, b)| {
            (units.has_clauses(a) || units.has_clauses(b)) && !weeks_apart(&claims[a], &claims[b])
        })
        .filter_map(|&(a, b)| {
            units
                .clause_pairs(a, b)
                .filter_map(|(u, v)| linked(scorer, u, v, options))
                .max_by(|x, y| x.0.total_cmp(&y.0))
                .map(|(_, words, cos, spans)| ScoredPair {
                    a,
                    b,
                    score: PairScore {
                        score: combined(words, Some(cos)),
                        shared: Vec::new(),
                    },
                    same_event: None,
                    words,
                    semantic: Some(cos),
                    clauses: spans,
                })
        })
        .collect()
}

/// A clause must score this much above its whole claim for a grouped pair to rest on it:
/// a clause is a shorter text, and shorter texts that share words score higher.
const CLAUSE_MARGIN: f64 = 0.1;

/// The pairs of `groups` that rest on a clause: where a clause of one claim matches the
/// other claim, which states one fact, clearly better than the whole sentence does, the pair names it,
/// and the rules compare that clause rather than the whole sentence.
pub(super) fn rest_on_clauses(
    groups: &mut [super::group::Group],
    scorer: &Scorer,
    sets: &[TermSet],
    claims: &[AlignInput],
    clauses: &[ClauseInput],
) {
    if clauses.is_empty() {
        return;
    }
    let clause_sets = clause_sets(scorer, clauses);
    let units = Units::new(claims, sets, clauses, &clause_sets);
    let score = |u: Unit, v: Unit| {
        let cos = u.embedding.zip(v.embedding);
        let cos = cos.map(|(x, y)| f64::from(crate::semantic::cosine(x, y)));
        combined(scorer.similarity(u.set, v.set), cos)
    };
    for p in groups.iter_mut().flat_map(|g| g.pairs.iter_mut()) {
        // Two sentences that both state several facts are compared whole: the clause they
        // share best is often the one they repeat word for word, not the one that differs.
        if p.clauses.iter().any(Option::is_some) || units.has_clauses(p.a) == units.has_clauses(p.b)
        {
            continue;
        }
        let whole = score(units.whole(p.a), units.whole(p.b));
        let best = units
            .clause_pairs(p.a, p.b)
            .filter(|(u, v)| !dates_conflict(u.features, v.features))
            .map(|(u, v)| (score(u, v), [u.clause, v.clause]))
            .max_by(|x, y| x.0.total_cmp(&y.0));
        if let Some((s, spans)) = best.filter(|b| b.0 >= whole + CLAUSE_MARGIN) {
            debug_assert!(s > whole);
            p.clauses = spans;
        }
    }
}

/// Two units that would link: their blend, the words' score, the cosine and their clauses.
#[allow(clippy::type_complexity)]
fn linked(
    scorer: &Scorer,
    u: Unit,
    v: Unit,
    options: &AlignOptions,
) -> Option<(f64, f64, f64, [Option<Span>; 2])> {
    let cos = f64::from(crate::semantic::cosine(u.embedding?, v.embedding?));
    if dates_conflict(u.features, v.features) {
        return None;
    }
    let words = scorer.similarity(u.set, v.set);
    let score = blend(words, cos);

    // A clause is a smaller text than its claim: a shared name or figure says less of it,
    // so the lower bar of anchored claims does not apply.
    (score >= options.link_threshold).then_some((score, words, cos, [u.clause, v.clause]))
}
