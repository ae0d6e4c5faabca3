//! Rule files: parsing, validation (file:line:column and what to write instead), `extends`,
//! and the effective [`RuleSet`]. `crate::config::load` is the one entry point.

use std::collections::BTreeMap;

use regex::Regex;
use serde::Deserialize;

use super::rule::{Params, Rule};
use super::{kinds, Kind, Severity};
use crate::error::{Error, Position, Result};
use crate::extract::AliasTable;

pub const DEFAULT_NAME: &str = "default";
pub const DEFAULT_PATH: &str = "rules/default.yaml";
pub const DEFAULT_YAML: &str = include_str!("../../rules/default.yaml");

/// Limits for hostile rule files.
const MAX_ALIAS_SETS: usize = 20_000;
const MAX_PHRASES: usize = 200_000;
const MAX_RULES: usize = 1_000;

/// A rule file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    version: u32,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    extends: Option<String>,
    /// Only checked: each entry must be a language claimdiff has data for, which parsing it
    /// as a `LangCode` does.
    #[serde(default)]
    #[allow(dead_code)]
    languages: Vec<crate::lang::LangCode>,
    #[serde(default)]
    aliases: Vec<Vec<String>>,
    #[serde(default)]
    lexicons: BTreeMap<String, Vec<Vec<String>>>,
    #[serde(default)]
    rules: Vec<RuleEntry>,
}

/// One entry of `rules:`. With a `kind` it defines (or replaces) a rule; without, it changes
/// the rule of that id that the extended file defines. Parameters are shared by name across
/// kinds; each kind says which it takes (`claimdiff rules explain KIND`). The fields are
/// written out (not flattened from [`Params`]) so that serde reports line and column.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    id: String,
    #[serde(default)]
    kind: Option<Kind>,
    #[serde(default)]
    severity: Option<Severity>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    enabled: Option<bool>,
    #[serde(default)]
    tolerance: Option<f64>,
    #[serde(default)]
    approximate_tolerance: Option<f64>,
    #[serde(default)]
    min_changed_words: Option<usize>,
    #[serde(default)]
    one_sided_severity: Option<Severity>,
    #[serde(default)]
    correction_severity: Option<Severity>,
    #[serde(default)]
    lexicon: Option<String>,
    #[serde(default)]
    min_share: Option<f64>,
    #[serde(default)]
    min_sources: Option<usize>,
    #[serde(default)]
    min_articles: Option<usize>,
    #[serde(default)]
    min_equivalence: Option<f64>,
    #[serde(default)]
    patterns: Option<Vec<String>>,
}

impl RuleEntry {
    fn params(&self) -> Params {
        Params {
            tolerance: self.tolerance,
            approximate_tolerance: self.approximate_tolerance,
            min_changed_words: self.min_changed_words,
            one_sided_severity: self.one_sided_severity,
            correction_severity: self.correction_severity,
            lexicon: self.lexicon.clone(),
            min_share: self.min_share,
            min_sources: self.min_sources,
            min_articles: self.min_articles,
            min_equivalence: self.min_equivalence,
            patterns: self.patterns.clone(),
        }
    }
}

/// The effective rule set: rules, aliases and lexicons after `extends`.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// `default`, or the user's file path.
    pub name: String,
    pub sha256: String,
    pub rules: Vec<Rule>,
    pub aliases: AliasTable,
    /// The watch-list sets of every `term` rule's lexicon, matched as one term each.
    pub term_sets: AliasTable,
}

impl RuleSet {
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    pub fn enabled(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| r.enabled)
    }
}

