//! One line per finding, `path:line:col: severity kind: message`, as Vale's `line` and ruff's
//! `concise` formats write them: editors jump to each line, CI logs grep them.

use super::model::Report;
use super::view::{one_line, View};

/// Every finding, in report order, at the first place it points to.
pub fn render_line(report: &Report) -> String {
    let view = View::new(report);
    let mut out = String::new();
    for f in &report.findings {
        let at = f.locations.first().cloned().or_else(|| {
            f.claims
                .iter()
                .find_map(|c| view.claim(c))
                .map(|c| view.location(c))
        });
        out.push_str(&format!(
            "{}: {} {}: {}\n",
            at.as_deref().unwrap_or("-"),
            f.severity,
            f.kind,
            one_line(f.message.trim())
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::view::tests::sample_report;

    #[test]
    fn one_line_per_finding_at_its_first_place() {
        let report = sample_report();
        let text = render_line(&report);
        assert_eq!(text.lines().count(), report.findings.len());
        let first = text.lines().next().unwrap();
        assert!(
            first.starts_with("events/2017-01/afp.md:8:1: high number: "),
            "{first}"
        );
    }
}
