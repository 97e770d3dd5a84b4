//! `adr new --interactive`: guided authoring of a structured record. It asks, in the order a
//! decision is reasoned about, for the context, the decision drivers, the constraints, the
//! quality attributes with every part of their scenario (offering the attribute names the log
//! already uses), the options with each one's effect on each attribute and why, and the option
//! chosen; then it writes the record with nothing left to fill in.
//!
//! The questions go through `inquire` (doc/adr 0025); what the answers become is
//! [`Answers::record`], plain data rendered by `edit::front_matter`, the same writer the
//! reader is tested against.

use crate::error::Error;
use crate::model::{DecisionOption, Priority, QualityAttribute, Record, Scenario, TradeOff};
use inquire::validator::Validation;
use inquire::{InquireError, Select, Text};

/// What the questions gathered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answers {
    pub title: String,
    pub context: String,
    pub drivers: Vec<String>,
    pub constraints: Vec<String>,
    pub qualities: Vec<QualityAttribute>,
    pub options: Vec<DecisionOption>,
}

/// A quality attribute some record of the log already names, with the id it goes by there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownAttribute {
    pub name: String,
    pub id: String,
}

/// The attributes the log's records name, each once (first spelling and id kept), by name.
pub fn known_attributes(records: &[Record]) -> Vec<KnownAttribute> {
    let mut known: Vec<KnownAttribute> = Vec::new();
    for q in records.iter().flat_map(|r| &r.quality_attributes) {
        let name = q.attribute.trim();
        if name.is_empty() || crate::parse::placeholder::is_placeholder(name) {
            continue;
        }
        if !known.iter().any(|k| k.name.eq_ignore_ascii_case(name)) {
            known.push(KnownAttribute {
                name: name.to_string(),
                id: q.id.clone(),
            });
        }
    }
    known.sort_by_key(|k| k.name.to_lowercase());
    known
}

impl Answers {
    /// The record the answers describe, with the given status, date and lists from the
    /// command line.
    pub fn record(&self, status: &str, date: &str, lists: &Lists) -> Record {
        let mut r = Record {
            title: Some(self.title.clone()),
            context: Some(self.context.clone()).filter(|c| !c.trim().is_empty()),
            drivers: self.drivers.clone(),
            constraints: self.constraints.clone(),
            quality_attributes: self.qualities.clone(),
            options: self.options.clone(),
            date: Some(date.to_string()),
            tags: lists.tags.clone(),
            scope: lists.scope.clone(),
            deciders: lists.deciders.clone(),
            ..Record::default()
        };
        r.status = Some(crate::model::Status {
            state: crate::parse::words::normalise_status(status),
            raw: status.to_string(),
            line: 0,
        });
        r
    }

    /// The file's text: the front matter, then the title.
    pub fn text(&self, status: &str, date: &str, lists: &Lists) -> String {
        let record = self.record(status, date, lists);
        format!(
            "{}\n# {}\n",
            crate::edit::front_matter(&record),
            self.title.trim()
        )
    }
}

/// What the command line gave besides the answers.
#[derive(Debug, Clone, Default)]
pub struct Lists {
    pub tags: Vec<String>,
    pub scope: Vec<String>,
    pub deciders: Vec<String>,
}

/// An answer the author must give: not blank.
fn required(
    what: &'static str,
) -> impl Fn(&str) -> Result<Validation, inquire::CustomUserError> + Clone {
    move |s: &str| {
        Ok(if s.trim().is_empty() {
            Validation::Invalid(format!("{what} cannot be blank").into())
        } else {
            Validation::Valid
        })
    }
}

/// Asks every question. `title` is the one the command line gave, if any.
pub fn ask(title: Option<&str>, known: &[KnownAttribute]) -> Result<Answers, Error> {
    let title = match title.filter(|t| !t.trim().is_empty()) {
        Some(t) => t.to_string(),
        None => answer(
            Text::new("Title of the decision:")
                .with_validator(required("the title"))
                .prompt(),
        )?,
    };
    let context = answer(
        Text::new("Context: the situation the decision is made in (one sentence):")
            .with_validator(required("the context"))
            .prompt(),
    )?;
    let drivers = list(
        "Decision driver",
        "the forces and concerns that shape the decision",
        0,
    )?;
    let constraints = list(
        "Constraint",
        "what the decision must respect: regulations, budgets, platforms, earlier decisions",
        1,
    )?;
    let qualities = qualities(known)?;
    let mut options = options()?;
    for o in &mut options {
        o.tradeoffs = tradeoffs(&o.name, &qualities)?;
    }
    let names: Vec<String> = options.iter().map(|o| o.name.clone()).collect();
    let chosen = answer(Select::new("Which option was chosen?", names).prompt())?;
    for o in &mut options {
        o.chosen = o.name == chosen;
    }
    Ok(Answers {
        title,
        context: context.trim().to_string(),
        drivers,
        constraints,
        qualities,
        options,
    })
}

