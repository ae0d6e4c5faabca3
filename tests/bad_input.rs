//! Reading input that is wrong, odd or huge, through the binary: each failure must be one
//! line on stderr naming the file (`claimdiff: error: PATH[:LINE:COL]: PROBLEM`), exit code 2,
//! nothing on stdout and never a panic; each odd-but-valid input must be read, with spans and
//! positions that point at the right place of the original file.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

fn claimdiff(args: &[&str]) -> Output {
    cargo_bin_cmd!("claimdiff")
        .env("CLAIMDIFF_SEMANTIC", "off")
        .args(args)
        .output()
        .expect("runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The run failed the documented way: exit 2, empty stdout, exactly one stderr line that
/// starts with `claimdiff: error: <prefix>` and contains every one of `parts`.
#[track_caller]
fn assert_input_error(out: &Output, prefix: &str, parts: &[&str]) -> String {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "exit code; stderr: {err}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.ends_with('\n'), "{err:?}");
    let line = err.trim_end();
    assert!(
        line.starts_with(&format!("claimdiff: error: {prefix}")),
        "{line}"
    );
    for part in parts {
        assert!(line.contains(part), "{line:?} should contain {part:?}");
    }
    line.to_string()
}

/// The run succeeded; returns the `claims --format json` listing.
#[track_caller]
fn assert_listing(out: &Output) -> Value {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(0), "stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    serde_json::from_slice(&out.stdout).expect("JSON listing")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `(text, start, end, line, column)` of every claim.
fn claims(listing: &Value) -> Vec<(String, usize, usize, usize, usize)> {
    listing["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let n = |k: &str| c[k].as_u64().unwrap() as usize;
            (
                c["text"].as_str().unwrap().to_string(),
                n("start"),
                n("end"),
                n("line"),
                n("column"),
            )
        })
        .collect()
}

/// Every claim's `start..end` slices the file's bytes to exactly the claim's text.
#[track_caller]
fn assert_spans_slice(file: &[u8], listing: &Value) {
    for (text, start, end, ..) in claims(listing) {
        assert_eq!(std::str::from_utf8(&file[start..end]).unwrap(), text);
    }
}

const ARTICLE: &str = "Le président russe a parlé samedi avec Donald Trump.\n\nLes deux dirigeants ont évoqué la Syrie et l'Ukraine, selon le Kremlin.\n";

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("absent.txt");
    assert_input_error(
        &claimdiff(&["claims", s(&p)]),
        &format!("{}: ", s(&p)),
        &["no such file"],
    );
}

#[test]
fn directory() {
    let dir = tempfile::tempdir().unwrap();
    assert_input_error(
        &claimdiff(&["claims", s(dir.path())]),
        &format!("{}: ", s(dir.path())),
        &["is a directory"],
    );
}

#[test]
fn empty_and_whitespace_only_files() {
    let dir = tempfile::tempdir().unwrap();
    // Spaces, tabs, CR, LF, NBSP, narrow NBSP and a lone BOM hold no article either.
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", &b" \t\r\n \n"[..]),
        ("nbsp.md", "\u{a0}\u{202f}\n".as_bytes()),
        ("bom.txt", "\u{feff}\r\n".as_bytes()),
    ] {
        let p = write(dir.path(), name, bytes);
        assert_input_error(
            &claimdiff(&["claims", s(&p)]),
            &format!("{}: ", s(&p)),
            &["file is empty"],
        );
    }
}

#[test]
fn empty_standard_input() {
    let out = cargo_bin_cmd!("claimdiff")
        .args(["claims", "-"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_input_error(&out, "<stdin>: ", &["file is empty"]);
}

#[test]
fn oversized_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.txt");
    // Sparse: 300 MB long, no disk used; refused from its size alone.
    std::fs::File::create(&p)
        .unwrap()
        .set_len(300 << 20)
        .unwrap();
    assert_input_error(
        &claimdiff(&["claims", s(&p)]),
        &format!("{}: ", s(&p)),
        &["file is 314572800 bytes; the limit is 268435456 bytes"],
    );
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "image.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0",
    );
    assert_input_error(
        &claimdiff(&["claims", s(&p)]),
        &format!("{}: ", s(&p)),
        &["binary", "NUL"],
    );
}

