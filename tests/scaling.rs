//! Cost grows with the size of the input, not its square: each family of hostile input (issue
//! 15) is run through the binary at two sizes, the second 4× the first, and the larger must
//! take less than 8× the time of the smaller (a quadratic path takes 16×). A ratio measured
//! in one run, not a wall-clock limit: the best of a few runs of each size, so that a busy
//! machine slows both alike.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin_cmd;

/// Runs of each size; the fastest counts.
const RUNS: usize = 3;
/// The larger input is this many times the smaller…
const GROWTH: usize = 4;
/// …and may take at most this many times as long.
const MAX_RATIO: f64 = 8.0;

/// A claim file of `hdr` metadata, a first claim, and `body`.
fn article(outlet: &str, body: &str) -> String {
    format!(
        "---\noutlet: {outlet}\ndate: 2024-03-14\nlang: fr\ntitle: Réunion à Ankara\n---\n\n\
         Le ministre des Affaires étrangères a reçu son homologue turc à Ankara pour une réunion de travail.\n\n\
         {body}\n"
    )
}

/// A small deterministic generator: no dependency, the same input on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

/// The inputs of one family at size `n`: written to `dir`, returned as the arguments of the
/// run.
type Family = fn(&Path, usize) -> Vec<String>;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p: PathBuf = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

fn time_of(args: &[String]) -> Duration {
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            // The word-level paths are under test; the encoder's cost is linear in the tokens of
            // a batch by construction (fixed n-gram windows), and a debug build runs it slowly.
            let out = cargo_bin_cmd!("claimdiff")
                .env("CLAIMDIFF_SEMANTIC", "off")
                .arg("-q")
                .args(args)
                .output()
                .expect("runs");
            let took = start.elapsed();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!err.contains("panicked"), "{err}");
            assert!(matches!(out.status.code(), Some(0..=2)), "{args:?}: {err}");
            took
        })
        .min()
        .unwrap()
}

#[track_caller]
fn assert_scales(name: &str, small: usize, family: Family) {
    let dir = tempfile::tempdir().unwrap();
    let a = family(&dir.path().join("small").tap_mkdir(), small);
    let b = family(&dir.path().join("large").tap_mkdir(), small * GROWTH);
    let (ta, tb) = (time_of(&a), time_of(&b));
    let ratio = tb.as_secs_f64() / ta.as_secs_f64().max(1e-3);
    assert!(
        ratio < MAX_RATIO,
        "{name}: {GROWTH}× the input took {ratio:.1}× the time ({ta:?} → {tb:?})"
    );
}

trait TapMkdir {
    fn tap_mkdir(self) -> PathBuf;
}

impl TapMkdir for PathBuf {
    fn tap_mkdir(self) -> PathBuf {
        std::fs::create_dir_all(&self).unwrap();
        self
    }
}

fn pair(dir: &Path, body: impl Fn(&mut Lcg) -> String) -> Vec<String> {
    let mut rng = Lcg(15);
    let a = write(dir, "a.md", &article("A", &body(&mut rng)));
    let b = write(dir, "b.md", &article("B", &body(&mut rng)));
    vec!["compare".into(), "--format".into(), "json".into(), a, b]
}

fn joined(n: usize, rng: &mut Lcg, item: impl Fn(&mut Lcg) -> String) -> String {
    (0..n).map(|_| item(rng)).collect::<Vec<_>>().join(", ")
}

const MONTHS: &[&str] = &["janvier", "février", "mars", "avril", "mai", "juin"];
const WORDS: &[&str] = &[
    "la", "paix", "est", "possible", "dans", "région", "selon", "ministre", "turc", "parle",
];

