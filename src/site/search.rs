//! The offline search index: a small document list plus term shards loaded on demand as
//! `<script>` files (not `fetch`, which browsers refuse from `file://`). A query loads only the
//! shards of its words' first letters, so a visitor downloads a few kilobytes before results.

use super::links::Site;
use super::pages::Files;
use super::views::status_of;
use std::collections::{BTreeMap, HashMap};

/// Body words found in more than this share of records are not indexed: they match everything.
const COMMON: f64 = 0.5;

/// Splits text into lower-case terms; each CJK character is a term of its own.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if is_cjk(c) {
            flush(&mut cur, &mut out);
            out.push(c.to_string());
        } else if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else {
            flush(&mut cur, &mut out);
        }
    }
    flush(&mut cur, &mut out);
    out
}

fn flush(cur: &mut String, out: &mut Vec<String>) {
    if cur.chars().count() >= 2 && cur.len() <= 40 {
        out.push(std::mem::take(cur));
    }
    cur.clear();
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af)
}

/// The shard a term lives in; `search.js` computes the same from the query.
pub fn shard_of(term: &str) -> String {
    match term.chars().next() {
        Some(c) if c.is_ascii_alphanumeric() => c.to_string(),
        Some(c) => format!("u{:x}", (c as u32) % 16),
        None => "_".into(),
    }
}

/// Builds `search/docs.js` and `search/s-<shard>.js`.
pub fn index(site: &Site<'_>) -> Files {
    let n = site.entries.len().max(1);
    // term -> doc -> score
    let mut postings: HashMap<String, BTreeMap<usize, u32>> = HashMap::new();
    let mut body_df: HashMap<String, usize> = HashMap::new();
    let mut per_doc_body: Vec<Vec<String>> = Vec::with_capacity(n);
    for (i, e) in site.entries.iter().enumerate() {
        let r = e.rec;
        let mut add = |text: &str, w: u32| {
            for t in terms(text) {
                *postings.entry(t).or_default().entry(i).or_default() += w;
            }
        };
        add(&r.title, 10);
        let meta = [&r.tags, &r.deciders, &r.scope, &r.constraints]
            .iter()
            .flat_map(|v| v.iter())
            .cloned()
            .chain(r.quality_attributes.iter().map(|q| q.attribute.clone()))
            .chain(r.status.iter().cloned())
            .chain(std::iter::once(site.projects[e.project].name.clone()))
            .chain(r.number.map(|n| n.to_string()))
            .collect::<Vec<_>>()
            .join(" ");
        add(&meta, 4);
        let mut body: Vec<String> = terms(&r.body);
        body.sort();
        body.dedup();
        for t in &body {
            *body_df.entry(t.clone()).or_default() += 1;
        }
        per_doc_body.push(body);
    }
    let limit = ((n as f64) * COMMON).ceil() as usize;
    for (i, body) in per_doc_body.into_iter().enumerate() {
        for t in body {
            if n < 20 || body_df[&t] <= limit {
                *postings.entry(t).or_default().entry(i).or_default() += 1;
            }
        }
    }
    let mut shards: BTreeMap<String, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for (term, docs) in postings {
        let flat = docs.into_iter().flat_map(|(d, s)| [d as u32, s]).collect();
        shards
            .entry(shard_of(&term))
            .or_default()
            .insert(term, flat);
    }
    let mut files = Files::new();
    let docs: Vec<serde_json::Value> = site
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let num = e.rec.number.map(|n| format!("{n:04} ")).unwrap_or_default();
            serde_json::json!([
                e.url,
                format!("{num}{}", e.rec.title),
                site.projects[e.project].name,
                status_of(site, i)
            ])
        })
        .collect();
    let names: Vec<&String> = shards.keys().collect();
    files.insert(
        "search/docs.js".into(),
        format!(
            "adrSearch.docs({},{});\n",
            serde_json::to_string(&docs).unwrap_or_default(),
            serde_json::to_string(&names).unwrap_or_default()
        )
        .into_bytes(),
    );
    for (name, map) in &shards {
        let body = serde_json::to_string(map).unwrap_or_default();
        files.insert(
            format!("search/s-{name}.js"),
            format!("adrSearch.shard({name:?},{body});\n").into_bytes(),
        );
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_split_words_and_cjk_characters() {
        assert_eq!(
            terms("Use Rust-based CLI; 使用"),
            ["use", "rust", "based", "cli", "使", "用"]
        );
        assert_eq!(shard_of("rust"), "r");
        assert_eq!(shard_of("使"), format!("u{:x}", ('使' as u32) % 16));
    }
}
