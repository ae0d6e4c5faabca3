//! Language data: everything claimdiff knows about French and English, loaded from the YAML
//! files under `rules/lang/`. Code asks a [`Lang`] questions; it never lists words itself.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use regex::Regex;
use serde::Deserialize;

use crate::error::{Error, Result};

/// Languages claimdiff knows. Extend by adding a file under `rules/lang/` and a variant here.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    serde::Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum LangCode {
    Fr,
    En,
}

impl LangCode {
    pub fn as_str(self) -> &'static str {
        match self {
            LangCode::Fr => "fr",
            LangCode::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<LangCode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Some(LangCode::Fr),
            "en" | "eng" | "english" | "anglais" => Some(LangCode::En),
            _ => None,
        }
    }

    pub const ALL: [LangCode; 2] = [LangCode::Fr, LangCode::En];
}

impl std::fmt::Display for LangCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuotePair {
    open: String,
    close: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelativePeriod {
    pattern: String,
    days: i64,
}

/// Numbers given as estimates or bounds: "environ 110", "une trentaine".
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ApproximationData {
    /// Words before the number ("environ", "more than").
    #[serde(default)]
    before: Vec<String>,
    /// Number words that are estimates themselves ("trentaine", "dozens").
    #[serde(default)]
    words: Vec<String>,
    /// Words before the number that make it a lower bound ("au moins", "more than").
    #[serde(default)]
    at_least: Vec<String>,
    /// Words before the number that make it an upper bound ("jusqu'à", "up to").
    #[serde(default)]
    at_most: Vec<String>,
    /// Plural number words said alone, with the least they mean ("dozens": 24).
    #[serde(default)]
    several: HashMap<String, f64>,
    /// Plural number words before a plural scale ("des dizaines de milliers"), with what
    /// they stay under (100), as `several` gives the least (20).
    #[serde(default)]
    several_below: HashMap<String, f64>,
    /// Letters glued to an amount after a currency sign ("$5m", "£2k").
    #[serde(default)]
    currency_scales: HashMap<String, f64>,
}

/// When a weak number word ("un", "one") counts: "un seul", "one leader", not "one of".
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct WeakCountData {
    #[serde(default)]
    phrases: Vec<String>,
    #[serde(default)]
    before_nouns: Vec<String>,
    #[serde(default)]
    idioms: Vec<String>,
}

/// How clock times are written: "7h40", "9:15 a.m.".
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClockData {
    /// Words between hours and minutes, or after the hour alone ("7h40", "7 h", "7h").
    #[serde(default)]
    hour_marks: Vec<String>,
    #[serde(default)]
    am: Vec<String>,
    #[serde(default)]
    pm: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct HedgeData {
    words: Vec<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    exceptions: Vec<String>,
    #[serde(default)]
    reported: ReportedData,
}

/// The future of the past: a conditional in a clause reported after a reporting verb in a
/// past tense ("il a annoncé qu'il se rendrait").
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportedData {
    /// Words that open the reported clause ("que").
    #[serde(default)]
    openers: Vec<String>,
    /// Auxiliaries of a past tense before a reporting verb's participle ("a", "avait").
    #[serde(default)]
    auxiliaries: Vec<String>,
    /// Participles of reporting verbs besides `attribution.verbs` ("promis").
    #[serde(default)]
    participles: Vec<String>,
    /// Reporting verbs in a past tense of one word ("annonçait", "déclara").
    #[serde(default)]
    past_forms: Vec<String>,
}

/// How a passive reporting verb is written (`attribution.passive_auxiliaries`, `reflexives`,
/// `agents`): folded words.
#[derive(Debug, Default)]
pub struct PassiveForms {
    pub auxiliaries: HashSet<String>,
    pub reflexives: HashSet<String>,
    pub agents: HashSet<String>,
    pub reflexive_not_reporting: HashSet<String>,
}

/// The future of the past, as [`Lang::hedge_reported`] reads it: folded words.
#[derive(Debug, Default)]
pub struct ReportedClause {
    pub openers: HashSet<String>,
    pub auxiliaries: HashSet<String>,
    pub participles: HashSet<String>,
    pub past_forms: HashSet<String>,
}

/// Words that open a line dating the article, before its date: "Publié le", "Updated:".
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PublicationData {
    #[serde(default)]
    published: Vec<String>,
    #[serde(default)]
    updated: Vec<String>,
}

/// What makes a claim speak of the future, so that a weekday it names is the next one.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FutureData {
    /// Regular expressions over the claim: "will", "is due to", "doit se rendre".
    #[serde(default)]
    phrases: Vec<String>,
    /// Regular expressions that each describe one whole word: the French futur simple.
    #[serde(default)]
    word_patterns: Vec<String>,
    /// Words that `word_patterns` catch and that are no verb ("environs").
    #[serde(default)]
    exceptions: Vec<String>,
}

/// The order of day and month in a date written in figures ("11/03/2025").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NumericDateOrder {
    /// Day, month, year: "11/03/2025" is 11 March.
    Dmy,
    /// Month, day, year: "03/11/2025" is March 11.
    Mdy,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NegationData {
    patterns: Vec<String>,
    #[serde(default)]
    not_negations: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttributionData {
    auxiliaries: Vec<String>,
    inverted_pronouns: Vec<String>,
    source_stops: Vec<String>,
    before_source: Vec<String>,
    verbs: Vec<String>,
    /// Words after which a verb form is a noun: "un effet d'annonce", "une note".
    #[serde(default)]
    not_after: Vec<String>,
    /// Forms of "be" that make a reporting verb passive: "no injuries were reported" names
    /// no source, unless an agent follows ("was reported by Reuters").
    #[serde(default)]
    passive_auxiliaries: Vec<String>,
    /// Reflexive pronouns before such a form that keep the subject a speaker: "Trump s'est
    /// dit prêt".
    #[serde(default)]
    reflexives: Vec<String>,
    /// Words that introduce the agent of a passive: "by", "par".
    #[serde(default)]
    agents: Vec<String>,
    /// Adverbs and connectors between a subject and its reporting verb ("a toutefois estimé",
    /// "has also said"): never a source.
    #[serde(default)]
    inserts: Vec<String>,
    /// Phrases between "selon" and the source they carry: "selon les données du ministère"
    /// is sourced to the ministry, not to "les données".
    #[serde(default)]
    carriers: Vec<String>,
    /// Reporting verbs that report nothing after a reflexive: "le feu s'est déclaré".
    #[serde(default)]
    reflexive_not_reporting: Vec<String>,
    /// Words that open a complement between an inverted verb and its source: "a écrit sur X
    /// le maire", "a confié à l'AFP le ministre".
    #[serde(default)]
    complements: Vec<String>,
    /// Words that open a source after such a complement ("le", "un"), or a title in
    /// apposition ("Jane Doe, the minister, said").
    #[serde(default)]
    source_openers: Vec<String>,
}

/// The YAML file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LangFile {
    code: LangCode,
    #[allow(dead_code)]
    name: String,
    stemmer: String,
    abbreviations: Vec<String>,
    abbreviations_final: Vec<String>,
    sentence_starters: Vec<String>,
    stopwords: Vec<String>,
    elisions: Vec<String>,
    /// Endings of plural nouns ("s", "x"): "2000 manifestants" is a count, not a year.
    #[serde(default)]
    plural_endings: Vec<String>,
    quotes: Vec<QuotePair>,
    months: HashMap<String, u32>,
    weekdays: HashMap<String, u32>,
    relative_days: HashMap<String, i64>,
    weekday_past: Vec<String>,
    weekday_next: Vec<String>,
    #[serde(default)]
    future: FutureData,
    month_prefixes: Vec<String>,
    month_before_day: bool,
    months_capitalised: bool,
    #[serde(default)]
    numeric_date_order: Option<NumericDateOrder>,
    year_prefixes: Vec<String>,
    relative_periods: Vec<RelativePeriod>,
    number_words: HashMap<String, f64>,
    /// Ordinals written as words ("third", "troisième"), with their rank.
    #[serde(default)]
    ordinal_words: HashMap<String, f64>,
    multipliers: Vec<String>,
    weak_number_words: Vec<String>,
    #[serde(default)]
    weak_counts: WeakCountData,
    #[serde(default)]
    clock: ClockData,
    #[serde(default)]
    unit_links: Vec<String>,
    #[serde(default)]
    approximations: ApproximationData,
    ordinal_suffixes: Vec<String>,
    units: HashMap<String, String>,
    decimal_separator: String,
    hedges: HedgeData,
    negations: NegationData,
    attribution: AttributionData,
    boilerplate: Vec<String>,
    signoffs: Vec<String>,
    bylines: Vec<String>,
    captions: Vec<String>,
    datelines: Vec<String>,
    #[serde(default)]
    dateline_agencies: Vec<String>,
    #[serde(default)]
    corrections: Vec<String>,
    #[serde(default)]
    publication: PublicationData,
    anaphoric_speakers: Vec<String>,
    name_links: Vec<String>,
    titles: Vec<String>,
    possessives: Vec<String>,
    #[serde(default)]
    opposites: Vec<[Vec<String>; 2]>,
    #[serde(default)]
    first_name_forms: Vec<Vec<String>>,
    #[serde(default)]
    clauses: RawClauses,
    #[serde(default)]
    changes: RawChanges,
}

/// How a figure that moved is written: "rose to 3.4 %" gives the level reached, "rose 3.4 %"
/// or "rose by 0.2" the size of the move.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChanges {
    /// Words that say a figure moved ("rose", "hausse").
    #[serde(default)]
    words: Vec<String>,
    /// Words between such a word and the level reached or left ("to", "from", "à").
    #[serde(default)]
    levels: Vec<String>,
    /// Words between such a word and the size of the move ("by", "of", "de").
    #[serde(default)]
    amounts: Vec<String>,
}

