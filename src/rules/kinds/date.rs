//! `date`: dates or weekdays that disagree.
//!
//! Example: « se sont entretenus lundi » vs « se sont entretenus mardi »; « le 9 septembre »
//! vs « le 19 septembre ». Dates are resolved against each article's date, so "samedi" in an
//! article of Saturday 28 January and "le 28 janvier" agree.

use serde_json::json;

use super::{ClaimView, Hit};
use crate::extract::dates::{DateKind, DateMention};

pub const DOC: &str = "Dates or weekdays disagree between claims that state the same thing. \
Dates are resolved against each article's date (weekdays, \"hier\", \"last Friday\"; a weekday \
in a claim about the future, \"se rendra mercredi\", is the coming one); a date known to the \
year and one known to the day agree when the year is the same, and so does the same weekday \
written alone on both sides.\n\
Example: \"se sont entretenus lundi\" vs \"se sont entretenus mardi\".";

/// The same date, and the same weekday where both are known: « mardi 14 mai » and « mercredi
/// 14 mai » name one day of the month but not the same day of the week, so one is wrong.
fn compatible(x: &DateMention, y: &DateMention) -> bool {
    // The same weekday written alone on both sides: resolved to different weeks only because
    // one claim reads as future and the other not ("will inspect on Wednesday" / "plan to
    // inspect on Wednesday"); the texts do not disagree.
    if x.kind == DateKind::Weekday
        && y.kind == DateKind::Weekday
        && crate::normalize::fold(&x.text) == crate::normalize::fold(&y.text)
    {
        return true;
    }
    let same_weekday = match (x.weekday, y.weekday) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    };
    match (x.date, y.date) {
        (Some(a), Some(b)) => !a.conflicts(&b) && same_weekday,
        _ => same_weekday,
    }
}

/// Both sides can be compared: resolved dates, or weekdays (named, or of a date known to the
/// day: "Tuesday, March 4" and "14 janvier 2025" against a bare "Wednesday").
fn comparable(x: &DateMention, y: &DateMention) -> bool {
    (x.date.is_some() && y.date.is_some()) || (x.weekday.is_some() && y.weekday.is_some())
}

pub fn check(a: &ClaimView, b: &ClaimView) -> Option<Hit> {
    let (da, db) = (
        super::paired(&a.features.dates),
        super::paired(&b.features.dates),
    );
    // The dates of the other claim that agree with a date of this one, asked once each.
    let answered: Vec<bool> = db
        .iter()
        .map(|y| da.iter().any(|x2| comparable(x2, y) && compatible(x2, y)))
        .collect();
    for x in da {
        if db.iter().any(|y| comparable(x, y) && compatible(x, y)) {
            continue;
        }
        // A date of the other claim that agrees with another date of this one is that date's
        // counterpart ("février" and "février"), not this one's.
        let candidates: Vec<&DateMention> = db
            .iter()
            .zip(&answered)
            .filter(|&(y, &done)| !done && comparable(x, y))
            .map(|(y, _)| y)
            .collect();
        // Prefer a date of the same kind as the counterpart ("lundi" vs "mardi"), then one of
        // the same weekday ("jeudi" vs "jeudi 14 mars").
        let Some(y) = candidates
            .iter()
            .find(|y| y.kind == x.kind)
            .or_else(|| {
                candidates
                    .iter()
                    .find(|y| x.weekday.is_some() && y.weekday == x.weekday)
            })
            .or(candidates.first())
        else {
            continue;
        };
        return Some(Hit::new(
            format!("{} says {}, {} says {}", a.outlet, x.text, b.outlet, y.text),
            json!({
                "left": x.text, "right": y.text,
                "left_date": x.date.map(|d| d.to_string()), "right_date": y.date.map(|d| d.to_string()),
            }),
        ).at(Some(x.span), Some(y.span)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run, run_in};

    #[test]
    fn weekdays_and_days_disagree() {
        assert!(run(
            "date-conflict",
            "Poutine et Trump se sont entretenus lundi par téléphone.",
            "Poutine et Trump se sont entretenus mardi par téléphone."
        )
        .is_some());
        let hit = run(
            "date-conflict",
            "Le 9 septembre, Lavrov et Kerry ont adopté un plan.",
            "Le 19 septembre, Lavrov et Kerry ont adopté un plan.",
        )
        .unwrap();
        assert_eq!(hit.evidence["left"], "9 septembre");
    }

    #[test]
    fn same_day_of_the_month_on_another_weekday() {
        // 14 May 2024 was a Tuesday.
        assert!(run(
            "date-conflict",
            "Douze civils ont été tués mardi 14 mai 2024 près de Makalé.",
            "Douze civils ont été tués mercredi 14 mai 2024 près de Makalé."
        )
        .is_some());
        assert!(run(
            "date-conflict",
            "Douze civils ont été tués mardi 14 mai 2024 près de Makalé.",
            "Douze civils ont été tués le 14 mai 2024 près de Makalé."
        )
        .is_none());
    }

    #[test]
    fn a_dated_weekday_against_a_bare_weekday() {
        // The test articles are dated Saturday 2017-01-28: "lundi" is the 23rd.
        let hit = run(
            "date-conflict",
            "Le train a déraillé mardi 24 janvier près de Decize.",
            "Le train a déraillé lundi près de Decize.",
        )
        .unwrap();
        assert_eq!(hit.evidence["right"], "lundi");
        assert!(run(
            "date-conflict",
            "Le train a déraillé mardi 24 janvier près de Decize.",
            "Le train a déraillé mardi près de Decize.",
        )
        .is_none());
    }

    #[test]
    fn a_date_both_claims_give_is_not_the_counterpart_of_another() {
        // The test articles are dated Saturday 2017-01-28: "jeudi" is the 26th.
        let hit = run(
            "date-conflict",
            "Les inondations de décembre ont été évoquées jeudi par le ministre.",
            "Les inondations de décembre ont été évoquées jeudi 19 janvier par le ministre.",
        )
        .unwrap();
        assert_eq!(hit.evidence["right"], "jeudi 19 janvier");
        assert!(run(
            "date-conflict",
            "Les inondations de décembre ont été évoquées lundi par le ministre.",
            "Les inondations de décembre ont été évoquées par le ministre.",
        )
        .is_none());
    }

    #[test]
    fn the_same_weekday_read_in_two_tenses_is_no_conflict() {
        assert!(run_in(
            crate::lang::LangCode::En,
            "date-conflict",
            "Divers will inspect the hull on Wednesday, the port authority said.",
            "Divers plan to inspect the hull on Wednesday, the port authority said.",
        )
        .is_none());
    }

    #[test]
    fn resolved_dates_agree() {
        // The test articles are dated Saturday 2017-01-28.
        assert!(run(
            "date-conflict",
            "Ils ont parlé samedi.",
            "Ils ont parlé le 28 janvier."
        )
        .is_none());
        assert!(run(
            "date-conflict",
            "L'annexion en 2014.",
            "L'annexion en mars 2014."
        )
        .is_none());
    }
}
