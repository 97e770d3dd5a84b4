//! A structured record's front matter written whole from the model: the inverse of
//! `parse::fields`, for new text (the surgical edits of existing files are in `front`). Every
//! scalar goes through [`scalar`], the quoting the edits use, so a value reads back as written
//! whatever characters it holds.

use super::front::scalar;
use crate::model::{DecisionOption, Priority, QualityAttribute, Record};

/// The front matter, fences included, of a structured record with `record`'s status, date,
/// people, tags, scope, constraints, quality attributes, options, links and status history.
///
/// Read back, it gives the same fields, as the reader normalises them: values trimmed, and
/// blank list items, blank optional values and blank trade-off notes left out (the reader could
/// not tell them from absent ones). The five keys that mark the structured format are always
/// written, as `[]` when empty, so the record reads back as structured.
pub fn front_matter(record: &Record) -> String {
    let mut out = String::from("---\n");
    if let Some(status) = &record.status {
        value(&mut out, 0, "status", &status.raw);
    }
    if let Some(date) = &record.date {
        value(&mut out, 0, "date", date);
    }
    for (key, items, always) in [
        ("deciders", &record.deciders, true),
        ("consulted", &record.consulted, false),
        ("informed", &record.informed, false),
        ("tags", &record.tags, false),
        ("scope", &record.scope, true),
        ("constraints", &record.constraints, true),
    ] {
        let items: Vec<&String> = items.iter().filter(|i| !i.trim().is_empty()).collect();
        if items.is_empty() {
            if always {
                out.push_str(&format!("{key}: []\n"));
            }
            continue;
        }
        out.push_str(&format!("{key}:\n"));
        for item in items {
            out.push_str(&format!("  - {}\n", scalar(item)));
        }
    }
    let qualities: Vec<String> = record.quality_attributes.iter().map(quality).collect();
    list(&mut out, "quality_attributes", &qualities, true);
    let options: Vec<String> = record.options.iter().map(option).collect();
    list(&mut out, "options", &options, true);
    if let Some(context) = &record.context {
        value(&mut out, 0, "context", context);
    }
    let drivers: Vec<String> = record
        .drivers
        .iter()
        .filter(|d| !d.trim().is_empty())
        .map(|d| scalar(d))
        .collect();
    if !drivers.is_empty() {
        out.push_str("drivers:\n");
        for d in drivers {
            out.push_str(&format!("  - {d}\n"));
        }
    }
    let links: Vec<String> = record
        .links
        .iter()
        .map(|l| mapping(&[("type", &l.kind), ("target", &l.target)], 4))
        .collect();
    list(&mut out, "links", &links, false);
    let history: Vec<String> = record
        .status_history
        .iter()
        .map(|h| mapping(&[("date", &h.date), ("status", &h.raw)], 4))
        .collect();
    list(&mut out, "status_history", &history, false);
    out.push_str("---\n");
    out
}

/// `key: value` at `indent`; a blank value is left out.
fn value(out: &mut String, indent: usize, key: &str, value: &str) {
    if !value.trim().is_empty() {
        out.push_str(&format!("{:indent$}{key}: {}\n", "", scalar(value)));
    }
}

/// A block list of mappings, each rendered with its first line after `  - `.
fn list(out: &mut String, key: &str, items: &[String], always: bool) {
    if items.is_empty() {
        if always {
            out.push_str(&format!("{key}: []\n"));
        }
        return;
    }
    out.push_str(&format!("{key}:\n"));
    for item in items {
        match item.strip_prefix("    ") {
            Some(rest) => out.push_str(&format!("  - {rest}")),
            None => out.push_str("  - {}\n"),
        }
    }
}

/// The non-blank `pairs` as mapping lines at `indent`.
fn mapping(pairs: &[(&str, &str)], indent: usize) -> String {
    let mut out = String::new();
    for (key, v) in pairs {
        value(&mut out, indent, key, v);
    }
    out
}

fn priority(p: Option<Priority>) -> &'static str {
    match p {
        Some(Priority::High) => "high",
        Some(Priority::Medium) => "medium",
        Some(Priority::Low) => "low",
        None => "",
    }
}