/// Where a long sentence holds a second fact: the words that open a clause of its own.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClauses {
    /// After a comma: "…, où de nombreux hôtels…", "…, while organizers put…".
    #[serde(default)]
    openers: Vec<String>,
    /// Anywhere between two words: "… et ont évoqué …", "… tandis que …".
    #[serde(default)]
    joins: Vec<String>,
}

/// One list of the language's regular expressions, compiled on first use: a run compiles only
/// the lists it asks for (a short run on French articles never builds the English ones, nor a
/// list its lines never reach). Reads as the compiled `Vec<Regex>`.
pub struct PatternList {
    /// Where the list is written, for errors: `rules/lang/fr.yaml`, `hedges.patterns`.
    file: std::sync::Arc<str>,
    what: &'static str,
    /// The expressions as they are compiled (with `(?i)` or joined into one, see
    /// [`RawPatterns::lists`]), and the list as written, to name a bad one.
    sources: Vec<String>,
    written: Vec<String>,
    joined: bool,
    compiled: OnceLock<Vec<Regex>>,
}

impl PatternList {
    fn new(
        file: &std::sync::Arc<str>,
        what: &'static str,
        sources: Vec<String>,
        written: &[String],
        joined: bool,
    ) -> PatternList {
        PatternList {
            file: file.clone(),
            what,
            sources,
            written: written.to_vec(),
            joined,
            compiled: OnceLock::new(),
        }
    }

