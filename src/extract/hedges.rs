//! Hedges: the words that make a claim less than certain ("pourraient", "peut-être",
//! "appeared to"). The hedge rule flags an outlet that states as a fact what another hedges.
//! A conditional reported after a past tense ("il a annoncé qu'il se rendrait") is the
//! future of the past, not a hedge.

use super::Cue;
use crate::lang::Lang;
use crate::normalize::WordSpan;
use crate::source::Span;

/// Hedge cues. Words inside a date are not cues: "May" in "May 20" is the month.
pub(super) fn find_hedges(
    text: &str,
    ws: &[WordSpan],
    folded: &[String],
    lang: &Lang,
    dates: &crate::normalize::SpanCover,
) -> Vec<Cue> {
    let mut out = Vec::new();
    let patterns = &lang.patterns().hedges;
    for (k, f) in folded.iter().enumerate() {
        let w = ws[k];
        let word = &text[w.start..w.end];
        let by_word = lang.hedge_words.contains(f);
        // Hedge patterns describe one whole word ("-erait"): tried on each word, which is
        // short, rather than on the whole claim.
        let matched = patterns.iter().any(|p| p.is_match(word));
        let by_pattern = matched && !lang.hedge_exceptions.contains(f);
        // A conditional reported after a past tense is the future of the past.
        let reported = matched && in_reported_past_clause(text, ws, folded, lang, k);
        if (by_word || by_pattern) && !reported && !w.inside_any(dates) {
            out.push(Cue {
                span: Span::new(w.start, w.end),
                text: word.to_string(),
            });
        }
    }
    for phrase in &lang.hedge_phrases {
        for k in 0..folded.len() {
            if folded[k..].starts_with(phrase) {
                let span = Span::new(ws[k].start, ws[k + phrase.len() - 1].end);
                out.push(Cue {
                    span,
                    text: text[span.start..span.end].to_string(),
                });
            }
        }
    }
    out.sort_by_key(|c| c.span.start);
    out
}

