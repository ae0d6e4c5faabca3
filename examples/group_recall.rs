//! How many groups of a reference `compare` run (`--candidates all-pairs`) another run (the
//! indexed default) also finds, from their JSON reports. Both runs must read the same files
//! in the same order, so that claim ids (`a3.c7`) name the same claims.
//!
//! ```sh
//! cargo run --release --example group_recall -- all-pairs.json indexed.json
//! ```
//!
//! Only groups of two or more claims count: a lone claim has nothing to be found with.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

/// The part of a report this needs; serde skips the rest.
#[derive(Debug, Deserialize)]
struct Report {
    groups: Vec<Group>,
}

#[derive(Debug, Deserialize)]
struct Group {
    claims: Vec<String>,
}

fn read(path: &Path) -> Result<Vec<Vec<String>>> {
    let file = File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let report: Report = serde_json::from_reader(BufReader::new(file))
        .with_context(|| format!("reading {}", path.display()))?;
    Ok(report.groups.into_iter().map(|g| g.claims).collect())
}

/// Recall of `reference`'s groups in `found`, three ways.
#[derive(Debug, PartialEq)]
struct Recall {
    groups: usize,
    /// Some group of `found` has exactly the same claims.
    same_set: usize,
    /// All the group's claims are in one group of `found`, which may hold more.
    together: usize,
    pairs: usize,
    /// Pairs of claims grouped in `reference` that are grouped in `found` too.
    pairs_together: usize,
}

fn recall(reference: &[Vec<String>], found: &[Vec<String>]) -> Recall {
    let mut group_of: HashMap<&str, usize> = HashMap::new();
    let mut sets = HashSet::new();
    for (i, g) in found.iter().enumerate() {
        for c in g {
            group_of.insert(c, i);
        }
        let mut set: Vec<&str> = g.iter().map(String::as_str).collect();
        set.sort_unstable();
        sets.insert(set);
    }
    let mut r = Recall {
        groups: 0,
        same_set: 0,
        together: 0,
        pairs: 0,
        pairs_together: 0,
    };
    for g in reference.iter().filter(|g| g.len() >= 2) {
        r.groups += 1;
        let mut set: Vec<&str> = g.iter().map(String::as_str).collect();
        set.sort_unstable();
        r.same_set += usize::from(sets.contains(&set));
        let homes: Vec<Option<&usize>> = g.iter().map(|c| group_of.get(c.as_str())).collect();
        r.together += usize::from(homes[0].is_some() && homes.iter().all(|h| *h == homes[0]));
        for (i, a) in homes.iter().enumerate() {
            for b in &homes[i + 1..] {
                r.pairs += 1;
                r.pairs_together += usize::from(a.is_some() && a == b);
            }
        }
    }
    r
}

fn percent(part: usize, whole: usize) -> f64 {
    100.0 * part as f64 / whole.max(1) as f64
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [reference, found] = args.as_slice() else {
        bail!("usage: group_recall REFERENCE.json FOUND.json (the all-pairs run first)");
    };
    let r = recall(&read(Path::new(reference))?, &read(Path::new(found))?);
    println!("reference groups (2+ claims)   {}", r.groups);
    println!(
        "  same claim set found         {} ({:.1} %)",
        r.same_set,
        percent(r.same_set, r.groups)
    );
    println!(
        "  all its claims grouped       {} ({:.1} %)",
        r.together,
        percent(r.together, r.groups)
    );
    println!(
        "reference claim pairs grouped  {} of {} ({:.1} %)",
        r.pairs_together,
        r.pairs,
        percent(r.pairs_together, r.pairs)
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn groups(gs: &[&[&str]]) -> Vec<Vec<String>> {
        gs.iter()
            .map(|g| g.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn three_measures() {
        let reference = groups(&[
            &["a1.c1", "a2.c1"],
            &["a1.c2", "a2.c2", "a3.c2"],
            &["a3.c9"],
        ]);
        let found = groups(&[&["a2.c1", "a1.c1"], &["a1.c2", "a2.c2"], &["a3.c2"]]);
        let r = recall(&reference, &found);
        assert_eq!(
            r,
            Recall {
                groups: 2,
                same_set: 1,
                together: 1,
                pairs: 4,
                pairs_together: 2,
            }
        );
        let superset = groups(&[&["a1.c1", "a2.c1", "a3.c1"], &["a1.c2", "a2.c2", "a3.c2"]]);
        let r = recall(&reference, &superset);
        assert_eq!((r.same_set, r.together, r.pairs_together), (1, 2, 4));
    }
}