    /// Compile the list, every expression of it.
    fn compile(&self) -> Result<Vec<Regex>> {
        self.sources
            .iter()
            .map(|p| {
                compile_one(&self.file, self.what, p).map_err(|joined_error| {
                    // A joined list names the bad pattern, not the joined expression.
                    if !self.joined {
                        return joined_error;
                    }
                    self.written
                        .iter()
                        .find_map(|p| {
                            compile_one(&self.file, self.what, &format!("(?i)^(?:{p})$")).err()
                        })
                        .unwrap_or(joined_error)
                })
            })
            .collect()
    }

    /// The compiled list. The bundled files are checked by the tests; a bad pattern there is
    /// a build defect, not user input.
    pub fn get(&self) -> &Vec<Regex> {
        self.compiled.get_or_init(|| {
            self.compile()
                .unwrap_or_else(|e| panic!("bundled language data: {e}"))
        })
    }
}

impl std::ops::Deref for PatternList {
    type Target = Vec<Regex>;
    fn deref(&self) -> &Vec<Regex> {
        self.get()
    }
}

impl<'a> IntoIterator for &'a PatternList {
    type Item = &'a Regex;
    type IntoIter = std::slice::Iter<'a, Regex>;
    fn into_iter(self) -> Self::IntoIter {
        self.get().iter()
    }
}

impl std::fmt::Debug for PatternList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PatternList")
            .field("what", &self.what)
            .field("sources", &self.sources)
            .finish_non_exhaustive()
    }
}

/// The language's regular expressions, each list compiled on first use.
#[derive(Debug)]
pub struct Patterns {
    pub boilerplate: PatternList,
    /// Agency sign-offs; group 1 names the outlet ("(APS)", "reuters/mre").
    pub signoffs: PatternList,
    pub bylines: PatternList,
    pub captions: PatternList,
    /// A dispatch's opening place, date and agency ("MOSCOU, 28 janvier (AFP) - "): matched
    /// at the start of a paragraph, and not part of its first claim.
    pub datelines: PatternList,
    /// The agency a dateline names; group 1 is the outlet ("(AFP) -").
    pub dateline_agencies: PatternList,
    /// A newsroom's correction notice ("Rectificatif :", "An earlier version of this story
    /// …"), matched at the start of a claim.
    pub corrections: PatternList,
    /// What opens a line that says when the article was published ("Publié le", "Published
    /// on"), or last updated ("Mis à jour le", "Updated:"), before the date. Case ignored.
    pub published: PatternList,
    pub updated: PatternList,
    /// What makes a claim speak of the future ("will", "doit se rendre"), over the claim;
    /// and the words that do (the futur simple), each pattern describing one whole word.
    pub future_phrases: PatternList,
    pub future_words: PatternList,
    pub hedges: PatternList,
    pub negations: PatternList,
    pub not_negations: PatternList,
}

#[derive(Debug, Clone, Default)]
struct RawPatterns {
    boilerplate: Vec<String>,
    signoffs: Vec<String>,
    bylines: Vec<String>,
    captions: Vec<String>,
    datelines: Vec<String>,
    dateline_agencies: Vec<String>,
    corrections: Vec<String>,
    published: Vec<String>,
    updated: Vec<String>,
    future_phrases: Vec<String>,
    future_words: Vec<String>,
    hedges: Vec<String>,
    negations: Vec<String>,
    not_negations: Vec<String>,
}

impl RawPatterns {
    fn of(raw: &LangFile) -> RawPatterns {
        RawPatterns {
            boilerplate: raw.boilerplate.clone(),
            signoffs: raw.signoffs.clone(),
            bylines: raw.bylines.clone(),
            captions: raw.captions.clone(),
            datelines: raw.datelines.clone(),
            dateline_agencies: raw.dateline_agencies.clone(),
            corrections: raw.corrections.clone(),
            published: raw.publication.published.clone(),
            updated: raw.publication.updated.clone(),
            future_phrases: raw.future.phrases.clone(),
            future_words: raw.future.word_patterns.clone(),
            hedges: raw.hedges.patterns.clone(),
            negations: raw.negations.patterns.clone(),
            not_negations: raw.negations.not_negations.clone(),
        }
    }

    /// The lists, not compiled yet: compiling a language's patterns (Unicode classes, bounded
    /// repetitions) would be most of a short run's start, so each list is compiled when it is
    /// first read.
    fn lists(self, file: &str) -> Patterns {
        let file: std::sync::Arc<str> = file.into();
        let ci = |v: &[String]| -> Vec<String> { v.iter().map(|p| format!("(?i){p}")).collect() };
        // A hedge or future pattern describes one whole word, matched as written whatever
        // its case. Each word of each claim is tried against the list: joined into one
        // expression, a word costs one match, not one per pattern.
        let whole_word = |v: &[String]| -> Vec<String> {
            if v.is_empty() {
                return Vec::new();
            }
            let alternatives: Vec<String> = v.iter().map(|p| format!("(?:{p})")).collect();
            vec![format!("(?i)^(?:{})$", alternatives.join("|"))]
        };
        let plain =
            |what: &'static str, v: &[String]| PatternList::new(&file, what, v.to_vec(), v, false);
        let folded =
            |what: &'static str, v: &[String]| PatternList::new(&file, what, ci(v), v, false);
        let joined = |what: &'static str, v: &[String]| {
            PatternList::new(&file, what, whole_word(v), v, true)
        };
        Patterns {
            boilerplate: plain("boilerplate", &self.boilerplate),
            signoffs: plain("signoffs", &self.signoffs),
            bylines: plain("bylines", &self.bylines),
            captions: plain("captions", &self.captions),
            datelines: plain("datelines", &self.datelines),
            dateline_agencies: plain("dateline_agencies", &self.dateline_agencies),
            corrections: folded("corrections", &self.corrections),
            published: folded("publication.published", &self.published),
            updated: folded("publication.updated", &self.updated),
            future_phrases: folded("future.phrases", &self.future_phrases),
            future_words: joined("future.word_patterns", &self.future_words),
            hedges: joined("hedges.patterns", &self.hedges),
            negations: folded("negations.patterns", &self.negations),
            not_negations: folded("negations.not_negations", &self.not_negations),
        }
    }
}

