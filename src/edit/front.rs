//! Edits in YAML front matter: the value of `status:`, items appended to `links:` and
//! `status_history:`, a number key. Each is a plan of byte-range replacements over the spans the
//! front-matter reader reports ([`block_yaml::layout`]); comments, key order, quoting and
//! unknown keys stay as they were, and YAML is never re-serialised. Front matter that reader
//! does not account for byte by byte is not edited: one refusal, with the reader's line and
//! reason, covers every shape a line editor would get wrong.

use super::plan::{Splice, apply};
use super::{EditError, NewLink, NewStatus};
use crate::model::Record;
use crate::parse::block_yaml::{self, TopEntry, TopValue};
use crate::parse::split_front_matter;
use crate::parse::words::link_kind;

/// Front matter an edit can be planned over: where it is in the file and its top-level entries.
pub struct Front<'a> {
    text: &'a str,
    record: &'a Record,
    /// Byte offsets of the YAML text (between the fences) in the file.
    start: usize,
    end: usize,
    first_line: usize,
    entries: Vec<TopEntry>,
    eol: &'static str,
}

impl<'a> Front<'a> {
    /// The record's front matter, when it is a mapping (or empty) that the reader lays out
    /// exactly; else the refusal, naming the line.
    pub fn new(text: &'a str, record: &'a Record) -> Result<Front<'a>, EditError> {
        let refuse = |line, message: String| Err(EditError::new(&record.path, Some(line), message));
        let Some(span) = split_front_matter(text).ok().flatten() else {
            return refuse(1, "the record has no front matter to change".into());
        };
        let yaml = &text[span.yaml_start..span.yaml_end];
        let mapping = matches!(record.front_matter, Some(serde_json::Value::Object(_)));
        if !mapping && !yaml.trim().is_empty() {
            // YAML that does not parse: say what the parser says, where it says it.
            if let Err(e) = crate::parse::yaml::parse(yaml) {
                return refuse(
                    span.yaml_first_line + e.line - 1,
                    format!(
                        "the front matter is not valid YAML: {}; fix it before changing the \
                         record",
                        e.message
                    ),
                );
            }
            return refuse(
                span.yaml_first_line,
                "the front matter is not a YAML mapping of keys; fix it before changing the \
                 record"
                    .into(),
            );
        }
        let entries = match block_yaml::layout(yaml) {
            Ok(entries) => entries,
            Err(d) => {
                return refuse(
                    span.yaml_first_line + d.line - 1,
                    format!(
                        "the front matter {}; this tool changes front matter only where it can \
                         account for every byte (one-line values, block lists), so nothing was \
                         written: change it by hand",
                        d.reason
                    ),
                );
            }
        };
        let eol = match text.find('\n') {
            Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
            _ => "\n",
        };
        Ok(Front {
            text,
            record,
            start: span.yaml_start,
            end: span.yaml_end,
            first_line: span.yaml_first_line,
            entries,
            eol,
        })
    }

    fn entry(&self, key: &str) -> Option<&TopEntry> {
        self.entries.iter().find(|e| e.key == key)
    }

    fn error(&self, key: &str, message: String) -> EditError {
        let line = self.entry(key).map(|e| self.first_line + e.line - 1);
        EditError::new(&self.record.path, line, message)
    }

    /// Sets the value of `key` keeping its quoting style, or adds `key: value` at the end.
    fn set_value(&self, key: &str, value: &str) -> Result<Splice, EditError> {
        let Some(e) = self.entry(key) else {
            return Ok(Splice::insert(
                self.end,
                format!("{key}: {}{}", scalar(value), self.eol),
            ));
        };
        match &e.value {
            TopValue::Scalar { span, quote } => {
                let new = match quote {
                    // Single quotes have no escapes: a line break or control character in them
                    // would not survive, so such a value is double-quoted instead.
                    Some('\'') if value.chars().all(single_quotable) => {
                        format!("'{}'", value.replace('\'', "''"))
                    }
                    Some(_) => quoted(value),
                    None => scalar(value),
                };
                let at = self.start + span.start..self.start + span.end;
                Ok(Splice { at, with: new })
            }
            TopValue::Null => Ok(Splice::insert(
                self.start + e.colon_end,
                format!(" {}", scalar(value)),
            )),
            TopValue::Opaque => Err(self.error(
                key,
                format!(
                    "the `{key}` value runs over several lines or is written in a YAML form this \
                     tool does not rewrite (a block scalar, an anchor, a tag); put it on one line \
                     before changing it"
                ),
            )),
            _ => Err(self.error(
                key,
                format!(
                    "`{key}` holds a list or mapping, not one value; write it as `{key}: value`"
                ),
            )),
        }
    }

    /// Appends items (each a list of lines, the first to get the `- `) to the block list `key`,
    /// replacing `key: []`, or adds the key at the end of the front matter.
    fn append_items(&self, key: &str, items: &[Vec<String>]) -> Result<Vec<Splice>, EditError> {
        let Some(e) = self.entry(key) else {
            let lines = render(items, "  ", self.eol);
            return Ok(vec![Splice::insert(
                self.end,
                format!("{key}:{}{lines}", self.eol),
            )]);
        };
        let after = |indent: &str| {
            let lines = render(items, indent, self.eol);
            let lines = lines.strip_suffix(self.eol).unwrap_or(&lines);
            Splice::insert(self.start + e.end, format!("{}{lines}", self.eol))
        };
        match &e.value {
            TopValue::Flow { span, empty: true } => Ok(vec![
                Splice {
                    at: self.start + e.colon_end..self.start + span.end,
                    with: String::new(),
                },
                after("  "),
            ]),
            TopValue::Null => Ok(vec![after("  ")]),
            TopValue::Sequence { indent } => Ok(vec![after(&" ".repeat(*indent))]),
            _ => {
                let v = &self.text[self.start + e.colon_end..self.start + e.end];
                Err(self.error(
                    key,
                    format!(
                        "`{key}:{v}` is not a block list this tool can add to; write it as \
                         `{key}:` with one `- ` item per line"
                    ),
                ))
            }
        }
    }
}

