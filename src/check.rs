//! Regression checks: new articles (or new versions) against a reference set, which is either
//! articles or a saved baseline (`claimdiff.baseline/1`, a reviewable JSON file).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Position, Result};
use crate::ingest::ArticleMeta;
use crate::pipeline::{Corpus, RunOptions};
use crate::report::model::{
    BaselineStatus, ClaimRecord, FindingRecord, FindingStatus, Report, RuleSetInfo, Tool,
};
use crate::rules::RuleSet;

pub use crate::report::model::KnownFinding;

pub use crate::output::BASELINE_SCHEMA;

/// A group of the verified state: which claims state the same thing.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
pub struct BaselineGroup {
    pub id: String,
    pub claims: Vec<String>,
}

/// The verified state: articles (with the SHA-256 of each source file), their claims, how
/// they align, the rule set they were checked with, and the findings known (those the
/// articles gave when the baseline was made, and those accepted since).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub schema: String,
    pub tool: Tool,
    pub rules: RuleSetInfo,
    pub articles: Vec<ArticleMeta>,
    pub claims: Vec<ClaimRecord>,
    pub groups: Vec<BaselineGroup>,
    /// Known findings, one entry each, in the order of their fingerprints. Absent from
    /// baselines written before findings were recorded: every finding is then new.
    #[serde(default)]
    pub findings: Vec<KnownFinding>,
}

impl Baseline {
    /// The state of `corpus` (aligned with `rules`), with the findings it gives: those a
    /// check of the same articles against it finds, so that such a check finds nothing new.
    pub fn from_corpus(corpus: &Corpus, rules: &RuleSet, options: &RunOptions) -> Baseline {
        let findings = round_trip_findings(corpus, rules, options);
        let (_, alignment) = crate::pipeline::align_corpus(corpus, &options.align);
        let mut articles = corpus.articles.clone();
        for a in &mut articles {
            a.reference = false;
        }
        let mut claims = corpus.claims.clone();
        for c in &mut claims {
            c.reference = false;
        }
        Baseline {
            schema: BASELINE_SCHEMA.to_string(),
            tool: Tool::current(),
            rules: RuleSetInfo::of(rules),
            articles,
            claims,
            // Numbered as a report numbers its groups.
            groups: alignment
                .groups
                .iter()
                .enumerate()
                .map(|(i, g)| BaselineGroup {
                    id: crate::report::model::group_id(i),
                    claims: corpus.claim_ids(&g.members),
                })
                .collect(),
            findings,
        }
    }

    /// The fingerprints of the known findings.
    pub fn known(&self) -> std::collections::HashSet<&str> {
        self.findings
            .iter()
            .map(|f| f.fingerprint.as_str())
            .collect()
    }

    /// Add findings to the known ones (accepting them), keeping one entry per fingerprint in
    /// fingerprint order.
    pub fn accept(&mut self, findings: impl IntoIterator<Item = KnownFinding>) {
        self.findings.extend(findings);
        self.findings
            .sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
        self.findings
            .dedup_by(|a, b| a.fingerprint == b.fingerprint);
    }

    /// The article of the baseline whose source file has these bytes (by SHA-256).
    pub fn same_file(&self, sha256: &str) -> Option<&ArticleMeta> {
        self.articles.iter().find(|a| a.sha256 == sha256)
    }

    /// As written to disk: pretty JSON, one finding per entry, a final newline.
    pub fn to_json(&self) -> String {
        let mut s =
            serde_json::to_string_pretty(self).expect("the baseline model always serialises");
        s.push('\n');
        s
    }

