//! What the Markdown and HTML renderers both need to lay a [`Report`] out: lookups, orderings,
//! and the one place each finding is shown. Nothing here adds a fact to the report; it only
//! arranges what the model already holds, so that both formats arrange it the same way.

use std::cmp::{Ordering, Reverse};
use std::collections::BTreeMap;

use super::model::{ClaimDiff, ClaimRecord, FindingRecord, GroupRecord, PairRecord, Report};
use crate::diff::{DiffOp, DiffTagKind};
use crate::ingest::ArticleMeta;
use crate::rules::Severity;
use chrono::NaiveDate;

/// Highest first: the order readers triage in.
pub(crate) const SEVERITIES: [Severity; 4] = [
    Severity::High,
    Severity::Medium,
    Severity::Low,
    Severity::Info,
];

pub(crate) struct View<'a> {
    pub report: &'a Report,
    /// Article id → its position in `report.articles`, which is the order the user gave.
    position: BTreeMap<&'a str, usize>,
    claims: BTreeMap<&'a str, &'a ClaimRecord>,
    labels: BTreeMap<&'a str, String>,
    /// Claim id → the first group, in report order, that holds it with another article's claim.
    shared_group_of: BTreeMap<&'a str, &'a str>,
    groups: Vec<&'a GroupRecord>,
    single_source: Vec<&'a ClaimRecord>,
    by_group: BTreeMap<&'a str, Vec<&'a FindingRecord>>,
    by_claim: BTreeMap<&'a str, Vec<&'a FindingRecord>>,
    unplaced: Vec<&'a FindingRecord>,
    /// Group id → the findings that name it (`finding.group`), in report order.
    about: BTreeMap<&'a str, Vec<&'a FindingRecord>>,
    /// Group id → the distinct articles carrying it, in the user's order.
    articles_of: BTreeMap<&'a str, Vec<&'a str>>,
    /// Article id → how many of its claims the report holds.
    claim_counts: BTreeMap<&'a str, usize>,
}

impl<'a> View<'a> {
    pub fn new(report: &'a Report) -> View<'a> {
        let position: BTreeMap<&str, usize> = report
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let claims: BTreeMap<&str, &ClaimRecord> =
            report.claims.iter().map(|c| (c.id.as_str(), c)).collect();

        // Two versions of one dispatch share an outlet; the article id tells their columns apart.
        let labels = report
            .articles
            .iter()
            .map(|a| a.id.as_str())
            .zip(crate::ingest::article_labels(&report.articles))
            .collect();

        let mut view = View {
            report,
            position,
            claims,
            labels,
            shared_group_of: BTreeMap::new(),
            groups: Vec::new(),
            single_source: Vec::new(),
            by_group: BTreeMap::new(),
            by_claim: BTreeMap::new(),
            unplaced: Vec::new(),
            about: BTreeMap::new(),
            articles_of: BTreeMap::new(),
            claim_counts: BTreeMap::new(),
        };
        // Renderers ask these per group, per cell and per article: computed once here, as the
        // reports of big archives hold tens of thousands of groups and findings.
        for f in &report.findings {
            if let Some(g) = f.group.as_deref() {
                view.about.entry(g).or_default().push(f);
            }
        }
        for c in &report.claims {
            *view.claim_counts.entry(c.article.as_str()).or_default() += 1;
        }
        for g in &report.groups {
            let mut ids: Vec<&str> = g
                .claims
                .iter()
                .filter_map(|c| view.claims.get(c.as_str()))
                .map(|c| c.article.as_str())
                .collect();
            ids.sort_by_key(|a| (view.article_position(a), *a));
            ids.dedup();
            view.articles_of.insert(g.id.as_str(), ids);
        }

        let mut groups: Vec<&GroupRecord> = report.groups.iter().collect();
        groups.sort_by(|a, b| {
            Reverse(view.group_articles(a).len())
                .cmp(&Reverse(view.group_articles(b).len()))
                .then_with(|| natural_cmp(&a.id, &b.id))
        });
        for g in &report.groups {
            if view.is_shared(g) {
                for c in &g.claims {
                    view.shared_group_of
                        .entry(c.as_str())
                        .or_insert(g.id.as_str());
                }
            }
        }
        view.groups = groups;

        let mut single: Vec<&ClaimRecord> = report
            .claims
            .iter()
            .filter(|c| !c.unchanged && !view.shared_group_of.contains_key(c.id.as_str()))
            .collect();
        single.sort_by(|a, b| view.claim_order(a, b));
        view.single_source = single;

        let group_claims: BTreeMap<&str, &GroupRecord> =
            report.groups.iter().map(|g| (g.id.as_str(), g)).collect();
        for f in &report.findings {
            let group = f
                .group
                .as_deref()
                .and_then(|id| group_claims.get(id).copied());
            match view.home(f, group) {
                Home::Group(g) => view.by_group.entry(g).or_default().push(f),
                Home::Claim(c) => view.by_claim.entry(c).or_default().push(f),
                Home::Unplaced => view.unplaced.push(f),
            }
        }
        for list in view.by_group.values_mut().chain(view.by_claim.values_mut()) {
            list.sort_by(|a, b| finding_cmp(a, b));
        }
        view.unplaced.sort_by(|a, b| finding_cmp(a, b));
        view
    }

    /// Where a finding is shown: with the shared group it is about, else beside the lone
    /// claim it names (omissions and additions), else in a section of its own.
    fn home(&self, f: &'a FindingRecord, group: Option<&'a GroupRecord>) -> Home<'a> {
        if let Some(g) = group.filter(|g| self.is_shared(g)) {
            return Home::Group(g.id.as_str());
        }
        let named = f
            .claims
            .iter()
            .chain(group.into_iter().flat_map(|g| &g.claims));
        for id in named {
            if let Some(claim) = self.claims.get(id.as_str()) {
                return match self.shared_group_of.get(id.as_str()) {
                    Some(g) => Home::Group(g),
                    None => Home::Claim(claim.id.as_str()),
                };
            }
        }
        Home::Unplaced
    }

