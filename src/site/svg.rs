//! Whether an SVG a record shows may be published. A page shows it only through `<img>`, where
//! no script runs; but anyone can open its address, and then the browser reads it as an XML
//! document of its own, scripts and all. So the file is parsed as XML (roxmltree, doc/adr 0024)
//! and refused when anything in it could run script or load a document: a DTD internal subset
//! (entities, default attributes such as an `onload` added by `<!ATTLIST>`), a processing
//! instruction (`<?xml-stylesheet?>` can apply XSLT), an element with a script or embedding role
//! whatever its namespace prefix, any element of the XHTML or MathML namespaces, an `on*`
//! attribute, an `href` that is not a fragment of the file itself or a raster `data:` image, and
//! an animation that sets an `href` or a handler, and a file whose root is not an `<svg>` in
//! the SVG namespace. What a parser does not understand is refused.

use roxmltree::{Document, Node, ParsingOptions};

const SVG: &str = "http://www.w3.org/2000/svg";
const XHTML: &str = "http://www.w3.org/1999/xhtml";
const MATHML: &str = "http://www.w3.org/1998/Math/MathML";

/// Elements refused in any namespace: they run script, embed another document or send one.
const ACTIVE: &[&str] = &[
    "script",
    "foreignobject",
    "handler",
    "listener",
    "iframe",
    "frame",
    "frameset",
    "embed",
    "object",
    "applet",
    "portal",
    "meta",
    "link",
    "base",
    "form",
];

/// Animation elements: each can set an attribute of another element while the image plays.
const ANIMATIONS: &[&str] = &[
    "set",
    "animate",
    "animatecolor",
    "animatemotion",
    "animatetransform",
];

/// Why an SVG is not published, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// 1-based line of the part refused.
    pub line: u32,
    pub reason: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// `Ok` when the SVG holds nothing that could run script when opened on its own.
pub fn check(bytes: &[u8]) -> Result<(), Refusal> {
    let at = |line: u32, reason: String| Err(Refusal { line, reason });
    let Ok(text) = std::str::from_utf8(bytes) else {
        return at(1, "not UTF-8".into());
    };
    let text = without_plain_doctype(text)?;
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let doc = match Document::parse_with_options(&text, options) {
        Ok(doc) => doc,
        Err(e) => return at(e.pos().row, format!("not well-formed XML: {e}")),
    };
    // Anything else is no image (`<img>` shows nothing) but an XML document of its own, which
    // a browser opens with its own viewer.
    let root = doc.root_element();
    if root.tag_name().name() != "svg" || root.tag_name().namespace() != Some(SVG) {
        return at(
            doc.text_pos_at(root.range().start).row,
            format!(
                "the root element <{}> is not an <svg> in the SVG namespace ({SVG})",
                root.tag_name().name()
            ),
        );
    }
    for node in doc.descendants() {
        if let Some(reason) = refused(node) {
            return at(doc.text_pos_at(node.range().start).row, reason);
        }
    }
    Ok(())
}

/// The text with a DOCTYPE that only names a DTD (`<!DOCTYPE svg PUBLIC "..." "...">`, as
/// Graphviz and many editors write) blanked out: browsers never load an external DTD. A
/// DOCTYPE with an internal subset (`[...]`) is refused: its declarations can add attributes.
fn without_plain_doctype(text: &str) -> Result<std::borrow::Cow<'_, str>, Refusal> {
    let Some(start) = text.find("<!DOCTYPE") else {
        return Ok(text.into());
    };
    let line = 1 + text[..start].matches('\n').count() as u32;
    let mut quote = None;
    for (i, c) in text[start..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[') => {
                return Err(Refusal {
                    line,
                    reason: "a DOCTYPE with declarations (entities or attribute defaults)".into(),
                });
            }
            (None, '>') => {
                let end = start + i + 1;
                // Blanked, not removed: line numbers stay those of the file.
                let blank: String = text[start..end]
                    .chars()
                    .map(|c| if c == '\n' { '\n' } else { ' ' })
                    .collect();
                return Ok(format!("{}{blank}{}", &text[..start], &text[end..]).into());
            }
            _ => {}
        }
    }
    Ok(text.into()) // never closed: the parser says so
}

/// Why `node` is refused, if it is.
fn refused(node: Node<'_, '_>) -> Option<String> {
    if let Some(pi) = node.pi() {
        return Some(format!("a processing instruction `<?{}`", pi.target));
    }
    if !node.is_element() {
        return None;
    }
    let tag = node.tag_name();
    let local = tag.name().to_ascii_lowercase();
    match tag.namespace() {
        Some(XHTML) => return Some(format!("an XHTML element <{}>", tag.name())),
        Some(MATHML) => return Some(format!("a MathML element <{}>", tag.name())),
        _ => {}
    }
    if ACTIVE.contains(&local.as_str()) {
        return Some(format!("a <{}> element", tag.name()));
    }
    for a in node.attributes() {
        let name = a.name().to_ascii_lowercase();
        if name.starts_with("on") {
            return Some(format!("an event handler attribute `{}`", a.name()));
        }
        if name == "href" && !safe_href(a.value()) {
            return Some(format!("a link to `{}`", short(a.value())));
        }
        if name == "base" && a.namespace() == Some("http://www.w3.org/XML/1998/namespace") {
            return Some("an `xml:base` attribute".into());
        }
    }
    if ANIMATIONS.contains(&local.as_str()) {
        let target = node.attribute("attributeName").unwrap_or("");
        let target = target.rsplit(':').next().unwrap_or("").trim();
        let target = target.to_ascii_lowercase();
        if target == "href" || target.starts_with("on") {
            return Some(format!("a <{}> that sets `{target}`", tag.name()));
        }
    }
    None
}

