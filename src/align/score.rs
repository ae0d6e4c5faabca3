//! An explainable similarity of two claims: a weighted Dice overlap of normalised terms,
//! where rare terms weigh more (idf over the claims being compared, raised to a power),
//! numbers and names weigh more, and near-identical words ("coordination"/"coordinations",
//! spelling variants) count in part (Jaro–Winkler from strsim). A number one claim changed
//! ("770 morts" / "643 morts") also counts in part, so that the two claims still align and
//! the number rule can report the change.
//!
//! The weights were tuned on MSRP train and STSb train/dev, French and English, and
//! checked on their test sets (`cargo run --release --example quality`, README "Quality").

use std::cell::RefCell;

use crate::extract::{Term, TermKind};
use crate::normalize::WrittenForms;

/// A claim's terms as ids into the scorer's vocabulary, unique and sorted.
#[derive(Debug, Clone, Default)]
pub struct TermSet {
    pub ids: Vec<u32>,
    /// The ids said only inside an attribution in this claim, sorted: they weigh
    /// `source_weight` of their weight.
    pub light: Vec<u32>,
    /// The weight of all its terms, light ones lightened: the same against every other
    /// claim, so computed once by [`Scorer::build`].
    total: f64,
}

impl TermSet {
    fn factor(&self, id: u32, source_weight: f64) -> f64 {
        if !self.light.is_empty() && self.light.binary_search(&id).is_ok() {
            source_weight
        } else {
            1.0
        }
    }
}

/// Word comparisons allowed for soft matching in one pair (see `soft_matches`).
const SOFT_MAX_WORK: usize = 1 << 22;

/// Weights of the similarity. Defaults are tuned on MSRP train and STSb train/dev (README,
/// "Quality").
#[derive(Debug, Clone, Copy)]
pub struct ScoreWeights {
    /// Extra weight of names over other words.
    pub entity_boost: f64,
    /// Weight of numbers relative to words of the same rarity. Above 1: a shared figure is
    /// strong evidence of the same statement, and on STSb (fr and en) ranking improves with it.
    pub number_weight: f64,
    /// The idf is raised to this power: above 1, rare words count more against common ones
    /// than plain idf says.
    pub idf_power: f64,
    /// Jaro–Winkler similarity above which two words match in part.
    pub soft_threshold: f64,
    /// Share of the weight a soft match earns.
    pub soft_credit: f64,
    /// Share of the weight a changed number earns: a number of one claim with no match,
    /// paired with the closest unmatched number of the other (within a factor of two).
    pub number_slot_credit: f64,
    /// Share of its weight a term keeps inside an attribution ("…, a précisé la préfecture
    /// dans un communiqué"): two claims that share only who said them are not one claim.
    pub source_weight: f64,
}

