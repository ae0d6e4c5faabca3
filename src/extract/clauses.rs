//! Claims below the sentence: the clauses of a long sentence that states several facts.
//!
//! Outlets merge and split sentences: "…a précisé que cinq des personnes décédées étaient
//! des visiteurs, où de nombreux hôtels sont concentrés" tells two facts, and another outlet
//! may tell only the first, in a sentence of its own. Alignment compares each clause too, so
//! that the shared fact is found however much else the sentence says.
//!
//! A clause starts where the language's data says one opens (`clauses` in
//! `rules/lang/*.yaml`): after a comma, at one of its `openers` ("où", "while"); anywhere, at
//! one of its `joins` ("et ont", "tandis que"); and always after a semicolon, a colon or a
//! dash between words. A clause shorter than [`MIN_WORDS`] stays with the one before it.

use crate::lang::Lang;
use crate::normalize::{fold, words, WordKind, WordSpan};
use crate::source::Span;

/// One clause of a claim that states several facts, with what was extracted from its words
/// alone.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Clause {
    /// Bytes of the claim's text.
    pub span: Span,
    pub features: super::Features,
}

/// Fewer words than this say no fact of their own ("…, as he said").
const MIN_WORDS: usize = 5;

/// At most this many clauses per sentence: a list of a hundred items is one claim, and each
/// clause is compared on its own.
const MAX_CLAUSES: usize = 8;

/// The clauses of `text`, as byte spans, when it holds two or more; else none (the claim is
/// its own only clause).
///
/// ```text
/// "Police estimated the crowd at around 300,000 while organizers put the total at 800,000."
///  └──────────── clause 1 ───────────────────┘ └──────────── clause 2 ─────────────────┘
/// ```
pub fn clauses(text: &str, lang: &Lang) -> Vec<Span> {
    let spans = words(text);
    if spans.len() < 2 * MIN_WORDS {
        return Vec::new();
    }
    let folded: Vec<String> = spans.iter().map(|w| fold(&text[w.start..w.end])).collect();
    let mut starts = vec![0];
    for i in 1..spans.len() {
        if opens_clause(text, &spans, &folded, i, lang) {
            starts.push(i);
        }
    }
    let starts = kept_starts(starts, spans.len());
    if starts.len() < 2 {
        return Vec::new();
    }
    starts
        .iter()
        .enumerate()
        .map(|(k, &first)| {
            // An opening quote mark belongs to the clause it opens.
            let before = if first == 0 { 0 } else { spans[first - 1].end };
            let lead = &text[before..spans[first].start];
            let start = lead
                .rfind(|c: char| lang.is_quote_mark(c))
                .map_or(spans[first].start, |i| before + i);
            let next = starts.get(k + 1).map_or(text.len(), |&n| spans[n].start);
            // Closing quote marks and a final period belong to the clause; the separator
            // before the next one does not.
            let end = start + text[start..next].trim_end_matches(is_separator).len();
            Span::new(start, end)
        })
        .collect()
}

/// Whether a clause opens at word `i`.
fn opens_clause(text: &str, spans: &[WordSpan], folded: &[String], i: usize, lang: &Lang) -> bool {
    let gap = &text[spans[i - 1].end..spans[i].start];
    let between_figures =
        spans[i - 1].kind == WordKind::Number && spans[i].kind == WordKind::Number;
    // A colon before a quote introduces what the speaker said: one fact.
    let before_quote = gap.trim_end().ends_with(|c: char| lang.is_quote_mark(c));
    if gap.contains([';', '—', '–']) || (gap.contains(':') && !between_figures && !before_quote)
    {
        return true;
    }
    let phrases = if gap.contains(',') {
        &lang.clause_openers
    } else if gap.trim().is_empty() {
        &lang.clause_joins
    } else {
        return false;
    };
    phrases.iter().any(|p| starts_with(&folded[i..], p))
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ',' | ';' | ':' | '—' | '–')
}

