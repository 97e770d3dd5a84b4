//! `adr convert`: rewrite records into another format, keeping every word.

use crate::cli::GlobalArgs;
use crate::convert::{self, Converted};
use crate::error::{Error, exit};
use crate::links::{Found, LinkIndex};
use crate::model::{Format, Link, Record};
use crate::view::count;
use crate::{fsx, lifecycle, resolve};
use clap::Args;

/// Rewrite records into another format (default: every record): the status with its links and
/// history, the date and the title's number move between an adr-tools body and front matter;
/// every other line stays as written. A record that would not read back the same is skipped
/// with the reason (exit 1).
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The format to convert to.
    #[arg(long, value_parser = super::init::format_parser())]
    pub to: Format,
    /// Records to convert (number, file name or title fragment); default every record.
    #[arg(value_name = "REF")]
    pub references: Vec<String>,
    /// Print the changes as unified diffs instead of writing them.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: ConvertArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let shell = global.shell();
    let repo = global.repo()?;
    let (_lock, log) = lifecycle::lock_and_load(&repo)?;
    let records: Vec<&Record> = if args.references.is_empty() {
        log.records.iter().collect()
    } else {
        args.references
            .iter()
            .map(|r| resolve::find(&log, r))
            .collect::<Result<_, _>>()?
    };
    let index = LinkIndex::of(&log);
    let (mut converted, mut already, mut skipped) = (0, 0, 0);
    for record in records {
        let text = std::fs::read_to_string(&record.path).map_err(|e| Error::io(&record.path, e))?;
        let link_text = |l: &Link| link_text(&log.records, &index, record, l);
        match convert::convert(record, &text, args.to, &link_text) {
            Converted::Text(new) if args.dry_run => {
                let name = record.path.display().to_string();
                let diff = similar::TextDiff::from_lines(&text, &new)
                    .unified_diff()
                    .header(&name, &name)
                    .to_string();
                crate::cmd::print(&diff)?;
                converted += 1;
            }
            Converted::Text(new) => {
                fsx::write_atomic(&record.path, new.as_bytes())?;
                converted += 1;
            }
            Converted::Already => already += 1,
            Converted::Skipped(reason) => {
                shell.status(format_args!("skipped {}: {reason}", record.path.display()));
                skipped += 1;
            }
        }
    }
    let verb = if args.dry_run {
        "would convert"
    } else {
        "converted"
    };
    shell.status(format_args!(
        "{verb} {} to {}; {} already {}; {} skipped",
        count(converted, "record"),
        args.to,
        already,
        args.to,
        skipped
    ));
    Ok(if skipped > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// The text of a link line written from a front-matter link: adr-tools' `N. Title` of the
/// record it names (see [`lifecycle::link_title`]), else the target as written.
fn link_text(records: &[Record], index: &LinkIndex, from: &Record, l: &Link) -> String {
    match index.find(&from.path, &l.target) {
        Found::Record(i) => {
            let to = &records[i];
            let text = std::fs::read_to_string(&to.path).unwrap_or_default();
            lifecycle::link_title(to, &text)
        }
        _ => l.text.clone().unwrap_or_else(|| l.target.clone()),
    }
}
