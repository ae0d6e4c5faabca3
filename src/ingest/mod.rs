//! Ingest: files (plain text, Markdown with YAML front matter, HTML, stdin) → [`Article`]s,
//! each with its metadata and its segments located in the original file.
//!
//! Metadata precedence, highest first: command-line values ([`InputSpec`]), front matter,
//! what the text says (a `date 2017-05` marker, a dated byline or publication line, an agency
//! sign-off, the first heading; for HTML, the page's JSON-LD and meta tags), and last the file
//! name for the outlet.

mod decode;
mod frontmatter;
mod html;
mod outlets;

use std::path::Path;

use serde::Serialize;

pub use decode::{decode, Encoding, MAX_ARTICLE_BYTES};

use crate::error::{Error, Result};
use crate::extract::dates::{find_full_date, publication_date, PartialDate, Publication};
use crate::lang::{self, Lang, LangCode};
use crate::segment::{self, Role, Segment, SegmentOptions};
use crate::source::{LineIndex, Located, Span};

/// How the file was read.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Html,
}

/// Where a piece of metadata came from, so the user can see why the tool chose it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum MetaOrigin {
    Flag,
    FrontMatter,
    Text,
    FileName,
    Detected,
}

/// An article's metadata: the `articles` part of the JSON report.
#[derive(Debug, Clone, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct ArticleMeta {
    /// `a1`, `a2`… in the order the files were given.
    pub id: String,
    pub path: String,
    pub outlet: String,
    pub outlet_from: MetaOrigin,
    /// ISO date, to the year, month or day: `2017`, `2017-05`, `2017-01-28`.
    pub date: Option<String>,
    pub date_from: Option<MetaOrigin>,
    pub title: Option<String>,
    /// Where the title is written in the file (front matter, first heading, HTML `<title>`):
    /// a changed headline between versions points there. Absent when given by `--title` or
    /// not found as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_at: Option<Located>,
    pub url: Option<String>,
    pub lang: LangCode,
    pub lang_from: MetaOrigin,
    pub format: Format,
    pub bytes: usize,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// Part of the reference set of a `check` run.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reference: bool,
    /// Invalid bytes replaced when read with `--encoding lossy`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub replaced_bytes: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Each article's outlet as a number, one per outlet compared the way
/// [`ArticleMeta::is_outlet`] compares them ("afp" is "AFP"): articles of one outlet are
/// versions of its stories, told apart without folding names again.
pub fn outlet_ids(articles: &[ArticleMeta]) -> Vec<usize> {
    let mut ids: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    articles
        .iter()
        .map(|a| {
            let next = ids.len();
            *ids.entry(crate::normalize::fold(&a.outlet)).or_insert(next)
        })
        .collect()
}

/// How each article is named in messages and columns: its outlet, with the article id when
/// several articles share the outlet (two versions of one dispatch).
pub fn article_labels(articles: &[ArticleMeta]) -> Vec<String> {
    let outlets = outlet_ids(articles);
    let mut uses = vec![0usize; articles.len()];
    for &o in &outlets {
        uses[o] += 1;
    }
    articles
        .iter()
        .zip(&outlets)
        .map(|(a, &o)| {
            if uses[o] > 1 {
                format!("{} ({})", a.outlet, a.id)
            } else {
                a.outlet.clone()
            }
        })
        .collect()
}

impl ArticleMeta {
    /// Is this article from the outlet `name`? Outlets are compared the way claims are (case
    /// and accents aside): "afp" is "AFP", "Le Monde" is "le monde".
    pub fn is_outlet(&self, name: &str) -> bool {
        crate::normalize::fold(&self.outlet) == crate::normalize::fold(name)
    }

    pub fn partial_date(&self) -> Option<PartialDate> {
        self.date.as_deref().and_then(PartialDate::parse_iso)
    }
}