/// Items asked one by one until an empty answer, at least `min` of them.
fn list(what: &str, help: &str, min: usize) -> Result<Vec<String>, Error> {
    let mut items = Vec::new();
    loop {
        let label = format!("{what} {} (empty to finish):", items.len() + 1);
        let needed = items.len() < min;
        let validator = move |s: &str| {
            Ok(if needed && s.trim().is_empty() {
                Validation::Invalid("at least one is needed".into())
            } else {
                Validation::Valid
            })
        };
        let item = answer(
            Text::new(&label)
                .with_help_message(help)
                .with_validator(validator)
                .prompt(),
        )?;
        if item.trim().is_empty() {
            return Ok(items);
        }
        items.push(item.trim().to_string());
    }
}

/// The quality attributes, each with its priority and the five parts of its scenario.
fn qualities(known: &[KnownAttribute]) -> Result<Vec<QualityAttribute>, Error> {
    let names: Vec<String> = known.iter().map(|k| k.name.clone()).collect();
    let help = if names.is_empty() {
        "e.g. Performance, Availability, Security; empty to finish".to_string()
    } else {
        format!(
            "this log already uses: {}; empty to finish",
            names.join(", ")
        )
    };
    let mut out: Vec<QualityAttribute> = Vec::new();
    loop {
        let suggestions = names.clone();
        let needed = out.is_empty();
        let label = format!("Quality attribute {}:", out.len() + 1);
        let name = answer(
            Text::new(&label)
                .with_help_message(&help)
                .with_autocomplete(move |input: &str| {
                    let input = input.trim().to_lowercase();
                    Ok(suggestions
                        .iter()
                        .filter(|n| !input.is_empty() && n.to_lowercase().starts_with(&input))
                        .cloned()
                        .collect())
                })
                .with_validator(move |s: &str| {
                    Ok(if needed && s.trim().is_empty() {
                        Validation::Invalid("at least one quality attribute is needed".into())
                    } else {
                        Validation::Valid
                    })
                })
                .prompt(),
        )?;
        let name = name.trim().to_string();
        if name.is_empty() {
            return Ok(out);
        }
        let id = attribute_id(&name, known, &out);
        let priority = answer(
            Select::new(
                &format!("Priority of {name} to the business:"),
                vec!["high", "medium", "low"],
            )
            .prompt(),
        )?;
        let part = |what: &str, help: &str| -> Result<String, Error> {
            answer(
                Text::new(&format!("{name} scenario, {what}:"))
                    .with_help_message(help)
                    .with_validator(required("this part of the scenario"))
                    .prompt(),
            )
            .map(|s| s.trim().to_string())
        };
        let scenario = Scenario {
            source: Some(part("source", "who or what produces the stimulus")?),
            stimulus: Some(part("stimulus", "the event that arrives")?),
            artifact: None,
            environment: Some(part("environment", "the conditions it arrives in")?),
            response: Some(part("response", "what the system does")?),
            response_measure: Some(part(
                "response measure",
                "how the response is measured, e.g. p99 under 200 ms",
            )?),
        };
        out.push(QualityAttribute {
            id,
            attribute: name,
            scenario,
            priority: Priority::parse(priority),
            difficulty: None,
        });
    }
}

