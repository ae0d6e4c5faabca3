//! `hedge`: a hedge present on one side only: stated as fact vs reported as possible.
//!
//! Example: « Trump reprendra l'accord » vs « Trump pourrait reprendre l'accord ». Cues come
//! from the language data (conditional mood, "potentielle", "reportedly", "may"…) and the
//! rule's own `patterns`.

use serde_json::json;

use super::{ClaimView, Hit, Rule};

pub const DOC: &str = "One side states as fact what the other reports as possible: a hedge \
(conditional mood, \"pourrait\", \"potentielle\", \"éventuel\", \"may\", \"reportedly\", \
\"alleged\"…) on one side only. Cue words live in rules/lang/*.yaml; `patterns` adds \
regular expressions.\n\
Example: \"Trump reprendra l'accord\" vs \"Trump pourrait reprendre l'accord\".";
pub const PARAMS: &[&str] = &["patterns"];

fn cues(rule: &Rule, v: &ClaimView) -> Vec<String> {
    let mut out: Vec<String> = v.features.hedges.iter().map(|c| c.text.clone()).collect();
    for p in &rule.patterns {
        out.extend(p.find_iter(v.text).map(|m| m.as_str().to_string()));
    }
    out
}

pub fn check(rule: &Rule, a: &ClaimView, b: &ClaimView) -> Option<Hit> {
    let (ca, cb) = (cues(rule, a), cues(rule, b));
    let (hedged, plain, words) = match (ca.is_empty(), cb.is_empty()) {
        (false, true) => (a, b, ca),
        (true, false) => (b, a, cb),
        _ => return None,
    };
    Some(Hit::new(
        format!(
            "{} reports as possible ({}) what {} states as fact",
            hedged.outlet,
            words.join(", "),
            plain.outlet
        ),
        json!({"hedged": hedged.id, "cues": words, "plain": plain.id}),
    ))
}

#[cfg(test)]
mod tests {
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