/// 1-based position of the `id: ID` line of a rule (or of `key:` after it), for errors that
/// serde cannot place (duplicates, parameters of the wrong kind, bad patterns).
fn locate(text: &str, id: &str, key: Option<&str>) -> Position {
    let needle_id = [
        format!("id: {id}"),
        format!("id: \"{id}\""),
        format!("id: '{id}'"),
    ];
    let mut start = None;
    for n in &needle_id {
        if let Some(i) = text.find(n.as_str()) {
            start = Some(i);
            break;
        }
    }
    let Some(mut at) = start else {
        return Position { line: 1, column: 1 };
    };
    if let Some(k) = key {
        if let Some(i) = text[at..].find(&format!("{k}:")) {
            at += i;
        }
    }
    let line = text[..at].matches('\n').count() + 1;
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    Position { line, column: col }
}

/// 1-based position of a top-level `key:` in a rule file.
fn key_position(text: &str, key: &str) -> Position {
    let needle = format!("{key}:");
    let line = text
        .lines()
        .position(|l| l.starts_with(&needle))
        .map_or(1, |i| i + 1);
    Position { line, column: 1 }
}

/// The option most like `word`, if it is like enough to be what was meant.
fn closest<'a>(word: &str, options: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    options
        .map(|o| (strsim::jaro_winkler(word, o), o))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(score, _)| *score > 0.8)
        .map(|(_, o)| o)
}

/// Add "did you mean" to serde's unknown-field and unknown-variant messages.
fn suggest(err: Error) -> Error {
    let fix = |message: String| -> String {
        let Some(start) = message.find('`') else {
            return message;
        };
        let Some(len) = message[start + 1..].find('`') else {
            return message;
        };
        let bad = &message[start + 1..start + 1 + len];
        let Some(exp) = message.find("expected one of ") else {
            return message;
        };
        let options = message[exp..].split('`').skip(1).step_by(2);
        match closest(bad, options) {
            Some(o) => format!("{message}; did you mean `{o}`?"),
            None => message,
        }
    };
    match err {
        Error::InputAt { path, pos, message } => Error::InputAt {
            path,
            pos,
            message: fix(message),
        },
        other => other,
    }
}

fn parse_file(path: &str, text: &str) -> Result<RuleFile> {
    let file: RuleFile = crate::input::parse_yaml(path, text).map_err(suggest)?;
    if file.version != 1 {
        return Err(Error::at(
            path,
            Position { line: 1, column: 1 },
            format!(
                "rule file version {} is not supported; write `version: 1`",
                file.version
            ),
        ));
    }
    let phrases: usize = file.aliases.iter().map(Vec::len).sum::<usize>()
        + file
            .lexicons
            .values()
            .flatten()
            .map(Vec::len)
            .sum::<usize>();
    if file.aliases.len() > MAX_ALIAS_SETS || phrases > MAX_PHRASES || file.rules.len() > MAX_RULES
    {
        return Err(Error::input(
            path,
            format!("rule file too large (at most {MAX_ALIAS_SETS} alias sets, {MAX_PHRASES} phrases, {MAX_RULES} rules)"),
        ));
    }
    Ok(file)
}

fn compile_patterns(
    path: &str,
    text: &str,
    entry_id: &str,
    patterns: &[String],
) -> Result<Vec<Regex>> {
    patterns
        .iter()
        .map(|p| {
            regex::RegexBuilder::new(&format!("(?i){p}"))
                .size_limit(1 << 20)
                .dfa_size_limit(1 << 20)
                .nest_limit(64)
                .build()
                .map_err(|e| {
                    Error::at(
                        path,
                        locate(text, entry_id, Some("patterns")),
                        format!(
                            "rule `{entry_id}`: bad pattern {p:?} ({}); write a regular expression in the syntax of Rust's regex crate",
                            crate::error::one_line(&e.to_string())
                        ),
                    )
                })
        })
        .collect()
}

/// Apply `file` (read from `path`, text `text`) on top of `base` rules.
fn apply(path: &str, text: &str, file: &RuleFile, base: Vec<Rule>) -> Result<Vec<Rule>> {
    let mut errors = Vec::new();
    let rules = apply_collecting(path, text, file, base, &mut errors);
    match errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(rules),
    }
}

