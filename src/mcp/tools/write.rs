//! The tools that change records: `draft_decision` and `supersede_decision` create records
//! through `adr new`'s path ([`crate::create`]: the directory lock, create-new, written
//! whole), `link_decisions` and `set_status` edit through `adr link`'s and `adr status`'s
//! ([`crate::lifecycle`]).

use super::{MAX_ITEMS, MAX_LINE, MAX_REF, MAX_TEXT, Reference, at_most, bounded};
use crate::create::{self, Draft, LinkSpec, NewRecord};
use crate::lifecycle::{self, Applied, StatusRequest};
use crate::mcp::State;
use crate::mcp::resources::uri;
use crate::model::{DecisionOption, Effect, Priority, QualityAttribute, Scenario, TradeOff};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `draft_decision`'s arguments: the new record. Only `title` is required.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftInput {
    /// The decision's title, e.g. "Use PostgreSQL for events".
    pub title: String,
    /// Why a decision is needed: the issue and the forces at play.
    pub context: Option<String>,
    /// What is decided (may wait until the decision is accepted).
    pub decision: Option<String>,
    /// What becomes easier or harder because of it.
    pub consequences: Option<String>,
    /// What the decision had to respect: regulations, budgets, platforms, earlier decisions.
    #[serde(default)]
    pub constraints: Vec<String>,
    /// The quality attributes it serves, each with a utility-tree scenario.
    #[serde(default)]
    pub quality_attributes: Vec<QualityInput>,
    /// The options considered, with their trade-offs.
    #[serde(default)]
    pub options: Vec<OptionInput>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Path globs of the code the decision governs (`src/db/**`).
    #[serde(default)]
    pub scope: Vec<String>,
    /// The people who make the decision.
    #[serde(default)]
    pub deciders: Vec<String>,
    /// Typed links to other records, both ways, as `adr new -l` makes them.
    #[serde(default)]
    pub links: Vec<LinkToInput>,
}

/// A quality attribute and its scenario.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QualityInput {
    /// Short id trade-offs refer to (default: made from `attribute`).
    pub id: Option<String>,
    /// The quality attribute, e.g. "Durability".
    pub attribute: String,
    pub priority: Option<Level>,
    /// How hard the scenario is to achieve.
    pub difficulty: Option<Level>,
    pub scenario: Option<ScenarioInput>,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    High,
    Medium,
    Low,
}

/// A utility-tree scenario; every part optional.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioInput {
    pub source: Option<String>,
    pub stimulus: Option<String>,
    pub artifact: Option<String>,
    pub environment: Option<String>,
    pub response: Option<String>,
    pub response_measure: Option<String>,
}

/// An option that was considered.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionInput {
    pub name: String,
    pub summary: Option<String>,
    /// Whether this is the option chosen.
    #[serde(default)]
    pub chosen: bool,
    #[serde(default)]
    pub tradeoffs: Vec<TradeOffInput>,
}

/// How an option affects one quality attribute.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TradeOffInput {
    /// The quality attribute's `id` (or its name).
    pub attribute: String,
    pub effect: EffectInput,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, JsonSchema)]
pub enum EffectInput {
    #[serde(rename = "++")]
    StronglyPositive,
    #[serde(rename = "+")]
    Positive,
    #[serde(rename = "0")]
    Neutral,
    #[serde(rename = "-")]
    Negative,
    #[serde(rename = "--")]
    StronglyNegative,
}

/// A typed link from the new record: it gets `link` to `target`, `target` gets
/// `reverse_link` back.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkToInput {
    /// The record linked to (a reference as `get_decision` takes it).
    pub target: Reference,
    /// The link's words in the new record, e.g. "Amends".
    pub link: String,
    /// The words of the link back, e.g. "Amended by" (none when blank).
    #[serde(default)]
    pub reverse_link: String,
}

/// `supersede_decision`'s arguments: the record superseded and the new one.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SupersedeInput {
    /// The record the new one supersedes (a reference as `get_decision` takes it).
    #[serde(rename = "ref")]
    pub reference: Reference,
    #[serde(flatten)]
    pub draft: DraftInput,
}

/// The record a draft created.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CreatedOutput {
    pub number: u32,
    pub path: String,
    pub uri: String,
    /// structured, nygard or madr: the log's format for new records.
    pub format: String,
    /// Links that were there already, or other logs found beside this one.
    pub notes: Vec<String>,
}

