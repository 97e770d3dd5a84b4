//! The review as GitHub workflow commands: errors and warnings on findings, notices on changed
//! records and governed files.
//!
//! GitHub shows only the first few annotations of each kind per step, so errors come first,
//! then warnings, then notices, at most [`MAX_ANNOTATIONS`] of them, and one last notice says
//! how many more there are.

use super::Review;
use crate::model::Severity;
use std::fmt::Write as _;

pub const MAX_ANNOTATIONS: usize = 50;

struct Annotation {
    level: &'static str,
    path: String,
    line: Option<usize>,
    title: String,
    message: String,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Note => "notice",
        s => s.as_str(),
    }
}

fn status(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("no status")
}

fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn prop(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub fn github(r: &Review) -> String {
    let mut all = annotations(r);
    let rank = |l: &str| match l {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    };
    all.sort_by_key(|a| rank(a.level));
    let mut o = String::new();
    for a in all.iter().take(MAX_ANNOTATIONS) {
        let line = a.line.map(|l| format!(",line={l}")).unwrap_or_default();
        let _ = writeln!(
            o,
            "::{} file={}{line},title={}::{}",
            a.level,
            prop(&a.path),
            prop(&a.title),
            data(&a.message)
        );
    }
    if all.len() > MAX_ANNOTATIONS {
        let rest = &all[MAX_ANNOTATIONS..];
        let count = |l: &str| rest.iter().filter(|a| a.level == l).count();
        let _ = writeln!(
            o,
            "::notice title={}::{} more not shown ({}, {}, {}); \
             `adr review --format json` lists them all",
            prop("adr review: more annotations"),
            rest.len(),
            crate::view::count(count("error"), "error"),
            crate::view::count(count("warning"), "warning"),
            crate::view::count(count("notice"), "notice")
        );
    }
    o
}

fn annotations(r: &Review) -> Vec<Annotation> {
    let mut out = Vec::new();
    let mut add = |level, path: &str, line, title: &str, message: String| {
        out.push(Annotation {
            level,
            path: path.to_string(),
            line,
            title: format!("adr review: {title}"),
            message,
        })
    };
    for x in &r.added {
        let msg = format!("{} ({})", x.label(), status(&x.status));
        add("notice", &x.path, Some(1), "decision added", msg);
    }
    for x in &r.status_changes {
        let (from, to) = (status(&x.from), status(&x.to));
        let msg = format!("{}: {from} -> {to}", x.record.label());
        add("notice", &x.record.path, Some(1), "status change", msg);
    }
    for x in &r.superseded {
        let msg = format!("{} superseded by {}", x.record.label(), x.by.label());
        add("notice", &x.record.path, Some(1), "superseded", msg);
    }
    for e in &r.accepted_edits {
        let msg = "accepted decisions are superseded, not rewritten".to_string();
        let title = "accepted decision edited";
        add(level(e.severity), &e.record.path, Some(e.line), title, msg);
    }
    for g in &r.governing {
        for f in &g.files {
            let msg = format!("{} ({})", g.record.label(), g.record.path);
            add("notice", f, None, "governed by", msg);
        }
    }
    for f in &r.findings {
        add(
            level(f.severity),
            &f.path,
            f.line,
            f.rule,
            f.message.clone(),
        );
    }
    out
}
