//! Extract: claim text → [`Features`]: normalised terms, quotes and speakers, numbers, dates,
//! attributions, hedges, negations, names, words of opposite pairs; one file for each.
//! Everything language-specific comes from [`crate::lang::Lang`] and the rule set's aliases
//! and lexicons.

mod aliases;
mod attribution;
pub mod clauses;
pub mod dates;
mod entities;
mod features;
mod hedges;
mod negations;
mod numbers;
mod polarity;
mod quotes;
mod terms;
#[cfg(test)]
mod test_claims;

use serde::{Deserialize, Serialize};

use crate::source::Span;

pub use aliases::AliasTable;
pub use attribution::Attribution;
pub use entities::Entity;
pub use features::{extract, Features};
pub use numbers::NumberMention;
pub use polarity::Polarity;
pub use quotes::Quote;
pub use terms::{Term, TermKind};

/// A hedge or negation cue: both rules compare where a claim has one and another has none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    pub span: Span,
    pub text: String,
}
