//! Reading YAML. One place hides which YAML crate we use (`serde_yaml` here is the maintained
//! `yaml_serde` fork, renamed in Cargo.toml) and turns its errors into file:line:column.

use serde::de::DeserializeOwned;

use crate::error::{Error, Position, Result};

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
        let message = crate::lang::one_line(&e.to_string());
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

/// Load the effective rule set: the bundled defaults, or the user's rule file at `path`
/// applied on them. The only place that knows how rule files are read.
pub fn load(path: Option<&std::path::Path>) -> Result<crate::rules::RuleSet> {
    match path {
        None => crate::rules::ruleset::build(None),
        Some(p) => {
            let shown = p.display().to_string();
            let bytes = crate::ingest::read_limited(
                &shown,
                MAX_YAML_BYTES,
                "rule file",
                "pass a rule file (YAML)",
            )?;
            let text = String::from_utf8(bytes)
                .map_err(|_| Error::input(&shown, "rule file is not valid UTF-8"))?;
            crate::rules::ruleset::build(Some((&shown, &text)))
        }
    }
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
