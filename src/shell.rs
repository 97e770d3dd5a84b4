//! What `adr` says on stderr, through one object: the [`Shell`] owns verbosity (`--quiet`),
//! colour (`--color`, `NO_COLOR`, whether the stream is a terminal) and progress, as cargo's
//! `Shell` does. Data goes to stdout ([`crate::cmd::print`]); library code says what it does
//! through a `&Shell` it is given and never prints by itself.

mod progress;

pub use progress::Progress;

use crate::model::{Diagnostic, Severity};
use std::borrow::Cow;
use std::io::{IsTerminal, Write};

/// Whether `c` is a bidirectional-text control that reorders what follows it: the embeddings,
/// overrides and isolates (U+202A-U+202E, U+2066-U+2069). Shown raw they make a line read
/// differently from what it holds ("Trojan Source"); the marks (U+200E, U+200F), which real
/// right-to-left titles use, are not among them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text from a record, a file name or a reference, made safe to print on a terminal: control
/// characters (ESC sequences retitle the window, move the cursor or hide text; C1 controls
/// too) and bidirectional-text controls are shown escaped, `\u{1b}`, never sent. Line breaks
/// (`\n`, `\r\n`) and tabs stay: this is for whole texts. Anyone who can open a pull request
/// writes records, so every human output passes through here (the [`Shell`], the views, the
/// error printer).
pub fn printable(text: &str) -> Cow<'_, str> {
    escape_where(text, |c, next| match c {
        '\n' | '\t' => false,
        '\r' => next != Some('\n'),
        c => c.is_control() || is_bidi_control(c),
    })
}

/// [`printable`] for one field of a line (a table cell): line breaks and tabs are escaped too.
pub fn printable_field(text: &str) -> Cow<'_, str> {
    escape_where(text, |c, _| c.is_control() || is_bidi_control(c))
}

fn escape_where(text: &str, escape: impl Fn(char, Option<char>) -> bool) -> Cow<'_, str> {
    use std::fmt::Write as _;
    let mut out: Option<String> = None;
    // Where the text not yet copied to `out` starts.
    let mut kept = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if escape(c, chars.peek().map(|&(_, next)| next)) {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
            o.push_str(&text[kept..i]);
            let _ = write!(o, "\\u{{{:x}}}", c as u32);
            kept = i + c.len_utf8();
        }
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut o) => {
            o.push_str(&text[kept..]);
            Cow::Owned(o)
        }
    }
}

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
        let text = text.to_string();
        let _ = writeln!(std::io::stderr().lock(), "{}", printable(&text));
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
                let _ = writeln!(stderr, "{}", printable(&d.to_string()));
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
    use super::{ColorChoice as Color, printable, printable_field, use_color};
    use std::ffi::OsStr;

    #[test]
    fn what_a_terminal_would_obey_is_shown_escaped() {
        assert_eq!(
            printable("Use Postgres 添加 שלום"),
            "Use Postgres 添加 שלום"
        );
        assert_eq!(
            printable("a\x1b]0;pwned\x07b\u{9b}c\u{202e}d\u{2066}e"),
            "a\\u{1b}]0;pwned\\u{7}b\\u{9b}c\\u{202e}d\\u{2066}e"
        );
        assert_eq!(
            printable("one\r\ntwo\tthree\rfour\n"),
            "one\r\ntwo\tthree\\u{d}four\n"
        );
        assert_eq!(printable_field("one\ntwo\t"), "one\\u{a}two\\u{9}");
    }

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
