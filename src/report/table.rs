//! Terminal tables (comfy-table): width-aware, plain when piped.

use comfy_table::{presets, Cell, ContentArrangement, Table};

use super::model::ClaimListing;
use super::view::shortened;

/// How tables look: the terminal width, if any, decides wrapping.
#[derive(Debug, Clone, Copy)]
pub struct TableStyle {
    pub width: Option<u16>,
    pub color: bool,
}

pub(crate) fn new_table(style: TableStyle) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.set_width(style.width.unwrap_or(120));
    t
}

/// The claims (and with `--all` the other segments) of each article.
pub fn render_claims(listing: &ClaimListing, style: TableStyle) -> String {
    let mut out = String::new();
    for article in &listing.articles {
        let mut rows: Vec<(usize, String, String, String, &str)> = listing
            .claims
            .iter()
            .filter(|c| c.article == article.id)
            .map(|c| {
                (
                    c.start,
                    format!("{}:{}", c.line, c.column),
                    c.id.clone(),
                    c.text.clone(),
                    "claim",
                )
            })
            .collect();
        rows.extend(
            listing
                .segments
                .iter()
                .filter(|s| s.article == article.id)
                .map(|s| {
                    (
                        s.start,
                        format!("{}:{}", s.line, s.column),
                        s.id.clone(),
                        s.text.clone(),
                        s.role.as_str(),
                    )
                }),
        );
        rows.sort_by_key(|r| r.0);
        let all = !listing.segments.is_empty();
        out.push_str(&format!(
            "{} · {} · {} · {} · {} claims\n",
            article.id,
            article.outlet,
            article.date.as_deref().unwrap_or("no date"),
            article.path,
            rows.iter().filter(|r| r.4 == "claim").count()
        ));
        let mut t = new_table(style);
        let mut header = vec!["id", "line:col"];
        if all {
            header.push("role");
        }
        header.push("text");
        t.set_header(header);
        for (_, line, id, text, role) in rows {
            let mut cells = vec![Cell::new(id), Cell::new(&line)];
            if all {
                cells.push(Cell::new(role));
            }
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let cut = shortened(&text, MAX_CELL_CHARS);
            cells.push(Cell::new(if cut.len() < text.len() {
                format!(
                    "{cut} (cut: the whole text is at {}:{line}, and in --format json)",
                    article.path
                )
            } else {
                text
            }));
            t.add_row(cells);
        }
        out.push_str(&t.to_string());
        out.push_str("\n\n");
    }
    out
}

/// Colour a severity for the terminal.
fn severity_cell(sev: crate::rules::Severity, color: bool) -> Cell {
    use comfy_table::Color;
    let cell = Cell::new(sev.as_str());
    if !color {
        return cell;
    }
    cell.fg(match sev {
        crate::rules::Severity::High => Color::Red,
        crate::rules::Severity::Medium => Color::Yellow,
        crate::rules::Severity::Low => Color::Cyan,
        crate::rules::Severity::Info => Color::DarkGrey,
    })
}

/// Inline word diff with ANSI colours (or [-…-]{+…+} markers when plain).
pub fn inline_diff(ops: &[crate::diff::DiffOp], color: bool) -> String {
    marked_inline(&crate::diff::for_display(ops), color)
}

/// [`inline_diff`] of ops already arranged for display.
fn marked_inline(ops: &[crate::diff::DiffOp], color: bool) -> String {
    use crate::diff::DiffTagKind;
    let mut s = String::new();
    for op in ops {
        let text = op.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let text = if op.text.starts_with(char::is_whitespace) {
            format!(" {text}")
        } else {
            text
        };
        let text = if op.text.ends_with(char::is_whitespace) && !text.ends_with(' ') {
            format!("{text} ")
        } else {
            text
        };
        match (op.op, color) {
            (DiffTagKind::Equal, _) => s.push_str(&text),
            (DiffTagKind::Delete, true) => s.push_str(&format!("\x1b[31;9m{text}\x1b[0m")),
            (DiffTagKind::Insert, true) => s.push_str(&format!("\x1b[32;4m{text}\x1b[0m")),
            (DiffTagKind::Delete, false) => s.push_str(&format!("[-{text}-]")),
            (DiffTagKind::Insert, false) => s.push_str(&format!("{{+{text}+}}")),
        }
    }
    s
}

