//! A fast reader for the block-style YAML that front matter is written in, with no fallback of
//! its own: it returns `None` for anything outside a strict subset, and the caller then uses the
//! full YAML parser.
//!
//! Why: yaml-rust2 scans character by character through queues of tokens and events, and on a
//! structured record (two to three KB of front matter) it was most of the time every command
//! spends reading a log. The subset here is what `adr new`, MADR and every corpus front matter
//! write: block mappings and sequences indented with spaces, one-line plain, single- and
//! double-quoted scalars, and one-line flow sequences and flow mappings of such scalars
//! (`[a, b]`, `{by: Ana, date: 2026-11-02}`). Anchors, aliases, tags, block scalars (`|`, `>`),
//! nested or multi-line flow collections, multi-line scalars, tabs and carriage returns all
//! send the text to yaml-rust2, and so does any line this reader is not sure of. Scalars are typed
//! by the same function the full parser's builder uses, so both give the same value for the same
//! text; `tests` below and `tests/properties.rs` compare the two on generated and real front
//! matter.

use super::yaml::{Parsed, key_text, scalar};
use serde_json::{Map, Value};
use std::ops::Range;
use yaml_rust2::scanner::TScalarStyle;

/// Parses `text` when it is inside the subset; `None` means "ask the full parser".
pub fn parse(text: &str) -> Option<Parsed> {
    read(text, false).ok().map(|(parsed, _)| parsed)
}

/// Where each top-level entry of `text` sits, for edits that replace byte ranges: the same
/// reading as [`parse`], so an edit can only be planned over front matter whose every byte this
/// reader accounts for. Line endings may be CRLF here (the edit keeps them); anything else
/// outside the subset, and a key written twice, is [`Declined`] with the line and the reason.
pub fn layout(text: &str) -> Result<Vec<TopEntry>, Declined> {
    read(text, true).map(|(_, entries)| entries)
}

/// A top-level `key: value` of front matter, by byte offsets into the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopEntry {
    pub key: String,
    /// 1-based line of the key within the YAML text.
    pub line: usize,
    /// Just after the key's `:`.
    pub colon_end: usize,
    pub value: TopValue,
    /// The end of the entry's last line with content, before its line ending.
    pub end: usize,
}

/// The shape of a top-level value, with the bytes an edit may replace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TopValue {
    /// `key:` with nothing after it (a comment at most) and nothing below it.
    Null,
    /// A one-line scalar: its bytes (quotes included, comment excluded) and how it is quoted.
    Scalar {
        span: Range<usize>,
        quote: Option<char>,
    },
    /// A one-line `[...]`: its bytes, and whether it has no items.
    Flow { span: Range<usize>, empty: bool },
    /// A block sequence whose dashes sit at this column.
    Sequence { indent: usize },
    /// A block mapping below the key.
    Mapping,
    /// A value kept as it is: a block scalar, a scalar over several lines, an anchor, a tag, a
    /// flow mapping.
    Opaque,
}

/// Why front matter is outside what [`layout`] reads exactly, and the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declined {
    pub line: usize,
    pub reason: String,
}

fn declined(line: usize, reason: impl Into<String>) -> Declined {
    Declined {
        line,
        reason: reason.into(),
    }
}

