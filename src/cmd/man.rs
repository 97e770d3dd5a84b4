//! `adr man`: the man pages, generated from the CLI definition.

use super::cli::{Cli, GlobalArgs};
use crate::error::{Error, exit};
use clap::{Args, CommandFactory};
use std::path::PathBuf;

/// Print the man page (roff) to stdout: `adr man > adr.1`; with `--out DIR`, write `adr.1` and
/// one page per subcommand (`adr-new.1`, `adr-generate-toc.1`, ...) into DIR.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write every page into this folder instead of printing `adr.1`.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(args: ManArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let mut cmd = Cli::command();
    // Built, the command has the `help` subcommands its pages list in SEE ALSO.
    cmd.build();
    let Some(dir) = args.out else {
        crate::cmd::print(&String::from_utf8_lossy(&render(&cmd)?))?;
        return Ok(exit::OK);
    };
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let shell = global.shell();
    let mut pages = Vec::new();
    collect(&cmd, "adr", &mut pages);
    for (name, page) in &pages {
        let path = dir.join(format!("{name}.1"));
        crate::fsx::write_atomic(&path, &render(page)?)?;
        shell.status(format_args!("wrote {}", path.display()));
    }
    Ok(exit::OK)
}

fn render(cmd: &clap::Command) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut buf)?;
    Ok(buf)
}

/// The page of `cmd` named `name`, then the pages of its subcommands, `adr-generate-toc` style:
/// the names `adr.1`'s SEE ALSO section refers to.
fn collect(cmd: &clap::Command, name: &str, pages: &mut Vec<(String, clap::Command)>) {
    pages.push((name.to_string(), cmd.clone().name(name.to_string())));
    for sub in cmd.get_subcommands() {
        collect(sub, &format!("{name}-{}", sub.get_name()), pages);
    }
}
