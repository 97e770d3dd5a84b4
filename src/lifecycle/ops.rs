//! The lifecycle operations, planned in a [`Workspace`]: typed links in both directions,
//! superseding, and status moves.

use super::{Workspace, link_title, relative_link};
use crate::edit::{self, NewLink, NewStatus};
use crate::error::Error;
use crate::model::{Lifecycle, Record};
use crate::parse::markdown::link_line;

/// How a superseded record in adr-tools' layout loses its old status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compat {
    /// As adr-tools does (`adr new -s`, `adr supersede`): only a line that is exactly
    /// `Accepted` goes; any other status stays above the `Superceded by` line.
    AdrTools,
    /// As `adr status ... superseded --by` does: the plain status line goes, whatever it says,
    /// so the `Superceded by` line is the status.
    Clean,
}

/// Adds `label` from `source` to `target`, and `reverse` from `target` back to `source`.
/// The source is written first (see [`Workspace::commit`]).
pub fn link(
    ws: &mut Workspace,
    source: &Record,
    label: &str,
    target: &Record,
    reverse: Option<&str>,
) -> anyhow::Result<()> {
    add_one(ws, source, label, target)?;
    if let Some(reverse) = reverse.filter(|r| !r.trim().is_empty()) {
        add_one(ws, target, reverse, source)?;
    }
    Ok(())
}

fn add_one(ws: &mut Workspace, from: &Record, label: &str, to: &Record) -> anyhow::Result<()> {
    // Touch `from` first: the workspace writes files in the order they were first touched.
    ws.record(from)?;
    let to_now = ws.record(to)?;
    let title = link_title(&to_now, &ws.text(to)?);
    let link = NewLink {
        label: label.to_string(),
        target: relative_link(&from.path, &to.path),
        title,
    };
    ws.edit(from, |text, record| edit::add_link(text, record, &link))
}

/// Marks `old` as superseded by `new` on both sides: `Supercedes` in the new record,
/// `Superceded by` and the superseded status in the old one (the spelling adr-tools writes;
/// both spellings are read).
pub fn supersede(
    ws: &mut Workspace,
    new: &Record,
    old: &Record,
    compat: Compat,
    date: &str,
) -> anyhow::Result<()> {
    // Meaningless whatever `--force` says: the record would be its own successor, a cycle of one.
    if new.path == old.path {
        return Err(Error::Usage(format!(
            "{}: a record cannot supersede itself",
            old.path.display()
        ))
        .into());
    }
    add_one(ws, new, "Supercedes", old)?;
    add_one(ws, old, "Superceded by", new)?;
    mark_superseded(ws, old, compat, date)
}

/// The superseded side's status change, once its `Superceded by` link is in place: in
/// adr-tools' layout the old status line goes (per `compat`), elsewhere `status: superseded`.
pub fn mark_superseded(
    ws: &mut Workspace,
    old: &Record,
    compat: Compat,
    date: &str,
) -> anyhow::Result<()> {
    let text = ws.text(old)?;
    let now = ws.record(old)?;
    if edit::status_in_section(&text, &now) {
        let drop = match compat {
            Compat::AdrTools => Some("Accepted".to_string()),
            Compat::Clean => now
                .status
                .as_ref()
                .map(|s| {
                    text.lines()
                        .nth(s.line.saturating_sub(1))
                        .unwrap_or("")
                        .to_string()
                })
                .filter(|l| link_line(l, 1).is_none())
                .map(|l| l.trim_end_matches('\r').to_string()),
        };
        if let Some(drop) = drop {
            // `adr status ... superseded --by` is this tool's own command: the change is dated
            // like any status move. adr-tools' `supersede` keeps adr-tools' bytes.
            if compat == Compat::Clean {
                let status = NewStatus {
                    state: Lifecycle::Superseded,
                    raw: "superseded".into(),
                    date: date.to_string(),
                };
                ws.edit(old, |t, r| Ok(edit::date_status_change(t, r, &status)))?;
            }
            ws.edit(old, |t, r| Ok(edit::remove_status_line(t, r, &drop)))?;
        }
    } else {
        let status = NewStatus {
            state: Lifecycle::Superseded,
            raw: "superseded".into(),
            date: date.to_string(),
        };
        ws.edit(old, |t, r| edit::set_status(t, r, &status))?;
    }
    Ok(())
}

/// Sets a record's status; `superseded` with a successor links the two as [`supersede`] does.
pub fn set_status(
    ws: &mut Workspace,
    record: &Record,
    status: &NewStatus,
    by: Option<&Record>,
) -> anyhow::Result<()> {
    match by {
        Some(successor) if status.state == Lifecycle::Superseded => {
            supersede(ws, successor, record, Compat::Clean, &status.date)
        }
        _ => ws.edit(record, |t, r| edit::set_status(t, r, status)),
    }
}
