//! The decision log of a repository: where it is ([`discover`]), which files are records
//! ([`files`]) and reading them ([`read`]), all of them at once here.
//!
//! Paths are kept relative to the current directory (`doc/adr`, `../doc/adr`) because that is
//! how adr-tools prints them and scripts depend on it.

pub mod discover;
pub mod files;
pub mod read;
pub mod yaml_error;

pub use files::{
    RecordFile, holds_numbered_records, holds_records, list_record_files, record_file_at,
    record_file_named,
};
pub use read::{MAX_RECORD_BYTES, read_record, record_from_bytes};
pub(crate) use read::{read_record_inside, symlink_outside};

use crate::cache::{Light, Stamp};
use crate::config::Config;
use crate::error::Error;
use crate::model::{DecisionLog, Diagnostic, Format, Severity};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Where the decision log lives and how it is configured.
#[derive(Debug, Clone)]
pub struct Repo {
    /// The folder the search stopped at (where the config file or log folder was found),
    /// relative to the current directory; `.` when nothing was found. Scope globs are relative
    /// to it.
    pub root: PathBuf,
    /// The decision directory new records go to, relative to the current directory.
    pub dir: PathBuf,
    /// Further directories to read (log4brains packages, `extra-dirs`).
    pub extra_dirs: Vec<PathBuf>,
    /// Other well-known log folders at the same level that also hold records, found but not
    /// read: `dir` was picked from them by [`discover::LOG_FOLDERS`]' order. `adr new` and
    /// `adr init` name them so a second log never goes unnoticed.
    pub others: Vec<PathBuf>,
    pub config: Config,
    pub config_path: Option<PathBuf>,
    /// The format from config or `ADR_FORMAT`; `None` means "detect from the records".
    pub format: Option<Format>,
    /// `--write-outside-repo`: changes may write into decision folders outside the repository
    /// ([`Repo::check_inside`]).
    pub write_outside: bool,
}

impl Repo {
    /// Whether this is an adr-tools repository, where commands answer in adr-tools' words:
    /// the nygard format (`ADR_FORMAT` or config), or a `.adr-dir` with no config of ours.
    pub fn is_adr_tools(&self) -> bool {
        match self.format {
            Some(f) => f == Format::Nygard,
            None => self.config_path.is_none() && self.root.join(".adr-dir").is_file(),
        }
    }

    /// The folder every change stays inside: the top of the git work tree holding the root,
    /// else the root itself, with symbolic links resolved.
    fn write_root(&self) -> Option<PathBuf> {
        let root = std::fs::canonicalize(&self.root).ok()?;
        Some(discover::repository_top(&root).unwrap_or(root))
    }

    /// Refuses a change while a decision folder lies outside the repository: a committed
    /// `.adr.toml` saying `dir = "../../elsewhere"`, or a log folder that is a symbolic link out
    /// of the repository, must not make `adr new` write there, unless the person running it
    /// says so with `--write-outside-repo`.
    pub fn check_inside(&self) -> Result<(), Error> {
        if self.write_outside {
            return Ok(());
        }
        let Some(top) = self.write_root() else {
            return Ok(());
        };
        for d in self.all_dirs() {
            let real = real_path(d);
            if !real.starts_with(&top) {
                let from = match &self.config_path {
                    Some(c) => format!(" (set in {})", c.display()),
                    None => String::new(),
                };
                return Err(Error::Usage(format!(
                    "refusing to write to {}{from}: it is {}, outside the repository {}; pass \
                     --write-outside-repo if that is meant",
                    d.display(),
                    real.display(),
                    top.display()
                )));
            }
        }
        Ok(())
    }

    /// Takes the decision directory's lock for a change, once [`Repo::check_inside`] allows it,
    /// and removes the temporary files killed runs left in the decision folders: older than the
    /// lock, and locked by nobody (every change writes under this lock, so none is being
    /// written). What was removed is in the lock's `removed`.
    pub fn lock(&self) -> Result<crate::fsx::DirLock, Error> {
        self.check_inside()?;
        let mut lock = crate::fsx::DirLock::acquire(&self.dir)?;
        for d in self.all_dirs() {
            let gone = crate::fsx::remove_abandoned(d, crate::fsx::is_temp_name, Some(lock.since));
            lock.removed.extend(gone);
        }
        Ok(lock)
    }

