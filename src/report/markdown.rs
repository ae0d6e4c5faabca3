//! The report as GitHub-flavoured Markdown: to paste into an issue, a wiki page or a CI summary.
//!
//! Word diffs use `<ins>`/`<del>`, which GitHub keeps when it sanitises HTML: unlike `~~`,
//! they can wrap text that starts or ends with punctuation and sit next to each other.

use super::model::{ClaimRecord, FindingRecord, GroupRecord, Report};
use super::view::{evidence_entries, marked_diff, one_line, severity_keys, why, View};

const CHECK: &str = "✓";

/// The report as Markdown; `explain` adds why each group's claims were aligned. Sections
/// appear in a fixed order and every list is sorted, so the same report always gives the same
/// bytes.
pub fn render_markdown(report: &Report, explain: bool) -> String {
    let view = View::new(report);
    let mut out = String::new();
    header(&mut out, &view);
    sources(&mut out, &view);
    coverage(&mut out, &view);
    summary(&mut out, &view);
    group_sections(&mut out, &view);
    if explain {
        out.push_str("## Why these claims were aligned\n\n");
        for g in view.shared_groups() {
            for p in &g.pairs {
                out.push_str(&format!("- **{}** {}\n", text(&g.id), text(&why(p))));
            }
        }
        out.push('\n');
    }
    single_source(&mut out, &view);
    let other = view.unplaced_findings();
    if !other.is_empty() {
        out.push_str("## Other findings\n\nThese findings name no claim of the report.\n\n");
        findings_table(&mut out, &view, other);
    }
    if let Some(b) = &report.baseline {
        out.push_str(&format!("## Against the baseline {}\n\n", code(&b.path)));
        for line in b.lines() {
            out.push_str(&format!("- {}\n", text(&line)));
        }
        out.push('\n');
    }
    out
}

fn header(out: &mut String, view: &View) {
    let report = view.report;
    let title = report.title.as_deref().unwrap_or("claimdiff report");
    out.push_str(&format!("# {}\n\n", text(title)));
    if let Some(date) = &report.run_date {
        out.push_str(&format!("- Run date: {}\n", text(date)));
    }
    out.push_str(&format!(
        "- Tool: {} {}\n",
        text(&report.tool.name),
        text(&report.tool.version)
    ));
    let sha: String = report.rules.sha256.chars().take(12).collect();
    out.push_str(&format!(
        "- Rule set: {} (sha256 {})\n",
        text(&report.rules.name),
        code(&sha)
    ));
    out.push_str(&format!("- Command: {}\n", text(&report.command)));
    if let Some(reference) = &report.reference_article {
        out.push_str(&format!(
            "- Reference article: {} ({})\n",
            text(&view.label(reference)),
            text(reference)
        ));
    }
    out.push('\n');
}

fn sources(out: &mut String, view: &View) {
    out.push_str("## Sources\n\n");
    table_head(
        out,
        &[
            "Article", "Outlet", "Date", "Title", "Path", "Language", "Claims",
        ],
        &[6],
    );
    for a in &view.report.articles {
        let outlet = if a.reference {
            format!("{} (reference)", view.label(&a.id))
        } else {
            view.label(&a.id)
        };
        table_row(
            out,
            &[
                text(&a.id),
                text(&outlet),
                text(a.date.as_deref().unwrap_or("")),
                text(a.title.as_deref().unwrap_or("")),
                text(&a.path),
                text(a.lang.as_str()),
                view.claim_count(&a.id).to_string(),
            ],
        );
    }
    out.push('\n');
}

fn coverage(out: &mut String, view: &View) {
    out.push_str("## Coverage\n\n");
    if view.groups().is_empty() {
        out.push_str("No claims were aligned.\n\n");
        return;
    }
    out.push_str("Which outlet carries which claim, the most widely carried first.\n\n");
    let articles = &view.report.articles;
    let labels: Vec<String> = articles.iter().map(|a| text(&view.label(&a.id))).collect();
    let mut head: Vec<&str> = vec!["Group", "Label"];
    head.extend(labels.iter().map(String::as_str));
    head.extend(["Outlets", "Findings"]);
    let numeric = [head.len() - 2, head.len() - 1];
    table_head(out, &head, &numeric);
    for g in view.groups() {
        let carried = view.group_articles(g);
        let mut cells = vec![text(&g.id), text(&g.label)];
        cells.extend(articles.iter().map(|a| {
            if carried.contains(&a.id.as_str()) {
                CHECK.to_string()
            } else {
                String::new()
            }
        }));
        let findings = view.findings_about(&g.id).len();
        cells.push(carried.len().to_string());
        cells.push(findings.to_string());
        table_row(out, &cells);
    }
    out.push('\n');
}

