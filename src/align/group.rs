//! Pairs → groups. Greedy agglomeration from the best pair down: two groups merge when they
//! share no article and the merged group holds together on average, so outlets telling the
//! story in another order still align, and a chain of weak links does not.

use chrono::NaiveDate;
use rayon::prelude::*;

use super::candidates::{candidate_pairs, CandidateMode};
use super::score::{PairScore, ScoreWeights, Scorer, TermSet};
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
    /// Two articles that already share `same_event_groups` groups report the same event;
    /// between them, pairs align from this lower score (a second pass, after the first).
    pub same_event_threshold: f64,
    pub same_event_groups: usize,
    /// Two groups merge only if the mean score of all their cross pairs reaches this share of
    /// the threshold: one strong link does not chain two loose groups together.
    pub cohesion: f64,
    /// Two claims grouped apart link at this score or above when each is the other's best
    /// match in its article (see [`Group::link`]).
    pub link_threshold: f64,
    /// The link threshold of two claims that share a name or a figure (an anchor of the
    /// same fact, told in other words).
    pub anchored_link_threshold: f64,
    /// Match claims by meaning too, with the sentence encoder (fetched on first use).
    pub semantic: bool,
    /// Say nothing on stderr (the encoder's first fetch).
    pub quiet: bool,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            threshold: 0.3,
            date_conflict_threshold: 0.55,
            candidates: CandidateMode::Index,
            weights: ScoreWeights::default(),
            same_event_threshold: 0.2,
            same_event_groups: 2,
            // Measured against all-pairs on 300 generated articles: at 0.8 loose chains formed
            // that depend on which pairs are proposed; at 1.2 the index finds 98.8 % of the
            // all-pairs groups exactly.
            cohesion: 1.2,
            // Measured on real reporting of ten events (aligned pairs found / pairs of two
            // facts linked): 0.20 → 43/3, 0.22 → 41/2, 0.25 → 37/1, 0.32 → 33/0; 0.25 with
            // `anchored_link_threshold` 0.20 → 41/1.
            link_threshold: 0.25,
            anchored_link_threshold: ANCHORED_LINK,
            semantic: false,
            quiet: false,
        }
    }
}

/// What alignment needs to know of a claim.
pub struct AlignInput<'a> {
    pub article: usize,
    /// The article's language. Claims align only within one language: the score compares
    /// words, so a French and an English claim share only names and numbers, and rules that
    /// read wording (hedges, negations, quotes) cannot compare them.
    pub lang: crate::lang::LangCode,
    /// The days the article's date can be (a date known to the month spans the month).
    pub article_date: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
    pub features: &'a Features,
    /// What the sentence encoder made of the claim, when semantic matching is on.
    pub embedding: Option<&'a crate::semantic::Vector>,
}

/// Articles further apart than this report different events: their claims align only as
/// strongly as claims whose dates disagree.
pub const EVENT_DAYS: i64 = 14;

/// Claims that cannot be about the same moment: explicit dates that disagree, or articles
/// weeks apart.
fn conflict(a: &AlignInput, b: &AlignInput) -> bool {
    weeks_apart(a, b) || dates_conflict(a.features, b.features)
}

/// The articles of two claims are further apart than one event lasts.
pub(super) fn weeks_apart(a: &AlignInput, b: &AlignInput) -> bool {
    let (Some((a0, a1)), Some((b0, b1))) = (a.article_date, b.article_date) else {
        return false;
    };
    let gap = if a1 < b0 {
        (b0 - a1).num_days()
    } else if b1 < a0 {
        (a0 - b1).num_days()
    } else {
        0
    };
    gap > EVENT_DAYS
}

#[derive(Debug, Clone)]
pub struct ScoredPair {
    pub a: usize,
    pub b: usize,
    pub score: PairScore,
    /// Aligned below the threshold because the two articles share this many other groups.
    pub same_event: Option<usize>,
    /// The score of the words alone.
    pub words: f64,
    /// The cosine of the two claims' meanings, when the sentence encoder ran.
    pub semantic: Option<f64>,
    /// The clause of each claim the pair rests on (bytes of its text), when a clause of a
    /// sentence that states several facts aligned rather than the whole claim
    /// ([`super::clauses`]).
    pub clauses: [Option<crate::source::Span>; 2],
}