    fn claim_order(&self, a: &ClaimRecord, b: &ClaimRecord) -> Ordering {
        self.article_position(&a.article)
            .cmp(&self.article_position(&b.article))
            .then(a.start.cmp(&b.start))
            .then_with(|| natural_cmp(&a.id, &b.id))
    }

    /// Articles missing from `report.articles` sort last rather than vanish.
    fn article_position(&self, article: &str) -> usize {
        self.position.get(article).copied().unwrap_or(usize::MAX)
    }

    pub fn article(&self, id: &str) -> Option<&'a ArticleMeta> {
        self.position.get(id).map(|&i| &self.report.articles[i])
    }

    /// The outlet, with the article id when several articles share the outlet.
    pub fn label(&self, article: &str) -> String {
        self.labels
            .get(article)
            .cloned()
            .unwrap_or_else(|| article.to_string())
    }

    pub fn claim(&self, id: &str) -> Option<&'a ClaimRecord> {
        self.claims.get(id).copied()
    }

    /// `path:line:column`, what an editor or a terminal jumps to.
    /// In `check`, followed by which version the claim is (`(new)`, `(baseline, 2017-01-28)`).
    pub fn location(&self, claim: &ClaimRecord) -> String {
        let path = self
            .article(&claim.article)
            .map_or(claim.article.as_str(), |a| a.path.as_str());
        match self.report.version_of(claim) {
            Some(v) => format!("{path}:{}:{} ({v})", claim.line, claim.column),
            None => format!("{path}:{}:{}", claim.line, claim.column),
        }
    }

    /// How many claims of the article the report holds.
    pub fn claim_count(&self, article: &str) -> usize {
        self.claim_counts.get(article).copied().unwrap_or(0)
    }

    /// The distinct articles carrying the group, in the user's order.
    pub fn group_articles(&self, group: &GroupRecord) -> &[&'a str] {
        self.articles_of
            .get(group.id.as_str())
            .map_or(&[], Vec::as_slice)
    }

    /// The report's title: the one given (`--title`), else what was compared. A title that
    /// is one article's headline was taken from it by default (reports read back from JSON
    /// included), and one article's headline does not name a comparison of several.
    pub fn title(&self) -> String {
        let report = self.report;
        let given = report.title.as_deref().filter(|t| {
            !report
                .articles
                .iter()
                .any(|a| a.title.as_deref() == Some(*t))
        });
        match given {
            Some(t) => t.to_string(),
            None => {
                let outlets = self.outlets();
                if outlets.len() == 1 {
                    format!(
                        "{}: {} versions compared",
                        outlets[0],
                        report.articles.len()
                    )
                } else if outlets.len() <= MAX_OUTLETS_NAMED {
                    format!("{} compared", and_list(&outlets))
                } else {
                    format!("{} outlets compared", outlets.len())
                }
            }
        }
    }

    /// The distinct outlets, as they write their names, in the user's order.
    pub fn outlets(&self) -> Vec<String> {
        let ids = crate::ingest::outlet_ids(&self.report.articles);
        let mut seen = Vec::new();
        let mut out = Vec::new();
        for (a, id) in self.report.articles.iter().zip(ids) {
            if !seen.contains(&id) {
                seen.push(id);
                out.push(a.outlet.clone());
            }
        }
        out
    }

    /// The first and last day the articles are dated, and how many have no date.
    fn date_span(&self) -> (Option<(NaiveDate, NaiveDate)>, usize) {
        let mut span: Option<(NaiveDate, NaiveDate)> = None;
        let mut undated = 0;
        for a in &self.report.articles {
            match a.partial_date().and_then(|d| d.day_range()) {
                Some((first, last)) => {
                    span = Some(match span {
                        None => (first, last),
                        Some((f, l)) => (f.min(first), l.max(last)),
                    })
                }
                None => undated += 1,
            }
        }
        (span, undated)
    }

    /// What was compared, in one sentence: "5 articles by RT France, Sputnik and APS, dated
    /// 2016-11-15 to 2017-05-03."
    pub fn scope(&self) -> String {
        let r = self.report;
        let outlets = self.outlets();
        let dates: Vec<&str> = r
            .articles
            .iter()
            .filter_map(|a| a.date.as_deref())
            .collect();
        let first = dates.iter().min();
        let last = dates.iter().max();
        let (_, undated) = self.date_span();
        let when = match (first, last) {
            (Some(f), Some(l)) if f == l => format!(", dated {f}"),
            (Some(f), Some(l)) => format!(", dated {f} to {l}"),
            _ => String::new(),
        };
        let undated = match undated {
            0 => String::new(),
            n if n == r.articles.len() => ", undated".to_string(),
            n => format!(" ({n} undated)"),
        };
        let articles = plural(r.articles.len(), "article");
        let by = if r.command == "check" {
            let new = r.articles.iter().filter(|a| !a.reference).count();
            format!(" ({new} new, {} reference)", r.articles.len() - new)
        } else {
            String::new()
        };
        format!("{articles}{by} by {}{when}{undated}.", and_list(&outlets))
    }

    /// A warning when the articles are dated further apart than one event lasts: they may
    /// report different events, and their claims align only where dates agree.
    pub fn date_warning(&self) -> Option<String> {
        let (span, _) = self.date_span();
        let (first, last) = span?;
        // The gap between the article dated earliest and the one dated latest.
        let mut earliest_end: Option<NaiveDate> = None;
        let mut latest_start: Option<NaiveDate> = None;
        for a in &self.report.articles {
            if let Some((s, e)) = a.partial_date().and_then(|d| d.day_range()) {
                earliest_end = Some(earliest_end.map_or(e, |x| x.min(e)));
                latest_start = Some(latest_start.map_or(s, |x| x.max(s)));
            }
        }
        let gap = (latest_start? - earliest_end?).num_days();
        (gap > crate::align::group::EVENT_DAYS).then(|| {
            format!(
                "The articles are {gap} days apart ({first} to {last}), more than the {} \
                 days one event is taken to last: they may report different events. Check \
                 each group's dates before reading a difference as a divergence.",
                crate::align::group::EVENT_DAYS
            )
        })
    }

    /// The overview a reader starts with: what the outlets agree on (shared groups with no
    /// finding above `info`), where they diverge (each other shared group with its most
    /// severe finding) and how many claims each outlet alone carries. Plain text: each
    /// renderer escapes and marks it up.
    pub fn overview(&self) -> Overview<'a> {
        let mut agree = Vec::new();
        let mut diverge = Vec::new();
        for g in self.shared_groups() {
            let findings = self.group_findings(&g.id);
            match findings.first() {
                Some(f) if f.severity > Severity::Info => diverge.push(Divergence {
                    group: g,
                    outlets: self.outlets_of(g),
                    finding: f,
                }),
                _ => agree.push(Agreement {
                    group: g,
                    outlets: self.outlets_of(g),
                    gist: self.gist(g),
                    notes: findings.len(),
                }),
            }
        }
        let alone = self
            .report
            .articles
            .iter()
            .map(|a| {
                let n = self
                    .single_source
                    .iter()
                    .filter(|c| c.article == a.id)
                    .count();
                LoneClaims {
                    article: a.id.as_str(),
                    label: self.label(&a.id),
                    claims: n,
                }
            })
            .filter(|l| l.claims > 0)
            .collect();
        Overview {
            agree,
            diverge,
            alone,
        }
    }

    /// The outlets that carry a group, as a reader names them: "AFP, RT and Reuters".
    pub fn outlets_of(&self, group: &GroupRecord) -> String {
        let names: Vec<String> = self
            .group_articles(group)
            .iter()
            .map(|a| self.label(a))
            .collect();
        and_list(&names)
    }

    /// What a group says: its reference claim, shortened.
    fn gist(&self, group: &GroupRecord) -> String {
        self.claim(&group.reference_claim)
            .map(|c| shortened(c.text.trim(), SUMMARY_CLAIM_CHARS))
            .unwrap_or_default()
    }

    /// A finding's evidence as phrases a reader can check: "sources “le Kremlin”",
    /// "attributed RT France (a1.c5)", "similarity 0.263". Lists longer than a few items are
    /// cut; word diffs are left to the group's diff, which shows them whole.
    pub fn evidence(&self, finding: &FindingRecord) -> Vec<String> {
        use serde_json::Value;
        let entries: Vec<(Option<&str>, &Value)> = match &finding.evidence {
            Value::Null => Vec::new(),
            Value::Object(map) => map.iter().map(|(k, v)| (Some(k.as_str()), v)).collect(),
            other => vec![(None, other)],
        };
        let mut out = Vec::new();
        for (key, value) in entries {
            let shown = match value {
                Value::Array(items) if items.iter().all(Value::is_object) => {
                    let parts: Vec<String> = items.iter().filter_map(|i| self.reason(i)).collect();
                    if parts.is_empty() {
                        continue;
                    }
                    parts.join(", ")
                }
                Value::Array(items) => {
                    let mut parts: Vec<String> = items
                        .iter()
                        .take(EVIDENCE_ITEMS)
                        .map(|i| self.scalar(i))
                        .collect();
                    if items.len() > EVIDENCE_ITEMS {
                        parts.push(format!("{} more", items.len() - EVIDENCE_ITEMS));
                    }
                    and_list(&parts)
                }
                Value::Object(_) => continue,
                other => self.scalar(other),
            };
            out.push(match key {
                Some(k) => format!("{} {shown}", k.replace('_', " ")),
                None => shown,
            });
        }
        out
    }

    /// A value as words: strings quoted, claim ids as their outlet, numbers as written.
    fn scalar(&self, value: &serde_json::Value) -> String {
        use serde_json::Value;
        match value {
            Value::String(s) => match self.claim(s) {
                Some(c) => format!("{} ({})", self.label(&c.article), c.id),
                None if self.article(s).is_some() => format!("{} ({s})", self.label(s)),
                None => format!("“{}”", one_line(s).trim()),
            },
            Value::Number(n) => match n.as_f64() {
                Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{}", x as i64),
                _ => n.to_string(),
            },
            Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
            Value::Null => "none".to_string(),
            other => other.to_string(),
        }
    }

    /// One measure of a model's reasons (`{"feature": "word_order", "value": 0.278, …}`) as
    /// "word order 0.278"; other objects are not evidence a reader reads.
    fn reason(&self, item: &serde_json::Value) -> Option<String> {
        let feature = item.get("feature")?.as_str()?;
        let value = item
            .get("value")
            .map(|v| self.scalar(v))
            .unwrap_or_default();
        Some(
            format!("{} {value}", feature.replace('_', " "))
                .trim()
                .to_string(),
        )
    }

    /// How to show `claim` of `group`: a readable diff against the reference, the two side by
    /// side when they share little, or plain (the reference, or no diff in the report).
    pub fn shown(&self, group: &'a GroupRecord, claim: &str) -> Option<crate::diff::Shown> {
        self.diff(group, claim).map(|d| crate::diff::shown(&d.ops))
    }

    /// The findings that name the group, in report order.
    pub fn findings_about(&self, group: &str) -> &[&'a FindingRecord] {
        self.about.get(group).map_or(&[], Vec::as_slice)
    }

    /// A group only one article carries says nothing about agreement: it is single-source.
    pub fn is_shared(&self, group: &GroupRecord) -> bool {
        self.group_articles(group).len() >= 2
    }

    /// Every group, the most widely carried first.
    pub fn groups(&self) -> &[&'a GroupRecord] {
        &self.groups
    }

    pub fn shared_groups(&self) -> impl Iterator<Item = &'a GroupRecord> + '_ {
        self.groups.iter().copied().filter(|g| self.is_shared(g))
    }

    /// The group's claims: the reference first, then in the user's order of articles.
    pub fn group_claims(&self, group: &GroupRecord) -> Vec<&'a ClaimRecord> {
        let mut claims: Vec<&ClaimRecord> = group
            .claims
            .iter()
            .filter_map(|c| self.claims.get(c.as_str()).copied())
            .collect();
        claims.sort_by(|a, b| {
            (b.id == group.reference_claim)
                .cmp(&(a.id == group.reference_claim))
                .then_with(|| self.claim_order(a, b))
        });
        claims
    }

    /// The group's claims from one article, in reading order.
    pub fn claims_in(&self, group: &GroupRecord, article: &str) -> Vec<&'a ClaimRecord> {
        let mut claims: Vec<&ClaimRecord> = group
            .claims
            .iter()
            .filter_map(|c| self.claims.get(c.as_str()).copied())
            .filter(|c| c.article == article)
            .collect();
        claims.sort_by(|a, b| self.claim_order(a, b));
        claims
    }

    /// Claims no other article carries, in the user's order of articles, then reading order.
    pub fn single_source(&self) -> &[&'a ClaimRecord] {
        &self.single_source
    }

    /// Findings shown with a shared group, most severe first.
    pub fn group_findings(&self, group: &str) -> &[&'a FindingRecord] {
        self.by_group.get(group).map_or(&[], Vec::as_slice)
    }

    /// Findings shown beside a single-source claim, most severe first.
    pub fn claim_findings(&self, claim: &str) -> &[&'a FindingRecord] {
        self.by_claim.get(claim).map_or(&[], Vec::as_slice)
    }

    /// Findings that name no claim the report holds.
    pub fn unplaced_findings(&self) -> &[&'a FindingRecord] {
        &self.unplaced
    }

    /// The findings about a group that name a claim of the article: one heat-map cell.
    pub fn cell_findings(&self, group: &GroupRecord, article: &str) -> Vec<&'a FindingRecord> {
        self.findings_about(&group.id)
            .iter()
            .copied()
            .filter(|f| {
                f.claims.iter().any(|c| {
                    self.claims
                        .get(c.as_str())
                        .is_some_and(|c| c.article == article)
                })
            })
            .collect()
    }

    /// The finding's claims, each with its `path:line:column` as the report gives it.
    pub fn finding_claims(&self, finding: &'a FindingRecord) -> Vec<(&'a str, Option<String>)> {
        let mut located = finding.located().into_iter();
        finding
            .claims
            .iter()
            .map(|c| (c.as_str(), located.next()))
            .collect()
    }

    pub fn diff(&self, group: &'a GroupRecord, claim: &str) -> Option<&'a ClaimDiff> {
        group
            .diffs
            .iter()
            .find(|d| d.claim == claim && d.against == group.reference_claim)
    }
}