/// The reader proper: `track` records [`TopEntry`]s (and takes CRLF line endings, refuses
/// repeated keys) for [`layout`]; without it the value is all that matters.
fn read(text: &str, track: bool) -> Result<(Parsed, Vec<TopEntry>), Declined> {
    if let Some(at) = special_character(text.as_bytes(), track) {
        return Err(declined(
            1 + text.as_bytes()[..at]
                .iter()
                .filter(|&&b| b == b'\n')
                .count(),
            "has a tab, a carriage return inside a line, or a control character",
        ));
    }
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, raw) in text.split('\n').enumerate() {
        let raw = if track {
            raw.strip_suffix('\r').unwrap_or(raw)
        } else {
            raw
        };
        match Line::new(raw, i + 1, start) {
            None => {
                return Err(declined(
                    i + 1,
                    "has a YAML document marker (`---` or `...`) or a directive inside it",
                ));
            }
            Some(Some(line)) => lines.push(line),
            Some(None) => {}
        }
        start += raw.len() + 1 + usize::from(track && text[start + raw.len()..].starts_with('\r'));
    }
    let mut reader = Reader {
        lines,
        pos: 0,
        key_lines: Vec::new(),
        track,
        entries: Vec::new(),
        current: 1,
        repeated: None,
    };
    let Some(first) = reader.lines.first() else {
        let empty = Parsed {
            value: Value::Null,
            key_lines: Vec::new(),
        };
        return Ok((empty, Vec::new()));
    };
    // Only a mapping at the top: a front matter that is a list or a lone scalar is rare enough
    // to leave to the full parser.
    if first.indent != 0 {
        return Err(declined(first.number, "has its keys indented"));
    }
    if first.is_item() {
        return Err(declined(first.number, "is a list, not keys and values"));
    }
    let value = reader.mapping(0, None, true);
    let stuck = |reader: &Reader| {
        let key = reader
            .entries
            .last()
            .filter(|e| e.line == reader.current)
            .map_or(String::new(), |e| format!(" `{}`", e.key));
        let key = if key.is_empty() {
            reader
                .key_lines
                .last()
                .filter(|(_, l)| *l == reader.current)
                .map_or(String::new(), |(k, _)| format!(" `{k}`"))
        } else {
            key
        };
        declined(
            reader.current,
            format!(
                "writes the value{key} over several lines or in a form this tool does not edit \
                 in place (a block scalar, an anchor, a flow mapping, a quoted key)"
            ),
        )
    };
    let Some(value) = value else {
        return Err(reader.repeated.take().unwrap_or_else(|| stuck(&reader)));
    };
    if reader.pos != reader.lines.len() {
        return Err(stuck(&reader));
    }
    let parsed = Parsed {
        value,
        key_lines: reader.key_lines,
    };
    Ok((parsed, reader.entries))
}

/// Where the first tab, carriage return, control character or Unicode line break or
/// byte-order mark (which YAML treats specially) is: one pass over the bytes. `crlf` lets a
/// carriage return that ends a line pass.
fn special_character(bytes: &[u8], crlf: bool) -> Option<usize> {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        let special = match b {
            b'\n' => false,
            b'\r' if crlf => next(1) != b'\n',
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
            return Some(i);
        }
        i += 1;
    }
    None
}

/// One line with content: its indentation and the text after it, and where the line starts
/// in the whole text.
struct Line<'a> {
    indent: usize,
    text: &'a str,
    number: usize,
    start: usize,
}

