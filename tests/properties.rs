//! Properties of segmentation and word splitting on arbitrary text: spans are usable (in
//! bounds, on character boundaries, in order, never overlapping) and no text is lost except
//! what segmentation is meant to drop.
//!
//! What may be left outside every segment, exactly:
//! 1. whitespace (`char::is_whitespace`) and U+FEFF (byte-order mark);
//! 2. a Markdown line marker at the start of a line (after its leading whitespace):
//!    1 to 6 `#` then a space, `> `, or a bullet `- `, `* `, `+ `, `• `;
//! 3. emphasis marks `*` and `_` at the edge of a segment: between the dropped mark and a
//!    neighbouring segment there is nothing but `*`, `_` and whitespace.
//!
//! Everything else (letters, digits, punctuation, quotes, emoji, accents) is in exactly one
//! segment.

use claimdiff::ingest::{article_from_text, InputSpec};
use claimdiff::lang::{Lang, LangCode};
use claimdiff::normalize::{words, WordKind};
use claimdiff::segment::{segment, SegmentOptions};
use claimdiff::source::Span;
use proptest::prelude::*;
use unicode_normalization::char::is_combining_mark;

/// Pieces that make segmentation interesting: French and English words, abbreviations,
/// terminators, every kind of quote, French spacing, digits, line ends of all three kinds,
/// Markdown markers, emoji and combining accents.
fn token() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "Le",
        "président",
        "a",
        "dit",
        "M.",
        "Mme",
        "Dr.",
        "U.S.",
        "janv.",
        "Poutine",
        "Trump",
        "the",
        "said",
        "It",
        "Jan.",
        "L'accord",
        "l’Élysée",
        "État",
        ".",
        ".",
        "!",
        "?",
        "…",
        "...",
        ",",
        ";",
        ":",
        "«",
        "»",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "(",
        ")",
        "[",
        "]",
        "-",
        "—",
        "\u{a0}",
        "\u{202f}",
        "\u{feff}",
        " ",
        " ",
        " ",
        "  ",
        "\t",
        "\n",
        "\n",
        "\r",
        "\r\n",
        "\n\n",
        "#",
        "# ",
        "## ",
        "*",
        "**",
        "_",
        "> ",
        "- ",
        "* ",
        "+ ",
        "• ",
        "3 000",
        "5",
        "12",
        "2017",
        "3,5",
        "1.000",
        "😀",
        "🇫🇷",
        "e\u{301}",
        "a\u{300}",
        "\u{301}",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        6 => fixed,
        1 => "[a-zA-Zéèàç0-9]{1,8}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..60).prop_map(|t| t.concat())
}

fn is_drop_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Byte ranges of the Markdown line markers of `text[body]` (rule 2 above). The body starts
/// a line, wherever it is in `text`.
fn marker_ranges(text: &str, body: Span) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut line_start = body.start;
    let mut i = body.start;
    while i <= body.end {
        if i == body.end || bytes[i] == b'\n' || bytes[i] == b'\r' {
            let line = &text[line_start..i];
            let lead = line.len() - line.trim_start_matches(is_drop_space).len();
            let content = &line[lead..];
            let hashes = content.bytes().take_while(|&b| b == b'#').count();
            let len = if (1..=6).contains(&hashes) && content[hashes..].starts_with(' ') {
                hashes + 1
            } else {
                ["> ", "- ", "* ", "+ ", "• "]
                    .iter()
                    .find(|m| content.starts_with(**m))
                    .map_or(0, |m| m.len())
            };
            if len > 0 {
                out.push((line_start + lead, line_start + lead + len));
            }
            line_start = i + 1;
        }
        i += 1;
    }
    out
}

/// Check the spans of `spans` over `text[body]`: usable, ordered, and losing only what the
/// module docs allow.
fn check_spans(text: &str, body: Span, spans: &[Span]) -> Result<(), TestCaseError> {
    let mut covered = vec![false; text.len()];
    let mut prev_end = body.start;
    for s in spans {
        prop_assert!(
            body.start <= s.start && s.start < s.end && s.end <= body.end,
            "{s:?} outside {body:?}"
        );
        prop_assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{s:?} not on char boundaries"
        );
        prop_assert!(
            s.start >= prev_end,
            "{s:?} overlaps or precedes the previous segment"
        );
        prev_end = s.end;
        covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
    }
    let markers = marker_ranges(text, body);
    let in_marker = |i: usize| markers.iter().any(|&(a, b)| a <= i && i < b);
    let emphasis_run = |c: char| c == '*' || c == '_' || is_drop_space(c);
    for (i, c) in text[body.start..body.end].char_indices() {
        let i = body.start + i;
        if covered[i] || is_drop_space(c) || in_marker(i) {
            continue;
        }
        if c == '*' || c == '_' {
            // Rule 3: only emphasis between this mark and a segment edge, on one side.
            let before = &text[..i];
            let after = &text[i + 1..];
            let left = before.trim_end_matches(emphasis_run);
            let right = after.trim_start_matches(emphasis_run);
            let left_edge = spans.iter().any(|s| s.end == left.len());
            let right_edge = spans.iter().any(|s| s.start == text.len() - right.len());
            if left_edge || right_edge {
                continue;
            }
        }
        prop_assert!(false, "{c:?} at {i} is in no segment: {:?}", spans);
    }
    Ok(())
}

