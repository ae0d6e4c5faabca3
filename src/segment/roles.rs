//! Roles: which pieces are claims, and which are headings, captions, bylines or boilerplate.
//! The patterns come from the language data (`rules/lang/*.yaml`).

use crate::lang::Lang;
use crate::source::Span;

use super::blocks::{ends_sentence, is_space, Block};
use super::sentences::split_sentences;
use super::{Role, Segment};

/// Lines without final punctuation and at most this many words read as headings.
const MAX_HEADING_WORDS: usize = 20;

/// Datelines are short ("WASHINGTON, Jan. 28 (Reuters) - "): a longer match is a sentence.
const MAX_DATELINE: usize = 80;

/// A correction notice is a short paragraph; a longer one that opens like a notice ("Mise à
/// jour : …" over a whole article on one line) is split into sentences as usual.
const MAX_NOTICE: usize = 600;

/// Strip Markdown emphasis around a span: `**Phrase.**` → `Phrase.`.
fn trim_markup(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let markup = |c: char| c == '*' || c == '_' || is_space(c);
    let t = s.trim_start_matches(markup).trim_end_matches(markup);
    if t.is_empty() {
        return span;
    }
    let lead = s.len() - s.trim_start_matches(markup).len();
    Span::new(span.start + lead, span.start + lead + t.len())
}

/// The text a line pattern sees: Markdown emphasis removed and links read as their text,
/// as claims read them.
fn plain(s: &str) -> String {
    crate::normalize::link_texts_only(&s.replace(['*', '_'], ""))
        .trim()
        .to_string()
}

fn any_match(patterns: &[regex::Regex], raw: &str, plain: &str) -> bool {
    patterns
        .iter()
        .any(|p| p.is_match(raw) || p.is_match(plain))
}

/// A role that a whole line can have on its own: boilerplate, byline, caption.
pub(super) fn line_role(raw: &str, lang: &Lang) -> Option<Role> {
    // A Markdown image with its legend (HTML pages are read as Markdown): a caption.
    if raw.starts_with("![") {
        return Some(Role::Caption);
    }
    let plain = plain(raw);
    let patterns = lang.patterns();
    if any_match(&patterns.boilerplate, raw.trim(), &plain) {
        return Some(Role::Boilerplate);
    }
    if any_match(&patterns.bylines, raw.trim(), &plain) {
        return Some(Role::Byline);
    }
    if any_match(&patterns.captions, raw.trim(), &plain) {
        return Some(Role::Caption);
    }
    None
}

/// Ends with . ! ? or …, maybe followed by closing quotes: a finished sentence.
fn ends_with_terminator(s: &str, lang: &Lang) -> bool {
    s.trim_end_matches(|c: char| {
        is_space(c) || lang.closes_quote(c) || matches!(c, '*' | '_' | ')')
    })
    .ends_with(['.', '!', '?', '…'])
}

/// "… de l'Euphrate ." — a space before the final period marks a scraped title run into the
/// text, not a sentence.
fn spaced_final_period(s: &str) -> bool {
    s.strip_suffix('.')
        .is_some_and(|head| head.ends_with(is_space))
}

fn word_count(s: &str) -> usize {
    s.split(is_space)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

pub(super) fn segment_block(text: &str, block: &Block, lang: &Lang, out: &mut Vec<Segment>) {
    let mut push = |role: Role, span: Span| {
        out.push(Segment {
            role,
            span: trim_markup(text, span),
        })
    };
    if block.heading {
        push(Role::Heading, block.span);
        return;
    }
    if let Some(role) = block.role {
        push(role, block.span);
        return;
    }
    // A correction notice is read whole: "Correction: … misstated the number. It was 214, not
    // 412." is one notice, not two claims.
    let block_text = &text[block.span.start..block.span.end];
    if block_text.len() <= MAX_NOTICE
        && lang
            .patterns()
            .corrections
            .iter()
            .any(|p| p.is_match(block_text))
    {
        push(Role::Claim, block.span);
        return;
    }
    let pieces = split_sentences(text, block.span, lang);
    let single = pieces.len() == 1;
    for (i, mut piece) in pieces.into_iter().enumerate() {
        // A dispatch's dateline is not part of its first claim: its date is when the
        // dispatch was filed, not when the event happened.
        if i == 0 {
            let s = &text[piece.span.start..piece.span.end];
            let mut end = MAX_DATELINE.min(s.len());
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            let dateline = lang
                .patterns()
                .datelines
                .iter()
                .find_map(|p| p.find(&s[..end]));
            if let Some(m) = dateline.filter(|m| m.end() < s.len()) {
                push(
                    Role::Byline,
                    Span::new(piece.span.start, piece.span.start + m.end()),
                );
                piece.span.start += m.end();
            }
        }
        let s = &text[piece.span.start..piece.span.end];
        let plain_piece = plain(s);
        let role = if any_match(&lang.patterns().boilerplate, s, &plain_piece) {
            Role::Boilerplate
        } else if (single && !ends_sentence(s, lang)
            || piece.glued && !ends_with_terminator(s, lang)
            || spaced_final_period(s))
            && word_count(s) <= MAX_HEADING_WORDS
        {
            Role::Heading
        } else if word_count(s) == 0 {
            Role::Boilerplate
        } else {
            Role::Claim
        };
        push(role, piece.span);
    }
}
