//! Surgical edits of a record's text: change the status, add a link, renumber the heading,
//! retarget links — touching only the lines that carry them.
//!
//! Every edit takes the file's text and the [`Record`] parsed from it (whose fields know their
//! lines) and returns the new text. Everything else — comments, unknown front-matter keys,
//! spacing, CRLF line endings, a missing final newline — comes back byte for byte. Re-rendering
//! a whole file to change one field is how other tools lost their users' text.

mod body;
mod body_links;
mod front;
mod history;
mod lines;
mod plan;
mod render;

pub use front::{quoted, scalar};
pub use lines::Lines;
pub use render::front_matter;

use crate::model::{Field, Lifecycle, Record};
use crate::parse::split_front_matter;
use crate::parse::words::link_kind;
use std::path::{Path, PathBuf};

/// Why an edit could not be made. Carries the file and, where it helps, the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct EditError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl EditError {
    fn new(path: &Path, line: Option<usize>, message: impl Into<String>) -> EditError {
        EditError {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

/// A link to write into a record: `Supercedes [2. Use X](0002-use-x.md)` in Markdown, or
/// `{type: supersedes, target: 0002-use-x.md}` in front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLink {
    /// The words as a reader sees them: `Supercedes`, `Amended by`.
    pub label: String,
    /// The target's path relative to the record's folder.
    pub target: String,
    /// The text of the Markdown link: adr-tools uses the target's first line minus `# `.
    pub title: String,
}

/// A status change: the words to write and, for formats that keep one, the dated history entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStatus {
    pub state: Lifecycle,
    /// As the user typed it; known states are written in the format's own casing.
    pub raw: String,
    /// The date of the change (`ADR_DATE` or today), for status history.
    pub date: String,
    /// Who made the change, recorded in the history entry.
    pub by: Option<String>,
    /// What `--force` overrode to make it, recorded in the history entry.
    pub forced: Option<String>,
}

/// When a change is made and by whom: what a dated history entry records besides the status.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamp {
    pub date: String,
    pub by: Option<String>,
}

/// An approval to record: who and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApproval {
    pub by: String,
    pub date: String,
}

impl NewStatus {
    /// A move to `state` (written `raw`) at `stamp`, overriding nothing.
    pub fn at(state: Lifecycle, raw: &str, stamp: &Stamp) -> NewStatus {
        NewStatus {
            state,
            raw: raw.to_string(),
            date: stamp.date.clone(),
            by: stamp.by.clone(),
            forced: None,
        }
    }

    /// What a Markdown history item says after its date: `Accepted`, `Accepted (by Ana)`,
    /// `Accepted (by Ana; forced: 1 of 2 approvals)` (read back by `parse::markdown::split_by`).
    pub fn history_words(&self, word: &str) -> String {
        let by = self.by.as_deref().map(str::trim).filter(|b| !b.is_empty());
        // Brackets in the note would end the remark early when it is read back.
        let forced = self.forced.as_deref().map(|f| f.replace(['(', ')'], ""));
        match (by, forced) {
            (None, None) => word.to_string(),
            (Some(by), None) => format!("{word} (by {by})"),
            (None, Some(forced)) => format!("{word} (forced: {forced})"),
            (Some(by), Some(forced)) => format!("{word} (by {by}; forced: {forced})"),
        }
    }

    /// The word written into a file of the given style: `Accepted` in Markdown bodies (as
    /// adr-tools writes it), `accepted` in front matter; unknown statuses as typed.
    pub fn word(&self, capitalised: bool) -> String {
        if !self.state.is_known() {
            return self.raw.trim().to_string();
        }
        let w = self.state.as_str();
        if capitalised {
            capitalise(w)
        } else {
            w.to_string()
        }
    }
}

/// `word` with its first letter upper-cased, as a status or link label is written in a
/// Markdown body (`Accepted`, `Amended by`).
pub fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Where a record keeps its status and links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// YAML front matter.
    Front,
    /// The Markdown body (a `## Status` section or a `Status:` line).
    Body,
}

