//! YAML front matter to JSON values, with line numbers and a guard against alias bombs.
//!
//! yaml-rust2's own loader expands every alias by cloning the anchored node, so a few lines of
//! nested aliases ("billion laughs") would take gigabytes. This receiver builds the value itself
//! and stops once the document has produced more nodes than any front matter plausibly needs.

use serde_json::{Map, Value};
use yaml_rust2::Event;
use yaml_rust2::parser::{MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Most nodes (scalars, sequences, mappings, counting alias expansions) one front matter may have.
const MAX_NODES: usize = 100_000;

/// A YAML problem, with the 1-based line inside the YAML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub message: String,
}

/// The parsed front matter and the line (1-based, within the YAML) of each top-level key.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub value: Value,
    pub key_lines: Vec<(String, usize)>,
}

/// Parses front matter: the block-YAML reader for the common shapes, yaml-rust2 for the rest.
pub fn parse(text: &str) -> Result<Parsed, YamlError> {
    match super::block_yaml::parse(text) {
        Some(parsed) => Ok(parsed),
        None => parse_full(text),
    }
}

/// Parses front matter with yaml-rust2, whatever YAML it holds.
pub fn parse_full(text: &str) -> Result<Parsed, YamlError> {
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(text);
    let result = parser.load(&mut builder, false);
    if let Some(err) = builder.error {
        return Err(err);
    }
    if let Err(e) = result {
        return Err(YamlError {
            line: e.marker().line().max(1),
            message: e.info().to_string(),
        });
    }
    Ok(Parsed {
        value: builder.root.unwrap_or(Value::Null),
        key_lines: builder.key_lines,
    })
}

enum Frame {
    Seq(Vec<Value>, usize),
    Map(Map<String, Value>, Option<String>, usize),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: Vec<(usize, Value)>,
    root: Option<Value>,
    nodes: usize,
    key_lines: Vec<(String, usize)>,
    error: Option<YamlError>,
}

impl Builder {
    fn push_value(&mut self, value: Value, anchor: usize, mark: Marker) {
        if anchor > 0 {
            self.anchors.push((anchor, value.clone()));
        }
        let depth = self.stack.len();
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(value);
                }
            }
            Some(Frame::Seq(items, _)) => items.push(value),
            Some(Frame::Map(map, key, _)) => match key.take() {
                None => {
                    let k = key_text(&value);
                    if depth == 1 {
                        self.key_lines.push((k.clone(), mark.line().max(1)));
                    }
                    *key = Some(k);
                }
                Some(k) => {
                    map.insert(k, value);
                }
            },
        }
    }

    fn count(&mut self, n: usize, mark: Marker) -> bool {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES && self.error.is_none() {
            self.error = Some(YamlError {
                line: mark.line().max(1),
                message: format!(
                    "front matter expands to more than {MAX_NODES} values (nested YAML aliases?)"
                ),
            });
        }
        self.error.is_none()
    }
}

pub(super) fn key_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

fn node_count(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(node_count).sum::<usize>(),
        Value::Object(m) => 1 + m.values().map(node_count).sum::<usize>(),
        _ => 1,
    }
}

pub(super) fn scalar(text: String, style: TScalarStyle) -> Value {
    if style != TScalarStyle::Plain {
        return Value::String(text);
    }
    match text.as_str() {
        "~" | "null" | "Null" | "NULL" | "" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ => {
            // Keep leading-zero numbers ("0028") as the text the user wrote.
            let t = text.trim_start_matches(['-', '+']);
            if t.len() > 1 && t.starts_with('0') && !t.starts_with("0.") {
                return Value::String(text);
            }
            if let Ok(i) = text.parse::<i64>() {
                return Value::from(i);
            }
            if text.contains('.')
                && let Ok(f) = text.parse::<f64>()
                && let Some(n) = serde_json::Number::from_f64(f)
            {
                return Value::Number(n);
            }
            Value::String(text)
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let cost = match &ev {
            Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..) => 1,
            _ => 0,
        };
        if self.error.is_some() || !self.count(cost, mark) {
            return;
        }
        match ev {
            Event::Scalar(text, style, anchor, _) => {
                self.push_value(scalar(text, style), anchor, mark);
            }
            Event::SequenceStart(anchor, _) => self.stack.push(Frame::Seq(Vec::new(), anchor)),
            Event::MappingStart(anchor, _) => {
                self.stack.push(Frame::Map(Map::new(), None, anchor));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (value, anchor) = match self.stack.pop() {
                    Some(Frame::Seq(items, a)) => (Value::Array(items), a),
                    Some(Frame::Map(map, _, a)) => (Value::Object(map), a),
                    None => return,
                };
                self.push_value(value, anchor, mark);
            }
            Event::Alias(id) => {
                let found = self.anchors.iter().rposition(|(a, _)| *a == id);
                let cost = found.map_or(1, |i| node_count(&self.anchors[i].1));
                // Count before cloning, so a bomb is refused without being built.
                if self.count(cost, mark) {
                    let value = found.map_or(Value::Null, |i| self.anchors[i].1.clone());
                    self.push_value(value, 0, mark);
                }
            }
            _ => {}
        }
    }
}

