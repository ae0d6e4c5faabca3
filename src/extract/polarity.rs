//! Polarity: the words of the language's opposite pairs ("confirmé" / "démenti", "rose" /
//! "fell"). The negation rule reads them to find a claim that says the opposite of another
//! without a negation.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::normalize::WordSpan;
use crate::source::Span;

/// A word of one side of an opposite pair of the language ("confirmé" of "confirmé" /
/// "démenti"), so that a claim saying the opposite of another can be found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Polarity {
    pub span: Span,
    pub text: String,
    /// Index of the pair in the language's `opposites`.
    pub pair: usize,
    /// 0 or 1: which side of the pair.
    pub side: usize,
}

/// Words of the language's opposite pairs, longest phrase first where they overlap.
pub(super) fn find_polarity(
    text: &str,
    ws: &[WordSpan],
    folded: &[String],
    lang: &Lang,
) -> Vec<Polarity> {
    let mut out: Vec<Polarity> = Vec::new();
    for (k, word) in folded.iter().enumerate() {
        for (phrase, pair, side) in lang.opposites.get(word).into_iter().flatten() {
            if folded[k..].starts_with(phrase) {
                let span = Span::new(ws[k].start, ws[k + phrase.len() - 1].end);
                out.push(Polarity {
                    span,
                    text: text[span.start..span.end].to_string(),
                    pair: *pair,
                    side: *side,
                });
            }
        }
    }
    out.sort_by_key(|p| (p.span.start, std::cmp::Reverse(p.span.end)));
    // "voted against" and "against": the longer phrase stands. A word in several pairs
    // ("démenti": of "confirmé" and of "reconnu") stays in each.
    let mut kept: Vec<Polarity> = Vec::new();
    for p in out {
        if kept
            .last()
            .is_none_or(|q| q.span.end <= p.span.start || q.span == p.span)
        {
            kept.push(p);
        }
    }
    kept
}