/// One input as the user named it, with any metadata given on the command line.
#[derive(Debug, Clone, Default)]
pub struct InputSpec {
    /// A path, or `-` for standard input.
    pub path: String,
    pub outlet: Option<String>,
    pub date: Option<String>,
    pub title: Option<String>,
    pub lang: Option<LangCode>,
}

impl InputSpec {
    pub fn path(path: impl Into<String>) -> InputSpec {
        InputSpec {
            path: path.into(),
            ..Default::default()
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    pub encoding: Encoding,
}

/// An article read and segmented.
#[derive(Debug, Clone)]
pub struct Article {
    pub meta: ArticleMeta,
    /// The file as decoded; spans in the report index it.
    pub source: String,
    /// For HTML: the extracted article text that `segments` index. `None`: they index `source`.
    extracted: Option<String>,
    pub segments: Vec<Segment>,
    /// For HTML: where each segment was found in `source`.
    source_spans: Option<Vec<Span>>,
    lines: LineIndex,
    /// When decoding changed byte lengths (Latin-1, replaced bytes): text → file offsets.
    file_offsets: Option<decode::OffsetMap>,
}

impl Article {
    /// The text the segments index.
    pub fn text(&self) -> &str {
        self.extracted.as_deref().unwrap_or(&self.source)
    }

    pub fn segment_text(&self, i: usize) -> &str {
        let s = self.segments[i].span;
        &self.text()[s.start..s.end]
    }

    /// Where segment `i` is in the decoded source: for HTML, the visible text it comes from.
    fn decoded_span(&self, i: usize) -> Span {
        match &self.source_spans {
            Some(spans) => spans[i],
            None => self.segments[i].span,
        }
    }

    /// Where segment `i` is in the original file.
    pub fn source_span(&self, i: usize) -> Span {
        let span = self.decoded_span(i);
        match &self.file_offsets {
            Some(map) => Span::new(map.to_file(span.start), map.to_file(span.end)),
            None => span,
        }
    }

    /// 1-based line and column of segment `i` in the original file.
    pub fn position(&self, i: usize) -> (usize, usize) {
        // Lines and columns count characters of the decoded text: the same as the file's.
        self.lines
            .position(&self.source, self.decoded_span(i).start)
    }

    pub fn lang(&self) -> &'static Lang {
        Lang::get(self.meta.lang)
    }

    /// Indices of the claim segments, in text order.
    pub fn claim_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.segments
            .iter()
            .enumerate()
            .filter(|(_, s)| s.role == Role::Claim)
            .map(|(i, _)| i)
    }
}

fn read_bytes(spec: &InputSpec) -> Result<Vec<u8>> {
    if spec.path == "-" {
        let shown = display_path(&spec.path);
        return crate::input::read_capped(std::io::stdin().lock(), MAX_ARTICLE_BYTES, 0)
            .map_err(|source| Error::Io {
                path: shown.clone(),
                source,
            })?
            .ok_or_else(|| {
                Error::input(
                    shown,
                    format!("standard input is over the limit of {MAX_ARTICLE_BYTES} bytes; pass a smaller article"),
                )
            });
    }
    crate::input::read_limited(
        &spec.path,
        MAX_ARTICLE_BYTES,
        "file",
        "pass the files inside it (for example DIR/*.md)",
    )
}

fn display_path(path: &str) -> String {
    if path == "-" {
        "<stdin>".to_string()
    } else {
        path.to_string()
    }
}

fn detect_format(path: &str, text: &str) -> Format {
    let ext = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("md" | "markdown" | "mdown") => Format::Markdown,
        Some("html" | "htm" | "xhtml") => Format::Html,
        _ => {
            let head = text.trim_start_matches('\u{feff}').trim_start();
            let lower: String = head
                .chars()
                .take(15)
                .collect::<String>()
                .to_ascii_lowercase();
            if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
                Format::Html
            } else if head.starts_with("---\n") || head.starts_with("---\r") {
                Format::Markdown
            } else {
                Format::Text
            }
        }
    }
}

