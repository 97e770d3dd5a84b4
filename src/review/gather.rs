//! Collecting a review: git says what changed, the changed records are read on both sides, the
//! head log is checked, and scopes are matched against the changed files.

use super::compare::{self, RecordChange};
use super::{Finding, Review, scope};
use crate::check::{self, graph::normalise};
use crate::error::Error;
use crate::git;
use crate::model::{DecisionLog, Record, Severity};
use crate::repo::{self, Repo};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What to compare.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The base branch; default the upstream, else `origin/main`, else `main`.
    pub base: Option<String>,
    /// The head revision; default the work tree.
    pub head: Option<String>,
}

/// Paths relative to the current directory turned into paths relative to the work tree top.
struct Paths {
    cwd_in_top: PathBuf,
}

impl Paths {
    /// The top of the work tree holding the current directory, and the way there.
    fn current() -> Result<(PathBuf, Paths), Error> {
        let cwd = std::env::current_dir().map_err(|e| Error::io(Path::new("."), e))?;
        let top = git::toplevel(&cwd)?;
        let real_cwd = std::fs::canonicalize(&cwd).map_err(|e| Error::io(&cwd, e))?;
        let cwd_in_top = real_cwd
            .strip_prefix(&top)
            .unwrap_or(Path::new(""))
            .to_path_buf();
        Ok((top, Paths { cwd_in_top }))
    }

    /// A top-relative path as seen from the current directory (`../doc/adr/x.md`).
    fn cwd_rel(&self, top_rel: &str) -> PathBuf {
        let up: PathBuf = self.cwd_in_top.components().map(|_| "..").collect();
        normalise(&up.join(top_rel))
    }

    fn top_rel(&self, p: &Path) -> String {
        normalise(&self.cwd_in_top.join(p))
            .to_string_lossy()
            .replace('\\', "/")
    }
}

fn default_base(top: &Path) -> Result<String, Error> {
    if let Some(u) = git::upstream(top) {
        return Ok(u);
    }
    for candidate in ["origin/main", "main", "origin/master", "master"] {
        if git::resolve(top, candidate).is_ok() {
            return Ok(candidate.to_string());
        }
    }
    Err(Error::Git(
        "no base branch: no upstream is set and neither origin/main nor main exists; pass --base"
            .into(),
    ))
}

/// Reads the records of `dirs` (top-relative) at `rev`. Record paths are top-relative.
fn log_at(top: &Path, rev: &str, dirs: &[String]) -> Result<DecisionLog, Error> {
    let mut files = Vec::new();
    for d in dirs {
        for p in git::list_tree(top, rev, d)? {
            if let Some(f) = repo::record_file_at(Path::new(d), Path::new(&p)) {
                files.push(f);
            }
        }
    }
    let paths: Vec<String> = files
        .iter()
        .map(|f| f.path.to_string_lossy().into_owned())
        .collect();
    let blobs = git::read_files(top, rev, &paths)?;
    let mut log = DecisionLog::default();
    for (f, p) in files.iter().zip(&paths) {
        let (r, d) = repo::record_from_bytes(f, blobs.get(p).map_or(&[][..], Vec::as_slice));
        log.records.push(r);
        log.diagnostics.extend(d);
    }
    Ok(log)
}