impl Patterns {
    /// Compile every list now (the tests check the bundled files whole).
    #[cfg(test)]
    fn compile_all(&self) -> Result<()> {
        for list in [
            &self.boilerplate,
            &self.signoffs,
            &self.bylines,
            &self.captions,
            &self.datelines,
            &self.dateline_agencies,
            &self.corrections,
            &self.published,
            &self.updated,
            &self.future_phrases,
            &self.future_words,
            &self.hedges,
            &self.negations,
            &self.not_negations,
        ] {
            list.compile()?;
        }
        Ok(())
    }
}

/// The language's relative periods ("la semaine dernière": -7 days), compiled on first use.
/// Reads as `Vec<(Regex, i64)>`.
pub struct PeriodList {
    patterns: PatternList,
    days: Vec<i64>,
    compiled: OnceLock<Vec<(Regex, i64)>>,
}

impl PeriodList {
    fn new(file: &str, periods: &[RelativePeriod]) -> PeriodList {
        PeriodList {
            patterns: PatternList::new(
                &file.into(),
                "relative_periods",
                periods
                    .iter()
                    .map(|p| format!("(?i){}", p.pattern))
                    .collect(),
                &[],
                false,
            ),
            days: periods.iter().map(|p| p.days).collect(),
            compiled: OnceLock::new(),
        }
    }
}

impl std::fmt::Debug for PeriodList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PeriodList")
            .field("patterns", &self.patterns)
            .field("days", &self.days)
            .finish_non_exhaustive()
    }
}

impl std::ops::Deref for PeriodList {
    type Target = Vec<(Regex, i64)>;
    fn deref(&self) -> &Vec<(Regex, i64)> {
        self.compiled.get_or_init(|| {
            self.patterns
                .get()
                .iter()
                .cloned()
                .zip(self.days.iter().copied())
                .collect()
        })
    }
}

impl<'a> IntoIterator for &'a PeriodList {
    type Item = &'a (Regex, i64);
    type IntoIter = std::slice::Iter<'a, (Regex, i64)>;
    fn into_iter(self) -> Self::IntoIter {
        std::ops::Deref::deref(self).iter()
    }
}

