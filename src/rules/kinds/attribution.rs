//! `attribution`: the same statement attributed to different sources, or to a source on one
//! side only.
//!
//! Example: « …, a indiqué le Kremlin » vs « …, a indiqué la Maison Blanche ». Sources are
//! normalised through the alias sets, so "le président russe" and "Poutine" are one source;
//! anaphoric sources ("la même source") are not counted, nor speakers inside the reported
//! statement ("the group claimed responsibility, police said": the source is the police).

use serde_json::json;

use super::{ClaimView, Hit, Rule};
use crate::source::Span;

pub const DOC: &str = "The same statement is attributed to different sources (severity of the \
rule), or one side names a source and the other states it without one (`one_sided_severity`). \
Sources go through the alias sets; \"la même source\" and other anaphoric sources are ignored. \
A source named in part is the same source (\"le préfet\" / \"le préfet des Landes\"). A source \
in apposition is the person with the title: \"Le Premier ministre, François Garnier, a \
déclaré que…\" and \"…, the interior minister, Jane Doe, said\" name the minister. Reporting \
verbs (\"a réagi\", \"a fait savoir\", \"tweeted\", \"posted on\"…) are `attribution.verbs` \
in rules/lang/*.yaml.\n\
Example: \"…, a indiqué le Kremlin\" vs \"…, a indiqué la Maison Blanche\".";
pub const PARAMS: &[&str] = &["one_sided_severity"];

/// Named sources of a claim: (normalised, as written), and where the first one is written.
fn sources<'a>(v: &'a ClaimView) -> (Vec<(&'a str, &'a str)>, Option<Span>) {
    let mut out: Vec<(&str, &str)> = Vec::new();
    let mut first = None;
    for a in v
        .features
        .attributions
        .iter()
        .filter(|a| !a.anaphoric && !a.nested && !a.source.is_empty())
    {
        if !out.iter().any(|(s, _)| *s == a.source) {
            out.push((a.source.as_str(), a.text.as_str()));
        }
        first = first.or(Some(a.span));
    }
    (out, first)
}

/// Two normalised sources name one source: the same words, one naming part of the other
/// ("préfète" / "préfète landes", "ministry spokesman ali khan" / "health ministry spokesman
/// ali khan"), or an acronym and its words ("fbi" / "federal bureau investigation").
pub(crate) fn same_source(s: &str, t: &str) -> bool {
    if s == t {
        return true;
    }
    let (ws, wt): (Vec<&str>, Vec<&str>) = (s.split(' ').collect(), t.split(' ').collect());
    let within = |p: &[&str], q: &[&str]| p.iter().all(|w| q.contains(w));
    let acronym = |a: &[&str], of: &[&str]| {
        a.len() == 1
            && of.len() > 1
            && (2..=6).contains(&a[0].chars().count())
            && crate::normalize::letters_are_initials(a[0], of)
    };
    within(&ws, &wt) || within(&wt, &ws) || acronym(&ws, &wt) || acronym(&wt, &ws)
}

fn anaphoric(v: &ClaimView) -> bool {
    v.features
        .attributions
        .iter()
        .any(|a| a.anaphoric && !a.nested)
}

