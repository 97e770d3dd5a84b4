//! What `adr` says on stderr, through one object: the [`Shell`] owns verbosity (`--quiet`),
//! colour (`--color`, `NO_COLOR`, whether the stream is a terminal) and progress, as cargo's
//! `Shell` does. Data goes to stdout ([`crate::cmd::print`]); library code says what it does
//! through a `&Shell` it is given and never prints by itself.

mod progress;

pub use progress::Progress;

use crate::model::{Diagnostic, Severity};
use std::io::{IsTerminal, Write};

/// `--color`: whether human output is coloured (`auto`: see [`Shell::out_color`]). The
/// variants carry no doc comments: clap would print them in `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Where status, notes, diagnostics and progress go; see the module comment.
#[derive(Debug, Clone)]
pub struct Shell {
    quiet: bool,
    /// Whether stderr is a terminal: progress is drawn only there.
    err_terminal: bool,
}

impl Shell {
    /// The shell of a run; `quiet` is `--quiet`.
    pub fn new(quiet: bool) -> Shell {
        Shell {
            quiet,
            err_terminal: std::io::stderr().is_terminal(),
        }
    }

    /// What a command did or is doing (`wrote adr.1`, `built 12 records ...`): said even
    /// under `--quiet`, which silences only warnings and notes.
    pub fn status(&self, text: impl std::fmt::Display) {
        let _ = writeln!(std::io::stderr().lock(), "{text}");
    }

    /// A note or warning for the person at the terminal (`note: already linked ...`): not said
    /// under `--quiet`.
    pub fn note(&self, text: impl std::fmt::Display) {
        if !self.quiet {
            self.status(text);
        }
    }

    /// What reading found: errors always, warnings unless `--quiet`.
    pub fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        let mut stderr = std::io::stderr().lock();
        for d in diagnostics {
            if !self.quiet || d.severity == Severity::Error {
                let _ = writeln!(stderr, "{d}");
            }
        }
    }

    /// Whether human output on stdout is coloured under `choice`.
    pub fn out_color(&self, choice: ColorChoice) -> bool {
        use_color(
            choice,
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
        )
    }

    /// A counter of files done, `label: N files`, drawn live on stderr when it is a terminal;
    /// elsewhere it draws nothing.
    pub fn progress(&self, label: &'static str) -> Progress {
        if self.err_terminal {
            Progress::live(Box::new(std::io::stderr()), label)
        } else {
            Progress::silent()
        }
    }
}

/// Whether output is coloured: `--color always|never`, else only on a terminal and unless
/// `NO_COLOR` is set to something (no-color.org: an empty `NO_COLOR` does not count).
fn use_color(choice: ColorChoice, terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::{ColorChoice as Color, use_color};
    use std::ffi::OsStr;

    #[test]
    fn no_color_set_and_non_empty_turns_auto_colour_off() {
        let set = Some(OsStr::new("1"));
        let empty = Some(OsStr::new(""));
        assert!(use_color(Color::Auto, true, None));
        assert!(use_color(Color::Auto, true, empty));
        assert!(!use_color(Color::Auto, true, set));
        assert!(!use_color(Color::Auto, false, None));
        assert!(use_color(Color::Always, false, set));
        assert!(!use_color(Color::Never, true, None));
    }
}