fn quality(q: &QualityAttribute) -> String {
    let mut out = mapping(
        &[
            ("id", &q.id),
            ("attribute", &q.attribute),
            ("priority", priority(q.priority)),
            ("difficulty", priority(q.difficulty)),
        ],
        4,
    );
    let s = &q.scenario;
    let scenario = mapping(
        &[
            ("source", s.source.as_deref().unwrap_or("")),
            ("stimulus", s.stimulus.as_deref().unwrap_or("")),
            ("artifact", s.artifact.as_deref().unwrap_or("")),
            ("environment", s.environment.as_deref().unwrap_or("")),
            ("response", s.response.as_deref().unwrap_or("")),
            (
                "response_measure",
                s.response_measure.as_deref().unwrap_or(""),
            ),
        ],
        6,
    );
    if !scenario.is_empty() {
        out.push_str("    scenario:\n");
        out.push_str(&scenario);
    }
    out
}

fn option(o: &DecisionOption) -> String {
    let mut out = mapping(
        &[
            ("name", &o.name),
            ("summary", o.summary.as_deref().unwrap_or("")),
        ],
        4,
    );
    out.push_str(&format!("    chosen: {}\n", o.chosen));
    if !o.tradeoffs.is_empty() {
        out.push_str("    tradeoffs:\n");
    }
    for t in &o.tradeoffs {
        // The mapping form, never `"+ note"`: a note that starts with an effect's word
        // (`good`, `none`, `-`) would be read as the effect.
        let body = mapping(
            &[
                ("effect", t.effect.map_or("", |e| e.symbol())),
                ("note", t.note.as_deref().unwrap_or("")),
            ],
            8,
        );
        // Trade-offs are keyed by the attribute's id exactly as written: the reader does not
        // trim keys.
        if body.is_empty() {
            out.push_str(&format!("      {}: ~\n", scalar(&t.attribute)));
        } else {
            out.push_str(&format!("      {}:\n{body}", scalar(&t.attribute)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Effect, Link, Scenario, TradeOff};
    use std::path::Path;

    #[test]
    fn writes_each_structured_key_quoting_only_what_needs_it() {
        let text = "---\nstatus: accepted\ndate: 2024-02-29\n---\n# T\n";
        let name = crate::names::parse_record_name("0001-t").unwrap();
        let mut r = crate::parse::parse_record(Path::new("0001-t.md"), "0001-t", &name, text).0;
        r.tags = vec!["C#".into(), "ops".into()];
        r.constraints = vec!["budget: 10k # max".into(), " ".into()];
        r.quality_attributes = vec![QualityAttribute {
            id: "perf".into(),
            attribute: "Performance".into(),
            scenario: Scenario {
                response_measure: Some("p99 < 200 ms".into()),
                ..Scenario::default()
            },
            priority: Some(Priority::High),
            difficulty: None,
        }];
        r.options = vec![DecisionOption {
            name: "Use 007".into(),
            summary: None,
            chosen: true,
            tradeoffs: vec![TradeOff {
                attribute: "perf".into(),
                effect: Some(Effect::Positive),
                note: Some("none".into()),
            }],
        }];
        r.links = vec![Link {
            kind: "amends".into(),
            label: "amends".into(),
            target: "0002-x.md".into(),
            text: None,
            line: 1,
        }];
        assert_eq!(
            front_matter(&r),
            "---\nstatus: accepted\ndate: 2024-02-29\ndeciders: []\ntags:\n  - \"C#\"\n  - ops\n\
             scope: []\nconstraints:\n  - \"budget: 10k # max\"\nquality_attributes:\n  - id: perf\n\
             \x20   attribute: Performance\n    priority: high\n    scenario:\n\
             \x20     response_measure: \"p99 < 200 ms\"\noptions:\n  - name: Use 007\n\
             \x20   chosen: true\n    tradeoffs:\n      perf:\n        effect: \"+\"\n\
             \x20       note: none\nlinks:\n  - type: amends\n    target: 0002-x.md\n---\n"
        );
    }
}
