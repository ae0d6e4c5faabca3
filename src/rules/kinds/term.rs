//! `term`: outlets use different words of a watch-list set for the same thing.
//!
//! Example: « l'annexion de la Crimée » vs « le rattachement de la Crimée ». The sets live in
//! the rule file's `lexicons` (the rule's `lexicon` names one); alignment treats the words of
//! a set as one term, so the claims still align.

use serde_json::json;

use super::{ClaimView, Hit};

pub const DOC: &str = "Outlets use different words of a watch-list set (a `lexicons:` entry \
named by the rule's `lexicon`) for the same thing. Alignment treats the words of one set as \
one term, so the claims still align; this rule shows the choice of words.\n\
Example: \"l'annexion de la Crimée\" vs \"le rattachement de la Crimée\".";
pub const PARAMS: &[&str] = &["lexicon"];

pub fn check(a: &ClaimView, b: &ClaimView) -> Option<Hit> {
    for ta in a.features.terms.iter().filter(|t| t.key.starts_with('~')) {
        let same_set: Vec<&str> = b
            .features
            .terms
            .iter()
            .filter(|t| t.key == ta.key)
            .map(|t| t.surface.as_str())
            .collect();
        if same_set.is_empty() || same_set.contains(&ta.surface.as_str()) {
            continue;
        }
        return Some(Hit::new(
            format!(
                "{} writes \"{}\", {} writes \"{}\"",
                a.outlet, ta.surface, b.outlet, same_set[0]
            ),
            json!({"left": ta.surface, "right": same_set[0], "set": ta.key.trim_start_matches('~')}),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;

    #[test]
    fn watch_list_words() {
        let hit = run(
            "loaded-term",
            "Les sanctions ont suivi l'annexion de la Crimée.",
            "Les sanctions ont suivi le rattachement de la Crimée.",
        )
        .unwrap();
        assert_eq!(hit.evidence["left"], "annexion");
        assert_eq!(hit.evidence["right"], "rattachement");
        assert!(run(
            "loaded-term",
            "Après l'annexion de la Crimée.",
            "Après l'annexion de la Crimée."
        )
        .is_none());
    }
}
