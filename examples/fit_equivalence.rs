//! Fit the equivalence test (`rules/equivalence.yaml`) on MSRP train (English, and the pairs of
//! it that STSb translated into French), from the evaluation data
//! in `shared/data` (not shipped: MSRP is licensed for non-commercial use only; the ten
//! weights fitted on it are what the project keeps). Test is never read here.
//!
//!     cargo run --release --example fit_equivalence -- ../shared/data          # print
//!     cargo run --release --example fit_equivalence -- ../shared/data --write  # replace
//!
//! The model is a logistic regression over the features of
//! `claimdiff::align::equivalence::FEATURES`, standardised, with an L2 penalty, fitted by
//! Newton's method; the threshold is the one with the best accuracy on train.

// Matrix code reads best with its indices.
#![allow(clippy::needless_range_loop)]

use std::path::PathBuf;

use claimdiff::align::equivalence::{
    self, EquivalenceModel, FeatureWeight, PairFeatures, FEATURES,
};
use claimdiff::lang::LangCode;
use claimdiff::pairs;

#[path = "support/eval.rs"]
#[allow(dead_code)] // Spearman is for the quality example.
mod eval;

/// L2 penalty on the standardised weights (the intercept is not penalised): a mild one. In
/// exploratory 10-fold cross-validation on MSRP train, penalties of 0.5 and 5 moved the
/// accuracy by under half a point.
const L2: f64 = 5.0;

const N: usize = FEATURES.len();

/// Solve `a x = b` (small, symmetric positive definite) by Gaussian elimination.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Vec<f64> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n)
            .max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))
            .expect("rows left");
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..n {
            let f = a[row][col] / a[col][col];
            for k in col..n {
                a[row][k] -= f * a[col][k];
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    x
}

/// Logistic regression on rows `z` (standardised, with a leading 1 for the intercept).
fn fit(z: &[[f64; N + 1]], y: &[f64]) -> [f64; N + 1] {
    let mut w = [0.0; N + 1];
    for _ in 0..50 {
        let mut grad = vec![0.0; N + 1];
        let mut hess = vec![vec![0.0; N + 1]; N + 1];
        for (x, &t) in z.iter().zip(y) {
            let p = 1.0 / (1.0 + (-x.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>()).exp());
            for i in 0..=N {
                grad[i] += (p - t) * x[i];
                for j in 0..=N {
                    hess[i][j] += p * (1.0 - p) * x[i] * x[j];
                }
            }
        }
        for i in 1..=N {
            grad[i] += L2 * w[i];
            hess[i][i] += L2;
        }
        let step = solve(hess, grad);
        let mut moved = 0.0f64;
        for i in 0..=N {
            w[i] -= step[i];
            moved = moved.max(step[i].abs());
        }
        if moved < 1e-10 {
            break;
        }
    }
    w
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let data = PathBuf::from(
        args.iter()
            .find(|a| !a.starts_with("--"))
            .cloned()
            .unwrap_or_else(|| "../shared/data".into()),
    );
    let write = args.iter().any(|a| a == "--write");
    let load = || -> Result<(eval::Split, eval::Split), String> {
        let en = eval::load(&data.join("msrp/msrp_train.tsv"), "label")?;
        let (fr, _) = eval::msrp_translated(&data, "msrp-train")?;
        Ok((en, fr))
    };
    let (en, fr) = load().unwrap_or_else(|e| {
        eprintln!("fit_equivalence: {e}");
        std::process::exit(2);
    });
    let rules = claimdiff::rules::ruleset::build(None).expect("bundled rule set");
    // English MSRP train, and its pairs that STSb translated into French: the test serves
    // both languages.
    let mut features: Vec<PairFeatures> =
        pairs::equivalence_features(&en.left, &en.right, Some(LangCode::En), &rules);
    features.extend(pairs::equivalence_features(
        &fr.left,
        &fr.right,
        Some(LangCode::Fr),
        &rules,
    ));
    let mut gold = en.gold.clone();
    gold.extend(&fr.gold);
    let train = (en.gold.len(), fr.gold.len());

    let n = features.len() as f64;
    let mut mean = [0.0; N];
    let mut sd = [0.0; N];
    for f in &features {
        for (m, v) in mean.iter_mut().zip(f.values) {
            *m += v / n;
        }
    }
    for f in &features {
        for k in 0..N {
            sd[k] += (f.values[k] - mean[k]).powi(2) / n;
        }
    }
    let sd = sd.map(|v| if v > 0.0 { v.sqrt() } else { 1.0 });
    let z: Vec<[f64; N + 1]> = features
        .iter()
        .map(|f| {
            let mut row = [1.0; N + 1];
            for k in 0..N {
                row[k + 1] = (f.values[k] - mean[k]) / sd[k];
            }
            row
        })
        .collect();
    let w = fit(&z, &gold);

    let mut model = EquivalenceModel {
        fitted_on: format!(
            "MSRP train ({} English news sentence pairs, paraphrase or not) and the {} of them \
             that STSb translated into French: logistic regression on standardised features, \
             L2 {L2}, by `cargo run --release --example fit_equivalence`; threshold for the \
             best accuracy on train",
            train.0, train.1
        ),
        intercept: round(w[0], 5),
        threshold: 0.5,
        features: FEATURES
            .iter()
            .enumerate()
            .map(|(k, name)| {
                (
                    name.to_string(),
                    FeatureWeight {
                        weight: round(w[k + 1] / sd[k], 5),
                        mean: round(mean[k], 5),
                    },
                )
            })
            .collect(),
    };
    let probabilities: Vec<f64> = features
        .iter()
        .map(|f| model.assess(f).probability)
        .collect();
    model.threshold = round(eval::best_threshold(&probabilities, &gold), 4);
    let (acc, f1) = eval::acc_f1(probabilities.iter().map(|&p| p >= model.threshold), &gold);
    eprintln!(
        "train: accuracy {acc:.1} %, F1 {f1:.1} at threshold {}",
        model.threshold
    );

    let yaml = format!(
        "# The equivalence test of claimdiff (src/align/equivalence.rs): do two aligned claims\n\
         # state the same thing? Log-odds = intercept + sum of weight × (value − mean).\n\
         # Written by examples/fit_equivalence.rs; refit rather than edit by hand.\n{}",
        serde_yaml::to_string(&model).expect("model serialises")
    );
    if write {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(equivalence::BUNDLED_FILE);
        std::fs::write(&path, yaml).expect("write rules/equivalence.yaml");
        eprintln!("wrote {}", path.display());
    } else {
        print!("{yaml}");
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}