/// Outlet name from a file stem: `afp-2017-01.md` → `afp-2017-01`.
/// The outlet a file's name gives: its stem, without a version mark ("story-v2.txt",
/// "story_v3.md" → "story"), so that versions saved side by side are one outlet's versions.
fn outlet_from_path(path: &str) -> String {
    if path == "-" {
        return "stdin".into();
    }
    let stem = Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(path);
    let unversioned = stem
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .strip_suffix(['v', 'V'])
        .and_then(|s| s.strip_suffix(['-', '_', '.', ' ']))
        .filter(|s| !s.is_empty() && stem.ends_with(|c: char| c.is_ascii_digit()));
    unversioned.unwrap_or(stem).to_string()
}

/// A `date 2017-05` marker at the very start of a scraped file.
fn date_marker(text: &str, from: usize) -> Option<(Span, String)> {
    let rest = &text[from..];
    let lead = rest.len() - rest.trim_start().len();
    let r = &rest[lead..];
    let after = r.strip_prefix("date")?;
    let digits_start = after.len() - after.trim_start().len();
    if digits_start == 0 {
        return None;
    }
    let value: String = after[digits_start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-')
        .collect();
    PartialDate::parse_iso(&value)?;
    let end = from + lead + 4 + digits_start + value.len();
    if text[end..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace())
    {
        return None;
    }
    Some((Span::new(from + lead, end), value))
}

/// A line that dates the article ("Publié le 11 mars 2025") is read near the top: after a
/// standfirst and a lede at most. Lower down, such lines date other stories (lists of related
/// articles).
const MAX_CLAIMS_BEFORE_PUBLICATION: usize = 2;

/// What to write instead of a date that does not read.
const DATE_FORMS: &str = "write YYYY, YYYY-MM or YYYY-MM-DD (a time may follow the day)";

fn check_date(path: &str, value: &str, what: &str) -> Result<String> {
    match PartialDate::parse_published(value) {
        Some(d) => Ok(d.to_string()),
        None => Err(Error::input(
            path,
            format!("{what}: {value:?} is not a date; {DATE_FORMS}"),
        )),
    }
}

/// Read, decode and segment one input. `id` becomes the article id (`a1`…).
pub fn read_article(spec: &InputSpec, id: &str, options: ReadOptions) -> Result<Article> {
    let shown = display_path(&spec.path);
    let bytes = read_bytes(spec)?;
    let size = bytes.len();
    let sha256 = crate::input::sha256_hex(&bytes);
    let decoded = decode::decode(&shown, bytes, options.encoding)?;
    if let Some(schema) = claimdiff_schema(&decoded.text) {
        let hint = if schema == crate::output::BASELINE_SCHEMA {
            "pass a baseline with --against BASELINE, after the articles"
        } else {
            "pass the articles it was made from"
        };
        return Err(Error::input(
            shown,
            format!("is claimdiff's own JSON ({schema}), not an article; {hint}"),
        ));
    }
    let mut article = parse_article(spec, id, decoded.text, size, sha256, decoded.replaced)?;
    if let (Some(map), Some(at)) = (&decoded.offsets, &mut article.meta.title_at) {
        (at.start, at.end) = (map.to_file(at.start), map.to_file(at.end));
    }
    article.file_offsets = decoded.offsets;
    Ok(article)
}

/// The schema of a JSON file claimdiff wrote (a baseline, a report, a claim listing), read
/// from its first lines: such a file is never an article.
pub fn claimdiff_schema(text: &str) -> Option<&'static str> {
    let head: String = text.chars().take(400).collect();
    if !head
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        return None;
    }
    [crate::output::BASELINE_SCHEMA, crate::output::REPORT_SCHEMA]
        .into_iter()
        .find(|schema| head.contains(&format!("\"{schema}\"")))
}

/// Build an article from text already in memory (tests, stdin, baselines).
pub fn article_from_text(spec: &InputSpec, id: &str, text: String) -> Result<Article> {
    let size = text.len();
    let sha256 = crate::input::sha256_hex(text.as_bytes());
    parse_article(spec, id, text, size, sha256, 0)
}

