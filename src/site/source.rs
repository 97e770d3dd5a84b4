//! Reading the site's sources: local folders (parsed in parallel), git repositories (synced
//! into the cache folder first) and JSON bundles.

use super::record::{BUNDLE_VERSION, Bundle, PubRecord};
use crate::config::{SiteConfig, SourceConfig};
use crate::error::Error;
use crate::git;
use crate::model::Diagnostic;
use crate::repo::{self, Repo};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// One project's decision log, ready to publish.
#[derive(Debug, Clone)]
pub struct Project {
    pub name: String,
    /// The folder record paths are relative to, for resolving links written as relative paths
    /// across checkouts; `None` for bundles.
    pub root: Option<PathBuf>,
    pub file_url: Option<String>,
    /// The project's `[governance]`, for the approvals its proposals await.
    pub governance: crate::config::GovernanceConfig,
    /// The goals the project declares (`[[goals]]`).
    pub goals: Vec<crate::config::Goal>,
    pub records: Vec<PubRecord>,
}

/// Every project of the site plus what could not be understood while reading them.
#[derive(Debug, Default)]
pub struct Loaded {
    pub projects: Vec<Project>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads every configured source; with none, the current repository as one project.
pub fn load_all(cfg: &SiteConfig, current: Option<&Repo>) -> Result<Loaded, Error> {
    let mut loaded = Loaded::default();
    if cfg.sources.is_empty() {
        let repo = current.ok_or_else(|| Error::Usage("no sources to publish".into()))?;
        let name = project_name(repo);
        let dirs: Vec<PathBuf> = repo.all_dirs().cloned().collect();
        let root = repo.dir.clone();
        let inside = inside_roots(std::iter::once(&repo.root).chain(&dirs));
        let mut p = load_dirs(
            &name,
            &root,
            &dirs,
            &inside,
            None,
            &mut loaded.diagnostics,
            false,
        )?;
        p.governance = repo.config.governance.clone();
        p.goals = repo.config.goals.clone();
        loaded.projects.push(p);
        return Ok(loaded);
    }
    for s in &cfg.sources {
        let p = load_source(s, cfg, &mut loaded.diagnostics)?;
        loaded.projects.push(p);
    }
    Ok(loaded)
}

/// A project name for the current repository: the name of the git work tree holding its
/// decision folder, else of the folder the log was found in. Never the decision folder's own
/// path: `src/adr` and `design/decisions` are not projects called `src` or `design`.
pub fn project_name(repo: &Repo) -> String {
    let top = crate::repo::discover::repository_top(&repo.dir);
    let root = || std::fs::canonicalize(&repo.root).ok();
    top.or_else(root)
        .as_deref()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .map_or_else(|| "decisions".into(), str::to_string)
}

fn load_source(
    s: &SourceConfig,
    cfg: &SiteConfig,
    diags: &mut Vec<Diagnostic>,
) -> Result<Project, Error> {
    if let Some(bundle) = &s.bundle {
        return load_bundle(bundle, s);
    }
    let root = match (&s.path, &s.git) {
        (Some(p), _) => p.clone(),
        (None, Some(url)) => {
            let cache = cfg.cache_dir.clone().unwrap_or_else(|| ".adr-cache".into());
            git::sync(url, &cache, &super::slug::slug(&s.name))?
        }
        (None, None) => {
            return Err(Error::Usage(format!("source `{}` has no origin", s.name)));
        }
    };
    if !root.is_dir() {
        return Err(Error::NoDirectory(root));
    }
    // A source whose folder is named reads the repository's config only for its governance
    // and goals, so a config it cannot read does not stop the build.
    let repo = match &s.dir {
        Some(_) => Repo::at(&root).ok().flatten(),
        None => Repo::at(&root)?,
    };
    let dirs: Vec<PathBuf> = match (&s.dir, &repo) {
        (Some(d), _) => vec![root.join(d)],
        (None, Some(repo)) => repo.all_dirs().cloned().collect(),
        (None, None) => vec![root.clone()],
    };
    let inside = inside_roots(std::iter::once(&root).chain(&dirs));
    let mut p = load_dirs(
        &s.name,
        &root,
        &dirs,
        &inside,
        s.file_url.clone(),
        diags,
        false,
    )?;
    if let Some(repo) = repo {
        p.governance = repo.config.governance;
        p.goals = repo.config.goals;
    }
    Ok(p)
}

/// The folders a record file may point into, resolved, as `Repo::load` allows them: a
/// symbolic link to anything else (`0015-x.md -> /etc/passwd`) is not read, so not published.
fn inside_roots<'p>(dirs: impl Iterator<Item = &'p PathBuf>) -> Vec<PathBuf> {
    dirs.filter_map(|d| std::fs::canonicalize(d).ok()).collect()
}

