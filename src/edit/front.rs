//! Edits in YAML front matter, line by line: the value of `status:`, items appended to
//! `links:` and `status_history:`, the `date:` of a MADR record. Comments, key order, quoting
//! and unknown keys stay as they were; YAML is never re-serialised.

use super::{EditError, Lines, NewLink, NewStatus};
use crate::model::Record;
use crate::parse::words::link_kind;

/// The closing fence's 0-based line (recomputed after each insertion).
fn close(lines: &Lines) -> usize {
    (1..lines.len())
        .find(|&i| matches!(lines.content(i).trim_end(), "---" | "..."))
        .unwrap_or(lines.len())
}

/// The 0-based line of a top-level `key:`.
fn key_line(lines: &Lines, key: &str) -> Option<usize> {
    (1..close(lines)).find(|&i| {
        let c = lines.content(i);
        c.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
}

/// Where the value of `key: value  # comment` starts and ends. Inside quotes a `#` is text,
/// and so is a quote escaped the way its style escapes it (`\"`, `''`).
fn value_span(content: &str) -> (usize, usize) {
    let colon = content.find(':').map_or(content.len(), |c| c + 1);
    let start = colon + (content[colon..].len() - content[colon..].trim_start().len());
    let mut quote = None;
    let mut end = content.len();
    let mut chars = content[start..].char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        match (quote, ch) {
            (None, '"' | '\'') if i == 0 => quote = Some(ch),
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some('\''), '\'') if chars.peek().is_some_and(|&(_, c)| c == '\'') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (None, '#') if content[..start + i].ends_with([' ', '\t']) => {
                end = start + i;
                break;
            }
            _ => {}
        }
    }
    (start, start + content[start..end].trim_end().len())
}

/// A YAML scalar for `s`: plain when that reads back as the same string, else double-quoted.
pub fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || " ._/()-".contains(c))
        && s.starts_with(|c: char| c.is_alphanumeric() || c == '.' || c == '/')
        && !s.ends_with(' ')
        && s.parse::<f64>().is_err()
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain { s.to_string() } else { quoted(s) }
}

