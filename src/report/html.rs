//! The report as one self-contained HTML page: outlets side by side, one row per group of
//! aligned claims, differences marked, findings as badges, a coverage heat map, and filters.
//!
//! Everything is inline (CSS, a little JS) and a Content-Security-Policy forbids any fetch,
//! so the page can be mailed or archived as evidence and opened offline. Element ids,
//! classes and `data-*` attributes are stable: browser tests and user scripts select on them.

use std::collections::BTreeMap;

use super::model::{ClaimRecord, FindingRecord, Report};
use super::view::{marked_ops, natural_cmp, plural, severity_keys, why, View, SEVERITIES};
use crate::diff::Shown;

use crate::rules::{Kind, Severity};

/// The report as one HTML page; `explain` adds why each group's claims were aligned. The same
/// report always gives the same bytes.
pub fn render_html(report: &Report, explain: bool) -> String {
    let view = View::new(report);
    let title = view.title();
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        esc(&title)
    ));
    header(&mut out, &view, &title);
    // What was compared and what the outlets agree and diverge on come first, then the
    // filters and the claims.
    summary(&mut out, &view);
    filters(&mut out, &view);
    heatmap(&mut out, &view);
    aligned(&mut out, &view);
    single_outlet(&mut out, &view);
    if explain {
        out.push_str("<section id=\"why\">\n<h2>Why these claims were aligned</h2>\n<ul>\n");
        for g in view.shared_groups() {
            for p in &g.pairs {
                out.push_str(&format!(
                    "<li><b>{}</b> {}</li>\n",
                    esc(&g.id),
                    esc(&why(p))
                ));
            }
        }
        out.push_str("</ul>\n</section>\n");
    }
    let other = view.unplaced_findings();
    if !other.is_empty() {
        out.push_str("<section id=\"other-findings\">\n<h2>Other findings</h2>\n");
        out.push_str("<p>These findings name no claim of the report.</p>\n");
        for f in other {
            finding(&mut out, &view, f);
        }
        out.push_str("</section>\n");
    }
    if let Some(b) = &report.baseline {
        out.push_str(&format!(
            "<section id=\"baseline\">\n<h2>Against the baseline {}</h2>\n<ul>\n",
            esc(&b.path)
        ));
        for line in b.lines() {
            out.push_str(&format!("<li>{}</li>\n", esc(&line)));
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str(&format!("<script>{JS}</script>\n</body>\n</html>\n"));
    out
}

fn header(out: &mut String, view: &View, title: &str) {
    let r = view.report;
    out.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p id=\"scope\">{}</p>\n",
        esc(title),
        esc(&view.scope())
    ));
    if let Some(w) = view.date_warning() {
        out.push_str(&format!(
            "<p id=\"date-warning\" class=\"warning\" role=\"note\"><b>Warning:</b> {}</p>\n",
            esc(&w)
        ));
    }
    out.push_str("<p class=\"meta\">");
    if let Some(date) = &r.run_date {
        out.push_str(&format!(
            "Run <time id=\"run-date\">{}</time> · ",
            esc(date)
        ));
    }
    let sha: String = r.rules.sha256.chars().take(12).collect();
    out.push_str(&format!(
        "<span id=\"tool\">{} {}</span> · rule set <code id=\"rule-set\">{}</code> \
         <span class=\"sha\" title=\"sha256 of the effective rule set\">{}</span> · {}",
        esc(&r.tool.name),
        esc(&r.tool.version),
        esc(&r.rules.name),
        esc(&sha),
        esc(&r.command)
    ));
    out.push_str("</p>\n</header>\n");
}

fn filters(out: &mut String, view: &View) {
    let mut severities: BTreeMap<Severity, usize> = SEVERITIES.iter().map(|&s| (s, 0)).collect();
    let mut kinds: BTreeMap<Kind, usize> = BTreeMap::new();
    for f in &view.report.findings {
        *severities.entry(f.severity).or_default() += 1;
        *kinds.entry(f.kind).or_default() += 1;
    }
    out.push_str("<form id=\"filters\" class=\"filters\">\n<fieldset id=\"filter-severity\"><legend>Severity</legend>");
    for s in SEVERITIES {
        checkbox(
            out,
            "severity",
            s.as_str(),
            &format!("{s} ({})", severities[&s]),
        );
    }
    out.push_str("</fieldset>\n<fieldset id=\"filter-kind\"><legend>Kind</legend>");
    for (k, n) in &kinds {
        checkbox(out, "kind", k.as_str(), &format!("{k} ({n})"));
    }
    out.push_str("</fieldset>\n<fieldset id=\"filter-rows\"><legend>Rows</legend>");
    checkbox(out, "rows", "clean", "without findings");
    out.push_str("</fieldset>\n<p id=\"filter-status\" aria-live=\"polite\"></p>\n</form>\n");
}

