//! `adr export --format json`: this repository's decisions as one JSON bundle that an
//! organisation's site takes as a source (see the bundle format in the README).

use super::cli::GlobalArgs;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Export the decision log as a bundle for an organisation-wide site.
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Project name in the bundle (default: the repository folder's name).
    #[arg(long)]
    pub project: Option<String>,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
}

pub fn run(args: ExportArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let repo = global.repo()?;
    if !repo.dir.is_dir() {
        return Err(crate::error::Error::NoDirectory(repo.dir.clone()).into());
    }
    let name = args
        .project
        .unwrap_or_else(|| crate::site::source::project_name(&repo));
    let (bundle, diagnostics) = crate::site::source::bundle_of(&repo, &name)?;
    // Streamed: the bundle of a large log is several times its records' size as one string.
    let write = |w: &mut dyn Write| -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *w, &bundle)?;
        w.write_all(b"\n")
    };
    match &args.output {
        Some(p) => crate::fsx::write_atomic_with(p, write)?,
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write(&mut out)?;
            out.flush()?;
        }
    }
    let log = crate::model::DecisionLog {
        records: Vec::new(),
        diagnostics,
    };
    Ok(super::report(&log, global))
}
