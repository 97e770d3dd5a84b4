//! Which commit a review compares with: the base branch (given, or the default one), its commit
//! and the merge base with the head, with errors that say what to fetch in a shallow clone.

use crate::error::Error;
use crate::git;
use std::path::Path;

/// The base as resolved: the name it was given or chosen by, its commit, and the merge base
/// with the head.
#[derive(Debug, Clone)]
pub struct Base {
    pub name: String,
    pub commit: String,
    /// The head revision's commit.
    pub head_commit: String,
    pub merge_base: String,
}

/// The branch a pull request usually merges into. A branch's own upstream is its remote copy
/// (`feature` tracks `origin/feature`), and comparing with it shows nothing, so the upstream is
/// used only when it is another branch (`feature` made with `--track origin/develop`). Then the
/// remote's default branch (`origin/HEAD`), then `origin/main`, `origin/master`, `main`,
/// `master`.
pub fn default_base(top: &Path) -> Result<String, Error> {
    let branch = git::current_branch(top);
    if let Some(b) = &branch
        && let Some((upstream, name)) = git::upstream(top, b)
        && name != *b
        && git::resolve(top, &upstream).is_ok()
    {
        return Ok(upstream);
    }
    if let Some(h) = git::remote_head(top, "origin")
        && git::resolve(top, &h).is_ok()
    {
        return Ok(h);
    }
    for candidate in ["origin/main", "origin/master", "main", "master"] {
        if git::resolve(top, candidate).is_ok() {
            return Ok(candidate.to_string());
        }
    }
    Err(Error::Git(
        "no base branch: neither origin/HEAD, origin/main, origin/master, main nor master exists \
         (and the branch tracks no other branch); pass --base"
            .into(),
    ))
}

/// What to fetch when a shallow clone lacks the base: said on every failure to find it.
fn shallow_hint(base: Option<&str>) -> String {
    let branch = base
        .and_then(|b| b.strip_prefix("origin/"))
        .filter(|b| *b != "HEAD")
        .unwrap_or("main");
    format!(
        "\nthis repository is a shallow clone, so the base branch or the merge base may not \
         have been fetched. Fetch the history with `git fetch --unshallow` (or at least the base \
         branch: `git fetch origin {branch}`); in GitHub Actions, use actions/checkout with \
         `fetch-depth: 0`"
    )
}

/// Resolves `base` (`None`: the default base) against `head` (a revision).
pub fn resolve(top: &Path, base: Option<&str>, head: &str) -> Result<Base, Error> {
    let found = find(top, base, head);
    match found {
        Err(Error::Git(msg)) if git::is_shallow(top) => {
            Err(Error::Git(format!("{msg}{}", shallow_hint(base))))
        }
        other => other,
    }
}

fn find(top: &Path, base: Option<&str>, head: &str) -> Result<Base, Error> {
    let name = match base {
        Some(b) => b.to_string(),
        None => default_base(top)?,
    };
    let commit = git::resolve(top, &name)?;
    let head_commit = git::resolve(top, head)?;
    let merge_base = git::merge_base(top, &commit, &head_commit).map_err(|_| {
        Error::Git(format!(
            "{name} and {head} have no common ancestor (no merge base)"
        ))
    })?;
    Ok(Base {
        name,
        commit,
        head_commit,
        merge_base,
    })
}
