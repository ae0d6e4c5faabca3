//! The table of known outlets (`rules/outlets.yaml`): a name read from the text, a page or a
//! file name is written as the outlet writes it ("afp" → "AFP", "rt-france" → "RT France").

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

const PATH: &str = "rules/outlets.yaml";
const YAML: &str = include_str!("../../rules/outlets.yaml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    #[allow(dead_code)]
    version: u32,
    outlets: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    #[serde(default)]
    also: Vec<String>,
}

/// A name with case, accents, hyphens, underscores and dots aside: "RT-France" and
/// "rt_france" are "rt france".
fn key(name: &str) -> String {
    let spaced: String = name
        .chars()
        .map(|c| if matches!(c, '-' | '_' | '.') { ' ' } else { c })
        .collect();
    crate::normalize::fold(&spaced)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn table() -> &'static HashMap<String, String> {
    static TABLE: OnceLock<HashMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let table: Table =
            crate::input::parse_yaml(PATH, YAML).expect("the bundled outlet table parses");
        let mut map = HashMap::new();
        for e in table.outlets {
            for n in std::iter::once(&e.name).chain(&e.also) {
                map.entry(key(n)).or_insert_with(|| e.name.clone());
            }
        }
        map
    })
}

/// The outlet `name` as it writes itself, when the table knows it.
pub fn known(name: &str) -> Option<&'static str> {
    table().get(&key(name)).map(String::as_str)
}

/// `name` as the table writes it, or as given.
pub fn canonical(name: String) -> String {
    known(&name).map_or(name, str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_outlets_are_written_as_they_write_themselves() {
        assert_eq!(known("afp"), Some("AFP"));
        assert_eq!(known("rt"), Some("RT"));
        assert_eq!(known("rt-france"), Some("RT France"));
        assert_eq!(known("reuters"), Some("Reuters"));
        assert_eq!(known("Agence France-Presse"), Some("AFP"));
        assert_eq!(known("liberation"), Some("Libération"));
        assert_eq!(known("reuters-swiss"), None);
        assert_eq!(canonical("story".to_string()), "story");
    }
}
