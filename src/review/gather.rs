//! Collecting a review: git says what changed, the changed records are read on both sides, the
//! head log is checked, and scopes are matched against the changed files.

use super::compare::{self, RecordChange};
use super::{Finding, Review, base, head, scope};
use crate::check;
use crate::error::Error;
use crate::git;
use crate::links::LinkGraph;
use crate::model::{DecisionLog, Lifecycle, Record, Severity};
use crate::paths::normalise;
use crate::repo::{self, Repo};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// What to compare.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The base branch; default [`base::default_base`].
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

/// The commits a review compares and where to read them.
struct Sides<'a> {
    top: PathBuf,
    paths: Paths,
    merge_base: String,
    head_commit: String,
    /// `None`: the work tree.
    head: Option<&'a str>,
}

pub fn gather(
    repo: &Repo,
    opts: &Options,
    accepted_edit: Option<Severity>,
) -> Result<Review, Error> {
    let (top, paths) = Paths::current()?;
    let head_rev = opts.head.as_deref().unwrap_or("HEAD");
    let base = base::resolve(&top, opts.base.as_deref(), head_rev)?;
    let sides = Sides {
        top,
        paths,
        merge_base: base.merge_base.clone(),
        head_commit: base.head_commit.clone(),
        head: opts.head.as_deref(),
    };
    let changes = git::changes(
        &sides.top,
        &sides.merge_base,
        sides.head.map(|_| sides.head_commit.as_str()),
    )?;
    let dirs: Vec<String> = repo.all_dirs().map(|d| sides.paths.top_rel(d)).collect();
    let head_log = load_head(repo, &sides, &dirs, &changes)?;
    let compared = read_changed_records(&sides, &changes, &dirs, &head_log)?;

    let mut review = Review::new(
        base.name.clone(),
        base.commit.clone(),
        base.merge_base.clone(),
        opts.head.clone(),
    );
    compare::compare(&mut review, &compared, accepted_edit);
    compare::approvals(&mut review, &compared, &repo.config.governance);
    // Check only what the change touched; links are still resolved against the whole log.
    let touched: HashSet<PathBuf> = compared
        .iter()
        .filter_map(|c| c.new.as_ref().map(|n| PathBuf::from(&n.1)))
        .collect();
    let goals = check::goal_ids(&repo.config);
    let ctx = check::Context {
        log: &head_log,
        root: &repo.root,
        repo_files: None,
        extra_statuses: &repo.config.extra_statuses,
        only: Some(&touched),
        goals: &goals,
        today: crate::governance::today(),
    };
    review.findings = check::run(&ctx, &repo.config.check)
        .iter()
        .map(|d| Finding::of(d, d.path.to_string_lossy().into_owned()))
        .collect();
    for d in &dirs {
        let added: Vec<&Record> = compared
            .iter()
            .filter(|c| c.old.is_none())
            .filter_map(|c| c.new.as_ref().map(|n| &n.0))
            .filter(|r| r.path.starts_with(d))
            .collect();
        let found = collisions(&sides.top, &base.name, &base.commit, d, &added, &head_log)?;
        review.findings.extend(found);
    }
    govern(&mut review, repo, &sides, &changes, &head_log, &touched);
    review.summarise();
    Ok(review)
}

/// The head's decision log with top-relative paths, read as far as the review needs it
/// ([`head`]): the work tree (where link targets resolve on disk) or the head revision.
fn load_head(
    repo: &Repo,
    sides: &Sides<'_>,
    dirs: &[String],
    changes: &[git::Change],
) -> Result<DecisionLog, Error> {
    let changed: HashSet<String> = changes.iter().map(|c| c.path.clone()).collect();
    let top_rel = |p: &Path| sides.paths.top_rel(p);
    let src = match sides.head {
        Some(_) => head::Source::Revision {
            top: &sides.top,
            rev: &sides.head_commit,
            dirs,
        },
        None => head::Source::WorkTree {
            repo,
            top_rel: &top_rel,
        },
    };
    head::load(&src, &changed)
}

