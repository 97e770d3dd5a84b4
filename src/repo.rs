//! The decision log of a repository: where it is ([`discover`]) and reading every record in it.
//!
//! Paths are kept relative to the current directory (`doc/adr`, `../doc/adr`) because that is
//! how adr-tools prints them and scripts depend on it.

pub mod discover;
pub mod yaml_error;

use crate::cache::{Light, Stamp};
use crate::config::Config;
use crate::error::Error;
use crate::model::{DecisionLog, Diagnostic, Format, Severity};
use crate::names::{self, NameInfo};
use crate::parse;
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Records larger than this are reported, not read: no real record comes close (the largest
/// Rust RFC is 172 KB) and reading a huge file would stall every command.
pub const MAX_RECORD_BYTES: u64 = 8 * 1024 * 1024;

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
}

/// A file that holds one record, as found in a decision directory.
#[derive(Debug, Clone)]
pub struct RecordFile {
    pub path: PathBuf,
    pub id: String,
    pub name: NameInfo,
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
        Ok((log, all_files))
    }

    /// Adds parsed records to `log`: extra statuses allowed by config, records in number order.
    fn assemble(
        &self,
        log: &mut DecisionLog,
        parsed: Vec<(crate::model::Record, Vec<Diagnostic>)>,
    ) {
        for (record, diags) in parsed {
            log.records.push(record);
            log.diagnostics.extend(diags);
        }
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
    fn inside_roots(&self) -> Vec<PathBuf> {
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

/// Names in a decision directory that are never records.
fn is_non_record_name(stem: &str) -> bool {
    let s = stem.to_ascii_lowercase();
    matches!(
        s.as_str(),
        "readme"
            | "index"
            | "toc"
            | "summary"
            | "_sidebar"
            | "contributing"
            | "changelog"
            | "license"
            | "glossary"
    ) || s.contains("template")
}

/// A record name's slug that names a template (`template`, `adr-template`, `template-madr`) or
/// the log's own index page.
fn is_template_slug(slug: &str) -> bool {
    let s = slug.to_ascii_lowercase();
    s == "template" || s.starts_with("template-") || s.ends_with("-template") || {
        // `000-index.md`, `0000-readme.md`: the log's own pages.
        matches!(s.as_str(), "index" | "readme" | "toc" | "summary")
    }
}

/// Lists record files: `*.md` files in `dir`, and `<name>/README.md` (or `index.md`) for
/// one-folder-per-record layouts whose folder name is a record name.
pub fn list_record_files(dir: &Path) -> Result<Vec<RecordFile>, Error> {
    record_files_in(dir)?.collect()
}

/// Whether `dir` is a folder holding at least one record file; reading stops at the first, so
/// asking costs little even for a log of thousands.
pub fn holds_records(dir: &Path) -> bool {
    record_files_in(dir).is_ok_and(|mut files| files.any(|f| f.is_ok()))
}

/// The record files of `dir`, one per directory entry that holds a record, as they are read.
fn record_files_in(
    dir: &Path,
) -> Result<impl Iterator<Item = Result<RecordFile, Error>> + '_, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    Ok(entries.filter_map(move |entry| {
        let entry = entry.map_err(|e| Error::io(dir, e));
        entry.and_then(|e| record_file_of(dir, &e)).transpose()
    }))
}

/// The record a directory entry of `dir` holds, if any.
fn record_file_of(dir: &Path, entry: &std::fs::DirEntry) -> Result<Option<RecordFile>, Error> {
    let file_name = entry.file_name();
    let Some(name) = file_name.to_str() else {
        return Ok(None);
    };
    if name.starts_with('.') {
        return Ok(None);
    }
    let path = dir.join(name);
    // The directory entry knows its type without a `stat`; only symlinks need one (to see
    // whether they point at a folder). `adr new` lists 10,000 names in a few milliseconds.
    let mut ft = entry.file_type().map_err(|e| Error::io(&path, e))?;
    if ft.is_symlink()
        && let Ok(m) = std::fs::metadata(&path)
    {
        ft = m.file_type();
    }
    if !ft.is_dir() {
        return Ok(record_file_named(dir, name));
    }
    let Some(info) = names::parse_record_name(name) else {
        return Ok(None);
    };
    let inner = ["README.md", "index.md", "readme.md"]
        .iter()
        .map(|f| path.join(f))
        .find(|p| p.is_file());
    Ok(inner.map(|inner| RecordFile {
        path: inner,
        id: name.to_string(),
        name: info,
    }))
}

/// The record a Markdown file named `name` in `dir` holds, if its name is a record's:
/// `0001-x.md` and such, or any other `.md` name that is not a README, index or template (so
/// that no record is ever dropped for its name).
pub fn record_file_named(dir: &Path, name: &str) -> Option<RecordFile> {
    let stem = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".markdown"))?;
    let info = match names::parse_record_name(stem) {
        // `0000-template.md`: a numbered template is still no decision.
        Some(info) if is_template_slug(&info.slug) => return None,
        Some(info) => info,
        None if is_non_record_name(stem) => return None,
        None => NameInfo {
            number: None,
            date_iso: None,
            slug: stem.to_string(),
        },
    };
    Some(RecordFile {
        path: dir.join(name),
        id: stem.to_string(),
        name: info,
    })
}

