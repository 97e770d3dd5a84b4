//! Comparing the changed records of a change, old (at the merge base) against new.

use super::{AcceptedEdit, Approvals, RecordRef, Renamed, Review, StatusMove, Supersession};
use crate::model::{Lifecycle, Record, SUPERSEDED_BY, SUPERSEDES, Severity};
use similar::{ChangeTag, TextDiff};
use std::collections::HashSet;
use std::fmt::Write as _;

/// One changed record file: what it was and what it is (either may be absent).
pub struct RecordChange {
    pub old: Option<(Record, String, String)>,
    pub new: Option<(Record, String, String)>,
}

/// `(record, path relative to the work tree top, file text)`.
pub type Side = (Record, String, String);

fn status_word(r: &Record) -> Option<String> {
    r.status.as_ref().map(|s| s.state.to_string())
}

/// Fills the record sections of `review` from the changed records. `accepted_edit` is the
/// severity of an edit to an accepted record's substance (`None`: not reported).
pub fn compare(review: &mut Review, changes: &[RecordChange], accepted_edit: Option<Severity>) {
    for c in changes {
        match (&c.old, &c.new) {
            (None, Some((r, p, _))) => review.added.push(RecordRef {
                summary: crate::view::summary::y_statement(r),
                ..RecordRef::of(r, p.clone())
            }),
            (Some((r, p, _)), None) => review.removed.push(RecordRef::of(r, p.clone())),
            (Some(old), Some(new)) => changed(review, old, new, accepted_edit),
            (None, None) => {}
        }
        if let Some((r, p, _)) = &c.new {
            supersessions(review, changes, c.old.as_ref().map(|o| &o.0), r, p);
        }
    }
}

/// For each record the change adds, moves, or approves whose status is now proposed or
/// accepted: who approved it and who is still needed under `governance`.
pub fn approvals(
    review: &mut Review,
    changes: &[RecordChange],
    governance: &crate::config::GovernanceConfig,
) {
    for c in changes {
        let Some((r, p, _)) = &c.new else { continue };
        let deciding = matches!(
            r.status.as_ref().map(|s| &s.state),
            Some(Lifecycle::Proposed | Lifecycle::Accepted)
        );
        let touched = c
            .old
            .as_ref()
            .is_none_or(|(o, _, _)| status_word(o) != status_word(r) || o.approvals != r.approvals);
        if !(deciding && touched) {
            continue;
        }
        let state = crate::governance::approvals(r, governance);
        // Without approvals asked for or given there is nothing to show.
        if state.needed == 0 && r.approvals.is_empty() {
            continue;
        }
        review.approvals.push(Approvals {
            record: RecordRef::of(r, p.clone()),
            missing: state.short(),
            needed: state.needed,
            approved_by: state.approved,
            awaiting: state.awaiting,
        });
    }
}

fn changed(review: &mut Review, old: &Side, new: &Side, accepted_edit: Option<Severity>) {
    let (or, op, otext) = old;
    let (nr, np, ntext) = new;
    let now = RecordRef::of(nr, np.clone());
    if op != np {
        review.renamed.push(Renamed {
            from: RecordRef::of(or, op.clone()),
            to: now.clone(),
            renumbered: or.number != nr.number,
        });
    }
    if status_word(or) != status_word(nr) {
        review.status_changes.push(StatusMove {
            record: now.clone(),
            from: status_word(or),
            to: status_word(nr),
        });
    }
    let was_accepted = or
        .status
        .as_ref()
        .is_some_and(|s| s.state == Lifecycle::Accepted);
    if let (true, Some(severity)) = (was_accepted, accepted_edit)
        && let Some((line, diff)) = substantive_diff(or, otext, nr, ntext)
    {
        review.accepted_edits.push(AcceptedEdit {
            record: now,
            line,
            diff,
            severity,
        });
    }
}

/// New `superseded-by` links (on the superseded side) or new `supersedes` links (on the
/// successor's side) become one supersession each, whichever side the change touched.
fn supersessions(
    review: &mut Review,
    changes: &[RecordChange],
    old: Option<&Record>,
    r: &Record,
    path: &str,
) {
    let had = |kind: &str, target: &str| {
        old.is_some_and(|o| o.links.iter().any(|l| l.kind == kind && l.target == target))
    };
    let find = |target: &str| -> Option<RecordRef> {
        let name = target
            .rsplit('/')
            .next()
            .unwrap_or(target)
            .trim_end_matches(".md");
        changes
            .iter()
            .filter_map(|c| c.new.as_ref())
            .find(|(x, _, _)| x.id == name || x.number.is_some_and(|n| n.to_string() == name))
            .map(|(x, p, _)| RecordRef::of(x, p.clone()))
            .or_else(|| {
                Some(RecordRef {
                    id: name.to_string(),
                    number: None,
                    title: target.to_string(),
                    status: None,
                    path: target.to_string(),
                    url: None,
                    summary: None,
                })
            })
    };
    let me = RecordRef::of(r, path.to_string());
    let mut seen: HashSet<(String, String)> = review
        .superseded
        .iter()
        .map(|s| (s.record.path.clone(), s.by.path.clone()))
        .collect();
    for l in r.links.iter().filter(|l| !had(&l.kind, &l.target)) {
        let pair = match l.kind.as_str() {
            SUPERSEDED_BY => find(&l.target).map(|by| (me.clone(), by)),
            SUPERSEDES => find(&l.target).map(|old| (old, me.clone())),
            _ => None,
        };
        if let Some((record, by)) = pair
            && seen.insert((record.path.clone(), by.path.clone()))
        {
            review.superseded.push(Supersession { record, by });
        }
    }
}

