//! Generate a benchmark corpus of Markdown articles from the MSRP news sentences.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --data ../shared/data/msrp --articles 1000 --out bench-corpus/1k
//! ```
//!
//! MSRP pairs are sentences from different outlets' articles on the same event and day. The
//! generator rebuilds articles of about 30 sentences per day, keeping each outlet's sentences
//! together and putting the two sentences of a pair into different articles of that day, so
//! that the corpus holds real cross-outlet alignments. Past the real material (about 370
//! articles) it repeats each article as another outlet's edited copy of the same day: a number
//! moved a little, a weekday changed, a word swapped, a sentence dropped. The output depends
//! only on the arguments: the same command writes the same articles, and article `i` is the same
//! whatever `--articles` is, so a smaller corpus is a prefix of a larger one.
//!
//! The data is licensed for non-commercial use only (MSR-SSLA): the corpus goes to an ignored
//! folder and carries a notice saying it was changed.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, ensure, Context, Result};
use clap::Parser;
use regex::Regex;

/// Build a claimdiff benchmark corpus from MSRP.
#[derive(Debug, Parser)]
struct Args {
    /// The MSRP folder (with msrp_train.tsv and msrp_test.tsv).
    #[arg(long)]
    data: PathBuf,
    /// Number of articles to write.
    #[arg(long)]
    articles: usize,
    /// Folder to create; it must not exist yet.
    #[arg(long)]
    out: PathBuf,
    /// Sentences per article, roughly.
    #[arg(long, default_value_t = 30)]
    per_article: usize,
    /// Seed of the edits and the paragraph layout.
    #[arg(long, default_value_t = 2004)]
    seed: u64,
}

