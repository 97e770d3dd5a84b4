//! The review as a pull-request comment (Markdown) and as GitHub annotations.

use super::{RecordRef, Review};
use crate::model::Severity;
use std::fmt::Write as _;

/// Hidden first line of the comment, so a CI job can find and update its one sticky comment.
pub const MARKER: &str = "<!-- adr-review -->";

fn link(r: &RecordRef) -> String {
    let label = r.label().replace(['[', ']'], "");
    match &r.url {
        Some(u) => format!("[{label}]({u})"),
        None => format!("`{label}`"),
    }
}

fn status(s: &Option<String>) -> String {
    s.clone().unwrap_or_else(|| "no status".into())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A comment a reviewer reads in ten seconds: one headline of counts, then sections.
pub fn markdown(r: &Review) -> String {
    let s = &r.summary;
    let mut o = String::new();
    let _ = writeln!(o, "{MARKER}\n## Decision review\n");
    let mut head = Vec::new();
    for (n, one, many) in [
        (s.added, "decision added", "decisions added"),
        (s.superseded, "supersession", "supersessions"),
        (s.status_changes, "status change", "status changes"),
        (s.renamed, "renamed", "renamed"),
        (s.removed, "removed", "removed"),
        (
            s.accepted_edits,
            "edit to an accepted decision",
            "edits to accepted decisions",
        ),
        (s.governing, "governing decision", "governing decisions"),
    ] {
        if n > 0 {
            head.push(plural(n, one, many));
        }
    }
    if head.is_empty() {
        head.push("no decision changes".into());
    }
    let verdict = match (s.errors, s.warnings) {
        (0, 0) => "✅ no findings".to_string(),
        (e, w) => format!(
            "{} {}, {}",
            if e > 0 { "❌" } else { "⚠️" },
            plural(e, "error", "errors"),
            plural(w, "warning", "warnings")
        ),
    };
    let _ = writeln!(o, "**{}** · {verdict}\n", head.join(" · "));
    section(
        &mut o,
        "Added",
        r.added
            .iter()
            .map(|x| format!("{} — {}", link(x), status(&x.status))),
    );
    section(
        &mut o,
        "Superseded",
        r.superseded
            .iter()
            .map(|x| format!("{} → superseded by {}", link(&x.record), link(&x.by))),
    );
    section(
        &mut o,
        "Status changes",
        r.status_changes.iter().map(|x| {
            format!(
                "{}: {} → **{}**",
                link(&x.record),
                status(&x.from),
                status(&x.to)
            )
        }),
    );
    section(
        &mut o,
        "Renamed or renumbered",
        r.renamed.iter().map(|x| {
            format!(
                "`{}` → {}{}",
                x.from.path,
                link(&x.to),
                if x.renumbered { " (renumbered)" } else { "" }
            )
        }),
    );
    section(
        &mut o,
        "Removed",
        r.removed
            .iter()
            .map(|x| format!("{} (`{}`)", link(x), x.path)),
    );
    if !r.accepted_edits.is_empty() {
        let _ = writeln!(
            o,
            "### Edits to accepted decisions\n\nAccepted decisions are superseded, not rewritten.\n"
        );
        for e in &r.accepted_edits {
            let _ = writeln!(
                o,
                "<details><summary>{}</summary>\n\n```diff\n{}```\n</details>\n",
                link(&e.record),
                e.diff
            );
        }
    }
    section(
        &mut o,
        "Decisions that govern this change",
        r.governing.iter().map(|g| {
            let files: Vec<String> = g.files.iter().take(5).map(|f| format!("`{f}`")).collect();
            let more = if g.files.len() > 5 {
                format!(" and {} more", g.files.len() - 5)
            } else {
                String::new()
            };
            format!("{}: {}{more}", link(&g.record), files.join(", "))
        }),
    );
    section(
        &mut o,
        "Findings",
        r.findings.iter().map(|f| {
            let icon = if f.severity == Severity::Error {
                "❌"
            } else {
                "⚠️"
            };
            let at = f
                .line
                .map(|l| format!("{}:{l}", f.path))
                .unwrap_or_else(|| f.path.clone());
            format!("{icon} `{at}` {}: {}", f.rule, f.message)
        }),
    );
    o
}

fn section(o: &mut String, title: &str, items: impl Iterator<Item = String>) {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        return;
    }
    let _ = writeln!(o, "### {title}\n");
    for i in items {
        let _ = writeln!(o, "- {i}");
    }
    let _ = writeln!(o);
}

/// GitHub workflow commands: notices on changed records, warnings and errors on findings.
pub fn github(r: &Review) -> String {
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let prop = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut o = String::new();
    let mut emit = |level: &str, path: &str, line: Option<usize>, title: &str, msg: &str| {
        let line = line.map(|l| format!(",line={l}")).unwrap_or_default();
        let _ = writeln!(
            o,
            "::{level} file={}{line},title={}::{}",
            prop(path),
            prop(title),
            data(msg)
        );
    };
    for x in &r.added {
        emit(
            "notice",
            &x.path,
            Some(1),
            "adr review: decision added",
            &format!("{} ({})", x.label(), status(&x.status)),
        );
    }
    for x in &r.status_changes {
        emit(
            "notice",
            &x.record.path,
            Some(1),
            "adr review: status change",
            &format!(
                "{}: {} -> {}",
                x.record.label(),
                status(&x.from),
                status(&x.to)
            ),
        );
    }
    for x in &r.superseded {
        emit(
            "notice",
            &x.record.path,
            Some(1),
            "adr review: superseded",
            &format!("{} superseded by {}", x.record.label(), x.by.label()),
        );
    }
    for e in &r.accepted_edits {
        let level = if e.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        emit(
            level,
            &e.record.path,
            Some(e.line),
            "adr review: accepted decision edited",
            "accepted decisions are superseded, not rewritten",
        );
    }
    for g in &r.governing {
        for f in &g.files {
            emit(
                "notice",
                f,
                None,
                "adr review: governed by",
                &format!("{} ({})", g.record.label(), g.record.path),
            );
        }
    }
    for f in &r.findings {
        let level = if f.severity == Severity::Error {
            "error"
        } else {
            "warning"
        };
        emit(
            level,
            &f.path,
            f.line,
            &format!("adr review: {}", f.rule),
            &f.message,
        );
    }
    o
}
