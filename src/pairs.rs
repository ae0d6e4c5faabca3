//! Score a spreadsheet of claim pairs: read a CSV or TSV table, pick the two claim columns,
//! and give each row a similarity score, a verdict (`equivalent`, `divergent`, `unrelated`),
//! the divergence kinds found, the terms that made the score, and the equivalence test's
//! estimate with the measures that weighed most in it.
//!
//! The score is the alignment score ([`crate::align::Scorer`]), with the idf taken over every
//! sentence of the file, and `unrelated` is what alignment would leave apart
//! ([`AlignOptions::threshold`]). So a pair the table calls `equivalent` or `divergent` is one
//! that `compare` would align, and its kinds are what `compare` would flag.

use rayon::prelude::*;
use serde::Serialize;

use crate::align::equivalence::{ClaimText, EquivalenceModel, PairFeatures, Reason};
use crate::align::score::TermContribution;
use crate::align::score::TermSet;
use crate::align::{AlignOptions, PairScore, Scorer};
use crate::diff::word_diff;
use crate::error::{Error, Result};
use crate::extract::{extract, Features};
use crate::lang::{Lang, LangCode};
use crate::normalize::WrittenForms;
use crate::rules::kinds::{check_claims, ClaimView};
use crate::rules::{Kind, Rule, RuleSet, Severity};

/// Top contributing terms kept per pair.
const TOP_TERMS: usize = 5;
/// Equivalence reasons kept per pair.
const TOP_REASONS: usize = 3;

/// A table read from a CSV or TSV file: a header row, then data rows of the same width.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file name, for errors.
    pub path: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// The 1-based line where each row starts in the file.
    pub lines: Vec<usize>,
}

impl Table {
    /// The values of column `col` (0-based, as [`column`] returns), one per row.
    pub fn values(&self, col: usize) -> Vec<String> {
        self.rows.iter().map(|r| r[col].clone()).collect()
    }

    /// The claims of column `col`, refusing a cell over [`MAX_CLAIM_CELL_BYTES`] with its line.
    pub fn claims(&self, col: usize) -> Result<Vec<String>> {
        if let Some(i) =
            (0..self.rows.len()).find(|&i| self.rows[i][col].len() > MAX_CLAIM_CELL_BYTES)
        {
            return Err(at_line(
                &self.path,
                self.lines[i],
                &format!(
                    "the cell of column {:?} is {} bytes, over the {MAX_CLAIM_CELL_BYTES} a claim may have; a cell holds one claim (a sentence or a paragraph): split it into rows",
                    self.headers[col].trim(),
                    self.rows[i][col].len()
                ),
            ));
        }
        Ok(self.values(col))
    }
}

/// Longest claim a cell of a pairs table may hold: a claim is a sentence or a paragraph, and
/// a whole document pasted in a cell would take seconds and hundreds of megabytes to score.
pub const MAX_CLAIM_CELL_BYTES: usize = 1 << 20;

/// Read a table from `text`, the content of the file `path`. The delimiter is `delimiter`,
/// else a tab for a `.tsv` or `.tab` file and a comma otherwise. Comma-separated files
/// follow RFC 4180 (quoted fields may hold commas, quotes and line breaks);
/// tab-separated files are read as written, without quoting, as the IANA TSV format says:
/// a `"` in a TSV cell is part of the text.
pub fn read_table(path: &str, text: &str, delimiter: Option<u8>) -> Result<Table> {
    let delimiter = delimiter.unwrap_or_else(|| {
        let ext = std::path::Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("tsv" | "tab") => b'\t',
            _ => b',',
        }
    });
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if delimiter != b'\t' {
        if let Some(line) = unclosed_quote(text, delimiter) {
            return Err(at_line(
                path,
                line,
                "a quoted cell opens here and is never closed, so the rest of the file would be one cell; close it with \" (a quote inside a cell is written \"\")",
            ));
        }
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(delimiter != b'\t')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            at_line(path, line, &format!("cannot read: {e}"))
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        let fields: Vec<String> = record.iter().map(str::to_string).collect();
        match &headers {
            None => {
                if let Some(message) = named_twice(&fields) {
                    return Err(at_line(path, line, &message));
                }
                headers = Some(fields)
            }
            Some(h) if fields.len() != h.len() => {
                let what = if delimiter == b'\t' { "tabs" } else { "commas" };
                return Err(at_line(
                    path,
                    line,
                    &format!(
                        "this row has {} where the header has {}; check the {what} in this row",
                        count(fields.len()),
                        h.len()
                    ),
                ));
            }
            Some(_) => {
                rows.push(fields);
                lines.push(line);
            }
        }
    }
    let headers = headers.ok_or_else(|| {
        Error::input(
            path,
            "the file is empty; write a header row, then one pair of claims per row",
        )
    })?;
    Ok(Table {
        path: path.to_string(),
        headers,
        rows,
        lines,
    })
}

