//! Report: the [`model::Report`] every renderer reads, and the renderers.

pub mod model;
pub mod table;