fn place(text: &str, record: &Record) -> Place {
    let Ok(Some(span)) = split_front_matter(text) else {
        return Place::Body;
    };
    let close = text[..span.yaml_end].matches('\n').count();
    let status_in_front = record.status.as_ref().is_some_and(|s| s.line <= close + 1);
    if record.status.is_some() && !status_in_front {
        Place::Body
    } else {
        Place::Front
    }
}

/// Sets the record's status. Front matter: the `status:` value, plus a dated `status_history`
/// entry (with the old status first when the history starts). Body: the status line, or a new
/// line when the status so far is only a link (`Superceded by ...`), plus a dated
/// `- YYYY-MM-DD Status` item under it (a `## Status` section or a `- Status:` bullet).
pub fn set_status(text: &str, record: &Record, status: &NewStatus) -> Result<String, EditError> {
    let out = match place(text, record) {
        Place::Front => front::set_status(text, record, status)?,
        Place::Body => {
            let mut lines = Lines::new(text);
            body::set_status(&mut lines, record, status)?;
            lines.join()
        }
    };
    // Whatever the layout, the edit must read back as the status asked for; a file this
    // editor does not understand well enough is left as it is rather than changed wrongly.
    // It must read back as the word written (an unknown status is written trimmed, which
    // can change how it reads: `A - ` is `a`, `A -` is `a -`).
    let back = reparse(record, &out);
    let now = back.status.as_ref().map(|s| s.state.clone());
    let want = crate::parse::words::normalise_status(&status.word(false));
    let reads_back = same_identity(record, &back) && now.as_ref() == Some(&want);
    if reads_back {
        unchanged_besides(record, &back, Asked::Status(status))?;
    }
    if !reads_back {
        return Err(EditError::new(
            &record.path,
            record.status.as_ref().map(|s| s.line),
            format!(
                "the status is written in a way this tool cannot change safely (after the edit \
                 it would read as `{}`); change it by hand",
                now.as_ref().map_or("nothing", |s| s.as_str())
            ),
        ));
    }
    Ok(out)
}

/// Adds a link. Front matter: an item of `links:`. Body: a line at the end of the `## Status`
/// section followed by a blank line, exactly where adr-tools puts it, or under a `Status:` line.
///
/// A link that would not read back as itself is refused: blank words, or in a Markdown body
/// words the reader does not take for a link's (digits, punctuation, a line starting with `|`).
/// Written anyway, it would be invisible to every later command, and `adr link` would add it
/// again each time it ran.
pub fn add_link(text: &str, record: &Record, link: &NewLink) -> Result<String, EditError> {
    let kind = link_kind(&link.label);
    let unreadable = || {
        EditError::new(
            &record.path,
            None,
            format!(
                "a link `{}` would not be read back as a link: name it with at most four words \
                 of letters, `-` and `'` (`Amends`, `Depends on`), and close any code fence or \
                 comment left open at the end of the record",
                link.label
            ),
        )
    };
    if kind.is_empty() {
        return Err(unreadable());
    }
    let out = match place(text, record) {
        Place::Front => front::add_link(text, record, link)?,
        Place::Body => {
            let mut lines = Lines::new(text);
            body::add_link(&mut lines, record, link)?;
            lines.join()
        }
    };
    let count = |r: &Record| {
        r.links
            .iter()
            .filter(|l| l.kind == kind && l.target == link.target)
            .count()
    };
    let back = reparse(record, &out);
    if count(&back) <= count(record) || !same_identity(record, &back) {
        return Err(unreadable());
    }
    unchanged_besides(record, &back, Asked::Link(&kind, &link.target))?;
    Ok(out)
}

/// Records an approval in the front matter's `approvals:` list (`{by: Ana, date: ...}`). A
/// record without front matter has no place for one and is refused: approvals are kept in
/// structured and MADR front matter, never invented in a Markdown body.
pub fn add_approval(
    text: &str,
    record: &Record,
    approval: &NewApproval,
) -> Result<String, EditError> {
    if !matches!(split_front_matter(text), Ok(Some(_))) {
        return Err(EditError::new(
            &record.path,
            None,
            "the record has no front matter, where approvals are kept (`approvals:` in \
             structured and MADR records); an adr-tools record keeps none, so accept it with \
             `adr status REF accepted --force`, which records who accepted it and what was \
             overridden",
        ));
    }
    let out = front::add_approval(text, record, approval)?;
    let back = reparse(record, &out);
    let added = back.approvals.len() == record.approvals.len() + 1
        && back.approvals.last().is_some_and(|a| {
            a.by == approval.by.trim() && a.date.as_deref() == Some(approval.date.as_str())
        });
    if !added || !same_identity(record, &back) {
        return Err(EditError::new(
            &record.path,
            None,
            format!(
                "the approval by `{}` would not read back as written; nothing was written",
                approval.by
            ),
        ));
    }
    unchanged_besides(record, &back, Asked::Approval)?;
    Ok(out)
}