/// Articles per subfolder: a folder of at most 1,000 files stays quick to list.
const FILES_PER_FOLDER: usize = 1000;
/// Share of a copy's sentences that get one edit.
const EDIT_RATE: f64 = 0.2;
/// Chance that a copy drops one sentence.
const DROP_RATE: f64 = 0.5;
/// Words a copy may swap, both ways. Each pair reads naturally in either direction in news
/// copy, so an edited sentence still looks like something an outlet would print.
const SYNONYMS: &[(&str, &str)] = &[
    ("said", "stated"),
    ("rose", "climbed"),
    ("fell", "dropped"),
    ("company", "firm"),
    ("officials", "authorities"),
    ("big", "large"),
    ("bought", "purchased"),
    ("began", "started"),
    ("quickly", "rapidly"),
    ("nearly", "almost"),
    ("attack", "assault"),
    ("plan", "proposal"),
    ("shares", "stocks"),
    ("government", "administration"),
    ("percent", "per cent"),
    ("help", "assist"),
];
/// The weekdays of the English language data, Monday first, as news writes them.
fn weekday_names() -> Vec<String> {
    let mut days: Vec<(&String, &u32)> = claimdiff::lang::Lang::get(claimdiff::lang::LangCode::En)
        .weekdays
        .iter()
        .collect();
    days.sort_by_key(|(_, n)| **n);
    days.iter()
        .map(|(d, _)| {
            let mut c = d.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect()
}

fn main() -> Result<()> {
    let args = Args::parse();
    ensure!(args.articles > 0, "--articles must be at least 1");
    ensure!(args.per_article > 0, "--per-article must be at least 1");
    let started = Instant::now();

    // msr_paraphrase_data.txt (the metadata source) holds the same 10,948 sentences as the two
    // TSVs, with the same text, source and date, so the TSVs are all there is to read.
    let mut corpus = Msrp::default();
    for name in ["msrp_train.tsv", "msrp_test.tsv"] {
        corpus.read_tsv(&args.data.join(name))?;
    }
    ensure!(
        !corpus.sentences.is_empty(),
        "no sentences in {}",
        args.data.display()
    );

    let base = corpus.base_articles(args.per_article);
    let mut partial = args.out.clone().into_os_string();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    ensure!(
        !args.out.exists(),
        "{} already exists; remove it to generate it again",
        args.out.display()
    );
    // A folder left by an interrupted run; writing there and renaming at the end means a
    // corpus folder that exists is complete.
    if partial.exists() {
        fs::remove_dir_all(&partial).with_context(|| format!("removing {}", partial.display()))?;
    }

    let editor = Editor::new();
    let outlets: Vec<&str> = corpus.outlets().into_iter().collect();
    let mut used: HashMap<&str, HashSet<String>> = HashMap::new();
    for a in &base {
        used.entry(&a.day).or_default().insert(a.outlet.clone());
    }
    let mut stats = Stats::default();
    for i in 0..args.articles {
        let copy = i / base.len();
        let b = &base[i % base.len()];
        let mut rng = SplitMix64::for_article(args.seed, copy, i % base.len());
        let article = if copy == 0 {
            Article {
                outlet: b.outlet.clone(),
                sentences: b
                    .ids
                    .iter()
                    .map(|id| (*id, corpus.sentences[id].text.clone()))
                    .collect(),
            }
        } else {
            let day_used = used.entry(&b.day).or_default();
            let outlet = pick_unused(&outlets, day_used, &mut rng);
            day_used.insert(outlet.clone());
            editor.copy(b, &corpus, outlet, &mut rng, &mut stats)
        };
        let path = partial
            .join(format!("{:03}", i / FILES_PER_FOLDER))
            .join(format!("{i:05}-{}.md", slug(&article.outlet)));
        if i % FILES_PER_FOLDER == 0 {
            fs::create_dir_all(path.parent().expect("joined above"))?;
        }
        let text = render(&article, iso_date(&b.day).as_deref(), &mut rng);
        fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        stats.add(&article, &b.day, copy);
    }
    fs::write(partial.join("NOTICE.txt"), notice())?;
    fs::rename(&partial, &args.out)
        .with_context(|| format!("renaming {} to {}", partial.display(), args.out.display()))?;

    let (split, total) = corpus.pairs_split(&base);
    print!(
        "{}",
        stats.summary(
            &args.out,
            base.len(),
            split,
            total,
            started.elapsed().as_secs_f64()
        )
    );
    Ok(())
}

/// One MSRP sentence with the metadata the generator keeps.
#[derive(Debug, Clone)]
struct Sentence {
    text: String,
    /// URL host of the page it came from; `None` where MSRP does not know it.
    outlet: Option<String>,
    /// The web date as MSRP gives it, `2003/06/04`.
    day: String,
}

#[derive(Debug, Default)]
struct Msrp {
    /// By MSRP sentence id, which also orders sentences the way they were collected.
    sentences: BTreeMap<u64, Sentence>,
    pairs: Vec<(u64, u64)>,
}

impl Msrp {
    /// Read one `msrp_{train,test}.tsv`: tab-separated with a header and no quoting, since
    /// the sentences contain `"`.
    fn read_tsv(&mut self, path: &Path) -> Result<()> {
        let text =
            fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        let mut lines = text.lines();
        let header: Vec<&str> = lines
            .next()
            .with_context(|| format!("{} is empty", path.display()))?
            .trim_start_matches('\u{feff}')
            .split('\t')
            .collect();
        let col = |name: &str| {
            header
                .iter()
                .position(|h| *h == name)
                .with_context(|| format!("{}: no column {name:?}", path.display()))
        };
        // Per side of the pair: where its id, sentence, source and date are.
        let mut cols = [[0; 4]; 2];
        for (k, side) in cols.iter_mut().enumerate() {
            for (c, name) in side.iter_mut().zip(["id", "sentence", "source", "date"]) {
                *c = col(&format!("{name}{}", k + 1))?;
            }
        }
        for (n, line) in lines.enumerate() {
            let line = line.trim_end_matches('\r');
            if line.is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != header.len() {
                bail!(
                    "{}:{}: {} fields, the header has {}",
                    path.display(),
                    n + 2,
                    fields.len(),
                    header.len()
                );
            }
            let mut ids = [0; 2];
            for (k, [id, sentence, source, date]) in cols.iter().enumerate() {
                ids[k] = fields[*id].parse().with_context(|| {
                    format!(
                        "{}:{}: bad sentence id {:?}",
                        path.display(),
                        n + 2,
                        fields[*id]
                    )
                })?;
                // A sentence in several pairs is one sentence: keep it once.
                self.sentences.entry(ids[k]).or_insert_with(|| Sentence {
                    text: fields[*sentence].trim().to_string(),
                    outlet: Some(fields[*source].trim())
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                    day: fields[*date].trim().to_string(),
                });
            }
            self.pairs.push((ids[0], ids[1]));
        }
        Ok(())
    }

    fn outlets(&self) -> BTreeSet<&str> {
        self.sentences
            .values()
            .filter_map(|s| s.outlet.as_deref())
            .collect()
    }

    fn partners(&self) -> HashMap<u64, Vec<u64>> {
        let mut out: HashMap<u64, Vec<u64>> = HashMap::new();
        for &(a, b) in &self.pairs {
            out.entry(a).or_default().push(b);
            out.entry(b).or_default().push(a);
        }
        out
    }

    /// The real material as articles: per day, each outlet's sentences stay together (a
    /// sentence of unknown outlet goes alone), packed into articles of about `per_article`
    /// sentences, each part going where the fewest of its pair partners already are.
    fn base_articles(&self, per_article: usize) -> Vec<BaseArticle> {
        let partners = self.partners();
        let mut by_day: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
        for (id, s) in &self.sentences {
            by_day.entry(&s.day).or_default().push(*id);
        }
        let mut out = Vec::new();
        for (day, ids) in by_day {
            let n = ids.len();
            // The nearest count to `per_article` sentences each, and at least two articles so
            // that a pair's sentences can be apart.
            let k = if n < 2 {
                1
            } else {
                ((n + per_article / 2) / per_article).max(2)
            };
            let cap = n.div_ceil(k);
            let mut groups: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
            let mut units: Vec<Vec<u64>> = Vec::new();
            for &id in &ids {
                match &self.sentences[&id].outlet {
                    Some(o) => groups.entry(o).or_default().push(id),
                    None => units.push(vec![id]),
                }
            }
            for group in groups.into_values() {
                for part in apart(&group, &partners) {
                    units.extend(part.chunks(cap).map(<[u64]>::to_vec));
                }
            }
            // Largest first packs best; the first id breaks ties in the data's order.
            units.sort_by_key(|u| (std::cmp::Reverse(u.len()), u[0]));
            let mut articles: Vec<Vec<u64>> = vec![Vec::new(); k];
            let mut placed: HashMap<u64, usize> = HashMap::new();
            for unit in units {
                let conflicts = |a: usize| {
                    unit.iter()
                        .flat_map(|id| partners.get(id).into_iter().flatten())
                        .filter(|p| placed.get(p) == Some(&a))
                        .count()
                };
                let fits: Vec<usize> = (0..k)
                    .filter(|&a| articles[a].len() + unit.len() <= cap)
                    .collect();
                let best = if fits.is_empty() {
                    (0..k).min_by_key(|&a| articles[a].len())
                } else {
                    fits.into_iter()
                        .min_by_key(|&a| (conflicts(a), articles[a].len()))
                }
                .expect("k >= 1");
                for &id in &unit {
                    placed.insert(id, best);
                }
                articles[best].extend(unit);
            }
            let mut day_outlets = HashSet::new();
            for mut ids in articles.into_iter().filter(|a| !a.is_empty()) {
                ids.sort_unstable();
                let outlet = self.main_outlet(&ids, &day_outlets);
                day_outlets.insert(outlet.clone());
                out.push(BaseArticle {
                    day: day.to_string(),
                    outlet,
                    ids,
                });
            }
        }
        out
    }

    /// The outlet most of the article's sentences come from. Where none is known, an outlet of
    /// the corpus that has no article that day, so a day's articles keep distinct outlets.
    fn main_outlet(&self, ids: &[u64], day_outlets: &HashSet<String>) -> String {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for id in ids {
            if let Some(o) = &self.sentences[id].outlet {
                *counts.entry(o).or_default() += 1;
            }
        }
        let top = counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)));
        match top {
            Some((o, _)) => o.to_string(),
            None => {
                let outlets: Vec<&str> = self.outlets().into_iter().collect();
                let mut rng = SplitMix64(ids[0]);
                pick_unused(&outlets, day_outlets, &mut rng)
            }
        }
    }

    /// Pairs whose two sentences are in different articles of the same day, and all pairs.
    fn pairs_split(&self, base: &[BaseArticle]) -> (usize, usize) {
        let mut article_of = HashMap::new();
        for (i, a) in base.iter().enumerate() {
            for id in &a.ids {
                article_of.insert(*id, i);
            }
        }
        let split = self
            .pairs
            .iter()
            .filter(|(a, b)| {
                article_of[a] != article_of[b] && base[article_of[a]].day == base[article_of[b]].day
            })
            .count();
        (split, self.pairs.len())
    }
}