fn summary(out: &mut String, view: &View) {
    let s = &view.report.summary;
    out.push_str("## Findings summary\n\n");
    out.push_str(&format!(
        "{} findings across {} articles, {} claims and {} groups; {} claims are carried by one outlet only.\n\n",
        s.findings, s.articles, s.claims, s.groups, s.single_source_claims
    ));
    if s.findings == 0 {
        return;
    }
    table_head(out, &["Severity", "Findings"], &[1]);
    for key in severity_keys(&s.by_severity) {
        table_row(out, &[text(key), s.by_severity[key].to_string()]);
    }
    out.push('\n');
    for (name, counts) in [("Kind", &s.by_kind), ("Outlet", &s.by_outlet)] {
        table_head(out, &[name, "Findings"], &[1]);
        for (key, n) in counts {
            table_row(out, &[text(key), n.to_string()]);
        }
        out.push('\n');
    }
}

fn group_sections(out: &mut String, view: &View) {
    let groups: Vec<&GroupRecord> = view
        .shared_groups()
        .filter(|g| !view.group_findings(&g.id).is_empty())
        .collect();
    if groups.is_empty() {
        return;
    }
    out.push_str("## Differences by group\n\n");
    out.push_str("Each wording against the group's reference claim: <ins>added</ins>, <del>removed</del>.\n\n");
    for g in groups {
        out.push_str(&format!("### {} · {}\n\n", text(&g.id), text(&g.label)));
        for claim in view.group_claims(g) {
            let role = if claim.id == g.reference_claim {
                " · reference"
            } else {
                ""
            };
            out.push_str(&format!(
                "- **{}** · {} · {}{role}\n",
                text(&view.label(&claim.article)),
                code(&view.location(claim)),
                text(&claim.id)
            ));
            out.push_str(&format!("  > {}\n", wording(view, g, claim)));
        }
        out.push('\n');
        findings_table(out, view, view.group_findings(&g.id));
    }
}

/// The claim's words, marked up against the reference when the report holds the diff.
fn wording(view: &View, group: &GroupRecord, claim: &ClaimRecord) -> String {
    match view.diff(group, &claim.id) {
        Some(diff) => marked_diff(&diff.ops, text),
        None => text(claim.text.trim()),
    }
}

fn findings_table(out: &mut String, view: &View, findings: &[&FindingRecord]) {
    table_head(
        out,
        &[
            "Finding", "Severity", "Kind", "Rule", "Message", "Evidence", "Claims",
        ],
        &[],
    );
    for f in findings {
        let claims: Vec<String> = view
            .finding_claims(f)
            .into_iter()
            .map(|(id, at)| match at {
                Some(at) => format!("{} ({})", text(id), text(&at)),
                None => text(id),
            })
            .collect();
        table_row(
            out,
            &[
                text(&f.shown_id()),
                text(f.severity.as_str()),
                text(f.kind.as_str()),
                text(&f.rule),
                text(&f.message),
                evidence(f),
                claims.join("<br>"),
            ],
        );
    }
    out.push('\n');
}

fn single_source(out: &mut String, view: &View) {
    out.push_str("## Claims carried by one outlet only\n\n");
    let claims = view.single_source();
    if claims.is_empty() {
        out.push_str("Every claim is carried by at least two outlets.\n\n");
        return;
    }
    for a in &view.report.articles {
        let mine: Vec<&&ClaimRecord> = claims.iter().filter(|c| c.article == a.id).collect();
        if mine.is_empty() {
            continue;
        }
        out.push_str(&format!("### {} ({})\n\n", text(&a.outlet), text(&a.id)));
        for c in mine {
            out.push_str(&format!(
                "- {} · {}: {}\n",
                code(&view.location(c)),
                text(&c.id),
                text(c.text.trim())
            ));
            for f in view.claim_findings(&c.id) {
                out.push_str(&format!(
                    "  - **{}** · {} · {} ({}): {}",
                    text(f.severity.as_str()),
                    text(f.kind.as_str()),
                    code(&f.rule),
                    text(&f.id),
                    text(&f.message)
                ));
                let evidence = evidence(f);
                if !evidence.is_empty() {
                    out.push_str(&format!(" Evidence: {evidence}"));
                }
                out.push('\n');
            }
        }
        out.push('\n');
    }
}

/// `key: value; key: value`, escaped for a table cell or a line of text.
fn evidence(f: &FindingRecord) -> String {
    let entries: Vec<String> = evidence_entries(&f.evidence)
        .into_iter()
        .map(|(k, v)| match k {
            Some(k) => format!("{}: {}", text(k), text(&v)),
            None => text(&v),
        })
        .collect();
    entries.join("; ")
}

