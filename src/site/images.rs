//! Images a record shows from its own source folder (`![x](img/a.png)`, `<img src>`), copied
//! into the site under the project's folder (`r/<project>/files/<path in the source>`) so the
//! page's `<img>` finds them. Only what a page may show is published: a file inside the source
//! once symbolic links are resolved, a regular file, PNG, JPEG, GIF, SVG or WebP by its name, at
//! most [`MAX_IMAGE_BYTES`]. An SVG is only ever shown through `<img>` (where it cannot run
//! script), never inlined or linked to, and one that could run script is not published at all
//! ([`super::svg`]), in case someone opens its address directly. Anything else stays dropped
//! from the page.

use super::links::{Site, percent_decode, within};
use super::markdown::OPTIONS;
use super::output::Writer;
use crate::error::Error;
use pulldown_cmark::{Event, Parser, Tag};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest image a site publishes.
pub const MAX_IMAGE_BYTES: u64 = 20 * 1024 * 1024;

const EXTENSIONS: [&str; 6] = ["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// One published image.
#[derive(Debug, Clone)]
pub struct Image {
    /// The file in the source, symbolic links resolved.
    pub file: PathBuf,
    /// Its path in the site.
    pub out: String,
    /// Its size and modification time: a rebuild copies it again only when they change.
    pub key: String,
}

/// The images each record shows, by their path inside the record's source.
#[derive(Debug, Default)]
pub struct Images {
    of_entry: Vec<BTreeMap<String, Image>>,
    /// SVGs not published for what they hold: `project: path:line: why`, sorted, once each.
    pub refused: Vec<String>,
}

impl Images {
    /// The image record `i` shows as `src` (as written in its body), if it is published.
    pub fn get(&self, site: &Site<'_>, i: usize, src: &str) -> Option<&Image> {
        let rel = in_source(&site.entries[i].rec.path, src)?;
        self.of_entry.get(i)?.get(&rel)
    }

    /// The site paths of record `i`'s images: its page links to them, so they are part of its
    /// page's key.
    pub fn outs(&self, i: usize) -> Vec<&str> {
        self.of_entry
            .get(i)
            .map(|m| m.values().map(|img| img.out.as_str()).collect())
            .unwrap_or_default()
    }
}

/// Finds the images every record shows and checks each.
pub fn find(site: &Site<'_>) -> Images {
    let roots: Vec<Option<PathBuf>> = site
        .projects
        .iter()
        .map(|p| p.root.as_ref().and_then(|r| std::fs::canonicalize(r).ok()))
        .collect();
    let found: Vec<(BTreeMap<String, Image>, Vec<String>)> = (0..site.entries.len())
        .into_par_iter()
        .map(|i| {
            let e = &site.entries[i];
            let (mut images, mut refused) = (BTreeMap::new(), Vec::new());
            let Some(root) = &roots[e.project] else {
                return (images, refused); // a bundle: no files to copy
            };
            let folder = e.url.rsplit_once('/').map_or("", |(d, _)| d);
            for rel in sources(&e.rec.body)
                .iter()
                .filter_map(|src| in_source(&e.rec.path, src))
            {
                match publishable(root, &rel) {
                    Some(Ok((file, key))) => {
                        let out = format!("{folder}/files/{rel}");
                        images.insert(rel, Image { file, out, key });
                    }
                    Some(Err(why)) => {
                        let project = &site.projects[e.project].name;
                        refused.push(format!("{project}: {rel}:{why}"));
                    }
                    None => {}
                }
            }
            (images, refused)
        })
        .collect();
    let (of_entry, refused): (Vec<_>, Vec<_>) = found.into_iter().unzip();
    let mut refused: Vec<String> = refused.into_iter().flatten().collect();
    refused.sort_unstable();
    refused.dedup();
    Images { of_entry, refused }
}

/// Copies every image into the site; one a previous build copied with the same key is kept.
pub fn write(images: &Images, w: &Writer) -> Result<(), Error> {
    let mut seen = HashSet::new();
    for img in images.of_entry.iter().flat_map(BTreeMap::values) {
        if !seen.insert(&img.out) || w.reuse(&img.out, &img.key) {
            continue;
        }
        let mut bytes = Vec::new();
        std::fs::File::open(&img.file)
            .and_then(|f| f.take(MAX_IMAGE_BYTES).read_to_end(&mut bytes))
            .map_err(|e| Error::io(&img.file, e))?;
        w.put(&img.out, &img.key, &bytes)?;
    }
    Ok(())
}

/// The URL of a site path: each segment percent-encoded.
pub fn url(out: &str) -> String {
    let mut s = String::with_capacity(out.len());
    for b in out.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

/// The path inside the source that `src`, written in the record at `record_path`, names;
/// `None` when it leaves the source.
fn in_source(record_path: &str, src: &str) -> Option<String> {
    let path = percent_decode(src.split(['?', '#']).next()?);
    if path.is_empty() || path.contains('\\') {
        return None;
    }
    let dir = record_path.rsplit_once('/').map_or("", |(d, _)| d);
    within(dir, &path).filter(|p| !p.is_empty())
}

/// The image sources a body names: Markdown images and `<img src>` in raw HTML.
fn sources(body: &str) -> Vec<String> {
    let html_img = body
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"<img"));
    // A body shown as text shows no image.
    if !body.contains("![") && !html_img || super::bound::too_much_markup(body) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for ev in Parser::new_ext(body, OPTIONS) {
        match ev {
            Event::Start(Tag::Image { dest_url, .. }) => out.push(dest_url.to_string()),
            Event::Html(h) | Event::InlineHtml(h) => out.extend(html_sources(&h)),
            _ => {}
        }
    }
    out
}