#[test]
fn invalid_utf8_says_where_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    // Latin-1 "é" (0xe9) on line 2, after "Le pr" (column 6).
    let bytes = b"Titre\nLe pr\xe9sident a parl\xe9 samedi avec Donald Trump.\n";
    let p = write(dir.path(), "latin1.txt", bytes);
    assert_input_error(
        &claimdiff(&["claims", s(&p)]),
        &format!("{}:2:6: ", s(&p)),
        &["invalid UTF-8", "--encoding latin1", "--encoding lossy"],
    );

    let listing = assert_listing(&claimdiff(&[
        "claims",
        "--encoding",
        "latin1",
        "--format",
        "json",
        s(&p),
    ]));
    assert_eq!(
        claims(&listing)[0].0,
        "Le président a parlé samedi avec Donald Trump."
    );

    let listing = assert_listing(&claimdiff(&[
        "claims",
        "--encoding",
        "lossy",
        "--format",
        "json",
        s(&p),
    ]));
    assert_eq!(
        claims(&listing)[0].0,
        "Le pr\u{fffd}sident a parl\u{fffd} samedi avec Donald Trump."
    );
    assert_eq!(listing["articles"][0]["replaced_bytes"], 2);
}

#[test]
fn invalid_utf8_after_lone_cr_lines() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "mac.txt", b"Titre\rLigne deux\rd\xe9j\xe0 vu\r");
    assert_input_error(
        &claimdiff(&["claims", s(&p)]),
        &format!("{}:3:2: ", s(&p)),
        &["invalid UTF-8"],
    );
}

#[test]
fn byte_order_mark_is_accepted_and_spans_slice_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["bom.txt", "bom.md"] {
        let bytes = format!("\u{feff}{ARTICLE}").into_bytes();
        let p = write(dir.path(), name, &bytes);
        let listing = assert_listing(&claimdiff(&["claims", "--format", "json", s(&p)]));
        let c = claims(&listing);
        assert_eq!(c.len(), 2, "{c:?}");
        // The first claim starts after the 3 bytes of the BOM, yet at column 1.
        assert_eq!((c[0].1, c[0].3, c[0].4), (3, 1, 1), "{c:?}");
        assert_spans_slice(&bytes, &listing);
    }
}

#[test]
fn crlf_and_lone_cr_line_ends() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Titre\n\nLe président russe a parlé samedi avec Trump.\nUne autre phrase est ici. Et une troisième.\n";
    for (name, eol) in [
        ("crlf.txt", "\r\n"),
        ("cr.txt", "\r"),
        ("crlf.md", "\r\n"),
        ("cr.md", "\r"),
    ] {
        let bytes = text.replace('\n', eol).into_bytes();
        let p = write(dir.path(), name, &bytes);
        let listing = assert_listing(&claimdiff(&["claims", "--format", "json", s(&p)]));
        let got: Vec<(String, usize, usize)> = claims(&listing)
            .into_iter()
            .map(|c| (c.0, c.3, c.4))
            .collect();
        // In Markdown the two lines of the paragraph are one block, but sentences and
        // positions are the same.
        assert_eq!(
            got,
            [
                (
                    "Le président russe a parlé samedi avec Trump.".to_string(),
                    3,
                    1
                ),
                ("Une autre phrase est ici.".to_string(), 4, 1),
                ("Et une troisième.".to_string(), 4, 27),
            ],
            "{name}"
        );
        assert_spans_slice(&bytes, &listing);
    }
}

#[test]
fn front_matter_with_lone_cr_line_ends_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "mac.md",
        b"---\routlet: AFP\rdate: 2017-01-28\r---\rLe Kremlin a parl\xc3\xa9 samedi.\r",
    );
    let listing = assert_listing(&claimdiff(&["claims", "--format", "json", s(&p)]));
    assert_eq!(listing["articles"][0]["outlet"], "AFP");
    assert_eq!(listing["articles"][0]["date"], "2017-01-28");
    let c = claims(&listing);
    assert_eq!((c[0].0.as_str(), c[0].3), ("Le Kremlin a parlé samedi.", 5));
}

