//! Text normalisation for matching: Unicode NFC, case and accent folding, apostrophes,
//! hyphens, number grouping. Display always uses the original text; only matching folds.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The plain form of a typographic apostrophe or hyphen: ’ ‘ ‛ ʼ ′ ` ´ are ', and ‐ ‑ ‒ – —
/// are -. Shared by folding and by the display of diffs.
pub fn plain_mark(c: char) -> Option<char> {
    match c {
        '’' | '‘' | '‛' | 'ʼ' | '′' | '`' | '´' => Some('\''),
        '‐' | '‑' | '‒' | '–' | '—' => Some('-'),
        _ => None,
    }
}

/// Fold one string for comparison: NFD, drop accents, lowercase, typographic apostrophes to '.
/// "État" and "Etat" fold to "etat".
pub fn fold(s: &str) -> String {
    // Most words are plain ASCII: lowercasing is all folding does to them.
    if s.bytes().all(|b| b.is_ascii() && b != b'`') {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if let Some(plain) = plain_mark(c) {
            out.push(plain);
            continue;
        }
        match c {
            c if c != ' ' && is_group_space(c) => out.push(' '),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The words of some texts (the claims of a pair or a group) as written and folded, to write
/// folded terms back as the texts do: "coréenne" for "coreenne".
pub struct WrittenForms<'a> {
    texts: &'a [&'a str],
    /// Names as the texts write them, by the name of their alias set ("Russie" → "Russia").
    names: Vec<(&'a str, &'a str)>,
    /// Made on the first term that is not written as it folds.
    folded: std::cell::OnceCell<Vec<(String, &'a str)>>,
}

impl<'a> WrittenForms<'a> {
    pub fn new(texts: &'a [&'a str]) -> Self {
        WrittenForms {
            texts,
            names: Vec::new(),
            folded: std::cell::OnceCell::new(),
        }
    }

    /// Names the texts write, as (alias set name, text) pairs: a name is then shown as written
    /// ("Moscow", not the set's "Russie").
    pub fn with_names(mut self, names: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        self.names.extend(names);
        self
    }

    /// `term` (folded) in lower case as the texts write it: a word that folds to it, else one
    /// that folds to a word starting with `stem` (the term's matching key: "téléphone" for a
    /// term first seen as "telephonique"), else `term` itself (names of alias sets are written
    /// already, and never fold to themselves).
    pub fn of(&self, term: &str, stem: &str) -> String {
        if let Some((_, written)) = self.names.iter().find(|(key, _)| *key == term) {
            return written.to_string();
        }
        // Most terms are written as they fold (no accent, no capital): a substring search
        // finds them without folding every word.
        let whole_word = |t: &str, at: usize| {
            !t[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !t[at + term.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
        };
        if self
            .texts
            .iter()
            .any(|t| t.match_indices(term).any(|(at, _)| whole_word(t, at)))
        {
            return term.to_string();
        }
        let folded = self.folded.get_or_init(|| {
            self.texts
                .iter()
                .flat_map(|t| words(t).into_iter().map(move |w| &t[w.start..w.end]))
                .map(|w| (fold(w), w))
                .collect()
        });
        folded
            .iter()
            .find(|(f, _)| f == term)
            // Short stems would match unrelated words.
            .or_else(|| {
                (stem.chars().count() >= 4)
                    .then(|| folded.iter().find(|(f, _)| f.starts_with(stem)))
                    .flatten()
            })
            .map(|(_, w)| w.to_lowercase())
            .unwrap_or_else(|| term.to_string())
    }
}

/// Fold and split into words (letters and digits); apostrophes and hyphens separate words.
pub fn fold_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A word of a text, with its byte span in that text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordSpan {
    pub start: usize,
    pub end: usize,
    pub kind: WordKind,
}

impl WordSpan {
    /// Does one of the spans of `cover` hold the whole word?
    pub fn inside_any(&self, cover: &SpanCover) -> bool {
        cover.holds(self.start, self.end)
    }
}

/// Spans (dates in a claim) asked "does one of you hold this word?" once per word: a binary
/// search rather than a walk over every span, so a claim of many dates stays linear.
#[derive(Debug, Clone, Default)]
pub struct SpanCover {
    /// Span starts, increasing.
    starts: Vec<usize>,
    /// `reach[i]`: the furthest end of the spans up to `i` in that order.
    reach: Vec<usize>,
}

impl SpanCover {
    pub fn new(spans: &[crate::source::Span]) -> SpanCover {
        let mut sorted: Vec<(usize, usize)> = spans.iter().map(|s| (s.start, s.end)).collect();
        sorted.sort_unstable();
        let mut furthest = 0;
        let reach = sorted
            .iter()
            .map(|&(_, end)| {
                furthest = furthest.max(end);
                furthest
            })
            .collect();
        SpanCover {
            starts: sorted.into_iter().map(|(start, _)| start).collect(),
            reach,
        }
    }

    /// Does one span hold `start..end`? One does exactly when, among the spans that start at
    /// or before `start`, the furthest end reaches `end`.
    pub fn holds(&self, start: usize, end: usize) -> bool {
        match self.starts.partition_point(|&s| s <= start) {
            0 => false,
            i => self.reach[i - 1] >= end,
        }
    }

    /// Does one span share a byte with `start..end`?
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        match self.starts.partition_point(|&s| s < end) {
            0 => false,
            i => self.reach[i - 1] > start,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    Word,
    /// Digits, with thousands groups ("5 000", "1,000") and decimals ("3,5") kept together.
    Number,
}

/// The spaces that group digits ("5 000") and that French typography puts before « : ; ».
pub(crate) fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// The apostrophes that group thousands in Swiss writing ("50'000", "1’200").
pub(crate) fn is_group_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// Split `text` into words and numbers. Apostrophes and hyphens inside words split them
/// ("l'Etat" → "l", "Etat"); digit groups "5 000", "1,000.5", "3,5" stay one number.
pub fn words(text: &str) -> Vec<WordSpan> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_ascii_digit() {
            let mut end = i + 1;
            loop {
                // Continue over digits.
                while end < bytes.len() && bytes[end].is_ascii_digit() {
                    end += 1;
                }
                // A separator followed by digits continues the number: "3,5", "1.000",
                // "5 000" (only for exactly three digits after a space).
                let rest = &text[end..];
                let mut chars = rest.chars();
                let Some(sep) = chars.next() else { break };
                let after = &rest[sep.len_utf8()..];
                let digits = after.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 {
                    break;
                }
                // Swiss grouping writes thousands with an apostrophe: "50'000".
                let ok = if is_group_space(sep) || is_group_apostrophe(sep) {
                    digits == 3
                } else {
                    matches!(sep, ',' | '.')
                };
                if !ok {
                    break;
                }
                end += sep.len_utf8() + digits;
            }
            out.push(WordSpan {
                start: i,
                end,
                kind: WordKind::Number,
            });
            while let Some(&(j, _)) = iter.peek() {
                if j < end {
                    iter.next();
                } else {
                    break;
                }
            }
        } else if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                // A combining accent belongs to its word: decomposed (NFD) text, as pasted from
                // some systems, must not split "pre\u{301}sident" into "pre" and "sident".
                if d.is_alphanumeric() || is_combining_mark(d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            out.push(WordSpan {
                start: i,
                end,
                kind: WordKind::Word,
            });
        }
    }
    out
}

/// Markdown links as the reader sees them: `[the weather service](/nws)` is "the weather
/// service". A changed link target is not a changed claim. Images (`![legend](src)`) stay:
/// they mark captions. Used for HTML pages (read as Markdown) and for claims of any input.
pub fn link_texts_only(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("](") {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let image = rest[..open].ends_with('!');
        let link = rest[open + 1..].find("](").and_then(|close| {
            let inner = &rest[open + 1..open + 1 + close];
            let target = &rest[open + 1 + close + 2..];
            let end = target.find(')')?;
            (!image
                && !inner.contains(['[', ']', '\n'])
                && !target[..end].contains(char::is_whitespace))
            .then_some((inner, open + 1 + close + 2 + end + 1))
        });
        match link {
            Some((inner, after)) => {
                out.push_str(&rest[..open]);
                out.push_str(inner);
                rest = &rest[after..];
            }
            None => {
                out.push_str(&rest[..=open]);
                rest = &rest[open + 1..];
            }
        }
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Are the lowercase `letters` of an acronym the initials of `words` (folded), in order and
/// from the first? Small words may lack a letter ("npt" / "nuclear non proliferation
/// treaty"), at most one.
pub fn letters_are_initials(letters: &str, words: &[impl AsRef<str>]) -> bool {
    let initials: String = words
        .iter()
        .filter_map(|w| w.as_ref().chars().next())
        .collect();
    if letters.chars().next() != initials.chars().next() {
        return false;
    }
    let mut rest = initials.chars();
    let in_order = letters.chars().all(|c| rest.any(|i| i == c));
    (in_order && initials.chars().count() <= letters.chars().count() + 1)
        || letters.starts_with(&initials)
}

#[cfg(test)]
mod tests {
    use super::SpanCover;
    use crate::source::Span;

    #[test]
    fn span_cover_answers_as_a_walk_over_every_span_would() {
        let spans = [
            Span::new(10, 20),
            Span::new(0, 5),
            Span::new(12, 30),
            Span::new(40, 41),
        ];
        let cover = SpanCover::new(&spans);
        for start in 0..45 {
            for end in start..46 {
                let holds = spans.iter().any(|s| s.start <= start && end <= s.end);
                let overlaps = spans.iter().any(|s| start < s.end && s.start < end);
                assert_eq!(cover.holds(start, end), holds, "{start}..{end}");
                assert_eq!(cover.overlaps(start, end), overlaps, "{start}..{end}");
            }
        }
    }

    use super::*;

    #[test]
    fn links_read_as_their_text() {
        assert_eq!(
            link_texts_only("according to [the weather service](/nws/x) on [$INDU] ![map](m.png)"),
            "according to the weather service on [$INDU] ![map](m.png)"
        );
    }

    fn texts(s: &str) -> Vec<&str> {
        words(s).iter().map(|w| &s[w.start..w.end]).collect()
    }

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(fold("État"), "etat");
        assert_eq!(fold("Etat"), "etat");
        assert_eq!(fold("l’Élysée"), "l'elysee");
        // NFC and NFD inputs fold the same.
        assert_eq!(fold("annonce\u{301}"), fold("annoncé"));
    }

    #[test]
    fn numbers_keep_their_groups() {
        assert_eq!(
            texts("environ 5 000 kilomètres"),
            ["environ", "5 000", "kilomètres"]
        );
        assert_eq!(texts("3,5 %"), ["3,5"]);
        assert_eq!(texts("1,000.5 dollars"), ["1,000.5", "dollars"]);
        assert_eq!(texts("le 12 septembre"), ["le", "12", "septembre"]);
        assert_eq!(
            texts("279 grands électeurs contre 228"),
            ["279", "grands", "électeurs", "contre", "228"]
        );
        assert_eq!(texts("en 2014 2015"), ["en", "2014", "2015"]);
    }

    #[test]
    fn decomposed_accents_stay_in_their_word() {
        let nfd = "le pre\u{301}sident a parle\u{301}";
        assert_eq!(texts(nfd), ["le", "pre\u{301}sident", "a", "parle\u{301}"]);
        let folded: Vec<String> = texts(nfd).iter().map(|w| fold(w)).collect();
        assert_eq!(folded, ["le", "president", "a", "parle"]);
    }

    #[test]
    fn apostrophes_and_hyphens_split_words() {
        assert_eq!(
            texts("l'Etat russo-américain"),
            ["l", "Etat", "russo", "américain"]
        );
    }
}