fn words(rng: &mut Lcg, n: usize) -> String {
    (0..n)
        .map(|_| WORDS[rng.next(WORDS.len() as u64) as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn one_long_word_in_the_claims_table() {
    assert_scales("long word, claims table", 50_000, |dir, n| {
        let mut rng = Lcg(15);
        let blob: String = (0..n)
            .map(|_| (b'a' + rng.next(26) as u8) as char)
            .collect();
        let f = write(
            dir,
            "blob.txt",
            &format!(
                "Réunion à Ankara\n\nLe ministre a publié ce code : {blob} selon la préfecture.\n"
            ),
        );
        vec!["claims".into(), "--format".into(), "table".into(), f]
    });
}

#[test]
fn a_claim_of_many_numbers() {
    assert_scales("numbers", 1_000, |dir, n| {
        pair(dir, |rng| {
            format!(
                "La réunion a réuni {} délégués, selon les organisateurs.",
                joined(n, rng, |r| r.next(99_999).to_string())
            )
        })
    });
}

#[test]
fn a_claim_of_many_dates() {
    assert_scales("dates", 500, |dir, n| {
        pair(dir, |rng| {
            let dates = joined(n, rng, |r| {
                format!(
                    "le {} {} {}",
                    1 + r.next(28),
                    MONTHS[r.next(6) as usize],
                    1990 + r.next(30)
                )
            });
            format!("Les réunions ont eu lieu {dates} à Ankara, selon les organisateurs.")
        })
    });
}

#[test]
fn a_claim_of_many_quotes() {
    assert_scales("quotes", 400, |dir, n| {
        pair(dir, |rng| {
            let quotes = joined(n, rng, |r| format!("« {} »", words(r, 4)));
            format!("Le ministre a déclaré {quotes} à Ankara.")
        })
    });
}

#[test]
fn html_of_empty_elements_written_self_closing() {
    assert_scales("<div/>", 5_000, |dir, n| {
        let page = format!(
            "<html><body><article><p>Le ministre a reçu son homologue turc à Ankara.</p>{}</article></body></html>",
            "<div/>".repeat(n)
        );
        vec![
            "claims".into(),
            "--format".into(),
            "json".into(),
            write(dir, "page.html", &page),
        ]
    });
}

#[test]
fn a_user_pattern_that_reads_to_the_end_of_the_claim() {
    assert_scales("user pattern", 10_000, |dir, n| {
        let rules = write(
            dir,
            "rules.yaml",
            "version: 1\nextends: default\nrules:\n  - id: my-hedges\n    kind: hedge\n    severity: low\n    description: More hedge cues.\n    patterns: ['[^#]+#|[a-z]']\n",
        );
        let mut args = pair(dir, |rng| {
            format!("Le ministre a dit que {}.", words(rng, n / 6))
        });
        args.extend(["--rules".into(), rules]);
        args
    });
}

#[test]
fn the_same_article_many_times() {
    assert_scales("same article", 25, |dir, n| {
        let text = std::fs::read_to_string("fixtures/events/2016-11/sputnik.md").unwrap();
        let mut args = vec!["compare".into(), "--format".into(), "json".into()];
        for i in 0..n {
            args.push(write(dir, &format!("a{i:04}.md"), &text));
        }
        args
    });
}

#[test]
fn a_long_prose_cell_in_pairs() {
    assert_scales("pairs prose cell", 100_000, |dir, n| {
        let sentences = [
            "Le ministre a déclaré que la situation est grave, selon la préfecture.",
            "Il a ajouté que 240 personnes ont été évacuées, a précisé le maire.",
            "Les secours sont arrivés rapidement sur place dans la soirée.",
        ];
        let mut rng = Lcg(15);
        let mut prose = String::new();
        while prose.len() < n {
            prose.push_str(sentences[rng.next(3) as usize]);
            prose.push(' ');
        }
        let table = write(
            dir,
            "pairs.csv",
            &format!(
                "left,right\n\"{prose}\",\"Le ministre a déclaré que la situation est grave.\"\n"
            ),
        );
        [
            "pairs", "--left", "left", "--right", "right", "--format", "json",
        ]
        .map(String::from)
        .into_iter()
        .chain([table])
        .collect()
    });
}

#[test]
fn yaml_aliases_that_repeat_aliases() {
    assert_scales("YAML aliases", 500, |dir, n| {
        let mut text = format!(
            "version: 1\nextends: default\nlexicons:\n  s0: [&s [{}]]\n  o: &o [{}]\n",
            ["lol"; 100].join(","),
            ["*s"; 100].join(",")
        );
        for i in 0..n {
            text.push_str(&format!("  k{i}: *o\n"));
        }
        vec![
            "rules".into(),
            "check".into(),
            write(dir, "bomb.yaml", &text),
        ]
    });
}
