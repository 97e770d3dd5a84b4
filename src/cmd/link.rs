//! `adr link`: a typed link between two records, in both directions.

use super::cli::GlobalArgs;
use crate::error::exit;
use crate::lifecycle::{self, Workspace};
use crate::resolve;
use clap::Args;

/// Link two records: SOURCE gets `LINK [TARGET]`, TARGET gets `REVERSE-LINK [SOURCE]`
/// (e.g. `adr link 12 Amends 10 "Amended by"`).
#[derive(Debug, Args)]
pub struct LinkArgs {
    /// The record the link starts from (number, file name or title fragment).
    pub source: String,
    /// The link's words in SOURCE, e.g. `Amends`.
    pub link: String,
    /// The record linked to.
    pub target: String,
    /// The words of the link back, in TARGET, e.g. `Amended by`.
    pub reverse_link: String,
}

pub fn run(args: LinkArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let repo = global.repo()?;
    let (_lock, log) = lifecycle::lock_and_load(&repo)?;
    let source = resolve::find(&log, &args.source)?;
    let target = resolve::find(&log, &args.target)?;
    let mut ws = Workspace::default();
    let linked = lifecycle::link(
        &mut ws,
        source,
        &args.link,
        target,
        Some(&args.reverse_link),
    )?;
    ws.commit()?;
    let asked = !args.reverse_link.trim().is_empty();
    if let Some(note) = lifecycle::link_note(linked, asked, source, &args.link, target) {
        global.shell().note(note);
    }
    Ok(exit::OK)
}
