//! Link rules: targets that do not exist, links without their reverse (what an interrupted
//! supersede or link leaves behind), superseded records without a successor, rejected
//! successors and supersede cycles.

use super::{Context, finding};
pub use crate::links::reverse_kind;
use crate::links::{LinkGraph, Target};
use crate::model::{DecisionLog, Diagnostic, Lifecycle, Link, Record, SUPERSEDED_BY, SUPERSEDES};
use crate::parse::words::normalise_link_kind;
use std::collections::HashMap;

fn is_supersede(kind: &str) -> bool {
    kind == SUPERSEDES || kind == SUPERSEDED_BY
}

/// The kinds of the links record `j` has back to record `i`.
fn back_kinds<'a>(log: &'a DecisionLog, graph: &'a LinkGraph, j: usize, i: usize) -> Vec<&'a str> {
    graph.kinds_between(log, j, i)
}

/// Whether record `j` answers a `kind` link from record `i`. Teams name their own pairs
/// (`adr link 3 "Depends on" 2 "Needed by"`), so any link back will do — except for the
/// supersede pair, whose reverse is fixed: the superseded side's `Superseded by` is what names
/// its successor and makes its status true.
pub fn links_back(log: &DecisionLog, graph: &LinkGraph, i: usize, kind: &str, j: usize) -> bool {
    // A record marked `Superseded` by hand answers the record that says it supersedes it: the
    // relation is whole as a person reads it (an interrupted `adr supersede` leaves the older
    // record's status as it was).
    let marked = |j: usize| {
        (log.records[j].status.as_ref()).is_some_and(|s| s.state == Lifecycle::Superseded)
    };
    if kind == SUPERSEDES && marked(j) {
        return true;
    }
    let back = back_kinds(log, graph, j, i);
    match reverse_kind(kind).filter(|_| is_supersede(kind)) {
        Some(rev) => back.contains(&rev.as_str()),
        None => !back.is_empty(),
    }
}

/// Whether a link is of a form `adr` writes in pairs, so that a missing reverse is what an
/// interrupted `adr supersede` or `adr link` leaves: a front-matter link, or a link line
/// (`Supercedes [1. A](0001-a.md)`). A relation stated in passing — in a status value (MADR's
/// `status: superseded by ADR-12`), a sentence ("This ADR supersedes ADRs 60 and 61") or a
/// metadata line — is the author's statement in one place, and asks nothing of its target.
///
/// Nor does the answering side of a known pair (`Superseded by`, `Amended by`): a change
/// writes the acting record's link first and its answer second (doc/adr 0008), so an answer
/// alone is never what an interrupted run leaves. It is how logs kept by hand mark the older
/// record, the one a reader must be sent on from, and the relation is whole as written.
/// A pointer for the reader (`See [ADR 8](0008-x.md)`, `See also`, `Cf.`) is no relation at
/// all.
pub fn wants_reverse(r: &Record, link: &Link) -> bool {
    if crate::links::is_answer(&link.kind) || crate::links::is_mention(&link.kind) {
        return false;
    }
    if link.line < r.body_line {
        return r.status.as_ref().is_none_or(|s| s.line != link.line);
    }
    let Some(text) = r.body.lines().nth(link.line - r.body_line) else {
        return false;
    };
    crate::parse::markdown::link_line(text, link.line)
        .is_some_and(|l| l.kind == link.kind && l.target == link.target)
}

/// The words written for a reverse link: adr-tools' spelling for the supersede pair (both
/// spellings are read), otherwise the kind with its first letter capitalised.
pub fn label(kind: &str) -> String {
    match kind {
        SUPERSEDES => "Supercedes".into(),
        SUPERSEDED_BY => "Superceded by".into(),
        other => crate::edit::capitalise(&other.replace('-', " ")),
    }
}

/// How the links of a log are answered: the known pairs, plus the pairs the log itself uses
/// (`Depends on` answered by `Needed by`), learned from links that have exactly one link back.
pub struct Reverses {
    /// Kind to the label its reverse is written with, when every answered link of that kind
    /// is answered by the same kind.
    learned: HashMap<String, Option<String>>,
}

