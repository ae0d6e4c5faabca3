//! Sentence boundaries inside one block.
//!
//! A boundary is a run of terminators (. ! ? …), then closing quotes or brackets (French
//! spacing allowed: `fin . »`), then whitespace, then something that can open a sentence.
//! A period does not end a sentence after an abbreviation or an initial from the language
//! data, nor inside a quotation that closes later in the same block (a quote over several
//! sentences stays one claim, with its speaker). Unbalanced quote marks open no quotation,
//! so a stray mark never swallows the rest of the text.

use crate::lang::Lang;
use crate::source::Span;

use super::blocks::is_space;

/// A sentence-sized piece of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub span: Span,
    /// The piece ended where a heading ran into the next sentence on one line, with no
    /// punctuation between them ("… laissent à désirer Le chef de l'Etat russe …").
    pub glued: bool,
}

/// Quotations longer than this are split into sentences anyway: a stray mark must not turn
/// a whole article into one claim.
const MAX_QUOTE_BYTES: usize = 1500;

const TERMINATORS: [char; 4] = ['.', '!', '?', '…'];

/// Byte ranges `(open, close_end)` of quotations that open and close inside `s`.
pub(crate) fn quote_regions(s: &str, lang: &Lang) -> Vec<(usize, usize)> {
    let mut stack: Vec<(usize, char)> = Vec::new();
    let mut regions = Vec::new();
    // Walk with one character of look-behind and look-ahead rather than collecting every
    // character: a Vec of (offset, char) costs 16 bytes per input byte on a huge block.
    let mut prev: Option<char> = None;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|p| p.1);
        // The marks come from the language data (`quotes:`); the straight quote is above.
        // A mark between two letters is an apostrophe ("don’t", "aujourd’hui"), whatever
        // quotation it could close.
        let in_word =
            prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic);
        let is_open_mark = lang.closing_for(c).is_some() && !in_word;
        let is_close_mark = lang.quote_pairs.iter().any(|(_, cl)| *cl == c) && !in_word;
        if c == '"' {
            // A straight quote opens before a word and closes after one or before
            // punctuation. With spaces on both sides (French typing: `" Le leader "`) it closes
            // whatever is open, else opens. A closer with nothing open is a stray mark.
            let before_word = next.is_some_and(|n| n.is_alphanumeric());
            let after_word = prev.is_some_and(|p| !is_space(p) && p != '(');
            let before_punct =
                next.is_none_or(|n| matches!(n, ',' | '.' | ';' | ':' | '!' | '?' | ')' | '»'));
            let closer = after_word || before_punct;
            let opener = !closer && (before_word || stack.is_empty());
            if opener {
                stack.push((i, c));
            } else if let Some((o, _)) = stack.pop() {
                regions.push((o, i + 1));
            }
        } else if is_open_mark && (!is_close_mark || stack.is_empty()) {
            stack.push((i, c));
        } else if is_close_mark {
            // Any closing mark closes the innermost quotation: the APS seed opens with " and
            // closes with ».
            if let Some((o, _)) = stack.pop() {
                regions.push((o, i + c.len_utf8()));
            }
        }
        prev = Some(c);
    }
    regions.retain(|(o, e)| e - o <= MAX_QUOTE_BYTES);
    regions
}

/// The quotations of one block, indexed so that each question costs O(log n) instead of a scan
/// over every quotation (which made a long line full of quotes quadratic).
struct QuoteIndex {
    /// Sorted by opening offset. Every region is at most `MAX_QUOTE_BYTES` long.
    by_open: Vec<(usize, usize)>,
    /// Closing offsets, sorted.
    ends: Vec<usize>,
}

impl QuoteIndex {
    fn new(mut regions: Vec<(usize, usize)>) -> QuoteIndex {
        regions.sort_unstable();
        let mut ends: Vec<usize> = regions.iter().map(|r| r.1).collect();
        ends.sort_unstable();
        QuoteIndex {
            by_open: regions,
            ends,
        }
    }

    /// Is `pos` strictly inside a quotation?
    fn inside(&self, pos: usize) -> bool {
        // Only quotations opening less than MAX_QUOTE_BYTES before `pos` can contain it.
        let from = pos.saturating_sub(MAX_QUOTE_BYTES);
        let lo = self.by_open.partition_point(|r| r.0 < from);
        self.by_open[lo..]
            .iter()
            .take_while(|r| r.0 < pos)
            .any(|r| pos < r.1)
    }

    /// Does a quotation close exactly at `end`?
    fn closes_at(&self, end: usize) -> bool {
        self.ends.binary_search(&end).is_ok()
    }
}