fn written(list: &[(&str, &str)]) -> String {
    list.iter()
        .map(|(_, t)| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn check(rule: &Rule, a: &ClaimView, b: &ClaimView) -> Option<Hit> {
    let ((sa, at_a), (sb, at_b)) = (sources(a), sources(b));
    if !sa.is_empty() && !sb.is_empty() {
        if sa
            .iter()
            .any(|(s, _)| sb.iter().any(|(t, _)| same_source(s, t)))
        {
            return None;
        }
        return Some(Hit::new(
            format!(
                "{} attributes this to {}, {} to {}",
                a.outlet,
                written(&sa),
                b.outlet,
                written(&sb)
            ),
            json!({
                "left": sa.iter().map(|(s, _)| s).collect::<Vec<_>>(), "right": sb.iter().map(|(s, _)| s).collect::<Vec<_>>(),
                "left_text": sa.iter().map(|(_, t)| t).collect::<Vec<_>>(), "right_text": sb.iter().map(|(_, t)| t).collect::<Vec<_>>(),
            }),
        ).at(at_a, at_b));
    }
    let (named, bare, list) = match (sa.is_empty(), sb.is_empty()) {
        (false, true) if !anaphoric(b) => (a, b, sa),
        (true, false) if !anaphoric(a) => (b, a, sb),
        _ => return None,
    };
    Some(Hit {
        message: format!(
            "{} attributes this to {}; {} states it without a source",
            named.outlet,
            written(&list),
            bare.outlet
        ),
        evidence: json!({
            "attributed": named.id, "sources": list.iter().map(|(s, _)| s).collect::<Vec<_>>(),
            "sources_text": list.iter().map(|(_, t)| t).collect::<Vec<_>>(), "unattributed": bare.id,
        }),
        severity: rule.params.one_sided_severity,
        // The claim without a source is pointed at from its start.
        at: [
            at_a.or(Some(Span::new(0, 0))),
            at_b.or(Some(Span::new(0, 0))),
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;
    use crate::rules::Severity;

    #[test]
    fn different_and_one_sided_sources() {
        let hit = run(
            "attribution-change",
            "Les deux dirigeants veulent se rencontrer, a indiqué le Kremlin.",
            "Les deux dirigeants veulent se rencontrer, a indiqué la Maison Blanche.",
        )
        .unwrap();
        assert_eq!(hit.evidence["left"][0], "Kremlin");
        assert_eq!(hit.evidence["right"][0], "Maison Blanche");
        let one = run(
            "attribution-change",
            "Les deux dirigeants veulent se rencontrer, selon le Kremlin.",
            "Les deux dirigeants veulent se rencontrer.",
        )
        .unwrap();
        assert_eq!(one.severity, Some(Severity::Info));
    }

    #[test]
    fn the_reporting_source_not_the_reported_actor() {
        let hit = run(
            "attribution-change",
            "Le Front de libération a affirmé être l'auteur de l'attaque, a indiqué l'armée.",
            "Le Front de libération a affirmé être l'auteur de l'attaque, a indiqué la police.",
        )
        .unwrap();
        assert_eq!(hit.evidence["left"][0], "armee");
        assert_eq!(hit.evidence["right"][0], "police");
        assert!(run(
            "attribution-change",
            "La police a indiqué que le Front de libération a affirmé être l'auteur de l'attaque.",
            "Le Front de libération a affirmé être l'auteur de l'attaque, a indiqué la police.",
        )
        .is_none());
    }

    #[test]
    fn aliases_make_one_source() {
        assert!(run(
            "attribution-change",
            "Ils veulent se voir, a indiqué le président russe.",
            "Ils veulent se voir, a indiqué Vladimir Poutine."
        )
        .is_none());
    }

    #[test]
    fn a_person_in_apposition_is_one_source_with_the_person_alone() {
        assert!(run(
            "attribution-change",
            "La réforme sera retirée, a déclaré le Premier ministre, François Garnier, lors d'un point presse.",
            "La réforme sera retirée, a déclaré François Garnier lors d'un point presse.",
        )
        .is_none());
        let hit = run(
            "attribution-change",
            "Le Premier ministre, François Garnier, a déclaré que la réforme serait retirée.",
            "La ministre du Travail, Claire Morvan, a déclaré que la réforme serait retirée.",
        )
        .unwrap();
        assert_eq!(hit.evidence["right"][0], "ministre travail claire morvan");
    }

    #[test]
    fn one_source_named_in_part_or_by_acronym() {
        use super::same_source;
        assert!(same_source("prefete", "prefete landes"));
        assert!(same_source("fbi", "federal bureau investigation"));
        assert!(same_source(
            "ministry spokesman ali khan",
            "health ministry spokesman ali khan"
        ));
        assert!(!same_source("police", "organisateurs"));
        assert!(!same_source("matignon", "fnsea"));
    }

    #[test]
    fn dotted_acronyms_are_whole_sources() {
        use super::super::testing::run_in;
        use crate::lang::LangCode;
        assert!(run_in(
            LangCode::En,
            "attribution-change",
            "The talks will resume on Monday, according to the U.N. envoy.",
            "The talks will resume on Monday, according to the UN envoy.",
        )
        .is_none());
        assert!(run_in(
            LangCode::En,
            "attribution-change",
            "U.S. officials said the talks will resume on Monday.",
            "US officials said the talks will resume on Monday.",
        )
        .is_none());
    }
}
