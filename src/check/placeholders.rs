//! `placeholder-text`: template text a record still holds, reported once per record ("record 12
//! still has 7 template placeholders: Context, Decision, …, first at line 9"), with every
//! placeholder listed in `--format json`.
//!
//! A placeholder is a `{few words in braces}` (what the MADR and structured templates write) or
//! one of the guidance sentences adr-tools' template puts under each heading. Code is never
//! one: fenced and indented code blocks, code spans (also across lines) and HTML comments are
//! skipped, and so are braces around a list of names (`{MAX, MIN}`) or one word (`{ ε }`).
//! Nor is a quotation (`> ...`): it cites someone's words, braces and all, and no template
//! asks to fill one in.

use super::{Context, finding};
use crate::model::{Diagnostic, Record};
use crate::parse::placeholder::has_brace_placeholder;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::{Value, json};

/// One placeholder: its file line, the front-matter key or body section it is in, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub line: usize,
    /// The front-matter key, or the heading of the body section.
    pub place: String,
    pub in_front_matter: bool,
    pub text: String,
}

impl Placeholder {
    /// `` `constraints` `` for a key, `Context` for a section.
    fn place_shown(&self) -> String {
        if self.in_front_matter {
            format!("`{}`", self.place)
        } else {
            self.place.clone()
        }
    }
}

/// The guidance lines adr-tools' template puts under each heading: today's, and those its early
/// releases wrote, which repositories made with them still hold.
const ADR_TOOLS_PLACEHOLDERS: &[&str] = &[
    "The issue motivating this decision, and any context that influences or constrains the decision.",
    "The change that we're proposing or have agreed to implement.",
    "What becomes easier or more difficult to do and any risks introduced by the change that will need to be mitigated.",
    "Context here...",
    "Decision here...",
    "Consequences here...",
];

/// How many places a finding names before it says `…`.
const PLACES_SHOWN: usize = 4;

pub fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for r in ctx.log.records.iter().filter(|r| ctx.wants(&r.path)) {
        if let Some(f) = summary(r) {
            out.push(f);
        }
    }
}

/// The one finding for a record's placeholders, if it has any.
fn summary(r: &Record) -> Option<Diagnostic> {
    let all = find(r);
    let first = all.iter().map(|p| p.line).min()?;
    let mut places: Vec<String> = Vec::new();
    for p in &all {
        if !places.contains(&p.place_shown()) {
            places.push(p.place_shown());
        }
    }
    let who = match r.number {
        Some(n) => format!("record {n}"),
        None => "this record".into(),
    };
    let message = if let [one] = all.as_slice() {
        format!(
            "{who} still has a template placeholder, in {}: {}",
            one.place_shown(),
            shorten(&one.text, 60)
        )
    } else {
        let mut named = places[..places.len().min(PLACES_SHOWN)].join(", ");
        if places.len() > PLACES_SHOWN {
            named.push_str(", …");
        }
        format!(
            "{who} still has {} template placeholders: {named}, first at line {first}",
            all.len()
        )
    };
    Some(finding("placeholder-text", &r.path, Some(first), message))
}

/// Every placeholder `--format json` lists for a `placeholder-text` finding.
pub fn details(r: &Record) -> Value {
    find(r)
        .into_iter()
        .map(|p| {
            let place = if p.in_front_matter { "key" } else { "section" };
            json!({ "line": p.line, place: p.place, "text": p.text })
        })
        .collect()
}

/// Every placeholder of a record, in file order: one per front-matter key that holds any (at
/// the key's line), then one per body line.
pub fn find(r: &Record) -> Vec<Placeholder> {
    let mut out = Vec::new();
    if let Some(map) = r.front_matter.as_ref().and_then(Value::as_object) {
        for (key, value) in map {
            if let Some(text) = first_in_value(value) {
                let line = r
                    .key_lines
                    .iter()
                    .find(|(k, _)| k == key)
                    .map_or(1, |(_, l)| *l);
                out.push(Placeholder {
                    line,
                    place: key.clone(),
                    in_front_matter: true,
                    text,
                });
            }
        }
        out.sort_by_key(|p| p.line);
    }
    out.extend(in_body(&r.body, r.body_line));
    out
}

/// The first placeholder string anywhere in a front-matter value.
fn first_in_value(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => braces(s).next().map(|_| s.clone()),
        Value::Array(items) => items.iter().find_map(first_in_value),
        Value::Object(map) => map.values().find_map(first_in_value),
        _ => None,
    }
}

/// The `{...}` placeholders in a piece of prose, by their inner text.
fn braces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let close = after.find(['}', '{', '\n'])?;
            rest = &after[close..];
            let inner = &after[..close];
            if after.as_bytes()[close] == b'}' && is_placeholder(inner) {
                return Some(inner);
            }
        }
        None
    })
}

