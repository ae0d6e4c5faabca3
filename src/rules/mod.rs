//! Rules: aligned groups + coverage + a rule set (YAML) → findings.

pub mod kinds;
mod rule;
pub mod ruleset;

pub use rule::{Params, Rule};
pub use ruleset::RuleSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The kinds of divergence. Each has one module under `rules/kinds/` with its documentation,
/// its parameters and its tests.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Number,
    Date,
    Quote,
    Hedge,
    Negation,
    Attribution,
    Entity,
    Term,
    Omission,
    Addition,
    Wording,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::Number,
        Kind::Date,
        Kind::Quote,
        Kind::Hedge,
        Kind::Negation,
        Kind::Attribution,
        Kind::Entity,
        Kind::Term,
        Kind::Omission,
        Kind::Addition,
        Kind::Wording,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Date => "date",
            Kind::Quote => "quote",
            Kind::Hedge => "hedge",
            Kind::Negation => "negation",
            Kind::Attribution => "attribution",
            Kind::Entity => "entity",
            Kind::Term => "term",
            Kind::Omission => "omission",
            Kind::Addition => "addition",
            Kind::Wording => "wording",
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
