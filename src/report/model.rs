//! The one model every renderer reads. Renderers present it; they compute nothing new.
//! Serialised as JSON it is the contract in docs/json-report.md (`claimdiff.report/1`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::ingest::ArticleMeta;
use crate::rules::{Kind, Severity};
use crate::segment::Role;

pub use crate::align::score::TermContribution;
pub use crate::output::REPORT_SCHEMA as SCHEMA;

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Tool {
    pub name: String,
    pub version: String,
}

impl Tool {
    pub fn current() -> Tool {
        Tool {
            name: env!("CARGO_PKG_NAME").to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// A claim and where it is: `start`/`end` are byte offsets into the original file,
/// `line`/`column` 1-based (the column counts characters).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ClaimRecord {
    /// `a1.c4`: the fourth claim of article a1.
    pub id: String,
    pub article: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    /// Part of the reference set of a `check` run.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub reference: bool,
    /// `check`: a new claim that matches its reference claim word for word, or that reference
    /// claim. Their group is listed only with `--verbose`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unchanged: bool,
    /// `headline`: not a claim of the body but the article's title, listed (id `a1.h`) when
    /// it changed between two versions of one story, so that findings can point at it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<ClaimRole>,
}

/// What a record of `claims` that is not a claim of the body holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ClaimRole {
    Headline,
}

impl ClaimRecord {
    /// A claim `id` of the article `meta` with its `text`, found `at` in the file.
    pub fn at(
        id: String,
        meta: &crate::ingest::ArticleMeta,
        text: String,
        at: crate::source::Located,
    ) -> ClaimRecord {
        ClaimRecord {
            id,
            article: meta.id.clone(),
            text,
            start: at.start,
            end: at.end,
            line: at.line,
            column: at.column,
            reference: meta.reference,
            unchanged: false,
            role: None,
        }
    }

    /// The text is the file's bytes from `start` to `end`, so that an offset in the text is
    /// one in the file: not when decoding, HTML extraction or a Markdown link changed it,
    /// which always changes its length.
    pub fn is_verbatim(&self) -> bool {
        self.end.checked_sub(self.start) == Some(self.text.len())
    }
}

/// A segment that is not a claim (heading, caption, byline, boilerplate), shown with `--all`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct SegmentRecord {
    pub id: String,
    pub article: String,
    pub role: Role,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
}

/// What `claimdiff claims --format json` prints: the `articles` and `claims` parts.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ClaimListing {
    pub schema: String,
    pub tool: Tool,
    pub articles: Vec<ArticleMeta>,
    pub claims: Vec<ClaimRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<SegmentRecord>,
}

/// The score of one aligned pair, with why.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct PairRecord {
    pub claims: [String; 2],
    pub score: f64,
    /// The equivalence test's estimate, in [0, 1], that the two claims state the same thing
    /// (`rules/equivalence.yaml`); the `wording` rule reports pairs below its threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equivalence: Option<f64>,
    /// The terms that weighed most in the score, heaviest first.
    pub top_terms: Vec<TermContribution>,
    /// Set when the pair scored below the alignment threshold and was aligned because its two
    /// articles share this many other groups (they report the same event).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_event_groups: Option<usize>,
    /// The cosine, in [-1, 1], of what the sentence encoder made of the two claims (figures
    /// hidden), when semantic matching ran; it weighs in `score` beside the shared words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub semantic: Option<f64>,
    /// When meaning raised the score above the shared words': the word pairs it rests on,
    /// one word of each claim that the other does not have ("quake" / "earthquake").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub semantic_words: Vec<crate::semantic::words::WordPair>,
    /// When the pair rests on one clause of a sentence that states several facts: that clause
    /// of each such claim (a claim aligned whole is not listed). The rules compared these
    /// clauses, not the whole sentences.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clauses: Vec<AlignedClause>,
}

/// The clause of a claim that an aligned pair rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AlignedClause {
    /// The claim's id.
    pub claim: String,
    /// Byte offsets of the clause in the claim's `text`.
    pub start: usize,
    pub end: usize,
    /// The clause's words.
    pub text: String,
}