impl<'a> Line<'a> {
    /// `Some(None)` for a blank or comment line, `None` for a line the subset does not take.
    fn new(raw: &'a str, number: usize, start: usize) -> Option<Option<Line<'a>>> {
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
            start,
        }))
    }

    /// The offset in the whole text of `part`, a slice of this line's text.
    fn offset(&self, part: &str) -> usize {
        self.start + self.indent + (part.as_ptr() as usize - self.text.as_ptr() as usize)
    }

    fn end(&self) -> usize {
        self.start + self.indent + self.text.len()
    }

    fn is_item(&self) -> bool {
        self.text == "-" || self.text.starts_with("- ")
    }
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    key_lines: Vec<(String, usize)>,
    track: bool,
    entries: Vec<TopEntry>,
    /// The line of the top-level key being read (where a refusal points).
    current: usize,
    /// A top-level key written a second time, when tracking.
    repeated: Option<Declined>,
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
        let (key_part, rest) = split_key(text)?;
        let key = key_part.text();
        let key_part = key_part.raw;
        if top {
            self.current = number;
            self.key_lines.push((key.clone(), number));
            if self.track && map.contains_key(&key) {
                self.repeated = Some(declined(
                    number,
                    format!("has `{key}:` more than once (readers disagree on which one counts)"),
                ));
                return None;
            }
        }
        let at = self.pos - 1;
        let value = if rest.is_empty() {
            let shape = self.lines.get(self.pos).map_or(TopValue::Null, |next| {
                match (next.indent > indent, next.is_item()) {
                    (true, true) => TopValue::Sequence {
                        indent: next.indent,
                    },
                    (true, false) => TopValue::Mapping,
                    (false, true) if next.indent == indent => TopValue::Sequence { indent },
                    _ => TopValue::Null,
                }
            });
            let from = self.pos;
            let (v, shape) = match self.nested(indent, true) {
                Some(v) => (v, shape),
                // Tracking, a block this reader does not read is kept whole, as above.
                None if self.track => {
                    self.pos = from;
                    self.opaque(indent)?;
                    (Value::Null, TopValue::Opaque)
                }
                None => return None,
            };
            if top && self.track {
                self.track_entry(key.clone(), at, key_part, shape);
            }
            v
        } else {
            let Some(v) = self.one_line_value(rest, indent) else {
                // Tracking, a value this reader does not read (a block scalar, a scalar over
                // several lines, an anchor, a tag, a flow mapping) is kept whole: its extent is
                // all an edit of other keys needs.
                self.opaque(indent)?;
                if top {
                    self.track_entry(key.clone(), at, key_part, TopValue::Opaque);
                }
                map.insert(key, Value::Null);
                return Some(());
            };
            if top && self.track {
                let line = &self.lines[at];
                let start = line.offset(rest);
                let span = start..start + inline_len(rest);
                let shape = match rest.as_bytes()[0] {
                    // A one-line `{...}` is read, but no edit changes it: kept whole.
                    b'{' => TopValue::Opaque,
                    b'[' => TopValue::Flow {
                        empty: v.as_array().is_some_and(Vec::is_empty),
                        span,
                    },
                    q @ (b'"' | b'\'') => TopValue::Scalar {
                        span,
                        quote: Some(q as char),
                    },
                    _ => TopValue::Scalar { span, quote: None },
                };
                self.track_entry(key.clone(), at, key_part, shape);
            }
            v
        };
        map.insert(key, value);
        Some(())
    }

    /// Records the top-level entry whose key is `key_part` on line `at` (an index into
    /// `lines`), ending with the last line read so far.
    fn track_entry(&mut self, key: String, at: usize, key_part: &str, value: TopValue) {
        let line = &self.lines[at];
        let colon_end = line.offset(key_part) + key_part.len() + 1;
        let end = self.lines[self.pos - 1].end();
        self.entries.push(TopEntry {
            key,
            line: line.number,
            colon_end,
            value,
            end,
        });
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
            if after.starts_with('{') {
                items.push(inline_value(after)?);
                self.no_continuation(indent)?;
                continue;
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
            match self.one_line_value(after, indent) {
                Some(v) => items.push(v),
                None => {
                    self.opaque(indent)?;
                    items.push(Value::Null);
                }
            }
        }
        Some(Value::Array(items))
    }

    /// The value written on the line of an entry or item at `indent`, when it is all there.
    fn one_line_value(&self, text: &str, indent: usize) -> Option<Value> {
        let v = inline_value(text)?;
        self.no_continuation(indent)?;
        Some(v)
    }

    /// When tracking, steps over the lines deeper than `indent` that continue a value this
    /// reader does not read; without tracking, `None` sends the text to the full parser.
    fn opaque(&mut self, indent: usize) -> Option<()> {
        if !self.track {
            return None;
        }
        while self.lines.get(self.pos).is_some_and(|l| l.indent > indent) {
            self.pos += 1;
        }
        Some(())
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

/// A key as written (`raw`, quotes included) and, for a quoted key, its text.
struct Key<'a> {
    raw: &'a str,
    quoted: Option<String>,
}

impl Key<'_> {
    fn text(&self) -> String {
        match &self.quoted {
            Some(s) => s.clone(),
            None => key_text(&scalar(self.raw.to_string(), TScalarStyle::Plain)),
        }
    }
}