#[test]
fn malformed_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, &str, &[&str]); 6] = [
        (
            "unclosed.md",
            "---\noutlet: AFP\nLe texte.\n",
            ":1:1: ",
            &["front matter", "never closes", "add a `---` line"],
        ),
        // The unclosed flow list is on line 3, column 8.
        (
            "yaml.md",
            "---\noutlet: AFP\ntitle: [oops\n---\nLe texte est là.\n",
            ":3:8: ",
            &["front matter: "],
        ),
        (
            "indent.md",
            "---\noutlet: AFP\n  bad: indent\n---\nLe texte est là.\n",
            ":3:6: ",
            &["front matter: "],
        ),
        (
            "date.md",
            "---\nupdate: 2020\ndate: hier\n---\nLe texte est là.\n",
            ":3:1: ",
            &["front matter: date \"hier\" is not a date", "YYYY-MM-DD"],
        ),
        (
            "lang.md",
            "---\noutlet: AFP\nlang: de\n---\nLe texte est là.\n",
            ":3:1: ",
            &["front matter: lang \"de\" is not supported", "`fr` or `en`"],
        ),
        (
            "list.md",
            "---\n- a\n- b\n---\nLe texte est là.\n",
            ":2:1: ",
            &["front matter: ", "key: value"],
        ),
    ];
    for (name, text, position, parts) in cases {
        let p = write(dir.path(), name, text.as_bytes());
        let line = assert_input_error(
            &claimdiff(&["claims", s(&p)]),
            &format!("{}{position}", s(&p)),
            parts,
        );
        assert!(!line.contains("FrontMatter"), "names a Rust type: {line}");
    }
}

#[test]
fn html_without_article_or_nested_too_deep() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "nav.html",
        b"<html><body><nav></nav></body></html>",
    );
    assert_input_error(
        &claimdiff(&["claims", s(&p)]),
        &format!("{}: ", s(&p)),
        &["no article text"],
    );
    // The extractor's time grows with the square of the depth: this page took minutes.
    let n = 20_000;
    let page = format!(
        "<html><body>{}<p>Le Kremlin a parlé.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    let p = write(dir.path(), "deep.html", page.as_bytes());
    assert_input_error(
        &claimdiff(&["claims", s(&p)]),
        &format!("{}: ", s(&p)),
        &["nested 20000 deep", "limit is 1024"],
    );
}

#[test]
fn one_bad_input_among_good_ones_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let good1 = write(dir.path(), "afp.txt", ARTICLE.as_bytes());
    let bad = write(dir.path(), "reuters.md", b"---\ndate: hier\n---\nTexte.\n");
    let good2 = write(dir.path(), "rt.txt", ARTICLE.as_bytes());
    for order in [
        [&good1, &bad, &good2],
        [&bad, &good1, &good2],
        [&good1, &good2, &bad],
    ] {
        let args: Vec<&str> = std::iter::once("claims")
            .chain(order.iter().map(|p| s(p)))
            .collect();
        let line = assert_input_error(
            &claimdiff(&args),
            &format!("{}:2:1: ", s(&bad)),
            &["not a date"],
        );
        assert!(
            !line.contains("afp.txt") && !line.contains("rt.txt"),
            "{line}"
        );
    }
    // A missing file among good ones, too.
    let missing = dir.path().join("sputnik.txt");
    let out = claimdiff(&["claims", s(&good1), s(&missing), s(&good2)]);
    assert_input_error(&out, &format!("{}: ", s(&missing)), &["no such file"]);
}

