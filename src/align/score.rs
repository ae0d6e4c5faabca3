//! An explainable similarity of two claims: a weighted Dice overlap of normalised terms,
//! where rare terms weigh more (idf over the claims being compared), names weigh a little
//! more, and near-identical words ("coordination"/"coordinations", spelling variants) count
//! in part (Jaro–Winkler from strsim).

use std::collections::HashMap;

use crate::extract::{Term, TermKind};
use crate::report::model::TermContribution;

/// A claim's terms as ids into the scorer's vocabulary, unique and sorted.
#[derive(Debug, Clone, Default)]
pub struct TermSet {
    pub ids: Vec<u32>,
}

/// Weights of the similarity. Defaults are tuned on MSRP train and STSb train/dev (README,
/// "Quality").
#[derive(Debug, Clone, Copy)]
pub struct ScoreWeights {
    /// Extra weight of names over other words.
    pub entity_boost: f64,
    /// Weight of numbers relative to words of the same rarity.
    pub number_weight: f64,
    /// Jaro–Winkler similarity above which two words match in part.
    pub soft_threshold: f64,
    /// Share of the weight a soft match earns.
    pub soft_credit: f64,
}

impl Default for ScoreWeights {
    fn default() -> Self {
        ScoreWeights {
            entity_boost: 1.3,
            number_weight: 0.8,
            soft_threshold: 0.9,
            soft_credit: 0.7,
        }
    }
}

/// The score of a pair, and the terms that made it.
#[derive(Debug, Clone)]
pub struct PairScore {
    pub score: f64,
    /// Shared terms (by id) with the weight they contributed, heaviest first.
    pub shared: Vec<(u32, f64)>,
}

/// Vocabulary and document frequencies of the claims being compared.
#[derive(Debug, Default)]
pub struct Scorer {
    ids: HashMap<String, u32>,
    /// Per term id: its display form and kind.
    terms: Vec<(String, TermKind)>,
    df: Vec<u32>,
    docs: u32,
    pub weights: ScoreWeights,
    /// Cached idf × kind weight per term.
    weight: Vec<f64>,
}

impl Scorer {
    /// Build the vocabulary from every claim's terms and return each claim's term set.
    pub fn build<'a>(
        claims: impl IntoIterator<Item = &'a [Term]>,
        weights: ScoreWeights,
    ) -> (Scorer, Vec<TermSet>) {
        let mut s = Scorer {
            weights,
            ..Default::default()
        };
        let mut sets = Vec::new();
        for terms in claims {
            let mut ids: Vec<u32> = terms
                .iter()
                .map(|t| {
                    let next = s.ids.len() as u32;
                    let id = *s.ids.entry(t.key.clone()).or_insert(next);
                    if id == next {
                        s.terms.push((t.surface.clone(), t.kind));
                        s.df.push(0);
                    }
                    id
                })
                .collect();
            ids.sort_unstable();
            ids.dedup();
            for &id in &ids {
                s.df[id as usize] += 1;
            }
            s.docs += 1;
            sets.push(TermSet { ids });
        }
        s.weight = (0..s.terms.len())
            .map(|i| {
                let idf = ((s.docs as f64 + 1.0) / (s.df[i] as f64 + 0.5))
                    .ln()
                    .max(0.05);
                idf * match s.terms[i].1 {
                    TermKind::Entity => s.weights.entity_boost,
                    TermKind::Number => s.weights.number_weight,
                    TermKind::Word => 1.0,
                }
            })
            .collect();
        (s, sets)
    }

    pub fn df(&self, id: u32) -> u32 {
        self.df[id as usize]
    }

    pub fn weight(&self, id: u32) -> f64 {
        self.weight[id as usize]
    }

    pub fn display(&self, id: u32) -> &str {
        &self.terms[id as usize].0
    }

    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// Similarity of two claims in [0, 1].
    pub fn score(&self, a: &TermSet, b: &TermSet) -> PairScore {
        let total: f64 = a.ids.iter().chain(&b.ids).map(|&t| self.weight(t)).sum();
        if total == 0.0 {
            return PairScore {
                score: 0.0,
                shared: Vec::new(),
            };
        }
        let mut shared = Vec::new();
        let mut matched = 0.0;
        let (mut i, mut j) = (0, 0);
        let mut only_a = Vec::new();
        let mut only_b = Vec::new();
        while i < a.ids.len() && j < b.ids.len() {
            match a.ids[i].cmp(&b.ids[j]) {
                std::cmp::Ordering::Equal => {
                    let w = self.weight(a.ids[i]);
                    matched += 2.0 * w;
                    shared.push((a.ids[i], w));
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => {
                    only_a.push(a.ids[i]);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    only_b.push(b.ids[j]);
                    j += 1;
                }
            }
        }
        only_a.extend_from_slice(&a.ids[i..]);
        only_b.extend_from_slice(&b.ids[j..]);
        // Near-identical words: same first three letters, Jaro–Winkler above the threshold.
        let mut used = vec![false; only_b.len()];
        for &ta in &only_a {
            let (sa, ka) = &self.terms[ta as usize];
            if *ka != TermKind::Word || sa.len() < 5 {
                continue;
            }
            let mut best: Option<(usize, f64)> = None;
            for (k, &tb) in only_b.iter().enumerate() {
                let (sb, kb) = &self.terms[tb as usize];
                if used[k] || *kb != TermKind::Word || sb.len() < 5 || sa.get(..3) != sb.get(..3) {
                    continue;
                }
                let sim = strsim::jaro_winkler(sa, sb);
                if sim >= self.weights.soft_threshold && best.is_none_or(|(_, s)| sim > s) {
                    best = Some((k, sim));
                }
            }
            if let Some((k, sim)) = best {
                used[k] = true;
                let w =
                    self.weight(ta).min(self.weight(only_b[k])) * sim * self.weights.soft_credit;
                matched += 2.0 * w;
                shared.push((ta, w));
            }
        }
        shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        PairScore {
            score: (matched / total).clamp(0.0, 1.0),
            shared,
        }
    }

    /// The top `n` contributing terms, for explanations.
    pub fn explain(&self, pair: &PairScore, n: usize) -> Vec<TermContribution> {
        pair.shared
            .iter()
            .take(n)
            .map(|&(id, w)| TermContribution {
                term: self.display(id).to_string(),
                weight: (w * 1000.0).round() / 1000.0,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> Vec<Term> {
        words
            .iter()
            .map(|w| Term {
                key: w.to_string(),
                surface: w.to_string(),
                kind: TermKind::Word,
            })
            .collect()
    }

    #[test]
    fn identical_claims_score_one_and_disjoint_zero() {
        let a = terms(&["coordination", "russes", "americaines"]);
        let b = terms(&["sanctions", "crimee"]);
        let (s, sets) = Scorer::build(
            [a.as_slice(), a.as_slice(), b.as_slice()],
            ScoreWeights::default(),
        );
        assert!((s.score(&sets[0], &sets[1]).score - 1.0).abs() < 1e-9);
        assert_eq!(s.score(&sets[0], &sets[2]).score, 0.0);
    }

    #[test]
    fn near_identical_words_count_in_part() {
        let a = terms(&["coordination", "reelle"]);
        let b = terms(&["coordinations", "reelle"]);
        let c = terms(&["autre", "reelle"]);
        let (s, sets) = Scorer::build(
            [a.as_slice(), b.as_slice(), c.as_slice()],
            ScoreWeights::default(),
        );
        let ab = s.score(&sets[0], &sets[1]).score;
        let ac = s.score(&sets[0], &sets[2]).score;
        assert!(ab > ac && ab < 1.0, "{ab} {ac}");
    }
}
