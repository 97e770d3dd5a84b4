//! Keys of the inputs each page is rendered from, so a rebuild renders only the pages whose
//! inputs changed and keeps the rest from the last build (the manifest stores the keys).
//!
//! A record page's key covers everything it shows: its record, its view (which carries the
//! labels, statuses and URLs of the records it links to or is linked from, its supersede chain
//! and its git dates), and the [`base`] every page shares. The pages listing many records
//! (home, log, facets, graph, feed, sitemap, `decisions.json`, the search index) share one key
//! made from every record, so they are rendered again whenever any record changed.

use super::links::Site;
use super::manifest::Fingerprint;
use super::pages::PageSettings;
use super::record_page::RecordView;
use super::theme::Theme;

/// What every page depends on: this adr binary, the templates, the settings, and the site's
/// shape (which records exist, where, and their pages' URLs; relative links in a body resolve
/// against it, so adding or renaming a record renders every page again).
pub fn base(theme: &Theme, settings: &PageSettings, site: &Site<'_>) -> Fingerprint {
    let mut f = Fingerprint::default();
    f.add(env!("CARGO_PKG_VERSION").as_bytes());
    // A rebuilt binary may render differently; its size and time stand in for its version.
    if let Some(m) = std::env::current_exe().ok().and_then(|p| p.metadata().ok()) {
        f.add_value(&(m.len(), m.modified().ok()));
    }
    for (name, text) in &theme.templates {
        f.add(name.as_bytes()).add(text.as_bytes());
    }
    f.add(settings.site_title.as_bytes())
        .add(settings.base_url.as_bytes())
        .add_value(&site.goals);
    for p in site.projects {
        f.add_value(&(&p.name, &p.root, &p.file_url, &p.goals, &p.governance));
    }
    for e in &site.entries {
        f.add_value(&(e.project, &e.url, &e.rec.path, &e.rec.id, &e.rec.repo_path));
    }
    f
}

/// What record `i` brings to every page that shows it: the record as read and the images
/// published beside its page. Hashed once per build, for its own page's key and the listing
/// pages' key.
pub fn source(site: &Site<'_>, i: usize) -> String {
    let mut f = Fingerprint::default();
    f.add_value(site.entries[i].rec)
        .add_value(&site.images.outs(i));
    f.hex()
}

/// The key of one record's page: the shared base, the record's [`source`] and its page's view.
pub fn record(base: &Fingerprint, source: &str, view: &RecordView) -> String {
    let mut f = base.clone();
    f.add(b"record").add(source.as_bytes()).add_value(view);
    f.hex()
}

/// The key of the pages that list every record: the shared base, every record's [`source`] and
/// the day. What a record page's view adds to its source (its links' labels, its chain, its
/// sidebar) is made from the records and the base, so the sources cover it.
pub fn listing(base: &Fingerprint, sources: &[String], today: chrono::NaiveDate) -> String {
    let mut f = base.clone();
    // What is due for review and how long proposals are open change with the day.
    f.add(b"listing").add(today.to_string().as_bytes());
    for k in sources {
        f.add(k.as_bytes());
    }
    f.hex()
}
