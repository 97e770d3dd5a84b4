//! The quality-attribute pages: the utility tree. `quality.html` is the tree itself — each
//! attribute with its scenarios by priority (the highest few shown), how many decisions serve
//! it and how many options traded it away; `q/<attribute>.html` holds one attribute whole.
//!
//! One page per attribute keeps every page readable at any size (10,000 records put 10 MB of
//! HTML on a single page) and lets a build render one attribute at a time: a template's context
//! is a JSON tree, several times the size of the page it renders.

use super::links::{Entry, Site};
use super::output::Writer;
use super::pages::Ctx;
use super::record::{PubRecord, PubTradeOff};
use super::views::{Count, RecLink, rec_link};
use crate::error::Error;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// Scenarios of an attribute shown on the tree page; the rest are on the attribute's page.
const TOP: usize = 5;

/// Where an attribute is published.
#[derive(Debug, Clone)]
pub struct QaPage {
    /// The attribute as first written.
    pub name: String,
    /// Its anchor on `quality.html` and its page `q/<anchor>.html`; unique in the site.
    pub anchor: String,
}

/// Every attribute the site's records name (in their quality attributes or their options'
/// trade-offs), keyed by its lower-cased name, with its unique anchor.
pub fn pages(entries: &[Entry<'_>]) -> BTreeMap<String, QaPage> {
    let mut map: BTreeMap<String, QaPage> = BTreeMap::new();
    for e in entries {
        let traded = e.rec.options.iter().flat_map(|o| &o.tradeoffs);
        let names = (e.rec.quality_attributes.iter().map(|q| q.attribute.clone()))
            .chain(traded.map(|t| tradeoff_attribute(e.rec, t)));
        for name in names {
            map.entry(name.to_lowercase()).or_insert_with(|| QaPage {
                name,
                anchor: String::new(),
            });
        }
    }
    let mut used = HashSet::new();
    for page in map.values_mut() {
        let base = super::slug::slug(&page.name);
        let mut anchor = base.clone();
        let mut n = 1;
        while !used.insert(anchor.clone()) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
        page.anchor = anchor;
    }
    map
}

/// The attribute a trade-off names: by the record's id for one of its attributes, or by name.
fn tradeoff_attribute(rec: &PubRecord, t: &PubTradeOff) -> String {
    rec.quality_attributes
        .iter()
        .find(|q| q.id == t.attribute)
        .map_or_else(|| t.attribute.clone(), |q| q.attribute.clone())
}

/// An attribute's page, site-relative.
pub fn url(anchor: &str) -> String {
    format!("q/{anchor}.html")
}

/// One attribute's parts, with records as entry indices until a page renders them.
#[derive(Default)]
struct Attr {
    scenarios: Vec<Scenario>,
    served_by: Vec<(usize, String, String)>,
    traded_away: Vec<Traded>,
}
struct Scenario {
    priority: String,
    difficulty: String,
    text: String,
    record: usize,
}
struct Traded {
    option: String,
    effect: String,
    note: String,
    chosen: bool,
    record: usize,
}

/// Adds record `i` to the decisions serving an attribute, once, keeping the first chosen
/// option that improves it.
fn serve(a: &mut Attr, i: usize, option: &str, effect: &str) {
    match a.served_by.last_mut() {
        // A record's entries are added one after another: the last is the only possible twin.
        Some(last) if last.0 == i => {
            if last.1.is_empty() {
                last.1 = option.to_string();
                last.2 = effect.to_string();
            }
        }
        _ => a
            .served_by
            .push((i, option.to_string(), effect.to_string())),
    }
}

/// Every attribute's parts, in the order of [`Site::qualities`].
fn tree(site: &Site<'_>) -> Vec<Attr> {
    let index: BTreeMap<&str, usize> = (site.qualities.keys().enumerate())
        .map(|(k, name)| (name.as_str(), k))
        .collect();
    let mut attrs: Vec<Attr> = (0..index.len()).map(|_| Attr::default()).collect();
    let at = |name: &str| index.get(name.to_lowercase().as_str()).copied();
    for (i, e) in site.entries.iter().enumerate() {
        for q in &e.rec.quality_attributes {
            let Some(k) = at(&q.attribute) else { continue };
            let parts: Vec<&str> = [
                &q.stimulus,
                &q.environment,
                &q.response,
                &q.response_measure,
            ]
            .iter()
            .filter_map(|s| s.as_deref())
            .collect();
            attrs[k].scenarios.push(Scenario {
                priority: q.priority.clone().unwrap_or_default(),
                difficulty: q.difficulty.clone().unwrap_or_default(),
                text: parts.join(" / "),
                record: i,
            });
            serve(&mut attrs[k], i, "", "");
        }
        for o in &e.rec.options {
            for t in &o.tradeoffs {
                let Some(k) = at(&tradeoff_attribute(e.rec, t)) else {
                    continue;
                };
                let effect = t.effect.clone().unwrap_or_default();
                if effect.starts_with('+') && o.chosen {
                    serve(&mut attrs[k], i, &o.name, &effect);
                } else if effect.starts_with('-') {
                    attrs[k].traded_away.push(Traded {
                        option: o.name.clone(),
                        note: t.note.clone().unwrap_or_default(),
                        chosen: o.chosen,
                        effect,
                        record: i,
                    });
                }
            }
        }
    }
    for a in &mut attrs {
        a.scenarios.sort_by_key(|s| rank(&s.priority));
    }
    attrs
}

fn rank(priority: &str) -> u8 {
    match priority {
        "high" => 0,
        "medium" => 1,
        "low" => 2,
        _ => 3,
    }
}

#[derive(Serialize)]
struct QaScenario {
    priority: String,
    difficulty: String,
    text: String,
    record: RecLink,
}
/// A decision that serves an attribute: it names the attribute among its quality attributes,
/// or its chosen option improves it (`option` and `effect` say how).
#[derive(Serialize)]
struct Served {
    record: RecLink,
    option: String,
    effect: String,
}
/// An option, chosen or not, that makes an attribute worse.
#[derive(Serialize)]
struct TradedAway {
    option: String,
    effect: String,
    note: String,
    chosen: bool,
    record: RecLink,
}
/// `quality.html`: one summary per attribute.
#[derive(Serialize)]
struct TreeView {
    attributes: Vec<Summary>,
}
#[derive(Serialize)]
struct Summary {
    name: String,
    anchor: String,
    url: String,
    /// How many scenarios of each priority, highest first (`(none)` for those without one).
    priorities: Vec<Count>,
    scenarios: usize,
    /// The highest-priority scenarios, at most five.
    top: Vec<QaScenario>,
    served_by: usize,
    traded_away: usize,
}
/// `q/<anchor>.html`: one attribute whole.
#[derive(Serialize)]
struct AttributeView {
    name: String,
    anchor: String,
    scenarios: Vec<QaScenario>,
    served_by: Vec<Served>,
    traded_away: Vec<TradedAway>,
}

fn scenario(site: &Site<'_>, s: &Scenario, root: &str) -> QaScenario {
    QaScenario {
        priority: s.priority.clone(),
        difficulty: s.difficulty.clone(),
        text: s.text.clone(),
        record: rec_link(site, s.record, root, ""),
    }
}

/// Writes `quality.html` and one page per attribute into `w`; returns how many files.
pub(super) fn write(site: &Site<'_>, ctx: &Ctx<'_>, w: &Writer, key: &str) -> Result<usize, Error> {
    let attrs = tree(site);
    let summaries = (site.qualities.values().zip(&attrs))
        .map(|(p, a)| {
            let mut priorities: Vec<Count> = Vec::new();
            for s in &a.scenarios {
                let name = if s.priority.is_empty() {
                    "(none)"
                } else {
                    &s.priority
                };
                match priorities.last_mut() {
                    Some(last) if last.name == name => last.count += 1,
                    _ => priorities.push(Count {
                        name: name.to_string(),
                        count: 1,
                        url: url(&p.anchor),
                    }),
                }
            }
            Summary {
                name: p.name.clone(),
                anchor: p.anchor.clone(),
                url: url(&p.anchor),
                priorities,
                scenarios: a.scenarios.len(),
                top: (a.scenarios.iter().take(TOP))
                    .map(|s| scenario(site, s, ""))
                    .collect(),
                served_by: a.served_by.len(),
                traded_away: a.traded_away.len(),
            }
        })
        .collect();
    let tree_page = ctx.render(
        "quality.html",
        "quality",
        "Quality attributes",
        "",
        &TreeView {
            attributes: summaries,
        },
    )?;
    w.put("quality.html", key, &tree_page)?;
    drop(tree_page);
    // One attribute at a time: its context is dropped before the next is made.
    for (p, a) in site.qualities.values().zip(attrs) {
        let root = "../";
        let view = AttributeView {
            name: p.name.clone(),
            anchor: p.anchor.clone(),
            scenarios: (a.scenarios.iter())
                .map(|s| scenario(site, s, root))
                .collect(),
            served_by: (a.served_by.into_iter())
                .map(|(i, option, effect)| Served {
                    record: rec_link(site, i, root, ""),
                    option,
                    effect,
                })
                .collect(),
            traded_away: (a.traded_away.into_iter())
                .map(|t| TradedAway {
                    record: rec_link(site, t.record, root, ""),
                    option: t.option,
                    effect: t.effect,
                    note: t.note,
                    chosen: t.chosen,
                })
                .collect(),
        };
        let page = ctx.render("quality-attribute.html", "quality", &p.name, root, &view)?;
        w.put(&url(&p.anchor), key, &page)?;
    }
    Ok(1 + site.qualities.len())
}