    /// Parse a baseline file, refusing anything that is not a whole, consistent baseline.
    pub fn parse(path: &str, text: &str) -> Result<Baseline> {
        // A byte order mark (editors on Windows add one) is no part of the JSON; it is no
        // column either, so positions stay those of the file.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let b: Baseline = serde_json::from_str(text).map_err(|e| {
            let what = if e.is_eof() {
                "truncated"
            } else {
                "not a valid claimdiff baseline"
            };
            Error::at(
                path,
                Position {
                    line: e.line(),
                    column: e.column(),
                },
                format!(
                    "{what}: {}; recreate it with `claimdiff baseline`",
                    // serde_json ends with " at line L column C", which the prefix gives.
                    crate::error::one_line(&e.to_string())
                        .split(" at line ")
                        .next()
                        .unwrap_or_default()
                ),
            )
        })?;
        if b.schema != BASELINE_SCHEMA {
            return Err(Error::input(
                path,
                format!("schema {:?} is not {BASELINE_SCHEMA}", b.schema),
            ));
        }
        let ids: std::collections::HashSet<&str> =
            b.articles.iter().map(|a| a.id.as_str()).collect();
        let claim_ids: std::collections::HashSet<&str> =
            b.claims.iter().map(|c| c.id.as_str()).collect();
        if let Some(c) = b.claims.iter().find(|c| !ids.contains(c.article.as_str())) {
            return Err(Error::input(
                path,
                format!(
                    "claim {} names article {}, which the baseline does not have",
                    c.id, c.article
                ),
            ));
        }
        if let Some(g) = b
            .groups
            .iter()
            .find(|g| g.claims.iter().any(|c| !claim_ids.contains(c.as_str())))
        {
            return Err(Error::input(
                path,
                format!("group {} names a claim the baseline does not have", g.id),
            ));
        }
        if let Some(problem) = b.inconsistency() {
            return Err(Error::input(
                path,
                format!("{problem}; recreate it with `claimdiff baseline`"),
            ));
        }
        Ok(b)
    }

    /// What makes the baseline impossible, which serde cannot see: ids given twice, empty
    /// groups, dates that do not exist, claims outside their file or at line or column 0.
    fn inconsistency(&self) -> Option<String> {
        fn twice<'a>(mut ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
            let mut seen = std::collections::HashSet::new();
            ids.find(|id| !seen.insert(*id))
        }
        if let Some(id) = twice(self.articles.iter().map(|a| a.id.as_str())) {
            return Some(format!("article id {id} is given twice"));
        }
        if let Some(id) = twice(self.claims.iter().map(|c| c.id.as_str())) {
            return Some(format!("claim id {id} is given twice"));
        }
        if let Some(id) = twice(self.groups.iter().map(|g| g.id.as_str())) {
            return Some(format!("group id {id} is given twice"));
        }
        if let Some(g) = self.groups.iter().find(|g| g.claims.is_empty()) {
            return Some(format!("group {} has no claims", g.id));
        }
        for a in &self.articles {
            if let Some(d) = a
                .date
                .as_deref()
                .filter(|d| crate::extract::dates::PartialDate::parse_iso(d).is_none())
            {
                return Some(format!(
                    "article {} has date {d:?}, which is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
                    a.id
                ));
            }
        }
        let bytes: std::collections::HashMap<&str, usize> = self
            .articles
            .iter()
            .map(|a| (a.id.as_str(), a.bytes))
            .collect();
        for c in &self.claims {
            let size = bytes.get(c.article.as_str()).copied().unwrap_or(0);
            let problem = if c.start > c.end {
                format!("starts at byte {} after its end at {}", c.start, c.end)
            } else if c.end > size {
                format!(
                    "ends at byte {}, past the end of its file ({size} bytes)",
                    c.end
                )
            } else if c.line == 0 || c.column == 0 {
                format!(
                    "has line {}, column {} (both count from 1)",
                    c.line, c.column
                )
            } else {
                continue;
            };
            return Some(format!("claim {} {problem}", c.id));
        }
        None
    }

    /// The baseline as reference articles and claims, renamed `r1`, `r2`… so they never
    /// collide with the new articles' ids: only the articles `keep` says (in their order),
    /// whose claims alone have their features extracted.
    pub fn into_reference(self, rules: &RuleSet, keep: &[bool]) -> Corpus {
        let mut corpus = Corpus {
            articles: self.articles,
            claims: self.claims,
            features: Vec::new(),
        };
        renumber(&mut corpus, "r", true);
        let kept: std::collections::HashSet<String> = corpus
            .articles
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(a, _)| a.id.clone())
            .collect();
        let articles = corpus
            .articles
            .into_iter()
            .filter(|a| kept.contains(&a.id))
            .collect();
        let claims = corpus
            .claims
            .into_iter()
            .filter(|c| kept.contains(&c.article))
            .collect();
        Corpus::from_claims(articles, claims, rules)
    }
}