/// What an edit was asked to change.
#[derive(Clone, Copy)]
enum Asked<'a> {
    Status(&'a NewStatus),
    /// A link of this kind to this target.
    Link(&'a str, &'a str),
    /// One more approval (compared by the caller).
    Approval,
}

impl Asked<'_> {
    /// Whether a difference in `field` between the record before and after the edit is the
    /// change asked for, made as asked.
    fn explains(self, field: Field, before: &Record, after: &Record) -> bool {
        match (self, field) {
            // `set_status` checks the status it reads back against the one asked.
            (Asked::Status(_), Field::Status) => true,
            // A status edit may date a record that had no date by the history entry it adds.
            (Asked::Status(s), Field::Date) => {
                before.date_iso.is_none() && after.date_iso.as_deref() == Some(&s.date)
            }
            // The history only grows: every earlier entry is still there.
            (Asked::Status(_), Field::StatusHistory) => {
                let now = after.history();
                before.history().iter().all(|h| now.contains(h))
            }
            (Asked::Link(kind, target), Field::Links) => {
                let mut want = before.link_pairs();
                want.push((kind, target));
                want.sort_unstable();
                want == after.link_pairs()
            }
            // A `Superceded by` link is the supersede marker: the record now reads superseded.
            (Asked::Link(kind, _), Field::Status) => {
                kind == crate::model::SUPERSEDED_BY
                    && after
                        .status
                        .as_ref()
                        .is_some_and(|s| s.state == Lifecycle::Superseded)
            }
            (Asked::Approval, Field::Approvals) => after.approvals.starts_with(&before.approvals),
            _ => false,
        }
    }
}

/// Checks that the edited record, read back, equals the record before the edit in every field
/// ([`Record::fields_differing`]) but the change asked for. The body is the text the edit
/// changed, so it is not compared; every reading taken from it is.
fn unchanged_besides(before: &Record, after: &Record, asked: Asked) -> Result<(), EditError> {
    let mut changed = before.fields_differing(after);
    changed.retain(|&f| !asked.explains(f, before, after));
    if changed.is_empty() {
        return Ok(());
    }
    Err(EditError::new(
        &before.path,
        before.status.as_ref().map(|s| s.line),
        format!(
            "the edit would also change the record's {} as this tool reads it; nothing was \
             written (change it by hand)",
            Field::names(&changed)
        ),
    ))
}

/// Whether an edit left the record's title and number as they were.
fn same_identity(before: &Record, after: &Record) -> bool {
    before.title == after.title && before.number == after.number
}

/// `record` read again from its edited text, its numeric dates read as its log read them.
fn reparse(record: &Record, text: &str) -> Record {
    let parsed = crate::names::parse_record_name(&record.id);
    let name = crate::names::NameInfo {
        number: record.number,
        date_iso: parsed.as_ref().and_then(|n| n.date_iso.clone()),
        slug: parsed.map_or_else(|| record.id.clone(), |n| n.slug),
    };
    let mut back = crate::parse::parse_record(&record.path, &record.id, &name, text).0;
    crate::parse::dates::follow(&mut back, record);
    back
}

/// Whether the record keeps its status in a Markdown `## Status` section (adr-tools' layout),
/// where superseding adds a link line rather than rewriting a value.
pub fn status_in_section(text: &str, record: &Record) -> bool {
    place(text, record) == Place::Body && body::status_heading(&Lines::new(text), record).is_some()
}

