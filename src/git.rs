//! Every use of git in the tool: file history for a whole folder in one `git log` pass, and
//! cloning or fetching a source repository into a cache folder.
//!
//! Git is run as a process (`git`), never linked: it is what users have, it honours their
//! credentials and config, and one `git log` over a folder costs the same as one over a file.

use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// When a file was created and last changed, and by whom, according to git.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileDates {
    /// ISO 8601 author date of the first commit that touched the file.
    pub created: Option<String>,
    pub created_by: Option<String>,
    /// ISO 8601 author date of the newest commit that touched the file.
    pub changed: Option<String>,
    pub changed_by: Option<String>,
}

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    // quotepath=off: non-ASCII file names (Chinese titles) come out as written, not escaped.
    cmd.arg("-c")
        .arg("core.quotepath=off")
        .arg("-C")
        .arg(dir)
        .stdin(Stdio::null())
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE");
    cmd
}

/// Dates of every file under `dir`, keyed by path relative to `dir`, from ONE `git log` run.
/// Returns an empty map when `dir` is not in a git repository or git is missing: dates are
/// a nicety, never a reason to fail a build.
pub fn folder_dates(dir: &Path) -> HashMap<PathBuf, FileDates> {
    let out = git(dir)
        .args([
            "log",
            "--no-renames",
            "--relative",
            "--name-only",
            "--format=%x1e%aI%x1f%an",
            "--",
            ".",
        ])
        .stderr(Stdio::null())
        .output();
    match out {
        Ok(o) if o.status.success() => parse_log(&String::from_utf8_lossy(&o.stdout)),
        _ => HashMap::new(),
    }
}

/// Parses `git log --name-only --format=%x1e%aI%x1f%an` output: commits newest first, each a
/// header line then the files it touched.
fn parse_log(text: &str) -> HashMap<PathBuf, FileDates> {
    let mut map: HashMap<PathBuf, FileDates> = HashMap::new();
    for commit in text.split('\x1e').filter(|c| !c.trim().is_empty()) {
        let mut lines = commit.lines();
        let header = lines.next().unwrap_or("");
        let (date, author) = header.split_once('\x1f').unwrap_or((header, ""));
        for file in lines.filter(|l| !l.is_empty()) {
            let e = map.entry(PathBuf::from(file)).or_default();
            if e.changed.is_none() {
                e.changed = Some(date.to_string());
                e.changed_by = Some(author.to_string());
            }
            // Walking newest to oldest, the last commit seen is the one that created the file.
            e.created = Some(date.to_string());
            e.created_by = Some(author.to_string());
        }
    }
    map
}

/// The `origin` remote of the repository holding `dir`, if any.
pub fn origin_url(dir: &Path) -> Option<String> {
    let o = git(dir)
        .args(["remote", "get-url", "origin"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let url = String::from_utf8_lossy(&o.stdout).trim().to_string();
    (o.status.success() && !url.is_empty()).then_some(url)
}

/// The path of `dir` relative to the top of its work tree (`doc/adr`), if it is in one.
pub fn prefix_in_repo(dir: &Path) -> Option<PathBuf> {
    let o = git(dir)
        .args(["rev-parse", "--show-prefix"])
        .stderr(Stdio::null())
        .output()
        .ok()?;
    o.status
        .success()
        .then(|| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
}

/// Clones `url` into `cache/<name>` the first time, fetches and resets it to the remote's
/// default branch afterwards. Returns the checkout's path.
pub fn sync(url: &str, cache: &Path, name: &str) -> Result<PathBuf, Error> {
    std::fs::create_dir_all(cache).map_err(|e| Error::io(cache, e))?;
    let dest = cache.join(name);
    let run = |mut cmd: Command, what: &str| -> Result<(), Error> {
        let o = cmd.output().map_err(|e| Error::io(&dest, e))?;
        if o.status.success() {
            return Ok(());
        }
        Err(Error::Usage(format!(
            "git {what} of {url} into {} failed: {}",
            dest.display(),
            String::from_utf8_lossy(&o.stderr).trim()
        )))
    };
    if dest.join(".git").exists() {
        let mut fetch = git(&dest);
        fetch.args(["fetch", "--quiet", "--depth", "1000", "origin", "HEAD"]);
        run(fetch, "fetch")?;
        let mut reset = git(&dest);
        reset.args(["reset", "--quiet", "--hard", "FETCH_HEAD"]);
        run(reset, "reset")?;
    } else {
        let mut clone = git(cache);
        clone.args(["clone", "--quiet", "--", url, name]);
        run(clone, "clone")?;
    }
    Ok(dest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_parse_keeps_newest_as_changed_and_oldest_as_created() {
        let text = "\x1e2024-03-01T00:00:00+00:00\x1fBea\n\na.md\n\
                    \x1e2024-01-01T00:00:00+00:00\x1fAl\n\na.md\nb.md\n";
        let m = parse_log(text);
        let a = &m[Path::new("a.md")];
        assert_eq!(a.changed.as_deref(), Some("2024-03-01T00:00:00+00:00"));
        assert_eq!(a.changed_by.as_deref(), Some("Bea"));
        assert_eq!(a.created_by.as_deref(), Some("Al"));
        assert_eq!(m[Path::new("b.md")].created_by.as_deref(), Some("Al"));
    }
}
