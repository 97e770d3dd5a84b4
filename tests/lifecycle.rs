//! Lifecycle commands run as the real binary in temporary repositories with a scrubbed
//! environment: supersede, link, status, renumber, generate, in every format; the corpus
//! round trip; concurrency; crash safety.

use assert_cmd::Command;
use std::path::Path;

/// A temporary repository in one format; `adr` runs in it with no HOME, editor or ADR_* leaks.
struct Repo {
    dir: tempfile::TempDir,
    format: &'static str,
}

impl Repo {
    fn new(format: &'static str) -> Repo {
        let repo = Repo {
            dir: tempfile::tempdir().expect("temp dir"),
            format,
        };
        repo.ok(&["init", "--format", format]);
        repo
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_adr"));
        c.current_dir(self.dir.path())
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", self.dir.path())
            // No git identity from the machine: a status change would record its user.name.
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("ADR_DATE", "2024-05-06")
            .args(args);
        c
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("adr runs");
        assert!(
            out.status.success(),
            "adr {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join("doc/adr").join(name)).expect(name)
    }

    fn file(&self, number: u32) -> String {
        let prefix = format!("{number:04}-");
        let dir = self.dir.path().join("doc/adr");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .expect("dir")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with(&prefix))
            .collect();
        names.sort();
        names
            .pop()
            .unwrap_or_else(|| panic!("no record {number} in {}", self.format))
    }
}

const FORMATS: [&str; 3] = ["nygard", "madr", "structured"];

#[test]
fn supersede_marks_both_records_in_every_format() {
    for format in FORMATS {
        let repo = Repo::new(format);
        repo.ok(&["new", "Use Ant"]);
        repo.ok(&["supersede", "Ant", "Use", "Gradle"]);
        let old = repo.read(&repo.file(2));
        let new = repo.read(&repo.file(3));
        let shown = repo.ok(&["show", "2"]);
        assert!(
            shown.to_lowercase().contains("superseded"),
            "{format}: {shown}"
        );
        match format {
            "nygard" => {
                assert!(old.contains("Superceded by [3. Use Gradle](0003-use-gradle.md)"));
                assert!(new.contains("Supercedes [2. Use Ant](0002-use-ant.md)"));
            }
            _ => {
                assert!(old.contains("status: superseded\n"), "{format}: {old}");
                assert!(old.contains("  - type: superseded-by\n    target: 0003-use-gradle.md\n"));
                assert!(new.contains("  - type: supersedes\n    target: 0002-use-ant.md\n"));
            }
        }
    }
}

#[test]
fn new_with_several_s_and_l_links_everything_in_every_format() {
    for format in FORMATS {
        let repo = Repo::new(format);
        repo.ok(&["new", "Two"]);
        repo.ok(&["new", "Three"]);
        repo.ok(&["new", "Four"]);
        let out = repo.ok(&[
            "new",
            "-s",
            "2",
            "-s",
            "3",
            "-l",
            "4:Amends:Amended by",
            "-l",
            "1:Depends on:Needed by",
            "Five",
        ]);
        assert!(out.trim_end().ends_with("0005-five.md"), "{out}");
        let five = repo.read(&repo.file(5));
        let four = repo.read(&repo.file(4));
        let one = repo.read(&repo.file(1));
        if format == "nygard" {
            for line in [
                "Supercedes [2. Two](0002-two.md)",
                "Supercedes [3. Three](0003-three.md)",
                "Amends [4. Four](0004-four.md)",
                "Depends on [1. Record architecture decisions](0001-record-architecture-decisions.md)",
            ] {
                assert!(five.contains(line), "{line} missing:\n{five}");
            }
            assert!(four.contains("Amended by [5. Five](0005-five.md)"));
        } else {
            assert!(
                five.contains("type: amends\n    target: 0004-four.md"),
                "{five}"
            );
            assert!(five.contains("type: depends-on\n"), "{five}");
            assert!(
                four.contains("type: amended-by\n    target: 0005-five.md"),
                "{four}"
            );
        }
        // Record 1 is adr-tools' init record in every format: its links go in its status section.
        assert!(
            one.contains("Needed by [5. Five](0005-five.md)"),
            "{format}: {one}"
        );
    }
}

