//! What every fuzz target checks about an article read from arbitrary text.

use claimdiff::ingest::{article_from_text, InputSpec};

/// Read `data` as an article named `path` (its extension picks the format) and check that
/// every span is usable: in bounds, on character boundaries, in order, with a position.
/// Errors are fine (the input may be no article at all); panics are what we look for.
pub fn read_and_check(path: &str, data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let Ok(article) = article_from_text(&InputSpec::path(path), "a1", text) else {
        return;
    };
    let extracted = article.text();
    let html = extracted.as_ptr() != article.source.as_ptr();
    let mut previous_end = 0;
    let mut previous_source_end = 0;
    for (i, seg) in article.segments.iter().enumerate() {
        let s = seg.span;
        assert!(s.start <= s.end && s.end <= extracted.len(), "{s:?}");
        assert!(extracted.is_char_boundary(s.start) && extracted.is_char_boundary(s.end));
        assert!(
            s.start >= previous_end,
            "segments overlap or go back: {s:?}"
        );
        previous_end = s.end;
        let _ = article.segment_text(i);
        let src = article.source_span(i);
        assert!(
            src.start <= src.end && src.end <= article.source.len(),
            "{src:?}"
        );
        assert!(
            article.source.is_char_boundary(src.start) && article.source.is_char_boundary(src.end)
        );
        // Located in the page in order, never overlapping, like the segments themselves.
        assert!(
            src.start >= previous_source_end,
            "source spans overlap: {src:?}"
        );
        previous_source_end = src.end;
        if !html {
            assert_eq!(src, s, "a text article's segments index the source itself");
        }
        let (line, column) = article.position(i);
        assert!(line >= 1 && column >= 1);
    }
}
