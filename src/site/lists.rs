//! The pages that list every record: home, the decision log, the tag / project / status
//! indexes, quality attributes, the relation graph, search, the feed, the sitemap,
//! `decisions.json` and the search index. They render in parallel with each other.

use super::output::Writer;
use super::pages::Ctx;
use super::views::{Count, Group, card, groups, status_of};
use super::{graph, links::Site, quality, search};
use crate::error::Error;
use rayon::prelude::*;
use serde::Serialize;

/// Every listing page; `search/` stands for the index's files, `quality.html` for the utility
/// tree and its attributes' pages.
const PAGES: &[&str] = &[
    "log.html",
    "tags.html",
    "decisions.json",
    "search/",
    "quality.html",
    "goals.html",
    "due.html",
    "projects.html",
    "statuses.html",
    "graph.html",
    "sitemap.xml",
    "feed.xml",
    "index.html",
    "search.html",
];

/// Renders every listing page into `w` with `key`; returns how many files it made.
pub(super) fn render(
    site: &Site<'_>,
    ctx: &Ctx<'_>,
    w: &Writer,
    key: &str,
) -> Result<usize, Error> {
    PAGES
        .par_iter()
        .with_max_len(1)
        // A sitemap holds absolute URLs only: without the site's address there is none.
        .filter(|&&page| page != "sitemap.xml" || !ctx.settings.base_url.is_empty())
        .map(|&page| match page {
            "search/" => search::index(site, |rel, bytes| w.put(&rel, key, &bytes)),
            "quality.html" => quality::write(site, ctx, w, key),
            _ => w.put(page, key, &one(site, ctx, page)?).map(|()| 1),
        })
        .sum()
}

fn one(site: &Site<'_>, ctx: &Ctx<'_>, page: &str) -> Result<Vec<u8>, Error> {
    match page {
        "index.html" => home(site, ctx),
        "log.html" => log(site, ctx),
        "tags.html" => facet(
            ctx,
            "Tags",
            "tags",
            groups(site, "", |i| site.entries[i].rec.tags.clone()),
        ),
        "projects.html" => facet(
            ctx,
            "Projects",
            "projects",
            groups(site, "", |i| {
                vec![site.projects[site.entries[i].project].name.clone()]
            }),
        ),
        "statuses.html" => facet(
            ctx,
            "Statuses",
            "statuses",
            groups(site, "", |i| vec![status_of(site, i)]),
        ),
        "graph.html" => {
            #[derive(Serialize)]
            struct Graphs {
                graphs: Vec<graph::GraphView>,
            }
            let graphs = graph::graphs(site, "");
            ctx.render("graph.html", "graph", "Relations", "", &Graphs { graphs })
        }
        "search.html" => {
            #[derive(Serialize)]
            struct Empty {}
            ctx.render("search.html", "search", "Search", "", &Empty {})
        }
        "goals.html" => super::governance::goals_page(site, ctx),
        "due.html" => super::governance::due_page(site, ctx),
        "feed.xml" => feed(site, ctx),
        "sitemap.xml" => sitemap(site, ctx),
        _ => Ok(decisions_json(site)),
    }
}

fn facet(
    ctx: &Ctx<'_>,
    title: &str,
    nav: &'static str,
    groups: Vec<Group>,
) -> Result<Vec<u8>, Error> {
    #[derive(Serialize)]
    struct Facet<'a> {
        heading: &'a str,
        groups: Vec<Group>,
    }
    ctx.render(
        "facet.html",
        nav,
        title,
        "",
        &Facet {
            heading: title,
            groups,
        },
    )
}

fn by_date_desc(site: &Site<'_>, key: impl Fn(usize) -> Option<String>) -> Vec<usize> {
    super::nav::newest_first(&site.entries, key)
}