/// The word just before byte `at` (letters, digits, dots, hyphens, °), as written.
fn word_before(s: &str, at: usize) -> &str {
    let head = &s[..at];
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '°' | '\'' | '’')))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &head[start..]
}

/// The word starting at byte `at`, skipping opening marks.
fn word_after<'s>(s: &'s str, at: usize, lang: &Lang) -> &'s str {
    let rest = &s[at..];
    let rest = rest.trim_start_matches(|c| lang.opens(c));
    let end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '\'' || *c == '’'))
        .map(|(i, _)| i)
        .unwrap_or(rest.len());
    let w = &rest[..end];
    // "L'accord" opens with "L'".
    match w.find(['\'', '’']) {
        Some(i) => &w[..i + w[i..].chars().next().map_or(0, char::len_utf8)],
        None => w,
    }
}

fn starts_like_sentence(s: &str, at: usize, lang: &Lang) -> bool {
    let rest = &s[at..];
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if first.is_uppercase() || first.is_ascii_digit() {
        return true;
    }
    if lang.opens(first) {
        let inner = rest.trim_start_matches(|c: char| lang.opens(c) || is_space(c));
        return inner
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    }
    false
}

/// Is the period ending `word` (written without it) part of an abbreviation?
fn period_is_abbreviation(word: &str, next_word: &str, sentence_so_far: &str, lang: &Lang) -> bool {
    let bare = word.trim_start_matches(['\'', '’', '-']);
    // An elided article is not part of the abbreviation: "l'art. 12".
    let bare = match bare.char_indices().find(|&(_, c)| c == '\'' || c == '’') {
        Some((i, c)) if lang.elisions.contains(&crate::normalize::fold(&bare[..i])) => {
            &bare[i + c.len_utf8()..]
        }
        _ => bare,
    };
    if bare.is_empty() {
        return false;
    }
    let opens_sentence = lang.sentence_starters.contains(next_word);
    if lang.is_abbreviation(bare) {
        return true;
    }
    if lang.abbreviations_final.contains(bare) {
        return !opens_sentence;
    }
    let mut chars = bare.chars();
    let first = chars.next().expect("not empty");
    let single = chars.next().is_none();
    // An initial: "Jonas E. Smith", "J. Edgar Hoover"; "you and I. Did" still ends.
    if single && first.is_uppercase() {
        return !opens_sentence;
    }
    // Hyphenated initials of a French first name: "J.-P. Martin", "J-C. Juncker".
    if bare.contains('-')
        && bare
            .split(['.', '-'])
            .filter(|p| !p.is_empty())
            .all(|p| p.chars().count() == 1 && p.starts_with(char::is_uppercase))
    {
        return !opens_sentence;
    }
    // Letters with inner periods: "U.S.A.", "a.m.", "LL.AA.II.RR.".
    if bare.contains('.')
        && bare.chars().all(|c| c.is_alphabetic() || c == '.')
        && bare.split('.').all(|part| part.chars().count() <= 3)
    {
        return !opens_sentence;
    }
    // A list marker opening the piece: "1. The first item", "a. The first item".
    if sentence_so_far.trim() == bare
        && (bare.len() <= 2 || bare.chars().all(|c| c.is_ascii_digit()))
    {
        return true;
    }
    false
}

/// Where a heading runs into the next sentence without punctuation: a lowercase word (or a
/// closing quote), a space, then a capitalised sentence opener followed by a lowercase word.
fn glued_heading_at(s: &str, at: usize, lang: &Lang) -> bool {
    // Cheapest test first: this runs after every space, and trimming the spaces before `at`
    // on each of them made a long run of spaces quadratic.
    if !s[at..].starts_with(char::is_uppercase) {
        return false;
    }
    let before = s[..at].trim_end_matches(is_space);
    if before.len() == at {
        return false;
    }
    let Some(last) = before.chars().last() else {
        return false;
    };
    let prev_word = word_before(before, before.len());
    let after_lower_word = prev_word.chars().next().is_some_and(|c| c.is_lowercase())
        && prev_word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
    if !(after_lower_word || lang.closes_quote(last)) {
        return false;
    }
    let word = word_after(s, at, lang);
    // "what I mean": a one-letter word is too weak a sign.
    if word.chars().count() < 2 || !lang.sentence_starters.contains(word) {
        return false;
    }
    let rest = s[at + word.len()..].trim_start_matches(is_space);
    rest.chars().next().is_some_and(|c| c.is_lowercase())
}

