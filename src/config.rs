//! The repository config file, `.adr.toml`, and the other tools' config files `adr` reads
//! (`.adr-dir` from adr-tools, `.log4brains.yml`, `.adr.json` from phodal/adr).
//!
//! Every setting lives here, the `[check]`, `[review]` and `[site]` tables too: the feature
//! modules read their settings from this module and it depends on none of them.

pub mod governance;
pub mod site;

pub use governance::{Approvers, Goal, GovernanceConfig};
pub use site::{SiteConfig, SourceConfig};

use crate::error::Error;
use crate::model::{Format, Severity};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The name of this tool's config file, looked for from the current directory upwards.
pub const CONFIG_FILE: &str = ".adr.toml";

/// Contents of `.adr.toml`. Every key is optional; unknown keys are ignored so that newer
/// versions' config files still load.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct Config {
    /// The decision directory, relative to the config file's folder.
    pub dir: Option<PathBuf>,
    /// More decision directories to read (a monorepo's packages); new records go to `dir`.
    pub extra_dirs: Vec<PathBuf>,
    /// Layout of new records: `structured`, `nygard` or `madr`.
    pub format: Option<String>,
    /// Statuses a team uses beyond the standard lifecycle, e.g. `["on hold"]`.
    pub extra_statuses: Vec<String>,
    /// A folder of record templates, relative to this file: `adr new --template NAME` writes
    /// from its `NAME.md`, and its `template.md` is the default.
    pub templates: Option<PathBuf>,
    /// `adr check` settings.
    pub check: CheckConfig,
    /// The `[site]` table: what `adr site build` publishes.
    pub site: Option<SiteConfig>,
    /// `adr review` settings.
    pub review: ReviewConfig,
    /// `[governance]`: approvals a decision needs before it is accepted.
    pub governance: GovernanceConfig,
    /// `[[goals]]`: the business goals records name in `goals:`.
    pub goals: Vec<Goal>,
    /// `adr mcp` settings.
    pub mcp: McpConfig,
}

/// The `[mcp]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct McpConfig {
    /// Offer the tools that write records (`draft_decision`, `supersede_decision`,
    /// `link_decisions`, `set_status`) unless the server is started with `--read-only`.
    pub write: bool,
}

/// The `[review]` table.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct ReviewConfig {
    /// How an edit to an accepted record's substance is reported: `warning` (default),
    /// `error` or `off`.
    pub accepted_edit: Option<String>,
    /// Where a reviewer reads a record, with `{id}`, `{number}` and `{path}` filled in, e.g.
    /// `https://adr.example.com/r/main/{id}.html`. Without it, records link to their file on
    /// GitHub or GitLab when the CI environment says where that is.
    pub record_url: Option<String>,
}

impl ReviewConfig {
    /// How an edit to an accepted record is reported: a severity, or `None` for `off`.
    pub fn accepted_edit_severity(&self) -> Result<Option<Severity>, Error> {
        match self.accepted_edit.as_deref() {
            None | Some("warning") => Ok(Some(Severity::Warning)),
            Some("error") => Ok(Some(Severity::Error)),
            Some("off") => Ok(None),
            Some(other) => Err(Error::Usage(format!(
                "[review] accepted-edit = `{other}`: expected warning, error or off"
            ))),
        }
    }
}

/// The `[check]` table: rules to turn off and severities to change.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "kebab-case")]
pub struct CheckConfig {
    /// Rule ids to turn off.
    pub disable: Vec<String>,
    /// Severity overrides by rule id: `{ no-status = "error" }`.
    pub severity: std::collections::BTreeMap<String, String>,
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let config: Config = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| 1 + text[..s.start.min(text.len())].matches('\n').count());
            Error::Config {
                path: path.to_path_buf(),
                line,
                message: e.message().to_string(),
            }
        })?;
        if let Some(message) = governance::goal_problem(&config.goals) {
            return Err(Error::Config {
                path: path.to_path_buf(),
                line: None,
                message,
            });
        }
        Ok(config)
    }

    /// Every goal declared: `[[goals]]`, then the `[site]` table's.
    pub fn all_goals(&self) -> impl Iterator<Item = &Goal> {
        let site = self.site.iter().flat_map(|s| &s.goals);
        self.goals.iter().chain(site)
    }

    /// The configured format, validated.
    pub fn format(&self, path: &Path) -> Result<Option<Format>, Error> {
        match &self.format {
            None => Ok(None),
            Some(name) => Format::from_name(name)
                .map(Some)
                .ok_or_else(|| Error::Config {
                    path: path.to_path_buf(),
                    line: None,
                    message: format!(
                        "unknown format `{name}`: expected structured, nygard or madr"
                    ),
                }),
        }
    }

    /// The text `adr init` writes.
    pub fn render(dir: &Path, format: Format) -> String {
        format!(
            "# Configuration of `adr`, the architecture decision record tool.\n\
             # Decision records live in this folder, relative to this file.\n\
             dir = {}\n\
             # Layout of new records: structured, nygard (adr-tools) or madr.\n\
             format = \"{format}\"\n",
            toml_string(&dir.to_string_lossy())
        )
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The decision directories named by log4brains' `.log4brains.yml` (`adrFolder`, and each
/// package's `adrFolder`), read without a YAML schema so unknown keys do not matter.
pub fn log4brains_dirs(text: &str) -> Vec<PathBuf> {
    let Ok(parsed) = crate::parse::yaml::parse(text) else {
        return Vec::new();
    };
    let project = &parsed.value["project"];
    let mut dirs = Vec::new();
    if let Some(d) = project["adrFolder"].as_str() {
        dirs.push(PathBuf::from(d));
    }
    for pkg in project["packages"].as_array().into_iter().flatten() {
        if let Some(d) = pkg["adrFolder"].as_str() {
            dirs.push(PathBuf::from(d));
        }
    }
    dirs
}

/// The directory in phodal/adr's `.adr.json` (`{"path": "docs/adr/"}`).
pub fn adr_json_dir(text: &str) -> Option<PathBuf> {
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    v["path"].as_str().map(PathBuf::from)
}
