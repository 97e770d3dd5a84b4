//! The checks behind the fuzz targets in `fuzz/` and their smoke run in the test suite: each
//! takes arbitrary bytes, drives one part of the library, and panics when an invariant breaks.
//! Keeping them here means `cargo test` exercises exactly what the fuzzer does.
#![doc(hidden)]

use crate::edit::{self, NewLink, NewStatus};
use crate::model::{Lifecycle, Record, SUPERSEDED_BY};
use crate::names::{self, NameInfo};
use crate::parse;
use crate::repo::{RecordFile, record_from_bytes};
use std::path::{Path, PathBuf};

/// The file every fuzzed record pretends to be.
fn file() -> RecordFile {
    RecordFile {
        path: PathBuf::from("doc/adr/0007-fuzzed-record.md"),
        id: "0007-fuzzed-record".into(),
        name: names::parse_record_name("0007-fuzzed-record").unwrap_or(NameInfo {
            number: Some(7),
            date_iso: None,
            slug: "fuzzed-record".into(),
        }),
    }
}

/// Parsing never panics, whatever the bytes, and every diagnostic names the file.
pub fn parse(data: &[u8]) {
    let f = file();
    let (record, diags) = record_from_bytes(&f, data);
    assert_eq!(record.path, f.path);
    for d in &diags {
        assert_eq!(d.path, f.path, "diagnostic about another file: {d}");
    }
    block_yaml_agrees(data);
}

/// The fast block-YAML reader takes only front matter that yaml-rust2 reads the same way.
fn block_yaml_agrees(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(Some(span)) = parse::split_front_matter(text) else {
        return;
    };
    let yaml = &text[span.yaml_start..span.yaml_end];
    let Some(fast) = parse::block_yaml::parse(yaml) else {
        return;
    };
    let full = match parse::yaml::parse_full(yaml) {
        Ok(full) => full,
        Err(e) => panic!("block reader took YAML that yaml-rust2 rejects ({e:?}):\n{yaml}"),
    };
    assert_eq!(
        serde_json::to_string(&fast.value).ok(),
        serde_json::to_string(&full.value).ok(),
        "values differ:\n{yaml}"
    );
    assert_eq!(fast.key_lines, full.key_lines, "key lines differ:\n{yaml}");
}

const STATUSES: [&str; 6] = [
    "proposed",
    "accepted",
    "rejected",
    "deprecated",
    "superseded",
    "on hold",
];

/// The record parsed from `text`, if the text is clean UTF-8 (edits refuse anything else).
fn parsed(text: &[u8]) -> Option<(String, Record)> {
    let text = std::str::from_utf8(text).ok()?;
    if text.contains('\0') {
        return None;
    }
    let (record, _) = record_from_bytes(&file(), text.as_bytes());
    Some((text.to_string(), record))
}

/// A status change or an added link either is refused with an error, or leaves a file that
/// parses to the record asked for: the new status (or the new link), the same title and number.
/// The length of the input picks the edit, so real records from the corpus are seeds as they are.
pub fn edit(data: &[u8]) {
    let pick = data.len();
    let Some((text, record)) = parsed(data) else {
        return;
    };
    if pick.is_multiple_of(2) {
        let raw = STATUSES[pick / 2 % STATUSES.len()];
        let status = NewStatus {
            state: crate::parse::words::normalise_status(raw),
            raw: raw.into(),
            date: "2024-02-29".into(),
            by: None,
            forced: None,
        };
        let Ok(out) = edit::set_status(&text, &record, &status) else {
            return;
        };
        let (after, _) = record_from_bytes(&file(), out.as_bytes());
        let got = after.status.as_ref().map(|s| s.state.clone());
        assert_eq!(
            got,
            Some(status.state.clone()),
            "status not set\n--- before\n{text}\n--- after\n{out}"
        );
        let changed = changed_besides(&record, &after, &[], Some(&status));
        assert!(
            changed.is_empty(),
            "{changed:?}\n--- before\n{text}\n--- after\n{out}"
        );
    } else {
        let label = ["Amends", "Supercedes", "Relates to"][pick / 2 % 3];
        let link = NewLink {
            label: label.into(),
            target: "0002-other-record.md".into(),
            title: "2. Other record".into(),
        };
        let Ok(out) = edit::add_link(&text, &record, &link) else {
            return;
        };
        let (after, _) = record_from_bytes(&file(), out.as_bytes());
        let other = crate::links::Key {
            path: Path::new("doc/adr/0002-other-record.md"),
            id: "0002-other-record",
            number: None,
        };
        let to_other = |r: &Record| {
            r.links
                .iter()
                .filter(|l| crate::links::names(&r.path, &l.target, other))
                .count()
        };
        let (found, before) = (to_other(&after), to_other(&record));
        assert!(
            found > before,
            "link not added\n--- before\n{text}\n--- after\n{out}"
        );
        let kind = crate::parse::words::link_kind(label);
        let added = [(kind, link.target.clone())];
        let changed = changed_besides(&record, &after, &added, None);
        assert!(
            changed.is_empty(),
            "{changed:?}\n--- before\n{text}\n--- after\n{out}"
        );
    }
}

