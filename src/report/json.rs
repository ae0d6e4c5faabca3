//! JSON: the contract (claimdiff.report/1). Same input, same bytes: no timestamps, maps sorted.

use super::model::Report;

pub fn render_json(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("the report model always serialises");
    s.push('\n');
    s
}
