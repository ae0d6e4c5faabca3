//! One rule as it runs: its kind, severity and parameters. Apart from the rule set (which
//! reads rule files and asks each kind which parameters it takes) so that the kinds can read a
//! rule without depending on how rule files are read.

use regex::Regex;
use serde::Serialize;

use super::{Kind, Severity};

/// Parameters of the rule kinds.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Params {
    /// number: relative difference tolerated (0.05 = 5 %).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<f64>,
    /// number: relative difference tolerated when one side is an estimate or a bound
    /// ("environ 110", "une trentaine").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate_tolerance: Option<f64>,
    /// quote: how many words must differ.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_changed_words: Option<usize>,
    /// attribution: severity when only one side names a source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_sided_severity: Option<Severity>,
    /// addition: severity of an added correction or update notice ("Rectificatif : …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correction_severity: Option<Severity>,
    /// term: the lexicon of watch-list sets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lexicon: Option<String>,
    /// omission: share of sources that must carry a claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_share: Option<f64>,
    /// omission: number of sources that must carry a claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_sources: Option<usize>,
    /// addition: flag lone claims only when at least this many articles are compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_articles: Option<usize>,
    /// wording: flag pairs whose equivalence is below this (default: the threshold of
    /// `rules/equivalence.yaml`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_equivalence: Option<f64>,
    /// hedge, negation: extra regular expressions that count as cues.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patterns: Option<Vec<String>>,
}

impl Params {
    /// Names of the parameters that are set.
    pub(super) fn set_names(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.tolerance.is_some() {
            out.push("tolerance");
        }
        if self.approximate_tolerance.is_some() {
            out.push("approximate_tolerance");
        }
        if self.min_changed_words.is_some() {
            out.push("min_changed_words");
        }
        if self.one_sided_severity.is_some() {
            out.push("one_sided_severity");
        }
        if self.correction_severity.is_some() {
            out.push("correction_severity");
        }
        if self.lexicon.is_some() {
            out.push("lexicon");
        }
        if self.min_share.is_some() {
            out.push("min_share");
        }
        if self.min_sources.is_some() {
            out.push("min_sources");
        }
        if self.min_articles.is_some() {
            out.push("min_articles");
        }
        if self.min_equivalence.is_some() {
            out.push("min_equivalence");
        }
        if self.patterns.is_some() {
            out.push("patterns");
        }
        out
    }

    pub(super) fn overlay(&mut self, other: &Params) {
        macro_rules! take {
            ($($f:ident),*) => { $( if other.$f.is_some() { self.$f = other.$f.clone(); } )* };
        }
        take!(
            tolerance,
            approximate_tolerance,
            min_changed_words,
            one_sided_severity,
            correction_severity,
            lexicon,
            min_share,
            min_sources,
            min_articles,
            min_equivalence,
            patterns
        );
    }
}

/// A rule ready to run.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: String,
    pub kind: Kind,
    pub severity: Severity,
    pub description: String,
    pub enabled: bool,
    pub params: Params,
    /// Where the rule was defined: `rules/default.yaml` or the user's file.
    pub origin: String,
    #[serde(skip)]
    pub patterns: Vec<Regex>,
}
