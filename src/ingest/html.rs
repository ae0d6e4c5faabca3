//! HTML pages: the article body comes from `dom_smoothie` (a Readability port), which drops
//! navigation, scripts and boilerplate. Each extracted sentence is then located in the page
//! source, so findings still point at a line and column of the file the user has.

use crate::error::{Error, Result};
use crate::source::Span;

/// What the page gives us.
pub struct Extracted {
    /// The article body as Markdown text (headings, paragraphs, `![…](…)` images), without
    /// emphasis marks.
    pub text: String,
    pub title: Option<String>,
    /// Publication dates as the page writes them, most trusted first: read the first one
    /// that is a date.
    pub dates: Vec<String>,
    pub lang: Option<String>,
    pub site: Option<String>,
    pub url: Option<String>,
}

/// Deepest element nesting accepted. Browsers stop nesting at 512 levels (deeper elements
/// become siblings), so no real page needs more; the HTML parser and the article extractor
/// take time that grows with the square of the depth (20,000 nested `<div>`s: minutes).
pub const MAX_HTML_DEPTH: usize = 1024;

/// Elements that never hold others (void) or whose end tag may be left out (`<p>`, `<li>`…):
/// they do not count towards the depth, so sloppy but ordinary pages are not overestimated.
const FLAT_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th",
    "thead", "tbody", "tfoot", "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head",
    "body",
];

/// Elements whose content is text up to their end tag (`if (a<b)` in a script is no tag).
const RAW_TEXT_ELEMENTS: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// The deepest element nesting of `html`, estimated in one pass over its tags, without
/// building a tree: start tags open a level, end tags close one; comments, declarations,
/// raw-text elements, void and optional-end elements are skipped.
pub fn nesting_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let lower = |i: usize, pat: &str| {
        bytes.len() >= i + pat.len() && bytes[i..i + pat.len()].eq_ignore_ascii_case(pat.as_bytes())
    };
    let find = |from: usize, pat: &str| {
        (from..bytes.len().saturating_sub(pat.len() - 1))
            .find(|&k| lower(k, pat))
            .unwrap_or(bytes.len())
    };
    let (mut deepest, mut i) = (0usize, 0usize);
    // The elements open, innermost last, and how many of each name: an end tag closes the
    // innermost element of its name and those inside it; one that closes nothing is ignored,
    // as parsers do. Each element is opened and closed once: linear.
    let mut open: Vec<String> = Vec::new();
    let mut open_by_name: std::collections::HashMap<String, usize> = Default::default();
    // How many of the open elements are `<svg>` or `<math>`: in them, and only there, `/>`
    // closes an element (in HTML, `<div/>` opens a div).
    let mut foreign = 0usize;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        if lower(lt, "<!--") {
            i = find(lt + 4, "-->") + 3;
            i = i.min(bytes.len());
            continue;
        }
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes[name_start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-')
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            // "<!doctype", "<?xml", or a "<" in text.
            i = lt + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        // The end of the tag, skipping quoted attribute values.
        let mut k = name_start + name_len;
        let mut quote = None;
        while k < bytes.len() {
            match (quote, bytes[k]) {
                (None, b'>') => break,
                (None, q @ (b'"' | b'\'')) => quote = Some(q),
                (Some(q), c) if c == q => quote = None,
                _ => {}
            }
            k += 1;
        }
        let self_closing = k > 0 && bytes.get(k - 1) == Some(&b'/');
        i = (k + 1).min(bytes.len());
        if FLAT_ELEMENTS.contains(&name.as_str()) {
            continue;
        }
        let is_foreign = |n: &str| n == "svg" || n == "math";
        if closing {
            if open_by_name.get(&name).copied().unwrap_or(0) == 0 {
                continue;
            }
            while let Some(top) = open.pop() {
                *open_by_name.entry(top.clone()).or_default() -= 1;
                foreign -= usize::from(is_foreign(&top));
                if top == name {
                    break;
                }
            }
        } else if RAW_TEXT_ELEMENTS.contains(&name.as_str()) {
            let end = find(i, &format!("</{name}"));
            i = end.min(bytes.len());
        } else if !(self_closing && (foreign > 0 || is_foreign(&name))) {
            foreign += usize::from(is_foreign(&name));
            *open_by_name.entry(name.clone()).or_default() += 1;
            open.push(name);
            deepest = deepest.max(open.len());
        }
    }
    deepest
}

