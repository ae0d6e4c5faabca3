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
    /// 1-based line of the `---` that opens it.
    pub first_line: usize,
    pub yaml: Span,
}

fn line_end(text: &str, from: usize) -> (usize, usize) {
    match text[from..].find('\n') {
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
                crate::config::parse_yaml_at(path, yaml, 1).map_err(|e| match e {
                    Error::InputAt { path, pos, message } => Error::InputAt {
                        path,
                        pos,
                        message: format!("front matter: {message}"),
                    },
                    Error::Input { path, message } => Error::Input {
                        path,
                        message: format!("front matter: {message}"),
                    },
                    other => other,
                })?
            };
            return Ok(Some(Parsed {
                fields,
                body_start: next,
                first_line: 1,
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

/// Line and column of `key:` inside the front matter, to point at a bad value.
pub fn key_position(text: &str, yaml: Span, key: &str) -> Position {
    let block = &text[yaml.start..yaml.end];
    let offset = block
        .find(&format!("{key}:"))
        .map(|i| yaml.start + i)
        .unwrap_or(yaml.start);
    let line = text[..offset].matches('\n').count() + 1;
    Position { line, column: 1 }
}
