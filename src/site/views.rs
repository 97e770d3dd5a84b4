//! Small view structs the templates render from, built from the site's link graph. Templates
//! never see internal types, so the model can change without breaking a team's templates.

use super::links::Site;
use super::slug::slug;
use serde::Serialize;

/// What every page's layout needs.
#[derive(Debug, Serialize)]
pub struct Layout {
    /// Prefix from this page to the site root (`""` or `"../../"`): every URL is relative so the
    /// site works from `file://` and from any sub-path.
    pub root: String,
    pub site_title: String,
    pub title: String,
    /// Which navigation entry is current (`home`, `log`, ...).
    pub nav: &'static str,
}

/// A record as listed on index pages.
#[derive(Debug, Clone, Serialize)]
pub struct Card {
    pub url: String,
    pub project: String,
    pub number: String,
    pub title: String,
    pub status: String,
    pub status_raw: String,
    pub date: String,
    pub changed: String,
    pub tags: Vec<String>,
    pub deciders: Vec<String>,
    pub qas: Vec<String>,
}

/// A link from one page to a record.
#[derive(Debug, Clone, Serialize)]
pub struct RecLink {
    pub url: String,
    pub label: String,
    /// The label as HTML, its `code spans` as code.
    pub label_html: String,
    pub status: String,
    pub kind: String,
}

/// A named group of records (a tag, a project, a status) with its anchor.
#[derive(Debug, Serialize)]
pub struct Group {
    pub name: String,
    pub anchor: String,
    pub records: Vec<RecLink>,
}

/// A name and a count, linking to its index page.
#[derive(Debug, Serialize)]
pub struct Count {
    pub name: String,
    pub count: usize,
    pub url: String,
}

pub fn status_of(site: &Site<'_>, i: usize) -> String {
    site.entries[i]
        .rec
        .status
        .clone()
        .unwrap_or_else(|| "unknown".into())
}

pub fn card(site: &Site<'_>, i: usize, root: &str) -> Card {
    let e = &site.entries[i];
    let r = e.rec;
    Card {
        url: format!("{root}{}", e.url),
        project: site.projects[e.project].name.clone(),
        number: r.number.map(|n| format!("{n:04}")).unwrap_or_default(),
        title: r.title.clone(),
        status: status_of(site, i),
        status_raw: r.status_raw.clone().unwrap_or_default(),
        date: r.sort_date().unwrap_or("").to_string(),
        changed: r.git.changed.as_deref().map(day).unwrap_or_default(),
        tags: r.tags.clone(),
        deciders: r.deciders.clone(),
        qas: r
            .quality_attributes
            .iter()
            .map(|q| q.attribute.clone())
            .collect(),
    }
}

pub fn rec_link(site: &Site<'_>, i: usize, root: &str, kind: &str) -> RecLink {
    let e = &site.entries[i];
    let num = e.rec.number.map(|n| format!("{n:04} ")).unwrap_or_default();
    let project = if site.projects.len() > 1 {
        format!("{}: ", site.projects[e.project].name)
    } else {
        String::new()
    };
    let label = format!("{project}{num}{}", e.rec.title);
    RecLink {
        url: format!("{root}{}", e.url),
        label_html: title_html(&label),
        label,
        status: status_of(site, i),
        kind: kind.to_string(),
    }
}

/// A title as HTML: escaped, and its `code spans` (backtick pairs) as `<code>`. A lone backtick
/// stays as written.
pub fn title_html(title: &str) -> String {
    let parts: Vec<&str> = title.split('`').collect();
    let mut out = String::with_capacity(title.len() + 16);
    for (k, part) in parts.iter().enumerate() {
        let code = k % 2 == 1 && k + 1 < parts.len();
        if k % 2 == 1 && !code {
            out.push('`');
        }
        if code {
            out.push_str("<code>");
        }
        // `&`, `<`, `>`, `"` and `'`, as the templates escape.
        pulldown_cmark_escape::escape_html(&mut out, part).unwrap_or_default();
        if code {
            out.push_str("</code>");
        }
    }
    out
}

/// `2024-03-01T10:00:00+01:00` as `2024-03-01`.
pub fn day(d: &str) -> String {
    d.get(..10).unwrap_or(d).to_string()
}

/// Groups records by a key function (several keys per record allowed), sorted by name.
pub fn groups(site: &Site<'_>, root: &str, keys: impl Fn(usize) -> Vec<String>) -> Vec<Group> {
    let mut map: std::collections::BTreeMap<String, (String, Vec<usize>)> = Default::default();
    for i in 0..site.entries.len() {
        for k in keys(i) {
            let e = map
                .entry(k.to_lowercase())
                .or_insert_with(|| (k.clone(), Vec::new()));
            e.1.push(i);
        }
    }
    map.into_values()
        .map(|(name, idx)| Group {
            anchor: slug(&name),
            records: idx.iter().map(|&i| rec_link(site, i, root, "")).collect(),
            name,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_show_code_spans_as_code_and_escape_the_rest() {
        assert_eq!(
            super::title_html("Use `serde` & <b>`x`"),
            "Use <code>serde</code> &amp; &lt;b&gt;<code>x</code>"
        );
        assert_eq!(super::title_html("a ` b"), "a ` b");
        assert_eq!(super::title_html("`<i>`"), "<code>&lt;i&gt;</code>");
    }
}