/// `key: rest` or `key:` with a plain key of word characters or a one-line quoted key (`"a b":`);
/// `None` when the line is not surely such an entry.
fn split_key(text: &str) -> Option<(Key<'_>, &str)> {
    let (key, after) = if text.starts_with(['"', '\'']) {
        let (s, rest) = quoted(text)?;
        let raw = &text[..text.len() - rest.len()];
        let after = rest.strip_prefix(':')?;
        (
            Key {
                raw,
                quoted: Some(s),
            },
            after,
        )
    } else {
        let colon = text.find(':')?;
        let raw = &text[..colon];
        let mut chars = raw.chars();
        let first = chars.next()?;
        if !(first.is_ascii_alphabetic() || first == '_') {
            return None;
        }
        if !chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            return None;
        }
        (Key { raw, quoted: None }, &text[colon + 1..])
    };
    if !(after.is_empty() || after.starts_with(' ')) {
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
        b'{' => flow_mapping(text),
        b'"' | b'\'' => {
            let (s, rest) = quoted(text)?;
            end_of_line(rest)?;
            Some(Value::String(s))
        }
        _ => plain(text, false).map(|s| scalar(s.to_string(), TScalarStyle::Plain)),
    }
}

/// How many bytes of `text` the value [`inline_value`] read from it takes (quotes and brackets
/// included, a comment and the spaces before it not).
fn inline_len(text: &str) -> usize {
    match text.as_bytes()[0] {
        b'[' => text.rfind(']').map_or(text.len(), |c| c + 1),
        b'"' | b'\'' => quoted(text).map_or(text.len(), |(_, rest)| text.len() - rest.len()),
        _ => plain(text, false).map_or(text.len(), str::len),
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

/// `{by: Ana, date: "2026-11-02"}` on one line: plain keys, each `: ` and a plain or quoted
/// scalar. Nested collections, keys without values, a key written twice and a trailing comma
/// are left to the full parser.
fn flow_mapping(text: &str) -> Option<Value> {
    let mut map = Map::new();
    let mut rest = text[1..].trim_start_matches(' ');
    if let Some(after) = rest.strip_prefix('}') {
        end_of_line(after)?;
        return Some(Value::Object(map));
    }
    loop {
        let colon = rest.find(": ")?;
        let (key, _) = split_key(&rest[..colon + 1])?;
        if key.quoted.is_some() {
            return None;
        }
        let key = key.text();
        let value_text = rest[colon + 2..].trim_start_matches(' ');
        let (value, after) = match value_text.as_bytes().first()? {
            b'"' | b'\'' => {
                let (s, after) = quoted(value_text)?;
                (Value::String(s), after)
            }
            _ => {
                let end = value_text.find([',', '}'])?;
                let plain = plain(value_text[..end].trim_end_matches(' '), true)?;
                if plain.is_empty() {
                    return None;
                }
                let v = scalar(plain.to_string(), TScalarStyle::Plain);
                (v, &value_text[end..])
            }
        };
        if map.insert(key, value).is_some() {
            return None;
        }
        let after = after.trim_start_matches(' ');
        if let Some(tail) = after.strip_prefix('}') {
            end_of_line(tail)?;
            return Some(Value::Object(map));
        }
        rest = after.strip_prefix(',')?.trim_start_matches(' ');
        if rest.is_empty() || rest.starts_with('}') {
            return None;
        }
    }
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
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    '/' => '/',
                    'x' | 'u' | 'U' => {
                        let digits = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let hex = body.get(i + 2..i + 2 + digits)?;
                        let code = u32::from_str_radix(hex, 16).ok()?;
                        for _ in 0..digits {
                            chars.next();
                        }
                        char::from_u32(code)?
                    }
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
        assert!(same(
            "\"quoted key\": 1\n'it''s': x\ntradeoffs:\n  \"{short-id}\": \"+ why\"\n\"1\": a\n"
        ));
        assert!(same("a: \"\\x41\\u00e9\\U0001F600\\b\\f\\/\"\n"));
        assert!(same(""));
        assert!(same("# only a comment\n"));
    }

    #[test]
    fn reads_one_line_flow_mappings() {
        assert!(same(
            "approvals:\n  - {by: Ana, date: 2026-11-02}\n  - { by: 'Bo ''B''', date: \"x}\" }\n\
             confirmation:\n  - {test: \"tests/a.rs::no_orm\"}\n  - {file: deploy/p.rego} # c\n\
             empty: {}\nlink: {type: supersedes, target: 3}\n"
        ));
    }

    #[test]
    fn leaves_everything_else_to_the_full_parser() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: |\n  text\n",
            "a: >\n  text\n",
            "a: {b: [1]}\n",
            "a: {b: {c: 1}}\n",
            "a: {b: 1,}\n",
            "a: {b: 1, b: 2}\n",
            "a: {b}\n",
            "a: {b: }\n",
            "a: {b:1}\n",
            "a: {b: 1\n",
            "a: {b: 1} x\n",
            "a:\n  - {b: a:c}\n",
            "a:\n  - {b: 1,\n     c: 2}\n",
            "a: plain\n  continued\n",
            "title: ADR002: Foo\n",
            "a: \"open\n  close\"\n",
            "a:\n\t- tab\n",
            "a: !!str 1\n",
            "- top level list\n",
            "a: [1, 2,]\n",
            "a: [x: y]\n",
            "a: b\r\n",
            "a: 1\n  b: 2\n",
            "a:\n    b: 1\n  c: 2\n",
            "? complex\n",
        ] {
            assert!(parse(text).is_none(), "{text:?}");
        }
    }

    /// Every top-level entry with the bytes an edit may replace, including values this reader
    /// keeps whole; CRLF endings are taken.
    #[test]
    fn lays_out_every_top_level_entry() {
        let text = "status: 'x' # c\r\nlinks: []\r\ntags:\r\n  - a\r\n  # note\r\n  - b\r\nempty:\r\n\
                    desc: >\r\n  folded\r\n  text\r\nmap:\r\n  a: 1\r\n\"q k\": &a 1\r\nflow: {a: 1}\r\n";
        let entries = layout(text).unwrap();
        let shown: Vec<(String, usize, TopValue, &str)> = entries
            .iter()
            .map(|e| {
                let line_end = text[..e.end].rfind('\n').map_or(0, |i| i + 1);
                (
                    e.key.clone(),
                    e.line,
                    e.value.clone(),
                    &text[line_end..e.end],
                )
            })
            .collect();
        let at = |s: &str| text.find(s).unwrap();
        assert_eq!(
            shown,
            vec![
                (
                    "status".into(),
                    1,
                    TopValue::Scalar {
                        span: 8..11,
                        quote: Some('\'')
                    },
                    "status: 'x' # c"
                ),
                (
                    "links".into(),
                    2,
                    TopValue::Flow {
                        span: at("[]")..at("[]") + 2,
                        empty: true
                    },
                    "links: []"
                ),
                ("tags".into(), 3, TopValue::Sequence { indent: 2 }, "  - b"),
                ("empty".into(), 7, TopValue::Null, "empty:"),
                ("desc".into(), 8, TopValue::Opaque, "  text"),
                ("map".into(), 11, TopValue::Mapping, "  a: 1"),
                ("q k".into(), 13, TopValue::Opaque, "\"q k\": &a 1"),
                ("flow".into(), 14, TopValue::Opaque, "flow: {a: 1}"),
            ]
        );
        assert_eq!(
            &text[entries[0].colon_end..entries[0].colon_end + 4],
            " 'x'"
        );
    }

    /// What an edit could get wrong is declined with its line: a lone carriage return, a
    /// document marker, indented keys, a key written twice.
    #[test]
    fn declines_what_an_edit_could_get_wrong() {
        for (text, line, why) in [
            ("a: 1\nb: x\ry\n", 2, "carriage return"),
            ("a: 1\n--- x\nb: 2\n", 2, "document marker"),
            ("  a: 1\n  b: 2\n", 1, "indented"),
            ("a: 1\nb: 2\na: 3\n", 3, "more than once"),
            ("a: 1\n\tb: 2\n", 2, "tab"),
        ] {
            let d = layout(text).unwrap_err();
            assert_eq!(d.line, line, "{text:?}: {d:?}");
            assert!(d.reason.contains(why), "{text:?}: {d:?}");
        }
    }
}
