//! `adr show`: one record, readable or as JSON.

use super::cli::GlobalArgs;
use crate::cmd::report;
use crate::model::DecisionLog;
use crate::resolve;
use crate::view::record::{self as show_view, RecordView};
use clap::{Args, ValueEnum};

/// Show one record: REF is its number, file name, or a unique fragment of its title.
#[derive(Debug, Args)]
pub struct ShowArgs {
    #[arg(value_name = "REF")]
    pub reference: String,
    #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
    /// The decision in one sentence (its Y-statement), from the structured fields.
    Summary,
}

pub fn run(args: ShowArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let repo = global.repo()?;
    let mut log = repo.load()?;
    let record = resolve::find(&log, &args.reference)?.clone();
    match args.format {
        ShowFormat::Json => {
            crate::cmd::print(&(serde_json::to_string_pretty(&RecordView::of(&record))? + "\n"))?
        }
        ShowFormat::Text => crate::cmd::print_human(&show_view::text(&record))?,
        ShowFormat::Summary => match crate::view::summary::y_statement(&record) {
            Some(sentence) => crate::cmd::print_human(&(sentence + "\n"))?,
            None => global.shell().note(format_args!(
                "note: {} states no decision as data (no option marked `chosen`); no summary",
                record.path.display()
            )),
        },
    }
    // Only this record's problems matter here.
    log.diagnostics.retain(|d| d.path == record.path);
    Ok(report(
        &DecisionLog {
            records: Vec::new(),
            diagnostics: log.diagnostics,
        },
        global,
    ))
}
