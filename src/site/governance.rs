//! The governance pages: `goals.html` (each business goal, the decisions serving it by status,
//! the quality attributes those decisions serve, the goal's metric) and `due.html` (accepted
//! decisions whose review date has come, then those coming up), plus the open proposals the
//! home page lists. Built from the published records and the goals and `[governance]` each
//! project declares.

use super::links::Site;
use super::pages::Ctx;
use super::record::PubRecord;
use super::slug::slug;
use super::views::{RecLink, rec_link};
use crate::config::{Goal, GovernanceConfig};
use crate::error::Error;
use crate::governance::{approvals_by, days, iso};
use crate::model::Lifecycle;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// Decisions due within this many days are listed as coming up.
const SOON: i64 = 90;

/// The statuses a goal's decisions are grouped by, in this order; others follow by name.
const ORDER: &[&str] = &[
    "accepted",
    "proposed",
    "deprecated",
    "superseded",
    "rejected",
];

/// A goal a record names, as its page shows it.
#[derive(Debug, Serialize)]
pub struct GoalRef {
    pub name: String,
    pub url: String,
}

/// What a record's page says about its governance: goals, review, approvals, how it is
/// enforced.
#[derive(Debug, Serialize)]
pub struct RecordGovernance {
    pub goals: Vec<GoalRef>,
    pub review_by: String,
    pub revisit_when: String,
    /// `enforced` (it names confirmations) or `advisory`.
    pub enforcement: &'static str,
    pub confirmation: Vec<super::record::PubConfirmation>,
    pub approvals: Vec<super::record::PubApproval>,
}

/// The governance facts of record `i`'s page; `root` leads from the page to the site root.
pub fn record(site: &Site<'_>, i: usize, root: &str) -> RecordGovernance {
    let rec = site.entries[i].rec;
    let goals = rec
        .goals
        .iter()
        .filter_map(|id| site.goals.iter().find(|g| g.goal.id == id.trim()))
        .map(|g| GoalRef {
            name: g.goal.title().to_string(),
            url: format!("{root}{}", g.url()),
        })
        .collect();
    RecordGovernance {
        goals,
        review_by: rec.review_by.clone().unwrap_or_default(),
        revisit_when: rec.revisit_when.clone().unwrap_or_default(),
        enforcement: if rec.confirmation.is_empty() {
            "advisory"
        } else {
            "enforced"
        },
        confirmation: rec.confirmation.clone(),
        approvals: rec.approvals.clone(),
    }
}

/// One goal on the goals page.
#[derive(Debug, Serialize)]
pub struct GoalView {
    pub id: String,
    pub name: String,
    pub anchor: String,
    pub metric: String,
    /// Whether `[[goals]]` declares it (records may name goals nobody declared).
    pub declared: bool,
    pub statuses: Vec<StatusGroup>,
    /// Quality attributes the goal's accepted and proposed decisions serve, most served first.
    pub qualities: Vec<QualityLink>,
    pub decisions: usize,
}

/// A goal's decisions of one status.
#[derive(Debug, Serialize)]
pub struct StatusGroup {
    pub status: String,
    pub records: Vec<RecLink>,
}

/// A quality attribute and how many of a goal's decisions serve it.
#[derive(Debug, Serialize)]
pub struct QualityLink {
    pub name: String,
    pub url: String,
    pub count: usize,
}

/// One decision on the due page.
#[derive(Debug, Serialize)]
pub struct DueView {
    pub record: RecLink,
    pub review_by: String,
    /// Days past the date (due) or until it (coming up).
    pub days: i64,
    pub revisit_when: String,
    pub enforced: bool,
}

/// An open proposal on the home page.
#[derive(Debug, Serialize)]
pub struct OpenView {
    pub record: RecLink,
    /// Days since it was proposed, when known.
    pub days: Option<i64>,
    /// Approvals still needed, in words (empty when none are).
    pub awaiting: String,
    pub approved_by: Vec<String>,
}

/// A goal of the site and its place on the goals page.
#[derive(Debug, Clone, Serialize)]
pub struct GoalPage {
    pub goal: Goal,
    /// Whether `[[goals]]` declares it (records may name goals nobody declared).
    pub declared: bool,
    /// Its anchor on `goals.html`; unique in the site.
    pub anchor: String,
}

impl GoalPage {
    /// Its place, site-relative.
    pub fn url(&self) -> String {
        format!("goals.html#{}", self.anchor)
    }
}

/// Every goal of the site: those the site config (`declared`) and the projects declare, the
/// first declaration of an id winning, then any a record names that nobody declared.
pub fn pages(declared: &[Goal], site: &Site<'_>) -> Vec<GoalPage> {
    let mut all: Vec<GoalPage> = Vec::new();
    let mut used = std::collections::HashSet::new();
    let mut add = |g: &Goal, declared: bool| {
        let id = g.id.trim();
        if id.is_empty() || all.iter().any(|x| x.goal.id == id) {
            return;
        }
        let mut anchor = format!("goal-{}", slug(id));
        while !used.insert(anchor.clone()) {
            anchor.push('-');
        }
        let mut goal = g.clone();
        goal.id = id.to_string();
        all.push(GoalPage {
            goal,
            declared,
            anchor,
        });
    };
    for g in declared
        .iter()
        .chain(site.projects.iter().flat_map(|p| &p.goals))
    {
        add(g, true);
    }
    for e in &site.entries {
        for id in &e.rec.goals {
            let named = Goal {
                id: id.clone(),
                ..Goal::default()
            };
            add(&named, false);
        }
    }
    all
}