/// Claims (by index) that state the same thing, and the pairs that tie them.
#[derive(Debug, Clone)]
pub struct Group {
    pub members: Vec<usize>,
    pub pairs: Vec<ScoredPair>,
    /// Two claims that state the same fact though each is grouped elsewhere (or was left
    /// alone): the groups keep one claim per article and hold together as a whole, while
    /// outlets merge and split sentences. A link lets the rules compare the two all the same.
    pub link: bool,
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
}

/// Groups being built: union of groups, one claim per article, average cohesion checked.
struct Merger {
    group_of: Vec<usize>,
    members: Vec<Vec<usize>>,
    /// The articles of each group, sorted: one claim per article is checked without search.
    articles: Vec<Vec<usize>>,
    links: Vec<Vec<ScoredPair>>,
    /// Each claim's terms as a number: claims with the same terms (an article given twice,
    /// wire copy) score alike against every other, so scores are known by these.
    terms_of: Vec<u32>,
    /// Scores already known, by pair of `terms_of` (a fast hash: millions of lookups on big
    /// runs). The same article given a thousand times holds a few entries, not millions.
    known: rustc_hash::FxHashMap<(u32, u32), f32>,
    /// Merge attempts that failed: (groups, their sizes, date bridge, threshold).
    failed: rustc_hash::FxHashSet<(u32, u32, u32, u32, bool, u64)>,
}

/// Do two sorted lists share an element?
pub(crate) fn intersect(a: &[usize], b: &[usize]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    false
}

impl Merger {
    fn new(claims: &[AlignInput], pairs: &[ScoredPair], text_of: &[usize]) -> Merger {
        let n = claims.len();
        // Claims share known scores when they are copies of one text ([`same_texts`]) in
        // articles of one date (which decides whether meaning counts).
        let mut distinct: rustc_hash::FxHashMap<(usize, Option<(NaiveDate, NaiveDate)>), u32> =
            Default::default();
        let terms_of: Vec<u32> = text_of
            .iter()
            .zip(claims)
            .map(|(&t, c)| {
                let next = distinct.len() as u32;
                *distinct.entry((t, c.article_date)).or_insert(next)
            })
            .collect();
        let key = |a: usize, b: usize| {
            let (x, y) = (terms_of[a], terms_of[b]);
            (x.min(y), x.max(y))
        };
        let known = pairs
            .iter()
            .map(|p| (key(p.a, p.b), p.score.score as f32))
            .collect();
        Merger {
            group_of: (0..n).collect(),
            members: (0..n).map(|i| vec![i]).collect(),
            articles: claims.iter().map(|c| vec![c.article]).collect(),
            links: vec![Vec::new(); n],
            known,
            terms_of,
            failed: Default::default(),
        }
    }

    /// The groups of each article, in increasing order, as they stand: two articles share
    /// the groups their lists share. (Not a count per pair of articles: the same article
    /// given a thousand times would make that a million pairs per group.)
    fn groups_of_articles(&self, claims: &[AlignInput]) -> Vec<Vec<usize>> {
        let articles = claims.iter().map(|c| c.article + 1).max().unwrap_or(0);
        let mut groups_of: Vec<Vec<usize>> = vec![Vec::new(); articles];
        for (g, arts) in self.articles.iter().enumerate() {
            if arts.len() > 1 {
                for &x in arts {
                    groups_of[x].push(g);
                }
            }
        }
        groups_of
    }

    /// Group `g` already holds a date conflict with claim `y`: one of its members names the
    /// same day as `y`, so a member of `g` that conflicts with `y` was grouped across it.
    fn spans_conflict(&self, g: usize, y: usize, claims: &[AlignInput]) -> bool {
        self.members[g].iter().any(|&z| {
            !weeks_apart(&claims[z], &claims[y])
                && dates_match(claims[z].features, claims[y].features)
        })
    }

