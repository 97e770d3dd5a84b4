//! The two moves: body metadata into front matter (to the structured and MADR formats), and
//! front-matter metadata into an adr-tools body (to nygard). Lines keep their own endings;
//! the lines added take the file's.

use super::front::Front;
use super::{LinkText, Output};
use crate::model::{Format, Link, Record};
use crate::parse::markdown::{self, BodyFacts};
use crate::parse::words::link_kind;

/// A file as lines, each with its own ending, and where its front matter is.
pub struct File {
    pub lines: Vec<(String, String)>,
    pub eol: &'static str,
    /// 0-based index of the closing fence, when the file has front matter (the opening
    /// fence is line 0).
    pub front_close: Option<usize>,
}

impl File {
    pub fn split(text: &str) -> Result<File, String> {
        let lines: Vec<(String, String)> = text
            .split_inclusive('\n')
            .map(|l| {
                let content = l.trim_end_matches('\n').trim_end_matches('\r');
                (content.to_string(), l[content.len()..].to_string())
            })
            .collect();
        let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
        let front_close = match crate::parse::split_front_matter(text) {
            Ok(Some(span)) => Some(span.body_first_line - 2),
            Ok(None) => None,
            Err(_) => return Err("its front matter is never closed".into()),
        };
        Ok(File {
            lines,
            eol,
            front_close,
        })
    }

    /// The 0-based index of the first body line.
    pub fn body_start(&self) -> usize {
        self.front_close.map_or(0, |c| c + 1)
    }

    fn line(&self, n: usize) -> &str {
        self.lines
            .get(n.wrapping_sub(1))
            .map_or("", |l| l.0.as_str())
    }
}

/// A body line, by 1-based file line, that the parser read as `text` and nothing else: a
/// plain line, not a heading or a table row whose other cells say more.
fn plain(file: &File, line: usize) -> bool {
    let t = file.line(line).trim_start();
    !t.starts_with('#') && !t.starts_with('|')
}

/// The body metadata that moves to front matter: its lines and the keys they become.
#[derive(Default)]
struct Moving {
    lines: Vec<usize>,
    status: Option<String>,
    date: Option<String>,
    links: Vec<Link>,
    history: Vec<(String, String)>,
}

/// The status, its links and history, when they sit in a `## Status` section or on a
/// preamble `Status:` line in shapes that move without a word lost: the status line holds the
/// status alone, links are whole link lines, history items are whole items, and the status
/// does not depend on a supersede marker below it. `None` leaves them where they are.
fn moving_status(record: &Record, file: &File, facts: &BodyFacts, m: &mut Moving) -> bool {
    let Some(status) = &record.status else {
        return true;
    };
    if status.line < record.body_line {
        return true;
    }
    let words = file.line(status.line).trim();
    let raw = status.raw.trim();
    let alone = words == raw
        || markdown::metadata(words).is_some_and(|(_, v)| v == raw && words.ends_with(raw));
    if !alone || !plain(file, status.line) {
        return false;
    }
    // A `Superseded by` marker under an `Accepted` line makes the state; in front matter the
    // marker would no longer be read so.
    if crate::parse::words::normalise_status(&status.raw) != status.state {
        return false;
    }
    let (from, to) = match facts.status_section {
        Some((head, end)) if (head..=end).contains(&status.line) => (head, end),
        _ => {
            // A preamble line and the link and history lines right under it.
            let mut end = status.line;
            while link_at(record, file, end + 1).is_some() || history_at(record, end + 1) {
                end += 1;
            }
            (status.line, end)
        }
    };
    let mut lines = Vec::new();
    let mut links = Vec::new();
    let mut history = Vec::new();
    for n in from..=to {
        let content = file.line(n);
        if n == status.line
            || content.trim().is_empty()
            || Some(n) == facts.status_section.map(|s| s.0)
        {
            lines.push(n);
        } else if let Some(link) = link_at(record, file, n) {
            links.push(link.clone());
            lines.push(n);
        } else if history_at(record, n) {
            history.extend(
                record
                    .status_history
                    .iter()
                    .filter(|h| h.line == Some(n))
                    .map(|h| (h.date.clone(), h.raw.clone())),
            );
            lines.push(n);
        } else {
            // Prose, a guidance line or a link to a ticket: the section stays as it is.
            return false;
        }
    }
    // A section ends before the next heading: its trailing blank lines stay with the text.
    m.lines.extend(lines);
    m.status = Some(status.raw.clone());
    m.links = links;
    m.history = history;
    true
}

