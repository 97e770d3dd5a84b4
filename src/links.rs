//! The link index: a log's records by path, folder, name and number, built once, so that every
//! command resolves a link target by the same rules; and the graph of a log's resolved links
//! (reverse links, supersede edges) that check, review and lifecycle walk. The site builds one
//! index per project and adds its cross-project layer on top (`site::links`).

use crate::model::{DecisionLog, Record, SUPERSEDED_BY, SUPERSEDES};
use crate::paths::normalise;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the index needs to know of one record.
#[derive(Debug, Clone, Copy)]
pub struct Key<'a> {
    /// The record's file, relative as every other record's path is.
    pub path: &'a Path,
    /// The file (or folder) name without `.md`.
    pub id: &'a str,
    pub number: Option<u32>,
}

impl<'a> Key<'a> {
    pub fn of(r: &'a Record) -> Key<'a> {
        Key {
            path: &r.path,
            id: &r.id,
            number: r.number,
        }
    }
}

/// What a link target names, by the index alone (no file system).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// One record, by its place in the index.
    Record(usize),
    /// A number or name that several records carry (a log with two folders, an interrupted
    /// renumber).
    Several(Vec<usize>),
    /// A URL or an in-page anchor.
    External,
    /// No record: the path the target names, relative as the records' paths are.
    NoRecord(PathBuf),
}

/// Records by every name a link may give them.
#[derive(Debug, Default)]
pub struct LinkIndex {
    by_path: HashMap<PathBuf, usize>,
    /// Lower-cased ids: `0003-Use-X` and `0003-use-x` name one file on case-insensitive disks,
    /// and people write either.
    by_id: HashMap<String, Vec<usize>>,
    by_number: HashMap<u32, Vec<usize>>,
    /// Every part of a lower-cased id after one of its dashes (`use-x` and `x` of
    /// `0003-use-x`), by its hash: a link may name a record by its slug without the number.
    by_suffix: HashMap<u64, Vec<usize>>,
    ids: Vec<String>,
    numbers: Vec<Option<u32>>,
}