/// Compiled language data. Word lists are folded (lowercase, no accents) where the code
/// compares folded words, and kept as written where case matters (abbreviations).
#[derive(Debug)]
pub struct Lang {
    pub code: LangCode,
    pub stemmer: rust_stemmers::Algorithm,
    pub abbreviations: HashSet<String>,
    pub abbreviations_final: HashSet<String>,
    pub sentence_starters: HashSet<String>,
    pub stopwords: HashSet<String>,
    pub elisions: HashSet<String>,
    /// Endings of plural nouns, folded.
    pub plural_endings: Vec<String>,
    /// Opening mark → closing mark.
    pub quote_pairs: Vec<(char, char)>,
    pub months: HashMap<String, u32>,
    pub weekdays: HashMap<String, u32>,
    /// Relative day phrases as folded words ("avant-hier" → ["avant", "hier"]), longest first.
    pub relative_days: Vec<(Vec<String>, i64)>,
    pub weekday_past: HashSet<String>,
    pub weekday_next: HashSet<String>,
    /// Words that `future.word_patterns` catch and that are no verb, folded.
    pub future_exceptions: HashSet<String>,
    pub month_prefixes: HashSet<String>,
    /// "January 20" rather than "20 janvier".
    pub month_before_day: bool,
    /// Month names are written with a capital; a lowercase one is another word ("may").
    pub months_capitalised: bool,
    /// How a date written in figures reads ("11/03/2025"); `None` where the language's
    /// writers disagree, and such dates are not read.
    pub numeric_date_order: Option<NumericDateOrder>,
    pub year_prefixes: HashSet<String>,
    /// Phrases of a period before or after the article's date ("la semaine dernière"), with
    /// its days; compiled on first use.
    pub relative_periods: PeriodList,
    /// Number words of one word ("trois", "mille"), folded.
    pub number_words: HashMap<String, f64>,
    /// Ordinals written as words, folded, with their rank: "the world's third largest".
    pub ordinal_words: HashMap<String, f64>,
    /// Number words of several ("quatre-vingt-dix", "soixante-dix"), folded, longest first.
    pub number_phrases: Vec<(Vec<String>, f64)>,
    /// Number words that multiply the number before them ("trois mille", "une trentaine");
    /// their value is in `number_words`.
    pub multipliers: HashSet<String>,
    pub weak_number_words: HashSet<String>,
    /// Phrases in which a weak number word counts ("un seul", "only one"), folded.
    pub weak_count_phrases: Vec<Vec<String>>,
    /// Weak number words that count the noun right after them ("one leader").
    pub weak_counts_nouns: HashSet<String>,
    /// Phrases in which a weak number word counts nothing, even before a unit ("one of",
    /// "no one", "l'un"), folded.
    pub weak_idioms: Vec<Vec<String>>,
    /// Words between a number and its unit: "une trentaine de blessés", "30 ont été
    /// blessées".
    pub unit_links: HashSet<String>,
    /// Clock times: the hour marks ("h"), and the words of "a.m." and "p.m.", folded.
    pub clock_hour_marks: HashSet<String>,
    pub clock_am: Vec<Vec<String>>,
    pub clock_pm: Vec<Vec<String>>,
    /// Words before a number that make it an estimate, folded.
    pub approximation_phrases: Vec<Vec<String>>,
    pub approximate_number_words: HashSet<String>,
    /// Words before a number that make it a lower or an upper bound, folded.
    pub at_least_phrases: Vec<Vec<String>>,
    pub at_most_phrases: Vec<Vec<String>>,
    /// Plural number words said alone ("des dizaines", "dozens") → the least they mean.
    pub several: HashMap<String, f64>,
    /// Plural number words before a plural scale → what they stay under, times the scale
    /// ("des dizaines de milliers" is below 100 × 1000).
    pub several_below: HashMap<String, f64>,
    /// Letters glued to an amount after a currency sign ("$5m") → their scale.
    pub currency_scales: HashMap<String, f64>,
    pub ordinal_suffixes: HashSet<String>,
    /// Unit words (folded, may be several words) → unit name.
    pub units: HashMap<String, String>,
    pub decimal_separator: char,
    pub hedge_words: HashSet<String>,
    pub hedge_phrases: Vec<Vec<String>>,
    pub hedge_exceptions: HashSet<String>,
    /// A conditional (a hedge `patterns` match) in a clause reported after a reporting verb
    /// in a past tense is the future of the past, not a hedge.
    pub hedge_reported: ReportedClause,
    pub attribution_before: Vec<Vec<String>>,
    pub attribution_verbs: HashSet<String>,
    /// Reporting verbs of several words ("fait savoir", "posted on"), folded.
    pub attribution_verb_phrases: Vec<Vec<String>>,
    /// Words that open a complement between an inverted verb and its source ("sur" of "a
    /// écrit sur X le maire"), folded.
    pub attribution_complements: HashSet<String>,
    /// Words that open a source after such a complement ("le"), or a title in apposition
    /// ("the"), folded.
    pub source_openers: HashSet<String>,
    pub attribution_not_after: HashSet<String>,
    pub attribution_auxiliaries: HashSet<String>,
    /// Adverbs and connectors that sit before a reporting verb and are never its source.
    pub attribution_inserts: HashSet<String>,
    /// Phrases after "selon" that carry the source named after them, folded.
    pub source_carriers: Vec<Vec<String>>,
    pub attribution_passive: PassiveForms,
    pub inverted_pronouns: HashSet<String>,
    pub source_stops: HashSet<String>,
    /// Regular expressions, each list compiled on first use: a run on French articles never
    /// pays for the English ones, nor for a list it never reads.
    patterns: Patterns,
    /// Speakers that refer back to an earlier one ("la même source"), folded.
    pub anaphoric_speakers: HashSet<String>,
    /// Small words inside a name, folded.
    pub name_links: HashSet<String>,
    /// Words that open a clause after a comma ([`crate::extract::clauses`]), folded.
    pub clause_openers: Vec<Vec<String>>,
    /// Words that open a clause anywhere ("et ont", "tandis que"), folded.
    pub clause_joins: Vec<Vec<String>>,
    /// Words that say a figure moved, folded ([`crate::extract::NumberMention::movement`]).
    pub change_words: HashSet<String>,
    /// Words before the level a figure moved to or from, folded.
    pub change_levels: HashSet<String>,
    /// Words before the size of a move, folded.
    pub change_amounts: HashSet<String>,
    /// Titles and offices written before a name ("M.", "Premier ministre", "Judge"), folded:
    /// not part of the name, and no name alone.
    pub titles: HashSet<String>,
    /// What follows an apostrophe to make a possessive ("Lowe's"), folded.
    pub possessives: HashSet<String>,
    /// Words of opposite meaning ("confirmé" / "démenti"), by the first word of each phrase:
    /// (the phrase, folded; its pair; its side, 0 or 1).
    pub opposites: HashMap<String, Vec<(Vec<String>, usize, usize)>>,
    /// The forms of a first name ("james", "jim"), folded → the names they are forms of
    /// (indices in the language's `first_name_forms`).
    first_name_forms: HashMap<String, Vec<usize>>,
}

/// A list of single words, folded. Claims are cut into words at every character that is not a
/// letter or a digit, so an entry that is several words ("peut-être", "jusqu'en", "a.m.")
/// could never match one: it is refused, to be written where phrases are read, or as its words.
fn single_words(file: &str, what: &str, words: &[String]) -> Result<HashSet<String>> {
    words
        .iter()
        .map(|w| match crate::normalize::fold_words(w).as_slice() {
            [one] => Ok(one.clone()),
            _ => Err(Error::input(
                file,
                format!("{what}: {w:?} is not one word (words are cut at every character that is not a letter or a digit); list its words, or write it where phrases are read"),
            )),
        })
        .collect()
}

fn folded_phrases(words: &[String]) -> Vec<Vec<String>> {
    words
        .iter()
        .map(|w| crate::normalize::fold_words(w))
        .filter(|p| !p.is_empty())
        .collect()
}

fn compile_one(file: &str, what: &str, p: &str) -> Result<Regex> {
    regex::RegexBuilder::new(p)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| {
            Error::input(
                file,
                format!(
                    "{what}: bad pattern {p:?}: {}",
                    crate::error::one_line(&e.to_string())
                ),
            )
        })
}

/// A map of words to values with its words folded, as the code compares them.
fn fold_keys<V: Clone>(m: &HashMap<String, V>) -> HashMap<String, V> {
    m.iter()
        .map(|(k, v)| (crate::normalize::fold(k), v.clone()))
        .collect()
}

fn stemmer(file: &str, name: &str) -> Result<rust_stemmers::Algorithm> {
    match name {
        "french" => Ok(rust_stemmers::Algorithm::French),
        "english" => Ok(rust_stemmers::Algorithm::English),
        other => Err(Error::input(
            file,
            format!("unknown stemmer {other:?}: write `french` or `english`"),
        )),
    }
}

