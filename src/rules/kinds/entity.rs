//! `entity`: a name on one side replaced by another name on the other, or two names that
//! trade places around the same word (who did what to whom).
//!
//! Example: « Lavrov a averti son homologue Kerry » vs « Lavrov a averti son homologue
//! Tillerson ». The swap must show in the word diff (a name deleted where another is
//! inserted), so names that one outlet merely adds are not swaps. Names in one alias set
//! ("Poutine", "le président russe") are the same name; one surname with two first names
//! («Jean-Yves Le Drian» / «Jean-Marc Le Drian») is two people. Roles: « Moscou accuse Kiev » vs
//! « Kiev accuse Moscou ».

use std::borrow::Cow;

use serde_json::json;

use super::{ClaimView, Hit};
use crate::diff::{DiffOp, DiffTagKind};
use crate::extract::Entity;

pub const DOC: &str = "A name on one side is replaced by another name on the other: in the word \
diff, a name is deleted where a different name is inserted. Names in one alias set are the \
same name, and so are two spellings, a shortening or an acronym of one name (\"Qaida\" / \
\"Al Qaeda\", \"UK\" / \"United Kingdom\"). One surname with another first name is another \
person (\"David Lammy\" / \"Daniel Lammy\"); a first name left out, a title, an initial \
that agrees, a shortening or a familiar form is not (\"Trump\" / \"Donald Trump\", \"M. \
Macron\" / \"Emmanuel Macron\", \"J. Smith\" / \"John Smith\", \"Jim\" / \"James\": \
`first_name_forms` in rules/lang/*.yaml). Between two versions of one outlet's story, another \
spelling is a correction (\"Ellison\" → \"Allison\"). Or two names trade places around the same words \
(who did what to whom), appositions included; a sentence's first word counts as a name when \
the other claim writes it as one.\n\
Examples: \"son homologue Kerry\" vs \"son homologue Tillerson\"; \"Jean-Yves Le Drian\" vs \
\"Jean-Marc Le Drian\"; \"Moscou accuse Kiev\" vs \"Kiev accuse Moscou\".";

/// Names (entities) inside a byte range.
fn names_in(entities: &[Entity], start: usize, end: usize) -> Vec<&Entity> {
    entities
        .iter()
        .filter(|e| e.span.start < end && start < e.span.end)
        .collect()
}

/// Content words between two names that trade places, at most (words of names and function
/// words not counted): more, and the claims are reworded rather than mirrored.
const ROLE_WORDS: usize = 8;

/// A claim's names, and its first word when the other claim writes that word as a name: a
/// sentence's first word is capitalised anyway, so extraction cannot tell that « Traoré a
/// limogé Diallo » opens with a name, but « Diallo a limogé Traoré » says it does.
fn names_seen_from<'v>(v: &ClaimView<'v>, other: &ClaimView) -> Cow<'v, [Entity]> {
    let names = &v.features.entities;
    let Some(w) = first_word(v.text) else {
        return Cow::Borrowed(names);
    };
    let word = &v.text[w.start..w.end];
    let taken = names
        .iter()
        .any(|e| e.span.start < w.end && w.start < e.span.end);
    if taken || !word.starts_with(char::is_uppercase) {
        return Cow::Borrowed(names);
    }
    let key = crate::normalize::fold(word);
    if !other.features.entities.iter().any(|e| e.key == key) {
        return Cow::Borrowed(names);
    }
    let mut seen = Vec::with_capacity(names.len() + 1);
    seen.push(Entity {
        span: crate::source::Span::new(w.start, w.end),
        text: word.to_string(),
        key,
        given: Vec::new(),
    });
    seen.extend(names.iter().cloned());
    Cow::Owned(seen)
}

/// The first word of a text, without cutting the rest into words: this runs for every pair.
fn first_word(text: &str) -> Option<crate::normalize::WordSpan> {
    let start = text.find(char::is_alphanumeric)?;
    let end = text[start..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| start + i);
    crate::normalize::words(&text[..end]).first().copied()
}

