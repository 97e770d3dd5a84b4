//! A decision in one sentence, its Y-statement: "In the context of …, facing …, we decided for
//! … and neglected …, to achieve …, accepting that …". `adr show --format summary`, the site
//! (under a record's title and in the feed) and `adr review` (for added decisions) all print
//! this one derivation.
//!
//! It is built from the structured fields alone: the context and the decision drivers (else the
//! constraints), the chosen option against the others, the quality attributes the chosen
//! option serves, and its negative trade-offs. A record with no chosen option has no decision
//! stated as data and gets no summary: guessing one from prose would put words in its authors'
//! mouths. Template guidance left in a field (`{first option}`) counts as not written.

use crate::model::{DecisionOption, Effect, Record};
use crate::parse::placeholder::is_placeholder;

/// The record's Y-statement, or `None` when its structured fields state no decision (no option
/// marked chosen).
pub fn y_statement(r: &Record) -> Option<String> {
    let options: Vec<&DecisionOption> = r.options.iter().filter(|o| written(&o.name)).collect();
    let (chosen, others): (Vec<&DecisionOption>, Vec<&DecisionOption>) =
        options.into_iter().partition(|o| o.chosen);
    if chosen.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(context) = r.context.as_deref().filter(|c| written(c)) {
        parts.push(format!("In the context of {}", inside(clause(context))));
    }
    let facing = if r.drivers.iter().any(|d| written(d)) {
        &r.drivers
    } else {
        &r.constraints
    };
    let facing: Vec<String> = facing.iter().map(|f| inside(f.trim())).collect();
    if let Some(facing) = and_list(facing.iter().map(String::as_str)) {
        parts.push(format!("facing {facing}"));
    }
    let mut decided = format!(
        "we decided for {}",
        and_list(chosen.iter().map(|o| o.name.as_str())).unwrap_or_default()
    );
    if let Some(neglected) = and_list(others.iter().map(|o| o.name.as_str())) {
        decided.push_str(&format!(" and neglected {neglected}"));
    }
    parts.push(decided);
    if let Some(achieve) = and_list(achieved(r, &chosen).iter().map(String::as_str)) {
        parts.push(format!("to achieve {achieve}"));
    }
    if let Some(accepting) = and_list(downsides(r, &chosen).iter().map(String::as_str)) {
        parts.push(format!("accepting that {accepting}"));
    }
    let mut sentence = parts.join(", ");
    if let Some(first) = sentence.get(..1) {
        let upper = first.to_uppercase();
        sentence.replace_range(..1, &upper);
    }
    sentence.push('.');
    Some(sentence)
}

/// Whether a value is the author's: not blank, not template guidance.
fn written(text: &str) -> bool {
    !text.trim().is_empty() && !is_placeholder(text)
}

/// A field's text as a clause inside the sentence: trimmed, without its own closing full stop.
fn clause(text: &str) -> &str {
    let t = text.trim();
    t.strip_suffix('.').map_or(t, str::trim_end)
}

/// A sentence of the author's set inside this one: its first letter in lower case when it
/// starts an ordinary word (`Runs on ...`), kept when the word is a name or an acronym (`AWS`,
/// `PostgreSQL`).
fn inside(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or("");
    let mut chars = first_word.chars();
    let ordinary = chars.next().is_some_and(char::is_uppercase)
        && chars.clone().next().is_some()
        && chars.all(|c| c.is_lowercase() || !c.is_alphabetic());
    if !ordinary {
        return text.to_string();
    }
    let mut c = text.chars();
    c.next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default()
}

/// `a`, `a and b`, `a, b and c` of the written items; `None` when there is none.
fn and_list<'a>(items: impl Iterator<Item = &'a str>) -> Option<String> {
    let items: Vec<&str> = items.filter(|i| written(i)).map(clause).collect();
    match items.as_slice() {
        [] => None,
        [one] => Some(one.to_string()),
        [head @ .., last] => Some(format!("{} and {last}", head.join(", "))),
    }
}

/// The quality attribute `id` names, as the record calls it (the id when it names none).
fn attribute_name<'a>(r: &'a Record, id: &'a str) -> &'a str {
    r.quality_attributes
        .iter()
        .find(|q| q.id == id)
        .map_or(id, |q| q.attribute.as_str())
}

