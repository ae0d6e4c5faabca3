//! ARCHITECTURE.md against the code: every file, directory and module it names exists.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Where a path the document names lives: source paths are relative to `src/`, the rest
/// (rule files, examples, scripts) to the repository.
fn located(name: &str) -> std::path::PathBuf {
    if let Some(source) = name.strip_prefix("src/") {
        return root().join("src").join(source);
    }
    let at_root = [
        "rules/",
        "examples/",
        "tests/",
        "scripts/",
        "docs/",
        "fixtures/",
    ];
    if name.ends_with(".yaml") || at_root.iter().any(|r| name.starts_with(r)) {
        // `rules/` is both a source directory and the rule files' one: a `.rs` is source.
        if !name.ends_with(".rs") || !root().join("src").join(name).exists() {
            return root().join(name);
        }
    }
    root().join("src").join(name)
}

/// The code spans of the document (`…`).
fn code_spans(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

#[test]
fn every_module_the_architecture_names_exists() {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let mut missing = Vec::new();
    let mut checked = 0;
    for span in code_spans(&text) {
        // A file a user writes (`.claimdiff.yaml`) is no part of the code.
        let is_path = !span.starts_with('.')
            && (span.ends_with(".rs") || span.ends_with('/') || span.ends_with(".yaml"))
            && span
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_./-".contains(c));
        if is_path {
            checked += 1;
            if !located(span).exists() {
                missing.push(span.to_string());
            }
        }
    }
    // The table's module column: `dir/` (`a`, `b`) names the files of a directory module.
    for line in text.lines().filter(|l| l.starts_with("| ")) {
        let Some(module) = line.split('|').nth(2) else {
            continue;
        };
        let spans = code_spans(module);
        let Some(dir) = spans.first().filter(|d| d.ends_with('/')) else {
            continue;
        };
        for file in spans[1..].iter().filter(|f| !f.contains('*')) {
            checked += 1;
            let name = format!("{dir}{file}.rs");
            if !located(&name).exists() {
                missing.push(name);
            }
        }
    }
    println!("{checked} paths named in ARCHITECTURE.md");
    assert!(checked > 30, "the scan found too few paths: {checked}");
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names what is gone: {missing:?}"
    );
}

/// The layers the document draws are the ones tests/layers.rs checks.
#[test]
fn the_picture_of_the_layers_is_the_checked_one() {
    let text = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let layers = std::fs::read_to_string(root().join("tests/layers.rs")).unwrap();
    let start = layers
        .find("const LAYERS")
        .expect("tests/layers.rs has LAYERS");
    let end = start + layers[start..].find("\n];").expect("LAYERS ends");
    let checked: Vec<&str> = layers[start..end]
        .lines()
        .filter_map(|l| l.trim().strip_prefix("(\""))
        .filter_map(|l| l.split('"').next())
        .collect();
    assert!(checked.len() >= 10, "{checked:?}");
    for name in checked {
        assert!(
            text.contains(&format!("[{name}]")),
            "ARCHITECTURE.md's picture lacks the layer {name}"
        );
    }
}