impl Repo {
    /// Every file of the decision folder, by name, as bytes.
    fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        let dir = self.dir.path().join("doc/adr");
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
            .expect("dir")
            .filter_map(|e| {
                let e = e.ok()?;
                let name = e.file_name().into_string().ok()?;
                Some((name, std::fs::read(e.path()).ok()?))
            })
            .collect();
        files.sort();
        files
    }

    /// Runs `adr` and returns its stderr, asserting it succeeded.
    fn ok_err(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("adr runs");
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "adr {args:?} failed: {err}");
        err
    }

    /// Runs `adr` with a failpoint that stops it after its first write.
    fn interrupted(&self, args: &[&str]) {
        let out = self
            .cmd(args)
            .env("ADR_FAILPOINT", "after-first-write")
            .output()
            .expect("adr runs");
        assert_eq!(out.status.code(), Some(86), "adr {args:?} was not stopped");
    }
}

/// A repository in `format` with records 2 and 3 besides adr-tools' init record.
fn two_records(format: &'static str) -> Repo {
    let repo = Repo::new(format);
    repo.ok(&["new", "Two"]);
    repo.ok(&["new", "Three"]);
    repo
}

#[test]
fn linking_twice_changes_nothing_the_second_time_in_every_format() {
    for format in FORMATS {
        let repo = two_records(format);
        repo.ok(&["link", "3", "Amends", "2", "Amended by"]);
        repo.ok(&["link", "3", "Supercedes", "2", "Superceded by"]);
        let once = repo.snapshot();
        // The same links again, also as other spellings of the same kinds.
        for args in [
            ["link", "3", "Amends", "2", "Amended by"],
            ["link", "3", "amends:", "0002-two.md", "amended by"],
            ["link", "3", "Supersedes", "2", "Superseded by"],
        ] {
            let err = repo.ok_err(&args);
            assert!(
                err.contains("note: already linked") && err.contains("nothing changed"),
                "{format} {args:?}: {err}"
            );
            assert_eq!(repo.snapshot(), once, "{format}: {args:?} changed files");
        }
        let two = repo.read(&repo.file(2));
        let three = repo.read(&repo.file(3));
        let count = |text: &str, needle: &str| text.matches(needle).count();
        assert_eq!(count(&three, "0002-two.md"), 2, "{format}: {three}");
        assert_eq!(count(&two, "0003-three.md"), 2, "{format}: {two}");
    }
}

#[test]
fn linking_again_after_an_interruption_adds_only_the_missing_side() {
    for format in FORMATS {
        let whole = two_records(format);
        whole.ok(&["link", "3", "Amends", "2", "Amended by"]);
        let want = whole.snapshot();
        // Stopped after the source's write: the forward link is there, the link back is not.
        let forward_only = two_records(format);
        forward_only.interrupted(&["link", "3", "Amends", "2", "Amended by"]);
        let source = forward_only.read(&forward_only.file(3));
        let err = forward_only.ok_err(&["link", "3", "Amends", "2", "Amended by"]);
        assert!(err.contains("added only the missing link back"), "{err}");
        assert_eq!(forward_only.read(&forward_only.file(3)), source, "{format}");
        assert_eq!(forward_only.snapshot(), want, "{format}: forward only");
        // Only the link back is there (written as the first half of the opposite link).
        let back_only = two_records(format);
        back_only.interrupted(&["link", "2", "Amended by", "3", "Amends"]);
        let target = back_only.read(&back_only.file(2));
        let err = back_only.ok_err(&["link", "3", "Amends", "2", "Amended by"]);
        assert!(err.contains("added only the link"), "{err}");
        assert_eq!(back_only.read(&back_only.file(2)), target, "{format}");
        assert_eq!(back_only.snapshot(), want, "{format}: link back only");
    }
}

