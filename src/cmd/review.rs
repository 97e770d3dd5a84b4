//! `adr review`: what a pull request does to the decision log.

use crate::cli::GlobalArgs;
use crate::cmd::check::Deny;
use crate::error::{Error, exit};
use crate::model::Severity;
use crate::repo::Repo;
use crate::review::{RecordRef, gather, report};
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

/// Where a reviewer reads a record: the configured URL template, else the file on GitHub or
/// GitLab as the CI environment describes it.
fn record_url(template: Option<&str>) -> impl Fn(&RecordRef) -> Option<String> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let forge = match (
        env("GITHUB_SERVER_URL"),
        env("GITHUB_REPOSITORY"),
        env("GITHUB_SHA"),
    ) {
        (Some(server), Some(repo), Some(sha)) => Some(format!("{server}/{repo}/blob/{sha}/")),
        _ => match (env("CI_PROJECT_URL"), env("CI_COMMIT_SHA")) {
            (Some(project), Some(sha)) => Some(format!("{project}/-/blob/{sha}/")),
            _ => None,
        },
    };
    let template = template.map(str::to_string);
    move |r: &RecordRef| match &template {
        Some(t) => {
            let id = r
                .path
                .rsplit('/')
                .next()
                .unwrap_or(&r.path)
                .trim_end_matches(".md");
            let number = r.number.map(|n| n.to_string()).unwrap_or_default();
            Some(
                t.replace("{id}", id)
                    .replace("{number}", &number)
                    .replace("{path}", &r.path),
            )
        }
        None => forge.as_ref().map(|f| format!("{f}{}", r.path)),
    }
}

pub fn run(args: ReviewArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    let repo = Repo::discover(global.dir.as_deref())?;
    let accepted_edit = match repo.config.review.accepted_edit.as_deref() {
        None | Some("warning") => Some(Severity::Warning),
        Some("error") => Some(Severity::Error),
        Some("off") => None,
        Some(other) => {
            return Err(Error::Usage(format!(
                "[review] accepted-edit = `{other}`: expected warning, error or off"
            ))
            .into());
        }
    };
    let opts = gather::Options {
        base: args.base,
        head: args.head,
    };
    let mut review = gather::gather(&repo, &opts, accepted_edit)?;
    review.link_records(&record_url(repo.config.review.record_url.as_deref()));
    if !global.quiet {
        let short = review.merge_base.get(..7).unwrap_or(&review.merge_base);
        eprintln!("comparing with {} (merge base {short})", review.base);
    }
    let text = match args.format {
        ReviewFormat::Markdown => report::markdown(&review),
        ReviewFormat::Json => serde_json::to_string_pretty(&review)? + "\n",
        ReviewFormat::Github => report::github(&review),
    };
    crate::cmd::print(&text)?;
    let threshold = match args.deny {
        Deny::Warning => Severity::Warning,
        Deny::Error => Severity::Error,
    };
    Ok(match review.worst() {
        Some(s) if s >= threshold => exit::FINDINGS,
        _ => exit::OK,
    })
}
