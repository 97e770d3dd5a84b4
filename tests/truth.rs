//! How well `adr` reads real decision logs: every record of `../shared/corpus/TRUTH.tsv` (hand
//! labels of what a careful architect reads in each file) against what `adr export` reads,
//! field by field, scored by the rules of the corpus README (the same rules as its reference
//! scorer). Prints the table and fails below the level reached, so reading never slips back.

mod common;

use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// The share of records that must be fully right, in per mille; raised as reading improves.
const FLOOR_FULLY_RIGHT: usize = 995;
/// Per field, in per mille.
const FLOOR_FIELD: usize = 995;

const FIELDS: [&str; 7] = [
    "found",
    "number",
    "title",
    "status",
    "date",
    "supersedes",
    "superseded_by",
];
const ACCEPTED_WORDS: [&str; 6] = [
    "adopted",
    "approved",
    "decided",
    "implemented",
    "完成",
    "通过",
];
const SYNONYMS: [(&str, &str); 4] = [
    ("declined", "rejected"),
    ("提议", "proposed"),
    ("已弃用", "deprecated"),
    ("draft", "proposed"),
];

fn norm_title(t: &str) -> String {
    let t = t.replace(['`', '*'], "").trim().to_lowercase();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    t.trim_end_matches('.').to_string()
}

/// A link target or label as the scorer compares them: the number (`0012-x.md`, `ADR-12`,
/// `12` give `12`), else the file or folder stem.
fn ref_key(target: &str) -> String {
    let base = target.rsplit('/').next().unwrap_or(target);
    let mut stem = base.rsplit_once('.').map_or(base, |(s, _)| s).to_string();
    if matches!(stem.to_lowercase().as_str(), "index" | "readme") {
        let parent = target.rsplit('/').nth(1).unwrap_or("");
        stem = parent.to_string();
    }
    let lower = stem.to_lowercase();
    let eight_digits = lower.len() >= 8 && lower.bytes().take(8).all(|b| b.is_ascii_digit());
    let rest = lower
        .strip_prefix("adr")
        .map(|r| r.strip_prefix(['-', '_']).unwrap_or(r))
        .unwrap_or(&lower);
    let zeros = rest.bytes().take_while(|&b| b == b'0').count();
    let digits = rest[zeros..].bytes().take_while(u8::is_ascii_digit).count();
    let after = &rest[zeros + digits..];
    let ends = after.is_empty() || after.starts_with(['-', '_', '.']);
    match (eight_digits, digits, zeros) {
        (false, 1..=5, _) if ends => rest[zeros..zeros + digits].to_string(),
        (false, 0, 1..) if ends => "0".to_string(),
        _ => lower,
    }
}

fn truth_refs(cell: &str) -> BTreeSet<String> {
    cell.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| match c.parse::<u64>() {
            Ok(n) => n.to_string(),
            Err(_) => ref_key(c),
        })
        .collect()
}

fn status_ok(truth: &str, state: &str, raw: &str) -> bool {
    let (state, raw) = (state.to_lowercase(), raw.to_lowercase());
    if truth.is_empty() {
        return matches!(state.as_str(), "" | "none" | "unknown" | "null") && raw.trim().is_empty();
    }
    match truth.strip_prefix("other:") {
        Some(w) => {
            (ACCEPTED_WORDS.contains(&w) && state == "accepted")
                || SYNONYMS.iter().any(|(s, to)| *s == w && *to == state)
                || raw.contains(w)
        }
        None => state == truth,
    }
}