/// An outlet's sentences of one day, split where needed so that no part holds both sentences
/// of a pair: MSRP's same-outlet pairs come from two articles of that outlet.
fn apart(group: &[u64], partners: &HashMap<u64, Vec<u64>>) -> Vec<Vec<u64>> {
    let mut parts: Vec<Vec<u64>> = Vec::new();
    for &id in group {
        let mine = partners.get(&id).map_or(&[][..], Vec::as_slice);
        match parts
            .iter_mut()
            .find(|p| !p.iter().any(|x| mine.contains(x)))
        {
            Some(part) => part.push(id),
            None => parts.push(vec![id]),
        }
    }
    parts
}

/// An article of real MSRP sentences: the pattern that copies edit.
#[derive(Debug)]
struct BaseArticle {
    day: String,
    outlet: String,
    ids: Vec<u64>,
}

/// An article ready to write: its outlet and its sentences, with their MSRP ids.
#[derive(Debug)]
struct Article {
    outlet: String,
    sentences: Vec<(u64, String)>,
}

/// An outlet of `outlets` not in `used`, from a random start; any outlet once all are used.
fn pick_unused(outlets: &[&str], used: &HashSet<String>, rng: &mut SplitMix64) -> String {
    let start = rng.below(outlets.len());
    (0..outlets.len())
        .map(|k| outlets[(start + k) % outlets.len()])
        .find(|o| !used.contains(*o))
        .unwrap_or(outlets[start])
        .to_string()
}

