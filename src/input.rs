//! The input edge: reading a user's file (size-limited, with one-line errors), its hash, and
//! YAML. One place hides which YAML crate we use (`serde_yaml` here is the maintained
//! `yaml_serde` fork, renamed in Cargo.toml) and turns its errors into file:line:column.
//! The lowest layer: it knows nothing of articles, languages or rules.

use std::io::Read;

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
    // The size in the metadata is 0 for devices (`/dev/zero`) and pipes, and a file can grow
    // after it was asked: the limit holds while reading.
    let file = std::fs::File::open(path).map_err(|e| io_error(path, what, e))?;
    read_capped(file, limit, meta.len() as usize)
        .map_err(|e| io_error(path, what, e))?
        .ok_or_else(|| {
            Error::input(
                path,
                format!("{what} is over the limit of {limit} bytes (it is not a regular file, or it grew while read)"),
            )
        })
}

/// Read at most `limit` bytes of `reader`: `None` when there is more. `expected` (the size
/// the metadata gives, 0 when unknown) sizes the buffer. A NUL byte in the first block of a
/// stream that is not UTF-16 (a device, a binary file) ends the read there: the bytes read
/// are refused as binary anyway, with the offset of that byte.
pub fn read_capped(
    reader: impl Read,
    limit: usize,
    expected: usize,
) -> std::io::Result<Option<Vec<u8>>> {
    const BLOCK: usize = 64 << 10;
    let mut buf = Vec::with_capacity(expected.min(limit).saturating_add(1));
    let mut reader = reader.take(limit as u64 + 1);
    loop {
        let before = buf.len();
        let n = (&mut reader).take(BLOCK as u64).read_to_end(&mut buf)?;
        if n == 0 {
            break;
        }
        if before == 0 && !is_utf16(&buf) && buf.contains(&0) {
            return Ok(Some(buf));
        }
    }
    Ok((buf.len() <= limit).then_some(buf))
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

/// Does `bytes` start with a UTF-16 byte order mark?
pub fn is_utf16(bytes: &[u8]) -> bool {
    matches!(bytes, [0xff, 0xfe, ..] | [0xfe, 0xff, ..])
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
    if let Some(e) = over_node_budget(text) {
        let message = format!("anchors and aliases (`&name`, `*name`) expand this YAML to more than {MAX_YAML_NODES} values; write the repeated values out, or use fewer aliases");
        return Err(yaml_error(file, &e, line_offset, message));
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
        yaml_error(file, &e, line_offset, message)
    })
}

/// `message` about `file`, at the position of the YAML error `e` when it has one.
fn yaml_error(file: &str, e: &serde_yaml::Error, line_offset: usize, message: String) -> Error {
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
}

/// Most values a YAML document may hold once its aliases are expanded. Without aliases a
/// document of [`MAX_YAML_BYTES`] holds fewer (a value takes at least two bytes); aliases
/// that repeat aliases ("billion laughs") could make it hold billions.
pub const MAX_YAML_NODES: usize = MAX_YAML_BYTES;

/// Walks a document the way deserialising it would (aliases replayed), counting values and
/// stopping at [`MAX_YAML_NODES`]: the cost of a document is known before it is built.
struct NodeBudget<'a>(&'a std::cell::Cell<usize>);

const OVER_BUDGET: &str = "claimdiff: YAML node budget spent";

impl NodeBudget<'_> {
    fn spend<E: serde::de::Error>(&self) -> std::result::Result<(), E> {
        match self.0.get().checked_sub(1) {
            Some(left) => {
                self.0.set(left);
                Ok(())
            }
            None => Err(E::custom(OVER_BUDGET)),
        }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for NodeBudget<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for NodeBudget<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> std::result::Result<(), E> {
        self.spend()
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> std::result::Result<(), E> {
        self.spend()
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> std::result::Result<(), E> {
        self.spend()
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> std::result::Result<(), E> {
        self.spend()
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> std::result::Result<(), E> {
        self.spend()
    }
    fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<(), E> {
        self.spend()
    }
    fn visit_none<E: serde::de::Error>(self) -> std::result::Result<(), E> {
        self.spend()
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<(), A::Error> {
        self.spend::<A::Error>()?;
        while seq.next_element_seed(NodeBudget(self.0))?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<(), A::Error> {
        self.spend::<A::Error>()?;
        while map.next_key_seed(NodeBudget(self.0))?.is_some() {
            map.next_value_seed(NodeBudget(self.0))?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(
        self,
        data: A,
    ) -> std::result::Result<(), A::Error> {
        use serde::de::VariantAccess;
        self.spend::<A::Error>()?;
        let ((), variant) = data.variant_seed(NodeBudget(self.0))?;
        variant.newtype_variant_seed(NodeBudget(self.0))
    }
}

/// The error that stopped the walk, when the document holds more than [`MAX_YAML_NODES`]
/// values. Other errors are left to the real parse, which reports them in its terms.
fn over_node_budget(text: &str) -> Option<serde_yaml::Error> {
    use serde::de::DeserializeSeed;
    let left = std::cell::Cell::new(MAX_YAML_NODES);
    for doc in serde_yaml::Deserializer::from_str(text) {
        match NodeBudget(&left).deserialize(doc) {
            Err(e) if e.to_string().contains(OVER_BUDGET) => return Some(e),
            Err(_) => return None,
            Ok(()) => {}
        }
    }
    None
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
    fn aliases_that_expand_past_the_budget_are_refused_before_building() {
        // 1000 strings, a list of 1000 of them, and that list 5000 times: 5 billion values.
        let mut text = format!(
            "s: &s [{}]\no: &o [{}]\n",
            ["x"; 1000].join(","),
            ["*s"; 1000].join(",")
        );
        for i in 0..5000 {
            text.push_str(&format!("k{i}: *o\n"));
        }
        let start = std::time::Instant::now();
        let err = parse_yaml::<serde_yaml::Value>("bomb.yaml", &text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("bomb.yaml:"), "{err}");
        assert!(err.contains("expand this YAML to more than"), "{err}");
        assert!(start.elapsed().as_secs() < 30);
        // A few aliases are fine.
        let v: serde_yaml::Value = parse_yaml("ok.yaml", "a: &a [1, 2]\nb: *a\n").unwrap();
        assert_eq!(v["b"][1], serde_yaml::Value::from(2));
    }

    #[test]
    fn front_matter_offsets_lines() {
        let err = parse_yaml_at::<Small>("a.md", "name: [\n", 1).unwrap_err();
        assert!(err.to_string().starts_with("a.md:"), "{err}");
    }
}
