//! `adr mcp`: serve the decision log to coding agents over the Model Context Protocol.

use super::cli::GlobalArgs;
use crate::error::exit;
use clap::Args;
use std::net::SocketAddr;

/// Serve the decision log as a Model Context Protocol server (stdio, or streamable HTTP with
/// --http). The tools that write records are on only with --allow-write or `write = true`
/// under [mcp] in .adr.toml, and never with --read-only.
#[derive(Debug, Args)]
pub struct McpArgs {
    /// Serve streamable HTTP on this loopback address (e.g. 127.0.0.1:8080; port 0 picks a
    /// free one, printed on stderr) instead of stdio.
    #[arg(long, value_name = "ADDR")]
    pub http: Option<SocketAddr>,
    /// Offer the tools that write records (draft_decision, supersede_decision,
    /// link_decisions, set_status).
    #[arg(long, conflicts_with = "read_only")]
    pub allow_write: bool,
    /// Never offer the tools that write records, whatever the config says.
    #[arg(long)]
    pub read_only: bool,
    /// The project name in resource URIs (default: the repository folder's name).
    #[arg(long)]
    pub project: Option<String>,
    /// Run as if started in DIR (as `git -C`): for clients that cannot set the working folder.
    #[arg(short = 'C', value_name = "DIR")]
    pub directory: Option<std::path::PathBuf>,
}

pub fn run(args: McpArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    if let Some(dir) = &args.directory {
        std::env::set_current_dir(dir).map_err(|e| crate::error::Error::io(dir, e))?;
    }
    let repo = global.repo()?;
    let write = !args.read_only && (args.allow_write || repo.config.mcp.write);
    crate::mcp::serve(crate::mcp::Options {
        dir: global.dir.clone(),
        write_outside: global.write_outside_repo,
        project: args.project,
        write,
        http: args.http,
        shell: global.shell(),
    })?;
    Ok(exit::OK)
}
