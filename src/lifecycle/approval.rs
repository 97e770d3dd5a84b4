//! Who decides: approvals recorded in a record, the approvals `[governance]` asks for before a
//! decision is accepted, and the name a change is recorded under.

use super::Workspace;
use super::rules;
use crate::config::GovernanceConfig;
use crate::edit::{self, NewApproval};
use crate::model::{Lifecycle, Record};
use std::path::Path;

/// Records `approval` in `record`, unless the same person already approved it (compared without
/// regard to case): says whether it added it, so approving twice changes nothing.
pub fn approve(
    ws: &mut Workspace,
    record: &Record,
    approval: &NewApproval,
) -> anyhow::Result<bool> {
    let now = ws.record(record)?;
    let same = |by: &str| by.trim().eq_ignore_ascii_case(approval.by.trim());
    if now.approvals.iter().any(|a| same(&a.by)) {
        return Ok(false);
    }
    ws.edit(record, |t, r| edit::add_approval(t, r, approval))?;
    Ok(true)
}

/// The name a change is recorded under: `--as NAME`, else git's `user.name` as seen from `dir`.
pub fn who(as_name: Option<&str>, dir: &Path) -> Option<String> {
    as_name
        .map(|n| n.trim().to_string())
        .or_else(|| crate::git::user_name(dir))
}

/// A status move as asked for, with what it is judged against.
pub struct StatusMove<'a> {
    pub record: &'a Record,
    pub to: &'a Lifecycle,
    /// Whether `--by` named a successor.
    pub has_successor: bool,
    pub extra_statuses: &'a [String],
    pub governance: &'a GovernanceConfig,
}

/// What stands against a move, each as `(message for the refusal, short note for the history
/// when `--force` overrides it)`: a move the lifecycle does not make, and an acceptance that
/// lacks the approvals `[governance]` asks for.
pub fn objections(m: &StatusMove<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let from = m.record.status.as_ref().map(|s| &s.state);
    if let Err(reason) = rules::check(from, m.to, m.has_successor, m.extra_statuses) {
        let note = match from {
            Some(from) => format!("{from} to {} is not a lifecycle move", m.to),
            None => format!("{} is not a lifecycle move", m.to),
        };
        out.push((reason, note));
    }
    if *m.to == Lifecycle::Accepted {
        let state = crate::governance::approvals(m.record, m.governance);
        if !state.complete() {
            let reason = format!(
                "it has {}; approvals are recorded with `adr approve REF --as NAME`",
                state.summary()
            );
            let note = format!("{} of {} approvals", state.approved.len(), state.needed);
            out.push((reason, note));
        }
    }
    out
}