fn checkbox(out: &mut String, name: &str, value: &str, label: &str) {
    out.push_str(&format!(
        "<label><input type=\"checkbox\" name=\"{}\" value=\"{}\" checked> {}</label>",
        esc(name),
        esc(value),
        esc(label)
    ));
}

fn summary(out: &mut String, view: &View) {
    let r = view.report;
    let s = &r.summary;
    out.push_str("<section id=\"summary\">\n<h2>Summary</h2>\n");
    out.push_str(&format!(
        "<p>{} across {}, {} and {}; {} carried by one outlet only.</p>\n",
        plural(s.findings, "finding"),
        plural(s.articles, "article"),
        plural(s.claims, "claim"),
        plural(s.groups, "group"),
        plural(s.single_source_claims, "claim"),
    ));
    overview(out, view);
    out.push_str("<div class=\"tables\">\n<table id=\"sources\" class=\"stack\">\n<thead><tr><th>Article</th><th>Outlet</th><th>Date</th>");
    out.push_str(
        "<th>Title</th><th>Path</th><th>Language</th><th>Claims</th></tr></thead>\n<tbody>\n",
    );
    for a in &r.articles {
        let reference = if a.reference {
            " <span class=\"ref-mark\">reference</span>"
        } else {
            ""
        };
        out.push_str(&format!(
            "<tr data-article=\"{}\"><td data-label=\"Article\">{}</td><td data-label=\"Outlet\">{}{reference}</td>\
             <td data-label=\"Date\">{}</td><td data-label=\"Title\">{}</td>\
             <td class=\"loc\" data-label=\"Path\">{}</td><td data-label=\"Language\">{}</td>\
             <td class=\"num\" data-label=\"Claims\">{}</td></tr>\n",
            esc(&a.id),
            esc(&a.id),
            esc(&view.label(&a.id)),
            esc(a.date.as_deref().unwrap_or("")),
            esc(a.title.as_deref().unwrap_or("")),
            esc(&a.path),
            esc(a.lang.as_str()),
            view.claim_count(&a.id)
        ));
    }
    out.push_str("</tbody>\n</table>\n");
    let by_severity: Vec<(&str, usize)> = severity_keys(&s.by_severity)
        .into_iter()
        .map(|k| (k, s.by_severity[k]))
        .collect();
    let by_kind: Vec<(&str, usize)> = s.by_kind.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    let by_outlet: Vec<(&str, usize)> = s.by_outlet.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    for (id, name, counts) in [
        ("by-severity", "Severity", by_severity),
        ("by-kind", "Kind", by_kind),
        ("by-outlet", "Outlet", by_outlet),
    ] {
        out.push_str(&format!(
            "<table id=\"{id}\" class=\"counts\">\n<thead><tr><th>{name}</th><th>Findings</th></tr></thead>\n<tbody>\n"
        ));
        for (key, n) in counts {
            out.push_str(&format!(
                "<tr><td>{}</td><td class=\"num\">{n}</td></tr>\n",
                esc(key)
            ));
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</div>\n</section>\n");
}

/// What the outlets agree on, where they diverge, and what one outlet alone says.
fn overview(out: &mut String, view: &View) {
    let o = view.overview();
    out.push_str("<div id=\"overview\">\n");
    if !o.agree.is_empty() {
        out.push_str("<h3>What the outlets agree on</h3>\n<ul id=\"agree\">\n");
        for a in &o.agree {
            out.push_str(&format!(
                "<li><a href=\"#group-{}\">{}</a> · {}: {}</li>\n",
                esc(&a.group.id),
                esc(&a.group.id),
                esc(&a.outlets),
                esc(&a.gist)
            ));
        }
        out.push_str("</ul>\n");
    }
    if !o.diverge.is_empty() {
        out.push_str("<h3>Where they diverge</h3>\n<ul id=\"diverge\">\n");
        for d in &o.diverge {
            let f = d.finding;
            out.push_str(&format!(
                "<li><a href=\"#group-{}\">{}</a> · {}: <span class=\"badge\" data-severity=\"{}\">{}</span> {}: <span class=\"message\">{}</span></li>\n",
                esc(&d.group.id),
                esc(&d.group.id),
                esc(&d.outlets),
                f.severity,
                f.severity,
                f.kind,
                esc(&f.message)
            ));
        }
        out.push_str("</ul>\n");
    }
    if !o.alone.is_empty() {
        out.push_str("<h3>What one outlet alone says</h3>\n<ul id=\"alone\">\n");
        for l in &o.alone {
            out.push_str(&format!(
                "<li><a href=\"#only-{}\">{}</a>: {}</li>\n",
                esc(l.article),
                esc(&l.label),
                plural(l.claims, "claim")
            ));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</div>\n");
}

/// The claims one outlet alone carries, folded per outlet: a reader opens the outlet they
/// are checking instead of scrolling past rows of empty cells.
fn single_outlet(out: &mut String, view: &View) {
    let claims = view.single_source();
    if claims.is_empty() {
        return;
    }
    out.push_str("<section id=\"single\">\n<h2>Claims carried by one outlet only</h2>\n");
    for a in &view.report.articles {
        let mine: Vec<&ClaimRecord> = claims
            .iter()
            .copied()
            .filter(|c| c.article == a.id)
            .collect();
        if mine.is_empty() {
            continue;
        }
        let with_findings = mine
            .iter()
            .filter(|c| !view.claim_findings(&c.id).is_empty())
            .count();
        let note = match with_findings {
            0 => String::new(),
            n => format!(", {n} with findings"),
        };
        out.push_str(&format!(
            "<details class=\"single-outlet\" id=\"only-{}\" data-article=\"{}\" lang=\"{}\">\
             <summary>{} alone: {}{note}</summary>\n",
            esc(&a.id),
            esc(&a.id),
            esc(a.lang.as_str()),
            esc(&view.label(&a.id)),
            plural(mine.len(), "claim")
        ));
        for c in mine {
            let findings = view.claim_findings(&c.id);
            out.push_str(&format!(
                "<div class=\"single\" data-claim=\"{}\" data-finding-ids=\"{}\">",
                esc(&c.id),
                esc(&finding_ids(findings))
            ));
            claim(out, view, c, &esc(c.text.trim()), false, findings);
            for f in findings {
                finding(out, view, f);
            }
            out.push_str("</div>\n");
        }
        out.push_str("</details>\n");
    }
    out.push_str("</section>\n");
}

/// One row per group, one column per article; a cell's colour is the most severe finding
/// about that article's claims in the group, its number how many there are.
fn heatmap(out: &mut String, view: &View) {
    out.push_str("<section id=\"coverage\">\n<h2>Coverage</h2>\n");
    if view.groups().is_empty() {
        out.push_str("<p>No claims were aligned.</p>\n</section>\n");
        return;
    }
    out.push_str("<div class=\"scroll\"><table id=\"heatmap\" class=\"heatmap\">\n<thead><tr><th class=\"gcol\">Group</th><th class=\"label-col\">Label</th>");
    for a in &view.report.articles {
        out.push_str(&format!(
            "<th data-article=\"{}\">{}</th>",
            esc(&a.id),
            esc(&view.label(&a.id))
        ));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for g in view.groups() {
        let mut ids: Vec<&str> = view
            .findings_about(&g.id)
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        ids.sort_by(|a, b| natural_cmp(a, b));
        let name = if view.is_shared(g) {
            format!("<a href=\"#group-{}\">{}</a>", esc(&g.id), esc(&g.id))
        } else {
            esc(&g.id)
        };
        out.push_str(&format!(
            "<tr class=\"heat-row\" data-group=\"{}\" data-finding-ids=\"{}\"><th scope=\"row\">{name}</th><td class=\"label-col\">{}</td>",
            esc(&g.id),
            esc(&ids.join(" ")),
            esc(&g.label)
        ));
        let carried = view.group_articles(g);
        for a in &view.report.articles {
            let label = view.label(&a.id);
            if !carried.contains(&a.id.as_str()) {
                out.push_str(&format!(
                    "<td class=\"heat absent\" data-article=\"{}\" title=\"{}\"></td>",
                    esc(&a.id),
                    esc(&format!("{label} does not carry {}", g.id))
                ));
                continue;
            }
            let findings = view.cell_findings(g, &a.id);
            let n = findings.len();
            match findings.iter().map(|f| f.severity).max() {
                None => out.push_str(&format!(
                    "<td class=\"heat clean\" data-article=\"{}\" data-count=\"0\" title=\"{}\">✓</td>",
                    esc(&a.id),
                    esc(&format!("{label} carries {}; no findings", g.id))
                )),
                Some(worst) => out.push_str(&format!(
                    "<td class=\"heat\" data-article=\"{}\" data-count=\"{n}\" data-severity=\"{worst}\" title=\"{}\">{n}</td>",
                    esc(&a.id),
                    esc(&format!("{label} in {}: {n} finding(s), most severe {worst}", g.id)),
                )),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
}

/// Outlets side by side, one compact column each, one row per group two or more outlets
/// carry (the most widely carried first), each followed by a row with its findings. On a
/// phone, each row becomes a card listing the outlets that carry it.
fn aligned(out: &mut String, view: &View) {
    let articles = &view.report.articles;
    out.push_str("<section id=\"claims\">\n<h2>Claims side by side</h2>\n");
    if view.shared_groups().next().is_none() {
        out.push_str("<p>No claim is carried by two outlets.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<p class=\"legend\">Against each group's reference claim: <ins>added</ins> <del>removed</del>; \
         a claim that shares little wording with the reference is shown whole, the words it shares \
         <mark>marked</mark>.</p>\n",
    );
    out.push_str("<table id=\"aligned\" class=\"aligned stack\">\n<colgroup><col class=\"gcol\">");
    for _ in articles {
        out.push_str("<col>");
    }
    out.push_str("</colgroup>\n<thead><tr><th>Group</th>");
    for a in articles {
        out.push_str(&format!(
            "<th data-article=\"{}\">{}<br><small>{} · {}</small></th>",
            esc(&a.id),
            esc(&view.label(&a.id)),
            esc(a.date.as_deref().unwrap_or("no date")),
            esc(a.lang.as_str())
        ));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let span = articles.len() + 1;
    for g in view.shared_groups() {
        let findings = view.group_findings(&g.id);
        let ids = finding_ids(findings);
        out.push_str(&format!(
            "<tr class=\"group\" id=\"group-{}\" data-group=\"{}\" data-finding-ids=\"{}\"><th scope=\"row\">\
             <span class=\"gid\">{}</span> <span class=\"label\">{}</span></th>",
            esc(&g.id),
            esc(&g.id),
            esc(&ids),
            esc(&g.id),
            esc(&g.label)
        ));
        for a in articles {
            let claims = view.claims_in(g, &a.id);
            if claims.is_empty() {
                out.push_str(&format!(
                    "<td class=\"absent\" data-article=\"{}\"></td>",
                    esc(&a.id)
                ));
                continue;
            }
            out.push_str(&format!(
                "<td class=\"cell\" data-article=\"{}\" data-label=\"{}\" lang=\"{}\">",
                esc(&a.id),
                esc(&view.label(&a.id)),
                esc(a.lang.as_str())
            ));
            for c in claims {
                let wording = match view.shown(g, &c.id) {
                    Some(Shown::Diff(ops)) => marked_ops(&ops, esc),
                    Some(Shown::Apart { new, .. }) => {
                        let mut s = String::new();
                        for p in &new {
                            if p.shared {
                                s.push_str(&format!("<mark>{}</mark>", esc(&p.text)));
                            } else {
                                s.push_str(&esc(&p.text));
                            }
                        }
                        format!(
                            "{}<span class=\"apart-note\">shares little wording with the reference; shared words marked</span>",
                            s.trim()
                        )
                    }
                    None => esc(c.text.trim()),
                };
                let mine: Vec<&FindingRecord> = findings
                    .iter()
                    .copied()
                    .filter(|f| f.claims.contains(&c.id))
                    .collect();
                claim(out, view, c, &wording, c.id == g.reference_claim, &mine);
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
        findings_row(out, view, "group", &g.id, findings, span);
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// `wording` is already HTML. `findings` are the ones naming this claim: they become links to
/// the explanation in the findings row below.
fn claim(
    out: &mut String,
    view: &View,
    c: &ClaimRecord,
    wording: &str,
    reference: bool,
    findings: &[&FindingRecord],
) {
    let class = if reference {
        "claim reference"
    } else {
        "claim"
    };
    out.push_str(&format!(
        "<div class=\"{class}\" data-claim=\"{}\"><p class=\"text\">{wording}</p><p class=\"where\">\
         <span class=\"loc\">{}</span> · {}",
        esc(&c.id),
        esc(&view.location(c)),
        esc(&c.id)
    ));
    if reference {
        out.push_str(" · <span class=\"ref-mark\">reference</span>");
    }
    out.push_str("</p>");
    if !findings.is_empty() {
        out.push_str("<p class=\"refs\">");
        for f in findings {
            out.push_str(&format!(
                "<a class=\"finding-ref badge\" href=\"#finding-{}\" data-severity=\"{}\" data-kind=\"{}\" title=\"{}\">{} {}</a> ",
                esc(&f.id),
                f.severity,
                f.kind,
                esc(&f.message),
                f.severity,
                f.kind
            ));
        }
        out.push_str("</p>");
    }
    out.push_str("</div>");
}

fn findings_row(
    out: &mut String,
    view: &View,
    key: &str,
    id: &str,
    findings: &[&FindingRecord],
    span: usize,
) {
    if findings.is_empty() {
        return;
    }
    out.push_str(&format!(
        "<tr class=\"findings-row\" data-{key}=\"{}\" data-finding-ids=\"{}\"><td colspan=\"{span}\">",
        esc(id),
        esc(&finding_ids(findings))
    ));
    for f in findings {
        finding(out, view, f);
    }
    out.push_str("</td></tr>\n");
}

fn finding_ids(findings: &[&FindingRecord]) -> String {
    findings
        .iter()
        .map(|f| f.id.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn finding(out: &mut String, view: &View, f: &FindingRecord) {
    out.push_str(&format!(
        "<div class=\"finding\" id=\"finding-{}\" data-finding=\"{}\" data-severity=\"{}\" data-kind=\"{}\" data-rule=\"{}\">\
         <span class=\"badge\" data-severity=\"{}\">{}</span> <span class=\"kind\">{}</span> \
         <span class=\"message\">{}</span> <code class=\"rule\">{}</code> <span class=\"fid\">{}</span>",
        esc(&f.id),
        esc(&f.id),
        f.severity,
        f.kind,
        esc(&f.rule),
        f.severity,
        f.severity,
        f.kind,
        esc(&f.message),
        esc(&f.rule),
        esc(&f.shown_id())
    ));
    out.push_str("<details><summary>Evidence</summary>");
    let evidence = view.evidence(f);
    if !evidence.is_empty() {
        out.push_str("<ul class=\"evidence\">");
        for e in evidence {
            out.push_str(&format!("<li>{}</li>", esc(&e)));
        }
        out.push_str("</ul>");
    }
    out.push_str("<ul class=\"claims\">");
    for (id, at) in view.finding_claims(f) {
        out.push_str("<li>");
        if let Some(at) = at {
            out.push_str(&format!("<span class=\"loc\">{}</span> ", esc(&at)));
        }
        out.push_str(&esc(id));
        if let Some(c) = view.claim(id) {
            out.push_str(&format!(" ({})", esc(&view.label(&c.article))));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></details></div>\n");
}

/// Text safe in element content and in double- or single-quoted attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root { --high: #b91c1c; --medium: #b45309; --low: #1d4ed8; --info: #4b5563;
  --high-bg: #fecaca; --medium-bg: #fde68a; --low-bg: #bfdbfe; --info-bg: #e5e7eb; }
[hidden] { display: none !important; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; padding: 0 1.5rem 3rem; color: #111827; overflow-wrap: break-word; }
.loc, .aligned td, .single, .finding { overflow-wrap: anywhere; }
h1 { font-size: 1.5rem; margin: 1rem 0 .2rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .6rem; border-bottom: 1px solid #e5e7eb; padding-bottom: .2rem; }
h3 { font-size: 1rem; margin: 1rem 0 .3rem; }
#scope { margin: .2rem 0; font-size: 1.05rem; }
.warning { background: #fef3c7; border-left: 4px solid var(--medium); padding: .4rem .7rem; margin: .5rem 0; }
.meta, .legend { color: #4b5563; margin: 0; }
.sha, .loc, .where { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .8rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d1d5db; padding: .35rem .5rem; vertical-align: top; text-align: left; }
thead th { background: #f3f4f6; }
td.num { text-align: right; }
.scroll { overflow-x: auto; }
#overview ul { margin: .2rem 0 .6rem; padding-left: 1.2rem; }
.tables { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; margin-top: 1rem; }
#sources { max-width: 100%; }
#filters { position: sticky; top: 0; z-index: 2; background: #fff; display: flex; flex-wrap: wrap;
  gap: .4rem 1.5rem; align-items: center; padding: .6rem 0; border-bottom: 1px solid #e5e7eb; }
#filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem .8rem; }
#filters legend { float: left; font-weight: 600; margin-right: .3rem; }
#filter-status { margin: 0; color: #4b5563; }
.badge { display: inline-block; border-radius: .7rem; padding: 0 .5rem; font-size: .78rem; font-weight: 600;
  color: #fff; text-decoration: none; white-space: nowrap; }
.badge[data-severity=high] { background: var(--high); }
.badge[data-severity=medium] { background: var(--medium); }
.badge[data-severity=low] { background: var(--low); }
.badge[data-severity=info] { background: var(--info); }
.heatmap { table-layout: fixed; width: 100%; max-width: 80rem; }
.heatmap .gcol { width: 4rem; }
.heatmap .label-col { width: 16rem; }
.heatmap td.heat { text-align: center; font-weight: 600; }
.heat.absent { background: #f9fafb; }
.heat.clean { background: #ecfdf5; color: #047857; }
.heat[data-severity=high] { background: var(--high-bg); color: var(--high); }
.heat[data-severity=medium] { background: var(--medium-bg); color: var(--medium); }
.heat[data-severity=low] { background: var(--low-bg); color: var(--low); }
.heat[data-severity=info] { background: var(--info-bg); color: var(--info); }
.aligned { table-layout: fixed; width: 100%; }
.aligned col.gcol { width: 8rem; }
.aligned td.absent { background: #f9fafb; }
.gid { font-family: ui-monospace, monospace; color: #4b5563; }
.claim + .claim { border-top: 1px dashed #d1d5db; margin-top: .4rem; padding-top: .4rem; }
.claim.reference { border-left: 3px solid #9ca3af; padding-left: .5rem; }
.claim p { margin: 0; }
.where { color: #6b7280; margin-top: .2rem; }
.refs { margin-top: .25rem; }
.ref-mark { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: #6b7280; }
.apart-note { display: block; font-size: .78rem; color: #6b7280; font-style: italic; }
ins { background: #bbf7d0; text-decoration: none; }
del { background: #fecaca; color: #7f1d1d; }
mark { background: #fef08a; }
ins, del, mark { padding: 0 .12em; border-radius: 2px; }
.findings-row td { background: #fafafa; }
.finding { margin: .2rem 0; }
.finding:target { outline: 2px solid #2563eb; outline-offset: 2px; }
.finding .kind { font-weight: 600; }
.finding .rule, .finding .fid { color: #4b5563; font-size: .8rem; }
.finding details { margin: .15rem 0 .3rem 1rem; }
.evidence, .claims { margin: .2rem 0; padding-left: 1.2rem; }
details.single-outlet { border: 1px solid #e5e7eb; border-radius: 4px; margin: .4rem 0; padding: .3rem .6rem; }
details.single-outlet summary { cursor: pointer; font-weight: 600; }
.single { border-top: 1px solid #f3f4f6; padding: .4rem 0; }
@media (max-width: 760px) {
  body { padding: 0 .6rem 2rem; }
  #filters { position: static; }
  table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack th { display: block; width: 100%; }
  table.stack thead, table.stack colgroup { display: none; }
  table.stack tr { border: 1px solid #d1d5db; margin: .5rem 0; }
  table.stack td, table.stack th { border: 0; border-top: 1px solid #e5e7eb; }
  table.stack td[data-label]::before { content: attr(data-label); display: block; font-weight: 600; font-size: .8rem; color: #4b5563; }
  .aligned td.absent { display: none; }
  .findings-row td::before { content: none; }
  .heatmap .label-col, .heatmap .gcol { width: 2.8rem; }
  .heatmap .label-col { display: none; }
  .heatmap th, .heatmap td { padding: .25rem .2rem; font-size: .75rem; }
}
"#;

/// Filters: a finding shows when its severity and kind are both ticked; a row shows when one
/// of its findings does, or, having none, when "without findings" is ticked. `#hide=low,wording`
/// in the address unticks boxes on load, so a filtered view can be linked to.
const JS: &str = r#"
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var boxes = form.querySelectorAll("input[type=checkbox]");
  var hide = /(?:^#|&)hide=([^&]*)/.exec(location.hash);
  var hidden = hide ? decodeURIComponent(hide[1]).split(",") : [];
  function ticked(name) {
    var on = {};
    form.querySelectorAll('input[name="' + name + '"]').forEach(function (b) { on[b.value] = b.checked; });
    return on;
  }
  function apply() {
    var severity = ticked("severity"), kind = ticked("kind"), clean = ticked("rows").clean;
    var shown = 0, total = 0;
    document.querySelectorAll(".finding, .finding-ref").forEach(function (f) {
      var on = severity[f.dataset.severity] !== false && kind[f.dataset.kind] !== false;
      f.hidden = !on;
      if (f.classList.contains("finding")) { total += 1; if (on) { shown += 1; } }
    });
    document.querySelectorAll("[data-finding-ids]").forEach(function (row) {
      var ids = row.dataset.findingIds.split(" ").filter(Boolean);
      row.hidden = ids.length === 0 ? !clean : !ids.some(function (id) {
        var f = document.getElementById("finding-" + id);
        return f !== null && !f.hidden;
      });
    });
    document.getElementById("filter-status").textContent = "Showing " + shown + " of " + total + " findings";
  }
  boxes.forEach(function (b) {
    if (hidden.indexOf(b.value) >= 0) { b.checked = false; }
    b.addEventListener("change", apply);
  });
  apply();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample_report;

    fn count(haystack: &str, needle: &str) -> usize {
        haystack.matches(needle).count()
    }

    #[test]
    fn page_is_self_contained() {
        let html = render_html(&sample_report(), false);
        assert!(html.starts_with("<!DOCTYPE html>\n"));
        assert!(html.ends_with("</html>\n"));
        assert!(html.contains("default-src 'none'"));
        for external in ["src=", "<link", "http://", "https://", "@import", "url("] {
            assert!(
                !html.contains(external),
                "page refers to something outside it: {external}"
            );
        }
    }

    #[test]
    fn untrusted_text_is_escaped() {
        let html = render_html(&sample_report(), false);
        assert_eq!(count(&html, "<script>"), 1, "only the page's own script");
        assert!(html.contains(
            "<td data-label=\"Title\">Poutine | Trump &lt;script&gt;alert(1)&lt;/script&gt;</td>"
        ));
        assert!(html.contains("&quot;a significant start&quot;"));
        assert_eq!(
            esc("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }

    #[test]
    fn groups_are_rows_with_one_column_per_article() {
        let html = render_html(&sample_report(), false);
        assert!(html.contains(
            "<tr class=\"group\" id=\"group-g1\" data-group=\"g1\" data-finding-ids=\"f1\">"
        ));
        assert!(html.contains(
            "<tr class=\"group\" id=\"group-g2\" data-group=\"g2\" data-finding-ids=\"f2 f5\">"
        ));
        // g3 is carried by afp alone: its claim is a single-source row, not a group row.
        assert!(!html.contains("id=\"group-g3\""));
        let g2 = &html[html.find("id=\"group-g2\"").unwrap()..];
        let g2 = &g2[..g2.find("</tr>").unwrap()];
        assert_eq!(count(g2, "<td class=\"cell\""), 2);
        assert_eq!(count(g2, "<td class=\"absent\" data-article=\"a3\">"), 1);
        assert!(g2.find("data-article=\"a1\"").unwrap() < g2.find("data-article=\"a2\"").unwrap());
    }

    #[test]
    fn single_source_claims_are_folded_per_outlet_after_the_groups() {
        let html = render_html(&sample_report(), false);
        let last_group = html.find("id=\"group-g2\"").unwrap();
        let afp = html
            .find("<details class=\"single-outlet\" id=\"only-a1\" data-article=\"a1\" lang=\"fr\"><summary>afp alone: 1 claim, 1 with findings</summary>")
            .unwrap();
        let a1c3 = html
            .find("<div class=\"single\" data-claim=\"a1.c3\" data-finding-ids=\"f3\">")
            .unwrap();
        let a3c2 = html
            .find("<div class=\"single\" data-claim=\"a3.c2\" data-finding-ids=\"f4\">")
            .unwrap();
        assert!(last_group < afp && afp < a1c3 && a1c3 < a3c2);
        assert!(!html.contains("id=\"only-a2\""));
        assert_eq!(count(&html, "<details class=\"single-outlet\" "), 2);
    }

    #[test]
    fn summary_and_sources_come_first() {
        let html = render_html(&sample_report(), false);
        let summary = html.find("<section id=\"summary\">").unwrap();
        assert!(summary < html.find("<table id=\"sources\"").unwrap());
        assert!(
            html.find("<table id=\"sources\"").unwrap()
                < html.find("<form id=\"filters\"").unwrap()
        );
        assert!(html.contains("<p id=\"scope\">3 articles by afp, rt and reuters, dated 2017-01-28 to 2017-01-29.</p>"));
        assert!(html.contains("<ul id=\"diverge\">\n<li><a href=\"#group-g1\">g1</a>"));
    }

    #[test]
    fn differences_are_marked() {
        let html = render_html(&sample_report(), false);
        assert!(html.contains(
            "un <ins>long</ins> entretien téléphonique <del>d&#39;une heure</del><ins>de 45 minutes</ins>."
        ));
        assert!(html.contains("« <del>positif et</del> constructif »."));
        assert!(html.contains("<div class=\"claim reference\" data-claim=\"a1.c1\">"));
    }

    #[test]
    fn findings_are_badges_with_explanation_and_evidence() {
        let html = render_html(&sample_report(), false);
        assert!(html.contains(
            "<div class=\"finding\" id=\"finding-f1\" data-finding=\"f1\" data-severity=\"high\" \
             data-kind=\"number\" data-rule=\"number-mismatch\"><span class=\"badge\" data-severity=\"high\">high</span>"
        ));
        let f1 = &html[html.find("id=\"finding-f1\"").unwrap()..];
        let f1 = &f1[..f1.find("</div>").unwrap()];
        assert!(f1.contains("<code class=\"rule\">number-mismatch</code>"));
        assert!(f1.contains(
            "<details><summary>Evidence</summary><ul class=\"evidence\"><li>found “45 minutes”</li>"
        ));
        assert!(
            f1.contains("<li><span class=\"loc\">events/2017-01/rt.md:7:1</span> a2.c1 (rt)</li>")
        );
        for id in ["f1", "f2", "f3", "f4", "f5"] {
            assert_eq!(
                count(&html, &format!("id=\"finding-{id}\"")),
                1,
                "{id} shown once"
            );
        }
        assert_eq!(
            count(&html, "class=\"finding-ref badge\" href=\"#finding-f1\""),
            2
        );
    }

    #[test]
    fn heatmap_colours_cells_by_worst_finding() {
        let html = render_html(&sample_report(), false);
        let map = &html
            [html.find("id=\"heatmap\"").unwrap()..html.find("<section id=\"claims\"").unwrap()];
        assert!(map.contains(
            "<tr class=\"heat-row\" data-group=\"g1\" data-finding-ids=\"f1\"><th scope=\"row\"><a href=\"#group-g1\">g1</a></th>"
        ));
        assert!(map.contains(
            "<td class=\"heat\" data-article=\"a2\" data-count=\"1\" data-severity=\"high\""
        ));
        assert!(map.contains("<td class=\"heat clean\" data-article=\"a3\" data-count=\"0\""));
        assert!(map.contains(
            "<td class=\"heat\" data-article=\"a1\" data-count=\"2\" data-severity=\"medium\""
        ));
        assert!(map.contains("<tr class=\"heat-row\" data-group=\"g3\" data-finding-ids=\"f3\"><th scope=\"row\">g3</th>"));
        assert!(map.contains(
            "<td class=\"heat\" data-article=\"a1\" data-count=\"1\" data-severity=\"low\""
        ));
        assert_eq!(count(map, "class=\"heat absent\""), 3);
        let rows: Vec<usize> = ["\"g1\"", "\"g2\"", "\"g3\""]
            .iter()
            .map(|g| map.find(g).unwrap())
            .collect();
        assert!(rows.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn filters_offer_every_severity_and_the_kinds_present() {
        let html = render_html(&sample_report(), false);
        let form = &html[html.find("<form id=\"filters\"").unwrap()..html.find("</form>").unwrap()];
        for s in ["high (1)", "medium (1)", "low (2)", "info (1)"] {
            assert!(form.contains(s), "{s}");
        }
        let kinds: Vec<&str> = form
            .match_indices("name=\"kind\" value=\"")
            .map(|(i, m)| &form[i + m.len()..])
            .map(|r| &r[..r.find('"').unwrap()])
            .collect();
        assert_eq!(kinds, ["number", "quote", "omission", "addition"]);
        assert!(form.contains("name=\"rows\" value=\"clean\""));
    }

    #[test]
    fn output_is_deterministic() {
        let report = sample_report();
        let mut shuffled = report.clone();
        shuffled.groups.reverse();
        shuffled.findings.reverse();
        shuffled.claims.reverse();
        assert_eq!(render_html(&report, false), render_html(&shuffled, false));
    }
}
