//! Writing output: stdout, or a file written whole or not at all (a temporary file in the
//! same directory, then a rename), never over one of the inputs.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The schema of a report (`--format json`): the JSON contract renderers and users read.
pub const REPORT_SCHEMA: &str = "claimdiff.report/1";

/// The schema of a baseline (`check --save-baseline`).
pub const BASELINE_SCHEMA: &str = "claimdiff.baseline/1";

/// Figures in reports and explanations keep three decimals: enough to compare, short to read.
/// Here, at the output edge, because every stage that explains a figure writes it so.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

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
///
/// Only a regular file is replaced. What is not one (`/dev/null`, a FIFO, a terminal or
/// another character device) is written to as it is; `/dev/stdout` is standard output; a
/// symbolic link is written through: its target is replaced atomically and the link stays.
/// Ctrl-C or SIGTERM during the write removes the temporary file.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let err = |source: std::io::Error| Error::Write {
        path: path.to_path_buf(),
        source,
    };
    if is_stdout(path) {
        return write_stdout(write).map_err(err);
    }
    let target = written_through(path).map_err(err)?;
    match std::fs::metadata(&target) {
        Ok(m) if m.is_dir() => return Err(err(std::io::Error::other("is a directory"))),
        Ok(m) if !m.is_file() => {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(&target)
                .map_err(err)?;
            let mut buffered = std::io::BufWriter::new(file);
            write(&mut buffered).map_err(err)?;
            return buffered.flush().map_err(err);
        }
        _ => {}
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (mut tmp, _cleanup) = temporary_in(dir).map_err(err)?;
    {
        let mut buffered = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buffered).map_err(err)?;
        buffered.flush().map_err(err)?;
    }
    // Temporary files are private (0600); a report or baseline gets the usual permissions,
    // or keeps those of the file it replaces.
    let permissions = match std::fs::metadata(&target) {
        Ok(m) => m.permissions(),
        Err(_) => default_permissions(),
    };
    tmp.as_file().set_permissions(permissions).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(&target).map_err(|e| err(e.error))?;
    Ok(())
}

/// `/dev/stdout` and its aliases: standard output, whatever it is (a pipe, a terminal, a file
/// the shell opened), never a file to replace.
fn is_stdout(path: &Path) -> bool {
    ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
        .iter()
        .any(|p| path == Path::new(p))
}

fn write_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    write(&mut out)?;
    out.flush()
}

/// The file a path names once symbolic links are followed (it may not exist yet).
fn written_through(path: &Path) -> std::io::Result<PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// A new temporary file in `dir`, registered for removal on a signal *before* it exists: a
/// signal between creating it and registering it would leave it behind.
fn temporary_in(dir: &Path) -> std::io::Result<(tempfile::NamedTempFile, interrupt::Guard)> {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    loop {
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let path = dir.join(format!(
            ".claimdiff-{}-{n}-{nanos:08x}.tmp",
            std::process::id()
        ));
        let guard = interrupt::remove_on_signal(&path);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        match options.open(&path) {
            Ok(file) => {
                let tmp = tempfile::NamedTempFile::from_parts(
                    file,
                    tempfile::TempPath::try_from_path(path)?,
                );
                return Ok((tmp, guard));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// Removing the temporary file of a write when SIGINT, SIGTERM or SIGHUP ends the process.
#[cfg(unix)]
mod interrupt {
    use std::path::Path;
    use std::sync::atomic::{AtomicPtr, Ordering};

    /// The path of the temporary file being written, as a C string; null when none.
    static PENDING: AtomicPtr<libc::c_char> = AtomicPtr::new(std::ptr::null_mut());
    static INSTALL: std::sync::Once = std::sync::Once::new();
    const SIGNALS: [libc::c_int; 3] = [libc::SIGINT, libc::SIGTERM, libc::SIGHUP];

    extern "C" fn on_signal(signal: libc::c_int) {
        let pending = PENDING.swap(std::ptr::null_mut(), Ordering::SeqCst);
        // Only async-signal-safe calls: unlink, then die of the signal as without handler.
        unsafe {
            if !pending.is_null() {
                libc::unlink(pending);
            }
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }

    /// Clears the pending path when the write is over.
    pub struct Guard;

    impl Drop for Guard {
        fn drop(&mut self) {
            PENDING.store(std::ptr::null_mut(), Ordering::SeqCst);
        }
    }

    pub fn remove_on_signal(path: &Path) -> Guard {
        use std::os::unix::ffi::OsStrExt;
        INSTALL.call_once(|| {
            for s in SIGNALS {
                let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
                // A signal ignored on purpose (nohup) stays ignored.
                unsafe {
                    if libc::signal(s, handler) == libc::SIG_IGN {
                        libc::signal(s, libc::SIG_IGN);
                    }
                }
            }
        });
        if let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) {
            // Leaked on purpose: the handler may read it at any time (a few bytes per write).
            PENDING.store(c.into_raw(), Ordering::SeqCst);
        }
        Guard
    }
}

#[cfg(not(unix))]
mod interrupt {
    pub struct Guard;
    pub fn remove_on_signal(_: &std::path::Path) -> Guard {
        Guard
    }
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

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.json");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("latest.json");
        std::os::unix::fs::symlink("report.json", &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    fn dev_null_stays_a_device_and_dev_full_names_itself() {
        use std::os::unix::fs::FileTypeExt;
        write_atomic(Path::new("/dev/null"), b"report").unwrap();
        let m = std::fs::metadata("/dev/null").unwrap();
        assert!(m.file_type().is_char_device());
        if Path::new("/dev/full").exists() {
            let e = write_atomic(Path::new("/dev/full"), b"report").unwrap_err();
            assert!(e.to_string().starts_with("/dev/full: cannot write"), "{e}");
        }
    }

    #[test]
    fn missing_directory_is_an_error() {
        let err = write_atomic(Path::new("/nonexistent-dir/x.json"), b"x").unwrap_err();
        assert!(err.to_string().contains("/nonexistent-dir/x.json"));
    }
}
