//! `adr site`: the organisation's decision log as a static site.
//!
//! The pipeline: the [`SiteConfig`], read with the rest of the config, says what to publish;
//! [`source`] reads local folders, git repositories and JSON bundles into published records
//! ([`record`]); [`links`] gives every record a page and resolves links across records and
//! projects; [`pages`] renders the pages with tera from [`views`] and the [`theme`]; [`output`]
//! swaps the result into place.

pub mod bound;
pub mod encode;
pub mod governance;
pub mod graph;
pub mod http;
pub mod images;
pub mod keys;
pub mod links;
pub mod lists;
pub mod manifest;
pub mod markdown;
pub mod nav;
pub mod output;
pub mod pages;
pub mod quality;
pub mod record;
pub mod record_page;
pub mod refs;
pub mod search;
pub mod serve;
pub mod slug;
pub mod source;
pub mod svg;
pub mod theme;
pub mod urls;
pub mod views;

use crate::config::SiteConfig;
use crate::error::Error;
use crate::model::Diagnostic;
use crate::repo::Repo;
use crate::shell::Shell;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What `adr site build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    /// A site config file; without it, the `[site]` table of `.adr.toml`.
    pub config: Option<PathBuf>,
    /// `--dir`: the decision folder of the current repository.
    pub dir: Option<PathBuf>,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    pub projects: usize,
    pub records: usize,
    pub unresolved_links: usize,
    pub stats: output::WriteStats,
    /// Pages rendered this build; the others were kept from the last one.
    pub rendered: pages::Rendered,
    pub diagnostics: Vec<Diagnostic>,
    pub elapsed: Duration,
}

/// The site config and the folder its relative paths start from.
pub fn resolve_config(opts: &BuildOptions) -> Result<(SiteConfig, Option<Repo>), Error> {
    if let Some(path) = &opts.config {
        let cfg = SiteConfig::load(path)?;
        // A config listing no sources publishes the repository it sits in.
        let repo = if cfg.sources.is_empty() {
            Some(Repo::discover(opts.dir.as_deref())?)
        } else {
            None
        };
        return Ok((cfg, repo));
    }
    let repo = Repo::discover(opts.dir.as_deref())?;
    let mut cfg = repo.config.site.clone().unwrap_or_default();
    let base = repo
        .config_path
        .as_deref()
        .and_then(Path::parent)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    cfg.resolve_paths(&base);
    if let Some(p) = &repo.config_path {
        cfg.validate(p)?;
    }
    Ok((cfg, Some(repo)))
}

/// Builds of at least this many records say so when they start.
pub const ANNOUNCE_AT: usize = 500;

/// Builds the whole site into `--out` (default: config `out`, then `site`), saying on `shell`
/// what it starts on and how far rendering got.
pub fn build(opts: &BuildOptions, shell: &Shell) -> Result<BuildReport, Error> {
    let start = Instant::now();
    let (cfg, repo) = resolve_config(opts)?;
    let mut loaded = source::load_all(&cfg, repo.as_ref())?;
    for p in &mut loaded.projects {
        if let Some(bad) = p.file_url.take_if(|u| !urls::template_allowed(u)) {
            shell.note(format!(
                "note: {}: file URL `{}` is not an http, https or relative address; its records \
                 do not link to their files",
                p.name,
                bad.escape_debug()
            ));
        }
    }
    let records: usize = loaded.projects.iter().map(|p| p.records.len()).sum();
    if records >= ANNOUNCE_AT {
        let projects = loaded.projects.len();
        shell.status(format!(
            "building {} from {}...",
            crate::view::count(records, "record"),
            crate::view::count(projects, "project")
        ));
    }
    let progress = std::sync::Arc::new(shell.progress("rendering"));
    let theme = theme::Theme::load(cfg.templates.as_deref())?;
    let tera = theme.tera(cfg.templates.as_deref())?;
    let mut site = links::Site::new(&loaded.projects);
    site.images = images::find(&site);
    site.goals = governance::pages(&cfg.goals, &site);
    for refused in &site.images.refused {
        shell.note(format!("note: image not published: {refused}"));
    }
    let mut base_url = opts
        .base_url
        .clone()
        .or(cfg.base_url.clone())
        .unwrap_or_default();
    if !base_url.is_empty() && !base_url.ends_with('/') {
        base_url.push('/');
    }
    // Sitemaps and feed ids must be absolute URLs; a relative one would make both invalid.
    if !base_url.is_empty()
        && !["https://", "http://"]
            .iter()
            .any(|s| base_url.starts_with(s))
    {
        return Err(Error::Usage(format!(
            "base URL `{base_url}` is not absolute: give the full address the site is published \
             at, e.g. https://example.org/adr/"
        )));
    }
    if base_url.is_empty() {
        shell.status(
            "note: sitemap.xml not written: it needs the address the site is published at \
             (--base-url or `base-url` in the site config)",
        );
    }
    let settings = pages::PageSettings {
        site_title: cfg
            .title
            .clone()
            .unwrap_or_else(|| "Architecture decisions".into()),
        base_url,
        today: crate::governance::today(),
    };
    let out = opts
        .out
        .clone()
        .or(cfg.out.clone())
        .unwrap_or_else(|| PathBuf::from("site"));
    let writer = output::Writer::open(&out)?.with_progress(progress);
    for p in &writer.removed {
        shell.note(format_args!(
            "removed {}, left by a site build that was killed",
            p.display()
        ));
    }
    let base = keys::base(&theme, &settings, &site);
    let rendered = pages::render_all(&site, &tera, &settings, &base, &writer)?;
    images::write(&site.images, &writer)?;
    for (name, text) in &theme.assets {
        writer.put(&format!("assets/{name}"), "", text.as_bytes())?;
    }
    let stats = writer.commit()?;
    Ok(BuildReport {
        out,
        projects: loaded.projects.len(),
        records,
        unresolved_links: site.unresolved.len(),
        stats,
        rendered,
        diagnostics: loaded.diagnostics,
        elapsed: start.elapsed(),
    })
}
