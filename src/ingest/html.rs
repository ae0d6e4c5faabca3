//! HTML pages: the article body comes from `dom_smoothie` (a Readability port), which drops
//! navigation, scripts and boilerplate. Each extracted sentence is then located in the page
//! source, so findings still point at a line and column of the file the user has.

use crate::error::{Error, Result};
use crate::source::Span;

/// What the page gives us.
pub struct Extracted {
    /// The article body as Markdown text (headings and paragraphs).
    pub text: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub lang: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
}

pub fn extract(path: &str, html: &str) -> Result<Extracted> {
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Markdown,
        ..Default::default()
    };
    let mut reader = dom_smoothie::Readability::new(html, None, Some(config))
        .map_err(|e| Error::input(path, format!("cannot read HTML: {e}")))?;
    let article = reader.parse().map_err(|e| {
        Error::input(
            path,
            format!("no article text found in the HTML page ({e})"),
        )
    })?;
    let text = article.text_content.to_string();
    if text.trim().is_empty() {
        return Err(Error::input(path, "no article text found in the HTML page"));
    }
    let nonempty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    Ok(Extracted {
        text,
        title: Some(article.title).filter(|t| !t.trim().is_empty()),
        date: nonempty(article.published_time),
        lang: nonempty(article.lang),
        site: nonempty(article.site_name),
        url: nonempty(article.url),
    })
}

fn inside_tag(source: &str, at: usize) -> bool {
    let head = &source[..at];
    match (head.rfind('<'), head.rfind('>')) {
        (Some(lt), Some(gt)) => lt > gt,
        (Some(_), None) => true,
        _ => false,
    }
}

fn find_word(source: &str, word: &str, from: usize, limit: usize) -> Option<usize> {
    let mut at = from;
    while at < limit.min(source.len()) {
        let i = source[at..].find(word)? + at;
        if i >= limit {
            return None;
        }
        if !inside_tag(source, i) {
            return Some(i);
        }
        at = i + word.len();
    }
    None
}

/// Find where each extracted segment is in the page source: its first word after the
/// previous segment, and its last word after that. Segments that cannot be found (text built
/// from entities or scattered over many tags) get an empty span at the last known place.
pub fn locate(source: &str, text: &str, spans: &[Span]) -> Vec<Span> {
    let mut cursor = 0;
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let seg = &text[span.start..span.end];
        let words: Vec<&str> = seg
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 2)
            .collect();
        let located = (|| {
            let first = *words.first()?;
            let last = *words.last()?;
            let a = find_word(source, first, cursor, source.len())?;
            let window = a + seg.len() * 8 + 256;
            let mut b = a;
            let mut k = a;
            // The last occurrence of the last word within reach.
            while let Some(i) = find_word(source, last, k, window) {
                b = i + last.len();
                k = i + last.len();
                if b >= a + seg.len() {
                    break;
                }
            }
            Some(Span::new(a, b.max(a + first.len())))
        })();
        match located {
            Some(s) => {
                cursor = s.start;
                out.push(s);
            }
            None => out.push(Span::new(cursor, cursor)),
        }
    }
    out
}
