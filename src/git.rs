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
            "-z",
            "--format=%x1e%aI%x1f%an",
            "--",
            ".",
        ])
        .stderr(Stdio::null())
        .output();
    match out {
        Ok(o) if o.status.success() => parse_log(&o.stdout),
        _ => HashMap::new(),
    }
}

/// Parses `git log --name-only -z --format=%x1e%aI%x1f%an` output: commits newest first, each
/// a header, a NUL, then the files it touched, each ended by a NUL (a name may hold a newline).
fn parse_log(out: &[u8]) -> HashMap<PathBuf, FileDates> {
    let mut map: HashMap<PathBuf, FileDates> = HashMap::new();
    for commit in out.split(|&b| b == 0x1e).filter(|c| !c.is_empty()) {
        let mut fields = commit.split(|&b| b == 0);
        let header = String::from_utf8_lossy(fields.next().unwrap_or_default());
        let (date, author) = header.split_once('\x1f').unwrap_or((&header, ""));
        for file in fields {
            let file = file.strip_prefix(b"\n").unwrap_or(file);
            if file.is_empty() {
                continue;
            }
            let e = map.entry(path_of(file)).or_default();
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

/// A path as git printed it (bytes; any byte but NUL).
fn path_of(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
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

/// Runs git in `dir` and returns stdout, or an error that quotes git's own message.
fn run_git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let o = git(dir)
        .args(args)
        .output()
        .map_err(|e| Error::Git(format!("cannot run git ({e}); is it installed?")))?;
    if o.status.success() {
        Ok(o.stdout)
    } else {
        Err(Error::Git(format!(
            "git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&o.stderr).trim()
        )))
    }
}

/// Who git says the user is (`user.name`, as `git config` finds it from `dir`); `None` when
/// git is missing or no name is set.
pub fn user_name(dir: &Path) -> Option<String> {
    run_git(dir, &["config", "user.name"])
        .ok()
        .map(|o| String::from_utf8_lossy(&o).trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The top of the work tree holding `dir`.
pub fn toplevel(dir: &Path) -> Result<PathBuf, Error> {
    let out = run_git(dir, &["rev-parse", "--show-toplevel"])
        .map_err(|_| Error::Git(format!("{} is not in a git repository", dir.display())))?;
    Ok(PathBuf::from(String::from_utf8_lossy(&out).trim()))
}

/// The commit a revision names, or an error that says which revision is unknown.
pub fn resolve(dir: &Path, rev: &str) -> Result<String, Error> {
    let spec = format!("{rev}^{{commit}}");
    run_git(dir, &["rev-parse", "--verify", "--quiet", &spec])
        .ok()
        .map(|o| String::from_utf8_lossy(&o).trim().to_string())
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Error::Git(format!("unknown revision `{rev}`")))
}

/// The current branch's name (`feature`), `None` on a detached HEAD.
pub fn current_branch(dir: &Path) -> Option<String> {
    run_git(dir, &["symbolic-ref", "--quiet", "--short", "HEAD"])
        .ok()
        .map(|o| String::from_utf8_lossy(&o).trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The upstream of `branch` as a revision (`origin/develop`) and as a branch name on its
/// remote (`develop`), if one is set.
pub fn upstream(dir: &Path, branch: &str) -> Option<(String, String)> {
    let head = format!("refs/heads/{branch}");
    let o = run_git(
        dir,
        &[
            "for-each-ref",
            "--format=%(upstream)%00%(upstream:short)%00%(upstream:remotename)",
            &head,
        ],
    )
    .ok()?;
    let text = String::from_utf8_lossy(&o);
    let mut parts = text.trim_end().split('\0');
    let (full, short, remote) = (parts.next()?, parts.next()?, parts.next().unwrap_or(""));
    let name = full
        .strip_prefix("refs/heads/")
        .or_else(|| full.strip_prefix(&format!("refs/remotes/{remote}/")))?;
    (!short.is_empty()).then(|| (short.to_string(), name.to_string()))
}

/// What a remote's `HEAD` points at (`origin/main`), when the clone recorded it.
pub fn remote_head(dir: &Path, remote: &str) -> Option<String> {
    let r = format!("refs/remotes/{remote}/HEAD");
    run_git(dir, &["symbolic-ref", "--quiet", "--short", &r])
        .ok()
        .map(|o| String::from_utf8_lossy(&o).trim().to_string())
        .filter(|s| !s.is_empty())
}

/// Whether the repository is a shallow clone (`git clone --depth N`, CI checkouts).
pub fn is_shallow(dir: &Path) -> bool {
    run_git(dir, &["rev-parse", "--is-shallow-repository"]).is_ok_and(|o| o.starts_with(b"true"))
}

/// The merge base of two commits. In a shallow clone it may be missing; the caller says so.
pub fn merge_base(dir: &Path, a: &str, b: &str) -> Result<String, Error> {
    run_git(dir, &["merge-base", a, b])
        .map(|o| String::from_utf8_lossy(&o).trim().to_string())
        .map_err(|_| Error::Git(format!("{a} and {b} have no common ancestor")))
}

/// One changed path between two trees, relative to the top of the work tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// `A`dded, `D`eleted, `M`odified, `R`enamed, `C`opied, `T`ype change.
    pub status: char,
    /// The path before (renames and copies), else the path.
    pub old_path: String,
    pub path: String,
    /// The object id of the file before, and after when the after side is a commit (not for
    /// the work tree, whose files are read from disk): what [`read_blobs`] reads.
    pub old_oid: Option<String>,
    pub new_oid: Option<String>,
}

/// An object id git printed, `None` for the all-zero id (no such side, or not yet hashed).
fn oid(hex: &str) -> Option<String> {
    (!hex.is_empty() && hex.bytes().any(|b| b != b'0')).then(|| hex.to_string())
}

/// Files changed from `base` to `head` (a commit), or to the work tree (tracked changes plus
/// untracked files) when `head` is `None`. Renames are detected. Everything is read
/// NUL-separated, so a file name holding a newline is one name.
pub fn changes(top: &Path, base: &str, head: Option<&str>) -> Result<Vec<Change>, Error> {
    let mut args = vec![
        "diff",
        "--raw",
        "--no-abbrev",
        "-M",
        "-z",
        "--no-ext-diff",
        base,
    ];
    if let Some(h) = head {
        args.push(h);
    }
    let out = run_git(top, &args)?;
    let mut fields = out
        .split(|&b| b == 0)
        .map(|f| String::from_utf8_lossy(f).into_owned());
    let mut list = Vec::new();
    // Each change: `:old-mode new-mode old-oid new-oid STATUS`, then one path (two for renames
    // and copies), each ended by a NUL.
    while let Some(meta) = fields.next() {
        let parts: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        let [_, _, old_oid, new_oid, code] = parts[..] else {
            continue;
        };
        let Some(status) = code.chars().next() else {
            continue;
        };
        let first = fields.next().unwrap_or_default();
        let (old_path, path) = if matches!(status, 'R' | 'C') {
            (first, fields.next().unwrap_or_default())
        } else {
            (first.clone(), first)
        };
        list.push(Change {
            status,
            old_path,
            path,
            old_oid: oid(old_oid),
            new_oid: oid(new_oid),
        });
    }
    if head.is_none() {
        let untracked = run_git(top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
        for p in untracked.split(|&b| b == 0).filter(|p| !p.is_empty()) {
            let p = String::from_utf8_lossy(p).into_owned();
            list.push(Change {
                status: 'A',
                old_path: p.clone(),
                path: p,
                old_oid: None,
                new_oid: None,
            });
        }
    }
    Ok(list)
}

/// Names directly inside `dir` (relative to the top) at `rev`: `ls-tree`, no file contents.
pub fn list_names(top: &Path, rev: &str, dir: &str) -> Result<Vec<String>, Error> {
    let spec = format!("{rev}:{dir}");
    let out = match run_git(top, &["ls-tree", "--name-only", "-z", &spec]) {
        Ok(o) => o,
        // The folder does not exist at that revision: it has no names.
        Err(_) => return Ok(Vec::new()),
    };
    Ok(out
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect())
}

/// Every file below `dir` (relative to the top) at `rev`, recursively, as top-relative paths
/// with their object ids.
pub fn list_tree(top: &Path, rev: &str, dir: &str) -> Result<Vec<(String, String)>, Error> {
    let out = run_git(top, &["ls-tree", "-r", "-z", rev, "--", dir])?;
    // `<mode> <type> <oid>\t<path>`, each entry ended by a NUL.
    Ok(out
        .split(|&b| b == 0)
        .filter_map(|entry| {
            let entry = String::from_utf8_lossy(entry);
            let (meta, path) = entry.split_once('\t')?;
            let oid = meta.rsplit(' ').next()?;
            Some((path.to_string(), oid.to_string()))
        })
        .collect())
}

/// Files under `dirs` (relative to the top) at `rev` with a line matching the extended regular
/// expression `pattern`, as top-relative paths: `git grep`, which reads the blobs itself.
pub fn grep_files(
    top: &Path,
    rev: &str,
    pattern: &str,
    dirs: &[String],
) -> Result<Vec<String>, Error> {
    let mut cmd = git(top);
    cmd.args(["grep", "-l", "-z", "-I", "-E", "-e", pattern, rev, "--"])
        .args(dirs);
    let o = cmd
        .output()
        .map_err(|e| Error::Git(format!("cannot run git ({e}); is it installed?")))?;
    // Exit 1: nothing matched.
    match o.status.code() {
        Some(0) | Some(1) => {}
        _ => {
            return Err(Error::Git(format!(
                "git grep failed: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            )));
        }
    }
    let prefix = format!("{rev}:");
    Ok(o.stdout
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let p = String::from_utf8_lossy(p);
            p.strip_prefix(&prefix).unwrap_or(&p).to_string()
        })
        .collect())
}

/// The contents of blobs by object id, read by one `git cat-file --batch` process. Ids are
/// asked for, never `rev:path` names: a path can hold a newline, which would split one request
/// into two and shift every later answer; an id cannot. Ids git does not have are absent from
/// the result.
pub fn read_blobs(top: &Path, oids: &[String]) -> Result<HashMap<String, Vec<u8>>, Error> {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut map = HashMap::new();
    let oids: Vec<&String> = oids
        .iter()
        .filter(|o| !o.is_empty() && o.bytes().all(|b| b.is_ascii_hexdigit()))
        .collect();
    if oids.is_empty() {
        return Ok(map);
    }
    let mut child = git(top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| Error::Git(format!("cannot run git ({e})")))?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| Error::Git("no stdin".into()))?;
    let request: String = oids.iter().map(|o| format!("{o}\n")).collect();
    // Write from a thread so a large answer cannot deadlock against a full request pipe.
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let stdout = child
        .stdout
        .take()
        .ok_or_else(|| Error::Git("no stdout".into()))?;
    let mut reader = BufReader::new(stdout);
    for oid in oids {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 {
            break;
        }
        let mut parts = header.split_whitespace();
        let (_, kind, size) = (parts.next(), parts.next(), parts.next());
        let Some(size) = size.and_then(|s| s.parse::<usize>().ok()) else {
            continue; // "<oid> missing"
        };
        let mut body = vec![0; size + 1];
        reader
            .read_exact(&mut body)
            .map_err(|e| Error::Git(format!("reading object {oid}: {e}")))?;
        body.pop();
        if kind == Some("blob") {
            map.insert(oid.clone(), body);
        }
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_parse_keeps_newest_as_changed_and_oldest_as_created() {
        let text = b"\x1e2024-03-01T00:00:00+00:00\x1fBea\0\na.md\0\
                     \x1e2024-01-01T00:00:00+00:00\x1fAl\0\na.md\0b\nc.md\0";
        let m = parse_log(text);
        let a = &m[Path::new("a.md")];
        assert_eq!(a.changed.as_deref(), Some("2024-03-01T00:00:00+00:00"));
        assert_eq!(a.changed_by.as_deref(), Some("Bea"));
        assert_eq!(a.created_by.as_deref(), Some("Al"));
        assert_eq!(m[Path::new("b\nc.md")].created_by.as_deref(), Some("Al"));
    }
}