impl Default for ScoreWeights {
    fn default() -> Self {
        ScoreWeights {
            entity_boost: 1.3,
            number_weight: 2.0,
            idf_power: 1.3,
            soft_threshold: 0.85,
            soft_credit: 0.9,
            number_slot_credit: 0.6,
            source_weight: 0.35,
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

/// Words shorter than this (in bytes) never match in part: short words that look alike
/// ("pays"/"paix") are different words more often than variants.
const SOFT_MIN_LEN: usize = 5;

/// Two numbers are the same figure reported differently when the smaller is at least this
/// share of the larger: "770"/"643" dead, "1.70"/"1.69" dollars, "28"/"27" January. Further
/// apart ("3 000"/"30 000"), they are more often different figures.
const NUMBER_SLOT_MIN_RATIO: f64 = 0.5;

/// Rarity is counted as if there were at least this many claims, the others without the
/// term. Two briefs of one claim each share most of their words: counted over two claims,
/// every shared word would be "common" and weigh almost nothing, and the two would never
/// align. From this many claims on, the counts are the claims' own.
const MIN_IDF_DOCS: f64 = 20.0;

/// What partial matching needs to know of a term, computed once per vocabulary.
#[derive(Debug, Clone, Copy)]
struct MatchKey {
    /// A word long enough to match in part.
    soft: bool,
    /// Its first three characters: words match in part only when these agree.
    prefix: [char; 3],
    /// The value of a number term.
    number: Option<f64>,
}

/// Vocabulary and document frequencies of the claims being compared.
#[derive(Debug, Default)]
pub struct Scorer {
    /// Per term id: its display form and kind.
    terms: Vec<(String, TermKind)>,
    /// Per term id: its matching key (a stem for words).
    keys_of: Vec<String>,
    df: Vec<u32>,
    docs: u32,
    pub weights: ScoreWeights,
    /// Cached idf^power × kind weight per term.
    weight: Vec<f64>,
    keys: Vec<MatchKey>,
    /// Per matching key: its term id, for texts scored against the vocabulary without being
    /// counted in it ([`Scorer::set_of`]).
    id_of: rustc_hash::FxHashMap<String, u32>,
}

thread_local! {
    /// Per-thread scratch for [`Scorer::score`]: the words and the numbers of the second
    /// claim that found no exact match, and whether a partial match took them. Reused so
    /// that scoring a pair does not allocate unless the claims share terms.
    static SCRATCH: RefCell<Scratch> = const {
        RefCell::new(Scratch {
            words: Vec::new(),
            numbers: Vec::new(),
            used: Vec::new(),
        })
    };
}

struct Scratch {
    words: Vec<u32>,
    numbers: Vec<u32>,
    used: Vec<bool>,
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
        let mut id_of: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
        for terms in claims {
            let mut occurrences: Vec<(u32, bool)> = terms
                .iter()
                .map(|t| {
                    let next = id_of.len() as u32;
                    let id = *id_of.entry(t.key.as_str()).or_insert(next);
                    if id == next {
                        s.terms.push((t.surface.clone(), t.kind));
                        s.keys_of.push(t.key.clone());
                        s.df.push(0);
                    }
                    (id, t.light)
                })
                .collect();
            // Sorted, a term's heavy occurrences come first: it is light when its first is.
            occurrences.sort_unstable();
            occurrences.dedup_by_key(|(id, _)| *id);
            let ids: Vec<u32> = occurrences.iter().map(|&(id, _)| id).collect();
            let light: Vec<u32> = occurrences
                .iter()
                .filter(|&&(_, light)| light)
                .map(|&(id, _)| id)
                .collect();
            for &id in &ids {
                s.df[id as usize] += 1;
            }
            s.docs += 1;
            sets.push(TermSet {
                ids,
                light,
                total: 0.0,
            });
        }
        s.weight = (0..s.terms.len())
            .map(|i| s.weight_of(s.df[i], s.terms[i].1))
            .collect();
        s.id_of = id_of.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        s.keys = s
            .terms
            .iter()
            .zip(&s.keys_of)
            .map(|((surface, kind), key)| {
                let mut prefix = ['\0'; 3];
                for (slot, c) in prefix.iter_mut().zip(surface.chars()) {
                    *slot = c;
                }
                MatchKey {
                    soft: *kind == TermKind::Word && surface.len() >= SOFT_MIN_LEN,
                    prefix,
                    number: match kind {
                        TermKind::Number => key.strip_prefix('#').and_then(|v| v.parse().ok()),
                        _ => None,
                    },
                }
            })
            .collect();
        let light = s.weights.source_weight;
        for set in &mut sets {
            set.total = set
                .ids
                .iter()
                .map(|&t| s.weight(t) * set.factor(t, light))
                .sum();
        }
        (s, sets)
    }

    /// The weight of a term of `kind` found in `df` claims: idf^power × the kind's weight.
    fn weight_of(&self, df: u32, kind: TermKind) -> f64 {
        let docs = (self.docs as f64).max(MIN_IDF_DOCS);
        let idf = ((docs + 1.0) / (df as f64 + 0.5))
            .ln()
            .max(0.05)
            .powf(self.weights.idf_power);
        idf * match kind {
            TermKind::Entity => self.weights.entity_boost,
            TermKind::Number => self.weights.number_weight,
            TermKind::Word => 1.0,
        }
    }

    /// The term set of a text scored against the claims without changing their vocabulary
    /// (a clause of one of them): its terms the claims know, by id; a term none of them has
    /// matches nothing and weighs as the rarest.
    pub fn set_of(&self, terms: &[Term]) -> TermSet {
        let light = self.weights.source_weight;
        let mut unknown = 0.0;
        let mut occurrences: Vec<(u32, bool)> = Vec::new();
        for t in terms {
            match self.id_of.get(&t.key) {
                Some(&id) => occurrences.push((id, t.light)),
                None => {
                    let factor = if t.light { light } else { 1.0 };
                    unknown += self.weight_of(0, t.kind) * factor;
                }
            }
        }
        occurrences.sort_unstable();
        occurrences.dedup_by_key(|(id, _)| *id);
        let mut set = TermSet {
            ids: occurrences.iter().map(|&(id, _)| id).collect(),
            light: occurrences
                .iter()
                .filter(|&&(_, l)| l)
                .map(|&(id, _)| id)
                .collect(),
            total: 0.0,
        };
        set.total = unknown
            + set
                .ids
                .iter()
                .map(|&t| self.weight(t) * set.factor(t, light))
                .sum::<f64>();
        set
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

    /// Similarity of two claims in [0, 1]: twice the weight of the terms they share over
    /// the weight of all their terms. A word of one claim with no exact match may match a
    /// near-identical word of the other (same first three letters, Jaro–Winkler at least
    /// `soft_threshold`) for `soft_credit` × similarity × the lighter of the two weights,
    /// and a number with no match may pair with a close number of the other for
    /// `number_slot_credit` × the lighter weight. Changed numbers are not listed among the
    /// shared terms: they explain nothing shared, and the number rule reports them.
    pub fn score(&self, a: &TermSet, b: &TermSet) -> PairScore {
        let mut shared = Vec::new();
        let score = self.score_into(a, b, Some(&mut shared));
        shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        PairScore { score, shared }
    }

    /// The score alone, without the list of shared terms (nothing allocated).
    pub fn similarity(&self, a: &TermSet, b: &TermSet) -> f64 {
        self.score_into(a, b, None)
    }

    /// The score, with the terms that made it pushed onto `shared` when it is given.
    fn score_into(
        &self,
        a: &TermSet,
        b: &TermSet,
        mut shared: Option<&mut Vec<(u32, f64)>>,
    ) -> f64 {
        let light = self.weights.source_weight;
        let total = a.total + b.total;
        if total == 0.0 {
            return 0.0;
        }
        SCRATCH.with_borrow_mut(|scratch| {
            scratch.words.clear();
            scratch.numbers.clear();
            let mut matched = 0.0;
            // Exact matches: a merge of the two sorted id lists, which also collects the words
            // and numbers of `b` left over and counts those of `a`; partial matching pairs
            // them up after.
            let (mut left_words, mut left_numbers) = (0u32, 0u32);
            let mut j = 0;
            let keep_b = |scratch: &mut Scratch, t: u32| {
                let key = &self.keys[t as usize];
                if key.soft {
                    scratch.words.push(t);
                } else if key.number.is_some() {
                    scratch.numbers.push(t);
                }
            };
            for &ta in &a.ids {
                while j < b.ids.len() && b.ids[j] < ta {
                    keep_b(scratch, b.ids[j]);
                    j += 1;
                }
                if j < b.ids.len() && b.ids[j] == ta {
                    let w = self.weight(ta) * (a.factor(ta, light) + b.factor(ta, light)) / 2.0;
                    matched += 2.0 * w;
                    if let Some(shared) = shared.as_deref_mut() {
                        shared.push((ta, w));
                    }
                    j += 1;
                } else {
                    let key = &self.keys[ta as usize];
                    left_words += u32::from(key.soft);
                    left_numbers += u32::from(key.number.is_some());
                }
            }
            if left_words == 0 && left_numbers == 0 {
                return (matched / total).clamp(0.0, 1.0);
            }
            for &tb in &b.ids[j..] {
                keep_b(scratch, tb);
            }
            if left_words > 0 && !scratch.words.is_empty() {
                matched += 2.0 * self.soft_matches(a, b, scratch, shared);
            }
            if left_numbers > 0 && !scratch.numbers.is_empty() {
                matched += 2.0 * self.number_slots(a, b, scratch);
            }
            (matched / total).clamp(0.0, 1.0)
        })
    }

    /// The unmatched terms of `a`, in order, that satisfy `keep`.
    fn unmatched<'s>(
        a: &'s TermSet,
        b: &'s TermSet,
        keep: impl Fn(u32) -> bool + 's,
    ) -> impl Iterator<Item = u32> + 's {
        let mut k = 0;
        a.ids.iter().copied().filter(move |&ta| {
            if !keep(ta) {
                return false;
            }
            while k < b.ids.len() && b.ids[k] < ta {
                k += 1;
            }
            !(k < b.ids.len() && b.ids[k] == ta)
        })
    }

    /// Near-identical words: each unmatched word of `a` takes the most similar unmatched
    /// word of `b` left. Returns the weight they earn and lists them in `shared`.
    fn soft_matches(
        &self,
        a: &TermSet,
        b: &TermSet,
        scratch: &mut Scratch,
        mut shared: Option<&mut Vec<(u32, f64)>>,
    ) -> f64 {
        let Scratch { words, used, .. } = scratch;
        // Two huge claims (a scraped page with no punctuation) would make this quadratic;
        // their exact overlap says enough.
        if a.ids.len().saturating_mul(words.len()) > SOFT_MAX_WORK {
            return 0.0;
        }
        used.clear();
        used.resize(words.len(), false);
        let mut earned = 0.0;
        for ta in Self::unmatched(a, b, |t| self.keys[t as usize].soft) {
            let prefix = self.keys[ta as usize].prefix;
            let sa = &self.terms[ta as usize].0;
            let mut best: Option<(usize, f64)> = None;
            for (n, &tb) in words.iter().enumerate() {
                if used[n] || self.keys[tb as usize].prefix != prefix {
                    continue;
                }
                let sim = strsim::jaro_winkler(sa, &self.terms[tb as usize].0);
                if sim >= self.weights.soft_threshold && best.is_none_or(|(_, s)| sim > s) {
                    best = Some((n, sim));
                }
            }
            if let Some((n, sim)) = best {
                used[n] = true;
                let w = self.weight(ta).min(self.weight(words[n])) * sim * self.weights.soft_credit;
                earned += w;
                if let Some(shared) = shared.as_deref_mut() {
                    shared.push((ta, w));
                }
            }
        }
        earned
    }

    /// Changed numbers: each unmatched number of `a` pairs with the closest unmatched number
    /// of `b` left, if within [`NUMBER_SLOT_MIN_RATIO`]. Returns the weight they earn.
    fn number_slots(&self, a: &TermSet, b: &TermSet, scratch: &mut Scratch) -> f64 {
        let Scratch { numbers, used, .. } = scratch;
        // Quadratic too: two claims of thousands of figures pair none.
        if a.ids.len().saturating_mul(numbers.len()) > SOFT_MAX_WORK {
            return 0.0;
        }
        used.clear();
        used.resize(numbers.len(), false);
        let mut earned = 0.0;
        for ta in Self::unmatched(a, b, |t| self.keys[t as usize].number.is_some()) {
            let Some(x) = self.keys[ta as usize].number else {
                continue;
            };
            let mut best: Option<(usize, f64)> = None;
            for (n, &tb) in numbers.iter().enumerate() {
                let Some(y) = self.keys[tb as usize].number else {
                    continue;
                };
                // Distinct terms, so never both zero.
                let ratio = if x.signum() == y.signum() {
                    x.abs().min(y.abs()) / x.abs().max(y.abs())
                } else {
                    0.0
                };
                if !used[n] && ratio >= NUMBER_SLOT_MIN_RATIO && best.is_none_or(|(_, r)| ratio > r)
                {
                    best = Some((n, ratio));
                }
            }
            if let Some((n, _)) = best {
                used[n] = true;
                earned +=
                    self.weight(ta).min(self.weight(numbers[n])) * self.weights.number_slot_credit;
            }
        }
        earned
    }

    /// Term `id` as `texts` write it (see [`WrittenForms::of`]).
    pub fn written(&self, id: u32, texts: &WrittenForms) -> String {
        texts.of(self.display(id), &self.keys_of[id as usize])
    }

    /// The top `n` contributing terms, for explanations, written as `texts` (the two claims)
    /// write them.
    pub fn explain(
        &self,
        pair: &PairScore,
        n: usize,
        texts: &WrittenForms,
    ) -> Vec<TermContribution> {
        pair.shared
            .iter()
            .take(n)
            .map(|&(id, w)| TermContribution {
                term: self.written(id, texts),
                weight: crate::output::round3(w),
            })
            .collect()
    }
}

/// A term that made two claims match, and how much it weighed.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct TermContribution {
    pub term: String,
    pub weight: f64,
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
                light: false,
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
    fn two_briefs_of_one_claim_each_that_say_the_same_thing_align() {
        let a = terms(&[
            "moins",
            "personnes",
            "interpellees",
            "samedi",
            "indique",
            "ministere",
        ]);
        let b = terms(&[
            "quarantaine",
            "personnes",
            "interpellees",
            "samedi",
            "indique",
            "ministere",
        ]);
        let (s, sets) = Scorer::build([a.as_slice(), b.as_slice()], ScoreWeights::default());
        let score = s.score(&sets[0], &sets[1]).score;
        assert!(score > 0.6, "{score}");
    }

