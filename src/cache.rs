//! A cache of what `adr list` and `adr generate toc` show of each record, so that on a log that
//! has not changed they read one file and `stat` the records instead of reading and parsing
//! every one (10,000 records are 70 MB; reading them is the floor every other command has).
//!
//! An entry is used only when the record file's size, modification time, change time and inode
//! are what they were when it was parsed, and the cache was written by this very binary; files
//! changed in the last two seconds are never cached (a same-size rewrite within the timestamp
//! granularity would otherwise go unseen: git's "racily clean" problem). Records with any
//! diagnostic and symbolic links are never cached, so every warning is found again on every
//! run. The cache lives in the user's cache folder (`$XDG_CACHE_HOME/adr`, else
//! `~/.cache/adr`), never in the repository; `ADR_NO_CACHE=1` turns it off. A cache that
//! cannot be read or written is ignored: it only ever saves time.

use crate::model::{Approval, DayOrder, Format, Link, Record, Status, StatusChange};
use crate::parse::words::normalise_status;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Bumped whenever what is stored changes shape.
const VERSION: u32 = 4;

/// Files changed this recently are parsed, not cached.
const RACY: Duration = Duration::from_secs(2);

/// What identifies one version of a file without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    mtime_ns: i128,
    ctime_ns: i128,
    ino: u64,
}

impl Stamp {
    /// The stamp of a plain file, or `None` for anything the cache should not vouch for (a
    /// symbolic link, a file changed in the last two seconds, a platform without change times).
    pub fn of(meta: &std::fs::Metadata, now: SystemTime) -> Option<Stamp> {
        if !meta.file_type().is_file() {
            return None;
        }
        let settled = |t: SystemTime| now.duration_since(t).is_ok_and(|age| age >= RACY);
        if !settled(meta.modified().ok()?) {
            return None;
        }
        Self::platform(meta, settled)
    }

    /// The stamp of the file at `path` (not following a symbolic link), as [`Stamp::of`].
    pub fn at(path: &Path, now: SystemTime) -> Option<Stamp> {
        Stamp::of(&std::fs::symlink_metadata(path).ok()?, now)
    }

    #[cfg(unix)]
    fn platform(meta: &std::fs::Metadata, settled: impl Fn(SystemTime) -> bool) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        let ctime = SystemTime::UNIX_EPOCH
            .checked_add(Duration::from_secs(u64::try_from(meta.ctime()).ok()?))?;
        settled(ctime).then_some(Stamp {
            len: meta.len(),
            mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
            ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
            ino: meta.ino(),
        })
    }

    #[cfg(not(unix))]
    fn platform(_: &std::fs::Metadata, _: impl Fn(SystemTime) -> bool) -> Option<Stamp> {
        None
    }
}

/// The record files of a log at one moment: each one's path and stamp. A process that keeps a
/// log in memory (`adr mcp`) takes one before reading the log and reads again only when a later
/// one differs; two equal snapshots mean no record was added, removed or changed between them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot(Vec<(PathBuf, Stamp)>);

impl Snapshot {
    /// The snapshot of `paths` now; `None` when a file's stamp cannot vouch for it (changed in
    /// the last two seconds, a symbolic link, gone).
    pub fn of(paths: Vec<PathBuf>) -> Option<Snapshot> {
        use rayon::prelude::*;
        let now = SystemTime::now();
        let stamps: Option<Vec<Stamp>> = paths.par_iter().map(|p| Stamp::at(p, now)).collect();
        Some(Snapshot(paths.into_iter().zip(stamps?).collect()))
    }
}

/// What `list` (every format, every filter) and `generate toc` read of a record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Light {
    number: Option<u32>,
    number_in_file: Option<u32>,
    title: Option<String>,
    status: Option<(String, String, usize)>,
    date: Option<String>,
    date_iso: Option<String>,
    /// The record's own evidence and open reading, as the parser left them: which reading
    /// holds depends on the other records of the log, so it is settled after the cache is read
    /// ([`crate::parse::dates::settle`]), never stored settled.
    day_order: Option<DayOrder>,
    date_month_first: Option<String>,
    deciders: Vec<String>,
    tags: Vec<String>,
    scope: Vec<String>,
    links: Vec<(String, String, String, Option<String>, usize)>,
    format: String,
    /// The first line of the body: adr-tools' toc prints a `# N. Title` heading as written.
    first_line: String,
    body_line: usize,
    /// What `list --due` and `list --status proposed --long` show: the dated history (when a
    /// proposal opened, who moved it), the review date, goals and approvals.
    history: Vec<(String, String, Option<String>, Option<String>)>,
    review_by: Option<String>,
    goals: Vec<String>,
    approvals: Vec<(String, Option<String>)>,
}