/// Claims from several articles that state the same thing.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct GroupRecord {
    /// `g3`.
    pub id: String,
    /// Claim ids, one per article unless an article repeats itself.
    pub claims: Vec<String>,
    /// Mean score of the pairs that hold the group together, in [0, 1].
    pub score: f64,
    /// A short label: the group's most weighty shared terms.
    pub label: String,
    /// The claim other wordings are diffed against.
    pub reference_claim: String,
    pub pairs: Vec<PairRecord>,
    /// Each other claim's word diff against the reference claim.
    #[serde(default)]
    pub diffs: Vec<ClaimDiff>,
    /// A link: two claims that state the same fact though each also belongs to another
    /// group (or was alone), as when one outlet splits a sentence that another writes as
    /// one. Links are compared like groups and count for no coverage finding.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub link: bool,
}

/// A claim's wording, word by word, against its group's reference claim.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct ClaimDiff {
    pub claim: String,
    pub against: String,
    pub ops: Vec<crate::diff::DiffOp>,
}

/// One divergence flagged by a rule.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct FindingRecord {
    /// `f9`.
    pub id: String,
    /// The rule's id, e.g. `quote-drift`.
    pub rule: String,
    pub kind: Kind,
    pub severity: Severity,
    /// The group the finding is about; omissions and additions name a lone claim's group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub claims: Vec<String>,
    /// `path:line:column` of each claim, in the order of `claims`.
    pub locations: Vec<String>,
    pub message: String,
    pub evidence: serde_json::Value,
    /// `check`: which version each claim is, in the order of `claims` (`new`, or
    /// `baseline, 2017-01-28` / `reference, 2017-01-28`: the earlier version and its date).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<String>,
    /// `check`, on two versions of one outlet's article: the claim of the earlier version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earlier: Option<String>,
    /// `check` against a baseline: the finding's stable fingerprint (its rule, kind, outlets
    /// and the normalised words it is about; not ids or line numbers), which
    /// `--accept` takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
    /// `check` against a baseline: `new`, or `known` (listed with `--show-known`; never
    /// counted, never failing the run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<FindingStatus>,
}

/// A finding of a check against a baseline: new, or known to the baseline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FindingStatus {
    New,
    Known,
}

impl FindingRecord {
    pub fn is_known(&self) -> bool {
        self.status == Some(FindingStatus::Known)
    }

    /// Each claim's location as outputs print it: `path:line:column`, then in `check` which
    /// version it is: `reuters.txt:11:267 (baseline, 2017-01-28)`, `reuters.txt:11:267 (new)`.
    pub fn located(&self) -> Vec<String> {
        self.locations
            .iter()
            .enumerate()
            .map(|(i, at)| match self.versions.get(i) {
                Some(v) => format!("{at} ({v})"),
                None => at.clone(),
            })
            .collect()
    }

    /// The finding's id as outputs print it: `f3`, or `f3 (known)` for one the baseline knows.
    pub fn shown_id(&self) -> String {
        if self.is_known() {
            format!("{} (known)", self.id)
        } else {
            self.id.clone()
        }
    }
}

impl KnownFinding {
    /// One line: fingerprint, rule, kind, severity, message.
    pub fn line(&self) -> String {
        format!(
            "{} {} ({}, {}): {}",
            self.fingerprint, self.rule, self.kind, self.severity, self.message
        )
    }
}

impl BaselineStatus {
    /// What outputs say about the baseline, one line each: unchanged inputs, known findings,
    /// resolved findings.
    pub fn lines(&self) -> Vec<String> {
        let mut out = Vec::new();
        for path in &self.unchanged {
            out.push(format!(
                "unchanged since the baseline, not checked again: {path}"
            ));
        }
        if self.known > 0 {
            out.push(format!(
                "{} finding(s) known to the baseline not listed (--show-known lists them)",
                self.known
            ));
        }
        for k in &self.resolved {
            out.push(format!("resolved: {}", k.line()));
        }
        out
    }
}

