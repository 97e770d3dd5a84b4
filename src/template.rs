//! Record templates: the built-in one for each format (embedded, so the binary works alone) and
//! the user's, filled the way adr-tools fills them.

use crate::error::Error;
use crate::model::Format;
use crate::parse::block_yaml::TopValue;
use std::path::{Path, PathBuf};

/// adr-tools' `template.md`, byte for byte.
pub const NYGARD: &str = include_str!("../templates/records/nygard.md");
/// MADR 4's template with the placeholders `adr new` fills.
pub const MADR: &str = include_str!("../templates/records/madr.md");
/// This project's structured template.
pub const STRUCTURED: &str = include_str!("../templates/records/structured.md");
/// adr-tools' `init.md`: record 1, "Record architecture decisions".
pub const INIT: &str = include_str!("../templates/records/init.md");

/// The JSON Schema of the structured front matter (`adr schema`; point an editor's YAML
/// plugin at it).
pub const RECORD_SCHEMA: &str = include_str!("../templates/schema/record.schema.json");

pub fn builtin(format: Format) -> &'static str {
    match format {
        Format::Structured => STRUCTURED,
        Format::Nygard => NYGARD,
        Format::Madr => MADR,
    }
}

/// Where a repository keeps its own record templates: the decision folder's `templates`
/// (adr-tools' place) and the folder the config's `templates` names (an organisation's set).
#[derive(Debug, Clone)]
pub struct Folders {
    pub decisions: PathBuf,
    pub configured: Option<PathBuf>,
    /// The folders a template may be read from, resolved: the repository's and the configured
    /// one. A template that is a symbolic link out of them is refused.
    pub inside: Vec<PathBuf>,
}

impl Folders {
    fn each(&self) -> impl Iterator<Item = &PathBuf> {
        self.configured
            .iter()
            .chain(std::iter::once(&self.decisions))
    }

    /// The template text for a new record: with `name` (`adr new --template NAME`),
    /// `NAME.md` from the configured folder, else from the decision folder's `templates`;
    /// without, `ADR_TEMPLATE`, then `template.md` from the decision folder's `templates`, then
    /// from the configured folder, then the built-in one for the format.
    pub fn text(&self, name: Option<&str>, format: Format) -> Result<String, Error> {
        if let Some(name) = name {
            return self.named(name);
        }
        if let Ok(t) = std::env::var("ADR_TEMPLATE")
            && !t.is_empty()
        {
            let path = PathBuf::from(t);
            return std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e));
        }
        let found = std::iter::once(&self.decisions)
            .chain(self.configured.iter())
            .map(|d| d.join("template.md"))
            .find(|p| std::fs::symlink_metadata(p).is_ok());
        match found {
            Some(path) => read_user(&path, &self.inside),
            None => Ok(builtin(format).to_string()),
        }
    }

    fn named(&self, name: &str) -> Result<String, Error> {
        let file = if name.ends_with(".md") {
            name.to_string()
        } else {
            format!("{name}.md")
        };
        let plain = !file.contains(['/', '\\']) && !file.starts_with('.');
        let found = self
            .each()
            .map(|d| d.join(&file))
            .find(|p| plain && std::fs::symlink_metadata(p).is_ok());
        match found {
            Some(path) => read_user(&path, &self.inside),
            None => Err(Error::Usage(format!(
                "no template named `{name}`: {}",
                self.available()
            ))),
        }
    }

    /// `the templates are a, b (in DIR)` or where to put one.
    fn available(&self) -> String {
        let mut names = Vec::new();
        for dir in self.each() {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for e in entries.flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                if let Some(stem) = n.strip_suffix(".md")
                    && !names.iter().any(|x| x == stem)
                {
                    names.push(stem.to_string());
                }
            }
        }
        names.sort();
        let places: Vec<String> = self.each().map(|d| d.display().to_string()).collect();
        if names.is_empty() {
            format!(
                "there are no templates; put NAME.md in {} (or set `templates = \"DIR\"` in \
                 .adr.toml)",
                places.join(" or ")
            )
        } else {
            format!(
                "the templates are {} (in {})",
                names.join(", "),
                places.join(", ")
            )
        }
    }
}

