//! Which files of a decision directory are records: listing a folder, naming a file or path.

use crate::error::Error;
use crate::names::{self, NameInfo};
use std::path::{Path, PathBuf};

/// A file that holds one record, as found in a decision directory.
#[derive(Debug, Clone)]
pub struct RecordFile {
    pub path: PathBuf,
    pub id: String,
    pub name: NameInfo,
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
    s == "template"
        || s.starts_with("template-")
        || s.ends_with("-template")
        || {
            // `000-index.md`, `0000-readme.md`: the log's own pages.
            matches!(s.as_str(), "index" | "readme" | "toc" | "summary")
        }
        || names_a_template(&s)
}

/// A slug made of the word "template" in the team's language and words for what it is a
/// template of: `modele-adr` (French), `vorlage`, `plantilla-adr`. A slug with any other word
/// (`modelo-de-dados`, a data model) is a decision's.
fn names_a_template(slug: &str) -> bool {
    const TEMPLATE: [&str; 8] = [
        "template",
        "modele",
        "modèle",
        "vorlage",
        "plantilla",
        "szablon",
        "шаблон",
        "模板",
    ];
    const OF: [&str; 7] = ["adr", "adrs", "madr", "record", "decision", "de", "d"];
    let words: Vec<&str> = slug
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    words.iter().any(|w| TEMPLATE.contains(w))
        && words.iter().all(|w| TEMPLATE.contains(w) || OF.contains(w))
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

/// Whether `dir` itself holds at least `n` numbered record files (`adr-002-configuration.md`,
/// `0002-use-x.md`): a repository kept for its decision records alone, with them at its top.
pub fn holds_numbered_records(dir: &Path, n: usize) -> bool {
    record_files_in(dir).is_ok_and(|files| {
        files
            .filter(|f| {
                f.as_ref()
                    .is_ok_and(|f| f.name.number.is_some() && f.path.extension().is_some())
            })
            .nth(n.saturating_sub(1))
            .is_some()
    })
}

/// The record files of `dir`, as they are read: one per directory entry that holds a record,
/// and the records of its topic folders.
fn record_files_in(
    dir: &Path,
) -> Result<impl Iterator<Item = Result<RecordFile, Error>> + '_, Error> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    // A repository's own top holds source folders, not topics of its decision log.
    let topics = !super::discover::is_repository_top(dir);
    Ok(entries.flat_map(move |entry| {
        let entry = entry.map_err(|e| Error::io(dir, e));
        match entry.and_then(|e| record_files_of(dir, &e, topics)) {
            Ok(files) => files.into_iter().map(Ok).collect::<Vec<_>>(),
            Err(e) => vec![Err(e)],
        }
    }))
}

/// The records a directory entry of `dir` holds: the file's, the record folder's, or those of a
/// topic folder (`security/0008-secret-creation.md`) when `topics`.
fn record_files_of(
    dir: &Path,
    entry: &std::fs::DirEntry,
    topics: bool,
) -> Result<Vec<RecordFile>, Error> {
    match record_file_of(dir, entry)? {
        Some(file) => Ok(vec![file]),
        None if topics => Ok(topic_records(&dir.join(entry.file_name()))),
        None => Ok(Vec::new()),
    }
}

/// The records of a topic folder: a log that groups its records by area (`core/`,
/// `security/`) or by state (`historic-adrs/`, `proposed-adrs/`) keeps each group in a
/// subfolder. A folder holding files named as records (`0008-x.md`, `2022-02-07-x.md`), or
/// named for decision records, is one, and its other Markdown files are records as they are at
/// the log's top; a folder of notes or images adds nothing. Folders deeper down are not read.
fn topic_records(folder: &Path) -> Vec<RecordFile> {
    let Some(name) = folder.file_name().and_then(|n| n.to_str()) else {
        return Vec::new();
    };
    if name.starts_with('.') || !folder.is_dir() {
        return Vec::new();
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let files: Vec<RecordFile> = entries
        .filter_map(|e| {
            let e = e.ok()?;
            let name = e.file_name().into_string().ok()?;
            if name.starts_with('.') || !e.file_type().ok()?.is_file() {
                return None;
            }
            record_file_named(folder, &name)
        })
        .collect();
    let named = |f: &RecordFile| f.name.number.is_some() || f.name.date_iso.is_some();
    if files.iter().any(named) || names_decisions(name) {
        files
    } else {
        Vec::new()
    }
}

/// A folder name that says it holds decision records: `historic-adrs`, `proposed-decisions`.
fn names_decisions(folder: &str) -> bool {
    folder
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| matches!(w, "adr" | "adrs" | "decision" | "decisions" | "madr"))
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
        [folder, inner]
            if ["README.md", "index.md", "readme.md"].contains(inner)
                && let Some(info) = names::parse_record_name(folder) =>
        {
            Some(RecordFile {
                path: path.to_path_buf(),
                id: folder.to_string(),
                name: info,
            })
        }
        // A record in a topic folder (`security/0008-x.md`), as the listing finds it.
        [folder, name] if !folder.starts_with('.') && !name.starts_with('.') => {
            let file = record_file_named(&decision_dir.join(folder), name)?;
            topic_records(&decision_dir.join(folder))
                .iter()
                .any(|f| f.path == file.path)
                .then_some(file)
        }
        _ => None,
    }
}
