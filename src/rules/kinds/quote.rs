//! `quote`: quoted words that differ between outlets quoting the same speaker.
//!
//! Example: AFP « une coordination réelle des actions russes et américaines » vs Reuters
//! « une véritable coordination entre les actions russes et américaines », both from the
//! Kremlin's statement. The word diff of the two quotes is the evidence.

use serde_json::json;

use super::{content_words, ClaimView, Hit, Rule};
use crate::diff::{changed_words, word_diff};
use crate::extract::Quote;
use crate::source::Span;

pub const DOC: &str = "Outlets quote the same speaker with different words. Two quotes are \
compared when their speakers agree (or one is unknown, e.g. \"la même source\") and they share \
enough words to be the same passage; at least `min_changed_words` words must differ. The \
evidence is the word diff of the quotes. A sentence of the passage that one outlet quotes and \
the other leaves out is reported too.\n\
Example: « coordination réelle des actions russes et américaines » vs « véritable coordination \
entre les actions russes et américaines ».";
pub const PARAMS: &[&str] = &["min_changed_words"];

/// Share of content words two quotes must share to be the same passage.
const MIN_OVERLAP: f64 = 0.3;

/// Share of the shorter side's content words that the other side has.
fn overlap(wa: &[String], wb: &[String]) -> f64 {
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let in_b: std::collections::HashSet<&String> = wb.iter().collect();
    let shared = wa.iter().filter(|w| in_b.contains(w)).count();
    shared as f64 / wa.len().min(wb.len()) as f64
}

/// A sentence of a quote and its folded content words, folded once per claim pair.
struct Passage<'q> {
    text: &'q str,
    words: Vec<String>,
}

impl<'q> Passage<'q> {
    fn of(text: &'q str) -> Passage<'q> {
        Passage {
            text,
            words: content_words(text),
        }
    }
}

/// A quote's sentences (from extraction, which knows the language's abbreviations), or the
/// whole quote; the content words of each, and of the whole quote, found once per check.
struct Quoted<'q> {
    sentences: Vec<Passage<'q>>,
    words: Vec<String>,
}

impl<'q> Quoted<'q> {
    fn of(q: &'q Quote) -> Quoted<'q> {
        Quoted {
            sentences: sentences(q),
            words: content_words(&q.text),
        }
    }
}

/// A quote's sentences (from extraction, which knows the language's abbreviations), or the
/// whole quote.
fn sentences(q: &Quote) -> Vec<Passage<'_>> {
    let out: Vec<Passage> = super::paired(&q.sentences)
        .iter()
        .map(|s| q.text[s.start..s.end].trim())
        .filter(|s| !s.is_empty())
        .map(Passage::of)
        .collect();
    if out.is_empty() {
        vec![Passage::of(&q.text)]
    } else {
        out
    }
}

/// The passages to compare, with their overlap: each sentence of `a` with the sentence of `b`
/// that shares the most words with it. A quote one outlet shortens still has its kept
/// sentences compared, and a sentence both quote the same way does not hide one that changed.
fn passage_pairs<'q>(
    (a, qa): (&'q Quote, &Quoted<'q>),
    (b, qb): (&'q Quote, &Quoted<'q>),
) -> Vec<(&'q str, &'q str, f64)> {
    let (sa, sb) = (&qa.sentences, &qb.sentences);
    if sa.len() == 1 && sb.len() == 1 {
        return vec![(
            a.text.as_str(),
            b.text.as_str(),
            overlap(&qa.words, &qb.words),
        )];
    }
    sa.iter()
        // A sentence the other quote has word for word is quoted the same.
        .filter(|x| !sb.iter().any(|y| y.text == x.text))
        .filter_map(|x| {
            let mut best: Option<(f64, &str)> = None;
            for y in sb {
                let o = overlap(&x.words, &y.words);
                if best.is_none_or(|(b, _)| o > b) {
                    best = Some((o, y.text));
                }
            }
            best.map(|(o, y)| (x.text, y, o))
        })
        .collect()
}

/// Where `passage` (a sentence of quote `q`, or all of it) is in the claim `v`.
fn passage_at(v: &ClaimView, q: &Quote, passage: &str) -> Span {
    v.text
        .get(q.span.start..q.span.end)
        .and_then(|quoted| quoted.find(passage))
        .map_or(q.span, |at| {
            Span::new(q.span.start + at, q.span.start + at + passage.len())
        })
}

