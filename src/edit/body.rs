//! Edits in the Markdown body: the `## Status` section adr-tools writes, `Status:` preamble
//! lines (MADR 2, log4brains), dated status histories, and the `# N. Title` heading.

use super::{EditError, Lines, NewLink, NewStatus, capitalise, history};
use crate::model::{Record, Status};
use crate::parse::markdown::{
    Hidden, Seen, dated_status, heading_level, history_item, is_status_heading, link_line,
};
use crate::parse::reflinks::Definitions;

/// Which lines are inside fenced code blocks (fences included) or HTML comments, as the
/// parser (`parse::markdown::scan`) sees them: a `## Status` in a code sample, in a comment, or
/// after a fence or comment that is never closed, is not a heading.
pub(super) fn code_lines(lines: &Lines) -> Vec<bool> {
    hidden_lines(lines).0
}

/// [`code_lines`], and the first line of a fence or comment that is still open at the end of
/// the file (everything from there on is hidden from the parser).
fn hidden_lines(lines: &Lines) -> (Vec<bool>, Option<usize>) {
    let mut hidden = Hidden::default();
    let mut opened = 0;
    let marks = (0..lines.len())
        .map(|i| {
            let was_open = hidden.is_open();
            let seen = hidden.step(lines.content(i));
            if !was_open && seen != Seen::Shown {
                opened = i;
            }
            seen != Seen::Shown
        })
        .collect();
    (marks, hidden.is_open().then_some(opened))
}

/// Whether line `i` is a Markdown heading outside code.
pub(super) fn is_heading(lines: &Lines, code: &[bool], i: usize) -> bool {
    !code[i] && heading_level(lines.content(i)).is_some()
}

/// The 0-based line of the status section's heading: the last heading above the status line,
/// or the first status heading in the file when the record has no status yet.
pub fn status_heading(lines: &Lines, record: &Record) -> Option<usize> {
    // At any level, as the parser reads a status section: a `# Status` written one level too
    // high is the record's status section too (never its title).
    let code = code_lines(lines);
    let is_status = |i: usize| {
        let c = lines.content(i);
        !code[i]
            && heading_level(c).is_some()
            && is_status_heading(c.trim_start_matches([' ', '#']))
    };
    match &record.status {
        Some(s) => (0..s.line.saturating_sub(1).min(lines.len()))
            .rev()
            .find(|&i| is_heading(lines, &code, i))
            .filter(|&i| is_status(i)),
        None => (0..lines.len()).find(|&i| is_status(i)),
    }
}

/// The record's status as a line an edit may change: `None` when the status is only read from
/// a sentence of the record's text (`**Superseded:** ...`, "this RFC has been superseded by
/// [X](x.md)"), which is no place to write a status or a link: the record is then edited as
/// one that states no status, and the sentence stays as written.
fn status_line<'a>(lines: &Lines, record: &'a Record) -> Option<&'a Status> {
    let status = record.status.as_ref()?;
    let at = status
        .line
        .saturating_sub(1)
        .min(lines.len().saturating_sub(1));
    if lines.is_empty() || status_heading(lines, record).is_some() {
        return Some(status);
    }
    // Read as the parser reads it, reference links inline.
    let definitions = Definitions::of((0..lines.len()).map(|i| lines.content(i)));
    let in_prose =
        crate::parse::prose::superseded_marker(&definitions.inline(lines.content(at))).is_some();
    (!in_prose).then_some(status)
}

/// A record that states no status at all gets a status section where a reader looks for one,
/// in the log's own style: under the title and its metadata lines, before the first section,
/// at that section's heading level (`## Status`, blank line, `Accepted`).
fn add_status_section(lines: &mut Lines, status: &NewStatus) {
    let code = code_lines(lines);
    let first_section = (0..lines.len())
        .find(|&i| is_heading(lines, &code, i) && heading_level(lines.content(i)) != Some(1));
    let level = first_section
        .and_then(|i| heading_level(lines.content(i)))
        .unwrap_or(2);
    let heading = format!("{} Status", "#".repeat(level));
    match first_section {
        Some(at) => lines.insert(
            at,
            &[heading, String::new(), status.word(true), String::new()],
        ),
        None => {
            let blank_end = lines.is_empty() || lines.content(lines.len() - 1).trim().is_empty();
            let mut new = Vec::new();
            if !blank_end {
                new.push(String::new());
            }
            new.extend([heading, String::new(), status.word(true)]);
            lines.insert(lines.len(), &new);
        }
    }
}

