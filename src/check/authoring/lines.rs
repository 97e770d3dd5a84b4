//! Where a record's front-matter keys are, at any depth, for findings that point at a nested key.

use crate::model::Record;
use crate::parse::yaml;
use std::cell::OnceCell;

/// Where a record's front-matter keys are, at any depth.
pub(in crate::check) struct Lines<'a> {
    r: &'a Record,
    deep: OnceCell<Vec<(Vec<String>, usize)>>,
}

impl<'a> Lines<'a> {
    pub(in crate::check) fn new(r: &'a Record) -> Lines<'a> {
        Lines {
            r,
            deep: OnceCell::new(),
        }
    }

    /// The line of the key at `path`; for a list item, the line of its first key; else the
    /// nearest enclosing key's line.
    pub(in crate::check) fn of(&self, path: &[String]) -> Option<usize> {
        let deep = self.deep.get_or_init(|| nested_key_lines(self.r));
        (1..=path.len())
            .rev()
            .find_map(|n| {
                deep.iter()
                    .filter(|(p, _)| p.starts_with(&path[..n]))
                    .map(|(_, l)| *l)
                    .min()
            })
            .or_else(|| {
                let top = path.first()?;
                self.r
                    .key_lines
                    .iter()
                    .find(|(k, _)| k == top)
                    .map(|(_, l)| *l)
            })
            .or(Some(1))
    }
}

/// The line of every front-matter key of `r`, nested ones too, as file lines. The parser hands
/// a record only its top-level key lines, so the file is read again here, and its lines are
/// trusted only while its front matter is still the one the record was read from (`adr review`
/// checks records read from a git revision, not from the work tree). Only records with a
/// finding in their front matter get here.
fn nested_key_lines(r: &Record) -> Vec<(Vec<String>, usize)> {
    let Ok(bytes) = std::fs::read(&r.path) else {
        return Vec::new();
    };
    let text = crate::parse::decode(&bytes).text;
    let Ok(Some(span)) = crate::parse::split_front_matter(&text) else {
        return Vec::new();
    };
    let front = &text[span.yaml_start..span.yaml_end];
    match yaml::parse(front) {
        Ok(p) if Some(&p.value) == r.front_matter.as_ref() => yaml::key_paths(front)
            .into_iter()
            .map(|(p, l)| (p, span.yaml_first_line + l - 1))
            .collect(),
        _ => Vec::new(),
    }
}

/// `path` one step deeper.
pub(super) fn child(path: &[String], step: impl ToString) -> Vec<String> {
    let mut p = path.to_vec();
    p.push(step.to_string());
    p
}
