//! The site's link graph: every record gets a page URL; every link target as written is
//! resolved by its project's [`LinkIndex`], with the site's layer on top: references to other
//! projects (`project-b#12`), relative paths into another checkout
//! (`../other/doc/adr/0003-y.md`), and a record file named from a folder it is not in. Reverse
//! links, direct successors and the decision in force are derived from the resolved links.

use super::record::PubRecord;
use super::slug::slug;
use super::source::Project;
use crate::links::{Found, Key, LinkIndex};
use crate::model::{SUPERSEDED_BY, SUPERSEDES};
use crate::paths::normalise;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub use crate::links::percent_decode;

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
    /// Each project's records, found by their place in the project.
    indexes: Vec<LinkIndex>,
    /// Where each project's entries start.
    first: Vec<usize>,
    /// Lower-cased ids, for a record file named from a folder it is not in.
    by_file: HashMap<(usize, String), usize>,
    by_abs: HashMap<PathBuf, usize>,
    project_by_name: HashMap<String, usize>,
    /// The images records show from their sources ([`super::images::find`]).
    pub images: super::images::Images,
    /// Every quality attribute named, by lower-cased name, with its page.
    pub qualities: std::collections::BTreeMap<String, super::quality::QaPage>,
    /// Every goal declared or named, with its place on the goals page (set by the build).
    pub goals: Vec<super::governance::GoalPage>,
    /// Each project's log in reading order.
    pub nav: super::nav::Nav,
    /// Each record's chain end and the steps to it ([`Site::chain_end`]).
    chain_ends: Vec<Option<(usize, usize)>>,
}

