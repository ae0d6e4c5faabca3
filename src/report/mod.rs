//! Report: the [`model::Report`] every renderer reads, and the renderers.

pub mod html;
pub mod json;
pub mod jsonl;
pub mod line;
pub mod markdown;
pub mod model;
pub mod table;
mod view;