/// A fragment of this file (`#clip`) or a raster image in a `data:` URL, read as a browser
/// reads a URL: surrounding spaces and controls dropped, tabs and newlines inside ignored.
fn safe_href(value: &str) -> bool {
    let url: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    url.starts_with('#')
        || ["png", "jpeg", "jpg", "gif", "webp"].iter().any(|t| {
            url.strip_prefix("data:image/")
                .and_then(|r| r.strip_prefix(t))
                .is_some_and(|r| r.starts_with([';', ',']))
        })
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    out.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(svg: &str) -> String {
        check(svg.as_bytes()).map_or_else(|r| r.reason, |()| "accepted".into())
    }

    #[test]
    fn drawings_are_accepted() {
        for ok in [
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>on load, based on data</text></svg>",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \
             \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
             xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs><g id=\"a\"/></defs><use xlink:href=\"#a\"/>\
             <image href=\"data:image/png;base64,iVBORw0KGgo=\"/><animate attributeName=\"opacity\"/></svg>",
            "\u{feff}<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:inkscape=\"x\"><inkscape:grid/></svg>",
        ] {
            assert_eq!(reason(ok), "accepted", "{ok}");
        }
    }

    /// Found by the fuzzer: without the SVG namespace the file is no image, and a browser
    /// opening it runs its XML viewer.
    #[test]
    fn only_an_svg_root_in_the_svg_namespace_is_an_image() {
        for bad in [
            "<svg Bxmlns=\"http://www.w3.org/2000/svg\"><text>x</text></svg>",
            "<svg><text>x</text></svg>",
            "<html xmlns=\"http://www.w3.org/2000/svg\"/>",
            "<s:svg xmlns:s=\"http://www.w3.org/1999/xhtml\"/>",
        ] {
            assert!(
                reason(bad).starts_with("the root element <"),
                "{bad}: {}",
                reason(bad)
            );
        }
        assert_eq!(
            reason("<s:svg xmlns:s=\"http://www.w3.org/2000/svg\"/>"),
            "accepted"
        );
    }

    #[test]
    fn script_in_any_namespace_or_disguise_is_refused() {
        let svg = "xmlns=\"http://www.w3.org/2000/svg\"";
        for (bad, why) in [
            (
                format!("<svg {svg}><script>alert(1)</script></svg>"),
                "a <script> element",
            ),
            (
                format!("<svg {svg} xmlns:h=\"{XHTML}\"><h:script>alert(1)</h:script></svg>"),
                "an XHTML element <script>",
            ),
            (
                format!(
                    "<svg {svg} xmlns:s=\"http://www.w3.org/2000/svg\"><s:script>x</s:script></svg>"
                ),
                "a <script> element",
            ),
            (
                format!("<!DOCTYPE svg [<!ATTLIST svg onload CDATA \"alert(1)\">]><svg {svg}/>"),
                "a DOCTYPE with declarations (entities or attribute defaults)",
            ),
            (
                format!("<svg {svg} ONLOAD='x'/>"),
                "an event handler attribute `ONLOAD`",
            ),
            (
                format!("<svg {svg}><a href=\"jav&#x61;script:alert(1)\">x</a></svg>"),
                "a link to `javascript:alert(1)`",
            ),
            (
                format!(
                    "<svg {svg} xmlns:x=\"http://www.w3.org/1999/xlink\"><a x:href=\" java\tscript:x\">x</a></svg>"
                ),
                "a link to ` java script:x`",
            ),
            (
                format!(
                    "<svg {svg}><a><set attributeName=\"xlink:href\" to=\"javascript:x\"/></a></svg>"
                ),
                "a <set> that sets `href`",
            ),
            (
                format!("<svg {svg}><foreignObject><div/></foreignObject></svg>"),
                "a <foreignObject> element",
            ),
            (
                format!("<?xml-stylesheet href=\"x.xsl\" type=\"text/xsl\"?><svg {svg}/>"),
                "a processing instruction `<?xml-stylesheet`",
            ),
            (
                format!("<svg {svg}><image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/></svg>"),
                "a link to `data:image/svg+xml;base64,PHN2Zz4=`",
            ),
        ] {
            assert_eq!(reason(&bad), why, "{bad}");
        }
        assert!(reason("<svg><script>").starts_with("not well-formed XML"));
        assert_eq!(check(b"\n\n<svg onload='x'/>").unwrap_err().line, 3);
    }
}