fn home(site: &Site<'_>, ctx: &Ctx<'_>) -> Result<Vec<u8>, Error> {
    #[derive(Serialize)]
    struct Home {
        total: usize,
        statuses: Vec<Count>,
        projects: Vec<Count>,
        recent: Vec<super::views::Card>,
        changed: Vec<super::views::Card>,
        /// The longest-open proposals, and how many there are.
        open: Vec<super::governance::OpenView>,
        open_total: usize,
    }
    let mut open = super::governance::open(site, ctx.settings.today, "");
    let open_total = open.len();
    open.truncate(20);
    let count = |gs: Vec<Group>, page: &str| {
        gs.into_iter()
            .map(|g| Count {
                url: format!("{page}#{}", g.anchor),
                count: g.records.len(),
                name: g.name,
            })
            .collect()
    };
    let recent = by_date_desc(site, |i| {
        site.entries[i].rec.sort_date().map(str::to_string)
    });
    let changed = by_date_desc(site, |i| site.entries[i].rec.git.changed.clone());
    let view = Home {
        total: site.entries.len(),
        statuses: count(
            groups(site, "", |i| vec![status_of(site, i)]),
            "statuses.html",
        ),
        projects: count(
            groups(site, "", |i| {
                vec![site.projects[site.entries[i].project].name.clone()]
            }),
            "projects.html",
        ),
        recent: recent.iter().take(10).map(|&i| card(site, i, "")).collect(),
        changed: changed
            .iter()
            .filter(|&&i| site.entries[i].rec.git.changed.is_some())
            .take(10)
            .map(|&i| card(site, i, ""))
            .collect(),
        open,
        open_total,
    };
    ctx.render("index.html", "home", "Home", "", &view)
}

fn log(site: &Site<'_>, ctx: &Ctx<'_>) -> Result<Vec<u8>, Error> {
    #[derive(Serialize)]
    struct Year {
        year: String,
        entries: Vec<super::views::Card>,
    }
    #[derive(Serialize)]
    struct Log {
        years: Vec<Year>,
        projects: Vec<String>,
        statuses: Vec<String>,
        tags: Vec<String>,
        qas: Vec<String>,
        deciders: Vec<String>,
    }
    let order = by_date_desc(site, |i| {
        site.entries[i].rec.sort_date().map(str::to_string)
    });
    let mut years: Vec<Year> = Vec::new();
    for i in order {
        let c = card(site, i, "");
        let y = c.date.get(..4).unwrap_or("Undated").to_string();
        match years.last_mut() {
            Some(last) if last.year == y => last.entries.push(c),
            _ => years.push(Year {
                year: y,
                entries: vec![c],
            }),
        }
    }
    let names = |f: &dyn Fn(usize) -> Vec<String>| {
        groups(site, "", f).into_iter().map(|g| g.name).collect()
    };
    let view = Log {
        years,
        projects: names(&|i| vec![site.projects[site.entries[i].project].name.clone()]),
        statuses: names(&|i| vec![status_of(site, i)]),
        tags: names(&|i| site.entries[i].rec.tags.clone()),
        qas: names(&|i| {
            site.entries[i]
                .rec
                .quality_attributes
                .iter()
                .map(|q| q.attribute.clone())
                .collect()
        }),
        deciders: names(&|i| site.entries[i].rec.deciders.clone()),
    };
    ctx.render("log.html", "log", "Decision log", "", &view)
}

#[derive(Serialize)]
struct FeedEntry {
    title: String,
    url: String,
    id: String,
    updated: String,
    summary: String,
}

