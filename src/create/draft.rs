//! A new record written whole from structured input (`adr mcp`'s `draft_decision`): the
//! context, constraints, quality-attribute scenarios and options with their trade-offs, in the
//! log's format. The structured format keeps the fields in front matter (written by
//! [`crate::edit::front_matter`], which reads back as written); adr-tools and MADR records say
//! them in their own sections.
//!
//! The text is read back before anything is written: prose that would read as a status or a
//! link (`## Status`, "This supersedes ADR 3") is refused, naming it, rather than changing what
//! the record says.

use crate::edit::{front_matter, scalar};
use crate::error::Error;
use crate::model::{DecisionOption, Effect, Format, QualityAttribute, Record, Status};
use crate::template::Fill;
use std::fmt::Write as _;

/// What a drafted record says beyond its title, status, date, tags, scope and deciders (which
/// [`super::NewRecord`] carries for every new record).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Draft {
    pub context: String,
    pub decision: String,
    pub consequences: String,
    pub constraints: Vec<String>,
    pub quality_attributes: Vec<QualityAttribute>,
    pub options: Vec<DecisionOption>,
}

/// Everything else a draft's text is made of: the new record's header values.
pub struct Header<'a> {
    pub fill: &'a Fill<'a>,
    pub tags: &'a [String],
    pub scope: &'a [String],
    pub deciders: &'a [String],
}

impl Draft {
    /// The record's text in `format`.
    pub fn render(&self, format: Format, h: &Header<'_>) -> String {
        match format {
            Format::Structured => self.structured(h),
            Format::Nygard => self.nygard(h),
            Format::Madr => self.madr(h),
        }
    }

    fn structured(&self, h: &Header<'_>) -> String {
        let model = Record {
            status: Some(Status {
                state: crate::parse::words::normalise_status(h.fill.status),
                raw: h.fill.status.to_string(),
                line: 0,
            }),
            date: Some(h.fill.date.to_string()),
            deciders: h.deciders.to_vec(),
            tags: h.tags.to_vec(),
            scope: h.scope.to_vec(),
            constraints: self.constraints.clone(),
            quality_attributes: self.quality_attributes.clone(),
            options: self.options.clone(),
            ..empty_record()
        };
        let mut out = front_matter(&model);
        let _ = write!(out, "\n# {}\n", h.fill.title);
        section(&mut out, "## Context", &self.context);
        section(&mut out, "## Decision", &self.decision);
        section(&mut out, "## Consequences", &self.consequences);
        out
    }

    fn nygard(&self, h: &Header<'_>) -> String {
        let f = h.fill;
        let mut out = format!(
            "# {}. {}\n\nDate: {}\n\n## Status\n\n{}\n",
            f.number, f.title, f.date, f.status
        );
        let mut context = self.context.trim().to_string();
        append(&mut context, &self.constraints_md());
        append(&mut context, &self.qualities_md());
        section(&mut out, "## Context", &context);
        let mut decision = self.decision.trim().to_string();
        append(&mut decision, &self.options_md());
        section(&mut out, "## Decision", &decision);
        section(&mut out, "## Consequences", &self.consequences);
        out
    }

