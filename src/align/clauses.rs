//! Claims below the sentence: a sentence that states several facts
//! ([`crate::extract::clauses`]) is compared clause by clause too, and a link between two
//! claims may rest on one clause of each. The groups keep whole claims, one per article; a
//! clause only links claims grouped apart, as [`super::group`]'s links do. (A grouped pair
//! is compared whole even where one clause matches best: what the rest of a sentence adds is
//! what the `wording` rule reports.)

use rayon::prelude::*;

use super::group::{align_linking, combined, Alignment, ScoredPair};
use super::group::{blend, dates_conflict, weeks_apart, AlignInput, AlignOptions};
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

/// [`super::align`], with the clauses of claims that state several facts compared on their
/// own: a clause links two claims grouped apart as a whole claim does.
pub fn align_with_clauses(
    claims: &[AlignInput],
    clauses: &[ClauseInput],
    options: &AlignOptions,
) -> Alignment {
    align_linking(claims, options, |scorer, sets, candidates| {
        clause_links(scorer, sets, claims, clauses, candidates, options)
    })
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
fn clause_links(
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
                .filter_map(|(u, v)| linked(scorer, (a, u), (b, v), options))
                .max_by(|x, y| x.0.total_cmp(&y.0))
                .map(|(_, pair)| pair)
        })
        .collect()
}

/// Claim `a` (its unit `u`) and claim `b` (`v`) as a pair that would link, with the blend of
/// words and meaning it would link at.
fn linked(
    scorer: &Scorer,
    (a, u): (usize, Unit),
    (b, v): (usize, Unit),
    options: &AlignOptions,
) -> Option<(f64, ScoredPair)> {
    let cos = f64::from(crate::semantic::cosine(u.embedding?, v.embedding?));
    if dates_conflict(u.features, v.features) {
        return None;
    }
    let words = scorer.similarity(u.set, v.set);
    let score = blend(words, cos);
    // A clause is a smaller text than its claim: a shared name or figure says less of it,
    // so the lower bar of anchored claims does not apply.
    (score >= options.link_threshold).then(|| {
        let pair = ScoredPair {
            a,
            b,
            score: PairScore {
                score: combined(words, Some(cos)),
                shared: Vec::new(),
            },
            same_event: None,
            words,
            semantic: Some(cos),
            clauses: [u.clause, v.clause],
        };
        (score, pair)
    })
}
