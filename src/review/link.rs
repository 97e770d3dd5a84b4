//! Where a reviewer reads a record: the `[review] record-url` template, else its page on the
//! published site (`[site] base-url`), else its file on GitHub or GitLab as the CI environment
//! describes it.

use super::RecordRef;
use crate::config::SiteConfig;
use crate::repo::Repo;
use crate::site;
use std::path::{Path, PathBuf};

/// How records are linked, worked out once per review.
#[derive(Debug, Clone, PartialEq)]
pub enum Linker {
    /// `{id}`, `{number}` and `{path}` filled in.
    Template(String),
    /// The site's base URL (ending in `/`) and this repository's project name in the site.
    Site {
        base: String,
        project: String,
    },
    /// `https://github.com/o/r/blob/<sha>/`, the path appended.
    Forge(String),
    None,
}

impl Linker {
    pub fn for_repo(repo: &Repo) -> Linker {
        if let Some(t) = &repo.config.review.record_url {
            return Linker::Template(t.clone());
        }
        if let Some(l) = site_linker(repo) {
            return l;
        }
        forge().map_or(Linker::None, Linker::Forge)
    }

    pub fn url(&self, r: &RecordRef) -> Option<String> {
        match self {
            Linker::Template(t) => {
                let number = r.number.map(|n| n.to_string()).unwrap_or_default();
                Some(
                    t.replace("{id}", &r.id)
                        .replace("{number}", &number)
                        .replace("{path}", &r.path),
                )
            }
            Linker::Site { base, project } => {
                Some(format!("{base}{}", site::links::page_path(project, &r.id)))
            }
            Linker::Forge(f) => Some(format!("{f}{}", r.path)),
            Linker::None => None,
        }
    }
}

/// The file on GitHub or GitLab at the commit CI runs for, from the CI environment.
fn forge() -> Option<String> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    match (
        env("GITHUB_SERVER_URL"),
        env("GITHUB_REPOSITORY"),
        env("GITHUB_SHA"),
    ) {
        (Some(server), Some(repo), Some(sha)) => Some(format!("{server}/{repo}/blob/{sha}/")),
        _ => match (env("CI_PROJECT_URL"), env("CI_COMMIT_SHA")) {
            (Some(project), Some(sha)) => Some(format!("{project}/-/blob/{sha}/")),
            _ => None,
        },
    }
}

/// Pages on the site when `[site] base-url` is set and the site publishes this repository:
/// with no `sources`, the site is this repository's (named as `adr site build` names it);
/// with sources, the one whose `path` holds the decision folder or whose `git` URL is this
/// repository's `origin`.
fn site_linker(repo: &Repo) -> Option<Linker> {
    let mut cfg: SiteConfig = repo.config.site.clone()?;
    let mut base = cfg.base_url.clone().filter(|b| !b.trim().is_empty())?;
    if !base.ends_with('/') {
        base.push('/');
    }
    if cfg.sources.is_empty() {
        let project = site::source::project_name(repo);
        return Some(Linker::Site { base, project });
    }
    let config_dir = repo
        .config_path
        .as_deref()
        .and_then(Path::parent)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    cfg.resolve_paths(&config_dir);
    let dir = std::fs::canonicalize(&repo.dir).ok()?;
    let by_path = cfg
        .sources
        .iter()
        .filter_map(|s| Some((s, std::fs::canonicalize(s.path.as_ref()?).ok()?)))
        .filter(|(_, p)| dir.starts_with(p))
        .max_by_key(|(_, p)| p.components().count())
        .map(|(s, _)| s);
    let origin = crate::git::origin_url(&dir).map(|u| same_remote(&u));
    let source = by_path.or_else(|| {
        cfg.sources.iter().find(|s| {
            s.git
                .as_deref()
                .is_some_and(|g| origin.as_deref() == Some(same_remote(g).as_str()))
        })
    })?;
    Some(Linker::Site {
        base,
        project: source.name.clone(),
    })
}

/// A remote URL with the differences that do not matter removed (`.git`, a trailing `/`).
fn same_remote(url: &str) -> String {
    let u = url.trim().trim_end_matches('/');
    u.strip_suffix(".git").unwrap_or(u).to_lowercase()
}
