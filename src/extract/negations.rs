//! Negations: "ne … pas", "never", "refused to confirm". The negation rule flags a claim
//! that one outlet negates and another does not, so the idioms that only look negative
//! ("sans doute", "jamais vu", "no more than") are left out.

use super::Cue;
use crate::lang::Lang;
use crate::source::Span;

/// The cues of the language's negation patterns, less those inside an idiom.
pub(super) fn find_negations(text: &str, lang: &Lang) -> Vec<Cue> {
    let mut found: Vec<Span> = Vec::new();
    for p in &lang.patterns().negations {
        found.extend(p.find_iter(text).map(|m| Span::new(m.start(), m.end())));
    }
    // The exceptions run only on claims with a cue: most have none, and those patterns take
    // the slow engine on a whole claim.
    let excluded: Vec<Span> = if found.is_empty() {
        Vec::new()
    } else {
        lang.patterns()
            .not_negations
            .iter()
            .flat_map(|p| p.find_iter(text).map(|m| Span::new(m.start(), m.end())))
            .collect()
    };
    let mut out: Vec<Cue> = Vec::new();
    for span in found {
        let overlaps = |s: &Span| s.start < span.end && span.start < s.end;
        if excluded.iter().any(overlaps) || out.iter().any(|c| overlaps(&c.span)) {
            continue;
        }
        out.push(Cue {
            span,
            text: text[span.start..span.end].to_string(),
        });
    }
    out.sort_by_key(|c| c.span.start);
    out
}

#[cfg(test)]
mod tests {
    use crate::extract::test_claims::{cue_texts, features};
    use crate::lang::LangCode;

    #[test]
    fn negation_cues() {
        let f = features("La Russie et les Etats-Unis pourraient aboutir à un accord sur une potentielle coordination.");
        assert!(f.negations.is_empty());
        let f =
            features("Moscou ne souhaitait pas voir une telle situation, sans aucun fondement.");
        assert_eq!(f.negations.len(), 3, "{:?}", f.negations);
        let f = features("Il ne reste que deux jours.");
        assert!(f.negations.is_empty(), "{:?}", f.negations);
    }

    #[test]
    fn idioms_that_look_negative_are_no_negation() {
        let fr = |t: &str| -> Vec<String> {
            features(t).negations.into_iter().map(|c| c.text).collect()
        };
        for t in [
            "Le chauffeur a sans doute contourné les barrières.",
            "Il a sans aucun doute contourné les barrières.",
            "Une mobilisation d'une ampleur sans précédent.",
            "Les secours travaillent sans cesse depuis mardi.",
            "C'est l'accident le plus meurtrier jamais enregistré en France.",
            "C'est le pire bilan jamais vu dans la région.",
            "La plus grande manifestation jamais organisée à Tbilissi.",
            "Le bilan ne cesse de s'alourdir, plus de 30 morts selon la préfecture.",
            "Il n'y a que deux survivants.",
            "Il n'en reste plus que deux.",
            "Il ne fait aucun doute que le chauffeur a contourné les barrières.",
            "Le village a disparu à jamais.",
        ] {
            assert!(fr(t).is_empty(), "{t}: {:?}", fr(t));
        }
        // Real negations stay.
        assert_eq!(
            fr("Le train ne circulait plus depuis mardi."),
            ["ne circulait plus"]
        );
        assert_eq!(fr("Il n'a jamais été aussi meurtrier."), ["n'a jamais"]);
        assert_eq!(
            fr("Il ne dit pas que le chauffeur a menti."),
            ["ne dit pas"]
        );
        assert_eq!(fr("Il est parti sans prévenir."), ["sans"]);
        let en = |t: &str| cue_texts(t, LangCode::En, |f| f.negations);
        for t in [
            "There is no doubt the driver ignored the barriers.",
            "The storm hit not only Florida but also Georgia.",
            "The hospital's care is second to none, the mayor said.",
            "It was the deadliest attack ever recorded in the city.",
            "The footage shows never-before-seen images of the crash.",
            "No more than 30 people were injured.",
        ] {
            assert!(en(t).is_empty(), "{t}: {:?}", en(t));
        }
        assert_eq!(en("The virus had never before been detected."), ["never"]);
    }

    #[test]
    fn verbs_that_deny_what_follows_are_negations() {
        let en = |t: &str| cue_texts(t, LangCode::En, |f| f.negations);
        assert_eq!(
            en("The ministry declined to confirm that the patient had died."),
            ["declined to confirm"]
        );
        assert_eq!(en("He refused to testify."), ["refused to testify"]);
        assert_eq!(en("Talks failed to reach a deal."), ["failed to reach"]);
        assert_eq!(
            en("Police have yet to identify the suspect."),
            ["yet to identify"]
        );
        assert_eq!(en("The minister was unaware of the payments."), ["unaware"]);
        assert_eq!(en("She was unable to say when."), ["unable to say"]);
        // A price that declined to a level denies nothing.
        assert!(en("Shares declined to a two-week low.").is_empty());
        assert!(en("The rate declined to 4.5% in March.").is_empty());
        let fr = |t: &str| -> Vec<String> {
            features(t).negations.into_iter().map(|c| c.text).collect()
        };
        assert_eq!(
            fr("Le ministère a refusé de confirmer le décès."),
            ["refusé de"]
        );
        assert_eq!(fr("Le ministère a refusé d'en dire plus."), ["refusé d'"]);
        assert_eq!(
            fr("Le conducteur ignorait que le camion était bloqué."),
            ["ignorait"]
        );
        assert_eq!(
            fr("Le suspect n'a toujours pas été identifié."),
            ["n'a toujours pas"]
        );
    }
}