fn starts_with(words: &[String], phrase: &[String]) -> bool {
    words.len() >= phrase.len() && words.iter().zip(phrase).all(|(w, p)| w == p)
}

/// The clause starts (word indices, the first 0) that leave every clause [`MIN_WORDS`] long,
/// no more than [`MAX_CLAUSES`] of them: a start too near the one before or the end is no
/// start, and its words stay with the clause before.
fn kept_starts(starts: Vec<usize>, words: usize) -> Vec<usize> {
    let mut kept = vec![0];
    for s in starts.into_iter().skip(1) {
        let last = kept[kept.len() - 1];
        if s - last >= MIN_WORDS && words - s >= MIN_WORDS && kept.len() < MAX_CLAUSES {
            kept.push(s);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::LangCode;

    fn parts(text: &str, code: LangCode) -> Vec<&str> {
        clauses(text, Lang::get(code))
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn a_relative_clause_after_a_comma_is_a_fact_of_its_own() {
        assert_eq!(
            parts(
                "L'agence a précisé que cinq des personnes décédées étaient des visiteurs, où de nombreux hôtels sont concentrés à l'orée du parc.",
                LangCode::Fr
            ),
            [
                "L'agence a précisé que cinq des personnes décédées étaient des visiteurs",
                "où de nombreux hôtels sont concentrés à l'orée du parc."
            ]
        );
    }

    #[test]
    fn a_join_with_no_comma_opens_a_clause() {
        assert_eq!(
            parts(
                "Police estimated the crowd at around 300,000 while organizers put the total at 800,000.",
                LangCode::En
            ),
            [
                "Police estimated the crowd at around 300,000",
                "while organizers put the total at 800,000."
            ]
        );
        assert_eq!(
            parts(
                "Les deux dirigeants ont évoqué la nécessité de normaliser les relations et ont évoqué la nécessité d'unir les efforts contre le terrorisme.",
                LangCode::Fr
            ),
            [
                "Les deux dirigeants ont évoqué la nécessité de normaliser les relations",
                "et ont évoqué la nécessité d'unir les efforts contre le terrorisme."
            ]
        );
    }

    #[test]
    fn short_clauses_stay_with_their_neighbour() {
        // ", as he said" is too short to say a fact: the sentence is one claim.
        assert!(parts(
            "The storm destroyed more than forty homes in the valley, as he said.",
            LangCode::En
        )
        .is_empty());
        // A comma before a word that opens nothing does not cut.
        assert!(parts(
            "In Paris, the march left the square between two and half past two in the afternoon.",
            LangCode::En
        )
        .is_empty());
    }

    #[test]
    fn a_clock_time_is_not_a_colon_between_clauses() {
        assert!(parts(
            "The earthquake struck central Mexico yesterday at 13:14 local time, officials said.",
            LangCode::En
        )
        .is_empty());
    }

    #[test]
    fn a_colon_before_a_quote_keeps_the_speaker_with_the_words() {
        assert!(parts(
            "His daughter said in a video played for the court that it would be: “I miss you and I love you.”",
            LangCode::En
        )
        .is_empty());
        assert_eq!(
            parts(
                "“We have lost everything in the water,” the mayor of the town said, while rescuers searched the houses.",
                LangCode::En
            ),
            [
                "“We have lost everything in the water,” the mayor of the town said",
                "while rescuers searched the houses."
            ]
        );
    }

    #[test]
    fn a_semicolon_always_cuts() {
        assert_eq!(
            parts(
                "Six people died in the floods of the valley; eleven others are still missing tonight.",
                LangCode::En
            ),
            [
                "Six people died in the floods of the valley",
                "eleven others are still missing tonight."
            ]
        );
    }

    #[test]
    fn a_long_list_makes_at_most_eight_clauses() {
        let text = (0..40)
            .map(|i| format!("item number {i} is a thing here"))
            .collect::<Vec<_>>()
            .join("; ");
        assert_eq!(clauses(&text, Lang::get(LangCode::En)).len(), MAX_CLAUSES);
    }
}
