//! The lifecycle operations, planned in a [`Workspace`]: typed links in both directions,
//! superseding, and status moves.

use super::{Workspace, link_title, relative_link};
use crate::edit::{self, NewLink, NewStatus, Stamp};
use crate::error::Error;
use crate::links;
use crate::model::{Lifecycle, Record};
use crate::parse::markdown::link_line;
use crate::parse::words::link_kind;

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

/// Which sides of a link a change added. A side the records already had (the same kind of link
/// to the same record) is left as it is, so running a link twice changes nothing the second
/// time, and running it after an interruption completes the half that is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Linked {
    /// The source got the link.
    pub forward: bool,
    /// The target got the link back (false when it had it already, or none was asked for).
    pub reverse: bool,
}

impl Linked {
    /// Nothing was added: every side asked for was there already.
    pub fn nothing(self) -> bool {
        !self.forward && !self.reverse
    }
}

/// Adds `label` from `source` to `target`, and `reverse` from `target` back to `source`, each
/// only where it is missing (see [`Linked`]). The source is written first (see
/// [`Workspace::commit`]).
pub fn link(
    ws: &mut Workspace,
    source: &Record,
    label: &str,
    target: &Record,
    reverse: Option<&str>,
) -> anyhow::Result<Linked> {
    // A record that amends or depends on itself says nothing, and its two sides would be one
    // file linked both ways.
    if source.path == target.path {
        return Err(Error::Usage(format!(
            "{}: a record cannot link to itself; SOURCE and TARGET name the same record",
            source.path.display()
        ))
        .into());
    }
    let forward = add_one(ws, source, label, target)?;
    let reverse = match reverse.filter(|r| !r.trim().is_empty()) {
        Some(reverse) => add_one(ws, target, reverse, source)?,
        None => false,
    };
    Ok(Linked { forward, reverse })
}

/// Adds one link unless `from` already has a link of the same kind to `to`; says whether it
/// added it.
fn add_one(ws: &mut Workspace, from: &Record, label: &str, to: &Record) -> anyhow::Result<bool> {
    // Touch `from` first: the workspace writes files in the order they were first touched.
    let from_now = ws.record(from)?;
    let to_now = ws.record(to)?;
    if has_link(&from_now, label, &to_now) {
        return Ok(false);
    }
    let title = link_title(&to_now, &ws.text(to)?);
    let link = NewLink {
        label: label.to_string(),
        target: relative_link(&from.path, &to.path),
        title,
    };
    ws.edit(from, |text, record| edit::add_link(text, record, &link))?;
    Ok(true)
}

/// Whether `from` already links to `to` with the kind `label` names: `Amends`, `amends` and
/// `Amends:` are one kind, as are `Supercedes` and `Supersedes` (the parser's normalisation).
fn has_link(from: &Record, label: &str, to: &Record) -> bool {
    let kind = link_kind(label);
    from.links
        .iter()
        .any(|l| l.kind == kind && links::names(&from.path, &l.target, links::Key::of(to)))
}

/// Marks `old` as superseded by `new` on both sides: `Supercedes` in the new record,
/// `Superceded by` and the superseded status in the old one (the spelling adr-tools writes;
/// both spellings are read). Like [`link`], adds only the sides that are missing; a record
/// already linked both ways and superseded is left as it is.
pub fn supersede(
    ws: &mut Workspace,
    new: &Record,
    old: &Record,
    compat: Compat,
    stamp: &Stamp,
) -> anyhow::Result<Linked> {
    // Meaningless whatever `--force` says: the record would be its own successor, a cycle of one.
    if new.path == old.path {
        return Err(Error::Usage(format!(
            "{}: a record cannot supersede itself",
            old.path.display()
        ))
        .into());
    }
    let forward = add_one(ws, new, "Supercedes", old)?;
    let reverse = add_one(ws, old, "Superceded by", new)?;
    let linked = Linked { forward, reverse };
    // Done before (both links there, the old record superseded): a second run changes nothing.
    let superseded = ws.record(old)?.status.map(|s| s.state) == Some(Lifecycle::Superseded);
    if !(linked.nothing() && superseded) {
        mark_superseded(ws, old, compat, stamp)?;
    }
    Ok(linked)
}

