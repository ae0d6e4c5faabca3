//! Writing output: stdout, or a file written whole or not at all (a temporary file in the
//! same directory, then a rename), never over one of the inputs.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where a rendered report goes.
#[derive(Debug, Clone)]
pub enum Destination {
    Stdout,
    File(PathBuf),
}

impl Destination {
    pub fn from_option(path: Option<&Path>) -> Destination {
        match path {
            Some(p) if p != Path::new("-") => Destination::File(p.to_path_buf()),
            _ => Destination::Stdout,
        }
    }
}

/// Refuse an output path that is one of the inputs: writing it would destroy what we read.
pub fn check_not_an_input(output: &Path, inputs: &[String]) -> Result<()> {
    let out = std::fs::canonicalize(output).ok();
    for input in inputs {
        if input == "-" {
            continue;
        }
        let same = match (&out, std::fs::canonicalize(input).ok()) {
            (Some(a), Some(b)) => *a == b,
            _ => Path::new(input) == output,
        };
        if same {
            return Err(Error::Usage(format!(
                "{}: the output file is also an input; choose another --output path",
                output.display()
            )));
        }
    }
    Ok(())
}

/// Write `bytes` to `path` atomically: the file is either the old one or the new one whole.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Like [`write_atomic`], with the content written by `write` (so a big report streams to
/// the file instead of being built in memory first).
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let err = |source: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if path.is_dir() {
        return Err(err(std::io::Error::other("is a directory")));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".claimdiff-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(err)?;
    {
        let mut buffered = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buffered).map_err(err)?;
        buffered.flush().map_err(err)?;
    }
    // Temporary files are private (0600); a report or baseline gets the usual permissions,
    // or keeps those of the file it replaces.
    let permissions = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => default_permissions(),
    };
    tmp.as_file().set_permissions(permissions).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

#[cfg(unix)]
fn default_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o644)
}

#[cfg(not(unix))]
fn default_permissions() -> std::fs::Permissions {
    tempfile::tempfile()
        .and_then(|f| f.metadata())
        .map(|m| m.permissions())
        .expect("a temporary file")
}

/// Send `bytes` to the destination.
pub fn emit(dest: &Destination, bytes: &[u8]) -> Result<()> {
    emit_with(dest, |w| w.write_all(bytes))
}

/// Send what `write` writes to the destination.
pub fn emit_with(
    dest: &Destination,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match dest {
        Destination::Stdout => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            match write(&mut out).and_then(|_| out.flush()) {
                // A closed pipe (`claimdiff … | head`) is not an error worth a message.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(source) => Err(Error::Write {
                    path: PathBuf::from("<stdout>"),
                    source,
                }),
                Ok(()) => Ok(()),
            }
        }
        Destination::File(path) => write_atomic_with(path, write),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.json");
        write_atomic(&p, b"first").unwrap();
        write_atomic(&p, b"second").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "second");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
                0o644
            );
        }
    }

    #[test]
    fn missing_directory_is_an_error() {
        let err = write_atomic(Path::new("/nonexistent-dir/x.json"), b"x").unwrap_err();
        assert!(err.to_string().contains("/nonexistent-dir/x.json"));
    }
}