    fn madr(&self, h: &Header<'_>) -> String {
        let f = h.fill;
        let mut out = format!(
            "---\nstatus: {}\ndate: {}\n",
            scalar(f.status),
            scalar(f.date)
        );
        for (key, items) in [("decision-makers", h.deciders), ("tags", h.tags)] {
            let items: Vec<String> = items
                .iter()
                .map(|i| i.trim())
                .filter(|i| !i.is_empty())
                .map(scalar)
                .collect();
            if !items.is_empty() {
                let _ = writeln!(out, "{key}: [{}]", items.join(", "));
            }
        }
        let _ = write!(out, "---\n\n# {}\n", f.title);
        section(&mut out, "## Context and Problem Statement", &self.context);
        let mut drivers = self.constraints_md();
        append(&mut drivers, &self.qualities_md());
        if !drivers.is_empty() {
            section(&mut out, "## Decision Drivers", &drivers);
        }
        let names: Vec<String> = self
            .options
            .iter()
            .map(|o| format!("* {}", o.name))
            .collect();
        if !names.is_empty() {
            section(&mut out, "## Considered Options", &names.join("\n"));
        }
        let chosen: Vec<&str> = self
            .options
            .iter()
            .filter(|o| o.chosen)
            .map(|o| o.name.as_str())
            .collect();
        let mut outcome = match chosen.as_slice() {
            [one] => format!("Chosen option: \"{one}\"."),
            _ => String::new(),
        };
        append(&mut outcome, self.decision.trim());
        section(&mut out, "## Decision Outcome", &outcome);
        section(&mut out, "### Consequences", &self.consequences);
        if !self.options.is_empty() {
            out.push_str("\n## Pros and Cons of the Options\n");
            for o in &self.options {
                let mut text = o.summary.clone().unwrap_or_default();
                let pros: Vec<String> = o
                    .tradeoffs
                    .iter()
                    .map(|t| {
                        let verdict = match t.effect {
                            Some(Effect::StronglyPositive | Effect::Positive) => "Good",
                            Some(Effect::Negative | Effect::StronglyNegative) => "Bad",
                            _ => "Neutral",
                        };
                        let note = t
                            .note
                            .as_deref()
                            .map(|n| format!(": {n}"))
                            .unwrap_or_default();
                        format!(
                            "* {verdict}, because of {}{note}",
                            self.attribute_name(&t.attribute)
                        )
                    })
                    .collect();
                append(&mut text, &pros.join("\n"));
                section(&mut out, &format!("### {}", o.name), &text);
            }
        }
        out
    }

    /// The constraints as a Markdown list under a lead-in line, or nothing.
    fn constraints_md(&self) -> String {
        if self.constraints.is_empty() {
            return String::new();
        }
        let mut out = String::from("Constraints:\n");
        for c in &self.constraints {
            let _ = write!(out, "\n* {c}");
        }
        out
    }

    /// Each quality attribute with its priority and its scenario in one sentence.
    fn qualities_md(&self) -> String {
        if self.quality_attributes.is_empty() {
            return String::new();
        }
        let mut out = String::from("Quality attributes:\n");
        for q in &self.quality_attributes {
            let prio = q
                .priority
                .map(|p| format!(" ({} priority)", format!("{p:?}").to_lowercase()))
                .unwrap_or_default();
            let s = &q.scenario;
            let parts: Vec<String> = [
                ("source", &s.source),
                ("stimulus", &s.stimulus),
                ("artifact", &s.artifact),
                ("environment", &s.environment),
                ("response", &s.response),
                ("measure", &s.response_measure),
            ]
            .iter()
            .filter_map(|(k, v)| v.as_deref().map(|v| format!("{k}: {v}")))
            .collect();
            let scenario = if parts.is_empty() {
                String::new()
            } else {
                format!(" — {}", parts.join("; "))
            };
            let _ = write!(out, "\n* {}{prio}{scenario}", q.attribute);
        }
        out
    }

    /// Each option, the chosen one marked, with its summary and trade-offs.
    fn options_md(&self) -> String {
        if self.options.is_empty() {
            return String::new();
        }
        let mut out = String::from("Options considered:\n");
        for o in &self.options {
            let chosen = if o.chosen { " (chosen)" } else { "" };
            let summary = o
                .summary
                .as_deref()
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            let _ = write!(out, "\n* {}{chosen}{summary}", o.name);
            for t in &o.tradeoffs {
                let effect = t.effect.map_or("?", Effect::symbol);
                let note = t
                    .note
                    .as_deref()
                    .map(|n| format!(" {n}"))
                    .unwrap_or_default();
                let _ = write!(
                    out,
                    "\n  * {effect} {}{note}",
                    self.attribute_name(&t.attribute)
                );
            }
        }
        out
    }