/// Give articles the ids `{prefix}1`, `{prefix}2`… and claims `{article}.c1`…, in order.
fn renumber(corpus: &mut Corpus, prefix: &str, reference: bool) {
    let mut map = std::collections::HashMap::new();
    for (i, a) in corpus.articles.iter_mut().enumerate() {
        let id = format!("{prefix}{}", i + 1);
        map.insert(std::mem::replace(&mut a.id, id.clone()), id);
        a.reference = reference;
    }
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for c in &mut corpus.claims {
        let article = map[&c.article].clone();
        let n = counts.entry(article.clone()).or_default();
        *n += 1;
        c.id = format!("{article}.c{n}");
        c.article = article;
        c.reference = reference;
    }
}

/// Does `text` look like a baseline (rather than an article)?
pub fn looks_like_baseline(text: &str) -> bool {
    crate::ingest::claimdiff_schema(text) == Some(BASELINE_SCHEMA)
}

/// Which reference articles a check keeps (one flag per reference, in order). With
/// `versions`, or when every new article has a reference of the same outlet, only the
/// references of the new articles' outlets: each new article is then a new version of its
/// earlier one. (With `versions` and no reference of those outlets, every reference is an
/// earlier version.) Decided from the articles alone, before any claim's features are
/// extracted.
pub fn references_to_keep<'a>(
    reference: impl Iterator<Item = &'a ArticleMeta> + Clone,
    new: &[ArticleMeta],
    versions: bool,
) -> Vec<bool> {
    let of_new_outlets: Vec<bool> = reference
        .clone()
        .map(|r| new.iter().any(|n| r.is_outlet(&n.outlet)))
        .collect();
    let every_new_has_one = new
        .iter()
        .all(|n| reference.clone().any(|r| r.is_outlet(&n.outlet)));
    let narrow = (versions && of_new_outlets.contains(&true)) || every_new_has_one;
    of_new_outlets.iter().map(|&o| !narrow || o).collect()
}

/// Join reference and new claims into one corpus.
pub fn check_corpus(reference: Corpus, new: Corpus) -> Corpus {
    Corpus {
        articles: reference.articles.into_iter().chain(new.articles).collect(),
        claims: reference.claims.into_iter().chain(new.claims).collect(),
        features: reference.features.into_iter().chain(new.features).collect(),
    }
}

/// The state after a check: the references the new articles do not replace, and the new
/// articles. A new article replaces the reference of its outlet.
pub fn updated_state(corpus: &Corpus) -> Corpus {
    let new: Vec<&ArticleMeta> = corpus.articles.iter().filter(|a| !a.reference).collect();
    let dropped: std::collections::HashSet<String> = corpus
        .articles
        .iter()
        .filter(|a| a.reference && new.iter().any(|n| a.is_outlet(&n.outlet)))
        .map(|a| a.id.clone())
        .collect();
    let mut out = Corpus::default();
    for a in &corpus.articles {
        if !dropped.contains(&a.id) {
            out.articles.push(a.clone());
        }
    }
    for (c, f) in corpus.claims.iter().zip(&corpus.features) {
        if !dropped.contains(&c.article) {
            out.claims.push(c.clone());
            out.features.push(f.clone());
        }
    }
    renumber(&mut out, "a", false);
    out
}

/// A warning when the rule set changed since the baseline was saved.
pub fn rules_changed(baseline: &RuleSetInfo, rules: &RuleSet) -> Option<String> {
    (baseline.sha256 != rules.sha256).then(|| {
        format!(
            "the rule set changed since the baseline was saved (baseline: {} {}, now: {} {}); findings may differ for that reason",
            baseline.name,
            &baseline.sha256[..baseline.sha256.len().min(12)],
            rules.name,
            &rules.sha256[..12]
        )
    })
}

