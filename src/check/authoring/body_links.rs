//! Markdown links in a record's body to a record file that the log does not have, in any
//! format. Links in code and comments are not read; typed links (`Superseded by [...]`) are
//! the link rules' and are reported there.

use super::closest;
use crate::check::Context;
use crate::links::{LinkGraph, Target};
use crate::parse::{markdown, prose};
use crate::paths::normalise;
use std::path::Path;

/// Markdown links in record `i`'s body to a record file the log does not have, outside code
/// and comments: `(line, target, the record probably meant)`.
pub(super) fn missing_record_links(
    ctx: &Context<'_>,
    graph: &LinkGraph,
    i: usize,
) -> Vec<(usize, String, Option<String>)> {
    let log = ctx.log;
    let r = &log.records[i];
    let mut found = Vec::new();
    for (line, text) in prose_lines(&r.body, r.body_line) {
        for target in link_targets(&text) {
            if !names_a_record_file(&target)
                || r.links.iter().any(|l| l.line == line && l.target == target)
                || graph.resolve(log, i, &target) != Target::Missing
            {
                continue;
            }
            // A folder that is not there is some other tree (a log of another package, a
            // checkout laid out differently): only a missing file in a folder that is there
            // is known to be missing.
            let file = normalise(&r.path.parent().unwrap_or(Path::new("")).join(&target));
            if !file
                .parent()
                .is_some_and(|d| d.as_os_str().is_empty() || d.is_dir())
            {
                continue;
            }
            let meant = meant_record(ctx, i, &target);
            found.push((line, target, meant));
        }
    }
    found
}

/// The record file a link from record `from` to a missing file probably meant: another whose
/// name is one edit away. (Not the record with the same number, nor a name a few edits away:
/// an old link often names a record that was never merged under that number, as RFC 19's link
/// to `0003-opt-in-builtin-traits.md` does.)
fn meant_record(ctx: &Context<'_>, from: usize, target: &str) -> Option<String> {
    let name = target.rsplit('/').next().unwrap_or(target);
    let files = ctx
        .log
        .records
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != from)
        .filter_map(|(_, r)| r.path.file_name()?.to_str());
    closest(name, files, 1).map(str::to_string)
}

/// A local link to a Markdown file whose name is a record's: `0042-use-x.md`,
/// `../adr/adr-012-foo.md`, `20200927-bar.md`.
fn names_a_record_file(target: &str) -> bool {
    if !prose::is_local_record_target(target) || target.contains('%') {
        return false;
    }
    let file = target.rsplit('/').next().unwrap_or(target);
    let Some(stem) = file
        .strip_suffix(".md")
        .or_else(|| file.strip_suffix(".markdown"))
    else {
        return false;
    };
    crate::names::parse_record_name(stem)
        .is_some_and(|n| n.number.is_some() || n.date_iso.is_some())
}

/// The body's lines outside fenced code and HTML comments, with inline code and one-line
/// comments blanked out: `(file line, text)`.
fn prose_lines(body: &str, first_line: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut fence = markdown::Fence::default();
    let mut in_comment = false;
    for (i, raw) in body.lines().enumerate() {
        if !in_comment && fence.hides(raw) {
            continue;
        }
        let mut text = String::new();
        let mut rest = raw;
        loop {
            if in_comment {
                match rest.find("-->") {
                    Some(end) => {
                        in_comment = false;
                        rest = &rest[end + 3..];
                    }
                    None => break,
                }
            }
            match rest.find("<!--") {
                Some(start) => {
                    text.push_str(&rest[..start]);
                    in_comment = true;
                    rest = &rest[start + 4..];
                }
                None => {
                    text.push_str(rest);
                    break;
                }
            }
        }
        // Inline code: every other run between backticks.
        let text: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        out.push((first_line + i, text));
    }
    out
}

/// The targets of the Markdown links on a line: inline links and a reference definition.
fn link_targets(text: &str) -> Vec<String> {
    let mut targets: Vec<String> = prose::references(text)
        .into_iter()
        .filter(|(_, _, link_text)| link_text.is_some())
        .map(|(_, target, _)| target)
        .collect();
    // `[label]: 0042-x.md`
    let t = text.trim_start();
    if t.starts_with('[')
        && let Some((label, rest)) = t.split_once("]:")
        && !label.contains(']')
        && let Some(target) = rest.split_whitespace().next()
    {
        targets.push(target.trim_matches(['<', '>']).to_string());
    }
    targets
        .into_iter()
        .map(|t| t.split('#').next().unwrap_or_default().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_in_code_and_comments_are_not_read() {
        let body = "See [a](0001-a.md) and `[b](0002-b.md)`.\n```\n[c](0003-c.md)\n```\n\
                    <!-- [d](0004-d.md)\n[e](0005-e.md) --> [f](0006-f.md)\n[g]: 0007-g.md\n";
        let found: Vec<(usize, Vec<String>)> = prose_lines(body, 10)
            .into_iter()
            .map(|(l, t)| (l, link_targets(&t)))
            .filter(|(_, t)| !t.is_empty())
            .collect();
        assert_eq!(
            found,
            [
                (10, vec!["0001-a.md".to_string()]),
                (15, vec!["0006-f.md".to_string()]),
                (16, vec!["0007-g.md".to_string()]),
            ]
        );
        assert!(names_a_record_file("../decisions/0042-missing.md"));
        assert!(!names_a_record_file("README.md"));
        assert!(!names_a_record_file("https://example.com/0001-a.md"));
        assert!(!names_a_record_file("0001-a.png"));
    }
}