/// The terminal view of a report: sources, groups, findings, lone claims.
pub fn render_report(report: &super::model::Report, style: TableStyle, explain: bool) -> String {
    let view = super::view::View::new(report);
    let mut out = String::new();
    out.push_str(&format!("{}\n{}\n", view.title(), view.scope()));
    if let Some(w) = view.date_warning() {
        out.push_str(&format!("warning: {w}\n"));
    }
    out.push_str(&format!(
        "{} articles · {} claims · {} groups · {} single-source claims · {} findings · rules: {}\n\n",
        report.summary.articles, report.summary.claims, report.summary.groups, report.summary.single_source_claims, report.summary.findings, report.rules.name
    ));
    out.push_str(&sources_table(report, style));
    out.push_str("\n\nAligned claims\n");
    out.push_str(&aligned_claims(&view, style));
    for g in &report.groups {
        out.push_str(&group_diffs(&view, g, style.color, explain));
    }
    out.push_str(&single_source_table(&view, style));
    out.push_str("\nFindings\n");
    if report.findings.is_empty() {
        out.push_str(if report.groups.is_empty() {
            "No findings.\n"
        } else {
            "No findings: the aligned claims agree on every rule.\n"
        });
    } else {
        out.push_str(&findings_table(report, style));
        out.push('\n');
    }
    if let Some(n) = report.summary.unchanged {
        out.push_str(&format!("\n{n} claims unchanged against the reference.\n"));
    }
    if let Some(b) = &report.baseline {
        out.push_str(&format!("\nAgainst the baseline {}\n", b.path));
        for line in b.lines() {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

/// The articles compared: one row each.
fn sources_table(report: &super::model::Report, style: TableStyle) -> String {
    let mut t = new_table(style);
    t.set_header(vec!["id", "outlet", "date", "lang", "claims", "path"]);
    for a in &report.articles {
        let n = report.claims.iter().filter(|c| c.article == a.id).count();
        let outlet = if a.reference {
            format!("{} (reference)", a.outlet)
        } else {
            a.outlet.clone()
        };
        t.add_row(vec![
            a.id.clone(),
            outlet,
            a.date.clone().unwrap_or_default(),
            a.lang.to_string(),
            n.to_string(),
            a.path.clone(),
        ]);
    }
    t.to_string()
}

/// The label of the article a claim is of ("?" for a claim the report does not hold).
fn outlet_of_claim(view: &super::view::View, claim: &str) -> String {
    view.claim(claim)
        .map_or_else(|| "?".to_string(), |c| view.label(&c.article))
}

/// The groups, one row each, or why there are none.
fn aligned_claims(view: &super::view::View, style: TableStyle) -> String {
    let report = view.report;
    if report.groups.is_empty() {
        return match report.summary.unchanged {
            Some(n) if n > 0 => {
                "No changed claims: the unchanged ones are counted below (--verbose lists them).\n"
            }
            _ => "No claim is carried by two articles: they may not report the same event.\n",
        }
        .to_string();
    }
    let mut t = new_table(style);
    t.set_header(vec!["group", "score", "outlets", "label"]);
    for g in &report.groups {
        let outlets: Vec<String> = g.claims.iter().map(|c| outlet_of_claim(view, c)).collect();
        t.add_row(vec![
            g.id.clone(),
            format!("{:.2}", g.score),
            outlets.join(", "),
            shortened(&g.label, MAX_CELL_CHARS),
        ]);
    }
    format!("{t}\n")
}

/// One group: its reference claim, each other claim as a word diff against it, and with
/// `explain` why each pair was aligned.
fn group_diffs(
    view: &super::view::View,
    g: &super::model::GroupRecord,
    color: bool,
    explain: bool,
) -> String {
    let claim_text = |c: &str| view.claim(c).map_or("", |c| c.text.as_str());
    let mut out = format!("\n{} · {}\n", g.id, g.label);
    out.push_str(&format!(
        "  {} {}: {}\n",
        g.reference_claim,
        outlet_of_claim(view, &g.reference_claim),
        claim_text(&g.reference_claim)
    ));
    for d in &g.diffs {
        let shown = match crate::diff::shown(&d.ops) {
            crate::diff::Shown::Diff(ops) => marked_inline(&ops, color),
            crate::diff::Shown::Apart { new, .. } => format!(
                "(shares little wording with {}; shown whole, shared words marked) {}",
                g.reference_claim,
                shared_marked(&new, color)
            ),
        };
        out.push_str(&format!(
            "  {} {}: {}\n",
            d.claim,
            outlet_of_claim(view, &d.claim),
            shown
        ));
    }
    if explain {
        for p in &g.pairs {
            out.push_str(&format!("  why {}\n", super::view::why(p)));
        }
    }
    out
}

/// The claims one outlet alone carries, if any.
fn single_source_table(view: &super::view::View, style: TableStyle) -> String {
    let lone = view.single_source();
    if lone.is_empty() {
        return String::new();
    }
    let mut t = new_table(style);
    t.set_header(vec!["claim", "outlet", "line:col", "text"]);
    for c in lone {
        t.add_row(vec![
            c.id.clone(),
            view.label(&c.article),
            format!("{}:{}", c.line, c.column),
            shortened(c.text.trim(), LONE_CLAIM_CHARS),
        ]);
    }
    format!("\nCarried by one outlet only\n{t}\n")
}

/// A claim's text with the words it shares with another marked: bold on a terminal,
/// `*…*` when plain.
fn shared_marked(pieces: &[crate::diff::Piece], color: bool) -> String {
    let mut s = String::new();
    for p in pieces {
        let text = p.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let lead = if p.text.starts_with(char::is_whitespace) {
            " "
        } else {
            ""
        };
        let trail = if p.text.ends_with(char::is_whitespace) && !text.is_empty() {
            " "
        } else {
            ""
        };
        match (p.shared && !text.is_empty(), color) {
            (false, _) => s.push_str(&format!("{lead}{text}{trail}")),
            (true, true) => s.push_str(&format!("{lead}\x1b[1m{text}\x1b[0m{trail}")),
            (true, false) => s.push_str(&format!("{lead}*{text}*{trail}")),
        }
    }
    s.trim().to_string()
}

/// Claims carried by one outlet are shown to this many characters: the table lists them all,
/// and the id and line:col lead to the rest.
const LONE_CLAIM_CHARS: usize = 240;

/// Longest text a table cell shows, in characters. The table wraps a cell in time that grows
/// with the square of its longest word (a pasted base64 blob: minutes); longer texts are cut,
/// saying where the whole text is.
const MAX_CELL_CHARS: usize = 2_000;

/// Narrowest message column of the findings table, in characters.
const MIN_MESSAGE_WIDTH: u16 = 36;

fn findings_table(report: &super::model::Report, style: TableStyle) -> String {
    let mut t = new_table(style);
    t.set_header(vec!["id", "severity", "kind", "rule", "message", "where"]);
    // Ids, kinds and rule names are single words, and locations are copied into editors:
    // never wrap them.
    for i in [0, 1, 2, 3, 5] {
        if let Some(col) = t.column_mut(i) {
            col.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
    }
    // Long paths leave the message what is left: keep it readable, even if the table then
    // runs wider than the terminal.
    if let Some(col) = t.column_mut(4) {
        col.set_constraint(comfy_table::ColumnConstraint::LowerBoundary(
            comfy_table::Width::Fixed(MIN_MESSAGE_WIDTH),
        ));
    }
    for f in &report.findings {
        t.add_row(vec![
            Cell::new(f.shown_id()),
            severity_cell(f.severity, style.color),
            Cell::new(f.kind.as_str()),
            Cell::new(&f.rule),
            Cell::new(shortened(&f.message, MAX_CELL_CHARS)),
            Cell::new(f.located().join("\n")),
        ]);
    }
    t.to_string()
}
