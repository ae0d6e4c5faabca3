//! The alias table: names that refer to the same thing (the rule set's `aliases`). Here and
//! not with the text primitives because matching drops each language's function words.

use crate::lang::is_function_word;
use crate::normalize::fold_words;

/// Names that refer to the same thing (from the rule set's `aliases`), matched on folded
/// content words so that "le chef de l'État russe" and "chef d'Etat russe" both match.
#[derive(Debug, Default, Clone)]
pub struct AliasTable {
    /// First content word → (all content words of the phrase, set id).
    by_first: std::collections::HashMap<String, Vec<(Vec<String>, usize)>>,
    /// Display name of each set (its first entry).
    names: Vec<String>,
    /// Folded key of each set, used as a matching term.
    keys: Vec<String>,
}

impl AliasTable {
    pub fn new(sets: &[Vec<String>]) -> AliasTable {
        let mut table = AliasTable::default();
        for set in sets {
            let Some(first) = set.first() else { continue };
            let id = table.names.len();
            table.names.push(first.clone());
            table.keys.push(fold_words(first).join("-"));
            for phrase in set {
                let words: Vec<String> = fold_words(phrase)
                    .into_iter()
                    .filter(|w| !is_function_word(w))
                    .collect();
                if let Some(head) = words.first() {
                    let entry = table.by_first.entry(head.clone()).or_default();
                    if !entry.iter().any(|(w, _)| *w == words) {
                        entry.push((words, id));
                    }
                }
            }
        }
        for list in table.by_first.values_mut() {
            // Longest phrase first, so "président russe" wins over "président".
            list.sort_by_key(|entry| std::cmp::Reverse(entry.0.len()));
        }
        table
    }

    /// The longest alias phrase starting at `words[at]`: (number of words, set id).
    pub fn longest_match<S: AsRef<str>>(&self, words: &[S], at: usize) -> Option<(usize, usize)> {
        let list = self.by_first.get(words[at].as_ref())?;
        list.iter()
            .find(|(phrase, _)| {
                at + phrase.len() <= words.len()
                    && phrase
                        .iter()
                        .zip(&words[at..])
                        .all(|(p, w)| p == w.as_ref())
            })
            .map(|(phrase, id)| (phrase.len(), *id))
    }

    pub fn name(&self, id: usize) -> &str {
        &self.names[id]
    }

    pub fn key(&self, id: usize) -> &str {
        &self.keys[id]
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}
