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
(or none, or two currencies) on both sides, different values beyond `tolerance` (relative; 0 = \
exact). Scale words count (\"1,2 milliard\" = \"1 200 millions\", \"$1.5bn\"), and so do \
number words (\"trois dirigeants\"); \"un\", \"one\", \"a\" only before a unit (\"une \
semaine\", \"one person\") or in a count of a noun (\"un seul dirigeant\", \"only one leader\", \
\"one leader\"; set against counts of that noun only), never as an article or in an idiom (\"un dirigeant\", \"l'un des\", \"one of\", \"no \
one\": `weak_counts` in rules/lang). An estimate \
(\"environ 110\", \"une trentaine\", \"about 100\") that covers the other figure \
within `approximate_tolerance` (\"environ 100 000\" / \"110.000\") is reported at `info`: \
both can be true, and the reader still sees two figures; except between two versions of one outlet's story, where a revised \
estimate is an edit. A bound (\"au moins 12\", \"more than 100\", \"up to 30\", \
\"dozens\" = at least 24; \"des dizaines de milliers\", \"tens of thousands\" = at least \
20 000 and below 100 000) and a figure it allows can both be true: reported at low severity; \
a figure outside it, or a new figure under the same bound (\"at least 18\" → \"at least 21\"), \
at the rule's. Every changed number of the pair is listed in `changes`. Clock times \
(\"7h40\", \"9:15 a.m.\") are compared as times. Years and dates are the `date` kind's; a \
number given on one side only is not flagged. A figure one side rounds (\"1,1 million\" / \
\"1,12 million\") is `info`. A level against the size of a move (\"rose to 3.4 per cent\" / \
\"rose 3.4 percent\": `changes` in rules/lang) is at most `medium`. Figures each tied to other names in their clause (\"36 000 à \
Toulouse\" / \"15 000 à Montpellier\") count two things and are not set against each other. \
Digits grouped the Swiss (\"50'000\") or Indian (\"2,61,000\") way are one figure. Words live in `rules/lang/*.yaml` \
(`approximations`, `units`; currencies are the units named by a three-letter code).\n\
Example: \"279 grands électeurs\" vs \"297 grands électeurs\".";
pub const PARAMS: &[&str] = &["tolerance", "approximate_tolerance"];

/// Tolerance for estimates when a rule file leaves `approximate_tolerance` out.
const DEFAULT_APPROXIMATE_TOLERANCE: f64 = 0.15;

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * a.abs().max(b.abs()) + 1e-9
}

/// Currencies are the units named by a three-letter code ("EUR", "USD") in rules/lang.
fn currency(unit: &Option<String>) -> bool {
    unit.as_ref()
        .is_some_and(|u| u.len() == 3 && u.bytes().all(|b| b.is_ascii_uppercase()))
}

/// Numbers of the same unit (or two currencies), both ordinals or neither, and where a weak
/// number word counts a noun ("one leader"), numbers of that noun. `x` is in claim `a`, `y`
/// in claim `b`.
fn comparable(a: &Figures, i: usize, b: &Figures, j: usize) -> bool {
    let (x, y) = (&a.numbers[i], &b.numbers[j]);
    (x.unit == y.unit || currency(&x.unit) && currency(&y.unit))
        && x.ordinal == y.ordinal
        && counts_alike(x, y, b.view.text)
        && counts_alike(y, x, a.view.text)
        && !of_other_names(&a.names[i], &b.names[j])
}

/// One claim's figures (the first [`super::paired`]), with the names near each, found once
/// per check: a claim may hold hundreds of figures.
struct Figures<'v> {
    view: &'v ClaimView<'v>,
    numbers: &'v [NumberMention],
    names: Vec<Vec<String>>,
}

impl<'v> Figures<'v> {
    fn of(view: &'v ClaimView<'v>) -> Figures<'v> {
        let numbers = super::paired(&view.features.numbers);
        let words = crate::normalize::words(view.text);
        Figures {
            view,
            numbers,
            names: numbers
                .iter()
                .map(|x| names_near(x, view, &words))
                .collect(),
        }
    }
}

