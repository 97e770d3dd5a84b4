//! The offline search index, in files a page loads as `<script>`s when it needs them (not with
//! `fetch`, which browsers refuse from `file://`): `meta.js` (how many records, the names of
//! the shards, projects, statuses and tags), `s-<c>.js` (the terms starting with `c`, each
//! with its records and scores), `d-<k>.js` (title, page, project, status, date and tags of
//! [`DOC_BLOCK`] records, for results and filters) and `t-<k>.js` (text of [`TEXT_BLOCK`]
//! records, for the snippets around a match). A query loads the shards of its words' first
//! letters, the document blocks its results fall in, and the text of the few shown first.
//!
//! [`Index`] is the same index in memory, ranked as `search.js` ranks it: `adr mcp`'s
//! `search_decisions` searches a log with it.

use super::links::Site;
use super::views::status_of;
use crate::error::Error;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Body words found in more than this share of records are not indexed: they match everything.
const COMMON: f64 = 0.5;

/// Splits text into lower-case terms; each CJK character is a term of its own.
pub fn terms(text: &str) -> Vec<String> {
    let split = Split::of(text);
    split.iter().map(str::to_string).collect()
}

/// A fast hash for the index's terms, seeded per run (records are written by anyone who can
/// open a pull request; a fixed seed would let them choose colliding terms).
type Fast = foldhash::fast::RandomState;

/// Terms in one string: term `k` is `text[ends[k - 1]..ends[k]]`. A body's few hundred terms
/// cost two allocations, not one each.
#[derive(Debug, Default)]
pub struct Split {
    text: String,
    ends: Vec<u32>,
}

impl Split {
    /// Each lower-case term of `text` (2 to 40 bytes; a CJK character alone), in order. ASCII,
    /// most of any record, is read a byte at a time; the rest a character at a time.
    fn of(text: &str) -> Split {
        let mut buf: Vec<u8> = Vec::with_capacity(text.len());
        let mut ends = Vec::new();
        // Where the term being read starts in `buf`.
        let mut start = 0;
        let flush = |buf: &mut Vec<u8>, ends: &mut Vec<u32>, start: &mut usize| {
            let term = &buf[*start..];
            // At least two characters: two bytes that do not continue a character.
            let chars = term.iter().filter(|&&b| (b as i8) >= -0x40).take(2).count();
            if term.len() <= 40 && chars == 2 {
                ends.push(buf.len() as u32);
            } else {
                buf.truncate(*start);
            }
            *start = buf.len();
        };
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                // A run of ASCII letters and digits, copied lower-cased in one go.
                let run = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(bytes.len() - i);
                buf.extend(bytes[i..i + run].iter().map(u8::to_ascii_lowercase));
                i += run;
                continue;
            }
            if b.is_ascii() {
                i += 1;
                if start < buf.len() {
                    flush(&mut buf, &mut ends, &mut start);
                }
                continue;
            }
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            let mut utf8 = [0; 4];
            if is_cjk(c) {
                if start < buf.len() {
                    flush(&mut buf, &mut ends, &mut start);
                }
                buf.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes());
                ends.push(buf.len() as u32);
                start = buf.len();
            } else if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    buf.extend_from_slice(l.encode_utf8(&mut utf8).as_bytes());
                }
            } else if start < buf.len() {
                flush(&mut buf, &mut ends, &mut start);
            }
        }
        if start < buf.len() {
            flush(&mut buf, &mut ends, &mut start);
        }
        // Whole characters of `text`, lower-cased: always UTF-8.
        match String::from_utf8(buf) {
            Ok(text) => Split { text, ends },
            Err(_) => Split::default(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        (starts.zip(self.ends.iter().copied())).map(|(a, b)| &self.text[a as usize..b as usize])
    }
}