pub fn draft(s: &State, input: DraftInput, supersedes: Option<String>) -> anyhow::Result<Value> {
    bounded("ref", supersedes.as_deref().unwrap_or(""), MAX_REF)?;
    check_draft(&input)?;
    let repo = s.repo()?;
    let links = input
        .links
        .iter()
        .map(|l| LinkSpec {
            target: l.target.0.trim().to_string(),
            link: l.link.clone(),
            reverse: l.reverse_link.clone(),
        })
        .collect::<Vec<_>>();
    let spec = NewRecord {
        title: input.title.clone(),
        tags: input.tags.clone(),
        scope: input.scope.clone(),
        deciders: input.deciders.clone(),
        // `adr supersede`'s default: the new record governs what the old one did.
        carry: supersedes.is_some(),
        draft: Some(to_draft(input)),
        ..NewRecord::default()
    };
    let supersedes: Vec<String> = supersedes.into_iter().collect();
    let (created, mut notes) = if supersedes.is_empty() && links.is_empty() {
        (create::create(&repo, &spec)?, Vec::new())
    } else {
        let done = create::create_linked(&repo, &spec, &supersedes, &links)?;
        (done.created, done.notes)
    };
    notes.extend(create::other_logs_note(&repo));
    let id = crate::lifecycle::record_file(&created.path).id;
    let out = CreatedOutput {
        number: created.number,
        path: created.path.to_string_lossy().into_owned(),
        uri: uri(&s.project, &id),
        format: created.format.to_string(),
        notes,
    };
    Ok(serde_json::to_value(out)?)
}

/// Refuses oversized input before anything is read or written.
fn check_draft(d: &DraftInput) -> anyhow::Result<()> {
    bounded("title", &d.title, MAX_LINE)?;
    for (name, text) in [
        ("context", &d.context),
        ("decision", &d.decision),
        ("consequences", &d.consequences),
    ] {
        bounded(name, text.as_deref().unwrap_or(""), MAX_TEXT)?;
    }
    for (name, list, max) in [
        ("constraints", &d.constraints, MAX_TEXT),
        ("tags", &d.tags, MAX_LINE),
        ("scope", &d.scope, MAX_LINE),
        ("deciders", &d.deciders, MAX_LINE),
    ] {
        at_most(name, list, MAX_ITEMS)?;
        list.iter().try_for_each(|item| bounded(name, item, max))?;
    }
    at_most("quality_attributes", &d.quality_attributes, MAX_ITEMS)?;
    for q in &d.quality_attributes {
        bounded("attribute", &q.attribute, MAX_LINE)?;
        bounded("id", q.id.as_deref().unwrap_or(""), MAX_LINE)?;
        let s = q.scenario.as_ref();
        let parts = s.map(|s| {
            [
                &s.source,
                &s.stimulus,
                &s.artifact,
                &s.environment,
                &s.response,
                &s.response_measure,
            ]
        });
        for part in parts.into_iter().flatten() {
            bounded("scenario", part.as_deref().unwrap_or(""), MAX_TEXT)?;
        }
    }
    at_most("options", &d.options, MAX_ITEMS)?;
    for o in &d.options {
        bounded("name", &o.name, MAX_LINE)?;
        bounded("summary", o.summary.as_deref().unwrap_or(""), MAX_TEXT)?;
        at_most("tradeoffs", &o.tradeoffs, MAX_ITEMS)?;
        for t in &o.tradeoffs {
            bounded("attribute", &t.attribute, MAX_LINE)?;
            bounded("note", t.note.as_deref().unwrap_or(""), MAX_TEXT)?;
        }
    }
    at_most("links", &d.links, MAX_ITEMS)?;
    for l in &d.links {
        bounded("target", &l.target.0, MAX_REF)?;
        bounded("link", &l.link, MAX_LINE)?;
        bounded("reverse_link", &l.reverse_link, MAX_LINE)?;
    }
    Ok(())
}