/// The two figures are each tied to names, and to different ones: "15 000 à Montpellier"
/// and "Toulouse (36 000)" count two cities, in whatever order the outlets list them.
fn of_other_names(nx: &[String], ny: &[String]) -> bool {
    // "India" and "Indian", "Syrie" and "syrien": one name.
    let same = |n: &String, m: &String| n.starts_with(m.as_str()) || m.starts_with(n.as_str());
    !nx.is_empty() && !ny.is_empty() && !nx.iter().any(|n| ny.iter().any(|m| same(n, m)))
}

/// Capitalised words within a few words of a figure, in its clause (commas and stops end
/// it), but for the claim's first word and dates: what the figure counts or where.
fn names_near(
    x: &NumberMention,
    v: &ClaimView,
    words: &[crate::normalize::WordSpan],
) -> Vec<String> {
    // Names come after a figure more often than before: "284 kilomètres au nord de la
    // capitale régionale Chengdu".
    const BEFORE: usize = 4;
    const AFTER: usize = 12;
    let text = v.text;
    // The figure's clause, up to the next figure: "119 killed and more than 150 injured
    // in India" places the 150, not the 119.
    let clause_start = text[..x.span.start]
        .rfind([',', ';', ':', '.', '!', '?'])
        .map_or(0, |i| i + 1);
    let next_figure = v
        .features
        .numbers
        .iter()
        .map(|n| n.span.start)
        .filter(|&s| s >= x.span.end)
        .min()
        .unwrap_or(text.len());
    let clause_end = text[x.span.end..]
        .find([',', ';', ':', '.', '!', '?'])
        .map_or(text.len(), |i| x.span.end + i)
        .min(next_figure);
    let first = words.first().map(|w| w.start);
    let is_name = |w: &&crate::normalize::WordSpan| {
        Some(w.start) != first
            && text[w.start..].starts_with(char::is_uppercase)
            && !v.features.dates.iter().any(|d| d.span.contains(w.start))
    };
    let before = words
        .iter()
        .filter(|w| w.start >= clause_start && w.end <= x.span.start)
        .rev()
        .take(BEFORE);
    let after = words
        .iter()
        .filter(|w| w.start >= x.span.end && w.end <= clause_end)
        .take(AFTER);
    before
        .chain(after)
        .filter(is_name)
        .map(|w| crate::normalize::fold(&text[w.start..w.end]))
        .collect()
}

/// `y` is `x` rounded: written with fewer digits, at least two of them, and less than half
/// its last digit from `x` ("1,1 million" of "1,12 million"). Both say the same figure. A
/// figure of one digit is no rounding: magnitude "7" and "6,6" are two readings.
fn rounds(x: &NumberMention, y: &NumberMention) -> bool {
    let (Some((ux, _)), Some((uy, digits))) = (last_digit(x), last_digit(y)) else {
        return false;
    };
    digits >= 2 && uy > ux && (x.value - y.value).abs() < 0.5 * uy - 1e-9
}

/// What the last written digit of a figure is worth (0.01 million for "1,12 million", 1 for
/// "230"), and how many significant digits it has. A group of three digits after a
/// separator is read as thousands, not decimals.
fn last_digit(x: &NumberMention) -> Option<(f64, usize)> {
    let start = x.text.find(|c: char| c.is_ascii_digit())?;
    let digits: String = x.text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .collect();
    let digits = digits.trim_end_matches([',', '.']);
    let decimals = match digits.rfind([',', '.']) {
        Some(i) if digits.len() - i - 1 != 3 => digits.len() - i - 1,
        _ => 0,
    };
    let bare = digits.replace([',', '.'], "");
    let significant = bare.trim_start_matches('0').len();
    let mantissa = bare.parse::<f64>().ok()? / 10f64.powi(decimals as i32);
    let unit = x.value / mantissa / 10f64.powi(decimals as i32);
    (mantissa > 0.0).then_some((unit, significant))
}

/// The same figure in two different units, currencies aside: "4,300 acres" / "4,300
/// hectares", "68 mph" / "68 km/h". Another unit for another figure is another quantity.
fn unit_swapped(x: &NumberMention, y: &NumberMention) -> bool {
    x.unit.is_some()
        && y.unit.is_some()
        && x.unit != y.unit
        && x.ordinal == y.ordinal
        && !(currency(&x.unit) && currency(&y.unit))
        && close(x.value, y.value, 0.0)
}

