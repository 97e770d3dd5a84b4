//! `adr renumber`: give a record a new number and fix every link to it.

use super::cli::GlobalArgs;
use crate::error::exit;
use crate::lifecycle;
use crate::resolve;
use clap::Args;

/// Give a record a new number: renames the file, fixes the number in its heading and rewrites
/// every link to it. Prints the new path.
#[derive(Debug, Args)]
pub struct RenumberArgs {
    /// The record (number, file name or title fragment).
    pub reference: String,
    /// Its new number.
    pub new_number: u32,
}

pub fn run(args: RenumberArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let repo = global.repo()?;
    let (_lock, log) = lifecycle::lock_and_load(&repo)?;
    let record = resolve::find(&log, &args.reference)?;
    let done = lifecycle::renumber(&log, record, args.new_number)?;
    let shell = global.shell();
    for r in &done.referrers {
        shell.status(format_args!("updated links in {}", r.display()));
    }
    crate::cmd::print(&format!("{}\n", done.path.display()))?;
    Ok(exit::OK)
}
