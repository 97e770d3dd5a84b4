//! Records' `scope` globs compiled once into one set: each distinct pattern is compiled and
//! matched once however many records share it, so matching a file costs the patterns it hits,
//! not the records. `adr check` (scopes that match nothing) and `adr review` (decisions that
//! govern a change) both match through it.

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use std::collections::HashMap;

/// A scope pattern as a glob: relative to the repository root, `*` not crossing `/`
/// (gitignore style), a trailing `/` meaning everything below.
pub fn scope_glob(pattern: &str) -> Result<Glob, globset::Error> {
    let p = pattern.trim_start_matches("./");
    let p = if p.ends_with('/') {
        format!("{p}**")
    } else {
        p.to_string()
    };
    GlobBuilder::new(&p).literal_separator(true).build()
}

/// Who wrote a pattern: the index of the record (in the caller's list) and of the pattern in
/// its `scope`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owner {
    pub record: usize,
    pub pattern: usize,
}

/// The distinct scope patterns of many records, compiled into one glob set.
#[derive(Debug)]
pub struct ScopeSet {
    set: GlobSet,
    /// Per distinct glob, the records that wrote it, in record order.
    owners: Vec<Vec<Owner>>,
    /// Patterns that are not valid globs, with the error.
    pub invalid: Vec<(Owner, globset::Error)>,
}

impl ScopeSet {
    /// `scopes` yields each record's index and its scope patterns.
    pub fn build<'a>(scopes: impl IntoIterator<Item = (usize, &'a [String])>) -> ScopeSet {
        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut owners: Vec<Vec<Owner>> = Vec::new();
        let mut invalid = Vec::new();
        let mut builder = GlobSetBuilder::new();
        for (record, patterns) in scopes {
            for (pattern, p) in patterns.iter().enumerate() {
                let owner = Owner { record, pattern };
                let glob = match scope_glob(p) {
                    Ok(g) => g,
                    Err(e) => {
                        invalid.push((owner, e));
                        continue;
                    }
                };
                let id = *ids.entry(glob.glob().to_string()).or_insert_with(|| {
                    builder.add(glob);
                    owners.push(Vec::new());
                    owners.len() - 1
                });
                owners[id].push(owner);
            }
        }
        let set = builder.build().unwrap_or_else(|_| {
            owners.clear();
            GlobSet::empty()
        });
        ScopeSet {
            set,
            owners,
            invalid,
        }
    }

    /// The number of distinct globs.
    pub fn len(&self) -> usize {
        self.owners.len()
    }

    pub fn is_empty(&self) -> bool {
        self.owners.is_empty()
    }

    /// The distinct globs `path` matches, in ascending order and each once, into `hits`
    /// (cleared first).
    pub fn matches_into(&self, path: &str, hits: &mut Vec<usize>) {
        self.set.matches_into(path, hits);
    }

    /// The records that wrote glob `id`, in record order (a record twice if it wrote it twice).
    pub fn owners(&self, id: usize) -> &[Owner] {
        &self.owners[id]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_globs_follow_gitignore_style_separators() {
        let g = scope_glob("src/db/").unwrap().compile_matcher();
        assert!(g.is_match("src/db/pool/conn.rs"));
        let g = scope_glob("src/*.rs").unwrap().compile_matcher();
        assert!(g.is_match("src/main.rs"));
        assert!(!g.is_match("src/cmd/new.rs"));
    }

    #[test]
    fn a_pattern_shared_by_many_records_is_one_glob() {
        let a = ["src/**".to_string(), "./docs/".to_string()];
        let b = ["src/**".to_string(), "[".to_string()];
        let set = ScopeSet::build([(0, &a[..]), (1, &b[..])]);
        assert_eq!(set.len(), 2);
        assert_eq!(set.invalid.len(), 1);
        assert_eq!(
            set.invalid[0].0,
            Owner {
                record: 1,
                pattern: 1
            }
        );
        let mut hits = Vec::new();
        set.matches_into("src/x.rs", &mut hits);
        assert_eq!(hits.len(), 1);
        let records: Vec<usize> = set.owners(hits[0]).iter().map(|o| o.record).collect();
        assert_eq!(records, [0, 1]);
        set.matches_into("docs/a/b.md", &mut hits);
        assert_eq!(
            set.owners(hits[0]),
            [Owner {
                record: 0,
                pattern: 1
            }]
        );
    }
}