    #[test]
    fn words_of_an_attribution_weigh_less() {
        // Two claims that share only "…, a précisé la préfecture dans un communiqué".
        let said = |words: &[&str]| {
            let mut t = terms(words);
            for w in ["precise", "prefecture", "landes", "communique"] {
                t.push(Term {
                    key: w.into(),
                    surface: w.into(),
                    kind: TermKind::Word,
                    light: true,
                });
            }
            t
        };
        let (a, b) = (
            said(&[
                "secouristes",
                "mobilises",
                "nuit",
                "recherche",
                "disparus",
                "foret",
            ]),
            said(&[
                "helicopteres",
                "engages",
                "matin",
                "feu",
                "maitrise",
                "route",
            ]),
        );
        let heavy = |t: &[Term]| -> Vec<Term> {
            t.iter()
                .cloned()
                .map(|t| Term { light: false, ..t })
                .collect()
        };
        let (ha, hb) = (heavy(&a), heavy(&b));
        let (s, sets) = Scorer::build(
            [a.as_slice(), b.as_slice(), ha.as_slice(), hb.as_slice()],
            ScoreWeights::default(),
        );
        let light = s.score(&sets[0], &sets[1]).score;
        let full = s.score(&sets[2], &sets[3]).score;
        assert!(light < 0.5 * full, "{light} {full}");
        assert!(
            light < crate::align::AlignOptions::default().threshold,
            "{light}"
        );
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

    #[test]
    fn shared_numbers_weigh_more_than_shared_words() {
        let mut a = terms(&["soldats", "deployes"]);
        a.push(Term {
            key: "#3000".into(),
            surface: "3 000".into(),
            kind: TermKind::Number,
            light: false,
        });
        let mut b = terms(&["soldats", "envoyes"]);
        b.push(a[2].clone());
        let c = terms(&["soldats", "deployes", "hier"]);
        let (s, sets) = Scorer::build(
            [a.as_slice(), b.as_slice(), c.as_slice()],
            ScoreWeights::default(),
        );
        let ab = s.score(&sets[0], &sets[1]);
        assert_eq!(s.display(ab.shared[0].0), "3 000");
        // The scratch buffers of one pair do not leak into the next.
        let ac = s.score(&sets[0], &sets[2]).score;
        assert_eq!(s.score(&sets[0], &sets[1]).score, ab.score);
        assert!(ac > 0.0 && ac < 1.0);
    }

    fn with_number(words: &[&str], value: &str) -> Vec<Term> {
        let mut t = terms(words);
        t.push(Term {
            key: format!("#{value}"),
            surface: value.to_string(),
            kind: TermKind::Number,
            light: false,
        });
        t
    }

    #[test]
    fn a_changed_number_counts_in_part_when_close() {
        let a = with_number(&["morts", "seisme"], "770");
        let close = with_number(&["morts", "seisme"], "643");
        let far = with_number(&["morts", "seisme"], "7700");
        let (s, sets) = Scorer::build(
            [a.as_slice(), close.as_slice(), far.as_slice()],
            ScoreWeights::default(),
        );
        let (c, f) = (s.score(&sets[0], &sets[1]), s.score(&sets[0], &sets[2]));
        assert!(
            c.score > f.score && c.score < 1.0,
            "{} {}",
            c.score,
            f.score
        );
        // Only the words are shared terms.
        assert_eq!(c.shared.len(), 2);
    }
}
