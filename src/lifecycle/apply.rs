//! `adr link` and `adr status` as whole changes to a repository, for the command line and for
//! `adr mcp`'s tools alike: the directory lock, the references resolved against the log read
//! under it, the change planned, checked and written.

use super::{StatusMove, Workspace, link, link_note, objections, rules, set_status, who};
use crate::edit::NewStatus;
use crate::error::Error;
use crate::parse::words::normalise_status;
use crate::repo::Repo;
use crate::resolve;
use std::path::PathBuf;

/// What a change wrote, and the note to show when part of it was already there.
#[derive(Debug, Clone, Default)]
pub struct Applied {
    /// The files written, in the order they were written.
    pub written: Vec<PathBuf>,
    /// `note: already linked: ...` when a side of a link was there already.
    pub note: Option<String>,
}

/// A typed link both ways: SOURCE gets `link` to TARGET, TARGET gets `reverse` back (none when
/// blank). References are resolved as `adr show REF` resolves them.
pub fn link_refs(
    repo: &Repo,
    source: &str,
    label: &str,
    target: &str,
    reverse: &str,
) -> anyhow::Result<Applied> {
    let (_lock, log) = super::lock_and_load(repo)?;
    let source = resolve::find(&log, source)?;
    let target = resolve::find(&log, target)?;
    let mut ws = Workspace::default();
    let linked = link(&mut ws, source, label, target, Some(reverse))?;
    let written = ws.commit()?;
    let asked = !reverse.trim().is_empty();
    let note = link_note(linked, asked, source, label, target);
    Ok(Applied { written, note })
}

/// A status move, as `adr status REF STATUS [--by REF] [--force] [--as NAME]` asks it.
#[derive(Debug, Clone, Default)]
pub struct StatusRequest {
    pub reference: String,
    pub status: String,
    /// The successor, for `superseded`.
    pub by: Option<String>,
    /// Make a move the lifecycle rules or `[governance]` refuse; what was overridden is
    /// recorded in the history.
    pub force: bool,
    /// Who makes the change (default: git's `user.name`).
    pub as_name: Option<String>,
}

/// Moves a record to a new status, dated (and signed) in its history; a move that makes no
/// sense in the lifecycle, or an acceptance without the approvals `[governance]` asks for, is
/// refused with its reasons unless forced.
pub fn change_status(repo: &Repo, asked: &StatusRequest) -> anyhow::Result<Applied> {
    rules::status_word(&asked.status).map_err(Error::Usage)?;
    if let Some(name) = &asked.as_name {
        rules::person(name).map_err(Error::Usage)?;
    }
    let (_lock, log) = super::lock_and_load(repo)?;
    let record = resolve::find(&log, &asked.reference)?;
    let by = asked
        .by
        .as_deref()
        .map(|r| resolve::find(&log, r))
        .transpose()?;
    let mut status = NewStatus {
        state: normalise_status(&asked.status),
        raw: asked.status.clone(),
        date: crate::create::today(),
        by: who(asked.as_name.as_deref(), &repo.dir),
        forced: None,
    };
    let objections = objections(&StatusMove {
        record,
        to: &status.state,
        has_successor: by.is_some(),
        extra_statuses: &repo.config.extra_statuses,
        governance: &repo.config.governance,
    });
    if !objections.is_empty() && !asked.force {
        let reasons: Vec<&str> = objections.iter().map(|(r, _)| r.as_str()).collect();
        return Err(Error::Usage(format!(
            "{}: not changing the status to `{}`: {} (--force to do it anyway)",
            record.path.display(),
            asked.status,
            reasons.join("; ")
        ))
        .into());
    }
    if !objections.is_empty() {
        let notes: Vec<&str> = objections.iter().map(|(_, n)| n.as_str()).collect();
        status.forced = Some(notes.join(", "));
    }
    let mut ws = Workspace::default();
    let linked = set_status(&mut ws, record, &status, by)?;
    let written = ws.commit()?;
    let note = match (linked, by) {
        (Some(linked), Some(by)) => link_note(linked, true, by, "Supercedes", record),
        _ => None,
    };
    Ok(Applied { written, note })
}
