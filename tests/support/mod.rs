//! What the integration tests share. Each file under `tests/` is a crate of its own that takes
//! this module with `mod support;` and uses a part of it: the rest would be dead code there.
#![allow(dead_code)]

pub mod run;
pub mod skip;
