//! Front-matter keys to model fields: the structured format's schema, plus the keys other tools
//! write (MADR's `decision-makers`, bitwarden's `adr`, backstage's `id`).
//!
//! A key of the wrong shape is a warning naming the key's line; it never stops the record from
//! being read.

use super::words::{normalise_link_kind, normalise_status};
use crate::model::{
    Approval, Confirmation, ConfirmationKind, DecisionOption, Effect, Link, Priority,
    QualityAttribute, Scenario, StatusChange, TradeOff,
};
use serde_json::{Map, Value};

/// What the front matter says, before it is merged with what the body says.
#[derive(Debug, Default)]
pub struct Fields {
    pub number: Option<u32>,
    pub title: Option<String>,
    pub status: Option<String>,
    pub date: Option<String>,
    pub deciders: Vec<String>,
    pub consulted: Vec<String>,
    pub informed: Vec<String>,
    pub tags: Vec<String>,
    pub scope: Vec<String>,
    pub constraints: Vec<String>,
    pub quality_attributes: Vec<QualityAttribute>,
    pub options: Vec<DecisionOption>,
    pub context: Option<String>,
    pub drivers: Vec<String>,
    pub links: Vec<(String, String)>,
    pub history: Vec<StatusChange>,
    pub goals: Vec<String>,
    /// `review_by` as `YYYY-MM-DD`.
    pub review_by: Option<String>,
    pub revisit_when: Option<String>,
    pub approvals: Vec<Approval>,
    pub confirmation: Vec<Confirmation>,
    /// `(key, message)` for keys that were present but not understood.
    pub problems: Vec<(String, String)>,
}

/// Keys that only the structured format writes; their presence marks a structured record.
/// (`links` and `status_history` are not: `adr link` and `adr status` add them to MADR
/// records too, which must stay MADR.)
pub const STRUCTURED_KEYS: &[&str] = &[
    "constraints",
    "quality_attributes",
    "options",
    "scope",
    "deciders",
];

/// The spellings read for one field, the one `adr new` writes first.
pub type Spellings = &'static [&'static str];

// The spellings of each field, read here and known to `adr check` (`check::authoring`) from here.

pub const DECIDERS: Spellings = &["deciders", "decision-makers", "decision_makers"];
pub const TAGS: Spellings = &["tags", "tag", "categories", "category"];
pub const SCOPE: Spellings = &["scope", "paths", "governs"];
pub const NUMBER: Spellings = &["number", "adr", "id"];
/// The status key, in the languages decision logs are written in (front matter and body lines).
pub const STATUS: Spellings = &[
    "status",
    "状态",
    "ステータス",
    "状態",
    "statut",
    "estado",
    "état",
    "etat",
    "estatus",
    "state",
];
pub const STAGE: Spellings = &["stage"];
pub const DATE: Spellings = &[
    "date",
    "created",
    "creation-date",
    "creation_date",
    "start-date",
    "start_date",
];
pub const CONSTRAINT_TEXT: Spellings = &["text", "description", "constraint"];
pub const QUALITIES: Spellings = &["quality_attributes", "quality-attributes", "qualities"];
pub const ATTRIBUTE: Spellings = &["attribute", "name", "quality"];
pub const PRIORITY: Spellings = &["priority", "importance"];
pub const MEASURE: Spellings = &["response_measure", "response-measure", "measure"];
pub const OPTIONS: Spellings = &["options", "considered_options"];
pub const DRIVERS: Spellings = &["drivers", "decision_drivers", "decision-drivers"];
pub const OPTION_NAME: Spellings = &["name", "option", "title"];
pub const SUMMARY: Spellings = &["summary", "description"];
pub const TRADEOFFS: Spellings = &["tradeoffs", "trade_offs", "trade-offs"];
pub const TRADEOFF_ATTRIBUTE: Spellings = &["attribute", "quality"];
pub const EFFECT: Spellings = &["effect", "impact"];
pub const NOTE: Spellings = &["note", "why", "because"];
pub const LINK_KIND: Spellings = &["type", "kind", "rel"];
pub const LINK_TARGET: Spellings = &["target", "to", "ref"];
pub const SUPERSEDES: Spellings = &["supersedes", "supercedes"];
pub const SUPERSEDED_BY: Spellings = &[
    "superseded_by",
    "superseded-by",
    "superceded_by",
    "superceded-by",
];
pub const AMENDED_BY: Spellings = &["amended_by", "amended-by"];
pub const DIFFICULTY: Spellings = &["difficulty"];
pub const GOALS: Spellings = &["goals"];
pub const REVIEW_BY: Spellings = &["review_by", "review-by"];
pub const REVISIT_WHEN: Spellings = &["revisit_when", "revisit-when"];
pub const APPROVALS: Spellings = &["approvals"];
pub const CONFIRMATION: Spellings = &["confirmation", "confirmations"];
pub const BY: Spellings = &["by"];
pub const FORCED: Spellings = &["forced"];

