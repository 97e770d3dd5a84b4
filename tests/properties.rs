//! Property tests: titles survive slug, file name and heading; a record written by `adr new`'s
//! create path reads back as the model it was written from; a status change and its inverse
//! give the original bytes back.

use adr::create::{self, NewRecord};
use adr::edit::{self, NewStatus};
use adr::model::{Format, Record};
use adr::names;
use adr::parse::words::normalise_status;
use adr::repo::{RecordFile, Repo, read_record, record_from_bytes};
use proptest::prelude::*;
use std::path::Path;

/// Titles people type: letters of several scripts, digits, punctuation, runs of spaces, and
/// the characters that are dangerous in a file name (`/`, `..`, `\`).
fn title() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[A-Za-z][a-z]{0,8}",
        "[0-9]{1,4}",
        "[éüßçñ]{1,3}",
        "[添加测试使用]{1,3}",
        Just("..".to_string()),
        Just("/".to_string()),
        Just("\\".to_string()),
        "[-_.,:;!?&'\"()#*`]{1,2}",
    ];
    prop::collection::vec(word, 1..12).prop_map(|w| w.join(" "))
}

fn repo_at(dir: &Path, format: Format) -> Repo {
    Repo {
        root: dir.to_path_buf(),
        dir: dir.join("doc/adr"),
        extra_dirs: Vec::new(),
        config: Default::default(),
        config_path: None,
        format: Some(format),
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

fn closes_heading(title: &str) -> bool {
    let t = title.trim_end().trim_end_matches('#');
    t.len() != title.trim_end().len() && (t.is_empty() || t.ends_with([' ', '\t']))
}

fn format_strategy() -> impl Strategy<Value = Format> {
    prop_oneof![
        Just(Format::Structured),
        Just(Format::Nygard),
        Just(Format::Madr)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

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
            prop_assert_eq!(info.slug, slug);
        }
    }

    #[test]
    fn a_created_record_reads_back_as_written(
        title in title(),
        format in format_strategy(),
        tags in prop::collection::vec("[a-z][a-z0-9 :#-]{0,10}", 0..3),
        deciders in prop::collection::vec("[A-Z][a-z]{1,6}( [A-Z][a-z]{1,6})?", 0..3),
    ) {
        prop_assume!(!title.trim().is_empty());
        // A title that starts like a numbered heading (`2. Plan`, `ADR 5 - x`) is read back
        // without that prefix in every layout but adr-tools' (where `# 1. 2. Plan` keeps it):
        // that is how real repositories number their titles, a deliberate reading.
        prop_assume!(format == Format::Nygard || adr::parse::words::strip_title_number(&title) == title.trim());
        // A heading's closing run of `#` (`# Use C #`) is not part of it in CommonMark.
        prop_assume!(!closes_heading(&title));
        let tags = if format == Format::Nygard { Vec::new() } else { tags };
        let tmp = tempfile::tempdir().unwrap();
        let repo = repo_at(tmp.path(), format);
        let spec = NewRecord {
            title: title.clone(),
            status: Some("accepted".into()),
            date: Some("2024-02-29".into()),
            tags: tags.clone(),
            scope: Vec::new(),
            deciders: deciders.clone(),
            template_text: None,
        };
        let created = create::create(&repo, &spec).unwrap();
        prop_assert_eq!(created.path.parent(), Some(repo.dir.as_path()));
        let (record, diags) = read_record(&file_of(&created.path));
        let errors: Vec<_> = diags.iter().filter(|d| d.severity == adr::model::Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{errors:?}");
        let want = shown(&title);
        prop_assert_eq!(record.title.as_deref(), Some(want.as_str()));
        prop_assert_eq!(record.number, Some(1));
        prop_assert_eq!(record.format, format);
        prop_assert_eq!(record.date_iso.as_deref(), Some("2024-02-29"));
        prop_assert_eq!(record.status.as_ref().map(|s| s.state.as_str()), Some("accepted"));
        if format != Format::Nygard {
            prop_assert_eq!(&record.tags, &tags.iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect::<Vec<_>>());
        }
        if format == Format::Structured {
            prop_assert_eq!(&record.deciders, &deciders);
        }
    }

    #[test]
    fn a_status_change_and_its_inverse_give_the_original_bytes(
        title in title(),
        format in format_strategy(),
        to in prop::sample::select(vec!["proposed", "rejected", "deprecated", "superseded", "on hold"]),
    ) {
        prop_assume!(!title.trim().is_empty());
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
        };
        let path = create::create(&repo, &spec).unwrap().path;
        let original = std::fs::read_to_string(&path).unwrap();
        let file = file_of(&path);
        let set = |text: &str, word: &str| -> String {
            let (record, _) = record_from_bytes(&file, text.as_bytes());
            let status = NewStatus { state: normalise_status(word), raw: word.into(), date: "2024-03-01".into() };
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
        };
        let p = create::create(&repo, &spec).unwrap().path;
        assert_eq!(p.parent(), Some(repo.dir.as_path()), "{t}: {}", p.display());
    }
}

/// Scalars chosen to sit on the edges of YAML's plain-scalar rules: mostly ones the block reader
/// should take, some that it must leave to the full parser.
fn yaml_scalar() -> impl Strategy<Value = String> {
    let common = prop_oneof![
        "[a-z][a-z ]{0,12}[a-z]",
        "[A-Z][a-z]{0,6}",
        "[0-9]{1,5}",
        Just("0028".to_string()),
        Just("1.50".to_string()),
        Just("-3".to_string()),
        Just("2025-01-16".to_string()),
        Just("true".to_string()),
        Just("No".to_string()),
        Just("~".to_string()),
        Just("null".to_string()),
        Just("C#".to_string()),
        Just("http://x.org/a#b".to_string()),
        Just("-- retry".to_string()),
        Just("[a, b]".to_string()),
        Just("[]".to_string()),
        Just("['it''s', \"q\", 12, true]".to_string()),
        Just("\"quoted \\\"x\\\" \\n\"".to_string()),
        Just("'single ''q'''".to_string()),
        Just("测试 ünï".to_string()),
        Just("x # comment".to_string()),
        Just("a #b".to_string()),
        Just("\"+ backup\" # c".to_string()),
    ];
    let risky = prop_oneof![
        Just("a: b".to_string()),
        Just("- x".to_string()),
        Just("[a, [b]]".to_string()),
        Just("[a, b,]".to_string()),
        Just("\"bad \\q\"".to_string()),
        Just("'open".to_string()),
        Just("&anchor x".to_string()),
        Just("*alias".to_string()),
        Just("!!str 1".to_string()),
        Just("|".to_string()),
        Just("{a: 1}".to_string()),
        Just("ends:".to_string()),
        Just("\"x\"y".to_string()),
        Just("".to_string()),
    ];
    prop_oneof![40 => common, 1 => risky]
}

/// A YAML value to write out in block style.
#[derive(Debug, Clone)]
enum Node {
    Scalar(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

fn yaml_key() -> impl Strategy<Value = String> {
    prop_oneof![
        60 => "[a-z][a-z_-]{0,8}",
        1 => Just("True".to_string()),
        1 => Just("null".to_string()),
        1 => Just("\"q key\"".to_string()),
        1 => Just("a b".to_string()),
    ]
}

fn yaml_node() -> impl Strategy<Value = Node> {
    yaml_scalar()
        .prop_map(Node::Scalar)
        .prop_recursive(4, 40, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Node::Seq),
                prop::collection::vec((yaml_key(), inner), 1..5).prop_map(Node::Map),
            ]
        })
}

