//! How real-world records are read, as a user sees it through `adr list --format json`,
//! `adr export --format json` and `adr check`: titles, statuses and their links, dates and
//! broken front matter. Every fixture is a small record written here for its one case.

mod common;

use common::log::Log;
use common::{Sandbox, stderr, stdout};
use serde_json::Value;

/// A repository whose `doc/adr` holds exactly these files (paths relative to `doc/adr`).
fn repo(files: &[(&str, &str)]) -> Sandbox {
    Log::new().files(files).sandbox()
}

/// `adr list --format json`, parsed. The exit code is not asserted: records that could not be
/// read cleanly give 3 and are still listed.
fn list(s: &Sandbox) -> Vec<Value> {
    json_of(s, &["list", "--format", "json"])
        .as_array()
        .expect("a JSON array")
        .clone()
}

/// `adr export --format json`'s records, parsed (exit code not asserted, as for [`list`]).
fn export(s: &Sandbox) -> Vec<Value> {
    json_of(s, &["export", "--format", "json"])["records"]
        .as_array()
        .expect("a records array")
        .clone()
}

fn json_of(s: &Sandbox, args: &[&str]) -> Value {
    let out = s.adr().args(args).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "adr {args:?} did not print JSON ({e}): {}\n{}",
            stdout(&out),
            stderr(&out)
        )
    })
}

/// The exported record at `doc/adr/<name>` (export paths are relative to the decision log).
fn record(s: &Sandbox, name: &str) -> Value {
    let all = export(s);
    all.iter()
        .find(|r| r["path"] == name)
        .unwrap_or_else(|| panic!("{name} is not exported: {all:#?}"))
        .clone()
}

/// The record of a repository holding only `name` with `text`.
fn only(name: &str, text: &str) -> Value {
    record(&repo(&[(name, text)]), name)
}