impl LinkIndex {
    /// The index of `keys`, each found by its position.
    pub fn new<'a>(keys: impl IntoIterator<Item = Key<'a>>) -> LinkIndex {
        let mut index = LinkIndex::default();
        for (i, k) in keys.into_iter().enumerate() {
            let path = normalise(k.path);
            // One folder per record (`2022-02-07-tracing/README.md`): a link may name the folder.
            let file = path
                .file_name()
                .and_then(|f| f.to_str())
                .map(str::to_lowercase);
            if let (Some("readme.md" | "index.md"), Some(folder)) = (file.as_deref(), path.parent())
            {
                index.by_path.entry(folder.to_path_buf()).or_insert(i);
            }
            index.by_path.entry(path).or_insert(i);
            let id = k.id.to_lowercase();
            index.by_id.entry(id.clone()).or_default().push(i);
            for s in suffixes(&id) {
                index.by_suffix.entry(s).or_default().push(i);
            }
            index.ids.push(id);
            index.numbers.push(k.number);
            if let Some(n) = k.number {
                index.by_number.entry(n).or_default().push(i);
            }
        }
        index
    }

    /// The index of a log's records, by their place in `log.records`.
    pub fn of(log: &DecisionLog) -> LinkIndex {
        LinkIndex::new(log.records.iter().map(Key::of))
    }

    /// Record `i` is now known as `k` (its path unchanged): read in full, its id or number
    /// turned out other than its file name said. The index is then what [`LinkIndex::new`]
    /// would build.
    pub fn rename(&mut self, i: usize, k: Key<'_>) {
        fn moved<K: std::hash::Hash + Eq>(
            map: &mut HashMap<K, Vec<usize>>,
            old: Option<K>,
            new: Option<K>,
            i: usize,
        ) {
            if let Some(o) = old
                && let Some(list) = map.get_mut(&o)
            {
                list.retain(|&x| x != i);
                if list.is_empty() {
                    map.remove(&o);
                }
            }
            if let Some(list) = new.map(|n| map.entry(n).or_default()) {
                let at = list.partition_point(|&x| x < i);
                list.insert(at, i);
            }
        }
        let id = k.id.to_lowercase();
        if self.ids[i] != id {
            let old = std::mem::replace(&mut self.ids[i], id.clone());
            for s in suffixes(&old) {
                moved(&mut self.by_suffix, Some(s), None, i);
            }
            for s in suffixes(&id) {
                moved(&mut self.by_suffix, None, Some(s), i);
            }
            moved(&mut self.by_id, Some(old), Some(id), i);
        }
        if self.numbers[i] != k.number {
            let old = std::mem::replace(&mut self.numbers[i], k.number);
            moved(&mut self.by_number, old, k.number, i);
        }
    }

    /// The record `target`, written in the file at `from`, names (the first where a name fits
    /// several), as [`LinkGraph`] resolves a typed link.
    pub fn record(&self, from: &Path, target: &str) -> Option<usize> {
        match self.find(from, target) {
            Found::Record(i) => Some(i),
            Found::Several(many) => many.first().copied(),
            _ => None,
        }
    }

    /// What `target`, written in the file at `from`, names: a path relative to that file's
    /// folder (`0002-x.md`, `./0002-x.md`, `../adr/0002-x`, a record's folder), or, for a
    /// name without a folder, a number (`12`, `0012`, `ADR-12`, `ADR 12`), a file name without
    /// `.md` in any case (log4brains links by slug), or a slug without its number (`use-x` for
    /// `0003-use-x`) that only one record ends with. A `#fragment` or `?query` is not part of
    /// the name; `%20` is a space.
    pub fn find(&self, from: &Path, target: &str) -> Found {
        let raw = target.trim().trim_matches(['<', '>']);
        let path = raw.split(['#', '?']).next().unwrap_or_default();
        if path.is_empty() || raw.contains("://") || raw.starts_with("mailto:") {
            return Found::External;
        }
        let path = percent_decode(path);
        let dir = from.parent().unwrap_or(Path::new(""));
        let joined = normalise(&dir.join(&path));
        if let Some(&i) = self.by_path.get(&joined) {
            return Found::Record(i);
        }
        if !path.ends_with(".md") {
            let mut with_md = joined.clone().into_os_string();
            with_md.push(".md");
            if let Some(&i) = self.by_path.get(Path::new(&with_md)) {
                return Found::Record(i);
            }
            if !path.contains('/')
                && let Some(found) = self.by_name(&path)
            {
                return found;
            }
        } else if !path.contains('/')
            && let Some(up) = dir.parent()
            && let Some(&i) = self.by_path.get(&normalise(&up.join(&path)))
        {
            // `Superseded by 028-x.md` in `historic-adrs/016-x.md`: a link written while the
            // record sat at the log's top, before it moved into a topic folder.
            return Found::Record(i);
        }
        Found::NoRecord(joined)
    }

    /// A name without a folder or `.md`: a number, an id, or a slug without its number.
    fn by_name(&self, name: &str) -> Option<Found> {
        if let Some(n) = number(name) {
            return match self.by_number.get(&n)?.as_slice() {
                [one] => Some(Found::Record(*one)),
                many => Some(Found::Several(many.to_vec())),
            };
        }
        let stem = name.to_lowercase();
        match self.by_id.get(&stem).map(Vec::as_slice) {
            Some([one]) => return Some(Found::Record(*one)),
            Some(many @ [_, _, ..]) => return Some(Found::Several(many.to_vec())),
            _ => {}
        }
        let suffix = format!("-{stem}");
        let mut hits = self
            .by_suffix
            .get(&hash(&stem))
            .into_iter()
            .flatten()
            .filter(|&&i| self.ids[i].ends_with(&suffix));
        match (hits.next(), hits.next()) {
            (Some(&i), None) => Some(Found::Record(i)),
            _ => None,
        }
    }
}

/// The hashes of the parts of `id` after each of its dashes.
fn suffixes(id: &str) -> impl Iterator<Item = u64> + '_ {
    id.match_indices('-').map(|(at, _)| hash(&id[at + 1..]))
}

fn hash(s: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(s)
}