fn parse_article(
    spec: &InputSpec,
    id: &str,
    source: String,
    size: usize,
    sha256: String,
    replaced: usize,
) -> Result<Article> {
    let shown = display_path(&spec.path);
    let bom = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let format = detect_format(&spec.path, &source);
    let mut found = Found::from_flags(spec, &shown)?;
    let (extracted, mut body_start) = match format {
        Format::Markdown => (None, found.read_front_matter(&shown, &source, bom)?),
        Format::Html => (Some(found.read_page(&shown, &source)?), 0),
        Format::Text => (None, bom),
    };
    let text: &str = extracted.as_deref().unwrap_or(&source);

    let mut segments = Vec::new();
    if extracted.is_none() {
        if let Some((span, value)) = date_marker(text, body_start) {
            if found.date.is_none() {
                found.date = Some((value, MetaOrigin::Text));
            }
            segments.push(Segment {
                role: Role::Boilerplate,
                span,
            });
            body_start = span.end;
        }
    }
    let (lang_code, lang_from) = found
        .lang
        .unwrap_or_else(|| (lang::detect(&text[body_start..]), MetaOrigin::Detected));
    let lang = Lang::get(lang_code);
    let options = SegmentOptions {
        markdown: format != Format::Text || looks_like_markdown(&text[body_start..]),
    };
    let body = Span::new(body_start, text.len());
    segments.extend(segment::segment(text, body, lang, options));
    found.read_segments(text, &segments, lang, extracted.is_none());

    let (outlet, outlet_from) = found.outlet.unwrap_or_else(|| {
        (
            outlets::canonical(outlet_from_path(&spec.path)),
            MetaOrigin::FileName,
        )
    });
    let source_spans = extracted.as_deref().map(|t| {
        html::locate(
            &source,
            t,
            &segments.iter().map(|s| s.span).collect::<Vec<_>>(),
        )
    });
    let lines = LineIndex::new(&source);
    let title_at = found.title_span.map(|span| {
        let (line, column) = lines.position(&source, span.start);
        Located {
            start: span.start,
            end: span.end,
            line,
            column,
        }
    });
    Ok(Article {
        meta: ArticleMeta {
            id: id.to_string(),
            path: shown,
            outlet,
            outlet_from,
            date_from: found.date.as_ref().map(|d| d.1),
            date: found.date.map(|d| d.0),
            title: found.title,
            title_at,
            url: found.url,
            lang: lang_code,
            lang_from,
            format,
            bytes: size,
            sha256,
            reference: false,
            replaced_bytes: replaced,
        },
        source,
        extracted,
        segments,
        source_spans,
        lines,
        file_offsets: None,
    })
}

/// An article's metadata as found so far, each piece with where it came from. Sources are
/// read from the most trusted down (flags, front matter or page, then the text), and each
/// fills only what the ones before left empty.
struct Found {
    outlet: Option<(String, MetaOrigin)>,
    date: Option<(String, MetaOrigin)>,
    title: Option<String>,
    /// Where the title is in the decoded source, when it is written there as read.
    title_span: Option<Span>,
    url: Option<String>,
    lang: Option<(LangCode, MetaOrigin)>,
}

impl Found {
    fn from_flags(spec: &InputSpec, shown: &str) -> Result<Found> {
        let date = match &spec.date {
            Some(d) => Some((check_date(shown, d, "--date")?, MetaOrigin::Flag)),
            None => None,
        };
        Ok(Found {
            outlet: spec.outlet.clone().map(|o| (o, MetaOrigin::Flag)),
            date,
            title: spec.title.clone(),
            title_span: None,
            url: None,
            lang: spec.lang.map(|l| (l, MetaOrigin::Flag)),
        })
    }

