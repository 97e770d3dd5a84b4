//! The relation graph, drawn at build time as inline SVG: no script needed to see it, no
//! network, no CDN. layout-rs lays each connected group of records out in layers (doc/adr
//! 0023): supersede chains read top to bottom, older above newer, and every other relation
//! goes from the record that states it. Each relation is one edge with its label placed by the
//! layout; each box links to its record and shows its full title on hover. The groups are then
//! packed into rows of a fixed width, so the drawing scales to the page instead of running off
//! its right edge. The SVG itself is written here, every text escaped.

use super::links::Site;
use super::views::status_of;
use crate::model::{SUPERSEDED_BY, SUPERSEDES};
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::format::{ClipHandle, RenderBackend};
use layout::core::geometry::Point;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// Past this many records a graph is cut, so the page stays usable.
const MAX_NODES: usize = 400;
/// Width the groups are packed into, in SVG units; the page scales the drawing to fit.
const ROW: f64 = 1100.0;
const BOX_W: f64 = 190.0;
const BOX_H: f64 = 42.0;
const GAP: f64 = 28.0;
/// Characters of a title shown in its box; the full title is its tooltip.
const LABEL: usize = 26;

/// One graph of the relations page.
#[derive(Debug, Serialize)]
pub struct GraphView {
    /// `organisation` or the project's name.
    pub name: String,
    /// The anchor of its section.
    pub anchor: String,
    pub nodes: usize,
    pub edges: usize,
    pub truncated: bool,
    /// The SVG, generated here with every text escaped.
    pub svg: String,
    /// The same relations as text, for reading without the drawing.
    pub relations: Vec<RelationRow>,
}

/// A relation as a line of text: `from` `kind` `to`.
#[derive(Debug, Serialize)]
pub struct RelationRow {
    pub from: super::views::RecLink,
    pub kind: String,
    pub to: super::views::RecLink,
}

/// An edge of a drawing: from, to (entry indices), its words, whether it is a supersession.
struct Edge {
    from: usize,
    to: usize,
    kind: String,
    supersede: bool,
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    s.chars().take(n - 1).collect::<String>() + "…"
}

/// Every relation between two of `nodes`, once per pair of records: a supersession from the
/// superseded record to its successor, else the relation as the first of the two states it.
fn edges(site: &Site<'_>, nodes: &[usize]) -> Vec<Edge> {
    let inside: HashMap<usize, ()> = nodes.iter().map(|&i| (i, ())).collect();
    let mut pairs: BTreeMap<(usize, usize), Edge> = BTreeMap::new();
    for &i in nodes {
        for rel in site.relations(i) {
            let j = rel.other;
            if !inside.contains_key(&j) {
                continue;
            }
            let key = (i.min(j), i.max(j));
            // `i superseded by j`: i is older; `i supersedes j`: j is older.
            let (from, to, kind, supersede) = match rel.normal.as_str() {
                SUPERSEDED_BY => (i, j, "superseded by".to_string(), true),
                SUPERSEDES => (j, i, "superseded by".to_string(), true),
                _ => (i, j, rel.kind.clone(), false),
            };
            let edge = Edge {
                from,
                to,
                kind,
                supersede,
            };
            match pairs.get(&key) {
                Some(old) if old.supersede || !edge.supersede => {}
                _ => {
                    pairs.insert(key, edge);
                }
            }
        }
    }
    pairs.into_values().collect()
}

