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
    if let Some(nul) = bytes.iter().position(|&b| b == 0) {
        return Err(Error::input(
            path,
            format!("looks like a binary file (NUL byte at offset {nul}), not an article"),
        ));
    }
    let decoded = match encoding {
        Encoding::Latin1 => Decoded {
            text: bytes.iter().map(|&b| b as char).collect(),
            replaced: 0,
        },
        Encoding::Lossy => {
            let text = String::from_utf8_lossy(&bytes);
            let replaced = match &text {
                std::borrow::Cow::Borrowed(_) => 0,
                std::borrow::Cow::Owned(s) => s.matches('\u{fffd}').count(),
            };
            Decoded {
                text: text.into_owned(),
                replaced,
            }
        }
        Encoding::Utf8 => match String::from_utf8(bytes) {
            Ok(text) => Decoded { text, replaced: 0 },
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
