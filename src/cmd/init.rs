//! `adr init`: create the decision directory, the config file and record 1, unless a decision
//! log already exists; then only adopt it when asked to by name.

use super::cli::GlobalArgs;
use crate::config::{CONFIG_FILE, Config};
use crate::create::{self, NewRecord};
use crate::error::{Error, exit};
use crate::fsx;
use crate::model::Format;
use crate::paths::join_rel;
use crate::repo::discover::ADR_TOOLS_DIR;
use crate::repo::{self, Repo};
use crate::template;
use clap::Args;
use clap::builder::TypedValueParser as _;
use std::path::{Path, PathBuf};

/// Create a decision log: the directory, `.adr.toml`, and record 1 "Record architecture decisions".
/// Refuses (exit 2, nothing written) when a decision log with records already exists, unless
/// DIRECTORY or `--dir` names that log: then it only writes the config files it lacks.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where records will live (default: the configured folder, else `doc/adr`). Also written
    /// to `.adr-dir` so adr-tools keeps working on the repository.
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
    let found = Repo::discover(None)?;
    let explicit = args.directory.clone().or_else(|| global.dir.clone());
    let logs = existing_logs(&found)?;
    if !logs.is_empty() {
        let named = explicit
            .as_deref()
            .and_then(|d| logs.iter().find(|(log, _)| same_folder(log, d)));
        return match named {
            Some((dir, records)) => adopt(&found, dir, *records, &args, global),
            None => Err(Error::LogExists {
                logs,
                wanted: explicit,
            }
            .into()),
        };
    }
    // A log configured here but still empty is the one to start; anything else starts here.
    let dir = explicit.unwrap_or_else(|| {
        if found.root == Path::new(".") {
            found.dir.clone()
        } else {
            PathBuf::from(ADR_TOOLS_DIR)
        }
    });
    start(dir, args.format.or(found.format), &args, global)
}

/// Starts a new log in `dir`: the folder, `.adr-dir` (when DIRECTORY was given),
/// `.adr.toml` (unless there is one) and record 1.
fn start(
    dir: PathBuf,
    format: Option<Format>,
    args: &InitArgs,
    global: &GlobalArgs,
) -> anyhow::Result<u8> {
    let format = format.unwrap_or(Format::Structured);
    let config = Path::new(CONFIG_FILE);
    let repo = Repo {
        root: PathBuf::from("."),
        dir,
        extra_dirs: Vec::new(),
        others: Vec::new(),
        config: Config::default(),
        config_path: Some(config.to_path_buf()),
        format: Some(format),
        write_outside: global.write_outside_repo,
    };
    // Nothing is written, not even the config, for a folder outside the repository.
    repo.check_inside()?;
    let dir = &repo.dir;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    if args.directory.is_some() {
        let text = format!("{}\n", dir.display());
        fsx::write_atomic(Path::new(".adr-dir"), text.as_bytes())?;
    }
    if !config.exists() {
        fsx::write_atomic(config, Config::render(dir, format).as_bytes())?;
    }
    let created = create::create(
        &repo,
        &NewRecord {
            title: "record-architecture-decisions".into(),
            template_text: Some(template::INIT.to_string()),
            ..NewRecord::default()
        },
    )?;
    crate::cmd::print(&format!("{}\n", created.path.display()))?;
    Ok(exit::OK)
}

/// Every folder of the discovered log that holds records, with how many: the main one, the
/// extra ones and the other well-known folders beside it.
fn existing_logs(found: &Repo) -> Result<Vec<(PathBuf, usize)>, Error> {
    let mut logs = Vec::new();
    for dir in found.all_dirs().chain(&found.others) {
        if repo::holds_records(dir) {
            logs.push((dir.clone(), repo::list_record_files(dir)?.len()));
        }
    }
    Ok(logs)
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `adr init DIR` on the log already in DIR: writes the config files it lacks at the log's
/// root (`.adr.toml` unless one governs it; `.adr-dir` when DIR was given the adr-tools way),
/// creates no record, and prints the files it wrote.
fn adopt(
    found: &Repo,
    dir: &Path,
    records: usize,
    args: &InitArgs,
    global: &GlobalArgs,
) -> anyhow::Result<u8> {
    let in_root = relative_to(&found.root, dir);
    let mut written = Vec::new();
    let adr_dir = join_rel(&found.root, Path::new(".adr-dir"));
    let line = format!("{}\n", in_root.display());
    if args.directory.is_some() && std::fs::read_to_string(&adr_dir).ok().as_deref() != Some(&line)
    {
        fsx::write_atomic(&adr_dir, line.as_bytes())?;
        written.push(adr_dir);
    }
    if found.config_path.is_none() {
        let log = Repo {
            dir: dir.to_path_buf(),
            extra_dirs: Vec::new(),
            ..found.clone()
        }
        .load()?;
        let format = args
            .format
            .unwrap_or_else(|| found.effective_format(Some(&log)));
        let config = join_rel(&found.root, Path::new(CONFIG_FILE));
        fsx::write_atomic(&config, Config::render(&in_root, format).as_bytes())?;
        written.push(config);
    }
    let what = if written.is_empty() {
        "already set up as the decision log; nothing to do"
    } else {
        "kept as the decision log, no record added"
    };
    global.shell().note(format_args!(
        "{} holds {}: {what}",
        dir.display(),
        crate::view::count(records, "record")
    ));
    let paths: String = written
        .iter()
        .map(|p| format!("{}\n", p.display()))
        .collect();
    crate::cmd::print(&paths)?;
    Ok(exit::OK)
}

/// `dir` (relative to the current directory) as seen from `root`, for config files written
/// there; absolute when it is not inside `root`.
fn relative_to(root: &Path, dir: &Path) -> PathBuf {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (root, dir) = (canonical(root), canonical(dir));
    dir.strip_prefix(&root)
        .map_or(dir.clone(), Path::to_path_buf)
}