/// The number a link names: `12`, `0012`, `ADR-12`, `adr 12`, `ADR_12`, and under another
/// series' capitals with a separator: `TEP-0107`, `RFC 45`.
fn number(name: &str) -> Option<u32> {
    let name = name.trim();
    let capitals = name.bytes().take_while(u8::is_ascii_uppercase).count();
    let name = if (2..=6).contains(&capitals) && name[capitals..].starts_with(['-', '_', ' ']) {
        &name[capitals..]
    } else {
        name
    };
    let lower = name.to_ascii_lowercase();
    let digits = lower
        .strip_prefix("adr")
        .unwrap_or(&lower)
        .trim_start_matches(['-', '_', ' ']);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// `a%20b` as `a b`; a `%` not followed by two hex digits stays as written.
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

/// The known pairs of link kinds: the kind a change writes first, in the record that acts
/// (the successor, the amendment), then its answer in the record acted on.
const PAIRS: &[(&str, &str)] = &[
    (SUPERSEDES, SUPERSEDED_BY),
    ("amends", "amended-by"),
    ("clarifies", "clarified-by"),
    ("extends", "extended-by"),
    ("refines", "refined-by"),
    ("depends-on", "depended-on-by"),
    ("relates-to", "relates-to"),
];

/// Words that point a reader elsewhere (`See [ADR 8](0008-x.md)`) rather than relate two
/// decisions: nobody answers them, and no change writes them in pairs.
const MENTIONS: &[&str] = &[
    "see",
    "see-also",
    "also-see",
    "cf",
    "refer-to",
    "related",
    "related-to",
    "compare",
];

/// Whether `kind` only points the reader to another record (`see`, `see-also`, `cf`).
pub fn is_mention(kind: &str) -> bool {
    MENTIONS.contains(&kind)
}

/// Whether `kind` is the answering side of a relation: of a known pair (`superseded-by`,
/// `amended-by`), or any relation told in the passive (`invalidated-by`, `needed-by`): the
/// link written in the record acted on, naming the one that acts.
pub fn is_answer(kind: &str) -> bool {
    PAIRS.iter().any(|(a, b)| kind == *b && a != b) || kind.ends_with("-by")
}

/// The reverse of a link kind, when it is a known pair (`superseded-by` for `supersedes`).
pub fn reverse_kind(kind: &str) -> Option<String> {
    PAIRS.iter().find_map(|(a, b)| {
        if kind == *a {
            Some(b.to_string())
        } else if kind == *b {
            Some(a.to_string())
        } else {
            None
        }
    })
}

/// What a link's target turned out to be, the file system asked where no record matched.
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

impl Target {
    /// A record for one found (the first where a name fits several), else whether a file is
    /// there.
    fn of(found: Found) -> Target {
        match found {
            Found::Record(i) => Target::Record(i),
            Found::Several(many) => Target::Record(many[0]),
            Found::External => Target::External,
            Found::NoRecord(p) if p.exists() => Target::File,
            Found::NoRecord(_) => Target::Missing,
        }
    }
}

/// Every record's links, resolved through one [`LinkIndex`].
pub struct LinkGraph {
    /// `edges[i]` lists `(link index in record i, target)`.
    pub edges: Vec<Vec<(usize, Target)>>,
    /// `incoming[j]` lists `(i, link index in record i)` for every link of record i to j.
    pub incoming: Vec<Vec<(usize, usize)>>,
    index: LinkIndex,
}

impl LinkGraph {
    pub fn build(log: &DecisionLog) -> LinkGraph {
        let index = LinkIndex::of(log);
        let mut incoming = vec![Vec::new(); log.records.len()];
        let mut edges = Vec::with_capacity(log.records.len());
        for (i, r) in log.records.iter().enumerate() {
            let mut out = Vec::with_capacity(r.links.len());
            for (li, l) in r.links.iter().enumerate() {
                let t = Target::of(index.find(&r.path, &l.target));
                if let Target::Record(j) = t {
                    incoming[j].push((i, li));
                }
                out.push((li, t));
            }
            edges.push(out);
        }
        LinkGraph {
            edges,
            incoming,
            index,
        }
    }

    /// What `target`, written in record `from`, points at: a link that is not one of the
    /// record's typed links (a reference in its prose) resolved by the same rules.
    pub fn resolve(&self, log: &DecisionLog, from: usize, target: &str) -> Target {
        Target::of(self.index.find(&log.records[from].path, target))
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

    /// The records that supersede record `i`, named from either side: those `i` names with
    /// `superseded-by`, then those naming `i` with `supersedes`.
    pub fn successors<'a>(
        &'a self,
        log: &'a DecisionLog,
        i: usize,
    ) -> impl Iterator<Item = usize> + 'a {
        let named_back = self.incoming[i]
            .iter()
            .filter(|(j, li)| log.records[*j].links[*li].kind == SUPERSEDES)
            .map(|(j, _)| *j);
        self.targets(log, i, SUPERSEDED_BY).chain(named_back)
    }

    /// The kinds of the links record `j` has to record `i`.
    pub fn kinds_between<'a>(&'a self, log: &'a DecisionLog, j: usize, i: usize) -> Vec<&'a str> {
        self.incoming[i]
            .iter()
            .filter(|(from, _)| *from == j)
            .map(|(from, li)| log.records[*from].links[*li].kind.as_str())
            .collect()
    }
}

