//! `adr site build|serve|eject`: publish the decision log as a static site.

use super::cli::GlobalArgs;
use crate::site::{self, BuildOptions, serve::ServeOptions};
use crate::view::count;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// Publish the decision log (one repository, or an organisation's) as a static site.
#[derive(Debug, Args)]
pub struct SiteArgs {
    #[command(subcommand)]
    pub command: SiteCommand,
}

#[derive(Debug, Subcommand)]
pub enum SiteCommand {
    /// Render the site into a folder.
    Build(BuildArgs),
    /// Build, serve on 127.0.0.1, rebuild on change and reload open pages.
    Serve(ServeArgs),
    /// Write the built-in templates and assets to a folder to change them.
    Eject(EjectArgs),
}

#[derive(Debug, Args, Clone)]
pub struct BuildArgs {
    /// Output folder (default: `out` in the site config, else `site`). Replaced as a whole.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Absolute URL the site is published at (feed and sitemap only; pages use relative links).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Site config file (default: the `[site]` table of `.adr.toml`).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    #[arg(long, default_value_t = 4000)]
    pub port: u16,
    /// Serve the site under this sub-path, as GitHub Pages does (`/repo/`).
    #[arg(long, default_value = "/")]
    pub prefix: String,
}

#[derive(Debug, Args)]
pub struct EjectArgs {
    /// Folder to write the templates to; name it as `templates` in the site config.
    #[arg(default_value = "site-templates")]
    pub dir: PathBuf,
}

fn options(b: BuildArgs, global: &GlobalArgs) -> BuildOptions {
    BuildOptions {
        out: b.out,
        base_url: b.base_url,
        config: b.config,
        dir: global.dir.clone(),
    }
}

pub fn run(args: SiteArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    match args.command {
        SiteCommand::Build(b) => {
            let shell = global.shell();
            let r = site::build(&options(b, global), &shell)?;
            let log = crate::model::DecisionLog {
                records: Vec::new(),
                diagnostics: r.diagnostics,
            };
            let code = super::report(&log, global);
            shell.status(format_args!(
                "built {} of {} into {} in {:.2?}: {} rendered ({}), {} written, {} unchanged",
                count(r.records, "record"),
                count(r.projects, "project"),
                r.out.display(),
                r.elapsed,
                count(r.rendered.pages, "page"),
                count(r.rendered.records, "record"),
                count(r.stats.written, "file"),
                r.stats.unchanged
            ));
            Ok(code)
        }
        SiteCommand::Serve(s) => {
            let opts = ServeOptions {
                build: options(s.build, global),
                port: s.port,
                prefix: s.prefix,
            };
            site::serve::serve(opts, &global.shell())?;
            Ok(crate::error::exit::OK)
        }
        SiteCommand::Eject(e) => {
            let written = site::theme::eject(&e.dir)?;
            global.shell().status(format_args!(
                "wrote {} to {} (existing files kept)",
                count(written.len(), "file"),
                e.dir.display()
            ));
            Ok(crate::error::exit::OK)
        }
    }
}
