//! Terms: what alignment matches claims on. A word is keyed by its stem, so that
//! "manifestants" meets "manifestant"; a number by its value, so that "5 000" meets "5000".
//! An alias set's name is one term ("le Kremlin" meets "la présidence russe"), and so is a
//! phrase of a watch-list set ("annexion" meets "rattachement"; the term rule then says the
//! outlets word it differently).

use serde::{Deserialize, Serialize};

use super::aliases::AliasTable;
use super::entities::Entity;
use super::numbers::parse_digits;
use crate::lang::Lang;
use crate::normalize::{SpanCover, WordKind, WordSpan};
use crate::source::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TermKind {
    Word,
    Entity,
    Number,
}

/// A normalised term used for matching, with the word it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// Matching key: a stem, `@entity`, `#number` or `~watch-list set`.
    pub key: String,
    /// The folded word(s) as written, for soft matching and explanations.
    pub surface: String,
    pub kind: TermKind,
    /// Said inside an attribution ("…, a indiqué le Kremlin dans un communiqué"): it names
    /// who speaks, so alignment weighs it less.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub light: bool,
}

/// The terms of a claim, and the names of alias sets found on the way.
pub(super) struct Terms {
    pub terms: Vec<Term>,
    pub names: Vec<Entity>,
    /// The words of those names, which are read no further as capitalised names.
    pub covered: Vec<bool>,
}

/// The terms of the claim `text` (words `ws`, folded `folded`): its content words, each
/// alias set's name and watch-list phrase as one term. A term inside `said` (the claim's own
/// attributions) names who speaks: it weighs less.
pub(super) fn find_terms(
    text: &str,
    ws: &[WordSpan],
    folded: &[String],
    lang: &Lang,
    aliases: &AliasTable,
    term_sets: &AliasTable,
    said: &SpanCover,
) -> Terms {
    let content = content_words(text, ws, folded, lang);
    let content_words: Vec<&str> = content.iter().map(|&k| folded[k].as_str()).collect();
    let stemmer = rust_stemmers::Stemmer::create(lang.stemmer);
    let mut out = Terms {
        terms: Vec::with_capacity(content.len()),
        names: Vec::new(),
        covered: vec![false; ws.len()],
    };
    let mut c = 0;
    while c < content.len() {
        let k = content[c];
        let light = said.overlaps(ws[k].start, ws[k].start + 1);
        if let Some((n, id)) = aliases.longest_match(&content_words, c) {
            out.add_alias_name(text, ws, aliases, id, &content[c..c + n], light);
            c += n;
        } else if let Some((n, id)) = term_sets.longest_match(&content_words, c) {
            out.terms.push(Term {
                key: format!("~{}", term_sets.key(id)),
                surface: content_words[c..c + n].join(" "),
                kind: TermKind::Word,
                light,
            });
            c += n;
        } else {
            out.terms
                .extend(word_term(text, ws[k], &folded[k], lang, &stemmer, light));
            c += 1;
        }
    }
    out
}

/// Content words: no stopwords, no elided articles ("l'", "qu'").
fn content_words(text: &str, ws: &[WordSpan], folded: &[String], lang: &Lang) -> Vec<usize> {
    (0..ws.len())
        .filter(|&k| {
            let f = &folded[k];
            if ws[k].kind == WordKind::Number {
                return true;
            }
            let elided = text[ws[k].end..].starts_with(['\'', '’']) && lang.elisions.contains(f);
            !elided && !lang.stopwords.contains(f)
        })
        .collect()
}

impl Terms {
    /// The name of alias set `id` written in words `words`: one term, and a name.
    fn add_alias_name(
        &mut self,
        text: &str,
        ws: &[WordSpan],
        aliases: &AliasTable,
        id: usize,
        words: &[usize],
        light: bool,
    ) {
        self.terms.push(Term {
            key: format!("@{}", aliases.key(id)),
            // Explanations and labels name the set, as written in the rule file.
            surface: aliases.name(id).to_string(),
            kind: TermKind::Entity,
            light,
        });
        let (a, b) = (ws[words[0]].start, ws[words[words.len() - 1]].end);
        self.names.push(Entity {
            span: Span::new(a, b),
            text: text[a..b].to_string(),
            key: aliases.name(id).to_string(),
            given: Vec::new(),
        });
        for &k in words {
            self.covered[k] = true;
        }
    }
}

/// The term of one content word: a number by its value, a word by its stem. A letter alone
/// is no term.
fn word_term(
    text: &str,
    w: WordSpan,
    folded: &str,
    lang: &Lang,
    stemmer: &rust_stemmers::Stemmer,
    light: bool,
) -> Option<Term> {
    if w.kind == WordKind::Number {
        let v = parse_digits(&text[w.start..w.end], lang)?;
        return Some(Term {
            key: format!("#{v}"),
            surface: folded.to_string(),
            kind: TermKind::Number,
            light,
        });
    }
    (folded.chars().count() > 1 || folded.chars().all(|ch| ch.is_ascii_digit())).then(|| Term {
        key: stemmer.stem(folded).into_owned(),
        surface: folded.to_string(),
        kind: TermKind::Word,
        light,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_claims::features;

    #[test]
    fn aliases_become_entity_terms() {
        let f = features("Le chef de l'Etat russe a parlé avec le groupe Daech.");
        let keys: Vec<&str> = f
            .terms
            .iter()
            .filter(|t| t.kind == TermKind::Entity)
            .map(|t| t.key.as_str())
            .collect();
        assert_eq!(keys, ["@vladimir-poutine", "@etat-islamique"]);
        let f = features("Vladimir Poutine et Staffan de Mistura se sont vus à Astana.");
        let names: Vec<&str> = f.entities.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(names, ["Vladimir Poutine", "mistura", "astana"]);
    }
}
