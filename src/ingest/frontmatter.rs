//! YAML front matter at the top of a Markdown file: `---`, YAML, `---`.

use serde::Deserialize;

use crate::error::{Error, Position, Result};
use crate::source::Span;

/// The keys claimdiff reads. Other keys (author, tags…) are allowed and ignored.
#[derive(Debug, Default, Deserialize)]
pub struct FrontMatter {
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub date: Option<DateValue>,
    pub url: Option<String>,
    pub lang: Option<String>,
}

/// YAML reads `2017-01-28` as a string and `2017` as a number; accept both.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum DateValue {
    Text(String),
    Year(i64),
}

impl DateValue {
    pub fn as_string(&self) -> String {
        match self {
            DateValue::Text(s) => s.clone(),
            DateValue::Year(y) => y.to_string(),
        }
    }
}

/// Front matter found at the start of `text[from..]`: its fields and where the body starts.
pub struct Parsed {
    pub fields: FrontMatter,
    pub body_start: usize,
    pub yaml: Span,
}

/// End of the line starting at `from` (without its terminator) and start of the next one.
/// "\n", "\r\n" and a lone "\r" end a line, as in [`crate::source::LineIndex`].
fn line_end(text: &str, from: usize) -> (usize, usize) {
    match text[from..].find(['\n', '\r']) {
        Some(i) if text[from + i..].starts_with("\r\n") => (from + i, from + i + 2),
        Some(i) => (from + i, from + i + 1),
        None => (text.len(), text.len()),
    }
}

/// Parse front matter if `text[from..]` opens with a `---` line. A file that opens one and
/// never closes it is an error, not an article.
pub fn parse(path: &str, text: &str, from: usize) -> Result<Option<Parsed>> {
    let (first_end, mut pos) = line_end(text, from);
    if text[from..first_end].trim_end() != "---" {
        return Ok(None);
    }
    let yaml_start = pos;
    while pos < text.len() {
        let (end, next) = line_end(text, pos);
        let line = text[pos..end].trim_end();
        if line == "---" || line == "..." {
            let yaml = &text[yaml_start..pos];
            let fields: FrontMatter = if yaml.trim().is_empty() {
                FrontMatter::default()
            } else {
                crate::input::parse_yaml_at(path, yaml, 1).map_err(|e| match e {
                    Error::InputAt { path, pos, message } => Error::InputAt {
                        path,
                        pos,
                        message: format!("front matter: {}", explain(&message)),
                    },
                    Error::Input { path, message } => Error::Input {
                        path,
                        message: format!("front matter: {}", explain(&message)),
                    },
                    other => other,
                })?
            };
            return Ok(Some(Parsed {
                fields,
                body_start: next,
                yaml: Span::new(yaml_start, pos),
            }));
        }
        pos = next;
    }
    Err(Error::at(
        path,
        Position { line: 1, column: 1 },
        "front matter opens with `---` but never closes: add a `---` line after the YAML",
    ))
}

/// Say what to write instead when the YAML is not a mapping (a list, a bare word), rather
/// than naming our Rust type.
fn explain(message: &str) -> String {
    match message.strip_suffix("expected struct FrontMatter") {
        Some(head) => format!("{head}expected `key: value` lines (outlet, title, date, url, lang)"),
        None => message.to_string(),
    }
}

/// Line and column of the top-level `key:` inside the front matter, to point at a bad value.
/// Only a key at the start of a line counts: `update:` or `  date:` under another key is not
/// the `date:` being reported.
pub fn key_position(text: &str, yaml: Span, key: &str) -> Position {
    let offset = key_line(text, yaml, key).map_or(yaml.start, |(line, _)| line.start);
    let (line, column) = crate::source::LineIndex::new(text).position(text, offset);
    Position { line, column }
}

/// The line of the top-level `key:` and the offset just after its colon.
fn key_line(text: &str, yaml: Span, key: &str) -> Option<(Span, usize)> {
    let mut pos = yaml.start;
    while pos < yaml.end {
        let (end, next) = line_end(text, pos);
        let line = &text[pos..end];
        let after_key = [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .find_map(|k| line.strip_prefix(k.as_str()));
        if let Some(rest) = after_key.and_then(|rest| rest.trim_start().strip_prefix(':')) {
            return Some((Span::new(pos, end), end - rest.len()));
        }
        pos = next;
    }
    None
}

/// Where the one-line value of the top-level `key:` is written, without its quotes: a title
/// that changed between versions is shown there.
pub fn value_span(text: &str, yaml: Span, key: &str) -> Option<Span> {
    let (line, after_colon) = key_line(text, yaml, key)?;
    let value = &text[after_colon..line.end];
    let trimmed = value.trim();
    let unquoted = trimmed
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| {
            trimmed
                .strip_prefix('\'')
                .and_then(|v| v.strip_suffix('\''))
        })
        .unwrap_or(trimmed);
    let start = after_colon + (unquoted.as_ptr() as usize - value.as_ptr() as usize);
    (!unquoted.is_empty()).then(|| Span::new(start, start + unquoted.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_span_is_the_value_as_written_without_quotes() {
        let text = "---\ntitle: \"Ferry sinks\"\n  title: nested\nurl: x\n---\n";
        let yaml = Span::new(4, text.len() - 4);
        let at = value_span(text, yaml, "title").unwrap();
        assert_eq!(&text[at.start..at.end], "Ferry sinks");
        assert_eq!(value_span(text, yaml, "date"), None);
        let plain = "---\ntitle:   Ferry runs aground  \n---\n";
        let at = value_span(plain, Span::new(4, plain.len() - 4), "title").unwrap();
        assert_eq!(&plain[at.start..at.end], "Ferry runs aground");
    }

    #[test]
    fn key_position_finds_the_top_level_key() {
        let text = "---\nupdate: 2020\nmeta:\n  date: x\ndate: hier\n---\n";
        let yaml = Span::new(4, text.len() - 4);
        assert_eq!(
            key_position(text, yaml, "date"),
            Position { line: 5, column: 1 }
        );
    }

    #[test]
    fn lone_cr_line_ends_delimit_front_matter() {
        let text = "---\routlet: AFP\rdate: 2017\r---\rLe texte.\r";
        let fm = parse("x.md", text, 0).unwrap().expect("front matter");
        assert_eq!(fm.fields.outlet.as_deref(), Some("AFP"));
        assert_eq!(&text[fm.body_start..], "Le texte.\r");
        let pos = key_position(text, fm.yaml, "date");
        assert_eq!(pos, Position { line: 3, column: 1 });
    }

    #[test]
    fn a_list_is_refused_with_what_to_write() {
        let err = parse("x.md", "---\n- a\n- b\n---\nTexte.\n", 0)
            .err()
            .expect("refused")
            .to_string();
        assert!(
            err.contains("expected `key: value` lines") && !err.contains("struct"),
            "{err}"
        );
    }
}
