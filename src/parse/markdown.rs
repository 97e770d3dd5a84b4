//! Reading what a record's Markdown body says about it: the H1 title, a `## Status` section with
//! its link lines, `Status:` / `Date:` lines and MADR 2 `* Status:` bullets.
//!
//! This is a line scanner rather than a full CommonMark parse: the facts it looks for are
//! line-shaped, and it must report the exact line of each one so edits can be surgical.

use super::placeholder::{is_placeholder, is_template_form};
use super::words::{
    DayOrder, normalise_date, normalise_date_ordered, normalise_link_kind, normalise_status,
};
use crate::model::{Link, StatusChange};

/// Facts found in the body. Line numbers are 1-based lines of the whole file.
#[derive(Debug, Default)]
pub struct BodyFacts {
    pub h1: Option<(String, usize)>,
    pub status: Option<(String, usize)>,
    pub history: Vec<StatusChange>,
    pub links: Vec<Link>,
    pub date: Option<(String, usize)>,
    pub deciders: Option<String>,
    /// A `Title:` (or RFC `Feature Name:`) line, for files without a heading.
    pub title: Option<String>,
    pub tags: Option<String>,
    pub has_status_section: bool,
    /// The status section: its heading's line and its last line (before the next heading
    /// that closes it, or the body's end).
    pub status_section: Option<(usize, usize)>,
    /// Lower-cased level-2 heading texts, for telling MADR from Nygard.
    pub sections: Vec<String>,
    /// The last dated line of the status section's history, and its line: the status when
    /// there is a history.
    last_dated: Option<(String, usize)>,
    /// The last `- YYYY-MM-DD status` item of the status section: the status only when the
    /// section says nothing else.
    last_item: Option<(String, usize)>,
    /// A status-section line that says the record is superseded: it wins over an earlier
    /// `Accepted` line, as the marker adr-tools and people add below the old status. The
    /// status line stays where the status word is (edits change it there); the state is
    /// superseded.
    pub superseded_line: Option<(String, usize)>,
    /// The dates of a changelog section's entries (`## Changelog`, `## History`, ...), as
    /// written, with their lines ([`BodyFacts::changelog_date`]).
    pub changelog_dates: Vec<(String, usize)>,
    /// A first body line such as `#Use X`: a heading missing its space, the title only when the
    /// file has no proper H1.
    pub loose_h1: Option<(String, usize)>,
    /// A status written as a quotation in the status section (`> Accepted`), when the section
    /// holds no plain status line: teams whose template quotes its guidance write the value
    /// where the guidance was.
    quoted_status: Option<(String, usize)>,
    /// Dates stated on the status lines (`Approved by TSC vote on 3/25/21`, `Original proposal
    /// 10/24/2020`), as written, with their lines: the record's date when nothing else dates it.
    pub status_dates: Vec<(String, usize)>,
    /// A line of the record's own text saying it is superseded (`**Superseded:** ...`, "this
    /// RFC has been superseded by [X](x.md)"): the status only when nothing else states one.
    prose_superseded: Option<(String, usize)>,
    /// Whether `date` came from a `Last updated` line (which a `Date` line then replaces).
    date_is_update: bool,
    /// Lines that state a fact read above (status, date, deciders, tags, a typed link).
    meta: Vec<usize>,
    /// The `## Status` and `## Links` sections: each heading's line and the lines under it.
    meta_sections: Vec<(usize, Vec<usize>)>,
}

impl BodyFacts {
    /// The date a changelog gives the decision, as ISO 8601: its oldest entry, numeric dates
    /// read in `order`. A changelog lists its entries oldest first or newest first; an entry
    /// that breaks that order is a typo (`2022-01-05` among 2023 and late-2022 entries), so the
    /// oldest entry is taken from the longest run of entries in order, whichever way it goes.
    pub fn changelog_date(&self, order: DayOrder) -> Option<String> {
        earliest_date(&self.changelog_dates, order).map(|(d, _)| d)
    }

    /// The lines that only restate the record's metadata, 1-based as the scan was given them:
    /// the status line (not a dated history, which is the record's history), the supersede
    /// marker, the `Date:`, deciders and tags lines, typed link lines, and a `## Status` or
    /// `## Links` heading when nothing else is under it. A page that shows the metadata in its
    /// header leaves these out of the body; a remark in a status section stays, and so does
    /// its heading.
    pub fn metadata_lines(&self) -> Vec<usize> {
        let mut lines = self.meta.clone();
        lines.sort_unstable();
        for (heading, under) in &self.meta_sections {
            if under.iter().all(|l| lines.binary_search(l).is_ok()) {
                lines.push(*heading);
            }
        }
        lines.sort_unstable();
        lines.dedup();
        lines
    }
}

/// [`BodyFacts::metadata_lines`] of `body`, its first line being 1.
pub fn metadata_lines(body: &str) -> Vec<usize> {
    scan(body, 1).metadata_lines()
}

/// The kind of level-2 (or deeper) section a line is in, for the facts read from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Status,
    /// `## Date` (`## 日付`) with the date on its first line.
    Date,
    Changelog,
    Links,
}

/// The names of the sections decision records and RFCs are made of: an H1 with one of these
/// (`# Summary`, `# Unresolved questions`) is a section written one level too high, not the
/// record's title.
fn is_section_name(text: &str) -> bool {
    let t = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    matches!(
        t.as_str(),
        "summary"
            | "abstract"
            | "overview"
            | "introduction"
            | "motivation"
            | "background"
            | "context"
            | "problem statement"
            | "context and problem statement"
            | "decision"
            | "decision drivers"
            | "considered options"
            | "decision outcome"
            | "status"
            | "consequences"
            | "drawbacks"
            | "alternatives"
            | "rationale and alternatives"
            | "prior art"
            | "unresolved questions"
            | "open questions"
            | "future possibilities"
            | "guide-level explanation"
            | "reference-level explanation"
            | "detailed design"
            | "references"
            | "links"
            | "appendix"
            | "changelog"
            | "table of contents"
            | "contents"
            | "meta"
            | "metadata"
    )
}

/// Headings of the sections that list a record's history of changes.
fn is_changelog_heading(text: &str) -> bool {
    let t = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    matches!(
        t.as_str(),
        "changelog"
            | "change log"
            | "change-log"
            | "changes"
            | "change history"
            | "history"
            | "revision history"
            | "revisions"
            | "document history"
            | "version history"
            | "record history"
            | "decision history"
            | "status history"
            | "updates"
            | "变更记录"
            | "修订记录"
    )
}

