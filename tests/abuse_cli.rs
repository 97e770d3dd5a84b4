//! Hostile inputs against the command line (issue 19's CLI items), against the real binary:
//! reviews that must stay linear and right whatever the file names, records with a byte-order
//! mark, temporary files left by a kill, look-alike records, terminal escapes in titles, and
//! templates or folders that lead outside the repository.

mod common;

use common::{Sandbox, stderr, stdout};
use serde_json::Value;

fn git(s: &Sandbox, args: &[&str]) {
    common::git(s.path(), args);
}

fn review_json(s: &Sandbox) -> Value {
    let out = s
        .adr()
        .args(["review", "--base", "main", "--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(&out), stderr(&out)))
}

fn findings(v: &Value, rule: &str) -> Vec<Value> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .cloned()
        .collect()
}

/// Item 3: many superseded records scoped to the same code, and a change touching much of it.
/// Each file is matched once against one compiled set, and its finding names a few of the
/// stale decisions and counts the rest: the answer grows with files + records, not their
/// product (bench/review.sh ... scoped measures the time).
#[test]
fn review_of_many_stale_scopes_and_many_files_names_a_few_and_counts_the_rest() {
    let s = Sandbox::new();
    git(&s, &["init", "-q", "-b", "main"]);
    s.write(".adr.toml", "dir = \"doc/adr\"\n");
    let n = 40;
    for i in 1..=n {
        s.write(
            &format!("doc/adr/{i:04}-old-{i}.md"),
            format!(
                "---\nstatus: superseded\nscope: [\"src/**\", \"src/m{}/**\"]\nlinks:\n  - \
                 {{type: superseded-by, target: 0099-new.md}}\n---\n# Old {i}\n",
                i % 4
            ),
        );
    }
    let back: String = (1..=n)
        .map(|i| format!("  - {{type: supersedes, target: {i:04}-old-{i}.md}}\n"))
        .collect();
    s.write(
        "doc/adr/0099-new.md",
        format!("---\nstatus: accepted\nscope: [\"src/m0/a0.rs\"]\nlinks:\n{back}---\n# New\n"),
    );
    let files = 60;
    for j in 0..files {
        s.write(&format!("src/m{}/a{j}.rs", j % 4), "// base\n");
    }
    git(&s, &["add", "-A"]);
    git(&s, &["commit", "-q", "-m", "base"]);
    git(&s, &["checkout", "-q", "-b", "feature"]);
    for j in 0..files {
        s.write(&format!("src/m{}/a{j}.rs", j % 4), "// changed\n");
    }
    let v = review_json(&s);
    let stale = findings(&v, "governed-by-stale-decision");
    // src/m0/a0.rs has a decision in force; every other file only stale ones.
    assert_eq!(stale.len(), files - 1, "{v:#}");
    assert!(stale.iter().all(|f| f["path"] != "src/m0/a0.rs"));
    let message = stale[0]["message"].as_str().unwrap();
    assert_eq!(
        message,
        "governed only by decisions that no longer hold: 0001 Old 1, 0002 Old 2, 0003 Old 3, \
         0004 Old 4, 0005 Old 5 and 35 more (is a new decision needed?)"
    );
    let governing = v["governing"].as_array().unwrap();
    assert_eq!(governing.len(), 1, "{v:#}");
    assert_eq!(governing[0]["files"], serde_json::json!(["src/m0/a0.rs"]));
}

/// Item 7: a record file whose name holds a newline. The merge-base side is read by object id,
/// never as `rev:path` lines, so that name cannot shift the answers for the records after it.
#[test]
fn review_reads_every_record_right_after_a_file_name_with_a_newline() {
    let s = Sandbox::new();
    git(&s, &["init", "-q", "-b", "main"]);
    s.write(".adr.toml", "dir = \"doc/adr\"\n");
    let names = [
        "0001-first.md",
        "0002-new\nline.md",
        "0003-third.md",
        "0004-fourth.md",
    ];
    let record = |title: &str, status: &str| format!("---\nstatus: {status}\n---\n# {title}\n");
    let titles = ["First", "Split name", "Third", "Fourth"];
    for (name, title) in names.iter().zip(titles) {
        s.write(&format!("doc/adr/{name}"), record(title, "accepted"));
    }
    git(&s, &["add", "-A"]);
    git(&s, &["commit", "-q", "-m", "base"]);
    git(&s, &["checkout", "-q", "-b", "feature"]);
    for (name, title) in names.iter().zip(titles).skip(1) {
        s.write(&format!("doc/adr/{name}"), record(title, "deprecated"));
    }
    let check = |v: &Value| {
        assert_eq!(v["added"], serde_json::json!([]), "{v:#}");
        let mut moves: Vec<(String, String, String)> = v["status_changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                let s = |x: &Value| x.as_str().unwrap_or("").to_string();
                (s(&m["record"]["title"]), s(&m["from"]), s(&m["to"]))
            })
            .collect();
        moves.sort();
        let want: Vec<(String, String, String)> = ["Fourth", "Split name", "Third"]
            .iter()
            .map(|t| (t.to_string(), "accepted".into(), "deprecated".into()))
            .collect();
        assert_eq!(moves, want, "{v:#}");
    };
    // Against the work tree, and against a head commit (both sides read from git).
    check(&review_json(&s));
    git(&s, &["commit", "-q", "-am", "deprecate"]);
    let out = s
        .adr()
        .args([
            "review", "--base", "main", "--head", "feature", "--format", "json",
        ])
        .output()
        .unwrap();
    check(&serde_json::from_slice(&out.stdout).unwrap());
}