/// The line where a quoted cell opens that the file never closes (RFC 4180: a cell that
/// starts with `"` runs to the next lone `"`; `""` is a quote inside it). The CSV reader
/// would take the rest of the file as that cell without a word.
fn unclosed_quote(text: &str, delimiter: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut line, mut opened_at) = (1, None);
    let (mut i, mut cell_start) = (0, true);
    while i < bytes.len() {
        let b = bytes[i];
        match opened_at {
            None if cell_start && b == b'"' => opened_at = Some(line),
            Some(_) if b == b'"' && bytes.get(i + 1) == Some(&b'"') => i += 1,
            Some(_) if b == b'"' => opened_at = None,
            _ => {}
        }
        if b == b'\n' {
            line += 1;
        }
        cell_start = opened_at.is_none() && (b == delimiter || b == b'\n' || b == b'\r');
        i += 1;
    }
    opened_at
}

/// A header that names a column twice: `--left NAME` could not tell which.
fn named_twice(headers: &[String]) -> Option<String> {
    let key = |h: &str| h.trim().to_lowercase();
    headers.iter().enumerate().find_map(|(j, h)| {
        let first = headers[..j]
            .iter()
            .position(|g| !h.trim().is_empty() && key(g) == key(h))?;
        Some(format!(
            "the header names column {:?} twice (columns {} and {}); give each column its own name",
            h.trim(),
            first + 1,
            j + 1
        ))
    })
}

/// "1 field", "3 fields".
fn count(n: usize) -> String {
    if n == 1 {
        "1 field".to_string()
    } else {
        format!("{n} fields")
    }
}

fn at_line(path: &str, line: usize, message: &str) -> Error {
    Error::input(format!("{path}:{line}"), message)
}

/// The 0-based index of the column `name`: a header name (exact, else ignoring case and
/// surrounding spaces) or a 1-based position.
pub fn column(table: &Table, name: &str) -> Result<usize> {
    if let Some(i) = table.headers.iter().position(|h| h == name) {
        return Ok(i);
    }
    let wanted = name.trim().to_lowercase();
    let loose: Vec<usize> = (0..table.headers.len())
        .filter(|&i| table.headers[i].trim().to_lowercase() == wanted)
        .collect();
    if loose.len() == 1 {
        return Ok(loose[0]);
    }
    let listing = table
        .headers
        .iter()
        .enumerate()
        .map(|(i, h)| format!("{} {h:?}", i + 1))
        .collect::<Vec<_>>()
        .join(", ");
    if loose.len() > 1 {
        return Err(Error::input(
            &table.path,
            format!("several columns are named {name:?}; name one by its position: {listing}"),
        ));
    }
    if let Ok(n) = name.trim().parse::<usize>() {
        if (1..=table.headers.len()).contains(&n) {
            return Ok(n - 1);
        }
        return Err(Error::input(
            &table.path,
            format!(
                "there is no column {n}: the file has {} columns: {listing}",
                table.headers.len()
            ),
        ));
    }
    Err(Error::input(
        &table.path,
        format!("no column is named {name:?}; the columns are: {listing}"),
    ))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Aligned, and no rule finds anything above `info`. The equivalence test counts through
    /// the `wording` rule, which runs when no other rule found more than `info`.
    Equivalent,
    /// Aligned, and a rule finds something above `info`, or the `wording` rule fires (the
    /// equivalence test fails).
    Divergent,
    /// Below the alignment threshold: the two claims do not state the same thing.
    Unrelated,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Equivalent => "equivalent",
            Verdict::Divergent => "divergent",
            Verdict::Unrelated => "unrelated",
        }
    }
}

