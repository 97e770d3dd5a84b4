//! What `adr show` prints for one record: the documented JSON view and the text rendering.

use crate::model::{DecisionOption, Effect, Priority, QualityAttribute, Record, StatusChange};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::Path;

/// One record in `adr show --format json` (documented in the README's "Machine output").
/// It has the fields the record itself had when `show` printed it directly, in the same order
/// and under the same names, so scripts written against that output keep working.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct RecordView<'a> {
    pub number: Option<u32>,
    /// The number the file itself states, when it states one.
    pub number_in_file: Option<u32>,
    pub id: &'a str,
    pub title: Option<&'a str>,
    /// `{state, raw, line}`, or null.
    pub status: Option<StatusView<'a>>,
    /// `{date, status, raw}` per dated entry, oldest first.
    pub status_history: Vec<HistoryView<'a>>,
    /// The date as written.
    pub date: Option<&'a str>,
    /// The date as `YYYY-MM-DD`, when it could be read.
    pub date_iso: Option<&'a str>,
    pub deciders: &'a [String],
    pub consulted: &'a [String],
    pub informed: &'a [String],
    pub tags: &'a [String],
    pub scope: &'a [String],
    pub constraints: &'a [String],
    pub quality_attributes: Vec<QualityView<'a>>,
    pub options: Vec<OptionView<'a>>,
    /// The situation the decision is made in, or null.
    pub context: Option<&'a str>,
    pub drivers: &'a [String],
    pub links: Vec<FullLinkView<'a>>,
    /// Ids of the goals the decision serves.
    pub goals: &'a [String],
    /// `YYYY-MM-DD`, or null.
    pub review_by: Option<&'a str>,
    pub revisit_when: Option<&'a str>,
    pub approvals: Vec<ApprovalView<'a>>,
    pub confirmation: Vec<ConfirmationView<'a>>,
    /// structured, nygard or madr.
    pub format: &'a str,
    /// Every front-matter key as written, or null.
    pub front_matter: Option<&'a serde_json::Value>,
    pub body: &'a str,
    /// The file line the body starts on.
    pub body_line: usize,
    pub path: &'a Path,
}

/// One link in `adr show --format json`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct FullLinkView<'a> {
    pub kind: &'a str,
    pub label: &'a str,
    pub target: &'a str,
    pub text: Option<&'a str>,
    pub line: usize,
}

/// A record's status: the normalised state, the words as written and the file line.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct StatusView<'a> {
    pub state: &'a str,
    pub raw: &'a str,
    pub line: usize,
}

/// One dated entry of the status history.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct HistoryView<'a> {
    pub date: &'a str,
    /// The normalised state.
    pub status: &'a str,
    pub raw: &'a str,
    /// Who made the change, or null.
    pub by: Option<&'a str>,
    /// What `--force` overrode, or null.
    pub forced: Option<&'a str>,
}

/// Someone's approval: who, and the date when recorded.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ApprovalView<'a> {
    pub by: &'a str,
    pub date: Option<&'a str>,
}

/// How compliance is checked: `kind` is test, file or command; `value` as written.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ConfirmationView<'a> {
    pub kind: crate::model::ConfirmationKind,
    pub value: &'a str,
}

/// A quality attribute with its scenario.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct QualityView<'a> {
    pub id: &'a str,
    pub attribute: &'a str,
    pub scenario: ScenarioView<'a>,
    /// high, medium, low or null.
    pub priority: Option<Priority>,
    /// high, medium, low or null.
    pub difficulty: Option<Priority>,
}

/// A quality-attribute scenario; each part null when not written.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct ScenarioView<'a> {
    pub source: Option<&'a str>,
    pub stimulus: Option<&'a str>,
    pub artifact: Option<&'a str>,
    pub environment: Option<&'a str>,
    pub response: Option<&'a str>,
    pub response_measure: Option<&'a str>,
}

/// An option that was considered, with its trade-offs.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct OptionView<'a> {
    pub name: &'a str,
    pub summary: Option<&'a str>,
    pub chosen: bool,
    pub tradeoffs: Vec<TradeOffView<'a>>,
}

/// An option's effect on one quality attribute (`attribute` is the attribute's `id`).
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct TradeOffView<'a> {
    pub attribute: &'a str,
    /// strongly-positive, positive, neutral, negative, strongly-negative or null.
    pub effect: Option<Effect>,
    pub note: Option<&'a str>,
}