/// Item 8: a UTF-8 byte-order mark (as Notepad writes) before `# Title` in a file with no
/// front matter, and before front matter. The mark is taken off where the bytes are read, for
/// every layout, and an edit writes it back with the rest of the file's bytes.
#[test]
fn a_byte_order_mark_keeps_the_title_and_survives_an_edit() {
    let s = Sandbox::new();
    s.write(".adr.toml", "dir = \"doc/adr\"\n");
    let heading = "\u{feff}# 1. Use Postgres\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n\
                   ## Context\n\nWe store events.\n";
    let front = "\u{feff}---\nstatus: accepted\ndate: 2024-01-02\n---\n# Use Kafka\n\nText.\n";
    s.write("doc/adr/0001-use-postgres.md", heading);
    s.write("doc/adr/0002-use-kafka.md", front);
    let out = s.adr().args(["list", "--format", "json"]).output().unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let titles: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(titles, ["Use Postgres", "Use Kafka"], "{}", stderr(&out));
    let out = s
        .adr()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert!(!stdout(&out).contains("no-title"), "{}", stdout(&out));

    s.adr()
        .args(["link", "2", "Amends", "1", "Amended by"])
        .assert()
        .success();
    let first = std::fs::read(s.path().join("doc/adr/0001-use-postgres.md")).unwrap();
    let second = std::fs::read(s.path().join("doc/adr/0002-use-kafka.md")).unwrap();
    assert!(first.starts_with("\u{feff}# 1. Use Postgres\n".as_bytes()));
    assert!(second.starts_with("\u{feff}---\nstatus: accepted\n".as_bytes()));
    // Only the link line was added: everything else is the file as it was.
    assert_eq!(
        String::from_utf8(first).unwrap(),
        heading.replace(
            "Accepted\n",
            "Accepted\n\nAmended by [2. Use Kafka](0002-use-kafka.md)\n"
        )
    );
    s.adr()
        .args(["status", "1", "deprecated", "--force"])
        .assert()
        .success();
    let first = s.read("doc/adr/0001-use-postgres.md");
    assert!(first.starts_with("\u{feff}# 1. Use Postgres\n"), "{first}");
}

