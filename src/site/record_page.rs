//! The view of one record's page: facts, scenarios, the trade-off matrix, the supersede chain,
//! links both ways, git dates and the rendered body.

use super::links::Site;
use super::markdown;
use super::views::{RecLink, day, rec_link, status_of};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct RecordView {
    pub project: String,
    pub number: String,
    pub title: String,
    pub status: String,
    pub status_raw: String,
    pub date: String,
    pub deciders: Vec<String>,
    pub consulted: Vec<String>,
    pub informed: Vec<String>,
    pub tags: Vec<Named>,
    pub scope: Vec<String>,
    pub constraints: Vec<String>,
    pub scenarios: Vec<ScenarioRow>,
    pub matrix: Option<Matrix>,
    /// Records after this one in its supersede chain; the last is the live decision.
    pub chain: Vec<RecLink>,
    pub outgoing: Vec<RecLink>,
    pub incoming: Vec<RecLink>,
    /// Link targets that matched no record, shown as written.
    pub dangling: Vec<String>,
    pub created: String,
    pub created_by: String,
    pub changed: String,
    pub changed_by: String,
    pub file_url: String,
    pub path: String,
    /// Goals, review date, approvals, enforced or advisory.
    pub governance: super::governance::RecordGovernance,
    pub html: String,
}

#[derive(Debug, Serialize)]
pub struct Named {
    pub name: String,
    pub anchor: String,
}

#[derive(Debug, Serialize)]
pub struct ScenarioRow {
    pub attribute: String,
    pub anchor: String,
    pub source: String,
    pub stimulus: String,
    pub artifact: String,
    pub environment: String,
    pub response: String,
    pub measure: String,
    pub priority: String,
    pub difficulty: String,
}

#[derive(Debug, Serialize)]
pub struct Matrix {
    pub attributes: Vec<String>,
    pub rows: Vec<MatrixRow>,
}

#[derive(Debug, Serialize)]
pub struct MatrixRow {
    pub name: String,
    pub summary: String,
    pub chosen: bool,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Serialize)]
pub struct Cell {
    pub effect: String,
    /// CSS class: `pp`, `p`, `n`, `m`, `mm` or empty.
    pub class: &'static str,
    pub note: String,
}

fn s(o: &Option<String>) -> String {
    o.clone().unwrap_or_default()
}

/// The view of record `i`'s page, all but the rendered body ([`body_html`]): cheap to build, so
/// a rebuild can compare it with the last build's before rendering anything.
pub fn build(site: &Site<'_>, i: usize, root: &str) -> RecordView {
    let e = &site.entries[i];
    let r = e.rec;
    let project = &site.projects[e.project];
    let link_kind = |kind: &str, label: &str| {
        if label.is_empty() {
            kind.to_string()
        } else {
            label.to_string()
        }
    };
    RecordView {
        project: project.name.clone(),
        number: r.number.map(|n| format!("{n:04}")).unwrap_or_default(),
        title: r.title.clone(),
        status: status_of(site, i),
        status_raw: s(&r.status_raw),
        date: r.date.clone().unwrap_or_default(),
        deciders: r.deciders.clone(),
        consulted: r.consulted.clone(),
        informed: r.informed.clone(),
        tags: r
            .tags
            .iter()
            .map(|t| Named {
                name: t.clone(),
                anchor: super::slug::slug(t),
            })
            .collect(),
        scope: r.scope.clone(),
        constraints: r.constraints.clone(),
        scenarios: r
            .quality_attributes
            .iter()
            .map(|q| ScenarioRow {
                attribute: q.attribute.clone(),
                anchor: (site.qualities.get(&q.attribute.to_lowercase()))
                    .map_or_else(|| super::slug::slug(&q.attribute), |p| p.anchor.clone()),
                source: s(&q.source),
                stimulus: s(&q.stimulus),
                artifact: s(&q.artifact),
                environment: s(&q.environment),
                response: s(&q.response),
                measure: s(&q.response_measure),
                priority: s(&q.priority),
                difficulty: s(&q.difficulty),
            })
            .collect(),
        matrix: matrix(r),
        chain: site
            .supersede_chain(i)
            .into_iter()
            .map(|j| rec_link(site, j, root, ""))
            .collect(),
        outgoing: site.outgoing[i]
            .iter()
            .map(|l| rec_link(site, l.other, root, &link_kind(&l.kind, &l.label)))
            .collect(),
        incoming: site.incoming[i]
            .iter()
            .map(|l| rec_link(site, l.other, root, &reverse(&l.kind)))
            // A link both records state (supersedes / superseded-by) is listed once.
            .filter(|l| {
                !site.outgoing[i].iter().any(|o| {
                    format!("{root}{}", site.entries[o.other].url) == l.url
                        && link_kind(&o.kind, &o.label).eq_ignore_ascii_case(&l.kind)
                })
            })
            .collect(),
        dangling: site.unresolved_of(i),
        created: r.git.created.as_deref().map(day).unwrap_or_default(),
        created_by: s(&r.git.created_by),
        changed: r.git.changed.as_deref().map(day).unwrap_or_default(),
        changed_by: s(&r.git.changed_by),
        file_url: match (&project.file_url, &r.repo_path) {
            (Some(u), Some(p)) => u.replace("{path}", p),
            _ => String::new(),
        },
        path: r.path.clone(),
        governance: super::governance::record(site, i, root),
        html: String::new(),
    }
}