/// Headings of the sections that list a record's relations to other records (log4brains and
/// MADR 2 put "Supersedes [..](..)" lines there).
fn is_links_heading(text: &str) -> bool {
    let t = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    matches!(
        t.as_str(),
        "links"
            | "related"
            | "related decisions"
            | "related adrs"
            | "related records"
            | "relations"
    )
}

struct Heading<'a> {
    level: usize,
    text: &'a str,
}

fn heading(line: &str) -> Option<Heading<'_>> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let t = &line[indent..];
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &t[level..];
    // `##\u{a0}Status`: a no-break space typed for the space (Option-Space on a Mac) is read as
    // the space the author meant.
    if !(rest.is_empty() || rest.starts_with([' ', '\t', '\u{a0}'])) {
        return None;
    }
    let text = rest.trim_matches([' ', '\t', '\u{a0}', '\r', '\n']);
    // CommonMark: a closing run of `#` counts only after a space (or as the whole content), so
    // `# Use C#` is "Use C#" and `# Use C #` is "Use C".
    let closed = text.trim_end_matches('#');
    let text = if closed.is_empty() || closed.ends_with([' ', '\t']) {
        closed.trim_end()
    } else {
        text
    };
    Some(Heading { level, text })
}

/// The level of a Markdown ATX heading line (`## Status` gives 2), for editors that must find
/// where a section ends.
pub fn heading_level(line: &str) -> Option<usize> {
    heading(line).map(|h| h.level)
}

/// The opening (or closing) marker of a fenced code block: its character and length.
pub fn fence_marker(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = t.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = t.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

/// A fenced code block followed line by line: whether each line is fence or code.
#[derive(Debug, Default, Clone, Copy)]
pub struct Fence {
    open: Option<(char, usize)>,
}

impl Fence {
    /// Takes the next line: `true` when it opens, is inside or closes a fenced block.
    pub fn hides(&mut self, line: &str) -> bool {
        match self.open {
            Some((c, n)) => {
                if let Some((c2, n2)) = fence_marker(line)
                    && c2 == c
                    && n2 >= n
                    && line.trim().chars().all(|x| x == c)
                {
                    self.open = None;
                }
                true
            }
            None => {
                self.open = fence_marker(line);
                self.open.is_some()
            }
        }
    }

    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }
}

/// What the reader hides from a line-by-line reading of a body: fenced code and HTML comments
/// that start a line (`<!-- ... -->`, possibly over several lines). The parser's [`scan`] and
/// every editor follow this one definition, so a heading the parser does not read is never a
/// place an editor writes to.
#[derive(Debug, Default, Clone, Copy)]
pub struct Hidden {
    fence: Fence,
    comment: bool,
}

/// How [`Hidden`] takes a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    /// Read as Markdown.
    Shown,
    /// The line opens a fenced code block.
    FenceOpens,
    /// Inside (or closing) code or a comment, or a comment line.
    Hidden,
}

impl Hidden {
    /// Takes the next line (without its line ending).
    pub fn step(&mut self, line: &str) -> Seen {
        let was_open = self.fence.is_open();
        if (was_open || !self.comment) && self.fence.hides(line) {
            return if was_open {
                Seen::Hidden
            } else {
                Seen::FenceOpens
            };
        }
        if self.comment {
            self.comment = !line.contains("-->");
            return Seen::Hidden;
        }
        if line.trim_start().starts_with("<!--") {
            self.comment = !line.contains("-->");
            return Seen::Hidden;
        }
        Seen::Shown
    }

    /// Whether a fence or comment is open after the lines taken so far.
    pub fn is_open(&self) -> bool {
        self.fence.is_open() || self.comment
    }
}

/// Whether a heading's text names the status section (`Status`, `状态`, `Statut`...).
pub fn is_status_heading(text: &str) -> bool {
    let t = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    matches!(
        t.as_str(),
        "status"
            | "状态"
            | "ステータス"
            | "状態"
            | "statut"
            | "état"
            | "etat"
            | "estado"
            | "stand"
            | "decision status"
            | "current status"
            | "adr status"
            | "record status"
    )
}

/// Whether a heading's text names a section that holds the record's date (`## Date`, `## 日付`,
/// `## 決定日`).
fn is_date_heading(text: &str) -> bool {
    let t = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    DATE_KEYS.contains(&t.as_str())
}

/// `key: value` metadata lines: `Date: x`, `- Status: x`, `* **Deciders**: x`, `日期: x`.
pub fn metadata(line: &str) -> Option<(String, &str)> {
    let t = line.trim_start();
    // `| Status | Accepted |`: a metadata table row.
    if let Some(row) = t.strip_prefix('|') {
        let mut cells = row.split('|').map(str::trim);
        let key = cells.next()?.trim_matches(['*', '_']).trim().to_lowercase();
        let value = cells.next()?.trim_matches(['*', '_']).trim();
        if key.is_empty() || key.len() > 24 || value.is_empty() || key.starts_with(['-', ':']) {
            return None;
        }
        return Some((key, value));
    }
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))
        .unwrap_or(t)
        .trim_start();
    let (raw_key, value) = t.split_once([':', '：'])?;
    let key = raw_key
        .trim()
        .trim_matches(['*', '_'])
        .trim()
        .to_lowercase();
    let value = value.trim_start_matches(['*', '_']).trim();
    // `**State: IMPLEMENTED**`: emphasis opened before the key closes after the value.
    let opened = raw_key.trim().len() - raw_key.trim().trim_start_matches(['*', '_']).len();
    let value = if opened > 0 && !raw_key.trim().ends_with(['*', '_']) {
        let closed = value.len() - value.trim_end_matches(['*', '_']).len();
        value[..value.len() - closed.min(opened)].trim_end()
    } else {
        value
    };
    // `Accepted <!-- optional -->`: a template's comment is no part of the value.
    let value = value.split("<!--").next().unwrap_or(value).trim_end();
    if key.is_empty() || key.len() > 24 || value.is_empty() {
        return None;
    }
    Some((key, value))
}

