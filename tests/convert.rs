//! `adr convert`: records rewritten between the adr-tools, MADR and structured formats read
//! back the same, on hand-made records and on every folder of the shared corpus.

mod common;

use common::{Sandbox, stderr, stdout};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

const NYGARD: &str = "# 2. Use Postgres\n\nDate: 2024-05-06\n\n## Status\n\nAccepted\n\n\
    Amends [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\n\
    - 2024-05-01 Proposed\n- 2024-05-06 Accepted\n\n## Context\n\nWe need a database.\n\n\
    ## Decision\n\nPostgres.\n\n## Consequences\n\nA DBA.\n";

fn nygard_log() -> Sandbox {
    let s = Sandbox::new();
    s.adr()
        .args(["init", "--format", "nygard"])
        .assert()
        .success();
    s.write("doc/adr/0002-use-postgres.md", NYGARD);
    s.adr()
        .args(["link", "1", "Amended by", "2", ""])
        .assert()
        .success();
    s
}

/// `adr show REF --format json` less what a conversion changes on purpose.
fn reading(s: &Sandbox, reference: &str) -> Value {
    let out = s
        .adr()
        .args(["show", reference, "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let links: Vec<Value> = v["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| serde_json::json!([l["kind"], l["target"]]))
        .collect();
    serde_json::json!({
        "number": v["number"], "title": v["title"], "state": v["status"]["state"],
        "raw": v["status"]["raw"], "date": v["date"], "history": v["status_history"],
        "links": links, "deciders": v["deciders"], "tags": v["tags"],
    })
}

#[test]
fn nygard_to_structured_and_back_gives_the_same_record_and_the_same_bytes() {
    let s = nygard_log();
    let before = reading(&s, "2");
    s.adr()
        .args(["convert", "--to", "structured", "2"])
        .assert()
        .success()
        .stderr("converted 1 record to structured; 0 already structured; 0 skipped\n");
    let text = s.read("doc/adr/0002-use-postgres.md");
    assert_eq!(
        text,
        "---\nstatus: Accepted\ndate: 2024-05-06\nlinks:\n  - type: Amends\n    \
         target: 0001-record-architecture-decisions.md\nstatus_history:\n  - date: 2024-05-01\n    \
         status: Proposed\n  - date: 2024-05-06\n    status: Accepted\ndeciders: []\n---\n\n\
         # Use Postgres\n\n## Context\n\nWe need a database.\n\n## Decision\n\nPostgres.\n\n\
         ## Consequences\n\nA DBA.\n"
    );
    assert_eq!(reading(&s, "2"), before);
    let v: Value = serde_json::from_slice(
        &s.adr()
            .args(["show", "2", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(v["format"], "structured");
    s.adr()
        .args(["convert", "--to", "nygard", "2"])
        .assert()
        .success();
    assert_eq!(reading(&s, "2"), before);
    assert_eq!(s.read("doc/adr/0002-use-postgres.md"), NYGARD);
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let s = nygard_log();
    let before = s.read("doc/adr/0002-use-postgres.md");
    let out = s
        .adr()
        .args(["convert", "--to", "madr", "--dry-run"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let diff = stdout(&out);
    assert!(
        diff.contains("--- doc/adr/0002-use-postgres.md\n+++ doc/adr/0002-use-postgres.md\n"),
        "{diff}"
    );
    assert!(diff.contains("-# 2. Use Postgres\n"), "{diff}");
    assert!(diff.contains("+# Use Postgres\n"), "{diff}");
    assert!(diff.contains("+decision-makers: []\n"), "{diff}");
    assert!(
        stderr(&out).starts_with("would convert 2 records to madr"),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.read("doc/adr/0002-use-postgres.md"), before);
}

#[test]
fn a_record_that_would_lose_words_is_skipped_with_the_reason() {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    s.adr()
        .args(["new", "--scope", "src/**", "--decider", "Ana", "Scoped"])
        .assert()
        .success();
    let before = s.read("doc/adr/0002-scoped.md");
    let out = s
        .adr()
        .args(["convert", "--to", "nygard", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("skipped doc/adr/0002-scoped.md: `deciders`, `scope`, "),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("no place in an adr-tools record"),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.read("doc/adr/0002-scoped.md"), before);
}

/// The folders of the corpus, each converted whole to the structured format and back to each
/// record's own format: every converted record reads back with the same number, title, status,
/// date and links, and every line of its body that was not metadata is still there.
#[test]
fn every_corpus_folder_converts_to_structured_and_back() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let folders = corpus.join("../tools/decision-folders.txt");
    let folders = std::fs::read_to_string(&folders).unwrap();
    let (mut total, mut converted, mut back) = (0, 0, 0);
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    for unit in folders
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let s = Sandbox::new();
        copy_folder(&corpus.join(unit), &s.path().join("doc/adr"));
        let before = export(&s);
        total += before.len();
        let originals: HashMap<String, String> = before
            .keys()
            .map(|p| (p.clone(), s.read(&format!("doc/adr/{p}"))))
            .collect();
        let out = s
            .adr()
            .args(["convert", "--to", "structured"])
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{unit}: {}",
            stderr(&out)
        );
        let skipped_now = skipped(&stderr(&out), &mut reasons);
        let after = export(&s);
        assert_eq!(after.len(), before.len(), "{unit}: record count");
        let mut by_format: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (path, old) in &before {
            let new = &after[path];
            if skipped_now.contains(path) || old["format"] == "structured" {
                assert_eq!(
                    s.read(&format!("doc/adr/{path}")),
                    originals[path],
                    "{unit}/{path} changed"
                );
                continue;
            }
            converted += 1;
            assert_eq!(new["format"], "structured", "{unit}/{path}");
            same(old, new, &format!("{unit}/{path}"));
            body_kept(
                &originals[path],
                &s.read(&format!("doc/adr/{path}")),
                old,
                &format!("{unit}/{path}"),
            );
            by_format
                .entry(old["format"].as_str().unwrap().to_string())
                .or_default()
                .push(path.clone());
        }
        for (format, paths) in &by_format {
            let refs: Vec<String> = paths.iter().map(|p| file_ref(p)).collect();
            let out = s
                .adr()
                .args(["convert", "--to", format])
                .args(&refs)
                .output()
                .unwrap();
            assert!(
                matches!(out.status.code(), Some(0 | 1)),
                "{unit}: {}",
                stderr(&out)
            );
            let skipped_back = skipped(&stderr(&out), &mut reasons);
            let again = export(&s);
            for path in paths {
                if skipped_back.contains(path) {
                    continue;
                }
                back += 1;
                assert_eq!(again[path]["format"], format.as_str(), "{unit}/{path}");
                same(
                    &before[path],
                    &again[path],
                    &format!("{unit}/{path} (back)"),
                );
            }
        }
    }
    eprintln!(
        "convert: {total} records; {converted} converted to structured and read back the \
         same, {back} of them converted back to their own format and read the same; skipped:"
    );
    for (reason, n) in &reasons {
        eprintln!("  {n:>4}  {reason}");
    }
    assert!(
        converted * 10 >= total * 8,
        "only {converted} of {total} converted"
    );
}

/// The `skipped PATH: reason` lines, as paths under `doc/adr`, counting each reason.
fn skipped(err: &str, reasons: &mut BTreeMap<String, usize>) -> Vec<String> {
    let mut paths = Vec::new();
    for line in err.lines() {
        let Some(rest) = line.strip_prefix("skipped doc/adr/") else {
            continue;
        };
        let (path, reason) = rest.split_once(": ").expect("a reason");
        paths.push(path.to_string());
        // Reasons without their line numbers and quoted text, so like ones count together.
        let kind: String = reason.split(':').next().unwrap_or(reason).to_string();
        let kind = kind.split(" line ").next().unwrap_or(&kind).to_string();
        *reasons.entry(kind).or_default() += 1;
    }
    paths
}

/// A REF naming exactly this file: its name (a folder's name for one folder per record).
fn file_ref(path: &str) -> String {
    let p = Path::new(path);
    match p.file_name().and_then(|f| f.to_str()) {
        Some("README.md" | "index.md") => p.parent().unwrap().to_string_lossy().into_owned(),
        _ => path.to_string(),
    }
}

fn export(s: &Sandbox) -> BTreeMap<String, Value> {
    let out = s
        .adr()
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("export: {e}: {}", stderr(&out)));
    v["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["path"].as_str().unwrap().to_string(), r.clone()))
        .collect()
}

fn same(old: &Value, new: &Value, what: &str) {
    for key in [
        "number",
        "title",
        "status",
        "status_raw",
        "date",
        "deciders",
        "tags",
    ] {
        assert_eq!(old[key], new[key], "{what}: {key}");
    }
    let links = |v: &Value| {
        let mut l: Vec<(String, String)> = v["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| (l["kind"].to_string(), l["target"].to_string()))
            .collect();
        l.sort();
        l.dedup();
        l
    };
    assert_eq!(links(old), links(new), "{what}: links");
}

/// Every line of the old file is in the new one, in order, unless it is metadata that moved:
/// front matter, the title heading, a status heading, or a line carrying the status, the date
/// or a link target.
fn body_kept(old_text: &str, new_text: &str, old: &Value, what: &str) {
    let mut new_lines = new_text.lines();
    let in_front = front_lines(old_text);
    let status = old["status_raw"].as_str().unwrap_or("\u{0}");
    let date = old["date"].as_str().unwrap_or("\u{0}");
    let targets: Vec<&str> = old["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["target"].as_str())
        .collect();
    for (i, line) in old_text.lines().enumerate() {
        if line.trim().is_empty() || i < in_front {
            continue;
        }
        if new_lines.clone().any(|l| l == line) {
            new_lines.find(|l| *l == line);
            continue;
        }
        let t = line.trim();
        let metadata = t.starts_with("# ")
            || t.starts_with('#') && t.to_lowercase().contains("status")
            || t.starts_with("## 状态")
            || t.contains(status)
            || t.contains(date)
            || date_line(t)
            || targets.iter().any(|x| t.contains(x));
        assert!(metadata, "{what}: line {} lost: {line}", i + 1);
    }
}

/// A `Date: 05/02/2018` or `- Start Date: 23-07-2014` line (the export gives the date as ISO).
fn date_line(t: &str) -> bool {
    let t = t.trim_start_matches(['-', '*', ' ']).to_lowercase();
    let key = t.split([':', '：']).next().unwrap_or("");
    key.contains("date") || key.contains("日期") || key.contains("created")
}

/// How many lines the front matter of `text` takes, fences included.
fn front_lines(text: &str) -> usize {
    let mut lines = text.lines();
    if lines.next().map(str::trim_end) != Some("---") {
        return 0;
    }
    lines
        .position(|l| matches!(l.trim_end(), "---" | "..."))
        .map_or(0, |p| p + 2)
}

fn copy_folder(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}
