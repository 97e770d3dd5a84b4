//! What reading a file reported, in the check's terms: nothing reported that only follows from
//! front matter that could not be read. (The reader itself names every problem by its rule:
//! [`crate::rules::canonical`].)

use crate::model::{DecisionLog, Diagnostic};
use std::collections::HashMap;
use std::path::PathBuf;

/// Rules whose findings say what a record lacks or holds; when its front matter could not be
/// read they follow from that, and only the YAML error is worth reporting.
const FROM_CONTENT: &[&str] = &[
    "no-status",
    "no-title",
    "no-number",
    "file-name-mismatch",
    "superseded-without-successor",
    "missing-constraints",
    "missing-quality-attributes",
    "too-few-options",
    "option-without-tradeoffs",
    "incomplete-scenario",
];

/// Rules about a record's file name alone, true whatever its front matter holds.
const BY_NAME: &[&str] = &["duplicate-number", "renumber-copy", "number-collision"];

/// Records whose front matter could not be read, with the file line their body starts on
/// (1 when the front matter is never closed: the whole file was read as body).
pub fn broken_front_matter(log: &DecisionLog) -> HashMap<PathBuf, usize> {
    log.diagnostics
        .iter()
        .filter(|d| matches!(d.code, "invalid-front-matter" | "unclosed-front-matter"))
        .map(|d| {
            let body = log
                .records
                .iter()
                .find(|r| r.path == d.path)
                .map_or(1, |r| r.body_line);
            (d.path.clone(), body)
        })
        .collect()
}

/// Drops what follows from front matter that could not be read: on such a record, findings
/// inside its front matter (a misspelled key, a wrong shape) and findings about what it lacks
/// (`no-status`, `missing-constraints`, ...). The YAML error, findings about its file name and
/// findings in its body stay.
pub fn without_consequences(log: &DecisionLog, findings: &mut Vec<Diagnostic>) {
    let broken = broken_front_matter(log);
    if broken.is_empty() {
        return;
    }
    findings.retain(|f| {
        let Some(&body) = broken.get(&f.path) else {
            return true;
        };
        matches!(f.code, "invalid-front-matter" | "unclosed-front-matter")
            || BY_NAME.contains(&f.code)
            || (f.line.is_some_and(|l| l >= body) && !FROM_CONTENT.contains(&f.code))
    });
}
