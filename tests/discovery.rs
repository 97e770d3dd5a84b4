//! Finding the decision log where real repositories keep it: the well-known folders, config files
//! first, empty folders skipped, the walk bounded by the git repository, `adr new` writing into
//! the log found, `adr init` never starting a second one, and the site naming the project after
//! the repository.

mod common;

use common::{Sandbox, git, stderr, stdout};
use std::collections::BTreeMap;
use std::path::Path;

/// Every folder discovery knows, in its documented order.
const LOG_FOLDERS: [&str; 16] = [
    "doc/adr",
    "docs/adr",
    "docs/adrs",
    "docs/decisions",
    "docs/architecture/decisions",
    "docs/architecture/adr",
    "docs/architecture-decisions",
    "docs/architecture-decision-records",
    "doc/architecture/decisions",
    "doc/decisions",
    "architecture/decisions",
    "adr",
    "adrs",
    "decisions",
    "architecture-decision-records",
    "architecture-decision-record",
];

fn record(n: u32, title: &str) -> String {
    format!(
        "# {n}. {title}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n\n\
         ## Decision\n\nWhat.\n\n## Consequences\n\nSo.\n"
    )
}

/// `adr list` in `sub` of the sandbox: its stdout, after asserting it succeeded.
fn list(s: &Sandbox, sub: &str) -> String {
    let out = s.adr_in(sub).arg("list").output().unwrap();
    assert!(out.status.success(), "adr list in {sub}: {}", stderr(&out));
    stdout(&out)
}

/// Every folder and file under `root` with its bytes, to show a command changed nothing.
fn tree(root: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().display().to_string();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (rel, bytes)
        })
        .collect()
}

#[test]
fn every_well_known_folder_is_found_from_the_root_and_from_a_subfolder() {
    for folder in LOG_FOLDERS {
        let s = Sandbox::new();
        s.write(&format!("{folder}/0001-first.md"), record(1, "First"));
        std::fs::create_dir_all(s.path().join("src/deep")).unwrap();
        assert_eq!(
            list(&s, "."),
            format!("{folder}/0001-first.md\n"),
            "{folder}"
        );
        assert_eq!(
            list(&s, "src/deep"),
            format!("../../{folder}/0001-first.md\n"),
            "{folder} from src/deep"
        );
    }
}

#[test]
fn a_folder_counts_with_any_record_naming_style() {
    for name in [
        "adr-001-first.md",
        "20240131-first.md",
        "0001-first/README.md",
    ] {
        let s = Sandbox::new();
        s.write(&format!("docs/decisions/{name}"), record(1, "First"));
        assert_eq!(list(&s, "."), format!("docs/decisions/{name}\n"), "{name}");
    }
}

#[test]
fn an_empty_folder_does_not_hide_a_log_higher_up() {
    let s = Sandbox::new();
    s.write("adr/0001-real.md", record(1, "Real"));
    // Only a README and a template: no record, so not a log.
    s.write("pkg/docs/decisions/README.md", "# Decisions\n");
    s.write(
        "pkg/docs/decisions/templates/template.md",
        "# NUMBER. TITLE\n",
    );
    std::fs::create_dir_all(s.path().join("pkg/docs/adr")).unwrap();
    assert_eq!(list(&s, "pkg"), "../adr/0001-real.md\n");
}

#[test]
fn an_empty_folder_does_not_win_over_a_later_one_with_records() {
    let s = Sandbox::new();
    std::fs::create_dir_all(s.path().join("docs/adr")).unwrap();
    s.write("decisions/0001-real.md", record(1, "Real"));
    assert_eq!(list(&s, "."), "decisions/0001-real.md\n");
}

