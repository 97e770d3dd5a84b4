//! The site's link graph: every record gets a page URL; every link target as written (`0002`,
//! `0002-x.md`, `../other/doc/adr/0003-y.md`, `project-b#12`, a slug) is resolved to a record;
//! reverse links and supersede chains are derived from the resolved links.

use super::record::PubRecord;
use super::slug::slug;
use super::source::Project;
use crate::model::{SUPERSEDED_BY, SUPERSEDES};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// One record in the site.
#[derive(Debug)]
pub struct Entry<'a> {
    pub project: usize,
    pub rec: &'a PubRecord,
    /// Page path relative to the site root, e.g. `r/payments/0001-use-x.html`.
    pub url: String,
}

/// A link resolved to another entry.
#[derive(Debug, Clone)]
pub struct Edge {
    pub kind: String,
    pub label: String,
    pub other: usize,
}

/// All records of all projects, with lookups and the resolved link graph.
#[derive(Debug)]
pub struct Site<'a> {
    pub projects: &'a [Project],
    pub entries: Vec<Entry<'a>>,
    pub outgoing: Vec<Vec<Edge>>,
    pub incoming: Vec<Vec<Edge>>,
    /// Links that matched no record: (entry, target as written), in entry order.
    pub unresolved: Vec<(usize, String)>,
    /// Where each entry's run of `unresolved` starts.
    unresolved_start: Vec<usize>,
    by_number: HashMap<(usize, u32), Vec<usize>>,
    by_id: HashMap<(usize, String), usize>,
    by_path: HashMap<(usize, String), usize>,
    by_abs: HashMap<PathBuf, usize>,
    project_by_name: HashMap<String, usize>,
    /// The images records show from their sources ([`super::images::find`]).
    pub images: super::images::Images,
    /// Every quality attribute named, by lower-cased name, with its page.
    pub qualities: std::collections::BTreeMap<String, super::quality::QaPage>,
}