impl Light {
    pub fn of(r: &Record) -> Light {
        Light {
            number: r.number,
            number_in_file: r.number_in_file,
            title: r.title.clone(),
            status: r
                .status
                .as_ref()
                .map(|s| (s.state.as_str().to_string(), s.raw.clone(), s.line)),
            date: r.date.clone(),
            date_iso: r.date_iso.clone(),
            day_order: r.day_order,
            date_month_first: r.date_month_first.clone(),
            deciders: r.deciders.clone(),
            tags: r.tags.clone(),
            scope: r.scope.clone(),
            links: r
                .links
                .iter()
                .map(|l| {
                    (
                        l.kind.clone(),
                        l.label.clone(),
                        l.target.clone(),
                        l.text.clone(),
                        l.line,
                    )
                })
                .collect(),
            format: r.format.name().to_string(),
            first_line: r.body.lines().next().unwrap_or("").to_string(),
            body_line: r.body_line,
            history: r
                .status_history
                .iter()
                .map(|h| {
                    (
                        h.date.clone(),
                        h.raw.clone(),
                        h.by.clone(),
                        h.forced.clone(),
                    )
                })
                .collect(),
            review_by: r.review_by.clone(),
            goals: r.goals.clone(),
            approvals: r
                .approvals
                .iter()
                .map(|a| (a.by.clone(), a.date.clone()))
                .collect(),
        }
    }

    /// The record with id `id` at `path`, as far as the cache knows it: no front matter, no
    /// quality attributes, options or confirmations, and a body of one line.
    pub fn into_record(self, id: &str, path: &Path) -> Record {
        Record {
            number: self.number,
            number_in_file: self.number_in_file,
            id: id.to_string(),
            title: self.title,
            status: self.status.map(|(state, raw, line)| Status {
                // The normalised state is stored as its name; names of known states read
                // back as themselves, other names as themselves too.
                state: normalise_status(&state),
                raw,
                line,
            }),
            status_history: self
                .history
                .into_iter()
                .map(|(date, raw, by, forced)| StatusChange {
                    date,
                    status: normalise_status(&raw),
                    raw,
                    line: None,
                    by,
                    forced,
                })
                .collect(),
            date: self.date,
            date_iso: self.date_iso,
            day_order: self.day_order,
            date_month_first: self.date_month_first,
            deciders: self.deciders,
            consulted: Vec::new(),
            informed: Vec::new(),
            tags: self.tags,
            scope: self.scope,
            constraints: Vec::new(),
            quality_attributes: Vec::new(),
            options: Vec::new(),
            context: None,
            drivers: Vec::new(),
            links: self
                .links
                .into_iter()
                .map(|(kind, label, target, text, line)| Link {
                    kind,
                    label,
                    target,
                    text,
                    line,
                })
                .collect(),
            goals: self.goals,
            review_by: self.review_by,
            revisit_when: None,
            approvals: self
                .approvals
                .into_iter()
                .map(|(by, date)| Approval { by, date })
                .collect(),
            confirmation: Vec::new(),
            format: Format::from_name(&self.format).unwrap_or(Format::Nygard),
            front_matter: None,
            body: self.first_line,
            body_line: self.body_line,
            key_lines: Vec::new(),
            path: path.to_path_buf(),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    /// The binary that wrote it: a new build may parse differently.
    binary: String,
    entries: Vec<Entry>,
}

/// One record file: its path, the stamp it was read at, and what was read (`None` for a
/// record that had diagnostics, so is parsed again to report them).
pub type Entry = (String, Stamp, Option<Light>);

/// The cache of one repository's decision directories.
pub struct Cache {
    path: PathBuf,
    binary: String,
    entries: Vec<Entry>,
}

impl Cache {
    /// Opens the cache of the log read from `dirs`; `None` when caching is off or there is no
    /// cache folder.
    pub fn open(dirs: &[&Path]) -> Option<Cache> {
        if std::env::var_os("ADR_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
            return None;
        }
        let base = std::env::var_os("XDG_CACHE_HOME")
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| {
                std::env::var_os("HOME")
                    .map(PathBuf::from)
                    .filter(|p| p.is_absolute())
                    .map(|h| h.join(".cache"))
            })?;
        let mut key = String::new();
        for d in dirs {
            key.push_str(&std::fs::canonicalize(d).ok()?.to_string_lossy());
            key.push('\n');
        }
        let path = base
            .join("adr")
            .join(format!("log-{:016x}.bin", fnv1a(&key)));
        let binary = binary_identity()?;
        // postcard, not JSON: 10,000 entries decode in a third of the time.
        let entries = std::fs::read(&path)
            .ok()
            .and_then(|bytes| postcard::from_bytes::<CacheFile>(&bytes).ok())
            .filter(|c| c.version == VERSION && c.binary == binary)
            .map(|c| c.entries)
            .unwrap_or_default();
        Some(Cache {
            path,
            binary,
            entries,
        })
    }

    /// Takes out the cached entry of each of `paths` whose stamp is still `stamps`' (`Some(None)`
    /// for a record known to have diagnostics), and says whether the cache is out of date: a
    /// record went away, or a settled file was not in it. Entries are stored in the order the
    /// records are listed, so each is usually the one after the last found; a hash map is
    /// built only when it is not.
    pub fn take(
        &mut self,
        paths: &[Option<&str>],
        stamps: &[Option<Stamp>],
    ) -> (Vec<Option<Option<Light>>>, bool) {
        let mut index: Option<HashMap<String, usize>> = None;
        let mut next = 0;
        let mut used = 0;
        let mut out = Vec::with_capacity(paths.len());
        let mut stale = false;
        for (path, stamp) in paths.iter().zip(stamps) {
            let Some(path) = path else {
                out.push(None);
                continue;
            };
            let at = match self.entries.get(next) {
                Some(e) if e.0 == *path => {
                    next += 1;
                    Some(next - 1)
                }
                _ => index
                    .get_or_insert_with(|| {
                        (self.entries.iter().enumerate())
                            .map(|(i, e)| (e.0.clone(), i))
                            .collect()
                    })
                    .get(*path)
                    .copied(),
            };
            let hit = at.and_then(|i| {
                used += 1;
                let e = &mut self.entries[i];
                (Some(e.1) == *stamp).then(|| e.2.take())
            });
            stale |= stamp.is_some() && hit.is_none();
            out.push(hit);
        }
        (out, stale || used != self.entries.len())
    }

    /// Replaces the cache with `entries`. Errors are ignored: the next run parses again.
    pub fn store(self, entries: Vec<Entry>) {
        let file = CacheFile {
            version: VERSION,
            binary: self.binary,
            entries,
        };
        let Ok(bytes) = postcard::to_stdvec(&file) else {
            return;
        };
        if let Some(dir) = self.path.parent()
            && std::fs::create_dir_all(dir).is_ok()
        {
            let _ = crate::fsx::write_atomic(&self.path, &bytes);
        }
    }
}

/// The running binary's size and modification time.
fn binary_identity() -> Option<String> {
    let meta = std::fs::metadata(std::env::current_exe().ok()?).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(SystemTime::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "{} {} {}.{}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        mtime.as_secs(),
        mtime.subsec_nanos()
    ))
}