    /// Reads a Markdown file's front matter, if it has one; returns where the body starts.
    fn read_front_matter(&mut self, shown: &str, source: &str, bom: usize) -> Result<usize> {
        let Some(fm) = frontmatter::parse(shown, source, bom)? else {
            return Ok(bom);
        };
        let f = fm.fields;
        // A bad value is reported at its key, where the user fixes it.
        let bad = |key: &str, message: String| {
            Error::at(
                shown,
                frontmatter::key_position(source, fm.yaml, key),
                message,
            )
        };
        if self.outlet.is_none() {
            self.outlet = f.outlet.map(|o| (o, MetaOrigin::FrontMatter));
        }
        if let (None, Some(d)) = (&self.date, f.date) {
            let value = d.as_string();
            let Some(p) = PartialDate::parse_published(&value) else {
                let message = format!("front matter: date {value:?} is not a date; {DATE_FORMS}");
                return Err(bad("date", message));
            };
            self.date = Some((p.to_string(), MetaOrigin::FrontMatter));
        }
        if self.title.is_none() && f.title.is_some() {
            self.title_span = frontmatter::value_span(source, fm.yaml, "title")
                .filter(|s| f.title.as_deref() == Some(&source[s.start..s.end]));
            self.title = f.title;
        }
        self.url = f.url;
        if let (None, Some(l)) = (&self.lang, f.lang) {
            let Some(code) = LangCode::parse(&l) else {
                let message =
                    format!("front matter: lang {l:?} is not supported; write `fr` or `en`");
                return Err(bad("lang", message));
            };
            self.lang = Some((code, MetaOrigin::FrontMatter));
        }
        Ok(fm.body_start)
    }

    /// Reads an HTML page's metadata (JSON-LD, meta tags, `<title>`); returns the article
    /// text extracted from it.
    fn read_page(&mut self, shown: &str, source: &str) -> Result<String> {
        let page = html::extract(shown, source)?;
        if self.date.is_none() {
            self.date = page
                .dates
                .iter()
                .find_map(|d| PartialDate::parse_published(d))
                .map(|d| (d.to_string(), MetaOrigin::Text));
        }
        if self.outlet.is_none() {
            self.outlet = page.site.map(|s| (outlets::canonical(s), MetaOrigin::Text));
        }
        if self.lang.is_none() {
            self.lang = page
                .lang
                .as_deref()
                .and_then(|l| LangCode::parse(l.get(..2).unwrap_or(l)))
                .map(|l| (l, MetaOrigin::Text));
        }
        if self.title.is_none() {
            self.title_span = page
                .title
                .as_deref()
                .and_then(|t| source.find(t).map(|at| Span::new(at, at + t.len())));
            self.title = page.title;
        }
        self.url = page.url;
        Ok(page.text)
    }

    /// What the text says, where nothing better was given: the date of a byline, the agency
    /// of a dateline or sign-off, and a title. A title is a heading before the first claim;
    /// later headings are section titles. `in_source`: `text` is the file itself (not text
    /// extracted from a page), so the title's place in it is its place in the file.
    fn read_segments(&mut self, text: &str, segments: &[Segment], lang: &Lang, in_source: bool) {
        let mut claims_before = 0;
        // The first dated byline, unless only an update date came before it.
        let mut byline_date: Option<(PartialDate, Publication)> = None;
        for seg in segments {
            let s = &text[seg.span.start..seg.span.end];
            match seg.role {
                Role::Claim => claims_before += 1,
                Role::Byline => {
                    if let Some(d) = byline_publication(s, lang, claims_before) {
                        if byline_date.is_none_or(|(_, kind)| {
                            kind == Publication::Updated && d.1 == Publication::Published
                        }) {
                            byline_date = Some(d);
                        }
                    }
                    // A dateline names its agency: "RENNES, 3 novembre (AFP) -", "**PARIS
                    // (Reuters)** -".
                    if self.outlet.is_none() {
                        let words = s.replace(['*', '_'], "");
                        self.outlet = outlet_in(&lang.patterns().dateline_agencies, &words);
                    }
                }
                Role::Boilerplate if self.outlet.is_none() => {
                    self.outlet = outlet_in(&lang.patterns().signoffs, s);
                }
                Role::Heading if self.title.is_none() && claims_before == 0 => {
                    let trimmed = s.trim_matches(|c: char| c == '*' || c.is_whitespace());
                    if in_source {
                        let at = seg.span.start + (trimmed.as_ptr() as usize - s.as_ptr() as usize);
                        self.title_span = Some(Span::new(at, at + trimmed.len()));
                    }
                    self.title = Some(trimmed.to_string());
                }
                _ => {}
            }
        }
        if self.date.is_none() {
            self.date = byline_date.map(|(d, _)| (d.to_string(), MetaOrigin::Text));
        }
    }
}

