//! The tools that read the log: `list_decisions`, `get_decision`, `search_decisions`,
//! `decisions_governing`, `review_change` and `check_log`, each through the library function
//! its command uses.

use super::{MAX_DIFF, MAX_ITEMS, MAX_LINE, MAX_REF, Reference, at_most, bounded};
use crate::mcp::State;
use crate::mcp::resources::uri;
use crate::model::Record;
use crate::review::{Finding, RecordRef};
use crate::site::record::PubRecord;
use crate::site::search::{self as site_search, Index};
use crate::view::record::{OptionView, QualityView, RecordView};
use crate::view::{Filter, Summary};
use crate::{check, resolve};
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

/// `list_decisions`' arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListInput {
    /// Only records with this status: normalised (`accepted`, `proposed`, ...) or as written.
    pub status: Option<String>,
    /// Only records with this tag.
    pub tag: Option<String>,
    /// Only records of this project: the name in this server's resource URIs
    /// (`adr://<project>/<id>`); the server serves one.
    pub project: Option<String>,
    /// Only records whose title or file name contains this text, in any case.
    pub text: Option<String>,
    /// At most this many records (default 200, at most 1000); `total` counts them all.
    pub limit: Option<usize>,
}

/// One record in `list_decisions`: the `adr list --format json` fields and its resource.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ListEntry<'a> {
    #[serde(flatten)]
    pub summary: Summary<'a>,
    pub uri: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ListOutput<'a> {
    pub project: String,
    /// How many records match; `decisions` holds the first `limit` of them.
    pub total: usize,
    pub decisions: Vec<ListEntry<'a>>,
}

pub fn list(s: &State, args: &ListInput) -> anyhow::Result<Value> {
    for (name, v) in [
        ("status", &args.status),
        ("tag", &args.tag),
        ("project", &args.project),
        ("text", &args.text),
    ] {
        bounded(name, v.as_deref().unwrap_or(""), MAX_LINE)?;
    }
    if let Some(p) = args.project.as_deref().filter(|p| *p != s.project) {
        anyhow::bail!("no project `{p}` here: this server serves `{}`", s.project);
    }
    let limit = args.limit.unwrap_or(200).min(1000);
    let log = s.light_log(&s.repo()?)?;
    let filter = Filter {
        status: args.status.clone(),
        tags: args.tag.iter().cloned().collect(),
        text: args.text.clone(),
        due: None,
    };
    let matching: Vec<&Record> = log.records.iter().filter(|r| filter.matches(r)).collect();
    let out = ListOutput {
        project: s.project.clone(),
        total: matching.len(),
        decisions: matching
            .iter()
            .take(limit)
            .map(|r| ListEntry {
                summary: Summary::of(r),
                uri: uri(&s.project, &r.id),
            })
            .collect(),
    };
    Ok(serde_json::to_value(out)?)
}

/// `get_decision`'s arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GetInput {
    /// The record: its number (`12`), id or file name (`0012-use-postgres`), path, or a
    /// fragment of its title that names one record, as `adr show` takes it.
    #[serde(rename = "ref")]
    pub reference: Reference,
}

/// `get_decision`'s answer: the `adr show --format json` view, its project and resource.
#[derive(Debug, Serialize, JsonSchema)]
pub struct GetOutput<'a> {
    pub project: String,
    pub uri: String,
    #[serde(flatten)]
    pub record: RecordView<'a>,
}

pub fn get(s: &State, args: &GetInput) -> anyhow::Result<Value> {
    bounded("ref", &args.reference.0, MAX_REF)?;
    let log = s.repo()?.load()?;
    let r = resolve::find(&log, &args.reference.0)?;
    let out = GetOutput {
        project: s.project.clone(),
        uri: uri(&s.project, &r.id),
        record: RecordView::of(r),
    };
    Ok(serde_json::to_value(out)?)
}

/// `search_decisions`' arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchInput {
    /// Words to find; every word must match, the last also as the start of a word.
    pub query: String,
    /// At most this many results (default 20, at most 100).
    pub limit: Option<usize>,
}

