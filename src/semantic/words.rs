//! The word pairs a meaning match rests on: "quake" ≈ "earthquake", "séisme" ≈
//! "tremblement". The encoder reads each word alone, and a word of one claim is matched with
//! the nearest word of the other. A cosine says that two claims mean alike; these pairs say
//! where, so that a fact-checker can judge the alignment rather than trust a number.

use super::{cosine, Encoder, Vector};

/// Two words, one from each claim, that the encoder finds close.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct WordPair {
    pub left: String,
    pub right: String,
    /// Rounded to two decimals.
    pub cosine: f64,
}

/// Below this cosine, two words alone are not close: read on real reporting, synonyms
/// measure 0.75 and more in this encoder ("quake" / "earthquake" 0.82, "killed" / "died"
/// 0.81, "région" / "zone" 0.77), while words that merely sit near each other reach 0.7
/// ("ouest" / "août" 0.67, "faisant" / "tandis" 0.69).
const MIN_COSINE: f32 = 0.7;

/// Word pairs shown per claim pair.
const MAX_PAIRS: usize = 4;

/// For each pair of word lists (the content words only one claim has, on each side), the
/// words of the left whose nearest word on the right is close; best first. `None` when no
/// encoder can be had.
pub fn matched_words(
    encoder: &Encoder,
    pairs: &[(Vec<String>, Vec<String>)],
) -> Option<Vec<Vec<WordPair>>> {
    let mut words: Vec<&str> = pairs
        .iter()
        .flat_map(|(l, r)| l.iter().chain(r))
        .map(String::as_str)
        .collect();
    words.sort_unstable();
    words.dedup();
    let vectors = encoder.embed(&words)?;
    let of: rustc_hash::FxHashMap<&str, &Vector> = words.iter().copied().zip(&vectors).collect();
    Some(
        pairs
            .iter()
            .map(|(l, r)| nearest_pairs(l, r, &of))
            .collect(),
    )
}

fn nearest_pairs(
    left: &[String],
    right: &[String],
    of: &rustc_hash::FxHashMap<&str, &Vector>,
) -> Vec<WordPair> {
    let mut found: Vec<(f32, &str, &str)> = left
        .iter()
        .filter_map(|x| {
            right
                .iter()
                .map(|y| {
                    (
                        cosine(of[x.as_str()], of[y.as_str()]),
                        x.as_str(),
                        y.as_str(),
                    )
                })
                .max_by(|a, b| a.0.total_cmp(&b.0))
        })
        .filter(|(c, _, _)| *c >= MIN_COSINE)
        .collect();
    found.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut seen_right: Vec<&str> = Vec::new();
    found
        .into_iter()
        .filter(|(_, _, y)| {
            let fresh = !seen_right.contains(y);
            seen_right.push(y);
            fresh
        })
        .take(MAX_PAIRS)
        .map(|(c, x, y)| WordPair {
            left: x.to_string(),
            right: y.to_string(),
            cosine: (f64::from(c) * 100.0).round() / 100.0,
        })
        .collect()
}