/// Reads a template found in a repository's folders. A symbolic link out of the repository
/// is refused, as a record file is: a committed `templates/template.md` linking to
/// `/etc/passwd` must not copy that file into a new record. (`ADR_TEMPLATE` is the person's own
/// choice and may be anywhere.)
pub fn read_user(path: &Path, inside: &[PathBuf]) -> Result<String, Error> {
    if let Some(target) = crate::repo::symlink_outside(path, inside) {
        return Err(Error::Usage(format!(
            "{} is a symbolic link to {}, outside the repository; not using it as the \
             template (nothing was written)",
            path.display(),
            target.display()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let decoded = crate::parse::decode(&bytes);
    match decoded.problem {
        Some((line, _, message)) => Err(Error::Config {
            path: path.to_path_buf(),
            line: Some(line),
            message,
        }),
        None => Ok(decoded.text),
    }
}

/// Values substituted into a template.
pub struct Fill<'a> {
    pub number: u32,
    pub title: &'a str,
    pub date: &'a str,
    pub status: &'a str,
}

/// Fills a template as adr-tools' `sed -e s/NUMBER/../ -e s/TITLE/../ -e s/DATE/../
/// -e s/STATUS/../` does: on each line, the first occurrence of each placeholder, in that order.
/// (So a title containing the word `DATE` gets the date, as with adr-tools.)
pub fn fill(template: &str, values: &Fill<'_>) -> String {
    let number = values.number.to_string();
    let subs = [
        ("NUMBER", number.as_str()),
        ("TITLE", values.title),
        ("DATE", values.date),
        ("STATUS", values.status),
    ];
    let mut out = String::with_capacity(template.len() + 64);
    for line in template.split_inclusive('\n') {
        let mut line = line.to_string();
        for (placeholder, value) in subs {
            if let Some(at) = line.find(placeholder) {
                line.replace_range(at..at + placeholder.len(), value);
            }
        }
        out.push_str(&line);
    }
    out
}

/// Replaces the value of a top-level front-matter list key (`tags: []`) with the given items,
/// as a YAML flow list of quoted strings. Only an empty list or a list of template
/// placeholders (MADR's `decision-makers: ["{list everyone involved in the decision}"]`) is
/// replaced; a list in another shape is kept, so a user's template decides the shape. Items
/// are trimmed and blank ones dropped, as the reader would read them (a blank item would make
/// it reject the whole list).
pub fn set_list(text: &str, key: &str, items: &[String]) -> String {
    let quoted: Vec<String> = items
        .iter()
        .map(|i| i.trim())
        .filter(|i| !i.is_empty())
        .map(crate::edit::quoted)
        .collect();
    if quoted.is_empty() {
        return text.to_string();
    }
    let list = format!("[{}]", quoted.join(", "));
    let Ok(Some(span)) = crate::parse::split_front_matter(text) else {
        return text.to_string();
    };
    let yaml = &text[span.yaml_start..span.yaml_end];
    let at = |r: std::ops::Range<usize>| span.yaml_start + r.start..span.yaml_start + r.end;
    let mut out = text.to_string();
    match crate::parse::block_yaml::layout(yaml) {
        Ok(entries) => match entries.into_iter().find(|e| e.key == key).map(|e| e.value) {
            Some(TopValue::Flow { span, empty }) if empty || placeholders(&yaml[span.clone()]) => {
                out.replace_range(at(span), &list)
            }
            // A front matter without the key (MADR's template has no `tags`) gets it as its
            // last line, rather than the values being dropped; one that has the key in another
            // shape is the user's to keep.
            None => out.insert_str(span.yaml_end, &format!("{key}: {list}\n")),
            Some(_) => {}
        },
        // A front matter the reader cannot lay out: the key is added when the YAML lacks it.
        Err(_) => {
            let has = crate::parse::yaml::parse(yaml)
                .ok()
                .is_some_and(|p| p.value.get(key).is_some());
            if !has {
                out.insert_str(span.yaml_end, &format!("{key}: {list}\n"));
            }
        }
    }
    out
}

/// Whether a one-line `[...]` holds template placeholders only.
fn placeholders(flow: &str) -> bool {
    let Ok(parsed) = crate::parse::yaml::parse(&format!("v: {flow}\n")) else {
        return false;
    };
    parsed.value["v"].as_array().is_some_and(|items| {
        items.iter().all(|i| {
            i.as_str()
                .is_some_and(crate::parse::placeholder::is_placeholder)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_like_sed() {
        let v = Fill {
            number: 12,
            title: "Use DATE stamps",
            date: "1992-01-12",
            status: "Accepted",
        };
        let out = fill(NYGARD, &v);
        assert!(out.starts_with("# 12. Use 1992-01-12 stamps\n\nDate: 1992-01-12\n"));
        assert!(out.contains("## Status\n\nAccepted\n"));
    }

    #[test]
    fn sets_front_matter_lists() {
        let t = "---\ntags: []\nscope: []\n---\n";
        let out = set_list(t, "tags", &["a b".into(), "c\"d".into()]);
        assert_eq!(out, "---\ntags: [\"a b\", \"c\\\"d\"]\nscope: []\n---\n");
    }

    /// Found by tests/properties.rs: `adr new --tag ""` wrote `tags: [""]`, and the reader
    /// rejects a list with a blank item whole, so every tag was lost.
    #[test]
    fn blank_items_are_dropped_and_items_trimmed() {
        let t = "---\ntags: []\n---\n";
        let items = ["".into(), " a ".into(), "  ".into()];
        assert_eq!(set_list(t, "tags", &items), "---\ntags: [\"a\"]\n---\n");
        assert_eq!(set_list(t, "tags", &[" ".into()]), t);
    }

    #[test]
    fn a_list_of_placeholders_is_filled_and_a_list_of_names_kept() {
        let out = set_list(MADR, "decision-makers", &["Ana".into(), "Bo".into()]);
        assert!(
            out.contains("\ndecision-makers: [\"Ana\", \"Bo\"]\n"),
            "{out}"
        );
        assert!(!out.contains("list everyone involved"), "{out}");
        let t = "---\ntags: [\"x\"]\n---\n";
        assert_eq!(set_list(t, "tags", &["a".into()]), t);
    }

    #[test]
    fn adds_a_missing_list_key_and_keeps_other_shapes() {
        let t = "---\nstatus: x\n---\n# T\n";
        let out = set_list(t, "tags", &["a".into()]);
        assert_eq!(out, "---\nstatus: x\ntags: [\"a\"]\n---\n# T\n");
        let t = "---\ntags:\n  - b\n---\n";
        assert_eq!(set_list(t, "tags", &["a".into()]), t);
        assert_eq!(
            set_list("# No front matter\n", "tags", &["a".into()]),
            "# No front matter\n"
        );
    }
}
