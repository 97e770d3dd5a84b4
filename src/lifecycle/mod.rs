//! Changes that move decisions through their lifecycle: superseding, linking, status moves and
//! renumbering. Each change is planned in memory across all the files it touches, then written
//! file by file, each atomically, in a fixed order (see [`Workspace::commit`]).

mod apply;
mod approval;
mod ops;
mod renumber;
pub mod rules;

pub use apply::{Applied, StatusRequest, change_status, link_refs};
pub use approval::{StatusMove, approve, objections, who};
pub use ops::{Compat, Linked, link, link_note, mark_superseded, set_status, supersede};
pub use renumber::renumber;

use crate::edit::EditError;
use crate::error::Error;
use crate::fsx;
use crate::model::Record;
use crate::names::{self, NameInfo};
use crate::parse;
use std::path::{Component, Path, PathBuf};

/// One file being changed: its text as read, its text now, and the record parsed from that.
struct Entry {
    original: String,
    text: String,
    /// The file starts with a byte-order mark, which the texts leave out and the write keeps.
    bom: bool,
    record: Record,
    /// A record this change creates: written with no-clobber semantics, never over a file.
    created: bool,
}

/// The files a change touches, in the order they were first touched.
#[derive(Default)]
pub struct Workspace {
    entries: Vec<Entry>,
}

/// The record parsed again from edited text, so later edits see the new line numbers; its
/// numeric dates read as its log read them.
fn reparse(record: &Record, text: &str) -> Record {
    let name = names::parse_record_name(&record.id).unwrap_or(NameInfo {
        number: record.number,
        date_iso: None,
        slug: record.id.clone(),
    });
    let mut back = parse::parse_record(&record.path, &record.id, &name, text).0;
    parse::dates::follow(&mut back, record);
    back
}