/// Does `y` (in `y_text`) count the noun `x` counts, if `x` counts one? "One leader" and
/// "two leaders" do; "one man" and "14 Kurds", or "a single count" and "Bryant, 24", do
/// not: a weak number word is a count of its noun, not a figure to set against any other.
fn counts_alike(x: &NumberMention, y: &NumberMention, y_text: &str) -> bool {
    let Some(noun) = &x.counts else {
        return true;
    };
    let after = y.counts.clone().or_else(|| {
        let rest = &y_text[y.span.end..];
        let w = *crate::normalize::words(rest).first()?;
        rest[..w.start]
            .chars()
            .all(char::is_whitespace)
            .then(|| crate::normalize::fold(&rest[w.start..w.end]))
    });
    // The same word, but for a plural ending ("leader" / "leaders", "box" / "boxes").
    after.is_some_and(|w| {
        let (short, long) = if w.len() <= noun.len() {
            (w.as_str(), noun.as_str())
        } else {
            (noun.as_str(), w.as_str())
        };
        long.starts_with(short) && long.len() - short.len() <= 2
    })
}

/// How two comparable numbers stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Relation {
    /// The same figure: equal, or within the tolerance of an estimate (a bound on one side
    /// only does not make it another figure).
    Same,
    /// One figure is the other rounded: "1,1 million" and "1,12 million".
    Rounds,
    /// Two figures an estimate covers: "environ 100 000" and "110.000". Both can be true, and
    /// a reader still sees two figures.
    Estimates,
    /// Different figures that can both be true: "au moins 12" and "15", "dozens" and "30".
    Refines,
    /// Figures that cannot both be true, or two different figures under the same bound ("at
    /// least 18" → "at least 21": a new toll).
    Conflicts,
    /// One gives the level a figure moved to, the other the size of the move: "rose to 3.4
    /// per cent" against "rose 3.4 percent".
    LevelAgainstMove,
}

fn relation(x: &NumberMention, y: &NumberMention, exact: f64, rough: f64) -> Relation {
    let tol = if x.approximate || y.approximate {
        rough
    } else {
        exact
    };
    if x.unit != y.unit {
        // Two currencies, or the same figure in another unit: "€50 million" and "$50
        // million", "4,300 acres" and "4,300 hectares".
        return Relation::Conflicts;
    }
    if x.movement.zip(y.movement).is_some_and(|(p, q)| p != q) {
        return Relation::LevelAgainstMove;
    }
    // "800" and "more than 800": the figure is the same, whatever qualifies it.
    if close(x.value, y.value, exact) {
        return Relation::Same;
    }
    if close(x.value, y.value, tol) {
        return Relation::Estimates;
    }
    if x.bound.is_none() && y.bound.is_none() && (rounds(x, y) || rounds(y, x)) {
        return Relation::Rounds;
    }
    let ((lx, hx), (ly, hy)) = (x.range(tol), y.range(tol));
    let overlap = lx <= hy + 1e-9 && ly <= hx + 1e-9;
    // "tens of thousands" and "hundreds of thousands": two bounds of one side can still
    // exclude each other, once one of them stays below a limit.
    if !overlap {
        return Relation::Conflicts;
    }
    if x.bound == y.bound {
        // "at least 18" → "at least 21" is a new toll; "dozens" → "more than 40" says more.
        return if x.bound.is_some() && (x.approximate || y.approximate) {
            Relation::Refines
        } else {
            Relation::Conflicts
        };
    }
    Relation::Refines
}