/// `numeric` names the columns to right-align.
fn table_head(out: &mut String, head: &[&str], numeric: &[usize]) {
    out.push_str(&format!("| {} |\n", head.join(" | ")));
    let rules: Vec<&str> = (0..head.len())
        .map(|i| if numeric.contains(&i) { "--:" } else { "---" })
        .collect();
    out.push_str(&format!("|{}|\n", rules.join("|")));
}

/// Cells must already be escaped with [`text`], which keeps `|` and line breaks out of them.
fn table_row(out: &mut String, cells: &[String]) {
    out.push_str(&format!("| {} |\n", cells.join(" | ")));
}

/// Text shown as itself: whitespace runs (line breaks included) become one space, and every
/// character Markdown, GitHub's math or an HTML parser could read as syntax is
/// backslash-escaped. The escaped `|` also keeps table cells whole.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '~' | '|' | '$' | '&' | '!'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A code span, never used inside tables (where `|` would end the cell). The fence is one
/// backtick longer than any run inside, as CommonMark requires.
fn code(s: &str) -> String {
    let s = one_line(s);
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    use super::*;
    use crate::report::view::tests::sample_report;

    fn parse(md: &str) -> Vec<Event<'_>> {
        Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).collect()
    }

    /// Every table as rows of cell texts, the header row first.
    fn tables(md: &str) -> Vec<Vec<Vec<String>>> {
        let mut tables = Vec::new();
        let mut cell: Option<String> = None;
        for event in parse(md) {
            match event {
                Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
                Event::Start(Tag::TableHead | Tag::TableRow) => {
                    tables.last_mut().unwrap().push(Vec::new())
                }
                Event::Start(Tag::TableCell) => cell = Some(String::new()),
                Event::End(TagEnd::TableCell) => {
                    let row = tables.last_mut().unwrap().last_mut().unwrap();
                    row.push(cell.take().unwrap());
                }
                Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => {
                    if let Some(cell) = cell.as_mut() {
                        cell.push_str(&t);
                    }
                }
                _ => {}
            }
        }
        tables
    }

    #[test]
    fn header_names_event_date_tool_and_rules() {
        let md = render_markdown(&sample_report(), false);
        assert!(md.starts_with("# Appel Poutine–Trump du 28 janvier 2017\n\n"));
        assert!(md.contains("- Run date: 2026-11-20\n"));
        assert!(md.contains("- Tool: claimdiff 0.1.0\n"));
        assert!(md.contains("- Rule set: default (sha256 `3f1a9c0e5b7d`)\n"));
    }

    #[test]
    fn untitled_report_gets_a_default_title() {
        let mut report = sample_report();
        report.title = None;
        assert!(render_markdown(&report, false).starts_with("# claimdiff report\n"));
    }

    #[test]
    fn tables_parse_as_tables_with_whole_rows() {
        let md = render_markdown(&sample_report(), false);
        let tables = tables(&md);
        // Sources, coverage, severity, kind, outlet, and the findings of g1 and g2.
        assert_eq!(tables.len(), 7, "{md}");
        let widths: Vec<usize> = tables.iter().map(|t| t[0].len()).collect();
        assert_eq!(widths, [7, 7, 2, 2, 2, 7, 7]);
        for table in &tables {
            for row in table {
                assert_eq!(row.len(), table[0].len(), "ragged row {row:?} in {md}");
            }
        }
        let parsed_alignments = parse(&md)
            .iter()
            .filter_map(|e| match e {
                Event::Start(Tag::Table(align)) => Some(align.len()),
                _ => None,
            })
            .collect::<Vec<_>>();
        assert_eq!(parsed_alignments, widths);
    }

    #[test]
    fn sources_table_keeps_pipes_and_markup_as_text() {
        let tables = tables(&render_markdown(&sample_report(), false));
        let sources = &tables[0];
        assert_eq!(
            sources[0],
            ["Article", "Outlet", "Date", "Title", "Path", "Language", "Claims"]
        );
        assert_eq!(
            sources[2],
            [
                "a2",
                "rt",
                "2017-01-28",
                "Poutine | Trump <script>alert(1)</script>",
                "events/2017-01/rt.md",
                "fr",
                "2"
            ]
        );
        assert_eq!(sources[3][3], "");
        assert_eq!(sources[3][6], "2");
    }

    #[test]
    fn coverage_marks_outlets_most_carried_first() {
        let tables = tables(&render_markdown(&sample_report(), false));
        let coverage = &tables[1];
        assert_eq!(
            coverage[0],
            ["Group", "Label", "afp", "rt", "reuters", "Outlets", "Findings"]
        );
        assert_eq!(
            coverage[1],
            ["g1", "Poutine Trump entretien", "✓", "✓", "✓", "3", "1"]
        );
        assert_eq!(
            coverage[2],
            ["g2", "Kremlin échange constructif", "✓", "✓", "", "2", "2"]
        );
        assert_eq!(
            coverage[3],
            ["g3", "sanctions source", "✓", "", "", "1", "1"]
        );
    }

    #[test]
    fn summary_counts_severity_most_severe_first() {
        let tables = tables(&render_markdown(&sample_report(), false));
        let severities: Vec<&str> = tables[2][1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(severities, ["high", "medium", "low", "info"]);
        assert_eq!(
            tables[4][1..],
            [vec!["afp", "4"], vec!["reuters", "1"], vec!["rt", "3"]]
        );
    }

    #[test]
    fn group_wording_shows_word_diff_markup() {
        let md = render_markdown(&sample_report(), false);
        assert!(md.contains(
            "  > Vladimir Poutine et Donald Trump ont eu samedi un <ins>long</ins> entretien téléphonique \
             <del>d'une heure</del><ins>de 45 minutes</ins>.\n"
        ));
        // The deleted line break travels as a space outside the markup.
        assert!(md.contains(
            "  > Le Kremlin a qualifié l'échange de « <del>positif et</del> constructif ».\n"
        ));
        assert!(md.contains("- **afp** · `events/2017-01/afp.md:8:1` · a1.c1 · reference\n"));
        let html: Vec<String> = parse(&md)
            .into_iter()
            .filter_map(|e| match e {
                Event::InlineHtml(h) => Some(h.to_string()),
                _ => None,
            })
            .collect();
        for tag in ["<ins>", "</ins>", "<del>", "</del>"] {
            assert!(
                html.iter().any(|h| h == tag),
                "{tag} not parsed as inline HTML: {html:?}"
            );
        }
    }

    #[test]
    fn claims_without_a_diff_are_shown_plain() {
        let md = render_markdown(&sample_report(), false);
        assert!(md.contains("- **reuters** · `events/2017-01/reuters.txt:1:1` · a3.c1\n"));
        assert!(md.contains("  > Putin and Trump spoke by phone on Saturday for about an hour.\n"));
    }

    #[test]
    fn findings_carry_rule_severity_kind_message_and_evidence() {
        let tables = tables(&render_markdown(&sample_report(), false));
        let g1 = &tables[5];
        assert_eq!(
            g1[0],
            ["Finding", "Severity", "Kind", "Rule", "Message", "Evidence", "Claims"]
        );
        assert_eq!(g1[1][..4], ["f1", "high", "number", "number-mismatch"]);
        assert_eq!(
            g1[1][5],
            "found: 45 minutes; reference: d'une heure; unit: minute"
        );
        assert_eq!(
            g1[1][6],
            "a1.c1 (events/2017-01/afp.md:8:1)<br>a2.c1 (events/2017-01/rt.md:7:1)"
        );
        // Most severe first within a group.
        assert_eq!(tables[6][1][..4], ["f2", "medium", "quote", "quote-drift"]);
        assert_eq!(tables[6][2][..4], ["f5", "low", "omission", "omission"]);
        assert_eq!(
            tables[6][2][5],
            "carried_by: “afp”, “rt”; missing_from: a3; outlet: reuters"
        );
    }

    #[test]
    fn single_source_claims_listed_per_outlet_with_their_findings() {
        let md = render_markdown(&sample_report(), false);
        let section = &md[md.find("## Claims carried by one outlet only").unwrap()..];
        assert!(section.contains(
            "### afp (a1)\n\n- `events/2017-01/afp.md:11:1` · a1.c3: Les sanctions n'ont pas été évoquées, \
             selon une source \\| proche du dossier.\n  - **low** · omission · `omission` (f3): Only afp"
        ));
        assert!(
            section.contains("### reuters (a3)\n\n- `events/2017-01/reuters.txt:1:63` · a3.c2: ")
        );
        assert!(section.contains("a \\*relationship\\*."));
        assert!(
            section.contains("leave it out. Evidence: missing\\_in: “a2”, “a3”\n"),
            "{section}"
        );
        assert!(section.contains("  - **info** · addition · `addition` (f4): "));
        assert!(!section.contains("### rt"));
    }

    #[test]
    fn findings_naming_no_known_claim_get_their_own_section() {
        let mut report = sample_report();
        report.findings[3].claims = vec!["zz.c1".to_string()];
        let md = render_markdown(&report, false);
        let other = &md[md.find("## Other findings").unwrap()..];
        assert!(other.contains("| f4 | info | addition | addition |"));
    }

    #[test]
    fn output_is_deterministic() {
        let report = sample_report();
        let mut shuffled = report.clone();
        shuffled.groups.reverse();
        shuffled.findings.reverse();
        shuffled.claims.reverse();
        assert_eq!(
            render_markdown(&report, false),
            render_markdown(&shuffled, false)
        );
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(text("a|b\nc <d>"), "a\\|b c \\<d\\>");
    }
}
