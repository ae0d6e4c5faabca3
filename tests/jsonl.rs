//! `--format jsonl` against `--format json` on the fixtures: every line is one JSON object
//! with a `record` field, and each record is, field for field, the element of the JSON
//! report's list it stands for (the JSON contract, one line at a time).

mod support;

use serde_json::{Map, Value};
use support::run::{assert_success, claimdiff, json_of};

/// The lines a run wrote on stdout, each parsed (a line that does not parse fails the test).
fn lines_of(args: &[&str]) -> Vec<Map<String, Value>> {
    let out = claimdiff().args(args).output().unwrap();
    assert!(out.status.code().unwrap() <= 1, "{out:?}");
    parse_lines(&String::from_utf8(out.stdout).unwrap())
}

fn parse_lines(text: &str) -> Vec<Map<String, Value>> {
    assert!(text.ends_with('\n'), "the last line is ended");
    text.lines()
        .enumerate()
        .map(|(i, l)| match serde_json::from_str(l) {
            Ok(Value::Object(m)) => m,
            other => panic!("line {}: not a JSON object: {other:?}: {l}", i + 1),
        })
        .collect()
}

/// The records of one kind, without their `record` field: what the JSON report lists.
fn records(lines: &[Map<String, Value>], kind: &str) -> Vec<Value> {
    lines
        .iter()
        .filter(|l| l["record"] == kind)
        .map(|l| {
            let mut m = l.clone();
            m.remove("record");
            Value::Object(m)
        })
        .collect()
}

fn ids(items: &[Value]) -> Vec<&str> {
    items.iter().map(|x| x["id"].as_str().unwrap()).collect()
}

/// The lines of a `compare` or `claims` run hold the JSON output's records, in its order,
/// and its other top-level fields in the first and last records.
/// Returns the lines.
fn assert_same_as_json(
    args: &[&str],
    lists: &[(&str, &str)],
    last: Option<&str>,
) -> Vec<Map<String, Value>> {
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let (report, _) = json_of(&json_args);
    let mut jsonl_args = args.to_vec();
    jsonl_args.extend(["--format", "jsonl"]);
    let lines = lines_of(&jsonl_args);
    assert_eq!(lines[0]["record"], "report");
    assert_eq!(lines[0]["schema"], report["schema"]);
    if let Some(last) = last {
        assert_eq!(lines.last().unwrap()["record"], last);
    }
    let mut top: Vec<String> = report.as_object().unwrap().keys().cloned().collect();
    top.sort();
    let mut seen: Vec<String> = Vec::new();
    for (list, kind) in lists {
        let expected = report[*list].as_array().unwrap();
        let got = records(&lines, kind);
        assert!(!got.is_empty(), "no {kind} record");
        assert_eq!(ids(&got), ids(expected), "{kind} ids");
        assert_eq!(&got, expected, "{kind} records");
        seen.push(list.to_string());
    }
    // Every other field of the JSON output is in the first or the last record, unchanged.
    let ends = match last {
        Some(_) => vec![&lines[0], lines.last().unwrap()],
        None => vec![&lines[0]],
    };
    for l in ends {
        for (k, v) in l.iter().filter(|(k, _)| *k != "record") {
            // A listing's lines name their command too, which its JSON does not.
            if k == "command" && report.get(k).is_none() {
                continue;
            }
            assert_eq!(&report[k], v, "{k}");
            seen.push(k.clone());
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen, top, "the top-level fields of the JSON output");
    let kinds: Vec<&str> = lists.iter().map(|(_, k)| *k).collect();
    for l in &lines[1..lines.len() - usize::from(last.is_some())] {
        assert!(kinds.contains(&l["record"].as_str().unwrap()), "{l:?}");
    }
    lines
}

#[test]
fn compare_lines_are_the_json_report_a_record_at_a_time() {
    let lists = [
        ("articles", "article"),
        ("claims", "claim"),
        ("groups", "group"),
        ("findings", "finding"),
    ];
    assert_same_as_json(
        &[
            "compare",
            "fixtures/events/2017-01/afp.md",
            "fixtures/events/2017-01/reuters-swiss.md",
        ],
        &lists,
        Some("summary"),
    );
    // Versions of one story: the changed headlines are claims the run adds (`a1.h`), after
    // the claims written before alignment.
    let versions = assert_same_as_json(
        &[
            "compare",
            "fixtures/versions/sputnik-v1.md",
            "fixtures/versions/sputnik-v2.md",
        ],
        &lists,
        Some("summary"),
    );
    assert!(versions
        .iter()
        .any(|l| l.get("role").is_some_and(|r| r == "headline")));
    assert_same_as_json(&["compare", "fixtures/seeds"], &lists, Some("summary"));
}

#[test]
fn claims_lines_are_the_json_listing_a_record_at_a_time() {
    let files = ["claims", "fixtures/seeds", "--all"];
    let lists = [
        ("articles", "article"),
        ("claims", "claim"),
        ("segments", "segment"),
    ];
    assert_same_as_json(&files, &lists, None);
}

#[test]
fn a_jsonl_file_is_written_whole_and_chosen_by_its_extension() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.jsonl");
    let files = [
        "fixtures/events/2016-11/rt-france.md",
        "fixtures/events/2016-11/sputnik.md",
    ];
    let out = claimdiff()
        .args(["compare", files[0], files[1], "-q", "--output"])
        .arg(&path)
        .output()
        .unwrap();
    assert_success(&out);
    let written = std::fs::read_to_string(&path).unwrap();
    let streamed = lines_of(&["compare", files[0], files[1], "--format", "jsonl"]);
    assert_eq!(parse_lines(&written), streamed);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn embeddings_are_for_json_lines() {
    let out = claimdiff()
        .args(["claims", "fixtures/seeds", "--embeddings"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--format jsonl"));
}