/// The distinct terms of `text`, in the order they first occur.
pub fn distinct_terms(text: &str) -> Split {
    let all = Split::of(text);
    let mut seen: HashSet<&str, Fast> =
        HashSet::with_capacity_and_hasher(all.ends.len() / 2, Fast::default());
    let mut out = Split {
        text: String::with_capacity(all.text.len() / 2),
        ends: Vec::new(),
    };
    for t in all.iter() {
        if seen.insert(t) {
            out.text.push_str(t);
            out.ends.push(out.text.len() as u32);
        }
    }
    out
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

/// Records per `d-<k>.js` file: a results list loads the blocks its records fall in.
pub const DOC_BLOCK: usize = 1000;
/// Records per `t-<k>.js` file: snippets load only the text of the records shown.
pub const TEXT_BLOCK: usize = 20;
/// Characters of a record's text kept for snippets: its structured fields (at most
/// [`FIELDS_CAP`]), then its body.
const TEXT_CAP: usize = 1000;
const FIELDS_CAP: usize = 500;

/// One record's terms: title and metadata with their weights, its body's distinct terms, and
/// the text its snippets are cut from.
pub struct DocTerms {
    weighted: Vec<(String, u32)>,
    body: Split,
    text: String,
}

/// The words of a record's structured fields: scenarios, options and their trade-off notes,
/// constraints, people; searched and shown in snippets like the body.
fn fields_text(r: &super::record::PubRecord) -> String {
    let mut parts: Vec<&str> = Vec::new();
    parts.extend(r.constraints.iter().map(String::as_str));
    for q in &r.quality_attributes {
        parts.push(&q.attribute);
        let scenario = [
            &q.source,
            &q.stimulus,
            &q.artifact,
            &q.environment,
            &q.response,
            &q.response_measure,
        ];
        parts.extend(scenario.into_iter().flatten().map(String::as_str));
    }
    for o in &r.options {
        parts.push(&o.name);
        parts.extend(o.summary.as_deref());
        parts.extend(o.tradeoffs.iter().filter_map(|t| t.note.as_deref()));
    }
    for people in [&r.deciders, &r.consulted, &r.informed, &r.tags] {
        parts.extend(people.iter().map(String::as_str));
    }
    parts.join(" · ")
}

/// Up to `cap` characters of a Markdown body as plain text, for snippets: no code blocks,
/// no link targets, no heading or list markers, spaces collapsed. Cheap and bounded: it stops
/// at `cap`.
fn snippet_text(body: &str, skip: &[usize], out: &mut String, cap: usize) {
    let mut fence = false;
    let mut count = out.chars().count();
    for (k, line) in body.lines().enumerate() {
        if skip.binary_search(&(k + 1)).is_ok() {
            continue;
        }
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
            continue;
        }
        if fence || t.is_empty() || t.starts_with("<!--") || t.starts_with('|') && t.contains("---")
        {
            continue;
        }
        let t = t.trim_start_matches(['#', '>', '-', '*', '+', ' ', '|']);
        // `<!-- optional -->`: a template's note, not text.
        let uncommented;
        let t = match t.find("<!--") {
            Some(open) => {
                let end = t[open..].find("-->").map_or(t.len(), |e| open + e + 3);
                uncommented = format!("{}{}", &t[..open], &t[end..]);
                uncommented.as_str()
            }
            None => t,
        };
        let mut rest = t;
        let mut piece = String::with_capacity(t.len());
        // `[text](url)`: the text stays, the URL goes.
        while let Some(k) = rest.find("](") {
            piece.push_str(&rest[..k]);
            rest = &rest[k + 2..];
            rest = rest.find(')').map_or("", |e| &rest[e + 1..]);
        }
        piece.push_str(rest);
        for w in piece.split_whitespace() {
            let w = w.trim_matches(['[', ']', '*', '_', '`', '|']);
            if w.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
            count += w.chars().count() + 1;
            if count >= cap {
                return;
            }
        }
    }
}

fn doc_terms(site: &Site<'_>, i: usize) -> DocTerms {
    let e = &site.entries[i];
    record_terms(e.rec, &site.projects[e.project].name)
}

/// The terms of record `r` of `project`, as the index weighs them.
pub fn record_terms(r: &super::record::PubRecord, project: &str) -> DocTerms {
    let meta = [&r.tags, &r.deciders, &r.consulted, &r.informed, &r.scope]
        .iter()
        .flat_map(|v| v.iter())
        .cloned()
        .chain(r.quality_attributes.iter().map(|q| q.attribute.clone()))
        .chain(r.status.iter().cloned())
        .chain(std::iter::once(project.to_string()))
        .chain(r.number.map(|n| n.to_string()))
        .collect::<Vec<_>>()
        .join(" ");
    let fields = fields_text(r);
    let weighted = (terms(&r.title).into_iter().map(|t| (t, 10)))
        .chain(terms(&meta).into_iter().map(|t| (t, 4)))
        .chain(distinct_terms(&fields).iter().map(|t| (t.to_string(), 2)))
        .collect();
    let mut text: String = fields.chars().take(FIELDS_CAP).collect();
    // The header of a record's page shows its metadata; its snippet shows what it says.
    let skip = match r.front_matter {
        None => crate::parse::markdown::metadata_lines(&r.body),
        Some(_) => Vec::new(),
    };
    snippet_text(&r.body, &skip, &mut text, TEXT_CAP);
    DocTerms {
        weighted,
        body: distinct_terms(&r.body),
        text,
    }
}

