//! Evaluation helpers shared by the examples that read `shared/data`: loading a split,
//! accuracy and F1, the best threshold on train, Spearman correlation.

use std::path::Path;

use claimdiff::pairs;

pub struct Split {
    pub left: Vec<String>,
    pub right: Vec<String>,
    /// MSRP: 0 or 1; STSb: 0 to 5.
    pub gold: Vec<f64>,
}

pub fn load(path: &Path, gold: &str) -> Result<Split, String> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    let table = pairs::read_table(&name, &text, None).map_err(|e| e.to_string())?;
    let col = |c: &str| pairs::column(&table, c).map_err(|e| e.to_string());
    let (l, r, g) = (col("sentence1")?, col("sentence2")?, col(gold)?);
    let gold = table
        .values(g)
        .iter()
        .zip(&table.lines)
        .map(|(v, line)| {
            v.parse::<f64>()
                .map_err(|_| format!("{name}:{line}: {gold} {v:?} is not a number"))
        })
        .collect::<Result<Vec<f64>, String>>()?;
    Ok(Split {
        left: table.values(l),
        right: table.values(r),
        gold,
    })
}

/// Accuracy and F1 (of the positive class) of `predicted` against `gold`, in %.
pub fn acc_f1(predicted: impl Iterator<Item = bool>, gold: &[f64]) -> (f64, f64) {
    let (mut tp, mut fp, mut tn, mut fn_) = (0.0, 0.0, 0.0, 0.0);
    for (p, &g) in predicted.zip(gold) {
        match (p, g > 0.5) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, false) => tn += 1.0,
            (false, true) => fn_ += 1.0,
        }
    }
    let acc = (tp + tn) / (tp + tn + fp + fn_);
    let f1 = if tp == 0.0 {
        0.0
    } else {
        2.0 * tp / (2.0 * tp + fp + fn_)
    };
    (100.0 * acc, 100.0 * f1)
}

/// The threshold with the best accuracy of `score >= t`: midway between two adjacent scores.
pub fn best_threshold(scores: &[f64], gold: &[f64]) -> f64 {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    // Everything at or above the first score is "paraphrase"; move the cut up one pair at a time.
    let mut correct = gold.iter().filter(|&&g| g > 0.5).count() as i64;
    let (mut best, mut best_t) = (correct, scores[order[0]] - 1e-9);
    for k in 0..order.len() {
        correct += if gold[order[k]] > 0.5 { -1 } else { 1 };
        let last = k + 1 == order.len();
        if !last && scores[order[k + 1]] == scores[order[k]] {
            continue;
        }
        if correct > best {
            best = correct;
            best_t = if last {
                scores[order[k]] + 1e-9
            } else {
                (scores[order[k]] + scores[order[k + 1]]) / 2.0
            };
        }
    }
    best_t
}

/// Ranks from 1, ties sharing their mean rank.
fn ranks(x: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut r = vec![0.0; x.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && x[order[j + 1]] == x[order[i]] {
            j += 1;
        }
        let mean = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            r[k] = mean;
        }
        i = j + 1;
    }
    r
}

/// Spearman correlation ×100.
pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    let (rx, ry) = (ranks(x), ranks(y));
    let n = x.len() as f64;
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in rx.iter().zip(&ry) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    100.0 * sxy / (sxx * syy).sqrt()
}

/// The MSRP pairs of one split (`msrp-train` or `msrp-test`) that STSb translated into French
/// (`stsb_msrpar_x_msrp.tsv`), with their MSRP label: the French pairs and the same pairs in
/// English.
pub fn msrp_translated(data: &Path, split: &str) -> Result<(Split, Split), String> {
    let path = data.join("stsb_multi_mt/stsb_msrpar_x_msrp.tsv");
    let name = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
    let table = pairs::read_table(&name, &text, None).map_err(|e| e.to_string())?;
    let col = |c: &str| pairs::column(&table, c).map_err(|e| e.to_string());
    let (id, label) = (col("msrp_id")?, col("msrp_label")?);
    let keep: Vec<&Vec<String>> = table
        .rows
        .iter()
        .filter(|r| r[id].starts_with(&format!("{split}-")))
        .collect();
    let gold: Vec<f64> = keep
        .iter()
        .map(|r| if r[label] == "1" { 1.0 } else { 0.0 })
        .collect();
    let side = |l: &str, r: &str| -> Result<Split, String> {
        let (l, r) = (col(l)?, col(r)?);
        Ok(Split {
            left: keep.iter().map(|row| row[l].clone()).collect(),
            right: keep.iter().map(|row| row[r].clone()).collect(),
            gold: gold.clone(),
        })
    };
    Ok((
        side("sentence1_fr", "sentence2_fr")?,
        side("sentence1_en", "sentence2_en")?,
    ))
}
