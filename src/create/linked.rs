//! `adr new -s/-l`: a new record created together with its links, under one directory lock.

use super::{Created, NewRecord};
use crate::error::Error;
use crate::lifecycle::{self, Compat, Workspace};
use crate::repo::Repo;
use crate::resolve;

/// A `-l TARGET:LINK:REVERSE` option, split as adr-tools splits it (`cut -d :`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpec {
    pub target: String,
    pub link: String,
    pub reverse: String,
}

impl LinkSpec {
    /// Splits `TARGET:LINK:REVERSE`; a usage error when the target or the link is missing.
    pub fn parse(spec: &str) -> Result<LinkSpec, Error> {
        let mut parts = spec.split(':');
        let target = parts.next().unwrap_or("").trim().to_string();
        let link = parts.next().unwrap_or("").to_string();
        let reverse = parts.next().unwrap_or("").to_string();
        if target.is_empty() || link.trim().is_empty() {
            return Err(Error::Usage(format!(
                "-l `{spec}`: expected TARGET:LINK:REVERSE-LINK, e.g. `5:Amends:Amended by`"
            )));
        }
        Ok(LinkSpec {
            target,
            link,
            reverse,
        })
    }
}

/// A record created with its links, and what to tell the user about links that were there.
#[derive(Debug)]
pub struct CreatedLinked {
    pub created: Created,
    /// One note per `-s` or `-l` that was already (partly) linked (see [`lifecycle::link_note`]).
    pub notes: Vec<String>,
}

/// Creates the record and links it, all under the directory lock so a concurrent `adr new`
/// or `adr supersede` can neither take the number nor lose an edit to a shared record.
pub fn create_linked(
    repo: &Repo,
    spec: &NewRecord,
    supersedes: &[String],
    links: &[LinkSpec],
) -> anyhow::Result<CreatedLinked> {
    std::fs::create_dir_all(&repo.dir).map_err(|e| Error::io(&repo.dir, e))?;
    let (lock, log) = lifecycle::lock_and_load(repo)?;
    let olds = supersedes
        .iter()
        .map(|r| resolve::find(&log, r))
        .collect::<Result<Vec<_>, _>>()?;
    let carried;
    let spec = if spec.carry {
        carried = super::carried(repo, spec, &olds)?;
        &carried
    } else {
        spec
    };
    let targets = links
        .iter()
        .map(|l| resolve::find(&log, &l.target))
        .collect::<Result<Vec<_>, _>>()?;
    // The new record is planned in memory and written once, with its links, as the first write
    // of the change: an interruption leaves it either absent or linked (and then the records it
    // points to show the half-applied change as a one-sided link).
    let planned = super::plan_locked(repo, spec, &lock)?;
    let created = planned.created;
    let mut ws = Workspace::default();
    let new = ws.add_new(&created.path, planned.text);
    let stamp = crate::edit::Stamp {
        date: super::today(),
        by: crate::git::user_name(&repo.dir),
    };
    // The same `-s` or `-l` given twice links once; the repeat is noted, not written again.
    let mut notes = Vec::new();
    for old in olds {
        let linked = lifecycle::supersede(&mut ws, &new, old, Compat::AdrTools, &stamp)?;
        notes.extend(lifecycle::link_note(linked, true, &new, "Supercedes", old));
    }
    for (l, target) in links.iter().zip(targets) {
        let linked = lifecycle::link(&mut ws, &new, &l.link, target, Some(&l.reverse))?;
        let asked = !l.reverse.trim().is_empty();
        notes.extend(lifecycle::link_note(linked, asked, &new, &l.link, target));
    }
    ws.commit()?;
    Ok(CreatedLinked { created, notes })
}
