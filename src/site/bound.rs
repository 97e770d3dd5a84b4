//! Bounds on the shape of a rendered body, so that no record, however written, makes a page
//! cost more than a constant times its size. The HTML sanitiser's tree builder looks through
//! the open elements for each new one (time grows with the square of nesting: 40,000 nested
//! list markers took 27 s), and it keeps a node of a few hundred bytes for each element (a
//! 20,000-column table, one byte a cell, took 3 GB). So before sanitising, elements nested
//! deeper than [`MAX_DEPTH`] lose their tags, and past [`MAX_ELEMENTS`] elements the rest of
//! the body is plain text; a body with more markup than [`MAX_MARKUP`] is not parsed at all
//! but shown as written. Nothing is dropped but tags: the words stay on the page, in order.
//!
//! Two passes, one for each way an element is written: [`events`] over the Markdown parser's
//! events (where a table's cells and nested lists come from, and whose list would otherwise be
//! the large one in memory), and [`html`] over the HTML made from them, for elements written
//! as raw HTML in the record.

use pulldown_cmark::{CowStr, Event};

/// Markdown punctuation and line breaks a body may hold and still be read as Markdown; past
/// it the body is shown as the text it is. The Markdown parser keeps a node of about fifty
/// bytes for each (`*a*a*a...`, `a\na\n...`: 400 MB for 8 MB); the most of any record in the
/// shared corpus is 21,651 (an RFC of 170 KB).
pub const MAX_MARKUP: usize = 200_000;

/// Whether `body` holds more than [`MAX_MARKUP`] punctuation marks and line breaks.
pub fn too_much_markup(body: &str) -> bool {
    body.len() > MAX_MARKUP
        && body
            .bytes()
            .filter(|b| b.is_ascii_punctuation() || *b == b'\n')
            .nth(MAX_MARKUP)
            .is_some()
}

/// The deepest nesting of elements kept; deeper ones lose their tags, not their text.
pub const MAX_DEPTH: usize = 64;
/// Elements kept in one body; the rest of it is shown as text.
pub const MAX_ELEMENTS: usize = 100_000;

/// `events` with nesting past [`MAX_DEPTH`] flattened, past [`MAX_ELEMENTS`] elements every
/// tag dropped, and each run of text and soft breaks merged into one event.
pub fn events<'e>(events: impl Iterator<Item = Event<'e>>) -> Vec<Event<'e>> {
    let mut out = Vec::new();
    let (mut depth, mut dropped, mut elements) = (0usize, 0usize, 0usize);
    // Text of dropped elements, written out before the next kept event.
    let mut text = String::new();
    let flush = |out: &mut Vec<Event<'e>>, text: &mut String| {
        if !text.is_empty() {
            out.push(Event::Text(CowStr::from(std::mem::take(text))));
        }
    };
    for ev in events {
        let full = depth >= MAX_DEPTH || elements >= MAX_ELEMENTS;
        match ev {
            Event::Start(tag) => {
                if full || dropped > 0 {
                    dropped += 1;
                    space(&mut text);
                } else {
                    flush(&mut out, &mut text);
                    depth += 1;
                    elements += 1;
                    out.push(Event::Start(tag));
                }
            }
            Event::End(tag) => {
                if dropped > 0 {
                    dropped -= 1;
                    space(&mut text);
                } else {
                    flush(&mut out, &mut text);
                    depth = depth.saturating_sub(1);
                    out.push(Event::End(tag));
                }
            }
            // Runs of text are one event: `a\na\n...` or `[a][a]...` would otherwise be an
            // event (and a node in the sanitiser) for every two or three bytes.
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak if dropped == 0 => text.push('\n'),
            Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) if elements >= MAX_ELEMENTS => {
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak | Event::Rule if full || dropped > 0 => {
                space(&mut text);
            }
            Event::TaskListMarker(_) | Event::FootnoteReference(_) if full || dropped > 0 => {}
            other => {
                flush(&mut out, &mut text);
                elements += 1;
                out.push(other);
            }
        }
    }
    flush(&mut out, &mut text);
    out
}

fn space(text: &mut String) {
    if !text.is_empty() && !text.ends_with(' ') {
        text.push(' ');
    }
}

/// Elements the HTML parser never holds open.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen",
];

/// Elements a start tag of the same name closes (`<li>a<li>b`: siblings, not nested).
const SELF_CLOSING_SIBLINGS: &[&str] = &[
    "li", "p", "dt", "dd", "tr", "td", "th", "option", "optgroup",
];

/// Elements whose content the HTML parser reads as text, up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
];

