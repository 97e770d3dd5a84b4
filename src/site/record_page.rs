//! The view of one record's page: facts, scenarios, the trade-off matrix, the direct successor
//! and the decision in force, its relations (each once), git dates, the rendered body with its table of contents, and the
//! project's log beside it with the previous and next decisions.

use super::links::Site;
use super::markdown;
use super::quality::given;
use super::views::{RecLink, day, rec_link, status_of, title_html};
use crate::parse::markdown::metadata_lines;
use serde::Serialize;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[derive(Debug, Serialize)]
pub struct RecordView {
    pub project: String,
    pub number: String,
    pub title: String,
    /// The title as HTML: escaped, its `code spans` as code.
    pub title_html: String,
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
    /// The record that supersedes this one directly and, when the chain goes on, its end:
    /// never the whole chain, which can be thousands of records long.
    pub chain: Vec<RecLink>,
    /// How many records of the chain lie between the two.
    pub chain_skipped: usize,
    /// The end of the chain when it is accepted: the decision in force. A proposed or
    /// rejected successor is named in the chain, never as in force.
    pub in_force: Option<RecLink>,
    /// Each relation to another record once, whichever side states it.
    pub links: Vec<RecLink>,
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
    /// The project's log around this record, newest first ([`super::nav`]).
    pub side: Vec<SideItem>,
    /// How many records the project has, and its log page when the sidebar shows only some.
    pub side_total: usize,
    pub side_all: String,
    /// The decision before this one in time, and the one after it.
    pub older: Option<RecLink>,
    pub newer: Option<RecLink>,
    /// The body's sections, for the table of contents (filled with `html`).
    pub toc: Vec<TocItem>,
    pub html: String,
    /// The decision's one-sentence summary, or empty.
    pub summary: String,
}

/// A record in a page's sidebar.
#[derive(Debug, Serialize)]
pub struct SideItem {
    pub url: String,
    pub number: String,
    pub title_html: String,
    pub status: String,
    pub current: bool,
}

/// A section of the body in the table of contents.
#[derive(Debug, Serialize)]
pub struct TocItem {
    pub id: String,
    pub text: String,
    /// 2 for a `##` section, 3 for `###`.
    pub level: u8,
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

/// A scenario's part as written, or nothing for a template's placeholder.
fn part(o: &Option<String>) -> String {
    o.clone().filter(|v| given(v)).unwrap_or_default()
}

/// The view of record `i`'s page, all but the rendered body ([`body_html`]): cheap to build, so
/// a rebuild can compare it with the last build's before rendering anything.
pub fn build(site: &Site<'_>, i: usize, root: &str) -> RecordView {
    let e = &site.entries[i];
    let r = e.rec;
    let project = &site.projects[e.project];
    let (chain, chain_skipped) = supersede_chain(site, i, root);
    let nav = &site.nav;
    let total = nav.len(e.project);
    RecordView {
        project: project.name.clone(),
        number: r.number.map(|n| format!("{n:04}")).unwrap_or_default(),
        title: r.title.clone(),
        title_html: title_html(&r.title),
        summary: s(&r.summary),
        status: status_of(site, i),
        status_raw: without_links(&s(&r.status_raw)),
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
        // A template's unfilled guidance is no attribute, scenario or option.
        scenarios: (r.quality_attributes.iter())
            .filter(|q| given(&q.attribute))
            .map(|q| ScenarioRow {
                attribute: q.attribute.clone(),
                anchor: (site.qualities.get(&q.attribute.to_lowercase()))
                    .map_or_else(|| super::slug::slug(&q.attribute), |p| p.anchor.clone()),
                source: part(&q.source),
                stimulus: part(&q.stimulus),
                artifact: part(&q.artifact),
                environment: part(&q.environment),
                response: part(&q.response),
                measure: part(&q.response_measure),
                priority: s(&q.priority),
                difficulty: s(&q.difficulty),
            })
            .collect(),
        matrix: matrix(r),
        in_force: chain.last().filter(|c| c.status == "accepted").cloned(),
        chain,
        chain_skipped,
        links: (site.relations(i).into_iter())
            .map(|rel| rec_link(site, rel.other, root, &rel.kind))
            .collect(),
        dangling: site.unresolved_of(i),
        created: r.git.created.as_deref().map(day).unwrap_or_default(),
        created_by: s(&r.git.created_by),
        changed: r.git.changed.as_deref().map(day).unwrap_or_default(),
        changed_by: s(&r.git.changed_by),
        file_url: match (&project.file_url, &r.repo_path) {
            (Some(u), Some(p)) => Some(u.replace("{path}", p)),
            _ => None,
        }
        .filter(|u| super::urls::allowed(u))
        .unwrap_or_default(),
        path: r.path.clone(),
        governance: super::governance::record(site, i, root),
        side: (nav.sidebar(e.project, i).iter())
            .map(|&j| {
                let o = site.entries[j].rec;
                SideItem {
                    url: format!("{root}{}", site.entries[j].url),
                    number: o.number.map(|n| format!("{n:04}")).unwrap_or_default(),
                    title_html: title_html(&o.title),
                    status: status_of(site, j),
                    current: j == i,
                }
            })
            .collect(),
        side_total: total,
        side_all: format!("{root}log.html#project={}", hash_value(&project.name)),
        older: (nav.older(e.project, i)).map(|j| rec_link(site, j, root, "older")),
        newer: (nav.newer(e.project, i)).map(|j| rec_link(site, j, root, "newer")),
        toc: Vec::new(),
        html: String::new(),
    }
}

/// `superseded by [X](x.md)` as `superseded by X`: the header shows the words, the links
/// section the link.
fn without_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find("](") else { break };
        let Some(end) = after[close + 2..].find(')') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&after[..close]);
        rest = &after[close + 2 + end + 1..];
    }
    out.push_str(rest);
    out
}

