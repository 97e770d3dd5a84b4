//! Resolving link targets to records: the graph the link rules (and later the site) walk.

use crate::model::DecisionLog;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// What a link's target turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another record, by index into `log.records`.
    Record(usize),
    /// A file that exists but is not a record (an image, a design doc).
    File,
    /// A URL or an in-page anchor: not checked.
    External,
    /// Nothing by that name.
    Missing,
}

/// Every record's links, resolved.
pub struct LinkGraph {
    /// `edges[i]` lists `(link index in record i, target)`.
    pub edges: Vec<Vec<(usize, Target)>>,
    index: Index,
}

/// `a/./b/../c` → `a/c`, without touching the file system.
pub fn normalise(path: &Path) -> PathBuf {
    let mut out: Vec<Component> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.last() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                _ => out.push(c),
            },
            other => out.push(other),
        }
    }
    out.iter().collect()
}

struct Index {
    by_path: HashMap<PathBuf, usize>,
    by_id: HashMap<String, Vec<usize>>,
    by_number: HashMap<u32, Vec<usize>>,
}

impl LinkGraph {
    pub fn build(log: &DecisionLog) -> LinkGraph {
        let mut index = Index {
            by_path: HashMap::new(),
            by_id: HashMap::new(),
            by_number: HashMap::new(),
        };
        for (i, r) in log.records.iter().enumerate() {
            index.by_path.insert(normalise(&r.path), i);
            // A folder record (`2022-02-07-tracing/README.md`) is also reached by its folder.
            if let Some(parent) = r.path.parent().filter(|_| r.path.ends_with("README.md")) {
                index.by_path.insert(normalise(parent), i);
            }
            index.by_id.entry(r.id.clone()).or_default().push(i);
            if let Some(n) = r.number {
                index.by_number.entry(n).or_default().push(i);
            }
        }
        let edges = log
            .records
            .iter()
            .enumerate()
            .map(|(i, r)| {
                r.links
                    .iter()
                    .enumerate()
                    .map(|(li, l)| (li, resolve(&index, log, i, &l.target)))
                    .collect()
            })
            .collect();
        LinkGraph { edges, index }
    }

    /// What `target`, written in record `from`, points at: a link that is not one of the
    /// record's typed links (a reference in its prose) resolved by the same rules.
    pub fn resolve(&self, log: &DecisionLog, from: usize, target: &str) -> Target {
        resolve(&self.index, log, from, target)
    }

    /// Indices of the records `from` links to with `kind`.
    pub fn targets<'a>(
        &'a self,
        log: &'a DecisionLog,
        from: usize,
        kind: &'a str,
    ) -> impl Iterator<Item = usize> + 'a {
        self.edges[from].iter().filter_map(move |(li, t)| match t {
            Target::Record(j) if log.records[from].links[*li].kind == kind => Some(*j),
            _ => None,
        })
    }
}

fn resolve(index: &Index, log: &DecisionLog, from: usize, target: &str) -> Target {
    let raw = target.trim().trim_matches(['<', '>']);
    if raw.is_empty() || raw.starts_with('#') || raw.contains("://") || raw.starts_with("mailto:") {
        return Target::External;
    }
    let raw = raw.split('#').next().unwrap_or(raw);
    if let Ok(n) = raw
        .trim_start_matches(['A', 'D', 'R', '-', ' '])
        .parse::<u32>()
        && raw.chars().any(|c| c.is_ascii_digit())
        && !raw.contains('.')
    {
        return match index.by_number.get(&n).map(Vec::as_slice) {
            Some([one]) => Target::Record(*one),
            Some(many) if !many.is_empty() => Target::Record(many[0]),
            _ => Target::Missing,
        };
    }
    let base = log.records[from].path.parent().unwrap_or(Path::new(""));
    let candidate = normalise(&base.join(raw));
    if let Some(&i) = index.by_path.get(&candidate) {
        return Target::Record(i);
    }
    // log4brains links by slug, without `.md`.
    let stem = raw.trim_end_matches(".md");
    if !stem.contains('/')
        && let Some(ids) = index.by_id.get(stem)
    {
        return Target::Record(ids[0]);
    }
    if candidate.exists() {
        Target::File
    } else {
        Target::Missing
    }
}
