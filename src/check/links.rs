//! Link rules: targets that do not exist, links without their reverse (what an interrupted
//! supersede or link leaves behind), superseded records without a successor, rejected
//! successors and supersede cycles.

use super::graph::{LinkGraph, Target};
use super::{Context, finding};
use crate::model::{DecisionLog, Diagnostic, Lifecycle, Record, SUPERSEDED_BY, SUPERSEDES};

/// The reverse of a link kind, when it is a known pair.
pub fn reverse_kind(kind: &str) -> Option<String> {
    const PAIRS: &[(&str, &str)] = &[
        (SUPERSEDES, SUPERSEDED_BY),
        ("amends", "amended-by"),
        ("clarifies", "clarified-by"),
        ("extends", "extended-by"),
        ("refines", "refined-by"),
        ("depends-on", "depended-on-by"),
        ("relates-to", "relates-to"),
    ];
    PAIRS.iter().find_map(|(a, b)| {
        if kind == *a {
            Some(b.to_string())
        } else if kind == *b {
            Some(a.to_string())
        } else {
            None
        }
    })
}

fn name(r: &Record) -> String {
    r.path.display().to_string()
}

pub fn check(ctx: &Context<'_>, graph: &LinkGraph, out: &mut Vec<Diagnostic>) {
    let log = ctx.log;
    for (i, r) in log.records.iter().enumerate() {
        if !ctx.wants(&r.path) {
            continue;
        }
        for (li, target) in &graph.edges[i] {
            let link = &r.links[*li];
            match target {
                Target::Missing => out.push(finding(
                    "dangling-link",
                    &r.path,
                    Some(link.line),
                    format!(
                        "`{}` link to `{}`: no such record or file",
                        link.label, link.target
                    ),
                )),
                Target::Record(j) => one_sided(log, graph, i, *li, *j, out),
                Target::File | Target::External => {}
            }
        }
        superseded(log, graph, i, out);
    }
    cycles(log, graph, out);
}

fn one_sided(
    log: &DecisionLog,
    graph: &LinkGraph,
    i: usize,
    li: usize,
    j: usize,
    out: &mut Vec<Diagnostic>,
) {
    let (r, link) = (&log.records[i], &log.records[i].links[li]);
    if i == j {
        return;
    }
    let back: Vec<&str> = graph.edges[j]
        .iter()
        .filter(|(_, t)| *t == Target::Record(i))
        .map(|(lj, _)| log.records[j].links[*lj].kind.as_str())
        .collect();
    let ok = match reverse_kind(&link.kind) {
        Some(rev) => back.iter().any(|k| *k == rev),
        None => !back.is_empty(),
    };
    if !ok {
        let want = reverse_kind(&link.kind).unwrap_or_else(|| "a link".into());
        out.push(finding(
            "one-sided-link",
            &r.path,
            Some(link.line),
            format!(
                "`{} {}`, but that record has no `{want}` link back (a half-applied change?)",
                link.label, link.target
            ),
        ));
    }
}

fn superseded(log: &DecisionLog, graph: &LinkGraph, i: usize, out: &mut Vec<Diagnostic>) {
    let r = &log.records[i];
    let successors: Vec<usize> = graph.targets(log, i, SUPERSEDED_BY).collect();
    let says_superseded = r
        .status
        .as_ref()
        .is_some_and(|s| s.state == Lifecycle::Superseded);
    let line = r.status.as_ref().map(|s| s.line);
    let has_successor_link = r.links.iter().any(|l| l.kind == SUPERSEDED_BY);
    if says_superseded && !has_successor_link {
        out.push(finding(
            "superseded-without-successor",
            &r.path,
            line,
            "status is superseded but no record is named as its successor (add a `Superseded by` link)".into(),
        ));
    }
    for j in successors {
        let s = &log.records[j];
        if s.status
            .as_ref()
            .is_some_and(|st| st.state == Lifecycle::Rejected)
        {
            out.push(finding(
                "rejected-successor",
                &r.path,
                line,
                format!("superseded by {}, which was rejected", name(s)),
            ));
        }
    }
}

/// Follows `superseded-by` edges; a path that comes back to where it started is a cycle.
fn cycles(log: &DecisionLog, graph: &LinkGraph, out: &mut Vec<Diagnostic>) {
    let n = log.records.len();
    // 0 unvisited, 1 on the current path, 2 done.
    let mut state = vec![0u8; n];
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, Vec<usize>)> =
            vec![(start, graph.targets(log, start, SUPERSEDED_BY).collect())];
        state[start] = 1;
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            match next.pop() {
                Some(m) if state[m] == 1 => {
                    let r = &log.records[node];
                    out.push(finding(
                        "supersede-cycle",
                        &r.path,
                        r.status.as_ref().map(|s| s.line),
                        format!(
                            "superseded by {}, which is (eventually) superseded by this record",
                            name(&log.records[m])
                        ),
                    ));
                }
                Some(m) if state[m] == 0 => {
                    state[m] = 1;
                    let succ = graph.targets(log, m, SUPERSEDED_BY).collect();
                    stack.push((m, succ));
                }
                Some(_) => {}
                None => {
                    state[node] = 2;
                    stack.pop();
                }
            }
        }
    }
}