fn first_char(file: &str, s: &str, what: &str) -> Result<char> {
    s.chars()
        .next()
        .ok_or_else(|| Error::input(file, format!("{what} must not be empty")))
}

fn quote_pairs(file: &str, quotes: &[QuotePair]) -> Result<Vec<(char, char)>> {
    quotes
        .iter()
        .map(|q| {
            Ok((
                first_char(file, &q.open, "quote")?,
                first_char(file, &q.close, "quote")?,
            ))
        })
        .collect()
}

/// The entries of one word, then those of several: a list that takes both ("hedges.words",
/// "attribution.verbs") is read as single words and as phrases.
fn by_word_count(list: &[String]) -> (Vec<String>, Vec<String>) {
    list.iter()
        .cloned()
        .partition(|w| crate::normalize::fold_words(w).len() == 1)
}

fn relative_days(days: &HashMap<String, i64>) -> Vec<(Vec<String>, i64)> {
    let mut phrases: Vec<(Vec<String>, i64)> = days
        .iter()
        .map(|(k, v)| (crate::normalize::fold_words(k), *v))
        .collect();
    // Longest first, so "avant-hier" wins over "hier".
    phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    phrases
}

/// The number words of one word ("trois"); those of several are [`number_phrases`].
fn one_word_numbers(words: &HashMap<String, f64>) -> HashMap<String, f64> {
    words
        .iter()
        .filter_map(|(k, v)| match crate::normalize::fold_words(k).as_slice() {
            [one] => Some((one.clone(), *v)),
            _ => None,
        })
        .collect()
}

/// The number words of several words ("quatre-vingt-dix"), longest first, so that the
/// longest phrase wins over the phrases inside it.
fn number_phrases(words: &HashMap<String, f64>) -> Vec<(Vec<String>, f64)> {
    let mut phrases: Vec<(Vec<String>, f64)> = words
        .iter()
        .map(|(k, v)| (crate::normalize::fold_words(k), *v))
        .filter(|(p, _)| p.len() > 1)
        .collect();
    phrases.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    phrases
}

/// Each phrase of each pair of opposites, by its first word: a claim's words are looked up
/// one by one.
fn opposites_by_first_word(
    opposites: &[[Vec<String>; 2]],
) -> HashMap<String, Vec<(Vec<String>, usize, usize)>> {
    let mut by_first: HashMap<String, Vec<(Vec<String>, usize, usize)>> = HashMap::new();
    for (pair, sides) in opposites.iter().enumerate() {
        for (side, phrases) in sides.iter().enumerate() {
            for phrase in folded_phrases(phrases) {
                by_first
                    .entry(phrase[0].clone())
                    .or_default()
                    .push((phrase, pair, side));
            }
        }
    }
    by_first
}

/// Each form of a first name → the groups (names) it is a form of: "jim" of "james".
fn first_name_forms(file: &str, groups: &[Vec<String>]) -> Result<HashMap<String, Vec<usize>>> {
    let mut forms: HashMap<String, Vec<usize>> = HashMap::new();
    for (name, group) in groups.iter().enumerate() {
        for form in single_words(file, "first_name_forms", group)? {
            forms.entry(form).or_default().push(name);
        }
    }
    Ok(forms)
}

impl ReportedClause {
    fn read(file: &str, r: &ReportedData) -> Result<ReportedClause> {
        Ok(ReportedClause {
            openers: single_words(file, "hedges.reported.openers", &r.openers)?,
            auxiliaries: single_words(file, "hedges.reported.auxiliaries", &r.auxiliaries)?,
            participles: single_words(file, "hedges.reported.participles", &r.participles)?,
            past_forms: single_words(file, "hedges.reported.past_forms", &r.past_forms)?,
        })
    }
}

impl PassiveForms {
    fn read(file: &str, a: &AttributionData) -> Result<PassiveForms> {
        let words = |what: &str, list: &[String]| single_words(file, what, list);
        Ok(PassiveForms {
            auxiliaries: words("attribution.passive_auxiliaries", &a.passive_auxiliaries)?,
            reflexives: words("attribution.reflexives", &a.reflexives)?,
            agents: words("attribution.agents", &a.agents)?,
            reflexive_not_reporting: words(
                "attribution.reflexive_not_reporting",
                &a.reflexive_not_reporting,
            )?,
        })
    }
}

/// Words that carry no content in any language: dropped before alias matching.
pub fn is_function_word(word: &str) -> bool {
    LangCode::ALL.iter().any(|&c| {
        let lang = Lang::get(c);
        lang.stopwords.contains(word) || lang.elisions.contains(word)
    })
}

impl Lang {
    /// Parse one language file. `file` names it in errors.
    pub fn from_yaml(file: &str, text: &str) -> Result<Lang> {
        Lang::from_file(file, crate::input::parse_yaml(file, text)?)
    }

    /// The bundled file `file`, converted to JSON at build time (see `build.rs`): parsing
    /// JSON is a small part of a short run, YAML was a fifth of it.
    fn from_json(file: &str, json: &str) -> Result<Lang> {
        let raw: LangFile = serde_json::from_str(json)
            .map_err(|e| Error::input(file, format!("bundled data (JSON): {e}")))?;
        Lang::from_file(file, raw)
    }