#[test]
fn new_with_a_repeated_link_or_supersede_links_once() {
    for format in FORMATS {
        let once = two_records(format);
        once.ok(&["new", "-s", "2", "-l", "3:Amends:Amended by", "Four"]);
        let twice = two_records(format);
        let err = twice.ok_err(&[
            "new",
            "-s",
            "2",
            "-s",
            "0002-two.md",
            "-l",
            "3:Amends:Amended by",
            "-l",
            "3:amends:amended by",
            "Four",
        ]);
        assert_eq!(err.matches("note: already linked").count(), 2, "{err}");
        assert_eq!(twice.snapshot(), once.snapshot(), "{format}");
    }
}

#[test]
fn superseding_again_with_status_by_changes_nothing() {
    for format in FORMATS {
        let repo = two_records(format);
        repo.ok(&["status", "2", "superseded", "--by", "3"]);
        let once = repo.snapshot();
        let err = repo.ok_err(&["status", "2", "superseded", "--by", "3", "--force"]);
        assert!(err.contains("note: already linked"), "{format}: {err}");
        assert_eq!(repo.snapshot(), once, "{format}");
    }
}

/// New files get the mode any editor gives them (0666 less the umask, as adr-tools' files
/// get), not the private 0600 of the temporary file they are written through; a file that is
/// changed keeps the mode it had.
#[cfg(target_os = "linux")]
#[test]
fn new_files_follow_the_umask_and_edited_files_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let status = std::fs::read_to_string("/proc/self/status").expect("status");
    let umask = status
        .lines()
        .find_map(|l| l.strip_prefix("Umask:"))
        .and_then(|m| u32::from_str_radix(m.trim(), 8).ok())
        .expect("umask");
    let repo = Repo::new("structured");
    repo.ok(&["new", "Try"]);
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    let dir = repo.dir.path();
    for p in [
        dir.join(".adr.toml"),
        dir.join("doc/adr").join(repo.file(1)),
        dir.join("doc/adr").join(repo.file(2)),
    ] {
        assert_eq!(mode(&p), 0o666 & !umask, "{}", p.display());
    }
    let two = dir.join("doc/adr").join(repo.file(2));
    std::fs::set_permissions(&two, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    repo.ok(&["status", "2", "accepted"]);
    assert_eq!(mode(&two), 0o640);
    repo.ok(&["export", "-o", "bundle.json"]);
    assert_eq!(mode(&dir.join("bundle.json")), 0o666 & !umask);
}

#[test]
fn status_moves_are_dated_and_nonsense_is_refused() {
    for format in FORMATS {
        let repo = Repo::new(format);
        repo.ok(&["new", "--status", "proposed", "Try"]);
        repo.ok(&["status", "2", "rejected"]);
        let refused = repo
            .cmd(&["status", "2", "accepted"])
            .output()
            .expect("runs");
        assert_eq!(refused.status.code(), Some(2), "{format}");
        let err = String::from_utf8_lossy(&refused.stderr);
        assert!(
            err.contains("0002-try.md") && err.contains("rejected"),
            "{err}"
        );
        let no_successor = repo
            .cmd(&["status", "2", "superseded"])
            .output()
            .expect("runs");
        assert!(String::from_utf8_lossy(&no_successor.stderr).contains("--by"));
        repo.ok(&["status", "2", "accepted", "--force"]);
        let text = repo.read(&repo.file(2));
        // What `--force` overrode is recorded with the change.
        match format {
            // The file said `proposed` in lower case, and keeps its own casing. The status stays
            // the section's first line (where adr-tools looks); the dated history follows it.
            "nygard" => assert!(
                text.contains(
                    "## Status\n\naccepted\n\n- 2024-05-06 proposed\n- 2024-05-06 rejected\n\
                     - 2024-05-06 accepted (forced: rejected to accepted is not a lifecycle \
                     move)\n\n## Context"
                ),
                "{text}"
            ),
            _ => assert!(
                text.contains("status: accepted\n")
                    && text.contains("  - date: 2024-05-06\n    status: rejected\n")
                    && text.contains(
                        "    status: accepted\n    forced: rejected to accepted is not a \
                         lifecycle move\n"
                    ),
                "{text}"
            ),
        }
    }
}