/// Sets the status: the status line, or a new line above a `Superceded by` link that was the
/// status; the change is dated in the record's history (see [`history`]). A phodal-style
/// history of `YYYY-MM-DD status` lines, whose last line is the status, gets a new last line.
pub fn set_status(lines: &mut Lines, record: &Record, status: &NewStatus) -> Result<(), EditError> {
    let Some(current) = status_line(lines, record) else {
        match status_heading(lines, record) {
            Some(h) => lines.insert(h + 1, &[String::new(), status.word(true)]),
            None => add_status_section(lines, status),
        }
        return Ok(());
    };
    let i = current.line.saturating_sub(1);
    let content = lines.content(i).to_string();
    let capitalised = !current.raw.starts_with(|c: char| c.is_lowercase());
    let word = status.word(capitalised);
    // The old status as a history entry names it; a link line's target is no status.
    let old = (record.status_history.is_empty()).then(|| current.raw.clone());
    if link_line(&content, current.line).is_some() {
        // Superseded so far: the link line is the status. The new status goes above it.
        lines.insert(i, &[word.clone(), String::new()]);
        let old = old.map(|_| capitalise(current.state.as_str()));
        history::record_change(lines, record, i, old.as_deref(), status, &word);
    } else if !record.status_history.is_empty() && dated_status(&content).is_some() {
        lines.insert(i + 1, &[String::new(), format!("{} {word}", status.date)]);
    } else if history_item(&content).is_some() {
        // The status is only known from the history: the new item is the status.
        history::record_change(lines, record, i, None, status, &word);
    } else if holds_record_link(&current.raw) {
        // `- Status: superseded by [X](x.md)`: the status carries the link to the successor,
        // which stays. The status line says the new status, and the old words, link and all,
        // go on a line of their own after its history (`- Superseded by [X](x.md)`), where a
        // reader takes them for the link they are.
        let old = old.map(|_| capitalise(current.state.as_str()));
        let value = replace_value(&content, &current.raw, &word);
        let labelled = content[bullet_prefix(&content).len()..].trim() != current.raw.trim();
        if labelled {
            lines.set(i, &value);
        } else {
            // The line is the status and nothing else: the new status goes above it.
            lines.insert(i, &[value]);
        }
        history::record_change(lines, record, i, old.as_deref(), status, &word);
        if labelled {
            let end = history::status_block_end(lines, i);
            let prefix = bullet_prefix(&content);
            lines.insert(end, &[format!("{prefix}{}", capitalise(&current.raw))]);
        }
    } else {
        lines.set(i, &replace_value(&content, &current.raw, &word));
        history::record_change(lines, record, i, old.as_deref(), status, &word);
    }
    Ok(())
}

/// Whether a status text holds a Markdown link to a record (`superseded by [X](x.md)`).
fn holds_record_link(raw: &str) -> bool {
    crate::parse::prose::references(raw)
        .iter()
        .any(|(_, _, text)| text.is_some())
}

/// Dates a change to `status` without touching the status line: the history entry of
/// [`set_status`], for a supersede that replaces the status line with a link.
pub fn date_status_change(lines: &mut Lines, record: &Record, status: &NewStatus) {
    let Some(current) = status_line(lines, record) else {
        return;
    };
    let i = current.line.saturating_sub(1);
    let content = lines.content(i).to_string();
    if link_line(&content, current.line).is_some() || dated_status(&content).is_some() {
        return;
    }
    let capitalised = !current.raw.starts_with(|c: char| c.is_lowercase());
    let old = (record.status_history.is_empty()).then(|| current.raw.clone());
    history::record_change(
        lines,
        record,
        i,
        old.as_deref(),
        status,
        &status.word(capitalised),
    );
}

