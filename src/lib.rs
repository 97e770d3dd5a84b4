//! `adr`: architecture decision records kept next to the code.
//!
//! The binary is a thin shell over this library: [`cli`] defines the command line, [`cmd`] has
//! one module per subcommand, and the rest is the domain: the [`model`] (plain data), [`parse`]
//! (file to model), [`repo`] (finding and reading the decision log), [`create`] (new records).

pub mod cache;
pub mod check;
pub use cmd::cli;
pub mod cmd;
pub mod config;
pub mod convert;
pub mod create;
pub mod edit;
pub mod editor;
pub mod error;
pub mod fsx;
#[cfg(feature = "fuzzing")]
pub mod fuzz_targets;
pub mod generate;
pub mod git;
pub mod governance;
pub mod lifecycle;
pub mod links;
pub mod mcp;
pub mod model;
pub mod names;
pub mod parse;
pub mod paths;
pub mod repair;
pub mod repo;
pub mod resolve;
pub mod review;
pub mod rules;
pub mod scope;
pub mod shell;
pub mod site;
pub mod template;
pub mod view;

use cli::{Cli, Command};

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    let global = &cli.global;
    match cli.command {
        Command::Init(args) => cmd::init::run(args, global),
        Command::New(args) => cmd::new::run(args, global),
        Command::Edit(args) => cmd::edit::run(args, global),
        Command::Convert(args) => cmd::convert::run(args, global),
        Command::List(args) => cmd::list::run(args, global),
        Command::Show(args) => cmd::show::run(args, global),
        Command::Check(args) => cmd::check::run(args, global),
        Command::Review(args) => cmd::review::run(args, global),
        Command::Supersede(args) => cmd::supersede::run(args, global),
        Command::Link(args) => cmd::link::run(args, global),
        Command::Status(args) => cmd::status::run(args, global),
        Command::Approve(args) => cmd::approve::run(args, global),
        Command::Renumber(args) => cmd::renumber::run(args, global),
        Command::Generate(args) => cmd::generate::run(args, global),
        Command::UpgradeRepository(args) => cmd::upgrade::run(args, global),
        Command::Schema(args) => cmd::schema::run(args),
        Command::Completions(args) => cmd::completions::run(args),
        Command::Man(args) => cmd::man::run(args, global),
        Command::Site(args) => cmd::site::run(args, global),
        Command::Export(args) => cmd::export::run(args, global),
        Command::Mcp(args) => cmd::mcp::run(args, global),
    }
}
