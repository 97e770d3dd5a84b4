//! Creating new records: choosing the number, the file name and the text, and writing the file
//! so that concurrent runs never take the same number.

use crate::error::Error;
use crate::fsx;
use crate::model::Format;
use crate::names;
use crate::repo::{self, Repo};
use crate::template;
use std::path::PathBuf;

mod draft;
pub mod guided;
mod linked;
pub use draft::Draft;
pub use linked::{CreatedLinked, LinkSpec, create_linked};

/// What to create.
#[derive(Debug, Clone, Default)]
pub struct NewRecord {
    pub title: String,
    pub status: Option<String>,
    pub date: Option<String>,
    pub tags: Vec<String>,
    pub scope: Vec<String>,
    pub deciders: Vec<String>,
    /// A template file that overrides the usual lookup (`adr init` uses the built-in init text).
    pub template_text: Option<String>,
    /// `adr new --template NAME`: `NAME.md` of the repository's template folders.
    pub template: Option<String>,
    /// The whole text, written as it is: no template is read or filled (guided authoring
    /// writes what the answers say, and an answer holding `DATE` must stay `DATE`).
    pub text: Option<String>,
    /// Take the tags, scope and deciders of the records this one supersedes too (`adr
    /// supersede`), so the code they governed stays governed by a current decision.
    pub carry: bool,
    /// The whole record from structured input, instead of a template to fill.
    pub draft: Option<Draft>,
}

/// The record that was written.
#[derive(Debug, Clone)]
pub struct Created {
    pub number: u32,
    pub path: PathBuf,
    pub format: Format,
}

/// The date for a new record: `ADR_DATE` verbatim (as adr-tools takes it), else today.
pub fn today() -> String {
    match std::env::var("ADR_DATE") {
        Ok(d) if !d.is_empty() => d,
        _ => chrono::Local::now().format("%Y-%m-%d").to_string(),
    }
}

fn check_title(title: &str) -> Result<(), Error> {
    if title.trim().is_empty() {
        return Err(Error::NoTitle);
    }
    if let Some(c) = title.chars().find(|c| c.is_control()) {
        return Err(Error::Usage(format!(
            "a title cannot contain control characters such as {c:?}: it becomes a heading and \
             a file name"
        )));
    }
    if let Some(c) = title.chars().find(|&c| crate::shell::is_bidi_control(c)) {
        return Err(Error::Usage(format!(
            "a title cannot contain bidirectional-text controls such as {c:?}: they make the \
             title read differently from what it says"
        )));
    }
    Ok(())
}

/// The format of the newest (highest-numbered) record: reading one file, not the whole log,
/// keeps `adr new` fast in a repository of thousands of records.
fn detected_format(files: &[repo::RecordFile]) -> Format {
    let newest = files
        .iter()
        .filter(|f| f.name.number.is_some())
        .max_by_key(|f| f.name.number);
    match newest {
        Some(f) => repo::read_record(f).0.format,
        None => Format::Structured,
    }
}

/// The format new records are written in: the configured one, else the newest record's.
fn new_record_format(repo: &Repo, files: &[repo::RecordFile]) -> Format {
    repo.format.unwrap_or_else(|| detected_format(files))
}

/// The format `adr new` writes in this repository.
pub fn format_of(repo: &Repo) -> Result<Format, Error> {
    let files = if repo.dir.is_dir() {
        repo::list_record_files(&repo.dir)?
    } else {
        Vec::new()
    };
    Ok(new_record_format(repo, &files))
}

/// `spec` with the tags, scope and deciders of `olds` added after its own (each once), where a
/// record of the new one's format has a place for them: all three in the structured format,
/// tags and deciders (`decision-makers`) in MADR, none in adr-tools' layout.
fn carried(
    repo: &Repo,
    spec: &NewRecord,
    olds: &[&crate::model::Record],
) -> Result<NewRecord, Error> {
    let mut spec = spec.clone();
    let format = new_record_format(repo, &repo::list_record_files(&repo.dir)?);
    let add = |into: &mut Vec<String>, from: &[String]| {
        for item in from {
            if !into.iter().any(|i| i.trim() == item.trim()) {
                into.push(item.clone());
            }
        }
    };
    for old in olds {
        if format != Format::Nygard {
            add(&mut spec.tags, &old.tags);
            add(&mut spec.deciders, &old.deciders);
        }
        if format == Format::Structured {
            add(&mut spec.scope, &old.scope);
        }
    }
    Ok(spec)
}

/// Creates the next record in `repo.dir`, creating the directory if needed.
pub fn create(repo: &Repo, spec: &NewRecord) -> Result<Created, Error> {
    check_title(&spec.title)?;
    // Before the folder is made: a folder outside the repository is not made either.
    repo.check_inside()?;
    let dir = &repo.dir;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let lock = repo.lock()?;
    create_locked(repo, spec, &lock)
}

/// [`create`] for a caller that already holds the directory lock.
pub fn create_locked(
    repo: &Repo,
    spec: &NewRecord,
    _lock: &fsx::DirLock,
) -> Result<Created, Error> {
    let plan = Plan::new(repo, spec)?;
    let mut number = plan.first_number;
    loop {
        let (path, text) = plan.render(spec, number);
        match fsx::create_new(&path, text.as_bytes()) {
            Ok(()) => {
                return Ok(Created {
                    number,
                    path,
                    format: plan.format,
                });
            }
            // Someone outside the lock (another tool, a git checkout) took the name.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => number += 1,
            Err(e) => return Err(Error::io(&path, e)),
        }
    }
}

