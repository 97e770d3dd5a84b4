//! `adr check`: lint the decision log, for people and for CI.

use crate::check::{self, Context, report};
use crate::cli::GlobalArgs;
use crate::error::{Error, exit};
use crate::model::Severity;
use crate::repo::Repo;
use crate::shell::{ColorChoice, Shell};
use clap::{Args, ValueEnum};

/// Check the decision log: structure, links, substance. Exit 0 clean, 1 findings at or above
/// --deny, 2 could not run.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Lowest severity that fails the run (exit 1).
    #[arg(long, value_enum, default_value_t = Deny::Error)]
    pub deny: Deny,
    /// Colour in human output: auto (only on a terminal, and not when NO_COLOR is set and not
    /// empty).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Skip the scope rule's walk of the repository's files.
    #[arg(long)]
    pub no_scope: bool,
    /// Apply the safe repairs first (missing reverse links, the status of a half-superseded
    /// record, links to a renumbered record's old name), say what changed, then check.
    #[arg(long)]
    pub fix: bool,
    /// Also report records this branch adds whose number REF already uses (needs git).
    #[arg(long, value_name = "REF")]
    pub base: Option<String>,
    /// List the rules with their ids and default severities, and exit.
    #[arg(long)]
    pub list_rules: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Github,
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    Warning,
    Error,
}

pub fn run(args: CheckArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    if args.list_rules {
        let rows: Vec<Vec<String>> = check::RULES
            .iter()
            .map(|r| {
                vec![
                    r.id.into(),
                    format!("{:?}", r.severity).to_lowercase(),
                    r.summary.into(),
                ]
            })
            .collect();
        crate::cmd::print(&crate::view::table(&["RULE", "SEVERITY", "CHECKS"], &rows))?;
        return Ok(exit::OK);
    }
    let shell = global.shell();
    let repo = Repo::discover(global.dir.as_deref())?;
    for id in repo
        .config
        .check
        .disable
        .iter()
        .chain(repo.config.check.severity.keys())
    {
        if check::find_rule(id).is_none() {
            return Err(Error::Usage(format!(
                "unknown rule `{id}` in the [check] config (see `adr check --list-rules`)"
            ))
            .into());
        }
    }
    if args.fix {
        fix(&repo, &shell)?;
    }
    let log = repo.load()?;
    let has_scopes = log.records.iter().any(|r| !r.scope.is_empty());
    let files = (has_scopes && !args.no_scope).then(|| check::substance::repo_files(&repo.root));
    let ctx = Context {
        log: &log,
        root: &repo.root,
        repo_files: files.as_deref(),
        extra_statuses: &repo.config.extra_statuses,
        only: None,
    };
    let mut findings = check::run(&ctx, &repo.config.check);
    if let Some(base) = &args.base {
        let collisions = crate::review::gather::base_collisions(&repo, base)?;
        findings.extend(check::apply_config(collisions, &repo.config.check));
    }
    let color = shell.out_color(args.color);
    let n = log.records.len();
    let text = match args.format {
        CheckFormat::Human => report::human(&findings, n, color),
        CheckFormat::Json => report::json(&findings, n, &|f| check::details(&log, f)),
        CheckFormat::Github => report::github(&findings),
        CheckFormat::Sarif => report::sarif(&findings),
    };
    crate::cmd::print(&text)?;
    let threshold = match args.deny {
        Deny::Warning => Severity::Warning,
        Deny::Error => Severity::Error,
    };
    Ok(if findings.iter().any(|f| f.severity >= threshold) {
        exit::FINDINGS
    } else {
        exit::OK
    })
}

/// Plans and writes the safe repairs under the directory lock, and reports each on stderr.
fn fix(repo: &Repo, shell: &Shell) -> anyhow::Result<()> {
    let (lock, log) = crate::lifecycle::lock_and_load(repo)?;
    let mut ws = crate::lifecycle::Workspace::default();
    let repairs = crate::repair::plan(&mut ws, &log, &crate::create::today())?;
    ws.commit()?;
    drop(lock);
    for r in &repairs {
        shell.status(format_args!("fixed: {}: {}", r.path.display(), r.what));
    }
    if repairs.is_empty() {
        shell.status("fixed: nothing to repair");
    }
    Ok(())
}
