//! One module per subcommand: an `Args` struct and a `run` function that calls the library.

pub mod approve;
pub mod check;
pub mod cli;
pub mod completions;
pub mod convert;
pub mod edit;
pub mod export;
pub mod generate;
pub mod init;
pub mod link;
pub mod list;
pub mod man;
pub mod mcp;
pub mod new;
pub mod renumber;
pub mod review;
pub mod schema;
pub mod show;
pub mod site;
pub mod status;
pub mod supersede;
pub mod upgrade;

use crate::cmd::cli::GlobalArgs;
use crate::error::exit;
use crate::model::DecisionLog;
use std::io::Write;

/// Prints a log's diagnostics to stderr and returns the exit code a read-only command ends with.
pub fn report(log: &DecisionLog, global: &GlobalArgs) -> u8 {
    global.shell().diagnostics(&log.diagnostics);
    if log.has_errors() {
        exit::UNREADABLE
    } else {
        exit::OK
    }
}

/// Writes text for people to stdout, what records say in it shown escaped, never obeyed
/// ([`crate::shell::printable`]). Machine output (JSON, SARIF) goes through [`print`].
pub fn print_human(text: &str) -> std::io::Result<()> {
    print(&crate::shell::printable(text))
}

/// Writes command output to stdout. Unlike `println!`, a closed pipe is an error the caller can
/// return (and `main` then exits quietly) instead of a panic.
pub fn print(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}
