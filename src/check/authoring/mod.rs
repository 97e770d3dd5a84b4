//! Authoring rules: the slips a person makes while writing a record, which the reader would
//! otherwise pass over without a word. A misspelt or unknown front-matter key, a trade-off for a
//! quality attribute the record does not have, a value outside its list (`priority: urgent`,
//! `chosen: yes`, an effect of `+++`), an accepted decision that chooses no option or two, a
//! misspelt status, a link to a record file that does not exist. Each finding names the line
//! to fix and, where a known name is close, the name that was probably meant (doc/adr 0017).

mod body_links;
mod front_matter;
pub(super) mod lines;
mod options;

use super::{Context, finding};
use crate::links::LinkGraph;
use crate::model::{Diagnostic, Lifecycle, Record};
use crate::parse::fields::{self, Spellings};
use front_matter::Walk;
use lines::Lines;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

const LIFECYCLE: &[&str] = &[
    "proposed",
    "accepted",
    "rejected",
    "deprecated",
    "superseded",
];

/// Runs the authoring rules on the records `ctx` wants. `out` holds the findings of the rules
/// that ran before: a misspelt status gets its suggestion in their `unknown-status` finding.
pub fn check(ctx: &Context<'_>, graph: &LinkGraph, out: &mut Vec<Diagnostic>) {
    let log = ctx.log;
    for (i, r) in log.records.iter().enumerate() {
        if !ctx.wants(&r.path) {
            continue;
        }
        if let Some(Value::Object(fm)) = &r.front_matter {
            let mut walk = Walk {
                r,
                lines: Lines::new(r),
                out: &mut *out,
                meant: Vec::new(),
            };
            walk.top_level(fm);
            walk.qualities(fm);
            walk.options(fm);
            walk.items(fm, "links", fields::LINK, "link");
            walk.items(fm, "status_history", fields::HISTORY, "status change");
            walk.chosen(fm);
            let meant = std::mem::take(&mut walk.meant);
            drop_consequences_of_slips(out, r, &meant);
        }
        for (line, target, meant) in body_links::missing_record_links(ctx, graph, i) {
            out.push(finding(
                "missing-record-link",
                &r.path,
                Some(line),
                format!(
                    "link to `{target}`: no such record in this log{}",
                    did_you_mean(meant.as_deref())
                ),
            ));
        }
    }
    suggest_statuses(ctx, out);
}

/// A misspelt key is the one finding: `constraint:` is not also "names no constraint", and
/// `responce:` is not also "scenario has no response" (at the wrong line).
fn drop_consequences_of_slips(out: &mut Vec<Diagnostic>, r: &Record, meant: &[&str]) {
    if meant.is_empty() {
        return;
    }
    let follows = |d: &Diagnostic| match d.code {
        "missing-constraints" => meant.contains(&"constraints"),
        "missing-quality-attributes" => meant.contains(&"quality_attributes"),
        "too-few-options" => meant.contains(&"options"),
        "incomplete-scenario" => d
            .message
            .rsplit_once(" has no ")
            .is_some_and(|(_, parts)| parts.split(", ").all(|p| meant.contains(&p.trim()))),
        _ => false,
    };
    out.retain(|d| d.path != r.path || !follows(d));
}

/// The candidate nearest `word` by edit distance, when it is near enough to be a slip of the
/// fingers rather than another word: `limit` edits at most (a swap of two letters is one).
pub(super) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, _)| (1..=limit).contains(d))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// How many edits still read as a slip in a word of this length. Two real words of up to eight
/// letters are often two edits apart (`reverted`, `rejected`); a typo is one.
pub(super) fn slip(word: &str) -> usize {
    match word.chars().count() {
        0..=8 => 1,
        9..=12 => 2,
        _ => 3,
    }
}

/// Every spelling of every field of `shapes`.
pub(super) fn spellings(shapes: &[Spellings]) -> impl Iterator<Item = &'static str> + '_ {
    shapes.iter().flat_map(|s| s.iter().copied())
}

/// `; did you mean `x`?`, or nothing.
pub(super) fn did_you_mean(meant: Option<&str>) -> String {
    meant.map_or(String::new(), |m| format!("; did you mean `{m}`?"))
}

/// Adds "did you mean `accepted`?" to the `unknown-status` finding of a status one slip away
/// from a lifecycle state (`accpeted`).
fn suggest_statuses(ctx: &Context<'_>, out: &mut [Diagnostic]) {
    let meant: HashMap<(&Path, usize), &str> = ctx
        .log
        .records
        .iter()
        .filter_map(|r| {
            let s = r.status.as_ref()?;
            let Lifecycle::Other(word) = &s.state else {
                return None;
            };
            let word = word.trim();
            if word.contains(char::is_whitespace) {
                return None;
            }
            let m = closest(word, LIFECYCLE.iter().copied(), slip(word))?;
            Some(((r.path.as_path(), s.line), m))
        })
        .collect();
    for f in out.iter_mut().filter(|f| f.code == "unknown-status") {
        if let Some(m) = f.line.and_then(|l| meant.get(&(f.path.as_path(), l))) {
            f.message.push_str(&did_you_mean(Some(m)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slip_is_one_edit_in_a_short_word_and_more_in_a_long_one() {
        assert_eq!(
            closest("accpeted", LIFECYCLE.iter().copied(), 2),
            Some("accepted")
        );
        assert_eq!(closest("+++", ["++", "+"], 1), Some("++"));
        assert_eq!(closest("urgent", ["high", "medium", "low"], 2), None);
        assert_eq!(slip("tag"), 1);
        assert_eq!(slip("quality_atributes"), 3);
    }
}