fn feed(site: &Site<'_>, ctx: &Ctx<'_>) -> Result<Vec<u8>, Error> {
    #[derive(Serialize)]
    struct Feed {
        base: String,
        /// The feed's id: its URL when the site's address is known, else a URN.
        id: String,
        updated: String,
        entries: Vec<FeedEntry>,
    }
    let when = |i: usize| {
        let r = site.entries[i].rec;
        r.git
            .changed
            .clone()
            .or_else(|| r.sort_date().map(|d| format!("{d}T00:00:00Z")))
    };
    let order = by_date_desc(site, when);
    let base = ctx.settings.base_url.clone();
    let entries: Vec<FeedEntry> = order
        .iter()
        .take(50)
        .map(|&i| {
            let c = card(site, i, "");
            FeedEntry {
                id: if base.is_empty() {
                    urn(site, i)
                } else {
                    format!("{base}{}", c.url)
                },
                url: format!("{base}{}", c.url),
                title: format!("{} {} ({})", c.number, c.title, c.status)
                    .trim()
                    .to_string(),
                updated: when(i).unwrap_or_else(|| "1970-01-01T00:00:00Z".into()),
                summary: site.entries[i]
                    .rec
                    .summary
                    .clone()
                    .unwrap_or_else(|| format!("{}: {}", c.project, c.status)),
            }
        })
        .collect();
    let updated = entries
        .first()
        .map_or_else(|| "1970-01-01T00:00:00Z".into(), |e| e.updated.clone());
    ctx.render(
        "feed.xml",
        "feed",
        "Feed",
        "",
        &Feed {
            id: if base.is_empty() {
                format!(
                    "urn:adr:feed:{}",
                    super::slug::slug(&ctx.settings.site_title)
                )
            } else {
                format!("{base}feed.xml")
            },
            base,
            updated,
            entries,
        },
    )
}

/// A feed entry id that needs no address and stays the same as long as the record keeps its
/// project and number: `urn:adr:<project>:<number>` (the record's id when it has no number of
/// its own). Atom ids must be absolute; a relative page URL is not one.
fn urn(site: &Site<'_>, i: usize) -> String {
    let e = &site.entries[i];
    // The project's folder in the site (`r/<project>/...`): a slug, unique in the site.
    let project = e.url.split('/').nth(1).unwrap_or("decisions");
    let shared = |n: u32| {
        site.entries
            .iter()
            .filter(|o| o.project == e.project && o.rec.number == Some(n))
            .count()
            > 1
    };
    match e.rec.number {
        Some(n) if !shared(n) => format!("urn:adr:{project}:{n}"),
        _ => format!("urn:adr:{project}:{}", super::slug::slug(&e.rec.id)),
    }
}

fn sitemap(site: &Site<'_>, ctx: &Ctx<'_>) -> Result<Vec<u8>, Error> {
    #[derive(Serialize)]
    struct Sitemap {
        urls: Vec<String>,
    }
    let mut pages: Vec<&str> = site.entries.iter().map(|e| e.url.as_str()).collect();
    pages.extend(PAGES.iter().filter(|p| p.ends_with(".html")));
    let qualities: Vec<String> = (site.qualities.values())
        .map(|p| quality::url(&p.anchor))
        .collect();
    pages.extend(qualities.iter().map(String::as_str));
    pages.sort_unstable();
    let urls = pages
        .iter()
        .map(|k| format!("{}{k}", ctx.settings.base_url))
        .collect();
    ctx.render("sitemap.xml", "sitemap", "Sitemap", "", &Sitemap { urls })
}

/// One record in `decisions.json`; fields serialise in this order.
#[derive(Serialize)]
struct Decision<'a> {
    project: &'a str,
    number: Option<u32>,
    id: &'a str,
    title: &'a str,
    status: &'a Option<String>,
    status_raw: &'a Option<String>,
    date: &'a Option<String>,
    tags: &'a [String],
    deciders: &'a [String],
    url: &'a str,
    path: &'a str,
    git: &'a crate::git::FileDates,
    links: Vec<DecisionLink<'a>>,
}

#[derive(Serialize)]
struct DecisionLink<'a> {
    kind: &'a str,
    url: &'a str,
}

fn decisions_json(site: &Site<'_>) -> Vec<u8> {
    let list: Vec<Decision<'_>> = site
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let r = e.rec;
            Decision {
                project: &site.projects[e.project].name,
                number: r.number,
                id: &r.id,
                title: &r.title,
                status: &r.status,
                status_raw: &r.status_raw,
                date: &r.date,
                tags: &r.tags,
                deciders: &r.deciders,
                url: &e.url,
                path: &r.path,
                git: &r.git,
                links: site.outgoing[i]
                    .iter()
                    .map(|l| DecisionLink {
                        kind: &l.kind,
                        url: &site.entries[l.other].url,
                    })
                    .collect(),
            }
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&list).unwrap_or_default();
    out.push(b'\n');
    out
}
