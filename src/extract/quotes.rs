//! Quotations and who said them. The quote rule compares what one speaker is quoted saying
//! from one outlet to the next, so each quotation takes the speaker of the attribution
//! nearest to it, and keeps its sentences apart.

use serde::{Deserialize, Serialize};

use super::attribution::Attribution;
use crate::lang::Lang;
use crate::normalize::{fold, words};
use crate::source::Span;

/// Words inside quotation marks, and who said them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Byte span within the claim text, marks included.
    pub span: Span,
    /// The quoted words, without the marks.
    pub text: String,
    /// Normalised speaker (an alias name or the folded words), when the claim names one.
    pub speaker: Option<String>,
    /// The speaker as the claim writes it ("la préfète des Landes"), for messages; a leading
    /// function word is lower-cased ("Le Kremlin" → "le Kremlin").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_text: Option<String>,
    /// The quote's sentences, as byte spans of `text`, split with the language's
    /// abbreviations ("M. Lavrov" stays in one sentence).
    #[serde(default)]
    pub sentences: Vec<Span>,
}

/// Quotations with their speaker: the attribution nearest to the quote.
pub(super) fn find_quotes(text: &str, lang: &Lang, attributions: &[Attribution]) -> Vec<Quote> {
    let mut regions = crate::segment::quote_regions(text, lang);
    regions.sort();
    // Keep outer quotations only.
    let mut outer: Vec<(usize, usize)> = Vec::new();
    for r in regions {
        if outer.last().is_some_and(|o| r.0 < o.1) {
            continue;
        }
        outer.push(r);
    }
    outer
        .into_iter()
        .filter_map(|(o, e)| {
            let inner = text[o..e]
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches(|c: char| {
                    !(c.is_alphanumeric() || matches!(c, '.' | '!' | '?' | ')'))
                });
            if inner.is_empty() {
                return None;
            }
            let (speaker, speaker_text) = attributions
                .iter()
                .filter(|a| a.span.end <= o || a.span.start >= e)
                .min_by_key(|a| {
                    if a.span.start >= e {
                        a.span.start - e
                    } else {
                        o - a.span.end
                    }
                })
                .filter(|a| !a.anaphoric)
                .map(|a| (Some(a.source.clone()), Some(written_speaker(&a.text, lang))))
                .unwrap_or((None, None));
            Some(Quote {
                span: Span::new(o, e),
                sentences: crate::segment::split_sentences(inner, Span::new(0, inner.len()), lang)
                    .into_iter()
                    .map(|p| p.span)
                    .collect(),
                text: inner.to_string(),
                speaker,
                speaker_text,
            })
        })
        .collect()
}

/// A source as written, to name it inside a message: a leading function word ("Le", "The") is
/// lower-cased, as it reads in the middle of a sentence; names keep their capitals.
fn written_speaker(text: &str, lang: &Lang) -> String {
    let first = words(text)
        .first()
        .map(|w| (w.end, fold(&text[w.start..w.end])));
    match first {
        Some((end, f)) if lang.stopwords.contains(&f) || lang.elisions.contains(&f) => {
            format!("{}{}", text[..end].to_lowercase(), &text[end..])
        }
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::test_claims::{features, features_in};
    use crate::lang::LangCode;

    #[test]
    fn quote_with_inverted_speaker() {
        let f = features("\"Les présidents se sont exprimés en faveur d'une coordination\", a précisé le Kremlin dans un communiqué.");
        assert_eq!(f.quotes.len(), 1);
        assert_eq!(f.quotes[0].speaker.as_deref(), Some("Kremlin"));
        assert_eq!(f.attributions[0].source, "Kremlin");
    }

    #[test]
    fn a_quote_keeps_its_speaker_as_written() {
        let f = features("« C'est un drame », a déclaré la préfète des Landes.");
        assert_eq!(f.quotes[0].speaker.as_deref(), Some("prefete landes"));
        assert_eq!(
            f.quotes[0].speaker_text.as_deref(),
            Some("la préfète des Landes")
        );
        let f = features("Le Kremlin a déclaré : « Nous sommes prêts ».");
        assert_eq!(f.quotes[0].speaker_text.as_deref(), Some("le Kremlin"));
        let f = features_in(
            "\"There is no ongoing threat to the public,\" Bryant said.",
            LangCode::En,
        );
        assert_eq!(f.quotes[0].speaker.as_deref(), Some("bryant"));
        assert_eq!(f.quotes[0].speaker_text.as_deref(), Some("Bryant"));
    }

    #[test]
    fn speaker_before_quote_and_anaphora() {
        let f = features(
            "Donald Trump avait répondu: \"J'espère que nous aurons une relation fantastique\".",
        );
        assert_eq!(f.quotes[0].speaker.as_deref(), Some("donald trump"));
        let f = features("\"L'accent a été mis sur la priorité\", a indiqué la même source.");
        assert_eq!(f.quotes[0].speaker, None);
        assert!(f.attributions[0].anaphoric);
    }
}
