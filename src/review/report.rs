//! The review as a pull-request comment (Markdown), kept under the size forges accept.
//!
//! The comment leads with what needs a reviewer's decision — status changes, supersessions,
//! rewritten accepted decisions, the decisions that govern the change — then records added,
//! renamed or removed, and the findings last. Titles are text a team wrote: they are escaped,
//! never put in code spans they could close (a title with a backtick), and paths go in code
//! spans no backtick inside can close.
//!
//! GitHub rejects comments over 65,536 characters, and a 10,000-record repository can have
//! thousands of governing decisions. The comment keeps the headline counts, then the record
//! sections and findings complete when they fit (shared out evenly when they do not), then the
//! diffs of accepted edits, then the governing decisions; whatever is cut says how much and
//! points at `adr review --format json`, which always has everything.

use super::{RecordRef, Review};
use crate::model::Severity;
use std::fmt::Write as _;

/// Hidden first line of the comment, so a CI job can find and update its one sticky comment.
pub const MARKER: &str = "<!-- adr-review -->";

/// Upper bound of the comment in bytes (so also in characters), under GitHub's 65,536.
pub const MAX_COMMENT: usize = 60_000;
/// Governing decisions listed at most, and changed files named per decision.
pub const MAX_GOVERNING: usize = 50;
pub const FILES_PER_GOVERNING: usize = 5;
/// One accepted edit's diff is cut at this size.
pub const MAX_DIFF: usize = 6_000;

const MORE: &str = "see `adr review --format json`";

/// A record as Markdown: its escaped label, linked when it has a URL.
fn link(r: &RecordRef) -> String {
    let label = escape(&r.label());
    match &r.url {
        Some(u) => format!("[{label}]({})", url(u)),
        None => label,
    }
}