/// One relation of a record to another, stated by either side or both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    /// How it reads from the record's side: the words it wrote, or the reverse of the other
    /// record's (`superseded by` for a `supersedes` link to it).
    pub kind: String,
    /// The same, normalised (`superseded-by`, `amends`, ...).
    pub normal: String,
    pub other: usize,
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
            indexes: Vec::new(),
            first: Vec::new(),
            by_file: HashMap::new(),
            by_abs: HashMap::new(),
            project_by_name: HashMap::new(),
            images: Default::default(),
            qualities: Default::default(),
            goals: Vec::new(),
            nav: Default::default(),
            chain_ends: Vec::new(),
        };
        let mut names = Names::default();
        for (pi, p) in projects.iter().enumerate() {
            s.project_by_name.insert(p.name.to_lowercase(), pi);
            let pslug = names.unique(project_dir(&p.name), "");
            s.first.push(s.entries.len());
            s.indexes.push(LinkIndex::new(p.records.iter().map(|r| Key {
                path: Path::new(&r.path),
                id: &r.id,
                number: r.number,
            })));
            for rec in &p.records {
                let i = s.entries.len();
                let url = names.unique(record_page(&pslug, &rec.id), ".html");
                s.index(pi, i, rec, p.root.as_deref());
                s.entries.push(Entry {
                    project: pi,
                    rec,
                    url,
                });
            }
        }
        s.resolve_all();
        s.chain_ends = s.chain_ends();
        s.qualities = super::quality::pages(&s.entries);
        s.nav = super::nav::Nav::new(&s.entries, projects.len());
        s
    }

    /// Record `i`'s relations, each once: its own links, then the links of other records to
    /// it that it does not answer with one of its own. A link back is the same relation told
    /// from the other side, as `adr check` counts two-sided links (teams name their own pairs:
    /// "depends on" answered by "needed by").
    pub fn relations(&self, i: usize) -> Vec<Relation> {
        let mut out: Vec<Relation> = Vec::new();
        for e in &self.outgoing[i] {
            // A known kind reads as its normal words (`Supercedes` as `supersedes`); a team's
            // own kind as they wrote it.
            let known = crate::links::reverse_kind(&e.kind).is_some();
            let words = if known || e.label.is_empty() {
                &e.kind
            } else {
                &e.label
            };
            let kind = words.replace('-', " ");
            if !out.iter().any(|r| r.other == e.other && r.normal == e.kind) {
                out.push(Relation {
                    kind,
                    normal: e.kind.clone(),
                    other: e.other,
                });
            }
        }
        for e in &self.incoming[i] {
            if self.outgoing[i].iter().any(|o| o.other == e.other) {
                continue;
            }
            let reverse = crate::links::reverse_kind(&e.kind);
            let kind = (reverse.clone())
                .unwrap_or_else(|| format!("{} (from)", e.kind))
                .replace('-', " ");
            let normal = reverse.unwrap_or_else(|| format!("{} (from)", e.kind));
            if !out.iter().any(|r| r.other == e.other && r.normal == normal) {
                out.push(Relation {
                    kind,
                    normal,
                    other: e.other,
                });
            }
        }
        out
    }

    fn index(&mut self, pi: usize, i: usize, rec: &PubRecord, root: Option<&Path>) {
        self.by_file.entry((pi, rec.id.to_lowercase())).or_insert(i);
        if let Some(root) = root {
            self.by_abs.insert(normalise(&root.join(&rec.path)), i);
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
        let t = target.trim();
        if let Some((proj, rest)) = t.split_once('#')
            && let Some(&pj) = self.project_by_name.get(&proj.trim().to_lowercase())
        {
            return self.found(pj, self.indexes[pj].find(Path::new(""), rest.trim()));
        }
        self.resolve_path(from, t.split(['#', '?']).next().unwrap_or(t))
    }

    /// A path or name written in entry `from`'s file (`0002-b.md`, `../x/README.md`, `12`).
    pub fn resolve_path(&self, from: usize, path: &str) -> Option<usize> {
        let e = &self.entries[from];
        let pi = e.project;
        match self.indexes[pi].find(Path::new(&e.rec.path), path) {
            Found::NoRecord(p) if p.starts_with("..") => {
                // Outside this source: another checkout next to it.
                let root = self.projects[pi].root.as_ref()?;
                self.by_abs.get(&normalise(&root.join(p))).copied()
            }
            // A record file named from a folder it is not in (`doc/adr/0002-x.md` written
            // from the repository's top): the site links it, as a reader would find it.
            Found::NoRecord(p) if path.contains('/') || path.ends_with(".md") => {
                let file = p.file_name()?.to_str()?;
                let key = (pi, file.trim_end_matches(".md").to_lowercase());
                self.by_file.get(&key).copied()
            }
            found => self.found(pi, found),
        }
    }

    /// The entry for what project `pi`'s index found; `None` for anything but one record.
    fn found(&self, pi: usize, found: Found) -> Option<usize> {
        match found {
            Found::Record(i) => Some(self.first[pi] + i),
            _ => None,
        }
    }

    /// The record a reference `project#12` (or `project#0012`) names, where `project` is one
    /// of the site's projects; `None` for anything else or when no single record matches.
    pub fn project_ref(&self, text: &str) -> Option<usize> {
        let (proj, num) = text.split_once('#')?;
        if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let &pj = self.project_by_name.get(&proj.to_lowercase())?;
        self.found(pj, self.indexes[pj].find(Path::new(""), num))
    }

    /// Whether `text` has the form of a reference to a project of the site, resolvable or not.
    pub fn looks_like_project_ref(&self, text: &str) -> bool {
        text.split_once('#').is_some_and(|(proj, num)| {
            !num.is_empty()
                && num.bytes().all(|b| b.is_ascii_digit())
                && self.project_by_name.contains_key(&proj.to_lowercase())
        })
    }

    /// The record that directly supersedes record `i`, if any.
    pub fn successor(&self, i: usize) -> Option<usize> {
        let out = self.outgoing[i].iter().find(|e| e.kind == SUPERSEDED_BY);
        let inc = self.incoming[i].iter().find(|e| e.kind == SUPERSEDES);
        out.or(inc).map(|e| e.other)
    }

    /// The end of record `i`'s supersede chain (`i` itself when nothing supersedes it) and
    /// how many successors lead there; `None` when the chain runs into a cycle.
    pub fn chain_end(&self, i: usize) -> Option<(usize, usize)> {
        self.chain_ends.get(i).copied().flatten()
    }

    /// [`Self::chain_end`] of every record, each chain walked once: a chain of n records costs
    /// n steps in all, not n steps for each of its records.
    fn chain_ends(&self) -> Vec<Option<(usize, usize)>> {
        #[derive(Clone, Copy)]
        enum State {
            New,
            OnPath,
            Done(Option<(usize, usize)>),
        }
        let mut state = vec![State::New; self.entries.len()];
        let mut path = Vec::new();
        for start in 0..self.entries.len() {
            let mut cur = start;
            // The end reached and the steps to it from the node after the path's last one.
            let (end, after) = loop {
                match state[cur] {
                    State::Done(Some((end, steps))) => break (Some(end), steps + 1),
                    State::Done(None) | State::OnPath => break (None, 0), // a cycle
                    State::New => {
                        state[cur] = State::OnPath;
                        path.push(cur);
                        match self.successor(cur) {
                            Some(next) => cur = next,
                            None => break (Some(cur), 0),
                        }
                    }
                }
            };
            let m = path.len();
            for (k, p) in path.drain(..).enumerate() {
                // `after` counts from the path's last node when the walk ended on it.
                let steps = after + (m - 1 - k);
                state[p] = State::Done(end.map(|e| (e, steps)));
            }
        }
        state
            .into_iter()
            .map(|s| match s {
                State::Done(end) => end,
                _ => None,
            })
            .collect()
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

/// Page names taken so far (lower-cased: one file on case-insensitive disks), and for each
/// base name the suffix to try next, so that many records of one slug cost one step each.
#[derive(Default)]
struct Names {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Names {
    /// `base` + `ext`, or with the first free `-2`, `-3`, ... when taken.
    fn unique(&mut self, base: String, ext: &str) -> String {
        let mut name = format!("{base}{ext}");
        if self.used.insert(name.to_lowercase()) {
            return name;
        }
        let n = self
            .next
            .entry(format!("{base}{ext}").to_lowercase())
            .or_insert(2);
        loop {
            name = format!("{base}-{n}{ext}");
            *n += 1;
            if self.used.insert(name.to_lowercase()) {
                return name;
            }
        }
    }
}

/// `rel`, written in a file of the folder `dir` of a source (`/`-separated; a leading `/` is
/// the source's top), as a path inside the source; `None` if it climbs out.
pub fn within(dir: &str, rel: &str) -> Option<String> {
    let base = if rel.starts_with('/') { "" } else { dir };
    let p = normalise(&Path::new(base).join(rel.trim_start_matches('/')));
    (!p.starts_with("..")).then(|| p.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_names_never_collide() {
        let mut names = Names::default();
        let got: Vec<String> = ["r/p/x", "r/p/x-2", "r/p/X", "r/p/x", "r/p/x-3"]
            .into_iter()
            .map(|b| names.unique(b.to_string(), ".html"))
            .collect();
        assert_eq!(
            got,
            [
                "r/p/x.html",
                "r/p/x-2.html",
                "r/p/X-3.html",
                "r/p/x-4.html",
                "r/p/x-3-2.html"
            ]
        );
    }

    #[test]
    fn within_refuses_to_climb_out() {
        assert_eq!(
            within("doc/adr", "0002-b.md").as_deref(),
            Some("doc/adr/0002-b.md")
        );
        assert_eq!(within("doc/adr", "../x.md").as_deref(), Some("doc/x.md"));
        assert_eq!(within("a", "../../x.md"), None);
        assert_eq!(percent_decode("a%20b%zz"), "a b%zz");
    }
}