/// One search result.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Hit {
    pub number: Option<u32>,
    pub id: String,
    pub title: String,
    pub status: Option<String>,
    pub path: String,
    pub uri: String,
    /// Higher is better: a word in the title counts most, then metadata, then the structured
    /// fields, then the body.
    pub score: u32,
    /// The record's text (structured fields, then body) around the first word of the query
    /// it holds, as the site's search shows it.
    pub snippet: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SearchOutput {
    pub query: String,
    /// How many records match; `results` holds the best `limit` of them.
    pub total: usize,
    pub results: Vec<Hit>,
}

pub fn search(s: &State, args: &SearchInput) -> anyhow::Result<Value> {
    bounded("query", &args.query, MAX_LINE)?;
    if site_search::terms(&args.query).is_empty() {
        anyhow::bail!("`query` has no word to search for");
    }
    let limit = args.limit.unwrap_or(20).min(100);
    let log = s.repo()?.load()?;
    // The site's index of the log, each record as the site publishes it.
    let index = Index::build(log.records.len(), |i| {
        let r = &log.records[i];
        let published = PubRecord::from_record(r.clone(), r.path.to_string_lossy().into_owned());
        site_search::record_terms(&published, &s.project)
    });
    let ranked = index.rank(&args.query);
    let results = ranked
        .iter()
        .take(limit)
        .map(|&(i, score)| {
            let r = &log.records[i as usize];
            Hit {
                number: r.number,
                id: r.id.clone(),
                title: r.display_title(),
                status: r.status.as_ref().map(|st| st.state.to_string()),
                path: r.path.to_string_lossy().into_owned(),
                uri: uri(&s.project, &r.id),
                score,
                snippet: index.snippet(i, &args.query, 200),
            }
        })
        .collect();
    let out = SearchOutput {
        query: args.query.clone(),
        total: ranked.len(),
        results,
    };
    Ok(serde_json::to_value(out)?)
}

/// `decisions_governing`'s arguments: `paths`, `diff` or both.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GoverningInput {
    /// Files, relative to the top of the repository (`src/db/pool.rs`); absolute paths
    /// inside it are taken too.
    pub paths: Option<Vec<String>>,
    /// A unified diff (`git diff` output); the files its headers name are taken.
    pub diff: Option<String>,
    /// At most this many decisions (default 50, at most 500); `total` counts them all.
    pub limit: Option<usize>,
}

/// An accepted decision governing some of the files, with what a change must respect.
#[derive(Debug, Serialize, JsonSchema)]
pub struct GoverningDecision<'a> {
    pub record: RecordRef,
    pub uri: String,
    /// The given files its scope matched.
    pub files: Vec<String>,
    /// Its scope globs, relative to the repository root.
    pub scope: &'a [String],
    pub constraints: &'a [String],
    /// The options it chose, with their trade-offs.
    pub chosen_options: Vec<OptionView<'a>>,
    pub quality_attributes: Vec<QualityView<'a>>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct GoverningOutput<'a> {
    /// The files looked at, relative to the top of the repository.
    pub files: Vec<String>,
    /// How many accepted decisions govern them; `decisions` holds the first `limit`, in the
    /// log's order.
    pub total: usize,
    pub decisions: Vec<GoverningDecision<'a>>,
    /// Files governed only by deprecated or superseded decisions
    /// (`governed-by-stale-decision`).
    pub findings: Vec<Finding>,
}