    /// Join the groups of `pair` if they share no article and hold together on average
    /// (mean score at least `cohesion` × `threshold`, no weak cross pair whose dates conflict
    /// unless `pair` itself aligns across a date conflict).
    fn try_merge(
        &mut self,
        pair: ScoredPair,
        threshold: f64,
        claims: &[AlignInput],
        sim: &Similarity,
        options: &AlignOptions,
    ) {
        let (ga, gb) = (self.group_of[pair.a], self.group_of[pair.b]);
        if ga == gb {
            return;
        }
        if intersect(&self.articles[ga], &self.articles[gb]) {
            return;
        }
        // A pair that aligns across a date conflict of its own (same event, one outlet says
        // Tuesday, another Wednesday) carries its claims' groups across that conflict too:
        // the other cross pairs differ by the same date, and the date rule reports it. So
        // does a group that already holds that conflict (`spans_conflict`). Otherwise, and
        // always for articles weeks apart, a weaker cross pair whose dates disagree keeps
        // the groups apart.
        let bridges_dates = pair.score.score >= options.date_conflict_threshold
            && !weeks_apart(&claims[pair.a], &claims[pair.b])
            && dates_conflict(claims[pair.a].features, claims[pair.b].features);
        // Two large groups (copies of a wire story) are proposed again by each pair of their
        // members: an attempt that failed fails again until one of the groups grows.
        let attempt = (
            ga.min(gb) as u32,
            ga.max(gb) as u32,
            self.members[ga.min(gb)].len() as u32,
            self.members[ga.max(gb)].len() as u32,
            bridges_dates,
            threshold.to_bits(),
        );
        if self.failed.contains(&attempt) {
            return;
        }
        // Mean score across the two groups; pairs never proposed are scored now.
        let mut sum = 0.0;
        let mut count = 0;
        // Whether a group spans the conflict with a claim of the other, asked at most once
        // per claim.
        let (mut a_spans, mut b_spans) = (
            vec![None; self.members[gb].len()],
            vec![None; self.members[ga].len()],
        );
        for (i, &x) in self.members[ga].iter().enumerate() {
            for (j, &y) in self.members[gb].iter().enumerate() {
                let (tx, ty) = (self.terms_of[x], self.terms_of[y]);
                let s = *self
                    .known
                    .entry((tx.min(ty), tx.max(ty)))
                    .or_insert_with(|| sim.of(x, y) as f32) as f64;
                let mut keeps_apart = || {
                    weeks_apart(&claims[x], &claims[y])
                        || (dates_conflict(claims[x].features, claims[y].features)
                            && !bridges_dates
                            && !*a_spans[j]
                                .get_or_insert_with(|| self.spans_conflict(ga, y, claims))
                            && !*b_spans[i]
                                .get_or_insert_with(|| self.spans_conflict(gb, x, claims)))
                };
                if s < options.date_conflict_threshold && keeps_apart() {
                    self.failed.insert(attempt);
                    return;
                }
                sum += s;
                count += 1;
            }
        }
        // Two single claims: their own score decided. Groups: the mean of all cross pairs.
        if count > 1 && sum / (count as f64) < threshold * options.cohesion {
            self.failed.insert(attempt);
            return;
        }
        let (keep, gone) = if self.members[ga].len() >= self.members[gb].len() {
            (ga, gb)
        } else {
            (gb, ga)
        };
        let moved = std::mem::take(&mut self.members[gone]);
        for &c in &moved {
            self.group_of[c] = keep;
        }
        self.members[keep].extend(moved);
        let gone_articles = std::mem::take(&mut self.articles[gone]);
        self.articles[keep].extend(gone_articles);
        self.articles[keep].sort_unstable();
        let moved_links = std::mem::take(&mut self.links[gone]);
        self.links[keep].extend(moved_links);
        self.links[keep].push(pair);
    }
}