/// A status with a line break left its second line behind as a stray line of a Markdown body,
/// or broke the front matter; such a status, and one without a letter or digit, is refused
/// before any file is touched, `--force` or not.
#[test]
fn a_status_of_several_lines_or_no_words_is_refused() {
    for format in FORMATS {
        let repo = Repo::new(format);
        repo.ok(&["new", "Try"]);
        let before = repo.snapshot();
        for (args, why) in [
            (&["status", "2", "on\nhold", "--force"][..], "one line"),
            (&["status", "2", "on\thold", "--force"], "one line"),
            (&["status", "2", " -- ", "--force"], "a letter or a digit"),
            (&["new", "--status", "on\nhold", "Other"], "one line"),
        ] {
            let out = repo.cmd(args).output().expect("runs");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{format} {args:?}: {err}");
            assert!(err.contains(why), "{format} {args:?}: {err}");
            assert_eq!(
                repo.snapshot(),
                before,
                "{format} {args:?}: nothing written"
            );
        }
    }
}

#[test]
fn status_superseded_by_links_the_successor() {
    for format in FORMATS {
        let repo = Repo::new(format);
        repo.ok(&["new", "Old"]);
        repo.ok(&["new", "New"]);
        repo.ok(&["status", "Old", "superseded", "--by", "3"]);
        let old = repo.read(&repo.file(2));
        let lower = old.to_lowercase();
        assert!(
            lower.contains("superseded") || lower.contains("superceded by"),
            "{old}"
        );
        if format == "nygard" {
            assert!(
                old.contains(
                    "## Status\n\n- 2024-05-06 Accepted\n- 2024-05-06 Superseded\n\n\
                     Superceded by [3. New](0003-new.md)\n\n## Context"
                ),
                "{old}"
            );
        }
        assert!(repo.read(&repo.file(3)).contains("0002-old.md"));
    }
}

