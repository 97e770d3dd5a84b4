//! Writing the built site safely, page by page as it is rendered. Changed files are staged in a
//! folder next to `--out` while the build runs; unchanged files are never rendered or written
//! again (their bytes, or the key of the inputs they were rendered from, match the manifest).
//! When every page rendered, a rebuild hard-links the files it keeps into the staged folder, and
//! the staged folder takes the place of `--out` in one atomic exchange (Linux `renameat2`; two
//! renames elsewhere); a rebuild that changed no file only replaces the manifest. So a reader,
//! or a build killed at any moment, sees the previous site or the new one, never a mix; a failed
//! build leaves the previous site as it was; nothing outside `--out` is ever deleted; files in
//! `--out` that adr did not write are kept; and a folder adr did not build is never replaced.

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
    /// Held while the build runs: a later build sees the staging folder is not abandoned.
    _owned: crate::fsx::Owned,
    /// Staging folders of killed builds removed when this one started.
    pub removed: Vec<PathBuf>,
    /// The previous build's manifest when `out` is updated in place.
    old: Option<Manifest>,
    state: Mutex<State>,
    /// Folders of the staging tree already made: 10,000 record pages share a few folders, and
    /// asking the file system for each one again cost two system calls a page. Its lock is
    /// also held while a file is written (see [`Writer::put`]).
    made: Mutex<std::collections::HashSet<PathBuf>>,
    progress: Option<std::sync::Arc<crate::shell::Progress>>,
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
        let (staging, owned, removed) =
            crate::fsx::owned_temp_dir(&parent, &crate::fsx::staging_prefix(name, false))?;
        Ok(Writer {
            out: out.to_path_buf(),
            name: name.to_string(),
            parent,
            staging,
            _owned: owned,
            removed,
            old,
            state: Mutex::default(),
            made: Mutex::default(),
            progress: None,
        })
    }

    /// Counts every file rendered into this writer on `progress`.
    pub fn with_progress(mut self, progress: std::sync::Arc<crate::shell::Progress>) -> Self {
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
        // One file is created at a time. Creating files in one folder takes the folder's lock
        // in the kernel, where a second thread spins while it waits (perf, 10,000 pages: a
        // quarter of the build in `rwsem_spin_on_owner`); waiting here instead sleeps, and the
        // other thread keeps rendering.
        let mut made = self.made.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(d) = dest.parent()
            && !made.contains(d)
        {
            std::fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
            made.insert(d.to_path_buf());
        }
        std::fs::write(&dest, bytes).map_err(|e| Error::io(&dest, e))?;
        drop(made);
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
            // Only the manifest can differ (keys of unchanged files): one rename.
            Some(old)
                if stats.changed.is_empty()
                    && old.files.keys().all(|k| state.files.contains_key(k)) =>
            {
                let dest = self.out.join(MANIFEST);
                std::fs::rename(&m, &dest).map_err(|e| Error::io(&dest, e))?;
            }
            Some(old) => {
                link_kept(
                    &self.out,
                    self.staging.path(),
                    old,
                    &state.files,
                    &stats.changed,
                )?;
                swap(&self.out, self.staging, &self.parent, &self.name)?;
            }
            None => swap(&self.out, self.staging, &self.parent, &self.name)?,
        }
        Ok(stats)
    }
}

/// Completes the staged folder into the whole new site: every file of `out` the build keeps
/// (unchanged pages, and files adr did not write) is hard-linked into it. The new site then
/// replaces the old in one exchange, so a reader, or a build killed at any moment, sees either
/// the previous site or the new one, never a mix. A link is one system call and copies nothing;
/// kept files keep their inode and time.
fn link_kept(
    out: &Path,
    staged: &Path,
    old: &Manifest,
    files: &BTreeMap<String, FileEntry>,
    changed: &[String],
) -> Result<(), Error> {
    let changed: std::collections::HashSet<&str> = changed.iter().map(String::as_str).collect();
    // Files come folder by folder: each folder is made once, and only if a file goes in it.
    let mut made: Option<PathBuf> = None;
    for e in walkdir::WalkDir::new(out).min_depth(1) {
        let e = e.map_err(|e| {
            let path = e.path().unwrap_or(out).to_path_buf();
            Error::io(&path, e.into())
        })?;
        if e.file_type().is_dir() {
            continue;
        }
        let rel = e.path().strip_prefix(out).unwrap_or(e.path());
        let name = rel
            .to_str()
            .map_or_else(|| super::source::slash(rel), str::to_string);
        // Written anew, or no longer part of the site.
        let gone = old.files.contains_key(&name) && !files.contains_key(&name);
        if name == MANIFEST || changed.contains(name.as_str()) || gone {
            continue;
        }
        let dest = staged.join(rel);
        if let Some(d) = dest.parent()
            && made.as_deref() != Some(d)
        {
            std::fs::create_dir_all(d).map_err(|e| Error::io(d, e))?;
            made = Some(d.to_path_buf());
        }
        if std::fs::hard_link(e.path(), &dest).is_err() {
            std::fs::copy(e.path(), &dest).map_err(|err| Error::io(&dest, err))?;
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
        let (old, _owned, _) =
            crate::fsx::owned_temp_dir(parent, &crate::fsx::staging_prefix(name, true))?;
        let old = old.keep();
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
