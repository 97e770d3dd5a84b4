//! `adr status`: move a record through its lifecycle, refusing moves that make no sense.

use super::cli::GlobalArgs;
use crate::create;
use crate::edit::NewStatus;
use crate::error::{Error, exit};
use crate::lifecycle::{self, StatusMove, Workspace};
use crate::parse::words::normalise_status;
use crate::resolve;
use clap::Args;

/// Set a record's status (proposed, accepted, rejected, deprecated, superseded, or a status
/// listed under extra-statuses in .adr.toml). The change is dated in the record's history.
/// With no STATUS, print the current status and its dated history.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The record (number, file name or title fragment).
    pub reference: String,
    /// The new status; without it, the current status and its history are printed.
    #[arg(value_parser = status_word)]
    pub status: Option<String>,
    /// The record that supersedes this one (with `superseded`); both get linked.
    #[arg(long, value_name = "REF", requires = "status")]
    pub by: Option<String>,
    /// Make the move even if it makes no sense in the lifecycle or lacks the approvals
    /// [governance] asks for; what was overridden is recorded in the history.
    #[arg(long, requires = "status")]
    pub force: bool,
    /// Who makes the change, recorded in the history (default: git's user.name).
    #[arg(long = "as", value_name = "NAME", value_parser = person, requires = "status")]
    pub as_name: Option<String>,
}

/// A person's name as typed after `--as`: one line, with a letter in it, without the brackets
/// a Markdown history item puts around it (`- 2026-11-03 Accepted (by Ana)`).
pub fn person(s: &str) -> Result<String, String> {
    let s = s.trim();
    if s.chars()
        .any(|c| c.is_control() || matches!(c, '(' | ')' | ';'))
    {
        return Err("a name is one line of text, without line breaks, brackets or `;`".into());
    }
    if !s.chars().any(char::is_alphabetic) {
        return Err("a name needs a letter".into());
    }
    Ok(s.to_string())
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
    let repo = global.repo()?;
    let Some(new_status) = args.status.clone() else {
        return show(&repo, &args.reference);
    };
    let (_lock, log) = lifecycle::lock_and_load(&repo)?;
    let record = resolve::find(&log, &args.reference)?;
    let by = args
        .by
        .as_deref()
        .map(|r| resolve::find(&log, r))
        .transpose()?;
    let mut status = NewStatus {
        state: normalise_status(&new_status),
        raw: new_status.clone(),
        date: create::today(),
        by: lifecycle::who(args.as_name.as_deref(), &repo.dir),
        forced: None,
    };
    let objections = lifecycle::objections(&StatusMove {
        record,
        to: &status.state,
        has_successor: by.is_some(),
        extra_statuses: &repo.config.extra_statuses,
        governance: &repo.config.governance,
    });
    if !objections.is_empty() && !args.force {
        let reasons: Vec<&str> = objections.iter().map(|(r, _)| r.as_str()).collect();
        return Err(Error::Usage(format!(
            "{}: not changing the status to `{}`: {} (--force to do it anyway)",
            record.path.display(),
            new_status,
            reasons.join("; ")
        ))
        .into());
    }
    if !objections.is_empty() {
        let notes: Vec<&str> = objections.iter().map(|(_, n)| n.as_str()).collect();
        status.forced = Some(notes.join(", "));
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

/// `adr status REF`: the current status and its dated history, read without the lock.
fn show(repo: &crate::repo::Repo, reference: &str) -> anyhow::Result<u8> {
    let log = repo.load()?;
    let record = resolve::find(&log, reference)?;
    crate::cmd::print(&crate::view::record::status_text(record))?;
    Ok(exit::OK)
}
