//! The layers of `src/` only point down, and no source file depends on itself through others.
//!
//! Reads every file under `src/` (not `main.rs`, which is the binary), collects the paths it
//! names (`use crate::…`, `use super::…`, `use child::…`, and `crate::…`/`super::…`/`self::…`
//! written inline), resolves each to the file that defines the module, and checks the
//! resulting graph against `LAYERS`. Run with `--nocapture` to see the layers and the edges
//! that cross them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Layers, lowest first: a file may use files of its own layer or of a lower one. Each entry
/// names module paths (`crate::…` without `crate`); a file belongs to the longest that
/// prefixes its module path.
const LAYERS: &[(&str, &[&str])] = &[
    // Reading files and YAML, writing outputs, the error type: know nothing of the domain.
    ("edge", &["error", "input", "output", "progress"]),
    // Spans, folding, words: no language data (the word lists are folded with them).
    ("text", &["source", "normalize"]),
    ("language data", &["lang"]),
    // Text → segments, claim text → features (and meaning vectors): no article in sight.
    ("segment", &["segment"]),
    ("extract", &["extract", "semantic"]),
    // Files → articles, each segmented and dated with the two layers below.
    ("ingest", &["ingest"]),
    ("align", &["align"]),
    ("compare", &["diff", "rules", "config"]),
    ("report", &["report"]),
    ("run", &["pipeline", "check", "pairs"]),
    ("cli", &["cli"]),
];

/// One source file: its module path and the text the scan reads.
struct File {
    path: String,
    module: Vec<String>,
    text: String,
}

