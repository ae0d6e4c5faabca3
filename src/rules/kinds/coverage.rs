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
`min_sources` sources (all of them, when there are fewer) and a share of at least `min_share` \
of them carry it. In `check`, the sources are the new article's earlier version (or every \
reference article, for a new outlet). A claim whose words another claim of the article carries \
(two sentences merged into one) is not missing.\n\
Example: three of four outlets report \"the two leaders agreed to meet\"; the fourth does not.";
pub const OMISSION_PARAMS: &[&str] = &["min_share", "min_sources"];

pub const ADDITION_DOC: &str = "A claim only one source carries. In `check`: every claim of a new \
article that no reference article carries. In `compare`, lone claims are listed in the \
report's single-source section; they become findings only when the rule sets `min_articles` \
and at least that many articles are compared. An added correction or update notice \
(\"Rectificatif : …\", \"Correction: An earlier version of this story …\"; patterns in \
`rules/lang/*.yaml`, `corrections`) is reported as such, at `correction_severity`.\n\
Example: only one outlet reports \"the call lasted about an hour\".";
pub const ADDITION_PARAMS: &[&str] = &["min_articles", "correction_severity"];

use serde_json::json;

use crate::rules::Rule;
use crate::rules::Severity;

/// Defaults when a rule file leaves the parameters out.
const DEFAULT_MIN_SHARE: f64 = 0.66;
const DEFAULT_MIN_SOURCES: usize = 2;

/// Who carries what, as the coverage rules see it.
pub struct CoverageView<'a> {
    /// Article (index) of each claim.
    pub article_of: &'a [usize],
    /// How each article is named in messages.
    pub labels: &'a [String],
    pub article_ids: Vec<&'a str>,
    pub claim_texts: Vec<&'a str>,
    /// Per claim: its content words, folded when first needed (the merged-claim check).
    pub(crate) claim_words: Vec<super::LazyWords<'a>>,
    /// Per article: the patterns of a correction or update notice in its language, tested
    /// only on the claims `additions` reports.
    pub correction_patterns: Vec<&'a [regex::Regex]>,
    /// Per article: its claims count as "the sources" (all in `compare`, references in
    /// `check`).
    pub source: Vec<bool>,
    /// Per article: it is checked for omissions and additions (all in `compare`, new ones in
    /// `check`).
    pub checked: Vec<bool>,
    /// `check`: per checked article, the sources it is checked against (sorted): the
    /// references of its outlet (its earlier version), or every reference when it has none.
    /// Other stories in the same run do not count as sources that leave a claim out.
    pub peers: Option<Vec<Vec<usize>>>,
    /// Per article: its claims (indices), for the check that a claim left out was not merged
    /// into another.
    pub claims_of: &'a [Vec<usize>],
}

/// Share of a claim's content words another claim must have for the claim to count as
/// merged into it ("…hôpitaux. Il doit être présenté le 12 juin." → "…hôpitaux, qui doit
/// être présenté le 12 juin.").
const MERGED_SHARE: f64 = 0.8;

/// Does some claim of article `t` carry (nearly) all the content words of claim `missing`?
fn merged_into(view: &CoverageView, t: usize, missing: usize) -> bool {
    let words = view.claim_words[missing].get();
    if words.is_empty() {
        return false;
    }
    view.claims_of[t].iter().any(|&c| {
        let other = view.claim_words[c].get();
        let kept = words.iter().filter(|w| other.contains(w)).count();
        kept as f64 >= MERGED_SHARE * words.len() as f64
    })
}

/// Is claim `c` a correction or update notice ("Rectificatif : …")?
fn is_correction(view: &CoverageView, c: usize) -> bool {
    view.correction_patterns[view.article_of[c]]
        .iter()
        .any(|p| p.is_match(view.claim_texts[c]))
}

/// The claims (indices) of one group, or one lone claim (`group: None`).
pub struct Carrier {
    pub group: Option<usize>,
    pub members: Vec<usize>,
}

/// A coverage finding before it gets an id.
pub struct CoverageHit {
    pub group: Option<usize>,
    pub claims: Vec<usize>,
    pub message: String,
    pub evidence: serde_json::Value,
    /// Overrides the rule's severity.
    pub severity: Option<Severity>,
}

/// Words of a claim quoted in a coverage message: enough to recognise it in a table.
const EXCERPT_WORDS: usize = 12;

/// The first words of a claim, on one line, with "…" when there are more.
fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= EXCERPT_WORDS {
        words.join(" ")
    } else {
        format!("{} …", words[..EXCERPT_WORDS].join(" "))
    }
}

