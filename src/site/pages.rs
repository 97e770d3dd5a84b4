//! Renders every page of the site from view structs; record pages in parallel.

use super::links::Site;
use super::views::{Count, Group, Layout, RecLink, card, groups, rec_link, status_of};
use super::{graph, record_page, search};
use crate::error::Error;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// Everything a build produces: site-relative path to bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// Settings the pages need beyond the records.
#[derive(Debug, Clone)]
pub struct PageSettings {
    pub site_title: String,
    pub base_url: String,
}

struct Ctx<'a> {
    tera: &'a tera::Tera,
    settings: &'a PageSettings,
}

impl Ctx<'_> {
    fn render<T: Serialize>(
        &self,
        name: &str,
        nav: &'static str,
        title: &str,
        root: &str,
        view: &T,
    ) -> Result<Vec<u8>, Error> {
        let mut c = tera::Context::from_serialize(view)
            .map_err(|e| super::theme::template_error(e, None))?;
        c.insert(
            "layout",
            &Layout {
                root: root.to_string(),
                site_title: self.settings.site_title.clone(),
                title: title.to_string(),
                nav,
            },
        );
        let out = self
            .tera
            .render(name, &c)
            .map_err(|e| super::theme::template_error(e, None))?;
        Ok(out.into_bytes())
    }
}

pub fn render_all(
    site: &Site<'_>,
    tera: &tera::Tera,
    settings: &PageSettings,
) -> Result<Files, Error> {
    let ctx = Ctx { tera, settings };
    let mut files = Files::new();
    let record_pages: Vec<(String, Vec<u8>)> = (0..site.entries.len())
        .into_par_iter()
        .map(|i| {
            let view = record_page::build(site, i, "../../");
            let title = format!("{} {}", view.number, view.title);
            let bytes = ctx.render("record.html", "log", title.trim(), "../../", &view)?;
            Ok((site.entries[i].url.clone(), bytes))
        })
        .collect::<Result<_, Error>>()?;
    files.extend(record_pages);
    files.insert("index.html".into(), home(site, &ctx)?);
    files.insert("log.html".into(), log(site, &ctx)?);
    files.insert(
        "quality.html".into(),
        ctx.render(
            "quality.html",
            "quality",
            "Quality attributes",
            "",
            &quality(site),
        )?,
    );
    for (file, title, nav, gs) in [
        (
            "tags.html",
            "Tags",
            "tags",
            groups(site, "", |i| site.entries[i].rec.tags.clone()),
        ),
        (
            "projects.html",
            "Projects",
            "projects",
            groups(site, "", |i| {
                vec![site.projects[site.entries[i].project].name.clone()]
            }),
        ),
        (
            "statuses.html",
            "Statuses",
            "statuses",
            groups(site, "", |i| vec![status_of(site, i)]),
        ),
    ] {
        #[derive(Serialize)]
        struct Facet<'a> {
            heading: &'a str,
            groups: Vec<Group>,
        }
        files.insert(
            file.into(),
            ctx.render(
                "facet.html",
                nav,
                title,
                "",
                &Facet {
                    heading: title,
                    groups: gs,
                },
            )?,
        );
    }
    #[derive(Serialize)]
    struct GraphView {
        graphs: Vec<graph::ProjectGraph>,
    }
    files.insert(
        "graph.html".into(),
        ctx.render(
            "graph.html",
            "graph",
            "Relations",
            "",
            &GraphView {
                graphs: graph::draw(site, ""),
            },
        )?,
    );
    #[derive(Serialize)]
    struct Empty {}
    files.insert(
        "search.html".into(),
        ctx.render("search.html", "search", "Search", "", &Empty {})?,
    );
    files.insert("feed.xml".into(), feed(site, &ctx)?);
    files.insert("sitemap.xml".into(), sitemap(site, &ctx, &files)?);
    files.insert("decisions.json".into(), decisions_json(site));
    files.extend(search::index(site));
    Ok(files)
}

fn by_date_desc(site: &Site<'_>, key: impl Fn(usize) -> Option<String>) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..site.entries.len()).collect();
    idx.sort_by_cached_key(|&i| std::cmp::Reverse((key(i), site.entries[i].rec.number)));
    idx
}