/// The findings a check of `corpus` against itself gives: new claims against every other
/// outlet's version of the same claim (their own versions are identical).
fn round_trip_findings(
    corpus: &Corpus,
    rules: &RuleSet,
    options: &RunOptions,
) -> Vec<KnownFinding> {
    let mut reference = corpus.clone();
    renumber(&mut reference, "r", true);
    let mut new = corpus.clone();
    renumber(&mut new, "a", false);
    let report = crate::pipeline::run(
        &check_corpus(reference, new),
        rules,
        crate::pipeline::Mode::Check,
        options,
    );
    let mut out: Vec<KnownFinding> = report
        .findings
        .iter()
        .map(|f| known_finding(&report, f))
        .collect();
    out.sort_by(|a, b| a.fingerprint.cmp(&b.fingerprint));
    out.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    out
}

/// Evidence keys that are no words of the claims: ids, labels, scores, the diff ops (their
/// words are in `removed` and `added`), reasons, and the speaker as one side writes it.
const NOT_WORDS: &[&str] = &[
    "diff",
    "outlet",
    "carried_by",
    "missing_from",
    "claims",
    "equivalence",
    "similarity",
    "reasons",
    "speaker_text",
    "headline",
    "correction",
    "compatible",
];

/// The side of a pair an evidence key speaks of: `left…` and `removed` the first claim,
/// `right…` and `added` the second; others both.
fn side_of_key(key: &str) -> Option<usize> {
    if key.starts_with("left") || key == "removed" {
        Some(0)
    } else if key.starts_with("right") || key == "added" {
        Some(1)
    } else {
        None
    }
}

