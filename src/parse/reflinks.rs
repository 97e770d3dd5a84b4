//! Reference-style Markdown links (`[ADR 9][9]`, `[ADR 9]`) whose definition (`[9]: 0009-x.md`)
//! stands elsewhere in the record: read as the inline links they render as, so a status or
//! supersede line that uses them links to the record they name.
//!
//! Only definitions that name a record file count (`0009-x.md`, `../x/`, or the web address of
//! a Markdown file, which names that file): a reference to a web page or to a documentation
//! tool's own anchor (`@ref adr_0009`) is no record link.

use std::borrow::Cow;
use std::collections::HashMap;

use super::markdown::{Hidden, Seen};
use super::prose::{is_local_record_target, record_file_of_address};

/// The record-file reference definitions of a body's lines, outside code and comments: each
/// label, matched as CommonMark matches them (case and inner spacing ignored), to its target.
#[derive(Debug, Default)]
pub struct Definitions(HashMap<String, String>);

/// A reference label as CommonMark compares them.
fn label_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl Definitions {
    /// The definitions in `lines` (each without its line ending).
    pub fn of<'a>(lines: impl IntoIterator<Item = &'a str>) -> Definitions {
        let mut hidden = Hidden::default();
        let mut found = HashMap::new();
        for line in lines {
            if hidden.step(line) != Seen::Shown {
                continue;
            }
            if let Some((label, target)) = definition(line) {
                // The first definition of a label wins, as in CommonMark.
                found.entry(label).or_insert(target);
            }
        }
        Definitions(found)
    }

    /// `line` with every reference link to a defined record written inline: `[ADR 9][9]` and
    /// `[ADR 9]` become `[ADR 9](0009-x.md)`. Borrowed when nothing changes.
    pub fn inline<'a>(&self, line: &'a str) -> Cow<'a, str> {
        if self.0.is_empty() || !line.contains('[') {
            return Cow::Borrowed(line);
        }
        let mut out = String::new();
        let mut done = 0;
        let mut pos = 0;
        while let Some(open) = line[pos..].find('[').map(|i| i + pos) {
            let Some(close) = line[open + 1..].find(']').map(|i| i + open + 1) else {
                break;
            };
            let text = &line[open + 1..close];
            let after = &line[close + 1..];
            pos = close + 1;
            if text.contains('[') || after.starts_with(['(', ':']) {
                continue;
            }
            // `[text][label]`, `[text][]` (the text is the label), or `[text]` alone.
            let (label, end) = match after.strip_prefix('[') {
                Some(rest) => match rest.find(']') {
                    Some(0) => (text, close + 3),
                    Some(n) => (&rest[..n], close + 2 + n + 1),
                    None => continue,
                },
                None => (text, close + 1),
            };
            let Some(target) = self.0.get(&label_key(label)) else {
                continue;
            };
            out.push_str(&line[done..open]);
            out.push_str(&format!("[{text}]({target})"));
            done = end;
            pos = end;
        }
        if done == 0 {
            return Cow::Borrowed(line);
        }
        out.push_str(&line[done..]);
        Cow::Owned(out)
    }
}

/// A definition line `[label]: target` (up to three spaces in), when its target names a
/// record file: the label's key and the file.
fn definition(line: &str) -> Option<(String, String)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = line[indent..].strip_prefix('[')?;
    let close = rest.find("]:")?;
    let label = &rest[..close];
    if label.trim().is_empty() || label.contains(['[', ']']) {
        return None;
    }
    let target = rest[close + 2..].split_whitespace().next()?;
    let target = target.trim_start_matches('<').trim_end_matches('>');
    let file = match record_file_of_address(target) {
        Some(file) => file,
        None if names_record_file(target) => target.to_string(),
        None => return None,
    };
    Some((label_key(label), file))
}

/// A relative link target to a Markdown file or a folder (not a bare word, which may be a
/// documentation tool's anchor).
fn names_record_file(target: &str) -> bool {
    let path = target.split('#').next().unwrap_or("").to_ascii_lowercase();
    is_local_record_target(target)
        && (path.ends_with(".md") || path.ends_with(".markdown") || path.ends_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_links_to_defined_records_are_written_inline() {
        let defs = Definitions::of([
            "[9]: 0009-read-models.md",
            "[Use Y]: <../0003-use-y.md> \"Use Y\"",
            "[web]: https://example.com/page",
            "[anchor]: @ref adr_0004",
            "```",
            "[code]: 0005-code.md",
            "```",
        ]);
        let i = |s: &'static str| defs.inline(s).into_owned();
        assert_eq!(
            i("Superseded by [ADR 9][9]"),
            "Superseded by [ADR 9](0009-read-models.md)"
        );
        assert_eq!(
            i("Supersedes [use y] and [Use Y][]"),
            "Supersedes [use y](../0003-use-y.md) and [Use Y](../0003-use-y.md)"
        );
        for same in [
            "See [web] and [anchor]",
            "[code]",
            "[9](0010-x.md)",
            "[9]: 0009-read-models.md",
        ] {
            assert_eq!(i(same), same);
        }
    }
}