pub fn extract(path: &str, html: &str) -> Result<Extracted> {
    let depth = nesting_depth(html);
    if depth > MAX_HTML_DEPTH {
        return Err(Error::input(
            path,
            format!(
                "HTML elements are nested {depth} deep (the limit is {MAX_HTML_DEPTH}); \
                 this does not look like an article page"
            ),
        ));
    }
    let config = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Markdown,
        ..Default::default()
    };
    let mut reader = dom_smoothie::Readability::new(html, None, Some(config))
        .map_err(|e| Error::input(path, format!("cannot read HTML: {e}")))?;
    // Before `parse`, which rewrites the document down to the article.
    let stated = stated_dates(&reader);
    let time = first_time(&reader);
    let article = reader.parse().map_err(|e| {
        Error::input(
            path,
            format!("no article text found in the HTML page ({e})"),
        )
    })?;
    // Emphasis marks of the Markdown rendering are not the article's words: they would show
    // in claims and in word diffs against other outlets.
    let text =
        crate::normalize::link_texts_only(&article.text_content.replace('*', "")).into_owned();
    if text.trim().is_empty() {
        return Err(Error::input(path, "no article text found in the HTML page"));
    }
    let nonempty = |s: Option<String>| s.filter(|s| !s.trim().is_empty());
    Ok(Extracted {
        text,
        title: Some(article.title).filter(|t| !t.trim().is_empty()),
        // The extractor's own reading (the meta tags of other CMSs) comes before the first
        // `<time>` of the article, which may date something else.
        dates: stated
            .into_iter()
            .chain(nonempty(article.published_time))
            .chain(time)
            .collect(),
        lang: nonempty(article.lang),
        site: nonempty(article.site_name),
        url: nonempty(article.url),
    })
}

/// The meta tags that give a page's publication date, most trusted first: Open Graph,
/// microdata, Dublin Core, then the plain `date`, which some CMSs fill with the date of the
/// page's last change.
const META_DATE_KEYS: [&str; 6] = [
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "date",
];

/// The publication dates a page states outside its text, most trusted first: the JSON-LD
/// `datePublished` of the article, then the meta tags of [`META_DATE_KEYS`] (by `property`,
/// `name` or `itemprop`, case ignored).
fn stated_dates(reader: &dom_smoothie::Readability) -> Vec<String> {
    let doc = &reader.doc;
    let mut json_ld: Vec<(bool, String)> = doc
        .select(r#"script[type="application/ld+json"]"#)
        .nodes()
        .iter()
        .filter_map(|script| {
            let json: serde_json::Value = serde_json::from_str(strip_cdata(&script.text())).ok()?;
            json_ld_published(&json)
        })
        .collect();
    // An article first: a page's JSON-LD also dates its videos and the page itself.
    json_ld.sort_by_key(|(article, _)| !article);
    let mut out: Vec<String> = json_ld.into_iter().map(|(_, d)| d).collect();
    let mut metas: Vec<(usize, String)> = Vec::new();
    for node in doc.select("meta[content]").nodes() {
        let Some(content) = node.attr("content").filter(|c| !c.trim().is_empty()) else {
            continue;
        };
        let rank = ["property", "name", "itemprop"]
            .iter()
            .filter_map(|a| node.attr(a))
            .find_map(|key| {
                let key = key.trim().to_ascii_lowercase();
                META_DATE_KEYS.iter().position(|k| *k == key)
            });
        if let Some(rank) = rank {
            metas.push((rank, content.trim().to_string()));
        }
    }
    // Stable: the first tag of each kind first.
    metas.sort_by_key(|(rank, _)| *rank);
    out.extend(metas.into_iter().map(|(_, c)| c));
    out
}

/// JSON-LD as pages write it: sometimes inside `<![CDATA[ … ]]>`.
fn strip_cdata(s: &str) -> &str {
    let t = s.trim();
    t.strip_prefix("<![CDATA[")
        .and_then(|t| t.strip_suffix("]]>"))
        .unwrap_or(t)
}

/// The first `datePublished` in a JSON-LD value (objects, arrays, `@graph`), and whether the
/// object that holds it is an article (`@type` Article, NewsArticle, BlogPosting…).
fn json_ld_published(value: &serde_json::Value) -> Option<(bool, String)> {
    let mut found: Option<(bool, String)> = None;
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
            serde_json::Value::Object(map) => {
                if let Some(date) = map.get("datePublished").and_then(|d| d.as_str()) {
                    let types: Vec<&str> = match map.get("@type") {
                        Some(serde_json::Value::String(t)) => vec![t.as_str()],
                        Some(serde_json::Value::Array(ts)) => {
                            ts.iter().filter_map(|t| t.as_str()).collect()
                        }
                        _ => Vec::new(),
                    };
                    let article = types
                        .iter()
                        .any(|t| t.ends_with("Article") || t.ends_with("Posting"));
                    if article {
                        return Some((true, date.to_string()));
                    }
                    found.get_or_insert((false, date.to_string()));
                }
                stack.extend(map.values().rev());
            }
            _ => {}
        }
    }
    found
}