/// The date a byline gives the article, and whether it is the publication or an update. A
/// publication line ("Publié le …") counts only near the top (see
/// [`MAX_CLAIMS_BEFORE_PUBLICATION`]); another byline's full date is taken as the publication.
fn byline_publication(
    line: &str,
    lang: &Lang,
    claims_before: usize,
) -> Option<(PartialDate, Publication)> {
    match publication_date(line, lang) {
        Some(d) => (claims_before <= MAX_CLAIMS_BEFORE_PUBLICATION).then_some(d),
        None => find_full_date(line, lang).map(|d| (d, Publication::Published)),
    }
}

/// Markdown saved as .txt (the RT seed): ATX headings or bold paragraphs at line starts.
fn looks_like_markdown(text: &str) -> bool {
    text.lines()
        .take(200)
        .any(|l| l.starts_with("# ") || l.starts_with("## ") || l.starts_with("**"))
}

/// Read several inputs. Fails with the first bad one (in the order given), naming it.
pub fn read_all(specs: &[InputSpec], options: ReadOptions) -> Result<Vec<Article>> {
    read_each(specs, options).into_iter().collect()
}

/// Read several inputs in parallel (ids `a1`, `a2`… in the order given), each with its own
/// result, so that a caller can go on past a bad one.
pub fn read_each(specs: &[InputSpec], options: ReadOptions) -> Vec<Result<Article>> {
    use rayon::prelude::*;
    specs
        .par_iter()
        .enumerate()
        .map(|(i, spec)| read_article(spec, &format!("a{}", i + 1), options))
        .collect()
}

