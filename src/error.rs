//! Typed errors that carry the file (and line) they are about, and the documented exit codes.

use std::path::{Path, PathBuf};

/// Exit codes, documented in the README. Stable: scripts rely on them.
pub mod exit {
    /// Everything asked for was done.
    pub const OK: u8 = 0;
    /// The command ran and found problems at or above the `--deny` level (check, review).
    pub const FINDINGS: u8 = 1;
    /// The command could not do what was asked: bad arguments, no repository, no such record,
    /// a file that could not be written. Nothing was changed.
    pub const ERROR: u8 = 2;
    /// The command completed, but some records could not be read cleanly (invalid front matter,
    /// invalid UTF-8, a binary or empty file); each is reported on stderr with its path and line.
    pub const UNREADABLE: u8 = 3;
}

/// An error that stops a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    Config {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
    #[error("no decision record matches `{0}`")]
    NotFound(String),
    #[error("`{reference}` matches {} records: {}", candidates.len(), candidates.join(", "))]
    Ambiguous {
        reference: String,
        candidates: Vec<String>,
    },
    /// adr-tools prints exactly this text, and scripts grep for it.
    #[error("ERROR: no title given")]
    NoTitle,
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Git(String),
    #[error("decision directory {} does not exist (run `adr init` first, or pass --dir)", .0.display())]
    NoDirectory(PathBuf),
    /// `adr init` where a decision log already holds records: a second log would start again
    /// at 0001 beside it. `logs` are the folders found (never none), with their record counts.
    #[error(
        "a decision log already exists: {}; not starting a second one{} (add records with \
         `adr new`, or run `adr init --dir {}` to write config for the existing log)",
        holding(logs),
        wanted.as_ref().map(|w| format!(" in {}", w.display())).unwrap_or_default(),
        logs[0].0.display()
    )]
    LogExists {
        logs: Vec<(PathBuf, usize)>,
        /// The folder asked for, if one was.
        wanted: Option<PathBuf>,
    },
    /// [`Error::NoDirectory`] in adr-tools' words, for an adr-tools repository (`adr list`).
    #[error("The {} directory does not exist", .0.display())]
    AdrToolsNoDirectory(PathBuf),
}

/// `docs/decisions holds 2 records, docs/adr holds 1 record`.
fn holding(logs: &[(PathBuf, usize)]) -> String {
    let one = |(dir, n): &(PathBuf, usize)| {
        format!(
            "{} holds {}",
            dir.display(),
            crate::view::count(*n, "record")
        )
    };
    logs.iter().map(one).collect::<Vec<_>>().join(", ")
}

/// What the command line prints for an error that stopped a command: `error: <message>`, then
/// each cause on its own `Caused by:` line, as cargo prints them; adr-tools' own messages as
/// they are. `adr mcp` answers a failed tool call with the same words.
pub fn describe(err: &anyhow::Error) -> String {
    // A message may quote a title, a reference or a file name: shown, never obeyed.
    let safe = |t: &str| crate::shell::printable(t).into_owned();
    if let Some(e) = err.downcast_ref::<Error>()
        && e.is_adr_tools_text()
    {
        return safe(&err.to_string());
    }
    let mut last = err.to_string();
    let mut out = format!("error: {}", safe(&last));
    for cause in err.chain().skip(1) {
        // Errors that carry a path say `path: reason` and keep the reason as their source; the
        // reason is not worth a second line of its own.
        let text = cause.to_string();
        if !last.ends_with(&text) {
            out.push_str("\nCaused by: ");
            out.push_str(&safe(&text));
        }
        last = text;
    }
    out
}

impl Error {
    /// adr-tools' own messages, which scripts look for: printed as they are, with no `error: `.
    pub fn is_adr_tools_text(&self) -> bool {
        matches!(self, Error::NoTitle | Error::AdrToolsNoDirectory(_))
    }

    pub fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