/// Adds `score` for document `doc`; documents arrive in order, so each list stays sorted.
fn post(list: &mut Vec<(u32, u32)>, doc: u32, score: u32) {
    match list.last_mut() {
        Some((d, s)) if *d == doc => *s += score,
        _ => list.push((doc, score)),
    }
}

/// A term and its (document, score) pairs in document order.
type Posting = (String, Vec<(u32, u32)>);

/// One term's documents: from titles and metadata with their weights, and from bodies.
#[derive(Default)]
struct Lists {
    weighted: Vec<(u32, u32)>,
    body: Vec<u32>,
}

/// Records whose terms are held as strings at one time. The postings keep each term's text
/// once and only numbers per record; a list of every record's terms as strings was the larger
/// part of a 10,000-record build's memory.
const CHUNK: usize = 512;

/// Term -> (document, score) pairs in document order, and each document's snippet text, for
/// documents `0..n` whose terms `doc` gives. Terms are found in parallel, a chunk of records
/// at a time.
fn postings(n: usize, doc: impl Fn(usize) -> DocTerms + Sync) -> (Vec<Posting>, Vec<String>) {
    let mut map: HashMap<String, Lists, Fast> = HashMap::default();
    let mut texts = Vec::with_capacity(n);
    let all: Vec<usize> = (0..n).collect();
    for chunk in all.chunks(CHUNK) {
        let docs: Vec<DocTerms> = chunk.par_iter().map(|&i| doc(i)).collect();
        for (&i, d) in chunk.iter().zip(docs) {
            let doc = i as u32;
            for (t, w) in d.weighted {
                post(&mut map.entry(t).or_default().weighted, doc, w);
            }
            for t in d.body.iter() {
                // Most of a body's terms are in the map already: no string is made for them.
                match map.get_mut(t) {
                    Some(lists) => lists.body.push(doc),
                    None => {
                        let lists = Lists {
                            weighted: Vec::new(),
                            body: vec![doc],
                        };
                        map.insert(t.to_string(), lists);
                    }
                }
            }
            texts.push(d.text);
        }
    }
    let limit = ((n.max(1) as f64) * COMMON).ceil() as usize;
    let postings = map
        .into_iter()
        .filter_map(|(t, l)| {
            let common = n >= 20 && l.body.len() > limit;
            let list = merge(l.weighted, if common { Vec::new() } else { l.body });
            (!list.is_empty()).then_some((t, list))
        })
        .collect();
    (postings, texts)
}

/// One sorted list of (document, score) from the weighted pairs and the body documents (score
/// 1 each), both in document order.
fn merge(weighted: Vec<(u32, u32)>, body: Vec<u32>) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(weighted.len() + body.len());
    let mut body = body.into_iter().peekable();
    for (d, s) in weighted {
        while let Some(b) = body.next_if(|&b| b < d) {
            out.push((b, 1));
        }
        let extra = u32::from(body.next_if_eq(&d).is_some());
        out.push((d, s + extra));
    }
    out.extend(body.map(|b| (b, 1)));
    out
}