/// [`apply`], going on past a bad entry: it is left out and its error kept, so that a file's
/// errors are all reported in one run (`claimdiff rules check`).
fn apply_collecting(
    path: &str,
    text: &str,
    file: &RuleFile,
    base: Vec<Rule>,
    errors: &mut Vec<Error>,
) -> Vec<Rule> {
    let mut rules = base;
    let mut seen: Vec<&str> = Vec::new();
    for entry in &file.rules {
        match apply_entry(path, text, entry, &rules, &mut seen) {
            Ok((rule, Some(i))) => rules[i] = rule,
            Ok((rule, None)) => rules.push(rule),
            Err(e) => errors.push(e),
        }
    }
    rules
}

/// One entry of a rule file on top of `rules`: the rule it makes, and the index of the rule
/// it replaces.
fn apply_entry<'f>(
    path: &str,
    text: &str,
    entry: &'f RuleEntry,
    rules: &[Rule],
    seen: &mut Vec<&'f str>,
) -> Result<(Rule, Option<usize>)> {
    check_id(path, text, entry, seen)?;
    let at_entry = || locate(text, &entry.id, None);
    let existing = rules.iter().position(|r| r.id == entry.id);
    let mut rule = match (entry.kind, existing) {
        (Some(kind), _) => {
            let replaced = existing.map(|i| &rules[i]).filter(|r| r.kind == kind);
            defined_rule(path, text, entry, kind, replaced)?
        }
        (None, Some(i)) => changed_rule(path, entry, rules[i].clone()),
        (None, None) => {
            let hint = closest(&entry.id, rules.iter().map(|r| r.id.as_str()))
                .map(|k| format!("did you mean `{k}`, or "))
                .unwrap_or_default();
            return Err(Error::at(
                path,
                at_entry(),
                format!("rule `{}` has no `kind` and extends no rule of that id; {hint}add `kind:` (one of {})", entry.id, Kind::ALL.map(Kind::as_str).join(", ")),
            ));
        }
    };
    check_params_of_kind(path, text, entry, rule.kind)?;
    kinds::validate(&rule)
        .map_err(|m| Error::at(path, at_entry(), format!("rule `{}`: {m}", entry.id)))?;
    // Compiled where they are written, so that a bad pattern is reported in its own file
    // (the bundled one included); a rule that does not set them keeps those it inherits.
    if let Some(p) = &entry.patterns {
        rule.patterns = compile_patterns(path, text, &entry.id, p)?;
    }
    Ok((rule, existing))
}

/// An entry's id is one word, and no earlier entry of the file has it.
fn check_id<'f>(
    path: &str,
    text: &str,
    entry: &'f RuleEntry,
    seen: &mut Vec<&'f str>,
) -> Result<()> {
    if seen.contains(&entry.id.as_str()) {
        return Err(Error::at(
            path,
            locate_nth(text, &entry.id, 2),
            format!(
                "duplicate rule id `{}`; give each rule its own id, or merge the two entries",
                entry.id
            ),
        ));
    }
    seen.push(&entry.id);
    if entry.id.trim().is_empty() || entry.id.contains(char::is_whitespace) {
        return Err(Error::at(
            path,
            locate(text, &entry.id, None),
            format!(
                "rule id {:?} must be one word, like `quote-drift`",
                entry.id
            ),
        ));
    }
    Ok(())
}

/// The rule an entry with a `kind` defines. Replacing a rule of the same kind, it inherits
/// what it leaves out (severity, description, parameters, patterns); of another kind, nothing.
fn defined_rule(
    path: &str,
    text: &str,
    entry: &RuleEntry,
    kind: Kind,
    replaced: Option<&Rule>,
) -> Result<Rule> {
    let missing = |what: String| Error::at(path, locate(text, &entry.id, None), what);
    let severity = entry
        .severity
        .or(replaced.map(|r| r.severity))
        .ok_or_else(|| {
            missing(format!(
                "rule `{}` needs a `severity`: write one of info, low, medium, high",
                entry.id
            ))
        })?;
    let description = entry
        .description
        .clone()
        .or(replaced.map(|r| r.description.clone()))
        .ok_or_else(|| {
            missing(format!(
                "rule `{}` needs a one-line `description`",
                entry.id
            ))
        })?;
    let (mut params, patterns) = replaced
        .map(|r| (r.params.clone(), r.patterns.clone()))
        .unwrap_or_default();
    params.overlay(&entry.params());
    Ok(Rule {
        id: entry.id.clone(),
        kind,
        severity,
        description,
        enabled: entry.enabled.unwrap_or(true),
        params,
        origin: path.to_string(),
        patterns,
    })
}

