//! `adr list`: the records, as paths (like adr-tools), a table or JSON.

use super::cli::GlobalArgs;
use crate::cmd::report;
use crate::error::Error;
use crate::model::Record;
use crate::view::{self, Summary};
use clap::{Args, ValueEnum};

/// List records: their paths (default, as adr-tools prints them), a table, or JSON.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only records whose status is this (normalised, e.g. `accepted`, or as written).
    #[arg(long)]
    pub status: Option<String>,
    /// Only records with this tag; `--tag db,ops` or a repeated `--tag` requires them all.
    #[arg(long = "tag", value_name = "TAG", value_delimiter = ',')]
    pub tags: Vec<String>,
    /// Only records whose title or file name contains this text (any case).
    #[arg(long)]
    pub text: Option<String>,
    /// Only accepted decisions whose review date (`review_by`) has come.
    #[arg(long)]
    pub due: bool,
    /// A readable table: number, date, status, title (same as `--format table`); with
    /// `--status proposed` also how long each has been open and whose approval it awaits, with
    /// `--due` the review date.
    #[arg(short, long)]
    pub long: bool,
    #[arg(long, value_enum, default_value_t = ListFormat::Paths)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Paths,
    Table,
    Json,
}

pub fn run(args: ListArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let repo = global.repo()?;
    let log = match repo.load_light() {
        Err(Error::NoDirectory(dir)) if repo.is_adr_tools() => {
            return Err(Error::AdrToolsNoDirectory(dir).into());
        }
        loaded => loaded?,
    };
    let today = crate::governance::today();
    let filter = view::Filter {
        status: args.status.clone(),
        tags: args.tags.clone(),
        text: args.text.clone(),
        due: args.due.then_some(today),
    };
    let records: Vec<&Record> = log.records.iter().filter(|r| filter.matches(r)).collect();
    let format = if args.long {
        ListFormat::Table
    } else {
        args.format
    };
    let text = match format {
        ListFormat::Paths => records
            .iter()
            .map(|r| format!("{}\n", r.path.display()))
            .collect(),
        ListFormat::Table => {
            let proposed = args
                .status
                .as_deref()
                .is_some_and(|s| s.trim().eq_ignore_ascii_case("proposed"));
            let columns = view::Columns {
                open: proposed.then_some((&repo.config.governance, today)),
                review: args.due,
            };
            view::list_table(&records, &columns)
        }
        ListFormat::Json => {
            let summaries: Vec<Summary> = records.iter().map(|r| Summary::of(r)).collect();
            serde_json::to_string_pretty(&summaries)? + "\n"
        }
    };
    // The path list is data for scripts (adr-tools'), shown escaped only on a terminal, as
    // `ls` shows names; the table is for people.
    let human = match format {
        ListFormat::Paths => std::io::IsTerminal::is_terminal(&std::io::stdout()),
        ListFormat::Table => true,
        ListFormat::Json => false,
    };
    if human {
        crate::cmd::print_human(&text)?;
    } else {
        crate::cmd::print(&text)?;
    }
    let code = report(&log, global);
    // The process ends here: freeing 10,000 records one by one would cost more than listing
    // them did (perf: `drop_in_place<Record>` and `free`).
    std::mem::forget(log);
    Ok(code)
}