// Called for many pairs: iterators, no allocation; the lists are a few dates long.
fn full_dates(f: &Features) -> impl Iterator<Item = crate::extract::dates::PartialDate> + '_ {
    f.dates
        .iter()
        .filter_map(|d| d.date.filter(|p| p.day.is_some()))
}

/// Weekdays named ("Tuesday", "Tuesday, March 4") or of dates known to the day.
fn weekdays(f: &Features) -> impl Iterator<Item = u32> + '_ {
    f.dates.iter().filter_map(|d| d.weekday)
}

/// Some element is on both sides.
fn share<I: Iterator<Item = T>, T: PartialEq>(a: impl Fn() -> I, b: impl Fn() -> I) -> bool {
    a().any(|x| b().any(|y| y == x))
}

/// Both sides name some, and none is on both sides.
fn disjoint<I: Iterator<Item = T>, T: PartialEq>(a: impl Fn() -> I, b: impl Fn() -> I) -> bool {
    a().next().is_some() && b().next().is_some() && !share(a, b)
}

/// Years written out in the claim ("la mi-2013", "in 2017"), not completed from the
/// article's date.
fn written_years(f: &Features) -> impl Iterator<Item = i32> + '_ {
    f.dates.iter().filter_map(|d| {
        d.date
            .and_then(|p| p.year)
            .filter(|y| d.text.contains(&y.to_string()))
    })
}

/// Explicit dates, weekdays or written years that cannot be the same day: a peak in 2013
/// and a rate in 2017 are two facts, however alike their words.
pub(super) fn dates_conflict(a: &Features, b: &Features) -> bool {
    disjoint(|| full_dates(a), || full_dates(b))
        || disjoint(|| weekdays(a), || weekdays(b))
        || disjoint(|| written_years(a), || written_years(b))
}

/// Two claims name the same day (a full date or a weekday) and no other that conflicts.
fn dates_match(a: &Features, b: &Features) -> bool {
    (share(|| full_dates(a), || full_dates(b)) || share(|| weekdays(a), || weekdays(b)))
        && !dates_conflict(a, b)
}

const ANCHORED_LINK: f64 = 0.20;

/// Two claims name one person or body, or give one figure (above ten, so that "two" or
/// "three" of anything does not count). A source ("selon le ministère") says who speaks,
/// not what happened: two figures of one ministry are two facts.
fn anchored(fa: &Features, fb: &Features) -> bool {
    let (na, nb) = (told_names(fa), told_names(fb));
    let name = na.iter().any(|x| nb.contains(x));
    let figure = fa.numbers.iter().any(|x| {
        x.value > 10.0
            && fb
                .numbers
                .iter()
                .any(|y| (x.value - y.value).abs() < 1e-9 && x.unit == y.unit)
    });
    name || figure
}

/// The names a claim tells of, its sources aside.
fn told_names(f: &Features) -> Vec<&str> {
    f.entities
        .iter()
        .filter(|e| !f.attributions.iter().any(|s| s.span.contains(e.span.start)))
        .map(|e| e.key.as_str())
        .collect()
}

/// Pairs of claims in different groups (or in none) where one is the other's best match in
/// its article: the same fact, though the groups could not hold both (one outlet's sentence
/// is two sentences of another).
fn cross_links(
    claims: &[AlignInput],
    group_of: &[usize],
    pairs: Vec<ScoredPair>,
) -> Vec<ScoredPair> {
    // Each clause of a claim has its own best match: the claim states that many facts.
    type Unit = (usize, Option<usize>);
    let mut best: rustc_hash::FxHashMap<(Unit, usize), (f64, usize)> = Default::default();
    let unit = |p: &ScoredPair, side: usize| {
        let (x, clause) = if side == 0 {
            (p.a, p.clauses[0])
        } else {
            (p.b, p.clauses[1])
        };
        (x, clause.map(|s| s.start))
    };
    for p in &pairs {
        for (side, y) in [(0, p.b), (1, p.a)] {
            let e = best
                .entry((unit(p, side), claims[y].article))
                .or_insert((f64::MIN, y));
            if p.score.score > e.0 {
                *e = (p.score.score, y);
            }
        }
    }
    let best_of = |p: &ScoredPair, side: usize, y: usize| {
        best.get(&(unit(p, side), claims[y].article)).map(|e| e.1) == Some(y)
    };
    let mut links: Vec<ScoredPair> = pairs
        .into_iter()
        .filter(|p| group_of[p.a] != group_of[p.b] && (best_of(p, 0, p.b) || best_of(p, 1, p.a)))
        .collect();
    // A pair linked whole and by a clause too is linked once, whole: the clause two
    // sentences share best is often the one they repeat word for word, not where they differ.
    links.sort_by_key(|p| (p.a, p.b, p.clauses.iter().any(Option::is_some)));
    links.dedup_by_key(|p| (p.a, p.b));
    links
}