/// The speaker of two quotes compared, the reference's first: normalised (the evidence's
/// `speaker`) and as written (`speaker_text`, which messages name).
fn speaker_of(qa: &Quote, qb: &Quote) -> (Option<String>, Option<String>) {
    let from_a = qa.speaker.is_some();
    let speaker = qa.speaker.clone().or_else(|| qb.speaker.clone());
    let written = if from_a { qa } else { qb };
    let text = written.speaker_text.clone().or_else(|| speaker.clone());
    (speaker, text)
}

/// A speaker as a message names it.
fn named(speaker_text: &Option<String>) -> &str {
    speaker_text.as_deref().unwrap_or("the same source")
}

pub fn check(rule: &Rule, a: &ClaimView, b: &ClaimView) -> Option<Hit> {
    let min_changed = rule.params.min_changed_words.unwrap_or(1);
    let mut best: Option<(f64, Hit)> = None;
    let mut dropped: Option<Hit> = None;
    let b_quotes = super::paired(&b.features.quotes);
    let b_quoted: Vec<Quoted> = b_quotes.iter().map(Quoted::of).collect();
    for qa in super::paired(&a.features.quotes) {
        let quoted = Quoted::of(qa);
        let sa = &quoted.sentences;
        for (qb, quoted_b) in b_quotes.iter().zip(&b_quoted) {
            let sb = &quoted_b.sentences;
            // "Gianna" and "Floyd's daughter Gianna" are one speaker.
            if let (Some(sa), Some(sb)) = (&qa.speaker, &qb.speaker) {
                if !super::attribution::same_source(sa, sb) {
                    continue;
                }
            }
            for (ta, tb, ov) in passage_pairs((qa, &quoted), (qb, quoted_b)) {
                if ov < MIN_OVERLAP || best.as_ref().is_some_and(|(o, _)| ov <= *o) {
                    continue;
                }
                let ops = word_diff(ta, tb);
                let (del, ins) = changed_words(&ops);
                let count = |ts: &[String]| {
                    ts.iter()
                        .map(|t| crate::normalize::words(t).len())
                        .sum::<usize>()
                };
                // One word replaced by another is one word that differs, not two. A fragment
                // ("une « réelle coordination »") against the whole passage differs by its own
                // words only: the rest of the passage is not quoted, not changed.
                let (na, nb) = (
                    crate::normalize::words(ta).len(),
                    crate::normalize::words(tb).len(),
                );
                let changed = if 3 * na < nb {
                    count(&del)
                } else if 3 * nb < na {
                    count(&ins)
                } else {
                    count(&del).max(count(&ins))
                };
                if changed < min_changed {
                    continue;
                }
                let (speaker, speaker_text) = speaker_of(qa, qb);
                let hit = Hit::new(
                    format!(
                        "{} and {} quote {} differently: {} word(s) differ",
                        a.outlet,
                        b.outlet,
                        named(&speaker_text),
                        changed
                    ),
                    json!({"speaker": speaker, "speaker_text": speaker_text, "left": ta, "right": tb, "removed": del, "added": ins, "diff": ops}),
                )
                .at(Some(passage_at(a, qa, ta)), Some(passage_at(b, qb, tb)));
                best = Some((ov, hit));
            }
            if best.is_none() && dropped.is_none() {
                dropped = dropped_sentence((a, qa, sa), (b, qb, sb));
            }
        }
    }
    best.map(|(_, h)| h).or(dropped)
}