impl Reverses {
    pub fn learn(log: &DecisionLog, graph: &LinkGraph) -> Reverses {
        let mut learned: HashMap<String, Option<String>> = HashMap::new();
        for (i, r) in log.records.iter().enumerate() {
            for (li, target) in &graph.edges[i] {
                let Target::Record(j) = *target else { continue };
                let kind = &r.links[*li].kind;
                let back: Vec<&Link> = graph.edges[j]
                    .iter()
                    .filter(|(_, t)| *t == Target::Record(i))
                    .map(|(lj, _)| &log.records[j].links[*lj])
                    .collect();
                let ([answer], false) = (back.as_slice(), i == j || is_supersede(kind)) else {
                    continue;
                };
                // A Markdown link keeps the words the team wrote; a front-matter one only has
                // its kind.
                let words = match answer.text {
                    Some(_) => answer.label.clone(),
                    None => label(&answer.kind),
                };
                learned
                    .entry(kind.clone())
                    .and_modify(|seen| {
                        let same = seen.as_deref().and_then(normalise_link_kind)
                            == normalise_link_kind(&words);
                        if !same {
                            *seen = None;
                        }
                    })
                    .or_insert(Some(words));
            }
        }
        Reverses { learned }
    }

    /// The words `--fix` writes to answer a `kind` link: what the log answers that kind with,
    /// else the known pair's reverse; `None` when neither tells (a reverse is never invented).
    pub fn label(&self, kind: &str) -> Option<String> {
        let learned = (!is_supersede(kind))
            .then(|| self.learned.get(kind).cloned().flatten())
            .flatten();
        learned.or_else(|| reverse_kind(kind).map(|k| label(&k)))
    }
}

fn name(r: &Record) -> String {
    r.path.display().to_string()
}

pub fn check(ctx: &Context<'_>, graph: &LinkGraph, out: &mut Vec<Diagnostic>) {
    let log = ctx.log;
    let reverses = Reverses::learn(log, graph);
    // A record whose front matter could not be read may well link back; its links are unknown.
    let broken = super::reading::broken_front_matter(log);
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
                Target::Record(j)
                    if *j != i
                        && wants_reverse(r, link)
                        && !broken.contains_key(&log.records[*j].path)
                        && !links_back(log, graph, i, &link.kind, *j) =>
                {
                    out.push(one_sided(link, &r.path, &reverses))
                }
                Target::Record(_) | Target::File | Target::External => {}
            }
        }
        superseded(log, graph, i, out);
    }
    cycles(log, graph, out);
}

fn one_sided(link: &Link, path: &std::path::Path, reverses: &Reverses) -> Diagnostic {
    // A relation that reads the same both ways (`Relates to`), told in one record, is whole
    // there: logs kept by hand (and log4brains' first two records) write it once.
    if crate::links::reverse_kind(&link.kind).as_deref() == Some(link.kind.as_str()) {
        let message = format!(
            "`{} {}`, but that record does not say it back (`adr check --fix` adds it there)",
            link.label, link.target
        );
        return finding("one-sided-relation", path, Some(link.line), message);
    }
    let what = format!("`{} {}`, but that record has", link.label, link.target);
    let message = match reverses.label(&link.kind) {
        Some(rev) => {
            let rev = normalise_link_kind(&rev).unwrap_or(rev);
            format!(
                "{what} no `{rev}` link back (a half-applied change, or one side written by \
                 hand: `adr check --fix` adds it)"
            )
        }
        None => format!(
            "{what} no link back; the reverse of a `{}` link is not known, so `adr check --fix` \
             leaves it (add one with `adr link`)",
            link.label
        ),
    };
    finding("one-sided-link", path, Some(link.line), message)
}

fn superseded(log: &DecisionLog, graph: &LinkGraph, i: usize, out: &mut Vec<Diagnostic>) {
    let r = &log.records[i];
    // Named from either side: `Superseded by` here, or `Supersedes` in the successor.
    let successors: Vec<usize> = graph.successors(log, i).collect();
    let says_superseded = r
        .status
        .as_ref()
        .is_some_and(|s| s.state == Lifecycle::Superseded);
    let line = r.status.as_ref().map(|s| s.line);
    let has_successor_link = r.links.iter().any(|l| l.kind == SUPERSEDED_BY);
    if says_superseded && !has_successor_link && successors.is_empty() && !status_section_links(r) {
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

/// Whether the record's status section links anywhere (`⌛ Superseded`, then "moved to [the
/// platform repository](https://...)", or "See [ADR 8](0008-x.md)"): the author names what
/// replaced the decision there, often outside this log, where no `Superseded by` link can
/// point.
fn status_section_links(r: &Record) -> bool {
    let Some((head, last)) = crate::parse::markdown::scan(&r.body, r.body_line).status_section
    else {
        return false;
    };
    let lines = r.body.lines().skip(head + 1 - r.body_line);
    lines
        .take(last.saturating_sub(head))
        .any(|l| l.contains("](") || l.contains("://"))
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
