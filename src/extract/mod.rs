//! Extract: claim text → [`Features`]: normalised terms, quotes and speakers, numbers, dates,
//! attributions, hedges, negations, names. Everything language-specific comes from
//! [`crate::lang::Lang`] and the rule set's aliases and lexicons.

mod aliases;
mod attribution;
pub mod clauses;
pub mod dates;
mod features;
mod numbers;

pub use aliases::AliasTable;
pub use attribution::Attribution;
pub use features::{extract, Cue, Entity, Features, Polarity, Quote, Term, TermKind};
pub use numbers::NumberMention;