/// `src` values of `<img>` tags in a piece of raw HTML.
fn html_sources(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    for (start, _) in lower.match_indices("<img") {
        let tag = &html[start..lower[start..].find('>').map_or(html.len(), |e| start + e)];
        let ltag = tag.to_ascii_lowercase();
        let Some(at) = ltag.find(" src=").or_else(|| ltag.find("\nsrc=")) else {
            continue;
        };
        let rest = &tag[at + 5..];
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest.split([' ', '\t', '\n', '/']).next().unwrap_or(""),
        };
        out.push(value.replace("&amp;", "&"));
    }
    out
}

/// The file to copy for `rel` inside `root` and its key, if it is an image that may be
/// published; `Some(Err(line: why))` for an SVG refused for what it holds.
fn publishable(root: &Path, rel: &str) -> Option<Result<(PathBuf, String), String>> {
    let ext = Path::new(rel).extension()?.to_str()?.to_ascii_lowercase();
    if !EXTENSIONS.contains(&ext.as_str()) {
        return None;
    }
    // Resolving links first: a link inside the source to a file outside it is refused.
    let file = std::fs::canonicalize(root.join(rel)).ok()?;
    if !file.starts_with(root) {
        return None;
    }
    let meta = std::fs::metadata(&file).ok()?;
    if !meta.is_file() || meta.len() > MAX_IMAGE_BYTES {
        return None;
    }
    if ext == "svg" {
        let bytes = std::fs::read(&file).ok()?;
        if let Err(why) = super::svg::check(&bytes) {
            return Some(Err(format!("{}: {}", why.line, why.reason)));
        }
    }
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .unwrap_or_default();
    Some(Ok((
        file,
        format!("{}-{}", meta.len(), modified.as_nanos()),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_sources_are_found_in_markdown_and_html() {
        let body = "![a](img/a.png) <img alt=x src=\"b%20c.gif\"> <IMG SRC='d.svg'>\n\n\
                    `![not](code.png)`\n";
        assert_eq!(sources(body), ["img/a.png", "b%20c.gif", "d.svg"]);
    }

    #[test]
    fn paths_stay_inside_the_source() {
        assert_eq!(
            in_source("doc/adr/0001-a.md", "img/a%20b.png?x#y").as_deref(),
            Some("doc/adr/img/a b.png")
        );
        assert_eq!(
            in_source("doc/adr/0001-a.md", "../../x.png").as_deref(),
            Some("x.png")
        );
        assert_eq!(in_source("doc/adr/0001-a.md", "../../../x.png"), None);
        assert_eq!(in_source("0001-a.md", "..\\x.png"), None);
    }
}
