//! Edits change only what was asked. Every record of the shared corpus gets a status change,
//! an added link and (where it is not superseded yet) a supersede marker, each on its own; the
//! edited text is read back and compared with the record before the edit, field by field.
//! No edit may change a field it was not asked to change, and at most 1% of edits may be
//! refused (each refusal with its reason).

mod common;

use adr::edit::{NewLink, NewStatus};
use adr::model::{Lifecycle, Record};
use serde_json::{Map, Value};
use std::path::Path;

/// Fields an edit is never asked to change: what the record says about itself. The body is the
/// text an edit changes, so it is compared through everything read from it instead.
fn identity(r: &Record) -> Map<String, Value> {
    let Value::Object(mut m) = serde_json::to_value(r).unwrap() else {
        unreachable!()
    };
    for k in [
        "body",
        "body_line",
        "key_lines",
        "front_matter",
        "status",
        "status_history",
        "links",
        "date",
        "number_in_file",
    ] {
        m.remove(k);
    }
    m
}

fn links(r: &Record) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = r
        .links
        .iter()
        .map(|l| (l.kind.clone(), l.target.clone()))
        .collect();
    v.sort();
    v
}

fn status(r: &Record) -> Option<(String, String)> {
    r.status
        .as_ref()
        .map(|s| (s.state.as_str().to_string(), s.raw.clone()))
}

enum Outcome {
    Kept,
    Refused(String),
    /// The fields that changed though nobody asked.
    Changed(Vec<String>),
}

fn parse(path: &Path, text: &str) -> Record {
    let stem = if path
        .file_name()
        .is_some_and(|n| n == "README.md" || n == "index.md")
    {
        path.parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
    } else {
        path.file_stem().unwrap().to_str().unwrap()
    };
    let name = adr::names::parse_record_name(stem).unwrap_or(adr::names::NameInfo {
        number: None,
        date_iso: None,
        slug: stem.into(),
    });
    adr::parse::parse_record(path, stem, &name, text).0
}

/// Compares the record before and after an edit. `date_by_edit`: the date a status change may
/// give a record that had none (the dated history entry it adds).
fn compare(
    before: &Record,
    after: &Record,
    links_added: &[(String, String)],
    status_asked: Option<&str>,
) -> Vec<String> {
    let mut changed = Vec::new();
    let (a, b) = (identity(before), identity(after));
    for (k, v) in &a {
        if k == "date_iso"
            && v.is_null()
            && status_asked.is_some()
            && b[k].as_str() == Some("2099-09-09")
        {
            continue;
        }
        if b.get(k) != Some(v) {
            changed.push(format!("{k}: {v} -> {}", b.get(k).unwrap_or(&Value::Null)));
        }
    }
    let mut want = links(before);
    want.extend(links_added.iter().cloned());
    want.sort();
    if links(after) != want {
        changed.push(format!("links: {:?} -> {:?}", links(before), links(after)));
    }
    match status_asked {
        Some(word) => {
            let now = status(after).map(|s| s.0);
            if now.as_deref() != Some(word) {
                changed.push(format!("status: asked {word}, read {now:?}"));
            }
            let hist = |r: &Record| -> Vec<(String, String)> {
                r.status_history
                    .iter()
                    .map(|h| (h.date.clone(), h.raw.clone()))
                    .collect()
            };
            let after_h = hist(after);
            if !hist(before).iter().all(|h| after_h.contains(h)) {
                changed.push("status history lost an entry".into());
            }
        }
        None => {
            let superseding = links_added.iter().any(|(k, _)| k == "superseded-by");
            let now = status(after);
            let ok = status(before) == now
                || superseding && now.as_ref().is_some_and(|s| s.0 == "superseded");
            if !ok {
                changed.push(format!("status: {:?} -> {now:?}", status(before)));
            }
        }
    }
    changed
}

fn outcome(
    path: &Path,
    before: &Record,
    edited: Result<String, adr::edit::EditError>,
    links_added: &[(String, String)],
    status_asked: Option<&str>,
) -> Outcome {
    match edited {
        Err(e) => Outcome::Refused(e.to_string()),
        Ok(text) => {
            let after = parse(path, &text);
            let changed = compare(before, &after, links_added, status_asked);
            if changed.is_empty() {
                Outcome::Kept
            } else {
                Outcome::Changed(changed)
            }
        }
    }
}

#[test]
fn every_corpus_edit_changes_only_what_was_asked() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let folders = std::fs::read_to_string(corpus.join("../tools/decision-folders.txt")).unwrap();
    let mut files = Vec::new();
    for folder in folders
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        for f in adr::repo::list_record_files(&corpus.join(folder)).unwrap() {
            files.push(f.path);
        }
    }
    let (mut edits, mut refused, mut changed) = (0, Vec::new(), Vec::new());
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let before = parse(path, &text);
        let to = if before
            .status
            .as_ref()
            .is_some_and(|s| s.state == Lifecycle::Deprecated)
        {
            Lifecycle::Accepted
        } else {
            Lifecycle::Deprecated
        };
        let new_status = NewStatus {
            raw: to.as_str().into(),
            state: to.clone(),
            date: "2099-09-09".into(),
        };
        let mut results = vec![outcome(
            path,
            &before,
            adr::edit::set_status(&text, &before, &new_status),
            &[],
            Some(to.as_str()),
        )];
        let amends = NewLink {
            label: "Amends".into(),
            target: "0999-marker.md".into(),
            title: "999. Marker".into(),
        };
        results.push(outcome(
            path,
            &before,
            adr::edit::add_link(&text, &before, &amends),
            &[("amends".into(), "0999-marker.md".into())],
            None,
        ));
        if before
            .status
            .as_ref()
            .is_none_or(|s| s.state != Lifecycle::Superseded)
        {
            let by = NewLink {
                label: "Superceded by".into(),
                target: "0998-successor.md".into(),
                title: "998. Successor".into(),
            };
            results.push(outcome(
                path,
                &before,
                adr::edit::add_link(&text, &before, &by),
                &[("superseded-by".into(), "0998-successor.md".into())],
                None,
            ));
        }
        for r in results {
            edits += 1;
            match r {
                Outcome::Kept => {}
                Outcome::Refused(why) => refused.push(why),
                Outcome::Changed(what) => {
                    changed.push(format!("{}: {}", path.display(), what.join("; ")))
                }
            }
        }
    }
    println!(
        "{edits} edits of {} records: {} changed another field, {} refused",
        files.len(),
        changed.len(),
        refused.len()
    );
    for r in &refused {
        println!("refused: {r}");
    }
    assert!(files.len() > 400, "only {} corpus records", files.len());
    assert!(
        changed.is_empty(),
        "edits changed fields nobody asked for:\n{}",
        changed.join("\n")
    );
    assert!(
        refused.len() * 100 <= edits,
        "{} of {edits} edits refused (more than 1%):\n{}",
        refused.len(),
        refused.join("\n")
    );
}
