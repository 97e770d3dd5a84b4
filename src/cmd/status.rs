//! `adr status`: move a record through its lifecycle, refusing moves that make no sense.

use super::cli::GlobalArgs;
use crate::create;
use crate::edit::NewStatus;
use crate::error::{Error, exit};
use crate::lifecycle::{self, Workspace, rules};
use crate::parse::words::normalise_status;
use crate::repo::Repo;
use crate::resolve;
use clap::Args;

/// Set a record's status (proposed, accepted, rejected, deprecated, superseded, or a status
/// listed under extra-statuses in .adr.toml). The change is dated in the record's history.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The record (number, file name or title fragment).
    pub reference: String,
    /// The new status.
    #[arg(value_parser = status_word)]
    pub status: String,
    /// The record that supersedes this one (with `superseded`); both get linked.
    #[arg(long, value_name = "REF")]
    pub by: Option<String>,
    /// Make the move even if it makes no sense in the lifecycle.
    #[arg(long)]
    pub force: bool,
}

/// A status as typed on the command line: one line with a letter or a digit in it. A line
/// break would leave the rest of the status as a stray line in a Markdown body, or a broken
/// front matter.
pub fn status_word(s: &str) -> Result<String, String> {
    if s.chars().any(char::is_control) {
        return Err("a status is one line of text, without line breaks or tabs".into());
    }
    if !s.chars().any(char::is_alphanumeric) {
        return Err("a status needs a letter or a digit".into());
    }
    Ok(s.to_string())
}

pub fn run(args: StatusArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let repo = Repo::discover(global.dir.as_deref())?;
    let (_lock, log) = lifecycle::lock_and_load(&repo)?;
    let record = resolve::find(&log, &args.reference)?;
    let by = args
        .by
        .as_deref()
        .map(|r| resolve::find(&log, r))
        .transpose()?;
    let status = NewStatus {
        state: normalise_status(&args.status),
        raw: args.status.clone(),
        date: create::today(),
    };
    let from = record.status.as_ref().map(|s| &s.state);
    if let Err(reason) = rules::check(
        from,
        &status.state,
        by.is_some(),
        &repo.config.extra_statuses,
    ) && !args.force
    {
        return Err(Error::Usage(format!(
            "{}: not changing the status to `{}`: {reason} (--force to do it anyway)",
            record.path.display(),
            args.status
        ))
        .into());
    }
    let mut ws = Workspace::default();
    let linked = lifecycle::set_status(&mut ws, record, &status, by)?;
    ws.commit()?;
    if let (Some(linked), Some(by)) = (linked, by)
        && let Some(note) = lifecycle::link_note(linked, true, by, "Supercedes", record)
    {
        global.shell().note(note);
    }
    Ok(exit::OK)
}
