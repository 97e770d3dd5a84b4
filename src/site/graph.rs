//! The relation graph, drawn at build time as inline SVG: no script, no network, no CDN.
//! Records with at least one resolved link are laid out in a grid by number, followed by the
//! records of other projects they link with (dashed); each link is a curve from one box to the
//! other, coloured by kind. Nodes are links to the record pages.

use super::links::Site;
use super::views::status_of;
use serde::Serialize;
use std::fmt::Write;

/// Past this many nodes a project's graph is cut, so the page stays usable.
const MAX_NODES: usize = 600;
const COLS: usize = 5;
const W: usize = 200;
const H: usize = 44;
const GAP_X: usize = 40;
const GAP_Y: usize = 36;

#[derive(Debug, Serialize)]
pub struct ProjectGraph {
    pub project: String,
    pub nodes: usize,
    pub edges: usize,
    pub truncated: bool,
    /// The SVG, generated here with every text escaped.
    pub svg: String,
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

pub fn draw(site: &Site<'_>, root: &str) -> Vec<ProjectGraph> {
    let mut out = Vec::new();
    for (pi, p) in site.projects.iter().enumerate() {
        let linked: Vec<usize> = (0..site.entries.len())
            .filter(|&i| site.entries[i].project == pi)
            .filter(|&i| !site.outgoing[i].is_empty() || !site.incoming[i].is_empty())
            .collect();
        let truncated = linked.len() > MAX_NODES;
        let mut nodes: Vec<usize> = linked.into_iter().take(MAX_NODES).collect();
        let own = nodes.len();
        // Records of other projects linked with this one's are drawn too, after its own.
        let mut foreign: Vec<usize> = nodes
            .iter()
            .flat_map(|&i| site.outgoing[i].iter().chain(&site.incoming[i]))
            .map(|e| e.other)
            .filter(|&j| site.entries[j].project != pi)
            .collect();
        foreign.sort_unstable();
        foreign.dedup();
        nodes.extend(foreign);
        let pos = |i: usize| nodes.iter().position(|&n| n == i);
        let rows = nodes.len().div_ceil(COLS);
        let (width, height) = (COLS * (W + GAP_X) + GAP_X, rows * (H + GAP_Y) + GAP_Y);
        let xy = |k: usize| {
            (
                GAP_X + (k % COLS) * (W + GAP_X),
                GAP_Y + (k / COLS) * (H + GAP_Y),
            )
        };
        let mut svg = String::new();
        let _ = write!(
            svg,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" \
             width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"Relations between \
             decisions of {}\"><defs><marker id=\"arr{pi}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" \
             markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" \
             class=\"arrow\"/></marker></defs>",
            esc(&p.name)
        );
        let mut edges = 0;
        for (k, &i) in nodes.iter().enumerate() {
            for e in &site.outgoing[i] {
                let Some(t) = pos(e.other) else { continue };
                // Links between two other projects belong to their own graphs.
                if k >= own && t >= own {
                    continue;
                }
                edges += 1;
                let ((x1, y1), (x2, y2)) = (xy(k), xy(t));
                let (ax, ay) = (x1 + W / 2, y1 + H / 2);
                let (bx, by) = (
                    x2 + W / 2,
                    if y2 > y1 {
                        y2
                    } else if y2 < y1 {
                        y2 + H
                    } else {
                        y2
                    },
                );
                let bend = if y1 == y2 {
                    40 + (k.abs_diff(t) * 10).min(120)
                } else {
                    0
                };
                let cls = if e.kind.contains("supersed") {
                    "edge sup"
                } else {
                    "edge"
                };
                let _ = write!(
                    svg,
                    "<path class=\"{cls}\" d=\"M{ax},{ay} Q{},{} {bx},{by}\" marker-end=\"url(#arr{pi})\"><title>{}</title></path>",
                    (ax + bx) / 2 + 20,
                    (ay + by) / 2 - bend.min((ay + by) / 2),
                    esc(&e.kind)
                );
            }
        }
        for (k, &i) in nodes.iter().enumerate() {
            let (x, y) = xy(k);
            let r = site.entries[i].rec;
            let mut label = match r.number {
                Some(n) => format!("{n:04} {}", r.title),
                None => r.title.clone(),
            };
            let ext = if k >= own {
                label = format!("{}: {label}", site.projects[site.entries[i].project].name);
                " ext"
            } else {
                ""
            };
            let _ = write!(
                svg,
                "<a href=\"{root}{}\"><rect class=\"node{ext} s-{}\" x=\"{x}\" y=\"{y}\" width=\"{W}\" height=\"{H}\" rx=\"6\"/>\
                 <text x=\"{}\" y=\"{}\">{}</text><title>{}</title></a>",
                esc(&site.entries[i].url),
                esc(&super::slug::slug(&status_of(site, i))),
                x + 8,
                y + H / 2 + 5,
                esc(&short(&label, 28)),
                esc(&label)
            );
        }
        svg.push_str("</svg>");
        out.push(ProjectGraph {
            project: p.name.clone(),
            nodes: own,
            edges,
            truncated,
            svg,
        });
    }
    out
}