/// `adr status` keeps a dated history in bodies too: adr-tools' `## Status` section and MADR 2
/// `- Status:` bullets. It reads back as the record's history.
#[test]
fn status_history_is_kept_in_markdown_bodies_and_shown_as_json() {
    let repo = Repo::new("nygard");
    repo.ok(&["new", "--status", "Proposed", "Try"]);
    let bullets =
        "# Use X\n\n- Status: accepted\n- Deciders: Ann\n- Date: 2020-09-27\n\n## Context\n";
    std::fs::write(repo.dir.path().join("doc/adr/0003-use-x.md"), bullets).unwrap();
    let later = |args: &[&str], date: &str| {
        let out = repo.cmd(args).env("ADR_DATE", date).output().expect("runs");
        assert!(
            out.status.success(),
            "{:?}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    later(&["status", "2", "accepted"], "2024-06-01");
    later(&["status", "2", "deprecated"], "2024-07-01");
    later(&["status", "3", "deprecated"], "2024-07-02");
    assert!(
        repo.read("0002-try.md").contains(
            "## Status\n\nDeprecated\n\n- 2024-05-06 Proposed\n- 2024-06-01 Accepted\n\
             - 2024-07-01 Deprecated\n\n## Context"
        ),
        "{}",
        repo.read("0002-try.md")
    );
    assert_eq!(
        repo.read("0003-use-x.md"),
        bullets.replace(
            "- Status: accepted\n",
            "- Status: deprecated\n  - 2020-09-27 accepted\n  - 2024-07-02 deprecated\n"
        )
    );
    for (n, want) in [
        ("2", "proposed accepted deprecated"),
        ("3", "accepted deprecated"),
    ] {
        let json: serde_json::Value =
            serde_json::from_str(&repo.ok(&["show", n, "--format", "json"])).unwrap();
        assert_eq!(json["status"]["state"], "deprecated");
        let history: Vec<&str> = json["status_history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["status"].as_str().unwrap())
            .collect();
        assert_eq!(history.join(" "), want, "{json}");
    }
    repo.ok(&["check"]);
}

#[test]
fn a_record_never_supersedes_itself_even_with_force() {
    for format in FORMATS {
        let repo = Repo::new(format);
        repo.ok(&["new", "Old"]);
        let before = repo.read(&repo.file(2));
        for extra in [&[][..], &["--force"][..]] {
            let out = repo
                .cmd(&[&["status", "2", "superseded", "--by", "2"][..], extra].concat())
                .output()
                .expect("runs");
            assert_eq!(out.status.code(), Some(2), "{format} {extra:?}");
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains("0002-old.md") && err.contains("cannot supersede itself"),
                "{err}"
            );
            assert_eq!(repo.read(&repo.file(2)), before, "{format}");
        }
    }
}

#[test]
fn renumber_renames_and_rewrites_links_in_every_format() {
    for format in FORMATS {
        let repo = Repo::new(format);
        repo.ok(&["new", "Two"]);
        repo.ok(&["new", "-l", "2:Amends:Amended by", "Three"]);
        let out = repo.ok(&["renumber", "3", "42"]);
        assert_eq!(out.trim(), "doc/adr/0042-three.md");
        assert!(!repo.dir.path().join("doc/adr/0003-three.md").exists());
        let moved = repo.read("0042-three.md");
        let two = repo.read(&repo.file(2));
        assert!(
            two.contains("0042-three.md") && !two.contains("0003-three.md"),
            "{two}"
        );
        if format == "nygard" {
            assert!(moved.starts_with("# 42. Three\n"));
            assert!(two.contains("Amended by [42. Three](0042-three.md)"));
        }
        let taken = repo.cmd(&["renumber", "42", "2"]).output().expect("runs");
        assert_eq!(taken.status.code(), Some(2));
    }
}

#[test]
fn renumber_rewrites_links_in_the_text_of_other_records() {
    for format in FORMATS {
        let repo = Repo::new(format);
        repo.ok(&["new", "Two"]);
        repo.ok(&["new", "Three"]);
        let four = repo.file(1);
        let body = "\nSee [three](0003-three.md), [its context](./0003-three.md#context), \
                    [two](0002-two.md) and [notes](0003-three-notes.md).\n\n\
                    [ref]: 0003-three.md\n\n```\n[code](0003-three.md)\n```\n";
        let path = repo.dir.path().join("doc/adr").join(&four);
        let before = std::fs::read_to_string(&path).unwrap() + body;
        std::fs::write(&path, &before).unwrap();
        let out = repo.ok(&["renumber", "3", "7"]);
        assert_eq!(out.trim(), "doc/adr/0007-three.md", "{format}");
        let want = before.replacen(
            body,
            &body
                .replacen("(0003-three.md)", "(0007-three.md)", 1)
                .replace("./0003-three.md#", "./0007-three.md#")
                .replace("[ref]: 0003-three.md", "[ref]: 0007-three.md"),
            1,
        );
        assert_eq!(repo.read(&four), want, "{format}");
        repo.ok(&["check"]);
    }
}

#[test]
fn generate_graph_in_mermaid_and_toc_in_every_format() {
    for format in FORMATS {
        let repo = Repo::new(format);
        repo.ok(&["new", "-s", "1", "Second"]);
        let mermaid = repo.ok(&["generate", "graph", "--format", "mermaid"]);
        assert!(mermaid.starts_with("flowchart TD\n"), "{mermaid}");
        assert!(mermaid.contains("  _2 -->|\"Supercedes\"| _1\n") || format != "nygard");
        let toc = repo.ok(&["generate", "toc"]);
        assert!(
            toc.contains("* [2. Second](0002-second.md)\n"),
            "{format}: {toc}"
        );
    }
}

#[test]
fn an_ambiguous_reference_lists_the_candidates() {
    let repo = Repo::new("nygard");
    repo.ok(&["new", "Use Postgres"]);
    repo.ok(&["new", "Use Redis"]);
    let out = repo
        .cmd(&["link", "Use", "Amends", "1", "Amended by"])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("0002-use-postgres.md") && err.contains("0003-use-redis.md"),
        "{err}"
    );
}

#[test]
fn crlf_and_missing_final_newline_survive_a_link() {
    let repo = Repo::new("nygard");
    let path = repo.dir.path().join("doc/adr/0002-crlf.md");
    let text = "# 2. Crlf\r\n\r\nDate: 2024-01-01\r\n\r\n## Status\r\n\r\nAccepted\r\n\r\n## Context\r\n\r\nNo newline";
    std::fs::write(&path, text).expect("write");
    repo.ok(&["link", "2", "Amends", "1", "Amended by"]);
    let got = std::fs::read_to_string(&path).expect("read");
    assert_eq!(
        got,
        text.replace(
            "Accepted\r\n\r\n",
            "Accepted\r\n\r\nAmends [1. Record architecture decisions](0001-record-architecture-decisions.md)\r\n\r\n"
        )
    );
}

#[test]
fn new_racing_supersede_never_loses_an_update() {
    let repo = Repo::new("nygard");
    let mut children = Vec::new();
    for i in 0..6 {
        let args: Vec<String> = if i % 2 == 0 {
            vec!["new".into(), format!("Plain {i}")]
        } else {
            vec!["supersede".into(), "1".into(), format!("Replacement {i}")]
        };
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_adr"));
        c.current_dir(repo.dir.path())
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", repo.dir.path())
            .args(&args)
            .stdout(std::process::Stdio::null());
        children.push(c.spawn().expect("spawn"));
    }
    for mut c in children {
        assert!(c.wait().expect("wait").success());
    }
    let listed = repo.ok(&["list"]);
    assert_eq!(listed.lines().count(), 7, "{listed}");
    let first = repo.read("0001-record-architecture-decisions.md");
    assert_eq!(first.matches("Superceded by [").count(), 3, "{first}");
    for i in [1, 3, 5] {
        let f = repo.dir.path().join("doc/adr");
        let name = std::fs::read_dir(&f)
            .expect("dir")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .find(|n| n.ends_with(&format!("replacement-{i}.md")))
            .expect("replacement record");
        assert!(first.contains(&name), "{name} missing from record 1");
    }
}

#[test]
fn an_interrupted_supersede_leaves_whole_files_half_linked() {
    let repo = Repo::new("nygard");
    let before = repo.read("0001-record-architecture-decisions.md");
    let out = repo
        .cmd(&["supersede", "1", "Replace"])
        .env("ADR_FAILPOINT", "after-first-write")
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(86),
        "the failpoint must stop the process"
    );
    // The new record was written whole and points back; the old one is untouched.
    let new = repo.read("0002-replace.md");
    assert!(new.ends_with("will need to be mitigated.\n"), "{new}");
    assert!(new.contains("Supercedes [1. Record architecture decisions]"));
    assert_eq!(repo.read("0001-record-architecture-decisions.md"), before);
    let leftovers: Vec<_> = std::fs::read_dir(repo.dir.path().join("doc/adr"))
        .expect("dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(".adr-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_interrupted_renumber_keeps_both_copies_whole() {
    let repo = Repo::new("nygard");
    repo.ok(&["new", "-l", "1:Amends:Amended by", "Two"]);
    let out = repo
        .cmd(&["renumber", "2", "9"])
        .env("ADR_FAILPOINT", "after-write-1")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(86));
    let old = repo.read("0002-two.md");
    let new = repo.read("0009-two.md");
    assert_eq!(new, old.replacen("# 2. Two", "# 9. Two", 1));
}

/// Every corpus record with a recognisable status gets a status change and a link; the diff
/// may touch only the status line and add link or history lines.
#[test]
fn corpus_round_trip_touches_only_status_and_link_lines() {
    let corpus = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    if !corpus.is_dir() {
        println!("skipped: corpus not found");
        return;
    }
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(corpus)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        if round_trip(path) {
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} corpus records were checked");
}

const MARK_TARGET: &str = "0999-roundtrip-marker.md";

fn round_trip(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("x");
    let name = adr::names::parse_record_name(stem).unwrap_or(adr::names::NameInfo {
        number: None,
        date_iso: None,
        slug: stem.into(),
    });
    let (record, _) = adr::parse::parse_record(path, stem, &name, &text);
    let Some(status) = record.status.clone().filter(|s| s.state.is_known()) else {
        return false;
    };
    let new_status = adr::edit::NewStatus {
        state: adr::model::Lifecycle::Deprecated,
        raw: "deprecated".into(),
        date: "2099-09-09".into(),
        by: None,
        forced: None,
    };
    let changed =
        adr::edit::set_status(&text, &record, &new_status).unwrap_or_else(|e| panic!("{e}"));
    let reparsed = adr::parse::parse_record(path, stem, &name, &changed).0;
    let link = adr::edit::NewLink {
        label: "Amends".into(),
        target: MARK_TARGET.into(),
        title: "999. Marker".into(),
    };
    let linked = adr::edit::add_link(&changed, &reparsed, &link).unwrap_or_else(|e| panic!("{e}"));
    let last = adr::parse::parse_record(path, stem, &name, &linked).0;
    let p = path.display();
    assert_eq!(
        last.status.as_ref().map(|s| s.state.clone()),
        Some(adr::model::Lifecycle::Deprecated),
        "{p}: status not changed"
    );
    assert!(
        last.links.iter().any(|l| l.target == MARK_TARGET),
        "{p}: link not read back"
    );
    assert_only_status_and_links_changed(&text, &linked, &status, &p.to_string());
    true
}

/// Diffs old and new lines (longest common subsequence): of the old lines only the status line
/// (and a `links: []`) may go; new lines may only be blank or carry the marker link, the new
/// status, a history entry or the old status's words on a line of their own (the link to a
/// successor that a `Status: superseded by [X](x.md)` line held).
fn assert_only_status_and_links_changed(
    old: &str,
    new: &str,
    status: &adr::model::Status,
    p: &str,
) {
    let status_line = status.line;
    let old: Vec<&str> = old.split_inclusive('\n').collect();
    let new: Vec<&str> = new.split_inclusive('\n').collect();
    let inserted = |l: &str| {
        let t = l.trim();
        t.is_empty()
            || t.contains(MARK_TARGET)
            || t.to_lowercase().contains("deprecated")
            || t.contains("2099-09-09")
            // The history's first entry: the old status at the record's date.
            || adr::parse::markdown::history_item(t).is_some()
            // A status read from a sentence ("this RFC has been superseded by ...") is no
            // status line: the new status gets a `## Status` section of its own.
            || (adr::parse::markdown::heading_level(t).is_some()
                && adr::parse::markdown::is_status_heading(t.trim_start_matches('#')))
            || t.trim_start_matches(['-', '*', ' ']).eq_ignore_ascii_case(status.raw.trim())
            || [
                "links:",
                "- type: amends",
                "status_history:",
                "status:",
                "- date:",
            ]
            .iter()
            .any(|k| t.starts_with(k))
    };
    // Only the stretch between the common prefix and suffix can differ.
    let pre = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let suf = old[pre..]
        .iter()
        .rev()
        .zip(new[pre..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (&old[pre..old.len() - suf], &new[pre..new.len() - suf]);
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            (i, j) = (i + 1, j + 1);
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            assert!(
                inserted(b[j]),
                "{p}: unexpected new line {}: {:?}",
                pre + j + 1,
                b[j]
            );
            j += 1;
        } else {
            let removable = pre + i + 1 == status_line || a[i].trim_end() == "links: []";
            assert!(
                removable,
                "{p}: old line {} changed: {:?}",
                pre + i + 1,
                a[i]
            );
            i += 1;
        }
    }
}

#[test]
fn the_command_line_with_lifecycle_commands_is_consistent() {
    use clap::CommandFactory;
    adr::cli::Cli::command().debug_assert();
}

/// `adr status 2 accepted` on a structured record holding `text` is refused with exit code 2,
/// naming `file:line` and saying `why`, and the file keeps every byte.
fn assert_status_refused(file: &str, text: &str, line: usize, why: &str) {
    assert_status_refused_as(file, text, line, &["accepted"], why);
}

/// As [`assert_status_refused`], for `adr status 2 ARGS...`.
fn assert_status_refused_as(file: &str, text: &str, line: usize, args: &[&str], why: &str) {
    let repo = Repo::new("structured");
    let path = repo.dir.path().join("doc/adr").join(file);
    std::fs::write(&path, text).unwrap();
    let out = repo
        .cmd(&[&["status", "2"], args].concat())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&format!("{file}:{line}")) && err.contains(why),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "nothing written"
    );
}