/// The outlet a line names (group 1 of the first pattern that matches it), as the outlet
/// writes it when `rules/outlets.yaml` knows it, else as the line does: "(APS)",
/// "reuters/mre" and "PARIS (Reuters) -" name "APS", "Reuters" and "Reuters". Outlets are
/// compared with case aside ([`ArticleMeta::is_outlet`]).
fn outlet_in(patterns: &[regex::Regex], line: &str) -> Option<(String, MetaOrigin)> {
    patterns
        .iter()
        .find_map(|re| re.captures(line.trim()).and_then(|c| c.get(1)))
        .map(|name| {
            (
                outlets::canonical(name.as_str().to_string()),
                MetaOrigin::Text,
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_saved_side_by_side_are_one_outlet() {
        assert_eq!(outlet_from_path("in/story-v2.txt"), "story");
        assert_eq!(outlet_from_path("story_V10.md"), "story");
        assert_eq!(outlet_from_path("afp.txt"), "afp");
        assert_eq!(outlet_from_path("v2.txt"), "v2");
        assert_eq!(outlet_from_path("kyiv-v.txt"), "kyiv-v");
        assert_eq!(outlet_from_path("france24.html"), "france24");
        assert_eq!(outlet_from_path("-"), "stdin");
    }

    fn article(path: &str, text: &str) -> Article {
        article_from_text(&InputSpec::path(path), "a1", text.to_string()).unwrap()
    }

    #[test]
    fn front_matter_gives_metadata() {
        let a = article(
            "x.md",
            "---\noutlet: AFP\ndate: 2017-01-28\ntitle: Appel\nlang: fr\n---\nVladimir Poutine et Donald Trump ont parlé samedi.\n",
        );
        assert_eq!(a.meta.outlet, "AFP");
        assert_eq!(a.meta.outlet_from, MetaOrigin::FrontMatter);
        assert_eq!(a.meta.date.as_deref(), Some("2017-01-28"));
        assert_eq!(a.meta.lang, LangCode::Fr);
        assert_eq!(a.claim_indices().count(), 1);
        let (line, col) = a.position(a.claim_indices().next().unwrap());
        assert_eq!((line, col), (7, 1));
    }

    #[test]
    fn flags_override_front_matter() {
        let spec = InputSpec {
            path: "x.md".into(),
            outlet: Some("reuters".into()),
            ..Default::default()
        };
        let a = article_from_text(
            &spec,
            "a1",
            "---\noutlet: AFP\n---\nUne phrase assez longue pour être lue.\n".into(),
        )
        .unwrap();
        assert_eq!(a.meta.outlet, "reuters");
        assert_eq!(a.meta.outlet_from, MetaOrigin::Flag);
    }

    #[test]
    fn bad_front_matter_names_line_and_column() {
        let err = article_from_text(
            &InputSpec::path("x.md"),
            "a1",
            "---\noutlet: [AFP\n---\nTexte.\n".into(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("x.md:"), "{err}");
        assert!(err.contains("front matter"), "{err}");
        let err = article_from_text(
            &InputSpec::path("x.md"),
            "a1",
            "---\ndate: hier\n---\nTexte.\n".into(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("x.md:2:1: front matter: date"), "{err}");
        let err = article_from_text(
            &InputSpec::path("x.md"),
            "a1",
            "---\noutlet: x\nTexte.\n".into(),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("never closes"), "{err}");
    }

    #[test]
    fn date_marker_and_signoff() {
        let a = article(
            "002.txt",
            " date 2017-05 Une coordination est possible, selon le sénateur. (APS)",
        );
        assert_eq!(a.meta.date.as_deref(), Some("2017-05"));
        assert_eq!(a.meta.outlet, "APS");
        assert_eq!(a.segments[0].role, Role::Boilerplate);
    }

    #[test]
    fn a_line_that_dates_the_article_gives_its_date() {
        let a = article(
            "x.md",
            "# Un car se renverse\n\nMis à jour le 12/03/2025 à 09h10\n\n\
             Publié le 11/03/2025 à 14h05\n\nLe car s'est renversé mardi près de Gap.\n",
        );
        // Published, not updated, though the update line comes first.
        assert_eq!(a.meta.date.as_deref(), Some("2025-03-11"));
        assert_eq!(a.meta.date_from, Some(MetaOrigin::Text));
        assert_eq!(a.claim_indices().count(), 1);
        let a = article(
            "x.txt",
            "Ferry service resumes\n\nUpdated: 11 March 2025 14:05 GMT\n\n\
             Ferries resumed on Monday after a three-day halt.\n",
        );
        assert_eq!(a.meta.date.as_deref(), Some("2025-03-11"));
        // Front matter comes first.
        let a = article(
            "x.md",
            "---\ndate: 2025-03-10\n---\nPublié le 11 mars 2025\n\nLe car s'est renversé.\n",
        );
        assert_eq!(a.meta.date.as_deref(), Some("2025-03-10"));
        assert_eq!(a.meta.date_from, Some(MetaOrigin::FrontMatter));
        // Lower down, such a line dates another story.
        let a = article(
            "x.txt",
            "Le car s'est renversé mardi.\n\nLe chauffeur est indemne.\n\n\
             Trois élèves sont blessés.\n\nPublié le 2 février 2025\n",
        );
        assert_eq!(a.meta.date, None);
    }

    #[test]
    fn html_dates_are_read_from_meta_tags_and_json_ld() {
        let page = |head: &str, article: &str| {
            format!(
                "<html lang=\"fr\"><head>{head}</head><body><article><h1>Un car se renverse</h1>{article}\
                 <p>Un car transportant des lycéens s'est renversé mardi sur une route de montagne près de Gap, ont indiqué les pompiers.</p>\
                 <p>Le chauffeur est indemne et trois élèves ont été légèrement blessés, selon la préfecture des Hautes-Alpes.</p>\
                 </article></body></html>"
            )
        };
        let date_of = |html: String| article("p.html", &html).meta.date;
        let graph = r#"<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "datePublished": "2020-01-01"}, {"@type": "NewsArticle", "datePublished": "2025-03-19T18:05:00+01:00"}]}</script>"#;
        assert_eq!(
            date_of(page(
                &format!("<meta name=\"date\" content=\"2025-03-20\">{graph}"),
                ""
            ))
            .as_deref(),
            Some("2025-03-19")
        );
        assert_eq!(
            date_of(page(
                r#"<meta name="date" content="2025-03-20"><meta name="DC.date.issued" content="2025-03-18">"#,
                ""
            ))
            .as_deref(),
            Some("2025-03-18")
        );
        assert_eq!(
            date_of(page(
                r#"<meta itemprop="datePublished" content="2025-03-17"><meta property="og:article:published_time" content="2025-03-16T08:00:00Z">"#,
                ""
            ))
            .as_deref(),
            Some("2025-03-16")
        );
        // A value that is not a date gives way to the next one.
        assert_eq!(
            date_of(page(
                r#"<meta name="date" content="mardi">"#,
                r#"<p class="meta"><time datetime="2025-03-11T14:05:00+01:00">11 mars</time></p>"#
            ))
            .as_deref(),
            Some("2025-03-11")
        );
    }

    #[test]
    fn streams_are_read_up_to_the_limit_plus_one_byte() {
        let read = |bytes: &[u8], limit| crate::input::read_capped(bytes, limit, 0).unwrap();
        assert_eq!(read(b"abcd", 4).as_deref(), Some(&b"abcd"[..]));
        assert_eq!(read(b"abcde", 4), None);
        // A NUL in the first block ends the read: the input is refused as binary there.
        let zeros = vec![0u8; 1 << 20];
        assert_eq!(read(&zeros, 1 << 30).map(|b| b.len()), Some(64 << 10));
        // UTF-16 (NUL bytes in its text) is read on, to be named.
        let utf16: Vec<u8> = [0xff, 0xfe].into_iter().chain(zeros).collect();
        assert_eq!(read(&utf16, 1 << 30).map(|b| b.len()), Some(utf16.len()));
    }

    #[test]
    fn bom_and_crlf_are_read() {
        let a = article(
            "x.txt",
            "\u{feff}Titre\r\n\r\nLe président russe a parlé samedi avec Trump.\r\n",
        );
        let claims: Vec<_> = a.claim_indices().map(|i| a.segment_text(i)).collect();
        assert_eq!(claims, ["Le président russe a parlé samedi avec Trump."]);
        assert_eq!(a.meta.title.as_deref(), Some("Titre"));
    }

    #[test]
    fn html_body_is_extracted_and_located() {
        let html = "<html><head><title>Appel</title><script>var x = 'Le président';</script></head><body><nav>Accueil | Monde</nav><article><h1>Appel Poutine-Trump</h1><p>Vladimir Poutine et Donald Trump ont convenu samedi de développer des relations d'égal à égal, a indiqué le Kremlin dans un communiqué publié à Moscou.</p><p>Les deux dirigeants se sont en outre entendus pour travailler à organiser leur première rencontre, selon la présidence russe qui a publié un long texte.</p></article><footer>Mentions légales</footer></body></html>";
        let a = article("page.html", html);
        assert_eq!(a.meta.format, Format::Html);
        let claims: Vec<usize> = a.claim_indices().collect();
        assert_eq!(claims.len(), 2, "{:?}", a.segments);
        let span = a.source_span(claims[0]);
        assert!(a.source[span.start..].starts_with("Vladimir Poutine"));
        assert!(!a.text().contains("Accueil"));
    }
}