/// How alike two claims are: the words they share ([`Scorer`]) and, when the sentence
/// encoder ran, what they mean. The two are blended on the scale of the word score, so that
/// one threshold serves both ways of running.
struct Similarity<'a> {
    scorer: &'a Scorer,
    sets: &'a [TermSet],
    claims: &'a [AlignInput<'a>],
    /// For each claim, the first claim that is a copy of its text ([`same_texts`]).
    text_of: Vec<usize>,
}

/// The blend of word score and cosine: `LEXICAL` × words + `SEMANTIC` × cosine − `OFFSET`.
/// Fitted on real reporting of ten events (the pairs a fact-checker would set side by side
/// against all other pairs): at the rate of unrelated pairs that the word score lets
/// through at its threshold, the blend lets through more of the pairs that belong together.
const LEXICAL: f64 = 0.65;
const SEMANTIC: f64 = 0.65;
const OFFSET: f64 = 0.269;

/// The blend alone: what links rest on.
pub(super) fn blend(words: f64, cos: f64) -> f64 {
    (LEXICAL * words + SEMANTIC * cos - OFFSET).clamp(0.0, 1.0)
}

/// A pair's score from its parts: the blend, never below the words' score (meaning adds to
/// the words, it never takes away a pair the words align).
pub(super) fn combined(words: f64, cos: Option<f64>) -> f64 {
    cos.map_or(words, |c| blend(words, c).max(words))
}

impl Similarity<'_> {
    /// The words' score and the cosine of a pair, each computed once.
    fn parts(&self, a: usize, b: usize) -> (f64, Option<f64>) {
        (
            self.scorer.similarity(&self.sets[a], &self.sets[b]),
            self.cosine(a, b),
        )
    }

    /// The parts of every pair of `pairs`, each pair of distinct texts ([`same_texts`])
    /// scored once. Only whether two articles are weeks apart is asked per pair.
    fn parts_once(
        &self,
        pairs: &[(usize, usize)],
    ) -> impl Fn(usize, usize) -> (f64, Option<f64>) + Sync + '_ {
        let text = &self.text_of;
        let key = move |a: usize, b: usize| {
            let (x, y) = (text[a], text[b]);
            (x.min(y), x.max(y))
        };
        let mut distinct: Vec<(usize, usize)> = pairs.iter().map(|&(a, b)| key(a, b)).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let known: rustc_hash::FxHashMap<(usize, usize), (f64, Option<f64>)> = distinct
            .par_iter()
            .map(|&(x, y)| {
                let words = self.scorer.similarity(&self.sets[x], &self.sets[y]);
                let cos = self.claims[x].embedding.zip(self.claims[y].embedding);
                let cos = cos.map(|(u, v)| f64::from(crate::semantic::cosine(u, v)));
                ((x, y), (words, cos))
            })
            .collect();
        move |a, b| {
            let (words, cos) = known[&key(a, b)];
            let apart = weeks_apart(&self.claims[a], &self.claims[b]);
            (words, cos.filter(|_| !apart))
        }
    }

    fn of(&self, a: usize, b: usize) -> f64 {
        let (words, cos) = self.parts(a, b);
        combined(words, cos)
    }

    /// The cosine of two claims' meanings; none for articles weeks apart, where two reports
    /// of like events (two calls between the same presidents) mean alike.
    fn cosine(&self, a: usize, b: usize) -> Option<f64> {
        if weeks_apart(&self.claims[a], &self.claims[b]) {
            return None;
        }
        let (x, y) = (self.claims[a].embedding?, self.claims[b].embedding?);
        Some(f64::from(crate::semantic::cosine(x, y)))
    }
}

