//! Renders the site page by page and hands each page to the [`Writer`] as soon as it is made,
//! so the site is never held in memory whole. Record pages render in parallel; a page whose
//! inputs have the key the last build recorded is kept instead of rendered ([`keys`]).

use super::manifest::Fingerprint;
use super::output::Writer;
use super::views::Layout;
use super::{keys, links::Site, lists, record_page};
use crate::error::Error;
use rayon::prelude::*;
use serde::Serialize;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Settings the pages need beyond the records.
#[derive(Debug, Clone)]
pub struct PageSettings {
    pub site_title: String,
    pub base_url: String,
    /// The day the build happens: what is due for review, how long proposals are open.
    pub today: chrono::NaiveDate,
}

/// How many pages a build rendered, and of those how many were record pages.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Rendered {
    pub pages: usize,
    pub records: usize,
}

pub(super) struct Ctx<'a> {
    pub tera: &'a tera::Tera,
    pub settings: &'a PageSettings,
}

impl Ctx<'_> {
    pub fn render<T: Serialize>(
        &self,
        name: &str,
        nav: &'static str,
        title: &str,
        root: &str,
        view: &T,
    ) -> Result<Vec<u8>, Error> {
        let mut c = tera::Context::from_serialize(view)
            .map_err(|e| super::theme::template_error(e, None))?;
        c.insert(
            "layout",
            &Layout {
                root: root.to_string(),
                site_title: self.settings.site_title.clone(),
                title: title.to_string(),
                nav,
            },
        );
        let out = self
            .tera
            .render(name, &c)
            .map_err(|e| super::theme::template_error(e, None))?;
        if name.ends_with(".xml") {
            return Ok(xml_chars(out).into_bytes());
        }
        Ok(out.into_bytes())
    }
}

/// `text` without the characters XML 1.0 forbids (controls but tab, newline and carriage
/// return; U+FFFE, U+FFFF), which no escape can write either: one in a title would leave a feed
/// no reader parses. Every XML file the site writes passes here.
pub fn xml_chars(text: String) -> String {
    let forbidden = |c: char| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}')
            || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if text.contains(forbidden) {
        text.replace(forbidden, "")
    } else {
        text
    }
}

/// Renders every page of the site that changed into `w`.
pub fn render_all(
    site: &Site<'_>,
    tera: &tera::Tera,
    settings: &PageSettings,
    base: &Fingerprint,
    w: &Writer,
) -> Result<Rendered, Error> {
    let ctx = Ctx { tera, settings };
    // Each record's source first (cheap), so the listing pages can render beside the record
    // pages; each record's view is built once, for its key and its page.
    let sources: Vec<String> = (0..site.entries.len())
        .into_par_iter()
        .map(|i| keys::source(site, i))
        .collect();
    let listing_key = keys::listing(base, &sources, settings.today);
    let records = AtomicUsize::new(0);
    let (rec, listed) = rayon::join(
        || {
            sources.par_iter().enumerate().try_for_each_init(
                || record_page::Bodies::new(site, ROOT),
                |bodies, (i, source)| {
                    let view = record_page::build(site, i, ROOT);
                    let key = keys::record(base, source, &view);
                    if !w.reuse(&site.entries[i].url, &key) {
                        record(site, &ctx, w, bodies, i, &key, view)?;
                        records.fetch_add(1, Ordering::Relaxed);
                    }
                    Ok::<(), Error>(())
                },
            )
        },
        || {
            if w.reuse_group(&listing_key) {
                return Ok(0);
            }
            lists::render(site, &ctx, w, &listing_key)
        },
    );
    rec?;
    let records = records.into_inner();
    Ok(Rendered {
        pages: records + listed?,
        records,
    })
}

/// Record pages live two folders down (`r/<project>/`).
const ROOT: &str = "../../";

/// Renders record `i`'s page from its `view` ([`record_page::build`]) and its body.
fn record(
    site: &Site<'_>,
    ctx: &Ctx<'_>,
    w: &Writer,
    bodies: &record_page::Bodies<'_>,
    i: usize,
    key: &str,
    mut view: record_page::RecordView,
) -> Result<(), Error> {
    let body = bodies.html(i);
    view.html = body.html;
    view.toc = (body.headings.into_iter())
        .filter(|h| h.level <= 3)
        .map(|h| record_page::TocItem {
            id: h.id,
            text: h.text,
            level: h.level,
        })
        .collect();
    let title = format!("{} {}", view.number, view.title.replace('`', ""));
    let bytes = ctx.render("record.html", "log", title.trim(), ROOT, &view)?;
    w.put(&site.entries[i].url, key, &bytes)
}