/// Each changed record file, as it was at the merge base and as it is at the head.
fn read_changed_records(
    sides: &Sides<'_>,
    changes: &[git::Change],
    dirs: &[String],
    head_log: &DecisionLog,
) -> Result<Vec<RecordChange>, Error> {
    let by_path: HashMap<String, &Record> = head_log
        .records
        .iter()
        .map(|r| (r.path.to_string_lossy().into_owned(), r))
        .collect();
    let in_dirs = |p: &str| {
        dirs.iter()
            .find_map(|d| repo::record_file_at(Path::new(d), Path::new(p)))
    };
    // Each change's record file at the merge base (with its blob), and its path at the head.
    type Old = (repo::RecordFile, Option<String>);
    let pairs: Vec<(Option<Old>, Option<&git::Change>)> = changes
        .iter()
        .map(|c| {
            let old = (c.status != 'A')
                .then(|| in_dirs(&c.old_path))
                .flatten()
                .map(|f| (f, c.old_oid.clone()));
            let new = (c.status != 'D' && by_path.contains_key(&c.path)).then_some(c);
            (old, new)
        })
        .filter(|(o, n)| o.is_some() || n.is_some())
        .collect();
    let old_oids: Vec<String> = pairs
        .iter()
        .filter_map(|(o, _)| o.as_ref().and_then(|(_, oid)| oid.clone()))
        .collect();
    let old_blobs = git::read_blobs(&sides.top, &old_oids)?;
    let new_blobs: HashMap<String, Vec<u8>> = match sides.head {
        Some(_) => {
            let oids: Vec<String> = pairs
                .iter()
                .filter_map(|(_, n)| n.and_then(|c| c.new_oid.clone()))
                .collect();
            let blobs = git::read_blobs(&sides.top, &oids)?;
            pairs
                .iter()
                .filter_map(|(_, n)| {
                    let c = (*n)?;
                    Some((c.path.clone(), blobs.get(c.new_oid.as_ref()?)?.clone()))
                })
                .collect()
        }
        None => pairs
            .iter()
            .filter_map(|(_, n)| {
                let p = &(*n)?.path;
                std::fs::read(sides.top.join(p))
                    .ok()
                    .map(|b| (p.clone(), b))
            })
            .collect(),
    };
    let text = |b: &Vec<u8>| String::from_utf8_lossy(b).into_owned();
    Ok(pairs
        .into_iter()
        .map(|(old, new)| RecordChange {
            old: old.and_then(|(f, oid)| {
                let p = f.path.to_string_lossy().into_owned();
                let bytes = old_blobs.get(&oid?)?;
                Some((repo::record_from_bytes(&f, bytes).0, p, text(bytes)))
            }),
            new: new.and_then(|c| {
                let p = &c.path;
                let r = (*by_path.get(p)?).clone();
                Some((r, p.clone(), new_blobs.get(p).map(text).unwrap_or_default()))
            }),
        })
        .collect())
}

/// The accepted decisions whose scopes match the changed files, and files governed only by
/// decisions that no longer hold. `touched` are the records the change adds or edits.
fn govern(
    review: &mut Review,
    repo: &Repo,
    sides: &Sides<'_>,
    changes: &[git::Change],
    head: &DecisionLog,
    touched: &HashSet<PathBuf>,
) {
    let changed_files: Vec<String> = changes.iter().map(|c| c.path.clone()).collect();
    let graph = LinkGraph::build(head);
    let scoped: Vec<(&Record, String, scope::Standing)> = head
        .records
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.scope.is_empty())
        .map(|(i, r)| {
            let shown = r.path.to_string_lossy().into_owned();
            (r, shown, standing(head, &graph, i, touched))
        })
        .collect();
    let root = sides.paths.top_rel(&repo.root);
    let root = if root == "." { String::new() } else { root };
    let (governing, stale) = scope::governing(&scoped, &changed_files, &root);
    review.governing = governing;
    review.findings.extend(stale);
}

/// What a record with a scope is to the files it matches, in this change.
fn standing(
    log: &DecisionLog,
    graph: &LinkGraph,
    i: usize,
    touched: &HashSet<PathBuf>,
) -> scope::Standing {
    let in_change = |j: usize| touched.contains(&log.records[j].path);
    // A successor this change brings, named from either side of the supersession.
    let replaced_here = || graph.successors(log, i).any(in_change);
    match log.records[i].status.as_ref().map(|s| &s.state) {
        Some(Lifecycle::Accepted) => scope::Standing::Governs,
        Some(Lifecycle::Deprecated | Lifecycle::Superseded) if replaced_here() => {
            scope::Standing::Pending
        }
        Some(Lifecycle::Deprecated | Lifecycle::Superseded) => scope::Standing::Stale,
        Some(Lifecycle::Rejected) => scope::Standing::Silent,
        _ if in_change(i) => scope::Standing::Pending,
        _ => scope::Standing::Silent,
    }
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
    let b = base::resolve(&top, Some(base), "HEAD")?;
    let (base_commit, merge_base) = (b.commit, b.merge_base);
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