    /// Temporary files and site staging folders that killed runs left: `.adr-tmp-*` in the
    /// decision folders, `.<out>.adr-new-*` and `.<out>.adr-old-*` beside a site built in the
    /// root. `adr check` reports them; the next change (or site build) removes them.
    pub fn leftovers(&self) -> Vec<PathBuf> {
        let mut found: Vec<PathBuf> = self
            .all_dirs()
            .flat_map(|d| crate::fsx::abandoned(d, crate::fsx::is_temp_name, None))
            .collect();
        let staging = crate::fsx::is_staging_name;
        found.extend(crate::fsx::abandoned(&self.root, staging, None));
        found.iter().map(|p| crate::paths::normalise(p)).collect()
    }

    /// The folders this repository's own record templates are in.
    pub fn templates(&self) -> crate::template::Folders {
        let configured = self
            .config
            .templates
            .as_ref()
            .map(|t| crate::paths::join_rel(&self.root, t));
        let mut inside = self.inside_roots();
        inside.extend(
            configured
                .iter()
                .filter_map(|c| std::fs::canonicalize(c).ok()),
        );
        crate::template::Folders {
            decisions: self.dir.join("templates"),
            configured,
            inside,
        }
    }

    /// All directories to read, the main one first.
    pub fn all_dirs(&self) -> impl Iterator<Item = &PathBuf> {
        std::iter::once(&self.dir).chain(self.extra_dirs.iter())
    }

    /// Reads every record of every directory. A missing main directory is an error; problems
    /// with single files are diagnostics.
    pub fn load(&self) -> Result<DecisionLog, Error> {
        let (mut log, all_files) = self.record_files()?;
        // Reading and parsing are independent per file and dominate every command that loads
        // the log; spread them over the cores. `collect` keeps the order of `all_files`.
        let inside = self.inside_roots();
        let parsed: Vec<_> = all_files
            .par_iter()
            .map(|f| read_record_inside(f, &inside))
            .collect();
        self.assemble(&mut log, parsed);
        Ok(log)
    }

    /// Reads the log for commands that show records' summaries (`list`, `generate toc`):
    /// numbers, titles, statuses, dates, tags, deciders, scope, links and the body's first
    /// line. Unchanged records come from [`crate::cache`]; the other fields are left empty.
    pub fn load_light(&self) -> Result<DecisionLog, Error> {
        let (mut log, all_files) = self.record_files()?;
        let dirs: Vec<&Path> = self.all_dirs().map(PathBuf::as_path).collect();
        let now = std::time::SystemTime::now();
        // Reading the cache and `stat`ing every record are independent: do both at once.
        let (cache, stamps) = rayon::join(
            || crate::cache::Cache::open(&dirs),
            || {
                let stamp = |f: &RecordFile| Stamp::at(&f.path, now);
                all_files.par_iter().map(stamp).collect::<Vec<_>>()
            },
        );
        let Some(mut cache) = cache else {
            drop(log);
            return self.load();
        };
        let inside = self.inside_roots();
        // Per file: the cached entry when its stamp still holds (`Some(None)`: known to have
        // diagnostics, so parsed again to report them).
        let paths: Vec<Option<&str>> = all_files.iter().map(|f| f.path.to_str()).collect();
        let (lookups, changed) = cache.take(&paths, &stamps);
        let results: Vec<_> = all_files
            .par_iter()
            .zip(lookups.into_par_iter())
            .map(|(f, lookup)| match lookup {
                Some(Some(light)) => {
                    let keep = changed.then(|| Some(light.clone()));
                    ((light.into_record(&f.id, &f.path), Vec::new()), keep)
                }
                _ => {
                    let (record, diags) = read_record_inside(f, &inside);
                    let keep = changed.then(|| diags.is_empty().then(|| Light::of(&record)));
                    ((record, diags), keep)
                }
            })
            .collect();
        let mut entries = Vec::new();
        let mut parsed = Vec::with_capacity(results.len());
        for ((f, stamp), (pair, keep)) in all_files.iter().zip(stamps).zip(results) {
            if let (Some(stamp), Some(light), Some(p)) = (stamp, keep, f.path.to_str()) {
                entries.push((p.to_string(), stamp, light));
            }
            parsed.push(pair);
        }
        if changed {
            cache.store(entries);
        }
        self.assemble(&mut log, parsed);
        Ok(log)
    }

    /// Reads one record of the log in full, given it as [`Repo::load_light`] read it (or any
    /// record of the log): what the light reading left out, constraints, quality attributes,
    /// options and the body. `None` when the file is no longer a record of the log.
    pub fn full_record(&self, record: &crate::model::Record) -> Option<crate::model::Record> {
        let file = self
            .all_dirs()
            .find_map(|d| files::record_file_at(d, &record.path))?;
        let mut full = read_record_inside(&file, &self.inside_roots()).0;
        crate::parse::dates::follow(&mut full, record);
        Some(full)
    }

