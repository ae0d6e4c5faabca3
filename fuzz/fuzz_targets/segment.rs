//! Segmentation of arbitrary text, in both languages, as plain text and as Markdown.
#![no_main]

use claimdiff::lang::{Lang, LangCode};
use claimdiff::segment::{segment, SegmentOptions};
use claimdiff::source::Span;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the language and the mode; the rest is the text.
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let lang = Lang::get(if mode & 1 == 0 {
        LangCode::Fr
    } else {
        LangCode::En
    });
    let options = SegmentOptions {
        markdown: mode & 2 != 0,
    };
    let mut previous_end = 0;
    for seg in segment(&text, Span::new(0, text.len()), lang, options) {
        let s = seg.span;
        assert!(s.start <= s.end && s.end <= text.len(), "{s:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(
            s.start >= previous_end,
            "segments overlap or go back: {s:?}"
        );
        assert!(
            !text[s.start..s.end].trim().is_empty(),
            "empty segment {s:?}"
        );
        previous_end = s.end;
    }
});