/// Is word `k` in a clause reported after a reporting verb in a past tense, "il a annoncé
/// qu'il se rendrait jeudi"? The language's `hedges.reported` says which words open the
/// clause and which verbs report in a past tense; the opener is the nearest one before `k`
/// in the same sentence, and the verb is at most four words before the opener.
fn in_reported_past_clause(
    text: &str,
    ws: &[WordSpan],
    folded: &[String],
    lang: &Lang,
    k: usize,
) -> bool {
    /// Words between a reporting verb and the clause it opens: "a annoncé jeudi soir que".
    const MAX_GAP: usize = 4;
    /// Words between a past auxiliary and its participle: "a-t-il aussi annoncé".
    const MAX_AUX_GAP: usize = 3;
    let r = &lang.hedge_reported;
    if r.openers.is_empty() {
        return false;
    }
    // Does the text between word i and word i + 1 end a sentence or a quotation?
    let breaks = |i: usize| {
        let gap = &text[ws[i].end..ws[i + 1].start];
        gap.contains(['.', '!', '?', ';', ':']) || gap.chars().any(|c| lang.is_quote_mark(c))
    };
    let mut j = k;
    loop {
        if j == 0 || breaks(j - 1) {
            return false;
        }
        j -= 1;
        if r.openers.contains(&folded[j]) {
            break;
        }
    }
    for v in (j.saturating_sub(MAX_GAP)..j).rev() {
        if breaks(v) {
            return false;
        }
        let w = &folded[v];
        if r.past_forms.contains(w) {
            return true;
        }
        if (lang.attribution_verbs.contains(w) || r.participles.contains(w))
            && (v.saturating_sub(MAX_AUX_GAP)..v).any(|a| r.auxiliaries.contains(&folded[a]))
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::extract::test_claims::{cue_texts, features, features_in};
    use crate::lang::LangCode;

    #[test]
    fn hedge_words_patterns_and_phrases() {
        let f = features("La Russie et les Etats-Unis pourraient aboutir à un accord sur une potentielle coordination.");
        let h: Vec<&str> = f.hedges.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(h, ["pourraient", "potentielle"]);
        let f = features("Un portrait du président.");
        assert!(f.hedges.is_empty());
        // A hedge written with a hyphen is a phrase of the claim's words.
        let f = features("Il viendra peut-être demain.");
        let h: Vec<&str> = f.hedges.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(h, ["peut-être"]);
    }

    #[test]
    fn a_month_is_no_hedge() {
        let cues = |t: &str| cue_texts(t, LangCode::En, |f| f.hedges);
        assert_eq!(cues("The talks may resume on May 20."), ["may"]);
        assert!(cues("The talks will resume on May 20.").is_empty());
    }

    #[test]
    fn the_conditional_is_a_hedge_and_the_imperfect_is_not() {
        let hedged = |w: &str| {
            !features(&format!("Le conducteur {w} en gare à midi."))
                .hedges
                .is_empty()
        };
        for w in [
            "aurait",
            "serait",
            "pourrait",
            "devrait",
            "faudrait",
            "voudrait",
            "saurait",
            "ferait",
            "viendrait",
            "prendrait",
            "mettrait",
            "dirait",
            "finirait",
            "entrerait",
            "assurerait",
            "auraient",
            "pourraient",
            "entreraient",
            "irait",
            "verrait",
            "recevrait",
            "connaîtrait",
            "vivrait",
            "suivrait",
            "conclurait",
            "permettrait",
            "tiendrait",
            "attendrait",
        ] {
            assert!(hedged(w), "{w} is a conditional");
        }
        for w in [
            "entrait",
            "assurait",
            "ignorait",
            "durait",
            "montrait",
            "rencontrait",
            "tirait",
            "ouvrait",
            "retirait",
            "attirait",
            "inspirait",
            "admirait",
            "désirait",
            "aspirait",
            "respirait",
            "virait",
            "entraient",
            "espérait",
            "encadrait",
            "éclairait",
            "serrait",
            "restaurait",
            "figurait",
            "livrait",
            "enregistrait",
            "offrait",
        ] {
            assert!(!hedged(w), "{w} is an imperfect");
        }
    }

    #[test]
    fn the_future_of_the_past_is_no_hedge() {
        let cues =
            |t: &str| -> Vec<String> { features(t).hedges.into_iter().map(|c| c.text).collect() };
        assert!(cues("Le Premier ministre a annoncé qu'il se rendrait jeudi à Dax.").is_empty());
        assert!(cues("Il avait dit jeudi soir que la ligne serait rouverte lundi.").is_empty());
        assert!(cues("Le ministre annonçait que les aides seraient versées en avril.").is_empty());
        assert!(
            cues("Matignon a aussi indiqué, dans un communiqué, que le plan serait présenté.")
                .is_empty()
        );
        // A conditional that no past reporting verb governs is still a hedge.
        assert_eq!(cues("Il se rendrait jeudi à Dax."), ["rendrait"]);
        assert_eq!(
            cues("Il annonce qu'il se rendrait jeudi à Dax."),
            ["rendrait"]
        );
        assert_eq!(
            cues("Il a annoncé sa visite. Il se rendrait jeudi à Dax."),
            ["rendrait"]
        );
        assert_eq!(
            cues("Le ministre a dit : « Il se rendrait à Dax »."),
            ["rendrait"]
        );
        // Other hedges in a reported clause stay hedges.
        assert_eq!(
            cues("Il a annoncé qu'il se rendra peut-être à Dax."),
            ["peut-être"]
        );
        // English "would" after "said" is no hedge.
        assert!(
            features_in("He said he would resign on Monday.", LangCode::En)
                .hedges
                .is_empty()
        );
    }

    #[test]
    fn appearances_and_sans_doute_are_hedges() {
        let en = |t: &str| cue_texts(t, LangCode::En, |f| f.hedges);
        assert_eq!(
            en("The shooting appeared to be gang-related."),
            ["appeared to"]
        );
        assert_eq!(
            en("The fire appears to have started in the kitchen."),
            ["appears to"]
        );
        assert_eq!(en("It appeared the gunman acted alone."), ["It appeared"]);
        assert_eq!(en("The suspect seemed calm."), ["seemed"]);
        // Appearing somewhere is a fact.
        assert!(en("The suspect appeared in court on Monday.").is_empty());
        assert!(en("He appears on television every week.").is_empty());
        let fr: Vec<String> = features("Le chauffeur a sans doute contourné les barrières.")
            .hedges
            .into_iter()
            .map(|c| c.text)
            .collect();
        assert_eq!(fr, ["sans doute"]);
        // "Without any doubt" is certainty.
        assert!(features("Il a sans aucun doute contourné les barrières.")
            .hedges
            .is_empty());
    }
}
