//! Turning what a user types (`12`, `0012-use-x.md`, `use x`) into one record.

use crate::error::Error;
use crate::model::{DecisionLog, Record};

/// Finds the record `reference` names: a number (exact match first), a file name or id, a path,
/// or a fragment of the title or file name that matches exactly one record.
pub fn find<'a>(log: &'a DecisionLog, reference: &str) -> Result<&'a Record, Error> {
    let r = reference.trim();
    if let Ok(n) = r.parse::<u32>() {
        let by_number: Vec<&Record> = log.records.iter().filter(|x| x.number == Some(n)).collect();
        match by_number.len() {
            1 => return Ok(by_number[0]),
            0 => {}
            _ => return Err(ambiguous(r, &by_number)),
        }
    }
    let file_name = std::path::Path::new(r)
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or(r);
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    let exact: Vec<&Record> = log
        .records
        .iter()
        .filter(|x| x.id == stem || x.path == std::path::Path::new(r))
        .collect();
    if exact.len() == 1 {
        return Ok(exact[0]);
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
