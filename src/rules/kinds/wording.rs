//! `wording`: aligned claims that may not state the same thing, by the equivalence test
//! ([`crate::align::equivalence`]), when nothing more specific applies (the engine runs it
//! last, on pairs without other findings above `info`).
//!
//! Example: « Trump a jugé "très positive" la conversation » vs « Trump a jugé "très
//! positive" la conversation, qui a duré une heure selon lui, et a promis de rencontrer
//! bientôt son homologue » (one claim adds a whole clause).

use serde_json::json;

use super::{ClaimView, Hit, Rule};
use crate::align::equivalence::Assessment;
use crate::diff::{changed_words, similarity, DiffOp};
use crate::output::round3;

pub const DOC: &str = "Aligned claims may not state the same thing: the equivalence test \
(`rules/equivalence.yaml`) puts the chance that they do below `min_equivalence` (by default \
the test's own threshold), and no more specific rule found anything above `info` in the pair. The test \
weighs ten plain measures: term overlap, how much of the longer statement the other covers, \
containment of one in the other, word order, the longest run of words one claim adds, character overlap, \
length, numbers on one side only and negation. The evidence lists the measures that weighed \
most and the words removed and added.\n\
Example: \"Trump a jugé la conversation très positive\" vs \"Trump a jugé la conversation, \
qui a duré une heure selon lui, très positive et a promis de rencontrer bientôt son \
homologue\" (the second adds a whole clause).";
pub const PARAMS: &[&str] = &["min_equivalence"];

/// A headline rewritten between two versions, when no rule found more: what changed, and
/// whether the test still reads the two as one statement.
pub fn headline_rewrite(
    a: &ClaimView,
    b: &ClaimView,
    ops: &[DiffOp],
    equivalence: &Assessment,
) -> Hit {
    let (removed, added) = changed_words(ops);
    Hit::new(
        format!(
            "{} rewords {}: {} → {} (equivalence {:.2})",
            b.outlet,
            a.outlet,
            quoted(&removed),
            quoted(&added),
            equivalence.probability
        ),
        json!({
            "headline": true,
            "equivalence": round3(equivalence.probability),
            "similarity": round3(similarity(ops)),
            "removed": removed,
            "added": added,
        }),
    )
}

/// Words a diff removed or added, as a message quotes them ("nothing" when none).
fn quoted(words: &[String]) -> String {
    if words.is_empty() {
        "nothing".to_string()
    } else {
        // Punctuation is a word of the diff: "sinks, 300", not "sinks , 300".
        let joined = words.join(" ");
        format!("\"{}\"", joined.replace(" ,", ",").replace(" .", "."))
    }
}

pub fn check(
    rule: &Rule,
    a: &ClaimView,
    b: &ClaimView,
    ops: &[DiffOp],
    equivalence: &Assessment,
) -> Option<Hit> {
    let below = match rule.params.min_equivalence {
        Some(min) => equivalence.probability < min,
        None => !equivalence.equivalent,
    };
    if !below {
        return None;
    }
    let (removed, added) = changed_words(ops);
    Some(Hit::new(
        format!(
            "{} and {} may not state the same thing (equivalence {:.2}): {}",
            a.outlet,
            b.outlet,
            equivalence.probability,
            equivalence.summary(2)
        ),
        json!({
            "equivalence": round3(equivalence.probability),
            "reasons": equivalence.reasons.iter().take(3).collect::<Vec<_>>(),
            "similarity": round3(similarity(ops)),
            "removed": removed,
            "added": added,
        }),
    ))
}
