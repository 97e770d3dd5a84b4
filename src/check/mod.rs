//! `adr check`'s linter: rules over a parsed decision log. Findings are data
//! ([`Diagnostic`]s with a rule id); how they are printed is [`report`]'s business.

pub mod authoring;
pub mod confirm;
pub mod governance;
pub mod links;
pub mod placeholders;
pub mod reading;
pub mod report;
pub mod structure;
pub mod substance;

pub use crate::config::CheckConfig;
use crate::model::{DecisionLog, Diagnostic, Severity};
pub use crate::rules::{RULES, Rule, find_rule, finding};
use std::path::{Path, PathBuf};

/// What `--format json` lists for a finding beyond its message: every placeholder of a
/// `placeholder-text` finding, under `placeholders`.
pub fn details(log: &DecisionLog, f: &Diagnostic) -> Option<(&'static str, serde_json::Value)> {
    let r = log.records.iter().find(|r| r.path == f.path)?;
    (f.code == "placeholder-text").then(|| ("placeholders", placeholders::details(r)))
}

/// Everything a check run needs besides the log.
pub struct Context<'a> {
    pub log: &'a DecisionLog,
    /// Repository root, for scope globs.
    pub root: &'a Path,
    /// Files of the repository relative to `root`, for scope globs; `None` skips that rule.
    pub repo_files: Option<&'a [PathBuf]>,
    pub extra_statuses: &'a [String],
    /// When set, only these records are checked (`adr review` checks what a change touched);
    /// links and numbers are still judged against the whole log.
    pub only: Option<&'a std::collections::HashSet<PathBuf>>,
    /// The ids of the goals declared (`[[goals]]`); none declared turns `no-goal` off.
    pub goals: &'a [String],
    /// The day `review-due` compares review dates with.
    pub today: chrono::NaiveDate,
}

impl Context<'_> {
    /// Whether the record at `path` is to be checked.
    pub fn wants(&self, path: &Path) -> bool {
        self.only.is_none_or(|set| set.contains(path))
    }
}

/// Refuses a `[check]` config that names a rule that does not exist (in `disable` or
/// `severity`), so a typo does not silently keep a rule on.
pub fn validate_config(config: &CheckConfig) -> Result<(), crate::error::Error> {
    for id in config.disable.iter().chain(config.severity.keys()) {
        if find_rule(id).is_none() {
            return Err(crate::error::Error::Usage(format!(
                "unknown rule `{id}` in the [check] config (see `adr check --list-rules`)"
            )));
        }
    }
    Ok(())
}

/// Refuses a `--rule` that names no rule, so a typo does not pass as "no findings".
pub fn validate_rules(ids: &[String]) -> Result<(), crate::error::Error> {
    match ids.iter().find(|id| find_rule(id).is_none()) {
        Some(id) => Err(crate::error::Error::Usage(format!(
            "unknown rule `{id}` (see `adr check --list-rules`)"
        ))),
        None => Ok(()),
    }
}

/// Reads the log at `repo` and runs every rule with the repository's config; the scope rule
/// walks the repository's files only when a record has a scope and `walk_scope` is set.
pub fn check_repo(
    repo: &crate::repo::Repo,
    walk_scope: bool,
) -> anyhow::Result<(DecisionLog, Vec<Diagnostic>)> {
    let log = repo.load()?;
    let has_scopes = log.records.iter().any(|r| !r.scope.is_empty());
    let files = (has_scopes && walk_scope).then(|| substance::repo_files(&repo.root));
    let goals = goal_ids(&repo.config);
    let ctx = Context {
        log: &log,
        root: &repo.root,
        repo_files: files.as_deref(),
        extra_statuses: &repo.config.extra_statuses,
        only: None,
        goals: &goals,
        today: crate::governance::today(),
    };
    let leftovers = repo.leftovers().into_iter().map(|p| {
        finding(
            "leftover-temp-file",
            &p,
            None,
            "left by an `adr` run that was killed mid-write; nothing is using it (`git add -A` \
             would commit it): the next change or `adr check --fix` removes it"
                .into(),
        )
    });
    let findings = run(&ctx, &repo.config.check);
    let findings = apply_config(
        findings.into_iter().chain(leftovers).collect(),
        &repo.config.check,
    );
    Ok((log, findings))
}

/// The ids of every goal the config declares.
pub fn goal_ids(config: &crate::config::Config) -> Vec<String> {
    config
        .all_goals()
        .map(|g| g.id.trim().to_string())
        .collect()
}

/// Runs every rule and applies the config: disabled rules are dropped, severities overridden.
/// Findings come sorted by path and line.
pub fn run(ctx: &Context<'_>, config: &CheckConfig) -> Vec<Diagnostic> {
    let mut findings = structure::from_parse(ctx.log);
    findings.retain(|f| ctx.wants(&f.path));
    structure::check(ctx, &mut findings);
    let graph = crate::links::LinkGraph::build(ctx.log);
    links::check(ctx, &graph, &mut findings);
    substance::check(ctx, &mut findings);
    placeholders::check(ctx, &mut findings);
    authoring::check(ctx, &graph, &mut findings);
    governance::check(ctx, &mut findings);
    // Last, after every rule: what only follows from front matter that could not be read.
    reading::without_consequences(ctx.log, &mut findings);
    findings.retain(|f| ctx.wants(&f.path));
    apply_config(findings, config)
}

pub fn apply_config(mut findings: Vec<Diagnostic>, config: &CheckConfig) -> Vec<Diagnostic> {
    findings.retain(|f| !config.disable.iter().any(|d| d == f.code));
    for f in &mut findings {
        if let Some(s) = config.severity.get(f.code) {
            f.severity = Severity::from_name(s).unwrap_or(Severity::Error);
        }
    }
    findings.sort_by(|a, b| (&a.path, a.line, a.code).cmp(&(&b.path, b.line, b.code)));
    findings.dedup();
    findings
}
