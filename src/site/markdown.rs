//! Record Markdown to safe HTML. Bodies are untrusted: pulldown-cmark renders them, then ammonia
//! removes anything that could run script (`<script>`, `on*=`, `javascript:` URLs, `<iframe>`,
//! `<svg>`, `<style>`, forms). Relative URLs, in Markdown links and in raw HTML alike, go through
//! one resolver so links between records point at their pages and nothing else relative survives.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use std::borrow::Cow;

/// A rendered body: sanitised HTML and its section headings for a table of contents.
#[derive(Debug, Default)]
pub struct Rendered {
    pub html: String,
    pub headings: Vec<Heading>,
}

/// A section heading of a rendered body: its level (2 for `##`), its `id` and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// Maps a relative URL as written in a record to the URL to publish, or `None` to drop it.
pub type Resolver<'a> = dyn Fn(&str) -> Option<String> + Send + Sync + 'a;

pub(super) const OPTIONS: Options = Options::ENABLE_TABLES
    // GitHub's and GitLab's alerts (`> [!NOTE]`) become callouts.
    .union(Options::ENABLE_GFM)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS);

/// What a body's relative URLs and plain-text references become on the page it is shown on.
pub struct Resolve<'a> {
    /// Relative URLs, but for images'.
    pub link: &'a Resolver<'a>,
    /// Relative image sources (`![x](img/a.png)`, `<img src>`).
    pub image: &'a Resolver<'a>,
    /// Whether plain text such as `project#12` names a record; such text becomes a link to
    /// the reference as written, which then goes through `link`.
    pub reference: &'a super::refs::RefTest<'a>,
}

/// Renders `body`, dropping a leading `# Title` (the page shows the title itself).
pub fn render(body: &str, resolve: &Resolver<'_>) -> Rendered {
    render_with(
        body,
        &Resolve {
            link: resolve,
            image: resolve,
            reference: &|_| false,
        },
    )
}

/// [`render`] with plain-text references linked too.
pub fn render_with(body: &str, resolve: &Resolve<'_>) -> Rendered {
    let sanitiser = Sanitiser::new(Box::new(resolve.link), Box::new(resolve.image));
    render_clean(body, resolve.reference, &sanitiser)
}

/// [`render_with`] cleaning with `sanitiser`, whose resolvers say what relative URLs become.
pub fn render_clean(
    body: &str,
    reference: &super::refs::RefTest<'_>,
    sanitiser: &Sanitiser<'_>,
) -> Rendered {
    if super::bound::too_much_markup(body) {
        return as_text(body);
    }
    let mut raw = String::with_capacity(body.len() * 3 / 2);
    let mut skipping_title = false;
    let mut dropped_title = false;
    let mut seen_block = false;
    let (mut events, mut headings) =
        with_heading_ids(super::bound::events(Parser::new_ext(body, OPTIONS)));
    if body.contains('#') {
        events = super::refs::link(events, reference);
    }
    let events = events.into_iter().filter_map(|ev| {
        match &ev {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if !seen_block => {
                skipping_title = true;
                dropped_title = true;
                seen_block = true;
                return None;
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if skipping_title => {
                skipping_title = false;
                return None;
            }
            Event::Start(_) => seen_block = true,
            _ => {}
        }
        (!skipping_title).then_some(ev)
    });
    html::push_html(&mut raw, events);
    // The dropped title is no section.
    if dropped_title && !headings.is_empty() {
        headings.remove(0);
    }
    let raw = super::bound::html(&raw);
    Rendered {
        html: prune_dead_fragments(sanitiser.clean(&raw)),
        headings,
    }
}

/// `body` shown as the text it is, in one preformatted block: for a body with more markup
/// than a page may cost to parse ([`super::bound::MAX_MARKUP`]).
fn as_text(body: &str) -> Rendered {
    let mut html = String::with_capacity(body.len() + body.len() / 8);
    let block = [
        Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Indented)),
        Event::Text(body.into()),
        Event::End(TagEnd::CodeBlock),
    ];
    html::push_html(&mut html, block.into_iter());
    Rendered {
        html,
        headings: Vec::new(),
    }
}

