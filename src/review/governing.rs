//! Which accepted decisions govern given files, outside a review: the files an agent is about
//! to change, or those a unified diff changes (`adr mcp`'s `decisions_governing`). The scopes
//! are matched as `adr review` matches them ([`super::scope::governing`]).

use super::scope::{self, Standing};
use super::{Finding, Governing};
use crate::model::{DecisionLog, Lifecycle};
use crate::paths::normalise;
use crate::repo::Repo;
use std::path::{Path, PathBuf};

/// The accepted decisions whose scopes match `files`, and the files governed only by
/// decisions that no longer hold (`governed-by-stale-decision`). `files` are relative to the
/// top of the repository (the git work tree, else the folder the log was found from), as a diff
/// names them; absolute paths inside it are taken too. Returns the files as matched.
pub fn governing_files(
    repo: &Repo,
    log: &DecisionLog,
    files: &[String],
) -> (Vec<String>, Vec<Governing>, Vec<Finding>) {
    let root = std::fs::canonicalize(&repo.root).unwrap_or_else(|_| repo.root.clone());
    let top = crate::repo::discover::repository_top(&repo.dir).unwrap_or_else(|| root.clone());
    let files: Vec<String> = files.iter().filter_map(|f| top_relative(&top, f)).collect();
    let prefix = root
        .strip_prefix(&top)
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .unwrap_or_default();
    let scoped: Vec<_> = log
        .records
        .iter()
        .filter(|r| !r.scope.is_empty())
        .map(|r| {
            let standing = match r.status.as_ref().map(|s| &s.state) {
                Some(Lifecycle::Accepted) => Standing::Governs,
                Some(Lifecycle::Deprecated | Lifecycle::Superseded) => Standing::Stale,
                _ => Standing::Silent,
            };
            (r, r.path.to_string_lossy().into_owned(), standing)
        })
        .collect();
    let (governing, findings) = scope::governing(&scoped, &files, &prefix);
    (files, governing, findings)
}

/// `file` relative to `top`, `/`-separated and normalised; `None` for an absolute path outside
/// it or a blank one.
fn top_relative(top: &Path, file: &str) -> Option<String> {
    let p = Path::new(file.trim());
    let rel: PathBuf = if p.is_absolute() {
        normalise(p).strip_prefix(top).ok()?.to_path_buf()
    } else {
        normalise(p)
    };
    let s = rel.to_string_lossy().replace('\\', "/");
    (!s.is_empty()).then_some(s)
}

/// The files a unified diff changes, in order, each once: the new side of each file's header
/// (`+++ b/x`), and the old side when it differs (a rename or a deletion). `a/` and `b/`
/// prefixes go, as do a header's timestamp and git's quoting. Lines inside hunks are counted
/// off by the hunk header, so an added line that reads `++ x` is never a file name.
pub fn diff_paths(diff: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut add = |p: Option<String>| {
        if let Some(p) = p.filter(|p| seen.insert(p.clone())) {
            out.push(p);
        }
    };
    let (mut old_left, mut new_left) = (0usize, 0usize);
    for line in diff.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if old_left > 0 || new_left > 0 {
            match line.as_bytes().first() {
                Some(b'+') => new_left = new_left.saturating_sub(1),
                Some(b'-') => old_left = old_left.saturating_sub(1),
                Some(b'\\') => {}
                _ => {
                    old_left = old_left.saturating_sub(1);
                    new_left = new_left.saturating_sub(1);
                }
            }
            continue;
        }
        if let Some(h) = line.strip_prefix("@@ ") {
            (old_left, new_left) = hunk_sizes(h);
        } else if let Some(p) = line.strip_prefix("+++ ") {
            add(header_path(p, "b/"));
        } else if let Some(p) = line.strip_prefix("--- ") {
            add(header_path(p, "a/"));
        } else if let Some(p) = ["rename from ", "rename to ", "copy to "]
            .iter()
            .find_map(|k| line.strip_prefix(k))
        {
            add(Some(unquote(p)));
        }
    }
    out
}

/// The old and new line counts of a hunk header's `-l,s +l,s` (a missing count is 1).
fn hunk_sizes(header: &str) -> (usize, usize) {
    let mut sizes = [0usize; 2];
    for (i, sign) in ['-', '+'].iter().enumerate() {
        let part = header
            .split_whitespace()
            .find_map(|w| w.strip_prefix(*sign));
        sizes[i] = part.map_or(0, |p| match p.split_once(',') {
            Some((_, n)) => n.parse().unwrap_or(0),
            None => 1,
        });
    }
    (sizes[0], sizes[1])
}

/// The path of a `---`/`+++` header, without its side's prefix or a trailing timestamp.
fn header_path(text: &str, side: &str) -> Option<String> {
    let text = text.split('\t').next().unwrap_or(text).trim_end();
    if text == "/dev/null" {
        return None;
    }
    let p = unquote(text);
    Some(p.strip_prefix(side).map(str::to_string).unwrap_or(p))
}

/// A path as git writes it: as is, or in double quotes with C escapes (`"caf\303\251.md"`).
fn unquote(text: &str) -> String {
    let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) else {
        return text.to_string();
    };
    let mut bytes = Vec::with_capacity(inner.len());
    let mut it = inner.bytes().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match it.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(d @ b'0'..=b'7') => {
                let mut v = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&n @ b'0'..=b'7') = it.peek() {
                        v = v * 8 + u32::from(n - b'0');
                        it.next();
                    }
                }
                bytes.push(v as u8);
            }
            Some(other) => bytes.push(other),
            None => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_paths_reads_headers_and_skips_hunk_lines() {
        let diff = "diff --git a/src/db/x.rs b/src/db/x.rs\n--- a/src/db/x.rs\n+++ b/src/db/x.rs\n\
                    @@ -1,2 +1,3 @@\n a\n--- not a header\n+++ nor this\n+new\n\
                    --- a/old.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-gone\n\
                    --- /dev/null\n+++ \"b/caf\\303\\251.md\"\t2024-01-01\n@@ -0,0 +1 @@\n+x\n\
                    diff --git a/a.rs b/b.rs\nsimilarity index 100%\nrename from a.rs\nrename to b.rs\n";
        assert_eq!(
            diff_paths(diff),
            ["src/db/x.rs", "old.md", "café.md", "a.rs", "b.rs"]
        );
        assert!(diff_paths("no diff at all").is_empty());
    }

    #[test]
    fn paths_are_taken_relative_to_the_top() {
        let top = Path::new("/repo");
        assert_eq!(top_relative(top, "./src/x.rs").as_deref(), Some("src/x.rs"));
        assert_eq!(
            top_relative(top, "/repo/src/x.rs").as_deref(),
            Some("src/x.rs")
        );
        assert_eq!(top_relative(top, "/elsewhere/x.rs"), None);
        assert_eq!(top_relative(top, "src/../../x").as_deref(), Some("../x"));
        assert_eq!(top_relative(top, "  "), None);
    }
}
