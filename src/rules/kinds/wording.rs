//! `wording`: aligned claims whose wording differs beyond a threshold, when nothing more
//! specific applies (the engine runs it last, on pairs without other findings).
//!
//! Example: « Les deux dirigeants se sont entendus pour organiser leur première rencontre »
//! vs « Poutine et Trump ont dit souhaiter organiser une potentielle rencontre ».

use serde_json::json;

use super::{ClaimView, Hit, Rule};
use crate::diff::{changed_words, similarity, DiffOp};

pub const DOC: &str = "Aligned claims are worded differently (word similarity below \
`max_similarity`) and no more specific rule found anything in the pair. The evidence is the \
words removed and added.\n\
Example: \"se sont entendus pour organiser leur première rencontre\" vs \"ont dit souhaiter \
organiser une potentielle rencontre\".";
pub const PARAMS: &[&str] = &["max_similarity"];

pub fn check(rule: &Rule, a: &ClaimView, b: &ClaimView, ops: &[DiffOp]) -> Option<Hit> {
    let sim = similarity(ops);
    if sim >= rule.params.max_similarity.unwrap_or(0.5) {
        return None;
    }
    let (removed, added) = changed_words(ops);
    Some(Hit::new(
        format!(
            "{} and {} word this differently ({:.0} % of words shared)",
            a.outlet,
            b.outlet,
            sim * 100.0
        ),
        json!({"similarity": (sim * 1000.0).round() / 1000.0, "removed": removed, "added": added}),
    ))
}
