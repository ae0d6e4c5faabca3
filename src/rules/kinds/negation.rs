//! `negation`: a negation present on one side only, or a word one side reverses with its
//! opposite (the language's `opposites`: « confirmé » / « démenti », "rose" / "fell").
//!
//! Example: « Moscou souhaitait voir une telle situation » vs « Moscou ne souhaitait pas voir
//! une telle situation ». A negation or an opposite counts only where the other side has the
//! words around it, so an extra clause that one outlet adds is not a flip.

use serde_json::json;

use super::{anchored, cue_spans, ClaimView, Hit, LazyWords, Rule};
use crate::extract::Polarity;
use crate::source::Span;

pub const DOC: &str = "A negation (\"ne … pas/plus/jamais/aucun/guère\", \"sans\", \"not\", \
\"never\", \"no\"…) is present on one side only, around words both sides share; or one side \
says a word where the other says its opposite (the `opposites` of rules/lang: \"confirmé\" / \
\"démenti\", \"rose\" / \"fell\", \"voted for\" / \"voted against\"). `patterns` adds \
regular expressions for negation cues.\n\
Examples: \"Moscou souhaitait voir\" vs \"Moscou ne souhaitait pas voir\"; \"Le Kremlin a \
confirmé l'entretien\" vs \"Le Kremlin a démenti l'entretien\".";
pub const PARAMS: &[&str] = &["patterns"];

/// One side of a pair as the negation check reads it: its negation cues (extraction's and
/// the rule's patterns), and its content words when an anchor must be checked.
struct Side<'v> {
    view: &'v ClaimView<'v>,
    cues: Vec<(usize, usize)>,
    words: LazyWords<'v>,
}

impl<'v> Side<'v> {
    fn new(rule: &Rule, view: &'v ClaimView<'v>) -> Side<'v> {
        Side {
            view,
            cues: cue_spans(&view.features.negations, rule, view.text),
            words: LazyWords::new(view.text),
        }
    }

    fn cue(&self, (s, e): (usize, usize)) -> String {
        crate::normalize::fold(&self.view.text[s..e])
    }
}

/// Cues of `a` that `b` lacks (compared by folded cue words, counted).
fn unmatched(a: &Side, b: &Side) -> Vec<(usize, usize)> {
    let mut theirs: Vec<String> = b.cues.iter().map(|&span| b.cue(span)).collect();
    a.cues
        .iter()
        .copied()
        .filter(|&span| {
            let mine = a.cue(span);
            match theirs.iter().position(|t| *t == mine) {
                Some(i) => {
                    theirs.remove(i);
                    false
                }
                None => true,
            }
        })
        .collect()
}

/// Cues of `a` that `b` lacks (compared by folded cue words, counted), whose neighbourhood
/// (the cue and the three words after it) `b` shares, when `b` has no cue of its own that `a`
/// lacks ("no ongoing threat" against "we do not believe there is any further threat": both
/// sides negate, with different words).
fn extra(a: &Side, b: &Side) -> Vec<Span> {
    if a.cues.is_empty() {
        return Vec::new();
    }
    // A negation of b's own that a lacks: both sides negate, in other words ("n'avait pas
    // anticipé" / "n'était pas prévue"); the negation is not on one side only.
    if !unmatched(b, a).is_empty() {
        return Vec::new();
    }
    unmatched(a, b)
        .into_iter()
        .filter(|&span| {
            anchored(a.view.text, span, 0, 3, b.words.get()) && negated_shared(a, span, b)
        })
        .map(|(s, e)| Span::new(s, e))
        .collect()
}

/// The word a cue negates (the first content word after it, within three words) is one `b`
/// says too: "not able to give a statement" against "would give them peace of mind" shares
/// "give" but not what is negated.
fn negated_shared(a: &Side, (_, end): (usize, usize), b: &Side) -> bool {
    let tail: Vec<&str> = a.view.text[end..].split_whitespace().take(3).collect();
    match super::content_words(&tail.join(" ")).first() {
        Some(w) => b.words.get().contains(w),
        None => true,
    }
}

