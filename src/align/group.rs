//! Pairs → groups. Greedy agglomeration from the best pair down: two groups merge when they
//! share no article and the merged group holds together on average, so outlets telling the
//! story in another order still align, and a chain of weak links does not.

use rayon::prelude::*;

use super::candidates::{candidate_pairs, CandidateMode};
use super::score::{PairScore, ScoreWeights, Scorer, TermSet};
use crate::extract::dates::DateKind;
use crate::extract::Features;

#[derive(Debug, Clone, Copy)]
pub struct AlignOptions {
    /// Pairs scoring below this never align.
    pub threshold: f64,
    /// Pairs whose dates disagree align only at this score or above (and the date rule
    /// then flags them); below it they are kept apart.
    pub date_conflict_threshold: f64,
    pub candidates: CandidateMode,
    pub weights: ScoreWeights,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            threshold: 0.3,
            date_conflict_threshold: 0.55,
            candidates: CandidateMode::Index,
            weights: ScoreWeights::default(),
        }
    }
}

/// What alignment needs to know of a claim.
pub struct AlignInput<'a> {
    pub article: usize,
    /// The days the article's date can be (a date known to the month spans the month).
    pub article_date: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    pub features: &'a Features,
}

/// Articles further apart than this report different events: their claims align only as
/// strongly as claims whose dates disagree.
const EVENT_DAYS: i64 = 14;

/// Claims that cannot be about the same moment: explicit dates that disagree, or articles
/// weeks apart.
fn conflict(a: &AlignInput, b: &AlignInput) -> bool {
    if let (Some((a0, a1)), Some((b0, b1))) = (a.article_date, b.article_date) {
        let gap = if a1 < b0 {
            (b0 - a1).num_days()
        } else if b1 < a0 {
            (a0 - b1).num_days()
        } else {
            0
        };
        if gap > EVENT_DAYS {
            return true;
        }
    }
    dates_conflict(a.features, b.features)
}

#[derive(Debug, Clone)]
pub struct ScoredPair {
    pub a: usize,
    pub b: usize,
    pub score: PairScore,
}

/// Claims (by index) that state the same thing, and the pairs that tie them.
#[derive(Debug, Clone)]
pub struct Group {
    pub members: Vec<usize>,
    pub pairs: Vec<ScoredPair>,
}

impl Group {
    pub fn mean_score(&self) -> f64 {
        if self.pairs.is_empty() {
            return 1.0;
        }
        self.pairs.iter().map(|p| p.score.score).sum::<f64>() / self.pairs.len() as f64
    }
}

pub struct Alignment {
    pub scorer: Scorer,
    pub sets: Vec<TermSet>,
    /// Groups of two or more claims, in order of their first claim.
    pub groups: Vec<Group>,
    /// Claims in no group.
    pub singles: Vec<usize>,
    pub pairs_scored: usize,
}

/// Explicit dates or weekdays that cannot be the same day.
pub fn dates_conflict(a: &Features, b: &Features) -> bool {
    let full = |f: &Features| -> Vec<String> {
        f.dates
            .iter()
            .filter_map(|d| d.date.filter(|p| p.day.is_some()).map(|p| p.to_string()))
            .collect()
    };
    let (fa, fb) = (full(a), full(b));
    if !fa.is_empty() && !fb.is_empty() && !fa.iter().any(|d| fb.contains(d)) {
        return true;
    }
    let weekdays = |f: &Features| -> Vec<u32> {
        f.dates
            .iter()
            .filter(|d| d.kind == DateKind::Weekday)
            .filter_map(|d| d.weekday)
            .collect()
    };
    let (wa, wb) = (weekdays(a), weekdays(b));
    !wa.is_empty() && !wb.is_empty() && !wa.iter().any(|d| wb.contains(d))
}

