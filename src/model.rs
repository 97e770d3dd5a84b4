//! The decision record model: plain data, no I/O.
//!
//! Every other module (parsing, writing, listing, checking, publishing) speaks in these types.
//! Fields that a file did not carry are `None` or empty, never invented.

mod fields;

pub use fields::{Entry, Field};
use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// The on-disk layout a repository writes new records in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// YAML front matter carrying constraints, quality attributes, options and links.
    #[default]
    Structured,
    /// Exactly what adr-tools writes: `# N. Title`, `Date:`, a `## Status` section.
    Nygard,
    /// MADR 4: front matter status/date/decision-makers, MADR sections.
    Madr,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Structured, Format::Nygard, Format::Madr];

    pub fn name(self) -> &'static str {
        match self {
            Format::Structured => "structured",
            Format::Nygard => "nygard",
            Format::Madr => "madr",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Where a record is in its lifecycle, after normalising what the file says.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lifecycle {
    Proposed,
    Accepted,
    Rejected,
    Deprecated,
    Superseded,
    /// A status this tool does not know (e.g. "on hold"), lower-cased and trimmed.
    Other(String),
}

impl Lifecycle {
    pub fn as_str(&self) -> &str {
        match self {
            Lifecycle::Proposed => "proposed",
            Lifecycle::Accepted => "accepted",
            Lifecycle::Rejected => "rejected",
            Lifecycle::Deprecated => "deprecated",
            Lifecycle::Superseded => "superseded",
            Lifecycle::Other(s) => s,
        }
    }

    pub fn is_known(&self) -> bool {
        !matches!(self, Lifecycle::Other(_))
    }
}

impl fmt::Display for Lifecycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Lifecycle {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A record's status: the normalised lifecycle state and the text exactly as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub state: Lifecycle,
    pub raw: String,
    /// 1-based line of the file the status was read from.
    pub line: usize,
}

/// One dated entry of a record's status history (oldest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    pub date: String,
    pub status: Lifecycle,
    pub raw: String,
    /// 1-based file line of an entry written in the Markdown body (`None` in front matter,
    /// whose entries are found by their key), so review can tell history from substance.
    #[serde(skip)]
    pub line: Option<usize>,
    /// Who made the change (`adr status --as NAME`, else git's `user.name`), when recorded.
    pub by: Option<String>,
    /// What `--force` overrode to make the change (`approvals: 1 of 2, awaiting Bo`), when it
    /// overrode anything.
    pub forced: Option<String>,
}

/// Someone's approval of a decision (`approvals: [{by: Ana, date: 2026-11-02}]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Approval {
    pub by: String,
    /// ISO date when it could be read, else as written; `None` when not given.
    pub date: Option<String>,
}

/// How a confirmation checks compliance: the key it is written under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ConfirmationKind {
    /// A test, `path::name` (`tests/architecture.rs::no_orm_in_domain`), or a test file.
    Test,
    /// A file whose presence enforces the decision (a policy, a lint config).
    File,
    /// A command that exits 0 while the decision holds (`cargo deny check licenses`).
    Command,
}

impl ConfirmationKind {
    /// `test`, `file` or `command`.
    pub fn as_str(self) -> &'static str {
        match self {
            ConfirmationKind::Test => "test",
            ConfirmationKind::File => "file",
            ConfirmationKind::Command => "command",
        }
    }
}

/// One way compliance with a decision is checked (an item of `confirmation:`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Confirmation {
    pub kind: ConfirmationKind,
    /// As written: `tests/a.rs::name`, a path relative to the repository root, a command line.
    pub value: String,
}

impl Confirmation {
    /// The file a test or file confirmation names, and the test's name in it; `None` for a
    /// command.
    pub fn file_and_test(&self) -> Option<(&str, Option<&str>)> {
        match self.kind {
            ConfirmationKind::Command => None,
            ConfirmationKind::File => Some((self.value.as_str(), None)),
            // `tests/a.rs::module::name`: the file up to the first `::`, the test's own name
            // after the last.
            ConfirmationKind::Test => Some(match self.value.split_once("::") {
                Some((path, rest)) => {
                    let name = rest.rsplit("::").next().unwrap_or(rest).trim();
                    (path.trim(), Some(name).filter(|n| !n.is_empty()))
                }
                None => (self.value.trim(), None),
            }),
        }
    }
}

