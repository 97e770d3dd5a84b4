//! Writing the built site safely. Every file goes into a staging folder next to `--out`; files
//! whose bytes did not change since the last build are hard-linked from it instead of written
//! again (the build manifest records each file's hash). Only when the whole site is staged is
//! `--out` swapped for it, so a failed build leaves the previous site untouched, and nothing
//! outside `--out` is ever deleted. A folder adr did not build is never replaced.

use super::pages::Files;
use crate::error::Error;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// The manifest file in the output folder; its presence marks a folder adr built.
pub const MANIFEST: &str = ".adr-site.json";

/// What a write did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    /// Paths that were written (changed or new), for tests and `serve`.
    pub changed: Vec<String>,
}

/// FNV-1a, 64 bits: stable across Rust versions, unlike `DefaultHasher`.
pub fn hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A site path must be relative and made of plain names: it can never leave the output folder.
pub fn check_path(p: &str) -> Result<PathBuf, Error> {
    let path = Path::new(p);
    let ok = !p.is_empty()
        && !p.contains('\\')
        && path.components().all(|c| matches!(c, Component::Normal(_)));
    if ok {
        Ok(path.to_path_buf())
    } else {
        Err(Error::Usage(format!(
            "refusing to write `{p}`: it would leave the output folder"
        )))
    }
}

fn old_manifest(out: &Path) -> Result<BTreeMap<String, String>, Error> {
    if !out.exists() {
        return Ok(BTreeMap::new());
    }
    if !out.is_dir() {
        return Err(Error::Usage(format!(
            "{} exists and is not a folder",
            out.display()
        )));
    }
    let m = out.join(MANIFEST);
    match std::fs::read_to_string(&m) {
        Ok(text) => Ok(serde_json::from_str(&text).unwrap_or_default()),
        Err(_) => {
            let empty = std::fs::read_dir(out)
                .map_err(|e| Error::io(out, e))?
                .next()
                .is_none();
            if empty {
                Ok(BTreeMap::new())
            } else {
                Err(Error::Usage(format!(
                    "{} is not empty and was not built by `adr site build` (no {MANIFEST}); \
                     refusing to replace it: choose another --out",
                    out.display()
                )))
            }
        }
    }
}

/// Writes `files` as the new content of `out`.
pub fn write_site(out: &Path, files: &Files) -> Result<WriteStats, Error> {
    let old = old_manifest(out)?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("site");
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.adr-new-"))
        .tempdir_in(&parent)
        .map_err(|e| Error::io(&parent, e))?;
    let mut stats = WriteStats::default();
    let mut manifest = BTreeMap::new();
    for (rel, bytes) in files {
        let rel_path = check_path(rel)?;
        let dest = staging.path().join(&rel_path);
        if let Some(d) = dest.parent() {
            std::fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
        }
        let h = hash(bytes);
        let previous = out.join(&rel_path);
        let reused = old.get(rel) == Some(&h) && std::fs::hard_link(&previous, &dest).is_ok();
        if reused {
            stats.unchanged += 1;
        } else {
            std::fs::write(&dest, bytes).map_err(|e| Error::io(&dest, e))?;
            stats.written += 1;
            stats.changed.push(rel.clone());
        }
        manifest.insert(rel.clone(), h);
    }
    let m = staging.path().join(MANIFEST);
    let text = serde_json::to_vec(&manifest).unwrap_or_default();
    std::fs::write(&m, text).map_err(|e| Error::io(&m, e))?;
    swap(out, staging, &parent, name)?;
    Ok(stats)
}

/// Puts the staged folder in place of `out`; the old one is removed only after the swap.
fn swap(out: &Path, staging: tempfile::TempDir, parent: &Path, name: &str) -> Result<(), Error> {
    let staged = staging.keep();
    // One atomic exchange where the kernel offers it: there is never a moment without a site
    // at `out`, even if the process is killed between two steps.
    if out.exists() && exchange(&staged, out) {
        let _ = std::fs::remove_dir_all(&staged);
        return Ok(());
    }
    if out.exists() {
        let old = tempfile::Builder::new()
            .prefix(&format!(".{name}.adr-old-"))
            .tempdir_in(parent)
            .map_err(|e| Error::io(parent, e))?
            .keep();
        let old_site = old.join("site");
        std::fs::rename(out, &old_site).map_err(|e| Error::io(out, e))?;
        if let Err(e) = std::fs::rename(&staged, out) {
            // Put the previous site back; the staged copy is ours to remove.
            let _ = std::fs::rename(&old_site, out);
            let _ = std::fs::remove_dir_all(&staged);
            let _ = std::fs::remove_dir(&old);
            return Err(Error::io(out, e));
        }
        let _ = std::fs::remove_dir_all(&old);
    } else if let Err(e) = std::fs::rename(&staged, out) {
        let _ = std::fs::remove_dir_all(&staged);
        return Err(Error::io(out, e));
    }
    Ok(())
}

/// Swaps two paths atomically (Linux `renameat2(RENAME_EXCHANGE)`); false where that is not
/// available (another OS, a file system without it), and the caller renames in two steps.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_climb_out_are_refused() {
        for bad in ["../x.html", "/etc/x", "a/../../b", "", "a\\..\\b", "./a"] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
        assert!(check_path("r/p/0001-x.html").is_ok());
    }

    #[test]
    fn a_folder_adr_did_not_build_is_never_replaced() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("precious.txt"), "x").unwrap();
        let files: Files = [("index.html".to_string(), b"hi".to_vec())].into();
        assert!(write_site(d.path(), &files).is_err());
        assert!(d.path().join("precious.txt").exists());
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("site");
        let mut files: Files = [
            ("a.html".into(), b"a".to_vec()),
            ("b.html".into(), b"b".to_vec()),
        ]
        .into();
        assert_eq!(write_site(&out, &files).unwrap().written, 2);
        files.insert("b.html".into(), b"B".to_vec());
        let s = write_site(&out, &files).unwrap();
        assert_eq!((s.written, s.unchanged), (1, 1));
        assert_eq!(std::fs::read(out.join("b.html")).unwrap(), b"B");
        let leftovers = std::fs::read_dir(d.path()).unwrap().count();
        assert_eq!(leftovers, 1, "staging and old folders are cleaned up");
    }
}
