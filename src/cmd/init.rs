//! `adr init`: create the decision directory, the config file and record 1.

use crate::cli::GlobalArgs;
use crate::config::{CONFIG_FILE, Config};
use crate::create::{self, NewRecord};
use crate::error::{Error, exit};
use crate::fsx;
use crate::model::Format;
use crate::repo::Repo;
use crate::template;
use clap::Args;
use clap::builder::TypedValueParser as _;
use std::path::{Path, PathBuf};

/// Create a decision log: the directory, `.adr.toml`, and record 1 "Record architecture decisions".
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where records will live (default `doc/adr`). Also written to `.adr-dir` so adr-tools
    /// keeps working on the repository.
    pub directory: Option<PathBuf>,
    /// Layout of new records (default structured, or `ADR_FORMAT`).
    #[arg(long, value_parser = format_parser())]
    pub format: Option<Format>,
}

pub fn format_parser() -> impl clap::builder::TypedValueParser<Value = Format> {
    clap::builder::PossibleValuesParser::new(Format::ALL.map(Format::name))
        .map(|s| Format::from_name(&s).unwrap_or(Format::Structured))
}

pub fn run(args: InitArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let env = Repo::discover(global.dir.as_deref())?;
    let format = args.format.or(env.format).unwrap_or(Format::Structured);
    let dir = args
        .directory
        .clone()
        .or_else(|| global.dir.clone())
        .unwrap_or_else(|| PathBuf::from("doc/adr"));
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    if args.directory.is_some() {
        let text = format!("{}\n", dir.display());
        fsx::write_atomic(Path::new(".adr-dir"), text.as_bytes())?;
    }
    let config = Path::new(CONFIG_FILE);
    if !config.exists() {
        fsx::write_atomic(config, Config::render(&dir, format).as_bytes())?;
    }
    let repo = Repo {
        root: PathBuf::from("."),
        dir,
        extra_dirs: Vec::new(),
        config: Config::default(),
        config_path: Some(config.to_path_buf()),
        format: Some(format),
    };
    let created = create::create(
        &repo,
        &NewRecord {
            title: "record-architecture-decisions".into(),
            status: None,
            date: None,
            tags: Vec::new(),
            scope: Vec::new(),
            deciders: Vec::new(),
            template_text: Some(template::INIT.to_string()),
        },
    )?;
    crate::cmd::print(&format!("{}\n", created.path.display()))?;
    Ok(exit::OK)
}
