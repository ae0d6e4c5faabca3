//! A SentencePiece unigram tokenizer, read from a `.model` file: the `nmt_nfkc` normalizer
//! (the precompiled character map, a darts-clone double-array trie) and Viterbi segmentation
//! over the vocabulary. Written for the sentence encoder's vocabulary; it follows the
//! reference library's rules so that token ids match it exactly.

use rustc_hash::FxHashMap;

use super::SemanticError;

const UNK: u32 = 0;
pub const BOS: u32 = 1;
pub const EOS: u32 = 2;
/// U+2581, which SentencePiece writes for a space.
const SPACE: &str = "\u{2581}";

pub struct Tokenizer {
    /// A piece, or a prefix of one: the piece id + 1, or 0 for a prefix that is no piece.
    prefixes: FxHashMap<Box<str>, u32>,
    scores: Vec<f32>,
    /// The longest piece, in characters.
    max_len: usize,
    unk_score: f32,
    normalizer: Normalizer,
}

impl Tokenizer {
    pub fn from_bytes(data: &[u8]) -> Result<Tokenizer, SemanticError> {
        let bad = |what: &str| SemanticError::Model(format!("sp.model: {what}"));
        let top = fields(data).ok_or_else(|| bad("not a SentencePiece model"))?;
        let mut pieces: Vec<&str> = Vec::new();
        let mut scores = Vec::new();
        let mut charsmap: &[u8] = &[];
        for (field, value) in top {
            match (field, value) {
                (1, Value::Bytes(piece)) => {
                    let mut text = None;
                    let mut score = 0.0;
                    for (f, v) in fields(piece).ok_or_else(|| bad("a broken piece"))? {
                        match (f, v) {
                            (1, Value::Bytes(b)) => text = std::str::from_utf8(b).ok(),
                            (2, Value::Fixed32(bits)) => score = f32::from_bits(bits),
                            _ => {}
                        }
                    }
                    pieces.push(text.ok_or_else(|| bad("a piece without text"))?);
                    scores.push(score);
                }
                (3, Value::Bytes(spec)) => {
                    for (f, v) in fields(spec).ok_or_else(|| bad("a broken normalizer"))? {
                        if let (2, Value::Bytes(b)) = (f, v) {
                            charsmap = b;
                        }
                    }
                }
                _ => {}
            }
        }
        if pieces.len() < 3 {
            return Err(bad("no vocabulary"));
        }
        let mut prefixes: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut max_len = 0;
        for (id, piece) in pieces.iter().enumerate() {
            let bounds: Vec<usize> = piece.char_indices().map(|(i, _)| i).skip(1).collect();
            max_len = max_len.max(bounds.len() + 1);
            for end in bounds {
                prefixes.entry(piece[..end].into()).or_insert(0);
            }
            prefixes.insert((*piece).into(), id as u32 + 1);
        }
        let unk_score = scores.iter().copied().fold(f32::INFINITY, f32::min) - 10.0;
        Ok(Tokenizer {
            prefixes,
            scores,
            max_len,
            unk_score,
            normalizer: Normalizer::new(charsmap)?,
        })
    }

    /// The ids of `text`, between the begin and end markers.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let normalized = self.normalizer.normalize(text);
        let mut ids = vec![BOS];
        if normalized.is_empty() {
            ids.push(UNK);
        } else {
            ids.extend(self.viterbi(&normalized));
        }
        ids.push(EOS);
        ids
    }

    /// The best segmentation: for every end position the best-scoring piece that ends there
    /// (earliest start on ties, as the reference library breaks them).
    fn viterbi(&self, s: &str) -> Vec<u32> {
        let mut bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
        bounds.push(s.len());
        let n = bounds.len() - 1;
        let mut best = vec![f32::MIN; n + 1];
        best[0] = 0.0;
        let mut start_of = vec![0usize; n + 1];
        let mut piece_of = vec![UNK; n + 1];
        for i in 0..n {
            let base = best[i];
            let mut has_single = false;
            for j in i + 1..=(i + self.max_len).min(n) {
                let Some(&v) = self.prefixes.get(&s[bounds[i]..bounds[j]]) else {
                    break;
                };
                if v > 0 {
                    let score = base + self.scores[v as usize - 1];
                    if score > best[j] {
                        best[j] = score;
                        start_of[j] = i;
                        piece_of[j] = v - 1;
                    }
                    has_single |= j == i + 1;
                }
            }
            if !has_single && base + self.unk_score > best[i + 1] {
                best[i + 1] = base + self.unk_score;
                start_of[i + 1] = i;
                piece_of[i + 1] = UNK;
            }
        }
        let mut ids = Vec::new();
        let mut p = n;
        while p > 0 {
            ids.push(piece_of[p]);
            p = start_of[p];
        }
        ids.reverse();
        ids
    }
}

