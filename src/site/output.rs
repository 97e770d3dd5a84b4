//! Writing the built site safely, page by page as it is rendered. A site adr built before is
//! updated in place: changed files are staged next to `--out` while the build runs and moved in
//! only when every page rendered, files the new site no longer has are removed, and the manifest
//! goes last; unchanged files are never touched (their bytes, or the key of the inputs they were
//! rendered from, match the manifest). A first build stages the whole site and renames it into
//! place. Either way a failed build leaves the previous site as it was, nothing outside `--out`
//! is ever deleted, and a folder adr did not build is never replaced.

use super::manifest::{FileEntry, MANIFEST, Manifest};
use crate::error::Error;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

pub use super::manifest::hash;

/// What a write did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct WriteStats {
    pub written: usize,
    pub unchanged: usize,
    /// Files of the previous build kept without rendering them again.
    pub reused: usize,
    /// Paths that were written (changed or new), for tests and `serve`.
    pub changed: Vec<String>,
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

/// The previous build's manifest; `None` when `out` is missing or empty (a first build).
fn old_manifest(out: &Path) -> Result<Option<Manifest>, Error> {
    if !out.exists() {
        return Ok(None);
    }
    if !out.is_dir() {
        return Err(Error::Usage(format!(
            "{} exists and is not a folder",
            out.display()
        )));
    }
    let m = out.join(MANIFEST);
    if let Ok(text) = std::fs::read_to_string(&m) {
        return Ok(Some(Manifest::parse(&text)));
    }
    let mut entries = std::fs::read_dir(out).map_err(|e| Error::io(out, e))?;
    if entries.next().is_none() {
        return Ok(None);
    }
    Err(Error::Usage(format!(
        "{} is not empty and was not built by `adr site build` (no {MANIFEST}); \
         refusing to replace it: choose another --out",
        out.display()
    )))
}

#[derive(Default)]
struct State {
    files: BTreeMap<String, FileEntry>,
    stats: WriteStats,
}

/// Takes the site's files as they are rendered (from any thread) and puts them in place.
pub struct Writer {
    out: PathBuf,
    parent: PathBuf,
    name: String,
    staging: tempfile::TempDir,
    /// The previous build's manifest when `out` is updated in place.
    old: Option<Manifest>,
    state: Mutex<State>,
    progress: Option<std::sync::Arc<super::progress::Progress>>,
}

impl Writer {
    pub fn open(out: &Path) -> Result<Writer, Error> {
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
        Ok(Writer {
            out: out.to_path_buf(),
            name: name.to_string(),
            parent,
            staging,
            old,
            state: Mutex::default(),
            progress: None,
        })
    }

    /// Counts every file rendered into this writer on `progress`.
    pub fn with_progress(mut self, progress: std::sync::Arc<super::progress::Progress>) -> Self {
        self.progress = Some(progress);
        self
    }

    fn previous(&self, rel: &str) -> Option<&FileEntry> {
        let e = self.old.as_ref()?.files.get(rel)?;
        self.out.join(rel).is_file().then_some(e)
    }

    fn record(&self, rel: &str, entry: FileEntry, f: impl FnOnce(&mut WriteStats)) {
        let mut s = self.state.lock().unwrap_or_else(|p| p.into_inner());
        s.files.insert(rel.to_string(), entry);
        f(&mut s.stats);
    }

    /// Keeps the previous build's `rel` if it was rendered from inputs with this `key`.
    pub fn reuse(&self, rel: &str, key: &str) -> bool {
        match self.previous(rel) {
            Some(e) if !key.is_empty() && e.key == key => {
                self.record(rel, e.clone(), |s| {
                    s.unchanged += 1;
                    s.reused += 1;
                });
                true
            }
            _ => false,
        }
    }

    /// Keeps every file of the previous build whose key is `key`, if there are any and all of
    /// them are still there.
    pub fn reuse_group(&self, key: &str) -> bool {
        let Some(old) = &self.old else { return false };
        let group: Vec<&String> = old
            .files
            .iter()
            .filter(|(_, e)| !key.is_empty() && e.key == key)
            .map(|(p, _)| p)
            .collect();
        if group.is_empty() || group.iter().any(|p| self.previous(p).is_none()) {
            return false;
        }
        group.iter().all(|p| self.reuse(p, key))
    }

    /// Adds a file made from inputs with `key`; it is written only if its bytes changed.
    pub fn put(&self, rel: &str, key: &str, bytes: &[u8]) -> Result<(), Error> {
        let rel_path = check_path(rel)?;
        if let Some(p) = &self.progress {
            p.tick();
        }
        let entry = FileEntry {
            hash: hash(bytes),
            key: key.to_string(),
        };
        if self.previous(rel).is_some_and(|e| e.hash == entry.hash) {
            self.record(rel, entry, |s| s.unchanged += 1);
            return Ok(());
        }
        let dest = self.staging.path().join(&rel_path);
        if let Some(d) = dest.parent() {
            std::fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
        }
        std::fs::write(&dest, bytes).map_err(|e| Error::io(&dest, e))?;
        self.record(rel, entry, |s| {
            s.written += 1;
            s.changed.push(rel.to_string());
        });
        Ok(())
    }

    /// Puts the new site in place of the old one.
    pub fn commit(self) -> Result<WriteStats, Error> {
        let state = self.state.into_inner().unwrap_or_else(|p| p.into_inner());
        let mut stats = state.stats;
        stats.changed.sort();
        let text = serde_json::to_vec(&Manifest::new(state.files.clone())).unwrap_or_default();
        let m = self.staging.path().join(MANIFEST);
        std::fs::write(&m, text).map_err(|e| Error::io(&m, e))?;
        match &self.old {
            Some(old) => update_in_place(
                &self.out,
                self.staging.path(),
                old,
                &state.files,
                &stats.changed,
            )?,
            None => swap(&self.out, self.staging, &self.parent, &self.name)?,
        }
        Ok(stats)
    }
}

/// Moves the staged files into `out`, then removes what the new site no longer has.
fn update_in_place(
    out: &Path,
    staged: &Path,
    old: &Manifest,
    files: &BTreeMap<String, FileEntry>,
    changed: &[String],
) -> Result<(), Error> {
    for rel in changed.iter().map(String::as_str).chain([MANIFEST]) {
        let dest = out.join(rel);
        if let Some(d) = dest.parent() {
            std::fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
        }
        std::fs::rename(staged.join(rel), &dest).map_err(|e| Error::io(&dest, e))?;
    }
    for rel in old.files.keys().filter(|k| !files.contains_key(*k)) {
        let Ok(rel_path) = check_path(rel) else {
            continue;
        };
        let _ = std::fs::remove_file(out.join(&rel_path));
        // Folders emptied by the removal go too; a folder with anything else in it stays.
        let mut dir = rel_path.parent();
        while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
            if std::fs::remove_dir(out.join(d)).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    Ok(())
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
#[path = "output_tests.rs"]
mod tests;