/// Groups of `nodes` joined by `edges`, each in the order of `nodes`.
fn components(nodes: &[usize], edges: &[Edge]) -> Vec<Vec<usize>> {
    let at: HashMap<usize, usize> = nodes.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for e in edges {
        let (a, b) = (find(&mut parent, at[&e.from]), find(&mut parent, at[&e.to]));
        parent[a.max(b)] = a.min(b);
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, &node) in nodes.iter().enumerate() {
        let r = find(&mut parent, k);
        groups.entry(r).or_default().push(node);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    // Large groups first: they set the rows the small ones fill.
    out.sort_by_key(|g| std::cmp::Reverse(g.len()));
    out
}

/// What layout-rs drew, in its coordinates: boxes by node, edge paths, edge labels.
#[derive(Default)]
struct Recorder {
    boxes: Vec<(usize, Point, Point)>,
    paths: Vec<(usize, Vec<(Point, Point)>)>,
    labels: Vec<(Point, String)>,
    /// The node whose box was drawn last: its label text comes next and is not an edge's.
    pending: bool,
}

impl RenderBackend for Recorder {
    fn draw_rect(
        &mut self,
        xy: Point,
        size: Point,
        _: &StyleAttr,
        p: Option<String>,
        _: Option<ClipHandle>,
    ) {
        if let Some(node) = p.and_then(|p| p.parse().ok()) {
            self.boxes.push((node, xy, size));
            self.pending = true;
        }
    }
    fn draw_line(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_circle(&mut self, _: Point, _: Point, _: &StyleAttr, _: Option<String>) {}
    fn draw_text(&mut self, xy: Point, text: &str, _: &StyleAttr) {
        if std::mem::take(&mut self.pending) {
            return;
        }
        self.labels.push((xy, text.to_string()));
    }
    fn draw_arrow(
        &mut self,
        path: &[(Point, Point)],
        _: bool,
        _: (bool, bool),
        _: &StyleAttr,
        p: Option<String>,
        _: &str,
    ) {
        if let Some(edge) = p.and_then(|p| p.parse().ok()) {
            self.paths.push((edge, path.to_vec()));
        }
    }
    fn create_clip(&mut self, _: Point, _: Point, _: usize) -> ClipHandle {
        0
    }
}

thread_local! {
    /// Set while layout-rs runs on this thread: a panic there is caught and not printed.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `f`, or `None` when it panicked. layout-rs asserts on geometry it cannot route (a zero-length
/// vector); such a group is drawn another way instead of stopping the build, and the panic is
/// not printed: the panic hook, installed once, stays silent on a thread inside this call.
fn guarded<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Option<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let out = std::panic::catch_unwind(f);
    QUIET.with(|q| q.set(false));
    out.ok()
}

/// A group drawn as one column in the order given, each edge a curve on its right: what a
/// group gets when layout-rs cannot lay it out.
fn column(group: &[usize], edges: &[(usize, &Edge)]) -> Recorder {
    let mut rec = Recorder::default();
    let step = BOX_H + 2.0 * GAP;
    let at: HashMap<usize, usize> = group.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    for (k, &i) in group.iter().enumerate() {
        rec.boxes.push((
            i,
            Point::new(0.0, k as f64 * step),
            Point::new(BOX_W, BOX_H),
        ));
    }
    for (k, e) in edges {
        let (a, b) = (at[&e.from] as f64 * step, at[&e.to] as f64 * step);
        let (y1, y2) = if a < b {
            (a + BOX_H, b)
        } else {
            (a, b + BOX_H)
        };
        let bend = BOX_W + 40.0;
        let from = Point::new(
            BOX_W,
            y1 - BOX_H / 2.0 + if a < b { 0.0 } else { BOX_H / 2.0 },
        );
        let to = Point::new(BOX_W, y2 + if a < b { BOX_H / 2.0 } else { -BOX_H / 2.0 });
        rec.paths.push((
            *k,
            vec![
                (from, Point::new(bend, from.y)),
                (Point::new(bend, to.y), to),
            ],
        ));
        rec.labels
            .push((Point::new(bend, (from.y + to.y) / 2.0), e.kind.clone()));
    }
    rec
}

/// Lays one group out; returns what was drawn and its bounding box (min, max).
fn lay_out(group: &[usize], edges: &[(usize, &Edge)]) -> (Recorder, Point, Point) {
    let rec = guarded(|| engine(group, edges)).unwrap_or_else(|| column(group, edges));
    let mut lo = Point::new(f64::MAX, f64::MAX);
    let mut hi = Point::new(f64::MIN, f64::MIN);
    let mut grow = |p: Point, s: Point| {
        lo = Point::new(lo.x.min(p.x), lo.y.min(p.y));
        hi = Point::new(hi.x.max(p.x + s.x), hi.y.max(p.y + s.y));
    };
    for (_, xy, size) in &rec.boxes {
        grow(*xy, *size);
    }
    for (xy, text) in &rec.labels {
        let half = text.chars().count() as f64 * 3.5;
        grow(
            Point::new(xy.x - half, xy.y - 8.0),
            Point::new(2.0 * half, 16.0),
        );
    }
    for (_, path) in &rec.paths {
        for (a, b) in path {
            grow(*a, Point::zero());
            grow(*b, Point::zero());
        }
    }
    (rec, lo, hi)
}

/// What layout-rs draws of one group.
fn engine(group: &[usize], edges: &[(usize, &Edge)]) -> Recorder {
    let mut vg = VisualGraph::new(Orientation::TopToBottom);
    let mut handles = HashMap::new();
    let node_look = StyleAttr::new(Color::fast("black"), 1, None, 6, 12);
    for &i in group {
        let shape = ShapeKind::new_box("");
        let el = Element::create_with_properties(
            shape,
            node_look.clone(),
            Orientation::TopToBottom,
            Point::new(BOX_W, BOX_H),
            i.to_string(),
        );
        handles.insert(i, vg.add_node(el));
    }
    let edge_look = StyleAttr::new(Color::fast("black"), 1, None, 0, 11);
    for (k, e) in edges {
        let arrow = Arrow::with_properties(
            LineEndKind::None,
            LineEndKind::Arrow,
            LineStyleKind::Normal,
            &e.kind,
            &edge_look,
            k.to_string(),
            &None,
            &None,
        );
        vg.add_edge(arrow, handles[&e.from], handles[&e.to]);
    }
    let mut rec = Recorder::default();
    vg.do_it(false, false, false, &mut rec);
    rec
}

/// Draws `nodes` and the relations between them; nodes of other projects than `home` are
/// dashed. Returns the SVG and how many edges it has.
fn draw(
    site: &Site<'_>,
    nodes: &[usize],
    home: Option<usize>,
    root: &str,
    id: &str,
) -> (String, Vec<Edge>) {
    let edges = edges(site, nodes);
    let groups = components(nodes, &edges);
    let group_of: HashMap<usize, usize> = (groups.iter().enumerate())
        .flat_map(|(g, members)| members.iter().map(move |&i| (i, g)))
        .collect();
    let mut body = String::new();
    let (mut x, mut y, mut row_h, mut width) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for (g, group) in groups.iter().enumerate() {
        let mine: Vec<(usize, &Edge)> = (edges.iter().enumerate())
            .filter(|(_, e)| group_of[&e.from] == g)
            .collect();
        let (rec, lo, hi) = lay_out(group, &mine);
        let (w, h) = (hi.x - lo.x, hi.y - lo.y);
        if x > 0.0 && x + w > ROW {
            x = 0.0;
            y += row_h + GAP;
            row_h = 0.0;
        }
        let (dx, dy) = (x - lo.x + GAP / 2.0, y - lo.y + GAP / 2.0);
        let _ = write!(body, "<g transform=\"translate({dx:.1},{dy:.1})\">");
        for (k, path) in &rec.paths {
            let e = &edges[*k];
            let cls = if e.supersede { "edge sup" } else { "edge" };
            let _ = write!(
                body,
                "<path class=\"{cls}\" d=\"{}\" marker-end=\"url(#{id}-arr)\"/>",
                path_d(path)
            );
        }
        for (xy, text) in &rec.labels {
            let _ = write!(
                body,
                "<text class=\"elabel\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" dominant-baseline=\"middle\">{}</text>",
                xy.x,
                xy.y,
                esc(text)
            );
        }
        for (i, xy, size) in &rec.boxes {
            node(&mut body, site, *i, home, root, *xy, *size);
        }
        body.push_str("</g>");
        x += w + GAP;
        width = width.max(x);
        row_h = row_h.max(h);
    }
    let (w, h) = (width.max(BOX_W) + GAP / 2.0, y + row_h + GAP);
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w:.0} {h:.0}\" width=\"{w:.0}\" \
         height=\"{h:.0}\" role=\"img\" aria-labelledby=\"{id}-t\"><title id=\"{id}-t\">Relations \
         between decisions</title><defs><marker id=\"{id}-arr\" viewBox=\"0 0 10 10\" refX=\"9\" \
         refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path \
         d=\"M0,0L10,5L0,10z\" class=\"arrow\"/></marker></defs>{body}</svg>"
    );
    (svg, edges)
}

