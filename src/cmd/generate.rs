//! `adr generate`: a table of contents or a graph of the decision log, to stdout.

use super::cli::GlobalArgs;
use crate::error::Error;
use crate::generate::{self, Toc};
use clap::{Args, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Generate a table of contents or a graph of the links between records.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, Subcommand)]
pub enum What {
    /// A Markdown table of contents.
    Toc(TocArgs),
    /// The records and their links as a Graphviz (or Mermaid) graph.
    Graph(GraphArgs),
}

#[derive(Debug, Args)]
pub struct TocArgs {
    /// A Markdown file whose text goes before the list.
    #[arg(short = 'i', value_name = "INTRO_FILE")]
    pub intro: Option<PathBuf>,
    /// A Markdown file whose text goes after the list.
    #[arg(short = 'o', value_name = "OUTRO_FILE")]
    pub outro: Option<PathBuf>,
    /// Prefix for each link.
    #[arg(short = 'p', value_name = "LINK_PREFIX", default_value = "")]
    pub prefix: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GraphFormat {
    Dot,
    Mermaid,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Prefix for each record's link.
    #[arg(short = 'p', value_name = "LINK_PREFIX", default_value = "")]
    pub prefix: String,
    /// Extension of the linked documents.
    #[arg(short = 'e', value_name = "LINK_EXTENSION", default_value = ".html")]
    pub extension: String,
    /// Graph language.
    #[arg(long, value_enum, default_value = "dot")]
    pub format: GraphFormat,
}

fn read(path: &Option<PathBuf>) -> Result<Option<String>, Error> {
    path.as_deref()
        .map(|p: &Path| std::fs::read_to_string(p).map_err(|e| Error::io(p, e)))
        .transpose()
}

pub fn run(args: GenerateArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let repo = global.repo()?;
    let log = repo.load_light()?;
    let text = match &args.what {
        What::Toc(t) => {
            let (intro, outro) = (read(&t.intro)?, read(&t.outro)?);
            let opts = Toc {
                intro: intro.as_deref(),
                outro: outro.as_deref(),
                prefix: &t.prefix,
            };
            generate::toc(&log, &repo.dir, &opts)
        }
        What::Graph(g) => match g.format {
            GraphFormat::Dot => generate::graph_dot(&log, &repo.dir, &g.prefix, &g.extension),
            GraphFormat::Mermaid => {
                generate::graph_mermaid(&log, &repo.dir, &g.prefix, &g.extension)
            }
        },
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    let code = super::report(&log, global);
    // The process ends here; freeing every record first would only cost time (see `list`).
    std::mem::forget(log);
    Ok(code)
}