/// Reads a record's file for editing: its text without a byte-order mark, and whether it had
/// one (written back with the text). A file that is not clean UTF-8 is refused: writing back
/// its lossy decoding would change bytes the edit has no business touching.
fn read_for_edit(path: &Path) -> Result<parse::Decoded, Error> {
    let refuse = |message: String| Error::Config {
        path: path.to_path_buf(),
        line: None,
        message,
    };
    let meta = std::fs::symlink_metadata(path).map_err(|e| Error::io(path, e))?;
    // Writing through the temporary-file-and-rename path would replace the link with a copy.
    if meta.file_type().is_symlink() {
        return Err(refuse(
            "is a symbolic link; not editing it (edit the file it points to)".into(),
        ));
    }
    if meta.len() > crate::repo::MAX_RECORD_BYTES {
        return Err(refuse(format!(
            "file is {} bytes, over the limit for a record; not editing it",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let decoded = parse::decode(&bytes);
    if let Some((line, _, message)) = decoded.problem {
        return Err(Error::Config {
            path: path.to_path_buf(),
            line: Some(line),
            message: format!("{message}; not editing it"),
        });
    }
    Ok(decoded)
}

impl Workspace {
    fn index(&mut self, record: &Record) -> Result<usize, Error> {
        if let Some(i) = self
            .entries
            .iter()
            .position(|e| e.record.path == record.path)
        {
            return Ok(i);
        }
        let file = read_for_edit(&record.path)?;
        self.entries.push(Entry {
            record: reparse(record, &file.text),
            original: file.text.clone(),
            text: file.text,
            bom: file.bom,
            created: false,
        });
        Ok(self.entries.len() - 1)
    }

    /// Adds a record this change creates, with its planned text; it is written (complete, with
    /// every link the change adds to it) by [`Workspace::commit`], first, and never over an
    /// existing file.
    pub fn add_new(&mut self, path: &Path, text: String) -> Record {
        let file = record_file(path);
        let record = crate::repo::record_from_bytes(&file, text.as_bytes()).0;
        self.entries.insert(
            0,
            Entry {
                record: record.clone(),
                original: String::new(),
                text,
                bom: false,
                created: true,
            },
        );
        record
    }

    /// The record as it stands after the edits planned so far.
    pub fn record(&mut self, record: &Record) -> Result<Record, Error> {
        let i = self.index(record)?;
        Ok(self.entries[i].record.clone())
    }

    /// The current text of a record's file.
    pub fn text(&mut self, record: &Record) -> Result<String, Error> {
        let i = self.index(record)?;
        Ok(self.entries[i].text.clone())
    }

    /// Applies one edit to a record's current text.
    pub fn edit(
        &mut self,
        record: &Record,
        f: impl FnOnce(&str, &Record) -> Result<String, EditError>,
    ) -> anyhow::Result<()> {
        let i = self.index(record)?;
        let e = &mut self.entries[i];
        e.text = f(&e.text, &e.record)?;
        e.record = reparse(&e.record, &e.text);
        Ok(())
    }

    /// Writes every changed file, each atomically (temporary file, then rename), in the order
    /// the change first touched them: the record that points (the new one, the link's source)
    /// first, then the records it points to. A crash between two writes leaves each file old
    /// or new, never truncated, and the pair half-linked in a way a check can see: a forward
    /// link without its reverse.
    pub fn commit(self) -> Result<Vec<PathBuf>, Error> {
        self.commit_after(0)
    }

    /// [`Workspace::commit`] for a change that has already written `before` files.
    pub fn commit_after(self, before: usize) -> Result<Vec<PathBuf>, Error> {
        let mut written = Vec::new();
        for e in self
            .entries
            .into_iter()
            .filter(|e| e.created || e.text != e.original)
        {
            let path = &e.record.path;
            let bytes = parse::Decoded::file_bytes(e.bom, &e.text);
            if e.created {
                fsx::create_new(path, &bytes).map_err(|err| Error::io(path, err))?;
            } else {
                fsx::write_atomic(path, &bytes)?;
            }
            written.push(e.record.path.clone());
            failpoint(before + written.len());
        }
        Ok(written)
    }
}

/// The record file at `path`, named as the repository names it.
pub(crate) fn record_file(path: &Path) -> crate::repo::RecordFile {
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = names::parse_record_name(&id).unwrap_or(NameInfo {
        number: None,
        date_iso: None,
        slug: id.clone(),
    });
    crate::repo::RecordFile {
        path: path.to_path_buf(),
        id,
        name,
    }
}

/// Takes the decision directory's lock, then reads the log: a change plans from what is on
/// disk once no other `adr` can be writing, so concurrent changes never lose each other's edits.
pub fn lock_and_load(
    repo: &crate::repo::Repo,
) -> Result<(fsx::DirLock, crate::model::DecisionLog), Error> {
    if !repo.dir.is_dir() {
        return Err(Error::NoDirectory(repo.dir.clone()));
    }
    let lock = repo.lock()?;
    let log = repo.load()?;
    Ok((lock, log))
}

/// Test builds (the `failpoints` feature) stop the process after the Nth write when
/// `ADR_FAILPOINT=after-write-N` (`after-first-write` is `after-write-1`), to prove an
/// interrupted change truncates nothing. What `cargo build` ships ignores the variable.
pub fn failpoint(writes: usize) {
    if cfg!(feature = "failpoints")
        && let Ok(point) = std::env::var("ADR_FAILPOINT")
    {
        let wanted = match point.as_str() {
            "after-first-write" => Some(1),
            p => p.strip_prefix("after-write-").and_then(|n| n.parse().ok()),
        };
        if wanted == Some(writes) {
            eprintln!("adr: failpoint {point}: stopping after write {writes}");
            std::process::exit(86);
        }
    }
}

/// The text of a Markdown link to `record`: what adr-tools takes, the first line minus its
/// first two characters (`# 2. Use X` gives `2. Use X`), when that line is a heading; else the
/// number and title.
pub fn link_title(record: &Record, text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    if let Some(rest) = first.strip_prefix("# ") {
        return rest.trim_end_matches('\r').to_string();
    }
    let title = record.display_title();
    match record.number {
        Some(n) => format!("{n}. {title}"),
        None => title,
    }
}

/// The path of `to` as a link written in the file `from` sees it (`0002-x.md` in the same
/// folder, `../other/0002-x.md` across folders).
pub fn relative_link(from: &Path, to: &Path) -> String {
    let parts = |p: &Path| -> Vec<String> {
        p.components()
            .filter(|c| !matches!(c, Component::CurDir))
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect()
    };
    let from_dir = parts(from.parent().unwrap_or(Path::new("")));
    let to_parts = parts(to);
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<String> = vec!["..".to_string(); from_dir.len() - common];
    out.extend(to_parts[common..].iter().cloned());
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            relative_link(&p("doc/adr/1.md"), &p("doc/adr/2.md")),
            "2.md"
        );
        assert_eq!(relative_link(&p("a/x/1.md"), &p("a/y/2.md")), "../y/2.md");
    }
}