/// What an edit changed beyond what it was asked (`links_added`, or the status in `status`),
/// field by field, as `field: before -> after`: empty when the edit changed only what was
/// asked. Compares everything the reader gives except the body text the edit rewrote, so it
/// does not share the editor's own read-back check. Also used by `tests/edits.rs`.
pub fn changed_besides(
    before: &Record,
    after: &Record,
    links_added: &[(String, String)],
    status: Option<&NewStatus>,
) -> Vec<String> {
    fn identity(r: &Record) -> serde_json::Map<String, serde_json::Value> {
        let serde_json::Value::Object(mut m) = serde_json::to_value(r).unwrap_or_default() else {
            return serde_json::Map::new();
        };
        for k in [
            "body",
            "body_line",
            "key_lines",
            "front_matter",
            "status",
            "status_history",
            "links",
            "date",
            "number_in_file",
        ] {
            m.remove(k);
        }
        m
    }
    fn links(r: &Record) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = r
            .links
            .iter()
            .map(|l| (l.kind.clone(), l.target.clone()))
            .collect();
        v.sort();
        v
    }
    fn history(r: &Record) -> Vec<(String, String)> {
        r.status_history
            .iter()
            .map(|h| (h.date.clone(), h.raw.clone()))
            .collect()
    }
    let state = |r: &Record| r.status.as_ref().map(|s| (s.state.clone(), s.raw.clone()));
    let mut changed = Vec::new();
    let (a, b) = (identity(before), identity(after));
    for (k, v) in &a {
        // A status change may date a record that had no date, by the history entry it adds.
        let dated_by_edit = k == "date_iso"
            && v.is_null()
            && status.is_some_and(|s| b.get(k).and_then(|d| d.as_str()) == Some(s.date.as_str()));
        if b.get(k) != Some(v) && !dated_by_edit {
            let now = b.get(k).cloned().unwrap_or_default();
            changed.push(format!("{k}: {v} -> {now}"));
        }
    }
    let mut want = links(before);
    want.extend(links_added.iter().cloned());
    want.sort();
    if links(after) != want {
        changed.push(format!("links: {:?} -> {:?}", links(before), links(after)));
    }
    match status {
        Some(s) => {
            let now = after.status.as_ref().map(|x| x.state.clone());
            if now.as_ref() != Some(&s.state) {
                changed.push(format!("status: asked {}, read {now:?}", s.state));
            }
            let after_h = history(after);
            if !history(before).iter().all(|h| after_h.contains(h)) {
                changed.push("status history lost an entry".into());
            }
        }
        None => {
            let superseding = links_added.iter().any(|(k, _)| k == SUPERSEDED_BY);
            let now = state(after);
            let kept = state(before) == now
                || superseding && now.as_ref().is_some_and(|s| s.0 == Lifecycle::Superseded);
            if !kept {
                changed.push(format!("status: {:?} -> {now:?}", state(before)));
            }
            if history(before) != history(after) {
                changed.push("status history changed".into());
            }
        }
    }
    changed
}

/// Rendered Markdown never carries something a browser would run: no `<script`, no `on*=`
/// attribute, no `javascript:` (or `vbscript:`, `data:`) URL, in any case or encoding that
/// survives the HTML serialiser. Relative URLs are passed through unchanged by the resolver, the
/// most permissive one a site could use.
pub fn markdown(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let html = crate::site::markdown::render(&text, &|u| Some(u.to_string())).html;
    if let Some(problem) = executable(&html) {
        panic!("{problem}\n--- markdown\n{text}\n--- html\n{html}");
    }
    svg(data);
}

/// The same bytes as an SVG a record shows: when `site::svg::check` accepts them, a second,
/// independent reading ([`svg_runs`]) finds nothing that could run script. `tests/abuse_site.rs`
/// opens every accepted SVG of a fuzzer's corpus in Chromium.
pub fn svg(data: &[u8]) {
    if crate::site::svg::check(data).is_err() {
        return;
    }
    let text = String::from_utf8_lossy(data);
    if let Some(problem) = svg_runs(&text) {
        panic!("accepted SVG: {problem}\n--- svg\n{text}");
    }
}

