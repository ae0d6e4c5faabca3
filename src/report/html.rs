//! The report as one self-contained HTML page: outlets side by side, one row per group of
//! aligned claims, differences marked, findings as badges, a coverage heat map, and filters.
//!
//! Everything is inline (CSS, a little JS) and a Content-Security-Policy forbids any fetch,
//! so the page can be mailed or archived as evidence and opened offline. Element ids,
//! classes and `data-*` attributes are stable: browser tests and user scripts select on them.

use std::collections::BTreeMap;

use super::model::{ClaimRecord, FindingRecord, Report};
use super::view::{
    evidence_entries, marked_diff, natural_cmp, severity_keys, why, View, SEVERITIES,
};
use crate::rules::{Kind, Severity};

/// The report as one HTML page; `explain` adds why each group's claims were aligned. The same
/// report always gives the same bytes.
pub fn render_html(report: &Report, explain: bool) -> String {
    let view = View::new(report);
    let title = report.title.as_deref().unwrap_or("claimdiff report");
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        esc(title)
    ));
    header(&mut out, &view, title);
    filters(&mut out, &view);
    // What a reader acts on comes first; the inventory of sources and counts after it.
    heatmap(&mut out, &view);
    aligned(&mut out, &view);
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
    summary(&mut out, &view);
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
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">",
        esc(title)
    ));
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
        "<p>{} findings across {} articles, {} claims and {} groups; {} claims are carried by one outlet only.</p>\n",
        s.findings, s.articles, s.claims, s.groups, s.single_source_claims
    ));
    out.push_str("<div class=\"tables\">\n<table id=\"sources\">\n<thead><tr><th>Article</th><th>Outlet</th><th>Date</th>");
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
            "<tr data-article=\"{}\"><td>{}</td><td>{}{reference}</td><td>{}</td><td>{}</td>\
             <td class=\"loc\">{}</td><td>{}</td><td class=\"num\">{}</td></tr>\n",
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