/// The result for one row.
#[derive(Debug, Clone, Serialize)]
pub struct PairResult {
    /// 1-based data row (the header is not counted).
    pub row: usize,
    #[serde(serialize_with = "three_decimals")]
    pub score: f64,
    pub verdict: Verdict,
    /// Divergence kinds found, in [`Kind`] order; empty for unrelated pairs, which the
    /// rules never compare. `wording` when the equivalence test fails.
    pub kinds: Vec<Kind>,
    /// The terms that made the score, heaviest first.
    pub top_terms: Vec<TermContribution>,
    /// The equivalence test's estimate that the two claims state the same thing.
    pub equivalence: f64,
    /// The measures that weighed most in `equivalence`, strongest first.
    pub reasons: Vec<Reason>,
    /// What each rule found, in rule order: the message says what changed, so that a
    /// reader can check the row without running `compare`.
    pub findings: Vec<PairFinding>,
}

/// One rule's finding on a pair.
#[derive(Debug, Clone, Serialize)]
pub struct PairFinding {
    pub rule: String,
    pub kind: Kind,
    pub severity: Severity,
    pub message: String,
}

/// Scores are written with three decimals, as in CSV and TSV.
fn three_decimals<S: serde::Serializer>(x: &f64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(crate::output::round3(*x))
}

/// The claims of a file of pairs, ready to score: features, and term sets over one
/// vocabulary (`sets[2 * i]` is `left[i]`, `sets[2 * i + 1]` is `right[i]`).
struct Prepared {
    /// Each row's language.
    langs: Vec<&'static Lang>,
    left: Vec<Features>,
    right: Vec<Features>,
    scorer: Scorer,
    sets: Vec<TermSet>,
}

impl Prepared {
    fn new(left: &[String], right: &[String], lang: Option<LangCode>, rules: &RuleSet) -> Self {
        assert_eq!(left.len(), right.len(), "one right claim per left claim");
        let langs: Vec<&'static Lang> = match lang {
            Some(code) => vec![Lang::get(code); left.len()],
            None => {
                let file = detect_file(left, right);
                left.par_iter()
                    .zip(right)
                    .map(|(a, b)| {
                        Lang::get(
                            crate::lang::detect_reliable(&format!("{a}\n{b}")).unwrap_or(file),
                        )
                    })
                    .collect()
            }
        };
        let features = |texts: &[String]| -> Vec<Features> {
            texts
                .par_iter()
                .zip(&langs)
                .map(|(t, lang)| extract(t, lang, None, &rules.aliases, &rules.term_sets))
                .collect()
        };
        let (fl, fr) = (features(left), features(right));
        let (scorer, sets) = Scorer::build(
            fl.iter()
                .zip(&fr)
                .flat_map(|(a, b)| [a.terms.as_slice(), b.terms.as_slice()]),
            AlignOptions::default().weights,
        );
        Prepared {
            langs,
            left: fl,
            right: fr,
            scorer,
            sets,
        }
    }

    /// The score of row `i` and the features of its equivalence test.
    fn row(&self, i: usize, left: &str, right: &str) -> (PairScore, PairFeatures) {
        let pair = self.scorer.score(&self.sets[2 * i], &self.sets[2 * i + 1]);
        let features = PairFeatures::of(
            &ClaimText::new(left, &self.left[i], self.langs[i]),
            &ClaimText::new(right, &self.right[i], self.langs[i]),
            pair.score,
        );
        (pair, features)
    }
}

/// The similarity score and the equivalence features of each pair, as [`score_pairs`]
/// computes them: what `examples/fit_equivalence.rs` fits the equivalence model on.
pub fn equivalence_features(
    left: &[String],
    right: &[String],
    lang: Option<LangCode>,
    rules: &RuleSet,
) -> Vec<PairFeatures> {
    let p = Prepared::new(left, right, lang, rules);
    (0..left.len())
        .into_par_iter()
        .map(|i| p.row(i, &left[i], &right[i]).1)
        .collect()
}

