//! The configuration file, found as ruff and Vale find theirs: `claimdiff.toml`,
//! `.claimdiff.toml` or `.claimdiff.yaml` in the current directory, else in the nearest parent
//! that has one. It sets defaults that the command line overrides.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;

use super::args::{FailOn, ReportFormat};

/// The names looked for in each directory, first found wins.
pub const NAMES: [&str; 5] = [
    "claimdiff.toml",
    ".claimdiff.toml",
    ".claimdiff.yaml",
    ".claimdiff.yml",
    "claimdiff.yaml",
];

/// What a configuration file may set.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct FileSettings {
    /// A rule file, relative to the configuration file.
    rules: Option<PathBuf>,
    threshold: Option<f64>,
    format: Option<String>,
    fail_on: Option<String>,
}

/// The settings in effect, and where they come from.
#[derive(Debug, Default)]
pub struct Config {
    /// The file read, if any.
    pub path: Option<PathBuf>,
    pub rules: Option<PathBuf>,
    pub threshold: Option<f64>,
    pub format: Option<ReportFormat>,
    pub fail_on: Option<FailOn>,
}

/// The configuration file for `dir`: in it, or in its nearest parent that has one.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .flat_map(|d| NAMES.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// The configuration in effect: `explicit` (`--config`), else the one found from the current
/// directory; none with `--no-config`.
pub fn load(explicit: Option<&Path>, disabled: bool) -> Result<Config> {
    if disabled {
        return Ok(Config::default());
    }
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|d| discover(&d)),
    };
    match path {
        Some(p) => read(&p),
        None => Ok(Config::default()),
    }
}

fn read(path: &Path) -> Result<Config> {
    let shown = path.display().to_string();
    let bytes = crate::input::read_limited(
        &shown,
        crate::input::MAX_YAML_BYTES,
        "configuration file",
        "pass a configuration file (claimdiff.toml or .claimdiff.yaml)",
    )?;
    let text = String::from_utf8(bytes)
        .map_err(|_| crate::Error::input(&shown, "configuration file is not valid UTF-8"))?;
    let toml = path.extension().is_some_and(|e| e == "toml");
    let settings: FileSettings = if toml {
        toml::from_str(&text).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    let before = &text[..s.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let column = before.chars().rev().take_while(|c| *c != '\n').count() + 1;
                    format!("{line}:{column}: ")
                })
                .unwrap_or_default();
            anyhow::anyhow!("{shown}:{at}{}", crate::error::one_line(e.message()).trim())
        })?
    } else {
        crate::input::parse_yaml(&shown, &text)?
    };
    let value = |what: &str, v: &str| {
        format!("{shown}: {what} {v:?} is not one of the values `claimdiff --help` lists")
    };
    let format = match settings.format.as_deref() {
        Some(f) => Some(
            <ReportFormat as clap::ValueEnum>::from_str(f, true)
                .map_err(|_| anyhow::anyhow!(value("format", f)))?,
        ),
        None => None,
    };
    let fail_on = match settings.fail_on.as_deref() {
        Some(f) => Some(
            <FailOn as clap::ValueEnum>::from_str(f, true)
                .map_err(|_| anyhow::anyhow!(value("fail-on", f)))?,
        ),
        None => None,
    };
    if let Some(t) = settings.threshold.filter(|t| !(0.0..=1.0).contains(t)) {
        anyhow::bail!("{shown}: threshold {t}: write a score between 0 and 1");
    }
    let base = path.parent().unwrap_or(Path::new("."));
    Ok(Config {
        path: Some(path.to_path_buf()),
        rules: settings.rules.map(|r| base.join(r)),
        threshold: settings.threshold,
        format,
        fail_on,
    })
}

/// What `claimdiff config` prints: the file and each setting with where it comes from.
pub fn describe(config: &Config) -> Result<String> {
    let mut out = String::new();
    match &config.path {
        Some(p) => out.push_str(&format!("configuration file: {}\n", p.display())),
        None => out.push_str(&format!(
            "configuration file: none (looked for {} in the current directory and its parents)\n",
            NAMES.join(", ")
        )),
    }
    let rules = crate::config::load(config.rules.as_deref())
        .with_context(|| "the configuration's rules")?;
    let from = |set: bool| if set { "configuration" } else { "default" };
    out.push_str(&format!(
        "rules: {} (sha256 {}; {})\n",
        rules.name,
        &rules.sha256[..12],
        from(config.rules.is_some())
    ));
    out.push_str(&format!(
        "threshold: {} ({})\n",
        config
            .threshold
            .unwrap_or(crate::align::AlignOptions::default().threshold),
        from(config.threshold.is_some())
    ));
    out.push_str(&format!(
        "format: {}\n",
        match config.format {
            Some(f) => format!("{} (configuration)", value_name(f)),
            None => "table on a terminal, json when piped (default)".to_string(),
        }
    ));
    out.push_str(&format!(
        "fail-on: {}\n",
        match config.fail_on {
            Some(f) => format!("{} (configuration)", value_name(f)),
            None => "never for compare, high for check (default)".to_string(),
        }
    ));
    Ok(out)
}

fn value_name(v: impl clap::ValueEnum) -> String {
    v.to_possible_value()
        .map(|p| p.get_name().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_in_the_directory_or_a_parent() {
        let root = tempfile::tempdir().unwrap();
        let deep = root.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(discover(&deep), None);
        std::fs::write(root.path().join(".claimdiff.yaml"), "threshold: 0.4\n").unwrap();
        assert_eq!(discover(&deep), Some(root.path().join(".claimdiff.yaml")));
        std::fs::write(deep.join("claimdiff.toml"), "format = \"md\"\n").unwrap();
        assert_eq!(discover(&deep), Some(deep.join("claimdiff.toml")));
    }

    #[test]
    fn settings_are_read_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("claimdiff.toml");
        std::fs::write(
            &p,
            "rules = \"my-rules.yaml\"\nthreshold = 0.4\nformat = \"md\"\nfail-on = \"medium\"\n",
        )
        .unwrap();
        let c = read(&p).unwrap();
        assert_eq!(c.rules, Some(dir.path().join("my-rules.yaml")));
        assert_eq!(c.threshold, Some(0.4));
        assert_eq!(c.format, Some(ReportFormat::Md));
        assert_eq!(c.fail_on, Some(FailOn::Medium));
        std::fs::write(&p, "\nthreshhold = 0.4\n").unwrap();
        let err = read(&p).unwrap_err().to_string();
        assert!(err.contains("claimdiff.toml:2:1: "), "{err}");
        assert!(err.contains("unknown field `threshhold`"), "{err}");
        let y = dir.path().join(".claimdiff.yaml");
        std::fs::write(&y, "format: yaml\n").unwrap();
        assert!(read(&y)
            .unwrap_err()
            .to_string()
            .contains("format \"yaml\""));
    }
}
