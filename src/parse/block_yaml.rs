//! A fast reader for the block-style YAML that front matter is written in, with no fallback of
//! its own: it returns `None` for anything outside a strict subset, and the caller then uses the
//! full YAML parser.
//!
//! Why: yaml-rust2 scans character by character through queues of tokens and events, and on a
//! structured record (two to three KB of front matter) it was most of the time every command
//! spends reading a log. The subset here is what `adr new`, MADR and every corpus front matter
//! write: block mappings and sequences indented with spaces, one-line plain, single- and
//! double-quoted scalars, and one-line flow sequences of such scalars. Anchors, aliases, tags,
//! block scalars (`|`, `>`), flow mappings, multi-line scalars, tabs and carriage returns all
//! send the text to yaml-rust2, and so does any line this reader is not sure of. Scalars are typed
//! by the same function the full parser's builder uses, so both give the same value for the same
//! text; `tests` below and `tests/properties.rs` compare the two on generated and real front
//! matter.

use super::yaml::{Parsed, key_text, scalar};
use serde_json::{Map, Value};
use yaml_rust2::scanner::TScalarStyle;

/// Parses `text` when it is inside the subset; `None` means "ask the full parser".
pub fn parse(text: &str) -> Option<Parsed> {
    if has_special_characters(text.as_bytes()) {
        return None;
    }
    let mut lines = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        if let Some(line) = Line::new(raw, i + 1)? {
            lines.push(line);
        }
    }
    let mut reader = Reader {
        lines,
        pos: 0,
        key_lines: Vec::new(),
    };
    let Some(first) = reader.lines.first() else {
        return Some(Parsed {
            value: Value::Null,
            key_lines: Vec::new(),
        });
    };
    // Only a mapping at the top: a front matter that is a list or a lone scalar is rare enough
    // to leave to the full parser.
    if first.indent != 0 || first.is_item() {
        return None;
    }
    let value = reader.mapping(0, None, true)?;
    if reader.pos != reader.lines.len() {
        return None;
    }
    Some(Parsed {
        value,
        key_lines: reader.key_lines,
    })
}

/// Tabs, carriage returns, control characters and the Unicode line breaks and byte-order marks
/// that YAML treats specially: one pass over the bytes.
fn has_special_characters(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        let special = match b {
            b'\n' => false,
            0..=0x1f | 0x7f => true,
            // U+0080-U+009F (C1 controls, NEL among them)
            0xc2 => (0x80..=0x9f).contains(&next(1)),
            // U+2028, U+2029
            0xe2 => next(1) == 0x80 && matches!(next(2), 0xa8 | 0xa9),
            // U+FEFF, U+FFFE, U+FFFF
            0xef => (next(1) == 0xbb && next(2) == 0xbf) || (next(1) == 0xbf && next(2) >= 0xbe),
            _ => false,
        };
        if special {
            return true;
        }
        i += 1;
    }
    false
}

/// One line with content: its indentation and the text after it.
struct Line<'a> {
    indent: usize,
    text: &'a str,
    number: usize,
}