/// Score each pair `(left[i], right[i])`. Claims are in `lang`, or, when `None`, in the
/// language detected on the row when the detector is sure of it, else in the file's language
/// (a single sentence often leaves the detector unsure).
///
/// A pair below the alignment threshold is `unrelated`; above it, `divergent` when a rule
/// finds something above `info` (the `wording` rule when the equivalence test fails), else
/// `equivalent`.
///
/// # Panics
/// If `left` and `right` differ in length.
pub fn score_pairs(
    left: &[String],
    right: &[String],
    lang: Option<LangCode>,
    rules: &RuleSet,
) -> Vec<PairResult> {
    let p = Prepared::new(left, right, lang, rules);
    let options = AlignOptions::default();
    let model = EquivalenceModel::bundled();
    let rules: Vec<(usize, &Rule)> = rules
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.enabled)
        .collect();
    (0..left.len())
        .into_par_iter()
        .map(|i| {
            let (pair, features) = p.row(i, &left[i], &right[i]);
            let assessment = model.assess(&features);
            let mut result = PairResult {
                row: i + 1,
                score: pair.score,
                verdict: Verdict::Unrelated,
                kinds: Vec::new(),
                top_terms: p.scorer.explain(
                    &pair,
                    TOP_TERMS,
                    &WrittenForms::new(&[&left[i], &right[i]])
                        .with_names(p.left[i].names().chain(p.right[i].names())),
                ),
                equivalence: crate::output::round3(assessment.probability),
                reasons: assessment
                    .reasons
                    .iter()
                    .take(TOP_REASONS)
                    .cloned()
                    .collect(),
                findings: Vec::new(),
            };
            if pair.score < options.threshold {
                return result;
            }
            let (a_id, b_id) = (format!("row{}.left", i + 1), format!("row{}.right", i + 1));
            let a = ClaimView {
                id: &a_id,
                outlet: "left",
                outlet_id: 0,
                text: &left[i],
                features: &p.left[i],
            };
            let b = ClaimView {
                id: &b_id,
                outlet: "right",
                outlet_id: 1,
                text: &right[i],
                features: &p.right[i],
            };
            let ops = word_diff(&left[i], &right[i]);
            // Every kind found is listed; only findings above `info` (a source named on one
            // side only, for instance, is `info`) and `wording` (the equivalence test failed)
            // make the pair divergent.
            let hits = check_claims(&rules, &a, &b, &ops, &assessment);
            let divergent = hits
                .iter()
                .any(|h| h.severity > Severity::Info || h.rule.kind == Kind::Wording);
            result.kinds = hits.iter().map(|h| h.rule.kind).collect();
            result.findings = hits
                .into_iter()
                .map(|h| PairFinding {
                    rule: h.rule.id.clone(),
                    kind: h.rule.kind,
                    severity: h.severity,
                    message: h.message,
                })
                .collect();
            result.kinds.sort_unstable();
            result.kinds.dedup();
            result.verdict = if divergent {
                Verdict::Divergent
            } else {
                Verdict::Equivalent
            };
            result
        })
        .collect()
}

/// The language of a file of pairs, from a sample of its sentences.
fn detect_file(left: &[String], right: &[String]) -> LangCode {
    let mut sample = String::new();
    for (a, b) in left.iter().zip(right) {
        if sample.len() > 4000 {
            break;
        }
        sample.push_str(a);
        sample.push('\n');
        sample.push_str(b);
        sample.push('\n');
    }
    crate::lang::detect(&sample)
}

const OUTPUT_HEADERS: [&str; 8] = [
    "row",
    "score",
    "verdict",
    "kinds",
    "top_terms",
    "equivalence",
    "reasons",
    "findings",
];

fn output_fields(r: &PairResult) -> [String; 8] {
    [
        r.row.to_string(),
        format!("{:.3}", r.score),
        r.verdict.as_str().to_string(),
        r.kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(";"),
        r.top_terms
            .iter()
            .map(|t| format!("{} {:.3}", t.term, t.weight))
            .collect::<Vec<_>>()
            .join("; "),
        format!("{:.3}", r.equivalence),
        r.reasons
            .iter()
            .map(|x| format!("{} {} {:+.2}", x.feature, x.value, x.contribution))
            .collect::<Vec<_>>()
            .join("; "),
        r.findings
            .iter()
            .map(|f| format!("{}: {}", f.rule, crate::error::one_line(&f.message)))
            .collect::<Vec<_>>()
            .join(" | "),
    ]
}