/// Every top-level key this reader understands, by field.
pub const TOP_LEVEL: &[Spellings] = &[
    STATUS,
    STAGE,
    &["title"],
    DATE,
    NUMBER,
    DECIDERS,
    &["consulted"],
    &["informed"],
    TAGS,
    SCOPE,
    &["constraints"],
    QUALITIES,
    OPTIONS,
    &["context"],
    DRIVERS,
    &["links"],
    &["status_history"],
    SUPERSEDES,
    SUPERSEDED_BY,
    &["amends"],
    AMENDED_BY,
    GOALS,
    REVIEW_BY,
    REVISIT_WHEN,
    APPROVALS,
    CONFIRMATION,
];

/// The keys of a quality attribute. Its scenario may also be written inline, so a quality
/// attribute also takes the keys of [`SCENARIO`].
pub const QUALITY: &[Spellings] = &[&["id"], ATTRIBUTE, PRIORITY, DIFFICULTY, &["scenario"]];
/// The keys of a quality attribute's scenario.
pub const SCENARIO: &[Spellings] = &[
    &["source"],
    &["stimulus"],
    &["artifact"],
    &["environment"],
    &["response"],
    MEASURE,
];
/// The keys of an option.
pub const OPTION: &[Spellings] = &[OPTION_NAME, SUMMARY, &["chosen"], TRADEOFFS];
/// The keys of a trade-off written as a mapping (`perf: {effect: "-", note: ...}`).
pub const TRADEOFF: &[Spellings] = &[EFFECT, NOTE];
/// The keys of a trade-off in the list form (`tradeoffs: [{attribute: perf, effect: "-"}]`).
pub const TRADEOFF_ITEM: &[Spellings] = &[TRADEOFF_ATTRIBUTE, EFFECT, NOTE];
/// The keys of an item of `links`.
pub const LINK: &[Spellings] = &[LINK_KIND, LINK_TARGET];
/// The keys of an item of `status_history`.
pub const HISTORY: &[Spellings] = &[&["date"], &["status"], BY, FORCED];
/// The keys of an item of `approvals`.
pub const APPROVAL: &[Spellings] = &[BY, &["date"]];
/// The keys of an item of `confirmation`: each item has one of them.
pub const CONFIRMATION_ITEM: &[Spellings] = &[&["test"], &["file"], &["command"]];

/// The first of `keys` that `map` has, with its value.
pub fn first<'a>(map: &'a Map<String, Value>, keys: &[&str]) -> Option<(&'a str, &'a Value)> {
    keys.iter()
        .find_map(|k| map.get_key_value(*k))
        .map(|(k, v)| (k.as_str(), v))
}

/// A scalar as text (numbers and booleans as written); `None` for an empty string, a list or
/// a mapping.
pub fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A list of strings, also accepting one comma-separated string (`tags: a, b`).
fn strings(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::Array(items) => items.iter().map(text).collect(),
        Value::String(s) => Some(
            s.split(',')
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect(),
        ),
        Value::Null => Some(Vec::new()),
        _ => None,
    }
}

/// A number from `12`, `"0028"` or `"adrs-adr003"` (digits at the end).
fn number(v: &Value) -> Option<u32> {
    match v {
        Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
        Value::String(s) => {
            let digits: String = s
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            digits.parse().ok()
        }
        _ => None,
    }
}

