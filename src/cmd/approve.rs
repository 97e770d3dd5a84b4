//! `adr approve`: record someone's approval of a decision, dated, in its front matter.

use super::cli::GlobalArgs;
use crate::edit::NewApproval;
use crate::error::{Error, exit};
use crate::lifecycle::{self, Workspace};
use clap::Args;

/// Record an approval of a decision (`approvals: [{by, date}]`). `[governance] approvals` in
/// .adr.toml makes `adr status REF accepted` wait for them.
#[derive(Debug, Args)]
pub struct ApproveArgs {
    /// The record (number, file name or title fragment).
    pub reference: String,
    /// Who approves (default: git's user.name).
    #[arg(long = "as", value_name = "NAME", value_parser = crate::lifecycle::rules::person)]
    pub as_name: Option<String>,
}

pub fn run(args: ApproveArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let repo = global.repo()?;
    let by = lifecycle::who(args.as_name.as_deref(), &repo.dir).ok_or_else(|| {
        Error::Usage("who approves? pass --as NAME, or set git's user.name".into())
    })?;
    let (_lock, log) = lifecycle::lock_and_load(&repo)?;
    let record = crate::resolve::find(&log, &args.reference)?;
    let approval = NewApproval {
        by,
        date: crate::create::today(),
    };
    let mut ws = Workspace::default();
    let added = lifecycle::approve(&mut ws, record, &approval)?;
    let now = ws.record(record)?;
    ws.commit()?;
    let state = crate::governance::approvals(&now, &repo.config.governance);
    let shell = global.shell();
    let path = record.path.display();
    let counts = state
        .approved
        .iter()
        .any(|a| a.eq_ignore_ascii_case(approval.by.trim()));
    if !counts {
        shell.note(format_args!(
            "note: {} is not among the approvers [governance] names, so this approval does not \
             count towards acceptance",
            approval.by
        ));
    }
    if added {
        shell.note(format_args!(
            "{path}: approved by {} ({})",
            approval.by,
            state.summary()
        ));
    } else {
        shell.note(format_args!(
            "note: {path} is already approved by {}; nothing changed ({})",
            approval.by,
            state.summary()
        ));
    }
    Ok(exit::OK)
}
