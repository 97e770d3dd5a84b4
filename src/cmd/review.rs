//! `adr review`: what a pull request does to the decision log.

use super::cli::GlobalArgs;
use crate::cmd::check::Deny;
use crate::error::exit;
use crate::review::{annotate, gather, report};
use clap::{Args, ValueEnum};

/// Review a change: decisions added, superseded, re-statused or rewritten, check findings on
/// them, number collisions with the base, and the accepted decisions that govern the changed
/// files. Exit 0 clean, 1 findings at or above --deny, 2 could not run.
#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Base branch (default: the remote's default branch origin/HEAD, else origin/main,
    /// origin/master, main, master; the upstream when it is another branch).
    #[arg(long)]
    pub base: Option<String>,
    /// Head revision (default: the work tree).
    #[arg(long)]
    pub head: Option<String>,
    #[arg(long, value_enum, default_value_t = ReviewFormat::Markdown)]
    pub format: ReviewFormat,
    /// Lowest severity that fails the run (exit 1).
    #[arg(long, value_enum, default_value_t = Deny::Error)]
    pub deny: Deny,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Markdown,
    Json,
    Github,
}

pub fn run(args: ReviewArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let repo = global.repo()?;
    let opts = gather::Options {
        base: args.base,
        head: args.head,
    };
    let review = crate::review::review(&repo, &opts)?;
    let short = review.merge_base.get(..7).unwrap_or(&review.merge_base);
    global.shell().note(format_args!(
        "comparing with {} (merge base {short})",
        review.base
    ));
    match args.format {
        // A comment and a CI log: read by people, and the log obeys escapes.
        ReviewFormat::Markdown => crate::cmd::print_human(&report::markdown(&review))?,
        ReviewFormat::Json => crate::cmd::print(&(serde_json::to_string_pretty(&review)? + "\n"))?,
        ReviewFormat::Github => crate::cmd::print_human(&annotate::github(&review))?,
    }
    Ok(match review.worst() {
        Some(s) if s >= args.deny.threshold() => exit::FINDINGS,
        _ => exit::OK,
    })
}
