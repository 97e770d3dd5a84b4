//! Decision governance through the CLI: goals, review dates, confirmations in code, approvals
//! and who changed a status.

mod common;

use common::log::Log;
use common::{Sandbox, stderr, stdout};
use serde_json::Value;

const CONFIG: &str = "dir = \"doc/adr\"\n\
    [governance]\n\
    approvals = 2\n\
    [[goals]]\n\
    id = \"checkout-conversion\"\n\
    name = \"Checkout conversion\"\n\
    metric = \"orders / sessions, weekly\"\n\
    [[goals]]\n\
    id = \"uptime\"\n\
    name = \"Uptime\"\n";

/// A structured record with `extra` front-matter lines.
fn record(status: &str, title: &str, extra: &str) -> String {
    format!(
        "---\nstatus: {status}\ndate: 2026-01-05\n{extra}---\n\n# {title}\n\n## Context\n\nWhy.\n"
    )
}

fn sandbox(records: &[(&str, String)]) -> Sandbox {
    Log::new().config(CONFIG).files(records).sandbox()
}

/// `adr check --format json`'s findings of `rule`, as `(path, line, message)`.
fn findings(s: &Sandbox, args: &[&str], rule: &str) -> Vec<(String, u64, String)> {
    let out = s
        .adr()
        .args(["check", "--format", "json", "--no-scope"])
        .args(args)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}{}", stdout(&out), stderr(&out)));
    doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap_or(0),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn unknown_goal_names_the_goal_meant_and_an_accepted_decision_without_one_gets_a_note() {
    let s = sandbox(&[
        (
            "0001-a.md",
            record("accepted", "A", "goals: [checkout-convresion, uptime]\n"),
        ),
        ("0002-b.md", record("accepted", "B", "")),
        ("0003-c.md", record("proposed", "C", "")),
    ]);
    let unknown = findings(&s, &[], "unknown-goal");
    assert_eq!(unknown.len(), 1, "{unknown:?}");
    assert_eq!(unknown[0].1, 4);
    assert!(
        unknown[0].2.contains("did you mean `checkout-conversion`?"),
        "{unknown:?}"
    );
    let no_goal = findings(&s, &[], "no-goal");
    assert_eq!(no_goal.len(), 1, "{no_goal:?}");
    assert!(no_goal[0].0.ends_with("0002-b.md"));
    // A note fails nothing unless asked to.
    s.adr().args(["check", "--no-scope"]).assert().success();
    s.adr()
        .args(["check", "--no-scope", "--deny", "note"])
        .assert()
        .code(1);
    let human = stdout(&s.adr().args(["check", "--no-scope"]).output().unwrap());
    assert!(human.contains("note[no-goal]"), "{human}");
}

#[test]
fn without_declared_goals_no_decision_is_asked_for_one() {
    let s = Log::new()
        .file("0001-a.md", record("accepted", "A", ""))
        .file("0002-b.md", record("accepted", "B", "goals: [speed]\n"))
        .sandbox();
    assert!(findings(&s, &[], "no-goal").is_empty());
    let unknown = findings(&s, &[], "unknown-goal");
    assert_eq!(unknown.len(), 1);
    assert!(
        unknown[0].2.contains("no [[goals]] are declared"),
        "{unknown:?}"
    );
}