/// Split `text[span]` into sentence pieces. Pieces are trimmed and cover every
/// non-whitespace character of the span exactly once.
pub fn split_sentences(text: &str, span: Span, lang: &Lang) -> Vec<Piece> {
    let s = &text[span.start..span.end];
    let regions = QuoteIndex::new(quote_regions(s, lang));
    let inside_quote = |pos: usize| regions.inside(pos);
    let mut cuts: Vec<(usize, bool)> = Vec::new();
    let mut piece_start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if TERMINATORS.contains(&c) {
            // The run of terminators: "?!", "...", "…".
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if TERMINATORS.contains(&d) {
                    end = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let term_end = end;
            // Closing marks, maybe after French spacing: `fin . »`.
            loop {
                let rest = &s[end..];
                let trimmed = rest.trim_start_matches(is_space);
                let Some(d) = trimmed.chars().next() else {
                    break;
                };
                if !lang.closes(d) {
                    break;
                }
                let at = end + (rest.len() - trimmed.len());
                let after = at + d.len_utf8();
                let closes_quote = regions.closes_at(after);
                // Across a space, only a mark that closes a quotation belongs to this sentence;
                // `" Le` may open the next one.
                if at != end && !closes_quote {
                    break;
                }
                if d == '"' && !closes_quote && s[after..].starts_with(char::is_alphanumeric) {
                    break;
                }
                end = after;
            }
            while let Some(&(j, _)) = chars.peek() {
                if j < end {
                    chars.next();
                } else {
                    break;
                }
            }
            let rest = &s[end..];
            if rest.is_empty() || !rest.starts_with(is_space) {
                continue;
            }
            let next = end + (rest.len() - rest.trim_start_matches(is_space).len());
            if next >= s.len() || !starts_like_sentence(s, next, lang) || inside_quote(end) {
                continue;
            }
            if &s[i..term_end] == "." {
                let word = word_before(s, i);
                let next_word = word_after(s, next, lang);
                if period_is_abbreviation(word, next_word, &s[piece_start..i], lang) {
                    continue;
                }
            }
            cuts.push((end, false));
            piece_start = next;
        } else if is_space(c) {
            let next = i + c.len_utf8();
            if next < s.len() && !inside_quote(next) && glued_heading_at(s, next, lang) {
                cuts.push((i, true));
                piece_start = next;
            }
        }
    }
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for (cut, glued) in cuts.into_iter().chain(std::iter::once((s.len(), false))) {
        let piece = &s[start..cut];
        let lead = piece.len() - piece.trim_start_matches(is_space).len();
        let trimmed = piece.trim_matches(is_space);
        if !trimmed.is_empty() {
            let a = span.start + start + lead;
            out.push(Piece {
                span: Span::new(a, a + trimmed.len()),
                glued,
            });
        }
        start = cut;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::LangCode;

    #[test]
    fn an_abbreviation_after_an_elided_article_ends_no_sentence() {
        let text = "Il a cité l'art. 12 du Code pénal. Le juge a tranché.";
        let pieces = split_sentences(text, Span::new(0, text.len()), Lang::get(LangCode::Fr));
        let sentences: Vec<&str> = pieces
            .iter()
            .map(|p| &text[p.span.start..p.span.end])
            .collect();
        assert_eq!(
            sentences,
            ["Il a cité l'art. 12 du Code pénal.", "Le juge a tranché."]
        );
    }

    #[test]
    fn quote_index_answers_as_a_scan_would() {
        // Nested, adjacent, unbalanced and over-long quotations.
        let long = "x".repeat(MAX_QUOTE_BYTES + 10);
        let s = format!(
            "« Il a dit : “ non ” puis « oui ». » Fin. \"Court\" et « {long} » ; « ouvert. \"a\"\"b\" « « »"
        );
        let regions = quote_regions(&s, Lang::get(LangCode::Fr));
        assert!(regions.len() >= 4, "{regions:?}");
        let index = QuoteIndex::new(regions.clone());
        for pos in 0..=s.len() {
            let inside = regions.iter().any(|&(o, e)| o < pos && pos < e);
            assert_eq!(index.inside(pos), inside, "inside at {pos}");
            let closes = regions.iter().any(|&(_, e)| e == pos);
            assert_eq!(index.closes_at(pos), closes, "closes at {pos}");
        }
    }

    #[test]
    fn long_runs_of_spaces_and_quotes_split_quickly() {
        // Both were quadratic: every space trimmed the run before it, and every candidate cut
        // scanned every quotation of the block. A few seconds in debug before, milliseconds now.
        let lang = Lang::get(LangCode::Fr);
        let spaces = format!("Le texte{}Suite du texte.", " ".repeat(200_000));
        let pieces = split_sentences(&spaces, Span::new(0, spaces.len()), lang);
        assert_eq!(pieces.len(), 1);
        let quotes = "« Il a dit. » Le Kremlin a parlé. ".repeat(10_000);
        let pieces = split_sentences(&quotes, Span::new(0, quotes.len()), lang);
        assert_eq!(pieces.len(), 20_000);
    }
}