/// Distinct sentences (numbered, so that nothing collapses), about `bytes` long in total,
/// `per_line` sentences to a line (0: all on one line).
fn big_article(bytes: usize, per_line: usize) -> String {
    let sentences = [
        "Le président russe Vladimir Poutine a parlé samedi avec Donald Trump, selon le Kremlin.",
        "« Nous voulons des relations d'égal à égal », a déclaré M. Poutine à Moscou.",
        "Environ 3\u{a0}000 personnes ont manifesté, d'après la police ; 5 000 selon les organisateurs.",
        "The U.S. president said on Jan. 28 that \"talks went well\" (Reuters).",
        "Les deux dirigeants n'ont pas précisé la date de leur première rencontre…",
    ];
    let mut out = String::with_capacity(bytes + 200);
    let mut n = 0;
    while out.len() < bytes {
        out.push_str(&format!("Dépêche {n} : {}", sentences[n % sentences.len()]));
        n += 1;
        out.push(if per_line > 0 && n % per_line == 0 {
            '\n'
        } else {
            ' '
        });
        if per_line > 0 && n % (per_line * 4) == 0 {
            out.push('\n');
        }
    }
    out.push('\n');
    out
}

/// Read a big file and check that it succeeds and that the last claim is where it says.
fn read_big(name: &str, text: &str) {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), name, text.as_bytes());
    let listing = assert_listing(&claimdiff(&["claims", "--format", "json", s(&p)]));
    let c = claims(&listing);
    assert!(c.len() > 1000, "{} claims", c.len());
    let (claim, start, end, line, column) = c.last().unwrap().clone();
    assert_eq!(&text[start..end], claim);
    let head = &text[..start];
    let line_start = head.rfind('\n').map_or(0, |i| i + 1);
    assert_eq!(line, head.matches('\n').count() + 1);
    assert_eq!(column, head[line_start..].chars().count() + 1);
}

/// A 5 MB article of short paragraphs. (Peak memory and time are measured by hand; see
/// CONTRIBUTING.md.)
#[test]
fn five_megabyte_article() {
    read_big("big.txt", &big_article(5 << 20, 3));
}

/// A single 5 MB line: segmenting and positions were quadratic in the line length.
#[test]
fn five_megabyte_single_line() {
    read_big("line.txt", &big_article(5 << 20, 0));
}

/// 50 MB takes about a minute in a debug build, so it is not run by default:
/// `cargo test --release --test bad_input -- --ignored`.
#[test]
#[ignore]
fn fifty_megabyte_article() {
    read_big("huge.md", &big_article(50 << 20, 3));
}

#[test]
fn ten_thousand_small_files() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<String> = (0..10_000)
        .map(|i| {
            let text = format!("Le Kremlin a annoncé {i} nouvelles mesures samedi à Moscou.\n");
            s(&write(dir.path(), &format!("a{i:05}.txt"), text.as_bytes())).to_string()
        })
        .collect();
    let mut args = vec!["claims", "--format", "json"];
    args.extend(paths.iter().map(String::as_str));
    let listing = assert_listing(&claimdiff(&args));
    assert_eq!(listing["articles"].as_array().unwrap().len(), 10_000);
    let c = claims(&listing);
    assert_eq!(c.len(), 10_000);
    assert_eq!(
        c[9_999].0,
        "Le Kremlin a annoncé 9999 nouvelles mesures samedi à Moscou."
    );
}

#[test]
fn pairs_with_no_rows_or_one_column_twice() {
    let dir = tempfile::tempdir().unwrap();
    let header_only = write(dir.path(), "header.csv", b"left,right\n");
    let out = claimdiff(&[
        "pairs",
        s(&header_only),
        "--left",
        "left",
        "--right",
        "right",
    ]);
    assert_input_error(&out, s(&header_only), &["no data rows"]);
    let table = write(dir.path(), "pairs.csv", b"left,right\nUn.,Deux.\n");
    let out = claimdiff(&["pairs", s(&table), "--left", "left", "--right", "1"]);
    assert_input_error(
        &out,
        "--left and --right name the same column",
        &["\"left\""],
    );
}

