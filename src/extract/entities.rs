//! Names: the people, places and bodies a claim names. The entity rule flags a name that one
//! outlet replaces with another, and tells two people of one surname apart by their first
//! names; messages quote names as written. The names of alias sets are found with the terms
//! (`terms.rs`); here, runs of capitalised words, told apart from the capital that opens a
//! sentence and from titles, months and weekdays.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::normalize::{fold, WordSpan};
use crate::source::Span;

/// A name: an alias set member or a run of capitalised words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub span: Span,
    pub text: String,
    /// Canonical name: the alias set's first entry, or the last word of the name.
    pub key: String,
    /// The first names as written, between any title and the surname with its particles
    /// ("Jean-Yves" of "Jean-Yves Le Drian"; "Donald", "J." of "Donald J. Trump"). Empty for
    /// a name of one word, a title and a surname ("President Trump"), a surname that opens
    /// with a particle ("Al Qaeda") and an alias set's member: the entity rule tells two
    /// people of one surname apart by them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub given: Vec<String>,
}

/// Runs of capitalised words that are not known function words, months or weekdays:
/// "Staffan de Mistura", "Jarablous", "Barry D. Romeril". A dotted acronym is one name
/// ("U.S.", key "us", as "US"). At the start of a sentence a capitalised word may be any word,
/// so there only a run of two or more counts ("Home Depot reported"), unless its first word
/// is a usual sentence opener. The full stop of a title or an initial ("M. Lavrov",
/// "Mr. Mills") does not start a sentence. Titles before a name are not part of it ("Prime
/// Minister Theresa May" is "Theresa May"), and titles alone are no name ("le Premier
/// ministre"). Words `covered` by an alias set's name are read no further.
pub(super) fn capitalised_names(
    text: &str,
    ws: &[WordSpan],
    folded: &[String],
    covered: &[bool],
    lang: &Lang,
) -> Vec<Entity> {
    let scan = NameScan {
        text,
        ws,
        folded,
        covered,
        lang,
    };
    let mut out = Vec::new();
    let mut k = 0;
    while k < ws.len() {
        if let Some(e) = scan.acronym_end(k) {
            out.push(scan.acronym(k, e));
            k = e + 1;
        } else if scan.opens_name(k) {
            let end = scan.name_end(k);
            out.extend(scan.name(k, end));
            k = end + 1;
        } else {
            k += 1;
        }
    }
    out
}

/// One claim read for capitalised names.
struct NameScan<'a> {
    text: &'a str,
    ws: &'a [WordSpan],
    folded: &'a [String],
    covered: &'a [bool],
    lang: &'a Lang,
}

