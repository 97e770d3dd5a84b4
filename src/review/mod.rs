//! `adr review`: what a change (a pull request) does to the decision log, and which accepted
//! decisions govern the files it touches.
//!
//! Cost follows the size of the change: git lists the changed paths once, and only changed
//! records are read at the merge base (one `git cat-file --batch`). The head side is the work
//! tree (or one revision), where every record is listed by name but only those the review looks
//! into are parsed ([`head`]).

pub mod annotate;
pub mod base;
pub mod compare;
pub mod gather;
pub mod governing;
pub mod head;
pub mod link;
pub mod report;
pub mod scope;

use crate::model::{Diagnostic, Record, Severity};
use serde::Serialize;

/// Reviews the change `opts` names in `repo` (see [`gather::gather`]) with the repository's
/// `[review]` settings, each record linked to where a reviewer reads it.
pub fn review(repo: &crate::repo::Repo, opts: &gather::Options) -> anyhow::Result<Review> {
    let accepted_edit = repo.config.review.accepted_edit_severity()?;
    let mut review = gather::gather(repo, opts, accepted_edit)?;
    let linker = link::Linker::for_repo(repo);
    review.link_records(&|r| linker.url(r));
    Ok(review)
}

/// Version of the JSON document; bumped only on incompatible changes.
pub const JSON_VERSION: u32 = 1;

/// A record as the review shows it.
#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub struct RecordRef {
    /// The record's id (file stem, or folder name for one-folder-per-record layouts); names
    /// its page on the site. Not in the JSON: `path` says the same.
    #[serde(skip)]
    pub id: String,
    pub number: Option<u32>,
    pub title: String,
    pub status: Option<String>,
    /// Path relative to the top of the git work tree.
    pub path: String,
    /// Where a reviewer reads it: the published site when configured, else the file.
    pub url: Option<String>,
    /// The decision in one sentence, for an added record that states one as data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}

impl RecordRef {
    pub fn of(r: &Record, path: String) -> RecordRef {
        RecordRef {
            id: r.id.clone(),
            number: r.number,
            title: r.display_title(),
            status: r.status.as_ref().map(|s| s.state.to_string()),
            path,
            url: None,
            summary: None,
        }
    }

    /// `0012 Use Postgres`.
    pub fn label(&self) -> String {
        match self.number {
            Some(n) => format!("{n:04} {}", self.title),
            None => self.title.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Renamed {
    pub from: RecordRef,
    pub to: RecordRef,
    pub renumbered: bool,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StatusMove {
    pub record: RecordRef,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Who approved a decision the change proposes or accepts, and who is still needed.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Approvals {
    pub record: RecordRef,
    /// Who approved it, as recorded, whose approval counts.
    pub approved_by: Vec<String>,
    /// Approvals `[governance]` asks for before acceptance (0: none).
    pub needed: usize,
    /// Approvals still missing.
    pub missing: usize,
    /// The named approvers (`approvers`, or the deciders) who have not approved yet.
    pub awaiting: Vec<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Supersession {
    pub record: RecordRef,
    pub by: RecordRef,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AcceptedEdit {
    pub record: RecordRef,
    /// First changed line in the new file.
    pub line: usize,
    /// A compact unified diff of the substantive change.
    pub diff: String,
    pub severity: Severity,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Governing {
    pub record: RecordRef,
    /// Changed files its scope matched, relative to the top of the work tree.
    pub files: Vec<String>,
}

#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Finding {
    pub path: String,
    pub line: Option<usize>,
    pub severity: Severity,
    pub rule: &'static str,
    pub message: String,
}

impl Finding {
    pub fn of(d: &Diagnostic, path: String) -> Finding {
        Finding {
            path,
            line: d.line,
            severity: d.severity,
            rule: d.code,
            message: d.message.clone(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, schemars::JsonSchema)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub renamed: usize,
    pub status_changes: usize,
    pub superseded: usize,
    pub accepted_edits: usize,
    pub governing: usize,
    /// Decisions the change proposes or accepts that still miss approvals.
    pub awaiting_approval: usize,
    pub errors: usize,
    pub warnings: usize,
}

/// The whole review: the JSON document `adr review --format json` prints.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Review {
    pub version: u32,
    /// The base as given (`origin/main`), its commit, and the merge base compared against.
    pub base: String,
    pub base_commit: String,
    pub merge_base: String,
    /// `working tree` or the head revision as given.
    pub head: String,
    pub summary: Summary,
    pub added: Vec<RecordRef>,
    pub removed: Vec<RecordRef>,
    pub renamed: Vec<Renamed>,
    pub status_changes: Vec<StatusMove>,
    /// For each decision the change proposes or accepts: its approvals.
    pub approvals: Vec<Approvals>,
    pub superseded: Vec<Supersession>,
    pub accepted_edits: Vec<AcceptedEdit>,
    pub governing: Vec<Governing>,
    pub findings: Vec<Finding>,
}

impl Review {
    /// An empty review of `head` (`None`: the work tree) against `base`.
    pub fn new(
        base: String,
        base_commit: String,
        merge_base: String,
        head: Option<String>,
    ) -> Review {
        Review {
            version: JSON_VERSION,
            base,
            base_commit,
            merge_base,
            head: head.unwrap_or_else(|| "working tree".into()),
            summary: Summary::default(),
            added: Vec::new(),
            removed: Vec::new(),
            renamed: Vec::new(),
            status_changes: Vec::new(),
            approvals: Vec::new(),
            superseded: Vec::new(),
            accepted_edits: Vec::new(),
            governing: Vec::new(),
            findings: Vec::new(),
        }
    }

    /// Fills the summary from the lists.
    pub fn summarise(&mut self) {
        let severities = self
            .findings
            .iter()
            .map(|f| f.severity)
            .chain(self.accepted_edits.iter().map(|e| e.severity));
        let (mut errors, mut warnings) = (0, 0);
        for s in severities {
            match s {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Note => {}
            }
        }
        self.summary = Summary {
            added: self.added.len(),
            removed: self.removed.len(),
            renamed: self.renamed.len(),
            status_changes: self.status_changes.len(),
            superseded: self.superseded.len(),
            accepted_edits: self.accepted_edits.len(),
            governing: self.governing.len(),
            awaiting_approval: self.approvals.iter().filter(|a| a.missing > 0).count(),
            errors,
            warnings,
        };
    }

    /// The highest severity among findings and accepted edits.
    pub fn worst(&self) -> Option<Severity> {
        self.findings
            .iter()
            .map(|f| f.severity)
            .chain(self.accepted_edits.iter().map(|e| e.severity))
            .max()
    }

    /// Points every record at its page on the published site, or its file in the repository.
    pub fn link_records(&mut self, link: &dyn Fn(&RecordRef) -> Option<String>) {
        let mut refs: Vec<&mut RecordRef> = Vec::new();
        refs.extend(self.added.iter_mut());
        refs.extend(self.removed.iter_mut());
        for r in &mut self.renamed {
            refs.push(&mut r.from);
            refs.push(&mut r.to);
        }
        refs.extend(self.status_changes.iter_mut().map(|s| &mut s.record));
        for s in &mut self.superseded {
            refs.push(&mut s.record);
            refs.push(&mut s.by);
        }
        refs.extend(self.accepted_edits.iter_mut().map(|e| &mut e.record));
        refs.extend(self.governing.iter_mut().map(|g| &mut g.record));
        for r in refs {
            r.url = link(r);
        }
    }
}