/// The record a path inside a decision directory holds: `dir/0001-x.md`, or
/// `dir/2022-02-07-tracing/README.md` for one-folder-per-record layouts.
pub fn record_file_at(decision_dir: &Path, path: &Path) -> Option<RecordFile> {
    let rel = path.strip_prefix(decision_dir).ok()?;
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    match parts.as_slice() {
        [name] if !name.starts_with('.') => record_file_named(decision_dir, name),
        [folder, inner] if ["README.md", "index.md", "readme.md"].contains(inner) => {
            let info = names::parse_record_name(folder)?;
            Some(RecordFile {
                path: path.to_path_buf(),
                id: folder.to_string(),
                name: info,
            })
        }
        _ => None,
    }
}

/// Parses a record from bytes already read (from disk or from git).
pub fn record_from_bytes(
    file: &RecordFile,
    bytes: &[u8],
) -> (crate::model::Record, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let decoded = parse::decode(bytes);
    if let Some((line, code, message)) = decoded.problem {
        diags.push(Diagnostic {
            path: file.path.clone(),
            line: Some(line),
            severity: Severity::Error,
            code,
            message,
        });
    }
    let (record, more) = parse::parse_record(&file.path, &file.id, &file.name, &decoded.text);
    // An unreadable file is already reported; "empty" and "no title" would only repeat it.
    if diags.is_empty() {
        diags.extend(more);
    } else {
        diags.extend(more.into_iter().filter(|d| d.code == "no-number"));
    }
    let diags = diags
        .into_iter()
        .map(|d| canonical(d, Some(&decoded.text)))
        .collect();
    (record, diags)
}

/// Every command reports what reading found under the rules' ids and severities; invalid YAML
/// is explained at the line a person must fix when the file's `text` is given.
fn canonical(d: Diagnostic, text: Option<&str>) -> Diagnostic {
    let mut d = crate::rules::canonical(d);
    if d.code == "invalid-front-matter"
        && let Some((line, message)) = text.and_then(yaml_error::explain)
    {
        d.line = Some(line);
        d.message = message;
    }
    d
}

/// Where a record file that is a symbolic link points, when that is outside every folder in
/// `inside`: a link to `/etc/passwd` named `0001-x.md` must not be read, let alone published.
pub(crate) fn symlink_outside(path: &Path, inside: &[PathBuf]) -> Option<PathBuf> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() {
        return None;
    }
    // A link that does not resolve (a loop, a missing target) is reported when it is read.
    let target = std::fs::canonicalize(path).ok()?;
    (!inside.iter().any(|root| target.starts_with(root))).then_some(target)
}

/// Reads a record unless it is a symbolic link to a file outside every folder in `inside`.
pub(crate) fn read_record_inside(
    f: &RecordFile,
    inside: &[PathBuf],
) -> (crate::model::Record, Vec<Diagnostic>) {
    match symlink_outside(&f.path, inside) {
        Some(target) => unread(
            f,
            "unreadable-file",
            format!(
                "symbolic link to {}, outside the repository; not read",
                target.display()
            ),
        ),
        None => read_record(f),
    }
}

/// The record of a file that is not read, with the error that says why.
fn unread(
    file: &RecordFile,
    code: &'static str,
    message: String,
) -> (crate::model::Record, Vec<Diagnostic>) {
    let (record, more) = record_from_bytes(file, &[]);
    let mut diags = vec![Diagnostic {
        path: file.path.clone(),
        line: None,
        severity: Severity::Error,
        code,
        message,
    }];
    diags.extend(more.into_iter().filter(|d| d.code == "no-number"));
    (record, diags)
}

/// Reads a file whose size is known: one `open` and `read`s, no second `stat`. Reading stops
/// past [`MAX_RECORD_BYTES`] in case the file grew after it was measured.
fn read_file(path: &Path, len: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(len as usize + 1);
    std::fs::File::open(path)?
        .take(MAX_RECORD_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads and parses one record file. Unreadable, oversized, binary and non-UTF-8 files still
/// produce a record (with what could be read) and an error diagnostic.
pub fn read_record(file: &RecordFile) -> (crate::model::Record, Vec<Diagnostic>) {
    let error = |line, code, message: String| Diagnostic {
        path: file.path.clone(),
        line,
        severity: Severity::Error,
        code,
        message,
    };
    let mut diags = Vec::new();
    let bytes = match std::fs::metadata(&file.path) {
        // A FIFO or device named `x.md` would block or never end; only plain files are read.
        Ok(m) if !m.is_file() => {
            diags.push(error(
                None,
                "unreadable-file",
                "not a regular file; not read".to_string(),
            ));
            Vec::new()
        }
        Ok(m) if m.len() > MAX_RECORD_BYTES => {
            diags.push(error(
                None,
                "file-too-large",
                format!(
                    "file is {} bytes, over the {} MiB limit for a record; not read",
                    m.len(),
                    MAX_RECORD_BYTES / 1024 / 1024
                ),
            ));
            Vec::new()
        }
        Ok(m) => match read_file(&file.path, m.len()) {
            Ok(b) => b,
            Err(e) => {
                diags.push(error(
                    None,
                    "unreadable-file",
                    format!("cannot read file: {e}"),
                ));
                Vec::new()
            }
        },
        Err(e) => {
            diags.push(error(
                None,
                "unreadable-file",
                format!("cannot read file: {e}"),
            ));
            Vec::new()
        }
    };
    if !diags.is_empty() {
        let (record, more) = record_from_bytes(file, &bytes);
        diags.extend(more.into_iter().filter(|d| d.code == "no-number"));
        let diags = diags.into_iter().map(|d| canonical(d, None)).collect();
        return (record, diags);
    }
    record_from_bytes(file, &bytes)
}