/// Dates a change to `status` in the record's Markdown status history without touching its
/// status line (which a supersede replaces with a link). Front-matter records and records with
/// no place for a history are returned unchanged.
pub fn date_status_change(text: &str, record: &Record, status: &NewStatus) -> String {
    let mut lines = Lines::new(text);
    if place(text, record) == Place::Body {
        body::date_status_change(&mut lines, record, status);
    }
    lines.join()
}

/// adr-tools' `_adr_remove_status`: inside the status section, drops lines that are exactly
/// `status` and squeezes runs of blank lines to one. Used when a record is superseded.
pub fn remove_status_line(text: &str, record: &Record, status: &str) -> String {
    let mut lines = Lines::new(text);
    body::remove_status_line(&mut lines, record, status);
    lines.join()
}

/// Changes the number in a `# N. Title` first heading (and a front-matter number key such as
/// `adr: "0012"`), leaving every other line alone.
pub fn renumber(text: &str, record: &Record, new_number: u32) -> String {
    let Some(old) = record.number else {
        return text.to_string();
    };
    let text = match split_front_matter(text) {
        Ok(Some(_)) => front::renumber(text, record, old, new_number),
        _ => text.to_string(),
    };
    let mut lines = Lines::new(&text);
    body::renumber_heading(&mut lines, old, new_number);
    lines.join()
}

/// Points every link of `record` at the file `old_stem` to `new_stem` instead (keeping the
/// folder and extension written in the link), and fixes the number in the link text
/// (`[12. Use X]` becomes `[42. Use X]`).
pub fn retarget_links(
    text: &str,
    record: &Record,
    was: crate::links::Key<'_>,
    new_stem: &str,
    numbers: (u32, u32),
) -> String {
    let old_stem = was.id;
    let mut lines = Lines::new(text);
    let mut done = Vec::new();
    for link in record
        .links
        .iter()
        .filter(|l| crate::links::names(&record.path, &l.target, was))
    {
        let start = link.line.saturating_sub(1);
        // Front-matter links carry the line of their `links:` key; the item is below it.
        let line = if link.text.is_some() {
            Some(start).filter(|i| !done.contains(i))
        } else {
            (start..lines.len())
                .find(|i| !done.contains(i) && lines.content(*i).contains(link.target.as_str()))
        };
        if let Some(line) = line {
            done.push(line);
            let new_target = link.target.replacen(old_stem, new_stem, 1);
            lines.retarget(line, &link.target, &new_target, numbers);
        }
    }
    lines.join()
}