/// `content` with the status text `raw` replaced by `word`: after the `:` of a `Status:` line,
/// else its first occurrence, else the whole line (keeping its indentation and bullet).
fn replace_value(content: &str, raw: &str, word: &str) -> String {
    // `：` (full-width, three bytes in UTF-8) ends a Chinese `状态：` label as `:` ends `Status:`.
    let from = content
        .char_indices()
        .find(|(_, c)| matches!(c, ':' | '：'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let found = content[from..]
        .find(raw)
        .map(|p| p + from)
        .or_else(|| content.find(raw));
    match found.filter(|_| !raw.is_empty()) {
        Some(at) => format!("{}{word}{}", &content[..at], &content[at + raw.len()..]),
        None => format!("{}{word}", bullet_prefix(content)),
    }
}

/// The indentation and list bullet a line starts with (`  - `).
pub(super) fn bullet_prefix(content: &str) -> &str {
    let indent = content.len() - content.trim_start().len();
    let rest = &content[indent..];
    let bullet = ["- ", "* ", "+ "]
        .iter()
        .find(|b| rest.starts_with(*b))
        .map_or(0, |b| b.len());
    &content[..indent + bullet]
}

pub fn add_link(lines: &mut Lines, record: &Record, link: &NewLink) -> Result<(), EditError> {
    let text = format!("{} [{}]({})", link.label, link.title, link.target);
    if let Some(h) = status_heading(lines, record) {
        // adr-tools prints the link and a blank line just before the next heading.
        // A fence or comment that is never closed runs to the end of the file: the section
        // ends there too.
        let (code, unclosed) = hidden_lines(lines);
        let end = (h + 1..lines.len())
            .find(|&i| is_heading(lines, &code, i))
            .or(unclosed.filter(|&i| i > h));
        match end {
            Some(next) => lines.insert(next, &[text, String::new()]),
            None => {
                let last_blank = lines.is_empty() || lines.content(lines.len() - 1).is_empty();
                let new = if last_blank {
                    vec![text]
                } else {
                    vec![String::new(), text]
                };
                lines.insert(lines.len(), &new);
            }
        }
        return Ok(());
    }
    let Some(status) = status_line(lines, record) else {
        add_to_links_section(lines, &text);
        return Ok(());
    };
    let i = status.line.saturating_sub(1);
    let prefix = bullet_prefix(lines.content(i)).to_string();
    let mut at = i + 1;
    while at < lines.len() && link_line(lines.content(at), at + 1).is_some() {
        at += 1;
    }
    lines.insert(at, &[format!("{prefix}{text}")]);
    Ok(())
}

/// A record with no status keeps its relations in a `## Links` section, as log4brains and MADR
/// write them: the link goes at the end of an existing one, else a new section at the end of
/// the file, at the level of the record's other sections.
fn add_to_links_section(lines: &mut Lines, text: &str) {
    let code = code_lines(lines);
    let is_links = |i: usize| {
        is_heading(lines, &code, i)
            && heading_level(lines.content(i)).is_some_and(|l| l >= 2)
            && lines
                .content(i)
                .trim_start_matches([' ', '#'])
                .trim()
                .eq_ignore_ascii_case("links")
    };
    let item = format!("- {text}");
    if let Some(h) = (0..lines.len()).find(|&i| is_links(i)) {
        let end = (h + 1..lines.len())
            .find(|&i| is_heading(lines, &code, i))
            .unwrap_or(lines.len());
        // After the section's last non-blank line.
        let at = (h + 1..end)
            .rev()
            .find(|&i| !lines.content(i).trim().is_empty())
            .map_or(h + 1, |i| i + 1);
        let new = if at == h + 1 {
            vec![String::new(), item]
        } else {
            vec![item]
        };
        lines.insert(at, &new);
        return;
    }
    let level = (0..lines.len())
        .filter(|&i| is_heading(lines, &code, i))
        .filter_map(|i| heading_level(lines.content(i)))
        .find(|&l| l >= 2)
        .unwrap_or(2);
    let blank_end = lines.is_empty() || lines.content(lines.len() - 1).trim().is_empty();
    let mut new = Vec::new();
    if !blank_end {
        new.push(String::new());
    }
    new.extend([format!("{} Links", "#".repeat(level)), String::new(), item]);
    lines.insert(lines.len(), &new);
}

/// adr-tools' `_adr_remove_status`, line for line: inside `## Status`, lines equal to `status`
/// go and runs of blank lines shrink to one.
pub fn remove_status_line(lines: &mut Lines, _record: &Record, status: &str) {
    let mut in_section = false;
    let mut after_blank = false;
    let mut i = 0;
    while i < lines.len() {
        let c = lines.content(i).to_string();
        if c.starts_with("##") {
            in_section =
                heading_level(&c) == Some(2) && is_status_heading(c.trim_start_matches([' ', '#']));
        }
        if in_section && c.trim().is_empty() {
            if after_blank {
                lines.remove(i);
                continue;
            }
            after_blank = true;
        } else if in_section && c == status {
            lines.remove(i);
            continue;
        } else if in_section {
            after_blank = false;
        }
        i += 1;
    }
}

/// `# 12. Title` to `# 42. Title` on the first H1 line.
pub fn renumber_heading(lines: &mut Lines, old: u32, new: u32) {
    let Some(i) = (0..lines.len()).find(|&i| heading_level(lines.content(i)) == Some(1)) else {
        return;
    };
    let c = lines.content(i).to_string();
    let head_len = c.len() - c.trim_start_matches(['#', ' ']).len();
    let rest = &c[head_len..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && rest[..digits].parse::<u32>().ok() == Some(old) {
        let width = if rest.starts_with('0') { digits } else { 0 };
        let number = format!("{new:0width$}");
        lines.set(i, &format!("{}{number}{}", &c[..head_len], &rest[digits..]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing: a full-width colon is three bytes, and slicing one byte past it
    /// panicked.
    #[test]
    fn replaces_after_a_full_width_colon() {
        assert_eq!(replace_value("状态：提议", "提议", "通过"), "状态：通过");
        assert_eq!(
            replace_value("Status: Proposed", "Proposed", "Accepted"),
            "Status: Accepted"
        );
    }

    fn links_after_adding(text: &str) -> Option<usize> {
        use crate::names;
        use crate::repo::{RecordFile, record_from_bytes};
        let file = RecordFile {
            path: "doc/adr/0007-x.md".into(),
            id: "0007-x".into(),
            name: names::parse_record_name("0007-x")?,
        };
        let (record, _) = record_from_bytes(&file, text.as_bytes());
        let link = NewLink {
            label: "Amends".into(),
            target: "0002-other.md".into(),
            title: "2. Other".into(),
        };
        let out = crate::edit::add_link(text, &record, &link).ok()?;
        let (after, _) = record_from_bytes(&file, out.as_bytes());
        Some(after.links.len())
    }

    /// Found by fuzzing: a `## Status` inside an HTML comment that is never closed is hidden
    /// from the parser, so a link written there would never be read back. The edit is refused.
    #[test]
    fn a_status_section_inside_an_unclosed_comment_takes_no_link() {
        let text = "# 7. X\n\n<!--\n## Status\n\nAccepted\n\n## Context\n\nText.\n";
        assert_eq!(links_after_adding(text), None);
    }

    /// A comment opened after the status section and never closed ends the section: the link
    /// goes before it, where the parser reads it.
    #[test]
    fn a_link_goes_before_a_comment_that_runs_to_the_end() {
        let text = "# 7. X\n\n## Status\n\nAccepted\n\n<!-- notes\nmore notes\n";
        assert_eq!(links_after_adding(text), Some(1));
        let closed = "# 7. X\n\n## Status\n\nAccepted\n\n<!-- a note -->\n\n## Context\n";
        assert_eq!(links_after_adding(closed), Some(1));
    }
}