/// A quality-attribute scenario of the utility tree.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Scenario {
    pub source: Option<String>,
    pub stimulus: Option<String>,
    pub artifact: Option<String>,
    pub environment: Option<String>,
    pub response: Option<String>,
    pub response_measure: Option<String>,
}

/// A quality attribute the decision serves, with its scenario and priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QualityAttribute {
    /// Short identifier options refer to in their trade-offs (defaults to the lower-cased name).
    pub id: String,
    pub attribute: String,
    pub scenario: Scenario,
    /// Importance to the business: high, medium or low.
    pub priority: Option<Priority>,
    /// How hard the scenario is to achieve: high, medium or low.
    pub difficulty: Option<Priority>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    High,
    Medium,
    Low,
}

impl Priority {
    pub fn parse(text: &str) -> Option<Priority> {
        match text.trim().to_ascii_lowercase().as_str() {
            "h" | "high" | "1" => Some(Priority::High),
            "m" | "medium" | "med" | "2" => Some(Priority::Medium),
            "l" | "low" | "3" => Some(Priority::Low),
            _ => None,
        }
    }
}

/// How an option affects a quality attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Effect {
    StronglyPositive,
    Positive,
    Neutral,
    Negative,
    StronglyNegative,
}

impl Effect {
    pub fn parse(text: &str) -> Option<Effect> {
        match text.trim().to_ascii_lowercase().as_str() {
            "++" | "strongly-positive" | "strongly positive" | "much better" => {
                Some(Effect::StronglyPositive)
            }
            "+" | "positive" | "good" | "better" | "pro" => Some(Effect::Positive),
            "0" | "=" | "neutral" | "none" | "no effect" => Some(Effect::Neutral),
            "-" | "negative" | "bad" | "worse" | "con" => Some(Effect::Negative),
            "--" | "strongly-negative" | "strongly negative" | "much worse" => {
                Some(Effect::StronglyNegative)
            }
            _ => None,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Effect::StronglyPositive => "++",
            Effect::Positive => "+",
            Effect::Neutral => "0",
            Effect::Negative => "-",
            Effect::StronglyNegative => "--",
        }
    }
}

/// The effect of one option on one quality attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TradeOff {
    /// The `id` of the quality attribute.
    pub attribute: String,
    pub effect: Option<Effect>,
    pub note: Option<String>,
}

/// An option that was considered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionOption {
    pub name: String,
    pub summary: Option<String>,
    pub chosen: bool,
    pub tradeoffs: Vec<TradeOff>,
}

/// A typed link from this record to another one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The relation, normalised: `supersedes`, `superseded-by`, `amends`, `amended-by`, or the
    /// lower-cased words a team chose ("clarifies", "depends on").
    pub kind: String,
    /// The words as written ("Superceded by", "Amends").
    pub label: String,
    /// The target as written: a file name, a relative path, a number or a slug.
    pub target: String,
    /// The link text, when the link was a Markdown link.
    pub text: Option<String>,
    pub line: usize,
}

/// Standard link kinds and their reverses; other kinds are paired by config or by the user.
pub const SUPERSEDES: &str = "supersedes";
pub const SUPERSEDED_BY: &str = "superseded-by";

/// Which comes first in a numeric date such as `04/09/2020`: the day (as adr-tools wrote it and
/// UK teams do, the default) or the month (US style).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum DayOrder {
    DayFirst,
    MonthFirst,
}