/// The `datetime` of the first `<time>` inside the page's `<article>` (or `<main>`), which
/// pages without meta tags use to date the article.
fn first_time(reader: &dom_smoothie::Readability) -> Option<String> {
    reader
        .doc
        .select("article time[datetime], main time[datetime]")
        .nodes()
        .iter()
        .filter_map(|t| t.attr("datetime"))
        .map(|d| d.trim().to_string())
        .find(|d| !d.is_empty())
}

/// The parts of a page a reader does not see as text: tags, comments, and `<script>` and
/// `<style>` elements (pages repeat their lede in JSON-LD and scripts). Found in one pass, so
/// that looking a position up costs a binary search, not a scan back over the page.
struct Markup {
    /// Sorted, disjoint byte ranges.
    hidden: Vec<(usize, usize)>,
}

impl Markup {
    fn of(source: &str) -> Markup {
        let len = source.len();
        let after = |from: usize, needle: &str| source[from..].find(needle).map(|i| from + i);
        let mut hidden = Vec::new();
        let mut at = 0;
        while let Some(lt) = after(at, "<") {
            let rest = &source[lt..];
            let end = if rest.starts_with("<!--") {
                after(lt + 4, "-->").map_or(len, |i| i + 3)
            } else if let Some(close) = [("<script", "</script"), ("<style", "</style")]
                .iter()
                .find(|(open, _)| rest.starts_with(open))
                .map(|(_, close)| close)
            {
                after(lt, close)
                    .and_then(|c| after(c, ">"))
                    .map_or(len, |i| i + 1)
            } else {
                after(lt + 1, ">").map_or(len, |i| i + 1)
            };
            hidden.push((lt, end));
            at = end;
        }
        Markup { hidden }
    }

    fn hides(&self, at: usize) -> bool {
        let k = self.hidden.partition_point(|&(start, _)| start <= at);
        k > 0 && at < self.hidden[k - 1].1
    }
}

/// Where the page body starts: the `<head>` (title, meta tags) repeats the article's words.
fn body_start(source: &str) -> usize {
    ["<body", "<BODY"]
        .iter()
        .filter_map(|b| source.find(b))
        .min()
        .unwrap_or(0)
}

fn find_word(
    source: &str,
    markup: &Markup,
    word: &str,
    from: usize,
    limit: usize,
) -> Option<usize> {
    let limit = limit.min(source.len());
    // Search only up to where a match could still start before `limit`: an unbounded search
    // for a word that is not there scanned the rest of the page once per segment.
    let mut end = (limit + word.len()).min(source.len());
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    let mut at = from;
    while at < limit {
        let i = source[at..end].find(word)? + at;
        if i >= limit {
            return None;
        }
        // A whole word ("Le", not the start of "Les"), outside markup.
        let whole = !source[..i].ends_with(char::is_alphanumeric)
            && !source[i + word.len()..].starts_with(char::is_alphanumeric);
        if whole && !markup.hides(i) {
            return Some(i);
        }
        at = i + word.len();
    }
    None
}

