//! Options and their trade-offs: `chosen` a boolean, and exactly one chosen in an accepted
//! record; each trade-off for a quality attribute the record has, with an effect on the scale.

use super::front_matter::{Walk, name_of};
use super::lines::child;
use super::{closest, did_you_mean, slip};
use crate::model::{Lifecycle, Record};
use crate::parse::fields;
use crate::parse::placeholder::is_placeholder;
use serde_json::{Map, Value};

const EFFECTS: &[&str] = &[
    "++",
    "+",
    "0",
    "-",
    "--",
    "strongly-positive",
    "positive",
    "neutral",
    "negative",
    "strongly-negative",
];

impl Walk<'_, '_> {
    pub(super) fn options(&mut self, fm: &Map<String, Value>) {
        let Some((k, Value::Array(items))) = fields::first(fm, fields::OPTIONS) else {
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let Value::Object(o) = item else { continue };
            let path = [k.to_string(), i.to_string()];
            let name = name_of(o, fields::OPTION_NAME, i);
            self.keys(o, fields::OPTION, &path, &format!("option `{name}`"));
            if let Some(v) = o.get("chosen").filter(|v| !v.is_boolean()) {
                let read = match fields::flag(v) {
                    Some(true) => "read as chosen",
                    _ => "read as not chosen",
                };
                let written = fields::text(v).unwrap_or_else(|| v.to_string());
                self.push(
                    "front-matter-field",
                    &child(&path, "chosen"),
                    format!(
                        "`chosen: {written}` of option `{name}` is not a boolean ({read}); \
                         write `true` or `false`"
                    ),
                );
            }
            match fields::first(o, fields::TRADEOFFS) {
                Some((tk, Value::Object(t))) => {
                    for (attribute, v) in t {
                        let at = child(&child(&path, tk), attribute);
                        if let Value::Object(to) = v {
                            self.keys(to, fields::TRADEOFF, &at, "a trade-off");
                        }
                        self.tradeoff(&name, attribute, v, &at, &at);
                    }
                }
                Some((tk, Value::Array(t))) => {
                    for (j, v) in t.iter().enumerate() {
                        let Value::Object(to) = v else { continue };
                        let at = child(&child(&path, tk), j);
                        self.keys(to, fields::TRADEOFF_ITEM, &at, "a trade-off");
                        if let Some((ak, a)) = fields::first(to, fields::TRADEOFF_ATTRIBUTE)
                            && let Some(a) = fields::text(a)
                        {
                            self.tradeoff(&name, &a, v, &child(&at, ak), &at);
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// One trade-off of option `option` for `attribute`: the attribute must be one of the
    /// record's, the effect one of ++ + 0 - --. `key_at` is where the attribute is named,
    /// `value_at` where the trade-off is.
    fn tradeoff(
        &mut self,
        option: &str,
        attribute: &str,
        v: &Value,
        key_at: &[String],
        value_at: &[String],
    ) {
        let qualities = &self.r.quality_attributes;
        if !is_placeholder(attribute) && !qualities.iter().any(|q| q.id == attribute) {
            let ids: Vec<&str> = qualities.iter().map(|q| q.id.as_str()).collect();
            let hint = match meant_quality(self.r, attribute) {
                Some(id) => format!("; did you mean `{id}`?"),
                None if ids.is_empty() => " (the record has no quality_attributes)".into(),
                None => format!(" (ids: {})", ids.join(", ")),
            };
            self.push(
                "unknown-tradeoff-attribute",
                key_at,
                format!(
                    "option `{option}` has a trade-off for `{attribute}`, but no quality \
                     attribute of this record has that id{hint}"
                ),
            );
        }
        if v.is_null() || fields::tradeoff(attribute, v).effect.is_some() {
            return;
        }
        let (written, at) = match v {
            Value::Object(o) => match fields::first(o, fields::EFFECT) {
                Some((ek, e)) => (fields::text(e), child(value_at, ek)),
                None => (None, value_at.to_vec()),
            },
            other => (
                fields::text(other)
                    .map(|t| t.split_whitespace().next().unwrap_or_default().to_string()),
                value_at.to_vec(),
            ),
        };
        let all = fields::text(v).unwrap_or_default();
        if is_placeholder(&all) || written.as_deref().is_some_and(is_placeholder) {
            return;
        }
        let message = match written {
            Some(w) => format!(
                "the trade-off of option `{option}` for `{attribute}` starts with `{w}`, which \
                 is not an effect (++, +, 0, -, --){}",
                did_you_mean(closest(
                    &w.to_lowercase(),
                    EFFECTS.iter().copied(),
                    slip(&w)
                ))
            ),
            None => format!(
                "the trade-off of option `{option}` for `{attribute}` gives no effect (++, +, 0, \
                 -, --)"
            ),
        };
        self.push("front-matter-field", &at, message);
    }

    /// An accepted record with options chooses exactly one of them.
    pub(super) fn chosen(&mut self, fm: &Map<String, Value>) {
        let r = self.r;
        let accepted = r
            .status
            .as_ref()
            .is_some_and(|s| s.state == Lifecycle::Accepted);
        let chosen: Vec<&str> = r
            .options
            .iter()
            .filter(|o| o.chosen)
            .map(|o| o.name.as_str())
            .collect();
        if !accepted || r.options.is_empty() || chosen.len() == 1 {
            return;
        }
        let Some((k, Value::Array(items))) = fields::first(fm, fields::OPTIONS) else {
            return;
        };
        if chosen.is_empty() {
            self.push(
                "chosen-option",
                &[k.to_string()],
                match r.options.len() {
                    1 => "accepted, but its one option is not marked `chosen: true`".to_string(),
                    n => format!("accepted, but none of its {n} options is marked `chosen: true`"),
                },
            );
            return;
        }
        // Point at the second `chosen: true`: the first is as likely to be the one meant.
        let second = items
            .iter()
            .enumerate()
            .filter(|(_, o)| o.get("chosen").and_then(fields::flag) == Some(true))
            .nth(1)
            .map(|(i, _)| vec![k.to_string(), i.to_string(), "chosen".into()])
            .unwrap_or_else(|| vec![k.to_string()]);
        let names: Vec<String> = chosen.iter().map(|n| format!("`{n}`")).collect();
        self.push(
            "chosen-option",
            &second,
            format!(
                "accepted with {} chosen options ({}); an accepted decision chooses one",
                chosen.len(),
                names.join(", ")
            ),
        );
    }
}

/// The id of the quality attribute a trade-off keyed `written` was meant for: one whose name
/// was written for its id (`availability` for `avail`), or whose id or name is a slip away or
/// starts the other.
fn meant_quality<'r>(r: &'r Record, written: &str) -> Option<&'r str> {
    let w = written.trim().to_lowercase().replace([' ', '_'], "-");
    let names: Vec<(String, &str)> = r
        .quality_attributes
        .iter()
        .flat_map(|q| {
            let name = q.attribute.to_lowercase().replace([' ', '_'], "-");
            [(q.id.to_lowercase(), q.id.as_str()), (name, q.id.as_str())]
        })
        .collect();
    let exact = names.iter().find(|(n, _)| *n == w);
    let near = || {
        closest(&w, names.iter().map(|(n, _)| n.as_str()), slip(&w))
            .and_then(|n| names.iter().find(|(m, _)| m == n))
    };
    let prefix = || {
        names
            .iter()
            .find(|(n, _)| n.len().min(w.len()) >= 3 && (n.starts_with(&w) || w.starts_with(n)))
    };
    exact.or_else(near).or_else(prefix).map(|(_, id)| *id)
}
