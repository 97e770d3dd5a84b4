//! Finding the decision log: the upward walk from the current directory, what counts as a log
//! at each level (config files first, then well-known folders that hold records), and where the
//! walk stops (the top of a git repository).

use super::{Repo, holds_numbered_records, holds_records};
use crate::config::{self, CONFIG_FILE, Config};
use crate::error::Error;
use crate::model::Format;
use crate::paths::join_rel;
use std::path::{Path, PathBuf};

/// adr-tools' default folder. Unlike the other [`LOG_FOLDERS`], it is a log even when empty:
/// `mkdir -p doc/adr` is how adr-tools users start one.
pub const ADR_TOOLS_DIR: &str = "doc/adr";

/// Folders where real repositories keep their decision log, looked for at each level after the
/// config files, in this order. All but [`ADR_TOOLS_DIR`] count only when they hold a record,
/// so an empty `docs/decisions` never hides a real log. The order is documented in the README.
pub const LOG_FOLDERS: [&str; 16] = [
    ADR_TOOLS_DIR,
    "docs/adr",
    "docs/adrs",
    "docs/decisions",
    "docs/architecture/decisions",
    "docs/architecture/adr",
    "docs/architecture-decisions",
    "docs/architecture-decision-records",
    "doc/architecture/decisions",
    "doc/decisions",
    "architecture/decisions",
    "adr",
    "adrs",
    "decisions",
    "architecture-decision-records",
    "architecture-decision-record",
];

/// How many numbered record files a folder must hold to be taken for the log itself: enough
/// that a project's stray `0001-notes.md` does not make its top folder a decision log.
pub const RECORDS_AT_TOP: usize = 3;

/// Whether `dir` is the top of a git work tree (`.git` is a folder, or a file in worktrees and
/// submodules). The search for a log never climbs above one: a repository's commands must not
/// pick up the log of whatever folder the checkout happens to sit in.
pub fn is_repository_top(dir: &Path) -> bool {
    dir.join(".git").exists()
}

/// The top of the git work tree holding `path` (the nearest folder above it with `.git`).
pub fn repository_top(path: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(path).ok()?;
    abs.ancestors()
        .find(|d| is_repository_top(d))
        .map(Path::to_path_buf)
}

impl Repo {
    /// Walks up from the current directory and, at each level, uses the first of:
    ///
    /// 1. a config file: `.adr.toml`, `.adr-dir`, `.log4brains.yml`, `.adr.json`;
    /// 2. the first of [`LOG_FOLDERS`] that holds a record; the later ones that also hold
    ///    records are kept in [`Repo::others`] so `adr new` and `adr init` can name them;
    /// 3. an existing `doc/adr`, even empty (adr-tools);
    /// 4. the level's own folder, when it holds [`RECORDS_AT_TOP`] numbered record files or
    ///    more (a repository kept for its decision records alone).
    ///
    /// The walk stops after the top of a git work tree ([`is_repository_top`]). With nothing
    /// found, the log is `doc/adr` under the current directory, as in adr-tools.
    /// `explicit_dir` (`--dir`) replaces the directory found but config is still read.
    pub fn discover(explicit_dir: Option<&Path>) -> Result<Repo, Error> {
        let env_format = match std::env::var("ADR_FORMAT") {
            Ok(v) if !v.trim().is_empty() => Some(Format::from_name(&v).ok_or_else(|| {
                Error::Usage(format!(
                    "ADR_FORMAT=`{v}` is not a format: expected structured, nygard or madr"
                ))
            })?),
            _ => None,
        };
        let cwd = std::env::current_dir().map_err(|e| Error::io(Path::new("."), e))?;
        let mut rel = PathBuf::from(".");
        let mut repo = None;
        for abs in cwd.ancestors() {
            repo = Self::at_level(&rel, abs)?;
            if repo.is_some() || is_repository_top(abs) {
                break;
            }
            rel.push("..");
        }
        let mut repo = repo.unwrap_or_else(|| Repo::plain(Path::new("."), ADR_TOOLS_DIR.into()));
        if let Some(d) = explicit_dir {
            repo.dir = d.to_path_buf();
            repo.extra_dirs.clear();
            repo.others.clear();
        }
        repo.format = env_format.or(repo.format);
        Ok(repo)
    }