#[test]
fn an_empty_doc_adr_is_still_the_log_as_in_adr_tools() {
    let s = Sandbox::new();
    s.write("docs/decisions/0001-outer.md", record(1, "Outer"));
    std::fs::create_dir_all(s.path().join("inner/doc/adr")).unwrap();
    assert_eq!(list(&s, "inner"), "");
    let out = s.adr_in("inner").args(["new", "Inner"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "doc/adr/0001-inner.md\n");
}

#[test]
fn a_log_with_records_wins_over_an_empty_doc_adr_beside_it() {
    let s = Sandbox::new();
    std::fs::create_dir_all(s.path().join("doc/adr")).unwrap();
    s.write("docs/decisions/0001-real.md", record(1, "Real"));
    assert_eq!(list(&s, "."), "docs/decisions/0001-real.md\n");
}

#[test]
fn config_files_win_over_folders() {
    let s = Sandbox::new();
    s.write("docs/adr/0001-folder.md", record(1, "Folder"));
    s.write("doc/adr/0001-adr-tools.md", record(1, "Adr tools"));
    s.write("notes/0001-configured.md", record(1, "Configured"));
    s.write(".adr-dir", "notes\n");
    assert_eq!(list(&s, "."), "notes/0001-configured.md\n");
    s.write("arch/0001-toml.md", record(1, "Toml"));
    s.write(".adr.toml", "dir = \"arch\"\n");
    assert_eq!(list(&s, "."), "arch/0001-toml.md\n");
}

#[test]
fn the_first_folder_in_order_wins_and_new_names_the_others() {
    let s = Sandbox::new();
    s.write("decisions/0001-late.md", record(1, "Late"));
    s.write("docs/adr/0001-early.md", record(1, "Early"));
    assert_eq!(list(&s, "."), "docs/adr/0001-early.md\n");
    let out = s.adr().args(["new", "Next"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "docs/adr/0002-next.md\n");
    assert!(
        stderr(&out).contains("decisions also holds records"),
        "{}",
        stderr(&out)
    );
}

/// A repository whose log is `docs/decisions` with records 1 and 2.
fn madr_like() -> Sandbox {
    let s = Sandbox::new();
    s.write("docs/decisions/0001-a.md", record(1, "A"));
    s.write("docs/decisions/0002-b.md", record(2, "B"));
    s
}

#[test]
fn new_writes_into_the_discovered_log_after_its_highest_number() {
    let s = madr_like();
    std::fs::create_dir_all(s.path().join("src")).unwrap();
    let out = s.adr().args(["new", "X"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), "docs/decisions/0003-x.md\n");
    assert!(s.path().join("docs/decisions/0003-x.md").is_file());
    assert!(!s.path().join("doc").exists(), "a second log was started");
    let out = s.adr_in("src").args(["new", "Y"]).output().unwrap();
    assert_eq!(stdout(&out), "../docs/decisions/0004-y.md\n");
}

#[test]
fn init_refuses_beside_an_existing_log_and_writes_nothing() {
    let s = madr_like();
    for args in [
        &["init"][..],
        &["init", "records"],
        &["--dir", "doc/adr", "init"],
    ] {
        let before = tree(s.path());
        let out = s.adr().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with("error: a decision log already exists: docs/decisions holds 2 records"),
            "{args:?}: {err}"
        );
        assert!(
            err.contains("adr init --dir docs/decisions"),
            "{args:?}: {err}"
        );
        assert_eq!(stdout(&out), "");
        assert_eq!(tree(s.path()), before, "{args:?} changed the tree");
    }
}

#[test]
fn init_refuses_from_a_subfolder_and_names_every_log() {
    let s = madr_like();
    s.write("adr/0007-other.md", record(7, "Other"));
    std::fs::create_dir_all(s.path().join("src")).unwrap();
    let before = tree(s.path());
    let out = s.adr_in("src").arg("init").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "../docs/decisions holds 2 records, ../adr holds 1 record; not starting a second one"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(s.path()), before);
}