/// Find where each extracted segment is in the page source: its first word after the
/// previous segment, and its last word after that (the next words in, when the page writes
/// one with entities). Segments that cannot be found (text built from entities or scattered
/// over many tags) get an empty span at the last known place.
pub fn locate(source: &str, text: &str, spans: &[Span]) -> Vec<Span> {
    let mut cursor = body_start(source);
    let markup = Markup::of(source);
    // First words known to be missing from the page after some offset. The cursor only moves
    // forward, so they stay missing; without this, every segment starting with a word the
    // page writes with entities (`&Eacute;lys&eacute;e`) searched to the end of the page.
    let mut absent: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let seg = &text[span.start..span.end];
        // An image's Markdown (`![alt](src)`) is not in the page as text; its legend is.
        let seg = match seg
            .strip_prefix("![")
            .and_then(|s| s.find("](").map(|i| &s[i..]))
        {
            Some(rest) => rest.find(')').map_or(seg, |j| &rest[j + 1..]),
            None => seg,
        };
        match locate_one(source, &markup, seg, cursor, &mut absent) {
            Some(s) => {
                // Past this segment: the next one is after it, even when it has the same words.
                cursor = s.end;
                out.push(s);
            }
            None => out.push(Span::new(cursor, cursor)),
        }
    }
    out
}

/// Words of a segment tried as its first (or last) anchor: a word the page writes with
/// entities ("&Eacute;lys&eacute;e") is not found as text, so the next one is tried.
const ANCHOR_TRIES: usize = 4;