/// Collect the normalised words of an evidence value into its side (or `shared`). A value
/// that is one of the finding's claim ids marks that side with the key (`@hedged`).
fn evidence_words(
    key: &str,
    value: &serde_json::Value,
    side: Option<usize>,
    ids: &[&str],
    out: &mut ([Vec<String>; 2], Vec<String>),
) {
    use serde_json::Value;
    if NOT_WORDS.contains(&key) {
        return;
    }
    let side = side.or_else(|| side_of_key(key));
    match value {
        Value::String(text) => {
            if let Some(i) = ids.iter().position(|id| id == text) {
                out.0[i.min(1)].push(format!("@{key}"));
                return;
            }
            let words = crate::normalize::words(text)
                .into_iter()
                .map(|w| crate::normalize::fold(&text[w.start..w.end]));
            match side {
                Some(i) => out.0[i].extend(words),
                None => out.1.extend(words),
            }
        }
        // `reversed: [a's words, b's words]`: each element its side.
        Value::Array(items) if key == "reversed" && items.len() == 2 => {
            for (i, item) in items.iter().enumerate() {
                evidence_words(key, item, Some(i), ids, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                evidence_words(key, item, side, ids, out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                evidence_words(k, v, side, ids, out);
            }
        }
        _ => {}
    }
}

/// A finding of a `check` report as a baseline records it, with its stable fingerprint: the
/// rule, the kind, the outlets and the normalised words it is about (not ids, line numbers
/// or message counts). Two outlets' claims give the same fingerprint whichever is the
/// reference; two versions of one outlet's claim are kept in order, the earlier first, so
/// that a change undone is a change.
pub fn known_finding(report: &Report, f: &FindingRecord) -> KnownFinding {
    let claim = |id: &str| report.claims.iter().find(|c| c.id == id);
    let article = |c: &ClaimRecord| report.articles.iter().find(|a| a.id == c.article);
    let ids: Vec<&str> = f.claims.iter().map(String::as_str).collect();
    let mut words = ([Vec::new(), Vec::new()], Vec::new());
    if let Some(map) = f.evidence.as_object() {
        for (k, v) in map {
            evidence_words(k, v, None, &ids, &mut words);
        }
    }
    let (mut sides, mut shared) = words;
    // A finding about one claim (an omission, an addition): its words are the claim's side.
    if ids.len() < 2 {
        let [first, second] = &mut sides;
        first.append(second);
    }
    for w in sides.iter_mut().chain(std::iter::once(&mut shared)) {
        w.sort();
        w.dedup();
    }
    let mut sided: Vec<(String, bool, Vec<String>, String)> = ids
        .iter()
        .take(2)
        .zip(sides)
        .map(|(id, w)| {
            let c = claim(id);
            let a = c.and_then(article);
            (
                a.map_or_else(String::new, |a| crate::normalize::fold(&a.outlet)),
                a.is_some_and(|a| a.reference),
                w,
                c.map_or_else(String::new, |c| text_hash(&c.text)),
            )
        })
        .collect();
    if sided.len() == 2 {
        if sided[0].0 == sided[1].0 {
            // Versions: the earlier (the reference) first.
            if sided[1].1 && !sided[0].1 {
                sided.swap(0, 1);
            }
        } else if (&sided[1].0, &sided[1].2) < (&sided[0].0, &sided[0].2) {
            sided.swap(0, 1);
        }
    }
    let mut material = format!("{}\u{1f}{}", f.rule, f.kind);
    let mut shown = Vec::new();
    for (outlet, _, w, _) in &sided {
        material.push_str(&format!("\u{1f}{outlet}\u{1e}{}", w.join(" ")));
        shown.push(format!("{outlet}: {}", w.join(" ")));
    }
    material.push_str(&format!("\u{1f}\u{1e}{}", shared.join(" ")));
    if !shared.is_empty() {
        shown.push(format!("both: {}", shared.join(" ")));
    }
    KnownFinding {
        fingerprint: crate::input::sha256_hex(material.as_bytes())[..16].to_string(),
        rule: f.rule.clone(),
        kind: f.kind,
        severity: f.severity,
        outlets: sided.iter().map(|s| s.0.clone()).collect(),
        words: shown,
        claims: sided.into_iter().map(|s| s.3).collect(),
        message: f.message.clone(),
        locations: f.locations.clone(),
    }
}

/// Mark which version each claim of a check's findings is (`new`, or the reference and its
/// date), and, on two versions of one outlet, which claim is the earlier.
pub fn mark_versions(report: &mut Report) {
    let notes: Vec<(Vec<String>, Option<String>)> = report
        .findings
        .iter()
        .map(|f| {
            let claims: Vec<&ClaimRecord> = f
                .claims
                .iter()
                .filter_map(|id| report.claims.iter().find(|c| &c.id == id))
                .collect();
            let versions = claims.iter().filter_map(|c| report.version_of(c)).collect();
            let outlet = |c: &ClaimRecord| {
                report
                    .articles
                    .iter()
                    .find(|a| a.id == c.article)
                    .map(|a| crate::normalize::fold(&a.outlet))
            };
            let earlier = match claims.as_slice() {
                [x, y] if outlet(x) == outlet(y) && x.reference != y.reference => {
                    Some(if x.reference { &x.id } else { &y.id }.clone())
                }
                _ => None,
            };
            (versions, earlier)
        })
        .collect();
    for (f, (versions, earlier)) in report.findings.iter_mut().zip(notes) {
        f.versions = versions;
        f.earlier = earlier;
    }
}

/// Sort a check's findings against the baseline: known ones are dropped (kept and marked
/// with `show_known`), new ones marked; the baseline's findings this run could have found
/// again (all their outlets checked, one of them changed) and did not are resolved.
/// Findings are numbered again and counted.
pub fn triage(
    report: &mut Report,
    baseline: &Baseline,
    path: &str,
    unchanged: Vec<String>,
    show_known: bool,
) {
    let known = baseline.known();
    let fingerprints: Vec<KnownFinding> = report
        .findings
        .iter()
        .map(|f| known_finding(report, f))
        .collect();
    let found: std::collections::HashSet<&str> = fingerprints
        .iter()
        .map(|k| k.fingerprint.as_str())
        .collect();
    let resolved: Vec<KnownFinding> = baseline
        .findings
        .iter()
        .filter(|k| could_find_again(report, k) && !found.contains(k.fingerprint.as_str()))
        .cloned()
        .collect();
    let mut known_count = 0;
    let findings = std::mem::take(&mut report.findings);
    for (mut f, k) in findings.into_iter().zip(&fingerprints) {
        let is_known = known.contains(k.fingerprint.as_str());
        known_count += usize::from(is_known);
        f.fingerprint = Some(k.fingerprint.clone());
        f.status = Some(if is_known {
            FindingStatus::Known
        } else {
            FindingStatus::New
        });
        if !is_known || show_known {
            report.findings.push(f);
        }
    }
    for (i, f) in report.findings.iter_mut().enumerate() {
        f.id = format!("f{}", i + 1);
    }
    report.baseline = Some(BaselineStatus {
        path: path.to_string(),
        unchanged,
        known: known_count,
        resolved,
    });
    crate::pipeline::count_findings(report);
}

/// A claim's text as a known finding records it.
fn text_hash(text: &str) -> String {
    crate::input::sha256_hex(text.as_bytes())[..16].to_string()
}

/// Could this run have found a known finding again: every outlet it is about is in the run,
/// and one of them has a new (changed) article, where the claim the finding was about is no
/// longer word for word (a claim that did not change keeps its findings, even when this run
/// aligned it otherwise)?
fn could_find_again(report: &Report, k: &KnownFinding) -> bool {
    let fold = |a: &ArticleMeta| crate::normalize::fold(&a.outlet);
    let in_run = |outlet: &str, new: bool| {
        report
            .articles
            .iter()
            .any(|a| fold(a) == outlet && (!new || !a.reference))
    };
    let still_there = |outlet: &str, hash: &str| {
        report.claims.iter().any(|c| {
            report
                .articles
                .iter()
                .any(|a| a.id == c.article && !a.reference && fold(a) == outlet)
                && text_hash(&c.text) == hash
        })
    };
    let changed = |i: usize| {
        let o = &k.outlets[i];
        in_run(o, true) && k.claims.get(i).is_none_or(|h| !still_there(o, h))
    };
    !k.outlets.is_empty()
        && k.outlets.iter().all(|o| in_run(o, false))
        && (0..k.outlets.len()).any(changed)
}

/// The baseline after `--update-baseline`: the references the new articles do not replace,
/// the new articles, their findings (what a check of that state against itself finds), and
/// the known findings this run could not have found again (about articles not checked).
pub fn updated_baseline(
    old: &Baseline,
    new: Corpus,
    report: &Report,
    rules: &RuleSet,
    options: &RunOptions,
) -> Baseline {
    let all = vec![true; old.articles.len()];
    let reference = old.clone().into_reference(rules, &all);
    let state = updated_state(&check_corpus(reference, new));
    let mut b = Baseline::from_corpus(&state, rules, options);
    b.accept(
        old.findings
            .iter()
            .filter(|k| !could_find_again(report, k))
            .cloned(),
    );
    b
}

/// Accept some of a check's new findings into the baseline, by fingerprint (or a unique
/// prefix of one), without changing its articles: a reviewed false alarm is not reported
/// again, the others are until fixed. An id that names no new finding of the run is an error.
pub fn accept_findings(baseline: &mut Baseline, report: &Report, ids: &[String]) -> Result<usize> {
    let new: Vec<KnownFinding> = report
        .findings
        .iter()
        .filter(|f| !f.is_known())
        .map(|f| known_finding(report, f))
        .collect();
    let mut chosen = Vec::new();
    for id in ids {
        let id = id.trim();
        let matches: Vec<&KnownFinding> = new
            .iter()
            .filter(|k| !id.is_empty() && k.fingerprint.starts_with(id))
            .collect();
        match matches.as_slice() {
            [one] => chosen.push((*one).clone()),
            [] => {
                return Err(Error::Usage(format!(
                    "--accept {id}: no new finding of this check has that fingerprint; new findings: {}",
                    if new.is_empty() {
                        "none".to_string()
                    } else {
                        new.iter().map(|k| k.fingerprint.as_str()).collect::<Vec<_>>().join(", ")
                    }
                )))
            }
            _ => {
                return Err(Error::Usage(format!(
                    "--accept {id}: several findings start so; give more of the fingerprint"
                )))
            }
        }
    }
    let n = chosen.len();
    baseline.accept(chosen);
    Ok(n)
}
