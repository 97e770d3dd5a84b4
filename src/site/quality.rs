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
#[derive(Serialize)]
struct TradedAway {
    option: String,
    effect: String,
    record: RecLink,
}
#[derive(Serialize, Default)]
struct Qa {
    name: String,
    anchor: String,
    scenarios: Vec<QaScenario>,
    served_by: Vec<RecLink>,
    traded_away: Vec<TradedAway>,
}
#[derive(Serialize)]
pub struct QualityView {
    attributes: Vec<Qa>,
}

pub fn view(site: &Site<'_>) -> QualityView {
    let mut map: BTreeMap<String, Qa> = BTreeMap::new();
    for (i, e) in site.entries.iter().enumerate() {
        for q in &e.rec.quality_attributes {
            let qa = map.entry(q.attribute.to_lowercase()).or_insert_with(|| Qa {
                name: q.attribute.clone(),
                anchor: super::slug::slug(&q.attribute),
                ..Qa::default()
            });
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
            qa.served_by.push(rec_link(site, i, "", ""));
            for o in e.rec.options.iter().filter(|o| o.chosen) {
                for t in o.tradeoffs.iter().filter(|t| {
                    t.attribute == q.id && t.effect.as_deref().is_some_and(|x| x.starts_with('-'))
                }) {
                    qa.traded_away.push(TradedAway {
                        option: o.name.clone(),
                        effect: t.effect.clone().unwrap_or_default(),
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
        a.served_by.dedup_by(|x, y| x.url == y.url);
    }
    QualityView { attributes }
}
