//! `adr supersede`: a new record that supersedes an old one (`adr new -s REF TITLE...`), taking
//! over what the old one governed.

use super::cli::GlobalArgs;
use clap::Args;

/// Create a new record that supersedes REF; REF is marked superseded and both are linked. The
/// new record starts with REF's tags, scope and deciders (`--no-carry` to start blank).
#[derive(Debug, Args)]
pub struct SupersedeArgs {
    /// The record being superseded (number, file name or title fragment).
    pub reference: String,
    /// The new record's title; the words are joined with spaces.
    #[arg(value_name = "TITLE", trailing_var_arg = true)]
    pub title: Vec<String>,
    /// Start the new record without the superseded one's tags, scope and deciders.
    #[arg(long)]
    pub no_carry: bool,
}

pub fn run(args: SupersedeArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let new = super::new::NewArgs {
        title: args.title,
        supersedes: vec![args.reference],
        carry: !args.no_carry,
        ..Default::default()
    };
    super::new::run(new, global)
}
