//! Generators for the record properties: hostile text for front-matter values, titles, the
//! structured format's fields, and what the reader makes of each (trimmed, blank values absent).

use adr::model::{
    DecisionOption, Effect, Format, Priority, QualityAttribute, Record, Scenario, Status,
    StatusChange, TradeOff,
};
use adr::parse::words::normalise_status;
use proptest::prelude::*;

/// Pieces of text that YAML, Markdown headings or file names treat specially, with letters and
/// digits of several scripts around them.
pub const HOSTILE: &[&str] = &[
    ": ",
    ":",
    " #",
    "#",
    "\"",
    "'",
    "-",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&",
    "*",
    "!",
    "|",
    ">",
    "%",
    "@",
    "`",
    "```",
    ",",
    "?",
    "~",
    "\\",
    "---",
    "...",
    "true",
    "false",
    "null",
    "Null",
    "~",
    "yes",
    "No",
    "007",
    "0028",
    "0x1F",
    "1e3",
    ".inf",
    "1.50",
    "-3",
    "+1",
    "12:30",
    "2024-02-29",
    "é",
    "e\u{301}",
    "测试",
    "添加",
    "🦀",
    "👩‍💻",
    "שלום",
    "مرحبا",
    "\u{200F}",
    "\u{200B}",
    "\u{2028}",
    "\u{FEFF}",
    "\u{A0}",
    "\u{3000}",
    " ",
    "   ",
];

/// A fragment of hostile text: a word, a hostile piece, or any Unicode character but NUL
/// (control characters included: values in front matter must survive them).
pub fn hostile_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Za-z][a-z]{0,6}",
        1 => "[0-9]{1,3}",
        4 => prop::sample::select(HOSTILE).prop_map(str::to_string),
        1 => any::<char>().prop_filter("NUL makes a file binary", |c| *c != '\0').prop_map(String::from),
        1 => "\\PC{1,3}",
    ]
}

/// Text for front-matter values: hostile pieces run together or spaced, empty included.
pub fn hostile() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(hostile_piece(), 0..6),
        prop::sample::select(vec!["", " "]),
    )
        .prop_map(|(pieces, sep)| pieces.join(sep))
}

/// What the reader makes of a value: trimmed, and nothing when that leaves nothing.
pub fn norm(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

pub fn norm_list(items: &[String]) -> Vec<String> {
    items.iter().filter_map(|s| norm(s)).collect()
}

/// What the reader makes of a list of names: [`norm_list`] less template guidance
/// (`{list everyone involved}`, `TBD`), which names nobody.
pub fn norm_names(items: &[String]) -> Vec<String> {
    norm_list(items)
        .into_iter()
        .filter(|s| !adr::parse::placeholder::is_placeholder(s))
        .collect()
}

/// Titles as people type them and worse: any printable Unicode (emoji, combining marks, RTL,
/// CJK), runs of spaces and leading or trailing ones, Markdown and YAML punctuation, the
/// characters that are dangerous in a file name (`/`, `..`, `\\`), the template's placeholder
/// words, titles too long for a file name, and in about one title in six a control character
/// other than NUL and newline (which `adr new` refuses).
pub fn title() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        16 => "[A-Za-z][a-z]{0,8}",
        4 => "[0-9]{1,4}",
        4 => "\\PC{1,4}",
        4 => "[\\p{Han}\\p{Hebrew}\\p{Arabic}]{1,4}",
        4 => "[\\p{Mn}]{1,2}",
        6 => prop::sample::select(vec![
            "..", "/", "\\", "#", "##", ":", "---", "`", "``", "```", "-", "*", "[x]", "<!--",
            "🦀", "👩‍💻", "e\u{301}", "\u{200F}", "\u{2028}", "\u{FEFF}", "\u{A0}", "DATE",
            "STATUS", "NUMBER", "TITLE",
        ]).prop_map(str::to_string),
    ];
    let words = prop_oneof![
        9 => prop::collection::vec(word.clone(), 1..12),
        1 => prop::collection::vec(word, 12..60),
    ];
    let control = prop::option::weighted(
        0.15,
        (
            "[\\x01-\\x09\\x0B-\\x1F\\x7F\\u{80}-\\u{9F}]",
            any::<prop::sample::Index>(),
        ),
    );
    (
        words,
        prop::collection::vec(prop::sample::select(vec![" ", "  ", "   ", ""]), 60),
        prop::sample::select(vec!["", " ", "  "]),
        prop::sample::select(vec!["", " ", "  "]),
        control,
    )
        .prop_map(|(words, seps, lead, trail, control)| {
            let mut words = words;
            if let Some((c, at)) = control {
                let at = at.index(words.len() + 1);
                words.insert(at, c);
            }
            let mut t = String::from(lead);
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    t.push_str(seps[i]);
                }
                t.push_str(w);
            }
            t + trail
        })
}

pub fn format_strategy() -> impl Strategy<Value = Format> {
    prop_oneof![
        Just(Format::Structured),
        Just(Format::Nygard),
        Just(Format::Madr)
    ]
}

/// Hostile text that is not blank once trimmed: values the reader needs (a name, a type).
pub fn nonblank() -> impl Strategy<Value = String> {
    hostile().prop_filter("the reader drops blank values", |s| !s.trim().is_empty())
}

