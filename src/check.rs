//! Regression checks: new articles (or new versions) against a reference set, which is either
//! articles or a saved baseline (`claimdiff.baseline/1`, a reviewable JSON file).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Position, Result};
use crate::ingest::ArticleMeta;
use crate::pipeline::{Corpus, RunOptions};
use crate::report::model::{ClaimRecord, RuleSetInfo, Tool};
use crate::rules::RuleSet;

pub const BASELINE_SCHEMA: &str = "claimdiff.baseline/1";

/// A group of the verified state: which claims state the same thing.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct BaselineGroup {
    pub id: String,
    pub claims: Vec<String>,
}

/// The verified state: articles (with the SHA-256 of each source file), their claims, how
/// they align, and the rule set they were checked with.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub schema: String,
    pub tool: Tool,
    pub rules: RuleSetInfo,
    pub articles: Vec<ArticleMeta>,
    pub claims: Vec<ClaimRecord>,
    pub groups: Vec<BaselineGroup>,
}

impl Baseline {
    /// The state of `corpus` (aligned with `rules`). Only alignment runs: a baseline keeps
    /// which claims go together, not findings.
    pub fn from_corpus(corpus: &Corpus, rules: &RuleSet, options: &RunOptions) -> Baseline {
        let (_, alignment) = crate::pipeline::align_corpus(corpus, &options.align);
        let mut articles = corpus.articles.clone();
        for a in &mut articles {
            a.reference = false;
        }
        let mut claims = corpus.claims.clone();
        for c in &mut claims {
            c.reference = false;
        }
        Baseline {
            schema: BASELINE_SCHEMA.to_string(),
            tool: Tool::current(),
            rules: RuleSetInfo::of(rules),
            articles,
            claims,
            // Numbered as a report numbers its groups.
            groups: alignment
                .groups
                .iter()
                .enumerate()
                .map(|(i, g)| BaselineGroup {
                    id: crate::report::model::group_id(i),
                    claims: corpus.claim_ids(&g.members),
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        let mut s =
            serde_json::to_string_pretty(self).expect("the baseline model always serialises");
        s.push('\n');
        s
    }

    /// Parse a baseline file, refusing anything that is not a whole, consistent baseline.
    pub fn parse(path: &str, text: &str) -> Result<Baseline> {
        // A byte order mark (editors on Windows add one) is no part of the JSON; it is no
        // column either, so positions stay those of the file.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let b: Baseline = serde_json::from_str(text).map_err(|e| {
            let what = if e.is_eof() {
                "truncated"
            } else {
                "not a valid claimdiff baseline"
            };
            Error::at(
                path,
                Position {
                    line: e.line(),
                    column: e.column(),
                },
                format!(
                    "{what}: {}; recreate it with `claimdiff baseline`",
                    // serde_json ends with " at line L column C", which the prefix gives.
                    crate::lang::one_line(&e.to_string())
                        .split(" at line ")
                        .next()
                        .unwrap_or_default()
                ),
            )
        })?;
        if b.schema != BASELINE_SCHEMA {
            return Err(Error::input(
                path,
                format!("schema {:?} is not {BASELINE_SCHEMA}", b.schema),
            ));
        }
        let ids: std::collections::HashSet<&str> =
            b.articles.iter().map(|a| a.id.as_str()).collect();
        let claim_ids: std::collections::HashSet<&str> =
            b.claims.iter().map(|c| c.id.as_str()).collect();
        if let Some(c) = b.claims.iter().find(|c| !ids.contains(c.article.as_str())) {
            return Err(Error::input(
                path,
                format!(
                    "claim {} names article {}, which the baseline does not have",
                    c.id, c.article
                ),
            ));
        }
        if let Some(g) = b
            .groups
            .iter()
            .find(|g| g.claims.iter().any(|c| !claim_ids.contains(c.as_str())))
        {
            return Err(Error::input(
                path,
                format!("group {} names a claim the baseline does not have", g.id),
            ));
        }
        if let Some(problem) = b.inconsistency() {
            return Err(Error::input(
                path,
                format!("{problem}; recreate it with `claimdiff baseline`"),
            ));
        }
        Ok(b)
    }

    /// What makes the baseline impossible, which serde cannot see: ids given twice, empty
    /// groups, dates that do not exist, claims outside their file or at line or column 0.
    fn inconsistency(&self) -> Option<String> {
        fn twice<'a>(mut ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
            let mut seen = std::collections::HashSet::new();
            ids.find(|id| !seen.insert(*id))
        }
        if let Some(id) = twice(self.articles.iter().map(|a| a.id.as_str())) {
            return Some(format!("article id {id} is given twice"));
        }
        if let Some(id) = twice(self.claims.iter().map(|c| c.id.as_str())) {
            return Some(format!("claim id {id} is given twice"));
        }
        if let Some(id) = twice(self.groups.iter().map(|g| g.id.as_str())) {
            return Some(format!("group id {id} is given twice"));
        }
        if let Some(g) = self.groups.iter().find(|g| g.claims.is_empty()) {
            return Some(format!("group {} has no claims", g.id));
        }
        for a in &self.articles {
            if let Some(d) = a
                .date
                .as_deref()
                .filter(|d| crate::extract::dates::PartialDate::parse_iso(d).is_none())
            {
                return Some(format!(
                    "article {} has date {d:?}, which is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                    a.id
                ));
            }
        }
        let bytes: std::collections::HashMap<&str, usize> = self
            .articles
            .iter()
            .map(|a| (a.id.as_str(), a.bytes))
            .collect();
        for c in &self.claims {
            let size = bytes.get(c.article.as_str()).copied().unwrap_or(0);
            let problem = if c.start > c.end {
                format!("starts at byte {} after its end at {}", c.start, c.end)
            } else if c.end > size {
                format!(
                    "ends at byte {}, past the end of its file ({size} bytes)",
                    c.end
                )
            } else if c.line == 0 || c.column == 0 {
                format!(
                    "has line {}, column {} (both count from 1)",
                    c.line, c.column
                )
            } else {
                continue;
            };
            return Some(format!("claim {} {problem}", c.id));
        }
        None
    }