/// Builds the files of `search/` (`meta.js`, `s-<shard>.js`, `d-<k>.js` and `t-<k>.js`) and
/// hands each to `put` as soon as it is made, so the index is never held twice (as terms and
/// as text); returns how many files it made.
pub fn index(
    site: &Site<'_>,
    mut put: impl FnMut(String, Vec<u8>) -> Result<(), Error>,
) -> Result<usize, Error> {
    let (postings, texts) = postings(site.entries.len(), |i| doc_terms(site, i));
    let mut made = 0;
    let mut put = |rel: String, bytes: Vec<u8>| {
        made += 1;
        put(rel, bytes)
    };
    for (k, block) in texts.chunks(TEXT_BLOCK).enumerate() {
        put(
            format!("search/t-{k}.js"),
            format!("adrSearch.text({k},{});\n", json(&block)).into_bytes(),
        )?;
    }
    drop(texts);
    let mut shards: BTreeMap<String, Vec<Posting>> = BTreeMap::new();
    for (term, docs) in postings {
        shards
            .entry(shard_of(&term))
            .or_default()
            .push((term, docs));
    }
    // Projects, statuses and tags by number: a document names them by their place here.
    let mut names: [Vec<String>; 3] = Default::default();
    let mut places: [HashMap<String, usize>; 3] = Default::default();
    let mut place = |k: usize, name: &str| -> usize {
        if let Some(&p) = places[k].get(name) {
            return p;
        }
        names[k].push(name.to_string());
        places[k].insert(name.to_string(), names[k].len() - 1);
        names[k].len() - 1
    };
    let docs: Vec<serde_json::Value> = site
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let num = e.rec.number.map(|n| format!("{n:04} ")).unwrap_or_default();
            let project = place(0, &site.projects[e.project].name);
            let status = place(1, &status_of(site, i));
            let tags: Vec<usize> = (e.rec.tags.iter()).map(|t| place(2, t)).collect();
            serde_json::json!([
                e.url,
                format!("{num}{}", e.rec.title),
                project,
                status,
                e.rec.sort_date().unwrap_or(""),
                tags
            ])
        })
        .collect();
    let shard_names: Vec<&String> = shards.keys().collect();
    let [projects, statuses, tags] = &names;
    put(
        "search/meta.js".into(),
        format!(
            "adrSearch.meta({{\"n\":{},\"block\":{DOC_BLOCK},\"text\":{TEXT_BLOCK},\"shards\":{},\"projects\":{},\"statuses\":{},\"tags\":{}}});\n",
            docs.len(),
            json(&shard_names),
            json(projects),
            json(statuses),
            json(tags),
        )
        .into_bytes(),
    )?;
    for (k, block) in docs.chunks(DOC_BLOCK).enumerate() {
        put(
            format!("search/d-{k}.js"),
            format!("adrSearch.docs({k},{});\n", json(&block)).into_bytes(),
        )?;
    }
    drop(docs);
    for (name, mut terms) in shards {
        put(
            format!("search/s-{name}.js"),
            format!("adrSearch.shard({name:?},{});\n", shard_json(&mut terms)).into_bytes(),
        )?;
    }
    Ok(made)
}

/// The index in memory: every term with its (document, score) pairs, terms in order, and each
/// document's snippet text.
pub struct Index {
    postings: Vec<Posting>,
    texts: Vec<String>,
}

impl Index {
    /// Indexes documents `0..n`, `doc(i)` giving each one's terms ([`record_terms`]).
    pub fn build(n: usize, doc: impl Fn(usize) -> DocTerms + Sync) -> Index {
        let (mut postings, texts) = postings(n, doc);
        postings.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Index { postings, texts }
    }

    /// The documents matching `query`, best first, with their scores, as `search.js` ranks
    /// them: every word of the query must match; a word found as typed counts twice its score,
    /// and the last word also matches the words it begins (the one being typed), once.
    pub fn rank(&self, query: &str) -> Vec<(u32, u32)> {
        let q = terms(query);
        let mut scores: Option<HashMap<u32, u32>> = None;
        for (i, t) in q.iter().enumerate() {
            let last = i + 1 == q.len();
            let mut mine: HashMap<u32, u32> = HashMap::new();
            let from = self.postings.partition_point(|p| p.0.as_str() < t.as_str());
            for (term, docs) in &self.postings[from..] {
                let exact = term == t;
                if !(exact || last && term.starts_with(t.as_str())) {
                    break;
                }
                for &(d, s) in docs {
                    *mine.entry(d).or_default() += s * if exact { 2 } else { 1 };
                }
            }
            scores = Some(match scores {
                None => mine,
                Some(before) => before
                    .into_iter()
                    .filter_map(|(d, s)| mine.get(&d).map(|m| (d, s + m)))
                    .collect(),
            });
        }
        let mut ranked: Vec<(u32, u32)> = scores.unwrap_or_default().into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked
    }

