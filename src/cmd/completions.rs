//! `adr completions`: shell completion scripts generated from the CLI definition.

use crate::cli::Cli;
use crate::error::exit;
use clap::{Args, CommandFactory};

/// Print a completion script for a shell (bash, zsh, fish, elvish, powershell).
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    pub shell: clap_complete::Shell,
}

pub fn run(args: CompletionsArgs) -> anyhow::Result<u8> {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "adr", &mut std::io::stdout());
    Ok(exit::OK)
}
