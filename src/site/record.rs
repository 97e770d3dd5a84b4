//! A published record: what the site (and the JSON bundle of `adr export`) knows about one
//! decision. Plain data that round-trips through JSON, so a bundle made by one repository's CI
//! feeds an organisation's site exactly as a local checkout would.

use crate::git::FileDates;
use crate::model::{self, Record};
use serde::{Deserialize, Serialize};

/// Version of the bundle format; bumped only on incompatible changes.
pub const BUNDLE_VERSION: u32 = 1;

/// The document `adr export --format json` writes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Bundle {
    /// Always `adr-bundle`, so a site can tell a bundle from any other JSON.
    pub kind: String,
    pub version: u32,
    /// The project the records belong to (a site may rename it).
    pub project: String,
    /// Link template to a record's file, `{path}` replaced by its path in the repository.
    pub file_url: Option<String>,
    /// The project's `[governance]`: how many approvals, whose.
    #[serde(default)]
    pub governance: crate::config::GovernanceConfig,
    /// The project's `[[goals]]`.
    #[serde(default)]
    pub goals: Vec<crate::config::Goal>,
    pub records: Vec<PubRecord>,
}

/// One decision as published.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PubRecord {
    pub number: Option<u32>,
    pub id: String,
    pub title: String,
    /// Normalised lifecycle state (`accepted`, ...), or the lower-cased text for other states.
    pub status: Option<String>,
    /// The status as written.
    pub status_raw: Option<String>,
    /// ISO date when known, else the date as written.
    pub date: Option<String>,
    pub deciders: Vec<String>,
    pub consulted: Vec<String>,
    pub informed: Vec<String>,
    pub tags: Vec<String>,
    pub scope: Vec<String>,
    pub constraints: Vec<String>,
    pub quality_attributes: Vec<PubQuality>,
    pub options: Vec<PubOption>,
    pub links: Vec<PubLink>,
    /// Dated status changes, oldest first.
    pub status_history: Vec<PubChange>,
    /// Ids of the goals the decision serves.
    pub goals: Vec<String>,
    /// `YYYY-MM-DD` the decision is to be reviewed by.
    pub review_by: Option<String>,
    pub revisit_when: Option<String>,
    pub approvals: Vec<PubApproval>,
    pub confirmation: Vec<PubConfirmation>,
    pub format: String,
    pub front_matter: Option<serde_json::Value>,
    /// The Markdown body exactly as written.
    pub body: String,
    /// The body rendered to sanitised HTML (links as written; a site rewrites its own).
    pub html: String,
    /// The decision in one sentence, from the structured fields (none without a chosen
    /// option).
    pub summary: Option<String>,
    /// Path of the file relative to the decision folder.
    pub path: String,
    /// Path of the file relative to its repository's root, when known.
    pub repo_path: Option<String>,
    pub git: FileDates,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PubQuality {
    pub id: String,
    pub attribute: String,
    pub source: Option<String>,
    pub stimulus: Option<String>,
    pub artifact: Option<String>,
    pub environment: Option<String>,
    pub response: Option<String>,
    pub response_measure: Option<String>,
    pub priority: Option<String>,
    pub difficulty: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PubOption {
    pub name: String,
    pub summary: Option<String>,
    pub chosen: bool,
    pub tradeoffs: Vec<PubTradeOff>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PubTradeOff {
    pub attribute: String,
    /// `++`, `+`, `0`, `-` or `--`.
    pub effect: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PubLink {
    pub kind: String,
    pub label: String,
    pub target: String,
    pub text: Option<String>,
}

/// One dated status change: `status` normalised, `raw` as written, who made it and what
/// `--force` overrode.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PubChange {
    pub date: String,
    pub status: String,
    pub raw: String,
    pub by: Option<String>,
    pub forced: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PubApproval {
    pub by: String,
    pub date: Option<String>,
}

/// How compliance is checked: `kind` is `test`, `file` or `command`, `value` as written.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PubConfirmation {
    pub kind: String,
    pub value: String,
}

fn prio(p: Option<model::Priority>) -> Option<String> {
    p.map(|p| {
        match p {
            model::Priority::High => "high",
            model::Priority::Medium => "medium",
            model::Priority::Low => "low",
        }
        .to_string()
    })
}

impl PubRecord {
    /// The published form of a parsed record; `rel_path` is its path inside the decision folder.
    /// Takes the record, whose text moves into the published one: a site holds 10,000 of them.
    pub fn from_record(r: Record, rel_path: String) -> PubRecord {
        let title = r.display_title();
        let summary = crate::view::summary::y_statement(&r);
        let format = r.format.name().to_string();
        let (status, status_raw) = match r.status {
            Some(s) => (Some(s.state.as_str().to_string()), Some(s.raw)),
            None => (None, None),
        };
        PubRecord {
            number: r.number,
            id: r.id,
            title,
            status,
            status_raw,
            date: r.date_iso,
            deciders: r.deciders,
            consulted: r.consulted,
            informed: r.informed,
            tags: r.tags,
            scope: r.scope,
            constraints: r.constraints,
            quality_attributes: r.quality_attributes.into_iter().map(quality).collect(),
            options: r.options.into_iter().map(option).collect(),
            links: (r.links.into_iter())
                .map(|l| PubLink {
                    kind: l.kind,
                    label: l.label,
                    target: l.target,
                    text: l.text,
                })
                .collect(),
            status_history: (r.status_history.into_iter())
                .map(|h| PubChange {
                    date: h.date,
                    status: h.status.as_str().to_string(),
                    raw: h.raw,
                    by: h.by,
                    forced: h.forced,
                })
                .collect(),
            goals: r.goals,
            review_by: r.review_by,
            revisit_when: r.revisit_when,
            approvals: (r.approvals.into_iter())
                .map(|a| PubApproval {
                    by: a.by,
                    date: a.date,
                })
                .collect(),
            confirmation: (r.confirmation.into_iter())
                .map(|c| PubConfirmation {
                    kind: c.kind.as_str().to_string(),
                    value: c.value,
                })
                .collect(),
            format,
            front_matter: r.front_matter,
            body: r.body,
            html: String::new(),
            summary,
            path: rel_path,
            repo_path: None,
            git: FileDates::default(),
        }
    }

    /// ISO date (`YYYY-MM-DD`) the record is sorted and filtered by: its own date when that is
    /// ISO, else the day git first saw it.
    pub fn sort_date(&self) -> Option<&str> {
        let iso = |d: &str| d.len() >= 10 && d.as_bytes()[4] == b'-' && d.is_char_boundary(10);
        self.date
            .as_deref()
            .filter(|d| iso(d))
            .or(self.git.created.as_deref())
            .map(|d| &d[..10.min(d.len())])
    }
}

fn quality(q: model::QualityAttribute) -> PubQuality {
    PubQuality {
        id: q.id,
        attribute: q.attribute,
        source: q.scenario.source,
        stimulus: q.scenario.stimulus,
        artifact: q.scenario.artifact,
        environment: q.scenario.environment,
        response: q.scenario.response,
        response_measure: q.scenario.response_measure,
        priority: prio(q.priority),
        difficulty: prio(q.difficulty),
    }
}

fn option(o: model::DecisionOption) -> PubOption {
    PubOption {
        name: o.name,
        summary: o.summary,
        chosen: o.chosen,
        tradeoffs: o
            .tradeoffs
            .into_iter()
            .map(|t| PubTradeOff {
                attribute: t.attribute,
                effect: t.effect.map(|e| e.symbol().to_string()),
                note: t.note,
            })
            .collect(),
    }
}
