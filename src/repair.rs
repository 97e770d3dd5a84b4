//! `adr check --fix`: the repairs that are safe to make without asking — completing what an
//! interrupted supersede, link or renumber left half-done. Every edit is surgical and goes
//! through the lifecycle workspace, so files are written atomically in the usual order.
//!
//! It stands above both: [`crate::check`] says what is half-done and [`crate::lifecycle`]
//! writes the rest, and neither of them knows the other.

use crate::check::links::{Reverses, links_back, wants_reverse};
use crate::check::structure::renumber_copies;
use crate::edit;
use crate::lifecycle::{self, Compat, Workspace};
use crate::links::{LinkGraph, Target};
use crate::model::{DecisionLog, Lifecycle, Record, SUPERSEDES};
use std::path::{Path, PathBuf};

/// One repair, described for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    pub path: PathBuf,
    pub what: String,
}

/// Plans every safe repair of `log` into `ws`. `date` dates status changes. Links to a
/// renumbered record's old name are repaired first, so the reverse links are judged on the
/// links as they will be.
pub fn plan(ws: &mut Workspace, log: &DecisionLog, date: &str) -> anyhow::Result<Vec<Repair>> {
    let mut repairs = Vec::new();
    let graph = LinkGraph::build(log);
    // One record in two files (an interrupted renumber) needs a person to say which file is
    // meant; until then neither copy's links are touched.
    let copies: std::collections::HashSet<usize> = renumber_copies(log)
        .into_iter()
        .flat_map(|(a, b)| [a, b])
        .collect();
    for (i, r) in log.records.iter().enumerate() {
        if copies.contains(&i) {
            continue;
        }
        for (li, target) in &graph.edges[i] {
            if *target == Target::Missing
                && let Some(repair) = retarget_renumbered(ws, log, r, &r.links[*li].target)?
            {
                repairs.push(repair);
            }
        }
    }
    let mut now = DecisionLog::default();
    for r in &log.records {
        now.records.push(ws.record(r)?);
    }
    repairs.extend(reverse_links(ws, &now, date, &copies)?);
    Ok(repairs)
}

/// Adds the reverse of every link whose target does not link back (of the forms `adr` writes in
/// pairs, [`wants_reverse`]), when the reverse is known
/// (a known pair, or the pair the log itself uses for that kind), and marks a record
/// superseded when its successor names it but it never heard.
fn reverse_links(
    ws: &mut Workspace,
    log: &DecisionLog,
    date: &str,
    copies: &std::collections::HashSet<usize>,
) -> anyhow::Result<Vec<Repair>> {
    let graph = LinkGraph::build(log);
    let reverses = Reverses::learn(log, &graph);
    let mut repairs = Vec::new();
    for (i, r) in log.records.iter().enumerate() {
        for (li, target) in &graph.edges[i] {
            let link = &r.links[*li];
            let Target::Record(j) = *target else { continue };
            if j == i
                || copies.contains(&i)
                || copies.contains(&j)
                || !wants_reverse(r, link)
                || links_back(log, &graph, i, &link.kind, j)
            {
                continue;
            }
            // A custom kind nobody in the log answers: its reverse cannot be known.
            let Some(rev) = reverses.label(&link.kind) else {
                continue;
            };
            let other = &log.records[j];
            lifecycle::link(ws, other, &rev, r, None)?;
            repairs.push(Repair {
                path: other.path.clone(),
                what: format!("added the missing `{rev}` link to {}", r.path.display()),
            });
            // B supersedes A, but A never heard: A is superseded now.
            if link.kind == SUPERSEDES && !is_superseded(other) {
                // A repair completes someone else's change: nobody is named as making it.
                let stamp = crate::edit::Stamp {
                    date: date.to_string(),
                    by: None,
                };
                lifecycle::mark_superseded(ws, other, Compat::AdrTools, &stamp)?;
                repairs.push(Repair {
                    path: other.path.clone(),
                    what: "marked superseded".into(),
                });
            }
        }
    }
    Ok(repairs)
}

fn is_superseded(r: &Record) -> bool {
    r.status
        .as_ref()
        .is_some_and(|s| s.state == Lifecycle::Superseded)
}

/// A link to `0002-use-x.md` after record 2 became `0007-use-x.md`: exactly one record has
/// the same slug and no record has the old name, so the link follows the record.
fn retarget_renumbered(
    ws: &mut Workspace,
    log: &DecisionLog,
    r: &Record,
    target: &str,
) -> anyhow::Result<Option<Repair>> {
    let file = target.rsplit('/').next().unwrap_or(target);
    let stem = file.trim_end_matches(".md");
    let Some(old) = crate::names::parse_record_name(stem) else {
        return Ok(None);
    };
    let (Some(old_number), false) = (old.number, old.slug.is_empty()) else {
        return Ok(None);
    };
    let same_slug: Vec<&Record> = log
        .records
        .iter()
        .filter(|x| crate::names::parse_record_name(&x.id).is_some_and(|n| n.slug == old.slug))
        .collect();
    let [moved] = same_slug.as_slice() else {
        return Ok(None);
    };
    let Some(new_number) = moved.number else {
        return Ok(None);
    };
    let new_stem = moved.id.clone();
    // The file the link names, as it was before the renumber.
    let was_path =
        crate::paths::join_rel(r.path.parent().unwrap_or(Path::new("")), Path::new(target));
    let was = crate::links::Key {
        path: &was_path,
        id: stem,
        number: None,
    };
    ws.edit(r, |text, rec| {
        Ok(edit::retarget_links(
            text,
            rec,
            was,
            &new_stem,
            (old_number, new_number),
        ))
    })?;
    Ok(Some(Repair {
        path: r.path.clone(),
        what: format!(
            "pointed the link to {file} at {} (renumbered)",
            moved.path.display()
        ),
    }))
}

/// `adr check --fix`: plans and writes the safe repairs of the log at `repo` under the directory
/// lock, dated today; returns what was repaired (empty when there was nothing to repair).
pub fn fix(repo: &crate::repo::Repo) -> anyhow::Result<Vec<Repair>> {
    let (lock, log) = lifecycle::lock_and_load(repo)?;
    let mut ws = Workspace::default();
    let mut repairs: Vec<Repair> = lock
        .removed
        .iter()
        .map(|p| Repair {
            path: p.clone(),
            what: "removed a temporary file a killed run left".into(),
        })
        .collect();
    repairs.extend(plan(&mut ws, &log, &crate::create::today())?);
    ws.commit()?;
    drop(lock);
    Ok(repairs)
}