/// What the report says first: see [`View::overview`].
pub(crate) struct Overview<'a> {
    pub agree: Vec<Agreement<'a>>,
    pub diverge: Vec<Divergence<'a>>,
    pub alone: Vec<LoneClaims<'a>>,
}

/// A shared group with no finding above `info`.
pub(crate) struct Agreement<'a> {
    pub group: &'a GroupRecord,
    /// The outlets that carry it: "AFP, RT and Reuters".
    pub outlets: String,
    /// Its reference claim, shortened.
    pub gist: String,
    /// Its findings, all `info`: differences of wording.
    pub notes: usize,
}

/// A shared group with a finding above `info`.
pub(crate) struct Divergence<'a> {
    pub group: &'a GroupRecord,
    pub outlets: String,
    /// Its most severe finding.
    pub finding: &'a FindingRecord,
}

/// An article that carries claims no other does.
pub(crate) struct LoneClaims<'a> {
    /// The article id.
    pub article: &'a str,
    /// How the article is named: [`View::label`].
    pub label: String,
    /// How many claims it alone carries.
    pub claims: usize,
}

/// Characters of a claim quoted in the overview.
const SUMMARY_CLAIM_CHARS: usize = 160;

/// Outlets named in a default title; more are counted.
const MAX_OUTLETS_NAMED: usize = 5;