/// SplitMix64: a tiny, well-mixed PRNG, enough for deterministic edits without a dependency.
#[derive(Debug, Clone)]
struct SplitMix64(u64);

impl SplitMix64 {
    /// A stream per article, so that article `i` does not depend on how many come before it.
    fn for_article(seed: u64, copy: usize, index: usize) -> SplitMix64 {
        let mut rng = SplitMix64(seed ^ (copy as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F));
        rng.0 ^= rng.next_u64() ^ (index as u64).wrapping_mul(0x1656_67B1_9E37_79F9);
        rng
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// In `0..n`; the modulo bias is far below what matters here.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edit {
    Number,
    Weekday,
    Word,
}

/// The small edits that make a copy look like another outlet's version of the article.
struct Editor {
    number: Regex,
    /// The weekdays, Monday first, and a pattern that finds them.
    weekdays: Vec<String>,
    weekday: Regex,
    word: Regex,
    synonyms: HashMap<&'static str, &'static str>,
}

impl Editor {
    fn new() -> Editor {
        let mut synonyms = HashMap::new();
        for &(a, b) in SYNONYMS {
            synonyms.insert(a, b);
            synonyms.insert(b, a);
        }
        let mut words: Vec<&str> = synonyms.keys().copied().collect();
        // Longest first, so that "per cent" wins over a shorter alternative at the same place.
        words.sort_by_key(|w| (std::cmp::Reverse(w.len()), *w));
        let weekdays = weekday_names();
        Editor {
            number: Regex::new(r"\d+(?:,\d{3})*(?:\.\d+)?").expect("valid regex"),
            weekday: Regex::new(&format!(r"\b(?:{})\b", weekdays.join("|"))).expect("valid regex"),
            weekdays,
            word: Regex::new(&format!(r"(?i)\b(?:{})\b", words.join("|"))).expect("valid regex"),
            synonyms,
        }
    }

