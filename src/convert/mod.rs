//! `adr convert`: a record rewritten into another format, keeping every word.
//!
//! The metadata a format keeps in one place moves to the place the other format keeps it: the
//! status (with its links and dated history), the date and the title's number go between an
//! adr-tools `## Status` section, `Date:` line and `# N. Title` heading and the front matter of
//! the structured and MADR formats; MADR's `decision-makers` and the structured `deciders` are
//! one list. Every other line stays as it was, in its place. Where a piece of metadata is not
//! in a shape that moves cleanly (a status inside a table, a status section with prose in it)
//! it stays where it is, in the body, where the other format reads it too.
//!
//! Nothing is trusted: the converted text is read back and must give the same number, title,
//! status, date, history, people, tags, links and structured fields, in the target format, with
//! every line of the body that was not metadata still there. A record that would not is
//! skipped with the reason, never written half-right.

mod body;
mod front;
mod verify;

use crate::model::{Format, Link, Record};
use crate::parse::markdown;

/// What converting one record gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Converted {
    /// The record's new text.
    Text(String),
    /// The record is in the target format already.
    Already,
    /// It cannot be converted without loss; the reason, in words.
    Skipped(String),
}

/// The words written for a link moved into a Markdown body: its label, and the link text.
pub type LinkText<'a> = &'a dyn Fn(&Link) -> String;

/// Converts `record`, read from `text`, to `to`. `link_text` gives the text of a link line
/// written from a front-matter link (adr-tools writes `[N. Title](file)`).
pub fn convert(record: &Record, text: &str, to: Format, link_text: LinkText<'_>) -> Converted {
    if record.format == to {
        return Converted::Already;
    }
    let file = match body::File::split(text) {
        Ok(f) => f,
        Err(reason) => return Converted::Skipped(reason),
    };
    let facts = markdown::scan(&record.body, record.body_line);
    let out = match to {
        Format::Nygard => body::to_nygard(record, &file, &facts, link_text),
        Format::Structured | Format::Madr => body::to_front_matter(record, &file, &facts, to),
    };
    let out = match out {
        Ok(out) => out,
        Err(reason) => return Converted::Skipped(reason),
    };
    match verify::same_record(record, text, &out.text, &out.moved, to) {
        Ok(()) => Converted::Text(out.text),
        Err(reason) => Converted::Skipped(reason),
    }
}

/// The converted text and the 1-based lines of the original file whose content moved
/// elsewhere (metadata), which the body check does not look for.
pub struct Output {
    pub text: String,
    pub moved: Vec<usize>,
}