/// The superseded side's status change, once its `Superceded by` link is in place: in
/// adr-tools' layout the old status line goes (per `compat`), elsewhere `status: superseded`.
pub fn mark_superseded(
    ws: &mut Workspace,
    old: &Record,
    compat: Compat,
    stamp: &Stamp,
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
                let status = NewStatus::at(Lifecycle::Superseded, "superseded", stamp);
                ws.edit(old, |t, r| Ok(edit::date_status_change(t, r, &status)))?;
            }
            ws.edit(old, |t, r| Ok(edit::remove_status_line(t, r, &drop)))?;
        }
    } else {
        let status = NewStatus::at(Lifecycle::Superseded, "superseded", stamp);
        ws.edit(old, |t, r| edit::set_status(t, r, &status))?;
    }
    Ok(())
}

/// Sets a record's status; `superseded` with a successor links the two as [`supersede`] does,
/// and says which links that added.
pub fn set_status(
    ws: &mut Workspace,
    record: &Record,
    status: &NewStatus,
    by: Option<&Record>,
) -> anyhow::Result<Option<Linked>> {
    match by {
        Some(successor) if status.state == Lifecycle::Superseded => {
            let stamp = Stamp {
                date: status.date.clone(),
                by: status.by.clone(),
            };
            supersede(ws, successor, record, Compat::Clean, &stamp).map(Some)
        }
        _ => ws
            .edit(record, |t, r| edit::set_status(t, r, status))
            .map(|()| None),
    }
}

/// What to tell the user on stderr when part or all of a link was there already (`adr link`,
/// `adr new -l/-s`, `adr status --by`); `None` when everything asked for was added.
pub fn link_note(
    linked: Linked,
    reverse_asked: bool,
    source: &Record,
    label: &str,
    target: &Record,
) -> Option<String> {
    let done = match (linked.forward, linked.reverse) {
        (false, false) => "nothing changed",
        (false, true) => "added only the missing link back",
        (true, false) if reverse_asked => "the link back was there; added only the link",
        (true, _) => return None,
    };
    Some(format!(
        "note: already linked: {} `{}` {}; {done}",
        source.path.display(),
        label.trim(),
        target.path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn record(path: &str, number: u32, links: &[(&str, &str)]) -> Record {
        let name = crate::names::parse_record_name("0001-x").unwrap();
        let mut r = crate::parse::parse_record(Path::new(path), "x", &name, "# X\n").0;
        r.number = Some(number);
        r.links = crate::parse::fields::links(
            &links
                .iter()
                .map(|(k, t)| (k.to_string(), t.to_string()))
                .collect::<Vec<_>>(),
            1,
        );
        r
    }

    #[test]
    fn a_link_is_the_same_whatever_spelling_names_its_kind_and_target() {
        let to = record("doc/adr/0002-two.md", 2, &[]);
        for target in [
            "0002-two.md",
            "./0002-two.md",
            "../adr/0002-two.md",
            "0002-two",
            "0002-two.md#context",
            "2",
        ] {
            let from = record("doc/adr/0003-three.md", 3, &[("amends", target)]);
            assert!(has_link(&from, "Amends", &to), "{target}");
            assert!(has_link(&from, " amends: ", &to), "{target}");
            assert!(!has_link(&from, "Amended by", &to), "{target}");
        }
        let from = record("doc/adr/0003-three.md", 3, &[("amends", "0002-two-b.md")]);
        assert!(!has_link(&from, "Amends", &to));
        let from = record("doc/adr/0003-three.md", 3, &[("supersedes", "0002-two.md")]);
        assert!(has_link(&from, "Supercedes", &to));
        let other_folder = record("doc/other/0002-two.md", 2, &[]);
        let from = record("doc/adr/0003-three.md", 3, &[("amends", "0002-two.md")]);
        assert!(!has_link(&from, "Amends", &other_folder));
    }
}