/// The rule `rule` as an entry without a `kind` changes it: what the entry sets, over what
/// the rule had.
fn changed_rule(path: &str, entry: &RuleEntry, mut rule: Rule) -> Rule {
    if let Some(s) = entry.severity {
        rule.severity = s;
    }
    if let Some(d) = &entry.description {
        rule.description = d.clone();
    }
    if let Some(e) = entry.enabled {
        rule.enabled = e;
    }
    rule.params.overlay(&entry.params());
    rule.origin = path.to_string();
    rule
}

/// Every parameter the entry sets is one its kind takes.
fn check_params_of_kind(path: &str, text: &str, entry: &RuleEntry, kind: Kind) -> Result<()> {
    let allowed = kinds::params_of(kind);
    let Some(name) = entry
        .params()
        .set_names()
        .into_iter()
        .find(|name| !allowed.contains(name))
    else {
        return Ok(());
    };
    let takes = if allowed.is_empty() {
        "no parameters".to_string()
    } else {
        let named: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
        named.join(", ")
    };
    Err(Error::at(
        path,
        locate(text, &entry.id, Some(name)),
        format!(
            "rule `{}`: parameter `{name}` does not apply to kind `{kind}`; it takes {takes}",
            entry.id
        ),
    ))
}

fn locate_nth(text: &str, id: &str, n: usize) -> Position {
    let needle = format!("id: {id}");
    let mut at = 0;
    let mut found = 0;
    while let Some(i) = text[at..].find(&needle) {
        found += 1;
        if found == n {
            let pos = at + i;
            let line = text[..pos].matches('\n').count() + 1;
            let col = pos - text[..pos].rfind('\n').map_or(0, |i| i + 1) + 1;
            return Position { line, column: col };
        }
        at += i + needle.len();
    }
    locate(text, id, None)
}

/// Build the rule set from the bundled defaults and, optionally, a user file (path, text).
pub fn build(user: Option<(&str, &str)>) -> Result<RuleSet> {
    let default_file = parse_file(DEFAULT_PATH, DEFAULT_YAML)?;
    let mut rules = apply(DEFAULT_PATH, DEFAULT_YAML, &default_file, Vec::new())?;
    let mut alias_sets = default_file.aliases.clone();
    let mut lexicons = default_file.lexicons.clone();
    let mut name = DEFAULT_NAME.to_string();
    if let Some((path, text)) = user {
        let file = parse_file(path, text)?;
        match file.extends.as_deref() {
            Some("default") => {}
            None | Some("none") => {
                rules.clear();
                alias_sets.clear();
                lexicons.clear();
            }
            Some(other) => {
                return Err(Error::at(
                    path,
                    key_position(text, "extends"),
                    format!("`extends: {other}`: only `default` (the bundled rules) or `none` can be extended"),
                ))
            }
        }
        rules = apply(path, text, &file, rules)?;
        alias_sets.extend(file.aliases.iter().cloned());
        for (k, v) in &file.lexicons {
            lexicons
                .entry(k.clone())
                .or_default()
                .extend(v.iter().cloned());
        }
        name = file.name.clone().unwrap_or_else(|| path.to_string());
    }
    // Every lexicon named must exist, whichever file names it.
    for r in &rules {
        if let Some(lex) = r
            .params
            .lexicon
            .as_ref()
            .filter(|l| !lexicons.contains_key(*l))
        {
            let (path, text) = match user {
                Some((path, text)) if r.origin == path => (path, text),
                _ => (DEFAULT_PATH, DEFAULT_YAML),
            };
            return Err(Error::at(
                path,
                locate(text, &r.id, Some("lexicon")),
                format!("rule `{}` names lexicon `{lex}`, which no file defines; add it under `lexicons:`", r.id),
            ));
        }
    }
    let mut term_words: Vec<Vec<String>> = Vec::new();
    for r in rules.iter().filter(|r| r.kind == Kind::Term && r.enabled) {
        if let Some(sets) = r.params.lexicon.as_ref().and_then(|l| lexicons.get(l)) {
            term_words.extend(sets.iter().cloned());
        }
    }
    let canonical = serde_json::json!({
        "rules": rules,
        "aliases": alias_sets,
        "lexicons": lexicons,
    });
    let sha256 = crate::input::sha256_hex(canonical.to_string().as_bytes());
    Ok(RuleSet {
        name,
        sha256,
        aliases: AliasTable::new(&alias_sets),
        term_sets: AliasTable::new(&term_words),
        rules,
    })
}