/// Lines that only carry lifecycle facts: the status, link lines, dated history lines in the
/// body, and in front matter the `status`, `links` and `status_history` keys with their items.
fn lifecycle_lines(r: &Record, text: &str) -> HashSet<usize> {
    let mut set: HashSet<usize> = r.links.iter().map(|l| l.line).collect();
    set.extend(r.status_history.iter().filter_map(|h| h.line));
    if let Some(s) = &r.status {
        set.insert(s.line);
    }
    let fm_end = r.body_line.saturating_sub(1);
    let mut keys: Vec<(String, usize)> = r.key_lines.clone();
    keys.sort_by_key(|k| k.1);
    for (i, (key, start)) in keys.iter().enumerate() {
        if matches!(key.as_str(), "status" | "links" | "status_history") {
            let end = keys.get(i + 1).map_or(fm_end, |k| k.1);
            set.extend(*start..end.max(start + 1));
        }
    }
    // Blank lines around inserted link lines are lifecycle noise too.
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            set.insert(i + 1);
        }
    }
    set
}

fn substance(r: &Record, text: &str) -> Vec<(usize, String)> {
    let skip = lifecycle_lines(r, text);
    text.lines()
        .enumerate()
        .filter(|(i, _)| !skip.contains(&(i + 1)))
        .map(|(i, l)| (i + 1, l.to_string()))
        .collect()
}

/// The change to an accepted record beyond its status and links, as a compact unified diff,
/// with the first changed line of the new file. `None` when only lifecycle lines changed.
///
/// Blank and lifecycle lines are left out of the diff, but hunk headers give real file lines:
/// `@@ -16,3 +16,3 @@` covers lines 16 to 18, whichever of them are shown.
pub fn substantive_diff(
    or: &Record,
    otext: &str,
    nr: &Record,
    ntext: &str,
) -> Option<(usize, String)> {
    let old = substance(or, otext);
    let new = substance(nr, ntext);
    if old.iter().map(|x| &x.1).eq(new.iter().map(|x| &x.1)) {
        return None;
    }
    let old_lines: Vec<&str> = old.iter().map(|(_, l)| l.as_str()).collect();
    let new_lines: Vec<&str> = new.iter().map(|(_, l)| l.as_str()).collect();
    let diff = TextDiff::from_slices(&old_lines, &new_lines);
    let first_new = diff
        .ops()
        .iter()
        .find(|op| !matches!(op, similar::DiffOp::Equal { .. }))
        .map(|op| op.new_range().start)
        .unwrap_or(0);
    let line = new.get(first_new).or(new.last()).map_or(1, |(l, _)| *l);
    let mut text = String::new();
    for group in diff.grouped_ops(1) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let olds = span(&old, first.old_range().start..last.old_range().end);
        let news = span(&new, first.new_range().start..last.new_range().end);
        let _ = writeln!(text, "@@ -{olds} +{news} @@");
        for op in &group {
            for change in diff.iter_changes(op) {
                let sign = match change.tag() {
                    ChangeTag::Delete => '-',
                    ChangeTag::Insert => '+',
                    ChangeTag::Equal => ' ',
                };
                let _ = writeln!(text, "{sign}{}", change.value());
            }
        }
    }
    Some((line, text))
}

/// `start,count` of a hunk side in file lines, from a range of the numbered `lines` shown. An
/// empty side starts at the line before it, as in any unified diff.
fn span(lines: &[(usize, String)], range: std::ops::Range<usize>) -> String {
    match (lines.get(range.start), range.is_empty()) {
        (Some((first, _)), false) => {
            let last = lines[range.end - 1].0;
            format!("{first},{}", last - first + 1)
        }
        _ => {
            let before = range.start.checked_sub(1).and_then(|i| lines.get(i));
            format!("{},0", before.map_or(0, |(l, _)| *l))
        }
    }
}
