//! `adr link`: a typed link between two records, in both directions.

use super::cli::GlobalArgs;
use crate::error::exit;
use crate::lifecycle;
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
    let done = lifecycle::link_refs(
        &global.repo()?,
        &args.source,
        &args.link,
        &args.target,
        &args.reverse_link,
    )?;
    if let Some(note) = done.note {
        global.shell().note(note);
    }
    Ok(exit::OK)
}
