//! `adr status`: move a record through its lifecycle, refusing moves that make no sense.

use super::cli::GlobalArgs;
use crate::error::exit;
use crate::lifecycle::rules::{person, status_word};
use crate::lifecycle::{self, StatusRequest};
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

pub fn run(args: StatusArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let repo = global.repo()?;
    let Some(status) = args.status else {
        return show(&repo, &args.reference);
    };
    let asked = StatusRequest {
        reference: args.reference,
        status,
        by: args.by,
        force: args.force,
        as_name: args.as_name,
    };
    if let Some(note) = lifecycle::change_status(&repo, &asked)?.note {
        global.shell().note(note);
    }
    Ok(exit::OK)
}

fn show(repo: &crate::repo::Repo, reference: &str) -> anyhow::Result<u8> {
    let log = repo.load()?;
    let record = resolve::find(&log, reference)?;
    crate::cmd::print(&crate::view::record::status_text(record))?;
    Ok(exit::OK)
}
