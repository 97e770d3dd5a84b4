//! What commands print: the stable JSON shapes (documented in the README) and the text table.
//! Built from the model, so internal changes do not change the output.

pub mod record;
pub mod summary;

use crate::model::{Link, Record};
use serde::Serialize;
use std::path::PathBuf;
use unicode_width::UnicodeWidthStr;

/// One record in `adr list --format json`.
#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct Summary<'a> {
    pub number: Option<u32>,
    pub id: &'a str,
    /// The record's title, else its file or folder name's slug.
    pub title: Option<String>,
    /// Normalised lifecycle state, or null when the record has no status.
    pub status: Option<&'a str>,
    /// The status as written.
    pub status_raw: Option<&'a str>,
    pub date: Option<&'a str>,
    pub format: &'a str,
    pub tags: &'a [String],
    pub deciders: &'a [String],
    pub scope: &'a [String],
    pub links: Vec<LinkView<'a>>,
    /// Ids of the goals the decision serves.
    pub goals: &'a [String],
    /// When an accepted decision is to be reviewed, `YYYY-MM-DD`.
    pub review_by: Option<&'a str>,
    /// Who approved it, in the order recorded.
    pub approved_by: Vec<&'a str>,
    pub path: PathBuf,
}

#[derive(Debug, Serialize, schemars::JsonSchema)]
pub struct LinkView<'a> {
    pub kind: &'a str,
    pub target: &'a str,
}

impl<'a> Summary<'a> {
    pub fn of(r: &'a Record) -> Summary<'a> {
        Summary {
            number: r.number,
            id: &r.id,
            title: Some(r.display_title()),
            status: r.status.as_ref().map(|s| s.state.as_str()),
            status_raw: r.status.as_ref().map(|s| s.raw.as_str()),
            date: r.date_iso.as_deref(),
            format: r.format.name(),
            tags: &r.tags,
            deciders: &r.deciders,
            scope: &r.scope,
            links: r.links.iter().map(LinkView::of).collect(),
            goals: &r.goals,
            review_by: r.review_by.as_deref(),
            approved_by: r.approvals.iter().map(|a| a.by.as_str()).collect(),
            path: r.path.clone(),
        }
    }
}

impl<'a> LinkView<'a> {
    pub fn of(l: &'a Link) -> LinkView<'a> {
        LinkView {
            kind: &l.kind,
            target: &l.target,
        }
    }
}

/// The columns `adr list --long` adds to NUMBER DATE STATUS TITLE.
#[derive(Default)]
pub struct Columns<'a> {
    /// OPEN (days since proposed) and AWAITING (approvals still needed), under this governance
    /// on this day.
    pub open: Option<(&'a crate::config::GovernanceConfig, chrono::NaiveDate)>,
    /// REVIEW BY.
    pub review: bool,
}

/// `adr list --long`: one row per record.
pub fn list_table(records: &[&Record], columns: &Columns<'_>) -> String {
    let mut headers = vec!["NUMBER", "DATE", "STATUS"];
    if columns.open.is_some() {
        headers.extend(["OPEN", "AWAITING"]);
    }
    if columns.review {
        headers.push("REVIEW BY");
    }
    headers.push("TITLE");
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|r| {
            let mut row = vec![
                number_text(r),
                r.date_iso.clone().unwrap_or_default(),
                r.status
                    .as_ref()
                    .map(|s| s.state.to_string())
                    .unwrap_or_default(),
            ];
            if let Some((governance, today)) = columns.open {
                let days =
                    crate::governance::proposed_since(r).map(|d| crate::governance::days(d, today));
                row.push(days.map_or_else(|| "-".into(), days_text));
                let state = crate::governance::approvals(r, governance);
                row.push(match state.missing_text() {
                    m if m.is_empty() => "-".into(),
                    m => m,
                });
            }
            if columns.review {
                row.push(r.review_by.clone().unwrap_or_default());
            }
            row.push(r.display_title());
            row
        })
        .collect();
    table(&headers, &rows)
}

/// `1 day`, `12 days`.
pub fn days_text(n: i64) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

/// `1 decision`, `2 decisions`: a count and its noun, plural unless the count is one. Every
/// message that counts says it this way (the nouns counted here all take an `s`).
pub fn count(n: usize, noun: &str) -> String {
    count_as(n, noun, &format!("{noun}s"))
}

/// [`count`] for words whose plural is not the noun and an `s` (`1 edit to an accepted
/// decision`, `2 edits to accepted decisions`).
pub fn count_as(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Which records `adr list` shows (and `adr mcp`'s `list_decisions`): every condition given
/// must hold. Matching ignores ASCII case.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// The normalised status (`accepted`) or the status as written.
    pub status: Option<String>,
    /// Tags the record must all carry.
    pub tags: Vec<String>,
    /// Words the title or the file name must contain, in any case.
    pub text: Option<String>,
    /// Only accepted decisions whose review date (`review_by`) has come by this day.
    pub due: Option<chrono::NaiveDate>,
}

impl Filter {
    pub fn matches(&self, r: &Record) -> bool {
        let status_ok = self.status.as_deref().is_none_or(|want| {
            r.status.as_ref().is_some_and(|s| {
                s.state.as_str().eq_ignore_ascii_case(want.trim())
                    || s.raw.eq_ignore_ascii_case(want.trim())
            })
        });
        let tags_ok = self
            .tags
            .iter()
            .all(|t| r.tags.iter().any(|rt| rt.eq_ignore_ascii_case(t)));
        let text_ok = self.text.as_deref().is_none_or(|want| {
            let want = want.trim().to_lowercase();
            r.display_title().to_lowercase().contains(&want) || r.id.to_lowercase().contains(&want)
        });
        let due_ok = self
            .due
            .is_none_or(|today| crate::governance::review_due(r, today));
        status_ok && tags_ok && text_ok && due_ok
    }
}

/// The number as records show it: zero-padded to four digits, or `-` when there is none.
pub fn number_text(r: &Record) -> String {
    r.number.map_or_else(|| "-".into(), |n| format!("{n:04}"))
}

/// A plain text table, columns padded by display width so CJK titles line up. Cells are shown
/// as [`crate::shell::printable_field`] shows them: a title cannot send a terminal escape or a
/// line break.
pub fn table(headers: &[&str], rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| crate::shell::printable_field(c).into_owned())
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut l = String::new();
        for (i, cell) in cells.enumerate() {
            l.push_str(cell);
            if i + 1 < widths.len() {
                l.push_str(&" ".repeat(widths[i] - cell.width() + 2));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(&mut headers.iter().copied());
    for row in &rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}