/// Everything read from one decision record file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Record {
    /// The record number, when the file name, front matter or heading carries one.
    pub number: Option<u32>,
    /// The number the file itself states (front matter or a numbered title), when it states one;
    /// differs from `number` only when the file name disagrees.
    pub number_in_file: Option<u32>,
    /// A stable identifier: the file stem, or the folder name for one-folder-per-record layouts.
    pub id: String,
    pub title: Option<String>,
    pub status: Option<Status>,
    pub status_history: Vec<StatusChange>,
    /// The date as written.
    pub date: Option<String>,
    /// The date normalised to ISO 8601 (`YYYY-MM-DD`) when it could be understood.
    pub date_iso: Option<String>,
    /// Which comes first in the numeric dates the record writes, when one of them can only be
    /// read one way (`25/10/21` day-first, `10/25/21` month-first): the record's evidence for
    /// its log's convention.
    #[serde(skip)]
    pub day_order: Option<DayOrder>,
    /// `date_iso` read month-first, when it was read day-first from a numeric date that reads
    /// either way (`04/08/2020`) and no date of the record settles which: the log's other
    /// records may ([`crate::parse::dates::settle`]).
    #[serde(skip)]
    pub date_month_first: Option<String>,
    pub deciders: Vec<String>,
    pub consulted: Vec<String>,
    pub informed: Vec<String>,
    pub tags: Vec<String>,
    /// Path globs of the code this decision governs.
    pub scope: Vec<String>,
    pub constraints: Vec<String>,
    pub quality_attributes: Vec<QualityAttribute>,
    pub options: Vec<DecisionOption>,
    /// The situation the decision is made in, in a sentence (a Y-statement's "in the context
    /// of").
    pub context: Option<String>,
    /// The forces and concerns the decision faces (MADR's decision drivers).
    pub drivers: Vec<String>,
    pub links: Vec<Link>,
    /// Ids of the business goals the decision serves (`[[goals]]` in `.adr.toml`).
    pub goals: Vec<String>,
    /// The date the decision is to be looked at again, as `YYYY-MM-DD`.
    pub review_by: Option<String>,
    /// What should make the team look at it again, in words ("traffic doubles").
    pub revisit_when: Option<String>,
    /// Who approved the decision, and when.
    pub approvals: Vec<Approval>,
    /// How compliance with the decision is checked: tests, files, commands.
    pub confirmation: Vec<Confirmation>,
    /// Which layout the file is written in, as far as it can be told.
    pub format: Format,
    /// The front matter as data (all keys, known and unknown), when the file has any.
    pub front_matter: Option<serde_json::Value>,
    /// The Markdown after the front matter, exactly as written.
    pub body: String,
    /// The file line the body starts on (1 when there is no front matter).
    pub body_line: usize,
    /// The file line of each top-level front-matter key.
    #[serde(skip)]
    pub key_lines: Vec<(String, usize)>,
    /// Path relative to the decision directory's parent repository root, as found.
    pub path: PathBuf,
}

impl Record {
    /// The title to show: the record's own, else the name of its file or folder without the
    /// number or date in front (`0001-private-fields.md` shows as `private-fields`).
    pub fn display_title(&self) -> String {
        if let Some(t) = &self.title {
            return t.clone();
        }
        crate::names::parse_record_name(&self.id)
            .map(|n| n.slug)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| self.id.clone())
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, asks nothing (`no-goal`); fails a run only under `--deny note`.
    Note,
    Warning,
    Error,
}

impl Severity {
    /// `note`, `warning` or `error`, as every output format names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// A severity named in config (`note`, `warning`, `error`).
    pub fn from_name(name: &str) -> Option<Severity> {
        [Severity::Note, Severity::Warning, Severity::Error]
            .into_iter()
            .find(|s| s.as_str() == name.trim())
    }
}

/// Something about a file the tool could not fully understand. Data, not an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub path: PathBuf,
    /// 1-based line, when the problem is at a line.
    pub line: Option<usize>,
    pub severity: Severity,
    /// A stable rule id, e.g. `invalid-front-matter`.
    pub code: &'static str,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.severity.as_str(), self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {} [{}]", self.message, self.code)
    }
}

/// A parsed decision log: every record found, in order, plus what could not be understood.
#[derive(Debug, Clone, Default)]
pub struct DecisionLog {
    pub records: Vec<Record>,
    pub diagnostics: Vec<Diagnostic>,
}

impl DecisionLog {
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}
