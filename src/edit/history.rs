//! The dated status history of a record that keeps its status in the Markdown body: a list of
//! `- YYYY-MM-DD Status` items under the status line. In a `## Status` section the list follows
//! the status line after a blank line, so the status is still the section's first line (as
//! adr-tools writes it, and what adr-tools' own edits look for); under a MADR 2 `- Status:`
//! bullet it is a nested list. The parser reads these items as history, never as the status.

use super::body::{bullet_prefix, code_lines, is_heading, status_heading};
use super::{Lines, NewStatus};
use crate::model::Record;
use crate::parse::markdown::history_item;

/// Where the history of the status on line `at` lives.
enum Home {
    /// A status section: its lines after the heading, up to the next heading.
    Section { end: usize },
    /// Nested under a bulleted preamble status line, with this item prefix.
    Nested { prefix: String },
}

fn home(lines: &Lines, record: &Record, at: usize) -> Option<Home> {
    // The record may be a line or two behind `lines` (a status line just inserted above a
    // link), but never above the status heading, which is all this asks.
    if status_heading(lines, record).is_some() {
        let code = code_lines(lines);
        let end = (at + 1..lines.len())
            .find(|&i| is_heading(lines, &code, i))
            .unwrap_or(lines.len());
        return Some(Home::Section { end });
    }
    // A plain `Status: x` paragraph line has no list to nest a history in; a list after it
    // would swallow the next preamble line.
    let status_line = lines.content(at);
    let prefix = bullet_prefix(status_line);
    let bullet = prefix.trim_start();
    (!bullet.is_empty()).then(|| Home::Nested {
        prefix: format!("{}  {bullet}", &prefix[..prefix.len() - bullet.len()]),
    })
}

/// Dates a status change of the status on line `at` (0-based): appends `DATE word` to the
/// history list, starting the list, when there is none yet, with the old status at the
/// record's date (as front matter's `status_history` starts). `old` is the old status's words.
/// Records whose status has no place for a list keep no history (a plain `Status:` line).
pub fn record_change(
    lines: &mut Lines,
    record: &Record,
    at: usize,
    old: Option<&str>,
    status: &NewStatus,
    word: &str,
) {
    let Some(home) = home(lines, record, at) else {
        return;
    };
    let (first, last) = match &home {
        Home::Section { end } => (at + 1, *end),
        // Nested items and links follow the status line without a break.
        Home::Nested { .. } => (at + 1, status_block_end(lines, at)),
    };
    let items: Vec<usize> = (first..last)
        .filter(|&i| history_item(lines.content(i)).is_some())
        .collect();
    if let Some(&after) = items.last() {
        let prefix = bullet_prefix(lines.content(after)).to_string();
        let words = status.history_words(word);
        lines.insert(after + 1, &[format!("{prefix}{} {words}", status.date)]);
        return;
    }
    let mut new = Vec::new();
    let prefix = match &home {
        Home::Section { .. } => {
            new.push(String::new());
            "- ".to_string()
        }
        Home::Nested { prefix } => prefix.clone(),
    };
    if let (Some(old), Some(date)) = (old, &record.date_iso) {
        new.push(format!("{prefix}{date} {old}"));
    }
    new.push(format!(
        "{prefix}{} {}",
        status.date,
        status.history_words(word)
    ));
    let next = at + 1;
    if matches!(home, Home::Section { .. })
        && next < lines.len()
        && !lines.content(next).trim().is_empty()
    {
        new.push(String::new());
    }
    lines.insert(next, &new);
}

/// The 0-based line after the preamble status line `at` and the history items and links that
/// follow it without a break.
pub fn status_block_end(lines: &Lines, at: usize) -> usize {
    let mut i = at + 1;
    while i < lines.len() && continues_status(lines.content(i)) {
        i += 1;
    }
    i
}

/// A line that belongs to a preamble status line: a link or a history item under it.
fn continues_status(line: &str) -> bool {
    history_item(line).is_some() || crate::parse::markdown::link_line(line, 1).is_some()
}
