//! The tools: each takes JSON arguments (schema from [`read`] and [`write`]'s input types),
//! answers with structured content (schema from their output types) and fails with a tool
//! error in the command line's words. The bodies run on the blocking pool ([`Server::blocking`]).

pub mod read;
pub mod write;

use super::Server;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, JsonObject};
use rmcp::{tool, tool_router};
use std::sync::Arc;

/// The tools that change records: off unless writes are on (see [`super::Options::write`]).
pub const WRITE_TOOLS: [&str; 4] = [
    "draft_decision",
    "supersede_decision",
    "link_decisions",
    "set_status",
];

/// The output schema of a tool answering with `T`.
fn schema<T: schemars::JsonSchema + 'static>() -> Arc<JsonObject> {
    rmcp::handler::server::tool::schema_for_output::<T>()
}

/// Refuses a string argument longer than `max` bytes, naming the argument.
pub fn bounded(name: &str, value: &str, max: usize) -> anyhow::Result<()> {
    if value.len() > max {
        anyhow::bail!(
            "`{name}` is {} bytes long; at most {max} are accepted",
            value.len()
        );
    }
    Ok(())
}

/// Refuses a list argument of more than `max` items, naming the argument.
pub fn at_most<T>(name: &str, items: &[T], max: usize) -> anyhow::Result<()> {
    if items.len() > max {
        anyhow::bail!(
            "`{name}` has {} items; at most {max} are accepted",
            items.len()
        );
    }
    Ok(())
}

/// A reference (`ref`, `source`, `by`...): a number, id, path or title fragment.
pub const MAX_REF: usize = 4096;

/// A record reference as an argument: `12` or `"12"`, an id, a file name, a path or a title
/// fragment, resolved as `adr show REF` resolves it ([`crate::resolve::find`]).
#[derive(Debug, Clone)]
pub struct Reference(pub String);

impl<'de> serde::Deserialize<'de> for Reference {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Reference;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a record number, id, file name, path or title fragment")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Reference, E> {
                Ok(Reference(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Reference, E> {
                Ok(Reference(v.to_string()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl schemars::JsonSchema for Reference {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Reference".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A record: its number, id or file name (`0012-use-postgres`), path, \
                            or a fragment of its title naming one record",
            "anyOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]
        })
    }
}
/// A one-line value: a title, a status, a tag, a glob, a link's words, a query.
pub const MAX_LINE: usize = 4096;
/// A paragraph: context, decision, consequences, a constraint, a scenario part.
pub const MAX_TEXT: usize = 64 * 1024;
/// A unified diff for `decisions_governing`.
pub const MAX_DIFF: usize = 8 * 1024 * 1024;
/// Items of a list argument (paths, constraints, options...).
pub const MAX_ITEMS: usize = 10_000;

/// The answer to a tool call: `value` as structured content (and as JSON text).
fn answer(value: serde_json::Value) -> CallToolResult {
    CallToolResult::structured(value)
}

#[tool_router(vis = "pub(super)")]
impl Server {
    #[tool(
        description = "List decision records, as `adr list --format json` does: number, id, title, \
                       status, date, tags, deciders, scope, links, path. Every filter is optional \
                       and all given must hold.",
        output_schema = schema::<read::ListOutput<'static>>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn list_decisions(
        &self,
        Parameters(args): Parameters<read::ListInput>,
    ) -> Result<CallToolResult, String> {
        self.blocking(move |s| read::list(s, &args))
            .await
            .map(answer)
    }

    #[tool(
        description = "One decision record with every structured field (status and its history, \
                       constraints, quality attributes and scenarios, options and trade-offs, \
                       links) and its Markdown body, as `adr show REF --format json` prints it.",
        output_schema = schema::<read::GetOutput<'static>>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn get_decision(
        &self,
        Parameters(args): Parameters<read::GetInput>,
    ) -> Result<CallToolResult, String> {
        self.blocking(move |s| read::get(s, &args))
            .await
            .map(answer)
    }

    #[tool(
        description = "Full-text search of the decision log with the published site's index \
                       (title, then metadata, then structured fields, then body; every word \
                       must match, the last also as a prefix), each with a snippet around the \
                       match.",
        output_schema = schema::<read::SearchOutput>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn search_decisions(
        &self,
        Parameters(args): Parameters<read::SearchInput>,
    ) -> Result<CallToolResult, String> {
        self.blocking(move |s| read::search(s, &args))
            .await
            .map(answer)
    }

    #[tool(
        description = "The accepted decisions whose scope covers the given files (`paths`, \
                       relative to the repository's top) or the files a unified `diff` changes, \
                       with the constraints, chosen options and quality attributes a change to \
                       them must respect; files governed only by deprecated or superseded \
                       decisions are findings. Call it before changing code.",
        output_schema = schema::<read::GoverningOutput<'static>>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn decisions_governing(
        &self,
        Parameters(args): Parameters<read::GoverningInput>,
    ) -> Result<CallToolResult, String> {
        self.blocking(move |s| read::governing(s, &args))
            .await
            .map(answer)
    }