/// Points every Markdown link in the body (outside code) at a new file name where `rename`
/// gives one for the link's path (without its `#fragment`): `[three](./0003-three.md#context)`
/// becomes `[three](./0007-three.md#context)`. Only the file name's bytes change.
pub fn retarget_body_links(text: &str, rename: impl Fn(&str) -> Option<String>) -> String {
    body_links::retarget(text, rename)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::parse_record_name;

    fn record(text: &str) -> Record {
        let name = parse_record_name("0044-x").unwrap();
        crate::parse::parse_record(Path::new("0044-x.md"), "0044-x", &name, text).0
    }

    /// Found by fuzzing: the editor took a `# Status` title for a status section the parser
    /// does not read, so the status it wrote there was never read back.
    #[test]
    fn a_status_under_a_level_one_heading_is_refused_not_written_unread() {
        let text = "# 44. X\nDate: 2026-03-26\n# Status\n✅ Accepted\n## Context\n";
        let r = record(text);
        let status = NewStatus {
            state: Lifecycle::Proposed,
            raw: "proposed".into(),
            date: "2026-03-27".into(),
            by: None,
            forced: None,
        };
        match set_status(text, &r, &status) {
            Err(e) => assert!(e.message.contains("no status"), "{e}"),
            Ok(out) => assert_eq!(
                record(&out).status.map(|s| s.state),
                Some(Lifecycle::Proposed)
            ),
        }
    }

    /// Found by fuzzing: a `## Status` after a code fence that is never closed is code to the
    /// parser, but the editor wrote a link under it that was never read back.
    #[test]
    fn a_status_heading_inside_code_is_not_a_place_for_links() {
        let text = "# 23. X\n\n```\nopen fence\n\n## Status\n\nPending\n";
        let r = record(text);
        assert!(r.status.is_none());
        let link = NewLink {
            label: "Amends".into(),
            target: "0002-y.md".into(),
            title: "2. Y".into(),
        };
        assert!(add_link(text, &r, &link).is_err());
    }

    /// Found by tests/properties.rs: a link whose words the reader does not take for a link's
    /// was written anyway, invisible to every later command (and added again by each `adr
    /// link`); blank words gave a front-matter link the reader drops.
    #[test]
    fn a_link_that_would_not_read_back_is_refused() {
        let body = "# 44. X\n\n## Status\n\nAccepted\n\n## Context\n";
        let front = "---\nstatus: accepted\n---\n# X\n";
        let link = |label: &str| NewLink {
            label: label.into(),
            target: "0002-y.md".into(),
            title: "2. Y".into(),
        };
        for label in ["|true", "Amends v2", "a](b", "", " "] {
            let e = add_link(body, &record(body), &link(label)).unwrap_err();
            assert!(
                e.message.contains("would not be read back"),
                "{label:?}: {e}"
            );
        }
        for label in ["", "  "] {
            assert!(
                add_link(front, &record(front), &link(label)).is_err(),
                "{label:?}"
            );
        }
        // Front matter takes any words: they are a quoted `type:`.
        let out = add_link(front, &record(front), &link("Amends v2: #1")).unwrap();
        assert_eq!(record(&out).links[0].kind, "amends v2: #1");
        let out = add_link(body, &record(body), &link("*Amends*")).unwrap();
        assert_eq!(record(&out).links[0].kind, "amends");
    }

    /// Found by fuzzing: a front matter that is a YAML scalar got a `links:` key appended and
    /// no longer parsed.
    #[test]
    fn front_matter_that_is_not_a_mapping_is_not_edited() {
        let link = NewLink {
            label: "Amends".into(),
            target: "0002-y.md".into(),
            title: "2. Y".into(),
        };
        for text in [
            "---\n------\n---\n\n",
            "---\n- a\n---\n# X\n",
            "---\nstatus: [\n---\n# X\n",
        ] {
            assert!(add_link(text, &record(text), &link).is_err(), "{text}");
        }
        let text = "---\n---\n# X\n";
        assert!(add_link(text, &record(text), &link).is_ok());
    }

    /// Found by fuzzing: with no heading after the status section but a code fence that never
    /// closes, the link went to the end of the file, inside the code.
    #[test]
    fn a_link_goes_before_a_fence_that_never_closes() {
        let text = "# 21. X\n\n## Status\n\nAccepted\n\n```go\nfunc f() {\n";
        let link = NewLink {
            label: "Amends".into(),
            target: "0002-y.md".into(),
            title: "2. Y".into(),
        };
        let out = add_link(text, &record(text), &link).unwrap();
        assert_eq!(record(&out).links.len(), 1, "{out}");
        assert!(out.ends_with("```go\nfunc f() {\n"), "{out}");
    }

    /// The YAML parser's message and line, not a guess at line 2.
    #[test]
    fn invalid_yaml_is_refused_with_the_parsers_line() {
        let text = "---\nstatus: accepted\ntitle: a: b\n---\n# A\n";
        let status = NewStatus {
            state: Lifecycle::Deprecated,
            raw: "deprecated".into(),
            date: "2026-03-27".into(),
            by: None,
            forced: None,
        };
        let e = set_status(text, &record(text), &status).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(
            e.message
                .starts_with("the front matter is not valid YAML: mapping values"),
            "{e}"
        );
    }

    /// Found by fuzzing: with `status:` written twice, the edit changed one and the parser read
    /// the other.
    #[test]
    fn a_key_written_twice_is_not_edited() {
        let text = "---\nstatus: accepted\nstatus: proposed\n---\n# X\n";
        let status = NewStatus {
            state: Lifecycle::Rejected,
            raw: "rejected".into(),
            date: "2026-03-27".into(),
            by: None,
            forced: None,
        };
        let e = set_status(text, &record(text), &status).unwrap_err();
        assert!(e.message.contains("more than once"), "{e}");
        assert_eq!(e.line, Some(3), "{e}");
    }
}