    /// About `max` characters of document `doc`'s snippet text around the first word of
    /// `query` in it (its start when none is), as `search.js` shows a result.
    pub fn snippet(&self, doc: u32, query: &str, max: usize) -> String {
        let text = self.texts.get(doc as usize).map_or("", String::as_str);
        let lower = text.to_lowercase();
        let at = terms(query)
            .iter()
            .filter_map(|t| lower.find(t.as_str()))
            .min()
            .map_or(0, |b| lower[..b].chars().count());
        let chars: Vec<char> = text.chars().collect();
        if chars.len() <= max {
            return text.to_string();
        }
        let start = at.saturating_sub(max / 3).min(chars.len() - max);
        let mut out: String = chars[start..start + max].iter().collect();
        if start > 0 {
            out.insert(0, '…');
        }
        if start + max < chars.len() {
            out.push('…');
        }
        out
    }
}

fn json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default()
}

/// `{"term":[doc,score,doc,score,...],...}` with the terms sorted, written straight from the
/// postings rather than through a JSON tree of the whole shard.
fn shard_json(terms: &mut [Posting]) -> String {
    use std::fmt::Write;
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut out = String::from("{");
    for (k, (term, docs)) in terms.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        out.push_str(&serde_json::to_string(term).unwrap_or_default());
        out.push_str(":[");
        for (j, (d, s)) in docs.iter().enumerate() {
            let sep = if j > 0 { "," } else { "" };
            let _ = write!(out, "{sep}{d},{s}");
        }
        out.push(']');
    }
    out.push('}');
    out
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
        let distinct = distinct_terms("bb aa BB aa cc 使使 x");
        assert_eq!(
            distinct.iter().collect::<Vec<_>>(),
            ["bb", "aa", "cc", "使"]
        );
        let long = format!("{} ab", "a".repeat(41));
        assert_eq!(terms(&long), ["ab"], "a term of more than 40 bytes is none");
        assert_eq!(terms("Ünïcode ÉTÉ"), ["ünïcode", "été"]);
        assert_eq!(shard_of("rust"), "r");
        assert_eq!(shard_of("使"), format!("u{:x}", ('使' as u32) % 16));
    }

    #[test]
    fn snippet_text_is_the_words_a_reader_sees() {
        let mut out = String::new();
        snippet_text(
            "# T\n\nDate: 2020-01-02\n\nSee [the *old* one](0001-a.md) <!-- optional --> here.\n\
             ```\ncode\n```\n| a |\n|---|\n",
            &[3],
            &mut out,
            100,
        );
        assert_eq!(out, "T See the old one here. a");
        let mut out = String::from("fields");
        snippet_text("one two three four", &[], &mut out, 14);
        assert_eq!(out, "fields one two", "stops at the cap");
    }

    #[test]
    fn title_and_body_postings_merge_in_document_order() {
        assert_eq!(
            merge(vec![(1, 10), (3, 4), (7, 4)], vec![0, 1, 2, 3, 5]),
            [(0, 1), (1, 11), (2, 1), (3, 5), (5, 1), (7, 4)]
        );
        assert_eq!(merge(vec![], vec![2]), [(2, 1)]);
        let mut shard = vec![
            ("b".to_string(), vec![(0, 1)]),
            ("a\"".into(), vec![(1, 2), (3, 1)]),
        ];
        assert_eq!(shard_json(&mut shard), r#"{"a\"":[1,2,3,1],"b":[0,1]}"#);
    }

    #[test]
    fn the_index_ranks_as_search_js_title_then_metadata_then_body_every_word() {
        let rec = |title: &str, tags: &[&str], body: &str| super::super::record::PubRecord {
            title: title.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            body: body.into(),
            ..Default::default()
        };
        let docs = [
            rec("Use Kafka", &[], "Events are kept in storage for a week."),
            rec("Cache tokens", &["storage"], "Nothing here."),
            rec("Storage engine", &[], "Kafka is not used."),
        ];
        let index = Index::build(docs.len(), |i| record_terms(&docs[i], "p"));
        let ids = |q: &str| -> Vec<u32> { index.rank(q).iter().map(|h| h.0).collect() };
        assert_eq!(ids("storage"), [2, 1, 0]);
        // Each has one word in its title and the other in its body: a tie, in the log's order.
        assert_eq!(ids("kafka storage"), [0, 2]);
        // The last word is matched as a prefix, as typed; earlier words must be whole.
        assert_eq!(ids("stor"), [2, 1, 0]);
        assert!(ids("stor kafka").is_empty() && ids("zzz").is_empty());
        assert_eq!(
            index.snippet(0, "storage", 100),
            "Events are kept in storage for a week."
        );
        let cut = index.snippet(0, "week", 12);
        assert!(cut.starts_with('…') && cut.contains("week"), "{cut}");
    }
}
