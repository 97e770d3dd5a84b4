//! adr-tools compatibility: its test scenarios, re-told here, run through `/bin/sh -v` the way
//! adr-tools' Makefile runs its own tests (an empty directory, `adr` first on PATH,
//! `ADR_DATE=1992-01-12`, empty `VISUAL` and `EDITOR`, `PS4='+ '`) plus `ADR_FORMAT=nygard`,
//! and compared byte for byte with what adr-tools prints.

use std::process::Command;

/// Runs `script` as adr-tools' Makefile would and returns stdout and stderr, interleaved.
fn run_like_adr_tools(script: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).expect("bin dir");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_adr"), bin.join("adr")).expect("symlink");
    let work = dir.path().join("work");
    std::fs::create_dir(&work).expect("work dir");
    std::fs::write(dir.path().join("test.sh"), script).expect("script");
    let out = Command::new("/bin/sh")
        .arg("-c")
        .arg("/bin/sh -v ../test.sh > ../output 2>&1")
        .current_dir(&work)
        .env_clear()
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("HOME", dir.path())
        .env("ADR_DATE", "1992-01-12")
        .env("VISUAL", "")
        .env("EDITOR", "")
        .env("PS4", "+ ")
        .env("ADR_FORMAT", "nygard")
        .status()
        .expect("sh runs");
    // The script's own exit status does not matter: adr-tools compares only the output.
    let _ = out;
    std::fs::read_to_string(dir.path().join("output")).expect("output")
}

fn check(script: &str, expected: &str) {
    let got = run_like_adr_tools(script);
    assert!(
        got == expected,
        "output differs\n--- expected\n{expected}\n--- got\n{got}"
    );
}

/// The Markdown adr-tools' template gives record `n`, up to its Context heading.
fn top(n: u32, title: &str, status: &[&str]) -> String {
    let mut out = format!("# {n}. {title}\n\nDate: 1992-01-12\n\n## Status\n\n");
    for line in status {
        out.push_str(line);
        out.push_str("\n\n");
    }
    out
}

/// The rest of adr-tools' template after the status: each section's guidance sentence, as
/// adr-tools writes it today (its early releases wrote `Context here...` and the like).
const TEMPLATE_SECTIONS: &str = "## Context\n\n\
    The issue motivating this decision, and any context that influences or constrains the \
    decision.\n\n\
    ## Decision\n\nThe change that we're proposing or have agreed to implement.\n\n\
    ## Consequences\n\nWhat becomes easier or more difficult to do and any risks introduced by \
    the change that will need to be mitigated.\n";

fn whole(n: u32, title: &str) -> String {
    format!("{}{TEMPLATE_SECTIONS}", top(n, title, &["Accepted"]))
}

#[test]
fn new_creates_the_first_record_from_the_template() {
    let expected = format!(
        "adr new Keep records in git\ndoc/adr/0001-keep-records-in-git.md\n\
         cat doc/adr/0001-keep-records-in-git.md\n{}",
        whole(1, "Keep records in git")
    );
    check(
        "adr new Keep records in git\ncat doc/adr/0001-keep-records-in-git.md\n",
        &expected,
    );
}

#[test]
fn numbers_run_past_eight_and_nine_without_octal_trouble() {
    let mut expected = String::from("for n in 1 2 3 4 5 6 7 8 9 10 11; do adr new Step $n; done\n");
    for n in 1..=11 {
        expected.push_str(&format!("doc/adr/{n:04}-step-{n}.md\n"));
    }
    expected.push_str("ls doc/adr\n");
    for n in 1..=11 {
        expected.push_str(&format!("{n:04}-step-{n}.md\n"));
    }
    check(
        "for n in 1 2 3 4 5 6 7 8 9 10 11; do adr new Step $n; done\nls doc/adr\n",
        &expected,
    );
}

#[test]
fn odd_characters_in_titles_make_a_plain_slug() {
    check(
        "adr new 'Quote \"this\", then (that); ok?'\nhead -1 doc/adr/0001-*.md\n",
        "adr new 'Quote \"this\", then (that); ok?'\n\
         doc/adr/0001-quote-this-then-that-ok.md\n\
         head -1 doc/adr/0001-*.md\n# 1. Quote \"this\", then (that); ok?\n",
    );
}