/// What in an SVG could run script or load a document, read without an XML parser: comments
/// and CDATA skipped, each tag's local name and attributes (quoted values, character
/// references decoded) looked at; a DOCTYPE with declarations or a processing instruction
/// other than the XML declaration. Errs toward suspicion: it only checks accepted files.
pub fn svg_runs(text: &str) -> Option<String> {
    let mut rest = text;
    let mut root = true;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        // A comment or CDATA section hides what it holds; the scan goes on after it (not from
        // inside the text that follows, which would swallow the next tag).
        if let Some((open, close)) = [("!--", "-->"), ("![CDATA[", "]]>")]
            .into_iter()
            .find(|(open, _)| rest.starts_with(open))
        {
            let inner = &rest[open.len()..];
            rest = inner.find(close).map_or("", |e| &inner[e + close.len()..]);
            continue;
        }
        if let Some(decl) = rest.strip_prefix('!') {
            let end = decl.find('>').unwrap_or(decl.len());
            if decl[..end].contains('[') || !decl.to_ascii_uppercase().starts_with("DOCTYPE") {
                return Some(format!("declaration <!{}", &decl[..end.min(40)]));
            }
            continue;
        }
        if let Some(pi) = rest.strip_prefix('?') {
            if !pi.starts_with("xml ") && !pi.starts_with("xml?") {
                return Some("processing instruction".into());
            }
            continue;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].rsplit(':').next().unwrap_or("");
        let name = name.to_ascii_lowercase();
        if [
            "script",
            "foreignobject",
            "iframe",
            "embed",
            "object",
            "handler",
        ]
        .contains(&name.as_str())
        {
            return Some(format!("element <{name}>"));
        }
        let tag_end = tag_end(rest);
        let attrs = attributes(&rest[name_end..tag_end]);
        if root && name_end > 0 {
            // The first element must be an `svg` in the SVG namespace: anything else is no
            // image, and a browser opens it as a document of its own.
            root = false;
            let qname = &rest[..name_end];
            let xmlns = match qname.split_once(':') {
                Some((prefix, _)) => format!("xmlns:{prefix}"),
                None => "xmlns".to_string(),
            };
            let in_svg = attrs
                .iter()
                .any(|(a, v)| *a == xmlns && decode_xml_refs(v) == "http://www.w3.org/2000/svg");
            if name != "svg" || !in_svg {
                return Some(format!("root <{qname}> outside the SVG namespace"));
            }
        }
        for (attr, value) in attrs {
            let local = attr.rsplit(':').next().unwrap_or("").to_ascii_lowercase();
            let value: String = decode_xml_refs(&value)
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if local.starts_with("on") {
                return Some(format!("handler {attr}"));
            }
            let raster = ["png", "jpeg", "jpg", "gif", "webp"]
                .iter()
                .any(|t| value.starts_with(&format!("data:image/{t}")));
            if local == "href" && !value.starts_with('#') && !raster {
                return Some(format!("{attr}={value}"));
            }
            if local == "attributename" && (value.ends_with("href") || value.starts_with("on")) {
                return Some(format!("animates {value}"));
            }
        }
        rest = &rest[tag_end..];
    }
    None
}

/// Where a tag's text ends (its `>`), quoted values skipped.
fn tag_end(tag: &str) -> usize {
    let mut quote = None;
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i,
            _ => {}
        }
    }
    tag.len()
}

/// `name="value"` pairs of a tag's text after its name.
fn attributes(mut s: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    while let Some(eq) = s.find('=') {
        let name = s[..eq].trim().trim_start_matches('/').to_string();
        let after = s[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let body = &after[1..];
        let end = body.find(q).unwrap_or(body.len());
        let name = name
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .to_string();
        out.push((name, body[..end].to_string()));
        s = &body[(end + 1).min(body.len())..];
    }
    out
}

/// XML's predefined entities and character references replaced by their characters.
fn decode_xml_refs(v: &str) -> String {
    let mut out = String::new();
    let mut rest = v;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let Some(semi) = after.find(';') else {
            out.push('&');
            rest = after;
            continue;
        };
        let name = &after[..semi];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What in `html` could run script, if anything. Walks the tags and their attributes the way a
/// browser's tokenizer does (quoted and unquoted values), so text that merely mentions
/// `javascript:` or `onclick=` is not flagged.
pub fn executable(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let b = lower.as_bytes();
    let mut i = 0;
    while let Some(off) = lower[i..].find('<') {
        let start = i + off + 1;
        let mut j = start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'/') {
            j += 1;
        }
        let name = &lower[start..j];
        if matches!(
            name.trim_start_matches('/'),
            "script" | "iframe" | "object" | "embed" | "style" | "svg" | "math" | "base"
        ) {
            return Some(format!("element <{name}> survived"));
        }
        // Attributes until the closing `>`.
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let a = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !b"=>/".contains(&b[j]) {
                j += 1;
            }
            let attr = &lower[a..j];
            let mut value = "";
            if j < b.len() && b[j] == b'=' {
                j += 1;
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let v = j + 1;
                    j = v;
                    while j < b.len() && b[j] != q {
                        j += 1;
                    }
                    value = &lower[v..j.min(b.len())];
                    j += 1;
                } else {
                    let v = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = &lower[v..j];
                }
            }
            if attr.starts_with("on") {
                return Some(format!("event handler attribute `{attr}` survived"));
            }
            if matches!(
                attr,
                "href" | "src" | "action" | "formaction" | "xlink:href" | "srcset"
            ) {
                let v: String = decode_entities(value)
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
                    .collect();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    if v.starts_with(scheme) {
                        return Some(format!("{attr}=\"{value}\" survived"));
                    }
                }
            }
        }
        i = j.min(b.len());
        if i >= b.len() {
            break;
        }
    }
    None
}

/// The few character references a serialiser emits inside attribute values.
fn decode_entities(v: &str) -> String {
    v.replace("&colon;", ":")
        .replace("&#58;", ":")
        .replace("&#x3a;", ":")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&nbsp;", " ")
}
