//! Invalid front matter explained in plain words, at the line a person must fix.
//!
//! The YAML reader reports where it gave up, which is often a line after the mistake: an
//! unclosed `[a, b` on line 4 is "illegal placement of ':' indicator" on line 5, where the next
//! key was swallowed into the list. A short scan of the YAML for brackets and quotes left open
//! finds the line that opened them; other errors are put in words at the reader's line.

use crate::parse;

/// The file line to fix and a message saying what is wrong there, for a file whose front
/// matter is not valid YAML; `None` when it has no front matter or the front matter is valid.
pub fn explain(text: &str) -> Option<(usize, String)> {
    let span = parse::split_front_matter(text).ok()??;
    let yaml = &text[span.yaml_start..span.yaml_end];
    let err = parse::yaml::parse_full(yaml).err()?;
    let lines: Vec<&str> = yaml.lines().collect();
    // What was left open before the reader gave up is what made it give up.
    let (line, what) = match unclosed(&lines).filter(|(l, _)| *l <= err.line) {
        Some(open) => open,
        None => (
            err.line,
            in_words(&err.message, lines.get(err.line - 1).copied()),
        ),
    };
    Some((
        span.yaml_first_line + line - 1,
        format!("front matter is not valid YAML: {what}"),
    ))
}

/// What opened a bracket or a quote that nothing closes, and on which line (1-based).
#[derive(Debug, Clone, Copy)]
struct Open {
    c: char,
    line: usize,
}

/// The first bracket or quote the YAML opens and never closes, as `(line, message)`.
fn unclosed(lines: &[&str]) -> Option<(usize, String)> {
    let mut stack: Vec<Open> = Vec::new();
    let mut quote: Option<Open> = None;
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        let chars: Vec<char> = line.chars().collect();
        let mut j = 0;
        while j < chars.len() {
            let c = chars[j];
            match quote {
                Some(q) if c == q.c => {
                    // `''` inside single quotes and `\"` inside double quotes are not the end.
                    if q.c == '\'' && chars.get(j + 1) == Some(&'\'') {
                        j += 1;
                    } else {
                        quote = None;
                    }
                }
                Some(q) if q.c == '"' && c == '\\' => j += 1,
                Some(_) => {}
                None => match c {
                    '#' if j == 0 || chars[j - 1].is_whitespace() => break,
                    '"' | '\'' if starts_value(&chars[..j]) => quote = Some(Open { c, line: n }),
                    '[' | '{' if starts_value(&chars[..j]) || !stack.is_empty() => {
                        stack.push(Open { c, line: n })
                    }
                    ']' | '}' if !stack.is_empty() => {
                        stack.pop();
                    }
                    _ => {}
                },
            }
            j += 1;
        }
    }
    if let Some(q) = quote {
        let key = key_of(lines[q.line - 1]);
        return Some((
            q.line,
            format!(
                "{key}the value opened with `{}` here is never closed (end it with `{}`)",
                q.c, q.c
            ),
        ));
    }
    let open = *stack.first()?;
    let (what, close) = if open.c == '[' {
        ("list", ']')
    } else {
        ("map", '}')
    };
    let key = key_of(lines[open.line - 1]);
    Some((
        open.line,
        format!(
            "{key}the {what} opened with `{}` here is never closed (end it with `{close}`)",
            open.c
        ),
    ))
}

/// Whether a quote or bracket after `before` starts a value: at the start of a line, after
/// `key: `, `- `, or inside a flow list or map after `[`, `{` or `,`.
fn starts_value(before: &[char]) -> bool {
    match before.iter().rev().find(|c| !c.is_whitespace()) {
        None => true,
        Some(':' | '-' | '[' | '{' | ',' | '?') => true,
        Some(_) => false,
    }
}

/// `constraints: [a, b` gives "`constraints`: ".
fn key_of(line: &str) -> String {
    let t = line.trim_start().trim_start_matches("- ");
    match t.split_once(':') {
        Some((k, _)) if !k.is_empty() && !k.contains([' ', '"', '\'', '[', '{']) => {
            format!("`{k}`: ")
        }
        _ => String::new(),
    }
}

/// The YAML reader's complaint about `line`, said as what to do.
fn in_words(message: &str, line: Option<&str>) -> String {
    let line = line.unwrap_or("");
    let closes_nothing = line.matches(['[', '{']).count() < line.matches([']', '}']).count();
    if message.contains("tab") {
        "a tab indents this line; YAML indents with spaces only".into()
    } else if message.contains("trailing content after") {
        "text follows the closing quote of this value (inside '…' write a `'` as `''`, or quote \
         the whole value with \"…\")"
            .into()
    } else if closes_nothing {
        "this line closes a `]` or `}` that nothing opened".into()
    } else if message.contains("mapping values are not allowed") {
        "this line has a `key: value` where none can start: fix its indentation to line up \
         with the keys above, or quote a value that holds `: `"
            .into()
    } else if message.contains("did not find expected key") {
        if line.trim_start().starts_with("- ") {
            "this list item does not line up with the list above it, or has no key to belong to \
             (check its indentation)"
                .into()
        } else {
            "this line does not line up with the keys above it (check its indentation)".into()
        }
    } else if message.contains("cannot start any token") || message.contains("unexpected character")
    {
        "a value here starts with a character YAML reserves (`@`, `` ` ``, `%`): quote the value"
            .into()
    } else {
        format!("the YAML reader stopped at this line ({message})")
    }
}

#[cfg(test)]
mod tests {
    use super::explain;

    fn at(text: &str) -> (usize, String) {
        explain(text).unwrap()
    }

    #[test]
    fn an_unclosed_list_is_reported_where_it_opens() {
        let (line, msg) = at(
            "---\nstatus: accepted\ndate: 2024-01-01\nconstraints: [a, b\n\
                              quality_attributes: []\n---\n# A\n",
        );
        assert_eq!(line, 4);
        assert_eq!(
            msg,
            "front matter is not valid YAML: `constraints`: the list opened with `[` here is \
             never closed (end it with `]`)"
        );
    }

    #[test]
    fn a_list_over_several_lines_is_not_unclosed() {
        assert_eq!(explain("---\nconstraints: [a,\n  b]\n---\n"), None);
        let (line, msg) = at("---\ntags: [a,\n  b]\n  x: y\n---\n");
        assert_eq!(line, 4, "{msg}");
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let (line, msg) = at("---\nstatus: accepted\ntitle: \"Unclosed\nconstraints: [x]\n---\n");
        assert_eq!(line, 3);
        assert!(msg.contains("`title`: the value opened with `\"`"), "{msg}");
        // An apostrophe inside a plain value opens nothing.
        assert_eq!(explain("---\ntitle: it's fine\n---\n"), None);
    }

    #[test]
    fn other_mistakes_are_said_in_words_at_their_line() {
        let (line, msg) = at("---\nstatus: accepted\n  constraints: [x]\n---\n");
        assert_eq!(line, 3);
        assert!(msg.contains("fix its indentation"), "{msg}");
        let (line, msg) = at("---\nstatus: accepted\nconstraints: [x]]\n---\n");
        assert_eq!(line, 3);
        assert!(
            msg.contains("closes a `]` or `}` that nothing opened"),
            "{msg}"
        );
        let (_, msg) = at("---\nstatus: accepted\ntitle: 'it's'\n---\n");
        assert!(msg.contains("text follows the closing quote"), "{msg}");
        let (_, msg) = at("---\nstatus: accepted\nconstraints:\n  - a\n - b\n---\n");
        assert!(msg.contains("does not line up"), "{msg}");
        assert_eq!(explain("# no front matter\n"), None);
    }
}