pub fn read(fm: &Value) -> Fields {
    let mut f = Fields::default();
    let Value::Object(map) = fm else {
        if !fm.is_null() {
            f.problems
                .push(("".into(), "front matter is not a mapping of keys".into()));
        }
        return f;
    };
    let list = |f: &mut Fields, keys: &[&str]| -> Vec<String> {
        match first(map, keys) {
            None => Vec::new(),
            Some((k, v)) => strings(v).unwrap_or_else(|| {
                f.problems
                    .push((k.into(), format!("`{k}` should be a list of strings")));
                Vec::new()
            }),
        }
    };
    // MADR's template says `decision-makers: ["{list everyone involved in the decision}"]`:
    // guidance left in place names nobody.
    let named = |items: Vec<String>| -> Vec<String> {
        items
            .into_iter()
            .filter(|i| !super::placeholder::is_placeholder(i))
            .collect()
    };
    f.deciders = named(list(&mut f, DECIDERS));
    f.consulted = named(list(&mut f, &["consulted"]));
    f.informed = named(list(&mut f, &["informed"]));
    f.drivers = list(&mut f, DRIVERS);
    f.context = first(map, &["context"]).and_then(|(_, v)| text(v));
    f.tags = list(&mut f, TAGS);
    f.scope = list(&mut f, SCOPE);
    f.number = first(map, NUMBER).and_then(|(_, v)| number(v));
    f.title = first(map, &["title"]).and_then(|(_, v)| text(v));
    f.date = first(map, DATE).and_then(|(_, v)| text(v));
    // An RFC's `stage: released` (Ember's RFCs) is its status when no status key is given.
    if let Some((k, v)) = first(map, STATUS).or_else(|| first(map, STAGE)) {
        match text(v) {
            Some(s) => f.status = Some(s),
            None if v.is_null() => {}
            None => f
                .problems
                .push((k.into(), "`status` should be a single word".into())),
        }
    }
    read_constraints(map, &mut f);
    read_qualities(map, &mut f);
    read_options(map, &mut f);
    read_links(map, &mut f);
    read_history(map, &mut f);
    f.goals = list(&mut f, GOALS);
    read_review(map, &mut f);
    read_approvals(map, &mut f);
    read_confirmation(map, &mut f);
    f
}

/// `review_by: 2027-06-01` (any date the reader understands) and `revisit_when: "..."`.
fn read_review(map: &Map<String, Value>, f: &mut Fields) {
    let given = |v: &Value| text(v).filter(|t| !super::placeholder::is_placeholder(t));
    if let Some((k, v)) = first(map, REVIEW_BY)
        && let Some(t) = given(v)
    {
        match super::words::normalise_date(&t) {
            Some(iso) => f.review_by = Some(iso),
            None => f.problems.push((
                k.into(),
                format!("`{k}: {t}` is not a date this tool can read (use YYYY-MM-DD)"),
            )),
        }
    }
    f.revisit_when = first(map, REVISIT_WHEN).and_then(|(_, v)| given(v));
}

/// `approvals: [{by: Ana, date: 2026-11-02}]`; a bare name is an approval without a date.
fn read_approvals(map: &Map<String, Value>, f: &mut Fields) {
    let Some((k, v)) = first(map, APPROVALS) else {
        return;
    };
    let Value::Array(items) = v else {
        if !v.is_null() {
            f.problems
                .push((k.into(), format!("`{k}` should be a list")));
        }
        return;
    };
    for item in items {
        let (by, date) = match item {
            Value::Object(o) => (o.get("by").and_then(text), o.get("date").and_then(text)),
            other => (text(other), None),
        };
        match by {
            Some(by) => f.approvals.push(Approval {
                by,
                date: date.map(|d| super::words::normalise_date(&d).unwrap_or(d)),
            }),
            None => f
                .problems
                .push((k.into(), "each approval needs `by`: who approved".into())),
        }
    }
}

/// `confirmation: [{test: "tests/a.rs::name"}, {file: "..."}, {command: "..."}]`.
fn read_confirmation(map: &Map<String, Value>, f: &mut Fields) {
    let Some((k, v)) = first(map, CONFIRMATION) else {
        return;
    };
    let Value::Array(items) = v else {
        if !v.is_null() {
            f.problems
                .push((k.into(), format!("`{k}` should be a list")));
        }
        return;
    };
    for item in items {
        let o = item.as_object();
        let get = |key: &str| o.and_then(|o| o.get(key)).and_then(text);
        let mut found = [
            (ConfirmationKind::Test, "test"),
            (ConfirmationKind::File, "file"),
            (ConfirmationKind::Command, "command"),
        ]
        .into_iter()
        .filter_map(|(kind, key)| get(key).map(|value| Confirmation { kind, value }));
        match (found.next(), found.next()) {
            (Some(c), None) => f.confirmation.push(c),
            _ => f.problems.push((
                k.into(),
                "each confirmation is one of `{test: \"path::name\"}`, `{file: path}` or \
                 `{command: ...}`"
                    .into(),
            )),
        }
    }
}