fn home(site: &Site<'_>, ctx: &Ctx<'_>) -> Result<Vec<u8>, Error> {
    #[derive(Serialize)]
    struct Home {
        total: usize,
        statuses: Vec<Count>,
        projects: Vec<Count>,
        recent: Vec<super::views::Card>,
        changed: Vec<super::views::Card>,
    }
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
struct QaScenario {
    priority: String,
    difficulty: String,
    text: String,
    record: RecLink,
}
#[derive(Serialize)]
struct TradedAway {
    option: String,
    effect: String,
    record: RecLink,
}
#[derive(Serialize, Default)]
struct Qa {
    name: String,
    anchor: String,
    scenarios: Vec<QaScenario>,
    served_by: Vec<RecLink>,
    traded_away: Vec<TradedAway>,
}
#[derive(Serialize)]
struct QualityView {
    attributes: Vec<Qa>,
}

fn quality(site: &Site<'_>) -> QualityView {
    let mut map: BTreeMap<String, Qa> = BTreeMap::new();
    for (i, e) in site.entries.iter().enumerate() {
        for q in &e.rec.quality_attributes {
            let qa = map.entry(q.attribute.to_lowercase()).or_insert_with(|| Qa {
                name: q.attribute.clone(),
                anchor: super::slug::slug(&q.attribute),
                ..Qa::default()
            });
            let parts: Vec<&str> = [
                &q.stimulus,
                &q.environment,
                &q.response,
                &q.response_measure,
            ]
            .iter()
            .filter_map(|s| s.as_deref())
            .collect();
            qa.scenarios.push(QaScenario {
                priority: q.priority.clone().unwrap_or_default(),
                difficulty: q.difficulty.clone().unwrap_or_default(),
                text: parts.join(" / "),
                record: rec_link(site, i, "", ""),
            });
            qa.served_by.push(rec_link(site, i, "", ""));
            for o in e.rec.options.iter().filter(|o| o.chosen) {
                for t in o.tradeoffs.iter().filter(|t| {
                    t.attribute == q.id && t.effect.as_deref().is_some_and(|x| x.starts_with('-'))
                }) {
                    qa.traded_away.push(TradedAway {
                        option: o.name.clone(),
                        effect: t.effect.clone().unwrap_or_default(),
                        record: rec_link(site, i, "", ""),
                    });
                }
            }
        }
    }
    let rank = |p: &str| match p {
        "high" => 0,
        "medium" => 1,
        "low" => 2,
        _ => 3,
    };
    let mut attributes: Vec<Qa> = map.into_values().collect();
    for a in &mut attributes {
        a.scenarios.sort_by_key(|s| rank(&s.priority));
        a.served_by.dedup_by(|x, y| x.url == y.url);
    }
    QualityView { attributes }
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
                id: format!("{base}{}", c.url),
                url: format!("{base}{}", c.url),
                title: format!("{} {} ({})", c.number, c.title, c.status)
                    .trim()
                    .to_string(),
                updated: when(i).unwrap_or_else(|| "1970-01-01T00:00:00Z".into()),
                summary: format!("{}: {}", c.project, c.status),
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
            base,
            updated,
            entries,
        },
    )
}

fn sitemap(site: &Site<'_>, ctx: &Ctx<'_>, files: &Files) -> Result<Vec<u8>, Error> {
    #[derive(Serialize)]
    struct Sitemap {
        urls: Vec<String>,
    }
    let _ = site;
    let urls = files
        .keys()
        .filter(|k| k.ends_with(".html"))
        .map(|k| format!("{}{k}", ctx.settings.base_url))
        .collect();
    ctx.render("sitemap.xml", "sitemap", "Sitemap", "", &Sitemap { urls })
}

fn decisions_json(site: &Site<'_>) -> Vec<u8> {
    let list: Vec<serde_json::Value> = site.entries.iter().enumerate().map(|(i, e)| {
        let r = e.rec;
        serde_json::json!({
            "project": site.projects[e.project].name, "number": r.number, "id": r.id, "title": r.title,
            "status": r.status, "status_raw": r.status_raw, "date": r.date, "tags": r.tags,
            "deciders": r.deciders, "url": e.url, "path": r.path, "git": r.git,
            "links": site.outgoing[i].iter().map(|l| serde_json::json!({"kind": l.kind, "url": site.entries[l.other].url})).collect::<Vec<_>>(),
        })
    }).collect();
    let mut out = serde_json::to_vec_pretty(&list).unwrap_or_default();
    out.push(b'\n');
    out
}