#[test]
fn init_naming_the_existing_log_only_adds_config() {
    let s = madr_like();
    let out = s
        .adr()
        .args(["init", "--dir", "docs/decisions"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), ".adr.toml\n");
    let config = s.read(".adr.toml");
    assert!(config.contains("dir = \"docs/decisions\""), "{config}");
    assert!(config.contains("format = \"nygard\""), "{config}");
    assert_eq!(s.files("docs/decisions"), ["0001-a.md", "0002-b.md"]);
    // Again: nothing is missing, so nothing is written.
    let before = tree(s.path());
    let out = s
        .adr()
        .args(["init", "--dir", "docs/decisions"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("nothing to do"), "{}", stderr(&out));
    assert_eq!(tree(s.path()), before);
}

#[test]
fn init_naming_a_second_folder_pins_it() {
    let s = Sandbox::new();
    s.write("docs/adr/0001-early.md", record(1, "Early"));
    s.write("decisions/0004-late.md", record(4, "Late"));
    let out = s.adr().args(["init", "decisions"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), ".adr-dir\n.adr.toml\n");
    assert_eq!(s.read(".adr-dir"), "decisions\n");
    assert_eq!(list(&s, "."), "decisions/0004-late.md\n");
}

#[test]
fn init_starts_the_log_a_config_file_here_names_while_it_is_empty() {
    for (file, text) in [
        (".adr-dir", "decisions\n"),
        (".adr.toml", "dir = \"decisions\"\n"),
    ] {
        let s = Sandbox::new();
        s.write(file, text);
        let out = s.adr().arg("init").output().unwrap();
        assert!(out.status.success(), "{file}: {}", stderr(&out));
        assert_eq!(
            stdout(&out),
            "decisions/0001-record-architecture-decisions.md\n",
            "{file}"
        );
        assert!(
            !s.path().join("doc").exists(),
            "{file}: a second log was started"
        );
    }
}

#[test]
fn the_walk_does_not_leave_a_git_repository() {
    for marker in ["dir", "file"] {
        let s = Sandbox::new();
        s.write("docs/decisions/0001-outer.md", record(1, "Outer"));
        std::fs::create_dir_all(s.path().join("inner/src")).unwrap();
        // Without a repository boundary the outer log is found: the test below means something.
        assert_eq!(
            list(&s, "inner/src"),
            "../../docs/decisions/0001-outer.md\n"
        );
        if marker == "dir" {
            git(&s.path().join("inner"), &["init", "-q"]);
        } else {
            // A worktree or submodule: `.git` is a file.
            s.write("inner/.git", "gitdir: ../.git/modules/inner\n");
        }
        for sub in ["inner", "inner/src"] {
            let out = s.adr_in(sub).arg("list").output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{marker} {sub}");
            assert!(
                stderr(&out).contains("decision directory doc/adr does not exist"),
                "{marker} {sub}: {}",
                stderr(&out)
            );
        }
        let out = s.adr_in("inner").args(["new", "Own"]).output().unwrap();
        assert_eq!(stdout(&out), "doc/adr/0001-own.md\n", "{marker}");
        assert_eq!(s.files("docs/decisions"), ["0001-outer.md"]);
        // The repository's own top is still searched.
        assert_eq!(
            list(&s, "inner/src"),
            "../doc/adr/0001-own.md\n",
            "{marker}"
        );
    }
}

/// The project name the built site shows for the repository in `project`.
fn site_shows(s: &Sandbox, project: &str, sub: &str, name: &str) {
    let at = format!("{project}/{sub}");
    let out = s
        .adr_in(&at)
        .args(["site", "build", "--out"])
        .arg(s.path().join("out"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let index = std::fs::read_to_string(s.path().join("out/index.html")).unwrap();
    assert!(
        index.contains(&format!("<span class=\"meta\">{name} · ")),
        "expected project `{name}`:\n{index}"
    );
}

#[test]
fn the_site_names_the_project_after_the_repository_not_the_decision_folder() {
    // A git repository whose log is `src/adr` (adr-tools' `.adr-dir`), built from a subfolder.
    let s = Sandbox::new();
    s.write("shop/src/adr/0001-a.md", record(1, "A"));
    s.write("shop/.adr-dir", "src/adr\n");
    std::fs::create_dir_all(s.path().join("shop/src/lib")).unwrap();
    git(&s.path().join("shop"), &["init", "-q"]);
    site_shows(&s, "shop", "src/lib", "shop");
    // No git: the folder the log was found in.
    let s = Sandbox::new();
    s.write("billing/design/decisions/0001-a.md", record(1, "A"));
    s.write("billing/.adr.toml", "dir = \"design/decisions\"\n");
    site_shows(&s, "billing", ".", "billing");
    // A discovered `docs/decisions`.
    let s = Sandbox::new();
    s.write("ledger/docs/decisions/0001-a.md", record(1, "A"));
    site_shows(&s, "ledger", ".", "ledger");
}

/// A repository kept for its decision records alone, with them at its top (`adr-001-use-adrs.md`
/// next to LICENSE): that folder is the log. A project whose top holds one numbered note is not.
#[test]
fn a_repository_of_records_at_its_top_is_the_log() {
    let s = Sandbox::new();
    git(s.path(), &["init", "-q"]);
    for (n, slug) in [(1, "use-adrs"), (2, "configuration"), (3, "module-loading")] {
        s.write(&format!("adr-00{n}-{slug}.md"), record(n, slug));
    }
    let out = list(&s, ".");
    assert_eq!(out.lines().count(), 3, "{out}");
    assert!(out.contains("adr-002-configuration.md"), "{out}");

    let project = Sandbox::new();
    git(project.path(), &["init", "-q"]);
    project.write("0001-notes.md", record(1, "Notes"));
    let out = project.adr_in(".").arg("list").output().unwrap();
    assert!(
        stderr(&out).contains("doc/adr") && !stdout(&out).contains("0001-notes"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}
