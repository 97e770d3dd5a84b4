//! The command line, defined once: parsing, help, completions and the man page all come from it.

use crate::cmd;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "adr",
    version,
    about = "Architecture decision records: write them, link them, check them, publish them.",
    long_about = "Architecture decision records kept next to the code.\n\n\
        Reads adr-tools, MADR and log4brains repositories as they are, and writes records in \
        the structured format (YAML front matter with constraints, quality attributes and \
        options), in adr-tools' format, or in MADR.",
    after_help = "Exit codes: 0 ok, 1 findings (check, review), 2 error, 3 done but some \
        records could not be read cleanly."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every command takes.
#[derive(Debug, Args, Clone)]
pub struct GlobalArgs {
    /// Decision directory to use instead of searching for one (config files, then well-known
    /// folders such as `doc/adr` or `docs/decisions`).
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Do not print warnings about records that could not be fully understood.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Let changes write into a decision folder outside the repository (a `dir` such as
    /// `../../elsewhere` in `.adr.toml`, or a folder linking out of it); refused otherwise.
    #[arg(long, global = true)]
    pub write_outside_repo: bool,
}

impl GlobalArgs {
    /// The decision log these flags name (`--dir`) or discovery finds.
    pub fn repo(&self) -> Result<crate::repo::Repo, crate::error::Error> {
        let mut repo = crate::repo::Repo::discover(self.dir.as_deref())?;
        repo.write_outside = self.write_outside_repo;
        Ok(repo)
    }

    /// The shell that says what a command does on stderr, as these flags ask.
    pub fn shell(&self) -> crate::shell::Shell {
        crate::shell::Shell::new(self.quiet)
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Init(cmd::init::InitArgs),
    New(cmd::new::NewArgs),
    Edit(cmd::edit::EditArgs),
    Convert(cmd::convert::ConvertArgs),
    List(cmd::list::ListArgs),
    Show(cmd::show::ShowArgs),
    Check(cmd::check::CheckArgs),
    Review(cmd::review::ReviewArgs),
    Supersede(cmd::supersede::SupersedeArgs),
    Link(cmd::link::LinkArgs),
    Status(cmd::status::StatusArgs),
    Approve(cmd::approve::ApproveArgs),
    Renumber(cmd::renumber::RenumberArgs),
    Generate(cmd::generate::GenerateArgs),
    UpgradeRepository(cmd::upgrade::UpgradeArgs),
    Schema(cmd::schema::SchemaArgs),
    Completions(cmd::completions::CompletionsArgs),
    Man(cmd::man::ManArgs),
    Site(cmd::site::SiteArgs),
    Export(cmd::export::ExportArgs),
    Mcp(cmd::mcp::McpArgs),
}