pub fn check(rule: &Rule, a: &ClaimView, b: &ClaimView) -> Option<Hit> {
    let exact = rule.params.tolerance.unwrap_or(0.0);
    // Two outlets round an estimate their own way; a new version that changes one ("about
    // 1,200" → "about 1,350") revised it.
    let rough = if a.same_outlet(b) {
        exact
    } else {
        rule.params
            .approximate_tolerance
            .unwrap_or(DEFAULT_APPROXIMATE_TOLERANCE)
            .max(exact)
    };
    let (fa, fb) = (Figures::of(a), Figures::of(b));
    let (na, nb) = (fa.numbers, fb.numbers);
    let same = |i: usize, j: usize| {
        comparable(&fa, i, &fb, j) && relation(&na[i], &nb[j], exact, rough) == Relation::Same
    };
    // Numbers with no match on the other side; those of `b` are paired in order, each once.
    let mut open_b: Vec<usize> = (0..nb.len())
        .filter(|&j| !(0..na.len()).any(|i| same(i, j)))
        .collect();
    let mut changes: Vec<(&NumberMention, &NumberMention, Relation)> = Vec::new();
    for i in (0..na.len()).filter(|&i| !(0..nb.len()).any(|j| same(i, j))) {
        let x = &na[i];
        if let Some(pos) = open_b
            .iter()
            .position(|&j| comparable(&fa, i, &fb, j) || unit_swapped(x, &nb[j]))
        {
            let y = &nb[open_b.remove(pos)];
            changes.push((x, y, relation(x, y, exact, rough)));
        }
    }
    let (x, y, _) = *changes.first()?;
    let moved = changes.iter().any(|c| c.2 == Relation::LevelAgainstMove);
    let conflict = moved || changes.iter().any(|c| c.2 == Relation::Conflicts);
    let more: Vec<String> = changes[1..]
        .iter()
        .map(|(x, y, _)| format!("{} → {}", shown(x, y), shown(y, x)))
        .collect();
    let mut message = format!(
        "{} says {}, {} says {}",
        a.outlet,
        shown(x, y),
        b.outlet,
        shown(y, x)
    );
    let rounded = changes.iter().all(|c| c.2 == Relation::Rounds);
    let estimated = changes
        .iter()
        .all(|c| matches!(c.2, Relation::Rounds | Relation::Estimates));
    if moved {
        message.push_str(" (one gives the level reached, the other the size of the move)");
    } else if rounded {
        message.push_str(" (one figure is the other rounded)");
    } else if estimated {
        message.push_str(" (an estimate that covers the other figure)");
    } else if !conflict {
        message.push_str(" (both can be true: one figure is a bound or a rough count)");
    }
    if !more.is_empty() {
        message.push_str(&format!("; also {}", more.join(", ")));
    }
    let listed: Vec<serde_json::Value> = changes
        .iter()
        .map(|(x, y, r)| {
            json!({"left": x.text, "right": y.text, "left_value": x.value, "right_value": y.value,
                   "unit": x.unit, "compatible": *r != Relation::Conflicts,
                   "rounded": *r == Relation::Rounds})
        })
        .collect();
    let mut hit = Hit::new(
        message,
        json!({"left": x.text, "right": y.text, "left_value": x.value, "right_value": y.value,
               "unit": x.unit, "changes": listed}),
    )
    .at(Some(x.span), Some(y.span));
    if moved {
        // Read from the words around the figure ("to", "by"): never solid enough for high.
        hit.severity = Some(crate::rules::Severity::Medium.min(rule.severity));
    } else if estimated {
        hit.severity = Some(crate::rules::Severity::Info);
    } else if !conflict {
        hit.severity = Some(crate::rules::Severity::Low.min(rule.severity));
    }
    Some(hit)
}

/// A number as a message shows it against `other`: with its unit when the two are written
/// alike in other units ("2,5 millions (EUR)" against "2,5 millions (USD)", where the
/// currency is written after the figure's words).
fn shown(x: &NumberMention, other: &NumberMention) -> String {
    let text = in_sentence(&x.text);
    match &x.unit {
        Some(u) if x.unit != other.unit && x.text == other.text => format!("{text} ({u})"),
        _ => text.into_owned(),
    }
}