    /// The repository whose root is `root`, found the way [`Repo::discover`] finds one at a
    /// single level (no walking up); `None` when `root` has no config and no log folder.
    pub fn at(root: &Path) -> Result<Option<Repo>, Error> {
        Self::at_level(root, root)
    }

    /// A repository at `rel` with no config file.
    fn plain(rel: &Path, dir: PathBuf) -> Repo {
        Repo {
            root: join_rel(rel, Path::new(".")),
            dir,
            extra_dirs: Vec::new(),
            others: Vec::new(),
            config: Config::default(),
            config_path: None,
            format: None,
            write_outside: false,
        }
    }

    /// The log at one level: `rel` is the level as printed, `abs` as read.
    fn at_level(rel: &Path, abs: &Path) -> Result<Option<Repo>, Error> {
        if let Some(repo) = Self::configured_at(rel, abs)? {
            return Ok(Some(repo));
        }
        let mut found = LOG_FOLDERS
            .iter()
            .filter(|d| holds_records(&abs.join(d)))
            .map(|d| join_rel(rel, Path::new(d)));
        let Some(dir) = found.next() else {
            if abs.join(ADR_TOOLS_DIR).is_dir() {
                return Ok(Some(Repo::plain(
                    rel,
                    join_rel(rel, Path::new(ADR_TOOLS_DIR)),
                )));
            }
            // A repository kept for its decisions, with the records at its top.
            let own = holds_numbered_records(abs, RECORDS_AT_TOP);
            return Ok(own.then(|| Repo::plain(rel, join_rel(rel, Path::new(".")))));
        };
        let mut repo = Repo::plain(rel, dir);
        repo.others = found.collect();
        Ok(Some(repo))
    }

    /// The log a config file at this level names: `.adr.toml`, `.adr-dir`, `.log4brains.yml`
    /// or `.adr.json`, the first that exists and names a folder.
    fn configured_at(rel: &Path, abs: &Path) -> Result<Option<Repo>, Error> {
        let read = |name: &str| -> Result<Option<String>, Error> {
            let path = abs.join(name);
            if !path.is_file() {
                return Ok(None);
            }
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            Ok(Some(text))
        };
        if abs.join(CONFIG_FILE).is_file() {
            let shown = join_rel(rel, Path::new(CONFIG_FILE));
            let config = Config::load(&shown)?;
            let format = config.format(&shown)?;
            let dir = config.dir.clone().unwrap_or_else(|| ADR_TOOLS_DIR.into());
            let mut repo = Repo::plain(rel, join_rel(rel, &dir));
            repo.extra_dirs = config.extra_dirs.iter().map(|d| join_rel(rel, d)).collect();
            repo.config_path = Some(shown);
            repo.format = format;
            repo.config = config;
            return Ok(Some(repo));
        }
        if let Some(text) = read(".adr-dir")? {
            let d = text.lines().next().unwrap_or("").trim();
            return Ok(Some(Repo::plain(rel, join_rel(rel, Path::new(d)))));
        }
        if let Some(text) = read(".log4brains.yml")? {
            let mut dirs = config::log4brains_dirs(&text).into_iter();
            if let Some(first) = dirs.next() {
                let mut repo = Repo::plain(rel, join_rel(rel, &first));
                repo.extra_dirs = dirs.map(|d| join_rel(rel, &d)).collect();
                return Ok(Some(repo));
            }
        }
        if let Some(text) = read(".adr.json")?
            && let Some(d) = config::adr_json_dir(&text)
        {
            return Ok(Some(Repo::plain(rel, join_rel(rel, &d))));
        }
        Ok(None)
    }
}