/// What the chosen options achieve: the quality attributes they serve (`+`, `++`); when they
/// rate no attribute at all, every attribute the record names, which it was decided for.
fn achieved(r: &Record, chosen: &[&DecisionOption]) -> Vec<String> {
    let rated = chosen
        .iter()
        .flat_map(|o| &o.tradeoffs)
        .any(|t| t.effect.is_some());
    if !rated {
        return r
            .quality_attributes
            .iter()
            .map(|q| q.attribute.clone())
            .collect();
    }
    let mut names: Vec<String> = Vec::new();
    for t in chosen.iter().flat_map(|o| &o.tradeoffs) {
        if matches!(t.effect, Some(Effect::Positive | Effect::StronglyPositive)) {
            let name = attribute_name(r, &t.attribute).to_string();
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

/// The chosen options' negative trade-offs: `it is worse for Cost (needs a DBA on call)`.
fn downsides(r: &Record, chosen: &[&DecisionOption]) -> Vec<String> {
    let mut out = Vec::new();
    for o in chosen {
        let subject = if chosen.len() == 1 {
            "it".to_string()
        } else {
            o.name.trim().to_string()
        };
        for t in &o.tradeoffs {
            let how = match t.effect {
                Some(Effect::Negative) => "worse",
                Some(Effect::StronglyNegative) => "much worse",
                _ => continue,
            };
            let why = t
                .note
                .as_deref()
                .filter(|n| written(n))
                .map(|n| format!(" ({})", clause(n)))
                .unwrap_or_default();
            let name = attribute_name(r, &t.attribute);
            out.push(format!("{subject} is {how} for {name}{why}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn record(front: &str) -> Record {
        let name = crate::names::parse_record_name("0002-x").unwrap();
        let text = format!("---\n{front}---\n# X\n");
        crate::parse::parse_record(Path::new("0002-x.md"), "0002-x", &name, &text).0
    }

    const FULL: &str = "context: storing order events for billing.\n\
        drivers: [no acknowledged event may be lost, one team runs it]\n\
        constraints: [managed PostgreSQL only]\n\
        quality_attributes:\n  - {id: dur, attribute: Durability}\n  - {id: cost, attribute: Cost}\n\
        options:\n  - name: PostgreSQL\n    chosen: true\n    tradeoffs:\n      \
        dur: \"++ synchronous commit\"\n      cost: \"- needs a DBA on call\"\n  \
        - name: Kafka\n    tradeoffs:\n      dur: \"+ acks=all\"\n  - name: Files\n";

    #[test]
    fn every_part_comes_from_its_field() {
        assert_eq!(
            y_statement(&record(FULL)).as_deref(),
            Some(
                "In the context of storing order events for billing, facing no acknowledged \
                 event may be lost and one team runs it, we decided for PostgreSQL and \
                 neglected Kafka and Files, to achieve Durability, accepting that it is worse \
                 for Cost (needs a DBA on call)."
            )
        );
    }

    #[test]
    fn constraints_are_faced_when_no_driver_is_written_and_missing_parts_are_left_out() {
        let front = FULL
            .replace("context: storing order events for billing.\n", "")
            .replace(
                "drivers: [no acknowledged event may be lost, one team runs it]\n",
                "",
            )
            .replace("      cost: \"- needs a DBA on call\"\n", "");
        assert_eq!(
            y_statement(&record(&front)).as_deref(),
            Some(
                "Facing managed PostgreSQL only, we decided for PostgreSQL and neglected Kafka \
                 and Files, to achieve Durability."
            )
        );
    }

    #[test]
    fn no_chosen_option_or_only_template_guidance_gives_none() {
        assert_eq!(
            y_statement(&record(&FULL.replace("chosen: true", "chosen: false"))),
            None
        );
        assert_eq!(y_statement(&record("status: accepted\n")), None);
        let template = crate::template::fill(
            crate::template::STRUCTURED,
            &crate::template::Fill {
                number: 2,
                title: "X",
                date: "2024-01-01",
                status: "proposed",
            },
        );
        let name = crate::names::parse_record_name("0002-x").unwrap();
        let r = crate::parse::parse_record(Path::new("0002-x.md"), "0002-x", &name, &template).0;
        assert_eq!(y_statement(&r), None);
    }

    #[test]
    fn unrated_chosen_option_achieves_every_attribute() {
        let front = "quality_attributes:\n  - {id: a, attribute: Availability}\n  \
                     - {id: s, attribute: Security}\noptions:\n  - {name: A, chosen: true}\n";
        assert_eq!(
            y_statement(&record(front)).as_deref(),
            Some("We decided for A, to achieve Availability and Security.")
        );
    }
}
