//! Report: the [`model::Report`] every renderer reads, and the renderers.

pub mod json;
pub mod model;
pub mod table;