fn locate_one<'t>(
    source: &str,
    markup: &Markup,
    seg: &'t str,
    cursor: usize,
    absent: &mut std::collections::HashMap<&'t str, usize>,
) -> Option<Span> {
    // Words with their offsets in the segment.
    let words: Vec<(usize, &str)> = seg
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 2)
        .map(|w| (w.as_ptr() as usize - seg.as_ptr() as usize, w))
        .collect();
    let (first_start, first, a) = words.iter().take(ANCHOR_TRIES).find_map(|&(at, w)| {
        if absent.get(w).is_some_and(|&from| from <= cursor) {
            return None;
        }
        match find_word(source, markup, w, cursor, source.len()) {
            Some(a) => Some((at, w, a)),
            None => {
                absent.insert(w, cursor);
                None
            }
        }
    })?;
    // Where the words are in the segment: the page (with its markup) is at least as long
    // from the first word to the last as the segment is.
    let window = a + seg.len() * 8 + 256;
    let last_of = |last: &str, last_end: usize| {
        let min_len = last_end.saturating_sub(first_start);
        let mut found = None;
        let mut k = a;
        // The first occurrence of the last word far enough from the first.
        while let Some(i) = find_word(source, markup, last, k, window) {
            let b = i + last.len();
            found = Some(b);
            k = b;
            if b >= a + min_len {
                break;
            }
        }
        found
    };
    let (last_end, b) = words
        .iter()
        .rev()
        .take(ANCHOR_TRIES)
        .filter(|&&(at, _)| at >= first_start)
        .find_map(|&(at, w)| last_of(w, at + w.len()).map(|b| (at + w.len(), b)))
        .unwrap_or((first_start + first.len(), a + first.len()));
    let b = b.max(a + first.len());
    // The marks before the first word and after the last ("« ", "."), when the page has them
    // as the text does.
    let head = &seg[..first_start];
    let a = if a - cursor >= head.len() && source[..a].ends_with(head) {
        a - head.len()
    } else {
        a
    };
    let tail = &seg[last_end..];
    let b = if source[b..].starts_with(tail) {
        b + tail.len()
    } else {
        b
    };
    Some(Span::new(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Locate segments (the extracted text is `segments` joined by spaces) in `source`;
    /// return the source slices.
    fn located<'s>(source: &'s str, segments: &[&str]) -> Vec<&'s str> {
        let text = segments.join(" ");
        let mut spans = Vec::new();
        let mut start = 0;
        for seg in segments {
            spans.push(Span::new(start, start + seg.len()));
            start += seg.len() + 1;
        }
        locate(source, &text, &spans)
            .into_iter()
            .map(|s| &source[s.start..s.end])
            .collect()
    }

    #[test]
    fn a_span_covers_its_sentence_and_no_more() {
        // The sentence ends with its last word plus a period; the next "Kremlin" must not
        // stretch the span.
        let source = "<p>« Poutine a parlé au Kremlin. »</p><p>Trump a appelé le Kremlin.</p>";
        let segments = [
            "« Poutine a parlé au Kremlin. »",
            "Trump a appelé le Kremlin.",
        ];
        assert_eq!(
            located(source, &segments),
            [
                "« Poutine a parlé au Kremlin. »",
                "Trump a appelé le Kremlin."
            ]
        );
    }

    #[test]
    fn repeated_sentences_each_get_their_own_place() {
        let source = "<p>Le Kremlin a parlé.</p>\n<p>Le Kremlin a parlé.</p>";
        let segments = ["Le Kremlin a parlé.", "Le Kremlin a parlé."];
        assert_eq!(located(source, &segments), segments);
        let text = segments.join(" ");
        let spans = [
            Span::new(0, segments[0].len()),
            Span::new(segments[0].len() + 1, text.len()),
        ];
        let spans = locate(source, &text, &spans);
        // Before, both pointed at the first paragraph.
        assert!(spans[1].start > spans[0].end, "{spans:?}");
    }

    #[test]
    fn nesting_depth_counts_only_real_nesting() {
        assert_eq!(nesting_depth("<div><div><span>x</span></div></div>"), 3);
        // Void and optional-end elements, self-closing tags, comments, doctype, attributes
        // holding ">" and scripts holding "<div" do not nest.
        let page = r#"<!doctype html><html><head><meta charset="utf-8"><title><div></title>
            <script>if (a<b && "<div>") {}</script><style>p>a{}</style></head>
            <body><!-- <div><div> --><div class="a>b"><p>Un<br>deux<img src=x><p>trois
            <ul><li>un<li>deux</ul><svg><path d="M0"/></svg></div></body></html>"#;
        assert_eq!(nesting_depth(page), 2);
        assert_eq!(nesting_depth(&"<div>".repeat(5000)), 5000);
        // Unbalanced end tags never make the depth negative; a stray "<" is text.
        assert_eq!(nesting_depth("</div></div><b>a < b</b><"), 1);
        // `/>` closes nothing in HTML, only in SVG and MathML; an end tag that closes
        // nothing lowers nothing.
        assert_eq!(nesting_depth(&"<div/>".repeat(3000)), 3000);
        assert_eq!(nesting_depth(&"<div></span>".repeat(3000)), 3000);
        assert_eq!(
            nesting_depth(&format!("<svg>{}</svg>", "<path d='x'/>".repeat(3000))),
            1
        );
    }

    #[test]
    fn deeply_nested_pages_are_refused_at_once() {
        let n = 20_000;
        let page = format!(
            "<html><body>{}<p>Le texte.</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let started = std::time::Instant::now();
        let err = extract("deep.html", &page)
            .err()
            .expect("refused")
            .to_string();
        assert!(
            err.starts_with("deep.html: HTML elements are nested 20000 deep"),
            "{err}"
        );
        // It took minutes before; the check itself is a single pass.
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn marks_shared_by_two_segments_go_to_the_first() {
        // The straight quote ends one segment and opens the next in the text; in the page it
        // is written once, so only the first segment may have it.
        let source = "<p>Il a fini \" Puis il part.</p>";
        let segments = ["Il a fini \"", "\" Puis il part."];
        assert_eq!(
            located(source, &segments),
            ["Il a fini \"", "Puis il part."]
        );
    }

    #[test]
    fn a_word_written_with_entities_is_skipped_for_the_next() {
        let source = "<p>&Eacute;lys&eacute;e a parlé. Trump a répondu &agrave; Moscou.</p>";
        let segments = ["Élysée a parlé.", "Trump a répondu à Moscou."];
        // The first segment starts at its first word the page writes as text.
        assert_eq!(
            located(source, &segments),
            ["parlé.", "Trump a répondu &agrave; Moscou."]
        );
        // A segment with no word written as text still gets an empty span.
        let source = "<p>&Eacute;lys&eacute;e.</p><p>Trump a répondu.</p>";
        let segments = ["Élysée.", "Trump a répondu."];
        assert_eq!(located(source, &segments), ["", "Trump a répondu."]);
    }
}
