//! The one-sentence summary (Y-statement) through the CLI: `adr show --format summary`, the
//! site's record page and feed, and `adr review` for added decisions; records that state no
//! decision as data get none.

mod common;

use common::{Sandbox, stderr, stdout};
use serde_json::Value;

const RECORD: &str = "---
status: accepted
date: 2024-01-02
context: storing order events for billing
drivers: [no acknowledged event may be lost]
constraints: [Managed service only]
quality_attributes:
  - id: durability
    attribute: Durability
    scenario: {stimulus: a crash, response: no loss, response_measure: 0 lost writes}
  - id: cost
    attribute: Cost
options:
  - {name: Postgres, chosen: true, tradeoffs: {durability: \"++ WAL\", cost: \"- needs a DBA <script>alert(1)</script>\"}}
  - {name: Files, tradeoffs: {durability: \"- fsync\"}}
---
# Use Postgres
";

const SENTENCE: &str = "In the context of storing order events for billing, facing no \
    acknowledged event may be lost, we decided for Postgres and neglected Files, to achieve \
    Durability, accepting that it is worse for Cost (needs a DBA <script>alert(1)</script>).";

fn log() -> Sandbox {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    s.write("doc/adr/0002-use-postgres.md", RECORD);
    s
}

#[test]
fn show_prints_the_summary_of_a_structured_decision_and_nothing_for_others() {
    let s = log();
    s.adr()
        .args(["show", "2", "--format", "summary"])
        .assert()
        .success()
        .stdout(format!("{SENTENCE}\n"));
    let out = s
        .adr()
        .args(["show", "1", "--format", "summary"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    assert!(
        stderr(&out).contains("states no decision as data"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_site_shows_the_summary_under_the_title_and_in_the_feed_escaped() {
    let s = log();
    s.adr()
        .args(["site", "build", "--out", "site"])
        .assert()
        .success();
    let page = s.read(&page_of(&s, "0002-use-postgres.html"));
    let escaped = SENTENCE.replace('<', "&lt;").replace('>', "&gt;");
    assert!(
        page.contains(&format!(
            "<h1>Use Postgres</h1>\n<p class=\"summary\">{escaped}</p>"
        )),
        "{page}"
    );
    assert!(
        !page.contains("<script>alert"),
        "record text reaches HTML escaped"
    );
    let feed = s.read("site/feed.xml");
    assert!(
        feed.contains(&format!("<summary>{escaped}</summary>")),
        "{feed}"
    );
    // A record without a chosen option keeps the plain entry summary.
    let first = s.read(&page_of(&s, "0001-record-architecture-decisions.html"));
    assert!(!first.contains("class=\"summary\""));
}

#[test]
fn review_shows_the_summary_of_each_added_decision() {
    let s = Sandbox::new();
    let git = |args: &[&str]| common::git(s.path(), args);
    git(&["init", "-q", "-b", "main"]);
    s.adr().arg("init").assert().success();
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "base"]);
    git(&["checkout", "-q", "-b", "feature"]);
    s.write("doc/adr/0002-use-postgres.md", RECORD);
    let out = s
        .adr()
        .args(["review", "--base", "main", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["added"][0]["summary"], SENTENCE);
    let out = s.adr().args(["review", "--base", "main"]).output().unwrap();
    let md = stdout(&out);
    assert!(
        md.contains("In the context of storing order events for billing"),
        "{md}"
    );
    assert!(!md.contains("<script>"), "{md}");
}

/// `site/r/PROJECT/NAME`, whatever the project is called.
fn page_of(s: &Sandbox, name: &str) -> String {
    let projects = s.files("site/r");
    format!("site/r/{}/{name}", projects[0])
}