/// Claims most sources carry that a target article leaves out. The finding names the claims
/// that carry it (the missing one does not exist). "Most sources" are counted among the
/// target's peers when the view has them (`check`: its earlier version, or every reference).
pub fn omissions(rule: &Rule, view: &CoverageView, carriers: &[Carrier]) -> Vec<CoverageHit> {
    let min_share = rule.params.min_share.unwrap_or(DEFAULT_MIN_SHARE);
    let min_sources = rule.params.min_sources.unwrap_or(DEFAULT_MIN_SOURCES);
    let sources = view.source.iter().filter(|&&s| s).count();
    let mut out = Vec::new();
    for carrier in carriers {
        // Work per carrier is in its own size: thousands of articles, thousands of groups.
        let mut carried: Vec<usize> = carrier
            .members
            .iter()
            .map(|&m| view.article_of[m])
            .filter(|&a| view.source[a])
            .collect();
        carried.sort_unstable();
        carried.dedup();
        if view.peers.is_none()
            && !is_widely_carried(carried.len(), sources, min_share, min_sources)
        {
            continue;
        }
        // Without peers, "most sources" is the same for every target: decided once.
        let everyone = view.peers.is_none().then(|| {
            let claims: Vec<usize> = carrier
                .members
                .iter()
                .copied()
                .filter(|&m| view.source[view.article_of[m]])
                .collect();
            (carried.as_slice(), claims)
        });
        for t in (0..view.checked.len()).filter(|&t| view.checked[t]) {
            if carrier.members.iter().any(|&m| view.article_of[m] == t) {
                continue;
            }
            let own;
            let (by, claims): (&[usize], &[usize]) = match (&everyone, &view.peers) {
                (Some((by, claims)), _) => (by, claims),
                (None, Some(peers)) => {
                    let by: Vec<usize> = carried
                        .iter()
                        .copied()
                        .filter(|a| peers[t].binary_search(a).is_ok())
                        .collect();
                    if !is_widely_carried(by.len(), peers[t].len(), min_share, min_sources) {
                        continue;
                    }
                    let claims: Vec<usize> = carrier
                        .members
                        .iter()
                        .copied()
                        .filter(|&m| by.binary_search(&view.article_of[m]).is_ok())
                        .collect();
                    own = (by, claims);
                    (&own.0, &own.1)
                }
                (None, None) => unreachable!("`everyone` is set when there are no peers"),
            };
            if merged_into(view, t, claims[0]) {
                continue;
            }
            let outlets: Vec<&str> = by.iter().map(|&a| view.labels[a].as_str()).collect();
            let text = view.claim_texts[claims[0]];
            out.push(CoverageHit {
                group: carrier.group,
                claims: claims.to_vec(),
                message: format!(
                    "{} leaves out a claim that {} carr{}: “{}”",
                    view.labels[t],
                    outlets.join(", "),
                    if outlets.len() == 1 { "ies" } else { "y" },
                    excerpt(text)
                ),
                evidence: json!({"missing_from": view.article_ids[t], "outlet": view.labels[t], "carried_by": outlets, "claim": text}),
                severity: None,
            });
        }
    }
    out
}

/// Claims of a target article that no other source carries (`lone`). In `compare` they are
/// findings only when the rule sets `min_articles` and that many articles are compared.
pub fn additions(
    rule: &Rule,
    view: &CoverageView,
    lone: &[&Carrier],
    compare: bool,
) -> Vec<CoverageHit> {
    if compare
        && rule
            .params
            .min_articles
            .is_none_or(|m| view.labels.len() < m)
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for carrier in lone {
        for &c in &carrier.members {
            if !view.checked[view.article_of[c]] {
                continue;
            }
            let outlet = &view.labels[view.article_of[c]];
            let text = view.claim_texts[c];
            out.push(if is_correction(view, c) {
                CoverageHit {
                    group: carrier.group,
                    claims: vec![c],
                    message: format!("{outlet} adds a correction or update notice: “{text}”"),
                    evidence: json!({"outlet": outlet, "claim": text, "correction": true}),
                    severity: rule.params.correction_severity,
                }
            } else {
                CoverageHit {
                    group: carrier.group,
                    claims: vec![c],
                    message: format!("only {outlet} carries this claim: “{}”", excerpt(text)),
                    evidence: json!({"outlet": outlet, "claim": text}),
                    severity: None,
                }
            });
        }
    }
    out
}

/// Does a group carried by `carried` of `population` sources count as "most sources"? With
/// fewer sources than `min_sources` (one reference article), all of them must carry it.
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