/// Claims whose words share too little for the index but whose meanings may match: every
/// pair of two articles of one language, where claims are few; else the pairs of articles
/// that the index already links (one event), so that the cost follows the events' sizes.
/// Copies of one text (wire copy, an article given twice) are compared once and share their
/// candidates, and each text keeps its [`SEMANTIC_PER_CLAIM`] nearest: the pairs grow with
/// the claims, not with their square.
fn semantic_candidates(
    claims: &[AlignInput],
    text_of: &[usize],
    indexed: &[(usize, usize)],
    may_pair: impl Fn(usize, usize) -> bool + Sync,
) -> Vec<(usize, usize)> {
    /// Below this many distinct texts, every pair is cheap: 4,000 make 8 million cosines.
    const ALL_PAIRS_UP_TO: usize = 4000;
    let Some(vectors) = claims
        .iter()
        .map(|c| c.embedding)
        .collect::<Option<Vec<&crate::semantic::Vector>>>()
    else {
        return Vec::new();
    };
    let copies = copy_lists(text_of);
    let linked: rustc_hash::FxHashSet<(usize, usize)> = indexed
        .iter()
        .map(|&(a, b)| {
            let (x, y) = (claims[a].article, claims[b].article);
            (x.min(y), x.max(y))
        })
        .collect();
    let articles_meet = |i: usize, j: usize| {
        let (x, y) = (claims[i].article, claims[j].article);
        copies.len() <= ALL_PAIRS_UP_TO || linked.contains(&(x.min(y), x.max(y)))
    };
    let mut out: Vec<(usize, usize)> = copies
        .par_iter()
        .flat_map_iter(|same| {
            let i = same[0];
            let mut near: Vec<(f32, usize)> = copies
                .iter()
                .map(|other| other[0])
                .filter(|&j| j != i && may_pair(i, j) && articles_meet(i, j))
                .map(|j| (crate::semantic::cosine(vectors[i], vectors[j]), j))
                .filter(|&(c, _)| f64::from(c) * SEMANTIC > OFFSET)
                .collect();
            if near.len() > SEMANTIC_PER_CLAIM {
                near.select_nth_unstable_by(SEMANTIC_PER_CLAIM, |a, b| b.0.total_cmp(&a.0));
                near.truncate(SEMANTIC_PER_CLAIM);
            }
            let may_pair = &may_pair;
            near.into_iter().flat_map(move |(_, j)| {
                same.iter()
                    .filter(move |&&c| c != j && may_pair(c, j))
                    .map(move |&c| (c.min(j), c.max(j)))
            })
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Nearest texts by meaning that each text keeps as candidates.
const SEMANTIC_PER_CLAIM: usize = 48;

/// For each claim, the first claim with the same words and the same meaning: copies of one
/// text (wire copy carried word for word, one article given many times) are scored once and
/// share what is known of them.
fn same_texts(claims: &[AlignInput], sets: &[TermSet]) -> Vec<usize> {
    type Text<'s> = (&'s [u32], &'s [u32], Vec<u32>);
    let mut first_of: rustc_hash::FxHashMap<Text, usize> = Default::default();
    (0..claims.len())
        .map(|i| {
            let meaning = claims[i]
                .embedding
                .map(|v| v.iter().map(|x| x.to_bits()).collect())
                .unwrap_or_default();
            *first_of
                .entry((&sets[i].ids, &sets[i].light, meaning))
                .or_insert(i)
        })
        .collect()
}

/// The claims of each text, its first claim first.
fn copy_lists(text_of: &[usize]) -> Vec<Vec<usize>> {
    let mut lists: Vec<Vec<usize>> = Vec::new();
    let mut list_of: rustc_hash::FxHashMap<usize, usize> = Default::default();
    for (i, &t) in text_of.iter().enumerate() {
        let next = lists.len();
        let l = *list_of.entry(t).or_insert(next);
        if l == next {
            lists.push(Vec::new());
        }
        lists[l].push(i);
    }
    lists
}

pub fn align(claims: &[AlignInput], options: &AlignOptions) -> Alignment {
    align_linking(claims, options, |_, _, _| Vec::new())
}

/// [`align`], where `more_links` proposes links besides those of whole claims (the clauses
/// of [`super::clauses`]), given the scorer, the claims' term sets and the candidate pairs.
pub(super) fn align_linking(
    claims: &[AlignInput],
    options: &AlignOptions,
    more_links: impl FnOnce(&Scorer, &[TermSet], &[(usize, usize)]) -> Vec<ScoredPair>,
) -> Alignment {
    let (scorer, sets) = Scorer::build(
        claims.iter().map(|c| c.features.terms.as_slice()),
        options.weights,
    );
    let sim = Similarity {
        scorer: &scorer,
        sets: &sets,
        claims,
        text_of: same_texts(claims, &sets),
    };
    let (pairs, candidates) = scored_pairs(&sim, options);
    // Every scored pair is known to the merger: the second pass needs no scoring again.
    let mut merger = Merger::new(claims, &pairs, &sim.text_of);
    // Links rest on meaning: by words alone, pairs below the threshold are too often two
    // facts told in the same words (`--semantic off` keeps the groups it always made).
    let mut linkable: Vec<ScoredPair> = pairs
        .iter()
        .filter(|p| {
            let bar = if anchored(claims[p.a].features, claims[p.b].features) {
                options.anchored_link_threshold
            } else {
                options.link_threshold
            };
            p.semantic.is_some_and(|c| blend(p.words, c) >= bar)
        })
        .cloned()
        .collect();
    linkable.extend(more_links(&scorer, &sets, &candidates));
    let (first, below): (Vec<ScoredPair>, Vec<ScoredPair>) = pairs
        .into_iter()
        .partition(|p| p.score.score >= options.threshold);
    for pair in first {
        merger.try_merge(pair, options.threshold, claims, &sim, options);
    }
    second_pass(&mut merger, below, &sim, options);
    let (groups, singles) = into_groups(merger, linkable, &sim);
    Alignment {
        scorer,
        sets,
        groups,
        singles,
    }
}

/// The candidate pairs worth keeping, scored, best first; and the candidates (in
/// `--candidates all-pairs`, the pairs kept), which the clauses of claims are compared by.
fn scored_pairs(
    sim: &Similarity,
    options: &AlignOptions,
) -> (Vec<ScoredPair>, Vec<(usize, usize)>) {
    let claims = sim.claims;
    // Claims of one article never align, nor claims in two languages.
    let source: Vec<(usize, crate::lang::LangCode)> =
        claims.iter().map(|c| (c.article, c.lang)).collect();
    let may_pair = |i: usize, j: usize| source[i].0 != source[j].0 && source[i].1 == source[j].1;
    let floor = options.threshold.min(options.same_event_threshold);
    let score_with = |a: usize, b: usize, (words, cos): (f64, Option<f64>)| {
        // Millions of pairs may be scored on a big corpus: the explanation is made only for
        // the few that end up holding a group together.
        let score = PairScore {
            score: combined(words, cos),
            shared: Vec::new(),
        };
        if score.score < floor {
            return None;
        }
        if score.score < options.date_conflict_threshold && conflict(&claims[a], &claims[b]) {
            return None;
        }
        Some(ScoredPair {
            a,
            b,
            score,
            same_event: None,
            words,
            semantic: cos,
            clauses: [None, None],
        })
    };
    let score_pair = |a: usize, b: usize| score_with(a, b, sim.parts(a, b));
    let n = claims.len();
    let mut listed = Vec::new();
    let mut pairs: Vec<ScoredPair> = match options.candidates {
        CandidateMode::Index => {
            let mut candidates = candidate_pairs(sim.scorer, sim.sets, may_pair);
            candidates.extend(semantic_candidates(
                claims,
                &sim.text_of,
                &candidates,
                may_pair,
            ));
            candidates.sort_unstable();
            candidates.dedup();
            let parts = sim.parts_once(&candidates);
            let scored = candidates
                .par_iter()
                .filter_map(|&(a, b)| score_with(a, b, parts(a, b)))
                .collect();
            listed = candidates;
            scored
        }
        CandidateMode::AllPairs => (0..n)
            .into_par_iter()
            .flat_map_iter(|i| {
                let may_pair = &may_pair;
                let score_pair = &score_pair;
                (i + 1..n)
                    .filter(move |&j| may_pair(i, j))
                    .filter_map(move |j| score_pair(i, j))
            })
            .collect(),
    };
    pairs.sort_by(|x, y| {
        y.score
            .score
            .total_cmp(&x.score.score)
            .then((x.a, x.b).cmp(&(y.a, y.b)))
    });
    if options.candidates == CandidateMode::AllPairs {
        listed = pairs.iter().map(|p| (p.a, p.b)).collect();
    }
    (pairs, listed)
}

/// Second pass: articles that already share groups report one event; between them a weaker
/// pair is still the same claim (ledes worded differently, for instance). By words only:
/// within one event every claim means something alike, and a weak pair that meaning alone
/// carries is most often two facts of that event.
fn second_pass(
    merger: &mut Merger,
    below: Vec<ScoredPair>,
    sim: &Similarity,
    options: &AlignOptions,
) {
    let claims = sim.claims;
    let groups_of = merger.groups_of_articles(claims);
    for mut pair in below {
        let (x, y) = (claims[pair.a].article, claims[pair.b].article);
        let count = super::equivalence::shared_count(&groups_of[x], &groups_of[y]);
        if count >= options.same_event_groups && pair.words >= options.same_event_threshold {
            pair.same_event = Some(count);
            merger.try_merge(pair, options.same_event_threshold, claims, sim, options);
        }
    }
}

/// The merged groups (with the terms that tie each pair), the links between claims grouped
/// apart, and the claims left alone.
fn into_groups(
    merger: Merger,
    linkable: Vec<ScoredPair>,
    sim: &Similarity,
) -> (Vec<Group>, Vec<usize>) {
    let Merger {
        mut members,
        mut links,
        group_of,
        ..
    } = merger;
    let explained = |mut p: ScoredPair| {
        p.score.shared = sim.scorer.score(&sim.sets[p.a], &sim.sets[p.b]).shared;
        p
    };
    let mut groups = Vec::new();
    let mut singles = Vec::new();
    for g in 0..members.len() {
        let mut m = std::mem::take(&mut members[g]);
        m.sort_unstable();
        match m.len() {
            0 => {}
            1 => singles.push(m[0]),
            _ => {
                let mut pairs: Vec<ScoredPair> = std::mem::take(&mut links[g])
                    .into_iter()
                    .map(explained)
                    .collect();
                pairs.sort_by_key(|p| (p.a, p.b));
                groups.push(Group {
                    members: m,
                    pairs,
                    link: false,
                });
            }
        }
    }
    let cross = cross_links(sim.claims, &group_of, linkable);
    let linked: rustc_hash::FxHashSet<usize> = cross.iter().flat_map(|p| [p.a, p.b]).collect();
    singles.retain(|s| !linked.contains(s));
    groups.extend(cross.into_iter().map(|p| Group {
        members: vec![p.a, p.b],
        pairs: vec![explained(p)],
        link: true,
    }));
    groups.sort_by_key(|g| (g.members[0], g.link));
    singles.sort_unstable();
    (groups, singles)
}