/// A word of `a` whose opposite `b` says instead: neither claim has both sides of the pair,
/// and `b` shares words around the word of `a` and `a` around the word of `b`.
fn reversal<'v>(a: &Side<'v>, b: &Side<'v>) -> Option<(&'v Polarity, &'v Polarity)> {
    let (pa_all, pb_all) = (&a.view.features.polarity, &b.view.features.polarity);
    let has = |all: &[Polarity], pair: usize, side: usize| {
        all.iter().any(|p| p.pair == pair && p.side == side)
    };
    pa_all.iter().find_map(|pa| {
        if has(pa_all, pa.pair, 1 - pa.side) || has(pb_all, pa.pair, pa.side) {
            return None;
        }
        let pb = pb_all
            .iter()
            .find(|pb| pb.pair == pa.pair && pb.side != pa.side)?;
        let around = |v: &Side, p: &Polarity, other: &Side| {
            anchored(
                v.view.text,
                (p.span.start, p.span.end),
                2,
                3,
                other.words.get(),
            )
        };
        (around(a, pa, b) && around(b, pb, a)).then_some((pa, pb))
    })
}

pub fn check(rule: &Rule, a: &ClaimView, b: &ClaimView) -> Option<Hit> {
    let (sa, sb) = (Side::new(rule, a), Side::new(rule, b));
    if let Some((pa, pb)) = reversal(&sa, &sb) {
        return Some(
            Hit::new(
                format!(
                    "{} says \"{}\" where {} says \"{}\"",
                    a.outlet, pa.text, b.outlet, pb.text
                ),
                json!({"reversed": [pa.text, pb.text], "claims": [a.id, b.id]}),
            )
            .at(Some(pa.span), Some(pb.span)),
        );
    }
    let (ea, eb) = (extra(&sa, &sb), extra(&sb, &sa));
    let (neg, other, spans, at) = match (ea.first(), eb.first()) {
        (Some(&s), None) => (a, b, ea, (Some(s), None)),
        (None, Some(&s)) => (b, a, eb, (None, Some(s))),
        _ => return None,
    };
    let list: Vec<&str> = spans.iter().map(|s| &neg.text[s.start..s.end]).collect();
    let first = list[0];
    Some(
        Hit::new(
            format!(
                "{} negates (\"{}\") what {} affirms",
                neg.outlet, first, other.outlet
            ),
            json!({"negated": neg.id, "cues": list, "affirmed": other.id}),
        )
        .at(at.0, at.1),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_negation_of_a_word_the_other_side_does_not_say_is_no_flip() {
        use crate::lang::LangCode::En;
        assert!(super::super::testing::run_in(
            En,
            "negation-flip",
            "Chauvin said: \"I am not able to give a full statement, but I hope things will give you some peace of mind.\"",
            "Chauvin said more information would come that would give them some peace of mind.",
        )
        .is_none());
        assert!(super::super::testing::run_in(
            En,
            "negation-flip",
            "The minister said he was able to give a full statement.",
            "The minister said he was not able to give a full statement.",
        )
        .is_some());
    }

    use super::super::testing::{run, run_in};

    #[test]
    fn two_negations_in_other_words_are_no_flip() {
        assert!(run(
            "negation-flip",
            "L’Insee n’avait pas anticipé cette nouvelle baisse dans sa note de juin.",
            "La baisse du chômage n'était pas prévue par l'Insee dans sa note de juin.",
        )
        .is_none());
        assert!(run(
            "negation-flip",
            "L'Insee avait anticipé cette nouvelle baisse dans sa note de juin.",
            "L'Insee n'avait pas anticipé cette nouvelle baisse dans sa note de juin.",
        )
        .is_some());
    }

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
    fn both_sides_negated_with_different_words_is_no_flip() {
        use crate::lang::LangCode::En;
        assert!(run_in(
            En,
            "negation-flip",
            "\"There is no ongoing threat to the public,\" Bryant said at a news conference.",
            "\"At this time, we do not believe there is any further threat to the public,\" Bryant said at a news conference.",
        )
        .is_none());
        assert!(run(
            "negation-flip",
            "Selon la SNCF, le conducteur du TER ignorait que le camion était bloqué sur la voie.",
            "Selon la SNCF, le conducteur du TER ne savait pas que le camion était bloqué sur la voie.",
        )
        .is_none());
        // A negation of the other side elsewhere in the claim does not answer this one.
        assert!(run_in(
            En,
            "negation-flip",
            "Police said the suspect was not armed and had no accomplices.",
            "Police said the suspect was armed and had no accomplices.",
        )
        .is_some());
        assert!(run_in(
            En,
            "negation-flip",
            "There is no threat to the public, police said, but they have not found the gun.",
            "There is a threat to the public, police said, but they have not found the gun.",
        )
        .is_some());
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