/// Found by fuzzing: YAML breaks lines at a lone carriage return, a line editor does not, so a
/// `\r---` inside a front-matter line ended the YAML document for the reader but not for the
/// editor. Such front matter is not edited, and says where the carriage return is.
#[test]
fn front_matter_with_a_carriage_return_inside_a_line_is_not_edited() {
    let text = "---\ntitle: odd\rstatus: proposed\n---\n# Odd\n";
    assert_status_refused("0002-odd.md", text, 2, "carriage return");
}

/// Found by fuzzing: a status written as a plain scalar over two lines kept its second line
/// when the first was replaced, so the new status read back as both. It is refused instead.
#[test]
fn a_status_value_over_several_lines_is_not_edited() {
    let text = "---\nstatus: proposed for\n  the next release\ndate: 2024-01-01\n---\n# Wrapped\n";
    assert_status_refused("0002-wrapped.md", text, 2, "several lines");
}

/// Found by fuzzing: a `--- x` line inside front matter starts a second YAML document, which
/// the reader never reads, so a key the edit appended after it was lost. Such front matter is
/// not edited, and the line is named.
#[test]
fn front_matter_with_a_yaml_document_marker_inside_is_not_edited() {
    let text = "---\nid: x\n--- second\ntitle: Two\n---\n# Two docs\n";
    assert_status_refused("0002-two-docs.md", text, 3, "document marker");
}

