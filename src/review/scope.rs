//! Which decisions govern the files a change touches: accepted records whose `scope` globs
//! match them, and files governed only by decisions that no longer hold.

use super::{Finding, Governing, RecordRef};
use crate::check::substance::scope_glob;
use crate::model::{Record, Severity};
use globset::GlobSetBuilder;

/// What a record with a scope is to the files it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Accepted: it governs them, and the review lists it.
    Governs,
    /// Brought by this change — a new decision not yet accepted, or a stale one this change
    /// supersedes — so the files have their new decision on the way.
    Pending,
    /// Deprecated or superseded, and not replaced in this change.
    Stale,
    /// Nothing: rejected, or proposed before this change.
    Silent,
}

/// `records` are `(record, path shown, standing)`; `files` are changed paths relative to the top
/// of the work tree; `prefix` is the repository root (where scope globs start) relative to that
/// top. A file matched only by stale records is a `governed-by-stale-decision` warning.
pub fn governing(
    records: &[(&Record, String, Standing)],
    files: &[String],
    prefix: &str,
) -> (Vec<Governing>, Vec<Finding>) {
    let rel = |f: &str| -> Option<String> {
        if prefix.is_empty() {
            Some(f.to_string())
        } else {
            f.strip_prefix(prefix)
                .and_then(|x| x.strip_prefix('/'))
                .map(str::to_string)
        }
    };
    // One glob set for every scope of every record: built once, each changed file matched once.
    let mut builder = GlobSetBuilder::new();
    let mut owner = Vec::new();
    for (ri, (r, _, _)) in records.iter().enumerate() {
        for g in r.scope.iter().filter_map(|p| scope_glob(p).ok()) {
            builder.add(g);
            owner.push(ri);
        }
    }
    let Ok(set) = builder.build() else {
        return (Vec::new(), Vec::new());
    };
    let mut matched: Vec<Vec<String>> = vec![Vec::new(); records.len()];
    for f in files {
        let Some(x) = rel(f) else { continue };
        let mut hits: Vec<usize> = set.matches(&x).into_iter().map(|g| owner[g]).collect();
        hits.dedup();
        for ri in hits {
            matched[ri].push(f.clone());
        }
    }
    let mut governing = Vec::new();
    let mut stale: Vec<(String, Vec<String>)> = Vec::new();
    let mut live_files = std::collections::HashSet::new();
    for ((r, shown, standing), matched) in records.iter().zip(matched) {
        if matched.is_empty() {
            continue;
        }
        match standing {
            Standing::Governs => {
                live_files.extend(matched.iter().cloned());
                governing.push(Governing {
                    record: RecordRef::of(r, shown.clone()),
                    files: matched,
                });
            }
            Standing::Pending => live_files.extend(matched),
            Standing::Stale => stale.push((RecordRef::of(r, shown.clone()).label(), matched)),
            Standing::Silent => {}
        }
    }
    let mut findings = Vec::new();
    for f in files.iter().filter(|f| !live_files.contains(*f)) {
        let names: Vec<&str> = stale
            .iter()
            .filter(|(_, m)| m.contains(f))
            .map(|(n, _)| n.as_str())
            .collect();
        if !names.is_empty() {
            findings.push(Finding {
                path: f.clone(),
                line: None,
                severity: crate::check::find_rule("governed-by-stale-decision")
                    .map_or(Severity::Warning, |r| r.severity),
                rule: "governed-by-stale-decision",
                message: format!(
                    "governed only by decisions that no longer hold: {} (is a new decision needed?)",
                    names.join(", ")
                ),
            });
        }
    }
    (governing, findings)
}