#[test]
fn visual_is_preferred_to_editor_and_the_path_is_printed_after() {
    let script = "printf '#!/bin/sh\\necho \"$0 edits $1\"\\n' > ed.sh\nchmod +x ed.sh\n\
        EDITOR=./ed.sh adr new With Editor\n\
        VISUAL=./ed.sh EDITOR=false adr new With Visual\n";
    let expected = "printf '#!/bin/sh\\necho \"$0 edits $1\"\\n' > ed.sh\nchmod +x ed.sh\n\
        EDITOR=./ed.sh adr new With Editor\n\
        ./ed.sh edits doc/adr/0001-with-editor.md\ndoc/adr/0001-with-editor.md\n\
        VISUAL=./ed.sh EDITOR=false adr new With Visual\n\
        ./ed.sh edits doc/adr/0002-with-visual.md\ndoc/adr/0002-with-visual.md\n";
    check(script, expected);
}

#[test]
fn a_title_is_required() {
    check("adr new\n", "adr new\nERROR: no title given\n");
}

#[test]
fn double_dash_ends_the_options() {
    check(
        "adr new -- -s is not an option\n",
        "adr new -- -s is not an option\ndoc/adr/0001-s-is-not-an-option.md\n",
    );
}

#[test]
fn init_writes_the_first_record() {
    let first = "# 1. Record architecture decisions\n\nDate: 1992-01-12\n\n## Status\n\nAccepted\n\n\
        ## Context\n\nWe need to record the architectural decisions made on this project.\n\n\
        ## Decision\n\nWe will use Architecture Decision Records, as [described by Michael \
        Nygard](http://thinkrelevance.com/blog/2011/11/15/documenting-architecture-decisions).\n\n\
        ## Consequences\n\nSee Michael Nygard's article, linked above. For a lightweight ADR \
        toolset, see Nat Pryce's [adr-tools](https://github.com/npryce/adr-tools).\n";
    check(
        "adr init\ncat doc/adr/0001-record-architecture-decisions.md\n",
        &format!(
            "adr init\ndoc/adr/0001-record-architecture-decisions.md\n\
             cat doc/adr/0001-record-architecture-decisions.md\n{first}"
        ),
    );
}

#[test]
fn init_in_another_directory_is_used_by_new() {
    check(
        "adr init records\nadr new Second\nls records\n",
        "adr init records\nrecords/0001-record-architecture-decisions.md\n\
         adr new Second\nrecords/0002-second.md\nls records\n\
         0001-record-architecture-decisions.md\n0002-second.md\n",
    );
}

#[test]
fn the_directory_is_found_from_a_subdirectory() {
    check(
        "adr init\nmkdir -p src/deep\ncd src/deep\nadr new From Below\nadr list\n",
        "adr init\ndoc/adr/0001-record-architecture-decisions.md\nmkdir -p src/deep\ncd src/deep\n\
         adr new From Below\n../../doc/adr/0002-from-below.md\nadr list\n\
         ../../doc/adr/0001-record-architecture-decisions.md\n../../doc/adr/0002-from-below.md\n",
    );
}

#[test]
fn a_custom_directory_is_found_from_a_subdirectory() {
    check(
        "adr init notes/arch\nmkdir -p lib/x\ncd lib/x\nadr new Custom\n",
        "adr init notes/arch\nnotes/arch/0001-record-architecture-decisions.md\nmkdir -p lib/x\n\
         cd lib/x\nadr new Custom\n../../notes/arch/0002-custom.md\n",
    );
}

#[test]
fn list_prints_every_record() {
    check(
        "adr init\nadr new Alpha\nadr new Beta\nadr list\n",
        "adr init\ndoc/adr/0001-record-architecture-decisions.md\nadr new Alpha\n\
         doc/adr/0002-alpha.md\nadr new Beta\ndoc/adr/0003-beta.md\nadr list\n\
         doc/adr/0001-record-architecture-decisions.md\ndoc/adr/0002-alpha.md\ndoc/adr/0003-beta.md\n",
    );
}

#[test]
fn list_before_any_record_names_the_missing_directory() {
    check(
        "adr list\nadr new Only\nadr list\n",
        "adr list\nThe doc/adr directory does not exist\nadr new Only\ndoc/adr/0001-only.md\n\
         adr list\ndoc/adr/0001-only.md\n",
    );
}

#[test]
fn list_names_a_missing_adr_dir_relative_to_where_it_runs() {
    check(
        "echo decisions > .adr-dir\nmkdir sub\ncd sub\nadr list\n",
        "echo decisions > .adr-dir\nmkdir sub\ncd sub\nadr list\n\
         The ../decisions directory does not exist\n",
    );
}

