//! claimdiff: compare how several outlets report one event, claim by claim.
//!
//! The pipeline, one module per stage (see ARCHITECTURE.md):
//! [`ingest`] → [`segment`] → [`extract`] → [`align`] → [`diff`] → [`rules`] → [`report`],
//! run end to end by [`pipeline`]; [`check`] runs it against a reference, [`pairs`] scores
//! a spreadsheet of claim pairs.

pub mod align;
pub mod check;
pub mod cli;
pub mod config;
pub mod diff;
pub mod error;
pub mod extract;
pub mod ingest;
pub mod input;
pub mod lang;
pub mod normalize;
pub mod output;
pub mod pairs;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod rules;
pub mod segment;
pub mod semantic;
pub mod source;

pub use error::{Error, Result};
