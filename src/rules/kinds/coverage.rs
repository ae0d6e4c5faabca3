//! `omission` and `addition`: coverage across sources, not a pair check.
//!
//! omission — a claim most sources carry is missing from one: with four outlets, three carry
//! « les deux dirigeants se sont entendus pour organiser une rencontre » and the fourth does
//! not. In `check`, the sources are the reference articles and the new article is checked
//! against them.
//!
//! addition — a claim only one source carries: in `check`, every claim of the new article that
//! no reference carries; in `compare`, lone claims when at least `min_articles` are compared.

pub const OMISSION_DOC: &str = "A claim most sources carry is missing from one source: at least \
`min_sources` sources and a share of at least `min_share` of them carry it. In `check`, the \
sources are the reference articles and the new article is the one checked.\n\
Example: three of four outlets report \"the two leaders agreed to meet\"; the fourth does not.";
pub const OMISSION_PARAMS: &[&str] = &["min_share", "min_sources"];

pub const ADDITION_DOC: &str = "A claim only one source carries. In `check`: every claim of a new \
article that no reference article carries. In `compare`, lone claims are listed in the \
report's single-source section; they become findings only when the rule sets `min_articles` \
and at least that many articles are compared.\n\
Example: only one outlet reports \"the call lasted about an hour\".";
pub const ADDITION_PARAMS: &[&str] = &["min_articles"];

/// Does a group carried by `carried` of `population` sources count as "most sources"?
pub fn is_widely_carried(
    carried: usize,
    population: usize,
    min_share: f64,
    min_sources: usize,
) -> bool {
    population > 0
        && carried >= min_sources.min(population)
        && carried as f64 / population as f64 >= min_share
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widely_carried() {
        assert!(is_widely_carried(3, 4, 0.66, 2));
        assert!(!is_widely_carried(1, 2, 0.66, 2));
        // One reference article: what it says is what "most sources" say.
        assert!(is_widely_carried(1, 1, 0.66, 2));
    }
}
