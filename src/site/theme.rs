//! The built-in templates and assets (embedded, so the binary works alone) and a user's folder
//! that overrides them file by file, as zola and mdBook do.

use crate::error::Error;
use std::path::Path;

macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/templates/site/", $name)))),*]
    };
}

/// Templates rendered with tera, by name.
pub const TEMPLATES: &[(&str, &str)] = embed!(
    "base.html",
    "index.html",
    "log.html",
    "record.html",
    "quality.html",
    "quality-attribute.html",
    "goals.html",
    "due.html",
    "record-governance.html",
    "facet.html",
    "graph.html",
    "search.html",
    "feed.xml",
    "sitemap.xml",
);

/// Static files copied to `assets/` unchanged.
pub const ASSETS: &[(&str, &str)] = embed!("style.css", "site.js", "search.js");

/// The effective theme: each built-in file, or the user's file of the same name.
#[derive(Debug, Clone)]
pub struct Theme {
    pub templates: Vec<(String, String)>,
    pub assets: Vec<(String, String)>,
}

impl Theme {
    pub fn load(user_dir: Option<&Path>) -> Result<Theme, Error> {
        let pick = |list: &[(&str, &str)]| -> Result<Vec<(String, String)>, Error> {
            list.iter()
                .map(|(name, text)| {
                    let user = user_dir.map(|d| d.join(name)).filter(|p| p.is_file());
                    let text = match user {
                        Some(p) => std::fs::read_to_string(&p).map_err(|e| Error::io(&p, e))?,
                        None => (*text).to_string(),
                    };
                    Ok((name.to_string(), text))
                })
                .collect()
        };
        Ok(Theme {
            templates: pick(TEMPLATES)?,
            assets: pick(ASSETS)?,
        })
    }

    /// A tera instance with every template parsed. Template errors name the file and line.
    pub fn tera(&self, user_dir: Option<&Path>) -> Result<tera::Tera, Error> {
        let mut t = tera::Tera::new();
        t.add_raw_templates(self.templates.iter().map(|(n, s)| (n.as_str(), s.as_str())))
            .map_err(|e| template_error(e, user_dir))?;
        Ok(t)
    }
}

/// A tera error as a config error naming the template (tera's message carries the line).
pub fn template_error(e: tera::Error, user_dir: Option<&Path>) -> Error {
    let mut message = e.to_string();
    let mut src: &dyn std::error::Error = &e;
    while let Some(s) = src.source() {
        message.push_str(": ");
        message.push_str(&s.to_string());
        src = s;
    }
    Error::Config {
        path: user_dir.map_or_else(|| "templates/site".into(), Path::to_path_buf),
        line: None,
        message,
    }
}

/// Writes every built-in template and asset into `dir` for a team to change, never
/// overwriting a file that is already there.
pub fn eject(dir: &Path) -> Result<Vec<String>, Error> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = Vec::new();
    for (name, text) in TEMPLATES.iter().chain(ASSETS) {
        let p = dir.join(name);
        match crate::fsx::create_new(&p, text.as_bytes()) {
            Ok(()) => written.push(name.to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::io(&p, e)),
        }
    }
    Ok(written)
}