/// Item 11: `adr new Spike` twice gives two records alike in all but their number. That is not
/// an interrupted renumber (which `--fix` could not fix anyway): only a renumber's evidence —
/// the same record, other records linking to one copy by the old name — is reported.
#[test]
fn the_same_title_twice_is_two_records_not_an_interrupted_renumber() {
    let s = Sandbox::new();
    s.write(".adr.toml", "dir = \"doc/adr\"\nformat = \"nygard\"\n");
    s.adr().args(["init"]).assert().success();
    s.adr().args(["new", "Spike"]).assert().success();
    s.adr().args(["new", "Spike"]).assert().success();
    let out = s
        .adr()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings(&v, "renumber-copy"), Vec::<Value>::new(), "{v:#}");
    assert_eq!(out.status.code(), Some(0), "{v:#}");

    // A renumber of a linked record killed between its two writes still is one.
    s.adr()
        .args(["link", "2", "Amends", "1", "Amended by"])
        .assert()
        .success();
    let out = s
        .adr()
        .args(["renumber", "2", "9"])
        .env("ADR_FAILPOINT", "after-write-1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(86), "{}", stderr(&out));
    let out = s
        .adr()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let copies: Vec<String> = findings(&v, "renumber-copy")
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        copies,
        ["doc/adr/0002-spike.md", "doc/adr/0009-spike.md"],
        "{v:#}"
    );
}

/// Item 12: a title and a status holding terminal escapes (ESC sequences that retitle the
/// window or clear the screen, a C1 control) and bidirectional overrides. Every human output
/// shows them escaped; none reaches the terminal raw. `adr new` refuses such a title.
#[test]
fn terminal_escapes_in_titles_and_statuses_are_shown_never_sent() {
    let s = Sandbox::new();
    s.write(".adr.toml", "dir = \"doc/adr\"\n");
    s.write(
        "doc/adr/0001-evil.md",
        "---\ntitle: \"Evil \\e]0;pwned\\a \\x9b2J \\u202Eexe.txt\"\nstatus: \"\\e[2Jaccepted\"\n\
         ---\n# Ignored\n\nText \\u202E with \u{1b}[31mred\u{1b}[0m.\n",
    );
    let raw = |text: &str| {
        text.chars()
            .any(|c| (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c))
    };
    let runs: [&[&str]; 5] = [
        &["list", "--long"],
        &["show", "1"],
        &["check"],
        &["check", "--format", "github"],
        &["show", "Evil"],
    ];
    for args in runs {
        let out = s.adr().args(args).output().unwrap();
        let (o, e) = (stdout(&out), stderr(&out));
        assert!(!raw(&o), "adr {args:?} sent a control character: {o:?}");
        assert!(
            !raw(&e),
            "adr {args:?} sent a control character on stderr: {e:?}"
        );
        assert!(
            o.contains("\\u{1b}") || e.contains("\\u{1b}"),
            "adr {args:?} does not show the escape: {o:?} {e:?}"
        );
    }
    let out = s.adr().args(["list", "--long"]).output().unwrap();
    assert!(
        stdout(&out).contains("Evil \\u{1b}]0;pwned\\u{7} \\u{9b}2J \\u{202e}exe.txt"),
        "{}",
        stdout(&out)
    );
    // A reference that does not resolve is quoted back escaped too.
    let out = s.adr().args(["show", "nothing\u{1b}[2J"]).output().unwrap();
    assert!(!raw(&stderr(&out)), "{:?}", stderr(&out));

    let before = s.files("doc/adr");
    for title in ["Invoice \u{202e}fdp.exe", "Left \u{2066}isolate\u{2069}"] {
        let out = s.adr().args(["new", title]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("bidirectional-text controls"),
            "{}",
            stderr(&out)
        );
        assert!(!raw(&stderr(&out)), "{:?}", stderr(&out));
    }
    assert_eq!(s.files("doc/adr"), before);
}