pub fn priority() -> impl Strategy<Value = Option<Priority>> {
    prop::option::of(prop::sample::select(vec![
        Priority::High,
        Priority::Medium,
        Priority::Low,
    ]))
}

pub fn quality_attribute() -> impl Strategy<Value = QualityAttribute> {
    let scenario = prop::collection::vec(prop::option::of(hostile()), 6).prop_map(|f| Scenario {
        source: f[0].clone(),
        stimulus: f[1].clone(),
        artifact: f[2].clone(),
        environment: f[3].clone(),
        response: f[4].clone(),
        response_measure: f[5].clone(),
    });
    (hostile(), nonblank(), priority(), priority(), scenario).prop_map(
        |(id, attribute, priority, difficulty, scenario)| QualityAttribute {
            id,
            attribute,
            scenario,
            priority,
            difficulty,
        },
    )
}

pub fn decision_option() -> impl Strategy<Value = DecisionOption> {
    let effect = prop::option::of(prop::sample::select(vec![
        Effect::StronglyPositive,
        Effect::Positive,
        Effect::Neutral,
        Effect::Negative,
        Effect::StronglyNegative,
    ]));
    let tradeoff =
        (hostile(), effect, prop::option::of(hostile())).prop_map(|(attribute, effect, note)| {
            TradeOff {
                attribute,
                effect,
                note,
            }
        });
    (
        nonblank(),
        prop::option::of(hostile()),
        any::<bool>(),
        prop::collection::vec(tradeoff, 0..4),
    )
        .prop_map(|(name, summary, chosen, mut tradeoffs)| {
            // Trade-offs are a mapping keyed by attribute id: one per id.
            let mut seen = std::collections::HashSet::new();
            tradeoffs.retain(|t| seen.insert(t.attribute.clone()));
            DecisionOption {
                name,
                summary,
                chosen,
                tradeoffs,
            }
        })
}

/// The structured fields `adr new` leaves as template placeholders, to write from a model.
#[derive(Debug, Clone)]
pub struct StructuredFields {
    pub status: String,
    pub constraints: Vec<String>,
    pub qualities: Vec<QualityAttribute>,
    pub options: Vec<DecisionOption>,
    /// `(type, target)`
    pub links: Vec<(String, String)>,
    /// `(date, status)`
    pub history: Vec<(String, String)>,
}

pub fn structured_fields() -> impl Strategy<Value = StructuredFields> {
    (
        nonblank(),
        prop::collection::vec(hostile(), 0..4),
        prop::collection::vec(quality_attribute(), 0..3),
        prop::collection::vec(decision_option(), 0..3),
        prop::collection::vec((nonblank(), nonblank()), 0..3),
        prop::collection::vec((nonblank(), nonblank()), 0..3),
    )
        .prop_map(
            |(status, constraints, qualities, options, links, history)| StructuredFields {
                status,
                constraints,
                qualities,
                options,
                links,
                history,
            },
        )
}

/// `record` with `fields` in place of what it had.
pub fn with_fields(record: &Record, fields: &StructuredFields) -> Record {
    let mut r = record.clone();
    r.status = Some(Status {
        state: normalise_status(&fields.status),
        raw: fields.status.clone(),
        line: 2,
    });
    r.constraints = fields.constraints.clone();
    r.quality_attributes = fields.qualities.clone();
    r.options = fields.options.clone();
    r.links = adr::parse::fields::links(&fields.links, 0);
    r.status_history = fields
        .history
        .iter()
        .map(|(date, raw)| StatusChange {
            date: date.clone(),
            status: normalise_status(raw),
            raw: raw.clone(),
            line: None,
            by: None,
            forced: None,
        })
        .collect();
    r
}

/// What the reader makes of generated quality attributes: values trimmed, blank optional
/// values absent, a blank id defaulted from the attribute.
pub fn read_qualities(qualities: &[QualityAttribute]) -> Vec<QualityAttribute> {
    let opt = |v: &Option<String>| v.as_deref().and_then(norm);
    qualities
        .iter()
        .map(|q| {
            let attribute = norm(&q.attribute).unwrap();
            QualityAttribute {
                id: norm(&q.id).unwrap_or_else(|| attribute.to_lowercase().replace(' ', "-")),
                scenario: Scenario {
                    source: opt(&q.scenario.source),
                    stimulus: opt(&q.scenario.stimulus),
                    artifact: opt(&q.scenario.artifact),
                    environment: opt(&q.scenario.environment),
                    response: opt(&q.scenario.response),
                    response_measure: opt(&q.scenario.response_measure),
                },
                attribute,
                priority: q.priority,
                difficulty: q.difficulty,
            }
        })
        .collect()
}

/// What the reader makes of generated options: as for quality attributes; trade-off keys are
/// ids and kept exactly.
pub fn read_options(options: &[DecisionOption]) -> Vec<DecisionOption> {
    options
        .iter()
        .map(|o| DecisionOption {
            name: norm(&o.name).unwrap(),
            summary: o.summary.as_deref().and_then(norm),
            chosen: o.chosen,
            tradeoffs: o
                .tradeoffs
                .iter()
                .map(|t| TradeOff {
                    attribute: t.attribute.clone(),
                    effect: t.effect,
                    note: t.note.as_deref().and_then(norm),
                })
                .collect(),
        })
        .collect()
}
