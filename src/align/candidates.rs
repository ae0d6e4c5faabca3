//! Candidate pairs from an inverted index over rare terms. Each claim looks up the postings
//! of its rarer terms and keeps the candidates that share the most weight with it, so the
//! work grows with the number of claims, not its square.

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
    let cap = max_postings(n);
    let mut postings: rustc_hash::FxHashMap<u32, Vec<u32>> = rustc_hash::FxHashMap::default();
    for (i, set) in sets.iter().enumerate() {
        for &t in &set.ids {
            if (scorer.df(t) as usize) <= cap && scorer.df(t) >= 2 {
                postings.entry(t).or_default().push(i as u32);
            }
        }
    }
    // Shared weight per candidate, in a dense array (claims are numbered): no hashing, and
    // only the entries touched are reset. One array per worker thread.
    let per_claim =
        |acc: &mut Vec<f64>, touched: &mut Vec<u32>, i: usize, out: &mut Vec<(usize, usize)>| {
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
                acc[j] = 0.0;
            }
            touched.clear();
        };
    let mut out: Vec<(usize, usize)> = (0..n)
        .into_par_iter()
        // Few, large pieces: each one allocates its own array of n weights.
        .with_min_len(n / 16 + 1)
        .fold(
            || (vec![0.0f64; n], Vec::new(), Vec::new()),
            |(mut acc, mut touched, mut out), i| {
                per_claim(&mut acc, &mut touched, i, &mut out);
                (acc, touched, out)
            },
        )
        .map(|(_, _, out)| out)
        .reduce(Vec::new, |mut a, mut b| {
            a.append(&mut b);
            a
        });
    out.sort_unstable();
    out.dedup();
    out
}
