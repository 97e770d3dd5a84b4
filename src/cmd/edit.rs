//! `adr edit`: open one record in the user's editor.

use crate::cli::GlobalArgs;
use crate::cmd::report;
use crate::model::DecisionLog;
use crate::repo;
use crate::resolve;
use clap::Args;

/// Open a record in $VISUAL or $EDITOR; afterwards, say what `adr check` would about reading it.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The record (number, file name or title fragment).
    #[arg(value_name = "REF")]
    pub reference: String,
}

pub fn run(args: EditArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let repo = global.repo()?;
    let log = repo.load_light()?;
    let record = resolve::find(&log, &args.reference)?;
    crate::editor::require(&record.path)?;
    // What the editor left: problems reading it are worth seeing now, not at the next check.
    let diagnostics = repo
        .all_dirs()
        .find_map(|dir| repo::record_file_at(dir, &record.path))
        .map(|file| repo::read_record(&file).1)
        .unwrap_or_default();
    Ok(report(
        &DecisionLog {
            records: Vec::new(),
            diagnostics,
        },
        global,
    ))
}