    /// The baseline as reference articles and claims, renamed `r1`, `r2`… so they never
    /// collide with the new articles' ids: only the articles `keep` says (in their order),
    /// whose claims alone have their features extracted.
    pub fn into_reference(self, rules: &RuleSet, keep: &[bool]) -> Corpus {
        let mut corpus = Corpus {
            articles: self.articles,
            claims: self.claims,
            features: Vec::new(),
        };
        renumber(&mut corpus, "r", true);
        let kept: std::collections::HashSet<String> = corpus
            .articles
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(a, _)| a.id.clone())
            .collect();
        let articles = corpus
            .articles
            .into_iter()
            .filter(|a| kept.contains(&a.id))
            .collect();
        let claims = corpus
            .claims
            .into_iter()
            .filter(|c| kept.contains(&c.article))
            .collect();
        Corpus::from_claims(articles, claims, rules)
    }
}

/// Give articles the ids `{prefix}1`, `{prefix}2`… and claims `{article}.c1`…, in order.
fn renumber(corpus: &mut Corpus, prefix: &str, reference: bool) {
    let mut map = std::collections::HashMap::new();
    for (i, a) in corpus.articles.iter_mut().enumerate() {
        let id = format!("{prefix}{}", i + 1);
        map.insert(std::mem::replace(&mut a.id, id.clone()), id);
        a.reference = reference;
    }
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for c in &mut corpus.claims {
        let article = map[&c.article].clone();
        let n = counts.entry(article.clone()).or_default();
        *n += 1;
        c.id = format!("{article}.c{n}");
        c.article = article;
        c.reference = reference;
    }
}

/// Does `text` look like a baseline (rather than an article)?
pub fn looks_like_baseline(text: &str) -> bool {
    let head: String = text.chars().take(200).collect();
    head.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
        && head.contains(BASELINE_SCHEMA)
}

/// Which reference articles a check keeps (one flag per reference, in order). With
/// `versions`, or when every new article has a reference of the same outlet, only the
/// references of the new articles' outlets: each new article is then a new version of its
/// earlier one. (With `versions` and no reference of those outlets, every reference is an
/// earlier version.) Decided from the articles alone, before any claim's features are
/// extracted.
pub fn references_to_keep<'a>(
    reference: impl Iterator<Item = &'a ArticleMeta> + Clone,
    new: &[ArticleMeta],
    versions: bool,
) -> Vec<bool> {
    let of_new_outlets: Vec<bool> = reference
        .clone()
        .map(|r| new.iter().any(|n| r.is_outlet(&n.outlet)))
        .collect();
    let every_new_has_one = new
        .iter()
        .all(|n| reference.clone().any(|r| r.is_outlet(&n.outlet)));
    let narrow = (versions && of_new_outlets.contains(&true)) || every_new_has_one;
    of_new_outlets.iter().map(|&o| !narrow || o).collect()
}

/// Join reference and new claims into one corpus.
pub fn check_corpus(reference: Corpus, new: Corpus) -> Corpus {
    Corpus {
        articles: reference.articles.into_iter().chain(new.articles).collect(),
        claims: reference.claims.into_iter().chain(new.claims).collect(),
        features: reference.features.into_iter().chain(new.features).collect(),
    }
}

/// The state after a check: the references the new articles do not replace, and the new
/// articles. A new article replaces the reference of its outlet.
pub fn updated_state(corpus: &Corpus) -> Corpus {
    let new: Vec<&ArticleMeta> = corpus.articles.iter().filter(|a| !a.reference).collect();
    let dropped: std::collections::HashSet<String> = corpus
        .articles
        .iter()
        .filter(|a| a.reference && new.iter().any(|n| a.is_outlet(&n.outlet)))
        .map(|a| a.id.clone())
        .collect();
    let mut out = Corpus::default();
    for a in &corpus.articles {
        if !dropped.contains(&a.id) {
            out.articles.push(a.clone());
        }
    }
    for (c, f) in corpus.claims.iter().zip(&corpus.features) {
        if !dropped.contains(&c.article) {
            out.claims.push(c.clone());
            out.features.push(f.clone());
        }
    }
    renumber(&mut out, "a", false);
    out
}

/// A warning when the rule set changed since the baseline was saved.
pub fn rules_changed(baseline: &RuleSetInfo, rules: &RuleSet) -> Option<String> {
    (baseline.sha256 != rules.sha256).then(|| {
        format!(
            "the rule set changed since the baseline was saved (baseline: {} {}, now: {} {}); findings may differ for that reason",
            baseline.name,
            &baseline.sha256[..baseline.sha256.len().min(12)],
            rules.name,
            &rules.sha256[..12]
        )
    })
}