/// `html` with the tags of elements past [`MAX_DEPTH`] or [`MAX_ELEMENTS`] removed. Tags are
/// read as the HTML tokenizer reads them (quoted attribute values, comments, raw text), so
/// what this pass counts is what the sanitiser's parser builds, or more; never less.
pub fn html(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut open: Vec<String> = Vec::new();
    let (mut dropped, mut elements) = (0usize, 0usize);
    let mut copied = 0; // bytes of `html` written to `out`, or that would have been
    let mut i = 0;
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        let Some((end, tag)) = read_tag(b, lt) else {
            i = lt + 1;
            continue;
        };
        i = end;
        let keep = match tag {
            Tag::Other => true,
            // Dropped elements are the innermost open ones: an end tag closes one of them
            // first. Stray end tags are kept; the parser ignores them.
            Tag::End(_) if dropped > 0 => {
                dropped -= 1;
                false
            }
            Tag::End(name) => {
                if let Some(at) = open.iter().rposition(|n| *n == name) {
                    open.truncate(at);
                }
                true
            }
            Tag::Start(name, self_closed) => {
                if SELF_CLOSING_SIBLINGS.contains(&name.as_str())
                    && open.last().is_some_and(|n| *n == name)
                {
                    open.pop();
                }
                let container = !self_closed && !VOID.contains(&name.as_str());
                let full = elements >= MAX_ELEMENTS || container && open.len() >= MAX_DEPTH;
                if full {
                    dropped += usize::from(container);
                    false
                } else {
                    elements += 1;
                    if container && RAW_TEXT.contains(&name.as_str()) {
                        i = raw_text_end(b, i, &name);
                    } else if container {
                        open.push(name);
                    }
                    true
                }
            }
        };
        if !keep {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..lt]);
            copied = end;
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&html[copied..]);
            o.into()
        }
        None => html.into(),
    }
}

enum Tag {
    /// A start tag: its lower-cased name, and whether it ends with `/>`.
    Start(String, bool),
    End(String),
    /// A comment, doctype or processing instruction.
    Other,
}

/// The tag starting at `b[lt] == b'<'`: where it ends and what it is; `None` when `<` starts
/// no tag (it is text).
fn read_tag(b: &[u8], lt: usize) -> Option<(usize, Tag)> {
    let rest = &b[lt + 1..];
    if rest.starts_with(b"!--") {
        let end = memchr::memmem::find(&rest[3..], b"-->").map_or(b.len(), |e| lt + 4 + e + 3);
        return Some((end, Tag::Other));
    }
    if rest.starts_with(b"!") || rest.starts_with(b"?") {
        let end = memchr::memchr(b'>', rest).map_or(b.len(), |e| lt + 1 + e + 1);
        return Some((end, Tag::Other));
    }
    let (closing, name_at) = match rest.first() {
        Some(b'/') => (true, lt + 2),
        _ => (false, lt + 1),
    };
    if !b.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut j = name_at;
    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'/' && b[j] != b'>' {
        j += 1;
    }
    let name = String::from_utf8_lossy(&b[name_at..j]).to_ascii_lowercase();
    let (end, self_closed) = attributes_end(b, j);
    Some((
        end,
        if closing {
            Tag::End(name)
        } else {
            Tag::Start(name, self_closed)
        },
    ))
}

/// Where a tag's attributes end (after its `>`), read as the HTML tokenizer does, and whether
/// the tag closed itself (`/>`).
fn attributes_end(b: &[u8], mut j: usize) -> (usize, bool) {
    loop {
        let mut slash = false;
        while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
            slash = b[j] == b'/';
            j += 1;
        }
        if j >= b.len() {
            return (b.len(), false);
        }
        if b[j] == b'>' {
            return (j + 1, slash);
        }
        // An attribute name runs to white space, `/`, `>` or `=` (its first character may be `=`).
        j += 1;
        while j < b.len() && !b[j].is_ascii_whitespace() && !b"/>=".contains(&b[j]) {
            j += 1;
        }
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                let q = b[j];
                j = memchr::memchr(q, &b[j + 1..]).map_or(b.len(), |e| j + 1 + e + 1);
            } else {
                while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                    j += 1;
                }
            }
        }
    }
}

/// Where the raw text of element `name`, starting at `from`, ends: at its end tag's `<`.
fn raw_text_end(b: &[u8], from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(off) = memchr::memmem::find(&b[i..], b"</") {
        let at = i + off;
        let after = &b[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return at;
        }
        i = at + 2;
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn rendered(md: &str) -> String {
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, events(Parser::new(md)).into_iter());
        out
    }

    #[test]
    fn deep_markdown_nesting_keeps_its_words_without_its_tags() {
        let md = format!("{}deep\n", "- ".repeat(MAX_DEPTH * 2));
        let h = rendered(&md);
        assert_eq!(h.matches("<ul>").count(), MAX_DEPTH / 2, "{h}");
        assert!(h.contains("deep"), "{h}");
        assert_eq!(h.matches("<ul>").count(), h.matches("</ul>").count());
    }

    #[test]
    fn deep_raw_html_keeps_its_words_without_its_tags() {
        let deep = format!("{}x{}", "<div>".repeat(200), "</div>".repeat(200));
        let h = html(&deep);
        assert_eq!(h.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(h.matches("</div>").count(), MAX_DEPTH);
        assert!(h.contains('x'));
        // Siblings, void elements, comments and quoted `>` do not count as nesting.
        let flat = "<li>a<li>b<br><img src=x><!-- <div> --><p title='>'>c</p>".repeat(200);
        assert_eq!(html(&flat), flat);
    }

    #[test]
    fn past_the_element_budget_the_rest_is_text() {
        let md = format!("{}\n\nlast words\n", "*a* ".repeat(MAX_ELEMENTS + 10));
        let h = rendered(&md);
        assert!(h.matches("<em>").count() < MAX_ELEMENTS, "budget kept");
        assert!(
            h.trim_end().ends_with("a </p>\nlast words"),
            "{}",
            &h[h.len() - 40..]
        );
        assert!(
            h.matches(" a ").count() >= 10,
            "the words past the budget stay"
        );
    }
}
