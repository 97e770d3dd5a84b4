//! Writing files so that a crash or a concurrent run never leaves a truncated or clobbered file:
//! every write goes to a temporary file in the same folder and is renamed into place.

use crate::error::Error;
use std::fs::File;
use std::io::Write;
use std::path::Path;

fn temp_in(path: &Path) -> Result<tempfile::NamedTempFile, Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(".adr-tmp-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))
}

fn fill(tmp: &mut tempfile::NamedTempFile, path: &Path, bytes: &[u8]) -> Result<(), Error> {
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io(path, e))
}

/// Replaces `path` with `bytes` atomically, keeping the old file's permissions.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut tmp = temp_in(path)?;
    fill(&mut tmp, path, bytes)?;
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
}

impl DirLock {
    pub fn acquire(dir: &Path) -> Result<DirLock, Error> {
        let file = File::open(dir).map_err(|e| Error::io(dir, e))?;
        file.lock().map_err(|e| Error::io(dir, e))?;
        Ok(DirLock { _file: file })
    }
}