/// Words a template asks to replace, as the reader defines them, and not code or notation: it
/// starts with a letter, is not one word nor a list of single names (`{MAX, MIN}`), and holds
/// no comment or reference (`/* use y */`, `&self`).
fn is_placeholder(inner: &str) -> bool {
    let t = inner.trim();
    let names_only = t.contains(',') && t.split(',').all(|item| !item.trim().contains(' '));
    has_brace_placeholder(&format!("{{{inner}}}"))
        && t.starts_with(char::is_alphabetic)
        && t.split_whitespace().count() >= 2
        && !names_only
        && !t.contains("/*")
        && !t.contains('&')
}

/// Byte offset to 1-based line, for a text whose lines start at `starts`.
fn line_at(starts: &[usize], offset: usize) -> usize {
    starts.partition_point(|&s| s <= offset)
}

/// Placeholders in a Markdown body whose first line is file line `first_line`.
fn in_body(body: &str, first_line: usize) -> Vec<Placeholder> {
    let has_sentence = || {
        body.lines()
            .any(|l| ADR_TOOLS_PLACEHOLDERS.contains(&l.trim()))
    };
    if !body.contains('{') && !has_sentence() {
        return Vec::new();
    }
    let starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let lines: Vec<&str> = body.lines().collect();
    let line_of = |offset| first_line + line_at(&starts, offset) - 1;
    let mut out: Vec<Placeholder> = Vec::new();
    let mut section = String::from("the body");
    let mut heading: Option<String> = None;
    let mut in_code = false;
    let mut quoted = 0usize;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Start(Tag::BlockQuote(_)) => quoted += 1,
            Event::End(TagEnd::BlockQuote(_)) => quoted = quoted.saturating_sub(1),
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(level)) => {
                let text = heading.take().unwrap_or_default();
                let text = text.trim();
                if level as usize >= 2 && !text.is_empty() && braces(text).next().is_none() {
                    section = text.to_string();
                }
            }
            Event::Text(t) if !in_code && quoted == 0 => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
                let line = line_of(range.start);
                let whole = lines.get(line - first_line).map_or("", |l| l.trim());
                let found = braces(&t).next().map(str::to_string).or_else(|| {
                    ADR_TOOLS_PLACEHOLDERS
                        .contains(&whole)
                        .then(|| whole.to_string())
                });
                if let Some(text) = found
                    && out.last().is_none_or(|p| p.line != line)
                {
                    out.push(Placeholder {
                        line,
                        place: section.clone(),
                        in_front_matter: false,
                        text: braced(&text),
                    });
                }
            }
            Event::Code(c) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&c);
                }
            }
            _ => {}
        }
    }
    out
}

/// A brace placeholder's inner text shown with its braces; a sentence as it is.
fn braced(text: &str) -> String {
    if ADR_TOOLS_PLACEHOLDERS.contains(&text) {
        text.to_string()
    } else {
        format!("{{{text}}}")
    }
}

/// The first `max` characters of `text`, with `…` when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(body: &str) -> Vec<usize> {
        in_body(body, 1).iter().map(|p| p.line).collect()
    }

    #[test]
    fn placeholders_are_words_in_braces_outside_code() {
        assert!(is_placeholder("title of option 1"));
        assert!(is_placeholder("argument a"));
        assert!(is_placeholder("high | medium | low"));
        assert!(is_placeholder(
            "decision driver 1, e.g., a force, facing concern, …"
        ));
        for code in [
            " ... ",
            " ε ",
            " #overload ",
            "MAX, MIN",
            "A/1, B/0, C/0",
            " '+' TYPE ",
            "a: 1, b: 2",
            "fmt",
            " /* use y */",
        ] {
            assert!(!is_placeholder(code), "{code}");
        }
    }

    #[test]
    fn code_blocks_spans_and_comments_hold_no_placeholder() {
        let body = "## Context\n\n{What is the issue here?}\n\n    trait Foo { ... words here }\n\n\
                    ```\nfn x() { some words }\n```\n\nSee `a { b c }\nd`.\n\n\
                    > A trait is local when {definition given above}.\n\n\
                    <!-- {a comment here} -->\n\n## Decision\n\n* Good, because {argument a}\n";
        let found = in_body(body, 10);
        assert_eq!(
            found
                .iter()
                .map(|p| (p.line, p.place.as_str()))
                .collect::<Vec<_>>(),
            [(12, "Context"), (29, "Decision")]
        );
        assert_eq!(found[0].text, "{What is the issue here?}");
    }

    #[test]
    fn a_placeholder_heading_is_counted_but_names_no_section() {
        let body = "## Pros and Cons\n\n### {title of option 1}\n\n{example | description}\n";
        let found = in_body(body, 1);
        assert_eq!(lines(body), [3, 5]);
        assert!(
            found.iter().all(|p| p.place == "Pros and Cons"),
            "{found:?}"
        );
    }

    #[test]
    fn adr_tools_guidance_sentences_are_placeholders() {
        let body = "## Context\n\nContext here...\n\n## Decision\n\nWe decided.\n";
        assert_eq!(lines(body), [3]);
    }
}