fn source_files() -> Vec<File> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path
                .strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if rel == "main.rs" {
                continue;
            }
            let mut module: Vec<String> = rel
                .trim_end_matches(".rs")
                .split('/')
                .map(str::to_string)
                .collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            out.push(File {
                path: rel,
                module,
                text: strip(&std::fs::read_to_string(&path).unwrap()),
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

/// The text with comments, strings and character literals blanked (newlines kept), so that
/// only code is scanned.
fn strip(src: &str) -> String {
    let c: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < c.len() {
        if c[i] == '/' && at(&c, i + 1) == Some('/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if c[i] == '/' && at(&c, i + 1) == Some('*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && at(&c, i + 1) == Some('*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(&c, i + 1) == Some('/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c[i] == 'r'
            && (at(&c, i + 1) == Some('"') || at(&c, i + 1) == Some('#'))
            && (i == 0 || !(c[i - 1].is_alphanumeric() || c[i - 1] == '_'))
        {
            // Raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while c.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if c.get(j) != Some(&'"') {
                out.push(c[i]);
                i += 1;
                continue;
            }
            j += 1;
            while j < c.len() {
                if c[j] == '"' && (0..hashes).all(|h| c.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c[i] == '"' {
            i += 1;
            while i < c.len() && c[i] != '"' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c[i] == '\'' && (at(&c, i + 1) == Some('\\') || at(&c, i + 2) == Some('\'')) {
            // A character literal (a lifetime has no closing quote two characters on).
            i += 1;
            while i < c.len() && c[i] != '\'' {
                i += if c[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("' '");
        } else {
            out.push(c[i]);
            i += 1;
        }
    }
    out
}

fn at(c: &[char], i: usize) -> Option<char> {
    c.get(i).copied()
}

/// Expand a use tree ("a::{b, c::{d as e}}") into its paths.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree);
        return vec![path.split_whitespace().collect()];
    };
    let prefix: String = tree[..open].split_whitespace().collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut parts, mut depth, mut start) = (Vec::new(), 0, 0);
    for (k, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| format!("{prefix}{p}"))
        .collect()
}

fn in_test(inline: &[String]) -> bool {
    inline.iter().any(|m| m.starts_with("#test:"))
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The paths a file names, each with the inline module it is written in (`mod tests { … }`
/// makes `super` the file itself).
fn named_paths(text: &str) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    // Inline modules open at a brace depth; `scope` holds their names and depths.
    let mut scope: Vec<(String, usize)> = Vec::new();
    let mut depth = 0;
    let mut pending_mod: Option<String> = None;
    // `#[cfg(test)]` was just read: the next `mod` or `use` is test code.
    let mut test_attr = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (at, ch) = chars[k];
        let word_start = ch.is_alphabetic() || ch == '_';
        let after_ident = at > 0 && text[..at].chars().next_back().is_some_and(is_ident);
        let after_path = text[..at].ends_with("::");
        match ch {
            '{' => {
                depth += 1;
                if let Some(name) = pending_mod.take() {
                    scope.push((name, depth));
                }
                test_attr = false;
            }
            '}' => {
                if scope.last().is_some_and(|(_, d)| *d == depth) {
                    scope.pop();
                }
                depth -= 1;
            }
            ';' => {
                pending_mod = None;
                test_attr = false;
            }
            '#' if text[at..].starts_with("#[cfg(test)]") => test_attr = true,
            _ if word_start && !after_ident && !after_path => {
                let end = text[at..]
                    .find(|c: char| !is_ident(c))
                    .map_or(text.len(), |e| at + e);
                let word = &text[at..end];
                let inline: Vec<String> = scope.iter().map(|(n, _)| n.clone()).collect();
                if word == "mod" {
                    let name_start = text[end..]
                        .find(|c: char| !c.is_whitespace())
                        .map_or(end, |s| end + s);
                    let name_end = text[name_start..]
                        .find(|c: char| !is_ident(c))
                        .map_or(text.len(), |e| name_start + e);
                    // Unit tests build their fixtures from any layer, as the tests in
                    // tests/ do: they are no part of the library's layers.
                    let name = &text[name_start..name_end];
                    pending_mod = Some(if test_attr {
                        format!("#test:{name}")
                    } else {
                        name.to_string()
                    });
                } else if word == "use" {
                    let stop = text[end..].find(';').map_or(text.len(), |s| end + s);
                    if !test_attr && !in_test(&inline) {
                        for path in expand(&text[end..stop]) {
                            out.push((inline.clone(), path));
                        }
                    }
                    k = chars.partition_point(|(i, _)| *i < stop);
                    continue;
                } else if text[end..].starts_with("::") {
                    let mut stop = end;
                    while text[stop..].starts_with("::") {
                        let next = stop + 2;
                        let len = text[next..].find(|c: char| !is_ident(c)).unwrap_or(0);
                        if len == 0 {
                            break;
                        }
                        stop = next + len;
                    }
                    if !in_test(&inline) {
                        out.push((inline, text[at..stop].to_string()));
                    }
                    k = chars.partition_point(|(i, _)| *i < stop);
                    continue;
                }
                k = chars.partition_point(|(i, _)| *i < end);
                continue;
            }
            _ => {}
        }
        k += 1;
    }
    out
}

/// The dependencies between files: file → (file it uses, a path that shows it).
fn graph(files: &[File]) -> BTreeMap<String, BTreeMap<String, String>> {
    let by_module: BTreeMap<&[String], &str> = files
        .iter()
        .map(|f| (f.module.as_slice(), f.path.as_str()))
        .collect();
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for f in files {
        for (inline, path) in named_paths(&f.text) {
            let segs: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
            let here: Vec<String> = f.module.iter().chain(&inline).cloned().collect();
            let mut target: Vec<String> = match segs.first() {
                Some(&"crate") => segs[1..].iter().map(|s| s.to_string()).collect(),
                Some(&"super" | &"self") => {
                    let mut base = here.clone();
                    let mut rest = &segs[..];
                    while let Some((&first, tail)) = rest.split_first() {
                        match first {
                            "super" => {
                                base.pop();
                            }
                            "self" => {}
                            _ => break,
                        }
                        rest = tail;
                    }
                    base.extend(rest.iter().map(|s| s.to_string()));
                    base
                }
                // A child module named without `self::` (`use decode::…` in ingest/mod.rs).
                Some(first) => {
                    let mut child = here.clone();
                    child.push(first.to_string());
                    if !by_module.contains_key(child.as_slice()) {
                        continue;
                    }
                    child.extend(segs[1..].iter().map(|s| s.to_string()));
                    child
                }
                None => continue,
            };
            while !target.is_empty() && !by_module.contains_key(target.as_slice()) {
                target.pop();
            }
            let Some(&to) = by_module.get(target.as_slice()) else {
                continue;
            };
            // `lib.rs` declares the modules; it is no stage.
            if to != f.path && to != "lib.rs" && f.path != "lib.rs" {
                edges
                    .entry(f.path.clone())
                    .or_default()
                    .entry(to.to_string())
                    .or_insert(path);
            }
        }
    }
    edges
}

fn layer_of(file: &File) -> Option<(usize, &'static str)> {
    let mut best: Option<(usize, usize, &str)> = None;
    for (n, (name, modules)) in LAYERS.iter().enumerate() {
        for m in *modules {
            let parts: Vec<&str> = m.split("::").collect();
            if file.module.len() >= parts.len()
                && file.module.iter().zip(&parts).all(|(a, b)| a == b)
                && best.is_none_or(|(len, _, _)| parts.len() > len)
            {
                best = Some((parts.len(), n, name));
            }
        }
    }
    best.map(|(_, n, name)| (n, name))
}

/// Is `to` the `mod.rs` of a module that holds `from`? A file uses what its module shares
/// (`super::Role`), and the module names its files; that is how a directory is one module,
/// not a loop between stages.
fn is_ancestor_face(from: &str, to: &str) -> bool {
    to.strip_suffix("mod.rs")
        .is_some_and(|dir| from.starts_with(dir) && from != to)
}

/// Strongly connected components of more than one file (Tarjan), not counting a file's use
/// of its own module's `mod.rs`.
fn cycles(edges: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeMap<String, String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        if let Some(out) = s.edges.get(v) {
            for w in out.keys().filter(|w| !is_ancestor_face(v, w)) {
                if !s.index.contains_key(w.as_str()) {
                    visit(s, w);
                    let low = s.low[v].min(s.low[w.as_str()]);
                    s.low.insert(v, low);
                } else if s.on_stack.contains(w.as_str()) {
                    let low = s.low[v].min(s.index[w.as_str()]);
                    s.low.insert(v, low);
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found
}

#[test]
fn layers_point_down_and_files_do_not_loop() {
    let files = source_files();
    let edges = graph(&files);
    let layer: BTreeMap<&str, (usize, &str)> = files
        .iter()
        .filter(|f| f.path != "lib.rs")
        .map(|f| {
            let l = layer_of(f).unwrap_or_else(|| panic!("src/{} is in no layer", f.path));
            (f.path.as_str(), l)
        })
        .collect();
    for (n, (name, _)) in LAYERS.iter().enumerate().rev() {
        let members: Vec<&str> = layer
            .iter()
            .filter(|(_, (l, _))| *l == n)
            .map(|(p, _)| *p)
            .collect();
        println!("{n:>2} {name:<14} {}", members.join(" "));
    }
    let mut upward = Vec::new();
    for (from, out) in &edges {
        for (to, path) in out {
            let (lf, nf) = layer[from.as_str()];
            let (lt, nt) = layer[to.as_str()];
            if lt > lf {
                upward.push(format!("{from} ({nf}) uses {to} ({nt}): {path}"));
            }
        }
    }
    let loops = cycles(&edges);
    let count: usize = edges.values().map(BTreeMap::len).sum();
    println!(
        "{} files, {count} dependencies between them, {} upward, {} loops",
        layer.len(),
        upward.len(),
        loops.len()
    );
    for u in &upward {
        println!("upward: {u}");
    }
    for l in &loops {
        println!("loop: {}", l.join(" "));
        for f in l {
            for (t, p) in &edges[f.as_str()] {
                if l.contains(t) && !is_ancestor_face(f, t) {
                    println!("    {f} -> {t}: {p}");
                }
            }
        }
    }
    assert!(
        upward.is_empty() && loops.is_empty(),
        "a lower layer uses a higher one, or files loop (see the lines above)"
    );
}

#[test]
fn the_scan_reads_paths_as_rust_does() {
    let text = strip(
        "use crate::a::{b, c::{d as e}};\n// use crate::z;\nlet s = \"crate::y\";\n\
         mod live { use super::x; fn f<'a>() { let c = '\"'; } }\n\
         #[cfg(test)]\nmod tests { use super::*; fn f() { crate::q::r(); } }",
    );
    let paths = named_paths(&text);
    let shown: Vec<String> = paths
        .iter()
        .map(|(inline, p)| format!("{}:{p}", inline.join("::")))
        .collect();
    assert_eq!(shown, [":crate::a::b", ":crate::a::c::d", "live:super::x"]);
}

/// The longest functions of `src/`: (lines from `fn` to its closing brace, file, name).
fn function_lengths(files: &[File]) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    for f in files {
        let t = &f.text;
        let mut from = 0;
        while let Some(found) = t[from..].find("fn ") {
            let at = from + found;
            from = at + 3;
            if t[..at].chars().next_back().is_some_and(is_ident) {
                continue;
            }
            let name: String = t[at + 3..].chars().take_while(|&c| is_ident(c)).collect();
            // The body opens at the first `{` before any `;` (a declaration has none).
            let Some(open) = t[at..].find(['{', ';']).map(|o| at + o) else {
                continue;
            };
            if name.is_empty() || t.as_bytes()[open] == b';' {
                continue;
            }
            let mut depth = 0;
            let mut close = open;
            for (k, ch) in t[open..].char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => continue,
                }
                if depth == 0 {
                    close = open + k;
                    break;
                }
            }
            let lines = t[at..=close].lines().count();
            out.push((lines, f.path.clone(), name));
        }
    }
    out.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    out
}

/// A function a newcomer can read in one go: none over 120 lines.
#[test]
fn no_function_is_over_120_lines() {
    let lengths = function_lengths(&source_files());
    for (lines, path, name) in lengths.iter().take(10) {
        println!("{lines:>4} src/{path} {name}");
    }
    let long: Vec<_> = lengths
        .iter()
        .filter(|(lines, _, _)| *lines > 120)
        .collect();
    assert!(long.is_empty(), "functions over 120 lines: {long:?}");
}
