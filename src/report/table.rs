//! Terminal tables (comfy-table): width-aware, plain when piped.

use comfy_table::{presets, Cell, ContentArrangement, Table};

use super::model::ClaimListing;

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
        let mut rows: Vec<(usize, usize, String, String, &str)> = listing
            .claims
            .iter()
            .filter(|c| c.article == article.id)
            .map(|c| (c.start, c.line, c.id.clone(), c.text.clone(), "claim"))
            .collect();
        rows.extend(
            listing
                .segments
                .iter()
                .filter(|s| s.article == article.id)
                .map(|s| {
                    (
                        s.start,
                        s.line,
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
        let mut header = vec!["id", "line"];
        if all {
            header.push("role");
        }
        header.push("text");
        t.set_header(header);
        for (_, line, id, text, role) in rows {
            let mut cells = vec![Cell::new(id), Cell::new(line)];
            if all {
                cells.push(Cell::new(role));
            }
            cells.push(Cell::new(
                text.split_whitespace().collect::<Vec<_>>().join(" "),
            ));
            t.add_row(cells);
        }
        out.push_str(&t.to_string());
        out.push_str("\n\n");
    }
    out
}