    fn from_file(file: &str, raw: LangFile) -> Result<Lang> {
        let words = |what: &str, list: &[String]| single_words(file, what, list);
        let stemmer = stemmer(file, &raw.stemmer)?;
        let quote_pairs = quote_pairs(file, &raw.quotes)?;
        let (hedge_single, hedge_multi) = by_word_count(&raw.hedges.words);
        let (verbs_single, verbs_multi) = by_word_count(&raw.attribution.verbs);
        let (a, n) = (&raw.attribution, &raw.approximations);
        // Fields in the order of the struct: the first bad list is the one reported.
        Ok(Lang {
            code: raw.code,
            stemmer,
            abbreviations: raw.abbreviations.iter().cloned().collect(),
            abbreviations_final: raw.abbreviations_final.iter().cloned().collect(),
            sentence_starters: raw.sentence_starters.iter().cloned().collect(),
            stopwords: words("stopwords", &raw.stopwords)?,
            elisions: words("elisions", &raw.elisions)?,
            plural_endings: raw
                .plural_endings
                .iter()
                .map(|e| crate::normalize::fold(e))
                .collect(),
            quote_pairs,
            months: fold_keys(&raw.months),
            weekdays: fold_keys(&raw.weekdays),
            relative_days: relative_days(&raw.relative_days),
            weekday_past: words("weekday_past", &raw.weekday_past)?,
            weekday_next: words("weekday_next", &raw.weekday_next)?,
            future_exceptions: words("future.exceptions", &raw.future.exceptions)?,
            month_prefixes: words("month_prefixes", &raw.month_prefixes)?,
            month_before_day: raw.month_before_day,
            months_capitalised: raw.months_capitalised,
            numeric_date_order: raw.numeric_date_order,
            year_prefixes: words("year_prefixes", &raw.year_prefixes)?,
            relative_periods: PeriodList::new(file, &raw.relative_periods),
            number_words: one_word_numbers(&raw.number_words),
            ordinal_words: one_word_numbers(&raw.ordinal_words),
            number_phrases: number_phrases(&raw.number_words),
            multipliers: words("multipliers", &raw.multipliers)?,
            weak_number_words: words("weak_number_words", &raw.weak_number_words)?,
            weak_count_phrases: folded_phrases(&raw.weak_counts.phrases),
            weak_counts_nouns: words("weak_counts.before_nouns", &raw.weak_counts.before_nouns)?,
            weak_idioms: folded_phrases(&raw.weak_counts.idioms),
            unit_links: words("unit_links", &raw.unit_links)?,
            clock_hour_marks: words("clock.hour_marks", &raw.clock.hour_marks)?,
            clock_am: folded_phrases(&raw.clock.am),
            clock_pm: folded_phrases(&raw.clock.pm),
            approximation_phrases: folded_phrases(&n.before),
            at_least_phrases: folded_phrases(&n.at_least),
            at_most_phrases: folded_phrases(&n.at_most),
            several: fold_keys(&n.several),
            several_below: fold_keys(&n.several_below),
            currency_scales: fold_keys(&n.currency_scales),
            approximate_number_words: words("approximations.words", &n.words)?,
            ordinal_suffixes: words("ordinal_suffixes", &raw.ordinal_suffixes)?,
            units: fold_keys(&raw.units),
            decimal_separator: first_char(file, &raw.decimal_separator, "decimal_separator")?,
            hedge_words: words("hedges.words", &hedge_single)?,
            hedge_phrases: folded_phrases(&hedge_multi),
            hedge_exceptions: words("hedges.exceptions", &raw.hedges.exceptions)?,
            hedge_reported: ReportedClause::read(file, &raw.hedges.reported)?,
            attribution_before: folded_phrases(&a.before_source),
            attribution_verbs: words("attribution.verbs", &verbs_single)?,
            attribution_verb_phrases: folded_phrases(&verbs_multi),
            attribution_complements: words("attribution.complements", &a.complements)?,
            source_openers: words("attribution.source_openers", &a.source_openers)?,
            attribution_not_after: words("attribution.not_after", &a.not_after)?,
            attribution_auxiliaries: words("attribution.auxiliaries", &a.auxiliaries)?,
            attribution_inserts: words("attribution.inserts", &a.inserts)?,
            source_carriers: folded_phrases(&a.carriers),
            attribution_passive: PassiveForms::read(file, a)?,
            inverted_pronouns: words("attribution.inverted_pronouns", &a.inverted_pronouns)?,
            source_stops: words("attribution.source_stops", &a.source_stops)?,
            name_links: words("name_links", &raw.name_links)?,
            clause_openers: folded_phrases(&raw.clauses.openers),
            clause_joins: folded_phrases(&raw.clauses.joins),
            change_words: words("changes.words", &raw.changes.words)?,
            change_levels: words("changes.levels", &raw.changes.levels)?,
            change_amounts: words("changes.amounts", &raw.changes.amounts)?,
            titles: words("titles", &raw.titles)?,
            possessives: words("possessives", &raw.possessives)?,
            patterns: RawPatterns::of(&raw).lists(file),
            anaphoric_speakers: raw
                .anaphoric_speakers
                .iter()
                .map(|s| crate::normalize::fold_words(s).join(" "))
                .collect(),
            opposites: opposites_by_first_word(&raw.opposites),
            first_name_forms: first_name_forms(file, &raw.first_name_forms)?,
        })
    }