/// The `nmt_nfkc` normalizer: longest match in the character map, then SentencePiece's
/// whitespace rules (a leading marker, runs of spaces as one, none at either end).
struct Normalizer {
    units: Vec<u32>,
    replacements: Vec<u8>,
}

impl Normalizer {
    fn new(charsmap: &[u8]) -> Result<Normalizer, SemanticError> {
        if charsmap.is_empty() {
            return Ok(Normalizer {
                units: Vec::new(),
                replacements: Vec::new(),
            });
        }
        let bad = || SemanticError::Model("sp.model: a broken character map".into());
        let size = u32::from_le_bytes(charsmap.get(..4).ok_or_else(bad)?.try_into().unwrap());
        let trie = charsmap.get(4..4 + size as usize).ok_or_else(bad)?;
        let units = trie
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
            .collect();
        Ok(Normalizer {
            units,
            replacements: charsmap[4 + size as usize..].to_vec(),
        })
    }

    fn offset(unit: u32) -> usize {
        ((unit >> 10) << ((unit & 0x200) >> 6)) as usize
    }

    /// What `data[pos..]` begins with, normalized, and how many bytes that consumed.
    fn prefix<'a>(&'a self, data: &'a [u8], pos: usize) -> (&'a [u8], usize) {
        let (mut best_len, mut best_value) = (0, 0usize);
        if let Some(&root) = self.units.first() {
            let mut node = Self::offset(root);
            for (i, &c) in data[pos..].iter().enumerate() {
                node ^= c as usize;
                let Some(&unit) = self.units.get(node) else {
                    break;
                };
                if unit & 0x8000_00FF != c as u32 {
                    break;
                }
                node ^= Self::offset(unit);
                if unit & 0x100 != 0 {
                    best_len = i + 1;
                    best_value =
                        (self.units.get(node).copied().unwrap_or(0) & 0x7FFF_FFFF) as usize;
                }
            }
        }
        if best_len == 0 || best_value >= self.replacements.len() {
            let len = utf8_len(data[pos]).min(data.len() - pos);
            return (&data[pos..pos + len], len);
        }
        let rest = &self.replacements[best_value..];
        let end = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        (&rest[..end], best_len)
    }

    fn normalize(&self, text: &str) -> String {
        let raw = text.as_bytes();
        let mut pos = 0;
        while pos < raw.len() {
            let (p, len) = self.prefix(raw, pos);
            if p != b" " {
                break;
            }
            pos += len;
        }
        if pos >= raw.len() {
            return String::new();
        }
        let mut out: Vec<u8> = SPACE.as_bytes().to_vec();
        let mut prev_space = true;
        while pos < raw.len() {
            let (mut p, len) = self.prefix(raw, pos);
            pos += len;
            if prev_space {
                while let [b' ', rest @ ..] = p {
                    p = rest;
                }
            }
            if p.is_empty() {
                continue;
            }
            for &b in p {
                if b == b' ' {
                    out.extend_from_slice(SPACE.as_bytes());
                } else {
                    out.push(b);
                }
            }
            prev_space = p.last() == Some(&b' ');
        }
        while out.ends_with(SPACE.as_bytes()) {
            out.truncate(out.len() - SPACE.len());
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

fn utf8_len(first: u8) -> usize {
    match first {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

enum Value<'a> {
    Varint,
    Fixed32(u32),
    Bytes(&'a [u8]),
}

fn varint(data: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *data.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7F) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// The fields of one protobuf message: (field number, value); `None` when it is malformed.
fn fields(data: &[u8]) -> Option<Vec<(u64, Value<'_>)>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < data.len() {
        let tag = varint(data, &mut pos)?;
        let value = match tag & 7 {
            0 => {
                varint(data, &mut pos)?;
                Value::Varint
            }
            1 => {
                pos += 8;
                Value::Varint
            }
            2 => {
                let len = varint(data, &mut pos)? as usize;
                let bytes = data.get(pos..pos.checked_add(len)?)?;
                pos += len;
                Value::Bytes(bytes)
            }
            5 => {
                let bytes = data.get(pos..pos + 4)?;
                pos += 4;
                Value::Fixed32(u32::from_le_bytes(bytes.try_into().ok()?))
            }
            _ => return None,
        };
        out.push((tag >> 3, value));
    }
    (pos == data.len()).then_some(out)
}