/// The text between two names of `text`, and the names in their order.
fn between<'t>(text: &'t str, p: &'t Entity, q: &'t Entity) -> (&'t str, &'t str, &'t str) {
    let (one, two) = if p.span.start < q.span.start {
        (p, q)
    } else {
        (q, p)
    };
    let gap = if one.span.end < two.span.start {
        &text[one.span.end..two.span.start]
    } else {
        ""
    };
    (gap, one.text.as_str(), two.text.as_str())
}

/// Two names both claims have, in one order in `a` and the other in `b`, with the same words
/// between them on both sides ("accuse" in « Moscou accuse Kiev » / « Kiev accuse Moscou »;
/// « Le ministre, Amadou Traoré, a limogé le chef d'état-major, Issa Diallo » and the same
/// with the two names exchanged).
fn swapped_roles(a: &ClaimView, b: &ClaimView, na: &[Entity], nb: &[Entity]) -> Option<Hit> {
    fn first<'n>(names: &'n [Entity], key: &str) -> Option<&'n Entity> {
        names.iter().find(|e| e.key == key)
    }
    let mut keys: Vec<&str> = Vec::new();
    for e in na {
        if !keys.contains(&e.key.as_str()) && first(nb, &e.key).is_some() {
            keys.push(&e.key);
        }
    }
    // The content words of a gap that are not part of a name (a list "A, B et C" has none).
    let content_of = |gap: &str| -> Vec<String> {
        crate::normalize::words(gap)
            .iter()
            .map(|w| &gap[w.start..w.end])
            .filter(|w| !w.starts_with(char::is_uppercase))
            .map(crate::normalize::fold)
            .filter(|w| super::is_content_word(w))
            .collect()
    };
    for (i, x) in keys.iter().enumerate() {
        for y in &keys[i + 1..] {
            let (ax, ay, bx, by) = (first(na, x)?, first(na, y)?, first(nb, x)?, first(nb, y)?);
            if (ax.span.start < ay.span.start) == (bx.span.start < by.span.start) {
                continue;
            }
            let (gap_a, a1, a2) = between(a.text, ax, ay);
            let (gap_b, b1, b2) = between(b.text, bx, by);
            // The same words between them on both sides: the sentence is mirrored ("X
            // accuse Y" / "Y accuse X"), not reworded ("US company Fluor" / "Fluor company of
            // the US") nor a list in another order ("A, B and C" / "C, B and A").
            if crate::normalize::fold_words(gap_a) != crate::normalize::fold_words(gap_b) {
                continue;
            }
            let content = content_of(gap_a);
            if (1..=ROLE_WORDS).contains(&content.len()) {
                let w = &content[0];
                return Some(Hit::new(
                    format!(
                        "{} has \"{a1} … {w} … {a2}\", {} has \"{b1} … {w} … {b2}\": the names trade places",
                        a.outlet, b.outlet
                    ),
                    json!({"left": [a1, a2], "right": [b1, b2], "between": w}),
                ).at(Some(ax.span.min(ay.span)), Some(bx.span.min(by.span))));
            }
        }
    }
    None
}

/// Do two names written differently name the same thing? Outlets spell and shorten names
/// in their own ways, and none of these is a swap:
/// - the same key, or the same letters once spaces, hyphens and dots are gone ("U.S." /
///   "US", "SCOLinux" / "SCO Linux", "Wi-Fi" / "WiFi");
/// - an acronym and its words ("ATSB" / "Air Transportation Stabilization Board", "UK" /
///   "United Kingdom");
/// - a word in common, up to spelling ("Qaida" / "Al Qaeda", "Saudi Arabia" / "Saudi
///   Arabian", "Muhammed" / "Mohammed", "Sunnis" / "Sunni Muslims"), unless all the two
///   names share is their first word ("John Kerry" / "John Kasich").
///
/// Names of one key, and two names of two words or more, are full names: see
/// [`same_full_name`].
pub(crate) fn same_referent(x: &Entity, y: &Entity) -> bool {
    let (wx, wy) = (name_words(x), name_words(y));
    if x.key == y.key || (wx.len() > 1 && wy.len() > 1) {
        return same_full_name(x, y, &wx, &wy);
    }
    if wx.is_empty() || wy.is_empty() {
        return false;
    }
    if spelled_alike(&wx.concat(), &wy.concat()) || acronym_of(x, &wy) || acronym_of(y, &wx) {
        return true;
    }
    wx.iter().any(|a| {
        wy.iter()
            .any(|b| a.chars().count() >= 4 && b.chars().count() >= 4 && spelled_alike(a, b))
    })
}

