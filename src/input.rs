//! The input edge: reading a user's file (size-limited, with one-line errors), its hash, and
//! YAML. One place hides which YAML crate we use (`serde_yaml` here is the maintained
//! `yaml_serde` fork, renamed in Cargo.toml) and turns its errors into file:line:column.
//! The lowest layer: it knows nothing of articles, languages or rules.

use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::error::{one_line, Error, Position, Result};

/// Read a user's file whole, refusing with one line a missing or unreadable file, a directory
/// (`dir_hint` says what to pass instead) and a file over `limit` bytes. `what` names the file
/// in the messages ("file", "rule file", "table", "baseline").
pub fn read_limited(path: &str, limit: usize, what: &str, dir_hint: &str) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, what, e))?;
    if meta.is_dir() {
        return Err(Error::input(path, format!("is a directory; {dir_hint}")));
    }
    if meta.len() > limit as u64 {
        return Err(Error::input(
            path,
            format!("{what} is {} bytes; the limit is {limit} bytes", meta.len()),
        ));
    }
    std::fs::read(path).map_err(|e| io_error(path, what, e))
}

fn io_error(path: &str, what: &str, e: std::io::Error) -> Error {
    let message = match e.kind() {
        std::io::ErrorKind::NotFound => format!("no such {what}"),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            return Error::Io {
                path: path.to_string(),
                source: e,
            }
        }
    };
    Error::input(path, message)
}

/// The SHA-256 of what was read, in hex: identifies inputs and rule sets in reports.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Largest YAML document we accept. Rule and front-matter files are small; anything bigger is
/// almost certainly not what the user meant to pass.
pub const MAX_YAML_BYTES: usize = 4 << 20;

/// Parse `text` (from `file`) as YAML into `T`, with the position of the first problem.
/// `line_offset` is added to reported lines, for YAML embedded in a larger file (front matter).
pub fn parse_yaml_at<T: DeserializeOwned>(file: &str, text: &str, line_offset: usize) -> Result<T> {
    if text.len() > MAX_YAML_BYTES {
        return Err(Error::input(
            file,
            format!(
                "YAML document is {} bytes; the limit is {} bytes",
                text.len(),
                MAX_YAML_BYTES
            ),
        ));
    }
    serde_yaml::from_str(text).map_err(|e| {
        let message = one_line(&e.to_string());
        if let Some((head, what, line, column)) = opened_at(&message) {
            return Error::at(
                file,
                Position {
                    line: line + line_offset,
                    column,
                },
                format!("{head} while {what} that starts here (is it closed?)"),
            );
        }
        // The crate appends " at line L column C"; we print the position ourselves.
        let message = match message.find(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        match e.location() {
            Some(loc) => Error::at(
                file,
                Position {
                    line: loc.line() + line_offset,
                    column: loc.column(),
                },
                message,
            ),
            None => Error::input(file, message),
        }
    })
}

/// "found unexpected end of stream at line 4 column 1, while scanning a quoted scalar at line
/// 1 column 9": the fix is where the scalar starts, so that is the position to give. Returns
/// what was found, what was being read, and where it started.
fn opened_at(message: &str) -> Option<(&str, &str, usize, usize)> {
    let (head, context) = message.split_once(", while ")?;
    let (what, at) = context.split_once(" at line ")?;
    let (line, column) = at.split_once(" column ")?;
    let head = head.split(" at line ").next().unwrap_or(head);
    Some((head, what, line.parse().ok()?, column.parse().ok()?))
}

pub fn parse_yaml<T: DeserializeOwned>(file: &str, text: &str) -> Result<T> {
    parse_yaml_at(file, text, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Small {
        name: String,
    }

    #[test]
    fn errors_carry_line_and_column() {
        let err = parse_yaml::<Small>("x.yaml", "name: a\nnmae: b\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("x.yaml:2:1: "), "{msg}");
        assert!(msg.contains("unknown field `nmae`"), "{msg}");
    }

    #[test]
    fn an_unclosed_quote_is_located_where_it_opens() {
        let err = parse_yaml_at::<serde_yaml::Value>(
            "a.md",
            "outlet: \"AFP\ndate: 2025-01-14\nlang: fr\n",
            1,
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("a.md:2:9: "), "{err}");
        assert!(err.contains("quoted scalar that starts here"), "{err}");
    }

    #[test]
    fn front_matter_offsets_lines() {
        let err = parse_yaml_at::<Small>("a.md", "name: [\n", 1).unwrap_err();
        assert!(err.to_string().starts_with("a.md:"), "{err}");
    }
}