pub fn align(claims: &[AlignInput], options: &AlignOptions) -> Alignment {
    let (scorer, sets) = Scorer::build(
        claims.iter().map(|c| c.features.terms.as_slice()),
        options.weights,
    );
    let article_of: Vec<usize> = claims.iter().map(|c| c.article).collect();
    let score_pair = |a: usize, b: usize| -> Option<ScoredPair> {
        let score = scorer.score(&sets[a], &sets[b]);
        if score.score < options.threshold {
            return None;
        }
        if score.score < options.date_conflict_threshold && conflict(&claims[a], &claims[b]) {
            return None;
        }
        Some(ScoredPair { a, b, score })
    };
    let n = claims.len();
    let (mut pairs, pairs_scored): (Vec<ScoredPair>, usize) = match options.candidates {
        CandidateMode::Index => {
            let candidates = candidate_pairs(&scorer, &sets, &article_of);
            (
                candidates
                    .par_iter()
                    .filter_map(|&(a, b)| score_pair(a, b))
                    .collect(),
                candidates.len(),
            )
        }
        CandidateMode::AllPairs => {
            let scored = (0..n)
                .map(|i| {
                    (i + 1..n)
                        .filter(|&j| article_of[i] != article_of[j])
                        .count()
                })
                .sum();
            let pairs = (0..n)
                .into_par_iter()
                .flat_map_iter(|i| {
                    let article_of = &article_of;
                    let score_pair = &score_pair;
                    (i + 1..n)
                        .filter(move |&j| article_of[i] != article_of[j])
                        .filter_map(move |j| score_pair(i, j))
                })
                .collect();
            (pairs, scored)
        }
    };
    pairs.sort_by(|x, y| {
        y.score
            .score
            .total_cmp(&x.score.score)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });

    // Union of groups, checked for one claim per article and average cohesion.
    let mut group_of: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    let mut links: Vec<Vec<ScoredPair>> = vec![Vec::new(); n];
    let mut known: std::collections::HashMap<(usize, usize), f64> =
        pairs.iter().map(|p| ((p.a, p.b), p.score.score)).collect();
    for pair in pairs {
        let (ga, gb) = (group_of[pair.a], group_of[pair.b]);
        if ga == gb {
            continue;
        }
        let arts_a: Vec<usize> = members[ga].iter().map(|&c| claims[c].article).collect();
        if members[gb]
            .iter()
            .any(|&c| arts_a.contains(&claims[c].article))
        {
            continue;
        }
        // Mean score across the two groups; pairs never proposed are scored now.
        let mut sum = 0.0;
        let mut count = 0;
        for &x in &members[ga] {
            for &y in &members[gb] {
                let key = (x.min(y), x.max(y));
                let s = *known
                    .entry(key)
                    .or_insert_with(|| scorer.score(&sets[key.0], &sets[key.1]).score);
                if s < options.date_conflict_threshold && conflict(&claims[x], &claims[y]) {
                    sum = f64::NEG_INFINITY;
                }
                sum += s;
                count += 1;
            }
        }
        if sum / (count as f64) < options.threshold * 0.8 {
            continue;
        }
        let (keep, gone) = if members[ga].len() >= members[gb].len() {
            (ga, gb)
        } else {
            (gb, ga)
        };
        let moved = std::mem::take(&mut members[gone]);
        for &c in &moved {
            group_of[c] = keep;
        }
        members[keep].extend(moved);
        let moved_links = std::mem::take(&mut links[gone]);
        links[keep].extend(moved_links);
        links[keep].push(pair);
    }
    let mut groups = Vec::new();
    let mut singles = Vec::new();
    for g in 0..n {
        if members[g].is_empty() {
            continue;
        }
        let mut m = std::mem::take(&mut members[g]);
        m.sort_unstable();
        if m.len() == 1 {
            singles.push(m[0]);
        } else {
            let mut pairs = std::mem::take(&mut links[g]);
            pairs.sort_by_key(|p| (p.a, p.b));
            groups.push(Group { members: m, pairs });
        }
    }
    groups.sort_by_key(|g| g.members[0]);
    singles.sort_unstable();
    Alignment {
        scorer,
        sets,
        groups,
        singles,
        pairs_scored,
    }
}
