//! `hedge`: a hedge present on one side only: stated as fact vs reported as possible.
//!
//! Example: « Trump reprendra l'accord » vs « Trump pourrait reprendre l'accord ». Cues come
//! from the language data (conditional mood, "potentielle", "reportedly", "may"…) and the
//! rule's own `patterns`.

use serde_json::json;

use super::{anchored, content_words, cue_spans, ClaimView, Hit, Rule};
use crate::source::Span;

pub const DOC: &str = "One side states as fact what the other reports as possible: a hedge \
(conditional mood, \"pourrait\", \"potentielle\", \"éventuel\", \"may\", \"reportedly\", \
\"alleged\"…) on one side only. Cue words live in rules/lang/*.yaml; `patterns` adds \
regular expressions.\n\
Example: \"Trump reprendra l'accord\" vs \"Trump pourrait reprendre l'accord\".";
pub const PARAMS: &[&str] = &["patterns"];

/// Hedge cues of `v` (at `spans`) whose neighbourhood (two words before, the cue, three
/// after) the `other` claim shares.
fn anchored_cues(v: &ClaimView, spans: &[(usize, usize)], other: &ClaimView) -> Vec<Span> {
    if spans.is_empty() {
        return Vec::new();
    }
    let other_words = content_words(other.text);
    spans
        .iter()
        .filter(|&&span| anchored(v.text, span, 2, 3, &other_words))
        .map(|&(s, e)| Span::new(s, e))
        .collect()
}

pub fn check(rule: &Rule, a: &ClaimView, b: &ClaimView) -> Option<Hit> {
    let (sa, sb) = (
        cue_spans(&a.features.hedges, rule, a.text),
        cue_spans(&b.features.hedges, rule, b.text),
    );
    // The plain side must have no hedge at all, anchored or not: only one side can be hedged.
    let (hedged, spans, plain) = match (sa.is_empty(), sb.is_empty()) {
        (false, true) => (a, &sa, b),
        (true, false) => (b, &sb, a),
        _ => return None,
    };
    let cues = anchored_cues(hedged, spans, plain);
    let first = *cues.first()?;
    let words: Vec<&str> = cues.iter().map(|c| &hedged.text[c.start..c.end]).collect();
    let at = if std::ptr::eq(hedged, a) {
        (Some(first), None)
    } else {
        (None, Some(first))
    };
    Some(
        Hit::new(
            format!(
                "{} reports as possible ({}) what {} states as fact",
                hedged.outlet,
                words.join(", "),
                plain.outlet
            ),
            json!({"hedged": hedged.id, "cues": words, "plain": plain.id}),
        )
        .at(at.0, at.1),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_provisional_toll_is_hedged() {
        assert!(super::super::testing::run(
            "hedge-change",
            "Le bilan provisoire était de onze morts, selon la préfecture.",
            "Le bilan était de onze morts, selon la préfecture.",
        )
        .is_some());
    }

    use super::super::testing::run;

    #[test]
    fn hedge_on_one_side() {
        let hit = run(
            "hedge-change",
            "Trump reprendra l'accord de coopération militaire.",
            "Trump pourrait reprendre l'accord de coopération militaire.",
        )
        .unwrap();
        assert_eq!(hit.evidence["cues"][0], "pourrait");
        assert!(run(
            "hedge-change",
            "Trump pourrait reprendre l'accord.",
            "Trump pourrait reprendre l'accord."
        )
        .is_none());
    }
}
