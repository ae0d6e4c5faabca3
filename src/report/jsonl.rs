//! JSON Lines (`--format jsonl`): a report, or a claim listing, as one JSON object a line,
//! each with a `record` field saying what it holds. `report` comes first (the contract and
//! the command), then `article`, `claim`, `group` and `finding` records (`segment` in a
//! listing with `--all`), and a report ends with `summary`. Every other field has the name
//! and meaning it has in the JSON report (docs/json-report.md): a line is one element of the
//! report's lists, so that a script written for one reads the other. Lines are for archives
//! split across machines (docs/scale.md): an engine reads them a record at a time.

use std::io::Write;

use serde::Serialize;

use super::model::{
    BaselineStatus, ClaimRecord, Report, RuleSetInfo, SegmentRecord, SkippedInput, Summary, Tool,
    SCHEMA,
};
use crate::ingest::ArticleMeta;

/// One line: what the record is, then the fields of what it holds.
#[derive(Serialize)]
struct Line<'a, T> {
    record: &'static str,
    #[serde(flatten)]
    item: &'a T,
}

fn line<T: Serialize>(out: &mut dyn Write, record: &'static str, item: &T) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, &Line { record, item })?;
    out.write_all(b"\n")
}

/// The first record: which contract the lines follow and which command wrote them, known
/// before any work is done.
#[derive(Serialize)]
struct Head<'a> {
    schema: &'a str,
    tool: Tool,
    command: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rules: Option<&'a RuleSetInfo>,
}

/// The last record of a report: its top-level fields other than the head's and the lists',
/// known once the run is over. A reader that finds it knows the output is complete.
#[derive(Serialize)]
struct Tail<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a String>,
    summary: &'a Summary,
    #[serde(skip_serializing_if = "nothing_skipped")]
    skipped: &'a [SkippedInput],
    #[serde(skip_serializing_if = "Option::is_none")]
    reference_article: Option<&'a String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'a BaselineStatus>,
}

fn nothing_skipped(skipped: &&[SkippedInput]) -> bool {
    skipped.is_empty()
}

/// A claim with the vector the sentence encoder made of it (`claims --embeddings`).
#[derive(Serialize)]
struct EmbeddedClaim<'a> {
    #[serde(flatten)]
    claim: &'a ClaimRecord,
    #[serde(skip_serializing_if = "Option::is_none")]
    embedding: Option<Vec<f32>>,
}

/// What a report streamed in two parts has written before its run ended.
#[derive(Debug, Clone, Copy)]
pub struct Started {
    articles: usize,
    claims: usize,
}

/// The head, the articles and the claims known before alignment: a reader gets them while
/// the groups are being made.
pub fn start(
    out: &mut dyn Write,
    command: &str,
    rules: Option<&RuleSetInfo>,
    articles: &[ArticleMeta],
    claims: &[ClaimRecord],
) -> std::io::Result<Started> {
    write_head(out, command, rules)?;
    write_articles(out, articles)?;
    for c in claims {
        line(out, "claim", c)?;
    }
    Ok(Started {
        articles: articles.len(),
        claims: claims.len(),
    })
}

/// The rest of a report that [`start`] began: the claims the run added (changed headlines
/// come after the claims of the body), the groups, the findings, and the summary.
pub fn finish(out: &mut dyn Write, report: &Report, started: Started) -> std::io::Result<()> {
    debug_assert_eq!(started.articles, report.articles.len());
    for c in report.claims.iter().skip(started.claims) {
        line(out, "claim", c)?;
    }
    for g in &report.groups {
        line(out, "group", g)?;
    }
    for f in &report.findings {
        line(out, "finding", f)?;
    }
    let tail = Tail {
        title: report.title.as_ref(),
        summary: &report.summary,
        skipped: &report.skipped,
        reference_article: report.reference_article.as_ref(),
        baseline: report.baseline.as_ref(),
    };
    line(out, "summary", &tail)
}

/// A whole report, once made (`check`).
pub fn write_report(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let started = start(
        out,
        &report.command,
        Some(&report.rules),
        &report.articles,
        &report.claims,
    )?;
    finish(out, report, started)
}

pub fn write_head(
    out: &mut dyn Write,
    command: &str,
    rules: Option<&RuleSetInfo>,
) -> std::io::Result<()> {
    let head = Head {
        schema: SCHEMA,
        tool: Tool::current(),
        command,
        rules,
    };
    line(out, "report", &head)
}

pub fn write_articles(out: &mut dyn Write, articles: &[ArticleMeta]) -> std::io::Result<()> {
    for a in articles {
        line(out, "article", a)?;
    }
    Ok(())
}

/// A claim, with its embedding when there is one. The encoder's vectors are kept in 8 bits
/// ([`crate::semantic::cache`]): four decimals lose nothing of them and halve the line.
pub fn write_claim(
    out: &mut dyn Write,
    claim: &ClaimRecord,
    embedding: Option<&[f32]>,
) -> std::io::Result<()> {
    let embedding = embedding.map(|v| {
        v.iter()
            .map(|x| (x * 1e4).round() / 1e4)
            .collect::<Vec<f32>>()
    });
    line(out, "claim", &EmbeddedClaim { claim, embedding })
}

pub fn write_segment(out: &mut dyn Write, segment: &SegmentRecord) -> std::io::Result<()> {
    line(out, "segment", segment)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim(id: &str) -> ClaimRecord {
        ClaimRecord {
            id: id.into(),
            article: "a1".into(),
            text: "Il a dit \"oui\".".into(),
            start: 0,
            end: 15,
            line: 1,
            column: 1,
            reference: false,
            unchanged: false,
            role: None,
        }
    }

    #[test]
    fn each_line_is_one_object_named_by_its_record() {
        let mut out = Vec::new();
        write_head(&mut out, "claims", None).unwrap();
        write_claim(&mut out, &claim("a1.c1"), Some(&[0.123_456, -0.5])).unwrap();
        write_claim(&mut out, &claim("a1.c2"), None).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0]["record"], "report");
        assert_eq!(lines[0]["schema"], SCHEMA);
        assert!(lines[0].get("rules").is_none());
        assert_eq!(lines[1]["record"], "claim");
        assert_eq!(lines[1]["id"], "a1.c1");
        assert_eq!(lines[1]["text"], "Il a dit \"oui\".");
        assert_eq!(lines[1]["embedding"][0].as_f64().unwrap() as f32, 0.1235);
        assert!(lines[2].get("embedding").is_none());
    }
}