    #[tool(
        description = "What `adr review --format json` reports for the current work tree (or \
                       `head`) against a base branch: records added, removed, renamed, status \
                       changes, supersessions, edits to accepted records, the decisions \
                       governing the changed files, and check findings. Needs git.",
        output_schema = schema::<crate::review::Review>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn review_change(
        &self,
        Parameters(args): Parameters<read::ReviewInput>,
    ) -> Result<CallToolResult, String> {
        self.blocking(move |s| read::review(s, &args))
            .await
            .map(answer)
    }

    #[tool(
        description = "`adr check` findings (path, line, severity, rule, message) for the whole \
                       log, or only for the record `ref` names.",
        output_schema = schema::<read::CheckOutput>(),
        annotations(read_only_hint = true, open_world_hint = false)
    )]
    async fn check_log(
        &self,
        Parameters(args): Parameters<read::CheckInput>,
    ) -> Result<CallToolResult, String> {
        self.blocking(move |s| read::check(s, &args))
            .await
            .map(answer)
    }

    #[tool(
        description = "Write a new, proposed decision record from structured input (title, \
                       context, constraints, quality-attribute scenarios, options with \
                       trade-offs), numbered and created as `adr new` creates records (under \
                       the directory lock, never over an existing file, written whole).",
        output_schema = schema::<write::CreatedOutput>(),
        annotations(read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = false)
    )]
    async fn draft_decision(
        &self,
        Parameters(args): Parameters<write::DraftInput>,
    ) -> Result<CallToolResult, String> {
        self.blocking(move |s| write::draft(s, args, None))
            .await
            .map(answer)
    }

    #[tool(
        description = "Write a new, proposed decision record (the same input as draft_decision) \
                       that supersedes the record `ref` names: both are linked, the old one is \
                       marked superseded and its tags, scope and deciders carry over, as `adr \
                       supersede` does.",
        output_schema = schema::<write::CreatedOutput>(),
        annotations(read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = false)
    )]
    async fn supersede_decision(
        &self,
        Parameters(args): Parameters<write::SupersedeInput>,
    ) -> Result<CallToolResult, String> {
        self.blocking(move |s| write::draft(s, args.draft, Some(args.reference.0)))
            .await
            .map(answer)
    }

    #[tool(
        description = "Link two records both ways, as `adr link SOURCE LINK TARGET REVERSE` does \
                       (e.g. `Amends` / `Amended by`); a side already linked is left as it is.",
        output_schema = schema::<write::ChangedOutput>(),
        annotations(read_only_hint = false, destructive_hint = false, idempotent_hint = true, open_world_hint = false)
    )]
    async fn link_decisions(
        &self,
        Parameters(args): Parameters<write::LinkInput>,
    ) -> Result<CallToolResult, String> {
        self.blocking(move |s| write::link(s, &args))
            .await
            .map(answer)
    }

    #[tool(
        description = "Move a record to a new status, dated in its status history, as `adr \
                       status REF STATUS [--by REF] [--force]` does; moves that make no sense \
                       in the lifecycle are refused with the reason unless `force`.",
        output_schema = schema::<write::ChangedOutput>(),
        annotations(read_only_hint = false, destructive_hint = false, idempotent_hint = false, open_world_hint = false)
    )]
    async fn set_status(
        &self,
        Parameters(args): Parameters<write::StatusInput>,
    ) -> Result<CallToolResult, String> {
        self.blocking(move |s| write::status(s, &args))
            .await
            .map(answer)
    }
}
