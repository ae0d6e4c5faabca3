//! The report as GitHub-flavoured Markdown: to paste into an issue, a wiki page or a CI summary.
//!
//! Word diffs use `<ins>`/`<del>`, which GitHub keeps when it sanitises HTML: unlike `~~`,
//! they can wrap text that starts or ends with punctuation and sit next to each other.

use super::model::{ClaimRecord, FindingRecord, GroupRecord, Report};
use super::view::{one_line, plural, severity_keys, why, View};
use crate::diff::{Piece, Shown};

const CHECK: &str = "✓";

/// The report as Markdown; `explain` adds why each group's claims were aligned. Sections
/// appear in a fixed order and every list is sorted, so the same report always gives the same
/// bytes. What a desk reads first comes first: what was compared, then a summary.
pub fn render_markdown(report: &Report, explain: bool) -> String {
    let view = View::new(report);
    let mut out = String::new();
    header(&mut out, &view);
    summary(&mut out, &view);
    sources(&mut out, &view);
    coverage(&mut out, &view);
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
        for f in other {
            out.push_str(&format!("- {}\n", finding_sentence(&view, f)));
        }
        out.push('\n');
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
    out.push_str(&format!("# {}\n\n", text(&view.title())));
    out.push_str(&format!("{}\n\n", text(&view.scope())));
    if let Some(warning) = view.date_warning() {
        out.push_str(&format!("> **Warning:** {}\n\n", text(&warning)));
    }
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

fn summary(out: &mut String, view: &View) {
    let s = &view.report.summary;
    out.push_str("## Summary\n\n");
    out.push_str(&format!(
        "{} across {}, {} and {}; {} carried by one outlet only.\n\n",
        plural(s.findings, "finding"),
        plural(s.articles, "article"),
        plural(s.claims, "claim"),
        plural(s.groups, "group"),
        plural(s.single_source_claims, "claim"),
    ));
    let overview = view.overview();
    if !overview.agree.is_empty() {
        out.push_str("**What the outlets agree on** (no finding above info):\n\n");
        for a in &overview.agree {
            let note = match a.notes {
                0 => String::new(),
                n => format!(" (wording differs: {})", plural(n, "note")),
            };
            out.push_str(&format!(
                "- [{}](#{}) · {}: {}{note}\n",
                text(&a.group.id),
                anchor(a.group),
                text(&a.outlets),
                text(&a.gist)
            ));
        }
        out.push('\n');
    }
    if !overview.diverge.is_empty() {
        out.push_str("**Where they diverge:**\n\n");
        for d in &overview.diverge {
            let f = d.finding;
            out.push_str(&format!(
                "- [{}](#{}) · {}: **{}** {}: {}\n",
                text(&d.group.id),
                anchor(d.group),
                text(&d.outlets),
                f.severity,
                f.kind,
                text(&f.message)
            ));
        }
        out.push('\n');
    }
    if !overview.alone.is_empty() {
        out.push_str(
            "**What one outlet alone says** (see [Claims carried by one outlet only](#claims-carried-by-one-outlet-only)):\n\n",
        );
        for l in &overview.alone {
            out.push_str(&format!(
                "- {}: {}\n",
                text(&l.label),
                plural(l.claims, "claim")
            ));
        }
        out.push('\n');
    }
    if s.findings > 0 {
        let by_severity: Vec<String> = severity_keys(&s.by_severity)
            .into_iter()
            .map(|k| format!("{} {k}", s.by_severity[k]))
            .collect();
        let by_kind: Vec<String> = s.by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
        let by_outlet: Vec<String> = s
            .by_outlet
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        out.push_str(&format!(
            "Findings by severity: {}. By kind: {}. By outlet: {}.\n\n",
            text(&by_severity.join(", ")),
            text(&by_kind.join(", ")),
            text(&by_outlet.join(", "))
        ));
    }
}

/// The heading anchor GitHub gives `### g3 · …`: its id and label, lower-cased, spaces as
/// hyphens, punctuation dropped.
fn anchor(g: &GroupRecord) -> String {
    let heading = format!("{} · {}", g.id, g.label);
    heading
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
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

/// Every group two or more outlets carry, with or without findings.
fn group_sections(out: &mut String, view: &View) {
    let groups: Vec<&GroupRecord> = view.shared_groups().collect();
    if groups.is_empty() {
        return;
    }
    out.push_str("## Aligned claims\n\n");
    out.push_str(
        "Each wording against the group's reference claim: <ins>added</ins>, <del>removed</del>. \
         Claims that share little wording with the reference are shown beside it, the words \
         they share in bold.\n\n",
    );
    for g in groups {
        out.push_str(&format!("### {} · {}\n\n", text(&g.id), text(&g.label)));
        let findings = view.group_findings(&g.id);
        out.push_str(&format!(
            "Carried by {} · {}\n\n",
            text(&view.outlets_of(g)),
            if findings.is_empty() {
                "no findings".to_string()
            } else {
                plural(findings.len(), "finding")
            }
        ));
        let mut apart = Vec::new();
        for claim in view.group_claims(g) {
            let reference = claim.id == g.reference_claim;
            out.push_str(&format!(
                "- **{}** · {} · {}{}\n",
                text(&view.label(&claim.article)),
                code(&view.location(claim)),
                text(&claim.id),
                if reference { " · reference" } else { "" }
            ));
            match view.shown(g, &claim.id) {
                Some(Shown::Diff(ops)) => {
                    out.push_str(&format!("  > {}\n", super::view::marked_ops(&ops, text)))
                }
                Some(Shown::Apart { old, new }) => {
                    out.push_str(
                        "  > shares little wording with the reference: side by side below\n",
                    );
                    apart.push((claim, old, new));
                }
                None => out.push_str(&format!("  > {}\n", text(claim.text.trim()))),
            }
        }
        out.push('\n');
        for (claim, old, new) in apart {
            side_by_side(out, view, g, claim, &old, &new);
        }
        if !findings.is_empty() {
            for f in findings {
                out.push_str(&format!("- {}\n", finding_sentence(view, f)));
            }
            out.push('\n');
        }
    }
}

/// The reference claim and `claim` in two columns, the words they share in bold.
fn side_by_side(
    out: &mut String,
    view: &View,
    group: &GroupRecord,
    claim: &ClaimRecord,
    old: &[Piece],
    new: &[Piece],
) {
    let head = |c: &ClaimRecord| {
        format!(
            "{} · {} · {}",
            text(&view.label(&c.article)),
            text(&c.id),
            text(&view.location(c))
        )
    };
    let reference = view
        .claim(&group.reference_claim)
        .map(head)
        .unwrap_or_else(|| text(&group.reference_claim));
    let (left, right) = (reference, head(claim));
    table_head(out, &[left.as_str(), right.as_str()], &[]);
    table_row(out, &[pieces(old), pieces(new)]);
    out.push('\n');
}

fn pieces(pieces: &[Piece]) -> String {
    let mut s = String::new();
    for p in pieces {
        let flat = one_line(&p.text);
        let core = flat.trim();
        if p.shared && !core.is_empty() {
            let lead = &flat[..flat.len() - flat.trim_start().len()];
            let trail = &flat[flat.trim_end().len()..];
            s.push_str(&format!("{lead}<b>{}</b>{trail}", text(core)));
        } else {
            s.push_str(&text(&flat));
        }
    }
    s.trim().to_string()
}

/// A finding in one sentence: severity and kind, the message, where to look (each claim's
/// outlet and `path:line:column`), the evidence as words, then the rule and the finding id.
fn finding_sentence(view: &View, f: &FindingRecord) -> String {
    let mut s = format!("**{}** {}: {}", f.severity, f.kind, text(f.message.trim()));
    if !f
        .message
        .trim_end()
        .ends_with(['.', '!', '?', '»', '"', '”'])
    {
        s.push('.');
    }
    let places: Vec<String> = view
        .finding_claims(f)
        .into_iter()
        .map(|(id, at)| {
            let who = view
                .claim(id)
                .map(|c| view.label(&c.article))
                .unwrap_or_else(|| id.to_string());
            match at {
                Some(at) => format!("{} {}", text(&who), code(&at)),
                None => text(&who),
            }
        })
        .collect();
    if !places.is_empty() {
        s.push_str(&format!(" Where: {}.", places.join(", ")));
    }
    let evidence = view.evidence(f);
    if !evidence.is_empty() {
        s.push_str(&format!(" Evidence: {}.", text(&evidence.join("; "))));
    }
    s.push_str(&format!(
        " (rule {}, {})",
        code(&f.rule),
        text(&f.shown_id())
    ));
    s
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
        out.push_str(&format!(
            "### {} ({}): {}\n\n",
            text(&view.label(&a.id)),
            text(&a.id),
            plural(mine.len(), "claim")
        ));
        for c in mine {
            out.push_str(&format!(
                "- {} · {}: {}\n",
                code(&view.location(c)),
                text(&c.id),
                text(c.text.trim())
            ));
            for f in view.claim_findings(&c.id) {
                out.push_str(&format!("  - {}\n", finding_sentence(view, f)));
            }
        }
        out.push('\n');
    }
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
    let flat = one_line(s);
    let chars: Vec<char> = flat.chars().collect();
    let mut out = String::with_capacity(flat.len());
    for (i, &c) in chars.iter().enumerate() {
        // An underscore inside a word (`sources_text`, `000_da1ad.txt`) never emphasises.
        let inside_word = c == '_'
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if !inside_word
            && matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '~' | '|' | '$' | '&' | '!'
            )
        {
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
        assert!(
            md.contains("\n3 articles by afp, rt and reuters, dated 2017-01-28 to 2017-01-29.\n")
        );
        assert!(md.contains("- Run date: 2026-11-20\n"));
        assert!(md.contains("- Tool: claimdiff 0.1.0\n"));
        assert!(md.contains("- Rule set: default (sha256 `3f1a9c0e5b7d`)\n"));
        assert!(!md.contains("Warning"));
    }

    #[test]
    fn untitled_report_says_what_was_compared() {
        let mut report = sample_report();
        report.title = None;
        assert!(render_markdown(&report, false).starts_with("# afp, rt and reuters compared\n"));
        // One article's headline, taken as the title by default, does not name the report.
        report.title = report.articles[0].title.clone();
        assert!(render_markdown(&report, false).starts_with("# afp, rt and reuters compared\n"));
    }

    #[test]
    fn articles_weeks_apart_are_warned_of() {
        let mut report = sample_report();
        report.articles[2].date = Some("2017-05-03".to_string());
        let md = render_markdown(&report, false);
        assert!(md.contains("dated 2017-01-28 to 2017-05-03."), "{md}");
        assert!(
            md.contains("> **Warning:** The articles are 95 days apart"),
            "{md}"
        );
    }

    #[test]
    fn summary_comes_first_with_agreement_divergence_and_lone_claims() {
        let md = render_markdown(&sample_report(), false);
        let summary = md.find("## Summary").unwrap();
        assert!(summary < md.find("## Sources").unwrap());
        assert!(md.contains("**Where they diverge:**\n\n- [g1](#g1--poutine-trump-entretien) · afp, rt and reuters: **high** number: "), "{md}");
        assert!(md.contains("**What one outlet alone says**"));
        assert!(md.contains("- afp: 1 claim\n"));
        assert!(md.contains("Findings by severity: 1 high, 1 medium, 2 low, 1 info."));
    }

    #[test]
    fn tables_parse_as_tables_with_whole_rows() {
        let md = render_markdown(&sample_report(), false);
        let tables = tables(&md);
        // Sources and coverage.
        assert_eq!(tables.len(), 2, "{md}");
        let widths: Vec<usize> = tables.iter().map(|t| t[0].len()).collect();
        assert_eq!(widths, [7, 7]);
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
    fn findings_are_sentences_with_places_and_evidence_as_words() {
        let md = render_markdown(&sample_report(), false);
        let f1 = md
            .lines()
            .find(|l| l.contains("(rule `number-mismatch`, f1)"))
            .unwrap();
        assert!(f1.starts_with("- **high** number: "), "{f1}");
        assert!(
            f1.contains(" Where: afp `events/2017-01/afp.md:8:1`, rt `events/2017-01/rt.md:7:1`."),
            "{f1}"
        );
        assert!(
            f1.contains(" Evidence: found “45 minutes”; reference “d'une heure”; unit “minute”."),
            "{f1}"
        );
        let f5 = md.lines().find(|l| l.contains("f5)")).unwrap();
        assert!(
            f5.contains("carried by “afp” and “rt”; missing from reuters (a3)"),
            "{f5}"
        );
        assert!(!md.contains("{\""));
        assert!(!md.contains("\\_"));
    }

    #[test]
    fn single_source_claims_listed_per_outlet_with_their_findings() {
        let md = render_markdown(&sample_report(), false);
        let section = &md[md.find("## Claims carried by one outlet only").unwrap()..];
        assert!(section.contains(
            "### afp (a1): 1 claim\n\n- `events/2017-01/afp.md:11:1` · a1.c3: Les sanctions n'ont pas été évoquées, \
             selon une source \\| proche du dossier.\n  - **low** omission: Only afp"
        ), "{section}");
        assert!(section.contains(
            "### reuters (a3): 1 claim\n\n- `events/2017-01/reuters.txt:1:63` · a3.c2: "
        ));
        assert!(section.contains("a \\*relationship\\*."));
        assert!(
            section.contains("Evidence: missing in rt (a2) and reuters (a3)."),
            "{section}"
        );
        assert!(section.contains("  - **info** addition: "));
        assert!(!section.contains("### rt"));
    }

    #[test]
    fn findings_naming_no_known_claim_get_their_own_section() {
        let mut report = sample_report();
        report.findings[3].claims = vec!["zz.c1".to_string()];
        let md = render_markdown(&report, false);
        let other = &md[md.find("## Other findings").unwrap()..];
        assert!(other.contains("- **info** addition: "), "{other}");
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
        assert_eq!(text("sources_text _x_"), "sources_text \\_x\\_");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(text("a|b\nc <d>"), "a\\|b c \\<d\\>");
    }
}