/// Items as block-list lines, each ending with `eol`.
fn render(items: &[Vec<String>], indent: &str, eol: &str) -> String {
    let mut out = String::new();
    for item in items {
        for (n, line) in item.iter().enumerate() {
            let mark = if n == 0 { "- " } else { "  " };
            out.push_str(&format!("{indent}{mark}{line}{eol}"));
        }
    }
    out
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

/// `s` as a YAML double-quoted scalar, every character YAML treats specially (controls, Unicode
/// line breaks, byte-order marks) escaped, so the front-matter reader takes it back exactly.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether a single-quoted YAML scalar carries `c` as itself: printable, not a line break.
fn single_quotable(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// Sets `status:` and dates the change in `status_history:` (with the old status first when
/// the history starts).
pub fn set_status(text: &str, record: &Record, status: &NewStatus) -> Result<String, EditError> {
    let front = Front::new(text, record)?;
    let word = status.word(false);
    let mut items = Vec::new();
    if record.status_history.is_empty()
        && let (Some(old), Some(date)) = (&record.status, &record.date)
    {
        items.push(entry(date, &old.raw));
    }
    let mut new = entry(&status.date, &word);
    if let Some(by) = status.by.as_deref().filter(|b| !b.trim().is_empty()) {
        new.push(format!("by: {}", scalar(by)));
    }
    if let Some(forced) = &status.forced {
        new.push(format!("forced: {}", scalar(forced)));
    }
    items.push(new);
    let mut plan = front.append_items("status_history", &items)?;
    plan.push(front.set_value("status", &word)?);
    Ok(apply(text, plan))
}

fn entry(date: &str, status: &str) -> Vec<String> {
    vec![
        format!("date: {}", scalar(date)),
        format!("status: {}", scalar(status)),
    ]
}

/// Adds `{type, target}` to `links:`.
pub fn add_link(text: &str, record: &Record, link: &NewLink) -> Result<String, EditError> {
    let front = Front::new(text, record)?;
    let kind = link_kind(&link.label);
    let item = vec![
        format!("type: {}", scalar(&kind)),
        format!("target: {}", scalar(&link.target)),
    ];
    Ok(apply(text, front.append_items("links", &[item])?))
}

/// Adds `{by: NAME, date: DATE}` to `approvals:`.
pub fn add_approval(
    text: &str,
    record: &Record,
    approval: &super::NewApproval,
) -> Result<String, EditError> {
    let front = Front::new(text, record)?;
    let item = format!(
        "{{by: {}, date: {}}}",
        scalar(&approval.by),
        scalar(&approval.date)
    );
    Ok(apply(text, front.append_items("approvals", &[vec![item]])?))
}

/// A number key (`number: 12`, `adr: "0012"`) that says `old` gets `new`, same width and
/// quotes. Front matter that cannot be edited in place is left as it is.
pub fn renumber(text: &str, record: &Record, old: u32, new: u32) -> String {
    let Ok(front) = Front::new(text, record) else {
        return text.to_string();
    };
    let mut plan = Vec::new();
    for key in ["number", "adr", "id"] {
        let Some(TopValue::Scalar { span, quote }) = front.entry(key).map(|e| &e.value) else {
            continue;
        };
        let q = usize::from(quote.is_some());
        let digits = (front.start + span.start + q)..(front.start + span.end - q);
        let v = &text[digits.clone()];
        if v.parse::<u32>().ok() == Some(old) {
            let number = format!("{new:0width$}", width = v.len());
            plan.push(Splice {
                at: digits,
                with: number,
            });
        }
    }
    apply(text, plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lifecycle;

    fn record(text: &str) -> Record {
        let name = crate::names::parse_record_name("0044-x").unwrap();
        crate::parse::parse_record(std::path::Path::new("0044-x.md"), "0044-x", &name, text).0
    }

    fn set(text: &str, value: &str) -> String {
        let r = record(text);
        let front = Front::new(text, &r).unwrap();
        apply(text, vec![front.set_value("status", value).unwrap()])
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
        assert_eq!(
            set("---\nstatus: \"a\\\" #b\"  # c\n---\n", "x"),
            "---\nstatus: \"x\"  # c\n---\n"
        );
        assert_eq!(
            set("---\nstatus: 'a'' #b'  # c\n---\n", "x"),
            "---\nstatus: 'x'  # c\n---\n"
        );
    }

    #[test]
    fn an_empty_value_gets_one_and_keeps_its_comment() {
        assert_eq!(
            set("---\nstatus:   # todo\n---\n", "accepted"),
            "---\nstatus: accepted   # todo\n---\n"
        );
    }

    /// Lists are appended to where they end, at their own indentation, in the file's line
    /// endings; `[]` becomes a block list.
    #[test]
    fn items_go_where_the_list_ends() {
        let status = NewStatus {
            state: Lifecycle::Accepted,
            raw: "accepted".into(),
            date: "2026-03-27".into(),
            by: None,
            forced: None,
        };
        let text = "---\r\nstatus: proposed # was\r\nstatus_history:\r\n- date: 2026-01-01\r\n  status: proposed\r\n# end\r\ntags: []\r\n---\r\n# X\r\n";
        let out = set_status(text, &record(text), &status).unwrap();
        assert_eq!(
            out,
            "---\r\nstatus: accepted # was\r\nstatus_history:\r\n- date: 2026-01-01\r\n  status: proposed\r\n- date: 2026-03-27\r\n  status: accepted\r\n# end\r\ntags: []\r\n---\r\n# X\r\n"
        );
        let text = "---\nlinks: [] # none\n---\n# X\n";
        let link = NewLink {
            label: "Amends".into(),
            target: "0002-y.md".into(),
            title: "2. Y".into(),
        };
        assert_eq!(
            add_link(text, &record(text), &link).unwrap(),
            "---\nlinks: # none\n  - type: amends\n    target: 0002-y.md\n---\n# X\n"
        );
        let text = "---\ntitle: X\n---\n# X\n";
        assert_eq!(
            add_link(text, &record(text), &link).unwrap(),
            "---\ntitle: X\nlinks:\n  - type: amends\n    target: 0002-y.md\n---\n# X\n"
        );
    }

    #[test]
    fn number_keys_keep_width_and_quotes() {
        let text = "---\nadr: \"0012\"\nnumber: 12 # n\n---\n# X\n";
        assert_eq!(
            renumber(text, &record(text), 12, 7),
            "---\nadr: \"0007\"\nnumber: 07 # n\n---\n# X\n"
        );
    }
}