    /// An edited copy of `base` under another outlet's name.
    fn copy(
        &self,
        base: &BaseArticle,
        corpus: &Msrp,
        outlet: String,
        rng: &mut SplitMix64,
        stats: &mut Stats,
    ) -> Article {
        let mut sentences: Vec<(u64, String)> = base
            .ids
            .iter()
            .map(|id| {
                let text = &corpus.sentences[id].text;
                let edited = if rng.chance(EDIT_RATE) {
                    self.edit(text, rng).map(|(kind, t)| {
                        stats.count_edit(kind);
                        t
                    })
                } else {
                    None
                };
                (*id, edited.unwrap_or_else(|| text.clone()))
            })
            .collect();
        // Never the first sentence: the lead is what an outlet keeps.
        if sentences.len() > 3 && rng.chance(DROP_RATE) {
            sentences.remove(1 + rng.below(sentences.len() - 1));
            stats.dropped += 1;
        }
        Article { outlet, sentences }
    }

    /// One edit of a kind the sentence allows, chosen at random; `None` if it allows none.
    fn edit(&self, text: &str, rng: &mut SplitMix64) -> Option<(Edit, String)> {
        let numbers: Vec<_> = self
            .number
            .find_iter(text)
            .filter(|m| standalone(text, m.start(), m.end()))
            .collect();
        let weekdays: Vec<_> = self.weekday.find_iter(text).collect();
        let words: Vec<_> = self
            .word
            .find_iter(text)
            .filter(|m| case_of(m.as_str()).is_some())
            .collect();
        let mut kinds = Vec::new();
        if !numbers.is_empty() {
            kinds.push(Edit::Number);
        }
        if !weekdays.is_empty() {
            kinds.push(Edit::Weekday);
        }
        if !words.is_empty() {
            kinds.push(Edit::Word);
        }
        if kinds.is_empty() {
            return None;
        }
        let kind = kinds[rng.below(kinds.len())];
        let (m, new) = match kind {
            Edit::Number => {
                let m = numbers[rng.below(numbers.len())];
                (m, nudge_number(m.as_str(), rng)?)
            }
            Edit::Weekday => {
                let m = weekdays[rng.below(weekdays.len())];
                let days = &self.weekdays;
                let i = days
                    .iter()
                    .position(|d| d == m.as_str())
                    .expect("matched a weekday");
                // The day before or after: the slip a rewrite or a time zone makes.
                let j = if rng.chance(0.5) {
                    (i + 1) % 7
                } else {
                    (i + 6) % 7
                };
                (m, days[j].clone())
            }
            Edit::Word => {
                let m = words[rng.below(words.len())];
                let lower = m.as_str().to_lowercase();
                let swap = self.synonyms[lower.as_str()];
                let new = match case_of(m.as_str()).expect("filtered above") {
                    Case::Lower => swap.to_string(),
                    Case::Capital => capitalize(swap),
                };
                (m, new)
            }
        };
        Some((
            kind,
            format!("{}{}{}", &text[..m.start()], new, &text[m.end()..]),
        ))
    }
}

/// A number that is a word of its own: not part of `F-16`, `A380`, `3M` or `1990s`.
fn standalone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '.' || c == ',')
        && !after.is_some_and(|c| c.is_alphanumeric() || c == '-')
}

/// Move a number a little: a year by one, a decimal by a few in its last digit, a count by up
/// to 5 %. Keeps its format (decimals, thousands separators). `None` if it is too long.
fn nudge_number(s: &str, rng: &mut SplitMix64) -> Option<String> {
    let decimals = s.split_once('.').map_or(0, |(_, d)| d.len());
    let grouped = s.contains(',');
    let digits: String = s.chars().filter(char::is_ascii_digit).collect();
    if digits.len() > 15 {
        return None;
    }
    let value: u64 = digits.parse().ok()?;
    let is_year = !grouped && decimals == 0 && s.len() == 4 && (1900..=2099).contains(&value);
    let step = if is_year || value < 20 {
        1
    } else if decimals > 0 {
        1 + rng.below(3) as u64
    } else {
        (value * (1 + rng.below(5) as u64) / 100).max(1)
    };
    let new = if value > step && rng.chance(0.5) {
        value - step
    } else {
        value + step
    };
    let mut out = new.to_string();
    // Leading zeros of the original ("0.5", "007") come back when the digit count shrank.
    while out.len() < digits.len() {
        out.insert(0, '0');
    }
    let (int, frac) = out.split_at(out.len() - decimals);
    let int = if grouped {
        group_thousands(int)
    } else {
        int.to_string()
    };
    Some(if decimals > 0 {
        format!("{int}.{frac}")
    } else {
        int
    })
}

