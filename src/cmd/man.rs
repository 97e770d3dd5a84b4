//! `adr man`: the man page, generated from the CLI definition.

use crate::cli::Cli;
use crate::error::exit;
use clap::{Args, CommandFactory};

/// Print the man page (roff) to stdout: `adr man > adr.1`.
#[derive(Debug, Args)]
pub struct ManArgs {}

pub fn run(_args: ManArgs) -> anyhow::Result<u8> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    crate::cmd::print(&String::from_utf8_lossy(&buf))?;
    Ok(exit::OK)
}
