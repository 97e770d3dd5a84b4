//! The front matter of a converted record: the record's own, keys renamed, added or taken out
//! line by line (its comments and unknown keys kept), or a new one for a record that had none.

use super::body::File;
use crate::edit::scalar;
use crate::model::{Format, Link, Record};
use crate::parse::fields;
use crate::parse::markdown::BodyFacts;

/// Front-matter lines: `(text, file line it came from, 0 for new lines)`.
pub struct Front {
    lines: Vec<(String, usize)>,
    existed: bool,
}

/// Keys whose content an adr-tools record has no place for.
const NOT_IN_NYGARD: &[&str] = &[
    "deciders",
    "decision-makers",
    "decision_makers",
    "consulted",
    "informed",
    "scope",
    "constraints",
    "quality_attributes",
    "quality-attributes",
    "qualities",
    "options",
    "context",
    "drivers",
];

/// Keys whose content a MADR record has no place for.
const NOT_IN_MADR: &[&str] = &[
    "scope",
    "constraints",
    "quality_attributes",
    "quality-attributes",
    "qualities",
    "options",
    "context",
    "drivers",
];

impl Front {
    pub fn of(record: &Record, file: &File) -> Result<Front, String> {
        let Some(close) = file.front_close else {
            return Ok(Front {
                lines: Vec::new(),
                existed: false,
            });
        };
        if record.front_matter.is_none() {
            return Err("its front matter is not valid YAML (run `adr check`)".into());
        }
        let lines = file.lines[1..close]
            .iter()
            .enumerate()
            .map(|(i, (content, _))| (content.clone(), i + 2))
            .collect();
        Ok(Front {
            lines,
            existed: true,
        })
    }

    /// Index of the line of top-level key `key`.
    fn key_at(&self, key: &str) -> Option<usize> {
        self.lines.iter().position(|(l, _)| top_key(l) == Some(key))
    }

    pub fn has(&self, key: &str) -> bool {
        self.key_at(key).is_some()
    }

    pub fn has_any(&self, keys: &[&str]) -> bool {
        keys.iter().any(|k| self.has(k))
    }

    /// The lines of key `key`: its own and the indented or `- ` lines under it.
    fn block(&self, at: usize) -> std::ops::Range<usize> {
        let mut end = at + 1;
        while end < self.lines.len() {
            let l = &self.lines[end].0;
            if l.starts_with([' ', '\t']) || l.starts_with("- ") || l == "-" {
                end += 1;
            } else {
                break;
            }
        }
        at..end
    }

    /// Whether key `key` holds nothing: `key: []`, `key:` or `key: ""`.
    fn empty(&self, at: usize) -> bool {
        let block = self.block(at);
        let value = self.lines[at]
            .0
            .split_once(':')
            .map_or("", |(_, v)| v.trim());
        block.len() == 1 && matches!(value, "" | "[]" | "\"\"" | "''" | "~" | "null")
    }

    /// Takes key `key` out; `Some(())` when it was there.
    pub fn take(&mut self, key: &str) -> Option<()> {
        let at = self.key_at(key)?;
        let block = self.block(at);
        self.lines.drain(block);
        Some(())
    }

    pub fn take_any(&mut self, keys: &[&str]) -> Option<()> {
        let mut found = None;
        for k in keys {
            found = found.or(self.take(k));
        }
        found
    }

    fn rename(&mut self, at: usize, to: &str) {
        let line = &mut self.lines[at].0;
        if let Some((_, rest)) = line.split_once(':') {
            *line = format!("{to}:{rest}");
        }
    }

    fn add(&mut self, line: String) {
        self.lines.push((line, 0));
    }

    /// Takes out the keys that hold an empty list or nothing: no word goes with them.
    pub fn drop_empty_lists(&mut self) {
        let mut i = 0;
        while i < self.lines.len() {
            let key = top_key(&self.lines[i].0).map(str::to_string);
            if key.is_some() && self.empty(i) && is_list_key(key.as_deref().unwrap_or("")) {
                self.lines.remove(i);
            } else {
                i += 1;
            }
        }
    }