/// The link the record read from line `n`, when that line is a whole link line.
fn link_at<'a>(record: &'a Record, file: &File, n: usize) -> Option<&'a Link> {
    let link = record.links.iter().find(|l| l.line == n)?;
    markdown::link_line(file.line(n), n)
        .is_some_and(|l| l.target == link.target)
        .then_some(link)
}

fn history_at(record: &Record, n: usize) -> bool {
    record.status_history.iter().any(|h| h.line == Some(n))
}

/// To the structured or MADR format: body metadata into the front matter, the title's number
/// out of the heading, and the key that marks the format.
pub fn to_front_matter(
    record: &Record,
    file: &File,
    facts: &BodyFacts,
    to: Format,
) -> Result<Output, String> {
    let mut front = Front::of(record, file)?;
    let mut m = Moving::default();
    if !front.has("status") {
        moving_status(record, file, facts, &mut m);
    }
    if !front.has_any(crate::parse::fields::DATE)
        && let (Some(date), Some((written, line))) = (&record.date, &facts.date)
        && written == date
        && *line >= record.body_line
        && plain(file, *line)
        && markdown::metadata(file.line(*line)).is_some_and(|(_, v)| {
            v == date.as_str() && file.line(*line).trim_end().ends_with(date.as_str())
        })
    {
        m.lines.push(*line);
        m.date = Some(date.clone());
    }
    if !m.links.is_empty() && front.has("links") {
        return Err("it has links both in its front matter and in its status section".into());
    }
    if !m.history.is_empty() && front.has("status_history") {
        return Err("it has a status history both in its front matter and its body".into());
    }
    front.add_moved(m.status.as_deref(), m.date.as_deref(), &m.links, &m.history);
    front.mark(to, facts)?;
    let mut moved = m.lines.clone();
    let heading = title_heading(record, file, facts, None);
    if let Some((line, _)) = &heading {
        moved.push(*line);
    }
    let text = assemble(file, &front, &m.lines, heading, None);
    Ok(Output { text, moved })
}

/// The title heading rewritten for the target: `# Title`, or adr-tools' `# N. Title`. `None`
/// when the title is not read from an H1 or the heading already says it so.
fn title_heading(
    record: &Record,
    file: &File,
    facts: &BodyFacts,
    number: Option<u32>,
) -> Option<(usize, String)> {
    let title = record.title.as_deref()?;
    let (h1, line) = facts.h1.as_ref()?;
    let from_front = record
        .front_matter
        .as_ref()
        .is_some_and(|fm| fm.get("title").is_some());
    if from_front || *line < record.body_line {
        return None;
    }
    let _ = h1;
    let hashes = file.line(*line).trim_start();
    let level = hashes.bytes().take_while(|&b| b == b'#').count();
    let want = match number {
        Some(n) => format!("{} {n}. {title}", "#".repeat(level)),
        None => format!("{} {title}", "#".repeat(level)),
    };
    (file.line(*line) != want).then_some((*line, want))
}

/// The new text: `front` for the front matter, the body without the `drop` lines (1-based),
/// with `heading` rewritten and `insert` placed after the heading (or at the body's start).
/// A blank line left doubled by a removal or an insertion is dropped.
fn assemble(
    file: &File,
    front: &Front,
    drop: &[usize],
    heading: Option<(usize, String)>,
    insert: Option<Vec<String>>,
) -> String {
    let eol = file.eol;
    // `(text, ending, original 1-based line or 0 for a new line)`.
    let mut out: Vec<(String, String, usize)> = Vec::new();
    let front_lines = front.lines();
    let has_front = !front_lines.is_empty();
    for (l, n) in front_lines {
        out.push((l, eol.to_string(), n));
    }
    let start = file.body_start();
    let mut body: Vec<(String, String, usize)> = Vec::new();
    for (i, (content, ending)) in file.lines.iter().enumerate().skip(start) {
        let n = i + 1;
        if drop.contains(&n) {
            continue;
        }
        let content = match &heading {
            Some((line, text)) if *line == n => text.clone(),
            _ => content.clone(),
        };
        body.push((content, ending.clone(), n));
    }
    if let Some(block) = insert {
        let at = heading
            .as_ref()
            .and_then(|(line, _)| body.iter().position(|(_, _, n)| n == line))
            .map_or(0, |p| p + 1);
        let mut new: Vec<(String, String, usize)> = Vec::new();
        if at > 0 {
            new.push((String::new(), eol.to_string(), 0));
        }
        new.extend(block.into_iter().map(|l| (l, eol.to_string(), 0)));
        if body.get(at).is_some_and(|(l, _, _)| !l.trim().is_empty()) || at == body.len() {
            new.push((String::new(), eol.to_string(), 0));
        }
        // The line before the block must end, even when it was the file's last.
        if at > 0 && body[at - 1].1.is_empty() {
            body[at - 1].1 = eol.to_string();
        }
        body.splice(at..at, new);
    }
    // A new front matter is set off from a body that starts with text; a body that lost its
    // front matter does not start with the blank line that followed it.
    if has_front
        && body.first().is_some_and(|(l, _, _)| !l.trim().is_empty())
        && file.front_close.is_none()
    {
        out.push((String::new(), eol.to_string(), 0));
    }
    if !has_front {
        while body.first().is_some_and(|(l, _, _)| l.trim().is_empty())
            && file.front_close.is_some()
        {
            body.remove(0);
        }
    }
    out.extend(body);
    // The last line ends as the file's last line did.
    if let (Some(last), Some((_, ending))) = (out.last_mut(), file.lines.last())
        && last.2 == 0
        && ending.is_empty()
    {
        last.1.clear();
    }
    let mut text = String::new();
    let mut prev: Option<(bool, usize)> = None;
    for (content, ending, n) in &out {
        let blank = content.trim().is_empty();
        if let Some((was_blank, pn)) = prev
            && blank
            && was_blank
            && (*n == 0 || pn == 0 || drop.iter().any(|d| *d > pn && *d < *n))
        {
            continue;
        }
        text.push_str(content);
        text.push_str(ending);
        prev = Some((blank, *n));
    }
    text
}

