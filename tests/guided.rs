//! `adr new --interactive`, answered through a real pseudo-terminal as a person would: the
//! record written has every answer, no placeholder, and passes `adr check`.

mod common;

use common::{Sandbox, stderr};
use rexpect::session::{PtySession, spawn_command};
use serde_json::Value;

/// `adr ARGS` on a pseudo-terminal 200 columns wide, in the sandbox, with no editor set.
fn on_terminal(s: &Sandbox, args: &str) -> PtySession {
    let adr = assert_cmd::cargo::cargo_bin("adr");
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "stty cols 200 rows 50; exec '{}' {args}",
            adr.display()
        ))
        .current_dir(s.path())
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .env_remove("ADR_FORMAT")
        .env("HOME", s.path())
        .env("ADR_DATE", "1992-01-12")
        .env("TERM", "xterm");
    spawn_command(cmd, Some(20_000)).expect("a pseudo-terminal")
}

/// Types `text` and Enter.
fn answer(p: &mut PtySession, prompt: &str, text: &str) {
    p.exp_string(prompt)
        .unwrap_or_else(|e| panic!("waiting for `{prompt}`: {e}"));
    p.send(&format!("{text}\r")).unwrap();
    p.flush().unwrap();
}

fn show(s: &Sandbox, reference: &str) -> Value {
    let out = s
        .adr()
        .args(["show", reference, "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn guided_authoring_writes_a_complete_record_that_passes_check() {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    // An earlier decision that names the attribute the new one will serve.
    s.write(
        "doc/adr/0002-keep-backups.md",
        "---\nstatus: accepted\ndate: 1991-01-01\ndeciders: []\nquality_attributes:\n  \
         - id: dur\n    attribute: Durability\n---\n\n# Keep backups\n",
    );
    let mut p = on_terminal(
        &s,
        "new --interactive --status accepted --tag storage Use Postgres for events",
    );
    answer(&mut p, "Context", "storing order events for billing");
    answer(
        &mut p,
        "Decision driver 1",
        "no acknowledged event may be lost",
    );
    answer(&mut p, "Decision driver 2", "");
    answer(
        &mut p,
        "Constraint 1",
        "the managed PostgreSQL offering only",
    );
    answer(&mut p, "Constraint 2", "");
    // The attribute names the log already uses are offered.
    p.exp_string("Quality attribute 1").unwrap();
    answer(&mut p, "this log already uses: Durability", "Durability");
    answer(&mut p, "Priority of Durability", "high");
    answer(&mut p, "source", "a database node");
    answer(&mut p, "stimulus", "crashes mid-write");
    answer(&mut p, "environment", "normal operation");
    answer(&mut p, "response", "no acknowledged event is lost");
    answer(
        &mut p,
        "response measure",
        "0 lost events in 1,000 kill tests",
    );
    answer(&mut p, "Quality attribute 2", "");
    answer(&mut p, "Option 1", "PostgreSQL");
    answer(&mut p, "PostgreSQL in one sentence", "one table per stream");
    answer(&mut p, "Option 2", "Kafka");
    answer(&mut p, "Kafka in one sentence", "");
    answer(&mut p, "Option 3", "");
    // An effect that is not one of ++ + 0 - -- is asked again.
    answer(&mut p, "PostgreSQL on Durability", "great");
    // Five backspaces take back `great`.
    answer(
        &mut p,
        "start with ++, +, 0, - or --",
        "\u{7f}\u{7f}\u{7f}\u{7f}\u{7f}++ synchronous commit",
    );
    answer(&mut p, "Kafka on Durability", "+ needs acks=all");
    answer(&mut p, "Which option was chosen?", "Postgre");
    // The record is shown, then its path.
    p.exp_string("In the context of storing order events for billing")
        .unwrap();
    p.exp_string("doc/adr/0003-use-postgres-for-events.md")
        .unwrap();
    p.exp_eof().unwrap();

    let v = show(&s, "3");
    assert_eq!(v["title"], "Use Postgres for events");
    assert_eq!(v["format"], "structured");
    assert_eq!(v["status"]["state"], "accepted");
    assert_eq!(v["tags"], serde_json::json!(["storage"]));
    assert_eq!(v["context"], "storing order events for billing");
    assert_eq!(
        v["drivers"],
        serde_json::json!(["no acknowledged event may be lost"])
    );
    assert_eq!(
        v["constraints"],
        serde_json::json!(["the managed PostgreSQL offering only"])
    );
    let q = &v["quality_attributes"][0];
    assert_eq!(q["id"], "dur", "the log's id for Durability is reused");
    assert_eq!(q["priority"], "high");
    assert_eq!(
        q["scenario"]["response_measure"],
        "0 lost events in 1,000 kill tests"
    );
    assert_eq!(v["options"][0]["chosen"], true);
    assert_eq!(v["options"][1]["chosen"], false);
    assert_eq!(
        v["options"][0]["tradeoffs"][0]["effect"],
        "strongly-positive"
    );
    assert_eq!(
        v["options"][0]["tradeoffs"][0]["note"],
        "synchronous commit"
    );
    // Nothing left to fill in, and nothing for `adr check` to fail on.
    let out = s
        .adr()
        .args(["check", "--format", "json", "--no-scope"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let on_new: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().unwrap().contains("0003-"))
        .filter(|f| f["severity"] != "note")
        .collect();
    assert!(on_new.is_empty(), "{on_new:#?}");
    let summary = s
        .adr()
        .args(["show", "3", "--format", "summary"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&summary.stdout),
        "In the context of storing order events for billing, facing no acknowledged event may \
         be lost, we decided for PostgreSQL and neglected Kafka, to achieve Durability.\n"
    );
}

#[test]
fn new_on_a_terminal_without_an_editor_offers_the_questions() {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    let mut p = on_terminal(&s, "new Plain record");
    answer(&mut p, "fill the record in here?", "n");
    p.exp_string("doc/adr/0002-plain-record.md").unwrap();
    p.exp_eof().unwrap();
    assert!(
        s.read("doc/adr/0002-plain-record.md")
            .contains("{first option}")
    );
    let mut p = on_terminal(&s, "new Guided record");
    answer(&mut p, "fill the record in here?", "y");
    p.exp_string("Context").unwrap();
    // Esc stops the questions; nothing is written.
    p.send("\u{1b}").unwrap();
    p.flush().unwrap();
    p.exp_string("nothing was written").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(s.files("doc/adr").len(), 2);
}

#[test]
fn interactive_without_a_terminal_says_so() {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    let out = s
        .adr()
        .args(["new", "--interactive", "X"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("needs a terminal"),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.files("doc/adr").len(), 1);
}
