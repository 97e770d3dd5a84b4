//! Property tests: titles survive slug, file name and heading or are refused as documented; a
//! record written by `adr new` and `edit::front_matter` reads back as the model it was written
//! from; links and status changes with any words read back, and a status change and its
//! inverse give the original bytes back. Generators are in `properties/strategies.rs`; the
//! block-YAML reader's differential test is in `properties/block_yaml.rs`.

#[path = "properties/block_yaml.rs"]
mod block_yaml;
#[path = "properties/strategies.rs"]
mod strategies;

use adr::create::{self, NewRecord};
use adr::edit::{self, NewStatus};
use adr::lifecycle::{self, Workspace};
use adr::model::{Diagnostic, Format, Record, Severity};
use adr::names;
use adr::parse::words::{normalise_link_kind, normalise_status};
use adr::repo::{RecordFile, Repo, read_record, record_from_bytes};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::path::Path;
use strategies::*;

fn repo_at(dir: &Path, format: Format) -> Repo {
    Repo {
        root: dir.to_path_buf(),
        dir: dir.join("doc/adr"),
        extra_dirs: Vec::new(),
        others: Vec::new(),
        config: Default::default(),
        config_path: None,
        format: Some(format),
        write_outside: false,
    }
}

fn file_of(path: &Path) -> RecordFile {
    let id = path.file_stem().unwrap().to_string_lossy().into_owned();
    RecordFile {
        path: path.to_path_buf(),
        name: names::parse_record_name(&id).expect("a record name"),
        id,
    }
}

/// What a reader sees of a title: surrounding spaces dropped, as every heading parser does.
fn shown(title: &str) -> String {
    title.trim().to_string()
}

/// The title as the template's heading line gets it: as adr-tools' `sed` does, the first `DATE`
/// and then the first `STATUS` on the line are replaced, the title's own included (README,
/// "Template"); `NUMBER` and `TITLE` are replaced before the title is on the line.
fn filled(title: &str, date: &str, status: &str) -> String {
    title
        .replacen("DATE", date, 1)
        .replacen("STATUS", status, 1)
}

fn closes_heading(title: &str) -> bool {
    let t = title.trim_end().trim_end_matches('#');
    t.len() != title.trim_end().len() && (t.is_empty() || t.ends_with([' ', '\t']))
}

/// Diagnostics that say the file was not read as written.
fn misread(diags: &[Diagnostic]) -> Vec<&Diagnostic> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error || d.code == "front-matter-field")
        .collect()
}