pub fn gather(
    repo: &Repo,
    opts: &Options,
    accepted_edit: Option<Severity>,
) -> Result<Review, Error> {
    let (top, paths) = Paths::current()?;
    let base = match &opts.base {
        Some(b) => b.clone(),
        None => default_base(&top)?,
    };
    let base_commit = git::resolve(&top, &base)?;
    let head_commit = git::resolve(&top, opts.head.as_deref().unwrap_or("HEAD"))?;
    let merge_base = git::merge_base(&top, &base_commit, &head_commit)?;
    let changes = git::changes(
        &top,
        &merge_base,
        opts.head.as_ref().map(|_| head_commit.as_str()),
    )?;
    let dirs: Vec<String> = repo.all_dirs().map(|d| paths.top_rel(d)).collect();

    // The head log, checked where it is (so link targets resolve on disk), then keyed by
    // top-relative path.
    let head_log = match &opts.head {
        None => {
            let mut log = repo.load()?;
            for r in &mut log.records {
                r.path = PathBuf::from(paths.top_rel(&r.path));
            }
            for d in &mut log.diagnostics {
                d.path = PathBuf::from(paths.top_rel(&d.path));
            }
            log
        }
        Some(_) => log_at(&top, &head_commit, &dirs)?,
    };
    let by_path: HashMap<String, &Record> = head_log
        .records
        .iter()
        .map(|r| (r.path.to_string_lossy().into_owned(), r))
        .collect();

    let in_dirs = |p: &str| {
        dirs.iter()
            .find_map(|d| repo::record_file_at(Path::new(d), Path::new(p)))
    };
    let mut record_changes: Vec<(char, Option<repo::RecordFile>, Option<String>)> = Vec::new();
    for c in &changes {
        let old = (c.status != 'A').then(|| in_dirs(&c.old_path)).flatten();
        let new = (c.status != 'D' && by_path.contains_key(&c.path)).then(|| c.path.clone());
        if old.is_some() || new.is_some() {
            record_changes.push((c.status, old, new));
        }
    }
    let old_paths: Vec<String> = record_changes
        .iter()
        .filter_map(|(_, o, _)| o.as_ref().map(|f| f.path.to_string_lossy().into_owned()))
        .collect();
    let old_blobs = git::read_files(&top, &merge_base, &old_paths)?;
    let new_paths: Vec<String> = record_changes
        .iter()
        .filter_map(|(_, _, n)| n.clone())
        .collect();
    let new_text = |p: &str| -> String {
        match &opts.head {
            None => std::fs::read(top.join(p))
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default(),
            Some(_) => String::new(),
        }
    };
    let new_blobs = match &opts.head {
        Some(_) => git::read_files(&top, &head_commit, &new_paths)?,
        None => HashMap::new(),
    };
    let mut compared = Vec::new();
    for (_, old, new) in &record_changes {
        let old = old.as_ref().and_then(|f| {
            let p = f.path.to_string_lossy().into_owned();
            let bytes = old_blobs.get(&p)?;
            let (r, _) = repo::record_from_bytes(f, bytes);
            Some((r, p, String::from_utf8_lossy(bytes).into_owned()))
        });
        let new = new.as_ref().and_then(|p| {
            let r = (*by_path.get(p)?).clone();
            let text = new_blobs
                .get(p)
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_else(|| new_text(p));
            Some((r, p.clone(), text))
        });
        compared.push(RecordChange { old, new });
    }

    // Check only what the change touched; links are still resolved against the whole log.
    let touched: std::collections::HashSet<PathBuf> = new_paths.iter().map(PathBuf::from).collect();
    let ctx = check::Context {
        log: &head_log,
        root: &repo.root,
        repo_files: None,
        extra_statuses: &repo.config.extra_statuses,
        only: Some(&touched),
    };
    let all_findings = check::run(&ctx, &repo.config.check);

    let mut review = Review {
        version: super::JSON_VERSION,
        base: base.clone(),
        base_commit: base_commit.clone(),
        merge_base: merge_base.clone(),
        head: opts.head.clone().unwrap_or_else(|| "working tree".into()),
        summary: Default::default(),
        added: Vec::new(),
        removed: Vec::new(),
        renamed: Vec::new(),
        status_changes: Vec::new(),
        superseded: Vec::new(),
        accepted_edits: Vec::new(),
        governing: Vec::new(),
        findings: Vec::new(),
    };
    compare::compare(&mut review, &compared, accepted_edit);

    let changed_records: Vec<(PathBuf, String)> = new_paths
        .iter()
        .map(|p| (PathBuf::from(p), p.clone()))
        .collect();
    review.findings = compare::findings_for(&all_findings, &changed_records);
    for d in &dirs {
        let added: Vec<&Record> = compared
            .iter()
            .filter(|c| c.old.is_none())
            .filter_map(|c| c.new.as_ref().map(|n| &n.0))
            .filter(|r| r.path.starts_with(d))
            .collect();
        review
            .findings
            .extend(collisions(&top, &base, &base_commit, d, &added, &head_log)?);
    }
    let changed_files: Vec<String> = changes.iter().map(|c| c.path.clone()).collect();
    let scoped: Vec<(&Record, String)> = head_log
        .records
        .iter()
        .filter(|r| !r.scope.is_empty())
        .map(|r| (r, r.path.to_string_lossy().into_owned()))
        .collect();
    let root = paths.top_rel(&repo.root);
    let root = if root == "." { String::new() } else { root };
    let (governing, stale) = scope::governing(&scoped, &changed_files, &root);
    review.governing = governing;
    review.findings.extend(stale);
    review.summarise();
    Ok(review)
}