fn read_constraints(map: &Map<String, Value>, f: &mut Fields) {
    let Some((k, v)) = first(map, &["constraints"]) else {
        return;
    };
    let items = match v {
        Value::Array(items) => items.as_slice(),
        // One sentence where a list is expected: it is what the author meant, so it is kept.
        Value::String(_) => {
            f.problems.push((
                k.into(),
                "`constraints` should be a list; read as one constraint (write it as `- ...` \
                 on the line below)"
                    .into(),
            ));
            std::slice::from_ref(v)
        }
        _ => {
            f.problems
                .push((k.into(), "`constraints` should be a list".into()));
            return;
        }
    };
    for item in items {
        let t = text(item).or_else(|| {
            item.as_object()
                .and_then(|o| first(o, CONSTRAINT_TEXT))
                .and_then(|(_, v)| text(v))
        });
        match t {
            Some(t) => f.constraints.push(t),
            None => f
                .problems
                .push((k.into(), "a constraint should be a sentence".into())),
        }
    }
}

fn read_qualities(map: &Map<String, Value>, f: &mut Fields) {
    let Some((k, v)) = first(map, QUALITIES) else {
        return;
    };
    let Value::Array(items) = v else {
        f.problems
            .push((k.into(), format!("`{k}` should be a list")));
        return;
    };
    for item in items {
        let Some(o) = item.as_object() else {
            f.problems
                .push((k.into(), "a quality attribute should be a mapping".into()));
            continue;
        };
        let get = |keys: &[&str]| first(o, keys).and_then(|(_, v)| text(v));
        let Some(attribute) = get(ATTRIBUTE) else {
            f.problems
                .push((k.into(), "a quality attribute needs `attribute`".into()));
            continue;
        };
        let scen = o.get("scenario").and_then(Value::as_object).unwrap_or(o);
        let sget = |keys: &[&str]| first(scen, keys).and_then(|(_, v)| text(v));
        f.quality_attributes.push(QualityAttribute {
            id: get(&["id"]).unwrap_or_else(|| attribute.to_lowercase().replace(' ', "-")),
            scenario: Scenario {
                source: sget(&["source"]),
                stimulus: sget(&["stimulus"]),
                artifact: sget(&["artifact"]),
                environment: sget(&["environment"]),
                response: sget(&["response"]),
                response_measure: sget(MEASURE),
            },
            attribute,
            priority: get(PRIORITY).and_then(|p| Priority::parse(&p)),
            difficulty: get(DIFFICULTY).and_then(|p| Priority::parse(&p)),
        });
    }
}

fn read_options(map: &Map<String, Value>, f: &mut Fields) {
    let Some((k, v)) = first(map, OPTIONS) else {
        return;
    };
    let Value::Array(items) = v else {
        f.problems
            .push((k.into(), "`options` should be a list".into()));
        return;
    };
    for item in items {
        if let Some(name) = text(item) {
            f.options.push(DecisionOption {
                name,
                summary: None,
                chosen: false,
                tradeoffs: Vec::new(),
            });
            continue;
        }
        let Some(o) = item.as_object() else {
            continue;
        };
        let Some(name) = first(o, OPTION_NAME).and_then(|(_, v)| text(v)) else {
            f.problems
                .push((k.into(), "an option needs a `name`".into()));
            continue;
        };
        let tradeoffs = match first(o, TRADEOFFS) {
            Some((_, Value::Object(t))) => t.iter().map(|(a, v)| tradeoff(a, v)).collect(),
            Some((_, Value::Array(t))) => t
                .iter()
                .filter_map(Value::as_object)
                .filter_map(|o| {
                    let a = first(o, TRADEOFF_ATTRIBUTE).and_then(|(_, v)| text(v))?;
                    Some(tradeoff(&a, &Value::Object(o.clone())))
                })
                .collect(),
            _ => Vec::new(),
        };
        f.options.push(DecisionOption {
            name,
            summary: first(o, SUMMARY).and_then(|(_, v)| text(v)),
            chosen: o.get("chosen").and_then(flag).unwrap_or(false),
            tradeoffs,
        });
    }
}