/// A name's folded words, initials left out, but a dotted acronym as one word ("U.S.A." is
/// "usa").
fn name_words(e: &Entity) -> Vec<String> {
    let all = crate::normalize::fold_words(&e.text);
    if all.len() > 1 && all.iter().all(|w| w.chars().count() == 1) {
        return vec![all.concat()];
    }
    all.into_iter().filter(|w| w.chars().count() > 1).collect()
}

/// Between two versions of one story, a name spelled another way is a correction ("Judge
/// Margaret Ellison" → "Allison"): only the same letters, every word of one kept in the other
/// ("Trump" / "Donald Trump") or an acronym and its words name the same referent.
fn same_referent_as_edited(x: &Entity, y: &Entity) -> bool {
    let (wx, wy) = (name_words(x), name_words(y));
    let within = |p: &[String], q: &[String]| !p.is_empty() && p.iter().all(|w| q.contains(w));
    x.key == y.key && wx == wy
        || wx.concat() == wy.concat()
        || within(&wx, &wy)
        || within(&wy, &wx)
        || acronym_of(x, &wy)
        || acronym_of(y, &wx)
}

/// Two names of one key, or of two words or more (`wx`, `wy`: their folded words, initials
/// left out), name one referent when one holds every word of the other ("Federal Reserve" /
/// "Federal Reserve Board", "Ali Khan" / "Ali Hassan Khan", "Trump" / "Donald Trump"), or
/// when their last words (a surname) are the same up to a letter, or two in a long word
/// ("Amir Muhammed Rasheed" / "Amer Mohammed Rashid"), and so are the first names where both
/// write one. A corrected surname ("Angela Ruiz" → "Angela Ortiz", "Claire Morvan" → "Claire
/// Moreau") or first name ("David Lammy" → "Daniel Lammy", "Jean-Yves Le Drian" →
/// "Jean-Marc Le Drian") is another person: the slip a fact-checker looks for. A first name
/// shortened ("Dan" / "Daniel") or given by an initial that agrees ("J. Smith" / "John
/// Smith") is the same; a title is no first name ("Mr Khan" / "Bijan Khan", see
/// `Entity::given`).
fn same_full_name(x: &Entity, y: &Entity, wx: &[String], wy: &[String]) -> bool {
    let within = |p: &[String], q: &[String]| p.iter().all(|w| q.contains(w));
    if within(wx, wy) || within(wy, wx) {
        return true;
    }
    if !same_first_names(&x.given, &y.given) {
        return false;
    }
    if x.key == y.key {
        return true;
    }
    let (Some(a), Some(b)) = (wx.last(), wy.last()) else {
        return false;
    };
    name_alike(a, b)
}

/// One word of a name spelled two ways: the same up to a letter, or two in a long word
/// ("Rasheed" / "Rashid", "Amir" / "Amer").
fn name_alike(a: &str, b: &str) -> bool {
    let shorter = a.chars().count().min(b.chars().count());
    a == b
        || (shorter >= 4 && strsim::levenshtein(a, b) <= 1)
        || (shorter >= 6 && strsim::normalized_levenshtein(a, b) >= 0.7)
}

/// The first names two names write (`Entity::given`) name one person where both write some:
/// in order, from the first or from the last (a word the extraction took for a first name,
/// "Democrat John Edwards" / "Johnny Edwards"; a middle name, "J. Edgar Hoover" / "John
/// Hoover"), each pair agrees.
fn same_first_names(f: &[String], g: &[String]) -> bool {
    f.iter().zip(g).all(|(a, b)| same_first_name(a, b))
        || f.iter()
            .rev()
            .zip(g.iter().rev())
            .all(|(a, b)| same_first_name(a, b))
}