impl<'a> HistoryView<'a> {
    fn of(h: &'a StatusChange) -> HistoryView<'a> {
        HistoryView {
            date: &h.date,
            status: h.status.as_str(),
            raw: &h.raw,
            by: h.by.as_deref(),
            forced: h.forced.as_deref(),
        }
    }
}

impl<'a> QualityView<'a> {
    pub fn of(q: &'a QualityAttribute) -> QualityView<'a> {
        let s = &q.scenario;
        QualityView {
            id: &q.id,
            attribute: &q.attribute,
            scenario: ScenarioView {
                source: s.source.as_deref(),
                stimulus: s.stimulus.as_deref(),
                artifact: s.artifact.as_deref(),
                environment: s.environment.as_deref(),
                response: s.response.as_deref(),
                response_measure: s.response_measure.as_deref(),
            },
            priority: q.priority,
            difficulty: q.difficulty,
        }
    }
}

impl<'a> OptionView<'a> {
    pub fn of(o: &'a DecisionOption) -> OptionView<'a> {
        OptionView {
            name: &o.name,
            summary: o.summary.as_deref(),
            chosen: o.chosen,
            tradeoffs: o
                .tradeoffs
                .iter()
                .map(|t| TradeOffView {
                    attribute: &t.attribute,
                    effect: t.effect,
                    note: t.note.as_deref(),
                })
                .collect(),
        }
    }
}

impl<'a> RecordView<'a> {
    pub fn of(r: &'a Record) -> RecordView<'a> {
        RecordView {
            number: r.number,
            number_in_file: r.number_in_file,
            id: &r.id,
            title: r.title.as_deref(),
            status: r.status.as_ref().map(|s| StatusView {
                state: s.state.as_str(),
                raw: &s.raw,
                line: s.line,
            }),
            status_history: r.status_history.iter().map(HistoryView::of).collect(),
            date: r.date.as_deref(),
            date_iso: r.date_iso.as_deref(),
            deciders: &r.deciders,
            consulted: &r.consulted,
            informed: &r.informed,
            tags: &r.tags,
            scope: &r.scope,
            constraints: &r.constraints,
            quality_attributes: r.quality_attributes.iter().map(QualityView::of).collect(),
            options: r.options.iter().map(OptionView::of).collect(),
            context: r.context.as_deref(),
            drivers: &r.drivers,
            links: r
                .links
                .iter()
                .map(|l| FullLinkView {
                    kind: &l.kind,
                    label: &l.label,
                    target: &l.target,
                    text: l.text.as_deref(),
                    line: l.line,
                })
                .collect(),
            goals: &r.goals,
            review_by: r.review_by.as_deref(),
            revisit_when: r.revisit_when.as_deref(),
            approvals: r
                .approvals
                .iter()
                .map(|a| ApprovalView {
                    by: &a.by,
                    date: a.date.as_deref(),
                })
                .collect(),
            confirmation: r
                .confirmation
                .iter()
                .map(|c| ConfirmationView {
                    kind: c.kind,
                    value: &c.value,
                })
                .collect(),
            format: r.format.name(),
            front_matter: r.front_matter.as_ref(),
            body: &r.body,
            body_line: r.body_line,
            path: &r.path,
        }
    }
}

/// A header of the machine-readable facts, then the Markdown body as written.
pub fn text(r: &Record) -> String {
    let mut o = String::new();
    let title = r.display_title();
    let _ = writeln!(o, "{} {}", super::number_text(r), title);
    let _ = writeln!(o, "  path:     {}", r.path.display());
    if let Some(s) = &r.status {
        let raw = if s.raw.eq_ignore_ascii_case(s.state.as_str()) {
            String::new()
        } else {
            format!(" ({})", s.raw)
        };
        let _ = writeln!(o, "  status:   {}{raw}", s.state);
    }
    if let Some(d) = r.date_iso.as_ref().or(r.date.as_ref()) {
        let _ = writeln!(o, "  date:     {d}");
    }
    for (label, items) in [
        ("deciders", &r.deciders),
        ("tags", &r.tags),
        ("scope", &r.scope),
        ("goals", &r.goals),
    ] {
        if !items.is_empty() {
            let _ = writeln!(
                o,
                "  {label}:{}{}",
                " ".repeat(9 - label.len()),
                items.join(", ")
            );
        }
    }
    for l in &r.links {
        let _ = writeln!(o, "  link:     {} {}", l.kind, l.target);
    }
    governance_text(&mut o, r);
    if !r.constraints.is_empty() {
        let _ = writeln!(o, "\nConstraints:");
        for c in &r.constraints {
            let _ = writeln!(o, "  - {c}");
        }
    }
    if !r.quality_attributes.is_empty() {
        let _ = writeln!(o, "\nQuality attributes:");
        for q in &r.quality_attributes {
            let prio = q
                .priority
                .map(|p| format!(" [{p:?}]").to_lowercase())
                .unwrap_or_default();
            let _ = writeln!(o, "  {} ({}){prio}", q.attribute, q.id);
            let s = &q.scenario;
            for (k, v) in [
                ("source", &s.source),
                ("stimulus", &s.stimulus),
                ("environment", &s.environment),
                ("response", &s.response),
                ("measure", &s.response_measure),
            ] {
                if let Some(v) = v {
                    let _ = writeln!(o, "    {k}: {v}");
                }
            }
        }
    }
    if !r.options.is_empty() {
        let _ = writeln!(o, "\nOptions:");
        for opt in &r.options {
            let mark = if opt.chosen { "*" } else { "-" };
            let summary = opt
                .summary
                .as_deref()
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            let _ = writeln!(o, "  {mark} {}{summary}", opt.name);
            for t in &opt.tradeoffs {
                let effect = t.effect.map_or("?", |e| e.symbol());
                let note = t
                    .note
                    .as_deref()
                    .map(|n| format!(" {n}"))
                    .unwrap_or_default();
                let _ = writeln!(o, "      {effect} {}{note}", t.attribute);
            }
        }
    }
    let _ = writeln!(o);
    o.push_str(r.body.trim_start_matches(['\n', '\r']));
    if !o.ends_with('\n') {
        o.push('\n');
    }
    o
}

/// The review date, approvals and confirmations of `adr show`'s header.
fn governance_text(o: &mut String, r: &Record) {
    if r.review_by.is_some() || r.revisit_when.is_some() {
        let when = r
            .revisit_when
            .as_deref()
            .map(|w| format!("or when {w}"))
            .unwrap_or_default();
        let by = r.review_by.as_deref().unwrap_or_default();
        let _ = writeln!(o, "  review:   {}", format!("{by} {when}").trim());
    }
    for a in &r.approvals {
        let date = a
            .date
            .as_deref()
            .map(|d| format!(" {d}"))
            .unwrap_or_default();
        let _ = writeln!(o, "  approved: {}{date}", a.by);
    }
    for c in &r.confirmation {
        let _ = writeln!(o, "  confirm:  {} {}", c.kind.as_str(), c.value);
    }
}

/// What `adr status REF` prints with no new status: the current state (normalised, with the
/// words as written when they differ), then each dated change, oldest first.
pub fn status_text(r: &Record) -> String {
    let mut o = String::new();
    match &r.status {
        Some(s) if s.raw.trim().eq_ignore_ascii_case(s.state.as_str()) => {
            let _ = writeln!(o, "{}", s.state);
        }
        Some(s) => {
            let _ = writeln!(o, "{} (written `{}`)", s.state, s.raw.trim());
        }
        None => o.push_str("no status\n"),
    }
    for h in &r.status_history {
        let _ = writeln!(o, "  {}  {}", h.date, h.raw.trim());
    }
    if r.status_history.is_empty() {
        match r.date_iso.as_ref().or(r.date.as_ref()) {
            Some(d) => {
                let _ = writeln!(o, "  no status changes recorded; the record is dated {d}");
            }
            None => o.push_str("  no status changes recorded\n"),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The view was cut from the record's own serialisation; every key and value must survive.
    #[test]
    fn json_view_keeps_every_field_the_record_serialised() {
        let text = "---\nstatus: accepted\ndate: 2024-02-29\ntags: [ops]\ndeciders: [Ann]\n\
                    consulted: [Bo]\ninformed: [Cy]\nscope: ['src/**']\nconstraints: [budget]\n\
                    quality_attributes:\n  - attribute: Performance\n    priority: high\n    \
                    scenario:\n      stimulus: load\n      response: fast\n\
                    context: a busy shop\ndrivers: [cost]\noptions:\n  - name: A\n    chosen: true\n    tradeoffs:\n      \
                    - attribute: performance\n        effect: positive\n\
                    links:\n  - kind: supersedes\n    target: 0001-old.md\n\
                    status_history:\n  - date: 2024-01-01\n    status: proposed\n    by: Ann\n\
                    goals: [g]\nreview_by: 2027-01-01\nrevisit_when: load doubles\n\
                    approvals:\n  - {by: Bo, date: 2024-01-02}\nconfirmation:\n  - {file: a.rego}\n\
                    custom: kept\n---\n# 2. Title\n\nBody [x](0003-y.md).\n";
        let name = crate::names::parse_record_name("0002-title").unwrap();
        let r = crate::parse::parse_record(Path::new("0002-title.md"), "0002-title", &name, text).0;
        // Every nested shape is filled, so the comparison below covers each of them.
        assert!(r.status.is_some() && !r.links.is_empty() && !r.status_history.is_empty());
        assert!(r.quality_attributes[0].priority.is_some());
        assert!(r.options[0].tradeoffs[0].effect.is_some());
        assert!(r.status_history[0].by.is_some() && r.review_by.is_some());
        assert!(!(r.goals.is_empty() || r.approvals.is_empty() || r.confirmation.is_empty()));
        let record = serde_json::to_value(&r).unwrap();
        let view = serde_json::to_value(RecordView::of(&r)).unwrap();
        assert_eq!(view, record);
        let keys = |v: &serde_json::Value| -> Vec<String> {
            v.as_object().unwrap().keys().cloned().collect()
        };
        assert_eq!(keys(&view), keys(&record));
    }
}