#[test]
fn a_directory_given_as_a_table_or_rule_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = claimdiff(&["pairs", s(dir.path()), "--left", "1", "--right", "2"]);
    assert_input_error(
        &out,
        s(dir.path()),
        &["is a directory; pass a CSV or TSV file"],
    );
    let out = claimdiff(&["rules", "check", s(dir.path())]);
    assert_input_error(&out, s(dir.path()), &["is a directory; pass a rule file"]);
}

#[test]
fn a_device_is_read_up_to_the_limit_only() {
    // /dev/zero says it is 0 bytes long and never ends: read as a stream, its first block
    // shows it is binary.
    let out = claimdiff(&["claims", "/dev/zero"]);
    assert_input_error(&out, "/dev/zero: ", &["binary file (NUL byte at offset 0)"]);
}

#[test]
fn utf16_is_named_not_called_binary() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(ARTICLE.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let p = write(dir.path(), "utf16.txt", &bytes);
    for encoding in ["utf8", "lossy"] {
        let out = claimdiff(&["claims", "--encoding", encoding, s(&p)]);
        let line = assert_input_error(&out, &format!("{}: is UTF-16", s(&p)), &["iconv"]);
        assert!(!line.contains("binary"), "{line}");
    }
}

/// A baseline of one article, as JSON, and the article checked against it.
fn saved_baseline(dir: &Path) -> (Value, PathBuf) {
    let article = write(dir, "afp.txt", ARTICLE.as_bytes());
    let b = dir.join("base.json");
    let out = claimdiff(&["baseline", s(&article), "-o", s(&b)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json = serde_json::from_str(&std::fs::read_to_string(&b).unwrap()).unwrap();
    (json, article)
}

#[test]
fn baseline_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let (json, article) = saved_baseline(dir.path());
    let text = format!("\u{feff}{}", serde_json::to_string_pretty(&json).unwrap());
    let b = write(dir.path(), "bom.json", text.as_bytes());
    let out = claimdiff(&["check", s(&article), "--against", s(&b), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn impossible_baselines_are_refused_with_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let (json, article) = saved_baseline(dir.path());
    type Edit = fn(&mut Value);
    let cases: [(Edit, &str); 7] = [
        (|j| j["claims"][0]["start"] = 10_000.into(), "after its end"),
        (
            |j| j["claims"][0]["end"] = 10_000.into(),
            "past the end of its file",
        ),
        (|j| j["claims"][0]["line"] = 0.into(), "has line 0,"),
        (
            |j| j["articles"][0]["date"] = "2017-13-45".into(),
            "not a date",
        ),
        (
            |j| {
                let c = j["claims"][0].clone();
                j["claims"].as_array_mut().unwrap().push(c);
            },
            "given twice",
        ),
        (
            |j| j["groups"] = serde_json::json!([{"id": "g1", "claims": []}]),
            "has no claims",
        ),
        (|j| j["claims"] = "x".into(), "invalid type"),
    ];
    for (i, (edit, expected)) in cases.into_iter().enumerate() {
        let mut j = json.clone();
        edit(&mut j);
        let b = write(
            dir.path(),
            &format!("bad{i}.json"),
            serde_json::to_string_pretty(&j).unwrap().as_bytes(),
        );
        let out = claimdiff(&["check", s(&article), "--against", s(&b)]);
        let line = assert_input_error(&out, s(&b), &[expected]);
        // The position once: in the prefix, not again in the message.
        assert!(!line.contains(" at line "), "{line}");
    }
}

#[test]
fn pairs_with_an_unclosed_quote_or_a_column_named_twice() {
    let dir = tempfile::tempdir().unwrap();
    let open = write(dir.path(), "open.csv", b"left,right\n\"Un.\",\"Deux.\n");
    let out = claimdiff(&["pairs", s(&open), "--left", "left", "--right", "right"]);
    assert_input_error(&out, &format!("{}:2: ", s(&open)), &["never closed"]);
    let twice = write(dir.path(), "twice.csv", b"left,left\nUn.,Deux.\n");
    let out = claimdiff(&["pairs", s(&twice), "--left", "1", "--right", "2"]);
    assert_input_error(&out, &format!("{}:1: ", s(&twice)), &["twice"]);
}
