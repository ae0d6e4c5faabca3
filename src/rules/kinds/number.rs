//! `number`: a number that differs between aligned claims.
//!
//! Example: « Trump a remporté 279 grands électeurs » vs « Trump a remporté 297 grands
//! électeurs » → 279 ≠ 297 (electors). Years and dates are left to the `date` kind, so
//! "en 2014" vs "en mars 2014" is not a contradiction. A number only one side gives is extra
//! detail, not a contradiction.

use serde_json::json;

use super::{ClaimView, Hit, Rule};
use crate::extract::NumberMention;

pub const DOC: &str = "A number differs between claims that state the same thing: the same unit \
(or none) on both sides, different values beyond `tolerance` (relative; 0 = exact). \
An estimate or a bound (\"environ 110\", \"une trentaine\", \"more than 100\"; words in \
`rules/lang/*.yaml`, `approximations`) is compared within `approximate_tolerance`. Clock \
times (\"7h40\", \"9:15 a.m.\") are compared as times. Years and dates are the `date` kind's; \
a number given on one side only is not flagged.\n\
Example: \"279 grands électeurs\" vs \"297 grands électeurs\".";
pub const PARAMS: &[&str] = &["tolerance", "approximate_tolerance"];

/// Tolerance for estimates when a rule file leaves `approximate_tolerance` out.
const DEFAULT_APPROXIMATE_TOLERANCE: f64 = 0.15;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * a.abs().max(b.abs()) + 1e-9
}

fn comparable(x: &NumberMention, y: &NumberMention) -> bool {
    x.unit == y.unit && x.ordinal == y.ordinal
}

pub fn check(rule: &Rule, a: &ClaimView, b: &ClaimView) -> Option<Hit> {
    let exact = rule.params.tolerance.unwrap_or(0.0);
    let rough = rule
        .params
        .approximate_tolerance
        .unwrap_or(DEFAULT_APPROXIMATE_TOLERANCE)
        .max(exact);
    let tol = |x: &NumberMention, y: &NumberMention| {
        if x.approximate || y.approximate {
            rough
        } else {
            exact
        }
    };
    let na = &a.features.numbers;
    let nb = &b.features.numbers;
    let unmatched = |xs: &[NumberMention], ys: &[NumberMention]| -> Vec<usize> {
        (0..xs.len())
            .filter(|&i| {
                !ys.iter()
                    .any(|y| comparable(&xs[i], y) && close(xs[i].value, y.value, tol(&xs[i], y)))
            })
            .collect()
    };
    let (ua, ub) = (unmatched(na, nb), unmatched(nb, na));
    for &i in &ua {
        if let Some(&j) = ub.iter().find(|&&j| comparable(&na[i], &nb[j])) {
            let (x, y) = (&na[i], &nb[j]);
            let unit = x.unit.clone();
            return Some(Hit::new(
                format!("{} says {}, {} says {}", a.outlet, x.text, b.outlet, y.text),
                json!({"left": x.text, "right": y.text, "left_value": x.value, "right_value": y.value, "unit": unit}),
            ).at(Some(x.span), Some(y.span)));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;

    #[test]
    fn flags_a_changed_number_with_its_unit() {
        let hit = run(
            "number-changed",
            "Trump a obtenu 279 grands électeurs contre 228.",
            "Trump a obtenu 297 grands électeurs contre 228.",
        )
        .unwrap();
        assert_eq!(hit.evidence["left"], "279 grands électeurs");
        assert_eq!(hit.evidence["right"], "297 grands électeurs");
    }

    #[test]
    fn ignores_years_and_one_sided_numbers() {
        assert!(run(
            "number-changed",
            "L'annexion de la Crimée en 2014.",
            "L'annexion de la Crimée en mars 2014."
        )
        .is_none());
        assert!(run(
            "number-changed",
            "La trêve a duré une semaine.",
            "La trêve a duré."
        )
        .is_none());
        assert!(run(
            "number-changed",
            "La trêve a duré une semaine.",
            "La trêve a duré une semaine."
        )
        .is_none());
    }

    #[test]
    fn clock_times_compare_as_times() {
        let hit = run(
            "number-changed",
            "Le train a déraillé vers 7h40, faisant 27 blessés.",
            "Le train a déraillé vers 7h45, faisant 27 blessés.",
        )
        .unwrap();
        assert_eq!(hit.evidence["left"], "7h40");
        assert_eq!(hit.evidence["right"], "7h45");
        // The hour is not a count to set against the injured.
        assert!(run(
            "number-changed",
            "Le train a déraillé vers 7h40, faisant 27 blessés.",
            "Le train a déraillé vers 7 h 40, faisant 27 blessés.",
        )
        .is_none());
    }

    #[test]
    fn estimates_compare_within_their_tolerance() {
        assert!(run(
            "number-changed",
            "Environ 112 passagers étaient à bord.",
            "110 passagers étaient à bord."
        )
        .is_none());
        assert!(run(
            "number-changed",
            "Une trentaine de blessés ont été hospitalisés.",
            "27 blessés ont été hospitalisés."
        )
        .is_none());
        assert!(run(
            "number-changed",
            "Environ 112 passagers étaient à bord.",
            "200 passagers étaient à bord."
        )
        .is_some());
        // Without an estimate, a figure is exact.
        assert!(run(
            "number-changed",
            "112 passagers étaient à bord.",
            "110 passagers étaient à bord."
        )
        .is_some());
    }

    #[test]
    fn spelled_out_and_digits_compare() {
        assert!(run(
            "number-changed",
            "La trêve a duré quinze jours.",
            "La trêve a duré 15 jours."
        )
        .is_none());
        assert!(run(
            "number-changed",
            "La trêve a duré quinze jours.",
            "La trêve a duré dix jours."
        )
        .is_some());
    }
}
