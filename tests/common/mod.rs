//! Test helpers: a temp dir, the real `adr` binary, and a scrubbed environment.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A scratch repository in a temp dir.
pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `adr` run in the sandbox root with nothing from the caller's environment that could
    /// change its behaviour, and a fixed date.
    pub fn adr(&self) -> Command {
        self.adr_in(".")
    }

    pub fn adr_in(&self, sub: &str) -> Command {
        let mut cmd = Command::cargo_bin("adr").expect("adr binary");
        cmd.current_dir(self.path().join(sub));
        for var in [
            "VISUAL",
            "EDITOR",
            "ADR_FORMAT",
            "ADR_TEMPLATE",
            "ADR_DATE",
            "NO_COLOR",
            "GIT_DIR",
        ] {
            cmd.env_remove(var);
        }
        cmd.env("HOME", self.path());
        cmd.env("ADR_DATE", "1992-01-12");
        cmd.env("GIT_AUTHOR_NAME", "Test")
            .env("GIT_AUTHOR_EMAIL", "test@example.invalid");
        cmd.env("GIT_COMMITTER_NAME", "Test")
            .env("GIT_COMMITTER_EMAIL", "test@example.invalid");
        cmd
    }

    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, content).unwrap();
        p
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel))
            .unwrap_or_else(|e| panic!("reading {rel}: {e}"))
    }

    pub fn files(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path().join(rel))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

/// The shared corpus of real-world records, if present (it is in CI).
pub fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: corpus not found at {}", p.display());
        None
    }
}

pub fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
