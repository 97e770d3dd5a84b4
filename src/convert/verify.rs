//! The converted text, read back, against the record it came from.

use crate::model::{Field, Format, Lifecycle, Record, Severity};
use crate::repo::{RecordFile, record_from_bytes};

/// `Ok` when `new` reads as the same record as `old` (read from `old_text`) in format `to`,
/// with every body line of the old text that is not in `moved` (1-based lines) still there,
/// in order; else the first difference, in words.
pub fn same_record(
    old: &Record,
    old_text: &str,
    new: &str,
    moved: &[usize],
    to: Format,
) -> Result<(), String> {
    let name = crate::names::parse_record_name(&old.id).unwrap_or(crate::names::NameInfo {
        number: None,
        date_iso: None,
        slug: old.id.clone(),
    });
    let file = RecordFile {
        path: old.path.clone(),
        id: old.id.clone(),
        name,
    };
    let (back, diags) = record_from_bytes(&file, new.as_bytes());
    if let Some(d) = diags.iter().find(|d| d.severity == Severity::Error) {
        return Err(format!(
            "the converted text would not read cleanly: {}",
            d.message
        ));
    }
    if back.format != to {
        return Err(format!("it would read as {}, not {to}", back.format));
    }
    // The format is the change asked for, checked above. Converting may trim the status's
    // words and write a link once that the old text wrote twice.
    let mut differs = old.fields_differing(&back);
    differs.retain(|&f| match f {
        Field::Format => false,
        Field::Status => status(&back) != status(old),
        Field::StatusHistory => history(&back) != history(old),
        Field::Links => links(&back) != links(old),
        _ => true,
    });
    if !differs.is_empty() {
        return Err(format!(
            "it would read back with a different {}",
            Field::names(&differs)
        ));
    }
    body_kept(old, old_text, &back, moved)
}

fn status(r: &Record) -> Option<(&Lifecycle, &str)> {
    r.status.as_ref().map(|s| (&s.state, s.raw.trim()))
}

fn history(r: &Record) -> Vec<(&str, &str)> {
    r.status_history
        .iter()
        .map(|h| (h.date.as_str(), h.raw.trim()))
        .collect()
}

fn links(r: &Record) -> Vec<(&str, &str)> {
    let mut v = r.link_pairs();
    v.dedup();
    v
}

/// Every non-blank body line of the old text, less the moved ones, is a line of the new body,
/// in the same order.
fn body_kept(old: &Record, old_text: &str, back: &Record, moved: &[usize]) -> Result<(), String> {
    let mut new_lines = back.body.lines().map(|l| l.trim_end_matches('\r'));
    for (i, line) in old_text.lines().enumerate() {
        let n = i + 1;
        if n < old.body_line || moved.contains(&n) {
            continue;
        }
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        if !new_lines.any(|l| l == line) {
            return Err(format!("line {n} of the body would be lost: {line}"));
        }
    }
    Ok(())
}
