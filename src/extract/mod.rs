//! Extract: claim text → [`Features`]: quotes and speakers, numbers, dates, attributions,
//! hedges, negations, names. Everything language-specific comes from [`crate::lang::Lang`].

pub mod dates;