impl<'a> Line<'a> {
    /// `Some(None)` for a blank or comment line, `None` for a line the subset does not take.
    fn new(raw: &'a str, number: usize) -> Option<Option<Line<'a>>> {
        let text = raw.trim_start_matches(' ');
        let indent = raw.len() - text.len();
        let text = text.trim_end_matches(' ');
        if text.is_empty() || text.starts_with('#') {
            return Some(None);
        }
        // Document markers and directives end or start documents: not for this reader.
        if indent == 0
            && (text.starts_with("---") || text.starts_with("...") || text.starts_with('%'))
        {
            return None;
        }
        Some(Some(Line {
            indent,
            text,
            number,
        }))
    }

    fn is_item(&self) -> bool {
        self.text == "-" || self.text.starts_with("- ")
    }
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    key_lines: Vec<(String, usize)>,
}

impl<'a> Reader<'a> {
    /// A block mapping whose keys sit at column `indent`. `first` is an entry already cut from
    /// a `- key: value` line (its text after the dash and its line number).
    fn mapping(
        &mut self,
        indent: usize,
        first: Option<(&'a str, usize)>,
        top: bool,
    ) -> Option<Value> {
        let mut map = Map::new();
        if let Some((text, number)) = first {
            self.entry(&mut map, indent, text, number, top)?;
        }
        while let Some(line) = self.lines.get(self.pos) {
            if line.indent < indent {
                break;
            }
            if line.indent > indent || line.is_item() {
                return None;
            }
            let (text, number) = (line.text, line.number);
            self.pos += 1;
            self.entry(&mut map, indent, text, number, top)?;
        }
        Some(Value::Object(map))
    }

    /// One `key: value` entry of a mapping at `indent`, the value possibly on the lines below.
    fn entry(
        &mut self,
        map: &mut Map<String, Value>,
        indent: usize,
        text: &'a str,
        number: usize,
        top: bool,
    ) -> Option<()> {
        let (key, rest) = split_key(text)?;
        let key = key_text(&scalar(key.to_string(), TScalarStyle::Plain));
        if top {
            self.key_lines.push((key.clone(), number));
        }
        let value = if rest.is_empty() {
            self.nested(indent, true)?
        } else {
            let v = inline_value(rest)?;
            self.no_continuation(indent)?;
            v
        };
        map.insert(key, value);
        Some(())
    }

    /// The value below a `key:` or `-` with nothing after it: a deeper block, a sequence at the
    /// key's own column (`key:` then `- item`, which YAML allows for mappings), or null.
    fn nested(&mut self, indent: usize, in_mapping: bool) -> Option<Value> {
        let Some(next) = self.lines.get(self.pos) else {
            return Some(Value::Null);
        };
        if next.indent > indent {
            let at = next.indent;
            return if next.is_item() {
                self.sequence(at)
            } else {
                self.mapping(at, None, false)
            };
        }
        if in_mapping && next.indent == indent && next.is_item() {
            return self.sequence(indent);
        }
        Some(Value::Null)
    }

    /// A block sequence whose dashes sit at column `indent`.
    fn sequence(&mut self, indent: usize) -> Option<Value> {
        let mut items = Vec::new();
        while let Some(line) = self.lines.get(self.pos) {
            if line.indent < indent || (line.indent == indent && !line.is_item()) {
                break;
            }
            if line.indent > indent {
                return None;
            }
            let (text, number) = (line.text, line.number);
            self.pos += 1;
            let after = text[1..].trim_start_matches(' ');
            if after.is_empty() {
                items.push(self.nested(indent, false)?);
                continue;
            }
            if after.starts_with('-') && (after.len() == 1 || after[1..].starts_with(' ')) {
                return None; // `- - x`: a sequence inside an item, on one line
            }
            if split_key(after).is_some() {
                // `- key: value`: a mapping whose keys line up with this first key.
                let column = indent + (text.len() - after.len());
                items.push(self.mapping(column, Some((after, number)), false)?);
                continue;
            }
            if looks_like_key(after) {
                return None;
            }
            items.push(inline_value(after)?);
            self.no_continuation(indent)?;
        }
        Some(Value::Array(items))
    }

    /// After a one-line value at `indent`, a deeper line would be a continuation of it (a
    /// multi-line plain scalar) or an error: both are for the full parser.
    fn no_continuation(&self, indent: usize) -> Option<()> {
        match self.lines.get(self.pos) {
            Some(next) if next.indent > indent => None,
            _ => Some(()),
        }
    }
}

/// `key: rest` or `key:` with a plain key of word characters; `None` when the line is not
/// surely such an entry.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let colon = text.find(':')?;
    let key = &text[..colon];
    let after = &text[colon + 1..];
    if !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    let mut chars = key.chars();
    let first = chars.next()?;
    if !(first.is_ascii_alphabetic() || first == '_') {
        return None;
    }
    if !chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        return None;
    }
    let rest = after.trim_start_matches(' ');
    // `key: # comment` has no value on this line.
    let rest = if rest.starts_with('#') { "" } else { rest };
    Some((key, rest))
}

/// Text that has a `: ` or ends in `:` but did not pass as a plain key: a quoted or odd key,
/// or a plain scalar YAML would reject. Either way, not for this reader.
fn looks_like_key(text: &str) -> bool {
    text.contains(": ") || text.ends_with(':')
}

/// A value written on the key's or dash's line: a flow sequence, a quoted or a plain scalar.
fn inline_value(text: &str) -> Option<Value> {
    match text.as_bytes()[0] {
        b'[' => flow_sequence(text),
        b'"' | b'\'' => {
            let (s, rest) = quoted(text)?;
            end_of_line(rest)?;
            Some(Value::String(s))
        }
        _ => plain(text, false).map(|s| scalar(s.to_string(), TScalarStyle::Plain)),
    }
}

/// What may follow a complete value on its line: spaces and a comment.
fn end_of_line(rest: &str) -> Option<()> {
    let trimmed = rest.trim_start_matches(' ');
    (trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())).then_some(())
}

/// A plain scalar on one line, its comment cut off. `flow` adds the characters that end a
/// scalar inside `[...]`.
fn plain(text: &str, flow: bool) -> Option<&str> {
    let first = text.chars().next()?;
    if "?:,[]{}#&*!|>'\"%@`".contains(first) {
        return None;
    }
    if first == '-' && (text.len() == 1 || text[1..].starts_with(' ')) {
        return None;
    }
    if flow && text.contains([',', '[', ']', '{', '}', ':', '#']) {
        return None;
    }
    let value = match text.find(" #") {
        Some(at) => &text[..at],
        None => text,
    }
    .trim_end_matches(' ');
    (!looks_like_key(value)).then_some(value)
}