/// Two first names as written name one person: part by part ("Jean-Yves"), each the same up
/// to spelling, one the start of the other ("Dan" / "Daniel", "Jean" / "Jean-Marc"), an
/// initial of it ("J." / "John", "J.-Y." / "Jean-Yves"), or a familiar form of one name
/// ("Jim" / "James": `first_name_forms` of rules/lang, of every language, since a name keeps
/// its own language in any article).
fn same_first_name(f: &str, g: &str) -> bool {
    let (pf, pg) = (
        crate::normalize::fold_words(f),
        crate::normalize::fold_words(g),
    );
    pf.iter().zip(&pg).all(|(a, b)| {
        let initial = |w: &str| w.chars().count() == 1;
        if initial(a) || initial(b) {
            a.chars().next() == b.chars().next()
        } else {
            a.starts_with(b.as_str())
                || b.starts_with(a.as_str())
                || name_alike(a, b)
                || crate::lang::LangCode::ALL
                    .iter()
                    .any(|&code| crate::lang::Lang::get(code).first_name_forms_agree(a, b))
        }
    })
}

/// Is `e` written as an acronym (one word of capitals, or a dotted one) of the words `of`?
/// Its letters must be the initials of those words, in order, from the first; small words
/// may lack a letter ("NPT" / "Nuclear Non-Proliferation Treaty").
fn acronym_of(e: &Entity, of: &[String]) -> bool {
    let letters: String = e.text.chars().filter(|c| c.is_alphanumeric()).collect();
    let n = letters.chars().count();
    if !(2..=6).contains(&n) || !letters.chars().all(|c| c.is_uppercase()) || of.len() < 2 {
        return false;
    }
    crate::normalize::letters_are_initials(&letters.to_lowercase(), of)
}

/// Two spellings of one word: the same but for a final letter or two ("Turks" / "Turkish",
/// "China" / "Chinas", "Conn" / "Connecticut" is a prefix), or at most one edit in four
/// ("Qaida" / "Qaeda", "Nicholas" / "Nicolas").
fn spelled_alike(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = la.min(lb);
    (common >= 4 && shorter - common <= 1)
        || (shorter >= 5 && strsim::normalized_levenshtein(a, b) >= 0.75)
}

pub fn check(a: &ClaimView, b: &ClaimView, ops: &[DiffOp]) -> Option<Hit> {
    let (na, nb) = (names_seen_from(a, b), names_seen_from(b, a));
    replaced(a, b, &na, &nb, ops).or_else(|| swapped_roles(a, b, &na, &nb))
}

/// The names as written, each once.
fn distinct_texts<'e>(names: &[&'e Entity]) -> Vec<&'e str> {
    let mut out: Vec<&str> = Vec::new();
    for e in names {
        if !out.contains(&e.text.as_str()) {
            out.push(e.text.as_str());
        }
    }
    out
}