/// A stable 64-bit hash for a file name (std's hasher may change between Rust releases).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(len: u64) -> Stamp {
        Stamp {
            len,
            mtime_ns: 1,
            ctime_ns: 2,
            ino: 3,
        }
    }

    fn cache(paths: &[&str]) -> Cache {
        let light = |p: &str| Light {
            title: Some(p.to_string()),
            ..Light::default()
        };
        Cache {
            path: PathBuf::new(),
            binary: String::new(),
            entries: (paths
                .iter()
                .map(|p| (p.to_string(), stamp(1), Some(light(p)))))
            .collect(),
        }
    }

    fn titles(hits: &[Option<Option<Light>>]) -> Vec<Option<String>> {
        hits.iter()
            .map(|h| h.clone().flatten().and_then(|l| l.title))
            .collect()
    }

    #[test]
    fn entries_are_found_in_any_order_and_only_with_their_stamp() {
        // Listed in the stored order, in another order, and with one record rewritten.
        let mut c = cache(&["a", "b", "c"]);
        let (hits, stale) = c.take(&[Some("a"), Some("b"), Some("c")], &[Some(stamp(1)); 3]);
        assert_eq!(
            titles(&hits),
            [Some("a".into()), Some("b".into()), Some("c".into())]
        );
        assert!(!stale);
        let mut c = cache(&["a", "b", "c"]);
        let (hits, stale) = c.take(&[Some("c"), Some("a"), Some("b")], &[Some(stamp(1)); 3]);
        assert_eq!(
            titles(&hits),
            [Some("c".into()), Some("a".into()), Some("b".into())]
        );
        assert!(!stale);
        let mut c = cache(&["a", "b", "c"]);
        let stamps = [Some(stamp(1)), Some(stamp(2)), Some(stamp(1))];
        let (hits, stale) = c.take(&[Some("a"), Some("b"), Some("c")], &stamps);
        assert_eq!(titles(&hits), [Some("a".into()), None, Some("c".into())]);
        assert!(stale, "a rewritten record makes the cache stale");
    }

    #[test]
    fn a_new_or_a_removed_record_makes_the_cache_stale() {
        // `x` is new (not cached) and `b` went away.
        let mut c = cache(&["a", "b", "c"]);
        let (hits, stale) = c.take(&[Some("a"), Some("x"), Some("c")], &[Some(stamp(1)); 3]);
        assert_eq!(titles(&hits), [Some("a".into()), None, Some("c".into())]);
        assert!(stale);
        let mut c = cache(&["a", "b", "c"]);
        let (_, stale) = c.take(&[Some("a"), Some("c")], &[Some(stamp(1)); 2]);
        assert!(stale, "b went away");
        // A file too recent to have a stamp is read, and does not make the cache stale.
        let mut c = cache(&["a"]);
        let (hits, stale) = c.take(&[Some("a"), Some("y")], &[Some(stamp(1)), None]);
        assert_eq!(titles(&hits), [Some("a".into()), None]);
        assert!(!stale);
    }
}