fn group_thousands(int: &str) -> String {
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

enum Case {
    Lower,
    Capital,
}

/// Only `word` and `Word` are swapped; other casings would not survive the swap unchanged.
fn case_of(word: &str) -> Option<Case> {
    let mut chars = word.chars();
    let first = chars.next()?;
    let rest_lower = chars.all(|c| !c.is_uppercase());
    match (first.is_lowercase(), first.is_uppercase(), rest_lower) {
        (true, _, true) => Some(Case::Lower),
        (_, true, true) => Some(Case::Capital),
        _ => None,
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `2003/06/04` → `2003-06-04`; `None` when MSRP's date is not a calendar date.
fn iso_date(day: &str) -> Option<String> {
    chrono::NaiveDate::parse_from_str(day, "%Y/%m/%d")
        .ok()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// A file-name-safe form of an outlet: `theage.com.au` → `theage-com-au`.
fn slug(outlet: &str) -> String {
    let s: String = outlet
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    s.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// A headline from the lead: its first words, without double quotes (a cut quotation would
/// leave one unmatched) or the punctuation that ends them.
fn title(lead: &str) -> String {
    let words: Vec<&str> = lead.split_whitespace().take(10).collect();
    let text: String = words
        .join(" ")
        .chars()
        .filter(|c| !matches!(c, '"' | '“' | '”' | '`'))
        .collect();
    text.trim_matches(|c: char| !c.is_alphanumeric() && c != '$' && c != '%')
        .to_string()
}

/// The Markdown file: YAML front matter, then the sentences in paragraphs of one to three, as
/// news copy runs.
fn render(article: &Article, date: Option<&str>, rng: &mut SplitMix64) -> String {
    // JSON strings are valid YAML double-quoted scalars, and escape what YAML would need.
    let quote = |s: &str| serde_json::to_string(s).expect("strings serialize");
    let mut out = String::from("---\n");
    let _ = writeln!(out, "outlet: {}", quote(&article.outlet));
    if let Some(d) = date {
        let _ = writeln!(out, "date: {d}");
    }
    let lead = article.sentences.first().map_or("", |(_, t)| t.as_str());
    let _ = writeln!(out, "title: {}", quote(&title(lead)));
    out.push_str("lang: en\n");
    // Which MSRP sentences the article holds, in order: lets an evaluation map claims back to
    // the MSRP pairs. claimdiff ignores keys it does not know.
    let ids: Vec<String> = article
        .sentences
        .iter()
        .map(|(id, _)| id.to_string())
        .collect();
    let _ = writeln!(out, "msrp_ids: [{}]", ids.join(", "));
    out.push_str("---\n");
    let mut rest = article.sentences.iter().map(|(_, t)| t.as_str()).peekable();
    while rest.peek().is_some() {
        let size = match rng.below(20) {
            0..=9 => 1,
            10..=16 => 2,
            _ => 3,
        };
        let paragraph: Vec<&str> = rest.by_ref().take(size).collect();
        out.push('\n');
        out.push_str(&paragraph.join(" "));
        out.push('\n');
    }
    out
}

/// The change notice the MSR-SSLA asks of derivative works.
fn notice() -> String {
    format!(
        "Generated on {} by claimdiff's examples/gen_corpus.rs from the Microsoft Research \
         Paraphrase Corpus (MSRP), for benchmarking only.\n\
         Changed from the original: sentences regrouped into articles by day, outlet names \
         reassigned, and numbers, weekdays and words edited in repeated copies.\n\
         Licence: Microsoft Research Shared Source License Agreement, non-commercial use only. \
         Do not copy this folder into a repository.\n",
        chrono::Local::now().format("%Y-%m-%d")
    )
}

#[derive(Debug, Default)]
struct Stats {
    articles: usize,
    sentences: usize,
    outlets: BTreeSet<String>,
    days: BTreeSet<String>,
    copies: usize,
    numbers: usize,
    weekdays: usize,
    words: usize,
    dropped: usize,
}

impl Stats {
    fn add(&mut self, article: &Article, day: &str, copy: usize) {
        self.articles += 1;
        self.sentences += article.sentences.len();
        self.outlets.insert(article.outlet.clone());
        self.days.insert(day.to_string());
        self.copies = self.copies.max(copy);
    }

    fn count_edit(&mut self, kind: Edit) {
        match kind {
            Edit::Number => self.numbers += 1,
            Edit::Weekday => self.weekdays += 1,
            Edit::Word => self.words += 1,
        }
    }

    fn summary(&self, out: &Path, base: usize, split: usize, pairs: usize, seconds: f64) -> String {
        let shown = |d: Option<&String>| {
            d.map_or("-".to_string(), |d| {
                iso_date(d).unwrap_or_else(|| d.clone())
            })
        };
        let (first, last) = (shown(self.days.first()), shown(self.days.last()));
        format!(
            "corpus     {}\n\
             articles   {} ({} of real MSRP text, then edited copies up to copy {}), in {} folders\n\
             sentences  {} ({:.1} per article)\n\
             outlets    {}\n\
             dates      {} ({first} to {last})\n\
             pairs      {split} of {pairs} MSRP pairs ({:.1} %) have their sentences in different articles of one day\n\
             edits      {} numbers, {} weekdays, {} words; {} sentences dropped\n\
             time       {seconds:.2} s\n",
            out.display(),
            self.articles,
            base.min(self.articles),
            self.copies,
            self.articles.div_ceil(FILES_PER_FOLDER),
            self.sentences,
            self.sentences as f64 / self.articles as f64,
            self.outlets.len(),
            self.days.len(),
            100.0 * split as f64 / pairs.max(1) as f64,
            self.numbers,
            self.weekdays,
            self.words,
            self.dropped,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_move_a_little_and_keep_their_format() {
        let mut rng = SplitMix64(7);
        for _ in 0..50 {
            let year: u64 = nudge_number("1998", &mut rng).unwrap().parse().unwrap();
            assert!(year == 1997 || year == 1999);
            let money = nudge_number("1,800", &mut rng).unwrap();
            assert!(money.contains(',') && money.len() == 5, "{money}");
            let dec = nudge_number("2.5", &mut rng).unwrap();
            assert!(
                dec.len() == 3 && dec.as_bytes()[1] == b'.' && dec != "2.5",
                "{dec}"
            );
            assert_ne!(nudge_number("0.5", &mut rng).unwrap(), "0.5");
        }
        assert_eq!(group_thousands("1234567"), "1,234,567");
        assert!(!standalone("an F-16 jet", 5, 7));
        assert!(standalone("for $693 million", 5, 8));
    }

    #[test]
    fn edits_keep_case_and_stay_deterministic() {
        let editor = Editor::new();
        let text = "Shares fell 3 percent on Monday, officials said.";
        let a = editor.edit(text, &mut SplitMix64(1)).unwrap();
        let b = editor.edit(text, &mut SplitMix64(1)).unwrap();
        assert_eq!(a, b);
        assert_ne!(a.1, text);
        let mut seen = HashSet::new();
        for seed in 0..200 {
            let (kind, t) = editor.edit(text, &mut SplitMix64(seed)).unwrap();
            seen.insert(format!("{kind:?}"));
            assert!(
                t.ends_with('.') && t.chars().next().unwrap().is_uppercase(),
                "{t}"
            );
        }
        assert_eq!(seen.len(), 3);
        assert_eq!(
            editor.edit("No edit applies here.", &mut SplitMix64(1)),
            None
        );
    }

    #[test]
    fn front_matter_quotes_the_title_and_converts_the_date() {
        let article = Article {
            outlet: "smh.com.au".into(),
            sentences: vec![
                (1, "\"The witness\": Amrozi spoke.".into()),
                (2, "He left.".into()),
            ],
        };
        let text = render(
            &article,
            iso_date("2003/06/04").as_deref(),
            &mut SplitMix64(3),
        );
        assert!(text.starts_with("---\noutlet: \"smh.com.au\"\ndate: 2003-06-04\ntitle: \"The witness: Amrozi spoke\"\nlang: en\nmsrp_ids: [1, 2]\n---\n\n"), "{text}");
        assert_eq!(iso_date("*"), None);
        assert_eq!(slug("asia.reuters.com"), "asia-reuters-com");
    }
}