/// A mention as the middle of a message reads it: a qualifier that opened its sentence
/// ("At least 21", "Dozens") loses its capital; names of units and currencies ("US$", "Mio")
/// keep theirs.
fn in_sentence(mention: &str) -> std::borrow::Cow<'_, str> {
    let mut chars = mention.chars();
    match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && second.is_lowercase() => {
            format!("{}{}", first.to_lowercase(), &mention[first.len_utf8()..]).into()
        }
        _ => mention.into(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::Severity;

    #[test]
    fn a_rounded_figure_is_the_same_figure_at_info() {
        let hit = super::super::testing::run(
            "number-changed",
            "Au total, 1,12 million de personnes ont manifesté, selon le ministère.",
            "Au total, 1,1 million de personnes ont manifesté, selon le ministère.",
        )
        .expect("a rounding is listed");
        assert_eq!(hit.severity, Some(Severity::Info), "{}", hit.message);
        assert!(hit.message.contains("rounded"), "{}", hit.message);
        // One more digit is not a rounding: 230 and 225 are two tolls.
        let hit = super::super::testing::run(
            "number-changed",
            "Le séisme a fait 230 morts.",
            "Le séisme a fait 225 morts.",
        )
        .expect("two tolls");
        assert_eq!(hit.severity, None, "{}", hit.message);
        // A one-digit figure is no rounding: magnitude 7 against 6,5 is a change.
        let hit = super::super::testing::run(
            "number-changed",
            "Un séisme de magnitude 7 a frappé la province.",
            "Un séisme de magnitude 6,5 a frappé la province.",
        )
        .expect("two magnitudes");
        assert_eq!(hit.severity, None, "{}", hit.message);
    }

    #[test]
    fn figures_of_two_named_places_are_not_set_against_each_other() {
        // The same city figures in another order: each city's figure matches.
        assert!(super::super::testing::run(
            "number-changed",
            "On a compté 36.000 personnes à Toulouse, 15.000 à Montpellier.",
            "On a compté 15 000 personnes à Montpellier, 36 000 à Toulouse.",
        )
        .is_none());
        // A figure of one city against the figure of another is no change.
        assert!(super::super::testing::run(
            "number-changed",
            "L'épicentre se trouvait à 284 kilomètres au nord de Chengdu.",
            "L'épicentre se trouvait à 200 kilomètres au nord-ouest de Guangyuan.",
        )
        .is_none());
        // The same place, another figure.
        assert!(super::super::testing::run(
            "number-changed",
            "On a compté 36.000 personnes à Toulouse.",
            "On a compté 26 000 personnes à Toulouse.",
        )
        .is_some());
    }

    #[test]
    fn ranks_written_as_words_are_compared_as_ranks() {
        use crate::lang::LangCode::En;
        let hit = super::super::testing::run_in(
            En,
            "number-changed",
            "India's rail network is the world's third largest.",
            "India's rail network is the world's fourth largest.",
        )
        .expect("third against fourth");
        assert_eq!(hit.evidence["right_value"], 4.0);
        // A rank is not a count: "third" against "3 lines" is no change.
        assert!(super::super::testing::run_in(
            En,
            "number-changed",
            "It is the third largest network.",
            "It is the largest network, with 4 lines.",
        )
        .is_none());
    }

    #[test]
    fn swiss_grouping_is_one_figure() {
        assert!(super::super::testing::run(
            "number-changed",
            "Quelque 50'000 touristes ont été évacués.",
            "Près de 50 000 touristes ont été évacués.",
        )
        .is_none());
    }

    #[test]
    fn the_same_figure_in_another_unit_is_a_change() {
        use super::super::testing::run_in;
        use crate::lang::LangCode::En;
        let hit = run_in(
            En,
            "number-changed",
            "The fire has burned 4,300 acres, officials said.",
            "The fire has burned 4,300 hectares, officials said.",
        )
        .expect("unit changed");
        assert!(hit.message.contains("hectares"), "{}", hit.message);
        let hit = super::super::testing::run(
            "number-changed",
            "L'entreprise a versé 2,5 millions d'euros, selon le parquet.",
            "L'entreprise a versé 2,5 millions de dollars, selon le parquet.",
        )
        .expect("currency changed");
        assert!(hit.message.contains("(EUR)"), "{}", hit.message);
        // Another unit for another figure is another quantity.
        assert!(run_in(
            En,
            "number-changed",
            "Winds of 68 mph hit the coast on Monday.",
            "Winds of 68 mph, or 110 km/h, hit the coast on Monday.",
        )
        .is_none());
    }

    #[test]
    fn a_revised_estimate_is_an_edit_between_versions_only() {
        use super::super::testing::{run_in, run_versions};
        use crate::lang::LangCode::En;
        let (v1, v2) = (
            "About 1,200 residents were evacuated, officials said.",
            "About 1,350 residents were evacuated, officials said.",
        );
        // Between two outlets: two roundings of one estimate, said at info only.
        let between = run_in(En, "number-changed", v1, v2).expect("two figures");
        assert_eq!(between.severity, Some(crate::rules::Severity::Info));
        let hit = run_versions(En, "number-changed", v1, v2).expect("revised estimate");
        assert_eq!(hit.evidence["right_value"], 1350.0);
    }

    #[test]
    fn a_qualifier_that_opened_its_sentence_reads_in_lower_case() {
        use super::in_sentence;
        assert_eq!(in_sentence("At least 21"), "at least 21");
        assert_eq!(in_sentence("Plus de 3 000"), "plus de 3 000");
        assert_eq!(in_sentence("US$5 million"), "US$5 million");
        assert_eq!(in_sentence("21 morts"), "21 morts");
    }

    use super::super::testing::{run, run_in};
    use crate::lang::LangCode;

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
        // Within the estimate: both can be true, and the reader still sees two figures.
        for (a, b) in [
            (
                "Environ 112 passagers étaient à bord.",
                "110 passagers étaient à bord.",
            ),
            (
                "Une trentaine de blessés ont été hospitalisés.",
                "27 blessés ont été hospitalisés.",
            ),
        ] {
            let hit = run("number-changed", a, b).expect("two figures");
            assert_eq!(hit.severity, Some(crate::rules::Severity::Info));
            assert!(hit
                .message
                .ends_with("(an estimate that covers the other figure)"));
        }
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

    #[test]
    fn scale_words_multiply_digits() {
        assert!(run(
            "number-changed",
            "Le plan débloque 1,2 milliard d'euros pour les agriculteurs.",
            "Le plan débloque 1 200 millions d'euros pour les agriculteurs."
        )
        .is_none());
        let hit = run(
            "number-changed",
            "Le plan débloque 1,2 milliard d'euros pour les agriculteurs.",
            "Le plan débloque 1,5 milliard d'euros pour les agriculteurs.",
        )
        .unwrap();
        assert_eq!(hit.evidence["left"], "1,2 milliard");
        assert!(run_in(
            LangCode::En,
            "number-changed",
            "The plan costs $1.2 billion over five years.",
            "The plan costs $1,200 million over five years."
        )
        .is_none());
        let hit = run_in(
            LangCode::En,
            "number-changed",
            "The fund holds €50 million in loans.",
            "The fund holds $50 million in loans.",
        )
        .unwrap();
        assert_eq!(hit.evidence["left"], "€50 million");
        assert_eq!(hit.evidence["right"], "$50 million");
    }

    #[test]
    fn bounds_and_rough_counts() {
        let severity = |a: &str, b: &str| {
            run_in(LangCode::En, "number-changed", a, b)
                .map(|h| h.severity.unwrap_or(Severity::High))
        };
        // A toll updated under the same bound is a new figure.
        assert_eq!(
            severity(
                "The crash killed at least 18 people.",
                "The crash killed at least 21 people."
            ),
            Some(Severity::High)
        );
        // A figure within the bound refines it; one outside contradicts it.
        assert_eq!(
            severity(
                "The crash killed at least 18 people.",
                "The crash killed 21 people."
            ),
            Some(Severity::Low)
        );
        assert_eq!(
            severity(
                "The crash killed at least 18 people.",
                "The crash killed 15 people."
            ),
            Some(Severity::High)
        );
        assert_eq!(
            severity(
                "Dozens of people were injured.",
                "Thirty people were injured."
            ),
            Some(Severity::Low)
        );
        assert_eq!(
            severity(
                "Dozens of people were injured.",
                "Five people were injured."
            ),
            Some(Severity::High)
        );
        assert_eq!(
            severity(
                "Dozens of people were injured.",
                "More than 40 people were injured."
            ),
            Some(Severity::Low)
        );
        assert_eq!(
            severity(
                "One person was killed in the blast.",
                "Two people were killed in the blast."
            ),
            Some(Severity::High)
        );
        assert!(run(
            "number-changed",
            "Une quinzaine de personnes ont été tuées.",
            "Trois personnes ont été tuées."
        )
        .is_some());
    }

    #[test]
    fn tens_of_thousands_is_a_range() {
        let severity = |code: LangCode, a: &str, b: &str| {
            run_in(code, "number-changed", a, b).map(|h| h.severity.unwrap_or(Severity::High))
        };
        let fr = |a: &str, b: &str| severity(LangCode::Fr, a, b);
        assert_eq!(
            fr(
                "Des dizaines de milliers de manifestants ont défilé à Paris.",
                "50 000 manifestants ont défilé à Paris."
            ),
            Some(Severity::Low)
        );
        assert_eq!(
            fr(
                "Des dizaines de milliers de manifestants ont défilé à Paris.",
                "150 000 manifestants ont défilé à Paris."
            ),
            Some(Severity::High)
        );
        assert_eq!(
            fr(
                "Des dizaines de milliers de manifestants ont défilé à Paris.",
                "Des centaines de milliers de manifestants ont défilé à Paris."
            ),
            Some(Severity::High)
        );
        assert_eq!(
            severity(
                LangCode::En,
                "Tens of thousands of people marched in London.",
                "Hundreds of thousands of people marched in London."
            ),
            Some(Severity::High)
        );
    }

    #[test]
    fn small_number_words_that_count_a_noun() {
        use LangCode::{En, Fr};
        let flagged =
            |code: LangCode, a: &str, b: &str| run_in(code, "number-changed", a, b).is_some();
        for (code, a, b) in [
            (
                Fr,
                "Les deux dirigeants se sont rencontrés à Genève.",
                "Les trois dirigeants se sont rencontrés à Genève.",
            ),
            (
                En,
                "The two leaders met in Geneva.",
                "The three leaders met in Geneva.",
            ),
            (
                En,
                "One leader attended the summit in Geneva.",
                "Two leaders attended the summit in Geneva.",
            ),
            (
                En,
                "Only one leader attended the summit in Geneva.",
                "Two leaders attended the summit in Geneva.",
            ),
            (
                Fr,
                "Un seul dirigeant a assisté au sommet de Genève.",
                "Deux dirigeants ont assisté au sommet de Genève.",
            ),
            (
                Fr,
                "Un soldat a été tué et deux blessés.",
                "Deux soldats ont été tués et un blessé.",
            ),
        ] {
            assert!(flagged(code, a, b), "{a} / {b}");
        }
        // "un" is an article, "one of" no count, and "one man" no figure for any number.
        for (code, a, b) in [
            (
                Fr,
                "Un dirigeant a assisté au sommet de Genève.",
                "Deux dirigeants ont assisté au sommet de Genève.",
            ),
            (
                Fr,
                "L'un des dirigeants a assisté au sommet.",
                "Deux des dirigeants ont assisté au sommet.",
            ),
            (
                En,
                "One of the leaders attended the summit.",
                "Two of the leaders attended the summit.",
            ),
            (
                En,
                "One man was arrested in the city.",
                "Fourteen protesters were arrested in the city.",
            ),
        ] {
            assert!(!flagged(code, a, b), "{a} / {b}");
        }
    }

    #[test]
    fn every_changed_number_is_listed() {
        let hit = run_in(
            LangCode::En,
            "number-changed",
            "A magnitude 6.4 earthquake struck on Monday, killing at least 35 people.",
            "A magnitude 6.2 earthquake struck on Monday, killing at least 48 people.",
        )
        .unwrap();
        assert_eq!(hit.evidence["changes"].as_array().unwrap().len(), 2);
        assert!(
            hit.message
                .contains("at least 35 people → at least 48 people")
                || hit.message.contains("35 people → 48 people"),
            "{}",
            hit.message
        );
    }
}