/// A line such as `Superceded by [3. Use X](0003-use-x.md)`: the phrase before the first
/// Markdown link names the relation.
pub fn link_line(line: &str, line_no: usize) -> Option<Link> {
    let t = line.trim();
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .unwrap_or(t);
    let open = t.find('[')?;
    let (phrase, rest) = t.split_at(open);
    let close = rest.find("](")?;
    let text = &rest[1..close];
    let after = &rest[close + 2..];
    let end = after.find(')')?;
    let target = after[..end].trim();
    let target = target.split_whitespace().next().unwrap_or(target);
    // A link line is a relation phrase and a link to a record, and nothing more: prose that
    // mentions a record ("See [ADR 5](0005-x.md) for why") or a web page is no typed link.
    let tail = without_links(&after[end + 1..]);
    if tail
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && w != "and")
        || !super::prose::is_local_record_target(target)
    {
        return None;
    }
    let kind = normalise_link_kind(phrase)?;
    if target.is_empty() {
        return None;
    }
    Some(Link {
        kind,
        label: phrase.trim().to_string(),
        target: super::prose::unescape_destination(target),
        text: Some(text.to_string()),
        line: line_no,
    })
}

/// `text` with its Markdown links `[..](..)` taken out.
fn without_links(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        match after
            .find("](")
            .and_then(|c| after[c..].find(')').map(|e| c + e))
        {
            Some(end) => rest = &after[end + 1..],
            None => {
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A `YYYY-MM-DD status` line of a dated status history.
pub fn dated_status(line: &str) -> Option<(String, String)> {
    let t = line.trim();
    let (first, rest) = t.split_once(char::is_whitespace)?;
    let date = normalise_date(first)?;
    let rest = rest.trim();
    (!rest.is_empty()).then(|| (date, rest.to_string()))
}

/// A `- YYYY-MM-DD status` list item: an entry of the status history this tool keeps under a
/// status line (in a `## Status` section, or nested under a MADR 2 `- Status:` bullet). Unlike
/// the bare dated lines of a phodal-style history, these items are history only: the status is
/// the line above them.
pub fn history_item(line: &str) -> Option<(String, String)> {
    let t = line.trim_start();
    let rest = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .or_else(|| t.strip_prefix("+ "))?;
    dated_status(rest)
}

/// A history entry read from file line `line_no`.
fn dated_change(date: String, status: String, line_no: usize) -> StatusChange {
    let (status, by, forced) = split_by(&status);
    StatusChange {
        date,
        status: normalise_status(status),
        raw: status.to_string(),
        line: Some(line_no),
        by,
        forced,
    }
}

/// `Accepted (by Ana)`, `Accepted (by Ana; forced: 1 of 2 approvals)` or `Accepted (forced:
/// ...)`, as `adr status` writes a history item: the status, who made the change and what
/// `--force` overrode.
pub fn split_by(text: &str) -> (&str, Option<String>, Option<String>) {
    let unchanged = (text, None, None);
    let Some(inner) = text.trim_end().strip_suffix(')') else {
        return unchanged;
    };
    let at = [inner.rfind(" (by "), inner.rfind(" (forced: ")]
        .into_iter()
        .flatten()
        .min();
    let Some(at) = at else { return unchanged };
    let (status, remark) = (&inner[..at], &inner[at + 2..]);
    let (by, forced) = match remark.strip_prefix("forced: ") {
        Some(forced) => (None, Some(forced)),
        None => match remark.split_once("; forced: ") {
            Some((by, forced)) => (Some(by), Some(forced)),
            None => (Some(remark), None),
        },
    };
    let by = by.map(|b| b.trim_start_matches("by ").trim());
    if status.trim().is_empty() || by.is_some_and(|b| b.is_empty() || b.contains(['(', ')'])) {
        return unchanged;
    }
    let text_of = |s: &str| s.trim().to_string();
    (status.trim_end(), by.map(text_of), forced.map(text_of))
}

/// Scans `body`, whose first line is line `first_line` of the file.
pub fn scan(body: &str, first_line: usize) -> BodyFacts {
    let mut facts = BodyFacts::default();
    let mut hidden = Hidden::default();
    let mut seen_h2 = false;
    let mut seen_content = false;
    let mut h1_sections = false;
    // The section a line is in, and its heading's level, while inside it.
    let mut section: Option<(Section, usize)> = None;
    let mut first_status_line: Option<(String, usize)> = None;
    let mut after_status_line: Option<usize> = None;
    let mut changelog: Vec<(String, usize)> = Vec::new();
    let mut changelog_states: Vec<(String, usize)> = Vec::new();

    // The header row of a metadata table under the title, when its cells name fields
    // (`| Status | Date |` over `| Proposed | 2025-01-07 |`).
    let mut table_keys: Option<Vec<String>> = None;
    let lines: Vec<&str> = body.split('\n').collect();
    // Reference links (`[ADR 9][9]` with `[9]: 0009-x.md` below) are read as inline links
    // wherever a line's links are read; the line as written stays the status text.
    let definitions = if body.contains("]:") {
        super::reflinks::Definitions::of(lines.iter().map(|l| l.strip_suffix('\r').unwrap_or(l)))
    } else {
        super::reflinks::Definitions::default()
    };
    // Where the body names a supersede verb: only those lines need their sentences read.
    let verbs_at = super::prose::supersede_verb_offsets(body);
    let mut next_verb = 0;
    let mut line_start = 0;
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let linked = definitions.inline(line);
        let line_no = first_line + i;
        let (start, end) = (line_start, line_start + raw.len());
        line_start = end + 1;
        while next_verb < verbs_at.len() && verbs_at[next_verb] < start {
            next_verb += 1;
        }
        let names_verb = verbs_at.get(next_verb).is_some_and(|&at| at < end);
        let seen = hidden.step(line);
        // Every visible line under a status or links heading, but the heading closing it.
        if !matches!(seen, Seen::Hidden)
            && section.is_some_and(|(k, _)| k != Section::Changelog)
            && !line.trim().is_empty()
            && heading(line).is_none_or(|h| section.is_none_or(|(_, l)| h.level > l))
            && let Some((_, under)) = facts.meta_sections.last_mut()
        {
            under.push(line_no);
        }
        match seen {
            Seen::Shown => {}
            Seen::FenceOpens => {
                seen_content = true;
                continue;
            }
            Seen::Hidden => continue,
        }
        if let Some(h) = heading(line) {
            seen_content = true;
            // A record whose first H1 names a section (`# Summary`, `# Table of contents`)
            // writes its sections as H1s: none of the later ones (`# Basic example`, `# How
            // we teach this`) is its title either.
            if h.level == 1 && facts.h1.is_none() && !h1_sections && !h.text.is_empty() {
                if is_section_name(h.text) {
                    h1_sections = true;
                } else {
                    facts.h1 = Some((h.text.to_string(), line_no));
                }
            }
            if section.is_some_and(|(_, l)| h.level <= l) {
                if section.is_some_and(|(k, _)| k == Section::Status)
                    && let Some((head, _)) = facts.status_section
                {
                    facts.status_section = Some((head, line_no - 1));
                }
                section = None;
            }
            if section.is_some_and(|(k, _)| k == Section::Changelog) {
                // `### November 2nd 2018` under `## Changelog`.
                changelog.push((h.text.to_string(), line_no));
                continue;
            }
            // `## Superseded by [X](x.md)`: the supersede marker written as a heading.
            if h.level >= 2 && supersede_heading(h.text) {
                facts.meta.push(line_no);
                match link_line(h.text, line_no) {
                    Some(link) => facts.links.push(link),
                    None => facts
                        .links
                        .extend(super::prose::status_successors(h.text, line_no)),
                }
                if facts.superseded_line.is_none() {
                    facts.superseded_line = Some((h.text.to_string(), line_no));
                }
                seen_h2 = true;
                continue;
            }
            // `## Status: Accepted`, `## Date: 2020-01-02`: metadata written as a heading.
            if h.level >= 2
                && let Some((key, value)) = metadata(h.text)
                && (is_status_key(&key) || DATE_KEYS.contains(&key.as_str()))
            {
                preamble_metadata(&mut facts, &key, value, line_no);
                seen_h2 = true;
                continue;
            }
            // `# Status` under a `# Title`: the status section written one level too high, a
            // sibling of the `## Context` that follows it, so it ends at the next heading of
            // level 2 or higher.
            if h.level == 1 && is_status_heading(h.text) && !facts.has_status_section {
                seen_h2 = true;
                facts.has_status_section = true;
                facts.status_section = Some((line_no, first_line + lines.len() - 1));
                section = Some((Section::Status, 2));
                facts.meta_sections.push((line_no, Vec::new()));
            } else if h.level >= 2 {
                seen_h2 = true;
                if h.level == 2 {
                    facts.sections.push(h.text.to_lowercase());
                }
                // `###### status` deep in the body (a command's documentation) is no record
                // status section.
                if is_status_heading(h.text) && !facts.has_status_section && h.level <= 4 {
                    facts.has_status_section = true;
                    facts.status_section = Some((line_no, first_line + lines.len() - 1));
                    section = Some((Section::Status, h.level));
                    facts.meta_sections.push((line_no, Vec::new()));
                } else if is_date_heading(h.text) && facts.date.is_none() {
                    section = Some((Section::Date, h.level));
                } else if is_changelog_heading(h.text) {
                    section = Some((Section::Changelog, h.level));
                } else if is_links_heading(h.text) {
                    section = Some((Section::Links, h.level));
                    facts.meta_sections.push((line_no, Vec::new()));
                }
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        if !seen_content {
            seen_content = true;
            if let Some(title) = loose_heading(line) {
                facts.loose_h1 = Some((title.to_string(), line_no));
                continue;
            }
        }
        match section {
            Some((Section::Status, _)) => {
                status_section_line(&mut facts, &mut first_status_line, line, &linked, line_no);
                continue;
            }
            Some((Section::Date, _)) => {
                // The section's first line: its date, then perhaps a remark.
                section = None;
                if normalise_date(line.trim()).is_some() {
                    preamble_metadata(&mut facts, "date", line.trim(), line_no);
                    continue;
                }
            }
            Some((Section::Changelog, _)) => {
                if let Some(state) = changelog_state(line) {
                    changelog_states.push((state, line_no));
                }
                changelog.push((line.to_string(), line_no));
                continue;
            }
            Some((Section::Links, _)) => {
                if let Some(link) = link_line(&linked, line_no) {
                    // `- Superseded by [X](x.md)` among a record's links says it is superseded,
                    // as the same line under its status would.
                    if link.kind == crate::model::SUPERSEDED_BY && facts.superseded_line.is_none() {
                        let t = line.trim();
                        let t = t
                            .strip_prefix("- ")
                            .or_else(|| t.strip_prefix("* "))
                            .unwrap_or(t);
                        facts.superseded_line = Some((t.to_string(), line_no));
                    }
                    facts.links.push(link);
                    facts.meta.push(line_no);
                    continue;
                }
            }
            None => {}
        }
        // Link lines and history items written right under a preamble `Status:` line (how
        // `adr link` and `adr status` edit records that have no status section) belong to it.
        if !seen_h2
            && after_status_line == Some(line_no - 1)
            && let Some((date, status)) = history_item(line)
        {
            facts.history.push(dated_change(date, status, line_no));
            after_status_line = Some(line_no);
            continue;
        }
        if !seen_h2
            && after_status_line == Some(line_no - 1)
            && let Some(link) = link_line(&linked, line_no)
        {
            facts.links.push(link);
            facts.meta.push(line_no);
            after_status_line = Some(line_no);
            continue;
        }
        if !seen_h2 && line.trim_start().starts_with('|') {
            let cells = table_cells(line);
            if is_separator_row(&cells) {
                continue;
            }
            if let Some(keys) = &table_keys {
                for (key, value) in keys.iter().zip(&cells) {
                    if !value.is_empty() {
                        preamble_metadata(&mut facts, key, value, line_no);
                    }
                }
                continue;
            }
            let next = lines
                .get(i + 1)
                .map(|l| table_cells(l.trim_end_matches('\r')));
            if next.is_some_and(|n| is_separator_row(&n)) {
                let keys: Vec<String> = cells
                    .iter()
                    .map(|c| c.trim_matches(['*', '_']).trim().to_lowercase())
                    .collect();
                let known = keys.iter().filter(|k| is_metadata_key(k)).count();
                let values_in_header = cells.iter().any(|c| c.bytes().any(|b| b.is_ascii_digit()));
                if known >= 2 || known == 1 && !values_in_header {
                    // `| Status | Date |` over a row of values.
                    table_keys = Some(keys);
                } else if known == 1 && cells.len() >= 2 && is_metadata_key(&keys[0]) {
                    // `| **Date** | October 16, 2025 |` as the header of a key/value table.
                    preamble_metadata(&mut facts, &keys[0], cells[1], line_no);
                }
                continue;
            }
        } else {
            table_keys = None;
        }
        if !seen_h2 && let Some((key, value)) = metadata(line) {
            // A supersede line's links are read with its reference links inline.
            let value = match metadata(&linked) {
                Some((_, linked_value)) if is_supersede_key(&key) => linked_value,
                _ => value,
            };
            if is_status_key(&key) {
                after_status_line = Some(line_no);
            }
            if preamble_metadata(&mut facts, &key, value, line_no) {
                continue;
            }
        } else if seen_h2
            && (facts.date.is_none() || facts.date_is_update)
            && line.trim_start().starts_with("**")
            && let Some((key, value)) = metadata(line)
            && (DATE_KEYS.contains(&key.as_str()) || UPDATE_KEYS.contains(&key.as_str()))
            && normalise_date(value).is_some()
        {
            // `**Last modified:** 2018-11-02T16:46:57+00:00` under the first section: a bold
            // date line the record's other metadata does not outrank.
            preamble_metadata(&mut facts, &key, value, line_no);
            continue;
        } else if !seen_h2 && let Some(value) = date_without_colon(line) {
            facts
                .date
                .get_or_insert_with(|| (value.to_string(), line_no));
            facts.meta.push(line_no);
            continue;
        }
        if names_verb && !line.trim_start().starts_with('>') {
            facts
                .links
                .extend(super::prose::supersede_links(&linked, line_no));
            if facts.prose_superseded.is_none()
                && let Some(words) = super::prose::superseded_marker(&linked)
            {
                facts.prose_superseded = Some((words, line_no));
            }
        }
    }
    // A dated history that records the supersede and then a later move away from it (`adr
    // status` on a superseded record) outranks the marker.
    let superseded = |h: &StatusChange| h.status == crate::model::Lifecycle::Superseded;
    if facts.superseded_line.is_some()
        && facts.history.iter().any(superseded)
        && facts.history.last().is_some_and(|h| !superseded(h))
    {
        facts.superseded_line = None;
    }
    if facts.status.is_none() {
        // A status read from a dated history keeps its line: the history is shown as written.
        if facts.last_dated.is_none()
            && let Some((_, line)) = &first_status_line
        {
            facts.meta.push(*line);
        }
        facts.status = facts
            .last_dated
            .clone()
            .or(first_status_line)
            .or(facts.quoted_status.clone())
            .or(facts.last_item.clone())
            .or(facts.superseded_line.clone());
        if facts.status.is_none() {
            // The state of the changelog's latest entry (by its date, else its place).
            let dated = |(_, line): &&(String, usize)| {
                changelog
                    .iter()
                    .find(|(_, l)| l == line)
                    .and_then(|(text, _)| entry_date_text(text))
                    .and_then(|d| normalise_date(&d))
            };
            facts.status = changelog_states
                .iter()
                .enumerate()
                .max_by_key(|(i, e)| (dated(e), *i))
                .map(|(_, e)| e.clone())
                .or(facts.prose_superseded.clone());
        }
        if let Some((_, line)) = &facts.quoted_status
            && facts.status.as_ref().is_some_and(|(_, l)| l == line)
        {
            facts.meta.push(*line);
        }
    }
    if let Some((_, line)) = &facts.superseded_line {
        facts.meta.push(*line);
    }
    if let Some((_, line)) = &facts.date {
        facts.meta.push(*line);
    }
    facts.changelog_dates = changelog
        .iter()
        .filter_map(|(line, no)| entry_date_text(line).map(|t| (t, *no)))
        .collect();
    facts
}

/// A heading that is a supersede marker: `Superseded by [X](x.md)`, `Superseded as this
/// project was aborted`, but not a section about superseded things (`Superseded decisions`).
fn supersede_heading(text: &str) -> bool {
    if !super::prose::mentions_supersede(text) {
        return false;
    }
    let core = super::words::status_core(text);
    let mut words = core.split_whitespace();
    let first = words.next().unwrap_or("");
    let second = words.next();
    matches!(first, "superseded" | "superceded" | "replaced")
        && (matches!(second, None | Some("by" | "as" | "in" | "with"))
            || !super::prose::references(text).is_empty())
}

/// `#Use X` as the first line of a body: a title written without the space Markdown needs.
/// Not `#!`, `#[attr]`, `##...` or `#123` (an issue number).
fn loose_heading(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('#')?;
    let first = rest.chars().next()?;
    (first.is_alphabetic() && !rest.contains("](")).then(|| rest.trim())
}

/// `Date 09/04/2018` or `**Date** 2020-01-02`: a date line whose colon was left out.
fn date_without_colon(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .unwrap_or(t)
        .trim_start_matches(['*', '_'])
        .trim_start();
    let head = t.get(..4)?;
    if !head.eq_ignore_ascii_case("date") {
        return None;
    }
    let rest = t[4..].trim_start_matches(['*', '_']);
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim();
    normalise_date(rest).is_some().then_some(rest)
}

fn earliest_date(texts: &[(String, usize)], order: DayOrder) -> Option<(String, usize)> {
    let dated: Vec<(String, usize)> = texts
        .iter()
        .filter_map(|(t, no)| normalise_date_ordered(t, order).map(|d| (d, *no)))
        .collect();
    let rising = longest_ordered_run(&dated, false);
    let falling = longest_ordered_run(&dated, true);
    let run = match rising.len().cmp(&falling.len()) {
        std::cmp::Ordering::Greater => rising,
        std::cmp::Ordering::Less => falling,
        std::cmp::Ordering::Equal => [rising, falling].concat(),
    };
    run.into_iter().min().cloned()
}

/// The longest subsequence of `items` whose dates never fall (or, `reverse`, never rise),
/// in O(n log n) (patience sorting).
fn longest_ordered_run(items: &[(String, usize)], reverse: bool) -> Vec<&(String, usize)> {
    let key = |i: usize| &items[i].0;
    let before = |a: usize, b: usize| {
        if reverse {
            key(a) >= key(b)
        } else {
            key(a) <= key(b)
        }
    };
    // tails[k]: index of the smallest possible last item of a run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev: Vec<Option<usize>> = vec![None; items.len()];
    for (i, back) in prev.iter_mut().enumerate() {
        let k = tails.partition_point(|&t| before(t, i));
        *back = k.checked_sub(1).map(|k| tails[k]);
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut run = Vec::new();
    let mut at = tails.last().copied();
    while let Some(i) = at {
        run.push(&items[i]);
        at = prev[i];
    }
    run.reverse();
    run
}

/// The start of a changelog entry, where its date is: `- 2023-05-03: First draft`,
/// `* *2018-07-12* Initial version`, `| 2020-01-02 | ... |` or `July 15 2021: Created`.
fn entry_date_text(line: &str) -> Option<String> {
    let mut t = line.trim();
    t = t.trim_start_matches(['#', ' ']);
    if let Some(cells) = t.strip_prefix('|') {
        t = cells.split('|').next().unwrap_or("").trim();
    }
    for bullet in ["- ", "* ", "+ "] {
        if let Some(r) = t.strip_prefix(bullet) {
            t = r.trim_start();
            break;
        }
    }
    // Up to the entry's separator; dates themselves hold no `: ` and no ` - `.
    let head = t.split(": ").next().unwrap_or(t);
    let head = head.split(" - ").next().unwrap_or(head);
    let head = head.split(" — ").next().unwrap_or(head);
    // `- [approved](pr-url) (2022-07-12)`: the date in brackets after the entry's words.
    if normalise_date(head).is_none()
        && let Some(date) = t
            .split('(')
            .skip(1)
            .filter_map(|p| p.split(')').next())
            .find(|p| normalise_date(p).is_some() && p.trim().len() <= 20)
    {
        return Some(date.trim().to_string());
    }
    (!head.trim().is_empty()).then(|| head.trim().to_string())
}

fn status_section_line(
    facts: &mut BodyFacts,
    first_status_line: &mut Option<(String, usize)>,
    line: &str,
    linked: &str,
    line_no: usize,
) {
    let t = line.trim();
    if let Some(quoted) = t.strip_prefix('>') {
        // `> Accepted`: a bare state written as a quotation is the status; guidance quoted
        // from the template (`> Accepted or Rejected`, `> Valid statuses are ...`) is not.
        let quoted = quoted.trim_start_matches(['>', ' ']).trim();
        if facts.quoted_status.is_none() && is_bare_state(quoted) {
            facts.quoted_status = Some((quoted.to_string(), line_no));
        }
        return;
    }
    if t.starts_with('|') || t.starts_with("[//]") {
        return;
    }
    // `Status: Accepted <!-- Draft | Accepted | ... -->` written again under the `## Status`
    // heading: its value is the status, the template's comment no part of it.
    let t = match metadata(t) {
        Some((key, value)) if is_status_key(&key) => value,
        _ => t,
    };
    if is_template_form(t) {
        return;
    }
    facts.status_dates.extend(
        super::words::dates_in_text(&without_links(t))
            .into_iter()
            .map(|d| (d, line_no)),
    );
    let names_supersede =
        |text: &str| normalise_status(text) == crate::model::Lifecycle::Superseded;
    // `Superseded by` on one line and the link to the successor on the next.
    let continued = facts
        .superseded_line
        .as_ref()
        .filter(|(text, at)| *at + 1 == line_no && text.to_lowercase().ends_with(" by"))
        .map(|(text, _)| format!("{text} {t}"));
    let link = link_line(linked, line_no)
        .or_else(|| continued.and_then(|joined| link_line(&joined, line_no)));
    if let Some(link) = link {
        facts.meta.push(line_no);
        let names_status = normalise_status(&link.label).is_known();
        if link.kind == crate::model::SUPERSEDED_BY && facts.superseded_line.is_none() {
            facts.superseded_line = Some((t.to_string(), line_no));
        }
        facts.links.push(link);
        if names_status && first_status_line.is_none() {
            *first_status_line = Some((t.to_string(), line_no));
        }
        return;
    }
    if let Some((date, status)) = history_item(t) {
        // `t` is trimmed and starts with a two-byte bullet.
        facts.last_item = Some((t[2..].trim_start().to_string(), line_no));
        facts.history.push(dated_change(date, status, line_no));
        return;
    }
    if let Some((date, status)) = dated_status(t) {
        facts.last_dated = Some((t.to_string(), line_no));
        facts.history.push(dated_change(date, status, line_no));
        return;
    }
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("* "))
        .unwrap_or(t);
    let verb = super::prose::mentions_supersede(t);
    let prose = if verb {
        super::prose::status_successors(linked.trim(), line_no)
    } else {
        Vec::new()
    };
    if facts.superseded_line.is_none()
        && verb
        && (names_supersede(t) || prose.iter().any(|l| l.kind == crate::model::SUPERSEDED_BY))
    {
        facts.superseded_line = Some((t.to_string(), line_no));
    }
    facts.links.extend(prose);
    if first_status_line.is_none() {
        *first_status_line = Some((t.to_string(), line_no));
    }
}

/// A status value that is one lifecycle word and nothing more (`Accepted`, `**Rejected**`).
fn is_bare_state(text: &str) -> bool {
    let core = super::words::status_core(text);
    let plain: String = text
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '.'))
        .collect();
    !core.is_empty()
        && !core.contains(' ')
        && core == plain.trim().to_lowercase()
        && normalise_status(&core).is_known()
}

/// A changelog entry that records a state change: `- [approved](pr-url) (2022-07-12)` or
/// `- [original](pr-url) - approved (2023-01-03)`, the state named first or after ` - `, before
/// the date. Entries that describe a change in words (`- 2023-05-03: Mark rejected`) are not.
fn changelog_state(line: &str) -> Option<String> {
    let t = line.trim_start();
    let t = ["- ", "* ", "+ "]
        .iter()
        .find_map(|b| t.strip_prefix(b))?
        .trim_start();
    let text = without_link_targets(t);
    let before_date = text.split('(').next().unwrap_or(&text);
    before_date
        .split(" - ")
        .take(2)
        .map(|part| part.trim().trim_matches(['*', '_', '`', '[', ']']).trim())
        .find(|part| is_bare_state(part))
        .map(str::to_string)
}

/// `text` with each Markdown link `[text](target)` replaced by its text.
fn without_link_targets(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find("](")
            .and_then(|c| after[c..].find(')').map(|e| (c, c + e)))
        {
            Some((close, end)) => {
                out.push_str(&after[..close]);
                rest = &after[end + 1..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The key of a status line, in the languages decision logs are written in.
fn is_status_key(key: &str) -> bool {
    super::fields::STATUS.contains(&key)
}

/// Whether `key` (lower-cased) is a key of a record's metadata lines (`Status:`, `Date:`, ...).
fn is_metadata_key(key: &str) -> bool {
    is_status_key(key)
        || DATE_KEYS.contains(&key)
        || UPDATE_KEYS.contains(&key)
        || METADATA_KEYS.contains(&key)
}

/// The metadata keys but the status, date and update keys.
const METADATA_KEYS: &[&str] = &[
    "title",
    "feature name",
    "name",
    "decided",
    "decided on",
    "introduced",
    "supersedes",
    "supercedes",
    "replaces",
    "superseded by",
    "superceded by",
    "superseded-by",
    "replaced by",
    "superseded",
    "superceded",
    "replaced",
    "deciders",
    "decision-makers",
    "decision makers",
    "tags",
];

/// The keys that say when a record was last changed: its date when it states no other.
const UPDATE_KEYS: &[&str] = &[
    "last updated",
    "last-updated",
    "updated",
    "last modified",
    "last-modified",
];

/// The keys (and section headings) that state when the decision was made.
const DATE_KEYS: &[&str] = &[
    "date",
    "日期",
    "日付",
    "決定日",
    "datum",
    "fecha",
    "data",
    "start date",
    "start-date",
    "creation date",
    "creation-date",
    "created",
    "decision date",
    "date of decision",
    "date of submission",
    "création",
    "date de création",
    "erstellt",
];

/// The trimmed cells of a Markdown table row `| a | b |`.
fn table_cells(line: &str) -> Vec<&str> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(str::trim).collect()
}

/// `|---|:--:|`: the row under a table's header.
fn is_separator_row(cells: &[&str]) -> bool {
    !cells.is_empty()
        && cells
            .iter()
            .all(|c| c.contains('-') && c.chars().all(|x| matches!(x, '-' | ':')))
}

/// Keys of metadata lines that name a supersede relation (`Supersedes:`, `Superseded by:`,
/// `Superseded: 2019-12-19 by X`).
fn is_supersede_key(key: &str) -> bool {
    matches!(
        key,
        "supersedes"
            | "supercedes"
            | "replaces"
            | "superseded by"
            | "superceded by"
            | "superseded-by"
            | "replaced by"
            | "superseded"
            | "superceded"
            | "replaced"
    )
}

/// Reads one `key: value` metadata line; whether the key is one a record's metadata has (its
/// line is then no prose).
fn preamble_metadata(facts: &mut BodyFacts, key: &str, value: &str, line_no: usize) -> bool {
    if !is_metadata_key(key) {
        return false;
    }
    // `Superseded:` is metadata only as `Superseded: [DATE] by X`.
    if matches!(key, "superseded" | "superceded" | "replaced")
        && !value
            .split_whitespace()
            .find(|w| normalise_date(w.trim_end_matches([',', ':'])).is_none() && *w != "on")
            .is_some_and(|w| w.eq_ignore_ascii_case("by"))
    {
        return false;
    }
    let status_key = is_status_key(key);
    if is_template_form(value) || !status_key && is_placeholder(value) {
        return true;
    }
    match key {
        k if is_status_key(k) => {
            facts.status_dates.extend(
                super::words::dates_in_text(&without_links(value))
                    .into_iter()
                    .map(|d| (d, line_no)),
            );
            if facts.status.is_none() {
                facts.status = Some((value.to_string(), line_no));
                facts.meta.push(line_no);
            }
            match link_line(value, line_no) {
                Some(link) => facts.links.push(link),
                None => facts
                    .links
                    .extend(super::prose::status_successors(value, line_no)),
            }
        }
        // `- Name: Inline Buildpacks` in an RFC's metadata list names the record.
        "title" | "feature name" | "name" => {
            // `` `inherit-default-features`) ``: the name inside the code span.
            // `` `pack` subcommands `` is a title that starts with code: the whole of it.
            let title = match value.split('`').nth(1) {
                Some(inner)
                    if value.starts_with('`')
                        && !inner.trim().is_empty()
                        && !value
                            .get(inner.len() + 2..)
                            .unwrap_or_default()
                            .chars()
                            .any(char::is_alphanumeric) =>
                {
                    inner
                }
                _ => value,
            };
            let title = title.trim();
            if !is_placeholder(title) {
                facts.title.get_or_insert_with(|| title.to_string());
            }
        }
        // A stated date outranks a `Last updated` line seen before it.
        k if DATE_KEYS.contains(&k) && (facts.date.is_none() || facts.date_is_update) => {
            facts.date = Some((value.to_string(), line_no));
            facts.date_is_update = false;
        }
        // MADR's own date is "when the decision was last updated": the date when the record
        // states no other.
        // `**Decided**: 2026-01-20 — delivered in #7887`: the day the decision was taken;
        // `Introduced: 2022-03-30`, the day the record was: both outrank a `Last updated` line.
        "decided" | "decided on" | "introduced"
            if (facts.date.is_none() || facts.date_is_update)
                && normalise_date(value).is_some() =>
        {
            facts.date = Some((value.to_string(), line_no));
            facts.date_is_update = false;
        }
        k if UPDATE_KEYS.contains(&k)
            && facts.date.is_none()
            && normalise_date(value).is_some() =>
        {
            facts.date = Some((value.to_string(), line_no));
            facts.date_is_update = true;
        }
        // `* Supersedes: [ADR-1](0001-x.md)`, `Superseded by: ADR-12`, and `Superseded:
        // 2019-12-19 by [ADR 14](0014-x.md)` (when, then by what; also the status when nothing
        // else states one).
        k if is_supersede_key(k) => {
            let acting = matches!(key, "supersedes" | "supercedes" | "replaces");
            let kind = if acting {
                crate::model::SUPERSEDES
            } else {
                crate::model::SUPERSEDED_BY
            };
            facts.meta.push(line_no);
            if !acting && !key.ends_with("by") && facts.status.is_none() {
                let word = key[..1].to_uppercase() + &key[1..];
                facts.status = Some((format!("{word} {value}"), line_no));
            }
            // `Supersedes: https://github.com/o/r/blob/main/docs/adr/0036-x.md`: a bare
            // address of a record file names that file, as does a link to that address
            // (`[RFC 0045](https://github.com/o/r/blob/main/text/0045-x.md)`).
            let mut refs = super::prose::references(value);
            if refs.is_empty() {
                refs = (value.split([' ', ',', ';', '(', ')']))
                    .filter_map(super::prose::record_file_of_address)
                    .map(|file| (0, file, None))
                    .collect();
            }
            facts
                .links
                .extend(refs.into_iter().map(|(_, target, text)| Link {
                    kind: kind.to_string(),
                    label: key.to_string(),
                    target,
                    text,
                    line: line_no,
                }));
        }
        "deciders" | "decision-makers" | "decision makers" if facts.deciders.is_none() => {
            facts.deciders = Some(value.to_string());
            facts.meta.push(line_no);
        }
        "tags" if facts.tags.is_none() => {
            facts.tags = Some(value.to_string());
            facts.meta.push(line_no);
        }
        _ => {}
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by fuzzing: the status line of a dated history was looked up by its text in the
    /// whole body, so a copy further down (outside the status section) was taken for it, and
    /// a status change went there.
    #[test]
    fn a_dated_status_is_the_line_in_the_status_section() {
        let body = "# 7. X\n\n## 状态\n\n2017-11-23 提议\n\n2017-11-24 完成\n\n## 上下文\n\n\
                    #X\n\n2017-11-24 完成\n";
        let f = scan(body, 1);
        assert_eq!(f.status, Some(("2017-11-24 完成".into(), 7)));
    }

    #[test]
    fn a_closing_hash_run_needs_a_space_before_it() {
        let text = |l: &str| heading(l).map(|h| h.text.to_string());
        assert_eq!(text("# Use C#"), Some("Use C#".into()));
        assert_eq!(text("# Adopt F# ##"), Some("Adopt F#".into()));
        assert_eq!(text("# Use C #"), Some("Use C".into()));
        assert_eq!(text("## ##"), Some(String::new()));
    }

    #[test]
    fn nygard_record_with_links() {
        let body = "# 2. Second\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n\nSupercedes [1. First](0001-first.md)\n\n## Context\n\nStatus: not this one\n";
        let f = scan(body, 1);
        assert_eq!(f.h1, Some(("2. Second".into(), 1)));
        assert_eq!(f.date, Some(("2020-01-02".into(), 3)));
        assert_eq!(f.status, Some(("Accepted".into(), 7)));
        assert_eq!(f.links.len(), 1);
        assert_eq!(f.links[0].kind, "supersedes");
        assert_eq!(f.links[0].target, "0001-first.md");
        assert_eq!(f.links[0].line, 9);
    }

    #[test]
    fn superseded_record_has_status_from_its_link_line() {
        let body = "# 1. First\n\n## Status\n\nSuperceded by [2. Second](0002-second.md)\n";
        let f = scan(body, 1);
        assert_eq!(f.status.as_ref().unwrap().1, 5);
        assert_eq!(f.links[0].kind, "superseded-by");
    }

    #[test]
    fn madr2_bullets_and_dated_history() {
        let f = scan(
            "# T\n\n- Status: accepted\n- Date: 2020-09-27\n\n## Context\n",
            1,
        );
        assert_eq!(f.status, Some(("accepted".into(), 3)));
        assert_eq!(f.date.unwrap().0, "2020-09-27");
        let f = scan(
            "# 9. 提供\n\n日期: 2017-11-23\n\n## 状态\n\n列表：提议/通过\n\n2017-11-23 提议\n\n2017-11-24 通过\n\n## 上下文\n",
            1,
        );
        assert_eq!(f.history.len(), 2);
        assert_eq!(f.status, Some(("2017-11-24 通过".into(), 11)));
    }

    #[test]
    fn history_items_say_who_made_the_change_and_what_was_forced() {
        let s = |t| split_by(t);
        assert_eq!(s("Accepted"), ("Accepted", None, None));
        assert_eq!(
            s("Accepted (by Ana)"),
            ("Accepted", Some("Ana".into()), None)
        );
        assert_eq!(
            s("accepted (by Ana Lee; forced: 1 of 2 approvals; x)"),
            (
                "accepted",
                Some("Ana Lee".into()),
                Some("1 of 2 approvals; x".into())
            )
        );
        assert_eq!(
            s("accepted (forced: rejected to accepted)"),
            ("accepted", None, Some("rejected to accepted".into()))
        );
        // Remarks of other kinds stay part of the status as written.
        assert_eq!(s("Accepted (2019)"), ("Accepted (2019)", None, None));
        assert_eq!(s("Accepted (by )"), ("Accepted (by )", None, None));
    }

    #[test]
    fn history_items_are_history_and_the_line_above_is_the_status() {
        let f = scan(
            "# 2. X\n\n## Status\n\nAccepted\n\n- 2024-01-02 Proposed\n- 2024-02-03 Accepted\n",
            1,
        );
        assert_eq!(f.status, Some(("Accepted".into(), 5)));
        let dates: Vec<&str> = f.history.iter().map(|h| h.date.as_str()).collect();
        assert_eq!(dates, ["2024-01-02", "2024-02-03"]);
        // A supersede marker below an earlier `Accepted` line wins: it was added later.
        let f = scan(
            "# 2. X\n\n## Status\n\nAccepted\n\n- 2024-01-02 Proposed\n\n\
             Superceded by [3. Y](0003-y.md)\n",
            1,
        );
        assert_eq!(f.status.unwrap().1, 5);
        assert_eq!(f.superseded_line.unwrap().1, 9);
        // After adr-tools removes the `Accepted` line on a supersede, the link is the status.
        let f = scan(
            "## Status\n\n- 2024-01-02 Accepted\n\nSuperceded by [3. Y](0003-y.md)\n",
            1,
        );
        assert_eq!(f.status.unwrap().1, 5);
        let f = scan(
            "# T\n\n- Status: rejected\n  - 2020-09-27 accepted\n- Date: 2020-09-27\n",
            1,
        );
        assert_eq!(f.status, Some(("rejected".into(), 3)));
        assert_eq!(f.history.len(), 1);
        assert_eq!(f.date.unwrap().0, "2020-09-27");
    }

    #[test]
    fn metadata_lines_are_the_facts_and_a_remark_keeps_its_section() {
        // adr-tools: the Date line, the status word and the link line; the heading goes with
        // them when nothing else is under it.
        let body = "# 2. B\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n\n\
                    Supercedes [1. A](0001-a.md)\n\n## Context\n\nStatus: words\n";
        assert_eq!(metadata_lines(body), [3, 5, 7, 9]);
        // A remark in the status section stays, and so does its heading; a dated history is
        // the record's history and stays too.
        let body = "# 2. B\n\n## Status\n\nAccepted\n\nWe revisit this in Q3.\n\n\
                    - 2024-01-02 Proposed\n";
        assert_eq!(metadata_lines(body), [5]);
        // MADR 2 bullets: status, deciders and date; not the technical story.
        let body = "# T\n\n* Status: accepted\n* Deciders: Ana, Bo\n* Date: 2020-09-27\n\n\
                    Technical Story: #12\n\n## Links\n\n* Supersedes [X](x.md)\n";
        assert_eq!(metadata_lines(body), [3, 4, 5, 9, 11]);
        // Nothing in code.
        assert!(metadata_lines("```\nStatus: x\nDate: 2020-01-02\n```\n").is_empty());
    }

    #[test]
    fn code_blocks_and_comments_are_ignored() {
        let f = scan(
            "```\n# not a title\n```\n<!--\n# nor this\n-->\n# Real\n",
            1,
        );
        assert_eq!(f.h1, Some(("Real".into(), 7)));
    }
}
