//! Markdown links anywhere in a record's body (`[three](0003-three.md#context)` in a Context
//! paragraph, `[three]: ./0003-three.md` reference definitions), found line by line outside code
//! so that a renumber can point them at the new file name and change nothing else.

use super::Lines;
use super::body::code_lines;
use crate::parse::split_front_matter;

/// The byte range of each link destination on a line: inline `](dest)` and a reference
/// definition `[label]: dest`. Angle brackets and a title are not part of the range.
fn destinations(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = line[from..].find("](") {
        let start = from + at + 2;
        out.extend(destination(line, start));
        from = start;
    }
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() <= 3
        && t.starts_with('[')
        && let Some(close) = t.find("]:")
    {
        let start = line.len() - t.len() + close + 2;
        let skip = line[start..].len() - line[start..].trim_start().len();
        out.extend(destination(line, start + skip));
    }
    out
}

/// The destination starting at byte `start`: up to `>` when it opens with `<`, else up to
/// whitespace or the closing `)`.
fn destination(line: &str, start: usize) -> Option<(usize, usize)> {
    let rest = &line[start..];
    if let Some(inner) = rest.strip_prefix('<') {
        return inner.find('>').map(|end| (start + 1, start + 1 + end));
    }
    let end = rest
        .find(|c: char| c.is_whitespace() || c == ')')
        .unwrap_or(rest.len());
    (end > 0).then_some((start, start + end))
}

/// Rewrites, in the body of `text` and outside code, every link destination whose path (without
/// its `#fragment` or `?query`) `rename` gives a new file name for: its last path segment becomes
/// that name. Folders, `./`, fragments, link texts and every other byte stay as they were.
pub fn retarget(text: &str, rename: impl Fn(&str) -> Option<String>) -> String {
    let mut lines = Lines::new(text);
    let code = code_lines(&lines);
    let first = match split_front_matter(text) {
        Ok(Some(span)) => span.body_first_line - 1,
        _ => 0,
    };
    for (i, _) in code
        .iter()
        .enumerate()
        .skip(first)
        .filter(|(_, in_code)| !**in_code)
    {
        if !lines.content(i).contains(['(', ':']) {
            continue;
        }
        let mut line = lines.content(i).to_string();
        let mut changed = false;
        // Right to left, so earlier ranges stay valid as later ones change length.
        for (start, end) in destinations(&line).into_iter().rev() {
            let dest = &line[start..end];
            let path_end = dest.find(['#', '?']).unwrap_or(dest.len());
            let path = &dest[..path_end];
            if path.is_empty() || path.contains("://") {
                continue;
            }
            let Some(new_name) = rename(path) else {
                continue;
            };
            let name_start = path.rfind('/').map_or(0, |s| s + 1);
            line.replace_range(start + name_start..start + path_end, &new_name);
            changed = true;
        }
        if changed {
            lines.set(i, &line);
        }
    }
    lines.join()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_destinations_naming_the_old_file_change() {
        let text = "---\nsee: (0003-three.md)\n---\n# 5. Five\n\n\
                    See [three](0003-three.md), [again](./0003-three.md#context) and \
                    [not](0003-three-b.md).\n\
                    [three]: ../adr/0003-three.md \"Three\"\n\
                    ```\n[code](0003-three.md)\n```\n<0003-three.md> [x](<0003-three.md>)\n";
        let rename = |p: &str| {
            (p.trim_start_matches("./").trim_start_matches("../adr/") == "0003-three.md")
                .then(|| "0007-three.md".to_string())
        };
        let out = retarget(text, rename);
        assert_eq!(
            out,
            "---\nsee: (0003-three.md)\n---\n# 5. Five\n\n\
             See [three](0007-three.md), [again](./0007-three.md#context) and \
             [not](0003-three-b.md).\n\
             [three]: ../adr/0007-three.md \"Three\"\n\
             ```\n[code](0003-three.md)\n```\n<0003-three.md> [x](<0007-three.md>)\n"
        );
    }
}
