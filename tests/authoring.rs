//! `adr check`'s authoring rules: each slip a person makes while writing a record is a finding
//! at the line to fix, with the name meant where one is close; fresh records and other tools'
//! keys raise none; `adr schema` flags the same slips in an editor.

mod common;

use common::log::Log;
use common::{Sandbox, stdout};
use serde_json::Value;

/// A finding of `adr check --format json`.
#[derive(Debug)]
struct Finding {
    rule: String,
    /// `path:line`
    at: String,
    message: String,
}

/// Runs `adr check --format json` in a structured-format repository holding `files` (names
/// under `doc/adr`) and returns the findings.
fn check(files: &[(&str, &str)]) -> Vec<Finding> {
    findings(&Log::new().structured().files(files).sandbox())
}

fn findings(s: &Sandbox) -> Vec<Finding> {
    let out = s
        .adr()
        .args(["check", "--format", "json", "--no-scope"])
        .output()
        .unwrap();
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| Finding {
            rule: f["rule"].as_str().unwrap().into(),
            at: format!("{}:{}", f["path"].as_str().unwrap(), f["line"]),
            message: f["message"].as_str().unwrap().into(),
        })
        .collect()
}

/// The one finding of `rule` at `at`; panics with every finding when there is not exactly one.
fn the<'a>(found: &'a [Finding], rule: &str, at: &str) -> &'a Finding {
    let hits: Vec<&Finding> = found
        .iter()
        .filter(|f| f.rule == rule && f.at == at)
        .collect();
    match hits.as_slice() {
        [one] => one,
        _ => panic!(
            "expected one {rule} at {at}, found {}: {found:#?}",
            hits.len()
        ),
    }
}

/// `doc/adr/NAME:LINE`, LINE being the 1-based line of `text` that holds `needle` (which must
/// be on one line only).
fn at(name: &str, text: &str, needle: &str) -> String {
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(lines.len(), 1, "`{needle}` on lines {lines:?} of\n{text}");
    format!("doc/adr/{name}:{}", lines[0])
}

const RULES: &[&str] = &["unknown-key", "unknown-tradeoff-attribute", "chosen-option"];

/// A complete accepted structured record that breaks no rule.
const GOOD: &str = "---
status: accepted
date: 2024-01-02
constraints:
  - Runs on the two hosts we have
quality_attributes:
  - id: avail
    attribute: Availability
    priority: high
    scenario:
      stimulus: a node dies
      response: traffic moves to the other node
      response_measure: within 1 s
options:
  - name: Two nodes
    chosen: true
    tradeoffs:
      avail: \"+ survives one failure\"
  - name: One node
    chosen: false
    tradeoffs:
      avail: {effect: \"--\", note: down with its node}
links: []
---
# Run two nodes

## Context

Real words.
";

/// `GOOD` with `from` replaced by `to` (which must be there).
fn good_with(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "{from}");
    GOOD.replacen(from, to, 1)
}

