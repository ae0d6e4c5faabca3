//! Bytes → text, refusing what is not an article (binary, invalid UTF-8) with a message that
//! says where the problem is and what to do.

use crate::error::{Error, Position, Result};

/// How to turn a file's bytes into text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8; anything else is refused with the position of the first bad byte.
    #[default]
    Utf8,
    /// ISO-8859-1: every byte is one character.
    Latin1,
    /// UTF-8, replacing invalid bytes with U+FFFD (and saying how many were replaced).
    Lossy,
}

/// Largest article accepted. Bigger inputs are refused rather than exhausting memory.
pub const MAX_ARTICLE_BYTES: usize = 256 << 20;

/// The decoded text and what decoding had to do to get it.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    /// Invalid bytes replaced in lossy mode.
    pub replaced: usize,
    /// Where the text's bytes are in the file, when decoding changed lengths (Latin-1,
    /// replaced bytes); `None` when the text is the file's bytes.
    pub offsets: Option<OffsetMap>,
}

/// Byte offsets of the decoded text → byte offsets in the file. Checkpoints after every place
/// where the two differ; between checkpoints they advance together.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    /// (offset in the text, offset in the file), increasing.
    points: Vec<(usize, usize)>,
}

impl OffsetMap {
    fn mark(&mut self, text: usize, file: usize) {
        self.points.push((text, file));
    }

    /// The file offset of text offset `at`.
    pub fn to_file(&self, at: usize) -> usize {
        match self.points.partition_point(|&(t, _)| t <= at) {
            0 => at,
            i => {
                let (t, f) = self.points[i - 1];
                f + (at - t)
            }
        }
    }
}

fn latin1(bytes: &[u8]) -> (String, OffsetMap) {
    let mut text = String::with_capacity(bytes.len());
    let mut map = OffsetMap::default();
    for (i, &b) in bytes.iter().enumerate() {
        text.push(b as char);
        if b >= 0x80 {
            map.mark(text.len(), i + 1);
        }
    }
    (text, map)
}

fn lossy(bytes: &[u8]) -> (String, usize, OffsetMap) {
    let mut text = String::with_capacity(bytes.len());
    let mut map = OffsetMap::default();
    let mut replaced = 0;
    let mut file = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        file += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            text.push('\u{fffd}');
            file += chunk.invalid().len();
            replaced += chunk.invalid().len();
            map.mark(text.len(), file);
        }
    }
    (text, replaced, map)
}

/// The byte order of a UTF-16 file, told by its byte order mark.
fn utf16_order(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xff, 0xfe, ..] => Some("little-endian"),
        [0xfe, 0xff, ..] => Some("big-endian"),
        _ => None,
    }
}

/// Decode `bytes` read from `path`.
pub fn decode(path: &str, bytes: Vec<u8>, encoding: Encoding) -> Result<Decoded> {
    if bytes.len() > MAX_ARTICLE_BYTES {
        return Err(Error::input(
            path,
            format!(
                "file is {} bytes; the limit is {} bytes",
                bytes.len(),
                MAX_ARTICLE_BYTES
            ),
        ));
    }
    if let Some(order) = utf16_order(&bytes) {
        return Err(Error::input(
            path,
            format!("is UTF-16 ({order}, by its byte order mark), which claimdiff does not read; save it as UTF-8 (for example `iconv -f UTF-16 -t UTF-8 {path} > {path}.utf8`)"),
        ));
    }
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::input(
            path,
            format!("looks like a binary file (NUL byte at offset {nul}), not an article"),
        ));
    }
    let decoded = match encoding {
        Encoding::Latin1 => {
            let (text, map) = latin1(&bytes);
            Decoded {
                text,
                replaced: 0,
                offsets: Some(map),
            }
        }
        Encoding::Lossy => {
            let (text, replaced, map) = lossy(&bytes);
            Decoded {
                text,
                replaced,
                offsets: (replaced > 0).then_some(map),
            }
        }
        Encoding::Utf8 => match String::from_utf8(bytes) {
            Ok(text) => Decoded {
                text,
                replaced: 0,
                offsets: None,
            },
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
                // Counted as everywhere else: a lone CR ends a line too, a BOM is no column.
                let (line, column) =
                    crate::source::LineIndex::new(valid).position(valid, valid.len());
                return Err(Error::at(
                    path,
                    Position { line, column },
                    format!(
                        "invalid UTF-8 (byte 0x{:02x} at offset {at}); if the file is Latin-1 use --encoding latin1, or --encoding lossy to replace bad bytes",
                        bytes[at]
                    ),
                ));
            }
        },
    };
    if decoded
        .text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
    {
        return Err(Error::input(path, "file is empty"));
    }
    Ok(decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_point_into_the_file() {
        let bytes = b"d\xe9j\xe0 vu".to_vec();
        let d = decode("a", bytes.clone(), Encoding::Latin1).unwrap();
        let map = d.offsets.unwrap();
        let at = d.text.find("vu").unwrap();
        assert_eq!(&bytes[map.to_file(at)..map.to_file(at + 2)], b"vu");
        let bytes = b"ok \xff\xfe fin".to_vec();
        let d = decode("a", bytes.clone(), Encoding::Lossy).unwrap();
        assert_eq!(d.replaced, 2);
        let at = d.text.find("fin").unwrap();
        assert_eq!(&bytes[d.offsets.unwrap().to_file(at)..], b"fin");
    }

    #[test]
    fn refuses_binary_empty_and_bad_utf8() {
        assert!(decode("a", b"ab\0c".to_vec(), Encoding::Utf8)
            .unwrap_err()
            .to_string()
            .contains("binary"));
        assert_eq!(
            decode("a", b" \n\t".to_vec(), Encoding::Utf8)
                .unwrap_err()
                .to_string(),
            "a: file is empty"
        );
        let err = decode("a.txt", b"ok\nd\xe9j\xe0".to_vec(), Encoding::Utf8)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("a.txt:2:2: invalid UTF-8"), "{err}");
        assert_eq!(
            decode("a", b"d\xe9j\xe0".to_vec(), Encoding::Latin1)
                .unwrap()
                .text,
            "déjà"
        );
        let lossy = decode("a", b"d\xe9j\xe0".to_vec(), Encoding::Lossy).unwrap();
        assert_eq!(lossy.replaced, 2);
    }

    #[test]
    fn utf16_is_named_whatever_the_encoding() {
        let bytes: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Titre".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        for encoding in [Encoding::Utf8, Encoding::Lossy, Encoding::Latin1] {
            let err = decode("a.txt", bytes.clone(), encoding)
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("a.txt: is UTF-16 (little-endian"), "{err}");
            assert!(!err.contains("binary"), "{err}");
        }
    }

    #[test]
    fn invalid_utf8_position_counts_lone_cr_lines() {
        // Old Mac line ends: the bad byte is on line 3, after "d" (column 2).
        let err = decode("a.txt", b"un\rdeux\rd\xe9j\xe0\r".to_vec(), Encoding::Utf8)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("a.txt:3:2: invalid UTF-8"), "{err}");
        let err = decode("a.txt", b"un\r\nd\xe9j\xe0".to_vec(), Encoding::Utf8)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("a.txt:2:2: invalid UTF-8"), "{err}");
    }
}
