//! Generated views of the decision log: adr-tools' Markdown table of contents and its Graphviz
//! graph of links (byte for byte), and the same graph in Mermaid.

use crate::model::{DecisionLog, Record};
use std::fmt::Write as _;
use std::path::Path;

/// The title adr-tools shows: the first line of the file minus `# ` (`1. Use X`). Records in
/// other layouts show their number and title the same way.
pub fn display_title(record: &Record) -> String {
    let first = record
        .body
        .lines()
        .next()
        .unwrap_or("")
        .trim_end_matches('\r');
    if let (Some(rest), Some(n)) = (first.strip_prefix("# "), record.number)
        && rest.starts_with(&format!("{n}."))
    {
        return rest.to_string();
    }
    let title = record.display_title();
    match record.number {
        Some(n) => format!("{n}. {title}"),
        None => title,
    }
}

/// The record's path as links from the decision directory's own files see it.
fn link_path(record: &Record, dir: &Path) -> String {
    let rel = record.path.strip_prefix(dir).unwrap_or(&record.path);
    rel.to_string_lossy().replace('\\', "/")
}

/// Options of the table of contents.
pub struct Toc<'a> {
    pub intro: Option<&'a str>,
    pub outro: Option<&'a str>,
    pub prefix: &'a str,
}

/// adr-tools' `generate toc`: a heading, the intro, one bullet per record, the outro.
pub fn toc(log: &DecisionLog, dir: &Path, opts: &Toc<'_>) -> String {
    let mut out = String::from("# Architecture Decision Records\n\n");
    if let Some(intro) = opts.intro {
        out.push_str(intro);
        out.push('\n');
    }
    for r in &log.records {
        let _ = writeln!(
            out,
            "* [{}]({}{})",
            display_title(r),
            opts.prefix,
            link_path(r, dir)
        );
    }
    if let Some(outro) = opts.outro {
        out.push('\n');
        out.push_str(outro);
    }
    out
}

/// One edge of the graph: a forward link between two numbered records.
struct Edge {
    from: u32,
    to: u32,
    label: String,
}

/// Forward links (not the `... by` reverses) to numbered records, as adr-tools draws them.
fn edges(record: &Record) -> Vec<Edge> {
    let Some(from) = record.number else {
        return Vec::new();
    };
    record
        .links
        .iter()
        .filter(|l| !l.label.ends_with(" by") && !l.kind.ends_with("-by"))
        .filter_map(|l| {
            let name = l.target.rsplit('/').next().unwrap_or(&l.target);
            let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
            let to = digits.parse().ok().filter(|n| *n > 0)?;
            Some(Edge {
                from,
                to,
                label: l.label.clone(),
            })
        })
        .collect()
}

fn url(record: &Record, dir: &Path, prefix: &str, ext: &str) -> String {
    let path = link_path(record, dir);
    let stem = path.strip_suffix(".md").unwrap_or(&path);
    format!("{prefix}{stem}{ext}")
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// adr-tools' `generate graph` in Graphviz DOT, byte for byte.
pub fn graph_dot(log: &DecisionLog, dir: &Path, prefix: &str, ext: &str) -> String {
    let mut out = String::from("digraph {\n  node [shape=plaintext];\n  subgraph {\n");
    for r in log.records.iter().filter(|r| r.number.is_some()) {
        let n = r.number.unwrap_or(0);
        let _ = writeln!(
            out,
            "    _{n} [label=\"{}\"; URL=\"{}\"];",
            dot_escape(&display_title(r)),
            dot_escape(&url(r, dir, prefix, ext))
        );
        if n > 1 {
            let _ = writeln!(out, "    _{} -> _{n} [style=\"dotted\", weight=1];", n - 1);
        }
    }
    out.push_str("  }\n");
    for e in log.records.iter().flat_map(edges) {
        let _ = writeln!(
            out,
            "  _{} -> _{} [label=\"{}\", weight=0]",
            e.from,
            e.to,
            dot_escape(&e.label)
        );
    }
    out.push_str("}\n");
    out
}

/// The same graph as a Mermaid flowchart, for Markdown renderers that draw Mermaid.
pub fn graph_mermaid(log: &DecisionLog, dir: &Path, prefix: &str, ext: &str) -> String {
    let mut out = String::from("flowchart TD\n");
    for r in log.records.iter().filter(|r| r.number.is_some()) {
        let n = r.number.unwrap_or(0);
        let title = display_title(r).replace('"', "#quot;");
        let _ = writeln!(out, "  _{n}[\"{title}\"]");
        let _ = writeln!(out, "  click _{n} \"{}\"", url(r, dir, prefix, ext));
        if n > 1 && log.records.iter().any(|p| p.number == Some(n - 1)) {
            let _ = writeln!(out, "  _{} -.-> _{n}", n - 1);
        }
    }
    for e in log.records.iter().flat_map(edges) {
        let label = e.label.replace('"', "#quot;").replace('|', "#124;");
        let _ = writeln!(out, "  _{} -->|\"{label}\"| _{}", e.from, e.to);
    }
    out
}
