//! Governance rules: a goal id nobody declared (`unknown-goal`, with the id probably meant), an
//! accepted decision serving no goal (`no-goal`, a note, only once the organisation declares
//! goals), an accepted decision whose review date has come (`review-due`), and a confirmation
//! naming a file that is not there or a test its file does not hold (`confirmation-missing`).
//! Commands are never run here: only `adr check --confirm` runs them ([`super::confirm`]).

use super::authoring::lines::Lines;
use super::authoring::{closest, did_you_mean, slip};
use super::{Context, finding};
use crate::governance::review_due;
use crate::model::{Diagnostic, Lifecycle, Record};
use crate::parse::fields;
use std::io::Read;
use std::path::{Component, Path};

/// A test file larger than this is not searched for the test's name.
const MAX_TEST_FILE: u64 = 64 * 1024 * 1024;

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for r in ctx.log.records.iter().filter(|r| ctx.wants(&r.path)) {
        goals(ctx, r, out);
        if review_due(r, ctx.today) {
            let when = r
                .revisit_when
                .as_deref()
                .map(|w| format!(" (or when {w})"))
                .unwrap_or_default();
            out.push(finding(
                "review-due",
                &r.path,
                key_line(r, fields::REVIEW_BY),
                format!(
                    "accepted decision due for review since {}{when}: review it, then \
                     supersede it or set a new `review_by`",
                    r.review_by.as_deref().unwrap_or_default()
                ),
            ));
        }
        confirmations(ctx.root, r, out);
    }
}

/// The line of the first of `keys` the record's front matter has.
fn key_line(r: &Record, keys: fields::Spellings) -> Option<usize> {
    r.key_lines
        .iter()
        .find(|(k, _)| keys.contains(&k.as_str()))
        .map(|(_, l)| *l)
        .or(Some(1))
}

fn goals(ctx: &Context<'_>, r: &Record, out: &mut Vec<Diagnostic>) {
    let declared = ctx.goals;
    let line = key_line(r, fields::GOALS);
    for id in &r.goals {
        if declared.iter().any(|d| d == id) {
            continue;
        }
        let message = if declared.is_empty() {
            format!("goal `{id}` is not declared: no [[goals]] are declared in .adr.toml")
        } else {
            let meant = closest(id, declared.iter().map(String::as_str), slip(id));
            format!(
                "goal `{id}` is not declared in [[goals]]{}",
                did_you_mean(meant)
            )
        };
        out.push(finding("unknown-goal", &r.path, line, message));
    }
    let accepted = r
        .status
        .as_ref()
        .is_some_and(|s| s.state == Lifecycle::Accepted);
    if accepted && r.goals.is_empty() && !declared.is_empty() {
        out.push(finding(
            "no-goal",
            &r.path,
            r.status.as_ref().map(|s| s.line),
            format!(
                "accepted decision serves no business goal (`goals:`; declared: {})",
                declared.join(", ")
            ),
        ));
    }
}

/// Each test or file confirmation: the file exists inside the repository and holds the test.
fn confirmations(root: &Path, r: &Record, out: &mut Vec<Diagnostic>) {
    if r.confirmation.is_empty() {
        return;
    }
    let lines = Lines::new(r);
    let key = r
        .key_lines
        .iter()
        .find(|(k, _)| fields::CONFIRMATION.contains(&k.as_str()))
        .map_or("confirmation", |(k, _)| k.as_str());
    for (i, c) in r.confirmation.iter().enumerate() {
        let Some((file, test)) = c.file_and_test() else {
            continue;
        };
        let problem = match inside(file) {
            false => Some(format!(
                "confirmation {} `{file}` is not a path inside the repository",
                c.kind.as_str()
            )),
            true => missing(&root.join(file), file, test),
        };
        if let Some(message) = problem {
            let line = lines.of(&[key.to_string(), i.to_string()]);
            out.push(finding("confirmation-missing", &r.path, line, message));
        }
    }
}

/// A relative path that stays inside the folder it is relative to.
fn inside(path: &str) -> bool {
    let p = crate::paths::normalise(Path::new(path));
    !path.trim().is_empty()
        && p.components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
}

/// What is wrong with a confirmation file at `path` (written `file`), holding `test` if named.
fn missing(path: &Path, file: &str, test: Option<&str>) -> Option<String> {
    if !path.is_file() {
        return Some(format!("confirmation file `{file}` does not exist"));
    }
    let test = test?;
    let mut text = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(MAX_TEST_FILE).read_to_end(&mut text));
    if let Err(e) = read {
        return Some(format!("confirmation file `{file}` cannot be read: {e}"));
    }
    (!holds_name(&text, test.as_bytes())).then(|| format!("test `{test}` is not found in `{file}`"))
}

/// Whether `name` occurs in `text` as a whole name: not inside a longer identifier
/// (`no_orm` is not found in `no_orm_in_domain`).
fn holds_name(text: &[u8], name: &[u8]) -> bool {
    if name.is_empty() {
        return false;
    }
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    memchr::memmem::find_iter(text, name).any(|at| {
        let before = at.checked_sub(1).map(|i| text[i]);
        let after = text.get(at + name.len()).copied();
        let joined_before = word(name[0]) && before.is_some_and(word);
        let joined_after = word(name[name.len() - 1]) && after.is_some_and(word);
        !joined_before && !joined_after
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_test_name_is_found_whole_not_inside_a_longer_one() {
        let text = b"fn no_orm_in_domain() {}\n#[test]\nfn x() { it(\"keeps state\") }";
        assert!(holds_name(text, b"no_orm_in_domain"));
        assert!(!holds_name(text, b"no_orm"));
        assert!(!holds_name(text, b"in_domain"));
        assert!(holds_name(text, b"keeps state"));
        assert!(!holds_name(text, b""));
    }

    #[test]
    fn confirmation_paths_stay_in_the_repository() {
        assert!(inside("tests/a.rs"));
        assert!(inside("./deploy/x.rego"));
        assert!(!inside("../other/x"));
        assert!(!inside("a/../../x"));
        assert!(!inside("/etc/passwd"));
        assert!(!inside(" "));
    }
}