pub fn governing(s: &State, args: &GoverningInput) -> anyhow::Result<Value> {
    let mut files = args.paths.clone().unwrap_or_default();
    at_most("paths", &files, MAX_ITEMS)?;
    for f in &files {
        bounded("paths", f, MAX_REF)?;
    }
    if let Some(diff) = &args.diff {
        bounded("diff", diff, MAX_DIFF)?;
        files.extend(crate::review::governing::diff_paths(diff));
    }
    if args.paths.is_none() && args.diff.is_none() {
        anyhow::bail!("give `paths` (the files to change) or `diff` (a unified diff)");
    }
    let repo = s.repo()?;
    // Scopes and statuses come from the summary cache, as for `adr list`; only the records
    // that govern are then read whole.
    let log = s.light_log(&repo)?;
    let (files, governing, findings) =
        crate::review::governing::governing_files(&repo, &log, &files);
    let total = governing.len();
    let governing: Vec<_> = governing
        .into_iter()
        .take(args.limit.unwrap_or(50).min(500))
        .collect();
    let by_path: HashMap<String, &Record> = log
        .records
        .iter()
        .map(|r| (r.path.to_string_lossy().into_owned(), r))
        .collect();
    // Each governing record is read whole, on every core.
    let full: Vec<Option<Record>> = governing
        .par_iter()
        .map(|g| {
            let r = by_path.get(&g.record.path)?;
            Some(repo.full_record(r).unwrap_or_else(|| (*r).clone()))
        })
        .collect();
    let decisions = governing
        .into_iter()
        .zip(&full)
        .filter_map(|(g, r)| Some((g, r.as_ref()?)))
        .map(|(g, r)| GoverningDecision {
            uri: uri(&s.project, &r.id),
            files: g.files,
            record: g.record,
            scope: &r.scope,
            constraints: &r.constraints,
            chosen_options: r
                .options
                .iter()
                .filter(|o| o.chosen)
                .map(OptionView::of)
                .collect(),
            quality_attributes: r.quality_attributes.iter().map(QualityView::of).collect(),
        })
        .collect();
    let out = GoverningOutput {
        files,
        total,
        decisions,
        findings,
    };
    Ok(serde_json::to_value(out)?)
}

/// `review_change`'s arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewInput {
    /// The base branch (default: the branch a pull request would merge into, as `adr review`
    /// chooses it).
    pub base: Option<String>,
    /// The head revision (default: the work tree, uncommitted files included).
    pub head: Option<String>,
}

pub fn review(s: &State, args: &ReviewInput) -> anyhow::Result<Value> {
    bounded("base", args.base.as_deref().unwrap_or(""), MAX_REF)?;
    bounded("head", args.head.as_deref().unwrap_or(""), MAX_REF)?;
    let opts = crate::review::gather::Options {
        base: args.base.clone(),
        head: args.head.clone(),
    };
    let review = crate::review::review(&s.repo()?, &opts)?;
    Ok(serde_json::to_value(review)?)
}

/// `check_log`'s arguments.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckInput {
    /// Only this record's findings (a reference as `get_decision` takes it).
    #[serde(rename = "ref")]
    pub reference: Option<Reference>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CheckSummary {
    pub errors: usize,
    pub warnings: usize,
}

/// `check_log`'s answer, as `adr check --format json` reports.
#[derive(Debug, Serialize, JsonSchema)]
pub struct CheckOutput {
    /// How many records were checked.
    pub records: usize,
    pub summary: CheckSummary,
    pub findings: Vec<Finding>,
}

pub fn check(s: &State, args: &CheckInput) -> anyhow::Result<Value> {
    let reference = args.reference.as_ref().map(|r| r.0.as_str());
    bounded("ref", reference.unwrap_or(""), MAX_REF)?;
    let repo = s.repo()?;
    check::validate_config(&repo.config.check)?;
    let (log, mut findings) = check::check_repo(&repo, true)?;
    let mut records = log.records.len();
    if let Some(reference) = reference {
        let r = resolve::find(&log, reference)?;
        findings.retain(|f| f.path == r.path);
        records = 1;
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == crate::model::Severity::Error)
        .count();
    let out = CheckOutput {
        records,
        summary: CheckSummary {
            errors,
            warnings: findings.len() - errors,
        },
        findings: findings
            .iter()
            .map(|d| Finding::of(d, d.path.to_string_lossy().into_owned()))
            .collect(),
    };
    Ok(serde_json::to_value(out)?)
}
