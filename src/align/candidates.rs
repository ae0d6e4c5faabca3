//! Candidate pairs from an inverted index over rare terms. Each claim looks up the postings
//! of its rarer terms and keeps the candidates that share the most weight with it, so the
//! work grows with the number of claims, not its square. Word-for-word copies of a claim
//! (syndicated wire copy) are indexed once and share its candidates.

use rayon::prelude::*;

use super::score::{Scorer, TermSet};

/// How to find the pairs worth scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum CandidateMode {
    /// Index over rare terms (the default).
    #[default]
    Index,
    /// Every pair of claims from different articles: the reference for benchmarks.
    AllPairs,
}

/// Terms shared by more claims than this are too common to propose candidates.
fn max_postings(claims: usize) -> usize {
    (claims / 20).clamp(50, 400)
}

/// Candidates kept per claim, best shared weight first.
const PER_CLAIM: usize = 24;

/// Pairs `(i, j)`, `i < j`, of claims that `may_pair` allows (different articles, one
/// language) worth scoring. (All pairs are never listed: `align` streams them, there are too
/// many to hold.)
pub fn candidate_pairs(
    scorer: &Scorer,
    sets: &[TermSet],
    may_pair: impl Fn(usize, usize) -> bool + Sync,
) -> Vec<(usize, usize)> {
    let n = sets.len();
    // Copies of one claim (a wire story carried word for word by many outlets) are indexed
    // once, and a term counts once per distinct claim: otherwise a story carried by more
    // outlets than the cap has no term under it, and its copies find no candidates.
    // Claims with the same terms, in order; the first of each is the one indexed.
    let mut same_terms: Vec<Vec<usize>> = Vec::new();
    let mut group_of: rustc_hash::FxHashMap<&[u32], usize> = rustc_hash::FxHashMap::default();
    for (i, set) in sets.iter().enumerate() {
        let next = same_terms.len();
        let g = *group_of.entry(set.ids.as_slice()).or_insert(next);
        if g == next {
            same_terms.push(Vec::new());
        }
        same_terms[g].push(i);
    }
    let cap = max_postings(same_terms.len());
    // Term ids are dense: document frequencies over distinct claims in an array.
    let vocabulary = sets
        .iter()
        .flat_map(|s| s.ids.iter())
        .max()
        .map_or(0, |&t| t as usize + 1);
    let mut df = vec![0u32; vocabulary];
    for copies in &same_terms {
        for &t in &sets[copies[0]].ids {
            df[t as usize] += 1;
        }
    }
    let mut postings: rustc_hash::FxHashMap<u32, Vec<u32>> = rustc_hash::FxHashMap::default();
    for copies in &same_terms {
        for &t in &sets[copies[0]].ids {
            let d = df[t as usize] as usize;
            if d <= cap && d >= 2 {
                postings.entry(t).or_default().push(copies[0] as u32);
            }
        }
    }
    // Shared weight per candidate, in a dense array (claims are numbered): no hashing, and
    // only the entries touched are reset. One array per worker thread.
    let per_claim = |acc: &mut Vec<f64>,
                     touched: &mut Vec<u32>,
                     copies: &[usize],
                     out: &mut Vec<(usize, usize)>| {
        let i = copies[0];
        for &t in &sets[i].ids {
            let Some(list) = postings.get(&t) else {
                continue;
            };
            let w = scorer.weight(t);
            for &j in list {
                let ju = j as usize;
                if ju != i && may_pair(i, ju) {
                    if acc[ju] == 0.0 {
                        touched.push(j);
                    }
                    acc[ju] += w;
                }
            }
        }
        if touched.len() > PER_CLAIM {
            touched.select_nth_unstable_by(PER_CLAIM, |a, b| {
                acc[*b as usize].total_cmp(&acc[*a as usize]).then(a.cmp(b))
            });
            for &j in &touched[PER_CLAIM..] {
                acc[j as usize] = 0.0;
            }
            touched.truncate(PER_CLAIM);
        }
        for &j in touched.iter() {
            let j = j as usize;
            out.push((i.min(j), i.max(j)));
            // The copies of claim i have its candidates.
            for &c in &copies[1..] {
                if c != j && may_pair(c, j) {
                    out.push((c.min(j), c.max(j)));
                }
            }
            acc[j] = 0.0;
        }
        touched.clear();
    };
    let mut out: Vec<(usize, usize)> = same_terms
        .par_iter()
        // Few, large pieces: each one allocates its own array of n weights.
        .with_min_len(same_terms.len() / 16 + 1)
        .fold(
            || (vec![0.0f64; n], Vec::new(), Vec::new()),
            |(mut acc, mut touched, mut out), copies| {
                per_claim(&mut acc, &mut touched, copies, &mut out);
                (acc, touched, out)
            },
        )
        .map(|(_, _, out)| out)
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        });
    // Copies of one claim are candidates of each other.
    for copies in same_terms.iter().filter(|c| c.len() > 1) {
        for (x, &i) in copies.iter().enumerate() {
            for &j in copies[x + 1..].iter().take(PER_CLAIM) {
                if may_pair(i, j) {
                    out.push((i, j));
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;
    use crate::lang::{Lang, LangCode};

    #[test]
    fn copies_carried_by_more_outlets_than_the_cap_find_each_other() {
        // 120 outlets carry one of two wordings of the same lede: every term of it is in
        // more claims than the cap (50), and it must still be proposed across wordings.
        let wordings = [
            "Un TER reliant Nevers à Dijon a déraillé mardi près de Decize, faisant trois morts.",
            "Trois personnes sont mortes mardi dans le déraillement d'un TER près de Decize.",
        ];
        let features: Vec<_> = (0..120)
            .map(|i| {
                extract(
                    wordings[i % 2],
                    Lang::get(LangCode::Fr),
                    None,
                    &Default::default(),
                    &Default::default(),
                )
            })
            .collect();
        let (scorer, sets) = Scorer::build(
            features.iter().map(|f| f.terms.as_slice()),
            Default::default(),
        );
        assert!(max_postings(sets.len()) < 60);
        let pairs = candidate_pairs(&scorer, &sets, |_, _| true);
        assert!(
            pairs.iter().any(|&(i, j)| i % 2 != j % 2),
            "no pair across wordings"
        );
        assert!(
            pairs.iter().any(|&(i, j)| i % 2 == j % 2),
            "no pair of copies"
        );
        // Linear: each claim keeps a bounded number of candidates.
        assert!(pairs.len() <= 120 * 2 * PER_CLAIM);
    }
}