/// The results as RFC 4180 CSV: `row,score,verdict,kinds,top_terms,equivalence,reasons,findings`,
/// kinds separated by `;`, terms as `term weight` and reasons as `feature value contribution`,
/// separated by `; `, findings as `rule: message`, separated by ` | `.
pub fn write_csv(results: &[PairResult]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    // Writing to a Vec<u8> cannot fail.
    w.write_record(OUTPUT_HEADERS).expect("write to memory");
    for r in results {
        w.write_record(output_fields(r)).expect("write to memory");
    }
    String::from_utf8(w.into_inner().expect("write to memory")).expect("fields are UTF-8")
}

/// The results as TSV, same columns as [`write_csv`]. No field holds a tab or a line break
/// (terms are single words, messages are put on one line), so no quoting is needed.
pub fn write_tsv(results: &[PairResult]) -> String {
    let mut out = OUTPUT_HEADERS.join("\t");
    out.push('\n');
    for r in results {
        out.push_str(&output_fields(r).join("\t"));
        out.push('\n');
    }
    out
}

/// The results as a JSON array of objects: `row`, `score`, `verdict`, `kinds`, `top_terms`,
/// `equivalence`, `reasons`, `findings`.
pub fn write_json(results: &[PairResult]) -> String {
    let mut s = serde_json::to_string_pretty(results).expect("results serialise");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> RuleSet {
        crate::rules::ruleset::build(None).unwrap()
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn csv_with_quotes_and_line_breaks() {
        let text = "id,left,right\n1,\"He said \"\"no\"\", twice\",\"two\nlines\"\n2,a,b\n";
        let t = read_table("pairs.csv", text, None).unwrap();
        assert_eq!(t.headers, ["id", "left", "right"]);
        assert_eq!(t.rows[0][1], "He said \"no\", twice");
        assert_eq!(t.rows[0][2], "two\nlines");
        assert_eq!(t.lines, [2, 4]);
    }

    #[test]
    fn tsv_by_extension_or_delimiter_keeps_quotes() {
        let text = "\u{feff}left\tright\n\"Yes\", he said.\tHe said \"yes\n";
        let t = read_table("pairs.tsv", text, None).unwrap();
        assert_eq!(t.headers, ["left", "right"]);
        assert_eq!(t.rows[0], ["\"Yes\", he said.", "He said \"yes"]);
        let t = read_table("pairs.txt", text, Some(b'\t')).unwrap();
        assert_eq!(t.rows.len(), 1);
    }

    #[test]
    fn ragged_row_and_empty_file_are_clear_errors() {
        let e = read_table("p.csv", "a,b\n1,2\n3\n", None)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("p.csv:3: this row has 1 field where the header has 2"),
            "{e}"
        );
        let e = read_table("p.csv", "", None).unwrap_err().to_string();
        assert!(e.starts_with("p.csv: the file is empty"), "{e}");
    }

    #[test]
    fn unclosed_quote_and_a_column_named_twice_are_refused() {
        let e = read_table("p.csv", "left,right\n\"Un.\",\"Deux.\n", None)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("p.csv:2: a quoted cell opens here and is never closed"),
            "{e}"
        );
        let e = read_table("p.csv", "left,Right,right \nUn.,Deux.,Trois.\n", None)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("p.csv:1: the header names column \"right\" twice (columns 2 and 3)"),
            "{e}"
        );
        // Quotes closed, doubled, or inside an unquoted cell are fine; so are empty names.
        let t = read_table("p.csv", "left,right,,\n\"a \"\"b\"\"\",c\"d,,\n", None).unwrap();
        assert_eq!(t.rows[0][0], "a \"b\"");
    }

    #[test]
    fn columns_by_name_or_position() {
        let t = read_table("p.csv", "id,Sentence 1,sentence2\n", None).unwrap();
        assert_eq!(column(&t, "sentence2").unwrap(), 2);
        assert_eq!(column(&t, "sentence 1").unwrap(), 1);
        assert_eq!(column(&t, "1").unwrap(), 0);
        let e = column(&t, "claim").unwrap_err().to_string();
        assert!(
            e.contains("no column is named \"claim\"") && e.contains("2 \"Sentence 1\""),
            "{e}"
        );
        let e = column(&t, "4").unwrap_err().to_string();
        assert!(e.contains("there is no column 4"), "{e}");
    }

    #[test]
    fn verdicts_and_kinds() {
        let left = strings(&[
            "Vladimir Poutine et Donald Trump ont convenu samedi d'une coordination contre l'EI en Syrie.",
            "Environ 3 000 soldats ont été déployés dans la région de Jarablous.",
            "Le prix du blé a fortement baissé en Argentine cette année.",
        ]);
        let right = strings(&[
            "Vladimir Poutine et Donald Trump ont convenu samedi d'une coordination contre l'EI en Syrie.",
            "Environ 30 000 soldats ont été déployés dans la région de Jarablous.",
            "Les deux présidents se sont parlé au téléphone pendant une heure.",
        ]);
        let r = score_pairs(&left, &right, None, &rules());
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].row, 1);
        assert_eq!(r[0].verdict, Verdict::Equivalent);
        assert!(r[0].score > 0.99 && !r[0].top_terms.is_empty());
        assert_eq!(r[1].verdict, Verdict::Divergent);
        assert_eq!(r[1].kinds, [Kind::Number]);
        assert_eq!(r[2].verdict, Verdict::Unrelated);
        assert!(r[2].kinds.is_empty());
    }

    #[test]
    fn each_row_is_read_in_its_own_language() {
        let left = strings(&[
            "Au moins douze civils ont été tués mardi près de la frontière, a déclaré le gouverneur.",
            "Les assaillants ont incendié trois camions chargés de vivres avant de prendre la fuite.",
            "The attackers numbered about thirty and fled across the border before dawn.",
        ]);
        let right = strings(&[
            "Au moins douze civils ont été tués mardi près de la frontière, a déclaré le gouverneur.",
            "Les assaillants ont incendié trois camions chargés de vivres avant de prendre la fuite.",
            "The attackers reportedly numbered about thirty and fled across the border before dawn.",
        ]);
        let r = score_pairs(&left, &right, None, &rules());
        // The file is mostly French; the English row still has its hedge found.
        assert_eq!(r[2].kinds, [Kind::Hedge]);
    }

    #[test]
    fn writers() {
        let left = strings(&[
            "Moscou, le 28 janvier: les présidents se sont parlé.",
            "Les présidents se sont parlé pendant deux heures samedi.",
        ]);
        let right = strings(&[
            "Moscou, le 28 janvier: les présidents se sont parlé.",
            "Les présidents se sont parlé pendant trois heures samedi.",
        ]);
        let r = score_pairs(&left, &right, Some(LangCode::Fr), &rules());
        let csv = write_csv(&r);
        assert!(csv.starts_with(
            "row,score,verdict,kinds,top_terms,equivalence,reasons,findings\n1,1.000,equivalent,,"
        ));
        // The finding says what changed, on one line, after the rule's id.
        let row2 = csv.lines().nth(2).unwrap();
        assert!(
            row2.ends_with(",\"number-changed: left says deux heures, right says trois heures\""),
            "{row2}"
        );
        let tsv = write_tsv(&r);
        assert_eq!(tsv.lines().nth(1).unwrap().split('\t').count(), 8);
        let json: serde_json::Value = serde_json::from_str(&write_json(&r)).unwrap();
        assert_eq!(json[0]["verdict"], "equivalent");
        assert_eq!(json[0]["row"], 1);
        assert!(json[0]["kinds"].as_array().unwrap().is_empty());
        assert!(json[0]["equivalence"].as_f64().unwrap() > 0.9);
        assert_eq!(json[0]["reasons"].as_array().unwrap().len(), TOP_REASONS);
        assert!(json[0]["findings"].as_array().unwrap().is_empty());
        assert_eq!(json[1]["findings"][0]["kind"], "number");
        assert!(json[1]["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("trois heures"));
    }

    #[test]
    fn a_claim_that_adds_a_clause_is_not_equivalent() {
        let left = strings(&["The justices ruled that the police supervisor who questioned Martinez did not violate his rights."]);
        let right = strings(&["The justices ruled that the police supervisor who questioned Martinez as he screamed in pain for hours in a hospital bed did not violate his rights."]);
        let r = score_pairs(&left, &right, Some(LangCode::En), &rules());
        // Aligned, so the rules and the test look at it.
        assert!(
            r[0].score >= AlignOptions::default().threshold,
            "{}",
            r[0].score
        );
        assert_eq!(r[0].verdict, Verdict::Divergent);
        assert!(r[0].kinds.contains(&Kind::Wording), "{:?}", r[0].kinds);
        assert_eq!(r[0].reasons.len(), TOP_REASONS);
    }
}