#[test]
fn a_project_template_is_used() {
    let script = "adr init\nmkdir -p doc/adr/templates\n\
        printf '# NUMBER TITLE\\n\\nDATE STATUS\\n' > doc/adr/templates/template.md\n\
        adr new Own Template\ncat doc/adr/0002-own-template.md\n";
    let expected = "adr init\ndoc/adr/0001-record-architecture-decisions.md\n\
        mkdir -p doc/adr/templates\n\
        printf '# NUMBER TITLE\\n\\nDATE STATUS\\n' > doc/adr/templates/template.md\n\
        adr new Own Template\ndoc/adr/0002-own-template.md\ncat doc/adr/0002-own-template.md\n\
        # 2 Own Template\n\n1992-01-12 Accepted\n";
    check(script, expected);
}

#[test]
fn new_with_s_supersedes_an_existing_record() {
    let expected = format!(
        "adr new Use Ant\ndoc/adr/0001-use-ant.md\nadr new -s 1 Use Gradle\ndoc/adr/0002-use-gradle.md\n\
         head -10 doc/adr/0001-use-ant.md\n{}## Context\n\n\
         head -12 doc/adr/0002-use-gradle.md\n{}## Context\n\n",
        top(
            1,
            "Use Ant",
            &["Superceded by [2. Use Gradle](0002-use-gradle.md)"]
        ),
        top(
            2,
            "Use Gradle",
            &["Accepted", "Supercedes [1. Use Ant](0001-use-ant.md)"]
        ),
    );
    check(
        "adr new Use Ant\nadr new -s 1 Use Gradle\nhead -10 doc/adr/0001-use-ant.md\n\
         head -12 doc/adr/0002-use-gradle.md\n",
        &expected,
    );
}

#[test]
fn new_with_two_s_supersedes_both() {
    let expected = format!(
        "adr new One\ndoc/adr/0001-one.md\nadr new Two\ndoc/adr/0002-two.md\n\
         adr new -s 1 -s 2 Three\ndoc/adr/0003-three.md\n\
         head -8 doc/adr/0001-one.md\n{}head -8 doc/adr/0002-two.md\n{}\
         head -12 doc/adr/0003-three.md\n{}",
        top(1, "One", &["Superceded by [3. Three](0003-three.md)"]),
        top(2, "Two", &["Superceded by [3. Three](0003-three.md)"]),
        top(
            3,
            "Three",
            &[
                "Accepted",
                "Supercedes [1. One](0001-one.md)",
                "Supercedes [2. Two](0002-two.md)"
            ]
        ),
    );
    check(
        "adr new One\nadr new Two\nadr new -s 1 -s 2 Three\nhead -8 doc/adr/0001-one.md\n\
         head -8 doc/adr/0002-two.md\nhead -12 doc/adr/0003-three.md\n",
        &expected,
    );
}

const THREE: &str = "adr new One\ndoc/adr/0001-one.md\nadr new Two\ndoc/adr/0002-two.md\n";

fn linked_heads() -> String {
    format!(
        "head -12 doc/adr/0001-one.md\n{}## Context\n\nhead -12 doc/adr/0002-two.md\n{}## Context\n\n\
         head -14 doc/adr/0003-three.md\n{}## Context\n\n",
        top(
            1,
            "One",
            &["Accepted", "Amended by [3. Three](0003-three.md)"]
        ),
        top(
            2,
            "Two",
            &["Accepted", "Clarified by [3. Three](0003-three.md)"]
        ),
        top(
            3,
            "Three",
            &[
                "Accepted",
                "Amends [1. One](0001-one.md)",
                "Clarifies [2. Two](0002-two.md)"
            ]
        ),
    )
}

const HEADS: &str =
    "head -12 doc/adr/0001-one.md\nhead -12 doc/adr/0002-two.md\nhead -14 doc/adr/0003-three.md\n";

#[test]
fn link_adds_both_directions() {
    let script = format!(
        "adr new One\nadr new Two\nadr new Three\nadr link 3 Amends 1 \"Amended by\"\n\
         adr link 3 Clarifies 2 \"Clarified by\"\n{HEADS}"
    );
    let expected = format!(
        "{THREE}adr new Three\ndoc/adr/0003-three.md\nadr link 3 Amends 1 \"Amended by\"\n\
         adr link 3 Clarifies 2 \"Clarified by\"\n{}",
        linked_heads()
    );
    check(&script, &expected);
}

#[test]
fn new_with_l_links_the_new_record() {
    let script = format!(
        "adr new One\nadr new Two\n\
         adr new -l \"1:Amends:Amended by\" -l \"2:Clarifies:Clarified by\" Three\n{HEADS}"
    );
    let expected = format!(
        "{THREE}adr new -l \"1:Amends:Amended by\" -l \"2:Clarifies:Clarified by\" Three\n\
         doc/adr/0003-three.md\n{}",
        linked_heads()
    );
    check(&script, &expected);
}

