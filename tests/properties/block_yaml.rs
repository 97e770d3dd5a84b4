//! The block-YAML reader against yaml-rust2: generated front-matter-like YAML and every front
//! matter of the shared corpus must read the same through both.

use super::config;
use proptest::prelude::*;
use std::path::Path;

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
        Just("{by: Ana, date: 2026-11-02}".to_string()),
        Just("{ test: \"tests/a.rs::no_orm\" }".to_string()),
        Just("{file: 'it''s}', n: 0028} # c".to_string()),
        Just("{}".to_string()),
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
        Just("{a: [1]}".to_string()),
        Just("{a: 1,}".to_string()),
        Just("{a: 1, a: 2}".to_string()),
        Just("{a:1}".to_string()),
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
    #![proptest_config(config(2000))]
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