/// Writes `node` as the value after `key:` or `-` at column `indent`.
fn write_node(
    out: &mut String,
    node: &Node,
    indent: usize,
    step: usize,
    compact: bool,
    in_seq: bool,
) {
    match node {
        Node::Scalar(s) => out.push_str(&format!(" {s}\n")),
        Node::Seq(items) if items.is_empty() => out.push_str(" []\n"),
        Node::Map(entries) if in_seq && !entries.is_empty() => {
            // `- key: value` with the rest of the mapping lined up under the first key.
            for (i, (k, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(&" ".repeat(indent + 2));
                } else {
                    out.push(' ');
                }
                out.push_str(&format!("{k}:"));
                write_node(out, v, indent + 2, step, compact, false);
            }
        }
        Node::Seq(items) => {
            out.push('\n');
            let at = if compact && !in_seq {
                indent
            } else {
                indent + step
            };
            for item in items {
                out.push_str(&format!("{}-", " ".repeat(at)));
                write_node(out, item, at, step, compact, true);
            }
        }
        Node::Map(entries) => {
            out.push('\n');
            for (k, v) in entries {
                out.push_str(&format!("{}{k}:", " ".repeat(indent + step)));
                write_node(out, v, indent + step, step, compact, false);
            }
        }
    }
}