/// Found by fuzzing: front matter whose keys are all indented is one mapping to YAML; a
/// `status:` added at the left margin broke it. It is refused instead.
#[test]
fn front_matter_with_indented_keys_is_not_edited() {
    let text = "---\n  title: Indented\n  status: proposed\n---\n# Indented\n";
    assert_status_refused("0002-indented.md", text, 2, "indented");
}

/// Found by fuzzing: a status that is only a link in the first of two MADR-2 `- Status:`
/// bullets got the new status as a plain line the reader ignores. Every status edit is now
/// read back before it is written, and refused when it would not read as asked.
#[test]
fn a_status_edit_that_would_not_read_back_is_refused() {
    let text = "# 2. Two\n\n- Status:  [0001-x](0001-x.md)\n- Date\n\
                - Status: superseded by [0001-x](0001-x.md)\n- Date: 2020-09-26\n\n## Context\n";
    assert_status_refused("0002-two.md", text, 3, "change it by hand");
}

/// Found by fuzzing (run 8): a status outside the lifecycle only had to read back as some
/// word outside it, so `on hold` written under a title while a `- Status: [...` bullet kept
/// its own word was taken for done. Every status must now read back as the word written.
#[test]
fn a_status_outside_the_lifecycle_must_read_back_as_itself() {
    // The web link inside the old status is no link to a record, so the status line is an
    // ordinary one: the new word replaces it and reads back as written.
    let text =
        "# Use threads\n- Status: [20240101-x to the `[][tools](https://example.org/t) text\n";
    let repo = Repo::new("structured");
    let path = repo.dir.path().join("doc/adr/0002-use-threads.md");
    std::fs::write(&path, text).unwrap();
    repo.ok(&["status", "2", "on hold", "--force"]);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(
        after.starts_with("# Use threads\n- Status: on hold\n"),
        "{after}"
    );
    let out = repo.ok(&["show", "2", "--format", "json"]);
    assert!(out.contains("\"on hold\""), "{out}");
}