/// Names deleted in the diff where different names are inserted. One claim can replace
/// several ("la préfète de la Nièvre, Mme Roussel" → "le maire de Decize, M. Guyot"): all
/// are named, the first pair in `left` and `right`.
fn replaced(
    a: &ClaimView,
    b: &ClaimView,
    na: &[Entity],
    nb: &[Entity],
    ops: &[DiffOp],
) -> Option<Hit> {
    let same: fn(&Entity, &Entity) -> bool = if a.same_outlet(b) {
        same_referent_as_edited
    } else {
        same_referent
    };
    let (mut pa, mut pb) = (0, 0);
    let mut last_delete: Option<(usize, usize)> = None;
    let (mut old, mut new): (Vec<&Entity>, Vec<&Entity>) = (Vec::new(), Vec::new());
    for op in ops {
        let len = op.text.len();
        match op.op {
            DiffTagKind::Equal => {
                pa += len;
                pb += len;
                last_delete = None;
            }
            DiffTagKind::Delete => {
                last_delete = Some((pa, pa + len));
                pa += len;
            }
            DiffTagKind::Insert => {
                if let Some((ds, de)) = last_delete.take() {
                    let gone: Vec<&Entity> = names_in(na, ds, de)
                        .into_iter()
                        .filter(|g| !nb.iter().any(|e| same(g, e)))
                        .collect();
                    let came: Vec<&Entity> = names_in(nb, pb, pb + len)
                        .into_iter()
                        .filter(|c| !na.iter().any(|e| same(c, e)))
                        .collect();
                    if !gone.is_empty() && !came.is_empty() {
                        old.extend(gone);
                        new.extend(came);
                    }
                }
                pb += len;
            }
        }
    }
    let (o, n) = (old.first()?, new.first()?);
    let (all_old, all_new) = (distinct_texts(&old), distinct_texts(&new));
    let message = if all_old.len() == 1 && all_new.len() == 1 {
        format!(
            "{} names {}, {} names {} in its place",
            a.outlet, o.text, b.outlet, n.text
        )
    } else {
        format!(
            "{} names {}; {} names {} in their place",
            a.outlet,
            all_old.join(" and "),
            b.outlet,
            all_new.join(" and ")
        )
    };
    Some(
        Hit::new(
            message,
            json!({"left": o.text, "right": n.text, "left_key": o.key, "right_key": n.key,
               "left_all": all_old, "right_all": all_new}),
        )
        .at(Some(o.span), Some(n.span)),
    )
}

#[cfg(test)]
mod tests {
    use super::super::testing::run;

    #[test]
    fn every_name_one_edit_replaces() {
        let hit = run(
            "entity-swap",
            "« Je salue leur courage », a déclaré la préfète de la Nièvre, Mme Élisabeth Roussel.",
            "« Je salue leur courage », a déclaré le maire de Decize, M. Justin Guyot.",
        )
        .unwrap();
        assert_eq!(hit.evidence["left_all"][1], "Élisabeth Roussel");
        assert_eq!(hit.evidence["right_all"][1], "Justin Guyot");
        assert!(hit.message.contains("Élisabeth Roussel"), "{}", hit.message);
    }

    #[test]
    fn a_respelled_name_is_a_correction_between_versions_only() {
        use super::super::testing::{run_in, run_versions};
        use crate::lang::LangCode::En;
        let (v1, v2) = (
            "The case was heard by Judge Margaret Ellison on Monday.",
            "The case was heard by Judge Margaret Allison on Monday.",
        );
        assert!(run_in(En, "entity-swap", v1, v2).is_none());
        let hit = run_versions(En, "entity-swap", v1, v2).expect("corrected name");
        assert_eq!(hit.evidence["right"], "Margaret Allison");
        // A name completed in the new version is the same person.
        assert!(run_versions(
            En,
            "entity-swap",
            "The case was heard by Judge Ellison on Monday.",
            "The case was heard by Judge Margaret Ellison on Monday.",
        )
        .is_none());
    }

    #[test]
    fn swapped_name() {
        let hit = run(
            "entity-swap",
            "Sergueï Lavrov a averti son homologue John Kerry samedi.",
            "Sergueï Lavrov a averti son homologue Rex Tillerson samedi.",
        )
        .unwrap();
        assert_eq!(hit.evidence["left"], "John Kerry");
        assert_eq!(hit.evidence["right"], "Rex Tillerson");
    }

    #[test]
    fn names_that_trade_places_around_a_verb() {
        let hit = run(
            "entity-swap",
            "Vladimir Poutine a appelé Donald Trump samedi.",
            "Donald Trump a appelé Vladimir Poutine samedi.",
        )
        .expect("roles swapped");
        assert_eq!(hit.evidence["between"], "appele");
        // The same names listed in another order are not a swap.
        assert!(run(
            "entity-swap",
            "Vladimir Poutine et Donald Trump ont parlé samedi.",
            "Donald Trump et Vladimir Poutine ont parlé samedi."
        )
        .is_none());
    }

