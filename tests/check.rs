//! `adr check`: every rule fires on a fixture that breaks it and stays quiet on one that does not.

mod common;

use common::log::{Log, nygard};
use common::{Sandbox, corpus, stderr, stdout};
use serde_json::Value;

/// Runs `adr check --format json` on a nygard repository holding `files` and returns the
/// rule ids found, with the exit code.
fn rules_for(files: &[(&str, &str)]) -> (Vec<String>, i32) {
    let s = Log::new().structured().files(files).sandbox();
    let out = s
        .adr()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let v: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)));
    let rules = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    (rules, out.status.code().unwrap())
}

const GOOD_STRUCTURED: &str = "---
status: accepted
date: 2024-01-02
constraints: [Runs on Linux]
quality_attributes:
  - id: perf
    attribute: Performance
    scenario: {stimulus: a request, response: an answer, response_measure: p99 < 10 ms}
options:
  - {name: A, chosen: true, tradeoffs: {perf: \"+ fast\"}}
  - {name: B, tradeoffs: {perf: \"- slow\"}}
scope: [\"doc/**\"]
---
# Good one

## Context

Real words.
";

/// `(rule, breaking files, fine files)`.
type Files = Vec<(&'static str, String)>;

fn cases() -> Vec<(&'static str, Files, Files)> {
    let ok = |n| ("0001-a.md", nygard(n, "A", "Accepted", ""));
    vec![
        (
            "invalid-front-matter",
            vec![("0001-a.md", "---\ntitle: [a, b\n---\n# A\n".into())],
            vec![(
                "0001-a.md",
                "---\ntitle: \"a: b\"\nstatus: proposed\n---\n# A\n".into(),
            )],
        ),
        (
            "unquoted-colon",
            vec![("0001-a.md", "---\ntitle: a: b\n---\n# A\n".into())],
            vec![(
                "0001-a.md",
                "---\ntitle: \"a: b\"\nstatus: proposed\n---\n# A\n".into(),
            )],
        ),
        (
            "unclosed-front-matter",
            vec![("0001-a.md", "---\nstatus: proposed\n# A\n".into())],
            vec![ok(1)],
        ),
        (
            "unreadable-file",
            vec![("0001-a.md", String::new())],
            vec![ok(1)],
        ),
        (
            "front-matter-field",
            vec![(
                "0001-a.md",
                "---\nstatus: proposed\ntags: {a: 1}\n---\n# A\n".into(),
            )],
            vec![(
                "0001-a.md",
                "---\nstatus: proposed\ntags: [a]\n---\n# A\n".into(),
            )],
        ),
        (
            "no-title",
            vec![("0001-a.md", "## Status\n\nAccepted\n".into())],
            vec![ok(1)],
        ),
        (
            "no-number",
            vec![("use-x.md", "# X\n\n## Status\n\nAccepted\n".into())],
            vec![ok(1)],
        ),
        (
            "duplicate-number",
            vec![ok(1), ("0001-b.md", nygard(1, "B", "Accepted", ""))],
            vec![ok(1), ("0002-b.md", nygard(2, "B", "Accepted", ""))],
        ),
        (
            "renumber-copy",
            // A renumber's mark: record 2 still links to the old name, nothing to the new.
            vec![
                (
                    "0002-two.md",
                    nygard(2, "Two", "Accepted", "\nAmended by [3. X](0003-x.md)\n"),
                ),
                (
                    "0003-x.md",
                    nygard(3, "X", "Accepted", "\nAmends [2. Two](0002-two.md)\n"),
                ),
                (
                    "0042-x.md",
                    nygard(42, "X", "Accepted", "\nAmends [2. Two](0002-two.md)\n"),
                ),
            ],
            // Alike, but nothing says renumber: `adr new X` run twice.
            vec![
                ("0003-x.md", nygard(3, "X", "Accepted", "")),
                ("0042-x.md", nygard(42, "X", "Accepted", "")),
            ],
        ),
        (
            "leftover-temp-file",
            vec![ok(1), (".adr-tmp-x1y2z3", "half a record".into())],
            vec![ok(1)],
        ),
        (
            "unknown-status",
            vec![("0001-a.md", nygard(1, "A", "Maybe", ""))],
            vec![ok(1)],
        ),
        (
            "no-status",
            vec![("0001-a.md", "# 1. A\n\n## Context\n\nx\n".into())],
            vec![ok(1)],
        ),
        (
            "invalid-date",
            vec![(
                "0001-a.md",
                "# 1. A\n\nDate: soon\n\n## Status\n\nAccepted\n".into(),
            )],
            vec![ok(1)],
        ),
        (
            "mixed-date-order",
            vec![
                (
                    "0001-a.md",
                    "# 1. A\n\nDate: 25/10/21\n\n## Status\n\nAccepted\n".into(),
                ),
                (
                    "0002-b.md",
                    "# 2. B\n\nDate: 10/26/21\n\n## Status\n\nAccepted\n".into(),
                ),
            ],
            vec![
                (
                    "0001-a.md",
                    "# 1. A\n\nDate: 25/10/21\n\n## Status\n\nAccepted\n".into(),
                ),
                (
                    "0002-b.md",
                    "# 2. B\n\nDate: 04/08/21\n\n## Status\n\nAccepted\n".into(),
                ),
            ],
        ),
        (
            "file-name-mismatch",
            vec![("0001-a.md", nygard(7, "A", "Accepted", ""))],
            vec![ok(1)],
        ),
        (
            "dangling-link",
            vec![(
                "0001-a.md",
                nygard(1, "A", "Accepted", "\nAmends [9. Nine](0009-nine.md)\n"),
            )],
            vec![ok(1)],
        ),
        (
            "one-sided-link",
            vec![
                ("0001-a.md", nygard(1, "A", "Accepted", "")),
                (
                    "0002-b.md",
                    nygard(2, "B", "Accepted", "\nSupersedes [1. A](0001-a.md)\n"),
                ),
            ],
            vec![
                (
                    "0001-a.md",
                    nygard(1, "A", "Superseded by [2. B](0002-b.md)", ""),
                ),
                (
                    "0002-b.md",
                    nygard(2, "B", "Accepted", "\nSupersedes [1. A](0001-a.md)\n"),
                ),
            ],
        ),
        (
            "one-sided-relation",
            vec![
                (
                    "0001-a.md",
                    nygard(1, "A", "Accepted", "\nRelates to [2. B](0002-b.md)\n"),
                ),
                ("0002-b.md", nygard(2, "B", "Accepted", "")),
            ],
            vec![
                (
                    "0001-a.md",
                    nygard(1, "A", "Accepted", "\nRelates to [2. B](0002-b.md)\n"),
                ),
                (
                    "0002-b.md",
                    nygard(2, "B", "Accepted", "\nRelates to [1. A](0001-a.md)\n"),
                ),
            ],
        ),
        (
            "superseded-without-successor",
            vec![("0001-a.md", nygard(1, "A", "Superseded", ""))],
            vec![ok(1)],
        ),
        (
            "rejected-successor",
            vec![
                (
                    "0001-a.md",
                    nygard(1, "A", "Superseded by [2. B](0002-b.md)", ""),
                ),
                (
                    "0002-b.md",
                    nygard(2, "B", "Rejected", "\nSupersedes [1. A](0001-a.md)\n"),
                ),
            ],
            vec![
                (
                    "0001-a.md",
                    nygard(1, "A", "Superseded by [2. B](0002-b.md)", ""),
                ),
                (
                    "0002-b.md",
                    nygard(2, "B", "Accepted", "\nSupersedes [1. A](0001-a.md)\n"),
                ),
            ],
        ),
        (
            "supersede-cycle",
            vec![
                (
                    "0001-a.md",
                    nygard(
                        1,
                        "A",
                        "Superseded by [2. B](0002-b.md)",
                        "\nSupersedes [2. B](0002-b.md)\n",
                    ),
                ),
                (
                    "0002-b.md",
                    nygard(
                        2,
                        "B",
                        "Superseded by [1. A](0001-a.md)",
                        "\nSupersedes [1. A](0001-a.md)\n",
                    ),
                ),
            ],
            vec![
                (
                    "0001-a.md",
                    nygard(1, "A", "Superseded by [2. B](0002-b.md)", ""),
                ),
                (
                    "0002-b.md",
                    nygard(2, "B", "Accepted", "\nSupersedes [1. A](0001-a.md)\n"),
                ),
            ],
        ),
        (
            "missing-constraints",
            vec![(
                "0001-a.md",
                GOOD_STRUCTURED.replace("constraints: [Runs on Linux]\n", ""),
            )],
            vec![("0001-a.md", GOOD_STRUCTURED.into())],
        ),
        (
            "missing-quality-attributes",
            vec![(
                "0001-a.md",
                "---\nstatus: accepted\nconstraints: [x]\n---\n# A\n".into(),
            )],
            vec![("0001-a.md", GOOD_STRUCTURED.into())],
        ),
        (
            "too-few-options",
            vec![(
                "0001-a.md",
                GOOD_STRUCTURED.replace("  - {name: B, tradeoffs: {perf: \"- slow\"}}\n", ""),
            )],
            vec![("0001-a.md", GOOD_STRUCTURED.into())],
        ),
        (
            "option-without-tradeoffs",
            vec![(
                "0001-a.md",
                GOOD_STRUCTURED.replace("{name: B, tradeoffs: {perf: \"- slow\"}}", "{name: B}"),
            )],
            vec![("0001-a.md", GOOD_STRUCTURED.into())],
        ),
        (
            "incomplete-scenario",
            vec![(
                "0001-a.md",
                GOOD_STRUCTURED.replace(", response_measure: p99 < 10 ms", ""),
            )],
            vec![("0001-a.md", GOOD_STRUCTURED.into())],
        ),
        (
            "placeholder-text",
            vec![(
                "0001-a.md",
                nygard(1, "A", "Accepted", "\nContext here...\n"),
            )],
            vec![(
                "0001-a.md",
                nygard(1, "A", "Accepted", "\nUse `{ braces }` in code.\n"),
            )],
        ),
        (
            "scope-matches-nothing",
            vec![(
                "0001-a.md",
                GOOD_STRUCTURED.replace("doc/**", "src/nothing/**"),
            )],
            vec![("0001-a.md", GOOD_STRUCTURED.into())],
        ),
        // The authoring rules; tests/authoring.rs checks their lines and suggestions.
        (
            "unknown-key",
            vec![(
                "0001-a.md",
                GOOD_STRUCTURED.replace("constraints:", "constraint:"),
            )],
            vec![("0001-a.md", GOOD_STRUCTURED.into())],
        ),
        (
            "unknown-tradeoff-attribute",
            vec![(
                "0001-a.md",
                GOOD_STRUCTURED.replace("{perf: \"+ fast\"}", "{prf: \"+ fast\"}"),
            )],
            vec![("0001-a.md", GOOD_STRUCTURED.into())],
        ),
        (
            "chosen-option",
            vec![(
                "0001-a.md",
                GOOD_STRUCTURED.replace("chosen: true", "chosen: false"),
            )],
            vec![("0001-a.md", GOOD_STRUCTURED.into())],
        ),
        (
            "missing-record-link",
            vec![(
                "0001-a.md",
                nygard(1, "A", "Accepted", "") + "\nAs [B](0002-b.md) says.\n",
            )],
            vec![(
                "0001-a.md",
                nygard(1, "A", "Accepted", "") + "\nAs [A](0001-a.md) says.\n",
            )],
        ),
        (
            "unknown-goal",
            vec![goals_config(), ("0001-a.md", governed("goals: [uptme]"))],
            vec![goals_config(), ("0001-a.md", governed("goals: [uptime]"))],
        ),
        (
            "no-goal",
            vec![goals_config(), ("0001-a.md", governed(""))],
            vec![goals_config(), ("0001-a.md", governed("goals: [uptime]"))],
        ),
        (
            "review-due",
            vec![("0001-a.md", governed("review_by: 1992-01-12"))],
            vec![("0001-a.md", governed("review_by: 1992-01-13"))],
        ),
        (
            "confirmation-missing",
            vec![
                (
                    "0001-a.md",
                    governed("confirmation: [{test: \"t.rs::x_y\"}]"),
                ),
                ("../../t.rs", "fn x_y_z() {}".into()),
            ],
            vec![
                (
                    "0001-a.md",
                    governed("confirmation: [{test: \"t.rs::x_y\"}]"),
                ),
                ("../../t.rs", "fn x_y() {}".into()),
            ],
        ),
    ]
}

/// `.adr.toml` (the files are written under `doc/adr`) declaring one goal, `uptime`.
fn goals_config() -> (&'static str, String) {
    (
        "../../.adr.toml",
        "dir = \"doc/adr\"\n[[goals]]\nid = \"uptime\"\n".into(),
    )
}

/// An accepted record with one governance line in its front matter.
fn governed(line: &str) -> String {
    format!("---\nstatus: accepted\ndate: 1991-01-02\n{line}\n---\n# A\n")
}

#[test]
fn every_rule_fires_on_its_fixture_and_only_there() {
    for (rule, bad, good) in cases() {
        let (found, _) = rules_for(
            &bad.iter()
                .map(|(n, t)| (*n, t.as_str()))
                .collect::<Vec<_>>(),
        );
        assert!(
            found.iter().any(|r| r == rule),
            "{rule} not found on its fixture: {found:?}"
        );
        let (found, _) = rules_for(
            &good
                .iter()
                .map(|(n, t)| (*n, t.as_str()))
                .collect::<Vec<_>>(),
        );
        assert!(
            !found.iter().any(|r| r == rule),
            "{rule} fired on a good fixture: {found:?}"
        );
    }
}

/// A record marked superseded by hand, whose successor names it (`- Supersedes: [RFC 87](...)`
/// in a metadata list, as RFC logs write it): the successor is named, from the other side.
#[test]
fn a_successor_naming_the_superseded_record_is_its_successor() {
    let s = Log::new()
        .file(
            "0001-a.md",
            "# 1. A\n\n- Start Date: 2021-04-01\n- Status: Superseded\n\n## Context\n\nx\n",
        )
        .file(
            "0002-b.md",
            "# 2. B\n\n- Start Date: 2021-05-01\n- Status: Accepted\n- Supersedes: [RFC 1](0001-a.md)\n\n## Context\n\ny\n",
        )
        .sandbox();
    let errors: Vec<Value> = (json_findings(&s).into_iter())
        .filter(|f| f["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // Named by nobody, it is still reported.
    s.write(
        "doc/adr/0002-b.md",
        "# 2. B\n\n- Status: Accepted\n\n## Context\n\ny\n",
    );
    assert!(
        (findings(&s).iter()).any(|(rule, _)| rule == "superseded-without-successor"),
        "{:?}",
        findings(&s)
    );
}

#[test]
fn every_rule_has_a_test_case() {
    let tested: Vec<&str> = cases().iter().map(|c| c.0).collect();
    for rule in adr::check::RULES {
        // number-collision needs a git base branch, unreadable-dir an `extra-dirs` config,
        // governed-by-stale-decision is `adr review`'s, confirmation-failed needs `--confirm`
        // (tests/governance.rs); each has its own test.
        const ELSEWHERE: &[&str] = &[
            "number-collision",
            "unreadable-dir",
            "governed-by-stale-decision",
            "confirmation-failed",
        ];
        if !ELSEWHERE.contains(&rule.id) {
            assert!(tested.contains(&rule.id), "rule {} has no fixture", rule.id);
        }
    }
}

#[test]
fn exit_codes_follow_deny_level_and_config() {
    let s = Log::new().nygard(1, "A", "Maybe").sandbox();
    // Only a warning: clean for --deny error, a failure for --deny warning.
    s.adr().arg("check").assert().code(0);
    s.adr()
        .args(["check", "--deny", "warning"])
        .assert()
        .code(1);
    s.write(
        ".adr.toml",
        "[check]\nseverity = { unknown-status = \"error\" }\n",
    );
    s.adr().arg("check").assert().code(1);
    s.write(".adr.toml", "[check]\ndisable = [\"unknown-status\"]\n");
    s.adr()
        .args(["check", "--deny", "warning"])
        .assert()
        .code(0);
    s.write(".adr.toml", "[check]\ndisable = [\"no-such-rule\"]\n");
    s.adr()
        .arg("check")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown rule `no-such-rule`"));
    s.adr().args(["--dir", "missing", "check"]).assert().code(2);
}

#[test]
fn extra_statuses_from_config_are_not_unknown() {
    let (found, _) = rules_for(&[("0001-a.md", &nygard(1, "A", "On hold", ""))]);
    assert!(found.contains(&"unknown-status".to_string()));
    let s = Log::new()
        .config("extra-statuses = [\"on hold\"]\n")
        .nygard(1, "A", "On hold")
        .sandbox();
    s.adr()
        .args(["check", "--deny", "warning"])
        .assert()
        .code(0);
}

#[test]
fn reports_in_human_github_and_sarif_forms() {
    let s = Log::new()
        .file(
            "0001-a.md",
            nygard(1, "A", "Accepted", "\nAmends [9. Nine](0009-nine.md)\n"),
        )
        .sandbox();
    s.adr().arg("check").assert().code(1).stdout(
        "doc/adr/0001-a.md:9: error[dangling-link]: `Amends` link to `0009-nine.md`: no such record or file\n\
         1 record checked: 1 error, 0 warnings\n",
    );
    s.adr().args(["check", "--format", "github"]).assert().code(1).stdout(
        "::error file=doc/adr/0001-a.md,line=9,title=adr check%3A dangling-link::`Amends` link to `0009-nine.md`: no such record or file\n",
    );
    let out = s
        .adr()
        .args(["check", "--format", "sarif"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let result = &v["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "dangling-link");
    assert_eq!(
        result["locations"][0]["physicalLocation"]["region"]["startLine"],
        9
    );
    assert!(
        v["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len()
            >= 20
    );
    s.adr()
        .args(["check", "--color", "always"])
        .assert()
        .stdout(predicates::str::contains("\x1b[1;31merror\x1b[0m"));
}

/// Every folder of the corpus that holds numbered records.
fn corpus_log_dirs(root: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_dir()
            && std::fs::read_dir(entry.path()).unwrap().any(|e| {
                let n = e.unwrap().file_name().to_string_lossy().to_string();
                n.ends_with(".md")
                    && n.trim_start_matches("adr")
                        .trim_start_matches('-')
                        .starts_with(|c: char| c.is_ascii_digit())
            })
        {
            dirs.push(entry.path().to_path_buf());
        }
    }
    assert!(dirs.len() >= 10);
    dirs
}

/// Every finding on the corpus points at a real line of a real file, and check never fails to run.
#[test]
fn corpus_folders_check_without_crashing_and_findings_point_at_real_lines() {
    let Some(root) = corpus() else { return };
    for dir in corpus_log_dirs(&root) {
        let out = Sandbox::new()
            .adr()
            .arg("--dir")
            .arg(&dir)
            .args(["check", "--format", "json", "--no-scope"])
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(
            matches!(code, Some(0 | 1)),
            "{}: exit {code:?}",
            dir.display()
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        for f in v["findings"].as_array().unwrap() {
            let path = f["path"].as_str().unwrap();
            let text = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
            if let Some(line) = f["line"].as_u64() {
                let lines = text.split(|&b| b == b'\n').count() as u64;
                assert!(
                    line >= 1 && line <= lines.max(1),
                    "{path}:{line} of {lines}: {f}"
                );
            }
        }
    }
}

fn corpus_findings(folder: &str) -> String {
    let root = corpus().unwrap();
    let out = assert_cmd::Command::cargo_bin("adr")
        .unwrap()
        .current_dir(root.join(folder.split('/').next().unwrap()))
        .args([
            "--dir",
            folder.split_once('/').unwrap().1,
            "check",
            "--no-scope",
        ])
        .output()
        .unwrap();
    stdout(&out)
}

#[test]
fn corpus_findings_snapshots() {
    if corpus().is_none() {
        return;
    }
    insta::assert_snapshot!(
        "govuk",
        corpus_findings("alphagov__govuk-aws/docs/architecture/decisions")
    );
    insta::assert_snapshot!("adr_tools", corpus_findings("npryce__adr-tools/doc/adr"));
    insta::assert_snapshot!(
        "backstage",
        corpus_findings("backstage__backstage/docs/architecture-decisions")
    );
    insta::assert_snapshot!(
        "log4brains_core",
        corpus_findings("thomvaill__log4brains/packages/core/docs/adr")
    );
}

/// An interrupted supersede, repaired by `--fix`, ends byte for byte where an uninterrupted one
/// does, in every format.
#[test]
fn fix_completes_an_interrupted_supersede_in_every_format() {
    for format in ["nygard", "madr", "structured"] {
        let setup = || {
            let s = Sandbox::new();
            s.adr()
                .args(["init", "--format", format])
                .assert()
                .success();
            s.adr()
                .args(["new", "--status", "accepted", "Use MySQL"])
                .assert()
                .success();
            s
        };
        let whole = setup();
        whole
            .adr()
            .args(["supersede", "2", "Use Postgres"])
            .assert()
            .success();
        let broken = setup();
        broken
            .adr()
            .env("ADR_FAILPOINT", "after-write-1")
            .args(["supersede", "2", "Use Postgres"])
            .assert()
            .code(86);
        let (rules, code) = {
            let out = broken
                .adr()
                .args(["check", "--format", "json", "--no-scope"])
                .output()
                .unwrap();
            let v: Value = serde_json::from_slice(&out.stdout).unwrap();
            let rules: Vec<String> = v["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["severity"] == "error")
                .map(|f| f["rule"].as_str().unwrap().to_string())
                .collect();
            (rules, out.status.code().unwrap())
        };
        assert_eq!(code, 1, "{format}");
        assert_eq!(rules, vec!["one-sided-link"], "{format}");
        broken
            .adr()
            .args(["check", "--fix", "--no-scope"])
            .assert()
            .code(0)
            .stderr(predicates::str::contains(
                "fixed: doc/adr/0002-use-mysql.md: added the missing",
            ));
        for f in ["doc/adr/0002-use-mysql.md", "doc/adr/0003-use-postgres.md"] {
            assert_eq!(broken.read(f), whole.read(f), "{format}: {f}");
        }
        broken
            .adr()
            .args(["check", "--fix", "--no-scope"])
            .assert()
            .stderr("fixed: nothing to repair\n");
    }
}

#[test]
fn fix_points_links_at_a_renumbered_record() {
    let s = Sandbox::new();
    s.adr()
        .args(["init", "--format", "nygard"])
        .assert()
        .success();
    s.adr().args(["new", "Use MySQL"]).assert().success();
    s.adr()
        .args(["supersede", "2", "Use Postgres"])
        .assert()
        .success();
    // A renumber interrupted after the rename: the old name is gone, links still use it.
    std::fs::rename(
        s.path().join("doc/adr/0003-use-postgres.md"),
        s.path().join("doc/adr/0007-use-postgres.md"),
    )
    .unwrap();
    let text = s
        .read("doc/adr/0007-use-postgres.md")
        .replace("# 3.", "# 7.");
    s.write("doc/adr/0007-use-postgres.md", text);
    s.adr()
        .args(["check", "--no-scope"])
        .assert()
        .code(1)
        .stdout(predicates::str::contains("dangling-link"));
    s.adr()
        .args(["check", "--fix", "--no-scope"])
        .assert()
        .code(0);
    assert!(
        s.read("doc/adr/0002-use-mysql.md")
            .contains("Superceded by [7. Use Postgres](0007-use-postgres.md)")
    );
}

/// The rule ids `adr check --format json` reports in the sandbox, with their messages.
fn findings(s: &Sandbox) -> Vec<(String, String)> {
    (json_findings(s).iter())
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn nygard_repo(titles: &[&str]) -> Sandbox {
    let s = Sandbox::new();
    s.adr()
        .args(["init", "--format", "nygard"])
        .assert()
        .success();
    for t in titles {
        s.adr().args(["new", t]).assert().success();
    }
    s
}

#[test]
fn a_custom_link_pair_written_by_adr_link_is_two_sided() {
    let s = nygard_repo(&["Use Postgres", "Use Redis"]);
    s.adr()
        .args(["link", "3", "Depends on", "2", "Needed by"])
        .assert()
        .success();
    let found = findings(&s);
    assert!(
        !found.iter().any(|(r, _)| r == "one-sided-link"),
        "{found:?}"
    );
    s.adr()
        .args(["check", "--fix", "--no-scope"])
        .assert()
        .stderr("fixed: nothing to repair\n");
    assert!(
        !s.read("doc/adr/0002-use-postgres.md")
            .contains("Depended on by")
    );
}

#[test]
fn a_one_sided_custom_link_is_reported_and_fix_invents_no_reverse() {
    let s = nygard_repo(&["Use Postgres", "Use Redis"]);
    s.adr()
        .args(["link", "3", "Funds", "2", ""])
        .assert()
        .success();
    let before = s.read("doc/adr/0002-use-postgres.md");
    let found = findings(&s);
    let one_sided: Vec<&String> = found
        .iter()
        .filter(|(r, _)| r == "one-sided-link")
        .map(|(_, m)| m)
        .collect();
    assert_eq!(one_sided.len(), 1, "{found:?}");
    assert!(
        one_sided[0].contains("no link back") && one_sided[0].contains("not known"),
        "{}",
        one_sided[0]
    );
    s.adr()
        .args(["check", "--fix", "--no-scope"])
        .assert()
        .code(1)
        .stderr("fixed: nothing to repair\n");
    assert_eq!(s.read("doc/adr/0002-use-postgres.md"), before);
}

#[test]
fn fix_answers_a_one_sided_link_with_the_reverse_the_log_already_uses() {
    let s = nygard_repo(&["Use Postgres", "Use Redis", "Use Kafka"]);
    s.adr()
        .args(["link", "3", "Depends on", "2", "Needed by"])
        .assert()
        .success();
    s.adr()
        .args(["link", "4", "Depends on", "2", ""])
        .assert()
        .success();
    let found = findings(&s);
    assert_eq!(
        found.iter().filter(|(r, _)| r == "one-sided-link").count(),
        1,
        "{found:?}"
    );
    s.adr()
        .args(["check", "--fix", "--no-scope"])
        .assert()
        .code(0)
        .stderr(predicates::str::contains(
            "added the missing `Needed by` link",
        ));
    let two = s.read("doc/adr/0002-use-postgres.md");
    assert!(
        two.contains("Needed by [4. Use Kafka](0004-use-kafka.md)"),
        "{two}"
    );
    assert!(!two.contains("Depended on by"), "{two}");
}

#[test]
fn a_file_named_for_another_decision_is_a_file_name_mismatch() {
    let slug_findings = |name: &str, title: &str| -> Vec<String> {
        let s = Log::new()
            .file(name, nygard(1, title, "Accepted", ""))
            .sandbox();
        findings(&s)
            .into_iter()
            .filter(|(r, m)| r == "file-name-mismatch" && m.contains("shares no word"))
            .map(|(_, m)| m)
            .collect()
    };
    let found = slug_findings("0001-use-mysql.md", "Choose a message broker");
    assert_eq!(
        found,
        [
            "the file name `use-mysql` shares no word with the title's slug \
          `choose-a-message-broker` (rename the file or fix the title)"
        ]
    );
    // Rewordings that keep a word (give or take an inflection) are not worth a warning.
    for (name, title) in [
        ("0001-use-mysql.md", "Use MySQL 8 for orders"),
        (
            "0001-record-decisions.md",
            "Recording architecture decisions",
        ),
        ("0001-deploy-on-k8s.md", "Deployment platform"),
        ("0001-添加-e2e-测试.md", "添加端到端测试"),
        // A word made of the starts of the title's words.
        (
            "0001-extract-metamodel-and-autodoc.md",
            "Automated documentation tooling",
        ),
    ] {
        assert_eq!(slug_findings(name, title), Vec::<String>::new(), "{name}");
    }
}

/// `adr check --format json` in the sandbox: the findings as JSON values.
fn json_findings(s: &Sandbox) -> Vec<Value> {
    let out = s
        .adr()
        .args(["check", "--format", "json", "--no-scope"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"].as_array().unwrap().clone()
}

/// A record fresh from `adr new` is one finding, whatever its template holds: the count, the
/// places and the first line in the message, every placeholder with its line in JSON. MADR's own
/// template writes `decision-makers: {list everyone ...}`, a YAML mapping; ours writes lists of
/// placeholder strings, so there is no field of the wrong shape either.
#[test]
fn a_fresh_record_of_each_format_is_one_placeholder_finding() {
    for (format, message, count, first) in [
        (
            "structured",
            "record 2 still has 7 template placeholders: `constraints`, `quality_attributes`, \
             `options`, Context, …, first at line 10",
            7,
            (
                10,
                "key",
                "constraints",
                "{constraint the decision had to respect}",
            ),
        ),
        (
            "nygard",
            "record 2 still has 3 template placeholders: Context, Decision, Consequences, first \
             at line 11",
            3,
            (
                11,
                "section",
                "Context",
                "The issue motivating this decision, and any context that influences or \
                 constrains the decision.",
            ),
        ),
        (
            "madr",
            "record 2 still has 26 template placeholders: `decision-makers`, `consulted`, \
             `informed`, Context and Problem Statement, …, first at line 4",
            26,
            (
                4,
                "key",
                "decision-makers",
                "{list everyone involved in the decision}",
            ),
        ),
    ] {
        let s = Sandbox::new();
        s.adr()
            .args(["init", "--format", format])
            .assert()
            .success();
        s.adr().args(["new", "Use Postgres"]).assert().success();
        let found = json_findings(&s);
        assert_eq!(found.len(), 1, "{format}: {found:#?}");
        let f = &found[0];
        assert_eq!(f["path"], "doc/adr/0002-use-postgres.md", "{format}");
        assert_eq!(f["rule"], "placeholder-text", "{format}");
        assert_eq!(f["line"], first.0, "{format}");
        assert_eq!(f["message"], message, "{format}");
        let all = f["placeholders"].as_array().unwrap();
        assert_eq!(all.len(), count, "{format}: {all:#?}");
        assert_eq!(all[0]["line"], first.0, "{format}");
        assert_eq!(all[0][first.1], first.2, "{format}");
        assert_eq!(all[0]["text"], first.3, "{format}");
        let lines: Vec<u64> = all.iter().map(|p| p["line"].as_u64().unwrap()).collect();
        assert!(lines.is_sorted(), "{format}: {lines:?}");
    }
}

/// Braces in code, in a list of names or around one word are no placeholder; a template's
/// `{few words}` under a heading is, and its section is named.
#[test]
fn placeholders_are_template_words_not_code() {
    let body = "# 1. A\n\n## Status\n\nAccepted\n\n## Context\n\n\
                Constants: i8::{MAX, MIN}; the set { ε }.\n\n    fn f() { some words here }\n\n\
                ```\nlet x = Foo { a b };\n```\n\nSee `Foo { a, b }` and `a {\nb c }`.\n\n\
                ## References\n\n- {reference link}\n";
    let found = json_findings(&Log::new().file("0001-a.md", body).sandbox());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["line"], 22);
    assert_eq!(
        found[0]["message"],
        "record 1 still has a template placeholder, in References: {reference link}"
    );
}

/// Invalid YAML is reported at the line that opened what was never closed, in words, and the
/// findings that only follow from it (the record seems to lack what it holds) are not.
#[test]
fn invalid_yaml_is_one_finding_at_the_line_to_fix() {
    let s = Log::new()
        .file(
            "0001-a.md",
            "---\nstatus: accepted\ndate: 2024-01-02\nconstraints: [Runs on Linux, Costs little\n\
             quality_attributes: []\noptions: []\n---\n# A\n\nWhy.\n",
        )
        .sandbox();
    s.adr()
        .args(["check", "--no-scope"])
        .assert()
        .code(1)
        .stdout(
            "doc/adr/0001-a.md:4: error[invalid-front-matter]: front matter is not valid YAML: \
         `constraints`: the list opened with `[` here is never closed (end it with `]`)\n\
         1 record checked: 1 error, 0 warnings\n",
        );
    // Never closed at all: the same, and no `no-status` for the status inside it.
    s.write("doc/adr/0001-a.md", "---\nstatus: accepted\n# A\n\nWhy.\n");
    let found = json_findings(&s);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "unclosed-front-matter");
    // What is wrong in the body is still reported.
    s.write(
        "doc/adr/0001-a.md",
        "---\nstatus: [accepted\n---\n# A\n\n## References\n\n- {reference link}\n",
    );
    let rules: Vec<String> = json_findings(&s)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(rules, ["invalid-front-matter", "placeholder-text"]);
}

/// A record whose front matter cannot be read may link back; its links are unknown, so the
/// record linking to it is not told its link is one-sided.
#[test]
fn a_link_to_a_record_with_unreadable_front_matter_is_not_one_sided() {
    let s = Log::new()
        .file(
            "0001-a.md",
            "---\nstatus: superseded\nlinks: [{type: superseded-by, target: 0002-b.md}\n---\n# A\n",
        )
        .file(
            "0002-b.md",
            "---\nstatus: accepted\nlinks:\n  - {type: supersedes, target: 0001-a.md}\n---\n# B\n",
        )
        .sandbox();
    let rules: Vec<String> = json_findings(&s)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(rules, ["invalid-front-matter"]);
}

/// MADR names the successor in the status itself; the record it names need not answer, as
/// MADR writes nothing on that side.
#[test]
fn a_madr_superseded_by_status_names_its_successor() {
    for status in [
        "superseded by ADR-12",
        "Superseded by ADR-0012",
        "superseded by [ADR-0012](0012-c.md)",
    ] {
        let s = Log::new()
            .file(
                "0001-a.md",
                format!("---\nstatus: \"{status}\"\ndate: 2024-01-02\n---\n# A\n\nWhy.\n"),
            )
            .file(
                "0012-c.md",
                "---\nstatus: accepted\ndate: 2024-01-02\n---\n# C\n\nWhy.\n",
            )
            .sandbox();
        assert_eq!(json_findings(&s), Vec::<Value>::new(), "{status}");
        s.adr()
            .args(["check", "--fix", "--no-scope"])
            .assert()
            .code(0)
            .stderr("fixed: nothing to repair\n");
        // The successor must exist, though.
        std::fs::remove_file(s.path().join("doc/adr/0012-c.md")).unwrap();
        let found = json_findings(&s);
        assert_eq!(found.len(), 1, "{status}: {found:#?}");
        assert_eq!(found[0]["rule"], "dangling-link");
        assert_eq!(found[0]["line"], 2);
    }
}

/// Prose that mentions a record, or states a supersession in a sentence, asks nothing of the
/// record it names; a link line of the kind `adr` writes in pairs does.
#[test]
fn prose_about_a_record_is_no_one_sided_link() {
    let b = nygard(2, "B", "Accepted", "");
    let s = Log::new()
        .file("0002-b.md", &b)
        .file(
            "0001-a.md",
            nygard(
                1,
                "A",
                "Accepted",
                "\nSee [ADR 2](0002-b.md) for why.\n\nThis ADR supersedes ADR 2 in part.\n",
            ),
        )
        .sandbox();
    assert_eq!(json_findings(&s), Vec::<Value>::new());
    s.adr()
        .args(["check", "--fix", "--no-scope"])
        .assert()
        .stderr("fixed: nothing to repair\n");
    assert_eq!(s.read("doc/adr/0002-b.md"), b);
    s.write(
        "doc/adr/0001-a.md",
        nygard(1, "A", "Accepted", "\nSupersedes [2. B](0002-b.md)\n"),
    );
    let found = json_findings(&s);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "one-sided-link");
    assert_eq!(found[0]["line"], 9);
}

/// One rule id and one severity per problem in every command: what `adr list` prints on
/// stderr is what `adr check` reports.
#[test]
fn list_and_check_name_a_problem_alike() {
    let s = Log::new()
        .file("0001-a.md", "## Status\n\nAccepted\n")
        .file("0002-b.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
        .sandbox();
    let list = s.adr().arg("list").output().unwrap();
    let err = stderr(&list);
    assert!(
        err.contains(
            "warning: doc/adr/0001-a.md:1: no title: the file has no `# Title` heading \
                      and no `title` key [no-title]"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "error: doc/adr/0002-b.md:1: file looks binary (it has NUL bytes) \
                      [unreadable-file]"
        ),
        "{err}"
    );
    assert!(!err.contains("binary-file"), "{err}");
    s.adr().args(["check", "--no-scope"]).assert().stdout(
        "doc/adr/0002-b.md:1: error[unreadable-file]: file looks binary (it has NUL bytes)\n\
         doc/adr/0001-a.md:1: warning[no-title]: no title: the file has no `# Title` heading \
         and no `title` key\n\
         2 records checked: 1 error, 1 warning\n",
    );
}

#[test]
fn an_extra_folder_that_cannot_be_listed_is_unreadable_dir() {
    let s = Log::new()
        .config("dir = \"doc/adr\"\nextra-dirs = [\"lib/adr\"]\n")
        .nygard(1, "A", "Accepted")
        .sandbox();
    s.write("lib/adr", "not a folder");
    let found = json_findings(&s);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "unreadable-dir");
    assert_eq!(found[0]["severity"], "warning");
}

/// `adr check --list-rules` and the README's rules table name every rule.
#[test]
fn every_rule_is_listed_and_documented() {
    let out = Sandbox::new()
        .adr()
        .args(["check", "--list-rules"])
        .output()
        .unwrap();
    let listed = stdout(&out);
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for rule in adr::check::RULES {
        let severity = rule.severity.as_str();
        assert!(
            listed
                .lines()
                .any(|l| l.split_whitespace().take(2).eq([rule.id, severity])),
            "{} not listed: {listed}",
            rule.id
        );
        assert!(
            readme.contains(&format!("| `{}` | {severity} |", rule.id)),
            "{} ({severity}) not in the README's rules table",
            rule.id
        );
    }
}

/// `--color auto` on a terminal (a pty from util-linux `script`): colour unless NO_COLOR is set
/// to something; an empty NO_COLOR does not count (no-color.org).
#[test]
fn no_color_turns_colour_off_on_a_terminal_unless_empty() {
    let s = Log::new().nygard(1, "A", "Maybe").sandbox();
    let adr = env!("CARGO_BIN_EXE_adr");
    let on_a_tty = |no_color: Option<&str>| -> Option<String> {
        let mut cmd = std::process::Command::new("script");
        cmd.current_dir(s.path())
            .args(["-qec", &format!("{adr} check --color auto"), "/dev/null"])
            .env_remove("NO_COLOR");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        let out = cmd.output().ok().filter(|o| o.status.success())?;
        Some(stdout(&out))
    };
    let Some(plain_env) = on_a_tty(None) else {
        eprintln!("skipped: no util-linux `script` to give adr a terminal");
        return;
    };
    assert!(plain_env.contains("\x1b["), "{plain_env:?}");
    assert!(on_a_tty(Some("")).unwrap().contains("\x1b["));
    let off = on_a_tty(Some("1")).unwrap();
    assert!(
        !off.contains('\x1b') && off.contains("unknown-status"),
        "{off:?}"
    );
}

#[test]
fn fix_leaves_a_record_copied_under_two_numbers_to_a_person() {
    // What a kill between `adr renumber 3 42`'s two writes leaves: the record under both names,
    // the record it amends linking back to the old name only.
    let two = nygard(2, "Two", "Accepted", "\nAmended by [3. X](0003-x.md)\n");
    let x = |n| nygard(n, "X", "Accepted", "\nAmends [2. Two](0002-two.md)\n");
    let s = Log::new()
        .config("dir = \"doc/adr\"\nformat = \"nygard\"\n")
        .file("0002-two.md", &two)
        .file("0003-x.md", x(3))
        .file("0042-x.md", x(42))
        .sandbox();
    let out = s.adr().args(["check", "--fix"]).output().unwrap();
    let text = stdout(&out);
    assert!(text.contains("renumber-copy"), "{text}");
    assert!(
        text.contains("0042-x.md holds the same record under number 42"),
        "{text}"
    );
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert_eq!(
        s.read("doc/adr/0002-two.md"),
        two,
        "no link invented for the copy"
    );
    assert_eq!(s.read("doc/adr/0042-x.md"), x(42));
    // Once the person deletes the old copy, --fix points the links at the one kept.
    std::fs::remove_file(s.path().join("doc/adr/0003-x.md")).unwrap();
    s.adr().args(["check", "--fix"]).output().unwrap();
    assert!(
        s.read("doc/adr/0002-two.md").contains("(0042-x.md)"),
        "{}",
        s.read("doc/adr/0002-two.md")
    );
    s.adr().args(["check"]).assert().success();
}

/// Logs kept by hand mark the older record (`Superseded by [2. B](0002-b.md)`) and leave the
/// successor as it was: the relation is whole as written, and no interrupted change leaves an
/// answer without the link it answers. The acting side alone is still reported.
#[test]
fn an_older_record_marked_by_hand_needs_no_link_back_from_its_successor() {
    for (old, answer) in [
        ("Superseded by [2. B](0002-b.md)", "Supersedes"),
        ("Accepted\n\nAmended by [2. B](0002-b.md)", "Amends"),
        // A relation of the team's own, told in the passive, is an answer too.
        (
            "Accepted\n\nInvalidated by [2. B](0002-b.md)",
            "Invalidates",
        ),
    ] {
        let b = nygard(2, "B", "Accepted", "");
        let s = Log::new()
            .nygard(1, "A", old)
            .file("0002-b.md", &b)
            .sandbox();
        assert_eq!(json_findings(&s), Vec::<Value>::new(), "{old}");
        s.adr()
            .args(["check", "--fix", "--no-scope"])
            .assert()
            .code(0)
            .stderr("fixed: nothing to repair\n");
        assert_eq!(s.read("doc/adr/0002-b.md"), b);
        // The acting side without its answer is what an interrupted change leaves.
        s.write("doc/adr/0001-a.md", nygard(1, "A", "Accepted", ""));
        s.write(
            "doc/adr/0002-b.md",
            nygard(
                2,
                "B",
                "Accepted",
                &format!("\n{answer} [1. A](0001-a.md)\n"),
            ),
        );
        let found = json_findings(&s);
        assert_eq!(found.len(), 1, "{answer}: {found:#?}");
        assert_eq!(found[0]["rule"], "one-sided-link");
        assert_eq!(found[0]["severity"], "error");
    }
}

/// "See [ADR 2](...)" in a status section sends the reader on; it asks nothing of record 2,
/// while a relation the log writes in pairs still does.
#[test]
fn a_pointer_to_another_record_needs_no_link_back() {
    for line in [
        "See [ADR 2](0002-b.md)",
        "See also [2. B](0002-b.md)",
        "Cf. [2. B](0002-b.md)",
    ] {
        let s = Log::new()
            .nygard(1, "A", &format!("Accepted\n\n{line}"))
            .nygard(2, "B", "Accepted")
            .sandbox();
        assert_eq!(json_findings(&s), Vec::<Value>::new(), "{line}");
    }
    let s = Log::new()
        .nygard(1, "A", "Accepted\n\nAmends [2. B](0002-b.md)")
        .nygard(2, "B", "Accepted")
        .sandbox();
    let found = json_findings(&s);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "one-sided-link");
}

/// A decision replaced by something outside the log (another repository, a platform's own
/// documentation) names it with a link in its status section; that is its successor.
#[test]
fn a_superseded_record_may_name_its_successor_outside_the_log() {
    let s = Log::new()
        .nygard(
            1,
            "A",
            "Superseded\n\nThe code moved to [the environments repository](https://example.org/env).",
        )
        .sandbox();
    assert_eq!(json_findings(&s), Vec::<Value>::new());
    // Naming nothing is still a finding.
    s.write("doc/adr/0001-a.md", nygard(1, "A", "Superseded", ""));
    let found = json_findings(&s);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["rule"], "superseded-without-successor");
}

/// A log with a duplicate number among six unfilled templates: the error comes first, the six
/// placeholder findings take one line with their count; `--verbose` and `--rule` list them,
/// and machine output always carries every finding.
#[test]
fn errors_come_first_and_a_rule_repeated_across_the_log_takes_one_line() {
    let s = nygard_repo(&["A", "B", "C", "D", "E", "F"]);
    s.write("doc/adr/0004-copy.md", nygard(4, "Copy", "Accepted", ""));
    let out = s.adr().args(["check", "--no-scope"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].contains("error[duplicate-number]")
            && lines[1].contains("error[duplicate-number]"),
        "{text}"
    );
    assert!(
        lines[2].starts_with("warning[placeholder-text]: 6 records: template placeholder text")
            && lines[2].contains("first doc/adr/0002-a.md:")
            && lines[2].contains("`adr check --rule placeholder-text` lists them"),
        "{text}"
    );
    assert_eq!(
        lines[3], "8 records checked: 2 errors, 6 warnings",
        "{text}"
    );
    assert_eq!(lines.len(), 4, "{text}");

    let verbose = stdout(
        &s.adr()
            .args(["check", "--no-scope", "-v"])
            .output()
            .unwrap(),
    );
    assert_eq!(
        verbose.matches("warning[placeholder-text]: record").count(),
        6,
        "{verbose}"
    );

    // `--rule` narrows the run, its listing and its exit code.
    let out = s
        .adr()
        .args(["check", "--no-scope", "--rule", "placeholder-text"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let only = stdout(&out);
    assert_eq!(
        only.matches("warning[placeholder-text]: record").count(),
        6,
        "{only}"
    );
    assert!(!only.contains("duplicate-number"), "{only}");
    assert!(
        only.ends_with("8 records checked: 0 errors, 6 warnings\n"),
        "{only}"
    );
    s.adr()
        .args(["check", "--rule", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown rule `no-such-rule`"));

    assert_eq!(json_findings(&s).len(), 8);
}

/// The errors check reports on the corpus are the ones a person keeping those logs would want
/// to know of: two Rust RFCs numbered 2071. Before, an older record marked `Superseded by` by
/// hand was an error whenever its successor did not answer (govuk-aws 0004, cloud-platform 021).
#[test]
fn corpus_errors_are_only_true_problems() {
    let Some(root) = corpus() else { return };
    let mut errors = Vec::new();
    for dir in corpus_log_dirs(&root) {
        let out = Sandbox::new()
            .adr()
            .arg("--dir")
            .arg(&dir)
            .args(["check", "--format", "json", "--no-scope"])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        for f in v["findings"].as_array().unwrap() {
            if f["severity"] == "error" {
                let path = std::path::Path::new(f["path"].as_str().unwrap());
                let path = path.strip_prefix(&root).unwrap_or(path);
                errors.push(format!(
                    "{} {}",
                    path.display(),
                    f["rule"].as_str().unwrap()
                ));
            }
        }
    }
    errors.sort();
    assert_eq!(
        errors,
        [
            "rust-lang__rfcs/text/2071-impl-trait-existential-types.md duplicate-number",
            "rust-lang__rfcs/text/2071-impl-trait-type-alias.md duplicate-number",
        ],
        "a new error on the corpus: is the record wrong as its author wrote it? If not, fix check"
    );
}
