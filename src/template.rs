//! Record templates: the built-in one for each format (embedded, so the binary works alone) and
//! the user's, filled the way adr-tools fills them.

use crate::model::Format;
use crate::parse::block_yaml::TopValue;

/// adr-tools' `template.md`, byte for byte.
pub const NYGARD: &str = include_str!("../templates/records/nygard.md");
/// MADR 4's template with the placeholders `adr new` fills.
pub const MADR: &str = include_str!("../templates/records/madr.md");
/// This project's structured template.
pub const STRUCTURED: &str = include_str!("../templates/records/structured.md");
/// adr-tools' `init.md`: record 1, "Record architecture decisions".
pub const INIT: &str = include_str!("../templates/records/init.md");

pub fn builtin(format: Format) -> &'static str {
    match format {
        Format::Structured => STRUCTURED,
        Format::Nygard => NYGARD,
        Format::Madr => MADR,
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
/// as a YAML flow list of quoted strings. A key holding anything but `[]` is kept, so a user's
/// template decides the shape. Items are trimmed and blank ones dropped, as the reader
/// would read them (a blank item would make it reject the whole list).
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
            Some(TopValue::Flow { span, empty: true }) => out.replace_range(at(span), &list),
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