    /// The bundled data for `code`, parsed once per process.
    pub fn get(code: LangCode) -> &'static Lang {
        static FR: OnceLock<Lang> = OnceLock::new();
        static EN: OnceLock<Lang> = OnceLock::new();
        let (cell, file, json) = match code {
            LangCode::Fr => (
                &FR,
                "rules/lang/fr.yaml",
                include_str!(concat!(env!("OUT_DIR"), "/fr.json")),
            ),
            LangCode::En => (
                &EN,
                "rules/lang/en.yaml",
                include_str!(concat!(env!("OUT_DIR"), "/en.json")),
            ),
        };
        cell.get_or_init(|| {
            // The bundled files are tested; a failure here is a build defect, not user input.
            Lang::from_json(file, json).unwrap_or_else(|e| panic!("bundled language data: {e}"))
        })
    }

    /// The compiled patterns. The bundled files are checked by the tests; a bad pattern
    /// there is a build defect, not user input.
    pub fn patterns(&self) -> &Patterns {
        &self.patterns
    }

    /// Are two folded first names forms of one name ("jim" / "james", "ted" / "edward")?
    pub fn first_name_forms_agree(&self, a: &str, b: &str) -> bool {
        match (self.first_name_forms.get(a), self.first_name_forms.get(b)) {
            (Some(p), Some(q)) => p.iter().any(|n| q.contains(n)),
            _ => false,
        }
    }

    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains(word)
    }

    /// Is `c` a quotation mark of the language, or the straight double quote? Not `’`: it is
    /// the apostrophe of "l’État" and "O’Brien" far more often than a closing quote.
    pub fn is_quote_mark(&self, c: char) -> bool {
        c == '"' || (c != '’' && self.quote_pairs.iter().any(|(o, cl)| *o == c || *cl == c))
    }

    /// Does `c` open a quotation or an aside: the language's opening quote marks, and the
    /// marks every language shares (straight quote, brackets, Markdown emphasis, list dashes
    /// and bullets)?
    pub fn opens(&self, c: char) -> bool {
        matches!(c, '"' | '(' | '[' | '*' | '_' | '-' | '–' | '—' | '•')
            || self.quote_pairs.iter().any(|(o, _)| *o == c)
    }

    /// Does `c` close a quotation or an aside: the language's closing quote marks, and the
    /// marks every language shares (straight quotes, the typographic apostrophe, brackets,
    /// Markdown emphasis)?
    pub fn closes(&self, c: char) -> bool {
        matches!(c, '\'' | '’' | ')' | ']' | '*' | '_') || self.closes_quote(c)
    }

    /// Does `c` close a quotation: the language's closing quote marks and the straight double
    /// quote, not `’` (see `is_quote_mark`)?
    pub fn closes_quote(&self, c: char) -> bool {
        c == '"' || (c != '’' && self.quote_pairs.iter().any(|(_, cl)| *cl == c))
    }

    pub fn closing_for(&self, open: char) -> Option<char> {
        self.quote_pairs
            .iter()
            .find(|(o, _)| *o == open)
            .map(|(_, c)| *c)
    }
}

/// What the detector makes of `text`, choosing among the supported languages only.
fn detect_info(text: &str) -> Option<whatlang::Info> {
    static DETECTOR: OnceLock<whatlang::Detector> = OnceLock::new();
    DETECTOR
        .get_or_init(|| {
            whatlang::Detector::with_allowlist(vec![whatlang::Lang::Fra, whatlang::Lang::Eng])
        })
        .detect(text)
}

/// The detector chooses among French and English only.
fn code_of(info: &whatlang::Info) -> LangCode {
    match info.lang() {
        whatlang::Lang::Eng => LangCode::En,
        _ => LangCode::Fr,
    }
}

/// The language of `text` when the detector is sure of it: a single sentence often leaves it
/// unsure.
pub fn detect_reliable(text: &str) -> Option<LangCode> {
    detect_info(text)
        .filter(whatlang::Info::is_reliable)
        .map(|info| code_of(&info))
}

/// The language of a whole article, from its first 4,000 characters; French when the detector
/// cannot tell. Detection on single sentences is unreliable (see [`detect_reliable`]).
pub fn detect(text: &str) -> LangCode {
    let sample: String = text.chars().take(4000).collect();
    detect_info(&sample).map_or(LangCode::Fr, |info| code_of(&info))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_of_several_words_in_a_list_of_words_is_refused() {
        let text = include_str!("../rules/lang/fr.yaml")
            .replace("year_prefixes: [en,", "year_prefixes: [jusqu'en, en,");
        let e = Lang::from_yaml("fr.yaml", &text).unwrap_err().to_string();
        assert!(
            e.starts_with("fr.yaml: year_prefixes: \"jusqu'en\" is not one word"),
            "{e}"
        );
    }

    #[test]
    fn bundled_data_loads() {
        for code in LangCode::ALL {
            let lang = Lang::get(code);
            assert_eq!(lang.code, code);
            assert!(!lang.stopwords.is_empty());
            assert!(!lang.patterns().boilerplate.is_empty());
            assert!(!lang.patterns().datelines.is_empty());
            lang.patterns().compile_all().unwrap();
            assert!(!lang.relative_periods.is_empty());
        }
        assert!(Lang::get(LangCode::Fr).is_abbreviation("MM"));
        assert_eq!(Lang::get(LangCode::Fr).weekdays.get("samedi"), Some(&6));
    }

    #[test]
    fn bundled_json_reads_as_the_yaml() {
        // Lang::get reads the JSON that build.rs makes of the YAML: both must give one Lang.
        for (code, text) in [
            (LangCode::Fr, include_str!("../rules/lang/fr.yaml")),
            (LangCode::En, include_str!("../rules/lang/en.yaml")),
        ] {
            let from_yaml = Lang::from_yaml("x.yaml", text).unwrap();
            assert_eq!(
                format!("{:?}", sorted_debug(&from_yaml)),
                format!("{:?}", sorted_debug(Lang::get(code)))
            );
        }
    }

    /// A Lang's debug text with its lines sorted (hash sets and maps print in any order).
    fn sorted_debug(lang: &Lang) -> Vec<String> {
        let text = format!("{lang:#?}");
        let mut lines: Vec<String> = text
            .lines()
            .filter(|l| !l.contains("file:"))
            .map(str::to_string)
            .collect();
        lines.sort();
        lines
    }

    #[test]
    fn detects_french_and_english() {
        assert_eq!(
            detect(
                "Le président russe s'est entretenu par téléphone avec son homologue américain."
            ),
            LangCode::Fr
        );
        assert_eq!(
            detect(
                "The Russian president spoke by phone with his American counterpart on Saturday."
            ),
            LangCode::En
        );
    }
}