/// `(kind, target)` of every link of a record.
fn links(r: &Value) -> Vec<(String, String)> {
    r["links"]
        .as_array()
        .unwrap_or_else(|| panic!("no links array: {r:#}"))
        .iter()
        .map(|l| {
            (
                l["kind"].as_str().unwrap_or_default().to_owned(),
                l["target"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn link(kind: &str, target: &str) -> (String, String) {
    (kind.to_owned(), target.to_owned())
}

/// The supersede links (either direction) of a record.
fn supersede_links(r: &Value) -> Vec<(String, String)> {
    links(r)
        .into_iter()
        .filter(|(kind, _)| kind.starts_with("supersede"))
        .collect()
}

/// An adr-tools record: heading, date, a status section holding `status`, and a context.
fn nygard(heading: &str, status: &str) -> String {
    nygard_with_context(heading, status, "We need to decide.")
}

/// An adr-tools record whose context section holds `context`.
fn nygard_with_context(heading: &str, status: &str, context: &str) -> String {
    format!(
        "# {heading}\n\nDate: 2020-01-01\n\n## Status\n\n{status}\n\n## Context\n\n{context}\n\n\
         ## Decision\n\nWe will.\n\n## Consequences\n\nSome.\n"
    )
}

/// A record with no date line whose only date is in the `changelog` section text.
fn with_changelog(changelog: &str) -> String {
    format!(
        "# Use X\n\n## Status\n\nAccepted\n\n## Context\n\nWe need to decide.\n\n\
         ## Decision\n\nWe will.\n\n{changelog}\n"
    )
}

// --- Titles ----------------------------------------------------------------------------------

/// A number at the start of the heading that repeats the file's number is not part of the
/// title; a heading that merely starts with a number is kept whole.
#[test]
fn a_heading_number_matching_the_file_is_dropped_but_a_title_starting_with_a_number_is_kept() {
    let s = repo(&[
        ("023-logging.md", &nygard("23 Logging", "Accepted")),
        ("0005-2038-problem.md", &nygard("2038 problem", "Accepted")),
    ]);
    let logging = record(&s, "023-logging.md");
    assert_eq!(logging["number"], 23, "{logging:#}");
    assert_eq!(logging["title"], "Logging", "{logging:#}");
    let y2038 = record(&s, "0005-2038-problem.md");
    assert_eq!(y2038["number"], 5, "{y2038:#}");
    assert_eq!(y2038["title"], "2038 problem", "{y2038:#}");
}

/// The file name gives the number; a stale number in the heading is dropped from the title.
#[test]
fn a_stale_number_in_the_heading_yields_to_the_file_name() {
    let r = only(
        "030-aws-root.md",
        &nygard("29 Kubernetes auditing", "Accepted"),
    );
    assert_eq!(r["number"], 30, "{r:#}");
    assert_eq!(r["title"], "Kubernetes auditing", "{r:#}");
}

/// `ADR 45 -`, `ADR-012:` and `1.` before a title are its number, not its words.
#[test]
fn adr_number_prefixes_are_not_part_of_the_title() {
    let s = repo(&[
        (
            "0045-abci-evidence.md",
            &nygard("ADR 45 - ABCI Evidence", "Accepted"),
        ),
        ("0012-use-x.md", &nygard("ADR-012: Use X", "Accepted")),
        (
            "0001-record-decisions.md",
            &nygard("1. Record decisions", "Accepted"),
        ),
    ]);
    for (file, title) in [
        ("0045-abci-evidence.md", "ABCI Evidence"),
        ("0012-use-x.md", "Use X"),
        ("0001-record-decisions.md", "Record decisions"),
    ] {
        let r = record(&s, file);
        assert_eq!(r["title"], title, "{file}: {r:#}");
    }
}

/// A first line `#Title` (no space) is the title when there is no proper heading.
#[test]
fn a_first_line_hash_without_a_space_is_the_title() {
    let r = only(
        "0004-redis.md",
        "#Use Redis\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nCaching.\n",
    );
    assert_eq!(r["title"], "Use Redis", "{r:#}");
}

/// A `title:` in the front matter wins over the body's first heading.
#[test]
fn a_front_matter_title_wins_over_the_heading() {
    let r = only(
        "0003-kafka.md",
        "---\ntitle: Use Kafka\nstatus: accepted\ndate: 2021-02-03\n---\n\n# Something else\n\n\
         ## Context\n\nEvents.\n",
    );
    assert_eq!(r["title"], "Use Kafka", "{r:#}");
}

/// Inline code in a heading keeps its backticks in the title.
#[test]
fn inline_code_in_the_heading_keeps_its_backticks() {
    let r = only(
        "0006-nop-mempool.md",
        &nygard("6. Use `nop` mempool", "Accepted"),
    );
    let title = r["title"].as_str().unwrap_or_default();
    assert!(title.contains("`nop`"), "{r:#}");
    assert_eq!(title, "Use `nop` mempool", "{r:#}");
}

/// Without a heading or a `title:`, the title is the file's (or the record folder's) slug;
/// a folder named `YYYY-MM-DD-slug` also gives the date, and `NNNN-slug` the number.
#[test]
fn without_a_heading_the_title_is_the_slug_of_the_file_or_folder() {
    let plain = only(
        "0007-private-fields.md",
        "## Status\n\nAccepted\n\n## Context\n\nFields should be private.\n",
    );
    assert_eq!(plain["number"], 7, "{plain:#}");
    assert_eq!(plain["title"], "private-fields", "{plain:#}");

    let dated = only(
        "2023-12-19-token-refactor/README.md",
        "## Decision\n\nRefactor the token module.\n\n## Consequences\n\nFewer bugs.\n",
    );
    assert_eq!(dated["title"], "token-refactor", "{dated:#}");
    assert_eq!(dated["date"], "2023-12-19", "{dated:#}");

    let numbered = only(
        "0004-use-x/index.md",
        "## Decision\n\nUse X.\n\n## Consequences\n\nWe use X.\n",
    );
    assert_eq!(numbered["number"], 4, "{numbered:#}");
    assert_eq!(numbered["title"], "use-x", "{numbered:#}");
}

/// A heading left from the template is not a title; the folder's slug is.
#[test]
fn a_template_heading_is_not_a_title() {
    let s = repo(&[
        (
            "0003-use-y/README.md",
            "# Title of the Decision Record\n\n## Status\n\nAccepted\n\n## Decision\n\nUse Y.\n",
        ),
        (
            "0008-pick-db/index.md",
            "# [short title of solved problem and solution]\n\n## Decision Outcome\n\n\
             Chosen option: Postgres.\n",
        ),
    ]);
    let y = record(&s, "0003-use-y/README.md");
    assert_eq!(y["title"], "use-y", "{y:#}");
    let db = record(&s, "0008-pick-db/index.md");
    assert_eq!(db["title"], "pick-db", "{db:#}");
}

/// An RFC's `- Feature Name:` is its title when there is no heading, unless it is `N/A`.
#[test]
fn an_rfc_feature_name_is_the_title_unless_it_is_n_a() {
    let s = repo(&[
        (
            "0002-workspace-deduplicate.md",
            "- Feature Name: `inherit-default-features`\n- Start Date: 2021-03-04\n\
             - RFC PR: [rust-lang/rfcs#1](https://github.com/rust-lang/rfcs/pull/1)\n\n\
             ## Summary\n\nInherit them.\n\n## Motivation\n\nLess repetition.\n",
        ),
        (
            "0003-const-generics.md",
            "- Feature Name: N/A\n- Start Date: 2021-03-04\n\n## Summary\n\nConst generics.\n\n\
             ## Motivation\n\nArrays.\n",
        ),
    ]);
    let named = record(&s, "0002-workspace-deduplicate.md");
    assert_eq!(named["title"], "inherit-default-features", "{named:#}");
    let na = record(&s, "0003-const-generics.md");
    assert_eq!(na["title"], "const-generics", "{na:#}");
}

// --- Status ----------------------------------------------------------------------------------

/// A "Superseded by [...]" line in the status section (or "Superceded by", "Replaced by")
/// makes the record superseded and links it to its successor, whatever status came before.
#[test]
fn a_superseded_by_line_in_the_status_section_supersedes_the_record() {
    let s = repo(&[
        (
            "0002-old.md",
            &nygard("2. Old", "Accepted\n\nSuperseded by [3. New](0003-new.md)"),
        ),
        ("0003-new.md", &nygard("3. New", "Accepted")),
        (
            "0004-older.md",
            &nygard(
                "4. Older",
                "Accepted\n\nSuperceded by [5. Newer](0005-newer.md)",
            ),
        ),
        ("0005-newer.md", &nygard("5. Newer", "Accepted")),
        (
            "0006-oldest.md",
            &nygard(
                "6. Oldest",
                "Accepted\n\nReplaced by [7. Newest](0007-newest.md)",
            ),
        ),
        ("0007-newest.md", &nygard("7. Newest", "Accepted")),
    ]);
    for (file, target) in [
        ("0002-old.md", "0003-new.md"),
        ("0004-older.md", "0005-newer.md"),
        ("0006-oldest.md", "0007-newest.md"),
    ] {
        let r = record(&s, file);
        assert_eq!(r["status"], "superseded", "{file}: {r:#}");
        assert!(
            links(&r).contains(&link("superseded-by", target)),
            "{file}: {r:#}"
        );
    }
}

/// MADR's `status: "superseded by ADR-12"` is superseded, with a link to record 12.
#[test]
fn a_madr_superseded_by_status_links_to_the_named_record() {
    let r = only(
        "0009-use-x.md",
        "---\nstatus: \"superseded by ADR-12\"\ndate: 2021-01-01\n---\n\n# Use X\n\n\
         ## Context and Problem Statement\n\nWe need X.\n",
    );
    assert_eq!(r["status"], "superseded", "{r:#}");
    assert_eq!(
        supersede_links(&r),
        vec![link("superseded-by", "12")],
        "{r:#}"
    );
}

/// A sentence in which this record supersedes others links to them; a rejection "in favour
/// of" another record, or a story about two other records, is no supersede link.
#[test]
fn only_sentences_about_this_record_give_supersede_links() {
    let s = repo(&[
        (
            "0004-new.md",
            &nygard_with_context(
                "4. New",
                "Accepted",
                "This ADR supersedes [ADR 3](0003-old.md).",
            ),
        ),
        (
            "0062-merge.md",
            &nygard_with_context(
                "62. Merge",
                "Accepted",
                "This ADR supersedes the decisions made in ADRs 60 and 61, but keeps their \
                 naming rules.",
            ),
        ),
        (
            "0110-rejected.md",
            &nygard("110. Rejected", "Rejected in favour of ADR 111"),
        ),
        (
            "0008-history.md",
            &nygard_with_context(
                "8. History",
                "Accepted",
                "ADR 3 was superseded by ADR 7 last year.",
            ),
        ),
    ]);
    let new = record(&s, "0004-new.md");
    assert_eq!(
        supersede_links(&new),
        vec![link("supersedes", "0003-old.md")],
        "{new:#}"
    );
    let merge = record(&s, "0062-merge.md");
    assert_eq!(
        supersede_links(&merge),
        vec![link("supersedes", "60"), link("supersedes", "61")],
        "{merge:#}"
    );
    let rejected = record(&s, "0110-rejected.md");
    assert_eq!(rejected["status"], "rejected", "{rejected:#}");
    assert_eq!(supersede_links(&rejected), vec![], "{rejected:#}");
    let history = record(&s, "0008-history.md");
    assert_eq!(links(&history), vec![], "{history:#}");
    assert_eq!(history["status"], "accepted", "{history:#}");
}

/// An emoji before the status word and a remark after it do not hide the status; the raw
/// text keeps both.
#[test]
fn an_emoji_and_a_remark_around_the_status_word_are_read_through() {
    let r = only(
        "0003-existing.md",
        &nygard(
            "3. Existing thing",
            "✅ Accepted (documenting an existing thing)",
        ),
    );
    assert_eq!(r["status"], "accepted", "{r:#}");
    assert_eq!(
        r["status_raw"], "✅ Accepted (documenting an existing thing)",
        "{r:#}"
    );
}

/// A template's list of choices is not a status, its example link is not a link, and its
/// date placeholder is not a date.
#[test]
fn template_placeholders_give_no_status_link_or_date() {
    let s = repo(&[
        (
            "0002-choices.md",
            "# 2. Choices\n\n## Status\n\n{Deprecated|Proposed|Accepted|Declined}\n\n\
             ## Context\n\nWe need to decide.\n",
        ),
        (
            "0003-madr-two.md",
            "# Use Y\n\n* Status: [proposed | rejected | accepted | deprecated | … | \
             superseded by [ADR-0005](0005-example.md)]\n\
             * Deciders: [list everyone involved in the decision]\n\
             * Date: [YYYY-MM-DD when the decision was last updated]\n\n\
             ## Context and Problem Statement\n\nWe need Y.\n",
        ),
    ]);
    let choices = record(&s, "0002-choices.md");
    assert_eq!(choices["status"], Value::Null, "{choices:#}");
    let madr = record(&s, "0003-madr-two.md");
    assert_eq!(madr["status"], Value::Null, "{madr:#}");
    assert_eq!(links(&madr), vec![], "{madr:#}");
    assert_eq!(madr["date"], Value::Null, "{madr:#}");
}

/// A link in the status section that only points elsewhere ("See ...", "Proposed in ...")
/// is not a relation between records.
#[test]
fn a_reference_in_the_status_section_is_not_a_link() {
    let s = repo(&[
        (
            "0006-see.md",
            &nygard(
                "6. See",
                "Accepted\n\nSee [ADR 5](0005-x.md) for the background.",
            ),
        ),
        ("0005-x.md", &nygard("5. X", "Accepted")),
        (
            "0007-pr.md",
            &nygard(
                "7. PR",
                "Proposed in [PR 12](https://github.com/o/r/pull/12)",
            ),
        ),
    ]);
    let see = record(&s, "0006-see.md");
    assert_eq!(see["status"], "accepted", "{see:#}");
    assert_eq!(links(&see), vec![], "{see:#}");
    let pr = record(&s, "0007-pr.md");
    assert_eq!(pr["status"], "proposed", "{pr:#}");
    assert_eq!(links(&pr), vec![], "{pr:#}");
}

/// "Partly superseded" is superseded.
#[test]
fn partly_superseded_is_superseded() {
    let r = only("0004-partly.md", &nygard("4. Partly", "Partly superseded"));
    assert_eq!(r["status"], "superseded", "{r:#}");
    assert_eq!(r["status_raw"], "Partly superseded", "{r:#}");
}

/// What a status no longer is, struck through or left as a template comment, is not read:
/// `~~Proposed~~ Accepted` is accepted, `Accepted <!-- optional -->` is accepted; a short
/// sentence naming one state is that state unless it is negated.
#[test]
fn struck_words_comments_and_sentences_in_a_status() {
    let r = only("0001-a.md", &nygard("1. A", "~~Proposed~~ Accepted"));
    assert_eq!(r["status"], "accepted", "{r:#}");
    let r = only(
        "0002-b.md",
        "# 2. B\n\n* Status: accepted <!-- optional -->\n* Date: 2021-02-03\n\n## Context\n\nX.\n",
    );
    assert_eq!(r["status"], "accepted", "{r:#}");
    assert_eq!(r["status_raw"], "accepted", "{r:#}");
    let r = only(
        "0003-c.md",
        &nygard(
            "3. C",
            "The decision was accepted by the architecture board.",
        ),
    );
    assert_eq!(r["status"], "accepted", "{r:#}");
    let r = only("0004-d.md", &nygard("4. D", "Not yet accepted"));
    assert_ne!(r["status"], "accepted", "{r:#}");
}

/// Metadata written as a table under the title is read like `Status:` lines.
#[test]
fn a_metadata_table_under_the_title_is_read() {
    let r = only(
        "0005-table.md",
        "# 5. Table\n\n| Field | Value |\n|---|---|\n| **Status** | Accepted |\n\
         | Date | 2022-03-04 |\n\n## Context\n\nX.\n",
    );
    assert_eq!(r["status"], "accepted", "{r:#}");
    assert_eq!(r["date"], "2022-03-04", "{r:#}");
}

/// A metadata table whose header row names the fields (`| Status | Date | Author(s) |`) is
/// read column by column, and its header is not taken for a value.
#[test]
fn a_metadata_table_with_a_header_row_is_read_by_column() {
    let r = only(
        "001-drop-kafka.md",
        "| Status   | Date       | Author(s) |\n|:---------|:-----------|:----------|\n\
         | Proposed | 2025-01-07 | [@ana](https://example.org/ana) |\n\n## Context\n\nX.\n",
    );
    assert_eq!(r["status"], "proposed", "{r:#}");
    assert_eq!(r["date"], "2025-01-07", "{r:#}");
}

/// A `Last Updated` line is the record's date when it states no other (MADR's own date is
/// "when the decision was last updated"); a `Date` line wins over it.
#[test]
fn a_last_updated_line_dates_a_record_without_a_date_line() {
    let r = only(
        "0001-theming.md",
        "# ADR 0001: Theming\n\n* **Status**: Implemented\n* **Last Updated**: 2026-04-01\n\n## Context\n\nX.\n",
    );
    assert_eq!(r["date"], "2026-04-01", "{r:#}");
    let r = only(
        "0002-other.md",
        "# 2. Other\n\n* Last updated: 2026-04-01\n* Date: 2025-01-02\n\n## Status\n\nAccepted\n",
    );
    assert_eq!(r["date"], "2025-01-02", "{r:#}");
}

/// A numbered index page (`000-index.md`) is the log's own page, not a record; one relation
/// named twice (in the status and in a link line) is one link.
#[test]
fn index_pages_are_no_records_and_a_relation_named_twice_is_one_link() {
    let s = repo(&[
        ("000-index.md", "Here is where we keep our ADRs.\n"),
        (
            "0057-new.md",
            "---\nstatus: \"accepted; supersedes ADR-0045\"\n---\n# New\n\n## Links\n\n\
             - Supersedes [45. Old](0045-old.md)\n",
        ),
    ]);
    let all = export(&s);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(supersede_links(&all[0]).len(), 1, "{all:#?}");
}

/// `* Supersedes: [ADR-1](0001-old.md)` and `Superseded by: ADR-12` in the metadata lines
/// under the title are supersede links.
#[test]
fn supersede_metadata_lines_are_links() {
    let r = only(
        "0006-new.md",
        "# 6. New\n\n* Status: accepted\n* Supersedes: [ADR-1](0001-old.md)\n\n## Context\n\nX.\n",
    );
    assert_eq!(
        supersede_links(&r),
        [link("supersedes", "0001-old.md")],
        "{r:#}"
    );
    let r = only(
        "0007-old.md",
        "# 7. Old\n\nStatus: superseded\nSuperseded by: ADR-12\n\n## Context\n\nX.\n",
    );
    assert_eq!(r["status"], "superseded", "{r:#}");
    assert_eq!(supersede_links(&r), [link("superseded-by", "12")], "{r:#}");
}

/// `Supersedes:` followed by the bare web address of a record file (as a repository host shows
/// it) links to that record by its file name.
#[test]
fn a_supersede_line_with_a_bare_address_links_to_the_record_file() {
    let r = only(
        "0077-naming.md",
        "# Naming\n\n* Status: accepted\n\nTechnical Story: https://example.com/o/r/issues/1\n\n\
         Supersedes: https://example.com/o/r/blob/main/doc/adr/0036-listeners.md\n\n\
         ## Context\n\nX.\n",
    );
    assert_eq!(
        supersede_links(&r),
        [link("supersedes", "0036-listeners.md")],
        "{r:#}"
    );
}

/// A label saying what kind of document this is (`Architecture Decision Record: X`) is not part
/// of the title, and a numbered template file (`0000-template.md`) is no record.
#[test]
fn record_labels_and_numbered_templates() {
    let s = repo(&[
        (
            "0002-configuration.md",
            "# Architecture Decision Record: Configuration\n\n## Status\n\nProposed\n",
        ),
        (
            "0000-template.md",
            "# 0. Template\n\n## Status\n\nProposed\n",
        ),
    ]);
    let all = export(&s);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["title"], "Configuration", "{all:#?}");
}

/// A section heading written as an H1 (`# Summary`) is not the record's title; a status that
/// names its successor by number or file stem (`superseded by 12`) links to it; a date
/// placeholder in words (`(fill me in with today's date, YYYY-MM-DD)`) is no date.
#[test]
fn section_h1s_bare_successors_and_worded_date_placeholders() {
    let r = only(
        "0401-coercions.md",
        "- Feature Name: `type_coercions`\n- Start Date: 2014-10-30\n\n# Summary\n\nX.\n",
    );
    assert_eq!(r["title"], "type_coercions", "{r:#}");
    let r = only(
        "0003-old.md",
        "---\nstatus: superseded by 12\n---\n# Old\n\n## Context\n\nX.\n",
    );
    assert_eq!(supersede_links(&r), [link("superseded-by", "12")], "{r:#}");
    let r = only(
        "20240102-use-x.md",
        "# Use X\n\nDate: (fill me in with today's date, YYYY-MM-DD)\n\n## Status\n\nProposed\n",
    );
    assert_eq!(r["date"], "2024-01-02", "{r:#}");
}

/// A series label naming the record's number (`Aries RFC 0004:`, `Open Data Hub - ODH-ADR-0003
/// -`) is not part of the title, and a number after a prefix that names the kind of document
/// (`ODH-ADR-0003-x.md`) or is zero-padded (`Operator-0002-x.md`) is the record's number.
#[test]
fn series_labels_and_prefixed_numbers() {
    let r = only(
        "0004-agents.md",
        "# Aries RFC 0004: Agents\n\n- Status: [ADOPTED](/README.md#adopted)\n",
    );
    assert_eq!(r["title"], "Agents", "{r:#}");
    assert_eq!(r["status"], "accepted", "{r:#}");
    let r = only(
        "ODH-ADR-0003-use-apache-licence.md",
        "# Open Data Hub - ODH-ADR-0003 - Open Data Hub default licence\n\n## Status\n\nAccepted\n",
    );
    assert_eq!(r["number"], 3, "{r:#}");
    assert_eq!(r["title"], "Open Data Hub default licence", "{r:#}");
    let r = only(
        "ODH-ADR-Operator-0002-operator-scope.md",
        "# Operator scope\n\n## Status\n\nAccepted\n",
    );
    assert_eq!(r["number"], 2, "{r:#}");
    let r = only(
        "0005-upgrade.md",
        "# Upgrade to Python 3: why and how\n\n## Status\n\nAccepted\n",
    );
    assert_eq!(r["title"], "Upgrade to Python 3: why and how", "{r:#}");
}

/// Statuses and dates in the language the log is written in: `Statut : Accepté`,
/// `Création : 2022-09-14`; a template comment after the value is not part of it.
#[test]
fn status_and_date_keys_in_other_languages() {
    let r = only(
        "001_format.md",
        "# Format d'échange\n\n* Statut : ACCEPTÉ <!-- [BROUILLON|ACCEPTÉ|REJETÉ] -->\n\
         * Création : 2022-09-14\n\n## Contexte\n\nX.\n",
    );
    assert_eq!(r["status"], "accepted", "{r:#}");
    assert_eq!(r["date"], "2022-09-14", "{r:#}");
}

/// `## Superseded by [X](x.md)` as a heading marks the record superseded and links it; a
/// status line that names another state and then its successor (`Implemented. Superseded by
/// [ADR-013](...)`) is superseded; `⌛️ Superseded [0019](0019-x.md)` links the successor;
/// an escaped link destination names the file it means.
#[test]
fn supersede_markers_in_headings_first_lines_and_escaped_links() {
    let r = only(
        "2020-08-10-feature-flags.md",
        "---\ntitle: Feature flags\n---\n## Superseded by [Flags v2](2022-01-20-flags-v2.md)\n\n## Context\n\nX.\n",
    );
    assert_eq!(r["status"], "superseded", "{r:#}");
    assert_eq!(
        supersede_links(&r),
        [link("superseded-by", "2022-01-20-flags-v2.md")],
        "{r:#}"
    );
    let r = only(
        "0009-x.md",
        &nygard("9. X", "Implemented. Superseded by [ADR-013](./0013-y.md)."),
    );
    assert_eq!(r["status"], "superseded", "{r:#}");
    let r = only(
        "0004-langs.md",
        &nygard("4. Languages", "⌛️ Superseded [0019](0019-use-go.md)"),
    );
    assert_eq!(
        supersede_links(&r),
        [link("superseded-by", "0019-use-go.md")],
        "{r:#}"
    );
    let r = only(
        "0016-y.md",
        &nygard(
            "16. Y",
            "Accepted\n\nSupersedes [3. Old](0003-\\[Superseded\\]use-old.md)",
        ),
    );
    assert_eq!(
        supersede_links(&r),
        [link("supersedes", "0003-[Superseded]use-old.md")],
        "{r:#}"
    );
}

/// A metadata table whose header row is itself a key and its value (`| **Date** | October
/// 16, 2025 |`) is a key/value table: the header is read as a pair, and the next row's key is
/// not taken for the date.
#[test]
fn a_key_value_table_whose_header_is_a_pair() {
    let r = only(
        "0010-scraping.md",
        "# Scraping\n\n| **Date** | October 16, 2025 |\n|---|---|\n| **Scope** | Platform |\n\
         | **Status** | Proposed |\n\n## Context\n\nX.\n",
    );
    assert_eq!(r["date"], "2025-10-16", "{r:#}");
    assert_eq!(r["status"], "proposed", "{r:#}");
}

/// `adr supersede` on a record whose status has a remark paragraph leaves it read as
/// superseded, and the remark is not taken for its status.
#[test]
fn supersede_on_a_status_with_a_remark_reads_back_as_superseded() {
    let s = repo(&[(
        "0002-use-x.md",
        &nygard(
            "2. Use X",
            "Accepted (with remarks)\n\nWe chose this because of X.",
        ),
    )]);
    let out = s
        .adr()
        .args(["supersede", "2", "Use", "Y"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let old = record(&s, "0002-use-x.md");
    assert_eq!(
        old["status"],
        "superseded",
        "{old:#}\n{}",
        s.read("doc/adr/0002-use-x.md")
    );
    let raw = old["status_raw"].as_str().unwrap_or_default();
    assert!(
        !raw.contains("We chose this because of X"),
        "{old:#}\n{}",
        s.read("doc/adr/0002-use-x.md")
    );
    assert_eq!(
        supersede_links(&old),
        vec![link("superseded-by", "0003-use-y.md")],
        "{old:#}"
    );
    let new = record(&s, "0003-use-y.md");
    assert_eq!(
        supersede_links(&new),
        vec![link("supersedes", "0002-use-x.md")],
        "{new:#}"
    );
}

// --- Dates -----------------------------------------------------------------------------------

/// adr-tools' `Date DD/MM/YYYY` (even without the colon), and a date in bold or brackets,
/// are read as ISO dates.
#[test]
fn date_lines_in_old_and_decorated_forms_are_read() {
    let body = "## Status\n\nAccepted\n\n## Context\n\nWe need to decide.\n";
    let s = repo(&[
        (
            "0001-no-colon.md",
            &format!("# 1. No colon\n\nDate 09/04/2018\n\n{body}"),
        ),
        (
            "0002-bold.md",
            &format!("# 2. Bold\n\nDate: **2020-01-02**\n\n{body}"),
        ),
        (
            "0003-brackets.md",
            &format!("# 3. Brackets\n\nDate: [2020-01-02]\n\n{body}"),
        ),
    ]);
    for (file, date) in [
        ("0001-no-colon.md", "2018-04-09"),
        ("0002-bold.md", "2020-01-02"),
        ("0003-brackets.md", "2020-01-02"),
    ] {
        let r = record(&s, file);
        assert_eq!(r["date"], date, "{file}: {r:#}");
    }
}

/// A record without a date line is dated by the earliest entry of its changelog, whether the
/// changelog runs newest or oldest first, a typo breaks its order, or it writes dates in
/// words or day-first.
#[test]
fn a_changelog_dates_the_record_by_its_first_entry() {
    let cases = [
        (
            "0001-newest-first.md",
            "## Changelog\n\n- 2023-05-03: Mark rejected\n- 2023-02-28: Renumber\n\
             - 2022-09-10: First draft",
            "2022-09-10",
        ),
        (
            "0002-typo.md",
            "## Changelog\n\n- 2023-05-03: Mark rejected\n- 2023-02-28: Renumber\n\
             - 2022-01-05: Sync\n- 2022-12-18: Review\n- 2022-09-10: First draft",
            "2022-09-10",
        ),
        (
            "0003-change-log.md",
            "## Change log\n\n* 2024-07-01: Initial",
            "2024-07-01",
        ),
        (
            "0004-day-first.md",
            "## Changelog\n\n- 23-06-2018: fixes\n- 07-06-2018: Initial draft",
            "2018-06-07",
        ),
        (
            "0005-slashes.md",
            "## Changelog\n\n- 04/09/2020: Initial Draft\n- 13/03/2021: Update",
            "2020-09-04",
        ),
        (
            "0006-month-day.md",
            "## Changelog\n\n- July 15 2021: Created",
            "2021-07-15",
        ),
        (
            "0007-month-day-comma.md",
            "## Changelog\n\n- April 1, 2021: Initial",
            "2021-04-01",
        ),
        (
            "0008-day-mon.md",
            "## Changelog\n\n- 20-Aug-2021: Initial draft",
            "2021-08-20",
        ),
        (
            "0009-heading.md",
            "## Changelog\n\n### November 2nd 2018\n\nFirst version.",
            "2018-11-02",
        ),
        (
            "0010-year-month-day.md",
            "## Changelog\n\n- 2019 Oct 22: Initial Draft",
            "2019-10-22",
        ),
    ];
    let files: Vec<(&str, String)> = cases
        .iter()
        .map(|(file, log, _)| (*file, with_changelog(log)))
        .collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(f, t)| (*f, t.as_str())).collect();
    let s = repo(&files);
    let mut wrong = Vec::new();
    for (file, _, date) in cases {
        let r = record(&s, file);
        if r["date"] != date {
            wrong.push(format!("{file}: expected {date}, got {}", r["date"]));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

// --- Numeric dates: day-first or month-first, as the log writes them -----------------------

/// A record dated `when` in adr-tools' layout.
fn dated(n: u32, when: &str) -> String {
    format!("# {n}. Decision {n}\n\nDate: {when}\n\n## Status\n\nAccepted\n")
}

/// The date every command reads for `doc/adr/<name>`: `list` (from the summary cache, cold
/// and warm), `export` and `show` must agree, so the one date is returned.
fn date_everywhere(s: &Sandbox, name: &str) -> String {
    let path = format!("doc/adr/{name}");
    let listed = || {
        list(s)
            .iter()
            .find(|r| r["path"] == path.as_str())
            .map(|r| r["date"].clone())
    };
    let (cold, warm) = (listed(), listed());
    let exported = record(s, name)["date"].clone();
    let shown = json_of(s, &["show", &path, "--format", "json"])["date_iso"].clone();
    assert_eq!(
        cold,
        Some(exported.clone()),
        "list and export differ on {name}"
    );
    assert_eq!(warm, Some(exported.clone()), "a warm cache changes {name}");
    assert_eq!(shown, exported, "show and export differ on {name}");
    exported.as_str().unwrap_or("-").to_string()
}

/// `10/25/21` can only be month-first: the log is written US style, and its dates that read
/// either way (`04/08/2020`, `10/6/21` on a status line) are read month-first too.
#[test]
fn one_month_first_date_makes_the_logs_numeric_dates_month_first() {
    let s = repo(&[
        ("0001-a.md", &dated(1, "04/08/2020")),
        ("0002-b.md", &dated(2, "10/25/21")),
        (
            "0003-c.md",
            "# 3. C\n\n## Status\n\n**Approved** (by TSC vote on 10/6/21)\n",
        ),
    ]);
    assert_eq!(date_everywhere(&s, "0001-a.md"), "2020-04-08");
    assert_eq!(date_everywhere(&s, "0002-b.md"), "2021-10-25");
    assert_eq!(date_everywhere(&s, "0003-c.md"), "2021-10-06");
    let out = s.adr().arg("check").output().unwrap();
    assert!(
        !stdout(&out).contains("mixed-date-order"),
        "{}",
        stdout(&out)
    );
    // adr-tools' migration of `Date: 04/08/2020` to ISO reads it the same way.
    let out = s.adr().arg("upgrade-repository").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        s.read("doc/adr/0001-a.md").contains("Date: 2020-04-08\n"),
        "{}",
        s.read("doc/adr/0001-a.md")
    );
    assert_eq!(date_everywhere(&s, "0001-a.md"), "2020-04-08");
}

/// `25/10/21` can only be day-first: the log's other numeric dates are day-first, as they are
/// when nothing in the log shows its convention (adr-tools wrote dates day-first).
#[test]
fn numeric_dates_are_day_first_in_a_day_first_log_and_without_evidence() {
    let uk = repo(&[
        ("0001-a.md", &dated(1, "04/08/2020")),
        ("0002-b.md", &dated(2, "25/10/21")),
    ]);
    assert_eq!(date_everywhere(&uk, "0001-a.md"), "2020-08-04");
    assert_eq!(date_everywhere(&uk, "0002-b.md"), "2021-10-25");
    let unknown = repo(&[
        ("0001-a.md", &dated(1, "04/08/2020")),
        ("0002-b.md", &dated(2, "2021-10-25")),
        ("0003-c.md", &dated(3, "October 26, 2021")),
    ]);
    assert_eq!(date_everywhere(&unknown, "0001-a.md"), "2020-08-04");
}

/// A record's own unambiguous date counts before the log's: in a mostly US log, a record whose
/// changelog writes `13/08/2020` reads its `04/08/2020` day-first.
#[test]
fn a_records_own_numeric_dates_count_before_the_logs() {
    let s = repo(&[
        ("0001-a.md", &dated(1, "10/25/21")),
        ("0004-d.md", &dated(4, "10/26/21")),
        (
            "0002-b.md",
            "# 2. B\n\nDate: 04/08/2020\n\n## Status\n\nAccepted\n\n## Changelog\n\n\
             - 04/08/2020: First draft\n- 13/08/2020: Accepted\n",
        ),
        ("0003-c.md", &dated(3, "04/08/2020")),
    ]);
    assert_eq!(date_everywhere(&s, "0002-b.md"), "2020-08-04");
    assert_eq!(date_everywhere(&s, "0003-c.md"), "2020-04-08");
}

/// A log written both ways follows its majority, and `adr check` names a record of each side.
#[test]
fn a_log_mixing_both_orders_follows_its_majority_and_check_names_both_records() {
    let s = repo(&[
        ("0001-a.md", &dated(1, "25/10/21")),
        ("0002-b.md", &dated(2, "10/26/21")),
        ("0003-c.md", &dated(3, "10/27/21")),
        ("0004-d.md", &dated(4, "03/04/2022")),
    ]);
    assert_eq!(date_everywhere(&s, "0004-d.md"), "2022-03-04");
    let out = s.adr().arg("check").output().unwrap();
    let report = format!("{}{}", stdout(&out), stderr(&out));
    let finding = report
        .lines()
        .find(|l| l.contains("mixed-date-order"))
        .unwrap_or_else(|| panic!("no mixed-date-order finding: {report}"));
    assert!(finding.starts_with("doc/adr/0001-a.md"), "{finding}");
    assert!(finding.contains("doc/adr/0002-b.md"), "{finding}");
    assert!(finding.contains("warning"), "{finding}");
}

/// A `Date: YYYY-MM-DD` placeholder is no date; a date in the file name is.
#[test]
fn a_date_placeholder_yields_to_the_date_in_the_file_name() {
    let r = only(
        "20240102-use-x.md",
        "# Use X\n\nDate: YYYY-MM-DD\n\n## Status\n\nAccepted\n\n## Context\n\nWe need X.\n",
    );
    assert_eq!(r["date"], "2024-01-02", "{r:#}");
}

/// An ISO date with its day and month swapped (`2023-13-10`) reads only one way, and a person
/// reads it so: the record is dated 13 October 2023, and `adr check` still names the file and
/// line. A date impossible either way (`2023-13-14`) is no date: the record is not dated by it
/// (and not sorted as the newest), and `adr check` names it too.
#[test]
fn an_impossible_date_is_reported_and_not_used() {
    let s = repo(&[
        (
            "0001-swapped-date.md",
            "# 1. Swapped date\n\nDate: 2023-13-10\n\n## Status\n\nAccepted\n\n## Context\n\nX.\n",
        ),
        (
            "0002-bad-date.md",
            "# 2. Bad date\n\nDate: 2023-13-14\n\n## Status\n\nAccepted\n\n## Context\n\nX.\n",
        ),
        ("0003-good-date.md", &nygard("3. Good date", "Accepted")),
    ]);
    let all = list(&s);
    let paths: Vec<&str> = all.iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "doc/adr/0001-swapped-date.md",
            "doc/adr/0002-bad-date.md",
            "doc/adr/0003-good-date.md"
        ],
        "{all:#?}"
    );
    assert_eq!(all[0]["date"], "2023-10-13", "{:#}", all[0]);
    assert_eq!(all[1]["date"], Value::Null, "{:#}", all[1]);
    assert_eq!(all[2]["date"], "2020-01-01", "{:#}", all[2]);
    assert_eq!(record(&s, "0001-swapped-date.md")["date"], "2023-10-13");
    assert_eq!(record(&s, "0002-bad-date.md")["date"], Value::Null);

    let out = s.adr().arg("check").output().unwrap();
    assert_ne!(out.status.code(), Some(2), "check could not run");
    let report = format!("{}{}", stdout(&out), stderr(&out));
    for file in ["0001-swapped-date.md", "0002-bad-date.md"] {
        let finding = report
            .lines()
            .find(|l| l.contains("invalid-date") && l.contains(file))
            .unwrap_or_else(|| panic!("no invalid-date finding for {file}: {report}"));
        assert!(
            finding.starts_with(&format!("doc/adr/{file}:3:")),
            "{finding}"
        );
        assert!(finding.contains("warning"), "{finding}");
    }
}

// --- Front matter ----------------------------------------------------------------------------

/// Front matter that is not valid YAML (an unquoted colon in the title) is still read line by
/// line, the record is listed, and `adr check` names the line.
#[test]
fn invalid_front_matter_is_read_line_by_line_and_reported() {
    let s = repo(&[(
        "0002-catalog.md",
        "---\ntitle: ADR002: Default catalog format\nstatus: accepted\ntags: [a, b]\n---\n\n\
         ## Context\n\nCatalogs need a format.\n",
    )]);
    let r = record(&s, "0002-catalog.md");
    assert_eq!(r["title"], "Default catalog format", "{r:#}");
    assert_eq!(r["status"], "accepted", "{r:#}");

    let out = s.adr().arg("check").output().unwrap();
    let report = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        report.contains("doc/adr/0002-catalog.md:2:"),
        "no finding naming the line: {report}"
    );
    assert!(report.contains("YAML"), "{report}");
}

// --- Both views ------------------------------------------------------------------------------

/// `adr list --format json` reads every record the way `adr export --format json` does: the
/// same number, title (the slug when there is no heading), status, date and links.
#[test]
fn list_json_and_export_read_records_alike() {
    let s = repo(&[
        (
            "030-aws-root.md",
            &nygard("29 Kubernetes auditing", "Accepted"),
        ),
        (
            "0031-old.md",
            &nygard(
                "31. Old",
                "Accepted\n\nSuperseded by [32. New](0032-new.md)",
            ),
        ),
        ("0032-new.md", &nygard("32. New", "Accepted")),
        (
            "0007-private-fields.md",
            "## Status\n\nAccepted\n\n## Context\n\nFields should be private.\n",
        ),
    ]);
    let listed = list(&s);
    let exported = export(&s);
    assert_eq!(listed.len(), exported.len(), "{listed:#?}\n{exported:#?}");
    for e in &exported {
        let path = format!("doc/adr/{}", e["path"].as_str().unwrap());
        let l = listed
            .iter()
            .find(|l| l["path"] == path.as_str())
            .unwrap_or_else(|| panic!("{path} not listed: {listed:#?}"));
        for field in ["number", "title", "status", "status_raw", "date"] {
            assert_eq!(
                l[field], e[field],
                "{path} {field}: list {l:#} export {e:#}"
            );
        }
        assert_eq!(links(l), links(e), "{path}: list {l:#} export {e:#}");
    }
}

/// MADR's `# [short title of solved problem and solution]` filled in by replacing the words and
/// keeping the brackets: the words are the title. Left as the template's guidance (in any
/// language), they are no title, and the file name gives one.
#[test]
fn a_title_kept_inside_the_templates_brackets_is_the_title() {
    let s = repo(&[
        (
            "0001-service-factory.md",
            "# [Harmonisation Domaine: Repository Service Factory]\n\n* Statut : accepté\n* Date : 2022-06-15\n\n## Contexte\n",
        ),
        (
            "0002-keycloak-milo.md",
            "# [titre du problème résolu et de sa solution]\n\n- Statut: proposé\n- Date: 2022-06-20\n\n## Contexte\n",
        ),
        (
            "0003-pick-a-queue.md",
            "# [short title of solved problem and solution]\n\n## Context\n",
        ),
    ]);
    let titles: Vec<String> = list(&s)
        .iter()
        .map(|r| r["title"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        titles,
        [
            "Harmonisation Domaine: Repository Service Factory",
            "keycloak-milo",
            "pick-a-queue"
        ]
    );
}

/// `0000-modele-adr.md` is the French template, as `0000-template.md` is the English one; a
/// decision about a data model (`modelo-de-dados`) is a record.
#[test]
fn a_numbered_template_in_the_teams_language_is_not_a_record() {
    let s = repo(&[
        (
            "0000-modele-adr.md",
            "# Exemple de template\n\n* statut : \"{proposé | rejeté}\"\n",
        ),
        (
            "0001-modelo-de-dados.md",
            "# Modelo de dados\n\n## Status\n\nAccepted\n",
        ),
    ]);
    let paths: Vec<String> = list(&s)
        .iter()
        .map(|r| r["path"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(paths, ["doc/adr/0001-modelo-de-dados.md"]);
}

/// A one-word status one letter off a lifecycle state is the state meant (`Depreciated.`,
/// `Acepted`); shorter words and other words stay the author's own.
#[test]
fn a_misspelt_status_word_is_the_state_meant() {
    let s = repo(&[
        ("0001-a.md", &nygard("# 1. A", "Depreciated.")),
        ("0002-b.md", &nygard("# 2. B", "Acepted")),
        ("0003-c.md", &nygard("# 3. C", "Superseeded")),
        ("0004-d.md", &nygard("# 4. D", "Parked")),
    ]);
    let statuses: Vec<String> = list(&s)
        .iter()
        .map(|r| r["status"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(statuses, ["deprecated", "accepted", "superseded", "parked"]);
}

/// `tag:Genome Browser` (no space after the colon) is one string to YAML and a tag to a
/// person: read as the pair, with a warning at the line, not "not a mapping of keys".
#[test]
fn front_matter_pairs_without_a_space_are_read_as_pairs() {
    let s = repo(&[(
        "0014-breakpoints.md",
        "---\ntag:Genome Browser\n---\n\n# 14. Breakpoints\n\nDate: 2018-11-02\n\n## Status\n\nAccepted\n",
    )]);
    let r = &list(&s)[0];
    assert_eq!(r["tags"], serde_json::json!(["Genome Browser"]), "{r}");
    let out = s.adr().arg("check").output().unwrap();
    let err = format!("{}{}", stdout(&out), stderr(&out));
    assert!(err.contains("0014-breakpoints.md:2:"), "{err}");
    assert!(!err.contains("not a mapping"), "{err}");
}

/// A log that groups its records by area or state keeps each group in a folder of its own
/// (`security/0002-tls.md`, `historic-adrs/multiple-sites.md`): those records are the log's too.
/// A folder of notes or of one record's pictures holds none.
#[test]
fn records_in_topic_folders_belong_to_the_log() {
    let s = repo(&[
        ("0001-registry.md", &nygard("Registry", "Accepted")),
        (
            "security/0002-tls.md",
            &nygard("TLS inside the cluster", "Accepted"),
        ),
        ("core/0003-api.md", &nygard("API principles", "Proposed")),
        ("research/notes.md", "# Notes\n\nNot a decision.\n"),
        (
            "historic-adrs/multiple-sites.md",
            &nygard("Multiple sites", "Superseded"),
        ),
        ("devops/0004/diagram.md", "# A picture's caption\n"),
    ]);
    let mut paths: Vec<String> = export(&s)
        .iter()
        .map(|r| r["path"].as_str().unwrap_or_default().to_string())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "0001-registry.md",
            "core/0003-api.md",
            "historic-adrs/multiple-sites.md",
            "security/0002-tls.md"
        ]
    );
    let r = record(&s, "security/0002-tls.md");
    assert_eq!(r["number"], 2, "{r}");
    assert_eq!(r["title"], "TLS inside the cluster", "{r}");
    let out = s.adr().args(["show", "2"]).output().unwrap();
    assert!(
        stdout(&out).contains("TLS inside the cluster"),
        "{}",
        stderr(&out)
    );
}

/// A record in a topic folder that names another by its file name alone (`Superseded by
/// 0001-registry.md`, the file one folder up) links to it.
#[test]
fn a_file_name_alone_names_a_record_in_another_folder() {
    let s = repo(&[
        ("0001-registry.md", &nygard("1. Registry", "Accepted")),
        (
            "historic/0002-old-registry.md",
            &nygard("2. Old registry", "Superseded by 0001-registry.md"),
        ),
    ]);
    let out = s.adr().arg("check").output().unwrap();
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(!all.contains("dangling-link"), "{all}");
}

/// `# 1) Use X {#adr_0001}`: the attribute block that names a heading's anchor (kramdown,
/// Pandoc, MkDocs) is no part of the title.
#[test]
fn a_headings_anchor_attributes_are_not_its_title() {
    let s = repo(&[
        (
            "0001-a.md",
            &nygard("1) Use Dockerhub {#adr_0001}", "accepted"),
        ),
        (
            "0002-b.md",
            &nygard("2. Use tarballs {: #tarballs .wide}", "accepted"),
        ),
        (
            "0003-c.md",
            &nygard("3. Use {braces} in templates", "accepted"),
        ),
    ]);
    let titles: Vec<String> = list(&s)
        .iter()
        .map(|r| r["title"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        titles,
        ["Use Dockerhub", "Use tarballs", "Use {braces} in templates"]
    );
}

/// A template that quotes its status guidance (`> Accepted or Rejected`) has authors who write
/// the status as a quotation too (`> Accepted`); the guidance left unchanged states none.
#[test]
fn a_status_written_as_a_quotation_is_read() {
    let s = repo(&[
        ("0001-a.md", &nygard("1. A", "> Accepted")),
        (
            "0002-b.md",
            &nygard(
                "2. B",
                "> Accepted or Rejected\n>\n> Valid statuses are: \"Proposed\", \"Accepted\"",
            ),
        ),
    ]);
    let r = list(&s);
    assert_eq!(r[0]["status"], "accepted", "{}", r[0]);
    assert!(r[1]["status"].is_null(), "{}", r[1]);
}

/// `DR002-no-charges.md` titled `# DR002: No charges`: a "decision record" numbered after its
/// kind, as `ADR002` is; `Superseded by DR008` names record 8.
#[test]
fn decision_records_numbered_after_dr_are_numbered() {
    let s = repo(&[(
        "DR002-no-charges.md",
        &nygard(
            "DR002: No charges for small services",
            "Superseded by DR008",
        ),
    )]);
    let r = &list(&s)[0];
    assert_eq!(r["number"], 2, "{r}");
    assert_eq!(r["title"], "No charges for small services", "{r}");
    assert_eq!(r["status"], "superseded", "{r}");
    assert!(
        supersede_links(r).contains(&link("superseded-by", "8")),
        "{r}"
    );
}

/// A record without a date line whose status line says when it was decided (`Approved (by TSC
/// vote on 3/25/21)`) is dated that day; a version number (`v1.2.3`) is no date.
#[test]
fn a_date_on_the_status_line_dates_the_record() {
    let undated = |title: &str, status: &str| {
        format!("# {title}\n\n## Status\n\n{status}\n\n## Context\n\nWhy.\n")
    };
    let s = repo(&[
        (
            "0001-a.md",
            &undated("A", "**Approved** (by TSC vote on 3/25/21)"),
        ),
        (
            "0002-b.md",
            &undated(
                "B",
                "Accepted by the working groups as of the meeting of 16-Jan-2020",
            ),
        ),
        (
            "0003-c.md",
            &undated(
                "C",
                "**Approved**\nOriginal proposal 10/24/2020\nApproved by the TSC on 3/2/22",
            ),
        ),
        (
            "0004-d.md",
            &undated("D", "Accepted, implemented in v1.2.3"),
        ),
    ]);
    let dates: Vec<Value> = list(&s).iter().map(|r| r["date"].clone()).collect();
    assert_eq!(
        dates,
        [
            Value::from("2021-03-25"),
            Value::from("2020-01-16"),
            Value::from("2020-10-24"),
            Value::Null
        ]
    );
}

/// A change log whose entries are states with the pull request that made each change (`-
/// [approved](https://...) (2023-02-18)`) is the record's dated status history: its latest
/// state is the status, its first date the record's date. The template's example entries,
/// left in a comment, are none.
#[test]
fn a_change_log_of_states_gives_status_and_date() {
    let body = |log: &str| {
        format!("# Use X\n\n## Change Log\n\n{log}\n\n## Context\n\nWhy.\n\n## Decision\n\nX.\n")
    };
    let s = repo(&[
        (
            "0001-a.md",
            &body(
                "- [proposed](https://github.com/o/r/pull/1) (2021-12-28)\n\
                 - [approved](https://github.com/o/r/pull/2) (2023-02-18)",
            ),
        ),
        (
            "0002-b.md",
            &body("- [original](https://github.com/o/r/pull/3) - approved (2023-01-03)"),
        ),
        (
            "0003-c.md",
            &body("<!--\nE.g.:\n- [approved](URL of PR) (2022-04-01)\n-->"),
        ),
    ]);
    let r = list(&s);
    assert_eq!(
        (r[0]["status"].clone(), r[0]["date"].clone()),
        (Value::from("accepted"), Value::from("2021-12-28"))
    );
    assert_eq!(
        (r[1]["status"].clone(), r[1]["date"].clone()),
        (Value::from("accepted"), Value::from("2023-01-03"))
    );
    assert!(
        r[2]["status"].is_null() && r[2]["date"].is_null(),
        "{}",
        r[2]
    );
}

/// `* **Decided**: 2026-01-20 — delivered in #7887`: the day the decision was taken dates it.
#[test]
fn a_decided_line_dates_the_record() {
    let r = only(
        "0002-mcp.md",
        "# MCP server\n\n* **Status**: Implemented\n* **Decided**: 2026-01-20 — delivered in \
         [#7887](https://github.com/o/r/pull/7887)\n\n## Context\n\nWhy.\n",
    );
    assert_eq!(r["date"], "2026-01-20", "{r}");
}

/// `##\u{a0}Status` (a no-break space typed for the space), a status left as `...`, and
/// `Superseded by` with the successor's link on the next line: read as the author meant.
#[test]
fn status_sections_as_typed_are_read_as_meant() {
    let s = repo(&[
        (
            "030-amp-removal.md",
            "# AMP Removal\n\n## Context\n\nWhy.\n\n##\u{a0}Status\n\nApproved\n",
        ),
        ("018-hooks.md", &nygard("Use hooks", "...")),
        (
            "019-sites.md",
            &nygard(
                "Multiple sites",
                "Superseded by\n[020-sites-revisited.md](020-sites-revisited.md).",
            ),
        ),
        (
            "020-sites-revisited.md",
            &nygard("Sites revisited", "Accepted"),
        ),
    ]);
    let amp = record(&s, "030-amp-removal.md");
    assert_eq!(amp["status"], "accepted", "{amp}");
    let hooks = record(&s, "018-hooks.md");
    assert!(hooks["status"].is_null(), "{hooks}");
    let sites = record(&s, "019-sites.md");
    assert_eq!(sites["status"], "superseded", "{sites}");
    assert!(
        supersede_links(&sites).contains(&link("superseded-by", "020-sites-revisited.md")),
        "{sites}"
    );
}

#[test]
fn a_front_matter_status_key_in_the_logs_language_is_the_status() {
    let r = only(
        "20240603-mock-the-api.md",
        "---\n# optional elements\nstatut: proposé\ndate: 2024-06-03\ndécideurs: A, B\n---\n\n\
         # Mock the API in front-end tests\n\n## Contexte\n\nText.\n",
    );
    assert_eq!(r["status_raw"], "proposé", "{r}");
    assert_eq!(r["date"], "2024-06-03", "{r}");
    let es = only(
        "0002-usar-colas.md",
        "---\nestado: accepted\n---\n\n# Usar colas\n\n## Contexto\n\nTexto.\n",
    );
    assert_eq!(es["status"], "accepted", "{es}");
}

/// Enhancement-proposal logs (KEPs, LIDs) number their titles with the series' capitals and
/// state the status as a bold `State:` line.
#[test]
fn a_series_label_with_the_records_number_is_not_the_title_and_state_is_the_status() {
    let r = only(
        "0090-runtime-changes.md",
        "# KEP 90: Runtime Adaptions\n\n**State: IMPLEMENTED**\n\n## Motivation\n\nText.\n",
    );
    assert_eq!(r["title"], "Runtime Adaptions", "{r}");
    assert_eq!(r["status"], "accepted", "{r}");
    assert_eq!(r["status_raw"], "IMPLEMENTED", "{r}");
    let r = only(
        "0087-trace.md",
        "# KEP0087 - Trace ID propagation\n\nText.\n",
    );
    assert_eq!(r["title"], "Trace ID propagation", "{r}");
    // Capitals with another number are part of the title.
    let r = only("0003-http.md", "# HTTP 2: Use it everywhere\n\nText.\n");
    assert_eq!(r["title"], "HTTP 2: Use it everywhere", "{r}");
}

/// "Superseded: 2019-12-19 by [ADR 14](...)": the date says when; the link is the successor.
#[test]
fn a_dated_supersede_line_names_its_successor() {
    for line in [
        "Superseded: 2019-12-19 by [ADR 3](0003-new.md)",
        "Superseded on 2019-12-19 by [ADR 3](0003-new.md)",
    ] {
        let s = repo(&[
            ("0002-old.md", &nygard("# 2. Old", line)),
            ("0003-new.md", &nygard("# 3. New", "Accepted")),
        ]);
        let r = record(&s, "0002-old.md");
        assert_eq!(r["status"], "superseded", "{line}: {r}");
        assert_eq!(
            supersede_links(&r),
            [link("superseded-by", "0003-new.md")],
            "{line}"
        );
    }
}

/// The same, as a metadata line under the record's date (no status section).
#[test]
fn a_dated_superseded_metadata_line_names_its_successor() {
    let s = repo(&[
        (
            "0006-old.md",
            "# 6. Old\n\nDate: 2018-12-12\nSuperseded: 2019-12-19 by [ADR 14](0014-new.md)\n\n\
             ## Context\n\nText.\n",
        ),
        ("0014-new.md", &nygard("# 14. New", "Accepted")),
    ]);
    let r = record(&s, "0006-old.md");
    assert_eq!(r["status"], "superseded", "{r}");
    assert_eq!(r["date"], "2018-12-12", "{r}");
    assert_eq!(
        supersede_links(&r),
        [link("superseded-by", "0014-new.md")],
        "{r}"
    );
}

/// Files named like database migrations (`20240516132303-x.md`) are dated by their day.
#[test]
fn a_timestamp_file_name_dates_the_record() {
    let r = only(
        "20240516132303-use-a-queue.md",
        "---\nstatus: accepted\n---\n\n# Use a queue\n\nText.\n",
    );
    assert_eq!(r["date"], "2024-05-16", "{r}");
    assert_eq!(r["number"], Value::Null, "{r}");
    assert_eq!(r["title"], "Use a queue", "{r}");
}

/// A Japanese log: `## ステータス` and `## 日付` sections, status words such as 承認済み and
/// 置換 (replaced, with an arrow to the successor), and `001_` before the title.
#[test]
fn a_japanese_log_gives_its_status_date_and_successor() {
    let s = repo(&[
        (
            "001_キャッシュの導入.md",
            "# 001_キャッシュの導入\n\n## ステータス\n\n承認済み\n\n## 日付\n\n2025-05-18\n\n\
             ## コンテキスト\n\n本文。\n",
        ),
        (
            "002_旧方式.md",
            "# 002_旧方式\n\n## ステータス\n\n置換 → [ADR 003](003_新方式.md)\n\n\
             ## 決定日\n\n2026-07-18（PoC を経て 2026-07-20 承認）\n\n## 背景\n\n本文。\n",
        ),
        (
            "003_新方式.md",
            "# 003_新方式\n\n## ステータス\n\n採用\n\n## 背景\n\n本文。\n",
        ),
    ]);
    let first = record(&s, "001_キャッシュの導入.md");
    assert_eq!(first["title"], "キャッシュの導入", "{first}");
    assert_eq!(first["number"], 1, "{first}");
    assert_eq!(first["status"], "accepted", "{first}");
    assert_eq!(first["status_raw"], "承認済み", "{first}");
    assert_eq!(first["date"], "2025-05-18", "{first}");
    let old = record(&s, "002_旧方式.md");
    assert_eq!(old["status"], "superseded", "{old}");
    assert_eq!(old["date"], "2026-07-18", "{old}");
    assert_eq!(
        supersede_links(&old),
        [link("superseded-by", "003_新方式.md")],
        "{old}"
    );
    assert_eq!(record(&s, "003_新方式.md")["status"], "accepted");
}

/// `## Date` with the date on the line below, as some Nygard variants write it.
#[test]
fn a_date_section_dates_the_record() {
    let r = only(
        "0001-use-x.md",
        "# 1. Use X\n\n## Status\n\nAccepted\n\n## Date\n\n2020-03-04\n\n## Context\n\nText.\n",
    );
    assert_eq!(r["date"], "2020-03-04", "{r}");
}

/// Proposals named by year and month (`202012-x.md`) carry no record number and no day.
#[test]
fn a_year_month_file_name_is_no_record_number() {
    let r = only(
        "202012-delete-series.md",
        "---\ntitle: Delete series\nstatus: accepted\n---\n\n## Summary\n\nText.\n",
    );
    assert_eq!(r["number"], Value::Null, "{r}");
    assert_eq!(r["date"], Value::Null, "{r}");
    assert_eq!(r["title"], "Delete series", "{r}");
}

/// `[Superseded by [ADR-0019](...)] Title`: the marker before the title is no part of it.
#[test]
fn a_supersede_marker_before_the_title_is_left_out() {
    let s = repo(&[
        (
            "0003-push-metrics.md",
            "# [Superseded by [ADR-0019](0019-thanos.md)] Push Metrics via InfluxDB\n\n\
             - Status: superseded by [ADR-0019](0019-thanos.md)\n- Date: 2020-11-19\n\n\
             ## Context and Problem Statement\n\nText.\n",
        ),
        (
            "0019-thanos.md",
            "# Push Metrics via Thanos\n\n- Status: accepted\n",
        ),
    ]);
    let r = record(&s, "0003-push-metrics.md");
    assert_eq!(r["title"], "Push Metrics via InfluxDB", "{r}");
    assert_eq!(r["status"], "superseded", "{r}");
}

/// `RFC 016: Holdings service` written with no-break spaces: the label still goes.
#[test]
fn a_label_written_with_no_break_spaces_is_left_out_of_the_title() {
    let r = only(
        "016-holdings/README.md",
        "# RFC\u{a0}016:\u{a0}Holdings service\n\n## Purpose\n\nText.\n",
    );
    assert_eq!(r["title"], "Holdings service", "{r}");
}

/// `**Last modified:** 2018-11-02T16:46:57+00:00` under the first section is the record's only
/// date; a `Date of submission:` outranks a `Last updated:` line.
#[test]
fn bold_last_modified_and_date_of_submission_date_the_record() {
    let r = only(
        "001-matcher/README.md",
        "# RFC 001: Matcher\n\n## Purpose\n\nText.\n\n**Last modified:** 2018-11-02T16:46:57+00:00\n\n\
         ## Background\n\nText.\n",
    );
    assert_eq!(r["date"], "2018-11-02", "{r}");
    let r = only(
        "0004-apply.md",
        "# 4) Apply\n\nDate of submission: 2019-06-21\n\nLast updated: 2019-07-04\n\n\
         ## Status\n\naccepted\n",
    );
    assert_eq!(r["date"], "2019-06-21", "{r}");
}

/// A `###### status` heading deep in the body (a command's documentation) is not the record's
/// status section.
#[test]
fn a_deeply_nested_status_heading_is_no_status() {
    let r = only(
        "013-release-tracking/README.md",
        "# RFC 013: Release tracking\n\n## Purpose\n\nText.\n\n## Commands\n\n###### status\n\n\
         The `status` command will:\n\n- read things\n",
    );
    assert_eq!(r["status"], Value::Null, "{r}");
}

/// "We decided to supersede [ADR-0011](..)": the plain verb after "to" names what this record
/// supersedes.
#[test]
fn deciding_to_supersede_a_record_is_a_supersede_link() {
    let r = only(
        "0046-handle-crds.md",
        "# Handle CRDs\n\n- Status: accepted\n- Date: 2024-02-22\n\n## Decision Outcome\n\n\
         Chosen option: \"Option 2\". We decided to supersede [ADR-0011](0011-upstream.md) and \
         use Helm instead.\n",
    );
    assert_eq!(
        supersede_links(&r),
        [link("supersedes", "0011-upstream.md")],
        "{r}"
    );
}

/// `Introduced: 2022-03-30` under the title is the day the record was written: its date, ahead
/// of an `Updated:` line after it.
#[test]
fn an_introduced_line_dates_the_record() {
    let r = only(
        "0005-record-product-decisions.md",
        "# 5. Record product decisions\n\nIntroduced: 2022-03-30.\n\n## Status\n\nAccepted\n",
    );
    assert_eq!(r["date"], "2022-03-30", "{r}");
    let r = only(
        "0012-migration-plan.md",
        "# 12. Migration plan\n\nIntroduced: 20220513\n\nUpdated: 20220711\n\n## Status\n\nApproved\n",
    );
    assert_eq!(r["date"], "2022-05-13", "{r}");
    // A word that is no date is no date.
    let r = only(
        "0006-x.md",
        "# 6. X\n\nIntroduced: in release 2\n\n## Status\n\nAccepted\n",
    );
    assert_eq!(r["date"], Value::Null, "{r}");
}

/// A French log's `## État` section holds the status, as `## Statut` does.
#[test]
fn a_french_etat_section_holds_the_status() {
    let r = only(
        "0001-enregistrer.md",
        "# 1. Enregistrer les décisions\n\nDate : 2022-11-02\n\n## Contexte\n\nTexte.\n\n\
         ## État\n\nProposé.\n\n## Conséquences\n\nTexte.\n",
    );
    assert_eq!(r["status"], "proposed", "{r}");
    assert_eq!(r["date"], "2022-11-02", "{r}");
}

/// `# n. Django Templates` in `0010-django-templates.md`: the template's number placeholder
/// left in the title is no part of it; the file name numbers the record.
#[test]
fn a_number_placeholder_left_in_the_title_is_left_out() {
    let r = only(
        "0010-django-templates.md",
        "# n. Django Templates\n\nDate: 2022-09-26\n\n## Status\n\nApproved\n",
    );
    assert_eq!(r["title"], "Django Templates", "{r}");
    assert_eq!(r["number"], 10, "{r}");
    // A title that merely starts with a letter and a full stop keeps it without a numbered file.
    let r = only(
        "x-marks.md",
        "# X. Marks the spot\n\n## Status\n\nAccepted\n",
    );
    assert_eq!(r["title"], "X. Marks the spot", "{r}");
}

/// MADR's Links section saying `Superseded by [X](x.md)` marks the record superseded even when
/// its `Status:` bullet was left at `accepted`.
#[test]
fn a_superseded_by_link_among_the_links_supersedes_the_record() {
    let s = repo(&[
        (
            "20240219-revisit-openapi.md",
            "# Revisit OpenAPI\n\n- Status: accepted\n- Date: 2024-02-19\n\n\
             ## Context and Problem Statement\n\nText.\n\n## Links\n\n\
             - Superseded by [Use Scalar](20241023-use-scalar.md)\n- [A rule](https://example.com)\n",
        ),
        (
            "20241023-use-scalar.md",
            "# Use Scalar\n\n- Status: accepted\n- Date: 2024-10-23\n",
        ),
    ]);
    let r = record(&s, "20240219-revisit-openapi.md");
    assert_eq!(r["status"], "superseded", "{r}");
    assert_eq!(
        supersede_links(&r),
        [link("superseded-by", "20241023-use-scalar.md")],
        "{r}"
    );
    assert_eq!(record(&s, "20241023-use-scalar.md")["status"], "accepted");
}

/// A `# Status` written as an H1 under the `# Title` is the record's status section, a sibling
/// of the `## Context` after it; `adr status` changes the status there.
#[test]
fn a_status_section_written_as_an_h1_holds_the_status() {
    let s = repo(&[(
        "0001-use-x.md",
        "# 1. Use X\n\nDate: 2024-01-02\n\n# Status\n\nAccepted\n\n## Context\n\nProposed \
         first, we now know more.\n",
    )]);
    let r = record(&s, "0001-use-x.md");
    assert_eq!(r["title"], "Use X", "{r:#}");
    assert_eq!(r["status"], "accepted", "{r:#}");

    let out = s
        .adr()
        .args(["status", "1", "deprecated"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = s.read("doc/adr/0001-use-x.md");
    let under = text.split("# Status").nth(1).unwrap_or_default();
    let section = under.split("## Context").next().unwrap_or_default();
    assert!(section.contains("Deprecated"), "{text}");
    assert!(!section.contains("Accepted\n\n## Context"), "{text}");
    assert_eq!(record(&s, "0001-use-x.md")["status"], "deprecated");
}

/// A record with no status line whose own text says it has been superseded (a bold
/// `**Superseded:**` lead-in, or "this RFC ... has been superseded by [X](x.md)") is
/// superseded; a record that only discusses superseding is not.
#[test]
fn a_record_that_says_it_has_been_superseded_is_superseded() {
    let s = repo(&[
        (
            "0001-cache.md",
            "# 1. Cache\n\n**Superseded:** the proxy below was retired; the app calls the \
             service directly.\n\n## Context\n\nSlow calls.\n",
        ),
        (
            "0002-holdings.md",
            "# 2. Holdings\n\n## Purpose\n\nThis RFC proposes an approach which has been \
             superseded by [3. Requests](0003-requests.md) RFC.\n\n## Context\n\nItems.\n",
        ),
        (
            "0003-requests.md",
            "# 3. Requests\n\n## Purpose\n\nThis RFC will supersede [2. Holdings](0002-holdings.md) \
             once built.\n\n## Context\n\nAn old plan was superseded by nothing.\n",
        ),
    ]);
    assert_eq!(record(&s, "0001-cache.md")["status"], "superseded");
    let holdings = record(&s, "0002-holdings.md");
    assert_eq!(holdings["status"], "superseded", "{holdings:#}");
    assert_eq!(
        supersede_links(&holdings),
        [link("superseded-by", "0003-requests.md")],
        "{holdings:#}"
    );
    let requests = record(&s, "0003-requests.md");
    assert_eq!(requests["status"], Value::Null, "{requests:#}");

    // The sentence is no status line: a new status goes in a status section of its own and
    // the sentence stays as written.
    let out = s
        .adr()
        .args(["status", "2", "deprecated", "--force"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = s.read("doc/adr/0002-holdings.md");
    assert!(
        text.contains("which has been superseded by [3. Requests]"),
        "{text}"
    );
    assert_eq!(record(&s, "0002-holdings.md")["status"], "deprecated");
}

/// Reference-style links (`[ADR 9][9]`, `[Use Y]`) whose definition stands elsewhere in the
/// record link to the record it names, in a status section or a supersede line, as inline
/// links do; the status reads as written.
#[test]
fn reference_links_in_status_and_supersede_lines_name_their_records() {
    let s = repo(&[
        (
            "0002-old.md",
            "# 2. Old\n\n## Status\n\nSuperseded by [the read models ADR][9]\n\n## Context\n\n\
             X.\n\n[9]: 0009-read-models.md\n",
        ),
        (
            "0003-use-y.md",
            "# 3. Use Y\n\n* Status: accepted\n* Supersedes: [Use X]\n\n## Context\n\nY.\n\n\
             [use x]: ./0001-use-x.md \"Use X\"\n",
        ),
    ]);
    let old = record(&s, "0002-old.md");
    assert_eq!(old["status"], "superseded", "{old:#}");
    assert_eq!(
        old["status_raw"], "Superseded by [the read models ADR][9]",
        "{old:#}"
    );
    assert_eq!(
        supersede_links(&old),
        [link("superseded-by", "0009-read-models.md")],
        "{old:#}"
    );
    let y = record(&s, "0003-use-y.md");
    assert_eq!(
        supersede_links(&y),
        [link("supersedes", "./0001-use-x.md")],
        "{y:#}"
    );
}

// --- Fifth held-out round: RFC-style metadata and titles --------------------------------------

/// `# Draft: Meeting area`: a lifecycle word before the title's first colon is the record's
/// status and no part of its title; a Status line stated elsewhere still wins. A title whose
/// first words are no lifecycle state keeps its colon.
#[test]
fn a_status_word_before_the_title_is_the_status() {
    let s = repo(&[
        (
            "20211031-meeting-area.md",
            "# Draft: Meeting area\n\n## Context and Problem Statement\n\nText.\n",
        ),
        (
            "20211101-use-vr.md",
            "# Rejected: Use VR for meetings\n\n## Context\n\nText.\n",
        ),
        (
            "20211102-stream.md",
            "# Proposal: Stream from a webcam\n\n- Status: Accepted\n\n## Context\n\nText.\n",
        ),
        (
            "20211103-old.md",
            "# Superseded by [New way](20211104-new.md): Old way\n\n## Context\n\nText.\n",
        ),
        (
            "20211104-new.md",
            "# Accepted: New way\n\n## Context\n\nText.\n",
        ),
        (
            "20211105-caching.md",
            "# Caching: a plan for the edge\n\n## Status\n\nAccepted\n",
        ),
    ]);
    let r = record(&s, "20211031-meeting-area.md");
    assert_eq!(r["title"], "Meeting area", "{r}");
    assert_eq!(r["status"], "proposed", "{r}");
    let r = record(&s, "20211101-use-vr.md");
    assert_eq!(r["title"], "Use VR for meetings", "{r}");
    assert_eq!(r["status"], "rejected", "{r}");
    let r = record(&s, "20211102-stream.md");
    assert_eq!(r["title"], "Stream from a webcam", "{r}");
    assert_eq!(r["status"], "accepted", "{r}");
    let r = record(&s, "20211103-old.md");
    assert_eq!(r["title"], "Old way", "{r}");
    assert_eq!(r["status"], "superseded", "{r}");
    assert_eq!(
        supersede_links(&r),
        [link("superseded-by", "20211104-new.md")],
        "{r}"
    );
    assert_eq!(record(&s, "20211104-new.md")["status"], "accepted");
    let r = record(&s, "20211105-caching.md");
    assert_eq!(r["title"], "Caching: a plan for the edge", "{r}");
}

/// `Status: Accepted <!-- Draft | Accepted | ... -->` written again under the `## Status`
/// heading: the status is its value, without the key or the template's comment.
#[test]
fn a_status_line_under_the_status_heading_gives_its_value() {
    let s = repo(&[
        (
            "0001-a.md",
            "# 1. A\n\n## Context\n\nText.\n\n## Status\n\nStatus: Accepted <!-- Draft | Proposed | Accepted -->\n",
        ),
        (
            "0002-b.md",
            "# 2. B\n\n## Status\n\n- Status: Draft\n\n## Context\n\nText.\n",
        ),
    ]);
    let a = record(&s, "0001-a.md");
    assert_eq!(a["status"], "accepted", "{a}");
    let b = record(&s, "0002-b.md");
    assert_eq!(b["status"], "proposed", "{b}");
    let list = list(&s);
    let raw: Vec<&str> = list.iter().filter_map(|r| r["status"].as_str()).collect();
    assert!(!raw.iter().any(|w| w.contains("Status")), "{list:#?}");
}

/// An RFC whose first H1 names a section (`# Table of contents`, `# Summary`) writes all its
/// sections as H1s: a later one (`# Basic example`) is no title either, and the file name
/// names the record. `# Meta` with a `- Name:` line: the Name is the title.
#[test]
fn h1_sections_are_no_title_and_a_name_line_is() {
    let s = repo(&[
        (
            "design-tokens.md",
            "- Start Date: 2021-06-14\n\n# Table of contents\n\n- [Summary](#summary)\n\n\
             # Summary\n\nText.\n\n# Basic example\n\nText.\n",
        ),
        (
            "0048-inline-buildpacks.md",
            "# Meta\n[meta]: #meta\n- Name: Inline Buildpacks\n- Start Date: 2020-06-11\n\
             - Status: Implemented\n\n# Summary\n\nText.\n\n# Motivation\n\nText.\n",
        ),
    ]);
    let r = record(&s, "design-tokens.md");
    assert_ne!(r["title"], "Basic example", "{r}");
    assert_ne!(r["title"], "Table of contents", "{r}");
    assert_eq!(r["date"], "2021-06-14", "{r}");
    let r = record(&s, "0048-inline-buildpacks.md");
    assert_eq!(r["title"], "Inline Buildpacks", "{r}");
    assert_eq!(r["date"], "2020-06-11", "{r}");
}

/// `creation-date:` and `start-date:` in front matter, and `**Creation date:**` in the body,
/// date the record.
#[test]
fn creation_and_start_dates_date_the_record() {
    let s = repo(&[
        (
            "0002-custom-tasks.md",
            "---\ntitle: Custom Tasks\ncreation-date: 2020-06-18\nlast-updated: 2021-12-15\n\
             status: implemented\n---\n\n# TEP-0002: Enable Custom Tasks\n",
        ),
        (
            "0617-stages.md",
            "---\nstage: released # maybe recommended\nstart-date: 2020-04-22T00:00:00.000Z\n\
             release-date: 2022-11-22T00:00:00.000Z\n---\n\n# RFC Stages\n\n## Summary\n\nText.\n",
        ),
        (
            "0002-helm-oci/README.md",
            "# RFC-0002 Flux OCI support for Helm\n\n**Status:** implemented\n\n\
             **Creation date:** 2022-03-30\n\n**Last update:** 2023-11-28\n\n## Summary\n\nText.\n",
        ),
    ]);
    let r = record(&s, "0002-custom-tasks.md");
    assert_eq!(r["date"], "2020-06-18", "{r}");
    let r = record(&s, "0617-stages.md");
    assert_eq!(r["date"], "2020-04-22", "{r}");
    assert_eq!(r["status"], "released", "{r}");
    let r = record(&s, "0002-helm-oci/README.md");
    assert_eq!(r["date"], "2022-03-30", "{r}");
    assert_eq!(r["title"], "Flux OCI support for Helm", "{r}");
}

/// `# RFC-0002 Title`: the series' name and the record's own number, then only a space, are no
/// part of the title; capitals with another number (`HTTP 2 support` in record 3) are.
#[test]
fn a_series_number_before_the_title_is_left_out() {
    let s = repo(&[
        (
            "0001-auth/README.md",
            "# RFC-0001 Memorandum on authorization\n\nText.\n",
        ),
        (
            "0003-http.md",
            "# HTTP 2 support\n\n## Status\n\nAccepted\n",
        ),
    ]);
    assert_eq!(
        record(&s, "0001-auth/README.md")["title"],
        "Memorandum on authorization"
    );
    assert_eq!(record(&s, "0003-http.md")["title"], "HTTP 2 support");
}

/// `status: implemented` with `superseded-by: [TEP-0107]` in front matter: the record is
/// superseded, as a Superseded-by line under a body's status makes it.
#[test]
fn a_front_matter_successor_supersedes_the_record() {
    let r = only(
        "0023-implicit-mapping.md",
        "---\ntitle: Implicit mapping\nstatus: implemented\nsuperseded-by:\n- TEP-0107\n---\n\n\
         # TEP-0023: Implicit mapping\n",
    );
    assert_eq!(r["status"], "superseded", "{r}");
}

/// `- Name: `pack` subcommands`: a title that starts with code keeps its words; `Feature Name:
/// `inherit-default-features`` is the code span's name.
#[test]
fn a_name_starting_with_code_keeps_its_words() {
    let r = only(
        "0058-pack-subcommands.md",
        "# Meta\n- Name: `pack` subcommands\n- Start Date: 2020-07-08\n\n# Summary\n\nText.\n",
    );
    assert_eq!(r["title"], "`pack` subcommands", "{r}");
}

/// `superseded-by: [TEP-0107]`: a series' capitals and a number name the record of that number,
/// so the link is not dangling.
#[test]
fn a_series_label_and_number_name_the_record() {
    let s = repo(&[
        (
            "0023-implicit-mapping.md",
            "---\ntitle: Implicit mapping\nstatus: implemented\nsuperseded-by:\n- TEP-0107\n---\n\n\
             # TEP-0023: Implicit mapping\n",
        ),
        (
            "0107-propagated-parameters.md",
            "---\ntitle: Propagated parameters\nstatus: implemented\n---\n\n# TEP-0107: Propagated parameters\n",
        ),
    ]);
    let out = s
        .adr()
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(!text.contains("dangling-link"), "{text}");
}

/// `**Status:** Superceded entirely by [X](x.md)`: an adverb between the verb and `by` says how
/// much is replaced; the link still names the successor.
#[test]
fn an_adverb_before_by_keeps_the_successor_link() {
    let s = repo(&[
        (
            "0008-observer.md",
            "# Metrics observer\n\n**Status:** Superceded entirely by [0072-observer](0072-observer.md)\n\nText.\n",
        ),
        (
            "0072-observer.md",
            "# Observer\n\n**Status:** Accepted\n\nText.\n",
        ),
    ]);
    let r = record(&s, "0008-observer.md");
    assert_eq!(r["status"], "superseded", "{r}");
    assert_eq!(
        supersede_links(&r),
        [link("superseded-by", "0072-observer.md")],
        "{r}"
    );
}

/// `- Supersedes: [RFC 0045](https://github.com/o/r/blob/main/text/0045-x.md)`: a link to the
/// web address of a record file of this log names that record; a link to a pull request does
/// not.
#[test]
fn a_link_to_a_record_files_address_names_the_record() {
    let s = repo(&[
        (
            "0093-remove-shell.md",
            "# Meta\n- Name: Remove shell\n- Status: Implemented\n\
             - Supersedes: [RFC 0045](https://github.com/o/r/blob/main/text/0045-launcher.md)\n\n# Summary\n\nText.\n",
        ),
        (
            "0045-launcher.md",
            "# Meta\n- Name: Launcher\n- Status: Superseded\n\n# Summary\n\nText.\n",
        ),
        (
            "0108-role.md",
            "# Meta\n- Name: Role\n- Status: Approved\n\
             - Supersedes: [#228](https://github.com/o/r/pull/228)\n\n# Summary\n\nText.\n",
        ),
    ]);
    let r = record(&s, "0093-remove-shell.md");
    assert_eq!(
        supersede_links(&r),
        [link("supersedes", "0045-launcher.md")],
        "{r}"
    );
    let r = record(&s, "0108-role.md");
    assert_eq!(supersede_links(&r), [], "{r}");
}