/// `[a, "b", 'c']` on one line.
fn flow_sequence(text: &str) -> Option<Value> {
    let close = text.rfind(']')?;
    end_of_line(&text[close + 1..])?;
    let inner = text[1..close].trim_matches(' ');
    let mut items = Vec::new();
    if inner.is_empty() {
        return Some(Value::Array(items));
    }
    let mut rest = inner;
    loop {
        let (item, after) = match rest.as_bytes().first()? {
            b'"' | b'\'' => {
                let (s, after) = quoted(rest)?;
                (Value::String(s), after.trim_start_matches(' '))
            }
            _ => {
                let end = rest.find(',').unwrap_or(rest.len());
                let text = plain(rest[..end].trim_end_matches(' '), true)?;
                if text.is_empty() {
                    return None;
                }
                (scalar(text.to_string(), TScalarStyle::Plain), &rest[end..])
            }
        };
        items.push(item);
        if after.is_empty() {
            break;
        }
        // A comma, then another item (a trailing comma is left to the full parser).
        rest = after.strip_prefix(',')?.trim_start_matches(' ');
        if rest.is_empty() {
            return None;
        }
    }
    Some(Value::Array(items))
}

/// A quoted scalar that opens and closes on this line; the text after the closing quote.
fn quoted(text: &str) -> Option<(String, &str)> {
    let quote = text.as_bytes()[0];
    let body = &text[1..];
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        if quote == b'\'' {
            if c == '\'' {
                if body[i + 1..].starts_with('\'') {
                    out.push('\'');
                    chars.next();
                    continue;
                }
                return Some((out, &body[i + 1..]));
            }
            out.push(c);
            continue;
        }
        match c {
            '"' => return Some((out, &body[i + 1..])),
            '\\' => {
                let (_, e) = chars.next()?;
                out.push(match e {
                    '\\' => '\\',
                    '"' => '"',
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    _ => return None,
                });
            }
            _ => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::yaml;
    use super::*;

    /// The fast reader gives exactly what the full parser gives (values, key order, key lines),
    /// or leaves the text to it.
    fn same(text: &str) -> bool {
        let Some(fast) = parse(text) else {
            return false;
        };
        let full = yaml::parse_full(text).expect("valid YAML in this test");
        assert_eq!(
            serde_json::to_string(&fast.value).unwrap(),
            serde_json::to_string(&full.value).unwrap(),
            "{text}"
        );
        assert_eq!(fast.key_lines, full.key_lines, "{text}");
        true
    }

    #[test]
    fn reads_the_structured_template_shapes() {
        assert!(same(
            "status: accepted\ndate: 2015-01-16\ndeciders: [Ana, Chen]\ntags: [timeout, tenant]\n\
             scope: [\"src/metrics/**\"]\nconstraints:\n  - Must stay safe.\n\
             quality_attributes:\n  - id: durability\n    attribute: Reliability\n    priority: high\n\
             \x20   scenario:\n      source: schema service\n      stimulus: 4300 requests per second\n\
             options:\n  - name: NATS\n    chosen: true\n    tradeoffs:\n      durability: \"+ backup\"\n\
             \x20     operability: \"-- retry client\"\nlinks: []\nnumber: 0028\nratio: 1.50\n"
        ));
    }

    #[test]
    fn reads_compact_sequences_comments_and_quotes() {
        assert!(same(
            "# a comment\nparent: Decisions\nnav_order: 100\ntags:\n- a\n- 'it''s'\n- \"q \\\"x\\\"\"\n\
             empty:\nnull_word: ~\nflag: True # yes\nkey: value # note\nurl: http://x.org/a#b\n"
        ));
        assert!(same("links:\n  - supersedes: 3\n  -\n    amends: 4\n"));
        assert!(same(""));
        assert!(same("# only a comment\n"));
    }

    #[test]
    fn leaves_everything_else_to_the_full_parser() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: |\n  text\n",
            "a: >\n  text\n",
            "a: {b: 1}\n",
            "a: plain\n  continued\n",
            "title: ADR002: Foo\n",
            "\"quoted key\": 1\n",
            "a: \"open\n  close\"\n",
            "a:\n\t- tab\n",
            "a: !!str 1\n",
            "- top level list\n",
            "a: [1, 2,]\n",
            "a: [x: y]\n",
            "a: \"\\x41\"\n",
            "a: b\r\n",
            "a: 1\n  b: 2\n",
            "a:\n    b: 1\n  c: 2\n",
            "? complex\n",
        ] {
            assert!(parse(text).is_none(), "{text:?}");
        }
    }
}
