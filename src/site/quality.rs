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
use super::views::{RecLink, rec_link};
use crate::error::Error;
use crate::parse::placeholder;
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
        let options = e.rec.options.iter().filter(|o| given(&o.name));
        let traded = options.flat_map(|o| &o.tradeoffs);
        let names = (e.rec.quality_attributes.iter().map(|q| q.attribute.clone()))
            .chain(traded.map(|t| tradeoff_attribute(e.rec, t)));
        for name in names.filter(|n| given(n)) {
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

/// Whether a value is the author's, not a template's unfilled guidance (`{quality attribute,
/// e.g. Performance}`): placeholders are never shown as attributes, scenarios or options.
pub(super) fn given(value: &str) -> bool {
    !value.trim().is_empty() && !placeholder::is_placeholder(value)
}

/// The part of a decision's life that decides how it counts for an attribute.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// Accepted: a decision in force.
    InForce,
    /// Proposed: shown apart, not counted as serving.
    Proposed,
    /// Rejected, superseded, deprecated, or a state this tool does not know.
    Out,
}

fn standing(site: &Site<'_>, i: usize) -> Standing {
    match site.entries[i].rec.status.as_deref() {
        Some("accepted") => Standing::InForce,
        Some("proposed") => Standing::Proposed,
        _ => Standing::Out,
    }
}

