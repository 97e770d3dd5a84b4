//! The head side's decision log, read only as far as a review needs it.
//!
//! Every record is listed by name: numbers (collisions, `duplicate-number`) and link targets
//! resolve against names alone. Records are parsed in full only when the review looks inside
//! them: the records the change touches, the records those link to (following `superseded-by`
//! to the end, for cycles), records with a `scope` (governing decisions; found by a scan of the
//! front matter, not a parse) and records whose file name carries no number (their number is
//! inside). The rest are stubs: name, number and path, no content.

use crate::error::Error;
use crate::git;
use crate::links::{Key, LinkIndex};
use crate::model::{DecisionLog, Diagnostic, Record, SUPERSEDED_BY};
use crate::parse;
use crate::repo::{self, RecordFile, Repo};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Front-matter keys the parser reads a record's scope from.
const SCOPE_KEYS: &[&str] = &["scope", "paths", "governs"];

/// Where the head's records are read: the work tree or a revision.
pub enum Source<'a> {
    /// Record paths are relative to the current directory; `top_rel` maps them to the top of
    /// the work tree.
    WorkTree {
        repo: &'a Repo,
        top_rel: &'a dyn Fn(&Path) -> String,
    },
    /// `top` is the work tree top, `rev` a commit, `dirs` the decision folders (top-relative).
    Revision {
        top: &'a Path,
        rev: &'a str,
        dirs: &'a [String],
    },
}

/// One record file: where to read it, its path relative to the top of the work tree, and at a
/// revision its blob's object id.
struct Entry {
    file: RecordFile,
    top_path: String,
    oid: Option<String>,
}

/// The head's log with top-relative paths; `changed` are top-relative changed paths.
pub fn load(src: &Source<'_>, changed: &HashSet<String>) -> Result<DecisionLog, Error> {
    let entries = list(src)?;
    let mut full: Vec<bool> = entries
        .iter()
        .map(|e| changed.contains(&e.top_path) || e.file.name.number.is_none())
        .collect();
    let scoped = has_scope(src, &entries, &full)?;
    for (i, e) in entries.iter().enumerate() {
        full[i] |= scoped.contains(&e.top_path);
    }
    let mut log = DecisionLog {
        records: entries.iter().map(stub).collect(),
        ..DecisionLog::default()
    };
    let wanted: Vec<usize> = (0..entries.len()).filter(|&i| full[i]).collect();
    fill(src, &entries, &wanted, &mut log)?;
    // Link targets of the changed records, then `superseded-by` chains to their ends. One
    // index of names serves every hop, told of each record read in full (its front matter may
    // give it another number than its file name): a long chain costs a lookup per hop, not a
    // pass over the log.
    let mut frontier: Vec<usize> = (0..entries.len())
        .filter(|&i| changed.contains(&entries[i].top_path))
        .collect();
    let mut seen: HashSet<usize> = frontier.iter().copied().collect();
    let mut index = LinkIndex::of(&log);
    let mut first_hop = true;
    while !frontier.is_empty() {
        let mut next: Vec<usize> = Vec::new();
        for &i in &frontier {
            let r = &log.records[i];
            next.extend(
                r.links
                    .iter()
                    .filter(|l| first_hop || l.kind == SUPERSEDED_BY)
                    .filter_map(|l| index.record(&r.path, &l.target)),
            );
        }
        next.retain(|j| seen.insert(*j));
        let unread: Vec<usize> = next.iter().copied().filter(|&j| !full[j]).collect();
        for &j in &unread {
            full[j] = true;
        }
        fill(src, &entries, &unread, &mut log)?;
        for &j in &unread {
            index.rename(j, Key::of(&log.records[j]));
        }
        frontier = next;
        first_hop = false;
    }
    finish(src, &mut log);
    Ok(log)
}

/// A record known by its name only.
fn stub(e: &Entry) -> Record {
    let f = RecordFile {
        path: PathBuf::from(&e.top_path),
        id: e.file.id.clone(),
        name: e.file.name.clone(),
    };
    repo::record_from_bytes(&f, b"").0
}

