//! The quality-attributes page: the utility tree — each attribute, its scenarios by priority,
//! the decisions that serve it, the options that traded it away.

use super::links::Site;
use super::views::{RecLink, rec_link};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct QaScenario {
    priority: String,
    difficulty: String,
    text: String,
    record: RecLink,
}
/// A decision that serves an attribute: it names the attribute among its quality attributes,
/// or its chosen option improves it (`option` and `effect` say how).
#[derive(Serialize)]
struct Served {
    record: RecLink,
    option: String,
    effect: String,
}
/// An option, chosen or not, that makes an attribute worse.
#[derive(Serialize)]
struct TradedAway {
    option: String,
    effect: String,
    note: String,
    chosen: bool,
    record: RecLink,
}
#[derive(Serialize, Default)]
struct Qa {
    name: String,
    anchor: String,
    scenarios: Vec<QaScenario>,
    served_by: Vec<Served>,
    traded_away: Vec<TradedAway>,
}
#[derive(Serialize)]
pub struct QualityView {
    attributes: Vec<Qa>,
}

fn qa<'m>(map: &'m mut BTreeMap<String, Qa>, name: &str) -> &'m mut Qa {
    map.entry(name.to_lowercase()).or_insert_with(|| Qa {
        name: name.to_string(),
        anchor: super::slug::slug(name),
        ..Qa::default()
    })
}

/// Adds record `i` to the decisions serving `qa`, once, keeping the first chosen option that
/// improves it.
fn serve(qa: &mut Qa, link: RecLink, option: &str, effect: &str) {
    match qa.served_by.last_mut() {
        // A record's entries are added one after another: the last is the only possible twin.
        Some(last) if last.record.url == link.url => {
            if last.option.is_empty() {
                last.option = option.to_string();
                last.effect = effect.to_string();
            }
        }
        _ => qa.served_by.push(Served {
            record: link,
            option: option.to_string(),
            effect: effect.to_string(),
        }),
    }
}

pub fn view(site: &Site<'_>) -> QualityView {
    let mut map: BTreeMap<String, Qa> = BTreeMap::new();
    for (i, e) in site.entries.iter().enumerate() {
        for q in &e.rec.quality_attributes {
            let qa = qa(&mut map, &q.attribute);
            let parts: Vec<&str> = [
                &q.stimulus,
                &q.environment,
                &q.response,
                &q.response_measure,
            ]
            .iter()
            .filter_map(|s| s.as_deref())
            .collect();
            qa.scenarios.push(QaScenario {
                priority: q.priority.clone().unwrap_or_default(),
                difficulty: q.difficulty.clone().unwrap_or_default(),
                text: parts.join(" / "),
                record: rec_link(site, i, "", ""),
            });
            serve(qa, rec_link(site, i, "", ""), "", "");
        }
        // Trade-offs name an attribute by the record's id for it, or by its name.
        let name_of = |id: &str| {
            e.rec
                .quality_attributes
                .iter()
                .find(|q| q.id == id)
                .map_or(id.to_string(), |q| q.attribute.clone())
        };
        for o in &e.rec.options {
            for t in &o.tradeoffs {
                let effect = t.effect.clone().unwrap_or_default();
                let qa = qa(&mut map, &name_of(&t.attribute));
                if effect.starts_with('+') && o.chosen {
                    serve(qa, rec_link(site, i, "", ""), &o.name, &effect);
                } else if effect.starts_with('-') {
                    qa.traded_away.push(TradedAway {
                        option: o.name.clone(),
                        note: t.note.clone().unwrap_or_default(),
                        chosen: o.chosen,
                        effect,
                        record: rec_link(site, i, "", ""),
                    });
                }
            }
        }
    }
    let rank = |p: &str| match p {
        "high" => 0,
        "medium" => 1,
        "low" => 2,
        _ => 3,
    };
    let mut attributes: Vec<Qa> = map.into_values().collect();
    for a in &mut attributes {
        a.scenarios.sort_by_key(|s| rank(&s.priority));
    }
    QualityView { attributes }
}