    /// The record files of the log as they are now ([`crate::cache::Snapshot`]).
    pub fn snapshot(&self) -> Result<Option<crate::cache::Snapshot>, Error> {
        let (_, files) = self.record_files()?;
        Ok(crate::cache::Snapshot::of(
            files.into_iter().map(|f| f.path).collect(),
        ))
    }

    /// Every record file of every directory, and a log holding the diagnostics of extra
    /// directories that could not be listed.
    fn record_files(&self) -> Result<(DecisionLog, Vec<RecordFile>), Error> {
        if !self.dir.is_dir() {
            return Err(Error::NoDirectory(self.dir.clone()));
        }
        let mut log = DecisionLog::default();
        let mut all_files = Vec::new();
        for dir in self.all_dirs() {
            let files = match list_record_files(dir) {
                Ok(f) => f,
                Err(e) if dir != &self.dir => {
                    log.diagnostics.push(Diagnostic {
                        path: dir.clone(),
                        line: None,
                        severity: Severity::Warning,
                        code: "unreadable-dir",
                        message: e.to_string(),
                    });
                    continue;
                }
                Err(e) => return Err(e),
            };
            all_files.extend(files);
        }
        // An extra directory that is also a topic folder of another lists its records twice.
        let mut seen = std::collections::HashSet::new();
        all_files.retain(|f: &RecordFile| seen.insert(f.path.clone()));
        Ok((log, all_files))
    }

    /// Adds parsed records to `log`: numeric dates in the log's convention, extra statuses
    /// allowed by config, records in number order.
    fn assemble(
        &self,
        log: &mut DecisionLog,
        parsed: Vec<(crate::model::Record, Vec<Diagnostic>)>,
    ) {
        for (record, diags) in parsed {
            log.records.push(record);
            log.diagnostics.extend(diags);
        }
        crate::parse::dates::settle(&mut log.records);
        let extra = &self.config.extra_statuses;
        let records = &log.records;
        log.diagnostics.retain(|d| {
            d.code != "unknown-status"
                || !records.iter().any(|r| {
                    r.path == d.path
                        && r.status.as_ref().is_some_and(|s| {
                            extra
                                .iter()
                                .any(|e| e.eq_ignore_ascii_case(s.state.as_str()))
                        })
                })
        });
        // Sort an index, then move each record once: a record is a few hundred bytes, and
        // sorting 10,000 of them in place moved them about 14 times each.
        let key = |r: &crate::model::Record| (r.number.is_none(), r.number);
        let records = &log.records;
        let mut order: Vec<usize> = (0..records.len()).collect();
        order.sort_by(|&a, &b| {
            (key(&records[a]), &records[a].id).cmp(&(key(&records[b]), &records[b].id))
        });
        let mut slots: Vec<Option<crate::model::Record>> = std::mem::take(&mut log.records)
            .into_iter()
            .map(Some)
            .collect();
        log.records = order.into_iter().filter_map(|i| slots[i].take()).collect();
    }

    /// The folders records may live in, resolved: the repository root and every decision
    /// directory (which `--dir` or `extra-dirs` may place elsewhere).
    pub(crate) fn inside_roots(&self) -> Vec<PathBuf> {
        std::iter::once(&self.root)
            .chain(self.all_dirs())
            .filter_map(|d| std::fs::canonicalize(d).ok())
            .collect()
    }

    /// The format new records are written in: `ADR_FORMAT`, then config, then what most
    /// existing records use, then `structured`.
    pub fn effective_format(&self, log: Option<&DecisionLog>) -> Format {
        if let Some(f) = self.format {
            return f;
        }
        let Some(log) = log else {
            return Format::Structured;
        };
        let mut counts = [0usize; 3];
        for r in &log.records {
            counts[Format::ALL.iter().position(|f| *f == r.format).unwrap_or(0)] += 1;
        }
        let best = counts.iter().max().copied().unwrap_or(0);
        if best == 0 {
            return Format::Structured;
        }
        // On a tie, the newest record's format wins: it is what the team does now.
        let newest =
            log.records.iter().rev().find(|r| {
                counts[Format::ALL.iter().position(|f| *f == r.format).unwrap_or(0)] == best
            });
        newest.map_or(Format::Structured, |r| r.format)
    }
}

/// Where `path` really is, though it may not exist yet: its longest existing ancestor with
/// symbolic links resolved, then the rest as written (normalised).
fn real_path(path: &Path) -> PathBuf {
    let mut existing = path;
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            let tail: PathBuf = rest.iter().rev().collect();
            return crate::paths::normalise(&real.join(tail));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                };
            }
            _ => return crate::paths::normalise(path),
        }
    }
}
