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
    let mut b = tempfile::Builder::new();
    b.prefix(".adr-tmp-");
    // A new file gets the mode any editor would give it (0666 less the umask, as adr-tools'
    // files get), not a temporary file's private 0600.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b.tempfile_in(dir).map_err(|e| Error::io(dir, e))
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
}

impl DirLock {
    pub fn acquire(dir: &Path) -> Result<DirLock, Error> {
        let file = File::open(dir).map_err(|e| Error::io(dir, e))?;
        file.lock().map_err(|e| Error::io(dir, e))?;
        Ok(DirLock { _file: file })
    }
}