impl<'a> Site<'a> {
    pub fn new(projects: &'a [Project]) -> Site<'a> {
        let mut s = Site {
            projects,
            entries: Vec::new(),
            outgoing: Vec::new(),
            incoming: Vec::new(),
            unresolved: Vec::new(),
            unresolved_start: Vec::new(),
            by_number: HashMap::new(),
            by_id: HashMap::new(),
            by_path: HashMap::new(),
            by_abs: HashMap::new(),
            project_by_name: HashMap::new(),
            images: Default::default(),
            qualities: Default::default(),
        };
        let mut used = HashSet::new();
        for (pi, p) in projects.iter().enumerate() {
            s.project_by_name.insert(p.name.to_lowercase(), pi);
            let pslug = unique(&mut used, project_dir(&p.name), "");
            for rec in &p.records {
                let i = s.entries.len();
                let url = unique(&mut used, record_page(&pslug, &rec.id), ".html");
                s.index(pi, i, rec, p.root.as_deref());
                s.entries.push(Entry {
                    project: pi,
                    rec,
                    url,
                });
            }
        }
        s.resolve_all();
        s.qualities = super::quality::pages(&s.entries);
        s
    }

    fn index(&mut self, pi: usize, i: usize, rec: &PubRecord, root: Option<&Path>) {
        if let Some(n) = rec.number {
            self.by_number.entry((pi, n)).or_default().push(i);
        }
        self.by_id.entry((pi, rec.id.to_lowercase())).or_insert(i);
        self.by_path.entry((pi, rec.path.clone())).or_insert(i);
        // One folder per record: links may name the folder rather than its README.md.
        if let Some((folder, file)) = rec.path.rsplit_once('/')
            && ["readme.md", "index.md"].contains(&file.to_lowercase().as_str())
        {
            self.by_path.entry((pi, folder.to_string())).or_insert(i);
        }
        if let Some(root) = root {
            self.by_abs.insert(root.join(&rec.path), i);
        }
    }

    fn resolve_all(&mut self) {
        let n = self.entries.len();
        self.outgoing = vec![Vec::new(); n];
        self.incoming = vec![Vec::new(); n];
        for i in 0..n {
            self.unresolved_start.push(self.unresolved.len());
            let rec = self.entries[i].rec;
            for l in &rec.links {
                match self.resolve(i, &l.target) {
                    Some(j) if j != i => {
                        let edge = |other| Edge {
                            kind: l.kind.clone(),
                            label: l.label.clone(),
                            other,
                        };
                        self.outgoing[i].push(edge(j));
                        self.incoming[j].push(edge(i));
                    }
                    Some(_) => {}
                    None => self.unresolved.push((i, l.target.clone())),
                }
            }
        }
    }

    /// The link targets of entry `i` that matched no record.
    pub fn unresolved_of(&self, i: usize) -> Vec<String> {
        let start = self.unresolved_start.get(i).copied().unwrap_or(0);
        let end = self
            .unresolved_start
            .get(i + 1)
            .copied()
            .unwrap_or(self.unresolved.len());
        self.unresolved[start..end]
            .iter()
            .map(|(_, t)| t.clone())
            .collect()
    }

    /// The entry a link target written in entry `from` names, if exactly one matches.
    pub fn resolve(&self, from: usize, target: &str) -> Option<usize> {
        let pi = self.entries[from].project;
        let t = target.trim();
        if let Some((proj, rest)) = t.split_once('#')
            && let Some(&pj) = self.project_by_name.get(&proj.trim().to_lowercase())
        {
            return self.by_name(pj, rest.trim());
        }
        let path = t.split(['#', '?']).next().unwrap_or(t);
        if path.contains('/') || path.ends_with(".md") {
            return self.resolve_path(from, path);
        }
        self.by_name(pi, path)
    }

    /// The record a reference `project#12` (or `project#0012`) names, where `project` is one
    /// of the site's projects; `None` for anything else or when no single record matches.
    pub fn project_ref(&self, text: &str) -> Option<usize> {
        let (proj, num) = text.split_once('#')?;
        if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let &pj = self.project_by_name.get(&proj.to_lowercase())?;
        match self.by_number.get(&(pj, num.parse().ok()?))?.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }

    /// Whether `text` has the form of a reference to a project of the site, resolvable or not.
    pub fn looks_like_project_ref(&self, text: &str) -> bool {
        text.split_once('#').is_some_and(|(proj, num)| {
            !num.is_empty()
                && num.bytes().all(|b| b.is_ascii_digit())
                && self.project_by_name.contains_key(&proj.to_lowercase())
        })
    }

    /// A number (`12`, `0012`, `ADR-12`), an id or file name, or a slug, in project `pi`.
    fn by_name(&self, pi: usize, name: &str) -> Option<usize> {
        let stem = name.strip_suffix(".md").unwrap_or(name).to_lowercase();
        if let Some(&i) = self.by_id.get(&(pi, stem.clone())) {
            return Some(i);
        }
        let digits = stem.trim_start_matches(|c: char| !c.is_ascii_digit());
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            let n: u32 = digits.parse().ok()?;
            return match self.by_number.get(&(pi, n))?.as_slice() {
                [one] => Some(*one),
                _ => None,
            };
        }
        // A slug without its number: `use-x` for `0003-use-x`.
        let suffix = format!("-{stem}");
        let mut hits = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| e.project == pi && e.rec.id.to_lowercase().ends_with(&suffix));
        match (hits.next(), hits.next()) {
            (Some((i, _)), None) => Some(i),
            _ => None,
        }
    }

    /// A relative path written in entry `from`'s file (`0002-b.md`, `../x/README.md`).
    pub fn resolve_path(&self, from: usize, path: &str) -> Option<usize> {
        let e = &self.entries[from];
        let path = percent_decode(path);
        let joined = join_rel(parent(&e.rec.path), &path);
        match joined {
            Some(p) => {
                let p = p.trim_end_matches('/').to_string();
                if let Some(&i) = self.by_path.get(&(e.project, p.clone())) {
                    return Some(i);
                }
                let file = p.rsplit('/').next().unwrap_or(&p);
                self.by_id
                    .get(&(e.project, file.trim_end_matches(".md").to_lowercase()))
                    .copied()
            }
            // Outside this source: another checkout next to it.
            None => {
                let root = self.projects[e.project].root.as_ref()?;
                let abs = normalise(&root.join(parent(&e.rec.path)).join(&path));
                self.by_abs.get(&abs).copied()
            }
        }
    }

    /// The records a superseded record leads to, oldest first, ending at the live decision.
    pub fn supersede_chain(&self, i: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut seen = HashSet::from([i]);
        let mut cur = i;
        while let Some(next) = self.successor(cur) {
            if !seen.insert(next) {
                break;
            }
            chain.push(next);
            cur = next;
        }
        chain
    }

    fn successor(&self, i: usize) -> Option<usize> {
        let out = self.outgoing[i].iter().find(|e| e.kind == SUPERSEDED_BY);
        let inc = self.incoming[i].iter().find(|e| e.kind == SUPERSEDES);
        out.or(inc).map(|e| e.other)
    }
}

/// A project's folder in the site: `r/payments` for the project `Payments`.
pub fn project_dir(name: &str) -> String {
    format!("r/{}", slug(name))
}

/// A record's page in its project's folder, without the `.html`: `r/payments/0001-use-x`.
pub fn record_page(project_dir: &str, id: &str) -> String {
    format!("{project_dir}/{}", slug(id))
}

/// The page of record `id` of project `project`, relative to the site root, as a build writes
/// it unless another project or record makes the same slug (then the site adds `-2`):
/// `r/payments/0001-use-x.html`.
pub fn page_path(project: &str, id: &str) -> String {
    format!("{}.html", record_page(&project_dir(project), id))
}

fn unique(used: &mut HashSet<String>, base: String, ext: &str) -> String {
    let mut name = format!("{base}{ext}");
    let mut n = 2;
    while !used.insert(name.to_lowercase()) {
        name = format!("{base}-{n}{ext}");
        n += 1;
    }
    name
}

fn parent(p: &str) -> &str {
    p.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Joins a relative URL path onto a folder, both `/`-separated; `None` if it climbs out.
pub fn join_rel(base: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = if rel.starts_with('/') {
        Vec::new()
    } else {
        base.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn normalise(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            c => out.push(c),
        }
    }
    out
}

pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Ok(v) = u8::from_str_radix(s.get(i + 1..i + 3).unwrap_or("zz"), 16)
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_rel_refuses_to_climb_out() {
        assert_eq!(
            join_rel("doc/adr", "0002-b.md").as_deref(),
            Some("doc/adr/0002-b.md")
        );
        assert_eq!(join_rel("doc/adr", "../x.md").as_deref(), Some("doc/x.md"));
        assert_eq!(join_rel("a", "../../x.md"), None);
        assert_eq!(percent_decode("a%20b%zz"), "a b%zz");
    }
}