    /// The quality attribute a trade-off's id names, by its name.
    fn attribute_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.quality_attributes
            .iter()
            .find(|q| q.id == id)
            .map_or(id, |q| q.attribute.as_str())
    }

    /// Reads `text` back and refuses it when the prose changed what the record says: a status
    /// other than the one asked for, or links (a sentence such as "This supersedes ADR 3" is
    /// read as one). `file` names the record being created.
    pub fn check(
        &self,
        text: &str,
        status: &str,
        file: &crate::repo::RecordFile,
    ) -> Result<(), Error> {
        let (record, _) = crate::repo::record_from_bytes(file, text.as_bytes());
        let refuse = |what: String| {
            Error::Usage(format!(
                "{}: the draft's text would read as {what}; reword it (links are added with \
             link_decisions or supersede_decision)",
                file.path.display()
            ))
        };
        let want = crate::parse::words::normalise_status(status);
        let got = record.status.as_ref().map(|s| &s.state);
        if got != Some(&want) {
            let got = got.map_or("no status".into(), |s| format!("status `{s}`"));
            return Err(refuse(got));
        }
        if let Some(l) = record.links.first() {
            return Err(refuse(format!(
                "a link (`{}` {}) at line {}",
                l.label, l.target, l.line
            )));
        }
        Ok(())
    }
}

/// `heading` and `text` as a section: a blank line, the heading, and the text under it when
/// there is any.
fn section(out: &mut String, heading: &str, text: &str) {
    let _ = write!(out, "\n{heading}\n");
    let text = text.trim();
    if !text.is_empty() {
        let _ = write!(out, "\n{text}\n");
    }
}

/// `more` after `text`, a blank line between them.
fn append(text: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    text.push_str(more);
}