/// Item 14: a committed template that links out of the repository, and a config (or a log
/// folder that is a link) that sends new records outside it. The template is refused as a
/// record file would be; writing outside takes `--write-outside-repo`.
#[test]
fn nothing_is_read_from_or_written_outside_the_repository_unless_asked() {
    let s = Sandbox::new();
    s.write("secret.txt", "SECRET KEY\n");
    s.write("repo/.adr.toml", "dir = \"doc/adr\"\n");
    git(&s, &["init", "-q", "-b", "main", "repo"]);
    s.adr_in("repo").args(["new", "First"]).assert().success();
    std::fs::create_dir_all(s.path().join("repo/doc/adr/templates")).unwrap();
    std::os::unix::fs::symlink(
        s.path().join("secret.txt"),
        s.path().join("repo/doc/adr/templates/template.md"),
    )
    .unwrap();
    let before = s.files("repo/doc/adr");
    let out = s.adr_in("repo").args(["new", "Second"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("templates/template.md is a symbolic link to")
            && stderr(&out).contains("outside the repository"),
        "{}",
        stderr(&out)
    );
    assert_eq!(s.files("repo/doc/adr"), before);
    std::fs::remove_file(s.path().join("repo/doc/adr/templates/template.md")).unwrap();

    // A config that points out of the repository.
    s.write("repo/.adr.toml", "dir = \"../elsewhere\"\n");
    let out = s.adr_in("repo").args(["new", "Third"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("outside the repository")
            && stderr(&out).contains("--write-outside-repo"),
        "{}",
        stderr(&out)
    );
    assert!(!s.path().join("elsewhere").exists());
    let out = s
        .adr_in("repo")
        .args(["new", "--write-outside-repo", "Third"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(s.files("elsewhere"), ["0001-third.md"]);

    // A log folder that is a symbolic link out of the repository: the same.
    s.write("repo/.adr.toml", "dir = \"doc/linked\"\n");
    std::os::unix::fs::symlink(s.path().join("elsewhere"), s.path().join("repo/doc/linked"))
        .unwrap();
    for args in [&["new", "Fourth"][..], &["status", "1", "rejected"]] {
        let out = s.adr_in("repo").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("outside the repository"),
            "{}",
            stderr(&out)
        );
    }
    assert_eq!(s.files("elsewhere"), ["0001-third.md"]);
    // Reading is not writing: the log is still listed.
    s.adr_in("repo").args(["list"]).assert().success();
}

/// Item 10: what runs killed mid-write leave behind — a record write's `.adr-tmp-*` file in the
/// decision folder, a site build's `.site.adr-new-*` staging folder beside `--out` — is
/// reported by `adr check` and removed by the next change or build. One that a live run is
/// still writing (it holds the file's lock) is neither reported nor touched.
#[test]
fn leftovers_of_killed_runs_are_reported_and_cleaned_but_live_ones_kept() {
    let s = Sandbox::new();
    s.write(".adr.toml", "dir = \"doc/adr\"\n");
    s.adr().args(["new", "First"]).assert().success();
    s.write("doc/adr/.adr-tmp-dead01", "---\nstatus: acc");
    s.write("doc/adr/.adr-tmp-live01", "---\nstatus: pro");
    s.write(".site.adr-new-dead02/index.html", "<p>half a site");
    s.write(".site.adr-new-live02/index.html", "<p>being built");
    // This test stands in for the runs still writing: it holds their locks.
    let hold = |p: &str| {
        let f = std::fs::File::open(s.path().join(p)).unwrap();
        f.lock().unwrap();
        f
    };
    let live = [
        hold("doc/adr/.adr-tmp-live01"),
        hold(".site.adr-new-live02"),
    ];

    let out = s
        .adr()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let left: Vec<&str> = findings(&v, "leftover-temp-file")
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .map(|p| if p.contains("dead01") { "tmp" } else { "site" })
        .collect();
    assert_eq!(left, ["site", "tmp"], "{v:#}");
    assert_eq!(out.status.code(), Some(0), "warnings only: {v:#}");

    // The next change removes the abandoned temporary file, not the live one.
    s.adr().args(["status", "1", "accepted"]).assert().success();
    let names = s.files("doc/adr");
    assert!(!names.contains(&".adr-tmp-dead01".to_string()), "{names:?}");
    assert!(names.contains(&".adr-tmp-live01".to_string()), "{names:?}");
    // The next build removes the abandoned staging folder, and says so.
    let out = s.adr().args(["site", "build"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("left by a site build that was killed"),
        "{}",
        stderr(&out)
    );
    assert!(!s.path().join(".site.adr-new-dead02").exists());
    assert!(s.path().join(".site.adr-new-live02").exists());
    drop(live);
    // Once their runs are gone, `check --fix` removes what is left and says what it did.
    let out = s.adr().args(["check", "--fix"]).output().unwrap();
    assert!(
        stderr(&out).contains("removed a temporary file a killed run left"),
        "{}",
        stderr(&out)
    );
    assert!(
        !s.files("doc/adr")
            .iter()
            .any(|n| n.starts_with(".adr-tmp-"))
    );
}