#[test]
fn a_complete_record_raises_no_finding() {
    let found = check(&[("0001-a.md", GOOD)]);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn misspelt_top_level_keys_are_reported_with_the_key_meant() {
    let a = good_with("constraints:", "constraint:");
    let b = good_with("quality_attributes:", "quality_atributes:");
    let found = check(&[("0001-a.md", &a), ("0002-b.md", &b)]);
    let f = the(&found, "unknown-key", &at("0001-a.md", &a, "constraint:"));
    assert!(f.message.contains("did you mean `constraints`?"), "{f:?}");
    let f = the(
        &found,
        "unknown-key",
        &at("0002-b.md", &b, "quality_atributes:"),
    );
    assert!(
        f.message.contains("did you mean `quality_attributes`?"),
        "{f:?}"
    );
}

#[test]
fn keys_other_tools_write_are_not_taken_for_misspellings() {
    let text = "---
status: accepted
date: 2024-01-02
decision-makers: [Ana]
consulted: [Bo]
informed: [Cy]
id: adr-0001
adr: \"0001\"
title: Use two nodes
description: Why we run two nodes
tags: [ops]
parent: Decisions
nav_order: 1
sidebar_position: 1
slug: two-nodes
authors: [Ana]
layout: adr
permalink: /adr/1
---
# Use two nodes

## Context and Problem Statement

Real words.
";
    let found = check(&[("0001-a.md", text)]);
    let mine: Vec<&Finding> = found
        .iter()
        .filter(|f| RULES.contains(&f.rule.as_str()))
        .collect();
    assert!(mine.is_empty(), "{mine:#?}");
}

#[test]
fn a_misspelt_scenario_key_is_reported_at_its_own_line() {
    let a = good_with("      response: traffic", "      responce: traffic");
    let found = check(&[("0001-a.md", &a)]);
    let f = the(&found, "unknown-key", &at("0001-a.md", &a, "responce:"));
    assert!(f.message.contains("did you mean `response`?"), "{f:?}");
    assert!(f.message.contains("scenario of `Availability`"), "{f:?}");
    // The slip is the one finding: no "scenario has no response" beside it.
    assert!(
        found.iter().all(|f| f.rule != "incomplete-scenario"),
        "{found:#?}"
    );
}

#[test]
fn a_misspelt_key_is_not_also_reported_as_missing() {
    let a = good_with("constraints:", "constraint:");
    let found = check(&[("0001-a.md", &a)]);
    the(&found, "unknown-key", &at("0001-a.md", &a, "constraint:"));
    assert!(
        found.iter().all(|f| f.rule != "missing-constraints"),
        "{found:#?}"
    );
}

#[test]
fn unknown_keys_inside_quality_attributes_options_tradeoffs_and_links_are_reported() {
    let a = good_with("    priority: high", "    prority: high")
        .replacen(
            "    chosen: false\n",
            "    chosen: false\n    colour: red\n",
            1,
        )
        .replacen("note: down", "nte: down", 1)
        .replacen("links: []", "links:\n  - {type: amends, targte: 2}", 1);
    let b = GOOD.replacen("# Run two nodes", "# Other", 1);
    let found = check(&[("0001-a.md", &a), ("0002-b.md", &b)]);
    let f = the(&found, "unknown-key", &at("0001-a.md", &a, "prority:"));
    assert!(f.message.contains("did you mean `priority`?"), "{f:?}");
    let f = the(&found, "unknown-key", &at("0001-a.md", &a, "colour:"));
    assert!(
        f.message.contains("option `One node`")
            && f.message
                .contains("known keys: name, summary, chosen, tradeoffs"),
        "{f:?}"
    );
    let f = the(&found, "unknown-key", &at("0001-a.md", &a, "nte:"));
    assert!(f.message.contains("did you mean `note`?"), "{f:?}");
    let f = the(&found, "unknown-key", &at("0001-a.md", &a, "targte:"));
    assert!(f.message.contains("did you mean `target`?"), "{f:?}");
}

#[test]
fn a_tradeoff_for_an_attribute_the_record_lacks_names_the_id_meant() {
    let a = good_with(
        "      avail: \"+ survives",
        "      availability: \"+ survives",
    );
    let found = check(&[("0001-a.md", &a)]);
    let f = the(
        &found,
        "unknown-tradeoff-attribute",
        &at("0001-a.md", &a, "availability:"),
    );
    assert!(
        f.message.contains("`availability`") && f.message.contains("did you mean `avail`?"),
        "{f:?}"
    );
}

#[test]
fn an_effect_outside_the_scale_is_reported_with_the_one_meant() {
    let a = good_with("\"+ survives", "\"+++ survives").replacen(
        "effect: \"--\"",
        "effect: \"---\"",
        1,
    );
    let found = check(&[("0001-a.md", &a)]);
    let f = the(&found, "front-matter-field", &at("0001-a.md", &a, "+++"));
    assert!(
        f.message.contains("`+++`")
            && f.message.contains("++, +, 0, -, --")
            && f.message.contains("did you mean `++`?"),
        "{f:?}"
    );
    let f = the(&found, "front-matter-field", &at("0001-a.md", &a, "---\""));
    assert!(f.message.contains("did you mean `--`?"), "{f:?}");
}

#[test]
fn a_priority_outside_high_medium_low_is_reported_not_dropped_silently() {
    let a = good_with("priority: high", "priority: urgent");
    let b = good_with("priority: high", "difficulty: hgih");
    let found = check(&[("0001-a.md", &a), ("0002-b.md", &b)]);
    let f = the(&found, "front-matter-field", &at("0001-a.md", &a, "urgent"));
    assert!(
        f.message.contains("`priority: urgent`") && f.message.contains("high, medium or low"),
        "{f:?}"
    );
    let f = the(&found, "front-matter-field", &at("0002-b.md", &b, "hgih"));
    assert!(f.message.contains("did you mean `high`?"), "{f:?}");
}

#[test]
fn chosen_yes_is_not_a_boolean_but_is_read_as_chosen() {
    let a = good_with("chosen: true", "chosen: yes");
    let s = Log::new().structured().file("0001-a.md", &a).sandbox();
    let found = findings(&s);
    let f = the(
        &found,
        "front-matter-field",
        &at("0001-a.md", &a, "chosen: yes"),
    );
    assert!(
        f.message.contains("not a boolean")
            && f.message.contains("read as chosen")
            && f.message.contains("write `true` or `false`"),
        "{f:?}"
    );
    // Read as the author meant it: the option is chosen, so no decision lacks a choice.
    assert!(
        !found.iter().any(|f| f.rule == "chosen-option"),
        "{found:#?}"
    );
    let out = s
        .adr()
        .args(["show", "1", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["options"][0]["chosen"], true, "{v}");
}

#[test]
fn a_constraints_string_is_kept_as_one_constraint_and_reported() {
    let a = good_with(
        "constraints:\n  - Runs on the two hosts we have",
        "constraints: Runs on the two hosts we have",
    );
    let s = Log::new().structured().file("0001-a.md", &a).sandbox();
    let found = findings(&s);
    let f = the(
        &found,
        "front-matter-field",
        &at("0001-a.md", &a, "constraints:"),
    );
    assert!(
        f.message.contains("should be a list") && f.message.contains("read as one constraint"),
        "{f:?}"
    );
    assert!(
        !found.iter().any(|f| f.rule == "missing-constraints"),
        "{found:#?}"
    );
    let out = s
        .adr()
        .args(["show", "1", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["constraints"],
        serde_json::json!(["Runs on the two hosts we have"])
    );
}

#[test]
fn an_accepted_record_chooses_exactly_one_option() {
    let none = good_with("chosen: true", "chosen: false");
    let two = good_with("chosen: false", "chosen: true");
    let proposed = none.replacen("status: accepted", "status: proposed", 1);
    let found = check(&[
        ("0001-a.md", &none),
        ("0002-b.md", &two),
        ("0003-c.md", &proposed),
    ]);
    let f = the(&found, "chosen-option", &at("0001-a.md", &none, "options:"));
    assert!(
        f.message
            .contains("none of its 2 options is marked `chosen: true`"),
        "{f:?}"
    );
    // The second `chosen: true` is the line pointed at.
    let line = two
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("chosen: true"))
        .nth(1)
        .unwrap()
        .0
        + 1;
    let f = the(
        &found,
        "chosen-option",
        &format!("doc/adr/0002-b.md:{line}"),
    );
    assert!(
        f.message
            .contains("2 chosen options (`Two nodes`, `One node`)"),
        "{f:?}"
    );
    assert!(
        !found
            .iter()
            .any(|f| f.rule == "chosen-option" && f.at.contains("0003-c.md")),
        "{found:#?}"
    );
}

#[test]
fn a_status_one_slip_from_a_state_is_reported_with_the_state_meant_in_any_format() {
    let structured = good_with("status: accepted", "status: accpeted");
    let nygard = "# 2. B\n\nDate: 2024-01-02\n\n## Status\n\nSuperseeded\n\n## Context\n\nWhy.\n";
    let madr = "---\nstatus: rejceted\ndate: 2024-01-02\ndecision-makers: [Ana]\n---\n# C\n\n\
                ## Context and Problem Statement\n\nWhy.\n";
    let own_word = "# 4. D\n\nDate: 2024-01-02\n\n## Status\n\nReverted\n\n## Context\n\nWhy.\n";
    let found = check(&[
        ("0001-a.md", &structured),
        ("0002-b.md", nygard),
        ("0003-c.md", madr),
        ("0004-d.md", own_word),
    ]);
    for (name, text, word, meant) in [
        ("0001-a.md", structured.as_str(), "accpeted", "accepted"),
        ("0002-b.md", nygard, "Superseeded", "superseded"),
        ("0003-c.md", madr, "rejceted", "rejected"),
    ] {
        let f = the(&found, "unknown-status", &at(name, text, word));
        assert!(
            f.message.contains(&format!("did you mean `{meant}`?")),
            "{f:?}"
        );
    }
    // A word of the team's own two edits from a state is no slip.
    let f = the(
        &found,
        "unknown-status",
        &at("0004-d.md", own_word, "Reverted"),
    );
    assert!(!f.message.contains("did you mean"), "{f:?}");
}

#[test]
fn a_body_link_to_a_record_file_the_log_lacks_is_reported_in_any_format() {
    let body = "\n## Context\n\nSee [the old one](0042-missing.md) and [a](0001-a.md).\n\
                And [b](0002-typo.md).\nIn code: `[x](0043-missing.md)`.\n\n```\n[y](0044-missing.md)\n\
                ```\n<!-- [z](0045-missing.md) -->\n[w]: 0046-missing.md\n\
                Elsewhere: [r](../README.md), [web](https://example.com/0047-x.md).\n";
    let nygard = format!("# 1. A\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n{body}");
    let madr = format!(
        "---\nstatus: accepted\ndate: 2024-01-02\ndecision-makers: [Ana]\n---\n# B\n\n\
         ## Context and Problem Statement\n{body}"
    );
    let found = check(&[("0001-a.md", &nygard), ("0002-type.md", &madr)]);
    for (name, text) in [("0001-a.md", nygard.as_str()), ("0002-type.md", &madr)] {
        let f = the(
            &found,
            "missing-record-link",
            &at(name, text, "0042-missing.md"),
        );
        assert!(
            f.message.contains("`0042-missing.md`") && f.message.contains("no such record"),
            "{f:?}"
        );
        let f = the(
            &found,
            "missing-record-link",
            &at(name, text, "0046-missing.md"),
        );
        assert!(f.message.contains("`0046-missing.md`"), "{f:?}");
    }
    // One edit from a record's file name: the name meant.
    let f = found
        .iter()
        .find(|f| f.message.contains("`0002-typo.md`") && f.at.contains("0001-a.md"))
        .unwrap_or_else(|| panic!("{found:#?}"));
    assert!(f.message.contains("did you mean `0002-type.md`?"), "{f:?}");
    // Code, comments, non-record files and web addresses are not read.
    let missing: Vec<&Finding> = found
        .iter()
        .filter(|f| f.rule == "missing-record-link")
        .collect();
    assert_eq!(missing.len(), 6, "{missing:#?}");
}

#[test]
fn fresh_records_of_every_format_raise_no_finding_but_their_placeholders() {
    for format in ["structured", "nygard", "madr"] {
        let s = Sandbox::new();
        s.adr()
            .args(["init", "--format", format])
            .assert()
            .success();
        s.adr().args(["new", "Use Postgres"]).assert().success();
        s.adr()
            .args(["new", "--status", "accepted", "Use Redis"])
            .assert()
            .success();
        let found = findings(&s);
        let other: Vec<&Finding> = found
            .iter()
            .filter(|f| f.rule != "placeholder-text")
            .collect();
        assert!(other.is_empty(), "{format}: {other:#?}");
    }
}

/// The schema `adr schema` prints.
fn schema() -> Value {
    let out = Sandbox::new().adr().arg("schema").output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn schema_enums_are_the_values_adr_reads() {
    let schema = schema();
    let defs = &schema["$defs"];
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap_or_else(|| panic!("no enum: {v}"))
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    for status in strings(&schema["properties"]["status"]["enum"]) {
        let state = adr::parse::words::normalise_status(&status);
        assert!(state.is_known(), "{status}");
    }
    for level in strings(&defs["level"]["enum"]) {
        assert!(adr::model::Priority::parse(&level).is_some(), "{level}");
    }
    for effect in strings(&defs["effect"]["enum"]) {
        assert!(adr::model::Effect::parse(&effect).is_some(), "{effect}");
    }
    for object in [
        "scenario",
        "quality_attribute",
        "option",
        "link",
        "status_change",
    ] {
        assert_eq!(
            defs[object]["additionalProperties"], false,
            "{object} must close its keys"
        );
    }
}

/// Whether Python's `jsonschema` can be run; in CI it must be there.
fn have_jsonschema() -> bool {
    let ok = std::process::Command::new("python3")
        .args(["-c", "import jsonschema"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok && std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!("python3 with jsonschema is needed and CI is set");
    }
    if !ok {
        eprintln!("skipped: python3 with jsonschema not found");
    }
    ok
}

/// The front matter of `text` as JSON, as adr reads it.
fn front_matter(text: &str) -> Value {
    let span = adr::parse::split_front_matter(text).unwrap().unwrap();
    adr::parse::yaml::parse(&text[span.yaml_start..span.yaml_end])
        .unwrap()
        .value
}

/// The JSON paths (`/options/0/chosen`) at which the schema rejects each document, one list per
/// document, checked by a validator that is not adr's own.
fn schema_errors(documents: &[Value]) -> Vec<Vec<String>> {
    let dir = tempfile::tempdir().unwrap();
    let schema_path = dir.path().join("schema.json");
    std::fs::write(&schema_path, schema().to_string()).unwrap();
    let docs_path = dir.path().join("docs.json");
    std::fs::write(&docs_path, Value::Array(documents.to_vec()).to_string()).unwrap();
    let script = "import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
print(json.dumps([sorted('/' + '/'.join(map(str, e.absolute_path)) for e in v.iter_errors(d))
                  for d in json.load(open(sys.argv[2]))]))";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&schema_path)
        .arg(&docs_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_schema_is_valid_and_flags_the_slips_check_reports() {
    if !have_jsonschema() {
        return;
    }
    let slips = good_with("      response: traffic", "      responce: traffic")
        .replacen("priority: high", "priority: urgent", 1)
        .replacen("chosen: true", "chosen: yes", 1)
        .replacen("\"+ survives", "\"+++ survives", 1)
        .replacen("links: []", "links:\n  - {type: amends, targte: 2}", 1)
        .replacen("status: accepted", "status: accpeted", 1);
    let own = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/doc/adr/0016-read-records-by-the-evidence-a-person-looks-at-in-a-fixed-order.md"
    ))
    .unwrap();
    let errors = schema_errors(&[front_matter(GOOD), front_matter(&own), front_matter(&slips)]);
    assert!(errors[0].is_empty(), "{:?}", errors[0]);
    assert!(errors[1].is_empty(), "{:?}", errors[1]);
    for path in [
        "/status",
        "/quality_attributes/0/priority",
        "/quality_attributes/0/scenario",
        "/options/0/chosen",
        "/options/0/tradeoffs/avail",
        "/links/0",
    ] {
        assert!(
            errors[2].iter().any(|e| e == path),
            "{path}: {:?}",
            errors[2]
        );
    }
}
