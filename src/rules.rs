//! The rules every finding is named by: stable ids, default severities and what each checks.
//! Reading a record, `adr check` and `adr review` all report under these ids, so the table sits
//! below all three, with the model.

use crate::model::{Diagnostic, Severity};
use std::path::Path;

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

use Severity::{Error as E, Note as N, Warning as W};

/// Every rule. Ids are part of the interface: config and CI refer to them.
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
        "one record in two files under two numbers, other records linking to one copy by its old \
         name (an interrupted `adr renumber`)",
    ),
    rule(
        "unknown-status",
        W,
        "a status that is not a lifecycle state (nor in `extra-statuses`)",
    ),
    rule("no-status", W, "a record without a status"),
    rule("invalid-date", W, "a date that cannot be read"),
    rule(
        "mixed-date-order",
        W,
        "a log whose numeric dates are written day-first in one record and month-first in \
         another",
    ),
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
        "one-sided-relation",
        W,
        "a relation that reads the same both ways (`Relates to`) stated in one of its two \
         records",
    ),
    rule(
        "superseded-without-successor",
        E,
        "a superseded record that names no successor (a link in its status section names one, \
         in this log or outside it)",
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
    rule(
        "leftover-temp-file",
        W,
        "a temporary file (`.adr-tmp-*`) or site staging folder (`.site.adr-new-*`) a killed run \
         left; the next change or site build removes it",
    ),
    rule(
        "unknown-goal",
        W,
        "a goal id in `goals:` that no `[[goals]]` entry of .adr.toml declares",
    ),
    rule(
        "no-goal",
        N,
        "an accepted decision that serves no business goal (once `[[goals]]` are declared)",
    ),
    rule(
        "review-due",
        W,
        "an accepted decision whose `review_by` date has come",
    ),
    rule(
        "confirmation-missing",
        E,
        "a confirmation file that does not exist, or a test its file does not hold",
    ),
    rule(
        "confirmation-failed",
        E,
        "`adr check --confirm`: a confirmation command that failed or did not finish in time",
    ),
];

pub fn find_rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// The reader's ways of saying a file could not be read, all one problem to a user.
const UNREADABLE: &[&str] = &[
    "binary-file",
    "invalid-utf8",
    "empty-file",
    "file-too-large",
];

/// A reader's diagnostic under its rule's id and default severity.
pub fn canonical(mut d: Diagnostic) -> Diagnostic {
    if UNREADABLE.contains(&d.code) {
        d.code = "unreadable-file";
    }
    if let Some(rule) = find_rule(d.code) {
        d.severity = rule.severity;
    }
    d
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