#[test]
fn review_due_warns_on_accepted_decisions_whose_date_has_come() {
    let s = sandbox(&[
        (
            "0001-due.md",
            record(
                "accepted",
                "Due",
                "review_by: 2027-06-01\nrevisit_when: traffic doubles\n",
            ),
        ),
        (
            "0002-later.md",
            record("accepted", "Later", "review_by: 2027-06-02\n"),
        ),
        (
            "0003-proposed.md",
            record("proposed", "Proposed", "review_by: 2020-01-01\n"),
        ),
    ]);
    let due = |date: &str| {
        let out = s
            .adr()
            .env("ADR_DATE", date)
            .args(["check", "--format", "json", "--no-scope"])
            .output()
            .unwrap();
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == "review-due")
            .map(|f| {
                (
                    f["path"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert!(due("2027-05-31").is_empty());
    let on_the_day = due("2027-06-01");
    assert_eq!(on_the_day.len(), 1, "{on_the_day:?}");
    assert!(on_the_day[0].0.ends_with("0001-due.md"));
    assert_eq!(on_the_day[0].1, 4);
    assert_eq!(due("2028-01-01").len(), 2);
}

#[test]
fn a_review_date_that_is_no_date_is_reported() {
    let s = sandbox(&[(
        "0001-a.md",
        record("accepted", "A", "review_by: next spring\n"),
    )]);
    let found = findings(&s, &[], "front-matter-field");
    assert!(
        found
            .iter()
            .any(|f| f.1 == 4 && f.2.contains("review_by: next spring")),
        "{found:?}"
    );
}

const CONFIRMED: &str = "confirmation:\n  - {test: \"tests/architecture.rs::no_orm_in_domain\"}\n  \
    - {file: \"deploy/policies/single-region.rego\"}\n  - {command: \"cargo deny check licenses\"}\n";

#[test]
fn confirmations_are_found_in_the_repository() {
    let s = sandbox(&[("0001-a.md", record("accepted", "A", CONFIRMED))]);
    s.write(
        "tests/architecture.rs",
        "#[test]\nfn no_orm_in_domain() {}\n",
    );
    s.write("deploy/policies/single-region.rego", "package x\n");
    assert!(findings(&s, &[], "confirmation-missing").is_empty());
}

#[test]
fn a_missing_confirmation_file_or_test_is_reported_at_its_item() {
    let s = sandbox(&[("0001-a.md", record("accepted", "A", CONFIRMED))]);
    s.write(
        "tests/architecture.rs",
        "#[test]\nfn no_orm_in_domain_layer() {}\n",
    );
    let missing = findings(&s, &[], "confirmation-missing");
    let lines: Vec<u64> = missing.iter().map(|f| f.1).collect();
    assert_eq!(lines, [5, 6], "{missing:?}");
    assert!(
        missing[0]
            .2
            .contains("test `no_orm_in_domain` is not found in `tests/architecture.rs`")
    );
    assert!(
        missing[1]
            .2
            .contains("`deploy/policies/single-region.rego` does not exist")
    );
    let escape = sandbox(&[(
        "0001-a.md",
        record(
            "accepted",
            "A",
            "confirmation:\n  - {file: ../../etc/passwd}\n",
        ),
    )]);
    let found = findings(&escape, &[], "confirmation-missing");
    assert!(
        found[0].2.contains("not a path inside the repository"),
        "{found:?}"
    );
}

#[cfg(unix)]
#[test]
fn commands_run_only_with_confirm_and_failures_are_findings() {
    let commands = "confirmation:\n  - {command: \"touch ran && test -f ok\"}\n";
    let s = sandbox(&[
        ("0001-a.md", record("accepted", "A", commands)),
        ("0002-b.md", record("accepted", "B", commands)),
    ]);
    assert!(findings(&s, &[], "confirmation-failed").is_empty());
    assert!(
        !s.path().join("ran").exists(),
        "a plain check ran a command"
    );
    let failed = findings(&s, &["--confirm"], "confirmation-failed");
    assert!(s.path().join("ran").exists());
    assert_eq!(failed.len(), 2, "{failed:?}");
    assert!(failed[0].2.contains("exited with 1"), "{failed:?}");
    s.write("ok", "");
    assert!(findings(&s, &["--confirm"], "confirmation-failed").is_empty());
    s.adr()
        .args(["check", "--no-scope", "--confirm"])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "confirming: touch ran && test -f ok",
        ));
}

#[test]
fn show_json_carries_the_governance_fields() {
    let extra = format!(
        "goals: [uptime]\nreview_by: 2027-06-01\nrevisit_when: \"traffic doubles\"\n\
         approvals:\n  - {{by: Ana, date: 2026-11-02}}\n{CONFIRMED}"
    );
    let s = sandbox(&[("0001-a.md", record("accepted", "A", &extra))]);
    let out = s
        .adr()
        .args(["show", "1", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["goals"], serde_json::json!(["uptime"]));
    assert_eq!(v["review_by"], "2027-06-01");
    assert_eq!(v["revisit_when"], "traffic doubles");
    assert_eq!(
        v["approvals"],
        serde_json::json!([{"by": "Ana", "date": "2026-11-02"}])
    );
    assert_eq!(
        v["confirmation"][0],
        serde_json::json!({"kind": "test", "value": "tests/architecture.rs::no_orm_in_domain"})
    );
    assert_eq!(v["confirmation"][2]["kind"], "command");
    let text = stdout(&s.adr().args(["show", "1"]).output().unwrap());
    assert!(text.contains("  goals:    uptime\n"), "{text}");
    assert!(
        text.contains("  review:   2027-06-01 or when traffic doubles\n"),
        "{text}"
    );
    assert!(text.contains("  approved: Ana 2026-11-02\n"), "{text}");
    let list = s.adr().args(["list", "--format", "json"]).output().unwrap();
    let l: Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(l[0]["goals"], serde_json::json!(["uptime"]));
    assert_eq!(l[0]["approved_by"], serde_json::json!(["Ana"]));
}

#[test]
fn a_config_with_a_goal_declared_twice_or_bad_approvers_is_refused() {
    let s = Sandbox::new();
    s.write("doc/adr/0001-a.md", record("accepted", "A", ""));
    s.write(
        ".adr.toml",
        "[[goals]]\nid = \"a\"\n[[goals]]\nid = \"a\"\n",
    );
    let out = s.adr().args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("goal id `a` is declared twice"),
        "{}",
        stderr(&out)
    );
    s.write(".adr.toml", "[governance]\napprovers = \"everyone\"\n");
    let out = s.adr().args(["check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(".adr.toml:2"), "{}", stderr(&out));
}

#[test]
fn list_due_shows_accepted_decisions_whose_review_date_has_come() {
    let s = sandbox(&[
        (
            "0001-due.md",
            record("accepted", "Due", "review_by: 2027-06-01\n"),
        ),
        (
            "0002-later.md",
            record("accepted", "Later", "review_by: 2027-07-01\n"),
        ),
        ("0003-none.md", record("accepted", "None", "")),
    ]);
    let list = |args: &[&str]| {
        let out = s
            .adr()
            .env("ADR_DATE", "2027-06-15")
            .arg("list")
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    assert_eq!(list(&["--due"]), "doc/adr/0001-due.md\n");
    let long = list(&["--due", "--long"]);
    assert_eq!(
        long,
        "NUMBER  DATE        STATUS    REVIEW BY   TITLE\n\
         0001    2026-01-05  accepted  2027-06-01  Due\n"
    );
    // The summary cache keeps the review date: a second run lists the same.
    assert_eq!(list(&["--due"]), "doc/adr/0001-due.md\n");
}

#[test]
fn list_of_proposals_shows_how_long_each_is_open_and_whose_approval_it_awaits() {
    let s = sandbox(&[
        (
            "0001-a.md",
            record(
                "proposed",
                "Reopened",
                "approvals:\n  - {by: Ana, date: 2026-02-02}\nstatus_history:\n  \
                 - {date: 2026-01-05, status: proposed}\n  - {date: 2026-01-20, status: rejected}\n  \
                 - {date: 2026-02-01, status: proposed}\n",
            ),
        ),
        ("0002-b.md", record("proposed", "Fresh", "")),
        ("0003-c.md", record("accepted", "Done", "")),
    ]);
    let out = s
        .adr()
        .env("ADR_DATE", "2026-03-03")
        .args(["list", "--status", "proposed", "--long"])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out),
        "NUMBER  DATE        STATUS    OPEN     AWAITING  TITLE\n\
         0001    2026-01-05  proposed  30 days  1 more    Reopened\n\
         0002    2026-01-05  proposed  57 days  2 more    Fresh\n"
    );
    let named = "approvals = 2\napprovers = [\"Ana\", \"Bo\", \"Chen\"]\n";
    s.write(".adr.toml", CONFIG.replace("approvals = 2\n", named));
    let table = stdout(
        &s.adr()
            .env("ADR_DATE", "2026-03-03")
            .args(["list", "--status", "proposed", "--long"])
            .output()
            .unwrap(),
    );
    let rows = cells(&table);
    assert_eq!(rows[1][3..], ["30 days", "1 more of Bo, Chen", "Reopened"]);
    assert_eq!(
        rows[2][3..],
        ["57 days", "2 more of Ana, Bo, Chen", "Fresh"]
    );
}

/// A `--long` table's cells, row by row (columns are two or more spaces apart).
fn cells(table: &str) -> Vec<Vec<String>> {
    table
        .lines()
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect()
}

/// A structured log under `[governance] approvals = 2` with record 2 proposed.
fn proposal() -> Sandbox {
    let s = sandbox(&[
        ("0001-a.md", record("accepted", "A", "goals: [uptime]\n")),
        (
            "0002-use-postgres.md",
            record("proposed", "Use Postgres", ""),
        ),
    ]);
    s.write(".gitconfig", "[user]\n\tname = Gita User\n");
    s
}

#[test]
fn acceptance_waits_for_approvals_and_names_who_is_missing() {
    let s = proposal();
    let refused = s.adr().args(["status", "2", "accepted"]).output().unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let e = stderr(&refused);
    assert!(e.contains("0 of 2 approvals; awaiting 2 more"), "{e}");
    let before = s.read("doc/adr/0002-use-postgres.md");

    let out = s
        .adr()
        .env("ADR_DATE", "2026-11-02")
        .args(["approve", "2", "--as", "Ana"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("approved by Ana (1 of 2 approvals; awaiting 1 more)"));
    let text = s.read("doc/adr/0002-use-postgres.md");
    assert_eq!(
        text,
        before.replace(
            "---\n\n#",
            "approvals:\n  - {by: Ana, date: 2026-11-02}\n---\n\n#"
        )
    );
    // Approving twice changes nothing.
    s.adr()
        .args(["approve", "2", "--as", "ana"])
        .assert()
        .success();
    assert_eq!(s.read("doc/adr/0002-use-postgres.md"), text);
    let still = stderr(&s.adr().args(["status", "2", "accepted"]).output().unwrap());
    assert!(
        still.contains("1 of 2 approvals; awaiting 1 more"),
        "{still}"
    );

    // Without --as, git's user.name approves.
    s.adr()
        .env("ADR_DATE", "2026-11-03")
        .args(["approve", "2"])
        .assert()
        .success();
    s.adr()
        .env("ADR_DATE", "2026-11-04")
        .args(["status", "2", "accepted", "--as", "Bo"])
        .assert()
        .success();
    let v: Value = serde_json::from_slice(
        &s.adr()
            .args(["show", "2", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(v["status"]["state"], "accepted");
    let approvals: Vec<&str> = v["approvals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["by"].as_str().unwrap())
        .collect();
    assert_eq!(approvals, ["Ana", "Gita User"]);
    let last = v["status_history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        last,
        serde_json::json!({"date": "2026-11-04", "status": "accepted", "raw": "accepted",
                           "by": "Bo", "forced": null})
    );
}

#[test]
fn force_accepts_without_approvals_and_is_recorded() {
    let s = proposal();
    s.adr()
        .env("ADR_DATE", "2026-11-04")
        .args(["status", "2", "accepted", "--force"])
        .assert()
        .success();
    let text = s.read("doc/adr/0002-use-postgres.md");
    assert!(
        text.contains(
            "  - date: 2026-11-04\n    status: accepted\n    by: Gita User\n    \
             forced: 0 of 2 approvals\n"
        ),
        "{text}"
    );
    // In an adr-tools record the history item carries the same.
    let s = Sandbox::new();
    s.write(
        ".adr.toml",
        "format = \"nygard\"\n[governance]\napprovals = 1\n",
    );
    s.adr().arg("init").assert().success();
    s.adr()
        .env("ADR_DATE", "2026-11-01")
        .args(["new", "--status", "proposed", "Use Redis"])
        .assert()
        .success();
    let refused = s
        .adr()
        .args(["approve", "2", "--as", "Ana"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("no front matter"),
        "{}",
        stderr(&refused)
    );
    s.adr()
        .env("ADR_DATE", "2026-11-05")
        .args(["status", "2", "accepted", "--force", "--as", "Ana"])
        .assert()
        .success();
    let text = s.read("doc/adr/0002-use-redis.md");
    assert!(
        text.contains("accepted\n\n- 2026-11-01 proposed\n- 2026-11-05 accepted (by Ana; forced: 0 of 1 approvals)\n"),
        "{text}"
    );
    let v: Value = serde_json::from_slice(
        &s.adr()
            .args(["show", "2", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(v["status_history"][1]["by"], "Ana");
    assert_eq!(v["status_history"][1]["forced"], "0 of 1 approvals");
    assert_eq!(v["status_history"][1]["raw"], "accepted");
}

#[test]
fn only_named_approvers_count() {
    let s = proposal();
    s.write(
        ".adr.toml",
        "[governance]\napprovals = 1\napprovers = [\"Ana\", \"Bo\"]\n",
    );
    let out = s
        .adr()
        .args(["approve", "2", "--as", "Eve"])
        .output()
        .unwrap();
    assert!(
        stderr(&out).contains("Eve is not among the approvers"),
        "{}",
        stderr(&out)
    );
    let e = stderr(&s.adr().args(["status", "2", "accepted"]).output().unwrap());
    assert!(
        e.contains("0 of 1 approvals; awaiting 1 more of Ana, Bo"),
        "{e}"
    );
    s.adr()
        .args(["approve", "2", "--as", "Bo"])
        .assert()
        .success();
    s.adr().args(["status", "2", "accepted"]).assert().success();
    // A new record cannot start accepted while approvals are asked for.
    let out = s
        .adr()
        .args(["new", "--status", "accepted", "X"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("create it proposed"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_name_with_brackets_or_a_line_break_is_refused() {
    let s = proposal();
    for name in ["Ana (CTO)", "A\nB", " "] {
        let out = s
            .adr()
            .args(["approve", "2", "--as", name])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name:?}");
    }
}

fn git(s: &Sandbox, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(s.path())
        .args(args)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

#[test]
fn review_shows_who_approved_each_decision_the_change_proposes_or_accepts() {
    let s = proposal();
    git(&s, &["init", "-q", "-b", "main"]);
    git(&s, &["add", "-A"]);
    git(&s, &["commit", "-q", "-m", "base"]);
    git(&s, &["checkout", "-q", "-b", "feature"]);
    s.adr()
        .args(["approve", "2", "--as", "Ana"])
        .assert()
        .success();
    s.write("doc/adr/0003-c.md", record("proposed", "Use Kafka", ""));
    let out = s
        .adr()
        .args(["review", "--base", "main", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let approvals = v["approvals"].as_array().unwrap();
    assert_eq!(approvals.len(), 2, "{v:#}");
    assert_eq!(approvals[0]["record"]["number"], 2);
    assert_eq!(approvals[0]["approved_by"], serde_json::json!(["Ana"]));
    assert_eq!(
        (
            approvals[0]["needed"].as_u64(),
            approvals[0]["missing"].as_u64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(v["summary"]["awaiting_approval"], 2);
    let md = stdout(&s.adr().args(["review", "--base", "main"]).output().unwrap());
    assert!(md.contains("### Approvals"), "{md}");
    assert!(
        md.contains("0002 Use Postgres — proposed: approved by Ana (1 of 2); **awaiting 1 more**"),
        "{md}"
    );
    assert!(
        md.contains("0003 Use Kafka — proposed: no approval yet (0 of 2); **awaiting 2 more**"),
        "{md}"
    );
}

/// The governance fixture's site, built on 2026-01-01 (the fixture's `ADR_DATE`).
fn governance_site() -> common::Fixture {
    let f = common::Fixture::governance();
    f.adr(&["site", "build", "--out", "public"])
        .assert()
        .success();
    f
}

/// A record's page (the project is named after the temp folder the fixture is in).
fn record_page(f: &common::Fixture, file: &str) -> String {
    let r = f.out().join("r");
    let project = std::fs::read_dir(&r).unwrap().next().unwrap().unwrap();
    std::fs::read_to_string(project.path().join(file)).unwrap()
}

/// The text of `html` between `start` and the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in {html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

#[test]
fn the_goals_page_shows_each_goal_its_decisions_by_status_their_qualities_and_metric() {
    let f = governance_site();
    let page = f.read("goals.html");
    let checkout = between(&page, "id=\"goal-checkout-conversion\"", "</section>");
    assert!(checkout.contains("Checkout conversion"), "{checkout}");
    assert!(checkout.contains("orders / sessions, weekly"), "{checkout}");
    let accepted = checkout.find("s-accepted").unwrap();
    let proposed = checkout.find("s-proposed").unwrap();
    assert!(
        accepted < proposed,
        "accepted decisions come first: {checkout}"
    );
    assert!(checkout.contains("0001-cache-product-pages.html\">0001 Cache product pages"));
    assert!(checkout.contains("0002-one-click-checkout.html\">0002 One-click checkout"));
    assert!(
        checkout.contains("q/performance.html\">Performance</a>"),
        "{checkout}"
    );
    assert!(
        checkout.contains("q/usability.html\">Usability</a>"),
        "{checkout}"
    );
    let uptime = between(&page, "id=\"goal-uptime\"", "</section>");
    assert!(uptime.contains("s-rejected") && uptime.contains("0004 Nightly restarts"));
    // A rejected decision's attributes are not what the goal is served by.
    assert!(
        uptime.contains("Availability") && !uptime.contains("Performance"),
        "{uptime}"
    );
    assert!(!uptime.contains("Cache product pages"), "{uptime}");

    let record = record_page(&f, "0001-cache-product-pages.html");
    assert!(
        record.contains("<dt>Goals</dt><dd><a class=\"goal\" href=\"../../goals.html#goal-checkout-conversion\">Checkout conversion</a></dd>"),
        "{record}"
    );
    assert!(record.contains("by <time>2025-12-01</time>, or when traffic doubles"));
    assert!(record.contains("<span class=\"badge enforced\">enforced</span>"));
    assert!(record.contains("file <code>deploy/single-region.rego</code>"));
    assert!(record.contains("Ana (<time>2025-01-08</time>), Bo (<time>2025-01-09</time>)"));
    let advisory = record_page(&f, "0003-run-in-two-zones.html");
    assert!(advisory.contains("<span class=\"badge advisory\">advisory</span>"));
}

#[test]
fn the_due_page_lists_accepted_decisions_past_their_date_then_those_coming_up() {
    let f = governance_site();
    let page = f.read("due.html");
    let due = between(&page, "<table class=\"due\">", "</table>");
    assert!(
        due.contains("<time>2025-12-01</time></td><td>31 days</td>"),
        "{due}"
    );
    assert!(due.contains("0001 Cache product pages") && due.contains("traffic doubles"));
    assert!(due.contains("enforced"));
    assert!(!due.contains("Run in two zones"), "{due}");
    let soon = between(&page, "<ul class=\"soon\">", "</ul>");
    assert!(
        soon.contains("<time>2026-02-15</time>") && soon.contains("in 45 days"),
        "{soon}"
    );

    let home = f.read("index.html");
    let open = between(&home, "id=\"h-open\"", "</section>");
    assert!(
        open.contains("0002 One-click checkout</a> <span class=\"meta\">open 42 days · approved by Ana · awaiting 1 more</span>"),
        "{open}"
    );
}