/// A record with no field filled, to fill from a draft.
fn empty_record() -> Record {
    let name = crate::names::NameInfo {
        number: None,
        date_iso: None,
        slug: String::new(),
    };
    crate::parse::parse_record(std::path::Path::new(""), "", &name, "").0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Priority, Scenario, TradeOff};

    fn draft() -> Draft {
        Draft {
            context: "Events must survive a crash.".into(),
            decision: "Store them in PostgreSQL.".into(),
            consequences: "Replication lag matters.".into(),
            constraints: vec!["Managed PostgreSQL only".into()],
            quality_attributes: vec![QualityAttribute {
                id: "durability".into(),
                attribute: "Durability".into(),
                scenario: Scenario {
                    stimulus: Some("a node crashes".into()),
                    response_measure: Some("0 lost events".into()),
                    ..Scenario::default()
                },
                priority: Some(Priority::High),
                difficulty: None,
            }],
            options: vec![
                DecisionOption {
                    name: "PostgreSQL".into(),
                    summary: Some("One table per stream".into()),
                    chosen: true,
                    tradeoffs: vec![TradeOff {
                        attribute: "durability".into(),
                        effect: Some(Effect::StronglyPositive),
                        note: Some("synchronous commit".into()),
                    }],
                },
                DecisionOption {
                    name: "Kafka".into(),
                    summary: None,
                    chosen: false,
                    tradeoffs: Vec::new(),
                },
            ],
        }
    }

    /// The text in `format` as the reader reads it back.
    fn read_back(format: Format, d: &Draft) -> (String, Record) {
        let fill = Fill {
            number: 7,
            title: "Use PostgreSQL for events",
            date: "2024-06-01",
            status: if format == Format::Nygard {
                "Proposed"
            } else {
                "proposed"
            },
        };
        let tags = if format == Format::Nygard {
            vec![]
        } else {
            vec!["storage".into()]
        };
        let deciders = vec!["Ana".to_string()];
        let header = Header {
            fill: &fill,
            tags: &tags,
            scope: &[],
            deciders: &deciders,
        };
        let text = d.render(format, &header);
        let file = crate::lifecycle::record_file(std::path::Path::new(
            "doc/adr/0007-use-postgresql-for-events.md",
        ));
        d.check(&text, fill.status, &file).unwrap();
        (
            text.clone(),
            crate::repo::record_from_bytes(&file, text.as_bytes()).0,
        )
    }

    #[test]
    fn a_structured_draft_reads_back_as_given() {
        let d = draft();
        let (_, r) = read_back(Format::Structured, &d);
        assert_eq!(r.format, Format::Structured);
        assert_eq!(r.title.as_deref(), Some("Use PostgreSQL for events"));
        assert_eq!(r.status.unwrap().raw, "proposed");
        assert_eq!(
            (r.constraints, r.quality_attributes),
            (d.constraints, d.quality_attributes)
        );
        assert_eq!(r.options, d.options);
        assert_eq!(
            (r.tags, r.deciders),
            (vec!["storage".to_string()], vec!["Ana".to_string()])
        );
        assert!(
            r.body
                .contains("## Context\n\nEvents must survive a crash.\n"),
            "{}",
            r.body
        );
    }

    #[test]
    fn adr_tools_and_madr_drafts_say_the_fields_in_their_sections() {
        let (text, r) = read_back(Format::Nygard, &draft());
        assert_eq!(r.format, Format::Nygard);
        assert_eq!(
            (r.number, r.title.as_deref()),
            (Some(7), Some("Use PostgreSQL for events"))
        );
        assert_eq!(r.status.unwrap().raw, "Proposed");
        assert!(text.starts_with("# 7. Use PostgreSQL for events\n\nDate: 2024-06-01\n"));
        for part in [
            "Constraints:\n\n* Managed PostgreSQL only",
            "* Durability (high priority) — stimulus: a node crashes; measure: 0 lost events",
            "* PostgreSQL (chosen): One table per stream\n  * ++ Durability synchronous commit",
        ] {
            assert!(text.contains(part), "{part:?} in\n{text}");
        }
        let (text, r) = read_back(Format::Madr, &draft());
        assert_eq!(r.format, Format::Madr);
        assert_eq!(r.status.unwrap().raw, "proposed");
        assert_eq!(r.deciders, ["Ana"]);
        for part in [
            "## Considered Options\n\n* PostgreSQL\n* Kafka\n",
            "Chosen option: \"PostgreSQL\".\n\nStore them in PostgreSQL.",
            "### PostgreSQL\n\nOne table per stream\n\n* Good, because of Durability: synchronous commit",
        ] {
            assert!(text.contains(part), "{part:?} in\n{text}");
        }
    }

    #[test]
    fn prose_that_changes_the_status_or_adds_a_link_is_refused() {
        let file = crate::lifecycle::record_file(std::path::Path::new("doc/adr/0007-x.md"));
        let mut d = draft();
        d.context = "This supersedes ADR 2.".into();
        let fill = Fill {
            number: 7,
            title: "X",
            date: "2024-06-01",
            status: "Proposed",
        };
        let header = Header {
            fill: &fill,
            tags: &[],
            scope: &[],
            deciders: &[],
        };
        let err = d.check(&d.render(Format::Nygard, &header), "Proposed", &file);
        assert!(
            err.unwrap_err()
                .to_string()
                .contains("would read as a link")
        );
        d.context = "Superseded by [3. Old](0003-old.md)".into();
        let err = d.check(&d.render(Format::Nygard, &header), "Proposed", &file);
        let err = err.unwrap_err().to_string();
        assert!(err.contains("would read as"), "{err}");
        // In front matter the status is stated once and for all: a body line cannot change it.
        d.context = "## Status\n\nAccepted".into();
        assert!(
            d.check(&d.render(Format::Madr, &header), "proposed", &file)
                .is_ok()
        );
    }
}