fn goal_view(site: &Site<'_>, page: &GoalPage) -> GoalView {
    let (g, declared) = (&page.goal, page.declared);
    let serving: Vec<usize> = (0..site.entries.len())
        .filter(|&i| site.entries[i].rec.goals.iter().any(|x| x.trim() == g.id))
        .collect();
    let mut by_status: BTreeMap<(usize, String), Vec<RecLink>> = BTreeMap::new();
    let mut qualities: BTreeMap<String, usize> = BTreeMap::new();
    for &i in &serving {
        let rec = site.entries[i].rec;
        let status = rec.status.clone().unwrap_or_else(|| "unknown".into());
        let rank = ORDER
            .iter()
            .position(|s| *s == status)
            .unwrap_or(ORDER.len());
        by_status
            .entry((rank, status.clone()))
            .or_default()
            .push(rec_link(site, i, "", ""));
        if matches!(status.as_str(), "accepted" | "proposed") {
            for q in &rec.quality_attributes {
                *qualities.entry(q.attribute.to_lowercase()).or_default() += 1;
            }
        }
    }
    let mut qualities: Vec<QualityLink> = qualities
        .into_iter()
        .filter_map(|(key, count)| {
            let page = site.qualities.get(&key)?;
            Some(QualityLink {
                name: page.name.clone(),
                url: super::quality::url(&page.anchor),
                count,
            })
        })
        .collect();
    qualities.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    GoalView {
        name: g.title().to_string(),
        metric: g.metric.clone().unwrap_or_default(),
        id: g.id.clone(),
        anchor: page.anchor.clone(),
        declared,
        decisions: serving.len(),
        statuses: by_status
            .into_iter()
            .map(|((_, status), records)| StatusGroup { status, records })
            .collect(),
        qualities,
    }
}

fn accepted(rec: &PubRecord) -> bool {
    rec.status.as_deref() == Some(Lifecycle::Accepted.as_str())
}

/// Accepted decisions with a review date: `(due, coming up within SOON days)`, each soonest
/// first.
pub fn due(site: &Site<'_>, today: NaiveDate) -> (Vec<DueView>, Vec<DueView>) {
    let mut due = Vec::new();
    let mut soon = Vec::new();
    for (i, e) in site.entries.iter().enumerate() {
        let rec = e.rec;
        let Some(date) = rec.review_by.as_deref().and_then(iso) else {
            continue;
        };
        if !accepted(rec) {
            continue;
        }
        let view = |days| DueView {
            record: rec_link(site, i, "", ""),
            review_by: date.to_string(),
            days,
            revisit_when: rec.revisit_when.clone().unwrap_or_default(),
            enforced: !rec.confirmation.is_empty(),
        };
        if date <= today {
            due.push((date, view(days(date, today))));
        } else if (date - today).num_days() <= SOON {
            soon.push((date, view((date - today).num_days())));
        }
    }
    due.sort_by_key(|a| a.0);
    soon.sort_by_key(|a| a.0);
    let strip = |v: Vec<(NaiveDate, DueView)>| v.into_iter().map(|(_, d)| d).collect();
    (strip(due), strip(soon))
}

/// The day a published proposal was proposed: its latest move to proposed, else its date.
fn proposed_since(rec: &PubRecord) -> Option<NaiveDate> {
    rec.status_history
        .iter()
        .rev()
        .find(|h| h.status == Lifecycle::Proposed.as_str())
        .and_then(|h| crate::parse::words::normalise_date(&h.date))
        .and_then(|d| iso(&d))
        .or_else(|| rec.sort_date().and_then(iso))
}

/// Every proposed decision, longest open first, with the approvals it awaits under its
/// project's `[governance]`.
pub fn open(site: &Site<'_>, today: NaiveDate, root: &str) -> Vec<OpenView> {
    let mut open: Vec<(Option<NaiveDate>, OpenView)> = Vec::new();
    for (i, e) in site.entries.iter().enumerate() {
        let rec = e.rec;
        if rec.status.as_deref() != Some(Lifecycle::Proposed.as_str()) {
            continue;
        }
        let governance: &GovernanceConfig = &site.projects[e.project].governance;
        let state = approvals_by(
            rec.approvals.iter().map(|a| a.by.as_str()),
            &rec.deciders,
            governance,
        );
        let since = proposed_since(rec);
        open.push((
            since,
            OpenView {
                record: rec_link(site, i, root, ""),
                days: since.map(|d| days(d, today)),
                awaiting: state.missing_text(),
                approved_by: state.approved,
            },
        ));
    }
    // Oldest first; undated last.
    open.sort_by_key(|(d, _)| (d.is_none(), *d));
    open.into_iter().map(|(_, v)| v).collect()
}

/// Renders `goals.html`.
pub(super) fn goals_page(site: &Site<'_>, ctx: &Ctx<'_>) -> Result<Vec<u8>, Error> {
    #[derive(Serialize)]
    struct Page {
        goals: Vec<GoalView>,
    }
    let goals = site.goals.iter().map(|g| goal_view(site, g)).collect();
    ctx.render("goals.html", "goals", "Goals", "", &Page { goals })
}

/// Renders `due.html`.
pub(super) fn due_page(site: &Site<'_>, ctx: &Ctx<'_>) -> Result<Vec<u8>, Error> {
    #[derive(Serialize)]
    struct Page {
        today: String,
        due: Vec<DueView>,
        soon: Vec<DueView>,
        soon_days: i64,
    }
    let today = ctx.settings.today;
    let (due, soon) = due(site, today);
    let page = Page {
        today: today.to_string(),
        due,
        soon,
        soon_days: SOON,
    };
    ctx.render("due.html", "due", "Due for review", "", &page)
}