/// Items of an evidence list shown before "N more".
const EVIDENCE_ITEMS: usize = 4;

/// `text` cut at a word boundary to at most `max` characters, with an ellipsis when cut.
pub(crate) fn shortened(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((cut, _)) => {
            let head = &text[..cut];
            let head = head.rfind(' ').map_or(head, |space| &head[..space]);
            format!("{} …", head.trim_end())
        }
    }
}

/// "a", "a and b", "a, b and c".
pub(crate) fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [head @ .., last] => format!("{} and {last}", head.join(", ")),
    }
}

/// "1 claim", "3 claims".
pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

enum Home<'a> {
    Group(&'a str),
    Claim(&'a str),
    Unplaced,
}

/// Most severe first, then by kind and rule so that like findings sit together.
fn finding_cmp(a: &FindingRecord, b: &FindingRecord) -> Ordering {
    b.severity
        .cmp(&a.severity)
        .then(a.kind.cmp(&b.kind))
        .then_with(|| a.rule.cmp(&b.rule))
        .then_with(|| natural_cmp(&a.id, &b.id))
}

/// Compares ids so that `g2` sorts before `g10` and `a1.c9` before `a1.c10`.
pub(crate) fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a, b);
    loop {
        match (x.chars().next(), y.chars().next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let xn = x.len() - x.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let yn = y.len() - y.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                let (xd, yd) = (
                    x[..xn].trim_start_matches('0'),
                    y[..yn].trim_start_matches('0'),
                );
                let ord = xd.len().cmp(&yd.len()).then_with(|| xd.cmp(yd));
                if ord != Ordering::Equal {
                    return ord;
                }
                x = &x[xn..];
                y = &y[yn..];
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x = &x[c.len_utf8()..];
                y = &y[d.len_utf8()..];
            }
        }
    }
}