/// Front-matter-like YAML: nested mappings and sequences in block style, with comments and,
/// sometimes, a line pushed one column off.
fn yaml_doc() -> impl Strategy<Value = String> {
    let entries = prop::collection::vec((yaml_key(), yaml_node()), 0..8);
    (
        entries,
        prop_oneof![Just(2usize), Just(4)],
        any::<bool>(),
        0usize..60,
        0usize..60,
    )
        .prop_map(|(entries, step, compact, comment_at, shift_at)| {
            let mut out = String::new();
            for (k, v) in &entries {
                out.push_str(&format!("{k}:"));
                write_node(&mut out, v, 0, step, compact, false);
            }
            let mut lines: Vec<String> = out.lines().map(str::to_string).collect();
            if let Some(line) = lines.get_mut(shift_at) {
                line.insert(0, ' ');
            }
            if comment_at < lines.len() {
                lines.insert(comment_at, "  # note".to_string());
            }
            lines.iter().map(|l| format!("{l}\n")).collect()
        })
}

/// The block-YAML reader, when it takes a text, gives what yaml-rust2 gives: the same values
/// in the same key order, and the same key lines.
fn assert_block_reader_agrees(yaml: &str) -> bool {
    let Some(fast) = adr::parse::block_yaml::parse(yaml) else {
        return false;
    };
    let full = adr::parse::yaml::parse_full(yaml).unwrap_or_else(|e| {
        panic!("the block reader took YAML the full parser rejects ({e:?}):\n{yaml}")
    });
    assert_eq!(
        serde_json::to_string(&fast.value).unwrap(),
        serde_json::to_string(&full.value).unwrap(),
        "values differ for:\n{yaml}"
    );
    assert_eq!(
        fast.key_lines, full.key_lines,
        "key lines differ for:\n{yaml}"
    );
    true
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]
    #[test]
    fn the_block_yaml_reader_agrees_with_yaml_rust2(doc in yaml_doc()) {
        assert_block_reader_agrees(&doc);
    }
}

#[test]
fn the_block_yaml_reader_agrees_with_yaml_rust2_on_every_corpus_front_matter() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    }
    let (mut seen, mut fast) = (0, 0);
    for entry in walkdir::WalkDir::new(&corpus)
        .into_iter()
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("md") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let Ok(Some(span)) = adr::parse::split_front_matter(&text) else {
            continue;
        };
        seen += 1;
        if assert_block_reader_agrees(&text[span.yaml_start..span.yaml_end]) {
            fast += 1;
        }
    }
    eprintln!("{fast} of {seen} corpus front matters read by the block reader");
    assert!(
        seen > 50,
        "the corpus should have front matter to compare ({seen})"
    );
    assert!(
        fast * 2 > seen,
        "most real front matter is in the block subset ({fast} of {seen})"
    );
}