impl NameScan<'_> {
    fn word(&self, k: usize) -> &str {
        &self.text[self.ws[k].start..self.ws[k].end]
    }

    /// The text between word `k` and the next one (or the end).
    fn gap(&self, k: usize) -> &str {
        let next = self.ws.get(k + 1).map_or(self.text.len(), |w| w.start);
        &self.text[self.ws[k].end..next]
    }

    /// A capital letter and its full stop: an initial, or a letter of a dotted acronym.
    fn is_initial(&self, k: usize) -> bool {
        let w = self.word(k);
        w.len() == 1
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && self.gap(k).starts_with('.')
    }

    /// An abbreviated title and its full stop: "M.", "Mr.".
    fn title_stop(&self, k: usize) -> bool {
        self.lang.is_abbreviation(self.word(k)) && self.gap(k).trim_end() == "."
    }

    /// A full stop that does not end the sentence: after a title or an initial.
    fn abbreviated(&self, k: usize) -> bool {
        self.title_stop(k) || (self.is_initial(k) && self.gap(k).trim_end() == ".")
    }

    fn is_title(&self, k: usize) -> bool {
        self.lang.titles.contains(&self.folded[k])
    }

    fn is_cap(&self, k: usize) -> bool {
        let (f, lang) = (&self.folded[k], self.lang);
        self.word(k).starts_with(char::is_uppercase)
            && !self.covered[k]
            && !self.title_stop(k)
            && (self.is_initial(k) || !lang.stopwords.contains(f))
            && !lang.months.contains_key(f)
            && !lang.weekdays.contains_key(f)
    }

    fn sentence_start(&self, k: usize) -> bool {
        k == 0 || {
            let between = self.gap(k - 1);
            (between.contains(['.', '!', '?', ':']) && !self.abbreviated(k - 1))
                || between.chars().any(|c| self.lang.is_quote_mark(c))
        }
    }

    /// Does the name go on from word `k` to the next one?
    fn joined(&self, k: usize) -> bool {
        k + 1 < self.ws.len()
            && self.is_cap(k + 1)
            && (!self.gap(k).contains([',', '.', ';', '(', ')', ':'])
                || (self.is_initial(k) && self.gap(k).trim() == "." && self.word(k + 1).len() > 1))
    }

    /// The last letter of a dotted acronym that starts at `k`.
    fn acronym_end(&self, k: usize) -> Option<usize> {
        let mut e = k;
        while self.is_initial(e)
            && e + 1 < self.ws.len()
            && self.is_initial(e + 1)
            && self.gap(e) == "."
        {
            e += 1;
        }
        (e > k && !self.covered[k..=e].iter().any(|c| *c)).then_some(e)
    }

    /// The dotted acronym of words `k..=e`, its last full stop included.
    fn acronym(&self, k: usize, e: usize) -> Entity {
        let (a, b) = (self.ws[k].start, self.ws[e].end + 1);
        Entity {
            span: Span::new(a, b),
            text: self.text[a..b].to_string(),
            key: self.folded[k..=e].concat(),
            given: Vec::new(),
        }
    }

    /// Does a name open at word `k`? At a sentence's start only if the name goes on, or a
    /// possessive follows ("Lowe's reported"), and the word is no usual sentence opener.
    fn opens_name(&self, k: usize) -> bool {
        let possessive = || {
            self.gap(k).starts_with(['\'', '’'])
                && k + 1 < self.ws.len()
                && self.lang.possessives.contains(&self.folded[k + 1])
        };
        self.is_cap(k)
            && (!self.sentence_start(k)
                || (!self.lang.sentence_starters.contains(self.word(k))
                    && (self.joined(k) || possessive())))
    }

    /// The last word of the name that opens at word `k`.
    fn name_end(&self, k: usize) -> usize {
        let mut end = k;
        while end + 1 < self.ws.len() {
            let next = end + 1;
            if self.joined(end) && self.acronym_end(next).is_none() {
                end = next;
            } else if next + 1 < self.ws.len()
                && (self.lang.name_links.contains(&self.folded[next])
                    // "Chalon-sur-Saône", "Aix-en-Provence": a small word hyphenated
                    // between two capitalised ones.
                    || (self.gap(end) == "-" && self.gap(next) == "-"))
                && self.is_cap(next + 1)
            {
                end = next + 1;
            } else {
                break;
            }
        }
        end
    }

    /// The name of words `k..=end`; none when it is only titles.
    fn name(&self, k: usize, end: usize) -> Option<Entity> {
        // Titles before the name are not part of it, when a name of more than one word is
        // left ("Prime Minister Theresa May"): "General Electric" stays whole.
        let mut first = k;
        while first < end && self.is_title(first) {
            first += 1;
        }
        let rest = (first..=end)
            .filter(|&j| !self.lang.abbreviations_final.contains(self.word(j)))
            .count();
        if rest < 2 {
            first = k;
        }
        if (first..=end).all(|j| self.is_title(j)) {
            return None;
        }
        let (a, b) = (self.ws[first].start, self.ws[end].end);
        Some(Entity {
            span: Span::new(a, b),
            text: self.text[a..b].to_string(),
            key: self.folded[end].clone(),
            given: self.given_names(first, end),
        })
    }

    /// The first names of the name of words `first..=end`, as written.
    fn given_names(&self, first: usize, end: usize) -> Vec<String> {
        // A title may stand inside the run too ("Interior Minister Jane Doe", "Russian
        // President Putin"): the first names come after the last one.
        let named = (first..=end)
            .rev()
            .find(|&j| self.is_title(j))
            .map_or(first, |j| j + 1);
        if named >= end {
            return Vec::new();
        }
        let mut given: Vec<&str> = self.text[self.ws[named].start..self.ws[end].end]
            .split_whitespace()
            .collect();
        // The surname, and the particles before it ("Le Drian", "bin Salman").
        given.pop();
        while given
            .last()
            .is_some_and(|w| self.lang.name_links.contains(&fold(w)))
        {
            given.pop();
        }
        given.into_iter().map(str::to_string).collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::test_claims::{features, features_in};
    use crate::lang::LangCode;
    fn names_in(text: &str, lang: LangCode) -> Vec<String> {
        features_in(text, lang)
            .entities
            .into_iter()
            .map(|e| e.text)
            .collect()
    }

    #[test]
    fn names_after_titles_initials_and_at_sentence_start() {
        use LangCode::{En, Fr};
        assert_eq!(
            names_in("M. Lavrov a parlé avec MM. Kerry et Obama.", Fr),
            ["Lavrov", "Kerry", "Obama"]
        );
        assert_eq!(
            names_in("Le Premier ministre Édouard Philippe a parlé.", Fr),
            ["Édouard Philippe"]
        );
        // A title alone is no name.
        assert!(names_in("Le Premier ministre a parlé.", Fr).is_empty());
        assert_eq!(
            names_in("Named were Paul A. Allaire and G. Richard Thoman.", En),
            ["Paul A. Allaire", "G. Richard Thoman"]
        );
        assert_eq!(
            names_in("U.S. forces left, Mr. Mills said.", En),
            ["U.S.", "Mills"]
        );
        assert_eq!(
            names_in("Home Depot reported a profit.", En),
            ["Home Depot"]
        );
        assert_eq!(names_in("Lowe's reported a profit.", En), ["Lowe"]);
        // A capitalised first word alone may be any word.
        assert!(names_in("Profits rose.", En).is_empty());
        assert!(names_in("The company's profit rose.", En).is_empty());
    }

    #[test]
    fn a_first_name_comes_after_titles_and_before_a_surname() {
        use LangCode::{En, Fr};
        let given = |text: &str, lang: LangCode| -> Vec<(String, Vec<String>)> {
            features_in(text, lang)
                .entities
                .into_iter()
                .map(|e| (e.text, e.given))
                .collect()
        };
        let one = |name: &str, first: &[&str]| {
            vec![(
                name.to_string(),
                first.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
            )]
        };
        assert_eq!(
            given("Selon lui, Jean-Yves Le Drian viendra.", Fr),
            one("Jean-Yves Le Drian", &["Jean-Yves"])
        );
        assert_eq!(
            given("Selon lui, Mme Royal viendra.", Fr),
            one("Mme Royal", &[])
        );
        assert_eq!(
            given("Then Interior Minister Jane Doe spoke.", En),
            one("Interior Minister Jane Doe", &["Jane"])
        );
        assert_eq!(
            given("Then Russian President Putin spoke.", En),
            one("Russian President Putin", &[])
        );
        assert_eq!(given("Then J. Smith spoke.", En), one("J. Smith", &["J."]));
        assert_eq!(
            given("Then Donald J. Trump spoke.", En),
            one("Donald J. Trump", &["Donald", "J."])
        );
        assert_eq!(
            given("Then Crown Prince Mohammed bin Salman spoke.", En),
            one("Crown Prince Mohammed bin Salman", &["Mohammed"])
        );
        assert_eq!(given("Then Al Qaeda spoke.", En), one("Al Qaeda", &[]));
        assert_eq!(
            given("Then Vladimir Poutine spoke.", En),
            one("Vladimir Poutine", &[])
        );
    }

    #[test]
    fn hyphenated_place_names_are_one_name() {
        let names: Vec<String> = features("Un TER reliant Nevers à Chalon-sur-Saône a déraillé.")
            .entities
            .into_iter()
            .map(|e| e.text)
            .collect();
        assert_eq!(names, ["TER", "Nevers", "Chalon-sur-Saône"]);
    }
}