    #[test]
    fn names_that_trade_places_in_appositions_or_at_the_start() {
        let hit = run(
            "entity-swap",
            "Le ministre de la Défense, Amadou Traoré, a limogé mercredi le chef d'état-major, Issa Diallo.",
            "Le ministre de la Défense, Issa Diallo, a limogé mercredi le chef d'état-major, Amadou Traoré.",
        )
        .expect("roles swapped");
        assert_eq!(hit.evidence["between"], "limoge");
        // The first word of a sentence is a name when the other claim writes it as one.
        let hit = run(
            "entity-swap",
            "Traoré a limogé Diallo mercredi à Makalé.",
            "Diallo a limogé Traoré mercredi à Makalé.",
        )
        .expect("roles swapped");
        assert_eq!(hit.evidence["left"][0], "Traoré");
    }

    #[test]
    fn reworded_names_and_reordered_lists_are_not_role_swaps() {
        assert!(run(
            "entity-swap",
            "Paris a demandé au groupe américain Fluor une étude.",
            "Paris a demandé à Fluor, groupe américain, une étude."
        )
        .is_none());
        assert!(run(
            "entity-swap",
            "Les juges Stephen Breyer, Sandra Day et Anthony Kennedy ont voté contre.",
            "Les juges Anthony Kennedy, Sandra Day et Stephen Breyer ont voté contre."
        )
        .is_none());
    }

    fn entity(text: &str, key: &str) -> crate::extract::Entity {
        crate::extract::Entity {
            span: crate::source::Span::new(0, text.len()),
            text: text.to_string(),
            key: key.to_string(),
            given: Vec::new(),
        }
    }

    #[test]
    fn spellings_shortenings_and_acronyms_name_the_same_thing() {
        use super::same_referent;
        let same = [
            (("U.S.", "us"), ("US", "us")),
            (("SCOLinux", "scolinux"), ("SCO Linux", "linux")),
            (
                ("ATSB", "atsb"),
                ("Air Transportation Stabilization Board", "board"),
            ),
            (
                ("NPT", "npt"),
                ("Nuclear Non-Proliferation Treaty", "treaty"),
            ),
            (("UK", "uk"), ("United Kingdom", "kingdom")),
            (("Qaida", "qaida"), ("Al Qaeda", "qaeda")),
            (("Saudi Arabia", "arabia"), ("Saudi Arabian", "arabian")),
            (
                ("Amir Muhammed Rasheed", "rasheed"),
                ("Amer Mohammed Rashid", "rashid"),
            ),
            (("Turks", "turks"), ("Turkish", "turkish")),
            (("Sunnis", "sunnis"), ("Sunni Muslims", "muslims")),
            (
                ("Federal Reserve", "reserve"),
                ("Federal Reserve Board", "board"),
            ),
            (("Ali Khan", "khan"), ("Ali Hassan Khan", "khan")),
        ];
        for ((a, ka), (b, kb)) in same {
            assert!(same_referent(&entity(a, ka), &entity(b, kb)), "{a} / {b}");
        }
        let different = [
            (("John Kerry", "kerry"), ("John Kasich", "kasich")),
            (("Kerry", "kerry"), ("Tillerson", "tillerson")),
            (("Tehuacan", "tehuacan"), ("Teotihuacan", "teotihuacan")),
            (
                ("CIA", "cia"),
                ("Federal Bureau of Investigation", "investigation"),
            ),
            (("Moscou", "moscou"), ("Kiev", "kiev")),
            (("Angela Ruiz", "ruiz"), ("Angela Ortiz", "ortiz")),
            (("Claire Morvan", "morvan"), ("Claire Moreau", "moreau")),
            (("Tom Becker", "becker"), ("Tom Baker", "baker")),
        ];
        for ((a, ka), (b, kb)) in different {
            assert!(!same_referent(&entity(a, ka), &entity(b, kb)), "{a} / {b}");
        }
    }

