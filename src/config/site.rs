//! The site's configuration (`adr site`): the `[site]` table of `.adr.toml`, or a file of its
//! own given with `--config` (the same keys at top level). Every key is optional.

use crate::error::Error;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What the site publishes and how.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct SiteConfig {
    /// Shown in every page header and the feed.
    pub title: Option<String>,
    /// Absolute URL the site is published at; used by the feed and the sitemap only, pages use
    /// relative links so the site also works from `file://` and any sub-path.
    pub base_url: Option<String>,
    /// A folder whose files replace the built-in templates and assets of the same name.
    pub templates: Option<PathBuf>,
    /// Where git sources are cloned (default `.adr-cache` next to the config file).
    pub cache_dir: Option<PathBuf>,
    /// Where `adr site build` writes when `--out` is not given (default `site`).
    pub out: Option<PathBuf>,
    /// The decision logs to publish; none means the current repository's.
    pub sources: Vec<SourceConfig>,
    /// `[[goals]]`: the organisation's business goals, for the goals page.
    pub goals: Vec<super::Goal>,
}

/// One decision log of the organisation: a local folder, a git repository or a JSON bundle.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct SourceConfig {
    /// The project name, unique in the site; `project#12` links use it.
    pub name: String,
    /// A repository root (its `.adr.toml`, `.adr-dir`... are honoured) or a decision folder.
    pub path: Option<PathBuf>,
    /// A git URL, cloned into the cache folder on the first build and fetched afterwards.
    pub git: Option<String>,
    /// A bundle written by `adr export --format json`.
    pub bundle: Option<PathBuf>,
    /// The decision folder inside `path` or `git`, when discovery should not be used.
    pub dir: Option<PathBuf>,
    /// Link to a record's file in its repository; `{path}` is replaced by the path inside the
    /// repository, e.g. `https://github.com/o/r/blob/main/{path}`.
    pub file_url: Option<String>,
}

/// The `[site]` table as read from `.adr.toml`, or a whole site config file.
#[derive(Debug, Deserialize)]
struct Wrapper {
    site: Option<SiteConfig>,
    /// A repository's `.adr.toml` declares goals at its top level, beside `[site]`.
    #[serde(default)]
    goals: Vec<super::Goal>,
}

impl SiteConfig {
    /// Reads a site config file. Both a bare file (`title = ..`, `[[sources]]`) and one with a
    /// `[site]` table (so `--config other/.adr.toml` works) are accepted.
    pub fn load(path: &Path) -> Result<SiteConfig, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let err = |e: toml::de::Error| {
            let line = e
                .span()
                .map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count());
            Error::Config {
                path: path.to_path_buf(),
                line,
                message: e.message().to_string(),
            }
        };
        let mut cfg = match toml::from_str::<Wrapper>(&text).map_err(err)? {
            Wrapper {
                site: Some(mut s),
                goals,
            } => {
                s.goals.extend(goals);
                s
            }
            Wrapper { site: None, .. } => toml::from_str::<SiteConfig>(&text).map_err(err)?,
        };
        let base = path.parent().unwrap_or(Path::new("."));
        cfg.resolve_paths(base);
        cfg.validate(path)?;
        Ok(cfg)
    }

    /// Makes relative paths relative to the folder of the file that named them.
    pub fn resolve_paths(&mut self, base: &Path) {
        let fix = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        self.templates.as_mut().map(fix);
        self.cache_dir.as_mut().map(fix);
        for s in &mut self.sources {
            s.path.as_mut().map(fix);
            s.bundle.as_mut().map(fix);
        }
        if self.cache_dir.is_none() {
            self.cache_dir = Some(base.join(".adr-cache"));
        }
    }

    /// Names must be unique and usable in URLs; each source has exactly one origin.
    pub fn validate(&self, path: &Path) -> Result<(), Error> {
        let bad = |message: String| Error::Config {
            path: path.to_path_buf(),
            line: None,
            message,
        };
        if let Some(message) = super::governance::goal_problem(&self.goals) {
            return Err(bad(message));
        }
        let mut seen = std::collections::HashSet::new();
        for s in &self.sources {
            if s.name.trim().is_empty() {
                return Err(bad("every [[sources]] entry needs a `name`".into()));
            }
            if !seen.insert(s.name.as_str()) {
                return Err(bad(format!("source name `{}` is used twice", s.name)));
            }
            let origins = [s.path.is_some(), s.git.is_some(), s.bundle.is_some()];
            if origins.iter().filter(|o| **o).count() != 1 {
                return Err(bad(format!(
                    "source `{}` needs exactly one of `path`, `git` or `bundle`",
                    s.name
                )));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_errors_name_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("site.toml");
        std::fs::write(&p, "title = \"x\"\n[[sources]]\nname = 3\n").unwrap();
        let e = SiteConfig::load(&p).unwrap_err().to_string();
        assert!(e.contains("site.toml:3"), "{e}");
    }

    #[test]
    fn duplicate_source_names_are_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("site.toml");
        let src = "[[sources]]\nname = \"a\"\npath = \".\"\n";
        std::fs::write(&p, format!("{src}{src}")).unwrap();
        assert!(SiteConfig::load(&p).is_err());
    }
}