fn options() -> impl Strategy<Value = (LangCode, bool)> {
    (prop::sample::select(LangCode::ALL.to_vec()), any::<bool>())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn segments_cover_the_text((code, markdown) in options(), text in text()) {
        let body = Span::new(0, text.len());
        let segs = segment(&text, body, Lang::get(code), SegmentOptions { markdown });
        let spans: Vec<Span> = segs.iter().map(|s| s.span).collect();
        check_spans(&text, body, &spans)?;
    }

    /// Segmenting a sub-span only ever looks inside it.
    #[test]
    fn segments_stay_inside_the_body((code, markdown) in options(), head in text(), text in text()) {
        let all = format!("{head}{text}");
        let body = Span::new(head.len(), all.len());
        let segs = segment(&all, body, Lang::get(code), SegmentOptions { markdown });
        let spans: Vec<Span> = segs.iter().map(|s| s.span).collect();
        check_spans(&all, body, &spans)?;
    }

    #[test]
    fn articles_slice_their_source(code in prop::sample::select(LangCode::ALL.to_vec()), md in any::<bool>(), text in text()) {
        // Front matter is a separate matter (tested in tests/bad_input.rs); keep it out.
        prop_assume!(!text.trim_start_matches(is_drop_space).starts_with("---"));
        let spec = InputSpec { path: if md { "a.md" } else { "a.txt" }.into(), lang: Some(code), ..InputSpec::default() };
        let article = match article_from_text(&spec, "a1", text.clone()) {
            Ok(a) => a,
            Err(e) => {
                // Only an input with no text at all may be refused.
                prop_assert!(text.trim_matches(is_drop_space).is_empty(), "{e}");
                return Ok(());
            }
        };
        prop_assert_eq!(&article.source, &text);
        let spans: Vec<Span> = (0..article.segments.len()).map(|i| article.source_span(i)).collect();
        check_spans(&text, Span::new(0, text.len()), &spans)?;
        for (i, span) in spans.iter().enumerate() {
            prop_assert_eq!(&text[span.start..span.end], article.segment_text(i));
            // Line and column by their definition: "\n", "\r\n" and a lone "\r" end a line;
            // the column counts characters; a BOM at the start of the file is not a column.
            let head = &text[..span.start];
            let line = 1 + head.matches('\n').count() + head.matches('\r').count() - head.matches("\r\n").count();
            let line_start = head.rfind(['\n', '\r']).map_or(0, |k| k + 1);
            let mut col_text = &head[line_start..];
            if line_start == 0 {
                col_text = col_text.strip_prefix('\u{feff}').unwrap_or(col_text);
            }
            prop_assert_eq!(article.position(i), (line, col_text.chars().count() + 1));
        }
    }

    #[test]
    fn words_are_whole_and_in_order(text in text()) {
        let ws = words(&text);
        let mut prev_end = 0;
        let mut covered = vec![false; text.len()];
        for w in &ws {
            prop_assert!(w.start >= prev_end && w.start < w.end && w.end <= text.len(), "{w:?}");
            prop_assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end), "{w:?}");
            prev_end = w.end;
            covered[w.start..w.end].iter_mut().for_each(|c| *c = true);
            let s = &text[w.start..w.end];
            let first = s.chars().next().unwrap();
            match w.kind {
                WordKind::Number => {
                    prop_assert!(first.is_ascii_digit(), "{s:?}");
                    prop_assert!(s.ends_with(|c: char| c.is_ascii_digit()), "{s:?}");
                    prop_assert!(s.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')), "{s:?}");
                }
                WordKind::Word => {
                    prop_assert!(first.is_alphanumeric(), "{s:?}");
                    prop_assert!(s.chars().all(|c| c.is_alphanumeric() || is_combining_mark(c)), "{s:?}");
                    // Whole: the word does not stop before a letter or an accent.
                    let next = text[w.end..].chars().next();
                    prop_assert!(!next.is_some_and(|c| c.is_alphanumeric() || is_combining_mark(c)), "{s:?} then {next:?}");
                }
            }
        }
        // Every letter and digit is in a word.
        for (i, c) in text.char_indices() {
            prop_assert!(!c.is_alphanumeric() || covered[i], "{c:?} at {i} in no word");
        }
    }
}
