//! The resources: each record as `adr://<project>/<id>` (its Markdown as written), the log's
//! index as `adr://<project>/index.json` (what `adr list --format json` prints) and the JSON
//! Schema of the structured front matter as `adr://<project>/schema.json` (`adr schema`).
//!
//! A URI's id is only ever compared with the ids of the log's records, never joined to a path,
//! so `..` or `/` in it can name nothing outside the log.

use super::State;
use crate::model::Record;
use crate::view::Summary;
use rmcp::ErrorData;
use rmcp::model::{
    ListResourceTemplatesResult, ListResourcesResult, ReadResourceResult, Resource,
    ResourceContents, ResourceTemplate,
};

/// Records listed per page of `resources/list`.
const PAGE: usize = 500;

const INDEX: &str = "index.json";
const SCHEMA: &str = "schema.json";

/// The URI of record `id` of `project`.
pub fn uri(project: &str, id: &str) -> String {
    format!("adr://{}/{}", encode(project), encode(id))
}

/// Percent-encodes everything but URI-unreserved ASCII, so any id is one path segment.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Undoes [`encode`] (and tolerates text that was never encoded); `None` when the result is
/// not UTF-8.
fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

fn not_found(message: String) -> ErrorData {
    ErrorData::resource_not_found(message, None)
}

/// Every resource: the index and the schema first, then the records, `PAGE` at a time
/// (`cursor` is where the page starts).
pub fn list(s: &State, cursor: Option<&str>) -> Result<ListResourcesResult, ErrorData> {
    let start: usize = match cursor {
        None => 0,
        Some(c) => c
            .parse()
            .map_err(|_| ErrorData::invalid_params(format!("unknown cursor `{c}`"), None))?,
    };
    let log = load(s)?;
    let mut resources = Vec::new();
    if start == 0 {
        resources.push(
            Resource::new(format!("adr://{}/{INDEX}", encode(&s.project)), "index")
                .with_title(format!("Decision log of {}", s.project))
                .with_description("Every record's summary, as `adr list --format json` prints it")
                .with_mime_type("application/json"),
        );
        resources.push(
            Resource::new(format!("adr://{}/{SCHEMA}", encode(&s.project)), "schema")
                .with_title("JSON Schema of a structured record's front matter")
                .with_mime_type("application/schema+json"),
        );
    }
    let end = log.records.len().min(start.saturating_add(PAGE));
    for r in log.records.get(start..end).unwrap_or(&[]) {
        resources.push(record_resource(s, r));
    }
    Ok(ListResourcesResult {
        resources,
        next_cursor: (end < log.records.len()).then(|| end.to_string()),
        ..Default::default()
    })
}

fn record_resource(s: &State, r: &Record) -> Resource {
    let status = r
        .status
        .as_ref()
        .map_or("no status", |st| st.state.as_str());
    Resource::new(uri(&s.project, &r.id), r.id.clone())
        .with_title(format!(
            "{} {}",
            crate::view::number_text(r),
            r.display_title()
        ))
        .with_description(format!("{status}; {}", r.path.display()))
        .with_mime_type("text/markdown")
}

pub fn templates(s: &State) -> ListResourceTemplatesResult {
    ListResourceTemplatesResult {
        resource_templates: vec![
            ResourceTemplate::new(format!("adr://{}/{{id}}", encode(&s.project)), "record")
                .with_title("A decision record by its id (file name without .md)")
                .with_mime_type("text/markdown"),
        ],
        ..Default::default()
    }
}

/// The resource at `uri`.
pub fn read(s: &State, uri: &str) -> Result<ReadResourceResult, ErrorData> {
    if uri.len() > super::tools::MAX_REF {
        return Err(ErrorData::invalid_params(
            format!(
                "the URI is {} bytes long; at most {} are accepted",
                uri.len(),
                super::tools::MAX_REF
            ),
            None,
        ));
    }
    let bad = || {
        ErrorData::invalid_params(
            format!(
                "`{uri}` is not a resource of this server: expected adr://{}/<id>",
                s.project
            ),
            None,
        )
    };
    let (project, rest) = uri
        .strip_prefix("adr://")
        .and_then(|r| r.split_once('/'))
        .ok_or_else(bad)?;
    let project = decode(project).ok_or_else(bad)?;
    if project != s.project {
        return Err(not_found(format!(
            "no project `{project}` here: this server serves `{}`",
            s.project
        )));
    }
    let text = |t: String, mime: &str| {
        Ok(ReadResourceResult::new(vec![
            ResourceContents::text(t, uri).with_mime_type(mime),
        ]))
    };
    match rest {
        INDEX => {
            let log = load(s)?;
            let all: Vec<Summary> = log.records.iter().map(Summary::of).collect();
            let json = serde_json::to_string_pretty(&all)
                .map_err(|e| ErrorData::internal_error(e.to_string(), None))?;
            text(json, "application/json")
        }
        SCHEMA => text(
            crate::template::RECORD_SCHEMA.to_string(),
            "application/schema+json",
        ),
        id => {
            let id = decode(id).ok_or_else(bad)?;
            if id.is_empty() || id.contains(['/', '\\', '\0']) || id == ".." || id == "." {
                return Err(ErrorData::invalid_params(
                    format!("`{id}` is not a record id (a file name without .md, no folders)"),
                    None,
                ));
            }
            let log = load(s)?;
            let r = log
                .records
                .iter()
                .find(|r| r.id == id)
                .ok_or_else(|| not_found(format!("no decision record has the id `{id}`")))?;
            text(markdown(r)?, "text/markdown")
        }
    }
}

/// The record's file as written (decoded as UTF-8, invalid bytes replaced).
fn markdown(r: &Record) -> Result<String, ErrorData> {
    let too_big = |n: u64| n > crate::repo::MAX_RECORD_BYTES;
    let io = |e: std::io::Error| {
        ErrorData::internal_error(format!("error: {}: {e}", r.path.display()), None)
    };
    let meta = std::fs::metadata(&r.path).map_err(io)?;
    if too_big(meta.len()) {
        return Err(ErrorData::internal_error(
            format!(
                "error: {}: file is over the limit for a record",
                r.path.display()
            ),
            None,
        ));
    }
    let bytes = std::fs::read(&r.path).map_err(io)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The log's summaries (from the cache, as `adr list` reads them).
fn load(s: &State) -> Result<crate::model::DecisionLog, ErrorData> {
    let describe = |e: anyhow::Error| ErrorData::internal_error(crate::error::describe(&e), None);
    let repo = s.repo().map_err(|e| describe(e.into()))?;
    repo.load_light().map_err(|e| describe(e.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_uris() {
        for id in ["0001-use-x", "0002-添加-e2e-测试", "a b%/..", "x?y#z"] {
            let u = uri("my proj", id);
            let rest = u.strip_prefix("adr://my%20proj/").unwrap();
            assert!(!rest.contains('/'), "{u}");
            assert_eq!(decode(rest).as_deref(), Some(id));
        }
        assert_eq!(decode("plain-text").as_deref(), Some("plain-text"));
        assert_eq!(decode("100%").as_deref(), Some("100%"));
        assert_eq!(decode("%FF"), None);
    }
}