/// The cases (`PROPTEST_CASES` overrides, for long runs) and where failing ones are kept:
/// `tests/` has no `lib.rs` for proptest's default to find its way by, so the file is named
/// (cargo runs tests from the package root).
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|c| c.parse().ok())
            .unwrap_or(cases),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "tests/properties.proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn slugs_are_safe_file_names_that_read_back(title in title(), number in 1u32..20000) {
        for slug in [names::slug_ascii(&title), names::slug_unicode(&title)] {
            prop_assert!(!slug.contains(['/', '\\', '\0', '\n']), "{slug:?}");
            prop_assert!(!slug.starts_with(['.', '-']) && !slug.ends_with('-'), "{slug:?}");
            prop_assert!(!slug.contains("--"), "{slug:?}");
            let file = names::record_file_name(number, &slug);
            prop_assert!(file.len() <= 255, "{file}");
            let stem = file.strip_suffix(".md").unwrap();
            let info = names::parse_record_name(stem).expect("a record name");
            prop_assert_eq!(info.number, Some(number));
            // A slug too long for a file name is cut, at a character and never after a `-`.
            prop_assert!(slug.starts_with(&info.slug), "{:?} {slug:?}", info.slug);
            prop_assert!(info.slug == slug || !info.slug.ends_with('-'), "{:?}", info.slug);
        }
    }

    /// `adr new` writes the title, status, date, tags, scope and deciders; the structured
    /// fields its template leaves as placeholders (constraints, quality attributes, options,
    /// links, status history) are written from a model by `edit::front_matter`, with the
    /// quoting `adr link` and `adr status` use. Every value may be YAML-hostile text. Read back,
    /// the record is the model as the reader normalises it: values trimmed, blank ones absent.
    #[test]
    fn a_created_record_reads_back_as_written(
        title in title(),
        format in format_strategy(),
        tags in prop::collection::vec(hostile(), 0..3),
        scope in prop::collection::vec(hostile(), 0..3),
        deciders in prop::collection::vec(hostile(), 0..3),
        fields in structured_fields(),
    ) {
        // Template text as a title (`[short title of the decision]`, `<title>`) reads as no
        // title, as an unfilled template should.
        prop_assume!(!adr::parse::placeholder::is_placeholder(&title));
        // Front-matter lists: none in adr-tools' layout; scope only in the structured format.
        let tags = if format == Format::Nygard { Vec::new() } else { tags };
        let deciders = if format == Format::Nygard { Vec::new() } else { deciders };
        let scope = if format == Format::Structured { scope } else { Vec::new() };
        let tmp = tempfile::tempdir().unwrap();
        let repo = repo_at(tmp.path(), format);
        let spec = NewRecord {
            title: title.clone(),
            status: Some("accepted".into()),
            date: Some("2024-02-29".into()),
            tags: tags.clone(),
            scope: scope.clone(),
            deciders: deciders.clone(),
            template_text: None,
            ..Default::default()
        };
        // Documented (README, `adr new`): a blank title is `ERROR: no title given`, and a title
        // with a control character is refused, naming it; nothing is written either way.
        let refusal = if title.trim().is_empty() {
            Some("ERROR: no title given".to_string())
        } else {
            title.chars().find(|c| c.is_control()).map(|c| format!("control characters such as {c:?}"))
        };
        let created = create::create(&repo, &spec);
        if let Some(refusal) = refusal {
            let err = created.expect_err("a refused title").to_string();
            prop_assert!(err.contains(&refusal), "{err}");
            prop_assert!(!repo.dir.exists() || std::fs::read_dir(&repo.dir).unwrap().next().is_none());
            return Ok(());
        }
        let created = created.unwrap();
        let heading = filled(&title, "2024-02-29", "accepted");
        // A title that starts like a numbered heading (`2. Plan`, `ADR 5 - x`) is read back
        // without that prefix in every layout but adr-tools' (where `# 1. 2. Plan` keeps it):
        // that is how real repositories number their titles, a deliberate reading.
        prop_assume!(format == Format::Nygard || adr::parse::words::strip_title_number(&heading) == heading.trim());
        // A heading's closing run of `#` (`# Use C #`) is not part of it in CommonMark.
        prop_assume!(!closes_heading(&heading));
        prop_assert_eq!(created.path.parent(), Some(repo.dir.as_path()));
        let file = file_of(&created.path);
        let (record, diags) = read_record(&file);
        prop_assert!(misread(&diags).is_empty(), "{:?}", misread(&diags));
        let want = shown(&heading);
        prop_assert_eq!(record.title.as_deref(), Some(want.as_str()));
        prop_assert_eq!(record.number, Some(1));
        prop_assert_eq!(record.format, format);
        prop_assert_eq!(record.date_iso.as_deref(), Some("2024-02-29"));
        prop_assert_eq!(record.status.as_ref().map(|s| s.state.as_str()), Some("accepted"));
        if format != Format::Nygard {
            prop_assert_eq!(&record.tags, &norm_list(&tags));
            prop_assert_eq!(&record.deciders, &norm_names(&deciders));
        }
        if format != Format::Structured {
            return Ok(());
        }
        prop_assert_eq!(&record.scope, &norm_list(&scope));
        prop_assert_eq!(&record.deciders, &norm_names(&deciders));

        let model = with_fields(&record, &fields);
        let text = edit::front_matter(&model) + &record.body;
        let (back, diags) = record_from_bytes(&file, text.as_bytes());
        prop_assert!(misread(&diags).is_empty(), "{:?}\n{text}", misread(&diags));
        prop_assert_eq!(back.format, Format::Structured);
        prop_assert_eq!(back.title.as_deref(), Some(want.as_str()));
        prop_assert_eq!(back.date.as_deref(), Some("2024-02-29"));
        prop_assert_eq!(&back.tags, &record.tags, "{}", text);
        prop_assert_eq!(&back.scope, &record.scope, "{}", text);
        prop_assert_eq!(&back.deciders, &record.deciders, "{}", text);
        let status = norm(&fields.status).unwrap();
        prop_assert_eq!(back.status.as_ref().map(|s| s.raw.as_str()), Some(status.as_str()), "{}", text);
        prop_assert_eq!(back.status.as_ref().map(|s| s.state.clone()), Some(normalise_status(&status)));
        prop_assert_eq!(&back.constraints, &norm_list(&fields.constraints), "{}", text);
        prop_assert_eq!(&back.quality_attributes, &read_qualities(&fields.qualities), "{}", text);
        prop_assert_eq!(&back.options, &read_options(&fields.options), "{}", text);
        let links: Vec<(String, String)> = back.links.iter().map(|l| (l.kind.clone(), l.target.clone())).collect();
        let want_links: Vec<(String, String)> = fields
            .links
            .iter()
            .map(|(kind, target)| {
                let kind = norm(kind).unwrap();
                (normalise_link_kind(&kind).unwrap_or(kind), norm(target).unwrap())
            })
            .collect();
        prop_assert_eq!(links, want_links, "{}", text);
        let history: Vec<(String, String)> = back.status_history.iter().map(|h| (h.date.clone(), h.raw.clone())).collect();
        let want_history: Vec<(String, String)> = fields
            .history
            .iter()
            .map(|(d, s)| (norm(d).unwrap(), norm(s).unwrap()))
            .collect();
        prop_assert_eq!(history, want_history, "{}", text);
    }

    /// `adr link` with any words: either refused with the reason (words that would not read
    /// back as a link) or written so that they read back as the link asked for, in every
    /// format; and linking again changes nothing.
    #[test]
    fn a_link_with_any_words_reads_back_and_is_written_once(
        format in format_strategy(),
        label in hostile(),
        reverse in hostile(),
    ) {
        let tmp = tempfile::tempdir().unwrap();
        let repo = repo_at(tmp.path(), format);
        let spec = |title: &str| NewRecord {
            title: title.into(),
            status: Some("accepted".into()),
            date: Some("2024-02-29".into()),
            tags: Vec::new(),
            scope: Vec::new(),
            deciders: Vec::new(),
            template_text: None,
            ..Default::default()
        };
        let a = create::create(&repo, &spec("Source")).unwrap().path;
        let b = create::create(&repo, &spec("Target")).unwrap().path;
        let read = |p: &Path| read_record(&file_of(p)).0;
        let (source, target) = (read(&a), read(&b));
        let mut ws = Workspace::default();
        let linked = match lifecycle::link(&mut ws, &source, &label, &target, Some(&reverse)) {
            Ok(linked) => linked,
            Err(e) => {
                let e = e.to_string();
                prop_assert!(e.contains("would not be read back as a link"), "{e}");
                prop_assert_eq!(read(&a), source);
                prop_assert_eq!(read(&b), target);
                return Ok(());
            }
        };
        prop_assert!(linked.forward);
        prop_assert_eq!(linked.reverse, !reverse.trim().is_empty());
        ws.commit().unwrap();
        let kind = |words: &str| {
            let k = words.trim().to_lowercase();
            normalise_link_kind(&k).unwrap_or(k)
        };
        let (source, target) = (read(&a), read(&b));
        let to = |r: &Record, kind: String, name: &Path| {
            let name = name.file_name().unwrap().to_str().unwrap().to_string();
            r.links.iter().filter(|l| l.kind == kind && l.target == name).count()
        };
        prop_assert_eq!(to(&source, kind(&label), &b), 1, "{:?}", source.links);
        if linked.reverse {
            prop_assert_eq!(to(&target, kind(&reverse), &a), 1, "{:?}", target.links);
        }
        let bytes = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
        let mut ws = Workspace::default();
        let again = lifecycle::link(&mut ws, &source, &label, &target, Some(&reverse)).unwrap();
        prop_assert!(again.nothing(), "{again:?}");
        prop_assert!(ws.commit().unwrap().is_empty());
        prop_assert_eq!((std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap()), bytes);
    }

    /// `adr status` with any words, into a front matter whose status is written plain,
    /// single-quoted, double-quoted or with a comment after it, twice over (the second change
    /// edits what the first wrote): the YAML stays valid and reads back each new status, and
    /// the comment stays.
    #[test]
    fn a_status_of_any_words_reads_back_whatever_its_quoting(
        style in 0..4usize,
        words in prop::collection::vec(nonblank(), 2),
    ) {
        // Template text (`[ accepted | rejected ]`, `{status}`) is read as no status at all,
        // so writing it is refused; every other status must read back.
        prop_assume!(words.iter().all(|w| !adr::parse::placeholder::is_template_form(w)));
        let line = [
            "status: accepted",
            "status: 'accepted'",
            "status: \"accepted\"",
            "status: accepted  # as agreed",
        ][style];
        let mut text = format!("---\n{line}\ndate: 2024-02-29\nconstraints: []\n---\n\n# T\n");
        let file = file_of(Path::new("doc/adr/0001-t.md"));
        for word in &words {
            let (record, _) = record_from_bytes(&file, text.as_bytes());
            let status = NewStatus {
                state: normalise_status(word),
                raw: word.clone(),
                date: "2024-03-01".into(),
                by: None,
                forced: None,
            };
            text = edit::set_status(&text, &record, &status).unwrap();
            let (back, diags) = record_from_bytes(&file, text.as_bytes());
            prop_assert!(misread(&diags).is_empty(), "{:?}\n{text}", misread(&diags));
            let want = norm(&status.word(false));
            prop_assert_eq!(back.status.map(|s| s.raw), want.clone(), "{}", text);
            prop_assert_eq!(back.status_history.last().map(|h| h.raw.clone()), want, "{}", text);
            prop_assert_eq!(text.contains("# as agreed"), style == 3, "{}", text);
        }
    }

    #[test]
    fn a_status_change_and_its_inverse_give_the_original_bytes(
        title in title(),
        format in format_strategy(),
        to in prop::sample::select(vec!["proposed", "rejected", "deprecated", "superseded", "on hold"]),
    ) {
        // Titles `adr new` refuses (blank, control characters) make no record to change; the
        // refusal is a_created_record_reads_back_as_written's to check.
        prop_assume!(!title.trim().is_empty() && !title.chars().any(char::is_control));
        let tmp = tempfile::tempdir().unwrap();
        let repo = repo_at(tmp.path(), format);
        let spec = NewRecord {
            title,
            status: Some("accepted".into()),
            date: Some("2024-02-29".into()),
            tags: Vec::new(),
            scope: Vec::new(),
            deciders: Vec::new(),
            template_text: None,
            ..Default::default()
        };
        let path = create::create(&repo, &spec).unwrap().path;
        let original = std::fs::read_to_string(&path).unwrap();
        let file = file_of(&path);
        let set = |text: &str, word: &str| -> String {
            let (record, _) = record_from_bytes(&file, text.as_bytes());
            let status = NewStatus { state: normalise_status(word), raw: word.into(), date: "2024-03-01".into(), by: None, forced: None };
            edit::set_status(text, &record, &status).unwrap()
        };
        let there = set(&original, to);
        let back = set(&there, "accepted");
        let (record, _): (Record, _) = record_from_bytes(&file, back.as_bytes());
        prop_assert_eq!(record.status.as_ref().map(|s| s.state.as_str()), Some("accepted"));
        {
            // Every format keeps a dated history: the inverse restores every original line and
            // adds only history entries (`status_history` items, or `- DATE Status` lines and
            // the blank line before them in a `## Status` section).
            let added = similar::TextDiff::from_lines(&original, &back);
            for change in added.iter_all_changes() {
                match change.tag() {
                    similar::ChangeTag::Delete => prop_assert!(false, "line lost: {change}"),
                    similar::ChangeTag::Insert => prop_assert!(
                        ["status_history:", "- date:", "date:", "status:"].iter().any(|k| change.value().trim_start().starts_with(k))
                            || change.value().trim().is_empty()
                            || adr::parse::markdown::history_item(change.value()).is_some(),
                        "unexpected line: {change:?}\n{back}"
                    ),
                    similar::ChangeTag::Equal => {}
                }
            }
        }
    }
}

#[test]
fn titles_with_path_characters_stay_in_the_decision_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = repo_at(tmp.path(), Format::Structured);
    for t in ["../../etc/passwd", "a/b/c", "..", "/", "\\..\\x"] {
        let spec = NewRecord {
            title: t.into(),
            status: None,
            date: Some("2024-02-29".into()),
            tags: Vec::new(),
            scope: Vec::new(),
            deciders: Vec::new(),
            template_text: None,
            ..Default::default()
        };
        let p = create::create(&repo, &spec).unwrap().path;
        assert_eq!(p.parent(), Some(repo.dir.as_path()), "{t}: {}", p.display());
    }
}
