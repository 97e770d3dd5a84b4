//! Plain-text references to records of other projects (`payments#12`, `payments#0012`) in
//! record bodies, turned into links before the body is rendered.

use pulldown_cmark::{CowStr, Event, LinkType, Tag, TagEnd};

/// Whether `project#N` names a record the site can link to.
pub type RefTest<'a> = dyn Fn(&str) -> bool + Send + Sync + 'a;

/// Turns every plain-text `name#digits` for which `is_ref` holds into a link whose target is
/// the reference as written, so it resolves like a written `[x](name#12)` link. Text inside
/// links, images and code stays as it is; references that name no record stay plain text.
pub fn link<'e>(events: Vec<Event<'e>>, is_ref: &RefTest<'_>) -> Vec<Event<'e>> {
    let mut out = Vec::with_capacity(events.len());
    // Depth of links, images and code blocks: a link inside them would be nested or shown.
    let mut inside = 0usize;
    for ev in events {
        match &ev {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::CodeBlock(_)) => inside += 1,
            Event::End(TagEnd::Link | TagEnd::Image | TagEnd::CodeBlock) => {
                inside = inside.saturating_sub(1);
            }
            // `<a href=..>` written as inline HTML: its text is already a link.
            Event::InlineHtml(h) if h.len() > 2 && h[1..].to_lowercase().starts_with("a ") => {
                inside += 1;
            }
            Event::InlineHtml(h) if h.to_lowercase().starts_with("</a") => {
                inside = inside.saturating_sub(1);
            }
            Event::Text(t) if inside == 0 && t.contains('#') => {
                split(t, is_ref, &mut out);
                continue;
            }
            _ => {}
        }
        out.push(ev);
    }
    out
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.')
}

/// Pushes `text` as text and links, one link per reference `is_ref` accepts.
fn split<'e>(text: &str, is_ref: &RefTest<'_>, out: &mut Vec<Event<'e>>) {
    let mut done = 0;
    for (hash, _) in text.match_indices('#') {
        if hash < done {
            continue;
        }
        let before = &text[done..hash];
        let name_len: usize = before
            .chars()
            .rev()
            .take_while(|&c| is_name_char(c))
            .map(char::len_utf8)
            .sum();
        let name = before[before.len() - name_len..].trim_start_matches(['-', '_', '.']);
        let after = &text[hash + 1..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let ends_word = !after[digits..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if name.is_empty() || digits == 0 || !ends_word {
            continue;
        }
        let start = hash - name.len();
        let end = hash + 1 + digits;
        let reference = &text[start..end];
        if !is_ref(reference) {
            continue;
        }
        if start > done {
            out.push(Event::Text(CowStr::from(text[done..start].to_string())));
        }
        out.push(Event::Start(Tag::Link {
            link_type: LinkType::Inline,
            dest_url: CowStr::from(reference.to_string()),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        out.push(Event::Text(CowStr::from(reference.to_string())));
        out.push(Event::End(TagEnd::Link));
        done = end;
    }
    if done < text.len() {
        out.push(Event::Text(CowStr::from(text[done..].to_string())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn linked(md: &str) -> String {
        let events = link(Parser::new(md).collect(), &|r| {
            ["pb#1", "pb#0012", "Other-Team#7"].contains(&r)
        });
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        html
    }

    #[test]
    fn references_to_known_records_become_links() {
        let h = linked("See pb#1, (pb#0012) and Other-Team#7.\n");
        assert!(h.contains("See <a href=\"pb#1\">pb#1</a>, "), "{h}");
        assert!(h.contains("(<a href=\"pb#0012\">pb#0012</a>)"), "{h}");
        assert!(
            h.contains("<a href=\"Other-Team#7\">Other-Team#7</a>."),
            "{h}"
        );
    }

    #[test]
    fn other_text_code_and_links_stay_as_written() {
        let h = linked(
            "pb#2 pb#1x xpb#1 issue #1 #1\n\n`pb#1` [pb#1](https://e.com)\n\n```\npb#1\n```\n",
        );
        assert!(!h.contains("<a href=\"pb#"), "{h}");
        assert!(h.contains("pb#2 pb#1x xpb#1 issue #1 #1"), "{h}");
    }
}
