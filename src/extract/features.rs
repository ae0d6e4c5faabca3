//! Features of one claim: everything the rules look at, each kind found by its own module.
//! Extraction runs them in the order they depend on each other: dates first (a figure or a
//! word inside a date is no number nor hedge), attributions before terms (words said in an
//! attribution weigh less) and quotes (a quote's speaker).

use serde::{Deserialize, Serialize};

use super::aliases::AliasTable;
use super::attribution::{find_attributions, Attribution};
use super::dates::{find_dates, DateMention, PartialDate};
use super::entities::{capitalised_names, Entity};
use super::hedges::find_hedges;
use super::negations::find_negations;
use super::numbers::{find_numbers, NumberMention};
use super::polarity::{find_polarity, Polarity};
use super::quotes::{find_quotes, Quote};
use super::terms::{find_terms, Term};
use super::Cue;
use crate::lang::Lang;
use crate::normalize::{fold, words, SpanCover};
use crate::source::Span;

/// Everything the rules look at in one claim.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Features {
    pub terms: Vec<Term>,
    pub quotes: Vec<Quote>,
    pub numbers: Vec<NumberMention>,
    pub dates: Vec<DateMention>,
    pub attributions: Vec<Attribution>,
    pub hedges: Vec<Cue>,
    pub negations: Vec<Cue>,
    pub entities: Vec<Entity>,
    #[serde(default)]
    pub polarity: Vec<Polarity>,
    /// When the claim states several facts, each clause with its own features
    /// ([`super::clauses`]): alignment compares them one by one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<super::clauses::Clause>,
}

impl Features {
    /// The claim's names as (alias set or canonical name, as written) pairs, for
    /// [`crate::normalize::WrittenForms::with_names`].
    pub fn names(&self) -> impl Iterator<Item = (&str, &str)> {
        self.entities
            .iter()
            .map(|e| (e.key.as_str(), e.text.as_str()))
    }
}

/// Extract the features of `text` (a claim of an article in `lang` dated `article_date`).
/// `aliases` are the rule set's name sets; `term_sets` its watch-list sets, matched as one term.
pub fn extract(
    text: &str,
    lang: &Lang,
    article_date: Option<PartialDate>,
    aliases: &AliasTable,
    term_sets: &AliasTable,
) -> Features {
    let ws = words(text);
    let folded: Vec<String> = ws.iter().map(|w| fold(&text[w.start..w.end])).collect();
    let dates = find_dates(text, &ws, &folded, lang, article_date);
    let date_spans = SpanCover::new(&dates.iter().map(|d| d.span).collect::<Vec<Span>>());
    let numbers = find_numbers(text, &ws, &folded, lang, &date_spans);
    let attributions = find_attributions(text, &ws, &folded, lang, aliases, &date_spans);
    // The claim's own attributions, where a term names who speaks.
    let said = SpanCover::new(
        &attributions
            .iter()
            .filter(|a| !a.nested)
            .map(|a| a.region)
            .collect::<Vec<Span>>(),
    );
    let found = find_terms(text, &ws, &folded, lang, aliases, term_sets, &said);
    let mut entities = found.names;
    entities.extend(capitalised_names(text, &ws, &folded, &found.covered, lang));
    entities.sort_by_key(|e| e.span.start);
    let quotes = find_quotes(text, lang, &attributions);
    Features {
        terms: found.terms,
        quotes,
        numbers,
        dates,
        attributions,
        hedges: find_hedges(text, &ws, &folded, lang, &date_spans),
        negations: find_negations(text, lang),
        entities,
        polarity: find_polarity(text, &ws, &folded, lang),
        clauses: Vec::new(),
    }
}
