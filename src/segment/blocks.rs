//! Lines → blocks (paragraphs). A block is a run of text that sentences never cross.

use crate::lang::Lang;
use crate::source::Span;

/// A paragraph, a heading line or a list item.
#[derive(Debug, Clone)]
pub struct Block {
    /// Content without surrounding whitespace or Markdown line markers.
    pub span: Span,
    /// Markdown said this is a heading (`# Title`).
    pub heading: bool,
    /// A list item (`- `, `* `, `+ `, `• `).
    pub list_item: bool,
    /// What the block is when it is not text (a caption, a byline, boilerplate), as the
    /// `role_of` given to [`blocks`] said.
    pub role: Option<super::Role>,
}

/// Blocks joined from several lines are judged again after each line joins them, until they
/// are this long: captions, bylines and boilerplate are short, and judging a long
/// soft-wrapped paragraph again at every line would be quadratic.
const JOINED_ROLE_MAX_BYTES: usize = 2000;

pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Space or a Markdown emphasis mark: what surrounds a line's words without being one.
pub(crate) fn is_markup(c: char) -> bool {
    c == '*' || c == '_' || is_space(c)
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start_matches(is_space).len();
    let trail = s.len() - s.trim_end_matches(is_space).len();
    if lead == s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - trail)
}

/// Line spans of `text[body]`, without their line terminators.
fn lines(text: &str, body: Span) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = body.start;
    let mut i = body.start;
    while i < body.end {
        match bytes[i] {
            b'\n' | b'\r' => {
                out.push(Span::new(start, i));
                if bytes[i] == b'\r' && i + 1 < body.end && bytes[i + 1] == b'\n' {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < body.end {
        out.push(Span::new(start, body.end));
    }
    out
}

/// Markdown markers at the start of a line: heading hashes, blockquote, list bullet.
/// Returns the byte length to skip and whether it was a heading.
fn line_marker(line: &str) -> (usize, bool, bool) {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        return (hashes + 1, true, false);
    }
    // "> quote" but not ">> Lire aussi", which is boilerplate text, not a blockquote.
    if line.starts_with("> ") {
        return (2, false, false);
    }
    for bullet in ["- ", "* ", "+ ", "• "] {
        if line.starts_with(bullet) {
            return (bullet.len(), false, true);
        }
    }
    (0, false, false)
}

/// Ends like a finished sentence (or an introduction to the next line).
pub(crate) fn ends_sentence(s: &str, lang: &Lang) -> bool {
    let t = s.trim_end_matches(is_markup);
    t.ends_with(['.', '!', '?', '…', ':', ';', ')']) || t.ends_with(|c| lang.closes_quote(c))
}

/// Starts like the continuation of a sentence: a lowercase letter, maybe after an opening quote.
fn continues_sentence(s: &str, lang: &Lang) -> bool {
    s.chars()
        .find(|&c| {
            !(lang.is_quote_mark(c)
                || matches!(c, '*' | '_' | '(')
                || crate::normalize::is_group_space(c))
        })
        .is_some_and(|c| c.is_lowercase())
}

/// Group the lines of `text[body]` into blocks. `role_of` says what a line is when it is
/// complete on its own (a caption, a byline, boilerplate): such lines are never joined to
/// others. Each line is judged once, and a joined block again only while it is short enough
/// to be one of those lines.
pub fn blocks(
    text: &str,
    body: Span,
    markdown: bool,
    lang: &Lang,
    role_of: &dyn Fn(&str) -> Option<super::Role>,
) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut blank_before = true;
    let mut prev_list_item = false;
    for line in lines(text, body) {
        let content = trim_span(text, line);
        if content.is_empty() {
            blank_before = true;
            continue;
        }
        let raw = &text[content.start..content.end];
        let (skip, heading, list_item) = line_marker(raw);
        let span = trim_span(text, Span::new(content.start + skip, content.end));
        if span.is_empty() {
            blank_before = true;
            continue;
        }
        let here = &text[span.start..span.end];
        let here_role = role_of(here);
        let join = match out.last() {
            Some(prev) if !prev.heading && !heading && !list_item && here_role.is_none() => {
                let prev_text = &text[prev.span.start..prev.span.end];
                if prev.role.is_some() {
                    false
                } else {
                    let soft_wrap = markdown && !blank_before && !prev_list_item;
                    soft_wrap || (!ends_sentence(prev_text, lang) && continues_sentence(here, lang))
                }
            }
            _ => false,
        };
        if join {
            let prev = out.last_mut().expect("checked above");
            prev.span.end = span.end;
            prev.role = if prev.span.end - prev.span.start <= JOINED_ROLE_MAX_BYTES {
                role_of(&text[prev.span.start..prev.span.end])
            } else {
                None
            };
        } else {
            out.push(Block {
                span,
                heading,
                list_item,
                role: here_role,
            });
        }
        blank_before = false;
        prev_list_item = list_item;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, markdown: bool) -> Vec<&str> {
        let fr = crate::lang::Lang::get(crate::lang::LangCode::Fr);
        blocks(text, Span::new(0, text.len()), markdown, fr, &|l: &str| {
            l.ends_with(']').then_some(crate::segment::Role::Caption)
        })
        .iter()
        .map(|b| &text[b.span.start..b.span.end])
        .collect()
    }

    #[test]
    fn each_line_is_a_block_in_plain_text() {
        assert_eq!(
            texts("Titre\nUne phrase.\r\nUne autre.", false),
            ["Titre", "Une phrase.", "Une autre."]
        );
    }

    #[test]
    fn a_sentence_broken_over_lines_is_joined() {
        let t = "et, d'ajouter que bien que\n\n«n'aimant pas du tout».";
        assert_eq!(texts(t, false), [t]);
    }

    #[test]
    fn standalone_lines_are_not_joined() {
        let t = "Trump au téléphone. [Jonathan Ernst]\nVladimir Poutine et Donald Trump ont parlé.";
        assert_eq!(texts(t, true).len(), 2);
    }

    #[test]
    fn markdown_soft_wraps_and_headings() {
        let t = "## Titre\nLe président\nrusse a parlé.\n\n- un point\n- un autre";
        assert_eq!(
            texts(t, true),
            [
                "Titre",
                "Le président\nrusse a parlé.",
                "un point",
                "un autre"
            ]
        );
    }
}
