//! Turning what a user types (`12`, `0012-use-x.md`, `use x`) into one record.

use crate::error::Error;
use crate::links::{Found, LinkIndex};
use crate::model::{DecisionLog, Record};
use std::path::Path;

/// Finds the record `reference` names: a number (exact match first), a file name or id, a path,
/// or a fragment of the title or file name that matches exactly one record.
pub fn find<'a>(log: &'a DecisionLog, reference: &str) -> Result<&'a Record, Error> {
    let r = reference.trim();
    // What a link would name from the current folder (`12`, `ADR-12`, a path, a record's
    // folder), then the file name's stem in any folder, as the link index finds them.
    let index = LinkIndex::of(log);
    let stem = Path::new(r).file_name().and_then(|f| f.to_str());
    let stem = stem.map(|f| f.strip_suffix(".md").unwrap_or(f));
    for attempt in std::iter::once(r).chain(stem.filter(|f| *f != r)) {
        match index.find(Path::new(""), attempt) {
            Found::Record(i) => return Ok(&log.records[i]),
            Found::Several(many) => {
                let many: Vec<&Record> = many.iter().map(|&i| &log.records[i]).collect();
                return Err(ambiguous(r, &many));
            }
            Found::External | Found::NoRecord(_) => {}
        }
    }
    let needle = r.to_lowercase();
    let partial: Vec<&Record> = log
        .records
        .iter()
        .filter(|x| {
            x.id.to_lowercase().contains(&needle)
                || x.title
                    .as_deref()
                    .is_some_and(|t| t.to_lowercase().contains(&needle))
        })
        .collect();
    match partial.len() {
        0 => Err(Error::NotFound(r.to_string())),
        1 => Ok(partial[0]),
        _ => Err(ambiguous(r, &partial)),
    }
}

fn ambiguous(reference: &str, records: &[&Record]) -> Error {
    Error::Ambiguous {
        reference: reference.to_string(),
        candidates: records
            .iter()
            .map(|r| r.path.display().to_string())
            .collect(),
    }
}
