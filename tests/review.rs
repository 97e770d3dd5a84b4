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
    s.adr()
        .args(["supersede", "2", "Use CockroachDB"])
        .assert()
        .success();
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
