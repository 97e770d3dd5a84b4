//! The offline search index: a small document list plus term shards loaded on demand as
//! `<script>` files (not `fetch`, which browsers refuse from `file://`). A query loads only the
//! shards of its words' first letters, so a visitor downloads a few kilobytes before results.

use super::links::Site;
use super::pages::Files;
use super::views::status_of;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Body words found in more than this share of records are not indexed: they match everything.
const COMMON: f64 = 0.5;

/// Splits text into lower-case terms; each CJK character is a term of its own.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_term(text, |t| out.push(t.to_string()));
    out
}

/// The distinct terms of `text`, sorted. A term is allocated once however often it occurs:
/// record bodies repeat most of their words, and this runs over every body of the site.
pub fn distinct_terms(text: &str) -> Vec<String> {
    let mut seen: HashSet<String> = HashSet::new();
    each_term(text, |t| {
        if !seen.contains(t) {
            seen.insert(t.to_string());
        }
    });
    let mut out: Vec<String> = seen.into_iter().collect();
    out.sort_unstable();
    out
}

/// Calls `f` with each lower-case term of `text` (2 to 40 bytes; a CJK character alone).
fn each_term(text: &str, mut f: impl FnMut(&str)) {
    let mut cur = String::new();
    let flush = |cur: &mut String, f: &mut dyn FnMut(&str)| {
        if cur.len() <= 40 && cur.chars().nth(1).is_some() {
            f(cur);
        }
        cur.clear();
    };
    for c in text.chars() {
        if is_cjk(c) {
            flush(&mut cur, &mut f);
            let mut buf = [0; 4];
            f(c.encode_utf8(&mut buf));
        } else if c.is_ascii_alphanumeric() {
            cur.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else {
            flush(&mut cur, &mut f);
        }
    }
    flush(&mut cur, &mut f);
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

/// One record's terms: title and metadata with their weights, and its body's distinct terms.
struct DocTerms {
    weighted: Vec<(String, u32)>,
    body: Vec<String>,
}

fn doc_terms(site: &Site<'_>, i: usize) -> DocTerms {
    let e = &site.entries[i];
    let r = e.rec;
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
    let weighted = (terms(&r.title).into_iter().map(|t| (t, 10)))
        .chain(terms(&meta).into_iter().map(|t| (t, 4)))
        .collect();
    DocTerms {
        weighted,
        body: distinct_terms(&r.body),
    }
}

/// Adds `score` for document `doc`; documents arrive in order, so each list stays sorted.
fn post(list: &mut Vec<(u32, u32)>, doc: u32, score: u32) {
    match list.last_mut() {
        Some((d, s)) if *d == doc => *s += score,
        _ => list.push((doc, score)),
    }
}

/// Term -> (document, score) pairs in document order. Terms are found in parallel.
fn postings(site: &Site<'_>) -> HashMap<String, Vec<(u32, u32)>> {
    let n = site.entries.len().max(1);
    let docs: Vec<DocTerms> = (0..site.entries.len())
        .into_par_iter()
        .map(|i| doc_terms(site, i))
        .collect();
    let mut body_df: HashMap<&str, usize> = HashMap::new();
    for t in docs.iter().flat_map(|d| &d.body) {
        *body_df.entry(t).or_default() += 1;
    }
    let limit = ((n as f64) * COMMON).ceil() as usize;
    let common: HashSet<String> = body_df
        .into_iter()
        .filter(|&(_, df)| n >= 20 && df > limit)
        .map(|(t, _)| t.to_string())
        .collect();
    let mut postings: HashMap<String, Vec<(u32, u32)>> = HashMap::new();
    for (i, d) in docs.into_iter().enumerate() {
        for (t, w) in d.weighted {
            post(postings.entry(t).or_default(), i as u32, w);
        }
        for t in d.body.into_iter().filter(|t| !common.contains(t)) {
            post(postings.entry(t).or_default(), i as u32, 1);
        }
    }
    postings
}

/// Builds `search/docs.js` and `search/s-<shard>.js`.
pub fn index(site: &Site<'_>) -> Files {
    let mut shards: BTreeMap<String, BTreeMap<String, Vec<u32>>> = BTreeMap::new();
    for (term, docs) in postings(site) {
        let flat = docs.into_iter().flat_map(|(d, s)| [d, s]).collect();
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
        assert_eq!(
            distinct_terms("bb aa BB aa cc 使使"),
            ["aa", "bb", "cc", "使"]
        );
        assert_eq!(shard_of("rust"), "r");
        assert_eq!(shard_of("使"), format!("u{:x}", ('使' as u32) % 16));
    }
}
