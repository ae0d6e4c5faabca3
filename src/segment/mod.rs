//! Segmentation: an article's text → segments (sentences and non-sentence lines) with a role
//! and a byte span into the original file.
//!
//! Two passes: [`blocks`] groups lines into paragraphs (joining lines that continue a sentence,
//! and treating Markdown headings and list items as their own blocks); [`sentences`] splits a
//! paragraph into sentences. [`roles`] then says what each piece is.

mod blocks;
mod roles;
mod sentences;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::source::Span;

pub(crate) use sentences::quote_regions;
pub use sentences::split_sentences;

/// What a segment is. Only claims are compared; the rest is kept for context.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Claim,
    Heading,
    Caption,
    Byline,
    Boilerplate,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Claim => "claim",
            Role::Heading => "heading",
            Role::Caption => "caption",
            Role::Byline => "byline",
            Role::Boilerplate => "boilerplate",
        }
    }
}

/// One piece of an article: its role and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub role: Role,
    pub span: Span,
}

/// How to read the text: Markdown joins soft-wrapped lines into paragraphs.
#[derive(Debug, Clone, Copy, Default)]
pub struct SegmentOptions {
    pub markdown: bool,
}

/// Split `text[body]` into segments, in text order. Spans index `text`.
pub fn segment(text: &str, body: Span, lang: &Lang, options: SegmentOptions) -> Vec<Segment> {
    let mut out = Vec::new();
    let role_of = |line: &str| roles::line_role(line, lang);
    for block in blocks::blocks(text, body, options.markdown, lang, &role_of) {
        roles::segment_block(text, &block, lang, &mut out);
    }
    out
}