fn text(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

#[test]
fn reading_of_real_records_matches_the_hand_labels() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let folders = corpus.join("../tools/decision-folders.txt");
    let folders =
        std::fs::read_to_string(&folders).unwrap_or_else(|e| panic!("{}: {e}", folders.display()));
    let units: Vec<&str> = folders
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let truth = std::fs::read_to_string(corpus.join("TRUTH.tsv")).unwrap();
    let mut lines = truth.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let cells: Vec<Vec<String>> = lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(unquote).collect())
        .collect();
    let rows: Vec<HashMap<&str, &str>> = cells
        .iter()
        .map(|c| {
            header
                .iter()
                .copied()
                .zip(c.iter().map(String::as_str))
                .collect()
        })
        .collect();
    let unit_of = |path: &str| {
        units
            .iter()
            .filter(|u| path.starts_with(&format!("{u}/")))
            .max_by_key(|u| u.len())
            .copied()
    };
    let wanted: BTreeSet<&str> = rows.iter().filter_map(|r| unit_of(r["path"])).collect();

    // Each decision folder as a user would have it: the log of a repository of its own.
    let mut read: HashMap<String, Value> = HashMap::new();
    for unit in wanted {
        let sandbox = common::Sandbox::new();
        copy_tree(&corpus.join(unit), &sandbox.path().join("doc/adr"));
        let out = sandbox
            .adr()
            .args(["export", "--format", "json"])
            .output()
            .unwrap();
        let bundle: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!("{unit}: export is not JSON ({e}): {}", common::stderr(&out))
        });
        for r in bundle["records"].as_array().unwrap() {
            read.insert(format!("{unit}/{}", text(r, "path")), r.clone());
        }
    }

    let mut ok: HashMap<&str, usize> = HashMap::new();
    let mut full = 0;
    let mut misses = Vec::new();
    for t in &rows {
        let r = read.get(t["path"]);
        let mut res: HashMap<&str, bool> = HashMap::new();
        res.insert("found", r.is_some());
        if let Some(r) = r {
            let links = |kind: &str| -> BTreeSet<String> {
                r["links"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|l| text(l, "kind").replace('_', "-") == kind)
                    .map(|l| ref_key(&text(l, "target")))
                    .collect()
            };
            let want_number = t["number"]
                .parse::<u64>()
                .map(|n| n.to_string())
                .unwrap_or_default();
            res.insert("number", text(r, "number") == want_number);
            let title = norm_title(&text(r, "title"));
            let alt = t.get("alt_title").copied().unwrap_or("");
            res.insert(
                "title",
                title == norm_title(t["title"]) || (!alt.is_empty() && title == norm_title(alt)),
            );
            res.insert(
                "status",
                status_ok(t["status"], &text(r, "status"), &text(r, "status_raw")),
            );
            res.insert("date", text(r, "date") == t["date"]);
            res.insert(
                "supersedes",
                links("supersedes") == truth_refs(t["supersedes"]),
            );
            res.insert(
                "superseded_by",
                links("superseded-by") == truth_refs(t["superseded_by"]),
            );
        }
        for f in FIELDS {
            *ok.entry(f).or_default() += usize::from(res.get(f).copied().unwrap_or(false));
        }
        let wrong: Vec<&str> = FIELDS
            .into_iter()
            .filter(|f| !res.get(f).copied().unwrap_or(false))
            .collect();
        if wrong.is_empty() {
            full += 1;
        } else {
            misses.push(format!("{}: {}", t["path"], wrong.join(", ")));
        }
    }
    let n = rows.len();
    println!("field          right");
    for f in FIELDS {
        println!(
            "{f:14} {:4}/{n} ({:.1}%)",
            ok[f],
            100.0 * ok[f] as f64 / n as f64
        );
    }
    for m in &misses {
        println!("not fully right: {m}");
    }
    println!(
        "records fully right {full} of {n} ({:.1}%)",
        100.0 * full as f64 / n as f64
    );
    assert!(n >= 400, "TRUTH.tsv has only {n} rows");
    for f in FIELDS {
        assert!(
            ok[f] * 1000 >= FLOOR_FIELD * n,
            "{f}: {} of {n} right, below the floor of {FLOOR_FIELD}‰",
            ok[f]
        );
    }
    assert!(
        full * 1000 >= FLOOR_FULLY_RIGHT * n,
        "{full} of {n} records fully right, below the floor of {FLOOR_FULLY_RIGHT}‰:\n{}",
        misses.join("\n")
    );
}

/// A TSV cell as Python's csv module writes it: `"..."` with `""` for a quote inside.
fn unquote(cell: &str) -> String {
    match cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => cell.to_string(),
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else if e.file_type().is_file() {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

#[test]
fn references_are_compared_by_number_or_stem() {
    assert_eq!(ref_key("0003-aws-networking-outline.md"), "3");
    assert_eq!(ref_key("ADR-12"), "12");
    assert_eq!(ref_key("60"), "60");
    assert_eq!(
        ref_key("20200926-use-the-adr-number-as-its-unique-id.md"),
        "20200926-use-the-adr-number-as-its-unique-id"
    );
    assert_eq!(ref_key("20220207-tracing/README.md"), "20220207-tracing");
    assert!(status_ok("other:approved", "accepted", "Approved"));
    assert!(status_ok("other:pending", "proposed", "Pending"));
    assert!(!status_ok("", "accepted", "Accepted"));
    assert!(status_ok("", "", ""));
}