/// Record `i`'s body as safe HTML, its links to other records pointing at their pages.
pub fn body_html(site: &Site<'_>, i: usize, root: &str) -> String {
    let r = site.entries[i].rec;
    let project = &site.projects[site.entries[i].project];
    let resolve = |url: &str| -> Option<String> {
        // `other-project#12`: that record's page; one that names no record is not linked.
        if site.looks_like_project_ref(url) {
            let j = site.project_ref(url)?;
            return Some(format!("{root}{}", site.entries[j].url));
        }
        let (path, frag) = url.split_once('#').map_or((url, ""), |(p, f)| (p, f));
        if let Some(j) = site.resolve_path(i, path) {
            let hash = if frag.is_empty() {
                String::new()
            } else {
                format!("#{frag}")
            };
            return Some(format!("{root}{}{hash}", site.entries[j].url));
        }
        let file_url = project.file_url.as_ref()?;
        let base = r.repo_path.as_deref()?;
        let dir = base.rsplit_once('/').map_or("", |(d, _)| d);
        let target = super::links::within(dir, path)?;
        Some(file_url.replace("{path}", &target))
    };
    let reference = |text: &str| site.project_ref(text).is_some();
    // Images from the record's source are published beside its page; others are dropped.
    let image = |src: &str| -> Option<String> {
        let img = site.images.get(site, i, src)?;
        Some(format!("{root}{}", super::images::url(&img.out)))
    };
    let with = markdown::Resolve {
        link: &resolve,
        image: &image,
        reference: &reference,
    };
    markdown::render_with(&r.body, &with).html
}

/// How a link reads from its target's side.
fn reverse(kind: &str) -> String {
    match kind {
        "supersedes" => "superseded by".into(),
        "superseded-by" => "supersedes".into(),
        "amends" => "amended by".into(),
        "amended-by" => "amends".into(),
        k => format!("{k} (from)"),
    }
}

fn matrix(r: &super::record::PubRecord) -> Option<Matrix> {
    if r.options.is_empty() {
        return None;
    }
    let mut ids: Vec<String> = r.quality_attributes.iter().map(|q| q.id.clone()).collect();
    for o in &r.options {
        for t in &o.tradeoffs {
            if !ids.contains(&t.attribute) {
                ids.push(t.attribute.clone());
            }
        }
    }
    let name_of = |id: &String| {
        r.quality_attributes
            .iter()
            .find(|q| &q.id == id)
            .map_or_else(|| id.clone(), |q| q.attribute.clone())
    };
    let rows = r
        .options
        .iter()
        .map(|o| MatrixRow {
            name: o.name.clone(),
            summary: s(&o.summary),
            chosen: o.chosen,
            cells: ids
                .iter()
                .map(|id| {
                    let t = o.tradeoffs.iter().find(|t| &t.attribute == id);
                    let effect = t.and_then(|t| t.effect.clone()).unwrap_or_default();
                    Cell {
                        class: match effect.as_str() {
                            "++" => "pp",
                            "+" => "p",
                            "0" => "n",
                            "-" => "m",
                            "--" => "mm",
                            _ => "",
                        },
                        note: t.and_then(|t| t.note.clone()).unwrap_or_default(),
                        effect,
                    }
                })
                .collect(),
        })
        .collect();
    Some(Matrix {
        attributes: ids.iter().map(name_of).collect(),
        rows,
    })
}