/// A yes-or-no value: a YAML boolean, or the words YAML 1.1 read as one (`yes`, `no`, `on`,
/// `off`), which many editors and tools still write and mean as one. `adr check` asks for a
/// boolean all the same.
pub fn flag(v: &Value) -> Option<bool> {
    match v {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" | "y" | "on" => Some(true),
            "false" | "no" | "n" | "off" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// `perf: "+"`, `perf: "- slower writes"` or `perf: {effect: "-", note: "slower writes"}`.
pub fn tradeoff(attribute: &str, v: &Value) -> TradeOff {
    let (effect, note) = match v {
        Value::Object(o) => (
            first(o, EFFECT)
                .and_then(|(_, v)| text(v))
                .and_then(|e| Effect::parse(&e)),
            first(o, NOTE).and_then(|(_, v)| text(v)),
        ),
        other => {
            let t = text(other).unwrap_or_default();
            let (head, tail) = t.split_once(char::is_whitespace).unwrap_or((&t, ""));
            match Effect::parse(head) {
                Some(e) => (
                    Some(e),
                    Some(tail.trim().to_string()).filter(|s| !s.is_empty()),
                ),
                None => (Effect::parse(&t), None),
            }
        }
    };
    TradeOff {
        attribute: attribute.to_string(),
        effect,
        note,
    }
}

fn read_links(map: &Map<String, Value>, f: &mut Fields) {
    for (key, value) in map {
        let kind = match key.as_str() {
            "links" => {
                read_link_list(value, f);
                continue;
            }
            k if SUPERSEDES.contains(&k) => "supersedes",
            k if SUPERSEDED_BY.contains(&k) => "superseded-by",
            "amends" => "amends",
            k if AMENDED_BY.contains(&k) => "amended-by",
            _ => continue,
        };
        for target in strings(value).unwrap_or_default() {
            f.links.push((kind.to_string(), target));
        }
    }
}

fn read_link_list(value: &Value, f: &mut Fields) {
    let Value::Array(items) = value else {
        f.problems
            .push(("links".into(), "`links` should be a list".into()));
        return;
    };
    for item in items {
        let o = item.as_object();
        let get = |keys: &[&str]| o.and_then(|o| first(o, keys)).and_then(|(_, v)| text(v));
        match (get(LINK_KIND), get(LINK_TARGET)) {
            (Some(kind), Some(target)) => {
                let kind = normalise_link_kind(&kind).unwrap_or(kind);
                f.links.push((kind, target));
            }
            _ => f
                .problems
                .push(("links".into(), "each link needs `type` and `target`".into())),
        }
    }
}

fn read_history(map: &Map<String, Value>, f: &mut Fields) {
    let Some(Value::Array(items)) = map.get("status_history") else {
        return;
    };
    for item in items.iter().filter_map(Value::as_object) {
        let get = |k: &str| item.get(k).and_then(text);
        if let (Some(date), Some(status)) = (get("date"), get("status")) {
            f.history.push(StatusChange {
                date,
                status: normalise_status(&status),
                raw: status,
                line: None,
                by: get("by"),
                forced: get("forced"),
            });
        }
    }
}

/// Builds model links from front-matter link pairs, at the line of the key that holds them.
pub fn links(pairs: &[(String, String)], line: usize) -> Vec<Link> {
    pairs
        .iter()
        .map(|(kind, target)| Link {
            kind: kind.clone(),
            label: kind.clone(),
            target: target.clone(),
            text: None,
            line,
        })
        .collect()
}

/// Top-level `key: value` lines of front matter that is not valid YAML, read one by one:
/// `title: ADR002: Default Catalog File Format` gives that whole title. Returns the values and
/// each key's line within the YAML text.
/// Front matter written `key:value` with no space after the colon, one pair a line
/// (`tag:Genome Browser`), which YAML reads as one string: the pairs, when every line with
/// content is such a pair, with their lines.
pub fn unspaced_pairs(yaml: &str) -> Option<(Value, Vec<(String, usize)>)> {
    let mut map = Map::new();
    let mut lines = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once(':')?;
        let word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-');
        if key.is_empty() || !key.chars().all(word) || value.starts_with([' ', '/']) {
            return None;
        }
        let value = value.trim();
        if value.is_empty() || map.contains_key(key) {
            return None;
        }
        map.insert(key.to_string(), Value::String(value.to_string()));
        lines.push((key.to_string(), i + 1));
    }
    (!map.is_empty()).then_some((Value::Object(map), lines))
}

pub fn lenient(yaml: &str) -> (Value, Vec<(String, usize)>) {
    let mut map = Map::new();
    let mut lines = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        if line.starts_with([' ', '\t', '#', '-']) {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim();
        // Only single-line scalars can be trusted from a line; lists and maps are left out
        // rather than misread.
        if !matches!(key, "title" | "status" | "date" | "number" | "adr" | "id") {
            continue;
        }
        let v = value.trim();
        let v = v
            .strip_prefix('"')
            .and_then(|x| x.strip_suffix('"'))
            .or_else(|| v.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')))
            .unwrap_or(v);
        if !v.is_empty() && !map.contains_key(key) {
            map.insert(key.to_string(), Value::String(v.to_string()));
            lines.push((key.to_string(), i + 1));
        }
    }
    (Value::Object(map), lines)
}
