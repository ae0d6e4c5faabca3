//! `negation`: a negation present on one side only.
//!
//! Example: « Moscou souhaitait voir une telle situation » vs « Moscou ne souhaitait pas voir
//! une telle situation ». A negation counts only where the other side has the words it
//! negates, so an extra negated clause that one outlet adds is not a flip.

use serde_json::json;

use super::{content_words, ClaimView, Hit, Rule};

pub const DOC: &str = "A negation (\"ne … pas/plus/jamais/aucun/guère\", \"sans\", \"not\", \
\"never\", \"no\"…) is present on one side only, around words both sides share. `patterns` \
adds regular expressions.\n\
Example: \"Moscou souhaitait voir\" vs \"Moscou ne souhaitait pas voir\".";
pub const PARAMS: &[&str] = &["patterns"];

/// Negation cues of `v` (text and the words right after them).
fn cues(rule: &Rule, v: &ClaimView) -> Vec<(String, String)> {
    let mut spans: Vec<(usize, usize)> = v
        .features
        .negations
        .iter()
        .map(|c| (c.span.start, c.span.end))
        .collect();
    for p in &rule.patterns {
        spans.extend(p.find_iter(v.text).map(|m| (m.start(), m.end())));
    }
    spans
        .into_iter()
        .map(|(s, e)| {
            let after: String = v.text[e..]
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            (
                v.text[s..e].to_string(),
                format!("{} {after}", &v.text[s..e]),
            )
        })
        .collect()
}

/// Cues of `xs` that `ys` lacks (by folded cue words, counted), anchored in `other`'s words.
fn extra<'c>(
    xs: &'c [(String, String)],
    ys: &[(String, String)],
    other: &ClaimView,
) -> Vec<&'c (String, String)> {
    if xs.len() <= ys.len() && xs.iter().all(|x| ys.iter().any(|y| y.0 == x.0)) {
        // Nothing on this side that the other lacks (the common case: no cue at all).
        return Vec::new();
    }
    let mut unmatched: Vec<String> = ys.iter().map(|y| crate::normalize::fold(&y.0)).collect();
    let other_words = content_words(other.text);
    xs.iter()
        .filter(|x| {
            let f = crate::normalize::fold(&x.0);
            match unmatched.iter().position(|u| *u == f) {
                Some(i) => {
                    unmatched.remove(i);
                    false
                }
                None => true,
            }
        })
        .filter(|(_, around)| {
            content_words(around)
                .iter()
                .any(|w| other_words.contains(w))
        })
        .collect()
}

pub fn check(rule: &Rule, a: &ClaimView, b: &ClaimView) -> Option<Hit> {
    let (ca, cb) = (cues(rule, a), cues(rule, b));
    let (ea, eb) = (extra(&ca, &cb, b), extra(&cb, &ca, a));
    let (neg, other, list) = match (ea.is_empty(), eb.is_empty()) {
        (false, true) => (a, b, ea),
        (true, false) => (b, a, eb),
        _ => return None,
    };
    let first = list.first()?;
    Some(Hit::new(
        format!(
            "{} negates (\"{}\") what {} affirms",
            neg.outlet, first.0, other.outlet
        ),
        json!({"negated": neg.id, "cues": list.iter().map(|c| &c.0).collect::<Vec<_>>(), "affirmed": other.id}),
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