    /// For adr-tools' layout: refuses keys with content that it has no place for.
    pub fn refuse_kept_elsewhere(&self) -> Result<(), String> {
        self.refuse(NOT_IN_NYGARD, "an adr-tools record")
    }

    fn refuse(&self, keys: &[&str], what: &str) -> Result<(), String> {
        let full: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| self.key_at(k).is_some_and(|at| !self.empty(at)))
            .collect();
        if full.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{} {} no place in {what}",
                full.iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                if full.len() == 1 { "has" } else { "have" }
            ))
        }
    }

    /// Makes the front matter say its format: the structured format has `deciders` (MADR's
    /// `decision-makers` renamed, else an empty list); MADR has `decision-makers` (from
    /// `deciders`) and none of the structured keys with content.
    pub fn mark(&mut self, to: Format, facts: &BodyFacts) -> Result<(), String> {
        match to {
            Format::Structured => {
                if fields::STRUCTURED_KEYS.iter().any(|k| self.has(k)) {
                    return Ok(());
                }
                match ["decision-makers", "decision_makers"]
                    .iter()
                    .find_map(|k| self.key_at(k))
                {
                    Some(at) => self.rename(at, "deciders"),
                    None => self.add("deciders: []".into()),
                }
            }
            Format::Madr => {
                self.refuse(NOT_IN_MADR, "a MADR record")?;
                for key in NOT_IN_MADR {
                    if self.has(key) {
                        self.take(key);
                    }
                }
                if let Some(at) = self.key_at("deciders") {
                    if self.has("decision-makers") {
                        return Err("it has both `deciders` and `decision-makers`".into());
                    }
                    self.rename(at, "decision-makers");
                }
                let madr_sections = facts.sections.iter().any(|s| {
                    s.starts_with("considered options") || s.starts_with("decision outcome")
                });
                if !self.has("decision-makers") && !madr_sections {
                    self.add("decision-makers: []".into());
                }
            }
            Format::Nygard => {}
        }
        Ok(())
    }

    /// Adds the metadata moved out of the body.
    pub fn add_moved(
        &mut self,
        status: Option<&str>,
        date: Option<&str>,
        links: &[Link],
        history: &[(String, String)],
    ) {
        if let Some(s) = status {
            self.add(format!("status: {}", scalar(s)));
        }
        if let Some(d) = date {
            self.add(format!("date: {}", scalar(d)));
        }
        if !links.is_empty() {
            self.add("links:".into());
            for l in links {
                let label = l.label.trim().trim_end_matches(':').trim();
                let kind = if label.is_empty() { &l.kind } else { label };
                self.add(format!("  - type: {}", scalar(kind)));
                self.add(format!("    target: {}", scalar(&l.target)));
            }
        }
        if !history.is_empty() {
            self.add("status_history:".into());
            for (date, status) in history {
                self.add(format!("  - date: {}", scalar(date)));
                self.add(format!("    status: {}", scalar(status)));
            }
        }
    }

    /// The front matter with its fences; nothing when there is none, or when taking keys out
    /// left no key and nothing but this tool's own template comments.
    pub fn lines(&self) -> Vec<(String, usize)> {
        let has_key = self.lines.iter().any(|(l, _)| top_key(l).is_some());
        let own_words = self.lines.iter().any(|(l, _)| {
            !l.trim().is_empty() && !crate::template::STRUCTURED.lines().any(|t| t == l)
        });
        if !has_key && !own_words {
            return Vec::new();
        }
        let mut out = vec![("---".to_string(), if self.existed { 1 } else { 0 })];
        out.extend(self.lines.iter().cloned());
        out.push(("---".to_string(), 0));
        out
    }
}

/// The key of a top-level `key: value` line.
fn top_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '\t', '#', '-']) {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty() && !key.contains(' ')).then_some(key)
}

fn is_list_key(key: &str) -> bool {
    NOT_IN_NYGARD.contains(&key) || ["tags", "links", "status_history"].contains(&key)
}