fn list(src: &Source<'_>) -> Result<Vec<Entry>, Error> {
    let mut out = Vec::new();
    match src {
        Source::WorkTree { repo, top_rel } => {
            if !repo.dir.is_dir() {
                return Err(Error::NoDirectory(repo.dir.clone()));
            }
            for dir in repo.all_dirs() {
                // An unreadable extra folder is `adr check`'s to report, not the review's.
                let Ok(files) = repo::list_record_files(dir) else {
                    continue;
                };
                out.extend(files.into_iter().map(|file| Entry {
                    top_path: top_rel(&file.path),
                    file,
                    oid: None,
                }));
            }
        }
        Source::Revision { top, rev, dirs } => {
            for d in dirs.iter() {
                for (p, oid) in git::list_tree(top, rev, d)? {
                    if let Some(file) = repo::record_file_at(Path::new(d), Path::new(&p)) {
                        out.push(Entry {
                            file,
                            top_path: p,
                            oid: Some(oid),
                        });
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Whether a record's front matter has a scope key: a line scan, no YAML parse. It may say yes
/// too often (a block scalar line that looks like a key), never no for a record with a scope.
pub fn front_matter_has_scope(text: &str) -> bool {
    let Ok(Some(span)) = parse::split_front_matter(text) else {
        return false;
    };
    text[span.yaml_start..span.yaml_end].lines().any(|l| {
        let l = l.trim_start_matches(['"', '\'']);
        SCOPE_KEYS.iter().any(|k| {
            l.strip_prefix(k).is_some_and(|rest| {
                rest.trim_start_matches(['"', '\''])
                    .trim_start()
                    .starts_with(':')
            })
        })
    })
}

/// The top-relative paths of the records (not yet to be parsed) that have a scope.
fn has_scope(src: &Source<'_>, entries: &[Entry], full: &[bool]) -> Result<HashSet<String>, Error> {
    Ok(match src {
        Source::WorkTree { .. } => entries
            .par_iter()
            .zip(full)
            .filter(|(_, f)| !**f)
            .filter(|(e, _)| {
                let bytes = read_capped(&e.file.path).unwrap_or_default();
                front_matter_has_scope(&parse::decode(&bytes).text)
            })
            .map(|(e, _)| e.top_path.clone())
            .collect(),
        // git reads the blobs and says which match; over-inclusive like the scan above.
        Source::Revision { top, rev, dirs } => {
            let pattern = format!("^[\"']?({})[\"']?[[:space:]]*:", SCOPE_KEYS.join("|"));
            git::grep_files(top, rev, &pattern, dirs)?
                .into_iter()
                .collect()
        }
    })
}

/// A plain file's bytes, up to the size a record may have; `None` for anything else.
fn read_capped(path: &Path) -> Option<Vec<u8>> {
    let meta = std::fs::metadata(path).ok()?;
    (meta.is_file() && meta.len() <= repo::MAX_RECORD_BYTES)
        .then(|| std::fs::read(path).ok())
        .flatten()
}

/// Parses the `which` entries, replacing their stubs in `log`; paths become top-relative.
fn fill(
    src: &Source<'_>,
    entries: &[Entry],
    which: &[usize],
    log: &mut DecisionLog,
) -> Result<(), Error> {
    if which.is_empty() {
        return Ok(());
    }
    let parsed: Vec<(usize, (Record, Vec<Diagnostic>))> = match src {
        Source::WorkTree { repo, .. } => {
            let inside = inside_roots(repo);
            which
                .par_iter()
                .map(|&i| (i, read_work_tree(&entries[i].file, &inside)))
                .collect()
        }
        Source::Revision { top, .. } => {
            let oids: Vec<String> = which
                .iter()
                .filter_map(|&i| entries[i].oid.clone())
                .collect();
            let blobs = git::read_blobs(top, &oids)?;
            which
                .par_iter()
                .map(|&i| {
                    let bytes = entries[i].oid.as_ref().and_then(|o| blobs.get(o));
                    let bytes = bytes.map_or(&[][..], Vec::as_slice);
                    (i, repo::record_from_bytes(&entries[i].file, bytes))
                })
                .collect()
        }
    };
    for (i, (mut record, diags)) in parsed {
        let path = PathBuf::from(&entries[i].top_path);
        log.diagnostics.extend(diags.into_iter().map(|mut d| {
            d.path = path.clone();
            d
        }));
        record.path = path;
        log.records[i] = record;
    }
    Ok(())
}

/// The folders a record file may resolve into: a symbolic link named `0001-x.md` that points
/// elsewhere (`/etc/passwd`) is not read, as `adr check` and `adr list` do not read it.
fn inside_roots(repo: &Repo) -> Vec<PathBuf> {
    std::iter::once(&repo.root)
        .chain(repo.all_dirs())
        .filter_map(|d| std::fs::canonicalize(d).ok())
        .collect()
}

fn read_work_tree(f: &RecordFile, inside: &[PathBuf]) -> (Record, Vec<Diagnostic>) {
    let is_link = std::fs::symlink_metadata(&f.path).is_ok_and(|m| m.file_type().is_symlink());
    let outside = is_link
        && std::fs::canonicalize(&f.path)
            .is_ok_and(|t| !inside.iter().any(|root| t.starts_with(root)));
    if !outside {
        return repo::read_record(f);
    }
    let (record, _) = repo::record_from_bytes(f, b"");
    let diag = Diagnostic {
        path: f.path.clone(),
        line: None,
        severity: crate::model::Severity::Error,
        code: "unreadable-file",
        message: "symbolic link to a file outside the repository; not read".into(),
    };
    (record, vec![diag])
}

/// Statuses the team declared are not `unknown-status`, numeric dates in the log's convention,
/// records in number order: what `Repo::load` gives, for the records read.
fn finish(src: &Source<'_>, log: &mut DecisionLog) {
    if let Source::WorkTree { repo, .. } = src {
        let extra = &repo.config.extra_statuses;
        let declared: HashSet<PathBuf> = log
            .records
            .iter()
            .filter(|r| {
                r.status.as_ref().is_some_and(|s| {
                    extra
                        .iter()
                        .any(|e| e.eq_ignore_ascii_case(s.state.as_str()))
                })
            })
            .map(|r| r.path.clone())
            .collect();
        log.diagnostics
            .retain(|d| d.code != "unknown-status" || !declared.contains(&d.path));
    }
    crate::parse::dates::settle(&mut log.records);
    log.records.sort_by(|a, b| {
        (a.number.is_none(), a.number, &a.id).cmp(&(b.number.is_none(), b.number, &b.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_keys_are_found_in_front_matter_only() {
        assert!(front_matter_has_scope(
            "---\nstatus: x\nscope: [a]\n---\n# T\n"
        ));
        assert!(front_matter_has_scope("---\n\"paths\" : [a]\n---\n"));
        assert!(front_matter_has_scope("---\ngoverns:\n  - a\n---\n"));
        assert!(!front_matter_has_scope("---\nscoped: 1\n---\nscope: [a]\n"));
        assert!(!front_matter_has_scope("# T\n\nscope: [a]\n"));
    }

    #[test]
    fn only_what_the_review_looks_into_is_parsed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |name: &str, fm: &str| {
            let p = root.join("doc/adr").join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(
                p,
                format!("---\nstatus: accepted\n{fm}---\n# Title of {name}\n"),
            )
            .unwrap();
        };
        write("0001-unrelated.md", "");
        write("0002-scoped.md", "scope: [\"src/**\"]\n");
        write(
            "0003-changed.md",
            "superseded-by: [\"0004-successor.md\"]\namends: [\"0006-amended.md\"]\n",
        );
        write("0004-successor.md", "superseded-by: [\"0005-last.md\"]\n");
        write("0005-last.md", "");
        write("0006-amended.md", "amends: [\"0007-two-hops.md\"]\n");
        write("0007-two-hops.md", "");
        write("no-number.md", "");
        let repo = Repo::at(root).unwrap().unwrap();
        let top_rel = |p: &Path| p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
        let src = Source::WorkTree {
            repo: &repo,
            top_rel: &top_rel,
        };
        let changed: HashSet<String> = ["doc/adr/0003-changed.md".to_string()].into();
        let log = load(&src, &changed).unwrap();
        let mut parsed: Vec<String> = log
            .records
            .iter()
            .filter(|r| r.title.is_some())
            .map(|r| r.path.to_string_lossy().into_owned())
            .collect();
        parsed.sort();
        assert_eq!(
            parsed,
            [
                "doc/adr/0002-scoped.md",
                "doc/adr/0003-changed.md",
                "doc/adr/0004-successor.md",
                "doc/adr/0005-last.md",
                "doc/adr/0006-amended.md",
                "doc/adr/no-number.md",
            ]
        );
        // The others are still there by name and number, for collisions and link targets.
        assert_eq!(log.records.len(), 8);
        let stub = log.records.iter().find(|r| r.number == Some(7)).unwrap();
        assert_eq!(stub.path, Path::new("doc/adr/0007-two-hops.md"));
        assert_eq!(stub.scope, Vec::<String>::new());
    }
}