/// Every error of the user's rule file (`path`, `text`), in file order: what `claimdiff rules
/// check` prints. A file that does not parse as YAML has one error, where parsing stopped.
pub fn check_file(path: &str, text: &str) -> Vec<Error> {
    let file = match parse_file(path, text) {
        Ok(f) => f,
        Err(e) => return vec![e],
    };
    let base = match file.extends.as_deref() {
        Some("default") => match build(None) {
            Ok(set) => set.rules,
            Err(e) => return vec![e],
        },
        _ => Vec::new(),
    };
    let mut errors = Vec::new();
    apply_collecting(path, text, &file, base, &mut errors);
    if errors.is_empty() {
        // What only the whole set shows (`extends`, lexicons), one error at most.
        if let Err(e) = build(Some((path, text))) {
            errors.push(e);
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_entry_is_reported_in_one_run() {
        let text = "version: 1\nextends: default\nrules:\n  - id: no-such-rule\n    severity: high\n  - id: hedge-change\n    patterns: ['(']\n  - id: quote-drift\n    severity: low\n  - id: quote-drift\n    severity: high\n";
        let errors: Vec<String> = check_file("r.yaml", text)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(errors.len(), 3, "{errors:#?}");
        assert!(errors[0].starts_with("r.yaml:4:"), "{errors:#?}");
        assert!(errors[1].contains("bad pattern"), "{errors:#?}");
        assert!(errors[2].contains("duplicate rule id"), "{errors:#?}");
        assert!(check_file("r.yaml", "version: 1\nextends: default\n").is_empty());
    }

    #[test]
    fn patterns_are_compiled_in_the_file_that_writes_them() {
        let first = "version: 1\nextends: default\nrules:\n  - id: hedge-change\n    patterns: ['parait-il']\n";
        let set = build(Some(("mine.yaml", first))).unwrap();
        assert_eq!(set.rule("hedge-change").unwrap().patterns.len(), 1);
        // A bundled rule redefined with its kind gets the patterns written with it.
        let again = "version: 1\nextends: default\nrules:\n  - id: hedge-change\n    kind: hedge\n    severity: high\n    patterns: ['parait-il', 'semble-t-il']\n";
        let set = build(Some(("mine.yaml", again))).unwrap();
        let rule = set.rule("hedge-change").unwrap();
        assert_eq!((rule.patterns.len(), rule.severity), (2, Severity::High));
    }

    #[test]
    fn tolerances_are_checked() {
        for (key, value) in [("tolerance", "-0.1"), ("approximate_tolerance", "-0.1")] {
            let file = format!(
                "version: 1\nextends: default\nrules:\n  - id: number-changed\n    {key}: {value}\n"
            );
            let err = build(Some(("mine.yaml", &file))).unwrap_err().to_string();
            assert!(err.contains(&format!("`{key}` is -0.1")), "{err}");
        }
    }
}
