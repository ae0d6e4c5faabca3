//! `quote`: quoted words that differ between outlets quoting the same speaker.
//!
//! Example: AFP « une coordination réelle des actions russes et américaines » vs Reuters
//! « une véritable coordination entre les actions russes et américaines », both from the
//! Kremlin's statement. The word diff of the two quotes is the evidence.

use serde_json::json;

use super::{content_words, ClaimView, Hit, Rule};
use crate::diff::{changed_words, word_diff};

pub const DOC: &str = "Outlets quote the same speaker with different words. Two quotes are \
compared when their speakers agree (or one is unknown, e.g. \"la même source\") and they share \
enough words to be the same passage; at least `min_changed_words` words must differ. The \
evidence is the word diff of the quotes.\n\
Example: « coordination réelle des actions russes et américaines » vs « véritable coordination \
entre les actions russes et américaines ».";
pub const PARAMS: &[&str] = &["min_changed_words"];

/// Share of content words two quotes must share to be the same passage.
const MIN_OVERLAP: f64 = 0.3;

fn overlap(a: &str, b: &str) -> f64 {
    let (wa, wb) = (content_words(a), content_words(b));
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let shared = wa.iter().filter(|w| wb.contains(w)).count();
    shared as f64 / wa.len().min(wb.len()) as f64
}

/// Sentences of a quote (split at ". " followed by a capital).
fn sentences(q: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in q.match_indices(". ") {
        if q[i + 2..].starts_with(char::is_uppercase) {
            out.push(q[start..i + 1].trim());
            start = i + 2;
        }
    }
    out.push(q[start..].trim());
    out
}

/// The pair of sentences, one from each quote, that share the most words.
fn closest_passages<'a>(a: &'a str, b: &'a str) -> (&'a str, &'a str) {
    let (sa, sb) = (sentences(a), sentences(b));
    if sa.len() == 1 && sb.len() == 1 {
        return (a, b);
    }
    let mut best = (a, b, overlap(a, b));
    for x in &sa {
        for y in &sb {
            let o = overlap(x, y);
            if o > best.2 {
                best = (x, y, o);
            }
        }
    }
    (best.0, best.1)
}

pub fn check(rule: &Rule, a: &ClaimView, b: &ClaimView) -> Option<Hit> {
    let min_changed = rule.params.min_changed_words.unwrap_or(1);
    let mut best: Option<(f64, Hit)> = None;
    for qa in &a.features.quotes {
        for qb in &b.features.quotes {
            if let (Some(sa), Some(sb)) = (&qa.speaker, &qb.speaker) {
                if sa != sb {
                    continue;
                }
            }
            // A quote of several sentences is compared by its sentence closest to the other.
            let (ta, tb) = closest_passages(&qa.text, &qb.text);
            let ov = overlap(ta, tb);
            if ov < MIN_OVERLAP {
                continue;
            }
            let ops = word_diff(ta, tb);
            let (del, ins) = changed_words(&ops);
            let changed = del
                .iter()
                .chain(&ins)
                .map(|t| crate::normalize::words(t).len())
                .sum::<usize>();
            if changed < min_changed {
                continue;
            }
            let speaker = qa.speaker.clone().or_else(|| qb.speaker.clone());
            let hit = Hit::new(
                format!(
                    "{} and {} quote {} differently: {} word(s) differ",
                    a.outlet,
                    b.outlet,
                    speaker.as_deref().unwrap_or("the same source"),
                    changed
                ),
                json!({"speaker": speaker, "left": ta, "right": tb, "removed": del, "added": ins, "diff": ops}),
            );
            if best.as_ref().is_none_or(|(o, _)| ov > *o) {
                best = Some((ov, hit));
            }
        }
    }
    best.map(|(_, h)| h)
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;

    #[test]
    fn reworded_quote_of_the_same_speaker() {
        let a = "\"Les présidents se sont exprimés en faveur d'une coordination réelle des actions russes et américaines\", a indiqué le Kremlin.";
        let b = "\"Les présidents se sont exprimés en faveur d'une véritable coordination entre les actions russes et américaines\", a précisé le Kremlin.";
        let hit = run("quote-drift", a, b).unwrap();
        assert_eq!(hit.evidence["speaker"], "Kremlin");
        assert!(hit.evidence["added"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("véritable")));
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