/// Every key of a front matter at any depth, as its path from the top (`["options", "1",
/// "chosen"]`: sequence items by their index) and its 1-based line within the YAML text, in
/// document order. What a linter needs to point at a nested key; reading records only needs
/// the top-level [`Parsed::key_lines`]. Aliases are not followed (a key is where it is written),
/// and whatever precedes a syntax error is still returned.
pub fn key_paths(text: &str) -> Vec<(Vec<String>, usize)> {
    let mut walker = PathWalker::default();
    let _ = Parser::new_from_str(text).load(&mut walker, false);
    walker.found
}

/// Where [`key_paths`] is inside the document: one step per open mapping or sequence.
enum Step {
    /// A mapping, with the key whose value comes next (`None`: a key comes next).
    Map(Option<String>),
    /// A sequence, with the index of the item that comes next.
    Seq(usize),
}

#[derive(Default)]
struct PathWalker {
    /// The open mappings and sequences, each with whether it is itself a mapping key.
    steps: Vec<(Step, bool)>,
    found: Vec<(Vec<String>, usize)>,
}

impl PathWalker {
    /// A node starts at `line`: when a key is due, it is that key (`text` is `None` for a key
    /// that is a mapping or a sequence, which has no name to report). Returns whether it was.
    fn key(&mut self, text: Option<&str>, line: usize) -> bool {
        let Some((Step::Map(key @ None), _)) = self.steps.last_mut() else {
            return false;
        };
        *key = Some(text.unwrap_or_default().to_string());
        let path = self
            .steps
            .iter()
            .map(|(s, _)| match s {
                Step::Map(k) => k.clone().unwrap_or_default(),
                Step::Seq(i) => i.to_string(),
            })
            .collect();
        self.found.push((path, line));
        true
    }

    /// A scalar or an alias: a key when one is due, else a whole value.
    fn leaf(&mut self, text: Option<&str>, line: usize) {
        if !self.key(text, line) {
            self.value_done();
        }
    }

    /// A value (a scalar, an alias, or a whole mapping or sequence) has ended.
    fn value_done(&mut self) {
        match self.steps.last_mut() {
            Some((Step::Map(key), _)) => *key = None,
            Some((Step::Seq(i), _)) => *i += 1,
            None => {}
        }
    }
}

impl MarkedEventReceiver for PathWalker {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let line = mark.line().max(1);
        match ev {
            Event::Scalar(text, ..) => self.leaf(Some(&text), line),
            Event::Alias(_) => self.leaf(None, line),
            Event::MappingStart(..) => {
                let is_key = self.key(None, line);
                self.steps.push((Step::Map(None), is_key));
            }
            Event::SequenceStart(..) => {
                let is_key = self.key(None, line);
                self.steps.push((Step::Seq(0), is_key));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                // After a key that is a mapping or a sequence, its value is due.
                if let Some((_, false)) = self.steps.pop() {
                    self.value_done();
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_keys_with_their_lines() {
        let p = parse("status: Accepted\ndate: 2025-12-01\ntags: [a, b]\nadr: \"0028\"\n").unwrap();
        assert_eq!(p.value["status"], "Accepted");
        assert_eq!(p.value["date"], "2025-12-01");
        assert_eq!(p.value["tags"][1], "b");
        assert_eq!(p.value["adr"], "0028");
        assert_eq!(p.key_lines[2], ("tags".to_string(), 3));
    }

    #[test]
    fn reports_the_line_of_invalid_yaml() {
        let err = parse("id: x\ntitle: ADR002: Default: bad\n").unwrap_err();
        assert_eq!(err.line, 2, "{err:?}");
    }

    #[test]
    fn refuses_billion_laughs() {
        let mut y = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
        let mut prev = "a";
        for n in names {
            y.push_str(&format!(
                "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
            prev = n;
        }
        let err = parse(&y).unwrap_err();
        assert!(err.message.contains("aliases"), "{err:?}");
    }

    #[test]
    fn key_paths_reach_every_depth_with_lines() {
        let yaml = "status: accepted\nquality_attributes:\n  - id: perf\n    scenario:\n      \
                    responce: fast\noptions:\n  - {name: A, chosen: yes}\n  - name: B\n    \
                    tradeoffs:\n      perf: \"+\"\n";
        let paths = key_paths(yaml);
        let line = |p: &[&str]| {
            paths
                .iter()
                .find(|(k, _)| k == p)
                .map(|(_, l)| *l)
                .unwrap_or_else(|| panic!("{p:?} not in {paths:?}"))
        };
        assert_eq!(line(&["status"]), 1);
        assert_eq!(
            line(&["quality_attributes", "0", "scenario", "responce"]),
            5
        );
        assert_eq!(line(&["options", "0", "chosen"]), 7);
        assert_eq!(line(&["options", "1", "tradeoffs", "perf"]), 10);
        assert_eq!(paths.len(), 11);
    }

    #[test]
    fn small_aliases_still_work() {
        let p = parse("base: &b {x: 1}\nother: *b\n").unwrap();
        assert_eq!(p.value["other"]["x"], 1);
    }
}
