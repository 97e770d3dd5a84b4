//! A decision log written into a fresh sandbox, record by record:
//! `Log::new().structured().nygard(1, "Use X", "Accepted").file("0002-y.md", text).sandbox()`.

use super::Sandbox;

/// The folder records are written to, as `adr init` makes it.
pub const DIR: &str = "doc/adr";

/// A sandbox being filled with a log's config and records (names relative to [`DIR`]).
pub struct Log {
    sandbox: Sandbox,
}

impl Default for Log {
    fn default() -> Log {
        Log::new()
    }
}

impl Log {
    /// An empty sandbox: no config, no folder (the first record makes `doc/adr`).
    pub fn new() -> Log {
        Log {
            sandbox: Sandbox::new(),
        }
    }

    /// `.adr.toml` holding `toml`.
    pub fn config(self, toml: &str) -> Log {
        self.sandbox.write(".adr.toml", toml);
        self
    }

    /// `.adr.toml` naming `doc/adr` and the structured format (what `adr init` writes).
    pub fn structured(self) -> Log {
        self.config("dir = \"doc/adr\"\nformat = \"structured\"\n")
    }

    /// `doc/adr/NAME` holding `text` as given.
    pub fn file(self, name: &str, text: impl AsRef<[u8]>) -> Log {
        self.sandbox.write(&format!("{DIR}/{name}"), text);
        self
    }

    /// Each `(name, text)` as [`Log::file`].
    pub fn files<T: AsRef<[u8]>>(self, files: &[(&str, T)]) -> Log {
        files
            .iter()
            .fold(self, |log, (name, text)| log.file(name, text))
    }

    /// adr-tools' record `N` (`doc/adr/000N-title.md`), see [`nygard`].
    pub fn nygard(self, n: u32, title: &str, status: &str) -> Log {
        self.file(&file_name(n, title), nygard(n, title, status, ""))
    }

    /// A MADR 2 record `N` (`doc/adr/000N-title.md`), see [`madr2`].
    pub fn madr2(self, n: u32, title: &str, status: &str) -> Log {
        self.file(&file_name(n, title), madr2(title, status))
    }

    /// The sandbox, written.
    pub fn sandbox(self) -> Sandbox {
        self.sandbox
    }
}

/// `000N-words-of-the-title.md`.
pub fn file_name(n: u32, title: &str) -> String {
    let slug: Vec<String> = title.split_whitespace().map(|w| w.to_lowercase()).collect();
    format!("{n:04}-{}.md", slug.join("-"))
}

/// An adr-tools record as `adr new` writes it: `# N. Title`, `Date: 2024-01-02`, a status
/// section holding `status` and then `extra` (link lines, a history), a one-word context.
pub fn nygard(n: u32, title: &str, status: &str, extra: &str) -> String {
    format!(
        "# {n}. {title}\n\nDate: 2024-01-02\n\n## Status\n\n{status}\n{extra}\n## Context\n\nWhy.\n"
    )
}

/// A MADR 2 record: the title, `* Status:` and `* Date:` bullets, a problem statement.
pub fn madr2(title: &str, status: &str) -> String {
    format!(
        "# {title}\n\n* Status: {status}\n* Date: 2024-01-02\n\n## Context and Problem Statement\n\n\
         Why.\n"
    )
}