/// One row per group, one column per article; a cell's colour is the most severe finding
/// about that article's claims in the group, its number how many there are.
fn heatmap(out: &mut String, view: &View) {
    out.push_str("<section id=\"coverage\">\n<h2>Coverage</h2>\n");
    if view.groups().is_empty() {
        out.push_str("<p>No claims were aligned.</p>\n</section>\n");
        return;
    }
    out.push_str("<div class=\"scroll\"><table id=\"heatmap\" class=\"heatmap\">\n<thead><tr><th>Group</th><th>Label</th>");
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
            "<tr class=\"heat-row\" data-group=\"{}\" data-finding-ids=\"{}\"><th scope=\"row\">{name}</th><td>{}</td>",
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

/// Outlets side by side: shared groups first (most widely carried first), then the claims
/// only one outlet carries, each followed by a row with its findings.
fn aligned(out: &mut String, view: &View) {
    let articles = &view.report.articles;
    out.push_str("<section id=\"claims\">\n<h2>Claims side by side</h2>\n");
    out.push_str("<p class=\"legend\">Against each group's reference claim: <ins>added</ins> <del>removed</del></p>\n");
    out.push_str(
        "<div class=\"scroll\"><table id=\"aligned\" class=\"aligned\">\n<thead><tr><th>Group</th>",
    );
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
                "<td class=\"cell\" data-article=\"{}\" lang=\"{}\">",
                esc(&a.id),
                esc(a.lang.as_str())
            ));
            for c in claims {
                let wording = match view.diff(g, &c.id) {
                    Some(diff) => marked_diff(&diff.ops, esc),
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
    for c in view.single_source() {
        let findings = view.claim_findings(&c.id);
        out.push_str(&format!(
            "<tr class=\"single\" data-claim=\"{}\" data-finding-ids=\"{}\"><th scope=\"row\">\
             <span class=\"label\">only {}</span></th>",
            esc(&c.id),
            esc(&finding_ids(findings)),
            esc(&view.label(&c.article))
        ));
        for a in articles {
            if a.id != c.article {
                out.push_str(&format!(
                    "<td class=\"absent\" data-article=\"{}\"></td>",
                    esc(&a.id)
                ));
                continue;
            }
            out.push_str(&format!(
                "<td class=\"cell\" data-article=\"{}\" lang=\"{}\">",
                esc(&a.id),
                esc(a.lang.as_str())
            ));
            claim(out, view, c, &esc(c.text.trim()), false, findings);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
        findings_row(out, view, "claim", &c.id, findings, span);
    }
    out.push_str("</tbody>\n</table></div>\n</section>\n");
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
    let entries = evidence_entries(&f.evidence);
    if !entries.is_empty() {
        out.push_str("<dl class=\"evidence\">");
        for (k, v) in entries {
            out.push_str(&format!(
                "<dt>{}</dt><dd>{}</dd>",
                esc(k.unwrap_or("value")),
                esc(&v)
            ));
        }
        out.push_str("</dl>");
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
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; padding: 0 1.5rem 3rem; color: #111827; }
h1 { font-size: 1.5rem; margin: 1rem 0 .2rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .6rem; border-bottom: 1px solid #e5e7eb; padding-bottom: .2rem; }
.meta, .legend { color: #4b5563; margin: 0; }
.sha, .loc, .where { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .8rem; }
table { border-collapse: collapse; }
th, td { border: 1px solid #d1d5db; padding: .35rem .5rem; vertical-align: top; text-align: left; }
thead th { background: #f3f4f6; }
td.num { text-align: right; }
.scroll { overflow-x: auto; }
.tables { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
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
.heatmap td.heat { text-align: center; min-width: 5rem; font-weight: 600; }
.heat.absent { background: #f9fafb; }
.heat.clean { background: #ecfdf5; color: #047857; }
.heat[data-severity=high] { background: var(--high-bg); color: var(--high); }
.heat[data-severity=medium] { background: var(--medium-bg); color: var(--medium); }
.heat[data-severity=low] { background: var(--low-bg); color: var(--low); }
.heat[data-severity=info] { background: var(--info-bg); color: var(--info); }
.aligned td.cell { min-width: 16rem; max-width: 30rem; }
.aligned td.absent { background: #f9fafb; }
.aligned th[scope=row] { min-width: 9rem; max-width: 14rem; }
.gid { font-family: ui-monospace, monospace; color: #4b5563; }
.claim + .claim { border-top: 1px dashed #d1d5db; margin-top: .4rem; padding-top: .4rem; }
.claim.reference { border-left: 3px solid #9ca3af; padding-left: .5rem; }
.claim p { margin: 0; }
.where { color: #6b7280; margin-top: .2rem; }
.refs { margin-top: .25rem; }
.ref-mark { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; color: #6b7280; }
ins { background: #bbf7d0; text-decoration: none; }
del { background: #fecaca; color: #7f1d1d; }
ins, del { padding: 0 .12em; border-radius: 2px; }
.findings-row td { background: #fafafa; }
.finding { margin: .2rem 0; }
.finding:target { outline: 2px solid #2563eb; outline-offset: 2px; }
.finding .kind { font-weight: 600; }
.finding .rule, .finding .fid { color: #4b5563; font-size: .8rem; }
.finding details { margin: .15rem 0 .3rem 1rem; }
.evidence { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; margin: .2rem 0; }
.evidence dt { font-weight: 600; }
.evidence dd { margin: 0; }
.claims { margin: .2rem 0; padding-left: 1.2rem; }
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
    document.querySelectorAll("tr[data-finding-ids]").forEach(function (row) {
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
        assert!(html.contains("<td>Poutine | Trump &lt;script&gt;alert(1)&lt;/script&gt;</td>"));
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
    fn single_source_claims_follow_the_groups() {
        let html = render_html(&sample_report(), false);
        let last_group = html.find("id=\"group-g2\"").unwrap();
        let a1c3 = html
            .find("<tr class=\"single\" data-claim=\"a1.c3\" data-finding-ids=\"f3\">")
            .unwrap();
        let a3c2 = html
            .find("<tr class=\"single\" data-claim=\"a3.c2\" data-finding-ids=\"f4\">")
            .unwrap();
        assert!(last_group < a1c3 && a1c3 < a3c2);
        assert!(html.contains("<span class=\"label\">only afp</span>"));
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
        assert!(f1.contains("<details><summary>Evidence</summary><dl class=\"evidence\"><dt>found</dt><dd>45 minutes</dd>"));
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