/// Text shown as itself in GitHub and GitLab Markdown: every character that could start
/// emphasis, a code span, a link, HTML, an entity, math (`$`) or a mention (`@`) is escaped
/// (CommonMark lets any ASCII punctuation be escaped with `\`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '!' | '|' | '~' | '$' | '@'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A link destination no space or bracket in it can cut short.
fn url(u: &str) -> String {
    u.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// `text` as a code span that no backtick inside can close (CommonMark: a longer run of
/// backticks around it, and a space inside when it starts or ends with one).
pub fn code(text: &str) -> String {
    let ticks = "`".repeat(longest_backtick_run(text) + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A link inside HTML (`<summary>`), where Markdown is not rendered.
fn html_link(r: &RecordRef) -> String {
    let label = html_escape(&r.label());
    match &r.url {
        Some(u) => format!("<a href=\"{}\">{label}</a>", html_escape(u)),
        None => format!("<code>{label}</code>"),
    }
}

fn status(s: &Option<String>) -> String {
    s.clone().unwrap_or_else(|| "no status".into())
}

/// A fence for `code` that nothing inside can close: longer than its longest run of backticks
/// (CommonMark), and at least three.
pub fn fence(code: &str) -> String {
    "`".repeat((longest_backtick_run(code) + 1).max(3))
}

fn longest_backtick_run(text: &str) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// A section: a heading, an optional line under it, and items (list items or blocks).
struct Section {
    title: &'static str,
    intro: &'static str,
    items: Vec<String>,
    /// Items are `- ` list items; else blocks of their own.
    bullets: bool,
    /// How many items to show at most, whatever the room.
    cap: usize,
    /// How many are shown, once the room is shared out.
    keep: usize,
}

impl Section {
    fn new(title: &'static str, items: Vec<String>) -> Section {
        let n = items.len();
        Section {
            title,
            intro: "",
            items,
            bullets: true,
            cap: n,
            keep: n,
        }
    }

    fn cost(&self, i: usize) -> usize {
        self.items[i].len() + if self.bullets { 3 } else { 1 }
    }

    /// The heading, the intro and a "… and N more" line: room taken whatever is kept.
    fn overhead(&self) -> usize {
        if self.items.is_empty() {
            0
        } else {
            self.title.len() + self.intro.len() + 110
        }
    }

    /// How many items fit in `room`, up to `limit`.
    fn fit(&self, room: usize, limit: usize) -> (usize, usize) {
        let mut used = 0;
        let mut n = 0;
        while n < limit.min(self.cap).min(self.items.len()) && used + self.cost(n) <= room {
            used += self.cost(n);
            n += 1;
        }
        (n, used)
    }

    fn render(&self, o: &mut String) {
        if self.items.is_empty() {
            return;
        }
        let _ = writeln!(o, "### {}\n", self.title);
        if !self.intro.is_empty() {
            let _ = writeln!(o, "{}\n", self.intro);
        }
        for i in &self.items[..self.keep] {
            if self.bullets {
                let _ = writeln!(o, "- {i}");
            } else {
                let _ = writeln!(o, "{i}");
            }
        }
        let rest = self.items.len() - self.keep;
        if rest > 0 {
            let _ = writeln!(o, "- … and {rest} more ({MORE})");
        }
        // A block item ends with its own blank line.
        if self.bullets || rest > 0 {
            let _ = writeln!(o);
        }
    }
}

/// A comment a reviewer reads in ten seconds: one headline of counts, then sections.
pub fn markdown(r: &Review) -> String {
    markdown_within(r, MAX_COMMENT)
}

/// [`markdown`] in at most `max` bytes (a few hundred at the least).
pub fn markdown_within(r: &Review, max: usize) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{MARKER}\n## Decision review\n");
    let _ = writeln!(o, "{}\n", headline(r));
    let mut sections = sections(r);
    // Record sections and findings first, then edits' diffs, then governing decisions.
    let footer = 120;
    let overhead: usize = sections.iter().map(Section::overhead).sum();
    let mut room = max.saturating_sub(o.len() + footer + overhead);
    room -= share(&mut sections, &RECORDS, room);
    for i in LATER {
        let (n, used) = sections[i].fit(room, usize::MAX);
        sections[i].keep = n;
        room -= used;
    }
    for s in &sections {
        s.render(&mut o);
    }
    if sections.iter().any(|s| s.keep < s.items.len()) {
        let _ = writeln!(
            o,
            "_Shortened to fit in a comment; every decision and file: `adr review --format json`._"
        );
    }
    o
}

/// Keeps every item of the sections `which` when they fit in `room`; else the most items per
/// section that fit, the same number for each. Returns the room used.
fn share(sections: &mut [Section], which: &[usize], room: usize) -> usize {
    let used_with = |sections: &[Section], limit: usize| -> Option<usize> {
        which.iter().try_fold(0usize, |acc, &i| {
            let (_, used) = sections[i].fit(usize::MAX, limit);
            let total = acc + used;
            (total <= room).then_some(total)
        })
    };
    let most = which
        .iter()
        .map(|&i| sections[i].items.len())
        .max()
        .unwrap_or(0);
    // The largest per-section limit that fits, by bisection.
    let (mut lo, mut hi) = (0, most);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if used_with(sections, mid).is_some() {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    for &i in which {
        sections[i].keep = sections[i].items.len().min(lo);
    }
    used_with(sections, lo).unwrap_or(0)
}

fn headline(r: &Review) -> String {
    let s = &r.summary;
    let mut head = Vec::new();
    for (n, one, many) in [
        (s.status_changes, "status change", "status changes"),
        (s.superseded, "supersession", "supersessions"),
        (
            s.accepted_edits,
            "edit to an accepted decision",
            "edits to accepted decisions",
        ),
        (s.governing, "governing decision", "governing decisions"),
        (
            s.awaiting_approval,
            "awaiting approval",
            "awaiting approval",
        ),
        (s.added, "decision added", "decisions added"),
        (s.renamed, "renamed", "renamed"),
        (s.removed, "removed", "removed"),
    ] {
        if n > 0 {
            head.push(crate::view::count_as(n, one, many));
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
            crate::view::count(e, "error"),
            crate::view::count(w, "warning")
        ),
    };
    format!("**{}** · {verdict}", head.join(" · "))
}

/// The sections kept whole first, room permitting: the record sections and the findings.
const RECORDS: [usize; 7] = [0, 1, 2, 5, 6, 7, 8];
/// Then, in this order, what the rest of the room holds: the edits' diffs, then the governing
/// decisions.
const LATER: [usize; 2] = [3, 4];

/// Every section, in the order the comment shows them.
fn sections(r: &Review) -> Vec<Section> {
    let added = r.added.iter().map(|x| match &x.summary {
        Some(s) => format!("{} — {}<br>{}", link(x), status(&x.status), escape(s)),
        None => format!("{} — {}", link(x), status(&x.status)),
    });
    let superseded = r
        .superseded
        .iter()
        .map(|x| format!("{} → superseded by {}", link(&x.record), link(&x.by)));
    let moves = r.status_changes.iter().map(|x| {
        format!(
            "{}: {} → **{}**",
            link(&x.record),
            status(&x.from),
            status(&x.to)
        )
    });
    let renamed = r.renamed.iter().map(|x| {
        format!(
            "{} → {}{}",
            code(&x.from.path),
            link(&x.to),
            if x.renumbered { " (renumbered)" } else { "" }
        )
    });
    let removed = r
        .removed
        .iter()
        .map(|x| format!("{} ({})", link(x), code(&x.path)));
    let mut edits = Section::new("Edits to accepted decisions", edit_blocks(r));
    edits.intro = "Accepted decisions are superseded, not rewritten.";
    edits.bullets = false;
    let mut governing = Section::new("Decisions that govern this change", governing_items(r));
    governing.cap = MAX_GOVERNING;
    // What needs a reviewer's decision first; the indices are [`RECORDS`] and [`LATER`].
    vec![
        Section::new("Status changes", moves.collect()),
        Section::new("Approvals", approval_items(r)),
        Section::new("Superseded", superseded.collect()),
        edits,
        governing,
        Section::new("Added", added.collect()),
        Section::new("Renamed or renumbered", renamed.collect()),
        Section::new("Removed", removed.collect()),
        Section::new("Findings", finding_items(r)),
    ]
}

/// `[0012 Use X](url) — proposed: approved by Ana (1 of 2); awaiting 1 more of Bo, Chen`.
fn approval_items(r: &Review) -> Vec<String> {
    r.approvals
        .iter()
        .map(|a| {
            let by = match a.approved_by.as_slice() {
                [] => "no approval yet".to_string(),
                names => format!("approved by {}", escape(&names.join(", "))),
            };
            let count = match a.needed {
                0 => String::new(),
                n => format!(" ({} of {n})", a.approved_by.len()),
            };
            let state = crate::governance::ApprovalState {
                needed: a.needed,
                approved: a.approved_by.clone(),
                awaiting: a.awaiting.clone(),
            };
            let awaiting = match (state.complete(), a.needed) {
                (true, 0) => String::new(),
                (true, _) => " ✅".to_string(),
                (false, _) => format!("; **awaiting {}**", escape(&state.missing_text())),
            };
            format!(
                "{} — {}: {by}{count}{awaiting}",
                link(&a.record),
                status(&a.record.status)
            )
        })
        .collect()
}

/// One `<details>` block per edit, its diff in a fence nothing in the diff can close.
fn edit_blocks(r: &Review) -> Vec<String> {
    r.accepted_edits
        .iter()
        .map(|e| {
            let diff = shorten_diff(&e.diff, MAX_DIFF);
            let f = fence(&diff);
            format!(
                "<details><summary>{}</summary>\n\n{f}diff\n{diff}{f}\n</details>\n",
                html_link(&e.record)
            )
        })
        .collect()
}

/// The first lines of `diff` that fit in `max` bytes, and how many lines were left out.
fn shorten_diff(diff: &str, max: usize) -> String {
    if diff.len() <= max {
        return diff.to_string();
    }
    let mut out = String::new();
    let mut lines = diff.lines();
    for l in lines.by_ref() {
        if out.len() + l.len() + 1 > max {
            let rest = 1 + lines.count();
            let _ = writeln!(out, "… {rest} more lines ({MORE})");
            return out;
        }
        let _ = writeln!(out, "{l}");
    }
    out
}

fn governing_items(r: &Review) -> Vec<String> {
    r.governing
        .iter()
        .map(|g| {
            let files: Vec<String> = g
                .files
                .iter()
                .take(FILES_PER_GOVERNING)
                .map(|f| code(f))
                .collect();
            let more = match g.files.len().saturating_sub(FILES_PER_GOVERNING) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            format!("{}: {}{more}", link(&g.record), files.join(", "))
        })
        .collect()
}

fn finding_items(r: &Review) -> Vec<String> {
    r.findings
        .iter()
        .map(|f| {
            let icon = match f.severity {
                Severity::Error => "❌",
                Severity::Warning => "⚠️",
                Severity::Note => "ℹ️",
            };
            let at = f
                .line
                .map(|l| format!("{}:{l}", f.path))
                .unwrap_or_else(|| f.path.clone());
            format!("{icon} {} {}: {}", code(&at), f.rule, f.message)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fence_is_longer_than_any_backtick_run() {
        assert_eq!(fence("plain"), "```");
        assert_eq!(fence("+```rust\n+x\n+```\n"), "````");
        assert_eq!(fence("+`````"), "``````");
    }

    #[test]
    fn summary_links_are_escaped_html() {
        let r = RecordRef {
            id: "0001-a".into(),
            number: Some(1),
            title: "Use <b> & \"c\"".into(),
            status: None,
            path: "doc/adr/0001-a.md".into(),
            url: Some("https://x.example/?a=1&b=\"2\"".into()),
            summary: None,
        };
        assert_eq!(
            html_link(&r),
            "<a href=\"https://x.example/?a=1&amp;b=&quot;2&quot;\">0001 Use &lt;b&gt; &amp; \
             &quot;c&quot;</a>"
        );
        let r = RecordRef { url: None, ..r };
        assert!(html_link(&r).starts_with("<code>0001 Use &lt;b&gt;"));
    }

    #[test]
    fn titles_are_escaped_and_paths_in_spans_nothing_closes() {
        let r = RecordRef {
            id: "0007-x".into(),
            number: Some(7),
            title: "Use `unsafe` *only* in [ffi] <mod>".into(),
            status: None,
            path: "doc/adr/0007-`x`.md".into(),
            url: None,
            summary: None,
        };
        assert_eq!(
            link(&r),
            "0007 Use \\`unsafe\\` \\*only\\* in \\[ffi\\] \\<mod\\>"
        );
        let r = RecordRef {
            url: Some("https://x.example/r/a b (1).html".into()),
            ..r
        };
        assert!(
            link(&r).ends_with("](https://x.example/r/a%20b%20%281%29.html)"),
            "{}",
            link(&r)
        );
        assert_eq!(code("doc/adr/0007-`x`.md"), "``doc/adr/0007-`x`.md``");
        assert_eq!(code("`a`"), "`` `a` ``");
    }

    #[test]
    fn long_diffs_are_cut_at_a_line() {
        let diff: String = (0..100).map(|i| format!("+line {i}\n")).collect();
        let short = shorten_diff(&diff, 100);
        assert!(short.len() < 160, "{short}");
        assert!(short.starts_with("+line 0\n"));
        assert!(short.contains("more lines"), "{short}");
    }
}
