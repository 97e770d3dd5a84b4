//! The keys of a record's front matter and the levels of its quality attributes: a top-level
//! key one slip from one adr reads, an unknown key inside a structured object, a priority or
//! difficulty other than high, medium or low.

use super::lines::{Lines, child};
use super::{closest, did_you_mean, slip, spellings};
use crate::check::finding;
use crate::model::{Diagnostic, Priority, Record};
use crate::parse::fields::{self, Spellings};
use crate::parse::placeholder::is_placeholder;
use serde_json::{Map, Value};

/// Top-level keys other tools write (MADR, log4brains, bitwarden, backstage, Jekyll and
/// Docusaurus sites): never taken for a misspelling of one of ours, however close.
const OTHER_TOOLS: &[&str] = &[
    "id",
    "adr",
    "title",
    "description",
    "tags",
    "date",
    "status",
    "parent",
    "grand_parent",
    "nav_order",
    "has_children",
    "sidebar_position",
    "sidebar_label",
    "slug",
    "author",
    "authors",
    "layout",
    "permalink",
    "draft",
    "type",
    "created",
    "updated",
    "last_updated",
    "keywords",
    "summary",
    "decided",
    "owner",
    "owners",
];

const LEVELS: &[&str] = &["high", "medium", "low"];

/// One record's front matter being checked.
pub(super) struct Walk<'a, 'o> {
    pub(super) r: &'a Record,
    pub(super) lines: Lines<'a>,
    pub(super) out: &'o mut Vec<Diagnostic>,
    /// The known keys that misspelt keys were taken for (`responce` → `response`): what the
    /// record is missing only because of the slip.
    pub(super) meant: Vec<&'static str>,
}

impl Walk<'_, '_> {
    pub(super) fn push(&mut self, rule: &'static str, path: &[String], message: String) {
        let line = self.lines.of(path);
        self.out.push(finding(rule, &self.r.path, line, message));
    }

    /// A top-level key that is none of ours but one slip away from one: `constraint`,
    /// `quality_atributes`. Any other unknown key is some other tool's business.
    pub(super) fn top_level(&mut self, fm: &Map<String, Value>) {
        let known: Vec<&str> = spellings(fields::TOP_LEVEL).collect();
        for key in fm.keys() {
            if known.contains(&key.as_str()) || OTHER_TOOLS.contains(&key.as_str()) {
                continue;
            }
            let limit = if key.chars().count() <= 12 { 1 } else { 2 };
            if let Some(meant) = closest(key, known.iter().copied(), limit) {
                self.meant.push(meant);
                self.push(
                    "unknown-key",
                    std::slice::from_ref(key),
                    format!("`{key}` is not a key adr reads; did you mean `{meant}`?"),
                );
            }
        }
    }

    /// Keys of a structured object (`what`, at `path`) that none of `shapes` has.
    pub(super) fn keys(
        &mut self,
        o: &Map<String, Value>,
        shapes: &[Spellings],
        path: &[String],
        what: &str,
    ) {
        for key in o.keys() {
            if spellings(shapes).any(|k| k == key) {
                continue;
            }
            let hint = match closest(key, spellings(shapes), slip(key)) {
                Some(meant) => {
                    self.meant.push(meant);
                    format!("did you mean `{meant}`?")
                }
                None => format!(
                    "known keys: {}",
                    shapes.iter().map(|s| s[0]).collect::<Vec<_>>().join(", ")
                ),
            };
            self.push(
                "unknown-key",
                &child(path, key),
                format!("`{key}` is not a key of {what}; {hint}"),
            );
        }
    }

    /// The keys of each mapping in the list under `key`.
    pub(super) fn items(
        &mut self,
        fm: &Map<String, Value>,
        key: &str,
        shape: &[Spellings],
        what: &str,
    ) {
        let Some(Value::Array(items)) = fm.get(key) else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            if let Value::Object(o) = item {
                let path = [key.to_string(), i.to_string()];
                self.keys(o, shape, &path, &format!("a {what}"));
            }
        }
    }

    /// Each quality attribute's keys (its scenario's too) and levels.
    pub(super) fn qualities(&mut self, fm: &Map<String, Value>) {
        let Some((k, Value::Array(items))) = fields::first(fm, fields::QUALITIES) else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let Value::Object(o) = item else { continue };
            let path = [k.to_string(), i.to_string()];
            let name = name_of(o, fields::ATTRIBUTE, i);
            // The scenario may be written inline, in the quality attribute itself.
            let inline = [fields::QUALITY, fields::SCENARIO].concat();
            self.keys(o, &inline, &path, &format!("quality attribute `{name}`"));
            if let Some(Value::Object(s)) = o.get("scenario") {
                let what = format!("the scenario of `{name}`");
                self.keys(s, fields::SCENARIO, &child(&path, "scenario"), &what);
            }
            for level in [fields::PRIORITY, fields::DIFFICULTY] {
                if let Some((key, v)) = fields::first(o, level) {
                    self.level(key, v, &child(&path, key));
                }
            }
        }
    }

    /// `priority` or `difficulty`: high, medium or low.
    fn level(&mut self, key: &str, v: &Value, path: &[String]) {
        let Some(t) = fields::text(v).filter(|t| !is_placeholder(t)) else {
            return;
        };
        if Priority::parse(&t).is_none() {
            let meant = closest(&t.to_lowercase(), LEVELS.iter().copied(), slip(&t));
            self.push(
                "front-matter-field",
                path,
                format!(
                    "`{key}: {t}` is not a level adr reads (high, medium or low), so it is left \
                     out{}",
                    did_you_mean(meant)
                ),
            );
        }
    }
}

/// The name of an object for messages: its `keys` value, else its position.
pub(super) fn name_of(o: &Map<String, Value>, keys: Spellings, i: usize) -> String {
    fields::first(o, keys)
        .and_then(|(_, v)| fields::text(v))
        .unwrap_or_else(|| format!("#{}", i + 1))
}