/// The keys of a count map, most severe first; names the tool does not know come last.
pub(crate) fn severity_keys(counts: &BTreeMap<String, usize>) -> Vec<&str> {
    let mut keys: Vec<&str> = counts.keys().map(String::as_str).collect();
    let rank = |k: &str| {
        SEVERITIES
            .iter()
            .position(|s| s.as_str() == k)
            .unwrap_or(SEVERITIES.len())
    };
    keys.sort_by_key(|k| (rank(k), *k));
    keys
}

/// Every run of whitespace (line breaks included) as one space, edges kept, so that text
/// from a wrapped source line stays on one line of output.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// Why a pair was aligned, in one line (`--explain`): "a1.c4 ~ a2.c2 = 0.51 (equivalence
/// 0.11): russes (2.89), détruire (2.89)…".
pub(crate) fn why(p: &PairRecord) -> String {
    let terms: Vec<String> = p
        .top_terms
        .iter()
        .map(|t| format!("{} ({:.2})", t.term, t.weight))
        .collect();
    let equivalence = p
        .equivalence
        .map(|e| format!(" (equivalence {e:.2})"))
        .unwrap_or_default();
    let context = match p.same_event_groups {
        Some(n) => format!(
            " (below the threshold; aligned because the two articles share {n} other groups)"
        ),
        None => String::new(),
    };
    let words: Vec<String> = p
        .semantic_words
        .iter()
        .map(|w| format!("{} ≈ {} ({:.2})", w.left, w.right, w.cosine))
        .collect();
    let meaning = match (p.semantic, words.is_empty()) {
        (Some(c), true) => format!(" (meaning: cosine {c:.2})"),
        (Some(c), false) => format!(" (meaning: cosine {c:.2}; {})", words.join(", ")),
        (None, _) => String::new(),
    };
    let clauses: String = p
        .clauses
        .iter()
        .map(|c| format!(" (on {}'s clause «{}»)", c.claim, one_line(&c.text)))
        .collect();
    format!(
        "{} ~ {} = {:.2}{equivalence}{meaning}: {}{context}{clauses}",
        p.claims[0],
        p.claims[1],
        p.score,
        terms.join(", ")
    )
}