/// Records this change adds whose number the base branch already gives to another file.
pub fn collisions(
    top: &Path,
    base: &str,
    base_commit: &str,
    dir: &str,
    added: &[&Record],
    head: &DecisionLog,
) -> Result<Vec<Finding>, Error> {
    if added.is_empty() {
        return Ok(Vec::new());
    }
    let taken: Vec<(u32, String)> = git::list_names(top, base_commit, dir)?
        .into_iter()
        .filter_map(|name| {
            let f = repo::record_file_named(Path::new(dir), &name).or_else(|| {
                crate::names::parse_record_name(&name).map(|info| repo::RecordFile {
                    path: Path::new(dir).join(&name),
                    id: name.clone(),
                    name: info,
                })
            })?;
            Some((f.name.number?, name))
        })
        .collect();
    let next = taken
        .iter()
        .map(|(n, _)| *n)
        .chain(head.records.iter().filter_map(|r| r.number))
        .max()
        .unwrap_or(0)
        + 1;
    let mut out = Vec::new();
    for (i, r) in added.iter().enumerate() {
        let Some(n) = r.number else { continue };
        let file = r
            .path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        let folder = r.id.clone();
        if let Some((_, other)) = taken
            .iter()
            .find(|(m, name)| *m == n && *name != file && *name != folder)
        {
            out.push(Finding {
                path: r.path.to_string_lossy().into_owned(),
                line: Some(1),
                severity: check::find_rule("number-collision")
                    .map_or(Severity::Error, |x| x.severity),
                rule: "number-collision",
                message: format!(
                    "number {n} is already taken on {base} by {dir}/{other}; git will merge both \
                     silently. Fix: `adr renumber {} {}`",
                    r.path.display(),
                    next + i as u32
                ),
            });
        }
    }
    Ok(out)
}

/// `adr check --base REF`: number collisions between the records this branch adds (since its
/// merge base with REF, including uncommitted ones) and the records REF has.
pub fn base_collisions(repo: &Repo, base: &str) -> Result<Vec<crate::model::Diagnostic>, Error> {
    let (top, paths) = Paths::current()?;
    let base_commit = git::resolve(&top, base)?;
    let head = git::resolve(&top, "HEAD")?;
    let merge_base = git::merge_base(&top, &base_commit, &head)?;
    let changes = git::changes(&top, &merge_base, None)?;
    let mut log = repo.load()?;
    for r in &mut log.records {
        r.path = PathBuf::from(paths.top_rel(&r.path));
    }
    let mut out = Vec::new();
    for d in repo.all_dirs().map(|d| paths.top_rel(d)) {
        let added: Vec<&Record> = changes
            .iter()
            .filter(|c| c.status == 'A')
            .filter_map(|c| log.records.iter().find(|r| r.path == Path::new(&c.path)))
            .filter(|r| r.path.starts_with(&d))
            .collect();
        for f in collisions(&top, base, &base_commit, &d, &added, &log)? {
            out.push(crate::model::Diagnostic {
                path: paths.cwd_rel(&f.path),
                line: f.line,
                severity: f.severity,
                code: f.rule,
                message: f.message,
            });
        }
    }
    Ok(out)
}
