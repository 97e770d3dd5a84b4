//! Writing files so that a crash or a concurrent run never leaves a truncated or clobbered file:
//! every write goes to a temporary file in the same folder and is renamed into place.
//!
//! A run killed mid-write leaves its temporary file (`.adr-tmp-*`, or a site's staging folder)
//! behind. Each one is locked by the process writing it for as long as it lives, so a later run
//! can tell an abandoned one (its lock is free) from one being written, and removes it
//! ([`remove_abandoned`]); `adr check` reports the ones it sees ([`abandoned`]).

use crate::error::Error;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The name every temporary file of a record write starts with.
pub const TEMP_PREFIX: &str = ".adr-tmp-";

fn temp_in(path: &Path) -> Result<tempfile::NamedTempFile, Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .make_in(dir, |path| {
            let mut options = std::fs::OpenOptions::new();
            options.read(true).write(true).create_new(true);
            // A new file gets the mode any editor would give it (0666 less the umask, as
            // adr-tools' files get), not a temporary file's private 0600.
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o666);
            let file = options.open(path)?;
            // Held until the file is renamed into place or the process ends, however it ends.
            // A file system without locks still gets the write; its leftovers then look
            // abandoned to a later run only while that run holds the directory lock.
            let _ = file.lock();
            Ok(file)
        })
        .map_err(|e| Error::io(dir, e))
}

/// A file or folder this process holds locked while it works in it: a later run sees the lock
/// and leaves it alone; once the process is gone (killed, too) the lock is free.
#[derive(Debug)]
pub struct Owned {
    _file: File,
}

impl Owned {
    pub fn take(path: &Path) -> Result<Owned, Error> {
        let file = File::open(path).map_err(|e| Error::io(path, e))?;
        file.lock().map_err(|e| Error::io(path, e))?;
        Ok(Owned { _file: file })
    }
}

/// Whether a file name is a record write's temporary file.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX)
}

/// The name a site build's staging folder beside `out` starts with: `.site.adr-new-` for the
/// new site being built, `.site.adr-old-` for the previous one on its way out.
pub fn staging_prefix(out_name: &str, old: bool) -> String {
    format!(".{out_name}.adr-{}-", if old { "old" } else { "new" })
}

/// Whether a file name is a site build's staging folder ([`staging_prefix`]).
pub fn is_staging_name(name: &str) -> bool {
    name.starts_with('.') && (name.contains(".adr-new-") || name.contains(".adr-old-"))
}

/// Makes a folder named `prefix...` in `parent` that this process owns, first removing the
/// staging folders killed builds abandoned there (returned). Both happen under a lock on
/// `parent`, so no other build is ever caught between making its folder and locking it.
pub fn owned_temp_dir(
    parent: &Path,
    prefix: &str,
) -> Result<(tempfile::TempDir, Owned, Vec<PathBuf>), Error> {
    let _guard = DirLock::acquire(parent)?;
    let removed = remove_abandoned(parent, is_staging_name, None);
    let dir = tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    let owned = Owned::take(dir.path())?;
    Ok((dir, owned, removed))
}

/// The entries of `dir` named as `is_temp` says temporary ones are that no running process
/// owns: left by a run that was killed. Only those changed before `before`, when given.
pub fn abandoned(
    dir: &Path,
    is_temp: fn(&str) -> bool,
    before: Option<SystemTime>,
) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| is_temp(&e.file_name().to_string_lossy()))
        .filter(|e| {
            // Never followed: a link of that name is nobody's temporary file.
            e.file_type().is_ok_and(|t| t.is_file() || t.is_dir())
                && before
                    .is_none_or(|b| e.metadata().and_then(|m| m.modified()).is_ok_and(|m| m < b))
        })
        .map(|e| e.path())
        .filter(|p| {
            // The lock is free: nobody is writing it. (Released again when `f` drops.)
            File::open(p).is_ok_and(|f| f.try_lock().is_ok())
        })
        .collect();
    found.sort();
    found
}

/// Removes what [`abandoned`] finds; returns what was removed.
pub fn remove_abandoned(
    dir: &Path,
    is_temp: fn(&str) -> bool,
    before: Option<SystemTime>,
) -> Vec<PathBuf> {
    abandoned(dir, is_temp, before)
        .into_iter()
        .filter(|p| {
            if p.is_dir() {
                std::fs::remove_dir_all(p).is_ok()
            } else {
                std::fs::remove_file(p).is_ok()
            }
        })
        .collect()
}

/// Replaces `path` with `bytes` atomically, keeping the old file's permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Replaces `path` atomically with what `write` writes, streamed through a buffer: a large
/// document is never held in memory whole. Nothing replaces `path` if `write` fails.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let mut tmp = temp_in(path)?;
    {
        let mut buf = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buf)
            .and_then(|()| buf.flush())
            .map_err(|e| Error::io(path, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = tmp.as_file().set_permissions(meta.permissions());
    }
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Creates `path` with `bytes`, failing with `AlreadyExists` if it exists. The file appears
/// complete or not at all (written aside, then hard-linked into place without clobbering).
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<(), std::io::Error> {
    let mut tmp = temp_in(path).map_err(|e| match e {
        Error::Io { source, .. } => source,
        other => std::io::Error::other(other.to_string()),
    })?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

/// An exclusive advisory lock on a directory, held until dropped. Two `adr new` runs in one
/// decision directory take turns choosing a number, so they never choose the same one.
pub struct DirLock {
    _file: File,
    /// When the lock was taken: a temporary file older than this, unlocked, is abandoned.
    pub since: SystemTime,
    /// What was cleaned up once the lock was held (see [`crate::repo::Repo::lock`]).
    pub removed: Vec<PathBuf>,
}

impl DirLock {
    pub fn acquire(dir: &Path) -> Result<DirLock, Error> {
        let file = File::open(dir).map_err(|e| Error::io(dir, e))?;
        file.lock().map_err(|e| Error::io(dir, e))?;
        Ok(DirLock {
            _file: file,
            since: SystemTime::now(),
            removed: Vec::new(),
        })
    }
}
