//! `adr review` on real git repositories built in temp dirs, with a fixed identity and dates.

mod common;

use common::{Sandbox, stderr, stdout};
use predicates::prelude::*;
use serde_json::Value;

fn git(s: &Sandbox, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(s.path())
        .args(args)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .env("GIT_AUTHOR_DATE", "2024-01-02T03:04:05Z")
        .env("GIT_COMMITTER_DATE", "2024-01-02T03:04:05Z")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

const STRUCTURED: &str = "---
status: accepted
date: 2024-01-02
scope: [\"src/db/**\"]
constraints: [Managed service only]
quality_attributes:
  - id: durability
    attribute: Durability
    scenario: {stimulus: a crash, response: no loss, response_measure: 0 lost writes}
options:
  - {name: Postgres, chosen: true, tradeoffs: {durability: \"+ WAL\"}}
  - {name: Files, tradeoffs: {durability: \"- fsync\"}}
---
# Use Postgres

## Context

We store events.
";

/// A repository on `main` with three accepted records (one structured, scoped to src/db) and
/// governed code, then a `feature` branch checked out.
fn repo() -> Sandbox {
    let s = Sandbox::new();
    git(&s, &["init", "-q", "-b", "main"]);
    s.write(".adr.toml", "dir = \"doc/adr\"\nformat = \"nygard\"\n");
    s.adr().arg("init").assert().success();
    s.write("doc/adr/0002-use-postgres.md", STRUCTURED);
    s.adr().args(["new", "Use Kafka"]).assert().success();
    s.write("src/db/pool.rs", "// pool\n");
    s.write("src/api/routes.rs", "// routes\n");
    git(&s, &["add", "-A"]);
    git(&s, &["commit", "-q", "-m", "base"]);
    git(&s, &["checkout", "-q", "-b", "feature"]);
    s
}

fn review_json(s: &Sandbox, extra: &[&str]) -> (Value, i32) {
    let out = s
        .adr()
        .args(["review", "--base", "main", "--format", "json"])
        .args(extra)
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&out), stderr(&out)));
    (v, out.status.code().unwrap())
}

#[test]
fn review_reports_what_a_branch_does_to_the_decisions() {
    let s = repo();
    s.adr()
        .args(["supersede", "3", "Use NATS"])
        .assert()
        .success();
    s.adr()
        .args(["status", "1", "deprecated", "--force"])
        .assert()
        .success();
    s.adr().args(["renumber", "2", "9"]).assert().success();
    let rewritten = s
        .read("doc/adr/0009-use-postgres.md")
        .replace("We store events.", "We store everything.");
    s.write("doc/adr/0009-use-postgres.md", rewritten);
    git(&s, &["add", "-A"]);
    git(&s, &["commit", "-q", "-m", "change"]);

    let (v, code) = review_json(&s, &[]);
    assert_eq!(code, 0, "warnings only: {v:#}");
    assert_eq!(v["head"], "working tree");
    assert_eq!(v["added"][0]["path"], "doc/adr/0004-use-nats.md");
    assert_eq!(v["added"][0]["title"], "Use NATS");
    assert_eq!(
        v["superseded"][0]["record"]["path"],
        "doc/adr/0003-use-kafka.md"
    );
    assert_eq!(v["superseded"][0]["by"]["path"], "doc/adr/0004-use-nats.md");
    let moves: Vec<(String, String, String)> = v["status_changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["record"]["number"].to_string(),
                m["from"].as_str().unwrap().into(),
                m["to"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert!(
        moves.contains(&("3".into(), "accepted".into(), "superseded".into())),
        "{moves:?}"
    );
    assert!(
        moves.contains(&("1".into(), "accepted".into(), "deprecated".into())),
        "{moves:?}"
    );
    assert_eq!(
        v["renamed"][0]["from"]["path"],
        "doc/adr/0002-use-postgres.md"
    );
    assert_eq!(
        v["renamed"][0]["to"]["path"],
        "doc/adr/0009-use-postgres.md"
    );
    assert_eq!(v["renamed"][0]["renumbered"], true);
    // The rewrite of an accepted record is reported with its diff; the status change of
    // record 3 is not (it only touched lifecycle lines).
    let edits = v["accepted_edits"].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{edits:?}");
    assert_eq!(edits[0]["record"]["path"], "doc/adr/0009-use-postgres.md");
    assert!(
        edits[0]["diff"]
            .as_str()
            .unwrap()
            .contains("+We store everything.")
    );
    assert_eq!(edits[0]["severity"], "warning");
    assert_eq!(v["summary"]["added"], 1);

    let out = s.adr().args(["review", "--base", "main"]).output().unwrap();
    insta::assert_snapshot!("review_markdown", stdout(&out));
    s.adr()
        .args(["review", "--base", "main", "--deny", "warning"])
        .assert()
        .code(1);
}

#[test]
fn review_lists_the_accepted_decisions_governing_changed_files() {
    let s = repo();
    s.write("src/db/pool.rs", "// pool, tuned\n");
    s.write("src/api/routes.rs", "// routes, new\n");
    let (v, _) = review_json(&s, &[]);
    let gov = v["governing"].as_array().unwrap();
    assert_eq!(gov.len(), 1, "{v:#}");
    assert_eq!(gov[0]["record"]["path"], "doc/adr/0002-use-postgres.md");
    assert_eq!(gov[0]["files"], serde_json::json!(["src/db/pool.rs"]));
    // The same read from a head revision (scopes found by `git grep` there).
    let expected = v["governing"].clone();
    git(&s, &["commit", "-q", "-am", "code"]);
    let (v, _) = review_json(&s, &["--head", "feature"]);
    assert_eq!(v["governing"], expected);
    s.adr()
        .args(["review", "--base", "main", "--format", "github"])
        .assert()
        .stdout(predicate::str::contains(
            "::notice file=src/db/pool.rs,title=adr review%3A governed by::0002 Use Postgres (doc/adr/0002-use-postgres.md)",
        ));
}

#[test]
fn review_warns_when_only_superseded_decisions_govern_a_file() {
    let s = repo();
    // Superseded on the base branch, long before this change.
    git(&s, &["checkout", "-q", "main"]);
    s.adr()
        .args(["supersede", "2", "Use CockroachDB"])
        .assert()
        .success();
    git(&s, &["add", "-A"]);
    git(&s, &["commit", "-q", "-m", "supersede"]);
    git(&s, &["checkout", "-q", "-b", "change"]);
    s.write("src/db/pool.rs", "// changed\n");
    let (v, _) = review_json(&s, &[]);
    let stale: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "governed-by-stale-decision")
        .collect();
    assert_eq!(stale.len(), 1, "{v:#}");
    assert_eq!(stale[0]["path"], "src/db/pool.rs");
    assert!(
        stale[0]["message"]
            .as_str()
            .unwrap()
            .contains("0002 Use Postgres")
    );
}

/// The change that touches governed code brings its new decision: one that supersedes the stale
/// one, or a proposal whose scope matches. Nothing is stale then.
#[test]
fn review_does_not_warn_when_the_change_brings_the_new_decision() {
    let stale = |v: &Value| -> Vec<Value> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "governed-by-stale-decision")
            .cloned()
            .collect()
    };
    // Superseded in this change (`adr supersede` writes the new record as proposed).
    let s = repo();
    s.adr()
        .args(["supersede", "2", "Use CockroachDB"])
        .assert()
        .success();
    s.write("src/db/pool.rs", "// changed\n");
    let (v, _) = review_json(&s, &[]);
    assert_eq!(stale(&v), Vec::<Value>::new(), "{v:#}");
    assert_eq!(
        v["superseded"][0]["by"]["path"],
        "doc/adr/0004-use-cockroachdb.md"
    );

    // Deprecated before, and a proposal scoped to the same code added in this change.
    let s = repo();
    git(&s, &["checkout", "-q", "main"]);
    s.adr()
        .args(["status", "2", "deprecated", "--force"])
        .assert()
        .success();
    git(&s, &["commit", "-q", "-am", "deprecate"]);
    git(&s, &["checkout", "-q", "-b", "change"]);
    s.write("src/db/pool.rs", "// changed\n");
    let (v, _) = review_json(&s, &[]);
    assert_eq!(stale(&v).len(), 1, "{v:#}");
    s.write(
        "doc/adr/0004-use-sqlite.md",
        "---\nstatus: proposed\ndate: 2024-01-02\nscope: [\"src/db/**\"]\n---\n# Use SQLite\n\n\
         Why.\n",
    );
    let (v, _) = review_json(&s, &[]);
    assert_eq!(stale(&v), Vec::<Value>::new(), "{v:#}");
}

/// Titles are the team's words: a backtick or a star in one must not break the comment's
/// Markdown. The comment leads with what a reviewer decides (status changes, supersessions),
/// before records added and before the warnings.
#[test]
fn review_comment_escapes_titles_and_leads_with_decisions() {
    let s = repo();
    s.adr()
        .args(["supersede", "3", "Use `nats` *now*"])
        .assert()
        .success();
    let out = s.adr().args(["review", "--base", "main"]).output().unwrap();
    let md = stdout(&out);
    assert!(
        md.contains("- 0003 Use Kafka → superseded by 0004 Use \\`nats\\` \\*now\\*\n"),
        "{md}"
    );
    assert!(!md.contains("`0004"), "no title in a code span: {md}");
    let at = |heading: &str| {
        md.find(heading)
            .unwrap_or_else(|| panic!("{heading} missing: {md}"))
    };
    assert!(at("### Status changes") < at("### Superseded"), "{md}");
    assert!(at("### Superseded") < at("### Added"), "{md}");
    assert!(at("### Added") < at("### Findings"), "{md}");
    assert!(
        md.contains("**1 status change · 1 supersession · 1 decision added** · ⚠️"),
        "{md}"
    );
}

#[test]
fn review_and_check_catch_two_branches_taking_one_number() {
    let s = repo();
    s.adr().args(["new", "Use gRPC"]).assert().success();
    git(&s, &["add", "-A"]);
    git(&s, &["commit", "-q", "-m", "grpc"]);
    git(&s, &["checkout", "-q", "main"]);
    s.adr().args(["new", "Use REST"]).assert().success();
    git(&s, &["add", "-A"]);
    git(&s, &["commit", "-q", "-m", "rest"]);
    git(&s, &["checkout", "-q", "feature"]);
    let (v, code) = review_json(&s, &[]);
    assert_eq!(code, 1);
    let f = &v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "number-collision")
        .unwrap();
    assert_eq!(f["path"], "doc/adr/0004-use-grpc.md");
    let msg = f["message"].as_str().unwrap();
    assert!(msg.contains("doc/adr/0004-use-rest.md"), "{msg}");
    assert!(
        msg.contains("adr renumber doc/adr/0004-use-grpc.md 5"),
        "{msg}"
    );
    s.adr()
        .args(["check", "--base", "main", "--no-scope"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "doc/adr/0004-use-grpc.md:1: error[number-collision]: number 4 is already taken on main by doc/adr/0004-use-rest.md",
        ));
}

#[test]
fn review_reads_a_head_revision_from_git() {
    let s = repo();
    s.adr().args(["new", "Use gRPC"]).assert().success();
    git(&s, &["add", "-A"]);
    git(&s, &["commit", "-q", "-m", "grpc"]);
    // Uncommitted work is ignored when --head names a commit.
    s.adr().args(["new", "Not committed"]).assert().success();
    let (v, _) = review_json(&s, &["--head", "feature"]);
    assert_eq!(v["head"], "feature");
    let added: Vec<&str> = v["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap())
        .collect();
    assert_eq!(added, vec!["doc/adr/0004-use-grpc.md"]);
}

#[test]
fn review_says_why_it_cannot_run() {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    s.adr()
        .arg("review")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not in a git repository"));
    let s = repo();
    s.adr()
        .args(["review", "--base", "no-such-branch"])
        .assert()
        .code(2)
        .stderr("error: unknown revision `no-such-branch`\n");
    // A shallow clone without the merge base says what to fetch.
    git(&s, &["checkout", "-q", "main"]);
    for i in 0..3 {
        s.adr()
            .args(["new", &format!("Main {i}")])
            .assert()
            .success();
        git(&s, &["add", "-A"]);
        git(&s, &["commit", "-q", "-m", "more"]);
    }
    git(&s, &["checkout", "-q", "feature"]);
    s.adr().args(["new", "Feature work"]).assert().success();
    git(&s, &["add", "-A"]);
    git(&s, &["commit", "-q", "-m", "feature"]);
    let clone = Sandbox::new();
    let url = format!("file://{}", s.path().display());
    git(
        &clone,
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            "--no-single-branch",
            &url,
            "c",
        ],
    );
    git(&clone, &["-C", "c", "checkout", "-q", "feature"]);
    clone
        .adr_in("c")
        .args(["review", "--base", "origin/main"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("shallow clone")
                .and(predicate::str::contains("fetch-depth: 0")),
        );
}

/// The text of every fenced code block of a Markdown document, with its info string.
fn code_blocks(md: &str) -> Vec<(String, String)> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for e in Parser::new(md) {
        match e {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                current = Some((info.to_string(), String::new()));
            }
            Event::Text(t) => {
                if let Some((_, text)) = &mut current {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

#[test]
fn review_diff_of_a_record_with_code_blocks_stays_in_one_fence() {
    let s = repo();
    let with_code = s.read("doc/adr/0002-use-postgres.md")
        + "\n## Example\n\n```sql\nSELECT 1;\n```\n\n````text\nfour\n````\n";
    s.write("doc/adr/0002-use-postgres.md", with_code);
    let (v, _) = review_json(&s, &[]);
    let diff = v["accepted_edits"][0]["diff"].as_str().unwrap().to_string();
    assert!(diff.contains("+```sql"), "{diff}");
    let out = s.adr().args(["review", "--base", "main"]).output().unwrap();
    let md = stdout(&out);
    let blocks = code_blocks(&md);
    assert_eq!(blocks.len(), 1, "{md}");
    assert_eq!(blocks[0], ("diff".to_string(), diff), "{md}");
    assert!(md.contains("`````diff\n"), "{md}");
    // What follows the diff is still HTML, not code.
    assert!(md.contains("`````\n</details>"), "{md}");
}

#[test]
fn review_edit_summaries_link_with_html() {
    let s = repo();
    s.write(
        ".adr.toml",
        "dir = \"doc/adr\"\nformat = \"nygard\"\n[review]\n\
         record-url = \"https://adr.example.com/r/{id}.html?a=1&b=2\"\n",
    );
    let text = s
        .read("doc/adr/0002-use-postgres.md")
        .replace("We store events.", "We store <everything>.");
    s.write("doc/adr/0002-use-postgres.md", text);
    let out = s.adr().args(["review", "--base", "main"]).output().unwrap();
    let md = stdout(&out);
    assert!(
        md.contains(
            "<details><summary><a href=\"https://adr.example.com/r/0002-use-postgres.html?a=1&amp;b=2\">\
             0002 Use Postgres</a></summary>"
        ),
        "{md}"
    );
    // GitHub renders no Markdown inside the HTML block: no `[label](url)` there.
    assert!(!md.contains("<summary>["), "{md}");
}

#[test]
fn review_hunk_headers_give_file_line_numbers() {
    let s = repo();
    let path = "doc/adr/0002-use-postgres.md";
    let text = s
        .read(path)
        .replace("We store events.", "We store everything.");
    s.write(path, &text);
    let (v, _) = review_json(&s, &[]);
    let diff = v["accepted_edits"][0]["diff"].as_str().unwrap();
    let header = diff.lines().next().unwrap();
    // `## Context` is line 16 and the sentence line 18: blank line 17 is not shown, and the
    // status line (2) dropped before them does not shift the numbers.
    assert_eq!(header, "@@ -16,3 +16,3 @@", "{diff}");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[15], "## Context");
    assert_eq!(lines[17], "We store everything.");
    assert_eq!(v["accepted_edits"][0]["line"], 18);
}

/// A repository of `governed` accepted records, each scoped to its own source folder, on
/// `main`; then a `feature` branch that changes every one of those folders and adds `added`
/// records without a status (each a `no-status` finding).
fn big_repo(governed: usize, added: usize) -> Sandbox {
    let s = Sandbox::new();
    git(&s, &["init", "-q", "-b", "main"]);
    s.write(".adr.toml", "dir = \"doc/adr\"\n");
    for i in 1..=governed {
        s.write(
            &format!("doc/adr/{i:04}-use-module-{i}.md"),
            format!(
                "---\nstatus: accepted\nscope: [\"src/m{i}/**\"]\n---\n# Use module {i}\n\n\
                 ## Context\n\nModule {i}.\n"
            ),
        );
        s.write(&format!("src/m{i}/lib.rs"), "// lib\n");
    }
    git(&s, &["add", "-A"]);
    git(&s, &["commit", "-q", "-m", "base"]);
    git(&s, &["checkout", "-q", "-b", "feature"]);
    for i in 1..=governed {
        s.write(&format!("src/m{i}/lib.rs"), "// lib, changed\n");
    }
    for i in governed + 1..=governed + added {
        s.write(
            &format!("doc/adr/{i:04}-added-decision-{i}.md"),
            format!("# Added decision {i}\n\n## Context\n\nWhy {i}.\n"),
        );
    }
    s
}

#[test]
fn review_comment_fits_in_a_github_comment() {
    let s = big_repo(300, 800);
    let (v, _) = review_json(&s, &[]);
    assert_eq!(v["summary"]["governing"], 300);
    assert_eq!(v["summary"]["added"], 800);
    let out = s.adr().args(["review", "--base", "main"]).output().unwrap();
    let md = stdout(&out);
    assert!(md.len() <= 60_000, "{} bytes", md.len());
    assert!(md.chars().count() < 65_536);
    // The headline keeps the full counts; the cut lists say how much is missing.
    assert!(
        md.contains("**300 governing decisions · 800 decisions added**"),
        "{}",
        &md[..400]
    );
    assert!(md.contains("### Added"), "{md}");
    assert!(md.contains("### Findings"), "{md}");
    assert!(md.contains("more (see `adr review --format json`)"), "{md}");
    let governing = md
        .split("### Decisions that govern this change")
        .nth(1)
        .unwrap();
    let listed = governing
        .lines()
        .take_while(|l| !l.starts_with("###"))
        .filter(|l| l.starts_with("- 0"))
        .count();
    assert!(
        (1..=50).contains(&listed),
        "{listed} governing decisions listed"
    );
    // Room is shared: the findings are not crowded out by the added records.
    let findings = md.split("### Findings").nth(1).unwrap();
    assert!(findings.matches("no-status").count() >= 50, "{findings}");

    let out = s
        .adr()
        .args(["review", "--base", "main", "--format", "github"])
        .output()
        .unwrap();
    let gh = stdout(&out);
    let lines: Vec<&str> = gh.lines().collect();
    assert_eq!(lines.len(), 51, "{gh}");
    // Warnings before notices; one last notice counts the rest.
    assert!(lines[0].starts_with("::warning "), "{}", lines[0]);
    assert!(
        lines[50].contains("1850 more not shown (0 errors, 750 warnings, 1100 notices)"),
        "{}",
        lines[50]
    );
}

#[test]
fn review_in_a_shallow_clone_says_what_to_fetch() {
    let s = repo();
    s.adr().args(["new", "Use gRPC"]).assert().success();
    git(&s, &["add", "-A"]);
    git(&s, &["commit", "-q", "-m", "grpc"]);
    git(&s, &["checkout", "-q", "main"]);
    let clone = Sandbox::new();
    let url = format!("file://{}", s.path().display());
    git(
        &clone,
        &[
            "clone", "-q", "--depth", "1", "--branch", "feature", &url, "c",
        ],
    );
    // The default base: no origin/HEAD, origin/main or main was fetched.
    clone.adr_in("c").arg("review").assert().code(2).stderr(
        predicate::str::contains("error: no base branch")
            .and(predicate::str::contains("shallow clone"))
            .and(predicate::str::contains("git fetch --unshallow"))
            .and(predicate::str::contains("fetch-depth: 0")),
    );
    clone
        .adr_in("c")
        .args(["review", "--base", "origin/main"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("error: unknown revision `origin/main`")
                .and(predicate::str::contains("shallow clone"))
                .and(predicate::str::contains("git fetch origin main"))
                .and(predicate::str::contains("fetch-depth: 0")),
        );
}

fn review_default(s: &Sandbox, dir: &str) -> (Value, String) {
    let out = s
        .adr_in(dir)
        .args(["review", "--format", "json"])
        .output()
        .unwrap();
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&out), stderr(&out)));
    (v, stderr(&out))
}

#[test]
fn review_compares_with_the_default_branch_not_the_branch_s_own_upstream() {
    let s = repo();
    s.adr().args(["new", "Use gRPC"]).assert().success();
    git(&s, &["add", "-A"]);
    git(&s, &["commit", "-q", "-m", "grpc"]);
    // Without a remote: the local main.
    let (v, err) = review_default(&s, ".");
    assert_eq!(v["base"], "main");
    assert!(err.starts_with("comparing with main (merge base "), "{err}");
    git(&s, &["checkout", "-q", "main"]);
    let url = format!("file://{}", s.path().display());
    git(&s, &["clone", "-q", &url, "c"]);
    git(&s, &["-C", "c", "checkout", "-q", "feature"]);
    // `feature` tracks origin/feature; the review is against origin/HEAD = origin/main.
    let (v, err) = review_default(&s, "c");
    assert_eq!(v["base"], "origin/main", "{err}");
    assert_eq!(v["added"][0]["path"], "doc/adr/0004-use-grpc.md");
    let merge_base = v["merge_base"].as_str().unwrap();
    assert_eq!(
        err,
        format!(
            "comparing with origin/main (merge base {})\n",
            &merge_base[..7]
        )
    );
    // Without origin/HEAD, origin/main still.
    git(&s, &["-C", "c", "remote", "set-head", "origin", "-d"]);
    assert_eq!(review_default(&s, "c").0["base"], "origin/main");
    // A branch that tracks another branch is compared with that one.
    git(
        &s,
        &[
            "-C",
            "c",
            "checkout",
            "-q",
            "-b",
            "topic",
            "--track",
            "origin/feature",
        ],
    );
    let (v, _) = review_default(&s, "c");
    assert_eq!(v["base"], "origin/feature");
    assert_eq!(v["added"], serde_json::json!([]));
}

#[test]
fn review_links_records_to_their_site_pages() {
    let s = repo();
    s.write(
        ".adr.toml",
        "dir = \"doc/adr\"\nformat = \"nygard\"\n[site]\nbase-url = \"https://adr.example.com/log\"\n",
    );
    s.adr().args(["new", "Use gRPC"]).assert().success();
    let (v, _) = review_json(&s, &[]);
    let url = v["added"][0]["url"].as_str().unwrap();
    let page = url
        .strip_prefix("https://adr.example.com/log/")
        .unwrap_or_else(|| panic!("{url}"));
    assert!(page.ends_with("/0004-use-grpc.html"), "{url}");
    // The link names the page `adr site build` writes for that record.
    s.adr()
        .args(["site", "build", "--out", "public"])
        .assert()
        .success();
    assert!(s.path().join("public").join(page).is_file(), "{page}");
    // The record-url template, when set, wins.
    s.write(
        ".adr.toml",
        "dir = \"doc/adr\"\n[site]\nbase-url = \"https://adr.example.com/log\"\n\
         [review]\nrecord-url = \"https://x.example/{number}\"\n",
    );
    let (v, _) = review_json(&s, &[]);
    assert_eq!(v["added"][0]["url"], "https://x.example/4");
}

/// Every shell snippet of the README parses: ```sh blocks, and the `run:` and `script:`
/// steps of the CI examples (GitHub `${{ }}` expressions replaced by a word first).
#[test]
fn readme_shell_snippets_parse() {
    use yaml_rust2::{Yaml, YamlLoader};
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut scripts: Vec<String> = Vec::new();
    let mut ci = 0;
    for (info, text) in code_blocks(&readme) {
        match info.as_str() {
            "sh" | "bash" | "shell" => scripts.push(text),
            "yaml" | "yml" => {
                let docs =
                    YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
                fn walk(y: &Yaml, key: Option<&str>, out: &mut Vec<String>) {
                    match y {
                        Yaml::Hash(h) => {
                            for (k, v) in h {
                                walk(v, k.as_str(), out);
                            }
                        }
                        Yaml::Array(a) => a.iter().for_each(|v| walk(v, key, out)),
                        Yaml::String(s) if matches!(key, Some("run" | "script")) => {
                            out.push(s.clone())
                        }
                        _ => {}
                    }
                }
                let before = scripts.len();
                for d in &docs {
                    walk(d, None, &mut scripts);
                }
                ci += usize::from(scripts.len() > before);
            }
            _ => {}
        }
    }
    assert!(ci >= 2, "the GitHub and GitLab examples");
    let all = scripts.join("\n");
    assert!(
        all.contains("gh api --paginate"),
        "sticky comment lookup paginates"
    );
    assert!(all.contains("-X PUT"), "GitLab updates its note");
    for script in &scripts {
        let mut text = script.clone();
        while let Some(a) = text.find("${{") {
            let b = a + text[a..].find("}}").expect("closed expression");
            text.replace_range(a..b + 2, "X");
        }
        let out = std::process::Command::new("bash")
            .args(["-n", "-c", &text])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}\n{text}", stderr(&out));
    }
}