fn path_d(path: &[(Point, Point)]) -> String {
    let mut d = String::new();
    if path.len() < 2 {
        return d;
    }
    let p = |q: Point| format!("{:.1} {:.1}", q.x, q.y);
    let _ = write!(
        d,
        "M{} C{}, {}, {}",
        p(path[0].0),
        p(path[0].1),
        p(path[1].0),
        p(path[1].1)
    );
    for q in &path[2..] {
        let _ = write!(d, " S{}, {}", p(q.0), p(q.1));
    }
    d
}

fn node(
    out: &mut String,
    site: &Site<'_>,
    i: usize,
    home: Option<usize>,
    root: &str,
    xy: Point,
    size: Point,
) {
    let e = &site.entries[i];
    let r = e.rec;
    let mut label = match r.number {
        Some(n) => format!("{n:04} {}", r.title),
        None => r.title.clone(),
    };
    let ext = if home.is_some_and(|h| h != e.project) || home.is_none() && site.projects.len() > 1 {
        label = format!("{}: {label}", site.projects[e.project].name);
        if home.is_some() { " ext" } else { "" }
    } else {
        ""
    };
    let _ = write!(
        out,
        "<a href=\"{root}{}\"><title>{}</title><rect class=\"node{ext} s-{}\" x=\"{:.1}\" y=\"{:.1}\" \
         width=\"{:.0}\" height=\"{:.0}\" rx=\"6\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text></a>",
        esc(&e.url),
        esc(&format!("{label} ({})", status_of(site, i))),
        esc(&super::slug::slug(&status_of(site, i))),
        xy.x,
        xy.y,
        size.x,
        size.y,
        xy.x + 8.0,
        xy.y + size.y / 2.0 + 4.0,
        esc(&short(&label.replace('`', ""), LABEL))
    );
}