const TOC_RECORDS: &str = "adr new One\nadr new Two\n";

fn toc_list(prefix: &str) -> String {
    format!("* [1. One]({prefix}0001-one.md)\n* [2. Two]({prefix}0002-two.md)\n")
}

#[test]
fn generate_toc_lists_the_records() {
    check(
        &format!("{TOC_RECORDS}adr generate toc\n"),
        &format!(
            "{THREE}adr generate toc\n# Architecture Decision Records\n\n{}",
            toc_list("")
        ),
    );
}

#[test]
fn generate_toc_prefixes_links() {
    check(
        &format!("{TOC_RECORDS}adr generate toc -p site/adr/\n"),
        &format!(
            "{THREE}adr generate toc -p site/adr/\n# Architecture Decision Records\n\n{}",
            toc_list("site/adr/")
        ),
    );
}

#[test]
fn generate_toc_takes_intro_and_outro_from_files() {
    let files = "cat > intro.md <<EOF\nBefore the list.\n\nSecond paragraph.\nEOF\n\
        cat > outro.md <<EOF\nAfter the list.\nEOF\n";
    check(
        &format!("{TOC_RECORDS}{files}adr generate toc -i intro.md -o outro.md\n"),
        &format!(
            "{THREE}{files}adr generate toc -i intro.md -o outro.md\n\
             # Architecture Decision Records\n\nBefore the list.\n\nSecond paragraph.\n\n{}\n\
             After the list.\n",
            toc_list("")
        ),
    );
}

fn graph(prefix: &str, ext: &str) -> String {
    let titles = [
        "Record architecture decisions",
        "Try A",
        "Try B",
        "Keep C",
        "Settle",
    ];
    let slugs = [
        "record-architecture-decisions",
        "try-a",
        "try-b",
        "keep-c",
        "settle",
    ];
    let mut out = String::from("digraph {\n  node [shape=plaintext];\n  subgraph {\n");
    for (i, (t, s)) in titles.iter().zip(slugs).enumerate() {
        let n = i + 1;
        out.push_str(&format!(
            "    _{n} [label=\"{n}. {t}\"; URL=\"{prefix}{n:04}-{s}{ext}\"];\n"
        ));
        if n > 1 {
            out.push_str(&format!(
                "    _{} -> _{n} [style=\"dotted\", weight=1];\n",
                n - 1
            ));
        }
    }
    out.push_str("  }\n  _3 -> _2 [label=\"Supercedes\", weight=0]\n");
    out.push_str("  _5 -> _3 [label=\"Supercedes\", weight=0]\n}\n");
    out
}

#[test]
fn generate_graph_prints_adr_tools_dot() {
    let setup =
        "adr init\nadr new Try A\nadr new -s 2 Try B\nadr new Keep C\nadr new -s 3 Settle\n";
    let printed = "adr init\ndoc/adr/0001-record-architecture-decisions.md\n\
        adr new Try A\ndoc/adr/0002-try-a.md\nadr new -s 2 Try B\ndoc/adr/0003-try-b.md\n\
        adr new Keep C\ndoc/adr/0004-keep-c.md\nadr new -s 3 Settle\ndoc/adr/0005-settle.md\n";
    check(
        &format!("{setup}adr generate graph\nadr generate graph -p https://x.test/ -e .htm\n"),
        &format!(
            "{printed}adr generate graph\n{}adr generate graph -p https://x.test/ -e .htm\n{}",
            graph("", ".html"),
            graph("https://x.test/", ".htm")
        ),
    );
}

#[test]
fn upgrade_repository_makes_dates_iso() {
    let script = "adr init\nadr new Old Date\n\
        sed -i -e 's+^Date: .*$+Date: 12/01/1992+' doc/adr/0002-old-date.md\n\
        grep 'Date: ' doc/adr/*\nadr upgrade-repository\ngrep 'Date: ' doc/adr/*\n";
    let grep = |second: &str| {
        format!(
            "doc/adr/0001-record-architecture-decisions.md:Date: 1992-01-12\n\
             doc/adr/0002-old-date.md:Date: {second}\n"
        )
    };
    check(
        script,
        &format!(
            "adr init\ndoc/adr/0001-record-architecture-decisions.md\nadr new Old Date\n\
             doc/adr/0002-old-date.md\n\
             sed -i -e 's+^Date: .*$+Date: 12/01/1992+' doc/adr/0002-old-date.md\n\
             grep 'Date: ' doc/adr/*\n{}adr upgrade-repository\ngrep 'Date: ' doc/adr/*\n{}",
            grep("12/01/1992"),
            grep("1992-01-12")
        ),
    );
}
