//! Embeddings kept across runs, by content hash: a claim seen before is never encoded again.
//! One append-only file of fixed-size records (key, scale, 512 signed bytes): a vector of
//! unit length keeps its cosines to within a few thousandths in 8 bits, at a quarter of
//! the size of 32-bit floats.

use std::io::Write;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};

use super::usem3::DIM;

pub type Key = [u8; 16];
const MAGIC: &[u8; 8] = b"cdemb\x01\x00\x00";
const RECORD: usize = 16 + 4 + DIM;

pub fn key(model: &str, text: &str) -> Key {
    let mut h = Sha256::new();
    h.update(model.as_bytes());
    h.update([0]);
    h.update(text.as_bytes());
    h.finalize()[..16].try_into().unwrap()
}

pub struct Cache {
    path: Option<PathBuf>,
    known: FxHashMap<Key, [f32; DIM]>,
    fresh: Vec<(Key, [f32; DIM])>,
}

impl Cache {
    /// The cache in `path` (none, or an unreadable one, is an empty cache: it only saves time).
    pub fn open(path: Option<PathBuf>) -> Cache {
        let mut known = FxHashMap::default();
        if let Some(bytes) = path.as_deref().and_then(|p| std::fs::read(p).ok()) {
            if bytes.starts_with(MAGIC) {
                // A record cut short by a crash is ignored.
                for rec in bytes[MAGIC.len()..].chunks_exact(RECORD) {
                    known.insert(rec[..16].try_into().unwrap(), decode(&rec[16..]));
                }
            }
        }
        Cache {
            path,
            known,
            fresh: Vec::new(),
        }
    }

    pub fn get(&self, key: &Key) -> Option<&[f32; DIM]> {
        self.known.get(key)
    }

    pub fn insert(&mut self, key: Key, v: [f32; DIM]) {
        // Stored as it will be read back, so a run and the next give the same scores.
        let v = decode(&encode(&v));
        if self.known.insert(key, v).is_none() {
            self.fresh.push((key, v));
        }
    }

    /// Appends what this run encoded, in one write; a cache that cannot be written is skipped.
    pub fn save(&mut self) {
        let Some(path) = &self.path else { return };
        if self.fresh.is_empty() {
            return;
        }
        let mut buf = Vec::with_capacity(self.fresh.len() * RECORD + MAGIC.len());
        let new_file = std::fs::metadata(path)
            .map(|m| m.len() == 0)
            .unwrap_or(true);
        if new_file {
            buf.extend_from_slice(MAGIC);
        }
        for (k, v) in self.fresh.drain(..) {
            buf.extend_from_slice(&k);
            buf.extend_from_slice(&encode(&v));
        }
        let _ = append(path, &buf);
    }
}

fn append(path: &Path, buf: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?
        .write_all(buf)
}

fn encode(v: &[f32; DIM]) -> Vec<u8> {
    let max = v.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
    let mut out = scale.to_le_bytes().to_vec();
    out.extend(
        v.iter()
            .map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8 as u8),
    );
    out
}

fn decode(rec: &[u8]) -> [f32; DIM] {
    let scale = f32::from_le_bytes(rec[..4].try_into().unwrap());
    let mut v = [0.0f32; DIM];
    for (o, &b) in v.iter_mut().zip(&rec[4..]) {
        *o = f32::from(b as i8) * scale;
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vector_survives_the_round_trip_and_a_cut_record_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.bin");
        let mut v = [0.0f32; DIM];
        v[0] = 0.6;
        v[7] = -0.8;
        let mut c = Cache::open(Some(path.clone()));
        c.insert(key("m", "a"), v);
        c.save();
        // A crash in the middle of the next write.
        append(&path, &[1, 2, 3]).unwrap();
        let c = Cache::open(Some(path));
        let back = c.get(&key("m", "a")).unwrap();
        assert!((back[0] - 0.6).abs() < 0.005 && (back[7] + 0.8).abs() < 0.005);
        assert!(c.get(&key("m", "b")).is_none());
    }
}