/// The records of `project` (all projects when `None`) that have a relation, then the
/// records of other projects they relate to; at most [`MAX_NODES`] of the first.
fn members(site: &Site<'_>, project: Option<usize>) -> (Vec<usize>, bool) {
    let related = |i: usize| !site.outgoing[i].is_empty() || !site.incoming[i].is_empty();
    let own: Vec<usize> = (0..site.entries.len())
        .filter(|&i| project.is_none_or(|p| site.entries[i].project == p) && related(i))
        .collect();
    let truncated = own.len() > MAX_NODES;
    let mut nodes: Vec<usize> = own.into_iter().take(MAX_NODES).collect();
    if project.is_some() {
        let mut foreign: Vec<usize> = (nodes.iter())
            .flat_map(|&i| site.outgoing[i].iter().chain(&site.incoming[i]))
            .map(|e| e.other)
            .filter(|&j| Some(site.entries[j].project) != project)
            .collect();
        foreign.sort_unstable();
        foreign.dedup();
        nodes.extend(foreign);
    }
    (nodes, truncated)
}

/// The relations page's graphs: the whole organisation's when the site has several projects,
/// then each project's with the records of other projects it relates to.
pub fn graphs(site: &Site<'_>, root: &str) -> Vec<GraphView> {
    let mut views: Vec<(String, Option<usize>)> = Vec::new();
    if site.projects.len() > 1 {
        views.push(("Whole organisation".into(), None));
    }
    views.extend(
        site.projects
            .iter()
            .enumerate()
            .map(|(p, proj)| (proj.name.clone(), Some(p))),
    );
    let mut used = std::collections::HashSet::new();
    views
        .into_iter()
        .map(|(name, project)| {
            let mut anchor = format!("g-{}", super::slug::slug(&name));
            while !used.insert(anchor.clone()) {
                anchor.push('-');
            }
            let (nodes, truncated) = members(site, project);
            let (svg, edges) = if nodes.is_empty() {
                (String::new(), Vec::new())
            } else {
                draw(site, &nodes, project, root, &anchor)
            };
            let link = |i| super::views::rec_link(site, i, root, "");
            GraphView {
                nodes: nodes.len(),
                edges: edges.len(),
                truncated,
                relations: (edges.iter())
                    .map(|e| RelationRow {
                        from: link(e.from),
                        kind: e.kind.clone(),
                        to: link(e.to),
                    })
                    .collect(),
                svg,
                name,
                anchor,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// layout-rs is given random groups: cycles, chains, stars, several edges per node. It
    /// must lay each out without panicking and put every box and edge somewhere.
    #[test]
    fn any_group_of_relations_is_laid_out() {
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for round in 0..60 {
            let n = 2 + next(24);
            let group: Vec<usize> = (0..n).collect();
            let mut pairs = std::collections::BTreeSet::new();
            for k in 1..n {
                // Connected: each node to an earlier one, in either direction.
                let j = next(k as u64);
                pairs.insert(if next(2) == 0 { (k, j) } else { (j, k) });
            }
            for _ in 0..next(n as u64 + 1) {
                let (a, b) = (next(n as u64), next(n as u64));
                if a != b && !pairs.contains(&(b, a)) {
                    pairs.insert((a, b));
                }
            }
            let edges: Vec<Edge> = (pairs.iter())
                .map(|&(from, to)| Edge {
                    from,
                    to,
                    kind: if (from + to) % 2 == 0 {
                        "superseded by".into()
                    } else {
                        "amends".into()
                    },
                    supersede: false,
                })
                .collect();
            let mine: Vec<(usize, &Edge)> = edges.iter().enumerate().collect();
            let (rec, lo, hi) = lay_out(&group, &mine);
            assert_eq!(rec.boxes.len(), n, "round {round}");
            assert_eq!(rec.paths.len(), edges.len(), "round {round}");
            assert!(lo.x <= hi.x && lo.y <= hi.y, "round {round}");
        }
    }
}
