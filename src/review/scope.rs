//! Which decisions govern the files a change touches: accepted records whose `scope` globs
//! match them, and files governed only by decisions that no longer hold.

use super::{Finding, Governing, RecordRef};
use crate::model::{Record, Severity};
use crate::scope::ScopeSet;
use std::collections::HashMap;

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

/// Names at most this many stale decisions in one finding; the rest are counted. A file that
/// thousands of old decisions claim gets a finding of a few lines, not a page.
const NAMED: usize = 5;

/// `records` are `(record, path shown, standing)`; `files` are changed paths relative to the top
/// of the work tree; `prefix` is the repository root (where scope globs start) relative to that
/// top. A file matched only by stale records is a `governed-by-stale-decision` warning.
///
/// Every distinct glob is compiled once into one set and each file is matched once. Files that
/// hit the same globs share one verdict, worked out the first time, so the cost is the files,
/// the records and the answer (the files each governing decision lists), never their product.
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
    // A silent record says nothing about any file: its globs are not even compiled.
    let set = ScopeSet::build(
        records
            .iter()
            .enumerate()
            .filter(|(_, (_, _, standing))| *standing != Standing::Silent)
            .map(|(i, (r, _, _))| (i, r.scope.as_slice())),
    );
    let severity = crate::check::find_rule("governed-by-stale-decision")
        .map_or(Severity::Warning, |r| r.severity);
    let mut verdicts: HashMap<Vec<usize>, Verdict> = HashMap::new();
    let mut matched: Vec<Vec<usize>> = vec![Vec::new(); records.len()];
    let mut findings = Vec::new();
    let mut hits = Vec::new();
    for (fi, f) in files.iter().enumerate() {
        let Some(x) = rel(f) else { continue };
        set.matches_into(&x, &mut hits);
        if hits.is_empty() {
            continue;
        }
        if !verdicts.contains_key(&hits) {
            verdicts.insert(hits.clone(), Verdict::of(&set, &hits, records));
        }
        let verdict = &verdicts[&hits];
        for &ri in &verdict.governs {
            matched[ri].push(fi);
        }
        if let Some(message) = &verdict.stale {
            findings.push(Finding {
                path: f.clone(),
                line: None,
                severity,
                rule: "governed-by-stale-decision",
                message: message.clone(),
            });
        }
    }
    let governing = records
        .iter()
        .zip(matched)
        .filter(|(_, m)| !m.is_empty())
        .map(|((r, shown, _), m)| Governing {
            record: RecordRef::of(r, shown.clone()),
            files: m.into_iter().map(|fi| files[fi].clone()).collect(),
        })
        .collect();
    (governing, findings)
}

/// What the records behind one combination of matched globs say about a file.
struct Verdict {
    /// Accepted records, in record order: the file goes in each one's list.
    governs: Vec<usize>,
    /// The finding's message when only stale records claim the file.
    stale: Option<String>,
}

impl Verdict {
    fn of(set: &ScopeSet, hits: &[usize], records: &[(&Record, String, Standing)]) -> Verdict {
        let mut owners: Vec<usize> = hits
            .iter()
            .flat_map(|&g| set.owners(g))
            .map(|o| o.record)
            .collect();
        owners.sort_unstable();
        owners.dedup();
        let standing = |ri: &usize| records[*ri].2;
        let governs: Vec<usize> = owners
            .iter()
            .copied()
            .filter(|ri| standing(ri) == Standing::Governs)
            .collect();
        let live = owners
            .iter()
            .any(|ri| matches!(standing(ri), Standing::Governs | Standing::Pending));
        let stale: Vec<usize> = owners
            .into_iter()
            .filter(|ri| !live && standing(ri) == Standing::Stale)
            .collect();
        let stale = (!stale.is_empty()).then(|| {
            let names: Vec<String> = stale
                .iter()
                .take(NAMED)
                .map(|&ri| RecordRef::of(records[ri].0, records[ri].1.clone()).label())
                .collect();
            let more = match stale.len().saturating_sub(NAMED) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            format!(
                "governed only by decisions that no longer hold: {}{more} (is a new decision \
                 needed?)",
                names.join(", ")
            )
        });
        Verdict { governs, stale }
    }
}
