//! `adr check`: lint the decision log, for people and for CI.

use super::cli::GlobalArgs;
use crate::check::{self, report};
use crate::error::exit;
use crate::model::Severity;
use crate::shell::ColorChoice;
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
    /// List every finding: human output otherwise lists a warning or note rule with more than
    /// five findings in one line, with its count and first place.
    #[arg(short, long)]
    pub verbose: bool,
    /// Only these rules (`--rule no-status`, or `no-status,no-title`), every finding listed;
    /// the exit code follows them alone.
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub rule: Vec<String>,
    /// Also run the commands records name under `confirmation:` (in the repository root) and
    /// report each that fails. Only run when asked: commands come from the records.
    #[arg(long)]
    pub confirm: bool,
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
    Note,
    Warning,
    Error,
}

impl Deny {
    /// The lowest severity that fails the run.
    pub fn threshold(self) -> Severity {
        match self {
            Deny::Note => Severity::Note,
            Deny::Warning => Severity::Warning,
            Deny::Error => Severity::Error,
        }
    }
}

pub fn run(args: CheckArgs, global: &GlobalArgs) -> anyhow::Result<u8> {
    if args.list_rules {
        crate::cmd::print(&report::rules_table())?;
        return Ok(exit::OK);
    }
    let shell = global.shell();
    let repo = global.repo()?;
    check::validate_config(&repo.config.check)?;
    check::validate_rules(&args.rule)?;
    if args.fix {
        let repairs = crate::repair::fix(&repo)?;
        for r in &repairs {
            shell.status(format_args!("fixed: {}: {}", r.path.display(), r.what));
        }
        if repairs.is_empty() {
            shell.status("fixed: nothing to repair");
        }
    }
    let (log, mut findings) = check::check_repo(&repo, !args.no_scope)?;
    if let Some(base) = &args.base {
        let collisions = crate::review::gather::base_collisions(&repo, base)?;
        findings.extend(check::apply_config(collisions, &repo.config.check));
    }
    if args.confirm {
        let failed = check::confirm::run_all(
            &log,
            &repo.root,
            repo.config.governance.confirm_timeout(),
            &shell,
        );
        findings = check::apply_config([findings, failed].concat(), &repo.config.check);
    }
    if !args.rule.is_empty() {
        findings.retain(|f| args.rule.iter().any(|r| r == f.code));
    }
    let color = shell.out_color(args.color);
    let n = log.records.len();
    let expand = args.verbose || !args.rule.is_empty();
    match args.format {
        // Escaped inside, before its own colours go on.
        CheckFormat::Human => crate::cmd::print(&report::human(&findings, n, color, expand))?,
        CheckFormat::Json => {
            crate::cmd::print(&report::json(&findings, n, &|f| check::details(&log, f)))?
        }
        // Read in a CI log, which obeys escapes as a terminal does.
        CheckFormat::Github => crate::cmd::print_human(&report::github(&findings))?,
        CheckFormat::Sarif => crate::cmd::print(&report::sarif(&findings))?,
    }
    Ok(
        if findings.iter().any(|f| f.severity >= args.deny.threshold()) {
            exit::FINDINGS
        } else {
            exit::OK
        },
    )
}