/// Gives each heading an `id` from its text (`## Decision` -> `decision`) so `#decision`
/// links written in records keep working; repeated headings get `-2`, `-3`. Returns the
/// headings too, with the ids given.
fn with_heading_ids(mut events: Vec<Event<'_>>) -> (Vec<Event<'_>>, Vec<Heading>) {
    let mut used = std::collections::HashSet::new();
    let mut headings = Vec::new();
    // The next suffix to try for each slug: ten thousand `## Notes` headings cost ten thousand
    // tries, not fifty million.
    let mut next: std::collections::HashMap<String, usize> = Default::default();
    for i in 0..events.len() {
        let Event::Start(Tag::Heading {
            id: None, level, ..
        }) = &events[i]
        else {
            continue;
        };
        let level = *level as u8;
        let mut text = String::new();
        for ev in &events[i + 1..] {
            match ev {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
        }
        let base = heading_slug(&text);
        let mut id = base.clone();
        let n = next.entry(base.clone()).or_insert(2);
        while !used.insert(id.clone()) {
            id = format!("{base}-{n}");
            *n += 1;
        }
        headings.push(Heading {
            level,
            // As the page carries it (the sanitiser prefixes every id of a body).
            id: fragment(&id),
            text: text.trim().to_string(),
        });
        if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i] {
            *slot = Some(id.into());
        }
    }
    (events, headings)
}

/// GitHub's heading anchors: lower case, spaces to `-`, punctuation dropped.
fn heading_slug(text: &str) -> String {
    let s: String = text
        .trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => {
                Some(c.to_lowercase().next().unwrap_or(c))
            }
            _ => None,
        })
        .collect();
    if s.is_empty() { "section".into() } else { s }
}