/// The id trade-offs use for attribute `name`: the one the log already uses for that name, else
/// a slug of it; unique within the record.
fn attribute_id(name: &str, known: &[KnownAttribute], taken: &[QualityAttribute]) -> String {
    let base = known
        .iter()
        .find(|k| k.name.eq_ignore_ascii_case(name))
        .map(|k| k.id.clone())
        .unwrap_or_else(|| crate::names::slug_ascii(name));
    let base = if base.is_empty() {
        "quality".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken.iter().any(|q| q.id == id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

/// The options considered, at least two, each with an optional one-line summary.
fn options() -> Result<Vec<DecisionOption>, Error> {
    let mut out: Vec<DecisionOption> = Vec::new();
    loop {
        let needed = out.len() < 2;
        let taken: Vec<String> = out.iter().map(|o| o.name.to_lowercase()).collect();
        let name = answer(
            Text::new(&format!("Option {} (empty to finish):", out.len() + 1))
                .with_help_message("a decision weighs at least two options")
                .with_validator(move |s: &str| {
                    let s = s.trim();
                    Ok(if needed && s.is_empty() {
                        Validation::Invalid("at least two options are needed".into())
                    } else if taken.contains(&s.to_lowercase()) {
                        Validation::Invalid("that option is already listed".into())
                    } else {
                        Validation::Valid
                    })
                })
                .prompt(),
        )?;
        let name = name.trim().to_string();
        if name.is_empty() {
            return Ok(out);
        }
        let summary = answer(Text::new(&format!("{name} in one sentence (optional):")).prompt())?;
        out.push(DecisionOption {
            name,
            summary: Some(summary.trim().to_string()).filter(|s| !s.is_empty()),
            chosen: false,
            tradeoffs: Vec::new(),
        });
    }
}

/// The option's effect on each quality attribute, as the structured format writes it:
/// `++`, `+`, `0`, `-` or `--`, then why.
fn tradeoffs(option: &str, qualities: &[QualityAttribute]) -> Result<Vec<TradeOff>, Error> {
    let mut out = Vec::new();
    for q in qualities {
        let id = q.id.clone();
        let validate = move |s: &str| {
            let t = crate::parse::fields::tradeoff(&id, &serde_json::Value::String(s.into()));
            Ok(if t.effect.is_some() {
                Validation::Valid
            } else {
                Validation::Invalid("start with ++, +, 0, - or --, then say why".into())
            })
        };
        let text = answer(
            Text::new(&format!("{option} on {}: effect and why:", q.attribute))
                .with_help_message("++ much better, + better, 0 no effect, - worse, -- much worse")
                .with_validator(validate)
                .prompt(),
        )?;
        out.push(crate::parse::fields::tradeoff(
            &q.id,
            &serde_json::Value::String(text.trim().to_string()),
        ));
    }
    Ok(out)
}

/// A prompt's answer; Esc or Ctrl-C stops with nothing written.
fn answer<T>(r: Result<T, InquireError>) -> Result<T, Error> {
    r.map_err(|e| match e {
        InquireError::OperationCanceled | InquireError::OperationInterrupted => {
            Error::Usage("stopped; nothing was written".into())
        }
        InquireError::NotTTY => {
            Error::Usage("--interactive needs a terminal to ask its questions on".into())
        }
        other => Error::Usage(format!("could not ask: {other}")),
    })
}

/// Whether to ask the questions when `adr new` was not told to: on a terminal, with no editor
/// to open the template in, for a structured log, when the person says yes.
pub fn offered(repo: &crate::repo::Repo) -> Result<bool, Error> {
    use std::io::IsTerminal;
    if crate::editor::configured().is_some()
        || !std::io::stdin().is_terminal()
        || !std::io::stdout().is_terminal()
        || super::format_of(repo)? != crate::model::Format::Structured
    {
        return Ok(false);
    }
    Ok(
        inquire::Confirm::new("No $VISUAL or $EDITOR is set; fill the record in here?")
            .with_default(true)
            .with_help_message("answers become a complete record; n writes the template")
            .prompt()
            .unwrap_or(false),
    )
}

/// Asks the questions for the record `spec` describes and sets its title (asked when the
/// command line gave none) and its whole text.
pub fn author(repo: &crate::repo::Repo, spec: &mut super::NewRecord) -> Result<(), Error> {
    let format = super::format_of(repo)?;
    if format != crate::model::Format::Structured {
        return Err(Error::Usage(format!(
            "--interactive writes the structured format; this log writes {format} records \
             (set `format = \"structured\"` in .adr.toml to change that)"
        )));
    }
    let known = match repo.load() {
        Ok(log) => known_attributes(&log.records),
        Err(_) => Vec::new(),
    };
    let answers = ask(Some(spec.title.as_str()), &known)?;
    let lists = Lists {
        tags: spec.tags.clone(),
        scope: spec.scope.clone(),
        deciders: spec.deciders.clone(),
    };
    let status = spec.status.clone().unwrap_or_else(|| "proposed".into());
    let date = spec.date.clone().unwrap_or_else(super::today);
    spec.text = Some(answers.text(&status, &date, &lists));
    spec.title = answers.title;
    Ok(())
}

/// What `adr new --interactive` shows once the record is written: its one-sentence summary,
/// then the record as `adr show` prints it (`adr new` prints the path after it).
pub fn shown(path: &std::path::Path) -> String {
    let record =
        crate::repo::record_file_at(path.parent().unwrap_or(std::path::Path::new(".")), path)
            .map(|f| crate::repo::read_record(&f).0);
    let mut out = String::new();
    if let Some(r) = &record {
        if let Some(s) = crate::view::summary::y_statement(r) {
            out.push_str(&format!("{s}\n\n"));
        }
        out.push_str(&crate::view::record::text(r));
        out.push('\n');
    }
    out
}
