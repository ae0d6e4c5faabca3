//! `negation`: a negation present on one side only.
//!
//! Example: « Moscou souhaitait voir une telle situation » vs « Moscou ne souhaitait pas voir
//! une telle situation ». A negation counts only where the other side has the words it
//! negates, so an extra negated clause that one outlet adds is not a flip.

use serde_json::json;

use super::{anchored, content_words, cue_spans, ClaimView, Hit, Rule};

pub const DOC: &str = "A negation (\"ne … pas/plus/jamais/aucun/guère\", \"sans\", \"not\", \
\"never\", \"no\"…) is present on one side only, around words both sides share. `patterns` \
adds regular expressions.\n\
Example: \"Moscou souhaitait voir\" vs \"Moscou ne souhaitait pas voir\".";
pub const PARAMS: &[&str] = &["patterns"];

/// Cues of `a` that `b` lacks (compared by folded cue words, counted), whose neighbourhood
/// (the cue and the three words after it) `b` shares.
fn extra(rule: &Rule, a: &ClaimView, b: &ClaimView) -> Vec<String> {
    let fold_cue = |v: &ClaimView, (s, e): (usize, usize)| crate::normalize::fold(&v.text[s..e]);
    let mine = cue_spans(&a.features.negations, rule, a.text);
    if mine.is_empty() {
        return Vec::new();
    }
    let mut theirs: Vec<String> = cue_spans(&b.features.negations, rule, b.text)
        .into_iter()
        .map(|span| fold_cue(b, span))
        .collect();
    let unmatched: Vec<(usize, usize)> = mine
        .into_iter()
        .filter(
            |&span| match theirs.iter().position(|t| *t == fold_cue(a, span)) {
                Some(i) => {
                    theirs.remove(i);
                    false
                }
                None => true,
            },
        )
        .collect();
    if unmatched.is_empty() {
        return Vec::new();
    }
    let other_words = content_words(b.text);
    unmatched
        .into_iter()
        .filter(|&span| anchored(a.text, span, 0, 3, &other_words))
        .map(|(s, e)| a.text[s..e].to_string())
        .collect()
}

pub fn check(rule: &Rule, a: &ClaimView, b: &ClaimView) -> Option<Hit> {
    let (ea, eb) = (extra(rule, a, b), extra(rule, b, a));
    let (neg, other, list) = match (ea.is_empty(), eb.is_empty()) {
        (false, true) => (a, b, ea),
        (true, false) => (b, a, eb),
        _ => return None,
    };
    let first = list.first()?;
    Some(Hit::new(
        format!(
            "{} negates (\"{}\") what {} affirms",
            neg.outlet, first, other.outlet
        ),
        json!({"negated": neg.id, "cues": list, "affirmed": other.id}),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;

    #[test]
    fn negation_flip() {
        assert!(run(
            "negation-flip",
            "Moscou souhaitait voir une telle situation.",
            "Moscou ne souhaitait pas voir une telle situation."
        )
        .is_some());
        assert!(run(
            "negation-flip",
            "Moscou ne souhaitait pas voir cela.",
            "Moscou ne souhaitait pas voir cela."
        )
        .is_none());
    }

    #[test]
    fn extra_negated_clause_is_not_a_flip() {
        assert!(run(
            "negation-flip",
            "Les présidents ont parlé de la Syrie.",
            "Les présidents ont parlé de la Syrie, sans évoquer les sanctions."
        )
        .is_none());
    }
}