/// Whether `target`, written in `from`, names the record `to` (or a file that was one) by the
/// index's rules.
pub fn names(from: &Path, target: &str, to: Key<'_>) -> bool {
    LinkIndex::new([to]).find(from, target) == Found::Record(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(paths: &[(&str, Option<u32>)]) -> (LinkIndex, Vec<String>) {
        let ids: Vec<String> = paths
            .iter()
            .map(|(p, _)| {
                let p = Path::new(p);
                let name = if p.ends_with("README.md") {
                    p.parent().unwrap()
                } else {
                    p
                };
                name.file_stem().unwrap().to_string_lossy().into_owned()
            })
            .collect();
        let keys = paths.iter().zip(&ids).map(|((p, n), id)| Key {
            path: Path::new(p),
            id,
            number: *n,
        });
        (LinkIndex::new(keys), ids)
    }

    #[test]
    fn every_form_a_person_writes_names_the_record() {
        let (ix, _) = index(&[
            ("doc/adr/0002-use-x.md", Some(2)),
            ("doc/adr/2022-02-07-tracing/README.md", None),
            ("doc/other/0012-y.md", Some(12)),
        ]);
        let from = Path::new("doc/adr/0005-z.md");
        for t in [
            "2",
            "0002",
            "ADR-2",
            "ADR 2",
            "adr-0002",
            "TEP-0002",
            "RFC 2",
            "0002-use-x.md",
            "./0002-use-x.md#context",
            "<0002-use-x.md>",
            "../adr/0002-use-x",
            "0002-USE-X",
            "use-x",
        ] {
            assert_eq!(ix.find(from, t), Found::Record(0), "{t}");
        }
        assert_eq!(ix.find(from, "2022-02-07-tracing"), Found::Record(1));
        assert_eq!(ix.find(from, "2022-02-07-tracing/"), Found::Record(1));
        assert_eq!(ix.find(from, "../other/0012-y.md"), Found::Record(2));
        assert_eq!(ix.find(from, "https://x.org/0002"), Found::External);
        assert_eq!(ix.find(from, "#context"), Found::External);
        assert_eq!(
            ix.find(from, "../../x.md"),
            Found::NoRecord(PathBuf::from("x.md"))
        );
        assert_eq!(
            ix.find(Path::new("../doc/adr/1.md"), "../../x.md"),
            Found::NoRecord(PathBuf::from("../x.md"))
        );
        // A `.md` name is a file in the linking record's folder, not a record elsewhere...
        assert!(matches!(ix.find(from, "0012-y.md"), Found::NoRecord(_)));
        // ... or one folder up, where a record moved into a topic folder came from.
        assert_eq!(
            ix.find(Path::new("doc/adr/historic/0001-old.md"), "0002-use-x.md"),
            Found::Record(0)
        );
    }

    #[test]
    fn a_number_two_records_carry_is_several() {
        let (ix, _) = index(&[("a/0001-x.md", Some(1)), ("b/0001-y.md", Some(1))]);
        assert_eq!(
            ix.find(Path::new("a/0002-z.md"), "1"),
            Found::Several(vec![0, 1])
        );
    }

    #[test]
    fn a_slug_names_the_one_record_ending_with_it() {
        let (ix, _) = index(&[
            ("d/0001-use-kafka.md", Some(1)),
            ("d/0002-drop-kafka.md", Some(2)),
            ("d/0003-use-x.md", Some(3)),
        ]);
        let from = Path::new("d/0009-z.md");
        assert_eq!(ix.find(from, "use-kafka"), Found::Record(0));
        assert_eq!(ix.find(from, "x"), Found::Record(2));
        // Two records end with `-kafka`: the name is ambiguous, so it names none.
        assert!(matches!(ix.find(from, "kafka"), Found::NoRecord(_)));
        assert!(matches!(ix.find(from, "se-kafka"), Found::NoRecord(_)));
    }

    #[test]
    fn renaming_a_record_gives_the_index_a_fresh_build_would() {
        let paths = [
            ("d/0001-use-kafka.md", Some(1)),
            ("d/0002-drop-kafka.md", Some(2)),
            ("d/0003-keep-it.md", Some(3)),
        ];
        let (mut ix, _) = index(&paths);
        // Record 1 turns out to be number 7, with the id `0007-use-kafka`.
        ix.rename(
            1,
            Key {
                path: Path::new(paths[1].0),
                id: "0007-Use-Kafka",
                number: Some(7),
            },
        );
        let fresh = LinkIndex::new(paths.iter().enumerate().map(|(i, (p, n))| Key {
            path: Path::new(p),
            id: if i == 1 {
                "0007-Use-Kafka"
            } else {
                Path::new(p).file_stem().unwrap().to_str().unwrap()
            },
            number: if i == 1 { Some(7) } else { *n },
        }));
        let from = Path::new("d/0009-z.md");
        for t in [
            "1",
            "2",
            "7",
            "3",
            "use-kafka",
            "drop-kafka",
            "kafka",
            "0007-use-kafka",
            "it",
        ] {
            assert_eq!(ix.find(from, t), fresh.find(from, t), "{t}");
        }
        assert_eq!(ix.find(from, "7"), Found::Record(1));
        assert!(matches!(ix.find(from, "2"), Found::NoRecord(_)));
    }
}
