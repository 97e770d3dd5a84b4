//! `adr completions`: shell completion scripts generated from the CLI definition.

use super::cli::Cli;
use crate::error::exit;
use clap::{Args, CommandFactory};

/// Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}

pub fn run(args: CompletionsArgs) -> anyhow::Result<u8> {
    let mut cmd = Cli::command();
    // clap_complete panics when its writer fails, and stdout fails when the reader has gone
    // (`adr completions bash | head`): generate into memory, print through the one helper.
    let mut buf = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "adr", &mut buf);
    crate::cmd::print(&String::from_utf8_lossy(&buf))?;
    Ok(exit::OK)
}