    #[test]
    fn a_name_after_a_title_is_a_name() {
        let hit = run(
            "entity-swap",
            "Le Premier ministre Édouard Philippe a refusé de commenter jeudi.",
            "M. Castaner a refusé de commenter jeudi.",
        )
        .expect("Philippe replaced by Castaner");
        assert_eq!(hit.evidence["left"], "Édouard Philippe");
        assert_eq!(hit.evidence["right"], "Castaner");
        let dotted = run(
            "entity-swap",
            "Les troupes américaines restent aux U.S.A. selon le Pentagone.",
            "Les troupes américaines restent aux USA selon le Pentagone.",
        );
        assert!(dotted.is_none(), "{:?}", dotted.map(|h| h.message));
    }

    #[test]
    fn another_first_name_for_the_same_surname_is_another_person() {
        use super::super::testing::run_in;
        use crate::lang::LangCode::En;
        let hit = run(
            "entity-swap",
            "Le ministre Jean-Yves Le Drian a reçu son homologue à Paris.",
            "Le ministre Jean-Marc Le Drian a reçu son homologue à Paris.",
        )
        .expect("Jean-Yves → Jean-Marc");
        assert_eq!(hit.evidence["left"], "Jean-Yves Le Drian");
        assert_eq!(hit.evidence["right"], "Jean-Marc Le Drian");
        let hit = run_in(
            En,
            "entity-swap",
            "Foreign Secretary David Lammy met his counterpart in Paris.",
            "Foreign Secretary Daniel Lammy met his counterpart in Paris.",
        )
        .expect("David → Daniel");
        assert_eq!(hit.evidence["right"], "Foreign Secretary Daniel Lammy");
        assert!(run_in(
            En,
            "entity-swap",
            "Ali Hassan Khan met Xi in Beijing.",
            "Omar Hassan Khan met Xi in Beijing."
        )
        .is_some());
        // The same person: a first name left out, an initial that agrees, a title, a middle
        // name or initial, a shortened or respelled first name.
        for (a, b) in [
            (
                "Trump met Xi in Beijing.",
                "Donald Trump met Xi in Beijing.",
            ),
            (
                "J. Smith met Xi in Beijing.",
                "John Smith met Xi in Beijing.",
            ),
            (
                "Mr Khan met Xi in Beijing.",
                "Bijan Khan met Xi in Beijing.",
            ),
            (
                "President Trump met Xi in Beijing.",
                "Donald Trump met Xi in Beijing.",
            ),
            (
                "Donald J. Trump met Xi in Beijing.",
                "Donald Trump met Xi in Beijing.",
            ),
            (
                "Hillary Rodham Clinton met Xi in Beijing.",
                "Hillary Clinton met Xi in Beijing.",
            ),
            (
                "Dan Smith met Xi in Beijing.",
                "Daniel Smith met Xi in Beijing.",
            ),
            (
                "Russian President Putin met Xi in Beijing.",
                "Vladimir Putin met Xi in Beijing.",
            ),
            (
                "J. Edgar Hoover met Xi in Beijing.",
                "John Hoover met Xi in Beijing.",
            ),
            (
                "Democrat John Edwards met Xi in Beijing.",
                "Johnny Edwards met Xi in Beijing.",
            ),
        ] {
            let hit = run_in(En, "entity-swap", a, b);
            assert!(hit.is_none(), "{a} / {b}: {:?}", hit.map(|h| h.message));
        }
        for (a, b) in [
            (
                "M. Macron a reçu M. Xi à Paris.",
                "Emmanuel Macron a reçu M. Xi à Paris.",
            ),
            (
                "Mme Royal a reçu M. Xi à Paris.",
                "Ségolène Royal a reçu M. Xi à Paris.",
            ),
        ] {
            let hit = run("entity-swap", a, b);
            assert!(hit.is_none(), "{a} / {b}: {:?}", hit.map(|h| h.message));
        }
    }

    #[test]
    fn aliases_and_additions_are_not_swaps() {
        assert!(run(
            "entity-swap",
            "Poutine a appelé Trump.",
            "Le président russe a appelé Trump."
        )
        .is_none());
        assert!(run(
            "entity-swap",
            "Poutine a appelé Trump.",
            "Poutine a appelé Trump et Angela Merkel."
        )
        .is_none());
    }
}
