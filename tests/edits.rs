//! Edits change only what was asked. Every record of the shared corpus gets a status change,
//! an added link and (where it is not superseded yet) a supersede marker, each on its own; the
//! edited text is read back and compared with the record before the edit, field by field.
//! No edit may change a field it was not asked to change, and at most 1% of edits may be
//! refused (each refusal with its reason).

mod common;

use adr::edit::{NewLink, NewStatus};
use adr::fuzz_targets;
use adr::model::{Lifecycle, Record};
use adr::repo::RecordFile;

enum Outcome {
    Kept,
    Refused(String),
    /// The fields that changed though nobody asked.
    Changed(Vec<String>),
}

/// The record in `text`, read the way every command reads the file.
fn parse(file: &RecordFile, text: &str) -> Record {
    adr::repo::record_from_bytes(file, text.as_bytes()).0
}

fn outcome(
    file: &RecordFile,
    before: &Record,
    edited: Result<String, adr::edit::EditError>,
    links_added: &[(String, String)],
    status_asked: Option<&NewStatus>,
) -> Outcome {
    match edited {
        Err(e) => Outcome::Refused(e.to_string()),
        Ok(text) => {
            let after = parse(file, &text);
            let changed = fuzz_targets::changed_besides(before, &after, links_added, status_asked);
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
            files.push(f);
        }
    }
    let (mut edits, mut refused, mut changed) = (0, Vec::new(), Vec::new());
    for file in &files {
        let path = &file.path;
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let before = parse(file, &text);
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
            by: None,
            forced: None,
        };
        let mut results = vec![outcome(
            file,
            &before,
            adr::edit::set_status(&text, &before, &new_status),
            &[],
            Some(&new_status),
        )];
        let amends = NewLink {
            label: "Amends".into(),
            target: "0999-marker.md".into(),
            title: "999. Marker".into(),
        };
        results.push(outcome(
            file,
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
                file,
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

/// A MADR 2 status that names its successor (`* Status: superseded by [X](x.md)`) moved by
/// `--force` to another status: one `Status:` bullet says the new status, the link to the
/// successor stays on a line of its own, and every other byte is as it was.
#[test]
fn a_forced_status_leaves_one_status_bullet_and_keeps_the_successor_link() {
    let old = "* Status: superseded by [ADR-0002](0002-use-y.md)\n";
    let s = common::log::Log::new()
        .madr2(1, "Use X", "superseded by [ADR-0002](0002-use-y.md)")
        .madr2(2, "Use Y", "accepted")
        .sandbox();
    let before = s.read("doc/adr/0001-use-x.md");
    assert!(before.contains(old), "{before}");
    s.adr()
        .args(["status", "1", "deprecated", "--force", "--as", "Ana"])
        .assert()
        .success();
    let after = s.read("doc/adr/0001-use-x.md");
    let statuses = after.lines().filter(|l| l.contains("Status:")).count();
    assert_eq!(statuses, 1, "{after}");
    let new = "* Status: deprecated\n  \
               * 2024-01-02 Superseded\n  \
               * 1992-01-12 deprecated (by Ana; forced: superseded to deprecated is not a \
               lifecycle move)\n\
               * Superseded by [ADR-0002](0002-use-y.md)\n";
    assert_eq!(after, before.replace(old, new));
    let out = s
        .adr()
        .args(["show", "1", "--format", "json"])
        .output()
        .unwrap();
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["status"]["state"], "deprecated", "{shown}");
    assert_eq!(shown["links"][0]["kind"], "superseded-by", "{shown}");
    assert_eq!(shown["links"][0]["target"], "0002-use-y.md", "{shown}");
}