/// One outlet quotes a sentence of the passage that the other leaves out: the quotes share a
/// sentence (the same passage), and a sentence of one matches none of the other's.
fn dropped_sentence(
    (a, qa, sa): (&ClaimView, &Quote, &[Passage]),
    (b, qb, sb): (&ClaimView, &Quote, &[Passage]),
) -> Option<Hit> {
    // matched[i][j]: sentence i of a and sentence j of b are the same passage.
    let matched: Vec<Vec<bool>> = sa
        .iter()
        .map(|x| {
            sb.iter()
                .map(|y| overlap(&x.words, &y.words) >= MIN_OVERLAP)
                .collect()
        })
        .collect();
    if !matched.iter().flatten().any(|&m| m) {
        return None;
    }
    let (longer, shorter, missing) =
        if let Some(i) = (0..sa.len()).find(|&i| !matched[i].contains(&true)) {
            (a, b, sa[i].text)
        } else {
            let j = (0..sb.len()).find(|&j| !matched.iter().any(|row| row[j]))?;
            (b, a, sb[j].text)
        };
    let (speaker, speaker_text) = speaker_of(qa, qb);
    Some(Hit::new(
        format!(
            "{} quotes {} at more length: “{}” is not in {}'s quote",
            longer.outlet,
            named(&speaker_text),
            missing,
            shorter.outlet
        ),
        json!({"speaker": speaker, "speaker_text": speaker_text, "left": qa.text, "right": qb.text, "missing": missing, "missing_from": shorter.id}),
    ).at(Some(qa.span), Some(qb.span)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_reworded_quote_of_a_named_and_an_anaphoric_speaker() {
        use crate::lang::LangCode::En;
        let hit = super::super::testing::run_in(
            En,
            "quote-drift",
            "After the sentencing, President Joe Biden told reporters, \u{201c}I don\u{2019}t know all the circumstances that were considered but it seems to me, under the guidelines, that seems to be appropriate.\u{201d}",
            "\u{201c}I don\u{2019}t know all the circumstances that were considered but it seems to be under the rules , that appear to be appropriate,\u{201d} he said.",
        )
        .expect("reworded");
        assert!(hit.message.contains("differ"), "{}", hit.message);
    }

    #[test]
    fn one_speaker_named_two_ways_is_one_speaker() {
        use crate::lang::LangCode::En;
        let hit = super::super::testing::run_in(
            En,
            "quote-drift",
            "Floyd's daughter, Gianna, said in a video played for the court: \u{201c}I miss you and I love you.\u{201d}",
            "\"I miss him and I love him,\" said Floyd's daughter Gianna.",
        )
        .expect("the same words quoted differently");
        assert!(hit.message.contains("differ"), "{}", hit.message);
    }

    use super::super::testing::run;

    #[test]
    fn reworded_quote_of_the_same_speaker() {
        let a = "\"Les présidents se sont exprimés en faveur d'une coordination réelle des actions russes et américaines\", a indiqué le Kremlin.";
        let b = "\"Les présidents se sont exprimés en faveur d'une véritable coordination entre les actions russes et américaines\", a précisé le Kremlin.";
        let hit = run("quote-drift", a, b).unwrap();
        assert_eq!(hit.evidence["speaker"], "Kremlin");
        assert_eq!(hit.evidence["speaker_text"], "le Kremlin");
        assert!(hit.evidence["added"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("véritable")));
    }

    #[test]
    fn an_abbreviation_does_not_cut_a_quote_in_two() {
        // Cut at "M.", both quotes would start with "Nous avons reçu M." and look the same.
        let a = "\"Nous avons reçu M. Lavrov hier soir au Kremlin. La rencontre a duré deux heures\", a déclaré Peskov.";
        let b = "\"Nous avons reçu M. Kerry hier soir au Kremlin. La rencontre a duré deux heures\", a déclaré Peskov.";
        let hit = run("quote-drift", a, b).expect("the changed name is found");
        assert!(hit.evidence["added"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("Kerry")));
    }

    #[test]
    fn a_sentence_left_out_of_a_quote() {
        let hit = run(
            "quote-drift",
            "« Les secours sont intervenus vite. Je salue leur courage », a déclaré la préfète.",
            "« Les secours sont intervenus vite », a déclaré la préfète.",
        )
        .unwrap();
        assert_eq!(hit.evidence["missing"], "Je salue leur courage");
        assert_eq!(hit.evidence["missing_from"], "a2.c1");
    }

    #[test]
    fn messages_name_the_speaker_as_written() {
        let hit = run(
            "quote-drift",
            "« Je salue leur courage », a déclaré la préfète des Landes.",
            "« Je salue leur dévouement », a déclaré la préfète des Landes.",
        )
        .unwrap();
        assert!(
            hit.message
                .contains("quote la préfète des Landes differently"),
            "{}",
            hit.message
        );
        assert_eq!(hit.evidence["speaker"], "prefete landes");
        assert_eq!(hit.evidence["speaker_text"], "la préfète des Landes");
        let hit = run(
            "quote-drift",
            "« Les secours sont intervenus vite. Je salue leur courage », a déclaré la préfète.",
            "« Les secours sont intervenus vite », a déclaré la préfète.",
        )
        .unwrap();
        assert!(
            hit.message
                .starts_with("afp quotes la préfète at more length"),
            "{}",
            hit.message
        );
    }

    #[test]
    fn one_word_replaced_is_one_word() {
        let hit = run(
            "quote-drift",
            "« Je salue leur courage », a déclaré la préfète.",
            "« Je salue leur dévouement », a déclaré la préfète.",
        )
        .unwrap();
        assert!(hit.message.ends_with("1 word(s) differ"), "{}", hit.message);
    }

    #[test]
    fn same_quote_or_other_speaker_is_not_flagged() {
        let a = "\"Nous sommes prêts\", a déclaré Poutine.";
        assert!(run("quote-drift", a, a).is_none());
        assert!(run(
            "quote-drift",
            a,
            "\"Nous ne sommes pas prêts\", a déclaré Obama."
        )
        .is_none());
    }
}