/// One attribute's parts, with records as entry indices until a page renders them.
#[derive(Default)]
struct Attr {
    scenarios: Vec<Scenario>,
    served_by: Vec<(usize, String, String)>,
    proposed: Vec<(usize, String, String)>,
    traded_away: Vec<Traded>,
}
struct Scenario {
    priority: String,
    difficulty: String,
    /// The refinement the scenario sits under in the tree: its id, when it says more than the
    /// attribute's name.
    refinement: String,
    parts: Vec<(&'static str, String)>,
    record: usize,
}
struct Traded {
    option: String,
    effect: String,
    note: String,
    chosen: bool,
    record: usize,
}

/// Adds record `i` to `list` once, keeping the first chosen option that improves the
/// attribute.
fn serve(list: &mut Vec<(usize, String, String)>, i: usize, option: &str, effect: &str) {
    match list.last_mut() {
        // A record's entries are added one after another: the last is the only possible twin.
        Some(last) if last.0 == i => {
            if last.1.is_empty() {
                last.1 = option.to_string();
                last.2 = effect.to_string();
            }
        }
        _ => list.push((i, option.to_string(), effect.to_string())),
    }
}

/// `build-memory` under `Performance` reads "Build memory"; an id that only repeats the
/// attribute's name (`perf`, `security`) is no refinement.
fn refinement(id: &str, attribute: &str) -> String {
    let words = id.replace(['-', '_'], " ");
    let a = attribute.to_lowercase();
    let w = words.trim().to_lowercase();
    if !given(id) || w.is_empty() || a.starts_with(&w) || w == a {
        return String::new();
    }
    let mut c = words.trim().chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Every attribute's parts, in the order of [`Site::qualities`]. Scenarios come from decisions
/// in force and proposed ones; only decisions in force serve an attribute, proposed ones are
/// kept apart, and rejected or superseded ones do not count.
fn tree(site: &Site<'_>) -> Vec<Attr> {
    let index: BTreeMap<&str, usize> = (site.qualities.keys().enumerate())
        .map(|(k, name)| (name.as_str(), k))
        .collect();
    let mut attrs: Vec<Attr> = (0..index.len()).map(|_| Attr::default()).collect();
    let at = |name: &str| index.get(name.to_lowercase().as_str()).copied();
    for (i, e) in site.entries.iter().enumerate() {
        let standing = standing(site, i);
        if standing == Standing::Out {
            continue;
        }
        let serving = |a: &mut Attr, option: &str, effect: &str| match standing {
            Standing::InForce => serve(&mut a.served_by, i, option, effect),
            _ => serve(&mut a.proposed, i, option, effect),
        };
        for q in &e.rec.quality_attributes {
            let Some(k) = at(&q.attribute) else { continue };
            let parts: Vec<(&'static str, String)> = [
                ("source", &q.source),
                ("stimulus", &q.stimulus),
                ("artifact", &q.artifact),
                ("environment", &q.environment),
                ("response", &q.response),
                ("measure", &q.response_measure),
            ]
            .into_iter()
            .filter_map(|(name, v)| {
                v.as_deref()
                    .filter(|v| given(v))
                    .map(|v| (name, v.to_string()))
            })
            .collect();
            attrs[k].scenarios.push(Scenario {
                priority: q.priority.clone().unwrap_or_default(),
                difficulty: q.difficulty.clone().unwrap_or_default(),
                refinement: refinement(&q.id, &q.attribute),
                parts,
                record: i,
            });
            serving(&mut attrs[k], "", "");
        }
        for o in e.rec.options.iter().filter(|o| given(&o.name)) {
            for t in &o.tradeoffs {
                let Some(k) = at(&tradeoff_attribute(e.rec, t)) else {
                    continue;
                };
                let effect = t.effect.clone().unwrap_or_default();
                if effect.starts_with('+') && o.chosen {
                    serving(&mut attrs[k], &o.name, &effect);
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
        a.scenarios
            .sort_by_key(|s| (rank(&s.priority), rank(&s.difficulty)));
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

/// `H`, `M`, `L` or `?`: ATAM's (importance, difficulty) pair.
fn letter(p: &str) -> &'static str {
    match p {
        "high" => "H",
        "medium" => "M",
        "low" => "L",
        _ => "?",
    }
}

/// "1 scenario, high priority", "3 scenarios: 2 high, 1 low priority", "2 scenarios, no
/// priority given".
fn headline(scenarios: &[Scenario]) -> String {
    let n = scenarios.len();
    let noun = if n == 1 { "scenario" } else { "scenarios" };
    if n == 0 {
        return "no scenario".into();
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for s in scenarios {
        let p = if s.priority.is_empty() {
            ""
        } else {
            s.priority.as_str()
        };
        match counts.iter_mut().find(|(q, _)| *q == p) {
            Some(c) => c.1 += 1,
            None => counts.push((p, 1)),
        }
    }
    match counts.as_slice() {
        [("", _)] => format!("{n} {noun}, no priority given"),
        [(p, _)] => format!("{n} {noun}, {p} priority"),
        many => {
            let parts: Vec<String> = (many.iter())
                .map(|(p, c)| {
                    if p.is_empty() {
                        format!("{c} without")
                    } else {
                        format!("{c} {p}")
                    }
                })
                .collect();
            format!("{n} {noun}: {} priority", parts.join(", "))
        }
    }
}

#[derive(Serialize)]
struct QaScenario {
    priority: String,
    difficulty: String,
    /// `(H,M)`: importance and difficulty, as ATAM writes them.
    rating: String,
    refinement: String,
    parts: Vec<Part>,
    record: RecLink,
}
#[derive(Serialize)]
struct Part {
    name: &'static str,
    text: String,
}
/// A decision that serves an attribute (or would, when proposed): it names the attribute
/// among its quality attributes, or its chosen option improves it (`option` and `effect` say
/// how).
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
/// `quality.html`: the utility tree, one branch per attribute.
#[derive(Serialize)]
struct TreeView {
    attributes: Vec<Summary>,
    /// How many attributes no decision in force serves.
    unserved: usize,
}
#[derive(Serialize)]
struct Summary {
    name: String,
    anchor: String,
    url: String,
    /// "3 scenarios: 2 high, 1 low priority".
    headline: String,
    scenarios: usize,
    /// The attribute's refinements, each with its highest scenarios; at most [`TOP`]
    /// scenarios in all.
    refinements: Vec<Refinement>,
    served_by: usize,
    proposed: usize,
    traded_away: usize,
}
#[derive(Serialize)]
struct Refinement {
    name: String,
    scenarios: Vec<QaScenario>,
}
/// `q/<anchor>.html`: one attribute whole.
#[derive(Serialize)]
struct AttributeView {
    name: String,
    anchor: String,
    headline: String,
    scenarios: Vec<QaScenario>,
    served_by: Vec<Served>,
    proposed: Vec<Served>,
    traded_away: Vec<TradedAway>,
}

fn scenario(site: &Site<'_>, s: &Scenario, root: &str) -> QaScenario {
    QaScenario {
        priority: s.priority.clone(),
        difficulty: s.difficulty.clone(),
        rating: format!("({},{})", letter(&s.priority), letter(&s.difficulty)),
        refinement: s.refinement.clone(),
        parts: (s.parts.iter())
            .map(|(name, text)| Part {
                name,
                text: text.clone(),
            })
            .collect(),
        record: rec_link(site, s.record, root, ""),
    }
}

/// The highest [`TOP`] scenarios of an attribute, grouped by refinement in order of their
/// best scenario.
fn refinements(site: &Site<'_>, a: &Attr) -> Vec<Refinement> {
    let mut out: Vec<Refinement> = Vec::new();
    for s in a.scenarios.iter().take(TOP) {
        let view = scenario(site, s, "");
        match out.iter_mut().find(|r| r.name == s.refinement) {
            Some(r) => r.scenarios.push(view),
            None => out.push(Refinement {
                name: s.refinement.clone(),
                scenarios: vec![view],
            }),
        }
    }
    out
}

fn served(site: &Site<'_>, list: Vec<(usize, String, String)>, root: &str) -> Vec<Served> {
    (list.into_iter())
        .map(|(i, option, effect)| Served {
            record: rec_link(site, i, root, ""),
            option,
            effect,
        })
        .collect()
}

/// Writes `quality.html` and one page per attribute into `w`; returns how many files.
pub(super) fn write(site: &Site<'_>, ctx: &Ctx<'_>, w: &Writer, key: &str) -> Result<usize, Error> {
    let attrs = tree(site);
    let attributes: Vec<Summary> = (site.qualities.values().zip(&attrs))
        .map(|(p, a)| Summary {
            name: p.name.clone(),
            anchor: p.anchor.clone(),
            url: url(&p.anchor),
            headline: headline(&a.scenarios),
            scenarios: a.scenarios.len(),
            refinements: refinements(site, a),
            served_by: a.served_by.len(),
            proposed: a.proposed.len(),
            traded_away: a.traded_away.len(),
        })
        .collect();
    let unserved = attributes.iter().filter(|a| a.served_by == 0).count();
    let tree_page = ctx.render(
        "quality.html",
        "quality",
        "Quality attributes",
        "",
        &TreeView {
            attributes,
            unserved,
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
            headline: headline(&a.scenarios),
            scenarios: (a.scenarios.iter())
                .map(|s| scenario(site, s, root))
                .collect(),
            served_by: served(site, a.served_by, root),
            proposed: served(site, a.proposed, root),
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
