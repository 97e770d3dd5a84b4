//! The everyday commands users of other ADR tools expect, run as a user runs them: `adr edit`,
//! `adr status` with no status, `adr init` beside a log, comma-separated tags, MADR deciders,
//! `adr supersede` carrying what the old record governed, self-links, organisation templates
//! and counts said in the singular for one.

mod common;

use common::log::Log;
use common::{Sandbox, stderr, stdout};
use serde_json::Value;

/// A structured log with record 1 and `adr new ARGS`'s record 2.
fn with_record(args: &[&str]) -> Sandbox {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    s.adr().arg("new").args(args).assert().success();
    s
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

/// An executable script in the sandbox that appends `NAME PATH` to `edited`.
fn editor(s: &Sandbox, name: &str) -> std::path::PathBuf {
    let p = s.write(
        &format!("bin/{name}"),
        format!("#!/bin/sh\necho {name} \"$1\" >> \"$(dirname \"$0\")/../edited\"\n"),
    );
    let mut perm = std::fs::metadata(&p).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o755);
    std::fs::set_permissions(&p, perm).unwrap();
    p
}

#[test]
fn edit_opens_the_record_in_visual_else_editor_and_fails_without_either() {
    let s = with_record(&["Use Postgres"]);
    let (visual, ed) = (editor(&s, "visual"), editor(&s, "editor"));
    s.adr()
        .env("VISUAL", &visual)
        .env("EDITOR", &ed)
        .args(["edit", "postgres"])
        .assert()
        .success();
    s.adr()
        .env("VISUAL", " ")
        .env("EDITOR", &ed)
        .args(["edit", "2"])
        .assert()
        .success();
    assert_eq!(
        s.read("edited"),
        "visual doc/adr/0002-use-postgres.md\neditor doc/adr/0002-use-postgres.md\n"
    );
    let out = s.adr().args(["edit", "2"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: no editor to open doc/adr/0002-use-postgres.md with: set $VISUAL or $EDITOR \
         (e.g. `export EDITOR=vi`)\n"
    );
    let out = s
        .adr()
        .env("EDITOR", &ed)
        .args(["edit", "99"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no decision record matches `99`"));
}

#[test]
fn edit_reports_what_the_editor_left_unreadable() {
    let s = with_record(&["Use Postgres"]);
    let breaker = s.write(
        "bin/breaker",
        "#!/bin/sh\nprintf -- '---\\nstatus: [accepted\\n---\\n# X\\n' > \"$1\"\n",
    );
    let mut perm = std::fs::metadata(&breaker).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perm, 0o755);
    std::fs::set_permissions(&breaker, perm).unwrap();
    let out = s
        .adr()
        .env("EDITOR", &breaker)
        .args(["edit", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("error: doc/adr/0002-use-postgres.md:2: "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn status_without_a_status_prints_the_current_one_and_its_dated_history() {
    let s = with_record(&["Use Postgres"]);
    s.adr()
        .args(["status", "2"])
        .assert()
        .success()
        .stdout("proposed\n  no status changes recorded; the record is dated 1992-01-12\n");
    s.adr()
        .env("ADR_DATE", "1992-02-01")
        .args(["status", "2", "accepted"])
        .assert()
        .success();
    s.adr()
        .args(["status", "postgres"])
        .assert()
        .success()
        .stdout("accepted\n  1992-01-12  proposed\n  1992-02-01  accepted\n");
    // Reading changes nothing.
    let before = s.read("doc/adr/0002-use-postgres.md");
    s.adr().args(["status", "2"]).assert().success();
    assert_eq!(s.read("doc/adr/0002-use-postgres.md"), before);
    // adr-tools' layout: the history under `## Status`, the words as written.
    s.write(
        "doc/adr/0003-x.md",
        "# 3. X\n\nDate: 2020-01-01\n\n## Status\n\nSuperseded\n\n- 2020-01-01 Proposed\n\
         - 2020-03-01 Superseded\n",
    );
    s.adr()
        .args(["status", "3"])
        .assert()
        .success()
        .stdout("superseded\n  2020-01-01  Proposed\n  2020-03-01  Superseded\n");
    // `--by` and `--force` only make sense with a new status.
    let out = s.adr().args(["status", "2", "--force"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn init_beside_an_existing_log_refuses_and_names_it_whatever_the_format_asked() {
    let s = with_record(&["Use Postgres"]);
    let before = s.files("doc/adr");
    for format in ["madr", "nygard", "structured"] {
        let out = s.adr().args(["init", "--format", format]).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        assert!(
            stderr(&out)
                .starts_with("error: a decision log already exists: doc/adr holds 2 records"),
            "{format}: {}",
            stderr(&out)
        );
        assert_eq!(s.files("doc/adr"), before, "{format}");
    }
    assert!(s.read(".adr.toml").contains("format = \"structured\""));
}

#[test]
fn a_comma_separated_tag_gives_several_tags_in_new_and_list() {
    let s = with_record(&["--tag", "infra,ops", "--tag", " db ", "Use Postgres"]);
    assert_eq!(
        show(&s, "2")["tags"],
        serde_json::json!(["infra", "ops", "db"])
    );
    s.adr()
        .args(["list", "--tag", "ops,infra"])
        .assert()
        .success()
        .stdout("doc/adr/0002-use-postgres.md\n");
    s.adr()
        .args(["list", "--tag", "ops,web"])
        .assert()
        .success()
        .stdout("");
}

#[test]
fn decider_fills_madr_decision_makers() {
    let s = Sandbox::new();
    s.adr()
        .args(["init", "--format", "madr"])
        .assert()
        .success();
    s.adr()
        .args([
            "new",
            "--decider",
            "Ana",
            "--decider",
            "Bo Li",
            "Pick a queue",
        ])
        .assert()
        .success();
    let text = s.read("doc/adr/0002-pick-a-queue.md");
    assert!(
        text.contains("\ndecision-makers: [\"Ana\", \"Bo Li\"]\n"),
        "{text}"
    );
    let v = show(&s, "2");
    assert_eq!(v["deciders"], serde_json::json!(["Ana", "Bo Li"]));
    assert_eq!(v["format"], "madr");
    // Without --decider the template's guidance stays for the author to fill in.
    s.adr().args(["new", "Other"]).assert().success();
    assert!(
        s.read("doc/adr/0003-other.md")
            .contains("{list everyone involved")
    );
    // Scope has no place in a MADR record, and nothing in an adr-tools one.
    let out = s
        .adr()
        .args(["new", "--scope", "src/**", "Scoped"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--scope"), "{}", stderr(&out));
    let n = Sandbox::new();
    n.adr()
        .args(["init", "--format", "nygard"])
        .assert()
        .success();
    let out = n
        .adr()
        .args(["new", "--decider", "Ana", "X"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(n.files("doc/adr").len(), 1, "nothing written");
}

#[test]
fn supersede_carries_tags_scope_and_deciders_unless_told_not_to() {
    let s = with_record(&[
        "--tag",
        "db,ops",
        "--scope",
        "src/db/**",
        "--decider",
        "Ana",
        "Use MySQL",
    ]);
    s.adr()
        .args(["supersede", "2", "Use Postgres"])
        .assert()
        .success()
        .stdout("doc/adr/0003-use-postgres.md\n");
    let v = show(&s, "3");
    assert_eq!(v["tags"], serde_json::json!(["db", "ops"]));
    assert_eq!(v["scope"], serde_json::json!(["src/db/**"]));
    assert_eq!(v["deciders"], serde_json::json!(["Ana"]));
    assert_eq!(v["links"][0]["kind"], "supersedes");
    assert_eq!(show(&s, "2")["status"]["state"], "superseded");
    s.adr()
        .args(["supersede", "--no-carry", "3", "Use SQLite"])
        .assert()
        .success();
    let v = show(&s, "4");
    assert_eq!(v["tags"], serde_json::json!([]));
    assert_eq!(v["scope"], serde_json::json!([]));
    assert_eq!(v["deciders"], serde_json::json!([]));
    // adr-tools' `new -s` stays as adr-tools writes it: nothing carried.
    s.adr()
        .args(["new", "-s", "2", "Use Oracle"])
        .assert()
        .success();
    assert_eq!(show(&s, "5")["tags"], serde_json::json!([]));
}

#[test]
fn supersede_in_madr_carries_tags_and_decision_makers() {
    let s = Sandbox::new();
    s.adr()
        .args(["init", "--format", "madr"])
        .assert()
        .success();
    s.adr()
        .args(["new", "--tag", "db", "--decider", "Ana", "Use MySQL"])
        .assert()
        .success();
    s.adr()
        .args(["supersede", "2", "Use Postgres"])
        .assert()
        .success();
    let v = show(&s, "3");
    assert_eq!(v["format"], "madr");
    assert_eq!(v["tags"], serde_json::json!(["db"]));
    assert_eq!(v["deciders"], serde_json::json!(["Ana"]));
}

#[test]
fn a_record_linked_to_itself_is_refused_and_nothing_changes() {
    let s = with_record(&["Use Postgres"]);
    let before = s.read("doc/adr/0002-use-postgres.md");
    for args in [
        &["link", "2", "Amends", "2", "Amended by"][..],
        &[
            "link",
            "postgres",
            "Amends",
            "0002-use-postgres.md",
            "Amended by",
        ],
        &["status", "2", "superseded", "--by", "2"],
    ] {
        let out = s.adr().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).starts_with("error: doc/adr/0002-use-postgres.md: a record cannot "),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(s.read("doc/adr/0002-use-postgres.md"), before, "{args:?}");
    }
}

#[test]
fn organisation_templates_come_from_the_configured_folder_by_name() {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    let config = s.read(".adr.toml") + "templates = \"../org-templates\"\n";
    s.write("repo/.adr.toml", config);
    std::fs::rename(s.path().join("doc"), s.path().join("repo/doc")).unwrap();
    std::fs::remove_file(s.path().join(".adr.toml")).unwrap();
    s.write(
        "org-templates/security.md",
        "---\nstatus: STATUS\ndate: DATE\ntags: []\n---\n\n# TITLE\n\n## Threat model\n",
    );
    s.write(
        "org-templates/template.md",
        "---\nstatus: STATUS\n---\n\n# TITLE\n\nOrg default\n",
    );
    s.adr_in("repo")
        .args([
            "new",
            "--template",
            "security",
            "--tag",
            "sec",
            "Encrypt backups",
        ])
        .assert()
        .success()
        .stdout("doc/adr/0002-encrypt-backups.md\n");
    let text = s.read("repo/doc/adr/0002-encrypt-backups.md");
    assert_eq!(
        text,
        "---\nstatus: proposed\ndate: 1992-01-12\ntags: [\"sec\"]\n---\n\n# Encrypt backups\n\n\
         ## Threat model\n"
    );
    // With no --template the folder's template.md is the default.
    s.adr_in("repo").args(["new", "Plain"]).assert().success();
    assert!(s.read("repo/doc/adr/0003-plain.md").contains("Org default"));
    // An unknown name lists the ones there are.
    let out = s
        .adr_in("repo")
        .args(["new", "--template", "nope", "X"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: no template named `nope`: the templates are security, template (in \
         ../org-templates, doc/adr/templates)\n"
    );
    // A name is a name, not a path.
    let out = s
        .adr_in("repo")
        .args(["new", "--template", "../org-templates/security", "X"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(s.files("repo/doc/adr").len(), 3, "nothing written");
}

#[test]
fn a_symlinked_template_is_refused_and_nothing_written() {
    let s = Sandbox::new();
    s.adr().arg("init").assert().success();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.txt");
    std::fs::write(&secret, "password\n").unwrap();
    std::fs::create_dir_all(s.path().join("doc/adr/templates")).unwrap();
    std::os::unix::fs::symlink(&secret, s.path().join("doc/adr/templates/leak.md")).unwrap();
    let out = s
        .adr()
        .args(["new", "--template", "leak", "X"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("doc/adr/templates/leak.md is a symbolic link to "),
        "{}",
        stderr(&out)
    );
    std::os::unix::fs::symlink(&secret, s.path().join("doc/adr/templates/template.md")).unwrap();
    let out = s.adr().args(["new", "Y"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        s.files("doc/adr"),
        ["0001-record-architecture-decisions.md", "templates"]
    );
}

#[test]
fn counts_of_one_are_singular() {
    let s = Log::new()
        .nygard(1, "X", "Accepted\n\nAmends [9. Nine](0009-nine.md)")
        .sandbox();
    let out = s.adr().arg("check").output().unwrap();
    assert!(
        stdout(&out).ends_with("1 record checked: 1 error, 0 warnings\n"),
        "{}",
        stdout(&out)
    );
    let out = s
        .adr()
        .args(["site", "build", "--out", "site"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("built 1 record of 1 project into site"),
        "{}",
        stderr(&out)
    );
    let home = s.read("site/index.html");
    assert!(home.contains("1 decision."), "{home}");
}
