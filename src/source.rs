//! Positions in a source file: byte spans and their 1-based line and column.

use serde::Serialize;

/// A half-open byte range into an article's original file.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// Where some text is in the original file: byte offsets and the 1-based line and column of
/// its start, as claims give them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema,
)]
pub struct Located {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

/// The 1-based line and column reached after `text`, which starts at `line`:`column`. Lines
/// end as in [`LineIndex`]; columns count characters.
pub fn position_after(line: usize, column: usize, text: &str) -> (usize, usize) {
    let (l, c) = LineIndex::new(text).position(text, text.len());
    if l == 1 {
        (line, column + c - 1)
    } else {
        (line + l - 1, c)
    }
}

/// Start offsets of every line, so a byte offset turns into line and column in O(log n).
/// "\n", "\r\n" and a lone "\r" all end a line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `(offset, column)` every `MARK_EVERY` bytes or so inside long lines (on character
    /// boundaries), so that a column is counted from the nearest mark rather than from the
    /// start of the line: counting from the line start made a long single-line file quadratic.
    marks: Vec<(usize, usize)>,
}

const MARK_EVERY: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut marks = Vec::new();
        let mut last_mark = 0;
        // Characters since the start of the current line (a BOM is not a column).
        let mut column = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    starts.push(i + 1);
                    last_mark = i + 1;
                    column = 0;
                }
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                    last_mark = i + 1;
                    column = 0;
                }
                b => {
                    // A byte that starts a character (not a UTF-8 continuation byte).
                    if b & 0xc0 != 0x80 {
                        if i - last_mark >= MARK_EVERY {
                            marks.push((i, column));
                            last_mark = i;
                        }
                        if !(i == 0 && text.starts_with('\u{feff}')) {
                            column += 1;
                        }
                    }
                }
            }
            i += 1;
        }
        LineIndex { starts, marks }
    }

    /// 1-based line and column; the column counts characters, as editors do (a byte-order
    /// mark at the start of the file is not counted).
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.starts[line];
        // The nearest mark at or before `offset` on this line, else the line start.
        let k = self.marks.partition_point(|m| m.0 <= offset);
        let (from, base) = match k.checked_sub(1).map(|k| self.marks[k]) {
            Some((at, col)) if at >= line_start => (at, col),
            _ if line == 0 && text.starts_with('\u{feff}') && offset >= 3 => (3, 0),
            _ => (line_start, 0),
        };
        let column = text
            .get(from..offset)
            .map(|s| s.chars().count())
            .unwrap_or(offset - from);
        (line + 1, base + column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn position_after_counts_characters_and_every_line_ending() {
        assert_eq!(position_after(3, 5, "État "), (3, 10));
        assert_eq!(position_after(3, 5, "a\r\nbé"), (4, 3));
        assert_eq!(position_after(1, 1, "a\rb\n\nc"), (4, 2));
    }

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\r\ncé\rx\ny";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), (1, 1));
        assert_eq!(idx.position(text, 4), (2, 1));
        // "é" is two bytes but one column.
        assert_eq!(idx.position(text, 7), (2, 3));
        assert_eq!(idx.position(text, 8), (3, 1));
        assert_eq!(idx.position(text, 10), (4, 1));
    }

    /// Line and column by the plain definition, to check the marks against.
    fn naive(text: &str, offset: usize) -> (usize, usize) {
        let head = &text[..offset];
        let line_start = head.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let line = 1 + head.matches('\n').count() + head.matches('\r').count()
            - head.matches("\r\n").count();
        let col = head[line_start..]
            .trim_start_matches('\u{feff}')
            .chars()
            .count();
        (line, col + 1)
    }

    #[test]
    fn long_lines_use_marks_and_agree_with_counting() {
        // Multi-byte characters straddle the mark spacing, on a first line longer than it,
        // then short lines, then another long line.
        let long = "é€a😀".repeat(3000);
        let text = format!("{long}\nx\r\ny\r{long}");
        let idx = LineIndex::new(&text);
        assert!(!idx.marks.is_empty());
        for (offset, _) in text.char_indices().step_by(97) {
            assert_eq!(
                idx.position(&text, offset),
                naive(&text, offset),
                "at {offset}"
            );
        }
        assert_eq!(idx.position(&text, text.len()), naive(&text, text.len()));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_column() {
        let text = "\u{feff}Le texte.\nSuite.";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 3), (1, 1));
        assert_eq!(idx.position(text, 6), (1, 4));
        assert_eq!(idx.position(text, 13), (2, 1));
        let long = format!("\u{feff}{}", "a".repeat(10_000));
        let idx = LineIndex::new(&long);
        assert_eq!(idx.position(&long, 9_003), (1, 9_001));
    }
}
