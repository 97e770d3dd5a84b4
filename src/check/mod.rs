//! `adr check`'s linter: rules over a parsed decision log. Findings are data
//! ([`Diagnostic`]s with a rule id); how they are printed is [`report`]'s business.

pub mod authoring;
pub mod fix;
pub mod graph;
pub mod links;
pub mod placeholders;
pub mod reading;
pub mod report;
pub mod structure;
pub mod substance;
pub mod yaml_error;

pub use crate::config::CheckConfig;
use crate::model::{DecisionLog, Diagnostic, Severity};
use std::path::{Path, PathBuf};

/// A rule: its stable id, default severity and what it checks.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

const fn rule(id: &'static str, severity: Severity, summary: &'static str) -> Rule {
    Rule {
        id,
        severity,
        summary,
    }
}

use Severity::{Error as E, Warning as W};

/// Every rule `adr check` knows. Ids are part of the interface: config and CI refer to them.
pub const RULES: &[Rule] = &[
    rule(
        "invalid-front-matter",
        E,
        "front matter that does not parse as YAML",
    ),
    rule(
        "unquoted-colon",
        W,
        "a front-matter value holding `: ` unquoted (invalid YAML), read as text",
    ),
    rule(
        "unclosed-front-matter",
        E,
        "front matter opened with `---` and never closed",
    ),
    rule(
        "unreadable-file",
        E,
        "a record that cannot be read, or is binary, empty, too large or not UTF-8",
    ),
    rule(
        "unreadable-dir",
        W,
        "an extra decision folder (`extra-dirs`) that cannot be listed",
    ),
    rule(
        "front-matter-field",
        W,
        "a known front-matter key with a value of the wrong shape",
    ),
    // A record without a title or number is still read, listed and published (under its file
    // name): incomplete, not broken, so a warning in every command.
    rule("no-title", W, "a record without a title"),
    rule(
        "no-number",
        W,
        "a record without a number in its name, front matter or title",
    ),
    rule("duplicate-number", E, "two records with the same number"),
    rule(
        "renumber-copy",
        E,
        "one record in two files under two numbers (an interrupted `adr renumber`)",
    ),
    rule(
        "unknown-status",
        W,
        "a status that is not a lifecycle state (nor in `extra-statuses`)",
    ),
    rule("no-status", W, "a record without a status"),
    rule("invalid-date", W, "a date that cannot be read"),
    rule(
        "file-name-mismatch",
        W,
        "a file name whose number or slug disagrees with the record",
    ),
    rule(
        "dangling-link",
        E,
        "a link to a record or file that does not exist",
    ),
    rule(
        "one-sided-link",
        E,
        "a link of a kind adr writes in pairs whose target does not link back (a half-applied \
         change)",
    ),
    rule(
        "superseded-without-successor",
        E,
        "a superseded record that names no successor",
    ),
    rule(
        "rejected-successor",
        W,
        "a record superseded by one that was itself rejected",
    ),
    rule(
        "supersede-cycle",
        E,
        "records that supersede each other in a cycle",
    ),
    rule(
        "missing-constraints",
        W,
        "an accepted structured record with no constraints",
    ),
    rule(
        "missing-quality-attributes",
        W,
        "an accepted structured record with no quality attribute",
    ),
    rule(
        "too-few-options",
        W,
        "an accepted structured record with fewer than two options",
    ),
    rule(
        "option-without-tradeoffs",
        W,
        "an option that says nothing about any quality attribute",
    ),
    rule(
        "incomplete-scenario",
        W,
        "a quality-attribute scenario missing stimulus, response or measure",
    ),
    rule(
        "placeholder-text",
        W,
        "template placeholder text left in a record (one finding per record, each in JSON)",
    ),
    rule(
        "scope-matches-nothing",
        W,
        "a scope glob that matches no file in the repository",
    ),
    rule(
        "number-collision",
        E,
        "a record this branch adds whose number the base branch already uses",
    ),
    rule(
        "governed-by-stale-decision",
        W,
        "`adr review`: a changed file governed only by deprecated or superseded decisions",
    ),
    rule(
        "unknown-key",
        W,
        "a front-matter key adr does not read: one slip from a known key, or unknown inside a \
         quality attribute, scenario, option, trade-off, link or status change",
    ),
    rule(
        "unknown-tradeoff-attribute",
        W,
        "a trade-off keyed by an id that no quality attribute of the record has",
    ),
    rule(
        "chosen-option",
        W,
        "an accepted record whose options mark none, or more than one, as chosen",
    ),
    rule(
        "missing-record-link",
        W,
        "a Markdown link in a record's text to a record file that is not in the log",
    ),
];

pub fn find_rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

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
}

impl Context<'_> {
    /// Whether the record at `path` is to be checked.
    pub fn wants(&self, path: &Path) -> bool {
        self.only.is_none_or(|set| set.contains(path))
    }
}

/// Runs every rule and applies the config: disabled rules are dropped, severities overridden.
/// Findings come sorted by path and line.
pub fn run(ctx: &Context<'_>, config: &CheckConfig) -> Vec<Diagnostic> {
    let mut findings = structure::from_parse(ctx.log);
    findings.retain(|f| ctx.wants(&f.path));
    structure::check(ctx, &mut findings);
    let graph = graph::LinkGraph::build(ctx.log);
    links::check(ctx, &graph, &mut findings);
    substance::check(ctx, &mut findings);
    placeholders::check(ctx, &mut findings);
    authoring::check(ctx, &graph, &mut findings);
    // Last, after every rule: what only follows from front matter that could not be read.
    reading::without_consequences(ctx.log, &mut findings);
    findings.retain(|f| ctx.wants(&f.path));
    apply_config(findings, config)
}

pub fn apply_config(mut findings: Vec<Diagnostic>, config: &CheckConfig) -> Vec<Diagnostic> {
    findings.retain(|f| !config.disable.iter().any(|d| d == f.code));
    for f in &mut findings {
        if let Some(s) = config.severity.get(f.code) {
            f.severity = match s.as_str() {
                "warning" => Severity::Warning,
                _ => Severity::Error,
            };
        }
    }
    findings.sort_by(|a, b| (&a.path, a.line, a.code).cmp(&(&b.path, b.line, b.code)));
    findings.dedup();
    findings
}

/// A finding of `rule` at `path:line`, with the rule's default severity.
pub fn finding(
    rule_id: &'static str,
    path: &Path,
    line: Option<usize>,
    message: String,
) -> Diagnostic {
    let severity = find_rule(rule_id).map_or(Severity::Error, |r| r.severity);
    Diagnostic {
        path: path.to_path_buf(),
        line,
        severity,
        code: rule_id,
        message,
    }
}