/// `value` for a `#key=value` fragment the log page's filters read (`URLSearchParams`).
fn hash_value(value: &str) -> String {
    let mut out = String::new();
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The direct successor of record `i` and, when the chain goes on, the record at its end, with
/// the number of records between them. A chain of 6,000 records listed whole on each of its
/// pages made an 888 MB site.
fn supersede_chain(site: &Site<'_>, i: usize, root: &str) -> (Vec<RecLink>, usize) {
    let Some(next) = site.successor(i) else {
        return (Vec::new(), 0);
    };
    let mut chain = vec![rec_link(site, next, root, "")];
    let mut skipped = 0;
    if let Some((end, steps)) = site
        .chain_end(i)
        .filter(|&(end, _)| end != next && end != i)
    {
        chain.push(rec_link(site, end, root, ""));
        skipped = steps.saturating_sub(2);
    }
    (chain, skipped)
}

/// Renders record bodies for their pages, one record at a time: a rendering thread keeps one,
/// with one sanitiser whose resolvers read which record's relative links they resolve.
pub struct Bodies<'s> {
    site: &'s Site<'s>,
    /// The record being rendered, for the sanitiser's resolvers.
    current: Arc<AtomicUsize>,
    sanitiser: markdown::Sanitiser<'s>,
}

impl<'s> Bodies<'s> {
    /// For pages at `root` (`../../` for record pages).
    pub fn new(site: &'s Site<'s>, root: &'s str) -> Bodies<'s> {
        let current = Arc::new(AtomicUsize::new(0));
        let (at, at_image) = (Arc::clone(&current), Arc::clone(&current));
        let link = move |url: &str| link_url(site, at.load(Ordering::Relaxed), root, url);
        // Images from the record's source are published beside its page; others are dropped.
        let image = move |src: &str| {
            let img = site
                .images
                .get(site, at_image.load(Ordering::Relaxed), src)?;
            Some(format!("{root}{}", super::images::url(&img.out)))
        };
        Bodies {
            site,
            current,
            sanitiser: markdown::Sanitiser::new(Box::new(link), Box::new(image)),
        }
    }

    /// Record `i`'s body as safe HTML, its links to other records pointing at their pages,
    /// and its sections. The lines that only restate the metadata the page's header shows (a
    /// `Date:` line, a status section with its link lines, MADR 2 bullets:
    /// [`metadata_lines`]) are left out of a record without front matter; remarks stay.
    ///
    /// [`metadata_lines`]: crate::parse::markdown::metadata_lines
    pub fn html(&self, i: usize) -> markdown::Rendered {
        self.current.store(i, Ordering::Relaxed);
        let site = self.site;
        let r = site.entries[i].rec;
        let reference = |text: &str| site.project_ref(text).is_some();
        if r.front_matter.is_some() {
            return markdown::render_clean(&r.body, &reference, &self.sanitiser);
        }
        let body = without_lines(&r.body, &metadata_lines(&r.body));
        markdown::render_clean(&body, &reference, &self.sanitiser)
    }
}

/// What a relative URL in record `i`'s body becomes on its page at `root`: another record's
/// page, the file in the project's repository, or nothing.
fn link_url(site: &Site<'_>, i: usize, root: &str, url: &str) -> Option<String> {
    let r = site.entries[i].rec;
    let project = &site.projects[site.entries[i].project];
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
            format!("#{}", markdown::fragment(frag))
        };
        return Some(format!("{root}{}{hash}", site.entries[j].url));
    }
    let file_url = project.file_url.as_ref()?;
    let base = r.repo_path.as_deref()?;
    let dir = base.rsplit_once('/').map_or("", |(d, _)| d);
    let target = super::links::within(dir, path)?;
    Some(file_url.replace("{path}", &target))
}

/// `text` with the given 1-based lines emptied (not removed, so no two blocks run together).
fn without_lines(text: &str, lines: &[usize]) -> String {
    if lines.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if lines.binary_search(&(k + 1)).is_err() {
            out.push_str(line);
        }
    }
    out
}

fn matrix(r: &super::record::PubRecord) -> Option<Matrix> {
    let options: Vec<&super::record::PubOption> =
        r.options.iter().filter(|o| given(&o.name)).collect();
    if options.is_empty() {
        return None;
    }
    let mut ids: Vec<String> = (r.quality_attributes.iter())
        .filter(|q| given(&q.attribute))
        .map(|q| q.id.clone())
        .collect();
    for o in &options {
        for t in &o.tradeoffs {
            if !ids.contains(&t.attribute) && given(&t.attribute) {
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
    let rows = options
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