/// To adr-tools' layout: the status, its links and history and the date out of the front
/// matter into a `## Status` section and a `Date:` line under the `# N. Title` heading.
pub fn to_nygard(
    record: &Record,
    file: &File,
    facts: &BodyFacts,
    link_text: LinkText<'_>,
) -> Result<Output, String> {
    let mut front = Front::of(record, file)?;
    front.refuse_kept_elsewhere()?;
    let status = front
        .take("status")
        .and(record.status.as_ref().map(|s| s.raw.clone()));
    let date = front
        .take_any(crate::parse::fields::DATE)
        .and(record.date.clone());
    let links_moved = front.take("links").is_some();
    let history_moved = front.take("status_history").is_some();
    front.drop_empty_lists();
    if status.is_some() && facts.status_section.is_some() {
        return Err(
            "its front matter has a status and its body a status section; one would be lost".into(),
        );
    }
    if date.is_some()
        && facts
            .date
            .as_ref()
            .is_some_and(|(_, l)| *l >= record.body_line)
    {
        return Err("its front matter has a date and its body a date line".into());
    }
    let mut block: Vec<String> = Vec::new();
    if let Some(date) = &date {
        block.push(format!("Date: {date}"));
        block.push(String::new());
    }
    if status.is_some() || links_moved || history_moved {
        block.push("## Status".into());
        block.push(String::new());
        block.push(status.clone().unwrap_or_default());
        let front_line = record.body_line;
        let links: Vec<&Link> = record
            .links
            .iter()
            .filter(|l| links_moved && l.line < front_line)
            .collect();
        if !links.is_empty() {
            block.push(String::new());
            for l in links {
                block.push(format!(
                    "{} [{}]({})",
                    nygard_label(l),
                    link_text(l),
                    l.target
                ));
            }
        }
        if history_moved && !record.status_history.is_empty() {
            block.push(String::new());
            for h in record.status_history.iter().filter(|h| h.line.is_none()) {
                block.push(format!("- {} {}", h.date, h.raw));
            }
        }
    }
    while block.last().is_some_and(|l| l.is_empty()) {
        block.pop();
    }
    let heading = title_heading(record, file, facts, record.number);
    let moved: Vec<usize> = heading.iter().map(|(l, _)| *l).collect();
    let insert = (!block.is_empty()).then_some(block);
    // With no heading to rewrite, the block goes under the H1 as it is.
    let heading = heading.or_else(|| {
        facts
            .h1
            .as_ref()
            .filter(|(_, l)| *l >= record.body_line)
            .map(|(_, l)| (*l, file.line(*l).to_string()))
    });
    let text = assemble(file, &front, &[], heading, insert);
    Ok(Output { text, moved })
}

/// The words adr-tools writes for a link of this kind (`Supercedes`, `Superceded by`), else the
/// label as written, else the kind in words.
fn nygard_label(l: &Link) -> String {
    match l.kind.as_str() {
        crate::model::SUPERSEDES => "Supercedes".into(),
        crate::model::SUPERSEDED_BY => "Superceded by".into(),
        kind => {
            let label = l.label.trim().trim_end_matches(':');
            if !label.is_empty() && link_kind(label) == kind {
                crate::edit::capitalise(label)
            } else {
                crate::edit::capitalise(&kind.replace('-', " "))
            }
        }
    }
}