/// A new record planned but not written: its number, path, format and text. A change that
/// links the new record (`adr new -s`, `adr supersede`) adds the links to this text and then
/// creates the file once, complete, so an interruption never leaves it unlinked.
#[derive(Debug, Clone)]
pub struct Planned {
    pub created: Created,
    pub text: String,
}

/// [`create_locked`] without the write: the first free name under the lock.
pub fn plan_locked(repo: &Repo, spec: &NewRecord, _lock: &fsx::DirLock) -> Result<Planned, Error> {
    let plan = Plan::new(repo, spec)?;
    let mut number = plan.first_number;
    loop {
        let (path, text) = plan.render(spec, number);
        if std::fs::symlink_metadata(&path).is_err() {
            let created = Created {
                number,
                path,
                format: plan.format,
            };
            return Ok(Planned { created, text });
        }
        number += 1;
    }
}

/// What a new record's text and name come from.
struct Plan {
    dir: PathBuf,
    format: Format,
    template_text: String,
    slug: String,
    default_status: &'static str,
    date: String,
    first_number: u32,
}

impl Plan {
    fn new(repo: &Repo, spec: &NewRecord) -> Result<Plan, Error> {
        check_title(&spec.title)?;
        let dir = &repo.dir;
        let files = repo::list_record_files(dir)?;
        let format = new_record_format(repo, &files);
        let kept_in_front = [&spec.tags, &spec.scope, &spec.deciders];
        if format == Format::Nygard && kept_in_front.iter().any(|v| !v.is_empty()) {
            return Err(Error::Usage(
                "--tag, --scope and --decider are kept in front matter, which nygard records \
                 do not have; use the structured or madr format"
                    .into(),
            ));
        }
        if format == Format::Madr && !spec.scope.is_empty() {
            return Err(Error::Usage(
                "--scope is a structured-format key; a MADR record has no place for it".into(),
            ));
        }
        let template_text = match (&spec.text, &spec.template_text, &spec.draft) {
            (Some(_), _, _) | (None, None, Some(_)) => String::new(),
            (None, Some(t), _) => t.clone(),
            (None, None, None) => repo.templates().text(spec.template.as_deref(), format)?,
        };
        let plan = Plan {
            dir: dir.clone(),
            format,
            template_text,
            slug: match format {
                Format::Nygard => names::slug_ascii(&spec.title),
                _ => names::slug_unicode(&spec.title),
            },
            // A draft from structured input is a proposal, whatever adr-tools' default.
            default_status: match (format, spec.draft.is_some()) {
                (Format::Nygard, false) => "Accepted",
                (Format::Nygard, true) => "Proposed",
                _ => "proposed",
            },
            date: spec.date.clone().unwrap_or_else(today),
            first_number: files
                .iter()
                .filter_map(|f| f.name.number)
                .max()
                .map_or(1, |n| n + 1),
        };
        if let Some(draft) = &spec.draft {
            let (path, text) = plan.render(spec, plan.first_number);
            let file = crate::lifecycle::record_file(&path);
            draft.check(&text, plan.status(spec), &file)?;
        }
        Ok(plan)
    }

    /// The status the new record is written with.
    fn status<'a>(&'a self, spec: &'a NewRecord) -> &'a str {
        spec.status.as_deref().unwrap_or(self.default_status)
    }

    /// The path and text of the record if it gets `number`.
    fn render(&self, spec: &NewRecord, number: u32) -> (PathBuf, String) {
        let fill = template::Fill {
            number,
            title: &spec.title,
            date: &self.date,
            status: self.status(spec),
        };
        let path = self.dir.join(names::record_file_name(number, &self.slug));
        if let Some(text) = &spec.text {
            return (path, text.clone());
        }
        if let Some(draft) = &spec.draft {
            let header = draft::Header {
                fill: &fill,
                tags: &spec.tags,
                scope: &spec.scope,
                deciders: &spec.deciders,
            };
            return (path, draft.render(self.format, &header));
        }
        let text = template::fill(&self.template_text, &fill);
        let text = template::set_list(&text, "tags", &spec.tags);
        // `scope` and `deciders` are structured-format keys: added to a MADR file they would
        // make it read as structured; MADR names the deciders `decision-makers`.
        let text = match self.format {
            Format::Structured => {
                let text = template::set_list(&text, "scope", &spec.scope);
                template::set_list(&text, "deciders", &spec.deciders)
            }
            _ => template::set_list(&text, "decision-makers", &spec.deciders),
        };
        (path, text)
    }
}

/// When other folders hold records too, the note saying which log a new record went to.
pub fn other_logs_note(repo: &Repo) -> Option<String> {
    if repo.others.is_empty() {
        return None;
    }
    let others: Vec<String> = repo
        .others
        .iter()
        .map(|d| d.display().to_string())
        .collect();
    let verb = if others.len() == 1 { "holds" } else { "hold" };
    Some(format!(
        "note: {} also {verb} records; this one went to {}, the first in discovery order \
         (run `adr init --dir FOLDER` to pick the log for good)",
        others.join(", "),
        repo.dir.display()
    ))
}