/// `s` as a YAML double-quoted scalar.
pub fn quoted(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// Whether a single-quoted YAML scalar carries `c` as itself: printable, not a line break.
fn single_quotable(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Sets the value of `key` keeping its quoting style, or adds `key: value` at the end.
fn set_value(lines: &mut Lines, key: &str, value: &str) {
    let Some(i) = key_line(lines, key) else {
        let at = close(lines);
        lines.insert(at, &[format!("{key}: {}", scalar(value))]);
        return;
    };
    let c = lines.content(i).to_string();
    let (start, end) = value_span(&c);
    let new = match c[start..].chars().next() {
        // Single quotes have no escapes: a line break or control character in them would
        // not survive, so such a value is double-quoted instead.
        Some('\'') if end > start && value.chars().all(single_quotable) => {
            format!("'{}'", value.replace('\'', "''"))
        }
        Some('\'') if end > start => quoted(value),
        Some('"') if end > start => quoted(value),
        _ => scalar(value),
    };
    lines.set(i, &format!("{}{new}{}", &c[..start], &c[end..]));
}

/// Appends items (each a list of lines, the first to get the `- `) to the block list `key`,
/// replacing `key: []`, or adds the key at the end of the front matter.
fn append_items(lines: &mut Lines, key: &str, items: &[Vec<String>]) -> Result<(), String> {
    let Some(k) = key_line(lines, key) else {
        let at = close(lines);
        let mut new = vec![format!("{key}:")];
        new.extend(render(items, "  "));
        lines.insert(at, &new);
        return Ok(());
    };
    let c = lines.content(k).to_string();
    let (start, end) = value_span(&c);
    match &c[start..end] {
        "[]" => {
            lines.set(k, &format!("{key}:{}", &c[end..]));
            lines.insert(k + 1, &render(items, "  "));
            Ok(())
        }
        "" => {
            let end = close(lines);
            let block: Vec<usize> = (k + 1..end)
                .take_while(|&i| {
                    let l = lines.content(i);
                    l.trim().is_empty() || l.starts_with([' ', '\t', '#', '-'])
                })
                .collect();
            let indent = block
                .iter()
                .map(|&i| lines.content(i))
                .find(|l| l.trim_start().starts_with('-'))
                .map_or("  ".to_string(), |l| {
                    l[..l.len() - l.trim_start().len()].to_string()
                });
            let last = block
                .iter()
                .rev()
                .find(|&&i| {
                    let t = lines.content(i).trim();
                    !t.is_empty() && !t.starts_with('#')
                })
                .map_or(k, |&i| i);
            lines.insert(last + 1, &render(items, &indent));
            Ok(())
        }
        other => Err(format!(
            "`{key}: {other}` is not a block list this tool can add to; write it as `{key}:` \
             with one `- ` item per line"
        )),
    }
}

fn render(items: &[Vec<String>], indent: &str) -> Vec<String> {
    let mut out = Vec::new();
    for item in items {
        for (n, line) in item.iter().enumerate() {
            let mark = if n == 0 { "- " } else { "  " };
            out.push(format!("{indent}{mark}{line}"));
        }
    }
    out
}

fn error(record: &Record, key: &str, lines: &Lines, message: String) -> EditError {
    EditError::new(&record.path, key_line(lines, key).map(|i| i + 1), message)
}

/// Whether the value of the top-level key on line `i` goes on below it: an indented line that
/// is not a comment continues a plain scalar (or holds a block), and a quote left open runs
/// on. Replacing only line `i` would leave the rest behind as part of the new value.
fn runs_on(lines: &Lines, i: usize) -> bool {
    let c = lines.content(i);
    let (start, end) = value_span(c);
    let value = &c[start..end];
    let open_quote = value
        .chars()
        .next()
        .filter(|q| matches!(q, '"' | '\''))
        .is_some_and(|q| value.len() < 2 || !value.ends_with(q));
    let next = (i + 1 < close(lines)).then(|| lines.content(i + 1));
    let indented = next.is_some_and(|n| {
        n.starts_with([' ', '\t']) && !n.trim().is_empty() && !n.trim_start().starts_with('#')
    });
    open_quote || indented
}

pub fn set_status(lines: &mut Lines, record: &Record, status: &NewStatus) -> Result<(), EditError> {
    if key_line(lines, "status").is_some_and(|i| runs_on(lines, i)) {
        return Err(error(
            record,
            "status",
            lines,
            "the `status` value runs over several lines; put it on one line before changing it"
                .into(),
        ));
    }
    let word = status.word(false);
    let mut items = Vec::new();
    if record.status_history.is_empty()
        && let (Some(old), Some(date)) = (&record.status, &record.date)
    {
        items.push(entry(date, &old.raw));
    }
    items.push(entry(&status.date, &word));
    append_items(lines, "status_history", &items)
        .map_err(|m| error(record, "status_history", lines, m))?;
    set_value(lines, "status", &word);
    Ok(())
}

fn entry(date: &str, status: &str) -> Vec<String> {
    vec![
        format!("date: {}", scalar(date)),
        format!("status: {}", scalar(status)),
    ]
}

pub fn add_link(lines: &mut Lines, record: &Record, link: &NewLink) -> Result<(), EditError> {
    let kind = link_kind(&link.label);
    let item = vec![
        format!("type: {}", scalar(&kind)),
        format!("target: {}", scalar(&link.target)),
    ];
    append_items(lines, "links", &[item]).map_err(|m| error(record, "links", lines, m))
}

/// A number key (`number: 12`, `adr: "0012"`) that says `old` gets `new`, same width and quotes.
pub fn renumber(lines: &mut Lines, old: u32, new: u32) {
    for key in ["number", "adr", "id"] {
        let Some(i) = key_line(lines, key) else {
            continue;
        };
        let c = lines.content(i).to_string();
        let (start, end) = value_span(&c);
        let v = c[start..end].trim_matches(['"', '\'']);
        if v.parse::<u32>().ok() == Some(old) {
            let at = start + c[start..end].find(v).unwrap_or(0);
            let number = format!("{new:0width$}", width = v.len());
            lines.set(i, &format!("{}{number}{}", &c[..at], &c[at + v.len()..]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str, value: &str) -> String {
        let mut lines = Lines::new(text);
        set_value(&mut lines, "status", value);
        lines.join()
    }

    /// Found by tests/properties.rs: a line break written into single quotes made the YAML
    /// invalid; single quotes have no escapes, so such a value is double-quoted.
    #[test]
    fn a_value_single_quotes_cannot_carry_is_double_quoted() {
        assert_eq!(
            set("---\nstatus: 'x'\n---\n", "it's"),
            "---\nstatus: 'it''s'\n---\n"
        );
        assert_eq!(
            set("---\nstatus: 'x'\n---\n", "on\nhold"),
            "---\nstatus: \"on\\nhold\"\n---\n"
        );
    }

    /// Found by tests/properties.rs: an escaped quote ended the quoted value early, so the rest
    /// of it (` #...`) was taken for a comment and left behind by the next edit.
    #[test]
    fn escaped_quotes_do_not_end_a_quoted_value() {
        assert_eq!(value_span(r#"status: "a\" #b"  # c"#), (8, 16));
        assert_eq!(value_span("status: 'a'' #b'  # c"), (8, 16));
        assert_eq!(
            set("---\nstatus: \"a\\\" #b\"  # c\n---\n", "x"),
            "---\nstatus: \"x\"  # c\n---\n"
        );
    }
}