/// The model of what the input says. A trade-off naming an attribute by its name rather than
/// its id is keyed by the id.
fn to_draft(d: DraftInput) -> Draft {
    let level = |l: Option<Level>| {
        l.map(|l| match l {
            Level::High => Priority::High,
            Level::Medium => Priority::Medium,
            Level::Low => Priority::Low,
        })
    };
    let quality_attributes: Vec<QualityAttribute> = d
        .quality_attributes
        .into_iter()
        .map(|q| {
            let s = q.scenario.unwrap_or_default();
            QualityAttribute {
                id: q
                    .id
                    .filter(|i| !i.trim().is_empty())
                    .unwrap_or_else(|| crate::names::slug_unicode(&q.attribute)),
                attribute: q.attribute,
                scenario: Scenario {
                    source: s.source,
                    stimulus: s.stimulus,
                    artifact: s.artifact,
                    environment: s.environment,
                    response: s.response,
                    response_measure: s.response_measure,
                },
                priority: level(q.priority),
                difficulty: level(q.difficulty),
            }
        })
        .collect();
    let id_of = |attribute: &str| {
        let named = |q: &&QualityAttribute| q.attribute.eq_ignore_ascii_case(attribute.trim());
        match quality_attributes.iter().any(|q| q.id == attribute) {
            true => attribute.to_string(),
            false => quality_attributes
                .iter()
                .find(named)
                .map_or_else(|| attribute.to_string(), |q| q.id.clone()),
        }
    };
    let options = d
        .options
        .into_iter()
        .map(|o| DecisionOption {
            name: o.name,
            summary: o.summary,
            chosen: o.chosen,
            tradeoffs: o
                .tradeoffs
                .into_iter()
                .map(|t| TradeOff {
                    attribute: id_of(&t.attribute),
                    effect: Some(match t.effect {
                        EffectInput::StronglyPositive => Effect::StronglyPositive,
                        EffectInput::Positive => Effect::Positive,
                        EffectInput::Neutral => Effect::Neutral,
                        EffectInput::Negative => Effect::Negative,
                        EffectInput::StronglyNegative => Effect::StronglyNegative,
                    }),
                    note: t.note,
                })
                .collect(),
        })
        .collect();
    Draft {
        context: d.context.unwrap_or_default(),
        decision: d.decision.unwrap_or_default(),
        consequences: d.consequences.unwrap_or_default(),
        constraints: d.constraints,
        quality_attributes,
        options,
    }
}

/// `link_decisions`' arguments, as `adr link SOURCE LINK TARGET REVERSE-LINK` takes them.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkInput {
    /// The record the link starts from.
    pub source: Reference,
    /// The link's words in `source`, e.g. "Amends".
    pub link: String,
    /// The record linked to.
    pub target: Reference,
    /// The words of the link back, in `target`, e.g. "Amended by" (none when blank).
    #[serde(default)]
    pub reverse_link: String,
}

/// What a link or status change wrote.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChangedOutput {
    /// The files written, in order; empty when everything asked was there already.
    pub written: Vec<String>,
    /// Said when part of the change was there already.
    pub note: Option<String>,
}

impl ChangedOutput {
    fn of(done: Applied) -> ChangedOutput {
        ChangedOutput {
            written: done
                .written
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect(),
            note: done.note,
        }
    }
}

pub fn link(s: &State, args: &LinkInput) -> anyhow::Result<Value> {
    bounded("source", &args.source.0, MAX_REF)?;
    bounded("target", &args.target.0, MAX_REF)?;
    bounded("link", &args.link, MAX_LINE)?;
    bounded("reverse_link", &args.reverse_link, MAX_LINE)?;
    let done = lifecycle::link_refs(
        &s.repo()?,
        &args.source.0,
        &args.link,
        &args.target.0,
        &args.reverse_link,
    )?;
    Ok(serde_json::to_value(ChangedOutput::of(done))?)
}

/// `set_status`' arguments, as `adr status REF STATUS [--by REF] [--force]` takes them.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusInput {
    /// The record.
    #[serde(rename = "ref")]
    pub reference: Reference,
    /// proposed, accepted, rejected, deprecated, superseded, or a status listed under
    /// `extra-statuses` in .adr.toml.
    pub status: String,
    /// The record that supersedes this one (with `superseded`); both get linked.
    pub by: Option<Reference>,
    /// Make a move the lifecycle rules or `[governance]`'s approvals refuse; what was
    /// overridden is recorded in the history.
    #[serde(default)]
    pub force: bool,
    /// Who makes the change, recorded in the history (default: git's `user.name`).
    #[serde(rename = "as")]
    pub as_name: Option<String>,
}

pub fn status(s: &State, args: &StatusInput) -> anyhow::Result<Value> {
    let by = args.by.as_ref().map(|b| b.0.clone());
    bounded("ref", &args.reference.0, MAX_REF)?;
    bounded("status", &args.status, MAX_LINE)?;
    bounded("by", by.as_deref().unwrap_or(""), MAX_REF)?;
    bounded("as", args.as_name.as_deref().unwrap_or(""), MAX_LINE)?;
    let asked = StatusRequest {
        reference: args.reference.0.clone(),
        status: args.status.clone(),
        by,
        force: args.force,
        as_name: args.as_name.clone(),
    };
    let done = lifecycle::change_status(&s.repo()?, &asked)?;
    Ok(serde_json::to_value(ChangedOutput::of(done))?)
}
