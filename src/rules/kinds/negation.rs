//! `negation`: a negation present on one side only, or a word one side reverses with its
//! opposite (the language's `opposites`: « confirmé » / « démenti », "rose" / "fell").
//!
//! Example: « Moscou souhaitait voir une telle situation » vs « Moscou ne souhaitait pas voir
//! une telle situation ». A negation or an opposite counts only where the other side has the
//! words around it, so an extra clause that one outlet adds is not a flip.

use serde_json::json;

use super::{anchored, content_words, cue_spans, ClaimView, Hit, Rule};
use crate::extract::Polarity;

pub const DOC: &str = "A negation (\"ne … pas/plus/jamais/aucun/guère\", \"sans\", \"not\", \
\"never\", \"no\"…) is present on one side only, around words both sides share; or one side \
says a word where the other says its opposite (the `opposites` of rules/lang: \"confirmé\" / \
\"démenti\", \"rose\" / \"fell\", \"voted for\" / \"voted against\"). `patterns` adds \
regular expressions for negation cues.\n\
Examples: \"Moscou souhaitait voir\" vs \"Moscou ne souhaitait pas voir\"; \"Le Kremlin a \
confirmé l'entretien\" vs \"Le Kremlin a démenti l'entretien\".";
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

/// A word of `a` whose opposite `b` says instead: neither claim has both sides of the pair,
/// and `b` shares words around the word of `a` and `a` around the word of `b`.
fn reversal<'v>(a: &'v ClaimView, b: &'v ClaimView) -> Option<(&'v Polarity, &'v Polarity)> {
    let has = |v: &ClaimView, pair: usize, side: usize| {
        v.features
            .polarity
            .iter()
            .any(|p| p.pair == pair && p.side == side)
    };
    if a.features.polarity.is_empty() || b.features.polarity.is_empty() {
        return None;
    }
    let (wa, wb) = (content_words(a.text), content_words(b.text));
    a.features.polarity.iter().find_map(|pa| {
        if has(a, pa.pair, 1 - pa.side) || has(b, pa.pair, pa.side) {
            return None;
        }
        let pb = b
            .features
            .polarity
            .iter()
            .find(|pb| pb.pair == pa.pair && pb.side != pa.side)?;
        let around = |v: &ClaimView, p: &Polarity, other: &[String]| {
            anchored(v.text, (p.span.start, p.span.end), 2, 3, other)
        };
        (around(a, pa, &wb) && around(b, pb, &wa)).then_some((pa, pb))
    })
}

pub fn check(rule: &Rule, a: &ClaimView, b: &ClaimView) -> Option<Hit> {
    if let Some((pa, pb)) = reversal(a, b) {
        return Some(Hit::new(
            format!(
                "{} says \"{}\" where {} says \"{}\"",
                a.outlet, pa.text, b.outlet, pb.text
            ),
            json!({"reversed": [pa.text, pb.text], "claims": [a.id, b.id]}),
        ));
    }
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
    fn opposite_words_reverse_a_claim() {
        let hit = run(
            "negation-flip",
            "Le Kremlin a confirmé la tenue d'un entretien téléphonique samedi.",
            "Le Kremlin a démenti la tenue d'un entretien téléphonique samedi.",
        )
        .expect("a reversal");
        assert!(hit.message.contains("\"confirmé\"") && hit.message.contains("\"démenti\""));
        // Both words on each side: nothing is reversed.
        assert!(run(
            "negation-flip",
            "Les prix ont augmenté à Paris mais baissé à Lyon.",
            "Les prix ont baissé à Lyon mais augmenté à Paris."
        )
        .is_none());
        // The opposite word sits in a clause the other claim does not have.
        assert!(run(
            "negation-flip",
            "Le gouvernement a confirmé la réforme des retraites.",
            "Le gouvernement a confirmé la réforme des retraites, tandis que les syndicats démentent toute négociation secrète.",
        )
        .is_none());
    }

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