/// A finding a baseline knows (it was made with it, or it was accepted since), one entry per
/// finding, in the order of fingerprints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct KnownFinding {
    /// Stable fingerprint: SHA-256 (first 16 hex digits) of the rule, the kind, the outlets
    /// and the normalised words the finding is about.
    pub fingerprint: String,
    pub rule: String,
    pub kind: Kind,
    pub severity: Severity,
    /// The outlets (folded): two outlets in alphabetical order, or one outlet's versions,
    /// the earlier first.
    pub outlets: Vec<String>,
    /// The normalised words the fingerprint is made of: each side's (`afp: …`), then those
    /// of the finding as a whole (`both: …`).
    pub words: Vec<String>,
    /// SHA-256 (first 16 hex digits) of the text of each side's claim, in the order of
    /// `outlets`: a finding is resolved only when one of them changed or went.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<String>,
    /// The message and locations when the finding was recorded (for reading only).
    pub message: String,
    pub locations: Vec<String>,
}

/// What a check against a baseline found against it.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct BaselineStatus {
    /// The baseline file.
    pub path: String,
    /// Inputs whose SHA-256 is that of the baseline's version: unchanged, not checked again.
    pub unchanged: Vec<String>,
    /// Findings of this run that the baseline knows (listed only with `--show-known`).
    pub known: usize,
    /// Findings of the baseline that this run no longer finds, on articles it checked again
    /// (fixed or removed).
    pub resolved: Vec<KnownFinding>,
}

/// Counts for the summary tables.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
pub struct Summary {
    pub articles: usize,
    pub claims: usize,
    pub groups: usize,
    /// Claims no other article carries.
    pub single_source_claims: usize,
    pub findings: usize,
    pub by_severity: std::collections::BTreeMap<String, usize>,
    pub by_kind: std::collections::BTreeMap<String, usize>,
    pub by_outlet: std::collections::BTreeMap<String, usize>,
    /// `check` only: claims of the new articles that match the reference unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unchanged: Option<usize>,
}

/// The rule set a report was made with.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct RuleSetInfo {
    /// `default`, or the path of the user's rule file.
    pub name: String,
    /// SHA-256 of the effective rule set, to tell when it changed.
    pub sha256: String,
}

impl RuleSetInfo {
    pub fn of(rules: &crate::rules::RuleSet) -> RuleSetInfo {
        RuleSetInfo {
            name: rules.name.clone(),
            sha256: rules.sha256.clone(),
        }
    }
}

/// The id of group `index` (0-based): reports and baselines number groups the same way, so
/// that a finding's `group` and a baseline's groups can be read side by side.
pub fn group_id(index: usize) -> String {
    format!("g{}", index + 1)
}

/// An input left out of a run, and why.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct SkippedInput {
    pub path: String,
    pub error: String,
}

/// A run of `compare` or `check`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// `claimdiff.report/1`.
    pub schema: String,
    pub tool: Tool,
    /// `compare` or `check`.
    pub command: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Date of the run. Not in the JSON, so the same input gives the same bytes.
    #[serde(skip)]
    pub run_date: Option<String>,
    pub rules: RuleSetInfo,
    pub articles: Vec<ArticleMeta>,
    pub claims: Vec<ClaimRecord>,
    pub groups: Vec<GroupRecord>,
    pub findings: Vec<FindingRecord>,
    pub summary: Summary,
    /// Inputs that could not be read and were left out (`--keep-going`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<SkippedInput>,
    /// Article id diffs are made against, when one was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_article: Option<String>,
    /// `check` against a baseline: unchanged inputs, known and resolved findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineStatus>,
}

impl Report {
    /// `check`: which version a claim is, as outputs write it after its location: `new`, or
    /// `baseline, 2017-01-28` (`reference, …` against article files), `undated` without date.
    pub fn version_of(&self, claim: &ClaimRecord) -> Option<String> {
        if self.command != "check" {
            return None;
        }
        let article = self.articles.iter().find(|a| a.id == claim.article)?;
        Some(if article.reference {
            let side = if self.baseline.is_some() {
                "baseline"
            } else {
                "reference"
            };
            format!("{side}, {}", article.date.as_deref().unwrap_or("undated"))
        } else {
            "new".to_string()
        })
    }
}