/// Parses every record of `dirs` in parallel; paths become relative to `root`. Only bundles
/// carry the raw front matter: no page shows it, and as JSON trees it was the larger part of a
/// site build's memory (10,000 records: 60 MB of 123 MB).
fn load_dirs(
    name: &str,
    root: &Path,
    dirs: &[PathBuf],
    inside: &[PathBuf],
    file_url: Option<String>,
    diags: &mut Vec<Diagnostic>,
    with_front_matter: bool,
) -> Result<Project, Error> {
    // Pages are made once the log's numeric dates are settled, which takes every record of
    // the project: first each record with its folder's git facts and its path in the folder.
    let mut read = Vec::new();
    for (i, dir) in dirs.iter().enumerate() {
        let files = match repo::list_record_files(dir) {
            Ok(f) => f,
            Err(e) if i == 0 => return Err(e),
            Err(_) => continue,
        };
        let folder = Arc::new((git::folder_dates(dir), git::prefix_in_repo(dir)));
        let parsed: Vec<_> = files
            .par_iter()
            .map(|f| {
                let (mut rec, d) = match repo::symlink_outside(&f.path, inside) {
                    Some(target) => not_read(f, &target),
                    None => repo::read_record(f),
                };
                // The front matter as data is for bundles; what a page shows was read from it.
                if !with_front_matter {
                    rec.front_matter = None;
                }
                let in_dir = f.path.strip_prefix(dir).unwrap_or(&f.path).to_path_buf();
                (rec, (d, f.path.clone(), in_dir, Arc::clone(&folder)))
            })
            .collect();
        read.extend(parsed);
    }
    let (mut recs, places): (Vec<_>, Vec<_>) = read.into_iter().unzip();
    crate::parse::dates::settle(&mut recs);
    // Each record moves into its published form: the two are never held at once.
    let pages: Vec<_> = recs
        .into_par_iter()
        .zip(places.into_par_iter())
        .map(|(rec, (d, path, in_dir, folder))| {
            let (dates, prefix) = &*folder;
            let rel = path.strip_prefix(root).unwrap_or(&in_dir);
            let mut p = PubRecord::from_record(rec, slash(rel));
            p.git = dates.get(&in_dir).cloned().unwrap_or_default();
            p.repo_path = prefix.as_ref().map(|pre| slash(&pre.join(&in_dir)));
            (p, d)
        })
        .collect();
    let mut records = Vec::with_capacity(pages.len());
    for (p, d) in pages {
        records.push(p);
        diags.extend(d);
    }
    let file_url = file_url.or_else(|| git::origin_url(root).and_then(|u| web_file_url(&u)));
    sort(&mut records);
    Ok(Project {
        name: name.to_string(),
        root: Some(std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf())),
        file_url,
        governance: Default::default(),
        goals: Vec::new(),
        records,
    })
}

/// What `Repo::load` makes of a record file that links outside the repository: the record
/// without content, and an error naming the file and where it points.
fn not_read(f: &repo::RecordFile, target: &Path) -> (crate::model::Record, Vec<Diagnostic>) {
    let (rec, more) = repo::record_from_bytes(f, &[]);
    let mut diags = vec![Diagnostic {
        path: f.path.clone(),
        line: None,
        severity: crate::model::Severity::Error,
        code: "unreadable-file",
        message: format!(
            "symbolic link to {}, outside the repository; not read",
            target.display()
        ),
    }];
    diags.extend(more.into_iter().filter(|d| d.code == "no-number"));
    (rec, diags)
}

fn sort(records: &mut [PubRecord]) {
    records.sort_by(|a, b| {
        (a.number.is_none(), a.number, &a.id).cmp(&(b.number.is_none(), b.number, &b.id))
    });
}

fn load_bundle(path: &Path, s: &SourceConfig) -> Result<Project, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let bundle: Bundle = serde_json::from_str(&text).map_err(|e| Error::Config {
        path: path.to_path_buf(),
        line: Some(e.line()),
        message: format!("not an adr bundle: {e}"),
    })?;
    if bundle.kind != "adr-bundle" || bundle.version > BUNDLE_VERSION {
        return Err(Error::Config {
            path: path.to_path_buf(),
            line: None,
            message: format!(
                "bundle kind `{}` version {} is not one this adr reads (adr-bundle {})",
                bundle.kind, bundle.version, BUNDLE_VERSION
            ),
        });
    }
    let mut records = bundle.records;
    sort(&mut records);
    Ok(Project {
        name: s.name.clone(),
        root: None,
        file_url: s.file_url.clone().or(bundle.file_url),
        governance: bundle.governance,
        goals: bundle.goals,
        records,
    })
}

/// A path with `/` separators, as URLs and bundles use.
pub fn slash(p: &Path) -> String {
    p.components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `https://github.com/o/r/blob/HEAD/{path}` for GitHub- and GitLab-style remotes.
pub fn web_file_url(remote: &str) -> Option<String> {
    let r = remote.trim().trim_end_matches(".git");
    let web = if let Some(rest) = r.strip_prefix("git@") {
        let (host, path) = rest.split_once(':')?;
        format!("https://{host}/{path}")
    } else if r.starts_with("https://") {
        r.to_string()
    } else {
        return None;
    };
    Some(format!("{web}/blob/HEAD/{{path}}"))
}

/// Reads one local decision folder as a bundle, for `adr export`.
pub fn bundle_of(repo: &Repo, project: &str) -> Result<(Bundle, Vec<Diagnostic>), Error> {
    let mut diags = Vec::new();
    let dirs: Vec<PathBuf> = repo.all_dirs().cloned().collect();
    let inside = inside_roots(std::iter::once(&repo.root).chain(&dirs));
    let mut p = load_dirs(project, &repo.dir, &dirs, &inside, None, &mut diags, true)?;
    p.records.par_iter_mut().for_each(|r| {
        r.html = super::markdown::render(&r.body, &|u| Some(u.to_string())).html;
    });
    Ok((
        Bundle {
            kind: "adr-bundle".into(),
            version: BUNDLE_VERSION,
            project: p.name,
            file_url: p.file_url,
            governance: repo.config.governance.clone(),
            goals: repo.config.goals.clone(),
            records: p.records,
        },
        diags,
    ))
}