/// The claim's words with `<ins>`/`<del>` around what differs from the reference, from ops
/// arranged for display ([`crate::diff::for_display`]); `escape` makes words safe for the
/// target format. Markdown and HTML share this markup because GitHub keeps both tags when it
/// sanitises Markdown.
pub(crate) fn marked_ops(ops: &[DiffOp], escape: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    for op in ops {
        let flat = one_line(&op.text);
        let (lead, core, trail) = split_spaces(&flat);
        match op.op {
            DiffTagKind::Equal => out.push_str(&escape(&flat)),
            // Spaces a deletion takes away are not in the claim: showing them would double
            // the space between the surrounding words.
            DiffTagKind::Delete if core.is_empty() => {}
            DiffTagKind::Insert if core.is_empty() => out.push_str(lead),
            DiffTagKind::Insert => {
                out.push_str(&format!("{lead}<ins>{}</ins>{trail}", escape(core)))
            }
            DiffTagKind::Delete => {
                out.push_str(&format!("{lead}<del>{}</del>{trail}", escape(core)))
            }
        }
    }
    out.trim().to_string()
}

/// Splits off leading and trailing whitespace, so that diff markup wraps words only and the
/// spaces between words stay outside it.
fn split_spaces(text: &str) -> (&str, &str, &str) {
    let core = text.trim();
    if core.is_empty() {
        return (text, "", "");
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    (lead, core, trail)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::report::model::Report;

    #[test]
    fn long_claims_are_cut_at_a_word() {
        assert_eq!(shortened("Le Kremlin a dit", 40), "Le Kremlin a dit");
        assert_eq!(shortened("Le Kremlin a dit", 12), "Le Kremlin …");
        // No space to cut at: cut inside the word, on a character boundary.
        assert_eq!(shortened("Élysée", 3), "Ély …");
    }

    /// Three outlets on the Putin–Trump call of 28 January 2017: a shared claim with a changed
    /// duration, a shared quote with a word dropped, a claim one outlet alone carries (with an
    /// omission finding), one in no group at all (with an addition finding), and an omission
    /// the way the pipeline reports it: the carriers' claims of a group one outlet lacks.
    pub(crate) fn sample_report() -> Report {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/reports/call-2017-01-28.json"
        );
        let raw = std::fs::read_to_string(path).unwrap();
        let mut report: Report = serde_json::from_str(&raw).unwrap();
        report.run_date = Some("2026-11-20".to_string());
        report
    }

    #[test]
    fn natural_order_of_ids() {
        let mut ids = vec!["g10", "g2", "a1.c10", "a1.c9", "g02", "g1", "f"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, ["a1.c9", "a1.c10", "f", "g1", "g02", "g2", "g10"]);
    }

    #[test]
    fn groups_sorted_by_coverage_then_id() {
        let report = sample_report();
        let view = View::new(&report);
        let ids: Vec<&str> = view.groups().iter().map(|g| g.id.as_str()).collect();
        assert_eq!(ids, ["g1", "g2", "g3"]);
        let shared: Vec<&str> = view.shared_groups().map(|g| g.id.as_str()).collect();
        assert_eq!(shared, ["g1", "g2"]);
    }

    #[test]
    fn every_finding_has_one_home() {
        let report = sample_report();
        let view = View::new(&report);
        let in_groups: Vec<&str> = ["g1", "g2"]
            .iter()
            .flat_map(|g| view.group_findings(g))
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(in_groups, ["f1", "f2", "f5"]);
        assert_eq!(view.claim_findings("a1.c3")[0].id, "f3");
        assert_eq!(view.claim_findings("a3.c2")[0].id, "f4");
        assert!(view.unplaced_findings().is_empty());
    }

    #[test]
    fn single_source_claims_include_lone_groups_and_ungrouped_claims() {
        let report = sample_report();
        let view = View::new(&report);
        let ids: Vec<&str> = view.single_source().iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["a1.c3", "a3.c2"]);
    }

    #[test]
    fn shared_outlets_are_told_apart_by_article() {
        let mut report = sample_report();
        report.articles[1].outlet = "afp".to_string();
        let view = View::new(&report);
        assert_eq!(view.label("a1"), "afp (a1)");
        assert_eq!(view.label("a2"), "afp (a2)");
        assert_eq!(view.label("a3"), "reuters");
    }

    #[test]
    fn evidence_reads_as_words() {
        let mut report = sample_report();
        report.findings[0].evidence = serde_json::json!({
            "found": "45 minutes",
            "values": [1, 2.5],
            "sources_text": ["réelle", "des", "a", "b", "c"],
            "attributed": "a2.c1",
            "diff": [{"op": "equal", "text": "une "}],
            "reasons": [{"contribution": -1.74, "feature": "word_order", "value": 0.278}],
            "nested": {"x": 1},
        });
        let view = View::new(&report);
        assert_eq!(
            view.evidence(&report.findings[0]),
            [
                "attributed rt (a2.c1)",
                "found “45 minutes”",
                "reasons word order 0.278",
                "sources text “réelle”, “des”, “a”, “b” and 1 more",
                "values 1 and 2.5",
            ]
        );
    }

    #[test]
    fn diff_markup_wraps_words_not_spaces() {
        let op = |op, text: &str| DiffOp {
            op,
            text: text.to_string(),
        };
        let ops = [
            op(DiffTagKind::Equal, "a "),
            op(DiffTagKind::Delete, "b\n"),
            op(DiffTagKind::Insert, " "),
            op(DiffTagKind::Delete, " "),
            op(DiffTagKind::Insert, "c <d> "),
            op(DiffTagKind::Equal, "e"),
        ];
        let escape = |s: &str| s.replace('<', "&lt;").replace('>', "&gt;");
        assert_eq!(
            marked_ops(&crate::diff::for_display(&ops), escape),
            "a <del>b</del>  <ins>c &lt;d&gt;</ins> e"
        );
    }

    #[test]
    fn spaces_stay_outside_markup() {
        assert_eq!(split_spaces(" de 45 minutes "), (" ", "de 45 minutes", " "));
        assert_eq!(split_spaces("  "), ("  ", "", ""));
        assert_eq!(one_line("a\n  b\tc "), "a b c ");
    }
}
