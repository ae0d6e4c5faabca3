//! Align: the claims of N articles → groups of claims that state the same thing.
//!
//! [`score::Scorer`] gives an explainable similarity in [0, 1]; [`candidates`] proposes
//! pairs from an index over rare terms (never all pairs, unless asked); [`group`] joins pairs
//! into groups with at most one claim per article, keeping apart claims whose dates disagree.

pub mod candidates;
pub mod clauses;
pub mod equivalence;
pub mod group;
pub mod score;

pub use candidates::CandidateMode;
pub use clauses::{align_with_clauses, ClauseInput};
pub use group::{align, AlignOptions, Alignment, Group, ScoredPair};
pub use score::{PairScore, Scorer};
