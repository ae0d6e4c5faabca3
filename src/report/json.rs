//! JSON: the contract (claimdiff.report/1). Same input, same bytes: no timestamps, maps sorted.

use std::io::Write;

use super::model::Report;

/// Write the report as pretty-printed JSON, streamed: a report of thousands of articles is
/// never held in memory as text.
pub fn write_json(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    out.write_all(b"\n")
}

pub fn render_json(report: &Report) -> String {
    let mut bytes = Vec::new();
    write_json(report, &mut bytes).expect("writing to memory does not fail");
    String::from_utf8(bytes).expect("serde_json writes UTF-8")
}
