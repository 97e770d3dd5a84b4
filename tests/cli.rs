//! The foundation commands, run as a user runs them: the real binary in a temp dir.

mod common;

use common::{Sandbox, corpus, stderr, stdout};
use predicates::prelude::*;
use std::collections::BTreeSet;

const ADR_TOOLS_INIT: &str = "# 1. Record architecture decisions

Date: 1992-01-12

## Status

Accepted

## Context

We need to record the architectural decisions made on this project.

## Decision

We will use Architecture Decision Records, as [described by Michael Nygard](http://thinkrelevance.com/blog/2011/11/15/documenting-architecture-decisions).

## Consequences

See Michael Nygard's article, linked above. For a lightweight ADR toolset, see Nat Pryce's [adr-tools](https://github.com/npryce/adr-tools).
";

#[test]
fn cli_definition_is_consistent() {
    use clap::CommandFactory;
    adr::cli::Cli::command().debug_assert();
}

#[test]
fn init_writes_adr_tools_first_record_in_every_format() {
    for format in ["structured", "nygard", "madr"] {
        let s = Sandbox::new();
        s.adr()
            .args(["init", "--format", format])
            .assert()
            .success()
            .stdout("doc/adr/0001-record-architecture-decisions.md\n");
        assert_eq!(
            s.read("doc/adr/0001-record-architecture-decisions.md"),
            ADR_TOOLS_INIT
        );
        let config = s.read(".adr.toml");
        assert!(
            config.contains(&format!("format = \"{format}\"")),
            "{config}"
        );
        assert!(config.contains("dir = \"doc/adr\""), "{config}");
    }
}

#[test]
fn init_into_a_named_directory_writes_adr_dir_for_adr_tools() {
    let s = Sandbox::new();
    s.adr()
        .args(["init", "decisions"])
        .assert()
        .success()
        .stdout("decisions/0001-record-architecture-decisions.md\n");
    assert_eq!(s.read(".adr-dir"), "decisions\n");
    s.adr()
        .args(["new", "Use Rust"])
        .assert()
        .success()
        .stdout("decisions/0002-use-rust.md\n");
}

#[test]
fn new_uses_the_configured_format_template() {
    let s = Sandbox::new();
    s.adr()
        .args(["init", "--format", "nygard"])
        .assert()
        .success();
    s.adr()
        .args(["new", "Use", "MySQL", "Database"])
        .assert()
        .success()
        .stdout("doc/adr/0002-use-mysql-database.md\n");
    assert_eq!(
        s.read("doc/adr/0002-use-mysql-database.md"),
        "# 2. Use MySQL Database\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n## Context\n\n\
         The issue motivating this decision, and any context that influences or constrains the \
         decision.\n\n## Decision\n\nThe change that we're proposing or have agreed to \
         implement.\n\n## Consequences\n\nWhat becomes easier or more difficult to do and any \
         risks introduced by the change that will need to be mitigated.\n"
    );

    let s = Sandbox::new();
    s.adr()
        .args(["init", "--format", "madr"])
        .assert()
        .success();
    s.adr().args(["new", "Pick a queue"]).assert().success();
    let madr = s.read("doc/adr/0002-pick-a-queue.md");
    assert!(
        madr.starts_with("---\nstatus: proposed\ndate: 1992-01-12\n"),
        "{madr}"
    );
    assert!(madr.contains("\n# Pick a queue\n"));
    assert!(madr.contains("## Considered Options"));
    assert!(madr.contains("## Pros and Cons of the Options"));
}

#[test]
fn structured_record_round_trips_through_show_json() {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    s.adr()
        .args([
            "new",
            "--tag",
            "storage",
            "--tag",
            "ops",
            "--scope",
            "src/db/**",
            "--decider",
            "Ana",
            "Store",
            "events",
            "in",
            "Postgres",
        ])
        .assert()
        .success()
        .stdout("doc/adr/0002-store-events-in-postgres.md\n");
    let out = s
        .adr()
        .args(["show", "2", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["number"], 2);
    assert_eq!(v["title"], "Store events in Postgres");
    assert_eq!(v["status"]["state"], "proposed");
    assert_eq!(v["date"], "1992-01-12");
    assert_eq!(v["tags"], serde_json::json!(["storage", "ops"]));
    assert_eq!(v["scope"], serde_json::json!(["src/db/**"]));
    assert_eq!(v["deciders"], serde_json::json!(["Ana"]));
    assert_eq!(v["format"], "structured");
    assert_eq!(
        v["quality_attributes"][0]["scenario"]["stimulus"],
        "{the event that arrives}"
    );
    assert_eq!(v["options"].as_array().unwrap().len(), 2);
    assert_eq!(v["options"][0]["tradeoffs"][0]["effect"], "positive");
}

#[test]
fn non_ascii_titles_give_readable_slugs() {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    s.adr()
        .args(["new", "添加 E2E 测试"])
        .assert()
        .success()
        .stdout("doc/adr/0002-添加-e2e-测试.md\n");
    s.adr()
        .args(["list", "--format", "json"])
        .assert()
        .stdout(predicate::str::contains("\"title\": \"添加 E2E 测试\""));
}

#[test]
fn new_without_a_title_fails_like_adr_tools() {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    s.adr()
        .arg("new")
        .assert()
        .code(2)
        .stderr("ERROR: no title given\n");
    s.adr()
        .args(["new", "bad\ntitle"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("control characters"));
    assert_eq!(s.files("doc/adr").len(), 1, "nothing was written");
}

#[test]
fn template_lookup_prefers_env_then_project_then_builtin() {
    let s = Sandbox::new();
    s.adr()
        .args(["init", "--format", "nygard"])
        .assert()
        .success();
    s.write(
        "doc/adr/templates/template.md",
        "project NUMBER TITLE DATE STATUS\n",
    );
    s.write("custom.md", "env NUMBER TITLE\n");
    s.adr().args(["new", "First"]).assert().success();
    assert_eq!(
        s.read("doc/adr/0002-first.md"),
        "project 2 First 1992-01-12 Accepted\n"
    );
    let custom = s.path().join("custom.md");
    s.adr()
        .env("ADR_TEMPLATE", &custom)
        .args(["new", "Second"])
        .assert()
        .success();
    assert_eq!(s.read("doc/adr/0003-second.md"), "env 3 Second\n");
    // The templates folder is not a record.
    let out = s.adr().arg("list").output().unwrap();
    assert_eq!(stdout(&out).lines().count(), 3);
}

#[test]
fn numbering_continues_after_the_highest_number_despite_gaps() {
    let s = Sandbox::new();
    s.adr()
        .args(["init", "--format", "nygard"])
        .assert()
        .success();
    s.write("doc/adr/0005-five.md", "# 5. Five\n");
    s.write("doc/adr/0003-three.md", "# 3. Three\n");
    s.adr()
        .args(["new", "Six"])
        .assert()
        .success()
        .stdout("doc/adr/0006-six.md\n");
}

#[test]
fn format_comes_from_env_then_config_then_records() {
    let s = Sandbox::new();
    // No config: the newest record's format (nygard) is used.
    s.write(
        "doc/adr/0001-first.md",
        "# 1. First\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n",
    );
    s.adr().args(["new", "Second"]).assert().success();
    assert!(
        s.read("doc/adr/0002-second.md")
            .starts_with("# 2. Second\n")
    );
    s.adr()
        .env("ADR_FORMAT", "madr")
        .args(["new", "Third"])
        .assert()
        .success();
    assert!(s.read("doc/adr/0003-third.md").contains("decision-makers:"));
    s.adr()
        .env("ADR_FORMAT", "yaml")
        .args(["new", "Fourth"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "ADR_FORMAT=`yaml` is not a format",
        ));
}

#[test]
fn visual_is_preferred_to_editor_and_empty_means_unset() {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    let script = |name: &str| {
        let p = s.write(
            &format!("bin/{name}"),
            format!("#!/bin/sh\necho {name} \"$1\" >> \"$(dirname \"$0\")/../edited\"\n"),
        );
        let mut perm = std::fs::metadata(&p).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o755);
        std::fs::set_permissions(&p, perm).unwrap();
        p
    };
    let visual = script("visual");
    let editor = script("editor");
    s.adr()
        .env("VISUAL", &visual)
        .env("EDITOR", &editor)
        .args(["new", "One"])
        .assert()
        .success()
        .stdout("doc/adr/0002-one.md\n");
    s.adr()
        .env("VISUAL", "")
        .env("EDITOR", &editor)
        .args(["new", "Two"])
        .assert()
        .success();
    s.adr().args(["new", "Three"]).assert().success();
    assert_eq!(
        s.read("edited"),
        "visual doc/adr/0002-one.md\neditor doc/adr/0003-two.md\n"
    );
    // An editor that fails keeps the record and says so.
    s.adr()
        .env("EDITOR", "false")
        .args(["new", "Four"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the record was kept at doc/adr/0005-four.md",
        ));
    assert!(s.path().join("doc/adr/0005-four.md").is_file());
}

#[test]
fn paths_are_printed_relative_to_a_subfolder() {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    std::fs::create_dir_all(s.path().join("src/deep")).unwrap();
    s.adr_in("src/deep")
        .args(["new", "From", "below"])
        .assert()
        .success()
        .stdout("../../doc/adr/0002-from-below.md\n");
    s.adr_in("src/deep").arg("list").assert().success().stdout(
        "../../doc/adr/0001-record-architecture-decisions.md\n../../doc/adr/0002-from-below.md\n",
    );
}

#[test]
fn list_filters_by_status_and_tag_and_prints_json_and_tables() {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    s.adr()
        .args(["new", "--tag", "db", "Use Postgres"])
        .assert()
        .success();
    s.adr()
        .args([
            "new",
            "--tag",
            "db",
            "--tag",
            "ops",
            "--status",
            "accepted",
            "Back up nightly",
        ])
        .assert()
        .success();
    s.adr()
        .args(["list", "--status", "proposed"])
        .assert()
        .success()
        .stdout("doc/adr/0002-use-postgres.md\n");
    s.adr()
        .args(["list", "--tag", "db", "--tag", "ops"])
        .assert()
        .success()
        .stdout("doc/adr/0003-back-up-nightly.md\n");
    s.adr()
        .args(["list", "--status", "Accepted"])
        .assert()
        .stdout("doc/adr/0001-record-architecture-decisions.md\ndoc/adr/0003-back-up-nightly.md\n");
    let out = s.adr().args(["list", "--format", "json"]).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
    assert_eq!(v[1]["number"], 2);
    assert_eq!(v[1]["status"], "proposed");
    assert_eq!(v[1]["path"], "doc/adr/0002-use-postgres.md");
    assert_eq!(v[2]["tags"], serde_json::json!(["db", "ops"]));
    s.adr().args(["list", "--long"]).assert().success().stdout(
        "NUMBER  DATE        STATUS    TITLE\n\
         0001    1992-01-12  accepted  Record architecture decisions\n\
         0002    1992-01-12  proposed  Use Postgres\n\
         0003    1992-01-12  accepted  Back up nightly\n",
    );
}

#[test]
fn show_finds_records_by_number_file_name_or_title_fragment() {
    let s = Sandbox::new();
    s.adr()
        .args(["init", "--format", "nygard"])
        .assert()
        .success();
    s.adr().args(["new", "Use Postgres"]).assert().success();
    s.adr().args(["new", "Use Redis"]).assert().success();
    for reference in [
        "2",
        "0002-use-postgres.md",
        "postgres",
        "doc/adr/0002-use-postgres.md",
    ] {
        s.adr()
            .args(["show", reference])
            .assert()
            .success()
            .stdout(predicate::str::starts_with("0002 Use Postgres\n"));
    }
    s.adr()
        .args(["show", "use"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`use` matches 2 records"));
    s.adr()
        .args(["show", "42"])
        .assert()
        .code(2)
        .stderr("error: no decision record matches `42`\n");
}

#[test]
fn parallel_new_runs_never_share_a_number() {
    let s = Sandbox::new();
    s.adr()
        .args(["init", "--format", "nygard"])
        .assert()
        .success();
    std::thread::scope(|scope| {
        for worker in 0..2 {
            let s = &s;
            scope.spawn(move || {
                for i in 0..50 {
                    s.adr()
                        .args(["new", &format!("worker {worker} record {i}")])
                        .assert()
                        .success();
                }
            });
        }
    });
    let files = s.files("doc/adr");
    assert_eq!(files.len(), 101, "init record plus 100 new ones");
    let numbers: BTreeSet<&str> = files.iter().map(|f| &f[..4]).collect();
    assert_eq!(numbers.len(), 101, "every number distinct: {files:?}");
    assert!(
        !files.iter().any(|f| f.starts_with(".adr-tmp")),
        "no temp files left"
    );
}

#[test]
fn completions_man_page_and_schema_come_from_the_cli() {
    let s = Sandbox::new();
    s.adr()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("supersedes"));
    s.adr()
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::contains(".TH adr 1"));
    let out = s.adr().arg("schema").output().unwrap();
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(schema["properties"]["quality_attributes"].is_object());
}

/// `adr completions bash | head -0`: the reader is gone before the script is written. That is
/// a quiet exit 0, never a panic (exit 101).
#[test]
fn output_into_a_closed_pipe_exits_quietly() {
    let s = Sandbox::new();
    for args in [&["completions", "bash"][..], &["man"][..], &["schema"][..]] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_adr"))
            .current_dir(s.path())
            .env_clear()
            .env("HOME", s.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{args:?}");
    }
}

#[test]
fn a_missing_file_is_reported_once_with_its_path() {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    let out = s
        .adr()
        .env("ADR_TEMPLATE", "no-such-template.md")
        .args(["new", "X"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("error: no-such-template.md: "), "{err}");
    assert_eq!(err.matches("(os error 2)").count(), 1, "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

// --- bad input -------------------------------------------------------------------------------

fn broken_repo(file: &str, bytes: &[u8]) -> Sandbox {
    let s = Sandbox::new();
    s.adr()
        .args(["init", "--format", "nygard"])
        .assert()
        .success();
    s.write(&format!("doc/adr/{file}"), bytes);
    s
}

#[test]
fn invalid_yaml_is_reported_with_file_and_line_and_the_record_still_listed() {
    let s = broken_repo(
        "0002-bad-yaml.md",
        b"---\nstatus: accepted\ntitle: ADR002: colon trouble\n---\n\nBody\n",
    );
    // An unquoted `: ` in a value is read as a person reads it, with a warning at its line.
    let out = s.adr().arg("list").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("doc/adr/0002-bad-yaml.md"));
    assert!(
        stderr(&out)
            .contains("warning: doc/adr/0002-bad-yaml.md:3: front matter is not valid YAML"),
        "{}",
        stderr(&out)
    );
    let json = stdout(
        &s.adr()
            .args(["show", "2", "--format", "json"])
            .output()
            .unwrap(),
    );
    assert!(json.contains("\"colon trouble\""), "{json}");
    // YAML that no reading can mend is an error, and the record is still listed.
    s.write(
        "doc/adr/0002-bad-yaml.md",
        b"---\nstatus: accepted\ntags: [a, b\ntitle: ADR002: colon trouble\n---\n\nBody\n",
    );
    let out = s.adr().arg("list").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(stdout(&out).contains("doc/adr/0002-bad-yaml.md"));
    assert!(
        stderr(&out).contains("error: doc/adr/0002-bad-yaml.md:"),
        "{}",
        stderr(&out)
    );
    // What can be read line by line is still read.
    s.adr()
        .args(["show", "2"])
        .assert()
        .code(3)
        .stdout(predicate::str::starts_with("0002 colon trouble\n"));
}

#[test]
fn a_status_change_on_invalid_yaml_names_the_yaml_error_and_its_line() {
    let s = broken_repo(
        "0002-bad-yaml.md",
        b"---\nstatus: accepted\ntitle: a: b\n---\n\nBody\n",
    );
    let out = s
        .adr()
        .args(["status", "2", "deprecated"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "doc/adr/0002-bad-yaml.md:3: the front matter is not valid YAML: mapping values"
        ),
        "{err}"
    );
}

#[test]
fn invalid_utf8_is_reported_with_its_line() {
    let s = broken_repo("0002-latin1.md", b"# 2. Caf\xe9\n\n## Status\n\nAccepted\n");
    s.adr()
        .arg("list")
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "error: doc/adr/0002-latin1.md:1: invalid UTF-8 at byte 8",
        ));
}

#[test]
fn binary_and_empty_files_are_reported_not_dropped() {
    let s = broken_repo("0002-binary.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    s.write("doc/adr/0003-empty.md", b"");
    let out = s.adr().arg("list").output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(stdout(&out).lines().count(), 3, "{}", stdout(&out));
    let err = stderr(&out);
    assert!(
        err.contains("doc/adr/0002-binary.md:1: file looks binary"),
        "{err}"
    );
    assert!(
        err.contains("doc/adr/0003-empty.md:1: file is empty"),
        "{err}"
    );
}

#[test]
fn a_huge_record_is_refused_without_reading_it() {
    let s = broken_repo("0002-huge.md", b"");
    let f = std::fs::File::create(s.path().join("doc/adr/0002-huge.md")).unwrap();
    f.set_len(9 * 1024 * 1024).unwrap();
    s.adr()
        .arg("list")
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "doc/adr/0002-huge.md: file is 9437184 bytes, over the 8 MiB limit",
        ));
}

#[test]
fn a_missing_directory_is_an_error_naming_it() {
    let s = Sandbox::new();
    s.adr().arg("list").assert().code(2).stderr(
        "error: decision directory doc/adr does not exist (run `adr init` first, or pass --dir)\n",
    );
    s.adr()
        .args(["--dir", "nowhere", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nowhere does not exist"));
}

/// adr-tools' `adr list` answers `The DIR directory does not exist`; an adr-tools repository
/// (a `.adr-dir`, or `ADR_FORMAT=nygard`) gets those words, still as a failure. A repository
/// configured for another format keeps this tool's message.
#[test]
fn a_missing_directory_is_named_in_adr_tools_words_for_adr_tools() {
    let s = Sandbox::new();
    s.write(".adr-dir", "decisions\n");
    s.adr()
        .arg("list")
        .assert()
        .code(2)
        .stdout("")
        .stderr("The decisions directory does not exist\n");

    let s = Sandbox::new();
    s.adr()
        .arg("list")
        .env("ADR_FORMAT", "nygard")
        .assert()
        .code(2)
        .stderr("The doc/adr directory does not exist\n");

    let s = Sandbox::new();
    s.write(".adr-dir", "decisions\n");
    s.write(".adr.toml", "dir = \"decisions\"\nformat = \"madr\"\n");
    s.adr()
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "error: decision directory decisions does not exist",
        ));
}

#[test]
fn a_broken_config_names_the_file_and_line() {
    let s = Sandbox::new();
    s.write(".adr.toml", "dir = \"doc/adr\"\nformat = [oops\n");
    s.adr()
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: .adr.toml:2: "));
    s.write(".adr.toml", "format = \"rst\"\n");
    s.adr()
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown format `rst`"));
}

// --- the real-world corpus -------------------------------------------------------------------

/// Folders of the corpus that hold records, found by looking at file names only.
fn corpus_record_dirs(root: &std::path::Path) -> Vec<std::path::PathBuf> {
    let looks_like_record = |name: &str| {
        let n = name
            .trim_start_matches("adr")
            .trim_start_matches(['-', '_']);
        n.starts_with(|c: char| c.is_ascii_digit())
    };
    let mut dirs = BTreeSet::new();
    for entry in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
    {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.ends_with(".md") && looks_like_record(&name) {
            dirs.insert(entry.path().parent().unwrap().to_path_buf());
        }
        if entry.file_type().is_file() && name == "README.md" {
            let folder = entry.path().parent().unwrap();
            let folder_name = folder.file_name().unwrap().to_string_lossy();
            if looks_like_record(&folder_name) {
                dirs.insert(folder.parent().unwrap().to_path_buf());
            }
        }
    }
    dirs.into_iter().collect()
}

#[test]
fn every_corpus_record_is_listed_with_number_and_title_or_a_diagnostic() {
    let Some(root) = corpus() else { return };
    let dirs = corpus_record_dirs(&root);
    assert!(dirs.len() >= 11, "found {dirs:?}");
    let mut total = 0;
    for dir in dirs {
        let out = Sandbox::new()
            .adr()
            .arg("--dir")
            .arg(&dir)
            .args(["list", "--format", "json"])
            .output()
            .unwrap();
        let err = stderr(&out);
        assert!(
            matches!(out.status.code(), Some(0 | 3)),
            "{}: exit {:?}\n{err}",
            dir.display(),
            out.status.code()
        );
        assert!(!err.contains("panicked"), "{err}");
        let listed: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        for r in &listed {
            let path = r["path"].as_str().unwrap();
            let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
            let has_heading = text.lines().any(|l| l.starts_with("# "));
            let has_title_key = text.lines().take(10).any(|l| l.starts_with("title:"));
            if has_heading || has_title_key {
                assert!(
                    !r["title"].is_null() || err.contains(path),
                    "{path}: title lost"
                );
            } else {
                assert!(
                    !r["title"].is_null() || err.contains(&format!("{path}:1: no title")),
                    "{path}: no title and no diagnostic"
                );
            }
            let name = std::path::Path::new(path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string();
            let numbered = name
                .trim_start_matches("adr")
                .trim_start_matches('-')
                .starts_with(|c: char| c.is_ascii_digit())
                && !path.ends_with("README.md");
            if numbered && !name.chars().take(9).all(|c| c.is_ascii_digit() || c == '-') {
                assert!(r["number"].is_u64(), "{path}: number lost");
            }
        }
        // No record file is dropped: every Markdown file with a record name is listed.
        let on_disk = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| {
                let n = e.file_name().to_string_lossy().to_string();
                n.ends_with(".md") && !n.eq_ignore_ascii_case("README.md")
            })
            .count();
        let listed_files = listed
            .iter()
            .filter(|r| !r["path"].as_str().unwrap().ends_with("README.md"))
            .count();
        assert!(
            listed_files >= on_disk,
            "{}: {listed_files} listed of {on_disk}",
            dir.display()
        );
        total += listed.len();
    }
    assert!(total > 1000, "read {total} records");
}

#[test]
fn corpus_statuses_are_normalised_with_the_raw_text_kept() {
    let Some(root) = corpus() else { return };
    let dir = root.join("ministryofjustice__cloud-platform/architecture-decision-record");
    let out = Sandbox::new()
        .adr()
        .arg("--dir")
        .arg(&dir)
        .args(["show", "3", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"]["state"], "accepted");
    assert_eq!(v["status"]["raw"], "✅ Accepted");
    assert_eq!(v["date_iso"], "2018-03-28");
    let dir = root.join("alphagov__govuk-aws/docs/architecture/decisions");
    let out = Sandbox::new()
        .adr()
        .arg("--dir")
        .arg(&dir)
        .args(["show", "4", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["status"]["state"], "superseded");
    assert_eq!(v["links"][0]["kind"], "superseded-by");
    assert_eq!(v["links"][0]["target"], "0015-dns-infrastructure.md");
}

#[test]
fn repositories_are_found_from_their_own_config_files() {
    let Some(root) = corpus() else { return };
    // .adr-dir (adr-tools), .adr.json (phodal/adr) and .log4brains.yml with packages.
    for (repo, expect) in [
        ("alphagov__govuk-aws", 38),
        ("phodal__adr", 24),
        ("thomvaill__log4brains", 17),
    ] {
        let out = assert_cmd::Command::cargo_bin("adr")
            .unwrap()
            .current_dir(root.join(repo))
            .args(["list"])
            .output()
            .unwrap();
        assert_eq!(
            stdout(&out).lines().count(),
            expect,
            "{repo}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn man_out_writes_a_page_for_every_page_the_man_pages_refer_to() {
    let sb = Sandbox::new();
    sb.adr().args(["man", "--out", "man"]).assert().success();
    let pages = sb.files("man");
    for want in [
        "adr.1",
        "adr-new.1",
        "adr-check.1",
        "adr-generate-toc.1",
        "adr-site-build.1",
    ] {
        assert!(pages.contains(&want.to_string()), "{want} in {pages:?}");
    }
    // Every `adr-x(1)` a page names in SEE ALSO is a page that exists.
    for page in &pages {
        let text = sb.read(&format!("man/{page}")).replace('\\', "");
        for (at, _) in text.match_indices("(1)") {
            let name: String = text[..at]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if name.starts_with("adr") {
                assert!(
                    pages.contains(&format!("{name}.1")),
                    "{page} refers to {name}(1)"
                );
            }
        }
    }
    let new_page = sb.read("man/adr-new.1");
    assert!(
        new_page.contains("supersedes"),
        "adr-new(1) documents its flags"
    );
}