/// The attribute values of `attr` inside real tags (text is escaped, so a tag starts at `<`).
fn tag_attrs<'h>(html: &'h str, attr: &str) -> Vec<&'h str> {
    let pat = format!(" {attr}=\"");
    let mut out = Vec::new();
    for seg in html.split('<').skip(1) {
        let tag = seg.split('>').next().unwrap_or("");
        let mut rest = tag;
        while let Some(i) = rest.find(&pat) {
            rest = &rest[i + pat.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

/// Removes `href="#x"` where the page has no `id` or `name` `x`, so records that link to
/// anchors their own renderer made (or that never existed) do not leave broken links. One pass
/// over the page, whatever the number of dead links.
fn prune_dead_fragments(html: String) -> String {
    // Most bodies have no fragment links at all: then there is nothing to look up.
    const HREF: &str = " href=\"#";
    if !html.contains(HREF) {
        return html;
    }
    let anchors: std::collections::HashSet<String> = tag_attrs(&html, "id")
        .into_iter()
        .chain(tag_attrs(&html, "name"))
        .map(|a| a.replace("&amp;", "&"))
        .collect();
    let dead = |f: &str| !anchors.contains(&super::links::percent_decode(&f.replace("&amp;", "&")));
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find(HREF) {
        let value = &rest[at + HREF.len()..];
        let end = value.find('"').unwrap_or(value.len());
        let after = (end + 1).min(value.len()); // past the closing quote
        out.push_str(&rest[..at]);
        if !dead(&value[..end]) {
            out.push_str(&rest[at..at + HREF.len() + after]);
        }
        rest = &value[after..];
    }
    out.push_str(rest);
    out
}

/// Marks the relative `src` of an `<img>` so the URL evaluator, which is not told which
/// attribute a URL comes from, resolves it as an image. A NUL cannot come from the HTML being
/// cleaned: the HTML parser turns every NUL in an attribute into U+FFFD.
const IMAGE_MARK: char = '\0';

/// What the body's own `id` and `name` attributes start with on a page, so that none can
/// take the name of an element or global the site's layout and scripts use (`<a id="filters">`
/// would be `document.getElementById("filters")` and `window.filters`). Links to a fragment
/// get the same prefix ([`fragment`]), so in-page anchors keep working.
pub const ID_PREFIX: &str = "user-content-";

/// A fragment written in a record (`decision` of `#decision`) as the body's anchor on its page.
pub fn fragment(frag: &str) -> String {
    if frag.is_empty() || frag.starts_with(ID_PREFIX) {
        frag.to_string()
    } else {
        format!("{ID_PREFIX}{frag}")
    }
}

fn filter_attributes<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match attribute {
        "src" if element == "img" && super::urls::scheme(value).is_none() => {
            Some(Cow::Owned(format!("{IMAGE_MARK}{value}")))
        }
        "id" | "name" => Some(Cow::Owned(fragment(value))),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// ammonia with the site's allow-list, built once and used for many bodies (building it for
/// each body was 2% of a site's build). Image sources are resolved by `image` and every other
/// relative URL by `link`: an image may be a file published beside the page, which no link may
/// lead to (an SVG opened as a page, not as an image, runs its scripts).
pub struct Sanitiser<'a> {
    builder: ammonia::Builder<'a>,
}

impl<'a> Sanitiser<'a> {
    pub fn new(link: Box<Resolver<'a>>, image: Box<Resolver<'a>>) -> Sanitiser<'a> {
        let mut builder = ammonia::Builder::default();
        builder
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .attribute_filter(filter_attributes)
            .url_relative(ammonia::UrlRelative::Custom(Box::new(Evaluator {
                link,
                image,
            })))
            .add_tag_attributes("a", ["id", "name"].iter())
            .add_tag_attributes("div", ["id"].iter())
            .add_tag_attributes("span", ["id"].iter())
            .add_tag_attributes("li", ["id"].iter())
            .add_tag_attributes("h1", ["id"].iter())
            .add_tag_attributes("h2", ["id"].iter())
            .add_tag_attributes("h3", ["id"].iter())
            .add_tag_attributes("h4", ["id"].iter())
            .add_tag_attributes("h5", ["id"].iter())
            .add_tag_attributes("h6", ["id"].iter())
            .add_allowed_classes("code", ["language-mermaid"].iter())
            .add_allowed_classes("pre", ["mermaid"].iter())
            .add_allowed_classes(
                "blockquote",
                [
                    "markdown-alert-note",
                    "markdown-alert-tip",
                    "markdown-alert-important",
                    "markdown-alert-warning",
                    "markdown-alert-caution",
                ]
                .iter(),
            )
            .link_rel(Some("noopener noreferrer"));
        Sanitiser { builder }
    }

    /// `raw` with everything that could run script removed and relative URLs resolved.
    pub fn clean(&self, raw: &str) -> String {
        let html = self.builder.clean(raw).to_string();
        // Every marked URL went through the evaluator; this only guards against one that did not.
        if html.contains(IMAGE_MARK) {
            html.replace(IMAGE_MARK, "")
        } else {
            html
        }
    }
}

struct Evaluator<'a> {
    link: Box<Resolver<'a>>,
    image: Box<Resolver<'a>>,
}

impl<'a> ammonia::UrlRelativeEvaluate<'a> for Evaluator<'a> {
    /// Every URL a resolver builds passes the site's allow-list again: one made from a
    /// `file-url` or a bundle's paths is not one ammonia checked.
    fn evaluate<'u>(&self, url: &'u str) -> Option<Cow<'u, str>> {
        let built = if let Some(src) = url.strip_prefix(IMAGE_MARK) {
            (self.image)(src)?
        } else if let Some(frag) = url.strip_prefix('#') {
            format!("#{}", fragment(frag))
        } else {
            (self.link)(url)?
        };
        super::urls::allowed(&built).then_some(Cow::Owned(built))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(md: &str) -> String {
        render(md, &|_| None).html
    }

    #[test]
    fn script_event_handlers_and_javascript_urls_are_removed() {
        let h = clean(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n\
             [x](javascript:alert(3)) <a href=\"JaVaScRiPt:alert(4)\">y</a>\n\n\
             <iframe src=\"https://e.com\"></iframe><svg><script>alert(5)</script></svg>\n\n\
             <a href=\"data:text/html,<script>alert(6)</script>\">z</a>",
        );
        for bad in [
            "<script",
            "onerror",
            "javascript:",
            "<iframe",
            "<svg",
            "data:",
            "alert(",
        ] {
            assert!(!h.to_lowercase().contains(bad), "{bad} survived in {h}");
        }
    }

    #[test]
    fn leading_title_is_dropped() {
        let r = render("# 1. Use X\n\nWe use *X*.\n", &|_| None);
        assert!(!r.html.contains("<h1"));
        assert!(r.html.contains("We use <em>X</em>"), "{}", r.html);
    }

    #[test]
    fn relative_links_go_through_the_resolver() {
        let h = render(
            "## Sec\n\n[b](0002-b.md) [c](../c.png) [d](#sec) [e](#gone)",
            &|u| (u == "0002-b.md").then(|| "b.html".to_string()),
        )
        .html;
        assert!(h.contains("href=\"b.html\""), "{h}");
        assert!(!h.contains("c.png"), "{h}");
        assert!(h.contains("href=\"#user-content-sec\""), "{h}");
        assert!(h.contains("id=\"user-content-sec\""), "{h}");
    }

    #[test]
    fn image_sources_and_links_resolve_apart() {
        let link = |u: &str| Some(format!("l/{u}"));
        let image = |u: &str| (u == "img/a.svg").then(|| "../../r/p/files/img/a.svg".to_string());
        let h = render_with(
            "![a](img/a.svg) [a](img/a.svg) <img src=\"img/a.svg\"> ![b](b.png) \
             ![c](https://e.com/c.png) <img src=\"&#0;img/a.svg\">",
            &Resolve {
                link: &link,
                image: &image,
                reference: &|_| false,
            },
        )
        .html;
        assert_eq!(
            h.matches("src=\"../../r/p/files/img/a.svg\"").count(),
            2,
            "{h}"
        );
        assert!(h.contains("href=\"l/img/a.svg\""), "{h}");
        assert!(
            h.contains("<img alt=\"b\">"),
            "an unknown image loses its source: {h}"
        );
        assert!(h.contains("src=\"https://e.com/c.png\""), "{h}");
        assert!(!h.contains('\0'), "{h:?}");
    }

    #[test]
    fn alerts_are_callouts_and_headings_are_listed() {
        let r = render(
            "# T\n\n## Context\n\n> [!WARNING]\n> Costly.\n\n### Sub `x`\n",
            &|_| None,
        );
        assert!(
            r.html
                .contains("<blockquote class=\"markdown-alert-warning\">"),
            "{}",
            r.html
        );
        assert!(!r.html.contains("[!WARNING]"), "{}", r.html);
        let ids: Vec<(u8, &str, &str)> = (r.headings.iter())
            .map(|h| (h.level, h.id.as_str(), h.text.as_str()))
            .collect();
        assert_eq!(
            ids,
            [
                (2, "user-content-context", "Context"),
                (3, "user-content-sub-x", "Sub x")
            ]
        );
    }

    #[test]
    fn mermaid_blocks_stay_code() {
        let h = clean("```mermaid\ngraph TD; A-->B\n```\n");
        assert!(
            h.contains("<pre><code class=\"language-mermaid\">graph TD; A--&gt;B"),
            "{h}"
        );
    }
}
